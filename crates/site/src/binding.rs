//! Binding glTF nodes to equipment, and checking a model against site.toml without Bevy.

use std::collections::BTreeMap;
use std::path::Path;

use crate::{Diagnostic, Place, Site};

/// The equipment id a node's glTF `extras` carries (`{"equipment": "kiln-1"}`), if any.
pub fn equipment_from_extras(extras_json: &str) -> Option<String> {
    let v: serde_json::Value = serde_json::from_str(extras_json).ok()?;
    v.get("equipment")?.as_str().map(str::to_owned)
}

/// What a model holds for the site: the node that represents each equipment item.
#[derive(Debug, Default, Clone)]
pub struct ModelReport {
    /// Equipment id → name of the node bound to it.
    pub bound: BTreeMap<String, String>,
    /// Equipment with no node in the model (listed in the UI; the site still opens).
    pub unbound: Vec<String>,
    /// Whether the model file exists and parses as glTF; when false the site opens without 3D.
    pub readable: bool,
    /// Number of nodes in the model.
    pub node_count: usize,
    /// World-space bounds of the default scene's meshes: (min, max).
    pub bounds: Option<Bounds>,
    /// World-space bounds of each bound equipment item's node and its children.
    pub equipment_bounds: BTreeMap<String, Bounds>,
    /// World-space bounds of every named node with meshes below it (conveyors, ducts, pipes), for the
    /// animated flows.
    pub node_bounds: BTreeMap<String, Bounds>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the model's node names and extras (not its meshes) and binds equipment to nodes.
/// A missing or unreadable model is an error diagnostic; every equipment item is then unbound.
pub fn check_model(site: &Site) -> ModelReport {
    let mut report = ModelReport::default();
    let Some(path) = site.model_path() else {
        // No model, or one outside the package (reported when site.toml was read): no 3D.
        report.unbound = site.equipment.iter().map(|e| e.id.clone()).collect();
        return report;
    };
    let gltf = match gltf::Gltf::open(&path) {
        Ok(g) => g,
        Err(e) => {
            let msg = match &e {
                gltf::Error::Io(io) if io.kind() == std::io::ErrorKind::NotFound => "model file not found; the site opens without 3D".to_string(),
                other => format!("cannot read the model ({other}); the site opens without 3D"),
            };
            report.diagnostics.push(Diagnostic::error(&path, Place::Whole, msg));
            report.unbound = site.equipment.iter().map(|e| e.id.clone()).collect();
            return report;
        }
    };
    report.readable = true;
    report.node_count = gltf.nodes().count();
    for node in gltf.nodes() {
        let extras = node.extras().as_ref().map(|r| r.get());
        if let Some(id) = extras.and_then(equipment_from_extras)
            && site.equipment(&id).is_none()
        {
            report.diagnostics.push(Diagnostic::warning(
                &path,
                Place::Element(format!("node \"{}\"", node.name().unwrap_or("?"))),
                format!("extras name equipment \"{id}\", which site.toml does not define"),
            ));
        }
        if let Some(eq) = site.equipment_for_node(node.name(), extras) {
            report.bound.entry(eq.id.clone()).or_insert_with(|| node.name().unwrap_or("").to_string());
        }
    }
    if let Some(scene) = gltf.default_scene().or_else(|| gltf.scenes().next()) {
        for n in scene.nodes() {
            let _ = accumulate_bounds(&n, IDENTITY, None, site, &mut report);
        }
    }
    for eq in &site.equipment {
        if !report.bound.contains_key(&eq.id) {
            report.unbound.push(eq.id.clone());
            report.diagnostics.push(Diagnostic::warning(
                &site.site_toml_path(),
                Place::Element(format!("equipment \"{}\"", eq.id)),
                format!("glTF node \"{}\" is not in {}", eq.node, file_name(&path)),
            ));
        }
    }
    report
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// An axis-aligned box: (min, max).
pub type Bounds = ([f32; 3], [f32; 3]);

type Mat4 = [[f32; 4]; 4];
const IDENTITY: Mat4 = [[1.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0]];

/// Column-major 4×4 product `a · b` (glTF matrices are column-major).
fn mul(a: &Mat4, b: &Mat4) -> Mat4 {
    let mut r = [[0.0; 4]; 4];
    for (c, col) in r.iter_mut().enumerate() {
        for (row, v) in col.iter_mut().enumerate() {
            *v = (0..4).map(|k| a[k][row] * b[c][k]).sum();
        }
    }
    r
}

fn transform_point(m: &Mat4, p: [f32; 3]) -> [f32; 3] {
    let mut out = [0.0; 3];
    for (row, o) in out.iter_mut().enumerate() {
        *o = m[0][row] * p[0] + m[1][row] * p[1] + m[2][row] * p[2] + m[3][row];
    }
    out
}

fn grow(b: &mut Option<Bounds>, p: [f32; 3]) {
    let (min, max) = b.get_or_insert((p, p));
    for i in 0..3 {
        min[i] = min[i].min(p[i]);
        max[i] = max[i].max(p[i]);
    }
}

/// Walks the node tree, growing the site's bounds and those of the equipment each subtree belongs to.
fn accumulate_bounds(node: &gltf::Node, parent: Mat4, equipment: Option<&str>, site: &Site, report: &mut ModelReport) -> Option<Bounds> {
    let mut own: Option<Bounds> = None;
    let world = mul(&parent, &node.transform().matrix());
    let extras = node.extras().as_ref().map(|r| r.get());
    let owner = site.equipment_for_node(node.name(), extras).map(|e| e.id.as_str()).or(equipment);
    if let Some(mesh) = node.mesh() {
        for prim in mesh.primitives() {
            let bb = prim.bounding_box();
            for i in 0..8 {
                let corner = [if i & 1 == 0 { bb.min[0] } else { bb.max[0] }, if i & 2 == 0 { bb.min[1] } else { bb.max[1] }, if i & 4 == 0 { bb.min[2] } else { bb.max[2] }];
                let p = transform_point(&world, corner);
                grow(&mut report.bounds, p);
                grow(&mut own, p);
                if let Some(id) = owner {
                    let mut e = report.equipment_bounds.get(id).copied();
                    grow(&mut e, p);
                    if let Some(e) = e {
                        report.equipment_bounds.insert(id.to_string(), e);
                    }
                }
            }
        }
    }
    for child in node.children() {
        if let Some((lo, hi)) = accumulate_bounds(&child, world, owner, site, report) {
            grow(&mut own, lo);
            grow(&mut own, hi);
        }
    }
    if let (Some(name), Some(b)) = (node.name(), own) {
        report.node_bounds.insert(name.to_string(), b);
    }
    own
}
