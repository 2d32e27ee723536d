//! The cursor's year against the site's CO2 target in the flows panel: a line of the figures and a chart of
//! the cumulative CO2 from 1 January — recorded, estimated where the year has no data, forecast and at the run
//! rate beyond the cursor with its 95 % band — beside the target's pace (plant_accounting::trajectory; the rule
//! in docs/forecasts.md "CO2 trajectory").

use bevy_egui::egui;
use chrono::TimeZone;
use egui_plot::{HoverPosition, Legend, Line, LineStyle, Plot, Polygon, VLine};
use plant_accounting::trajectory::{Part, Trajectory};
use plant_i18n::t;
use plant_viewer_context::format_value;

const DAY_MS: f64 = 86_400_000.0;
const PLOT: &str = "co2-trajectory"; // i18n-ok: an id
const TARGET_COLOUR: egui::Color32 = egui::Color32::from_rgb(110, 170, 235);
const RECORDED_COLOUR: egui::Color32 = egui::Color32::from_rgb(214, 96, 77);
const ESTIMATED_COLOUR: egui::Color32 = egui::Color32::from_rgb(160, 160, 160);
const PROJECTED_COLOUR: egui::Color32 = egui::Color32::from_rgb(240, 150, 60);
const BAND_COLOUR: egui::Color32 = egui::Color32::from_rgba_premultiplied(90, 38, 30, 90);
const CURSOR_COLOUR: egui::Color32 = egui::Color32::from_rgb(240, 200, 80);

/// The trajectory's line and, opened, its chart; nothing when the site has no target for the cursor's year.
pub fn trajectory_ui(ui: &mut egui::Ui, made: Option<&Result<Trajectory, String>>, making: bool, tz: chrono_tz::Tz) {
    let Some(made) = made else {
        if making {
            ui.weak(t!("flows-trajectory-making"));
        }
        return;
    };
    let tr = match made {
        Ok(tr) => tr,
        Err(e) => {
            ui.weak(t!("flows-trajectory-none", reason = e.as_str()));
            return;
        }
    };
    let t_co2 = |v: f64| format_value(v, "t CO2"); // i18n-ok: a unit
    let pct = |x: f64| format!("{:+.1} %", x * 100.0);
    let (year, target, versus) = (tr.year.to_string(), t_co2(tr.target_t), pct(tr.year_end_vs_target));
    let band = |v: f64| if v.is_finite() { t_co2(v) } else { String::from("—") }; // i18n-ok: no band
    let (year_end, lower, upper) = (t_co2(tr.year_end_t), band(tr.year_end_lower_t), band(tr.year_end_upper_t));
    let title = t!("flows-trajectory", year = year, year_end = year_end, lower = lower, upper = upper, target = target, versus = versus);
    egui::CollapsingHeader::new(title).id_salt("flows-trajectory").default_open(true).show(ui, |ui| {
        ui.horizontal_wrapped(|ui| {
            let (to_date, recorded, target) = (t_co2(tr.to_date_t), t_co2(tr.recorded_t), t_co2(tr.target_to_date_t));
            let share = format!("{:.0}", 100.0 * tr.recorded_hours / tr.elapsed_hours.max(1.0));
            ui.label(t!("flows-trajectory-to-date", to_date = to_date, recorded = recorded, share = share, target = target));
            ui.separator();
            ui.label(t!("flows-trajectory-pace", pace = pct(tr.pace_vs_target)));
            let rate = format_value(tr.run_rate_t_per_h, "t CO2/h"); // i18n-ok: a unit
            let source = tr.source_text().unwrap_or("—"); // i18n-ok: nothing to show
            let method = t!("flows-trajectory-method", rate = rate, days = tr.complete_days, source = source);
            ui.weak(t!("flows-trajectory-hint")).on_hover_text(method);
        });
        chart(ui, tr, tz);
    });
}

/// Cumulative CO2 against days since 1 January: the target's pace, the line by what each day is made of,
/// the band beyond the cursor, the cursor.
fn chart(ui: &mut egui::Ui, tr: &Trajectory, tz: chrono_tz::Tz) {
    let start = tr.days.first().map_or(tr.at_ms, |d| d.end_ms - DAY_MS as i64);
    let x = move |ms: i64| (ms - start) as f64 / DAY_MS;
    let lang = plant_i18n::current();
    let date = move |days: f64| tz.timestamp_millis_opt(start + (days * DAY_MS) as i64).single().map(|d| d.naive_local());
    let mut target = vec![[0.0, 0.0]];
    target.extend(tr.days.iter().map(|d| [x(d.end_ms), d.target_t]));
    // One polyline per run of days made of the same part, joined to the run before.
    let mut runs: Vec<(Part, Vec<[f64; 2]>)> = Vec::new();
    let mut last = [0.0, 0.0];
    for d in &tr.days {
        let p = [x(d.end_ms), d.cumulative_t];
        match runs.last_mut() {
            Some((part, pts)) if *part == d.part => pts.push(p),
            _ => runs.push((d.part, vec![last, p])),
        }
        last = p;
    }
    let band: Vec<[[f64; 2]; 2]> = tr.days.iter().filter(|d| d.end_ms > tr.at_ms && d.upper_t > d.lower_t).map(|d| [[x(d.end_ms), d.lower_t], [x(d.end_ms), d.upper_t]]).collect();
    let cursor = x(tr.at_ms);
    Plot::new(PLOT)
        .height(150.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .include_y(0.0)
        .include_y(tr.target_t.max(tr.year_end_upper_t) * 1.05)
        .y_axis_min_width(56.0)
        .legend(Legend::default().position(egui_plot::Corner::LeftTop))
        .x_axis_formatter(move |mark, _| date(mark.value).map_or_else(String::new, |d| plant_i18n::date(lang, d.date())))
        .y_axis_formatter(|mark, _| plant_i18n::integer(mark.value.round() as i64))
        .label_formatter(move |h| {
            let p = match h {
                HoverPosition::NearDataPoint { position, .. } => position,
                HoverPosition::Elsewhere { position } => position,
            };
            let when = date(p.x).map_or_else(String::new, |d| plant_i18n::date(lang, d.date()));
            Some(format!("{when}\n{}", format_value(p.y, "t CO2"))) // i18n-ok: a unit
        })
        .show(ui, |plot| {
            // One quad a day (egui_plot fills convex polygons only), all under one name in the legend.
            let band_name = t!("flows-trajectory-band");
            for pair in band.windows(2) {
                let quad = vec![pair[0][0], pair[1][0], pair[1][1], pair[0][1]];
                plot.polygon(Polygon::new(band_name.as_str(), quad).fill_color(BAND_COLOUR).stroke(egui::Stroke::NONE));
            }
            for (part, pts) in runs {
                let (colour, style) = match part {
                    Part::Recorded => (RECORDED_COLOUR, LineStyle::Solid),
                    Part::Estimated => (ESTIMATED_COLOUR, LineStyle::Dotted { spacing: 4.0 }),
                    Part::Forecast | Part::RunRate => (PROJECTED_COLOUR, LineStyle::Dashed { length: 5.0 }),
                };
                plot.line(Line::new(part.name(), pts).color(colour).width(2.0).style(style));
            }
            plot.line(Line::new(t!("flows-trajectory-target-line"), target).color(TARGET_COLOUR).width(1.5).style(LineStyle::Dashed { length: 8.0 }));
            plot.vline(VLine::new(t!("flows-trajectory-cursor"), cursor).color(CURSOR_COLOUR).width(1.5));
        });
}
