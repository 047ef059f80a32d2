//! File-based tests (rustc UI-test style) run against the real `eclexia` binary:
//!
//! - `examples/*.ecl` must pass `eclexia check` with no output, and `eclexia run` must
//!   print exactly `NAME.stdout` and exit 0;
//! - `tests/run/NAME.ecl` runs with the options of its `// args:` line and must produce
//!   `NAME.stdout` exactly and, when `NAME.stderr` exists, that header and location
//!   with the exit code of its kind (format in `tests/run/README.md`);
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

fn run_example(path: &Path) -> Result<(), Failed> {
    let dir = path.parent().expect("file in a folder");
    let name = path.file_name().expect("file name");
    let out = eclexia().current_dir(dir).arg("run").arg(name).output()?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let expected_path = path.with_extension("stdout");
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&expected_path, &*stdout)?;
    }
    let want = std::fs::read_to_string(&expected_path)
        .map_err(|e| format!("{}: {e}", expected_path.display()))?;
    if stdout != want || out.status.code() != Some(0) || !stderr.is_empty() {
        return Err(format!(
            "exit {:?}\nexpected stdout:\n{want}\nfound:\n{stdout}\nstderr:\n{stderr}",
            out.status.code()
        )
        .into());
    }
    Ok(())
}

/// The exit code §12.4 gives a run-time error code (`E05xx` 3, `E06xx` 4, `E07xx` 5).
fn exit_for(code: &str) -> i32 {
    match code.get(0..3) {
        Some("E05") => 3,
        Some("E06") => 4,
        Some("E07") => 5,
        _ => 2,
    }
}

fn run_case(path: &Path) -> Result<(), Failed> {
    let dir = path.parent().expect("file in a folder");
    let name = path.file_name().expect("file name");
    let source = std::fs::read_to_string(path)?;
    let mut cmd = eclexia();
    cmd.current_dir(dir).arg("run").arg(name);
    if let Some(args) = source
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("// args:"))
    {
        cmd.args(args.split_whitespace());
    }
    let out = cmd.output()?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut problems = Vec::new();
    let want_out = std::fs::read_to_string(path.with_extension("stdout")).unwrap_or_default();
    if stdout != want_out {
        problems.push(format!("stdout: expected\n{want_out}found\n{stdout}"));
    }
    let stderr_path = path.with_extension("stderr");
    match std::fs::read_to_string(&stderr_path) {
        Ok(want) => {
            let mut lines = want.lines();
            let want_header = lines.next().unwrap_or("");
            let want_loc = lines.next();
            let mut got = stderr.lines().skip_while(|l| !l.starts_with("error["));
            let got_header = got.next().unwrap_or("");
            let got_loc = got.next();
            let msg_any = path.with_extension("msg-any").exists();
            let header_ok = if msg_any {
                got_header.starts_with(want_header)
            } else {
                got_header == want_header
            };
            if !header_ok {
                problems.push(format!(
                    "header: expected `{want_header}`, found `{got_header}`"
                ));
            }
            if !path.with_extension("loc-any").exists() && got_loc != want_loc {
                problems.push(format!(
                    "location: expected `{want_loc:?}`, found `{got_loc:?}`"
                ));
            }
            let code = want_header
                .strip_prefix("error[")
                .and_then(|r| r.get(0..5))
                .unwrap_or("");
            let want_exit = exit_for(code);
            if out.status.code() != Some(want_exit) {
                problems.push(format!(
                    "exit code {:?}, expected {want_exit}",
                    out.status.code()
                ));
            }
        }
        Err(_) => {
            if out.status.code() != Some(0) || !stderr.is_empty() {
                problems.push(format!(
                    "exit code {:?}, expected 0; stderr:\n{stderr}",
                    out.status.code()
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!("{}\nfull stderr:\n{stderr}", problems.join("\n")).into())
    }
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
        let q = p.clone();
        trials.push(Trial::test(name.clone(), move || check_example(&p)));
        trials.push(Trial::test(format!("{name}::run"), move || run_example(&q)));
    }
    for p in files(&root.join("tests/run"), "ecl") {
        let name = format!(
            "run::{}",
            p.file_stem().unwrap_or_default().to_string_lossy()
        );
        trials.push(Trial::test(name, move || run_case(&p)));
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
