//! Times the front-end phases on a generated program (a rough breakdown for tuning;
//! the criterion bench is the authoritative figure).
use std::time::Instant;

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use eclexia_core::{CompileOptions, compile};

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    let src = eclexia_benches::generated_program(n);
    let lines = src.lines().count();
    for _ in 0..10 {
        let t = Instant::now();
        let p = compile(&src, &CompileOptions::new("gen.ecl")).expect("checks");
        let compiled = t.elapsed();
        drop(p);
        let total = t.elapsed();
        println!(
            "{lines} lines: compile {:?} ({:.0} lines/s), with drop {:?} ({:.0} lines/s)",
            compiled,
            lines as f64 / compiled.as_secs_f64(),
            total,
            lines as f64 / total.as_secs_f64()
        );
    }
    println!(
        "sizes (Expr, Token, Ty) = {:?}",
        eclexia_core::syntax_sizes()
    );
}
