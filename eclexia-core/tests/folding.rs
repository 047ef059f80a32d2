//! Constant folding (the bytecode compiler computes operators over literals) must not
//! change what a program does: values, dimensions and run-time errors stay the same.

use eclexia_core::{CompileOptions, Engine, compile};

fn run(src: &str) -> Result<String, String> {
    let p = compile(src, &CompileOptions::new("fold.ecl")).map_err(|d| d.headers())?;
    Engine::new()
        .evaluate(&p, "main", &[])
        .map(|o| o.output)
        .map_err(|e| e.headers())
}

#[test]
fn folded_values_match_the_machine() {
    let out = run(
        "fn main() { println(2 * 3 + 4, 1.5kJ + 500J, 10 / 4.0, -7 % 3, 2 ** 10, (1 + 2) * 3, 100J / 4s) }",
    );
    assert_eq!(out.unwrap(), "10 2000J 2.5 -1 1024 9 25W\n");
}

#[test]
fn failing_operations_still_fail_at_run_time_where_they_are() {
    let e = run("fn main() {\n  println(1)\n  println(9223372036854775807 + 1)\n}").unwrap_err();
    assert_eq!(
        e,
        "error[E0502]: ArithmeticError: integer overflow in '+'\n  --> fold.ecl:3:31\n"
    );
    let e = run("fn main() { let x = 1.0 / 0.0 }").unwrap_err();
    assert!(
        e.starts_with("error[E0501]: DivisionByZero: division by zero"),
        "{e}"
    );
    let e = run("fn main() { let x = 2 ** -1 }").unwrap_err();
    assert!(e.starts_with("error[E0503]"), "{e}");
}
