//! Compile arbitrary bytes and, when they compile, evaluate `main` under tight limits;
//! any panic, native stack overflow, abort or hang is a bug (LANGUAGE §13: every limit
//! ends an evaluation with a diagnostic).
//! Run: `cargo +nightly fuzz run run -- -max_total_time=600`
//! (seed the corpus first with `fuzz/seed.sh`).
#![no_main]

use eclexia_core::{CompileOptions, Engine, compile_bytes};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        Engine::builder()
            .fuel(10_000)
            .max_call_depth(200)
            .max_memory(16 * 1024 * 1024)
            .timeout_ms(1000)
            .build()
            .expect("valid fuzz settings")
    })
}

fuzz_target!(|data: &[u8]| {
    let program = match compile_bytes(data, &CompileOptions::new("fuzz.ecl")) {
        Ok(p) => p,
        Err(d) => {
            let _ = d.render(false);
            return;
        }
    };
    match engine().evaluate(&program, "main", &[]) {
        Ok(outcome) => {
            let _ = format!("{:?}", outcome.value);
        }
        Err(e) => {
            // Rendering a run-time error must not panic either.
            let _ = e.render(false);
            let _ = e.to_json();
            let _ = e.headers();
        }
    }
});
