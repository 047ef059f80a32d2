//! The §13 limits: call depth, fuel, memory, timeout and cancellation end an evaluation
//! with their diagnostic — never a native stack overflow, a crash or a hang. Tests run on
//! the default test-thread stack (2 MiB) unless they say otherwise.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use eclexia_core::units::Resource;
use eclexia_core::{
    CancelHandle, CompileOptions, Engine, ErrorCode, ErrorKind, OutputSink, Program, RuntimeError,
    Value, compile,
};

fn program(src: &str) -> Program {
    match compile(src, &CompileOptions::new("t.ecl")) {
        Ok(p) => p,
        Err(d) => panic!("does not compile:\n{}", d.render(false)),
    }
}

fn fails(engine: &Engine, src: &str) -> RuntimeError {
    match engine.evaluate(&program(src), "main", &[]) {
        Ok(o) => panic!("expected an error, got {}", o.value_text),
        Err(e) => e,
    }
}

// ---------------------------------------------------------------------------------------
// Call depth

const DEEP: &str = r#"
fn down(n: Int) -> Int { if n == 0 { 0 } else { 1 + down(n - 1) } }
fn main() -> Int { down(99998) }
"#;

fn deep_recursion_with_depth(limit: u64) {
    let e = Engine::builder().max_call_depth(limit).build().unwrap();
    match e.evaluate(&program(DEEP), "main", &[]) {
        // main + 99,999 calls of down = 100,000 active calls.
        Ok(o) => assert_eq!(o.value, Value::Int(99998)),
        Err(err) => assert_eq!(err.code(), ErrorCode::E0701, "{}", err.headers()),
    }
}

#[test]
fn hundred_thousand_deep_recursion_completes_on_a_test_thread() {
    deep_recursion_with_depth(100_000);
}

#[test]
fn hundred_thousand_deep_recursion_on_a_small_explicit_stack() {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(|| deep_recursion_with_depth(100_000))
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn one_more_level_than_allowed_is_e0701() {
    let e = Engine::builder().max_call_depth(99_999).build().unwrap();
    let err = fails(&e, DEEP);
    assert_eq!(err.code(), ErrorCode::E0701);
    assert_eq!(err.message(), "maximum call depth 99999 exceeded");
}

#[test]
fn unlimited_depth_recursion_ends_with_fuel() {
    let e = Engine::builder()
        .max_call_depth(0)
        .fuel(200_000)
        .build()
        .unwrap();
    let err = fails(
        &e,
        "fn f(n: Int) -> Int { f(n + 1) + 1 }\nfn main() { f(0) }",
    );
    assert_eq!(err.code(), ErrorCode::E0702);
    assert_eq!(err.message(), "fuel limit 200000 exhausted");
}

#[test]
fn default_depth_is_1000() {
    let src = "fn f(n: Int) -> Int {\n  1 + f(n + 1)\n}\nfn main() { f(0) }";
    let err = fails(&Engine::new(), src);
    assert_eq!(err.kind(), ErrorKind::StackOverflow);
    assert_eq!(err.code(), ErrorCode::E0701);
    assert_eq!(err.message(), "maximum call depth 1000 exceeded");
    assert_eq!(err.position(), (2, 7));
    assert_eq!(err.exit_code(), 5);
    // main + 999 frames of f are active; the trace lists them, innermost first.
    assert_eq!(err.trace.len(), 1000);
    assert_eq!(err.trace.last().unwrap().function, "main");
    // Exactly 999 nested calls of f still fit.
    let ok = "fn f(n: Int) -> Int { if n == 999 { 0 } else { 1 + f(n + 1) } }\nfn main() -> Int { f(1) }";
    let o = Engine::new().evaluate(&program(ok), "main", &[]).unwrap();
    assert_eq!(o.value, Value::Int(998));
}

#[test]
fn deep_recursion_through_closures() {
    let src = r#"
fn apply(f: fn(Int) -> Int, n: Int) -> Int { f(n) }
fn main() -> Int {
    let mut go: fn(Int) -> Int = |n| 0
    go = |n| if n == 0 { 0 } else { 1 + apply(go, n - 1) }
    go(40000)
}
"#;
    let e = Engine::builder().max_call_depth(100_000).build().unwrap();
    let o = e.evaluate(&program(src), "main", &[]).unwrap();
    assert_eq!(o.value, Value::Int(40000));
    // Under the default depth it is a clean E0701.
    let err = fails(&Engine::new(), src);
    assert_eq!(err.code(), ErrorCode::E0701);
}

#[test]
fn deep_recursion_through_builtin_callbacks() {
    // map/fold call closures re-entrantly; each level goes through a builtin.
    let src = r#"
fn main() -> Int {
    let mut go: fn(Int) -> Int = |n| 0
    go = |n| if n == 0 { 0 } else { fold([n - 1], 1, |acc, m| acc + go(m)) }
    go(20000)
}
"#;
    let e = Engine::builder().max_call_depth(100_000).build().unwrap();
    match e.evaluate(&program(src), "main", &[]) {
        Ok(o) => assert_eq!(o.value, Value::Int(20000)),
        Err(err) => assert_eq!(err.code(), ErrorCode::E0701, "{}", err.headers()),
    }
    let err = fails(&Engine::new(), src);
    assert_eq!(err.code(), ErrorCode::E0701);
}

#[test]
fn deep_recursion_through_adaptive_functions_and_budgets() {
    let src = r#"
adaptive fn step(n: Int) -> Int {
    base @when(n == 0) @requires(energy: 0J) { 0 }
    more @when(n > 0) @requires(energy: 0J) { 1 + step(n - 1) }
}
@requires(energy: 1J) fn budgeted(n: Int) -> Int { if n == 0 { 0 } else { 1 + budgeted(n - 1) } }
fn main() -> Int { step(30000) + budgeted(30000) }
"#;
    let e = Engine::builder().max_call_depth(100_000).build().unwrap();
    let o = e.evaluate(&program(src), "main", &[]).unwrap();
    assert_eq!(o.value, Value::Int(60000));
    assert_eq!(o.selections.len(), 30001);
}

// ---------------------------------------------------------------------------------------
// Fuel

#[test]
fn infinite_loop_runs_out_of_fuel() {
    let e = Engine::builder().fuel(10_000).build().unwrap();
    let err = fails(
        &e,
        "fn main() {\n  let mut i = 0\n  while true { i += 1 }\n}",
    );
    assert_eq!(err.kind(), ErrorKind::OutOfFuel);
    assert_eq!(err.code(), ErrorCode::E0702);
    assert_eq!(err.message(), "fuel limit 10000 exhausted");
    assert_eq!(err.position(), (3, 3));
    assert_eq!(err.exit_code(), 5);
    // `loop` and `for` too.
    let err = fails(&e, "fn main() {\n  loop { }\n}");
    assert_eq!((err.code(), err.position()), (ErrorCode::E0702, (2, 3)));
    let err = fails(&e, "fn main() {\n  for i in 0..100000 { }\n}");
    assert_eq!((err.code(), err.position()), (ErrorCode::E0702, (2, 3)));
}

#[test]
fn default_fuel_ends_an_infinite_loop() {
    // 10,000,000 units by default: loop energy 1 mJ per iteration on an unlimited root.
    let err = fails(&Engine::new(), "fn main() { loop { } }");
    assert_eq!(err.code(), ErrorCode::E0702);
    assert_eq!(err.message(), "fuel limit 10000000 exhausted");
}

#[test]
fn fuel_is_exact() {
    // main (1) + 10 iterations + 10 calls = 21 units.
    let src = "fn g() { }\nfn main() { for i in 0..10 { g() } }";
    let ok = Engine::builder().fuel(21).build().unwrap();
    assert_eq!(
        ok.evaluate(&program(src), "main", &[]).unwrap().fuel_used,
        21
    );
    let short = Engine::builder().fuel(20).build().unwrap();
    assert_eq!(fails(&short, src).code(), ErrorCode::E0702);
}

#[test]
fn infinite_loop_under_an_energy_budget_is_e0601_at_the_loop() {
    let src = "@requires(energy: 1J)\nfn main() {\n    loop { }\n}";
    let err = fails(&Engine::new(), src);
    assert_eq!(err.kind(), ErrorKind::ResourceViolation);
    assert_eq!(err.code(), ErrorCode::E0601);
    assert_eq!(err.position(), (3, 5));
    assert!(
        err.message()
            .starts_with("energy budget exceeded in 'main': used 1.0"),
        "{}",
        err.message()
    );
    assert!(err.message().ends_with(", limit 1J"), "{}", err.message());
    // Same with a root budget and a while loop.
    let e = Engine::builder()
        .budget(Resource::Energy, 0.5)
        .build()
        .unwrap();
    let err = fails(&e, "fn main() {\n  while 1 < 2 { }\n}");
    assert_eq!((err.code(), err.position()), (ErrorCode::E0601, (2, 3)));
    assert!(err.message().contains("in '<root>'"), "{}", err.message());
}

// ---------------------------------------------------------------------------------------
// Memory

fn small_memory() -> Engine {
    Engine::builder()
        .max_memory(1024 * 1024)
        .fuel(0)
        .build()
        .unwrap()
}

#[test]
fn unbounded_string_growth_is_e0703() {
    let err = fails(
        &small_memory(),
        "fn main() { let mut s = \"x\"\n loop { s = s + s } }",
    );
    assert_eq!(err.kind(), ErrorKind::MemoryLimit);
    assert_eq!(err.code(), ErrorCode::E0703);
    assert_eq!(err.message(), "memory limit 1048576 bytes exceeded");
    assert_eq!(err.exit_code(), 5);
    // Linear growth too.
    let err = fails(
        &small_memory(),
        "fn main() { let mut s = \"\"\n loop { s = s + \"abc\" } }",
    );
    assert_eq!(err.code(), ErrorCode::E0703);
}

#[test]
fn unbounded_array_growth_is_e0703() {
    let err = fails(
        &small_memory(),
        "fn main() { let a = []\n let mut i = 0\n loop { push(a, i); i += 1 } }",
    );
    assert_eq!(err.code(), ErrorCode::E0703, "{}", err.headers());
    // Arrays of arrays, each fresh.
    let err = fails(
        &small_memory(),
        "fn main() { let a = []\n loop { push(a, [1, 2, 3, 4]) } }",
    );
    assert_eq!(err.code(), ErrorCode::E0703, "{}", err.headers());
    // Nested arrays, each level twice as wide.
    let err = fails(
        &small_memory(),
        "fn main() { let mut a = [[1]]\n loop { let b = a\n a = []\n for x in b { push(a, x); push(a, [len(x)]) } } }",
    );
    assert_eq!(err.code(), ErrorCode::E0703, "{}", err.headers());
}

#[test]
fn unbounded_map_and_closure_growth_is_e0703() {
    let err = fails(
        &small_memory(),
        "fn main() { let m = hashmap_new()\n let mut i = 0\n loop { hashmap_insert(m, i, to_string(i)); i += 1 } }",
    );
    assert_eq!(err.code(), ErrorCode::E0703, "{}", err.headers());
    let err = fails(
        &small_memory(),
        "fn main() { let fs = []\n let mut i = 0\n loop { let j = i\n push(fs, || j); i += 1 } }",
    );
    assert_eq!(err.code(), ErrorCode::E0703, "{}", err.headers());
}

#[test]
fn builtins_that_allocate_large_results_are_limited() {
    let cases = [
        "fn main() { let r = range(100000000) }",
        "fn main() { let mut t = \"ab\"\n loop { t = replace(t, \"a\", \"aa\") } }",
        "fn main() { let mut s = \"ab\"\n loop { s = join([s, s, s], s) } }",
        "fn main() { let mut a = [\"x\"]\n loop { a = split(join(a, \",,\") + \",x\", \",\") } }",
        "fn main() { let mut s = \"x\"\n loop { s = to_string([s, s]) } }",
        "fn main() { let mut a = [1]\n loop { a = sort(reverse(map(range(len(a) * 2), |i| i))) } }",
    ];
    for src in cases {
        let err = fails(&small_memory(), src);
        assert_eq!(err.code(), ErrorCode::E0703, "{src}: {}", err.headers());
    }
}

#[test]
fn memory_is_released_between_and_within_evaluations() {
    // Each iteration builds and drops a 100 KB string: the live estimate stays low.
    let src = r#"
fn main() -> Int {
    let mut total = 0
    for i in 0..200 {
        let mut s = ""
        for j in 0..100 { s = s + "0123456789" }
        total += len(s)
    }
    total
}
"#;
    let e = Engine::builder().max_memory(256 * 1024).build().unwrap();
    for _ in 0..3 {
        let o = e.evaluate(&program(src), "main", &[]).unwrap();
        assert_eq!(o.value, Value::Int(200_000));
    }
}

#[test]
fn large_entry_arguments_count_against_memory() {
    let p = program("fn main() {}\nfn f(xs: [String]) -> Int { len(xs) }");
    let big = Value::Array(
        (0..10_000)
            .map(|i| Value::Str("x".repeat(i % 100)))
            .collect(),
    );
    let e = Engine::builder().max_memory(64 * 1024).build().unwrap();
    match e.evaluate(&p, "f", std::slice::from_ref(&big)) {
        Ok(o) => panic!("expected E0703, got {}", o.value_text),
        Err(err) => assert_eq!(err.code(), ErrorCode::E0703),
    }
    let o = Engine::new().evaluate(&p, "f", &[big]).unwrap();
    assert_eq!(o.value, Value::Int(10_000));
}

// ---------------------------------------------------------------------------------------
// Timeout and cancellation

#[test]
fn timeout_ends_an_unfueled_infinite_loop() {
    let e = Engine::builder().fuel(0).timeout_ms(50).build().unwrap();
    let err = fails(&e, "fn main() {\n  let mut i = 0\n  loop { i += 1 }\n}");
    assert_eq!(err.kind(), ErrorKind::Timeout);
    assert_eq!(err.code(), ErrorCode::E0704);
    assert_eq!(err.message(), "time limit 50 ms exceeded");
    assert_eq!(err.exit_code(), 5);
}

#[test]
fn timeout_ends_unbounded_recursion_without_loops() {
    // Mutual recursion that returns and recurses again: no loop, calls only.
    let src = r#"
fn spin(n: Int) -> Int { if n > 50 { 0 } else { spin(n + 1) + spin(n + 1) } }
fn main() -> Int { spin(0) }
"#;
    let e = Engine::builder().fuel(0).timeout_ms(50).build().unwrap();
    let err = fails(&e, src);
    assert_eq!(err.code(), ErrorCode::E0704);
}

#[test]
fn a_fast_program_finishes_within_its_timeout() {
    let e = Engine::builder().timeout_ms(60_000).build().unwrap();
    let o = e
        .evaluate(&program("fn main() -> Int { 6 * 7 }"), "main", &[])
        .unwrap();
    assert_eq!(o.value, Value::Int(42));
}

/// Cancels `handle` as soon as the program prints its first chunk.
struct CancelOnOutput {
    handle: CancelHandle,
    seen: AtomicBool,
}

impl OutputSink for CancelOnOutput {
    fn write(&self, _: &str) -> std::io::Result<()> {
        self.seen.store(true, Ordering::SeqCst);
        Ok(())
    }
}

#[test]
fn cancel_from_another_thread() {
    let handle = CancelHandle::new();
    let sink = Arc::new(CancelOnOutput {
        handle: handle.clone(),
        seen: AtomicBool::new(false),
    });
    let e = Engine::builder()
        .fuel(0)
        .cancel_handle(handle.clone())
        .output(sink.clone())
        .build()
        .unwrap();
    // Output reaches the sink in chunks; printing steadily guarantees one arrives.
    let p = program("fn main() {\n  loop { print(\"0123456789\") }\n}");
    let runner = {
        let e = e.clone();
        std::thread::spawn(move || e.evaluate(&p, "main", &[]))
    };
    // Wait until the evaluation is running (some output has arrived), then cancel.
    while !sink.seen.load(Ordering::SeqCst) {
        if runner.is_finished() {
            break;
        }
        std::thread::yield_now();
    }
    sink.handle.cancel();
    let err = runner.join().unwrap().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Cancelled);
    assert_eq!(err.code(), ErrorCode::E0705);
    assert_eq!(err.message(), "evaluation cancelled");
    assert_eq!(err.exit_code(), 5);
    assert!(e.cancel_handle().is_cancelled());
}

#[test]
fn cancel_is_sticky_until_reset() {
    let handle = CancelHandle::new();
    let e = Engine::builder()
        .cancel_handle(handle.clone())
        .build()
        .unwrap();
    let p = program("fn main() -> Int { 1 }");
    handle.cancel();
    assert!(handle.is_cancelled());
    let err = e.evaluate(&p, "main", &[]).unwrap_err();
    assert_eq!(err.code(), ErrorCode::E0705);
    handle.reset();
    assert!(!handle.is_cancelled());
    assert_eq!(e.evaluate(&p, "main", &[]).unwrap().value, Value::Int(1));
}

#[test]
fn cancel_stops_every_running_evaluation() {
    let handle = CancelHandle::new();
    let e = Engine::builder()
        .fuel(0)
        .cancel_handle(handle.clone())
        .build()
        .unwrap();
    let p = Arc::new(program("fn main() { loop { } }"));
    let runners: Vec<_> = (0..3)
        .map(|_| {
            let (e, p) = (e.clone(), p.clone());
            std::thread::spawn(move || e.evaluate(&p, "main", &[]))
        })
        .collect();
    // Cancelling before or after a runner registers both end it (cancel is sticky).
    handle.cancel();
    for r in runners {
        assert_eq!(r.join().unwrap().unwrap_err().code(), ErrorCode::E0705);
    }
}

#[test]
fn cancelling_one_engine_leaves_others_running() {
    let a = Engine::builder().build().unwrap();
    let b = Engine::new();
    a.cancel_handle().cancel();
    let p = program("fn main() -> Int { 2 }");
    assert_eq!(
        a.evaluate(&p, "main", &[]).unwrap_err().code(),
        ErrorCode::E0705
    );
    assert_eq!(b.evaluate(&p, "main", &[]).unwrap().value, Value::Int(2));
}

// ---------------------------------------------------------------------------------------
// Deeply nested values

const LONG_LIST: &str = r#"
enum List { Cons(Int, List), Nil }
fn build(n: Int) -> List {
    let mut l = Nil
    let mut i = 0
    while i < n { l = Cons(i, l); i += 1 }
    l
}
fn length(l: List) -> Int {
    let mut n = 0
    let mut cur = l
    loop {
        match cur {
            Cons(_, rest) => { n += 1; cur = rest },
            Nil => break n,
        }
    }
}
"#;

fn long_list_engine() -> Engine {
    Engine::builder().fuel(0).build().unwrap()
}

#[test]
fn a_million_long_list_is_built_and_dropped() {
    let src = format!("{LONG_LIST}\nfn main() -> Int {{ let l = build(1000000)\n length(l) }}");
    let o = long_list_engine()
        .evaluate(&program(&src), "main", &[])
        .unwrap();
    assert_eq!(o.value, Value::Int(1_000_000));
}

#[test]
fn a_million_long_list_is_returned_to_the_host() {
    let o = long_list_engine()
        .evaluate(&program(LONG_LIST), "build", &[Value::Int(1_000_000)])
        .unwrap();
    assert!(o.value_text.starts_with("Cons(999999, Cons(999998, "));
    assert!(o.value_text.contains("Cons(0, Nil)") && o.value_text.ends_with(")))"));
    // The host value is a 1,000,000-deep tree too; dropping it must not crash.
    drop(o);
}

#[test]
fn a_million_long_list_is_printed() {
    let src = format!(
        "{LONG_LIST}\nfn main() -> Int {{ let l = build(1000000)\n let s = to_string(l)\n println(len(s) > 0)\n len(s) }}"
    );
    let o = long_list_engine()
        .evaluate(&program(&src), "main", &[])
        .unwrap();
    assert_eq!(o.output, "true\n");
}

#[test]
fn deeply_nested_values_are_compared() {
    let src = r#"
enum N { Leaf, Node(N) }
fn go() -> Bool {
    let mut x = Leaf
    let mut y = Leaf
    let mut i = 0
    while i < 300000 { x = Node(x); y = Node(y); i += 1 }
    x == y
}
"#;
    match long_list_engine().evaluate(&program(src), "go", &[]) {
        Ok(o) => assert_eq!(o.value, Value::Bool(true)),
        Err(e) => panic!("{}", e.headers()),
    }
}

#[test]
fn a_deep_host_value_is_dropped_on_a_small_stack() {
    // Evaluate on a large stack so the machine side cannot be the cause, then drop the
    // returned value on an ordinary 2 MiB thread.
    let outcome = std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(|| {
            long_list_engine()
                .evaluate(&program(LONG_LIST), "build", &[Value::Int(1_000_000)])
                .unwrap()
        })
        .unwrap()
        .join()
        .unwrap();
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || drop(outcome))
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn a_million_long_list_is_printed_on_a_large_stack() {
    // Display itself is stack-safe; only drop (above) is not. Run on a big stack.
    std::thread::Builder::new()
        .stack_size(1 << 30)
        .spawn(|| {
            let src = format!(
                "{LONG_LIST}\nfn main() -> Int {{ let l = build(1000000)\n let s = to_string(l)\n println(substring(s, 0, 12))\n len(s) }}"
            );
            let o = long_list_engine()
                .evaluate(&program(&src), "main", &[])
                .unwrap();
            assert_eq!(o.output, "Cons(999999,\n");
            assert!(o.value.as_int().unwrap() > 10_000_000);
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn moderately_nested_values_are_built_compared_and_dropped() {
    let src = format!(
        "{LONG_LIST}\nfn main() -> Int {{ let a = build(500)\n let b = build(500)\n assert(a == b)\n let c = build(3000)\n length(a) + length(c) }}"
    );
    let o = long_list_engine()
        .evaluate(&program(&src), "main", &[])
        .unwrap();
    assert_eq!(o.value, Value::Int(3500));
}
