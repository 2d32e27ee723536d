use std::path::PathBuf;

use plant_i18n::Lang;
use plant_site::{Place, check_model, equipment_from_extras};

use crate::arg;

fn cement_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant")
}

#[test]
fn extras_bind_equipment_by_id() {
    assert_eq!(equipment_from_extras(r#"{"equipment": "kiln-1", "other": 3}"#).as_deref(), Some("kiln-1"));
    assert_eq!(equipment_from_extras(r#"{"equipment": 3}"#), None);
    assert_eq!(equipment_from_extras("not json"), None);
}

#[test]
fn every_cement_plant_equipment_item_has_a_node_and_sensible_bounds() {
    let opened = plant_site::open(&cement_root()).expect("opens");
    let report = check_model(&opened.site);
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    assert!(report.unbound.is_empty(), "{:?}", report.unbound);
    assert!(report.readable);
    assert_eq!(report.bound.len(), opened.site.equipment.len());
    let (min, max) = report.bounds.expect("bounds");
    // A 5,000 t/d line: a few hundred metres long, the preheater tower about 110 m high.
    assert!(max[0] - min[0] > 400.0 && max[0] - min[0] < 700.0, "{min:?} {max:?}");
    assert!(max[1] > 100.0 && max[1] < 130.0, "{min:?} {max:?}");
    let (kmin, kmax) = report.equipment_bounds["kiln-1"];
    assert!(kmax[0] - kmin[0] > 70.0, "kiln is ~72 m long: {kmin:?} {kmax:?}");
}

#[test]
fn nodes_missing_from_the_model_are_listed_and_the_site_still_opens() {
    let mut opened = plant_site::open(&cement_root()).expect("opens");
    opened.site.equipment[0].node = "no-such-node".into();
    let id = opened.site.equipment[0].id.clone();
    // The node still carries extras naming the equipment, so rename the id too to break both bindings.
    opened.site.equipment[0].id = "crusher-9".into();
    let report = check_model(&opened.site);
    assert_eq!(report.unbound, vec!["crusher-9".to_string()]);
    let missing = report.diagnostics.iter().find(|d| d.message.id == "site-model-node-missing").expect("the missing node");
    assert_eq!((arg(&missing.message, "node").as_str(), arg(&missing.message, "file").as_str()), ("no-such-node", "model.glb"));
    // At the line of the item's [[equipment]] table in site.toml, naming the item.
    let Place::LineCol { line, .. } = missing.place else { panic!("{:?}", missing.place) };
    let text = std::fs::read_to_string(cement_root().join("site.toml")).expect("site.toml");
    assert_eq!(text.lines().nth(line - 1).map(str::trim), Some("[[equipment]]"), "line {line}");
    assert!(missing.text_in(Lang::En).contains(&format!("site.toml:{line}:")), "{missing}");
    assert!(missing.text_in(Lang::En).contains("equipment \"crusher-9\": glTF node \"no-such-node\" is not in model.glb"), "{missing}");
    assert!(missing.text_in(Lang::ZhCn).contains("设备“crusher-9”：model.glb 中没有 glTF 节点“no-such-node”"), "{}", missing.text_in(Lang::ZhCn));
    let orphan = report.diagnostics.iter().find(|d| d.message.id == "site-model-unknown-equipment").expect("the orphan extras are reported");
    assert_eq!(arg(&orphan.message, "equipment"), id);
    assert!(matches!(&orphan.place, Place::Element(m) if m.id == "site-element-node"), "{orphan:?}");
}

#[test]
fn a_missing_model_is_an_error_and_every_item_is_unbound() {
    let mut opened = plant_site::open(&cement_root()).expect("opens");
    opened.site.header.model = "missing.glb".into();
    let report = check_model(&opened.site);
    assert_eq!(report.unbound.len(), opened.site.equipment.len());
    assert!(!report.readable);
    let d = &report.diagnostics[0];
    assert!(d.is_error() && d.file.ends_with("missing.glb") && d.message.id == "site-model-not-found", "{d}");
    assert_eq!(d.place, Place::Whole);
}

#[test]
fn a_truncated_model_is_an_error_not_a_panic() {
    let dir = std::env::temp_dir().join(format!("plant-site-truncated-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let glb = std::fs::read(cement_root().join("model.glb")).expect("model");
    std::fs::write(dir.join("model.glb"), &glb[..5000]).expect("write");
    let mut opened = plant_site::open(&cement_root()).expect("opens");
    opened.site.root = dir.clone();
    let report = check_model(&opened.site);
    assert!(!report.readable);
    assert!(report.diagnostics[0].is_error() && report.diagnostics[0].message.id == "site-model-unreadable", "{}", report.diagnostics[0]);
}

/// A GLB of `json` and, when not empty, a binary chunk `bin` (GLB 2.0: header, JSON chunk padded with spaces,
/// BIN chunk).
pub(crate) fn glb(json: &str, bin: &[u8]) -> Vec<u8> {
    let mut j = json.as_bytes().to_vec();
    while !j.len().is_multiple_of(4) {
        j.push(b' ');
    }
    let total = 12 + 8 + j.len() + if bin.is_empty() { 0 } else { 8 + bin.len() };
    let mut b = Vec::new();
    b.extend_from_slice(b"glTF");
    b.extend_from_slice(&2u32.to_le_bytes());
    b.extend_from_slice(&(total as u32).to_le_bytes());
    b.extend_from_slice(&(j.len() as u32).to_le_bytes());
    b.extend_from_slice(b"JSON");
    b.extend_from_slice(&j);
    if !bin.is_empty() {
        b.extend_from_slice(&(bin.len() as u32).to_le_bytes());
        b.extend_from_slice(b"BIN\0");
        b.extend_from_slice(bin);
    }
    b
}

/// A GLB as CAD exports write them: a named group `Line 1` holding an unnamed node with the mesh `Kiln_Shell`,
/// and a node `Fan` under `Line 2`; every mesh one triangle.
pub(crate) fn cad_like_glb(path: &std::path::Path) {
    let mut bin = Vec::new();
    for v in [[0.0f32, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]] {
        for x in v {
            bin.extend_from_slice(&x.to_le_bytes());
        }
    }
    let json = r#"{"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[0,2]}],
"nodes":[{"name":"Line 1","children":[1]},{"mesh":0,"translation":[10,0,0]},{"name":"Line 2","children":[3]},{"name":"Fan","mesh":1}],
"meshes":[{"name":"Kiln_Shell","primitives":[{"attributes":{"POSITION":0}}]},{"name":"Fan_Body","primitives":[{"attributes":{"POSITION":0}}]}],
"accessors":[{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3","min":[0,0,0],"max":[1,1,0]}],
"bufferViews":[{"buffer":0,"byteLength":36}],"buffers":[{"byteLength":36}]}"#;
    std::fs::write(path, glb(json, &bin)).expect("glb");
}

#[test]
fn equipment_binds_by_mesh_name_and_by_node_path() {
    let dir = tempfile::tempdir().expect("tmp");
    cad_like_glb(&dir.path().join("model.glb"));
    let toml = r#"
[site]
name = "CAD export"
kind = "site"
time_zone = "UTC"

[[equipment]]
id = "kiln"
type = "kiln"
name = "Kiln"
mesh = "Kiln_Shell"          # the node has no name: its mesh has

[[equipment]]
id = "fan-2"
type = "fan"
name = "Fan of line 2"
node = "Line 2/Fan"          # a path of node names

[[equipment]]
id = "fan-9"
type = "fan"
name = "Fan of line 9"
node = "Line 9/Fan"          # no such path: unbound
"#;
    std::fs::write(dir.path().join("site.toml"), toml).expect("site.toml");
    let opened = plant_site::open(dir.path()).expect("opens");
    assert!(opened.diagnostics.iter().all(|d| !d.is_error()), "{:?}", opened.diagnostics);
    let report = plant_site::check_model(&opened.site);
    assert!(report.readable);
    assert_eq!(report.bound.get("kiln").map(String::as_str), Some("GltfNode1"), "the unnamed node, named as Bevy names it");
    assert_eq!(report.bound.get("fan-2").map(String::as_str), Some("Fan"));
    assert_eq!(report.unbound, ["fan-9"]);
    // Bounds follow the binding: the kiln's triangle, moved 10 m along x by its node.
    let b = report.equipment_bounds.get("kiln").expect("kiln bounds");
    assert!((b.0[0] - 10.0).abs() < 1e-6 && (b.1[0] - 11.0).abs() < 1e-6, "{b:?}");
    // The nodes as `plant-twin new` lists them: names where given, mesh names.
    let nodes = plant_site::binding::model_nodes(&dir.path().join("model.glb")).expect("nodes");
    assert_eq!(nodes.iter().filter(|n| n.name.is_none()).count(), 1);
    assert_eq!(nodes[1].mesh.as_deref(), Some("Kiln_Shell"));
}

#[test]
fn a_z_up_millimetre_model_is_turned_and_scaled() {
    let dir = tempfile::tempdir().expect("tmp");
    cad_like_glb(&dir.path().join("model.glb"));
    let base = "[site]\nname = \"mm\"\nkind = \"site\"\ntime_zone = \"UTC\"\n";
    let toml = format!("{base}up_axis = \"z\"\nscale = 0.001\n\n[[equipment]]\nid = \"kiln\"\ntype = \"kiln\"\nname = \"Kiln\"\nmesh = \"Kiln_Shell\"\n");
    std::fs::write(dir.path().join("site.toml"), &toml).expect("site.toml");
    let opened = plant_site::open(dir.path()).expect("opens");
    assert!(opened.diagnostics.iter().all(|d| !d.is_error()), "{:?}", opened.diagnostics);
    let report = plant_site::check_model(&opened.site);
    // The triangle (0,0,0) (1,0,0) (0,1,0), 10 units along x, in a Z-up file: in metres with Y up it lies in the
    // x-z plane, (x, y, z) → (x, z, −y) × 0.001.
    let (lo, hi) = report.equipment_bounds.get("kiln").copied().expect("bounds");
    let near = |a: f32, b: f32| (a - b).abs() < 1e-7;
    assert!(near(lo[0], 0.010) && near(hi[0], 0.011), "{lo:?} {hi:?}");
    assert!(near(lo[1], 0.0) && near(hi[1], 0.0), "{lo:?} {hi:?}");
    assert!(near(lo[2], -0.001) && near(hi[2], 0.0), "{lo:?} {hi:?}");
    // Values that are neither: errors at their line, and the defaults used.
    std::fs::write(dir.path().join("site.toml"), format!("{base}up_axis = \"x\"\nscale = -2\n")).expect("site.toml");
    let opened = plant_site::open(dir.path()).expect("opens");
    let text: Vec<String> = opened.diagnostics.iter().map(ToString::to_string).collect();
    assert!(text.iter().any(|t| t.contains("site.toml:5:") && t.contains("up_axis")), "{text:?}");
    assert!(text.iter().any(|t| t.contains("site.toml:6:") && t.contains("scale")), "{text:?}");
    assert_eq!(opened.site.model_matrix, plant_site::parse(base, dir.path()).expect("p").site.model_matrix);
}

/// A building as a CAD tool exports it in millimetres with Z up: a 100 × 60 m floor slab and roof 8 m apart
/// (horizontal: facing Z) and one 100 × 8 m wall (facing Y), six triangles without indices.
pub(crate) fn z_up_mm_building_glb(path: &std::path::Path) {
    let quad = |a: [f32; 3], b: [f32; 3], c: [f32; 3], d: [f32; 3]| [a, b, c, a, c, d];
    let (x, y, z) = (100_000.0, 60_000.0, 8_000.0);
    let mut points = Vec::new();
    points.extend(quad([0.0, 0.0, 0.0], [x, 0.0, 0.0], [x, y, 0.0], [0.0, y, 0.0]));
    points.extend(quad([0.0, 0.0, z], [x, 0.0, z], [x, y, z], [0.0, y, z]));
    points.extend(quad([0.0, 0.0, 0.0], [x, 0.0, 0.0], [x, 0.0, z], [0.0, 0.0, z]));
    let bin: Vec<u8> = points.iter().flatten().flat_map(|v| v.to_le_bytes()).collect();
    let json = format!(
        r#"{{"asset":{{"version":"2.0"}},"scene":0,"scenes":[{{"nodes":[0]}}],"nodes":[{{"name":"Building","mesh":0}}],
"meshes":[{{"name":"Shell","primitives":[{{"attributes":{{"POSITION":0}}}}]}}],
"accessors":[{{"bufferView":0,"componentType":5126,"count":{n},"type":"VEC3","min":[0,0,0],"max":[{x},{y},{z}]}}],
"bufferViews":[{{"buffer":0,"byteLength":{len}}}],"buffers":[{{"byteLength":{len}}}]}}"#,
        n = points.len(),
        len = bin.len()
    );
    std::fs::write(path, glb(&json, &bin)).expect("glb");
}

#[test]
fn a_z_up_millimetre_export_is_recognised_and_the_sample_models_are_not() {
    let dir = tempfile::tempdir().expect("tmp");
    z_up_mm_building_glb(&dir.path().join("model.glb"));
    // The same bytes as tests/data/z-up-mm-building.glb, which the app's tests use (`plant-twin new`).
    let committed = include_bytes!("../../../../tests/data/z-up-mm-building.glb");
    assert!(std::fs::read(dir.path().join("model.glb")).expect("read") == committed, "tests/data/z-up-mm-building.glb is this function's output");
    let o = plant_site::orientation::guess(&dir.path().join("model.glb")).expect("measured");
    // Floor and roof 2 × 6,000 m², the wall 800 m² (in mm²).
    assert!((o.facing[2] - 1.2e10).abs() < 1e4 && (o.facing[1] - 8e8).abs() < 1e3 && o.facing[0] < 1.0, "{o:?}");
    assert!(o.z_up && o.millimetres, "{o:?}");
    assert_eq!(o.extent, [100_000.0, 60_000.0, 8_000.0]);
    // The model check says so while [site] gives neither, at [site]; not once it gives them.
    let base = "[site]\nname = \"mm\"\nkind = \"site\"\ntime_zone = \"UTC\"\n";
    std::fs::write(dir.path().join("site.toml"), base).expect("site.toml");
    let report = plant_site::check_model(&plant_site::open(dir.path()).expect("opens").site);
    let advice: Vec<&plant_site::Diagnostic> = report.diagnostics.iter().filter(|d| d.message.id.starts_with("site-model-looks")).collect();
    assert_eq!(advice.len(), 1, "{:?}", report.diagnostics);
    assert_eq!(advice[0].message.id, "site-model-looks-z-up-mm");
    assert!(advice[0].text_in(Lang::En).contains("94 % of its surface faces Z") && advice[0].text_in(Lang::En).contains("up_axis = \"z\" and scale = 0.001"), "{}", advice[0]);
    std::fs::write(dir.path().join("site.toml"), format!("{base}up_axis = \"z\"\nscale = 0.001\n")).expect("site.toml");
    let report = plant_site::check_model(&plant_site::open(dir.path()).expect("opens").site);
    assert!(report.diagnostics.iter().all(|d| !d.message.id.starts_with("site-model-looks")), "{:?}", report.diagnostics);
    let (lo, hi) = report.bounds.expect("bounds");
    assert!((hi[0] - lo[0] - 100.0).abs() < 1e-3 && (hi[1] - lo[1] - 8.0).abs() < 1e-3, "100 m long, 8 m high: {lo:?} {hi:?}");
    // The sample sites' models stand upright in metres.
    for site in ["cement-plant", "office-building", "aluminium-smelter"] {
        let model = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites").join(site).join("model.glb");
        let o = plant_site::orientation::guess(&model).expect("measured");
        assert!(!o.z_up && !o.millimetres && o.facing[1] > o.facing[2], "{site}: {o:?}");
    }
}

#[test]
fn a_draco_compressed_model_is_said_to_be_so() {
    let dir = tempfile::tempdir().expect("tmp");
    let json = r#"{"asset":{"version":"2.0"},"extensionsUsed":["KHR_draco_mesh_compression"],"extensionsRequired":["KHR_draco_mesh_compression"],"scene":0,"scenes":[{"nodes":[0]}],"nodes":[{"name":"kiln"}]}"#;
    std::fs::write(dir.path().join("model.glb"), glb(json, &[])).expect("glb");
    std::fs::write(dir.path().join("site.toml"), "[site]\nname = \"d\"\nkind = \"site\"\ntime_zone = \"UTC\"\n").expect("toml");
    let opened = plant_site::open(dir.path()).expect("opens");
    let report = plant_site::check_model(&opened.site);
    assert!(!report.readable);
    let text: Vec<String> = report.diagnostics.iter().map(ToString::to_string).collect();
    assert!(text.iter().any(|t| t.contains("KHR_draco_mesh_compression") && t.contains("without mesh compression")), "{text:?}");
}

#[test]
fn a_gltf_whose_bytes_are_a_broken_glb_header_is_an_error_not_a_panic() {
    // gltf 1.4 panics on a GLB header declaring under 12 bytes; every reader of a model goes through one guard.
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("model.gltf");
    std::fs::write(&path, b"glTF\x02\x00\x00\x00\x04\x00\x00\x00").expect("write");
    assert!(matches!(plant_site::binding::model_external_files(&path), Err(plant_site::binding::ModelFilesError::Unreadable(_))));
    assert!(plant_site::binding::model_nodes(&path).is_err());
}
