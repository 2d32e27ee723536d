//! The reader's GLB with names: each node the reader writes for an element (extras `expressId`, `GlobalId`,
//! `ifcType`, no name) gets the element's name, and the nodes of elements made equipment get the equipment
//! id in their extras (`equipment`), which is how the twin binds them (docs/site-format.md, "Binding").

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;

/// A GLB after relabelling.
pub(crate) struct Relabelled {
    pub bytes: Vec<u8>,
    pub nodes: usize,
    pub triangles: usize,
    /// Equipment ids with at least one node holding a mesh.
    pub equipment_nodes: BTreeSet<String>,
}

const MAGIC: &[u8; 4] = b"glTF";
const JSON_CHUNK: &[u8; 4] = b"JSON";

/// Names the nodes of `glb` after `labels` (express id → name and, for equipment, its id).
pub(crate) fn relabel(glb: &[u8], labels: &HashMap<u32, (String, Option<String>)>) -> Result<Relabelled, String> {
    let word = |at: usize| glb.get(at..at + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize);
    if glb.get(..4) != Some(MAGIC.as_slice()) {
        return Err(String::from("not a GLB")); // i18n-ok: the reader's own output, shown inside a message
    }
    let json_len = word(12).ok_or("truncated GLB")?; // i18n-ok
    if glb.get(16..20) != Some(JSON_CHUNK.as_slice()) {
        return Err(String::from("GLB without a JSON chunk")); // i18n-ok
    }
    let json = glb.get(20..20 + json_len).ok_or("truncated GLB")?; // i18n-ok
    let rest = glb.get(20 + json_len..).unwrap_or_default();
    let mut doc: Value = serde_json::from_slice(json).map_err(|e| e.to_string())?;
    let accessor_count = |doc: &Value, i: u64| doc["accessors"][i as usize]["count"].as_u64().unwrap_or(0) as usize;
    let mesh_triangles: Vec<usize> = doc["meshes"]
        .as_array()
        .map(|meshes| {
            meshes.iter().map(|m| m["primitives"].as_array().map_or(0, |ps| ps.iter().filter_map(|p| p["indices"].as_u64()).map(|i| accessor_count(&doc, i) / 3).sum())).collect()
        })
        .unwrap_or_default();
    let mut triangles = 0;
    let mut equipment_nodes = BTreeSet::new();
    let nodes = doc["nodes"].as_array_mut().map_or(&mut [][..], Vec::as_mut_slice);
    let count = nodes.len();
    for node in nodes.iter_mut() {
        let mesh = node["mesh"].as_u64().and_then(|m| mesh_triangles.get(m as usize).copied());
        triangles += mesh.unwrap_or(0);
        let Some(id) = node["extras"]["expressId"].as_u64().and_then(|i| u32::try_from(i).ok()) else { continue };
        let Some((name, equipment)) = labels.get(&id) else { continue };
        node["name"] = Value::from(name.as_str());
        if let Some(e) = equipment {
            node["extras"]["equipment"] = Value::from(e.as_str());
            if mesh.is_some() {
                equipment_nodes.insert(e.clone());
            }
        }
    }
    let mut json = serde_json::to_vec(&doc).map_err(|e| e.to_string())?;
    while json.len() % 4 != 0 {
        json.push(b' ');
    }
    let total = 12 + 8 + json.len() + rest.len();
    let mut bytes = Vec::with_capacity(total);
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&2u32.to_le_bytes());
    bytes.extend_from_slice(&u32::try_from(total).map_err(|e| e.to_string())?.to_le_bytes());
    bytes.extend_from_slice(&u32::try_from(json.len()).map_err(|e| e.to_string())?.to_le_bytes());
    bytes.extend_from_slice(JSON_CHUNK);
    bytes.extend_from_slice(&json);
    bytes.extend_from_slice(rest);
    Ok(Relabelled { bytes, nodes: count, triangles, equipment_nodes })
}
