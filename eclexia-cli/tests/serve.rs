//! `eclexia serve` against the real binary on 127.0.0.1 (ARCHITECTURE §9, §13).
//!
//! Every server listens on ports the OS picks (`--listen 127.0.0.1:0`) and prints
//! `eclexia serve: api=ADDR metrics=ADDR` first on standard output; the tests read the
//! ports from that line. Each server gets its own temporary config and data folders and a
//! clean environment, and is stopped with SIGTERM when its handle is dropped (SIGKILL if it
//! does not stop within 10 s), so no server outlives its test.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const TOKEN: &str = "test-token-5d1e";
const EM_KEY: &str = "em-key-serve-test";

// ---------------------------------------------------------------------------------------
// A temporary folder, a server handle and a tiny HTTP client.

struct TempDir(PathBuf);

impl TempDir {
    fn new(tag: &str) -> TempDir {
        static N: AtomicUsize = AtomicUsize::new(0);
        let p = std::env::temp_dir().join(format!(
            "eclexia-serve-{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Server {
    child: Child,
    api: SocketAddr,
    metrics: SocketAddr,
    log: PathBuf,
}

#[derive(Default)]
struct Setup<'a> {
    config: Vec<(&'a str, String)>,
    env: Vec<(&'a str, String)>,
    args: Vec<String>,
    wait_ready: bool,
}

impl Server {
    /// Starts a server with `setup` on `data` (config files written into `cfg`).
    fn start(cfg: &Path, data: &Path, setup: Setup<'_>) -> Server {
        for (name, text) in &setup.config {
            std::fs::write(cfg.join(name), text).unwrap();
        }
        let log = data.join("server.log");
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_eclexia"));
        cmd.arg("serve")
            .args(["--listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0"])
            .arg("--config-dir")
            .arg(cfg)
            .arg("--data-dir")
            .arg(data)
            .args(&setup.args)
            .env_clear()
            .envs(setup.env.iter().map(|(k, v)| (*k, v.as_str())))
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(std::fs::File::create(&log).unwrap());
        let mut child = cmd.spawn().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(Duration::from_secs(10)).unwrap_or_default();
        let addr = |key: &str| -> Option<SocketAddr> {
            line.split_whitespace()
                .find_map(|w| w.strip_prefix(key))
                .and_then(|a| a.parse().ok())
        };
        let (Some(api), Some(metrics)) = (addr("api="), addr("metrics=")) else {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "no start-up line (got {line:?}); log:\n{}",
                std::fs::read_to_string(&log).unwrap_or_default()
            );
        };
        let server = Server {
            child,
            api,
            metrics,
            log,
        };
        if setup.wait_ready {
            server.wait_until(|s| s.get("/ready").status == 200, "ready");
        }
        server
    }

    fn wait_until(&self, mut ok: impl FnMut(&Server) -> bool, what: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !ok(self) {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn get(&self, path: &str) -> Resp {
        http(self.api, "GET", path, &[], b"")
    }

    fn post(&self, path: &str, body: &Value) -> Resp {
        http(self.api, "POST", path, &[], body.to_string().as_bytes())
    }

    fn metrics(&self) -> Vec<Sample> {
        let r = http(self.metrics, "GET", "/metrics", &[], b"");
        assert_eq!(r.status, 200);
        parse_metrics(&r.body)
    }

    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Sends SIGTERM and waits (10 s at most) for the exit status.
    fn terminate(&mut self) -> (ExitStatus, Duration) {
        let start = Instant::now();
        signal(&self.child, "TERM");
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return (status, start.elapsed());
            }
            if start.elapsed() > Duration::from_secs(10) {
                signal(&self.child, "KILL");
                panic!("the server did not stop within 10 s of SIGTERM");
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

fn signal(child: &Child, sig: &str) {
    let _ = Command::new("kill")
        .arg(format!("-{sig}"))
        .arg(child.id().to_string())
        .status();
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            signal(&self.child, "TERM");
            let deadline = Instant::now() + Duration::from_secs(10);
            while let Ok(None) = self.child.try_wait() {
                if Instant::now() > deadline {
                    let _ = self.child.kill();
                    break;
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            let _ = self.child.wait();
        }
    }
}

#[derive(Debug)]
struct Resp {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Resp {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.body))
    }
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    /// Asserts the error shape and returns its code.
    fn error_code(&self) -> String {
        let v = self.json();
        let e = &v["error"];
        assert!(e["kind"].is_string() && e["message"].is_string(), "{v}");
        e["code"].as_str().unwrap().to_string()
    }
}

/// One HTTP/1.1 request on a fresh connection.
fn http(addr: SocketAddr, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Resp {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\nContent-Length: {}\r\n",
        body.len()
    );
    if !body.is_empty() {
        head.push_str("Content-Type: application/json\r\n");
    }
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    // A server may answer (413) before reading the whole body: ignore write errors.
    let _ = s.write_all(head.as_bytes());
    let _ = s.write_all(body);
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).to_string();
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("bad answer {text:?}"));
    let mut lines = head.lines();
    let status = lines
        .next()
        .unwrap()
        .split(' ')
        .nth(1)
        .unwrap()
        .parse()
        .unwrap();
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    Resp {
        status,
        headers,
        body: body.to_string(),
    }
}

// ---------------------------------------------------------------------------------------
// Prometheus text parsing (the subset the exposition uses).

#[derive(Debug)]
struct Sample {
    name: String,
    labels: BTreeMap<String, String>,
    value: f64,
}

fn parse_metrics(text: &str) -> Vec<Sample> {
    let mut out = Vec::new();
    for line in text.lines() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (series, value) = line.rsplit_once(' ').expect("sample line");
        let value = match value {
            "+Inf" => f64::INFINITY,
            v => v
                .parse()
                .unwrap_or_else(|_| panic!("bad value in {line:?}")),
        };
        let (name, labels) = match series.split_once('{') {
            None => (series.to_string(), BTreeMap::new()),
            Some((name, rest)) => {
                let body = rest.strip_suffix('}').expect("closing brace");
                let labels = body
                    .split(',')
                    .filter(|p| !p.is_empty())
                    .map(|p| {
                        let (k, v) = p.split_once('=').expect("label pair");
                        (k.to_string(), v.trim_matches('"').to_string())
                    })
                    .collect();
                (name.to_string(), labels)
            }
        };
        assert!(
            name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
            "bad metric name {name:?}"
        );
        out.push(Sample {
            name,
            labels,
            value,
        });
    }
    out
}

fn sample(samples: &[Sample], name: &str, labels: &[(&str, &str)]) -> Option<f64> {
    samples
        .iter()
        .find(|s| {
            s.name == name
                && labels
                    .iter()
                    .all(|(k, v)| s.labels.get(*k).map(String::as_str) == Some(*v))
        })
        .map(|s| s.value)
}

// ---------------------------------------------------------------------------------------

fn plain(tag: &str) -> (TempDir, TempDir, Server) {
    let cfg = TempDir::new(&format!("{tag}-cfg"));
    let data = TempDir::new(&format!("{tag}-data"));
    let server = Server::start(
        cfg.path(),
        data.path(),
        Setup {
            wait_ready: true,
            ..Setup::default()
        },
    );
    (cfg, data, server)
}

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
    let (_c, _d, s) = plain("probes");
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
    let cfg = TempDir::new("usage-cfg");
    let data = TempDir::new("usage-data");
    let s = Server::start(
        cfg.path(),
        data.path(),
        Setup {
            config: vec![(
                "resource-budgets.toml",
                "[energy]\nbudget = \"200J\"\n".to_string(),
            )],
            wait_ready: true,
            ..Setup::default()
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

const EXAMPLE_97: &str = r#"{
  "budgets":   {"energy": "100J", "time": "1s"},
  "usage":     {"energy": "80J"},
  "caps":      {"energy": "50J"},
  "objective": [["minimize", "time"]],
  "candidates": [
    {"name": "a", "provides": {"energy": "30J", "time": "1ms"}},
    {"name": "b", "provides": {"energy": "8J",  "time": "40ms"}, "eligible": true}
  ],
  "price_book": {"energy": {"base": 1.0, "multiplier": 4.0}},
  "carbon_intensity": 400.0
}"#;

#[test]
fn price_answers_the_spec_example_and_uses_the_market() {
    let cfg = TempDir::new("price-cfg");
    let data = TempDir::new("price-data");
    let s = Server::start(
        cfg.path(),
        data.path(),
        Setup {
            config: vec![(
                "resource-budgets.toml",
                "[energy]\nbudget = \"100J\"\n".to_string(),
            )],
            wait_ready: true,
            ..Setup::default()
        },
    );
    // LANGUAGE §9.7's request, answered exactly as the spec's response.
    let r = http(s.api, "POST", "/v1/price", &[], EXAMPLE_97.as_bytes());
    assert_eq!(r.status, 200, "{}", r.body);
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

    for (body, field) in [
        ("{}", "candidates"),
        (
            r#"{"candidates": [{"name": "a", "provides": {"energy": "10s"}}]}"#,
            "candidates[0].provides.energy",
        ),
        (
            r#"{"candidates": [], "budgets": {"energy": "x"}}"#,
            "budgets.energy",
        ),
        ("not json", "malformed JSON"),
    ] {
        let r = http(s.api, "POST", "/v1/price", &[], body.as_bytes());
        assert_eq!(r.status, 400, "{body}: {}", r.body);
        r.error_code();
        let msg = r.json()["error"]["message"].as_str().unwrap().to_string();
        assert!(msg.starts_with(field), "{body}: {msg}");
    }
}

#[test]
fn check_evaluate_and_http_errors() {
    let (_c, _d, s) = plain("check");
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

    // The evaluator is not there yet: the route exists and says so.
    let r = s.post(
        "/v1/evaluate",
        &json!({"source": "def main() { 1 }", "entry": "main"}),
    );
    assert_eq!(
        (r.status, r.error_code().as_str()),
        (501, "not_implemented")
    );
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
    let cfg = TempDir::new("limit-cfg");
    let data = TempDir::new("limit-data");
    let s = Server::start(
        cfg.path(),
        data.path(),
        Setup {
            args: vec!["--body-limit".into(), "2000".into()],
            wait_ready: true,
            ..Setup::default()
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
    let (_c, _d, s) = plain("limit1m");
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
    let cfg = TempDir::new("token-cfg");
    let data = TempDir::new("token-data");
    let s = Server::start(
        cfg.path(),
        data.path(),
        Setup {
            env: vec![("ECLEXIA_API_TOKEN", TOKEN.to_string())],
            wait_ready: true,
            ..Setup::default()
        },
    );
    assert_eq!(s.get("/health").status, 200);
    assert_eq!(s.get("/ready").status, 200);
    let r = s.get("/v1/prices");
    assert_eq!((r.status, r.error_code().as_str()), (401, "unauthorized"));
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
    let cfg = TempDir::new("metrics-cfg");
    let data = TempDir::new("metrics-data");
    let s = Server::start(
        cfg.path(),
        data.path(),
        Setup {
            config: vec![(
                "resource-budgets.toml",
                "[energy]\nbudget = \"100J\"\n".to_string(),
            )],
            wait_ready: true,
            ..Setup::default()
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
    let (_c, _d, s) = plain("concurrent");
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
fn sigterm_flushes_and_a_restart_restores() {
    let cfg = TempDir::new("restart-cfg");
    let data = TempDir::new("restart-data");
    let setup = || Setup {
        // Only the shutdown flush writes: no timer flush, no flush after N records.
        args: vec![
            "--flush-interval".into(),
            "3600".into(),
            "--flush-every".into(),
            "0".into(),
        ],
        env: vec![("ECLEXIA_LOG_FORMAT", "json".to_string())],
        wait_ready: true,
        ..Setup::default()
    };
    let mut s = Server::start(cfg.path(), data.path(), setup());
    assert_eq!(
        s.post("/v1/usage", &json!({"energy": "42J", "network": "1KB"}))
            .status,
        200
    );
    let state = data.path().join("shadow-prices").join("market.json");
    assert!(!state.exists(), "nothing flushed before shutdown");
    let (status, took) = s.terminate();
    assert!(status.success(), "exit {status:?}; log:\n{}", s.log());
    assert!(took < Duration::from_secs(10), "{took:?}");
    assert!(state.exists(), "state flushed on SIGTERM");
    // Structured logs: every line is a JSON object; one per request.
    let log = s.log();
    let lines: Vec<Value> = log
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not JSON: {l}")))
        .collect();
    let requests: Vec<_> = lines.iter().filter(|l| l["message"] == "request").collect();
    assert!(
        requests
            .iter()
            .any(|l| l["route"] == "/v1/usage" && l["status"] == 200),
        "{log}"
    );

    let s2 = Server::start(cfg.path(), data.path(), setup());
    let v = s2.get("/v1/prices").json();
    assert_eq!(v["resources"]["energy"]["used"], 42.0);
    assert_eq!(v["resources"]["network"]["used"], 1000.0);
}

#[test]
fn flushes_after_every_n_records() {
    let cfg = TempDir::new("flushn-cfg");
    let data = TempDir::new("flushn-data");
    let s = Server::start(
        cfg.path(),
        data.path(),
        Setup {
            args: vec![
                "--flush-every".into(),
                "3".into(),
                "--flush-interval".into(),
                "3600".into(),
            ],
            wait_ready: true,
            ..Setup::default()
        },
    );
    let state = data.path().join("shadow-prices").join("market.json");
    for _ in 0..2 {
        assert_eq!(s.post("/v1/usage", &json!({"energy": "1J"})).status, 200);
    }
    std::thread::sleep(Duration::from_millis(200));
    assert!(!state.exists());
    assert_eq!(s.post("/v1/usage", &json!({"energy": "1J"})).status, 200);
    s.wait_until(|_| state.exists(), "the flush after 3 records");
}

#[test]
fn sigint_also_stops_cleanly_and_the_timer_flushes() {
    let cfg = TempDir::new("sigint-cfg");
    let data = TempDir::new("sigint-data");
    let mut s = Server::start(
        cfg.path(),
        data.path(),
        Setup {
            args: vec!["--flush-interval".into(), "0.2".into()],
            wait_ready: true,
            ..Setup::default()
        },
    );
    let state = data.path().join("shadow-prices").join("market.json");
    s.wait_until(|_| state.exists(), "the timer flush");
    signal(&s.child, "INT");
    let deadline = Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(st) = s.child.try_wait().unwrap() {
            break st;
        }
        assert!(Instant::now() < deadline, "no exit after SIGINT");
        std::thread::sleep(Duration::from_millis(10));
    };
    assert!(status.success());
}

#[test]
fn corrupt_state_is_moved_aside() {
    let cfg = TempDir::new("corrupt-cfg");
    let data = TempDir::new("corrupt-data");
    let dir = data.path().join("shadow-prices");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("market.json"),
        b"eclexia-shadow-prices v1 crc32=0 len=3\n{}}",
    )
    .unwrap();
    let s = Server::start(
        cfg.path(),
        data.path(),
        Setup {
            wait_ready: true,
            ..Setup::default()
        },
    );
    assert_eq!(
        s.get("/v1/prices").json()["resources"]["energy"]["used"],
        0.0
    );
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert!(
        names.iter().any(|n| n.starts_with("market.json.corrupt-")),
        "{names:?}"
    );
    assert!(s.log().contains("corrupt"), "{}", s.log());
}

#[test]
fn config_errors_stop_start_up() {
    let cfg = TempDir::new("badcfg-cfg");
    let data = TempDir::new("badcfg-data");
    std::fs::write(
        cfg.path().join("resource-budgets.toml"),
        "[energy]\nbudget = \"10s\"\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_eclexia"))
        .args([
            "serve",
            "--listen",
            "127.0.0.1:0",
            "--metrics-listen",
            "127.0.0.1:0",
        ])
        .arg("--config-dir")
        .arg(cfg.path())
        .arg("--data-dir")
        .arg(data.path())
        .env_clear()
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("resource-budgets.toml"), "{err}");
    assert!(out.stdout.is_empty(), "must not start listening");

    let out = Command::new(env!("CARGO_BIN_EXE_eclexia"))
        .args(["serve", "--listen", "not-an-address"])
        .env_clear()
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

// ---------------------------------------------------------------------------------------
// Carbon refresh against a local stand-in for the carbon APIs.

/// A stand-in HTTP server answering every request through `answer(request_head)` until
/// dropped (and at most 60 s).
struct Stub {
    url: String,
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Stub {
    fn start(answer: impl Fn(&str) -> (u16, String) + Send + 'static) -> Stub {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let handle = std::thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(60);
            while !flag.load(Ordering::Relaxed) && Instant::now() < deadline {
                let Ok((mut conn, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(5));
                    continue;
                };
                let _ = conn.set_nonblocking(false);
                let _ = conn.set_read_timeout(Some(Duration::from_secs(2)));
                let mut head = Vec::new();
                let mut buf = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match conn.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let (status, body) = answer(&String::from_utf8_lossy(&head));
                let _ = write!(
                    conn,
                    "HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                    body.len()
                );
            }
        });
        Stub {
            url,
            stop,
            handle: Some(handle),
        }
    }
}

impl Drop for Stub {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn em_body(intensity: f64) -> String {
    format!(
        r#"{{"zone": "DE", "carbonIntensity": {intensity}, "datetime": "2024-03-06T19:00:00.000Z",
            "updatedAt": "2024-03-06T18:48:27.926Z", "emissionFactorType": "lifecycle",
            "isEstimated": true, "estimationMethod": "TIME_SLICER_AVERAGE"}}"#
    )
}

const WT_FORECAST: &str = r#"{"data": [{"point_time": "2024-06-18T18:40:00+00:00", "value": 1000.0}],
  "meta": {"region": "CAISO_NORTH", "signal_type": "co2_moer", "units": "lbs_co2_per_mwh"}}"#;

#[test]
fn carbon_refreshes_from_the_configured_source() {
    let healthy = Arc::new(AtomicBool::new(true));
    let flag = healthy.clone();
    let em = Stub::start(move |head| {
        assert!(head.contains(&format!("auth-token: {EM_KEY}")), "{head}");
        if flag.load(Ordering::Relaxed) {
            (200, em_body(123.5))
        } else {
            (500, r#"{"error": "internal"}"#.to_string())
        }
    });
    let cfg = TempDir::new("carbon-cfg");
    let data = TempDir::new("carbon-data");
    let config = format!(
        "[sources]\nprimary = \"electricitymaps\"\nmax_age = \"1s\"\n\n\
         [electricitymaps]\napi_url = \"{}\"\nzone = \"DE\"\nrefresh_interval = \"0.2s\"\ntimeout = \"2s\"\n",
        em.url
    );
    let s = Server::start(
        cfg.path(),
        data.path(),
        Setup {
            config: vec![("carbon-config.toml", config)],
            env: vec![("ELECTRICITYMAPS_API_KEY", EM_KEY.to_string())],
            wait_ready: true,
            ..Setup::default()
        },
    );
    let live = |s: &Server| s.get("/v1/prices").json()["carbon_intensity"]["source"] != "static";
    s.wait_until(live, "the first carbon refresh");
    let c = s.get("/v1/prices").json()["carbon_intensity"].clone();
    assert_eq!(c["value"], 123.5);
    assert_eq!(c["source"], "electricitymaps");
    assert_eq!(c["zone"], "DE");
    assert_eq!(c["estimated"], true);
    let m = s.metrics();
    assert_eq!(
        sample(
            &m,
            "eclexia_carbon_intensity_grams_per_kwh",
            &[("source", "electricitymaps")]
        ),
        Some(123.5)
    );
    // The market prices with the live value.
    let q = s.post(
        "/v1/price",
        &json!({"candidates": [{"name": "a", "provides": {"energy": "3600000J"}}]}),
    );
    let cost = q.json()["candidates"][0]["cost"].as_f64().unwrap();
    assert!((cost - (3_600_000.0 + 50.0 * 123.5)).abs() < 1e-6, "{cost}");

    // The source fails: errors are counted, the last good value is kept, and once it is
    // older than max_age (no fallback configured) the service is no longer ready.
    healthy.store(false, Ordering::Relaxed);
    s.wait_until(
        |s| {
            let m = s.metrics();
            sample(
                &m,
                "eclexia_carbon_fetch_errors_total",
                &[("source", "electricitymaps")],
            )
            .is_some_and(|n| n >= 1.0)
        },
        "a counted fetch error",
    );
    s.wait_until(|s| s.get("/ready").status == 503, "stale carbon readiness");
    let r = s.get("/ready").json();
    assert!(r["reason"].as_str().unwrap().contains("carbon"), "{r}");
    assert_eq!(
        s.get("/v1/prices").json()["carbon_intensity"]["value"],
        123.5
    );
    assert_eq!(s.get("/health").status, 200);
    let log = s.log();
    assert!(log.contains("carbon intensity fetch failed"), "{log}");
    assert!(!log.contains(EM_KEY), "the API key was logged");

    // The source recovers: ready again.
    healthy.store(true, Ordering::Relaxed);
    s.wait_until(|s| s.get("/ready").status == 200, "ready after recovery");
}

#[test]
fn carbon_falls_back_to_the_second_source() {
    let em = Stub::start(|_| (503, "upstream unavailable".to_string()));
    let wt = Stub::start(|head| {
        if head.starts_with("GET /login") {
            (200, r#"{"token": "tok-serve"}"#.to_string())
        } else {
            assert!(head.contains("Bearer tok-serve"), "{head}");
            (200, WT_FORECAST.to_string())
        }
    });
    let cfg = TempDir::new("fallback-cfg");
    let data = TempDir::new("fallback-data");
    let config = format!(
        "[sources]\nprimary = \"electricitymaps\"\nfallback = \"watttime\"\nmax_age = \"1s\"\n\n\
         [electricitymaps]\napi_url = \"{}\"\nzone = \"DE\"\nrefresh_interval = \"0.2s\"\n\n\
         [watttime]\napi_url = \"{}\"\nregion = \"CAISO_NORTH\"\nrefresh_interval = \"0.2s\"\n",
        em.url, wt.url
    );
    let s = Server::start(
        cfg.path(),
        data.path(),
        Setup {
            config: vec![("carbon-config.toml", config)],
            env: vec![
                ("ELECTRICITYMAPS_API_KEY", EM_KEY.to_string()),
                ("WATTTIME_USERNAME", "wt-user".to_string()),
                ("WATTTIME_PASSWORD", "wt-pass-secret".to_string()),
            ],
            wait_ready: true,
            ..Setup::default()
        },
    );
    let live = |s: &Server| s.get("/v1/prices").json()["carbon_intensity"]["source"] != "static";
    s.wait_until(live, "the first carbon refresh");
    let c = s.get("/v1/prices").json()["carbon_intensity"].clone();
    assert_eq!(c["source"], "watttime");
    assert!((c["value"].as_f64().unwrap() - 453.6).abs() < 1e-9, "{c}");
    // Still ready long after max_age: the fallback keeps answering.
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(s.get("/ready").status, 200, "{}", s.get("/ready").body);
    let m = s.metrics();
    assert!(
        sample(
            &m,
            "eclexia_carbon_fetch_errors_total",
            &[("source", "electricitymaps")]
        )
        .is_some_and(|n| n >= 2.0)
    );
    assert_eq!(
        sample(
            &m,
            "eclexia_carbon_fetch_errors_total",
            &[("source", "watttime")]
        ),
        None
    );
    let log = s.log();
    assert!(!log.contains("wt-pass-secret") && !log.contains(EM_KEY) && !log.contains("tok-serve"));
}

#[test]
fn probes_answer_while_the_pool_is_busy() {
    // Many large compilations at once on a server limited to one job: probes still answer.
    let cfg = TempDir::new("busy-cfg");
    let data = TempDir::new("busy-data");
    let s = Server::start(
        cfg.path(),
        data.path(),
        Setup {
            args: vec!["--max-jobs".into(), "1".into()],
            wait_ready: true,
            ..Setup::default()
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
    let cfg = TempDir::new("timeout-cfg");
    let data = TempDir::new("timeout-data");
    let s = Server::start(
        cfg.path(),
        data.path(),
        Setup {
            args: vec!["--request-timeout-ms".into(), "1".into()],
            wait_ready: true,
            ..Setup::default()
        },
    );
    let r = s.post("/v1/check", &json!({"source": big_program()}));
    assert_eq!((r.status, r.error_code().as_str()), (408, "timeout"));
    assert_eq!(s.get("/health").status, 200);
}

#[test]
fn sigterm_lets_in_flight_requests_finish() {
    let cfg = TempDir::new("inflight-cfg");
    let data = TempDir::new("inflight-data");
    let mut s = Server::start(
        cfg.path(),
        data.path(),
        Setup {
            wait_ready: true,
            ..Setup::default()
        },
    );
    // A request whose head has arrived but whose body is still on its way when SIGTERM
    // comes: the server must wait for it, answer it, and only then exit.
    let body = br#"{"energy": "7J"}"#;
    let mut conn = TcpStream::connect(s.api).unwrap();
    conn.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        conn,
        "POST /v1/usage HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    conn.write_all(&body[..5]).unwrap();
    std::thread::sleep(Duration::from_millis(200));
    signal(&s.child, "TERM");
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        s.child.try_wait().unwrap().is_none(),
        "exited with a request in flight"
    );
    // New connections are refused while the in-flight one is served.
    assert!(
        TcpStream::connect(s.api).is_err(),
        "still accepting after SIGTERM"
    );
    conn.write_all(&body[5..]).unwrap();
    let mut answer = Vec::new();
    let _ = conn.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let (status, _) = s.terminate();
    assert!(status.success());
    // The usage of the in-flight request is in the flushed state.
    let s2 = Server::start(
        cfg.path(),
        data.path(),
        Setup {
            wait_ready: true,
            ..Setup::default()
        },
    );
    assert_eq!(
        s2.get("/v1/prices").json()["resources"]["energy"]["used"],
        7.0
    );
}

#[test]
fn a_hanging_carbon_api_holds_neither_start_up_nor_shutdown() {
    // The stand-in takes 5 s to answer; the client waits up to 5 s.
    let em = Stub::start(|_| {
        std::thread::sleep(Duration::from_secs(5));
        (200, em_body(99.0))
    });
    let cfg = TempDir::new("hang-cfg");
    let data = TempDir::new("hang-data");
    let config = format!(
        "[sources]\nprimary = \"electricitymaps\"\n\n\
         [electricitymaps]\napi_url = \"{}\"\nzone = \"DE\"\nrefresh_interval = \"1s\"\ntimeout = \"5s\"\n",
        em.url
    );
    let start = Instant::now();
    let mut s = Server::start(
        cfg.path(),
        data.path(),
        Setup {
            config: vec![("carbon-config.toml", config)],
            env: vec![("ELECTRICITYMAPS_API_KEY", EM_KEY.to_string())],
            wait_ready: true,
            ..Setup::default()
        },
    );
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "{:?}",
        start.elapsed()
    );
    std::thread::sleep(Duration::from_millis(300)); // the first fetch is in flight
    let (status, took) = s.terminate();
    assert!(status.success(), "{status:?}\n{}", s.log());
    assert!(took < Duration::from_secs(3), "{took:?}");
    assert!(data.path().join("shadow-prices/market.json").exists());
    assert!(!s.log().contains("panicked"), "{}", s.log());
}
