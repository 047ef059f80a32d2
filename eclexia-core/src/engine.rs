//! Evaluating programs: [`Engine`], its builder, [`Outcome`] and [`RuntimeError`]
//! (LANGUAGE §6–§13, ARCHITECTURE §3).
//!
//! An engine is a reusable, thread-safe configuration: limits, root budgets, loop
//! energy, price book, carbon intensity, host facts, capabilities and an output sink.
//! [`Engine::evaluate`] runs one entry function of a [`Program`] on the calling thread in
//! a fresh machine, so one engine (and one program) serve any number of concurrent
//! evaluations. Same program, same settings, no timeout or capabilities involved: the
//! same outcome or the same error, byte for byte (§13).
//!
//! ```
//! use eclexia_core::{compile, CompileOptions, Engine};
//! let program = compile(
//!     "fn main() { println(\"hi\", 1.5kJ + 500J) }",
//!     &CompileOptions::new("hi.ecl"),
//! ).unwrap();
//! let outcome = Engine::new().evaluate(&program, "main", &[]).unwrap();
//! assert_eq!(outcome.output, "hi 2000J\n");
//! ```

use std::collections::HashMap;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, Mutex, Weak, mpsc};
use std::time::Duration;

use crate::diagnostic::{Diagnostics, ErrorCode, ErrorKind, RawDiagnostic};
use crate::host::HostFn;
use crate::price::{PerResource, PriceBook};
use crate::program::Program;
use crate::span::LineIndex;
use crate::units::Resource;
use crate::value::Value;
use crate::vm::host::to_val;
use crate::vm::val::Val;
use crate::vm::{self, Settings, Sink, Trap, Vm, mem};

/// The §13 defaults of [`Engine::builder`], for hosts that present them (the C ABI's
/// options, the sidecar's maxima).
///
/// ```
/// use eclexia_core::engine::defaults;
/// assert_eq!(defaults::FUEL, 10_000_000);
/// assert_eq!(defaults::TIMEOUT_MS, 0); // no wall-clock limit
/// ```
pub mod defaults {
    /// Fuel units per evaluation.
    pub const FUEL: u64 = 10_000_000;
    /// Maximum active calls, `main` included.
    pub const MAX_CALL_DEPTH: u64 = 1000;
    /// Limit of the live-heap estimate, bytes (512 MiB).
    pub const MAX_MEMORY: u64 = 536_870_912;
    /// Wall-clock limit, milliseconds (0 = none).
    pub const TIMEOUT_MS: u64 = 0;
    /// Energy charged per loop iteration, J.
    pub const LOOP_ENERGY: f64 = 0.001;
    /// Grid carbon intensity, gCO2e/kWh.
    pub const CARBON_INTENSITY: f64 = 400.0;
    /// The host fact `cpu_cores()`.
    pub const CPU_CORES: i64 = 1;
}

/// Receives `print` output as the program produces it (the CLI's stdout, a log, …).
pub trait OutputSink: Send + Sync {
    /// Delivers a chunk of output, in order. An error ends the evaluation.
    fn write(&self, text: &str) -> std::io::Result<()>;
}

/// Stops running evaluations from another thread (§13 cancel handle).
///
/// Cancelling is sticky: evaluations that start after [`CancelHandle::cancel`] end with
/// `Cancelled` at their first metered event, until [`CancelHandle::reset`].
#[derive(Clone, Default)]
pub struct CancelHandle {
    inner: Arc<CancelState>,
}

#[derive(Default)]
struct CancelState {
    cancelled: std::sync::atomic::AtomicBool,
    running: Mutex<Vec<Weak<AtomicU8>>>,
}

impl CancelHandle {
    /// A handle that cancels nothing yet.
    pub fn new() -> CancelHandle {
        CancelHandle::default()
    }

    /// Cancels every evaluation running with this handle, and later ones until reset.
    pub fn cancel(&self) {
        self.inner.cancelled.store(true, Ordering::SeqCst);
        let running = self.inner.running.lock().unwrap_or_else(|e| e.into_inner());
        for flag in running.iter().filter_map(Weak::upgrade) {
            let _ = flag.compare_exchange(
                vm::RUNNING,
                vm::CANCELLED,
                Ordering::SeqCst,
                Ordering::SeqCst,
            );
        }
    }

    /// Lets new evaluations run again.
    pub fn reset(&self) {
        self.inner.cancelled.store(false, Ordering::SeqCst);
    }

    /// Whether [`CancelHandle::cancel`] was called (and not reset).
    pub fn is_cancelled(&self) -> bool {
        self.inner.cancelled.load(Ordering::SeqCst)
    }

    fn register(&self, flag: &Arc<AtomicU8>) {
        let mut running = self.inner.running.lock().unwrap_or_else(|e| e.into_inner());
        running.retain(|w| w.strong_count() > 0);
        running.push(Arc::downgrade(flag));
        if self.is_cancelled() {
            flag.store(vm::CANCELLED, Ordering::SeqCst);
        }
    }
}

/// The settings of an [`Engine`]; every field has the §13 default.
#[derive(Clone)]
pub struct EngineBuilder {
    settings: Settings,
    hosts: HashMap<String, HostFn>,
    sink: Option<Arc<dyn OutputSink>>,
    cancel: CancelHandle,
}

impl EngineBuilder {
    /// Fuel units: one per call and per loop iteration (default 10,000,000; 0 = unlimited).
    pub fn fuel(mut self, units: u64) -> Self {
        self.settings.fuel = units;
        self
    }

    /// Maximum active calls, `main` included (default 1000; 0 = unlimited).
    pub fn max_call_depth(mut self, depth: u64) -> Self {
        self.settings.max_call_depth = depth;
        self
    }

    /// Limit of the live-heap estimate in bytes (default 512 MiB; 0 = unlimited).
    pub fn max_memory(mut self, bytes: u64) -> Self {
        self.settings.max_memory = bytes;
        self
    }

    /// Wall-clock limit in milliseconds (default none; 0 = none).
    pub fn timeout_ms(mut self, ms: u64) -> Self {
        self.settings.timeout_ms = ms;
        self
    }

    /// The root budget of `r` in canonical units (default unlimited).
    pub fn budget(mut self, r: Resource, amount: f64) -> Self {
        self.settings.budgets[r.index()] = Some(amount);
        self
    }

    /// Energy charged per loop iteration in J (default 0.001; 0 disables).
    pub fn loop_energy(mut self, joules: f64) -> Self {
        self.settings.loop_energy = joules;
        self
    }

    /// The price book (§9.2).
    pub fn price_book(mut self, book: PriceBook) -> Self {
        self.settings.book = book;
        self
    }

    /// Carbon intensity in gCO2e/kWh (default 400).
    pub fn carbon_intensity(mut self, grams_per_kwh: f64) -> Self {
        self.settings.carbon_intensity = grams_per_kwh;
        self
    }

    /// The host fact `gpu_available()` (default false).
    pub fn gpu_available(mut self, yes: bool) -> Self {
        self.settings.gpu_available = yes;
        self
    }

    /// The host fact `cpu_cores()` (default 1).
    pub fn cpu_cores(mut self, n: i64) -> Self {
        self.settings.cpu_cores = n;
        self
    }

    /// Grants the `fs` capability (`read_file`, `write_file`, `file_exists`).
    pub fn allow_fs(mut self, yes: bool) -> Self {
        self.settings.fs = yes;
        self
    }

    /// Grants the `clock` capability (`time_now_ms`).
    pub fn allow_clock(mut self, yes: bool) -> Self {
        self.settings.clock = yes;
        self
    }

    /// Sends `print` output to `sink` instead of capturing it in [`Outcome::output`]. Output
    /// is delivered in order, in chunks of up to 8 KiB as it accumulates, and in full before
    /// the evaluation returns (also when it fails).
    pub fn output(mut self, sink: Arc<dyn OutputSink>) -> Self {
        self.sink = Some(sink);
        self
    }

    /// Provides host function `name` (declared to the compiler with
    /// [`crate::CompileOptions::host_function`]; see [`crate::host`]).
    pub fn host_function(mut self, name: impl Into<String>, f: HostFn) -> Self {
        self.hosts.insert(name.into(), f);
        self
    }

    /// Uses `handle` to cancel this engine's evaluations.
    pub fn cancel_handle(mut self, handle: CancelHandle) -> Self {
        self.cancel = handle;
        self
    }

    /// Checks the settings and builds the engine.
    pub fn build(self) -> Result<Engine, String> {
        let s = &self.settings;
        for (r, b) in Resource::ALL.iter().zip(s.budgets) {
            if let Some(b) = b {
                if b.is_nan() || b < 0.0 {
                    return Err(format!(
                        "budget for {}: must be a non-negative amount",
                        r.name()
                    ));
                }
            }
        }
        if !s.loop_energy.is_finite() || s.loop_energy < 0.0 {
            return Err("loop_energy: must be a non-negative amount".into());
        }
        if !s.carbon_intensity.is_finite() || s.carbon_intensity < 0.0 {
            return Err("carbon_intensity: must be a non-negative number".into());
        }
        s.book.validate()?;
        Ok(Engine {
            settings: self.settings,
            hosts: self.hosts,
            sink: self.sink,
            cancel: self.cancel,
        })
    }
}

/// An evaluation context: limits, budgets, prices, host facts, capabilities, output.
#[derive(Clone)]
pub struct Engine {
    settings: Settings,
    hosts: HashMap<String, HostFn>,
    sink: Option<Arc<dyn OutputSink>>,
    cancel: CancelHandle,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

/// One adaptive selection (§13: function, solution, cost).
#[derive(Clone, Debug, PartialEq)]
pub struct Selection {
    /// The adaptive function.
    pub function: Arc<str>,
    /// The selected solution.
    pub solution: Arc<str>,
    /// Its cost (§8.4).
    pub cost: f64,
}

/// What a successful evaluation reports (§13).
#[derive(Clone, Debug)]
pub struct Outcome {
    /// The entry function's return value.
    pub value: Value,
    /// Its display form D (§6.8).
    pub value_text: String,
    /// Output captured (empty when a sink was configured).
    pub output: String,
    /// Root usage per resource, canonical units.
    pub usage: PerResource<f64>,
    /// Adaptive selections in order.
    pub selections: Vec<Selection>,
    /// Market prices of the root scopes at the end (§9.3).
    pub prices: PerResource<f64>,
    /// Fuel units consumed.
    pub fuel_used: u64,
}

impl Outcome {
    /// The report of `eclexia run --json`, shared by the C ABI and the sidecar:
    /// `{"ok": true, "value", "output", "usage", "selections": [{"function", "solution",
    /// "cost"}], "prices", "fuel_used"}` (value as its display form, amounts in canonical
    /// units).
    ///
    /// ```
    /// use eclexia_core::{compile, CompileOptions, Engine};
    /// let p = compile("fn main() -> Int { 6 * 7 }", &CompileOptions::new("x.ecl")).unwrap();
    /// let json = Engine::new().evaluate(&p, "main", &[]).unwrap().to_json();
    /// assert_eq!(json["value"], "42");
    /// assert_eq!(json["ok"], true);
    /// ```
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "ok": true,
            "value": self.value_text,
            "output": self.output,
            "usage": self.usage,
            "selections": self.selections.iter().map(|s| serde_json::json!({
                "function": s.function, "solution": s.solution, "cost": s.cost
            })).collect::<Vec<_>>(),
            "prices": self.prices,
            "fuel_used": self.fuel_used,
        })
    }
}

/// A call in a run-time error's trace.
#[derive(Clone, Debug, PartialEq)]
pub struct TraceFrame {
    /// The function (`<closure>` for closures).
    pub function: String,
    /// Where it was called: line (1-based), 0 for the entry call.
    pub line: u32,
    /// Column (1-based), 0 for the entry call.
    pub column: u32,
}

/// A run-time error (§12): kind, code, message, location and call trace. Output printed
/// before it is in [`RuntimeError::output`] (when captured).
#[derive(Clone, Debug)]
pub struct RuntimeError {
    diagnostic: Diagnostics,
    /// Active calls, innermost first.
    pub trace: Vec<TraceFrame>,
    /// Output captured before the error.
    pub output: String,
}

impl RuntimeError {
    fn first(&self) -> &crate::diagnostic::Diagnostic {
        self.diagnostic
            .iter()
            .next()
            .expect("a runtime error holds one diagnostic")
    }

    /// The error's kind.
    pub fn kind(&self) -> ErrorKind {
        self.first().kind()
    }

    /// The §12.1 code.
    pub fn code(&self) -> ErrorCode {
        self.first().code
    }

    /// The §12.1 message.
    pub fn message(&self) -> &str {
        &self.first().message
    }

    /// Line and column (1-based) of the location (§12.2).
    pub fn position(&self) -> (u32, u32) {
        let p = self.first().position;
        (p.line, p.column)
    }

    /// The exit code of `eclexia run` for this error (§12.4).
    pub fn exit_code(&self) -> i32 {
        self.kind().exit_code()
    }

    /// The two fixed lines of §12.3: header and `  --> file:line:col`.
    pub fn headers(&self) -> String {
        self.diagnostic.headers()
    }

    /// The full report: header, location, snippet and the call trace as notes.
    pub fn render(&self, color: bool) -> String {
        let mut out = self.diagnostic.render(color);
        for t in &self.trace {
            if t.line == 0 {
                out.push_str(&format!("  = note: in '{}'\n", t.function));
            } else {
                out.push_str(&format!(
                    "  = note: in '{}', called at {}:{}:{}\n",
                    t.function,
                    self.diagnostic.file(),
                    t.line,
                    t.column
                ));
            }
        }
        out
    }

    /// `{"code","kind","message","file","line","column","trace":[…]}`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut d = self
            .diagnostic
            .to_json()
            .as_array()
            .and_then(|a| a.first().cloned())
            .unwrap_or_default();
        if let Some(obj) = d.as_object_mut() {
            obj.remove("help");
            obj.insert(
                "trace".into(),
                self.trace
                    .iter()
                    .map(|t| {
                        serde_json::json!({"function": t.function, "line": t.line, "column": t.column})
                    })
                    .collect(),
            );
        }
        d
    }
}

impl std::fmt::Display for RuntimeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.headers())
    }
}

impl std::error::Error for RuntimeError {}

/// Output routing inside one evaluation.
enum Out {
    Capture(String),
    Forward(Arc<dyn OutputSink>),
}

impl Sink for Out {
    fn write(&mut self, text: &str) -> std::io::Result<()> {
        match self {
            Out::Capture(s) => {
                s.push_str(text);
                Ok(())
            }
            Out::Forward(sink) => sink.write(text),
        }
    }
}

impl Engine {
    /// An engine with every §13 default.
    pub fn new() -> Engine {
        Engine::builder()
            .build()
            .expect("the defaults are valid settings")
    }

    /// A builder starting from the §13 defaults.
    pub fn builder() -> EngineBuilder {
        EngineBuilder {
            settings: Settings {
                fuel: defaults::FUEL,
                max_call_depth: defaults::MAX_CALL_DEPTH,
                max_memory: defaults::MAX_MEMORY,
                timeout_ms: defaults::TIMEOUT_MS,
                budgets: [None; 6],
                loop_energy: defaults::LOOP_ENERGY,
                book: PriceBook::default(),
                carbon_intensity: defaults::CARBON_INTENSITY,
                gpu_available: false,
                cpu_cores: defaults::CPU_CORES,
                fs: false,
                clock: false,
            },
            hosts: HashMap::new(),
            sink: None,
            cancel: CancelHandle::new(),
        }
    }

    /// The handle that cancels this engine's evaluations.
    pub fn cancel_handle(&self) -> CancelHandle {
        self.cancel.clone()
    }

    /// Evaluates the constants, then calls `entry` with `args` through the call
    /// procedure of §7.4. A program without `main` evaluated at `main` runs nothing
    /// (§6.7). An unknown entry or arguments that do not fit its parameters are
    /// `RuntimeError` E0599.
    pub fn evaluate(
        &self,
        program: &Program,
        entry: &str,
        args: &[Value],
    ) -> Result<Outcome, RuntimeError> {
        let code = program.code();
        let fid = program.checked().entry_points.get(entry).copied();
        let Some(fid) = fid else {
            if entry == "main" {
                return Ok(self.empty_outcome());
            }
            return Err(self.host_error(program, format!("no function '{entry}'"), String::new()));
        };
        let info = &program.checked().fns[fid.0 as usize];
        if info.params.len() != args.len() {
            return Err(self.host_error(
                program,
                format!(
                    "'{entry}' expects {} argument(s), found {}",
                    info.params.len(),
                    args.len()
                ),
                String::new(),
            ));
        }
        for (i, (p, a)) in info.params.iter().zip(args).enumerate() {
            if !fits(p, a) {
                return Err(self.host_error(
                    program,
                    format!(
                        "argument {} of '{entry}' must be {}, found {}",
                        i + 1,
                        crate::check::types::display(p, &|_| "struct".into(), &|_| "T".into()),
                        a.type_name()
                    ),
                    String::new(),
                ));
            }
        }
        let _mem = mem::Scope::begin();
        let interrupt = Arc::new(AtomicU8::new(vm::RUNNING));
        self.cancel.register(&interrupt);
        let _watchdog = Watchdog::start(self.settings.timeout_ms, &interrupt);
        let mut out = match &self.sink {
            Some(s) => Out::Forward(s.clone()),
            None => Out::Capture(String::new()),
        };
        let result = {
            let hosts = code
                .hosts
                .iter()
                .map(|h| self.hosts.get(&h.name).cloned())
                .collect();
            let mut machine = Vm::new(code, self.settings.clone(), interrupt, &mut out, hosts);
            let start = crate::span::Span::new(0, 0);
            let r = machine.init().and_then(|()| {
                let vals: Vec<Val> = args.iter().map(to_val).collect();
                machine.call_fn(fid.0, vals, start)
            });
            let flushed = machine.flush(start);
            let r = match (r, flushed) {
                (Ok(v), Ok(())) => Ok(v),
                (Err(t), _) | (Ok(_), Err(t)) => Err(t),
            };
            let r = r.map(|v| {
                let text = v.display(code);
                let value = crate::vm::host::to_value(&v, code);
                let usage = machine.meter.root_usage();
                let prices = Resource::ALL.map(|r| machine.shadow_price(r));
                let selections = machine
                    .picks
                    .iter()
                    .map(|(plan, s, cost)| {
                        let p = &code.plans[*plan as usize].0;
                        Selection {
                            function: p.function_name().clone(),
                            solution: p.solution_name(*s as usize).clone(),
                            cost: *cost,
                        }
                    })
                    .collect();
                let fuel_used = machine.fuel_used();
                (value, text, usage, prices, selections, fuel_used)
            });
            machine.clear();
            r
        };
        let output = match out {
            Out::Capture(s) => s,
            Out::Forward(_) => String::new(),
        };
        match result {
            Ok((value, value_text, usage, prices, selections, fuel_used)) => Ok(Outcome {
                value,
                value_text,
                output,
                usage: PerResource::from_array(usage),
                selections,
                prices: PerResource::from_array(prices),
                fuel_used,
            }),
            Err(trap) => Err(self.runtime_error(program, trap, output)),
        }
    }

    fn empty_outcome(&self) -> Outcome {
        Outcome {
            value: Value::Unit,
            value_text: "()".into(),
            output: String::new(),
            usage: PerResource::from_array([0.0; 6]),
            selections: Vec::new(),
            prices: PerResource::from_array(self.settings.book.base),
            fuel_used: 0,
        }
    }

    fn host_error(&self, program: &Program, message: String, output: String) -> RuntimeError {
        let raw = RawDiagnostic::new(ErrorCode::E0599, crate::span::Span::new(0, 0), message);
        RuntimeError {
            diagnostic: Diagnostics::new(program.file_name(), program.source(), vec![raw]),
            trace: Vec::new(),
            output,
        }
    }

    fn runtime_error(&self, program: &Program, trap: Trap, output: String) -> RuntimeError {
        let source = program.source();
        // An error inside the standard library is reported at the user's call into it.
        let user_len = program.user_len() as u32;
        let mut span = trap.span;
        let mut raw_help = None;
        if span.lo > user_len {
            if let Some((_, site)) = trap
                .trace
                .iter()
                .find(|(_, s)| s.lo <= user_len && !(s.lo == 0 && s.hi == 0))
            {
                span = *site;
                raw_help = Some("raised inside the standard library (std)".to_string());
            }
        }
        let mut raw = RawDiagnostic::new(trap.code, span, trap.message);
        if let Some(h) = raw_help {
            raw = raw.with_help(h);
        }
        let index = LineIndex::new(source);
        let offsets: Vec<u32> = trap.trace.iter().map(|(_, s)| s.lo).collect();
        let positions = index.positions(source, &offsets);
        let trace = trap
            .trace
            .iter()
            .zip(positions)
            .map(|((name, span), p)| {
                let entry = span.lo == 0 && span.hi == 0;
                TraceFrame {
                    function: name.to_string(),
                    line: if entry { 0 } else { p.line },
                    column: if entry { 0 } else { p.column },
                }
            })
            .collect();
        RuntimeError {
            diagnostic: Diagnostics::new(program.file_name(), source, vec![raw]),
            trace,
            output,
        }
    }
}

/// Sets the timeout flag when the deadline passes; stops when dropped.
struct Watchdog {
    stop: Option<mpsc::Sender<()>>,
}

impl Watchdog {
    fn start(timeout_ms: u64, flag: &Arc<AtomicU8>) -> Watchdog {
        if timeout_ms == 0 {
            return Watchdog { stop: None };
        }
        let (tx, rx) = mpsc::channel::<()>();
        let flag = Arc::downgrade(flag);
        let spawned = std::thread::Builder::new()
            .name("eclexia-timeout".into())
            .spawn(move || {
                if let Err(mpsc::RecvTimeoutError::Timeout) =
                    rx.recv_timeout(Duration::from_millis(timeout_ms))
                {
                    if let Some(f) = flag.upgrade() {
                        let _ = f.compare_exchange(
                            vm::RUNNING,
                            vm::TIMED_OUT,
                            Ordering::SeqCst,
                            Ordering::SeqCst,
                        );
                    }
                }
            });
        Watchdog {
            stop: spawned.ok().map(|_| tx),
        }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        if let Some(tx) = self.stop.take() {
            let _ = tx.send(());
        }
    }
}

/// Whether host value `v` can be passed where the program expects type `t`.
fn fits(t: &crate::check::types::Ty, v: &Value) -> bool {
    use crate::check::types::Ty;
    match (t, v) {
        (Ty::Int, Value::Int(_))
        | (Ty::Float, Value::Float(_))
        | (Ty::Bool, Value::Bool(_))
        | (Ty::Str, Value::Str(_))
        | (Ty::Char, Value::Char(_))
        | (Ty::Unit, Value::Unit)
        | (Ty::Range, Value::Range(..))
        | (Ty::Param(_) | Ty::Var(_), _) => true,
        (Ty::Resource(d), Value::Quantity(_, e)) => d == e,
        (Ty::Array(e), Value::Array(xs)) => xs.iter().all(|x| fits(e, x)),
        (Ty::Tuple(ts), Value::Tuple(xs)) => {
            ts.len() == xs.len() && ts.iter().zip(xs).all(|(t, x)| fits(t, x))
        }
        (Ty::Map(k, w), Value::Map(xs)) => xs.iter().all(|(a, b)| fits(k, a) && fits(w, b)),
        _ => false,
    }
}
