//! Colouring equipment by a quantity: the value an equipment item shows and the colour scale.

use bevy::prelude::*;
use plant_site::{Quantity, Site};
use plant_store::Store;

/// Power and flows add up over an item's meters; temperatures, concentrations and power factors are
/// averaged.
pub fn is_additive(q: Quantity) -> bool {
    matches!(q, Quantity::ElectricPower | Quantity::ThermalPower | Quantity::MechanicalPower | Quantity::ReactivePower | Quantity::MassFlow | Quantity::Co2MassFlow)
}

/// The value range the colours span, in the quantity's display unit.
#[derive(Resource, Clone, Debug, PartialEq)]
pub struct ColourScale {
    pub quantity: Quantity,
    pub min: f64,
    pub max: f64,
    /// Additive quantities span orders of magnitude (a 25 MW incomer, a 40 kW blower): log scale.
    pub log: bool,
}

impl ColourScale {
    /// The scale for `q` over the whole record: per item, the sum (or mean) of its meters' extremes.
    pub fn for_record(site: &Site, store: &Store, q: Quantity) -> Option<ColourScale> {
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        let mut means: Vec<f64> = Vec::new();
        for eq in &site.equipment {
            let meters: Vec<_> = site.meters_of(&eq.id).filter(|m| m.quantity == q).collect();
            let mut item_max = 0.0;
            let mut item_min = 0.0;
            let mut n = 0;
            for m in &meters {
                let Some(series) = store.get(&m.id) else { continue };
                let Some((t0, t1)) = series.time_range() else { continue };
                let s = series.aggregate(t0, t1 + 1);
                item_max += m.display_value(s.max);
                item_min += m.display_value(s.min);
                if let Some(mean) = s.mean() {
                    means.push(m.display_value(mean));
                }
                n += 1;
            }
            if n == 0 {
                continue;
            }
            if !is_additive(q) {
                item_max /= n as f64;
                item_min /= n as f64;
            }
            lo = lo.min(item_min);
            hi = hi.max(item_max);
        }
        if !hi.is_finite() {
            return None;
        }
        let log = is_additive(q) && hi > 0.0;
        // Many alike items (a potline's 120 cells): the 5th-95th percentile of their means, widened by 10 %,
        // so that normal differences show; excursions (an anode effect, a cell cut out) sit at the ends.
        if !log && means.len() >= 8 {
            means.sort_by(|a, b| a.total_cmp(b));
            let at = |p: f64| means[((means.len() - 1) as f64 * p).round() as usize];
            let (p5, p95) = (at(0.05), at(0.95));
            let pad = ((p95 - p5) * 0.1).max(1e-9);
            return Some(ColourScale { quantity: q, min: p5 - pad, max: p95 + pad, log: false });
        }
        let min = if log { hi / 1000.0 } else { lo };
        Some(ColourScale { quantity: q, min, max: hi.max(min + f64::EPSILON), log })
    }

    /// Position of a value on the scale, 0 to 1.
    pub fn position(&self, v: f64) -> f32 {
        let f = if self.log {
            let v = v.max(self.min);
            (v / self.min).ln() / (self.max / self.min).ln()
        } else {
            (v - self.min) / (self.max - self.min)
        };
        f.clamp(0.0, 1.0) as f32
    }

    /// A log scale spanning three decades below `max`.
    pub fn log_to(max: f64) -> ColourScale {
        let max = max.max(f64::MIN_POSITIVE);
        ColourScale { quantity: Quantity::Other, min: max / 1000.0, max, log: true }
    }

    /// The value at a position on the scale (for legend ticks).
    pub fn value_at(&self, f: f64) -> f64 {
        if self.log { self.min * (self.max / self.min).powf(f) } else { self.min + f * (self.max - self.min) }
    }
}

/// The value an equipment item shows for quantity `q` at `t`, in the display unit: the sum (additive
/// quantities) or mean of its meters that have a current reading. `None` when no meter of `q` reads.
pub fn equipment_value(site: &Site, store: &Store, equipment: &str, q: Quantity, t: i64) -> Option<f64> {
    let meters = site.meters_of(equipment).filter(|m| m.quantity == q).map(|m| (store.key(&m.id), m.to_display));
    combine(store, meters, q, t)
}

/// Sum (additive) or mean of the display values of `meters` (store key, display scale and offset) at `t`.
fn combine(store: &Store, meters: impl Iterator<Item = (Option<usize>, (f64, f64))>, q: Quantity, t: i64) -> Option<f64> {
    let mut sum = 0.0;
    let mut n = 0;
    for (key, (scale, offset)) in meters {
        if let Some(v) = key.and_then(|k| store.by_key(k)).and_then(|s| s.reading_at(t).value()) {
            sum += v * scale + offset;
            n += 1;
        }
    }
    match n {
        0 => None,
        _ if is_additive(q) => Some(sum),
        _ => Some(sum / n as f64),
    }
}

/// Each equipment item's meters of one quantity, resolved to store keys once (when the data or the
/// colour quantity changes), so the per-frame update does no string lookups or scans of the meter list.
#[derive(Resource, Debug, Clone, Default)]
pub struct MeterIndex {
    pub quantity: Option<Quantity>,
    by_equipment: bevy::platform::collections::HashMap<String, Vec<(Option<usize>, (f64, f64))>>,
}

impl MeterIndex {
    pub fn build(site: &Site, store: &Store, q: Quantity) -> Self {
        let mut by_equipment: bevy::platform::collections::HashMap<String, Vec<(Option<usize>, (f64, f64))>> = bevy::platform::collections::HashMap::default();
        for m in site.meters.iter().filter(|m| m.quantity == q) {
            by_equipment.entry(m.equipment.clone()).or_default().push((store.key(&m.id), m.to_display));
        }
        Self { quantity: Some(q), by_equipment }
    }

    /// Same as [`equipment_value`], through the index.
    pub fn value(&self, store: &Store, equipment: &str, t: i64) -> Option<f64> {
        let q = self.quantity?;
        let meters = self.by_equipment.get(equipment)?;
        combine(store, meters.iter().copied(), q, t)
    }
}
