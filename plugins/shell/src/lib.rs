//! The window's layout. egui 0.36 shows panels inside a root `Ui`; each plugin adds its panel from its
//! own system, so this crate keeps the part of the window still free in [`FreeArea`] and orders the panel
//! systems with [`PanelOrder`]. What is left after all panels is the 3D viewport.

use bevy::camera::CameraOutputMode;
use bevy::camera::visibility::RenderLayers;
use bevy::prelude::*;
use bevy::render::render_resource::BlendState;
use bevy_egui::{EguiContexts, EguiGlobalSettings, EguiPrimaryContextPass, PrimaryEguiContext, egui};

pub mod fonts;

/// The part of the window not yet taken by a panel, in egui points.
#[derive(Resource, Debug, Clone, Copy)]
pub struct FreeArea(pub egui::Rect);

impl Default for FreeArea {
    fn default() -> Self {
        Self(egui::Rect::NOTHING)
    }
}

/// Order of the panel systems in `EguiPrimaryContextPass`: top bar, bottom bar, left, right, then
/// windows and overlays drawn over the viewport.
#[derive(SystemSet, Debug, Clone, PartialEq, Eq, Hash)]
pub enum PanelOrder {
    Begin,
    Top,
    Bottom,
    Left,
    Right,
    Overlay,
}

pub struct ShellPlugin;

impl Plugin for ShellPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<FreeArea>()
            .init_resource::<Presentation>()
            .init_resource::<SaveView>()
            .configure_sets(EguiPrimaryContextPass, (PanelOrder::Begin, PanelOrder::Top, PanelOrder::Bottom, PanelOrder::Left, PanelOrder::Right, PanelOrder::Overlay).chain())
            .add_systems(Startup, spawn_ui_camera)
            .add_systems(Update, (toggle_presentation, apply_presentation).chain())
            .add_systems(Update, save_view)
            .add_systems(EguiPrimaryContextPass, (install_fonts, begin_frame).chain().in_set(PanelOrder::Begin))
            .add_systems(EguiPrimaryContextPass, presentation_bar.in_set(PanelOrder::Overlay));
    }
}

/// A PNG of the window as it is on screen (3D, panels, Sankey, charts): asked for with F12 or a button
/// (`requested`), written to the `screenshots` folder of the user's settings; `last` says where it went.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct SaveView {
    pub requested: bool,
    pub last: Option<Result<std::path::PathBuf, String>>,
}

/// The key that saves a PNG of the view.
pub const SAVE_VIEW_KEY: KeyCode = KeyCode::F12;
/// The folder of the user's settings the views are saved to.
const SCREENSHOTS_FOLDER: &str = "screenshots"; // i18n-ok: a folder name

fn save_view(keys: Option<Res<ButtonInput<KeyCode>>>, mut view: ResMut<SaveView>, mut commands: Commands) {
    if keys.is_some_and(|k| k.just_pressed(SAVE_VIEW_KEY)) {
        view.requested = true;
    }
    if !view.requested {
        return;
    }
    view.requested = false;
    let Some(folder) = plant_i18n::config_dir().map(|d| d.join(SCREENSHOTS_FOLDER)) else {
        view.last = Some(Err(plant_i18n::t!("shell-save-view-no-folder")));
        return;
    };
    if let Err(e) = std::fs::create_dir_all(&folder) {
        view.last = Some(Err(format!("{}: {e}", folder.display())));
        return;
    }
    let stamp = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis());
    let path = folder.join(format!("plant-twin-{stamp}.png"));
    use bevy::render::view::screenshot::{Screenshot, save_to_disk};
    commands.spawn(Screenshot::primary_window()).observe(save_to_disk(path.clone()));
    view.last = Some(Ok(path));
}

/// Presentation mode, for a trainer in front of a projector: the window full screen, everything drawn larger,
/// and only the pinned panels shown (by default the top bar and the timeline; the equipment tree and the
/// inspector can be pinned from the bar at the top). F5 turns it on and off.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct Presentation {
    pub on: bool,
    /// Panel ids shown while presenting.
    pub pinned: Vec<String>,
    /// How much larger everything is drawn while presenting.
    pub zoom: f32,
}

impl Default for Presentation {
    fn default() -> Self {
        Presentation { on: false, pinned: vec!["top-bar".into(), "timeline".into()], zoom: 1.5 } // i18n-ok: panel ids
    }
}

/// The panels a presenter can pin: id and catalogue id of its name.
const PINNABLE: [(&str, &str); 4] =
    [("top-bar", "shell-panel-top-bar"), ("tree", "shell-panel-tree"), ("inspector", "shell-panel-inspector"), ("timeline", "shell-panel-timeline")]; // i18n-ok: ids

/// The key that turns presentation mode on and off.
pub const PRESENTATION_KEY: KeyCode = KeyCode::F5;

fn toggle_presentation(keys: Option<Res<ButtonInput<KeyCode>>>, mut p: ResMut<Presentation>) {
    if keys.is_some_and(|k| k.just_pressed(PRESENTATION_KEY)) {
        p.on = !p.on;
    }
}

/// Full screen while presenting, the window as it was otherwise.
fn apply_presentation(p: Res<Presentation>, mut windows: Query<&mut Window, With<bevy::window::PrimaryWindow>>) {
    if !p.is_changed() {
        return;
    }
    use bevy::window::{MonitorSelection, WindowMode};
    for mut w in &mut windows {
        let mode = if p.on { WindowMode::BorderlessFullscreen(MonitorSelection::Current) } else { WindowMode::Windowed };
        if w.mode != mode {
            w.mode = mode;
        }
    }
}

/// What [`show_panel`] reads of presentation mode (kept in egui's memory: the panels are drawn by free
/// functions that get only the egui context).
#[derive(Clone, Default)]
struct Presenting(Option<Vec<String>>);

fn presenting_id() -> egui::Id {
    egui::Id::new("plant-shell-presenting")
}

/// The bar shown at the top while presenting: how to leave, and which panels are pinned.
fn presentation_bar(mut contexts: EguiContexts, area: Res<FreeArea>, mut p: ResMut<Presentation>) -> Result {
    if !p.on {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    let free = area.0;
    let mut pinned = p.pinned.clone();
    egui::Area::new(egui::Id::new("plant-presentation-bar")).fixed_pos(egui::pos2(free.center().x - 260.0, free.top() + 6.0)).order(egui::Order::Foreground).show(ctx, |ui| {
        egui::Frame::popup(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(plant_i18n::t!("shell-presentation"));
                ui.weak(plant_i18n::t!("shell-presentation-leave"));
                ui.separator();
                ui.label(plant_i18n::t!("shell-presentation-pin"));
                for (id, name) in PINNABLE {
                    let mut on = pinned.iter().any(|x| x == id);
                    if ui.checkbox(&mut on, plant_i18n::Msg::new(name).text()).changed() {
                        pinned.retain(|x| x != id);
                        if on {
                            pinned.push(id.to_owned());
                        }
                    }
                }
            });
        });
    });
    if pinned != p.pinned {
        p.pinned = pinned;
    }
    Ok(())
}

/// egui gets a camera of its own covering the whole window, drawn over the 3D view, so the 3D camera's
/// viewport can be the free area without moving the panels.
fn spawn_ui_camera(mut commands: Commands, mut settings: ResMut<EguiGlobalSettings>) {
    settings.auto_create_primary_context = false;
    commands.spawn((
        PrimaryEguiContext,
        Camera2d,
        RenderLayers::none(),
        Camera {
            order: 1,
            output_mode: CameraOutputMode::Write { blend_state: Some(BlendState::ALPHA_BLENDING), clear_color: ClearColorConfig::None },
            clear_color: ClearColorConfig::Custom(Color::NONE),
            ..default()
        },
    ));
}

/// The fonts of every language (CJK included), once, when the egui context first exists.
fn install_fonts(mut contexts: EguiContexts, mut done: Local<bool>) -> Result {
    if !*done {
        fonts::install(contexts.ctx_mut()?);
        *done = true;
    }
    Ok(())
}

fn begin_frame(mut contexts: EguiContexts, mut area: ResMut<FreeArea>, presentation: Res<Presentation>) -> Result {
    let ctx = contexts.ctx_mut()?;
    let zoom = if presentation.on { presentation.zoom } else { 1.0 };
    if (ctx.zoom_factor() - zoom).abs() > f32::EPSILON {
        ctx.set_zoom_factor(zoom);
    }
    let presenting = Presenting(presentation.on.then(|| presentation.pinned.clone()));
    ctx.data_mut(|d| d.insert_temp(presenting_id(), presenting));
    area.0 = ctx.content_rect();
    Ok(())
}

/// Shows a panel in the free area and takes the space it used.
/// `panel` receives a root `Ui` spanning the free area and must show exactly one `egui::Panel` in it.
/// While presenting, a panel that is not pinned is not shown (and takes no space).
pub fn show_panel(ctx: &egui::Context, area: &mut FreeArea, id: &str, panel: impl FnOnce(&mut egui::Ui)) {
    let presenting: Presenting = ctx.data(|d| d.get_temp(presenting_id())).unwrap_or_default();
    if presenting.0.is_some_and(|pinned| !pinned.iter().any(|p| p == id)) {
        return;
    }
    let mut root = egui::Ui::new(ctx.clone(), egui::Id::new(("plant-shell", id)), egui::UiBuilder::new().layer_id(egui::LayerId::background()).max_rect(area.0));
    panel(&mut root);
    area.0 = root.available_rect_before_wrap();
}

/// Where a small overlay (a button, the legend) sits over the 3D view: a corner of the free area and a
/// slot counted from the corner, so views place their buttons by name instead of by pixel offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    /// Top left: the colour legend.
    Legend,
    /// Top right: the live sources' status or the offer to connect them.
    Live,
    /// Bottom right, from the bottom: the flows panel button, the 3D flows switch, the what-if button, the
    /// training button.
    FlowsButton,
    FlowsIn3d,
    WhatIfButton,
    TrainingButton,
    /// Bottom right, above the training button: the scenarios button.
    ScenariosButton,
    /// Bottom right, above the scenarios button: the edit mode's button.
    EditButton,
    /// Bottom left: the alarms button with its counts.
    AlarmsButton,
    /// Bottom left, above the alarms button: the anomalies button.
    AnomaliesButton,
}

/// Margin between an overlay and the free area's edge, and the height of one bottom-right slot, in points.
const MARGIN: f32 = 10.0;
const SLOT: f32 = 40.0;

impl Overlay {
    fn placement(self) -> (egui::Align2, usize) {
        match self {
            Overlay::Legend => (egui::Align2::LEFT_TOP, 0),
            Overlay::Live => (egui::Align2::RIGHT_TOP, 0),
            Overlay::FlowsButton => (egui::Align2::RIGHT_BOTTOM, 0),
            Overlay::FlowsIn3d => (egui::Align2::RIGHT_BOTTOM, 1),
            Overlay::WhatIfButton => (egui::Align2::RIGHT_BOTTOM, 2),
            Overlay::AlarmsButton => (egui::Align2::LEFT_BOTTOM, 0),
            Overlay::AnomaliesButton => (egui::Align2::LEFT_BOTTOM, 1),
            Overlay::TrainingButton => (egui::Align2::RIGHT_BOTTOM, 3),
            Overlay::ScenariosButton => (egui::Align2::RIGHT_BOTTOM, 4),
            Overlay::EditButton => (egui::Align2::RIGHT_BOTTOM, 5),
        }
    }
}

/// Shows `add` as an overlay at its place in the free area (which follows the panels as they open,
/// close and resize).
pub fn overlay<R>(ctx: &egui::Context, area: &FreeArea, which: Overlay, add: impl FnOnce(&mut egui::Ui) -> R) -> Option<R> {
    let free = area.0;
    if !free.is_positive() {
        return None;
    }
    let whole = ctx.content_rect();
    let (align, slot) = which.placement();
    let step = slot as f32 * SLOT;
    let offset = match align {
        egui::Align2::LEFT_TOP => egui::vec2(free.left() - whole.left() + MARGIN, free.top() - whole.top() + MARGIN + step),
        egui::Align2::RIGHT_TOP => egui::vec2(-(whole.right() - free.right()) - MARGIN, free.top() - whole.top() + MARGIN + step),
        egui::Align2::LEFT_BOTTOM => egui::vec2(free.left() - whole.left() + MARGIN, -(whole.bottom() - free.bottom()) - MARGIN - step),
        _ => egui::vec2(-(whole.right() - free.right()) - MARGIN, -(whole.bottom() - free.bottom()) - MARGIN - step),
    };
    Some(egui::Area::new(egui::Id::new(("plant-overlay", format!("{which:?}")))).anchor(align, offset).show(ctx, add).inner)
}
