//! The `eclexia` command line: version, usage errors, exit codes, formats.

use std::process::{Command, Output};

fn eclexia(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_eclexia"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn tmp_file(name: &str, contents: &[u8]) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("eclexia-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let p = dir.join(name);
    std::fs::write(&p, contents).expect("write temp file");
    p
}

#[test]
fn version_prints_the_crate_version() {
    let out = eclexia(&["--version"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout.trim(),
        format!("eclexia {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn usage_errors_exit_1() {
    assert_eq!(eclexia(&[]).status.code(), Some(1));
    assert_eq!(eclexia(&["check"]).status.code(), Some(1));
    assert_eq!(eclexia(&["frobnicate"]).status.code(), Some(1));
    assert_eq!(
        eclexia(&["check", "--format", "xml", "x.ecl"])
            .status
            .code(),
        Some(1)
    );
}

#[test]
fn help_exits_0() {
    let out = eclexia(&["check", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("FILE"));
}

#[test]
fn unreadable_file_exits_1() {
    let out = eclexia(&["check", "/nonexistent/definitely/missing.ecl"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("missing.ecl"), "{stderr}");
}

#[test]
fn a_valid_program_exits_0_silently() {
    let p = tmp_file("ok.ecl", b"def main() { println(1kJ + 500J) }\n");
    let out = eclexia(&["check", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty() && out.stderr.is_empty());
}

#[test]
fn first_stderr_line_is_the_first_header_and_the_path_is_as_given() {
    let p = tmp_file(
        "bad.ecl",
        b"def main() {\n  let x = 5J + 3\n  let y = undefined_name\n}\n",
    );
    let path = p.to_str().unwrap();
    let out = eclexia(&["check", path]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut lines = stderr.lines();
    assert_eq!(
        lines.next(),
        Some(
            "error[E0401]: DimensionMismatch: incompatible dimensions for '+': Resource<Energy> and Int"
        )
    );
    assert_eq!(lines.next(), Some(format!("  --> {path}:2:11").as_str()));
    // Both errors are reported, in order, and no snippet line starts with `error[`.
    let headers: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error[")).collect();
    assert_eq!(headers.len(), 2);
    assert!(
        headers[1]
            .starts_with("error[E0201]: UndefinedVariable: undefined variable 'undefined_name'")
    );
    assert!(
        !stderr.contains("\x1b["),
        "no colour when stderr is not a terminal"
    );
}

#[test]
fn invalid_utf8_is_a_diagnostic_not_a_crash() {
    let p = tmp_file("latin1.ecl", b"def main() { println(\"caf\xe9\") }\n");
    let out = eclexia(&["check", p.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with("error[E0103]: ParseError: invalid UTF-8\n"),
        "{stderr}"
    );
    assert!(stderr.contains(":1:26"), "{stderr}");
}

#[test]
fn json_format_is_machine_readable() {
    let bad = tmp_file("bad_json.ecl", b"def main() { let neg = -100J }\n");
    let good = tmp_file("good_json.ecl", b"def main() { }\n");
    let out = eclexia(&[
        "check",
        "--format",
        "json",
        bad.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    let docs: Vec<serde_json::Value> = stderr
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON document per line"))
        .collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0]["ok"], false);
    let d = &docs[0]["diagnostics"][0];
    assert_eq!(d["code"], "E0309");
    assert_eq!(d["kind"], "TypeError");
    assert_eq!(
        d["message"],
        "cannot negate resource value of type Resource<Energy>"
    );
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(1), Some(24))
    );
    assert_eq!(docs[1]["ok"], true);
}

#[test]
fn color_can_be_forced() {
    let p = tmp_file("color.ecl", b"def main() { x }\n");
    let out = Command::new(env!("CARGO_BIN_EXE_eclexia"))
        .args(["check", "--color", "always", p.to_str().unwrap()])
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&out.stderr).contains("\x1b["));
}
