//! A what-if study's baseline from the recorded data (the what-if panel's, and a training scenario's process
//! events'): each bound setting is the mean of its meter (or the share of its meters) over a window before the
//! cursor, clamped into the setting's range.

use crate::Process;
use plant_i18n::{Msg, msg};
use plant_site::{BaselineSource, Site, WhatIf};
use plant_store::Store;

/// The baseline settings and notes on what could not be read or had to be clamped.
#[derive(Clone, Debug, PartialEq)]
pub struct Baseline {
    pub settings: Vec<f64>,
    /// Per setting: whether it came from data.
    pub from_data: Vec<bool>,
    /// Model conditions read from the data (applied to the model).
    pub conditions: Vec<(String, f64)>,
    pub notes: Vec<Msg>,
}

fn mean(store: &Store, site: &Site, meter: &str, t0: i64, t1: i64) -> Option<f64> {
    let m = site.meter(meter)?;
    let s = store.get(meter)?.aggregate(t0, t1);
    s.mean().map(|v| m.display_value(v))
}

fn read(site: &Site, store: &Store, src: &BaselineSource, t0: i64, t1: i64) -> Option<f64> {
    match src {
        BaselineSource::Value(x) => Some(*x),
        BaselineSource::Meter(m) => mean(store, site, m, t0, t1),
        BaselineSource::Share(ms) => {
            let vals: Option<Vec<f64>> = ms.iter().map(|m| mean(store, site, m, t0, t1)).collect();
            vals.and_then(|v| {
                let sum: f64 = v.iter().sum();
                (sum > 0.0).then(|| v[0] / sum)
            })
        }
    }
}

/// Reads the baseline settings over `[t0, t1)`, then the conditions, applied to `process` as measured at
/// those settings.
pub fn baseline(site: &Site, store: &Store, whatif: &WhatIf, process: &mut dyn Process, t0: i64, t1: i64) -> Baseline {
    let mut notes = Vec::new();
    let settings = process.settings();
    let mut x = process.defaults();
    let mut from_data = vec![false; x.len()];
    for (key, src) in &whatif.baseline {
        let Some(i) = settings.iter().position(|s| s.key == key) else {
            notes.push(msg!("whatif-note-no-setting", model = process.id(), key = key.as_str()));
            continue;
        };
        let v = read(site, store, src, t0, t1);
        let s = &settings[i];
        match v {
            Some(v) if v.is_finite() => {
                let c = v.clamp(s.min, s.max);
                if (c - v).abs() > 1e-9 {
                    let (measured, used) = (format!("{v:.3}"), format!("{c:.3}"));
                    notes.push(msg!("whatif-note-clamped", setting = &s.label, measured = measured, used = used, unit = s.unit));
                }
                x[i] = c;
                from_data[i] = true;
            }
            _ => notes.push(msg!("whatif-note-no-data", setting = &s.label, default = s.default.to_string(), unit = s.unit)),
        }
    }
    let mut conditions = Vec::new();
    for (key, src) in &whatif.conditions {
        match read(site, store, src, t0, t1) {
            Some(v) if v.is_finite() && process.set_condition(key, v, &x) => conditions.push((key.clone(), v)),
            Some(_) => notes.push(msg!("whatif-note-no-condition", model = process.id(), key = key.as_str())),
            None => notes.push(msg!("whatif-note-condition-no-data", key = key.as_str())),
        }
    }
    Baseline { settings: x, from_data, conditions, notes }
}
