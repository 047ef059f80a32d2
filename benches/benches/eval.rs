//! The evaluator on the programs of the cross-language comparison (`benches/compare/`),
//! scaled down so that criterion can repeat them: calls (fib), a metered loop, string
//! appending, adaptive selection; plus compile-and-run of hello world (start-up) and the
//! metering overhead (the same loop with loop energy on and off).
//!
//! `cd benches && cargo bench --bench eval [--features mimalloc]`

use criterion::{Criterion, criterion_group, criterion_main};
use eclexia_core::{CompileOptions, Engine, Program, compile};

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn program(src: &str) -> Program {
    compile(src, &CompileOptions::new("bench.ecl")).expect("benchmark programs compile")
}

const FIB: &str = "fn fib(n: Int) -> Int { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }
fn main() { println(fib(20)) }";

const LOOP: &str = "fn main() {
    let mut i = 1; let mut total = 0
    while i <= 100000 { total += i; i += 1 }
    println(total)
}";

const STRINGS: &str = "fn main() {
    let mut s = \"\"; let mut i = 0
    while i < 20000 { s = s + \"x\"; i += 1 }
    println(len(s))
}";

const ADAPTIVE: &str = "adaptive fn pick(x: Int) -> Int {
    fast @requires(energy: 2J, time: 1ms) { x + 1 }
    slow @requires(energy: 1J, time: 50ms) { x + 2 }
}
fn main() {
    let mut i = 1; let mut total = 0
    while i <= 10000 { total += pick(i); i += 1 }
    println(total)
}";

fn eval(c: &mut Criterion) {
    let engine = Engine::builder().fuel(0).build().expect("valid settings");
    let quiet = Engine::builder()
        .fuel(0)
        .loop_energy(0.0)
        .build()
        .expect("valid settings");
    for (name, src) in [
        ("fib20", FIB),
        ("loop100k", LOOP),
        ("strings20k", STRINGS),
        ("adaptive10k", ADAPTIVE),
    ] {
        let p = program(src);
        c.bench_function(&format!("eval/{name}"), |b| {
            b.iter(|| engine.evaluate(&p, "main", &[]).expect("runs"))
        });
    }
    let p = program(LOOP);
    c.bench_function("eval/loop100k/loop-energy-off", |b| {
        b.iter(|| quiet.evaluate(&p, "main", &[]).expect("runs"))
    });
    c.bench_function("eval/hello/compile+run", |b| {
        b.iter(|| {
            let p = program("fn main() { println(\"hello\") }");
            engine.evaluate(&p, "main", &[]).expect("runs")
        })
    });
}

criterion_group!(benches, eval);
criterion_main!(benches);
