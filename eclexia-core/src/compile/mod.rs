//! The bytecode compiler: checked syntax tree → [`Code`] (LANGUAGE §6–§8 made executable).
//!
//! Runs once per [`crate::Program`], after the checker, reading the checker's side tables
//! (types and resolutions, [`crate::check::Checked`]) instead of resolving anything again.
//! Split by concern: this file holds the per-function state, registers, items (functions,
//! adaptive functions, closures, constants) and statements; `expr.rs` expressions and
//! operators; `pattern.rs` patterns; `code.rs` the instruction set.
//!
//! Registers: parameters first, then locals in declaration order, then temporaries, all
//! allocated as a stack that blocks pop on exit. A captured binding (§6.6) lives in a
//! cell that its register holds, so closures and the enclosing code share it; every other
//! local is a plain register.

pub mod code;
mod expr;
mod pattern;

use std::collections::HashMap;
use std::sync::Arc;

use crate::adaptive::AdaptivePlan;
use crate::check::types::Ty;
use crate::check::{Body, Checked, Items, Res};
use crate::price::Solution as PriceSolution;
use crate::span::Span;
use crate::syntax::ast::*;
use crate::syntax::token::Interner;
use crate::units::Resource;

pub use code::Code;
use code::*;

/// Where a local binding lives in the current function.
#[derive(Clone, Copy, Debug)]
enum Slot {
    /// A plain register.
    Reg(Reg),
    /// A register holding the binding's cell (it is captured by a closure).
    Cell(Reg),
    /// A captured binding of the closure being compiled.
    Upval(u16),
}

/// A loop being compiled: where `break` and `continue` go.
struct LoopCx {
    /// Where a `break v` stores `v` (`None` for while/for, whose value is Unit).
    dst: Option<Reg>,
    /// Jumps to patch to the loop's end.
    breaks: Vec<usize>,
    /// The first op of the next iteration, when known; otherwise `continue` jumps are
    /// collected in `continues` and patched once it is.
    continue_to: Option<u32>,
    /// `continue` jumps to patch.
    continues: Vec<usize>,
}

/// The state of the function being compiled.
struct FnState {
    ops: Vec<Op>,
    spans: Vec<Span>,
    locals: HashMap<ExprId, Slot>,
    next: u16,
    max: u16,
    loops: Vec<LoopCx>,
    /// More registers were needed than [`MAX_REGS`].
    overflow: bool,
    /// Registers that hold (or held) a named local of this function.
    local_regs: Vec<bool>,
}

/// Registers one frame can address (operands are 16-bit).
const MAX_REGS: usize = u16::MAX as usize - 1;

impl FnState {
    fn new(nparams: u16) -> FnState {
        FnState {
            ops: Vec::new(),
            spans: Vec::new(),
            locals: HashMap::new(),
            next: nparams,
            max: nparams,
            loops: Vec::new(),
            overflow: false,
            local_regs: Vec::new(),
        }
    }
}

/// Compiles a checked program.
pub(crate) struct Emitter<'a> {
    checked: &'a Checked,
    items: &'a Items<'a>,
    interner: &'a Interner,
    source: &'a str,
    code: Code,
    f: FnState,
    /// The span errors of the next emitted op are reported at.
    at: Span,
    /// Constant pool de-duplication for strings.
    strings: HashMap<Arc<str>, u32>,
    /// Trait-declared functions (called virtually on `self` in default bodies).
    virtuals: HashMap<u32, crate::syntax::token::Symbol>,
    /// Closures waiting to be compiled: (proto index, closure node, captures).
    pending: Vec<PendingClosure<'a>>,
    /// Variant constructors used as values: (adt, variant) → proto.
    ctor_protos: HashMap<(u32, u32), (u32, u32)>,
}

struct PendingClosure<'a> {
    proto: u32,
    params: &'a [ClosureParam],
    body: &'a Expr,
    captures: Vec<ExprId>,
}

/// Compiles every function, closure and constant of a checked program.
pub(crate) fn compile(
    checked: &Checked,
    items: &Items<'_>,
    interner: &Interner,
    source: &str,
    hosts: &[crate::host::HostSignature],
) -> Code {
    let mut e = Emitter {
        checked,
        items,
        interner,
        source,
        code: Code::default(),
        f: FnState::new(0),
        at: Span::new(0, 0),
        strings: HashMap::new(),
        virtuals: items.trait_methods.iter().map(|(f, s)| (f.0, *s)).collect(),
        pending: Vec::new(),
        ctor_protos: HashMap::new(),
    };
    e.names();
    e.code.hosts = hosts.to_vec();
    let n = items.bodies.len();
    e.code.fn_proto = vec![u32::MAX; n];
    for i in 0..n {
        e.function(i as u32);
    }
    e.constants();
    while let Some(p) = e.pending.pop() {
        e.closure_body(p);
    }
    // Direct calls name the callee's proto, so a call costs one table lookup.
    let fn_proto = e.code.fn_proto.clone();
    for proto in &mut e.code.protos {
        for op in &mut proto.code {
            if let Op::Call(_, f, _, _) = op {
                *f = fn_proto.get(*f as usize).copied().unwrap_or(u32::MAX);
            }
        }
    }
    for ((key, sym), fid) in &items.methods {
        let kind = match key {
            crate::check::NomKey::Adt(a) => RecvKind::Adt(a.0),
            crate::check::NomKey::Prim(p) => RecvKind::Prim(*p),
        };
        e.code
            .methods
            .insert((kind, Arc::from(interner.name(*sym))), fid.0);
    }
    for (f, sym) in &items.trait_methods {
        e.code
            .virtual_names
            .insert(f.0, Arc::from(interner.name(*sym)));
    }
    e.code
}

impl<'a> Emitter<'a> {
    // ----- tables -----------------------------------------------------------------------

    fn names(&mut self) {
        use crate::check::{AdtKind, VData};
        self.code.fn_names = self
            .checked
            .fns
            .iter()
            .map(|f| (f.name.clone(), f.adaptive))
            .collect();
        for adt in &self.checked.adts {
            let name = self.interner.name(adt.name).to_string();
            let mut names = AdtNames {
                name,
                ..AdtNames::default()
            };
            match &adt.kind {
                AdtKind::Struct(fs) => {
                    names.fields = fs
                        .iter()
                        .map(|(s, _)| self.interner.name(*s).to_string())
                        .collect()
                }
                AdtKind::Enum(vs) => {
                    names.variants = vs
                        .iter()
                        .map(|v| {
                            let fields = match &v.data {
                                VData::Struct(fs) => Some(
                                    fs.iter()
                                        .map(|(s, _)| self.interner.name(*s).to_string())
                                        .collect(),
                                ),
                                _ => None,
                            };
                            (self.interner.name(v.name).to_string(), fields)
                        })
                        .collect()
                }
            }
            self.code.adts.push(names);
        }
    }

    fn konst(&mut self, c: Const) -> u32 {
        if let Const::Str(s) = &c {
            if let Some(&k) = self.strings.get(s) {
                return k;
            }
            self.strings
                .insert(s.clone(), self.code.consts.len() as u32);
        }
        self.code.consts.push(c);
        self.code.consts.len() as u32 - 1
    }

    fn ty(&self, id: ExprId) -> &'a Ty {
        &self.checked.expr_types[id.0 as usize]
    }

    fn res(&self, id: ExprId) -> Res {
        self.checked.res[id.0 as usize]
    }

    fn captured(&self, binding: ExprId) -> bool {
        self.checked.captured.contains(&binding)
    }

    // ----- emission ---------------------------------------------------------------------

    fn emit(&mut self, op: Op) -> usize {
        self.f.ops.push(op);
        self.f.spans.push(self.at);
        self.f.ops.len() - 1
    }

    fn pc(&self) -> u32 {
        self.f.ops.len() as u32
    }

    /// Points the jump at `at` to the current position.
    fn patch(&mut self, at: usize) {
        let to = self.pc();
        self.patch_to(at, to);
    }

    fn patch_to(&mut self, at: usize, to: u32) {
        match &mut self.f.ops[at] {
            Op::Jump(t)
            | Op::JumpIf(_, t)
            | Op::JumpIfNot(_, t)
            | Op::JumpCmpI(_, _, _, t)
            | Op::JumpCmpIK(_, _, _, t)
            | Op::LoopCmpI(_, _, _, t)
            | Op::LoopCmpIK(_, _, _, t)
            | Op::LoopIf(_, t)
            | Op::LoopJump(t)
            | Op::ForRange(_, _, t)
            | Op::ForArray(_, _, t)
            | Op::TestVariant(_, _, _, t)
            | Op::TestConst(_, _, t)
            | Op::TestRange(_, _, t) => *t = to,
            _ => {}
        }
    }

    fn alloc(&mut self) -> Reg {
        self.alloc_n(1)
    }

    /// Allocates `n` consecutive registers. A function that needs more than the register
    /// file can address is compiled to code that fails with a clear error when called
    /// (see [`Emitter::finish`]); compiling goes on with a scratch window meanwhile.
    fn alloc_n(&mut self, n: usize) -> Reg {
        let r = self.f.next;
        match (r as usize).checked_add(n).filter(|end| *end < MAX_REGS) {
            Some(end) => {
                self.f.next = end as u16;
                self.f.max = self.f.max.max(self.f.next);
                r
            }
            None => {
                self.f.overflow = true;
                0
            }
        }
    }

    fn finish(&mut self, name: Arc<str>, kind: ProtoKind, nparams: u16) -> Proto {
        peephole(&mut self.f.ops);
        if self.f.overflow {
            let msg = format!("'{name}' is too large: it needs more than {MAX_REGS} registers");
            let k = self.konst(Const::Str(Arc::from(msg.as_str())));
            self.f.ops.clear();
            self.f.spans.clear();
            self.emit(Op::Fail(k));
            self.f.max = nparams.max(1);
        }
        let f = std::mem::replace(&mut self.f, FnState::new(0));
        Proto {
            name,
            kind,
            code: f.ops,
            spans: f.spans,
            nregs: f.max.max(1),
            nparams,
            bounds: Vec::new(),
            plan: None,
        }
    }

    /// Declares a binding in register `r` (boxing it when captured).
    fn bind(&mut self, binding: ExprId, r: Reg) {
        let i = r as usize;
        if self.f.local_regs.len() <= i {
            self.f.local_regs.resize(i + 1, false);
        }
        self.f.local_regs[i] = true;
        if self.captured(binding) {
            self.emit(Op::Box(r));
            self.f.locals.insert(binding, Slot::Cell(r));
        } else {
            self.f.locals.insert(binding, Slot::Reg(r));
        }
    }

    // ----- items ------------------------------------------------------------------------

    fn function(&mut self, id: u32) {
        let body = self.items.bodies[id as usize];
        let info = &self.checked.fns[id as usize];
        let name: Arc<str> = Arc::from(info.name.as_str());
        match body {
            Body::Fn(decl) => {
                let Some(block) = &decl.body else { return };
                self.f = FnState::new(decl.params.len() as u16);
                self.at = decl.name.span;
                for (i, p) in decl.params.iter().enumerate() {
                    self.bind(p.id, i as Reg);
                }
                let dst = self.alloc();
                self.block(block, dst);
                self.emit(Op::Return(dst));
                let mut proto = self.finish(name, ProtoKind::Fn, decl.params.len() as u16);
                let mut bounds: Vec<(Resource, f64)> = Vec::new();
                for b in &decl.requires {
                    let Some(r) = Resource::from_name(self.interner.name(b.resource.sym)) else {
                        continue;
                    };
                    match bounds.iter_mut().find(|(x, _)| *x == r) {
                        Some(e) => e.1 = e.1.min(b.amount.value),
                        None => bounds.push((r, b.amount.value)),
                    }
                }
                bounds.sort_by_key(|(r, _)| *r);
                proto.bounds = bounds;
                self.code.fn_proto[id as usize] = self.code.protos.len() as u32;
                self.code.protos.push(proto);
            }
            Body::Adaptive(decl) => self.adaptive(id, name, decl),
        }
    }

    fn adaptive(&mut self, id: u32, name: Arc<str>, decl: &'a AdaptiveDecl) {
        let n = decl.params.len() as u16;
        self.f = FnState::new(n);
        self.at = decl.name.span;
        for (i, p) in decl.params.iter().enumerate() {
            self.bind(p.id, i as Reg);
        }
        let guards = self.alloc_n(decl.solutions.len());
        for (i, s) in decl.solutions.iter().enumerate() {
            let r = guards + i as Reg;
            match &s.guard {
                Some(g) => self.expr(g, r),
                None => {
                    self.emit(Op::Bool(r, true));
                }
            }
        }
        let plan_index = self.code.plans.len() as u32;
        self.at = decl.name.span;
        self.emit(Op::Select(plan_index, guards));
        let mut table = Vec::new();
        let dst = self.alloc();
        for s in &decl.solutions {
            table.push(self.pc());
            self.block(&s.body, dst);
            self.emit(Op::Return(dst));
        }
        let mut caps = [f64::INFINITY; 6];
        for b in &decl.caps {
            if let Some(r) = Resource::from_name(self.interner.name(b.resource.sym)) {
                caps[r.index()] = caps[r.index()].min(b.amount.value);
            }
        }
        let mut weights = [1.0; 6];
        if !decl.objectives.is_empty() {
            weights = [0.0; 6];
            for o in &decl.objectives {
                if let Some(r) = Resource::from_name(self.interner.name(o.resource.sym)) {
                    weights[r.index()] = if o.maximize { -1.0 } else { 1.0 };
                }
            }
        }
        let solutions = decl
            .solutions
            .iter()
            .map(|s| {
                let mut provides = [0.0; 6];
                let mut declared = [false; 6];
                for b in &s.provides {
                    if let Some(r) = Resource::from_name(self.interner.name(b.resource.sym)) {
                        provides[r.index()] = b.amount.value;
                        declared[r.index()] = true;
                    }
                }
                PriceSolution::new(provides, declared)
            })
            .collect();
        let plan = AdaptivePlan::new(
            name.to_string(),
            decl.solutions.iter().map(|s| s.name.to_string()).collect(),
            solutions,
            caps,
            weights,
        );
        self.code.plans.push((plan, table));
        let mut proto = self.finish(name, ProtoKind::Adaptive, n);
        proto.plan = Some(plan_index);
        self.code.fn_proto[id as usize] = self.code.protos.len() as u32;
        self.code.protos.push(proto);
    }

    /// Reserves a proto for a closure and queues its body.
    fn closure(&mut self, id: ExprId, params: &'a [ClosureParam], body: &'a Expr, dst: Reg) {
        let captures = self.checked.captures.get(&id).cloned().unwrap_or_default();
        let mut list = Vec::with_capacity(captures.len());
        for b in &captures {
            list.push(match self.f.locals.get(b) {
                Some(Slot::Cell(r)) => Root::Cell(*r),
                Some(Slot::Upval(i)) => Root::Upval(*i),
                // A captured binding always lives in a cell; a plain register here would be
                // a checker/compiler disagreement, so share its current value instead.
                Some(Slot::Reg(r)) => Root::Reg(*r),
                None => Root::Upval(u16::MAX),
            });
        }
        let proto = self.code.protos.len() as u32;
        self.code.protos.push(Proto {
            name: Arc::from("<closure>"),
            kind: ProtoKind::Closure,
            code: Vec::new(),
            spans: Vec::new(),
            nregs: 1,
            nparams: params.len() as u16,
            bounds: Vec::new(),
            plan: None,
        });
        let list_index = self.code.capture_lists.len() as u32;
        self.code.capture_lists.push(list);
        self.emit(Op::Closure(dst, proto, list_index));
        self.pending.push(PendingClosure {
            proto,
            params,
            body,
            captures,
        });
    }

    fn closure_body(&mut self, p: PendingClosure<'a>) {
        let n = p.params.len() as u16;
        self.f = FnState::new(n);
        self.at = p.body.span;
        for (i, b) in p.captures.iter().enumerate() {
            self.f.locals.insert(*b, Slot::Upval(i as u16));
        }
        for (i, param) in p.params.iter().enumerate() {
            if param.name.is_some() {
                self.bind(param.id, i as Reg);
            }
        }
        let dst = self.alloc();
        self.expr(p.body, dst);
        self.emit(Op::Return(dst));
        let proto = self.finish(Arc::from("<closure>"), ProtoKind::Closure, n);
        self.code.protos[p.proto as usize] = proto;
    }

    /// A proto that builds variant `(adt, v)` from its `n` arguments (a constructor used
    /// as a function value, e.g. `map(xs, Some)`).
    fn ctor_proto(&mut self, adt: u32, v: u32, n: u16) -> (u32, u32) {
        if let Some(&p) = self.ctor_protos.get(&(adt, v)) {
            return p;
        }
        let saved = std::mem::replace(&mut self.f, FnState::new(n));
        let dst = self.alloc();
        self.emit(Op::Variant(dst, adt, v as u16, 0, n));
        self.emit(Op::Return(dst));
        let name = self.code.adts[adt as usize].variants[v as usize].0.clone();
        let proto = self.finish(Arc::from(name.as_str()), ProtoKind::Closure, n);
        self.f = saved;
        let index = self.code.protos.len() as u32;
        self.code.protos.push(proto);
        let list = self.code.capture_lists.len() as u32;
        self.code.capture_lists.push(Vec::new());
        self.ctor_protos.insert((adt, v), (index, list));
        (index, list)
    }

    /// The initialisation proto: every constant, dependencies first (§5.5, §6.7).
    fn constants(&mut self) {
        let n = self.items.consts.len();
        self.code.globals = n as u32;
        if n == 0 {
            return;
        }
        self.f = FnState::new(0);
        let mut state = vec![0u8; n]; // 0 todo, 1 in progress, 2 done
        for c in 0..n {
            self.constant(c, &mut state);
        }
        let dst = self.alloc();
        self.emit(Op::Unit(dst));
        self.emit(Op::Return(dst));
        let proto = self.finish(Arc::from("<constants>"), ProtoKind::Init, 0);
        self.code.init = Some(self.code.protos.len() as u32);
        self.code.protos.push(proto);
    }

    fn constant(&mut self, c: usize, state: &mut [u8]) {
        if state[c] != 0 {
            return;
        }
        state[c] = 1;
        let decl = self.items.consts[c];
        let mut deps = Vec::new();
        self.const_deps(&decl.value, &mut deps);
        for d in deps {
            self.constant(d as usize, state);
        }
        let mark = self.f.next;
        let r = self.alloc();
        self.expr(&decl.value, r);
        self.emit(Op::SetGlobal(c as u32, r));
        self.f.next = mark;
        state[c] = 2;
    }

    fn const_deps(&self, e: &Expr, out: &mut Vec<u32>) {
        if let Res::Const(c) = self.res(e.id) {
            out.push(c);
        }
        match &e.kind {
            ExprKind::Unary(_, _, x) | ExprKind::Cast(x, _) | ExprKind::Paren(x) => {
                self.const_deps(x, out)
            }
            ExprKind::Pow(a, b, _) => {
                self.const_deps(a, out);
                self.const_deps(b, out);
            }
            ExprKind::Chain(first, rest) => {
                self.const_deps(first, out);
                for (_, _, x) in rest {
                    self.const_deps(x, out);
                }
            }
            ExprKind::Tuple(xs) | ExprKind::Array(xs) => {
                for x in xs {
                    self.const_deps(x, out);
                }
            }
            _ => {}
        }
    }

    // ----- blocks and statements --------------------------------------------------------

    /// Compiles a block, leaving its value in `dst`.
    fn block(&mut self, b: &'a Block, dst: Reg) {
        let mark = self.f.next;
        for s in &b.stmts {
            self.stmt(s);
        }
        match &b.tail {
            Some(t) => self.expr(t, dst),
            None => {
                self.emit(Op::Unit(dst));
            }
        }
        self.f.next = mark;
    }

    /// Compiles a block whose value is discarded (loop bodies): no Unit is stored.
    fn block_void(&mut self, b: &'a Block) {
        let mark = self.f.next;
        for s in &b.stmts {
            self.stmt(s);
        }
        if let Some(t) = &b.tail {
            let r = self.alloc();
            self.expr(t, r);
        }
        self.f.next = mark;
    }

    fn stmt(&mut self, s: &'a Stmt) {
        match s {
            Stmt::Let(l) => {
                if let PatternKind::Ident(_) = l.pat.kind {
                    if self.res(l.pat.id) == Res::Local(l.pat.id) {
                        let r = self.alloc();
                        self.expr(&l.init, r);
                        self.bind(l.pat.id, r);
                        return;
                    }
                }
                let r = self.alloc();
                self.expr(&l.init, r);
                let mut fails = Vec::new();
                self.pattern(&l.pat, r, &mut fails);
                if !fails.is_empty() {
                    let skip = self.emit(Op::Jump(0));
                    for f in fails {
                        self.patch(f);
                    }
                    self.at = l.span;
                    self.emit(Op::MatchFail(r));
                    self.patch(skip);
                }
            }
            Stmt::Assign(a) => self.assign(a),
            Stmt::Expr(e) => {
                let mark = self.f.next;
                let r = self.alloc();
                self.expr(e, r);
                self.f.next = mark;
            }
        }
    }

    fn assign(&mut self, a: &'a AssignStmt) {
        let mark = self.f.next;
        // The simple and hot case: a local variable.
        if let ExprKind::Path(_) = &a.place.kind {
            if let Res::Local(b) = self.res(a.place.id) {
                let slot = self.f.locals.get(&b).copied();
                match (slot, a.op) {
                    (Some(Slot::Reg(r)), None) => {
                        if !self.try_append(r, b, &a.value) {
                            self.expr(&a.value, r);
                        }
                    }
                    (Some(Slot::Reg(r)), Some(op)) => {
                        if op == BinOp::Add
                            && matches!(self.ty(a.place.id), Ty::Str)
                            && !mentions(&a.value, b, &self.checked.res)
                        {
                            let v = self.operand(&a.value, false);
                            self.at = a.op_span;
                            self.emit(Op::Append(r, v));
                        } else if let Some(k) = self.add_imm(op, self.ty(a.place.id), &a.value) {
                            self.at = a.op_span;
                            self.emit(Op::AddIK(r, r, k));
                        } else {
                            let pty = self.ty(a.place.id);
                            let vty = self.ty(a.value.id);
                            let v = self.operand(&a.value, false);
                            self.at = a.op_span;
                            self.binop(op, r, r, pty, v, vty);
                        }
                    }
                    (Some(Slot::Cell(c)), op) => {
                        let t = self.alloc();
                        match op {
                            None => self.expr(&a.value, t),
                            Some(op) => {
                                self.emit(Op::CellGet(t, c));
                                let v = self.operand(&a.value, false);
                                self.at = a.op_span;
                                let (pty, vty) = (self.ty(a.place.id), self.ty(a.value.id));
                                self.binop(op, t, t, pty, v, vty);
                            }
                        }
                        self.emit(Op::CellSet(c, t));
                    }
                    (Some(Slot::Upval(u)), op) => {
                        let t = self.alloc();
                        match op {
                            None => self.expr(&a.value, t),
                            Some(op) => {
                                self.emit(Op::UpGet(t, u));
                                let v = self.operand(&a.value, false);
                                self.at = a.op_span;
                                let (pty, vty) = (self.ty(a.place.id), self.ty(a.value.id));
                                self.binop(op, t, t, pty, v, vty);
                            }
                        }
                        self.emit(Op::UpSet(u, t));
                    }
                    (None, _) => {}
                }
                self.f.next = mark;
                return;
            }
        }
        // A field, tuple element or array element below a local (§6.2 order: receivers
        // and indices left to right, then the value, then the store).
        let Some(path) = self.place_path(&a.place) else {
            self.f.next = mark;
            return;
        };
        let k = self.code.paths.len() as u32;
        self.code.paths.push(path);
        let t = self.alloc();
        match a.op {
            None => self.expr(&a.value, t),
            Some(op) => {
                self.at = a.place.span;
                self.emit(Op::Load(t, k));
                let v = self.operand(&a.value, false);
                self.at = a.op_span;
                let (pty, vty) = (self.ty(a.place.id), self.ty(a.value.id));
                self.binop(op, t, t, pty, v, vty);
            }
        }
        self.at = a.op_span;
        self.emit(Op::Store(k, t));
        self.f.next = mark;
    }

    /// `s = s + e1 + e2 …` on a string local that no `ei` reads: appends in place.
    fn try_append(&mut self, r: Reg, b: ExprId, value: &'a Expr) -> bool {
        let ExprKind::Chain(first, rest) = &value.kind else {
            return false;
        };
        if !matches!(self.ty(value.id), Ty::Str)
            || rest.iter().any(|(op, _, _)| *op != BinOp::Add)
            || !matches!(&first.kind, ExprKind::Path(_))
            || self.res(first.id) != Res::Local(b)
            || rest
                .iter()
                .any(|(_, _, e)| mentions(e, b, &self.checked.res))
        {
            return false;
        }
        for (_, span, e) in rest {
            let mark = self.f.next;
            let v = self.operand(e, false);
            self.at = *span;
            self.emit(Op::Append(r, v));
            self.f.next = mark;
        }
        true
    }

    /// The root and steps of an assignment place below a local; evaluates the indices
    /// into fresh registers, left to right.
    fn place_path(&mut self, place: &'a Expr) -> Option<(Root, Vec<Step>)> {
        match &place.kind {
            ExprKind::Path(_) => {
                let Res::Local(b) = self.res(place.id) else {
                    return None;
                };
                Some((
                    match self.f.locals.get(&b)? {
                        Slot::Reg(r) => Root::Reg(*r),
                        Slot::Cell(r) => Root::Cell(*r),
                        Slot::Upval(u) => Root::Upval(*u),
                    },
                    Vec::new(),
                ))
            }
            ExprKind::Paren(inner) => self.place_path(inner),
            ExprKind::Field(base, name) => {
                let idx = self.field_index(base, name.sym)?;
                let mut p = self.place_path(base)?;
                p.1.push(Step::Field(idx));
                Some(p)
            }
            ExprKind::TupleField(base, i, _) => {
                let mut p = self.place_path(base)?;
                p.1.push(Step::Field(*i));
                Some(p)
            }
            ExprKind::Index(base, index) => {
                let mut p = self.place_path(base)?;
                let r = self.alloc();
                self.expr(index, r);
                p.1.push(Step::Index(r, self.bracket_span(base, index)));
                Some(p)
            }
            _ => None,
        }
    }

    /// The `[` of `base[index]` (IndexOutOfBounds is reported there, §12.2).
    fn bracket_span(&self, base: &Expr, index: &Expr) -> Span {
        let from = base.span.hi as usize;
        let to = (index.span.lo as usize).min(self.source.len());
        if let Some(text) = self.source.get(from..to) {
            if let Some(off) = text.find('[') {
                let lo = (from + off) as u32;
                return Span { lo, hi: lo + 1 };
            }
        }
        Span {
            lo: base.span.hi,
            hi: base.span.hi + 1,
        }
    }

    /// The span of keyword `kw` written between byte offsets `from` and `to` (the AST
    /// keeps no span for `as`); `fallback` when it cannot be found.
    fn keyword_span(&self, from: u32, to: u32, kw: &str, fallback: Span) -> Span {
        let (from, to) = (from as usize, (to as usize).min(self.source.len()));
        if let Some(text) = self.source.get(from..to) {
            if let Some(off) = text.find(kw) {
                let lo = (from + off) as u32;
                return Span {
                    lo,
                    hi: lo + kw.len() as u32,
                };
            }
        }
        fallback
    }

    /// The index of field `name` of the struct that `base` has as its type.
    fn field_index(&self, base: &Expr, name: crate::syntax::token::Symbol) -> Option<u32> {
        use crate::check::AdtKind;
        let Ty::Adt(id, _) = self.ty(base.id) else {
            return None;
        };
        match &self.checked.adts[id.0 as usize].kind {
            AdtKind::Struct(fs) => fs.iter().position(|(s, _)| *s == name).map(|i| i as u32),
            AdtKind::Enum(_) => None,
        }
    }
}

/// Local rewrites that save dispatches on hot paths: a jump to a `Return` returns at
/// once, and `Move(a, b); Return(a)` returns `b` (the frame is gone after a return, so
/// nothing reads `a` again).
fn peephole(ops: &mut [Op]) {
    for i in 0..ops.len() {
        if let Op::Jump(t) = ops[i] {
            if let Some(Op::Return(r)) = ops.get(t as usize) {
                ops[i] = Op::Return(*r);
            }
        }
    }
    for i in 0..ops.len().saturating_sub(1) {
        if let (Op::Move(a, b), Op::Return(r)) = (ops[i], ops[i + 1]) {
            if a == r {
                ops[i] = Op::Return(b);
            }
        }
    }
}

/// Whether `e` reads or writes the local `binding` anywhere (closures included).
fn mentions(e: &Expr, binding: ExprId, res: &[Res]) -> bool {
    let mut found = false;
    visit(e, &mut |x| {
        if let ExprKind::Path(_) = x.kind {
            if res[x.id.0 as usize] == Res::Local(binding) {
                found = true;
            }
        }
    });
    found
}

/// Calls `f` on every expression inside `e` (pre-order), statements included.
fn visit(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    crate::stack::guard(|| visit_inner(e, f))
}

fn visit_block(b: &Block, f: &mut dyn FnMut(&Expr)) {
    for s in &b.stmts {
        match s {
            Stmt::Let(l) => visit(&l.init, f),
            Stmt::Assign(a) => {
                visit(&a.place, f);
                visit(&a.value, f);
            }
            Stmt::Expr(e) => visit(e, f),
        }
    }
    if let Some(t) = &b.tail {
        visit(t, f);
    }
}

fn visit_inner(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    f(e);
    match &e.kind {
        ExprKind::StructLit(_, fields) => fields.iter().for_each(|x| visit(&x.value, f)),
        ExprKind::Tuple(xs) | ExprKind::Array(xs) => xs.iter().for_each(|x| visit(x, f)),
        ExprKind::Repeat(a, b) | ExprKind::Pow(a, b, _) | ExprKind::Range(a, b, _) => {
            visit(a, f);
            visit(b, f);
        }
        ExprKind::Index(a, b) => {
            visit(a, f);
            visit(b, f);
        }
        ExprKind::Block(b) => visit_block(b, f),
        ExprKind::If(branches, els) => {
            for br in branches {
                visit(&br.cond, f);
                visit_block(&br.block, f);
            }
            if let Some(b) = els {
                visit_block(b, f);
            }
        }
        ExprKind::Match(s, arms) => {
            visit(s, f);
            for a in arms {
                if let Some(g) = &a.guard {
                    visit(g, f);
                }
                visit(&a.body, f);
            }
        }
        ExprKind::While(c, b) => {
            visit(c, f);
            visit_block(b, f);
        }
        ExprKind::For(_, it, b) => {
            visit(it, f);
            visit_block(b, f);
        }
        ExprKind::Loop(b) => visit_block(b, f),
        ExprKind::Handle(x, _) => visit(x, f),
        ExprKind::Closure(_, _, body) => visit(body, f),
        ExprKind::Return(Some(x)) | ExprKind::Break(Some(x)) => visit(x, f),
        ExprKind::Chain(first, rest) => {
            visit(first, f);
            rest.iter().for_each(|(_, _, x)| visit(x, f));
        }
        ExprKind::Unary(_, _, x)
        | ExprKind::Paren(x)
        | ExprKind::Cast(x, _)
        | ExprKind::Field(x, _)
        | ExprKind::TupleField(x, _, _)
        | ExprKind::Try(x) => visit(x, f),
        ExprKind::Call(c, args) => {
            visit(c, f);
            args.iter().for_each(|x| visit(x, f));
        }
        ExprKind::MethodCall(r, _, args) => {
            visit(r, f);
            args.iter().for_each(|x| visit(x, f));
        }
        _ => {}
    }
}
