//! Items (LANGUAGE §3.1): functions, adaptive functions, types, impls, modules, …

use std::sync::Arc;

use crate::diagnostic::ErrorCode;
use crate::syntax::ast::*;
use crate::syntax::token::{Annot, TokenKind};

use super::{PResult, Parser};

impl Parser<'_, '_> {
    /// `program = { item } EOF`, with recovery between items.
    pub(super) fn file(&mut self) -> Vec<Item> {
        let mut items = Vec::new();
        while !self.at_eof() {
            let before = self.pos;
            match self.item() {
                Ok(Some(item)) => items.push(item),
                Ok(None) => {}
                Err(_) => {
                    self.depth = 0;
                    self.no_struct = false;
                    self.recover_to_item();
                    if self.pos == before {
                        self.bump();
                    }
                }
            }
        }
        items
    }

    /// One item, or `None` for a construct with nothing to keep (a stray `;`).
    fn item(&mut self) -> PResult<Option<Item>> {
        let lo = self.span();
        let mut requires = self.prefix_attrs()?;
        let public = self.eat(&TokenKind::Pub);
        let kind = match self.peek().clone() {
            TokenKind::Fn | TokenKind::Def => {
                let mut f = self.fn_decl(false)?;
                requires.append(&mut f.requires);
                f.requires = requires;
                ItemKind::Fn(f)
            }
            TokenKind::Adaptive => {
                let mut a = self.adaptive()?;
                requires.append(&mut a.caps);
                a.caps = requires;
                ItemKind::Adaptive(a)
            }
            _ if !requires.is_empty() => return Err(self.unexpected()),
            TokenKind::Struct => ItemKind::Struct(self.struct_item()?),
            TokenKind::Enum => {
                self.bump();
                let name = self.ident()?;
                let generics = self.generics()?;
                ItemKind::Enum(self.enum_body(name, generics)?)
            }
            TokenKind::Type => self.type_item()?,
            TokenKind::Const => ItemKind::Const(self.const_item()?),
            TokenKind::Impl => ItemKind::Impl(self.impl_item()?),
            TokenKind::Trait => ItemKind::Trait(self.trait_item()?),
            TokenKind::Module | TokenKind::Mod => {
                self.bump();
                let name = self.ident()?;
                self.expect(&TokenKind::LBrace)?;
                let mut items = Vec::new();
                while !self.at(&TokenKind::RBrace) {
                    if self.at_eof() {
                        return Err(self.unexpected());
                    }
                    if let Some(item) = self.nested(|p| p.item())? {
                        items.push(item);
                    }
                }
                self.bump();
                ItemKind::Module(ModuleDecl { name, items })
            }
            TokenKind::Use | TokenKind::Import => ItemKind::Use(self.use_item()?),
            TokenKind::Effect => ItemKind::Effect(self.effect_item()?),
            TokenKind::Macro => {
                let name = self.macro_item()?;
                ItemKind::Macro(name)
            }
            TokenKind::Semi if !public => {
                self.bump();
                return Ok(None);
            }
            _ => return Err(self.unexpected()),
        };
        let span = lo.to(self.prev_span());
        Ok(Some(Item { kind, span, public }))
    }

    /// `{ prefix_attr }`: `#[…]` (no effect), `@requires(…)` (returned), and passive
    /// annotations (no effect).
    fn prefix_attrs(&mut self) -> PResult<Vec<Bound>> {
        let mut requires = Vec::new();
        loop {
            match self.peek() {
                TokenKind::Hash => {
                    self.bump();
                    self.expect(&TokenKind::LBracket)?;
                    self.skip_balanced(&TokenKind::RBracket)?;
                }
                TokenKind::Annot(Annot::Requires) => {
                    self.bump();
                    if !self.at(&TokenKind::LParen) {
                        return Err(self.unexpected());
                    }
                    requires.extend(self.bound_kv_list_paren()?);
                }
                TokenKind::Annot(Annot::DeferUntil | Annot::Observe | Annot::Unknown) => {
                    self.passive_annot()?;
                }
                _ => return Ok(requires),
            }
        }
    }

    /// `@defer_until` / `@observe` `[ ( balanced ) ]` — accepted, no effect.
    fn passive_annot(&mut self) -> PResult<()> {
        self.bump();
        if self.at(&TokenKind::LParen) && !self.tok().newline_before {
            self.bump();
            self.skip_balanced(&TokenKind::RParen)?;
        }
        Ok(())
    }

    pub(super) fn generics(&mut self) -> PResult<Vec<GenericParam>> {
        let close = match self.peek() {
            TokenKind::Lt => TokenKind::Gt,
            TokenKind::LBracket => TokenKind::RBracket,
            _ => return Ok(Vec::new()),
        };
        self.bump();
        let mut out = Vec::new();
        loop {
            if close == TokenKind::Gt
                && matches!(self.peek(), TokenKind::Gt | TokenKind::Shr | TokenKind::Ge)
            {
                self.expect_closing_angle()?;
                break;
            }
            if self.eat(&close) {
                break;
            }
            let name = self.ident()?;
            if self.eat(&TokenKind::Colon) {
                loop {
                    self.type_path()?;
                    if !self.eat(&TokenKind::Plus) {
                        break;
                    }
                }
            }
            out.push(GenericParam { name });
            if !self.eat(&TokenKind::Comma) {
                if close == TokenKind::Gt {
                    self.expect_closing_angle()?;
                } else {
                    self.expect(&close)?;
                }
                break;
            }
        }
        Ok(out)
    }

    fn params(&mut self) -> PResult<Vec<Param>> {
        self.expect(&TokenKind::LParen)?;
        let mut params = Vec::new();
        while !self.eat(&TokenKind::RParen) {
            let by_ref = self.eat(&TokenKind::Amp);
            let param = if self.at(&TokenKind::SelfLower) {
                let span = self.bump();
                let sym = self.sym("self");
                let ty = if self.eat(&TokenKind::Colon) {
                    Some(self.ty()?)
                } else {
                    None
                };
                Param {
                    id: self.new_id(),
                    name: Ident { sym, span },
                    ty,
                    is_self: true,
                }
            } else {
                if by_ref {
                    return Err(self.unexpected());
                }
                let name = self.ident()?;
                let ty = if self.eat(&TokenKind::Colon) {
                    Some(self.ty()?)
                } else {
                    None
                };
                Param {
                    id: self.new_id(),
                    name,
                    ty,
                    is_self: false,
                }
            };
            params.push(param);
            if !self.eat(&TokenKind::Comma) {
                self.expect(&TokenKind::RParen)?;
                break;
            }
        }
        Ok(params)
    }

    fn ret_type(&mut self) -> PResult<Option<TypeExpr>> {
        if self.eat(&TokenKind::Arrow) {
            Ok(Some(self.ty()?))
        } else {
            Ok(None)
        }
    }

    /// `fn_item`; in a trait, the body may be replaced by `;` or nothing.
    fn fn_decl(&mut self, in_trait: bool) -> PResult<FnDecl> {
        self.bump(); // fn / def
        let name = self.ident()?;
        let generics = self.generics()?;
        let params = self.params()?;
        let ret = self.ret_type()?;
        let mut requires = Vec::new();
        loop {
            match self.peek() {
                TokenKind::Annot(Annot::Requires) => requires.extend(self.requires_annot()?),
                TokenKind::Annot(Annot::DeferUntil | Annot::Observe | Annot::Unknown) => {
                    self.passive_annot()?
                }
                _ => break,
            }
        }
        let body = if in_trait && !self.at(&TokenKind::LBrace) {
            self.eat(&TokenKind::Semi);
            None
        } else {
            Some(self.block()?)
        };
        Ok(FnDecl {
            name,
            generics,
            params,
            ret,
            requires,
            body,
        })
    }

    /// `@requires: a < x, …` or `@requires(a: x, …)` (the token is current).
    fn requires_annot(&mut self) -> PResult<Vec<Bound>> {
        self.bump();
        if self.eat(&TokenKind::Colon) {
            let mut out = Vec::new();
            loop {
                let resource = self.ident()?;
                if !self.eat(&TokenKind::Lt) && !self.eat(&TokenKind::Le) {
                    return Err(self.unexpected());
                }
                let amount = self.amount()?;
                out.push(Bound { resource, amount });
                if !self.eat(&TokenKind::Comma) {
                    return Ok(out);
                }
            }
        }
        if self.at(&TokenKind::LParen) {
            return self.bound_kv_list_paren();
        }
        Err(self.unexpected())
    }

    /// `( IDENT : amount { , IDENT : amount } [,] )`.
    fn bound_kv_list_paren(&mut self) -> PResult<Vec<Bound>> {
        self.expect(&TokenKind::LParen)?;
        let mut out = Vec::new();
        loop {
            let resource = self.ident()?;
            self.expect(&TokenKind::Colon)?;
            let amount = self.amount()?;
            out.push(Bound { resource, amount });
            if !self.eat(&TokenKind::Comma) {
                self.expect(&TokenKind::RParen)?;
                return Ok(out);
            }
            if self.eat(&TokenKind::RParen) {
                return Ok(out);
            }
        }
    }

    /// `IDENT : amount { , IDENT : amount }` (the `@provides:` list).
    fn bound_kv_list(&mut self) -> PResult<Vec<Bound>> {
        let mut out = Vec::new();
        loop {
            let resource = self.ident()?;
            self.expect(&TokenKind::Colon)?;
            let amount = self.amount()?;
            out.push(Bound { resource, amount });
            // A comma continues the list only if a `name :` follows.
            if self.at(&TokenKind::Comma)
                && matches!(self.nth(1), TokenKind::Ident(_))
                && *self.nth(2) == TokenKind::Colon
            {
                self.bump();
            } else {
                return Ok(out);
            }
        }
    }

    /// `amount = DIM_LIT | INT_LIT | FLOAT_LIT`.
    fn amount(&mut self) -> PResult<Amount> {
        let span = self.span();
        let (value, dim) = match *self.peek() {
            TokenKind::Dim(v, d) => (v, Some(d)),
            TokenKind::Int(i) => (i as f64, None),
            TokenKind::Float(f) => (f, None),
            _ => return Err(self.unexpected()),
        };
        self.bump();
        Ok(Amount { value, dim, span })
    }

    fn adaptive(&mut self) -> PResult<AdaptiveDecl> {
        self.bump(); // adaptive
        if !matches!(self.peek(), TokenKind::Fn | TokenKind::Def) {
            return Err(self.unexpected());
        }
        self.bump();
        let name = self.ident()?;
        let generics = self.generics()?;
        let params = self.params()?;
        let ret = self.ret_type()?;
        let mut caps = Vec::new();
        let mut objectives = Vec::new();
        loop {
            match self.peek() {
                TokenKind::Annot(Annot::Requires) => caps.extend(self.requires_annot()?),
                TokenKind::Annot(Annot::Optimize) => objectives.extend(self.optimize()?),
                TokenKind::Annot(Annot::DeferUntil | Annot::Observe | Annot::Unknown) => {
                    self.passive_annot()?
                }
                _ => break,
            }
        }
        self.expect(&TokenKind::LBrace)?;
        let mut solutions = Vec::new();
        while !self.eat(&TokenKind::RBrace) {
            solutions.push(self.solution()?);
        }
        Ok(AdaptiveDecl {
            name,
            generics,
            params,
            ret,
            caps,
            objectives,
            solutions,
        })
    }

    fn optimize(&mut self) -> PResult<Vec<Objective>> {
        self.bump();
        let paren = if self.eat(&TokenKind::Colon) {
            false
        } else {
            self.expect(&TokenKind::LParen)?;
            true
        };
        let mut out = Vec::new();
        loop {
            let maximize = if self.is_ident("minimize") {
                false
            } else if self.is_ident("maximize") {
                true
            } else {
                return Err(self.unexpected());
            };
            self.bump();
            let resource = self.ident()?;
            out.push(Objective { maximize, resource });
            if !self.eat(&TokenKind::Comma) {
                break;
            }
        }
        if paren {
            self.expect(&TokenKind::RParen)?;
        }
        Ok(out)
    }

    fn solution(&mut self) -> PResult<Solution> {
        if *self.peek() == TokenKind::Annot(Annot::Solution) {
            self.bump();
            // long form: @solution "name": { @when: guard | @provides: … } block
            let name_span = self.span();
            let name: Arc<str> = match self.peek().clone() {
                TokenKind::Str(s) => s,
                TokenKind::Ident(sym) => self.sh.interner.name(sym).into(),
                _ => return Err(self.unexpected()),
            };
            self.bump();
            self.expect(&TokenKind::Colon)?;
            let mut guard = None;
            let mut provides = Vec::new();
            loop {
                match self.peek() {
                    TokenKind::Annot(Annot::When) => {
                        self.bump();
                        self.expect(&TokenKind::Colon)?;
                        guard = Some(self.with_no_struct(true, |p| p.expr())?);
                    }
                    TokenKind::Annot(Annot::Provides) => {
                        self.bump();
                        self.expect(&TokenKind::Colon)?;
                        provides.extend(self.bound_kv_list()?);
                    }
                    _ => break,
                }
            }
            let body = self.block()?;
            return Ok(Solution {
                name,
                name_span,
                guard,
                provides,
                body,
            });
        }
        // short form: IDENT { @when(e) | @requires(…) | @provides(…) } block
        let id = self.ident()?;
        let name: Arc<str> = self.sh.interner.name(id.sym).into();
        let mut guard = None;
        let mut provides = Vec::new();
        loop {
            match self.peek() {
                TokenKind::Annot(Annot::When) => {
                    self.bump();
                    self.expect(&TokenKind::LParen)?;
                    guard = Some(self.with_no_struct(false, |p| p.expr())?);
                    self.expect(&TokenKind::RParen)?;
                }
                TokenKind::Annot(Annot::Requires | Annot::Provides) => {
                    self.bump();
                    provides.extend(self.bound_kv_list_paren()?);
                }
                _ => break,
            }
        }
        let body = self.block()?;
        Ok(Solution {
            name,
            name_span: id.span,
            guard,
            provides,
            body,
        })
    }

    fn fields(&mut self, close: &TokenKind) -> PResult<Vec<Field>> {
        let mut fields = Vec::new();
        while !self.eat(close) {
            let name = self.ident()?;
            self.expect(&TokenKind::Colon)?;
            let ty = self.ty()?;
            fields.push(Field { name, ty });
            if !self.eat(&TokenKind::Comma) {
                self.expect(close)?;
                break;
            }
        }
        Ok(fields)
    }

    fn struct_item(&mut self) -> PResult<StructDecl> {
        self.bump();
        let name = self.ident()?;
        let generics = self.generics()?;
        self.expect(&TokenKind::LBrace)?;
        let fields = self.fields(&TokenKind::RBrace)?;
        Ok(StructDecl {
            name,
            generics,
            fields,
        })
    }

    /// `{ variant, … }` after the enum's name; none is E0106.
    fn enum_body(&mut self, name: Ident, generics: Vec<GenericParam>) -> PResult<EnumDecl> {
        self.expect(&TokenKind::LBrace)?;
        let mut variants = Vec::new();
        while !self.eat(&TokenKind::RBrace) {
            let vname = self.ident()?;
            let data = match self.peek() {
                TokenKind::LParen => {
                    self.bump();
                    let mut tys = Vec::new();
                    while !self.eat(&TokenKind::RParen) {
                        tys.push(self.ty()?);
                        if !self.eat(&TokenKind::Comma) {
                            self.expect(&TokenKind::RParen)?;
                            break;
                        }
                    }
                    VariantData::Tuple(tys)
                }
                TokenKind::LBrace => {
                    self.bump();
                    VariantData::Struct(self.fields(&TokenKind::RBrace)?)
                }
                _ => VariantData::Unit,
            };
            variants.push(Variant { name: vname, data });
            if !self.eat(&TokenKind::Comma) {
                self.expect(&TokenKind::RBrace)?;
                break;
            }
        }
        if variants.is_empty() {
            let text = self.sh.interner.name(name.sym).to_string();
            return Err(self.error(
                ErrorCode::E0106,
                name.span,
                format!("enum '{text}' declares no variants"),
            ));
        }
        Ok(EnumDecl {
            name,
            generics,
            variants,
        })
    }

    fn type_item(&mut self) -> PResult<ItemKind> {
        self.bump();
        let name = self.ident()?;
        let generics = self.generics()?;
        self.expect(&TokenKind::Eq)?;
        let kind = match self.peek() {
            TokenKind::Struct if *self.nth(1) == TokenKind::LBrace => {
                self.bump();
                self.bump();
                let fields = self.fields(&TokenKind::RBrace)?;
                ItemKind::Struct(StructDecl {
                    name,
                    generics,
                    fields,
                })
            }
            TokenKind::LBrace => {
                self.bump();
                let fields = self.fields(&TokenKind::RBrace)?;
                ItemKind::Struct(StructDecl {
                    name,
                    generics,
                    fields,
                })
            }
            TokenKind::Enum => {
                self.bump();
                ItemKind::Enum(self.enum_body(name, generics)?)
            }
            _ => {
                let ty = self.ty()?;
                ItemKind::TypeAlias(TypeAliasDecl { name, generics, ty })
            }
        };
        self.eat(&TokenKind::Semi);
        Ok(kind)
    }

    fn const_item(&mut self) -> PResult<ConstDecl> {
        self.bump();
        let name = self.ident()?;
        let ty = if self.eat(&TokenKind::Colon) {
            Some(self.ty()?)
        } else {
            None
        };
        self.expect(&TokenKind::Eq)?;
        let value = self.expr()?;
        self.eat(&TokenKind::Semi);
        Ok(ConstDecl { name, ty, value })
    }

    /// Functions inside `impl`/`trait` bodies, with optional attributes and `pub`.
    fn member_fns(&mut self, in_trait: bool) -> PResult<Vec<FnDecl>> {
        self.expect(&TokenKind::LBrace)?;
        let mut methods = Vec::new();
        while !self.eat(&TokenKind::RBrace) {
            let mut requires = self.prefix_attrs()?;
            self.eat(&TokenKind::Pub);
            if !matches!(self.peek(), TokenKind::Fn | TokenKind::Def) {
                return Err(self.unexpected());
            }
            let mut f = self.fn_decl(in_trait)?;
            requires.append(&mut f.requires);
            f.requires = requires;
            methods.push(f);
            self.eat(&TokenKind::Semi);
        }
        Ok(methods)
    }

    fn impl_item(&mut self) -> PResult<ImplDecl> {
        self.bump();
        // `impl[T] Stack[T]`: a `[` starts generics when `IDENT ]`, `IDENT ,` or
        // `IDENT :` follows (otherwise it is an array type being implemented).
        let bracket_generics = self.at(&TokenKind::LBracket)
            && matches!(self.nth(1), TokenKind::Ident(_))
            && matches!(
                self.nth(2),
                TokenKind::RBracket | TokenKind::Comma | TokenKind::Colon
            );
        let generics = if self.at(&TokenKind::Lt) || bracket_generics {
            self.generics()?
        } else {
            Vec::new()
        };
        let first = self.ty()?;
        let (trait_ref, self_ty) = if self.eat(&TokenKind::For) {
            (Some(first), self.ty()?)
        } else {
            (None, first)
        };
        let methods = self.member_fns(false)?;
        Ok(ImplDecl {
            generics,
            trait_ref,
            self_ty,
            methods,
        })
    }

    fn trait_item(&mut self) -> PResult<TraitDecl> {
        self.bump();
        let name = self.ident()?;
        let generics = self.generics()?;
        let methods = self.member_fns(true)?;
        Ok(TraitDecl {
            name,
            generics,
            methods,
        })
    }

    fn use_item(&mut self) -> PResult<UseDecl> {
        self.bump();
        let mut path = vec![self.ident()?];
        let mut kind = UseKind::Single(None);
        while self.eat(&TokenKind::ColonColon) {
            match self.peek() {
                TokenKind::Star => {
                    self.bump();
                    kind = UseKind::Glob;
                    break;
                }
                TokenKind::LBrace => {
                    self.bump();
                    let mut names = Vec::new();
                    while !self.eat(&TokenKind::RBrace) {
                        names.push(self.ident()?);
                        if !self.eat(&TokenKind::Comma) {
                            self.expect(&TokenKind::RBrace)?;
                            break;
                        }
                    }
                    kind = UseKind::List(names);
                    break;
                }
                _ => path.push(self.ident()?),
            }
        }
        if self.eat(&TokenKind::As) {
            let alias = self.ident()?;
            if let UseKind::Single(_) = kind {
                kind = UseKind::Single(Some(alias));
            }
        }
        self.eat(&TokenKind::Semi);
        Ok(UseDecl { path, kind })
    }

    fn effect_item(&mut self) -> PResult<EffectDecl> {
        self.bump();
        let name = self.ident()?;
        let generics = self.generics()?;
        self.expect(&TokenKind::LBrace)?;
        let mut ops = Vec::new();
        while !self.eat(&TokenKind::RBrace) {
            let op = self.ident()?;
            let params = self.params()?;
            let ret = self.ret_type()?;
            self.eat(&TokenKind::Semi);
            self.eat(&TokenKind::Comma);
            ops.push(EffectOp {
                name: op,
                params,
                ret,
            });
        }
        Ok(EffectDecl {
            name,
            generics,
            ops,
        })
    }
}
