//! Error kinds, codes and the one diagnostics renderer (LANGUAGE §12).
//!
//! Every error the SDK reports — check-time diagnostics and run-time errors alike — carries
//! an [`ErrorCode`] whose [`ErrorKind`] and exit code follow from the tables of §12.1 and
//! §12.4. [`Diagnostics`] renders the fixed header lines of §12.3
//! (`error[E0401]: DimensionMismatch: …` / `  --> file:line:col`) followed by a rustc-style
//! source snippet; the CLI, the sidecar's JSON and the bindings all use this renderer.

use std::fmt::{self, Write as _};
use std::sync::Arc;

use serde::Serialize;

use crate::span::{LineIndex, Position, Span};

/// The error kinds of LANGUAGE §12.1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum ErrorKind {
    /// Lexing, parsing or macro expansion failed.
    ParseError,
    /// A name resolves to nothing.
    UndefinedVariable,
    /// A static type rule is violated.
    TypeError,
    /// Physical dimensions do not agree.
    DimensionMismatch,
    /// Division or remainder by zero.
    DivisionByZero,
    /// Integer overflow, bad exponent/shift, failed conversion.
    ArithmeticError,
    /// An index outside `0..len`.
    IndexOutOfBounds,
    /// `assert`/`assert_eq` failed.
    AssertionFailed,
    /// `panic` or `unwrap` on `None`/`Err`.
    Panic,
    /// No `match` arm matched.
    MatchFailure,
    /// Any other run-time failure (capabilities, I/O, bad builtin arguments).
    RuntimeError,
    /// A budget was exceeded.
    ResourceViolation,
    /// No solution of an adaptive function is feasible.
    NoFeasibleSolution,
    /// The maximum call depth was exceeded.
    StackOverflow,
    /// The fuel limit was exhausted.
    OutOfFuel,
    /// The memory limit was exceeded.
    MemoryLimit,
    /// The wall-clock limit was exceeded.
    Timeout,
    /// The host cancelled the evaluation.
    Cancelled,
}

impl ErrorKind {
    /// The kind's name as printed in headers (`TypeError`).
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::ParseError => "ParseError",
            ErrorKind::UndefinedVariable => "UndefinedVariable",
            ErrorKind::TypeError => "TypeError",
            ErrorKind::DimensionMismatch => "DimensionMismatch",
            ErrorKind::DivisionByZero => "DivisionByZero",
            ErrorKind::ArithmeticError => "ArithmeticError",
            ErrorKind::IndexOutOfBounds => "IndexOutOfBounds",
            ErrorKind::AssertionFailed => "AssertionFailed",
            ErrorKind::Panic => "Panic",
            ErrorKind::MatchFailure => "MatchFailure",
            ErrorKind::RuntimeError => "RuntimeError",
            ErrorKind::ResourceViolation => "ResourceViolation",
            ErrorKind::NoFeasibleSolution => "NoFeasibleSolution",
            ErrorKind::StackOverflow => "StackOverflow",
            ErrorKind::OutOfFuel => "OutOfFuel",
            ErrorKind::MemoryLimit => "MemoryLimit",
            ErrorKind::Timeout => "Timeout",
            ErrorKind::Cancelled => "Cancelled",
        }
    }

    /// The process exit code of `eclexia run`/`check` for this kind (LANGUAGE §12.4).
    pub fn exit_code(self) -> i32 {
        use ErrorKind::*;
        match self {
            ParseError | UndefinedVariable | TypeError | DimensionMismatch => 2,
            DivisionByZero | ArithmeticError | IndexOutOfBounds | AssertionFailed | Panic
            | MatchFailure | RuntimeError => 3,
            ResourceViolation | NoFeasibleSolution => 4,
            StackOverflow | OutOfFuel | MemoryLimit | Timeout | Cancelled => 5,
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A stable error code such as `E0401` (LANGUAGE §12.1).
///
/// ```
/// use eclexia_core::{ErrorCode, ErrorKind};
/// assert_eq!(ErrorCode::E0401.to_string(), "E0401");
/// assert_eq!(ErrorCode::E0401.kind(), ErrorKind::DimensionMismatch);
/// assert_eq!(ErrorCode::E0601.kind().exit_code(), 4);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ErrorCode(u16);

macro_rules! codes {
    ($($name:ident = $n:literal, $kind:ident, $doc:literal;)*) => {
        impl ErrorCode {
            $(#[doc = $doc] pub const $name: ErrorCode = ErrorCode($n);)*

            /// The kind this code belongs to.
            pub fn kind(self) -> ErrorKind {
                match self.0 {
                    $($n => ErrorKind::$kind,)*
                    _ => ErrorKind::RuntimeError,
                }
            }

            /// Every code of LANGUAGE §12.1.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$name),*];
        }
    };
}

codes! {
    E0101 = 101, ParseError, "unexpected token / end of input";
    E0102 = 102, ParseError, "unterminated string literal or block comment";
    E0103 = 103, ParseError, "invalid character or invalid UTF-8";
    E0104 = 104, ParseError, "unknown unit suffix";
    E0105 = 105, ParseError, "invalid numeric literal";
    E0106 = 106, ParseError, "enum declares no variants";
    E0107 = 107, ParseError, "no macro rule matches / expansion too deep";
    E0201 = 201, UndefinedVariable, "undefined variable";
    E0301 = 301, TypeError, "type mismatch";
    E0302 = 302, TypeError, "wrong number of arguments";
    E0303 = 303, TypeError, "value is not callable";
    E0304 = 304, TypeError, "no such field or method";
    E0305 = 305, TypeError, "unknown type";
    E0306 = 306, TypeError, "invalid cast";
    E0307 = 307, TypeError, "recursive type alias";
    E0308 = 308, TypeError, "operator not applicable";
    E0309 = 309, TypeError, "cannot negate a resource value";
    E0310 = 310, TypeError, "invalid resource annotation";
    E0311 = 311, TypeError, "duplicate definition or ambiguous variant";
    E0312 = 312, TypeError, "break/continue outside of a loop";
    E0313 = 313, TypeError, "cannot assign";
    E0314 = 314, TypeError, "bad struct literal field";
    E0315 = 315, TypeError, "invalid constant";
    E0316 = 316, TypeError, "missing parameter type annotation";
    E0317 = 317, TypeError, "expected a resource name";
    E0401 = 401, DimensionMismatch, "incompatible dimensions in arithmetic";
    E0402 = 402, DimensionMismatch, "incompatible dimensions in comparison";
    E0403 = 403, DimensionMismatch, "dimensioned type mismatch";
    E0404 = 404, DimensionMismatch, "annotation amount of the wrong dimension";
    E0501 = 501, DivisionByZero, "division by zero";
    E0502 = 502, ArithmeticError, "integer overflow";
    E0503 = 503, ArithmeticError, "invalid exponent or shift amount";
    E0504 = 504, ArithmeticError, "invalid conversion";
    E0505 = 505, IndexOutOfBounds, "index out of bounds";
    E0506 = 506, AssertionFailed, "assertion failed";
    E0507 = 507, Panic, "panic";
    E0508 = 508, Panic, "unwrap on None or Err";
    E0509 = 509, MatchFailure, "no match arm matches";
    E0599 = 599, RuntimeError, "other run-time error";
    E0601 = 601, ResourceViolation, "budget exceeded";
    E0602 = 602, ResourceViolation, "zero budget";
    E0603 = 603, NoFeasibleSolution, "no feasible solution";
    E0701 = 701, StackOverflow, "maximum call depth exceeded";
    E0702 = 702, OutOfFuel, "fuel exhausted";
    E0703 = 703, MemoryLimit, "memory limit exceeded";
    E0704 = 704, Timeout, "time limit exceeded";
    E0705 = 705, Cancelled, "evaluation cancelled";
}

impl ErrorCode {
    /// The numeric part (`401` for `E0401`).
    pub fn number(self) -> u16 {
        self.0
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "E{:04}", self.0)
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// One diagnostic: a code, a message, where it points, and optional help.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    /// The stable code (its kind follows from it).
    pub code: ErrorCode,
    /// The message of the §12.1 template, already filled in.
    pub message: String,
    /// The byte span the diagnostic points at.
    pub span: Span,
    /// Line and column of `span.lo` (§12.2).
    pub position: Position,
    /// An optional `help:` line saying how to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// The kind of the diagnostic's code.
    pub fn kind(&self) -> ErrorKind {
        self.code.kind()
    }

    /// The fixed header line `error[<code>]: <Kind>: <message>` of §12.3.
    pub fn header(&self) -> String {
        format!("error[{}]: {}: {}", self.code, self.kind(), self.message)
    }
}

/// A diagnostic that has not been placed yet: stages below `Diagnostics` produce these
/// (they know spans, not line/column), and [`Diagnostics::new`] resolves positions once.
#[derive(Clone, Debug, PartialEq)]
pub struct RawDiagnostic {
    /// The code.
    pub code: ErrorCode,
    /// The filled-in message.
    pub message: String,
    /// Where it points.
    pub span: Span,
    /// Optional help text.
    pub help: Option<String>,
}

impl RawDiagnostic {
    /// A diagnostic without help text.
    pub fn new(code: ErrorCode, span: Span, message: impl Into<String>) -> RawDiagnostic {
        RawDiagnostic {
            code,
            message: message.into(),
            span,
            help: None,
        }
    }

    /// Adds a `help:` line.
    pub fn with_help(mut self, help: impl Into<String>) -> RawDiagnostic {
        self.help = Some(help.into());
        self
    }
}

/// Every error found while compiling one source file, sorted by line, column and code
/// (§12.3), together with the file name and text needed to render them.
///
/// ```
/// use eclexia_core::{compile, CompileOptions};
/// let err = compile("def main() { let x = 5J + 3 }", &CompileOptions::new("demo.ecl")).unwrap_err();
/// let first = err.iter().next().unwrap();
/// assert_eq!(first.code.to_string(), "E0401");
/// assert_eq!(
///     err.headers(),
///     "error[E0401]: DimensionMismatch: incompatible dimensions for '+': Resource<Energy> and Int\n  --> demo.ecl:1:22\n"
/// );
/// ```
#[derive(Clone, Debug)]
pub struct Diagnostics {
    file: Arc<str>,
    source: Arc<str>,
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Places and sorts raw diagnostics for `source`, named `file` in messages.
    pub fn new(file: &str, source: &str, raw: Vec<RawDiagnostic>) -> Diagnostics {
        let index = LineIndex::new(source);
        let offsets: Vec<u32> = raw.iter().map(|r| r.span.lo).collect();
        let positions = index.positions(source, &offsets);
        let mut items: Vec<Diagnostic> = raw
            .into_iter()
            .zip(positions)
            .map(|(r, position)| Diagnostic {
                position,
                code: r.code,
                message: r.message,
                span: r.span,
                help: r.help,
            })
            .collect();
        items.sort_by(|a, b| {
            (a.position, a.code, &a.message).cmp(&(b.position, b.code, &b.message))
        });
        items.dedup_by(|a, b| {
            a.position == b.position && a.code == b.code && a.message == b.message
        });
        Diagnostics {
            file: file.into(),
            source: source.into(),
            items,
        }
    }

    /// The file name used in `-->` lines.
    pub fn file(&self) -> &str {
        &self.file
    }

    /// The diagnostics, in report order.
    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.items.iter()
    }

    /// How many diagnostics there are (at least one for a failed compile).
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Only the header and `-->` lines of every diagnostic, one per line.
    /// Keeps only the diagnostics that point into the first `len` bytes of the source
    /// (the user's text, when the standard library was appended after it), and that
    /// text as the source. If none remain, all are kept.
    pub(crate) fn within(mut self, len: usize) -> Diagnostics {
        let inside: Vec<Diagnostic> = self
            .items
            .iter()
            .filter(|d| (d.span.lo as usize) <= len)
            .cloned()
            .collect();
        if !inside.is_empty() {
            self.items = inside;
            if let Some(text) = self.source.get(..len) {
                self.source = Arc::from(text);
            }
        }
        self
    }

    /// The fixed header lines of §12.3 (`error[…]` and `  --> file:line:col`) of every
    /// diagnostic, without snippets.
    pub fn headers(&self) -> String {
        let mut out = String::new();
        for d in &self.items {
            let _ = writeln!(out, "{}", d.header());
            let _ = writeln!(out, "  --> {}:{}", self.file, d.position);
        }
        out
    }

    /// The full human rendering: header, location, source snippet with a caret under the
    /// span, and the help line. `color` adds ANSI colours (for terminals only).
    pub fn render(&self, color: bool) -> String {
        let mut out = Vec::new();
        let _ = self.write_to(&mut out, color);
        String::from_utf8_lossy(&out).into_owned()
    }

    /// Writes [`Diagnostics::render`]'s text to `w` one diagnostic at a time (a file with
    /// very many errors is never rendered into one string).
    pub fn write_to(&self, w: &mut dyn std::io::Write, color: bool) -> std::io::Result<()> {
        let index = LineIndex::new(&self.source);
        let mut one = String::new();
        for d in &self.items {
            one.clear();
            render_one(&mut one, &self.file, &self.source, &index, d, color);
            w.write_all(one.as_bytes())?;
        }
        Ok(())
    }

    /// Machine-readable form, one object per diagnostic:
    /// `{"code", "kind", "message", "file", "line", "column", "help"}`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::Value::Array(
            self.items
                .iter()
                .map(|d| {
                    serde_json::json!({
                        "code": d.code.to_string(),
                        "kind": d.kind().name(),
                        "message": d.message,
                        "file": &*self.file,
                        "line": d.position.line,
                        "column": d.position.column,
                        "help": d.help,
                    })
                })
                .collect(),
        )
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for Diagnostics {}

/// Longest snippet line shown, in characters.
const MAX_SNIPPET: usize = 160;
/// Characters shown before the column when a long line is cut.
const WINDOW_BEFORE: usize = 60;

/// Renders one diagnostic with a snippet. Shared with run-time errors, which point into
/// the same source.
pub(crate) fn render_one(
    out: &mut String,
    file: &str,
    source: &str,
    index: &LineIndex,
    d: &Diagnostic,
    color: bool,
) {
    let (red, blue, bold, reset) = if color {
        ("\x1b[1;31m", "\x1b[1;34m", "\x1b[1m", "\x1b[0m")
    } else {
        ("", "", "", "")
    };
    let _ = writeln!(
        out,
        "{red}error[{}]{reset}{bold}: {}: {}{reset}",
        d.code,
        d.kind(),
        d.message
    );
    let _ = writeln!(out, "  {blue}-->{reset} {}:{}", file, d.position);
    let line = d.position.line;
    if !source.is_empty() {
        let gutter = line.to_string().len();
        let pad = " ".repeat(gutter);
        let (line_start, line_end) = index.line_bounds(source, line);
        let at = (d.span.lo as usize).clamp(line_start, line_end);
        // Very long lines (minified or generated code) are shown as a window around the
        // column, so that one diagnostic costs (and prints) a bounded amount of text.
        let before = &source[line_start..at];
        let mut from = line_start;
        let mut prefix = "";
        if let Some((i, _)) = before.char_indices().rev().nth(WINDOW_BEFORE - 1) {
            if i > 0 {
                from = line_start + i;
                prefix = "...";
            }
        }
        let after = &source[from..line_end];
        let to = after
            .char_indices()
            .nth(MAX_SNIPPET)
            .map_or(line_end, |(i, _)| from + i);
        let suffix = if to < line_end { "..." } else { "" };
        let shown: String = source[from..to]
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .collect();
        let caret_col = prefix.len() + source[from..at].chars().count();
        // Width of the caret: the span's extent on its first line, at least one.
        let span_end = (d.span.hi as usize).clamp(at, to);
        let width = source[at..span_end].chars().count().max(1);
        let _ = writeln!(out, "{pad} {blue}|{reset}");
        let _ = writeln!(
            out,
            "{blue}{line}{reset} {blue}|{reset} {prefix}{shown}{suffix}"
        );
        let _ = writeln!(
            out,
            "{pad} {blue}|{reset} {}{red}{}{reset}",
            " ".repeat(caret_col),
            "^".repeat(width)
        );
    }
    if let Some(help) = &d.help {
        let _ = writeln!(out, "  = help: {help}");
    }
}
