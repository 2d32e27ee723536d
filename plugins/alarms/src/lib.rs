//! The site's alarms in the viewer (docs/alarms.md): loaded from the package's `alarms.toml`, evaluated by
//! `plant-alarms` on the recording and on live samples alike, their state at the cursor handed to the 3D
//! view and the inspector ([`EquipmentAlarms`]), and the alarm list: counts by priority, filter, sort,
//! select the equipment, acknowledge with a note, shelve for a time with a reason, unshelve. The operator's
//! actions are a log with the cursor's time, so scrubbing back shows what was true then; the log is kept in the
//! settings folder (`operator-logs/`), read back when the site opens (a trainee's actions during a training
//! session are the training's, not the site's: they are not kept).

use std::path::PathBuf;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use plant_alarms::engine::{Action, ActionKind, AlarmState, Timeline, state_at};
use plant_alarms::{Alarms, Priority};
use plant_i18n::{msg, t};
use plant_shell::PanelOrder;
use plant_viewer_context::{
    AlarmMark, CurrentSite, EquipmentAlarms, FrameRequest, Language, MeterData, OperatorAction, OperatorActionKind, Problems, Selection, SiteClock, TrainingRunning, ViewerSystems,
    egui_colour, format_time, priority_colour,
};

/// Adds the alarms; `ui: false` leaves out the list (headless tests).
pub struct AlarmsPlugin {
    pub ui: bool,
}

impl Plugin for AlarmsPlugin {
    fn build(&self, app: &mut App) {
        // The viewer keeps the operator's log in the settings folder; headless runs keep none unless told.
        if !app.world().contains_resource::<OperatorLogFolder>() {
            app.insert_resource(OperatorLogFolder(if self.ui { plant_i18n::config_dir().map(|d| d.join(plant_alarms::oplog::FOLDER)) } else { None }));
        }
        app.init_resource::<AlarmBook>()
            .init_resource::<AlarmList>()
            .add_systems(Update, (load_alarms.in_set(ViewerSystems::Load), update_timelines.in_set(ViewerSystems::Accounting), update_states.in_set(ViewerSystems::Scenario)));
        if self.ui {
            app.init_resource::<ListUi>()
                .init_resource::<OpenAtStart>()
                .add_systems(Startup, open_at_start)
                .add_systems(EguiPrimaryContextPass, list_ui.in_set(PanelOrder::Overlay));
        }
    }
}

/// Where the operator logs are kept (`None`: not kept).
#[derive(Resource, Clone, Debug, PartialEq)]
pub struct OperatorLogFolder(pub Option<PathBuf>);

/// The site's alarms, their activations over the data so far, and the operator's log.
#[derive(Resource, Default)]
pub struct AlarmBook {
    pub alarms: Option<Alarms>,
    pub timelines: Vec<Timeline>,
    /// The operator's log, each alarm's apart (in the order of the site's alarms).
    pub actions: Vec<Vec<Action>>,
    /// The site the alarms were read for, and the store the timelines were built on (its address: a new
    /// recording is a new store; live samples are appended to the same one).
    site_root: Option<PathBuf>,
    store: usize,
    /// The site's operator log between sessions (none without a settings folder), and the last failure to
    /// write it.
    log: Option<PathBuf>,
    pub log_error: Option<String>,
    /// A training session is running: actions are not kept.
    training: bool,
}

impl AlarmBook {
    /// Logs an operator's action on alarm `index` at the cursor's time `t_ms`.
    pub fn act(&mut self, index: usize, kind: ActionKind, note: &str, t_ms: i64) {
        let Some(def) = self.alarms.as_ref().and_then(|a| a.alarms.get(index)) else { return };
        if self.actions.len() <= index {
            self.actions.resize_with(index + 1, Vec::new);
        }
        let action = Action { t_ms, alarm: def.id.clone(), kind, note: note.to_owned() };
        if let (Some(path), false) = (&self.log, self.training) {
            self.log_error = plant_alarms::oplog::append(path, &action).err().map(|e| format!("{}: {e}", path.display()));
        }
        self.actions[index].push(action);
    }

    /// The site's kept log, each action under its alarm (those of alarms no longer defined are left out).
    fn read_log(&mut self, problems: &mut Problems) {
        let Some(alarms) = &self.alarms else { return };
        let mut actions = vec![Vec::new(); alarms.alarms.len()];
        if let Some(path) = &self.log {
            let (read, diags) = plant_alarms::oplog::read(path);
            problems.list.extend(diags);
            for a in read {
                if let Some(i) = alarms.alarms.iter().position(|d| d.id == a.alarm) {
                    actions[i].push(a);
                }
            }
        }
        self.actions = actions;
    }
}

/// One alarm in the list at the cursor.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Index in the site's alarms.
    pub index: usize,
    pub state: AlarmState,
    pub priority: Priority,
    /// When its current (or last) activation started.
    pub since_ms: Option<i64>,
    pub equipment: Option<String>,
}

/// The alarms at the cursor, for the list and the button: every alarm's row, and the annunciated ones'
/// counts by priority (critical first) and how many are unacknowledged.
#[derive(Resource, Default, Debug, Clone, PartialEq)]
pub struct AlarmList {
    pub rows: Vec<Row>,
    pub counts: [usize; 4],
    pub unacknowledged: usize,
    at: Option<(i64, usize)>,
}

fn load_alarms(site: Option<Res<CurrentSite>>, training: Res<TrainingRunning>, folder: Res<OperatorLogFolder>, mut book: ResMut<AlarmBook>, mut problems: ResMut<Problems>) {
    let Some(site) = site else { return };
    if book.training != training.0 {
        // A training session ended: what the trainee did goes, the site's own log comes back.
        book.training = training.0;
        if !training.0 {
            book.read_log(&mut problems);
        }
    }
    if book.site_root.as_ref() == Some(&site.0.root) {
        return;
    }
    let log = folder.0.as_ref().map(|d| plant_alarms::oplog::path_for(d, &site.0.root));
    *book = AlarmBook { site_root: Some(site.0.root.clone()), log, training: training.0, ..AlarmBook::default() };
    match plant_alarms::load_for_site(&site.0) {
        Ok(Some((alarms, diags))) => {
            problems.list.extend(diags);
            book.alarms = Some(alarms);
            book.read_log(&mut problems);
        }
        Ok(None) => {}
        Err(d) => problems.list.push(d),
    }
}

fn update_timelines(data: Res<MeterData>, mut book: ResMut<AlarmBook>) {
    if !data.is_changed() && !book.is_changed() {
        return;
    }
    let store = std::sync::Arc::as_ptr(&data.0) as usize;
    let book = &mut *book;
    let Some(alarms) = &book.alarms else { return };
    if book.store != store || book.timelines.len() != alarms.alarms.len() {
        book.timelines = alarms.alarms.iter().map(|d| Timeline::build(d, &data.0)).collect();
        book.store = store;
    } else {
        for (tl, d) in book.timelines.iter_mut().zip(&alarms.alarms) {
            tl.extend(d, &data.0);
        }
    }
}

fn update_states(
    site: Option<Res<CurrentSite>>,
    clock: Res<SiteClock>,
    book: Res<AlarmBook>,
    lang: Res<Language>,
    mut list: ResMut<AlarmList>,
    mut marks: ResMut<EquipmentAlarms>,
) {
    let Some(site) = site else { return };
    let Some(alarms) = &book.alarms else { return };
    let key = (clock.now_ms, book.actions.iter().map(Vec::len).sum::<usize>() + book.timelines.iter().map(|t| t.episodes.len()).sum::<usize>());
    if list.at == Some(key) && !lang.is_changed() && !book.is_changed() {
        return;
    }
    let mut rows = Vec::with_capacity(alarms.alarms.len());
    let mut map: std::collections::HashMap<String, Vec<AlarmMark>> = std::collections::HashMap::new();
    let (mut counts, mut unacknowledged) = ([0usize; 4], 0);
    for (index, (def, tl)) in alarms.alarms.iter().zip(&book.timelines).enumerate() {
        let state = state_at(&def.id, tl, book.actions.get(index).map_or(&[][..], Vec::as_slice), clock.now_ms);
        let equipment = site.0.meter(def.primary_meter()).map(|m| m.equipment.clone()).filter(|e| !e.is_empty());
        if state.annunciated() {
            counts[def.priority as usize] += 1;
            if state != AlarmState::Acknowledged {
                unacknowledged += 1;
            }
            if let Some(eq) = &equipment {
                map.entry(eq.clone()).or_default().push(AlarmMark { alarm: def.id.clone(), priority: def.priority, state, message: def.message_in(lang.0).to_owned() });
            }
        }
        rows.push(Row { index, state, priority: def.priority, since_ms: tl.episode_at(clock.now_ms).map(|e| e.start_ms), equipment });
    }
    *list = AlarmList { rows, counts, unacknowledged, at: Some(key) };
    marks.set_if_neq(EquipmentAlarms(map));
}

/// Open the alarm list at start (`plant-twin --alarms`).
#[derive(Resource, Default, Clone, Copy)]
pub struct OpenAtStart(pub bool);

fn open_at_start(open: Res<OpenAtStart>, mut ui: ResMut<ListUi>) {
    ui.open = open.0;
}

/// The list window: open, filter, sort, the note for acknowledgements and shelving, the row picked.
#[derive(Resource, Default)]
struct ListUi {
    open: bool,
    filter: String,
    note: String,
    all: bool,
    by_time: bool,
    /// The journal last exported: the files, or why not.
    exported: Option<Result<Vec<PathBuf>, String>>,
}

/// The folder of the settings folder exported journals go to.
const JOURNALS_FOLDER: &str = "alarm-journals"; // i18n-ok: a folder name
/// The journal's files: format and extension.
const JOURNAL_FILES: [(plant_alarms::Format, &str); 2] = [(plant_alarms::Format::Csv, "csv"), (plant_alarms::Format::Markdown, "md")]; // i18n-ok: extensions

/// Writes the alarm journal of the 24 hours before the cursor, with the operator's acknowledgements, as CSV
/// (for Excel) and Markdown into `alarm-journals/` of the settings folder; returns the files.
fn export_journal(site: &plant_site::Site, alarms: &Alarms, store: &plant_store::Store, actions: &[Action], now_ms: i64) -> Result<Vec<PathBuf>, String> {
    let folder = plant_i18n::config_dir().map(|d| d.join(JOURNALS_FOLDER)).ok_or_else(|| t!("alarms-view-no-folder"))?;
    std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let lang = plant_i18n::current();
    let journal = plant_alarms::journal::journal(site.name(), alarms, store, actions, now_ms - 86_400_000, now_ms + 1, lang);
    let tz = site.time_zone;
    let when = |t: i64| plant_viewer_context::format_time_in(lang, t, tz, "%Y-%m-%d %H:%M:%S %Z");
    let stem = format!("alarms-{}", plant_viewer_context::format_time(now_ms, tz, "%Y%m%d-%H%M")); // i18n-ok: a file name
    let mut written = Vec::new();
    for (format, ext) in JOURNAL_FILES {
        let path = folder.join(format!("{stem}.{ext}"));
        std::fs::write(&path, plant_alarms::journal::render(&journal, format, lang, &when)).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

/// Shelving durations offered, hours.
const SHELVE_H: [i64; 3] = [1, 8, 24];

#[allow(clippy::too_many_arguments)]
fn list_ui(
    mut contexts: EguiContexts,
    area: Res<plant_shell::FreeArea>,
    site: Option<Res<CurrentSite>>,
    clock: Res<SiteClock>,
    mut book: ResMut<AlarmBook>,
    list: Res<AlarmList>,
    mut ui_state: ResMut<ListUi>,
    mut selection: ResMut<Selection>,
    mut frame: MessageWriter<FrameRequest>,
    mut logged: MessageWriter<OperatorAction>,
    data: Res<MeterData>,
    residency: Res<plant_viewer_context::Residency>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let (Some(site), Some(alarms)) = (site, book.alarms.clone()) else { return Ok(()) };
    let annunciated: usize = list.counts.iter().sum();
    plant_shell::overlay(ctx, &area, plant_shell::Overlay::AlarmsButton, |ui| {
        let text = msg!("alarms-view-button", count = annunciated, unacknowledged = list.unacknowledged).text();
        let worst = Priority::ALL.iter().zip(list.counts).find(|(_, n)| *n > 0).map(|(p, _)| *p);
        let mut button = egui::Button::new(text.clone());
        if let Some(p) = worst {
            // Flashing while anything is unacknowledged (twice a second); dark text on the priority's colour.
            let on = list.unacknowledged == 0 || (ctx.input(|i| i.time) * 2.0) as i64 % 2 == 0;
            if on {
                button = egui::Button::new(egui::RichText::new(text).color(egui::Color32::BLACK).strong()).fill(egui_colour(priority_colour(p)));
            }
            if list.unacknowledged > 0 {
                ctx.request_repaint_after(std::time::Duration::from_millis(250));
            }
        }
        if ui.add(button).clicked() {
            ui_state.open = !ui_state.open;
        }
    });
    if !ui_state.open {
        return Ok(());
    }
    let mut open = ui_state.open;
    let mut acts: Vec<(usize, ActionKind)> = Vec::new();
    // Low in the viewport, above its button, so the equipment in alarm stays in view.
    let free = area.0;
    let pos = egui::pos2(free.left() + 10.0, (free.bottom() - 330.0).max(free.top() + 10.0));
    egui::Window::new(t!("alarms-view-title"))
        .id(egui::Id::new("alarms-window"))
        .open(&mut open)
        .default_pos(pos)
        .default_size([740.0, 240.0])
        .resizable(true)
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            // A paged database: the alarms are evaluated over the hours held, not the record (docs/historian.md).
            if residency.paged.is_some() {
                ui.colored_label(ui.visuals().warn_fg_color, t!("alarms-view-paged", site = site.0.root.display().to_string()));
            }
            ui.horizontal(|ui| {
                for (p, n) in Priority::ALL.iter().zip(list.counts) {
                    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
                    ui.painter().rect_filled(rect, 2.0, egui_colour(priority_colour(*p)));
                    ui.label(format!("{} {n}", p.label(plant_i18n::current())));
                }
                ui.separator();
                ui.label(msg!("alarms-view-unacknowledged", count = list.unacknowledged).text());
            });
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(&mut ui_state.filter).hint_text(t!("alarms-view-filter")).desired_width(200.0));
                ui.checkbox(&mut ui_state.all, t!("alarms-view-show-all"));
                ui.checkbox(&mut ui_state.by_time, t!("alarms-view-by-time"));
            });
            ui.horizontal(|ui| {
                ui.label(t!("alarms-view-note"));
                ui.add(egui::TextEdit::singleline(&mut ui_state.note).hint_text(t!("alarms-view-note-hint")).desired_width(320.0));
                if ui.button(t!("alarms-view-ack-all")).clicked() {
                    acts.extend(
                        list.rows.iter().filter(|r| matches!(r.state, AlarmState::Unacknowledged | AlarmState::ReturnedUnacknowledged)).map(|r| (r.index, ActionKind::Acknowledge)),
                    );
                }
                if ui.button(t!("alarms-view-export")).on_hover_text(t!("alarms-view-export-hint")).clicked() {
                    let actions: Vec<Action> = book.actions.iter().flatten().cloned().collect();
                    ui_state.exported = Some(export_journal(&site.0, &alarms, &data.0, &actions, clock.now_ms));
                }
            });
            plant_viewer_context::files_written_ui(ui, ui_state.exported.as_ref());
            if let Some(e) = &book.log_error {
                ui.colored_label(ui.visuals().warn_fg_color, msg!("alarms-view-log-failed", error = e.as_str()).text());
            }
            ui.separator();
            let rows = visible_rows(&list, &alarms, &site.0, &ui_state);
            if rows.is_empty() {
                ui.weak(t!("alarms-view-none"));
            }
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                egui::Grid::new(GRID).striped(true).num_columns(HEADERS.len()).show(ui, |ui| {
                    for h in HEADERS {
                        ui.strong(plant_i18n::Msg::new(h).text());
                    }
                    ui.end_row();
                    for r in rows {
                        row_ui(ui, r, &alarms, &site.0, &clock, &mut selection, &mut frame, &mut acts);
                        ui.end_row();
                    }
                });
            });
        });
    let note = ui_state.note.clone();
    for (index, kind) in acts {
        book.act(index, kind, &note, clock.now_ms);
        let kind = match kind {
            ActionKind::Acknowledge => OperatorActionKind::Acknowledge,
            ActionKind::Shelve { .. } => OperatorActionKind::Shelve,
            ActionKind::Unshelve => OperatorActionKind::Unshelve,
            ActionKind::OutOfService => OperatorActionKind::OutOfService,
            ActionKind::ReturnToService => OperatorActionKind::ReturnToService,
        };
        logged.write(OperatorAction { kind, subject: alarms.alarms[index].id.clone(), detail: note.clone() });
    }
    ui_state.open = open;
    Ok(())
}

const GRID: &str = "alarms-grid"; // i18n-ok: the grid's id
const HEADERS: [&str; 6] = ["alarms-col-priority", "alarms-col-start", "alarms-col-message", "alarms-view-equipment", "alarms-view-state", "alarms-view-actions"]; // i18n-ok: catalogue ids

/// The rows the list shows: not normal (unless asked), matching the filter, by priority or newest first.
fn visible_rows<'a>(list: &'a AlarmList, alarms: &Alarms, site: &plant_site::Site, ui: &ListUi) -> Vec<&'a Row> {
    let needle = ui.filter.to_lowercase();
    let lang = plant_i18n::current();
    let mut rows: Vec<&Row> = list
        .rows
        .iter()
        .filter(|r| ui.all || r.state != AlarmState::Normal)
        .filter(|r| {
            needle.is_empty() || {
                let d = &alarms.alarms[r.index];
                let eq = r.equipment.as_deref().and_then(|e| site.equipment(e)).map(|e| e.display_name().to_lowercase()).unwrap_or_default();
                d.id.to_lowercase().contains(&needle) || d.message_in(lang).to_lowercase().contains(&needle) || eq.contains(&needle)
            }
        })
        .collect();
    if ui.by_time {
        rows.sort_by_key(|r| std::cmp::Reverse(r.since_ms));
    } else {
        rows.sort_by_key(|r| (r.priority, std::cmp::Reverse(r.since_ms)));
    }
    rows
}

/// One alarm's row: priority, since, message, equipment (selects and frames it), state, actions.
#[allow(clippy::too_many_arguments)]
fn row_ui(
    ui: &mut egui::Ui,
    r: &Row,
    alarms: &Alarms,
    site: &plant_site::Site,
    clock: &SiteClock,
    selection: &mut Selection,
    frame: &mut MessageWriter<FrameRequest>,
    acts: &mut Vec<(usize, ActionKind)>,
) {
    let d = &alarms.alarms[r.index];
    let lang = plant_i18n::current();
    ui.colored_label(egui_colour(priority_colour(r.priority)), r.priority.label(lang));
    ui.label(r.since_ms.map(|t| format_time(t, clock.time_zone, "%m-%d %H:%M")).unwrap_or_default());
    ui.label(d.message_in(lang));
    let name = r.equipment.as_deref().and_then(|e| site.equipment(e)).map(|e| e.display_name().to_owned()).unwrap_or_default();
    if ui.link(name).clicked()
        && let Some(eq) = &r.equipment
    {
        selection.0 = Some(eq.clone());
        frame.write(FrameRequest(Some(eq.clone())));
    }
    ui.label(msg!("alarms-state", state = r.state.key()).text());
    ui.horizontal(|ui| {
        if matches!(r.state, AlarmState::Unacknowledged | AlarmState::ReturnedUnacknowledged) && ui.button(t!("alarms-view-ack")).clicked() {
            acts.push((r.index, ActionKind::Acknowledge));
        }
        match r.state {
            AlarmState::Shelved => {
                if ui.button(t!("alarms-view-unshelve")).clicked() {
                    acts.push((r.index, ActionKind::Unshelve));
                }
            }
            AlarmState::OutOfService => {
                if ui.button(t!("alarms-view-return-to-service")).clicked() {
                    acts.push((r.index, ActionKind::ReturnToService));
                }
            }
            _ => {
                ui.menu_button(t!("alarms-view-shelve"), |ui| {
                    for h in SHELVE_H {
                        if ui.button(msg!("alarms-view-shelve-for", hours = h).text()).clicked() {
                            acts.push((r.index, ActionKind::Shelve { until_ms: clock.now_ms + h * 3_600_000 }));
                            ui.close();
                        }
                    }
                    ui.separator();
                    if ui.button(t!("alarms-view-out-of-service")).clicked() {
                        acts.push((r.index, ActionKind::OutOfService));
                        ui.close();
                    }
                });
            }
        }
    });
}
