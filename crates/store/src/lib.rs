//! Plant Twin's time-indexed store: every meter's samples as sorted time/value arrays.
//!
//! Data flows one way: sources (files, later live feeds) build [`Series`] and put them in the [`Store`];
//! views ask the store for a [`Reading`] at the cursor time or an aggregate over a window. Lookups are binary
//! searches and window aggregates use a summary pyramid, so neither scans the record.
//!
//! Times are milliseconds since the Unix epoch, UTC ([`TimestampMs`]); time zones are a display concern.

mod series;
pub mod summary;

use std::collections::HashMap;
use std::sync::Arc;

pub use series::{BuildReport, HOLD_INTERVALS, PushError, Reading, Sample, Series, gaps_if_increasing, gaps_in};
pub use summary::Summary;

/// Milliseconds since 1970-01-01T00:00:00Z.
pub type TimestampMs = i64;

/// All meters' series, by meter id. Each series is shared (`Arc`): a clone of the store copies no samples,
/// so a derived store (a training scenario's malfunctions over the recording) replaces only the series it
/// changes; appending to a series shared with another store copies that one series first.
#[derive(Default, Debug, Clone)]
pub struct Store {
    series: Vec<Arc<Series>>,
    ids: Vec<String>,
    index: HashMap<String, usize>,
}

impl Store {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a meter's series, replacing any series the meter had.
    pub fn insert(&mut self, meter_id: impl Into<String>, series: Series) {
        self.insert_shared(meter_id, Arc::new(series));
    }

    /// Adds a meter's series shared with another store (no copy), replacing any series the meter had.
    pub fn insert_shared(&mut self, meter_id: impl Into<String>, series: Arc<Series>) {
        let id = meter_id.into();
        match self.index.get(&id) {
            Some(&i) => self.series[i] = series,
            None => {
                self.index.insert(id.clone(), self.series.len());
                self.ids.push(id);
                self.series.push(series);
            }
        }
    }

    /// Appends a live sample to a meter's series (created on its first sample).
    pub fn push(&mut self, meter_id: &str, t: TimestampMs, v: f64) -> Result<(), PushError> {
        match self.index.get(meter_id) {
            Some(&i) => Arc::make_mut(&mut self.series[i]).push(t, v),
            None => {
                let mut s = Series::default();
                s.push(t, v)?;
                self.insert(meter_id.to_string(), s);
                Ok(())
            }
        }
    }

    pub fn get(&self, meter_id: &str) -> Option<&Series> {
        self.index.get(meter_id).map(|&i| &*self.series[i])
    }

    /// A meter's series as shared (to put it, unchanged, in a derived store).
    pub fn get_shared(&self, meter_id: &str) -> Option<&Arc<Series>> {
        self.index.get(meter_id).map(|&i| &self.series[i])
    }

    /// Dense index of a meter, for callers that look the same meters up every frame.
    pub fn key(&self, meter_id: &str) -> Option<usize> {
        self.index.get(meter_id).copied()
    }

    pub fn by_key(&self, key: usize) -> Option<&Series> {
        self.series.get(key).map(|s| &**s)
    }

    pub fn len(&self) -> usize {
        self.series.len()
    }

    pub fn is_empty(&self) -> bool {
        self.series.is_empty()
    }

    /// Meter ids in insertion order.
    pub fn meter_ids(&self) -> impl Iterator<Item = &str> {
        self.ids.iter().map(String::as_str)
    }

    /// Reading of a meter at `t`; a meter the store does not know reads [`Reading::BeforeStart`].
    pub fn reading_at(&self, meter_id: &str, t: TimestampMs) -> Reading {
        self.get(meter_id).map_or(Reading::BeforeStart, |s| s.reading_at(t))
    }

    /// Readings of every meter at `t`, in key order.
    pub fn readings_at(&self, t: TimestampMs, out: &mut Vec<Reading>) {
        out.clear();
        out.extend(self.series.iter().map(|s| s.reading_at(t)));
    }

    /// Earliest first sample and latest last sample over all meters.
    pub fn time_range(&self) -> Option<(TimestampMs, TimestampMs)> {
        self.series.iter().filter_map(|s| s.time_range()).reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
    }

    /// Bytes the store's series hold on the heap, by capacity: a time column shared by several meters
    /// counted once (a series shared with another store is counted in each).
    pub fn heap_bytes(&self) -> usize {
        let mut seen = std::collections::HashSet::new();
        self.series.iter().map(|s| s.own_heap_bytes() + if seen.insert(Arc::as_ptr(s.shared_times())) { s.shared_times().capacity() * 8 } else { 0 }).sum()
    }

    /// Lets meters whose timestamps are equal share one time column (the meters of a wide file that have a
    /// sample at every row): 8 bytes a sample each instead of 16. Returns the bytes freed. Comparing costs
    /// one pass over the times of meters whose length, first and last time match; series shared with
    /// another store are copied first (call it on a store of one's own, as ingest does).
    pub fn share_equal_times(&mut self) -> usize {
        let mut seen: HashMap<(usize, TimestampMs, TimestampMs), Vec<Arc<Vec<TimestampMs>>>> = HashMap::new();
        let mut freed = 0;
        for s in &mut self.series {
            let times = s.shared_times().clone();
            let (Some(&first), Some(&last)) = (times.first(), times.last()) else { continue };
            let candidates = seen.entry((times.len(), first, last)).or_default();
            match candidates.iter().find(|c| Arc::ptr_eq(c, &times) || c[..] == times[..]) {
                Some(c) if Arc::ptr_eq(c, &times) => {}
                Some(c) => {
                    freed += times.capacity() * 8;
                    Arc::make_mut(s).use_times(c.clone());
                }
                None => candidates.push(times),
            }
        }
        freed
    }

    /// Total number of samples held.
    pub fn sample_count(&self) -> usize {
        self.series.iter().map(|s| s.len()).sum()
    }
}
