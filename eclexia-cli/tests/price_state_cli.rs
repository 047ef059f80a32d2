//! `eclexia price` and `eclexia state` against the built binary (LANGUAGE §14,
//! ARCHITECTURE §8, §12).

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_eclexia");

/// LANGUAGE §9.7's request, shared by the tests that quote it.
const REQUEST: &str = include_str!("../../tests/fixtures/price-request-9.7.json");

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn temp(tag: &str) -> PathBuf {
    let p = std::env::temp_dir().join(format!("eclexia-cli-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).unwrap();
    p
}

#[test]
fn price_from_stdin_prints_the_section_9_7_response() {
    for args in [&["price"][..], &["price", "-"][..]] {
        let out = run(args, REQUEST);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(v["chosen"], "b");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("3.2087058602935237"), "{text}");
        assert!(text.contains("0.17727272727272728"), "{text}");
        assert!(out.stderr.is_empty());
    }
}

#[test]
fn price_from_a_file_compact() {
    let dir = temp("price-file");
    let f = dir.join("req.json");
    std::fs::write(&f, REQUEST).unwrap();
    let out = run(&["price", "--compact", f.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(r#"{"prices":{"energy":3.2087058602935237,"time":100.0,"#),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn nothing_feasible_exits_4_with_the_response_on_stdout() {
    let out = run(
        &["price"],
        r#"{"budgets": {"energy": "1J"}, "candidates": [{"name": "x", "provides": {"energy": "5J"}}]}"#,
    );
    assert_eq!(out.status.code(), Some(4));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(v["chosen"].is_null());
    assert_eq!(v["candidates"][0]["rejected"], "budget: energy");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("error[E0603]: NoFeasibleSolution: "),
        "{err}"
    );
}

#[test]
fn malformed_input_exits_1_and_says_where() {
    let out = run(
        &["price"],
        "{\"candidates\": [\n  {\"name\": \"a\" \"provides\": {}}\n]}",
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("eclexia: <stdin>: malformed JSON at line 2 column 16: "),
        "{err}"
    );
    assert!(out.stdout.is_empty());

    let out = run(
        &["price"],
        r#"{"candidates": [{"name": "a", "provides": {"energy": "10s"}}]}"#,
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim_end(),
        r#"eclexia: <stdin>: candidates[0].provides.energy: expected an energy amount such as "100J", found "10s""#
    );

    let out = run(&["price", "/nonexistent/request.json"], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .starts_with("eclexia: cannot read '/nonexistent/request.json'")
    );

    let out = run(&["price", "a", "b"], "");
    assert_eq!(out.status.code(), Some(1), "usage errors exit 1");
}

#[test]
fn state_export_then_import_restores_the_backup() {
    let a = temp("state-a");
    let b = temp("state-b");
    // No state yet: export fails with exit 1 and a message.
    let out = run(&["state", "export", a.to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no saved price state"));

    // Save a market through the library, export it, import it elsewhere.
    use eclexia_core::price::{Market, MarketSettings, Resource};
    use eclexia_core::state::StateStore;
    let m = Market::new(MarketSettings::default());
    m.record(Resource::Energy, 42.0).unwrap();
    StateStore::new(&a).save(&m.snapshot()).unwrap();
    let out = run(&["state", "export", a.to_str().unwrap()], "");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let backup = String::from_utf8(out.stdout).unwrap();
    assert!(backup.contains("\"format\": \"eclexia-state\""));

    let out = run(&["state", "import", b.to_str().unwrap()], &backup);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let restored = StateStore::new(&b).load().unwrap().snapshot.unwrap();
    assert_eq!(restored.used.energy, 42.0);

    // A damaged backup is refused and the saved state is untouched.
    let out = run(
        &["state", "import", b.to_str().unwrap()],
        &backup[..backup.len() / 2],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).starts_with("eclexia: import: "));
    assert_eq!(
        StateStore::new(&b)
            .load()
            .unwrap()
            .snapshot
            .unwrap()
            .used
            .energy,
        42.0
    );

    let out = run(&["state"], "");
    assert_eq!(
        out.status.code(),
        Some(1),
        "missing subcommand is a usage error"
    );
    std::fs::remove_dir_all(a).unwrap();
    std::fs::remove_dir_all(b).unwrap();
}
