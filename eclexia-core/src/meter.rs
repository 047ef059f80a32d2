//! Budget scopes and resource accounting (LANGUAGE §7): the model the evaluator charges.
//!
//! For every resource there is a stack of frames `(name, limit, used)`; the bottom one is
//! the root (`<root>`, the host's budget, unlimited by default). Charging adds to the top
//! frame only and fails when its `used` exceeds its `limit` (binary64 arithmetic, §7.3).
//! Entering a function with `@requires` bounds first refuses a zero bound (E0602), then
//! reserves each bound from the caller's top frame in the fixed resource order, then
//! pushes the function's frames (§7.4). Solution envelopes push frames without reserving
//! (§8.2). Nothing here is measured: usage is what the program declares and consumes.
//!
//! Used by the evaluator (being built: issue 4); self-contained and tested on its own.

use std::sync::Arc;

use crate::diagnostic::ErrorCode;
use crate::price::{PriceBook, market_price};
use crate::units::{Resource, format_quantity};

/// One budget scope of one resource.
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// `<root>`, the function's name, or `f/solution` for an envelope.
    pub name: Arc<str>,
    /// The bound, in canonical units (`f64::INFINITY` when unlimited).
    pub limit: f64,
    /// What has been charged to this scope.
    pub used: f64,
}

/// A budget that cannot be honoured: E0601 (exceeded) or E0602 (zero bound).
#[derive(Clone, Debug, PartialEq)]
pub struct Violation {
    /// `E0601` or `E0602`.
    pub code: ErrorCode,
    /// The §12.1 message.
    pub message: String,
}

/// The per-resource frame stacks of one evaluation.
#[derive(Clone, Debug)]
pub struct Meter {
    stacks: [Vec<Frame>; 6],
    /// How many frames (of all resources) have a finite limit.
    finite: u32,
}

impl Meter {
    /// Root frames with the host's budgets (`None` = unlimited).
    ///
    /// ```
    /// use eclexia_core::meter::Meter;
    /// use eclexia_core::units::Resource;
    /// let mut m = Meter::new([Some(10.0), None, None, None, None, None]);
    /// m.charge(Resource::Energy, 4.0).unwrap();
    /// assert_eq!(m.used(Resource::Energy), 4.0);
    /// let v = m.charge(Resource::Energy, 7.0).unwrap_err();
    /// assert_eq!(v.message, "energy budget exceeded in '<root>': used 11J, limit 10J");
    /// ```
    pub fn new(budgets: [Option<f64>; 6]) -> Meter {
        let root_name: Arc<str> = Arc::from("<root>");
        let root = |b: Option<f64>| {
            vec![Frame {
                name: root_name.clone(),
                limit: b.unwrap_or(f64::INFINITY),
                used: 0.0,
            }]
        };
        Meter {
            stacks: budgets.map(root),
            finite: budgets.iter().flatten().filter(|b| b.is_finite()).count() as u32,
        }
    }

    /// The innermost scope that bounds `r` (§7.3 `top(r)`).
    pub fn top(&self, r: Resource) -> &Frame {
        self.stacks[r.index()]
            .last()
            .expect("the root frame is never popped")
    }

    /// `top(r).used` (§7.5, the builtin `resource_used`).
    pub fn used(&self, r: Resource) -> f64 {
        self.top(r).used
    }

    /// The root frames' usage, in resource order (what an evaluation reports).
    pub fn root_usage(&self) -> [f64; 6] {
        Resource::ALL.map(|r| self.stacks[r.index()][0].used)
    }

    /// The market price of `r` for its top frame (§9.3, §9.5 `shadow_price`).
    pub fn market_price(&self, r: Resource, book: &PriceBook) -> f64 {
        let top = self.top(r);
        let i = r.index();
        market_price(book.base[i], book.multiplier[i], top.used, top.limit)
    }

    /// Whether `amount` more of `r` fits into the top frame (the feasibility test of
    /// §8.3, the same expression as the charge check).
    pub fn fits(&self, r: Resource, amount: f64) -> bool {
        let top = self.top(r);
        top.used + amount <= top.limit
    }

    /// Charges `amount` (≥ 0) of `r` to its top frame (§7.3).
    #[inline]
    pub fn charge(&mut self, r: Resource, amount: f64) -> Result<(), Violation> {
        let top = self.stacks[r.index()]
            .last_mut()
            .expect("the root frame is never popped");
        top.used += amount;
        if top.used > top.limit {
            return Err(exceeded(r, top));
        }
        Ok(())
    }

    /// §7.4 step 3 for a call of `function` with bounds `bounds` (each resource at most
    /// once): a zero bound is E0602 before anything is charged; then each bound is
    /// reserved from the caller's scope in resource order, and a frame per bound is
    /// pushed. On error nothing stays pushed (charges already made stay, as the model says).
    ///
    /// `bounds` must be in resource order (as compiled functions keep them).
    pub fn enter(
        &mut self,
        function: &Arc<str>,
        bounds: &[(Resource, f64)],
    ) -> Result<(), Violation> {
        let ordered = bounds;
        debug_assert!(ordered.windows(2).all(|w| w[0].0 < w[1].0));
        if let Some((r, _)) = ordered.iter().find(|(_, b)| *b == 0.0) {
            return Err(Violation {
                code: ErrorCode::E0602,
                message: format!("'{function}' has a zero {} budget", r.name()),
            });
        }
        for &(r, b) in ordered {
            self.charge(r, b)?;
        }
        for &(r, b) in ordered {
            self.push(r, function, b);
        }
        Ok(())
    }

    /// Pops the frames `enter` pushed (also when an error propagates, §7.4 step 5).
    pub fn exit(&mut self, bounds: &[(Resource, f64)]) {
        for (r, _) in bounds {
            self.pop(*r);
        }
    }

    /// Pushes a frame without reserving: a solution envelope (§8.2 step 5).
    pub fn push(&mut self, r: Resource, name: &Arc<str>, limit: f64) {
        if limit.is_finite() {
            self.finite += 1;
        }
        self.stacks[r.index()].push(Frame {
            name: name.clone(),
            limit,
            used: 0.0,
        });
    }

    /// Pops the top frame of `r` (never the root).
    pub fn pop(&mut self, r: Resource) {
        let s = &mut self.stacks[r.index()];
        if s.len() > 1 {
            if let Some(f) = s.pop() {
                if f.limit.is_finite() {
                    self.finite -= 1;
                }
            }
        }
    }

    /// Whether no active scope of any resource has a finite limit (then every charge
    /// fits and every market price is its base price).
    pub fn all_unlimited(&self) -> bool {
        self.finite == 0
    }
}

/// The E0601 message for `frame` of `r` (kept out of line: charging is hot, failing is
/// not).
#[cold]
#[inline(never)]
fn exceeded(r: Resource, frame: &Frame) -> Violation {
    Violation {
        code: ErrorCode::E0601,
        message: format!(
            "{} budget exceeded in '{}': used {}, limit {}",
            r.name(),
            frame.name,
            format_quantity(frame.used, r.dim()),
            format_quantity(frame.limit, r.dim())
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Resource::*;

    fn unlimited() -> Meter {
        Meter::new([None; 6])
    }

    #[test]
    fn the_part_whole_example_of_section_7_4() {
        // @requires(energy: 15J) fn part() { }
        // @requires(energy: 25J) fn whole() { part(); part() }
        let mut m = unlimited();
        m.enter(&Arc::from("main"), &[]).unwrap();
        m.enter(&Arc::from("whole"), &[(Energy, 25.0)]).unwrap();
        m.enter(&Arc::from("part"), &[(Energy, 15.0)]).unwrap();
        m.exit(&[(Energy, 15.0)]);
        let v = m.enter(&Arc::from("part"), &[(Energy, 15.0)]).unwrap_err();
        assert_eq!(v.code, ErrorCode::E0601);
        assert_eq!(
            v.message,
            "energy budget exceeded in 'whole': used 30J, limit 25J"
        );
    }

    #[test]
    fn every_frame_reserves_for_its_callee() {
        // @requires(energy: 10J) fn fact(n) — fact(10) succeeds: each frame reserves 10J
        // from its own 10J.
        let mut m = unlimited();
        for _ in 0..10 {
            m.enter(&Arc::from("fact"), &[(Energy, 10.0)]).unwrap();
        }
        assert_eq!(m.used(Energy), 0.0);
        for _ in 0..10 {
            m.exit(&[(Energy, 10.0)]);
        }
        assert_eq!(m.root_usage()[Energy.index()], 10.0);
    }

    #[test]
    fn zero_bound_is_refused_before_any_charge() {
        let mut m = unlimited();
        let v = m
            .enter(&Arc::from("f"), &[(Energy, 5.0), (Time, 0.0)])
            .unwrap_err();
        assert_eq!(v.code, ErrorCode::E0602);
        assert_eq!(v.message, "'f' has a zero time budget");
        assert_eq!(m.used(Energy), 0.0);
    }

    #[test]
    fn reservation_order_is_energy_then_time() {
        let mut m = Meter::new([Some(1.0), Some(1.0), None, None, None, None]);
        let v = m
            .enter(&Arc::from("f"), &[(Energy, 5.0), (Time, 5.0)])
            .unwrap_err();
        assert!(
            v.message.starts_with("energy budget exceeded in '<root>'"),
            "{}",
            v.message
        );
    }

    #[test]
    fn loop_metering_accumulates_in_binary64() {
        let mut m = unlimited();
        for _ in 0..10 {
            m.charge(Energy, 1.0 / 1000.0).unwrap();
        }
        assert_eq!(
            format_quantity(m.used(Energy), Energy.dim()),
            "0.010000000000000002J"
        );
    }

    #[test]
    fn shadow_price_doubles_at_half_use() {
        // §9.5: inside @requires(energy: 200J), after consume(100J) the price is 2.0,
        // after another consume(100J) it is 4.0.
        let book = PriceBook::default();
        let mut m = unlimited();
        assert_eq!(m.market_price(Energy, &book), 1.0);
        m.enter(&Arc::from("f"), &[(Energy, 200.0)]).unwrap();
        m.charge(Energy, 100.0).unwrap();
        assert_eq!(m.market_price(Energy, &book), 2.0);
        m.charge(Energy, 100.0).unwrap();
        assert_eq!(m.market_price(Energy, &book), 4.0);
        assert_eq!(m.market_price(Time, &book), 100.0);
    }

    #[test]
    fn envelopes_bound_solution_bodies() {
        let mut m = unlimited();
        m.charge(Energy, 5.0).unwrap();
        m.push(Energy, &Arc::from("render/cpu"), 5.0);
        m.charge(Energy, 3.0).unwrap();
        let v = m.charge(Energy, 3.0).unwrap_err();
        assert_eq!(
            v.message,
            "energy budget exceeded in 'render/cpu': used 6J, limit 5J"
        );
        m.pop(Energy);
        assert_eq!(m.used(Energy), 5.0);
        m.pop(Energy); // the root stays
        assert_eq!(&*m.top(Energy).name, "<root>");
    }

    #[test]
    fn messages_use_each_resources_unit() {
        let mut m = Meter::new([None, Some(0.001), None, Some(10.0), Some(10.0), Some(1.0)]);
        assert_eq!(
            m.charge(Time, 0.03).unwrap_err().message,
            "time budget exceeded in '<root>': used 0.03s, limit 0.001s"
        );
        assert!(
            m.charge(Memory, 11.0)
                .unwrap_err()
                .message
                .ends_with("used 11B, limit 10B")
        );
        assert!(
            m.charge(Network, 12.0)
                .unwrap_err()
                .message
                .starts_with("network budget")
        );
        assert!(
            m.charge(Compute, 2.0)
                .unwrap_err()
                .message
                .ends_with("used 2CU, limit 1CU")
        );
    }
}
