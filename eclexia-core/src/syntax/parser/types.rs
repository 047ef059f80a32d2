//! Types (LANGUAGE §3.2) and patterns (§3.5).

use crate::span::Span;
use crate::syntax::ast::*;
use crate::syntax::token::TokenKind;

use super::{PResult, Parser};

impl Parser<'_, '_> {
    /// `type` (§3.2).
    pub(super) fn ty(&mut self) -> PResult<TypeExpr> {
        self.nested(|p| p.ty_inner())
    }

    fn ty_list(&mut self, close: &TokenKind) -> PResult<(Vec<TypeExpr>, bool)> {
        // Returns the types and whether a trailing/separating comma was seen.
        let mut tys = Vec::new();
        let mut comma = false;
        while !self.eat(close) {
            tys.push(self.ty()?);
            if self.eat(&TokenKind::Comma) {
                comma = true;
            } else {
                self.expect(close)?;
                break;
            }
        }
        Ok((tys, comma))
    }

    fn fn_ret(&mut self) -> PResult<Option<Box<TypeExpr>>> {
        if self.eat(&TokenKind::Arrow) {
            Ok(Some(Box::new(self.ty()?)))
        } else {
            Ok(None)
        }
    }

    fn ty_inner(&mut self) -> PResult<TypeExpr> {
        let lo = self.span();
        let kind = match self.peek().clone() {
            TokenKind::Fn => {
                self.bump();
                self.expect(&TokenKind::LParen)?;
                let (params, _) = self.ty_list(&TokenKind::RParen)?;
                let ret = self.fn_ret()?;
                TypeExprKind::Fn(params, ret)
            }
            TokenKind::LParen => {
                self.bump();
                let (mut tys, comma) = self.ty_list(&TokenKind::RParen)?;
                if self.at(&TokenKind::Arrow) {
                    let ret = self.fn_ret()?;
                    TypeExprKind::Fn(tys, ret)
                } else if tys.is_empty() {
                    TypeExprKind::Unit
                } else if tys.len() == 1 && !comma {
                    let mut inner = tys.pop().expect("one type");
                    inner.span = lo.to(self.prev_span());
                    return Ok(inner);
                } else {
                    TypeExprKind::Tuple(tys)
                }
            }
            TokenKind::LBracket => {
                self.bump();
                let elem = self.ty()?;
                if self.eat(&TokenKind::Semi) {
                    match self.peek() {
                        TokenKind::Int(_) => {
                            self.bump();
                        }
                        _ => return Err(self.unexpected()),
                    }
                }
                self.expect(&TokenKind::RBracket)?;
                TypeExprKind::Array(Box::new(elem))
            }
            TokenKind::Underscore => {
                self.bump();
                TypeExprKind::Infer
            }
            TokenKind::Ident(_) | TokenKind::SelfUpper => return self.type_path(),
            _ => return Err(self.unexpected()),
        };
        Ok(TypeExpr {
            kind,
            span: lo.to(self.prev_span()),
        })
    }

    /// `path [ type_args ]`; `Resource` takes a dimension expression.
    pub(super) fn type_path(&mut self) -> PResult<TypeExpr> {
        let lo = self.span();
        let mut path = Vec::new();
        if self.at(&TokenKind::SelfUpper) {
            let span = self.bump();
            let sym = self.sym("Self");
            path.push(Ident { sym, span });
        } else {
            path.push(self.ident()?);
        }
        while self.at(&TokenKind::ColonColon) {
            self.bump();
            path.push(self.ident()?);
        }
        let close = match self.peek() {
            TokenKind::Lt => TokenKind::Gt,
            TokenKind::LBracket if !self.tok().newline_before => TokenKind::RBracket,
            _ => {
                return Ok(TypeExpr {
                    kind: TypeExprKind::Path(path, Vec::new()),
                    span: lo.to(self.prev_span()),
                });
            }
        };
        self.bump();
        let is_resource = path.len() == 1 && self.sh.interner.name(path[0].sym) == "Resource";
        if is_resource {
            let d = self.dim_expr()?;
            self.close_args(&close)?;
            return Ok(TypeExpr {
                kind: TypeExprKind::Resource(d),
                span: lo.to(self.prev_span()),
            });
        }
        let mut args = Vec::new();
        loop {
            if self.at_close(&close) {
                self.close_args(&close)?;
                break;
            }
            args.push(self.ty()?);
            if !self.eat(&TokenKind::Comma) {
                self.close_args(&close)?;
                break;
            }
        }
        Ok(TypeExpr {
            kind: TypeExprKind::Path(path, args),
            span: lo.to(self.prev_span()),
        })
    }

    fn at_close(&self, close: &TokenKind) -> bool {
        if *close == TokenKind::Gt {
            matches!(self.peek(), TokenKind::Gt | TokenKind::Shr | TokenKind::Ge)
        } else {
            self.at(close)
        }
    }

    fn close_args(&mut self, close: &TokenKind) -> PResult<()> {
        if *close == TokenKind::Gt {
            self.expect_closing_angle()
        } else {
            self.expect(close).map(|_| ())
        }
    }

    /// `dim_expr = dim_factor { ( "*" | "/" ) dim_factor }`.
    fn dim_expr(&mut self) -> PResult<DimExpr> {
        self.nested(|p| {
            let first = p.dim_factor()?;
            let mut rest = Vec::new();
            loop {
                let div = match p.peek() {
                    TokenKind::Star => false,
                    TokenKind::Slash => true,
                    _ => break,
                };
                p.bump();
                rest.push((div, p.dim_factor()?));
            }
            if rest.is_empty() {
                Ok(first)
            } else {
                Ok(DimExpr::Ops(Box::new(first), rest))
            }
        })
    }

    /// `dim_factor = IDENT [ "^" [ "-" ] INT ] | "(" dim_expr ")" [ power ] | "1"`.
    fn dim_factor(&mut self) -> PResult<DimExpr> {
        match self.peek().clone() {
            TokenKind::Int(1) => Ok(DimExpr::One(self.bump())),
            TokenKind::Ident(_) => {
                let name = self.ident()?;
                let pow = self.dim_power()?;
                Ok(DimExpr::Name(name, pow))
            }
            TokenKind::LParen => {
                self.bump();
                let inner = self.dim_expr()?;
                self.expect(&TokenKind::RParen)?;
                let pow = self.dim_power()?;
                Ok(DimExpr::Group(Box::new(inner), pow))
            }
            _ => Err(self.unexpected()),
        }
    }

    fn dim_power(&mut self) -> PResult<i32> {
        if !self.eat(&TokenKind::Caret) {
            return Ok(1);
        }
        let neg = self.eat(&TokenKind::Minus);
        match *self.peek() {
            TokenKind::Int(n) if n <= i32::MAX as i64 => {
                self.bump();
                Ok(if neg { -(n as i32) } else { n as i32 })
            }
            _ => Err(self.unexpected()),
        }
    }

    /// `let_pat = IDENT | "_" | "(" let_pat { "," let_pat } [ "," ] ")"`.
    pub(super) fn let_pattern(&mut self) -> PResult<Pattern> {
        self.nested(|p| {
            let lo = p.span();
            match p.peek() {
                TokenKind::Underscore => {
                    p.bump();
                    Ok(Pattern {
                        id: p.new_id(),
                        kind: PatternKind::Wild,
                        span: lo,
                    })
                }
                TokenKind::Ident(_) => {
                    let id = p.ident()?;
                    Ok(Pattern {
                        id: p.new_id(),
                        kind: PatternKind::Ident(id),
                        span: lo,
                    })
                }
                TokenKind::LParen => {
                    p.bump();
                    let mut items = Vec::new();
                    while !p.eat(&TokenKind::RParen) {
                        items.push(p.let_pattern()?);
                        if !p.eat(&TokenKind::Comma) {
                            p.expect(&TokenKind::RParen)?;
                            break;
                        }
                    }
                    Ok(Pattern {
                        id: p.new_id(),
                        kind: PatternKind::Tuple(items),
                        span: lo.to(p.prev_span()),
                    })
                }
                _ => Err(p.unexpected()),
            }
        })
    }

    /// `pattern = pat { "|" pat }`.
    pub(super) fn pattern(&mut self) -> PResult<Pattern> {
        self.nested(|p| {
            let first = p.pat()?;
            if !p.at(&TokenKind::Pipe) {
                return Ok(first);
            }
            let lo = first.span;
            let mut alts = vec![first];
            while p.eat(&TokenKind::Pipe) {
                alts.push(p.pat()?);
            }
            let span = lo.to(p.prev_span());
            Ok(Pattern {
                id: p.new_id(),
                kind: PatternKind::Or(alts),
                span,
            })
        })
    }

    fn signed_int(&mut self) -> PResult<i64> {
        let neg = self.eat(&TokenKind::Minus);
        match *self.peek() {
            TokenKind::Int(v) => {
                self.bump();
                Ok(if neg { v.wrapping_neg() } else { v })
            }
            _ => Err(self.unexpected()),
        }
    }

    fn pat(&mut self) -> PResult<Pattern> {
        let lo = self.span();
        let done = |p: &mut Self, kind: PatternKind, lo: Span| {
            Ok(Pattern {
                id: p.new_id(),
                kind,
                span: lo.to(p.prev_span()),
            })
        };
        match self.peek().clone() {
            TokenKind::Underscore => {
                self.bump();
                done(self, PatternKind::Wild, lo)
            }
            TokenKind::Minus | TokenKind::Int(_) => {
                if self.at(&TokenKind::Minus) && matches!(self.nth(1), TokenKind::Float(_)) {
                    self.bump();
                    let TokenKind::Float(f) = *self.peek() else {
                        return Err(self.unexpected());
                    };
                    self.bump();
                    return done(self, PatternKind::Float(-f), lo);
                }
                let a = self.signed_int()?;
                let inclusive = match self.peek() {
                    TokenKind::DotDotEq => true,
                    TokenKind::DotDot => false,
                    _ => return done(self, PatternKind::Int(a), lo),
                };
                self.bump();
                let b = self.signed_int()?;
                done(self, PatternKind::IntRange(a, b, inclusive), lo)
            }
            TokenKind::Float(f) => {
                self.bump();
                done(self, PatternKind::Float(f), lo)
            }
            TokenKind::Str(s) => {
                self.bump();
                done(self, PatternKind::Str(s), lo)
            }
            TokenKind::Char(c) => {
                self.bump();
                done(self, PatternKind::Char(c), lo)
            }
            TokenKind::True | TokenKind::False => {
                let b = self.at(&TokenKind::True);
                self.bump();
                done(self, PatternKind::Bool(b), lo)
            }
            TokenKind::LParen => {
                self.bump();
                let mut items = Vec::new();
                let mut comma = false;
                while !self.eat(&TokenKind::RParen) {
                    items.push(self.pattern()?);
                    if self.eat(&TokenKind::Comma) {
                        comma = true;
                    } else {
                        self.expect(&TokenKind::RParen)?;
                        break;
                    }
                }
                if items.len() == 1 && !comma {
                    let mut inner = items.pop().expect("one pattern");
                    inner.span = lo.to(self.prev_span());
                    return Ok(inner);
                }
                done(self, PatternKind::Tuple(items), lo)
            }
            TokenKind::Ident(_) | TokenKind::SelfUpper => {
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
                while self.eat(&TokenKind::ColonColon) {
                    path.push(self.ident()?);
                }
                match self.peek() {
                    TokenKind::LParen => {
                        self.bump();
                        let mut items = Vec::new();
                        while !self.eat(&TokenKind::RParen) {
                            items.push(self.pattern()?);
                            if !self.eat(&TokenKind::Comma) {
                                self.expect(&TokenKind::RParen)?;
                                break;
                            }
                        }
                        done(self, PatternKind::TupleStruct(path, items), lo)
                    }
                    TokenKind::LBrace => {
                        self.bump();
                        let mut fields = Vec::new();
                        let mut rest = false;
                        while !self.eat(&TokenKind::RBrace) {
                            if self.eat(&TokenKind::DotDot) {
                                rest = true;
                                self.expect(&TokenKind::RBrace)?;
                                break;
                            }
                            let name = self.ident()?;
                            // `P { x }` is `P { x: x }`: the binding gets its own node.
                            let sub = if self.eat(&TokenKind::Colon) {
                                self.pattern()?
                            } else {
                                Pattern {
                                    id: self.new_id(),
                                    kind: PatternKind::Ident(name),
                                    span: name.span,
                                }
                            };
                            fields.push((name, sub));
                            if !self.eat(&TokenKind::Comma) {
                                self.expect(&TokenKind::RBrace)?;
                                break;
                            }
                        }
                        done(self, PatternKind::Struct(path, fields, rest), lo)
                    }
                    _ if path.len() == 1 => done(self, PatternKind::Ident(path[0]), lo),
                    _ => done(self, PatternKind::Path(path), lo),
                }
            }
            _ => Err(self.unexpected()),
        }
    }
}
