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
            .configure_sets(EguiPrimaryContextPass, (PanelOrder::Begin, PanelOrder::Top, PanelOrder::Bottom, PanelOrder::Left, PanelOrder::Right, PanelOrder::Overlay).chain())
            .add_systems(Startup, spawn_ui_camera)
            .add_systems(EguiPrimaryContextPass, (install_fonts, begin_frame).chain().in_set(PanelOrder::Begin));
    }
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

fn begin_frame(mut contexts: EguiContexts, mut area: ResMut<FreeArea>) -> Result {
    let ctx = contexts.ctx_mut()?;
    area.0 = ctx.content_rect();
    Ok(())
}

/// Shows a panel in the free area and takes the space it used.
/// `panel` receives a root `Ui` spanning the free area and must show exactly one `egui::Panel` in it.
pub fn show_panel(ctx: &egui::Context, area: &mut FreeArea, id: &str, panel: impl FnOnce(&mut egui::Ui)) {
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
    /// Bottom right, from the bottom: the flows panel button, the 3D flows switch, the what-if button.
    FlowsButton,
    FlowsIn3d,
    WhatIfButton,
    /// Bottom left: the alarms button with its counts.
    AlarmsButton,
}

/// Margin between an overlay and the free area's edge, and the height of one bottom-right slot, in points.
const MARGIN: f32 = 10.0;
const SLOT: f32 = 34.0;

impl Overlay {
    fn placement(self) -> (egui::Align2, usize) {
        match self {
            Overlay::Legend => (egui::Align2::LEFT_TOP, 0),
            Overlay::Live => (egui::Align2::RIGHT_TOP, 0),
            Overlay::FlowsButton => (egui::Align2::RIGHT_BOTTOM, 0),
            Overlay::FlowsIn3d => (egui::Align2::RIGHT_BOTTOM, 1),
            Overlay::WhatIfButton => (egui::Align2::RIGHT_BOTTOM, 2),
            Overlay::AlarmsButton => (egui::Align2::LEFT_BOTTOM, 0),
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
