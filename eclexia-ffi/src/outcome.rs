//! Evaluating a program and reading its outcome.

use std::ffi::{CString, c_char};

use eclexia_core::{Outcome, RuntimeError};

use crate::engine::{eclexia_engine, resource};
use crate::error::{Fallible, eclexia_status, guard, set_last_error_kind};
use crate::ffi_str::{handle, non_null, owned_c_string, str_arg, write_out};
use crate::program::eclexia_program;

/// What a successful evaluation reports. Opaque; written by `eclexia_evaluate`, freed
/// once with `eclexia_outcome_free`. Immutable: its accessors may be called from any
/// thread.
#[allow(non_camel_case_types)] // C naming: the header exposes `eclexia_outcome`
pub struct eclexia_outcome {
    outcome: Outcome,
    value: CString,
    output: CString,
}

/// Text as a C string, NULs replaced so nothing is cut short.
fn c_text(s: &str) -> CString {
    CString::new(s.replace('\0', "\u{FFFD}")).unwrap_or_default()
}

/// Records a run-time error as the last error and picks its status by its exit code
/// (LANGUAGE §12.4).
fn runtime_failure(err: &RuntimeError) -> eclexia_status {
    let json = serde_json::json!({"ok": false, "output": err.output, "error": err.to_json()});
    set_last_error_kind(
        err.headers().trim_end(),
        &err.code().to_string(),
        err.kind().name(),
        &json.to_string(),
    );
    match err.exit_code() {
        4 => eclexia_status::ResourceError,
        5 => eclexia_status::LimitExceeded,
        _ => eclexia_status::RuntimeError,
    }
}

/// Evaluates `program`'s function `entry` (`entry_len` bytes of UTF-8; NULL or empty:
/// `main`) with `engine`'s settings and writes the outcome to `*out`. The entry function
/// must take no parameters. A program without `main` evaluated at `main` runs nothing.
///
/// On a run-time error `*out` is untouched and the status says which family it is:
/// `ECLEXIA_STATUS_RUNTIME_ERROR` (division by zero, assertion, `panic`, unknown entry,
/// …), `ECLEXIA_STATUS_RESOURCE_ERROR` (a budget exceeded, no feasible solution) or
/// `ECLEXIA_STATUS_LIMIT_EXCEEDED` (fuel, call depth, memory, timeout, cancelled). Then
/// `eclexia_last_error_message()` is the diagnostic header and location,
/// `eclexia_last_error_code()` / `eclexia_last_error_kind()` its code (`"E0701"`) and kind
/// (`"OutOfFuel"`), and `eclexia_last_error_json()` the report of `eclexia run --json`,
/// including the output printed before the error.
///
/// Ownership: the caller owns `*out` and frees it with `eclexia_outcome_free`.
/// Thread-safety: any thread; one engine and one program may be used by several threads
/// at once. The evaluation runs on the calling thread until it ends.
///
/// # Safety
/// `engine` and `program` must be live handles; `entry` must point to `entry_len`
/// readable bytes (or be NULL with length 0); `out` must be writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn eclexia_evaluate(
    engine: *const eclexia_engine,
    program: *const eclexia_program,
    entry: *const c_char,
    entry_len: usize,
    out: *mut *mut eclexia_outcome,
) -> eclexia_status {
    guard(|| {
        // SAFETY: NULL or live (caller's promise).
        let engine = unsafe { handle(engine, "engine")? };
        // SAFETY: as above.
        let program = unsafe { handle(program, "program")? };
        non_null(out, "out")?;
        // SAFETY: the caller guarantees the (pointer, length) pair.
        let entry = match unsafe { str_arg(entry, entry_len, "entry")? } {
            "" => "main",
            e => e,
        };
        let outcome = engine
            .engine
            .evaluate(&program.program, entry, &[])
            .map_err(|e| runtime_failure(&e))?;
        let handle = Box::new(eclexia_outcome {
            value: c_text(&outcome.value_text),
            output: c_text(&outcome.output),
            outcome,
        });
        // SAFETY: `out` is non-NULL and writable (caller's promise).
        unsafe { write_out(out, Box::into_raw(handle)) };
        Ok(eclexia_status::Ok)
    })
}

/// The outcome as JSON — the report of `eclexia run --json`: `{"ok": true, "value",
/// "output", "usage": {"energy", …}, "selections": [{"function", "solution", "cost"}],
/// "prices": {"energy", …}, "fuel_used"}`, amounts in canonical units — written to
/// `*out_json`.
///
/// Ownership: the caller frees `*out_json` with `eclexia_string_free`.
/// Thread-safety: any thread.
///
/// # Safety
/// `outcome` must be a live outcome; `out_json` must be writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn eclexia_outcome_json(
    outcome: *const eclexia_outcome,
    out_json: *mut *mut c_char,
) -> eclexia_status {
    guard(|| {
        // SAFETY: NULL or live (caller's promise).
        let o = unsafe { handle(outcome, "outcome")? };
        non_null(out_json, "out_json")?;
        let json = o.outcome.to_json().to_string();
        // SAFETY: `out_json` is non-NULL and writable.
        unsafe { write_out(out_json, owned_c_string(json)) };
        Ok(eclexia_status::Ok)
    })
}

/// The entry function's return value in its display form (`"42"`, `"2000J"`, `"()"`),
/// or NULL when `outcome` is NULL.
///
/// Ownership: the string belongs to the outcome and lives until `eclexia_outcome_free`.
/// Thread-safety: any thread.
///
/// # Safety
/// `outcome` must be NULL or a live outcome.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn eclexia_outcome_value(outcome: *const eclexia_outcome) -> *const c_char {
    if outcome.is_null() {
        return std::ptr::null();
    }
    // SAFETY: non-NULL and live (caller's promise).
    unsafe { (*outcome).value.as_ptr() }
}

/// The output the program printed (empty when the engine streamed it to a callback), or
/// NULL when `outcome` is NULL. When `out_len` is not NULL its length in bytes is written
/// there.
///
/// Ownership: the string belongs to the outcome and lives until `eclexia_outcome_free`.
/// Thread-safety: any thread.
///
/// # Safety
/// `outcome` must be NULL or a live outcome; `out_len` NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn eclexia_outcome_output(
    outcome: *const eclexia_outcome,
    out_len: *mut usize,
) -> *const c_char {
    if outcome.is_null() {
        return std::ptr::null();
    }
    // SAFETY: non-NULL and live (caller's promise).
    let output = unsafe { &(*outcome).output };
    if !out_len.is_null() {
        // SAFETY: non-NULL and writable (caller's promise).
        unsafe { write_out(out_len, output.as_bytes().len()) };
    }
    output.as_ptr()
}

/// Writes the evaluation's root usage of `resource` (an `eclexia_resource`), in canonical
/// units, to `*out`; `ECLEXIA_STATUS_INVALID_ARGUMENT` for an unknown resource.
///
/// Thread-safety: any thread.
///
/// # Safety
/// `outcome` must be a live outcome; `out` must be writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn eclexia_outcome_usage(
    outcome: *const eclexia_outcome,
    resource_index: u32,
    out: *mut f64,
) -> eclexia_status {
    guard(|| -> Fallible {
        // SAFETY: NULL or live (caller's promise).
        let o = unsafe { handle(outcome, "outcome")? };
        non_null(out, "out")?;
        let r = resource(resource_index)?;
        // SAFETY: `out` is non-NULL and writable.
        unsafe { write_out(out, o.outcome.usage.get(r)) };
        Ok(eclexia_status::Ok)
    })
}

/// The fuel units the evaluation consumed (0 when `outcome` is NULL).
///
/// Thread-safety: any thread.
///
/// # Safety
/// `outcome` must be NULL or a live outcome.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn eclexia_outcome_fuel_used(outcome: *const eclexia_outcome) -> u64 {
    if outcome.is_null() {
        return 0;
    }
    // SAFETY: non-NULL and live (caller's promise).
    unsafe { (*outcome).outcome.fuel_used }
}

/// Frees an outcome. NULL is ignored.
///
/// Ownership: takes the outcome back; it and the strings it lent must not be used again.
/// Thread-safety: no other thread may be using the outcome.
///
/// # Safety
/// `outcome` must be NULL or an outcome from `eclexia_evaluate` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn eclexia_outcome_free(outcome: *mut eclexia_outcome) {
    if outcome.is_null() {
        return;
    }
    // SAFETY: it came from `Box::into_raw` in `eclexia_evaluate` (caller's promise).
    drop(unsafe { Box::from_raw(outcome) });
}
