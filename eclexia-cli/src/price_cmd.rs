//! `eclexia price [FILE|-]`: a LANGUAGE §9.7 request in, the response JSON out (LANGUAGE
//! §14): exit 0 when a candidate was chosen, 4 when none is feasible (`NoFeasibleSolution`,
//! E0603), 1 on unreadable or malformed input, with a message that says where.

use std::io::Read;
use std::process::ExitCode;

use clap::Args;
use eclexia_core::price::{PriceRequest, QuoteStatus, price};

/// Arguments of `eclexia price`.
#[derive(Args, Debug)]
pub struct PriceArgs {
    /// The request file; `-` or nothing reads standard input.
    #[arg(value_name = "FILE")]
    file: Option<String>,
    /// Print the response on one line instead of indented.
    #[arg(long)]
    compact: bool,
}

pub fn run(args: &PriceArgs) -> ExitCode {
    let (name, text) = match args.file.as_deref() {
        None | Some("-") => {
            let mut s = String::new();
            match std::io::stdin().read_to_string(&mut s) {
                Ok(_) => ("<stdin>".to_string(), s),
                Err(e) => {
                    eprintln!("eclexia: cannot read standard input: {e}");
                    return ExitCode::from(crate::EXIT_USAGE);
                }
            }
        }
        Some(path) => match std::fs::read_to_string(path) {
            Ok(s) => (path.to_string(), s),
            Err(e) => {
                eprintln!("eclexia: cannot read '{path}': {e}");
                return ExitCode::from(crate::EXIT_USAGE);
            }
        },
    };
    // The quote borrows the candidate names from the request.
    let request = PriceRequest::from_json(&text);
    let quote = match request.as_ref().map_err(Clone::clone).and_then(price) {
        Ok(q) => q,
        Err(e) => {
            eprintln!("eclexia: {name}: {e}");
            return ExitCode::from(crate::EXIT_USAGE);
        }
    };
    let out = if args.compact {
        serde_json::to_string(&quote)
    } else {
        serde_json::to_string_pretty(&quote)
    };
    match out {
        Ok(s) => println!("{s}"),
        Err(e) => {
            eprintln!("eclexia: cannot write the response: {e}");
            return ExitCode::from(crate::EXIT_USAGE);
        }
    }
    match quote.status() {
        QuoteStatus::Chosen => ExitCode::SUCCESS,
        QuoteStatus::NoFeasibleSolution => {
            eprintln!("error[E0603]: NoFeasibleSolution: no feasible candidate in '{name}'");
            ExitCode::from(4)
        }
    }
}
