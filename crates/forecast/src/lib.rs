//! Forecasts of a meter's series, with prediction intervals, and the backtests that say whether they are
//! worth reading (docs/forecasts.md).
//!
//! A meter's samples are first made a **regular series** ([`resample`]): the mean of the samples in each
//! step (an hour by default), so that a 1-minute meter, a 15-minute meter and one with gaps all become the same
//! kind of series; interior gaps are filled linearly ([`fill_gaps`]). The forecast ([`forecast`]) is **MSTL**
//! (Bandara, Hyndman & Bergmeir 2021: the series less each seasonal pattern in turn, by STL, Cleveland et al.
//! 1990) with an **ETS** model of the remainder and trend chosen by AICc (Hyndman et al. 2002; Hyndman &
//! Athanasopoulos, *Forecasting: Principles and Practice*, 3rd ed., ch. 8), the seasonal patterns added back.
//! Both are Grafana's `augurs` crates. The seasons are the day and the week, each used only where the history
//! holds two of it (STL needs two cycles). The interval is the ETS model's at the asked level; the seasonal
//! parts add no width of their own, so the interval is narrower than the truth where the pattern itself
//! varies — which is what the backtest's coverage figure measures.
//!
//! The baseline every forecast must beat is the **seasonal-naive** forecast ([`seasonal_naive`]: each step
//! the value one season earlier; intervals from its own residuals, FPP3 §5.5). [`backtest`] scores both by
//! rolling origin (FPP3 §5.10) with the **MASE** (Hyndman & Koehler 2006: the mean absolute error over the
//! seasonal-naive in-sample error of the training part) and the share of actual values inside the interval.

use augurs::ets::AutoETS;
use augurs::mstl::MSTLModel;
use augurs::prelude::*;

/// A milliseconds-since-1970 instant, as in the store.
pub type TimestampMs = i64;

/// One hour, the default step of a forecast.
pub const HOUR_MS: i64 = 3_600_000;
const DAY_MS: i64 = 24 * HOUR_MS;
const WEEK_MS: i64 = 7 * DAY_MS;

/// A series at a regular step from `start_ms`; NaN where a step had no sample.
#[derive(Clone, Debug, PartialEq)]
pub struct Regular {
    pub start_ms: TimestampMs,
    pub step_ms: i64,
    pub values: Vec<f64>,
}

impl Regular {
    /// The start of step `k`.
    pub fn time(&self, k: usize) -> TimestampMs {
        self.start_ms + self.step_ms * k as i64
    }

    /// The end of the last step.
    pub fn end_ms(&self) -> TimestampMs {
        self.time(self.values.len())
    }

    /// The first `n` steps.
    pub fn head(&self, n: usize) -> Regular {
        Regular { start_ms: self.start_ms, step_ms: self.step_ms, values: self.values[..n.min(self.values.len())].to_vec() }
    }
}

/// The mean of the samples in each step `[t0 + k·step, t0 + (k+1)·step)` up to `t1` (a step that `t1` cuts is
/// left out); NaN where a step has no finite sample. `times_ms` sorted, as a store's series is.
pub fn resample(times_ms: &[TimestampMs], values: &[f64], t0: TimestampMs, t1: TimestampMs, step_ms: i64) -> Regular {
    let step_ms = step_ms.max(1);
    let steps = if t1 > t0 { ((t1 - t0) / step_ms) as usize } else { 0 };
    let mut sum = vec![0.0; steps];
    let mut count = vec![0u32; steps];
    let from = times_ms.partition_point(|t| *t < t0);
    for (t, v) in times_ms[from..].iter().zip(&values[from.min(values.len())..]) {
        let k = ((t - t0) / step_ms) as usize;
        if k >= steps {
            break;
        }
        if v.is_finite() {
            sum[k] += v;
            count[k] += 1;
        }
    }
    let values = sum.iter().zip(&count).map(|(s, c)| if *c > 0 { s / f64::from(*c) } else { f64::NAN }).collect();
    Regular { start_ms: t0, step_ms, values }
}

/// Fills the gaps of a regular series: leading missing steps are dropped (the start moves), interior ones
/// interpolated linearly between their neighbours, trailing ones held at the last value. Returns how many
/// steps were filled (0 when the series has no value at all: it is then left empty).
pub fn fill_gaps(r: &mut Regular) -> usize {
    let Some(first) = r.values.iter().position(|v| v.is_finite()) else {
        r.values.clear();
        return 0;
    };
    r.values.drain(..first);
    r.start_ms += r.step_ms * first as i64;
    let mut filled = 0;
    let mut last: Option<usize> = None;
    for k in 0..r.values.len() {
        if !r.values[k].is_finite() {
            continue;
        }
        if let Some(j) = last
            && k > j + 1
        {
            let (a, b) = (r.values[j], r.values[k]);
            for i in j + 1..k {
                r.values[i] = a + (b - a) * (i - j) as f64 / (k - j) as f64;
                filled += 1;
            }
        }
        last = Some(k);
    }
    if let Some(j) = last {
        let held = r.values[j];
        for v in &mut r.values[j + 1..] {
            *v = held;
            filled += 1;
        }
    }
    filled
}

/// The seasons (in steps) a forecast of `n` steps of `step_ms` uses: the day and the week, each where the
/// history holds at least two of it and a season is at least two steps.
pub fn seasons(n: usize, step_ms: i64) -> Vec<usize> {
    [DAY_MS, WEEK_MS].iter().filter(|p| *p % step_ms.max(1) == 0).map(|p| (*p / step_ms.max(1)) as usize).filter(|p| *p >= 2 && n >= 2 * p).collect()
}

/// How a forecast was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// MSTL with the seasons given, ETS for trend and remainder.
    Mstl,
    /// ETS alone (a history shorter than two days).
    Ets,
    /// Each step the value one season earlier.
    SeasonalNaive,
}

/// A forecast: a point and an interval per step from `start_ms`.
#[derive(Clone, Debug, PartialEq)]
pub struct Band {
    pub start_ms: TimestampMs,
    pub step_ms: i64,
    pub point: Vec<f64>,
    pub lower: Vec<f64>,
    pub upper: Vec<f64>,
    /// The interval's level (0.95: 95 % of values are expected inside).
    pub level: f64,
    pub method: Method,
    /// The seasons used, in steps.
    pub seasons: Vec<usize>,
}

/// Why there is no forecast.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
    /// Fewer steps of history than the method needs.
    TooShort { have: usize, need: usize },
    /// No sample before the instant.
    NoHistory,
    /// The model could not be fitted (the library's reason).
    Model(String),
}

impl Error {
    /// Why, in words of the catalogue (assets/locales/*/forecast.ftl).
    pub fn message(&self) -> plant_i18n::Msg {
        match self {
            Error::TooShort { have, need } => plant_i18n::msg!("forecast-error-too-short", have = *have, need = *need),
            Error::NoHistory => plant_i18n::msg!("forecast-error-no-history"),
            Error::Model(e) => plant_i18n::msg!("forecast-error-model", error = e.as_str()),
        }
    }
}

/// In the current language.
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().text())
    }
}

/// A meter's forecast from `at_ms` (floored to a whole step): the mean of each step of `step_ms` over the
/// `history_ms` before it, gaps filled, forecast `horizon` steps ahead. Returns the history it learnt from too.
pub fn forecast_samples(times_ms: &[TimestampMs], values: &[f64], at_ms: TimestampMs, history_ms: i64, step_ms: i64, horizon: usize, level: f64) -> Result<(Regular, Band), Error> {
    let step_ms = step_ms.max(1);
    let at = at_ms - at_ms.rem_euclid(step_ms);
    let first = times_ms.first().copied().unwrap_or(at);
    let from = (at - history_ms.max(step_ms)).max(first - first.rem_euclid(step_ms));
    let mut history = resample(times_ms, values, from, at, step_ms);
    fill_gaps(&mut history);
    if history.values.is_empty() {
        return Err(Error::NoHistory);
    }
    let band = forecast(&history, horizon, level)?;
    Ok((history, band))
}

/// The fewest steps [`forecast`] works on (ETS needs more values than its parameters and states).
pub const MIN_STEPS: usize = 12;

/// Forecasts `horizon` steps after a gap-free regular history, with intervals at `level` (0 < level < 1).
pub fn forecast(history: &Regular, horizon: usize, level: f64) -> Result<Band, Error> {
    let y = &history.values;
    if y.len() < MIN_STEPS {
        return Err(Error::TooShort { have: y.len(), need: MIN_STEPS });
    }
    let seasons = seasons(y.len(), history.step_ms);
    let level = level.clamp(0.5, 0.999);
    // The models see the series scaled to at most 1 in size (back-scaled after): MSTL works in f32, where a
    // meter total of 1e9 keeps few digits and one of 1e40 overflows, and the ETS fit converges on any scale
    // the same. A series of one value has that value ahead, with no width.
    let scale = y.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    if !scale.is_finite() {
        return Err(Error::Model(String::from("values beyond the range of numbers")));
    }
    if y.iter().all(|v| *v == y[0]) {
        let flat = vec![y[0]; horizon];
        return Ok(Band {
            start_ms: history.end_ms(),
            step_ms: history.step_ms,
            point: flat.clone(),
            lower: flat.clone(),
            upper: flat,
            level,
            method: Method::Ets,
            seasons: Vec::new(),
        });
    }
    let scaled: Vec<f64> = y.iter().map(|v| v / scale).collect();
    let y = &scaled;
    let fc = if seasons.is_empty() {
        AutoETS::non_seasonal().fit(y).and_then(|m| m.predict(horizon, level)).map_err(|e| Error::Model(e.to_string()))?
    } else {
        let model = MSTLModel::new(seasons.clone(), AutoETS::non_seasonal().into_trend_model());
        model.fit(y).and_then(|m| m.predict(horizon, level)).map_err(|e| Error::Model(e.to_string()))?
    };
    let (lower, upper) = match fc.intervals {
        Some(i) => (i.lower, i.upper),
        None => (fc.point.clone(), fc.point.clone()),
    };
    let back = |v: Vec<f64>| -> Vec<f64> { v.into_iter().map(|x| x * scale).collect() };
    let method = if seasons.is_empty() { Method::Ets } else { Method::Mstl };
    Ok(Band { start_ms: history.end_ms(), step_ms: history.step_ms, point: back(fc.point), lower: back(lower), upper: back(upper), level, method, seasons })
}

/// The standard normal distribution's quantile at `p` (0 < p < 1): Acklam's rational approximation (2003;
/// relative error below 1.2e-9), refined by one Halley step.
pub fn normal_quantile(p: f64) -> f64 {
    const A: [f64; 6] = [-3.969_683_028_665_376e1, 2.209_460_984_245_205e2, -2.759_285_104_469_687e2, 1.383_577_518_672_69e2, -3.066_479_806_614_716e1, 2.506_628_277_459_239];
    const B: [f64; 5] = [-5.447_609_879_822_406e1, 1.615_858_368_580_409e2, -1.556_989_798_598_866e2, 6.680_131_188_771_972e1, -1.328_068_155_288_572e1];
    const C: [f64; 6] = [-7.784_894_002_430_293e-3, -3.223_964_580_411_365e-1, -2.400_758_277_161_838, -2.549_732_539_343_734, 4.374_664_141_464_968, 2.938_163_982_698_783];
    const D: [f64; 4] = [7.784_695_709_041_462e-3, 3.224_671_290_700_398e-1, 2.445_134_137_142_996, 3.754_408_661_907_416];
    let p = p.clamp(1e-300, 1.0 - 1e-16);
    let tail = |q: f64| (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0);
    if p < 0.024_25 {
        tail((-2.0 * p.ln()).sqrt())
    } else if p > 1.0 - 0.024_25 {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    } else {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    }
}

/// The seasonal-naive forecast of `horizon` steps with season `m`: each step the value one season before
/// (the last season repeated), with the interval of FPP3 §5.5: the residuals' standard deviation σ (of
/// yₜ − yₜ₋ₘ in the history) times √(k + 1) for a step k whole seasons ahead.
pub fn seasonal_naive(history: &Regular, m: usize, horizon: usize, level: f64) -> Result<Band, Error> {
    let y = &history.values;
    let m = m.max(1);
    if y.len() < 2 * m {
        return Err(Error::TooShort { have: y.len(), need: 2 * m });
    }
    let residuals: Vec<f64> = (m..y.len()).map(|t| y[t] - y[t - m]).collect();
    let sigma = (residuals.iter().map(|e| e * e).sum::<f64>() / residuals.len().saturating_sub(1).max(1) as f64).sqrt();
    let z = normal_quantile(0.5 + level.clamp(0.5, 0.999) / 2.0);
    let last = &y[y.len() - m..];
    let point: Vec<f64> = (0..horizon).map(|h| last[h % m]).collect();
    let width: Vec<f64> = (0..horizon).map(|h| z * sigma * (((h / m) + 1) as f64).sqrt()).collect();
    Ok(Band {
        start_ms: history.end_ms(),
        step_ms: history.step_ms,
        lower: point.iter().zip(&width).map(|(p, w)| p - w).collect(),
        upper: point.iter().zip(&width).map(|(p, w)| p + w).collect(),
        point,
        level,
        method: Method::SeasonalNaive,
        seasons: vec![m],
    })
}

/// The scores of one method over a backtest.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Score {
    /// The mean absolute scaled error: the mean over origins of each origin's mean absolute error divided by
    /// the in-sample seasonal-naive mean absolute error of its training part. Below 1: better than the
    /// seasonal-naive forecast did in sample.
    pub mase: f64,
    /// The share of actual values inside the interval.
    pub coverage: f64,
    /// The mean absolute error, in the series' unit.
    pub mae: f64,
}

/// A rolling-origin backtest (FPP3 §5.10): at each origin the history before it is forecast `horizon` steps
/// ahead and compared with what happened.
#[derive(Clone, Debug, PartialEq)]
pub struct Backtest {
    pub origins: usize,
    pub horizon: usize,
    /// The season of the MASE's scaling and of the baseline.
    pub season: usize,
    pub level: f64,
    pub forecast: Score,
    pub seasonal_naive: Score,
}

/// How a backtest is run: origins every `every` steps from `first_origin` while a whole horizon of actual
/// values follows; each forecast made from at most `window` steps before its origin (0: all of them).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Plan {
    pub season: usize,
    pub horizon: usize,
    pub first_origin: usize,
    pub every: usize,
    pub window: usize,
    pub level: f64,
}

/// Backtests [`forecast`] against [`seasonal_naive`] on a gap-free series, as `plan` says.
pub fn backtest(series: &Regular, plan: Plan) -> Result<Backtest, Error> {
    let Plan { season, horizon, first_origin, every, window, level } = plan;
    let y = &series.values;
    let origins: Vec<usize> = (first_origin..).step_by(every.max(1)).take_while(|o| o + horizon <= y.len()).collect();
    if origins.is_empty() || first_origin < 2 * season.max(1) || (window > 0 && window < 2 * season.max(1)) {
        return Err(Error::TooShort { have: y.len(), need: (2 * season.max(1)).max(first_origin) + horizon });
    }
    let mut sums = [[0.0f64; 3]; 2];
    for &o in &origins {
        let from = if window > 0 { o.saturating_sub(window) } else { 0 };
        let train = Regular { start_ms: series.time(from), step_ms: series.step_ms, values: y[from..o].to_vec() };
        let actual = &y[o..o + horizon];
        let scale = (from + season..o).map(|t| (y[t] - y[t - season]).abs()).sum::<f64>() / (o - from - season).max(1) as f64;
        let scale = if scale > 0.0 { scale } else { f64::EPSILON };
        for (k, band) in [forecast(&train, horizon, level)?, seasonal_naive(&train, season, horizon, level)?].iter().enumerate() {
            let mae = band.point.iter().zip(actual).map(|(p, a)| (p - a).abs()).sum::<f64>() / horizon as f64;
            let inside = actual.iter().enumerate().filter(|(h, a)| **a >= band.lower[*h] && **a <= band.upper[*h]).count();
            sums[k][0] += mae / scale;
            sums[k][1] += inside as f64 / horizon as f64;
            sums[k][2] += mae;
        }
    }
    let n = origins.len() as f64;
    let score = |s: [f64; 3]| Score { mase: s[0] / n, coverage: s[1] / n, mae: s[2] / n };
    Ok(Backtest { origins: origins.len(), horizon, season, level, forecast: score(sums[0]), seasonal_naive: score(sums[1]) })
}
