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
