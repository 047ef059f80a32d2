//! Operator typing (LANGUAGE §5.4): arithmetic with the dimension algebra, comparisons,
//! logic, bit operations, prefix operators, casts and ranges.

use crate::diagnostic::ErrorCode;
use crate::span::Span;
use crate::syntax::ast::{BinOp, UnOp};

use super::Checker;
use super::types::Ty;

impl Checker<'_> {
    /// The result of `l op r`. `at` is where a diagnostic points (the start of the binary
    /// expression), `op_span` the operator as written (its spelling goes in messages).
    pub(super) fn binop(&mut self, op: BinOp, l: &Ty, r: &Ty, at: Span, op_span: Span) -> Ty {
        let mut l = self.shallow(l);
        let mut r = self.shallow(r);
        if matches!(l, Ty::Error) || matches!(r, Ty::Error) {
            return Ty::Error;
        }
        // §5.3: a variable of still-unknown type takes the other operand's type.
        match (&l, &r) {
            (Ty::Var(_), Ty::Var(_)) => {
                let _ = self.subst.unify(&l, &r);
                return match op {
                    BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                        Ty::Bool
                    }
                    BinOp::And | BinOp::Or => {
                        let _ = self.subst.unify(&l, &Ty::Bool);
                        Ty::Bool
                    }
                    _ => l,
                };
            }
            (Ty::Var(_), other) => {
                let other = other.clone();
                let _ = self.subst.unify(&l, &other);
                l = other;
            }
            (other, Ty::Var(_)) => {
                let other = other.clone();
                let _ = self.subst.unify(&r, &other);
                r = other;
            }
            _ => {}
        }
        if matches!(l, Ty::Never) || matches!(r, Ty::Never) {
            return Ty::Error;
        }
        use Ty::*;
        let result = match op {
            BinOp::Add | BinOp::Sub => match (&l, &r) {
                (Int, Int) => Ok(Int),
                (a, b) if a.is_num() && b.is_num() => Ok(Float),
                (Str, Str) if op == BinOp::Add => Ok(Str),
                (Resource(d1), Resource(d2)) if d1 == d2 => Ok(l.clone()),
                (Resource(_), Resource(_)) => Err(ErrorCode::E0401),
                (Resource(_), b) | (b, Resource(_)) if b.is_num() => Err(ErrorCode::E0401),
                _ => Err(ErrorCode::E0308),
            },
            BinOp::Mul => match (&l, &r) {
                (Int, Int) => Ok(Int),
                (a, b) if a.is_num() && b.is_num() => Ok(Float),
                (Resource(d1), Resource(d2)) => Ok(Ty::resource(*d1 * *d2)),
                (Resource(_), b) if b.is_num() => Ok(l.clone()),
                (a, Resource(_)) if a.is_num() => Ok(r.clone()),
                _ => Err(ErrorCode::E0308),
            },
            BinOp::Div => match (&l, &r) {
                (Int, Int) => Ok(Int),
                (a, b) if a.is_num() && b.is_num() => Ok(Float),
                (Resource(d1), Resource(d2)) => Ok(Ty::resource(*d1 / *d2)),
                (Resource(_), b) if b.is_num() => Ok(l.clone()),
                (a, Resource(d)) if a.is_num() => Ok(Ty::resource(d.inv())),
                _ => Err(ErrorCode::E0308),
            },
            BinOp::Rem => match (&l, &r) {
                (Int, Int) => Ok(Int),
                (a, b) if a.is_num() && b.is_num() => Ok(Float),
                (Resource(d1), Resource(d2)) if d1 == d2 => Ok(l.clone()),
                (Resource(_), Resource(_)) => Err(ErrorCode::E0401),
                (Resource(_), b) | (b, Resource(_)) if b.is_num() => Err(ErrorCode::E0401),
                _ => Err(ErrorCode::E0308),
            },
            BinOp::Pow => match (&l, &r) {
                (Int, Int) => Ok(Int),
                (a, b) if a.is_num() && b.is_num() => Ok(Float),
                _ => Err(ErrorCode::E0308),
            },
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => match (&l, &r) {
                (a, b) if a.is_num() && b.is_num() => Ok(Bool),
                (Resource(d1), Resource(d2)) if d1 == d2 => Ok(Bool),
                (Resource(_), Resource(_)) => Err(ErrorCode::E0402),
                (Resource(_), b) | (b, Resource(_)) if b.is_num() => Err(ErrorCode::E0402),
                (Str, Str) | (Char, Char) => Ok(Bool),
                _ => Err(ErrorCode::E0308),
            },
            BinOp::Eq | BinOp::Ne => {
                if l.is_num() && r.is_num() {
                    Ok(Bool)
                } else if self.subst.unify(&l, &r).is_ok() {
                    if self.subst.contains_fn(&l) {
                        Err(ErrorCode::E0308)
                    } else {
                        Ok(Bool)
                    }
                } else if l.is_resource() || r.is_resource() {
                    Err(ErrorCode::E0402)
                } else {
                    Err(ErrorCode::E0301)
                }
            }
            BinOp::And | BinOp::Or => match (&l, &r) {
                (Bool, Bool) => Ok(Bool),
                _ => Err(ErrorCode::E0308),
            },
            BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor | BinOp::Shl | BinOp::Shr => {
                match (&l, &r) {
                    (Int, Int) => Ok(Int),
                    _ => Err(ErrorCode::E0308),
                }
            }
        };
        match result {
            Ok(t) => t,
            Err(code) => {
                let op_text = self.text(op_span);
                let (a, b) = (self.show(&l), self.show(&r));
                let msg = match code {
                    ErrorCode::E0401 => {
                        format!("incompatible dimensions for '{op_text}': {a} and {b}")
                    }
                    ErrorCode::E0402 => format!("cannot compare {a} with {b}"),
                    ErrorCode::E0301 => format!("expected {a}, found {b}"),
                    _ => format!("operator '{op_text}' cannot be applied to {a} and {b}"),
                };
                self.error(code, at, msg);
                Ty::Error
            }
        }
    }

    /// A prefix operator applied to a value of type `t`; `at` is the operator.
    pub(super) fn unop(&mut self, op: UnOp, t: &Ty, at: Span) -> Ty {
        let mut t = self.shallow(t);
        if let Ty::Var(_) = t {
            let want = match op {
                UnOp::Neg => return t, // Int or Float: stay open
                UnOp::Not => Ty::Bool,
                UnOp::BitNot => Ty::Int,
            };
            let _ = self.subst.unify(&t, &want);
            t = want;
        }
        match (op, &t) {
            (_, Ty::Error | Ty::Never) => Ty::Error,
            (UnOp::Neg, Ty::Int | Ty::Float) => t.clone(),
            (UnOp::Neg, Ty::Resource(_)) => {
                let s = self.show(&t);
                self.error(
                    ErrorCode::E0309,
                    at,
                    format!("cannot negate resource value of type {s}"),
                );
                Ty::Error
            }
            (UnOp::Not, Ty::Bool) => Ty::Bool,
            (UnOp::BitNot, Ty::Int) => Ty::Int,
            _ => {
                let op_text = self.text(at).to_string();
                let s = self.show(&t);
                self.error(
                    ErrorCode::E0308,
                    at,
                    format!("operator '{op_text}' cannot be applied to {s}"),
                );
                Ty::Error
            }
        }
    }

    /// `e as target` (§5.4 `as` row).
    pub(super) fn cast(&mut self, from: &Ty, target: &Ty, at: Span) -> Ty {
        let f = self.shallow(from);
        let t = self.shallow(target);
        use Ty::*;
        let ok = match (&f, &t) {
            (Error | Never, _) | (_, Error) => return t,
            (Var(_), _) => {
                // Unknown source: accept casts between the cast-compatible scalars.
                return t;
            }
            (a, b) if a.is_num() && b.is_num() => true,
            (Int, Char) | (Char, Int) => true,
            (a, Resource(_)) if a.is_num() => true,
            (Resource(_), Float) => true,
            (Resource(d1), Resource(d2)) => {
                if d1 != d2 {
                    let msg = format!("expected {}, found {}", self.show(&t), self.show(&f));
                    self.error(ErrorCode::E0403, at, msg);
                    return Error;
                }
                true
            }
            _ => self.subst.unify(&f, &t).is_ok(),
        };
        if !ok {
            let msg = format!("cannot cast {} to {}", self.show(&f), self.show(&t));
            self.error(ErrorCode::E0306, at, msg);
            return Error;
        }
        t
    }
}
