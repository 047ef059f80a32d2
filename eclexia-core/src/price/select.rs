//! The core selection function shared by the VM and the host `price` operation
//! (LANGUAGE §8.1–§8.4, §9.3, §9.4).
//!
//! Inputs are fixed arrays in [`Resource::ALL`] order and a slice of candidate vectors; the
//! outputs go to a caller-provided slice, so the common case (no LP needed, §9.4 rule 1)
//! performs no heap allocation at all, and the LP case allocates only past 32 eligible
//! candidates.

use super::lp::{self, LpProblem, LpStatus};
use super::{JOULES_PER_KWH, PriceBook, RESOURCE_COUNT, ResourceVec, curve};
use crate::units::Resource;

/// Relative tolerance of cost ties (LANGUAGE §8.4): `|a - b| <= 1e-9 * max(1, |a|, |b|)`.
pub const TIE_EPSILON: f64 = 1e-9;
/// Premium values below this are set to 0 (LANGUAGE §9.4 rule 3).
const PREMIUM_FLOOR: f64 = 1e-9;
/// Eligible candidates handled with stack buffers in the LP.
const STACK_CANDIDATES: usize = 32;

const ENERGY: usize = 0;
const CARBON: usize = 2;

/// One candidate solution as the selection sees it.
///
/// `declared[r]` says whether the solution declares resource r (§8.1): derived carbon is
/// applied when energy is declared and carbon is not.
///
/// ```
/// use eclexia_core::price::Solution;
/// let s = Solution::new([90.0, 0.002, 0.0, 0.0, 0.0, 0.0], [true, true, false, false, false, false]);
/// assert_eq!(s.effective(400.0)[2], 90.0 * 400.0 / 3600000.0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Solution {
    /// Provided amounts in canonical units (undeclared resources are 0).
    pub provides: ResourceVec,
    /// Which resources the solution declares.
    pub declared: [bool; RESOURCE_COUNT],
    /// Whether its guard (`@when`) is true.
    pub eligible: bool,
}

impl Solution {
    /// An eligible solution.
    pub fn new(provides: ResourceVec, declared: [bool; RESOURCE_COUNT]) -> Solution {
        Solution {
            provides,
            declared,
            eligible: true,
        }
    }

    /// The vector `p_s` of §8.1: provided amounts, with derived carbon
    /// `(p(energy) * I) / 3600000.0` when energy is declared and carbon is not.
    pub fn effective(&self, carbon_intensity: f64) -> ResourceVec {
        let mut p = self.provides;
        if self.declared[ENERGY] && !self.declared[CARBON] {
            p[CARBON] = (p[ENERGY] * carbon_intensity) / JOULES_PER_KWH;
        }
        p
    }
}

/// Everything the selection depends on (§8.3, §8.4, §9).
#[derive(Clone, Copy, Debug)]
pub struct SelectionInput<'a> {
    /// The solutions in declaration order.
    pub candidates: &'a [Solution],
    /// Per-call caps; `f64::INFINITY` where there is none.
    pub caps: ResourceVec,
    /// Weights `w_r` from `@optimize` (§8.4): 1, -1 or 0.
    pub weights: ResourceVec,
    /// `top(r).used`.
    pub used: ResourceVec,
    /// `top(r).limit`; `f64::INFINITY` when unlimited.
    pub limits: ResourceVec,
    /// Base prices and multipliers.
    pub book: &'a PriceBook,
    /// Carbon intensity I in gCO2e/kWh.
    pub carbon_intensity: f64,
}

/// Why a candidate was not feasible (§9.7's `rejected`, first failing reason).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rejection {
    /// Its guard is false.
    NotEligible,
    /// It exceeds the cap on this resource.
    Cap(Resource),
    /// It does not fit into what remains of this resource's budget.
    Budget(Resource),
}

impl Rejection {
    /// The reason as §9.7 writes it (`not eligible`, `cap: energy`, `budget: time`, …);
    /// a static string, so quoting allocates nothing for it.
    pub fn as_str(self) -> &'static str {
        use Resource::*;
        match self {
            Rejection::NotEligible => "not eligible",
            Rejection::Cap(Energy) => "cap: energy",
            Rejection::Cap(Time) => "cap: time",
            Rejection::Cap(Carbon) => "cap: carbon",
            Rejection::Cap(Memory) => "cap: memory",
            Rejection::Cap(Network) => "cap: network",
            Rejection::Cap(Compute) => "cap: compute",
            Rejection::Budget(Energy) => "budget: energy",
            Rejection::Budget(Time) => "budget: time",
            Rejection::Budget(Carbon) => "budget: carbon",
            Rejection::Budget(Memory) => "budget: memory",
            Rejection::Budget(Network) => "budget: network",
            Rejection::Budget(Compute) => "budget: compute",
        }
    }
}

impl Rejection {
    /// Every reason, in [`Resource::ALL`] order within caps and budgets.
    const ALL: [Rejection; 13] = {
        use Resource::*;
        [
            Rejection::NotEligible,
            Rejection::Cap(Energy),
            Rejection::Cap(Time),
            Rejection::Cap(Carbon),
            Rejection::Cap(Memory),
            Rejection::Cap(Network),
            Rejection::Cap(Compute),
            Rejection::Budget(Energy),
            Rejection::Budget(Time),
            Rejection::Budget(Carbon),
            Rejection::Budget(Memory),
            Rejection::Budget(Network),
            Rejection::Budget(Compute),
        ]
    };

    /// The reason [`as_str`](Self::as_str) writes as `text`, if any.
    ///
    /// ```
    /// use eclexia_core::price::{Rejection, Resource};
    /// assert_eq!(Rejection::from_name("cap: time"), Some(Rejection::Cap(Resource::Time)));
    /// assert_eq!(Rejection::from_name("too big"), None);
    /// ```
    pub fn from_name(text: &str) -> Option<Rejection> {
        Rejection::ALL.into_iter().find(|r| r.as_str() == text)
    }
}

/// Serialised as §9.7 writes it: `"not eligible"`, `"cap: energy"`, `"budget: time"`, …
impl serde::Serialize for Rejection {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> serde::Deserialize<'de> for Rejection {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
        Rejection::from_name(&text).ok_or_else(|| {
            serde::de::Error::custom(format_args!(
                "unknown rejection reason {text:?} (expected \"not eligible\", \"cap: <resource>\" or \"budget: <resource>\")"
            ))
        })
    }
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The per-candidate result.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CandidateOutcome {
    /// The vector `p_s` used (with derived carbon).
    pub vector: ResourceVec,
    /// §8.4's cost; `None` for ineligible candidates.
    pub cost: Option<f64>,
    /// Feasible per §8.3.
    pub feasible: bool,
    /// The first failing reason, if not feasible.
    pub rejected: Option<Rejection>,
}

impl Default for CandidateOutcome {
    fn default() -> Self {
        CandidateOutcome {
            vector: [0.0; RESOURCE_COUNT],
            cost: None,
            feasible: false,
            rejected: Some(Rejection::NotEligible),
        }
    }
}

/// The prices and the choice.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Selection {
    /// `π = m + y`.
    pub prices: ResourceVec,
    /// `m`, §9.3.
    pub market: ResourceVec,
    /// `y`, §9.4.
    pub premium: ResourceVec,
    /// Index of `s*`; `None` when nothing is feasible (`NoFeasibleSolution`).
    pub chosen: Option<usize>,
    /// Whether the LP of §9.4 rule 3 was solved.
    pub lp_solved: bool,
}

/// `a <= b` as §8.3 writes it (false for NaN, so a NaN amount never fits).
fn fits(a: f64, b: f64) -> bool {
    a <= b
}

fn tied(a: f64, b: f64) -> bool {
    (a - b).abs() <= TIE_EPSILON * 1.0f64.max(a.abs()).max(b.abs())
}

/// Runs the whole selection of LANGUAGE §8.2 step 3 for one adaptive call.
///
/// Writes one [`CandidateOutcome`] per candidate into `out` and returns prices and the
/// chosen index.
///
/// # Panics
///
/// If `out.len() != input.candidates.len()` (a caller bug, never a property of the data).
///
/// ```
/// use eclexia_core::price::{select, CandidateOutcome, PriceBook, SelectionInput, Solution};
///
/// // §8.4's worked example: no budgets, default book, I = 400.
/// let e_t = [true, true, false, false, false, false];
/// let candidates = [
///     Solution::new([90.0, 0.002, 0.0, 0.0, 0.0, 0.0], e_t),
///     Solution::new([25.0, 0.03, 0.0, 0.0, 0.0, 0.0], e_t),
///     Solution::new([3.0, 0.4, 0.0, 0.0, 0.0, 0.0], e_t),
/// ];
/// let book = PriceBook::default();
/// let mut out = [CandidateOutcome::default(); 3];
/// let sel = select(
///     &SelectionInput {
///         candidates: &candidates,
///         caps: [f64::INFINITY; 6],
///         weights: [1.0; 6],
///         used: [0.0; 6],
///         limits: [f64::INFINITY; 6],
///         book: &book,
///         carbon_intensity: 400.0,
///     },
///     &mut out,
/// );
/// assert_eq!(sel.chosen, Some(1));
/// assert!((out[1].cost.unwrap() - 28.1389).abs() < 1e-3);
/// assert!(!sel.lp_solved);
/// ```
pub fn select(input: &SelectionInput<'_>, out: &mut [CandidateOutcome]) -> Selection {
    assert_eq!(
        out.len(),
        input.candidates.len(),
        "one outcome slot per candidate"
    );
    let book = input.book;
    let market = curve::market_prices(book, &input.used, &input.limits);

    // Feasibility (§8.3) and the rejection reason in §9.7's order; LP objective at base
    // prices (§9.4) to find the base-cheapest eligible solution (rule 1).
    let mut cheapest: Option<(usize, f64)> = None;
    let mut eligible_count = 0usize;
    for (s, (cand, slot)) in input.candidates.iter().zip(out.iter_mut()).enumerate() {
        let p = cand.effective(input.carbon_intensity);
        let rejected = if !cand.eligible {
            Some(Rejection::NotEligible)
        } else {
            let cap = Resource::ALL
                .into_iter()
                .find(|r| !fits(p[r.index()], input.caps[r.index()]));
            let budget = Resource::ALL.into_iter().find(|r| {
                let i = r.index();
                !fits(input.used[i] + p[i], input.limits[i])
            });
            cap.map(Rejection::Cap).or(budget.map(Rejection::Budget))
        };
        *slot = CandidateOutcome {
            vector: p,
            cost: None,
            feasible: rejected.is_none(),
            rejected,
        };
        if cand.eligible {
            eligible_count += 1;
            let c = base_cost(&input.weights, &book.base, &p);
            let better = match cheapest {
                None => true,
                Some((_, best)) => c < best,
            };
            if better {
                cheapest = Some((s, c));
            }
        }
    }
    // The tie rule of §8.4: the first declared among those tied with the minimum.
    let cheapest = cheapest.map(|(_, min)| {
        input
            .candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| c.eligible)
            .map(|(s, _)| s)
            .find(|&s| tied(base_cost(&input.weights, &book.base, &out[s].vector), min))
            .unwrap_or(0)
    });

    let mut premium = [0.0; RESOURCE_COUNT];
    let mut lp_solved = false;
    // Rule 1: the base-cheapest eligible solution fits ⇒ y = 0, no LP.
    // Rule 2: E empty ⇒ y = 0.
    if let Some(s0) = cheapest
        && !out[s0].feasible
    {
        lp_solved = true;
        premium = lp_premium(input, out, eligible_count);
    }

    let prices: ResourceVec = std::array::from_fn(|i| market[i] + premium[i]);

    // Cost (§8.4) with the full shadow prices, and the selection.
    let mut min_cost: Option<f64> = None;
    for (cand, slot) in input.candidates.iter().zip(out.iter_mut()) {
        if !cand.eligible {
            continue;
        }
        // Σ_r (w_r * π_r) * p_s(r), left to right from 0.0 in resource order (§8.4).
        let mut cost = 0.0;
        for ((w, pi), p) in input.weights.iter().zip(&prices).zip(&slot.vector) {
            cost += (w * pi) * p;
        }
        slot.cost = Some(cost);
        if slot.feasible {
            min_cost = Some(match min_cost {
                Some(m) if m <= cost => m,
                _ => cost,
            });
        }
    }
    let chosen = min_cost.and_then(|min| {
        out.iter()
            .position(|o| o.feasible && o.cost.is_some_and(|c| tied(c, min)))
    });
    Selection {
        prices,
        market,
        premium,
        chosen,
        lp_solved,
    }
}

/// `c_s = Σ_r w_r * base_r * p_s(r)`, summed left to right from 0.0 (§9.4).
fn base_cost(w: &ResourceVec, base: &ResourceVec, p: &ResourceVec) -> f64 {
    let mut c = 0.0;
    for i in 0..RESOURCE_COUNT {
        c += w[i] * base[i] * p[i];
    }
    c
}

/// Rule 3 of §9.4: solve the relaxation P over the eligible set and return the optimal duals
/// of the capacity rows (rule 2: 0 when P is infeasible).
fn lp_premium(input: &SelectionInput<'_>, out: &[CandidateOutcome], n: usize) -> ResourceVec {
    // Rows: resources with finite remaining capacity b'_r = min(cap_r, limit_r - used_r).
    let mut rows = [0usize; RESOURCE_COUNT];
    let mut b = [0.0; RESOURCE_COUNT];
    let mut m = 0;
    for i in 0..RESOURCE_COUNT {
        let remaining = (input.limits[i] - input.used[i]).min(input.caps[i]);
        if remaining.is_finite() {
            rows[m] = i;
            b[m] = remaining;
            m += 1;
        }
    }
    let mut stack_a = [0.0; RESOURCE_COUNT * STACK_CANDIDATES];
    let mut stack_c = [0.0; STACK_CANDIDATES];
    let mut stack_one = [0.0; STACK_CANDIDATES];
    let (mut heap_a, mut heap_c, mut heap_one);
    let (a, c, ones): (&mut [f64], &mut [f64], &mut [f64]) = if n <= STACK_CANDIDATES {
        (
            &mut stack_a[..m * n],
            &mut stack_c[..n],
            &mut stack_one[..n],
        )
    } else {
        heap_a = vec![0.0; m * n];
        heap_c = vec![0.0; n];
        heap_one = vec![0.0; n];
        (&mut heap_a, &mut heap_c, &mut heap_one)
    };
    let weights = &input.weights;
    let base = &input.book.base;
    let mut col = 0;
    for (cand, o) in input.candidates.iter().zip(out) {
        if !cand.eligible {
            continue;
        }
        c[col] = base_cost(weights, base, &o.vector);
        ones[col] = 1.0;
        for (k, &r) in rows[..m].iter().enumerate() {
            a[k * n + col] = o.vector[r];
        }
        col += 1;
    }
    let mut dual_ub = [0.0; RESOURCE_COUNT];
    let mut dual_eq = [0.0; 1];
    let problem = LpProblem {
        c,
        a_ub: a,
        b_ub: &b[..m],
        a_eq: ones,
        b_eq: &[1.0],
    };
    let (status, _) = lp::solve_into(&problem, None, &mut dual_ub[..m], &mut dual_eq);
    let mut premium = [0.0; RESOURCE_COUNT];
    if status == LpStatus::Optimal {
        for (k, &r) in rows[..m].iter().enumerate() {
            // y_r = -∂OPT/∂b'_r; tiny values (rounding) are 0 by rule 3.
            let y = -dual_ub[k];
            premium[r] = if y >= PREMIUM_FLOOR { y } else { 0.0 };
        }
    }
    premium
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &SelectionInput<'_>) -> (Selection, Vec<CandidateOutcome>) {
        let mut out = vec![CandidateOutcome::default(); input.candidates.len()];
        let s = select(input, &mut out);
        (s, out)
    }

    const ET: [bool; 6] = [true, true, false, false, false, false];

    #[test]
    fn section_9_4_example() {
        let book = PriceBook::default();
        let cands = [
            Solution::new([30.0, 0.001, 0.0, 0.0, 0.0, 0.0], ET),
            Solution::new([8.0, 0.04, 0.0, 0.0, 0.0, 0.0], ET),
        ];
        let (sel, out) = run(&SelectionInput {
            candidates: &cands,
            caps: [f64::INFINITY; 6],
            weights: [0.0, 1.0, 0.0, 0.0, 0.0, 0.0],
            used: [0.0; 6],
            limits: [
                10.0,
                f64::INFINITY,
                f64::INFINITY,
                f64::INFINITY,
                f64::INFINITY,
                f64::INFINITY,
            ],
            book: &book,
            carbon_intensity: 400.0,
        });
        assert!(sel.lp_solved);
        assert_eq!(sel.premium[0], (4.0 - 0.1) / (30.0 - 8.0));
        assert!((sel.premium[0] - 0.17727).abs() < 1e-5);
        assert_eq!(sel.chosen, Some(1));
        assert_eq!(out[0].rejected, Some(Rejection::Budget(Resource::Energy)));
        assert_eq!(out[0].cost, Some(0.1));
        assert_eq!(out[1].cost, Some(4.0));
    }

    #[test]
    fn rejection_order_is_eligibility_caps_then_budgets() {
        let book = PriceBook::default();
        let mut ineligible = Solution::new([1.0; 6], [true; 6]);
        ineligible.eligible = false;
        let cands = [
            ineligible,
            Solution::new([1.0, 5.0, 0.0, 0.0, 0.0, 0.0], ET),
            Solution::new([100.0, 0.0, 0.0, 0.0, 0.0, 0.0], ET),
        ];
        let mut limits = [f64::INFINITY; 6];
        limits[0] = 50.0;
        let mut caps = [f64::INFINITY; 6];
        caps[1] = 1.0;
        let (sel, out) = run(&SelectionInput {
            candidates: &cands,
            caps,
            weights: [1.0; 6],
            used: [0.0; 6],
            limits,
            book: &book,
            carbon_intensity: 400.0,
        });
        assert_eq!(out[0].rejected, Some(Rejection::NotEligible));
        assert_eq!(out[0].cost, None);
        assert_eq!(out[1].rejected, Some(Rejection::Cap(Resource::Time)));
        assert_eq!(out[2].rejected, Some(Rejection::Budget(Resource::Energy)));
        assert_eq!(sel.chosen, None);
        assert_eq!(Rejection::Cap(Resource::Time).to_string(), "cap: time");
    }

    #[test]
    fn declared_carbon_is_never_replaced() {
        let s = Solution::new(
            [10.0, 0.0, 0.0, 0.0, 0.0, 0.0],
            [true, false, true, false, false, false],
        );
        assert_eq!(s.effective(400.0)[2], 0.0);
        let s = Solution::new([10.0, 0.0, 0.0, 0.0, 0.0, 0.0], [false; 6]);
        assert_eq!(s.effective(400.0)[2], 0.0);
    }

    #[test]
    fn ties_go_to_the_first_declared() {
        let book = PriceBook::default();
        let cands = [
            Solution::new(
                [10.0 + 1e-12, 0.0, 0.0, 0.0, 0.0, 0.0],
                [true, false, true, false, false, false],
            ),
            Solution::new(
                [10.0, 0.0, 0.0, 0.0, 0.0, 0.0],
                [true, false, true, false, false, false],
            ),
        ];
        let (sel, _) = run(&SelectionInput {
            candidates: &cands,
            caps: [f64::INFINITY; 6],
            weights: [1.0; 6],
            used: [0.0; 6],
            limits: [f64::INFINITY; 6],
            book: &book,
            carbon_intensity: 400.0,
        });
        assert_eq!(sel.chosen, Some(0));
    }
}
