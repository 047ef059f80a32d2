//! Compiling programs.

use std::ffi::c_char;

use eclexia_core::{CompileOptions, Program, compile};

use crate::error::{eclexia_status, guard, set_last_error_kind};
use crate::ffi_str::{handle, non_null, str_arg, write_out};

/// A compiled, checked program. Opaque; create it with `eclexia_compile`, free it once
/// with `eclexia_program_free`. A program is immutable: it may be used from several
/// threads at once.
#[allow(non_camel_case_types)] // C naming: the header exposes `eclexia_program`
pub struct eclexia_program {
    pub(crate) program: Program,
}

/// Compiles `source` (UTF-8, `source_len` bytes), naming it `name` in diagnostics.
///
/// On success writes a new program to `*out` and returns `ECLEXIA_STATUS_OK`. If the
/// program does not compile, returns `ECLEXIA_STATUS_COMPILE_ERROR` and leaves `*out`
/// untouched; `eclexia_last_error_message()` then holds every diagnostic's header and
/// location, `eclexia_last_error_code()` and `eclexia_last_error_kind()` the first code
/// and kind, and `eclexia_last_error_json()` all of them as JSON.
///
/// Ownership: the caller owns `*out` and frees it with `eclexia_program_free`.
/// Thread-safety: any thread.
///
/// # Safety
/// `source` and `name` must point to readable memory of the given lengths (or be NULL
/// with length 0); `out` must be a valid pointer to write to.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn eclexia_compile(
    source: *const c_char,
    source_len: usize,
    name: *const c_char,
    name_len: usize,
    out: *mut *mut eclexia_program,
) -> eclexia_status {
    guard(|| {
        non_null(out, "out")?;
        // SAFETY: the caller guarantees the (pointer, length) pairs.
        let source = unsafe { str_arg(source, source_len, "source")? };
        // SAFETY: as above.
        let name = match unsafe { str_arg(name, name_len, "name")? } {
            "" => "<string>",
            s => s,
        };
        match compile(source, &CompileOptions::new(name)) {
            Ok(program) => {
                let handle = Box::new(eclexia_program { program });
                // SAFETY: `out` is non-NULL and writable (caller's promise).
                unsafe { write_out(out, Box::into_raw(handle)) };
                Ok(eclexia_status::Ok)
            }
            Err(diags) => {
                let first = diags.iter().next();
                let code = first.map(|d| d.code.to_string()).unwrap_or_default();
                let kind = first.map(|d| d.kind().name()).unwrap_or_default();
                let headers = diags.headers();
                set_last_error_kind(
                    headers.trim_end(),
                    &code,
                    kind,
                    &diags.to_json().to_string(),
                );
                Err(eclexia_status::CompileError)
            }
        }
    })
}

/// Frees a program. NULL is ignored.
///
/// Ownership: takes the program back; it must not be used or freed again.
/// Thread-safety: no other thread may be using the program.
///
/// # Safety
/// `program` must be NULL or a program from `eclexia_compile` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn eclexia_program_free(program: *mut eclexia_program) {
    if program.is_null() {
        return;
    }
    // SAFETY: `program` came from `Box::into_raw` in `eclexia_compile` (caller's promise).
    drop(unsafe { Box::from_raw(program) });
}

/// Whether the program defines a top-level function (plain or adaptive) called `name`.
/// Writes the answer to `*out`.
///
/// Thread-safety: any thread; the program may be shared.
///
/// # Safety
/// `program` must be a live program; `name` must point to `name_len` readable bytes;
/// `out` must be writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn eclexia_program_has_function(
    program: *const eclexia_program,
    name: *const c_char,
    name_len: usize,
    out: *mut bool,
) -> eclexia_status {
    guard(|| {
        // SAFETY: `program` is NULL or live (caller's promise).
        let program = unsafe { handle(program, "program")? };
        non_null(out, "out")?;
        // SAFETY: caller's promise on `name`.
        let name = unsafe { str_arg(name, name_len, "name")? };
        // SAFETY: `out` is non-NULL and writable.
        unsafe { write_out(out, program.program.has_function(name)) };
        Ok(eclexia_status::Ok)
    })
}
