//! Expression inference (LANGUAGE §5.3–§5.5).

use crate::diagnostic::ErrorCode;
use crate::span::Span;
use crate::syntax::ast::*;

use super::env::{AdtKind, FnId, TypeDef, VData, Value, nom_key};
use super::types::{AdtId, Ty, subst_params};
use super::{Checker, FnCx, Res};

/// What a value path names.
#[derive(Clone, Debug)]
pub(super) enum ValueRes {
    /// Type, binding node, closure level of the declaration.
    Local(Ty, ExprId, u32),
    Fn(FnId),
    Const(u32),
    Variant(AdtId, u32),
    Builtin(&'static str),
    Host(u32),
    Ambiguous,
    Undefined,
}

impl ValueRes {
    /// What the compiler needs to know of this resolution.
    pub(super) fn res(&self) -> Res {
        match *self {
            ValueRes::Local(_, b, _) => Res::Local(b),
            ValueRes::Fn(f) => Res::Fn(f),
            ValueRes::Const(c) => Res::Const(c),
            ValueRes::Variant(a, i) => Res::Variant(a, i),
            ValueRes::Builtin(b) => Res::Builtin(b),
            ValueRes::Host(h) => Res::Host(h),
            ValueRes::Ambiguous | ValueRes::Undefined => Res::None,
        }
    }
}

impl<'a> Checker<'a> {
    /// Infers `e`, using `expected` as a hint for closures and empty containers (callers
    /// unify with it and report mismatches).
    pub(super) fn expr(&mut self, e: &'a Expr, expected: Option<&Ty>) -> Ty {
        let t = crate::stack::guard(|| self.expr_inner(e, expected));
        self.record(e.id, &t);
        t
    }

    fn expr_inner(&mut self, e: &'a Expr, expected: Option<&Ty>) -> Ty {
        match &e.kind {
            ExprKind::Int(_) => Ty::Int,
            ExprKind::Float(_) => Ty::Float,
            ExprKind::Dim(_, d) => Ty::resource(*d),
            ExprKind::Str(_) => Ty::Str,
            ExprKind::Char(_) => Ty::Char,
            ExprKind::Bool(_) => Ty::Bool,
            ExprKind::Unit => Ty::Unit,
            ExprKind::Path(path) => self.path_value(path, e.id, e.span),
            ExprKind::StructLit(path, fields) => self.struct_lit(e.id, path, fields, e.span),
            ExprKind::Tuple(items) => {
                let hints = match expected.map(|t| self.shallow(t)) {
                    Some(Ty::Tuple(ts)) if ts.len() == items.len() => Some(ts),
                    _ => None,
                };
                Ty::Tuple(
                    items
                        .iter()
                        .enumerate()
                        .map(|(i, x)| {
                            let h = hints.as_ref().map(|h| h[i].clone());
                            self.expr(x, h.as_ref())
                        })
                        .collect(),
                )
            }
            ExprKind::Array(items) => {
                let elem_hint = match expected.map(|t| self.shallow(t)) {
                    Some(Ty::Array(t)) => Some(*t),
                    _ => None,
                };
                let mut elem: Option<Ty> = None;
                for x in items {
                    let hint = elem.clone().or_else(|| elem_hint.clone());
                    let t = self.expr(x, hint.as_ref());
                    match &elem {
                        None => elem = Some(t),
                        Some(first) => {
                            let first = first.clone();
                            if !self.expect_ty(&first, &t, x.span) {
                                elem = Some(Ty::Error);
                            }
                        }
                    }
                }
                Ty::array(elem.or(elem_hint).unwrap_or_else(|| self.fresh()))
            }
            ExprKind::Repeat(x, n) => {
                let t = self.expr(x, None);
                let nt = self.expr(n, Some(&Ty::Int));
                self.expect_ty(&Ty::Int, &nt, n.span);
                Ty::array(t)
            }
            ExprKind::Block(b) => self.block(b, expected),
            ExprKind::If(branches, else_block) => {
                self.if_expr(branches, else_block.as_deref(), expected)
            }
            ExprKind::Match(scrut, arms) => self.match_expr(scrut, arms, expected),
            ExprKind::While(cond, body) => {
                let c = self.expr(cond, Some(&Ty::Bool));
                self.expect_ty(&Ty::Bool, &c, cond.span);
                self.fcx.loops.push(None);
                self.fcx.loop_broke.push(false);
                self.block(body, None);
                self.fcx.loops.pop();
                self.fcx.loop_broke.pop();
                Ty::Unit
            }
            ExprKind::For(pat, iter, body) => {
                let it = self.expr(iter, None);
                let elem = match self.shallow(&it) {
                    Ty::Range => Ty::Int,
                    Ty::Array(t) => *t,
                    Ty::Str => Ty::Char,
                    Ty::Error | Ty::Never => Ty::Error,
                    Ty::Var(_) => {
                        let t = self.fresh();
                        let _ = self.subst.unify(&it, &Ty::array(t.clone()));
                        t
                    }
                    other => {
                        let s = self.show(&other);
                        self.error(
                            ErrorCode::E0308,
                            iter.span,
                            format!("operator 'for' cannot be applied to {s}"),
                        );
                        Ty::Error
                    }
                };
                let mark = self.locals.len();
                self.bind_pattern(pat, &elem);
                self.fcx.loops.push(None);
                self.fcx.loop_broke.push(false);
                self.block(body, None);
                self.fcx.loops.pop();
                self.fcx.loop_broke.pop();
                self.locals.truncate(mark);
                Ty::Unit
            }
            ExprKind::Loop(body) => {
                let bt = self.fresh();
                self.fcx.loops.push(Some(bt.clone()));
                self.fcx.loop_broke.push(false);
                self.block(body, None);
                self.fcx.loops.pop();
                let broke = self.fcx.loop_broke.pop().unwrap_or(false);
                if broke { bt } else { Ty::Never }
            }
            ExprKind::Handle(body, handlers) => {
                let t = self.expr(body, expected);
                for h in handlers {
                    let mark = self.locals.len();
                    let scope = self.ty_scope();
                    for p in &h.params {
                        let pt = match &p.ty {
                            Some(te) => self.resolve_type(te, &scope),
                            None => self.fresh(),
                        };
                        self.push_local(p.name.sym, pt, p.id);
                    }
                    self.block(&h.body, None);
                    self.locals.truncate(mark);
                }
                t
            }
            ExprKind::Closure(params, ret, body) => {
                self.closure(e.id, params, ret.as_deref(), body, expected)
            }
            ExprKind::Return(value) => {
                let ret = self.fcx.ret.clone().unwrap_or(Ty::Unit);
                match value {
                    Some(v) => {
                        let t = self.expr(v, Some(&ret));
                        self.expect_ty(&ret, &t, v.span);
                    }
                    None => {
                        self.expect_ty(&ret, &Ty::Unit, e.span);
                    }
                }
                Ty::Never
            }
            ExprKind::Break(value) => {
                let Some(kind) = self.fcx.loops.last().cloned() else {
                    self.error(ErrorCode::E0312, e.span, "'break' outside of a loop".into());
                    if let Some(v) = value {
                        self.expr(v, None);
                    }
                    return Ty::Never;
                };
                if let Some(b) = self.fcx.loop_broke.last_mut() {
                    *b = true;
                }
                let want = kind.unwrap_or(Ty::Unit);
                match value {
                    Some(v) => {
                        let t = self.expr(v, Some(&want));
                        self.expect_ty(&want, &t, v.span);
                    }
                    None => {
                        self.expect_ty(&want, &Ty::Unit, e.span);
                    }
                }
                Ty::Never
            }
            ExprKind::Continue => {
                if self.fcx.loops.is_empty() {
                    self.error(
                        ErrorCode::E0312,
                        e.span,
                        "'continue' outside of a loop".into(),
                    );
                }
                Ty::Never
            }
            ExprKind::Chain(first, rest) => {
                let mut acc = self.expr(first, None);
                for (op, op_span, rhs) in rest {
                    let hint = if acc.is_num() {
                        Some(acc.clone())
                    } else {
                        None
                    };
                    let rt = self.expr(rhs, hint.as_ref());
                    acc = self.binop(*op, &acc, &rt, e.span, *op_span);
                }
                acc
            }
            ExprKind::Pow(base, exp, op_span) => {
                let b = self.expr(base, None);
                let x = self.expr(exp, None);
                self.binop(BinOp::Pow, &b, &x, e.span, *op_span)
            }
            ExprKind::Unary(op, op_span, operand) => {
                let t = self.expr(operand, None);
                self.unop(*op, &t, *op_span)
            }
            ExprKind::Paren(inner) => self.expr(inner, expected),
            ExprKind::Cast(x, te) => {
                let t = self.expr(x, None);
                let scope = self.ty_scope();
                let target = self.resolve_type(te, &scope);
                self.cast(&t, &target, e.span)
            }
            ExprKind::Range(lo, hi, _) => {
                let a = self.expr(lo, Some(&Ty::Int));
                let b = self.expr(hi, Some(&Ty::Int));
                let (sa, sb) = (self.shallow(&a), self.shallow(&b));
                for (t, x) in [(&sa, lo), (&sb, hi)] {
                    if let Ty::Var(_) = t {
                        let _ = self.subst.unify(t, &Ty::Int);
                        let _ = x;
                    }
                }
                let (sa, sb) = (self.shallow(&a), self.shallow(&b));
                match (&sa, &sb) {
                    (Ty::Int, Ty::Int) => Ty::Range,
                    (x, y) if x.is_quiet() || y.is_quiet() => Ty::Range,
                    _ => {
                        let op = if matches!(e.kind, ExprKind::Range(_, _, true)) {
                            "..="
                        } else {
                            ".."
                        };
                        let msg = format!(
                            "operator '{op}' cannot be applied to {} and {}",
                            self.show(&sa),
                            self.show(&sb)
                        );
                        self.error(ErrorCode::E0308, e.span, msg);
                        Ty::Error
                    }
                }
            }
            ExprKind::Call(callee, args) => self.call(callee, args, e.span),
            ExprKind::MethodCall(recv, name, args) => self.method_call(e.id, recv, *name, args),
            ExprKind::Field(base, name) => {
                let t = self.expr(base, None);
                self.field(&t, *name)
            }
            ExprKind::TupleField(base, idx, span) => {
                let t = self.expr(base, None);
                match self.shallow(&t) {
                    Ty::Tuple(ts) if (*idx as usize) < ts.len() => ts[*idx as usize].clone(),
                    Ty::Error | Ty::Never => Ty::Error,
                    other => {
                        let s = self.show(&other);
                        self.error(
                            ErrorCode::E0304,
                            *span,
                            format!("type {s} has no field or method '{idx}'"),
                        );
                        Ty::Error
                    }
                }
            }
            ExprKind::Index(base, idx) => {
                let bt = self.expr(base, None);
                let it = self.expr(idx, Some(&Ty::Int));
                let mut b = self.shallow(&bt);
                if let Ty::Var(_) = b {
                    let t = self.fresh();
                    let _ = self.subst.unify(&b, &Ty::array(t));
                    b = self.shallow(&b);
                }
                let i = self.shallow(&it);
                if let Ty::Var(_) = i {
                    let _ = self.subst.unify(&i, &Ty::Int);
                }
                let i = self.shallow(&it);
                match (&b, &i) {
                    (Ty::Array(elem), Ty::Int) => (**elem).clone(),
                    (x, y) if x.is_quiet() || y.is_quiet() => Ty::Error,
                    _ => {
                        let msg = format!(
                            "operator '[]' cannot be applied to {} and {}",
                            self.show(&b),
                            self.show(&i)
                        );
                        self.error(ErrorCode::E0308, e.span, msg);
                        Ty::Error
                    }
                }
            }
            ExprKind::Try(inner) => self.try_expr(inner),
            ExprKind::UndefinedMacro(name) => {
                let text = self.name(name.sym).to_string();
                self.error(
                    ErrorCode::E0201,
                    name.span,
                    format!("undefined variable '{text}'"),
                );
                Ty::Error
            }
            ExprKind::Error => Ty::Error,
        }
    }

    pub(super) fn ty_scope(&self) -> super::env::TyScope {
        super::env::TyScope {
            module: self.fcx.module,
            generics: self.fcx.generics.clone(),
            self_ty: self.fcx.self_ty.clone(),
        }
    }

    /// The function type of host function `h`.
    fn host_fn_type(&self, h: u32) -> Ty {
        let sig = &self.hosts[h as usize];
        Ty::Fn(
            sig.params.iter().map(|p| p.ty()).collect(),
            Box::new(sig.ret.ty()),
        )
    }

    // ----- names ------------------------------------------------------------------------

    /// Resolves a value path (§4).
    pub(super) fn resolve_value(&self, path: &[Ident]) -> ValueRes {
        let first = path[0];
        if path.len() == 1 {
            if let Some(l) = self.lookup_local(first.sym) {
                return ValueRes::Local(l.ty.clone(), l.binding, l.level);
            }
            let mut s = Some(self.fcx.module);
            while let Some(m) = s {
                let scope = &self.env.scopes[m as usize];
                if let Some(v) = scope.values.get(&first.sym) {
                    return match *v {
                        Value::Fn(id) => ValueRes::Fn(id),
                        Value::Const(c) => ValueRes::Const(c),
                    };
                }
                if let Some(vs) = scope.variants.get(&first.sym) {
                    return if vs.len() == 1 {
                        ValueRes::Variant(vs[0].0, vs[0].1)
                    } else {
                        ValueRes::Ambiguous
                    };
                }
                s = scope.parent;
            }
            let name = self.name(first.sym);
            if let Some(h) = self.hosts.iter().position(|h| h.name == name) {
                return ValueRes::Host(h as u32);
            }
            return match super::builtins::builtin_name(name) {
                Some(b) => ValueRes::Builtin(b),
                None => ValueRes::Undefined,
            };
        }
        let (last, prefix) = path.split_last().expect("path has segments");
        // `Self::x` and `Type::x`: variants and associated functions.
        let ty = if prefix.len() == 1 && self.name(prefix[0].sym) == "Self" {
            self.fcx.self_ty.clone()
        } else {
            match self.lookup_type_path(self.fcx.module, prefix) {
                Some(TypeDef::Adt(id)) => Some(Ty::Adt(id, Vec::new())),
                Some(TypeDef::Alias(a)) => match &self.env.aliases[a as usize].state {
                    super::env::AliasState::Done(t) => Some(t.clone()),
                    _ => None,
                },
                _ => None,
            }
        };
        if let Some(ty) = ty {
            if let Ty::Adt(id, _) = ty {
                if let AdtKind::Enum(vs) = &self.env.adts[id.0 as usize].kind {
                    if let Some(i) = vs.iter().position(|v| v.name == last.sym) {
                        return ValueRes::Variant(id, i as u32);
                    }
                }
            }
            if let Some(key) = nom_key(&ty) {
                if let Some(&f) = self.env.methods.get(&(key, last.sym)) {
                    return ValueRes::Fn(f);
                }
            }
            return ValueRes::Undefined;
        }
        if let Some(m) = self.module_path(self.fcx.module, prefix) {
            let scope = &self.env.scopes[m as usize];
            if let Some(v) = scope.values.get(&last.sym) {
                return match *v {
                    Value::Fn(id) => ValueRes::Fn(id),
                    Value::Const(c) => ValueRes::Const(c),
                };
            }
            if let Some(vs) = scope.variants.get(&last.sym) {
                if vs.len() == 1 {
                    return ValueRes::Variant(vs[0].0, vs[0].1);
                }
                return ValueRes::Ambiguous;
            }
        }
        ValueRes::Undefined
    }

    pub(super) fn path_text(&self, path: &[Ident]) -> String {
        path.iter()
            .map(|p| self.name(p.sym))
            .collect::<Vec<_>>()
            .join("::")
    }

    fn path_value(&mut self, path: &[Ident], id: ExprId, span: Span) -> Ty {
        let vr = self.resolve_value(path);
        self.set_res(id, vr.res());
        match vr {
            ValueRes::Local(t, binding, level) => {
                self.use_local(binding, level);
                t
            }
            ValueRes::Fn(id) => {
                let (params, ret) = self.instantiate(id);
                Ty::Fn(params, Box::new(ret))
            }
            ValueRes::Const(c) => self.const_type(c),
            ValueRes::Variant(adt, idx) => self.variant_value(adt, idx),
            ValueRes::Builtin(b) => self.builtin_value(b),
            ValueRes::Host(h) => self.host_fn_type(h),
            ValueRes::Ambiguous => {
                let text = self.path_text(path);
                self.error(
                    ErrorCode::E0311,
                    span,
                    format!("ambiguous variant '{text}'"),
                );
                Ty::Error
            }
            ValueRes::Undefined => self.undefined(path),
        }
    }

    /// Reports E0201 for a path that names nothing.
    pub(super) fn undefined(&mut self, path: &[Ident]) -> Ty {
        let text = self.path_text(path);
        self.error(
            ErrorCode::E0201,
            path[0].span,
            format!("undefined variable '{text}'"),
        );
        Ty::Error
    }

    /// A use of a local: if it was declared outside the innermost closure, that closure
    /// (and every closure in between) captures it.
    pub(super) fn use_local(&mut self, binding: ExprId, level: u32) {
        if (level as usize) < self.closures.len() {
            self.note_capture(binding, level);
        }
    }

    pub(super) fn const_type(&mut self, c: u32) -> Ty {
        self.ensure_const(c);
        self.env.consts[c as usize].ty.clone().unwrap_or(Ty::Error)
    }

    /// Fresh type arguments for an ADT.
    fn adt_args(&mut self, adt: AdtId) -> Vec<Ty> {
        let n = self.env.adts[adt.0 as usize].generics.len();
        (0..n).map(|_| self.fresh()).collect()
    }

    /// Substitutes an ADT's type parameters by `args` in `t`.
    pub(super) fn adt_subst(&self, adt: AdtId, args: &[Ty], t: &Ty) -> Ty {
        let gens = &self.env.adts[adt.0 as usize].generics;
        subst_params(t, &|p| {
            gens.iter()
                .position(|&g| g == p)
                .and_then(|i| args.get(i).cloned())
        })
    }

    /// A variant used as a value: unit variants are values, tuple variants constructors.
    fn variant_value(&mut self, adt: AdtId, idx: u32) -> Ty {
        let args = self.adt_args(adt);
        let me = Ty::Adt(adt, args.clone());
        let AdtKind::Enum(vs) = &self.env.adts[adt.0 as usize].kind else {
            return Ty::Error;
        };
        match vs[idx as usize].data.clone() {
            VData::Unit => me,
            VData::Tuple(ts) => {
                let ps = ts.iter().map(|t| self.adt_subst(adt, &args, t)).collect();
                Ty::Fn(ps, Box::new(me))
            }
            VData::Struct(_) => me,
        }
    }

    /// A function's signature with fresh variables for its type parameters.
    pub(super) fn instantiate(&mut self, id: FnId) -> (Vec<Ty>, Ty) {
        let info = &self.env.fns[id.0 as usize];
        let generics = info.generics.clone();
        let params = info.params.clone();
        let ret = info.ret.clone();
        if generics.is_empty() {
            return (params, ret);
        }
        let fresh: Vec<Ty> = generics.iter().map(|_| self.fresh()).collect();
        let map = |p: u32| {
            generics
                .iter()
                .position(|&g| g == p)
                .map(|i| fresh[i].clone())
        };
        (
            params.iter().map(|t| subst_params(t, &map)).collect(),
            subst_params(&ret, &map),
        )
    }

    // ----- structs ----------------------------------------------------------------------

    fn struct_lit(
        &mut self,
        id: ExprId,
        path: &'a [Ident],
        fields: &'a [FieldInit],
        span: Span,
    ) -> Ty {
        // A struct, a struct variant (`Shape::Box { … }` or unqualified), or an alias.
        let mut target: Option<(AdtId, Option<u32>)> = None;
        match self.lookup_type_path(self.fcx.module, path) {
            Some(TypeDef::Adt(id))
                if matches!(self.env.adts[id.0 as usize].kind, AdtKind::Struct(_)) =>
            {
                target = Some((id, None));
            }
            Some(TypeDef::Alias(a)) => {
                if let super::env::AliasState::Done(Ty::Adt(id, _)) =
                    &self.env.aliases[a as usize].state
                {
                    target = Some((*id, None));
                }
            }
            _ => {}
        }
        if target.is_none() && path.len() == 1 && self.name(path[0].sym) == "Self" {
            if let Some(Ty::Adt(id, _)) = &self.fcx.self_ty {
                target = Some((*id, None));
            }
        }
        if target.is_none() {
            if let ValueRes::Variant(adt, idx) = self.resolve_value(path) {
                target = Some((adt, Some(idx)));
            }
        }
        let Some((adt, variant)) = target else {
            for f in fields {
                self.expr(&f.value, None);
            }
            let text = self.path_text(path);
            self.error(
                ErrorCode::E0305,
                path[0].span,
                format!("unknown type '{text}'"),
            );
            return Ty::Error;
        };
        let r = match variant {
            Some(i) => Res::Variant(adt, i),
            None => Res::Struct(adt),
        };
        self.set_res(id, r);
        let args = self.adt_args(adt);
        let decl: Vec<(crate::syntax::token::Symbol, Ty)> =
            match (&self.env.adts[adt.0 as usize].kind, variant) {
                (AdtKind::Struct(fs), None) => fs.clone(),
                (AdtKind::Enum(vs), Some(i)) => match &vs[i as usize].data {
                    VData::Struct(fs) => fs.clone(),
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            };
        let sname = match variant {
            Some(i) => match &self.env.adts[adt.0 as usize].kind {
                AdtKind::Enum(vs) => self.name(vs[i as usize].name).to_string(),
                AdtKind::Struct(_) => String::new(),
            },
            None => self.name(self.env.adts[adt.0 as usize].name).to_string(),
        };
        let mut seen: Vec<crate::syntax::token::Symbol> = Vec::new();
        for f in fields {
            let fname = self.name(f.name.sym).to_string();
            match decl.iter().find(|(n, _)| *n == f.name.sym) {
                None => {
                    self.expr(&f.value, None);
                    self.error(
                        ErrorCode::E0314,
                        f.name.span,
                        format!("struct '{sname}': unknown field '{fname}'"),
                    );
                }
                Some((_, fty)) => {
                    let want = self.adt_subst(adt, &args, fty);
                    let t = self.expr(&f.value, Some(&want));
                    if seen.contains(&f.name.sym) {
                        self.error(
                            ErrorCode::E0314,
                            f.name.span,
                            format!("struct '{sname}': repeated field '{fname}'"),
                        );
                    } else {
                        self.expect_ty(&want, &t, f.value.span);
                        seen.push(f.name.sym);
                    }
                }
            }
        }
        for (n, _) in &decl {
            if !seen.contains(n) {
                let fname = self.name(*n).to_string();
                self.error(
                    ErrorCode::E0314,
                    span,
                    format!("struct '{sname}': missing field '{fname}'"),
                );
            }
        }
        Ty::Adt(adt, args)
    }

    /// `t.name` for a struct value.
    fn field(&mut self, t: &Ty, name: Ident) -> Ty {
        let t = self.shallow(t);
        if let Ty::Adt(id, args) = &t {
            if let AdtKind::Struct(fs) = &self.env.adts[id.0 as usize].kind {
                if let Some((_, ft)) = fs.iter().find(|(n, _)| *n == name.sym) {
                    let ft = ft.clone();
                    return self.adt_subst(*id, args, &ft);
                }
            }
        }
        if t.is_quiet() {
            return Ty::Error;
        }
        self.no_member(&t, name);
        Ty::Error
    }

    pub(super) fn no_member(&mut self, t: &Ty, name: Ident) {
        let s = self.show(t);
        let text = self.name(name.sym).to_string();
        self.error(
            ErrorCode::E0304,
            name.span,
            format!("type {s} has no field or method '{text}'"),
        );
    }

    // ----- closures ---------------------------------------------------------------------

    fn closure(
        &mut self,
        closure_id: ExprId,
        params: &'a [ClosureParam],
        ret: Option<&'a TypeExpr>,
        body: &'a Expr,
        expected: Option<&Ty>,
    ) -> Ty {
        let hint = match expected.map(|t| self.shallow(t)) {
            Some(Ty::Fn(ps, r)) if ps.len() == params.len() => Some((ps, *r)),
            _ => None,
        };
        let scope = self.ty_scope();
        let mut ptys = Vec::new();
        for (i, p) in params.iter().enumerate() {
            let t = match &p.ty {
                Some(te) => {
                    let t = self.resolve_type(te, &scope);
                    if let Some((hp, _)) = &hint {
                        let _ = self.subst.unify(&hp[i], &t);
                    }
                    t
                }
                None => match &hint {
                    Some((hp, _)) => hp[i].clone(),
                    None => self.fresh(),
                },
            };
            ptys.push(t);
        }
        let ret_ty = match ret {
            Some(te) => self.resolve_type(te, &scope),
            None => match &hint {
                Some((_, r)) => r.clone(),
                None => self.fresh(),
            },
        };
        let mark = self.locals.len();
        for (p, t) in params.iter().zip(&ptys) {
            if let Some(n) = p.name {
                self.push_local(n.sym, t.clone(), p.id);
            }
        }
        let fcx = FnCx {
            ret: Some(ret_ty.clone()),
            loops: Vec::new(),
            loop_broke: Vec::new(),
            module: self.fcx.module,
            generics: self.fcx.generics.clone(),
            self_ty: self.fcx.self_ty.clone(),
        };
        self.closures.push(closure_id);
        self.in_fn(fcx, |cx| {
            let bt = cx.expr(body, Some(&ret_ty));
            let at = cx.value_span(body);
            cx.expect_ty(&ret_ty, &bt, at);
        });
        self.closures.pop();
        self.locals.truncate(mark);
        Ty::Fn(ptys, Box::new(ret_ty))
    }

    /// Where a mismatch in the value of `e` points: a block's tail expression (or its
    /// `{` when it has none), otherwise `e` itself.
    pub(super) fn value_span(&self, e: &Expr) -> Span {
        match &e.kind {
            ExprKind::Block(b) => self.block_value_span(b),
            _ => e.span,
        }
    }

    pub(super) fn block_value_span(&self, b: &Block) -> Span {
        match &b.tail {
            Some(t) => self.value_span(t),
            None => b.span.start(),
        }
    }

    // ----- `?` --------------------------------------------------------------------------

    fn try_expr(&mut self, inner: &'a Expr) -> Ty {
        let t = self.expr(inner, None);
        let ret = self.fcx.ret.clone().unwrap_or(Ty::Unit);
        match self.shallow(&t) {
            Ty::Error | Ty::Never => Ty::Error,
            Ty::Adt(AdtId::OPTION, args) => {
                let want = Ty::option(self.fresh());
                if self.subst.unify(&ret, &want).is_err() {
                    let msg = format!("expected {}, found {}", self.show(&ret), self.show(&t));
                    self.error(ErrorCode::E0301, inner.span, msg);
                    return Ty::Error;
                }
                args[0].clone()
            }
            Ty::Adt(AdtId::RESULT, args) => {
                // §5.5: the error types must agree; say which two differ.
                let want = Ty::result(self.fresh(), self.fresh());
                if self.subst.unify(&ret, &want).is_err() {
                    let msg = format!("expected {}, found {}", self.show(&ret), self.show(&t));
                    self.error(ErrorCode::E0301, inner.span, msg);
                    return Ty::Error;
                }
                if let Ty::Adt(_, ret_args) = self.shallow(&ret) {
                    if !self.expect_ty(&ret_args[1], &args[1], inner.span) {
                        return Ty::Error;
                    }
                }
                args[0].clone()
            }
            other => {
                let msg = format!("expected Option<_>, found {}", self.show(&other));
                self.error(ErrorCode::E0301, inner.span, msg);
                Ty::Error
            }
        }
    }

    // ----- calls ------------------------------------------------------------------------

    fn call(&mut self, callee: &'a Expr, args: &'a [Expr], span: Span) -> Ty {
        let at = callee.span;
        if let ExprKind::Path(path) = &callee.kind {
            match self.resolve_value(path) {
                ValueRes::Host(h) => {
                    self.set_res(callee.id, Res::Host(h));
                    let Ty::Fn(params, ret) = self.host_fn_type(h) else {
                        return Ty::Error;
                    };
                    self.record(callee.id, &Ty::Fn(params.clone(), ret.clone()));
                    let name = self.hosts[h as usize].name.clone();
                    return self.check_args(&name, &params, args, *ret, at);
                }
                ValueRes::Builtin(b) => {
                    self.set_res(callee.id, Res::Builtin(b));
                    let argv: Vec<super::builtins::Arg<'a>> =
                        args.iter().map(super::builtins::Arg::expr).collect();
                    let t = self.builtin_call(b, at, &argv, span);
                    self.record(callee.id, &Ty::Error);
                    return t;
                }
                ValueRes::Fn(id) => {
                    self.set_res(callee.id, Res::Fn(id));
                    let (params, ret) = self.instantiate(id);
                    self.record(callee.id, &Ty::Fn(params.clone(), Box::new(ret.clone())));
                    let name = self.env.fns[id.0 as usize].name.clone();
                    return self.check_args(&name, &params, args, ret, at);
                }
                ValueRes::Variant(adt, idx) => {
                    self.set_res(callee.id, Res::Variant(adt, idx));
                    let t = self.variant_value(adt, idx);
                    self.record(callee.id, &t);
                    let name = self.path_text(&path[path.len() - 1..]);
                    return match t {
                        Ty::Fn(params, ret) => self.check_args(&name, &params, args, *ret, at),
                        other => self.not_callable(&other, args, at),
                    };
                }
                _ => {}
            }
        }
        let ct = self.expr(callee, None);
        match self.shallow(&ct) {
            Ty::Fn(params, ret) => {
                let name = self.text(callee.span).to_string();
                self.check_args(&name, &params, args, *ret, at)
            }
            Ty::Var(_) => {
                let params: Vec<Ty> = args.iter().map(|_| self.fresh()).collect();
                let ret = self.fresh();
                let _ = self
                    .subst
                    .unify(&ct, &Ty::Fn(params.clone(), Box::new(ret.clone())));
                let name = self.text(callee.span).to_string();
                self.check_args(&name, &params, args, ret, at)
            }
            Ty::Error | Ty::Never => {
                for a in args {
                    self.expr(a, None);
                }
                Ty::Error
            }
            other => self.not_callable(&other, args, at),
        }
    }

    fn not_callable(&mut self, t: &Ty, args: &'a [Expr], at: Span) -> Ty {
        for a in args {
            self.expr(a, None);
        }
        let s = self.show(t);
        self.error(
            ErrorCode::E0303,
            at,
            format!("value of type {s} is not callable"),
        );
        Ty::Error
    }

    pub(super) fn arity_error(&mut self, name: &str, want: usize, found: usize, at: Span) {
        self.error(
            ErrorCode::E0302,
            at,
            format!("'{name}' expects {want} argument(s), found {found}"),
        );
    }

    /// Checks `args` against `params` left to right (§5.3) and returns `ret`.
    pub(super) fn check_args(
        &mut self,
        name: &str,
        params: &[Ty],
        args: &'a [Expr],
        ret: Ty,
        at: Span,
    ) -> Ty {
        if params.len() != args.len() {
            for a in args {
                self.expr(a, None);
            }
            self.arity_error(name, params.len(), args.len(), at);
            return Ty::Error;
        }
        for (p, a) in params.iter().zip(args) {
            let t = self.expr(a, Some(p));
            self.expect_ty(p, &t, a.span);
        }
        ret
    }

    fn method_call(&mut self, id: ExprId, recv: &'a Expr, name: Ident, args: &'a [Expr]) -> Ty {
        let rt = self.expr(recv, None);
        let r = self.shallow(&rt);
        if r.is_quiet() {
            for a in args {
                self.expr(a, None);
            }
            return Ty::Error;
        }
        // (1) a method in an impl for the receiver's nominal type
        if let Some(key) = nom_key(&r) {
            if let Some(&fid) = self.env.methods.get(&(key, name.sym)) {
                self.set_res(id, Res::Fn(fid));
                let id = fid;
                let (params, ret) = self.instantiate(id);
                let mname = self.env.fns[id.0 as usize].name.clone();
                if self.env.fns[id.0 as usize].method && !params.is_empty() {
                    self.expect_ty(&params[0], &rt, recv.span);
                    return self.check_args(&mname, &params[1..], args, ret, name.span);
                }
                // An associated function without `self` cannot be called as a method.
            }
        }
        // In a trait's default method, `self.m()` names a method of that trait.
        let trait_method = match r {
            Ty::Param(p) => self.env.trait_of_self.get(&p).and_then(|&t| {
                self.env.traits[t as usize]
                    .methods
                    .iter()
                    .find(|m| m.0 == name.sym)
                    .map(|m| m.2)
            }),
            _ => None,
        };
        if let Some(fid) = trait_method {
            self.set_res(id, Res::Fn(fid));
            let (params, ret) = self.instantiate(fid);
            let mname = self.env.fns[fid.0 as usize].name.clone();
            if !params.is_empty() {
                self.expect_ty(&params[0], &rt, recv.span);
                return self.check_args(&mname, &params[1..], args, ret, name.span);
            }
        }
        if let Ty::Param(_) = r {
            for a in args {
                self.expr(a, None);
            }
            self.no_member(&r, name);
            return Ty::Error;
        }
        // (2) uniform call syntax: `m(x, args)`, user function first, then builtin
        let path = [name];
        let saved_locals = std::mem::take(&mut self.locals);
        let res = self.resolve_value(&path);
        self.locals = saved_locals;
        self.set_res(id, res.res());
        match res {
            ValueRes::Fn(id) => {
                let (params, ret) = self.instantiate(id);
                let fname = self.env.fns[id.0 as usize].name.clone();
                if params.len() != args.len() + 1 {
                    for a in args {
                        self.expr(a, None);
                    }
                    self.arity_error(&fname, params.len(), args.len() + 1, name.span);
                    return Ty::Error;
                }
                self.expect_ty(&params[0], &rt, recv.span);
                self.check_args(&fname, &params[1..], args, ret, name.span)
            }
            ValueRes::Host(h) => {
                let Ty::Fn(params, ret) = self.host_fn_type(h) else {
                    return Ty::Error;
                };
                let fname = self.hosts[h as usize].name.clone();
                if params.len() != args.len() + 1 {
                    for a in args {
                        self.expr(a, None);
                    }
                    self.arity_error(&fname, params.len(), args.len() + 1, name.span);
                    return Ty::Error;
                }
                self.expect_ty(&params[0], &rt, recv.span);
                self.check_args(&fname, &params[1..], args, *ret, name.span)
            }
            ValueRes::Builtin(b) => {
                let mut argv = vec![super::builtins::Arg::checked(recv)];
                argv.extend(args.iter().map(super::builtins::Arg::expr));
                self.builtin_call(b, name.span, &argv, name.span)
            }
            _ => {
                for a in args {
                    self.expr(a, None);
                }
                self.no_member(&r, name);
                Ty::Error
            }
        }
    }
}
