//! The evaluator end to end through the public API (LANGUAGE §6–§13, ARCHITECTURE §3):
//! entries and arguments, every `Outcome` field, every `RuntimeError` accessor, reuse
//! and concurrency, output sinks and the worked examples of §7.4, §8.4, §9.4 and §9.5.

use std::sync::{Arc, Mutex};

use eclexia_core::units::Resource;
use eclexia_core::{
    CompileOptions, Engine, ErrorCode, ErrorKind, Outcome, OutputSink, Program, RuntimeError,
    Value, compile,
};

fn program(src: &str) -> Program {
    match compile(src, &CompileOptions::new("t.ecl")) {
        Ok(p) => p,
        Err(d) => panic!("does not compile:\n{}", d.render(false)),
    }
}

/// Evaluates `go` when the program has it (`main` may only return `()` or `Int`, so
/// tests of other result types use `go`), else `main`.
fn run(src: &str) -> Outcome {
    let p = program(src);
    let entry = if p.has_function("go") { "go" } else { "main" };
    match Engine::new().evaluate(&p, entry, &[]) {
        Ok(o) => o,
        Err(e) => panic!("evaluation failed: {}", e.render(false)),
    }
}

fn run_err(src: &str) -> RuntimeError {
    match Engine::new().evaluate(&program(src), "main", &[]) {
        Ok(o) => panic!("expected an error, got {} / {:?}", o.value_text, o.output),
        Err(e) => e,
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

// ---------------------------------------------------------------------------------------
// Entries and arguments

const LIB: &str = r#"
fn main() -> Int { 7 }
fn add(a: Int, b: Int) -> Int { a + b }
fn scale(x: Float, k: Float) -> Float { x * k }
fn greet(name: String) -> String { "hello, " + name }
fn total(xs: [Int]) -> Int { sum(xs) }
fn lengths(xs: [String]) -> [Int] { map(xs, |s| len(s)) }
fn nested(xss: [[Int]]) -> Int { fold(xss, 0, |acc, xs| acc + len(xs)) }
fn pair(a: Int, s: String) -> (Int, String) { (a * 2, s + "!") }
fn flag(b: Bool) -> Bool { !b }
fn letter(c: Char) -> Int { c as Int }
fn nothing() { }
fn energy(e: Resource<Energy>) -> Resource<Energy> { e * 2.0 }
fn loud(n: Int) -> Int { println("n is", n); n }
"#;

#[test]
fn main_is_evaluated_with_no_arguments() {
    let o = Engine::new().evaluate(&program(LIB), "main", &[]).unwrap();
    assert_eq!(o.value, Value::Int(7));
    assert_eq!(o.value_text, "7");
    assert_eq!(o.output, "");
}

#[test]
fn other_entries_take_scalar_arguments() {
    let p = program(LIB);
    let e = Engine::new();
    let o = e
        .evaluate(&p, "add", &[Value::Int(40), Value::Int(2)])
        .unwrap();
    assert_eq!(o.value, Value::Int(42));
    let o = e
        .evaluate(&p, "scale", &[Value::Float(1.5), Value::Float(4.0)])
        .unwrap();
    assert_eq!(o.value, Value::Float(6.0));
    assert_eq!(o.value_text, "6.0");
    let o = e.evaluate(&p, "greet", &[Value::str("Ada")]).unwrap();
    assert_eq!(o.value, Value::str("hello, Ada"));
    assert_eq!(o.value_text, "hello, Ada");
    let o = e.evaluate(&p, "flag", &[Value::Bool(false)]).unwrap();
    assert_eq!(o.value, Value::Bool(true));
    let o = e.evaluate(&p, "letter", &[Value::Char('é')]).unwrap();
    assert_eq!(o.value, Value::Int(233));
    let o = e.evaluate(&p, "nothing", &[]).unwrap();
    assert_eq!(o.value, Value::Unit);
    assert_eq!(o.value_text, "()");
}

#[test]
fn entries_take_arrays_and_return_containers() {
    let p = program(LIB);
    let e = Engine::new();
    let xs = Value::Array((1..=10).map(Value::Int).collect());
    assert_eq!(
        e.evaluate(&p, "total", &[xs]).unwrap().value,
        Value::Int(55)
    );
    let words = Value::Array(vec![Value::str("a"), Value::str("héllo"), Value::str("")]);
    let o = e.evaluate(&p, "lengths", &[words]).unwrap();
    assert_eq!(
        o.value,
        Value::Array(vec![Value::Int(1), Value::Int(5), Value::Int(0)])
    );
    assert_eq!(o.value_text, "[1, 5, 0]");
    let xss = Value::Array(vec![
        Value::Array(vec![Value::Int(1)]),
        Value::Array(vec![]),
        Value::Array(vec![Value::Int(2), Value::Int(3)]),
    ]);
    assert_eq!(
        e.evaluate(&p, "nested", &[xss]).unwrap().value,
        Value::Int(3)
    );
    let o = e
        .evaluate(&p, "pair", &[Value::Int(21), Value::str("hi")])
        .unwrap();
    assert_eq!(
        o.value,
        Value::Tuple(vec![Value::Int(42), Value::str("hi!")])
    );
    assert_eq!(o.value_text, "(42, \"hi!\")");
    let empty = Value::Array(vec![]);
    assert_eq!(
        e.evaluate(&p, "total", &[empty]).unwrap().value,
        Value::Int(0)
    );
}

#[test]
fn entries_take_dimensioned_arguments() {
    let p = program(LIB);
    let joules = compile(
        "fn go() -> Resource<Energy> { 1.5kJ }",
        &CompileOptions::new("q.ecl"),
    )
    .unwrap();
    let q = Engine::new().evaluate(&joules, "go", &[]).unwrap().value;
    assert_eq!(q.as_float(), Some(1500.0));
    let o = Engine::new().evaluate(&p, "energy", &[q]).unwrap();
    assert_eq!(o.value_text, "3000J");
    assert_eq!(o.value.as_float(), Some(3000.0));
}

#[test]
fn output_of_an_entry_is_captured() {
    let o = Engine::new()
        .evaluate(&program(LIB), "loud", &[Value::Int(3)])
        .unwrap();
    assert_eq!(o.output, "n is 3\n");
    assert_eq!(o.value, Value::Int(3));
}

fn assert_e0599(e: &RuntimeError, needle: &str) {
    assert_eq!(e.code(), ErrorCode::E0599, "{}", e.headers());
    assert_eq!(e.kind(), ErrorKind::RuntimeError);
    assert_eq!(e.exit_code(), 3);
    assert!(
        e.message().contains(needle),
        "{:?} lacks {needle:?}",
        e.message()
    );
    assert!(e.headers().starts_with("error[E0599]: RuntimeError: "));
}

#[test]
fn unknown_entry_is_e0599() {
    let p = program(LIB);
    let e = Engine::new().evaluate(&p, "nope", &[]).unwrap_err();
    assert_e0599(&e, "nope");
    assert!(e.trace.is_empty());
    // Names that are not top-level functions are not entries either.
    let e = Engine::new().evaluate(&p, "println", &[]).unwrap_err();
    assert_e0599(&e, "println");
    let e = Engine::new().evaluate(&p, "", &[]).unwrap_err();
    assert_eq!(e.code(), ErrorCode::E0599);
}

#[test]
fn wrong_argument_count_is_e0599() {
    let p = program(LIB);
    let e = Engine::new()
        .evaluate(&p, "add", &[Value::Int(1)])
        .unwrap_err();
    assert_e0599(&e, "add");
    let e = Engine::new()
        .evaluate(&p, "main", &[Value::Int(1)])
        .unwrap_err();
    assert_e0599(&e, "main");
    let e = Engine::new()
        .evaluate(&p, "nothing", &[Value::Unit, Value::Unit, Value::Unit])
        .unwrap_err();
    assert_e0599(&e, "nothing");
}

#[test]
fn wrong_argument_types_are_e0599() {
    let p = program(LIB);
    let e = Engine::new();
    let cases: Vec<(&str, Vec<Value>)> = vec![
        ("add", vec![Value::Int(1), Value::str("2")]),
        ("add", vec![Value::Float(1.0), Value::Int(2)]),
        ("scale", vec![Value::Int(1), Value::Float(2.0)]),
        ("greet", vec![Value::Char('x')]),
        ("total", vec![Value::Int(3)]),
        (
            "total",
            vec![Value::Array(vec![Value::Int(1), Value::str("x")])],
        ),
        ("nested", vec![Value::Array(vec![Value::Int(1)])]),
        ("flag", vec![Value::Int(0)]),
        ("pair", vec![Value::Int(1), Value::Int(2)]),
    ];
    for (entry, args) in cases {
        let err = e.evaluate(&p, entry, &args).unwrap_err();
        assert_e0599(&err, entry);
    }
}

#[test]
fn a_program_without_main_does_nothing_at_main() {
    // §6.7: not even the constants are evaluated (this one would divide by zero).
    let p = program("const BAD: Int = 1 / 0\nfn helper() -> Int { BAD }\n");
    let o = Engine::new().evaluate(&p, "main", &[]).unwrap();
    assert_eq!(o.value, Value::Unit);
    assert_eq!(o.value_text, "()");
    assert_eq!(o.output, "");
    assert_eq!(o.fuel_used, 0);
    assert!(o.selections.is_empty());
    assert_eq!(o.usage.to_array(), [0.0; 6]);
    assert_eq!(o.prices.to_array(), [1.0, 100.0, 50.0, 0.001, 0.001, 1.0]);
    // The empty program too.
    let o = Engine::new().evaluate(&program(""), "main", &[]).unwrap();
    assert_eq!(o.value, Value::Unit);
    // But other entries still have to exist.
    let e = Engine::new()
        .evaluate(&program(""), "other", &[])
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::E0599);
}

#[test]
fn constants_are_evaluated_before_an_entry() {
    let p = program("const K: Int = 6 * 7\nfn get() -> Int { K }\n");
    assert_eq!(
        Engine::new().evaluate(&p, "get", &[]).unwrap().value,
        Value::Int(42)
    );
}

// ---------------------------------------------------------------------------------------
// Outcome fields

#[test]
fn outcome_reports_usage_per_resource() {
    let o = run(r#"
fn main() {
    consume(2J)
    consume(time, 250ms)
    consume(3gCO2e)
    consume(memory, 1KB)
    consume(network, 512B)
    consume(4CU)
}
"#);
    let u = o.usage;
    assert!(close(u.energy, 2.0), "{u:?}");
    assert!(close(u.time, 0.25), "{u:?}");
    assert!(close(u.carbon, 3.0), "{u:?}");
    assert!(close(u.memory, 1000.0), "{u:?}");
    assert!(close(u.network, 512.0), "{u:?}");
    assert!(close(u.compute, 4.0), "{u:?}");
    assert_eq!(u.get(Resource::Compute), u.compute);
}

#[test]
fn outcome_usage_counts_loop_energy_and_reservations() {
    let o = run(r#"
@requires(energy: 5J) fn worker() { }
fn main() {
    let mut i = 0
    while i < 100 { i += 1 }
    worker()
}
"#);
    // 100 iterations at 1 mJ + the 5 J reservation.
    assert!(close(o.usage.energy, 5.1), "{:?}", o.usage);
    assert_eq!(o.usage.time, 0.0);
    // Fuel: main, worker and 100 iterations.
    assert_eq!(o.fuel_used, 102);
}

#[test]
fn outcome_reports_selections_in_order() {
    let o = run(r#"
adaptive fn pick(n: Int) -> String {
    big @when(n > 10) @requires(energy: 1J) { "big" }
    small @requires(energy: 2J) { "small" }
}
fn main() {
    println(pick(1), pick(20), pick(3))
}
"#);
    assert_eq!(o.output, "small big small\n");
    let got: Vec<(&str, &str)> = o
        .selections
        .iter()
        .map(|s| (&*s.function, &*s.solution))
        .collect();
    assert_eq!(got, [("pick", "small"), ("pick", "big"), ("pick", "small")]);
    // cost = 1 J × 1.0 + derived carbon (J × 400 / 3.6e6 g × 50).
    let carbon = |j: f64| j * 400.0 / 3_600_000.0 * 50.0;
    assert!(close(o.selections[0].cost, 2.0 + carbon(2.0)));
    assert!(close(o.selections[1].cost, 1.0 + carbon(1.0)));
    // Selections charge their vectors at the root: energy and derived carbon.
    assert!(close(o.usage.energy, 5.0), "{:?}", o.usage);
    assert!(
        close(o.usage.carbon, 5.0 * 400.0 / 3_600_000.0),
        "{:?}",
        o.usage
    );
}

#[test]
fn outcome_reports_root_prices() {
    let o = run("fn main() { consume(50J) }");
    assert_eq!(o.prices.to_array(), [1.0, 100.0, 50.0, 0.001, 0.001, 1.0]);
    // Under a root budget the market price follows the scarcity curve (§9.3).
    let p = program("fn main() { consume(50J) }");
    let e = Engine::builder()
        .budget(Resource::Energy, 100.0)
        .build()
        .unwrap();
    let o = e.evaluate(&p, "main", &[]).unwrap();
    assert_eq!(o.prices.energy, 2.0);
    assert_eq!(o.prices.time, 100.0);
}

#[test]
fn outcome_value_forms() {
    let o = run(r#"
struct P { x: Int, y: Float }
enum S { Circle(Float), Dot }
fn go() -> ([Int], P, S, S, Option<String>, String) {
    ([1, 2], P { x: 1, y: 2.5 }, Circle(1.0), Dot, Some("a"), "t\"x")
}
"#);
    assert_eq!(
        o.value_text,
        "([1, 2], P { x: 1, y: 2.5 }, Circle(1.0), Dot, Some(\"a\"), \"t\\\"x\")"
    );
    let Value::Tuple(items) = &o.value else {
        panic!("{:?}", o.value)
    };
    assert_eq!(
        items[1],
        Value::Struct {
            name: "P".into(),
            fields: vec![("x".into(), Value::Int(1)), ("y".into(), Value::Float(2.5))],
        }
    );
    match &items[2] {
        Value::Variant {
            enum_name,
            variant,
            payload,
            ..
        } => {
            assert_eq!((enum_name.as_str(), variant.as_str()), ("S", "Circle"));
            assert_eq!(payload, &vec![Value::Float(1.0)]);
        }
        v => panic!("{v:?}"),
    }
}

#[test]
fn outcome_returns_maps_and_functions() {
    let o = run(r#"
fn go() -> HashMap<String, Int> {
    let m = hashmap_new()
    hashmap_insert(m, "b", 2)
    hashmap_insert(m, "a", 1)
    m
}
"#);
    assert_eq!(
        o.value,
        Value::Map(vec![
            (Value::str("b"), Value::Int(2)),
            (Value::str("a"), Value::Int(1))
        ])
    );
    assert_eq!(o.value_text, "{\"b\": 2, \"a\": 1}");
    let o = run("fn f() { }\nfn go() -> fn() -> () { f }");
    assert_eq!(o.value, Value::Function("<fn f>".into()));
}

// ---------------------------------------------------------------------------------------
// RuntimeError

#[test]
fn runtime_error_accessors() {
    let src = "fn inner(d: Int) -> Int {\n    10 / d\n}\nfn main() {\n    println(\"before\")\n    inner(0)\n}\n";
    let e = run_err(src);
    assert_eq!(e.kind(), ErrorKind::DivisionByZero);
    assert_eq!(e.code(), ErrorCode::E0501);
    assert_eq!(e.message(), "division by zero");
    assert_eq!(e.position(), (2, 8));
    assert_eq!(e.exit_code(), 3);
    assert_eq!(e.output, "before\n");
    assert_eq!(
        e.headers(),
        "error[E0501]: DivisionByZero: division by zero\n  --> t.ecl:2:8\n"
    );
    assert_eq!(e.to_string(), e.headers());
    let names: Vec<(&str, u32, u32)> = e
        .trace
        .iter()
        .map(|t| (t.function.as_str(), t.line, t.column))
        .collect();
    assert_eq!(names, [("inner", 6, 5), ("main", 0, 0)]);
    let json = e.to_json();
    assert_eq!(json["code"], "E0501");
    assert_eq!(json["kind"], "DivisionByZero");
    assert_eq!(json["message"], "division by zero");
    assert_eq!(json["file"], "t.ecl");
    assert_eq!(json["line"], 2);
    assert_eq!(json["column"], 8);
    assert_eq!(json["trace"][0]["function"], "inner");
    assert_eq!(json["trace"][0]["line"], 6);
    assert_eq!(json["trace"][1]["function"], "main");
    assert_eq!(json["trace"][1]["line"], 0);
    let rendered = e.render(false);
    assert!(rendered.starts_with(&e.headers()), "{rendered}");
    assert!(
        rendered.contains("in 'inner', called at t.ecl:6:5"),
        "{rendered}"
    );
    let _: &dyn std::error::Error = &e;
}

#[test]
fn runtime_error_kinds_and_exit_codes() {
    let cases: [(&str, ErrorCode, i32); 8] = [
        ("fn main() { let x = [1]; x[3] }", ErrorCode::E0505, 3),
        ("fn main() { assert(1 > 2) }", ErrorCode::E0506, 3),
        ("fn main() { panic(\"boom\") }", ErrorCode::E0507, 3),
        (
            "fn main() { let x: Option<Int> = None; unwrap(x) }",
            ErrorCode::E0508,
            3,
        ),
        ("fn main() { match 3 { 1 => 0 } }", ErrorCode::E0509, 3),
        (
            "@requires(energy: 1J) fn main() { consume(2J) }",
            ErrorCode::E0601,
            4,
        ),
        (
            "adaptive fn f() -> Int { a @when(false) @requires(energy: 1J) { 1 } }\nfn main() { f() }",
            ErrorCode::E0603,
            4,
        ),
        ("fn f() { f() }\nfn main() { f() }", ErrorCode::E0701, 5),
    ];
    for (src, code, exit) in cases {
        let e = run_err(src);
        assert_eq!(e.code(), code, "{src}: {}", e.headers());
        assert_eq!(e.kind(), code.kind());
        assert_eq!(e.exit_code(), exit, "{src}");
        assert!(
            e.headers()
                .starts_with(&format!("error[{code}]: {}: ", code.kind().name())),
            "{}",
            e.headers()
        );
    }
}

#[test]
fn panic_message_and_location() {
    let e = run_err("fn main() {\n  panic(\"boom\")\n}");
    assert_eq!(e.message(), "panic: boom");
    assert_eq!(e.position(), (2, 3));
}

#[test]
fn host_errors_have_no_trace_and_valid_json() {
    let e = Engine::new()
        .evaluate(&program(LIB), "missing", &[])
        .unwrap_err();
    let json = e.to_json();
    assert_eq!(json["code"], "E0599");
    assert_eq!(json["trace"], serde_json::json!([]));
    assert!(e.output.is_empty());
}

// ---------------------------------------------------------------------------------------
// Reuse and concurrency

const BUSY: &str = r#"
adaptive fn pick(n: Int) -> Int {
    a @requires(energy: 1J) { n }
    b @requires(energy: 2J) { n * 2 }
}
fn fib(n: Int) -> Int { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }
fn main() -> Int {
    let mut acc = 0
    for i in 0..50 { acc += pick(i) }
    println("acc", acc)
    acc + fib(15)
}
fn work(k: Int) -> Int { k * fib(12) + pick(k) }
"#;

fn assert_send_sync<T: Send + Sync>() {}
fn assert_clone<T: Clone>() {}

#[test]
fn api_types_are_thread_safe() {
    assert_send_sync::<Program>();
    assert_send_sync::<Engine>();
    assert_clone::<Engine>();
    assert_clone::<Program>();
    assert_send_sync::<Outcome>();
    assert_send_sync::<RuntimeError>();
    assert_send_sync::<eclexia_core::CancelHandle>();
}

#[test]
fn a_program_evaluates_many_times_identically() {
    let p = program(BUSY);
    let e = Engine::new();
    let first = e.evaluate(&p, "main", &[]).unwrap();
    assert_eq!(first.value, Value::Int(1225 + 610));
    for _ in 0..200 {
        let o = e.evaluate(&p, "main", &[]).unwrap();
        assert_eq!(o.value, first.value);
        assert_eq!(o.output, first.output);
        assert_eq!(o.fuel_used, first.fuel_used);
        assert_eq!(o.selections, first.selections);
        assert_eq!(o.usage, first.usage);
        assert_eq!(o.prices, first.prices);
    }
}

#[test]
fn evaluations_run_concurrently_on_shared_program_and_engine() {
    let p = Arc::new(program(BUSY));
    let e = Engine::new();
    let reference = e.evaluate(&p, "main", &[]).unwrap();
    let handles: Vec<_> = (0..8)
        .map(|t| {
            let p = Arc::clone(&p);
            let e = e.clone();
            std::thread::spawn(move || {
                let mut seen = Vec::new();
                for i in 0..25 {
                    let o = e.evaluate(&p, "main", &[]).unwrap();
                    let w = e.evaluate(&p, "work", &[Value::Int(t * 100 + i)]).unwrap();
                    seen.push((o, w));
                }
                seen
            })
        })
        .collect();
    for (t, h) in handles.into_iter().enumerate() {
        for (i, (o, w)) in h.join().unwrap().into_iter().enumerate() {
            assert_eq!(o.value, reference.value);
            assert_eq!(o.output, reference.output);
            assert_eq!(o.selections, reference.selections);
            assert_eq!(o.fuel_used, reference.fuel_used);
            let k = (t * 100 + i) as i64;
            assert_eq!(w.value, Value::Int(k * 144 + k));
        }
    }
}

#[test]
fn scoped_threads_share_a_borrowed_program() {
    let p = program(BUSY);
    let e = Engine::new();
    let results: Vec<i64> = std::thread::scope(|s| {
        let hs: Vec<_> = (0..4)
            .map(|k| {
                let (p, e) = (&p, &e);
                s.spawn(move || {
                    e.evaluate(p, "work", &[Value::Int(k)])
                        .unwrap()
                        .value
                        .as_int()
                        .unwrap()
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(results, [0, 145, 290, 435]);
}

#[test]
fn errors_do_not_poison_later_evaluations() {
    let p = program("fn main(){}\nfn bad(d: Int) -> Int { 1 / d }");
    let e = Engine::new();
    for _ in 0..10 {
        assert!(e.evaluate(&p, "bad", &[Value::Int(0)]).is_err());
        assert_eq!(
            e.evaluate(&p, "bad", &[Value::Int(1)]).unwrap().value,
            Value::Int(1)
        );
    }
}

// ---------------------------------------------------------------------------------------
// Output sinks

#[derive(Default)]
struct Collect(Mutex<Vec<String>>);

impl OutputSink for Collect {
    fn write(&self, text: &str) -> std::io::Result<()> {
        self.0.lock().unwrap().push(text.to_string());
        Ok(())
    }
}

#[test]
fn sink_receives_output_in_order() {
    let sink = Arc::new(Collect::default());
    let e = Engine::builder().output(sink.clone()).build().unwrap();
    let p = program(
        r#"
fn main() {
    for i in 0..100 { print(i, "") }
    println()
    println("done", 1.5kJ)
}
"#,
    );
    let o = e.evaluate(&p, "main", &[]).unwrap();
    assert_eq!(o.output, "", "captured output is empty with a sink");
    let got: String = sink.0.lock().unwrap().concat();
    let mut want: String = (0..100).map(|i| format!("{i} ")).collect();
    want.push_str("\ndone 1500J\n");
    assert_eq!(got, want);
}

#[test]
fn sink_receives_output_printed_before_an_error() {
    let sink = Arc::new(Collect::default());
    let e = Engine::builder().output(sink.clone()).build().unwrap();
    let p = program("fn main() {\n println(\"a\")\n print(\"b\")\n 1 / 0\n}");
    let err = e.evaluate(&p, "main", &[]).unwrap_err();
    assert_eq!(err.code(), ErrorCode::E0501);
    assert_eq!(sink.0.lock().unwrap().concat(), "a\nb");
    assert_eq!(err.output, "");
    // Without a sink the output is captured in the error.
    let err = Engine::new().evaluate(&p, "main", &[]).unwrap_err();
    assert_eq!(err.output, "a\nb");
}

struct Failing;

impl OutputSink for Failing {
    fn write(&self, _: &str) -> std::io::Result<()> {
        Err(std::io::Error::other("sink closed"))
    }
}

#[test]
fn a_failing_sink_ends_the_evaluation() {
    let e = Engine::builder().output(Arc::new(Failing)).build().unwrap();
    let p = program("fn main() { let mut i = 0\n loop { println(i); i += 1 } }");
    let err = e.evaluate(&p, "main", &[]).unwrap_err();
    // An I/O failure is a RuntimeError (§11.8 wording); it must not hang or panic.
    assert_eq!(err.code(), ErrorCode::E0599, "{}", err.headers());
}

#[test]
fn one_sink_shared_by_threads_sees_whole_chunks() {
    let sink = Arc::new(Collect::default());
    let e = Engine::builder().output(sink.clone()).build().unwrap();
    let p = Arc::new(program("fn main() { println(\"line\") }"));
    let hs: Vec<_> = (0..4)
        .map(|_| {
            let (e, p) = (e.clone(), p.clone());
            std::thread::spawn(move || {
                for _ in 0..10 {
                    e.evaluate(&p, "main", &[]).unwrap();
                }
            })
        })
        .collect();
    for h in hs {
        h.join().unwrap();
    }
    assert_eq!(sink.0.lock().unwrap().concat(), "line\n".repeat(40));
}

// ---------------------------------------------------------------------------------------
// Builder validation and settings

#[test]
fn builder_rejects_invalid_settings() {
    assert!(
        Engine::builder()
            .budget(Resource::Energy, -1.0)
            .build()
            .is_err()
    );
    assert!(
        Engine::builder()
            .budget(Resource::Time, f64::NAN)
            .build()
            .is_err()
    );
    assert!(Engine::builder().loop_energy(-0.5).build().is_err());
    assert!(
        Engine::builder()
            .loop_energy(f64::INFINITY)
            .build()
            .is_err()
    );
    assert!(Engine::builder().carbon_intensity(-1.0).build().is_err());
    assert!(
        Engine::builder()
            .budget(Resource::Energy, 0.0)
            .build()
            .is_ok()
    );
}

#[test]
fn host_facts_and_capabilities() {
    let p = program("fn main() { println(gpu_available(), cpu_cores(), carbon_intensity()) }");
    let o = Engine::new().evaluate(&p, "main", &[]).unwrap();
    assert_eq!(o.output, "false 1 400.0\n");
    let e = Engine::builder()
        .gpu_available(true)
        .cpu_cores(8)
        .carbon_intensity(123.5)
        .build()
        .unwrap();
    assert_eq!(
        e.evaluate(&p, "main", &[]).unwrap().output,
        "true 8 123.5\n"
    );
    // No capabilities by default.
    let err = Engine::new()
        .evaluate(&program("fn main() { time_now_ms() }"), "main", &[])
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::E0599);
    let err = Engine::new()
        .evaluate(&program("fn main() { file_exists(\"x\") }"), "main", &[])
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::E0599);
    let e = Engine::builder().allow_clock(true).build().unwrap();
    assert!(
        e.evaluate(&program("fn main() -> Int { time_now_ms() }"), "main", &[])
            .unwrap()
            .value
            .as_int()
            .unwrap()
            > 0
    );
}

#[test]
fn loop_energy_setting() {
    let p = program("fn main() { for _ in 0..10 { } }");
    let o = Engine::builder().loop_energy(0.0).build().unwrap();
    assert_eq!(o.evaluate(&p, "main", &[]).unwrap().usage.energy, 0.0);
    let o = Engine::builder().loop_energy(2.0).build().unwrap();
    assert_eq!(o.evaluate(&p, "main", &[]).unwrap().usage.energy, 20.0);
}

#[test]
fn root_budget_is_enforced() {
    let p = program("fn main() {\n  consume(60J)\n  consume(60J)\n}");
    let e = Engine::builder()
        .budget(Resource::Energy, 100.0)
        .build()
        .unwrap();
    let err = e.evaluate(&p, "main", &[]).unwrap_err();
    assert_eq!(err.code(), ErrorCode::E0601);
    assert_eq!(
        err.message(),
        "energy budget exceeded in '<root>': used 120J, limit 100J"
    );
    assert_eq!(err.position(), (3, 3));
}

// ---------------------------------------------------------------------------------------
// Worked examples

#[test]
fn s7_4_part_whole_violates_in_whole() {
    let src = "@requires(energy: 15J) fn part() { }\n@requires(energy: 25J) fn whole() { part(); part() }   // 2nd reservation: 30J > 25J → E0601 in 'whole'\nfn main() { whole() }\n";
    let e = run_err(src);
    assert_eq!(e.code(), ErrorCode::E0601);
    assert_eq!(e.kind(), ErrorKind::ResourceViolation);
    assert_eq!(
        e.message(),
        "energy budget exceeded in 'whole': used 30J, limit 25J"
    );
    assert_eq!(e.position(), (2, 45));
    assert_eq!(
        e.headers(),
        "error[E0601]: ResourceViolation: energy budget exceeded in 'whole': used 30J, limit 25J\n  --> t.ecl:2:45\n"
    );
    assert_eq!(e.exit_code(), 4);
}

#[test]
fn s7_4_fact_ten_succeeds() {
    let o = run(r#"
@requires(energy: 10J) fn fact(n: Int) -> Int {
    if n <= 1 { 1 } else { n * fact(n - 1) }
}
fn main() -> Int { fact(10) }
"#);
    assert_eq!(o.value, Value::Int(3_628_800));
    // The root paid the outer reservation only.
    assert_eq!(o.usage.energy, 10.0);
}

#[test]
fn s8_4_render_selects_cpu() {
    let o = run(r#"
adaptive fn render(w: Int) -> String {
    gpu   @requires(energy: 90J, time: 2ms)   { "gpu" }
    cpu   @requires(energy: 25J, time: 30ms)  { "cpu" }
    cache @requires(energy: 3J,  time: 400ms) { "cache" }
}
fn go() -> String { render(1920) }
"#);
    assert_eq!(o.value, Value::str("cpu"));
    assert_eq!(o.selections.len(), 1);
    let s = &o.selections[0];
    assert_eq!((&*s.function, &*s.solution), ("render", "cpu"));
    let want = 25.0 + 0.030 * 100.0 + 25.0 * 400.0 / 3_600_000.0 * 50.0;
    assert!(close(s.cost, want), "{} vs {want}", s.cost);
    assert!((s.cost - 28.14).abs() < 0.005, "{}", s.cost);
}

#[test]
fn s9_4_premium_selects_b_with_ten_joules_left() {
    // 10 J remain in main's scope when `f` is called: A (30 J) does not fit.
    let o = run(r#"
adaptive fn f() -> String @optimize(minimize latency) {
    A @requires(energy: 30J, time: 1ms) { "A" }
    B @requires(energy: 8J, time: 40ms) { "B" }
}
@requires(energy: 100J)
fn go() -> String {
    consume(90J)
    f()
}
"#);
    assert_eq!(o.value, Value::str("B"));
    let s = &o.selections[0];
    assert_eq!(&*s.solution, "B");
    // cost_B = π_time × 0.04 s + π_energy × 0 (energy weight 0 under minimize latency).
    assert!(close(s.cost, 4.0), "{}", s.cost);
}

#[test]
fn s9_4_premium_changes_the_choice_between_feasible_solutions() {
    // A 10 J cap on the adaptive function (no budget, so market prices stay at base).
    // Weights: energy 1, time 1. At base prices c_A = 12.1 (infeasible: 12 J > cap),
    // c_C = 9 + 5 = 14, c_D = 1 + 14 = 15. The LP mixes A and D (x_A = 9/11), so
    // y_energy = (15 - 12.1) / (12 - 1) and π_energy = 1 + y. Then
    // cost_C = 9 π_E + 5 ≈ 16.37 > cost_D = π_E + 14 ≈ 15.26: D is selected, whereas
    // market prices alone (C 14 < D 15) would pick C.
    let o = run(r#"
@requires(energy: 10J)
adaptive fn f() -> String @optimize(minimize energy, minimize latency) {
    A @requires(energy: 12J, time: 1ms) { "A" }
    C @requires(energy: 9J, time: 50ms) { "C" }
    D @requires(energy: 1J, time: 140ms) { "D" }
}
fn go() -> String { f() }
"#);
    assert_eq!(o.value, Value::str("D"));
    let y = (15.0 - 12.1) / 11.0;
    let want = (1.0 + y) * 1.0 + 100.0 * 0.14;
    assert!(
        (o.selections[0].cost - want).abs() < 1e-6,
        "{} vs {want}",
        o.selections[0].cost
    );
    // Without the infeasible A, no premium: C wins on market prices.
    let o = run(r#"
@requires(energy: 10J)
adaptive fn f() -> String @optimize(minimize energy, minimize latency) {
    C @requires(energy: 9J, time: 50ms) { "C" }
    D @requires(energy: 1J, time: 140ms) { "D" }
}
fn go() -> String { f() }
"#);
    assert_eq!(o.value, Value::str("C"));
    assert!(
        close(o.selections[0].cost, 14.0),
        "{}",
        o.selections[0].cost
    );
}

#[test]
fn s9_4_premium_matches_the_host_price_operation() {
    // The §9.7 request is the §9.4 example with 80 J of 100 J used; the language and the
    // host operation share one implementation, so the selection cost of b is π_time × 40 ms.
    let o = run(r#"
adaptive fn f() -> String @optimize(minimize latency) {
    a @requires(energy: 30J, time: 1ms) { "a" }
    b @requires(energy: 8J, time: 40ms) { "b" }
}
@requires(energy: 100J)
fn go() -> String {
    consume(80J)
    println(shadow_price(energy))
    f()
}
"#);
    assert_eq!(o.value, Value::str("b"));
    assert_eq!(o.output, format!("{:?}\n", 4f64.powf(0.8)));
    assert!(close(o.selections[0].cost, 4.0));
}

#[test]
fn s9_5_shadow_prices() {
    let o = run(r#"
@requires(energy: 200J)
fn spend() {
    println(shadow_price(energy))
    consume(100J)
    println(shadow_price(energy))
    consume(100J)
    println(shadow_price(energy))
}
fn main() {
    println(shadow_price(energy), shadow_price(time), shadow_price(latency))
    println(shadow_price(carbon), shadow_price(memory), shadow_price(network), shadow_price(compute))
    spend()
}
"#);
    assert_eq!(
        o.output,
        "1.0 100.0 100.0\n50.0 0.001 0.001 1.0\n1.0\n2.0\n4.0\n"
    );
}
