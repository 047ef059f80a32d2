//! Calls `price()` in a loop (for profiling the JSON-facing wrapper).
fn main() {
    let req = eclexia_benches::request(false);
    let mut n = 0usize;
    for _ in 0..20_000 {
        let q = eclexia_core::price::price(std::hint::black_box(&req)).expect("prices");
        n += q.candidates.len();
    }
    println!("{n}");
}
