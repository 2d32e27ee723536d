//! Colouring equipment by a quantity: the value an equipment item shows and the colour scale.

use bevy::prelude::*;
use bevy_egui::egui;
use plant_site::{Quantity, Site};
use plant_store::Store;

/// What the 3D view colours equipment by.
#[derive(Resource, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColourBy {
    /// The model's own materials.
    Model,
    Quantity(Quantity),
    /// CO2 each item causes at the cursor (scope 1 where it burns fuel or calcines, scope 2 of its
    /// electricity and heat), from the site's accounting: [`CarbonRates`].
    Carbon,
}

impl ColourBy {
    /// The unit of the values this mode colours by.
    pub fn unit(self) -> &'static str {
        match self {
            ColourBy::Model => "",
            ColourBy::Quantity(q) => q.display_unit(),
            ColourBy::Carbon => CARBON_UNIT,
        }
    }
}

/// Unit of [`CarbonRates`].
pub const CARBON_UNIT: &str = "kg CO2/h";

/// CO2 per equipment item at the cursor, kg/h, filled by the accounting plugin; `max` is the largest
/// hourly rate of any item over the record (the top of the colour scale).
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct CarbonRates {
    pub values: std::collections::HashMap<String, f64>,
    pub max: f64,
    /// Factors applied to items' values (a what-if scenario shown in 3D); 1 where absent.
    pub scale: std::collections::HashMap<String, f64>,
}

impl Default for ColourBy {
    fn default() -> Self {
        ColourBy::Quantity(Quantity::ElectricPower)
    }
}

/// Power and flows add up over an item's meters; temperatures and concentrations are averaged.
pub fn is_additive(q: Quantity) -> bool {
    matches!(q, Quantity::ElectricPower | Quantity::ThermalPower | Quantity::MassFlow)
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

/// Viridis (perceptually uniform, colour-blind safe), five stops, sRGB.
const VIRIDIS: [[f32; 3]; 5] = [
    [0.267, 0.005, 0.329],
    [0.231, 0.322, 0.545],
    [0.129, 0.569, 0.549],
    [0.369, 0.788, 0.384],
    [0.992, 0.906, 0.145],
];

/// Colour of a position 0..1 on the scale.
pub fn colour_at(f: f32) -> Color {
    let x = f.clamp(0.0, 1.0) * (VIRIDIS.len() - 1) as f32;
    let i = (x.floor() as usize).min(VIRIDIS.len() - 2);
    let t = x - i as f32;
    let (a, b) = (VIRIDIS[i], VIRIDIS[i + 1]);
    Color::srgb(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t)
}

/// How "no data" shows: a pale, see-through ghost, never a colour of the scale.
pub const NO_DATA_COLOUR: Color = Color::srgba(0.80, 0.80, 0.84, 0.30);

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
    by_equipment: std::collections::HashMap<String, Vec<(Option<usize>, (f64, f64))>>,
}

impl MeterIndex {
    pub fn build(site: &Site, store: &Store, q: Quantity) -> Self {
        let mut by_equipment: std::collections::HashMap<String, Vec<(Option<usize>, (f64, f64))>> = std::collections::HashMap::new();
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

/// Formats a value with its unit, with precision suited to its size.
pub fn format_value(v: f64, unit: &str) -> String {
    let a = v.abs();
    let s = if a >= 10_000.0 {
        thousands(v.round() as i64)
    } else if a >= 1000.0 {
        format!("{:.0}", v)
    } else if a >= 100.0 {
        format!("{v:.1}")
    } else if a >= 1.0 {
        format!("{v:.2}")
    } else {
        format!("{v:.3}")
    };
    if unit.is_empty() { s } else { format!("{s} {unit}") }
}

/// 28182 → "28,182".
fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// A Bevy colour for egui painting (sRGB, unmultiplied alpha).
pub fn egui_colour(c: Color) -> egui::Color32 {
    let c = c.to_srgba();
    let u = |x: f32| (x.clamp(0.0, 1.0) * 255.0).round() as u8;
    egui::Color32::from_rgba_unmultiplied(u(c.red), u(c.green), u(c.blue), u(c.alpha))
}

/// A small square of a colour, as in legends and lists. See-through colours ("no data") get an outline.
pub fn swatch_ui(ui: &mut egui::Ui, c: Color) -> egui::Response {
    let (r, response) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    let fill = egui_colour(c);
    ui.painter().rect_filled(r, 2.0, if fill.a() < 255 { fill.to_opaque().gamma_multiply(0.6) } else { fill });
    if fill.a() < 255 {
        ui.painter().rect_stroke(r, 2.0, egui::Stroke::new(1.0, ui.visuals().weak_text_color()), egui::StrokeKind::Inside);
    }
    response
}
