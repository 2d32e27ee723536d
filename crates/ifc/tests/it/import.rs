//! The two real IFC files imported: counts of what the reader found against the files' own STEP text, the
//! package opening with every equipment item bound to a node, names and GlobalIds in the model's extras.

use std::path::{Path, PathBuf};

use plant_ifc::{Options, read, write};

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/ifc").join(name)
}

fn options(ifc: &Path, folder: &Path) -> Options {
    Options { ifc: ifc.to_path_buf(), folder: folder.to_path_buf(), time_zone: chrono_tz::Asia::Shanghai, name: None }
}

/// Instances of `class` in the file's STEP text (`#12= IFCSPACE(`), counted independently of the reader.
fn step_count(ifc: &Path, class: &str) -> usize {
    let text = std::fs::read_to_string(ifc).expect("read");
    let upper = class.to_uppercase();
    text.lines().filter(|l| l.split_once('=').is_some_and(|(id, rest)| id.trim_start().starts_with('#') && rest.trim_start().starts_with(&format!("{upper}(")))).count()
}

/// The model's nodes as JSON (the GLB's JSON chunk).
fn nodes(glb: &[u8]) -> Vec<serde_json::Value> {
    let len = u32::from_le_bytes([glb[12], glb[13], glb[14], glb[15]]) as usize;
    let doc: serde_json::Value = serde_json::from_slice(&glb[20..20 + len]).expect("json");
    doc["nodes"].as_array().cloned().unwrap_or_default()
}

#[test]
fn the_duplex_apartment_becomes_a_package_with_its_storeys_and_spaces() {
    let ifc = data("Duplex_A_20110907.ifc");
    let dir = tempfile::tempdir().expect("tmp");
    let folder = dir.path().join("duplex");
    let m = read(&options(&ifc, &folder)).expect("imports");
    assert_eq!(m.schema, "IFC2X3");
    // What the file holds, counted in its text.
    for class in ["IfcSpace", "IfcWallStandardCase", "IfcWindow", "IfcDoor", "IfcBuildingStorey"] {
        assert_eq!(m.products.get(class).copied().unwrap_or(0), step_count(&ifc, class), "{class}");
    }
    assert_eq!(m.storeys.len(), 4, "{:?}", m.storeys);
    assert_eq!(m.storeys.iter().map(|s| s.spaces.len()).sum::<usize>(), 21);
    let elevations: Vec<f64> = m.storeys.iter().filter_map(|s| s.elevation).collect();
    assert!(elevations.windows(2).all(|w| w[0] <= w[1]), "lowest first: {elevations:?}");
    // An architectural model: no building services, said so in site.toml.
    assert!(m.equipment.is_empty());
    assert_eq!(m.site_name, "Duplex_A_20110907", "the file names its building \"0001\": the file's name instead");
    assert!(m.site_toml.contains("No building services"), "{}", m.site_toml);
    // The model: named nodes with GlobalIds, no space volumes, a plausible size in metres, Y up.
    let glb_nodes = nodes(&m.glb);
    assert!(m.triangles > 10_000, "{}", m.triangles);
    let named = glb_nodes.iter().filter(|n| n["name"].is_string() && n["extras"]["GlobalId"].is_string()).count();
    assert!(named > 200, "{named} of {}", glb_nodes.len());
    assert!(glb_nodes.iter().all(|n| n["extras"]["ifcType"] != "IfcSpace" && n["extras"]["ifcType"] != "IfcOpeningElement"));
    // Written and opened as the viewer does: no error; the model check finds it upright in metres.
    let toml = write(&options(&ifc, &folder), &m).expect("writes");
    let opened = plant_site::open(toml.parent().expect("folder")).expect("opens");
    assert!(opened.diagnostics.iter().all(|d| !d.is_error()), "{:?}", opened.diagnostics);
    let report = plant_site::check_model(&opened.site);
    assert!(report.readable && report.diagnostics.iter().all(|d| !d.is_error() && !d.message.id.starts_with("site-model-looks")), "{:?}", report.diagnostics);
    let (lo, hi) = report.bounds.expect("bounds");
    let size: Vec<f32> = (0..3).map(|i| hi[i] - lo[i]).collect();
    assert!(size.iter().all(|s| (5.0..60.0).contains(s)), "a duplex is tens of metres: {size:?}");
    assert!(size[1] < size[0].max(size[2]), "Y up: lower than it is long: {size:?}");
    // Not over an existing package.
    let again = write(&options(&ifc, &folder), &m).expect_err("refused");
    assert_eq!(again.message.id, "ifc-folder-has-site");
}

#[test]
fn the_hvac_model_s_air_terminals_become_equipment_bound_to_their_nodes() {
    let ifc = data("PCERT_Building-Hvac_IFC4X3.ifc");
    let dir = tempfile::tempdir().expect("tmp");
    let folder = dir.path().join("hvac");
    let m = read(&options(&ifc, &folder)).expect("imports");
    assert!(m.schema.starts_with("IFC4X3"), "{}", m.schema);
    assert_eq!(m.products.get("IfcAirTerminal").copied(), Some(step_count(&ifc, "IfcAirTerminal")));
    let terminals: Vec<&plant_ifc::Item> = m.equipment.iter().filter(|e| e.class == "IfcAirTerminal").collect();
    assert_eq!(terminals.len(), 2, "{:?}", m.equipment);
    assert!(terminals.iter().all(|t| t.kind == "air-terminal" && t.meshed && t.global_id.len() == 22), "{terminals:?}");
    // The duct is network, not equipment.
    assert_eq!(m.network.get("IfcDuctSegment").copied(), Some(step_count(&ifc, "IfcDuctSegment")));
    let toml = write(&options(&ifc, &folder), &m).expect("writes");
    let opened = plant_site::open(toml.parent().expect("folder")).expect("opens");
    assert!(opened.diagnostics.iter().all(|d| !d.is_error()), "{:?}", opened.diagnostics);
    let report = plant_site::check_model(&opened.site);
    // Every item made of a meshed element is bound, by the id in its node's extras.
    for e in m.equipment.iter().filter(|e| e.meshed) {
        assert!(report.bound.contains_key(&e.id), "{} unbound: {:?}", e.id, report.diagnostics);
        assert!(report.equipment_bounds.contains_key(&e.id));
    }
}

#[test]
fn what_is_not_an_ifc_file_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().expect("tmp");
    let bad = dir.path().join("bad.ifc");
    std::fs::write(&bad, "not STEP at all").expect("write");
    let e = read(&options(&bad, &dir.path().join("x"))).err().expect("refused");
    assert_eq!(e.message.id, "ifc-not-step");
    assert!(e.file.ends_with("bad.ifc"));
    let missing = read(&options(&dir.path().join("none.ifc"), &dir.path().join("x"))).err().expect("refused");
    assert_eq!(missing.message.id, "ifc-cannot-read");
    // A truncated real file: read as far as it goes or refused, never a panic.
    let text = std::fs::read(data("PCERT_Building-Hvac_IFC4X3.ifc")).expect("read");
    std::fs::write(&bad, &text[..text.len() / 2]).expect("write");
    let _ = read(&options(&bad, &dir.path().join("y")));
}
