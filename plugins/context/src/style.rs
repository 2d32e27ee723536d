//! How values and colours look in every view: numbers with their unit, the perceptual colour map, the
//! "no data" ghost, and the colour swatch of lists and legends.

use bevy::prelude::*;
use bevy_egui::egui;
use plant_i18n::t;
use plant_site::Quantity;

/// Colour of a position 0..1 on the scale: viridis (perceptually uniform, colour-blind safe), from the
/// `colorous` crate's port of d3-scale-chromatic (van der Walt and Smith's matplotlib map).
pub fn colour_at(f: f32) -> Color {
    let f = if f.is_finite() { f.clamp(0.0, 1.0) } else { 0.0 };
    // Looked up in 1,024 steps of the scale (finer than the 8-bit colours it gives): the 3D view colours every
    // item every frame while playing (BENCHMARKS.md).
    static STEPS: std::sync::OnceLock<Vec<Color>> = std::sync::OnceLock::new();
    let steps = STEPS.get_or_init(|| {
        (0..COLOUR_STEPS)
            .map(|i| {
                let c = colorous::VIRIDIS.eval_continuous(i as f64 / (COLOUR_STEPS - 1) as f64);
                Color::srgb_u8(c.r, c.g, c.b)
            })
            .collect()
    });
    steps[(f * (COLOUR_STEPS - 1) as f32).round() as usize]
}

/// How many steps of the colour scale [`colour_at`] looks up.
const COLOUR_STEPS: usize = 1024;

/// The colour of an energy carrier, the same in the Sankey and in the 3D flow markers: electricity blue,
/// solid fuels brown, gas teal, heat and hot gases orange, anything else grey.
pub fn carrier_colour(carrier: &str) -> Color {
    match carrier {
        "electricity" => Color::srgb_u8(80, 150, 235),                                                               // i18n-ok: a carrier id
        "coal" | "petcoke" => Color::srgb_u8(150, 112, 80),                                                          // i18n-ok
        "natural-gas" | "gas" => Color::srgb_u8(90, 190, 170),                                                       // i18n-ok
        "heat" | "hot-gas" | "steam" | "hot-water" | "tertiary-air" | "exhaust-gas" => Color::srgb_u8(230, 120, 60), // i18n-ok
        _ => Color::srgb_u8(150, 160, 170),
    }
}

/// The name of an energy carrier (or material) by its id in site.toml, in the current language, for legends
/// and lists: `natural-gas` is "Natural gas" / "天然气". An id the catalogue does not know shows as itself.
pub fn carrier_label(carrier: &str) -> String {
    t!("context-carrier", carrier = carrier)
}

/// The name of a quantity in the current language, for legends, menus and headings ("Electric power" /
/// "电功率"). Views use this, not `Quantity::label` (English, for logs and files).
pub fn quantity_label(q: Quantity) -> String {
    match q {
        Quantity::ElectricPower => t!("context-quantity-electric-power"),
        Quantity::Energy => t!("context-quantity-energy"),
        Quantity::MassFlow => t!("context-quantity-mass-flow"),
        Quantity::VolumeFlow => t!("context-quantity-volume-flow"),
        Quantity::Temperature => t!("context-quantity-temperature"),
        Quantity::Concentration => t!("context-quantity-concentration"),
        Quantity::Pressure => t!("context-quantity-pressure"),
        Quantity::ThermalPower => t!("context-quantity-thermal-power"),
        Quantity::Speed => t!("context-quantity-speed"),
        Quantity::Voltage => t!("context-quantity-voltage"),
        Quantity::Current => t!("context-quantity-current"),
        Quantity::EmissionFactor => t!("context-quantity-emission-factor"),
        Quantity::ReactivePower => t!("context-quantity-reactive-power"),
        Quantity::ReactiveEnergy => t!("context-quantity-reactive-energy"),
        Quantity::PowerFactor => t!("context-quantity-power-factor"),
        Quantity::MechanicalPower => t!("context-quantity-mechanical-power"),
        Quantity::Co2MassFlow => t!("context-quantity-co2-mass-flow"),
        Quantity::Co2 => t!("context-quantity-co2"),
        Quantity::Other => t!("context-quantity-other"),
    }
}

/// How "no data" shows: a pale, see-through ghost, never a colour of the scale.
pub const NO_DATA_COLOUR: Color = Color::srgba(0.80, 0.80, 0.84, 0.30);

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
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
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

/// Where an export went — each file written, with a button that copies its path — or why it failed (the
/// alarm journal, a training log).
pub fn files_written_ui(ui: &mut egui::Ui, exported: Option<&Result<Vec<std::path::PathBuf>, String>>) {
    match exported {
        Some(Ok(files)) => {
            for f in files {
                ui.horizontal(|ui| {
                    ui.weak(f.display().to_string());
                    if ui.small_button(plant_i18n::t!("context-copy-path")).clicked() {
                        ui.ctx().copy_text(f.display().to_string());
                    }
                });
            }
        }
        Some(Err(e)) => {
            ui.colored_label(egui::Color32::from_rgb(0xe0, 0x40, 0x40), plant_i18n::msg!("context-export-failed", error = e.as_str()).text());
        }
        None => {}
    }
}

/// A measure's capital cost, lifetime in years and yearly O&M as three rows of a two-column grid (the what-if
/// panel's "save as a measure" and the scenarios window's "add a measure").
pub fn measure_cost_rows(ui: &mut egui::Ui, capex: &mut f64, lifetime: &mut u32, om: &mut f64) {
    ui.label(plant_i18n::t!("whatif-save-capex"));
    ui.add(egui::DragValue::new(capex).speed(1000.0).range(0.0..=1e12));
    ui.end_row();
    ui.label(plant_i18n::t!("whatif-save-lifetime"));
    ui.add(egui::DragValue::new(lifetime).range(1..=100));
    ui.end_row();
    ui.label(plant_i18n::t!("whatif-save-om"));
    ui.add(egui::DragValue::new(om).speed(100.0).range(-1e10..=1e10));
    ui.end_row();
}
