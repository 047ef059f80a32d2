//! Engines (limits, budgets, host facts, output) and their cancel handles.
//!
//! An engine is core's `Engine`: immutable once built, so one engine serves any number of
//! concurrent evaluations. Output goes either into the outcome (the default) or, as it is
//! produced, to a C callback.

use std::ffi::{c_char, c_int, c_void};
use std::sync::Arc;

use eclexia_core::engine::defaults;
use eclexia_core::units::Resource;
use eclexia_core::{CancelHandle, Engine, OutputSink};

use crate::error::{eclexia_status, guard, set_last_error};
use crate::ffi_str::{handle, non_null, write_out};

/// Number of resources: the length of `eclexia_engine_options.budgets`.
pub const ECLEXIA_RESOURCE_COUNT: usize = 6;

/// A value of `eclexia_engine_options.budgets` that means "no budget".
pub const ECLEXIA_NO_BUDGET: f64 = -1.0;

/// The resources of LANGUAGE §7.1, as indices of `eclexia_engine_options.budgets` and
/// arguments of `eclexia_outcome_usage`. Amounts are in canonical units: J, s, gCO2e,
/// B, B, CU.
#[allow(non_camel_case_types)] // C naming: the header exposes `eclexia_resource`
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum eclexia_resource {
    /// Energy, J.
    Energy = 0,
    /// Time, s.
    Time = 1,
    /// Carbon, gCO2e.
    Carbon = 2,
    /// Memory, bytes.
    Memory = 3,
    /// Network transfer, bytes.
    Network = 4,
    /// Compute, CU.
    Compute = 5,
}

/// The resource at index `r` (an `eclexia_resource` value), or
/// `ECLEXIA_STATUS_INVALID_ARGUMENT`.
pub(crate) fn resource(r: u32) -> Result<Resource, eclexia_status> {
    Resource::ALL.get(r as usize).copied().ok_or_else(|| {
        set_last_error(
            &format!("resource: {r} is not an eclexia_resource (0..{ECLEXIA_RESOURCE_COUNT})"),
            "",
            "",
        );
        eclexia_status::InvalidArgument
    })
}

/// Receives program output as it is produced: `len` bytes of UTF-8 at `text` (not
/// NUL-terminated, valid only during the call), and the `output_userdata` given in the
/// options. Output arrives in order, in chunks (buffered up to a few KiB, the rest when
/// the evaluation ends). Return 0 to go on; any other value ends the evaluation with a
/// run-time error (`E0599`, "output closed").
///
/// Called on the evaluating thread; when several threads evaluate with one engine, it is
/// called from all of them, concurrently.
#[allow(non_camel_case_types)]
pub type eclexia_output_callback =
    Option<unsafe extern "C" fn(userdata: *mut c_void, text: *const c_char, len: usize) -> c_int>;

/// Settings of a new engine. Fill it with `eclexia_engine_options_init` (the defaults),
/// then change the fields you need.
#[allow(non_camel_case_types)] // C naming: the header exposes `eclexia_engine_options`
#[repr(C)]
#[derive(Clone, Copy, Debug)]
pub struct eclexia_engine_options {
    /// Fuel units: one per call and per loop iteration (default 10,000,000; 0 =
    /// unlimited).
    pub fuel: u64,
    /// Maximum active calls, `main` included (default 1000; 0 = unlimited).
    pub max_call_depth: u64,
    /// Limit of the live-heap estimate in bytes (default 512 MiB; 0 = unlimited).
    pub max_memory: u64,
    /// Wall-clock limit in milliseconds (default 0 = none).
    pub timeout_ms: u64,
    /// Root budget per resource, indexed by `eclexia_resource`, canonical units;
    /// `ECLEXIA_NO_BUDGET` (any negative value) means none (the default).
    pub budgets: [f64; 6],
    /// Energy charged per loop iteration in J (default 0.001; 0 disables).
    pub loop_energy: f64,
    /// Grid carbon intensity in gCO2e/kWh (default 400).
    pub carbon_intensity: f64,
    /// The host fact `gpu_available()` (default false).
    pub gpu_available: bool,
    /// The host fact `cpu_cores()` (default 1).
    pub cpu_cores: i64,
    /// Streams output to this function instead of capturing it in the outcome (default
    /// NULL: captured).
    pub output: eclexia_output_callback,
    /// Passed to `output` unchanged.
    pub output_userdata: *mut c_void,
}

/// An evaluation context: limits, budgets, host facts and output. Opaque; create it with
/// `eclexia_engine_new`, free it once with `eclexia_engine_free`. Immutable: several
/// threads may evaluate with one engine at once.
#[allow(non_camel_case_types)] // C naming: the header exposes `eclexia_engine`
pub struct eclexia_engine {
    pub(crate) engine: Engine,
}

/// Cancels the evaluations of one engine from any thread. Opaque; get it with
/// `eclexia_engine_cancel_handle`, free it once with `eclexia_cancel_handle_free`. It may
/// outlive its engine.
#[allow(non_camel_case_types)] // C naming: the header exposes `eclexia_cancel_handle`
pub struct eclexia_cancel_handle {
    handle: CancelHandle,
}

/// The C callback as core's output sink.
struct Callback {
    f: unsafe extern "C" fn(*mut c_void, *const c_char, usize) -> c_int,
    userdata: *mut c_void,
}

// SAFETY: the header tells the caller that the callback and its userdata are used from
// every thread that evaluates with the engine; making that safe is the caller's part.
unsafe impl Send for Callback {}
// SAFETY: as above.
unsafe impl Sync for Callback {}

impl OutputSink for Callback {
    fn write(&self, text: &str) -> std::io::Result<()> {
        // SAFETY: `f` is the caller's function, given (pointer, length) of live bytes.
        let rc = unsafe { (self.f)(self.userdata, text.as_ptr().cast(), text.len()) };
        match rc {
            0 => Ok(()),
            n => Err(std::io::Error::other(format!(
                "the output callback returned {n}"
            ))),
        }
    }
}

/// Writes the default options (those of `eclexia_engine_new` with NULL options) to
/// `*out`.
///
/// Thread-safety: any thread.
///
/// # Safety
/// `out` must be NULL or writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn eclexia_engine_options_init(
    out: *mut eclexia_engine_options,
) -> eclexia_status {
    guard(|| {
        non_null(out, "out")?;
        let options = eclexia_engine_options {
            fuel: defaults::FUEL,
            max_call_depth: defaults::MAX_CALL_DEPTH,
            max_memory: defaults::MAX_MEMORY,
            timeout_ms: defaults::TIMEOUT_MS,
            budgets: [ECLEXIA_NO_BUDGET; ECLEXIA_RESOURCE_COUNT],
            loop_energy: defaults::LOOP_ENERGY,
            carbon_intensity: defaults::CARBON_INTENSITY,
            gpu_available: false,
            cpu_cores: defaults::CPU_CORES,
            output: None,
            output_userdata: std::ptr::null_mut(),
        };
        // SAFETY: `out` is non-NULL and writable (caller's promise).
        unsafe { write_out(out, options) };
        Ok(eclexia_status::Ok)
    })
}

/// Creates an engine with `options` (NULL: the defaults) and writes it to `*out`.
///
/// Returns `ECLEXIA_STATUS_INVALID_ARGUMENT` when a setting is out of range (a NaN
/// budget, a negative loop energy or carbon intensity); the message names it and `*out`
/// is untouched.
///
/// Ownership: the options are copied (the struct may be reused at once); the caller owns
/// `*out` and frees it with `eclexia_engine_free`.
/// Thread-safety: any thread.
///
/// # Safety
/// `options` must be NULL or point to an initialised `eclexia_engine_options`; `out` must
/// be writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn eclexia_engine_new(
    options: *const eclexia_engine_options,
    out: *mut *mut eclexia_engine,
) -> eclexia_status {
    guard(|| {
        non_null(out, "out")?;
        let mut builder = Engine::builder();
        if !options.is_null() {
            // SAFETY: non-NULL and initialised (caller's promise); the struct is `Copy`.
            let o = unsafe { *options };
            builder = builder
                .fuel(o.fuel)
                .max_call_depth(o.max_call_depth)
                .max_memory(o.max_memory)
                .timeout_ms(o.timeout_ms)
                .loop_energy(o.loop_energy)
                .carbon_intensity(o.carbon_intensity)
                .gpu_available(o.gpu_available)
                .cpu_cores(o.cpu_cores);
            for (r, amount) in Resource::ALL.iter().zip(o.budgets) {
                // NaN reaches core, which rejects it with a message naming the resource.
                if amount.is_nan() || amount >= 0.0 {
                    builder = builder.budget(*r, amount);
                }
            }
            if let Some(f) = o.output {
                builder = builder.output(Arc::new(Callback {
                    f,
                    userdata: o.output_userdata,
                }));
            }
        }
        let engine = builder.build().map_err(|e| {
            set_last_error(&e, "", "");
            eclexia_status::InvalidArgument
        })?;
        // SAFETY: `out` is non-NULL and writable (caller's promise).
        unsafe { write_out(out, Box::into_raw(Box::new(eclexia_engine { engine }))) };
        Ok(eclexia_status::Ok)
    })
}

/// Frees an engine. NULL is ignored. Cancel handles taken from it stay valid.
///
/// Ownership: takes the engine back; it must not be used or freed again.
/// Thread-safety: no other thread may be using the engine.
///
/// # Safety
/// `engine` must be NULL or an engine from `eclexia_engine_new` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn eclexia_engine_free(engine: *mut eclexia_engine) {
    if engine.is_null() {
        return;
    }
    // SAFETY: `engine` came from `Box::into_raw` in `eclexia_engine_new` (caller's promise).
    drop(unsafe { Box::from_raw(engine) });
}

/// Writes a new handle that cancels `engine`'s evaluations to `*out`.
///
/// Ownership: the caller owns `*out` and frees it with `eclexia_cancel_handle_free`.
/// Thread-safety: any thread.
///
/// # Safety
/// `engine` must be a live engine; `out` must be writable.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn eclexia_engine_cancel_handle(
    engine: *const eclexia_engine,
    out: *mut *mut eclexia_cancel_handle,
) -> eclexia_status {
    guard(|| {
        // SAFETY: NULL or live (caller's promise).
        let engine = unsafe { handle(engine, "engine")? };
        non_null(out, "out")?;
        let h = Box::new(eclexia_cancel_handle {
            handle: engine.engine.cancel_handle(),
        });
        // SAFETY: `out` is non-NULL and writable.
        unsafe { write_out(out, Box::into_raw(h)) };
        Ok(eclexia_status::Ok)
    })
}

/// Cancels every evaluation running with the handle's engine: each ends with
/// `ECLEXIA_STATUS_LIMIT_EXCEEDED` (kind `Cancelled`) at its next metered event.
/// Cancelling is sticky: later evaluations are cancelled too, until
/// `eclexia_cancel_handle_reset`.
///
/// Thread-safety: any thread, at any time — this is what the handle is for.
///
/// # Safety
/// `handle` must be a live cancel handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn eclexia_cancel_handle_cancel(
    handle: *const eclexia_cancel_handle,
) -> eclexia_status {
    guard(|| {
        // SAFETY: NULL or live (caller's promise).
        let h = unsafe { crate::ffi_str::handle(handle, "handle")? };
        h.handle.cancel();
        Ok(eclexia_status::Ok)
    })
}

/// Lets the handle's engine run evaluations again after `eclexia_cancel_handle_cancel`.
///
/// Thread-safety: any thread.
///
/// # Safety
/// `handle` must be a live cancel handle.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn eclexia_cancel_handle_reset(
    handle: *const eclexia_cancel_handle,
) -> eclexia_status {
    guard(|| {
        // SAFETY: NULL or live (caller's promise).
        let h = unsafe { crate::ffi_str::handle(handle, "handle")? };
        h.handle.reset();
        Ok(eclexia_status::Ok)
    })
}

/// Frees a cancel handle. NULL is ignored.
///
/// Ownership: takes the handle back; it must not be used or freed again.
/// Thread-safety: no other thread may be using the handle.
///
/// # Safety
/// `handle` must be NULL or a handle from `eclexia_engine_cancel_handle` not yet freed.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn eclexia_cancel_handle_free(handle: *mut eclexia_cancel_handle) {
    if handle.is_null() {
        return;
    }
    // SAFETY: it came from `Box::into_raw` in `eclexia_engine_cancel_handle`.
    drop(unsafe { Box::from_raw(handle) });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resource_indices_follow_core() {
        let c = [
            eclexia_resource::Energy,
            eclexia_resource::Time,
            eclexia_resource::Carbon,
            eclexia_resource::Memory,
            eclexia_resource::Network,
            eclexia_resource::Compute,
        ];
        assert_eq!(c.len(), ECLEXIA_RESOURCE_COUNT);
        for (i, r) in c.iter().enumerate() {
            assert_eq!(resource(*r as u32), Ok(Resource::ALL[i]));
            assert_eq!(format!("{r:?}").to_lowercase(), Resource::ALL[i].name());
        }
        assert_eq!(resource(6), Err(eclexia_status::InvalidArgument));
    }
}
