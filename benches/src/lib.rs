//! Shared inputs of the benchmarks: a 6-resource × 16-candidate selection problem in two
//! variants — one where the base-cheapest candidate fits (no LP, LANGUAGE §9.4 rule 1) and
//! one where it does not, so the LP of rule 3 is solved.

use eclexia_core::price::{PriceBook, PriceRequest, Solution};

/// Number of candidates.
pub const CANDIDATES: usize = 16;

/// Deterministic candidate vectors: every resource declared; at base prices the cost grows
/// with the index, so candidate 0 is the base-cheapest.
pub fn candidates() -> Vec<Solution> {
    (0..CANDIDATES)
        .map(|s| {
            let k = s as f64;
            Solution::new(
                [
                    2.0 + 3.0 * k,                   // energy, J
                    0.100 - 0.005 * k,               // time, s
                    0.01 + 0.002 * k,                // carbon, g
                    1.0e4 * (1.0 + (k * 7.0) % 5.0), // memory, B
                    1.0e3 * (1.0 + (k * 3.0) % 4.0), // network, B
                    1.0 + (k * 5.0) % 3.0,           // compute, CU
                ],
                [true; 6],
            )
        })
        .collect()
}

/// Limits with room for every candidate (no LP), or tight on energy and time so that
/// candidate 0 does not fit and only candidate 4 does (LP).
pub fn limits(lp: bool) -> [f64; 6] {
    if lp {
        [20.0, 0.08, 1.0, 1.0e6, 1.0e5, 10.0]
    } else {
        [1.0e3, 10.0, 10.0, 1.0e8, 1.0e7, 100.0]
    }
}

/// The default price book.
pub fn book() -> PriceBook {
    PriceBook::default()
}

/// The same problem as a §9.7 request.
pub fn request(lp: bool) -> PriceRequest {
    let lim = limits(lp);
    let mut req = PriceRequest {
        budgets: lim.map(Some),
        ..PriceRequest::default()
    };
    req.usage[0] = 5.0;
    req.candidates = candidates()
        .iter()
        .enumerate()
        .map(|(i, s)| eclexia_core::price::CandidateRequest {
            name: format!("s{i}"),
            provides: s.provides.map(Some),
            eligible: true,
        })
        .collect();
    req
}
