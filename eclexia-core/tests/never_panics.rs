//! Property tests: the lexer, parser and checker never panic, whatever the input —
//! arbitrary text, random token sequences, and mutations of the valid example programs.
//! Compilation is also deterministic: the same input gives the same diagnostics.

use eclexia_core::{CompileOptions, compile, compile_bytes};
use proptest::prelude::*;

fn opts() -> CompileOptions {
    CompileOptions::new("p.ecl")
}

/// Compiles and checks the invariants every result must satisfy.
fn compile_ok_or_diagnose(src: &str) {
    match compile(src, &opts()) {
        Ok(_) => {}
        Err(d) => {
            assert!(
                !d.is_empty(),
                "a failed compile reports at least one diagnostic"
            );
            let headers = d.headers();
            assert!(headers.starts_with("error["));
            // Sorted by line, column, code (§12.3).
            let keys: Vec<_> = d.iter().map(|x| (x.position, x.code)).collect();
            assert!(keys.windows(2).all(|w| w[0] <= w[1]));
            let _ = d.render(true);
            let _ = d.to_json();
        }
    }
}

const VOCAB: &[&str] = &[
    "fn",
    "def",
    "adaptive",
    "let",
    "mut",
    "if",
    "else",
    "then",
    "match",
    "while",
    "for",
    "in",
    "loop",
    "break",
    "continue",
    "return",
    "struct",
    "enum",
    "type",
    "const",
    "impl",
    "trait",
    "module",
    "use",
    "effect",
    "handle",
    "macro",
    "pub",
    "self",
    "Self",
    "true",
    "false",
    "as",
    "and",
    "or",
    "not",
    "x",
    "y",
    "f",
    "main",
    "Point",
    "Some",
    "None",
    "Int",
    "Float",
    "Resource",
    "Energy",
    "energy",
    "latency",
    "minimize",
    "expr",
    "0",
    "1",
    "42",
    "3.5",
    "1e3",
    "100J",
    "5ms",
    "2kWh",
    "10GiB",
    "\"s\"",
    "'c'",
    "+",
    "-",
    "*",
    "/",
    "%",
    "**",
    "==",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "&&",
    "||",
    "!",
    "~",
    "&",
    "|",
    "^",
    "<<",
    ">>",
    "=",
    "+=",
    "->",
    "=>",
    "::",
    ":",
    ";",
    ",",
    ".",
    "..",
    "..=",
    "?",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "#",
    "$",
    "@requires",
    "@provides",
    "@optimize",
    "@solution",
    "@when",
    "\n",
    "\n",
    "m!",
    "_",
];

fn token_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCAB), 0..120).prop_map(|ts| ts.join(" "))
}

fn examples() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
    let mut out: Vec<String> = std::fs::read_dir(&dir)
        .expect("examples folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ecl"))
        .map(|p| std::fs::read_to_string(p).expect("readable example"))
        .collect();
    out.sort();
    assert!(out.len() >= 30);
    out
}

#[derive(Clone, Debug)]
enum Mutation {
    Delete(usize, usize),
    Insert(usize, &'static str),
    Duplicate(usize, usize),
    Swap(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(a, n)| Mutation::Delete(a, n)),
        (any::<usize>(), prop::sample::select(VOCAB)).prop_map(|(a, t)| Mutation::Insert(a, t)),
        (any::<usize>(), 1usize..80).prop_map(|(a, n)| Mutation::Duplicate(a, n)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Swap(a, b)),
    ]
}

fn apply(src: &str, m: &Mutation) -> String {
    let chars: Vec<char> = src.chars().collect();
    if chars.is_empty() {
        return String::new();
    }
    let at = |i: usize| i % chars.len();
    match *m {
        Mutation::Delete(a, n) => {
            let a = at(a);
            let b = (a + n).min(chars.len());
            chars[..a].iter().chain(&chars[b..]).collect()
        }
        Mutation::Insert(a, t) => {
            let a = at(a);
            chars[..a].iter().collect::<String>()
                + " "
                + t
                + " "
                + &chars[a..].iter().collect::<String>()
        }
        Mutation::Duplicate(a, n) => {
            let a = at(a);
            let b = (a + n).min(chars.len());
            let piece: String = chars[a..b].iter().collect();
            chars[..b].iter().collect::<String>() + &piece + &chars[b..].iter().collect::<String>()
        }
        Mutation::Swap(a, b) => {
            let mut c = chars.clone();
            c.swap(at(a), at(b));
            c.into_iter().collect()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(src in "\\PC{0,300}") {
        compile_ok_or_diagnose(&src);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        let _ = compile_bytes(&bytes, &opts());
    }

    #[test]
    fn token_soup_never_panics(src in token_soup()) {
        compile_ok_or_diagnose(&src);
    }

    #[test]
    fn mutated_examples_never_panic(
        which in any::<prop::sample::Index>(),
        muts in prop::collection::vec(mutation(), 1..6),
    ) {
        let all = examples();
        let mut src = which.get(&all).clone();
        for m in &muts {
            src = apply(&src, m);
        }
        compile_ok_or_diagnose(&src);
    }

    #[test]
    fn compilation_is_deterministic(src in token_soup()) {
        let a = compile(&src, &opts()).err().map(|d| d.headers());
        let b = compile(&src, &opts()).err().map(|d| d.headers());
        prop_assert_eq!(a, b);
    }
}
