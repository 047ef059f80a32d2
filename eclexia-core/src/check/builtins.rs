//! Types of the builtins of LANGUAGE §11. Builtins form the outermost scope; a user
//! definition of the same name hides them (§4). Many are overloaded (`len` on strings,
//! arrays and maps; `abs` on numbers and resources), so each has a typing rule rather
//! than one signature.

use crate::diagnostic::ErrorCode;
use crate::span::Span;
use crate::syntax::ast::{Expr, ExprKind};
use crate::units::{Dim, Resource};

use super::Checker;
use super::types::{AdtId, Ty};

/// Every builtin of §11 (functions and the constants `PI`, `E`, `TAU`).
pub const BUILTINS: &[&str] = &[
    "print",
    "println",
    "assert",
    "assert_eq",
    "panic",
    "to_string",
    "parse_int",
    "parse_float",
    "to_int",
    "to_float",
    "abs",
    "min",
    "max",
    "sqrt",
    "exp",
    "ln",
    "log10",
    "log2",
    "sin",
    "cos",
    "tan",
    "log",
    "pow",
    "floor",
    "ceil",
    "round",
    "PI",
    "E",
    "TAU",
    "len",
    "is_empty",
    "contains",
    "starts_with",
    "ends_with",
    "to_uppercase",
    "to_lowercase",
    "trim",
    "replace",
    "split",
    "join",
    "substring",
    "chars",
    "str_trim",
    "str_split",
    "str_contains",
    "str_replace",
    "str_to_uppercase",
    "str_to_lowercase",
    "push",
    "pop",
    "reverse",
    "sort",
    "map",
    "filter",
    "fold",
    "array_map",
    "array_filter",
    "sum",
    "array_sum",
    "range",
    "hashmap_new",
    "hashmap_insert",
    "hashmap_get",
    "hashmap_remove",
    "hashmap_contains",
    "hashmap_len",
    "hashmap_keys",
    "hashmap_values",
    "is_some",
    "is_none",
    "is_ok",
    "is_err",
    "unwrap",
    "unwrap_or",
    "shadow_price",
    "resource_used",
    "consume",
    "carbon_intensity",
    "carbon_of",
    "gpu_available",
    "cpu_cores",
    "echo",
    "echo_witness",
    "echo_base",
    "landauer_cost",
    "read_file",
    "write_file",
    "file_exists",
    "time_now_ms",
];

/// The builtin named `name`, if there is one, with aliases mapped to their target.
pub fn builtin_name(name: &str) -> Option<&'static str> {
    let canon = match name {
        "str_trim" => "trim",
        "str_split" => "split",
        "str_contains" => "contains",
        "str_replace" => "replace",
        "str_to_uppercase" => "to_uppercase",
        "str_to_lowercase" => "to_lowercase",
        "array_map" => "map",
        "array_filter" => "filter",
        "array_sum" => "sum",
        other => other,
    };
    BUILTINS.iter().copied().find(|b| *b == canon)
}

/// How many arguments a builtin takes (inclusive range); `None` for variadic ones.
fn arity(name: &str) -> Option<(usize, usize)> {
    Some(match name {
        "print" | "println" => return None,
        "hashmap_new" | "carbon_intensity" | "gpu_available" | "cpu_cores" | "time_now_ms" => {
            (0, 0)
        }
        "assert" | "consume" | "range" | "log" => (1, 2),
        "assert_eq" => (2, 3),
        "min" | "max" | "pow" | "contains" | "starts_with" | "ends_with" | "split" | "join"
        | "push" | "map" | "filter" | "hashmap_get" | "hashmap_remove" | "hashmap_contains"
        | "unwrap_or" | "echo" | "landauer_cost" | "write_file" => (2, 2),
        "replace" | "substring" | "fold" | "hashmap_insert" => (3, 3),
        _ => (1, 1),
    })
}

/// One argument of a builtin call: an expression still to check, or (for the receiver of
/// a method-style call) one already checked.
#[derive(Clone, Copy)]
pub(super) struct Arg<'a> {
    expr: &'a Expr,
    /// Already checked (the receiver of `x.m(…)`): its type is in the expression table.
    checked: bool,
}

impl<'a> Arg<'a> {
    pub(super) fn expr(e: &'a Expr) -> Arg<'a> {
        Arg {
            expr: e,
            checked: false,
        }
    }

    /// The receiver of `x.m(…)`, already checked.
    pub(super) fn checked(e: &'a Expr) -> Arg<'a> {
        Arg {
            expr: e,
            checked: true,
        }
    }
}

/// Is `e` a resource-name argument (identifier or string literal, §5.5)?
fn resource_arg(cx: &Checker<'_>, e: &Expr) -> Option<Resource> {
    match &e.kind {
        ExprKind::Path(p) if p.len() == 1 => Resource::from_name(cx.name(p[0].sym)),
        ExprKind::Str(s) => Resource::from_name(s),
        _ => None,
    }
}

impl<'a> Checker<'a> {
    /// The type of argument `i`, checking it now (with `hint`) unless already checked.
    fn arg(&mut self, args: &[Arg<'a>], i: usize, hint: Option<&Ty>) -> Ty {
        let a = args[i];
        if a.checked {
            return self.expr_types[a.expr.id.0 as usize].clone();
        }
        self.expr(a.expr, hint)
    }

    /// Checks the argument against `want`, reporting a mismatch at the argument.
    fn arg_is(&mut self, args: &[Arg<'a>], i: usize, want: &Ty) -> Ty {
        let t = self.arg(args, i, Some(want));
        self.expect_ty(want, &t, args[i].expr.span);
        t
    }

    /// Checks that argument `i` is `Int` or `Float` (widening applies), reporting E0301.
    fn arg_num(&mut self, args: &[Arg<'a>], i: usize) -> Ty {
        let t = self.arg(args, i, None);
        let s = self.shallow(&t);
        match s {
            Ty::Int | Ty::Float | Ty::Error | Ty::Never => s,
            Ty::Var(_) => {
                let _ = self.subst.unify(&s, &Ty::Float);
                Ty::Float
            }
            _ => {
                self.mismatch(&Ty::Float, &s, args[i].expr.span);
                Ty::Error
            }
        }
    }

    fn bad_arg(&mut self, want: &str, found: &Ty, at: Span) -> Ty {
        if !found.is_quiet() {
            let s = self.show(found);
            self.error(ErrorCode::E0301, at, format!("expected {want}, found {s}"));
        }
        Ty::Error
    }

    /// Types a call of builtin `name`. `at` is the call's location for E0302.
    pub(super) fn builtin_call(
        &mut self,
        name: &'static str,
        at: Span,
        args: &[Arg<'a>],
        _span: Span,
    ) -> Ty {
        let n = args.len();
        if let Some((lo, hi)) = arity(name) {
            if n < lo || n > hi {
                for i in 0..n {
                    self.arg(args, i, None);
                }
                let want = if n < lo { lo } else { hi };
                self.arity_error(name, want, n, at);
                return Ty::Error;
            }
        }
        let sp = |i: usize| args[i].expr.span;
        match name {
            "print" | "println" => {
                for i in 0..n {
                    self.arg(args, i, None);
                }
                Ty::Unit
            }
            "assert" => {
                self.arg_is(args, 0, &Ty::Bool);
                if n == 2 {
                    self.arg_is(args, 1, &Ty::Str);
                }
                Ty::Unit
            }
            "assert_eq" => {
                let a = self.arg(args, 0, None);
                let b = self.arg(args, 1, Some(&a));
                if !(self.shallow(&a).is_num() && self.shallow(&b).is_num()) {
                    self.expect_ty(&a, &b, sp(1));
                }
                if n == 3 {
                    self.arg_is(args, 2, &Ty::Str);
                }
                Ty::Unit
            }
            "panic" => {
                self.arg_is(args, 0, &Ty::Str);
                Ty::Never
            }
            "to_string" => {
                self.arg(args, 0, None);
                Ty::Str
            }
            "parse_int" => {
                self.arg_is(args, 0, &Ty::Str);
                Ty::option(Ty::Int)
            }
            "parse_float" => {
                self.arg_is(args, 0, &Ty::Str);
                Ty::option(Ty::Float)
            }
            "to_int" => {
                self.arg_is(args, 0, &Ty::Float);
                Ty::Int
            }
            "to_float" => {
                self.arg_is(args, 0, &Ty::Int);
                Ty::Float
            }
            "abs" => {
                let t = self.arg(args, 0, None);
                match self.shallow(&t) {
                    s @ (Ty::Int | Ty::Float | Ty::Resource(_) | Ty::Error | Ty::Never) => s,
                    Ty::Var(_) => t,
                    other => self.bad_arg("Int", &other, sp(0)),
                }
            }
            "min" | "max" => {
                let a = self.arg(args, 0, None);
                let b = self.arg(args, 1, Some(&a));
                let (sa, sb) = (self.shallow(&a), self.shallow(&b));
                match (&sa, &sb) {
                    (Ty::Int, Ty::Int) => Ty::Int,
                    (x, y) if x.is_num() && y.is_num() => Ty::Float,
                    (x, y) if x.is_quiet() || y.is_quiet() => Ty::Error,
                    _ => {
                        if self.expect_ty(&a, &b, sp(1)) {
                            let r = self.shallow(&a);
                            if r.is_resource() || matches!(r, Ty::Var(_)) {
                                return r;
                            }
                            return self.bad_arg("Int", &r, sp(0));
                        }
                        Ty::Error
                    }
                }
            }
            "sqrt" | "exp" | "ln" | "log10" | "log2" | "sin" | "cos" | "tan" => {
                self.arg_num(args, 0);
                Ty::Float
            }
            "log" | "pow" => {
                for i in 0..n {
                    self.arg_num(args, i);
                }
                Ty::Float
            }
            "floor" | "ceil" | "round" => {
                self.arg_is(args, 0, &Ty::Float);
                Ty::Int
            }
            "PI" | "E" | "TAU" => {
                let s = self.show(&Ty::Float);
                self.error(
                    ErrorCode::E0303,
                    at,
                    format!("value of type {s} is not callable"),
                );
                Ty::Error
            }
            "len" | "is_empty" => {
                let t = self.arg(args, 0, None);
                match self.shallow(&t) {
                    Ty::Str | Ty::Array(_) | Ty::Map(..) | Ty::Error | Ty::Never => {}
                    Ty::Var(_) => {
                        let e = self.fresh();
                        let _ = self.subst.unify(&t, &Ty::array(e));
                    }
                    other => {
                        self.bad_arg("String", &other, sp(0));
                    }
                }
                if name == "len" { Ty::Int } else { Ty::Bool }
            }
            "contains" => {
                let t = self.arg(args, 0, None);
                match self.shallow(&t) {
                    Ty::Array(e) => {
                        self.arg_is(args, 1, &e);
                    }
                    Ty::Str => {
                        self.arg_is(args, 1, &Ty::Str);
                    }
                    Ty::Error | Ty::Never | Ty::Var(_) => {
                        self.arg(args, 1, None);
                    }
                    other => {
                        self.arg(args, 1, None);
                        self.bad_arg("String", &other, sp(0));
                    }
                }
                Ty::Bool
            }
            "starts_with" | "ends_with" => {
                self.arg_is(args, 0, &Ty::Str);
                self.arg_is(args, 1, &Ty::Str);
                Ty::Bool
            }
            "to_uppercase" | "to_lowercase" | "trim" => {
                self.arg_is(args, 0, &Ty::Str);
                Ty::Str
            }
            "replace" => {
                for i in 0..3 {
                    self.arg_is(args, i, &Ty::Str);
                }
                Ty::Str
            }
            "split" => {
                self.arg_is(args, 0, &Ty::Str);
                self.arg_is(args, 1, &Ty::Str);
                Ty::array(Ty::Str)
            }
            "join" => {
                self.arg_is(args, 0, &Ty::array(Ty::Str));
                self.arg_is(args, 1, &Ty::Str);
                Ty::Str
            }
            "substring" => {
                self.arg_is(args, 0, &Ty::Str);
                self.arg_is(args, 1, &Ty::Int);
                self.arg_is(args, 2, &Ty::Int);
                Ty::Str
            }
            "chars" => {
                self.arg_is(args, 0, &Ty::Str);
                Ty::array(Ty::Char)
            }
            "push" => {
                let e = self.fresh();
                let arr = Ty::array(e.clone());
                self.arg_is(args, 0, &arr);
                self.arg_is(args, 1, &e);
                Ty::Unit
            }
            "pop" => {
                let e = self.fresh();
                self.arg_is(args, 0, &Ty::array(e.clone()));
                Ty::option(e)
            }
            "reverse" | "sort" => {
                let e = self.fresh();
                let arr = Ty::array(e);
                self.arg_is(args, 0, &arr);
                arr
            }
            "map" | "filter" => {
                let e = self.fresh();
                self.arg_is(args, 0, &Ty::array(e.clone()));
                let out = if name == "map" {
                    self.fresh()
                } else {
                    Ty::Bool
                };
                let f = Ty::Fn(vec![e.clone()], Box::new(out.clone()));
                self.arg_is(args, 1, &f);
                if name == "map" {
                    Ty::array(out)
                } else {
                    Ty::array(e)
                }
            }
            "fold" => {
                let e = self.fresh();
                self.arg_is(args, 0, &Ty::array(e.clone()));
                let acc = self.arg(args, 1, None);
                let f = Ty::Fn(vec![acc.clone(), e], Box::new(acc.clone()));
                self.arg_is(args, 2, &f);
                acc
            }
            "sum" => {
                let e = self.fresh();
                self.arg_is(args, 0, &Ty::array(e.clone()));
                match self.shallow(&e) {
                    s @ (Ty::Int | Ty::Float | Ty::Resource(_)) => s,
                    Ty::Var(_) => e,
                    Ty::Error | Ty::Never => Ty::Error,
                    other => self.bad_arg("[Int]", &Ty::array(other), sp(0)),
                }
            }
            "range" => {
                for i in 0..n {
                    self.arg_is(args, i, &Ty::Int);
                }
                Ty::array(Ty::Int)
            }
            "hashmap_new" => {
                let k = self.fresh();
                let v = self.fresh();
                Ty::Map(Box::new(k), Box::new(v))
            }
            "hashmap_insert" | "hashmap_get" | "hashmap_remove" | "hashmap_contains"
            | "hashmap_len" | "hashmap_keys" | "hashmap_values" => {
                let k = self.fresh();
                let v = self.fresh();
                self.arg_is(args, 0, &Ty::Map(Box::new(k.clone()), Box::new(v.clone())));
                if n >= 2 {
                    self.arg_is(args, 1, &k);
                }
                if n >= 3 {
                    self.arg_is(args, 2, &v);
                }
                match name {
                    "hashmap_insert" => Ty::Unit,
                    "hashmap_get" | "hashmap_remove" => Ty::option(v),
                    "hashmap_contains" => Ty::Bool,
                    "hashmap_len" => Ty::Int,
                    "hashmap_keys" => Ty::array(k),
                    _ => Ty::array(v),
                }
            }
            "is_some" | "is_none" => {
                let e = self.fresh();
                self.arg_is(args, 0, &Ty::option(e));
                Ty::Bool
            }
            "is_ok" | "is_err" => {
                let (a, b) = (self.fresh(), self.fresh());
                self.arg_is(args, 0, &Ty::result(a, b));
                Ty::Bool
            }
            "unwrap" | "unwrap_or" => {
                let t = self.arg(args, 0, None);
                let inner = match self.shallow(&t) {
                    Ty::Adt(AdtId::OPTION | AdtId::RESULT, a) => a[0].clone(),
                    Ty::Var(_) => {
                        let e = self.fresh();
                        let _ = self.subst.unify(&t, &Ty::option(e.clone()));
                        e
                    }
                    Ty::Error | Ty::Never => Ty::Error,
                    other => self.bad_arg("Option<_>", &other, sp(0)),
                };
                if n == 2 {
                    self.arg_is(args, 1, &inner);
                }
                inner
            }
            "shadow_price" | "resource_used" => {
                let r = self.resource_name_arg(args, 0);
                match (name, r) {
                    ("shadow_price", _) => Ty::Float,
                    (_, Some(r)) => Ty::resource(r.dim()),
                    _ => Ty::Error,
                }
            }
            "consume" => {
                if n == 2 {
                    let r = self.resource_name_arg(args, 0);
                    match r {
                        Some(r) => {
                            self.arg_is(args, 1, &Ty::resource(r.dim()));
                        }
                        None => {
                            self.arg(args, 1, None);
                        }
                    }
                    return Ty::Unit;
                }
                let t = self.arg(args, 0, None);
                match self.shallow(&t) {
                    Ty::Resource(d)
                        if [
                            Dim::ENERGY,
                            Dim::TIME,
                            Dim::CARBON,
                            Dim::MEMORY,
                            Dim::COMPUTE,
                        ]
                        .contains(&d) => {}
                    Ty::Error | Ty::Never => {}
                    other => {
                        self.bad_arg("Resource<Energy>", &other, sp(0));
                    }
                }
                Ty::Unit
            }
            "carbon_intensity" => Ty::Float,
            "carbon_of" => {
                self.arg_is(args, 0, &Ty::resource(Dim::ENERGY));
                Ty::resource(Dim::CARBON)
            }
            "gpu_available" => Ty::Bool,
            "cpu_cores" => Ty::Int,
            "echo" => {
                let a = self.fresh();
                let b = self.fresh();
                let f = Ty::Fn(vec![a.clone()], Box::new(b.clone()));
                self.arg_is(args, 0, &f);
                self.arg_is(args, 1, &a);
                Ty::Echo(Box::new(a), Box::new(b))
            }
            "echo_witness" | "echo_base" => {
                let t = self.arg(args, 0, None);
                match self.shallow(&t) {
                    Ty::Echo(a, b) => {
                        if name == "echo_witness" {
                            *a
                        } else {
                            *b
                        }
                    }
                    Ty::Var(_) => {
                        let (a, b) = (self.fresh(), self.fresh());
                        let _ = self
                            .subst
                            .unify(&t, &Ty::Echo(Box::new(a.clone()), Box::new(b.clone())));
                        if name == "echo_witness" { a } else { b }
                    }
                    Ty::Error | Ty::Never => Ty::Error,
                    other => self.bad_arg("Echo<_, _>", &other, sp(0)),
                }
            }
            "landauer_cost" => {
                self.arg_is(args, 0, &Ty::Int);
                self.arg_is(args, 1, &Ty::Float);
                Ty::resource(Dim::ENERGY)
            }
            "read_file" => {
                self.arg_is(args, 0, &Ty::Str);
                Ty::Str
            }
            "write_file" => {
                self.arg_is(args, 0, &Ty::Str);
                self.arg_is(args, 1, &Ty::Str);
                Ty::Unit
            }
            "file_exists" => {
                self.arg_is(args, 0, &Ty::Str);
                Ty::Bool
            }
            "time_now_ms" => Ty::Int,
            _ => {
                for i in 0..n {
                    self.arg(args, i, None);
                }
                Ty::Error
            }
        }
    }

    /// A resource-name argument (§5.5): an identifier naming a resource, resolved
    /// syntactically even if a local of that name exists, or a string literal; else E0317.
    fn resource_name_arg(&mut self, args: &[Arg<'a>], i: usize) -> Option<Resource> {
        let e = args[i].expr;
        match resource_arg(self, e) {
            Some(r) if !args[i].checked => {
                self.record(e.id, &Ty::Str);
                Some(r)
            }
            _ => {
                if !args[i].checked && !matches!(e.kind, ExprKind::Path(_)) {
                    self.expr(e, None);
                }
                self.error(ErrorCode::E0317, e.span, "expected a resource name".into());
                None
            }
        }
    }

    /// A builtin used as a value rather than called.
    pub(super) fn builtin_value(&mut self, name: &'static str) -> Ty {
        let f = |ps: Vec<Ty>, r: Ty| Ty::Fn(ps, Box::new(r));
        match name {
            "PI" | "E" | "TAU" => Ty::Float,
            "sqrt" | "exp" | "ln" | "log10" | "log2" | "sin" | "cos" | "tan" => {
                f(vec![Ty::Float], Ty::Float)
            }
            "floor" | "ceil" | "round" => f(vec![Ty::Float], Ty::Int),
            "to_int" => f(vec![Ty::Float], Ty::Int),
            "to_float" => f(vec![Ty::Int], Ty::Float),
            "to_string" => {
                let t = self.fresh();
                f(vec![t], Ty::Str)
            }
            "to_uppercase" | "to_lowercase" | "trim" => f(vec![Ty::Str], Ty::Str),
            "parse_int" => f(vec![Ty::Str], Ty::option(Ty::Int)),
            "parse_float" => f(vec![Ty::Str], Ty::option(Ty::Float)),
            "chars" => f(vec![Ty::Str], Ty::array(Ty::Char)),
            "gpu_available" => f(vec![], Ty::Bool),
            "cpu_cores" => f(vec![], Ty::Int),
            "carbon_intensity" => f(vec![], Ty::Float),
            _ => self.fresh(),
        }
    }
}
