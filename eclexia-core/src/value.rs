//! Values as a host sees them: owned, `Send`, self-describing (LANGUAGE §6.1).
//!
//! The machine's own values ([`crate::vm::val::Val`]) share structure through `Rc` and
//! never leave the evaluating thread; what crosses the API boundary — entry arguments in,
//! the returned value out — is this plain tree.

use crate::units::Dim;

/// A value passed to or returned from an evaluation.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `()`.
    Unit,
    /// `Bool`.
    Bool(bool),
    /// `Int`.
    Int(i64),
    /// `Float`.
    Float(f64),
    /// `Char`.
    Char(char),
    /// A dimensioned amount: magnitude in canonical units and its dimension.
    Quantity(f64, Dim),
    /// `String`.
    Str(String),
    /// An array.
    Array(Vec<Value>),
    /// A tuple.
    Tuple(Vec<Value>),
    /// A map, in insertion order.
    Map(Vec<(Value, Value)>),
    /// A struct: its name and fields in declaration order.
    Struct {
        /// The struct's name.
        name: String,
        /// `(field, value)` in declaration order.
        fields: Vec<(String, Value)>,
    },
    /// An enum value (`Some(5)`, `None`, `Circle(2.0)`, `Box { w: 1, h: 2 }`).
    Variant {
        /// The enum's name.
        enum_name: String,
        /// The variant's name.
        variant: String,
        /// The payload (positional, or field values in declaration order).
        payload: Vec<Value>,
        /// Field names of a struct variant.
        fields: Option<Vec<String>>,
    },
    /// `a..b` (false) or `a..=b` (true).
    Range(i64, i64, bool),
    /// A function or closure, by its display form (`<fn f>`, `<closure>`).
    Function(String),
    /// `Echo { witness, base }`.
    Echo(Box<Value>, Box<Value>),
}

impl Value {
    /// A string value.
    pub fn str(s: impl Into<String>) -> Value {
        Value::Str(s.into())
    }

    /// The value as an `i64`, if it is an Int.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Value::Int(i) => Some(*i),
            _ => None,
        }
    }

    /// The value as an `f64`, if it is a Float (or the magnitude of a quantity).
    pub fn as_float(&self) -> Option<f64> {
        match self {
            Value::Float(f) | Value::Quantity(f, _) => Some(*f),
            _ => None,
        }
    }

    /// The value as text, if it is a String.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The name of the value's type as messages write it (§12.1), for the top level.
    pub fn type_name(&self) -> String {
        match self {
            Value::Unit => "Unit".into(),
            Value::Bool(_) => "Bool".into(),
            Value::Int(_) => "Int".into(),
            Value::Float(_) => "Float".into(),
            Value::Char(_) => "Char".into(),
            Value::Quantity(_, d) => format!("Resource<{}>", d.type_name()),
            Value::Str(_) => "String".into(),
            Value::Array(_) => "array".into(),
            Value::Tuple(_) => "tuple".into(),
            Value::Map(_) => "HashMap".into(),
            Value::Struct { name, .. } => name.clone(),
            Value::Variant { enum_name, .. } => enum_name.clone(),
            Value::Range(..) => "Range".into(),
            Value::Function(_) => "function".into(),
            Value::Echo(..) => "Echo".into(),
        }
    }
}

/// Whether dropping `v` may recurse (it holds containers).
fn nests(v: &Value) -> bool {
    matches!(
        v,
        Value::Array(_)
            | Value::Tuple(_)
            | Value::Map(_)
            | Value::Struct { .. }
            | Value::Variant { .. }
            | Value::Echo(..)
    )
}

/// Moves the container children of `v` into `out` (leaving `v` flat).
fn take_children(v: &mut Value, out: &mut Vec<Value>) {
    match v {
        Value::Array(xs) | Value::Tuple(xs) | Value::Variant { payload: xs, .. }
            if xs.iter().any(nests) =>
        {
            out.append(xs);
        }
        Value::Map(entries) if entries.iter().any(|(k, w)| nests(k) || nests(w)) => {
            for (k, w) in entries.drain(..) {
                out.push(k);
                out.push(w);
            }
        }
        Value::Struct { fields, .. } if fields.iter().any(|(_, w)| nests(w)) => {
            out.extend(fields.drain(..).map(|(_, w)| w));
        }
        Value::Echo(a, b) => {
            out.push(std::mem::replace(&mut **a, Value::Unit));
            out.push(std::mem::replace(&mut **b, Value::Unit));
        }
        _ => {}
    }
}

/// Deep values (a list a million nodes long returned by a program) are dropped by a loop,
/// not by nested `drop` calls that would overflow the host thread's stack.
impl Drop for Value {
    fn drop(&mut self) {
        if !nests(self) {
            return;
        }
        let mut pending = Vec::new();
        take_children(self, &mut pending);
        while let Some(mut v) = pending.pop() {
            take_children(&mut v, &mut pending);
        }
    }
}
