//! The render half: model, per-equipment materials, picking, camera, legend and hover label.

use bevy::camera::Viewport;
use bevy::picking::events::{Click, Out, Over, Pointer, Press};
use bevy::prelude::*;
use bevy::window::PrimaryWindow;
use bevy::world_serialization::WorldAssetRoot;
use bevy_egui::input::EguiWantsInput;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use bevy_panorbit_camera::{PanOrbitCamera, PanOrbitCameraPlugin, PanOrbitCameraSystemSet};
use plant_i18n::t;
use plant_shell::{FreeArea, PanelOrder};
use plant_viewer_context::{
    ColourBy, CurrentSite, EquipmentNode, EquipmentReading, EquipmentTint, FrameRequest, Hovered, ModelInfo, Selection, SiteModel, ViewRequest, ViewerSystems, colour_at,
    egui_colour, format_value, quantity_label, swatch_ui,
};

use crate::colour::ColourScale;

/// The asset source the app registers for the open site's folder.
pub const SITE_ASSET_SOURCE: &str = "site"; // i18n-ok: an asset source name

/// The item's own material, shared by all its meshes while colouring by data.
#[derive(Component)]
struct EquipmentMaterial(Handle<StandardMaterial>);

/// A mesh's material from the model, restored in "model colours" mode.
#[derive(Component)]
struct ModelMaterial(Handle<StandardMaterial>);

/// Where the pointer went down, to tell a click from the end of an orbit drag.
#[derive(Resource, Default)]
struct PressAt(Option<Vec2>);

pub(crate) fn build(app: &mut App) {
    app.add_plugins((MeshPickingPlugin, PanOrbitCameraPlugin))
        .init_resource::<PressAt>()
        .insert_resource(ClearColor(Color::srgb(0.62, 0.70, 0.78)))
        .add_systems(Startup, spawn_camera_and_lights)
        .add_systems(
            Update,
            (
                spawn_model.run_if(resource_changed::<ModelInfo>),
                frame_on_model_info.run_if(resource_changed::<ModelInfo>),
                colouring().after(ViewerSystems::Readings),
                keyboard,
                frame_requests,
            ),
        )
        // After the glTF scene is spawned (SpawnScene runs after Update) and before the frame is extracted, so a
        // model's camera never renders, not even for one frame.
        .add_systems(PostUpdate, (block_camera_under_ui.before(PanOrbitCameraSystemSet), silence_model_cameras))
        .add_systems(EguiPrimaryContextPass, (legend_overlay, fit_camera_viewport).chain().in_set(PanelOrder::Overlay))
        .add_observer(on_press)
        .add_observer(on_click)
        .add_observer(on_over)
        .add_observer(on_out);
}

fn spawn_camera_and_lights(mut commands: Commands) {
    commands.spawn((
        PanOrbitCamera { focus: Vec3::new(30.0, 20.0, 0.0), radius: Some(450.0), yaw: Some(-0.5), pitch: Some(0.45), ..default() },
        Transform::from_xyz(200.0, 250.0, 380.0).looking_at(Vec3::new(30.0, 20.0, 0.0), Vec3::Y),
    ));
    commands.spawn((DirectionalLight { illuminance: 9_000.0, shadow_maps_enabled: true, ..default() }, Transform::from_xyz(-150.0, 300.0, 200.0).looking_at(Vec3::ZERO, Vec3::Y)));
    commands.insert_resource(GlobalAmbientLight { color: Color::WHITE, brightness: 700.0, ..default() });
}

fn spawn_model(mut commands: Commands, site: Option<Res<CurrentSite>>, info: Res<ModelInfo>, assets: Res<AssetServer>, spawned: Query<(), With<SiteModel>>) {
    // Without a readable model (reported by the model check) the site opens without 3D.
    let Some(site) = site else { return };
    if !info.0.readable || !spawned.is_empty() {
        return;
    }
    let path = format!("{SITE_ASSET_SOURCE}://{}", site.0.header.model);
    // In metres with Y up: the site's `scale` and `up_axis` (the same transform the model check's bounds use).
    let transform = Transform::from_matrix(Mat4::from_cols_array(&site.0.model_matrix));
    commands.spawn((WorldAssetRoot(assets.load(GltfAssetLabel::Scene(0).from_asset(path))), transform, SiteModel));
}

/// Frames the whole model once its bounds are known (and again if another model brings other bounds), with
/// the camera's clipping planes fitted to its size: a 1 m part and a 100 km millimetre export both fill the
/// view, neither a dot nor seen from inside.
fn frame_on_model_info(
    info: Res<ModelInfo>,
    mut last: Local<Option<([f32; 3], [f32; 3])>>,
    mut frame: MessageWriter<FrameRequest>,
    mut cams: Query<(&mut PanOrbitCamera, &mut Projection)>,
) {
    let Some(bounds) = info.0.bounds else { return };
    if *last == Some(bounds) {
        return;
    }
    let first = last.is_none();
    *last = Some(bounds);
    let (near, far) = crate::clip_planes(bounds);
    let (focus, radius) = crate::pose_for(crate::view_bounds(&info.0).unwrap_or(bounds), true);
    for (mut cam, mut projection) in &mut cams {
        if let Projection::Perspective(p) = &mut *projection {
            p.near = near;
            p.far = far;
        }
        // The first view starts framed rather than flying in from the default pose.
        if first {
            cam.focus = focus;
            cam.radius = Some(radius);
        }
        cam.zoom_lower_limit = near * 10.0;
        cam.zoom_upper_limit = Some(far * 0.5);
    }
    frame.write(FrameRequest(None));
}

/// A model's own cameras (CAD and Blender exports often carry one) never render over the twin's view.
fn silence_model_cameras(mut cams: Query<&mut Camera, (Added<Camera>, With<Camera3d>, Without<PanOrbitCamera>)>) {
    for mut cam in &mut cams {
        cam.is_active = false;
    }
}

fn frame_requests(mut requests: MessageReader<FrameRequest>, mut views: MessageReader<ViewRequest>, info: Res<ModelInfo>, mut cams: Query<&mut PanOrbitCamera>) {
    let frames = requests.read().map(|FrameRequest(target)| ViewRequest { frame: target.clone(), yaw_deg: None, pitch_deg: None, zoom: None });
    for v in frames.chain(views.read().cloned()) {
        let target = &v.frame;
        let bounds = match target {
            Some(id) => info.0.equipment_bounds.get(id).copied(),
            None => crate::view_bounds(&info.0),
        };
        let Some(bounds) = bounds else { continue };
        let (focus, radius) = crate::pose_for(bounds, target.is_none());
        for mut cam in &mut cams {
            cam.target_focus = focus;
            cam.target_radius = radius * v.zoom.unwrap_or(1.0);
            if target.is_none() {
                cam.target_yaw = crate::VIEW_YAW;
                cam.target_pitch = crate::VIEW_PITCH;
            }
            if let Some(yaw) = v.yaw_deg {
                cam.target_yaw = yaw.to_radians();
            }
            if let Some(pitch) = v.pitch_deg {
                cam.target_pitch = pitch.to_radians();
            }
        }
    }
}

/// The systems that paint the bound items each frame (their materials from their tints): the render plugin's,
/// and what the per-frame benchmark measures (benches/frame.rs).
pub fn colouring() -> bevy::ecs::schedule::ScheduleConfigs<bevy::ecs::system::ScheduleSystem> {
    (unpaint_unbound, give_equipment_materials, apply_colours).chain().into_configs()
}

/// A node no longer bound (site.toml edited) gets the model's materials back and loses its own.
fn unpaint_unbound(
    mut commands: Commands,
    items: Query<(Entity, &ItemMeshes), (With<EquipmentMaterial>, Without<EquipmentNode>)>,
    mut mesh_materials: Query<(&mut MeshMaterial3d<StandardMaterial>, &ModelMaterial)>,
) {
    for (item, meshes) in &items {
        for &d in &meshes.0 {
            if let Ok((mut mm, model)) = mesh_materials.get_mut(d) {
                mm.0 = model.0.clone();
            }
        }
        commands.entity(item).remove::<(EquipmentMaterial, ItemMeshes)>();
    }
}

/// Gives each bound item one material of its own (for when it is selected or hovered), remembers the model's
/// materials of its meshes, and which meshes are its.
fn give_equipment_materials(
    mut commands: Commands,
    items: Query<Entity, (With<EquipmentNode>, Without<EquipmentMaterial>)>,
    children: Query<&Children>,
    meshes: Query<&MeshMaterial3d<StandardMaterial>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    for item in &items {
        let own = materials.add(StandardMaterial { base_color: crate::NO_DATA_COLOUR, perceptual_roughness: 0.75, metallic: 0.05, alpha_mode: AlphaMode::Blend, ..default() });
        let mut mine = Vec::new();
        for d in children.iter_descendants(item) {
            if let Ok(m) = meshes.get(d) {
                commands.entity(d).insert(ModelMaterial(m.0.clone()));
                mine.push(d);
            }
        }
        commands.entity(item).insert((EquipmentMaterial(own), ItemMeshes(mine)));
    }
}

/// The meshes of an item (its descendants holding a material), found once.
#[derive(Component)]
struct ItemMeshes(Vec<Entity>);

/// Materials shared by every item of the same colour: an item that changes colour points its meshes at the
/// palette's material of the new colour, so a frame in which 10,000 items change colour modifies no material
/// (the renderer would otherwise prepare 10,000 materials again). The selected and the hovered item use their
/// own material, lit up.
#[derive(Resource, Default)]
struct Palette(bevy::platform::collections::HashMap<[u8; 4], Handle<StandardMaterial>>);

impl Palette {
    fn material(&mut self, colour: Color, materials: &mut Assets<StandardMaterial>) -> &Handle<StandardMaterial> {
        let key = colour.to_srgba().to_u8_array();
        self.0.entry(key).or_insert_with(|| {
            // Opaque when it has data; "no data" is a ghost.
            let alpha_mode = if colour.alpha() < 1.0 { AlphaMode::Blend } else { AlphaMode::Opaque };
            materials.add(StandardMaterial { base_color: colour, perceptual_roughness: 0.75, metallic: 0.05, alpha_mode, ..default() })
        })
    }
}

/// Paints items with their tint (or the model's colours) and lights up the selected and the hovered one.
#[allow(clippy::too_many_arguments, clippy::type_complexity)]
fn apply_colours(
    by: Res<ColourBy>,
    selection: Res<Selection>,
    hovered: Res<Hovered>,
    mut palette: Local<Palette>,
    mut last_lit: Local<Vec<Entity>>,
    items: Query<(Entity, &EquipmentNode, &EquipmentTint, &EquipmentMaterial, &ItemMeshes)>,
    changed: Query<(), Or<(Changed<EquipmentTint>, Added<ItemMeshes>)>>,
    mut mesh_materials: Query<(&mut MeshMaterial3d<StandardMaterial>, &ModelMaterial)>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let global = by.is_changed();
    let lit_changed = selection.is_changed() || hovered.is_changed();
    let data_mode = *by != ColourBy::Model;
    let mut lit = Vec::new();
    for (item, node, tint, own, meshes) in &items {
        let selected = selection.0.as_deref() == Some(node.id.as_str());
        let hot = hovered.0.as_deref() == Some(node.id.as_str());
        if selected || hot {
            lit.push(item);
        }
        // Items whose lighting ends this frame are repainted too.
        let was_lit = lit_changed && last_lit.contains(&item);
        if !global && !changed.contains(item) && !((selected || hot) && lit_changed) && !was_lit {
            continue;
        }
        let want: Option<&Handle<StandardMaterial>> = if selected || hot {
            if let Some(mut m) = materials.get_mut(&own.0) {
                let lin = tint.0.to_linear();
                m.base_color = if selected { tint.0.with_alpha(1.0) } else { tint.0 };
                m.alpha_mode = if tint.0.alpha() < 1.0 && !selected { AlphaMode::Blend } else { AlphaMode::Opaque };
                m.emissive = if selected { LinearRgba::rgb(0.9, 0.55, 0.1) * 2.0 } else { LinearRgba::rgb(lin.red, lin.green, lin.blue) * 0.6 + LinearRgba::rgb(0.15, 0.15, 0.15) };
            }
            Some(&own.0)
        } else if data_mode {
            Some(palette.material(tint.0, &mut materials))
        } else {
            None
        };
        for &d in &meshes.0 {
            if let Ok((mut mm, model)) = mesh_materials.get_mut(d) {
                let want = want.unwrap_or(&model.0);
                if mm.0 != *want {
                    mm.0 = want.clone();
                }
            }
        }
    }
    *last_lit = lit;
}

fn equipment_of(entity: Entity, nodes: &Query<&EquipmentNode>, parents: &Query<&ChildOf>) -> Option<String> {
    if let Ok(n) = nodes.get(entity) {
        return Some(n.id.clone());
    }
    parents.iter_ancestors(entity).find_map(|a| nodes.get(a).ok().map(|n| n.id.clone()))
}

fn on_press(press: On<Pointer<Press>>, mut at: ResMut<PressAt>) {
    at.0 = Some(press.pointer_location.position);
}

fn on_click(
    mut click: On<Pointer<Click>>,
    nodes: Query<&EquipmentNode>,
    parents: Query<&ChildOf>,
    meshes: Query<(), With<Mesh3d>>,
    mut selection: ResMut<Selection>,
    at: Res<PressAt>,
) {
    click.propagate(false);
    // Only clicks on the 3D model select; egui's picking backend reports clicks on panels too.
    if click.event.button != PointerButton::Primary || !meshes.contains(click.entity) {
        return;
    }
    // The end of an orbit drag is not a click.
    if at.0.is_some_and(|p| p.distance(click.pointer_location.position) > 5.0) {
        return;
    }
    let picked = equipment_of(click.entity, &nodes, &parents);
    selection.set_if_neq(Selection(picked));
}

fn on_over(mut over: On<Pointer<Over>>, nodes: Query<&EquipmentNode>, parents: Query<&ChildOf>, meshes: Query<(), With<Mesh3d>>, mut hovered: ResMut<Hovered>) {
    over.propagate(false);
    let item = if meshes.contains(over.entity) { equipment_of(over.entity, &nodes, &parents) } else { None };
    hovered.set_if_neq(Hovered(item));
}

fn on_out(mut out: On<Pointer<Out>>, mut hovered: ResMut<Hovered>) {
    out.propagate(false);
    hovered.set_if_neq(Hovered(None));
}

fn keyboard(keys: Res<ButtonInput<KeyCode>>, wants: Res<EguiWantsInput>, mut selection: ResMut<Selection>, mut frame: MessageWriter<FrameRequest>) {
    if wants.wants_any_keyboard_input() {
        return;
    }
    if keys.just_pressed(KeyCode::Escape) {
        selection.set_if_neq(Selection(None));
    }
    if keys.just_pressed(KeyCode::KeyF) {
        frame.write(FrameRequest(selection.0.clone()));
    }
    if keys.just_pressed(KeyCode::Home) {
        frame.write(FrameRequest(None));
    }
}

/// The orbit camera ignores the pointer while egui has it. egui's answer can drop to "no" for one frame
/// (a click or scroll just inside a window), so the previous frame's answer counts too.
fn block_camera_under_ui(wants: Res<EguiWantsInput>, mut prev: Local<bool>, mut cams: Query<&mut PanOrbitCamera>) {
    let now = wants.is_pointer_over_area() || wants.is_using_pointer();
    let blocked = now || *prev;
    *prev = now;
    for mut cam in &mut cams {
        if cam.enabled == blocked {
            cam.enabled = !blocked;
        }
    }
}

/// Colour-by selector, legend and hover label, drawn over the 3D viewport.
#[allow(clippy::too_many_arguments)]
fn legend_overlay(
    mut contexts: EguiContexts,
    area: Res<FreeArea>,
    site: Option<Res<CurrentSite>>,
    mut by: ResMut<ColourBy>,
    scale: Option<Res<ColourScale>>,
    hovered: Res<Hovered>,
    info: Res<ModelInfo>,
    items: Query<(&EquipmentNode, &EquipmentReading, &EquipmentTint)>,
    carbon: Option<Res<crate::CarbonRates>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(site) = site else { return Ok(()) };
    plant_shell::overlay(ctx, &area, plant_shell::Overlay::Legend, |ui| {
        egui::Frame::popup(ui.style()).show(ui, |ui| {
            ui.set_max_width(260.0);
            let current = match *by {
                ColourBy::Model => t!("scene-model-colours"),
                ColourBy::Quantity(q) => quantity_label(q),
                ColourBy::Carbon => t!("scene-carbon"),
            };
            // Picking from a copy: drawing the menu must not mark the mode changed every frame.
            let mut picked = *by;
            egui::ComboBox::new(egui::Id::new("colour-by"), t!("scene-colour-by")).selected_text(current).show_ui(ui, |ui| {
                ui.selectable_value(&mut picked, ColourBy::Model, t!("scene-model-colours"));
                for q in site.0.quantities() {
                    ui.selectable_value(&mut picked, ColourBy::Quantity(q), quantity_label(q));
                }
                if carbon.is_some() {
                    ui.selectable_value(&mut picked, ColourBy::Carbon, t!("scene-carbon"));
                }
            });
            by.set_if_neq(picked);
            if let (true, Some(scale)) = (*by != ColourBy::Model, scale.as_deref()) {
                legend_ui(ui, scale, by.unit());
            }
            if *by == ColourBy::Carbon {
                ui.weak(egui::RichText::new(t!("scene-carbon-hint")).small());
            }
            if site.0.header.model.is_empty() {
                ui.weak(t!("scene-model-none"));
            } else if !info.0.readable {
                ui.colored_label(ui.visuals().warn_fg_color, t!("scene-no-model", file = site.0.header.model.as_str()));
            }
            ui.weak(egui::RichText::new(t!("scene-camera-hint")).small());
        });
    });
    if let Some(id) = &hovered.0
        && let Some((_, reading, _)) = items.iter().find(|(n, _, _)| &n.id == id)
        && let Some(eq) = site.0.equipment(id)
    {
        let unit = by.unit();
        let value = reading.0.map_or_else(|| t!("scene-no-data"), |v| format_value(v, unit));
        egui::Tooltip::always_open(ctx.clone(), egui::LayerId::background(), egui::Id::new("hover-label"), egui::PopupAnchor::Pointer).show(|ui| {
            ui.strong(eq.display_name());
            if *by != ColourBy::Model {
                ui.label(value);
            }
        });
    }
    Ok(())
}

/// A horizontal colour bar with ticks in the display unit and a "no data" swatch.
fn legend_ui(ui: &mut egui::Ui, scale: &ColourScale, unit: &str) {
    let width = 240.0;
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, 14.0), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let steps = 48;
    for i in 0..steps {
        let f0 = i as f32 / steps as f32;
        let r = egui::Rect::from_min_size(egui::pos2(rect.left() + f0 * width, rect.top()), egui::vec2(width / steps as f32 + 0.5, rect.height()));
        painter.rect_filled(r, 0.0, egui_colour(colour_at(f0 + 0.5 / steps as f32)));
    }
    ui.horizontal(|ui| {
        ui.small(format_value(scale.value_at(0.0), unit));
        ui.add_space(ui.available_width() - 70.0);
        ui.small(format_value(scale.value_at(1.0), unit));
    });
    ui.horizontal(|ui| {
        swatch_ui(ui, crate::NO_DATA_COLOUR);
        ui.small(t!("scene-no-data"));
        if scale.log {
            ui.separator();
            ui.small(t!("scene-log-scale"));
        }
    });
}

/// The 3D camera draws only in the part of the window the panels leave free, so orbiting centres there.
fn fit_camera_viewport(
    mut contexts: EguiContexts,
    area: Res<FreeArea>,
    window: Option<Single<&Window, With<PrimaryWindow>>>,
    mut cams: Query<&mut Camera, With<PanOrbitCamera>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(window) = window else { return Ok(()) };
    let Some((position, size)) = viewport_for(area.0, ctx.pixels_per_point(), window.physical_width(), window.physical_height()) else { return Ok(()) };
    for mut cam in &mut cams {
        let vp = Viewport { physical_position: position, physical_size: size, ..default() };
        if cam.viewport.as_ref().map(|v| (v.physical_position, v.physical_size)) != Some((vp.physical_position, vp.physical_size)) {
            cam.viewport = Some(vp);
        }
    }
    Ok(())
}

/// The camera's viewport (position, size) in physical pixels for the free area `r` (logical points) of a
/// `w`×`h` window: at least one pixel and never past the window's edge. `None` when the window or the
/// area has no size (a minimised window), when the old viewport is kept.
pub fn viewport_for(r: egui::Rect, ppp: f32, w: u32, h: u32) -> Option<(UVec2, UVec2)> {
    if w == 0 || h == 0 || !r.is_positive() || ppp.is_nan() || ppp <= 0.0 {
        return None;
    }
    let x = ((r.left() * ppp).max(0.0) as u32).min(w - 1);
    let y = ((r.top() * ppp).max(0.0) as u32).min(h - 1);
    let size = UVec2::new(((r.width() * ppp) as u32).clamp(1, w - x), ((r.height() * ppp) as u32).clamp(1, h - y));
    Some((UVec2::new(x, y), size))
}
