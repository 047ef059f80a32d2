//! Shared inputs of the benchmarks. Pricing: a 6-resource × 16-candidate selection problem in two
//! variants — one where the base-cheapest candidate fits (no LP, LANGUAGE §9.4 rule 1) and
//! one where it does not, so the LP of rule 3 is solved.

use std::fmt::Write as _;

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
            name: format!("s{i}").into(),
            provides: s.provides.map(Some),
            eligible: true,
        })
        .collect();
    req
}

/// A realistic program of about `lines` lines: functions with arithmetic, resource
/// literals, branches, loops, structs, closures and calls, in both dialects.
pub fn generated_program(lines: usize) -> String {
    let mut s = String::with_capacity(lines * 40);
    s.push_str(
        "struct Reading { energy: Resource<Energy>, time: Resource<Time>, label: String }\n\n",
    );
    let mut n = 2;
    let mut i = 0;
    while n < lines {
        if i % 2 == 0 {
            let _ = write!(
                s,
                "fn work{i}(x: Int, e: Resource<Energy>) -> Int {{\n\
                 \x20   let mut acc = x * 3 + {i}\n\
                 \x20   let power = e / 2s\n\
                 \x20   if power > 10W {{\n\
                 \x20       acc = acc + 1\n\
                 \x20   }} else {{\n\
                 \x20       acc = acc - 1\n\
                 \x20   }}\n\
                 \x20   for k in 0..x {{ acc += k % 7 }}\n\
                 \x20   let r = Reading {{ energy: e + 5J, time: 250ms, label: \"w{i}\" }}\n\
                 \x20   let f = |y: Int| y * 2 + acc\n\
                 \x20   f(acc) + len(r.label)\n\
                 }}\n\n"
            );
            n += 14;
        } else {
            let _ = write!(
                s,
                "def helper{i}(a: Float, b: Float) -> Float {{\n\
                 \x20   let c = a * b + 1.5\n\
                 \x20   while c > 100.0 {{\n\
                 \x20       c = c / 2.0\n\
                 \x20   }}\n\
                 \x20   match work{prev}(3, 10J) {{\n\
                 \x20       0 => c,\n\
                 \x20       n if n > 10 => c + (n as Float),\n\
                 \x20       _ => c - 1.0,\n\
                 \x20   }}\n\
                 }}\n\n",
                prev = i - 1
            );
            n += 12;
        }
        i += 1;
    }
    s
}
