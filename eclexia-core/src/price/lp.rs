//! A small dense two-phase simplex that returns exact-basis duals (LANGUAGE §9.4 rule 3).
//!
//! Solves
//!
//! ```text
//! minimise c·x  subject to  A_ub x <= b_ub,  A_eq x = b_eq,  x >= 0
//! ```
//!
//! and reports the optimal `x`, the objective and the duals of every row as the sensitivity
//! of the optimal objective to that row's right-hand side (`∂OPT/∂b`; so `<=` rows of a
//! minimisation have duals `<= 0`).
//!
//! Why our own simplex and not the maintained interior-point solver: the selection problem
//! of §9.4 has at most 7 rows and a few dozen columns, is solved inside every adaptive call
//! that needs it, and §9.7's conformance numbers are byte-exact. An interior-point method
//! returns duals to ~1e-8 (never the exact `(4.0 − 0.1)/(30 − 8)`) and its set-up alone costs
//! more than the 20 µs budget (see `docs/PERFORMANCE.md`). The tests check this simplex
//! against `good_lp` + `clarabel` on random instances (strong duality, complementary
//! slackness, agreement of objectives and duals).
//!
//! Determinism (§9.4 rule 3): Bland's rule (lowest index enters, lowest basic index leaves on
//! ties) makes the pivot sequence a pure function of the input, so a non-unique optimal dual
//! is still chosen deterministically. Once the optimal basis is known the duals are
//! recomputed from the *original* data by solving `Bᵀπ = c_B` with Gaussian elimination, so
//! simple instances give the closed-form values to the last bit.
//!
//! Memory: every buffer lives on the stack up to [`STACK_CELLS`] tableau cells (enough for 7
//! rows × 64 columns); larger problems use the heap.
//!
//! ```
//! use eclexia_core::price::lp::{solve, LpProblem, LpStatus};
//!
//! // max x + y  s.t. 2x + y <= 4, x + 2y <= 4   (as: min -x - y)
//! let sol = solve(&LpProblem {
//!     c: &[-1.0, -1.0],
//!     a_ub: &[2.0, 1.0, 1.0, 2.0],
//!     b_ub: &[4.0, 4.0],
//!     a_eq: &[],
//!     b_eq: &[],
//! });
//! assert_eq!(sol.status, LpStatus::Optimal);
//! assert!((sol.x[0] - 4.0 / 3.0).abs() < 1e-12 && (sol.x[1] - 4.0 / 3.0).abs() < 1e-12);
//! // One more unit of either capacity raises the maximum by 1/3.
//! assert!((sol.dual_ub[0] + 1.0 / 3.0).abs() < 1e-12);
//! assert!((sol.dual_ub[1] + 1.0 / 3.0).abs() < 1e-12);
//! ```

// Dense linear algebra reads best with explicit indices.
#![allow(clippy::needless_range_loop)]

/// Tableau cells kept on the stack before falling back to the heap.
pub const STACK_CELLS: usize = 1024;
/// Rows kept on the stack for the basis and the dual system.
const STACK_ROWS: usize = 16;
/// Upper bound on pivots; Bland's rule terminates long before this on our sizes.
const MAX_PIVOTS: usize = 10_000;
/// Pivot elements smaller than this (after row scaling) are treated as zero.
const PIVOT_TOL: f64 = 1e-11;

/// A linear programme in the form documented in the module header. Matrices are row-major
/// with `c.len()` columns.
#[derive(Clone, Copy, Debug)]
pub struct LpProblem<'a> {
    /// Objective coefficients (minimised).
    pub c: &'a [f64],
    /// `<=` rows, row-major, `b_ub.len()` rows of `c.len()` entries.
    pub a_ub: &'a [f64],
    /// Right-hand sides of the `<=` rows.
    pub b_ub: &'a [f64],
    /// `=` rows, row-major, `b_eq.len()` rows of `c.len()` entries.
    pub a_eq: &'a [f64],
    /// Right-hand sides of the `=` rows.
    pub b_eq: &'a [f64],
}

/// How a solve ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LpStatus {
    /// An optimal basis was found; `x`, objective and duals are valid.
    Optimal,
    /// No `x >= 0` satisfies the rows.
    Infeasible,
    /// The objective is unbounded below.
    Unbounded,
    /// The input is malformed (matrix sizes disagree, or non-finite numbers).
    BadInput,
    /// The pivot limit was reached (should not happen with Bland's rule).
    IterationLimit,
}

/// The result of [`solve`].
#[derive(Clone, Debug, PartialEq)]
pub struct LpSolution {
    /// How the solve ended; the other fields are meaningful only for [`LpStatus::Optimal`].
    pub status: LpStatus,
    /// Optimal objective value `c·x`.
    pub objective: f64,
    /// Optimal primal point.
    pub x: Vec<f64>,
    /// `∂OPT/∂b_ub[i]` (`<= 0`).
    pub dual_ub: Vec<f64>,
    /// `∂OPT/∂b_eq[k]` (any sign).
    pub dual_eq: Vec<f64>,
}

/// Solves `p`, allocating the result vectors. See [`solve_into`] for the allocation-free
/// form used by the selection hot path.
pub fn solve(p: &LpProblem<'_>) -> LpSolution {
    let n = p.c.len();
    let mut x = vec![0.0; n];
    let mut dual_ub = vec![0.0; p.b_ub.len()];
    let mut dual_eq = vec![0.0; p.b_eq.len()];
    let (status, objective) = solve_into(p, Some(&mut x), &mut dual_ub, &mut dual_eq);
    LpSolution {
        status,
        objective,
        x,
        dual_ub,
        dual_eq,
    }
}

/// Solves `p` writing `x` (when given, length `c.len()`), the `<=` duals and the `=` duals
/// into the caller's slices; returns the status and the objective. No heap allocation for
/// problems of up to [`STACK_CELLS`] tableau cells and 16 rows.
pub fn solve_into(
    p: &LpProblem<'_>,
    x: Option<&mut [f64]>,
    dual_ub: &mut [f64],
    dual_eq: &mut [f64],
) -> (LpStatus, f64) {
    let n = p.c.len();
    let m_ub = p.b_ub.len();
    let m_eq = p.b_eq.len();
    let m = m_ub + m_eq;
    let sizes_ok = p.a_ub.len() == m_ub * n
        && p.a_eq.len() == m_eq * n
        && dual_ub.len() == m_ub
        && dual_eq.len() == m_eq
        && x.as_ref().is_none_or(|x| x.len() == n);
    let finite =
        p.c.iter()
            .chain(p.a_ub)
            .chain(p.b_ub)
            .chain(p.a_eq)
            .chain(p.b_eq)
            .all(|v| v.is_finite());
    if !sizes_ok || !finite {
        return (LpStatus::BadInput, f64::NAN);
    }
    let width = n + m_ub + m + 1;
    let cells = (m + 2) * width;
    let mut stack_t = [0.0f64; STACK_CELLS];
    let mut heap_t;
    let t: &mut [f64] = if cells <= STACK_CELLS {
        &mut stack_t[..cells]
    } else {
        heap_t = vec![0.0; cells];
        &mut heap_t
    };
    let mut stack_u = [0usize; STACK_ROWS * 2];
    let mut heap_u;
    let ints: &mut [usize] = if m <= STACK_ROWS {
        &mut stack_u[..2 * m]
    } else {
        heap_u = vec![0usize; 2 * m];
        &mut heap_u
    };
    let (basis, _) = ints.split_at_mut(m);
    let mut stack_f = [0.0f64; STACK_ROWS * 2];
    let mut heap_f;
    let floats: &mut [f64] = if m <= STACK_ROWS {
        &mut stack_f[..2 * m]
    } else {
        heap_f = vec![0.0; 2 * m];
        &mut heap_f
    };
    let (scale, sign) = floats.split_at_mut(m);
    let mut tab = Tableau {
        t,
        width,
        n,
        m_ub,
        m,
        basis,
    };
    let status = tab.run(p, scale, sign);
    if status != LpStatus::Optimal {
        return (status, f64::NAN);
    }
    // Primal point: structural columns are unscaled, so basic values are x directly.
    let mut objective = 0.0;
    let rhs = width - 1;
    let mut x = x;
    if let Some(x) = x.as_deref_mut() {
        x.fill(0.0);
    }
    for i in 0..m {
        let j = tab.basis[i];
        if j < n {
            let v = tab.t[i * width + rhs].max(0.0);
            if let Some(x) = x.as_deref_mut() {
                x[j] = v;
            }
            objective += p.c[j] * v;
        }
    }
    // Duals from the tableau's reduced costs (see the derivation in `Tableau::duals`), then
    // polished from the original data when the basis system is well posed.
    tab.tableau_duals(scale, sign, dual_ub, dual_eq);
    polish_duals(p, tab.basis, n, m_ub, dual_ub, dual_eq);
    (LpStatus::Optimal, objective)
}

/// Dense tableau: `m` constraint rows, then the phase-2 cost row, then the phase-1 row.
/// Columns: `n` structural, `m_ub` slacks, `m` artificials, right-hand side.
struct Tableau<'t> {
    t: &'t mut [f64],
    width: usize,
    n: usize,
    m_ub: usize,
    m: usize,
    basis: &'t mut [usize],
}

impl Tableau<'_> {
    fn at(&self, i: usize, j: usize) -> f64 {
        self.t[i * self.width + j]
    }

    fn art(&self, i: usize) -> usize {
        self.n + self.m_ub + i
    }

    fn run(&mut self, p: &LpProblem<'_>, scale: &mut [f64], sign: &mut [f64]) -> LpStatus {
        let (n, m_ub, m, w) = (self.n, self.m_ub, self.m, self.width);
        let rhs = w - 1;
        let cost_row = m;
        let p1_row = m + 1;
        self.t.fill(0.0);
        let mut needs_phase1 = false;
        for i in 0..m {
            let (row, b) = if i < m_ub {
                (&p.a_ub[i * n..(i + 1) * n], p.b_ub[i])
            } else {
                let k = i - m_ub;
                (&p.a_eq[k * n..(k + 1) * n], p.b_eq[k])
            };
            // Row equilibration: rows of §9.4 mix bytes (1e9) with seconds (1e-3); scaling
            // each row to unit max keeps one pivot tolerance meaningful for all of them.
            let s = row.iter().fold(0.0f64, |a, v| a.max(v.abs()));
            let s = if s > 0.0 { s } else { 1.0 };
            let sg = if b < 0.0 { -1.0 } else { 1.0 };
            scale[i] = s;
            sign[i] = sg;
            let f = sg / s;
            for j in 0..n {
                self.t[i * w + j] = row[j] * f;
            }
            self.t[i * w + rhs] = b * f;
            if i < m_ub {
                self.t[i * w + n + i] = sg;
            }
            self.t[i * w + self.art(i)] = 1.0;
            if i < m_ub && sg > 0.0 {
                self.basis[i] = n + i;
            } else {
                self.basis[i] = self.art(i);
                needs_phase1 = true;
            }
        }
        for j in 0..n {
            self.t[cost_row * w + j] = p.c[j];
        }
        // Phase-1 row: cost 1 on the artificials that start in the basis, made reduced.
        for i in 0..m {
            if self.basis[i] == self.art(i) {
                for j in 0..w {
                    if j < n + m_ub || j == rhs {
                        self.t[p1_row * w + j] -= self.t[i * w + j];
                    }
                }
            }
        }
        let cmax = p.c.iter().fold(0.0f64, |a, v| a.max(v.abs()));
        let cost_tol = 1e-11 * cmax.max(1.0);
        let bmax = (0..m).fold(0.0f64, |a, i| a.max(self.at(i, rhs).abs()));
        let feas_tol = 1e-9 * bmax.max(1.0);
        if needs_phase1 {
            match self.optimise(p1_row, 1e-11) {
                LpStatus::Optimal => {}
                other => return other,
            }
            if -self.at(p1_row, rhs) > feas_tol {
                return LpStatus::Infeasible;
            }
            // Drive artificials out of the basis (they sit at level ~0).
            for i in 0..m {
                if self.basis[i] >= n + m_ub {
                    let mut best: Option<(usize, f64)> = None;
                    for j in 0..n + m_ub {
                        let a = self.at(i, j).abs();
                        if a > PIVOT_TOL && best.is_none_or(|(_, b)| a > b) {
                            best = Some((j, a));
                        }
                    }
                    if let Some((j, _)) = best {
                        self.pivot(i, j);
                    }
                }
            }
        }
        self.optimise(cost_row, cost_tol)
    }

    /// Primal simplex on objective row `obj` with Bland's rule; artificials never enter.
    fn optimise(&mut self, obj: usize, tol: f64) -> LpStatus {
        let (n, m_ub, m, w) = (self.n, self.m_ub, self.m, self.width);
        let rhs = w - 1;
        for _ in 0..MAX_PIVOTS {
            let Some(enter) = (0..n + m_ub).find(|&j| self.at(obj, j) < -tol) else {
                return LpStatus::Optimal;
            };
            let mut leave: Option<(usize, f64)> = None;
            for i in 0..m {
                let a = self.at(i, enter);
                if a > PIVOT_TOL {
                    let ratio = self.at(i, rhs).max(0.0) / a;
                    let better = match leave {
                        None => true,
                        Some((li, lr)) => {
                            ratio < lr - 1e-15 * lr.abs()
                                || (ratio <= lr + 1e-15 * lr.abs()
                                    && self.basis[i] < self.basis[li])
                        }
                    };
                    if better {
                        leave = Some((i, ratio));
                    }
                }
            }
            let Some((row, _)) = leave else {
                return LpStatus::Unbounded;
            };
            self.pivot(row, enter);
        }
        LpStatus::IterationLimit
    }

    fn pivot(&mut self, r: usize, c: usize) {
        let w = self.width;
        let pv = self.t[r * w + c];
        for j in 0..w {
            self.t[r * w + j] /= pv;
        }
        self.t[r * w + c] = 1.0;
        for i in 0..self.m + 2 {
            if i == r {
                continue;
            }
            let f = self.t[i * w + c];
            if f != 0.0 {
                for j in 0..w {
                    let v = self.t[r * w + j];
                    if v != 0.0 {
                        self.t[i * w + j] -= f * v;
                    }
                }
                self.t[i * w + c] = 0.0;
            }
        }
        self.basis[r] = c;
    }

    /// Duals read from the final cost row. Row `i` of the tableau is the original row
    /// multiplied by `sign_i / scale_i`; its slack (or artificial) column holds `sign_i` (or
    /// `1`), so with `π̃` the dual of the modified row the reduced cost of that column is
    /// `-π̃_i·sign_i` (`-π̃_i`), and the original row's dual is `π̃_i·sign_i / scale_i`.
    fn tableau_duals(&self, scale: &[f64], sign: &[f64], dual_ub: &mut [f64], dual_eq: &mut [f64]) {
        let cost_row = self.m;
        for i in 0..self.m {
            if i < self.m_ub {
                let r = self.at(cost_row, self.n + i);
                dual_ub[i] = -r / scale[i];
            } else {
                let r = self.at(cost_row, self.art(i));
                dual_eq[i - self.m_ub] = -r * sign[i] / scale[i];
            }
        }
    }
}

/// Recomputes the duals from the optimal basis and the original data: every basic
/// structural column j gives `Σ_i A_ij π_i = c_j`; a basic slack fixes its row's dual at 0.
/// The remaining square system is solved by Gaussian elimination with partial pivoting
/// (unknowns: `=` rows first, then `<=` rows, each in input order; equations in column
/// order). Falls back to the tableau's duals when the system is not square or is singular.
fn polish_duals(
    p: &LpProblem<'_>,
    basis: &[usize],
    n: usize,
    m_ub: usize,
    dual_ub: &mut [f64],
    dual_eq: &mut [f64],
) {
    let m = basis.len();
    if m > STACK_ROWS {
        return;
    }
    // Unknown rows: every `=` row, and `<=` rows whose slack is not basic.
    let mut unknown = [0usize; STACK_ROWS];
    let mut k = 0;
    for i in (m_ub..m).chain((0..m_ub).filter(|i| !basis.contains(&(n + i)))) {
        unknown[k] = i;
        k += 1;
    }
    let mut sorted = [usize::MAX; STACK_ROWS];
    sorted[..m].copy_from_slice(basis);
    sorted[..m].sort_unstable();
    let mut cols = [0usize; STACK_ROWS];
    let mut kc = 0;
    for &j in sorted[..m].iter().filter(|&&j| j < n) {
        cols[kc] = j;
        kc += 1;
    }
    if kc != k || k == 0 {
        return;
    }
    let coef = |row: usize, col: usize| -> f64 {
        if row < m_ub {
            p.a_ub[row * n + col]
        } else {
            p.a_eq[(row - m_ub) * n + col]
        }
    };
    // Augmented k × (k+1) system on the stack.
    let mut a = [[0.0f64; STACK_ROWS + 1]; STACK_ROWS];
    for e in 0..k {
        for u in 0..k {
            a[e][u] = coef(unknown[u], cols[e]);
        }
        a[e][k] = p.c[cols[e]];
    }
    for col in 0..k {
        let mut piv = col;
        for r in col + 1..k {
            if a[r][col].abs() > a[piv][col].abs() {
                piv = r;
            }
        }
        if a[piv][col].abs() < 1e-300 {
            return;
        }
        a.swap(col, piv);
        for r in col + 1..k {
            let f = a[r][col] / a[col][col];
            if f != 0.0 {
                for c in col..=k {
                    a[r][c] -= f * a[col][c];
                }
            }
        }
    }
    let mut sol = [0.0f64; STACK_ROWS];
    for col in (0..k).rev() {
        let mut v = a[col][k];
        for c in col + 1..k {
            v -= a[col][c] * sol[c];
        }
        sol[col] = v / a[col][col];
    }
    if !sol[..k].iter().all(|v| v.is_finite()) {
        return;
    }
    dual_ub.fill(0.0);
    for u in 0..k {
        let row = unknown[u];
        if row < m_ub {
            // Dual feasibility of a `<=` row of a minimisation: the value cannot be positive.
            dual_ub[row] = sol[u].min(0.0);
        } else {
            dual_eq[row - m_ub] = sol[u];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn textbook_lp_has_duals_one_third() {
        let sol = solve(&LpProblem {
            c: &[-1.0, -1.0],
            a_ub: &[2.0, 1.0, 1.0, 2.0],
            b_ub: &[4.0, 4.0],
            a_eq: &[],
            b_eq: &[],
        });
        assert_eq!(sol.status, LpStatus::Optimal);
        assert!((sol.objective + 8.0 / 3.0).abs() < 1e-12);
        for d in &sol.dual_ub {
            assert!((d + 1.0 / 3.0).abs() < 1e-15, "{d}");
        }
    }

    #[test]
    fn section_9_4_example_dual_is_exact() {
        // min 0.1 xA + 4.0 xB  s.t. 30 xA + 8 xB <= 10, xA + xB = 1
        let sol = solve(&LpProblem {
            c: &[0.1, 4.0],
            a_ub: &[30.0, 8.0],
            b_ub: &[10.0],
            a_eq: &[1.0, 1.0],
            b_eq: &[1.0],
        });
        assert_eq!(sol.status, LpStatus::Optimal);
        assert_eq!(-sol.dual_ub[0], (4.0 - 0.1) / (30.0 - 8.0));
        assert!((sol.x[0] - 1.0 / 11.0).abs() < 1e-12);
        assert!((sol.objective - (0.1 / 11.0 + 4.0 * 10.0 / 11.0)).abs() < 1e-12);
    }

    #[test]
    fn infeasible_and_unbounded_are_reported() {
        let inf = solve(&LpProblem {
            c: &[1.0],
            a_ub: &[1.0],
            b_ub: &[-1.0],
            a_eq: &[],
            b_eq: &[],
        });
        assert_eq!(inf.status, LpStatus::Infeasible);
        let unb = solve(&LpProblem {
            c: &[-1.0],
            a_ub: &[],
            b_ub: &[],
            a_eq: &[],
            b_eq: &[],
        });
        assert_eq!(unb.status, LpStatus::Unbounded);
        let bad = solve(&LpProblem {
            c: &[f64::NAN],
            a_ub: &[],
            b_ub: &[],
            a_eq: &[],
            b_eq: &[],
        });
        assert_eq!(bad.status, LpStatus::BadInput);
    }

    #[test]
    fn large_problems_use_the_heap_and_still_solve() {
        // 200 columns: min Σ (j+1) x_j, Σ x = 1, x_0 <= 0.5 ⇒ x_0 = 0.5, x_1 = 0.5.
        let n = 200;
        let c: Vec<f64> = (0..n).map(|j| (j + 1) as f64).collect();
        let mut a_ub = vec![0.0; n];
        a_ub[0] = 1.0;
        let a_eq = vec![1.0; n];
        let sol = solve(&LpProblem {
            c: &c,
            a_ub: &a_ub,
            b_ub: &[0.5],
            a_eq: &a_eq,
            b_eq: &[1.0],
        });
        assert_eq!(sol.status, LpStatus::Optimal);
        assert!((sol.objective - 1.5).abs() < 1e-12);
        assert!((sol.dual_ub[0] + 1.0).abs() < 1e-12);
    }
}
