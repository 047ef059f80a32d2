//! Blocks and statements (LANGUAGE §3.3, rule N3 of §2.9).

use crate::syntax::ast::*;
use crate::syntax::token::TokenKind;

use super::{PResult, Parser};

fn assign_op(k: &TokenKind) -> Option<Option<BinOp>> {
    Some(match k {
        TokenKind::Eq => None,
        TokenKind::PlusEq => Some(BinOp::Add),
        TokenKind::MinusEq => Some(BinOp::Sub),
        TokenKind::StarEq => Some(BinOp::Mul),
        TokenKind::SlashEq => Some(BinOp::Div),
        TokenKind::PercentEq => Some(BinOp::Rem),
        _ => return None,
    })
}

/// `place = IDENT { "." ( IDENT | INT_LIT ) | "[" expr "]" }`.
fn is_place(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Path(p) => p.len() == 1,
        ExprKind::Field(base, _) | ExprKind::TupleField(base, _, _) | ExprKind::Index(base, _) => {
            is_place(base)
        }
        _ => false,
    }
}

impl Parser<'_, '_> {
    /// `block = "{" { stmt } [ expr ] "}"`.
    pub(super) fn block(&mut self) -> PResult<Block> {
        let lo = self.expect(&TokenKind::LBrace)?;
        self.nested(|p| p.with_no_struct(false, |p| p.block_rest(lo)))
    }

    fn block_rest(&mut self, lo: crate::span::Span) -> PResult<Block> {
        let mut stmts = Vec::new();
        let mut tail = None;
        loop {
            match self.peek() {
                TokenKind::Semi => {
                    self.bump();
                    continue;
                }
                TokenKind::RBrace => {
                    self.bump();
                    break;
                }
                TokenKind::Let => {
                    stmts.push(self.let_stmt()?);
                    continue;
                }
                // §3.1: item declarations inside blocks are not allowed.
                TokenKind::Fn if matches!(self.nth(1), TokenKind::Ident(_)) => {
                    return Err(self.unexpected());
                }
                _ => {}
            }
            // N3: a statement that begins with a block-like construct ends at its `}`.
            let block_like = matches!(
                self.peek(),
                TokenKind::If
                    | TokenKind::Match
                    | TokenKind::While
                    | TokenKind::For
                    | TokenKind::Loop
                    | TokenKind::LBrace
            );
            let e = if block_like {
                self.nested(|p| p.block_like())?
            } else {
                self.expr()?
            };
            if let Some(op) = assign_op(self.peek()) {
                if block_like || !is_place(&e) {
                    return Err(self.unexpected());
                }
                let op_span = self.bump();
                let value = self.expr()?;
                stmts.push(Stmt::Assign(Box::new(AssignStmt {
                    place: e,
                    op,
                    value,
                    op_span,
                })));
                continue;
            }
            if self.eat(&TokenKind::Semi) {
                stmts.push(Stmt::Expr(e));
                continue;
            }
            if self.at(&TokenKind::RBrace) {
                self.bump();
                tail = Some(Box::new(e));
                break;
            }
            if self.at_eof() {
                return Err(self.unexpected());
            }
            stmts.push(Stmt::Expr(e));
        }
        let span = lo.to(self.prev_span());
        Ok(Block { stmts, tail, span })
    }

    /// The construct alone, without postfix or binary continuation (N3).
    fn block_like(&mut self) -> PResult<Expr> {
        match self.peek() {
            TokenKind::If => self.if_expr(),
            TokenKind::LBrace => {
                let b = self.block()?;
                let span = b.span;
                Ok(self.mk(ExprKind::Block(b), span))
            }
            // match / while / for / loop are primaries that end at their `}`; calling the
            // primary parser directly skips the postfix and operator loops.
            _ => self.primary(),
        }
    }

    /// `let [mut] let_pat [: type] = expr`.
    fn let_stmt(&mut self) -> PResult<Stmt> {
        let lo = self.bump();
        self.eat(&TokenKind::Mut);
        let pat = self.let_pattern()?;
        let ty = if self.eat(&TokenKind::Colon) {
            Some(self.ty()?)
        } else {
            None
        };
        self.expect(&TokenKind::Eq)?;
        let init = self.expr()?;
        let span = lo.to(init.span);
        Ok(Stmt::Let(Box::new(LetStmt {
            pat,
            ty,
            init,
            span,
        })))
    }
}
