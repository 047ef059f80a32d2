//! Host functions (LANGUAGE §13): declared at compile time, provided by the engine.

use std::sync::Arc;

use eclexia_core::host::{HostSignature, HostType};
use eclexia_core::{CompileOptions, Engine, Program, Value, compile};

fn opts() -> CompileOptions {
    CompileOptions::new("host.ecl")
        .host_function(HostSignature::new(
            "scale",
            vec![HostType::Int, HostType::Float],
            HostType::Float,
        ))
        .host_function(HostSignature::new(
            "greet",
            vec![HostType::String],
            HostType::String,
        ))
}

fn engine() -> Engine {
    Engine::builder()
        .host_function(
            "scale",
            Arc::new(|args: &[Value]| match args {
                [Value::Int(n), Value::Float(f)] => Ok(Value::Float(*n as f64 * f)),
                _ => Err("bad arguments".into()),
            }),
        )
        .host_function(
            "greet",
            Arc::new(|args: &[Value]| match args {
                [Value::Str(s)] if s.is_empty() => Err("empty name".into()),
                [Value::Str(s)] => Ok(Value::Str(format!("hello {s}"))),
                _ => Ok(Value::Int(1)),
            }),
        )
        .build()
        .unwrap()
}

fn program(src: &str) -> Program {
    compile(src, &opts()).unwrap()
}

#[test]
fn calls_direct_method_style_and_as_values() {
    let p = program(
        "fn main() { println(scale(3, 0.5), \"ann\".greet()); let f = greet; println(f(\"bo\")) }",
    );
    let out = engine().evaluate(&p, "main", &[]).unwrap();
    assert_eq!(out.output, "1.5 hello ann\nhello bo\n");
}

#[test]
fn calls_are_type_checked() {
    let err = compile("fn main() { scale(1.0, 2.0) }", &opts()).unwrap_err();
    assert_eq!(err.iter().next().unwrap().code.to_string(), "E0301");
    let err = compile("fn main() { scale(1) }", &opts()).unwrap_err();
    assert_eq!(err.iter().next().unwrap().code.to_string(), "E0302");
    // Without the declaration the name is undefined.
    let err = compile("fn main() { scale(1, 2.0) }", &CompileOptions::new("x.ecl")).unwrap_err();
    assert_eq!(err.iter().next().unwrap().code.to_string(), "E0201");
}

#[test]
fn user_definitions_hide_host_functions() {
    let p = program("fn greet(s: String) -> String { s } fn main() { println(greet(\"x\")) }");
    assert_eq!(engine().evaluate(&p, "main", &[]).unwrap().output, "x\n");
}

#[test]
fn failures_are_runtime_errors_at_the_call() {
    let p = program("fn main() {\n  println(greet(\"\"))\n}");
    let e = engine().evaluate(&p, "main", &[]).unwrap_err();
    assert_eq!(e.code().to_string(), "E0599");
    assert_eq!(e.message(), "host function 'greet': empty name");
    assert_eq!(e.position(), (2, 11));

    let p = program("fn main() { println(scale(1, 1.0)) }");
    let e = Engine::new().evaluate(&p, "main", &[]).unwrap_err();
    assert_eq!(
        e.message(),
        "host function 'scale' is not provided by this engine"
    );
}

#[test]
fn a_result_of_the_wrong_type_is_refused() {
    let o = CompileOptions::new("h.ecl").host_function(HostSignature::new(
        "greet",
        vec![HostType::Int],
        HostType::String,
    ));
    let p = compile("fn main() { println(greet(1)) }", &o).unwrap();
    let e = engine().evaluate(&p, "main", &[]).unwrap_err();
    assert_eq!(
        e.message(),
        "host function 'greet' returned Int, declared String"
    );
}
