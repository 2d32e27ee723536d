//! The alarm engine: an alarm's episodes from its meter's samples, and its state at any time with the
//! operator's actions (ISA-18.2's state diagram: normal; active unacknowledged; active acknowledged;
//! returned to normal unacknowledged; shelved; out of service).
//!
//! An episode starts when the condition has held for the on-delay (at the sample that completes it) and
//! ends when the value has been back past the limit by the deadband for the off-delay. A sample that is
//! not a number (bad quality) or a gap in the data changes nothing: the alarm keeps its state. Episodes
//! are computed once over the record (and extended as live samples arrive), so the state at a time is a
//! look-up: scrubbing back gives what playing forward gave.

use plant_store::{Store, TimestampMs};
use serde::{Deserialize, Serialize};

use crate::{AlarmDef, Kind};

/// One activation of an alarm: from `start_ms` to `end_ms` (`None`: still active at the last sample).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Episode {
    pub start_ms: TimestampMs,
    pub end_ms: Option<TimestampMs>,
    /// The furthest the value went past the limit (for a rate or a deviation: how far it exceeded its limit)
    /// from the start of the condition to the end of the episode, in the meter's unit.
    pub worst_excess: f64,
}

impl Episode {
    pub fn active_at(&self, t: TimestampMs) -> bool {
        self.start_ms <= t && self.end_ms.is_none_or(|e| t < e)
    }
}

/// Where the condition evaluation stands between samples (kept so live samples continue it).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct Cursor {
    /// Samples of the meter already evaluated.
    next: usize,
    active: bool,
    /// Since when the condition has held (not yet active) or has been gone (active).
    pending_since: Option<TimestampMs>,
    peak: f64,
    /// The previous sample, for a rate of change.
    previous: Option<(TimestampMs, f64)>,
    /// The last evaluation of an expected figure (time, value in the meter's unit, NaN: none), held for the
    /// figure's step.
    expected: Option<(TimestampMs, f64)>,
}

/// An alarm's episodes over the data evaluated so far.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Timeline {
    pub episodes: Vec<Episode>,
    cursor: Cursor,
}

impl Timeline {
    /// The episodes of `def` over everything `store` holds.
    pub fn build(def: &AlarmDef, store: &Store) -> Timeline {
        let mut t = Timeline::default();
        t.extend(def, store);
        t
    }

    /// Evaluates the samples that arrived since the last call (live data appended to the store).
    pub fn extend(&mut self, def: &AlarmDef, store: &Store) {
        let Some(series) = store.get(def.primary_meter()) else { return };
        if def.kind == Kind::Anomaly {
            self.extend_anomalies(def, series, store);
            return;
        }
        let reference = def.reference.as_deref().and_then(|r| store.get(r));
        // An expression: the first meter's samples give the times, the others are read there (a value they do
        // not have then, stale or missing, is bad quality for that sample).
        let (k0, others) = match def.terms.split_first() {
            Some(((k0, _), rest)) => {
                let Some(others) = rest.iter().map(|(k, m)| store.get(m).map(|s| (*k, s))).collect::<Option<Vec<_>>>() else { return };
                (*k0, others)
            }
            None => (1.0, Vec::new()),
        };
        let (times, values) = (series.times_ms(), series.values());
        let from = self.cursor.next.min(times.len());
        // A model's figure: the model is made once per call (a chiller plant reads its curves).
        let mut model = def.expected.as_ref().filter(|_| from < times.len()).and_then(|e| e.model().map(|m| (e, m)));
        for (&t, &v) in times[from..].iter().zip(&values[from..]) {
            let v = others.iter().fold(k0 * v, |sum, (k, s)| s.reading_at(t).value().map_or(f64::NAN, |x| sum + k * x));
            let r = match (&mut model, reference) {
                (Some((e, m)), _) => self.expected_at(e, m.as_mut(), store, t),
                (None, Some(r)) => r.reading_at(t).value(),
                (None, None) => None,
            };
            self.step(def, t, v, r);
        }
        self.cursor.next = times.len();
    }

    /// An anomaly alarm: the meter's anomalies of the listed kinds (`plant-anomaly`, the meter on its own) as
    /// episodes, each from the anomaly's start to a sample interval past its end (a one-sample spike is an
    /// episode of one interval), overlapping ones joined; those shorter than the on-delay left out. A gap that
    /// nine in ten of the store's meters share is the logger's or the link's, not this instrument's: it raises
    /// nothing here (one outage must not raise every instrument alarm). Found again over the whole series once
    /// a twentieth more samples (at least 60) have arrived: an anomaly's kind and extent can change as the
    /// record grows.
    fn extend_anomalies(&mut self, def: &AlarmDef, series: &plant_store::Series, store: &Store) {
        let n = series.len();
        let seen = self.cursor.next;
        if n == 0 || (seen > 0 && n < seen + (seen / 20).max(60)) {
            return;
        }
        self.cursor.next = n;
        let meter = plant_anomaly::MeterSeries { id: def.primary_meter(), peer_group: None, times_ms: series.times_ms(), values: series.values() };
        let Ok(found) = plant_anomaly::detect(&[meter], &plant_anomaly::Settings::default(), &|_, _| true) else { return };
        let step = series.interval_ms().max(1);
        let mut episodes: Vec<Episode> = Vec::new();
        let shared_gap = |a: &plant_anomaly::Anomaly| {
            let reporting = store.meter_ids().filter_map(|m| store.get(m)).filter(|s| !s.index_range(a.start_ms.saturating_add(1), a.end_ms).is_empty()).count();
            reporting * 10 < store.len()
        };
        for a in found.iter().filter(|a| def.anomalies.contains(&a.kind.id())).filter(|a| a.kind != plant_anomaly::Kind::NoData || !shared_gap(a)) {
            let end = a.end_ms.saturating_add(step);
            if end.saturating_sub(a.start_ms) < def.on_delay_ms {
                continue;
            }
            match episodes.last_mut() {
                Some(e) if e.end_ms.is_some_and(|x| a.start_ms <= x) => {
                    e.end_ms = e.end_ms.map(|x| x.max(end));
                    e.worst_excess = e.worst_excess.max(a.score);
                }
                _ => episodes.push(Episode { start_ms: a.start_ms, end_ms: Some(end), worst_excess: a.score }),
            }
        }
        self.episodes = episodes;
    }

    /// The expected figure at `t`, evaluated again once its step has passed since the last evaluation.
    fn expected_at(&mut self, e: &plant_process::Expected, model: &mut dyn plant_process::Process, store: &Store, t: TimestampMs) -> Option<f64> {
        let v = match self.cursor.expected {
            Some((t0, v)) if t >= t0 && t - t0 < e.step_ms => v,
            _ => {
                let v = e.at(model, store, t).unwrap_or(f64::NAN);
                self.cursor.expected = Some((t, v));
                v
            }
        };
        v.is_finite().then_some(v)
    }

    /// The episode active at `t`, or the last one that ended at or before it.
    pub fn episode_at(&self, t: TimestampMs) -> Option<&Episode> {
        let n = self.episodes.partition_point(|e| e.start_ms <= t);
        n.checked_sub(1).and_then(|i| self.episodes.get(i))
    }

    pub fn active_at(&self, t: TimestampMs) -> bool {
        self.episode_at(t).is_some_and(|e| e.active_at(t))
    }

    /// How far the sample is past the limit (> 0: the condition holds), and whether it is back past the
    /// deadband (the condition has cleared). `None`: no value to judge (bad quality, no reference).
    fn judge(def: &AlarmDef, c: &Cursor, t: TimestampMs, v: f64, reference: Option<f64>) -> Option<(f64, bool)> {
        if !v.is_finite() {
            return None;
        }
        let excess = match def.kind {
            Kind::High | Kind::HighHigh => v - def.limit,
            Kind::Low | Kind::LowLow => def.limit - v,
            Kind::RateOfChange => {
                let (t0, v0) = c.previous?;
                let minutes = (t - t0) as f64 / 60_000.0;
                if minutes <= 0.0 {
                    return None;
                }
                ((v - v0) / minutes).abs() - def.limit
            }
            Kind::Deviation => (v - reference?).abs() - def.limit,
            // Not judged sample by sample: `extend_anomalies`.
            Kind::Anomaly => return None,
        };
        Some((excess, excess < -def.deadband))
    }

    fn step(&mut self, def: &AlarmDef, t: TimestampMs, v: f64, reference: Option<f64>) {
        let judged = Self::judge(def, &self.cursor, t, v, reference);
        if v.is_finite() {
            self.cursor.previous = Some((t, v));
        }
        let Some((excess, cleared)) = judged else { return };
        let c = &mut self.cursor;
        if !c.active {
            if excess > 0.0 {
                let since = *c.pending_since.get_or_insert(t);
                c.peak = if t == since { excess } else { c.peak.max(excess) };
                if t - since >= def.on_delay_ms {
                    c.active = true;
                    c.pending_since = None;
                    self.episodes.push(Episode { start_ms: t, end_ms: None, worst_excess: c.peak });
                }
            } else {
                c.pending_since = None;
                c.peak = 0.0;
            }
            return;
        }
        if let Some(e) = self.episodes.last_mut() {
            e.worst_excess = e.worst_excess.max(excess);
        }
        if cleared {
            let since = *c.pending_since.get_or_insert(t);
            if t - since >= def.off_delay_ms {
                c.active = false;
                c.pending_since = None;
                c.peak = 0.0;
                if let Some(e) = self.episodes.last_mut() {
                    e.end_ms = Some(t);
                }
            }
        } else {
            c.pending_since = None;
        }
    }
}

/// What an operator did to an alarm, and when.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Action {
    pub t_ms: TimestampMs,
    pub alarm: String,
    pub kind: ActionKind,
    /// The operator's note (acknowledgement) or reason (shelving, out of service).
    pub note: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "action")]
pub enum ActionKind {
    Acknowledge,
    /// Shelved until this time (or unshelved earlier).
    Shelve {
        until_ms: TimestampMs,
    },
    Unshelve,
    OutOfService,
    ReturnToService,
}

/// An alarm's state at a time, as an operator sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AlarmState {
    Normal,
    /// Active, not acknowledged (annunciated, flashing).
    Unacknowledged,
    /// Active and acknowledged.
    Acknowledged,
    /// Back to normal but never acknowledged.
    ReturnedUnacknowledged,
    /// Suppressed by the operator until a time.
    Shelved,
    /// Taken out of service (maintenance).
    OutOfService,
}

impl AlarmState {
    /// Whether it shows in the alarm list (and in 3D).
    pub fn annunciated(self) -> bool {
        matches!(self, AlarmState::Unacknowledged | AlarmState::Acknowledged | AlarmState::ReturnedUnacknowledged)
    }

    pub fn key(self) -> &'static str {
        match self {
            AlarmState::Normal => "normal",
            AlarmState::Unacknowledged => "unacknowledged",
            AlarmState::Acknowledged => "acknowledged",
            AlarmState::ReturnedUnacknowledged => "returned_unacknowledged",
            AlarmState::Shelved => "shelved",
            AlarmState::OutOfService => "out_of_service",
        }
    }
}

/// The state of alarm `id` at `t`, from its timeline and the operator's actions (any order; only those at or
/// before `t` count, and only this alarm's). Out of service wins over shelving, shelving over the process
/// state; an episode is acknowledged by an acknowledgement at or after its start. One pass over `actions`,
/// no allocation: a view that keeps each alarm's actions apart passes just those.
pub fn state_at(id: &str, timeline: &Timeline, actions: &[Action], t: TimestampMs) -> AlarmState {
    let episode = timeline.episode_at(t);
    let start = episode.map(|e| e.start_ms);
    // The latest service and shelving actions at or before t (ties: the later in the log).
    let (mut service, mut shelving): (Option<(TimestampMs, bool)>, Option<(TimestampMs, bool)>) = (None, None);
    let mut acked = false;
    for a in actions.iter().filter(|a| a.t_ms <= t && a.alarm == id) {
        let later = |slot: &Option<(TimestampMs, bool)>| slot.is_none_or(|(at, _)| a.t_ms >= at);
        match a.kind {
            ActionKind::OutOfService | ActionKind::ReturnToService if later(&service) => service = Some((a.t_ms, a.kind == ActionKind::OutOfService)),
            ActionKind::Shelve { until_ms } if later(&shelving) => shelving = Some((a.t_ms, t < until_ms)),
            ActionKind::Unshelve if later(&shelving) => shelving = Some((a.t_ms, false)),
            ActionKind::Acknowledge => acked |= start.is_some_and(|s| a.t_ms >= s),
            _ => {}
        }
    }
    if service.is_some_and(|(_, oos)| oos) {
        return AlarmState::OutOfService;
    }
    if shelving.is_some_and(|(_, on)| on) {
        return AlarmState::Shelved;
    }
    let Some(e) = episode else { return AlarmState::Normal };
    match (e.active_at(t), acked) {
        (true, false) => AlarmState::Unacknowledged,
        (true, true) => AlarmState::Acknowledged,
        (false, false) => AlarmState::ReturnedUnacknowledged,
        (false, true) => AlarmState::Normal,
    }
}
