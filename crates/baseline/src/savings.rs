//! Avoided energy of a reporting period against the adjusted baseline (IPMVP Option C, [IPMVP-2012]), and its
//! uncertainty by ASHRAE Guideline 14's fractional savings uncertainty ([G14-2014] Annex B, the Reddy and
//! Claridge form [RC-2000]):
//!
//! ΔE = t · 1.26 · CV · √((n/n′)(1 + 2/n′)(1/m)) · E_adjusted,  n′ = n (1 − ρ)/(1 + ρ)
//!
//! n baseline periods, m reporting periods, CV = RMSE / ȳ of the baseline (a fraction), ρ the lag-1
//! autocorrelation of the baseline's residuals (n′ = n when ρ ≤ 0), t Student's two-sided quantile with n − p
//! degrees of freedom, E_adjusted = Σ ŷ over the reporting period. The fractional uncertainty is ΔE over the
//! avoided energy.

use serde::Serialize;

use crate::model::Model;

/// One confidence level's uncertainty.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Uncertainty {
    /// 0.68, 0.90…
    pub confidence: f64,
    pub t: f64,
    /// ± in y's unit.
    pub absolute: f64,
    /// ΔE / avoided; `None` when nothing was avoided.
    pub fraction: Option<f64>,
}

/// The reporting period against the baseline.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Savings {
    /// Reporting periods.
    pub m: usize,
    /// Σ ŷ: what the baseline expects under the period's conditions.
    pub expected: f64,
    pub actual: f64,
    /// expected − actual (positive: less energy than the baseline expects).
    pub avoided: f64,
    /// avoided / expected.
    pub fraction: f64,
    /// n′, the baseline's periods corrected for autocorrelation.
    pub n_effective: f64,
    pub uncertainty: Vec<Uncertainty>,
    /// Reporting periods whose temperature or drivers lie outside the baseline's range (extrapolated).
    pub outside_range: usize,
    /// Each period's expected and actual value.
    pub periods: Vec<(f64, f64)>,
}

/// The reporting periods' conditions and actual energy.
pub struct Reporting<'a> {
    pub actual: &'a [f64],
    pub temperature: Option<&'a [f64]>,
    pub drivers: &'a [Vec<f64>],
}

/// Savings at the given confidence levels (two-sided), e.g. `[0.68, 0.90]`.
pub fn savings(model: &Model, r: &Reporting, levels: &[f64]) -> Savings {
    let m = r.actual.len();
    let mut periods = Vec::with_capacity(m);
    let mut outside = 0;
    for (j, &actual) in r.actual.iter().enumerate() {
        let t = r.temperature.map(|t| t[j]);
        let x: Vec<f64> = r.drivers.iter().map(|c| c[j]).collect();
        let values = t.filter(|_| model.ranges.len() > x.len()).into_iter().chain(x.iter().copied());
        if values.zip(&model.ranges).any(|(v, &(lo, hi))| v < lo || v > hi) {
            outside += 1;
        }
        periods.push((model.predict(t, &x), actual));
    }
    let expected: f64 = periods.iter().map(|p| p.0).sum();
    let actual: f64 = periods.iter().map(|p| p.1).sum();
    let avoided = expected - actual;
    let s = &model.stats;
    let n = s.n as f64;
    let rho = s.rho.clamp(0.0, 0.99);
    let n_eff = n * (1.0 - rho) / (1.0 + rho);
    let cv = s.rmse / s.mean_y;
    let dof = (s.n - s.p) as f64;
    let uncertainty = levels
        .iter()
        .map(|&c| {
            let t = distrs::StudentsT::ppf(0.5 + c / 2.0, dof);
            let absolute = t * 1.26 * cv * ((n / n_eff) * (1.0 + 2.0 / n_eff) / m.max(1) as f64).sqrt() * expected.abs();
            Uncertainty { confidence: c, t, absolute, fraction: (avoided > 0.0).then(|| absolute / avoided) }
        })
        .collect();
    Savings { m, expected, actual, avoided, fraction: avoided / expected, n_effective: n_eff, uncertainty, outside_range: outside, periods }
}
