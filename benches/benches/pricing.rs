//! `select()` (the VM's entry) and `price()` (the JSON-facing wrapper) on 6 resources × 16
//! candidates, with and without the LP of LANGUAGE §9.4; plus the maintained solver on the
//! same LP for comparison; and reading LANGUAGE §9.7's request, typed in one pass against
//! through a `serde_json::Value`. Figures: docs/PERFORMANCE.md. `--features mimalloc` measures
//! with the allocator the `eclexia` binary ships.

#[cfg(feature = "mimalloc")]
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use eclexia_benches::{book, candidates, limits, request};
use eclexia_core::price::{CandidateOutcome, PriceRequest, SelectionInput, price, select};
use good_lp::{
    Expression, ProblemVariables, Solution as _, SolutionWithDual, SolverModel, Variable, clarabel,
    constraint, solvers::DualValues, variable,
};

fn bench_select(c: &mut Criterion) {
    let cands = candidates();
    let book = book();
    for lp in [false, true] {
        let input = SelectionInput {
            candidates: &cands,
            caps: [f64::INFINITY; 6],
            weights: [1.0; 6],
            used: [5.0, 0.0, 0.0, 0.0, 0.0, 0.0],
            limits: limits(lp),
            book: &book,
            carbon_intensity: 400.0,
        };
        let mut out = [CandidateOutcome::default(); 16];
        let sel = select(&input, &mut out);
        assert_eq!(
            sel.lp_solved, lp,
            "the benchmark must exercise the intended path"
        );
        let name = if lp {
            "select/16x6/lp"
        } else {
            "select/16x6/no-lp"
        };
        c.bench_function(name, |b| {
            b.iter(|| select(black_box(&input), black_box(&mut out)))
        });
        let req = request(lp);
        let name = if lp {
            "price/16x6/lp"
        } else {
            "price/16x6/no-lp"
        };
        c.bench_function(name, |b| b.iter(|| price(black_box(&req)).unwrap()));
    }
}

/// LANGUAGE §9.7's request as the sidecar receives it: `PriceRequest::decode` (typed, one
/// pass) against the `Value` path it falls back to.
fn bench_request(c: &mut Criterion) {
    let body = include_bytes!("../../tests/fixtures/price-request-9.7.json");
    assert_eq!(
        PriceRequest::decode(body).unwrap(),
        PriceRequest::decode_by_value(body).unwrap()
    );
    c.bench_function("request/9.7/decode", |b| {
        b.iter(|| PriceRequest::decode(black_box(body)).unwrap())
    });
    c.bench_function("request/9.7/value", |b| {
        b.iter(|| PriceRequest::decode_by_value(black_box(body)).unwrap())
    });
}

fn bench_clarabel(c: &mut Criterion) {
    let cands = candidates();
    let lim = limits(true);
    let used = [5.0, 0.0, 0.0, 0.0, 0.0, 0.0];
    let base = book().base;
    c.bench_function("clarabel/16x6/lp", |b| {
        b.iter(|| {
            let mut vars = ProblemVariables::new();
            let xs: Vec<Variable> = cands
                .iter()
                .map(|_| vars.add(variable().min(0.0)))
                .collect();
            let obj: Expression = xs
                .iter()
                .zip(&cands)
                .map(|(x, s)| (0..6).map(|r| base[r] * s.provides[r]).sum::<f64>() * *x)
                .sum();
            let mut model = vars.minimise(obj).using(clarabel);
            let rows: Vec<_> = (0..6)
                .map(|r| {
                    let e: Expression =
                        xs.iter().zip(&cands).map(|(x, s)| s.provides[r] * *x).sum();
                    model.add_constraint(constraint!(e <= lim[r] - used[r]))
                })
                .collect();
            let sum: Expression = xs.iter().copied().sum();
            model.add_constraint(constraint!(sum == 1.0));
            let mut sol = model.solve().unwrap();
            let _ = sol.value(xs[0]);
            let d = sol.compute_dual();
            rows.into_iter().map(|r| d.dual(r)).sum::<f64>()
        })
    });
}

criterion_group!(benches, bench_select, bench_request, bench_clarabel);
criterion_main!(benches);
