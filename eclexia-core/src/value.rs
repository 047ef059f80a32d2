//! Run-time values (LANGUAGE §6.1) and their display forms (§6.8).
//!
//! A value is 16 bytes: scalars inline, everything else behind an `Rc`. Evaluation is
//! single-threaded (§1.4), so `Rc`/`RefCell` are the right tools; values cross back to a
//! host as owned data. (Used by the evaluator, which is being built: issue 4.) Arrays and maps are shared references — binding or passing one
//! shares it, and `push`/`a[i] = v`/`hashmap_insert` are seen through every alias — while
//! structs, tuples and enum values are values (§6.1): they are immutable behind their `Rc`
//! and a field assignment replaces the local's value with an updated copy.
//!
//! Display needs names the values do not carry (struct, field, variant and function
//! names); [`Names`] supplies them from the checked program.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::rc::Rc;

use crate::units::{Dim, format_float, format_quantity};

/// A run-time value.
#[derive(Clone, Debug)]
pub enum Value {
    /// `()`.
    Unit,
    /// `true` / `false`.
    Bool(bool),
    /// 64-bit signed integer.
    Int(i64),
    /// binary64.
    Float(f64),
    /// A Unicode scalar value.
    Char(char),
    /// A dimensioned magnitude in canonical units.
    Quantity(f64, Dim),
    /// An immutable string (shared; appended in place when unshared).
    Str(Rc<str>),
    /// A shared, mutable array.
    Array(Rc<RefCell<Vec<Value>>>),
    /// A shared, mutable map in insertion order.
    Map(Rc<RefCell<MapValue>>),
    /// A tuple.
    Tuple(Rc<[Value]>),
    /// A struct: type and fields in declaration order.
    Struct(Rc<(u32, Vec<Value>)>),
    /// An enum value: type, variant, payload (positional or fields in declaration order).
    Variant(Rc<(u32, u32, Vec<Value>)>),
    /// `a..b` (false) or `a..=b` (true).
    Range(Rc<(i64, i64, bool)>),
    /// A function, adaptive function or builtin, by its index in [`Names`].
    Func(FuncRef),
    /// A closure (its code and captured cells belong to the machine).
    Closure(Rc<dyn std::any::Any>),
    /// `Echo { witness, base }` (§10).
    Echo(Rc<(Value, Value)>),
}

/// What a function value refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FuncRef {
    /// A plain function.
    Fn(u32),
    /// An adaptive function.
    Adaptive(u32),
    /// A builtin, by name.
    Builtin(&'static str),
}

/// A map in insertion order (§6.1): inserting an existing key replaces its value in
/// place, removing a key keeps the order of the others. Lookups are linear for now; a
/// hash index over the keys belongs with the evaluator's benchmarks.
#[derive(Clone, Debug, Default)]
pub struct MapValue {
    entries: Vec<(Value, Value)>,
}

impl MapValue {
    /// An empty map.
    pub fn new() -> MapValue {
        MapValue::default()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn position(&self, key: &Value) -> Option<usize> {
        self.entries.iter().position(|(k, _)| k.eq_value(key))
    }

    /// Inserts or replaces (keeping the key's position).
    pub fn insert(&mut self, key: Value, value: Value) {
        match self.position(&key) {
            Some(i) => self.entries[i].1 = value,
            None => self.entries.push((key, value)),
        }
    }

    /// The value for `key`.
    pub fn get(&self, key: &Value) -> Option<&Value> {
        self.position(key).map(|i| &self.entries[i].1)
    }

    /// Removes `key`, keeping the order of the rest.
    pub fn remove(&mut self, key: &Value) -> Option<Value> {
        self.position(key).map(|i| self.entries.remove(i).1)
    }

    /// Entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &(Value, Value)> {
        self.entries.iter()
    }
}

/// Names the display forms need, looked up in the checked program.
pub trait Names {
    /// A struct's or enum's name.
    fn type_name(&self, adt: u32) -> &str;
    /// A struct's field names in declaration order.
    fn field_names(&self, adt: u32) -> Vec<&str>;
    /// A variant's name, and its field names if it is a struct variant.
    fn variant(&self, adt: u32, variant: u32) -> (&str, Option<Vec<&str>>);
    /// A function's declared name.
    fn fn_name(&self, f: u32) -> &str;
}

impl Value {
    /// Structural equality (§6.1): deep; floats and magnitudes by IEEE rules (NaN ≠ NaN,
    /// `1kJ == 1000J`); maps equal when they map the same keys to equal values, in any
    /// order; arrays and maps compare their contents, not their identity.
    pub fn eq_value(&self, other: &Value) -> bool {
        use Value::*;
        match (self, other) {
            (Unit, Unit) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a == b,
            (Int(a), Float(b)) | (Float(b), Int(a)) => (*a as f64) == *b,
            (Char(a), Char(b)) => a == b,
            (Quantity(a, d), Quantity(b, e)) => d == e && a == b,
            (Str(a), Str(b)) => a == b,
            (Array(a), Array(b)) => slices_eq(&a.borrow(), &b.borrow()),
            (Map(a), Map(b)) => {
                let (a, b) = (a.borrow(), b.borrow());
                a.len() == b.len()
                    && a.iter()
                        .all(|(k, v)| b.get(k).is_some_and(|w| v.eq_value(w)))
            }
            (Tuple(a), Tuple(b)) => slices_eq(a, b),
            (Struct(a), Struct(b)) => a.0 == b.0 && slices_eq(&a.1, &b.1),
            (Variant(a), Variant(b)) => a.0 == b.0 && a.1 == b.1 && slices_eq(&a.2, &b.2),
            (Range(a), Range(b)) => a == b,
            (Func(a), Func(b)) => a == b,
            (Closure(a), Closure(b)) => Rc::ptr_eq(a, b),
            (Echo(a), Echo(b)) => a.0.eq_value(&b.0) && a.1.eq_value(&b.1),
            _ => false,
        }
    }

    /// The display form D (§6.8): what `print`, `println` and `to_string` produce.
    pub fn display(&self, names: &dyn Names) -> String {
        let mut out = String::new();
        self.write(&mut out, names, false);
        out
    }

    /// The nested form N (§6.8): strings and chars quoted and escaped.
    pub fn nested(&self, names: &dyn Names) -> String {
        let mut out = String::new();
        self.write(&mut out, names, true);
        out
    }

    /// Writes D (`nested == false`) or N (`nested == true`) into `out`.
    pub fn write(&self, out: &mut String, names: &dyn Names, nested: bool) {
        match self {
            Value::Unit => out.push_str("()"),
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Value::Float(f) => out.push_str(&format_float(*f)),
            Value::Quantity(m, d) => {
                if d.is_dimensionless() {
                    out.push_str(&format_float(*m));
                } else {
                    out.push_str(&format_quantity(*m, *d));
                }
            }
            Value::Char(c) => {
                if nested {
                    out.push('\'');
                    escape_into(out, *c, true);
                    out.push('\'');
                } else {
                    out.push(*c);
                }
            }
            Value::Str(s) => {
                if nested {
                    out.push('"');
                    for c in s.chars() {
                        escape_into(out, c, false);
                    }
                    out.push('"');
                } else {
                    out.push_str(s);
                }
            }
            Value::Array(a) => {
                out.push('[');
                write_list(out, &a.borrow(), names);
                out.push(']');
            }
            Value::Map(m) => {
                out.push('{');
                for (i, (k, v)) in m.borrow().iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    k.write(out, names, true);
                    out.push_str(": ");
                    v.write(out, names, true);
                }
                out.push('}');
            }
            Value::Tuple(t) => {
                out.push('(');
                write_list(out, t, names);
                if t.len() == 1 {
                    out.push(',');
                }
                out.push(')');
            }
            Value::Struct(s) => {
                let fields = names.field_names(s.0);
                write_struct(out, names.type_name(s.0), &fields, &s.1, names);
            }
            Value::Variant(v) => {
                let (name, fields) = names.variant(v.0, v.1);
                match fields {
                    Some(fields) => write_struct(out, name, &fields, &v.2, names),
                    None if v.2.is_empty() => out.push_str(name),
                    None => {
                        out.push_str(name);
                        out.push('(');
                        write_list(out, &v.2, names);
                        out.push(')');
                    }
                }
            }
            Value::Range(r) => {
                let _ = write!(out, "{}{}{}", r.0, if r.2 { "..=" } else { ".." }, r.1);
            }
            Value::Func(FuncRef::Fn(f)) => {
                let _ = write!(out, "<fn {}>", names.fn_name(*f));
            }
            Value::Func(FuncRef::Adaptive(f)) => {
                let _ = write!(out, "<adaptive fn {}>", names.fn_name(*f));
            }
            Value::Func(FuncRef::Builtin(b)) => {
                let _ = write!(out, "<builtin {b}>");
            }
            Value::Closure(_) => out.push_str("<closure>"),
            Value::Echo(e) => {
                out.push_str("Echo { witness: ");
                e.0.write(out, names, true);
                out.push_str(", base: ");
                e.1.write(out, names, true);
                out.push_str(" }");
            }
        }
    }
}

fn slices_eq(a: &[Value], b: &[Value]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.eq_value(y))
}

fn write_list(out: &mut String, items: &[Value], names: &dyn Names) {
    for (i, v) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        v.write(out, names, true);
    }
}

fn write_struct(
    out: &mut String,
    name: &str,
    fields: &[&str],
    values: &[Value],
    names: &dyn Names,
) {
    out.push_str(name);
    if values.is_empty() {
        out.push_str(" {}");
        return;
    }
    out.push_str(" { ");
    for (i, (f, v)) in fields.iter().zip(values).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(f);
        out.push_str(": ");
        v.write(out, names, true);
    }
    out.push_str(" }");
}

/// The escapes of the nested form: `\` `"` LF CR TAB for strings, plus `'` for chars.
fn escape_into(out: &mut String, c: char, in_char: bool) {
    match c {
        '\\' => out.push_str("\\\\"),
        '"' => out.push_str("\\\""),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\'' if in_char => out.push_str("\\'"),
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct TestNames;

    impl Names for TestNames {
        fn type_name(&self, adt: u32) -> &str {
            ["Point", "Empty", "Shape"][adt as usize]
        }
        fn field_names(&self, adt: u32) -> Vec<&str> {
            if adt == 0 { vec!["x", "y"] } else { vec![] }
        }
        fn variant(&self, _adt: u32, variant: u32) -> (&str, Option<Vec<&str>>) {
            match variant {
                0 => ("Red", None),
                1 => ("Circle", None),
                _ => ("Box", Some(vec!["w", "h"])),
            }
        }
        fn fn_name(&self, _f: u32) -> &str {
            "render"
        }
    }

    fn d(v: &Value) -> String {
        v.display(&TestNames)
    }

    fn s(x: &str) -> Value {
        Value::Str(x.into())
    }

    fn arr(xs: Vec<Value>) -> Value {
        Value::Array(Rc::new(RefCell::new(xs)))
    }

    #[test]
    fn scalars() {
        assert_eq!(d(&Value::Int(-42)), "-42");
        assert_eq!(d(&Value::Float(1500.0)), "1500.0");
        assert_eq!(d(&Value::Float(0.1 + 0.2)), "0.30000000000000004");
        assert_eq!(d(&Value::Float(-0.0)), "-0.0");
        assert_eq!(d(&Value::Float(1e16)), "1e16");
        assert_eq!(d(&Value::Bool(true)), "true");
        assert_eq!(d(&Value::Unit), "()");
        assert_eq!(d(&Value::Char('x')), "x");
        assert_eq!(d(&s("a\"b")), "a\"b");
    }

    #[test]
    fn quantities_use_unit_names() {
        assert_eq!(d(&Value::Quantity(1500.0, Dim::ENERGY)), "1500J");
        assert_eq!(d(&Value::Quantity(0.25, Dim::TIME)), "0.25s");
        assert_eq!(d(&Value::Quantity(25.0, Dim::POWER)), "25W");
        assert_eq!(d(&Value::Quantity(2.5e-20, Dim::ENERGY)), "2.5e-20J");
        assert_eq!(d(&Value::Quantity(3.0, Dim::ENERGY * Dim::TIME)), "3J*s");
        assert_eq!(d(&Value::Quantity(0.0, Dim::ENERGY)), "0J");
    }

    #[test]
    fn containers_use_the_nested_form() {
        let a = arr(vec![s("a"), s("b\n"), Value::Char('\''), Value::Char('"')]);
        assert_eq!(d(&a), r#"["a", "b\n", '\'', '\"']"#);
        assert_eq!(d(&arr(vec![])), "[]");
        let t1 = Value::Tuple(Rc::from(vec![Value::Int(1)]));
        assert_eq!(d(&t1), "(1,)");
        let t2 = Value::Tuple(Rc::from(vec![Value::Int(1), s("a")]));
        assert_eq!(d(&t2), "(1, \"a\")");
        let mut m = MapValue::new();
        m.insert(s("b"), Value::Int(2));
        m.insert(s("a"), Value::Int(1));
        m.insert(s("b"), Value::Int(3));
        assert_eq!(
            d(&Value::Map(Rc::new(RefCell::new(m)))),
            r#"{"b": 3, "a": 1}"#
        );
        assert_eq!(d(&Value::Map(Rc::new(RefCell::new(MapValue::new())))), "{}");
    }

    #[test]
    fn structs_enums_functions_ranges_echoes() {
        let p = Value::Struct(Rc::new((0, vec![Value::Float(1.5), Value::Float(-2.0)])));
        assert_eq!(d(&p), "Point { x: 1.5, y: -2.0 }");
        assert_eq!(d(&Value::Struct(Rc::new((1, vec![])))), "Empty {}");
        assert_eq!(d(&Value::Variant(Rc::new((2, 0, vec![])))), "Red");
        assert_eq!(
            d(&Value::Variant(Rc::new((2, 1, vec![Value::Float(2.0)])))),
            "Circle(2.0)"
        );
        let b = Value::Variant(Rc::new((2, 2, vec![Value::Int(1), Value::Int(2)])));
        assert_eq!(d(&b), "Box { w: 1, h: 2 }");
        assert_eq!(d(&Value::Range(Rc::new((0, 5, false)))), "0..5");
        assert_eq!(d(&Value::Range(Rc::new((1, 3, true)))), "1..=3");
        assert_eq!(d(&Value::Func(FuncRef::Fn(0))), "<fn render>");
        assert_eq!(
            d(&Value::Func(FuncRef::Adaptive(0))),
            "<adaptive fn render>"
        );
        assert_eq!(d(&Value::Func(FuncRef::Builtin("abs"))), "<builtin abs>");
        let e = Value::Echo(Rc::new((Value::Int(5), Value::Int(0))));
        assert_eq!(d(&e), "Echo { witness: 5, base: 0 }");
    }

    #[test]
    fn equality_is_structural() {
        assert!(
            Value::Quantity(1000.0, Dim::ENERGY).eq_value(&Value::Quantity(1000.0, Dim::ENERGY))
        );
        assert!(!Value::Float(f64::NAN).eq_value(&Value::Float(f64::NAN)));
        assert!(arr(vec![Value::Int(1)]).eq_value(&arr(vec![Value::Int(1)])));
        let mut m1 = MapValue::new();
        m1.insert(s("a"), Value::Int(1));
        m1.insert(s("b"), Value::Int(2));
        let mut m2 = MapValue::new();
        m2.insert(s("b"), Value::Int(2));
        m2.insert(s("a"), Value::Int(1));
        let (m1, m2) = (
            Value::Map(Rc::new(RefCell::new(m1))),
            Value::Map(Rc::new(RefCell::new(m2))),
        );
        assert!(m1.eq_value(&m2), "order is ignored");
    }

    #[test]
    fn map_removal_keeps_order() {
        let mut m = MapValue::new();
        for (k, v) in [("a", 1), ("b", 2), ("c", 3)] {
            m.insert(s(k), Value::Int(v));
        }
        assert!(m.remove(&s("b")).is_some());
        let keys: Vec<String> = m.iter().map(|(k, _)| d(k)).collect();
        assert_eq!(keys, ["a", "c"]);
    }
}
