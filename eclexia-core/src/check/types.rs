//! Semantic types (LANGUAGE §5.1) and Hindley–Milner unification (§5.3).
//!
//! Type variables live in a [`Subst`] table (union by binding, path-free lookups through
//! [`Subst::resolve`]). `Never` and `Error` unify with everything without binding:
//! `Never` is the type of diverging expressions, `Error` the type of an expression that
//! already produced a diagnostic, so that one mistake yields one message (§12.3).

use std::fmt::Write as _;

use crate::units::Dim;

/// Identifies a struct or enum (user-declared, or the built-in `Option`/`Result`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct AdtId(pub u32);

impl AdtId {
    /// The built-in `Option<T>` (variants `Some(T)`, `None`).
    pub const OPTION: AdtId = AdtId(0);
    /// The built-in `Result<T, E>` (variants `Ok(T)`, `Err(E)`).
    pub const RESULT: AdtId = AdtId(1);
}

/// A type.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    /// 64-bit signed integer.
    Int,
    /// binary64.
    Float,
    /// Boolean.
    Bool,
    /// Immutable string.
    Str,
    /// Unicode scalar value.
    Char,
    /// `()`.
    Unit,
    /// The type of `return`, `break`, `panic(…)`: unifies with every type.
    Never,
    /// `a..b`.
    Range,
    /// `[T]`.
    Array(Box<Ty>),
    /// `(A, B, …)`.
    Tuple(Vec<Ty>),
    /// `fn(A, …) -> R`.
    Fn(Vec<Ty>, Box<Ty>),
    /// `HashMap<K, V>`.
    Map(Box<Ty>, Box<Ty>),
    /// `Resource<D>` with a non-zero dimension (dimensionless is `Float`).
    Resource(Dim),
    /// `Echo<A, B>`.
    Echo(Box<Ty>, Box<Ty>),
    /// A struct or enum with its type arguments.
    Adt(AdtId, Vec<Ty>),
    /// A rigid type parameter (inside the item that declares it).
    Param(u32),
    /// An inference variable.
    Var(u32),
    /// The type of an expression that already has a diagnostic.
    Error,
}

impl Ty {
    /// `Resource<d>`, or `Float` when `d` is dimensionless (§5.2).
    pub fn resource(d: Dim) -> Ty {
        if d.is_dimensionless() {
            Ty::Float
        } else {
            Ty::Resource(d)
        }
    }

    /// `Option<t>`.
    pub fn option(t: Ty) -> Ty {
        Ty::Adt(AdtId::OPTION, vec![t])
    }

    /// `Result<t, e>`.
    pub fn result(t: Ty, e: Ty) -> Ty {
        Ty::Adt(AdtId::RESULT, vec![t, e])
    }

    /// `[t]`.
    pub fn array(t: Ty) -> Ty {
        Ty::Array(Box::new(t))
    }

    /// True for `Int` and `Float`.
    pub fn is_num(&self) -> bool {
        matches!(self, Ty::Int | Ty::Float)
    }

    /// True for `Resource<…>`.
    pub fn is_resource(&self) -> bool {
        matches!(self, Ty::Resource(_))
    }

    /// True for the error/never types that silence further diagnostics.
    pub fn is_quiet(&self) -> bool {
        matches!(self, Ty::Error | Ty::Never)
    }
}

/// Two types that do not unify (the caller knows which and reports them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mismatch;

/// The substitution of inference variables.
#[derive(Clone, Debug, Default)]
pub struct Subst {
    vars: Vec<Option<Ty>>,
}

impl Subst {
    /// A fresh, unbound variable.
    pub fn fresh(&mut self) -> Ty {
        self.vars.push(None);
        Ty::Var(self.vars.len() as u32 - 1)
    }

    /// Follows variable bindings at the top of `t` (not inside it).
    pub fn shallow(&self, t: &Ty) -> Ty {
        let mut t = t.clone();
        while let Ty::Var(v) = t {
            match &self.vars[v as usize] {
                Some(bound) => t = bound.clone(),
                None => return t,
            }
        }
        t
    }

    /// Applies the substitution everywhere in `t`.
    pub fn resolve(&self, t: &Ty) -> Ty {
        match self.shallow(t) {
            Ty::Array(e) => Ty::Array(Box::new(self.resolve(&e))),
            Ty::Tuple(ts) => Ty::Tuple(ts.iter().map(|t| self.resolve(t)).collect()),
            Ty::Fn(ps, r) => Ty::Fn(
                ps.iter().map(|t| self.resolve(t)).collect(),
                Box::new(self.resolve(&r)),
            ),
            Ty::Map(k, v) => Ty::Map(Box::new(self.resolve(&k)), Box::new(self.resolve(&v))),
            Ty::Echo(a, b) => Ty::Echo(Box::new(self.resolve(&a)), Box::new(self.resolve(&b))),
            Ty::Adt(id, args) => Ty::Adt(id, args.iter().map(|t| self.resolve(t)).collect()),
            other => other,
        }
    }

    fn occurs(&self, v: u32, t: &Ty) -> bool {
        match self.shallow(t) {
            Ty::Var(w) => v == w,
            Ty::Array(e) => self.occurs(v, &e),
            Ty::Tuple(ts) => ts.iter().any(|t| self.occurs(v, t)),
            Ty::Fn(ps, r) => ps.iter().any(|t| self.occurs(v, t)) || self.occurs(v, &r),
            Ty::Map(a, b) | Ty::Echo(a, b) => self.occurs(v, &a) || self.occurs(v, &b),
            Ty::Adt(_, args) => args.iter().any(|t| self.occurs(v, t)),
            _ => false,
        }
    }

    /// Unifies `a` and `b`, binding variables. On failure some variables may already be
    /// bound; callers report the failure and continue with `Ty::Error`.
    pub fn unify(&mut self, a: &Ty, b: &Ty) -> Result<(), Mismatch> {
        let a = self.shallow(a);
        let b = self.shallow(b);
        match (&a, &b) {
            (Ty::Error | Ty::Never, _) | (_, Ty::Error | Ty::Never) => Ok(()),
            (Ty::Var(x), Ty::Var(y)) if x == y => Ok(()),
            (Ty::Var(x), other) | (other, Ty::Var(x)) => {
                if self.occurs(*x, other) {
                    return Err(Mismatch);
                }
                self.vars[*x as usize] = Some(other.clone());
                Ok(())
            }
            (Ty::Array(x), Ty::Array(y)) => self.unify(x, y),
            (Ty::Tuple(xs), Ty::Tuple(ys)) if xs.len() == ys.len() => {
                for (x, y) in xs.iter().zip(ys) {
                    self.unify(x, y)?;
                }
                Ok(())
            }
            (Ty::Fn(px, rx), Ty::Fn(py, ry)) if px.len() == py.len() => {
                for (x, y) in px.iter().zip(py) {
                    self.unify(x, y)?;
                }
                self.unify(rx, ry)
            }
            (Ty::Map(k1, v1), Ty::Map(k2, v2)) | (Ty::Echo(k1, v1), Ty::Echo(k2, v2)) => {
                self.unify(k1, k2)?;
                self.unify(v1, v2)
            }
            (Ty::Adt(i, xs), Ty::Adt(j, ys)) if i == j && xs.len() == ys.len() => {
                for (x, y) in xs.iter().zip(ys) {
                    self.unify(x, y)?;
                }
                Ok(())
            }
            (Ty::Resource(d1), Ty::Resource(d2)) if d1 == d2 => Ok(()),
            (Ty::Param(x), Ty::Param(y)) if x == y => Ok(()),
            (Ty::Int, Ty::Int)
            | (Ty::Float, Ty::Float)
            | (Ty::Bool, Ty::Bool)
            | (Ty::Str, Ty::Str)
            | (Ty::Char, Ty::Char)
            | (Ty::Unit, Ty::Unit)
            | (Ty::Range, Ty::Range) => Ok(()),
            _ => Err(Mismatch),
        }
    }

    /// Whether `t` contains a function type (after substitution).
    pub fn contains_fn(&self, t: &Ty) -> bool {
        match self.shallow(t) {
            Ty::Fn(..) => true,
            Ty::Array(e) => self.contains_fn(&e),
            Ty::Tuple(ts) => ts.iter().any(|t| self.contains_fn(t)),
            Ty::Map(a, b) | Ty::Echo(a, b) => self.contains_fn(&a) || self.contains_fn(&b),
            Ty::Adt(_, args) => args.iter().any(|t| self.contains_fn(t)),
            _ => false,
        }
    }
}

/// Whether `t` mentions an inference variable anywhere (without following bindings).
pub fn has_var(t: &Ty) -> bool {
    match t {
        Ty::Var(_) => true,
        Ty::Array(e) => has_var(e),
        Ty::Tuple(ts) => ts.iter().any(has_var),
        Ty::Fn(ps, r) => ps.iter().any(has_var) || has_var(r),
        Ty::Map(a, b) | Ty::Echo(a, b) => has_var(a) || has_var(b),
        Ty::Adt(_, args) => args.iter().any(has_var),
        _ => false,
    }
}

/// Replaces `Param(p)` by `map(p)` throughout `t`.
pub fn subst_params(t: &Ty, map: &dyn Fn(u32) -> Option<Ty>) -> Ty {
    match t {
        Ty::Param(p) => map(*p).unwrap_or_else(|| t.clone()),
        Ty::Array(e) => Ty::Array(Box::new(subst_params(e, map))),
        Ty::Tuple(ts) => Ty::Tuple(ts.iter().map(|t| subst_params(t, map)).collect()),
        Ty::Fn(ps, r) => Ty::Fn(
            ps.iter().map(|t| subst_params(t, map)).collect(),
            Box::new(subst_params(r, map)),
        ),
        Ty::Map(a, b) => Ty::Map(
            Box::new(subst_params(a, map)),
            Box::new(subst_params(b, map)),
        ),
        Ty::Echo(a, b) => Ty::Echo(
            Box::new(subst_params(a, map)),
            Box::new(subst_params(b, map)),
        ),
        Ty::Adt(id, args) => Ty::Adt(*id, args.iter().map(|t| subst_params(t, map)).collect()),
        other => other.clone(),
    }
}

/// Writes a (resolved) type as messages show it (§12.1): capitalised names,
/// `Resource<Energy*Time>`, `_` for an unknown part.
pub fn display(
    t: &Ty,
    adt_name: &dyn Fn(AdtId) -> String,
    param_name: &dyn Fn(u32) -> String,
) -> String {
    let mut out = String::new();
    write_ty(&mut out, t, adt_name, param_name);
    out
}

fn write_list(
    out: &mut String,
    ts: &[Ty],
    adt_name: &dyn Fn(AdtId) -> String,
    param_name: &dyn Fn(u32) -> String,
) {
    for (i, t) in ts.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_ty(out, t, adt_name, param_name);
    }
}

fn write_ty(
    out: &mut String,
    t: &Ty,
    adt_name: &dyn Fn(AdtId) -> String,
    param_name: &dyn Fn(u32) -> String,
) {
    match t {
        Ty::Int => out.push_str("Int"),
        Ty::Float => out.push_str("Float"),
        Ty::Bool => out.push_str("Bool"),
        Ty::Str => out.push_str("String"),
        Ty::Char => out.push_str("Char"),
        Ty::Unit => out.push_str("Unit"),
        Ty::Never => out.push_str("Never"),
        Ty::Range => out.push_str("Range"),
        Ty::Var(_) | Ty::Error => out.push('_'),
        Ty::Param(p) => out.push_str(&param_name(*p)),
        Ty::Array(e) => {
            out.push('[');
            write_ty(out, e, adt_name, param_name);
            out.push(']');
        }
        Ty::Tuple(ts) => {
            out.push('(');
            write_list(out, ts, adt_name, param_name);
            if ts.len() == 1 {
                out.push(',');
            }
            out.push(')');
        }
        Ty::Fn(ps, r) => {
            out.push_str("fn(");
            write_list(out, ps, adt_name, param_name);
            out.push_str(") -> ");
            write_ty(out, r, adt_name, param_name);
        }
        Ty::Map(k, v) => {
            out.push_str("HashMap<");
            write_ty(out, k, adt_name, param_name);
            out.push_str(", ");
            write_ty(out, v, adt_name, param_name);
            out.push('>');
        }
        Ty::Echo(a, b) => {
            out.push_str("Echo<");
            write_ty(out, a, adt_name, param_name);
            out.push_str(", ");
            write_ty(out, b, adt_name, param_name);
            out.push('>');
        }
        Ty::Resource(d) => {
            let _ = write!(out, "Resource<{}>", d.type_name());
        }
        Ty::Adt(id, args) => {
            out.push_str(&adt_name(*id));
            if !args.is_empty() {
                out.push('<');
                write_list(out, args, adt_name, param_name);
                out.push('>');
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unification_binds_and_detects_cycles() {
        let mut s = Subst::default();
        let a = s.fresh();
        assert!(s.unify(&a, &Ty::array(Ty::Int)).is_ok());
        assert_eq!(s.resolve(&a), Ty::array(Ty::Int));
        let b = s.fresh();
        assert!(s.unify(&b, &Ty::array(b.clone())).is_err(), "occurs check");
        assert!(
            s.unify(&Ty::Int, &Ty::Float).is_err(),
            "Int and Float never unify"
        );
        assert!(s.unify(&Ty::Never, &Ty::Str).is_ok());
        assert!(
            s.unify(&Ty::Resource(Dim::ENERGY), &Ty::Resource(Dim::TIME))
                .is_err()
        );
    }

    #[test]
    fn display_uses_capitalised_names() {
        let adt = |id: AdtId| {
            if id == AdtId::OPTION {
                "Option".into()
            } else {
                "Result".into()
            }
        };
        let p = |_| "T".to_string();
        let t = Ty::Fn(
            vec![Ty::option(Ty::Int)],
            Box::new(Ty::Resource(Dim::ENERGY * Dim::TIME)),
        );
        assert_eq!(
            display(&t, &adt, &p),
            "fn(Option<Int>) -> Resource<Energy*Time>"
        );
        assert_eq!(display(&Ty::Tuple(vec![Ty::Str]), &adt, &p), "(String,)");
        assert_eq!(display(&Ty::resource(Dim::NONE), &adt, &p), "Float");
    }
}
