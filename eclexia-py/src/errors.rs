//! The exception hierarchy of the module and the translation of core errors into it.
//!
//! ```text
//! EclexiaError
//! ├── CompileError          parse, name, type and dimension errors (E01xx–E04xx)
//! ├── RuntimeError          run-time errors (E05xx)
//! ├── ResourceViolation     budget exceeded / zero budget (E0601, E0602)
//! │   └── NoFeasibleSolution  (E0603)
//! └── LimitExceeded         depth, fuel, memory, timeout, cancel (E07xx)
//! ```
//!
//! Every exception raised by the module carries `code` (`"E0501"`), `kind`
//! (`"DivisionByZero"`), `message`, `file`, `line`, `column` and `rendered` (the full
//! report with its snippet); `str(e)` is the fixed header lines of LANGUAGE §12.3.
//! Run-time errors add `trace` and `output`; compile errors add `diagnostics`.

use eclexia_core::{Diagnostics, ErrorKind};
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::PyList;

use crate::convert::json_to_py;

pyo3::create_exception!(
    eclexia,
    EclexiaError,
    PyException,
    "Base class of every error the Eclexia SDK reports."
);
pyo3::create_exception!(
    eclexia,
    CompileError,
    EclexiaError,
    "The source does not compile; `diagnostics` lists every problem found."
);
pyo3::create_exception!(
    eclexia,
    RuntimeError,
    EclexiaError,
    "A run-time error of the program (E05xx)."
);
pyo3::create_exception!(
    eclexia,
    ResourceViolation,
    EclexiaError,
    "A resource budget was exceeded (E0601) or is zero (E0602)."
);
pyo3::create_exception!(
    eclexia,
    NoFeasibleSolution,
    ResourceViolation,
    "No solution of an adaptive function is feasible (E0603)."
);
pyo3::create_exception!(
    eclexia,
    LimitExceeded,
    EclexiaError,
    "An evaluation limit was reached: call depth, fuel, memory, time, or it was cancelled (E07xx)."
);

/// Adds the exception classes to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("EclexiaError", py.get_type::<EclexiaError>())?;
    m.add("CompileError", py.get_type::<CompileError>())?;
    m.add("RuntimeError", py.get_type::<RuntimeError>())?;
    m.add("ResourceViolation", py.get_type::<ResourceViolation>())?;
    m.add("NoFeasibleSolution", py.get_type::<NoFeasibleSolution>())?;
    m.add("LimitExceeded", py.get_type::<LimitExceeded>())?;
    Ok(())
}

/// Sets the attributes common to every diagnostic-based error from the first
/// diagnostic's JSON form.
fn set_common(
    py: Python<'_>,
    err: &PyErr,
    first: &serde_json::Value,
    rendered: &str,
) -> PyResult<()> {
    let value = err.value(py);
    for key in ["code", "kind", "message", "file", "line", "column"] {
        let v = first.get(key).unwrap_or(&serde_json::Value::Null);
        value.setattr(key, json_to_py(py, v)?)?;
    }
    value.setattr("rendered", rendered)?;
    Ok(())
}

/// A compile failure as `CompileError`: the message holds every header line.
pub fn compile_error(py: Python<'_>, diags: &Diagnostics) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let err = CompileError::new_err(diags.headers().trim_end().to_string());
        let json = diags.to_json();
        let first = json
            .as_array()
            .and_then(|a| a.first())
            .cloned()
            .unwrap_or_default();
        set_common(py, &err, &first, &diags.render(false))?;
        err.value(py)
            .setattr("diagnostics", json_to_py(py, &json)?)?;
        Ok(err)
    };
    build().unwrap_or_else(|e| e)
}

/// A run-time error as the exception class of its kind.
pub fn runtime_error(py: Python<'_>, e: &eclexia_core::RuntimeError) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let message = e.headers().trim_end().to_string();
        let err = match e.kind() {
            ErrorKind::ResourceViolation => ResourceViolation::new_err(message),
            ErrorKind::NoFeasibleSolution => NoFeasibleSolution::new_err(message),
            ErrorKind::StackOverflow
            | ErrorKind::OutOfFuel
            | ErrorKind::MemoryLimit
            | ErrorKind::Timeout
            | ErrorKind::Cancelled => LimitExceeded::new_err(message),
            _ => RuntimeError::new_err(message),
        };
        let json = e.to_json();
        set_common(py, &err, &json, &e.render(false))?;
        let value = err.value(py);
        let trace = match json.get("trace") {
            Some(t) => json_to_py(py, t)?,
            None => PyList::empty(py).into_any(),
        };
        value.setattr("trace", trace)?;
        value.setattr("output", &e.output)?;
        value.setattr("exit_code", e.exit_code())?;
        Ok(err)
    };
    build().unwrap_or_else(|e| e)
}

/// A diagnostic-less error of the module (bad configuration and the like) is a plain
/// `ValueError`; this helper keeps the messages uniform.
pub fn value_error(message: impl Into<String>) -> PyErr {
    pyo3::exceptions::PyValueError::new_err(message.into())
}
