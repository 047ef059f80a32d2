//! Values between Python and Eclexia, JSON between Python and serde, and the small value
//! classes `Quantity`, `Struct` and `Variant`.
//!
//! | Eclexia              | Python                                   |
//! |----------------------|------------------------------------------|
//! | `()`                 | `None`                                   |
//! | `Bool`, `Int`, `Float`, `String` | `bool`, `int`, `float`, `str`  |
//! | `Char`               | `str` of length 1 (out only)             |
//! | dimensioned value    | `Quantity` (`.value` canonical, `.unit`) |
//! | array, tuple, map    | `list`, `tuple`, `dict` (insertion order) |
//! | `a..b`, `a..=b`      | `range` (step 1)                         |
//! | `Some(x)` / `None`   | `x` / `None` (out only)                  |
//! | struct               | `Struct` (out only)                      |
//! | other enum values (`Ok(x)`, `Err(e)`, user enums) | `Variant` (out only) |
//! | function, closure    | its display form, `"<fn f>"` (out only)  |
//! | `Echo`               | `Struct` named `Echo` (out only)         |

use eclexia_core::Value;
use eclexia_core::price::{Resource, parse_amount};
use eclexia_core::units::{self, Dim};
use pyo3::exceptions::{PyAttributeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};

/// Canonical unit names of the base dimensions (LANGUAGE §5.2), for composite units.
const BASE_UNITS: [&str; 6] = ["J", "s", "gCO2e", "B", "CU", "USD"];

/// A dimensioned amount: `value` in the canonical unit of its dimension, `unit` that
/// unit's name (`J`, `s`, `W`, `J*s`, `gCO2e*J^-1`).
#[pyclass(module = "eclexia", frozen, eq, hash)]
#[derive(Clone, Debug)]
pub struct Quantity {
    value: f64,
    dim: Dim,
}

impl PartialEq for Quantity {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value && self.dim == other.dim
    }
}

impl std::hash::Hash for Quantity {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // +0.0 and -0.0 are equal, so they must hash alike.
        let v = if self.value == 0.0 { 0.0 } else { self.value };
        v.to_bits().hash(state);
        self.dim.hash(state);
    }
}

impl Quantity {
    /// A quantity from a canonical magnitude and a dimension.
    pub fn new(value: f64, dim: Dim) -> Quantity {
        Quantity { value, dim }
    }
}

/// `value` written in `unit` as (canonical magnitude, dimension): a unit of the §2.6
/// table (`kJ`, `ms`, `GiB`, …) or a product of canonical base units with integer
/// exponents as `.unit` writes them (`J*s`, `gCO2e*J^-1`, `s^-1`).
fn resolve_unit(value: f64, unit: &str) -> Option<(f64, Dim)> {
    if let Some(u) = units::lookup_unit(unit) {
        return Some((u.to_canonical(value), u.dim));
    }
    let mut dim = Dim::NONE;
    for factor in unit.split('*') {
        let (name, exp) = match factor.split_once('^') {
            Some((n, e)) => (n, e.parse::<i8>().ok()?),
            None => (factor, 1),
        };
        let base = if name == "W" {
            Dim::POWER
        } else {
            let i = BASE_UNITS.iter().position(|b| *b == name)?;
            let mut d = [0i8; 6];
            d[i] = 1;
            Dim(d)
        };
        dim = dim * base.pow(exp as i32);
    }
    if dim.is_dimensionless() {
        return None;
    }
    Some((value, dim))
}

#[pymethods]
impl Quantity {
    /// `Quantity(1.5, "kJ")` is 1500 J; `Quantity(2.0, "J*s")` a composite unit.
    #[new]
    fn py_new(value: f64, unit: &str) -> PyResult<Quantity> {
        let (value, dim) = resolve_unit(value, unit)
            .ok_or_else(|| PyValueError::new_err(format!("unknown unit '{unit}'")))?;
        Ok(Quantity::new(value, dim))
    }

    /// Parses an amount as the language writes it: `"1.5kWh"`, `"250ms"`, `"10GiB"`.
    #[staticmethod]
    fn parse(text: &str) -> PyResult<Quantity> {
        let q = units::Quantity::parse(text).map_err(|e| PyValueError::new_err(e.to_string()))?;
        if q.dim.is_dimensionless() {
            return Err(PyValueError::new_err(format!(
                "'{text}' has no unit; a Quantity needs one"
            )));
        }
        Ok(Quantity::new(q.value, q.dim))
    }

    /// The magnitude in canonical units.
    #[getter]
    fn value(&self) -> f64 {
        self.value
    }

    /// The canonical unit's name (`J`, `W`, `J*s`).
    #[getter]
    fn unit(&self) -> String {
        self.dim.unit_name()
    }

    /// The dimension's name as messages write it (`Energy`, `Power`, `Energy*Time`).
    #[getter]
    fn dimension(&self) -> String {
        self.dim.type_name()
    }

    fn __repr__(&self) -> String {
        format!(
            "Quantity({}, '{}')",
            units::format_float(self.value),
            self.dim.unit_name()
        )
    }

    fn __str__(&self) -> String {
        units::format_quantity(self.value, self.dim)
    }

    fn __float__(&self) -> f64 {
        self.value
    }
}

/// A struct value: its type name and fields (also readable as attributes).
#[pyclass(module = "eclexia", frozen)]
pub struct Struct {
    /// The struct's name.
    #[pyo3(get)]
    name: String,
    /// Field name → value, in declaration order.
    #[pyo3(get)]
    fields: Py<PyDict>,
}

#[pymethods]
impl Struct {
    #[new]
    fn py_new(name: String, fields: Bound<'_, PyDict>) -> Struct {
        Struct {
            name,
            fields: fields.unbind(),
        }
    }

    fn __getattr__(&self, py: Python<'_>, attr: &str) -> PyResult<Py<PyAny>> {
        match self.fields.bind(py).get_item(attr)? {
            Some(v) => Ok(v.unbind()),
            None => Err(PyAttributeError::new_err(format!(
                "struct '{}' has no field '{attr}'",
                self.name
            ))),
        }
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        match other.cast::<Struct>() {
            Ok(o) => {
                let o = o.get();
                Ok(self.name == o.name && self.fields.bind(py).eq(o.fields.bind(py))?)
            }
            Err(_) => Ok(false),
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let mut parts = Vec::new();
        for (k, v) in self.fields.bind(py).iter() {
            parts.push(format!("{}={}", k.str()?, v.repr()?));
        }
        Ok(format!("{}({})", self.name, parts.join(", ")))
    }
}

/// An enum value other than `Option`: `Ok(5)`, `Err("x")`, `Shape.Circle(2.0)`.
#[pyclass(module = "eclexia", frozen)]
pub struct Variant {
    /// The enum's name (`Result`, `Shape`).
    #[pyo3(get)]
    enum_name: String,
    /// The variant's name (`Ok`, `Circle`).
    #[pyo3(get)]
    variant: String,
    /// The payload, positional (field values in declaration order for struct variants).
    #[pyo3(get)]
    payload: Py<PyTuple>,
    /// Field names of a struct variant, else `None`.
    #[pyo3(get)]
    fields: Option<Vec<String>>,
}

#[pymethods]
impl Variant {
    #[new]
    #[pyo3(signature = (enum_name, variant, payload = None, fields = None))]
    fn py_new(
        py: Python<'_>,
        enum_name: String,
        variant: String,
        payload: Option<Bound<'_, PyTuple>>,
        fields: Option<Vec<String>>,
    ) -> Variant {
        Variant {
            enum_name,
            variant,
            payload: payload.unwrap_or_else(|| PyTuple::empty(py)).unbind(),
            fields,
        }
    }

    /// The single payload value (`Ok(5).value == 5`), `None` for a unit variant, the
    /// payload tuple otherwise.
    #[getter]
    fn value(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        let p = self.payload.bind(py);
        Ok(match p.len() {
            0 => py.None(),
            1 => p.get_item(0)?.unbind(),
            _ => p.clone().into_any().unbind(),
        })
    }

    fn __eq__(&self, py: Python<'_>, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        match other.cast::<Variant>() {
            Ok(o) => {
                let o = o.get();
                Ok(self.enum_name == o.enum_name
                    && self.variant == o.variant
                    && self.fields == o.fields
                    && self.payload.bind(py).eq(o.payload.bind(py))?)
            }
            Err(_) => Ok(false),
        }
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        let p = self.payload.bind(py);
        let mut parts = Vec::new();
        for (i, v) in p.iter().enumerate() {
            match &self.fields {
                Some(f) if i < f.len() => parts.push(format!("{}={}", f[i], v.repr()?)),
                _ => parts.push(v.repr()?.to_string()),
            }
        }
        let head = if matches!(self.enum_name.as_str(), "Result" | "Option") {
            self.variant.clone()
        } else {
            format!("{}.{}", self.enum_name, self.variant)
        };
        Ok(if parts.is_empty() && self.fields.is_none() {
            head
        } else {
            format!("{head}({})", parts.join(", "))
        })
    }
}

/// An Eclexia value as a Python object.
pub fn value_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Unit => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Int(i) => i.into_pyobject(py)?.into_any(),
        Value::Float(f) => PyFloat::new(py, *f).into_any(),
        Value::Char(c) => PyString::new(py, c.encode_utf8(&mut [0; 4])).into_any(),
        Value::Quantity(m, d) if d.is_dimensionless() => PyFloat::new(py, *m).into_any(),
        Value::Quantity(m, d) => Bound::new(py, Quantity::new(*m, *d))?.into_any(),
        Value::Str(s) => PyString::new(py, s).into_any(),
        Value::Array(xs) => {
            let items = xs
                .iter()
                .map(|x| value_to_py(py, x))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        Value::Tuple(xs) => {
            let items = xs
                .iter()
                .map(|x| value_to_py(py, x))
                .collect::<PyResult<Vec<_>>>()?;
            PyTuple::new(py, items)?.into_any()
        }
        Value::Map(xs) => {
            let d = PyDict::new(py);
            for (k, w) in xs {
                d.set_item(value_to_py(py, k)?, value_to_py(py, w)?)?;
            }
            d.into_any()
        }
        Value::Struct { name, fields } => {
            let d = PyDict::new(py);
            for (k, w) in fields {
                d.set_item(k, value_to_py(py, w)?)?;
            }
            Bound::new(
                py,
                Struct {
                    name: name.clone(),
                    fields: d.unbind(),
                },
            )?
            .into_any()
        }
        Value::Variant {
            enum_name,
            variant,
            payload,
            ..
        } if enum_name == "Option" => match (variant.as_str(), payload.as_slice()) {
            ("Some", [x]) => value_to_py(py, x)?,
            _ => py.None().into_bound(py),
        },
        Value::Variant {
            enum_name,
            variant,
            payload,
            fields,
        } => {
            let items = payload
                .iter()
                .map(|x| value_to_py(py, x))
                .collect::<PyResult<Vec<_>>>()?;
            Bound::new(
                py,
                Variant {
                    enum_name: enum_name.clone(),
                    variant: variant.clone(),
                    payload: PyTuple::new(py, items)?.unbind(),
                    fields: fields.clone(),
                },
            )?
            .into_any()
        }
        Value::Range(a, b, inclusive) => {
            let end = if *inclusive { b.saturating_add(1) } else { *b };
            py.import("builtins")?.getattr("range")?.call1((*a, end))?
        }
        Value::Function(text) => PyString::new(py, text).into_any(),
        Value::Echo(witness, base) => {
            let d = PyDict::new(py);
            d.set_item("witness", value_to_py(py, witness)?)?;
            d.set_item("base", value_to_py(py, base)?)?;
            Bound::new(
                py,
                Struct {
                    name: "Echo".into(),
                    fields: d.unbind(),
                },
            )?
            .into_any()
        }
    })
}

/// A Python object as an Eclexia value (an entry argument).
pub fn py_to_value(obj: &Bound<'_, PyAny>) -> PyResult<Value> {
    if obj.is_none() {
        return Ok(Value::Unit);
    }
    if obj.is_instance_of::<PyBool>() {
        return Ok(Value::Bool(obj.extract::<bool>()?));
    }
    if obj.is_instance_of::<PyInt>() {
        return obj.extract::<i64>().map(Value::Int).map_err(|_| {
            pyo3::exceptions::PyOverflowError::new_err("int does not fit in a 64-bit Eclexia Int")
        });
    }
    if obj.is_instance_of::<PyFloat>() {
        return Ok(Value::Float(obj.extract::<f64>()?));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::Str(s.to_cow()?.into_owned()));
    }
    if let Ok(q) = obj.cast::<Quantity>() {
        let q = q.get();
        return Ok(Value::Quantity(q.value, q.dim));
    }
    if let Ok(l) = obj.cast::<PyList>() {
        return l
            .iter()
            .map(|x| py_to_value(&x))
            .collect::<PyResult<_>>()
            .map(Value::Array);
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        return t
            .iter()
            .map(|x| py_to_value(&x))
            .collect::<PyResult<_>>()
            .map(Value::Tuple);
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut entries = Vec::with_capacity(d.len());
        for (k, w) in d.iter() {
            entries.push((py_to_value(&k)?, py_to_value(&w)?));
        }
        return Ok(Value::Map(entries));
    }
    let py = obj.py();
    if obj.is_instance(&py.import("builtins")?.getattr("range")?)? {
        let step: i64 = obj.getattr("step")?.extract()?;
        if step != 1 {
            return Err(PyValueError::new_err(
                "only ranges with step 1 convert to Eclexia",
            ));
        }
        return Ok(Value::Range(
            obj.getattr("start")?.extract()?,
            obj.getattr("stop")?.extract()?,
            false,
        ));
    }
    Err(PyTypeError::new_err(format!(
        "cannot pass a Python '{}' to Eclexia (expected None, bool, int, float, str, \
         Quantity, list, tuple, dict or range)",
        obj.get_type().name()?
    )))
}

/// JSON text as Python objects through `json.loads`, which keeps the order of object keys
/// as serde wrote them (struct field order: `energy, time, carbon, …` as in §9.7).
pub fn json_text_to_py<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (text,))
}

/// A JSON value as a Python object.
pub fn json_to_py<'py>(py: Python<'py>, v: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use serde_json::Value as J;
    Ok(match v {
        J::Null => py.None().into_bound(py),
        J::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        J::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_pyobject(py)?.into_any()
            } else if let Some(u) = n.as_u64() {
                u.into_pyobject(py)?.into_any()
            } else {
                PyFloat::new(py, n.as_f64().unwrap_or(f64::NAN)).into_any()
            }
        }
        J::String(s) => PyString::new(py, s).into_any(),
        J::Array(xs) => {
            let items = xs
                .iter()
                .map(|x| json_to_py(py, x))
                .collect::<PyResult<Vec<_>>>()?;
            PyList::new(py, items)?.into_any()
        }
        J::Object(m) => {
            let d = PyDict::new(py);
            for (k, w) in m {
                d.set_item(k, json_to_py(py, w)?)?;
            }
            d.into_any()
        }
    })
}

/// A Python object as JSON (dict keys must be strings; a `Quantity` becomes its text).
pub fn py_to_json(obj: &Bound<'_, PyAny>) -> PyResult<serde_json::Value> {
    use serde_json::Value as J;
    if obj.is_none() {
        return Ok(J::Null);
    }
    if obj.is_instance_of::<PyBool>() {
        return Ok(J::Bool(obj.extract()?));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(J::from(i));
        }
        if let Ok(u) = obj.extract::<u64>() {
            return Ok(J::from(u));
        }
        return Ok(J::from(obj.extract::<f64>()?));
    }
    if obj.is_instance_of::<PyFloat>() {
        let f: f64 = obj.extract()?;
        return serde_json::Number::from_f64(f)
            .map(J::Number)
            .ok_or_else(|| PyValueError::new_err(format!("{f} is not a JSON number")));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(J::String(s.to_cow()?.into_owned()));
    }
    if let Ok(q) = obj.cast::<Quantity>() {
        let q = q.get();
        return Ok(J::String(units::format_quantity(q.value, q.dim)));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut m = serde_json::Map::new();
        for (k, w) in d.iter() {
            let key = k.cast::<PyString>().map_err(|_| {
                PyTypeError::new_err(format!(
                    "JSON object keys must be str, found {}",
                    k.repr().map(|r| r.to_string()).unwrap_or_default()
                ))
            })?;
            m.insert(key.to_cow()?.into_owned(), py_to_json(&w)?);
        }
        return Ok(J::Object(m));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut xs = Vec::new();
        for x in obj.try_iter()? {
            xs.push(py_to_json(&x?)?);
        }
        return Ok(J::Array(xs));
    }
    Err(PyTypeError::new_err(format!(
        "cannot convert a Python '{}' to JSON",
        obj.get_type().name()?
    )))
}

/// A resource name (`energy`, `latency`, …).
pub fn resource(name: &str) -> PyResult<Resource> {
    Resource::from_name(name).ok_or_else(|| {
        PyValueError::new_err(format!(
            "unknown resource '{name}' (expected energy, time, carbon, memory, network or compute)"
        ))
    })
}

/// An amount of `r`: a unit string (`"100J"`), a number in canonical units, or a
/// `Quantity` of the right dimension.
pub fn amount(r: Resource, obj: &Bound<'_, PyAny>, what: &str) -> PyResult<f64> {
    let bad = |m: String| PyValueError::new_err(format!("{what}: {m}"));
    if let Ok(q) = obj.cast::<Quantity>() {
        let q = q.get();
        if q.dim != r.dim() {
            return Err(bad(format!(
                "expected {}, found a quantity in {}",
                eclexia_core::price::resource_kind(r),
                q.dim.unit_name()
            )));
        }
        return check(q.value).map_err(bad);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return parse_amount(r, &s.to_cow()?).map_err(|e| bad(e.to_string()));
    }
    if obj.is_instance_of::<PyBool>() {
        return Err(bad("expected an amount, found a bool".into()));
    }
    match obj.extract::<f64>() {
        Ok(x) => check(x).map_err(bad),
        Err(_) => Err(PyTypeError::new_err(format!(
            "{what}: expected {} such as \"{}\" or a number, found '{}'",
            eclexia_core::price::resource_kind(r),
            eclexia_core::price::resource_amount_example(r),
            obj.get_type().name()?
        ))),
    }
}

fn check(x: f64) -> Result<f64, String> {
    if x.is_finite() && x >= 0.0 {
        Ok(x)
    } else {
        Err(format!("expected an amount >= 0, found {x}"))
    }
}
