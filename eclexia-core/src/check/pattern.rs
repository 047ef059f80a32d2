//! Patterns (LANGUAGE §3.5, §6.5): their types must unify with the scrutinee's.

use crate::diagnostic::ErrorCode;
use crate::syntax::ast::*;

use super::env::{AdtKind, VData};
use super::expr::ValueRes;
use super::types::{AdtId, Ty};
use super::{Checker, Res};

impl<'a> Checker<'a> {
    /// Binds a `let`/`for` pattern (identifiers, `_`, tuples) to a value of type `t`.
    pub(super) fn bind_pattern(&mut self, pat: &'a Pattern, t: &Ty) {
        match &pat.kind {
            PatternKind::Ident(id) => self.push_local(id.sym, t.clone(), pat.id),
            PatternKind::Tuple(items) => {
                let elems: Vec<Ty> = match self.shallow(t) {
                    Ty::Tuple(ts) if ts.len() == items.len() => ts,
                    Ty::Error | Ty::Never => vec![Ty::Error; items.len()],
                    _ => {
                        let fresh: Vec<Ty> = items.iter().map(|_| self.fresh()).collect();
                        let tuple = Ty::Tuple(fresh.clone());
                        if self.subst.unify(t, &tuple).is_err() {
                            self.mismatch(t, &tuple, pat.span);
                            vec![Ty::Error; items.len()]
                        } else {
                            fresh
                        }
                    }
                };
                for (p, e) in items.iter().zip(&elems) {
                    self.bind_pattern(p, e);
                }
            }
            _ => {}
        }
    }

    /// Checks a `match` pattern against the scrutinee type, binding its names.
    pub(super) fn check_pattern(&mut self, pat: &'a Pattern, t: &Ty) {
        let lit = |cx: &mut Self, want: Ty| {
            if cx.subst.unify(t, &want).is_err() {
                cx.mismatch(t, &want, pat.span);
            }
        };
        match &pat.kind {
            PatternKind::Wild => {}
            PatternKind::Int(_) | PatternKind::IntRange(..) => lit(self, Ty::Int),
            PatternKind::Float(_) => lit(self, Ty::Float),
            PatternKind::Str(_) => lit(self, Ty::Str),
            PatternKind::Char(_) => lit(self, Ty::Char),
            PatternKind::Bool(_) => lit(self, Ty::Bool),
            PatternKind::Ident(id) => {
                // A bare name is a variant pattern if it names a unit variant in scope.
                let saved = std::mem::take(&mut self.locals);
                let res = self.resolve_value(std::slice::from_ref(id));
                self.locals = saved;
                match res {
                    ValueRes::Variant(adt, idx) if self.variant_is_unit(adt, idx) => {
                        self.set_res(pat.id, Res::Variant(adt, idx));
                        let vt = self.variant_type(adt);
                        lit(self, vt);
                    }
                    ValueRes::Ambiguous => {
                        let text = self.name(id.sym).to_string();
                        self.error(
                            ErrorCode::E0311,
                            id.span,
                            format!("ambiguous variant '{text}'"),
                        );
                    }
                    _ => self.push_local(id.sym, t.clone(), pat.id),
                }
            }
            PatternKind::Path(path) => match self.resolve_value(path) {
                ValueRes::Variant(adt, idx) => {
                    self.set_res(pat.id, Res::Variant(adt, idx));
                    let vt = self.variant_type(adt);
                    lit(self, vt);
                }
                _ => {
                    self.undefined(path);
                }
            },
            PatternKind::TupleStruct(path, items) => {
                let Some((adt, args, data)) = self.variant_for_pattern(path, t, pat) else {
                    for p in items {
                        self.check_pattern(p, &Ty::Error);
                    }
                    return;
                };
                match data {
                    VData::Tuple(ts) if ts.len() == items.len() => {
                        for (p, ft) in items.iter().zip(&ts) {
                            let ft = self.adt_subst(adt, &args, ft);
                            self.check_pattern(p, &ft);
                        }
                    }
                    other => {
                        let n = match other {
                            VData::Tuple(ts) => ts.len(),
                            _ => 0,
                        };
                        let text = self.path_text(path);
                        self.arity_error(&text, n, items.len(), pat.span);
                        for p in items {
                            self.check_pattern(p, &Ty::Error);
                        }
                    }
                }
            }
            PatternKind::Struct(path, fields, rest) => {
                self.struct_pattern(pat, path, fields, *rest, t)
            }
            PatternKind::Tuple(items) => {
                let fresh: Vec<Ty> = items.iter().map(|_| self.fresh()).collect();
                let tuple = Ty::Tuple(fresh.clone());
                if self.subst.unify(t, &tuple).is_err() {
                    self.mismatch(t, &tuple, pat.span);
                    for p in items {
                        self.check_pattern(p, &Ty::Error);
                    }
                    return;
                }
                for (p, e) in items.iter().zip(&fresh) {
                    self.check_pattern(p, e);
                }
            }
            PatternKind::Or(alts) => {
                for alt in alts {
                    let mark = self.locals.len();
                    self.check_pattern(alt, t);
                    if self.locals.len() > mark {
                        let name = self.name(self.locals[mark].name).to_string();
                        self.error(
                            ErrorCode::E0301,
                            alt.span,
                            format!("expected a pattern without bindings, found binding '{name}'"),
                        );
                    }
                    self.locals.truncate(mark);
                }
            }
        }
    }

    fn variant_is_unit(&self, adt: AdtId, idx: u32) -> bool {
        matches!(&self.env.adts[adt.0 as usize].kind, AdtKind::Enum(vs) if matches!(vs[idx as usize].data, VData::Unit))
    }

    /// The enum type of a variant, with fresh type arguments.
    fn variant_type(&mut self, adt: AdtId) -> Ty {
        let n = self.env.adts[adt.0 as usize].generics.len();
        let args = (0..n).map(|_| self.fresh()).collect();
        Ty::Adt(adt, args)
    }

    /// Resolves the variant (or struct) a payload pattern names and unifies its type with
    /// the scrutinee's; returns the ADT, its type arguments and the payload shape.
    fn variant_for_pattern(
        &mut self,
        path: &[Ident],
        t: &Ty,
        pat: &Pattern,
    ) -> Option<(AdtId, Vec<Ty>, VData)> {
        let saved = std::mem::take(&mut self.locals);
        let res = self.resolve_value(path);
        self.locals = saved;
        let (adt, data) = match res {
            ValueRes::Variant(adt, idx) => match &self.env.adts[adt.0 as usize].kind {
                AdtKind::Enum(vs) => {
                    // A direct field write: `self.env` is borrowed here.
                    self.res[pat.id.0 as usize] = Res::Variant(adt, idx);
                    (adt, vs[idx as usize].data.clone())
                }
                AdtKind::Struct(_) => return None,
            },
            ValueRes::Ambiguous => {
                let text = self.path_text(path);
                self.error(
                    ErrorCode::E0311,
                    path[0].span,
                    format!("ambiguous variant '{text}'"),
                );
                return None;
            }
            _ => match self.lookup_type_path(self.fcx.module, path) {
                Some(super::env::TypeDef::Adt(id)) => match &self.env.adts[id.0 as usize].kind {
                    AdtKind::Struct(fs) => {
                        self.res[pat.id.0 as usize] = Res::Struct(id);
                        (id, VData::Struct(fs.clone()))
                    }
                    AdtKind::Enum(_) => return None,
                },
                _ => {
                    self.undefined(path);
                    return None;
                }
            },
        };
        let vt = self.variant_type(adt);
        if self.subst.unify(t, &vt).is_err() {
            self.mismatch(t, &vt, pat.span);
            return None;
        }
        let Ty::Adt(_, args) = vt else { return None };
        Some((adt, args, data))
    }

    fn struct_pattern(
        &mut self,
        pat: &'a Pattern,
        path: &[Ident],
        fields: &'a [(Ident, Pattern)],
        rest: bool,
        t: &Ty,
    ) {
        let Some((adt, args, data)) = self.variant_for_pattern(path, t, pat) else {
            for (_, p) in fields {
                self.check_pattern(p, &Ty::Error);
            }
            return;
        };
        let decl = match data {
            VData::Struct(fs) => fs,
            _ => Vec::new(),
        };
        let sname = self.path_text(&path[path.len() - 1..]);
        for (name, sub) in fields {
            let Some((_, ft)) = decl.iter().find(|(n, _)| *n == name.sym) else {
                let fname = self.name(name.sym).to_string();
                self.error(
                    ErrorCode::E0314,
                    name.span,
                    format!("struct '{sname}': unknown field '{fname}'"),
                );
                continue;
            };
            let ft = self.adt_subst(adt, &args, ft);
            self.check_pattern(sub, &ft);
        }
        if !rest {
            for (n, _) in &decl {
                if !fields.iter().any(|(f, _)| f.sym == *n) {
                    let fname = self.name(*n).to_string();
                    self.error(
                        ErrorCode::E0314,
                        pat.span,
                        format!("struct '{sname}': missing field '{fname}'"),
                    );
                }
            }
        }
    }
}
