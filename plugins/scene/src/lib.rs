//! The 3D site: the glTF model with its equipment bound to site.toml, coloured by a chosen quantity at the
//! cursor time, clickable, with an orbit camera framed on the site.
//!
//! The logic half (binding nodes to equipment, readings and colours at the cursor) runs without a window
//! and is what the headless tests drive; the render half (model, materials, picking, camera, legend) is
//! added with `render: true`.

pub mod colour;
mod render;

use bevy::gltf::{GltfExtras, GltfMeshName};
use bevy::prelude::*;
use plant_viewer_context::{
    CarbonRates, ColourBy, CurrentSite, EquipmentAlarms, EquipmentNode, EquipmentReading, EquipmentTint, MeterData, NO_DATA_COLOUR, SiteClock, ViewerSystems, colour_at,
    priority_colour,
};

pub use colour::{ColourScale, MeterIndex, equipment_value};
pub use render::{colouring, viewport_for};

pub struct ScenePlugin {
    pub render: bool,
}

impl Plugin for ScenePlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(
            Update,
            (
                choose_colouring.in_set(ViewerSystems::Load),
                (rebind_on_site_change, bind_equipment_nodes).chain().in_set(ViewerSystems::Bind),
                (update_scale, update_readings).chain().in_set(ViewerSystems::Readings),
            ),
        );
        if self.render {
            render::build(app);
        }
    }
}

/// Binds glTF node entities to equipment by whichever the model has (`Site::equipment_for`): `extras.equipment`,
/// the node's name, a path of node names ending at it, or the name of its mesh. Mesh primitives (children of the
/// node, named after their mesh) are never bound themselves: a primitive's mesh name binds its node.
pub fn bind_equipment_nodes(
    mut commands: Commands,
    site: Option<Res<CurrentSite>>,
    nodes: Query<(Entity, &Name, Option<&GltfExtras>), (Added<Name>, Without<EquipmentNode>, Without<Mesh3d>)>,
    primitives: Query<(&GltfMeshName, &ChildOf), Added<GltfMeshName>>,
    names: Query<(&Name, Option<&ChildOf>), Without<Mesh3d>>,
    bound: Query<(), With<EquipmentNode>>,
) {
    let Some(site) = site else { return };
    let mut done = Vec::new();
    for (entity, _, extras) in &nodes {
        if let Some(id) = node_binding(&site.0, &names, entity, extras) {
            commands.entity(entity).insert(bound_item(id));
            done.push(entity);
        }
    }
    for (mesh, parent) in &primitives {
        let node = parent.parent();
        if done.contains(&node) || bound.contains(node) {
            continue;
        }
        if let Some(id) = mesh_binding(&site.0, mesh) {
            commands.entity(node).insert(bound_item(id));
            done.push(node);
        }
    }
}

/// The components of a node bound to equipment `id`, before its first reading.
fn bound_item(id: &str) -> (EquipmentNode, EquipmentReading, EquipmentTint) {
    (EquipmentNode { id: id.to_owned() }, EquipmentReading(None), EquipmentTint(NO_DATA_COLOUR))
}

/// The equipment a node stands for by its extras, its name or its path of names.
fn node_binding<'s>(site: &'s plant_site::Site, names: &Query<(&Name, Option<&ChildOf>), Without<Mesh3d>>, entity: Entity, extras: Option<&GltfExtras>) -> Option<&'s str> {
    let path = plant_viewer_context::node_path(names, entity);
    let path: Vec<&str> = path.iter().map(String::as_str).collect();
    site.equipment_for(&plant_site::NodeRef { path: &path, mesh: None, extras: extras.map(|e| e.value.as_str()) }).map(|e| e.id.as_str())
}

/// The equipment a node stands for by the name of its mesh.
fn mesh_binding<'s>(site: &'s plant_site::Site, mesh: &GltfMeshName) -> Option<&'s str> {
    site.equipment.iter().find(|e| e.mesh.as_deref() == Some(mesh.0.as_str())).map(|e| e.id.as_str())
}

/// Binds every node again when site.toml changes while open (the edit mode): an item whose node changed is
/// unbound from the old (its meshes get the model's materials back) and bound to the new, and the colour
/// scale's meter index is rebuilt ([`update_scale`] follows the site).
#[allow(clippy::type_complexity)]
pub fn rebind_on_site_change(
    mut commands: Commands,
    site: Option<Res<CurrentSite>>,
    nodes: Query<(Entity, Option<&GltfExtras>, Option<&EquipmentNode>), (With<Name>, Without<Mesh3d>)>,
    primitives: Query<(&GltfMeshName, &ChildOf)>,
    names: Query<(&Name, Option<&ChildOf>), Without<Mesh3d>>,
) {
    let Some(site) = site else { return };
    if !site.is_changed() || site.is_added() {
        return;
    }
    let mut want: bevy::platform::collections::HashMap<Entity, &str> = bevy::platform::collections::HashMap::default();
    for (entity, extras, _) in &nodes {
        if let Some(id) = node_binding(&site.0, &names, entity, extras) {
            want.insert(entity, id);
        }
    }
    for (mesh, parent) in &primitives {
        if let Some(id) = mesh_binding(&site.0, mesh) {
            want.entry(parent.parent()).or_insert(id);
        }
    }
    for (entity, _, now) in &nodes {
        let new = want.get(&entity).copied();
        if now.map(|n| n.id.as_str()) == new {
            continue;
        }
        let mut e = commands.entity(entity);
        e.remove::<(EquipmentNode, EquipmentReading, EquipmentTint)>();
        if let Some(id) = new {
            e.insert(bound_item(id));
        }
    }
}

/// Rebuilds the colour scale and the meter index when the data or the colour quantity changes.
fn update_scale(
    mut commands: Commands,
    site: Option<Res<CurrentSite>>,
    data: Res<MeterData>,
    by: Res<ColourBy>,
    scale: Option<Res<ColourScale>>,
    carbon: Option<Res<CarbonRates>>,
) {
    let Some(site) = site else { return };
    let carbon_changed = *by == ColourBy::Carbon && carbon.as_ref().is_some_and(|c| c.is_changed());
    // The site changes while open when site.toml is edited: meters may have moved to other equipment.
    if !(data.is_changed() || by.is_changed() || carbon_changed || site.is_changed()) && scale.is_some() {
        return;
    }
    match *by {
        ColourBy::Quantity(q) => {
            commands.insert_resource(MeterIndex::build(&site.0, &data.0, q));
            match ColourScale::for_record(&site.0, &data.0, q) {
                Some(s) => commands.insert_resource(s),
                None => commands.remove_resource::<ColourScale>(),
            }
        }
        ColourBy::Model => {
            commands.remove_resource::<ColourScale>();
            commands.insert_resource(MeterIndex::default());
        }
        ColourBy::Carbon => {
            if by.is_changed() || data.is_changed() {
                commands.insert_resource(MeterIndex::default());
            }
            match carbon.as_deref() {
                Some(c) if c.max > 0.0 => {
                    let s = ColourScale::log_to(c.max);
                    if scale.as_deref() != Some(&s) {
                        commands.insert_resource(s);
                    }
                }
                _ => commands.remove_resource::<ColourScale>(),
            }
        }
    }
}

/// Recomputes every item's reading and colour when the cursor, the data or the colour mode changes.
#[allow(clippy::type_complexity)]
pub fn update_readings(
    index: Option<Res<MeterIndex>>,
    data: Res<MeterData>,
    clock: Res<SiteClock>,
    by: Res<ColourBy>,
    scale: Option<Res<ColourScale>>,
    carbon: Option<Res<CarbonRates>>,
    alarms: Res<EquipmentAlarms>,
    time: Res<Time<Real>>,
    residency: Res<plant_viewer_context::Residency>,
    mut flash: Local<bool>,
    mut items: Query<(Ref<EquipmentNode>, &mut EquipmentReading, &mut EquipmentTint)>,
) {
    let Some(index) = index else { return };
    // A paged database still fetching the cursor's block: keep what is shown ("loading", not "no data").
    if residency.loading_at(clock.now_ms) {
        return;
    }
    let scale_changed = scale.as_ref().is_some_and(|s| s.is_changed()) || index.is_changed();
    let carbon_changed = carbon.as_ref().is_some_and(|c| c.is_changed());
    // Unacknowledged alarms flash twice a second: every item is repainted when the phase turns.
    let phase = (time.elapsed_secs_f64() * 2.0) as i64 % 2 == 0;
    let flashed = !alarms.0.is_empty() && phase != *flash;
    *flash = phase;
    let global_change = clock.is_changed() || data.is_changed() || by.is_changed() || scale_changed || carbon_changed || alarms.is_changed() || flashed;
    // Each item on its own: spread over the cores (10,000 items, BENCHMARKS.md).
    items.par_iter_mut().for_each(|(node, mut reading, mut tint)| {
        if !global_change && !node.is_added() {
            return;
        }
        let (value, colour) = match (*by, scale.as_deref()) {
            (ColourBy::Quantity(_), Some(scale)) => {
                let v = index.value(&data.0, &node.id, clock.now_ms);
                (v, v.map_or(NO_DATA_COLOUR, |v| colour_at(scale.position(v))))
            }
            (ColourBy::Carbon, Some(scale)) => {
                let v = carbon.as_ref().and_then(|c| c.values.get(&node.id).map(|v| v * c.scale.get(&node.id).copied().unwrap_or(1.0)));
                (v, v.map_or(NO_DATA_COLOUR, |v| colour_at(scale.position(v))))
            }
            _ => (None, NO_DATA_COLOUR),
        };
        // An item in alarm shows its most urgent alarm's colour (flashing, between it and its value's colour,
        // while any of its alarms is unacknowledged).
        let colour = match alarms.worst(&node.id) {
            Some((p, unacked)) if !unacked || phase => priority_colour(p),
            _ => colour,
        };
        reading.set_if_neq(EquipmentReading(value));
        tint.set_if_neq(EquipmentTint(colour));
    });
}

/// What a site is coloured by when it opens: electric power where the site meters it, else the first of
/// the quantities below it has (a site of energy meters only: energy; a building with only temperatures:
/// temperature), else the model's own colours. A `--colour-by` or the menu changes it afterwards.
pub fn default_colour_by(site: &plant_site::Site) -> ColourBy {
    use plant_site::Quantity::*;
    const PREFERENCE: [plant_site::Quantity; 10] = [ElectricPower, ThermalPower, Energy, MassFlow, VolumeFlow, Temperature, Pressure, Current, Voltage, Speed];
    PREFERENCE.iter().find(|q| site.meters.iter().any(|m| m.quantity == **q)).map_or(ColourBy::Model, |q| ColourBy::Quantity(*q))
}

/// Sets the first colouring of each site that opens ([`default_colour_by`]).
fn choose_colouring(site: Option<Res<CurrentSite>>, mut by: ResMut<ColourBy>, mut seen: Local<Option<std::path::PathBuf>>) {
    let Some(site) = site else { return };
    if seen.as_ref() == Some(&site.0.root) {
        return;
    }
    *seen = Some(site.0.root.clone());
    by.set_if_neq(default_colour_by(&site.0));
}

/// Camera pose that shows a box: focus at its centre, distance from its size (a 1 m part as well as a
/// 100 km export: no floor on the size).
pub fn pose_for(bounds: ([f32; 3], [f32; 3]), whole_site: bool) -> (Vec3, f32) {
    let (min, max) = (Vec3::from(bounds.0), Vec3::from(bounds.1));
    let centre = (min + max) / 2.0;
    let size = (max - min).length().max(1e-3);
    let focus = if whole_site { centre - Vec3::Y * centre.y * 0.5 } else { centre };
    // The distance at which every corner of the box is inside the view, seen from the framing direction with
    // the camera's field of view (a flat plant is fitted by its width, a compact machine by its height).
    let rot = Quat::from_rotation_y(VIEW_YAW) * Quat::from_rotation_x(-VIEW_PITCH);
    let (right, up, back) = (rot * Vec3::X, rot * Vec3::Y, rot * Vec3::Z);
    let tan_v = (VIEW_FOV / 2.0).tan();
    let tan_h = tan_v * VIEW_ASPECT;
    let mut radius = 0.0f32;
    for i in 0..8 {
        let corner = Vec3::new(if i & 1 == 0 { min.x } else { max.x }, if i & 2 == 0 { min.y } else { max.y }, if i & 4 == 0 { min.z } else { max.z });
        let q = corner - focus;
        let z = q.dot(back);
        radius = radius.max(z + q.dot(right).abs() / tan_h).max(z + q.dot(up).abs() / tan_v);
    }
    (focus, (radius * VIEW_MARGIN).max(size * 0.1))
}

/// What the whole-site view frames: the equipment (the union of the bound items' bounds), not a ground plate or
/// a terrain around it; the whole model where no item is bound.
pub fn view_bounds(report: &plant_site::ModelReport) -> Option<([f32; 3], [f32; 3])> {
    let union = report.equipment_bounds.values().copied().reduce(|(a0, a1), (b0, b1)| (std::array::from_fn(|i| a0[i].min(b0[i])), std::array::from_fn(|i| a1[i].max(b1[i]))));
    union.or(report.bounds)
}

/// The direction the whole site is first seen from (the orbit camera's yaw and pitch, radians).
pub const VIEW_YAW: f32 = -0.55;
pub const VIEW_PITCH: f32 = 0.42;
/// The camera's vertical field of view (Bevy's default perspective, π/4) and the width-to-height ratio the
/// framing assumes for the 3D view between the side panels (about square with the tree and the inspector open
/// at 1600 × 900; wider when they are closed, which only adds room).
const VIEW_FOV: f32 = std::f32::consts::FRAC_PI_4;
const VIEW_ASPECT: f32 = 1.0;
/// Room around the model.
const VIEW_MARGIN: f32 = 1.05;

/// The camera's near and far clipping planes for a model of these bounds: the far plane well beyond the
/// whole model seen from its framing distance, the near plane small against its size (depth precision
/// follows far/near, so it is not smaller than needed).
pub fn clip_planes(bounds: ([f32; 3], [f32; 3])) -> (f32, f32) {
    let size = (Vec3::from(bounds.1) - Vec3::from(bounds.0)).length().max(1e-3);
    ((size * 1e-4).clamp(1e-4, 0.1), (size * 20.0).max(1_000.0))
}
