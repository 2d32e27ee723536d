//! The anomalies view (docs/anomalies.md): when a site's data is loaded, its anomalies are found on a
//! background thread (progress on the button; a new site or recording cancels and restarts it; live samples
//! are looked at again at most once a minute), handed to the other views ([`MeterAnomalies`]: the
//! inspector shades them on the charts), marked in 3D (a ring around each item with one at the cursor), and
//! listed: kind and text filter, each row selects its equipment and moves the cursor to its start, and the
//! list exports as CSV and Markdown.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use plant_anomaly::export::{duration, kind_name};
use plant_anomaly::{Anomaly, Kind, Settings, site_anomalies};
use plant_i18n::{msg, t};
use plant_shell::PanelOrder;
use plant_viewer_context::{CurrentSite, EquipmentNode, FrameRequest, MeterAnomalies, MeterData, ModelInfo, Selection, SiteClock, ViewerSystems, format_time};

/// Adds the anomalies; `ui: false` finds them without the list or the 3D marks (headless tests).
pub struct AnomaliesPlugin {
    pub ui: bool,
}

impl Plugin for AnomaliesPlugin {
    fn build(&self, app: &mut App) {
        // Collected before a new one starts: a result comes at the earliest a frame after its thread began,
        // whatever else the frame runs meanwhile (the frame the data comes in is a long one).
        app.init_resource::<Detection>().add_systems(Update, (collect_detection, start_detection).chain().in_set(ViewerSystems::Accounting));
        if self.ui {
            app.init_resource::<ListUi>()
                .init_resource::<OpenAtStart>()
                .add_systems(Startup, open_at_start)
                .add_systems(Update, mark_in_3d.after(ViewerSystems::Readings))
                .add_systems(EguiPrimaryContextPass, list_ui.in_set(PanelOrder::Overlay));
        }
    }
}

/// Open the anomaly list at start (`plant-twin --anomalies`).
#[derive(Resource, Default, Clone, Copy)]
pub struct OpenAtStart(pub bool);

/// A detection on its thread: progress, the way to cancel it, and its slot for the result.
struct Job {
    done: Arc<AtomicUsize>,
    total: Arc<AtomicUsize>,
    cancel: Arc<AtomicBool>,
    result: Arc<Mutex<Option<Result<Vec<Anomaly>, String>>>>,
}

/// The detection state: what it ran on, the one running, and when the last one started.
#[derive(Resource, Default)]
pub struct Detection {
    site_root: Option<PathBuf>,
    store: usize,
    samples: usize,
    job: Option<Job>,
    started: Option<Instant>,
    /// How many anomalies the last run found, or why it failed.
    pub outcome: Option<Result<usize, String>>,
}

impl Detection {
    /// Progress of the running detection as (done, total), or `None` when none runs.
    pub fn progress(&self) -> Option<(usize, usize)> {
        self.job.as_ref().map(|j| (j.done.load(Ordering::Relaxed), j.total.load(Ordering::Relaxed)))
    }
}

/// Live samples are looked at again at most this often.
const LIVE_REDO: Duration = Duration::from_secs(60);

fn start_detection(site: Option<Res<CurrentSite>>, data: Res<MeterData>, mut det: ResMut<Detection>) {
    let Some(site) = site else { return };
    let store = Arc::as_ptr(&data.0) as usize;
    let samples = data.0.sample_count();
    let new_site = det.site_root.as_ref() != Some(&site.0.root) || det.store != store;
    let grown = samples != det.samples && det.job.is_none() && det.started.is_none_or(|s| s.elapsed() >= LIVE_REDO);
    if samples == 0 || !(new_site || grown) {
        return;
    }
    if let Some(old) = det.job.take() {
        old.cancel.store(true, Ordering::Relaxed);
    }
    let job = Job {
        done: Arc::new(AtomicUsize::new(0)),
        total: Arc::new(AtomicUsize::new(site.0.meters.len())),
        cancel: Arc::new(AtomicBool::new(false)),
        result: Arc::new(Mutex::new(None)),
    };
    let (site_arc, store_arc) = (site.0.clone(), data.0.clone());
    let (done, total, cancel, slot) = (job.done.clone(), job.total.clone(), job.cancel.clone(), job.result.clone());
    std::thread::spawn(move || {
        let progress = |d: usize, n: usize| {
            done.store(d, Ordering::Relaxed);
            total.store(n, Ordering::Relaxed);
            !cancel.load(Ordering::Relaxed)
        };
        // A fault in the detectors must not leave the button spinning: it ends the run with a message.
        let found = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| site_anomalies(&site_arc, &store_arc, None, &Settings::default(), &progress)))
            .map_err(|_| t!("anomalies-view-crashed"))
            .and_then(|r| r.map_err(|e| e.to_string()));
        if let Ok(mut s) = slot.lock() {
            *s = Some(found);
        }
    });
    *det = Detection { site_root: Some(site.0.root.clone()), store, samples, job: Some(job), started: Some(Instant::now()), outcome: det.outcome.take() };
}

fn collect_detection(mut det: ResMut<Detection>, mut anomalies: ResMut<MeterAnomalies>) {
    let Some(job) = &det.job else { return };
    let Some(result) = job.result.lock().ok().and_then(|mut s| s.take()) else { return };
    det.job = None;
    match result {
        Ok(list) => {
            det.outcome = Some(Ok(list.len()));
            *anomalies = MeterAnomalies::new(list);
        }
        Err(e) => det.outcome = Some(Err(e)),
    }
}

fn open_at_start(open: Res<OpenAtStart>, mut ui: ResMut<ListUi>) {
    ui.open = open.0;
}

/// The magenta of the anomaly marks (apart from the alarm priorities' red, orange, yellow and cyan).
const MARK: Color = Color::srgb(0.85, 0.25, 0.95);

/// A ring above each equipment item that has an anomaly at the cursor (a minute either side; a recurring gap,
/// one entry spanning many days, is left to the list).
fn mark_in_3d(
    site: Option<Res<CurrentSite>>,
    clock: Res<SiteClock>,
    anomalies: Res<MeterAnomalies>,
    info: Res<ModelInfo>,
    items: Query<(&EquipmentNode, &GlobalTransform)>,
    mut gizmos: Gizmos,
) {
    let Some(site) = site else { return };
    if anomalies.list.is_empty() {
        return;
    }
    let (t0, t1) = (clock.now_ms - 60_000, clock.now_ms + 60_000);
    let mut marked: Vec<&str> = anomalies
        .list
        .iter()
        .filter(|a| a.count == 1 && a.overlaps(t0, t1))
        .filter_map(|a| a.meter.as_deref())
        .filter_map(|m| site.0.meter_in(m).map(|m| m.equipment.as_str()))
        .collect();
    marked.sort_unstable();
    marked.dedup();
    for (node, at) in &items {
        if marked.binary_search(&node.id.as_str()).is_err() {
            continue;
        }
        let (centre, radius) = match info.0.equipment_bounds.get(&node.id) {
            Some((lo, hi)) => {
                let (lo, hi) = (Vec3::from(*lo), Vec3::from(*hi));
                (Vec3::new((lo.x + hi.x) / 2.0, hi.y, (lo.z + hi.z) / 2.0), ((hi - lo).xz().length() / 2.0).max(1.0))
            }
            None => (at.translation(), 3.0),
        };
        gizmos.circle(Isometry3d::new(centre + Vec3::Y * 0.5, Quat::from_rotation_x(std::f32::consts::FRAC_PI_2)), radius * 1.1, MARK);
    }
}

/// The list window: open, filter, the file last exported.
#[derive(Resource, Default)]
struct ListUi {
    open: bool,
    filter: String,
    kind: Option<Kind>,
    exported: Option<Result<Vec<PathBuf>, String>>,
}

const GRID: &str = "anomalies-grid"; // i18n-ok: the grid's id
/// The columns' catalogue ids.
const HEADERS: [&str; 7] = [
    "app-anomalies-col-start",    // i18n-ok: a catalogue id
    "app-anomalies-col-duration", // i18n-ok: a catalogue id
    "app-anomalies-col-meter",    // i18n-ok: a catalogue id
    "app-anomalies-col-kind",     // i18n-ok: a catalogue id
    "app-anomalies-col-value",    // i18n-ok: a catalogue id
    "app-anomalies-col-expected", // i18n-ok: a catalogue id
    "app-anomalies-col-sigmas",   // i18n-ok: a catalogue id
];

/// The exported list's files' extensions: CSV and Markdown.
const LIST_FILES: [&str; 2] = ["csv", "md"]; // i18n-ok: extensions

/// The folder of the settings folder exported lists go to.
const LISTS_FOLDER: &str = "anomaly-lists"; // i18n-ok: a folder name

/// Writes the list shown as CSV (for Excel) and Markdown into `anomaly-lists/` of the settings folder.
fn export(site: &plant_site::Site, rows: &[&Anomaly], now_ms: i64) -> Result<Vec<PathBuf>, String> {
    let folder = plant_i18n::config_dir().map(|d| d.join(LISTS_FOLDER)).ok_or_else(|| t!("alarms-view-no-folder"))?;
    std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let tz = site.time_zone;
    let stem = format!("anomalies-{}", format_time(now_ms, tz, "%Y%m%d-%H%M")); // i18n-ok: a file name
    let owned: Vec<Anomaly> = rows.iter().map(|a| (*a).clone()).collect();
    let iso = |t: i64| plant_viewer_context::format_time_in(plant_i18n::Lang::En, t, tz, "%Y-%m-%dT%H:%M:%S%:z"); // i18n-ok: ISO 8601
    let unit = |m: &str| site.meter_in(m).map_or_else(String::new, |m| m.unit.clone());
    let csv = plant_anomaly::export::csv(&owned, &iso, &unit);
    let mut md = format!("# {}\n\n| {} |\n|{}\n", t!("app-anomalies-title", site = site.name()), HEADERS.map(plant_i18n::tr).join(" | "), "---|".repeat(HEADERS.len()));
    for a in rows {
        md.push_str(&format!("| {} |\n", cells(site, a).join(" | ")));
    }
    let mut written = Vec::new();
    for (ext, text) in LIST_FILES.into_iter().zip([csv, md]) {
        let path = folder.join(format!("{stem}.{ext}"));
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// A row's cells in the current language: start, duration, meter, kind, seen, expected, σ.
fn cells(site: &plant_site::Site, a: &Anomaly) -> [String; 7] {
    let meter = a.meter.as_deref().and_then(|m| site.meter(m));
    let unit = a.meter.as_deref().and_then(|m| site.meter_in(m)).map_or("", |m| m.unit.as_str());
    let value = |x: f64| if x.is_finite() { format!("{} {unit}", plant_anomaly::export::number(x)) } else { "–".to_owned() };
    let kind = if a.count > 1 { format!("{} ×{}", kind_name(a.kind), a.count) } else { kind_name(a.kind) };
    [
        format_time(a.start_ms, site.time_zone, "%m-%d %H:%M"),
        duration(a.end_ms - a.start_ms),
        // A name that several meters share (120 cells' "Cell voltage") says which only with its id.
        meter.map_or_else(
            // A model check's sum of meters as site.toml writes it; no meter: an outage of them all.
            || a.meter.clone().unwrap_or_else(|| t!("app-anomalies-all-meters")),
            |m| {
                if site.meters.iter().filter(|x| x.display_name() == m.display_name()).count() > 1 {
                    format!("{} ({})", m.display_name(), m.id)
                } else {
                    m.display_name().to_owned()
                }
            },
        ),
        kind,
        value(a.value),
        value(a.expected),
        if a.score > 0.0 { format!("{:.0}", a.score) } else { "–".to_owned() },
    ]
}

#[allow(clippy::too_many_arguments)]
fn list_ui(
    mut contexts: EguiContexts,
    area: Res<plant_shell::FreeArea>,
    site: Option<Res<CurrentSite>>,
    mut clock: ResMut<SiteClock>,
    det: Res<Detection>,
    anomalies: Res<MeterAnomalies>,
    mut ui_state: ResMut<ListUi>,
    mut selection: ResMut<Selection>,
    mut frame: MessageWriter<FrameRequest>,
    residency: Res<plant_viewer_context::Residency>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(site) = site else { return Ok(()) };
    let running = det.progress();
    plant_shell::overlay(ctx, &area, plant_shell::Overlay::AnomaliesButton, |ui| {
        let text = match running {
            Some((done, total)) => msg!("anomalies-view-button-running", percent = (100 * done / total.max(1)) as i64).text(),
            None => msg!("anomalies-view-button", count = anomalies.list.len()).text(),
        };
        // On one line, however narrow the overlay's area.
        if ui.add(egui::Button::new(text).wrap_mode(egui::TextWrapMode::Extend)).on_hover_text(t!("anomalies-view-button-hint")).clicked() {
            ui_state.open = !ui_state.open;
        }
    });
    if running.is_some() {
        ctx.request_repaint_after(Duration::from_millis(200));
    }
    if !ui_state.open {
        return Ok(());
    }
    let mut open = ui_state.open;
    let free = area.0;
    let pos = egui::pos2(free.left() + 10.0, (free.bottom() - 380.0).max(free.top() + 10.0));
    let mut seek: Option<(i64, Option<String>)> = None;
    egui::Window::new(t!("anomalies-view-title"))
        .id(egui::Id::new("anomalies-window"))
        .open(&mut open)
        .default_pos(pos)
        .default_size([(free.width() - 20.0).clamp(300.0, 780.0), 260.0])
        .resizable(true)
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            match (running, &det.outcome) {
                (Some((done, total)), _) => ui.label(msg!("anomalies-view-running", done = done, total = total).text()),
                (None, Some(Err(e))) => ui.colored_label(ui.visuals().warn_fg_color, msg!("anomalies-view-failed", error = e.as_str()).text()),
                _ => ui.weak(t!("anomalies-view-method")),
            };
            // A paged database: the detectors see the hours held, not the record (docs/historian.md).
            if residency.paged.is_some() {
                ui.colored_label(ui.visuals().warn_fg_color, t!("anomalies-view-paged", site = site.0.root.display().to_string()));
            }
            let rows: Vec<&Anomaly> = visible(&anomalies, &site.0, &ui_state);
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(&mut ui_state.filter).hint_text(t!("anomalies-view-filter")).desired_width(200.0));
                egui::ComboBox::from_id_salt("anomaly-kind").selected_text(ui_state.kind.map_or_else(|| t!("anomalies-view-all-kinds"), kind_name)).show_ui(ui, |ui| {
                    ui.selectable_value(&mut ui_state.kind, None, t!("anomalies-view-all-kinds"));
                    for k in Kind::ALL {
                        ui.selectable_value(&mut ui_state.kind, Some(k), kind_name(k));
                    }
                });
                ui.label(msg!("anomalies-view-shown", shown = rows.len(), count = anomalies.list.len()).text());
                if ui.button(t!("anomalies-view-export")).on_hover_text(t!("anomalies-view-export-hint")).clicked() {
                    ui_state.exported = Some(export(&site.0, &rows, clock.now_ms));
                }
            });
            plant_viewer_context::files_written_ui(ui, ui_state.exported.as_ref());
            ui.separator();
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                egui::Grid::new(GRID).striped(true).num_columns(HEADERS.len()).show(ui, |ui| {
                    for h in HEADERS {
                        ui.strong(plant_i18n::tr(h));
                    }
                    ui.end_row();
                    for a in rows {
                        let [start, dur, meter, kind, value, expected, sigmas] = cells(&site.0, a);
                        if ui.link(start).on_hover_text(t!("anomalies-view-jump")).clicked() {
                            seek = Some((a.start_ms, a.meter.as_deref().and_then(|m| site.0.meter_in(m)).map(|m| m.equipment.clone())));
                        }
                        ui.label(dur);
                        ui.label(meter).on_hover_text(a.meter.as_deref().unwrap_or_default());
                        ui.label(kind);
                        ui.label(value);
                        ui.label(expected);
                        ui.label(sigmas);
                        ui.end_row();
                    }
                });
            });
        });
    if let Some((t, equipment)) = seek {
        clock.seek(t);
        if let Some(eq) = equipment.filter(|e| !e.is_empty()) {
            selection.0 = Some(eq.clone());
            frame.write(FrameRequest(Some(eq)));
        }
    }
    ui_state.open = open;
    Ok(())
}

/// The anomalies the list shows: of the kind picked, matching the filter (meter id or name, equipment name).
fn visible<'a>(anomalies: &'a MeterAnomalies, site: &plant_site::Site, ui: &ListUi) -> Vec<&'a Anomaly> {
    let needle = ui.filter.to_lowercase();
    anomalies
        .list
        .iter()
        .filter(|a| ui.kind.is_none_or(|k| a.kind == k))
        .filter(|a| {
            needle.is_empty() || {
                let meter = a.meter.as_deref().and_then(|m| site.meter(m));
                let eq = meter.and_then(|m| site.equipment(&m.equipment)).map(|e| e.display_name().to_lowercase()).unwrap_or_default();
                a.meter.as_deref().unwrap_or_default().to_lowercase().contains(&needle)
                    || meter.is_some_and(|m| m.display_name().to_lowercase().contains(&needle))
                    || eq.contains(&needle)
            }
        })
        .collect()
}
