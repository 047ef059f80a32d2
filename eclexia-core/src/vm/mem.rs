//! The deterministic live-heap estimate of LANGUAGE §13 (`max_memory`).
//!
//! Every heap object the machine creates (strings, arrays, maps, tuples, structs, enum
//! payloads, closures, cells) adds its accounted size when it is created or grows and
//! subtracts it when it is dropped. Sizes are computed from lengths, never from the
//! allocator, so the same program reaches the same estimate everywhere.
//!
//! The counter is per thread: an evaluation runs on one thread and drops every value it
//! created before it returns (results cross to the host as owned [`crate::Value`]s), so a
//! thread-local needs no pointer in every object. Nested evaluations on one thread (a
//! host function that evaluates again) save and restore the counter through [`Scope`].

use std::cell::Cell;

thread_local! {
    static LIVE: Cell<i64> = const { Cell::new(0) };
}

/// Adds `bytes` to the live estimate.
#[inline]
pub fn charge(bytes: usize) {
    LIVE.with(|l| l.set(l.get() + bytes as i64));
}

/// Subtracts `bytes` from the live estimate.
#[inline]
pub fn release(bytes: usize) {
    LIVE.with(|l| l.set(l.get() - bytes as i64));
}

/// The current live estimate in bytes.
#[inline]
pub fn live() -> i64 {
    LIVE.with(Cell::get)
}

/// Starts a fresh count for one evaluation and restores the previous one when dropped.
pub struct Scope {
    saved: i64,
}

impl Scope {
    /// Begins counting from zero.
    pub fn begin() -> Scope {
        let saved = LIVE.with(|l| l.replace(0));
        Scope { saved }
    }
}

impl Drop for Scope {
    fn drop(&mut self) {
        LIVE.with(|l| l.set(self.saved));
    }
}
