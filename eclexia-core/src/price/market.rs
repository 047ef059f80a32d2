//! `Market`: the shared price state of a long-running host (ARCHITECTURE §3, §5).
//!
//! Per resource a budget for a window (`window = "3600s"`: usage resets when the window
//! rolls over), the usage recorded in the current window, the price book, and the carbon
//! intensity with its source and time. Prices come from [`market_price`](super::market_price)
//! and [`select`](super::select) — the same functions as [`price`](super::price) — so the
//! guarantees of LANGUAGE §9.6 carry over: usage within a window never decreases, hence
//! neither do the market prices.
//!
//! Time is read from an injectable [`Clock`] so that tests (and replays) are deterministic.

use std::fmt;
use std::sync::Arc;

use parking_lot::Mutex;
use serde::{Deserialize, Serialize};

use super::amount::check_amount;
use super::request::{GivenFields, PriceError, PriceRequest, Quote};
use super::{DEFAULT_CARBON_INTENSITY, PerResource, PriceBook, RESOURCE_COUNT, ResourceVec, curve};
use crate::units::Resource;

/// Default accounting window of a market budget, in seconds (ARCHITECTURE §7's example).
pub const DEFAULT_WINDOW_SECONDS: f64 = 3600.0;

/// A source of wall-clock time in seconds since the Unix epoch.
pub trait Clock: Send + Sync + fmt::Debug {
    /// The current time.
    fn now(&self) -> f64;
}

/// The system clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> f64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs_f64())
            .unwrap_or(0.0)
    }
}

/// A clock that moves only when told to (tests, replays).
///
/// ```
/// use eclexia_core::price::{Clock, ManualClock};
/// let c = ManualClock::new(100.0);
/// c.advance(5.0);
/// assert_eq!(c.now(), 105.0);
/// ```
#[derive(Debug, Default)]
pub struct ManualClock {
    now: Mutex<f64>,
}

impl ManualClock {
    /// A clock standing at `now`.
    pub fn new(now: f64) -> ManualClock {
        ManualClock {
            now: Mutex::new(now),
        }
    }

    /// Sets the time.
    pub fn set(&self, now: f64) {
        *self.now.lock() = now;
    }

    /// Moves the time forward by `seconds`.
    pub fn advance(&self, seconds: f64) {
        *self.now.lock() += seconds;
    }
}

impl Clock for ManualClock {
    fn now(&self) -> f64 {
        *self.now.lock()
    }
}

/// The configuration of a market.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarketSettings {
    /// Budget per window; `None` is unlimited.
    pub budgets: PerResource<Option<f64>>,
    /// Window length in seconds; `None` never resets.
    pub windows: PerResource<Option<f64>>,
    /// Base prices and multipliers.
    pub price_book: PriceBook,
    /// Carbon intensity used until a source reports one (gCO2e/kWh).
    pub carbon_intensity: f64,
}

impl Default for MarketSettings {
    fn default() -> Self {
        MarketSettings {
            budgets: PerResource::from_array([None; RESOURCE_COUNT]),
            windows: PerResource::from_array([Some(DEFAULT_WINDOW_SECONDS); RESOURCE_COUNT]),
            price_book: PriceBook::default(),
            carbon_intensity: DEFAULT_CARBON_INTENSITY,
        }
    }
}

/// The carbon intensity in force, with where and when it came from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CarbonValue {
    /// gCO2e/kWh.
    pub intensity: f64,
    /// The source's name (`static`, `electricitymaps`, `watttime`).
    pub source: String,
    /// When the value was obtained, seconds since the Unix epoch.
    pub fetched_at: f64,
    /// The time the source says the value applies to (as the source wrote it).
    pub datetime: Option<String>,
    /// The grid zone or region.
    pub zone: Option<String>,
    /// Whether the source marked the value as estimated.
    pub is_estimated: bool,
}

impl CarbonValue {
    /// A configured constant.
    pub fn fixed(intensity: f64, at: f64) -> CarbonValue {
        CarbonValue {
            intensity,
            source: "static".to_string(),
            fetched_at: at,
            datetime: None,
            zone: None,
            is_estimated: false,
        }
    }
}

/// One resource in [`MarketPrices`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ResourceStatus {
    /// Canonical resource name.
    pub resource: String,
    /// The market price `m_r` (§9.3).
    pub price: f64,
    /// `base_r`.
    pub base: f64,
    /// `mult_r`.
    pub multiplier: f64,
    /// Budget of the window; null is unlimited.
    pub budget: Option<f64>,
    /// Usage in the current window.
    pub used: f64,
    /// `u_r` (§9.3).
    pub utilisation: f64,
    /// Window length in seconds; null never resets.
    pub window_seconds: Option<f64>,
    /// Start of the current window, seconds since the Unix epoch.
    pub window_start: f64,
}

/// What `GET /v1/prices` reports: every resource and the carbon intensity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarketPrices {
    /// When the prices were computed.
    pub at: f64,
    /// Per resource, in the order of [`Resource::ALL`].
    pub resources: Vec<ResourceStatus>,
    /// The carbon intensity in force.
    pub carbon: CarbonValue,
    /// Seconds since the carbon value was obtained.
    pub carbon_age_seconds: f64,
}

impl MarketPrices {
    /// The market price of one resource.
    pub fn price(&self, r: Resource) -> f64 {
        self.resources[r.index()].price
    }
}

/// A market's persistent state (ARCHITECTURE §8); see [`crate::state`] for the file format.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarketSnapshot {
    /// When the snapshot was taken.
    pub saved_at: f64,
    /// The settings in force.
    pub settings: MarketSettings,
    /// Usage in the current window.
    pub used: PerResource<f64>,
    /// Start of the current window.
    pub window_start: PerResource<f64>,
    /// The carbon intensity in force.
    pub carbon: CarbonValue,
    /// Market prices when saved (informational; recomputed on restore).
    pub prices: PerResource<f64>,
    /// Number of usage updates recorded since the market was created.
    pub updates: u64,
}

impl MarketSnapshot {
    /// Checks every number (budgets, usage, windows, book, intensity) so that a restored
    /// market can never produce negative or non-finite prices.
    pub fn validate(&self) -> Result<(), String> {
        let s = &self.settings;
        s.price_book.validate()?;
        for r in Resource::ALL {
            let i = r.index();
            if let Some(b) = s.budgets.to_array()[i]
                && check_amount(b, "").is_err()
            {
                return Err(format!(
                    "settings.budgets.{r}: expected an amount >= 0, found {b}"
                ));
            }
            if let Some(w) = s.windows.to_array()[i]
                && !(w.is_finite() && w > 0.0)
            {
                return Err(format!(
                    "settings.windows.{r}: expected seconds > 0, found {w}"
                ));
            }
            let u = self.used.to_array()[i];
            if check_amount(u, "").is_err() {
                return Err(format!("used.{r}: expected an amount >= 0, found {u}"));
            }
            let ws = self.window_start.to_array()[i];
            if !ws.is_finite() {
                return Err(format!("window_start.{r}: expected a time, found {ws}"));
            }
        }
        for (name, x) in [
            ("settings.carbon_intensity", s.carbon_intensity),
            ("carbon.intensity", self.carbon.intensity),
        ] {
            if !(x.is_finite() && x >= 0.0) {
                return Err(format!("{name}: expected gCO2e/kWh >= 0, found {x}"));
            }
        }
        Ok(())
    }
}

#[derive(Debug)]
struct State {
    settings: MarketSettings,
    used: ResourceVec,
    window_start: ResourceVec,
    carbon: CarbonValue,
    updates: u64,
}

impl State {
    /// Rolls every window whose end has passed: usage resets and the window start moves by
    /// whole windows, so window boundaries do not drift with the time of the call.
    fn roll(&mut self, now: f64) {
        let windows = self.settings.windows.to_array();
        for (i, window) in windows.into_iter().enumerate() {
            if let Some(w) = window
                && w > 0.0
                && now >= self.window_start[i] + w
            {
                let k = ((now - self.window_start[i]) / w).floor();
                self.window_start[i] += k * w;
                self.used[i] = 0.0;
            }
        }
    }

    fn limits(&self) -> ResourceVec {
        self.settings
            .budgets
            .to_array()
            .map(|b| b.unwrap_or(f64::INFINITY))
    }
}

/// Thread-safe shared price state (ARCHITECTURE §3).
///
/// ```
/// use std::sync::Arc;
/// use eclexia_core::price::{ManualClock, Market, MarketSettings, PerResource, Resource};
///
/// let clock = Arc::new(ManualClock::new(0.0));
/// let mut settings = MarketSettings::default();
/// settings.budgets.energy = Some(200.0);
/// let market = Market::with_clock(settings, clock.clone());
/// assert_eq!(market.prices().price(Resource::Energy), 1.0);
/// market.record(Resource::Energy, 100.0).unwrap();
/// assert_eq!(market.prices().price(Resource::Energy), 2.0); // §9.5: half used ⇒ 2 × base
/// clock.advance(3600.0); // the window rolls over
/// assert_eq!(market.prices().price(Resource::Energy), 1.0);
/// ```
#[derive(Debug)]
pub struct Market {
    clock: Arc<dyn Clock>,
    state: Mutex<State>,
}

impl Market {
    /// A market on the system clock.
    pub fn new(settings: MarketSettings) -> Market {
        Market::with_clock(settings, Arc::new(SystemClock))
    }

    /// A market reading time from `clock`.
    pub fn with_clock(settings: MarketSettings, clock: Arc<dyn Clock>) -> Market {
        let now = clock.now();
        let carbon = CarbonValue::fixed(settings.carbon_intensity, now);
        Market {
            clock,
            state: Mutex::new(State {
                settings,
                used: [0.0; RESOURCE_COUNT],
                window_start: [now; RESOURCE_COUNT],
                carbon,
                updates: 0,
            }),
        }
    }

    /// The current time of the market's clock.
    pub fn now(&self) -> f64 {
        self.clock.now()
    }

    /// Records usage of one resource in the current window.
    pub fn record(&self, r: Resource, amount: f64) -> Result<(), PriceError> {
        let mut v = [0.0; RESOURCE_COUNT];
        v[r.index()] = amount;
        self.record_usage(&v).map(|_| ())
    }

    /// Records usage (canonical units, `>= 0`) of every resource and returns the new prices.
    pub fn record_usage(&self, amounts: &ResourceVec) -> Result<MarketPrices, PriceError> {
        for r in Resource::ALL {
            let x = amounts[r.index()];
            check_amount(x, &x.to_string()).map_err(|e| PriceError::amount(r.name(), e))?;
        }
        let now = self.clock.now();
        let mut st = self.state.lock();
        st.roll(now);
        for (used, a) in st.used.iter_mut().zip(amounts) {
            *used += a;
        }
        st.updates += 1;
        Ok(prices_of(&st, now))
    }

    /// Sets the carbon intensity in force (from a [`crate::carbon`] source).
    pub fn set_carbon(&self, value: CarbonValue) {
        self.state.lock().carbon = value;
    }

    /// The carbon intensity in force.
    pub fn carbon(&self) -> CarbonValue {
        self.state.lock().carbon.clone()
    }

    /// The settings in force.
    pub fn settings(&self) -> MarketSettings {
        self.state.lock().settings.clone()
    }

    /// Number of usage updates recorded (for "save every Nth update").
    pub fn updates(&self) -> u64 {
        self.state.lock().updates
    }

    /// Current market prices, budgets, usage and carbon intensity.
    pub fn prices(&self) -> MarketPrices {
        let now = self.clock.now();
        let mut st = self.state.lock();
        st.roll(now);
        prices_of(&st, now)
    }

    /// Prices a request against the market: the market supplies budgets, usage, price book
    /// and carbon intensity; the request supplies candidates, caps and objective.
    /// The quote borrows the candidate names from `request` (see [`Quote`]).
    pub fn quote<'r>(&self, request: &'r PriceRequest) -> Result<Quote<'r>, PriceError> {
        self.quote_given(request, GivenFields::default())
    }

    /// Prices a request against the market, keeping the fields the request gave itself
    /// (`given`) and taking the others — budgets, usage, price book, carbon intensity — from
    /// the market (the sidecar's `POST /v1/price`, ARCHITECTURE §9). The request is not
    /// copied: the market's values replace the request's in what is priced.
    pub fn quote_given<'r>(
        &self,
        request: &'r PriceRequest,
        given: GivenFields,
    ) -> Result<Quote<'r>, PriceError> {
        let now = self.clock.now();
        let mut req = request.terms();
        {
            let mut st = self.state.lock();
            st.roll(now);
            if !given.budgets {
                req.budgets = st.settings.budgets.to_array();
            }
            if !given.usage {
                req.usage = st.used;
            }
            if !given.price_book {
                req.price_book = st.settings.price_book;
            }
            if !given.carbon_intensity {
                req.carbon_intensity = st.carbon.intensity;
            }
        }
        req.price()
    }

    /// The state to persist.
    pub fn snapshot(&self) -> MarketSnapshot {
        let now = self.clock.now();
        let mut st = self.state.lock();
        st.roll(now);
        let m = curve::market_prices(&st.settings.price_book, &st.used, &st.limits());
        MarketSnapshot {
            saved_at: now,
            settings: st.settings.clone(),
            used: PerResource::from_array(st.used),
            window_start: PerResource::from_array(st.window_start),
            carbon: st.carbon.clone(),
            prices: PerResource::from_array(m),
            updates: st.updates,
        }
    }

    /// Rebuilds a market from a snapshot (windows that ended meanwhile roll over on first
    /// use).
    pub fn restore(snapshot: &MarketSnapshot, clock: Arc<dyn Clock>) -> Result<Market, String> {
        snapshot.validate()?;
        Ok(Market {
            clock,
            state: Mutex::new(State {
                settings: snapshot.settings.clone(),
                used: snapshot.used.to_array(),
                window_start: snapshot.window_start.to_array(),
                carbon: snapshot.carbon.clone(),
                updates: snapshot.updates,
            }),
        })
    }
}

fn prices_of(st: &State, now: f64) -> MarketPrices {
    let limits = st.limits();
    let book = &st.settings.price_book;
    let budgets = st.settings.budgets.to_array();
    let windows = st.settings.windows.to_array();
    let resources = Resource::ALL
        .iter()
        .map(|r| {
            let i = r.index();
            ResourceStatus {
                resource: r.name().to_string(),
                price: curve::market_price(book.base[i], book.multiplier[i], st.used[i], limits[i]),
                base: book.base[i],
                multiplier: book.multiplier[i],
                budget: budgets[i],
                used: st.used[i],
                utilisation: curve::utilisation(st.used[i], limits[i]),
                window_seconds: windows[i],
                window_start: st.window_start[i],
            }
        })
        .collect();
    MarketPrices {
        at: now,
        resources,
        carbon: st.carbon.clone(),
        carbon_age_seconds: (now - st.carbon.fetched_at).max(0.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn market_with_energy_budget() -> (Market, Arc<ManualClock>) {
        let clock = Arc::new(ManualClock::new(0.0));
        let mut settings = MarketSettings::default();
        settings.budgets.energy = Some(100.0);
        (Market::with_clock(settings, clock.clone()), clock)
    }

    #[test]
    fn quote_given_keeps_what_the_request_gave() {
        let (market, _clock) = market_with_energy_budget();
        market.record(Resource::Energy, 80.0).unwrap();
        let text = r#"{"objective": [["minimize", "time"]], "caps": {"energy": "50J"},
            "candidates": [{"name": "a", "provides": {"energy": "30J", "time": "1ms"}},
                           {"name": "b", "provides": {"energy": "8J", "time": "40ms"}}]}"#;
        let req = PriceRequest::from_json(text).unwrap();
        // Everything from the market: LANGUAGE §9.7's example (budget 100 J, 80 J used).
        let q = market.quote_given(&req, GivenFields::default()).unwrap();
        assert_eq!(q.chosen.as_deref(), Some("b"));
        assert_eq!(q.prices.energy, 3.2087058602935237);
        // The request's own (empty) usage wins: nothing used, so `a` fits.
        let given = GivenFields {
            usage: true,
            ..GivenFields::default()
        };
        let q = market.quote_given(&req, given).unwrap();
        assert_eq!(q.chosen.as_deref(), Some("a"));
        assert_eq!(q.market.energy, 1.0);
    }

    #[test]
    fn quote_given_uses_the_market_intensity_unless_given() {
        let (market, _clock) = market_with_energy_budget();
        let mut c = CarbonValue::fixed(800.0, 0.0);
        c.source = "electricitymaps".into();
        market.set_carbon(c);
        let v = serde_json::json!({"carbon_intensity": 0.0,
            "candidates": [{"name": "a", "provides": {"energy": "3600000J"}}]});
        let req = PriceRequest::from_value(&v).unwrap();
        let from_market = market.quote(&req).unwrap();
        let own = market.quote_given(&req, GivenFields::of(&v)).unwrap();
        // Derived carbon (§8.1) makes the energy-only candidate dearer on the dirtier grid.
        assert!(from_market.candidates[0].cost > own.candidates[0].cost);
    }
}
