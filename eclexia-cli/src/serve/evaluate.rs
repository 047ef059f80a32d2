//! The seam of `POST /v1/evaluate` (issue #5).
//!
//! The route, its body limit, token, timeout, JSON errors and the bounded pool of blocking
//! threads exist; what runs a program is an [`Evaluator`]. Core's evaluator (`Engine`) is
//! not there yet, so the server installs [`NotYetAvailable`], which answers 501. When the
//! engine lands, an `Evaluator` built on it (limits capped by the server's maxima, no file
//! or clock capabilities, the market's budgets and prices) replaces it in
//! [`super::run`], and nothing else in the server changes.

use std::fmt;
use std::path::PathBuf;

use axum::http::StatusCode;
use eclexia_core::Market;
use serde_json::Value;

use super::api::ApiError;

/// One evaluation request as received.
// Read by the engine-backed evaluator; `NotYetAvailable` ignores them.
#[allow(dead_code)]
#[derive(Debug)]
pub struct EvalRequest {
    /// The JSON body: an object with at least a `source` string; `entry`, `args`,
    /// `limits` and `budgets` as issue #5 describes them are for the evaluator to read.
    pub body: Value,
    /// `ECLEXIA_STDLIB_PATH`, when set.
    pub stdlib_path: Option<PathBuf>,
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

/// The evaluator until core has an `Engine`: every request gets 501.
#[derive(Debug, Default)]
pub struct NotYetAvailable;

impl Evaluator for NotYetAvailable {
    fn evaluate(
        &self,
        _request: &EvalRequest,
        _market: &Market,
    ) -> Result<(StatusCode, Value), ApiError> {
        Err(ApiError::new(
            StatusCode::NOT_IMPLEMENTED,
            "not_implemented",
            "evaluation is not available in this build yet; POST /v1/check checks a program",
        ))
    }
}
