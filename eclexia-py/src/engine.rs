//! `Program`, `Engine`, `Outcome` and `Selection`.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::Duration;

use eclexia_core::price::Resource;
use eclexia_core::{CancelHandle, EngineBuilder, OutputSink, Value};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple};

use crate::convert::{amount, py_to_value, resource, value_to_py};
use crate::errors::{runtime_error, value_error};

/// A checked program: immutable, shareable between threads and engines.
#[pyclass(module = "eclexia", frozen)]
pub struct Program {
    pub(crate) inner: eclexia_core::Program,
}

#[pymethods]
impl Program {
    /// Whether a top-level function (plain or adaptive) of this name exists.
    fn has_function(&self, name: &str) -> bool {
        self.inner.has_function(name)
    }

    /// The number of parameters of top-level function `name`, or `None`.
    fn function_arity(&self, name: &str) -> Option<usize> {
        self.inner.function_arity(name)
    }

    /// The file name given to `compile`.
    #[getter]
    fn filename(&self) -> &str {
        self.inner.file_name()
    }

    /// The source text.
    #[getter]
    fn source(&self) -> &str {
        self.inner.source()
    }

    fn __repr__(&self) -> String {
        format!("<eclexia.Program {:?}>", self.inner.file_name())
    }
}

/// One adaptive selection: function, solution and cost (LANGUAGE §13). Unpacks like a
/// tuple: `function, solution, cost = selection`.
#[pyclass(module = "eclexia", frozen, eq)]
#[derive(Clone, PartialEq)]
pub struct Selection {
    /// The adaptive function.
    #[pyo3(get)]
    function: String,
    /// The selected solution.
    #[pyo3(get)]
    solution: String,
    /// Its cost (§8.4).
    #[pyo3(get)]
    cost: f64,
}

#[pymethods]
impl Selection {
    #[new]
    fn py_new(function: String, solution: String, cost: f64) -> Selection {
        Selection {
            function,
            solution,
            cost,
        }
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let t = PyTuple::new(
            py,
            [
                PyString::new(py, &self.function).into_any(),
                PyString::new(py, &self.solution).into_any(),
                pyo3::types::PyFloat::new(py, self.cost).into_any(),
            ],
        )?;
        t.try_iter().map(|i| i.into_any())
    }

    fn __len__(&self) -> usize {
        3
    }

    fn __repr__(&self) -> String {
        format!(
            "Selection(function={:?}, solution={:?}, cost={})",
            self.function,
            self.solution,
            eclexia_core::units::format_float(self.cost)
        )
    }
}

/// What a successful evaluation reports.
#[pyclass(module = "eclexia", frozen)]
pub struct Outcome {
    /// The entry function's return value, converted to Python.
    #[pyo3(get)]
    value: Py<PyAny>,
    /// The value's display form (what `println` would print).
    #[pyo3(get)]
    value_text: String,
    /// Output captured from `print`/`println` (empty when an `output` callback was set).
    #[pyo3(get)]
    output: String,
    /// Root usage per resource in canonical units (J, s, gCO2e, B, B, CU).
    #[pyo3(get)]
    usage: Py<PyDict>,
    /// Adaptive selections in order.
    #[pyo3(get)]
    selections: Py<PyList>,
    /// Market prices of the root scopes at the end (§9.3).
    #[pyo3(get)]
    prices: Py<PyDict>,
    /// Fuel units consumed.
    #[pyo3(get)]
    fuel_used: u64,
}

#[pymethods]
impl Outcome {
    fn __repr__(&self) -> String {
        format!(
            "<eclexia.Outcome value={} fuel_used={}>",
            self.value_text, self.fuel_used
        )
    }
}

/// Usage or prices per resource as a dict `{"energy": …, …}`.
pub fn per_resource<'py>(py: Python<'py>, values: [f64; 6]) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    for r in Resource::ALL {
        d.set_item(r.name(), values[r.index()])?;
    }
    Ok(d)
}

impl Outcome {
    fn from_core(py: Python<'_>, o: eclexia_core::Outcome) -> PyResult<Outcome> {
        let selections = o
            .selections
            .iter()
            .map(|s| {
                Bound::new(
                    py,
                    Selection {
                        function: s.function.to_string(),
                        solution: s.solution.to_string(),
                        cost: s.cost,
                    },
                )
            })
            .collect::<PyResult<Vec<_>>>()?;
        Ok(Outcome {
            value: value_to_py(py, &o.value)?.unbind(),
            value_text: o.value_text,
            output: o.output,
            usage: per_resource(py, o.usage.to_array())?.unbind(),
            selections: PyList::new(py, selections)?.unbind(),
            prices: per_resource(py, o.prices.to_array())?.unbind(),
            fuel_used: o.fuel_used,
        })
    }

    /// The root usage, for `Market.record_usage(outcome)`.
    pub fn usage_array(&self, py: Python<'_>) -> PyResult<[f64; 6]> {
        let d = self.usage.bind(py);
        let mut out = [0.0; 6];
        for r in Resource::ALL {
            if let Some(v) = d.get_item(r.name())? {
                out[r.index()] = v.extract()?;
            }
        }
        Ok(out)
    }
}

/// Forwards `print` output to a Python callable.
struct PySink(Py<PyAny>);

impl OutputSink for PySink {
    fn write(&self, text: &str) -> std::io::Result<()> {
        Python::attach(|py| {
            self.0
                .call1(py, (text,))
                .map(|_| ())
                .map_err(|e| std::io::Error::other(format!("output callback failed: {e}")))
        })
    }
}

/// Evaluations running on an engine, so that `Engine.cancel` reaches every one of them.
#[derive(Default)]
struct Running {
    /// Sticky: set by `cancel`, cleared by `reset`.
    cancelled: AtomicBool,
    next: AtomicU64,
    handles: Mutex<Vec<(u64, CancelHandle)>>,
}

impl Running {
    fn register(&self, h: &CancelHandle) -> u64 {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        self.handles
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push((id, h.clone()));
        if self.cancelled.load(Ordering::SeqCst) {
            h.cancel();
        }
        id
    }

    fn unregister(&self, id: u64) {
        self.handles
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .retain(|(i, _)| *i != id);
    }

    fn cancel(&self) {
        self.cancelled.store(true, Ordering::SeqCst);
        for (_, h) in self
            .handles
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
        {
            h.cancel();
        }
    }
}

struct Registration<'a> {
    running: &'a Running,
    id: u64,
}

impl Drop for Registration<'_> {
    fn drop(&mut self) {
        self.running.unregister(self.id);
    }
}

/// An evaluation context: limits, budgets, loop energy, carbon intensity, host facts and
/// capabilities (LANGUAGE §13). Thread-safe: any number of threads may evaluate with one
/// engine at once; the GIL is released while a program runs.
#[pyclass(module = "eclexia", frozen)]
pub struct Engine {
    builder: EngineBuilder,
    running: Arc<Running>,
}

fn facts(mut b: EngineBuilder, facts: &Bound<'_, PyDict>) -> PyResult<EngineBuilder> {
    for (k, v) in facts.iter() {
        let key: String = k.extract()?;
        b = match key.as_str() {
            "gpu_available" => b.gpu_available(v.extract::<bool>()?),
            "cpu_cores" => {
                if v.is_instance_of::<pyo3::types::PyBool>() {
                    return Err(PyTypeError::new_err("facts['cpu_cores'] must be an int"));
                }
                b.cpu_cores(v.extract::<i64>()?)
            }
            other => {
                return Err(value_error(format!(
                    "unknown host fact '{other}' (expected gpu_available or cpu_cores)"
                )));
            }
        };
    }
    Ok(b)
}

#[pymethods]
impl Engine {
    /// Every argument has the default of LANGUAGE §13; 0 means unlimited for the four
    /// limits. `budgets` maps resource names to amounts (`"100J"`, a number in canonical
    /// units, or a `Quantity`); `facts` sets `gpu_available` and `cpu_cores`; `output`, a
    /// callable, receives `print` output as it is produced instead of `Outcome.output`.
    #[new]
    #[pyo3(signature = (
        *,
        fuel = 10_000_000,
        max_call_depth = 1000,
        max_memory = 536_870_912,
        timeout_ms = 0,
        budgets = None,
        loop_energy = None,
        carbon_intensity = 400.0,
        facts = None,
        allow_fs = false,
        allow_clock = false,
        output = None,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn py_new(
        fuel: u64,
        max_call_depth: u64,
        max_memory: u64,
        timeout_ms: u64,
        budgets: Option<Bound<'_, PyDict>>,
        loop_energy: Option<Bound<'_, PyAny>>,
        carbon_intensity: f64,
        facts: Option<Bound<'_, PyDict>>,
        allow_fs: bool,
        allow_clock: bool,
        output: Option<Bound<'_, PyAny>>,
    ) -> PyResult<Engine> {
        let mut b = eclexia_core::Engine::builder()
            .fuel(fuel)
            .max_call_depth(max_call_depth)
            .max_memory(max_memory)
            .timeout_ms(timeout_ms)
            .carbon_intensity(carbon_intensity)
            .allow_fs(allow_fs)
            .allow_clock(allow_clock);
        if let Some(budgets) = budgets {
            for (k, v) in budgets.iter() {
                let name: String = k.extract()?;
                let r = resource(&name)?;
                b = b.budget(r, amount(r, &v, &format!("budgets['{name}']"))?);
            }
        }
        if let Some(e) = loop_energy {
            b = b.loop_energy(amount(Resource::Energy, &e, "loop_energy")?);
        }
        if let Some(f) = facts {
            b = self::facts(b, &f)?;
        }
        if let Some(out) = output {
            if !out.is_callable() {
                return Err(PyTypeError::new_err("output must be callable"));
            }
            b = b.output(Arc::new(PySink(out.unbind())));
        }
        // Validate once here; every evaluation builds its own engine with its own cancel
        // handle from the same settings.
        b.clone().build().map_err(value_error)?;
        Ok(Engine {
            builder: b,
            running: Arc::new(Running::default()),
        })
    }

    /// Evaluates `entry` of `program` with `args`. Raises `RuntimeError`,
    /// `ResourceViolation`, `NoFeasibleSolution` or `LimitExceeded` on failure. On the main
    /// thread, Ctrl-C (KeyboardInterrupt) cancels the evaluation.
    #[pyo3(signature = (program, entry = "main", args = None))]
    fn evaluate(
        &self,
        py: Python<'_>,
        program: &Program,
        entry: &str,
        args: Option<Bound<'_, PyAny>>,
    ) -> PyResult<Outcome> {
        let args: Vec<Value> = match args {
            None => Vec::new(),
            Some(a) => {
                if a.is_instance_of::<PyString>() || a.is_instance_of::<PyDict>() {
                    return Err(PyTypeError::new_err(
                        "args must be a list or tuple of values",
                    ));
                }
                a.try_iter()?
                    .map(|x| py_to_value(&x?))
                    .collect::<PyResult<_>>()?
            }
        };
        let handle = CancelHandle::new();
        let engine = self
            .builder
            .clone()
            .cancel_handle(handle.clone())
            .build()
            .map_err(value_error)?;
        let _registration = Registration {
            running: &self.running,
            id: self.running.register(&handle),
        };
        let program = program.inner.clone();
        let entry = entry.to_string();
        let run = move || engine.evaluate(&program, &entry, &args);
        let result = if on_main_thread(py)? {
            interruptible(py, &handle, run)?
        } else {
            py.detach(run)
        };
        match result {
            Ok(o) => Outcome::from_core(py, o),
            Err(e) => Err(runtime_error(py, &e)),
        }
    }

    /// Cancels every evaluation running on this engine, from any thread; they end with
    /// `LimitExceeded` (E0705). Sticky: later evaluations are cancelled too until `reset`.
    fn cancel(&self) {
        self.running.cancel();
    }

    /// Lets new evaluations run again after `cancel`.
    fn reset(&self) {
        self.running.cancelled.store(false, Ordering::SeqCst);
    }

    /// Whether `cancel` was called (and not reset).
    #[getter]
    fn cancelled(&self) -> bool {
        self.running.cancelled.load(Ordering::SeqCst)
    }
}

fn on_main_thread(py: Python<'_>) -> PyResult<bool> {
    let threading = py.import("threading")?;
    let main = threading.call_method0("main_thread")?;
    let current = threading.call_method0("current_thread")?;
    Ok(main.is(&current))
}

/// Runs `f` on a helper thread with the GIL released, checking for signals (Ctrl-C) every
/// 20 ms; a pending KeyboardInterrupt cancels the evaluation and is raised once it ended.
fn interruptible<T: Send>(
    py: Python<'_>,
    handle: &CancelHandle,
    f: impl FnOnce() -> T + Send,
) -> PyResult<T> {
    py.detach(|| {
        std::thread::scope(|s| {
            let (tx, rx) = mpsc::channel();
            s.spawn(move || {
                let _ = tx.send(f());
            });
            let mut interrupted: Option<PyErr> = None;
            loop {
                match rx.recv_timeout(Duration::from_millis(20)) {
                    Ok(v) => return interrupted.map_or(Ok(v), Err),
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        if interrupted.is_none() {
                            if let Err(e) = Python::attach(|py| py.check_signals()) {
                                handle.cancel();
                                interrupted = Some(e);
                            }
                        }
                    }
                    Err(mpsc::RecvTimeoutError::Disconnected) => {
                        return Err(pyo3::exceptions::PyRuntimeError::new_err(
                            "the evaluation thread ended without a result",
                        ));
                    }
                }
            }
        })
    })
}
