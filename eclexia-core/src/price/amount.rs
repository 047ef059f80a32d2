//! Resource amounts written as unit strings (`"30J"`, `"250ms"`, `"1.5kWh"`, `"10GiB"`) or
//! plain numbers in canonical units, through the one unit table of [`crate::units`]
//! (ARCHITECTURE §4). Used by requests, configuration and the sidecar alike, so every
//! caller reports the same messages.

use std::fmt;

use crate::units::{Quantity, QuantityError, Resource};

/// Why an amount was rejected. The caller prefixes the field (`candidates[0].provides.energy:`).
#[derive(Clone, Debug, PartialEq)]
pub enum AmountError {
    /// The suffix is not in the unit table.
    UnknownUnit {
        /// The suffix as written.
        unit: String,
        /// The whole text.
        text: String,
    },
    /// The unit measures another dimension (`"10s"` for energy).
    WrongDimension {
        /// The resource expected.
        resource: Resource,
        /// The whole text.
        text: String,
    },
    /// Not a number with an optional unit.
    NotAnAmount {
        /// The resource expected.
        resource: Resource,
        /// The text (or JSON) found.
        text: String,
    },
    /// Negative, infinite or NaN.
    OutOfRange {
        /// The text (or number) found.
        text: String,
    },
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AmountError::UnknownUnit { unit, text } => {
                write!(f, "unknown unit suffix '{unit}' in \"{text}\"")
            }
            AmountError::WrongDimension { resource, text }
            | AmountError::NotAnAmount { resource, text } => write!(
                f,
                "expected {} such as \"{}\", found \"{text}\"",
                resource_kind(*resource),
                resource_amount_example(*resource)
            ),
            AmountError::OutOfRange { text } => {
                write!(f, "expected a finite amount >= 0, found \"{text}\"")
            }
        }
    }
}

impl std::error::Error for AmountError {}

/// "an energy amount", "a time amount", … as used in messages.
pub fn resource_kind(r: Resource) -> &'static str {
    match r {
        Resource::Energy => "an energy amount",
        Resource::Time => "a time amount",
        Resource::Carbon => "a carbon amount",
        Resource::Memory => "a memory amount",
        Resource::Network => "a network amount",
        Resource::Compute => "a compute amount",
    }
}

/// An example amount for messages (`"100J"` for energy).
pub fn resource_amount_example(r: Resource) -> &'static str {
    match r {
        Resource::Energy => "100J",
        Resource::Time => "250ms",
        Resource::Carbon => "5gCO2e",
        Resource::Memory => "64MiB",
        Resource::Network => "10MB",
        Resource::Compute => "10CU",
    }
}

/// Parses an amount of `resource`: a unit string of the right dimension, or a bare number
/// (meaning canonical units). The result is finite and `>= 0`.
///
/// ```
/// use eclexia_core::price::{parse_amount, Resource};
/// assert_eq!(parse_amount(Resource::Time, "250ms").unwrap(), 0.25);
/// assert_eq!(parse_amount(Resource::Energy, "1.5kWh").unwrap(), 5.4e6);
/// assert_eq!(parse_amount(Resource::Memory, "10GiB").unwrap(), 10737418240.0);
/// assert_eq!(parse_amount(Resource::Energy, "42").unwrap(), 42.0);
/// assert_eq!(
///     parse_amount(Resource::Energy, "10s").unwrap_err().to_string(),
///     r#"expected an energy amount such as "100J", found "10s""#
/// );
/// ```
pub fn parse_amount(resource: Resource, text: &str) -> Result<f64, AmountError> {
    let q = Quantity::parse(text).map_err(|e| match e {
        QuantityError::UnknownUnit(unit) => AmountError::UnknownUnit {
            unit,
            text: text.to_string(),
        },
        QuantityError::NotANumber(_) => AmountError::NotAnAmount {
            resource,
            text: text.to_string(),
        },
    })?;
    if !q.dim.is_dimensionless() && q.dim != resource.dim() {
        return Err(AmountError::WrongDimension {
            resource,
            text: text.to_string(),
        });
    }
    check_amount(q.value, text)
}

/// Checks that a number is a usable amount (finite, `>= 0`).
pub(crate) fn check_amount(value: f64, text: &str) -> Result<f64, AmountError> {
    if value.is_finite() && value >= 0.0 {
        Ok(value)
    } else {
        Err(AmountError::OutOfRange {
            text: text.to_string(),
        })
    }
}
