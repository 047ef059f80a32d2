//! Writes a generated program of N lines to stdout (default 100,000), for measuring the
//! CLI: `cargo run --release --manifest-path benches/Cargo.toml --example gen > /tmp/gen.ecl`
fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(100_000);
    print!("{}", eclexia_benches::generated_program(n));
}
