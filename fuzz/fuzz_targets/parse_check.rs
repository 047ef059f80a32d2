//! Lex, parse and check arbitrary bytes; any panic, overflow or hang is a bug.
//! Run: `cargo +nightly fuzz run parse_check -- -max_total_time=600`
//! (seed the corpus with `examples/` for deeper coverage: `fuzz/seed.sh`).
#![no_main]

use eclexia_core::{CompileOptions, compile_bytes};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(d) = compile_bytes(data, &CompileOptions::new("fuzz.ecl")) {
        // Rendering must not panic either.
        let _ = d.render(false);
    }
});
