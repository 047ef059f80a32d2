//! Item-level rules: constants (§5.5), `main`, resource annotations (§5.5, §7.2, §8),
//! and the bodies of every function, method and adaptive solution.

use std::collections::HashSet;

use crate::diagnostic::ErrorCode;
use crate::syntax::ast::*;
use crate::units::Resource;

use super::env::{Body, FnId, Value};
use super::types::Ty;
use super::{Checker, FnCx};

impl<'a> Checker<'a> {
    /// Checks every item, in source order (constants first, in dependency order).
    pub(super) fn check_items(&mut self, items: &'a [Item]) {
        for c in 0..self.env.consts.len() {
            self.ensure_const(c as u32);
        }
        self.check_main();
        for id in 0..self.env.fns.len() {
            self.check_fn_body(FnId(id as u32));
        }
        let _ = items;
    }

    fn check_main(&mut self) {
        let Some(&Value::Fn(id)) = self.env.scopes[0]
            .values
            .iter()
            .find(|(s, _)| self.name(**s) == "main")
            .map(|(_, v)| v)
        else {
            return;
        };
        let info = &self.env.fns[id.0 as usize];
        let ok_ret = matches!(info.ret, Ty::Unit | Ty::Int | Ty::Error);
        if info.params.is_empty() && ok_ret {
            return;
        }
        let span = info.span;
        if info.params.is_empty() {
            // Only the return type is wrong: say so in the plainest terms.
            let found = info.ret.clone();
            self.mismatch(&Ty::Unit, &found, span);
        } else {
            let found = Ty::Fn(info.params.clone(), Box::new(info.ret.clone()));
            let want = Ty::Fn(Vec::new(), Box::new(Ty::Unit));
            self.mismatch(&want, &found, span);
        }
    }

    // ----- constants ------------------------------------------------------------------

    /// Infers the type of constant `c` (and, first, of the constants it uses).
    pub(super) fn ensure_const(&mut self, c: u32) {
        if self.env.consts[c as usize].ty.is_some() {
            return;
        }
        if self.const_stack.contains(&c) {
            // §5.5: a cycle is E0315, reported once at the first constant of the cycle in
            // source order.
            let pos = self.const_stack.iter().position(|&x| x == c).unwrap_or(0);
            let cycle: Vec<u32> = self.const_stack[pos..].to_vec();
            let first = *cycle.iter().min().unwrap_or(&c);
            for &m in &cycle {
                self.env.consts[m as usize].ty = Some(Ty::Error);
            }
            let name = self.env.consts[first as usize].decl.name;
            let text = self.name(name.sym).to_string();
            self.error(
                ErrorCode::E0315,
                name.span,
                format!("invalid constant '{text}'"),
            );
            return;
        }
        let slot = &self.env.consts[c as usize];
        let decl = slot.decl;
        let module = slot.module;
        if !self.const_form_ok(&decl.value, module) {
            let text = self.name(decl.name.sym).to_string();
            self.error(
                ErrorCode::E0315,
                decl.name.span,
                format!("invalid constant '{text}'"),
            );
            self.env.consts[c as usize].ty = Some(Ty::Error);
            return;
        }
        self.const_stack.push(c);
        let fcx = FnCx {
            module,
            ..FnCx::default()
        };
        let saved_locals = std::mem::take(&mut self.locals);
        let t = self.in_fn(fcx, |cx| {
            let scope = cx.ty_scope();
            let annot = decl.ty.as_ref().map(|t| cx.resolve_type(t, &scope));
            let t = cx.expr(&decl.value, annot.as_ref());
            match annot {
                Some(a) => {
                    if cx.expect_ty(&a, &t, decl.value.span) {
                        a
                    } else {
                        Ty::Error
                    }
                }
                None => t,
            }
        });
        self.locals = saved_locals;
        self.const_stack.pop();
        if self.env.consts[c as usize].ty.is_none() {
            self.env.consts[c as usize].ty = Some(t);
        }
    }

    /// §5.5: literals, other constants, unary/binary operators, casts, parentheses,
    /// tuple and array literals.
    fn const_form_ok(&self, e: &Expr, module: u32) -> bool {
        match &e.kind {
            ExprKind::Int(_)
            | ExprKind::Float(_)
            | ExprKind::Dim(..)
            | ExprKind::Str(_)
            | ExprKind::Char(_)
            | ExprKind::Bool(_)
            | ExprKind::Unit => true,
            ExprKind::Path(p) => {
                let saved = self.fcx.module;
                let _ = saved;
                if p.len() == 1 {
                    let mut s = Some(module);
                    while let Some(m) = s {
                        let scope = &self.env.scopes[m as usize];
                        if let Some(v) = scope.values.get(&p[0].sym) {
                            return matches!(v, Value::Const(_));
                        }
                        s = scope.parent;
                    }
                    return matches!(self.name(p[0].sym), "PI" | "E" | "TAU");
                }
                match self.module_path(module, &p[..p.len() - 1]) {
                    Some(m) => matches!(
                        self.env.scopes[m as usize].values.get(&p[p.len() - 1].sym),
                        Some(Value::Const(_))
                    ),
                    None => false,
                }
            }
            ExprKind::Unary(_, _, x) | ExprKind::Cast(x, _) | ExprKind::Paren(x) => {
                self.const_form_ok(x, module)
            }
            ExprKind::Pow(a, b, _) => {
                self.const_form_ok(a, module) && self.const_form_ok(b, module)
            }
            ExprKind::Chain(first, rest) => {
                self.const_form_ok(first, module)
                    && rest.iter().all(|(_, _, x)| self.const_form_ok(x, module))
            }
            ExprKind::Tuple(xs) | ExprKind::Array(xs) => {
                xs.iter().all(|x| self.const_form_ok(x, module))
            }
            _ => false,
        }
    }

    // ----- annotations ------------------------------------------------------------------

    /// Checks `resource < amount` bounds (§5.5): known resource, a unit, the right
    /// dimension. Returns the resources named.
    fn check_bounds(&mut self, bounds: &[Bound]) {
        for b in bounds {
            let rname = self.name(b.resource.sym).to_string();
            let Some(r) = Resource::from_name(&rname) else {
                self.error(
                    ErrorCode::E0310,
                    b.resource.span,
                    format!("invalid resource annotation: unknown resource '{rname}'"),
                );
                continue;
            };
            match b.amount.dim {
                None => self.error(
                    ErrorCode::E0310,
                    b.resource.span,
                    format!(
                        "invalid resource annotation: amount for '{}' has no unit",
                        r.name()
                    ),
                ),
                Some(d) if d != r.dim() => self.error(
                    ErrorCode::E0404,
                    b.resource.span,
                    format!(
                        "amount for '{}' must be {}, found {}",
                        r.name(),
                        r.dim().type_name(),
                        d.type_name()
                    ),
                ),
                Some(_) => {}
            }
        }
    }

    fn check_adaptive_annotations(&mut self, a: &AdaptiveDecl) {
        self.check_bounds(&a.caps);
        let mut seen: Vec<(Resource, bool)> = Vec::new();
        for o in &a.objectives {
            let rname = self.name(o.resource.sym).to_string();
            let Some(r) = Resource::from_name(&rname) else {
                self.error(
                    ErrorCode::E0310,
                    o.resource.span,
                    format!("invalid resource annotation: unknown resource '{rname}'"),
                );
                continue;
            };
            if seen.iter().any(|&(s, max)| s == r && max != o.maximize) {
                self.error(
                    ErrorCode::E0310,
                    o.resource.span,
                    format!("invalid resource annotation: resource '{}' is both minimized and maximized", r.name()),
                );
            }
            seen.push((r, o.maximize));
        }
        if a.solutions.is_empty() {
            let text = self.name(a.name.sym).to_string();
            self.error(
                ErrorCode::E0310,
                a.name.span,
                format!("invalid resource annotation: adaptive function '{text}' has no solutions"),
            );
        }
        let mut names = HashSet::new();
        for s in &a.solutions {
            if !names.insert(s.name.clone()) {
                self.error(
                    ErrorCode::E0310,
                    s.name_span,
                    format!(
                        "invalid resource annotation: duplicate solution name '{}'",
                        s.name
                    ),
                );
            }
            self.check_bounds(&s.provides);
        }
    }

    // ----- bodies -------------------------------------------------------------------------

    fn check_fn_body(&mut self, id: FnId) {
        let slot = &self.env.fn_slots[id.0 as usize];
        let body = slot.body;
        let fcx = FnCx {
            ret: Some(self.env.fns[id.0 as usize].ret.clone()),
            loops: Vec::new(),
            loop_broke: Vec::new(),
            module: slot.module,
            generics: slot.generic_names.clone(),
            self_ty: slot.self_ty.clone(),
        };
        let params = self.env.fns[id.0 as usize].params.clone();
        let ret = self.env.fns[id.0 as usize].ret.clone();
        self.locals.clear();
        self.in_fn(fcx, |cx| match body {
            Body::Fn(f) => {
                cx.check_bounds(&f.requires);
                for (p, t) in f.params.iter().zip(&params) {
                    cx.push_local(p.name.sym, t.clone(), p.id);
                }
                if let Some(b) = &f.body {
                    cx.body_value(b, &ret, f.ret.is_none());
                }
            }
            Body::Adaptive(a) => {
                cx.check_adaptive_annotations(a);
                for (p, t) in a.params.iter().zip(&params) {
                    cx.push_local(p.name.sym, t.clone(), p.id);
                }
                for s in &a.solutions {
                    if let Some(g) = &s.guard {
                        let gt = cx.expr(g, Some(&Ty::Bool));
                        cx.expect_ty(&Ty::Bool, &gt, g.span);
                    }
                    let unit = matches!(ret, Ty::Unit);
                    cx.body_value(&s.body, &ret, unit);
                }
            }
        });
        self.locals.clear();
    }

    /// Checks a body block against the declared return type; with `discard` the value
    /// is thrown away (an omitted return type means Unit, §5.3).
    fn body_value(&mut self, b: &'a Block, ret: &Ty, discard: bool) {
        let hint = if discard { None } else { Some(ret) };
        let t = self.block(b, hint);
        if !discard {
            let at = self.block_value_span(b);
            self.expect_ty(ret, &t, at);
        }
    }
}
