//! What the checker records for the compiler: what each name refers to, and which
//! bindings closures capture (LANGUAGE §4, §6.6).

use eclexia_core::check::{Checked, Res};
use eclexia_core::syntax::ast::*;
use eclexia_core::{CompileOptions, Program, compile};

fn program(src: &str) -> Program {
    compile(src, &CompileOptions::new("r.ecl")).unwrap_or_else(|d| panic!("{}", d.render(false)))
}

fn main_body(p: &Program) -> &Block {
    for item in &p.ast().items {
        if let ItemKind::Fn(f) = &item.kind {
            if p.interner().name(f.name.sym) == "main" {
                return f.body.as_ref().expect("main has a body");
            }
        }
    }
    panic!("no main")
}

fn res(c: &Checked, id: ExprId) -> Res {
    c.res[id.0 as usize]
}

#[test]
fn locals_functions_builtins_and_captures() {
    let p = program(
        "def twice(x: Int) -> Int { x * 2 }\n\
         def main() {\n\
             let mut hits = 0\n\
             let tick = || { hits = hits + 1 }\n\
             tick(); tick()\n\
             println(twice(hits))\n\
         }\n",
    );
    let c = p.checked();
    let body = main_body(&p);
    let Stmt::Let(hits) = &body.stmts[0] else {
        panic!()
    };
    let Stmt::Let(tick) = &body.stmts[1] else {
        panic!()
    };
    // A binding's resolution is itself; its type is recorded under its id.
    assert_eq!(res(c, hits.pat.id), Res::Local(hits.pat.id));
    assert_eq!(format!("{:?}", c.expr_types[hits.pat.id.0 as usize]), "Int");
    // The closure captures `hits`, and only it.
    let closure_id = tick.init.id;
    assert_eq!(c.captures.get(&closure_id), Some(&vec![hits.pat.id]));
    assert!(c.captured.contains(&hits.pat.id));
    assert!(!c.captured.contains(&tick.pat.id));
    // `tick()` calls the local.
    let Stmt::Expr(call) = &body.stmts[2] else {
        panic!()
    };
    let ExprKind::Call(callee, _) = &call.kind else {
        panic!()
    };
    assert_eq!(res(c, callee.id), Res::Local(tick.pat.id));
    // `println(twice(hits))`: a builtin, a function, a local.
    let tail = body.tail.as_ref().expect("tail");
    let ExprKind::Call(println, args) = &tail.kind else {
        panic!()
    };
    assert_eq!(res(c, println.id), Res::Builtin("println"));
    let ExprKind::Call(twice, inner) = &args[0].kind else {
        panic!()
    };
    assert!(matches!(res(c, twice.id), Res::Fn(_)));
    assert_eq!(res(c, inner[0].id), Res::Local(hits.pat.id));
}

#[test]
fn methods_variants_and_struct_literals() {
    let p = program(
        "struct P { x: Int }\n\
         impl P { fn get(self) -> Int { self.x } }\n\
         def main() {\n\
             let p = P { x: 1 }\n\
             let n = p.get() + p.x.abs()\n\
             let o = Some(n)\n\
             match o { Some(v) => println(v), None => println(0) }\n\
         }\n",
    );
    let c = p.checked();
    let body = main_body(&p);
    let Stmt::Let(lp) = &body.stmts[0] else {
        panic!()
    };
    assert!(matches!(res(c, lp.init.id), Res::Struct(_)));
    let Stmt::Let(ln) = &body.stmts[1] else {
        panic!()
    };
    let ExprKind::Chain(first, rest) = &ln.init.kind else {
        panic!()
    };
    assert!(matches!(res(c, first.id), Res::Fn(_)), "impl method");
    assert_eq!(
        res(c, rest[0].2.id),
        Res::Builtin("abs"),
        "uniform call syntax"
    );
    let Stmt::Let(lo) = &body.stmts[2] else {
        panic!()
    };
    let ExprKind::Call(some, _) = &lo.init.kind else {
        panic!()
    };
    assert!(matches!(res(c, some.id), Res::Variant(_, 0)));
    let m = body.tail.as_ref().expect("match");
    let ExprKind::Match(_, arms) = &m.kind else {
        panic!()
    };
    assert!(matches!(res(c, arms[0].pat.id), Res::Variant(_, 0)));
    assert!(matches!(res(c, arms[1].pat.id), Res::Variant(_, 1)));
}
