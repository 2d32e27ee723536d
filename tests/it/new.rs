//! `plant-twin new` end to end: a package from an export and a model that opens with no error, whose energy and
//! carbon report works at once (grid electricity into the metered equipment), in both languages.

use std::process::Command;

fn run(lang: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_plant-twin")).args(["--lang", lang]).args(args).output().expect("runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn a_new_site_from_an_export_opens_and_reports() {
    let dir = tempfile::tempdir().expect("tmp");
    let csv = dir.path().join("historian.csv");
    let mut text = String::from("Time,Kiln-1 drive [kW],Cement mill 2 power [MW],Coal mill 1 coal [t/h]\n");
    for i in 0..120 {
        text.push_str(&format!("2026-11-10 {:02}:{:02}:00,{},{},{}\n", 8 + i / 60, i % 60, 390.0 + f64::from(i % 7), 3.6, 11.5));
    }
    std::fs::write(&csv, text).expect("csv");
    let model = format!("{}/../sample-sites/cement-plant/model.glb", env!("CARGO_MANIFEST_DIR"));
    let folder = dir.path().join("plant");
    let folder_s = folder.to_str().expect("path");
    let (code, out, err) = run("en", &["new", folder_s, "--model", &model, "--data", csv.to_str().expect("path"), "--time-zone", "Asia/Shanghai"]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("3 meters") && out.contains("on kiln-1 (node \"kiln-1\")") && out.contains("0 error(s)"), "{out}");
    // The report works at once: 2 h of 390-396 kW on the kiln and 3.6 MW on the mill from the grid.
    let (code, json, err) = run("en", &["report", folder_s, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert!(json.contains("cn-reporting-2022"), "{json}");
    // Scope 2: (≈ 0.393 + 3.6) MW over the record's 119 minutes × 0.5703 t/MWh ≈ 4.5 t.
    let scope2 = v["scopes"]["scope2_location_t"].as_f64().expect("scope 2");
    let expected = (393.0 + 3600.0) / 1000.0 * (119.0 / 60.0) * 0.5703;
    assert!((scope2 - expected).abs() < 0.05 * expected, "{scope2} vs {expected}");
    // Scope 1: the coal burnt where it goes (the coal mill passes none on), IPCC bituminous coal.
    assert!(v["scopes"]["scope1_combustion_t"].as_f64().expect("scope 1") > 10.0, "{json}");
    // Twice into the same folder: refused, nothing overwritten.
    let (code, _, err) = run("zh-CN", &["new", folder_s, "--data", csv.to_str().expect("path")]);
    assert_ne!(code, 0);
    assert!(err.contains("已有 site.toml"), "{err}");
    // A time zone that is not one.
    let (code, _, err) = run("en", &["new", dir.path().join("x").to_str().expect("p"), "--data", csv.to_str().expect("p"), "--time-zone", "Mars/Olympus"]);
    assert_ne!(code, 0);
    assert!(err.contains("not an IANA time zone"), "{err}");
}

#[test]
fn a_z_up_millimetre_model_is_detected_and_written_to_site_toml() {
    let dir = tempfile::tempdir().expect("tmp");
    let csv = dir.path().join("export.csv");
    let mut text = String::from("Time,Building [kW]\n");
    for i in 0..60 {
        text.push_str(&format!("2026-11-10 08:{i:02}:00,{}\n", 120.0 + f64::from(i % 5)));
    }
    std::fs::write(&csv, text).expect("csv");
    // tests/data/z-up-mm-building.glb: a 100 × 60 m building, 8 m high, exported Z-up in millimetres.
    let model = format!("{}/../tests/data/z-up-mm-building.glb", env!("CARGO_MANIFEST_DIR"));
    let folder = dir.path().join("building");
    let (code, out, err) = run("en", &["new", folder.to_str().expect("path"), "--model", &model, "--data", csv.to_str().expect("path"), "--time-zone", "UTC"]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(err.contains("looks like a Z-up export in millimetres (94 % of its surface faces Z; it spans 100000 units): wrote up_axis"), "{err}");
    let toml = std::fs::read_to_string(folder.join("site.toml")).expect("site.toml");
    assert!(toml.contains("\nup_axis = \"z\"   # detected: 94 % of the model's surface faces Z"), "{toml}");
    assert!(toml.contains("\nscale = 0.001   # detected: the model spans 100000 units"), "{toml}");
    // Opened, it stands upright in metres and the check no longer advises.
    let opened = plant_site::open(&folder).expect("opens");
    let report = plant_site::check_model(&opened.site);
    assert!(report.diagnostics.iter().all(|d| !d.message.id.starts_with("site-model-looks")), "{:?}", report.diagnostics);
    let (lo, hi) = report.bounds.expect("bounds");
    assert!((hi[1] - lo[1] - 8.0).abs() < 1e-3 && (hi[0] - lo[0] - 100.0).abs() < 1e-3, "{lo:?} {hi:?}");
}

#[test]
fn import_ifc_makes_a_package_and_says_what_it_found() {
    let dir = tempfile::tempdir().expect("tmp");
    let ifc = format!("{}/../tests/data/ifc/PCERT_Building-Hvac_IFC4X3.ifc", env!("CARGO_MANIFEST_DIR"));
    let folder = dir.path().join("hvac");
    let (code, out, err) = run("en", &["import-ifc", &ifc, folder.to_str().expect("path"), "--time-zone", "Europe/Zurich"]);
    assert_eq!(code, 0, "{out}\n{err}");
    assert!(out.contains("2 building-services elements made equipment:") && out.contains("(IfcAirTerminal, 00 groundfloor) · in the model"), "{out}");
    assert!(out.contains("IfcDuctSegment 1") && out.contains("0 error(s)"), "{out}");
    assert!(std::fs::read_to_string(folder.join("site.toml")).expect("toml").contains("time_zone = \"Europe/Zurich\""));
    // Again into the same folder: refused in the user's language, nothing overwritten.
    let (code, _, err) = run("zh-CN", &["import-ifc", &ifc, folder.to_str().expect("path")]);
    assert_ne!(code, 0);
    assert!(err.contains("此处已有 site.toml"), "{err}");
}
