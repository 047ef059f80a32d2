//! Strings across the boundary: `(const char *, size_t)` in, owned `char *` out.

use std::ffi::{CString, c_char};

use crate::error::{eclexia_status, set_last_error};

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
