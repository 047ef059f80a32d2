//! Shadow prices (LANGUAGE §9): market price, LP premium, selection, and the host `price`
//! operation of §9.7.
//!
//! One implementation serves every caller (§9.7: "the language runtime and this operation
//! MUST share one implementation"):
//!
//! - [`select`] is the core: fixed `[f64; 6]` vectors per resource (order of
//!   [`Resource::ALL`]: energy, time, carbon, memory, network, compute), a slice of candidate
//!   vectors, and an output slice. It applies derived carbon (§8.1), checks feasibility
//!   (§8.3), computes market prices (§9.3) and the LP premium (§9.4), costs every eligible
//!   candidate and selects (§8.4). It does not allocate unless the LP has more than 32
//!   eligible columns. The VM calls it once per adaptive call.
//! - [`price`] is the JSON-facing wrapper: a [`PriceRequest`] in, a [`Quote`] out, exactly
//!   the shapes of §9.7.
//! - [`Market`] is the state of a long-running host (budgets per window, usage, carbon
//!   intensity) priced with the same functions.
//!
//! ```
//! use eclexia_core::price::{price, PriceRequest};
//!
//! let request = PriceRequest::from_json(r#"{
//!   "budgets": {"energy": "100J", "time": "1s"},
//!   "usage": {"energy": "80J"},
//!   "caps": {"energy": "50J"},
//!   "objective": [["minimize", "time"]],
//!   "candidates": [
//!     {"name": "a", "provides": {"energy": "30J", "time": "1ms"}},
//!     {"name": "b", "provides": {"energy": "8J", "time": "40ms"}}
//!   ]
//! }"#).unwrap();
//! let quote = price(&request).unwrap();
//! assert_eq!(quote.chosen.as_deref(), Some("b"));
//! assert_eq!(quote.prices.energy, 3.2087058602935237);
//! assert_eq!(quote.candidates[0].rejected.map(|r| r.as_str()), Some("budget: energy"));
//! ```

mod amount;
mod curve;
mod decode;
pub mod lp;
mod market;
mod request;
mod select;

use serde::{Deserialize, Serialize};

pub use crate::units::Resource;
pub use amount::{AmountError, parse_amount, resource_amount_example, resource_kind};
pub use curve::{market_price, market_prices, utilisation};
pub use market::{
    CarbonValue, Clock, DEFAULT_WINDOW_SECONDS, ManualClock, Market, MarketPrices, MarketSettings,
    MarketSnapshot, ResourceStatus, SystemClock,
};
pub use request::{
    CandidateQuote, CandidateRequest, Direction, GivenFields, PriceError, PriceRequest, Quote,
    QuoteStatus, price, usage_from_value,
};
pub use select::{
    CandidateOutcome, Rejection, Selection, SelectionInput, Solution, TIE_EPSILON, select,
};

/// Number of accounted resources (LANGUAGE §7.1).
pub const RESOURCE_COUNT: usize = 6;

/// One `f64` per resource, in the order of [`Resource::ALL`].
pub type ResourceVec = [f64; RESOURCE_COUNT];

/// The default carbon intensity in gCO2e/kWh (LANGUAGE §9.2).
pub const DEFAULT_CARBON_INTENSITY: f64 = 400.0;

/// Joules per kWh: derived carbon is `(energy * I) / 3600000.0` (LANGUAGE §8.1).
pub const JOULES_PER_KWH: f64 = 3_600_000.0;

/// Base price and scarcity multiplier per resource (LANGUAGE §9.2).
///
/// ```
/// use eclexia_core::price::{PriceBook, Resource};
/// let book = PriceBook::default();
/// assert_eq!(book.base[Resource::Time.index()], 100.0);
/// assert_eq!(book.multiplier[Resource::Energy.index()], 4.0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "PerResource<BookEntry>", into = "PerResource<BookEntry>")]
pub struct PriceBook {
    /// `base_r >= 0`, per canonical unit.
    pub base: ResourceVec,
    /// `mult_r >= 1`.
    pub multiplier: ResourceVec,
}

impl Default for PriceBook {
    /// The defaults of LANGUAGE §9.2.
    fn default() -> Self {
        PriceBook {
            base: [1.0, 100.0, 50.0, 0.001, 0.001, 1.0],
            multiplier: [4.0; RESOURCE_COUNT],
        }
    }
}

impl PriceBook {
    /// Checks `base_r` finite and `>= 0`, `mult_r` finite and `>= 1` (§9.2); the error
    /// names the resource and the field (`energy.multiplier`).
    pub fn validate(&self) -> Result<(), String> {
        for r in Resource::ALL {
            let (b, m) = (self.base[r.index()], self.multiplier[r.index()]);
            if !(b.is_finite() && b >= 0.0) {
                return Err(format!(
                    "{r}.base: expected a finite number >= 0, found {b}"
                ));
            }
            if !(m.is_finite() && m >= 1.0) {
                return Err(format!(
                    "{r}.multiplier: expected a finite number >= 1, found {m}"
                ));
            }
        }
        Ok(())
    }
}

/// One entry of a price book in JSON (`{"base": 1.0, "multiplier": 4.0}`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookEntry {
    /// Base price per canonical unit.
    pub base: f64,
    /// Scarcity multiplier.
    pub multiplier: f64,
}

impl TryFrom<PerResource<BookEntry>> for PriceBook {
    type Error = String;
    fn try_from(p: PerResource<BookEntry>) -> Result<Self, String> {
        let entries = p.to_array();
        let book = PriceBook {
            base: entries.map(|e| e.base),
            multiplier: entries.map(|e| e.multiplier),
        };
        book.validate()?;
        Ok(book)
    }
}

impl From<PriceBook> for PerResource<BookEntry> {
    fn from(b: PriceBook) -> Self {
        PerResource::from_array(std::array::from_fn(|i| BookEntry {
            base: b.base[i],
            multiplier: b.multiplier[i],
        }))
    }
}

/// A value per resource with named fields, serialised in the fixed resource order (the
/// `prices`, `market` and `premium` objects of §9.7).
///
/// ```
/// use eclexia_core::price::PerResource;
/// let p = PerResource::from_array([1.0, 100.0, 50.0, 0.001, 0.001, 1.0]);
/// assert_eq!(
///     serde_json::to_string(&p).unwrap(),
///     r#"{"energy":1.0,"time":100.0,"carbon":50.0,"memory":0.001,"network":0.001,"compute":1.0}"#
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerResource<T> {
    /// Energy.
    pub energy: T,
    /// Time.
    pub time: T,
    /// Carbon.
    pub carbon: T,
    /// Memory.
    pub memory: T,
    /// Network.
    pub network: T,
    /// Compute.
    pub compute: T,
}

impl<T: Copy> PerResource<T> {
    /// From an array in [`Resource::ALL`] order.
    pub fn from_array(a: [T; RESOURCE_COUNT]) -> Self {
        PerResource {
            energy: a[0],
            time: a[1],
            carbon: a[2],
            memory: a[3],
            network: a[4],
            compute: a[5],
        }
    }

    /// To an array in [`Resource::ALL`] order.
    pub fn to_array(&self) -> [T; RESOURCE_COUNT] {
        [
            self.energy,
            self.time,
            self.carbon,
            self.memory,
            self.network,
            self.compute,
        ]
    }

    /// The value for one resource.
    pub fn get(&self, r: Resource) -> T {
        self.to_array()[r.index()]
    }
}
