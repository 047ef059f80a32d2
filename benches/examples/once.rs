//! Compiles a generated program once (for instruction-count profiling with callgrind).
#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20_000);
    let src = eclexia_benches::generated_program(n);
    let p =
        eclexia_core::compile(&src, &eclexia_core::CompileOptions::new("gen.ecl")).expect("checks");
    drop(p);
}
