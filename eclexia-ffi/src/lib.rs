//! The C ABI of the Eclexia SDK (`libeclexia.so`, `libeclexia.a`, `include/eclexia.h`).
//!
//! A thin translation of `eclexia-core` in the style of rustls-ffi: every fallible function
//! returns an [`eclexia_status`]; results go through out-parameters written only on
//! success; handles are opaque and freed exactly once by their `_free` function; strings
//! in are `(const char *, size_t)` checked for UTF-8, strings out are owned by the caller
//! and freed with [`eclexia_string_free`]; the full message of the last failure on the
//! calling thread is [`eclexia_last_error_message`]. Every body runs inside
//! `catch_unwind`, so a Rust panic becomes `ECLEXIA_STATUS_PANIC` instead of aborting the
//! host. No logic lives here: compile, evaluate and price are core's.

// The C boundary is raw pointers by nature; every `unsafe` block below is a pointer
// dereference guarded by a NULL check, with the caller's obligations documented in the
// header. Core itself forbids unsafe code.
#![allow(unsafe_code)]

mod engine;
mod error;
mod ffi_str;
mod outcome;
mod price;
mod program;

pub use engine::{
    ECLEXIA_NO_BUDGET, ECLEXIA_RESOURCE_COUNT, eclexia_cancel_handle, eclexia_cancel_handle_cancel,
    eclexia_cancel_handle_free, eclexia_cancel_handle_reset, eclexia_engine,
    eclexia_engine_cancel_handle, eclexia_engine_free, eclexia_engine_new, eclexia_engine_options,
    eclexia_engine_options_init, eclexia_output_callback, eclexia_resource,
};
pub use error::{
    eclexia_last_error_code, eclexia_last_error_json, eclexia_last_error_kind,
    eclexia_last_error_message, eclexia_status,
};
pub use ffi_str::eclexia_string_free;
pub use outcome::{
    eclexia_evaluate, eclexia_outcome, eclexia_outcome_free, eclexia_outcome_fuel_used,
    eclexia_outcome_json, eclexia_outcome_output, eclexia_outcome_usage, eclexia_outcome_value,
};
pub use price::eclexia_price_json;
pub use program::{
    eclexia_compile, eclexia_program, eclexia_program_free, eclexia_program_has_function,
};

/// The SDK version as a static NUL-terminated string (for example `"0.1.0"`).
///
/// Ownership: static; never free it. Thread-safety: may be called from any thread.
#[unsafe(no_mangle)]
pub extern "C" fn eclexia_version() -> *const std::ffi::c_char {
    static VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), "\0");
    VERSION.as_ptr().cast()
}
