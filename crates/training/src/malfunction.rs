//! Malfunctions: what a scenario (or the trainer, at the cursor) does to the meter data. They are applied to
//! a store on the fly: [`overlay`] gives a derived store in which only the series of the meters a malfunction
//! touches are replaced; every other series is the recording's own (shared, not copied), and removing a
//! malfunction gives back the recorded values exactly.
//!
//! Values are in each meter's own unit (as the recorded files and the alarm limits are). Within a malfunction's
//! window `[from, until)`:
//! - `stuck`: the meter reads `value`, or the last value it read before the window;
//! - `drift`: `per_hour` × the hours since the start is added;
//! - `step`: `by` is added;
//! - `spike`: `by` is added for `duration` (at least the first sample of the window);
//! - `noise`: Gaussian noise of standard deviation `sd` is added (from `seed`: the same every time);
//! - `dropout`: the meter sends nothing (a gap: the views show it stale, alarms keep their state);
//! - `trip`: the meters read 0 (a machine tripped);
//! - `process`: a what-if unit's setting moves to `to` (or by `by`), with a first-order lag of `ramp`, and back
//!   the same way after `until`. The setting's own meter moves with it; each meter of `moves` follows the ratio
//!   of a model output (fuel, electricity, process CO2, total CO2, or a named output) at the moved setting to
//!   the output at the baseline, the model evaluated at the site's what-if baseline over the hour before; a
//!   meter that follows `setting` moves by the setting's change (another chiller's supply temperature).

use std::sync::Arc;

use plant_i18n::{Msg, msg};
use plant_process::{Figure, Prices};
use plant_site::{BaselineSource, Site};
use plant_store::{Series, Store};
use rand::SeedableRng;
use rand_distr::{Distribution, Normal};
use serde::{Deserialize, Serialize};

use crate::{Reader, Text};

/// What a process event's moved meter follows.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Follow {
    /// Moves by the setting's change, as the setting's own meter does (another cell's, another chiller's
    /// temperature; the meter must be in the setting's unit).
    Setting,
    /// A figure of the model (fuel, electricity, process CO2, CO2, or a named output): the meter moves by its
    /// ratio.
    Figure(Figure),
}

impl Follow {
    fn parse(s: &str) -> Follow {
        match s {
            "setting" => Follow::Setting,
            other => Follow::Figure(Figure::parse(other)),
        }
    }
}

/// A process event: a what-if unit's setting moved.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProcessEvent {
    /// Index of the site's `[[whatif]]`.
    pub whatif: usize,
    pub setting: String,
    /// The new value, in the setting's unit, or the change.
    pub to: Option<f64>,
    pub by: Option<f64>,
    /// Time constant of the first-order lag, ms.
    pub ramp_ms: i64,
    pub moves: Vec<(String, Follow)>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Effect {
    Stuck { value: Option<f64> },
    Drift { per_hour: f64 },
    Step { by: f64 },
    Spike { by: f64, duration_ms: i64 },
    Noise { sd: f64, seed: u64 },
    Dropout,
    Trip,
    Process(ProcessEvent),
}

impl Effect {
    /// Its name in a scenario file.
    pub fn key(&self) -> &'static str {
        match self {
            Effect::Stuck { .. } => "stuck",
            Effect::Drift { .. } => "drift",
            Effect::Step { .. } => "step",
            Effect::Spike { .. } => "spike",
            Effect::Noise { .. } => "noise",
            Effect::Dropout => "dropout",
            Effect::Trip => "trip",
            Effect::Process(_) => "process",
        }
    }
}

/// A malfunction of a scenario: scheduled (`at_ms`) or only offered to the trainer (no `at`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Malfunction {
    pub id: String,
    pub title: Text,
    pub meters: Vec<String>,
    pub effect: Effect,
    pub at_ms: Option<i64>,
    /// When it ends: a time (scheduled), or how long it lasts once injected.
    pub until_ms: Option<i64>,
    pub duration_ms: Option<i64>,
}

impl Malfunction {
    /// The malfunction applied as scheduled, if it is.
    pub fn scheduled(&self, index: usize) -> Option<Applied> {
        self.at_ms.map(|from_ms| Applied { malfunction: index, from_ms, until_ms: self.until_ms.or(self.duration_ms.map(|d| from_ms + d)) })
    }

    /// The malfunction injected at `t_ms` (by the trainer), for its duration if it has one.
    pub fn injected(&self, index: usize, t_ms: i64) -> Applied {
        let length = self.duration_ms.or(self.at_ms.zip(self.until_ms).map(|(a, u)| u - a));
        Applied { malfunction: index, from_ms: t_ms, until_ms: length.map(|d| t_ms + d) }
    }
}

/// A malfunction in effect from `from_ms` until `until_ms` (`None`: to the end of the data).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Applied {
    pub malfunction: usize,
    pub from_ms: i64,
    pub until_ms: Option<i64>,
}

impl Applied {
    fn contains(&self, t: i64) -> bool {
        t >= self.from_ms && self.until_ms.is_none_or(|u| t < u)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMalfunction {
    id: toml::Spanned<String>,
    title: String,
    title_zh: Option<String>,
    kind: toml::Spanned<String>,
    meter: Option<toml::Spanned<String>>,
    #[serde(default)]
    meters: Vec<toml::Spanned<String>>,
    at: Option<toml::Spanned<String>>,
    until: Option<toml::Spanned<String>>,
    duration: Option<toml::Spanned<String>>,
    value: Option<toml::Spanned<f64>>,
    by: Option<toml::Spanned<f64>>,
    per_hour: Option<toml::Spanned<f64>>,
    sd: Option<toml::Spanned<f64>>,
    seed: Option<u64>,
    whatif: Option<toml::Spanned<String>>,
    setting: Option<toml::Spanned<String>>,
    to: Option<toml::Spanned<f64>>,
    ramp: Option<toml::Spanned<String>>,
    #[serde(default)]
    moves: std::collections::BTreeMap<String, String>,
}

/// A value is at most this far from 0 (any unit): beyond it is a typing error.
const BIG: f64 = 1e12;

/// One malfunction checked against the site: its meters, its numbers, its what-if unit.
pub(crate) fn check(r: &mut Reader<'_>, span: std::ops::Range<usize>, m: RawMalfunction) -> Option<Malfunction> {
    let id = m.id.get_ref().clone();
    let mut meters = Vec::new();
    let mut ok = true;
    for s in m.meter.iter().chain(&m.meters) {
        ok &= r.meter(s);
        meters.push(s.get_ref().clone());
    }
    let need = |r: &mut Reader<'_>, v: Option<&toml::Spanned<f64>>, field: &str, lo: f64| -> Option<f64> {
        match v {
            Some(v) => r.number(v, lo, BIG, field),
            None => {
                r.out.error(r.out.at(span.clone()), msg!("training-missing-field", id = id.as_str(), field = field));
                None
            }
        }
    };
    let effect = match m.kind.get_ref().as_str() {
        "stuck" => Effect::Stuck {
            value: match &m.value {
                Some(v) => Some(r.number(v, -BIG, BIG, "value")?), // i18n-ok: the field's name
                None => None,
            },
        },
        "drift" => Effect::Drift { per_hour: need(r, m.per_hour.as_ref(), "per_hour", -BIG)? }, // i18n-ok: the field's name
        "step" => Effect::Step { by: need(r, m.by.as_ref(), "by", -BIG)? },                     // i18n-ok: the field's name
        "spike" => Effect::Spike { by: need(r, m.by.as_ref(), "by", -BIG)?, duration_ms: 0 },   // i18n-ok: the field's name
        "noise" => Effect::Noise { sd: need(r, m.sd.as_ref(), "sd", 0.0)?, seed: m.seed.unwrap_or(1) }, // i18n-ok: the field's name
        "dropout" => Effect::Dropout,
        "trip" => Effect::Trip,
        "process" => Effect::Process(process_event(r, span.clone(), &id, &m, &mut meters)?),
        other => {
            r.out.error(r.out.at(m.kind.span()), msg!("training-bad-kind", id = id.as_str(), kind = other));
            return None;
        }
    };
    if meters.is_empty() {
        r.out.error(r.out.at(span), msg!("training-no-meter", id = id.as_str()));
        return None;
    }
    let at_ms = match &m.at {
        Some(a) => Some(r.when(a, "at")?), // i18n-ok: the field's name
        None => None,
    };
    let until_ms = match &m.until {
        Some(u) => Some(r.when(u, "until")?), // i18n-ok: the field's name
        None => None,
    };
    let duration_ms = match &m.duration {
        Some(d) => Some(r.duration(d, "duration")?), // i18n-ok: the field's name
        None => None,
    };
    if let (Some(a), Some(u)) = (at_ms, until_ms)
        && u <= a
    {
        r.out.error(r.out.at(m.until.as_ref().map_or(span.clone(), toml::Spanned::span)), msg!("training-until-before-at", id = id.as_str()));
        return None;
    }
    let effect = match effect {
        Effect::Spike { by, .. } => Effect::Spike { by, duration_ms: duration_ms.unwrap_or(0) },
        e => e,
    };
    // A spike's duration is its own; it does not make the malfunction last.
    let duration_ms = if matches!(effect, Effect::Spike { .. }) { None } else { duration_ms };
    ok.then(|| Malfunction { id: id.clone(), title: Text::new(m.title, m.title_zh), meters, effect, at_ms, until_ms, duration_ms })
}

fn process_event(r: &mut Reader<'_>, span: std::ops::Range<usize>, id: &str, m: &RawMalfunction, meters: &mut Vec<String>) -> Option<ProcessEvent> {
    let (Some(whatif), Some(setting)) = (&m.whatif, &m.setting) else {
        r.out.error(r.out.at(span), msg!("training-missing-field", id = id, field = "whatif, setting")); // i18n-ok: the fields' names
        return None;
    };
    let Some(w) = r.site.whatifs.iter().position(|w| w.process == *whatif.get_ref()) else {
        r.out.error(r.out.at(whatif.span()), msg!("training-unknown-whatif", whatif = whatif.get_ref().as_str()));
        return None;
    };
    let model = plant_process::by_id(whatif.get_ref())?;
    let Some(s) = model.settings().into_iter().find(|s| s.key == setting.get_ref()) else {
        r.out.error(r.out.at(setting.span()), msg!("training-unknown-setting", whatif = whatif.get_ref().as_str(), setting = setting.get_ref().as_str()));
        return None;
    };
    // The model holds only within its setting's range: a target outside it is not a case it can answer.
    let to = match &m.to {
        Some(v) => Some(r.number(v, s.min, s.max, "to")?), // i18n-ok: the field's name
        None => None,
    };
    let by = m.by.as_ref().and_then(|v| r.number(v, -BIG, BIG, "by")); // i18n-ok: the field's name
    if to.is_some() == by.is_some() {
        r.out.error(r.out.at(span), msg!("training-missing-field", id = id, field = "to | by")); // i18n-ok: the fields' names
        return None;
    }
    let ramp_ms = match &m.ramp {
        Some(d) => r.duration(d, "ramp")?, // i18n-ok: the field's name
        None => 0,
    };
    // The setting's own meter moves with it.
    if let Some(BaselineSource::Meter(meter)) = r.site.whatifs[w].baseline.iter().find(|(k, _)| k == setting.get_ref()).map(|(_, s)| s)
        && !meters.contains(meter)
    {
        meters.push(meter.clone());
    }
    let mut moves = Vec::new();
    for (meter, follows) in &m.moves {
        if r.site.meter(meter).is_none() {
            r.out.error(r.out.at(span.clone()), msg!("training-unknown-meter", meter = meter.as_str()));
            return None;
        }
        if !meters.contains(meter) {
            meters.push(meter.clone());
        }
        moves.push((meter.clone(), Follow::parse(follows)));
    }
    Some(ProcessEvent { whatif: w, setting: setting.get_ref().clone(), to, by, ramp_ms, moves })
}

/// What a process event does to its meters: the setting's shift (raw unit of its meter) and each moved
/// meter's output ratio, or why it cannot be applied.
struct ProcessEffect {
    /// Meters shifted by the setting's change (its own meter, and those that follow the setting), raw unit.
    shifts: Vec<(String, f64)>,
    ratios: Vec<(String, f64)>,
}

/// The length of the window a process event's baseline is read over, before the event.
const BASELINE_MS: i64 = 3_600_000;

fn process_effect(site: &Site, store: &Store, ev: &ProcessEvent, from_ms: i64, notes: &mut Vec<Msg>) -> Result<ProcessEffect, Msg> {
    let wi = &site.whatifs[ev.whatif];
    let (mut p, note) = plant_process::for_whatif(wi).ok_or_else(|| msg!("training-unknown-whatif", whatif = wi.process.as_str()))?;
    notes.extend(note);
    let b = plant_process::baseline::baseline(site, store, wi, p.as_mut(), from_ms - BASELINE_MS, from_ms);
    let settings = p.settings();
    let i = settings.iter().position(|s| s.key == ev.setting).ok_or_else(|| msg!("training-unknown-setting", whatif = wi.process.as_str(), setting = ev.setting.as_str()))?;
    let mut moved = b.settings.clone();
    let target = ev.to.unwrap_or(moved[i] + ev.by.unwrap_or(0.0));
    moved[i] = target.clamp(settings[i].min, settings[i].max);
    if (moved[i] - target).abs() > 1e-9 {
        let (wanted, held) = (format!("{target:.3}"), format!("{:.3}", moved[i]));
        notes.push(msg!("training-setting-held", setting = &settings[i].label, wanted = wanted, held = held, unit = settings[i].unit));
    }
    let prices = Prices::default();
    let (e0, e1) = (p.evaluate(&b.settings, &prices), p.evaluate(&moved, &prices));
    let change = moved[i] - b.settings[i];
    let mut shifts = Vec::new();
    if let Some(BaselineSource::Meter(m)) = wi.baseline.iter().find(|(k, _)| *k == ev.setting).map(|(_, s)| s)
        && let Some(meter) = site.meter(m)
    {
        shifts.push((m.clone(), change / meter.to_display.0));
    }
    let mut ratios = Vec::new();
    for (meter, follow) in &ev.moves {
        let figure = match follow {
            Follow::Setting => {
                let scale = site.meter(meter).map_or(1.0, |m| m.to_display.0);
                shifts.push((meter.clone(), change / scale));
                continue;
            }
            Follow::Figure(f) => f,
        };
        let (Some(x0), Some(x1)) = (figure.of(&e0), figure.of(&e1)) else {
            return Err(msg!("training-unknown-output", whatif = wi.process.as_str(), output = format!("{figure:?}")));
        };
        ratios.push((meter.clone(), if x0.abs() > 1e-12 { x1 / x0 } else { 1.0 }));
    }
    Ok(ProcessEffect { shifts, ratios })
}

/// The share of a process event in effect at `t`: a first-order lag towards the moved setting from `from`, and
/// back after `until`.
fn lag(t: i64, a: &Applied, ramp_ms: i64) -> f64 {
    if t < a.from_ms {
        return 0.0;
    }
    let rise = |dt: i64| if ramp_ms <= 0 { 1.0 } else { 1.0 - (-(dt as f64) / ramp_ms as f64).exp() };
    match a.until_ms {
        Some(u) if t >= u => {
            let at_end = rise(u - a.from_ms);
            if ramp_ms <= 0 { 0.0 } else { at_end * (-((t - u) as f64) / ramp_ms as f64).exp() }
        }
        _ => rise(t - a.from_ms),
    }
}

/// A process event's tail after `until`: it is applied until its share is below this.
const TAIL: f64 = 1e-4;

/// Applies one malfunction to a meter's samples in place (times may lose samples: a dropout).
fn apply(times: &mut Vec<i64>, values: &mut Vec<f64>, effect: &Effect, a: &Applied, process: Option<&(Option<f64>, f64)>) {
    let lo = times.partition_point(|&t| t < a.from_ms);
    let hi = a.until_ms.map_or(times.len(), |u| times.partition_point(|&t| t < u));
    match effect {
        Effect::Stuck { value } => {
            let v = value.or_else(|| lo.checked_sub(1).map(|i| values[i])).or_else(|| values.get(lo).copied());
            if let Some(v) = v {
                values[lo..hi].iter_mut().for_each(|x| *x = v);
            }
        }
        Effect::Drift { per_hour } => {
            for i in lo..hi {
                values[i] += per_hour * (times[i] - a.from_ms) as f64 / 3_600_000.0;
            }
        }
        Effect::Step { by } => values[lo..hi].iter_mut().for_each(|x| *x += by),
        Effect::Spike { by, duration_ms } => {
            let end = times.partition_point(|&t| t < a.from_ms + duration_ms).clamp((lo + 1).min(hi), hi);
            values[lo..end].iter_mut().for_each(|x| *x += by);
        }
        Effect::Noise { sd, seed } => {
            let mut rng = rand::rngs::StdRng::seed_from_u64(*seed);
            if let Ok(n) = Normal::new(0.0, *sd) {
                values[lo..hi].iter_mut().for_each(|x| *x += n.sample(&mut rng));
            }
        }
        Effect::Dropout => {
            times.drain(lo..hi);
            values.drain(lo..hi);
        }
        Effect::Trip => values[lo..hi].iter_mut().for_each(|x| *x = 0.0),
        Effect::Process(ev) => {
            let Some(&(shift, ratio)) = process else { return };
            for i in lo..times.len() {
                let f = lag(times[i], a, ev.ramp_ms);
                if a.until_ms.is_some_and(|u| times[i] >= u) && f < TAIL {
                    break;
                }
                values[i] = match shift {
                    Some(s) => values[i] + s * f,
                    None => values[i] * (1.0 + (ratio - 1.0) * f),
                };
            }
        }
    }
}

/// The store with the malfunctions `applied` (in their order) over `base`; the series of meters no malfunction
/// touches are `base`'s own. Returns too what could not be applied (a process event whose model could not be
/// evaluated), as messages.
pub fn overlay(base: &Store, site: &Site, malfunctions: &[Malfunction], applied: &[Applied]) -> (Store, Vec<Msg>) {
    let mut out = base.clone();
    let mut notes = Vec::new();
    // Process events are evaluated on the recording (not on what other malfunctions made of it).
    let mut effects: Vec<Option<ProcessEffect>> = Vec::with_capacity(applied.len());
    for a in applied {
        effects.push(match malfunctions.get(a.malfunction).map(|m| &m.effect) {
            Some(Effect::Process(ev)) => match process_effect(site, base, ev, a.from_ms, &mut notes) {
                Ok(e) => Some(e),
                Err(m) => {
                    notes.push(m);
                    None
                }
            },
            _ => None,
        });
    }
    let mut touched: Vec<&str> = applied.iter().filter_map(|a| malfunctions.get(a.malfunction)).flat_map(|m| m.meters.iter().map(String::as_str)).collect();
    touched.sort_unstable();
    touched.dedup();
    for meter in touched {
        let Some(series) = base.get(meter) else { continue };
        let (mut times, mut values) = (series.times_ms().to_vec(), series.values().to_vec());
        for (a, effect) in applied.iter().zip(&effects) {
            let Some(m) = malfunctions.get(a.malfunction).filter(|m| m.meters.iter().any(|x| x == meter)) else { continue };
            let process = effect.as_ref().and_then(|e| match e.shifts.iter().find(|(x, _)| x == meter) {
                Some((_, shift)) => Some((Some(*shift), 1.0)),
                None => e.ratios.iter().find(|(x, _)| x == meter).map(|(_, r)| (None, *r)),
            });
            apply(&mut times, &mut values, &m.effect, a, process.as_ref());
        }
        out.insert_shared(meter, Arc::new(Series::from_samples(times, values).0));
    }
    (out, notes)
}

/// Whether the malfunction `a` is in effect at `t` (for the trainer's list).
pub fn in_effect(a: &Applied, t: i64) -> bool {
    a.contains(t)
}
