//! Property tests of the evaluator (LANGUAGE §6.3, §6.8, §13):
//!
//! - random Int expressions agree with Rust's checked arithmetic (value, or E0501/E0502);
//! - random Float expressions agree with Rust `f64` printed as F(x) (= Rust `{:?}`);
//! - random small programs (lets, while loops, ifs, calls, recursion, adaptive calls,
//!   budgets) under small fuel never panic and end with a value or a diagnostic;
//! - evaluation is deterministic: the same outcome twice.

use eclexia_core::{CompileOptions, Engine, ErrorCode, Program, Value, compile};
use proptest::prelude::*;

fn program(src: &str) -> Program {
    match compile(src, &CompileOptions::new("p.ecl")) {
        Ok(p) => p,
        Err(d) => panic!(
            "generated program does not compile:\n{src}\n{}",
            d.render(false)
        ),
    }
}

// ---------------------------------------------------------------------------------------
// Int and Float expressions

#[derive(Clone, Debug)]
enum Ex<T> {
    Lit(T),
    Neg(Box<Ex<T>>),
    Bin(Op, Box<Ex<T>>, Box<Ex<T>>),
}

#[derive(Clone, Copy, Debug)]
enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Rem,
}

impl Op {
    fn sym(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Sub => "-",
            Op::Mul => "*",
            Op::Div => "/",
            Op::Rem => "%",
        }
    }
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        Just(Op::Add),
        Just(Op::Sub),
        Just(Op::Mul),
        Just(Op::Div),
        Just(Op::Rem)
    ]
}

fn expr<T: Clone + std::fmt::Debug + 'static>(
    leaf: impl Strategy<Value = T> + 'static,
) -> impl Strategy<Value = Ex<T>> {
    leaf.prop_map(Ex::Lit).prop_recursive(6, 48, 2, |inner| {
        prop_oneof![
            1 => inner.clone().prop_map(|e| Ex::Neg(Box::new(e))),
            4 => (op(), inner.clone(), inner)
                .prop_map(|(o, a, b)| Ex::Bin(o, Box::new(a), Box::new(b))),
        ]
    })
}

/// Renders the expression; leaves are literals (`params == false`) or the parameters
/// `x0, x1, …` in order (so no constant folding can apply).
fn render<T>(e: &Ex<T>, lit: &dyn Fn(&T) -> String, params: bool, n: &mut usize) -> String {
    match e {
        Ex::Lit(v) => {
            if params {
                *n += 1;
                format!("x{}", *n - 1)
            } else {
                lit(v)
            }
        }
        Ex::Neg(a) => format!("(-{})", render(a, lit, params, n)),
        Ex::Bin(o, a, b) => {
            let a = render(a, lit, params, n);
            let b = render(b, lit, params, n);
            format!("({a} {} {b})", o.sym())
        }
    }
}

fn leaves<T: Clone>(e: &Ex<T>, out: &mut Vec<T>) {
    match e {
        Ex::Lit(v) => out.push(v.clone()),
        Ex::Neg(a) => leaves(a, out),
        Ex::Bin(_, a, b) => {
            leaves(a, out);
            leaves(b, out);
        }
    }
}

/// Rust reference for §6.3 Int semantics: left to right, first error wins.
fn int_ref(e: &Ex<i64>) -> Result<i64, ErrorCode> {
    match e {
        Ex::Lit(v) => Ok(*v),
        Ex::Neg(a) => int_ref(a)?.checked_neg().ok_or(ErrorCode::E0502),
        Ex::Bin(o, a, b) => {
            let a = int_ref(a)?;
            let b = int_ref(b)?;
            let r = match o {
                Op::Add => a.checked_add(b),
                Op::Sub => a.checked_sub(b),
                Op::Mul => a.checked_mul(b),
                Op::Div | Op::Rem if b == 0 => return Err(ErrorCode::E0501),
                Op::Div => a.checked_div(b),
                Op::Rem => a.checked_rem(b),
            };
            r.ok_or(ErrorCode::E0502)
        }
    }
}

/// Rust reference for §6.3 Float semantics.
fn float_ref(e: &Ex<f64>) -> Result<f64, ErrorCode> {
    match e {
        Ex::Lit(v) => Ok(*v),
        Ex::Neg(a) => Ok(-float_ref(a)?),
        Ex::Bin(o, a, b) => {
            let a = float_ref(a)?;
            let b = float_ref(b)?;
            Ok(match o {
                Op::Add => a + b,
                Op::Sub => a - b,
                Op::Mul => a * b,
                Op::Div | Op::Rem if b == 0.0 => return Err(ErrorCode::E0501),
                Op::Div => a / b,
                Op::Rem => a % b,
            })
        }
    }
}

fn int_leaf() -> impl Strategy<Value = i64> {
    // Literals are non-negative (negation is a prefix operator); mix small values, values
    // near the limits and zero so overflow and division by zero are frequent.
    prop_oneof![
        3 => 0i64..20,
        2 => 0i64..=i64::MAX,
        1 => Just(i64::MAX),
        1 => Just(0i64),
        1 => (0i64..4).prop_map(|d| i64::MAX - d),
        1 => Just(4_294_967_296i64),
        1 => Just(3_037_000_500i64),
    ]
}

fn float_leaf() -> impl Strategy<Value = f64> {
    prop_oneof![
        3 => (0u32..1000).prop_map(|x| x as f64 / 8.0),
        2 => any::<f64>().prop_filter("finite, non-negative", |x| x.is_finite() && *x >= 0.0),
        1 => Just(0.0f64),
        1 => Just(0.1f64),
        1 => Just(1e308f64),
        1 => Just(5e-324f64),
        1 => Just(3.0f64),
    ]
}

fn eval_main(src: &str, args: &[Value]) -> Result<(Value, String), ErrorCode> {
    let p = program(src);
    let entry = if p.has_function("calc") {
        "calc"
    } else {
        "main"
    };
    match Engine::new().evaluate(&p, entry, args) {
        Ok(o) => Ok((o.value, o.value_text)),
        Err(e) => {
            // Int/Float arithmetic only raises arithmetic errors.
            assert!(
                [ErrorCode::E0501, ErrorCode::E0502].contains(&e.code()),
                "{src}: {}",
                e.headers()
            );
            Err(e.code())
        }
    }
}

fn params(n: usize, ty: &str) -> String {
    (0..n)
        .map(|i| format!("x{i}: {ty}"))
        .collect::<Vec<_>>()
        .join(", ")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn int_expressions_match_checked_rust(e in expr(int_leaf())) {
        let want = int_ref(&e);
        let lit = |v: &i64| v.to_string();
        let text = render(&e, &lit, false, &mut 0);
        let got = eval_main(&format!("fn main() -> Int {{ {text} }}"), &[]);
        match (&want, &got) {
            (Ok(w), Ok((v, t))) => {
                prop_assert_eq!(v, &Value::Int(*w), "{}", text);
                prop_assert_eq!(t, &w.to_string());
            }
            (Err(w), Err(g)) => prop_assert_eq!(w, g, "{}", text),
            _ => prop_assert!(false, "{text}: want {want:?}, got {got:?}"),
        }
        // The same expression over parameters (nothing can be folded at compile time).
        let mut ls = Vec::new();
        leaves(&e, &mut ls);
        let text = render(&e, &lit, true, &mut 0);
        let src = format!("fn calc({}) -> Int {{ {text} }}", params(ls.len(), "Int"));
        let args: Vec<Value> = ls.iter().map(|v| Value::Int(*v)).collect();
        let got = eval_main(&src, &args);
        match (&want, &got) {
            (Ok(w), Ok((v, _))) => prop_assert_eq!(v, &Value::Int(*w), "{}", src),
            (Err(w), Err(g)) => prop_assert_eq!(w, g, "{}", src),
            _ => prop_assert!(false, "{src}: want {want:?}, got {got:?}"),
        }
    }

    #[test]
    fn float_expressions_match_rust_f64(e in expr(float_leaf())) {
        let want = float_ref(&e);
        let lit = |v: &f64| format!("{v:?}");
        let text = render(&e, &lit, false, &mut 0);
        let got = eval_main(&format!("fn calc() -> Float {{ {text} }}"), &[]);
        match (&want, &got) {
            (Ok(w), Ok((_, t))) => prop_assert_eq!(t, &format!("{w:?}"), "{}", text),
            (Err(w), Err(g)) => prop_assert_eq!(w, g, "{}", text),
            _ => prop_assert!(false, "{text}: want {want:?}, got {got:?}"),
        }
        let mut ls = Vec::new();
        leaves(&e, &mut ls);
        let text = render(&e, &lit, true, &mut 0);
        let src = format!("fn calc({}) -> Float {{ {text} }}", params(ls.len(), "Float"));
        let args: Vec<Value> = ls.iter().map(|v| Value::Float(*v)).collect();
        let got = eval_main(&src, &args);
        match (&want, &got) {
            (Ok(w), Ok((_, t))) => prop_assert_eq!(t, &format!("{w:?}"), "{}", src),
            (Err(w), Err(g)) => prop_assert_eq!(w, g, "{}", src),
            _ => prop_assert!(false, "{src}: want {want:?}, got {got:?}"),
        }
    }

    #[test]
    fn float_literals_print_as_rust_debug(x in any::<f64>().prop_filter("finite", |x| x.is_finite())) {
        let src = format!("fn main() {{ println({:?}, -{:?}) }}", x.abs(), x.abs());
        let o = Engine::new().evaluate(&program(&src), "main", &[]).unwrap();
        prop_assert_eq!(o.output, format!("{:?} {:?}\n", x.abs(), -x.abs()));
    }
}

// ---------------------------------------------------------------------------------------
// Random small programs

/// Draws choices from a byte string; past its end every choice is 0 (the simplest
/// alternative), so shrinking the bytes shrinks the program.
struct Choices<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Choices<'_> {
    fn pick(&mut self, n: usize) -> usize {
        let b = self.bytes.get(self.at).copied().unwrap_or(0);
        self.at += 1;
        b as usize % n
    }
}

struct Gen<'a> {
    c: Choices<'a>,
    /// Variables in scope (all `Int`, all mutable).
    vars: Vec<String>,
    next_var: usize,
    fns: usize,
    depth: usize,
}

impl Gen<'_> {
    fn lit(&mut self) -> String {
        match self.c.pick(6) {
            0 => "0".into(),
            1 => "1".into(),
            2 => "2".into(),
            3 => "10".into(),
            4 => "9223372036854775807".into(),
            _ => "7".into(),
        }
    }

    fn expr(&mut self, budget: usize) -> String {
        if budget == 0 {
            return if !self.vars.is_empty() && self.c.pick(2) == 0 {
                let i = self.c.pick(self.vars.len());
                self.vars[i].clone()
            } else {
                self.lit()
            };
        }
        match self.c.pick(8) {
            0 | 1 => self.expr(0),
            2 => {
                let ops = ["+", "-", "*", "/", "%"];
                let o = ops[self.c.pick(ops.len())];
                let a = self.expr(budget - 1);
                let b = self.expr(budget - 1);
                format!("({a} {o} {b})")
            }
            3 => {
                let f = self.c.pick(self.fns);
                let a = self.expr(budget - 1);
                let b = self.expr(budget - 1);
                format!("f{f}({a}, {b})")
            }
            4 => {
                let c = self.cond(budget - 1);
                let a = self.expr(budget - 1);
                let b = self.expr(budget - 1);
                format!("(if {c} {{ {a} }} else {{ {b} }})")
            }
            5 => {
                let a = self.expr(budget - 1);
                format!("pick({a})")
            }
            6 => {
                let a = self.expr(budget - 1);
                format!("len(to_string({a}))")
            }
            _ => {
                let a = self.expr(budget - 1);
                format!("(-{a})")
            }
        }
    }

    fn cond(&mut self, budget: usize) -> String {
        let ops = ["<", "<=", "==", "!=", ">", ">="];
        let o = ops[self.c.pick(ops.len())];
        let a = self.expr(budget);
        let b = self.expr(budget);
        format!("{a} {o} {b}")
    }

    fn block(&mut self, stmts: usize) -> String {
        let saved = self.vars.len();
        let mut out = String::new();
        for _ in 0..stmts {
            out.push_str(&self.stmt());
            out.push('\n');
        }
        self.vars.truncate(saved);
        out
    }

    fn stmt(&mut self) -> String {
        let nested = self.depth < 3;
        match self.c.pick(if nested { 8 } else { 4 }) {
            0 | 1 => {
                let e = self.expr(2);
                let v = format!("v{}", self.next_var);
                self.next_var += 1;
                self.vars.push(v.clone());
                format!("let mut {v} = {e}")
            }
            2 if self.vars.iter().any(|v| v.starts_with('v')) => {
                // Parameters are immutable: assign only to `let mut` variables.
                let mutable: Vec<String> = self
                    .vars
                    .iter()
                    .filter(|v| v.starts_with('v'))
                    .cloned()
                    .collect();
                let i = self.c.pick(mutable.len());
                let e = self.expr(2);
                format!("{} = {e}", mutable[i])
            }
            3 => {
                let e = self.expr(2);
                format!("println({e})")
            }
            4 => {
                // A counted loop (terminates) or an arbitrary one (fuel ends it).
                self.depth += 1;
                let s = if self.c.pick(2) == 0 {
                    let v = format!("v{}", self.next_var);
                    self.next_var += 1;
                    let n = self.lit();
                    self.vars.push(v.clone());
                    let n_stmts = self.c.pick(3);
                    let body = self.block(n_stmts);
                    self.vars.pop();
                    format!("let mut {v} = 0\nwhile {v} < {n} {{\n{v} += 1\n{body}}}")
                } else {
                    let c = self.cond(1);
                    let n_stmts = 1 + self.c.pick(3);
                    let body = self.block(n_stmts);
                    format!("while {c} {{\n{body}}}")
                };
                self.depth -= 1;
                s
            }
            5 => {
                self.depth += 1;
                let c = self.cond(1);
                let n = self.c.pick(3);
                let a = self.block(n);
                let n = self.c.pick(3);
                let b = self.block(n);
                self.depth -= 1;
                format!("if {c} {{\n{a}}} else {{\n{b}}}")
            }
            6 => {
                self.depth += 1;
                let n = self.c.pick(3);
                let a = self.block(n);
                self.depth -= 1;
                format!("budgeted(|| {{\n{a}}})")
            }
            _ => {
                let e = self.expr(2);
                format!("consume(energy, to_float(abs({e} % 5)) * 1J)")
            }
        }
    }

    fn function(&mut self, body_stmts: usize) -> String {
        self.vars = vec!["a".into(), "b".into()];
        let body = self.block(body_stmts);
        let result = self.expr(3);
        format!("{body}{result}")
    }
}

const PRELUDE: &str = r#"
adaptive fn pick(n: Int) -> Int {
    small @when(n < 100) @requires(energy: 1J) { n + 1 }
    big @requires(energy: 2J, time: 1ms) { n - 1 }
}
@requires(energy: 50J)
fn budgeted(f: fn() -> ()) { f() }
"#;

fn random_program(bytes: &[u8]) -> String {
    let mut g = Gen {
        c: Choices { bytes, at: 0 },
        vars: Vec::new(),
        next_var: 0,
        fns: 3,
        depth: 0,
    };
    let mut src = String::from(PRELUDE);
    for f in 0..3 {
        let n = g.c.pick(4);
        let body = g.function(n);
        src.push_str(&format!("fn f{f}(a: Int, b: Int) -> Int {{\n{body}\n}}\n"));
    }
    let n = 1 + g.c.pick(5);
    g.vars.clear();
    let body = g.block(n);
    let result = g.expr(3);
    src.push_str(&format!("fn main() -> Int {{\n{body}{result}\n}}\n"));
    src
}

/// Everything an evaluation reports, for comparing two runs.
#[derive(Debug, PartialEq)]
enum Report {
    Ok {
        value: Value,
        output: String,
        usage: [u64; 6],
        selections: Vec<(String, String, u64)>,
        prices: [u64; 6],
        fuel: u64,
    },
    Err {
        headers: String,
        output: String,
        trace: Vec<(String, u32, u32)>,
    },
}

fn evaluate(engine: &Engine, p: &Program) -> Report {
    match engine.evaluate(p, "main", &[]) {
        Ok(o) => Report::Ok {
            value: o.value,
            output: o.output,
            usage: o.usage.to_array().map(f64::to_bits),
            selections: o
                .selections
                .into_iter()
                .map(|s| {
                    (
                        s.function.to_string(),
                        s.solution.to_string(),
                        s.cost.to_bits(),
                    )
                })
                .collect(),
            prices: o.prices.to_array().map(f64::to_bits),
            fuel: o.fuel_used,
        },
        Err(e) => Report::Err {
            headers: e.headers(),
            output: e.output.clone(),
            trace: e
                .trace
                .iter()
                .map(|t| (t.function.clone(), t.line, t.column))
                .collect(),
        },
    }
}

fn small_engine() -> Engine {
    Engine::builder()
        .fuel(2_000)
        .max_call_depth(64)
        .max_memory(8 * 1024 * 1024)
        .build()
        .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_programs_end_with_a_value_or_a_diagnostic(
        bytes in proptest::collection::vec(any::<u8>(), 0..200)
    ) {
        let src = random_program(&bytes);
        let p = program(&src);
        let engine = small_engine();
        let first = evaluate(&engine, &p);
        if let Report::Err { headers, .. } = &first {
            let allowed = [
                "E0501", "E0502", "E0601", "E0603", "E0701", "E0702",
            ];
            prop_assert!(
                allowed.iter().any(|c| headers.starts_with(&format!("error[{c}]"))),
                "unexpected error {headers} for\n{src}"
            );
        }
        // Deterministic: the same report again, also with a clone of the engine.
        let second = evaluate(&engine.clone(), &p);
        prop_assert_eq!(&first, &second, "{}", src);
    }

    #[test]
    fn examples_are_deterministic(idx in 0usize..1000) {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples");
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|x| x == "ecl"))
            .collect();
        files.sort();
        let path = &files[idx % files.len()];
        let src = std::fs::read_to_string(path).unwrap();
        let p = program(&src);
        let e = Engine::new();
        prop_assert_eq!(evaluate(&e, &p), evaluate(&e, &p), "{}", path.display());
    }
}

#[test]
fn generator_produces_varied_programs() {
    // A sanity check of the generator itself: different choices, different programs,
    // and the all-zero choice stream is a valid minimal program.
    let a = random_program(&[]);
    let b = random_program(&[7, 3, 250, 1, 9, 4, 4, 4, 2, 200, 17, 5, 6, 6, 6]);
    assert_ne!(a, b);
    program(&a);
    program(&b);
    let o = small_engine().evaluate(&program(&a), "main", &[]).unwrap();
    assert_eq!(o.value, Value::Int(0));
}

#[test]
fn generator_covers_values_and_several_errors() {
    // Deterministic pseudo-random choice streams: the generated programs must reach
    // successful ends as well as arithmetic, depth and fuel errors (else the property
    // tests above would be testing little).
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut seen = std::collections::BTreeMap::<String, usize>::new();
    for _ in 0..300 {
        let bytes: Vec<u8> = (0..160)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                (state >> 24) as u8
            })
            .collect();
        let p = program(&random_program(&bytes));
        let key = match small_engine().evaluate(&p, "main", &[]) {
            Ok(o) if !o.selections.is_empty() => "ok+adaptive".to_string(),
            Ok(_) => "ok".to_string(),
            Err(e) => e.code().to_string(),
        };
        *seen.entry(key).or_default() += 1;
    }
    eprintln!("{seen:?}");
    for k in ["ok", "E0702", "E0701"] {
        assert!(seen.contains_key(k), "{k} never reached: {seen:?}");
    }
    assert!(
        seen.contains_key("E0501") || seen.contains_key("E0502"),
        "{seen:?}"
    );
}
