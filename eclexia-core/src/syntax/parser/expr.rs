//! Expressions (LANGUAGE §3.4, §2.8 precedence, §2.9 line sensitivity, §3.6).

use crate::span::Span;
use crate::syntax::ast::*;
use crate::syntax::token::TokenKind;

use super::{PResult, Parser};

/// Binary precedence levels of §2.8 that `level` handles (2 = `||` … 10 = `*`).
const LEVEL_OR: u8 = 2;
const LEVEL_CMP: u8 = 4;
const LEVEL_MUL: u8 = 10;

/// A binary operator token and its precedence level.
fn any_binop(k: &TokenKind) -> Option<(BinOp, u8)> {
    use TokenKind as T;
    Some(match k {
        T::OrOr | T::Or => (BinOp::Or, 2),
        T::AndAnd | T::And => (BinOp::And, 3),
        T::EqEq => (BinOp::Eq, LEVEL_CMP),
        T::NotEq => (BinOp::Ne, LEVEL_CMP),
        T::Lt => (BinOp::Lt, LEVEL_CMP),
        T::Le => (BinOp::Le, LEVEL_CMP),
        T::Gt => (BinOp::Gt, LEVEL_CMP),
        T::Ge => (BinOp::Ge, LEVEL_CMP),
        T::Pipe => (BinOp::BitOr, 5),
        T::Caret => (BinOp::BitXor, 6),
        T::Amp => (BinOp::BitAnd, 7),
        T::Shl => (BinOp::Shl, 8),
        T::Shr => (BinOp::Shr, 8),
        T::Plus => (BinOp::Add, 9),
        T::Minus => (BinOp::Sub, 9),
        T::Star => (BinOp::Mul, LEVEL_MUL),
        T::Slash => (BinOp::Div, LEVEL_MUL),
        T::Percent => (BinOp::Rem, LEVEL_MUL),
        _ => return None,
    })
}

impl Parser<'_, '_> {
    pub(super) fn mk(&mut self, kind: ExprKind, span: Span) -> Expr {
        Expr {
            id: self.new_id(),
            kind,
            span,
        }
    }

    /// `expr = range_e`.
    pub(super) fn expr(&mut self) -> PResult<Expr> {
        // Not a nesting level of its own (the constructs that nest count); only make
        // sure the native stack has room.
        crate::stack::guard(|| self.range_e())
    }

    fn range_e(&mut self) -> PResult<Expr> {
        let lhs = self.binary(LEVEL_OR)?;
        let inclusive = match self.peek() {
            TokenKind::DotDot => false,
            TokenKind::DotDotEq => true,
            _ => return Ok(lhs),
        };
        self.bump();
        let rhs = self.binary(LEVEL_OR)?;
        if matches!(self.peek(), TokenKind::DotDot | TokenKind::DotDotEq) {
            // `..` is non-associative.
            return Err(self.unexpected());
        }
        let span = lhs.span.to(rhs.span);
        Ok(self.mk(
            ExprKind::Range(Box::new(lhs), Box::new(rhs), inclusive),
            span,
        ))
    }

    /// Binary operators of levels `min..=10` by precedence climbing. A run of operators of
    /// one level becomes one flat [`ExprKind::Chain`] (no recursion per operand), and an
    /// operand costs one call here rather than one per precedence level.
    fn binary(&mut self, min: u8) -> PResult<Expr> {
        let mut first = self.cast_e()?;
        let mut rest: Vec<(BinOp, Span, Expr)> = Vec::new();
        let mut run_level = 0;
        while let Some((op, level)) = any_binop(self.peek()) {
            if level < min {
                break;
            }
            if level == run_level && level == LEVEL_CMP {
                // Comparisons are non-associative: `a < b < c` is E0101.
                return Err(self.unexpected());
            }
            if !rest.is_empty() && level != run_level {
                // A looser operator follows: the run so far is its left operand.
                first = self.chain(first, std::mem::take(&mut rest));
            }
            run_level = level;
            let op_span = self.bump();
            let rhs = self.binary(level + 1)?;
            rest.push((op, op_span, rhs));
        }
        if !rest.is_empty() {
            first = self.chain(first, rest);
        }
        Ok(first)
    }

    fn chain(&mut self, first: Expr, rest: Vec<(BinOp, Span, Expr)>) -> Expr {
        let span = first.span.to(rest.last().map_or(first.span, |r| r.2.span));
        self.mk(ExprKind::Chain(Box::new(first), rest), span)
    }

    /// `cast_e = unary_e { "as" type }`.
    fn cast_e(&mut self) -> PResult<Expr> {
        let mut e = self.unary_e()?;
        while self.at(&TokenKind::As) {
            self.bump();
            let ty = self.ty()?;
            let span = e.span.to(ty.span);
            e = self.mk(ExprKind::Cast(Box::new(e), Box::new(ty)), span);
        }
        Ok(e)
    }

    /// `unary_e = prefix unary_e | pow_e`.
    fn unary_e(&mut self) -> PResult<Expr> {
        let op = match self.peek() {
            TokenKind::Minus => UnOp::Neg,
            TokenKind::Bang | TokenKind::Not => UnOp::Not,
            TokenKind::Tilde => UnOp::BitNot,
            _ => return self.pow_e(),
        };
        let lo = self.bump();
        let operand = self.nested(|p| p.unary_e())?;
        let span = lo.to(operand.span);
        Ok(self.mk(ExprKind::Unary(op, lo, Box::new(operand)), span))
    }

    /// `pow_e = postfix_e [ "**" unary_e ]` (right-associative).
    fn pow_e(&mut self) -> PResult<Expr> {
        let base = self.postfix_e()?;
        if !self.at(&TokenKind::StarStar) {
            return Ok(base);
        }
        let op_span = self.bump();
        let exp = self.nested(|p| p.unary_e())?;
        let span = base.span.to(exp.span);
        Ok(self.mk(ExprKind::Pow(Box::new(base), Box::new(exp), op_span), span))
    }

    /// Postfix operators; `(` and `[` apply only on the same line (N1).
    fn postfix_e(&mut self) -> PResult<Expr> {
        let mut e = self.primary()?;
        let depth_before = self.depth;
        let result = loop {
            let same_line = !self.tok().newline_before;
            match self.peek() {
                TokenKind::LParen if same_line => {
                    if let Err(r) = self.enter() {
                        break Err(r);
                    }
                    let args = match self.args(&TokenKind::RParen) {
                        Ok(a) => a,
                        Err(r) => break Err(r),
                    };
                    let span = e.span.to(self.prev_span());
                    e = self.mk(ExprKind::Call(Box::new(e), args), span);
                }
                TokenKind::LBracket if same_line => {
                    if let Err(r) = self.enter() {
                        break Err(r);
                    }
                    self.bump();
                    let idx = match self.with_no_struct(false, |p| p.expr()) {
                        Ok(i) => i,
                        Err(r) => break Err(r),
                    };
                    if let Err(r) = self.expect(&TokenKind::RBracket) {
                        break Err(r);
                    }
                    let span = e.span.to(self.prev_span());
                    e = self.mk(ExprKind::Index(Box::new(e), Box::new(idx)), span);
                }
                TokenKind::Dot => {
                    if let Err(r) = self.enter() {
                        break Err(r);
                    }
                    self.bump();
                    match self.peek().clone() {
                        TokenKind::Ident(sym) => {
                            let name = Ident {
                                sym,
                                span: self.bump(),
                            };
                            if self.at(&TokenKind::LParen) && !self.tok().newline_before {
                                let args = match self.args(&TokenKind::RParen) {
                                    Ok(a) => a,
                                    Err(r) => break Err(r),
                                };
                                let span = e.span.to(self.prev_span());
                                e = self.mk(
                                    ExprKind::MethodCall(
                                        Box::new(e),
                                        name,
                                        args.into_boxed_slice(),
                                    ),
                                    span,
                                );
                            } else {
                                let span = e.span.to(name.span);
                                e = self.mk(ExprKind::Field(Box::new(e), name), span);
                            }
                        }
                        TokenKind::Int(i) if i >= 0 && i <= u32::MAX as i64 => {
                            let s = self.bump();
                            let span = e.span.to(s);
                            e = self.mk(ExprKind::TupleField(Box::new(e), i as u32, s), span);
                        }
                        _ => break Err(self.unexpected()),
                    }
                }
                TokenKind::Question => {
                    let s = self.bump();
                    let span = e.span.to(s);
                    e = self.mk(ExprKind::Try(Box::new(e)), span);
                }
                _ => break Ok(e),
            }
        };
        self.depth = depth_before;
        result
    }

    /// `( args )` or `[ args ]`: the opener is current. Struct literals are allowed inside.
    pub(super) fn args(&mut self, close: &TokenKind) -> PResult<Vec<Expr>> {
        self.bump();
        self.with_no_struct(false, |p| {
            let mut args = Vec::new();
            while !p.eat(close) {
                args.push(p.expr()?);
                if !p.eat(&TokenKind::Comma) {
                    p.expect(close)?;
                    break;
                }
            }
            Ok(args)
        })
    }

    pub(super) fn primary(&mut self) -> PResult<Expr> {
        let t = self.tok().clone();
        let lit = |p: &mut Self, k: ExprKind| {
            p.bump();
            Ok(p.mk(k, t.span))
        };
        match t.kind {
            TokenKind::Int(v) => lit(self, ExprKind::Int(v)),
            TokenKind::Float(v) => lit(self, ExprKind::Float(v)),
            TokenKind::Dim(v, d) => lit(self, ExprKind::Dim(v, d)),
            TokenKind::Str(ref s) => lit(self, ExprKind::Str(s.clone())),
            TokenKind::Char(c) => lit(self, ExprKind::Char(c)),
            TokenKind::True => lit(self, ExprKind::Bool(true)),
            TokenKind::False => lit(self, ExprKind::Bool(false)),
            TokenKind::Ident(sym) => {
                if *self.nth(1) == TokenKind::Bang
                    && !self.nth_tok(1).newline_before
                    && *self.nth(2) == TokenKind::LParen
                    && !self.nth_tok(2).newline_before
                {
                    return self.macro_call(Ident { sym, span: t.span });
                }
                self.path_expr()
            }
            TokenKind::SelfLower => {
                self.bump();
                let sym = self.sym("self");
                let path = vec![Ident { sym, span: t.span }];
                Ok(self.mk(ExprKind::Path(path.into()), t.span))
            }
            TokenKind::SelfUpper => self.path_expr(),
            TokenKind::LParen => self.paren_expr(),
            TokenKind::LBracket => self.array_expr(),
            TokenKind::LBrace => {
                let b = self.block()?;
                let span = b.span;
                Ok(self.mk(ExprKind::Block(b), span))
            }
            TokenKind::If => self.if_expr(),
            TokenKind::Match => self.match_expr(),
            TokenKind::While => {
                self.bump();
                let cond = self.with_no_struct(true, |p| p.expr())?;
                let body = self.block()?;
                let span = t.span.to(body.span);
                Ok(self.mk(ExprKind::While(Box::new(cond), Box::new(body)), span))
            }
            TokenKind::For => {
                self.bump();
                let pat = self.let_pattern()?;
                self.expect(&TokenKind::In)?;
                let iter = self.with_no_struct(true, |p| p.expr())?;
                let body = self.block()?;
                let span = t.span.to(body.span);
                Ok(self.mk(
                    ExprKind::For(Box::new(pat), Box::new(iter), Box::new(body)),
                    span,
                ))
            }
            TokenKind::Loop => {
                self.bump();
                let body = self.block()?;
                let span = t.span.to(body.span);
                Ok(self.mk(ExprKind::Loop(Box::new(body)), span))
            }
            TokenKind::Handle => self.handle_expr(),
            TokenKind::Pipe | TokenKind::OrOr => self.closure(),
            TokenKind::Fn if *self.nth(1) == TokenKind::LParen => self.lambda(),
            TokenKind::Return | TokenKind::Break => {
                self.bump();
                let value = if self.operand_follows() {
                    Some(Box::new(self.expr()?))
                } else {
                    None
                };
                let span = value.as_ref().map_or(t.span, |v| t.span.to(v.span));
                let kind = if t.kind == TokenKind::Return {
                    ExprKind::Return(value)
                } else {
                    ExprKind::Break(value)
                };
                Ok(self.mk(kind, span))
            }
            TokenKind::Continue => lit(self, ExprKind::Continue),
            _ => Err(self.unexpected()),
        }
    }

    /// `return`/`break` take an operand unless `;`, `}`, `)`, `]`, `,` or EOF follows.
    fn operand_follows(&self) -> bool {
        !matches!(
            self.peek(),
            TokenKind::Semi
                | TokenKind::RBrace
                | TokenKind::RParen
                | TokenKind::RBracket
                | TokenKind::Comma
                | TokenKind::Eof
        )
    }

    /// A path, possibly followed by a struct literal (N2, §3.6).
    fn path_expr(&mut self) -> PResult<Expr> {
        let mut path = Vec::new();
        if self.at(&TokenKind::SelfUpper) {
            let span = self.bump();
            let sym = self.sym("Self");
            path.push(Ident { sym, span });
            self.expect(&TokenKind::ColonColon)?;
            path.push(self.ident()?);
        } else {
            path.push(self.ident()?);
        }
        while self.at(&TokenKind::ColonColon) {
            self.bump();
            path.push(self.ident()?);
        }
        let lo = path[0].span;
        let hi = path[path.len() - 1].span;
        if self.struct_literal_follows() {
            return self.struct_lit(path);
        }
        Ok(self.mk(ExprKind::Path(path.into()), lo.to(hi)))
    }

    /// §3.6: `path {` starts a struct literal when allowed here, the `{` is on the same
    /// line (N2) and is followed by `}` or by `IDENT` and then `:`, `,` or `}`.
    fn struct_literal_follows(&self) -> bool {
        if self.no_struct || !self.at(&TokenKind::LBrace) || self.tok().newline_before {
            return false;
        }
        match self.nth(1) {
            TokenKind::RBrace => true,
            TokenKind::Ident(_) => matches!(
                self.nth(2),
                TokenKind::Colon | TokenKind::Comma | TokenKind::RBrace
            ),
            _ => false,
        }
    }

    fn struct_lit(&mut self, path: Vec<Ident>) -> PResult<Expr> {
        let lo = path[0].span;
        self.bump(); // {
        let fields = self.with_no_struct(false, |p| {
            let mut fields = Vec::new();
            while !p.eat(&TokenKind::RBrace) {
                let name = p.ident()?;
                let value = if p.eat(&TokenKind::Colon) {
                    p.expr()?
                } else {
                    p.mk(ExprKind::Path(name.into()), name.span)
                };
                fields.push(FieldInit { name, value });
                if !p.eat(&TokenKind::Comma) {
                    p.expect(&TokenKind::RBrace)?;
                    break;
                }
            }
            Ok(fields)
        })?;
        let span = lo.to(self.prev_span());
        Ok(self.mk(ExprKind::StructLit(path.into_boxed_slice(), fields), span))
    }

    /// `()`, `(e)`, `(e,)`, `(a, b, …)`.
    fn paren_expr(&mut self) -> PResult<Expr> {
        let lo = self.bump();
        self.nested(|p| {
            p.with_no_struct(false, |p| {
                if p.eat(&TokenKind::RParen) {
                    return Ok(p.mk(ExprKind::Unit, lo.to(p.prev_span())));
                }
                let first = p.expr()?;
                if p.eat(&TokenKind::RParen) {
                    // A group is a node of its own so that "first token of the
                    // expression" locations (§12.2) can point at its `(`.
                    let span = lo.to(p.prev_span());
                    return Ok(p.mk(ExprKind::Paren(Box::new(first)), span));
                }
                p.expect(&TokenKind::Comma)?;
                let mut items = vec![first];
                while !p.eat(&TokenKind::RParen) {
                    items.push(p.expr()?);
                    if !p.eat(&TokenKind::Comma) {
                        p.expect(&TokenKind::RParen)?;
                        break;
                    }
                }
                Ok(p.mk(ExprKind::Tuple(items), lo.to(p.prev_span())))
            })
        })
    }

    /// `[]`, `[a, b]`, `[e; n]`.
    fn array_expr(&mut self) -> PResult<Expr> {
        let lo = self.bump();
        self.nested(|p| {
            p.with_no_struct(false, |p| {
                if p.eat(&TokenKind::RBracket) {
                    return Ok(p.mk(ExprKind::Array(Vec::new()), lo.to(p.prev_span())));
                }
                let first = p.expr()?;
                if p.eat(&TokenKind::Semi) {
                    let n = p.expr()?;
                    p.expect(&TokenKind::RBracket)?;
                    return Ok(p.mk(
                        ExprKind::Repeat(Box::new(first), Box::new(n)),
                        lo.to(p.prev_span()),
                    ));
                }
                let mut items = vec![first];
                while p.eat(&TokenKind::Comma) {
                    if p.at(&TokenKind::RBracket) {
                        break;
                    }
                    items.push(p.expr()?);
                }
                p.expect(&TokenKind::RBracket)?;
                Ok(p.mk(ExprKind::Array(items), lo.to(p.prev_span())))
            })
        })
    }

    /// `if c [then] { } [else (block | if …)]`, flattened into branches.
    pub(super) fn if_expr(&mut self) -> PResult<Expr> {
        let lo = self.span();
        let mut branches = Vec::new();
        let mut else_block = None;
        loop {
            let if_span = self.expect(&TokenKind::If)?;
            let cond = self.with_no_struct(true, |p| p.expr())?;
            self.eat(&TokenKind::Then);
            let block = self.block()?;
            branches.push(IfBranch {
                if_span,
                cond,
                block,
            });
            if !self.eat(&TokenKind::Else) {
                break;
            }
            if self.at(&TokenKind::If) {
                continue;
            }
            else_block = Some(self.block()?);
            break;
        }
        let span = lo.to(self.prev_span());
        Ok(self.mk(ExprKind::If(branches, else_block.map(Box::new)), span))
    }

    fn match_expr(&mut self) -> PResult<Expr> {
        let lo = self.bump();
        let scrutinee = self.with_no_struct(true, |p| p.expr())?;
        self.expect(&TokenKind::LBrace)?;
        let arms = self.nested(|p| {
            p.with_no_struct(false, |p| {
                let mut arms = Vec::new();
                while !p.eat(&TokenKind::RBrace) {
                    let pat = p.pattern()?;
                    let guard = if p.eat(&TokenKind::If) {
                        Some(p.expr()?)
                    } else {
                        None
                    };
                    p.expect(&TokenKind::FatArrow)?;
                    let body = if p.at(&TokenKind::LBrace) {
                        let b = p.block()?;
                        let span = b.span;
                        p.mk(ExprKind::Block(b), span)
                    } else {
                        p.expr()?
                    };
                    let ended_with_brace = p.prev_kind() == Some(&TokenKind::RBrace);
                    arms.push(Arm { pat, guard, body });
                    if !p.eat(&TokenKind::Comma) && !p.at(&TokenKind::RBrace) && !ended_with_brace {
                        return Err(p.unexpected());
                    }
                }
                Ok(arms)
            })
        })?;
        let span = lo.to(self.prev_span());
        Ok(self.mk(ExprKind::Match(Box::new(scrutinee), arms), span))
    }

    fn handle_expr(&mut self) -> PResult<Expr> {
        let lo = self.bump();
        let body = self.with_no_struct(true, |p| p.expr())?;
        self.expect(&TokenKind::LBrace)?;
        let mut handlers = Vec::new();
        while !self.eat(&TokenKind::RBrace) {
            let mut path = vec![self.ident()?];
            if self.eat(&TokenKind::ColonColon) {
                path.push(self.ident()?);
            }
            let params = self.handler_params()?;
            self.expect(&TokenKind::FatArrow)?;
            let block = self.block()?;
            self.eat(&TokenKind::Comma);
            handlers.push(Handler {
                path,
                params,
                body: block,
            });
        }
        let span = lo.to(self.prev_span());
        Ok(self.mk(
            ExprKind::Handle(Box::new(body), handlers.into_boxed_slice()),
            span,
        ))
    }

    fn handler_params(&mut self) -> PResult<Vec<Param>> {
        self.expect(&TokenKind::LParen)?;
        let mut params = Vec::new();
        while !self.eat(&TokenKind::RParen) {
            let name = self.ident()?;
            let ty = if self.eat(&TokenKind::Colon) {
                Some(self.ty()?)
            } else {
                None
            };
            params.push(Param {
                id: self.new_id(),
                name,
                ty,
                is_self: false,
            });
            if !self.eat(&TokenKind::Comma) {
                self.expect(&TokenKind::RParen)?;
                break;
            }
        }
        Ok(params)
    }

    fn closure_param(&mut self) -> PResult<ClosureParam> {
        let span = self.span();
        let name = if self.eat(&TokenKind::Underscore) {
            None
        } else {
            Some(self.ident()?)
        };
        let ty = if self.eat(&TokenKind::Colon) {
            Some(self.ty()?)
        } else {
            None
        };
        Ok(ClosureParam {
            id: self.new_id(),
            name,
            span,
            ty,
        })
    }

    /// `|params| expr`, `|params| -> T { }`, `|| …`.
    fn closure(&mut self) -> PResult<Expr> {
        let lo = self.span();
        let mut params = Vec::new();
        if !self.eat(&TokenKind::OrOr) {
            self.bump(); // |
            while !self.eat(&TokenKind::Pipe) {
                params.push(self.closure_param()?);
                if !self.eat(&TokenKind::Comma) {
                    self.expect(&TokenKind::Pipe)?;
                    break;
                }
            }
        }
        self.nested(|p| {
            if p.eat(&TokenKind::Arrow) {
                let ret = p.ty()?;
                let b = p.block()?;
                let bspan = b.span;
                let body = p.mk(ExprKind::Block(b), bspan);
                let span = lo.to(bspan);
                return Ok(p.mk(
                    ExprKind::Closure(params, Some(Box::new(ret)), Box::new(body)),
                    span,
                ));
            }
            let body = p.with_no_struct(false, |p| p.expr())?;
            let span = lo.to(body.span);
            Ok(p.mk(ExprKind::Closure(params, None, Box::new(body)), span))
        })
    }

    /// `fn(x) -> expr`.
    fn lambda(&mut self) -> PResult<Expr> {
        let lo = self.bump();
        self.expect(&TokenKind::LParen)?;
        let mut params = Vec::new();
        while !self.eat(&TokenKind::RParen) {
            params.push(self.closure_param()?);
            if !self.eat(&TokenKind::Comma) {
                self.expect(&TokenKind::RParen)?;
                break;
            }
        }
        self.expect(&TokenKind::Arrow)?;
        let body = self.nested(|p| p.with_no_struct(false, |p| p.expr()))?;
        let span = lo.to(body.span);
        Ok(self.mk(ExprKind::Closure(params, None, Box::new(body)), span))
    }
}
