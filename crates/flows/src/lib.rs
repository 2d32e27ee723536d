//! Flow totals over a time window, and balance checks per node.
//!
//! A meter of a rate (power, mass flow, volume flow) is integrated over the window with each sample held
//! until the next one, but never longer than the meter's hold time: a gap adds nothing and lowers the
//! flow's coverage instead of being read as zero. A flow measured by a formula is the same linear
//! combination of its meters' totals. Units are kept: power integrates to energy, mass flow to mass.

use plant_site::{FlowValue, Meter, Site};
use plant_store::{Series, Store, TimestampMs};
use plant_units::{Dim, Value};

/// A flow's total over the window.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowTotal {
    /// Index into `site.flows`.
    pub flow: usize,
    /// Energy, mass or volume over the window; `None` when the flow is not measured or has no data.
    pub total: Option<Value>,
    /// Share of the window covered by samples of every meter involved, 0 to 1.
    pub coverage: f64,
}

/// ∫ rate dt over `[t0, t1)` of one meter's samples in the meter's own unit × hours, and the covered share
/// of the window. Samples are held until the next sample or for the hold time, whichever is shorter.
pub fn integrate(series: &Series, t0: TimestampMs, t1: TimestampMs) -> (f64, f64) {
    integrate_with(series, t0, t1, |_| 1.0)
}

/// ∫ rate × weight(t) dt: as [`integrate`], each held segment multiplied by `weight` at its start (an
/// hourly grid factor, a price).
pub fn integrate_with(series: &Series, t0: TimestampMs, t1: TimestampMs, mut weight: impl FnMut(TimestampMs) -> f64) -> (f64, f64) {
    if t1 <= t0 || series.is_empty() {
        return (0.0, 0.0);
    }
    let times = series.times_ms();
    let values = series.values();
    let hold = series.hold_ms().max(1);
    // Start from the sample in force at t0 (if any), then every sample inside the window.
    let first = series.count_until(t0, true).saturating_sub(1);
    let end = series.count_until(t1, false);
    let (mut sum, mut covered) = (0.0, 0i64);
    for i in first..end {
        let start = times[i].max(t0);
        let next = times.get(i + 1).copied().unwrap_or(i64::MAX);
        let stop = next.min(times[i].saturating_add(hold)).min(t1);
        if stop > start {
            let ms = stop - start;
            covered += ms;
            sum += values[i] * weight(start) * ms as f64 / 3_600_000.0;
        }
    }
    (sum, covered as f64 / (t1 - t0) as f64)
}

/// Dimension and unit of what a meter's rate integrates to, per hour of its unit.
fn integrated(meter: &Meter, amount_unit_hours: f64) -> Option<Value> {
    // The meter's unit times one hour: kW·h, t/h·h, m³/h·h …
    let per_hour = Value::new(amount_unit_hours, &meter.unit).ok()? * Value { si: 3600.0, dim: Dim::TIME };
    // An energy meter already counts energy per interval: its samples add up.
    meter.quantity.is_rate().then_some(per_hour)
}

/// Σ coefficient × meter over `[t0, t1)`: rates integrated (kW → energy, t/h → mass), interval-energy
/// meters summed. Returns the total and the share of the window every meter covers, or `None` when a
/// meter is unknown, has no data series, or the terms do not add up.
pub fn formula_total(site: &Site, store: &Store, terms: &[(f64, String)], t0: TimestampMs, t1: TimestampMs) -> Option<(Value, f64)> {
    let mut total: Option<Value> = None;
    let mut coverage: f64 = 1.0;
    for (coef, id) in terms {
        let (meter, series) = (site.meter(id)?, store.get(id)?);
        // Meters that count per sampling interval (energy, reactive energy, CO2) add up; rates integrate.
        let term = if meter.quantity.is_per_interval() {
            let s = series.aggregate(t0, t1);
            coverage = coverage.min(if s.count > 0 { 1.0 } else { 0.0 });
            Value::new(s.sum, &meter.unit).ok()?
        } else {
            let (amount, cov) = integrate(series, t0, t1);
            coverage = coverage.min(cov);
            integrated(meter, amount)?
        };
        let term = term * *coef;
        // Mixed quantities are refused when site.toml is read; a mismatch here leaves the total out.
        total = Some(match total {
            None => term,
            Some(t) => t.try_add(term).ok()?,
        });
    }
    total.map(|t| (t, coverage))
}

/// Totals of every flow of the site over `[t0, t1)`.
pub fn flow_totals(site: &Site, store: &Store, t0: TimestampMs, t1: TimestampMs) -> Vec<FlowTotal> {
    site.flows
        .iter()
        .enumerate()
        .map(|(k, f)| {
            let FlowValue::Meters(terms) = &f.value else {
                return FlowTotal { flow: k, total: None, coverage: 0.0 };
            };
            match formula_total(site, store, terms, t0, t1) {
                // `times`: a quantity per unit of the metered value (1.75 GJ/t × t of clinker).
                Some((t, coverage)) => FlowTotal { flow: k, total: Some(f.times.map_or(t, |x| t * x)), coverage },
                None => FlowTotal { flow: k, total: None, coverage: 0.0 },
            }
        })
        .collect()
}

/// Sets each metered flow's coverage to the least of its meters' `coverage` (0 for a meter without one): for
/// totals from samples that do not say by their spacing what they cover (a window the database summed by
/// the hour, `plant-historian`).
pub fn set_coverage(site: &Site, totals: &mut [FlowTotal], coverage: impl Fn(&str) -> Option<f64>) {
    for t in totals.iter_mut().filter(|t| t.total.is_some()) {
        if let Some(FlowValue::Meters(terms)) = site.flows.get(t.flow).map(|f| &f.value) {
            t.coverage = terms.iter().map(|(_, id)| coverage(id).unwrap_or(0.0)).fold(1.0, f64::min);
        }
    }
}

/// A node whose measured inflow and outflow of one carrier do not balance.
#[derive(Clone, Debug, PartialEq)]
pub struct Imbalance {
    pub node: String,
    pub carrier: String,
    pub dim: Dim,
    pub inflow: Value,
    pub outflow: Value,
    /// (in − out) / max(in, out)
    pub relative: f64,
}

/// Checks, for every node with measured flows of one carrier both in and out (electricity through a
/// substation, coal through a mill), that in = out within `tolerance` (relative). Nodes that turn one
/// carrier into another (a kiln burning coal) are closed by remainder flows instead. Violations are
/// returned, never absorbed.
pub fn balance(site: &Site, totals: &[FlowTotal], tolerance: f64) -> Vec<Imbalance> {
    let mut ids: Vec<&str> = site.equipment.iter().map(|e| e.id.as_str()).collect();
    ids.extend(site.nodes.iter().map(|n| n.id.as_str()));
    let measured: Vec<(usize, Value)> = totals.iter().filter_map(|t| t.total.map(|v| (t.flow, v))).collect();
    let mut out = Vec::new();
    for id in ids {
        let mut carriers: Vec<(&str, Dim)> = Vec::new();
        for (k, v) in &measured {
            let f = &site.flows[*k];
            if (f.from == id || f.to == id) && !carriers.contains(&(f.carrier.as_str(), v.dim)) {
                carriers.push((f.carrier.as_str(), v.dim));
            }
        }
        for (carrier, dim) in carriers {
            let of = |incoming: bool| -> Vec<f64> {
                measured
                    .iter()
                    .filter(|(k, v)| {
                        let f = &site.flows[*k];
                        v.dim == dim && f.carrier == carrier && if incoming { f.to == id } else { f.from == id }
                    })
                    .map(|(_, v)| v.si)
                    .collect()
            };
            let (ins, outs) = (of(true), of(false));
            if ins.is_empty() || outs.is_empty() {
                continue;
            }
            let (i, o): (f64, f64) = (ins.iter().sum(), outs.iter().sum());
            let scale = i.abs().max(o.abs());
            let relative = if scale > 0.0 { (i - o) / scale } else { 0.0 };
            if relative.abs() > tolerance {
                out.push(Imbalance { node: id.to_string(), carrier: carrier.to_string(), dim, inflow: Value { si: i, dim }, outflow: Value { si: o, dim }, relative });
            }
        }
    }
    out
}
