//! One meter's samples: sorted timestamps and values, with a summary pyramid for window aggregates.

use std::sync::Arc;

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
}

/// Samples from which [`Series::from_shared`] checks the times and sums the values on two threads.
const PARALLEL_SAMPLES: usize = 1 << 20;

/// Sorted samples of one meter.
#[derive(Clone, Debug, Default)]
pub struct Series {
    /// Shared (`Arc`) with the other meters of a wide file that hold a sample at every row: one time column
    /// for them all ([`crate::Store::share_equal_times`]); appending to a shared one copies it first.
    times_ms: Arc<Vec<TimestampMs>>,
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
        // Vectors grown by appending (several files, live data) hold up to twice their length: a stored
        // series keeps only what it needs (16 bytes a sample and the pyramid's ~1 byte).
        times.shrink_to_fit();
        vals.shrink_to_fit();
        let interval_ms = median_interval(&times);
        (Series { pyramid: Pyramid::build(&vals), times_ms: Arc::new(times), values: vals, interval_ms }, report)
    }

    /// A series from a time column that may be shared with other meters (the rows of a wide file) and
    /// values of the same length. A clean column — strictly increasing times, finite values, the common
    /// case — is used as it is: no copy, one pass over the times and the pyramid's one pass over the
    /// values. Anything else is repaired as [`Series::from_samples`] does (the times copied when shared).
    pub fn from_shared(times_ms: Arc<Vec<TimestampMs>>, mut values: Vec<f64>) -> (Self, BuildReport) {
        if times_ms.len() == values.len() {
            // A long column's two passes run side by side on two threads.
            let (sorted, pyramid) = if values.len() >= PARALLEL_SAMPLES {
                std::thread::scope(|scope| {
                    let pyramid = scope.spawn(|| Pyramid::build(&values));
                    let sorted = times_ms.windows(2).all(|w| w[0] < w[1]);
                    (sorted, pyramid.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
                })
            } else {
                (times_ms.windows(2).all(|w| w[0] < w[1]), Pyramid::build(&values))
            };
            if !sorted {
                return Self::from_samples(Arc::unwrap_or_clone(times_ms), values);
            }
            // A NaN makes the sum NaN and an infinity makes it infinite, so a finite sum means every value
            // is finite (a sum that overflows takes the repairing path, which keeps every value).
            if pyramid.total().sum.is_finite() {
                values.shrink_to_fit();
                let interval_ms = median_interval(&times_ms);
                return (Series { pyramid, times_ms, values, interval_ms }, BuildReport::default());
            }
        }
        Self::from_samples(Arc::unwrap_or_clone(times_ms), values)
    }

    pub fn len(&self) -> usize {
        self.times_ms.len()
    }

    /// Bytes the series holds on the heap: times, values and the summary pyramid, by capacity. Times shared
    /// with other series are counted here in full ([`crate::Store::heap_bytes`] counts them once).
    pub fn heap_bytes(&self) -> usize {
        self.times_ms.capacity() * 8 + self.own_heap_bytes()
    }

    /// [`Series::heap_bytes`] less the times.
    pub(crate) fn own_heap_bytes(&self) -> usize {
        self.values.capacity() * 8 + self.pyramid.heap_bytes()
    }

    /// The time column, shared.
    pub(crate) fn shared_times(&self) -> &Arc<Vec<TimestampMs>> {
        &self.times_ms
    }

    /// Uses `times` — equal to this series' own — instead of its own copy.
    pub(crate) fn use_times(&mut self, times: Arc<Vec<TimestampMs>>) {
        debug_assert!(times[..] == self.times_ms[..]);
        self.times_ms = times;
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
        Arc::make_mut(&mut self.times_ms).push(t);
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

    /// The M4 reduction of `[t0, t1)` for a chart `columns` pixels wide (Jugel et al., "M4: A
    /// Visualization-Oriented Time Series Data Aggregation", PVLDB 7(10), 2014): in each pixel column the
    /// first and last sample, with their times, and the column's minimum and maximum between them — the
    /// points a line through all the samples touches in that column, so the line drawn through these is
    /// the same picture. At most four points a column, in time order, whatever the window holds; each
    /// column costs two searches and one pyramid query, O(columns · log n). A window holding no more
    /// than four samples a column is returned as it is.
    pub fn m4(&self, t0: TimestampMs, t1: TimestampMs, columns: usize) -> Vec<(TimestampMs, f64)> {
        let r = self.index_range(t0, t1);
        let columns = columns.max(1);
        if r.len() <= columns * 4 {
            return r.map(|i| (self.times_ms[i], self.values[i])).collect();
        }
        let span = (t1 - t0).max(1) as i128;
        let mut out = Vec::with_capacity(columns * 4);
        let mut start = r.start;
        for c in 1..=columns as i128 {
            // The column's end in time, and the samples before it.
            let ct1 = if c == columns as i128 { t1 } else { (t0 as i128 + span * c / columns as i128) as TimestampMs };
            let end = self.count_until(ct1, false).clamp(start, r.end);
            if end == start {
                continue;
            }
            let (first, last) = ((self.times_ms[start], self.values[start]), (self.times_ms[end - 1], self.values[end - 1]));
            out.push(first);
            if end - start > 2 {
                let s = self.pyramid.query(&self.values, start, end);
                // Between first and last: the extreme nearer the first value first, so the line goes
                // first → near extreme → far extreme → last without crossing the column twice.
                let mid = first.0 + (last.0 - first.0) / 2;
                let (a, b) = if (first.1 - s.min).abs() <= (s.max - first.1).abs() { (s.min, s.max) } else { (s.max, s.min) };
                out.push((mid, a));
                out.push((mid, b));
            }
            if end - start > 1 {
                out.push(last);
            }
            start = end;
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

/// [`gaps_in`] of times that are strictly increasing, checked in the same pass; `None` when they are not.
pub fn gaps_if_increasing(times_ms: &[TimestampMs]) -> Option<Vec<(TimestampMs, TimestampMs)>> {
    // With no spacing to hold, no gap is reported (as `gaps_in`); the threshold then only bounds the test.
    let hold = match median_interval(times_ms).saturating_mul(HOLD_INTERVALS) {
        0 => i64::MAX,
        h => h,
    };
    let mut gaps = Vec::new();
    for w in times_ms.windows(2) {
        if w[1] <= w[0] {
            return None;
        }
        if w[1].saturating_sub(w[0]) > hold {
            gaps.push((w[0], w[1]));
        }
    }
    Some(gaps)
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
