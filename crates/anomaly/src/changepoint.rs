//! Level shifts and drifts: a meter's hourly means (less its usual day) cut into straight pieces by PELT
//! (Killick, Fearnhead & Eckley 2012, "Optimal detection of changepoints with a linear computational cost",
//! JASA 107(500)), each piece a line fitted by least squares, the cost of a piece its residual sum of squares
//! in units of the hourly noise, the penalty per change 3 · ln n (the BIC for a line's two parameters and
//! its change point). The pieces are then read as an engineer would: a piece of a day or more whose line
//! climbs or falls by more than three quarters of the deviation limit (4.5 σ: a change that lasts a day is
//! surer than one sample) is a drift; two pieces of a day or more whose levels differ by more than that,
//! with nothing but short pieces between, are a level shift. (Half the limit found more of the drifts put into
//! real building data but flagged the smelter cells' natural wander: BENCHMARKS.md, "Anomalies".) Pieces shorter than a
//! day are excursions, which the deviation detector reports.
//!
//! Written here rather than taken from the `changepoint` crate (the one Rust library with these methods,
//! used by augurs): it brings second copies of nalgebra, ndarray and rv into the build for a 40-line
//! algorithm.

use crate::robust::{self, Profile};
use crate::{Anomaly, HOUR_MS, Kind, Settings, TimestampMs};

/// The shortest piece PELT may cut, in hours.
const MIN_PIECE: usize = 6;
/// A piece this many hours long counts as lasting.
const LASTING: f64 = 24.0;
/// The share of the deviation limit a lasting change must reach.
const SUSTAINED: f64 = 0.75;

/// Prefix sums for the least-squares line of any run of points in O(1).
struct Sums {
    x: Vec<f64>,
    y: Vec<f64>,
    xx: Vec<f64>,
    xy: Vec<f64>,
    yy: Vec<f64>,
}

impl Sums {
    fn new(x: &[f64], y: &[f64]) -> Sums {
        let mut s = Sums { x: vec![0.0], y: vec![0.0], xx: vec![0.0], xy: vec![0.0], yy: vec![0.0] };
        for (a, b) in x.iter().zip(y) {
            s.x.push(s.x.last().unwrap_or(&0.0) + a);
            s.y.push(s.y.last().unwrap_or(&0.0) + b);
            s.xx.push(s.xx.last().unwrap_or(&0.0) + a * a);
            s.xy.push(s.xy.last().unwrap_or(&0.0) + a * b);
            s.yy.push(s.yy.last().unwrap_or(&0.0) + b * b);
        }
        s
    }

    /// Slope, intercept and residual sum of squares of the line through points `a..b`.
    fn fit(&self, a: usize, b: usize) -> (f64, f64, f64) {
        let n = (b - a) as f64;
        let (sx, sy) = (self.x[b] - self.x[a], self.y[b] - self.y[a]);
        let sxx = self.xx[b] - self.xx[a] - sx * sx / n;
        let sxy = self.xy[b] - self.xy[a] - sx * sy / n;
        let syy = self.yy[b] - self.yy[a] - sy * sy / n;
        let slope = if sxx > 0.0 { sxy / sxx } else { 0.0 };
        let rss = (syy - slope * sxy).max(0.0);
        (slope, (sy - slope * sx) / n, rss)
    }
}

/// The change points of the points `(x, y)` by PELT with a line per piece: the starts of the pieces after the
/// first.
fn pelt(x: &[f64], y: &[f64], noise: f64) -> Vec<usize> {
    let n = y.len();
    if n < 2 * MIN_PIECE {
        return Vec::new();
    }
    let sums = Sums::new(x, y);
    let var = noise * noise;
    let beta = 3.0 * (n as f64).ln();
    let cost = |a: usize, b: usize| sums.fit(a, b).2 / var;
    let mut best = vec![f64::INFINITY; n + 1];
    let mut last = vec![0usize; n + 1];
    best[0] = -beta;
    let mut candidates: Vec<usize> = Vec::new();
    for t in MIN_PIECE..=n {
        // A piece may start at 0 or after a piece of its own (no end can come sooner than MIN_PIECE).
        let s_new = t - MIN_PIECE;
        if s_new == 0 || s_new >= MIN_PIECE {
            candidates.push(s_new);
        }
        let (mut f, mut arg) = (f64::INFINITY, 0);
        for &s in &candidates {
            let c = best[s] + cost(s, t) + beta;
            if c < f {
                (f, arg) = (c, s);
            }
        }
        best[t] = f;
        last[t] = arg;
        // Pruning: a start that cannot beat the best now never will (the cost is additive, K = 0).
        candidates.retain(|&s| best[s] + cost(s, t) <= f);
    }
    let mut cps = Vec::new();
    let mut t = n;
    while t > 0 {
        t = last[t];
        if t > 0 {
            cps.push(t);
        }
    }
    cps.reverse();
    cps
}

/// A fitted piece: its first and last point and the line's level at each end.
struct Piece {
    t0: TimestampMs,
    t1: TimestampMs,
    hours: f64,
    start: f64,
    end: f64,
}

/// The drifts and level shifts in `r`, a meter's values less its usual day (`profile`); `sig` is the
/// meter's σ about its usual day.
pub fn shifts(id: &str, t: &[TimestampMs], r: &[f64], profile: &Profile, sig: f64, s: &Settings) -> Vec<Anomaly> {
    // Hourly means.
    let t0 = t[0].div_euclid(HOUR_MS);
    let (mut x, mut y, mut sum, mut cnt, mut cur) = (Vec::new(), Vec::new(), 0.0, 0usize, t0);
    for (&ti, &ri) in t.iter().zip(r) {
        let h = ti.div_euclid(HOUR_MS);
        if h != cur && cnt > 0 {
            x.push((cur - t0) as f64);
            y.push(sum / cnt as f64);
            (sum, cnt) = (0.0, 0);
        }
        cur = h;
        if ri.is_finite() {
            sum += ri;
            cnt += 1;
        }
    }
    if cnt > 0 {
        x.push((cur - t0) as f64);
        y.push(sum / cnt as f64);
    }
    // The hourly noise: σ about a rolling median of a day.
    let around: Vec<f64> = (0..y.len()).map(|i| y[i] - robust::median(&y[i.saturating_sub(12)..(i + 13).min(y.len())])).collect();
    let noise = robust::sigma(&around).max(sig * 1e-3).max(f64::MIN_POSITIVE);
    let cps = pelt(&x, &y, noise);
    let sums = Sums::new(&x, &y);
    let hour = |k: usize| t0.saturating_add(x[k] as i64).saturating_mul(HOUR_MS);
    let bounds: Vec<usize> = std::iter::once(0).chain(cps.iter().copied()).chain(std::iter::once(y.len())).collect();
    let pieces: Vec<Piece> = bounds
        .windows(2)
        .map(|w| {
            let (slope, icpt, _) = sums.fit(w[0], w[1]);
            let (xa, xb) = (x[w[0]], x[w[1] - 1]);
            Piece { t0: hour(w[0]), t1: hour(w[1] - 1).saturating_add(HOUR_MS), hours: xb - xa + 1.0, start: icpt + slope * xa, end: icpt + slope * xb }
        })
        .collect();
    let limit = SUSTAINED * s.deviation_sigmas * sig;
    let mut out = Vec::new();
    let mut previous: Option<&Piece> = None;
    for p in pieces.iter().filter(|p| p.hours >= LASTING) {
        if (p.end - p.start).abs() >= limit {
            let base = profile.at(p.t1.saturating_sub(HOUR_MS / 2));
            out.push(shift(id, Kind::Drift, p.t0, p.t1, base + p.end, base + p.start, sig));
        }
        if let Some(q) = previous {
            let base = profile.at(p.t0);
            if (p.start - q.end).abs() >= limit {
                out.push(shift(id, Kind::LevelShift, q.t1, p.t1, base + p.start, base + q.end, sig));
            }
        }
        previous = Some(p);
    }
    out
}

fn shift(id: &str, kind: Kind, start_ms: TimestampMs, end_ms: TimestampMs, value: f64, expected: f64, sig: f64) -> Anomaly {
    Anomaly { meter: Some(id.to_string()), kind, start_ms, end_ms, value, expected, score: ((value - expected) / sig).abs(), count: 1 }
}
