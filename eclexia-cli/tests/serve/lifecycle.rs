//! Start-up, signals, state flushing and restore.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::support::*;

#[test]
fn sigterm_flushes_and_a_restart_restores() {
    let setup = || Setup {
        // Only the shutdown flush writes: no timer flush, no flush after N records.
        args: vec![
            "--flush-interval".into(),
            "3600".into(),
            "--flush-every".into(),
            "0".into(),
        ],
        env: vec![("ECLEXIA_LOG_FORMAT", "json".to_string())],
        ..Setup::ready()
    };
    let mut s = start("restart", setup());
    assert_eq!(
        s.post("/v1/usage", &json!({"energy": "42J", "network": "1KB"}))
            .status,
        200
    );
    let state = s.data.path().join("shadow-prices").join("market.json");
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

    let s2 = Server::start(s.cfg.path(), s.data.path(), setup());
    let v = s2.get("/v1/prices").json();
    assert_eq!(v["resources"]["energy"]["used"], 42.0);
    assert_eq!(v["resources"]["network"]["used"], 1000.0);
}

#[test]
fn flushes_after_every_n_records() {
    let s = start(
        "flushn",
        Setup {
            args: vec![
                "--flush-every".into(),
                "3".into(),
                "--flush-interval".into(),
                "3600".into(),
            ],
            ..Setup::ready()
        },
    );
    let state = s.data.path().join("shadow-prices").join("market.json");
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
    let mut s = start(
        "sigint",
        Setup {
            args: vec!["--flush-interval".into(), "0.2".into()],
            ..Setup::ready()
        },
    );
    let state = s.data.path().join("shadow-prices").join("market.json");
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
    let s = start_in(cfg, data, Setup::ready());
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

#[test]
fn sigterm_during_start_up_still_stops_cleanly() {
    // SIGTERM right after the start-up line, while the state is still being restored:
    // the signal must be handled (exit 0, state flushed), not kill the process with the
    // default action.
    let mut s = start("early-term", Setup::default());
    let (status, _) = s.terminate();
    assert!(status.success(), "exit {status:?}; log:\n{}", s.log());
    assert!(
        s.data
            .path()
            .join("shadow-prices")
            .join("market.json")
            .exists(),
        "state flushed on SIGTERM; log:\n{}",
        s.log()
    );
}

#[test]
fn sigterm_lets_in_flight_requests_finish() {
    let mut s = start("inflight", Setup::ready());
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
    let s2 = Server::start(s.cfg.path(), s.data.path(), Setup::ready());
    assert_eq!(
        s2.get("/v1/prices").json()["resources"]["energy"]["used"],
        7.0
    );
}
