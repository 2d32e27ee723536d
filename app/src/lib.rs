//! The `plant-twin` application: assembles the plugins. Thin by design — capabilities live in `plugins/`,
//! domain logic in `crates/`.

pub mod alarms;
pub mod anomalies;
pub mod baseline;
pub mod browse;
pub mod cli;
mod data;
pub mod forecast;
pub mod import;
pub mod new;
pub mod report;
mod startup;
pub mod training;
pub mod whatif;

use std::path::{Path, PathBuf};

use bevy::asset::io::AssetSourceBuilder;
use bevy::prelude::*;
use bevy::window::WindowResolution;
use bevy_egui::EguiPlugin;
use plant_i18n::t;
use plant_inspector::InspectorPlugin;
use plant_loading::{LoadingPlugin, SitePath};
use plant_scene::ScenePlugin;
use plant_shell::ShellPlugin;
use plant_timeline::TimelinePlugin;

pub use startup::{StartupOptions, parse_at};

/// The plugins that hold the app's behaviour without a window: clock, site and data loading, equipment
/// binding, readings and colours. Tests run exactly these.
pub fn add_logic_plugins(app: &mut App, site: &Path) {
    app.insert_resource(SitePath(site.to_path_buf())).add_plugins((
        plant_viewer_context::ViewerContextPlugin,
        TimelinePlugin { ui: false },
        LoadingPlugin { ui: false },
        ScenePlugin { render: false },
        plant_flows_view::FlowsViewPlugin { ui: false },
        plant_live_view::LivePlugin { ui: false },
        plant_alarms_view::AlarmsPlugin { ui: false },
        plant_anomalies_view::AnomaliesPlugin { ui: false },
        plant_training_view::TrainingPlugin { ui: false },
        plant_edit_view::EditPlugin { ui: false },
    ));
}

/// The whole desktop application for the options given on the command line.
pub fn build_app(cli: &cli::Cli) -> App {
    let site = absolute(&cli.site_path());
    let mut app = App::new();
    // The site's folder is an asset source of its own, so the model loads from wherever the site is.
    app.register_asset_source(plant_scene_source(), AssetSourceBuilder::platform_default(&site.to_string_lossy(), None));
    let (w, h) = cli.size;
    app.add_plugins(
        DefaultPlugins.set(WindowPlugin { primary_window: Some(Window { title: t!("app-window-title"), resolution: WindowResolution::new(w, h), ..default() }), ..default() }),
    )
    .add_plugins(EguiPlugin::default())
    .insert_resource(SitePath(site))
    // The language chosen at start (--lang, the menu's remembered choice or the system's): every panel reads it.
    .insert_resource(plant_viewer_context::Language(plant_i18n::current()))
    .insert_resource(plant_live_view::SourcesPath(cli.sources.clone().map(|p| absolute(&p))))
    .insert_resource(plant_live_view::StartLive(cli.live))
    .insert_resource(plant_loading::ConnectHistorian(cli.connect))
    .insert_resource(plant_alarms_view::OpenAtStart(cli.alarms))
    .insert_resource(plant_anomalies_view::OpenAtStart(cli.anomalies))
    .insert_resource(plant_training_view::OpenAtStart(cli.training.clone(), cli.at.clone()))
    .insert_resource(plant_shell::Presentation { on: cli.presentation, ..default() })
    .add_plugins((
        ShellPlugin,
        plant_viewer_context::ViewerContextPlugin,
        TimelinePlugin { ui: true },
        LoadingPlugin { ui: true },
        ScenePlugin { render: true },
        InspectorPlugin,
        plant_flows_view::FlowsViewPlugin { ui: true },
        plant_live_view::LivePlugin { ui: true },
        plant_whatif_view::WhatIfPlugin,
        plant_alarms_view::AlarmsPlugin { ui: true },
        plant_anomalies_view::AnomaliesPlugin { ui: true },
        plant_training_view::TrainingPlugin { ui: true },
        plant_scenarios_view::ScenariosPlugin,
        plant_edit_view::EditPlugin { ui: true },
    ))
    .add_plugins(startup::StartupPlugin(StartupOptions::from_cli(cli)))
    .add_systems(Startup, log_language);
    app
}

/// Which language the viewer starts in and why, in the log.
fn log_language() {
    if let Some(choice) = cli::language_choice() {
        info!("language: {} ({:?})", choice.lang, choice.source);
    }
}

fn plant_scene_source() -> &'static str {
    "site" // i18n-ok: the asset source's id
}

fn absolute(p: &Path) -> PathBuf {
    std::fs::canonicalize(p).unwrap_or_else(|_| std::env::current_dir().map(|d| d.join(p)).unwrap_or_else(|_| p.to_path_buf()))
}
