//! Arguments across the boundary: NULL checks, `(const char *, size_t)` strings in, owned
//! `char *` out. Each check records the last error and returns the status, so a boundary
//! function's prologue is a line per argument ending in `?`.

use std::ffi::{CString, c_char};

use crate::error::{eclexia_status, set_last_error};

/// `Err(ECLEXIA_STATUS_NULL_ARGUMENT)` with "`what`: NULL pointer" when `ptr` is NULL.
pub(crate) fn non_null<T>(ptr: *const T, what: &str) -> Result<(), eclexia_status> {
    if ptr.is_null() {
        set_last_error(&format!("{what}: NULL pointer"), "", "");
        return Err(eclexia_status::NullArgument);
    }
    Ok(())
}

/// Borrows a live handle, or `Err(ECLEXIA_STATUS_NULL_ARGUMENT)` naming `what`.
///
/// # Safety
/// `ptr` must be NULL or point to a live `T` that outlives the call.
pub(crate) unsafe fn handle<'a, T>(ptr: *const T, what: &str) -> Result<&'a T, eclexia_status> {
    non_null(ptr, what)?;
    // SAFETY: non-NULL, and live by the caller's promise.
    Ok(unsafe { &*ptr })
}

/// Writes `value` through an out-parameter already checked with [`non_null`].
///
/// # Safety
/// `out` must be non-NULL and writable.
pub(crate) unsafe fn write_out<T>(out: *mut T, value: T) {
    // SAFETY: the caller checked `out` and guarantees it is writable.
    unsafe { out.write(value) };
}

/// Borrows `len` bytes at `ptr` as UTF-8. A NULL pointer is allowed only with `len == 0`.
///
/// # Safety
/// `ptr` must point to `len` readable bytes that stay valid for the call.
pub(crate) unsafe fn str_arg<'a>(
    ptr: *const c_char,
    len: usize,
    what: &str,
) -> Result<&'a str, eclexia_status> {
    if ptr.is_null() {
        if len == 0 {
            return Ok("");
        }
        set_last_error(&format!("{what}: NULL pointer"), "", "");
        return Err(eclexia_status::NullArgument);
    }
    // SAFETY: the caller guarantees `len` readable bytes at `ptr` (documented in the header).
    let bytes = unsafe { std::slice::from_raw_parts(ptr.cast::<u8>(), len) };
    std::str::from_utf8(bytes).map_err(|e| {
        set_last_error(
            &format!("{what}: invalid UTF-8 at byte {}", e.valid_up_to()),
            "",
            "",
        );
        eclexia_status::InvalidUtf8
    })
}

/// Hands a Rust string to C as an owned, NUL-terminated `char *`.
pub(crate) fn owned_c_string(s: String) -> *mut c_char {
    CString::new(s.replace('\0', "\u{FFFD}"))
        .unwrap_or_default()
        .into_raw()
}

/// Frees a string returned by the library (`eclexia_price_json`, …). NULL is ignored.
///
/// Ownership: takes the string back; it must not be used or freed again.
/// Thread-safety: any thread.
///
/// # Safety
/// `s` must be NULL or a string returned by this library and not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn eclexia_string_free(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    // SAFETY: `s` came from `CString::into_raw` in `owned_c_string` (caller's promise).
    drop(unsafe { CString::from_raw(s) });
}
