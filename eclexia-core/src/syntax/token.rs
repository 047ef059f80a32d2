//! Tokens (LANGUAGE §2) and the identifier interner.

use std::fmt;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::span::Span;
use crate::units::Dim;

/// An interned identifier. Compare symbols, not strings; [`Interner::name`] gives the text.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug, PartialOrd, Ord)]
pub struct Symbol(pub u32);

/// Maps identifier text to [`Symbol`]s and back. One interner per compiled program.
#[derive(Clone, Debug, Default)]
pub struct Interner {
    // A fast non-cryptographic hash: identifiers come from the program being compiled,
    // and compile time is dominated by lookups like this one.
    map: FxHashMap<Arc<str>, Symbol>,
    names: Vec<Arc<str>>,
}

impl Interner {
    /// An empty interner.
    pub fn new() -> Interner {
        Interner::default()
    }

    /// The symbol for `name`, creating it on first use.
    pub fn intern(&mut self, name: &str) -> Symbol {
        if let Some(&s) = self.map.get(name) {
            return s;
        }
        let s = Symbol(self.names.len() as u32);
        let text: Arc<str> = name.into();
        self.names.push(text.clone());
        self.map.insert(text, s);
        s
    }

    /// The symbol for `name` if it was ever interned.
    pub fn get(&self, name: &str) -> Option<Symbol> {
        self.map.get(name).copied()
    }

    /// The text of a symbol.
    pub fn name(&self, s: Symbol) -> &str {
        &self.names[s.0 as usize]
    }
}

/// What a token is. Literal tokens carry their (already converted) values.
#[derive(Clone, Debug, PartialEq)]
#[allow(missing_docs)] // the variants are the tokens of §2.8, named after their spelling
pub enum TokenKind {
    /// An integer literal.
    Int(i64),
    /// A float literal.
    Float(f64),
    /// A dimensional literal: magnitude in canonical units, and its dimension.
    Dim(f64, Dim),
    /// A string literal (escapes already processed).
    Str(Arc<str>),
    /// A character literal.
    Char(char),
    /// An identifier (including contextual words).
    Ident(Symbol),
    /// An annotation token such as `@requires`.
    Annot(Annot),
    // Reserved words (§2.4).
    Adaptive,
    And,
    As,
    Async,
    Await,
    Break,
    Const,
    Continue,
    Def,
    Effect,
    Else,
    Enum,
    Extern,
    False,
    Fn,
    For,
    Handle,
    If,
    Impl,
    Import,
    In,
    Let,
    Loop,
    Macro,
    Match,
    Mod,
    Module,
    Mut,
    Not,
    Or,
    Pub,
    Return,
    SelfLower,
    SelfUpper,
    Static,
    Struct,
    Then,
    Trait,
    True,
    Type,
    Use,
    Where,
    While,
    Yield,
    // Punctuation (§2.8).
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    StarStar,
    EqEq,
    NotEq,
    Lt,
    Le,
    Gt,
    Ge,
    AndAnd,
    OrOr,
    Bang,
    Tilde,
    Amp,
    Pipe,
    Caret,
    Shl,
    Shr,
    Eq,
    PlusEq,
    MinusEq,
    StarEq,
    SlashEq,
    PercentEq,
    Arrow,
    FatArrow,
    ColonColon,
    Colon,
    Semi,
    Comma,
    Dot,
    DotDot,
    DotDotEq,
    Question,
    LParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    Hash,
    Dollar,
    Underscore,
    /// End of input.
    Eof,
}

/// The annotation tokens of §2.4.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Annot {
    /// `@requires`
    Requires,
    /// `@provides`
    Provides,
    /// `@optimize`
    Optimize,
    /// `@solution`
    Solution,
    /// `@when`
    When,
    /// `@defer_until`
    DeferUntil,
    /// `@observe`
    Observe,
    /// Any other `@word`: already reported as E0101 by the lexer; the parser skips it
    /// like a passive annotation so that one mistake gives one diagnostic.
    Unknown,
}

impl Annot {
    /// The annotation for `@<word>`.
    pub fn from_word(word: &str) -> Annot {
        match word {
            "requires" => Annot::Requires,
            "provides" => Annot::Provides,
            "optimize" => Annot::Optimize,
            "solution" => Annot::Solution,
            "when" => Annot::When,
            "defer_until" => Annot::DeferUntil,
            "observe" => Annot::Observe,
            _ => Annot::Unknown,
        }
    }
}

/// The reserved word spelled `word`, if it is one.
pub fn keyword(word: &str) -> Option<TokenKind> {
    use TokenKind::*;
    Some(match word {
        "adaptive" => Adaptive,
        "and" => And,
        "as" => As,
        "async" => Async,
        "await" => Await,
        "break" => Break,
        "const" => Const,
        "continue" => Continue,
        "def" => Def,
        "effect" => Effect,
        "else" => Else,
        "enum" => Enum,
        "extern" => Extern,
        "false" => False,
        "fn" => Fn,
        "for" => For,
        "handle" => Handle,
        "if" => If,
        "impl" => Impl,
        "import" => Import,
        "in" => In,
        "let" => Let,
        "loop" => Loop,
        "macro" => Macro,
        "match" => Match,
        "mod" => Mod,
        "module" => Module,
        "mut" => Mut,
        "not" => Not,
        "or" => Or,
        "pub" => Pub,
        "return" => Return,
        "self" => SelfLower,
        "Self" => SelfUpper,
        "static" => Static,
        "struct" => Struct,
        "then" => Then,
        "trait" => Trait,
        "true" => True,
        "type" => Type,
        "use" => Use,
        "where" => Where,
        "while" => While,
        "yield" => Yield,
        _ => return None,
    })
}

/// One token: its kind, where it is, and whether a line break precedes it (the line
/// sensitivity rules N1–N3 of §2.9 need only this bit).
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// What the token is.
    pub kind: TokenKind,
    /// Its bytes in the source.
    pub span: Span,
    /// A line terminator lies between the previous token and this one.
    pub newline_before: bool,
}

impl fmt::Display for TokenKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}
