//! Animated flows in 3D: glowing markers travel along each flow's conveyor, duct or pipe (the glTF node
//! named by the flow's `node`), or along a cable route between the two equipment items, at a speed that
//! follows the flow's rate at the cursor (relative to its largest hourly rate over the record). A flow with
//! no rate now shows no markers. The selected item's flows are drawn larger, the others smaller.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use plant_i18n::t;
use plant_shell::PanelOrder;
use plant_site::{Bounds, FlowValue, Site};
use plant_viewer_context::{CurrentSite, ModelInfo, Selection, ViewerSystems};

use crate::accounting::{Accounting, InstantReport};

/// Whether the 3D view shows the animated flows.
#[derive(Resource, Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlowsIn3d(pub bool);

impl Default for FlowsIn3d {
    fn default() -> Self {
        Self(true)
    }
}

#[derive(Component, Debug, Clone, Copy)]
pub struct FlowMarker {
    path: usize,
    /// Position along the path at offset 0, metres.
    phase: f32,
}

struct FlowPath {
    flow: usize,
    points: Vec<Vec3>,
    /// Cumulative length at each point.
    cumulative: Vec<f32>,
    offset: f32,
}

impl FlowPath {
    fn length(&self) -> f32 {
        self.cumulative.last().copied().unwrap_or(0.0)
    }

    fn at(&self, d: f32) -> Vec3 {
        let len = self.length();
        if len <= 0.0 || self.points.len() < 2 {
            return self.points.first().copied().unwrap_or(Vec3::ZERO);
        }
        let d = d.rem_euclid(len);
        let i = self.cumulative.partition_point(|&c| c <= d).clamp(1, self.points.len() - 1);
        let (c0, c1) = (self.cumulative[i - 1], self.cumulative[i]);
        let t = if c1 > c0 { (d - c0) / (c1 - c0) } else { 0.0 };
        self.points[i - 1].lerp(self.points[i], t)
    }
}

#[derive(Resource, Default)]
struct FlowPaths {
    built_for: Option<usize>,
    paths: Vec<FlowPath>,
}

pub fn build(app: &mut App) {
    app.init_resource::<FlowsIn3d>()
        .init_resource::<FlowPaths>()
        .add_systems(Update, (build_paths, move_markers).chain().after(ViewerSystems::Accounting))
        .add_systems(EguiPrimaryContextPass, toggle_ui.in_set(PanelOrder::Overlay));
}

fn centre(b: &Bounds) -> Vec3 {
    (Vec3::from(b.0) + Vec3::from(b.1)) / 2.0
}

fn top(b: &Bounds) -> Vec3 {
    let c = centre(b);
    Vec3::new(c.x, b.1[1], c.z)
}

fn clamp_into(p: Vec3, b: &Bounds) -> Vec3 {
    p.clamp(Vec3::from(b.0), Vec3::from(b.1))
}

/// The route a flow takes in the model, or `None` when an end has no place in it (sources such as the
/// grid, products).
fn route(site: &Site, info: &plant_site::ModelReport, k: usize) -> Option<Vec<Vec3>> {
    let f = &site.flows[k];
    let place = |id: &str| info.equipment_bounds.get(id).copied();
    let (a, b) = (place(&f.from)?, place(&f.to)?);
    if let Some(n) = &f.node
        && let Some(nb) = info.node_bounds.get(n).or_else(|| info.equipment_bounds.get(n))
    {
        // Along the conveyor / duct / pipe: from its end nearest the source to its end nearest the target.
        let (p, q) = (clamp_into(centre(&a), nb), clamp_into(centre(&b), nb));
        let lift = Vec3::Y * 0.6;
        return Some(vec![p + lift, q + lift]);
    }
    // A cable or pipe rack: up from the source, across, down into the target.
    let (p, q) = (top(&a), top(&b));
    let rack = p.y.max(q.y) + 4.0;
    Some(vec![p, Vec3::new(p.x, rack, p.z), Vec3::new(q.x, rack, q.z), q])
}

/// A marker glows in its carrier's colour (the Sankey's), brightened so it reads against the model.
fn carrier_colour(carrier: &str) -> LinearRgba {
    plant_viewer_context::carrier_colour(carrier).to_linear() * 3.0
}

/// (Re)builds the routes and their markers when a site or its model opens.
fn build_paths(
    mut commands: Commands,
    site: Option<Res<CurrentSite>>,
    info: Res<ModelInfo>,
    mut paths: ResMut<FlowPaths>,
    markers: Query<Entity, With<FlowMarker>>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<StandardMaterial>>,
) {
    let Some(site) = site else { return };
    let key = std::sync::Arc::as_ptr(&site.0) as usize;
    if paths.built_for == Some(key) && !info.is_changed() {
        return;
    }
    for e in &markers {
        commands.entity(e).despawn();
    }
    paths.paths.clear();
    paths.built_for = Some(key);
    if !info.0.readable {
        return;
    }
    let sphere = meshes.add(Sphere::new(0.8).mesh().ico(2).unwrap_or_else(|_| Sphere::new(0.8).mesh().uv(12, 8)));
    for (k, f) in site.0.flows.iter().enumerate() {
        if f.value == FlowValue::None {
            continue;
        }
        let Some(points) = route(&site.0, &info.0, k) else { continue };
        let mut cumulative = vec![0.0];
        for w in points.windows(2) {
            let last = cumulative.last().copied().unwrap_or(0.0);
            cumulative.push(last + w[0].distance(w[1]));
        }
        let path = FlowPath { flow: k, points, cumulative, offset: 0.0 };
        let len = path.length();
        if len < 0.5 {
            continue;
        }
        let c = carrier_colour(&f.carrier);
        let material = materials.add(StandardMaterial { base_color: Color::BLACK, emissive: c, unlit: false, ..default() });
        let count = ((len / 7.0).round() as usize).clamp(2, 48);
        let index = paths.paths.len();
        for i in 0..count {
            let phase = len * i as f32 / count as f32;
            commands.spawn((
                FlowMarker { path: index, phase },
                Mesh3d(sphere.clone()),
                MeshMaterial3d(material.clone()),
                Transform::from_translation(path.at(phase)),
                Visibility::Hidden,
                // Markers must not take clicks meant for the equipment under them.
                bevy::picking::Pickable::IGNORE,
                Name::new(format!("flow marker {}→{}", f.from, f.to)),
            ));
        }
        paths.paths.push(path);
    }
}

/// Moves the markers at the flow's current rate; hides them where the flow has no rate now.
#[allow(clippy::too_many_arguments)]
fn move_markers(
    time: Res<Time>,
    site: Option<Res<CurrentSite>>,
    instant: Res<InstantReport>,
    acc: Res<Accounting>,
    selection: Res<Selection>,
    show: Res<FlowsIn3d>,
    mut paths: ResMut<FlowPaths>,
    mut markers: Query<(&FlowMarker, &mut Transform, &mut Visibility)>,
) {
    let Some(site) = site else { return };
    let dt = time.delta_secs();
    let report = instant.report.as_ref();
    // Per path: relative rate now (0 = none), and whether it touches the selection.
    let mut state: Vec<(f32, bool)> = Vec::with_capacity(paths.paths.len());
    for p in paths.paths.iter_mut() {
        let line = report.and_then(|r| r.flow(p.flow));
        let rate = line.and_then(|l| l.energy_gj.or(l.amount.as_ref().map(|a| a.value))).map(|v| v / report.map_or(1.0, |r| r.hours.max(1e-9)));
        let max = acc.flow_max.get(p.flow).copied().unwrap_or(0.0);
        let rel = match rate {
            Some(v) if v > 0.0 && max > 0.0 => (v / max).min(1.5) as f32,
            Some(v) if v > 0.0 => 0.5,
            _ => 0.0,
        };
        // 1.5 m/s when barely flowing, up to 13.5 m/s at the record's peak.
        p.offset = (p.offset + dt * (1.5 + 12.0 * rel)) % 1.0e6;
        let f = &site.0.flows[p.flow];
        let touches = selection.0.as_deref().is_some_and(|s| f.from == s || f.to == s);
        state.push((rel, touches));
    }
    let any_selected = selection.0.is_some();
    for (m, mut tf, mut vis) in &mut markers {
        let (Some(p), Some(&(rel, touches))) = (paths.paths.get(m.path), state.get(m.path)) else { continue };
        let visible = show.0 && rel > 0.0;
        let want = if visible { Visibility::Visible } else { Visibility::Hidden };
        if *vis != want {
            *vis = want;
        }
        if !visible {
            continue;
        }
        tf.translation = p.at(m.phase + p.offset);
        // Size follows the rate a little; the selection's flows stand out.
        let size = (0.7 + 0.5 * rel.sqrt())
            * if touches {
                1.7
            } else if any_selected {
                0.55
            } else {
                1.0
            };
        tf.scale = Vec3::splat(size);
    }
}

/// A checkbox beside the flows button.
fn toggle_ui(mut contexts: EguiContexts, mut show: ResMut<FlowsIn3d>, area: Res<plant_shell::FreeArea>, paths: Res<FlowPaths>) -> Result {
    let ctx = contexts.ctx_mut()?;
    if paths.paths.is_empty() {
        return Ok(());
    }
    plant_shell::overlay(ctx, &area, plant_shell::Overlay::FlowsIn3d, |ui| {
        egui::Frame::popup(ui.style()).show(ui, |ui| {
            let mut on = show.0;
            if ui.checkbox(&mut on, t!("flows-3d")).changed() {
                show.0 = on;
            }
        });
    });
    Ok(())
}
