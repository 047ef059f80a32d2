//! The HTTP routes of `eclexia serve` (ARCHITECTURE §9): JSON in, JSON out, every answer
//! — including axum's own 404/405/413 and the timeout — in the error shape
//! `{"error": {"code", "kind", "message"}}`.
//!
//! Each handler converts the body, calls core (`Market`, `price`, `compile`) and converts
//! the result; no pricing or checking logic lives here. CPU-heavy work (compiling,
//! evaluating) runs on blocking threads, bounded by a semaphore, so the async threads keep
//! answering probes.

use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use eclexia_core::price::{MarketPrices, PerResource, PriceError, PriceRequest, usage_from_value};
use eclexia_core::{Diagnostics, compile};
use serde::Serialize;
use serde_json::{Value, json};
use subtle::ConstantTimeEq;
use tower_http::timeout::TimeoutLayer;

use super::Shared;
use super::evaluate::EvalRequest;

/// An error answer: HTTP status and the `{"error": {"code", "kind", "message"}}` body.
#[derive(Debug)]
pub struct ApiError {
    /// HTTP status.
    pub status: StatusCode,
    /// Stable machine-readable code (`malformed_json`, `invalid_field`, …).
    pub code: &'static str,
    /// The class of the error (`BadRequest`, `Unauthorized`, …).
    pub kind: &'static str,
    /// What went wrong, naming the field when there is one.
    pub message: String,
}

impl ApiError {
    /// An error with the kind that goes with `status`.
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            code,
            kind: kind_of_status(status),
            message: message.into(),
        }
    }

    fn bad_request(code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, code, message)
    }

    fn body(&self) -> Value {
        json!({"error": {"code": self.code, "kind": self.kind, "message": self.message}})
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        json_response(self.status, &self.body())
    }
}

fn kind_of_status(status: StatusCode) -> &'static str {
    match status.as_u16() {
        400 => "BadRequest",
        401 => "Unauthorized",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        408 => "Timeout",
        413 => "PayloadTooLarge",
        422 => "CompileError",
        501 => "NotImplemented",
        503 => "Unavailable",
        _ if status.is_server_error() => "Internal",
        _ => "BadRequest",
    }
}

/// A JSON answer, serialised straight from the body (a typed body or a `Value`).
///
/// The buffer starts at 1 KiB, which holds the usual answer (a §9.7 quote is about 500
/// bytes): one allocation instead of doubling up from a few bytes.
pub fn json_response(status: StatusCode, body: &impl Serialize) -> Response {
    let mut bytes = Vec::with_capacity(1024);
    if let Err(e) = serde_json::to_writer(&mut bytes, body) {
        // Not reached by this API's bodies (string keys, no fallible `Serialize`); the
        // error answer's own body is a `Value`, which always serialises.
        return ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", e.to_string())
            .into_response();
    }
    let mut r = (status, bytes).into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    r
}

/// The routes of the API listener, as used in the `route` label of the metrics. A path
/// outside this list is labelled `unmatched`, which keeps the label set bounded whatever
/// clients send.
const ROUTES: [&str; 7] = [
    "/health",
    "/ready",
    "/v1/prices",
    "/v1/usage",
    "/v1/price",
    "/v1/check",
    "/v1/evaluate",
];

fn route_label(path: &str) -> &'static str {
    ROUTES
        .iter()
        .find(|r| **r == path)
        .copied()
        .unwrap_or("unmatched")
}

/// Routes that answer without the API token: the probes (the kubelet has no token).
fn is_open(path: &str) -> bool {
    path == "/health" || path == "/ready"
}

/// The API router.
pub fn router(shared: Arc<Shared>) -> Router {
    let limit = shared.options.body_limit;
    let timeout = shared.options.request_timeout;
    Router::new()
        .route("/health", get(health))
        .route("/ready", get(ready))
        .route("/v1/prices", get(prices))
        .route("/v1/usage", post(usage))
        .route("/v1/price", post(price_route))
        .route("/v1/check", post(check))
        .route("/v1/evaluate", post(evaluate))
        .layer(DefaultBodyLimit::max(limit))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(middleware::from_fn_with_state(shared.clone(), observe))
        .with_state(shared)
}

/// The metrics router (its own listener, never behind the token).
pub fn metrics_router(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/metrics", get(metrics))
        .with_state(shared)
}

async fn metrics(State(s): State<Arc<Shared>>) -> Response {
    let text = s.metrics.encode(s.market.get().map(|m| &**m));
    let mut r = text.into_response();
    r.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(super::metrics::CONTENT_TYPE),
    );
    r
}

/// Around every API request: the token check, JSON bodies for axum's bare error answers,
/// the metrics and one log line.
async fn observe(State(s): State<Arc<Shared>>, req: Request, next: Next) -> Response {
    let start = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_owned();
    let route = route_label(&path);
    let response = match authorize(&s, &req, &path) {
        Err(e) => {
            let mut r = e.into_response();
            r.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            r
        }
        Ok(()) => next.run(req).await,
    };
    let response = ensure_json(response);
    let status = response.status().as_u16();
    let seconds = start.elapsed().as_secs_f64();
    s.metrics.observe_request(route, status, seconds);
    tracing::info!(
        method = %method,
        path = %path,
        route,
        status,
        duration_ms = seconds * 1e3,
        "request"
    );
    response
}

fn authorize(s: &Shared, req: &Request, path: &str) -> Result<(), ApiError> {
    let Some(token) = s.token.as_deref() else {
        return Ok(());
    };
    if is_open(path) {
        return Ok(());
    }
    let given = req
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.as_bytes().strip_prefix(b"Bearer "))
        .unwrap_or(b"");
    // Constant time in the token's contents (only the length can leak), so the answer
    // time does not tell an attacker how many leading bytes were right.
    if bool::from(given.ct_eq(token)) {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "missing or wrong API token (send 'Authorization: Bearer <token>')",
        ))
    }
}

/// axum answers 404, 405, 413 and the timeout's 408 with an empty or plain-text body:
/// give those the JSON error shape too.
fn ensure_json(response: Response) -> Response {
    let status = response.status();
    if status.is_success() {
        return response;
    }
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if is_json {
        return response;
    }
    let (code, message) = match status.as_u16() {
        404 => ("not_found", "no such route".to_string()),
        405 => (
            "method_not_allowed",
            "method not allowed on this route".to_string(),
        ),
        408 => (
            "timeout",
            "the request took longer than the server's time limit".to_string(),
        ),
        413 => (
            "payload_too_large",
            "request body over the size limit".to_string(),
        ),
        _ => (
            "http_error",
            status.canonical_reason().unwrap_or("error").to_lowercase(),
        ),
    };
    let (parts, _) = response.into_parts();
    let mut r = ApiError::new(status, code, message).into_response();
    // Keep headers such as `Allow` on a 405.
    for (name, value) in parts.headers.iter() {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            r.headers_mut().insert(name, value.clone());
        }
    }
    r
}

async fn health() -> Response {
    json_response(StatusCode::OK, &json!({"status": "ok"}))
}

async fn ready(State(s): State<Arc<Shared>>) -> Response {
    match s.readiness() {
        Ok(()) => json_response(StatusCode::OK, &json!({"status": "ready"})),
        // The reason twice: `status`/`reason` for people reading the probe, and the
        // `error` object every other error answer of this API carries, for clients that
        // handle all errors one way.
        Err(reason) => {
            let error = ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "not_ready", reason);
            let mut body = error.body();
            body["status"] = json!("not_ready");
            body["reason"] = json!(error.message);
            json_response(error.status, &body)
        }
    }
}

/// The body as JSON; 413 over the limit, 400 when it is not JSON.
fn parse_body(
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Value, ApiError> {
    serde_json::from_slice(&body_bytes(body)?).map_err(|e| price_error(e.into()))
}

/// The body's bytes; 413 over the limit, 400 when it could not be read.
fn body_bytes(
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Bytes, ApiError> {
    body.map_err(|e| {
        let status = e.status();
        let code = if status == StatusCode::PAYLOAD_TOO_LARGE {
            "payload_too_large"
        } else {
            "bad_body"
        };
        ApiError::new(status, code, e.body_text())
    })
}

/// 400: `malformed_json` for a JSON syntax error (worded by core, as everywhere), else
/// `invalid_field` naming the field.
fn price_error(e: PriceError) -> ApiError {
    let code = match e {
        PriceError::Json { .. } => "malformed_json",
        PriceError::Invalid { .. } => "invalid_field",
    };
    ApiError::bad_request(code, e.to_string())
}

/// 400 `invalid_field`; the message names the field.
pub(super) fn invalid(e: impl std::fmt::Display) -> ApiError {
    ApiError::bad_request("invalid_field", e.to_string())
}

/// One resource in the `GET /v1/prices` body.
#[derive(Clone, Copy, Debug, Serialize)]
struct ResourceBody {
    unit: &'static str,
    budget: Option<f64>,
    used: f64,
    utilization: f64,
    price: f64,
    base: f64,
    multiplier: f64,
}

#[derive(Debug, Serialize)]
struct CarbonBody<'a> {
    value: f64,
    source: &'a str,
    zone: Option<&'a str>,
    age_seconds: f64,
    estimated: bool,
}

#[derive(Debug, Serialize)]
struct WindowBody {
    start: Option<String>,
    seconds: Option<f64>,
}

/// The `GET /v1/prices` body (issue #5): per resource of LANGUAGE §7.1 (in that order) its
/// unit, budget, usage, utilisation and price parts; the carbon intensity with its source
/// and age; the accounting window.
#[derive(Debug, Serialize)]
struct PricesBody<'a> {
    resources: PerResource<ResourceBody>,
    carbon_intensity: CarbonBody<'a>,
    window: WindowBody,
}

fn prices_response(p: &MarketPrices) -> Response {
    let resources = std::array::from_fn(|i| {
        let r = &p.resources[i];
        ResourceBody {
            unit: UNITS[i],
            budget: r.budget,
            used: r.used,
            utilization: r.utilisation,
            price: r.price,
            base: r.base,
            multiplier: r.multiplier,
        }
    });
    // Windows are per resource; they share a start unless configured differently, so the
    // body reports the first resource's window that has one (energy's by default).
    let window = p.resources.iter().find(|r| r.window_seconds.is_some());
    let body = PricesBody {
        resources: PerResource::from_array(resources),
        carbon_intensity: CarbonBody {
            value: p.carbon.intensity,
            source: &p.carbon.source,
            zone: p.carbon.zone.as_deref(),
            age_seconds: p.carbon_age_seconds,
            estimated: p.carbon.is_estimated,
        },
        window: WindowBody {
            start: window.map(|w| rfc3339(w.window_start)),
            seconds: window.and_then(|w| w.window_seconds),
        },
    };
    json_response(StatusCode::OK, &body)
}

/// Canonical units in [`Resource::ALL`] order (the order of `MarketPrices::resources`).
const UNITS: [&str; 6] = ["J", "s", "gCO2e", "B", "B", "CU"];

/// Seconds since the Unix epoch as RFC 3339 UTC (`2026-01-02T03:04:05Z`).
pub fn rfc3339(seconds: f64) -> String {
    let secs = if seconds.is_finite() {
        seconds.floor() as i64
    } else {
        0
    };
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

async fn prices(State(s): State<Arc<Shared>>) -> Result<Response, ApiError> {
    let market = s.market()?;
    Ok(prices_response(&market.prices()))
}

async fn usage(
    State(s): State<Arc<Shared>>,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    let market = s.market()?;
    let value = parse_body(body)?;
    let amounts = usage_from_value(&value).map_err(invalid)?;
    let prices = market.record_usage(&amounts).map_err(invalid)?;
    s.metrics.add_usage(&amounts);
    s.usage_recorded();
    Ok(prices_response(&prices))
}

async fn price_route(
    State(s): State<Arc<Shared>>,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    let market = s.market()?;
    // Bytes straight to the typed request (core keeps the exact messages of the JSON path).
    let (request, given) = PriceRequest::decode(&body_bytes(body)?).map_err(price_error)?;
    let quote = market.quote_given(&request, given).map_err(price_error)?;
    // Straight to bytes, in §9.7's key order (no intermediate `Value`).
    Ok(json_response(StatusCode::OK, &quote))
}

/// A string field of a request object; 400 naming the field otherwise.
fn string_field<'v>(
    value: &'v Value,
    field: &str,
    required: bool,
) -> Result<Option<&'v str>, ApiError> {
    let obj = value
        .as_object()
        .ok_or_else(|| invalid("request: expected a JSON object"))?;
    match obj.get(field) {
        None if !required => Ok(None),
        None => Err(invalid(format_args!(
            "{field}: missing (expected a string)"
        ))),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(invalid(format_args!("{field}: expected a string"))),
    }
}

/// The 422 body for a program that does not compile (`/v1/check` and `/v1/evaluate`): the
/// first diagnostic as the error, every diagnostic in `diagnostics` (same JSON as
/// `eclexia check --format json`).
pub fn diagnostics_body(diags: &Diagnostics) -> Value {
    let first = diags.iter().next();
    let error = json!({
        "code": first.map(|d| d.code.to_string()).unwrap_or_default(),
        "kind": first.map(|d| d.kind().name()).unwrap_or("CompileError"),
        "message": first.map(|d| d.message.clone()).unwrap_or_default(),
    });
    json!({"ok": false, "error": error, "diagnostics": diags.to_json()})
}

async fn check(
    State(s): State<Arc<Shared>>,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    s.market()?;
    let value = parse_body(body)?;
    let source = string_field(&value, "source", true)?
        .unwrap_or_default()
        .to_owned();
    let file = string_field(&value, "file", false)?
        .unwrap_or("<request>")
        .to_owned();
    let opts = s.options.compile_options(&file);
    let result = s
        .blocking(move || compile(&source, &opts).map(|_| ()))
        .await?;
    Ok(match result {
        Ok(()) => json_response(StatusCode::OK, &json!({"ok": true})),
        Err(diags) => json_response(StatusCode::UNPROCESSABLE_ENTITY, &diagnostics_body(&diags)),
    })
}

async fn evaluate(
    State(s): State<Arc<Shared>>,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> Result<Response, ApiError> {
    let market = s.market()?.clone();
    let value = parse_body(body)?;
    string_field(&value, "source", true)?;
    let request = EvalRequest {
        body: value,
        options: s.options.compile_options("<request>"),
    };
    let evaluator = s.evaluator.clone();
    let (status, body) = s
        .blocking(move || evaluator.evaluate(&request, &market))
        .await??;
    Ok(json_response(status, &body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use eclexia_core::price::Resource;

    #[test]
    fn rfc3339_formats_utc() {
        assert_eq!(rfc3339(0.0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400.5), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_767_225_599.0), "2025-12-31T23:59:59Z");
    }

    #[test]
    fn units_follow_the_resource_order() {
        for r in Resource::ALL {
            assert_eq!(UNITS[r.index()], r.dim().unit_name(), "{r}");
        }
    }

    #[test]
    fn route_labels_are_bounded() {
        assert_eq!(route_label("/v1/price"), "/v1/price");
        assert_eq!(route_label("/v1/price/../x"), "unmatched");
    }
}
