//! Anomalies in meter series: what a plant engineer would want pointed out in two weeks of data
//! (docs/anomalies.md).
//!
//! Each meter is looked at on its own, then with the meters alike to it:
//! - **Data**: a gap in one meter while the others report (*no data*: a pyrometer out), a gap in nearly all
//!   meters at once (*data outage*: the logger was down), the same gap at the same time each day (*recurring
//!   gap*: an analyser's calibration), reported once with its count.
//! - **The meter itself**: the same value repeated for longer than the meter ever holds still (*stuck*), the
//!   meter's minute-to-minute noise gone while it reads a live value (*flat-lined*), a sample or three far from
//!   their neighbours that come back (*spike*: a Hampel filter, Hampel 1974; Pearson 2002), a slow one-way
//!   walk away from the usual day (*drift*).
//! - **The process**: the value far from the usual value at that time of day (*deviation*: a kiln upset, a
//!   planned stop), and a lasting change in level (*level shift*: change points found by PELT, Killick,
//!   Fearnhead & Eckley 2012, on hourly means).
//! - **Among alike meters** (120 cells of a potline, the AHUs of ten floors): a meter outside the cluster its
//!   peers form at the same instant (*peer outlier*: Grafana augurs' one-dimensional DBSCAN, Ester et al.
//!   1996, with a distance set from the peers' own spread).
//!
//! "Usual" and "far" are robust throughout: the usual day is the median of each quarter hour over the days
//! held (one profile for every day, or Monday–Friday, Saturday and Sunday apart where that fits better), and
//! far is a multiple of the scaled median absolute deviation (1.4826 · MAD estimates a normal σ; Rousseeuw &
//! Croux 1993), so one upset does not hide itself by widening the yardstick. Every anomaly carries the value
//! seen, the value expected and the distance in those σ.
//!
//! [`score`] matches anomalies against events known to have happened (the sample sites' generator knows
//! them) and gives precision and recall.

mod changepoint;
mod detectors;
pub mod export;
pub mod model;
mod peers;
mod robust;
pub mod score;
mod site;

pub use site::{peer_group, site_anomalies};

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// A milliseconds-since-1970 instant, as in the store.
pub type TimestampMs = i64;

const MINUTE_MS: i64 = 60_000;
const HOUR_MS: i64 = 60 * MINUTE_MS;
const DAY_MS: i64 = 24 * HOUR_MS;

/// One meter's samples, sorted by time as the store holds them.
#[derive(Clone, Copy, Debug)]
pub struct MeterSeries<'a> {
    pub id: &'a str,
    /// Meters with the same key are alike (same kind of equipment, same quantity and unit) and are compared
    /// with each other; `None` for a meter that has no peers.
    pub peer_group: Option<&'a str>,
    pub times_ms: &'a [TimestampMs],
    pub values: &'a [f64],
}

/// What kind of anomaly, from the data's, the meter's or the process's side.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// Nearly every meter silent at once: the data logger or its link.
    DataOutage,
    /// One meter silent while the others report.
    NoData,
    /// The same gap at the same time of day, day after day (a calibration, a scheduled job).
    RecurringGap,
    /// The same value repeated far longer than the meter ever holds still.
    Stuck,
    /// The meter's noise gone while it reads a live value.
    FlatLine,
    /// A few samples far from their neighbours, then back.
    Spike,
    /// Far from the usual value at that time of day, for a while, then back.
    Deviation,
    /// A lasting change of level.
    LevelShift,
    /// A slow one-way walk away from the usual day.
    Drift,
    /// Outside the cluster its alike meters form at the same instant.
    PeerOutlier,
    /// Away from what the site's process model expects at the measured settings, beyond the plant's usual
    /// offset from the model ([`model`]).
    ModelDeviation,
}

impl Kind {
    /// All kinds, in the order above.
    pub const ALL: [Kind; 11] = [
        Kind::DataOutage,
        Kind::NoData,
        Kind::RecurringGap,
        Kind::Stuck,
        Kind::FlatLine,
        Kind::Spike,
        Kind::Deviation,
        Kind::LevelShift,
        Kind::Drift,
        Kind::PeerOutlier,
        Kind::ModelDeviation,
    ];

    /// The kind's stable identifier (exports, catalogue keys).
    pub fn id(self) -> &'static str {
        match self {
            Kind::DataOutage => "data-outage",
            Kind::NoData => "no-data",
            Kind::RecurringGap => "recurring-gap",
            Kind::Stuck => "stuck",
            Kind::FlatLine => "flat-line",
            Kind::Spike => "spike",
            Kind::Deviation => "deviation",
            Kind::LevelShift => "level-shift",
            Kind::Drift => "drift",
            Kind::PeerOutlier => "peer-outlier",
            Kind::ModelDeviation => "model-deviation",
        }
    }

    /// Whether the kind points at the meter or its data rather than at the process it measures.
    pub fn is_meter_fault(self) -> bool {
        matches!(self, Kind::DataOutage | Kind::NoData | Kind::RecurringGap | Kind::Stuck | Kind::FlatLine | Kind::Spike | Kind::Drift)
    }
}

/// One anomaly: where, what, when and how large.
#[derive(Clone, Debug, PartialEq)]
pub struct Anomaly {
    /// The meter; `None` for a data outage of (nearly) all meters.
    pub meter: Option<String>,
    pub kind: Kind,
    pub start_ms: TimestampMs,
    pub end_ms: TimestampMs,
    /// The value seen at the anomaly's worst point (NaN for gaps), in the meter's unit.
    pub value: f64,
    /// The value expected there (the usual value at that time of day, the peers' median, the level before a
    /// shift; NaN for gaps).
    pub expected: f64,
    /// How far, in robust σ of the meter (0 for gaps).
    pub score: f64,
    /// How many times it happened (a recurring gap; 1 otherwise).
    pub count: u32,
}

impl Anomaly {
    /// The deviation, value less expected (NaN for gaps).
    pub fn size(&self) -> f64 {
        self.value - self.expected
    }

    /// Whether `[t0, t1]` overlaps the anomaly.
    pub fn overlaps(&self, t0: TimestampMs, t1: TimestampMs) -> bool {
        self.start_ms <= t1 && t0 <= self.end_ms
    }
}

/// How sensitive the detectors are. The defaults are those scored in BENCHMARKS.md ("Anomalies").
#[derive(Clone, Debug)]
pub struct Settings {
    /// The site's offset from UTC, for the usual day (a fixed offset: the profile of a site with daylight
    /// saving is an hour off for part of the year).
    pub utc_offset_ms: i64,
    /// A deviation starts this many σ from the usual value (and lasts while above 60 % of it).
    pub deviation_sigmas: f64,
    /// A spike is this many noise σ from its neighbours' median.
    pub spike_sigmas: f64,
    /// Deviations shorter than this are not reported (spikes are).
    pub min_deviation_ms: i64,
    /// A gap shorter than this is not reported (nor one shorter than 10 of the meter's intervals).
    pub min_gap_ms: i64,
    /// A value held this long (and 20 intervals) is stuck.
    pub min_stuck_ms: i64,
    /// A group of alike meters is compared only with at least this many members.
    pub min_peers: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            utc_offset_ms: 0,
            deviation_sigmas: 6.0,
            spike_sigmas: 12.0,
            min_deviation_ms: 10 * MINUTE_MS,
            min_gap_ms: 15 * MINUTE_MS,
            min_stuck_ms: 60 * MINUTE_MS,
            min_peers: 5,
        }
    }
}

/// The detection was cancelled by its progress callback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cancelled;

impl std::fmt::Display for Cancelled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("anomaly detection was cancelled")
    }
}

impl std::error::Error for Cancelled {}

/// Finds the anomalies of `meters`, on all cores. `progress(done, total)` is called after each meter and
/// group; it returns false to cancel. The result is sorted by start, then meter.
pub fn detect(meters: &[MeterSeries<'_>], settings: &Settings, progress: &(dyn Fn(usize, usize) -> bool + Sync)) -> Result<Vec<Anomaly>, Cancelled> {
    let groups = peers::groups(meters, settings.min_peers);
    let total = meters.len() + groups.len();
    let done = AtomicUsize::new(0);
    let cancelled = AtomicBool::new(false);
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(meters.len().max(1));
    let mut per_meter: Vec<Vec<Anomaly>> = Vec::new();
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        if i >= meters.len() || cancelled.load(Ordering::Relaxed) {
                            break;
                        }
                        out.push((i, detectors::meter(&meters[i], settings)));
                        if !progress(done.fetch_add(1, Ordering::Relaxed) + 1, total) {
                            cancelled.store(true, Ordering::Relaxed);
                        }
                    }
                    out
                })
            })
            .collect();
        let mut all: Vec<(usize, Vec<Anomaly>)> = workers.into_iter().flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect();
        all.sort_by_key(|(i, _)| *i);
        per_meter = all.into_iter().map(|(_, a)| a).collect();
    });
    if cancelled.load(Ordering::Relaxed) {
        return Err(Cancelled);
    }
    let mut out: Vec<Anomaly> = per_meter.into_iter().flatten().collect();
    for g in &groups {
        out.extend(peers::outliers(meters, g, settings));
        if !progress(done.fetch_add(1, Ordering::Relaxed) + 1, total) {
            return Err(Cancelled);
        }
    }
    let out = detectors::merge_outages(out, meters.len());
    let out = detectors::drop_shared_faults(out, meters);
    let mut out = detectors::prefer_peer_outliers(out);
    out.sort_by(|a, b| a.start_ms.cmp(&b.start_ms).then_with(|| a.meter.cmp(&b.meter)).then_with(|| a.kind.cmp(&b.kind)));
    Ok(out)
}
