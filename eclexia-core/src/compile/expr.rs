//! Expressions, operators, calls and loops (LANGUAGE §6.2–§6.4).

use super::code::*;
use super::{Emitter, LoopCx, Slot, visit};
use crate::check::Res;
use crate::check::types::Ty;
use crate::span::Span;
use crate::syntax::ast::*;
use crate::units::{Dim, Resource};

/// What an operand is, as far as choosing an instruction goes.
#[derive(Clone, Copy, Debug, PartialEq)]
enum K {
    Int,
    Float,
    Q(Dim),
    Str,
    /// Char or Bool: totally ordered scalars.
    Ord,
    /// Anything else, or not known statically (type parameters).
    Other,
}

fn kind(t: &Ty) -> K {
    match t {
        Ty::Int => K::Int,
        Ty::Float => K::Float,
        Ty::Resource(d) => K::Q(*d),
        Ty::Str => K::Str,
        Ty::Char | Ty::Bool => K::Ord,
        _ => K::Other,
    }
}

fn is_num(k: K) -> bool {
    matches!(k, K::Int | K::Float | K::Q(_))
}

fn dim_of(k: K) -> Dim {
    match k {
        K::Q(d) => d,
        _ => Dim::NONE,
    }
}

/// A folded constant: an Int, or a binary64 magnitude (Float or dimensioned).
#[derive(Clone, Copy, Debug)]
enum Folded {
    Int(i64),
    Num(f64),
}

/// One arithmetic step of constant folding, with the run-time semantics (§6.3): Int with
/// Int is checked integer arithmetic, anything else binary64 on magnitudes (the dimension
/// comes from the checked type). `None` when the step would fail at run time or is not
/// arithmetic.
fn fold_op(op: BinOp, a: Folded, b: Folded) -> Option<Folded> {
    use crate::vm::{int_op, num_op};
    let (iop, nop) = match op {
        BinOp::Add => (IntOp::Add, NumOp::Add),
        BinOp::Sub => (IntOp::Sub, NumOp::Sub),
        BinOp::Mul => (IntOp::Mul, NumOp::Mul),
        BinOp::Div => (IntOp::Div, NumOp::Div),
        BinOp::Rem => (IntOp::Rem, NumOp::Rem),
        BinOp::Pow => (IntOp::Pow, NumOp::Pow),
        _ => return None,
    };
    match (a, b) {
        (Folded::Int(x), Folded::Int(y)) => int_op(iop, x, y).ok().map(Folded::Int),
        (x, y) => {
            let f = |v: Folded| match v {
                Folded::Int(i) => i as f64,
                Folded::Num(n) => n,
            };
            num_op(nop, f(x), f(y)).map(Folded::Num)
        }
    }
}

/// An Int literal that fits an instruction's immediate operand.
fn small_int(e: &Expr) -> Option<i32> {
    match e.kind {
        ExprKind::Int(i) => i32::try_from(i).ok(),
        ExprKind::Paren(ref x) => small_int(x),
        _ => None,
    }
}

/// Whether `e` creates a closure (compiling it twice would make two functions).
fn has_closures(e: &Expr) -> bool {
    let mut found = false;
    visit(e, &mut |x| {
        if matches!(x.kind, ExprKind::Closure(..)) {
            found = true;
        }
    });
    found
}

/// Whether evaluating `e` could assign a local (only statements inside blocks can).
fn has_blocks(e: &Expr) -> bool {
    let mut found = false;
    visit(e, &mut |x| {
        if matches!(
            x.kind,
            ExprKind::Block(_)
                | ExprKind::If(..)
                | ExprKind::Match(..)
                | ExprKind::While(..)
                | ExprKind::For(..)
                | ExprKind::Loop(_)
        ) {
            found = true;
        }
    });
    found
}

impl<'a> Emitter<'a> {
    /// Whether `r` is (or was) a named local's register, which an expression must not
    /// overwrite before it has read every operand.
    fn is_local_reg(&self, r: Reg) -> bool {
        self.f.local_regs.get(r as usize).copied().unwrap_or(false)
    }

    /// Evaluates `e` and returns a register holding its value: a plain local's own
    /// register when nothing evaluated after it (`later_assigns`) could change it.
    pub(super) fn operand(&mut self, e: &'a Expr, later_assigns: bool) -> Reg {
        if !later_assigns {
            if let ExprKind::Path(_) = e.kind {
                if let Res::Local(b) = self.res(e.id) {
                    if let Some(Slot::Reg(r)) = self.f.locals.get(&b) {
                        return *r;
                    }
                }
            }
        }
        let r = self.alloc();
        self.expr(e, r);
        r
    }

    /// Compiles `e`, leaving its value in `dst`. The destination is written last, so `dst`
    /// may be a local that `e` reads.
    pub(super) fn expr(&mut self, e: &'a Expr, dst: Reg) {
        crate::stack::guard(|| self.expr_inner(e, dst))
    }

    fn load_const(&mut self, dst: Reg, c: Const) {
        let k = self.konst(c);
        self.emit(Op::Const(dst, k));
    }

    /// The value of an operator expression over literals, computed now with the machine's
    /// own operations (constant folding). `None` when anything is not a literal, or when
    /// the operation would fail: then it stays in the code and fails at run time with its
    /// location (§6.3 errors are run-time errors even when statically certain, §5.5).
    fn fold(&self, e: &Expr) -> Option<Folded> {
        match &e.kind {
            ExprKind::Int(i) => Some(Folded::Int(*i)),
            ExprKind::Float(x) => Some(Folded::Num(*x)),
            ExprKind::Dim(m, _) => Some(Folded::Num(*m)),
            ExprKind::Paren(x) => self.fold(x),
            ExprKind::Chain(first, rest) => {
                let mut acc = self.fold(first)?;
                for (op, _, x) in rest {
                    acc = fold_op(*op, acc, self.fold(x)?)?;
                }
                Some(acc)
            }
            ExprKind::Pow(a, b, _) => fold_op(BinOp::Pow, self.fold(a)?, self.fold(b)?),
            _ => None,
        }
    }

    fn expr_inner(&mut self, e: &'a Expr, dst: Reg) {
        let mark = self.f.next;
        self.at = e.span;
        if matches!(e.kind, ExprKind::Chain(..) | ExprKind::Pow(..)) {
            if let Some(v) = self.fold(e) {
                match (v, self.ty(e.id)) {
                    (Folded::Int(i), Ty::Int) => {
                        self.emit(Op::Int(dst, i));
                        return;
                    }
                    (Folded::Num(x), Ty::Float) => return self.load_const(dst, Const::Float(x)),
                    (Folded::Num(x), Ty::Resource(d)) => {
                        return self.load_const(dst, Const::Quantity(x, *d));
                    }
                    _ => {}
                }
            }
        }
        match &e.kind {
            ExprKind::Int(i) => {
                self.emit(Op::Int(dst, *i));
            }
            ExprKind::Float(x) => self.load_const(dst, Const::Float(*x)),
            ExprKind::Dim(m, d) => {
                if d.is_dimensionless() {
                    self.load_const(dst, Const::Float(*m))
                } else {
                    self.load_const(dst, Const::Quantity(*m, *d))
                }
            }
            ExprKind::Str(s) => self.load_const(dst, Const::Str(s.clone())),
            ExprKind::Char(c) => self.load_const(dst, Const::Char(*c)),
            ExprKind::Bool(b) => {
                self.emit(Op::Bool(dst, *b));
            }
            ExprKind::Unit | ExprKind::UndefinedMacro(_) | ExprKind::Error => {
                self.emit(Op::Unit(dst));
            }
            ExprKind::Path(_) => self.path(e, dst),
            ExprKind::StructLit(_, fields) => self.struct_lit(e, fields, dst),
            ExprKind::Tuple(xs) => {
                let start = self.args(xs);
                self.at = e.span;
                self.emit(Op::Tuple(dst, start, xs.len() as u32));
            }
            ExprKind::Array(xs) => {
                let start = self.args(xs);
                self.at = e.span;
                self.emit(Op::Array(dst, start, xs.len() as u32));
            }
            ExprKind::Repeat(x, n) => {
                let a = self.operand(x, has_blocks(n));
                let b = self.operand(n, false);
                self.at = e.span;
                self.emit(Op::Repeat(dst, a, b));
            }
            ExprKind::Block(b) => self.block(b, dst),
            ExprKind::If(branches, els) => {
                let mut ends = Vec::new();
                for br in branches {
                    let fail = self.condition(&br.cond, false);
                    self.block(&br.block, dst);
                    ends.push(self.emit(Op::Jump(0)));
                    self.patch(fail);
                }
                match els {
                    Some(b) => self.block(b, dst),
                    None => {
                        self.emit(Op::Unit(dst));
                    }
                }
                for j in ends {
                    self.patch(j);
                }
            }
            ExprKind::Match(s, arms) => self.match_expr(e, s, arms, dst),
            ExprKind::While(c, body) => {
                // Simple conditions are tested again at the bottom (loop inversion), so an
                // iteration costs one conditional jump instead of a test and a jump back.
                let invert = !has_blocks(c) && !has_closures(c);
                let top = self.pc();
                let exit = self.condition(c, false);
                let body_start = self.pc();
                self.at = e.span;
                self.emit(Op::LoopMeter);
                self.f.loops.push(LoopCx {
                    dst: None,
                    breaks: Vec::new(),
                    continue_to: if invert { None } else { Some(top) },
                    continues: Vec::new(),
                });
                self.block_void(body);
                let mut cx = self.f.loops.pop().expect("loop pushed");
                for j in std::mem::take(&mut cx.continues) {
                    self.patch(j);
                }
                if invert {
                    // The bottom test also meters the next iteration (one dispatch
                    // instead of two); it reports metering errors at the `while`.
                    let again = self.condition(c, true);
                    let next = body_start + 1;
                    self.f.ops[again] = match self.f.ops[again] {
                        Op::JumpCmpI(o, a, b, _) => Op::LoopCmpI(o, a, b, next),
                        Op::JumpCmpIK(o, a, k, _) => Op::LoopCmpIK(o, a, k, next),
                        Op::JumpIf(r, _) => Op::LoopIf(r, next),
                        other => other,
                    };
                    if matches!(self.f.ops[again], Op::JumpIfNot(..) | Op::JumpIf(..)) {
                        self.patch_to(again, body_start);
                    }
                    self.f.spans[again] = e.span;
                } else {
                    self.emit(Op::Jump(top));
                }
                self.patch(exit);
                for b in cx.breaks {
                    self.patch(b);
                }
                self.emit(Op::Unit(dst));
            }
            ExprKind::Loop(body) => {
                let top = self.pc();
                self.at = e.span;
                self.emit(Op::LoopMeter);
                let acc = if self.is_local_reg(dst) {
                    self.alloc()
                } else {
                    dst
                };
                self.f.loops.push(LoopCx {
                    dst: Some(acc),
                    breaks: Vec::new(),
                    continue_to: Some(top),
                    continues: Vec::new(),
                });
                self.block_void(body);
                let back = self.emit(Op::Jump(top));
                let cx = self.f.loops.pop().expect("loop pushed");
                for b in cx.breaks {
                    self.patch(b);
                }
                if let Some(Op::Jump(t)) = self.f.ops.get(back).copied() {
                    // Meter the next iteration on the back edge itself.
                    self.f.ops[back] = Op::LoopJump(t + 1);
                    self.f.spans[back] = e.span;
                }
                if acc != dst {
                    self.emit(Op::Move(dst, acc));
                }
            }
            ExprKind::For(p, it, body) => self.for_loop(e, p, it, body, dst),
            ExprKind::Handle(x, _) => self.expr(x, dst),
            ExprKind::Closure(params, _, body) => self.closure(e.id, params, body, dst),
            ExprKind::Return(x) => {
                let r = match x {
                    Some(x) => self.operand(x, false),
                    None => {
                        let r = self.alloc();
                        self.emit(Op::Unit(r));
                        r
                    }
                };
                self.emit(Op::Return(r));
            }
            ExprKind::Break(x) => {
                let target = self.f.loops.last().and_then(|l| l.dst);
                match (x, target) {
                    (Some(x), Some(d)) => self.expr(x, d),
                    (None, Some(d)) => {
                        self.emit(Op::Unit(d));
                    }
                    (Some(x), None) => {
                        let r = self.alloc();
                        self.expr(x, r);
                    }
                    (None, None) => {}
                }
                let j = self.emit(Op::Jump(0));
                if let Some(l) = self.f.loops.last_mut() {
                    l.breaks.push(j);
                }
            }
            ExprKind::Continue => match self.f.loops.last().and_then(|l| l.continue_to) {
                Some(to) => {
                    self.emit(Op::Jump(to));
                }
                None => {
                    let j = self.emit(Op::Jump(0));
                    if let Some(l) = self.f.loops.last_mut() {
                        l.continues.push(j);
                    }
                }
            },
            ExprKind::Chain(first, rest) => self.chain(e, first, rest, dst),
            ExprKind::Pow(a, b, span) => {
                let (ta, tb) = (self.ty(a.id), self.ty(b.id));
                let ra = self.operand(a, has_blocks(b));
                let rb = self.operand(b, false);
                self.at = *span;
                self.binop(BinOp::Pow, dst, ra, ta, rb, tb);
            }
            ExprKind::Unary(op, span, x) => {
                let t = self.ty(x.id);
                let r = self.operand(x, false);
                self.at = *span;
                match (op, t) {
                    (UnOp::Neg, Ty::Int) => self.emit(Op::NegI(dst, r)),
                    (UnOp::Neg, _) => self.emit(Op::NegF(dst, r)),
                    (UnOp::Not, _) => self.emit(Op::Not(dst, r)),
                    (UnOp::BitNot, _) => self.emit(Op::BitNot(dst, r)),
                };
            }
            ExprKind::Paren(x) => self.expr(x, dst),
            ExprKind::Cast(x, target) => {
                let from = self.ty(x.id);
                let to = self.ty(e.id);
                let r = self.operand(x, false);
                // Conversion errors point at the operator `as` (§12.2).
                self.at = self.keyword_span(x.span.hi, target.span.lo, "as", e.span);
                let op = match (from, to) {
                    (Ty::Int, Ty::Float) => Some(CastOp::IntToFloat),
                    (Ty::Float, Ty::Int) => Some(CastOp::FloatToInt),
                    (Ty::Int, Ty::Char) => Some(CastOp::IntToChar),
                    (Ty::Char, Ty::Int) => Some(CastOp::CharToInt),
                    (Ty::Int | Ty::Float, Ty::Resource(d)) => Some(CastOp::Dim(*d)),
                    (Ty::Resource(_), Ty::Float) => Some(CastOp::Dim(Dim::NONE)),
                    _ => None,
                };
                match op {
                    Some(op) => self.emit(Op::Cast(op, dst, r)),
                    None if r != dst => self.emit(Op::Move(dst, r)),
                    None => 0,
                };
            }
            ExprKind::Range(a, b, incl) => {
                let ra = self.operand(a, has_blocks(b));
                let rb = self.operand(b, false);
                self.at = e.span;
                self.emit(Op::Range(dst, ra, rb, *incl));
            }
            ExprKind::Call(callee, args) => self.call(e, callee, args, dst),
            ExprKind::MethodCall(recv, name, args) => self.method_call(e, recv, *name, args, dst),
            ExprKind::Field(base, name) => {
                let idx = self.field_index(base, name.sym).unwrap_or(0);
                let r = self.operand(base, false);
                self.at = name.span;
                self.emit(Op::Field(dst, r, idx));
            }
            ExprKind::TupleField(base, i, span) => {
                let r = self.operand(base, false);
                self.at = *span;
                self.emit(Op::Field(dst, r, *i));
            }
            ExprKind::Index(base, index) => {
                let a = self.operand(base, has_blocks(index));
                let i = self.operand(index, false);
                self.at = self.bracket_span(base, index);
                self.emit(Op::Index(dst, a, i));
            }
            ExprKind::Try(x) => {
                let r = self.operand(x, false);
                self.at = e.span;
                self.emit(Op::Try(dst, r));
            }
        }
        self.f.next = mark;
    }

    fn path(&mut self, e: &'a Expr, dst: Reg) {
        match self.res(e.id) {
            Res::Local(b) => match self.f.locals.get(&b).copied() {
                Some(Slot::Reg(r)) => {
                    if r != dst {
                        self.emit(Op::Move(dst, r));
                    }
                }
                Some(Slot::Cell(r)) => {
                    self.emit(Op::CellGet(dst, r));
                }
                Some(Slot::Upval(u)) => {
                    self.emit(Op::UpGet(dst, u));
                }
                None => {
                    self.emit(Op::Unit(dst));
                }
            },
            Res::Fn(f) => self.load_const(dst, Const::Fn(f.0)),
            Res::Const(c) => {
                self.emit(Op::GetGlobal(dst, c));
            }
            Res::Variant(adt, v) => {
                use crate::check::{AdtKind, VData};
                let n = match &self.checked.adts[adt.0 as usize].kind {
                    AdtKind::Enum(vs) => match &vs[v as usize].data {
                        VData::Tuple(ts) => ts.len(),
                        _ => 0,
                    },
                    AdtKind::Struct(_) => 0,
                };
                if n == 0 {
                    self.load_const(dst, Const::Tag(adt.0, v));
                } else {
                    let (proto, list) = self.ctor_proto(adt.0, v, n as u16);
                    self.emit(Op::Closure(dst, proto, list));
                }
            }
            Res::Builtin(b) => match b {
                "PI" => self.load_const(dst, Const::Float(std::f64::consts::PI)),
                "E" => self.load_const(dst, Const::Float(std::f64::consts::E)),
                "TAU" => self.load_const(dst, Const::Float(std::f64::consts::TAU)),
                other => self.load_const(dst, Const::Builtin(other)),
            },
            Res::Host(h) => self.load_const(dst, Const::Host(h as u16)),
            Res::Struct(_) | Res::None => {
                self.emit(Op::Unit(dst));
            }
        }
    }

    /// Evaluates `xs` left to right into consecutive fresh registers; returns the first.
    fn args(&mut self, xs: &'a [Expr]) -> Reg {
        let start = self.alloc_n(xs.len());
        for (i, x) in xs.iter().enumerate() {
            self.expr(x, start + i as Reg);
        }
        start
    }

    fn struct_lit(&mut self, e: &'a Expr, fields: &'a [FieldInit], dst: Reg) {
        use crate::check::{AdtKind, VData};
        let (adt, variant) = match self.res(e.id) {
            Res::Struct(a) => (a.0, None),
            Res::Variant(a, v) => (a.0, Some(v)),
            _ => {
                self.emit(Op::Unit(dst));
                return;
            }
        };
        let decl: Vec<crate::syntax::token::Symbol> =
            match (&self.checked.adts[adt as usize].kind, variant) {
                (AdtKind::Struct(fs), None) => fs.iter().map(|f| f.0).collect(),
                (AdtKind::Enum(vs), Some(v)) => match &vs[v as usize].data {
                    VData::Struct(fs) => fs.iter().map(|f| f.0).collect(),
                    _ => Vec::new(),
                },
                _ => Vec::new(),
            };
        // Source order for evaluation (§6.2), declaration order for the value.
        let temps = self.alloc_n(fields.len());
        for (i, f) in fields.iter().enumerate() {
            self.expr(&f.value, temps + i as Reg);
        }
        let start = self.alloc_n(decl.len());
        for (j, name) in decl.iter().enumerate() {
            if let Some(i) = fields.iter().position(|f| f.name.sym == *name) {
                self.emit(Op::Move(start + j as Reg, temps + i as Reg));
            }
        }
        self.at = e.span;
        match variant {
            None => self.emit(Op::Struct(dst, adt, start, decl.len() as u32)),
            Some(v) => self.emit(Op::Variant(dst, adt, v as u16, start, decl.len() as u16)),
        };
    }

    /// Compiles a condition and a jump taken when its value is `when`; returns the jump
    /// (to patch). Int comparisons become one fused compare-and-jump.
    fn condition(&mut self, c: &'a Expr, when: bool) -> usize {
        let mark = self.f.next;
        if let ExprKind::Chain(first, rest) = &c.kind {
            if rest.len() == 1 {
                let (op, span, second) = &rest[0];
                let cmp = match op {
                    BinOp::Lt => Some(CmpOp::Lt),
                    BinOp::Le => Some(CmpOp::Le),
                    BinOp::Gt => Some(CmpOp::Gt),
                    BinOp::Ge => Some(CmpOp::Ge),
                    BinOp::Eq => Some(CmpOp::Eq),
                    BinOp::Ne => Some(CmpOp::Ne),
                    _ => None,
                };
                if let Some(cmp) = cmp {
                    if kind(self.ty(first.id)) == K::Int && kind(self.ty(second.id)) == K::Int {
                        let cmp = if when { cmp } else { cmp.negate() };
                        let a = self.operand(first, has_blocks(second));
                        let j = match small_int(second) {
                            Some(k) => {
                                self.at = *span;
                                self.emit(Op::JumpCmpIK(cmp, a, k, 0))
                            }
                            None => {
                                let b = self.operand(second, false);
                                self.at = *span;
                                self.emit(Op::JumpCmpI(cmp, a, b, 0))
                            }
                        };
                        self.f.next = mark;
                        return j;
                    }
                }
            }
        }
        let r = self.operand(c, false);
        self.at = c.span;
        let j = if when {
            self.emit(Op::JumpIf(r, 0))
        } else {
            self.emit(Op::JumpIfNot(r, 0))
        };
        self.f.next = mark;
        j
    }

    fn chain(&mut self, e: &'a Expr, first: &'a Expr, rest: &'a [(BinOp, Span, Expr)], dst: Reg) {
        // Later operands that contain blocks could assign a local read earlier.
        let mut later = vec![false; rest.len() + 1];
        for i in (0..rest.len()).rev() {
            later[i] = later[i + 1] || has_blocks(&rest[i].2);
        }
        let logical = matches!(rest[0].0, BinOp::And | BinOp::Or);
        if logical {
            let acc = if self.is_local_reg(dst) {
                self.alloc()
            } else {
                dst
            };
            self.expr(first, acc);
            let mut jumps = Vec::new();
            for (op, span, x) in rest {
                self.at = *span;
                jumps.push(match op {
                    BinOp::And => self.emit(Op::JumpIfNot(acc, 0)),
                    _ => self.emit(Op::JumpIf(acc, 0)),
                });
                self.expr(x, acc);
            }
            for j in jumps {
                self.patch(j);
            }
            if acc != dst {
                self.emit(Op::Move(dst, acc));
            }
            return;
        }
        let acc = if rest.len() > 1 && self.is_local_reg(dst) {
            self.alloc()
        } else {
            dst
        };
        let mut lhs = self.operand(first, later[0]);
        let mut lty: Ty = self.ty(first.id).clone();
        let step_mark = self.f.next;
        for (i, (op, span, x)) in rest.iter().enumerate() {
            let rty = self.ty(x.id);
            if let Some(k) = self.add_imm(*op, &lty, x) {
                self.at = *span;
                self.emit(Op::AddIK(acc, lhs, k));
                lhs = acc;
                continue;
            }
            let rhs = self.operand(x, later[i + 1]);
            self.at = *span;
            lty = self.binop(*op, acc, lhs, &lty.clone(), rhs, rty);
            lhs = acc;
            // The operand's temporaries are dead once the step is done.
            self.f.next = step_mark;
        }
        let _ = e;
        if acc != dst {
            self.emit(Op::Move(dst, acc));
        }
    }

    /// `x + k` / `x - k` on Ints with a small literal `k`: the immediate to add.
    pub(super) fn add_imm(&self, op: BinOp, lty: &Ty, x: &Expr) -> Option<i32> {
        if kind(lty) != K::Int {
            return None;
        }
        let k = small_int(x)?;
        match op {
            BinOp::Add => Some(k),
            BinOp::Sub => k.checked_neg(),
            _ => None,
        }
    }

    /// Emits `dst = a op b` for operands of types `ta`, `tb`; returns the result type.
    pub(super) fn binop(&mut self, op: BinOp, dst: Reg, a: Reg, ta: &Ty, b: Reg, tb: &Ty) -> Ty {
        let (ka, kb) = (kind(ta), kind(tb));
        let cmp = match op {
            BinOp::Eq => Some(CmpOp::Eq),
            BinOp::Ne => Some(CmpOp::Ne),
            BinOp::Lt => Some(CmpOp::Lt),
            BinOp::Le => Some(CmpOp::Le),
            BinOp::Gt => Some(CmpOp::Gt),
            BinOp::Ge => Some(CmpOp::Ge),
            _ => None,
        };
        if let Some(c) = cmp {
            let k = match (ka, kb) {
                (K::Int, K::Int) => CmpKind::Int,
                (x, y) if is_num(x) && is_num(y) => CmpKind::Num,
                (K::Str, K::Str) | (K::Ord, K::Ord) => CmpKind::Ord,
                _ if matches!(c, CmpOp::Eq | CmpOp::Ne) => CmpKind::Eq,
                _ => CmpKind::Ord,
            };
            self.emit(Op::Cmp(c, k, dst, a, b));
            return Ty::Bool;
        }
        let int_op = match op {
            BinOp::Add => IntOp::Add,
            BinOp::Sub => IntOp::Sub,
            BinOp::Mul => IntOp::Mul,
            BinOp::Div => IntOp::Div,
            BinOp::Rem => IntOp::Rem,
            BinOp::Pow => IntOp::Pow,
            BinOp::BitAnd => IntOp::And,
            BinOp::BitOr => IntOp::Or,
            BinOp::BitXor => IntOp::Xor,
            BinOp::Shl => IntOp::Shl,
            BinOp::Shr => IntOp::Shr,
            // `&&`/`||` never reach here outside a chain; treat as bit ops on Bool.
            BinOp::And => IntOp::And,
            BinOp::Or => IntOp::Or,
            _ => IntOp::Add,
        };
        match (ka, kb) {
            (K::Int, K::Int) => {
                match int_op {
                    IntOp::Add => self.emit(Op::AddI(dst, a, b)),
                    IntOp::Sub => self.emit(Op::SubI(dst, a, b)),
                    _ => self.emit(Op::IntBin(int_op, dst, a, b)),
                };
                Ty::Int
            }
            (K::Str, K::Str) => {
                self.emit(Op::Concat(dst, a, b));
                Ty::Str
            }
            (x, y) if is_num(x) && is_num(y) => {
                let (da, db) = (dim_of(x), dim_of(y));
                let (nop, d) = match op {
                    BinOp::Add => (NumOp::Add, if da.is_dimensionless() { db } else { da }),
                    BinOp::Sub => (NumOp::Sub, if da.is_dimensionless() { db } else { da }),
                    BinOp::Rem => (NumOp::Rem, if da.is_dimensionless() { db } else { da }),
                    BinOp::Mul => (NumOp::Mul, da * db),
                    BinOp::Div => (NumOp::Div, da / db),
                    _ => (NumOp::Pow, Dim::NONE),
                };
                self.emit(Op::NumBin(nop, dst, a, b, d));
                Ty::resource(d)
            }
            _ => {
                // Generic code: decide on the values at run time.
                self.emit(Op::Dyn(op, dst, a, b));
                if matches!(op, BinOp::And | BinOp::Or) {
                    Ty::Bool
                } else {
                    ta.clone()
                }
            }
        }
    }

    fn for_loop(&mut self, e: &'a Expr, p: &'a Pattern, it: &'a Expr, body: &'a Block, dst: Reg) {
        let state = self.alloc_n(2);
        let range = matches!(self.ty(it.id), Ty::Range);
        if let (true, ExprKind::Range(a, b, incl)) = (range, &it.kind) {
            // `for i in a..b`: no range value is built.
            let ra = self.operand(a, has_blocks(b));
            let rb = self.operand(b, false);
            self.at = it.span;
            let tmp = self.alloc();
            self.emit(Op::Range(tmp, ra, rb, *incl));
            self.emit(Op::RangePrep(state, tmp));
        } else {
            let r = self.operand(it, false);
            self.at = it.span;
            if range {
                self.emit(Op::RangePrep(state, r));
            } else {
                self.emit(Op::ArrayPrep(state, r));
            }
        }
        let v = self.alloc();
        let top = self.pc();
        self.at = e.span;
        // The step op meters the iteration before binding (§6.4).
        let exit = if range {
            self.emit(Op::ForRange(state, v, 0))
        } else {
            self.emit(Op::ForArray(state, v, 0))
        };
        self.f.loops.push(LoopCx {
            dst: None,
            breaks: Vec::new(),
            continue_to: Some(top),
            continues: Vec::new(),
        });
        let mark = self.f.next;
        let mut fails = Vec::new();
        if let PatternKind::Ident(_) = p.kind {
            if self.res(p.id) == Res::Local(p.id) {
                // Each iteration's binding is fresh (§6.6): a captured one gets a new cell.
                let b = self.alloc();
                self.emit(Op::Move(b, v));
                self.bind(p.id, b);
            } else {
                self.pattern(p, v, &mut fails);
            }
        } else {
            self.pattern(p, v, &mut fails);
        }
        self.block_void(body);
        self.f.next = mark;
        self.emit(Op::Jump(top));
        if !fails.is_empty() {
            for f in fails {
                self.patch(f);
            }
            self.at = p.span;
            self.emit(Op::MatchFail(v));
        }
        self.patch(exit);
        let cx = self.f.loops.pop().expect("loop pushed");
        for b in cx.breaks {
            self.patch(b);
        }
        self.emit(Op::Unit(dst));
    }

    fn call(&mut self, e: &'a Expr, callee: &'a Expr, args: &'a [Expr], dst: Reg) {
        let at = callee.span;
        if let ExprKind::Path(_) = callee.kind {
            match self.res(callee.id) {
                Res::Builtin(b) => return self.builtin(b, None, args, dst, at),
                Res::Host(h) => {
                    let start = self.args(args);
                    self.at = at;
                    self.emit(Op::CallHost(dst, h as u16, start, args.len() as u8));
                    return;
                }
                Res::Fn(f) => {
                    let start = self.args(args);
                    self.at = at;
                    self.emit(Op::Call(dst, f.0, start, args.len() as u8));
                    return;
                }
                Res::Variant(adt, v) => {
                    let start = self.args(args);
                    self.at = e.span;
                    self.emit(Op::Variant(dst, adt.0, v as u16, start, args.len() as u16));
                    return;
                }
                _ => {}
            }
        }
        let f = self.operand(callee, args.iter().any(has_blocks));
        let start = self.args(args);
        self.at = at;
        self.emit(Op::CallValue(dst, f, start, args.len() as u8));
    }

    fn method_call(
        &mut self,
        e: &'a Expr,
        recv: &'a Expr,
        name: Ident,
        args: &'a [Expr],
        dst: Reg,
    ) {
        match self.res(e.id) {
            Res::Builtin(b) => self.builtin(b, Some(recv), args, dst, name.span),
            Res::Host(h) => {
                let start = self.alloc_n(args.len() + 1);
                self.expr(recv, start);
                for (i, x) in args.iter().enumerate() {
                    self.expr(x, start + 1 + i as Reg);
                }
                self.at = name.span;
                self.emit(Op::CallHost(dst, h as u16, start, (args.len() + 1) as u8));
            }
            Res::Fn(f) => {
                let start = self.alloc_n(args.len() + 1);
                self.expr(recv, start);
                for (i, x) in args.iter().enumerate() {
                    self.expr(x, start + 1 + i as Reg);
                }
                self.at = name.span;
                let n = (args.len() + 1) as u8;
                if self.virtuals.contains_key(&f.0) && matches!(self.ty(recv.id), Ty::Param(_)) {
                    self.emit(Op::CallVirtual(dst, f.0, start, n));
                } else {
                    self.emit(Op::Call(dst, f.0, start, n));
                }
            }
            _ => {
                self.emit(Op::Unit(dst));
            }
        }
    }

    /// A builtin call (`recv` is the receiver of a method-style call, §5.5).
    fn builtin(
        &mut self,
        name: &'static str,
        recv: Option<&'a Expr>,
        args: &'a [Expr],
        dst: Reg,
        at: Span,
    ) {
        let mut all: Vec<&'a Expr> = Vec::with_capacity(args.len() + 1);
        all.extend(recv);
        all.extend(args.iter());
        let resource_first = matches!(name, "shadow_price" | "resource_used")
            || (name == "consume" && all.len() == 2);
        let mut n = all.len();
        let start;
        if resource_first {
            start = self.alloc_n(n);
            let r = resource_name(self.interner, all[0])
                .map(|r| r.index())
                .unwrap_or(0);
            self.emit(Op::Int(start, r as i64));
            for (i, x) in all.iter().enumerate().skip(1) {
                self.expr(x, start + i as Reg);
            }
        } else if name == "consume" {
            // One-argument form: the resource follows from the amount's dimension.
            let r = match self.ty(all[0].id) {
                Ty::Resource(d) => Resource::ALL
                    .into_iter()
                    .find(|r| r.dim() == *d && *r != Resource::Network),
                _ => None,
            };
            start = self.alloc_n(2);
            self.emit(Op::Int(start, r.map(|r| r.index() as i64).unwrap_or(-1)));
            self.expr(all[0], start + 1);
            n = 2;
        } else if name == "sum" && n == 1 {
            // The sum of an empty array is 0 of the element type: pass that zero along.
            start = self.alloc_n(2);
            self.expr(all[0], start);
            let zero = match self.ty(all[0].id) {
                Ty::Array(t) => match &**t {
                    Ty::Float => Const::Float(0.0),
                    Ty::Resource(d) => Const::Quantity(0.0, *d),
                    _ => Const::Int(0),
                },
                _ => Const::Int(0),
            };
            self.load_const(start + 1, zero);
            n = 2;
        } else {
            start = self.alloc_n(n);
            for (i, x) in all.iter().enumerate() {
                self.expr(x, start + i as Reg);
            }
        }
        self.at = at;
        let id = crate::vm::builtins::id(name);
        self.emit(Op::CallBuiltin(dst, id, start, n as u8));
    }
}

/// The resource named by a resource-name argument (identifier or string literal, §5.5).
fn resource_name(interner: &crate::syntax::token::Interner, e: &Expr) -> Option<Resource> {
    match &e.kind {
        ExprKind::Path(p) if p.len() == 1 => Resource::from_name(interner.name(p[0].sym)),
        ExprKind::Str(s) => Resource::from_name(s),
        _ => None,
    }
}
