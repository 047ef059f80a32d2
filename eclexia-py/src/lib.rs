//! # eclexia-py
//!
//! The Python module `eclexia`: a thin translation of `eclexia-core` (ARCHITECTURE §11).
//! Built by maturin (`pip install ./eclexia-py`); tested with pytest and checked against its
//! stubs (`eclexia.pyi`) by `scripts/test-py.sh`.
//!
//! ```python
//! import eclexia
//! program = eclexia.compile('fn answer() -> Int { println("hi"); 42 }')
//! outcome = eclexia.Engine(budgets={"energy": "100J"}).evaluate(program, "answer")
//! assert outcome.value == 42 and outcome.output == "hi\n"
//! ```

use eclexia_core::CompileOptions;
use pyo3::prelude::*;

mod convert;
mod engine;
mod errors;
mod market;

/// Compiles Eclexia source into a `Program`; raises `CompileError` listing every
/// diagnostic.
#[pyfunction]
#[pyo3(signature = (source, filename = "<string>"))]
fn compile(py: Python<'_>, source: &str, filename: &str) -> PyResult<engine::Program> {
    let opts = CompileOptions::new(filename);
    let source = source.to_string();
    match py.detach(move || eclexia_core::compile(&source, &opts)) {
        Ok(p) => Ok(engine::Program { inner: p }),
        Err(d) => Err(errors::compile_error(py, &d)),
    }
}

/// The host `price` operation (LANGUAGE §9.7): a request dict (or JSON text) in, the
/// response dict out. An invalid request raises `ValueError` naming the field.
#[pyfunction]
fn price<'py>(py: Python<'py>, request: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let req = market::request_of(request)?;
    let quote = eclexia_core::price(&req).map_err(|e| errors::value_error(e.to_string()))?;
    let text = serde_json::to_string(&quote).map_err(|e| errors::value_error(e.to_string()))?;
    convert::json_text_to_py(py, &text)
}

/// The module `eclexia`.
#[pymodule]
#[pyo3(name = "eclexia")]
fn eclexia_py(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", eclexia_core::VERSION)?;
    m.add_function(wrap_pyfunction!(compile, m)?)?;
    m.add_function(wrap_pyfunction!(price, m)?)?;
    m.add_class::<engine::Program>()?;
    m.add_class::<engine::Engine>()?;
    m.add_class::<engine::Outcome>()?;
    m.add_class::<engine::Selection>()?;
    m.add_class::<market::Market>()?;
    m.add_class::<convert::Quantity>()?;
    m.add_class::<convert::Struct>()?;
    m.add_class::<convert::Variant>()?;
    errors::register(m)?;
    Ok(())
}
