//! `eclexia state export DIR > FILE` and `eclexia state import DIR < FILE`: the portable
//! JSON backup of the persistent price state in `DIR/shadow-prices/` (ARCHITECTURE §8).

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use eclexia_core::state::StateStore;

/// Arguments of `eclexia state`.
#[derive(Args, Debug)]
pub struct StateArgs {
    #[command(subcommand)]
    action: StateAction,
}

#[derive(Subcommand, Debug)]
enum StateAction {
    /// Write the saved price state of the data folder DIR to standard output as JSON.
    Export {
        /// The data folder (the one holding `shadow-prices/`).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
    /// Replace the saved price state of the data folder DIR with the JSON on standard input.
    Import {
        /// The data folder (the one holding `shadow-prices/`).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
    },
}

pub fn run(args: &StateArgs) -> ExitCode {
    let result = match &args.action {
        StateAction::Export { dir } => StateStore::new(dir).export_json().map(|s| println!("{s}")),
        StateAction::Import { dir } => {
            let mut text = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut text) {
                eprintln!("eclexia: cannot read standard input: {e}");
                return ExitCode::from(crate::EXIT_USAGE);
            }
            StateStore::new(dir).import_json(&text)
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("eclexia: {e}");
            ExitCode::from(crate::EXIT_USAGE)
        }
    }
}
