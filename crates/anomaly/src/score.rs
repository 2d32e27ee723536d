//! Scoring detections against events known to have happened: precision (the share of anomalies that point
//! at a known event) and recall (the share of known events pointed at by at least one anomaly).
//!
//! An anomaly points at an event when their times overlap (the event widened by a tolerance on each side)
//! and the anomaly's meter is one the event touches; an anomaly of all meters (a data outage) points at an
//! event that touches all meters. Both figures count anomalies and events, not minutes: one long upset found
//! by five meters is one event found, and five anomalies that are right.

use crate::{Anomaly, TimestampMs};

/// An event known to have happened and the meters it shows in (none: every meter).
#[derive(Clone, Debug, PartialEq)]
pub struct KnownEvent {
    pub name: String,
    pub meters: Vec<String>,
    pub start_ms: TimestampMs,
    pub end_ms: TimestampMs,
}

/// Precision and recall, with what was matched.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Score {
    pub anomalies: usize,
    /// Anomalies that point at a known event.
    pub right: usize,
    pub events: usize,
    /// Known events at least one anomaly points at.
    pub found: usize,
    /// For each event (in the order given), how many anomalies point at it.
    pub per_event: Vec<usize>,
}

impl Score {
    /// Right anomalies / anomalies (1 when there are none: nothing claimed, nothing wrong).
    pub fn precision(&self) -> f64 {
        if self.anomalies == 0 { 1.0 } else { self.right as f64 / self.anomalies as f64 }
    }

    /// Found events / events (1 when there are none).
    pub fn recall(&self) -> f64 {
        if self.events == 0 { 1.0 } else { self.found as f64 / self.events as f64 }
    }
}

/// Whether `a` points at `e`, with `tolerance_ms` either side of the event.
pub fn points_at(a: &Anomaly, e: &KnownEvent, tolerance_ms: i64) -> bool {
    let meter = match &a.meter {
        // A model check's sum of meters points at each of its meters.
        Some(m) => e.meters.is_empty() || e.meters.iter().any(|x| x == m || m.split_whitespace().any(|w| w == x)),
        None => e.meters.is_empty(),
    };
    meter && a.overlaps(e.start_ms.saturating_sub(tolerance_ms), e.end_ms.saturating_add(tolerance_ms))
}

/// Scores `anomalies` against `events`.
pub fn score(anomalies: &[Anomaly], events: &[KnownEvent], tolerance_ms: i64) -> Score {
    let per_event: Vec<usize> = events.iter().map(|e| anomalies.iter().filter(|a| points_at(a, e, tolerance_ms)).count()).collect();
    Score {
        anomalies: anomalies.len(),
        right: anomalies.iter().filter(|a| events.iter().any(|e| points_at(a, e, tolerance_ms))).count(),
        events: events.len(),
        found: per_event.iter().filter(|&&n| n > 0).count(),
        per_event,
    }
}
