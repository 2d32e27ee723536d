//! Binding glTF nodes to equipment, and checking a model against site.toml without Bevy.

use std::collections::BTreeMap;
use std::path::Path;

use plant_i18n::msg;

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
    let gltf = match read_model(&path) {
        Ok(g) => g,
        Err(e) => {
            let msg = match (&e, compression(&path)) {
                (gltf::Error::Io(io), _) if io.kind() == std::io::ErrorKind::NotFound => msg!("site-model-not-found"),
                (_, Some(ext)) => msg!("site-model-compressed", extension = ext),
                (other, None) => msg!("site-model-unreadable", error = other.to_string()),
            };
            report.diagnostics.push(Diagnostic::error(&path, Place::Whole, msg));
            report.unbound = site.equipment.iter().map(|e| e.id.clone()).collect();
            return report;
        }
    };
    report.readable = true;
    report.node_count = gltf.nodes().count();
    let paths = Hierarchy::new(&gltf, site);
    for node in gltf.nodes() {
        let extras = node.extras().as_ref().map(|r| r.get());
        if let Some(id) = extras.and_then(equipment_from_extras)
            && site.equipment(&id).is_none()
        {
            report.diagnostics.push(Diagnostic::warning(&path, Place::node(node.name().unwrap_or("?")), msg!("site-model-unknown-equipment", equipment = &id)));
        }
        if let Some(eq) = owner_of(site, &node, &paths) {
            report.bound.entry(eq.id.clone()).or_insert_with(|| node_name(&node));
        }
    }
    if let Some(scene) = gltf.default_scene().or_else(|| gltf.scenes().next()) {
        accumulate_bounds(scene, gltf.nodes().len(), site, &paths, &mut report);
    }
    orientation_advice(site, &path, &mut report);
    for eq in &site.equipment {
        if !report.bound.contains_key(&eq.id) {
            report.unbound.push(eq.id.clone());
            // At the equipment's line in site.toml where it is known, else named by its id.
            report.diagnostics.push(Diagnostic::warning(
                &site.site_toml_path(),
                eq.place.clone().unwrap_or_else(|| Place::equipment(&eq.id)),
                msg!("site-model-node-missing", equipment = &eq.id, node = &eq.node, file = file_name(&path)),
            ));
        }
    }
    report
}

/// Where site.toml says neither `up_axis` nor `scale`, a warning when the model's geometry looks like a Z-up
/// or millimetre export, naming what to add ([`crate::orientation`]).
fn orientation_advice(site: &Site, path: &Path, report: &mut ModelReport) {
    if site.header.up_axis.is_some() || site.header.scale.is_some() {
        return;
    }
    let Some(o) = crate::orientation::guess(path) else { return };
    let extent = o.extent.iter().copied().fold(0.0f32, f32::max);
    let advice = match (o.z_up, o.millimetres) {
        (true, true) => msg!("site-model-looks-z-up-mm", share = (o.z_share() * 100.0).round(), extent = extent.round()),
        (true, false) => msg!("site-model-looks-z-up", share = (o.z_share() * 100.0).round()),
        (false, true) => msg!("site-model-looks-mm", extent = extent.round()),
        (false, false) => return,
    };
    report.diagnostics.push(Diagnostic::warning(&site.site_toml_path(), Place::named("[site]"), advice));
}

/// A node's name as Bevy's glTF loader names its entity: its own, or `GltfNode<index>`.
pub fn node_name(node: &gltf::Node<'_>) -> String {
    node.name().map_or_else(|| format!("GltfNode{}", node.index()), str::to_owned)
}

/// What binding needs of a model's hierarchy: each node's name (as Bevy names it) and parent, and how many
/// names of a path the site's equipment use at most (so a path is never longer than that: a model of 100,000
/// nested nodes costs no more than a flat one).
pub(crate) struct Hierarchy {
    names: Vec<String>,
    parent: Vec<Option<usize>>,
    depth: usize,
}

impl Hierarchy {
    fn new(gltf: &gltf::Gltf, site: &Site) -> Hierarchy {
        let n = gltf.nodes().len();
        let mut parent = vec![None; n];
        for node in gltf.nodes() {
            for c in node.children() {
                parent[c.index()] = Some(node.index());
            }
        }
        let depth = site.equipment.iter().map(|e| e.node.split('/').filter(|s| !s.trim().is_empty()).count()).max().unwrap_or(1).max(1);
        Hierarchy { names: gltf.nodes().map(|n| node_name(&n)).collect(), parent, depth }
    }

    /// The names of node `i` and up to `depth - 1` of its ancestors, root-most first.
    fn path(&self, i: usize) -> Vec<&str> {
        let mut path = Vec::with_capacity(self.depth);
        let mut at = Some(i);
        while let Some(p) = at
            && path.len() < self.depth
        {
            path.push(self.names[p].as_str());
            at = self.parent[p];
        }
        path.reverse();
        path
    }
}

/// The equipment a node stands for (see [`Site::equipment_for`]).
fn owner_of<'s>(site: &'s Site, node: &gltf::Node<'_>, h: &Hierarchy) -> Option<&'s crate::Equipment> {
    let path = h.path(node.index());
    let mesh = node.mesh();
    let extras = node.extras().as_ref().map(|r| r.get());
    site.equipment_for(&crate::NodeRef { path: &path, mesh: mesh.as_ref().and_then(|m| m.name()), extras })
}

/// The files a `.gltf` names beside itself (its buffers' and images' URIs, percent-decoded), to copy with it into
/// a package. A URI that is absolute, has a scheme or climbs out of the model's folder (`..`) is refused (it is
/// the error); embedded `data:` URIs need no file.
pub fn model_external_files(path: &Path) -> Result<Vec<String>, ModelFilesError> {
    let g = read_unchecked(path).map_err(|e| ModelFilesError::Unreadable(e.to_string()))?;
    let json = g.document.as_json();
    let uris = json.buffers.iter().filter_map(|b| b.uri.as_deref()).chain(json.images.iter().filter_map(|i| i.uri.as_deref()));
    let mut out = Vec::new();
    for uri in uris.filter(|u| !u.starts_with("data:")) {
        let decoded = percent_encoding::percent_decode_str(uri).decode_utf8().map_err(|_| ModelFilesError::Outside(uri.to_owned()))?;
        let path = decoded.replace('\\', "/");
        let bad = path.is_empty() || path.starts_with('/') || path.contains(':') || path.split('/').any(|c| c == ".." || c.is_empty());
        if bad {
            return Err(ModelFilesError::Outside(uri.to_owned()));
        }
        if !out.contains(&path) {
            out.push(path);
        }
    }
    Ok(out)
}

/// Why a model's files cannot be listed: the model itself cannot be read, or it names a file out of its folder.
#[derive(Debug, Clone, PartialEq)]
pub enum ModelFilesError {
    Unreadable(String),
    Outside(String),
}

/// A node of a model as `plant-twin new` offers it for binding.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelNode {
    pub name: Option<String>,
    /// The name of its mesh, where it has one (CAD exports often name only meshes).
    pub mesh: Option<String>,
    /// Whether it has extras naming an equipment item.
    pub equipment: Option<String>,
}

/// The nodes of a model file (names, mesh names, extras; not the meshes themselves), or why it cannot be read.
pub fn model_nodes(path: &Path) -> Result<Vec<ModelNode>, String> {
    let gltf = read_model(path).map_err(|e| e.to_string())?;
    Ok(gltf
        .nodes()
        .map(|n| ModelNode {
            name: n.name().map(str::to_owned).filter(|s| !s.trim().is_empty()),
            mesh: n.mesh().and_then(|m| m.name().map(str::to_owned)),
            equipment: n.extras().as_ref().and_then(|r| equipment_from_extras(r.get())),
        })
        .collect())
}

/// `gltf::Gltf::open` without its panics (fuzz/regressions/glb):
/// - gltf 1.4 subtracts the 12-byte header from the length a GLB header declares before checking it (an
///   overflow panic when it is smaller; reading from a stream, it then allocates what the header claims),
///   so the file is read whole and a declared length under 12 is refused here;
/// - gltf-json 1.4's validation looks up a primitive's `POSITION` accessor by index before it checks
///   that the index exists, so attribute indices are checked here first; then the file is validated.
pub(crate) fn read_model(path: &Path) -> Result<gltf::Gltf, gltf::Error> {
    let unchecked = read_unchecked(path)?;
    let json = unchecked.document.as_json();
    for (m, mesh) in json.meshes.iter().enumerate() {
        for (p, primitive) in mesh.primitives.iter().enumerate() {
            if primitive.attributes.values().any(|a| a.value() >= json.accessors.len()) {
                let at = gltf::json::Path::new().field("meshes").index(m).field("primitives").index(p).field("attributes");
                return Err(gltf::Error::Validation(vec![(at, gltf::json::validation::Error::IndexOutOfBounds)]));
            }
        }
    }
    let document = gltf::Document::from_json(unchecked.document.into_json())?;
    Ok(gltf::Gltf { document, blob: unchecked.blob })
}

/// The mesh compression a model requires (Draco, meshopt), which neither this check nor Bevy's loader decodes.
fn compression(path: &Path) -> Option<String> {
    const COMPRESSION: [&str; 3] = ["KHR_draco_mesh_compression", "EXT_meshopt_compression", "KHR_meshopt_compression"];
    let g = read_unchecked(path).ok()?;
    g.document.as_json().extensions_required.iter().find(|e| COMPRESSION.contains(&e.as_str())).cloned()
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())
}

/// An axis-aligned box: (min, max).
pub type Bounds = ([f32; 3], [f32; 3]);

use glam::{Mat4, Vec3};

/// A model file parsed but not validated, with gltf 1.4's header panic kept out (see [`read_model`]): the one
/// way this crate reads a model's bytes.
fn read_unchecked(path: &Path) -> Result<gltf::Gltf, gltf::Error> {
    const GLB_HEADER: u32 = 12;
    let bytes = std::fs::read(path)?;
    if let Some(declared) = bytes.strip_prefix(b"glTF").and_then(|rest| rest.get(4..8)) {
        let declared = u32::from_le_bytes([declared[0], declared[1], declared[2], declared[3]]);
        if declared < GLB_HEADER {
            return Err(gltf::Error::Binary(gltf::binary::Error::Length { length: declared, length_read: bytes.len() }));
        }
    }
    gltf::Gltf::from_slice_without_validation(&bytes)
}

/// A point through a node's world matrix (glam, column-major as glTF).
fn transform_point(m: &Mat4, p: [f32; 3]) -> [f32; 3] {
    m.transform_point3(Vec3::from(p)).to_array()
}

fn grow(b: &mut Option<Bounds>, p: [f32; 3]) {
    let (min, max) = b.get_or_insert((p, p));
    for i in 0..3 {
        min[i] = min[i].min(p[i]);
        max[i] = max[i].max(p[i]);
    }
}

/// A node being walked: its world transform, the equipment it belongs to, the bounds of its meshes and
/// of its finished children, and the children still to walk.
struct Frame<'a, 's> {
    node: gltf::Node<'a>,
    world: Mat4,
    owner: Option<&'s str>,
    own: Option<Bounds>,
    children: gltf::scene::iter::Children<'a>,
}

/// Walks the scene's node trees, growing the site's bounds and those of the equipment each subtree belongs
/// to; a node's bounds (its meshes and everything below it) go to `node_bounds` under its name.
///
/// The walk keeps its own stack, so a deep hierarchy cannot overflow the thread's stack, and visits each
/// node once, so a file whose `children` form a cycle (which glTF forbids but the reader does not check)
/// terminates; a node listed under a second parent is counted under the first only.
fn accumulate_bounds(scene: gltf::Scene<'_>, node_count: usize, site: &Site, paths: &Hierarchy, report: &mut ModelReport) {
    let mut visited = vec![false; node_count];
    for root in scene.nodes() {
        if std::mem::replace(&mut visited[root.index()], true) {
            continue;
        }
        let root_matrix = Mat4::from_cols_array(&site.model_matrix);
        let mut stack = vec![enter(root, &root_matrix, None, site, paths, report)];
        while let Some(top) = stack.last_mut() {
            if let Some(child) = top.children.next() {
                if !std::mem::replace(&mut visited[child.index()], true) {
                    let (world, owner) = (top.world, top.owner);
                    stack.push(enter(child, &world, owner, site, paths, report));
                }
                continue;
            }
            let Some(done) = stack.pop() else { break };
            if let (Some(name), Some(b)) = (done.node.name(), done.own) {
                report.node_bounds.insert(name.to_string(), b);
            }
            if let (Some(parent), Some((lo, hi))) = (stack.last_mut(), done.own) {
                grow(&mut parent.own, lo);
                grow(&mut parent.own, hi);
            }
        }
    }
}

/// Starts walking a node: its world transform and owner, and the corners of its meshes' bounding boxes.
fn enter<'a, 's>(node: gltf::Node<'a>, parent: &Mat4, equipment: Option<&'s str>, site: &'s Site, paths: &Hierarchy, report: &mut ModelReport) -> Frame<'a, 's> {
    let mut own: Option<Bounds> = None;
    let world = *parent * Mat4::from_cols_array_2d(&node.transform().matrix());
    let owner = owner_of(site, &node, paths).map(|e| e.id.as_str()).or(equipment);
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
    let children = node.children();
    Frame { node, world, owner, own, children }
}
