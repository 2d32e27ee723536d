//! Model deviation: a measured meter (or sum of meters) against what the site's process model expects at the
//! settings and conditions measured in the same hour — the kiln's coal against the heat balance at the measured
//! clinker, O2 and exit gas; the chillers' power against the chiller curves at the measured load and weather;
//! the line's voltage per cell against the potline model at the measured current. Declared per `[[whatif]]`
//! unit as `checks` (docs/anomalies.md, docs/site-format.md).
//!
//! Each hour of the window gives a residual r = measured − expected (the means over the hour). A model is never
//! exact for a given plant, so what is unusual is a residual far from the residuals' own median: z = (r −
//! median) / σ, σ = 1.4826 · MAD (at least 1 % of the median expected value). Runs of at least
//! [`MIN_HOURS`] hours with |z| ≥ [`Z`] (an hour between them allowed) are one anomaly each.

use std::sync::Arc;

use plant_process::{Expected, Figure};
use plant_site::{ModelCheck, Site};
use plant_store::{Store, TimestampMs};

use crate::robust::{MAD_TO_SIGMA, median, median_mut};
use crate::{Anomaly, Kind};

const HOUR_MS: i64 = 3_600_000;
/// The distance, in robust σ of the residuals, that makes an hour unusual.
pub const Z: f64 = 4.0;
/// The shortest run of unusual hours reported.
pub const MIN_HOURS: usize = 2;

/// A check that could not be run: the unit and the reason (no such output, units that do not match).
#[derive(Clone, Debug, PartialEq)]
pub struct Unchecked {
    pub process: String,
    pub meter: String,
    pub reason: String,
}

/// The hourly residuals of one check over `[t0, t1)`: (hour end, measured, expected).
pub fn residuals(site: &Arc<Site>, store: &Store, process: &str, check: &ModelCheck, t0: TimestampMs, t1: TimestampMs) -> Result<Vec<(TimestampMs, f64, f64)>, String> {
    let unit = check.terms.first().and_then(|(_, id)| site.meter(id)).map(|m| m.unit.clone()).unwrap_or_default();
    let expected = Expected::new(site.clone(), process, Figure::parse(&check.output), &unit, HOUR_MS).map_err(|e| reason(&e))?;
    let mut model = expected.model().ok_or_else(|| process.to_owned())?;
    let mut out = Vec::new();
    let mut t = t0 - t0.rem_euclid(HOUR_MS) + HOUR_MS;
    while t <= t1 {
        let measured: Option<f64> = check.terms.iter().map(|(k, id)| store.get(id).and_then(|s| s.aggregate(t - HOUR_MS, t).mean()).map(|v| k * v)).sum();
        if let (Some(m), Some(e)) = (measured, expected.at(model.as_mut(), store, t - 1)) {
            out.push((t, m, e));
        }
        t += HOUR_MS;
    }
    Ok(out)
}

/// The model deviations of every `checks` entry of the site's `[[whatif]]` units, and the checks that could not
/// be run.
pub fn model_deviations(site: &Arc<Site>, store: &Store, t0: TimestampMs, t1: TimestampMs) -> (Vec<Anomaly>, Vec<Unchecked>) {
    let (mut found, mut unchecked) = (Vec::new(), Vec::new());
    for wi in &site.whatifs {
        for check in &wi.checks {
            match residuals(site, store, &wi.process, check, t0, t1) {
                Ok(r) => found.extend(runs(&r, check)),
                Err(reason) => unchecked.push(Unchecked { process: wi.process.clone(), meter: check.meter.clone(), reason }),
            }
        }
    }
    (found, unchecked)
}

/// The checks that cannot be run (an output the model lacks, a unit that does not match the meter's).
pub fn unchecked(site: &Arc<Site>) -> Vec<Unchecked> {
    let mut out = Vec::new();
    for wi in &site.whatifs {
        for check in &wi.checks {
            let unit = check.terms.first().and_then(|(_, id)| site.meter(id)).map(|m| m.unit.clone()).unwrap_or_default();
            if let Err(e) = Expected::new(site.clone(), &wi.process, Figure::parse(&check.output), &unit, HOUR_MS) {
                out.push(Unchecked { process: wi.process.clone(), meter: check.meter.clone(), reason: reason(&e) });
            }
        }
    }
    out
}

fn reason(e: &plant_process::ExpectedError) -> String {
    match e {
        plant_process::ExpectedError::NoUnit => String::from("no such process model"), // i18n-ok: shown inside a catalogue message
        plant_process::ExpectedError::NoFigure => String::from("the model has no such output"), // i18n-ok: shown inside a catalogue message
        plant_process::ExpectedError::Units(a, b) => format!("{a} ≠ {b}"),
    }
}

/// The runs of unusual hours of one check's residuals.
fn runs(r: &[(TimestampMs, f64, f64)], check: &ModelCheck) -> Vec<Anomaly> {
    if r.len() < 24 {
        return Vec::new();
    }
    let mut res: Vec<f64> = r.iter().map(|(_, m, e)| m - e).collect();
    let centre = median(&res);
    let mut dev: Vec<f64> = res.iter().map(|x| (x - centre).abs()).collect();
    let scale = median(&r.iter().map(|(_, _, e)| e.abs()).collect::<Vec<_>>());
    let sigma = (MAD_TO_SIGMA * median_mut(&mut dev)).max(0.01 * scale).max(f64::MIN_POSITIVE);
    res.iter_mut().for_each(|x| *x = (*x - centre) / sigma);
    // One meter as itself; a sum as site.toml writes it (its first meter's unit and equipment are used).
    let meter = match check.terms.as_slice() {
        [(k, id)] if *k == 1.0 => Some(id.clone()),
        _ => Some(check.meter.clone()),
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < r.len() {
        if res[i].abs() < Z {
            i += 1;
            continue;
        }
        // A run: unusual hours of the same sign, an ordinary hour between two of them allowed.
        let sign = res[i].signum();
        let mut j = i;
        let mut k = i + 1;
        while k < r.len() && (r[k].0 - r[j].0) <= 2 * HOUR_MS {
            if res[k].abs() >= Z && res[k].signum() == sign {
                j = k;
            } else if k > j + 1 {
                break;
            }
            k += 1;
        }
        let hours = (i..=j).filter(|&x| res[x].abs() >= Z).count();
        if hours >= MIN_HOURS {
            let worst = (i..=j).max_by(|&a, &b| res[a].abs().total_cmp(&res[b].abs())).unwrap_or(i);
            out.push(Anomaly {
                meter: meter.clone(),
                kind: Kind::ModelDeviation,
                start_ms: r[i].0 - HOUR_MS,
                end_ms: r[j].0,
                value: r[worst].1,
                // What the model expects, moved by the plant's usual offset from it.
                expected: r[worst].2 + centre,
                score: res[worst].abs(),
                count: 1,
            });
        }
        i = j + 1;
    }
    out
}
