//! The host `price` operation: LANGUAGE §9.7's request and response, exactly.
//!
//! [`PriceRequest::from_json`] validates a request and names the offending field in every
//! error (`candidates[1].provides.energy: expected an energy amount such as "100J", found
//! "10s"`); [`price`] is a thin wrapper that converts the request into fixed arrays and
//! calls [`select`](super::select) — the same function the VM uses.

use std::borrow::Cow;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::amount::{AmountError, check_amount, parse_amount};
use super::select::{CandidateOutcome, Rejection, Solution, select};
use super::{
    DEFAULT_CARBON_INTENSITY, PerResource, PriceBook, RESOURCE_COUNT, ResourceVec, SelectionInput,
};
use crate::diagnostic::ErrorCode;
use crate::units::Resource;

/// Why a request could not be priced. Every message says where the problem is.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum PriceError {
    /// The text is not JSON.
    #[error("malformed JSON at line {line} column {column}: {message}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// A field has a bad value; `field` is a path such as `candidates[0].provides.energy`.
    #[error("{field}: {message}")]
    Invalid {
        /// Path of the offending field.
        field: String,
        /// What was expected and what was found.
        message: String,
    },
}

impl From<serde_json::Error> for PriceError {
    /// A JSON syntax error, its position kept apart from its message (serde_json's own
    /// message ends with the position, which [`PriceError::Json`] prints first).
    fn from(e: serde_json::Error) -> PriceError {
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let mut message = e.to_string();
        if message.ends_with(&suffix) {
            message.truncate(message.len() - suffix.len());
        }
        PriceError::Json {
            line: e.line(),
            column: e.column(),
            message,
        }
    }
}

impl PriceError {
    fn invalid(field: impl Into<String>, message: impl Into<String>) -> PriceError {
        PriceError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    pub(crate) fn amount(field: impl Into<String>, e: AmountError) -> PriceError {
        PriceError::invalid(field, e.to_string())
    }
}

/// `minimize` (`w = 1`) or `maximize` (`w = -1`) in an objective (§8.4).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    /// Weight 1.
    Minimize,
    /// Weight -1.
    Maximize,
}

impl Direction {
    /// `minimize` or `maximize`; `None` for anything else.
    pub(crate) fn from_name(name: &str) -> Option<Direction> {
        match name {
            "minimize" => Some(Direction::Minimize),
            "maximize" => Some(Direction::Maximize),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Direction::Minimize => "minimize",
            Direction::Maximize => "maximize",
        }
    }
}

/// One candidate of a request.
#[derive(Clone, Debug, PartialEq)]
pub struct CandidateRequest {
    /// Its name, echoed in the quote (shared, so quoting does not copy it).
    pub name: Arc<str>,
    /// Declared amounts in canonical units; `None` where not declared (derived carbon
    /// applies when energy is declared and carbon is not, §8.1).
    pub provides: [Option<f64>; RESOURCE_COUNT],
    /// Whether it may be chosen (default true).
    pub eligible: bool,
}

/// A §9.7 request, validated. Build it with [`PriceRequest::from_json`] or by hand.
#[derive(Clone, Debug, PartialEq)]
pub struct PriceRequest {
    /// `top(r).limit`; `None` is unlimited.
    pub budgets: [Option<f64>; RESOURCE_COUNT],
    /// `top(r).used` (default 0).
    pub usage: ResourceVec,
    /// Per-call caps; `None` is no cap.
    pub caps: [Option<f64>; RESOURCE_COUNT],
    /// `None`: minimise every resource (all weights 1).
    pub objective: Option<Vec<(Direction, Resource)>>,
    /// The candidates in declaration order.
    pub candidates: Vec<CandidateRequest>,
    /// The price book (defaults of §9.2 with the request's overrides applied).
    pub price_book: PriceBook,
    /// Carbon intensity in gCO2e/kWh.
    pub carbon_intensity: f64,
}

impl Default for PriceRequest {
    fn default() -> Self {
        PriceRequest {
            budgets: [None; RESOURCE_COUNT],
            usage: [0.0; RESOURCE_COUNT],
            caps: [None; RESOURCE_COUNT],
            objective: None,
            candidates: Vec::new(),
            price_book: PriceBook::default(),
            carbon_intensity: DEFAULT_CARBON_INTENSITY,
        }
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// A field path such as `candidates[1].provides.energy`, written out only when an error
/// names it: parsing a valid request formats no paths.
#[derive(Clone, Copy)]
enum Path<'a> {
    /// A top-level field (or a key of a usage object).
    Root(&'a str),
    /// `parent.key`.
    Key(&'a Path<'a>, &'a str),
    /// `parent[index]`.
    Index(&'a Path<'a>, usize),
}

impl<'a> Path<'a> {
    fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    fn index(&'a self, index: usize) -> Path<'a> {
        Path::Index(self, index)
    }
}

impl From<Path<'_>> for String {
    fn from(path: Path<'_>) -> String {
        path.to_string()
    }
}

impl std::fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Path::Root(name) => f.write_str(name),
            Path::Key(parent, key) => write!(f, "{parent}.{key}"),
            Path::Index(parent, index) => write!(f, "{parent}[{index}]"),
        }
    }
}

fn as_object<'v>(v: &'v Value, field: Path<'_>) -> Result<&'v Map<String, Value>, PriceError> {
    v.as_object().ok_or_else(|| {
        PriceError::invalid(
            field.to_string(),
            format!("expected an object, found {}", kind_of(v)),
        )
    })
}

fn as_number(v: &Value, field: Path<'_>) -> Result<f64, PriceError> {
    v.as_f64().ok_or_else(|| {
        PriceError::invalid(
            field.to_string(),
            format!("expected a number, found {}", kind_of(v)),
        )
    })
}

/// An amount value: a unit string or a number in canonical units.
fn amount_value(r: Resource, v: &Value, field: Path<'_>) -> Result<f64, PriceError> {
    match v {
        Value::String(s) => {
            parse_amount(r, s).map_err(|e| PriceError::amount(field.to_string(), e))
        }
        Value::Number(n) => {
            let x = n.as_f64().unwrap_or(f64::NAN);
            if x.is_finite() && x >= 0.0 {
                // The text is only needed for the message of an out-of-range number.
                return Ok(x);
            }
            check_amount(x, &n.to_string()).map_err(|e| PriceError::amount(field.to_string(), e))
        }
        other => Err(PriceError::amount(
            field.to_string(),
            AmountError::NotAnAmount {
                resource: r,
                text: other.to_string(),
            },
        )),
    }
}

fn resource_key(key: &str, field: Path<'_>) -> Result<Resource, PriceError> {
    Resource::from_name(key).ok_or_else(|| {
        PriceError::invalid(
            format!("{field}.{key}"),
            "unknown resource (expected energy, time, carbon, memory, network or compute)",
        )
    })
}

/// `{"energy": "100J", …}` → one optional amount per resource.
fn amount_map(v: &Value, field: Path<'_>) -> Result<[Option<f64>; RESOURCE_COUNT], PriceError> {
    let mut out = [None; RESOURCE_COUNT];
    for (key, value) in as_object(v, field)? {
        let r = resource_key(key, field)?;
        let path = field.key(key);
        if out[r.index()].is_some() {
            return Err(PriceError::invalid(
                path.to_string(),
                format!("{r} is given twice"),
            ));
        }
        out[r.index()] = Some(amount_value(r, value, path)?);
    }
    Ok(out)
}

/// Which of the fields a host's market can supply a request gave itself (§9.7: "when the
/// request leaves out budgets, usage, price book or intensity, the market's current values
/// are used"). [`PriceRequest`] fills absent fields with the §9.7 defaults, so this is
/// read from the JSON before it is validated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GivenFields {
    /// `budgets` was present.
    pub budgets: bool,
    /// `usage` was present.
    pub usage: bool,
    /// `price_book` was present.
    pub price_book: bool,
    /// `carbon_intensity` was present.
    pub carbon_intensity: bool,
}

impl GivenFields {
    /// The fields present in a request object (a present `null` counts as given).
    ///
    /// ```
    /// use eclexia_core::price::GivenFields;
    /// let v = serde_json::json!({"usage": {}, "candidates": []});
    /// let g = GivenFields::of(&v);
    /// assert!(g.usage && !g.budgets && !g.price_book && !g.carbon_intensity);
    /// ```
    pub fn of(request: &Value) -> GivenFields {
        let has = |k: &str| request.get(k).is_some();
        GivenFields {
            budgets: has("budgets"),
            usage: has("usage"),
            price_book: has("price_book"),
            carbon_intensity: has("carbon_intensity"),
        }
    }
}

/// Parses recorded usage such as `{"energy": "12J", "time": "30ms"}` (unit strings or
/// numbers in canonical units) into canonical amounts; absent resources are 0. Errors name
/// the field (`energy: expected an energy amount such as "100J", found "10s"`).
///
/// ```
/// use eclexia_core::price::usage_from_value;
/// let v = serde_json::json!({"energy": "12J", "latency": "30ms"});
/// assert_eq!(usage_from_value(&v).unwrap(), [12.0, 0.03, 0.0, 0.0, 0.0, 0.0]);
/// assert!(usage_from_value(&serde_json::json!({"energy": "1s"})).is_err());
/// ```
pub fn usage_from_value(value: &Value) -> Result<ResourceVec, PriceError> {
    let obj = value.as_object().ok_or_else(|| {
        PriceError::invalid(
            "usage",
            format!(
                "expected an object such as {{\"energy\": \"12J\"}}, found {}",
                kind_of(value)
            ),
        )
    })?;
    let mut out = [None; RESOURCE_COUNT];
    for (key, v) in obj {
        let r = Resource::from_name(key).ok_or_else(|| {
            PriceError::invalid(
                key.as_str(),
                "unknown resource (expected energy, time, carbon, memory, network or compute)",
            )
        })?;
        if out[r.index()].is_some() {
            return Err(PriceError::invalid(
                key.as_str(),
                format!("{r} is given twice"),
            ));
        }
        out[r.index()] = Some(amount_value(r, v, Path::Root(key))?);
    }
    Ok(out.map(|a| a.unwrap_or(0.0)))
}

impl PriceRequest {
    /// Parses and validates a §9.7 request.
    ///
    /// ```
    /// use eclexia_core::price::PriceRequest;
    /// let err = PriceRequest::from_json(r#"{"candidates": [{"name": "a", "provides": {"energy": "10s"}}]}"#)
    ///     .unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     r#"candidates[0].provides.energy: expected an energy amount such as "100J", found "10s""#
    /// );
    /// ```
    pub fn from_json(text: &str) -> Result<PriceRequest, PriceError> {
        PriceRequest::decode(text.as_bytes()).map(|(request, _)| request)
    }

    /// Parses and validates a §9.7 request from JSON bytes, and tells which of the fields a
    /// market can supply the request gave itself (for
    /// [`Market::quote_given`](super::Market::quote_given)).
    ///
    /// An ordinary request is read in one pass straight into the typed request; anything
    /// else (an error, or a JSON key given twice) goes through [`from_value`](Self::from_value),
    /// so every error message is the one `from_value` gives.
    ///
    /// ```
    /// use eclexia_core::price::PriceRequest;
    /// let (req, given) = PriceRequest::decode(br#"{"usage": {"energy": "5J"}, "candidates": []}"#).unwrap();
    /// assert_eq!(req.usage[0], 5.0);
    /// assert!(given.usage && !given.budgets);
    /// ```
    pub fn decode(bytes: &[u8]) -> Result<(PriceRequest, GivenFields), PriceError> {
        super::decode::decode_fast(bytes).map_or_else(|| PriceRequest::decode_by_value(bytes), Ok)
    }

    /// The reference reading of [`decode`](Self::decode): the bytes as a
    /// `serde_json::Value`, then [`from_value`](Self::from_value) and
    /// [`GivenFields::of`]. `decode` falls back to it and always gives what it gives, only
    /// faster; it is public so that tests, fuzzing and benchmarks can compare the two.
    pub fn decode_by_value(bytes: &[u8]) -> Result<(PriceRequest, GivenFields), PriceError> {
        let value: Value = serde_json::from_slice(bytes)?;
        Ok((PriceRequest::from_value(&value)?, GivenFields::of(&value)))
    }

    /// Validates a request already parsed as JSON.
    pub fn from_value(value: &Value) -> Result<PriceRequest, PriceError> {
        let top = value.as_object().ok_or_else(|| {
            PriceError::invalid(
                "request",
                format!("expected an object, found {}", kind_of(value)),
            )
        })?;
        let mut req = PriceRequest::default();
        let mut saw_candidates = false;
        for (key, v) in top {
            match key.as_str() {
                "budgets" => req.budgets = amount_map(v, Path::Root("budgets"))?,
                "usage" => {
                    req.usage = amount_map(v, Path::Root("usage"))?.map(|a| a.unwrap_or(0.0));
                }
                "caps" => req.caps = amount_map(v, Path::Root("caps"))?,
                "objective" => req.objective = parse_objective(v)?,
                "candidates" => {
                    saw_candidates = true;
                    req.candidates = parse_candidates(v)?;
                }
                "price_book" => req.price_book = parse_book(v)?,
                "carbon_intensity" => {
                    let x = as_number(v, Path::Root("carbon_intensity"))?;
                    if !(x.is_finite() && x >= 0.0) {
                        return Err(PriceError::invalid(
                            "carbon_intensity",
                            format!("expected gCO2e/kWh as a finite number >= 0, found {x}"),
                        ));
                    }
                    req.carbon_intensity = x;
                }
                other => {
                    return Err(PriceError::invalid(
                        other,
                        "unknown field (expected budgets, usage, caps, objective, candidates, price_book or carbon_intensity)",
                    ));
                }
            }
        }
        if !saw_candidates {
            return Err(PriceError::invalid(
                "candidates",
                "missing (a request lists the candidates to price)",
            ));
        }
        Ok(req)
    }

    /// The request as §9.7 JSON (amounts as numbers in canonical units).
    pub fn to_value(&self) -> Value {
        fn amounts(a: &[Option<f64>; RESOURCE_COUNT]) -> Value {
            let mut m = Map::new();
            for r in Resource::ALL {
                if let Some(x) = a[r.index()] {
                    m.insert(r.name().to_string(), Value::from(x));
                }
            }
            Value::Object(m)
        }
        let mut top = Map::new();
        top.insert("budgets".into(), amounts(&self.budgets));
        top.insert("usage".into(), amounts(&self.usage.map(Some)));
        top.insert("caps".into(), amounts(&self.caps));
        if let Some(obj) = &self.objective {
            let list = obj
                .iter()
                .map(|(d, r)| Value::from(vec![d.name(), r.name()]))
                .collect::<Vec<_>>();
            top.insert("objective".into(), Value::Array(list));
        }
        let cands = self
            .candidates
            .iter()
            .map(|c| {
                serde_json::json!({
                    "name": c.name,
                    "provides": amounts(&c.provides),
                    "eligible": c.eligible,
                })
            })
            .collect::<Vec<_>>();
        top.insert("candidates".into(), Value::Array(cands));
        top.insert(
            "price_book".into(),
            serde_json::to_value(self.price_book).unwrap_or(Value::Null),
        );
        top.insert(
            "carbon_intensity".into(),
            Value::from(self.carbon_intensity),
        );
        Value::Object(top)
    }

    /// The weights `w_r` of §8.4.
    pub fn weights(&self) -> ResourceVec {
        match &self.objective {
            None => [1.0; RESOURCE_COUNT],
            Some(list) => {
                let mut w = [0.0; RESOURCE_COUNT];
                for (d, r) in list {
                    w[r.index()] = match d {
                        Direction::Minimize => 1.0,
                        Direction::Maximize => -1.0,
                    };
                }
                w
            }
        }
    }

    /// Checks the invariants [`from_json`](Self::from_json) guarantees, for requests built
    /// by hand.
    pub fn validate(&self) -> Result<(), PriceError> {
        self.terms().validate()
    }

    /// The numbers and candidates `price` reads, borrowed from the request.
    pub(crate) fn terms(&self) -> Terms<'_> {
        Terms {
            budgets: self.budgets,
            usage: self.usage,
            caps: self.caps,
            weights: self.weights(),
            candidates: &self.candidates,
            price_book: self.price_book,
            carbon_intensity: self.carbon_intensity,
        }
    }
}

/// What one pricing reads: a request's fields, some possibly replaced by a market's current
/// values ([`Market::quote_given`](super::Market::quote_given)) without copying the
/// candidates.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Terms<'r> {
    pub budgets: [Option<f64>; RESOURCE_COUNT],
    pub usage: ResourceVec,
    pub caps: [Option<f64>; RESOURCE_COUNT],
    pub weights: ResourceVec,
    pub candidates: &'r [CandidateRequest],
    pub price_book: PriceBook,
    pub carbon_intensity: f64,
}

impl<'r> Terms<'r> {
    /// [`PriceRequest::validate`] on these terms: names the first offending field.
    fn validate(&self) -> Result<(), PriceError> {
        let ok = |x: f64| x.is_finite() && x >= 0.0;
        let bad = |field: String, x: f64| {
            PriceError::amount(
                field,
                AmountError::OutOfRange {
                    text: x.to_string(),
                },
            )
        };
        for r in Resource::ALL {
            let i = r.index();
            if let Some(b) = self.budgets[i]
                && !ok(b)
            {
                return Err(bad(format!("budgets.{r}"), b));
            }
            if let Some(c) = self.caps[i]
                && !ok(c)
            {
                return Err(bad(format!("caps.{r}"), c));
            }
            if !ok(self.usage[i]) {
                return Err(bad(format!("usage.{r}"), self.usage[i]));
            }
        }
        for (k, c) in self.candidates.iter().enumerate() {
            for r in Resource::ALL {
                if let Some(x) = c.provides[r.index()]
                    && !ok(x)
                {
                    return Err(bad(format!("candidates[{k}].provides.{r}"), x));
                }
            }
        }
        self.price_book
            .validate()
            .map_err(|m| PriceError::invalid("price_book", m))?;
        if !ok(self.carbon_intensity) {
            return Err(PriceError::invalid(
                "carbon_intensity",
                format!(
                    "expected gCO2e/kWh as a finite number >= 0, found {}",
                    self.carbon_intensity
                ),
            ));
        }
        Ok(())
    }

    /// Validates, then prices (LANGUAGE §9.7).
    ///
    /// The validation is folded into the pass that converts the candidates for
    /// [`select`]: every number is range-checked there without a branch, and only when one
    /// is off does [`validate`](Self::validate) run to name it. So a valid request is
    /// not walked twice.
    pub(crate) fn price(&self) -> Result<Quote<'r>, PriceError> {
        // Finite and >= 0; a NaN fails both comparisons. Non-short-circuit `&` below keeps
        // the checks free of branches.
        let in_range = |x: f64| (0.0..=f64::MAX).contains(&x);
        let mut valid = in_range(self.carbon_intensity);
        for i in 0..RESOURCE_COUNT {
            valid &= in_range(self.budgets[i].unwrap_or(0.0))
                & in_range(self.caps[i].unwrap_or(0.0))
                & in_range(self.usage[i])
                & in_range(self.price_book.base[i])
                & (1.0..=f64::MAX).contains(&self.price_book.multiplier[i]);
        }

        // Up to 32 candidates the vectors live on the stack: `price()` sits on the request
        // path of the sidecar and the bindings, so it avoids allocations it does not need.
        const STACK: usize = 32;
        let empty = Solution {
            provides: [0.0; RESOURCE_COUNT],
            declared: [false; RESOURCE_COUNT],
            eligible: false,
        };
        let candidates = self.candidates;
        let n = candidates.len();
        let mut stack_sol = [empty; STACK];
        let mut stack_out = [CandidateOutcome::default(); STACK];
        let (mut heap_sol, mut heap_out);
        let (solutions, out): (&mut [Solution], &mut [CandidateOutcome]) = if n <= STACK {
            (&mut stack_sol[..n], &mut stack_out[..n])
        } else {
            heap_sol = vec![empty; n];
            heap_out = vec![CandidateOutcome::default(); n];
            (&mut heap_sol, &mut heap_out)
        };
        for (slot, c) in solutions.iter_mut().zip(candidates) {
            let provides = c.provides.map(|x| x.unwrap_or(0.0));
            for x in provides {
                valid &= in_range(x);
            }
            *slot = Solution {
                provides,
                declared: c.provides.map(|x| x.is_some()),
                eligible: c.eligible,
            };
        }
        if !valid {
            // The detailed pass names the offending field.
            self.validate()?;
        }

        let sel = select(
            &SelectionInput {
                candidates: solutions,
                caps: self.caps.map(|c| c.unwrap_or(f64::INFINITY)),
                weights: self.weights,
                used: self.usage,
                limits: self.budgets.map(|b| b.unwrap_or(f64::INFINITY)),
                book: &self.price_book,
                carbon_intensity: self.carbon_intensity,
            },
            out,
        );
        let mut quotes = Vec::with_capacity(n);
        quotes.extend(
            candidates
                .iter()
                .zip(out.iter())
                .map(|(c, o)| CandidateQuote {
                    name: Cow::Borrowed(&*c.name),
                    eligible: c.eligible,
                    feasible: o.feasible,
                    cost: o.cost,
                    rejected: o.rejected,
                }),
        );
        Ok(Quote {
            prices: PerResource::from_array(sel.prices),
            market: PerResource::from_array(sel.market),
            premium: PerResource::from_array(sel.premium),
            chosen: sel.chosen.map(|i| Cow::Borrowed(&*candidates[i].name)),
            candidates: quotes,
        })
    }
}

impl Serialize for PriceRequest {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_value().serialize(s)
    }
}

impl<'de> Deserialize<'de> for PriceRequest {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Value::deserialize(d)?;
        PriceRequest::from_value(&v).map_err(serde::de::Error::custom)
    }
}

fn parse_objective(v: &Value) -> Result<Option<Vec<(Direction, Resource)>>, PriceError> {
    let list = match v {
        Value::Null => return Ok(None),
        Value::Array(a) => a,
        other => {
            return Err(PriceError::invalid(
                "objective",
                format!(
                    "expected a list such as [[\"minimize\", \"time\"]], found {}",
                    kind_of(other)
                ),
            ));
        }
    };
    if list.is_empty() {
        // An empty list mentions no resource; like a missing one it means the default.
        return Ok(None);
    }
    let mut out: Vec<(Direction, Resource)> = Vec::with_capacity(list.len());
    let root = Path::Root("objective");
    for (k, item) in list.iter().enumerate() {
        let field = root.index(k);
        let pair = item.as_array().filter(|a| a.len() == 2).ok_or_else(|| {
            PriceError::invalid(
                field.to_string(),
                format!("expected a pair such as [\"minimize\", \"time\"], found {item}"),
            )
        })?;
        let dir = pair[0]
            .as_str()
            .and_then(Direction::from_name)
            .ok_or_else(|| {
                PriceError::invalid(
                    format!("{field}[0]"),
                    format!("expected \"minimize\" or \"maximize\", found {}", pair[0]),
                )
            })?;
        let r = pair[1]
            .as_str()
            .and_then(Resource::from_name)
            .ok_or_else(|| {
                PriceError::invalid(
                    format!("{field}[1]"),
                    format!(
                        "expected a resource name such as \"time\", found {}",
                        pair[1]
                    ),
                )
            })?;
        if out.iter().any(|(_, seen)| *seen == r) {
            return Err(PriceError::invalid(
                field.to_string(),
                format!("{r} appears twice in the objective"),
            ));
        }
        out.push((dir, r));
    }
    Ok(Some(out))
}

fn parse_candidates(v: &Value) -> Result<Vec<CandidateRequest>, PriceError> {
    let list = v.as_array().ok_or_else(|| {
        PriceError::invalid(
            "candidates",
            format!("expected an array, found {}", kind_of(v)),
        )
    })?;
    let mut out = Vec::with_capacity(list.len());
    let root = Path::Root("candidates");
    for (k, item) in list.iter().enumerate() {
        let field = root.index(k);
        let obj = as_object(item, field)?;
        let mut cand = CandidateRequest {
            name: Arc::from(""),
            provides: [None; RESOURCE_COUNT],
            eligible: true,
        };
        let mut named = false;
        for (key, value) in obj {
            let path = field.key(key);
            match key.as_str() {
                "name" => {
                    cand.name = value
                        .as_str()
                        .ok_or_else(|| {
                            PriceError::invalid(
                                path.to_string(),
                                format!("expected a string, found {}", kind_of(value)),
                            )
                        })?
                        .into();
                    named = true;
                }
                "provides" => cand.provides = amount_map(value, path)?,
                "eligible" => {
                    cand.eligible = value.as_bool().ok_or_else(|| {
                        PriceError::invalid(
                            path.to_string(),
                            format!("expected true or false, found {}", kind_of(value)),
                        )
                    })?;
                }
                _ => {
                    return Err(PriceError::invalid(
                        path.to_string(),
                        "unknown field (expected name, provides or eligible)",
                    ));
                }
            }
        }
        if !named {
            return Err(PriceError::invalid(format!("{field}.name"), "missing"));
        }
        out.push(cand);
    }
    Ok(out)
}

fn parse_book(v: &Value) -> Result<PriceBook, PriceError> {
    let mut book = PriceBook::default();
    let root = Path::Root("price_book");
    for (key, entry) in as_object(v, root)? {
        let r = resource_key(key, root)?;
        let field = root.key(key);
        for (k, x) in as_object(entry, field)? {
            let path = field.key(k);
            let x = as_number(x, path)?;
            match k.as_str() {
                "base" => {
                    if !(x.is_finite() && x >= 0.0) {
                        return Err(PriceError::invalid(
                            path,
                            format!("expected a number >= 0, found {x}"),
                        ));
                    }
                    book.base[r.index()] = x;
                }
                "multiplier" => {
                    if !(x.is_finite() && x >= 1.0) {
                        return Err(PriceError::invalid(
                            path,
                            format!("expected a number >= 1, found {x}"),
                        ));
                    }
                    book.multiplier[r.index()] = x;
                }
                _ => {
                    return Err(PriceError::invalid(
                        path,
                        "unknown field (expected base or multiplier)",
                    ));
                }
            }
        }
    }
    Ok(book)
}

/// One candidate of a quote.
///
/// `'r` is the request the name is borrowed from; [`into_owned`](Self::into_owned) copies
/// it out.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CandidateQuote<'r> {
    /// The candidate's name: borrowed from the request by [`price`], owned when
    /// deserialised.
    pub name: Cow<'r, str>,
    /// Whether it was eligible.
    pub eligible: bool,
    /// Whether it was feasible (§8.3).
    pub feasible: bool,
    /// §8.4's cost; null for ineligible candidates.
    pub cost: Option<f64>,
    /// The first failing reason, or null; serialised as §9.7 writes it (`not eligible`,
    /// `cap: <r>`, `budget: <r>`, see [`Rejection::as_str`]).
    pub rejected: Option<Rejection>,
}

/// A §9.7 response.
///
/// [`price`] borrows the candidate names from the request instead of copying them (a quote
/// costs one allocation, its candidate list), so a `Quote<'r>` lives no longer than the
/// [`PriceRequest`] it answers; [`into_owned`](Self::into_owned) gives a `Quote<'static>`
/// to keep past it. Serialised, both are the same §9.7 JSON.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Quote<'r> {
    /// `π = market + premium`.
    pub prices: PerResource<f64>,
    /// Market prices (§9.3).
    pub market: PerResource<f64>,
    /// LP premium (§9.4).
    pub premium: PerResource<f64>,
    /// The chosen candidate's name; null when none is feasible.
    pub chosen: Option<Cow<'r, str>>,
    /// Every candidate, in request order.
    pub candidates: Vec<CandidateQuote<'r>>,
}

impl CandidateQuote<'_> {
    /// The same candidate quote, owning its name.
    pub fn into_owned(self) -> CandidateQuote<'static> {
        CandidateQuote {
            name: Cow::Owned(self.name.into_owned()),
            eligible: self.eligible,
            feasible: self.feasible,
            cost: self.cost,
            rejected: self.rejected,
        }
    }
}

/// The status a quote reports (§9.7): a choice, or `NoFeasibleSolution` (E0603).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteStatus {
    /// A candidate was chosen.
    Chosen,
    /// No candidate is feasible.
    NoFeasibleSolution,
}

impl QuoteStatus {
    /// `E0603` for [`QuoteStatus::NoFeasibleSolution`].
    pub fn code(self) -> Option<ErrorCode> {
        match self {
            QuoteStatus::Chosen => None,
            QuoteStatus::NoFeasibleSolution => Some(ErrorCode::E0603),
        }
    }
}

impl Quote<'_> {
    /// The same quote, owning the candidate names (no longer tied to the request).
    ///
    /// ```
    /// use eclexia_core::price::{price, PriceRequest, Quote};
    /// let quote: Quote<'static> = {
    ///     let req = PriceRequest::from_json(r#"{"candidates": [{"name": "a"}]}"#).unwrap();
    ///     price(&req).unwrap().into_owned()
    /// };
    /// assert_eq!(quote.chosen.as_deref(), Some("a"));
    /// ```
    pub fn into_owned(self) -> Quote<'static> {
        Quote {
            prices: self.prices,
            market: self.market,
            premium: self.premium,
            chosen: self.chosen.map(|c| Cow::Owned(c.into_owned())),
            candidates: self
                .candidates
                .into_iter()
                .map(CandidateQuote::into_owned)
                .collect(),
        }
    }

    /// Whether a candidate was chosen.
    pub fn status(&self) -> QuoteStatus {
        if self.chosen.is_some() {
            QuoteStatus::Chosen
        } else {
            QuoteStatus::NoFeasibleSolution
        }
    }

    /// The quote as pretty-printed JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Prices a request (LANGUAGE §9.7): a thin wrapper over [`select`](super::select).
///
/// Validates the request first (a hand-built request may hold a NaN or a negative
/// amount; one branch-free pass when all is well), then borrows the candidate names from
/// it for the [`Quote`], which therefore lives no longer than `req` (see
/// [`Quote::into_owned`]). Allocates one `Vec` (the quote's candidates) up to 32
/// candidates when no LP is needed.
///
/// ```
/// use eclexia_core::price::{price, PriceRequest, QuoteStatus};
/// let req = PriceRequest::from_json(
///     r#"{"budgets": {"energy": "5J"}, "candidates": [{"name": "big", "provides": {"energy": "10J"}}]}"#,
/// ).unwrap();
/// let quote = price(&req).unwrap();
/// assert_eq!(quote.chosen, None);
/// assert_eq!(quote.status(), QuoteStatus::NoFeasibleSolution);
/// assert_eq!(quote.candidates[0].rejected.map(|r| r.as_str()), Some("budget: energy"));
/// ```
pub fn price(req: &PriceRequest) -> Result<Quote<'_>, PriceError> {
    req.terms().price()
}
