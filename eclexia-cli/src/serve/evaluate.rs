//! `POST /v1/evaluate` (issue #5): compile and evaluate a program sent in the body with
//! core's `Engine`, under the server's maxima.
//!
//! The route (api.rs) parses the body, checks that `source` is a string and runs
//! [`Evaluator::evaluate`] on a blocking thread, at most `--max-jobs` at once. The
//! [`EngineEvaluator`] reads the rest of the request:
//! `{"source", "file"?, "entry"?: "main", "args"?: [], "limits"?: {"fuel", "max_call_depth",
//! "max_memory", "timeout_ms"}, "budgets"?: {"energy": "100J", …}}`.
//!
//! Invariants: a requested limit never exceeds the server's maximum (0 or absent means
//! "the maximum"), a wall-clock timeout is always applied (and never longer than the
//! request timeout), and programs get neither the `fs` nor the `clock` capability. Prices
//! come from the market's price book and carbon intensity; an evaluation does not record
//! usage in the market (that is `POST /v1/usage`).

use std::collections::HashSet;
use std::fmt;
use std::sync::Mutex;

use axum::http::StatusCode;
use eclexia_core::price::usage_from_value;
use eclexia_core::units::Resource;
use eclexia_core::{CompileOptions, Engine, Market, compile};
use serde_json::{Map, Value, json};

use super::api::{ApiError, diagnostics_body, invalid};
use super::metrics::SelectionCounter;

/// One evaluation request as received.
#[derive(Debug)]
pub struct EvalRequest {
    /// The JSON body: an object with at least a `source` string.
    pub body: Value,
    /// Compile options (the standard library from `ECLEXIA_STDLIB_PATH`, when set); the
    /// file name comes from the request.
    pub options: CompileOptions,
}

/// Runs programs for `POST /v1/evaluate`. Called on a blocking thread (never on the async
/// threads), at most as many at once as the server allows.
pub trait Evaluator: Send + Sync + fmt::Debug + 'static {
    /// The HTTP status and JSON body of the answer: 200 `{"ok": true, …}` or
    /// `{"ok": false, "error": …}` for a run-time error, 422 with the diagnostics when
    /// the program does not compile; an [`ApiError`] for anything else.
    fn evaluate(
        &self,
        request: &EvalRequest,
        market: &Market,
    ) -> Result<(StatusCode, Value), ApiError>;
}

/// The largest limits a request may ask for (and what it gets when it asks for none).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Maxima {
    /// Fuel units.
    pub fuel: u64,
    /// Active calls.
    pub max_call_depth: u64,
    /// Live-heap estimate, bytes.
    pub max_memory: u64,
    /// Wall-clock limit, milliseconds.
    pub timeout_ms: u64,
}

impl Maxima {
    /// The maxima with every zero replaced by its default (a server never evaluates
    /// without limits) and the timeout no longer than `request_timeout_ms`.
    pub fn sanitized(self, request_timeout_ms: u64) -> Maxima {
        let or = |v: u64, d: u64| if v == 0 { d } else { v };
        Maxima {
            fuel: or(self.fuel, DEFAULT_MAXIMA.fuel),
            max_call_depth: or(self.max_call_depth, DEFAULT_MAXIMA.max_call_depth),
            max_memory: or(self.max_memory, DEFAULT_MAXIMA.max_memory),
            timeout_ms: or(self.timeout_ms, DEFAULT_MAXIMA.timeout_ms)
                .min(request_timeout_ms.max(1)),
        }
    }
}

/// Defaults small enough that one request cannot starve the others: a tenth of core's
/// fuel and call depth, 64 MiB, 2 s.
pub const DEFAULT_MAXIMA: Maxima = Maxima {
    fuel: 1_000_000,
    max_call_depth: 200,
    max_memory: 64 * 1024 * 1024,
    timeout_ms: 2000,
};

/// At most this many `(function, solution)` label pairs in
/// `eclexia_adaptive_selections_total`: names come from clients' programs, and the
/// metric's label set must stay bounded. Later pairs are counted under `<other>`.
const MAX_SELECTION_LABELS: usize = 1000;

/// The evaluator on core's `Engine`.
#[derive(Debug)]
pub struct EngineEvaluator {
    maxima: Maxima,
    selections: SelectionCounter,
    seen: Mutex<HashSet<(String, String)>>,
}

impl EngineEvaluator {
    /// An evaluator capping requests at `maxima` and counting selections in `selections`.
    pub fn new(maxima: Maxima, selections: SelectionCounter) -> EngineEvaluator {
        EngineEvaluator {
            maxima,
            selections,
            seen: Mutex::new(HashSet::new()),
        }
    }

    fn count_selection(&self, function: &str, solution: &str) {
        let mut seen = self.seen.lock().unwrap_or_else(|e| e.into_inner());
        let key = (function.to_string(), solution.to_string());
        if seen.contains(&key) || seen.len() < MAX_SELECTION_LABELS {
            seen.insert(key);
            self.selections.add(function, solution);
        } else {
            self.selections.add("<other>", "<other>");
        }
    }

    /// The engine for one request: its limits capped by the maxima, its budgets, the
    /// market's prices and carbon intensity, no capabilities.
    fn engine(&self, body: &Map<String, Value>, market: &Market) -> Result<Engine, ApiError> {
        let limits = Limits::parse(body.get("limits"))?;
        let cap = |asked: Option<u64>, max: u64| match asked {
            Some(v) if v > 0 => v.min(max),
            _ => max,
        };
        let settings = market.settings();
        let mut builder = Engine::builder()
            .fuel(cap(limits.fuel, self.maxima.fuel))
            .max_call_depth(cap(limits.max_call_depth, self.maxima.max_call_depth))
            .max_memory(cap(limits.max_memory, self.maxima.max_memory))
            .timeout_ms(cap(limits.timeout_ms, self.maxima.timeout_ms))
            .allow_fs(false)
            .allow_clock(false)
            .price_book(settings.price_book)
            .carbon_intensity(market.carbon().intensity);
        for (r, amount) in budgets(body.get("budgets"))? {
            builder = builder.budget(r, amount);
        }
        builder.build().map_err(invalid)
    }
}

impl Evaluator for EngineEvaluator {
    fn evaluate(
        &self,
        request: &EvalRequest,
        market: &Market,
    ) -> Result<(StatusCode, Value), ApiError> {
        let body = request
            .body
            .as_object()
            .ok_or_else(|| invalid("request: expected a JSON object"))?;
        let source = optional_str(body, "source")?.unwrap_or_default();
        let file = optional_str(body, "file")?.unwrap_or("<request>");
        let entry = optional_str(body, "entry")?.unwrap_or("main");
        let args = match body.get("args") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(xs)) => xs
                .iter()
                .enumerate()
                .map(|(i, x)| arg_value(x, &format!("args[{i}]")))
                .collect::<Result<_, _>>()?,
            Some(_) => return Err(invalid("args: expected an array")),
        };
        let engine = self.engine(body, market)?;
        let mut opts = request.options.clone();
        opts.file_name = file.to_string();
        let program = match compile(source, &opts) {
            Ok(p) => p,
            Err(diags) => return Ok((StatusCode::UNPROCESSABLE_ENTITY, diagnostics_body(&diags))),
        };
        match engine.evaluate(&program, entry, &args) {
            Ok(outcome) => {
                for s in &outcome.selections {
                    self.count_selection(&s.function, &s.solution);
                }
                Ok((StatusCode::OK, outcome.to_json()))
            }
            Err(err) => Ok((
                StatusCode::OK,
                json!({"ok": false, "output": err.output, "error": err.to_json()}),
            )),
        }
    }
}

fn optional_str<'v>(
    body: &'v Map<String, Value>,
    field: &str,
) -> Result<Option<&'v str>, ApiError> {
    match body.get(field) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(invalid(format!("{field}: expected a string"))),
    }
}

/// The requested limits; absent ones are `None`.
#[derive(Debug, Default)]
struct Limits {
    fuel: Option<u64>,
    max_call_depth: Option<u64>,
    max_memory: Option<u64>,
    timeout_ms: Option<u64>,
}

impl Limits {
    fn parse(value: Option<&Value>) -> Result<Limits, ApiError> {
        let mut limits = Limits::default();
        let obj = match value {
            None | Some(Value::Null) => return Ok(limits),
            Some(Value::Object(o)) => o,
            Some(_) => return Err(invalid("limits: expected an object")),
        };
        for (key, v) in obj {
            let n = v
                .as_u64()
                .ok_or_else(|| invalid(format!("limits.{key}: expected a non-negative integer")))?;
            let slot = match key.as_str() {
                "fuel" => &mut limits.fuel,
                "max_call_depth" => &mut limits.max_call_depth,
                "max_memory" => &mut limits.max_memory,
                "timeout_ms" => &mut limits.timeout_ms,
                _ => {
                    return Err(invalid(format!(
                        "limits.{key}: unknown limit (expected fuel, max_call_depth, \
                         max_memory or timeout_ms)"
                    )));
                }
            };
            *slot = Some(n);
        }
        Ok(limits)
    }
}

/// `{"energy": "100J", "time": 0.5, …}` as root budgets, parsed with core's unit table;
/// errors name the field (`budgets.energy: …`).
fn budgets(value: Option<&Value>) -> Result<Vec<(Resource, f64)>, ApiError> {
    let obj = match value {
        None | Some(Value::Null) => return Ok(Vec::new()),
        Some(Value::Object(o)) => o,
        Some(_) => {
            return Err(invalid(
                "budgets: expected an object such as {\"energy\": \"100J\"}",
            ));
        }
    };
    let mut out = Vec::new();
    for (key, v) in obj {
        let mut one = Map::new();
        one.insert(key.clone(), v.clone());
        let amounts =
            usage_from_value(&Value::Object(one)).map_err(|e| invalid(format!("budgets.{e}")))?;
        let r = Resource::from_name(key)
            .ok_or_else(|| invalid(format!("budgets.{key}: unknown resource")))?;
        out.push((r, amounts[r.index()]));
    }
    Ok(out)
}

/// An entry argument from JSON: booleans, integers, floats, strings and arrays of them.
fn arg_value(v: &Value, path: &str) -> Result<eclexia_core::Value, ApiError> {
    use eclexia_core::Value as V;
    Ok(match v {
        Value::Bool(b) => V::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => V::Int(i),
            None => V::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => V::Str(s.clone()),
        Value::Array(xs) => V::Array(
            xs.iter()
                .enumerate()
                .map(|(i, x)| arg_value(x, &format!("{path}[{i}]")))
                .collect::<Result<_, _>>()?,
        ),
        Value::Null | Value::Object(_) => {
            return Err(invalid(format!(
                "{path}: expected a boolean, number, string or array"
            )));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maxima_never_unlimited_and_within_the_request_timeout() {
        let zero = Maxima {
            fuel: 0,
            max_call_depth: 0,
            max_memory: 0,
            timeout_ms: 0,
        };
        assert_eq!(zero.sanitized(60_000), DEFAULT_MAXIMA);
        assert_eq!(DEFAULT_MAXIMA.sanitized(500).timeout_ms, 500);
    }

    #[test]
    fn limits_and_budgets_name_the_field() {
        let e = Limits::parse(Some(&json!({"fuel": -1}))).unwrap_err();
        assert!(e.message.starts_with("limits.fuel:"), "{}", e.message);
        let e = Limits::parse(Some(&json!({"gas": 1}))).unwrap_err();
        assert!(e.message.starts_with("limits.gas:"), "{}", e.message);
        let e = budgets(Some(&json!({"energy": "5s"}))).unwrap_err();
        assert!(e.message.starts_with("budgets.energy:"), "{}", e.message);
        let b = budgets(Some(&json!({"energy": "1kJ", "latency": "20ms"}))).unwrap();
        assert_eq!(b, vec![(Resource::Energy, 1000.0), (Resource::Time, 0.02)]);
        let e = arg_value(&json!([1, {}]), "args[0]").unwrap_err();
        assert!(e.message.starts_with("args[0][1]:"), "{}", e.message);
    }
}
