//! The host `price` operation (LANGUAGE §9.7) over JSON.

use std::ffi::c_char;

use eclexia_core::price::{PriceRequest, QuoteStatus, price};

use crate::error::{eclexia_status, guard, set_last_error, set_last_error_kind};
use crate::ffi_str::{non_null, owned_c_string, str_arg, write_out};

/// Prices a LANGUAGE §9.7 request given as JSON (`request_len` bytes of UTF-8) and writes
/// the response JSON to `*out_json`.
///
/// Returns `ECLEXIA_STATUS_OK` when a candidate was chosen and
/// `ECLEXIA_STATUS_NO_FEASIBLE_SOLUTION` when none is feasible — in both cases `*out_json`
/// is written (with `"chosen": null` in the second). A malformed request returns
/// `ECLEXIA_STATUS_INVALID_REQUEST`, leaves `*out_json` untouched, and
/// `eclexia_last_error_message()` says which field is wrong.
///
/// Ownership: the caller frees `*out_json` with `eclexia_string_free`.
/// Thread-safety: any thread.
///
/// # Safety
/// `request` must point to `request_len` readable bytes; `out_json` must be writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn eclexia_price_json(
    request: *const c_char,
    request_len: usize,
    out_json: *mut *mut c_char,
) -> eclexia_status {
    guard(|| {
        non_null(out_json, "out_json")?;
        // SAFETY: the caller guarantees the (pointer, length) pair.
        let text = unsafe { str_arg(request, request_len, "request")? };
        // The quote borrows the candidate names from the request.
        let request = PriceRequest::from_json(text).map_err(|e| {
            set_last_error(&e.to_string(), "", "");
            eclexia_status::InvalidRequest
        })?;
        let quote = price(&request).map_err(|e| {
            set_last_error(&e.to_string(), "", "");
            eclexia_status::InvalidRequest
        })?;
        let status = match quote.status() {
            QuoteStatus::Chosen => eclexia_status::Ok,
            QuoteStatus::NoFeasibleSolution => {
                set_last_error_kind("no feasible candidate", "E0603", "NoFeasibleSolution", "");
                eclexia_status::NoFeasibleSolution
            }
        };
        let json = serde_json::to_string(&quote).unwrap_or_default();
        // SAFETY: `out_json` is non-NULL and writable (caller's promise).
        unsafe { write_out(out_json, owned_c_string(json)) };
        Ok(status)
    })
}
