//! Front-end throughput: lex + parse + check of a generated 100,000-line program
//! (`100k_lines`), and the same followed by dropping the program (`100k_lines_and_drop`).
//! Run: `cargo bench --manifest-path benches/Cargo.toml --bench compile` (system allocator)
//! and with `--features mimalloc` (the allocator the `eclexia` binary ships with).

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use eclexia_benches::generated_program;
use eclexia_core::{CompileOptions, compile};

fn bench_compile(c: &mut Criterion) {
    let src = generated_program(100_000);
    let lines = src.lines().count() as u64;
    assert!(
        compile(&src, &CompileOptions::new("gen.ecl")).is_ok(),
        "the generated program checks"
    );
    let mut g = c.benchmark_group("check");
    g.throughput(Throughput::Elements(lines));
    g.sample_size(20);
    // The checking itself; freeing the program later is the host's business and is
    // measured separately below.
    g.bench_function("100k_lines", |b| {
        b.iter_with_large_drop(|| compile(&src, &CompileOptions::new("gen.ecl")))
    });
    g.bench_function("100k_lines_and_drop", |b| {
        b.iter(|| compile(&src, &CompileOptions::new("gen.ecl")).map(|_| ()))
    });
    g.finish();
}

criterion_group!(benches, bench_compile);
criterion_main!(benches);
