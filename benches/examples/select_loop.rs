//! Calls `select()` in a loop (for profiling the VM's entry; compare `price_loop`).
use eclexia_core::price::{CandidateOutcome, SelectionInput, select};

fn main() {
    let cands = eclexia_benches::candidates();
    let book = eclexia_benches::book();
    let input = SelectionInput {
        candidates: &cands,
        caps: [f64::INFINITY; 6],
        weights: [1.0; 6],
        used: [5.0, 0.0, 0.0, 0.0, 0.0, 0.0],
        limits: eclexia_benches::limits(false),
        book: &book,
        carbon_intensity: 400.0,
    };
    let mut out = [CandidateOutcome::default(); eclexia_benches::CANDIDATES];
    let mut n = 0usize;
    for _ in 0..20_000 {
        let sel = select(std::hint::black_box(&input), std::hint::black_box(&mut out));
        n += sel.chosen.unwrap_or(0);
    }
    println!("{n}");
}
