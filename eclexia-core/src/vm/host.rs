//! Conversions between machine values and the host's owned [`Value`]s (entry arguments,
//! results, host function calls).

use crate::value::Value;
use crate::vm::mem;
use crate::vm::val::{ArrayObj, Fields, MapObj, Names, Val};

/// A host value as a machine value (only the forms [`fits`] admits for parameters).
pub fn to_val(v: &Value) -> Val {
    crate::stack::guard(|| match v {
        Value::Unit => Val::Unit,
        Value::Bool(b) => Val::Bool(*b),
        Value::Int(i) => Val::Int(*i),
        Value::Float(f) => Val::Float(*f),
        Value::Char(c) => Val::Char(*c),
        Value::Quantity(m, d) => Val::quantity(*m, *d),
        Value::Str(s) => Val::str(s.clone()),
        Value::Array(xs) => ArrayObj::wrap(xs.iter().map(to_val).collect()),
        Value::Tuple(xs) => Val::Tuple(Fields::new(0, xs.iter().map(to_val).collect())),
        Value::Map(xs) => {
            let m = MapObj::new_empty();
            if let Val::Map(obj) = &m {
                for (k, w) in xs {
                    if obj.0.borrow_mut().insert(to_val(k), to_val(w)) {
                        mem::charge(crate::vm::val::MAP_ENTRY);
                    }
                }
            }
            m
        }
        Value::Range(a, b, i) => Val::Range(std::rc::Rc::new((*a, *b, *i))),
        Value::Struct { .. } | Value::Variant { .. } | Value::Function(_) | Value::Echo(..) => {
            Val::Unit
        }
    })
}

/// A machine value as an owned host value.
pub fn to_value(v: &Val, names: &crate::compile::Code) -> Value {
    crate::stack::guard(|| match v {
        Val::Unit => Value::Unit,
        Val::Bool(b) => Value::Bool(*b),
        Val::Int(i) => Value::Int(*i),
        Val::Float(f) => Value::Float(*f),
        Val::Char(c) => Value::Char(*c),
        Val::Quantity(m, d) => Value::Quantity(*m, *d),
        Val::Str(s) => Value::Str(s.0.clone()),
        Val::Array(a) => Value::Array(a.0.borrow().iter().map(|x| to_value(x, names)).collect()),
        Val::Tuple(t) => Value::Tuple(t.items.iter().map(|x| to_value(x, names)).collect()),
        Val::Map(m) => Value::Map(
            m.0.borrow()
                .iter()
                .map(|(k, w)| (to_value(k, names), to_value(w, names)))
                .collect(),
        ),
        Val::Struct(s) => Value::Struct {
            name: names.type_name(s.tag).to_string(),
            fields: names
                .field_names(s.tag)
                .iter()
                .cloned()
                .zip(s.items.iter().map(|x| to_value(x, names)))
                .collect(),
        },
        Val::Tag(adt, var) => {
            let (n, fields) = names.variant(*adt, *var);
            Value::Variant {
                enum_name: names.type_name(*adt).to_string(),
                variant: n.to_string(),
                payload: Vec::new(),
                fields: fields.map(|f| f.to_vec()),
            }
        }
        Val::Variant(o) => {
            let (n, fields) = names.variant(o.adt, o.variant);
            Value::Variant {
                enum_name: names.type_name(o.adt).to_string(),
                variant: n.to_string(),
                payload: o.items.iter().map(|x| to_value(x, names)).collect(),
                fields: fields.map(|f| f.to_vec()),
            }
        }
        Val::Range(r) => Value::Range(r.0, r.1, r.2),
        Val::Func(_) | Val::Closure(_) => Value::Function(v.display(names)),
        Val::Echo(e) => Value::Echo(
            Box::new(to_value(&e.0, names)),
            Box::new(to_value(&e.1, names)),
        ),
        Val::Cell(c) => to_value(&c.0.borrow(), names),
    })
}
