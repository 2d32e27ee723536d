//! The equipment tree (grouped by area, with search) and the inspector of the selected item: its meters'
//! values at the cursor time and a chart of each meter around the cursor.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use chrono::TimeZone;
use egui_plot::{HoverPosition, Line, LineStyle, Plot, Polygon, VLine};
use plant_i18n::{Lang, Msg, msg, t};
use plant_shell::{FreeArea, PanelOrder, show_panel};
use plant_site::{Meter, Site};
use plant_store::{Reading, Store};
use plant_viewer_context::{
    CARBON_UNIT, ColourBy, CurrentSite, EquipmentAlarms, EquipmentNode, EquipmentReading, EquipmentTint, FrameRequest, MeterAnomalies, MeterData, ModelInfo, NO_DATA_COLOUR,
    Selection, SiteClock, egui_colour, format_value, priority_colour, swatch_ui,
};

const LINE_COLOUR: egui::Color32 = egui::Color32::from_rgb(94, 201, 98);
const FORECAST_COLOUR: egui::Color32 = egui::Color32::from_rgb(110, 170, 255);
const BAND_COLOUR: egui::Color32 = egui::Color32::from_rgba_premultiplied(40, 64, 100, 90);
const CURSOR_COLOUR: egui::Color32 = egui::Color32::from_rgb(255, 170, 40);
/// Anomalies: the magenta of their 3D marks, as a shaded span on the charts.
const ANOMALY_COLOUR: egui::Color32 = egui::Color32::from_rgb(217, 64, 242);
const ANOMALY_FILL: egui::Color32 = egui::Color32::from_rgba_premultiplied(70, 20, 80, 80);

// egui ids of the panels, grid and charts (not shown).
const TREE_PANEL: &str = "tree"; // i18n-ok
const INSPECTOR_PANEL: &str = "inspector"; // i18n-ok
const FACTS_GRID: &str = "eq-facts"; // i18n-ok
const CHART_PLOT: &str = "chart"; // i18n-ok
const CURSOR_LINE: &str = "cursor"; // i18n-ok

/// Chart windows offered, in hours either side of the cursor.
pub const WINDOWS_H: [f64; 4] = [1.0, 6.0, 24.0, 168.0];

/// The label of a chart window (`±6 h`, `±7 d`): whole days in days, else hours.
pub fn window_label(hours: f64) -> Msg {
    if hours >= 24.0 && hours % 24.0 == 0.0 { msg!("inspector-window-days", days = hours / 24.0) } else { msg!("inspector-window-hours", hours = hours) }
}

/// UI state of the tree and the inspector.
#[derive(Resource, Debug, Clone)]
pub struct InspectorState {
    pub search: String,
    /// Half-width of the chart window, hours.
    pub window_h: f64,
    /// Whether the charts show each meter's forecast beyond the cursor.
    pub forecast: bool,
}

impl Default for InspectorState {
    fn default() -> Self {
        Self { search: String::new(), window_h: 6.0, forecast: false }
    }
}

/// The forecast of a meter: its history (the 4 weeks before the cursor, hourly) and the band ahead.
type Outcome = Result<plant_forecast::Band, String>;

/// A forecast being made (its thread writes the slot) or made.
enum Slot {
    Making(std::sync::Arc<std::sync::Mutex<Option<Outcome>>>),
    Made(Outcome),
}

/// The key of a forecast: the meter's key in the store, the cursor hour, the horizon in hours.
type Key = (usize, i64, usize);

/// Forecasts made off the UI thread, one per meter, cursor hour and horizon, kept for the 64 most recent. A
/// made forecast is moved out of its thread's slot once, then lent to each frame (no copy, no allocation).
#[derive(Resource, Default)]
pub struct Forecasts {
    slots: std::collections::HashMap<Key, Slot>,
    order: std::collections::VecDeque<Key>,
}

/// The history a chart's forecast learns from.
const FORECAST_HISTORY_MS: i64 = 28 * 24 * 3_600_000;
const KEPT_FORECASTS: usize = 64;

impl Forecasts {
    /// The forecast of the meter whose store key is `meter` from the hour of `at_ms`, `horizon` hours ahead:
    /// `None` while it is being made (on a thread of its own, started here the first time it is asked for).
    pub fn get(&mut self, meter: usize, series: &std::sync::Arc<plant_store::Series>, at_ms: i64, horizon: usize) -> Option<&Outcome> {
        let hour = at_ms - at_ms.rem_euclid(plant_forecast::HOUR_MS);
        let key = (meter, hour, horizon);
        if self.slots.contains_key(&key) {
            let slot = self.slots.get_mut(&key)?;
            if let Slot::Making(made) = slot
                && let Some(outcome) = made.lock().ok().and_then(|mut o| o.take())
            {
                *slot = Slot::Made(outcome);
            }
            return match slot {
                Slot::Made(outcome) => Some(outcome),
                Slot::Making(_) => None,
            };
        }
        let slot = std::sync::Arc::new(std::sync::Mutex::new(None));
        let (out, series) = (slot.clone(), series.clone());
        let name = String::from("forecast"); // i18n-ok: a thread's name
        let spawned = std::thread::Builder::new().name(name).spawn(move || {
            // A panic in the model (a library's bug on odd data) is this forecast's error, not a dead slot.
            let made = std::panic::catch_unwind(|| {
                plant_forecast::forecast_samples(series.times_ms(), series.values(), hour, FORECAST_HISTORY_MS, plant_forecast::HOUR_MS, horizon, 0.95)
            })
            .map_err(|p| plant_site::panic_message(&*p))
            .and_then(|r| r.map(|(_, band)| band).map_err(|e| e.to_string()));
            if let Ok(mut o) = out.lock() {
                *o = Some(made);
            }
        });
        if let Err(e) = spawned
            && let Ok(mut o) = slot.lock()
        {
            *o = Some(Err(e.to_string()));
        }
        self.slots.insert(key, Slot::Making(slot));
        self.order.push_back(key);
        while self.order.len() > KEPT_FORECASTS {
            if let Some(old) = self.order.pop_front() {
                self.slots.remove(&old);
            }
        }
        None
    }
}

pub struct InspectorPlugin;

impl Plugin for InspectorPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<InspectorState>()
            .init_resource::<Forecasts>()
            .add_systems(EguiPrimaryContextPass, (tree_panel_system.in_set(PanelOrder::Left), inspector_panel_system.in_set(PanelOrder::Right)));
    }
}

/// Does an item match the search text (name, id, type, area or any of its meters, in either language)?
pub fn matches_search(site: &Site, id: &str, needle: &str) -> bool {
    let needle = needle.trim().to_lowercase();
    if needle.is_empty() {
        return true;
    }
    let Some(e) = site.equipment(id) else { return false };
    let hit = |s: &str| s.to_lowercase().contains(&needle);
    let hit_zh = |s: &Option<String>| s.as_deref().is_some_and(hit);
    hit(&e.name)
        || hit_zh(&e.name_zh)
        || hit(&e.id)
        || hit(&e.kind)
        || Lang::ALL.iter().any(|&l| hit(&plant_i18n::tr_args_in(l, "inspector-equipment-type", &[("kind", e.kind.as_str().into())])))
        || hit(&e.area)
        || hit_zh(&e.area_zh)
        || site.meters_of(id).any(|m| hit(&m.name) || hit_zh(&m.name_zh) || hit(&m.id))
}

#[allow(clippy::too_many_arguments)]
fn tree_panel_system(
    mut contexts: EguiContexts,
    mut area: ResMut<FreeArea>,
    site: Option<Res<CurrentSite>>,
    info: Res<ModelInfo>,
    mut state: ResMut<InspectorState>,
    mut selection: ResMut<Selection>,
    items: Query<(&EquipmentNode, &EquipmentReading, &EquipmentTint)>,
    by: Res<ColourBy>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(site) = site else { return Ok(()) };
    let site = &site.0;
    let unit = match *by {
        ColourBy::Quantity(q) => q.display_unit(),
        ColourBy::Carbon => CARBON_UNIT,
        ColourBy::Model => "",
    };
    let by_id: std::collections::HashMap<&str, (&EquipmentReading, &EquipmentTint)> = items.iter().map(|(n, r, t)| (n.id.as_str(), (r, t))).collect();
    show_panel(ctx, &mut area, TREE_PANEL, |root| {
        egui::Panel::left(TREE_PANEL).resizable(true).default_size(270.0).show(root, |ui| {
            ui.heading(t!("inspector-equipment"));
            ui.add(egui::TextEdit::singleline(&mut state.search).hint_text(t!("inspector-search-hint")).desired_width(f32::INFINITY));
            ui.separator();
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                // Areas in the order of the site, grouped by their name in site.toml, shown in the language's.
                let mut areas: Vec<(&str, &str)> = Vec::new();
                for e in &site.equipment {
                    if !areas.iter().any(|(a, _)| *a == e.area) {
                        areas.push((&e.area, e.display_area()));
                    }
                }
                let mut any = false;
                for (area_name, area_title) in areas {
                    let members: Vec<_> = site.equipment.iter().filter(|e| e.area == area_name && matches_search(site, &e.id, &state.search)).collect();
                    if members.is_empty() {
                        continue;
                    }
                    any = true;
                    let title = if area_title.is_empty() { "—" } else { area_title };
                    egui::CollapsingHeader::new(title).default_open(true).id_salt(("area", area_name)).show(ui, |ui| {
                        for e in members {
                            let item = by_id.get(e.id.as_str());
                            ui.horizontal(|ui| {
                                swatch_ui(ui, item.map_or(NO_DATA_COLOUR, |(_, tint)| tint.0));
                                let selected = selection.0.as_deref() == Some(e.id.as_str());
                                let bound = info.0.bound.contains_key(&e.id);
                                // Value on the right first, so a long name truncates instead of overlapping it.
                                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                                    if let Some((reading, _)) = item
                                        && let Some(v) = reading.0
                                    {
                                        ui.weak(format_value(v, unit));
                                    }
                                    if !bound {
                                        ui.colored_label(ui.visuals().warn_fg_color, "⚠").on_hover_text(t!("inspector-not-in-model"));
                                    }
                                    ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                                        let label = ui.add(egui::Button::selectable(selected, e.display_name()).truncate()).on_hover_text(e.display_name());
                                        if label.clicked() {
                                            selection.0 = if selected { None } else { Some(e.id.clone()) };
                                        }
                                    });
                                });
                            });
                        }
                    });
                }
                if !any {
                    ui.weak(t!("inspector-no-match"));
                }
            });
        });
    });
    Ok(())
}

/// Text for a reading in the current language: value and unit, or why there is none.
pub fn reading_text(meter: &Meter, r: &Reading) -> String {
    reading_text_in(plant_i18n::current(), meter, r)
}

/// Text for a reading in `lang`.
pub fn reading_text_in(lang: Lang, meter: &Meter, r: &Reading) -> String {
    match r {
        Reading::Value(sample) => format_value(sample.value, &meter.unit),
        Reading::Gap { last } => msg!("inspector-reading-gap", last = format_value(last.value, &meter.unit)).text_in(lang),
        Reading::BeforeStart => msg!("inspector-reading-before-start").text_in(lang),
        // Past the last sample by more than the hold time: live, that is a stale meter, not a current value.
        Reading::AfterEnd { last } => msg!("inspector-reading-stale", last = format_value(last.value, &meter.unit)).text_in(lang),
    }
}

#[allow(clippy::too_many_arguments)]
fn inspector_panel_system(
    mut contexts: EguiContexts,
    mut area: ResMut<FreeArea>,
    site: Option<Res<CurrentSite>>,
    info: Res<ModelInfo>,
    data: Res<MeterData>,
    clock: Res<SiteClock>,
    mut state: ResMut<InspectorState>,
    selection: Res<Selection>,
    mut frame: MessageWriter<FrameRequest>,
    alarms: Res<EquipmentAlarms>,
    mut forecasts: ResMut<Forecasts>,
    anomalies: Res<MeterAnomalies>,
    residency: Res<plant_viewer_context::Residency>,
    mut charted: ResMut<plant_viewer_context::Charted>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(site) = site else { return Ok(()) };
    let Some(id) = selection.0.as_deref() else { return Ok(()) };
    let loading = residency.loading_at(clock.now_ms);
    let Some(eq) = site.0.equipment(id) else { return Ok(()) };
    show_panel(ctx, &mut area, INSPECTOR_PANEL, |root| {
        egui::Panel::right(INSPECTOR_PANEL).resizable(true).default_size(380.0).show(root, |ui| {
            ui.heading(eq.display_name());
            egui::Grid::new(FACTS_GRID).num_columns(2).show(ui, |ui| {
                ui.weak(t!("inspector-type"));
                ui.label(t!("inspector-equipment-type", kind = eq.kind.as_str()));
                ui.end_row();
                ui.weak(t!("inspector-id"));
                ui.monospace(&eq.id);
                ui.end_row();
                ui.weak(t!("inspector-area"));
                ui.label(eq.display_area());
                ui.end_row();
                ui.weak(t!("inspector-node"));
                match info.0.bound.get(&eq.id) {
                    Some(n) => ui.monospace(n),
                    None => ui.colored_label(ui.visuals().warn_fg_color, t!("inspector-not-in-model")),
                };
                ui.end_row();
                // Bound by its mesh (a CAD export's unnamed node): the mesh's name says more than `GltfNode<i>`.
                if let Some(mesh) = &eq.mesh {
                    ui.weak(t!("inspector-mesh"));
                    ui.monospace(mesh);
                    ui.end_row();
                }
            });
            if info.0.bound.contains_key(&eq.id) && ui.button(t!("inspector-frame")).clicked() {
                frame.write(FrameRequest(Some(eq.id.clone())));
            }
            if let Some(marks) = alarms.0.get(&eq.id) {
                ui.separator();
                ui.strong(t!("inspector-alarms"));
                for m in marks {
                    ui.horizontal(|ui| {
                        ui.colored_label(egui_colour(priority_colour(m.priority)), m.priority.label(plant_i18n::current()));
                        ui.label(&m.message);
                        ui.weak(msg!("alarms-state", state = m.state.key()).text());
                    });
                }
            }
            ui.separator();
            ui.horizontal(|ui| {
                ui.strong(t!("inspector-meters"));
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    for &h in WINDOWS_H.iter().rev() {
                        ui.selectable_value(&mut state.window_h, h, window_label(h).text());
                    }
                    ui.weak(t!("inspector-chart-window"));
                    ui.checkbox(&mut state.forecast, t!("inspector-forecast")).on_hover_text(t!("inspector-forecast-hover"));
                });
            });
            let meters: Vec<&Meter> = site.0.meters_of(&eq.id).collect();
            if meters.is_empty() {
                ui.weak(t!("inspector-no-meters"));
            }
            anomalies_ui(ui, &meters, &anomalies, &clock, state.window_h);
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                let lines = database_lines(ui, &meters, &clock, state.window_h, &residency, &mut charted);
                for m in meters {
                    let line = match &lines {
                        Lines::Held => None,
                        Lines::Asked => Some(Err(())),
                        Lines::Came(l, step) => Some(Ok((l.get(&m.id).map(Vec::as_slice).unwrap_or_default(), *step))),
                    };
                    meter_ui(ui, m, &data.0, &clock, state.window_h, state.forecast.then_some(&mut *forecasts), &anomalies, loading, line);
                }
            });
        });
    });
    Ok(())
}

/// A meter the held samples do not have, drawn from the database's line alone.
static EMPTY_SERIES: std::sync::LazyLock<plant_store::Series> = std::sync::LazyLock::new(plant_store::Series::default);

/// Where the charts' lines come from.
enum Lines {
    /// The samples held: all of them, or a paged database's that hold the whole window.
    Held,
    /// A paged database's window not held, asked of the database and not answered yet.
    Asked,
    /// The database's lines ([`plant_viewer_context::Charted`]), by meter, and their column width (ms).
    Came(std::sync::Arc<std::collections::HashMap<String, Vec<(i64, f64)>>>, i64),
}

/// The pixel columns of a meter's chart in `ui`.
fn chart_columns(ui: &egui::Ui) -> usize {
    ((ui.available_width() - 44.0).max(1.0) * ui.ctx().pixels_per_point()).round() as usize
}

/// Over a paged database whose held hours do not cover the charts' window, the lines asked of the database
/// (reduced to the charts' pixel columns, docs/historian.md) — or, while they are on their way, the held part.
fn database_lines(
    ui: &mut egui::Ui,
    meters: &[&Meter],
    clock: &SiteClock,
    window_h: f64,
    residency: &plant_viewer_context::Residency,
    charted: &mut ResMut<plant_viewer_context::Charted>,
) -> Lines {
    let half = (window_h * 3_600_000.0) as i64;
    let held = residency.holds(clock.now_ms - half, clock.now_ms + half);
    if held || meters.is_empty() {
        if charted.asked.is_some() {
            charted.asked = None;
        }
        return Lines::Held;
    }
    let ids: Vec<&str> = meters.iter().map(|m| m.id.as_str()).collect();
    if let Some(new) = plant_viewer_context::ChartWindow::for_charts(&ids, clock.now_ms, half, chart_columns(ui), charted.asked.as_ref()) {
        charted.asked = Some(new);
    }
    let Some(ask) = charted.asked.as_ref() else { return Lines::Held };
    // An answer for the window asked now, or one that still covers the charts (drawn until the new one comes).
    let covers = |w: &plant_viewer_context::ChartWindow| w.meters == ask.meters && w.window.0 <= clock.now_ms - half && clock.now_ms + half <= w.window.1;
    match &charted.answer {
        Some((w, Ok(lines))) if w == ask || covers(w) => Lines::Came(lines.clone(), w.step_ms),
        Some((w, Err(e))) if w == ask => {
            ui.colored_label(ui.visuals().warn_fg_color, t!("inspector-chart-failed", error = e.as_str()));
            Lines::Held
        }
        _ => {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.weak(t!("inspector-chart-loading"));
            });
            Lines::Asked
        }
    }
}

/// The anomalies of the item's meters in the chart window: kind, meter, start (docs/anomalies.md).
fn anomalies_ui(ui: &mut egui::Ui, meters: &[&Meter], anomalies: &MeterAnomalies, clock: &SiteClock, window_h: f64) {
    let half = (window_h * 3_600_000.0) as i64;
    let (t0, t1) = (clock.now_ms - half, clock.now_ms + half);
    let found: Vec<(&Meter, &plant_anomaly::Anomaly)> = meters.iter().flat_map(|m| anomalies.of(&m.id, t0, t1).map(move |a| (*m, a))).collect();
    if found.is_empty() {
        return;
    }
    ui.separator();
    ui.strong(t!("inspector-anomalies"));
    for (m, a) in found.iter().take(8) {
        ui.horizontal(|ui| {
            ui.colored_label(ANOMALY_COLOUR, plant_anomaly::export::kind_name(a.kind));
            ui.label(m.display_name());
            ui.weak(plant_viewer_context::format_time(a.start_ms, clock.time_zone, "%m-%d %H:%M"));
        });
    }
}

/// The chart's points over `[t0, t1)` — the held samples reduced to `columns` (M4), or over a paged
/// database the database's line (its columns a little wider than the chart's: it asked for more than the
/// window) — and the same as lines in chart coordinates, split at gaps so a gap shows as a gap.
fn chart_points<'a>(
    series: &plant_store::Series,
    database: Option<(&'a [(i64, f64)], i64)>,
    (t0, t1): (i64, i64),
    columns: usize,
    to_x: impl Fn(i64) -> f64,
) -> (std::borrow::Cow<'a, [(i64, f64)]>, Vec<Vec<[f64; 2]>>) {
    let (points, gap) = match database {
        Some((line, step)) => {
            let (a, b) = (line.partition_point(|p| p.0 < t0), line.partition_point(|p| p.0 < t1));
            // A column without samples leaves more than a column between points: a gap.
            (std::borrow::Cow::Borrowed(&line[a..b]), series.hold_ms().max(step).max(1))
        }
        None => (std::borrow::Cow::Owned(series.m4(t0, t1, columns)), series.hold_ms().max(1)),
    };
    let mut lines: Vec<Vec<[f64; 2]>> = vec![Vec::new()];
    let mut last_t = None;
    for &(t, v) in points.iter() {
        if last_t.is_some_and(|lt: i64| t - lt > gap.max((t1 - t0) / columns.max(1) as i64)) {
            lines.push(Vec::new());
        }
        if let Some(l) = lines.last_mut() {
            l.push([to_x(t), v]);
        }
        last_t = Some(t);
    }
    (points, lines)
}

/// One meter: its name, its value at the cursor, and a chart of the window around the cursor with its
/// anomalies shaded.
/// `loading`: the record at the cursor is still coming from a paged database (no value is "no data" yet).
/// `database`: a paged database's line for the chart's window when its held hours do not cover it, and its
/// column width (`Ok`),
/// or `Err` while that line is on its way (the held part is drawn meanwhile); `None`: the held samples.
#[allow(clippy::too_many_arguments)]
fn meter_ui(
    ui: &mut egui::Ui,
    m: &Meter,
    store: &Store,
    clock: &SiteClock,
    window_h: f64,
    forecasts: Option<&mut Forecasts>,
    anomalies: &MeterAnomalies,
    loading: bool,
    database: Option<Result<(&[(i64, f64)], i64), ()>>,
) {
    let series = store.get(&m.id);
    let reading = series.map(|s| s.reading_at(clock.now_ms));
    ui.horizontal(|ui| {
        ui.label(m.display_name());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let text = match &reading {
                Some(r) if r.value().is_some() || !loading => reading_text(m, r),
                _ if loading => t!("inspector-reading-loading"),
                Some(r) => reading_text(m, r),
                None => t!("inspector-reading-no-column"),
            };
            let text = egui::RichText::new(text).monospace();
            if reading.as_ref().and_then(Reading::value).is_some() {
                ui.strong(text)
            } else {
                ui.weak(text)
            };
        })
        .response
        .on_hover_text(t!("inspector-meter-hover", id = &m.id, column = &m.column, unit = &m.unit));
    });
    let from_database = database.and_then(Result::ok);
    let Some(series) = series.or(from_database.map(|_| &*EMPTY_SERIES)) else { return };
    let half = (window_h * 3_600_000.0) as i64;
    let (t0, t1) = (clock.now_ms - half, clock.now_ms + half);
    // Times relative to the cursor, in hours, keep f64 precision and read naturally.
    let to_x = |t: i64| (t - clock.now_ms) as f64 / 3_600_000.0;
    // The samples reduced to what the chart can show (M4: first, min, max and last per pixel column), so a
    // year of one-minute data draws the same line as all its points at a cost set by the chart's width.
    let (points, lines) = chart_points(series, from_database, (t0, t1), chart_columns(ui), to_x);
    // The forecast beyond the cursor, each step's mean drawn at the step's middle: the interval as a band of
    // one quad a step (egui_plot fills convex polygons only), the point forecast dashed.
    let horizon = window_h.ceil().clamp(1.0, 168.0) as usize;
    let outcome = forecasts.zip(store.key(&m.id).zip(store.get_shared(&m.id))).map(|(f, (key, shared))| f.get(key, shared, clock.now_ms, horizon));
    let band = match &outcome {
        Some(Some(Ok(band))) => Some(band),
        Some(None) => {
            ui.weak(t!("inspector-forecast-pending"));
            None
        }
        Some(Some(Err(e))) => {
            ui.weak(t!("inspector-forecast-none", reason = e.as_str()));
            None
        }
        None => None,
    };
    // Anomalies as spans over the values' range (a spike, a single instant, as a span of a pixel or two).
    let (lo, hi) = points.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &(_, v)| (lo.min(v), hi.max(v)));
    let min_w = (t1 - t0) as f64 / 3_600_000.0 / 300.0;
    let spans: Vec<[f64; 2]> =
        if lo.is_finite() { anomalies.of(&m.id, t0, t1).map(|a| [to_x(a.start_ms), to_x(a.end_ms).max(to_x(a.start_ms) + min_w)]).collect() } else { Vec::new() };
    let tz = clock.time_zone;
    let now = clock.now_ms;
    let unit = m.unit.clone();
    let lang = plant_i18n::current();
    // The cursor time plus `hours`, in the site's time zone.
    let at = move |hours: f64| tz.timestamp_millis_opt(now + (hours * 3_600_000.0) as i64).single().map(|d| d.naive_local());
    Plot::new((CHART_PLOT, &m.id))
        .height(90.0)
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .show_x(true)
        .include_x(-window_h)
        .include_x(window_h)
        .y_axis_min_width(44.0)
        .x_axis_formatter(move |mark, _| match at(mark.value) {
            Some(t) if window_h > 30.0 => plant_i18n::month_day_time(lang, t),
            Some(t) => plant_i18n::time(&t),
            None => String::from("—"),
        })
        .label_formatter(move |h| {
            let p = match h {
                HoverPosition::NearDataPoint { position, .. } => position,
                HoverPosition::Elsewhere { position } => position,
            };
            let when = at(p.x).map_or_else(|| String::from("—"), |t| plant_i18n::datetime(lang, t));
            Some(format!("{when}\n{}", format_value(p.y, &unit)))
        })
        .show(ui, |plot| {
            // One colour for the meter; segments split at gaps so a gap shows as a gap.
            for (i, pts) in lines.into_iter().enumerate() {
                if !pts.is_empty() {
                    plot.line(Line::new(format!("{}#{i}", m.id), pts).width(1.2).color(LINE_COLOUR));
                }
            }
            if let Some(b) = band {
                let x = |k: usize| to_x(b.start_ms + b.step_ms * k as i64 + b.step_ms / 2);
                for k in 0..b.point.len().saturating_sub(1) {
                    let quad = vec![[x(k), b.lower[k]], [x(k + 1), b.lower[k + 1]], [x(k + 1), b.upper[k + 1]], [x(k), b.upper[k]]];
                    plot.polygon(Polygon::new(format!("{}#band{k}", m.id), quad).fill_color(BAND_COLOUR).stroke(egui::Stroke::NONE));
                }
                let pts: Vec<[f64; 2]> = b.point.iter().enumerate().map(|(k, p)| [x(k), *p]).collect();
                plot.line(Line::new(format!("{}#forecast", m.id), pts).width(1.2).color(FORECAST_COLOUR).style(LineStyle::Dashed { length: 5.0 }));
            }
            for (k, [a, b]) in spans.into_iter().enumerate() {
                let rect = vec![[a, lo], [b, lo], [b, hi], [a, hi]];
                plot.polygon(Polygon::new(format!("{}#anomaly{k}", m.id), rect).fill_color(ANOMALY_FILL).stroke(egui::Stroke::new(1.0, ANOMALY_COLOUR)));
            }
            plot.vline(VLine::new(CURSOR_LINE, 0.0).width(1.5).color(CURSOR_COLOUR));
        });
}
