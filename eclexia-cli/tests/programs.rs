//! File-based tests (rustc UI-test style) run against the real `eclexia` binary:
//!
//! - `examples/*.ecl` must pass `eclexia check` with no output;
//! - `tests/check/NAME.ecl` must fail `eclexia check` with exit code 2, and the header and
//!   `-->` lines on stderr must equal `tests/check/NAME.stderr` exactly (the snippet lines
//!   in between are for humans and are not compared).
//!
//! Each file is its own test, so a failure names the program. `BLESS=1` rewrites the
//! expected files from the actual output (read every rewritten file before committing).

use std::path::{Path, PathBuf};
use std::process::Command;

use libtest_mimic::{Arguments, Failed, Trial};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn eclexia() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_eclexia"));
    c.env("NO_COLOR", "1");
    c
}

fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    out.sort();
    out
}

/// The lines of stderr that §12.3 fixes: headers and locations.
fn header_lines(stderr: &str) -> String {
    stderr
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("  --> "))
        .map(|l| format!("{l}\n"))
        .collect()
}

fn check_example(path: &Path) -> Result<(), Failed> {
    let out = eclexia().arg("check").arg(path).output()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() != Some(0) || !stderr.is_empty() {
        return Err(format!("exit {:?}, stderr:\n{stderr}", out.status.code()).into());
    }
    Ok(())
}

fn check_failure(path: &Path) -> Result<(), Failed> {
    let dir = path.parent().expect("file in a folder");
    let name = path.file_name().expect("file name");
    let out = eclexia().current_dir(dir).arg("check").arg(name).output()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    let got = header_lines(&stderr);
    let expected_path = path.with_extension("stderr");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&expected_path, &got)?;
    }
    let want = std::fs::read_to_string(&expected_path)
        .map_err(|e| format!("{}: {e}", expected_path.display()))?;
    if got != want {
        return Err(format!("expected:\n{want}\nfound:\n{got}\nfull stderr:\n{stderr}").into());
    }
    if out.status.code() != Some(2) {
        return Err(format!("exit code {:?}, expected 2", out.status.code()).into());
    }
    if !out.stdout.is_empty() {
        return Err("check wrote to stdout".into());
    }
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let root = root();
    let mut trials = Vec::new();
    for p in files(&root.join("examples"), "ecl") {
        let name = format!(
            "examples::{}",
            p.file_stem().unwrap_or_default().to_string_lossy()
        );
        trials.push(Trial::test(name, move || check_example(&p)));
    }
    for p in files(&root.join("tests/check"), "ecl") {
        let name = format!(
            "check::{}",
            p.file_stem().unwrap_or_default().to_string_lossy()
        );
        trials.push(Trial::test(name, move || check_failure(&p)));
    }
    assert!(trials.len() > 100, "the test folders are missing");
    libtest_mimic::run(&args, trials).exit();
}
