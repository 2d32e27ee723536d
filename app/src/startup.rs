//! Start-up options from the command line (time, speed, selection, colour mode) and the screenshot mode.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured, save_to_disk};
use bevy::world_serialization::WorldInstanceReady;
use plant_i18n::msg;
use plant_site::Quantity;
use plant_viewer_context::{ColourBy, CurrentSite, LoadStatus, ModelInfo, Problems, Selection, SiteClock};

use crate::cli::Cli;

#[derive(Resource, Clone, Debug, Default)]
pub struct StartupOptions {
    pub at: Option<String>,
    pub speed: f64,
    pub paused: bool,
    /// Live mode was asked for: the live plugin starts it; do not start playing the recording.
    pub live: bool,
    pub whatif: bool,
    pub forecast: bool,
    pub edit: bool,
    pub select: Option<String>,
    pub colour_by: Option<String>,
    pub flows: Option<String>,
    pub flows_window: String,
    /// The inspector's chart window, hours each side of the cursor.
    pub chart_window_h: f64,
    pub screenshot: Option<PathBuf>,
    /// A training scenario opens at start: it sets the clock's speed and the trainer starts it.
    pub training: bool,
    /// Designer's scenarios to open in the scenarios window: A and, optionally, B.
    pub scenarios: Option<(String, Option<String>)>,
}

impl StartupOptions {
    pub fn from_cli(cli: &Cli) -> Self {
        Self {
            at: cli.at.clone(),
            training: cli.training.is_some(),
            scenarios: cli.scenarios.as_ref().map(|a| (a.to_string_lossy().into_owned(), cli.compare.as_ref().map(|b| b.to_string_lossy().into_owned()))),
            speed: cli.speed,
            paused: cli.paused,
            live: cli.live,
            whatif: cli.whatif,
            forecast: cli.forecast,
            edit: cli.edit,
            select: cli.select.clone(),
            colour_by: cli.colour_by.clone(),
            flows: cli.flows.clone(),
            flows_window: cli.flows_window.clone(),
            chart_window_h: match cli.chart_window.as_str() {
                "1h" => 1.0,   // i18n-ok: a value of --chart-window
                "24h" => 24.0, // i18n-ok
                "7d" => 168.0, // i18n-ok
                _ => 6.0,
            },
            screenshot: cli.screenshot.clone(),
        }
    }
}

pub struct StartupPlugin(pub StartupOptions);

#[derive(Resource, Default)]
struct Applied(bool);

/// Screenshot mode: frames counted after the scene and data are ready, and whether it was taken.
#[derive(Resource)]
struct ShotState {
    ready_frames: u32,
    scene_ready: bool,
    requested: bool,
    saved: bool,
    started: Instant,
}

impl Plugin for StartupPlugin {
    fn build(&self, app: &mut App) {
        app.insert_resource(self.0.clone()).init_resource::<Applied>().add_systems(Update, apply_options);
        if self.0.screenshot.is_some() {
            app.insert_resource(ShotState { ready_frames: 0, scene_ready: false, requested: false, saved: false, started: Instant::now() })
                .add_observer(|_: On<WorldInstanceReady>, mut s: ResMut<ShotState>| s.scene_ready = true)
                .add_systems(Update, screenshot_when_ready);
        }
    }
}

/// Parses `--at` in the site's time zone.
pub fn parse_at(s: &str, tz: chrono_tz::Tz) -> Option<i64> {
    plant_ingest::timestamp::parse_local(s, tz)
}

fn apply_options(
    opts: Res<StartupOptions>,
    mut applied: ResMut<Applied>,
    status: Res<LoadStatus>,
    site: Option<Res<CurrentSite>>,
    mut clock: ResMut<SiteClock>,
    mut selection: ResMut<Selection>,
    mut by: ResMut<ColourBy>,
    mut problems: ResMut<Problems>,
    sankey: Option<ResMut<plant_flows_view::SankeyState>>,
    whatif: Option<ResMut<plant_whatif_view::WhatIfState>>,
    inspector: Option<ResMut<plant_inspector::InspectorState>>,
    scenarios: Option<ResMut<plant_scenarios_view::ScenariosState>>,
    editing: Option<ResMut<plant_edit_view::Editing>>,
) {
    if applied.0 || !status.is_ready() {
        return;
    }
    applied.0 = true;
    if let (Some(view), Some(mut sankey)) = (&opts.flows, sankey) {
        use plant_flows_view::{Span, View};
        sankey.open = true;
        sankey.view = if view == "co2" { View::Co2 } else { View::Energy }; // i18n-ok: values of --flows
        sankey.span = match opts.flows_window.as_str() {
            "now" => Span::Instant,   // i18n-ok: values of --flows-window
            "hour" => Span::Hour,     // i18n-ok
            "week" => Span::Week,     // i18n-ok
            "record" => Span::Record, // i18n-ok
            _ => Span::Day,
        };
        // With designer's scenarios open, the flows panel shows their difference.
        sankey.difference = opts.scenarios.is_some();
    }
    if let (true, Some(mut w)) = (opts.whatif, whatif) {
        w.open = true;
    }
    if let (true, Some(mut e)) = (opts.edit, editing) {
        e.on = true;
    }
    if let Some(mut i) = inspector {
        i.forecast = opts.forecast;
        i.window_h = opts.chart_window_h;
    }
    if let (Some((a, b)), Some(mut s)) = (&opts.scenarios, scenarios) {
        s.choose(a, b.as_deref());
    }
    let Some(site) = site else { return };
    let toml = site.0.site_toml_path();
    if !opts.training {
        clock.set_speed(opts.speed);
    }
    if let Some(at) = &opts.at {
        match parse_at(at, site.0.time_zone) {
            Some(t) => clock.seek(t),
            None => problems.list.push(plant_site::Diagnostic::error(&toml, plant_site::Place::named("--at"), msg!("app-startup-bad-time", value = at))),
        }
    }
    if !opts.paused && opts.screenshot.is_none() && !opts.live && !opts.training {
        clock.play();
    }
    if let Some(id) = &opts.select {
        if site.0.equipment(id).is_some() {
            selection.0 = Some(id.clone());
        } else {
            problems.list.push(plant_site::Diagnostic::error(&toml, plant_site::Place::named("--select"), msg!("app-startup-no-equipment", id = id)));
        }
    }
    if let Some(q) = &opts.colour_by {
        match q.as_str() {
            "model" => *by = ColourBy::Model,           // i18n-ok: values of --colour-by
            "carbon" | "co2" => *by = ColourBy::Carbon, // i18n-ok
            _ => match Quantity::ALL.iter().find(|x| format!("{x:?}").to_lowercase() == q.replace('_', "")) {
                Some(&x) => *by = ColourBy::Quantity(x),
                None => problems.list.push(plant_site::Diagnostic::error(&toml, plant_site::Place::named("--colour-by"), msg!("app-startup-unknown-quantity", value = q))),
            },
        }
    }
}

fn screenshot_when_ready(
    mut commands: Commands,
    opts: Res<StartupOptions>,
    status: Res<LoadStatus>,
    applied: Res<Applied>,
    site: Option<Res<CurrentSite>>,
    info: Res<ModelInfo>,
    live: Option<Res<plant_live_view::Live>>,
    asking: Option<Res<plant_loading::AskHistorian>>,
    residency: Res<plant_viewer_context::Residency>,
    clock: Res<plant_viewer_context::SiteClock>,
    mut shot: ResMut<ShotState>,
    mut exit: MessageWriter<AppExit>,
) {
    let Some(path) = opts.screenshot.clone() else { return };
    // With live sources, wait (up to 30 s) for their first samples so the picture shows live data.
    let waiting_for_live = live.as_ref().is_some_and(|l| l.is_running() && l.appended == 0) && shot.started.elapsed() < Duration::from_secs(30);
    // A paged database: wait (up to 30 s) for the cursor's hours, so the picture shows them, not "loading".
    let waiting_for_live =
        waiting_for_live || (residency.loading_at(clock.now_ms) && residency.paged.as_ref().is_some_and(|p| p.error.is_none()) && shot.started.elapsed() < Duration::from_secs(30));
    if shot.started.elapsed() > Duration::from_secs(300) {
        error!("screenshot: the site did not finish loading within 300 s");
        exit.write(AppExit::error());
        return;
    }
    if shot.saved {
        exit.write(AppExit::Success);
        return;
    }
    // Ready: data loaded and options applied (or the site failed to open), and the 3D scene spawned
    // (or there is no model to spawn).
    let failed = matches!(*status, LoadStatus::Failed);
    let no_model = site.is_none() || !info.0.readable;
    // Waiting for the user's consent to read the database is what the user sees: the picture shows it.
    let ready = ((applied.0 || failed) && (shot.scene_ready || no_model || failed) && !waiting_for_live) || (asking.is_some() && (shot.scene_ready || no_model));
    if !ready {
        return;
    }
    shot.ready_frames += 1;
    // Let materials, shadows and egui layout settle for a few frames.
    if shot.ready_frames == 20 && !shot.requested {
        shot.requested = true;
        commands.spawn(Screenshot::primary_window()).observe(save_to_disk(path)).observe(|_: On<ScreenshotCaptured>, mut s: ResMut<ShotState>| s.saved = true);
    }
}
