//! The model's nodes as the edit mode sees them: names, paths, mesh names, extras, and the ways site.toml can
//! name each one.

use bevy::gltf::{GltfExtras, GltfMeshName};
use bevy::platform::collections::HashMap;
use bevy::prelude::*;
use plant_site::edit::NodeKey;
use plant_viewer_context::{EquipmentNode, SiteModel};

/// Every node of the model (not its mesh primitives), indexed when the model's nodes change.
#[derive(Resource, Default)]
pub struct ModelNodes {
    /// Each node's path of names, root first.
    pub paths: HashMap<Entity, Vec<String>>,
    /// How many nodes bear each name, and hold each mesh.
    names: HashMap<String, usize>,
    meshes: HashMap<String, usize>,
    /// The top nodes of the model, in the file's order.
    pub roots: Vec<Entity>,
}

/// A picked node: what it is called and holds, what it is bound to, and how site.toml can name it.
#[derive(Clone, Debug, PartialEq)]
pub struct NodeInfo {
    pub entity: Entity,
    pub path: Vec<String>,
    pub mesh: Option<String>,
    /// The equipment id its glTF extras carry.
    pub extras_id: Option<String>,
    /// The equipment it stands for now.
    pub bound: Option<String>,
    /// The ways to name it, best first: extras, a name used once, a mesh held once, the shortest path of
    /// names that is unique.
    pub keys: Vec<NodeKey>,
}

impl NodeInfo {
    pub fn name(&self) -> &str {
        self.path.last().map_or("", String::as_str)
    }

    /// An id for a new item made of it: its extras' id, else its name (or, unnamed, its mesh's) as an id.
    pub fn suggested_id(&self) -> String {
        if let Some(id) = &self.extras_id {
            return id.clone();
        }
        let base = if is_unnamed(self.name()) { self.mesh.as_deref().unwrap_or(self.name()) } else { self.name() };
        let mut id = String::new();
        for c in base.trim().chars().flat_map(char::to_lowercase) {
            if c.is_alphanumeric() || c == '.' {
                id.push(c);
            } else if !id.ends_with('-') {
                id.push('-');
            }
        }
        id.trim_matches('-').to_owned()
    }
}

/// Bevy names a node without a name `GltfNode<index>`.
fn is_unnamed(name: &str) -> bool {
    name.strip_prefix("GltfNode").is_some_and(|i| !i.is_empty() && i.bytes().all(|b| b.is_ascii_digit())) // i18n-ok: a glTF loader's naming
}

/// A node's mesh name: the first of its primitives'.
fn mesh_of(entity: Entity, children: &Query<&Children>, meshes: &Query<&GltfMeshName>) -> Option<String> {
    children.get(entity).ok()?.iter().find_map(|c| meshes.get(c).ok().map(|m| m.0.clone()))
}

/// Indexes the model's nodes when nodes are added below it.
#[allow(clippy::type_complexity)]
pub(crate) fn index_nodes(
    mut index: ResMut<ModelNodes>,
    added: Query<(), (Added<Name>, Without<Mesh3d>)>,
    model: Query<Entity, With<SiteModel>>,
    children: Query<&Children>,
    nodes: Query<(&Name, Option<&ChildOf>), Without<Mesh3d>>,
    meshes: Query<&GltfMeshName>,
) {
    if added.is_empty() {
        return;
    }
    let mut fresh = ModelNodes::default();
    for root in &model {
        for e in children.iter_descendants_depth_first(root) {
            let Ok((name, parent)) = nodes.get(e) else { continue };
            // The model's top nodes: those whose parent is not a node.
            if parent.is_none_or(|p| nodes.get(p.parent()).is_err()) {
                fresh.roots.push(e);
            }
            *fresh.names.entry(name.as_str().to_owned()).or_default() += 1;
            if let Some(m) = mesh_of(e, &children, &meshes) {
                *fresh.meshes.entry(m).or_default() += 1;
            }
            fresh.paths.insert(e, plant_viewer_context::node_path(&nodes, e));
        }
    }
    *index = fresh;
}

/// What the edit mode shows of `entity` and how it can be named.
pub fn node_info(
    entity: Entity,
    index: &ModelNodes,
    children: &Query<&Children>,
    meshes: &Query<&GltfMeshName>,
    extras: &Query<&GltfExtras>,
    bound: &Query<&EquipmentNode>,
) -> Option<NodeInfo> {
    let path = index.paths.get(&entity)?.clone();
    let mesh = mesh_of(entity, children, meshes);
    let extras_id = extras.get(entity).ok().and_then(|x| plant_site::equipment_from_extras(&x.value));
    let name = path.last()?.clone();
    let mut keys = Vec::new();
    if extras_id.is_some() {
        keys.push(NodeKey::Extras);
    }
    let name_once = index.names.get(&name) == Some(&1);
    if name_once && !is_unnamed(&name) {
        keys.push(NodeKey::Name(name.clone()));
    }
    if let Some(m) = &mesh
        && index.meshes.get(m) == Some(&1)
    {
        keys.push(NodeKey::Mesh(m.clone()));
    }
    // The shortest path of names ending at it that no other node's path ends with.
    if !name_once || is_unnamed(&name) {
        for k in 2..=path.len() {
            let tail = &path[path.len() - k..];
            if tail.iter().any(|n| n.contains('/')) {
                break;
            }
            if index.paths.values().filter(|p| p.ends_with(tail)).count() == 1 {
                keys.push(NodeKey::Path(tail.join("/")));
                break;
            }
        }
    }
    if name_once && is_unnamed(&name) {
        keys.push(NodeKey::Name(name));
    }
    Some(NodeInfo { entity, path, mesh, extras_id, bound: bound.get(entity).ok().map(|n| n.id.clone()), keys })
}
