//! `eclexia check FILE…`: diagnostics on stderr; exit 0 when every file checks, 2 when
//! any has a check-time error, 1 when a file cannot be read and none has diagnostics.

use std::process::ExitCode;

use clap::Args;
use eclexia_core::{CompileOptions, compile_bytes};

use crate::output::{self, Color, Format};

/// Arguments of `eclexia check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Source files to check.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    /// How to write diagnostics.
    #[arg(long, value_enum, default_value_t)]
    format: Format,
    /// When to colour human output.
    #[arg(long, value_enum, default_value_t)]
    color: Color,
}

pub fn run(args: &CheckArgs) -> ExitCode {
    let mut had_diagnostics = false;
    let mut had_io_error = false;
    for path in &args.files {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                output::io_error(path, &e, args.format);
                had_io_error = true;
                continue;
            }
        };
        match compile_bytes(&bytes, &CompileOptions::new(path.as_str())) {
            Ok(_) => {
                if args.format == Format::Json {
                    eprintln!(
                        "{}",
                        serde_json::json!({"file": path, "ok": true, "diagnostics": []})
                    );
                }
            }
            Err(diags) => {
                output::report(&diags, args.format, args.color);
                had_diagnostics = true;
            }
        }
    }
    if had_diagnostics {
        ExitCode::from(2)
    } else if had_io_error {
        ExitCode::from(crate::EXIT_USAGE)
    } else {
        ExitCode::SUCCESS
    }
}
