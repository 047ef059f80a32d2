//! The bytecode: what [`super::emit`] produces and [`crate::vm`] runs.
//!
//! A register machine. Each function is a [`Proto`]: a flat vector of [`Op`]s and, in
//! parallel, the source span each op reports errors at. A frame is a window of the
//! machine's register file; `Reg` operands are offsets into the current window.
//! Arguments of a call are placed in consecutive registers, which become the callee's
//! first registers (no copying).
//!
//! Instructions are specialised by the types the checker inferred: `AddI` adds two
//! `Int`s (checked), `NumBin` works on binary64 magnitudes (Float or dimensioned, with
//! the result's dimension fixed at compile time), and only generic code (type
//! parameters) uses the dynamic forms.

use std::collections::HashMap;
use std::sync::Arc;

use crate::adaptive::AdaptivePlan;
use crate::span::Span;
use crate::units::{Dim, Resource};

/// A register offset within the current frame.
pub type Reg = u16;

/// Integer operations that can fail (checked, LANGUAGE §6.3).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/` (truncating)
    Div,
    /// `%` (sign of the dividend)
    Rem,
    /// `**`
    Pow,
    /// `&`
    And,
    /// `|`
    Or,
    /// `^`
    Xor,
    /// `<<`
    Shl,
    /// `>>` (arithmetic)
    Shr,
}

/// binary64 operations (Float and dimensioned magnitudes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NumOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/` (zero divisor: E0501)
    Div,
    /// `%` (fmod; zero divisor: E0501)
    Rem,
    /// `**` (powf)
    Pow,
}

/// Comparisons.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
}

impl CmpOp {
    /// The comparison that holds exactly when this one does not (on a total order).
    pub fn negate(self) -> CmpOp {
        match self {
            CmpOp::Eq => CmpOp::Ne,
            CmpOp::Ne => CmpOp::Eq,
            CmpOp::Lt => CmpOp::Ge,
            CmpOp::Ge => CmpOp::Lt,
            CmpOp::Le => CmpOp::Gt,
            CmpOp::Gt => CmpOp::Le,
        }
    }

    /// Applies the comparison to an ordering.
    #[inline]
    pub fn test(self, o: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::*;
        match self {
            CmpOp::Eq => o == Equal,
            CmpOp::Ne => o != Equal,
            CmpOp::Lt => o == Less,
            CmpOp::Le => o != Greater,
            CmpOp::Gt => o == Greater,
            CmpOp::Ge => o != Less,
        }
    }

    /// Applies the comparison to two binary64 values (IEEE: NaN compares false, except `!=`).
    #[inline]
    pub fn test_f64(self, a: f64, b: f64) -> bool {
        match self {
            CmpOp::Eq => a == b,
            CmpOp::Ne => a != b,
            CmpOp::Lt => a < b,
            CmpOp::Le => a <= b,
            CmpOp::Gt => a > b,
            CmpOp::Ge => a >= b,
        }
    }
}

/// How a comparison reads its operands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CmpKind {
    /// Both `Int`.
    Int,
    /// Float, dimensioned, or an Int widened to Float.
    Num,
    /// Strings (by code point), chars, bools: total orders.
    Ord,
    /// `==`/`!=` on anything (structural).
    Eq,
}

/// Casts (`e as T`) that change the representation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CastOp {
    /// Int → Float.
    IntToFloat,
    /// Float → Int (E0504 if not representable).
    FloatToInt,
    /// Int → Char (E0504 if not a scalar value).
    IntToChar,
    /// Char → Int.
    CharToInt,
    /// Float → Resource (or back): the magnitude is kept, the dimension set.
    Dim(Dim),
}

/// One step of an assignment place below its root (§6.2).
#[derive(Clone, Copy, Debug)]
pub enum Step {
    /// A struct field or tuple element by index.
    Field(u32),
    /// An array element; the index is in this register.
    Index(Reg, Span),
}

/// Where an assignment place starts.
#[derive(Clone, Copy, Debug)]
pub enum Root {
    /// A local in a register.
    Reg(Reg),
    /// A captured local: the register holds its cell.
    Cell(Reg),
    /// A captured binding of the enclosing closure.
    Upval(u16),
}

/// One instruction. `Copy`, at most 16 bytes.
#[derive(Clone, Copy, Debug)]
#[allow(missing_docs)]
pub enum Op {
    // ----- values -----
    /// `a = consts[k]`
    Const(Reg, u32),
    /// `a = Int(k)`
    Int(Reg, i64),
    /// `a = b`
    Move(Reg, Reg),
    /// `a = ()`
    Unit(Reg),
    /// `a = Bool(b)`
    Bool(Reg, bool),
    /// `a = globals[k]`
    GetGlobal(Reg, u32),
    /// `globals[k] = a`
    SetGlobal(u32, Reg),

    // ----- captured bindings -----
    /// `a = new cell(a)`: the register now holds a cell with its old value.
    Box(Reg),
    /// `a = *cell(b)`
    CellGet(Reg, Reg),
    /// `*cell(a) = b`
    CellSet(Reg, Reg),
    /// `a = *upval[k]`
    UpGet(Reg, u16),
    /// `*upval[k] = a`
    UpSet(u16, Reg),
    /// `a = closure(proto, captures from the capture list `list`)`
    Closure(Reg, u32, u32),

    // ----- arithmetic -----
    AddI(Reg, Reg, Reg),
    SubI(Reg, Reg, Reg),
    /// `a = b + k` (Int, checked)
    AddIK(Reg, Reg, i32),
    IntBin(IntOp, Reg, Reg, Reg),
    /// binary64 operation; result Float when the dimension is none, else dimensioned.
    NumBin(NumOp, Reg, Reg, Reg, Dim),
    NegI(Reg, Reg),
    NegF(Reg, Reg),
    Not(Reg, Reg),
    BitNot(Reg, Reg),
    Cmp(CmpOp, CmpKind, Reg, Reg, Reg),
    /// `if b op c goto t` on Ints.
    JumpCmpI(CmpOp, Reg, Reg, u32),
    /// `if b op k goto t` on an Int and a constant.
    JumpCmpIK(CmpOp, Reg, i32, u32),
    /// `a = b + c` on strings.
    Concat(Reg, Reg, Reg),
    /// `a = a + b` on strings, in place when `a` is unshared.
    Append(Reg, Reg),
    Cast(CastOp, Reg, Reg),
    /// `a = b op c` decided on the values (generic code).
    Dyn(crate::syntax::ast::BinOp, Reg, Reg, Reg),

    // ----- control -----
    Jump(u32),
    JumpIf(Reg, u32),
    JumpIfNot(Reg, u32),
    /// One loop iteration (§7.6): fuel, loop energy, cancellation and deadline.
    LoopMeter,
    /// The bottom of a loop: `if b op c { meter one iteration; goto t }`.
    LoopCmpI(CmpOp, Reg, Reg, u32),
    /// `if b op k { meter one iteration; goto t }`.
    LoopCmpIK(CmpOp, Reg, i32, u32),
    /// `if b { meter one iteration; goto t }`.
    LoopIf(Reg, u32),
    /// `meter one iteration; goto t` (the back edge of `loop`).
    LoopJump(u32),
    /// Range loop step: regs `s` (next), `s+1` (remaining count); exits to `t`, or meters
    /// one iteration and binds `v`.
    ForRange(Reg, Reg, u32),
    /// Array loop step: regs `s` (snapshot array), `s+1` (index); exits to `t`, or meters
    /// one iteration and binds `v`.
    ForArray(Reg, Reg, u32),
    /// Prepares a range loop from the range value in `b` into regs `a`, `a+1`.
    RangePrep(Reg, Reg),
    /// Prepares an array loop from the array or string in `b` into regs `a` (snapshot),
    /// `a+1` (index 0).
    ArrayPrep(Reg, Reg),

    // ----- calls -----
    /// `a = fn(args…)`: the plain or adaptive function whose proto is `p`, `n` arguments
    /// from register `b`.
    Call(Reg, u32, Reg, u8),
    /// `a = (value in c)(args…)`
    CallValue(Reg, Reg, Reg, u8),
    /// `a = builtin(args…)`
    CallBuiltin(Reg, u16, Reg, u8),
    /// `a = host function h(args…)`
    CallHost(Reg, u16, Reg, u8),
    /// A method of a trait called on `self` in a default body: dispatch on the receiver's
    /// run-time type (the first argument); `f` is the trait's declaration.
    CallVirtual(Reg, u32, Reg, u8),
    Return(Reg),
    /// §8.2 steps 3–5 for plan `k`: guards in registers from `a`; jumps to the selected
    /// solution's body through jump table `k`.
    Select(u32, Reg),
    /// `e?`: `a = payload of b` or return `b` from the function.
    Try(Reg, Reg),

    // ----- data -----
    /// `a = (b, b+1, …)` with `n` elements.
    Tuple(Reg, Reg, u32),
    /// `a = [b, …]` with `n` elements.
    Array(Reg, Reg, u32),
    /// `a = [b; c]`
    Repeat(Reg, Reg, Reg),
    /// `a = struct adt with fields b…` (declaration order)
    Struct(Reg, u32, Reg, u32),
    /// `a = variant of adt (k) with payload b…` (`n` items); `adt`, `variant`, `n` packed.
    Variant(Reg, u32, u16, Reg, u16),
    /// `a = b..c` (inclusive flag)
    Range(Reg, Reg, Reg, bool),
    /// `a = b.k` (struct field or tuple element)
    Field(Reg, Reg, u32),
    /// `a = b[c]`
    Index(Reg, Reg, Reg),
    /// Stores `b` into the place of path `k` (root and steps from the path table).
    Store(u32, Reg),
    /// Reads the place of path `k` into `a`.
    Load(Reg, u32),

    // ----- patterns -----
    /// `if b is not variant (adt, v) goto t`
    TestVariant(Reg, u32, u32, u32),
    /// `if !(a == consts[k]) goto t`
    TestConst(Reg, u32, u32),
    /// `if !(lo <= a <(=) hi) goto t`; bounds in the range table entry `k`.
    TestRange(Reg, u32, u32),
    /// `a = payload element k of b` (variant payload or struct variant field)
    Payload(Reg, Reg, u32),
    /// Fails with MatchFailure (E0509) on the value in `a`.
    MatchFail(Reg),
    /// Fails with RuntimeError (E0599) and the string constant `k` as message.
    Fail(u32),
}

/// A constant of the pool (`Send`; the machine turns the pool into values once per run).
#[derive(Clone, Debug)]
pub enum Const {
    /// Int (pattern tests).
    Int(i64),
    /// Bool (pattern tests).
    Bool(bool),
    /// Float.
    Float(f64),
    /// Dimensioned.
    Quantity(f64, Dim),
    /// String.
    Str(Arc<str>),
    /// Char.
    Char(char),
    /// A function value.
    Fn(u32),
    /// A builtin as a value.
    Builtin(&'static str),
    /// A host function as a value.
    Host(u16),
    /// A unit enum variant.
    Tag(u32, u32),
}

/// What kind of code a [`Proto`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProtoKind {
    /// A plain function or method.
    Fn,
    /// An adaptive function (guards, `Select`, solution bodies).
    Adaptive,
    /// A closure.
    Closure,
    /// The constants' initialisation.
    Init,
}

/// One compiled function.
#[derive(Clone, Debug)]
pub struct Proto {
    /// The declared name (`<closure>` for closures).
    pub name: Arc<str>,
    /// What it is.
    pub kind: ProtoKind,
    /// The instructions.
    pub code: Vec<Op>,
    /// `spans[pc]`: where the error of `code[pc]` is reported.
    pub spans: Vec<Span>,
    /// Registers the frame needs (parameters included).
    pub nregs: u16,
    /// Parameters (the first registers).
    pub nparams: u16,
    /// `@requires` bounds of a plain function, in resource order.
    pub bounds: Vec<(Resource, f64)>,
    /// For adaptive functions: the plan index.
    pub plan: Option<u32>,
}

/// Everything [`crate::vm`] needs to run a program. Immutable and `Send + Sync`.
#[derive(Clone, Debug, Default)]
pub struct Code {
    /// Compiled functions; closures and the initialisation included.
    pub protos: Vec<Proto>,
    /// The proto of each checker function id (`u32::MAX`: no body).
    pub fn_proto: Vec<u32>,
    /// Each checker function's name and whether it is adaptive.
    pub fn_names: Vec<(String, bool)>,
    /// Display names of structs and enums.
    pub adts: Vec<AdtNames>,
    /// The constant pool.
    pub consts: Vec<Const>,
    /// Number of `const` items.
    pub globals: u32,
    /// The proto that evaluates every `const` in dependency order.
    pub init: Option<u32>,
    /// Adaptive plans (one per adaptive function) and their body jump tables.
    pub plans: Vec<(AdaptivePlan, Vec<u32>)>,
    /// Capture lists of closures: where each captured cell comes from.
    pub capture_lists: Vec<Vec<Root>>,
    /// Assignment paths.
    pub paths: Vec<(Root, Vec<Step>)>,
    /// Range patterns: `(lo, hi, inclusive)`.
    pub ranges: Vec<(i64, i64, bool)>,
    /// Method dispatch for trait methods: (receiver kind, method name) → function.
    pub methods: HashMap<(RecvKind, Arc<str>), u32>,
    /// Method names of trait declarations (for [`Op::CallVirtual`]).
    pub virtual_names: HashMap<u32, Arc<str>>,
    /// Host functions the program was compiled against (index = `CallHost` operand).
    pub hosts: Vec<crate::host::HostSignature>,
}

/// The run-time kind of a method receiver (struct/enum type or primitive).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecvKind {
    /// A struct or enum.
    Adt(u32),
    /// A primitive type, numbered as the checker's method tables do.
    Prim(u8),
}

/// Display names of one struct or enum.
#[derive(Clone, Debug, Default)]
pub struct AdtNames {
    /// The type's name.
    pub name: String,
    /// Struct fields.
    pub fields: Vec<String>,
    /// Enum variants: name and, for struct variants, field names.
    pub variants: Vec<(String, Option<Vec<String>>)>,
}

impl Code {
    /// A human-readable listing of every proto (for debugging and performance work).
    pub fn disassemble(&self) -> String {
        use std::fmt::Write as _;
        let mut out = String::new();
        for (i, p) in self.protos.iter().enumerate() {
            let _ = writeln!(
                out,
                "proto {i} {} ({:?}, {} params, {} regs)",
                p.name, p.kind, p.nparams, p.nregs
            );
            for (pc, op) in p.code.iter().enumerate() {
                let _ = writeln!(out, "  {pc:4}  {op:?}");
            }
        }
        out
    }
}

impl crate::vm::val::Names for Code {
    fn type_name(&self, adt: u32) -> &str {
        &self.adts[adt as usize].name
    }

    fn field_names(&self, adt: u32) -> &[String] {
        &self.adts[adt as usize].fields
    }

    fn variant(&self, adt: u32, variant: u32) -> (&str, Option<&[String]>) {
        let (n, f) = &self.adts[adt as usize].variants[variant as usize];
        (n, f.as_deref())
    }

    fn fn_name(&self, f: u32) -> (&str, bool) {
        let (n, a) = &self.fn_names[f as usize];
        (n, *a)
    }

    fn host_name(&self, h: u16) -> &str {
        self.hosts
            .get(h as usize)
            .map_or("host", |s| s.name.as_str())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ops_stay_small() {
        assert!(std::mem::size_of::<super::Op>() <= 16);
    }
}
