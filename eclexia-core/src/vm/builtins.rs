//! The builtins of LANGUAGE §11 at run time. Their types are the checker's
//! (`check/builtins.rs`); here the arguments are values of those types. Builtins are not
//! metered (§7.4); the closures they call are ordinary, metered calls.

use std::rc::Rc;

use super::val::*;
use super::{Trap, Vm, float_to_int, mem};
use crate::check::builtins::BUILTINS;
use crate::diagnostic::ErrorCode;
use crate::span::Span;
use crate::units::{Dim, Resource, format_float};

/// The index of builtin `name` (canonical name, aliases resolved by the checker).
pub fn id(name: &str) -> u16 {
    let canon = crate::check::builtins::builtin_name(name).unwrap_or(name);
    BUILTINS
        .iter()
        .position(|b| *b == canon)
        .unwrap_or(usize::from(u16::MAX)) as u16
}

type R = Result<Val, Trap>;

fn bool_(b: bool) -> R {
    Ok(Val::Bool(b))
}

fn some(v: Val) -> Val {
    VariantObj::wrap(0, 0, vec![v])
}

fn none() -> Val {
    Val::Tag(0, 1)
}

fn num(v: &Val) -> f64 {
    match v {
        Val::Float(f) => *f,
        Val::Int(i) => *i as f64,
        Val::Quantity(m, _) => *m,
        _ => f64::NAN,
    }
}

fn int(v: &Val) -> i64 {
    match v {
        Val::Int(i) => *i,
        _ => 0,
    }
}

fn text(v: &Val) -> &str {
    match v {
        Val::Str(s) => &s.0,
        _ => "",
    }
}

fn array(v: &Val) -> Option<Rc<ArrayObj>> {
    match v {
        Val::Array(a) => Some(a.clone()),
        _ => None,
    }
}

fn map(v: &Val) -> Option<Rc<MapObj>> {
    match v {
        Val::Map(m) => Some(m.clone()),
        _ => None,
    }
}

/// `(is the variant the first one (Some/Ok), payload)` of an Option or Result value.
fn split_enum(v: &Val) -> (bool, Option<Val>) {
    match v {
        Val::Variant(o) => (o.variant == 0, o.items.first().cloned()),
        Val::Tag(_, var) => (*var == 0, None),
        _ => (false, None),
    }
}

fn resource(v: &Val) -> Resource {
    Resource::ALL
        .get(int(v).max(0) as usize)
        .copied()
        .unwrap_or(Resource::Energy)
}

/// Calls builtin `id` with `args` (already evaluated, left to right) at `at`.
pub fn call(vm: &mut Vm<'_>, id: u16, args: &mut [Val], at: Span) -> R {
    let Some(&name) = BUILTINS.get(id as usize) else {
        return Err(vm.trap_at(ErrorCode::E0599, "unknown builtin".into(), at));
    };
    let err = |vm: &Vm<'_>, code: ErrorCode, msg: String| Err(vm.trap_at(code, msg, at));
    let names = vm.code();
    let a = |i: usize| -> &Val { &args[i] };
    match name {
        // ----- §11.1 output, assertions, panics -----
        "print" | "println" => {
            let mut out = String::new();
            for (i, v) in args.iter().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                v.write(&mut out, names, false);
            }
            if name == "println" {
                out.push('\n');
            }
            vm.print(&out, at)?;
            Ok(Val::Unit)
        }
        "assert" => {
            if matches!(a(0), Val::Bool(true)) {
                return Ok(Val::Unit);
            }
            let msg = match args.get(1) {
                Some(m) => format!("assertion failed: {}", text(m)),
                None => "assertion failed".to_string(),
            };
            err(vm, ErrorCode::E0506, msg)
        }
        "assert_eq" => {
            if a(0).eq_value(a(1)) {
                return Ok(Val::Unit);
            }
            let msg = match args.get(2) {
                Some(m) => format!("assertion failed: {}", text(m)),
                None => format!(
                    "assertion failed: {} != {}",
                    a(0).nested(names),
                    a(1).nested(names)
                ),
            };
            err(vm, ErrorCode::E0506, msg)
        }
        "panic" => {
            let msg = format!("panic: {}", text(a(0)));
            err(vm, ErrorCode::E0507, msg)
        }

        // ----- §11.2 conversions -----
        "to_string" => Ok(Val::str(a(0).display(names))),
        "parse_int" => Ok(parse_int(text(a(0)))
            .map(|i| some(Val::Int(i)))
            .unwrap_or_else(none)),
        "parse_float" => Ok(parse_float(text(a(0)))
            .map(|f| some(Val::Float(f)))
            .unwrap_or_else(none)),
        "to_int" => match float_to_int(num(a(0))) {
            Some(v) => Ok(v),
            None => {
                let msg = format!("cannot convert {} to Int", format_float(num(a(0))));
                err(vm, ErrorCode::E0504, msg)
            }
        },
        "to_float" => Ok(Val::Float(num(a(0)))),

        // ----- §11.3 math -----
        "abs" => match a(0) {
            Val::Int(i) => match i.checked_abs() {
                Some(v) => Ok(Val::Int(v)),
                None => err(vm, ErrorCode::E0502, "integer overflow in 'abs'".into()),
            },
            Val::Float(f) => Ok(Val::Float(f.abs())),
            Val::Quantity(m, d) => Ok(Val::Quantity(m.abs(), *d)),
            other => Ok(other.clone()),
        },
        "min" | "max" => {
            let want_min = name == "min";
            match (a(0), a(1)) {
                (Val::Int(x), Val::Int(y)) => {
                    Ok(Val::Int(if want_min { *x.min(y) } else { *x.max(y) }))
                }
                (Val::Quantity(x, d), Val::Quantity(y, _)) => {
                    Ok(Val::Quantity(pick(*x, *y, want_min), *d))
                }
                (x, y) => Ok(Val::Float(pick(num(x), num(y), want_min))),
            }
        }
        "sqrt" => Ok(Val::Float(num(a(0)).sqrt())),
        "exp" => Ok(Val::Float(num(a(0)).exp())),
        "ln" => Ok(Val::Float(num(a(0)).ln())),
        "log10" => Ok(Val::Float(num(a(0)).log10())),
        "log2" => Ok(Val::Float(num(a(0)).log2())),
        "sin" => Ok(Val::Float(num(a(0)).sin())),
        "cos" => Ok(Val::Float(num(a(0)).cos())),
        "tan" => Ok(Val::Float(num(a(0)).tan())),
        "log" => match args.get(1) {
            Some(b) => Ok(Val::Float(num(a(0)).ln() / num(b).ln())),
            None => Ok(Val::Float(num(a(0)).ln())),
        },
        "pow" => Ok(Val::Float(num(a(0)).powf(num(a(1))))),
        "floor" | "ceil" | "round" => {
            let x = num(a(0));
            let r = match name {
                "floor" => x.floor(),
                "ceil" => x.ceil(),
                _ => x.round(),
            };
            match float_to_int(r) {
                Some(v) => Ok(v),
                None => {
                    let msg = format!("cannot convert {} to Int", format_float(x));
                    err(vm, ErrorCode::E0504, msg)
                }
            }
        }
        "PI" => Ok(Val::Float(std::f64::consts::PI)),
        "E" => Ok(Val::Float(std::f64::consts::E)),
        "TAU" => Ok(Val::Float(std::f64::consts::TAU)),

        // ----- §11.4 strings -----
        "len" => Ok(Val::Int(match a(0) {
            Val::Str(s) => s.0.chars().count() as i64,
            Val::Array(x) => x.0.borrow().len() as i64,
            Val::Map(m) => m.0.borrow().len() as i64,
            _ => 0,
        })),
        "is_empty" => bool_(match a(0) {
            Val::Str(s) => s.0.is_empty(),
            Val::Array(x) => x.0.borrow().is_empty(),
            Val::Map(m) => m.0.borrow().is_empty(),
            _ => true,
        }),
        "contains" => match a(0) {
            Val::Str(s) => bool_(s.0.contains(text(a(1)))),
            Val::Array(x) => {
                let items = x.0.borrow().clone();
                bool_(items.iter().any(|v| v.eq_value(a(1))))
            }
            Val::Map(m) => bool_(m.0.borrow().get(a(1)).is_some()),
            _ => bool_(false),
        },
        "starts_with" => bool_(text(a(0)).starts_with(text(a(1)))),
        "ends_with" => bool_(text(a(0)).ends_with(text(a(1)))),
        "to_uppercase" => Ok(Val::str(text(a(0)).to_uppercase())),
        "to_lowercase" => Ok(Val::str(text(a(0)).to_lowercase())),
        "trim" => Ok(Val::str(text(a(0)).trim())),
        "replace" => {
            let (s, from, to) = (text(a(0)), text(a(1)), text(a(2)));
            if from.is_empty() {
                return err(vm, ErrorCode::E0599, "replace: empty pattern".into());
            }
            let grows = to.len().saturating_sub(from.len());
            let worst = s.len() + grows.saturating_mul(s.len() / from.len() + 1);
            vm.reserve(worst, at)?;
            Ok(Val::str(s.replace(from, to)))
        }
        "split" => {
            let (s, sep) = (text(a(0)), text(a(1)));
            if sep.is_empty() {
                return err(vm, ErrorCode::E0599, "split: empty separator".into());
            }
            let parts: Vec<Val> = s.split(sep).map(Val::str).collect();
            Ok(ArrayObj::wrap(parts))
        }
        "join" => {
            let parts = array(a(0))
                .map(|x| x.0.borrow().clone())
                .unwrap_or_default();
            let sep = text(a(1));
            let total: usize = parts.iter().map(|p| text(p).len() + sep.len()).sum();
            vm.reserve(total, at)?;
            let mut out = String::with_capacity(total);
            for (i, p) in parts.iter().enumerate() {
                if i > 0 {
                    out.push_str(sep);
                }
                out.push_str(text(p));
            }
            Ok(Val::str(out))
        }
        "substring" => {
            let s = text(a(0));
            let (start, end) = (int(a(1)), int(a(2)));
            let n = s.chars().count() as i64;
            // The first offending index is reported (start before end).
            let bad = if start < 0 || start > n {
                Some(start)
            } else if end < 0 || end > n {
                Some(end)
            } else if start > end {
                Some(start)
            } else {
                None
            };
            if let Some(i) = bad {
                let msg = format!("index {i} out of bounds for length {n}");
                return err(vm, ErrorCode::E0505, msg);
            }
            let sub: String = s
                .chars()
                .skip(start as usize)
                .take((end - start) as usize)
                .collect();
            Ok(Val::str(sub))
        }
        "chars" => {
            let s = text(a(0));
            vm.reserve(s.len() * 16, at)?;
            Ok(ArrayObj::wrap(s.chars().map(Val::Char).collect()))
        }

        // ----- §11.5 arrays, maps, Option, Result -----
        "push" => {
            if let Some(x) = array(a(0)) {
                vm.reserve(ARRAY_SLOT, at)?;
                mem::charge(ARRAY_SLOT);
                let v = std::mem::replace(&mut args[1], Val::Unit);
                x.0.borrow_mut().push(v);
            }
            Ok(Val::Unit)
        }
        "pop" => {
            let popped = array(a(0)).and_then(|x| x.0.borrow_mut().pop());
            Ok(match popped {
                Some(v) => {
                    mem::release(ARRAY_SLOT);
                    some(v)
                }
                None => none(),
            })
        }
        "reverse" => {
            let mut items = array(a(0))
                .map(|x| x.0.borrow().clone())
                .unwrap_or_default();
            vm.reserve(items.len() * ARRAY_SLOT, at)?;
            items.reverse();
            Ok(ArrayObj::wrap(items))
        }
        "sort" => {
            let mut items = array(a(0))
                .map(|x| x.0.borrow().clone())
                .unwrap_or_default();
            vm.reserve(items.len() * ARRAY_SLOT, at)?;
            if items
                .iter()
                .any(|v| matches!(v, Val::Float(f) | Val::Quantity(f, _) if f.is_nan()))
            {
                return err(vm, ErrorCode::E0599, "sort: the array contains NaN".into());
            }
            items.sort_by(|x, y| super::ord(x, y).unwrap_or(std::cmp::Ordering::Equal));
            Ok(ArrayObj::wrap(items))
        }
        "map" | "filter" => {
            let items = array(a(0))
                .map(|x| x.0.borrow().clone())
                .unwrap_or_default();
            let f = a(1).clone();
            let mut out = Vec::with_capacity(items.len());
            for item in items {
                let r = vm.call_value(&f, vec![item.clone()], at)?;
                if name == "map" {
                    out.push(r);
                } else if matches!(r, Val::Bool(true)) {
                    out.push(item);
                }
                vm.reserve(ARRAY_SLOT * out.len(), at)?;
            }
            Ok(ArrayObj::wrap(out))
        }
        "fold" => {
            let items = array(a(0))
                .map(|x| x.0.borrow().clone())
                .unwrap_or_default();
            let mut acc = std::mem::replace(&mut args[1], Val::Unit);
            let f = args[2].clone();
            for item in items {
                acc = vm.call_value(&f, vec![acc, item], at)?;
            }
            Ok(acc)
        }
        "sum" => {
            let items = array(a(0))
                .map(|x| x.0.borrow().clone())
                .unwrap_or_default();
            if items.is_empty() {
                // The compiler passes the element type's zero as a hidden argument.
                return Ok(args.get(1).cloned().unwrap_or(Val::Int(0)));
            }
            sum(vm, &items, at)
        }
        "range" => {
            let (lo, hi) = match args.get(1) {
                Some(b) => (int(a(0)), int(b)),
                None => (0, int(a(0))),
            };
            let n = if hi > lo {
                (hi as i128 - lo as i128) as u128
            } else {
                0
            };
            vm.reserve(
                (n.min(usize::MAX as u128) as usize).saturating_mul(ARRAY_SLOT),
                at,
            )?;
            Ok(ArrayObj::wrap((lo..hi.max(lo)).map(Val::Int).collect()))
        }
        "hashmap_new" => Ok(MapObj::new_empty()),
        "hashmap_insert" => {
            if let Some(m) = map(a(0)) {
                let k = std::mem::replace(&mut args[1], Val::Unit);
                let v = std::mem::replace(&mut args[2], Val::Unit);
                if m.0.borrow_mut().insert(k, v) {
                    mem::charge(MAP_ENTRY);
                    vm.check_memory(at)?;
                }
            }
            Ok(Val::Unit)
        }
        "hashmap_get" => Ok(map(a(0))
            .and_then(|m| m.0.borrow().get(a(1)).cloned())
            .map(some)
            .unwrap_or_else(none)),
        "hashmap_remove" => Ok(map(a(0))
            .and_then(|m| m.0.borrow_mut().remove(a(1)))
            .map(some)
            .unwrap_or_else(none)),
        "hashmap_contains" => bool_(map(a(0)).is_some_and(|m| m.0.borrow().get(a(1)).is_some())),
        "hashmap_len" => Ok(Val::Int(map(a(0)).map_or(0, |m| m.0.borrow().len() as i64))),
        "hashmap_keys" | "hashmap_values" => {
            let items: Vec<Val> = map(a(0))
                .map(|m| {
                    m.0.borrow()
                        .iter()
                        .map(|(k, v)| if name == "hashmap_keys" { k } else { v }.clone())
                        .collect()
                })
                .unwrap_or_default();
            Ok(ArrayObj::wrap(items))
        }
        "is_some" | "is_ok" => bool_(split_enum(a(0)).0),
        "is_none" | "is_err" => bool_(!split_enum(a(0)).0),
        "unwrap" => match split_enum(a(0)) {
            (true, Some(v)) => Ok(v),
            (_, Some(e)) => {
                let msg = format!("called unwrap on Err({})", e.nested(names));
                err(vm, ErrorCode::E0508, msg)
            }
            (_, None) => err(vm, ErrorCode::E0508, "called unwrap on None".into()),
        },
        "unwrap_or" => match split_enum(a(0)) {
            (true, Some(v)) => Ok(v),
            _ => Ok(std::mem::replace(&mut args[1], Val::Unit)),
        },

        // ----- §11.6 resources and economics -----
        "shadow_price" => Ok(Val::Float(vm.shadow_price(resource(a(0))))),
        "resource_used" => {
            let r = resource(a(0));
            Ok(Val::quantity(vm.meter.used(r), r.dim()))
        }
        "consume" => {
            if int(a(0)) < 0 {
                return err(
                    vm,
                    ErrorCode::E0599,
                    "consume: not a resource amount".into(),
                );
            }
            let r = resource(a(0));
            let amount = num(a(1));
            if amount < 0.0 || amount.is_nan() {
                let shown = a(1).display(names);
                return err(
                    vm,
                    ErrorCode::E0599,
                    format!("consume: negative amount {shown}"),
                );
            }
            vm.consume(r, amount, at)?;
            Ok(Val::Unit)
        }
        "carbon_intensity" => Ok(Val::Float(vm.settings.carbon_intensity)),
        "carbon_of" => Ok(Val::quantity(
            (num(a(0)) * vm.settings.carbon_intensity) / 3_600_000.0,
            Dim::CARBON,
        )),
        "gpu_available" => bool_(vm.settings.gpu_available),
        "cpu_cores" => Ok(Val::Int(vm.settings.cpu_cores)),

        // ----- §10, §11.7 echo -----
        "echo" => {
            let f = a(0).clone();
            let x = std::mem::replace(&mut args[1], Val::Unit);
            let base = vm.call_value(&f, vec![x.clone()], at)?;
            Ok(EchoObj::wrap(x, base))
        }
        "echo_witness" | "echo_base" => match a(0) {
            Val::Echo(e) => Ok(if name == "echo_witness" {
                e.0.clone()
            } else {
                e.1.clone()
            }),
            other => Ok(other.clone()),
        },
        "landauer_cost" => {
            let (states, kelvin) = (int(a(0)), num(a(1)));
            if kelvin < 0.0 || kelvin.is_nan() {
                let msg = format!(
                    "landauer_cost: temperature {} K is negative",
                    format_float(kelvin)
                );
                return err(vm, ErrorCode::E0599, msg);
            }
            let e = if states <= 1 {
                0.0
            } else {
                (1.380649e-23 * kelvin) * (states as f64).ln()
            };
            Ok(Val::Quantity(e, Dim::ENERGY))
        }

        // ----- §11.8 host capabilities -----
        "read_file" | "write_file" | "file_exists" => {
            if !vm.settings.fs {
                return err(
                    vm,
                    ErrorCode::E0599,
                    format!("{name}: capability 'fs' not granted"),
                );
            }
            let path = text(a(0)).to_string();
            match name {
                "read_file" => match std::fs::read_to_string(&path) {
                    Ok(s) => {
                        vm.reserve(s.len(), at)?;
                        Ok(Val::str(s))
                    }
                    Err(e) => err(vm, ErrorCode::E0599, format!("read_file: {path}: {e}")),
                },
                "write_file" => match write_atomically(&path, text(a(1))) {
                    Ok(()) => Ok(Val::Unit),
                    Err(e) => err(vm, ErrorCode::E0599, format!("write_file: {path}: {e}")),
                },
                _ => bool_(std::path::Path::new(&path).exists()),
            }
        }
        "time_now_ms" => {
            if !vm.settings.clock {
                return err(
                    vm,
                    ErrorCode::E0599,
                    "time_now_ms: capability 'clock' not granted".into(),
                );
            }
            let ms = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as i64)
                .unwrap_or(0);
            Ok(Val::Int(ms))
        }
        other => err(
            vm,
            ErrorCode::E0599,
            format!("builtin '{other}' is not callable here"),
        ),
    }
}

/// `write_file` replaces the file whole: a temporary file in the same folder, renamed
/// over the target, so a crash never leaves it half-written.
fn write_atomically(path: &str, text: &str) -> std::io::Result<()> {
    let target = std::path::Path::new(path);
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, target).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

fn pick(x: f64, y: f64, min: bool) -> f64 {
    if min { x.min(y) } else { x.max(y) }
}

fn sum(vm: &Vm<'_>, items: &[Val], at: Span) -> R {
    match items.first() {
        None => Ok(Val::Int(0)),
        Some(Val::Int(_)) => {
            let mut total: i64 = 0;
            for v in items {
                match total.checked_add(int(v)) {
                    Some(t) => total = t,
                    None => {
                        return Err(vm.trap_at(
                            ErrorCode::E0502,
                            "integer overflow in 'sum'".into(),
                            at,
                        ));
                    }
                }
            }
            Ok(Val::Int(total))
        }
        Some(Val::Quantity(_, d)) => {
            let mut total = 0.0;
            for v in items {
                total += num(v);
            }
            Ok(Val::Quantity(total, *d))
        }
        Some(_) => {
            let mut total = 0.0;
            for v in items {
                total += num(v);
            }
            Ok(Val::Float(total))
        }
    }
}

/// §11.2: an optional sign, then ASCII digits, nothing else; overflow is `None`.
fn parse_int(s: &str) -> Option<i64> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse::<i64>().ok()
}

/// §11.2: decimal or exponent notation, `inf`, `NaN`.
fn parse_float(s: &str) -> Option<f64> {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let ok = match body {
        "inf" | "NaN" => true,
        _ => {
            !body.is_empty()
                && body
                    .bytes()
                    .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'+' | b'-'))
                && body.bytes().any(|b| b.is_ascii_digit())
        }
    };
    if !ok {
        return None;
    }
    s.parse::<f64>().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_int_accepts_only_sign_and_digits() {
        assert_eq!(parse_int("42"), Some(42));
        assert_eq!(parse_int("-7"), Some(-7));
        assert_eq!(parse_int("+7"), Some(7));
        assert_eq!(parse_int(" 7"), None);
        assert_eq!(parse_int("7a"), None);
        assert_eq!(parse_int(""), None);
        assert_eq!(parse_int("-"), None);
        assert_eq!(parse_int("99999999999999999999"), None);
    }

    #[test]
    fn parse_float_forms() {
        assert_eq!(parse_float("1.5"), Some(1.5));
        assert_eq!(parse_float("1e3"), Some(1000.0));
        assert_eq!(parse_float("-inf"), Some(f64::NEG_INFINITY));
        assert!(parse_float("NaN").is_some_and(f64::is_nan));
        assert_eq!(parse_float("infinity"), None);
        assert_eq!(parse_float("abc"), None);
        assert_eq!(parse_float(""), None);
    }

    #[test]
    fn every_builtin_has_an_id() {
        for b in BUILTINS {
            assert_ne!(id(b), u16::MAX, "{b}");
        }
        assert_eq!(id("str_trim"), id("trim"));
    }
}
