//! The checker (LANGUAGE §4, §5): names, scopes, type inference, the dimension algebra and
//! the annotation rules. Input: the AST; output: a [`Checked`] program (types of every
//! expression, item signatures) or every diagnostic found.
//!
//! Split by concern: `env` collects items and resolves written types, `expr` and `stmt`
//! infer expressions, `ops` types operators (§5.4), `builtins` types the calls of §11,
//! `pattern` types patterns (§3.5, §6.5), `items` checks item-level rules (annotations,
//! `main`, constants, traits).
//!
//! Invariant: an expression that produced a diagnostic has type [`Ty::Error`], which
//! unifies with everything and silences every rule that would look at it (§12.3).

pub(crate) mod builtins;
mod env;
mod expr;
mod items;
mod ops;
mod pattern;
mod stmt;
pub mod types;

use std::collections::HashMap;

use crate::diagnostic::{ErrorCode, RawDiagnostic};
use crate::span::Span;
use crate::syntax::ast::{Ast, ExprId};
use crate::syntax::token::{Interner, Symbol};

pub(crate) use env::Body;
use env::Env;
pub use env::{AdtInfo, AdtKind, FnId, FnInfo, NomKey, VData, VariantInfo};
use types::{AdtId, Subst, Ty};

/// The result of checking: what later stages need to know about the program.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The type of every expression, indexed by [`ExprId`], fully resolved (an unresolved
    /// variable shows as `Ty::Var`).
    pub expr_types: Vec<Ty>,
    /// Every function (top-level, module, impl and trait methods) with its signature.
    pub fns: Vec<FnInfo>,
    /// Every struct and enum (the built-in `Option` and `Result` first).
    pub adts: Vec<AdtInfo>,
    /// Top-level functions by name (what a host may evaluate as an entry).
    pub entry_points: HashMap<String, FnId>,
    /// What each path, call, method call, struct literal and pattern refers to, indexed
    /// by [`ExprId`]. For a binding node (parameter or identifier pattern) its own id.
    pub res: Vec<Res>,
    /// For each closure, the bindings of enclosing scopes it uses, in first-use order.
    /// Closures capture bindings by reference (§6.6): these are the ones to share.
    pub captures: HashMap<ExprId, Vec<ExprId>>,
    /// Every binding some closure captures.
    pub captured: std::collections::HashSet<ExprId>,
}

/// What the bytecode compiler needs besides [`Checked`]: the declarations behind the
/// checker's ids (borrowed from the syntax tree) and the method tables.
pub(crate) struct Items<'a> {
    /// The declaration of each function id.
    pub bodies: Vec<Body<'a>>,
    /// Constant declarations by constant id.
    pub consts: Vec<&'a crate::syntax::ast::ConstDecl>,
    /// `(receiver type, method name)` → method, for dispatching trait methods.
    pub methods: Vec<((env::NomKey, Symbol), FnId)>,
    /// Functions declared in a trait, with their names.
    pub trait_methods: Vec<(FnId, Symbol)>,
}

/// Checks a parsed program. `source` is needed for operator spellings in messages.
pub fn check(ast: &Ast, interner: &Interner, source: &str) -> Result<Checked, Vec<RawDiagnostic>> {
    check_items(ast, interner, source, &[]).map(|(c, _)| c)
}

/// [`check`], also returning the [`Items`] the bytecode compiler walks.
pub(crate) fn check_items<'a>(
    ast: &'a Ast,
    interner: &'a Interner,
    source: &'a str,
    hosts: &'a [crate::host::HostSignature],
) -> Result<(Checked, Items<'a>), Vec<RawDiagnostic>> {
    let mut cx = Checker {
        hosts,
        interner,
        source,
        env: Env::default(),
        subst: Subst::default(),
        errors: Vec::new(),
        expr_types: vec![Ty::Error; ast.expr_count as usize],
        fcx: FnCx::default(),
        locals: Vec::new(),
        const_stack: Vec::new(),
        res: vec![Res::None; ast.expr_count as usize],
        closures: Vec::new(),
        captures: HashMap::new(),
    };
    cx.collect(&ast.items);
    cx.check_items(&ast.items);
    if !cx.errors.is_empty() {
        return Err(cx.errors);
    }
    // Resolve in place, and only the types that mention a variable: most are already
    // concrete (Int, Float, …), and re-building them would cost a copy of every type.
    let mut expr_types = std::mem::take(&mut cx.expr_types);
    for t in &mut expr_types {
        if types::has_var(t) {
            *t = cx.subst.resolve(t);
        }
    }
    let entry_points = cx
        .env
        .top_level_fns()
        .map(|(sym, id)| (interner.name(sym).to_string(), id))
        .collect();
    let captured = cx.captures.values().flatten().copied().collect();
    let items = Items {
        bodies: cx.env.fn_slots.iter().map(|s| s.body).collect(),
        consts: cx.env.consts.iter().map(|c| c.decl).collect(),
        methods: cx.env.methods.iter().map(|(k, v)| (*k, *v)).collect(),
        trait_methods: cx
            .env
            .traits
            .iter()
            .flat_map(|t| t.methods.iter().map(|m| (m.2, m.0)))
            .collect(),
    };
    let checked = Checked {
        expr_types,
        fns: cx.env.fns,
        adts: cx.env.adts,
        entry_points,
        res: cx.res,
        captures: cx.captures,
        captured,
    };
    Ok((checked, items))
}

/// Per-function (or closure) state while checking a body.
#[derive(Default, Clone)]
struct FnCx {
    /// The return type of the innermost function or closure.
    ret: Option<Ty>,
    /// Innermost loop first: the break type (`None` for while/for, which need Unit).
    loops: Vec<Option<Ty>>,
    /// The module whose scope names resolve in.
    module: u32,
    /// Type parameters in scope (name → id).
    generics: Vec<(Symbol, u32)>,
    /// `Self`, inside an impl or trait.
    self_ty: Option<Ty>,
    /// Whether a `loop` saw a `break` (innermost last).
    loop_broke: Vec<bool>,
}

/// A local binding.
struct Local {
    name: Symbol,
    ty: Ty,
    /// The node that introduced it (parameter or pattern).
    binding: ExprId,
    /// How many closures enclosed its declaration.
    level: u32,
}

/// What a name, call or literal refers to, as the checker resolved it (§4). The compiler
/// reads this instead of resolving names again: one set of scope rules in the code base.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Res {
    /// Not a name (or not resolved because of an error).
    #[default]
    None,
    /// A local binding, identified by the parameter or pattern node that introduced it.
    Local(ExprId),
    /// A function: top-level, module, method (also for `x.m()`), adaptive.
    Fn(FnId),
    /// A constant.
    Const(u32),
    /// An enum variant (the built-in `Option`/`Result` ones included).
    Variant(AdtId, u32),
    /// A struct (struct literals and struct patterns).
    Struct(AdtId),
    /// A builtin of §11 (for `x.m()`, the builtin `m` called as `m(x, …)`).
    Builtin(&'static str),
    /// A host function, by its index in the compile options.
    Host(u32),
}

pub(crate) struct Checker<'a> {
    /// Host functions declared by the embedding application.
    hosts: &'a [crate::host::HostSignature],
    interner: &'a Interner,
    source: &'a str,
    env: Env<'a>,
    subst: Subst,
    errors: Vec<RawDiagnostic>,
    expr_types: Vec<Ty>,
    fcx: FnCx,
    /// The scope stack of locals; blocks truncate it on exit.
    locals: Vec<Local>,
    /// Constants whose types are being inferred (cycle detection).
    const_stack: Vec<u32>,
    /// Resolutions recorded so far (see [`Checked::res`]).
    res: Vec<Res>,
    /// The closures being checked, innermost last.
    closures: Vec<ExprId>,
    /// Captured bindings per closure.
    captures: HashMap<ExprId, Vec<ExprId>>,
}

/// Names the checker refers to whether or not the program wrote them; `compile` interns
/// them before lexing so that the checker can use a shared, read-only interner.
pub(crate) const KNOWN_SYMBOLS: &[&str] = &[
    "Some", "None", "Ok", "Err", "Option", "Result", "Self", "self", "T", "E", "expr",
];

impl<'a> Checker<'a> {
    fn name(&self, s: Symbol) -> &'a str {
        self.interner.name(s)
    }

    /// The symbol of one of [`KNOWN_SYMBOLS`].
    fn known_symbol(&self, name: &str) -> Symbol {
        debug_assert!(KNOWN_SYMBOLS.contains(&name), "{name} is not pre-interned");
        self.interner.get(name).unwrap_or(Symbol(u32::MAX))
    }

    fn error(&mut self, code: ErrorCode, span: Span, message: String) {
        self.errors.push(RawDiagnostic::new(code, span, message));
    }

    /// The source text of a span (operator spellings, callee names).
    fn text(&self, span: Span) -> &'a str {
        self.source
            .get(span.lo as usize..span.hi as usize)
            .unwrap_or("")
    }

    /// A type as messages write it (§12.1).
    fn show(&self, t: &Ty) -> String {
        let t = self.subst.resolve(t);
        types::display(
            &t,
            &|id: AdtId| {
                self.interner
                    .name(self.env.adts[id.0 as usize].name)
                    .to_string()
            },
            &|p: u32| {
                self.interner
                    .name(self.env.param_names[p as usize])
                    .to_string()
            },
        )
    }

    fn record(&mut self, id: ExprId, t: &Ty) {
        self.expr_types[id.0 as usize] = t.clone();
    }

    fn fresh(&mut self) -> Ty {
        self.subst.fresh()
    }

    fn shallow(&self, t: &Ty) -> Ty {
        self.subst.shallow(t)
    }

    /// Unifies `expected` with `found`; on failure reports E0301 (or E0403 when
    /// dimensions are involved, §5.5) at `span` and returns false.
    fn expect_ty(&mut self, expected: &Ty, found: &Ty, span: Span) -> bool {
        if self.subst.unify(expected, found).is_ok() {
            return true;
        }
        self.mismatch(expected, found, span);
        false
    }

    /// Reports that `found` is not `expected` (E0301, or E0403 for dimensions).
    fn mismatch(&mut self, expected: &Ty, found: &Ty, span: Span) {
        let e = self.shallow(expected);
        let f = self.shallow(found);
        let dimensional =
            (e.is_resource() && (f.is_resource() || f.is_num())) || (f.is_resource() && e.is_num());
        let code = if dimensional {
            ErrorCode::E0403
        } else {
            ErrorCode::E0301
        };
        let msg = format!(
            "expected {}, found {}",
            self.show(expected),
            self.show(found)
        );
        self.error(code, span, msg);
    }

    /// Declares a local introduced by node `binding` (a parameter or pattern).
    fn push_local(&mut self, name: Symbol, ty: Ty, binding: ExprId) {
        self.record(binding, &ty);
        self.res[binding.0 as usize] = Res::Local(binding);
        let level = self.closures.len() as u32;
        self.locals.push(Local {
            name,
            ty,
            binding,
            level,
        });
    }

    fn lookup_local(&self, name: Symbol) -> Option<&Local> {
        self.locals.iter().rev().find(|l| l.name == name)
    }

    /// Records that the innermost closures use `binding`, declared `level` closures deep.
    fn note_capture(&mut self, binding: ExprId, level: u32) {
        for &c in &self.closures[level as usize..] {
            let list = self.captures.entry(c).or_default();
            if !list.contains(&binding) {
                list.push(binding);
            }
        }
    }

    fn set_res(&mut self, id: ExprId, r: Res) {
        self.res[id.0 as usize] = r;
    }

    /// Runs `f` in a fresh function context (item body or closure), restoring after.
    fn in_fn<T>(&mut self, fcx: FnCx, f: impl FnOnce(&mut Self) -> T) -> T {
        let saved = std::mem::replace(&mut self.fcx, fcx);
        let r = f(self);
        self.fcx = saved;
        r
    }
}
