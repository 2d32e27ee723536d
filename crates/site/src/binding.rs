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
    /// Number of nodes in the model.
    pub node_count: usize,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads the model's node names and extras (not its meshes) and binds equipment to nodes.
/// A missing or unreadable model is an error diagnostic; every equipment item is then unbound.
pub fn check_model(site: &Site) -> ModelReport {
    let path = site.model_path();
    let mut report = ModelReport::default();
    let gltf = match gltf::Gltf::open(&path) {
        Ok(g) => g,
        Err(e) => {
            let msg = match &e {
                gltf::Error::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
                    "model file not found; the site opens without 3D".to_string()
                }
                other => format!("cannot read the model ({other}); the site opens without 3D"),
            };
            report.diagnostics.push(Diagnostic::error(&path, Place::Whole, msg));
            report.unbound = site.equipment.iter().map(|e| e.id.clone()).collect();
            return report;
        }
    };
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
