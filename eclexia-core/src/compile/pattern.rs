//! Patterns and `match` (LANGUAGE §6.4, §6.5): each pattern becomes a run of tests that
//! jump to a failure label, then the bindings.

use super::Emitter;
use super::code::*;
use crate::check::{AdtKind, Res, VData};
use crate::syntax::ast::*;

impl<'a> Emitter<'a> {
    pub(super) fn match_expr(&mut self, e: &'a Expr, s: &'a Expr, arms: &'a [Arm], dst: Reg) {
        let scrutinee = self.alloc();
        self.expr(s, scrutinee);
        let mut ends = Vec::new();
        for arm in arms {
            let mark = self.f.next;
            let mut fails = Vec::new();
            self.pattern(&arm.pat, scrutinee, &mut fails);
            if let Some(g) = &arm.guard {
                let r = self.alloc();
                self.expr(g, r);
                self.at = g.span;
                fails.push(self.emit(Op::JumpIfNot(r, 0)));
            }
            self.expr(&arm.body, dst);
            ends.push(self.emit(Op::Jump(0)));
            for f in fails {
                self.patch(f);
            }
            self.f.next = mark;
        }
        self.at = e.span;
        self.emit(Op::MatchFail(scrutinee));
        for j in ends {
            self.patch(j);
        }
    }

    /// Tests `src` against `p`, pushing the jumps taken on mismatch to `fails`, and binds
    /// the pattern's names (in registers allocated here).
    pub(super) fn pattern(&mut self, p: &'a Pattern, src: Reg, fails: &mut Vec<usize>) {
        crate::stack::guard(|| self.pattern_inner(p, src, fails))
    }

    fn pattern_inner(&mut self, p: &'a Pattern, src: Reg, fails: &mut Vec<usize>) {
        self.at = p.span;
        match &p.kind {
            PatternKind::Wild => {}
            PatternKind::Int(i) => self.test_const(src, Const::Int(*i), fails),
            PatternKind::Float(x) => self.test_const(src, Const::Float(*x), fails),
            PatternKind::Str(s) => self.test_const(src, Const::Str(s.clone()), fails),
            PatternKind::Char(c) => self.test_const(src, Const::Char(*c), fails),
            PatternKind::Bool(b) => self.test_const(src, Const::Bool(*b), fails),
            PatternKind::IntRange(lo, hi, incl) => {
                let k = self.code.ranges.len() as u32;
                self.code.ranges.push((*lo, *hi, *incl));
                fails.push(self.emit(Op::TestRange(src, k, 0)));
            }
            PatternKind::Ident(_) | PatternKind::Path(_) => match self.res(p.id) {
                Res::Variant(adt, v) => {
                    fails.push(self.emit(Op::TestVariant(src, adt.0, v, 0)));
                }
                Res::Local(b) if b == p.id => {
                    let r = self.alloc();
                    self.emit(Op::Move(r, src));
                    self.bind(p.id, r);
                }
                _ => {}
            },
            PatternKind::TupleStruct(_, items) => {
                if let Res::Variant(adt, v) = self.res(p.id) {
                    fails.push(self.emit(Op::TestVariant(src, adt.0, v, 0)));
                }
                for (i, item) in items.iter().enumerate() {
                    if matches!(item.kind, PatternKind::Wild) {
                        continue;
                    }
                    let r = self.alloc();
                    self.at = item.span;
                    self.emit(Op::Payload(r, src, i as u32));
                    self.pattern(item, r, fails);
                }
            }
            PatternKind::Struct(_, fields, _) => {
                let (names, is_variant): (Vec<crate::syntax::token::Symbol>, bool) =
                    match self.res(p.id) {
                        Res::Variant(adt, v) => {
                            fails.push(self.emit(Op::TestVariant(src, adt.0, v, 0)));
                            let names = match &self.checked.adts[adt.0 as usize].kind {
                                AdtKind::Enum(vs) => match &vs[v as usize].data {
                                    VData::Struct(fs) => fs.iter().map(|f| f.0).collect(),
                                    _ => Vec::new(),
                                },
                                AdtKind::Struct(_) => Vec::new(),
                            };
                            (names, true)
                        }
                        Res::Struct(adt) => match &self.checked.adts[adt.0 as usize].kind {
                            AdtKind::Struct(fs) => (fs.iter().map(|f| f.0).collect(), false),
                            AdtKind::Enum(_) => (Vec::new(), false),
                        },
                        _ => (Vec::new(), false),
                    };
                for (name, sub) in fields {
                    let Some(i) = names.iter().position(|n| *n == name.sym) else {
                        continue;
                    };
                    let r = self.alloc();
                    self.at = sub.span;
                    if is_variant {
                        self.emit(Op::Payload(r, src, i as u32));
                    } else {
                        self.emit(Op::Field(r, src, i as u32));
                    }
                    self.pattern(sub, r, fails);
                }
            }
            PatternKind::Tuple(items) => {
                for (i, item) in items.iter().enumerate() {
                    if matches!(item.kind, PatternKind::Wild) {
                        continue;
                    }
                    let r = self.alloc();
                    self.at = item.span;
                    self.emit(Op::Field(r, src, i as u32));
                    self.pattern(item, r, fails);
                }
            }
            PatternKind::Or(alts) => {
                // Alternatives bind nothing (E0301 otherwise), so they only test.
                let mut oks = Vec::new();
                for (i, alt) in alts.iter().enumerate() {
                    let mut alt_fails = Vec::new();
                    self.pattern(alt, src, &mut alt_fails);
                    if i + 1 == alts.len() {
                        fails.extend(alt_fails);
                    } else {
                        oks.push(self.emit(Op::Jump(0)));
                        for f in alt_fails {
                            self.patch(f);
                        }
                    }
                }
                for j in oks {
                    self.patch(j);
                }
            }
        }
    }

    fn test_const(&mut self, src: Reg, c: Const, fails: &mut Vec<usize>) {
        let k = self.konst(c);
        fails.push(self.emit(Op::TestConst(src, k, 0)));
    }
}
