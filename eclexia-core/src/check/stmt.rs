//! Blocks, statements and the branching expressions (`if`, `match`).

use crate::diagnostic::ErrorCode;
use crate::span::Span;
use crate::syntax::ast::*;

use super::Checker;
use super::expr::ValueRes;
use super::types::Ty;

impl<'a> Checker<'a> {
    /// A block's type: its tail's, `Never` if a statement diverges and there is no tail,
    /// else `Unit` (§3.3).
    pub(super) fn block(&mut self, b: &'a Block, expected: Option<&Ty>) -> Ty {
        let mark = self.locals.len();
        let mut diverges = false;
        for s in &b.stmts {
            if self.stmt(s) {
                diverges = true;
            }
        }
        let t = match &b.tail {
            Some(e) => self.expr(e, expected),
            None if diverges => Ty::Never,
            None => Ty::Unit,
        };
        self.locals.truncate(mark);
        t
    }

    /// Checks a statement; true when it is an expression statement that diverges.
    fn stmt(&mut self, s: &'a Stmt) -> bool {
        match s {
            Stmt::Let(l) => {
                let LetStmt { pat, ty, init, .. } = &**l;
                let scope = self.ty_scope();
                let annot = ty.as_ref().map(|t| self.resolve_type(t, &scope));
                let t = self.expr(init, annot.as_ref());
                let bound = match &annot {
                    Some(a) => {
                        if self.expect_ty(a, &t, init.span) {
                            a.clone()
                        } else {
                            Ty::Error
                        }
                    }
                    None => t,
                };
                self.bind_pattern(pat, &bound);
                false
            }
            Stmt::Assign(a) => {
                self.assign(&a.place, a.op, &a.value, a.op_span);
                false
            }
            Stmt::Expr(e) => {
                let t = self.expr(e, None);
                matches!(self.shallow(&t), Ty::Never)
            }
        }
    }

    fn assign(&mut self, place: &'a Expr, op: Option<BinOp>, value: &'a Expr, op_span: Span) {
        let pt = match &place.kind {
            ExprKind::Path(path) => {
                let vr = self.resolve_value(path);
                self.set_res(place.id, vr.res());
                let t = match vr {
                    ValueRes::Local(t, binding, level) => {
                        self.use_local(binding, level);
                        t
                    }
                    ValueRes::Undefined => self.undefined(path),
                    _ => {
                        let text = self.path_text(path);
                        self.error(
                            ErrorCode::E0313,
                            path[0].span,
                            format!("cannot assign to '{text}'"),
                        );
                        Ty::Error
                    }
                };
                self.record(place.id, &t);
                t
            }
            _ => self.expr(place, None),
        };
        let vt = self.expr(value, Some(&pt));
        match op {
            None => {
                self.expect_ty(&pt, &vt, value.span);
            }
            Some(op) => {
                // `x += e` performs `+`: messages name that operator, not `+=`.
                let bare = Span {
                    lo: op_span.lo,
                    hi: op_span.hi.saturating_sub(1).max(op_span.lo),
                };
                let rt = self.binop(op, &pt, &vt, place.span, bare);
                self.expect_ty(&pt, &rt, value.span);
            }
        }
    }

    /// `if`/`else if`/`else`, typed as the nested form it abbreviates: the innermost `if`
    /// first, each outer branch unified with the type of the `if` that is its `else`.
    pub(super) fn if_expr(
        &mut self,
        branches: &'a [IfBranch],
        else_block: Option<&'a Block>,
        expected: Option<&Ty>,
    ) -> Ty {
        let mut types = Vec::with_capacity(branches.len());
        for br in branches {
            let c = self.expr(&br.cond, Some(&Ty::Bool));
            self.expect_ty(&Ty::Bool, &c, br.cond.span);
            let hint = if else_block.is_some() { expected } else { None };
            types.push(self.block(&br.block, hint));
        }
        let else_ty = else_block.map(|b| self.block(b, expected));
        // `acc` is the type of the `if` that forms the else branch of branch k, and `at`
        // where a mismatch with it points.
        let n = branches.len();
        let (mut acc, mut at, mut k) = match (else_ty, else_block) {
            (Some(t), Some(b)) => (t, b.span.start(), n),
            // The innermost `if` without `else` is Unit whatever its block.
            _ => (Ty::Unit, branches[n - 1].if_span, n - 1),
        };
        while k > 0 {
            k -= 1;
            let tk = types[k].clone();
            if self.subst.unify(&tk, &acc).is_err() {
                self.mismatch(&tk, &acc, at);
                acc = Ty::Error;
            } else if !matches!(self.shallow(&tk), Ty::Never) {
                acc = tk;
            }
            at = branches[k].if_span;
        }
        acc
    }

    pub(super) fn match_expr(
        &mut self,
        scrut: &'a Expr,
        arms: &'a [Arm],
        expected: Option<&Ty>,
    ) -> Ty {
        let st = self.expr(scrut, None);
        let mut result: Option<Ty> = None;
        for arm in arms {
            let mark = self.locals.len();
            self.check_pattern(&arm.pat, &st);
            if let Some(g) = &arm.guard {
                let gt = self.expr(g, Some(&Ty::Bool));
                self.expect_ty(&Ty::Bool, &gt, g.span);
            }
            let hint = result.clone().or_else(|| expected.cloned());
            let bt = self.expr(&arm.body, hint.as_ref());
            match &result {
                None => {
                    if !matches!(self.shallow(&bt), Ty::Never) {
                        result = Some(bt);
                    }
                }
                Some(r) => {
                    let r = r.clone();
                    let at = self.value_span(&arm.body);
                    if !self.expect_ty(&r, &bt, at) {
                        result = Some(Ty::Error);
                    }
                }
            }
            self.locals.truncate(mark);
        }
        result.unwrap_or(Ty::Never)
    }
}
