//! Native stack safety for the recursive stages (parser, checker).
//!
//! Input nesting is bounded by [`crate::syntax::parser::MAX_NESTING`], but how much native
//! stack one level costs depends on the build (unoptimised frames are large) and the
//! caller's thread (test threads have 2 MiB). [`guard`] grows the stack on a fresh segment
//! when little is left, so no accepted input can overflow whatever thread compiles it.

/// Below this much remaining stack, a new segment is allocated.
const RED_ZONE: usize = 128 * 1024;
/// Size of each new segment.
const SEGMENT: usize = 4 * 1024 * 1024;

/// Runs `f`, first moving to a fresh stack segment if the current one is nearly full.
pub(crate) fn guard<R>(f: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(RED_ZONE, SEGMENT, f)
}
