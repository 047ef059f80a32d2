//! The abstract syntax tree (LANGUAGE §3), after macro expansion.
//!
//! Both dialects map to the same nodes: `def` and `fn` are one [`FnDecl`],
//! `@requires: energy < 1J` and `@requires(energy: 1J)` are one list of [`Bound`]s, long
//! and short solutions are one [`Solution`].
//!
//! Left-associative operator runs are kept flat ([`ExprKind::Chain`]) and `else if` runs
//! are a list ([`ExprKind::If`]): a 100,000-term sum is one node with 100,000 children, not
//! a tree 100,000 deep, so no later stage recurses per operand. Every expression has an
//! [`ExprId`] that indexes the checker's side tables (types, resolutions).

use std::sync::Arc;

use crate::span::Span;
use crate::units::Dim;

use super::token::Symbol;

/// An identifier with its location.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ident {
    /// The interned name.
    pub sym: Symbol,
    /// Where it is written.
    pub span: Span,
}

/// The segments of a value path. A single name — by far the most common path — is stored
/// inline, so naming a variable costs no allocation. Dereferences to `[Ident]`.
#[derive(Clone, Debug, PartialEq)]
pub enum PathSegments {
    /// `x`
    One([Ident; 1]),
    /// `m::f`, `Color::Red`
    Many(Box<[Ident]>),
}

impl std::ops::Deref for PathSegments {
    type Target = [Ident];

    fn deref(&self) -> &[Ident] {
        match self {
            PathSegments::One(one) => one,
            PathSegments::Many(many) => many,
        }
    }
}

impl From<Vec<Ident>> for PathSegments {
    fn from(mut v: Vec<Ident>) -> Self {
        if v.len() == 1 {
            PathSegments::One([v.pop().expect("one segment")])
        } else {
            PathSegments::Many(v.into_boxed_slice())
        }
    }
}

impl From<Ident> for PathSegments {
    fn from(id: Ident) -> Self {
        PathSegments::One([id])
    }
}

/// Identifies one expression node; dense from 0 within a program.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ExprId(pub u32);

/// A parsed (and macro-expanded) source file.
#[derive(Clone, Debug, Default)]
pub struct Ast {
    /// Top-level items in source order.
    pub items: Vec<Item>,
    /// Number of expression ids handed out.
    pub expr_count: u32,
}

/// An item with its span (from its first token).
#[derive(Clone, Debug)]
pub struct Item {
    /// What the item declares.
    pub kind: ItemKind,
    /// From the first token (attributes included) to the end.
    pub span: Span,
    /// Written with `pub`.
    pub public: bool,
}

/// The item forms of §3.1.
#[derive(Clone, Debug)]
pub enum ItemKind {
    /// `fn` / `def`.
    Fn(FnDecl),
    /// `adaptive fn` / `adaptive def`.
    Adaptive(AdaptiveDecl),
    /// `struct`, or `type N = { … }`.
    Struct(StructDecl),
    /// `enum`, or `type N = enum { … }`.
    Enum(EnumDecl),
    /// `type N = T`.
    TypeAlias(TypeAliasDecl),
    /// `const`.
    Const(ConstDecl),
    /// `impl [Trait for] T { … }`.
    Impl(ImplDecl),
    /// `trait`.
    Trait(TraitDecl),
    /// `module` / `mod`.
    Module(ModuleDecl),
    /// `use` / `import`.
    Use(UseDecl),
    /// `effect`.
    Effect(EffectDecl),
    /// `macro` (already collected and expanded; kept for duplicate-name checks).
    Macro(Ident),
}

/// A generic parameter (`T`, `T: Bound + Other`; bounds are parsed, not checked).
#[derive(Clone, Debug)]
pub struct GenericParam {
    /// The parameter's name.
    pub name: Ident,
}

/// A function parameter.
#[derive(Clone, Debug)]
pub struct Param {
    /// Identifies the binding (its type and uses are recorded under this id).
    pub id: ExprId,
    /// The name (`self` for a receiver).
    pub name: Ident,
    /// The declared type; `None` is E0316 unless this is `self`.
    pub ty: Option<TypeExpr>,
    /// The `self` receiver.
    pub is_self: bool,
}

/// An amount in an annotation: a number with an optional unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Amount {
    /// Magnitude in canonical units.
    pub value: f64,
    /// The unit's dimension; `None` when written without a unit (E0310).
    pub dim: Option<Dim>,
    /// Where it is written.
    pub span: Span,
}

/// One `resource < amount` / `resource: amount` entry.
#[derive(Clone, Debug)]
pub struct Bound {
    /// The resource name as written.
    pub resource: Ident,
    /// The amount.
    pub amount: Amount,
}

/// A plain function (also methods and trait methods).
#[derive(Clone, Debug)]
pub struct FnDecl {
    /// The name.
    pub name: Ident,
    /// Type parameters.
    pub generics: Vec<GenericParam>,
    /// Parameters in order.
    pub params: Vec<Param>,
    /// The declared return type (`None` means Unit).
    pub ret: Option<TypeExpr>,
    /// Every `@requires` bound, merged in source order.
    pub requires: Vec<Bound>,
    /// The body; `None` only for trait methods without a default.
    pub body: Option<Block>,
}

/// `minimize r` / `maximize r`.
#[derive(Clone, Debug)]
pub struct Objective {
    /// True for `maximize`.
    pub maximize: bool,
    /// The resource name.
    pub resource: Ident,
}

/// One solution of an adaptive function.
#[derive(Clone, Debug)]
pub struct Solution {
    /// Its name (from a string or an identifier); `span` points at it.
    pub name: Arc<str>,
    /// Where the name is written.
    pub name_span: Span,
    /// The `@when` guard.
    pub guard: Option<Expr>,
    /// The provided resource vector.
    pub provides: Vec<Bound>,
    /// The body.
    pub body: Block,
}

/// An adaptive function.
#[derive(Clone, Debug)]
pub struct AdaptiveDecl {
    /// The name.
    pub name: Ident,
    /// Type parameters.
    pub generics: Vec<GenericParam>,
    /// Parameters.
    pub params: Vec<Param>,
    /// Declared return type.
    pub ret: Option<TypeExpr>,
    /// `@requires` bounds: caps on the selected solution.
    pub caps: Vec<Bound>,
    /// `@optimize` objectives.
    pub objectives: Vec<Objective>,
    /// Solutions in declaration order.
    pub solutions: Vec<Solution>,
}

/// A named, typed field.
#[derive(Clone, Debug)]
pub struct Field {
    /// The field's name.
    pub name: Ident,
    /// The field's type.
    pub ty: TypeExpr,
}

/// A struct declaration.
#[derive(Clone, Debug)]
pub struct StructDecl {
    /// The name.
    pub name: Ident,
    /// Type parameters.
    pub generics: Vec<GenericParam>,
    /// Fields in declaration order.
    pub fields: Vec<Field>,
}

/// The payload of an enum variant.
#[derive(Clone, Debug)]
pub enum VariantData {
    /// `Red`
    Unit,
    /// `Circle(Float)`
    Tuple(Vec<TypeExpr>),
    /// `Box { w: Int, h: Int }`
    Struct(Vec<Field>),
}

/// An enum variant.
#[derive(Clone, Debug)]
pub struct Variant {
    /// The name.
    pub name: Ident,
    /// The payload.
    pub data: VariantData,
}

/// An enum declaration.
#[derive(Clone, Debug)]
pub struct EnumDecl {
    /// The name.
    pub name: Ident,
    /// Type parameters.
    pub generics: Vec<GenericParam>,
    /// Variants (at least one; none is E0106).
    pub variants: Vec<Variant>,
}

/// `type N<T> = T2`.
#[derive(Clone, Debug)]
pub struct TypeAliasDecl {
    /// The name.
    pub name: Ident,
    /// Type parameters.
    pub generics: Vec<GenericParam>,
    /// What it stands for.
    pub ty: TypeExpr,
}

/// `const N: T = e`.
#[derive(Clone, Debug)]
pub struct ConstDecl {
    /// The name.
    pub name: Ident,
    /// The declared type.
    pub ty: Option<TypeExpr>,
    /// The initializer.
    pub value: Expr,
}

/// `impl [Trait for] Type { methods }`.
#[derive(Clone, Debug)]
pub struct ImplDecl {
    /// Type parameters of the impl.
    pub generics: Vec<GenericParam>,
    /// The trait, when this implements one.
    pub trait_ref: Option<TypeExpr>,
    /// The implementing type.
    pub self_ty: TypeExpr,
    /// The functions.
    pub methods: Vec<FnDecl>,
}

/// `trait Name { fn m(self) -> T; fn d(self) { … } }`.
#[derive(Clone, Debug)]
pub struct TraitDecl {
    /// The name.
    pub name: Ident,
    /// Type parameters.
    pub generics: Vec<GenericParam>,
    /// Methods; those with a body are defaults.
    pub methods: Vec<FnDecl>,
}

/// `module m { items }`.
#[derive(Clone, Debug)]
pub struct ModuleDecl {
    /// The name.
    pub name: Ident,
    /// The module's items.
    pub items: Vec<Item>,
}

/// What a `use` brings in.
#[derive(Clone, Debug)]
pub enum UseKind {
    /// `use m::item [as alias]`.
    Single(Option<Ident>),
    /// `use m::*`.
    Glob,
    /// `use m::{a, b}`.
    List(Vec<Ident>),
}

/// `use path…`.
#[derive(Clone, Debug)]
pub struct UseDecl {
    /// The path segments.
    pub path: Vec<Ident>,
    /// The form.
    pub kind: UseKind,
}

/// One operation signature of an effect.
#[derive(Clone, Debug)]
pub struct EffectOp {
    /// The name.
    pub name: Ident,
    /// Parameters.
    pub params: Vec<Param>,
    /// Return type.
    pub ret: Option<TypeExpr>,
}

/// `effect E { op(…) -> T }`.
#[derive(Clone, Debug)]
pub struct EffectDecl {
    /// The name.
    pub name: Ident,
    /// Type parameters.
    pub generics: Vec<GenericParam>,
    /// Operation signatures.
    pub ops: Vec<EffectOp>,
}

/// A written type (§3.2).
#[derive(Clone, Debug)]
pub struct TypeExpr {
    /// The form.
    pub kind: TypeExprKind,
    /// Where it is written.
    pub span: Span,
}

/// The forms of a written type.
#[derive(Clone, Debug)]
pub enum TypeExprKind {
    /// A path with optional type arguments (`Int`, `Option<T>`, `m::T`).
    Path(Vec<Ident>, Vec<TypeExpr>),
    /// `Resource<dim_expr>`.
    Resource(DimExpr),
    /// `fn(A) -> R` or `(A) -> R`.
    Fn(Vec<TypeExpr>, Option<Box<TypeExpr>>),
    /// `(A, B)`, `(A,)`.
    Tuple(Vec<TypeExpr>),
    /// `()`.
    Unit,
    /// `[T]`, `[T; N]`.
    Array(Box<TypeExpr>),
    /// `_`.
    Infer,
}

/// A dimension expression inside `Resource<…>`.
#[derive(Clone, Debug)]
pub enum DimExpr {
    /// `1`
    One(Span),
    /// A dimension name such as `Energy`, with an optional integer power.
    Name(Ident, i32),
    /// `(dim_expr)` with an optional power.
    Group(Box<DimExpr>, i32),
    /// Product/quotient run: first factor, then (is_div, factor) pairs.
    Ops(Box<DimExpr>, Vec<(bool, DimExpr)>),
}

/// A block `{ stmts [tail] }`.
#[derive(Clone, Debug)]
pub struct Block {
    /// Statements.
    pub stmts: Vec<Stmt>,
    /// The final expression without `;`, the block's value.
    pub tail: Option<Box<Expr>>,
    /// From `{` to `}`.
    pub span: Span,
}

/// A statement (§3.3). The two rarer, larger forms are boxed so that a block's statement
/// vector stays compact.
#[derive(Clone, Debug)]
pub enum Stmt {
    /// `let pat [: T] = e`.
    Let(Box<LetStmt>),
    /// `place = e` or `place op= e`.
    Assign(Box<AssignStmt>),
    /// An expression statement (its value is discarded).
    Expr(Expr),
}

/// `let pat [: T] = e`.
#[derive(Clone, Debug)]
pub struct LetStmt {
    /// The binding pattern.
    pub pat: Pattern,
    /// The annotation.
    pub ty: Option<TypeExpr>,
    /// The initializer.
    pub init: Expr,
    /// From `let`.
    pub span: Span,
}

/// `place = e` or `place op= e`.
#[derive(Clone, Debug)]
pub struct AssignStmt {
    /// The place (a path, field, tuple field or index expression).
    pub place: Expr,
    /// The compound operator, if any.
    pub op: Option<BinOp>,
    /// The value.
    pub value: Expr,
    /// The `=`/`op=` token.
    pub op_span: Span,
}

/// Binary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
    Pow,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
    BitAnd,
    BitOr,
    BitXor,
    Shl,
    Shr,
}

impl BinOp {
    /// The canonical spelling, used in messages when the source spelling is unknown.
    pub fn symbol(self) -> &'static str {
        use BinOp::*;
        match self {
            Add => "+",
            Sub => "-",
            Mul => "*",
            Div => "/",
            Rem => "%",
            Pow => "**",
            Eq => "==",
            Ne => "!=",
            Lt => "<",
            Le => "<=",
            Gt => ">",
            Ge => ">=",
            And => "&&",
            Or => "||",
            BitAnd => "&",
            BitOr => "|",
            BitXor => "^",
            Shl => "<<",
            Shr => ">>",
        }
    }
}

/// Prefix operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    /// `-x`
    Neg,
    /// `!x` / `not x`
    Not,
    /// `~x`
    BitNot,
}

/// An expression node.
#[derive(Clone, Debug)]
pub struct Expr {
    /// Index into the checker's side tables.
    pub id: ExprId,
    /// The form.
    pub kind: ExprKind,
    /// From the first token to the last.
    pub span: Span,
}

/// One `if`/`else if` arm.
#[derive(Clone, Debug)]
pub struct IfBranch {
    /// The `if` keyword.
    pub if_span: Span,
    /// The condition.
    pub cond: Expr,
    /// The block run when it holds.
    pub block: Block,
}

/// A `match` arm.
#[derive(Clone, Debug)]
pub struct Arm {
    /// The pattern.
    pub pat: Pattern,
    /// The guard.
    pub guard: Option<Expr>,
    /// The body.
    pub body: Expr,
}

/// A closure parameter.
#[derive(Clone, Debug)]
pub struct ClosureParam {
    /// Identifies the binding.
    pub id: ExprId,
    /// The name (`None` for `_`).
    pub name: Option<Ident>,
    /// Where it is written.
    pub span: Span,
    /// The annotation.
    pub ty: Option<TypeExpr>,
}

/// One handler of a `handle` expression.
#[derive(Clone, Debug)]
pub struct Handler {
    /// `E::op` or `op`.
    pub path: Vec<Ident>,
    /// Bound parameters.
    pub params: Vec<Param>,
    /// The handler body (never run).
    pub body: Block,
}

/// A field initializer of a struct literal (`x: e`, or `x` meaning `x: x`).
#[derive(Clone, Debug)]
pub struct FieldInit {
    /// The field name.
    pub name: Ident,
    /// The value (for shorthand, a path expression naming the same identifier).
    pub value: Expr,
}

/// The expression forms of §3.4.
#[derive(Clone, Debug)]
pub enum ExprKind {
    /// Integer literal.
    Int(i64),
    /// Float literal.
    Float(f64),
    /// Dimensional literal (canonical magnitude, dimension).
    Dim(f64, Dim),
    /// String literal.
    Str(Arc<str>),
    /// Char literal.
    Char(char),
    /// `true` / `false`.
    Bool(bool),
    /// `()`.
    Unit,
    /// A name or qualified path (`x`, `m::f`, `Color::Red`, `self`, `Self::new`).
    Path(PathSegments),
    /// `Name { field: e, … }`.
    StructLit(Box<[Ident]>, Vec<FieldInit>),
    /// `(a, b)`.
    Tuple(Vec<Expr>),
    /// `[a, b]`.
    Array(Vec<Expr>),
    /// `[e; n]`.
    Repeat(Box<Expr>, Box<Expr>),
    /// `{ … }`.
    Block(Block),
    /// `if c { } else if d { } else { }`.
    If(Vec<IfBranch>, Option<Box<Block>>),
    /// `match e { arms }`.
    Match(Box<Expr>, Vec<Arm>),
    /// `while c { }`.
    While(Box<Expr>, Box<Block>),
    /// `for p in e { }`.
    For(Box<Pattern>, Box<Expr>, Box<Block>),
    /// `loop { }`.
    Loop(Box<Block>),
    /// `handle e { handlers }`.
    Handle(Box<Expr>, Box<[Handler]>),
    /// `|x| e`, `|x| -> T { }`, `fn(x) -> e`.
    Closure(Vec<ClosureParam>, Option<Box<TypeExpr>>, Box<Expr>),
    /// `return [e]`.
    Return(Option<Box<Expr>>),
    /// `break [e]`.
    Break(Option<Box<Expr>>),
    /// `continue`.
    Continue,
    /// A run of left-associative operators of one precedence level:
    /// `first op1 e1 op2 e2 …`, evaluated left to right. Each entry has the operator's
    /// span. Also used, with one entry, for the non-associative levels.
    Chain(Box<Expr>, Vec<(BinOp, Span, Expr)>),
    /// `a ** b` (right-associative).
    Pow(Box<Expr>, Box<Expr>, Span),
    /// A prefix operator, with the operator's span.
    Unary(UnOp, Span, Box<Expr>),
    /// `( e )`: a group, kept so that locations can point at its `(`.
    Paren(Box<Expr>),
    /// `e as T`.
    Cast(Box<Expr>, Box<TypeExpr>),
    /// `a..b` / `a..=b`.
    Range(Box<Expr>, Box<Expr>, bool),
    /// `f(args)`.
    Call(Box<Expr>, Vec<Expr>),
    /// `recv.m(args)`.
    MethodCall(Box<Expr>, Ident, Box<[Expr]>),
    /// `e.name`.
    Field(Box<Expr>, Ident),
    /// `e.0` (index and its span).
    TupleField(Box<Expr>, u32, Span),
    /// `a[i]`.
    Index(Box<Expr>, Box<Expr>),
    /// `e?`.
    Try(Box<Expr>),
    /// A call of a macro that is not defined (E0201 at check time).
    UndefinedMacro(Ident),
    /// Placeholder left where parsing failed; never reaches the checker.
    Error,
}

/// A pattern (§3.5).
#[derive(Clone, Debug)]
pub struct Pattern {
    /// Identifies the node; for an identifier pattern, the binding it introduces.
    pub id: ExprId,
    /// The form.
    pub kind: PatternKind,
    /// Where it is written.
    pub span: Span,
}

/// The pattern forms.
#[derive(Clone, Debug)]
pub enum PatternKind {
    /// `_`
    Wild,
    /// Integer literal.
    Int(i64),
    /// `a..b` (false) / `a..=b` (true).
    IntRange(i64, i64, bool),
    /// Float literal.
    Float(f64),
    /// String literal.
    Str(Arc<str>),
    /// Char literal.
    Char(char),
    /// `true`/`false`.
    Bool(bool),
    /// A bare identifier: a binding, or a unit variant if one is in scope.
    Ident(Ident),
    /// A qualified path (`Color::Red`).
    Path(Vec<Ident>),
    /// `P(p, q)`.
    TupleStruct(Vec<Ident>, Vec<Pattern>),
    /// `P { x, y: p, .. }` (the shorthand `x` is stored as `x: x`).
    Struct(Vec<Ident>, Vec<(Ident, Pattern)>, bool),
    /// `(p, q)`.
    Tuple(Vec<Pattern>),
    /// `p | q`.
    Or(Vec<Pattern>),
}
