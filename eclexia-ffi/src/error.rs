//! Status codes and the thread-local last error.

use std::cell::RefCell;
use std::ffi::{CString, c_char};
use std::panic::{AssertUnwindSafe, catch_unwind};

/// The result of every fallible function.
#[allow(non_camel_case_types)] // C naming: the header exposes `eclexia_status`
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum eclexia_status {
    /// Success.
    Ok = 0,
    /// A required pointer argument was NULL.
    NullArgument = 1,
    /// A string argument was not valid UTF-8.
    InvalidUtf8 = 2,
    /// The source did not compile; the diagnostics are the last error.
    CompileError = 3,
    /// A JSON request was malformed or had bad values; the message says where.
    InvalidRequest = 4,
    /// Pricing: no candidate is feasible (LANGUAGE §9.7, E0603). The quote is still
    /// written: this is a status, not a failure.
    NoFeasibleSolution = 5,
    /// A Rust panic was caught at the boundary (a bug: please report it).
    Panic = 6,
    /// Evaluation failed at run time (division by zero, a failed assertion, `panic`, an
    /// unknown entry, …; LANGUAGE §12.4 exit code 3). The last error has the code, kind,
    /// message and JSON.
    RuntimeError = 7,
    /// Evaluation exceeded a budget or no solution of an adaptive function was feasible
    /// (`ResourceViolation`, `NoFeasibleSolution`; exit code 4).
    ResourceError = 8,
    /// Evaluation hit an engine limit: fuel, call depth, memory, timeout, or it was
    /// cancelled (`OutOfFuel`, `StackOverflow`, `MemoryLimit`, `Timeout`, `Cancelled`;
    /// exit code 5).
    LimitExceeded = 9,
    /// An argument had a bad value (a negative budget, an unknown resource, …); the
    /// message says which.
    InvalidArgument = 10,
}

#[derive(Default)]
struct LastError {
    message: CString,
    code: CString,
    kind: CString,
    json: CString,
}

thread_local! {
    static LAST: RefCell<LastError> = RefCell::new(LastError::default());
}

/// Text without interior NULs, so it always converts to a C string.
fn c_string(s: &str) -> CString {
    CString::new(s.replace('\0', "\u{FFFD}")).unwrap_or_default()
}

/// Records the last error of this thread (without a kind).
pub(crate) fn set_last_error(message: &str, code: &str, json: &str) {
    set_last_error_kind(message, code, "", json);
}

/// Records the last error of this thread with its kind (`TypeError`, `OutOfFuel`, …).
pub(crate) fn set_last_error_kind(message: &str, code: &str, kind: &str, json: &str) {
    LAST.with(|l| {
        *l.borrow_mut() = LastError {
            message: c_string(message),
            code: c_string(code),
            kind: c_string(kind),
            json: c_string(json),
        }
    });
}

/// The early return of a boundary function: the status to hand back (the last error is
/// already set).
pub(crate) type Fallible = Result<eclexia_status, eclexia_status>;

/// Clears the last error (at the start of every call).
pub(crate) fn clear_last_error() {
    LAST.with(|l| *l.borrow_mut() = LastError::default());
}

/// Runs a body at the boundary: clears the last error, and turns a panic into
/// `ECLEXIA_STATUS_PANIC` with a message. The body returns its status either way (`Err`
/// lets it leave early with `?`).
pub(crate) fn guard(f: impl FnOnce() -> Fallible) -> eclexia_status {
    clear_last_error();
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(Ok(status) | Err(status)) => status,
        Err(payload) => {
            let what = payload
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown panic".to_string());
            set_last_error(&format!("internal error (panic): {what}"), "", "");
            eclexia_status::Panic
        }
    }
}

/// The message of the last failure on this thread: for a compile error every diagnostic
/// header and location (`error[E0401]: …` / `  --> file:line:col`); for a bad request
/// where it is wrong. An empty string when the last call succeeded.
///
/// Ownership: the string belongs to the library and stays valid until the next fallible
/// call (one returning `eclexia_status`) on the same thread; copy it to keep it. Never
/// NULL.
/// Thread-safety: per thread.
#[unsafe(no_mangle)]
pub extern "C" fn eclexia_last_error_message() -> *const c_char {
    LAST.with(|l| l.borrow().message.as_ptr())
}

/// The code of the last failure on this thread (`"E0401"` for the first diagnostic of a
/// compile error, `"E0603"`…), or an empty string.
///
/// Ownership and lifetime as for `eclexia_last_error_message`. Never NULL.
/// Thread-safety: per thread.
#[unsafe(no_mangle)]
pub extern "C" fn eclexia_last_error_code() -> *const c_char {
    LAST.with(|l| l.borrow().code.as_ptr())
}

/// The kind of the last failure on this thread (`"DimensionMismatch"` for the first
/// diagnostic of a compile error, `"OutOfFuel"`, `"DivisionByZero"`… for a run-time
/// error; LANGUAGE §12.1), or an empty string.
///
/// Ownership and lifetime as for `eclexia_last_error_message`. Never NULL.
/// Thread-safety: per thread.
#[unsafe(no_mangle)]
pub extern "C" fn eclexia_last_error_kind() -> *const c_char {
    LAST.with(|l| l.borrow().kind.as_ptr())
}

/// The last failure as JSON: for a compile error the array of diagnostics
/// (`[{"code", "kind", "message", "file", "line", "column", "help"}, …]`); for a run-time
/// error the report of `eclexia run --json`
/// (`{"ok": false, "output", "error": {"code", "kind", "message", "file", "line",
/// "column", "trace"}}`); otherwise an empty string.
///
/// Ownership and lifetime as for `eclexia_last_error_message`. Never NULL.
/// Thread-safety: per thread.
#[unsafe(no_mangle)]
pub extern "C" fn eclexia_last_error_json() -> *const c_char {
    LAST.with(|l| l.borrow().json.as_ptr())
}
