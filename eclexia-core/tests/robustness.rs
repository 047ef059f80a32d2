//! Hostile inputs end with a diagnostic or success — never a panic, a stack overflow or
//! a hang (issue: deep nesting, huge flat expressions, empty files, invalid UTF-8, big
//! files). These run on the default test-thread stack on purpose.

use eclexia_core::{CompileOptions, ErrorCode, compile, compile_bytes};

fn opts() -> CompileOptions {
    CompileOptions::new("t.ecl")
}

fn first_code(src: &str) -> Option<ErrorCode> {
    compile(src, &opts())
        .err()
        .map(|d| d.iter().next().expect("at least one").code)
}

#[test]
fn empty_file_is_a_valid_program() {
    assert!(compile("", &opts()).is_ok());
    assert!(compile("\n\n  // only a comment\n", &opts()).is_ok());
}

#[test]
fn hundred_thousand_open_parens_is_a_parse_error() {
    let src = format!("def main() {{ let x = {}1 }}", "(".repeat(100_000));
    assert_eq!(first_code(&src), Some(ErrorCode::E0101));
}

#[test]
fn deep_nesting_of_every_kind_is_a_parse_error() {
    let cases = [
        format!("def main() {{ {} }}", "{".repeat(100_000)),
        format!("def main() {{ let x = {}1 }}", "[".repeat(100_000)),
        format!("def main() {{ let x = {}1 }}", "-".repeat(100_000)),
        format!("def main() {{ let x = {}true }}", "!".repeat(100_000)),
        format!("def main() {{ let x = 2{} }}", " ** 2".repeat(100_000)),
        format!("def f(x: {}Int) {{ }}", "[".repeat(100_000)),
        format!(
            "def main() {{ match 1 {{ {}1 => 0 }} }}",
            "(".repeat(100_000)
        ),
        format!("def main() {{ let x = a{} }}", ".b".repeat(100_000)),
        format!("def main() {{ let x = f{} }}", "(1)".repeat(100_000)),
    ];
    for src in cases {
        assert_eq!(first_code(&src), Some(ErrorCode::E0101), "{}", &src[..40]);
    }
}

#[test]
fn nesting_just_below_the_limit_compiles() {
    // The limit is on nesting levels; 100 levels of every construct are fine.
    let parens = format!(
        "def main() {{ let x = {}1{} }}",
        "(".repeat(100),
        ")".repeat(100)
    );
    assert!(compile(&parens, &opts()).is_ok());
    let blocks = format!("def main() {{ {}{} }}", "{".repeat(100), "}".repeat(100));
    assert!(compile(&blocks, &opts()).is_ok());
    let mixed = format!(
        "def main() {{ let x = {}-1{} }}",
        "[(".repeat(120),
        ")]".repeat(120)
    );
    assert!(compile(&mixed, &opts()).is_ok());
}

#[test]
fn a_flat_expression_of_100k_terms_compiles() {
    let mut src = String::from("def main() { let x = 1");
    for i in 0..100_000 {
        src.push_str(if i % 3 == 0 {
            " + 2"
        } else if i % 3 == 1 {
            " * 3"
        } else {
            " - 1"
        });
    }
    src.push_str("\n println(x) }");
    assert!(compile(&src, &opts()).is_ok());
}

#[test]
fn long_operator_runs_of_every_level_compile() {
    for op in ["+", "*", "&&", "||", "|", "&", "^", "<<", "and", "or"] {
        let operand = if matches!(op, "&&" | "||" | "and" | "or") {
            "true"
        } else {
            "1"
        };
        let body = vec![operand; 50_000].join(&format!(" {op} "));
        let src = format!("def main() {{ let x = {body} }}");
        assert!(compile(&src, &opts()).is_ok(), "{op}");
    }
}

#[test]
fn invalid_utf8_is_e0103_at_the_first_bad_byte() {
    let d = compile_bytes(b"def main() {\n  let s = \"\xc3\x28\"\n}", &opts()).unwrap_err();
    assert_eq!(
        d.headers(),
        "error[E0103]: ParseError: invalid UTF-8\n  --> t.ecl:2:12\n"
    );
}

#[test]
fn a_five_megabyte_file_compiles() {
    let mut src = String::with_capacity(5_300_000);
    let mut i = 0;
    while src.len() < 5_000_000 {
        src.push_str(&format!(
            "def f{i}(x: Int, e: Resource<Energy>) -> Int {{\n    let y = x * 2 + {i}\n    if y > 10 {{ y }} else {{ x - 1 }}\n}}\n"
        ));
        i += 1;
    }
    assert!(compile(&src, &opts()).is_ok());
}

#[test]
fn a_five_megabyte_file_of_garbage_reports_and_ends() {
    let src = "fn ( } ] let = @@ 12furlongs \"".repeat(170_000);
    assert!(compile(&src, &opts()).is_err());
}

#[test]
fn runaway_macro_recursion_is_e0107() {
    let src = "macro m { ($a: expr) => { m!($a) } }\ndef main() { m!(1) }";
    assert_eq!(first_code(src), Some(ErrorCode::E0107));
}

#[test]
fn recursive_type_alias_is_e0307() {
    assert_eq!(first_code("type A = [A]\n"), Some(ErrorCode::E0307));
}

#[test]
fn programs_are_send_sync_and_cheap_to_share() {
    fn assert_send_sync<T: Send + Sync + Clone + 'static>() {}
    assert_send_sync::<eclexia_core::Program>();
    assert_send_sync::<eclexia_core::Diagnostics>();
    let p = compile("def main() { println(1J) }", &opts()).expect("compiles");
    // One program, used from several threads at once.
    std::thread::scope(|s| {
        for _ in 0..4 {
            let p = p.clone();
            s.spawn(move || assert!(p.has_function("main")));
        }
    });
}
