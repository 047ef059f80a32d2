//! `eclexia run FILE`: check, then evaluate `main` (or `--entry`) with the options of
//! LANGUAGE §14. Program output goes to stdout as it is produced; diagnostics to stderr;
//! exit codes per §12.4. `run` grants the `fs` and `clock` capabilities (§11.8).
//!
//! A closed stdout (`eclexia run x.ecl | head -1`) ends the evaluation at the next
//! output and the command exits 0 without a message, as a pipeline expects.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::Args;
use eclexia_core::units::{Dim, Quantity, Resource};
use eclexia_core::{CompileOptions, Engine, OutputSink, compile_bytes};

use crate::output::{self, Color, Format};

/// Arguments of `eclexia run`.
#[derive(Args, Debug)]
pub struct RunArgs {
    /// The program to run.
    #[arg(value_name = "FILE")]
    file: String,
    /// The function to call instead of `main` (it must take no parameters).
    #[arg(long, value_name = "NAME")]
    entry: Option<String>,
    /// Fuel units: one per call and loop iteration (0 = unlimited).
    #[arg(long, value_name = "N", default_value_t = 10_000_000)]
    fuel: u64,
    /// Maximum number of active calls, `main` included (0 = unlimited).
    #[arg(long, value_name = "N", default_value_t = 1000)]
    max_call_depth: u64,
    /// Limit of the live-heap estimate in bytes (0 = unlimited).
    #[arg(long, value_name = "BYTES", default_value_t = 536_870_912)]
    max_memory: u64,
    /// Wall-clock limit in milliseconds (0 = none).
    #[arg(long, value_name = "N", default_value_t = 0)]
    timeout_ms: u64,
    /// A root budget, e.g. `energy=500J` (repeatable).
    #[arg(long, value_name = "RESOURCE=AMOUNT")]
    budget: Vec<String>,
    /// Energy charged per loop iteration, e.g. `1mJ` (`0J` disables).
    #[arg(long, value_name = "AMOUNT")]
    loop_energy: Option<String>,
    /// Grid carbon intensity in gCO2e/kWh.
    #[arg(long, value_name = "G")]
    carbon_intensity: Option<f64>,
    /// Print one JSON report on stdout instead of the program's output.
    #[arg(long)]
    json: bool,
    /// When to colour diagnostics.
    #[arg(long, value_enum, default_value_t)]
    color: Color,
    /// Print the compiled bytecode to stderr before running (debugging aid).
    #[arg(long, hide = true)]
    dump_bytecode: bool,
}

/// Program output to stdout, remembering whether the reader went away.
struct Stdout {
    closed: AtomicBool,
}

impl OutputSink for Stdout {
    fn write(&self, text: &str) -> std::io::Result<()> {
        let mut out = std::io::stdout().lock();
        let r = out.write_all(text.as_bytes()).and_then(|()| out.flush());
        if let Err(e) = &r {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                self.closed.store(true, Ordering::SeqCst);
            }
        }
        r
    }
}

fn usage(message: &str) -> ExitCode {
    eprintln!("eclexia: {message}");
    ExitCode::from(crate::EXIT_USAGE)
}

/// Parses an amount that must have dimension `want` (a bare number is canonical units).
fn amount(text: &str, want: Dim, what: &str) -> Result<f64, String> {
    let q = Quantity::parse(text).map_err(|e| format!("{what}: {e}"))?;
    if q.dim != want && !q.dim.is_dimensionless() {
        return Err(format!(
            "{what}: expected an amount of {}, found \"{text}\"",
            want.type_name()
        ));
    }
    if q.value.is_nan() || q.value < 0.0 {
        return Err(format!("{what}: must not be negative, found \"{text}\""));
    }
    Ok(q.value)
}

pub fn run(args: &RunArgs) -> ExitCode {
    let bytes = match std::fs::read(&args.file) {
        Ok(b) => b,
        Err(e) => {
            output::io_error(&args.file, &e, Format::Human);
            return ExitCode::from(crate::EXIT_USAGE);
        }
    };
    let mut builder = Engine::builder()
        .fuel(args.fuel)
        .max_call_depth(args.max_call_depth)
        .max_memory(args.max_memory)
        .timeout_ms(args.timeout_ms)
        .allow_fs(true)
        .allow_clock(true);
    for b in &args.budget {
        let Some((name, text)) = b.split_once('=') else {
            return usage(&format!(
                "--budget: expected RESOURCE=AMOUNT, found \"{b}\""
            ));
        };
        let Some(r) = Resource::from_name(name.trim()) else {
            return usage(&format!("--budget: unknown resource '{}'", name.trim()));
        };
        match amount(text.trim(), r.dim(), &format!("--budget {}", r.name())) {
            Ok(v) => builder = builder.budget(r, v),
            Err(e) => return usage(&e),
        }
    }
    if let Some(e) = &args.loop_energy {
        match amount(e, Dim::ENERGY, "--loop-energy") {
            Ok(v) => builder = builder.loop_energy(v),
            Err(e) => return usage(&e),
        }
    }
    if let Some(i) = args.carbon_intensity {
        builder = builder.carbon_intensity(i);
    }
    let stdout = Arc::new(Stdout {
        closed: AtomicBool::new(false),
    });
    if !args.json {
        builder = builder.output(stdout.clone());
    }
    let engine = match builder.build() {
        Ok(e) => e,
        Err(e) => return usage(&e),
    };
    let program = match compile_bytes(&bytes, &CompileOptions::new(args.file.as_str())) {
        Ok(p) => p,
        Err(diags) => {
            output::report(&diags, Format::Human, args.color);
            if args.json {
                let doc = serde_json::json!({"ok": false, "diagnostics": diags.to_json()});
                println!("{doc}");
            }
            return ExitCode::from(2);
        }
    };
    if args.dump_bytecode {
        eprint!("{}", program.disassemble());
    }
    let entry = args.entry.as_deref().unwrap_or("main");
    if let Some(name) = &args.entry {
        match program.function_arity(name) {
            None => return usage(&format!("{}: no function '{name}'", args.file)),
            Some(n) if n > 0 => {
                return usage(&format!(
                    "--entry {name}: the entry function must take no parameters, it takes {n}"
                ));
            }
            Some(_) => {}
        }
    }
    match engine.evaluate(&program, entry, &[]) {
        Ok(outcome) => {
            if args.json {
                let doc = outcome.to_json();
                println!("{doc}");
            }
            ExitCode::SUCCESS
        }
        Err(err) => {
            if stdout.closed.load(Ordering::SeqCst) {
                return ExitCode::SUCCESS;
            }
            let _ = std::io::stdout().flush();
            let color = args.color.enabled();
            let _ = std::io::stderr().write_all(err.render(color).as_bytes());
            if args.json {
                let doc = serde_json::json!({
                    "ok": false,
                    "output": err.output,
                    "error": err.to_json(),
                });
                println!("{doc}");
            }
            ExitCode::from(err.exit_code() as u8)
        }
    }
}
