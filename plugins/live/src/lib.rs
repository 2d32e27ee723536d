//! Live data in the app. A site package's own `sources.toml` is untrusted (SECURITY.md): it never starts by
//! itself. The user starts it with `--live`, or agrees in a window that lists each source's host, protocol
//! and what will be sent; declining keeps the recording playing. A file the user names with `--sources` is
//! the user's and starts at once. Running sources poll on their own thread (`plant-live`); once a frame their samples
//! are appended to the store, the same store the recorded data are in, so every view works the same on
//! live and recorded data. The timeline's Live mode follows now; scrubbing leaves it and the live history
//! stays. A status window lists each source (connected / error / backing off, last error, last good
//! poll); a `[recorder]` writes the live samples to rolling Parquet files.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use plant_i18n::{msg, t};
use plant_live::{LiveEvent, LiveHandle, RecorderEvent, RecorderHandle, SourceState, SourceStatus};
use plant_shell::PanelOrder;
use plant_viewer_context::{CurrentSite, LoadStatus, MeterData, Problems, SiteClock, ViewerSystems};

/// A sources file to use instead of the package's `sources.toml`.
#[derive(Resource, Debug, Clone, Default)]
pub struct SourcesPath(pub Option<PathBuf>);

/// Start in live mode once the sources are up.
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct StartLive(pub bool);

/// The user agrees to start the package's sources that wait for consent ([`Live::pending`]).
#[derive(Message, Debug, Clone, Copy)]
pub struct ConnectPending;

/// The running sources and what they reported.
#[derive(Resource, Default)]
pub struct Live {
    site: Option<Arc<plant_site::Site>>,
    /// A package's sources, waiting for the user to agree before anything is sent.
    pub pending: Option<plant_live::SourcesConfig>,
    handle: Option<LiveHandle>,
    recorder: Option<RecorderHandle>,
    pub statuses: BTreeMap<String, SourceStatus>,
    pub appended: u64,
    pub refused: u64,
    pub recorded_files: std::collections::BTreeSet<PathBuf>,
    pub recorder_error: Option<String>,
    /// Latest sample time per meter, for staleness.
    pub last_sample_ms: BTreeMap<String, i64>,
    /// The live channel: reports waiting and how long the last ones waited.
    pub queue: plant_live::QueueStats,
}

impl Live {
    pub fn is_running(&self) -> bool {
        self.handle.is_some()
    }
}

#[derive(Resource, Default)]
struct StatusWindow(bool);

/// Whether the consent window is open.
#[derive(Resource, Default)]
struct ConsentWindow(bool);

pub struct LivePlugin {
    pub ui: bool,
}

impl Plugin for LivePlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<SourcesPath>()
            .init_resource::<StartLive>()
            .init_resource::<Live>()
            .add_message::<ConnectPending>()
            .add_systems(Update, (load_sources, connect_pending, absorb).chain().in_set(ViewerSystems::Live));
        if self.ui {
            app.init_resource::<StatusWindow>().init_resource::<ConsentWindow>().add_systems(EguiPrimaryContextPass, (consent_ui, status_ui).in_set(PanelOrder::Overlay));
        }
    }
}

/// Reads the site's sources once its recorded data are in (so appending never races the ingest). The
/// user's own file (`--sources`) or `--live` starts them; a package's file waits for consent.
fn load_sources(
    site: Option<Res<CurrentSite>>,
    status: Res<LoadStatus>,
    path: Res<SourcesPath>,
    start_live: Res<StartLive>,
    mut live: ResMut<Live>,
    mut problems: ResMut<Problems>,
    mut clock: ResMut<SiteClock>,
) {
    let Some(site) = site else { return };
    // The same package (site.toml edited while open replaces the site, not its meters): the sources run on.
    if live.site.as_ref().is_some_and(|s| Arc::ptr_eq(s, &site.0) || s.root == site.0.root) || !status.is_ready() {
        return;
    }
    *live = Live { site: Some(site.0.clone()), ..Live::default() };
    let loaded = match &path.0 {
        Some(p) => plant_live::load(p, &site.0).map(Some),
        None => plant_live::load_for_site(&site.0),
    };
    let (config, diags) = match loaded {
        Ok(Some(c)) => c,
        Ok(None) => return,
        Err(d) => {
            problems.list.push(d);
            return;
        }
    };
    problems.list.extend(diags);
    if config.sources.is_empty() {
        return;
    }
    if path.0.is_some() || start_live.0 {
        start(&mut live, config, &site.0, &mut problems, &mut clock, start_live.0);
    } else {
        live.pending = Some(config);
    }
}

/// Starts the pending sources when the user agrees.
fn connect_pending(mut agreed: MessageReader<ConnectPending>, mut live: ResMut<Live>, mut problems: ResMut<Problems>, mut clock: ResMut<SiteClock>) {
    if agreed.read().count() == 0 {
        return;
    }
    let (Some(config), Some(site)) = (live.pending.take(), live.site.clone()) else { return };
    start(&mut live, config, &site, &mut problems, &mut clock, true);
}

fn start(live: &mut Live, config: plant_live::SourcesConfig, site: &plant_site::Site, problems: &mut Problems, clock: &mut SiteClock, go_live: bool) {
    match LiveHandle::start(config.sources.clone()) {
        Ok(h) => live.handle = Some(h),
        Err(e) => {
            problems.list.push(plant_site::Diagnostic::error(&config.file, plant_site::Place::Whole, msg!("live-cannot-start", error = e.to_string())));
            return;
        }
    }
    for src in &config.sources {
        live.statuses.insert(src.id.clone(), SourceStatus::default());
    }
    if let Some(rc) = &config.recorder {
        let columns = site.meters.iter().map(|m| (m.id.clone(), m.column.clone())).collect();
        match RecorderHandle::start(rc, columns) {
            Ok(r) => live.recorder = Some(r),
            Err(e) => live.recorder_error = Some(e.to_string()),
        }
    }
    clock.live_available = true;
    if go_live {
        clock.go_live(chrono::Utc::now().timestamp_millis());
    }
}

/// Appends what the sources reported to the store (in place: the store is shared only with this frame's
/// readers), and records it.
fn absorb(mut live: ResMut<Live>, mut data: ResMut<MeterData>, mut clock: ResMut<SiteClock>) {
    let Some(handle) = &live.handle else { return };
    let events = handle.drain();
    let queue = handle.stats();
    if live.queue != queue {
        live.queue = queue;
    }
    if events.is_empty() {
        return;
    }
    let mut newest = i64::MIN;
    let mut batches = Vec::new();
    let mut statuses = Vec::new();
    for e in events {
        match e {
            LiveEvent::Samples { samples, .. } => batches.push(samples),
            LiveEvent::Status { source, status } => statuses.push((source, status)),
        }
    }
    let live = &mut *live;
    for (source, status) in statuses {
        live.statuses.insert(source, status);
    }
    if !batches.is_empty() {
        let store = Arc::make_mut(&mut data.0);
        for samples in batches {
            let applied = plant_live::apply(store, &samples);
            live.appended += applied.appended as u64;
            live.refused += applied.refused as u64;
            for (m, t, _) in &samples {
                newest = newest.max(*t);
                // No key allocated per sample: only a meter's first sample inserts one.
                match live.last_sample_ms.get_mut(m.as_str()) {
                    Some(e) => *e = (*e).max(*t),
                    None => {
                        live.last_sample_ms.insert(m.clone(), *t);
                    }
                }
            }
            if let Some(r) = &live.recorder {
                r.record(samples);
            }
        }
    }
    if newest > i64::MIN {
        clock.extend_to(newest);
    }
    if let Some(r) = &live.recorder {
        for ev in r.drain_events() {
            match ev {
                RecorderEvent::Flushed { files, .. } => live.recorded_files.extend(files),
                RecorderEvent::Error(e) => live.recorder_error = Some(e),
            }
        }
    }
}

fn state_text(st: &SourceStatus, now: i64) -> (String, egui::Color32) {
    match st.state {
        SourceState::Connecting => (t!("live-state-connecting"), egui::Color32::GRAY),
        SourceState::Connected if st.last_error.is_some() => (t!("live-state-connected"), egui::Color32::from_rgb(230, 180, 60)),
        SourceState::Connected => (t!("live-state-connected"), egui::Color32::from_rgb(90, 190, 90)),
        SourceState::BackingOff { retry_at_ms } => {
            let secs = ((retry_at_ms - now) as f64 / 1000.0).max(0.0).round() as i64;
            (t!("live-state-backing-off", secs = secs), egui::Color32::from_rgb(230, 80, 70))
        }
    }
}

/// Asks before a package's sources connect: each source's host, protocol and what will be sent.
fn consent_ui(
    mut contexts: EguiContexts,
    live: Res<Live>,
    mut open: ResMut<ConsentWindow>,
    mut agree: MessageWriter<ConnectPending>,
    area: Res<plant_shell::FreeArea>,
    mut asked: Local<bool>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(config) = &live.pending else {
        *asked = false;
        return Ok(());
    };
    if !*asked {
        // Ask once when the site opens; afterwards the button reopens the question.
        *asked = true;
        open.0 = true;
    }
    plant_shell::overlay(ctx, &area, plant_shell::Overlay::Live, |ui| {
        if ui.button(t!("live-offer-button")).on_hover_text(t!("live-offer-hint")).clicked() {
            open.0 = true;
        }
    });
    if !open.0 {
        return Ok(());
    }
    let mut decided = None;
    egui::Window::new(t!("live-consent-title"))
        .id(egui::Id::new("live-consent-window"))
        .collapsible(false)
        .resizable(false)
        .min_width(420.0)
        .max_width(620.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.set_max_width(600.0);
            ui.add(egui::Label::new(t!("live-consent-intro", file = config.file.display().to_string())).wrap());
            ui.add_space(6.0);
            for src in &config.sources {
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal_wrapped(|ui| {
                        ui.strong(&src.id);
                        ui.label("·");
                        ui.label(src.protocol());
                        ui.label("·");
                        ui.monospace(&src.host);
                    });
                    ui.add(egui::Label::new(egui::RichText::new(t!("live-sends", what = src.sends())).small()).wrap());
                });
            }
            if let Some(r) = &config.recorder {
                ui.add(egui::Label::new(t!("live-consent-recorder", folder = r.folder.display().to_string())).wrap());
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                if ui.button(egui::RichText::new(t!("live-connect")).strong()).clicked() {
                    decided = Some(true);
                }
                if ui.button(t!("live-not-now")).clicked() {
                    decided = Some(false);
                }
            });
            ui.add(egui::Label::new(egui::RichText::new(t!("live-consent-footnote")).weak().small()).wrap());
        });
    match decided {
        Some(true) => {
            agree.write(ConnectPending);
            open.0 = false;
        }
        Some(false) => open.0 = false,
        None => {}
    }
    Ok(())
}

/// What became of the user's last "trust this certificate": the file written, or why not.
#[derive(Default)]
struct TrustOutcome {
    /// Thumbprints already shown (the window opens by itself once for each).
    shown: std::collections::HashSet<String>,
    last: Option<Result<String, String>>,
}

/// A server certificate a secured OPC UA session was refused for: what the user compares with the server's,
/// and the one button that trusts it.
fn certificate_ui(ui: &mut egui::Ui, source: &str, cert: &plant_live::opcua::ServerCertificate, outcome: &mut TrustOutcome) {
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.set_width(ui.available_width());
        ui.strong(t!("live-cert-title", source = source));
        egui::Grid::new(egui::Id::new(("live-cert", source))).num_columns(2).show(ui, |ui| {
            ui.label(t!("live-cert-subject"));
            ui.label(&cert.subject);
            ui.end_row();
            ui.label(t!("live-cert-application"));
            ui.monospace(&cert.application_uri);
            ui.end_row();
            ui.label(t!("live-cert-thumbprint"));
            ui.monospace(cert.thumbprint_grouped());
            ui.end_row();
            ui.label(t!("live-cert-valid"));
            ui.label(t!("live-cert-valid-range", from = cert.not_before.as_str(), until = cert.not_after.as_str()));
            ui.end_row();
        });
        ui.add(egui::Label::new(egui::RichText::new(t!("live-cert-advice")).small()).wrap());
        if ui.button(t!("live-cert-trust")).clicked() {
            outcome.last = Some(plant_live::opcua::trust::trust(cert).map(|p| p.display().to_string()).map_err(|m| m.text()));
        }
    });
}

fn status_ui(
    mut contexts: EguiContexts,
    live: Res<Live>,
    clock: Res<SiteClock>,
    mut open: ResMut<StatusWindow>,
    area: Res<plant_shell::FreeArea>,
    mut trust: Local<TrustOutcome>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    if !live.is_running() {
        return Ok(());
    }
    // A server certificate to decide on opens the window (once per certificate).
    for cert in live.statuses.values().filter_map(|s| s.untrusted.as_ref()) {
        if trust.shown.insert(cert.thumbprint.clone()) {
            open.0 = true;
        }
    }
    let connected = live.statuses.values().filter(|s| s.state == SourceState::Connected).count();
    let total = live.statuses.len();
    plant_shell::overlay(ctx, &area, plant_shell::Overlay::Live, |ui| {
        let colour = if connected == total { egui::Color32::from_rgb(90, 190, 90) } else { egui::Color32::from_rgb(230, 80, 70) };
        if ui.button(egui::RichText::new(t!("live-button", connected = connected, total = total)).color(colour)).on_hover_text(t!("live-button-hint")).clicked() {
            open.0 = !open.0;
        }
    });
    let mut is_open = open.0;
    let now = chrono::Utc::now().timestamp_millis();
    egui::Window::new(t!("live-title")).id(egui::Id::new("live-sources-window")).open(&mut is_open).default_width(560.0).show(ctx, |ui| {
        egui::Grid::new(egui::Id::new("live-sources")).striped(true).num_columns(5).show(ui, |ui| {
            for h in [t!("live-column-source"), t!("live-column-state"), t!("live-column-last-good"), t!("live-column-samples"), t!("live-column-last-error")] {
                ui.strong(h);
            }
            ui.end_row();
            for (id, st) in &live.statuses {
                ui.label(id);
                let (text, colour) = state_text(st, now);
                ui.colored_label(colour, text);
                ui.label(st.last_good_ms.map_or_else(|| t!("live-never"), |t| clock.format(t)));
                let refused = st.refused_future + st.refused_past;
                let samples = plant_i18n::integer(i64::try_from(st.samples).unwrap_or(i64::MAX));
                let cell = ui.label(if refused > 0 { t!("live-samples-refused", samples = samples, refused = refused) } else { samples });
                if st.from_history > 0 {
                    cell.on_hover_text(t!("live-samples-from-history", count = st.from_history));
                }
                ui.label(st.last_error.as_deref().unwrap_or("—"));
                ui.end_row();
            }
        });
        for (id, cert) in live.statuses.iter().filter_map(|(id, s)| s.untrusted.as_ref().map(|c| (id, c))) {
            certificate_ui(ui, id, cert, &mut trust);
        }
        match &trust.last {
            Some(Ok(file)) => {
                ui.label(t!("live-cert-trusted", file = file.as_str()));
            }
            Some(Err(e)) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
            }
            None => {}
        }
        if live.refused > 0 {
            ui.weak(t!("live-refused", count = live.refused));
        }
        ui.weak(t!("live-queue", queued = live.queue.queued, latency_ms = live.queue.latency_ms.round()));
        if let Some(r) = &live.recorder {
            ui.label(t!("live-recording", folder = r.folder.display().to_string(), files = live.recorded_files.len()));
        }
        if let Some(e) = &live.recorder_error {
            ui.colored_label(ui.visuals().error_fg_color, t!("live-recorder-error", error = e));
        }
    });
    open.0 = is_open;
    Ok(())
}
