//! Opens the site package and loads its recorded data in the background, into the viewer context's
//! [`CurrentSite`], [`ModelInfo`], [`MeterData`], [`LoadStatus`] and [`Problems`].
//!
//! `site.toml` and the model's node list are read at start-up (milliseconds); the data files are ingested
//! on a worker thread while the window stays responsive, with progress in the top bar. Every problem found
//! on the way is kept in [`Problems`] and shown in the problems window; nothing here panics on bad input.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, TryRecvError};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use plant_i18n::{msg, t};
use plant_ingest::Ingested;
use plant_shell::{FreeArea, PanelOrder, show_panel};
use plant_site::{Diagnostic, Site};
use plant_viewer_context::{Charted, CurrentSite, Language, LoadStatus, MeterData, ModelInfo, Problems, Residency, SiteClock, Summed, ViewerSystems, Wanted, language_picker};

/// The site package to open (a folder with `site.toml`).
#[derive(Resource, Clone, Debug)]
pub struct SitePath(pub PathBuf);

/// The function that reads a site's data on the worker thread — its files, and its `[historian]` database
/// when the flag says the user agreed to connect: [`plant_historian::load_site`], or a stand-in in tests (a
/// loader that panics, to check that a dying worker becomes a problem).
#[derive(Resource, Clone, Copy)]
pub struct Loader(pub fn(&Site, bool, plant_ingest::Progress) -> Ingested);

impl Default for Loader {
    fn default() -> Self {
        Loader(plant_historian::load_site)
    }
}

/// Read the site's `[historian]` database without asking (`--connect`). Without it, the viewer asks first
/// (SECURITY.md: nothing connects without the user); without a window, it does not connect.
#[derive(Resource, Clone, Copy, Debug, Default)]
pub struct ConnectHistorian(pub bool);

/// The site waits for the user to say whether its database may be read (the consent window is open).
#[derive(Resource)]
pub struct AskHistorian {
    site: Arc<Site>,
}

/// Opens the site at start-up and ingests its data in the background; with `ui`, also the top bar
/// (site, load progress, problems) and the problems window.
pub struct LoadingPlugin {
    pub ui: bool,
}

/// The worker reading the data, while it runs.
#[derive(Resource)]
struct LoadJob {
    result: Mutex<Receiver<Ingested>>,
    /// Joined when it stops without a result, to report its panic.
    worker: Mutex<Option<std::thread::JoinHandle<()>>>,
}

impl Plugin for LoadingPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Loader>()
            .init_resource::<ConnectHistorian>()
            .insert_resource(AsksConsent(self.ui))
            .add_systems(Startup, open_site)
            .add_systems(Update, (receive_data, receive_pager, page, ask_database).chain().in_set(ViewerSystems::Load));
        if self.ui {
            app.add_systems(
                EguiPrimaryContextPass,
                (top_bar_system.in_set(PanelOrder::Top), problems_window_system.in_set(PanelOrder::Overlay), historian_consent_system.in_set(PanelOrder::Overlay)),
            )
            .add_systems(Update, set_window_title.run_if(resource_exists::<CurrentSite>));
        }
    }
}

/// Whether a window can ask the user (the viewer) or not (tests, headless runs).
#[derive(Resource, Clone, Copy)]
struct AsksConsent(bool);

#[allow(clippy::too_many_arguments)]
fn open_site(
    mut commands: Commands,
    path: Option<Res<SitePath>>,
    loader: Res<Loader>,
    connect: Res<ConnectHistorian>,
    asks: Res<AsksConsent>,
    mut problems: ResMut<Problems>,
    mut status: ResMut<LoadStatus>,
    mut clock: ResMut<SiteClock>,
) {
    let Some(path) = path else {
        *status = LoadStatus::Failed;
        return;
    };
    let opened = match plant_site::open(&path.0) {
        Ok(o) => o,
        Err(d) => {
            error!("{d}");
            problems.list.push(d);
            problems.window_open = true;
            *status = LoadStatus::Failed;
            return;
        }
    };
    let site = Arc::new(opened.site);
    problems.list.extend(opened.diagnostics);
    let model = plant_site::check_model(&site);
    problems.list.extend(model.diagnostics.iter().cloned());
    clock.time_zone = site.time_zone;
    commands.insert_resource(ModelInfo(model));
    commands.insert_resource(CurrentSite(site.clone()));

    if site.historian.is_some() && !connect.0 && asks.0 {
        commands.insert_resource(AskHistorian { site });
        return;
    }
    start_load(&mut commands, site, *loader, connect.0, &mut status, &mut problems);
}

/// A paged database being opened: its window found and the pager started, on a thread.
#[derive(Resource)]
struct PagerJob {
    result: Mutex<Receiver<Result<Opened, Diagnostic>>>,
}

/// A paged database once open: its pager, what sums windows too long for the pager's cache, the record's
/// window.
struct Opened {
    pager: plant_historian::Pager,
    summariser: plant_historian::Summariser,
    window: (i64, i64),
}

/// The paged database the views' data comes from (docs/historian.md, "Paging").
#[derive(Resource)]
pub struct Paging {
    pager: Mutex<plant_historian::Pager>,
    summariser: Mutex<plant_historian::Summariser>,
    /// The window last asked of the summariser, and the chart.
    summing: Option<(i64, i64)>,
    charting: Option<plant_viewer_context::ChartWindow>,
    block_ms: i64,
    /// The cache's size limit (bytes): views' windows are paged in only when they fit in it.
    cache_bytes: usize,
    /// Bytes the cache holds per millisecond of record (all meters), from the last snapshot.
    bytes_per_ms: Option<f64>,
    /// The last want sent.
    want: (i64, i64),
}

/// The most of the record a view's window may span while the cache's bytes per hour are not known yet.
const UNMEASURED_SPAN_MS: i64 = 2 * 86_400_000;

/// The share of the cache's limit the want may fill (the prefetch and the blocks being replaced need room).
const WANT_SHARE: f64 = 0.75;

/// Hours of the record wanted on each side of the cursor: the inspector's charts and the flows panel's day.
const PAGED_HOURS: i64 = 12;

/// Opens a paged database: its window (asked of the database when `[historian]` gives none) and the pager.
fn start_paging(commands: &mut Commands, site: Arc<Site>, h: plant_site::Historian, status: &mut LoadStatus, problems: &mut Problems) {
    let (tx, rx) = std::sync::mpsc::channel();
    let file = site.site_toml_path();
    let thread_name = String::from("plant-twin-pager-open"); // i18n-ok: a thread name
    let spawned = std::thread::Builder::new().name(thread_name).spawn(move || {
        let opened = plant_historian::window(&site, &h).and_then(|window| {
            let pager = plant_historian::Pager::start(site.clone(), &h, plant_historian::PagerConfig::of(&h))?;
            let summariser = plant_historian::Summariser::start(site.clone(), &h)?;
            Ok(Opened { pager, summariser, window })
        });
        let _ = tx.send(opened);
    });
    match spawned {
        Ok(_) => {
            let progress = Arc::new(Mutex::new((0.0f32, String::from("database")))); // i18n-ok: a step's key (step_message)
            *status = LoadStatus::Loading { started: Instant::now(), progress };
            commands.insert_resource(PagerJob { result: Mutex::new(rx) });
        }
        Err(e) => {
            problems.list.push(Diagnostic::error(&file, plant_site::Place::Whole, msg!("loading-cannot-start-thread", error = e.to_string())));
            *status = LoadStatus::Failed;
        }
    }
}

/// The pager once open: the clock's range, and the views' data from its snapshots.
fn receive_pager(
    mut commands: Commands,
    job: Option<Res<PagerJob>>,
    mut status: ResMut<LoadStatus>,
    mut problems: ResMut<Problems>,
    mut clock: ResMut<SiteClock>,
    mut residency: ResMut<Residency>,
    site: Option<Res<CurrentSite>>,
) {
    let Some(job) = job else { return };
    let received = match job.result.lock() {
        Ok(rx) => rx.try_recv(),
        Err(_) => Err(TryRecvError::Disconnected),
    };
    let started = match &*status {
        LoadStatus::Loading { started, .. } => *started,
        _ => Instant::now(),
    };
    match received {
        Err(TryRecvError::Empty) => return,
        Ok(Ok(Opened { pager, summariser, window: (t0, t1) })) => {
            clock.set_range(t0, t1);
            let plant_historian::PagerConfig { block_ms, cache_bytes, .. } = pager.config();
            commands.insert_resource(Paging {
                pager: Mutex::new(pager),
                summariser: Mutex::new(summariser),
                summing: None,
                charting: None,
                block_ms,
                cache_bytes,
                bytes_per_ms: None,
                want: (0, 0),
            });
            residency.paged = Some(plant_viewer_context::Paged::default());
            *status = LoadStatus::Ready { secs: started.elapsed().as_secs_f64() };
        }
        Ok(Err(d)) => {
            error!("{d}");
            problems.list.push(d);
            problems.window_open = true;
            *status = LoadStatus::Failed;
        }
        Err(TryRecvError::Disconnected) => {
            let file = site.map(|s| s.0.site_toml_path()).unwrap_or_default();
            problems.list.push(Diagnostic::error(&file, plant_site::Place::Whole, msg!("loading-thread-died-silently")));
            *status = LoadStatus::Failed;
        }
    }
    commands.remove_resource::<PagerJob>();
}

/// The want: the hours around the cursor and each view's window ([`Wanted`]) whose hull the cache can hold,
/// in whole blocks (so it changes only when the cursor crosses one); and the windows refused.
fn joined_want(paging: &Paging, now_ms: i64, wanted: &Wanted) -> ((i64, i64), Vec<(i64, i64)>) {
    let b = paging.block_ms.max(60_000);
    let half = PAGED_HOURS * 3_600_000;
    let mut want = ((now_ms - half).div_euclid(b) * b, ((now_ms + half).div_euclid(b) + 1) * b);
    let fits = |(t0, t1): (i64, i64)| match paging.bytes_per_ms {
        Some(rate) => (t1 - t0) as f64 * rate <= paging.cache_bytes as f64 * WANT_SHARE,
        None => t1 - t0 <= UNMEASURED_SPAN_MS,
    };
    let mut refused = Vec::new();
    for &(t0, t1) in wanted.0.values() {
        let hull = (want.0.min(t0.div_euclid(b) * b), want.1.max((t1 - 1).div_euclid(b) * b + b));
        if fits(hull) {
            want = hull;
        } else {
            refused.push((t0, t1));
        }
    }
    (want, refused)
}

/// Each frame: the want sent when it changed ([`joined_want`]), and the newest snapshot swapped into the
/// views' data.
fn page(paging: Option<ResMut<Paging>>, clock: Res<SiteClock>, wanted: Res<Wanted>, mut data: ResMut<MeterData>, mut residency: ResMut<Residency>) {
    let Some(mut paging) = paging else { return };
    let (want, refused) = joined_want(&paging, clock.now_ms, &wanted);
    let Ok(pager) = paging.pager.lock() else { return };
    let snapshot = pager.latest();
    if want != paging.want {
        pager.want(want.0, want.1);
    }
    drop(pager);
    paging.want = want;
    // The windows refused change with the views' wants, not only with the database's answers.
    if residency.paged.as_ref().is_some_and(|p| p.refused != refused)
        && let Some(p) = residency.paged.as_mut()
    {
        p.refused = refused.clone();
    }
    let Some(s) = snapshot else { return };
    if !Arc::ptr_eq(&data.0, &s.store) {
        data.0 = s.store.clone();
    }
    // Every block in the cache spans the same time: its bytes per block span (not per span resident, which
    // counts only the blocks the current want holds).
    if s.blocks > 0 && s.bytes > 0 {
        paging.bytes_per_ms = Some(s.bytes as f64 / (s.blocks as f64 * paging.block_ms.max(60_000) as f64));
    }
    let paged =
        plant_viewer_context::Paged { resident: s.resident, error: s.error.map(|e| e.to_string()), blocks: s.blocks, bytes: s.bytes, refused, limit_bytes: paging.cache_bytes };
    let changed = residency.paged.as_ref().is_none_or(|p| p.resident != paged.resident || p.error != paged.error || p.blocks != paged.blocks || p.refused != paged.refused);
    if changed {
        residency.paged = Some(paged);
    }
}

/// Windows kept summed ([`Summed`]): the flows panel's spans of one place (day, week, record).
const SUMMED_KEPT: usize = 4;

/// Each frame: a window a view asks for summed and the inspector's charts' window, sent to the database when
/// new (a sum with each meter's sampling interval from the held samples), and the answers that came.
fn ask_database(paging: Option<ResMut<Paging>>, data: Res<MeterData>, mut summed: ResMut<Summed>, mut charted: ResMut<Charted>) {
    let Some(mut paging) = paging else { return };
    // A failure is kept only while its window is asked for: asked again later, it is tried again.
    if summed.answers.iter().any(|a| a.result.is_err() && !summed.asked.values().any(|w| *w == a.window)) {
        let asked: Vec<(i64, i64)> = summed.asked.values().copied().collect();
        summed.answers.retain(|a| a.result.is_ok() || asked.contains(&a.window));
    }
    // One sum at a time: the first window asked for and not answered, unless the one on its way is still
    // asked for.
    let unanswered: Vec<(i64, i64)> = summed.asked.values().copied().filter(|w| summed.answer(*w).is_none()).collect();
    let asked = match paging.summing {
        Some(w) if unanswered.contains(&w) => None,
        _ => unanswered.first().copied(),
    };
    let chart = charted.asked.clone().filter(|c| charted.answer.as_ref().is_none_or(|(w, _)| w != c));
    let Ok(summariser) = paging.summariser.lock() else { return };
    if let Some(w) = asked {
        let intervals = data.0.meter_ids().filter_map(|m| Some((m.to_string(), data.0.get(m)?.interval_ms()))).filter(|(_, i)| *i > 0).collect();
        summariser.ask(w, intervals);
    }
    if let Some(c) = chart.as_ref().filter(|c| paging.charting.as_ref() != Some(c)) {
        summariser.ask_chart(plant_historian::ChartAsk { meters: c.meters.clone(), window: c.window, step_ms: c.step_ms });
    }
    let answers = summariser.answers();
    drop(summariser);
    if asked.is_some() {
        paging.summing = asked;
    }
    if chart.is_some() {
        paging.charting = chart;
    }
    for answer in answers {
        match answer {
            plant_historian::Answer::Sum(window, result) => {
                let result = result
                    .map(|s| plant_viewer_context::SummedData { store: s.store.clone(), coverage: s.coverage.clone(), samples: s.samples, silent: s.silent.clone() })
                    .map_err(|e| e.to_string());
                summed.answers.retain(|a| a.window != window);
                summed.answers.push(plant_viewer_context::SummedWindow { window, result });
                if paging.summing == Some(window) {
                    paging.summing = None;
                }
            }
            plant_historian::Answer::Chart(ask, result) => {
                let window = plant_viewer_context::ChartWindow { meters: ask.meters, window: ask.window, step_ms: ask.step_ms };
                if paging.charting.as_ref() == Some(&window) {
                    paging.charting = None;
                }
                charted.answer = Some((window, result.map_err(|e| e.to_string())));
            }
        }
    }
    let extra = summed.answers.len().saturating_sub(SUMMED_KEPT);
    if extra > 0 {
        summed.answers.drain(..extra);
    }
}

/// Starts the worker that reads the site's data (and its database when `connect`).
fn start_load(commands: &mut Commands, site: Arc<Site>, loader: Loader, connect: bool, status: &mut LoadStatus, problems: &mut Problems) {
    if connect && let Some(h) = site.historian.as_ref().filter(|h| h.paged) {
        let h = h.clone();
        start_paging(commands, site, h, status, problems);
        return;
    }
    let progress = Arc::new(Mutex::new((0.0f32, String::new())));
    let (tx, rx) = std::sync::mpsc::channel();
    let p = progress.clone();
    let load = loader.0;
    let file = site.site_toml_path();
    let thread_name = String::from("plant-twin-ingest"); // i18n-ok: a thread name
    let spawned = std::thread::Builder::new().name(thread_name).spawn(move || {
        let report = |f: f32, what: &str| {
            if let Ok(mut g) = p.lock() {
                *g = (f, what.to_string());
            }
        };
        let ingested = load(&site, connect, &report);
        // The receiver is gone only if the app has quit; nothing to do then.
        let _ = tx.send(ingested);
    });
    match spawned {
        Ok(handle) => {
            *status = LoadStatus::Loading { started: Instant::now(), progress };
            commands.insert_resource(LoadJob { result: Mutex::new(rx), worker: Mutex::new(Some(handle)) });
        }
        Err(e) => {
            problems.list.push(Diagnostic::error(&file, plant_site::Place::Whole, msg!("loading-cannot-start-thread", error = e.to_string())));
            *status = LoadStatus::Failed;
        }
    }
}

/// Asks once whether the site's database may be read: its address, the protocol and what is sent. "Not now"
/// opens the site on its files alone (the problems list says the database was not read).
fn historian_consent_system(
    mut commands: Commands,
    mut contexts: EguiContexts,
    ask: Option<Res<AskHistorian>>,
    loader: Res<Loader>,
    mut status: ResMut<LoadStatus>,
    mut problems: ResMut<Problems>,
) -> Result {
    let Some(ask) = ask else { return Ok(()) };
    let Some(h) = ask.site.historian.as_ref() else { return Ok(()) };
    let ctx = contexts.ctx_mut()?;
    let mut answer = None;
    egui::Window::new(t!("loading-historian-title"))
        .id(egui::Id::new("historian-consent"))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
        .show(ctx, |ui| {
            ui.label(t!("loading-historian-text"));
            ui.add_space(4.0);
            egui::Grid::new("historian-consent-grid") // i18n-ok: a widget id
                .num_columns(2)
                .show(ui, |ui| {
                    ui.weak(t!("loading-historian-address"));
                    ui.monospace(h.url.as_str());
                    ui.end_row();
                    ui.weak(t!("loading-historian-protocol"));
                    ui.label(t!("loading-historian-protocol-value"));
                    ui.end_row();
                    ui.weak(t!("loading-historian-sends"));
                    ui.label(t!("loading-historian-sends-value", meters = ask.site.meters.len()));
                    ui.end_row();
                    if let Some(env) = &h.auth_env {
                        ui.weak(t!("loading-historian-credential"));
                        ui.monospace(env.as_str());
                        ui.end_row();
                    }
                });
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button(t!("loading-historian-connect")).clicked() {
                    answer = Some(true);
                }
                if ui.button(t!("loading-historian-not-now")).clicked() {
                    answer = Some(false);
                }
            });
        });
    if let Some(connect) = answer {
        let site = ask.site.clone();
        commands.remove_resource::<AskHistorian>();
        start_load(&mut commands, site, *loader, connect, &mut status, &mut problems);
    }
    Ok(())
}

fn receive_data(
    mut commands: Commands,
    job: Option<Res<LoadJob>>,
    mut status: ResMut<LoadStatus>,
    mut data: ResMut<MeterData>,
    mut problems: ResMut<Problems>,
    mut clock: ResMut<SiteClock>,
    site: Option<Res<CurrentSite>>,
) {
    let (LoadStatus::Loading { started, .. }, Some(job)) = (&*status, job) else { return };
    let started = *started;
    let received = match job.result.lock() {
        Ok(rx) => rx.try_recv(),
        Err(_) => Err(TryRecvError::Disconnected),
    };
    match received {
        Ok(ingested) => {
            let secs = started.elapsed().as_secs_f64();
            for d in &ingested.diagnostics {
                if d.is_error() { error!("{d}") } else { warn!("{d}") }
            }
            problems.list.extend(ingested.diagnostics);
            if let Some((t0, t1)) = ingested.store.time_range() {
                clock.set_range(t0, t1);
            }
            info!("{} meters, {} samples, loaded in {secs:.2} s", ingested.store.len(), ingested.store.sample_count());
            data.0 = Arc::new(ingested.store);
            *status = LoadStatus::Ready { secs };
            commands.remove_resource::<LoadJob>();
        }
        Err(TryRecvError::Empty) => {}
        Err(TryRecvError::Disconnected) => {
            let file = site.map(|s| s.0.site_toml_path()).unwrap_or_default();
            // The worker ended without a result: it panicked. Say what it said.
            let why = job.worker.lock().ok().and_then(|mut w| w.take()).and_then(|h| h.join().err()).map(|p| plant_site::panic_message(&*p));
            let message = match why {
                Some(reason) => msg!("loading-thread-died", reason = reason),
                None => msg!("loading-thread-died-silently"),
            };
            problems.list.push(Diagnostic::error(&file, plant_site::Place::Whole, message));
            problems.window_open = true;
            *status = LoadStatus::Failed;
            commands.remove_resource::<LoadJob>();
        }
    }
}

/// The window's title names the site, in the language of the UI (set again when either changes).
fn set_window_title(site: Res<CurrentSite>, language: Res<Language>, window: Option<Single<&mut Window, With<PrimaryWindow>>>) {
    if !(site.is_changed() || language.is_changed()) {
        return;
    }
    if let Some(mut w) = window {
        let title = t!("loading-window-title", site = site.0.name());
        if w.title != title {
            w.title = title;
        }
    }
}

/// How long the language menu's note (where the choice was remembered) stays in the top bar, in seconds.
const LANGUAGE_NOTE_SECS: f64 = 8.0;

#[allow(clippy::too_many_arguments)]
fn top_bar_system(
    mut contexts: EguiContexts,
    mut area: ResMut<FreeArea>,
    site: Option<Res<CurrentSite>>,
    status: Res<LoadStatus>,
    data: Res<MeterData>,
    mut problems: ResMut<Problems>,
    mut language: ResMut<Language>,
    mut note: Local<Option<(String, f64)>>,
    mut save_view: ResMut<plant_shell::SaveView>,
    residency: Res<Residency>,
    clock: Res<SiteClock>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let id = "top-bar"; // i18n-ok: a panel id
    show_panel(ctx, &mut area, id, |root| {
        egui::Panel::top(egui::Id::new(id)).show(root, |ui| {
            ui.horizontal(|ui| {
                ui.strong(t!("loading-app-name"));
                ui.separator();
                match &site {
                    Some(site) => {
                        ui.label(egui::RichText::new(site.0.name()).strong());
                        ui.weak(format!("{} · {}", t!("loading-site-kind", kind = site.0.header.kind.as_str()), site.0.time_zone));
                    }
                    None => {
                        ui.weak(t!("loading-no-site"));
                    }
                }
                ui.separator();
                match &*status {
                    LoadStatus::Loading { .. } => {
                        let (f, what) = status.progress().unwrap_or_default();
                        ui.add(egui::ProgressBar::new(f).desired_width(220.0).show_percentage().text(t!("loading-progress", step = what)));
                        ctx_request_repaint(ui);
                    }
                    LoadStatus::Ready { secs } => match &residency.paged {
                        None => {
                            ui.weak(loaded_summary(data.0.len(), data.0.sample_count(), *secs));
                        }
                        Some(p) => paged_status(ui, p, residency.loading_at(clock.now_ms)),
                    },
                    _ => {}
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let (e, w) = problems.counts();
                    let text = egui::RichText::new(problems_button(e, w));
                    let text = if e > 0 {
                        text.color(ui.visuals().error_fg_color)
                    } else if w > 0 {
                        text.color(ui.visuals().warn_fg_color)
                    } else {
                        text
                    };
                    if ui.button(text).on_hover_text(t!("loading-problems-button-hint")).clicked() {
                        problems.window_open = !problems.window_open;
                    }
                    ui.separator();
                    language_menu(ui, &mut language, &mut note);
                    ui.separator();
                    let hint = match &save_view.last {
                        Some(Ok(p)) => t!("loading-save-view-saved", file = p.display().to_string()),
                        Some(Err(e)) => e.clone(),
                        None => t!("loading-save-view-hint"),
                    };
                    if ui.button(t!("loading-save-view")).on_hover_text(hint).clicked() {
                        save_view.requested = true;
                    }
                });
            });
        });
    });
    Ok(())
}

/// The language menu, and for a few seconds after a choice, where it was remembered (or why not).
fn language_menu(ui: &mut egui::Ui, language: &mut ResMut<Language>, note: &mut Option<(String, f64)>) {
    let now = ui.input(|i| i.time);
    // A copy, so that drawing the menu does not mark the resource changed every frame.
    let mut picked = **language;
    if let Some(text) = language_picker(ui, &mut picked) {
        language.set_if_neq(picked);
        *note = Some((text, now));
    }
    if let Some((text, at)) = note.as_ref() {
        let left = LANGUAGE_NOTE_SECS - (now - at);
        if left > 0.0 {
            ui.weak(text.as_str()).on_hover_text(text.as_str());
            ui.ctx().request_repaint_after(std::time::Duration::from_secs_f64(left));
        } else {
            *note = None;
        }
    }
}

/// A paged database: what is held, whether the cursor's block is on its way, the database's last error.
fn paged_status(ui: &mut egui::Ui, p: &plant_viewer_context::Paged, loading: bool) {
    let mb = plant_i18n::decimal(p.bytes as f64 / 1e6, 1);
    ui.weak(t!("loading-paged", blocks = p.blocks, mb = mb)).on_hover_text(t!("loading-paged-hint", hours = PAGED_HOURS));
    if let Some(e) = &p.error {
        ui.colored_label(ui.visuals().error_fg_color, t!("loading-paged-error")).on_hover_text(e.as_str());
    } else if loading {
        ui.add(egui::Spinner::new());
        ui.weak(t!("loading-paged-loading"));
    }
    if loading || p.error.is_some() {
        ui.ctx().request_repaint_after(std::time::Duration::from_millis(100));
    }
}

/// `Data loaded — 12 meters, 1,234,567 samples, loaded in 2.31 s`.
fn loaded_summary(meters: usize, samples: usize, secs: f64) -> String {
    let samples = plant_i18n::integer(i64::try_from(samples).unwrap_or(i64::MAX));
    t!("loading-loaded", meters = meters, samples = samples, secs = plant_i18n::decimal(secs, 2))
}

/// The problems button: none, warnings only, or errors and warnings.
fn problems_button(errors: usize, warnings: usize) -> String {
    match (errors, warnings) {
        (0, 0) => t!("loading-no-problems-button"),
        (0, w) => t!("loading-warnings-button", warnings = w),
        (e, w) => t!("loading-errors-button", errors = e, warnings = w),
    }
}

fn ctx_request_repaint(ui: &egui::Ui) {
    ui.ctx().request_repaint();
}

fn problems_window_system(mut contexts: EguiContexts, mut problems: ResMut<Problems>) -> Result {
    let ctx = contexts.ctx_mut()?;
    let mut open = problems.window_open;
    egui::Window::new(t!("loading-problems-title")).id(egui::Id::new("problems-window")).open(&mut open).default_width(620.0).default_height(300.0).show(ctx, |ui| {
        problems_ui(ui, &problems.list);
    });
    problems.window_open = open;
    Ok(())
}

/// The list of problems, errors first.
pub fn problems_ui(ui: &mut egui::Ui, list: &[Diagnostic]) {
    if list.is_empty() {
        ui.label(t!("loading-no-problems"));
        return;
    }
    egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
        let mut sorted: Vec<&Diagnostic> = list.iter().collect();
        sorted.sort_by_key(|d| std::cmp::Reverse(d.severity));
        for d in sorted {
            let color = if d.is_error() { ui.visuals().error_fg_color } else { ui.visuals().warn_fg_color };
            ui.label(egui::RichText::new(d.to_string()).color(color).monospace());
        }
    });
}
