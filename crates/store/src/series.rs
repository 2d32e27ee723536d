//! One meter's samples: sorted timestamps and values, with a summary pyramid for window aggregates.

use crate::{TimestampMs, summary::Pyramid, summary::Summary};

/// How many gap-free sampling intervals a value is held for before the meter reads "no data".
///
/// A 1-minute meter that skipped 3 readings is in a gap; one late reading is not.
pub const HOLD_INTERVALS: i64 = 3;

/// A single sample.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sample {
    pub time_ms: TimestampMs,
    pub value: f64,
}

/// The answer to "what did this meter read at time t?".
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Reading {
    /// The latest sample at or before t, no older than the meter's hold time.
    Value(Sample),
    /// t falls in a gap: the last sample is older than the hold time.
    Gap { last: Sample },
    /// t is before the first sample or the meter has no samples.
    BeforeStart,
    /// t is after the last sample plus the hold time.
    AfterEnd { last: Sample },
}

impl Reading {
    /// The value if the meter has a current reading at t, `None` for every kind of "no data".
    pub fn value(&self) -> Option<f64> {
        match self {
            Reading::Value(s) => Some(s.value),
            _ => None,
        }
    }
}

/// Why a live sample was not appended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PushError {
    /// Older than the series' last sample.
    OutOfOrder {
        last: TimestampMs,
    },
    NonFinite,
}

/// What building a series found in its input (it never fails: bad samples are dropped and counted).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BuildReport {
    /// Samples whose timestamp was earlier than the one before it (they were sorted into place).
    pub out_of_order: usize,
    /// Samples dropped because a later sample had the same timestamp (the later one wins).
    pub duplicates: usize,
    /// Samples dropped because the value was NaN or infinite.
    pub non_finite: usize,
    /// Gaps longer than the hold time: `(last sample before, first sample after)`.
    pub gaps: Vec<(TimestampMs, TimestampMs)>,
}

/// Sorted samples of one meter.
#[derive(Clone, Debug, Default)]
pub struct Series {
    times_ms: Vec<TimestampMs>,
    values: Vec<f64>,
    pyramid: Pyramid,
    /// Median spacing of samples; 0 when fewer than two samples.
    interval_ms: i64,
}

impl Series {
    /// Builds a series from samples in any order. Duplicated timestamps keep the last sample given;
    /// non-finite values are dropped. Both are counted in the report.
    pub fn from_samples(times_ms: Vec<TimestampMs>, values: Vec<f64>) -> (Self, BuildReport) {
        assert_eq!(times_ms.len(), values.len(), "times and values differ in length");
        let mut report = BuildReport::default();
        let n = times_ms.len();
        let sorted = times_ms.windows(2).all(|w| w[0] <= w[1]);
        let (mut times, mut vals) = if sorted {
            (times_ms, values)
        } else {
            report.out_of_order = times_ms.windows(2).filter(|w| w[1] < w[0]).count();
            let mut order: Vec<u32> = (0..n as u32).collect();
            // Stable: among equal timestamps the input order is kept, so "last given wins" holds.
            order.sort_by_key(|&i| times_ms[i as usize]);
            (order.iter().map(|&i| times_ms[i as usize]).collect(), order.iter().map(|&i| values[i as usize]).collect())
        };
        // Drop non-finite values and collapse duplicates (keep the last of each run), in place.
        let mut w = 0usize;
        for r in 0..times.len() {
            if !vals[r].is_finite() {
                report.non_finite += 1;
                continue;
            }
            if w > 0 && times[w - 1] == times[r] {
                report.duplicates += 1;
                vals[w - 1] = vals[r];
                continue;
            }
            times[w] = times[r];
            vals[w] = vals[r];
            w += 1;
        }
        times.truncate(w);
        vals.truncate(w);
        let interval_ms = median_interval(&times);
        let series = Series { pyramid: Pyramid::build(&vals), times_ms: times, values: vals, interval_ms };
        report.gaps = series.gaps();
        (series, report)
    }

    pub fn len(&self) -> usize {
        self.times_ms.len()
    }

    /// Appends a sample newer than the last (live data), updating the summary pyramid in place. A sample at
    /// the last timestamp replaces it; an older one or a non-finite value is refused, leaving the series as
    /// it was.
    pub fn push(&mut self, t: TimestampMs, v: f64) -> Result<(), PushError> {
        if !v.is_finite() {
            return Err(PushError::NonFinite);
        }
        match self.times_ms.last() {
            Some(&last) if t < last => return Err(PushError::OutOfOrder { last }),
            Some(&last) if t == last => {
                // Rare (a source re-sending its last sample): rebuild the last block's summaries.
                let n = self.values.len();
                self.values[n - 1] = v;
                self.pyramid = Pyramid::build(&self.values);
                return Ok(());
            }
            _ => {}
        }
        self.times_ms.push(t);
        self.values.push(v);
        let n = self.times_ms.len();
        self.pyramid.push(n - 1, v);
        // Keep the median interval current while a live series is young, then every 256 samples.
        if n <= 64 || n.is_multiple_of(256) {
            let tail = &self.times_ms[n.saturating_sub(1025)..];
            self.interval_ms = median_interval(tail);
        }
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.times_ms.is_empty()
    }

    pub fn times_ms(&self) -> &[TimestampMs] {
        &self.times_ms
    }

    pub fn values(&self) -> &[f64] {
        &self.values
    }

    /// Median spacing between samples (0 with fewer than two samples).
    pub fn interval_ms(&self) -> i64 {
        self.interval_ms
    }

    /// How long a sample stays current: [`HOLD_INTERVALS`] × the median interval.
    pub fn hold_ms(&self) -> i64 {
        self.interval_ms.saturating_mul(HOLD_INTERVALS)
    }

    /// First and last timestamp.
    pub fn time_range(&self) -> Option<(TimestampMs, TimestampMs)> {
        Some((*self.times_ms.first()?, *self.times_ms.last()?))
    }

    fn sample(&self, i: usize) -> Sample {
        Sample { time_ms: self.times_ms[i], value: self.values[i] }
    }

    /// Number of samples with time `<= t` (`inclusive`) or `< t`.
    ///
    /// Meter samples are close to regular, so the index is first guessed by interpolation between the
    /// first and last time, then bracketed by galloping outwards from the guess and finished by binary
    /// search inside the bracket: one or two cache lines for regular data, O(log n) at worst.
    pub fn count_until(&self, t: TimestampMs, inclusive: bool) -> usize {
        let times = &self.times_ms;
        let n = times.len();
        let before = |x: TimestampMs| if inclusive { x <= t } else { x < t };
        if n == 0 || !before(times[0]) {
            return 0;
        }
        if before(times[n - 1]) {
            return n;
        }
        // Here times[0] is before t and times[n-1] is not, so the answer is in 1..n.
        let (t0, t1) = (times[0] as i128, times[n - 1] as i128);
        let guess = (((t as i128 - t0) * (n as i128 - 1)) / (t1 - t0).max(1)).clamp(0, n as i128 - 1) as usize;
        let (mut lo, mut hi); // invariant: before(times[lo]) and !before(times[hi])
        if before(times[guess]) {
            lo = guess;
            let mut step = 1;
            hi = (guess + step).min(n - 1);
            while before(times[hi]) {
                lo = hi;
                step *= 2;
                hi = (hi + step).min(n - 1);
            }
        } else {
            hi = guess;
            let mut step = 1;
            lo = guess.saturating_sub(step);
            while !before(times[lo]) {
                hi = lo;
                step *= 2;
                lo = lo.saturating_sub(step);
            }
        }
        lo + 1 + times[lo + 1..hi].partition_point(|&x| before(x))
    }

    /// The meter's reading at `t`: the last sample at or before `t`.
    pub fn reading_at(&self, t: TimestampMs) -> Reading {
        let k = self.count_until(t, true);
        if k == 0 {
            return Reading::BeforeStart;
        }
        let last = self.sample(k - 1);
        if t - last.time_ms <= self.hold_ms() {
            Reading::Value(last)
        } else if k == self.len() {
            Reading::AfterEnd { last }
        } else {
            Reading::Gap { last }
        }
    }

    /// Index range of samples with `t0 <= time < t1`.
    pub fn index_range(&self, t0: TimestampMs, t1: TimestampMs) -> std::ops::Range<usize> {
        let lo = self.count_until(t0, false);
        let hi = self.count_until(t1, false).max(lo);
        lo..hi
    }

    /// Samples with `t0 <= time < t1`, borrowed.
    pub fn window(&self, t0: TimestampMs, t1: TimestampMs) -> (&[TimestampMs], &[f64]) {
        let r = self.index_range(t0, t1);
        (&self.times_ms[r.clone()], &self.values[r])
    }

    /// Count, sum, mean, min and max of samples with `t0 <= time < t1`, in O(log n).
    pub fn aggregate(&self, t0: TimestampMs, t1: TimestampMs) -> Summary {
        let r = self.index_range(t0, t1);
        self.pyramid.query(&self.values, r.start, r.end)
    }

    /// Reduces `[t0, t1)` to at most `buckets` (time, min, max) envelopes for charts: what a plot of the raw
    /// samples would show, at a cost independent of the window's sample count beyond O(buckets log n).
    pub fn envelope(&self, t0: TimestampMs, t1: TimestampMs, buckets: usize) -> Vec<(TimestampMs, f64, f64)> {
        let r = self.index_range(t0, t1);
        if r.len() <= buckets.max(1) * 2 {
            return r.map(|i| (self.times_ms[i], self.values[i], self.values[i])).collect();
        }
        let span = (t1 - t0).max(1);
        let mut out = Vec::with_capacity(buckets);
        for b in 0..buckets as i64 {
            let bt0 = t0 + span * b / buckets as i64;
            let bt1 = t0 + span * (b + 1) / buckets as i64;
            let s = self.aggregate(bt0, bt1);
            if s.count > 0 {
                out.push((bt0 + (bt1 - bt0) / 2, s.min, s.max));
            }
        }
        out
    }

    /// Gaps longer than the hold time, as `(last sample before, first sample after)`.
    pub fn gaps(&self) -> Vec<(TimestampMs, TimestampMs)> {
        gaps_in(&self.times_ms)
    }
}

/// Gaps longer than [`HOLD_INTERVALS`] median intervals in sorted timestamps.
///
/// Spacings saturate at `i64::MAX`: a file may hold any `i64` times (Unix milliseconds near both ends of
/// the range), whose difference does not fit an `i64`.
pub fn gaps_in(sorted_times_ms: &[TimestampMs]) -> Vec<(TimestampMs, TimestampMs)> {
    let hold = median_interval(sorted_times_ms).saturating_mul(HOLD_INTERVALS);
    if hold == 0 {
        return Vec::new();
    }
    sorted_times_ms.windows(2).filter(|w| w[1].saturating_sub(w[0]) > hold).map(|w| (w[0], w[1])).collect()
}

fn median_interval(times: &[TimestampMs]) -> i64 {
    if times.len() < 2 {
        return 0;
    }
    // A sample of at most 4,097 spacings spread over the series is enough for the median and keeps
    // building a 10-million-sample series cheap.
    let n = times.len() - 1;
    let step = (n / 4096).max(1);
    let mut d: Vec<i64> = (0..n).step_by(step).map(|i| times[i + 1].saturating_sub(times[i])).collect();
    let mid = d.len() / 2;
    *d.select_nth_unstable(mid).1
}
