//! Baseline models: energy of each period against a temperature (change-point shapes of ASHRAE RP-1050's
//! Inverse Modeling Toolkit, [IMT-2003]) and any number of linear drivers (production), with ASHRAE
//! Guideline 14's statistics ([G14-2014]).

use serde::Serialize;

use crate::ols::{Ols, OlsError, ols};

/// How energy answers to the temperature driver ((·)⁺ = max(·, 0), (·)⁻ = min(·, 0); cp the change point).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Shape {
    /// y = b0 (+ drivers): no temperature.
    Mean,
    /// y = b0 + b1 T (+ drivers) — "2P".
    Linear,
    /// y = b0 + b1 (T − cp)⁺: cooling above cp — "3PC".
    Cooling,
    /// y = b0 + b1 (T − cp)⁻, b1 < 0: heating below cp — "3PH".
    Heating,
    /// y = b0 + b1 (T − cp)⁻ + b2 (T − cp)⁺ — "4P".
    FourP,
}

impl Shape {
    pub const ALL: [Shape; 5] = [Shape::Mean, Shape::Linear, Shape::Cooling, Shape::Heating, Shape::FourP];

    pub fn key(self) -> &'static str {
        match self {
            Shape::Mean => "mean",
            Shape::Linear => "2p",
            Shape::Cooling => "3pc",
            Shape::Heating => "3ph",
            Shape::FourP => "4p",
        }
    }

    fn has_change_point(self) -> bool {
        matches!(self, Shape::Cooling | Shape::Heating | Shape::FourP)
    }

    /// The temperature columns at change point `cp`.
    fn columns(self, t: &[f64], cp: f64) -> Vec<Vec<f64>> {
        let below = || t.iter().map(|x| (x - cp).min(0.0)).collect();
        let above = || t.iter().map(|x| (x - cp).max(0.0)).collect();
        match self {
            Shape::Mean => vec![],
            Shape::Linear => vec![t.to_vec()],
            Shape::Cooling => vec![above()],
            Shape::Heating => vec![below()],
            Shape::FourP => vec![below(), above()],
        }
    }

    /// Whether the fitted temperature slopes have the signs the shape means (energy rises away from cp).
    fn plausible(self, coef: &[f64]) -> bool {
        match self {
            Shape::Cooling => coef[1] > 0.0,
            Shape::Heating => coef[1] < 0.0,
            Shape::FourP => coef[1] < coef[2],
            _ => true,
        }
    }
}

impl std::str::FromStr for Shape {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Shape::ALL.into_iter().find(|x| x.key() == s).ok_or_else(|| s.to_owned())
    }
}

/// ASHRAE Guideline 14's statistics of a baseline fit; p counts the coefficients with the intercept, the
/// change point not (as the RP-1050 toolkit does).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stats {
    pub n: usize,
    pub p: usize,
    pub r2: f64,
    pub adj_r2: f64,
    /// √(SSE / (n − p)), in y's unit.
    pub rmse: f64,
    /// 100 RMSE / ȳ (%).
    pub cv_rmse_pct: f64,
    /// 100 Σ(y − ŷ) / ((n − p) ȳ) (%): zero to rounding for least squares with an intercept.
    pub nmbe_pct: f64,
    /// Lag-1 autocorrelation of the residuals, Σ eᵢeᵢ₋₁ / Σ eᵢ².
    pub rho: f64,
    pub durbin_watson: f64,
    pub mean_y: f64,
}

/// A fitted baseline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Model {
    pub shape: Shape,
    pub change_point: Option<f64>,
    /// The coefficients' names: `intercept`, the temperature terms, then the drivers'.
    pub terms: Vec<String>,
    pub coef: Vec<f64>,
    pub se: Vec<f64>,
    pub stats: Stats,
    /// Each driver's range in the baseline (temperature first when there is one): predictions outside it
    /// are extrapolations.
    pub ranges: Vec<(f64, f64)>,
    #[serde(skip)]
    pub residuals: Vec<f64>,
}

/// The data of a fit: y per period, an optional temperature and linear drivers, each a column of y's length.
pub struct Data<'a> {
    pub y: &'a [f64],
    pub temperature: Option<&'a [f64]>,
    pub drivers: &'a [Vec<f64>],
    pub driver_names: &'a [String],
}

impl Model {
    /// The baseline's value for a period with temperature `t` (ignored without one) and drivers `x`.
    pub fn predict(&self, t: Option<f64>, x: &[f64]) -> f64 {
        let cp = self.change_point.unwrap_or(0.0);
        let temp: Vec<f64> = t.map(|t| self.shape.columns(&[t], cp).into_iter().map(|c| c[0]).collect()).unwrap_or_default();
        let row = std::iter::once(1.0).chain(temp).chain(x.iter().copied());
        row.zip(&self.coef).map(|(a, b)| a * b).sum()
    }
}

fn design(shape: Shape, d: &Data, cp: f64) -> Vec<Vec<f64>> {
    let mut cols = vec![vec![1.0; d.y.len()]];
    if let Some(t) = d.temperature {
        cols.extend(shape.columns(t, cp));
    }
    cols.extend(d.drivers.iter().cloned());
    cols
}

/// The best change point of a shape by the toolkit's search: nine candidates evenly inside the temperature
/// range, then nine around the best at a fifth of the step, and so on; the one of least RMSE.
fn search(shape: Shape, d: &Data, t: &[f64]) -> Option<(f64, Ols)> {
    let (lo, hi) = t.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| (a.min(x), b.max(x)));
    if hi.partial_cmp(&lo) != Some(std::cmp::Ordering::Greater) {
        return None;
    }
    let mut best: Option<(f64, Ols)> = None;
    let try_at = |cp: f64, best: &mut Option<(f64, Ols)>| {
        if let Ok(fit) = ols(&design(shape, d, cp), d.y)
            && shape.plausible(&fit.coef)
            && best.as_ref().is_none_or(|(_, b)| fit.sse < b.sse)
        {
            *best = Some((cp, fit));
        }
    };
    let step = (hi - lo) / 10.0;
    for i in 1..10 {
        try_at(lo + step * i as f64, &mut best);
    }
    // Each further pass: nine candidates across the two steps around the best, at a fifth of the step (the
    // toolkit makes one such pass; two more bring the change point to 1/1250 of the range).
    let mut step = step;
    for _ in 0..3 {
        let centre = best.as_ref()?.0;
        let fine = 2.0 * step / 10.0;
        for i in 1..10 {
            try_at(centre - step + fine * i as f64, &mut best);
        }
        step = fine;
    }
    best
}

/// Fits one shape (a shape with a change point needs a temperature).
pub fn fit_shape(shape: Shape, d: &Data) -> Result<Model, OlsError> {
    let (cp, fit) = match (shape.has_change_point(), d.temperature) {
        (true, Some(t)) => {
            let (cp, fit) = search(shape, d, t).ok_or(OlsError::Singular)?;
            (Some(cp), fit)
        }
        (true, None) => return Err(OlsError::Singular),
        (false, _) => (None, ols(&design(shape, d, 0.0), d.y)?),
    };
    let mut terms = vec![String::from("intercept")];
    terms.extend(match shape {
        Shape::Mean => vec![],
        Shape::Linear => vec![String::from("temperature")],
        Shape::Cooling => vec![String::from("(T − cp)+")],
        Shape::Heating => vec![String::from("(T − cp)−")],
        Shape::FourP => vec![String::from("(T − cp)−"), String::from("(T − cp)+")],
    });
    // A Mean model ignores a temperature it was given: no temperature terms.
    terms.extend(d.driver_names.iter().cloned());
    let mut ranges: Vec<(f64, f64)> = Vec::new();
    if let (Some(t), true) = (d.temperature, shape != Shape::Mean) {
        ranges.push(range(t));
    }
    ranges.extend(d.drivers.iter().map(|c| range(c)));
    Ok(Model { shape, change_point: cp, terms, stats: stats(&fit, d.y), coef: fit.coef, se: fit.se, ranges, residuals: fit.residuals })
}

fn range(v: &[f64]) -> (f64, f64) {
    v.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &x| (a.min(x), b.max(x)))
}

/// Whether every temperature slope differs from zero by at least two standard errors (|t| ≥ 2): a shape whose
/// slope the data cannot tell from zero is not chosen (a 4P on cooling data, a 3P on flat data).
fn slopes_significant(m: &Model) -> bool {
    let temperature_terms = match m.shape {
        Shape::Mean => 0,
        Shape::Linear | Shape::Cooling | Shape::Heating => 1,
        Shape::FourP => 2,
    };
    (1..=temperature_terms).all(|i| m.coef[i].abs() >= 2.0 * m.se[i])
}

/// Periods a chosen shape needs per fitted parameter (change point included): fewer, and a shape fits the noise
/// (this project's rule; a shape asked for by name is fitted on fewer).
pub const PERIODS_PER_PARAMETER: usize = 5;

/// Fits the shapes that apply (with a temperature: 2P, 3PC, 3PH and 4P; without: the drivers alone) and
/// keeps, among those with [`PERIODS_PER_PARAMETER`] periods per parameter and significant temperature slopes, the one of least RMSE counting a change point
/// as a parameter (so a change point must earn its place); the drivers alone when none is.
pub fn fit_auto(d: &Data) -> Result<Model, OlsError> {
    let shapes: &[Shape] = if d.temperature.is_some() { &[Shape::Linear, Shape::Cooling, Shape::Heating, Shape::FourP, Shape::Mean] } else { &[Shape::Mean] };
    let mut best: Option<(f64, Model)> = None;
    let mut last_err = OlsError::Singular;
    for &shape in shapes {
        match fit_shape(shape, d) {
            Ok(m) if slopes_significant(&m) && (m.shape == Shape::Mean || m.stats.n >= PERIODS_PER_PARAMETER * (m.stats.p + usize::from(m.change_point.is_some()))) => {
                let k = usize::from(m.change_point.is_some());
                let dof = m.stats.n.saturating_sub(m.stats.p + k);
                if dof == 0 {
                    continue;
                }
                let score = m.stats.rmse * m.stats.rmse * (m.stats.n - m.stats.p) as f64 / dof as f64;
                if best.as_ref().is_none_or(|(s, _)| score < *s) {
                    best = Some((score, m));
                }
            }
            Ok(_) => {}
            Err(e) => last_err = e,
        }
    }
    best.map(|(_, m)| m).ok_or(last_err)
}

fn stats(fit: &Ols, y: &[f64]) -> Stats {
    let (n, p) = (fit.n, fit.p);
    let mean_y = y.iter().sum::<f64>() / n as f64;
    let rmse = fit.residual_sd();
    let e = &fit.residuals;
    let lagged: f64 = e.windows(2).map(|w| w[0] * w[1]).sum();
    let dw: f64 = e.windows(2).map(|w| (w[1] - w[0]).powi(2)).sum();
    let sse = fit.sse.max(f64::MIN_POSITIVE);
    Stats {
        n,
        p,
        r2: fit.r2(),
        adj_r2: if fit.sst > 0.0 { 1.0 - (n - 1) as f64 / (n - p) as f64 * fit.sse / fit.sst } else { 1.0 },
        rmse,
        cv_rmse_pct: 100.0 * rmse / mean_y,
        nmbe_pct: 100.0 * e.iter().sum::<f64>() / ((n - p) as f64 * mean_y),
        rho: if fit.sse > 0.0 { lagged / sse } else { 0.0 },
        durbin_watson: if fit.sse > 0.0 { dw / sse } else { 2.0 },
        mean_y,
    }
}
