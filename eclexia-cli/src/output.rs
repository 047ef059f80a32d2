//! How diagnostics reach the terminal: colour only on a terminal (and never with
//! `NO_COLOR`), human text or JSON lines.

use std::io::{IsTerminal, Write};

use clap::ValueEnum;
use eclexia_core::Diagnostics;

/// `--format`: how diagnostics are written to stderr.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// rustc-style text with a source snippet.
    #[default]
    Human,
    /// One JSON object per file: `{"file", "ok", "diagnostics": [...]}`.
    Json,
}

/// `--color`: whether to colour human output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Color {
    /// Colour when stderr is a terminal and `NO_COLOR` is unset.
    #[default]
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

impl Color {
    /// Whether to colour, given the terminal and `NO_COLOR`.
    pub fn enabled(self) -> bool {
        match self {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
            }
        }
    }
}

/// Writes the diagnostics of one file to stderr.
pub fn report(diags: &Diagnostics, format: Format, color: Color) {
    let mut err = std::io::BufWriter::new(std::io::stderr().lock());
    match format {
        Format::Human => {
            let _ = diags.write_to(&mut err, color.enabled());
        }
        Format::Json => {
            let doc = serde_json::json!({
                "file": diags.file(),
                "ok": false,
                "diagnostics": diags.to_json(),
            });
            let _ = writeln!(err, "{doc}");
        }
    }
}

/// Reports a file that could not be read (exit code 1).
pub fn io_error(path: &str, e: &std::io::Error, format: Format) {
    let mut err = std::io::stderr().lock();
    match format {
        Format::Human => {
            let _ = writeln!(err, "eclexia: cannot read '{path}': {e}");
        }
        Format::Json => {
            let doc = serde_json::json!({"file": path, "ok": false, "io_error": e.to_string()});
            let _ = writeln!(err, "{doc}");
        }
    }
}
