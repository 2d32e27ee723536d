//! Constrained optimisation of a process's settings.
//!
//! COBYLA (Powell 1994; the `cobyla` crate, a pure-Rust port of NLopt's) works on settings scaled to
//! [0, 1] within their ranges, with every process limit as an inequality constraint (scaled margin ≥ 0).
//! COBYLA is local, so it starts from the best feasible points of a coarse Latin-hypercube-like sample
//! and from the baseline; the best feasible result wins. A result is checked with the model itself: a
//! point that violates any limit (beyond 10⁻⁶ relative) is never returned — the best feasible point seen
//! is returned instead, and if none was seen, the optimisation says so. "Best feasible point seen" means
//! every point the model was run at — the sample, the baseline and every COBYLA iterate — and the reported
//! evaluation count is the number of model runs, exactly.

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};

use serde::Serialize;

use crate::{Evaluation, Objective, Prices, Process, ProcessError, clamp};

/// Feasibility tolerance on scaled constraint margins.
pub const TOL: f64 = 1e-6;

#[derive(Clone, Debug)]
pub struct OptimiseOptions {
    pub objective: Objective,
    pub prices: Prices,
    /// Random starting points sampled before the local searches.
    pub samples: usize,
    /// Local searches from the best starting points.
    pub starts: usize,
    /// Model evaluations per local search.
    pub max_eval: usize,
    /// Settings held at the baseline (by key).
    pub fixed: Vec<&'static str>,
}

impl OptimiseOptions {
    /// Defaults with the process's own fixed settings.
    pub fn for_process(process: &dyn Process, objective: Objective) -> Self {
        Self { objective, fixed: process.default_fixed(), ..Self::default() }
    }
}

impl Default for OptimiseOptions {
    fn default() -> Self {
        Self { objective: Objective::Energy, prices: Prices::default(), samples: 256, starts: 6, max_eval: 400, fixed: Vec::new() }
    }
}

/// How far an optimisation has got: fraction done, best objective so far.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Progress {
    pub fraction: f64,
    pub best: Option<f64>,
}

/// The result: recommended settings, their evaluation, the objective at the baseline and at the optimum.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Optimum {
    pub settings: Vec<f64>,
    pub evaluation: Evaluation,
    pub objective: f64,
    pub baseline_objective: f64,
    pub objective_unit: String,
    pub evaluations: usize,
    pub cancelled: bool,
}

fn to_unit(lo: &[f64], hi: &[f64], x: &[f64]) -> Vec<f64> {
    x.iter().zip(lo.iter().zip(hi)).map(|(v, (a, b))| if b > a { (v - a) / (b - a) } else { 0.0 }).collect()
}

fn from_unit(lo: &[f64], hi: &[f64], u: &[f64]) -> Vec<f64> {
    u.iter().zip(lo.iter().zip(hi)).map(|(v, (a, b))| a + v.clamp(0.0, 1.0) * (b - a)).collect()
}

/// A small deterministic generator (SplitMix64), so optimisations repeat exactly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Every model evaluation of one optimisation goes through here: it counts them (the count an [`Optimum`]
/// reports is the number of times the model ran), keeps the best feasible point seen by any phase —
/// COBYLA's own iterates included — and remembers the last point, because COBYLA asks for the objective
/// and then each constraint at the same point: one model run answers them all.
struct Tracker<'a> {
    process: &'a dyn Process,
    prices: &'a Prices,
    objective: Objective,
    evaluations: usize,
    best: Option<(f64, Vec<f64>)>,
    last: (Vec<f64>, f64, Evaluation),
}

impl<'a> Tracker<'a> {
    /// A tracker that has evaluated `first` (one model run).
    fn new(process: &'a dyn Process, prices: &'a Prices, objective: Objective, first: &[f64]) -> Self {
        let e = process.evaluate(first, prices);
        let f = process.objective(&e, objective, prices);
        let best = (e.feasible(TOL) && f.is_finite()).then(|| (f, first.to_vec()));
        Self { process, prices, objective, evaluations: 1, best, last: (first.to_vec(), f, e) }
    }

    /// The objective and evaluation at `x` (the settings in the process's order).
    fn at(&mut self, x: &[f64]) -> (f64, &Evaluation) {
        if self.last.0.as_slice() != x {
            self.evaluations += 1;
            let e = self.process.evaluate(x, self.prices);
            let f = self.process.objective(&e, self.objective, self.prices);
            if e.feasible(TOL) && f.is_finite() && self.best.as_ref().is_none_or(|(b, _)| f < *b) {
                self.best = Some((f, x.to_vec()));
            }
            self.last = (x.to_vec(), f, e);
        }
        (self.last.1, &self.last.2)
    }
}

/// Minimises the objective from `baseline` (settings in the process's order). `progress` is called now and
/// then; setting `cancel` stops early with the best feasible point so far.
pub fn optimise(process: &dyn Process, baseline: &[f64], opts: &OptimiseOptions, cancel: &AtomicBool, progress: &mut dyn FnMut(Progress)) -> Result<Optimum, ProcessError> {
    let settings = process.settings();
    let baseline = clamp(&settings, baseline);
    let n = settings.len();
    // Fixed settings get a zero-width range.
    let lo: Vec<f64> = settings.iter().enumerate().map(|(i, s)| if opts.fixed.contains(&s.key) { baseline[i] } else { s.min }).collect();
    let hi: Vec<f64> = settings.iter().enumerate().map(|(i, s)| if opts.fixed.contains(&s.key) { baseline[i] } else { s.max }).collect();
    let tracker = RefCell::new(Tracker::new(process, &opts.prices, opts.objective, &baseline));
    let best_so_far = || tracker.borrow().best.as_ref().map(|b| b.0);
    let (baseline_objective, m) = {
        let t = tracker.borrow();
        (t.last.1, t.last.2.constraints.len())
    };

    // 1. A stratified random sample of the box; keep the best feasible (or least infeasible) points.
    let mut rng = Rng(0x5E_ED0F_7A11);
    let mut scored: Vec<(f64, Vec<f64>)> = Vec::new();
    let strata: Vec<Vec<usize>> = (0..n)
        .map(|_| {
            let mut p: Vec<usize> = (0..opts.samples).collect();
            for i in (1..p.len()).rev() {
                let j = (rng.next() * (i + 1) as f64) as usize % (i + 1);
                p.swap(i, j);
            }
            p
        })
        .collect();
    for k in 0..opts.samples {
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        let u: Vec<f64> = strata.iter().map(|s| (s[k] as f64 + rng.next()) / opts.samples as f64).collect();
        let x = from_unit(&lo, &hi, &u);
        let score = {
            let mut t = tracker.borrow_mut();
            let (f, e) = t.at(&x);
            let violation: f64 = e.constraints.iter().map(|c| (-c.scaled_margin()).max(0.0)).sum();
            if violation > 0.0 { 1e12 * (1.0 + violation) } else { f }
        };
        scored.push((score, x));
        if k % 32 == 0 {
            progress(Progress { fraction: 0.2 * k as f64 / opts.samples as f64, best: best_so_far() });
        }
    }
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut starts: Vec<Vec<f64>> = vec![baseline.clone()];
    starts.extend(scored.into_iter().take(opts.starts.saturating_sub(1)).map(|(_, x)| x));

    // 2. COBYLA from each start, in the unit box. Its objective and constraints read the tracker, so every
    //    point it tries counts and can be the answer.
    let bounds: Vec<(f64, f64)> = vec![(0.0, 1.0); n];
    let scale = baseline_objective.abs().max(1e-12);
    let mut cancelled = false;
    for (s, start) in starts.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            cancelled = true;
            break;
        }
        // Scaled so COBYLA's trust region sees changes of order one.
        let obj = |u: &[f64], _: &mut ()| tracker.borrow_mut().at(&from_unit(&lo, &hi, u)).0 / scale;
        let cons: Vec<Box<dyn Fn(&[f64], &mut ()) -> f64 + '_>> = (0..m)
            .map(|j| {
                let (lo, hi, tracker) = (&lo, &hi, &tracker);
                Box::new(move |u: &[f64], _: &mut ()| tracker.borrow_mut().at(&from_unit(lo, hi, u)).1.constraints.get(j).map_or(0.0, |c| c.scaled_margin()))
                    as Box<dyn Fn(&[f64], &mut ()) -> f64>
            })
            .collect();
        let cons_refs: Vec<&dyn cobyla::Func<()>> = cons.iter().map(|c| c as &dyn cobyla::Func<()>).collect();
        let u0 = to_unit(&lo, &hi, start);
        let stop = cobyla::StopTols { ftol_rel: 1e-9, xtol_abs: vec![1e-7; n], ..cobyla::StopTols::default() };
        let r = cobyla::minimize(obj, &u0, &bounds, &cons_refs, (), opts.max_eval, cobyla::RhoBeg::All(0.2), Some(stop));
        let x_final = match &r {
            Ok((_, u, _)) | Err((_, u, _)) => from_unit(&lo, &hi, u),
        };
        tracker.borrow_mut().at(&x_final);
        progress(Progress { fraction: (0.2 + 0.8 * (s + 1) as f64 / starts.len() as f64).min(1.0), best: best_so_far() });
    }
    let Tracker { best, evaluations, .. } = tracker.into_inner();
    let Some((f, x)) = best else {
        return Err(ProcessError::Infeasible { process: process.id() });
    };
    let evaluation = process.evaluate(&x, &opts.prices);
    debug_assert!(evaluation.feasible(TOL));
    Ok(Optimum { settings: x, evaluation, objective: f, baseline_objective, objective_unit: process.objective_unit(opts.objective, &opts.prices), evaluations, cancelled })
}

/// The best feasible point of a dense grid (`points` per setting), for checking the optimiser.
pub fn grid_search(process: &dyn Process, baseline: &[f64], objective: Objective, prices: &Prices, points: usize, fixed: &[&str]) -> Option<(f64, Vec<f64>)> {
    let settings = process.settings();
    let baseline = clamp(&settings, baseline);
    let n = settings.len();
    let axes: Vec<Vec<f64>> = settings
        .iter()
        .enumerate()
        .map(|(i, s)| if fixed.contains(&s.key) { vec![baseline[i]] } else { (0..points).map(|k| s.min + (s.max - s.min) * k as f64 / (points - 1) as f64).collect() })
        .collect();
    let total: usize = axes.iter().map(Vec::len).product();
    let mut best: Option<(f64, Vec<f64>)> = None;
    let mut x = vec![0.0; n];
    for mut k in 0..total {
        for d in 0..n {
            let len = axes[d].len();
            x[d] = axes[d][k % len];
            k /= len;
        }
        let e = process.evaluate(&x, prices);
        if !e.feasible(TOL) {
            continue;
        }
        let f = process.objective(&e, objective, prices);
        if best.as_ref().is_none_or(|(b, _)| f < *b) {
            best = Some((f, x.clone()));
        }
    }
    best
}
