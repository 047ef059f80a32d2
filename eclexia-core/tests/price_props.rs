//! Property tests of LANGUAGE §9.6 and of the LP layer (ARCHITECTURE §5): prices are
//! non-negative, `m_r` is non-decreasing in usage, `y = 0` when every eligible candidate
//! fits, strong duality and complementary slackness hold, and the in-crate simplex agrees
//! with the maintained solver (`good_lp` + `clarabel`).

#![allow(clippy::needless_range_loop)] // matrix code indexes rows and columns

use std::sync::Arc;

use eclexia_core::price::lp::{self, LpProblem, LpStatus};
use eclexia_core::price::{
    CandidateOutcome, ManualClock, Market, MarketSettings, PriceBook, Resource, Selection,
    SelectionInput, Solution, market_price, select,
};
use good_lp::{
    Expression, ProblemVariables, Solution as _, SolutionWithDual, SolverModel, Variable, clarabel,
    constraint, solvers::DualValues, variable,
};
use proptest::prelude::*;

/// A convex-mix relaxation P of §9.4: `n` candidates, `m` capacity rows.
#[derive(Clone, Debug)]
struct MixLp {
    c: Vec<f64>,
    a: Vec<f64>, // m × n
    b: Vec<f64>,
    n: usize,
}

/// Random instances that are feasible by construction: `b = A λ + slack` for a random
/// convex combination λ; some slacks are 0 so that rows bind.
fn mix_lp() -> impl Strategy<Value = MixLp> {
    (1usize..=16, 1usize..=6).prop_flat_map(|(n, m)| {
        (
            prop::collection::vec(-10.0f64..10.0, n),
            prop::collection::vec(0.0f64..100.0, m * n),
            prop::collection::vec(0.01f64..1.0, n),
            prop::collection::vec(prop_oneof![Just(0.0), 0.0f64..50.0], m),
        )
            .prop_map(move |(c, a, lam, slack)| {
                let total: f64 = lam.iter().sum();
                let b = (0..m)
                    .map(|r| (0..n).map(|s| a[r * n + s] * lam[s] / total).sum::<f64>() + slack[r])
                    .collect();
                MixLp { c, a, b, n }
            })
    })
}

fn solve_mix(p: &MixLp) -> lp::LpSolution {
    lp::solve(&LpProblem {
        c: &p.c,
        a_ub: &p.a,
        b_ub: &p.b,
        a_eq: &vec![1.0; p.n],
        b_eq: &[1.0],
    })
}

/// Solves the same problem with the maintained solver; returns objective and row duals in
/// the convention `∂OPT/∂b`.
fn solve_mix_clarabel(p: &MixLp) -> (f64, Vec<f64>, f64) {
    let mut vars = ProblemVariables::new();
    let xs: Vec<Variable> = (0..p.n).map(|_| vars.add(variable().min(0.0))).collect();
    let objective: Expression = xs.iter().zip(&p.c).map(|(x, c)| *c * *x).sum();
    let mut model = vars.minimise(objective.clone()).using(clarabel);
    let rows: Vec<_> =
        p.b.iter()
            .enumerate()
            .map(|(r, &b)| {
                let e: Expression = xs
                    .iter()
                    .enumerate()
                    .map(|(s, x)| p.a[r * p.n + s] * *x)
                    .sum();
                model.add_constraint(constraint!(e <= b))
            })
            .collect();
    let sum: Expression = xs.iter().copied().sum();
    let convex = model.add_constraint(constraint!(sum == 1.0));
    let mut sol = model.solve().expect("feasible by construction");
    let obj = xs.iter().zip(&p.c).map(|(x, c)| c * sol.value(*x)).sum();
    let duals = sol.compute_dual();
    let ys = rows.iter().map(|r| duals.dual(r.clone())).collect();
    let mu = duals.dual(convex);
    (obj, ys, mu)
}

#[test]
fn clarabel_dual_convention_matches_ours_on_the_textbook_lp() {
    // max x + y s.t. 2x + y <= 4, x + 2y <= 4: x = y = 4/3, duals 1/3 and 1/3.
    let mut vars = ProblemVariables::new();
    let x = vars.add(variable().min(0.0));
    let y = vars.add(variable().min(0.0));
    let mut model = vars.maximise(x + y).using(clarabel);
    let r1 = model.add_constraint(constraint!(2.0 * x + y <= 4.0));
    let r2 = model.add_constraint(constraint!(x + 2.0 * y <= 4.0));
    let mut sol = model.solve().unwrap();
    assert!((sol.value(x) - 4.0 / 3.0).abs() < 1e-6);
    let d = sol.compute_dual();
    let d1 = d.dual(r1);
    assert!((d1 - 1.0 / 3.0).abs() < 1e-6, "{d1}");
    assert!((d.dual(r2) - 1.0 / 3.0).abs() < 1e-6);
    // Ours, as a minimisation of -x - y: ∂OPT/∂b = -1/3 each, i.e. 1/3 for the maximum.
    let ours = lp::solve(&LpProblem {
        c: &[-1.0, -1.0],
        a_ub: &[2.0, 1.0, 1.0, 2.0],
        b_ub: &[4.0, 4.0],
        a_eq: &[],
        b_eq: &[],
    });
    assert_eq!(ours.status, LpStatus::Optimal);
    assert!((ours.x[0] - 4.0 / 3.0).abs() < 1e-12);
    assert!((-ours.dual_ub[0] - 1.0 / 3.0).abs() < 1e-15);
    assert!((-ours.dual_ub[1] - 1.0 / 3.0).abs() < 1e-15);
}

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / 1.0f64.max(a.abs()).max(b.abs())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Strong duality and complementary slackness for P/D of §9.4.
    #[test]
    fn strong_duality_and_complementary_slackness(p in mix_lp()) {
        let sol = solve_mix(&p);
        prop_assert_eq!(sol.status, LpStatus::Optimal);
        let m = p.b.len();
        let y: Vec<f64> = sol.dual_ub.iter().map(|d| -d).collect();
        let mu = sol.dual_eq[0];
        let scale = p.c.iter().fold(1.0f64, |a, c| a.max(c.abs()));
        // Primal feasibility.
        let sum_x: f64 = sol.x.iter().sum();
        prop_assert!((sum_x - 1.0).abs() < 1e-9);
        for r in 0..m {
            let lhs: f64 = (0..p.n).map(|s| p.a[r * p.n + s] * sol.x[s]).sum();
            prop_assert!(lhs <= p.b[r] + 1e-7 * p.b[r].max(1.0));
        }
        // Dual feasibility: y >= 0 and μ - Σ p_s(r) y_r <= c_s.
        for s in 0..p.n {
            prop_assert!(sol.x[s] >= 0.0);
            let reduced = p.c[s] - mu + (0..m).map(|r| p.a[r * p.n + s] * y[r]).sum::<f64>();
            prop_assert!(reduced >= -1e-7 * scale, "reduced cost {reduced}");
            // Complementary slackness (columns).
            prop_assert!((sol.x[s] * reduced).abs() < 1e-7 * scale);
        }
        for r in 0..m {
            prop_assert!(y[r] >= 0.0);
            let lhs: f64 = (0..p.n).map(|s| p.a[r * p.n + s] * sol.x[s]).sum();
            // Complementary slackness (rows).
            prop_assert!((y[r] * (p.b[r] - lhs)).abs() < 1e-7 * scale.max(1.0) * p.b[r].max(1.0));
        }
        // Strong duality: c·x = μ - b·y.
        let primal: f64 = p.c.iter().zip(&sol.x).map(|(c, x)| c * x).sum();
        let dual = mu - p.b.iter().zip(&y).map(|(b, y)| b * y).sum::<f64>();
        prop_assert!(rel(primal, sol.objective) < 1e-12);
        prop_assert!(rel(primal, dual) < 1e-7, "primal {primal} dual {dual}");
    }

    /// The in-crate simplex agrees with `good_lp` + `clarabel`.
    #[test]
    fn simplex_agrees_with_the_maintained_solver(p in mix_lp()) {
        let ours = solve_mix(&p);
        prop_assert_eq!(ours.status, LpStatus::Optimal);
        let (obj, duals, mu) = solve_mix_clarabel(&p);
        prop_assert!(rel(ours.objective, obj) < 1e-6, "ours {} clarabel {}", ours.objective, obj);
        // Duals are compared only where they are unique: at a primal non-degenerate optimum
        // (all m + 1 basic variables strictly positive). Degenerate instances (e.g. a single
        // candidate that exactly fills a row) have a whole face of optimal duals; there we
        // return the smallest (§9.4 rule 3) while an interior-point method returns an
        // interior point of the face. Allow for the interior-point method's accuracy.
        let m = p.b.len();
        let positive_x = ours.x.iter().filter(|&&x| x > 1e-9).count();
        let slack_rows = (0..m)
            .filter(|&r| {
                let lhs: f64 = (0..p.n).map(|s| p.a[r * p.n + s] * ours.x[s]).sum();
                p.b[r] - lhs > 1e-9 * p.b[r].max(1.0)
            })
            .count();
        prop_assume!(positive_x + slack_rows == m + 1);
        let scale = p.c.iter().fold(1.0f64, |a, c| a.max(c.abs()));
        for (a, b) in ours.dual_ub.iter().zip(&duals) {
            prop_assert!((a - b).abs() < 1e-4 * scale, "ours {:?} clarabel {:?}", ours.dual_ub, duals);
        }
        prop_assert!((ours.dual_eq[0] - mu).abs() < 1e-4 * scale * 100.0);
    }

    /// §9.6: `m_r` is non-decreasing in usage and never negative.
    #[test]
    fn market_price_is_monotone_and_non_negative(
        base in 0.0f64..1e6, mult in 1.0f64..100.0, limit in 0.0f64..1e9,
        u1 in 0.0f64..2e9, du in 0.0f64..1e9,
    ) {
        let a = market_price(base, mult, u1, limit);
        let b = market_price(base, mult, u1 + du, limit);
        prop_assert!(a >= 0.0 && b >= 0.0);
        prop_assert!(b >= a, "{a} > {b}");
        prop_assert!(a >= base && a <= base * mult * (1.0 + 1e-15));
    }

    /// Prices are never negative and `y = 0` whenever every eligible candidate fits.
    #[test]
    fn prices_non_negative_and_no_premium_when_everything_fits(
        vecs in prop::collection::vec(prop::array::uniform6(0.0f64..1000.0), 1..16),
        weights in prop::array::uniform6(prop_oneof![Just(1.0), Just(-1.0), Just(0.0)]),
        used in prop::array::uniform6(0.0f64..1000.0),
        headroom in prop::array::uniform6(0.0f64..1000.0),
        tight in any::<bool>(),
    ) {
        let book = PriceBook::default();
        let cands: Vec<Solution> = vecs.iter().map(|v| Solution::new(*v, [true; 6])).collect();
        let max = |r: usize| vecs.iter().fold(0.0f64, |a, v| a.max(v[r]));
        // Either every candidate fits (limits above the largest need) or limits are random.
        let limits: [f64; 6] = std::array::from_fn(|r| {
            if tight { used[r] + headroom[r] } else { used[r] + max(r) + headroom[r] }
        });
        let mut out = vec![CandidateOutcome::default(); cands.len()];
        let sel: Selection = select(&SelectionInput {
            candidates: &cands,
            caps: [f64::INFINITY; 6],
            weights,
            used,
            limits,
            book: &book,
            carbon_intensity: 400.0,
        }, &mut out);
        for r in 0..6 {
            prop_assert!(sel.prices[r] >= 0.0 && sel.market[r] >= 0.0 && sel.premium[r] >= 0.0);
        }
        if out.iter().all(|o| o.feasible) {
            prop_assert_eq!(sel.premium, [0.0; 6]);
            prop_assert!(!sel.lp_solved);
        }
        if let Some(k) = sel.chosen {
            prop_assert!(out[k].feasible);
        } else {
            prop_assert!(out.iter().all(|o| !o.feasible));
        }
    }

    /// §9.6 for the `Market`: within a window, successive prices never decrease.
    #[test]
    fn market_prices_never_decrease_within_a_window(
        steps in prop::collection::vec((0usize..6, 0.0f64..50.0), 1..40),
    ) {
        let clock = Arc::new(ManualClock::new(0.0));
        let settings = MarketSettings {
            budgets: eclexia_core::price::PerResource::from_array([Some(500.0); 6]),
            ..MarketSettings::default()
        };
        let market = Market::with_clock(settings, clock.clone());
        let mut last = market.prices();
        for (r, amount) in steps {
            clock.advance(1.0);
            let now = market.record(Resource::ALL[r], amount).map(|_| market.prices()).unwrap();
            for k in 0..6 {
                prop_assert!(now.resources[k].price >= last.resources[k].price);
            }
            last = now;
        }
    }
}
