//! Shape tests: precedence, associativity and the line-sensitivity rules, checked by
//! printing the parsed expression as an s-expression.

use crate::syntax::ast::*;
use crate::syntax::token::Interner;
use crate::syntax::{lexer, parser};

fn sexpr(e: &Expr, i: &Interner) -> String {
    match &e.kind {
        ExprKind::Int(v) => v.to_string(),
        ExprKind::Float(v) => format!("{v:?}"),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::Path(p) => p
            .iter()
            .map(|s| i.name(s.sym))
            .collect::<Vec<_>>()
            .join("::"),
        ExprKind::Paren(x) => sexpr(x, i),
        ExprKind::Chain(first, rest) => {
            let mut out = format!("({}", sexpr(first, i));
            for (op, _, x) in rest {
                out += &format!(" {} {}", op.symbol(), sexpr(x, i));
            }
            out + ")"
        }
        ExprKind::Pow(a, b, _) => format!("({} ** {})", sexpr(a, i), sexpr(b, i)),
        ExprKind::Unary(op, _, x) => format!("({op:?} {})", sexpr(x, i)),
        ExprKind::Cast(x, _) => format!("(as {})", sexpr(x, i)),
        ExprKind::Range(a, b, inc) => format!(
            "({} {} {})",
            sexpr(a, i),
            if *inc { "..=" } else { ".." },
            sexpr(b, i)
        ),
        ExprKind::Call(f, args) => {
            let args: Vec<String> = args.iter().map(|a| sexpr(a, i)).collect();
            format!("{}({})", sexpr(f, i), args.join(", "))
        }
        ExprKind::Index(a, x) => format!("{}[{}]", sexpr(a, i), sexpr(x, i)),
        ExprKind::MethodCall(r, m, args) => {
            let args: Vec<String> = args.iter().map(|a| sexpr(a, i)).collect();
            format!("{}.{}({})", sexpr(r, i), i.name(m.sym), args.join(", "))
        }
        ExprKind::Field(r, f) => format!("{}.{}", sexpr(r, i), i.name(f.sym)),
        ExprKind::TupleField(r, n, _) => format!("{}.{n}", sexpr(r, i)),
        ExprKind::Tuple(xs) => format!(
            "(tuple {})",
            xs.iter().map(|x| sexpr(x, i)).collect::<Vec<_>>().join(" ")
        ),
        ExprKind::Array(xs) => format!(
            "[{}]",
            xs.iter().map(|x| sexpr(x, i)).collect::<Vec<_>>().join(" ")
        ),
        ExprKind::If(..) => "if".into(),
        ExprKind::Block(_) => "block".into(),
        ExprKind::StructLit(p, _) => format!("{}{{}}", i.name(p[0].sym)),
        ExprKind::Closure(..) => "closure".into(),
        other => format!("{other:?}").chars().take(12).collect(),
    }
}

/// Parses `def main() { BODY }` and prints each statement of the body.
fn stmts(body: &str) -> Vec<String> {
    let src = format!("def main() {{\n{body}\n}}");
    let mut interner = Interner::new();
    let (toks, lex_errs) = lexer::lex(&src, &mut interner);
    assert!(lex_errs.is_empty(), "{lex_errs:?}");
    let (ast, errs) = parser::parse(&src, toks, &mut interner);
    assert!(errs.is_empty(), "{body}: {errs:?}");
    let ItemKind::Fn(f) = &ast.items[0].kind else {
        panic!("not a fn")
    };
    let b = f.body.as_ref().expect("body");
    let mut out: Vec<String> = b
        .stmts
        .iter()
        .map(|s| match s {
            Stmt::Expr(e) => sexpr(e, &interner),
            Stmt::Let(l) => format!("let {}", sexpr(&l.init, &interner)),
            Stmt::Assign(a) => format!(
                "{} = {}",
                sexpr(&a.place, &interner),
                sexpr(&a.value, &interner)
            ),
        })
        .collect();
    if let Some(t) = &b.tail {
        out.push(sexpr(t, &interner));
    }
    out
}

fn one(body: &str) -> String {
    let s = stmts(body);
    assert_eq!(s.len(), 1, "{body}: {s:?}");
    s.into_iter().next().expect("one")
}

fn parse_err(body: &str) -> String {
    let src = format!("def main() {{\n{body}\n}}");
    let mut interner = Interner::new();
    let (toks, _) = lexer::lex(&src, &mut interner);
    let (_, errs) = parser::parse(&src, toks, &mut interner);
    assert!(!errs.is_empty(), "{body} should not parse");
    errs[0].message.clone()
}

#[test]
fn precedence_and_flat_runs() {
    assert_eq!(one("a + b * c + d"), "(a + (b * c) + d)");
    assert_eq!(one("a * b + c"), "((a * b) + c)");
    assert_eq!(one("a - b - c"), "(a - b - c)");
    assert_eq!(one("a || b && c"), "(a || (b && c))");
    assert_eq!(one("a == b + 1"), "(a == (b + 1))");
    assert_eq!(one("a | b ^ c & d << 1"), "(a | (b ^ (c & (d << 1))))");
    assert_eq!(one("a + b < c + d && e"), "(((a + b) < (c + d)) && e)");
    assert_eq!(one("x or y and not z"), "(x || (y && (Not z)))");
}

#[test]
fn prefix_power_and_cast() {
    assert_eq!(one("-2 ** 2"), "(Neg (2 ** 2))");
    assert_eq!(one("2 ** -1"), "(2 ** (Neg 1))");
    assert_eq!(one("2 ** 3 ** 2"), "(2 ** (3 ** 2))");
    assert_eq!(one("-x as Float"), "(as (Neg x))");
    assert_eq!(one("a * b as Float"), "(a * (as b))");
}

#[test]
fn ranges_are_loosest_and_non_associative() {
    assert_eq!(one("0..n + 1"), "(0 .. (n + 1))");
    assert_eq!(one("1..=3"), "(1 ..= 3)");
    assert!(parse_err("a..b..c").starts_with("unexpected token"));
    assert_eq!(parse_err("a < b < c"), "unexpected token '<'");
}

#[test]
fn postfix_forms() {
    assert_eq!(one("t.0.1"), "t.0.1");
    assert_eq!(one("xs.len() + f(1)[2]"), "(xs.len() + f(1)[2])");
    assert_eq!(one("a.b.c(d)"), "a.b.c(d)");
}

#[test]
fn line_sensitivity() {
    // A line starting with a binary operator continues the expression.
    assert_eq!(one("x\n- 1"), "(x - 1)");
    // N1: `(` or `[` starting a line starts a new statement.
    assert_eq!(stmts("f\n(1)"), vec!["f", "1"]);
    assert_eq!(stmts("a\n[1, 2]"), vec!["a", "[1 2]"]);
    // N3: a statement starting with `if`/`{` ends at its `}`.
    assert_eq!(stmts("if c { 1 } else { 2 }\n- 1"), vec!["if", "(Neg 1)"]);
    assert_eq!(stmts("{ 1 } - 1"), vec!["block", "(Neg 1)"]);
    // ... but not when it does not start the statement.
    assert_eq!(one("let v = if c { 1 } else { 2 } + 1"), "let (if + 1)");
}

#[test]
fn struct_literal_restriction() {
    assert_eq!(one("let p = Point { x: 1, y: 2 }"), "let Point{}");
    // N2: the `{` must be on the same line.
    assert_eq!(stmts("Point\n{ x }"), vec!["Point", "block"]);
    // In an `if` head the `{` opens the block.
    assert_eq!(one("if x == y { 1 } else { 2 }"), "if");
    assert!(parse_err("if p == Point { x: 1 } { }").starts_with("unexpected token"));
    // Inside parentheses a struct literal is allowed again.
    assert_eq!(one("if p == (Point { x: 1 }) { }"), "if");
}
