//! The machine that runs [`Code`] (LANGUAGE §6–§8, §13).
//!
//! An explicit frame stack over one register file: a call pushes a [`Frame`] and the
//! dispatch loop switches to the callee's code, so the depth of Eclexia calls never
//! becomes depth of native calls (100,000 nested calls need no large thread stack). Only
//! a builtin that calls back into the program (`map`, `filter`, `fold`, `echo`) re-enters
//! [`Vm::run`], which grows its native stack on demand.
//!
//! Metering happens at the call procedure (§7.4: depth, fuel, reservations) and at loop
//! iterations (§7.6: fuel, `loop_energy`), and those metered events are also where the
//! machine notices cancellation, the deadline and the memory limit (§13). Nothing is
//! metered per instruction.

pub mod builtins;
pub mod host;
pub mod mem;
pub mod val;

use std::rc::Rc;
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};

use crate::compile::code::*;
use crate::diagnostic::ErrorCode;
use crate::meter::{Meter, Violation};
use crate::price::PriceBook;
use crate::span::Span;
use crate::syntax::ast::BinOp;
use crate::units::{Dim, Resource};
use val::*;

/// No interruption requested.
pub const RUNNING: u8 = 0;
/// Another thread cancelled the evaluation.
pub const CANCELLED: u8 = 1;
/// The deadline passed.
pub const TIMED_OUT: u8 = 2;

/// A run-time error on its way out: code, message, where, and the call trace.
#[derive(Debug)]
pub struct Trap {
    /// The §12.1 code.
    pub code: ErrorCode,
    /// The §12.1 message.
    pub message: String,
    /// Where it is reported (§12.2).
    pub span: Span,
    /// Active calls, innermost first: (function name, where it was called).
    pub trace: Vec<(Arc<str>, Span)>,
}

/// Why a loop iteration could not be metered.
enum Tick {
    Fuel,
    Budget(Box<Violation>),
    Interrupt,
}

/// One active call.
#[derive(Debug)]
struct Frame<'p> {
    proto: &'p Proto,
    pc: u32,
    base: u32,
    /// Absolute register the result goes to in the caller.
    ret: u32,
    closure: Option<Rc<ClosureObj>>,
    /// Budget frames pushed by §7.4 step 3c, to pop on return.
    bounded: bool,
    /// Envelopes pushed by §8.2 step 5 (bit per resource).
    envelopes: u8,
    /// Returning from this frame ends the current [`Vm::run`] (a builtin's callback).
    stop: bool,
}

/// Settings of one evaluation (resolved from the engine's builder).
#[derive(Clone, Debug)]
pub struct Settings {
    /// Fuel units (0 = unlimited).
    pub fuel: u64,
    /// Maximum active calls (0 = unlimited).
    pub max_call_depth: u64,
    /// Live-heap estimate limit in bytes (0 = unlimited).
    pub max_memory: u64,
    /// Wall-clock limit in ms, for the message (the watchdog sets the flag).
    pub timeout_ms: u64,
    /// Root budgets.
    pub budgets: [Option<f64>; 6],
    /// Energy per loop iteration in J.
    pub loop_energy: f64,
    /// Prices.
    pub book: PriceBook,
    /// Carbon intensity in gCO2e/kWh.
    pub carbon_intensity: f64,
    /// `gpu_available()`.
    pub gpu_available: bool,
    /// `cpu_cores()`.
    pub cpu_cores: i64,
    /// File builtins allowed.
    pub fs: bool,
    /// `time_now_ms()` allowed.
    pub clock: bool,
}

/// Where `print` output goes while the machine runs.
pub trait Sink {
    /// Delivers text; an error ends the evaluation (the output is gone).
    fn write(&mut self, text: &str) -> std::io::Result<()>;
}

/// An adaptive selection: plan, solution, cost.
pub type Pick = (u32, u32, f64);

/// The machine.
pub struct Vm<'p> {
    code: &'p Code,
    consts: Vec<Val>,
    globals: Vec<Val>,
    regs: Vec<Val>,
    frames: Vec<Frame<'p>>,
    /// Budget scopes.
    pub meter: Meter,
    fuel: u64,
    max_depth: usize,
    max_memory: i64,
    /// The settings.
    pub settings: Settings,
    interrupt: Arc<AtomicU8>,
    /// Output not yet delivered to the sink.
    out: String,
    sink: &'p mut dyn Sink,
    /// Adaptive selections in order.
    pub picks: Vec<Pick>,
    /// Host function implementations, by the program's host index.
    hosts: Vec<Option<crate::host::HostFn>>,
    /// Register file length charged to the memory estimate (released at the end).
    regs_high: usize,
    /// Remembered selections per plan: (guard mask, solution, cost, vector).
    plan_cache: Vec<Vec<(u32, u32, f64, crate::price::ResourceVec)>>,
}

/// Bytes of buffered output that trigger a delivery to the sink.
const FLUSH_AT: usize = 8 * 1024;

impl<'p> Vm<'p> {
    /// A machine for `code` with `settings`, printing into `sink`.
    pub fn new(
        code: &'p Code,
        settings: Settings,
        interrupt: Arc<AtomicU8>,
        sink: &'p mut dyn Sink,
        hosts: Vec<Option<crate::host::HostFn>>,
    ) -> Vm<'p> {
        let consts = code
            .consts
            .iter()
            .map(|c| match c {
                Const::Int(i) => Val::Int(*i),
                Const::Bool(b) => Val::Bool(*b),
                Const::Float(f) => Val::Float(*f),
                Const::Quantity(m, d) => Val::Quantity(*m, *d),
                Const::Str(s) => Val::str(s.to_string()),
                Const::Char(c) => Val::Char(*c),
                Const::Fn(f) => Val::Func(FuncRef::Fn(*f)),
                Const::Builtin(b) => Val::Func(FuncRef::Builtin(builtins::id(b))),
                Const::Host(h) => Val::Func(FuncRef::Host(*h)),
                Const::Tag(a, v) => Val::Tag(*a, *v),
            })
            .collect();
        let unlimited = |n: u64| if n == 0 { u64::MAX } else { n };
        Vm {
            code,
            consts,
            globals: vec![Val::Unit; code.globals as usize],
            regs: Vec::with_capacity(256),
            frames: Vec::with_capacity(64),
            meter: Meter::new(settings.budgets),
            fuel: unlimited(settings.fuel),
            max_depth: unlimited(settings.max_call_depth).min(usize::MAX as u64) as usize,
            max_memory: unlimited(settings.max_memory).min(i64::MAX as u64) as i64,
            settings,
            interrupt,
            out: String::new(),
            sink,
            picks: Vec::new(),
            hosts,
            regs_high: 0,
            plan_cache: Vec::new(),
        }
    }

    /// The compiled program (for names in messages and display).
    pub fn code(&self) -> &'p Code {
        self.code
    }

    /// Evaluates the constants (dependency order), as §6.7 requires before `main`.
    pub fn init(&mut self) -> Result<(), Trap> {
        if let Some(p) = self.code.init {
            let base = self.regs.len() as u32;
            self.push_frame(p, base, base, None, true, Span::new(0, 0))?;
            self.run()?;
        }
        Ok(())
    }

    /// Calls function `f` (a checker function id) with `args` through the full call
    /// procedure, at location `at` for errors the call itself raises.
    pub fn call_fn(&mut self, f: u32, args: Vec<Val>, at: Span) -> Result<Val, Trap> {
        self.call_value(&Val::Func(FuncRef::Fn(f)), args, at)
    }

    /// Calls a function value (plain, adaptive, closure or builtin) with `args`; used by
    /// builtins that call back (`map`, `fold`, `echo`) and by the host.
    pub fn call_value(&mut self, f: &Val, args: Vec<Val>, at: Span) -> Result<Val, Trap> {
        let (proto, closure) = match f {
            Val::Func(FuncRef::Fn(id)) => (self.code.fn_proto[*id as usize], None),
            Val::Closure(c) => (c.proto, Some(c.clone())),
            Val::Func(FuncRef::Builtin(b)) => {
                let mut args = args;
                return builtins::call(self, *b, &mut args, at);
            }
            Val::Func(FuncRef::Host(h)) => return self.call_host(*h, &args, at),
            _ => return Err(self.trap_at(ErrorCode::E0599, "value is not callable".into(), at)),
        };
        let base = self.regs.len() as u32;
        let n = args.len();
        self.regs.extend(args);
        if let Err(e) = self.push_frame(proto, base, base, closure, true, at) {
            self.regs.truncate(base as usize);
            return Err(e);
        }
        let _ = n;
        let r = crate::stack::guard(|| self.run());
        self.regs.truncate(base as usize);
        r
    }

    /// The §7.4 call procedure up to binding: depth, fuel, reservations; then the frame.
    /// Arguments are already in the registers from `base`.
    fn push_frame(
        &mut self,
        proto: u32,
        base: u32,
        ret: u32,
        closure: Option<Rc<ClosureObj>>,
        stop: bool,
        at: Span,
    ) -> Result<(), Trap> {
        if proto == u32::MAX {
            return Err(self.trap_at(ErrorCode::E0599, "function has no body".into(), at));
        }
        if self.frames.len() >= self.max_depth {
            let msg = format!(
                "maximum call depth {} exceeded",
                self.settings.max_call_depth
            );
            return Err(self.trap_at(ErrorCode::E0701, msg, at));
        }
        self.tick(at)?;
        let code = self.code;
        let p = &code.protos[proto as usize];
        let bounded = !p.bounds.is_empty();
        if bounded {
            if let Err(v) = self.meter.enter(&p.name, &p.bounds) {
                return Err(self.violation(v, at));
            }
        }
        let need = base as usize + p.nregs as usize;
        if self.regs.len() < need {
            // The register file is part of the live heap (§13): deep recursion with an
            // unlimited call depth ends with MemoryLimit, not with the host's memory. Its
            // high-water mark is what counts.
            if need > self.regs_high {
                let bytes = (need - self.regs_high) * std::mem::size_of::<Val>();
                self.reserve(bytes, at)?;
                mem::charge(bytes);
                self.regs_high = need;
            }
            self.regs.resize(need, Val::Unit);
        }
        self.frames.push(Frame {
            proto: p,
            pc: 0,
            base,
            ret,
            closure,
            bounded,
            envelopes: 0,
            stop,
        });
        Ok(())
    }

    /// One metered event: fuel, interruption, memory.
    #[inline]
    fn tick(&mut self, at: Span) -> Result<(), Trap> {
        if self.fuel == 0 {
            let msg = format!("fuel limit {} exhausted", self.settings.fuel);
            return Err(self.trap_at(ErrorCode::E0702, msg, at));
        }
        self.fuel -= 1;
        self.checkpoint(at)
    }

    /// One loop iteration (§7.6): a fuel unit, then the loop energy, then the checkpoint.
    /// Errors are built out of line by [`Vm::tick_error`].
    #[inline(always)]
    fn loop_tick(&mut self) -> Result<(), Tick> {
        if self.fuel == 0 {
            return Err(Tick::Fuel);
        }
        self.fuel -= 1;
        let e = self.settings.loop_energy;
        if e != 0.0 {
            if let Err(v) = self.meter.charge(Resource::Energy, e) {
                return Err(Tick::Budget(Box::new(v)));
            }
        }
        if self.interrupt.load(Ordering::Relaxed) != RUNNING || mem::live() > self.max_memory {
            return Err(Tick::Interrupt);
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn tick_error(&self, t: Tick, at: Span) -> Trap {
        match t {
            Tick::Fuel => {
                let msg = format!("fuel limit {} exhausted", self.settings.fuel);
                self.trap_at(ErrorCode::E0702, msg, at)
            }
            Tick::Budget(v) => self.violation(*v, at),
            Tick::Interrupt => self.interrupted(at),
        }
    }

    /// Cancellation, deadline and memory (no fuel).
    #[inline]
    fn checkpoint(&mut self, at: Span) -> Result<(), Trap> {
        if self.interrupt.load(Ordering::Relaxed) != RUNNING || mem::live() > self.max_memory {
            return Err(self.interrupted(at));
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn interrupted(&self, at: Span) -> Trap {
        match self.interrupt.load(Ordering::Relaxed) {
            CANCELLED => self.trap_at(ErrorCode::E0705, "evaluation cancelled".into(), at),
            TIMED_OUT => {
                let msg = format!("time limit {} ms exceeded", self.settings.timeout_ms);
                self.trap_at(ErrorCode::E0704, msg, at)
            }
            _ => {
                let msg = format!("memory limit {} bytes exceeded", self.settings.max_memory);
                self.trap_at(ErrorCode::E0703, msg, at)
            }
        }
    }

    /// Fails with MemoryLimit when the live estimate exceeds `max_memory`.
    #[inline]
    pub fn check_memory(&self, at: Span) -> Result<(), Trap> {
        if mem::live() > self.max_memory {
            let msg = format!("memory limit {} bytes exceeded", self.settings.max_memory);
            return Err(self.trap_at(ErrorCode::E0703, msg, at));
        }
        Ok(())
    }

    /// Fails with MemoryLimit if `bytes` more would exceed the limit (checked before a
    /// large allocation is made, so a runaway program never allocates it).
    pub fn reserve(&self, bytes: usize, at: Span) -> Result<(), Trap> {
        if mem::live().saturating_add(bytes.min(i64::MAX as usize) as i64) > self.max_memory {
            let msg = format!("memory limit {} bytes exceeded", self.settings.max_memory);
            return Err(self.trap_at(ErrorCode::E0703, msg, at));
        }
        Ok(())
    }

    /// A trap at `at` with the current call trace.
    pub fn trap_at(&self, code: ErrorCode, message: String, at: Span) -> Trap {
        let mut trace = Vec::new();
        for (i, f) in self.frames.iter().enumerate().rev() {
            let name = f.proto.name.clone();
            // Where this frame was called: the op its caller is executing.
            let site = if i > 0 {
                let caller = &self.frames[i - 1];
                caller
                    .proto
                    .spans
                    .get((caller.pc as usize).saturating_sub(1))
                    .copied()
                    .unwrap_or(Span::new(0, 0))
            } else {
                Span::new(0, 0)
            };
            if f.proto.kind != ProtoKind::Init {
                trace.push((name, site));
            }
        }
        Trap {
            code,
            message,
            span: at,
            trace,
        }
    }

    fn violation(&self, v: Violation, at: Span) -> Trap {
        self.trap_at(v.code, v.message, at)
    }

    /// Appends program output, delivering it to the sink in chunks.
    pub fn print(&mut self, text: &str, at: Span) -> Result<(), Trap> {
        self.out.push_str(text);
        if self.out.len() >= FLUSH_AT {
            self.flush(at)?;
        }
        Ok(())
    }

    /// Delivers buffered output.
    pub fn flush(&mut self, at: Span) -> Result<(), Trap> {
        if self.out.is_empty() {
            return Ok(());
        }
        let text = std::mem::take(&mut self.out);
        if let Err(e) = self.sink.write(&text) {
            return Err(self.trap_at(ErrorCode::E0599, format!("output closed: {e}"), at));
        }
        Ok(())
    }

    /// The market price of `r` for its top frame (§9.5).
    pub fn shadow_price(&self, r: Resource) -> f64 {
        self.meter.market_price(r, &self.settings.book)
    }

    /// Charges `amount` of `r` (the `consume` builtin).
    pub fn consume(&mut self, r: Resource, amount: f64, at: Span) -> Result<(), Trap> {
        self.meter
            .charge(r, amount)
            .map_err(|v| self.violation(v, at))
    }

    // ----- the dispatch loop -------------------------------------------------------------

    /// Runs from the top frame until a frame marked `stop` returns; yields its value.
    fn run(&mut self) -> Result<Val, Trap> {
        let code = self.code;
        let mut fi = self.frames.len() - 1;
        let mut proto: &'p Proto = self.frames[fi].proto;
        let mut ops: &[Op] = &proto.code;
        let mut base = self.frames[fi].base as usize;
        let mut pc = self.frames[fi].pc as usize;

        macro_rules! reg {
            ($r:expr) => {
                self.regs[base + $r as usize]
            };
        }
        macro_rules! span {
            () => {
                proto.spans[pc - 1]
            };
        }
        macro_rules! fail {
            ($code:expr, $msg:expr) => {{
                self.frames[fi].pc = pc as u32;
                let msg = $msg;
                return Err(self.trap_at($code, msg, span!()));
            }};
        }
        macro_rules! attempt {
            ($e:expr) => {{
                self.frames[fi].pc = pc as u32;
                match $e {
                    Ok(v) => v,
                    Err(t) => return Err(t),
                }
            }};
        }
        macro_rules! reload {
            () => {{
                fi = self.frames.len() - 1;
                proto = self.frames[fi].proto;
                ops = &proto.code;
                base = self.frames[fi].base as usize;
                pc = self.frames[fi].pc as usize;
            }};
        }
        macro_rules! int {
            ($r:expr) => {
                match &reg!($r) {
                    Val::Int(i) => *i,
                    other => fail!(ErrorCode::E0599, internal("Int", other)),
                }
            };
        }
        macro_rules! do_return {
            ($v:expr) => {{
                let v = $v;
                let f = self.frames.pop().expect("a frame is active");
                let p = proto;
                if f.bounded || f.envelopes != 0 {
                    self.close_scopes(&f);
                }
                // The callee's registers are not cleared: the next call overwrites them,
                // and what they still hold stays counted as live until then (bounded by
                // the register file, and deterministic). Clearing them cost a third of a
                // call.
                let _ = p;
                if f.stop {
                    return Ok(v);
                }
                put(&mut self.regs[f.ret as usize], v);
                reload!();
            }};
        }

        loop {
            let op = &ops[pc];
            pc += 1;
            match *op {
                Op::Const(a, k) => reg!(a) = self.consts[k as usize].clone(),
                Op::Int(a, i) => set_int(&mut reg!(a), i),
                Op::Move(a, b) => {
                    let v = reg!(b).clone();
                    put(&mut reg!(a), v);
                }
                Op::Unit(a) => put(&mut reg!(a), Val::Unit),
                Op::Bool(a, b) => put(&mut reg!(a), Val::Bool(b)),
                Op::GetGlobal(a, k) => reg!(a) = self.globals[k as usize].clone(),
                Op::SetGlobal(k, a) => self.globals[k as usize] = reg!(a).clone(),

                Op::Box(a) => {
                    let v = std::mem::replace(&mut reg!(a), Val::Unit);
                    reg!(a) = Val::Cell(CellObj::new(v));
                }
                Op::CellGet(a, b) => {
                    let v = match &reg!(b) {
                        Val::Cell(c) => c.0.borrow().clone(),
                        other => other.clone(),
                    };
                    reg!(a) = v;
                }
                Op::CellSet(a, b) => {
                    let v = reg!(b).clone();
                    match &reg!(a) {
                        Val::Cell(c) => *c.0.borrow_mut() = v,
                        _ => reg!(a) = v,
                    }
                }
                Op::UpGet(a, k) => {
                    let v = match &self.frames[fi].closure {
                        Some(c) => c.upvals[k as usize].0.borrow().clone(),
                        None => Val::Unit,
                    };
                    reg!(a) = v;
                }
                Op::UpSet(k, a) => {
                    let v = reg!(a).clone();
                    if let Some(c) = &self.frames[fi].closure {
                        *c.upvals[k as usize].0.borrow_mut() = v;
                    }
                }
                Op::Closure(a, p, list) => {
                    let roots = &code.capture_lists[list as usize];
                    let mut cells = Vec::with_capacity(roots.len());
                    for root in roots {
                        let cell = match *root {
                            Root::Cell(r) | Root::Reg(r) => match &reg!(r) {
                                Val::Cell(c) => c.clone(),
                                other => CellObj::new(other.clone()),
                            },
                            Root::Upval(u) => match &self.frames[fi].closure {
                                Some(c) if (u as usize) < c.upvals.len() => {
                                    c.upvals[u as usize].clone()
                                }
                                _ => CellObj::new(Val::Unit),
                            },
                        };
                        cells.push(cell);
                    }
                    reg!(a) = ClosureObj::wrap(p, cells.into_boxed_slice());
                }

                Op::AddI(a, b, c) => {
                    let (x, y) = (int!(b), int!(c));
                    match x.checked_add(y) {
                        Some(v) => set_int(&mut reg!(a), v),
                        None => fail!(ErrorCode::E0502, "integer overflow in '+'".into()),
                    }
                }
                Op::SubI(a, b, c) => {
                    let (x, y) = (int!(b), int!(c));
                    match x.checked_sub(y) {
                        Some(v) => set_int(&mut reg!(a), v),
                        None => fail!(ErrorCode::E0502, "integer overflow in '-'".into()),
                    }
                }
                Op::AddIK(a, b, k) => {
                    let x = int!(b);
                    match x.checked_add(k as i64) {
                        Some(v) => set_int(&mut reg!(a), v),
                        // A negative immediate comes from `x - k`.
                        None => fail!(
                            ErrorCode::E0502,
                            format!("integer overflow in '{}'", if k < 0 { "-" } else { "+" })
                        ),
                    }
                }
                Op::IntBin(o, a, b, c) => {
                    let (x, y) = (int!(b), int!(c));
                    match int_op(o, x, y) {
                        Ok(v) => set_int(&mut reg!(a), v),
                        Err((code, msg)) => fail!(code, msg),
                    }
                }
                Op::NumBin(o, a, b, c, d) => {
                    let x = num(&reg!(b));
                    let y = num(&reg!(c));
                    match num_op(o, x, y) {
                        Some(v) => reg!(a) = Val::quantity(v, d),
                        None => fail!(ErrorCode::E0501, "division by zero".into()),
                    }
                }
                Op::NegI(a, b) => {
                    let x = int!(b);
                    match x.checked_neg() {
                        Some(v) => reg!(a) = Val::Int(v),
                        None => fail!(ErrorCode::E0502, "integer overflow in '-'".into()),
                    }
                }
                Op::NegF(a, b) => {
                    let v = match &reg!(b) {
                        Val::Int(i) => match i.checked_neg() {
                            Some(v) => Val::Int(v),
                            None => fail!(ErrorCode::E0502, "integer overflow in '-'".into()),
                        },
                        Val::Float(f) => Val::Float(-f),
                        Val::Quantity(m, d) => Val::Quantity(-m, *d),
                        other => fail!(ErrorCode::E0599, internal("a number", other)),
                    };
                    reg!(a) = v;
                }
                Op::Not(a, b) => {
                    let v = match &reg!(b) {
                        Val::Bool(x) => Val::Bool(!x),
                        Val::Int(x) => Val::Int(!x),
                        other => fail!(ErrorCode::E0599, internal("Bool", other)),
                    };
                    reg!(a) = v;
                }
                Op::BitNot(a, b) => {
                    let x = int!(b);
                    reg!(a) = Val::Int(!x);
                }
                Op::Cmp(o, k, a, b, c) => {
                    let r = match k {
                        CmpKind::Int => o.test(int!(b).cmp(&int!(c))),
                        CmpKind::Num => o.test_f64(num(&reg!(b)), num(&reg!(c))),
                        CmpKind::Ord => match ord(&reg!(b), &reg!(c)) {
                            Some(x) => o.test(x),
                            None => o == CmpOp::Ne,
                        },
                        CmpKind::Eq => {
                            let eq = reg!(b).eq_value(&reg!(c));
                            if o == CmpOp::Eq { eq } else { !eq }
                        }
                    };
                    put(&mut reg!(a), Val::Bool(r));
                }
                Op::JumpCmpI(o, b, c, t) => {
                    if o.test(int!(b).cmp(&int!(c))) {
                        pc = t as usize;
                    }
                }
                Op::JumpCmpIK(o, b, k, t) => {
                    if o.test(int!(b).cmp(&(k as i64))) {
                        pc = t as usize;
                    }
                }
                Op::Concat(a, b, c) => {
                    let s = match (&reg!(b), &reg!(c)) {
                        (Val::Str(x), Val::Str(y)) => {
                            attempt!(self.reserve(x.0.len() + y.0.len(), span!()));
                            let mut s = String::with_capacity(x.0.len() + y.0.len());
                            s.push_str(&x.0);
                            s.push_str(&y.0);
                            s
                        }
                        (x, _) => fail!(ErrorCode::E0599, internal("String", x)),
                    };
                    reg!(a) = StrObj::wrap(s);
                }
                Op::Append(a, b) => {
                    let add = match &reg!(b) {
                        Val::Str(y) => y.clone(),
                        other => fail!(ErrorCode::E0599, internal("String", other)),
                    };
                    attempt!(self.reserve(add.0.len(), span!()));
                    match &mut reg!(a) {
                        Val::Str(x) => {
                            mem::charge(add.0.len());
                            Rc::make_mut(x).0.push_str(&add.0);
                        }
                        other => fail!(ErrorCode::E0599, internal("String", other)),
                    }
                }
                Op::Cast(o, a, b) => {
                    let v = match cast(o, &reg!(b)) {
                        Ok(v) => v,
                        Err(msg) => fail!(ErrorCode::E0504, msg),
                    };
                    reg!(a) = v;
                }
                Op::Dyn(o, a, b, c) => {
                    let v = match dyn_op(o, &reg!(b), &reg!(c)) {
                        Ok(v) => v,
                        Err((code, msg)) => fail!(code, msg),
                    };
                    reg!(a) = v;
                }

                Op::Jump(t) => pc = t as usize,
                Op::JumpIf(a, t) => {
                    if let Val::Bool(true) = reg!(a) {
                        pc = t as usize;
                    }
                }
                Op::JumpIfNot(a, t) => {
                    if let Val::Bool(false) = reg!(a) {
                        pc = t as usize;
                    }
                }
                Op::LoopMeter => {
                    if let Err(t) = self.loop_tick() {
                        self.frames[fi].pc = pc as u32;
                        return Err(self.tick_error(t, span!()));
                    }
                }
                Op::LoopCmpI(o, b, c, t) => {
                    if o.test(int!(b).cmp(&int!(c))) {
                        if let Err(t) = self.loop_tick() {
                            self.frames[fi].pc = pc as u32;
                            return Err(self.tick_error(t, span!()));
                        }
                        pc = t as usize;
                    }
                }
                Op::LoopCmpIK(o, b, k, t) => {
                    if o.test(int!(b).cmp(&(k as i64))) {
                        if let Err(t) = self.loop_tick() {
                            self.frames[fi].pc = pc as u32;
                            return Err(self.tick_error(t, span!()));
                        }
                        pc = t as usize;
                    }
                }
                Op::LoopIf(a, t) => {
                    if let Val::Bool(true) = reg!(a) {
                        if let Err(t) = self.loop_tick() {
                            self.frames[fi].pc = pc as u32;
                            return Err(self.tick_error(t, span!()));
                        }
                        pc = t as usize;
                    }
                }
                Op::LoopJump(t) => {
                    if let Err(t) = self.loop_tick() {
                        self.frames[fi].pc = pc as u32;
                        return Err(self.tick_error(t, span!()));
                    }
                    pc = t as usize;
                }
                Op::RangePrep(s, b) => {
                    let (lo, hi, incl) = match &reg!(b) {
                        Val::Range(r) => **r,
                        other => fail!(ErrorCode::E0599, internal("Range", other)),
                    };
                    let count: i128 = if incl {
                        (hi as i128 - lo as i128 + 1).max(0)
                    } else {
                        (hi as i128 - lo as i128).max(0)
                    };
                    reg!(s) = Val::Int(lo);
                    reg!(s + 1) = Val::Int(count.min(u64::MAX as i128) as u64 as i64);
                }
                Op::ForRange(s, v, t) => {
                    let left = int!(s + 1) as u64;
                    if left == 0 {
                        pc = t as usize;
                    } else {
                        if let Err(t) = self.loop_tick() {
                            self.frames[fi].pc = pc as u32;
                            return Err(self.tick_error(t, span!()));
                        }
                        let cur = int!(s);
                        reg!(v) = Val::Int(cur);
                        reg!(s) = Val::Int(cur.wrapping_add(1));
                        reg!(s + 1) = Val::Int((left - 1) as i64);
                    }
                }
                Op::ArrayPrep(s, b) => {
                    let snapshot = match &reg!(b) {
                        Val::Array(a) => {
                            let items = a.0.borrow().clone();
                            attempt!(self.reserve(items.len() * 16, span!()));
                            ArrayObj::wrap(items)
                        }
                        Val::Str(x) => {
                            attempt!(self.reserve(x.0.len() * 16, span!()));
                            ArrayObj::wrap(x.0.chars().map(Val::Char).collect())
                        }
                        other => fail!(ErrorCode::E0599, internal("an array", other)),
                    };
                    reg!(s) = snapshot;
                    reg!(s + 1) = Val::Int(0);
                }
                Op::ForArray(s, v, t) => {
                    let i = int!(s + 1) as usize;
                    let item = match &reg!(s) {
                        Val::Array(a) => a.0.borrow().get(i).cloned(),
                        _ => None,
                    };
                    match item {
                        Some(x) => {
                            if let Err(t) = self.loop_tick() {
                                self.frames[fi].pc = pc as u32;
                                return Err(self.tick_error(t, span!()));
                            }
                            reg!(v) = x;
                            reg!(s + 1) = Val::Int(i as i64 + 1);
                        }
                        None => pc = t as usize,
                    }
                }

                Op::Call(a, p, b, _n) => {
                    self.frames[fi].pc = pc as u32;
                    let new_base = base + b as usize;
                    // The fast path of §7.4 for a plain function without bounds: depth,
                    // fuel and the interruption/memory checkpoint, then switch frames in
                    // place. Everything else goes through `push_frame`.
                    let callee = code.protos.get(p as usize);
                    match callee {
                        Some(c)
                            if c.bounds.is_empty()
                                && self.frames.len() < self.max_depth
                                && self.fuel != 0
                                && self.interrupt.load(Ordering::Relaxed) == RUNNING
                                && new_base + c.nregs as usize <= self.regs.len() =>
                        {
                            // Memory only grows where values are allocated (checked
                            // there) or when the register file grows (the slow path).
                            self.fuel -= 1;
                            self.frames.push(Frame {
                                proto: c,
                                pc: 0,
                                base: new_base as u32,
                                ret: (base + a as usize) as u32,
                                closure: None,
                                bounded: false,
                                envelopes: 0,
                                stop: false,
                            });
                            fi += 1;
                            proto = c;
                            ops = &c.code;
                            base = new_base;
                            pc = 0;
                        }
                        _ => {
                            let at = span!();
                            attempt!(self.push_frame(
                                p,
                                new_base as u32,
                                (base + a as usize) as u32,
                                None,
                                false,
                                at
                            ));
                            reload!();
                        }
                    }
                }
                Op::CallVirtual(a, f, b, _n) => {
                    self.frames[fi].pc = pc as u32;
                    let target = self.dispatch(f, &reg!(b));
                    let p = code.fn_proto[target as usize];
                    let at = span!();
                    attempt!(self.push_frame(
                        p,
                        (base + b as usize) as u32,
                        (base + a as usize) as u32,
                        None,
                        false,
                        at
                    ));
                    reload!();
                }
                Op::CallValue(a, c, b, n) => {
                    self.frames[fi].pc = pc as u32;
                    let at = span!();
                    let callee = reg!(c).clone();
                    let (p, closure) = match callee {
                        Val::Func(FuncRef::Fn(f)) => (code.fn_proto[f as usize], None),
                        Val::Closure(cl) => (cl.proto, Some(cl)),
                        Val::Func(FuncRef::Builtin(id)) => {
                            let mut args: Vec<Val> = (0..n as usize)
                                .map(|i| std::mem::replace(&mut reg!(b as usize + i), Val::Unit))
                                .collect();
                            let v = attempt!(builtins::call(self, id, &mut args, at));
                            reg!(a) = v;
                            continue;
                        }
                        Val::Func(FuncRef::Host(h)) => {
                            let args: Vec<Val> = (0..n as usize)
                                .map(|i| std::mem::replace(&mut reg!(b as usize + i), Val::Unit))
                                .collect();
                            let v = attempt!(self.call_host(h, &args, at));
                            reg!(a) = v;
                            continue;
                        }
                        other => fail!(ErrorCode::E0599, internal("a function", &other)),
                    };
                    attempt!(self.push_frame(
                        p,
                        (base + b as usize) as u32,
                        (base + a as usize) as u32,
                        closure,
                        false,
                        at
                    ));
                    reload!();
                }
                Op::CallBuiltin(a, id, b, n) => {
                    self.frames[fi].pc = pc as u32;
                    let at = span!();
                    let mut args: Vec<Val> = (0..n as usize)
                        .map(|i| std::mem::replace(&mut reg!(b as usize + i), Val::Unit))
                        .collect();
                    let v = attempt!(builtins::call(self, id, &mut args, at));
                    reg!(a) = v;
                }
                Op::CallHost(a, h, b, n) => {
                    self.frames[fi].pc = pc as u32;
                    let at = span!();
                    let args: Vec<Val> = (0..n as usize)
                        .map(|i| std::mem::replace(&mut reg!(b as usize + i), Val::Unit))
                        .collect();
                    let v = attempt!(self.call_host(h, &args, at));
                    reg!(a) = v;
                }
                Op::Return(a) => {
                    let v = std::mem::replace(&mut reg!(a), Val::Unit);
                    do_return!(v);
                }
                Op::Select(k, g) => {
                    self.frames[fi].pc = pc as u32;
                    let index = attempt!(self.select(k, base + g as usize, fi));
                    pc = code.plans[k as usize].1[index] as usize;
                }
                Op::Try(a, b) => {
                    let out = match &reg!(b) {
                        Val::Variant(v) if v.variant == 0 => Some(v.items[0].clone()),
                        _ => None,
                    };
                    match out {
                        Some(x) => reg!(a) = x,
                        None => {
                            let v = reg!(b).clone();
                            do_return!(v);
                        }
                    }
                }

                Op::Tuple(a, b, n) => {
                    let items = self.take_regs(base + b as usize, n as usize);
                    reg!(a) = Val::Tuple(Fields::new(0, items));
                }
                Op::Array(a, b, n) => {
                    attempt!(self.reserve(n as usize * 16, span!()));
                    let items = self.take_regs(base + b as usize, n as usize);
                    reg!(a) = ArrayObj::wrap(items);
                }
                Op::Repeat(a, b, c) => {
                    let n = int!(c);
                    if n < 0 {
                        fail!(
                            ErrorCode::E0599,
                            format!("array repeat count {n} is negative")
                        );
                    }
                    attempt!(self.reserve((n as usize).saturating_mul(16), span!()));
                    let v = reg!(b).clone();
                    reg!(a) = ArrayObj::wrap(vec![v; n as usize]);
                }
                Op::Struct(a, adt, b, n) => {
                    let items = self.take_regs(base + b as usize, n as usize);
                    reg!(a) = Val::Struct(Fields::new(adt, items));
                }
                Op::Variant(a, adt, v, b, n) => {
                    let items = self.take_regs(base + b as usize, n as usize);
                    reg!(a) = if items.is_empty() {
                        Val::Tag(adt, v as u32)
                    } else {
                        VariantObj::wrap(adt, v as u32, items)
                    };
                }
                Op::Range(a, b, c, incl) => {
                    let (x, y) = (int!(b), int!(c));
                    reg!(a) = Val::Range(Rc::new((x, y, incl)));
                }
                Op::Field(a, b, k) => {
                    let v = match &reg!(b) {
                        Val::Struct(f) | Val::Tuple(f) => f.items.get(k as usize).cloned(),
                        Val::Variant(v) => v.items.get(k as usize).cloned(),
                        Val::Echo(e) => Some(if k == 0 { e.0.clone() } else { e.1.clone() }),
                        _ => None,
                    };
                    match v {
                        Some(v) => reg!(a) = v,
                        None => fail!(ErrorCode::E0599, "no such field".into()),
                    }
                }
                Op::Index(a, b, c) => {
                    let i = int!(c);
                    let v = match &reg!(b) {
                        Val::Array(arr) => {
                            let arr = arr.0.borrow();
                            match usize::try_from(i).ok().and_then(|i| arr.get(i)) {
                                Some(v) => Ok(v.clone()),
                                None => Err(arr.len()),
                            }
                        }
                        other => fail!(ErrorCode::E0599, internal("an array", other)),
                    };
                    match v {
                        Ok(v) => reg!(a) = v,
                        Err(len) => fail!(
                            ErrorCode::E0505,
                            format!("index {i} out of bounds for length {len}")
                        ),
                    }
                }
                Op::Store(k, a) => {
                    let v = reg!(a).clone();
                    self.frames[fi].pc = pc as u32;
                    attempt!(self.store(k, base, v));
                }
                Op::Load(a, k) => {
                    self.frames[fi].pc = pc as u32;
                    let v = attempt!(self.load(k, base));
                    reg!(a) = v;
                }

                Op::TestVariant(a, adt, v, t) => {
                    let ok = match &reg!(a) {
                        Val::Tag(x, y) => *x == adt && *y == v,
                        Val::Variant(o) => o.adt == adt && o.variant == v,
                        _ => false,
                    };
                    if !ok {
                        pc = t as usize;
                    }
                }
                Op::TestConst(a, k, t) => {
                    if !reg!(a).eq_value(&self.consts[k as usize]) {
                        pc = t as usize;
                    }
                }
                Op::TestRange(a, k, t) => {
                    let (lo, hi, incl) = code.ranges[k as usize];
                    let x = int!(a);
                    let ok = lo <= x && if incl { x <= hi } else { x < hi };
                    if !ok {
                        pc = t as usize;
                    }
                }
                Op::Payload(a, b, k) => {
                    let v = match &reg!(b) {
                        Val::Variant(o) => o.items.get(k as usize).cloned(),
                        Val::Struct(f) => f.items.get(k as usize).cloned(),
                        _ => None,
                    };
                    reg!(a) = v.unwrap_or(Val::Unit);
                }
                Op::Fail(k) => {
                    let msg = match &self.consts[k as usize] {
                        Val::Str(s) => s.0.clone(),
                        _ => String::new(),
                    };
                    fail!(ErrorCode::E0599, msg);
                }
                Op::MatchFail(a) => {
                    let shown = reg!(a).nested(code);
                    fail!(ErrorCode::E0509, format!("no match arm matches {shown}"));
                }
            }
        }
    }

    /// Calls host function `h` (not metered, §13): arguments and result cross as host
    /// values; a missing implementation, an error or a result of the wrong type is
    /// `RuntimeError` E0599.
    fn call_host(&mut self, h: u16, args: &[Val], at: Span) -> Result<Val, Trap> {
        let code = self.code;
        let Some(sig) = code.hosts.get(h as usize) else {
            return Err(self.trap_at(ErrorCode::E0599, "unknown host function".into(), at));
        };
        let Some(Some(f)) = self.hosts.get(h as usize).cloned() else {
            let msg = format!(
                "host function '{}' is not provided by this engine",
                sig.name
            );
            return Err(self.trap_at(ErrorCode::E0599, msg, at));
        };
        let values: Vec<crate::value::Value> =
            args.iter().map(|v| host::to_value(v, code)).collect();
        match f(&values) {
            Ok(v) if sig.ret.admits(&v) => Ok(host::to_val(&v)),
            Ok(v) => {
                let msg = format!(
                    "host function '{}' returned {}, declared {}",
                    sig.name,
                    v.type_name(),
                    sig.ret.name()
                );
                Err(self.trap_at(ErrorCode::E0599, msg, at))
            }
            Err(e) => {
                let msg = format!("host function '{}': {e}", sig.name);
                Err(self.trap_at(ErrorCode::E0599, msg, at))
            }
        }
    }

    /// §8.2 steps 2–5 for plan `k` with the guards' results in registers from `g`:
    /// selects, charges, opens the envelopes of frame `fi`; returns the solution's index.
    ///
    /// When no cap or finite limit is in force (the common case of a program without
    /// budgets), the choice depends only on which guards held, so it is remembered per
    /// guard pattern and later calls skip pricing entirely.
    fn select(&mut self, k: u32, g: usize, fi: usize) -> Result<usize, Trap> {
        let code = self.code;
        let plan = &code.plans[k as usize].0;
        let n = plan.solutions.len();
        let mut stack = [false; 32];
        let mut heap;
        let eligible: &mut [bool] = if n <= 32 {
            &mut stack[..n]
        } else {
            heap = vec![false; n];
            &mut heap
        };
        let mut mask = 0u32;
        for (i, e) in eligible.iter_mut().enumerate() {
            *e = matches!(self.regs[g + i], Val::Bool(true));
            if *e && i < 32 {
                mask |= 1 << i;
            }
        }
        let cacheable = n <= 32 && plan.is_static(&self.meter);
        if cacheable {
            if let Some(&(_, index, cost, vector)) = self
                .plan_cache
                .get(k as usize)
                .and_then(|c| c.iter().find(|e| e.0 == mask))
            {
                let choice = plan
                    .commit(index as usize, cost, vector, &mut self.meter)
                    .map_err(|v| self.violation(v, self.call_site(fi)))?;
                self.frames[fi].envelopes = choice.envelopes;
                self.picks.push((k, index, cost));
                return Ok(index as usize);
            }
        }
        // Errors of the selection are reported at the call (§8.2, §12.2).
        let choice = match plan.call(
            eligible,
            &mut self.meter,
            &self.settings.book,
            self.settings.carbon_intensity,
        ) {
            Ok(c) => c,
            Err(v) => return Err(self.violation(v, self.call_site(fi))),
        };
        if cacheable {
            if self.plan_cache.len() <= k as usize {
                self.plan_cache.resize(code.plans.len(), Vec::new());
            }
            self.plan_cache[k as usize].push((
                mask,
                choice.index as u32,
                choice.cost,
                choice.vector,
            ));
        }
        self.frames[fi].envelopes = choice.envelopes;
        self.picks.push((k, choice.index as u32, choice.cost));
        Ok(choice.index)
    }

    /// Pops the budget frames and envelopes a returning call opened (§7.4 step 5).
    #[cold]
    fn close_scopes(&mut self, f: &Frame<'p>) {
        if f.bounded {
            self.meter.exit(&f.proto.bounds);
        }
        for r in Resource::ALL {
            if f.envelopes & (1 << r.index()) != 0 {
                self.meter.pop(r);
            }
        }
    }

    /// Where frame `fi` was called from (its caller's current op).
    fn call_site(&self, fi: usize) -> Span {
        if fi == 0 {
            return Span::new(0, 0);
        }
        let caller = &self.frames[fi - 1];
        let p = caller.proto;
        if self.frames[fi].stop {
            // Called by a builtin or the host: the builtin's call is the caller's op.
        }
        p.spans
            .get((caller.pc as usize).saturating_sub(1))
            .copied()
            .unwrap_or(Span::new(0, 0))
    }

    fn take_regs(&mut self, from: usize, n: usize) -> Vec<Val> {
        self.regs[from..from + n]
            .iter_mut()
            .map(|r| std::mem::replace(r, Val::Unit))
            .collect()
    }

    /// The implementation of trait method `f` for the receiver's run-time type.
    fn dispatch(&self, f: u32, recv: &Val) -> u32 {
        let Some(name) = self.code.virtual_names.get(&f) else {
            return f;
        };
        let kind = match recv {
            Val::Struct(s) => RecvKind::Adt(s.tag),
            Val::Variant(v) => RecvKind::Adt(v.adt),
            Val::Tag(a, _) => RecvKind::Adt(*a),
            Val::Int(_) => RecvKind::Prim(0),
            Val::Float(_) => RecvKind::Prim(1),
            Val::Bool(_) => RecvKind::Prim(2),
            Val::Str(_) => RecvKind::Prim(3),
            Val::Char(_) => RecvKind::Prim(4),
            Val::Unit => RecvKind::Prim(5),
            Val::Array(_) => RecvKind::Prim(6),
            Val::Map(_) => RecvKind::Prim(7),
            Val::Quantity(..) => RecvKind::Prim(8),
            Val::Tuple(_) => RecvKind::Prim(9),
            Val::Range(_) => RecvKind::Prim(10),
            _ => return f,
        };
        self.code
            .methods
            .get(&(kind, name.clone()))
            .copied()
            .unwrap_or(f)
    }

    /// Reads the place of path `k`.
    fn load(&mut self, k: u32, base: usize) -> Result<Val, Trap> {
        let (root, steps) = &self.code.paths[k as usize];
        let mut cur = self.root_value(*root, base);
        for step in steps {
            cur = self.step_get(&cur, *step, base)?;
        }
        Ok(cur)
    }

    fn root_value(&self, root: Root, base: usize) -> Val {
        match root {
            Root::Reg(r) => self.regs[base + r as usize].clone(),
            Root::Cell(r) => match &self.regs[base + r as usize] {
                Val::Cell(c) => c.0.borrow().clone(),
                other => other.clone(),
            },
            Root::Upval(u) => match &self.frames.last().and_then(|f| f.closure.clone()) {
                Some(c) => c.upvals[u as usize].0.borrow().clone(),
                None => Val::Unit,
            },
        }
    }

    fn step_get(&self, v: &Val, step: Step, base: usize) -> Result<Val, Trap> {
        match step {
            Step::Field(i) => match v {
                Val::Struct(f) | Val::Tuple(f) => Ok(f.items[i as usize].clone()),
                _ => Err(self.trap_at(ErrorCode::E0599, "no such field".into(), Span::new(0, 0))),
            },
            Step::Index(r, at) => {
                let Val::Int(i) = self.regs[base + r as usize] else {
                    return Err(self.trap_at(ErrorCode::E0599, "index is not Int".into(), at));
                };
                match v {
                    Val::Array(a) => {
                        let a = a.0.borrow();
                        match usize::try_from(i).ok().and_then(|x| a.get(x)) {
                            Some(x) => Ok(x.clone()),
                            None => Err(self.trap_at(
                                ErrorCode::E0505,
                                format!("index {i} out of bounds for length {}", a.len()),
                                at,
                            )),
                        }
                    }
                    _ => Err(self.trap_at(ErrorCode::E0599, "not an array".into(), at)),
                }
            }
        }
    }

    /// Stores `v` into the place of path `k` (§6.1: arrays are shared and updated in
    /// place; structs and tuples are values, rebuilt along the path, in place while
    /// unshared).
    fn store(&mut self, k: u32, base: usize, v: Val) -> Result<(), Trap> {
        let (root, steps) = &self.code.paths[k as usize];
        let steps: &[Step] = steps;
        // Take the root's value out, update it, put it back.
        let mut cur = match *root {
            Root::Reg(r) => std::mem::replace(&mut self.regs[base + r as usize], Val::Unit),
            _ => self.root_value(*root, base),
        };
        let r = self.store_into(&mut cur, steps, base, v);
        match *root {
            Root::Reg(r) => self.regs[base + r as usize] = cur,
            Root::Cell(r) => {
                if let Val::Cell(c) = &self.regs[base + r as usize] {
                    *c.0.borrow_mut() = cur;
                }
            }
            Root::Upval(u) => {
                if let Some(c) = self.frames.last().and_then(|f| f.closure.clone()) {
                    *c.upvals[u as usize].0.borrow_mut() = cur;
                }
            }
        }
        r
    }

    fn store_into(
        &self,
        target: &mut Val,
        steps: &[Step],
        base: usize,
        v: Val,
    ) -> Result<(), Trap> {
        let Some((first, rest)) = steps.split_first() else {
            *target = v;
            return Ok(());
        };
        match *first {
            Step::Field(i) => match target {
                Val::Struct(f) | Val::Tuple(f) => {
                    let f = Rc::make_mut(f);
                    match f.items.get_mut(i as usize) {
                        Some(slot) => self.store_into(slot, rest, base, v),
                        None => Ok(()),
                    }
                }
                _ => Ok(()),
            },
            Step::Index(r, at) => {
                let Val::Int(i) = self.regs[base + r as usize] else {
                    return Ok(());
                };
                let Val::Array(a) = target else {
                    return Ok(());
                };
                let a = a.clone();
                let len = a.0.borrow().len();
                let Some(idx) = usize::try_from(i).ok().filter(|x| *x < len) else {
                    return Err(self.trap_at(
                        ErrorCode::E0505,
                        format!("index {i} out of bounds for length {len}"),
                        at,
                    ));
                };
                if rest.is_empty() {
                    let old = std::mem::replace(&mut a.0.borrow_mut()[idx], v);
                    drop(old);
                    return Ok(());
                }
                // Take the element out so that nothing else borrows the array meanwhile.
                let mut elem = std::mem::replace(&mut a.0.borrow_mut()[idx], Val::Unit);
                let r = self.store_into(&mut elem, rest, base, v);
                a.0.borrow_mut()[idx] = elem;
                r
            }
        }
    }

    /// Fuel units consumed so far.
    pub fn fuel_used(&self) -> u64 {
        if self.settings.fuel == 0 {
            u64::MAX - self.fuel
        } else {
            self.settings.fuel - self.fuel
        }
    }

    /// Output still buffered (delivered at the end of the evaluation).
    pub fn take_output(&mut self) -> String {
        std::mem::take(&mut self.out)
    }

    /// Drops every value the machine holds (so the memory estimate returns to zero).
    pub fn clear(&mut self) {
        mem::release(std::mem::take(&mut self.regs_high) * std::mem::size_of::<Val>());
        self.regs.clear();
        self.frames.clear();
        self.globals.clear();
        self.consts.clear();
    }
}

/// Stores `v` in a register; the old value's drop glue only runs when it owns heap
/// data (scalars need none, and skipping the call keeps register writes cheap).
#[inline(always)]
fn put(slot: &mut Val, v: Val) {
    let old = std::mem::replace(slot, v);
    if old.is_heap() {
        drop(old);
    } else {
        std::mem::forget(old);
    }
}

/// Writes an Int into a register without running drop glue when it already holds one
/// (the common case for counters and accumulators).
#[inline(always)]
fn set_int(slot: &mut Val, v: i64) {
    if let Val::Int(x) = slot {
        *x = v;
    } else {
        put(slot, Val::Int(v));
    }
}

/// The message of an impossible operand (a checker/compiler disagreement): never a panic.
fn internal(want: &str, found: &Val) -> String {
    format!("internal error: expected {want}, found {found:?}")
}

/// The binary64 magnitude of a numeric value (Int widened, §6.3).
#[inline]
fn num(v: &Val) -> f64 {
    match v {
        Val::Float(f) => *f,
        Val::Int(i) => *i as f64,
        Val::Quantity(m, _) => *m,
        _ => f64::NAN,
    }
}

/// Total orders of strings (by code point), chars, bools, ints, numbers.
fn ord(a: &Val, b: &Val) -> Option<std::cmp::Ordering> {
    match (a, b) {
        (Val::Str(x), Val::Str(y)) => Some(x.0.cmp(&y.0)),
        (Val::Char(x), Val::Char(y)) => Some(x.cmp(y)),
        (Val::Bool(x), Val::Bool(y)) => Some(x.cmp(y)),
        (Val::Int(x), Val::Int(y)) => Some(x.cmp(y)),
        (x, y) => num(x).partial_cmp(&num(y)),
    }
}

/// Checked integer arithmetic (§6.3).
pub(crate) fn int_op(o: IntOp, x: i64, y: i64) -> Result<i64, (ErrorCode, String)> {
    let overflow = |op: &str| (ErrorCode::E0502, format!("integer overflow in '{op}'"));
    match o {
        IntOp::Add => x.checked_add(y).ok_or_else(|| overflow("+")),
        IntOp::Sub => x.checked_sub(y).ok_or_else(|| overflow("-")),
        IntOp::Mul => x.checked_mul(y).ok_or_else(|| overflow("*")),
        IntOp::Div => {
            if y == 0 {
                Err((ErrorCode::E0501, "division by zero".into()))
            } else {
                x.checked_div(y).ok_or_else(|| overflow("/"))
            }
        }
        IntOp::Rem => {
            if y == 0 {
                Err((ErrorCode::E0501, "division by zero".into()))
            } else {
                x.checked_rem(y).ok_or_else(|| overflow("%"))
            }
        }
        IntOp::Pow => {
            if y < 0 {
                return Err((
                    ErrorCode::E0503,
                    format!("invalid exponent or shift amount {y}"),
                ));
            }
            let e = u32::try_from(y).unwrap_or(u32::MAX);
            x.checked_pow(e).ok_or_else(|| overflow("**"))
        }
        IntOp::And => Ok(x & y),
        IntOp::Or => Ok(x | y),
        IntOp::Xor => Ok(x ^ y),
        IntOp::Shl | IntOp::Shr => {
            if !(0..=63).contains(&y) {
                return Err((
                    ErrorCode::E0503,
                    format!("invalid exponent or shift amount {y}"),
                ));
            }
            Ok(if o == IntOp::Shl { x << y } else { x >> y })
        }
    }
}

/// binary64 arithmetic; `None` for a zero divisor (§6.3: E0501).
#[inline]
pub(crate) fn num_op(o: NumOp, x: f64, y: f64) -> Option<f64> {
    Some(match o {
        NumOp::Add => x + y,
        NumOp::Sub => x - y,
        NumOp::Mul => x * y,
        NumOp::Div => {
            if y == 0.0 {
                return None;
            }
            x / y
        }
        NumOp::Rem => {
            if y == 0.0 {
                return None;
            }
            x % y
        }
        NumOp::Pow => x.powf(y),
    })
}

/// Casts (§6.3).
fn cast(o: CastOp, v: &Val) -> Result<Val, String> {
    match o {
        CastOp::IntToFloat => Ok(Val::Float(num(v))),
        CastOp::FloatToInt => {
            let f = num(v);
            float_to_int(f)
                .ok_or_else(|| format!("cannot convert {} to Int", crate::units::format_float(f)))
        }
        CastOp::IntToChar => {
            let Val::Int(i) = v else {
                return Err("cannot convert value to Char".into());
            };
            u32::try_from(*i)
                .ok()
                .and_then(char::from_u32)
                .map(Val::Char)
                .ok_or_else(|| format!("cannot convert {i} to Char"))
        }
        CastOp::CharToInt => match v {
            Val::Char(c) => Ok(Val::Int(*c as i64)),
            other => Ok(other.clone()),
        },
        CastOp::Dim(d) => Ok(Val::quantity(num(v), d)),
    }
}

/// Float → Int truncating toward zero; `None` for NaN, infinities and out of range.
pub(crate) fn float_to_int(f: f64) -> Option<Val> {
    let t = f.trunc();
    // i64::MIN is exactly representable; i64::MAX + 1 = 2^63 is the first value too big.
    if (-9_223_372_036_854_775_808.0..9_223_372_036_854_775_808.0).contains(&t) {
        Some(Val::Int(t as i64))
    } else {
        None
    }
}

/// A binary operator decided on the values (code that is generic over a type parameter).
fn dyn_op(o: BinOp, a: &Val, b: &Val) -> Result<Val, (ErrorCode, String)> {
    use BinOp::*;
    let cmp = |c: CmpOp| -> Result<Val, (ErrorCode, String)> {
        Ok(Val::Bool(match c {
            CmpOp::Eq => a.eq_value(b),
            CmpOp::Ne => !a.eq_value(b),
            _ => match ord(a, b) {
                Some(x) => c.test(x),
                None => false,
            },
        }))
    };
    match o {
        Eq => return cmp(CmpOp::Eq),
        Ne => return cmp(CmpOp::Ne),
        Lt => return cmp(CmpOp::Lt),
        Le => return cmp(CmpOp::Le),
        Gt => return cmp(CmpOp::Gt),
        Ge => return cmp(CmpOp::Ge),
        And | Or => {
            if let (Val::Bool(x), Val::Bool(y)) = (a, b) {
                return Ok(Val::Bool(if o == And { *x && *y } else { *x || *y }));
            }
        }
        _ => {}
    }
    let iop = match o {
        Add => IntOp::Add,
        Sub => IntOp::Sub,
        Mul => IntOp::Mul,
        Div => IntOp::Div,
        Rem => IntOp::Rem,
        Pow => IntOp::Pow,
        BitAnd => IntOp::And,
        BitOr => IntOp::Or,
        BitXor => IntOp::Xor,
        Shl => IntOp::Shl,
        _ => IntOp::Shr,
    };
    match (a, b) {
        (Val::Int(x), Val::Int(y)) => int_op(iop, *x, *y).map(Val::Int),
        (Val::Str(x), Val::Str(y)) if o == Add => Ok(Val::str(format!("{}{}", x.0, y.0))),
        _ => {
            let dim = |v: &Val| match v {
                Val::Quantity(_, d) => *d,
                _ => Dim::NONE,
            };
            let (da, db) = (dim(a), dim(b));
            let (nop, d) = match o {
                Add => (NumOp::Add, if da.is_dimensionless() { db } else { da }),
                Sub => (NumOp::Sub, if da.is_dimensionless() { db } else { da }),
                Rem => (NumOp::Rem, if da.is_dimensionless() { db } else { da }),
                Mul => (NumOp::Mul, da * db),
                Div => (NumOp::Div, da / db),
                _ => (NumOp::Pow, Dim::NONE),
            };
            num_op(nop, num(a), num(b))
                .map(|x| Val::quantity(x, d))
                .ok_or((ErrorCode::E0501, "division by zero".into()))
        }
    }
}
