//! Robust statistics: medians, the scaled median absolute deviation, and the usual day of a meter.

use crate::{DAY_MS, TimestampMs};

/// 1.4826 · MAD estimates σ for normally distributed data (Rousseeuw & Croux 1993).
pub const MAD_TO_SIGMA: f64 = 1.482_6;

/// The median of the finite values (NaN if none); reorders `v`.
pub fn median_mut(v: &mut [f64]) -> f64 {
    let mut n = 0;
    for i in 0..v.len() {
        if v[i].is_finite() {
            v.swap(n, i);
            n += 1;
        }
    }
    let v = &mut v[..n];
    if v.is_empty() {
        return f64::NAN;
    }
    let (len, mid) = (v.len(), v.len() / 2);
    let (lo, m, _) = v.select_nth_unstable_by(mid, f64::total_cmp);
    let m = *m;
    if len % 2 == 1 {
        m
    } else {
        let below = lo.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (below + m) / 2.0
    }
}

/// The median of the finite values (NaN if none).
pub fn median(v: &[f64]) -> f64 {
    median_mut(&mut v.to_vec())
}

/// 1.4826 · the median absolute deviation from the median (NaN if no finite value).
pub fn sigma(v: &[f64]) -> f64 {
    let m = median(v);
    let mut d: Vec<f64> = v.iter().map(|x| (x - m).abs()).collect();
    MAD_TO_SIGMA * median_mut(&mut d)
}

/// The noise of a meter from one sample to the next: σ of the first differences / √2 (robust). Steps where
/// the meter is off (both samples zero) are left out, so a mill stopped half the time still has its noise.
pub fn noise_sigma(values: &[f64]) -> f64 {
    let d: Vec<f64> = values.windows(2).filter(|w| w[0] != 0.0 || w[1] != 0.0).map(|w| w[1] - w[0]).collect();
    sigma(&d) / std::f64::consts::SQRT_2
}

/// The smallest step between distinct values (the meter's resolution as recorded), from a sample of them.
pub fn resolution(values: &[f64]) -> f64 {
    let step = (values.len() / 2048).max(1);
    let mut v: Vec<f64> = values.iter().step_by(step).copied().filter(|x| x.is_finite()).collect();
    v.sort_by(f64::total_cmp);
    v.dedup();
    v.windows(2).map(|w| w[1] - w[0]).filter(|d| *d > 0.0).fold(f64::INFINITY, f64::min)
}

/// Quarter hours in a day: the usual day's bins.
pub const BINS: usize = 96;
const BIN_MS: i64 = DAY_MS / BINS as i64;

/// The usual value of a meter at each quarter hour of the local day, for one profile or one per day class.
pub struct Profile {
    /// `[class][bin]`, NaN where no sample fell.
    medians: Vec<[f64; BINS]>,
    weekly: bool,
    utc_offset_ms: i64,
}

/// The day class for a weekly profile: Monday–Friday, Saturday, Sunday (1970-01-01 was a Thursday).
fn class(local_ms: TimestampMs) -> usize {
    match (local_ms.div_euclid(DAY_MS) + 3).rem_euclid(7) {
        5 => 1,
        6 => 2,
        _ => 0,
    }
}

impl Profile {
    /// The usual day: a single profile, or weekday/Saturday/Sunday profiles where the data spans two weeks
    /// and that cuts the spread of what is left by a fifth. A series shorter than three days has a flat
    /// profile (its median).
    pub fn fit(times: &[TimestampMs], values: &[f64], utc_offset_ms: i64) -> Profile {
        let span = times.last().copied().unwrap_or(0).saturating_sub(times.first().copied().unwrap_or(0));
        if span < 3 * DAY_MS {
            return Profile { medians: vec![[median(values); BINS]], weekly: false, utc_offset_ms };
        }
        let daily = Self::fit_classes(times, values, utc_offset_ms, false);
        if span < 14 * DAY_MS - DAY_MS / 2 {
            return daily;
        }
        let weekly = Self::fit_classes(times, values, utc_offset_ms, true);
        let spread = |p: &Profile| sigma(&p.residuals(times, values));
        if spread(&weekly) < 0.8 * spread(&daily) { weekly } else { daily }
    }

    fn fit_classes(times: &[TimestampMs], values: &[f64], utc_offset_ms: i64, weekly: bool) -> Profile {
        let classes = if weekly { 3 } else { 1 };
        let mut bins: Vec<Vec<f64>> = vec![Vec::new(); classes * BINS];
        for (&t, &v) in times.iter().zip(values) {
            let (c, b) = Self::slot(t, utc_offset_ms, weekly);
            bins[c * BINS + b].push(v);
        }
        let mut medians = vec![[f64::NAN; BINS]; classes];
        for (i, b) in bins.iter_mut().enumerate() {
            medians[i / BINS][i % BINS] = median_mut(b);
        }
        let p = Profile { medians, weekly, utc_offset_ms };
        // A class with no data (a site recorded on weekdays only) uses the all-days profile.
        if weekly && p.medians.iter().any(|m| m.iter().all(|x| x.is_nan())) {
            return Self::fit_classes(times, values, utc_offset_ms, false);
        }
        p
    }

    fn slot(t: TimestampMs, utc_offset_ms: i64, weekly: bool) -> (usize, usize) {
        let local = t.saturating_add(utc_offset_ms);
        let b = (local.rem_euclid(DAY_MS) / BIN_MS) as usize;
        (if weekly { class(local) } else { 0 }, b.min(BINS - 1))
    }

    /// The usual value at `t` (NaN where the profile has none).
    pub fn at(&self, t: TimestampMs) -> f64 {
        let (c, b) = Self::slot(t, self.utc_offset_ms, self.weekly);
        self.medians[c.min(self.medians.len() - 1)][b]
    }

    /// Each value less the usual value at its time.
    pub fn residuals(&self, times: &[TimestampMs], values: &[f64]) -> Vec<f64> {
        times.iter().zip(values).map(|(&t, &v)| v - self.at(t)).collect()
    }
}

/// What values a meter takes at each quarter hour of the day, over all the days held: a value is usual at a
/// time of day when another day held a value within a tolerance of it within a quarter hour of that time of
/// day (a behaviour seen on two days or more — a compressor's load and unload, a mill's evening stop and the
/// ramp into it, the weekend — is usual; one seen on a single day is not).
pub struct Usual {
    /// The samples of each quarter hour with their local day number, sorted by value.
    bins: Vec<Vec<(f64, i64)>>,
    /// Whether four days or more reach the quarter hour (fewer: no judgement).
    judged: Vec<bool>,
    utc_offset_ms: i64,
}

impl Usual {
    pub fn fit(times: &[TimestampMs], values: &[f64], utc_offset_ms: i64) -> Usual {
        let mut bins: Vec<Vec<(f64, i64)>> = vec![Vec::new(); BINS];
        for (&t, &v) in times.iter().zip(values) {
            let local = t.saturating_add(utc_offset_ms);
            let b = ((local.rem_euclid(DAY_MS) / BIN_MS) as usize).min(BINS - 1);
            if v.is_finite() {
                bins[b].push((v, local.div_euclid(DAY_MS)));
            }
        }
        let judged = bins
            .iter()
            .map(|b| {
                let mut days: Vec<i64> = b.iter().map(|x| x.1).collect();
                days.sort_unstable();
                days.dedup();
                days.len() >= 4
            })
            .collect();
        bins.iter_mut().for_each(|b| b.sort_by(|x, y| x.0.total_cmp(&y.0)));
        Usual { bins, judged, utc_offset_ms }
    }

    /// Whether `x` at `t` is unusual: no other day held a value within `tolerance` of it in the same quarter
    /// hour or the ones either side.
    pub fn unusual(&self, t: TimestampMs, x: f64, tolerance: f64) -> bool {
        let local = t.saturating_add(self.utc_offset_ms);
        let (b, day) = (((local.rem_euclid(DAY_MS) / BIN_MS) as usize).min(BINS - 1), local.div_euclid(DAY_MS));
        if !x.is_finite() {
            return false;
        }
        // Quarter hours no sample falls in (an hourly meter fills one in four) say nothing either way.
        let mut judged = false;
        for k in [b, b + 1, b + BINS - 1].map(|k| k % BINS) {
            let v = &self.bins[k];
            if v.is_empty() {
                continue;
            }
            if !self.judged[k] {
                return false;
            }
            judged = true;
            let lo = v.partition_point(|y| y.0 < x - tolerance);
            if v[lo..].iter().take_while(|y| y.0 <= x + tolerance).any(|y| y.1 != day) {
                return false;
            }
        }
        judged
    }
}
