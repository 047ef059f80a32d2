//! The `eclexia` command line (LANGUAGE §14, ARCHITECTURE §12). Each subcommand is a thin
//! translation to `eclexia-core`: read input, call core, print, pick the exit code of
//! LANGUAGE §12.4.

mod check_cmd;
mod output;
mod price_cmd;
mod run_cmd;
mod serve;
mod state_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

// Like rustc (which ships jemalloc), the binary uses a fast general-purpose allocator:
// the front end allocates many small nodes, and mimalloc makes checking about a third
// faster than the system allocator (docs/PERFORMANCE.md). The library itself does not
// choose an allocator; hosts keep theirs.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit code for usage errors, unreadable files and bad options (LANGUAGE §12.4).
const EXIT_USAGE: u8 = 1;

#[derive(Parser, Debug)]
#[command(
    name = "eclexia",
    version = eclexia_core::VERSION,
    about = "Eclexia: resource-aware, carbon-aware programs and their shadow prices",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check and run a program: output to stdout, diagnostics to stderr, exit codes of
    /// LANGUAGE §12.4 (0 ok, 1 usage, 2 check, 3 run-time, 4 resource, 5 limit).
    Run(run_cmd::RunArgs),
    /// Check programs (parse, types, dimensions, annotations) without running them.
    Check(check_cmd::CheckArgs),
    /// Price a LANGUAGE §9.7 request (JSON from FILE or standard input).
    Price(price_cmd::PriceArgs),
    /// Back up or restore the persistent price state.
    State(state_cmd::StateArgs),
    /// Run the sidecar: probes, pricing API, Prometheus metrics, persistent price state.
    ///
    /// Once both listeners are bound it prints one line on standard output,
    /// `eclexia serve: api=ADDR metrics=ADDR`, with the bound addresses (useful with port
    /// 0); logs go to standard error. SIGTERM or SIGINT: readiness turns 503, in-flight
    /// requests finish, the state is saved, exit 0. `ECLEXIA_API_TOKEN` (environment only)
    /// makes `/v1/*` require `Authorization: Bearer <token>`.
    Serve(serve::ServeArgs),
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap's own exit code for usage errors is 2, which LANGUAGE §12.4 reserves
            // for check-time errors: print its message and exit 1 instead.
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(EXIT_USAGE),
            };
        }
    };
    match cli.command {
        Command::Run(args) => run_cmd::run(&args),
        Command::Check(args) => check_cmd::run(&args),
        Command::Price(args) => price_cmd::run(&args),
        Command::State(args) => state_cmd::run(&args),
        Command::Serve(args) => serve::run(&args),
    }
}
