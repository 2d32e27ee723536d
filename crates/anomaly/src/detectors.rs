//! The detectors that look at one meter on its own, and the merging of their findings across meters.

use crate::robust::{self, Profile, Usual};
use crate::{Anomaly, DAY_MS, HOUR_MS, Kind, MINUTE_MS, MeterSeries, Settings, TimestampMs, changepoint};

/// Half the Hampel filter's window, in samples (the window is 15 samples).
const HAMPEL_HALF: usize = 7;
/// Longest run of samples that is still a spike.
const SPIKE_MAX_SAMPLES: usize = 3;

/// Everything found in one meter's series.
pub fn meter(m: &MeterSeries<'_>, s: &Settings) -> Vec<Anomaly> {
    let n = m.times_ms.len().min(m.values.len());
    let (t, v) = (&m.times_ms[..n], &m.values[..n]);
    if n < 3 {
        return Vec::new();
    }
    let interval = median_interval(t);
    let mut out = gaps(m.id, t, interval, s);
    let res = robust::resolution(v);
    if !res.is_finite() {
        return out; // one value throughout: nothing moves that could misbehave
    }
    let noise = robust::noise_sigma(v).max(res / 2.0).max(f64::MIN_POSITIVE);
    let profile = Profile::fit(t, v, s.utc_offset_ms);
    let r = profile.residuals(t, v);
    let sig = robust::sigma(&r).max(noise).max(res);
    let usual = Usual::fit(t, v, s.utc_offset_ms);
    let ctx = Ctx { id: m.id, t, v, s, interval, res, noise, sig, profile: &profile, usual: &usual };
    let mut explains = ctx.stuck();
    // Under three days there is no usual day to shift or drift from (the profile is flat): a day's own
    // pattern would read as a drift.
    if t[n - 1].saturating_sub(t[0]) >= 3 * DAY_MS {
        explains.extend(changepoint::shifts(m.id, t, &r, &profile, sig, s));
    }
    out.extend(ctx.flat_lines());
    out.extend(ctx.spikes(&r));
    out.extend(ctx.deviations(&r, &explains));
    out.extend(explains);
    out
}

struct Ctx<'a> {
    id: &'a str,
    t: &'a [TimestampMs],
    v: &'a [f64],
    s: &'a Settings,
    interval: i64,
    res: f64,
    /// σ of the meter's sample-to-sample noise.
    noise: f64,
    /// σ of the meter's values about its usual day.
    sig: f64,
    profile: &'a Profile,
    usual: &'a Usual,
}

fn anomaly(id: &str, kind: Kind, start_ms: TimestampMs, end_ms: TimestampMs, value: f64, expected: f64, score: f64) -> Anomaly {
    Anomaly { meter: Some(id.to_string()), kind, start_ms, end_ms, value, expected, score, count: 1 }
}

/// The median spacing between samples.
pub fn median_interval(t: &[TimestampMs]) -> i64 {
    let step = (t.len() / 4096).max(1);
    let mut d: Vec<i64> = t.windows(2).step_by(step).map(|w| w[1].saturating_sub(w[0])).collect();
    if d.is_empty() {
        return 0;
    }
    let mid = d.len() / 2;
    *d.select_nth_unstable(mid).1
}

/// Silences longer than the settings' minimum and ten intervals; those at the same time of day on at least
/// three days and half the days recorded become one recurring gap.
fn gaps(id: &str, t: &[TimestampMs], interval: i64, s: &Settings) -> Vec<Anomaly> {
    let min = s.min_gap_ms.max(interval.saturating_mul(10));
    let raw: Vec<(TimestampMs, TimestampMs)> = t.windows(2).filter(|w| w[1].saturating_sub(w[0]) > min).map(|w| (w[0], w[1])).collect();
    let days = usize::try_from((t[t.len() - 1].saturating_sub(t[0]) / DAY_MS).max(1)).unwrap_or(usize::MAX);
    let mut used = vec![false; raw.len()];
    let mut out = Vec::new();
    for i in 0..raw.len() {
        if used[i] {
            continue;
        }
        let (a, b) = raw[i];
        let len = b.saturating_sub(a);
        let tod = a.rem_euclid(DAY_MS);
        let same: Vec<usize> = (i..raw.len())
            .filter(|&j| {
                let (c, d) = raw[j];
                let dt = (c.rem_euclid(DAY_MS) - tod).abs();
                !used[j] && dt.min(DAY_MS - dt) <= 10 * MINUTE_MS && d.saturating_sub(c) <= len.saturating_mul(2) && d.saturating_sub(c).saturating_mul(2) >= len
            })
            .collect();
        if same.len() >= 3 && 2 * same.len() >= days {
            let last = raw[same[same.len() - 1]];
            same.iter().for_each(|&j| used[j] = true);
            out.push(Anomaly { count: same.len() as u32, ..anomaly(id, Kind::RecurringGap, a, last.1, f64::NAN, f64::NAN, 0.0) });
        } else {
            used[i] = true;
            out.push(anomaly(id, Kind::NoData, a, b, f64::NAN, f64::NAN, 0.0));
        }
    }
    out
}

impl Ctx<'_> {
    /// Runs of one repeated non-zero value longer than the settings' minimum, 20 intervals and (for a meter
    /// with a hundred runs or more) four times the longest hold the meter shows in 99 % of its runs.
    fn stuck(&self) -> Vec<Anomaly> {
        let gap = self.s.min_gap_ms.max(self.interval.saturating_mul(10));
        let runs = runs(self.t, self.v, gap);
        let mut held: Vec<i64> = runs.iter().map(|&(a, b)| self.t[b].saturating_sub(self.t[a])).collect();
        // Too few runs to have a habit of holding (the stuck run itself must not set the bar).
        let p99 = if held.len() < 100 {
            0
        } else {
            let k = (held.len() * 99 / 100).min(held.len() - 1);
            *held.select_nth_unstable(k).1
        };
        let min = self.s.min_stuck_ms.max(self.interval.saturating_mul(20)).max(p99.saturating_mul(4));
        let long: Vec<(usize, usize)> = runs.into_iter().filter(|&(a, b)| self.v[a] != 0.0 && self.t[b].saturating_sub(self.t[a]) >= min).collect();
        // A hold at the same time of day on another day too (a staged constant-speed pump, every morning) is
        // how the meter runs, not a fault.
        let tod = |t: TimestampMs| t.saturating_add(self.s.utc_offset_ms).rem_euclid(DAY_MS);
        let day = |t: TimestampMs| t.saturating_add(self.s.utc_offset_ms).div_euclid(DAY_MS);
        let usual = |&(a, b): &(usize, usize)| {
            let mid = tod(self.t[a] + (self.t[b] - self.t[a]) / 2);
            long.iter().any(|&(c, d)| {
                day(self.t[c]) != day(self.t[a]) && {
                    let (c0, d0) = (tod(self.t[c]), tod(self.t[d]));
                    if c0 <= d0 { (c0..=d0).contains(&mid) } else { mid >= c0 || mid <= d0 }
                }
            })
        };
        // σ says nothing of a stuck meter (its value may be a plausible one): no score.
        long.iter().filter(|r| !usual(r)).map(|&(a, b)| anomaly(self.id, Kind::Stuck, self.t[a], self.t[b], self.v[a], self.profile.at(self.t[(a + b) / 2]), 0.0)).collect()
    }

    /// Hours in which a normally noisy meter's noise falls below a tenth of its usual while it reads a live
    /// value (not zero, not stuck on one value), two hours or more in a row, at an hour of the day when it is
    /// not as quiet on any other day.
    fn flat_lines(&self) -> Vec<Anomaly> {
        if self.noise < 2.0 * self.res {
            return Vec::new(); // the noise hides in the resolution: a quiet hour says nothing
        }
        let mut abs: Vec<f64> = self.v.iter().map(|x| x.abs()).collect();
        let k = abs.len() * 95 / 100;
        let k = k.min(abs.len() - 1);
        let live = 0.02 * *abs.select_nth_unstable_by(k, f64::total_cmp).1;
        let mut flat: Vec<(usize, usize)> = Vec::new();
        let mut quiet_hours: Vec<(i64, i64)> = Vec::new();
        let mut a = 0;
        while a < self.v.len() {
            let mut b = a;
            while b + 1 < self.v.len() && self.t[b + 1].saturating_sub(self.t[a]) < HOUR_MS {
                b += 1;
            }
            let block = &self.v[a..=b];
            let level = robust::median(block);
            let moving = block.windows(2).any(|w| w[0] != w[1]);
            if b > a + 3 && moving && level.abs() > live.max(2.0 * self.res) && robust::noise_sigma(block) < 0.1 * self.noise {
                flat.push((a, b));
                let local = self.t[a].saturating_add(self.s.utc_offset_ms);
                quiet_hours.push((local.div_euclid(DAY_MS), local.rem_euclid(DAY_MS) / HOUR_MS));
            }
            a = b + 1;
        }
        // Quiet at the same hour on another day too (a fan at its minimum every Saturday morning): usual.
        let usual = |k: usize| quiet_hours.iter().any(|&(d, h)| h == quiet_hours[k].1 && d != quiet_hours[k].0);
        let flat: Vec<(usize, usize)> = flat.iter().enumerate().filter(|&(k, _)| !usual(k)).map(|(_, &f)| f).collect();
        let mut out: Vec<Anomaly> = Vec::new();
        let mut i = 0;
        while i < flat.len() {
            let (a, mut b) = flat[i];
            while i + 1 < flat.len() && flat[i + 1].0 == b + 1 {
                i += 1;
                b = flat[i].1;
            }
            i += 1;
            if self.t[b].saturating_sub(self.t[a]) >= (2 * HOUR_MS).saturating_sub(self.interval.saturating_mul(2)) {
                let value = robust::median(&self.v[a..=b]);
                let expected = self.profile.at(self.t[(a + b) / 2]);
                out.push(anomaly(self.id, Kind::FlatLine, self.t[a], self.t[b], value, expected, ((value - expected) / self.sig).abs()));
            }
        }
        out
    }

    /// Runs of at most three samples far from the median of the 15 around them (in σ of the meter's noise and
    /// of those 15 samples, and in σ of the meter's spread) and unusual at their time of day, that come back. A meter with more than four a day pulses by nature (a crucible
    /// weighed every 20 minutes): its "spikes" are not reported.
    fn spikes(&self, r: &[f64]) -> Vec<Anomaly> {
        let n = r.len();
        let mut window = Vec::with_capacity(2 * HAMPEL_HALF + 1);
        // On the values less their usual day: an hourly meter's daily swing is not its noise.
        let noise = robust::noise_sigma(r).max(self.res / 2.0).max(f64::MIN_POSITIVE);
        let floor = (self.s.spike_sigmas * noise).max(self.s.deviation_sigmas * self.sig);
        let mut far = vec![f64::NAN; n];
        for (i, slot) in far.iter_mut().enumerate() {
            window.clear();
            window.extend_from_slice(&r[i.saturating_sub(HAMPEL_HALF)..(i + HAMPEL_HALF + 1).min(n)]);
            let med = robust::median_mut(&mut window);
            let off = (r[i] - med).abs();
            if off.is_nan() || off <= floor {
                continue;
            }
            // The window's own spread (Hampel's scale), where it is wider than the meter's noise.
            window.iter_mut().for_each(|x| *x = (*x - med).abs());
            let local = robust::MAD_TO_SIGMA * robust::median_mut(&mut window);
            let limit = floor.max(self.s.deviation_sigmas * local);
            if off > limit && self.usual.unusual(self.t[i], self.v[i], limit) {
                // What the neighbours say the value should have been: their median, back on the meter's scale.
                *slot = self.v[i] - (r[i] - med);
            }
        }
        let mut out = Vec::new();
        let mut i = 0;
        while i < n {
            if far[i].is_nan() {
                i += 1;
                continue;
            }
            let a = i;
            while i < n && !far[i].is_nan() {
                i += 1;
            }
            if i - a <= SPIKE_MAX_SAMPLES && a > 0 && i < n {
                let k = (a..i).max_by(|&x, &y| (self.v[x] - far[x]).abs().total_cmp(&(self.v[y] - far[y]).abs())).unwrap_or(a);
                out.push(anomaly(self.id, Kind::Spike, self.t[a], self.t[i - 1], self.v[k], far[k], ((self.v[k] - far[k]) / self.sig).abs()));
            }
        }
        let days = (self.t[n - 1].saturating_sub(self.t[0]) as f64 / DAY_MS as f64).max(1.0);
        if out.len() as f64 > 4.0 * days { Vec::new() } else { out }
    }

    /// Runs of values unusual at their time of day ([`Usual`], within the settings' σ; they last while unusual
    /// within 60 % of it; pieces closer than the minimum joined), at least the minimum long and at most a day
    /// (a longer one is a level shift). Those the meter's being stuck, a drift or a level shift explains are
    /// left to it.
    fn deviations(&self, r: &[f64], explains: &[Anomaly]) -> Vec<Anomaly> {
        let hi = self.s.deviation_sigmas * self.sig;
        let lo = 0.6 * hi;
        let n = r.len();
        let odd = |k: usize, w: f64| r[k].abs() > w && self.usual.unusual(self.t[k], self.v[k], w);
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < n {
            if !odd(i, hi) {
                i += 1;
                continue;
            }
            let mut a = i;
            while a > 0 && odd(a - 1, lo) {
                a -= 1;
            }
            let mut b = i;
            while b + 1 < n && odd(b + 1, lo) {
                b += 1;
            }
            match runs.last_mut() {
                Some(last) if self.t[a].saturating_sub(self.t[last.1]) < self.s.min_deviation_ms => last.1 = b.max(last.1),
                _ => runs.push((a, b)),
            }
            i = b + 1;
        }
        runs.into_iter()
            .filter(|&(a, b)| {
                let d = self.t[b].saturating_sub(self.t[a]);
                d >= self.s.min_deviation_ms && d <= DAY_MS
            })
            .filter_map(|(a, b)| {
                let k = (a..=b).max_by(|&x, &y| r[x].abs().total_cmp(&r[y].abs()))?;
                let explained = explains.iter().any(|x| x.overlaps(self.t[a], self.t[b]) && (x.kind == Kind::Stuck || (x.value - x.expected).signum() == r[k].signum()));
                let expected = self.v[k] - r[k];
                (!explained).then(|| anomaly(self.id, Kind::Deviation, self.t[a], self.t[b], self.v[k], expected, (r[k] / self.sig).abs()))
            })
            .collect()
    }
}

/// Index ranges `(first, last)` of runs of one repeated value, two samples or more; a gap longer than `gap`
/// ends a run (a value before and after a silence is not a value held through it).
fn runs(t: &[TimestampMs], v: &[f64], gap: i64) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut a = 0;
    for i in 1..=v.len() {
        if i == v.len() || v[i] != v[a] || t[i].saturating_sub(t[i - 1]) > gap {
            if i - 1 > a {
                out.push((a, i - 1));
            }
            a = i;
        }
    }
    out
}

/// Gaps that nearly every meter shares (at least 90 % of them, and three or more meters) become one data
/// outage; the meters' own gaps inside it are dropped.
pub fn merge_outages(mut found: Vec<Anomaly>, meters: usize) -> Vec<Anomaly> {
    if meters < 3 {
        return found;
    }
    // A meter's own gaps never overlap, so the gaps open at an instant are as many as the meters silent then.
    let gaps: Vec<(TimestampMs, TimestampMs)> = found.iter().filter(|a| a.kind == Kind::NoData).map(|a| (a.start_ms, a.end_ms)).collect();
    let mut edges: Vec<(TimestampMs, i64)> = gaps.iter().flat_map(|&(a, b)| [(a, 1), (b, -1)]).collect();
    edges.sort();
    let mut spans: Vec<(TimestampMs, TimestampMs)> = Vec::new();
    let (mut open, mut since) = (0usize, None);
    for &(t, d) in &edges {
        open = if d > 0 { open + 1 } else { open.saturating_sub(1) };
        let many = open * 10 >= meters * 9;
        match (many, since) {
            (true, None) => since = Some(t),
            (false, Some(a)) => {
                spans.push((a, t));
                since = None
            }
            _ => {}
        }
    }
    // Each span reaches over the gaps that make it up (not over a meter silent for far longer).
    for s in &mut spans {
        let len = s.1.saturating_sub(s.0);
        let (lo, hi) = (s.0.saturating_sub(len), s.1.saturating_add(len));
        for &(a, b) in gaps.iter().filter(|g| g.0 >= lo && g.1 <= hi) {
            s.0 = s.0.min(a);
            s.1 = s.1.max(b);
        }
    }
    found.retain(|x| x.kind != Kind::NoData || !spans.iter().any(|&(a, b)| x.start_ms >= a && x.end_ms <= b));
    found.extend(spans.into_iter().map(|(a, b)| Anomaly {
        meter: None,
        kind: Kind::DataOutage,
        start_ms: a,
        end_ms: b,
        value: f64::NAN,
        expected: f64::NAN,
        score: 0.0,
        count: 1,
    }));
    found
}

/// A fault of the meter (stuck, flat-lined, spiking, drifting) shown at once by half or more of a group of
/// three or more alike meters is the process they share, not a fault of each: it is dropped.
pub fn drop_shared_faults(mut found: Vec<Anomaly>, meters: &[MeterSeries<'_>]) -> Vec<Anomaly> {
    let group_of = |id: &str| meters.iter().find(|m| m.id == id).and_then(|m| m.peer_group);
    let size = |g: &str| meters.iter().filter(|m| m.peer_group == Some(g)).count();
    let fault = |a: &Anomaly| matches!(a.kind, Kind::Stuck | Kind::FlatLine | Kind::Spike | Kind::Drift);
    let shared: Vec<bool> = found
        .iter()
        .map(|a| {
            let Some(g) = a.meter.as_deref().and_then(group_of) else { return false };
            let n = size(g);
            if !fault(a) || n < 3 {
                return false;
            }
            let mut with: Vec<&str> =
                found.iter().filter(|b| b.kind == a.kind && b.overlaps(a.start_ms, a.end_ms)).filter_map(|b| b.meter.as_deref()).filter(|m| group_of(m) == Some(g)).collect();
            with.sort_unstable();
            with.dedup();
            2 * with.len() >= n
        })
        .collect();
    let mut k = 0;
    found.retain(|_| {
        k += 1;
        !shared[k - 1]
    });
    found
}

/// A spike that its peers also show as an outlier is reported once, as the peer outlier (the more telling).
pub fn prefer_peer_outliers(mut found: Vec<Anomaly>) -> Vec<Anomaly> {
    let peers: Vec<(String, TimestampMs, TimestampMs)> =
        found.iter().filter(|a| a.kind == Kind::PeerOutlier).filter_map(|a| Some((a.meter.clone()?, a.start_ms, a.end_ms))).collect();
    if peers.is_empty() {
        return found;
    }
    found.retain(|a| a.kind != Kind::Spike || !peers.iter().any(|(m, s, e)| a.meter.as_deref() == Some(m.as_str()) && a.overlaps(*s, *e)));
    found
}
