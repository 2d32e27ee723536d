//! Training scenarios in the viewer (docs/training.md). A trainer opens one of the package's scenarios (or a
//! file of theirs): the clock goes to its start at its speed, paused; its malfunctions are applied to the
//! meter data on the fly — the views, the alarms and the 3D colours all read the derived store, the recording
//! itself is kept and comes back when the scenario is closed. The trainer starts, freezes and resumes the
//! session, jumps back to a checkpoint, injects a malfunction at the cursor from the scenario's list or
//! removes one; the trainee sees the instructions as they fall due and answers the questions (a choice, or
//! the equipment clicked in 3D). Acknowledgements, shelving, answers, selections and what-if changes go to
//! the log with the cursor's time, and the log and score are exported as JSON (which `plant-twin train --log`
//! scores again) and CSV.

mod ui;

use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::EguiPrimaryContextPass;
use plant_alarms::{Alarms, Timeline};
use plant_i18n::msg;
use plant_shell::PanelOrder;
use plant_site::{Diagnostic, Place};
use plant_store::Store;
use plant_training::session::{Due, timelines};
use plant_training::{LogKind, Session};
use plant_viewer_context::{
    CurrentSite, FrameRequest, LoadStatus, MeterData, OperatorAction, OperatorActionKind, Problems, Selection, SiteClock, TrainingRunning, ViewRequest, ViewerSystems,
};

/// Adds training; `ui: false` leaves out the windows (headless tests).
pub struct TrainingPlugin {
    pub ui: bool,
}

impl Plugin for TrainingPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Training>().init_resource::<OpenAtStart>().add_systems(
            Update,
            (
                (discover, open_pending).chain().in_set(ViewerSystems::Load),
                apply_overlay.in_set(ViewerSystems::Live),
                (hold_freeze, track).chain().after(ViewerSystems::Advance).before(ViewerSystems::Accounting),
            ),
        );
        if self.ui {
            app.init_resource::<ui::TrainingUi>().add_systems(EguiPrimaryContextPass, (ui::picker_ui, ui::trainer_ui, ui::trainee_ui).chain().in_set(PanelOrder::Overlay));
        }
    }
}

/// A scenario to open once the site's data has loaded (`plant-twin --training FILE`), and a time to open it at
/// instead of its start (`--at`, when inside the scenario).
#[derive(Resource, Default, Clone)]
pub struct OpenAtStart(pub Option<PathBuf>, pub Option<String>);

/// Where a session stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Phase {
    /// Opened, at its start, not started.
    #[default]
    Ready,
    Running,
    Frozen,
    /// The clock reached the scenario's end.
    Ended,
}

impl Phase {
    /// Its key in the catalogue's `training-view-phase`.
    pub fn key(self) -> &'static str {
        match self {
            Phase::Ready => "ready",     // i18n-ok: a catalogue key
            Phase::Running => "running", // i18n-ok: a catalogue key
            Phase::Frozen => "frozen",   // i18n-ok: a catalogue key
            Phase::Ended => "ended",     // i18n-ok: a catalogue key
        }
    }
}

/// The training session and what it needs: the package's scenarios, the site's alarms (evaluated here on the
/// session's data, for the schedule and the score), the recording under the malfunctions.
#[derive(Resource, Default)]
pub struct Training {
    /// The package's scenario files, with their names (`None`: the file could not be read as a scenario; opening
    /// it says why).
    pub available: Vec<(PathBuf, Option<plant_training::Text>)>,
    pub alarms: Option<Alarms>,
    pub session: Option<Session>,
    pub phase: Phase,
    /// The alarms' activations on the session's data, and when instructions and questions are due.
    pub timelines: Vec<Timeline>,
    pub due: Due,
    /// What the malfunctions could not do.
    pub notes: Vec<String>,
    /// The last export: the files written, or why not.
    pub exported: Option<Result<Vec<PathBuf>, String>>,
    /// A scenario to open (the picker, or `--training`).
    pub pending: Option<PathBuf>,
    site_root: Option<PathBuf>,
    /// The recording under the malfunctions, while a session is open.
    recorded: Option<Arc<Store>>,
    /// The address of the derived store last put in `MeterData` (a different one is a new recording).
    overlay: usize,
    /// The malfunctions changed: derive the store again.
    dirty: bool,
    last_selection: Option<String>,
}

impl Training {
    /// Starts the session from where the clock is (its start when just opened): plays at its speed.
    pub fn start(&mut self, clock: &mut SiteClock) {
        let Some(s) = &mut self.session else { return };
        clock.set_speed(s.scenario.speed);
        clock.play();
        s.record(clock.now_ms, if self.phase == Phase::Ready { LogKind::Started } else { LogKind::Resumed }, "", "");
        self.phase = Phase::Running;
    }

    /// Freezes the session: the clock stops and stays stopped until the trainer resumes.
    pub fn freeze(&mut self, clock: &mut SiteClock) {
        let Some(s) = &mut self.session else { return };
        clock.playing = false;
        s.record(clock.now_ms, LogKind::Frozen, "", "");
        self.phase = Phase::Frozen;
    }

    /// Jumps to checkpoint `i` (paused there, frozen).
    pub fn jump(&mut self, i: usize, clock: &mut SiteClock) {
        let Some(s) = &mut self.session else { return };
        let Some(c) = s.scenario.checkpoints.get(i) else { return };
        let (id, at) = (c.id.clone(), c.at_ms);
        clock.seek(at);
        clock.playing = false;
        s.record(at, LogKind::Checkpoint, id, "");
        self.phase = Phase::Frozen;
    }

    /// Injects the scenario's malfunction `i` at the cursor.
    pub fn inject(&mut self, i: usize, clock: &SiteClock) {
        if let Some(s) = &mut self.session {
            s.inject(i, clock.now_ms);
            self.dirty = true;
        }
    }

    /// Ends applied malfunction `k` at the cursor.
    pub fn remove(&mut self, k: usize, clock: &SiteClock) {
        if let Some(s) = &mut self.session {
            s.remove(k, clock.now_ms);
            self.dirty = true;
        }
    }

    /// The trainee answers question `id`; whether it was right (`None`: already answered).
    pub fn answer(&mut self, id: &str, answer: &str, clock: &SiteClock) -> Option<bool> {
        self.session.as_mut()?.answer(id, answer, clock.now_ms)
    }

    /// Closes the session: the recording comes back.
    pub fn close(&mut self) {
        self.session = None;
        self.phase = Phase::Ready;
        self.timelines.clear();
        self.due = Due::default();
        self.notes.clear();
        self.exported = None;
        self.dirty = true;
    }

    /// The score at the cursor.
    pub fn score(&self, now_ms: i64) -> Option<plant_training::Score> {
        Some(self.session.as_ref()?.score(self.alarms.as_ref(), &self.timelines, now_ms))
    }

    /// Writes the log and score as JSON and CSV into `folder` (created if needed), named after the scenario
    /// and the wall-clock time; returns the files written.
    pub fn export(&self, folder: &std::path::Path, now_ms: i64, tz: chrono_tz::Tz) -> Result<Vec<PathBuf>, String> {
        let Some(session) = self.session.as_ref() else { return Err(msg!("training-view-no-session").text()) };
        let score = session.score(self.alarms.as_ref(), &self.timelines, now_ms);
        let lang = plant_i18n::current();
        let when = |t: i64| plant_viewer_context::format_time_in(lang, t, tz, "%Y-%m-%d %H:%M:%S");
        std::fs::create_dir_all(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
        let stem = session.scenario.file.file_stem().map_or_else(|| "training".to_owned(), |s| s.to_string_lossy().into_owned()); // i18n-ok: a file name
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let mut written = Vec::new();
        for (json, ext) in LOG_FILES {
            let path = folder.join(format!("{stem}-{stamp}.{ext}"));
            let text = plant_training::session::export(session, &score, json, lang, &when);
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            written.push(path);
        }
        Ok(written)
    }
}

/// The log's files: JSON or not, and the extension.
const LOG_FILES: [(bool, &str); 2] = [(true, "json"), (false, "csv")]; // i18n-ok: extensions
/// The folder of the settings folder exported logs go to.
const LOGS_FOLDER: &str = "training-logs"; // i18n-ok: a folder name

/// The folder exported logs go to: `training-logs` in the user's settings folder.
pub fn logs_folder() -> Option<PathBuf> {
    plant_i18n::config_dir().map(|d| d.join(LOGS_FOLDER))
}

/// A new site: its scenarios and alarms; a session of another site is closed.
fn discover(site: Option<Res<CurrentSite>>, mut training: ResMut<Training>, start: Res<OpenAtStart>, mut problems: ResMut<Problems>, mut asked: Local<bool>) {
    let Some(site) = site else { return };
    if training.site_root.as_ref() == Some(&site.0.root) {
        return;
    }
    training.close();
    training.site_root = Some(site.0.root.clone());
    training.alarms = match plant_alarms::load_for_site(&site.0) {
        Ok(Some((alarms, _))) => Some(alarms),
        Ok(None) => None,
        // The alarms view reports the alarm file's problems.
        Err(_) => None,
    };
    let alarms = training.alarms.clone();
    training.available = plant_training::list_for_site(&site.0)
        .into_iter()
        .map(|p| {
            let name = plant_training::load(&p, &site.0, alarms.as_ref()).ok().map(|(s, _)| s.name);
            (p, name)
        })
        .collect();
    if !*asked {
        *asked = true;
        if let Some(path) = &start.0 {
            match plant_training::find(&site.0, path) {
                Ok(p) => training.pending = Some(p),
                Err(_) => problems.list.push(Diagnostic::error(path, Place::Whole, msg!("training-view-not-found"))),
            }
        }
    }
}

/// Opens the pending scenario once the data has loaded: the clock at its start and speed, paused; its
/// selection selected and framed.
#[allow(clippy::too_many_arguments)]
fn open_pending(
    site: Option<Res<CurrentSite>>,
    status: Res<LoadStatus>,
    mut training: ResMut<Training>,
    mut clock: ResMut<SiteClock>,
    mut selection: ResMut<Selection>,
    mut frame: MessageWriter<FrameRequest>,
    mut view: MessageWriter<ViewRequest>,
    mut problems: ResMut<Problems>,
    mut start: ResMut<OpenAtStart>,
) {
    let Some(site) = site else { return };
    if training.pending.is_none() || !status.is_ready() || !clock.has_range() {
        return;
    }
    let Some(path) = training.pending.take() else { return };
    let (scenario, diags) = match plant_training::load(&path, &site.0, training.alarms.as_ref()) {
        Ok(found) => found,
        Err(d) => {
            problems.list.push(d);
            return;
        }
    };
    problems.list.extend(diags);
    training.close();
    // `--at` inside the scenario opens it there (a trainer resuming a class); otherwise at its start.
    let at = start.1.as_deref().and_then(|s| plant_training::parse_when(s, scenario.start_ms, site.0.time_zone)).filter(|t| (scenario.start_ms..scenario.end_ms).contains(t));
    start.1 = None;
    clock.seek(at.unwrap_or(scenario.start_ms));
    clock.set_speed(scenario.speed);
    clock.playing = false;
    if let Some(eq) = &scenario.selection {
        selection.0 = Some(eq.clone());
    }
    match &scenario.camera {
        Some(c) => {
            let f32_of = |x: Option<f64>| x.map(|v| v as f32);
            view.write(ViewRequest { frame: c.frame.clone(), yaw_deg: f32_of(c.yaw_deg), pitch_deg: f32_of(c.pitch_deg), zoom: f32_of(c.zoom) });
        }
        None => {
            if let Some(eq) = &scenario.selection {
                frame.write(FrameRequest(Some(eq.clone())));
            }
        }
    }
    training.last_selection = selection.0.clone();
    training.session = Some(Session::new(scenario));
    training.phase = Phase::Ready;
}

/// Keeps `MeterData` the session's derived store: derived again when the malfunctions change or a new
/// recording arrives, and the recording put back when the session closes.
fn apply_overlay(site: Option<Res<CurrentSite>>, mut data: ResMut<MeterData>, mut training: ResMut<Training>, mut running: ResMut<TrainingRunning>) {
    let Some(site) = site else { return };
    let ptr = Arc::as_ptr(&data.0) as usize;
    let t = &mut *training;
    running.set_if_neq(TrainingRunning(t.session.is_some()));
    if t.session.is_none() {
        if let Some(recorded) = t.recorded.take() {
            if ptr == t.overlay {
                data.0 = recorded;
            }
            t.overlay = 0;
        }
        t.dirty = false;
        return;
    }
    if ptr != t.overlay {
        // The loader replaced the store (or this is the session's first frame): that is the recording.
        t.recorded = Some(data.0.clone());
        t.dirty = true;
    }
    if !t.dirty {
        return;
    }
    let (Some(session), Some(recorded)) = (&t.session, &t.recorded) else { return };
    let (store, notes) = session.overlay(recorded, &site.0);
    let store = Arc::new(store);
    t.timelines = timelines(t.alarms.as_ref(), &store);
    t.due = session.due(t.alarms.as_ref(), &t.timelines);
    t.notes = notes.iter().map(plant_i18n::Msg::text).collect();
    t.overlay = Arc::as_ptr(&store) as usize;
    data.0 = store;
    t.dirty = false;
}

/// A frozen session stays stopped (the timeline's play button does not override the trainer); a session
/// stops at its end.
fn hold_freeze(mut training: ResMut<Training>, mut clock: ResMut<SiteClock>) {
    let Some(s) = &training.session else { return };
    let end = s.scenario.end_ms;
    match training.phase {
        Phase::Frozen | Phase::Ended if clock.playing => clock.playing = false,
        Phase::Running if clock.now_ms >= end => {
            clock.playing = false;
            training.phase = Phase::Ended;
        }
        _ => {}
    }
}

/// Logs what the trainee does: the alarm list's actions and what-if changes (from the views), selections.
fn track(mut training: ResMut<Training>, clock: Res<SiteClock>, selection: Res<Selection>, mut actions: MessageReader<OperatorAction>) {
    let t = &mut *training;
    let Some(s) = &mut t.session else {
        actions.clear();
        return;
    };
    for a in actions.read() {
        let kind = match a.kind {
            OperatorActionKind::Acknowledge => LogKind::Acknowledged,
            OperatorActionKind::Shelve => LogKind::Shelved,
            OperatorActionKind::Unshelve => LogKind::Unshelved,
            OperatorActionKind::OutOfService => LogKind::OutOfService,
            OperatorActionKind::ReturnToService => LogKind::ReturnedToService,
            OperatorActionKind::WhatIf => LogKind::WhatIf,
        };
        s.record(clock.now_ms, kind, a.subject.clone(), a.detail.clone());
    }
    if selection.0 != t.last_selection {
        t.last_selection = selection.0.clone();
        if let Some(eq) = &selection.0 {
            s.record(clock.now_ms, LogKind::Selected, eq.clone(), "");
        }
    }
}
