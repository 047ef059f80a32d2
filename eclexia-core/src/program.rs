//! The public compile API: source in, immutable [`Program`] or [`Diagnostics`] out.

use std::sync::Arc;

use crate::check::{self, Checked};
use crate::diagnostic::{Diagnostics, ErrorCode, RawDiagnostic};
use crate::span::Span;
use crate::syntax::ast::Ast;
use crate::syntax::token::Interner;
use crate::syntax::{lexer, parser};

/// Options for [`compile`].
#[derive(Clone, Debug)]
pub struct CompileOptions {
    /// The file name used in diagnostics (`--> NAME:line:col`).
    pub file_name: String,
    /// Host functions the program may call (see [`crate::host`]).
    pub host_functions: Vec<crate::host::HostSignature>,
    /// The standard library's source, replacing the embedded one (hosts that install
    /// `stdlib/` as files pass its text here, e.g. the sidecar's `ECLEXIA_STDLIB_PATH`).
    pub stdlib: Option<String>,
}

impl CompileOptions {
    /// Options naming the source `file_name` in diagnostics.
    pub fn new(file_name: impl Into<String>) -> CompileOptions {
        CompileOptions {
            file_name: file_name.into(),
            host_functions: Vec::new(),
            stdlib: None,
        }
    }

    /// Declares a host function the program may call.
    pub fn host_function(mut self, sig: crate::host::HostSignature) -> CompileOptions {
        self.host_functions.push(sig);
        self
    }
}

impl Default for CompileOptions {
    fn default() -> Self {
        CompileOptions::new("<string>")
    }
}

/// A checked program: immutable, `Send + Sync`, cheap to clone (one `Arc`), and usable
/// for any number of evaluations from any number of threads.
#[derive(Clone, Debug)]
pub struct Program {
    inner: Arc<ProgramInner>,
}

#[derive(Debug)]
struct ProgramInner {
    file_name: String,
    source: String,
    ast: Ast,
    interner: Interner,
    checked: Checked,
    code: crate::compile::Code,
    /// Length of the user's text (the standard library may follow it in `source`).
    user_len: usize,
}

impl Program {
    /// The file name given at compile time.
    pub fn file_name(&self) -> &str {
        &self.inner.file_name
    }

    /// The source text.
    pub fn source(&self) -> &str {
        &self.inner.source
    }

    /// The syntax tree (after macro expansion).
    pub fn ast(&self) -> &Ast {
        &self.inner.ast
    }

    /// The identifier table of the syntax tree.
    pub fn interner(&self) -> &Interner {
        &self.inner.interner
    }

    /// What the checker found out: expression types and item signatures.
    pub fn checked(&self) -> &Checked {
        &self.inner.checked
    }

    /// Length of the user's own text within [`Program::source`] (the standard library,
    /// when used, follows it).
    pub fn user_len(&self) -> usize {
        self.inner.user_len
    }

    /// The bytecode the evaluator runs.
    pub(crate) fn code(&self) -> &crate::compile::Code {
        &self.inner.code
    }

    /// The number of parameters of top-level function `name`, if it exists.
    pub fn function_arity(&self, name: &str) -> Option<usize> {
        let id = self.inner.checked.entry_points.get(name)?;
        Some(self.inner.checked.fns[id.0 as usize].params.len())
    }

    /// A listing of the compiled bytecode (for debugging; the format is not stable).
    #[doc(hidden)]
    pub fn disassemble(&self) -> String {
        self.inner.code.disassemble()
    }

    /// Whether a top-level function (plain or adaptive) of this name exists.
    pub fn has_function(&self, name: &str) -> bool {
        self.inner.checked.entry_points.contains_key(name)
    }
}

/// Compiles Eclexia source: lex, parse (expanding macros), check names, types,
/// dimensions and annotations. Returns every error found, sorted (LANGUAGE §12.3): if
/// lexing or parsing fails, only those errors; otherwise every check-time error.
///
/// ```
/// use eclexia_core::{compile, CompileOptions};
/// let diags = compile("let = 1", &CompileOptions::new("x.ecl")).unwrap_err();
/// assert_eq!(diags.iter().next().unwrap().code.to_string(), "E0101");
/// ```
pub fn compile(source: &str, opts: &CompileOptions) -> Result<Program, Diagnostics> {
    // The standard library joins the program as a module `std` when the program names it
    // (and declares no `std` of its own); it goes after the user's text, so every position
    // in the user's code is unchanged.
    if names_std(source) {
        let stdlib = opts.stdlib.as_deref().unwrap_or(STDLIB);
        let joined = format!("{source}\nmodule std {{\n{stdlib}\n}}\n");
        if let Ok(mut p) = compile_source(&joined, opts) {
            if let Some(inner) = Arc::get_mut(&mut p.inner) {
                inner.user_len = source.len();
            }
            return Ok(p);
        }
        // The program declares its own `std` (or the combination fails): compile it alone,
        // so that its own diagnostics are the ones reported.
        if let Ok(p) = compile_source(source, opts) {
            return Ok(p);
        }
        return compile_source(&joined, opts).map_err(|d| d.within(source.len()));
    }
    compile_source(source, opts)
}

/// The standard library's source (`stdlib/std.ecl`), embedded.
pub const STDLIB: &str = include_str!("../../stdlib/std.ecl");

/// Whether `source` refers to the standard library (`std::…`, `use std…`, `import std…`).
fn names_std(source: &str) -> bool {
    source.contains("std::") || source.contains("use std") || source.contains("import std")
}

fn compile_source(source: &str, opts: &CompileOptions) -> Result<Program, Diagnostics> {
    let mut interner = Interner::new();
    for k in check::KNOWN_SYMBOLS {
        interner.intern(k);
    }
    let (tokens, mut errors) = lexer::lex(source, &mut interner);
    let (ast, parse_errors) = parser::parse(source, tokens, &mut interner);
    // An unterminated string or comment runs to the end of the file; the parser's
    // "unexpected end of input" that follows from it would only repeat the problem.
    let runaway = errors.iter().any(|e| e.code == ErrorCode::E0102);
    let eof = source.len() as u32;
    errors.extend(
        parse_errors
            .into_iter()
            .filter(|e| !(runaway && e.span.lo >= eof)),
    );
    if !errors.is_empty() {
        return Err(Diagnostics::new(&opts.file_name, source, errors));
    }
    let (checked, code) = match check::check_items(&ast, &interner, source, &opts.host_functions) {
        Ok((checked, items)) => {
            let code =
                crate::compile::compile(&checked, &items, &interner, source, &opts.host_functions);
            (checked, code)
        }
        Err(errors) => return Err(Diagnostics::new(&opts.file_name, source, errors)),
    };
    Ok(Program {
        inner: Arc::new(ProgramInner {
            file_name: opts.file_name.clone(),
            source: source.to_string(),
            ast,
            interner,
            checked,
            code,
            user_len: source.len(),
        }),
    })
}

/// Compiles source given as bytes: invalid UTF-8 is `ParseError` E0103 at the first bad
/// byte (LANGUAGE §2.1), everything else as [`compile`].
///
/// ```
/// use eclexia_core::{compile_bytes, CompileOptions};
/// let d = compile_bytes(b"let x = \"\xff\"", &CompileOptions::new("x.ecl")).unwrap_err();
/// assert_eq!(d.headers(), "error[E0103]: ParseError: invalid UTF-8\n  --> x.ecl:1:10\n");
/// ```
pub fn compile_bytes(source: &[u8], opts: &CompileOptions) -> Result<Program, Diagnostics> {
    match std::str::from_utf8(source) {
        Ok(s) => compile(s, opts),
        Err(e) => {
            let good = e.valid_up_to();
            // Place the error within the valid prefix (plus the position just after it).
            let prefix = String::from_utf8_lossy(&source[..good]).into_owned();
            let err = RawDiagnostic::new(ErrorCode::E0103, Span::new(good, good), "invalid UTF-8");
            Err(Diagnostics::new(&opts.file_name, &prefix, vec![err]))
        }
    }
}
