//! `POST /v1/evaluate`: outcomes, run-time and compile errors, the server's maxima, bad
//! requests, and the selections metric.

use serde_json::{Value, json};

use super::support::*;

const ADAPTIVE: &str = "adaptive fn render(w: Int) -> String {
    gpu @requires(energy: 90J, time: 2ms) { \"gpu\" }
    cpu @requires(energy: 25J, time: 30ms) { \"cpu\" }
}
fn main() -> Int {
    println(\"hi\", 1.5kJ + 500J);
    println(render(1920));
    consume(2J);
    6 * 7
}
";

const FOREVER: &str = "fn main() {\n    let mut i = 0;\n    loop {\n        i += 1;\n    }\n}\n";

fn evaluate(s: &Server, body: Value) -> (u16, Value) {
    let r = s.post("/v1/evaluate", &body);
    let v = r.json();
    (r.status, v)
}

#[test]
fn evaluates_and_counts_selections() {
    let s = start("eval-ok", Setup::ready());
    let (status, v) = evaluate(&s, json!({"source": ADAPTIVE}));
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["ok"], true, "{v}");
    assert_eq!(v["value"], "42");
    assert!(
        v["output"].as_str().unwrap().starts_with("hi 2000J\n"),
        "{v}"
    );
    for key in ["usage", "prices"] {
        let o = v[key].as_object().unwrap();
        assert_eq!(o.len(), 6, "{key}: {v}");
        assert!(o.values().all(Value::is_number), "{key}: {v}");
    }
    assert!(v["usage"]["energy"].as_f64().unwrap() >= 2.0, "{v}");
    assert_eq!(v["prices"]["time"], 100.0, "the market's price book");
    let sel = v["selections"].as_array().unwrap();
    assert_eq!(sel.len(), 1, "{v}");
    assert_eq!(sel[0]["function"], "render");
    let solution = sel[0]["solution"].as_str().unwrap().to_string();
    assert!(sel[0]["cost"].is_number());

    // An entry with arguments, and the same request again: two selections counted.
    let add = "fn add(a: Int, xs: [Float]) -> Float { a as Float + xs[1] }";
    let (status, v) = evaluate(
        &s,
        json!({"source": add, "entry": "add", "args": [2, [0.5, 1.5]]}),
    );
    assert_eq!((status, &v["value"]), (200, &json!("3.5")), "{v}");
    assert_eq!(evaluate(&s, json!({"source": ADAPTIVE})).0, 200);
    let m = s.metrics();
    assert_eq!(
        sample(
            &m,
            "eclexia_adaptive_selections_total",
            &[("function", "render"), ("solution", &solution)]
        ),
        Some(2.0)
    );
}

#[test]
fn run_time_errors_compile_errors_and_capabilities() {
    let s = start("eval-err", Setup::ready());
    let src = "fn main() {\n    let z = 0;\n    println(10 / 2);\n    println(10 / z);\n}\n";
    let (status, v) = evaluate(&s, json!({"source": src}));
    assert_eq!(status, 200, "{v}");
    assert_eq!(v["ok"], false);
    assert_eq!(v["output"], "5\n", "output before the error");
    let e = &v["error"];
    assert_eq!(e["code"], "E0501");
    assert_eq!(e["kind"], "DivisionByZero");
    assert_eq!(e["message"], "division by zero");
    assert_eq!(
        (e["line"].as_u64(), e["column"].as_u64()),
        (Some(4), Some(16))
    );

    // An unknown entry and arguments that do not fit are run-time errors too (E0599).
    let (_, v) = evaluate(&s, json!({"source": "fn main() {}", "entry": "nope"}));
    assert_eq!(v["error"]["code"], "E0599", "{v}");
    let (_, v) = evaluate(
        &s,
        json!({"source": "fn f(x: Int) -> Int { x }", "entry": "f", "args": ["a"]}),
    );
    assert_eq!(v["error"]["code"], "E0599", "{v}");

    // No file or clock capabilities on the server.
    for src in [
        "fn main() { println(file_exists(\"/\")) }",
        "fn main() { println(time_now_ms()) }",
    ] {
        let (status, v) = evaluate(&s, json!({"source": src}));
        assert_eq!((status, &v["ok"]), (200, &json!(false)), "{src}: {v}");
        let msg = v["error"]["message"].as_str().unwrap();
        assert!(msg.contains("not granted"), "{src}: {msg}");
    }

    // A budget from the request.
    let (_, v) = evaluate(
        &s,
        json!({"source": "fn main() { consume(4J); consume(7J) }", "budgets": {"energy": "10J"}}),
    );
    assert_eq!(v["error"]["code"], "E0601", "{v}");
    assert_eq!(v["error"]["kind"], "ResourceViolation");

    let (status, v) = evaluate(&s, json!({"source": "fn main() { let x = 5J + 3 }"}));
    assert_eq!(status, 422, "{v}");
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"]["code"], "E0401");
    assert_eq!(v["diagnostics"][0]["line"], 1);
}

#[test]
fn limits_are_capped_by_the_server() {
    let s = start(
        "eval-cap",
        Setup {
            args: vec!["--eval-max-fuel".into(), "1000".into()],
            ..Setup::ready()
        },
    );
    // Asking for more (or for "unlimited") gets the server's maximum.
    for limits in [
        json!({}),
        json!({"fuel": 0}),
        json!({"fuel": 1_000_000_000_000u64}),
    ] {
        let (status, v) = evaluate(&s, json!({"source": FOREVER, "limits": limits}));
        assert_eq!(status, 200, "{v}");
        assert_eq!(v["error"]["kind"], "OutOfFuel", "{limits}: {v}");
        assert_eq!(v["error"]["message"], "fuel limit 1000 exhausted", "{v}");
    }
    // Asking for less gets less.
    let (_, v) = evaluate(&s, json!({"source": FOREVER, "limits": {"fuel": 10}}));
    assert_eq!(v["error"]["message"], "fuel limit 10 exhausted", "{v}");
    let deep = "fn f(n: Int) -> Int { f(n + 1) }\nfn main() { f(0) }";
    let (_, v) = evaluate(&s, json!({"source": deep, "limits": {"max_call_depth": 5}}));
    assert_eq!(v["error"]["kind"], "StackOverflow", "{v}");
}

#[test]
fn a_runaway_program_times_out_while_health_answers() {
    // Fuel is plentiful here: only the wall-clock maximum stops the loop.
    let s = start(
        "eval-timeout",
        Setup {
            args: vec![
                "--eval-max-fuel".into(),
                "1000000000000000".into(),
                "--eval-timeout-ms".into(),
                "300".into(),
            ],
            ..Setup::ready()
        },
    );
    let api = s.api;
    let body = json!({"source": FOREVER, "limits": {"timeout_ms": 100_000_000}}).to_string();
    let worker =
        std::thread::spawn(move || http(api, "POST", "/v1/evaluate", &[], body.as_bytes()));
    assert_eq!(s.get("/health").status, 200);
    let r = worker.join().unwrap();
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    assert_eq!(v["error"]["kind"], "Timeout", "{v}");
    assert_eq!(s.get("/health").status, 200);
}

#[test]
fn malformed_requests_name_the_field() {
    let s = start("eval-bad", Setup::ready());
    let r = http(s.api, "POST", "/v1/evaluate", &[], b"{\"source\": ");
    assert_eq!((r.status, r.error_code().as_str()), (400, "malformed_json"));
    for (body, field) in [
        (json!({"entry": "main"}), "source"),
        (json!({"source": 1}), "source"),
        (json!({"source": "", "entry": 5}), "entry"),
        (json!({"source": "", "args": {}}), "args"),
        (json!({"source": "", "args": [null]}), "args[0]"),
        (json!({"source": "", "limits": []}), "limits"),
        (json!({"source": "", "limits": {"fuel": -1}}), "limits.fuel"),
        (
            json!({"source": "", "limits": {"fuel": "1k"}}),
            "limits.fuel",
        ),
        (json!({"source": "", "limits": {"gas": 1}}), "limits.gas"),
        (
            json!({"source": "", "budgets": {"energy": "5s"}}),
            "budgets.energy",
        ),
        (
            json!({"source": "", "budgets": {"power": "5W"}}),
            "budgets.power",
        ),
        (json!([1]), "request"),
    ] {
        let r = s.post("/v1/evaluate", &body);
        assert_eq!(
            (r.status, r.error_code().as_str()),
            (400, "invalid_field"),
            "{body}"
        );
        let msg = r.json()["error"]["message"].as_str().unwrap().to_string();
        assert!(msg.starts_with(field), "{body}: {msg}");
    }
    assert_eq!(s.get("/health").status, 200);
}

#[test]
fn programs_that_name_std_get_the_standard_library() {
    let s = start("eval-std", Setup::ready());
    let src = "use std::math::clamp\nfn f() -> Float { clamp(7.5, 0.0, 2.0) }";
    let (status, v) = evaluate(&s, json!({"source": src, "entry": "f"}));
    assert_eq!((status, &v["value"]), (200, &json!("2.0")), "{v}");
}
