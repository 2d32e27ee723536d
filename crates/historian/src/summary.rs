//! Windows too long for the pager's cache, summed by the database (issue #17): a week or the whole record of
//! a paged site is not fetched sample by sample to be summed here; the database sums each meter by the hour
//! (`sum_over_time` and `count_over_time`, which every Prometheus-API database has) and the twin gets one
//! sum and one count per meter and hour.
//!
//! The hours become a [`Store`] that the accounting reads as it reads the files' samples: per meter one
//! sample at each hour's start that adds up (an interval meter: the hour's sum), integrates (a rate: the
//! hour's sum × the meter's sampling interval, spread over the hour) or averages (a level: the hour's mean)
//! to the hour's figure. Over whole hours the energy of a meter sampled at regular intervals is then the same
//! as from its raw samples: Σ value × interval, each sample held one interval (docs/historian.md). What differs
//! is bounded and said: a sample before a gap shorter than the hold time (three intervals) counts one interval
//! here where the raw samples hold it across the gap; the record's last sample counts one interval.
//!
//! Hours are UTC hours: each is asked for as `[hour, hour + 1 h)` by evaluating `f(selector[1h] offset 1ms)`
//! at the hour's end, so a database that aligns a range query's start to its step (VictoriaMetrics) answers
//! the same hours. A window's ragged ends (a time zone half an hour off UTC, the record's last sample) are
//! asked for by instant queries of their own.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError};

use plant_site::{Diagnostic, Historian, Site};
use plant_store::{Series, Store};

use crate::client::{Connection, Error};
use crate::promql::plan;
use crate::read::{Keys, selectors};

const HOUR_MS: i64 = 3_600_000;

/// The most hours asked for in one range query: Prometheus refuses more than 11,000 points a series.
pub const MAX_STEPS: i64 = 10_000;

/// A window summed by the database.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// `[t0, t1)`, ms UTC.
    pub window: (i64, i64),
    /// Every meter the database holds samples of in the window, as one sample an hour (see the module's
    /// documentation), and one sample at `t1` that closes the last hour.
    pub store: Arc<Store>,
    /// The share of the window each meter's samples cover, 0 to 1: an interval meter 1 when it has any
    /// sample in the window (as [`plant_flows`]-style totals count it), else its samples × its sampling
    /// interval over the window's length.
    pub coverage: HashMap<String, f64>,
    /// Samples the database summed, over all meters.
    pub samples: u64,
    /// The buckets (`[start, end)`, an hour or a window's ragged end) that half the meters or more are
    /// silent in for longer than their hold time (fewer samples than the bucket less three intervals holds):
    /// a logger outage, left out of hour-by-hour totals as the files' hours are.
    pub silent: Vec<(i64, i64)>,
    /// Requests sent.
    pub requests: usize,
}

/// One stretch of the window asked for together: hours (a range query evaluated at each hour's end) or one
/// ragged end (an instant query).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Piece {
    /// Hours ending at `first_end`, `first_end + 1 h`, … `last_end`.
    Hours { first_end: i64, last_end: i64 },
    /// `[start, end)`.
    Part { start: i64, end: i64 },
}

/// The pieces that cover `[t0, t1)`: a ragged start, whole UTC hours in runs of at most [`MAX_STEPS`], a
/// ragged end.
pub fn pieces(t0: i64, t1: i64) -> Vec<Piece> {
    let mut out = Vec::new();
    if t1 <= t0 {
        return out;
    }
    let first_hour = t0.div_euclid(HOUR_MS) * HOUR_MS + if t0.rem_euclid(HOUR_MS) == 0 { 0 } else { HOUR_MS };
    let last_hour_end = t1.div_euclid(HOUR_MS) * HOUR_MS;
    if first_hour >= last_hour_end {
        out.push(Piece::Part { start: t0, end: t1 });
        return out;
    }
    if t0 < first_hour {
        out.push(Piece::Part { start: t0, end: first_hour });
    }
    let mut end = first_hour + HOUR_MS;
    while end <= last_hour_end {
        let last = (end + (MAX_STEPS - 1) * HOUR_MS).min(last_hour_end);
        out.push(Piece::Hours { first_end: end, last_end: last });
        end = last + HOUR_MS;
    }
    if last_hour_end < t1 {
        out.push(Piece::Part { start: last_hour_end, end: t1 });
    }
    out
}

/// A meter's sum and count per bucket, by the bucket's end.
pub type Buckets = BTreeMap<i64, (f64, f64)>;

/// Sums `[t0, t1)` of every meter of `site` in the database, by the hour. `intervals`: each meter's
/// sampling interval where the caller knows it (the pager's held samples); others are taken from the
/// densest hour. Any request failing fails the whole summary.
pub fn summarise(conn: &Connection, site: &Site, selector: &str, (t0, t1): (i64, i64), intervals: &HashMap<String, i64>) -> Result<Summary, Error> {
    let meters: Vec<(String, String)> = site.meters.iter().map(|m| (m.id.clone(), m.column.clone())).collect();
    let sels = selectors(plan(selector, &meters));
    let mut requests = Vec::new();
    for piece in pieces(t0, t1) {
        for (sel, keys) in &sels {
            for f in ["sum_over_time", "count_over_time"] {
                requests.push((piece, f, sel.clone(), keys.clone()));
            }
        }
    }
    let total = requests.len();
    let answers = conn.all(requests, |(piece, f, sel, keys): (Piece, &'static str, Arc<str>, Arc<Keys>)| async move {
        let body = match piece {
            Piece::Hours { first_end, last_end } => conn.query_range(&format!("{f}({sel}[{HOUR_MS}ms] offset 1ms)"), first_end, last_end, HOUR_MS).await?,
            Piece::Part { start, end } => conn.query(&format!("{f}({sel}[{}ms] offset 1ms)", end - start), end).await?,
        };
        let (series, _) = conn.parse(&body)?;
        Ok((f == "count_over_time", keys, series))
    })?;
    // Per meter, per series (labels): sums and counts by the bucket's end.
    let mut found: HashMap<String, HashMap<BTreeMap<String, String>, Buckets>> = HashMap::new();
    for (is_count, keys, series) in answers {
        for s in series {
            let Some(meter) = keys.meter(&s) else { continue };
            let mut labels = s.labels.clone();
            labels.remove("__name__");
            let buckets = found.entry(meter.to_string()).or_default().entry(labels).or_default();
            for (&t, &v) in s.times_ms.iter().zip(&s.values) {
                if !v.is_finite() {
                    continue;
                }
                let b = buckets.entry(t).or_insert((0.0, 0.0));
                if is_count { b.1 = v } else { b.0 = v }
            }
        }
    }
    let mut out = Summary { window: (t0, t1), requests: total, ..Default::default() };
    let mut store = Store::new();
    let buckets_of_window = bucket_spans(t0, t1);
    let mut silent_meters = vec![0usize; buckets_of_window.len()];
    let mut meters_with_data = 0usize;
    for m in &site.meters {
        // The series with the most samples, as the whole-window read keeps.
        let Some(buckets) =
            found.remove(&m.id).and_then(|by| by.into_iter().max_by_key(|(l, b)| (b.values().map(|x| x.1 as u64).sum::<u64>(), std::cmp::Reverse(l.len()))).map(|(_, b)| b))
        else {
            continue;
        };
        let Some((series, coverage, samples)) = hourly(m.quantity, &buckets, (t0, t1), intervals.get(&m.id).copied()) else { continue };
        meters_with_data += 1;
        let interval = sampling_interval(&buckets, (t0, t1), intervals.get(&m.id).copied());
        for (k, &(a, b)) in buckets_of_window.iter().enumerate() {
            let count = buckets.get(&b).map_or(0.0, |x| x.1);
            if count * interval < (b - a) as f64 - plant_store::HOLD_INTERVALS as f64 * interval {
                silent_meters[k] += 1;
            }
        }
        out.samples += samples;
        out.coverage.insert(m.id.clone(), coverage);
        store.insert(m.id.clone(), series);
    }
    out.store = Arc::new(store);
    out.silent = buckets_of_window.into_iter().zip(silent_meters).filter(|&(_, n)| n > 0 && n * 2 >= meters_with_data).map(|(b, _)| b).collect();
    Ok(out)
}

/// Every bucket of `[t0, t1)` as `[start, end)`: a ragged start, whole UTC hours, a ragged end.
fn bucket_spans(t0: i64, t1: i64) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    for p in pieces(t0, t1) {
        match p {
            Piece::Part { start, end } => out.push((start, end)),
            Piece::Hours { first_end, last_end } => out.extend((0..=(last_end - first_end) / HOUR_MS).map(|k| (first_end + (k - 1) * HOUR_MS, first_end + k * HOUR_MS))),
        }
    }
    out
}

/// A meter's sampling interval (ms): the caller's, else the densest whole hour's spacing, else the
/// window's mean.
fn sampling_interval(buckets: &Buckets, (t0, t1): (i64, i64), interval: Option<i64>) -> f64 {
    let start_of = |end: i64| ((end - 1).div_euclid(HOUR_MS) * HOUR_MS).max(t0);
    let samples: f64 = buckets.values().map(|b| b.1).sum();
    let densest = buckets.iter().filter(|&(&end, _)| end - start_of(end) == HOUR_MS).map(|(_, b)| b.1).fold(0.0, f64::max);
    match interval.filter(|&i| i > 0) {
        Some(i) => i as f64,
        None if densest >= 2.0 => HOUR_MS as f64 / densest,
        None => (t1 - t0) as f64 / samples.max(1.0),
    }
}

/// A meter's buckets as hourly samples (see the module's documentation), the share of the window they cover
/// and the samples summed; `None` without any sample.
pub fn hourly(quantity: plant_site::Quantity, buckets: &Buckets, (t0, t1): (i64, i64), interval: Option<i64>) -> Option<(Series, f64, u64)> {
    let samples: f64 = buckets.values().map(|b| b.1).sum();
    if samples < 1.0 {
        return None;
    }
    // A bucket ends at a whole hour or at `t1`, and starts at the hour before its end or at `t0`.
    let start_of = |end: i64| ((end - 1).div_euclid(HOUR_MS) * HOUR_MS).max(t0);
    let interval_ms = sampling_interval(buckets, (t0, t1), interval);
    let (mut times, mut values) = (Vec::with_capacity(buckets.len() + 1), Vec::with_capacity(buckets.len() + 1));
    let mut covered = 0.0;
    for (&end, &(sum, count)) in buckets {
        let start = start_of(end);
        let len = (end - start) as f64;
        covered += (count * interval_ms).min(len);
        let value = if quantity.is_per_interval() {
            sum
        } else if quantity.is_rate() {
            // Each sample held one interval: the hour's integral, spread evenly over the hour.
            sum * interval_ms / len
        } else if count > 0.0 {
            sum / count
        } else {
            0.0
        };
        // An empty hour of a rate or a level is a zero, so the hour before is not held across it.
        if count > 0.0 || quantity.is_rate() {
            times.push(start);
            values.push(value);
        }
    }
    // Closes the last hour (outside the window: it adds nothing) so it is held to its end.
    times.push(t1);
    values.push(0.0);
    let coverage = if quantity.is_per_interval() { 1.0 } else { (covered / (t1 - t0) as f64).min(1.0) };
    Some((Series::from_samples(times, values).0, coverage, samples as u64))
}

/// The memory the hourly sums of `meters` over `window` take: one sample (16 bytes) a meter and bucket.
pub fn sums_bytes(meters: usize, (t0, t1): (i64, i64)) -> usize {
    // The whole hours, a ragged end on either side, and the sample that closes the last.
    let buckets = ((t1 - t0).max(0) / HOUR_MS) as usize + 3;
    meters.saturating_mul(buckets).saturating_mul(16)
}

/// A question for the [`Summariser`]'s thread.
enum Ask {
    Sum((i64, i64), HashMap<String, i64>),
    Chart(crate::chart::ChartAsk),
}

/// An answer from the [`Summariser`]'s thread.
#[derive(Debug)]
pub enum Answer {
    /// A window summed ([`summarise`]).
    Sum((i64, i64), Result<Arc<Summary>, Error>),
    /// A chart's lines ([`crate::chart::chart`]).
    Chart(crate::chart::ChartAsk, Result<Arc<crate::chart::ChartLines>, Error>),
}

/// Asks the database for reductions on a thread of its own, beside the pager: windows summed by the hour and
/// charts' lines. A view asks ([`Summariser::ask`], [`Summariser::ask_chart`]), the answer comes later
/// ([`Summariser::answers`]). Of each kind only the latest question waiting is answered; a chart (the user
/// is looking at it) before a sum.
pub struct Summariser {
    asks: Sender<Ask>,
    answers: Receiver<Answer>,
    worker: Option<std::thread::JoinHandle<()>>,
}

impl Summariser {
    /// Starts the thread for `site`'s `[historian]` (the caller has the user's consent to connect). A window
    /// whose hourly sums would take more than `cache_mb` (16 bytes a meter and hour) is refused
    /// ([`Error::SumsTooLarge`]): the sums are held beside the paged cache, within the same budget.
    pub fn start(site: Arc<Site>, h: &Historian) -> Result<Summariser, Diagnostic> {
        let file = site.site_toml_path();
        let auth = h.auth_header.as_deref().zip(h.auth_env.as_deref());
        let conn = Connection::new(&h.url, auth, h.timeout_ms).map_err(|e| Diagnostic::error(&file, h.at.clone(), e.message()))?;
        let (ask_tx, ask_rx) = std::sync::mpsc::channel::<Ask>();
        let (answer_tx, answer_rx) = std::sync::mpsc::channel();
        let selector = h.selector.clone();
        let limit_bytes = h.cache_mb << 20;
        let worker = std::thread::Builder::new()
            .name(String::from("plant-twin-summariser")) // i18n-ok: a thread name
            .spawn(move || {
                let (mut sum, mut chart) = (None, None);
                loop {
                    // Waits when nothing is left to do; then takes every question waiting, the latest of each kind.
                    if sum.is_none() && chart.is_none() {
                        match ask_rx.recv() {
                            Ok(Ask::Sum(w, i)) => sum = Some((w, i)),
                            Ok(Ask::Chart(c)) => chart = Some(c),
                            Err(_) => return,
                        }
                    }
                    loop {
                        match ask_rx.try_recv() {
                            Ok(Ask::Sum(w, i)) => sum = Some((w, i)),
                            Ok(Ask::Chart(c)) => chart = Some(c),
                            Err(TryRecvError::Empty) => break,
                            Err(TryRecvError::Disconnected) => return,
                        }
                    }
                    let answer = if let Some(c) = chart.take() {
                        let lines = crate::chart::chart(&conn, &site, &selector, &c).map(Arc::new);
                        Answer::Chart(c, lines)
                    } else if let Some((w, intervals)) = sum.take() {
                        let bytes = sums_bytes(site.meters.len(), w);
                        if bytes > limit_bytes {
                            Answer::Sum(w, Err(Error::SumsTooLarge { mb: bytes.div_ceil(1 << 20), limit_mb: limit_bytes >> 20 }))
                        } else {
                            Answer::Sum(w, summarise(&conn, &site, &selector, w, &intervals).map(Arc::new))
                        }
                    } else {
                        continue;
                    };
                    if answer_tx.send(answer).is_err() {
                        return;
                    }
                }
            })
            .map_err(|e| Diagnostic::error(&file, h.at.clone(), plant_i18n::msg!("historian-no-thread", error = e.to_string())))?;
        Ok(Summariser { asks: ask_tx, answers: answer_rx, worker: Some(worker) })
    }

    /// Asks for `window` summed; `intervals` as for [`summarise`].
    pub fn ask(&self, window: (i64, i64), intervals: HashMap<String, i64>) {
        // The thread is gone only when the summariser is dropped.
        let _ = self.asks.send(Ask::Sum(window, intervals));
    }

    /// Asks for a chart's lines.
    pub fn ask_chart(&self, ask: crate::chart::ChartAsk) {
        let _ = self.asks.send(Ask::Chart(ask));
    }

    /// The answers that came since the last call (never waits).
    pub fn answers(&self) -> Vec<Answer> {
        let mut out = Vec::new();
        while let Ok(a) = self.answers.try_recv() {
            out.push(a);
        }
        out
    }

    /// Waits up to `timeout` for the next answer (tests).
    pub fn next(&self, timeout: std::time::Duration) -> Option<Answer> {
        self.answers.recv_timeout(timeout).ok()
    }
}

impl Drop for Summariser {
    fn drop(&mut self) {
        // Closing the channel ends the thread's loop; a summary in flight ends within its timeout.
        let (tx, _) = std::sync::mpsc::channel();
        drop(std::mem::replace(&mut self.asks, tx));
        if let Some(w) = self.worker.take() {
            let _ = w.join();
        }
    }
}
