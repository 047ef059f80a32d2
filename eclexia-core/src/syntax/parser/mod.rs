//! The parser (LANGUAGE §3): tokens to [`Ast`], with macro expansion (§3.7).
//!
//! Recursive descent with one token of lookahead (two or three in a few documented
//! places). Invariants:
//! - **No native stack overflow.** Every construct that nests (groups, blocks, prefix
//!   operators, postfix chains, types, patterns, macro expansions) goes through
//!   [`Parser::enter`], which stops at [`MAX_NESTING`] with a clean E0101; operator runs
//!   of one precedence level are parsed in a loop into [`ExprKind::Chain`], so a flat
//!   100,000-term expression costs no recursion per operand.
//! - **Recovery.** An error inside a top-level item is recorded and the parser skips to
//!   the next line that starts an item, so one file reports several errors, one per item.
//! - The parser is split by grammar area: items here, expressions in `expr.rs`, blocks
//!   and statements in `stmt.rs`, types and patterns in `types.rs`, macros in `macros.rs`.

mod expr;
mod items;
mod macros;
mod stmt;
mod types;

use std::collections::HashMap;
use std::rc::Rc;

use crate::diagnostic::{ErrorCode, RawDiagnostic};
use crate::span::Span;

use super::ast::{Ast, ExprId, Ident};
use super::token::{Interner, Symbol, Token, TokenKind};

pub(crate) use macros::MacroDef;

/// The deepest nesting of groups, blocks, prefix operators, postfix chains, types and
/// patterns the parser accepts. Deeper input is a `ParseError` (E0101), never a native
/// stack overflow.
pub const MAX_NESTING: u32 = 256;

/// Expansions may contain further macro calls up to this depth (§3.7); deeper is E0107.
pub const MAX_MACRO_DEPTH: u32 = 64;

/// Failure marker: the diagnostic has already been recorded.
#[derive(Debug)]
pub(crate) struct Reported;

pub(crate) type PResult<T> = Result<T, Reported>;

/// State shared by the main parser and the sub-parsers of macro expansions.
pub(crate) struct Shared<'s> {
    pub source: &'s str,
    pub interner: &'s mut Interner,
    pub errors: Vec<RawDiagnostic>,
    pub next_id: u32,
    pub macros: HashMap<Symbol, Rc<MacroDef>>,
    /// Set once the nesting limit was hit, so unwinding reports it only once.
    pub too_deep: bool,
}

/// Parses a token stream (from [`super::lexer::lex`]) into an AST. Errors are returned
/// alongside the (partial) AST; if there are any, the AST must not be checked.
pub fn parse(
    source: &str,
    tokens: Vec<Token>,
    interner: &mut Interner,
) -> (Ast, Vec<RawDiagnostic>) {
    let mut shared = Shared {
        source,
        interner,
        errors: Vec::new(),
        next_id: 0,
        macros: HashMap::new(),
        too_deep: false,
    };
    macros::collect(&tokens, &mut shared);
    let mut p = Parser::new(tokens, &mut shared, 0);
    let items = p.file();
    let expr_count = shared.next_id;
    (Ast { items, expr_count }, shared.errors)
}

pub(crate) struct Parser<'p, 's> {
    toks: Vec<Token>,
    pos: usize,
    sh: &'p mut Shared<'s>,
    depth: u32,
    macro_depth: u32,
    /// Inside an `expr_ns` (§3.6): a struct literal may not start here.
    no_struct: bool,
    /// In a macro expansion: the outermost call in the user's source, where expansion
    /// errors that arise deep inside templates are reported.
    macro_origin: Option<Span>,
}

impl<'p, 's> Parser<'p, 's> {
    fn new(toks: Vec<Token>, sh: &'p mut Shared<'s>, macro_depth: u32) -> Self {
        Parser {
            toks,
            pos: 0,
            sh,
            depth: 0,
            macro_depth,
            no_struct: false,
            macro_origin: None,
        }
    }

    // ----- token access -------------------------------------------------------------

    fn tok(&self) -> &Token {
        &self.toks[self.pos.min(self.toks.len() - 1)]
    }

    fn peek(&self) -> &TokenKind {
        &self.tok().kind
    }

    fn nth(&self, n: usize) -> &TokenKind {
        &self.toks[(self.pos + n).min(self.toks.len() - 1)].kind
    }

    fn nth_tok(&self, n: usize) -> &Token {
        &self.toks[(self.pos + n).min(self.toks.len() - 1)]
    }

    fn span(&self) -> Span {
        self.tok().span
    }

    /// Span of the previously consumed token.
    fn prev_span(&self) -> Span {
        if self.pos == 0 {
            Span::default()
        } else {
            self.toks[self.pos - 1].span
        }
    }

    /// Kind of the previously consumed token.
    fn prev_kind(&self) -> Option<&TokenKind> {
        self.pos.checked_sub(1).map(|i| &self.toks[i].kind)
    }

    /// Whether the current token is `k`, which must be a token without data (keyword or
    /// punctuation): only the variant is compared, which is much cheaper than `==`.
    fn at(&self, k: &TokenKind) -> bool {
        debug_assert!(
            !matches!(
                k,
                TokenKind::Int(_)
                    | TokenKind::Float(_)
                    | TokenKind::Dim(..)
                    | TokenKind::Str(_)
                    | TokenKind::Char(_)
                    | TokenKind::Ident(_)
                    | TokenKind::Annot(_)
            ),
            "at() compares variants only"
        );
        std::mem::discriminant(self.peek()) == std::mem::discriminant(k)
    }

    fn at_eof(&self) -> bool {
        matches!(self.peek(), TokenKind::Eof)
    }

    /// Consumes the current token (never past `Eof`) and returns its span.
    fn bump(&mut self) -> Span {
        let span = self.tok().span;
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        span
    }

    fn eat(&mut self, k: &TokenKind) -> bool {
        if self.at(k) {
            self.bump();
            true
        } else {
            false
        }
    }

    fn expect(&mut self, k: &TokenKind) -> PResult<Span> {
        if self.at(k) {
            Ok(self.bump())
        } else {
            Err(self.unexpected())
        }
    }

    /// `>` that may be the first half of `>>` or `>=` (closing nested type arguments).
    fn expect_closing_angle(&mut self) -> PResult<()> {
        let t = self.tok().clone();
        match t.kind {
            TokenKind::Gt => {
                self.bump();
                Ok(())
            }
            TokenKind::Shr | TokenKind::Ge => {
                let rest = if t.kind == TokenKind::Shr {
                    TokenKind::Gt
                } else {
                    TokenKind::Eq
                };
                let i = self.pos;
                self.toks[i] = Token {
                    kind: rest,
                    span: Span {
                        lo: t.span.lo + 1,
                        hi: t.span.hi,
                    },
                    newline_before: false,
                };
                Ok(())
            }
            _ => Err(self.unexpected()),
        }
    }

    fn ident(&mut self) -> PResult<Ident> {
        match *self.peek() {
            TokenKind::Ident(sym) => {
                let span = self.bump();
                Ok(Ident { sym, span })
            }
            _ => Err(self.unexpected()),
        }
    }

    fn sym(&mut self, name: &str) -> Symbol {
        self.sh.interner.intern(name)
    }

    fn is_ident(&self, name: &str) -> bool {
        matches!(self.peek(), TokenKind::Ident(s) if self.sh.interner.name(*s) == name)
    }

    fn new_id(&mut self) -> ExprId {
        let id = ExprId(self.sh.next_id);
        self.sh.next_id += 1;
        id
    }

    // ----- errors ---------------------------------------------------------------------

    /// Records `unexpected token '<lexeme>'` (or end of input) at the current token.
    fn unexpected(&mut self) -> Reported {
        let t = self.tok().clone();
        let message = if t.kind == TokenKind::Eof {
            "unexpected end of input".to_string()
        } else {
            let lexeme = self
                .sh
                .source
                .get(t.span.lo as usize..t.span.hi as usize)
                .unwrap_or("");
            format!("unexpected token '{lexeme}'")
        };
        self.error(ErrorCode::E0101, t.span, message)
    }

    fn error(&mut self, code: ErrorCode, span: Span, message: String) -> Reported {
        self.sh.errors.push(RawDiagnostic::new(code, span, message));
        Reported
    }

    /// Enters one nesting level; see [`MAX_NESTING`].
    fn enter(&mut self) -> PResult<()> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            if !self.sh.too_deep {
                self.sh.too_deep = true;
                let span = self.span();
                self.error(
                    ErrorCode::E0101,
                    span,
                    format!("nesting deeper than {MAX_NESTING} levels"),
                );
            }
            return Err(Reported);
        }
        Ok(())
    }

    fn exit(&mut self) {
        self.depth -= 1;
    }

    /// Runs `f` one nesting level deeper.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        self.enter()?;
        // The nesting limit bounds the depth; growing the stack on demand keeps even a
        // small thread stack (2 MiB test threads, unoptimised builds) from overflowing.
        let r = crate::stack::guard(|| f(self));
        self.exit();
        r
    }

    /// Runs `f` with the struct-literal restriction set to `no_struct`.
    fn with_no_struct<T>(
        &mut self,
        no_struct: bool,
        f: impl FnOnce(&mut Self) -> PResult<T>,
    ) -> PResult<T> {
        let saved = std::mem::replace(&mut self.no_struct, no_struct);
        let r = f(self);
        self.no_struct = saved;
        r
    }

    /// Skips a balanced token run inside `open … close` (the opener already consumed).
    fn skip_balanced(&mut self, close: &TokenKind) -> PResult<()> {
        let mut stack = vec![close.clone()];
        while let Some(want) = stack.last().cloned() {
            match self.peek().clone() {
                TokenKind::Eof => return Err(self.unexpected()),
                TokenKind::LParen => stack.push(TokenKind::RParen),
                TokenKind::LBracket => stack.push(TokenKind::RBracket),
                TokenKind::LBrace => stack.push(TokenKind::RBrace),
                k @ (TokenKind::RParen | TokenKind::RBracket | TokenKind::RBrace) => {
                    if k != want {
                        return Err(self.unexpected());
                    }
                    stack.pop();
                }
                _ => {}
            }
            self.bump();
        }
        Ok(())
    }

    /// After an error in a top-level item: skip to the next line that starts an item.
    fn recover_to_item(&mut self) {
        let start = self.pos;
        loop {
            if self.at_eof() {
                return;
            }
            let t = self.tok();
            if self.pos > start && t.newline_before && starts_item(&t.kind) {
                return;
            }
            self.bump();
        }
    }
}

/// Tokens that can begin a top-level item (for recovery).
fn starts_item(k: &TokenKind) -> bool {
    use super::token::Annot;
    matches!(
        k,
        TokenKind::Fn
            | TokenKind::Def
            | TokenKind::Adaptive
            | TokenKind::Struct
            | TokenKind::Enum
            | TokenKind::Type
            | TokenKind::Const
            | TokenKind::Impl
            | TokenKind::Trait
            | TokenKind::Module
            | TokenKind::Mod
            | TokenKind::Use
            | TokenKind::Import
            | TokenKind::Effect
            | TokenKind::Macro
            | TokenKind::Pub
            | TokenKind::Hash
            | TokenKind::Annot(Annot::Requires | Annot::DeferUntil | Annot::Observe)
    )
}

#[cfg(test)]
mod tests;
