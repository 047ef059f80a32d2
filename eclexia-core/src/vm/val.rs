//! Run-time values inside the machine (LANGUAGE §6.1) and their display forms (§6.8).
//!
//! A value is 16 bytes: scalars inline, everything else behind an `Rc`. Evaluation is
//! single-threaded, so `Rc`/`RefCell` are the right tools; what crosses back to a host is
//! converted to the owned, `Send` [`crate::Value`]. Arrays and maps are shared references —
//! binding or passing one shares it, and `push`/`a[i] = v`/`hashmap_insert` are seen
//! through every alias — while strings, structs, tuples and enum values are values: they
//! are immutable once shared, and an update of an unshared one (`s = s + "x"`, `p.x = 1`)
//! happens in place (`Rc::make_mut`), so appending in a loop is amortised O(1).
//!
//! Every heap object reports its size to [`super::mem`] when it is created, grown and
//! dropped, which gives the deterministic live-heap estimate of §13 (`max_memory`).
//!
//! Display needs names the values do not carry (struct, field, variant and function
//! names); [`Names`] supplies them from the compiled program.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::rc::Rc;

use super::mem;
use crate::units::{Dim, format_float, format_quantity};

/// A run-time value.
#[derive(Clone, Debug)]
pub enum Val {
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
    /// A dimensioned magnitude in canonical units (never dimensionless: that is a Float).
    Quantity(f64, Dim),
    /// A string; updated in place only while unshared.
    Str(Rc<StrObj>),
    /// A shared, mutable array.
    Array(Rc<ArrayObj>),
    /// A shared, mutable map in insertion order.
    Map(Rc<MapObj>),
    /// A tuple.
    Tuple(Rc<Fields>),
    /// A struct: its type and fields in declaration order.
    Struct(Rc<Fields>),
    /// An enum variant without payload (no allocation: `None`, `Red`).
    Tag(u32, u32),
    /// An enum variant with payload (positional, or fields in declaration order).
    Variant(Rc<VariantObj>),
    /// `a..b` (false) or `a..=b` (true).
    Range(Rc<(i64, i64, bool)>),
    /// A plain or adaptive function, or a builtin.
    Func(FuncRef),
    /// A closure: its code and captured cells.
    Closure(Rc<ClosureObj>),
    /// `Echo { witness, base }` (§10).
    Echo(Rc<EchoObj>),
    /// A captured binding's cell (never visible to programs; §6.6 sharing).
    Cell(Rc<CellObj>),
}

/// What a function value refers to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FuncRef {
    /// A plain or adaptive function, by its index in the compiled program.
    Fn(u32),
    /// A builtin, by its index in the builtin table.
    Builtin(u16),
    /// A host function, by its index in the program's host declarations.
    Host(u16),
}

/// Accounted bytes of a heap object's header (the `Rc` counts and the value itself).
const HEADER: usize = 32;
/// Accounted bytes per value slot.
const SLOT: usize = std::mem::size_of::<Val>();

/// A string's storage.
#[derive(Debug)]
pub struct StrObj(pub String);

impl StrObj {
    /// A new string value, accounted.
    pub fn wrap(s: String) -> Val {
        mem::charge(HEADER + s.len());
        Val::Str(Rc::new(StrObj(s)))
    }
}

impl Clone for StrObj {
    fn clone(&self) -> Self {
        mem::charge(HEADER + self.0.len());
        StrObj(self.0.clone())
    }
}

impl Drop for StrObj {
    fn drop(&mut self) {
        mem::release(HEADER + self.0.len());
    }
}

/// An array's storage.
#[derive(Debug)]
pub struct ArrayObj(pub RefCell<Vec<Val>>);

impl ArrayObj {
    /// A new array value, accounted.
    pub fn wrap(v: Vec<Val>) -> Val {
        mem::charge(HEADER + SLOT * v.len());
        Val::Array(Rc::new(ArrayObj(RefCell::new(v))))
    }
}

impl Drop for ArrayObj {
    fn drop(&mut self) {
        let items = self.0.get_mut();
        mem::release(HEADER + SLOT * items.len());
        drop_children(std::mem::take(items));
    }
}

/// A map's storage: entries in insertion order (§6.1).
#[derive(Debug)]
pub struct MapObj(pub RefCell<MapValue>);

impl MapObj {
    /// A new, empty map value.
    pub fn new_empty() -> Val {
        mem::charge(HEADER);
        Val::Map(Rc::new(MapObj(RefCell::new(MapValue::default()))))
    }
}

impl Drop for MapObj {
    fn drop(&mut self) {
        let map = self.0.get_mut();
        mem::release(HEADER + 2 * SLOT * map.len());
        let entries = std::mem::take(&mut map.entries);
        drop_children(entries.into_iter().flat_map(|(k, v)| [k, v]).collect());
    }
}

/// The fields of a tuple or struct (`tag` is the struct's type; 0 for tuples).
#[derive(Debug)]
pub struct Fields {
    /// The struct's type id (unused for tuples).
    pub tag: u32,
    /// The elements.
    pub items: Vec<Val>,
}

impl Fields {
    /// Accounts and wraps.
    pub fn new(tag: u32, items: Vec<Val>) -> Rc<Fields> {
        mem::charge(HEADER + SLOT * items.len());
        Rc::new(Fields { tag, items })
    }
}

impl Clone for Fields {
    fn clone(&self) -> Self {
        mem::charge(HEADER + SLOT * self.items.len());
        Fields {
            tag: self.tag,
            items: self.items.clone(),
        }
    }
}

impl Drop for Fields {
    fn drop(&mut self) {
        mem::release(HEADER + SLOT * self.items.len());
        drop_children(std::mem::take(&mut self.items));
    }
}

/// An enum variant with payload.
#[derive(Debug)]
pub struct VariantObj {
    /// The enum's type id.
    pub adt: u32,
    /// The variant's index.
    pub variant: u32,
    /// The payload.
    pub items: Vec<Val>,
}

impl VariantObj {
    /// Accounts and wraps.
    pub fn wrap(adt: u32, variant: u32, items: Vec<Val>) -> Val {
        mem::charge(HEADER + SLOT * items.len());
        Val::Variant(Rc::new(VariantObj {
            adt,
            variant,
            items,
        }))
    }
}

impl Clone for VariantObj {
    fn clone(&self) -> Self {
        mem::charge(HEADER + SLOT * self.items.len());
        VariantObj {
            adt: self.adt,
            variant: self.variant,
            items: self.items.clone(),
        }
    }
}

impl Drop for VariantObj {
    fn drop(&mut self) {
        mem::release(HEADER + SLOT * self.items.len());
        drop_children(std::mem::take(&mut self.items));
    }
}

/// A closure: the function it runs and the cells of the bindings it captured.
#[derive(Debug)]
pub struct ClosureObj {
    /// Index of its code in the compiled program.
    pub proto: u32,
    /// Captured cells, in the order the code refers to them.
    pub upvals: Box<[Rc<CellObj>]>,
}

impl ClosureObj {
    /// Accounts and wraps.
    pub fn wrap(proto: u32, upvals: Box<[Rc<CellObj>]>) -> Val {
        mem::charge(HEADER + 8 * upvals.len());
        Val::Closure(Rc::new(ClosureObj { proto, upvals }))
    }
}

impl Drop for ClosureObj {
    fn drop(&mut self) {
        mem::release(HEADER + 8 * self.upvals.len());
    }
}

/// A captured binding.
#[derive(Debug)]
pub struct CellObj(pub RefCell<Val>);

impl CellObj {
    /// A new cell holding `v`.
    pub fn new(v: Val) -> Rc<CellObj> {
        mem::charge(HEADER + SLOT);
        Rc::new(CellObj(RefCell::new(v)))
    }
}

impl Drop for CellObj {
    fn drop(&mut self) {
        mem::release(HEADER + SLOT);
        let v = std::mem::replace(self.0.get_mut(), Val::Unit);
        if v.is_heap() {
            drop_children(vec![v]);
        }
    }
}

/// An echo's witness and base.
#[derive(Debug)]
pub struct EchoObj(pub Val, pub Val);

impl EchoObj {
    /// Accounts and wraps.
    pub fn wrap(witness: Val, base: Val) -> Val {
        mem::charge(HEADER + 2 * SLOT);
        Val::Echo(Rc::new(EchoObj(witness, base)))
    }
}

impl Drop for EchoObj {
    fn drop(&mut self) {
        mem::release(HEADER + 2 * SLOT);
        let a = std::mem::replace(&mut self.0, Val::Unit);
        let b = std::mem::replace(&mut self.1, Val::Unit);
        drop_children(vec![a, b]);
    }
}

thread_local! {
    /// Values whose drop was deferred, and whether a drain loop is running.
    static PENDING: RefCell<Vec<Val>> = const { RefCell::new(Vec::new()) };
    static DRAINING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Drops the children of a container without native recursion: a list a million nodes
/// long is freed by a loop, not by a million nested `drop` calls (which would overflow the
/// stack). Children without heap data are dropped in place.
fn drop_children(items: Vec<Val>) {
    if !items.iter().any(Val::is_heap) {
        return;
    }
    let nested = DRAINING.with(|d| d.replace(true));
    PENDING.with(|p| {
        if let Ok(mut p) = p.try_borrow_mut() {
            p.extend(items.into_iter().filter(Val::is_heap));
        }
    });
    if nested {
        // An outer call is draining; it will drop what was queued.
        return;
    }
    loop {
        let next = PENDING.with(|p| p.try_borrow_mut().ok().and_then(|mut p| p.pop()));
        match next {
            // Dropping may queue this value's own children (the borrow is released).
            Some(v) => drop(v),
            None => break,
        }
    }
    DRAINING.with(|d| d.set(false));
}

/// A map in insertion order (§6.1): inserting an existing key replaces its value in
/// place, removing a key keeps the order of the others. Lookups are linear: maps in
/// Eclexia programs are small configuration-like tables, and a linear scan over
/// structural equality needs no hashing rules for floats and nested values.
#[derive(Debug, Default)]
pub struct MapValue {
    entries: Vec<(Val, Val)>,
}

impl MapValue {
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn position(&self, key: &Val) -> Option<usize> {
        self.entries.iter().position(|(k, _)| k.eq_value(key))
    }

    /// Inserts or replaces (keeping the key's position). Returns true when a new entry
    /// was added (the caller accounts its memory).
    pub fn insert(&mut self, key: Val, value: Val) -> bool {
        match self.position(&key) {
            Some(i) => {
                self.entries[i].1 = value;
                false
            }
            None => {
                self.entries.push((key, value));
                true
            }
        }
    }

    /// The value for `key`.
    pub fn get(&self, key: &Val) -> Option<&Val> {
        self.position(key).map(|i| &self.entries[i].1)
    }

    /// Removes `key`, keeping the order of the rest.
    pub fn remove(&mut self, key: &Val) -> Option<Val> {
        let i = self.position(key)?;
        mem::release(2 * SLOT);
        Some(self.entries.remove(i).1)
    }

    /// Entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &(Val, Val)> {
        self.entries.iter()
    }
}

/// Accounted size of one map entry (for inserts).
pub const MAP_ENTRY: usize = 2 * SLOT;
/// Accounted size of one array element (for pushes).
pub const ARRAY_SLOT: usize = SLOT;

/// Names the display forms need, looked up in the compiled program.
pub trait Names {
    /// A struct's or enum's name.
    fn type_name(&self, adt: u32) -> &str;
    /// A struct's field names in declaration order.
    fn field_names(&self, adt: u32) -> &[String];
    /// A variant's name, and its field names if it is a struct variant.
    fn variant(&self, adt: u32, variant: u32) -> (&str, Option<&[String]>);
    /// A function's declared name and whether it is adaptive.
    fn fn_name(&self, f: u32) -> (&str, bool);
    /// A host function's name.
    fn host_name(&self, h: u16) -> &str {
        let _ = h;
        "host"
    }
}

impl Val {
    /// A string value.
    pub fn str(s: impl Into<String>) -> Val {
        StrObj::wrap(s.into())
    }

    /// Whether the value owns heap data (dropping it may free something).
    #[inline]
    pub fn is_heap(&self) -> bool {
        !matches!(
            self,
            Val::Unit
                | Val::Bool(_)
                | Val::Int(_)
                | Val::Float(_)
                | Val::Char(_)
                | Val::Quantity(..)
                | Val::Tag(..)
                | Val::Func(_)
        )
    }

    /// A dimensioned value, or a Float when `d` is dimensionless (§5.2).
    pub fn quantity(m: f64, d: Dim) -> Val {
        if d.is_dimensionless() {
            Val::Float(m)
        } else {
            Val::Quantity(m, d)
        }
    }

    /// Structural equality (§6.1): deep; floats and magnitudes by IEEE rules (NaN ≠ NaN,
    /// `1kJ == 1000J`); maps equal when they map the same keys to equal values, in any
    /// order; arrays and maps compare their contents, not their identity.
    pub fn eq_value(&self, other: &Val) -> bool {
        crate::stack::guard(|| self.eq_inner(other))
    }

    fn eq_inner(&self, other: &Val) -> bool {
        use Val::*;
        match (self, other) {
            (Unit, Unit) => true,
            (Bool(a), Bool(b)) => a == b,
            (Int(a), Int(b)) => a == b,
            (Float(a), Float(b)) => a == b,
            (Int(a), Float(b)) | (Float(b), Int(a)) => (*a as f64) == *b,
            (Char(a), Char(b)) => a == b,
            (Quantity(a, d), Quantity(b, e)) => d == e && a == b,
            (Str(a), Str(b)) => a.0 == b.0,
            (Array(a), Array(b)) => {
                Rc::ptr_eq(a, b) && !has_nan(&a.0.borrow())
                    || slices_eq(&a.0.borrow(), &b.0.borrow())
            }
            (Map(a), Map(b)) => {
                let (a, b) = (a.0.borrow(), b.0.borrow());
                a.len() == b.len()
                    && a.iter()
                        .all(|(k, v)| b.get(k).is_some_and(|w| v.eq_value(w)))
            }
            (Tuple(a), Tuple(b)) | (Struct(a), Struct(b)) => {
                a.tag == b.tag && slices_eq(&a.items, &b.items)
            }
            (Tag(a, v), Tag(b, w)) => a == b && v == w,
            (Variant(a), Variant(b)) => {
                a.adt == b.adt && a.variant == b.variant && slices_eq(&a.items, &b.items)
            }
            (Range(a), Range(b)) => a == b,
            (Func(a), Func(b)) => a == b,
            (Closure(a), Closure(b)) => Rc::ptr_eq(a, b),
            (Echo(a), Echo(b)) => a.0.eq_value(&b.0) && a.1.eq_value(&b.1),
            (Cell(a), Cell(b)) => a.0.borrow().eq_value(&b.0.borrow()),
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

    /// Writes D (`nested == false`) or N (`nested == true`) into `out`. Containers nest
    /// as deep as the program built them; the recursion grows the stack on demand.
    pub fn write(&self, out: &mut String, names: &dyn Names, nested: bool) {
        crate::stack::guard(|| self.write_inner(out, names, nested))
    }

    fn write_inner(&self, out: &mut String, names: &dyn Names, nested: bool) {
        match self {
            Val::Unit => out.push_str("()"),
            Val::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Val::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Val::Float(f) => out.push_str(&format_float(*f)),
            Val::Quantity(m, d) => {
                if d.is_dimensionless() {
                    out.push_str(&format_float(*m));
                } else {
                    out.push_str(&format_quantity(*m, *d));
                }
            }
            Val::Char(c) => {
                if nested {
                    out.push('\'');
                    escape_into(out, *c, true);
                    out.push('\'');
                } else {
                    out.push(*c);
                }
            }
            Val::Str(s) => {
                if nested {
                    out.push('"');
                    for c in s.0.chars() {
                        escape_into(out, c, false);
                    }
                    out.push('"');
                } else {
                    out.push_str(&s.0);
                }
            }
            Val::Array(a) => {
                out.push('[');
                // A snapshot: a nested element may be this array again.
                let items = a.0.borrow().clone();
                write_list(out, &items, names);
                out.push(']');
            }
            Val::Map(m) => {
                out.push('{');
                let entries: Vec<(Val, Val)> = m.0.borrow().iter().cloned().collect();
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    k.write(out, names, true);
                    out.push_str(": ");
                    v.write(out, names, true);
                }
                out.push('}');
            }
            Val::Tuple(t) => {
                out.push('(');
                write_list(out, &t.items, names);
                if t.items.len() == 1 {
                    out.push(',');
                }
                out.push(')');
            }
            Val::Struct(s) => {
                let fields = names.field_names(s.tag);
                write_struct(out, names.type_name(s.tag), fields, &s.items, names);
            }
            Val::Tag(adt, v) => out.push_str(names.variant(*adt, *v).0),
            Val::Variant(v) => {
                let (name, fields) = names.variant(v.adt, v.variant);
                match fields {
                    Some(fields) => write_struct(out, name, fields, &v.items, names),
                    None if v.items.is_empty() => out.push_str(name),
                    None => {
                        out.push_str(name);
                        out.push('(');
                        write_list(out, &v.items, names);
                        out.push(')');
                    }
                }
            }
            Val::Range(r) => {
                let _ = write!(out, "{}{}{}", r.0, if r.2 { "..=" } else { ".." }, r.1);
            }
            Val::Func(FuncRef::Fn(f)) => {
                let (name, adaptive) = names.fn_name(*f);
                if adaptive {
                    let _ = write!(out, "<adaptive fn {name}>");
                } else {
                    let _ = write!(out, "<fn {name}>");
                }
            }
            Val::Func(FuncRef::Builtin(b)) => {
                let name = crate::check::builtins::BUILTINS
                    .get(*b as usize)
                    .copied()
                    .unwrap_or("?");
                let _ = write!(out, "<builtin {name}>");
            }
            Val::Func(FuncRef::Host(h)) => {
                let _ = write!(out, "<builtin {}>", names.host_name(*h));
            }
            Val::Closure(_) => out.push_str("<closure>"),
            Val::Echo(e) => {
                out.push_str("Echo { witness: ");
                e.0.write(out, names, true);
                out.push_str(", base: ");
                e.1.write(out, names, true);
                out.push_str(" }");
            }
            Val::Cell(c) => c.0.borrow().write(out, names, nested),
        }
    }
}

fn has_nan(items: &[Val]) -> bool {
    items
        .iter()
        .any(|v| matches!(v, Val::Float(f) | Val::Quantity(f, _) if f.is_nan()))
}

fn slices_eq(a: &[Val], b: &[Val]) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.eq_value(y))
}

fn write_list(out: &mut String, items: &[Val], names: &dyn Names) {
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
    fields: &[String],
    values: &[Val],
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

    #[test]
    fn a_million_deep_list_drops_without_recursion() {
        let mut list = Val::Tag(0, 1);
        for i in 0..1_000_000 {
            list = VariantObj::wrap(0, 0, vec![Val::Int(i), list]);
        }
        drop(list);
        let mut nested = ArrayObj::wrap(vec![]);
        for _ in 0..1_000_000 {
            nested = ArrayObj::wrap(vec![nested]);
        }
        drop(nested);
    }

    #[test]
    fn values_are_16_bytes() {
        assert_eq!(std::mem::size_of::<Val>(), 16);
    }

    struct TestNames {
        fields: Vec<String>,
        some: Vec<String>,
    }

    impl Names for TestNames {
        fn type_name(&self, _adt: u32) -> &str {
            "Point"
        }
        fn field_names(&self, _adt: u32) -> &[String] {
            &self.fields
        }
        fn variant(&self, _adt: u32, variant: u32) -> (&str, Option<&[String]>) {
            match variant {
                0 => ("Some", None),
                1 => ("None", None),
                _ => ("Box", Some(&self.some)),
            }
        }
        fn fn_name(&self, f: u32) -> (&str, bool) {
            ("render", f == 1)
        }
    }

    fn names() -> TestNames {
        TestNames {
            fields: vec!["x".into(), "y".into()],
            some: vec!["w".into(), "h".into()],
        }
    }

    fn d(v: &Val) -> String {
        v.display(&names())
    }

    fn arr(xs: Vec<Val>) -> Val {
        ArrayObj::wrap(xs)
    }

    #[test]
    fn scalars() {
        assert_eq!(d(&Val::Int(-42)), "-42");
        assert_eq!(d(&Val::Float(1500.0)), "1500.0");
        assert_eq!(d(&Val::Float(-0.0)), "-0.0");
        assert_eq!(d(&Val::Bool(true)), "true");
        assert_eq!(d(&Val::Unit), "()");
        assert_eq!(d(&Val::str("a\"b")), "a\"b");
        assert_eq!(d(&Val::Char('\'')), "'");
    }

    #[test]
    fn quantities_use_unit_names() {
        assert_eq!(d(&Val::Quantity(1500.0, Dim::ENERGY)), "1500J");
        assert_eq!(d(&Val::Quantity(0.25, Dim::TIME)), "0.25s");
        assert_eq!(d(&Val::Quantity(25.0, Dim::POWER)), "25W");
        assert_eq!(d(&Val::Quantity(2.5e-20, Dim::ENERGY)), "2.5e-20J");
    }

    #[test]
    fn containers_use_the_nested_form() {
        let v = arr(vec![Val::str("a\n"), Val::Char('\''), Val::Int(1)]);
        assert_eq!(d(&v), r#"["a\n", '\'', 1]"#);
        assert_eq!(d(&arr(vec![])), "[]");
        let t = Val::Tuple(Fields::new(0, vec![Val::Int(1)]));
        assert_eq!(d(&t), "(1,)");
        let m = MapObj::new_empty();
        if let Val::Map(m) = &m {
            m.0.borrow_mut().insert(Val::str("a"), Val::Int(1));
            m.0.borrow_mut().insert(Val::str("b"), Val::Int(2));
            m.0.borrow_mut().insert(Val::str("a"), Val::Int(3));
        }
        assert_eq!(d(&m), r#"{"a": 3, "b": 2}"#);
    }

    #[test]
    fn structs_enums_functions_ranges_echoes() {
        let p = Val::Struct(Fields::new(0, vec![Val::Float(1.5), Val::Float(-2.0)]));
        assert_eq!(d(&p), "Point { x: 1.5, y: -2.0 }");
        assert_eq!(d(&VariantObj::wrap(0, 0, vec![Val::Int(5)])), "Some(5)");
        assert_eq!(d(&Val::Tag(0, 1)), "None");
        let b = VariantObj::wrap(0, 2, vec![Val::Int(1), Val::Int(2)]);
        assert_eq!(d(&b), "Box { w: 1, h: 2 }");
        assert_eq!(d(&Val::Func(FuncRef::Fn(0))), "<fn render>");
        assert_eq!(d(&Val::Func(FuncRef::Fn(1))), "<adaptive fn render>");
        let len = Val::Func(FuncRef::Builtin(crate::vm::builtins::id("len")));
        assert_eq!(d(&len), "<builtin len>");
        assert_eq!(d(&Val::Range(Rc::new((1, 3, true)))), "1..=3");
        let e = EchoObj::wrap(Val::Int(5), Val::Int(0));
        assert_eq!(d(&e), "Echo { witness: 5, base: 0 }");
    }

    #[test]
    fn equality_is_structural() {
        assert!(Val::Quantity(1000.0, Dim::ENERGY).eq_value(&Val::Quantity(1000.0, Dim::ENERGY)));
        assert!(!Val::Float(f64::NAN).eq_value(&Val::Float(f64::NAN)));
        let a = arr(vec![Val::Int(1)]);
        let b = arr(vec![Val::Int(1)]);
        assert!(a.eq_value(&b));
        let n = arr(vec![Val::Float(f64::NAN)]);
        assert!(!n.eq_value(&n.clone()));
    }

    #[test]
    fn map_removal_keeps_order() {
        let mut m = MapValue::default();
        for i in 0..4 {
            m.insert(Val::Int(i), Val::Int(i * 10));
        }
        m.remove(&Val::Int(1));
        let keys: Vec<i64> = m
            .iter()
            .map(|(k, _)| match k {
                Val::Int(i) => *i,
                _ => -1,
            })
            .collect();
        assert_eq!(keys, vec![0, 2, 3]);
    }
}
