//! Physical dimensions, the unit table and resource names (LANGUAGE §2.6, §5.2, §7.1).
//!
//! This module is the **one** unit table of the code base: the lexer turns `250ms` into a
//! magnitude through [`lookup_unit`], and the configuration, pricing and sidecar code parse
//! `"100J"`-style strings through [`Quantity::parse`]. It depends on nothing else in the
//! crate so that every layer may use it.
//!
//! Magnitudes are binary64 values in the dimension's canonical unit. Conversion is exact
//! arithmetic on binary64 as §2.6 prescribes: units larger than canonical multiply by an
//! integer factor, smaller ones divide by an integer divisor (so `250ms` is
//! `250.0 / 1000.0`, never `250.0 * 0.001`).

use std::fmt;

/// The six base dimensions, in the fixed order of LANGUAGE §5.2.
pub const BASE_COUNT: usize = 6;

/// Canonical unit names of the base dimensions, in [`Dim`] vector order.
const BASE_UNITS: [&str; BASE_COUNT] = ["J", "s", "gCO2e", "B", "CU", "USD"];
/// Dimension names of the base dimensions, used in type names (`Resource<Energy*Time>`).
const BASE_NAMES: [&str; BASE_COUNT] = ["Energy", "Time", "Carbon", "Memory", "Compute", "Money"];

/// A physical dimension: integer exponents over Energy, Time, Carbon, Memory, Compute and
/// Money (LANGUAGE §5.2). The all-zero vector is "dimensionless", which the type system
/// treats as `Float`.
///
/// ```
/// use eclexia_core::units::Dim;
/// assert_eq!(Dim::ENERGY.div(Dim::TIME), Dim::POWER);
/// assert_eq!(Dim::POWER.unit_name(), "W");
/// assert_eq!(Dim::ENERGY.mul(Dim::TIME).unit_name(), "J*s");
/// assert!(Dim::ENERGY.div(Dim::ENERGY).is_dimensionless());
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, Default, PartialOrd, Ord)]
pub struct Dim(pub [i8; BASE_COUNT]);

impl Dim {
    /// No dimension (a plain number).
    pub const NONE: Dim = Dim([0; BASE_COUNT]);
    /// Energy, canonical unit `J`.
    pub const ENERGY: Dim = Dim([1, 0, 0, 0, 0, 0]);
    /// Time, canonical unit `s`.
    pub const TIME: Dim = Dim([0, 1, 0, 0, 0, 0]);
    /// Carbon, canonical unit `gCO2e`.
    pub const CARBON: Dim = Dim([0, 0, 1, 0, 0, 0]);
    /// Memory (data), canonical unit `B`.
    pub const MEMORY: Dim = Dim([0, 0, 0, 1, 0, 0]);
    /// Compute, canonical unit `CU`.
    pub const COMPUTE: Dim = Dim([0, 0, 0, 0, 1, 0]);
    /// Money, canonical unit `USD`.
    pub const MONEY: Dim = Dim([0, 0, 0, 0, 0, 1]);
    /// Power = Energy / Time, displayed as `W`.
    pub const POWER: Dim = Dim([1, -1, 0, 0, 0, 0]);
    /// Carbon intensity = Carbon / Energy.
    pub const CARBON_INTENSITY: Dim = Dim([-1, 0, 1, 0, 0, 0]);

    /// True for the all-zero vector.
    pub fn is_dimensionless(self) -> bool {
        self == Dim::NONE
    }

    /// Product of two dimensions (exponents add). Saturates instead of overflowing, so
    /// absurd programs such as `x*x*x…` with hundreds of factors cannot panic.
    #[allow(clippy::should_implement_trait)] // pre-existing; kept as written
    pub fn mul(self, other: Dim) -> Dim {
        let mut out = [0i8; BASE_COUNT];
        for (i, slot) in out.iter_mut().enumerate() {
            *slot = self.0[i].saturating_add(other.0[i]);
        }
        Dim(out)
    }

    /// Quotient of two dimensions (exponents subtract, saturating).
    #[allow(clippy::should_implement_trait)] // pre-existing; kept as written
    pub fn div(self, other: Dim) -> Dim {
        self.mul(other.inv())
    }

    /// The inverse dimension (exponents negated, saturating).
    pub fn inv(self) -> Dim {
        let mut out = [0i8; BASE_COUNT];
        for (i, slot) in out.iter_mut().enumerate() {
            *slot = self.0[i].saturating_neg();
        }
        Dim(out)
    }

    /// The dimension raised to an integer power (saturating).
    pub fn pow(self, n: i32) -> Dim {
        let mut out = [0i8; BASE_COUNT];
        for (i, slot) in out.iter_mut().enumerate() {
            let v = (self.0[i] as i32).saturating_mul(n);
            *slot = v.clamp(i8::MIN as i32, i8::MAX as i32) as i8;
        }
        Dim(out)
    }

    /// The first dimension name of LANGUAGE §5.2 that denotes this vector, if any.
    pub fn name(self) -> Option<&'static str> {
        DIMENSION_NAMES
            .iter()
            .find(|(_, d)| *d == self)
            .map(|(n, _)| *n)
    }

    /// The unit name U(D) of LANGUAGE §6.8: `J`, `W`, `J*s`, `gCO2e*J^-1`, `s^-1`.
    /// The dimensionless vector has an empty unit name.
    pub fn unit_name(self) -> String {
        if self == Dim::POWER {
            return "W".to_string();
        }
        self.join_bases(&BASE_UNITS)
    }

    /// The dimension as written inside `Resource<…>` in messages (LANGUAGE §12.1): its
    /// first §5.2 name where it has one (`Power`, never `Latency`), otherwise the U(D)
    /// form with dimension names (`Energy*Time`, `Time^-1`).
    pub fn type_name(self) -> String {
        match self.name() {
            Some(n) => n.to_string(),
            None => self.join_bases(&BASE_NAMES),
        }
    }

    fn join_bases(self, names: &[&str; BASE_COUNT]) -> String {
        let mut parts: Vec<String> = Vec::new();
        let positives = (0..BASE_COUNT).filter(|&i| self.0[i] > 0);
        let negatives = (0..BASE_COUNT).filter(|&i| self.0[i] < 0);
        for i in positives.chain(negatives) {
            let e = self.0[i];
            if e == 1 {
                parts.push(names[i].to_string());
            } else {
                parts.push(format!("{}^{}", names[i], e));
            }
        }
        parts.join("*")
    }
}

impl fmt::Display for Dim {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.type_name())
    }
}

/// Dimension names usable in `Resource<…>` and as bare types (LANGUAGE §5.2), in table
/// order: the first name of a vector is the one used in messages.
pub const DIMENSION_NAMES: &[(&str, Dim)] = &[
    ("Energy", Dim::ENERGY),
    ("Time", Dim::TIME),
    ("Latency", Dim::TIME),
    ("Duration", Dim::TIME),
    ("Carbon", Dim::CARBON),
    ("Memory", Dim::MEMORY),
    ("Data", Dim::MEMORY),
    ("Compute", Dim::COMPUTE),
    ("Money", Dim::MONEY),
    ("Power", Dim::POWER),
    ("CarbonIntensity", Dim::CARBON_INTENSITY),
];

/// Looks up a dimension name (`Energy`, `Latency`, `Power`, …).
pub fn dimension_by_name(name: &str) -> Option<Dim> {
    DIMENSION_NAMES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, d)| *d)
}

/// How a unit converts to its dimension's canonical unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scale {
    /// Multiply by this integer factor (units at least as large as canonical).
    Mul(f64),
    /// Divide by this integer divisor (units smaller than canonical).
    Div(f64),
}

/// One row of the unit table of LANGUAGE §2.6.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Unit {
    /// The suffix as written after a number (case-sensitive).
    pub name: &'static str,
    /// The dimension the unit measures.
    pub dim: Dim,
    /// The conversion to canonical units.
    pub scale: Scale,
}

impl Unit {
    /// Converts a number written in this unit to the canonical unit, exactly as §2.6
    /// prescribes (one binary64 multiplication or division).
    pub fn to_canonical(&self, number: f64) -> f64 {
        match self.scale {
            Scale::Mul(f) => number * f,
            Scale::Div(d) => number / d,
        }
    }
}

const fn unit(name: &'static str, dim: Dim, scale: Scale) -> Unit {
    Unit { name, dim, scale }
}

/// The normative unit table (LANGUAGE §2.6).
pub const UNITS: &[Unit] = &[
    // Energy
    unit("J", Dim::ENERGY, Scale::Mul(1.0)),
    unit("kJ", Dim::ENERGY, Scale::Mul(1e3)),
    unit("MJ", Dim::ENERGY, Scale::Mul(1e6)),
    unit("Wh", Dim::ENERGY, Scale::Mul(3600.0)),
    unit("kWh", Dim::ENERGY, Scale::Mul(3.6e6)),
    unit("mJ", Dim::ENERGY, Scale::Div(1e3)),
    unit("uJ", Dim::ENERGY, Scale::Div(1e6)),
    unit("μJ", Dim::ENERGY, Scale::Div(1e6)),
    unit("µJ", Dim::ENERGY, Scale::Div(1e6)),
    unit("nJ", Dim::ENERGY, Scale::Div(1e9)),
    // Time
    unit("s", Dim::TIME, Scale::Mul(1.0)),
    unit("min", Dim::TIME, Scale::Mul(60.0)),
    unit("h", Dim::TIME, Scale::Mul(3600.0)),
    unit("d", Dim::TIME, Scale::Mul(86400.0)),
    unit("ms", Dim::TIME, Scale::Div(1e3)),
    unit("us", Dim::TIME, Scale::Div(1e6)),
    unit("μs", Dim::TIME, Scale::Div(1e6)),
    unit("µs", Dim::TIME, Scale::Div(1e6)),
    unit("ns", Dim::TIME, Scale::Div(1e9)),
    // Power
    unit("W", Dim::POWER, Scale::Mul(1.0)),
    unit("kW", Dim::POWER, Scale::Mul(1e3)),
    unit("MW", Dim::POWER, Scale::Mul(1e6)),
    unit("mW", Dim::POWER, Scale::Div(1e3)),
    unit("uW", Dim::POWER, Scale::Div(1e6)),
    unit("μW", Dim::POWER, Scale::Div(1e6)),
    unit("µW", Dim::POWER, Scale::Div(1e6)),
    // Carbon
    unit("gCO2e", Dim::CARBON, Scale::Mul(1.0)),
    unit("gCO2", Dim::CARBON, Scale::Mul(1.0)),
    unit("kgCO2e", Dim::CARBON, Scale::Mul(1e3)),
    unit("kgCO2", Dim::CARBON, Scale::Mul(1e3)),
    unit("tCO2e", Dim::CARBON, Scale::Mul(1e6)),
    unit("tCO2", Dim::CARBON, Scale::Mul(1e6)),
    // Memory (data)
    unit("B", Dim::MEMORY, Scale::Mul(1.0)),
    unit("KB", Dim::MEMORY, Scale::Mul(1e3)),
    unit("MB", Dim::MEMORY, Scale::Mul(1e6)),
    unit("GB", Dim::MEMORY, Scale::Mul(1e9)),
    unit("TB", Dim::MEMORY, Scale::Mul(1e12)),
    unit("KiB", Dim::MEMORY, Scale::Mul(1024.0)),
    unit("MiB", Dim::MEMORY, Scale::Mul(1048576.0)),
    unit("GiB", Dim::MEMORY, Scale::Mul(1073741824.0)),
    unit("TiB", Dim::MEMORY, Scale::Mul(1099511627776.0)),
    unit("b", Dim::MEMORY, Scale::Div(8.0)),
    // Compute, money
    unit("CU", Dim::COMPUTE, Scale::Mul(1.0)),
    unit("USD", Dim::MONEY, Scale::Mul(1.0)),
];

/// Looks up a unit suffix in the table of §2.6 (case-sensitive).
///
/// ```
/// use eclexia_core::units::{lookup_unit, Dim};
/// let ms = lookup_unit("ms").unwrap();
/// assert_eq!(ms.dim, Dim::TIME);
/// assert_eq!(ms.to_canonical(250.0), 0.25);
/// assert!(lookup_unit("mb").is_none());
/// ```
pub fn lookup_unit(name: &str) -> Option<&'static Unit> {
    UNITS.iter().find(|u| u.name == name)
}

/// The F(x) float format of LANGUAGE §6.8 (identical to Rust's `{:?}` for `f64`).
///
/// ```
/// use eclexia_core::units::format_float;
/// assert_eq!(format_float(1500.0), "1500.0");
/// assert_eq!(format_float(1e16), "1e16");
/// assert_eq!(format_float(9.99e-5), "9.99e-5");
/// assert_eq!(format_float(f64::NAN), "NaN");
/// ```
pub fn format_float(x: f64) -> String {
    format!("{x:?}")
}

/// Displays a dimensioned magnitude as §6.8 does: F(x) without a final `.0`, then U(D).
///
/// ```
/// use eclexia_core::units::{format_quantity, Dim};
/// assert_eq!(format_quantity(1500.0, Dim::ENERGY), "1500J");
/// assert_eq!(format_quantity(0.25, Dim::TIME), "0.25s");
/// assert_eq!(format_quantity(2.5e-20, Dim::ENERGY), "2.5e-20J");
/// assert_eq!(format_quantity(25.0, Dim::POWER), "25W");
/// ```
pub fn format_quantity(magnitude: f64, dim: Dim) -> String {
    let mut s = format_float(magnitude);
    if s.ends_with(".0") {
        s.truncate(s.len() - 2);
    }
    s.push_str(&dim.unit_name());
    s
}

/// A magnitude in canonical units together with its dimension: `"1.5kWh"` is
/// 5.4e6 J.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Quantity {
    /// Magnitude in the canonical unit of `dim`.
    pub value: f64,
    /// The dimension (dimensionless for a bare number).
    pub dim: Dim,
}

/// Why a quantity string could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuantityError {
    /// The text is empty or has no leading number.
    NotANumber(String),
    /// The suffix after the number is not in the unit table.
    UnknownUnit(String),
}

impl fmt::Display for QuantityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QuantityError::NotANumber(s) => write!(f, "'{s}' is not a number with a unit"),
            QuantityError::UnknownUnit(u) => write!(f, "unknown unit suffix '{u}'"),
        }
    }
}

impl std::error::Error for QuantityError {}

impl Quantity {
    /// Parses an amount written as in the language (`"100J"`, `"250ms"`, `"1.5kWh"`,
    /// `"10GiB"`), optionally with white space between number and unit (`"100 J"`), as
    /// configuration files and JSON requests write them. A bare number is dimensionless;
    /// callers that expect a dimension decide what a bare number means.
    ///
    /// ```
    /// use eclexia_core::units::{Quantity, Dim};
    /// let q = Quantity::parse("1.5kWh").unwrap();
    /// assert_eq!((q.value, q.dim), (5.4e6, Dim::ENERGY));
    /// assert_eq!(Quantity::parse("10GiB").unwrap().value, 10.0 * 1073741824.0);
    /// assert!(Quantity::parse("12furlongs").is_err());
    /// ```
    pub fn parse(text: &str) -> Result<Quantity, QuantityError> {
        let t = text.trim();
        let bytes = t.as_bytes();
        let mut i = 0;
        if i < bytes.len() && (bytes[i] == b'+' || bytes[i] == b'-') {
            i += 1;
        }
        let digits_start = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
            i += 1;
        }
        if i < bytes.len()
            && bytes[i] == b'.'
            && i + 1 < bytes.len()
            && bytes[i + 1].is_ascii_digit()
        {
            i += 1;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
                i += 1;
            }
        }
        if i == digits_start {
            return Err(QuantityError::NotANumber(text.to_string()));
        }
        // An exponent only when a digit follows `e[+-]`; otherwise `e…` starts the unit.
        if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
            let mut j = i + 1;
            if j < bytes.len() && (bytes[j] == b'+' || bytes[j] == b'-') {
                j += 1;
            }
            if j < bytes.len() && bytes[j].is_ascii_digit() {
                while j < bytes.len() && bytes[j].is_ascii_digit() {
                    j += 1;
                }
                i = j;
            }
        }
        let number: String = t[..i].chars().filter(|&c| c != '_').collect();
        let value: f64 = number
            .parse()
            .map_err(|_| QuantityError::NotANumber(text.to_string()))?;
        let suffix = t[i..].trim_start();
        if suffix.is_empty() {
            return Ok(Quantity {
                value,
                dim: Dim::NONE,
            });
        }
        let unit =
            lookup_unit(suffix).ok_or_else(|| QuantityError::UnknownUnit(suffix.to_string()))?;
        Ok(Quantity {
            value: unit.to_canonical(value),
            dim: unit.dim,
        })
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.dim.is_dimensionless() {
            f.write_str(&format_float(self.value))
        } else {
            f.write_str(&format_quantity(self.value, self.dim))
        }
    }
}

/// The six accounted resources (LANGUAGE §7.1), in the fixed charging order energy, time,
/// carbon, memory, network, compute.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Resource {
    /// Energy, in J.
    Energy,
    /// Time (alias `latency`), in s.
    Time,
    /// Carbon, in gCO2e.
    Carbon,
    /// Memory, in B.
    Memory,
    /// Network transfer, in B.
    Network,
    /// Compute, in CU.
    Compute,
}

impl Resource {
    /// Every resource in charging order.
    pub const ALL: [Resource; 6] = [
        Resource::Energy,
        Resource::Time,
        Resource::Carbon,
        Resource::Memory,
        Resource::Network,
        Resource::Compute,
    ];

    /// Resolves a resource name as written in annotations; `latency` is `time`.
    ///
    /// ```
    /// use eclexia_core::units::Resource;
    /// assert_eq!(Resource::from_name("latency"), Some(Resource::Time));
    /// assert_eq!(Resource::from_name("power"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Resource> {
        Some(match name {
            "energy" => Resource::Energy,
            "time" | "latency" => Resource::Time,
            "carbon" => Resource::Carbon,
            "memory" => Resource::Memory,
            "network" => Resource::Network,
            "compute" => Resource::Compute,
            _ => return None,
        })
    }

    /// The canonical name (`time`, never `latency`).
    pub fn name(self) -> &'static str {
        match self {
            Resource::Energy => "energy",
            Resource::Time => "time",
            Resource::Carbon => "carbon",
            Resource::Memory => "memory",
            Resource::Network => "network",
            Resource::Compute => "compute",
        }
    }

    /// The dimension amounts of this resource carry.
    pub fn dim(self) -> Dim {
        match self {
            Resource::Energy => Dim::ENERGY,
            Resource::Time => Dim::TIME,
            Resource::Carbon => Dim::CARBON,
            Resource::Memory | Resource::Network => Dim::MEMORY,
            Resource::Compute => Dim::COMPUTE,
        }
    }

    /// Position in [`Resource::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Resource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unit_of_the_table_converts_as_specified() {
        // (suffix, dimension, canonical value of `1<suffix>`), straight from §2.6.
        let cases: &[(&str, Dim, f64)] = &[
            ("J", Dim::ENERGY, 1.0),
            ("kJ", Dim::ENERGY, 1e3),
            ("MJ", Dim::ENERGY, 1e6),
            ("Wh", Dim::ENERGY, 3600.0),
            ("kWh", Dim::ENERGY, 3.6e6),
            ("mJ", Dim::ENERGY, 1.0 / 1e3),
            ("uJ", Dim::ENERGY, 1.0 / 1e6),
            ("μJ", Dim::ENERGY, 1.0 / 1e6),
            ("µJ", Dim::ENERGY, 1.0 / 1e6),
            ("nJ", Dim::ENERGY, 1.0 / 1e9),
            ("s", Dim::TIME, 1.0),
            ("min", Dim::TIME, 60.0),
            ("h", Dim::TIME, 3600.0),
            ("d", Dim::TIME, 86400.0),
            ("ms", Dim::TIME, 1.0 / 1e3),
            ("us", Dim::TIME, 1.0 / 1e6),
            ("μs", Dim::TIME, 1.0 / 1e6),
            ("µs", Dim::TIME, 1.0 / 1e6),
            ("ns", Dim::TIME, 1.0 / 1e9),
            ("W", Dim::POWER, 1.0),
            ("kW", Dim::POWER, 1e3),
            ("MW", Dim::POWER, 1e6),
            ("mW", Dim::POWER, 1.0 / 1e3),
            ("uW", Dim::POWER, 1.0 / 1e6),
            ("μW", Dim::POWER, 1.0 / 1e6),
            ("µW", Dim::POWER, 1.0 / 1e6),
            ("gCO2e", Dim::CARBON, 1.0),
            ("gCO2", Dim::CARBON, 1.0),
            ("kgCO2e", Dim::CARBON, 1e3),
            ("kgCO2", Dim::CARBON, 1e3),
            ("tCO2e", Dim::CARBON, 1e6),
            ("tCO2", Dim::CARBON, 1e6),
            ("B", Dim::MEMORY, 1.0),
            ("KB", Dim::MEMORY, 1e3),
            ("MB", Dim::MEMORY, 1e6),
            ("GB", Dim::MEMORY, 1e9),
            ("TB", Dim::MEMORY, 1e12),
            ("KiB", Dim::MEMORY, 1024.0),
            ("MiB", Dim::MEMORY, 1048576.0),
            ("GiB", Dim::MEMORY, 1073741824.0),
            ("TiB", Dim::MEMORY, 1099511627776.0),
            ("b", Dim::MEMORY, 1.0 / 8.0),
            ("CU", Dim::COMPUTE, 1.0),
            ("USD", Dim::MONEY, 1.0),
        ];
        assert_eq!(cases.len(), UNITS.len(), "every table row is tested");
        for &(name, dim, one) in cases {
            let u = lookup_unit(name).unwrap_or_else(|| panic!("{name} missing"));
            assert_eq!(u.dim, dim, "{name}");
            assert_eq!(u.to_canonical(1.0), one, "{name}");
        }
    }

    #[test]
    fn conversions_are_exact_binary64_operations() {
        assert_eq!(lookup_unit("ms").unwrap().to_canonical(250.0), 0.25);
        assert_eq!(lookup_unit("kJ").unwrap().to_canonical(1.5), 1500.0);
        // 0.1 s written as 100ms must be 100/1000, which differs from 100*0.001.
        assert_eq!(
            lookup_unit("ms").unwrap().to_canonical(100.0),
            100.0 / 1000.0
        );
    }

    #[test]
    fn units_are_case_sensitive() {
        for bad in ["mb", "j", "KJ", "S", "furlongs", "m", "kwh"] {
            assert!(lookup_unit(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn unit_names_follow_section_6_8() {
        let j = Dim::ENERGY;
        let s = Dim::TIME;
        assert_eq!(j.unit_name(), "J");
        assert_eq!(j.div(s).unit_name(), "W");
        assert_eq!(j.mul(s).unit_name(), "J*s");
        assert_eq!(Dim::CARBON.div(j).unit_name(), "gCO2e*J^-1");
        assert_eq!(j.div(Dim::CARBON).unit_name(), "J*gCO2e^-1");
        assert_eq!(s.inv().unit_name(), "s^-1");
        assert_eq!(j.mul(j).unit_name(), "J^2");
        assert_eq!(Dim::MEMORY.div(s).unit_name(), "B*s^-1");
    }

    #[test]
    fn type_names_prefer_the_first_dimension_name() {
        assert_eq!(Dim::TIME.type_name(), "Time");
        assert_eq!(Dim::POWER.type_name(), "Power");
        assert_eq!(Dim::CARBON_INTENSITY.type_name(), "CarbonIntensity");
        assert_eq!(Dim::ENERGY.mul(Dim::TIME).type_name(), "Energy*Time");
        assert_eq!(Dim::TIME.inv().type_name(), "Time^-1");
    }

    #[test]
    fn dimension_algebra_laws() {
        let dims = [
            Dim::ENERGY,
            Dim::TIME,
            Dim::POWER,
            Dim::CARBON_INTENSITY,
            Dim::NONE,
        ];
        for a in dims {
            assert_eq!(a.div(a), Dim::NONE);
            assert_eq!(a.mul(Dim::NONE), a);
            assert_eq!(a.inv().inv(), a);
            assert_eq!(a.pow(2), a.mul(a));
            assert_eq!(a.pow(-1), a.inv());
            for b in dims {
                assert_eq!(a.mul(b), b.mul(a));
                assert_eq!(a.mul(b).div(b), a);
            }
        }
        assert_eq!(Dim::POWER.mul(Dim::TIME), Dim::ENERGY);
    }

    #[test]
    fn float_format_matches_section_6_8() {
        let cases = [
            (0.0, "0.0"),
            (-0.0, "-0.0"),
            (1500.0, "1500.0"),
            (0.25, "0.25"),
            (0.0001, "0.0001"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e15, "1000000000000000.0"),
            (1e16, "1e16"),
            (1.5e16, "1.5e16"),
            (9.99e-5, "9.99e-5"),
            (1e-5, "1e-5"),
            (2.5e-20, "2.5e-20"),
            (f64::INFINITY, "inf"),
            (f64::NEG_INFINITY, "-inf"),
        ];
        for (x, want) in cases {
            assert_eq!(format_float(x), want);
        }
    }

    #[test]
    fn quantity_strings() {
        assert_eq!(
            Quantity::parse("100J").unwrap(),
            Quantity {
                value: 100.0,
                dim: Dim::ENERGY
            }
        );
        assert_eq!(Quantity::parse("250 ms").unwrap().value, 0.25);
        assert_eq!(Quantity::parse("2e3J").unwrap().value, 2000.0);
        assert_eq!(Quantity::parse("42").unwrap().dim, Dim::NONE);
        assert_eq!(
            Quantity::parse("5 furlongs"),
            Err(QuantityError::UnknownUnit("furlongs".into()))
        );
        assert!(matches!(
            Quantity::parse("J"),
            Err(QuantityError::NotANumber(_))
        ));
        assert!(matches!(
            Quantity::parse(""),
            Err(QuantityError::NotANumber(_))
        ));
        assert_eq!(Quantity::parse("1.5kWh").unwrap().to_string(), "5400000J");
    }
}
