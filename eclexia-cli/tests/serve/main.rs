//! `eclexia serve` against the real binary on 127.0.0.1 (ARCHITECTURE §9, §13).
//!
//! Every server listens on ports the OS picks (`--listen 127.0.0.1:0`) and prints
//! `eclexia serve: api=ADDR metrics=ADDR` first on standard output; the tests read the
//! ports from that line. Each server gets its own temporary config and data folders and a
//! clean environment, and is stopped with SIGTERM when its handle is dropped (SIGKILL if it
//! does not stop within 10 s), so no server outlives its test.

mod carbon;
mod evaluate;
mod lifecycle;
mod support;

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::json;

use support::*;

const TOKEN: &str = "test-token-5d1e";

const RESOURCES: [(&str, &str); 6] = [
    ("energy", "J"),
    ("time", "s"),
    ("carbon", "gCO2e"),
    ("memory", "B"),
    ("network", "B"),
    ("compute", "CU"),
];

#[test]
fn probes_and_the_prices_shape() {
    let s = start("probes", Setup::ready());
    let h = s.get("/health");
    assert_eq!((h.status, h.json()), (200, json!({"status": "ok"})));
    assert_eq!(h.header("content-type"), Some("application/json"));
    let r = s.get("/ready");
    assert_eq!(r.status, 200, "{}", r.body);

    let p = s.get("/v1/prices");
    assert_eq!(p.status, 200);
    let v = p.json();
    let resources = v["resources"].as_object().unwrap();
    assert_eq!(resources.len(), 6);
    for (name, unit) in RESOURCES {
        let r = &resources[name];
        assert_eq!(r["unit"], unit, "{name}");
        assert!(r["budget"].is_null(), "{name}: unlimited by default");
        for k in ["used", "utilization", "price", "base", "multiplier"] {
            assert!(r[k].is_number(), "{name}.{k}: {r}");
        }
        assert_eq!(r.as_object().unwrap().len(), 7, "{name}: {r}");
    }
    assert_eq!(resources["time"]["price"], 100.0);
    let c = &v["carbon_intensity"];
    assert_eq!(c["value"], 400.0);
    assert_eq!(c["source"], "static");
    assert!(c["zone"].is_null());
    assert!(c["age_seconds"].as_f64().unwrap() >= 0.0);
    assert_eq!(c["estimated"], false);
    assert_eq!(v["window"]["seconds"], 3600.0);
    let start = v["window"]["start"].as_str().unwrap();
    assert_eq!(start.len(), 20, "{start}");
    assert!(
        start.ends_with('Z') && start.as_bytes()[10] == b'T',
        "{start}"
    );
    assert_eq!(v.as_object().unwrap().len(), 3);
}

#[test]
fn usage_records_and_rejects_bad_amounts() {
    let s = start(
        "usage",
        Setup {
            config: vec![(
                "resource-budgets.toml",
                "[energy]\nbudget = \"200J\"\n".to_string(),
            )],
            ..Setup::ready()
        },
    );
    let r = s.post(
        "/v1/usage",
        &json!({"energy": "100J", "time": "30ms", "memory": 1024}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let v = r.json();
    let e = &v["resources"]["energy"];
    assert_eq!(e["budget"], 200.0);
    assert_eq!(e["used"], 100.0);
    assert_eq!(e["utilization"], 0.5);
    assert_eq!(e["price"], 2.0); // LANGUAGE §9.5: half used ⇒ 2 × base
    assert_eq!(v["resources"]["time"]["used"], 0.03);
    assert_eq!(v["resources"]["memory"]["used"], 1024.0);
    assert_eq!(
        s.get("/v1/prices").json()["resources"]["energy"]["used"],
        100.0
    );

    for (body, code, field) in [
        ("{\"energy\": \"12s\"}", "invalid_field", "energy"),
        ("{\"energy\": -1}", "invalid_field", "energy"),
        ("{\"bogus\": \"1J\"}", "invalid_field", "bogus"),
        ("[1, 2]", "invalid_field", "usage"),
        ("{\"energy\": ", "malformed_json", "malformed JSON"),
        ("", "malformed_json", "malformed JSON"),
    ] {
        let r = http(s.api, "POST", "/v1/usage", &[], body.as_bytes());
        assert_eq!(r.status, 400, "{body}: {}", r.body);
        assert_eq!(r.error_code(), code, "{body}");
        let msg = r.json()["error"]["message"].as_str().unwrap().to_string();
        assert!(msg.contains(field), "{body}: {msg}");
    }
    // Rejected requests record nothing.
    assert_eq!(
        s.get("/v1/prices").json()["resources"]["energy"]["used"],
        100.0
    );
}

/// LANGUAGE §9.7's request, shared by the tests that quote it.
const EXAMPLE_97: &str = include_str!("../../../tests/fixtures/price-request-9.7.json");

#[test]
fn price_answers_the_spec_example_and_uses_the_market() {
    let s = start(
        "price",
        Setup {
            config: vec![(
                "resource-budgets.toml",
                "[energy]\nbudget = \"100J\"\n".to_string(),
            )],
            ..Setup::ready()
        },
    );
    // LANGUAGE §9.7's request, answered exactly as the spec's response.
    let r = http(s.api, "POST", "/v1/price", &[], EXAMPLE_97.as_bytes());
    assert_eq!(r.status, 200, "{}", r.body);
    // Byte for byte what `price()`, `eclexia price --compact` and the C API write: §9.7's
    // response in its key order.
    assert_eq!(
        r.body,
        concat!(
            r#"{"prices":{"energy":3.2087058602935237,"time":100.0,"carbon":50.0,"memory":0.001,"network":0.001,"compute":1.0},"#,
            r#""market":{"energy":3.0314331330207964,"time":100.0,"carbon":50.0,"memory":0.001,"network":0.001,"compute":1.0},"#,
            r#""premium":{"energy":0.17727272727272728,"time":0.0,"carbon":0.0,"memory":0.0,"network":0.0,"compute":0.0},"#,
            r#""chosen":"b","#,
            r#""candidates":[{"name":"a","eligible":true,"feasible":false,"cost":0.1,"rejected":"budget: energy"},"#,
            r#"{"name":"b","eligible":true,"feasible":true,"cost":4.0,"rejected":null}]}"#
        )
    );
    let v = r.json();
    assert_eq!(v["chosen"], "b");
    assert_eq!(v["prices"]["energy"], 3.2087058602935237);
    assert_eq!(v["market"]["energy"], 3.0314331330207964);
    assert_eq!(v["premium"]["energy"], 0.17727272727272728);
    assert_eq!(
        v["candidates"],
        json!([
            {"name": "a", "eligible": true, "feasible": false, "cost": 0.1, "rejected": "budget: energy"},
            {"name": "b", "eligible": true, "feasible": true, "cost": 4.0, "rejected": null}
        ])
    );

    // Without budgets and usage the market's are used: 100 J budget, 80 J recorded.
    assert_eq!(s.post("/v1/usage", &json!({"energy": "80J"})).status, 200);
    let lean = json!({
        "caps": {"energy": "50J"},
        "objective": [["minimize", "time"]],
        "candidates": [
            {"name": "a", "provides": {"energy": "30J", "time": "1ms"}},
            {"name": "b", "provides": {"energy": "8J", "time": "40ms"}}
        ]
    });
    let v = s.post("/v1/price", &lean).json();
    assert_eq!(v["chosen"], "b");
    assert_eq!(v["prices"]["energy"], 3.2087058602935237);
    // Nothing feasible: 200 with `chosen: null` (§9.7 reports E0603 as a status).
    let none = json!({"candidates": [{"name": "x", "provides": {"energy": "1kJ"}}]});
    let v = s.post("/v1/price", &none).json();
    assert!(v["chosen"].is_null(), "{v}");

    // A key given twice keeps its last value (the JSON path's reading, which the fast
    // reader of ordinary requests leaves such requests to).
    let twice = r#"{"candidates": [{"name": "x", "provides": {"energy": "1kJ"}}],
                    "candidates": [{"name": "a", "provides": {"energy": "1J"}}]}"#;
    let r = http(s.api, "POST", "/v1/price", &[], twice.as_bytes());
    assert_eq!(
        (r.status, &r.json()["chosen"]),
        (200, &json!("a")),
        "{}",
        r.body
    );

    for (body, code, message) in [
        ("{}", "invalid_field", "candidates: missing"),
        (
            r#"{"candidates": [{"name": "a", "provides": {"energy": "10s"}}]}"#,
            "invalid_field",
            r#"candidates[0].provides.energy: expected an energy amount such as "100J", found "10s""#,
        ),
        (
            r#"{"candidates": [], "budgets": {"energy": "x"}}"#,
            "invalid_field",
            "budgets.energy",
        ),
        (
            r#"{"candidates": [], "usage": {"time": "1s", "latency": "2s"}}"#,
            "invalid_field",
            "usage.time: time is given twice",
        ),
        (
            "not json",
            "malformed_json",
            "malformed JSON at line 1 column 2: expected ident",
        ),
    ] {
        let r = http(s.api, "POST", "/v1/price", &[], body.as_bytes());
        assert_eq!(r.status, 400, "{body}: {}", r.body);
        assert_eq!(r.error_code(), code, "{body}");
        let msg = r.json()["error"]["message"].as_str().unwrap().to_string();
        assert!(msg.starts_with(message), "{body}: {msg}");
    }
}

#[test]
fn check_evaluate_and_http_errors() {
    let s = start("check", Setup::ready());
    let ok = s.post(
        "/v1/check",
        &json!({"source": "def main() { println(1.5kJ + 500J) }"}),
    );
    assert_eq!((ok.status, ok.json()), (200, json!({"ok": true})));

    let bad = s.post(
        "/v1/check",
        &json!({"source": "def main() { watts * hours }"}),
    );
    assert_eq!(bad.status, 422, "{}", bad.body);
    let v = bad.json();
    assert_eq!(v["ok"], false);
    assert_eq!(v["error"]["code"], "E0201");
    assert_eq!(v["error"]["kind"], "UndefinedVariable");
    let diags = v["diagnostics"].as_array().unwrap();
    assert!(!diags.is_empty());
    assert_eq!(diags[0]["line"], 1);
    assert!(diags[0]["column"].is_number());

    let r = s.post("/v1/check", &json!({"text": "x"}));
    assert_eq!((r.status, r.error_code().as_str()), (400, "invalid_field"));
    let r = s.post("/v1/check", &json!({"source": 5}));
    assert_eq!(r.status, 400);
    // Garbage bytes are a program that does not compile, never a crash.
    let r = s.post("/v1/check", &json!({"source": "\u{0}\u{7f}}}}{{{(((\"\\"}));
    assert_eq!(r.status, 422, "{}", r.body);

    // Evaluation (more in evaluate.rs).
    let r = s.post(
        "/v1/evaluate",
        &json!({"source": "def main() -> Int { 1 }", "entry": "main"}),
    );
    assert_eq!((r.status, r.json()["value"].clone()), (200, json!("1")));
    let r = http(s.api, "POST", "/v1/evaluate", &[], b"{");
    assert_eq!((r.status, r.error_code().as_str()), (400, "malformed_json"));

    let r = s.get("/no/such/route");
    assert_eq!((r.status, r.error_code().as_str()), (404, "not_found"));
    let r = http(s.api, "DELETE", "/v1/prices", &[], b"");
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (405, "method_not_allowed")
    );
    let r = s.get("/v1/usage");
    assert_eq!(r.status, 405);
    assert!(r.header("allow").is_some_and(|a| a.contains("POST")));
    assert_eq!(
        s.get("/health").status,
        200,
        "the server survived all of it"
    );
}

#[test]
fn body_limit_gives_413() {
    let s = start(
        "limit",
        Setup {
            args: vec!["--body-limit".into(), "2000".into()],
            ..Setup::ready()
        },
    );
    let big = json!({"source": "x".repeat(4000)}).to_string();
    let r = http(s.api, "POST", "/v1/check", &[], big.as_bytes());
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (413, "payload_too_large")
    );
    let small = json!({"source": "def main() {}"}).to_string();
    assert_eq!(
        http(s.api, "POST", "/v1/check", &[], small.as_bytes()).status,
        200
    );
}

#[test]
fn default_body_limit_is_one_mebibyte() {
    let s = start("limit1m", Setup::ready());
    let just_under =
        json!({"source": format!("def main() {{}}\n//{}", "x".repeat(1024 * 1024 - 64))});
    // A comment line of just under 1 MiB compiles; one byte over the limit does not reach core.
    let r = s.post("/v1/check", &just_under);
    assert_eq!(r.status, 200, "{}", &r.body[..r.body.len().min(300)]);
    let over = json!({"source": "x".repeat(1024 * 1024)});
    let r = s.post("/v1/check", &over);
    assert_eq!(r.status, 413);
}

#[test]
fn api_token_guards_the_api_but_not_probes_or_metrics() {
    let s = start(
        "token",
        Setup {
            env: vec![("ECLEXIA_API_TOKEN", TOKEN.to_string())],
            ..Setup::ready()
        },
    );
    assert_eq!(s.get("/health").status, 200);
    assert_eq!(s.get("/ready").status, 200);
    let r = s.get("/v1/prices");
    assert_eq!((r.status, r.error_code().as_str()), (401, "unauthorized"));
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    assert!(!r.body.contains(TOKEN));
    let wrong = format!("Bearer {TOKEN}x");
    let right = format!("Bearer {TOKEN}");
    for h in [
        "Bearer",
        "Basic abc",
        wrong.as_str(),
        "bearer test-token-5d1e",
    ] {
        let r = http(s.api, "GET", "/v1/prices", &[("Authorization", h)], b"");
        assert_eq!(r.status, 401, "{h}");
    }
    let r = http(
        s.api,
        "GET",
        "/v1/prices",
        &[("Authorization", &right)],
        b"",
    );
    assert_eq!(r.status, 200);
    let body = br#"{"energy": "1J"}"#;
    assert_eq!(http(s.api, "POST", "/v1/usage", &[], body).status, 401);
    let r = http(
        s.api,
        "POST",
        "/v1/usage",
        &[("Authorization", &right)],
        body,
    );
    assert_eq!(r.status, 200);
    // Metrics stay open (they are on their own listener).
    assert!(
        sample(
            &s.metrics(),
            "eclexia_http_requests_total",
            &[("code", "401")]
        )
        .is_some()
    );
    assert!(!s.log().contains(TOKEN), "the token was logged");
}

#[test]
fn metrics_after_known_requests() {
    let s = start(
        "metrics",
        Setup {
            config: vec![(
                "resource-budgets.toml",
                "[energy]\nbudget = \"100J\"\n".to_string(),
            )],
            ..Setup::ready()
        },
    );
    assert_eq!(
        s.post(
            "/v1/usage",
            &json!({"energy": "12J", "time": "30ms", "carbon": "2gCO2e"})
        )
        .status,
        200
    );
    assert_eq!(s.post("/v1/usage", &json!({"energy": "3J"})).status, 200);
    assert_eq!(s.post("/v1/usage", &json!({"energy": "3s"})).status, 400);
    assert_eq!(s.get("/nowhere").status, 404);

    let r = http(s.metrics, "GET", "/metrics", &[], b"");
    let text = r.body.clone();
    assert!(
        r.header("content-type").unwrap().contains("text"),
        "{:?}",
        r.headers
    );
    for (name, kind) in [
        ("eclexia_shadow_price", "gauge"),
        ("eclexia_resource_budget", "gauge"),
        ("eclexia_resource_used", "gauge"),
        ("eclexia_energy_joules_total", "counter"),
        ("eclexia_carbon_grams_total", "counter"),
        ("eclexia_time_seconds_total", "counter"),
        ("eclexia_http_requests_total", "counter"),
        ("eclexia_http_request_duration_seconds", "histogram"),
        ("eclexia_carbon_intensity_grams_per_kwh", "gauge"),
        ("eclexia_build_info", "gauge"),
    ] {
        assert!(
            text.contains(&format!("# TYPE {name} {kind}\n")),
            "no {name} {kind} in\n{text}"
        );
        assert!(
            text.contains(&format!("# HELP {name} ")),
            "no help for {name}"
        );
    }
    // Every sample belongs to a family with HELP and TYPE (histograms by their suffixes).
    let m = parse_metrics(&text);
    for smp in &m {
        let family = ["_bucket", "_sum", "_count"]
            .iter()
            .find_map(|suf| {
                let base = smp.name.strip_suffix(suf)?;
                text.contains(&format!("# TYPE {base} histogram\n"))
                    .then_some(base)
            })
            .unwrap_or(&smp.name);
        assert!(
            text.contains(&format!("# TYPE {family} ")),
            "{} has no TYPE",
            smp.name
        );
    }
    promtool_check(&text);
    assert_eq!(sample(&m, "eclexia_energy_joules_total", &[]), Some(15.0));
    assert_eq!(sample(&m, "eclexia_time_seconds_total", &[]), Some(0.03));
    assert_eq!(sample(&m, "eclexia_carbon_grams_total", &[]), Some(2.0));
    assert_eq!(
        sample(&m, "eclexia_resource_used", &[("resource", "energy")]),
        Some(15.0)
    );
    assert_eq!(
        sample(&m, "eclexia_shadow_price", &[("resource", "time")]),
        Some(100.0)
    );
    assert_eq!(
        sample(&m, "eclexia_shadow_price", &[("resource", "memory")]),
        Some(0.001)
    );
    // A family without samples is left out of the exposition: selections come with
    // evaluations, fetch errors with live sources (see the carbon tests).
    assert_eq!(
        sample(&m, "eclexia_resource_budget", &[("resource", "energy")]),
        Some(100.0)
    );
    assert_eq!(
        sample(&m, "eclexia_resource_budget", &[("resource", "time")]),
        None,
        "unlimited"
    );
    assert_eq!(
        sample(&m, "eclexia_shadow_price", &[("resource", "energy")]),
        Some(4f64.powf(0.15))
    );
    let req = |route: &str, code: &str| {
        sample(
            &m,
            "eclexia_http_requests_total",
            &[("route", route), ("code", code)],
        )
    };
    assert_eq!(req("/v1/usage", "200"), Some(2.0));
    assert_eq!(req("/v1/usage", "400"), Some(1.0));
    assert_eq!(req("unmatched", "404"), Some(1.0));
    assert_eq!(
        sample(
            &m,
            "eclexia_http_request_duration_seconds_count",
            &[("route", "/v1/usage")]
        ),
        Some(3.0)
    );
    assert_eq!(
        sample(
            &m,
            "eclexia_http_request_duration_seconds_bucket",
            &[("route", "/v1/usage"), ("le", "+Inf")]
        ),
        Some(3.0)
    );
    assert_eq!(
        sample(
            &m,
            "eclexia_carbon_intensity_grams_per_kwh",
            &[("source", "static")]
        ),
        Some(400.0)
    );
    assert_eq!(
        sample(
            &m,
            "eclexia_build_info",
            &[("version", env!("CARGO_PKG_VERSION"))]
        ),
        Some(1.0)
    );
    // The metrics listener serves nothing else; the API listener has no /metrics.
    assert_eq!(http(s.metrics, "GET", "/v1/prices", &[], b"").status, 404);
    assert_eq!(s.get("/metrics").status, 404);
}

/// Prometheus's own linter, where it is installed (TOOLING.md: `apt-get install
/// --no-install-recommends prometheus`); the parse above runs everywhere.
fn promtool_check(text: &str) {
    let child = Command::new("promtool")
        .args(["check", "metrics"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        eprintln!("skipped: promtool check metrics (promtool is not installed)");
        return;
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(text.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "promtool: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn concurrent_usage_is_all_counted() {
    let s = start("concurrent", Setup::ready());
    let api = s.api;
    let threads: Vec<_> = (0..8)
        .map(|_| {
            std::thread::spawn(move || {
                for i in 0..25 {
                    let r = if i % 5 == 0 {
                        http(api, "GET", "/v1/prices", &[], b"")
                    } else {
                        http(api, "POST", "/v1/usage", &[], br#"{"energy": "1J"}"#)
                    };
                    assert_eq!(r.status, 200, "{}", r.body);
                }
            })
        })
        .collect();
    for t in threads {
        t.join().unwrap();
    }
    let used = s.get("/v1/prices").json()["resources"]["energy"]["used"].clone();
    assert_eq!(used, 8.0 * 20.0);
    let m = s.metrics();
    assert_eq!(sample(&m, "eclexia_energy_joules_total", &[]), Some(160.0));
}

#[test]
fn probes_answer_while_the_pool_is_busy() {
    // Many large compilations at once on a server limited to one job: probes still answer.
    let s = start(
        "busy",
        Setup {
            args: vec!["--max-jobs".into(), "1".into()],
            ..Setup::ready()
        },
    );
    let api = s.api;
    let body = Arc::new(json!({"source": big_program()}).to_string());
    let workers: Vec<_> = (0..4)
        .map(|_| {
            let body = body.clone();
            std::thread::spawn(move || http(api, "POST", "/v1/check", &[], body.as_bytes()).status)
        })
        .collect();
    for _ in 0..5 {
        let start = Instant::now();
        assert_eq!(s.get("/health").status, 200);
        assert!(start.elapsed() < Duration::from_secs(1));
    }
    for w in workers {
        assert_eq!(w.join().unwrap(), 200);
    }
}

/// A program big enough that checking it takes a while (tens of milliseconds).
fn big_program() -> String {
    (0..3000)
        .map(|i| format!("def f{i}(x: Int) -> Int {{ x + {i} }}\n"))
        .collect()
}

#[test]
fn slow_requests_time_out_with_json() {
    let s = start(
        "timeout",
        Setup {
            args: vec!["--request-timeout-ms".into(), "1".into()],
            ..Setup::ready()
        },
    );
    let r = s.post("/v1/check", &json!({"source": big_program()}));
    assert_eq!((r.status, r.error_code().as_str()), (408, "timeout"));
    assert_eq!(s.get("/health").status, 200);
}
