//! Macros (LANGUAGE §3.7): definitions are collected from the whole file before parsing,
//! and each call `name!(…)` is expanded in place into `{ template }`, with every `$x`
//! replaced by the matching argument tokens in parentheses, then parsed by a sub-parser
//! that shares the diagnostics, the interner and the expression-id counter.

use std::rc::Rc;

use crate::diagnostic::ErrorCode;
use crate::span::Span;
use crate::syntax::ast::{Expr, ExprKind, Ident};
use crate::syntax::token::{Symbol, Token, TokenKind};

use super::{MAX_MACRO_DEPTH, PResult, Parser, Shared};

/// One `( $a: expr, … ) => { template }` rule.
#[derive(Debug)]
pub(crate) struct MacroRule {
    params: Vec<Symbol>,
    body: Vec<Token>,
}

/// A macro definition.
#[derive(Debug)]
pub(crate) struct MacroDef {
    rules: Vec<MacroRule>,
}

/// Parses `macro NAME { rules }` starting at `toks[i]` (the `macro` keyword).
/// On success returns the name, the definition and the index after the closing `}`; on
/// failure, the index of the offending token.
fn parse_def(
    toks: &[Token],
    mut i: usize,
    expr_sym: Option<Symbol>,
) -> Result<(Ident, MacroDef, usize), usize> {
    let at = |i: usize| &toks[i.min(toks.len() - 1)].kind;
    i += 1;
    let name = match *at(i) {
        TokenKind::Ident(sym) => Ident {
            sym,
            span: toks[i].span,
        },
        _ => return Err(i),
    };
    i += 1;
    if *at(i) != TokenKind::LBrace {
        return Err(i);
    }
    i += 1;
    let mut rules = Vec::new();
    loop {
        match at(i) {
            TokenKind::RBrace => return Ok((name, MacroDef { rules }, i + 1)),
            TokenKind::Comma | TokenKind::Semi if !rules.is_empty() => {
                i += 1;
                continue;
            }
            TokenKind::LParen => {}
            _ => return Err(i),
        }
        i += 1;
        let mut params = Vec::new();
        while *at(i) != TokenKind::RParen {
            if *at(i) != TokenKind::Dollar {
                return Err(i);
            }
            let TokenKind::Ident(p) = *at(i + 1) else {
                return Err(i + 1);
            };
            if *at(i + 2) != TokenKind::Colon {
                return Err(i + 2);
            }
            match *at(i + 3) {
                TokenKind::Ident(k) if Some(k) == expr_sym => {}
                _ => return Err(i + 3),
            }
            params.push(p);
            i += 4;
            if *at(i) == TokenKind::Comma {
                i += 1;
            } else if *at(i) != TokenKind::RParen {
                return Err(i);
            }
        }
        i += 1;
        if *at(i) != TokenKind::FatArrow {
            return Err(i);
        }
        i += 1;
        if *at(i) != TokenKind::LBrace {
            return Err(i);
        }
        i += 1;
        let start = i;
        let mut depth = 1usize;
        loop {
            match at(i) {
                TokenKind::Eof => return Err(i),
                TokenKind::LBrace | TokenKind::LParen | TokenKind::LBracket => depth += 1,
                TokenKind::RBrace | TokenKind::RParen | TokenKind::RBracket => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            i += 1;
        }
        let body = toks[start..i].to_vec();
        i += 1;
        rules.push(MacroRule { params, body });
    }
}

/// Collects every well-formed macro definition of the file (§3.7: a macro may be used
/// above its definition). Malformed ones are reported when the parser reaches them.
pub(super) fn collect(toks: &[Token], sh: &mut Shared<'_>) {
    let expr_sym = sh.interner.get("expr");
    for (i, t) in toks.iter().enumerate() {
        if t.kind == TokenKind::Macro {
            if let Ok((name, def, _)) = parse_def(toks, i, expr_sym) {
                sh.macros.entry(name.sym).or_insert_with(|| Rc::new(def));
            }
        }
    }
}

impl Parser<'_, '_> {
    /// A `macro` item at the current token; returns its name.
    pub(super) fn macro_item(&mut self) -> PResult<Ident> {
        let expr_sym = self.sh.interner.get("expr");
        match parse_def(&self.toks, self.pos, expr_sym) {
            Ok((name, _, end)) => {
                self.pos = end.min(self.toks.len() - 1);
                Ok(name)
            }
            Err(i) => {
                self.pos = i.min(self.toks.len() - 1);
                Err(self.unexpected())
            }
        }
    }

    /// Expands `name!( … )` (the name is current) into a block expression.
    #[allow(clippy::collapsible_match)] // pre-existing; kept as written
    pub(super) fn macro_call(&mut self, name: Ident) -> PResult<Expr> {
        self.bump(); // name
        self.bump(); // !
        self.bump(); // (
        let mut args: Vec<Vec<Token>> = vec![Vec::new()];
        let mut stack: Vec<TokenKind> = Vec::new();
        let mut commas = 0;
        loop {
            let t = self.tok().clone();
            match &t.kind {
                TokenKind::Eof => return Err(self.unexpected()),
                TokenKind::RParen if stack.is_empty() => {
                    self.bump();
                    break;
                }
                TokenKind::Comma if stack.is_empty() => {
                    commas += 1;
                    args.push(Vec::new());
                    self.bump();
                    continue;
                }
                TokenKind::LParen => stack.push(TokenKind::RParen),
                TokenKind::LBracket => stack.push(TokenKind::RBracket),
                TokenKind::LBrace => stack.push(TokenKind::RBrace),
                k @ (TokenKind::RParen | TokenKind::RBracket | TokenKind::RBrace) => {
                    if stack.pop().as_ref() != Some(k) {
                        return Err(self.unexpected());
                    }
                }
                _ => {}
            }
            args.last_mut().expect("at least one group").push(t);
            self.bump();
        }
        let close = self.prev_span();
        let call_span = name.span.to(close);
        if args.len() == 1 && args[0].is_empty() {
            args.clear(); // `m!()` has zero arguments
        } else if commas > 0 && args.last().is_some_and(Vec::is_empty) {
            args.pop(); // trailing comma
        }
        let Some(def) = self.sh.macros.get(&name.sym).cloned() else {
            return Ok(self.mk(ExprKind::UndefinedMacro(name), call_span));
        };
        let text = self.sh.interner.name(name.sym).to_string();
        let Some(rule) = def.rules.iter().find(|r| r.params.len() == args.len()) else {
            return Err(self.error(
                ErrorCode::E0107,
                name.span,
                format!("no rule of macro '{text}' matches"),
            ));
        };
        // Expansion errors deep inside templates point at the outermost call.
        let origin = self.macro_origin.unwrap_or(name.span);
        if self.macro_depth + 1 > MAX_MACRO_DEPTH {
            return Err(self.error(ErrorCode::E0107, origin, "macro expansion too deep".into()));
        }
        let toks = substitute(rule, &args, name.span, close);
        let mut sub = Parser::new(toks, self.sh, self.macro_depth + 1);
        sub.depth = self.depth;
        sub.macro_origin = Some(origin);
        let block = sub.block()?;
        if !sub.at_eof() {
            return Err(sub.unexpected());
        }
        Ok(self.mk(ExprKind::Block(block), call_span))
    }
}

/// `{ template }` with each `$x` replaced by `( argument tokens )`.
fn substitute(rule: &MacroRule, args: &[Vec<Token>], open: Span, close: Span) -> Vec<Token> {
    let synth = |kind: TokenKind, span: Span, newline_before: bool| Token {
        kind,
        span,
        newline_before,
    };
    let mut out = Vec::with_capacity(rule.body.len() + 8);
    out.push(synth(TokenKind::LBrace, open, false));
    let mut i = 0;
    while i < rule.body.len() {
        let t = &rule.body[i];
        if t.kind == TokenKind::Dollar {
            if let Some(TokenKind::Ident(p)) = rule.body.get(i + 1).map(|t| &t.kind) {
                if let Some(k) = rule.params.iter().position(|q| q == p) {
                    out.push(synth(TokenKind::LParen, t.span, t.newline_before));
                    out.extend(args[k].iter().cloned());
                    out.push(synth(TokenKind::RParen, rule.body[i + 1].span, false));
                    i += 2;
                    continue;
                }
            }
        }
        out.push(t.clone());
        i += 1;
    }
    out.push(synth(TokenKind::RBrace, close, false));
    out.push(synth(TokenKind::Eof, close, false));
    out
}
