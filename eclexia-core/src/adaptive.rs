//! The adaptive call procedure (LANGUAGE §8.2–§8.5) on top of the budget scopes of
//! [`crate::meter`] and the one selection implementation, [`crate::price::select`].
//!
//! An [`AdaptivePlan`] is built once per adaptive function (its solutions' provided
//! vectors, caps and weights are constants of the program); a call then only fills in the
//! guards' results and reads the current frames. Selection never falls back to an
//! infeasible solution (§8.5); charging and envelopes follow §8.2 steps 4–5.
//!
//! Used by the evaluator (being built: issue 4); self-contained and tested on its own.

use std::sync::Arc;

use crate::diagnostic::ErrorCode;
use crate::meter::{Meter, Violation};
use crate::price::{CandidateOutcome, PriceBook, ResourceVec, SelectionInput, Solution, select};
use crate::units::Resource;

/// What is fixed about one adaptive function.
#[derive(Clone, Debug)]
pub struct AdaptivePlan {
    /// The function's name (for messages and envelope scope names).
    pub name: String,
    /// Solution names in declaration order.
    pub solution_names: Vec<String>,
    /// Solution vectors in declaration order (eligibility is set per call).
    pub solutions: Vec<Solution>,
    /// Caps from the function's `@requires` (§7.2); `f64::INFINITY` where none.
    pub caps: ResourceVec,
    /// Weights from `@optimize` (§8.4): 1 minimise, -1 maximise, 0 not mentioned; all 1
    /// without `@optimize`.
    pub weights: ResourceVec,
    /// Envelope scope names `f/solution`, built once.
    scopes: Vec<Arc<str>>,
    /// The function's name, shared with every selection record.
    shared_name: Arc<str>,
    /// Solution names, shared with every selection record.
    shared_solutions: Vec<Arc<str>>,
    /// No cap on any resource.
    uncapped: bool,
}

/// The solution an adaptive call selected.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// Index of the solution in declaration order.
    pub index: usize,
    /// Its cost (§8.4).
    pub cost: f64,
    /// The resources whose envelopes were pushed (bit `r.index()`), to pop after the body.
    pub envelopes: u8,
    /// The charged vector (derived carbon included).
    pub vector: ResourceVec,
}

impl AdaptivePlan {
    /// A plan for function `name` with solutions (names and vectors in declaration
    /// order), caps and weights.
    pub fn new(
        name: String,
        solution_names: Vec<String>,
        solutions: Vec<Solution>,
        caps: ResourceVec,
        weights: ResourceVec,
    ) -> AdaptivePlan {
        let scopes = solution_names
            .iter()
            .map(|s| Arc::from(format!("{name}/{s}").as_str()))
            .collect();
        AdaptivePlan {
            shared_name: Arc::from(name.as_str()),
            shared_solutions: solution_names
                .iter()
                .map(|s| Arc::from(s.as_str()))
                .collect(),
            uncapped: caps.iter().all(|c| c.is_infinite()),
            name,
            solution_names,
            solutions,
            caps,
            weights,
            scopes,
        }
    }

    /// Selects and charges for one call (§8.2 steps 3–5): `eligible[i]` is solution i's
    /// guard. On success the chosen solution's vector has been charged to the top frames
    /// and its envelopes pushed; call [`AdaptivePlan::finish`] after the body.
    ///
    /// ```
    /// use eclexia_core::adaptive::AdaptivePlan;
    /// use eclexia_core::meter::Meter;
    /// use eclexia_core::price::{PriceBook, Solution};
    /// // LANGUAGE §8.4's worked example: cpu is selected.
    /// let s = |e: f64, t: f64| Solution::new([e, t, 0.0, 0.0, 0.0, 0.0], [true, true, false, false, false, false]);
    /// let plan = AdaptivePlan::new(
    ///     "render".into(),
    ///     vec!["gpu".into(), "cpu".into(), "cache".into()],
    ///     vec![s(90.0, 0.002), s(25.0, 0.030), s(3.0, 0.400)],
    ///     [f64::INFINITY; 6],
    ///     [1.0; 6],
    /// );
    /// let mut meter = Meter::new([None; 6]);
    /// let choice = plan.call(&[true, true, true], &mut meter, &PriceBook::default(), 400.0).unwrap();
    /// assert_eq!(plan.solution_names[choice.index], "cpu");
    /// assert_eq!(meter.root_usage()[0], 25.0); // charged to the caller's scope
    /// assert_eq!(&*meter.top(eclexia_core::units::Resource::Energy).name, "render/cpu");
    /// ```
    pub fn call(
        &self,
        eligible: &[bool],
        meter: &mut Meter,
        book: &PriceBook,
        carbon_intensity: f64,
    ) -> Result<Choice, Violation> {
        const STACK: usize = 16;
        let n = self.solutions.len();
        let mut stack_sol = [self
            .solutions
            .first()
            .copied()
            .unwrap_or(Solution::new([0.0; 6], [false; 6])); STACK];
        let mut stack_out = [CandidateOutcome::default(); STACK];
        let (mut heap_sol, mut heap_out);
        let (candidates, out): (&mut [Solution], &mut [CandidateOutcome]) = if n <= STACK {
            (&mut stack_sol[..n], &mut stack_out[..n])
        } else {
            heap_sol = self.solutions.clone();
            heap_out = vec![CandidateOutcome::default(); n];
            (&mut heap_sol, &mut heap_out)
        };
        for (i, c) in candidates.iter_mut().enumerate() {
            *c = self.solutions[i];
            c.eligible = eligible.get(i).copied().unwrap_or(false);
        }
        let input = SelectionInput {
            candidates,
            caps: self.caps,
            weights: self.weights,
            used: Resource::ALL.map(|r| meter.top(r).used),
            limits: Resource::ALL.map(|r| meter.top(r).limit),
            book,
            carbon_intensity,
        };
        let selection = select(&input, out);
        let Some(index) = selection.chosen else {
            return Err(Violation {
                code: ErrorCode::E0603,
                message: format!("no feasible solution for adaptive function '{}'", self.name),
            });
        };
        let vector = out[index].vector;
        let cost = out[index].cost.unwrap_or(0.0);
        self.commit(index, cost, vector, meter)
    }

    /// §8.2 steps 4–5 for solution `index` with its effective vector (derived carbon
    /// included): charges the caller's scopes in resource order and pushes the envelopes.
    /// Used by [`AdaptivePlan::call`] and by callers that remember an earlier selection.
    pub fn commit(
        &self,
        index: usize,
        cost: f64,
        vector: ResourceVec,
        meter: &mut Meter,
    ) -> Result<Choice, Violation> {
        // Feasibility guarantees the charges cannot fail.
        for r in Resource::ALL {
            let amount = vector[r.index()];
            if amount != 0.0 {
                meter.charge(r, amount)?;
            }
        }
        // An envelope per declared resource (derived carbon opens none).
        let scope = &self.scopes[index];
        let solution = &self.solutions[index];
        let mut envelopes = 0u8;
        for r in Resource::ALL {
            if solution.declared[r.index()] {
                meter.push(r, scope, solution.provides[r.index()]);
                envelopes |= 1 << r.index();
            }
        }
        Ok(Choice {
            index,
            cost,
            envelopes,
            vector,
        })
    }

    /// Whether selection for this plan depends only on which solutions are eligible:
    /// no cap and no finite limit on any resource, so every eligible solution fits, market
    /// prices are the base prices and the LP premium is zero (§9.3, §9.4 rule 1).
    pub fn is_static(&self, meter: &Meter) -> bool {
        self.uncapped && meter.all_unlimited()
    }

    /// The function's name (shared).
    pub fn function_name(&self) -> &Arc<str> {
        &self.shared_name
    }

    /// Solution `i`'s name (shared).
    pub fn solution_name(&self, i: usize) -> &Arc<str> {
        &self.shared_solutions[i]
    }

    /// Pops the envelopes of a finished (or failed) solution body.
    pub fn finish(&self, choice: &Choice, meter: &mut Meter) {
        for r in Resource::ALL {
            if choice.envelopes & (1 << r.index()) != 0 {
                meter.pop(r);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Resource::*;

    fn declared(rs: &[Resource]) -> [bool; 6] {
        let mut d = [false; 6];
        for r in rs {
            d[r.index()] = true;
        }
        d
    }

    fn plan(solutions: Vec<(&str, [f64; 6], &[Resource])>) -> AdaptivePlan {
        AdaptivePlan::new(
            "f".into(),
            solutions.iter().map(|s| s.0.to_string()).collect(),
            solutions
                .iter()
                .map(|s| Solution::new(s.1, declared(s.2)))
                .collect(),
            [f64::INFINITY; 6],
            [1.0; 6],
        )
    }

    fn run(p: &AdaptivePlan, eligible: &[bool], meter: &mut Meter) -> Result<Choice, Violation> {
        p.call(eligible, meter, &PriceBook::default(), 400.0)
    }

    #[test]
    fn worked_example_of_section_8_4_charges_and_envelopes() {
        let p = plan(vec![
            ("gpu", [90.0, 0.002, 0.0, 0.0, 0.0, 0.0], &[Energy, Time]),
            ("cpu", [25.0, 0.030, 0.0, 0.0, 0.0, 0.0], &[Energy, Time]),
            ("cache", [3.0, 0.400, 0.0, 0.0, 0.0, 0.0], &[Energy, Time]),
        ]);
        let mut m = Meter::new([None; 6]);
        let c = run(&p, &[true; 3], &mut m).unwrap();
        assert_eq!(c.index, 1);
        assert!((c.cost - 28.138_888_888_888_89).abs() < 1e-9, "{}", c.cost);
        // Charged: 25 J, 30 ms and the derived carbon 25 * 400 / 3.6e6 g.
        assert_eq!(m.root_usage()[Energy.index()], 25.0);
        assert_eq!(m.root_usage()[Carbon.index()], 25.0 * 400.0 / 3_600_000.0);
        // Envelopes for energy and time, none for derived carbon.
        assert_eq!(c.envelopes, 0b11);
        assert_eq!(&*m.top(Energy).name, "f/cpu");
        assert_eq!(&*m.top(Carbon).name, "<root>");
        p.finish(&c, &mut m);
        assert_eq!(&*m.top(Energy).name, "<root>");
    }

    #[test]
    fn guards_and_budgets_decide_feasibility() {
        let p = plan(vec![
            ("big", [30.0, 0.001, 0.0, 0.0, 0.0, 0.0], &[Energy, Time]),
            ("small", [8.0, 0.040, 0.0, 0.0, 0.0, 0.0], &[Energy, Time]),
        ]);
        let mut m = Meter::new([Some(10.0), None, None, None, None, None]);
        // §9.4's scenario: only 10 J remain, so `big` does not fit and `small` is chosen.
        assert_eq!(run(&p, &[true, true], &mut m).unwrap().index, 1);
        // No eligible solution at all.
        let mut m = Meter::new([None; 6]);
        let v = run(&p, &[false, false], &mut m).unwrap_err();
        assert_eq!(v.code, ErrorCode::E0603);
        assert_eq!(v.message, "no feasible solution for adaptive function 'f'");
    }

    #[test]
    fn ties_go_to_the_first_declared_solution() {
        let p = plan(vec![
            ("first", [5.0, 0.0, 0.0, 0.0, 0.0, 0.0], &[Energy]),
            ("second", [5.0, 0.0, 0.0, 0.0, 0.0, 0.0], &[Energy]),
        ]);
        let mut m = Meter::new([None; 6]);
        assert_eq!(run(&p, &[true, true], &mut m).unwrap().index, 0);
    }

    #[test]
    fn declared_zero_carbon_is_not_replaced() {
        let p = plan(vec![
            ("dirty", [10.0, 0.0, 0.0, 0.0, 0.0, 0.0], &[Energy]),
            ("green", [10.0, 0.0, 0.0, 0.0, 0.0, 0.0], &[Energy, Carbon]),
        ]);
        let mut m = Meter::new([None; 6]);
        // Same energy; `green` declares 0 gCO2e, so it has no carbon cost and wins.
        let c = run(&p, &[true, true], &mut m).unwrap();
        assert_eq!(c.index, 1);
        assert_eq!(m.root_usage()[Carbon.index()], 0.0);
        assert_eq!(c.envelopes, 0b101);
    }
}
