//! `plant-twin new`'s scaffold: a site package from a model and an export it did not make — a day-first,
//! semicolon-separated CSV with units in its headers against the cement plant's model; a Parquet export against a
//! GLB whose nodes are partly unnamed — each opening with no error, meters placed by name, quantities from units.

use std::path::{Path, PathBuf};

use plant_ingest::scaffold::{Guess, Options, scaffold, write};
use plant_site::{Quantity, TimestampFormat};
use polars::prelude::*;

fn cement_model() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant/model.glb")
}

const CSV: &str = "Date;Kiln-1 drive [kW];Coal Mill 1 coal (t/h);Cooler-1 exhaust temp [°C];Cement mill 2 power_kW;Compressor house energy [kWh];Kiln-1 heat loss [kW];Outdoor humidity;Status\n\
10/11/2026 14:00;391.2;11.8;245.0;3640.5;120.0;5200;61;RUN\n\
10/11/2026 14:01;390.8;11.9;246.1;3641.0;180.5;5210;61;RUN\n\
10/11/2026 14:02;389.9;11.7;244.8;3639.2;241.0;5190;62;RUN\n\
13/11/2026 09:30;380.0;11.2;240.0;0.0;300.0;5000;70;STOP\n";

fn opts(dir: &Path, model: Option<PathBuf>, data: PathBuf) -> Options {
    Options { folder: dir.join("my-plant"), model, data: vec![data], time_zone: chrono_tz::Asia::Shanghai, name: None }
}

/// Opens the package as the viewer does; the errors found.
fn open_errors(folder: &Path) -> (plant_site::Site, Vec<String>, plant_store::Store) {
    let opened = plant_site::open(folder).expect("site.toml opens");
    let mut diags = opened.diagnostics.clone();
    diags.extend(plant_site::check_model(&opened.site).diagnostics);
    let loaded = plant_ingest::load_site_data(&opened.site, &|_, _| {});
    diags.extend(loaded.diagnostics);
    let errors = diags.iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
    (opened.site, errors, loaded.store)
}

#[test]
fn a_day_first_csv_with_units_in_its_headers_against_a_model() {
    let dir = tempfile::tempdir().expect("tmp");
    let csv = dir.path().join("export.csv");
    std::fs::write(&csv, CSV).expect("write");
    let o = opts(dir.path(), Some(cement_model()), csv);
    let s = scaffold(&o).expect("scaffold");
    assert_eq!((s.timestamp_column.as_str(), &s.timestamp_format), ("Date", &TimestampFormat::DayFirst));
    let col = |h: &str| s.columns.iter().find(|c| c.header.starts_with(h)).unwrap_or_else(|| panic!("{h}: {:?}", s.columns));
    // Quantities from the headers' units; a unit two quantities share settled by the name (heat).
    assert_eq!((col("Kiln-1 drive").quantity, col("Kiln-1 drive").unit.as_str(), col("Kiln-1 drive").guess), (Quantity::ElectricPower, "kW", Guess::Unit));
    assert_eq!((col("Coal Mill").quantity, col("Coal Mill").fuel), (Quantity::MassFlow, Some("bituminous-coal")));
    assert_eq!(col("Cooler-1").quantity, Quantity::Temperature);
    assert_eq!((col("Cement mill 2").quantity, col("Cement mill 2").unit.as_str()), (Quantity::ElectricPower, "kW"), "a _kW suffix");
    assert_eq!(col("Compressor house").quantity, Quantity::Energy);
    assert_eq!(col("Kiln-1 heat").quantity, Quantity::ThermalPower);
    assert_eq!((col("Outdoor").quantity, col("Outdoor").guess), (Quantity::Other, Guess::None), "no unit, no telling word");
    assert!(!s.columns.iter().any(|c| c.header == "Status"), "text is left out");
    // Matched to the model's nodes by name.
    assert_eq!(col("Kiln-1 drive").node.as_deref(), Some("kiln-1"));
    assert_eq!(col("Coal Mill").node.as_deref(), Some("coal-mill-1"));
    assert_eq!(col("Cement mill 2").node.as_deref(), Some("cement-mill-2"));
    assert_eq!(col("Compressor house").node.as_deref(), Some("compressor-house"));
    assert_eq!(col("Outdoor").node, None);
    // Nodes the model marks as equipment (extras) are equipment, metered or not; the rest are listed to bind.
    assert!(s.free_nodes.contains(&"tertiary-air-duct".to_owned()) && !s.free_nodes.contains(&"raw-mill-1".to_owned()), "{:?}", s.free_nodes);
    assert!(s.site_toml.contains("id = \"raw-mill-1\""));
    assert!((col("Kiln-1 drive").min.expect("min") - 380.0).abs() < 1e-9 && (col("Kiln-1 drive").max.expect("max") - 391.2).abs() < 1e-9);
    // Written and opened as the viewer opens it: no error, the values in the store, the flows there.
    write(&o, &s).expect("written");
    assert!(write(&o, &s).is_err(), "an existing site.toml is not overwritten");
    let (site, errors, store) = open_errors(&o.folder);
    assert!(errors.is_empty(), "{errors:#?}\n{}", s.site_toml);
    let kiln = store.get(&col("Kiln-1 drive").meter).expect("kiln series");
    assert_eq!(kiln.len(), 4);
    // 10/11/2026 14:00 in Shanghai, read day first.
    assert_eq!(kiln.times_ms()[0], plant_ingest::timestamp::parse_local("2026-11-10 14:00", chrono_tz::Asia::Shanghai).expect("t"));
    assert!(site.flows.iter().any(|f| f.from == "grid" && f.to == "kiln-1" && f.carrier == "electricity"));
    assert!(site.flows.iter().any(|f| f.from == "bituminous-coal" && f.to == "coal-mill-1"));
    assert!(site.nodes.iter().any(|n| n.id == "grid"));
}

/// A GLB of `json` and, when not empty, a binary chunk `bin` (GLB 2.0: header, JSON chunk padded with spaces,
/// BIN chunk).
fn glb(json: &str, bin: &[u8]) -> Vec<u8> {
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

/// A GLB of bare nodes (no meshes): two named, one not.
fn tiny_glb(path: &Path) {
    let json = r#"{"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[0,1,2]}],"nodes":[{"name":"AHU_3"},{},{"name":"Pump_1"}]}"#;
    std::fs::write(path, glb(json, &[])).expect("glb");
}

#[test]
fn a_parquet_export_against_a_model_with_unnamed_nodes() {
    let dir = tempfile::tempdir().expect("tmp");
    let model = dir.path().join("building.glb");
    tiny_glb(&model);
    let pq = dir.path().join("bms.parquet");
    let t = Series::new("ts".into(), [1_794_000_000_000i64, 1_794_000_060_000, 1_794_000_120_000]).cast(&DataType::Datetime(TimeUnit::Milliseconds, None)).expect("time");
    let mut df = DataFrame::new(
        3,
        vec![
            t.into(),
            Series::new("pump1_power_kW".into(), [11.0, 12.0, 11.5]).into(),
            Series::new("pump10_power_kW".into(), [3.0, 3.1, 3.2]).into(),
            Series::new("AHU3 supply air temp".into(), [14.0, 14.2, 14.1]).into(),
        ],
    )
    .expect("frame");
    ParquetWriter::new(std::fs::File::create(&pq).expect("create")).finish(&mut df).expect("parquet");
    let o = opts(dir.path(), Some(model), pq);
    let s = scaffold(&o).expect("scaffold");
    assert_eq!(s.timestamp_column, "ts");
    assert_eq!(s.unnamed_nodes, 1);
    let col = |h: &str| s.columns.iter().find(|c| c.header == h).expect(h);
    assert_eq!(col("pump1_power_kW").node.as_deref(), Some("Pump_1"));
    assert_eq!(col("pump10_power_kW").node, None, "Pump_1 is not pump10");
    // No unit in the header: the quantity guessed from the name, and said so.
    assert_eq!(
        (col("AHU3 supply air temp").quantity, col("AHU3 supply air temp").guess, col("AHU3 supply air temp").node.as_deref()),
        (Quantity::Temperature, Guess::Name, Some("AHU_3"))
    );
    write(&o, &s).expect("written");
    let (_, errors, store) = open_errors(&o.folder);
    assert!(errors.is_empty(), "{errors:#?}\n{}", s.site_toml);
    assert_eq!(store.get("pump1-power").map(|x| x.len()), Some(3));
    // A model that is neither .glb nor .gltf is refused with a clear message, before anything is written.
    let o2 = Options { model: Some(dir.path().join("model.obj")), folder: dir.path().join("other"), ..o };
    assert!(scaffold(&o2).expect_err("obj").to_string().contains(".glb or a .gltf"));
    assert!(!dir.path().join("other").exists());
}

#[test]
fn an_unnamed_node_is_bound_by_its_mesh_name() {
    let dir = tempfile::tempdir().expect("tmp");
    // One unnamed node holding the mesh "Kiln_Shell" (one triangle).
    let mut bin = Vec::new();
    for v in [0.0f32, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0] {
        bin.extend_from_slice(&v.to_le_bytes());
    }
    let json = r#"{"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[0]}],"nodes":[{"mesh":0}],"meshes":[{"name":"Kiln_Shell","primitives":[{"attributes":{"POSITION":0}}]}],"accessors":[{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3","min":[0,0,0],"max":[1,1,0]}],"bufferViews":[{"buffer":0,"byteLength":36}],"buffers":[{"byteLength":36}]}"#;
    let path = dir.path().join("cad.glb");
    std::fs::write(&path, glb(json, &bin)).expect("glb");
    let csv = dir.path().join("e.csv");
    std::fs::write(&csv, "timestamp,Kiln shell temp [°C]\n2026-11-10T00:00:00Z,250\n2026-11-10T00:01:00Z,251\n").expect("csv");
    let o = opts(dir.path(), Some(path), csv);
    let s = scaffold(&o).expect("scaffold");
    assert_eq!(s.columns[0].node.as_deref(), Some("mesh:Kiln_Shell"));
    assert!(s.site_toml.contains("mesh = \"Kiln_Shell\""), "{}", s.site_toml);
    write(&o, &s).expect("written");
    let opened = plant_site::open(&o.folder).expect("opens");
    let report = plant_site::check_model(&opened.site);
    assert_eq!(report.bound.get("kiln-shell").map(String::as_str), Some("GltfNode0"), "{:?}", report);
    assert!(report.unbound.is_empty() || report.unbound == ["unplaced"], "{:?}", report.unbound);
}

#[test]
fn several_exports_make_one_site() {
    let dir = tempfile::tempdir().expect("tmp");
    // November from one system (semicolons, day-first, "Date"), December from another (commas, ISO, "Time"), with
    // one column in both and one in each.
    let nov = dir.path().join("nov.csv");
    std::fs::write(&nov, "Date;Kiln-1 drive [kW];Cooler-1 exhaust temp [°C]\n30/11/2026 23:58;390;245\n30/11/2026 23:59;391;246\n").expect("nov");
    let dec = dir.path().join("dec.csv");
    std::fs::write(&dec, "Time,Kiln-1 drive [kW],Coal Mill 1 coal (t/h)\n2026-12-01 00:00:00,392,11.8\n2026-12-01 00:01:00,395,11.9\n").expect("dec");
    let o = Options { folder: dir.path().join("site"), model: Some(cement_model()), data: vec![nov, dec], time_zone: chrono_tz::Asia::Shanghai, name: None };
    let s = scaffold(&o).expect("scaffold");
    assert_eq!(s.columns.len(), 3, "{:?}", s.columns);
    assert_eq!(s.files.iter().map(|f| (f.timestamp_column.as_str(), f.separator)).collect::<Vec<_>>(), [("Date", Some(';')), ("Time", None)]);
    let kiln = s.columns.iter().find(|c| c.header.starts_with("Kiln-1")).expect("kiln");
    assert_eq!((kiln.min, kiln.max), (Some(390.0), Some(395.0)), "its range over both files");
    write(&o, &s).expect("written");
    let (_, errors, store) = open_errors(&o.folder);
    assert!(errors.is_empty(), "{errors:#?}\n{}", s.site_toml);
    assert_eq!(store.get(&kiln.meter).map(|x| x.len()), Some(4), "both months in one series");
}

#[test]
fn a_gltf_comes_with_the_files_it_names() {
    let dir = tempfile::tempdir().expect("tmp");
    // A .gltf whose triangle is in geometry/pump%201.bin (a space, percent-encoded), and one naming ../secret.bin.
    let mut bin = Vec::new();
    for v in [0.0f32, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0] {
        bin.extend_from_slice(&v.to_le_bytes());
    }
    std::fs::create_dir_all(dir.path().join("cad/geometry")).expect("dir");
    std::fs::write(dir.path().join("cad/geometry/pump 1.bin"), &bin).expect("bin");
    let gltf = |uri: &str| {
        format!(
            r#"{{"asset":{{"version":"2.0"}},"scene":0,"scenes":[{{"nodes":[0]}}],"nodes":[{{"name":"Pump_1","mesh":0}}],"meshes":[{{"primitives":[{{"attributes":{{"POSITION":0}}}}]}}],"accessors":[{{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3","min":[0,0,0],"max":[1,1,0]}}],"bufferViews":[{{"buffer":0,"byteLength":36}}],"buffers":[{{"byteLength":36,"uri":"{uri}"}}]}}"#
        )
    };
    std::fs::write(dir.path().join("cad/plant.gltf"), gltf("geometry/pump%201.bin")).expect("gltf");
    let csv = dir.path().join("e.csv");
    std::fs::write(&csv, "timestamp,pump1_power_kW\n2026-11-10T00:00:00Z,11\n2026-11-10T00:01:00Z,12\n").expect("csv");
    let o = opts(dir.path(), Some(dir.path().join("cad/plant.gltf")), csv.clone());
    let s = scaffold(&o).expect("scaffold");
    assert_eq!(s.model_files, ["geometry/pump 1.bin"]);
    assert!(s.site_toml.contains("model = \"model.gltf\""));
    write(&o, &s).expect("written");
    assert!(o.folder.join("geometry/pump 1.bin").is_file());
    let opened = plant_site::open(&o.folder).expect("opens");
    let report = plant_site::check_model(&opened.site);
    assert!(report.readable && report.bound.contains_key("pump-1"), "{report:?}");
    // A file out of the model's folder is refused, naming it.
    std::fs::write(dir.path().join("cad/bad.gltf"), gltf("../secret.bin")).expect("gltf");
    let o3 = Options { folder: dir.path().join("bad"), ..opts(dir.path(), Some(dir.path().join("cad/bad.gltf")), csv) };
    assert!(scaffold(&o3).expect_err("outside").to_string().contains("../secret.bin"));
}

/// A historian export alone, as a user without a model has it (the cement plant's CSV: `_tph`, `_pct` and
/// `_kW` suffixes, a main-substation column): the package opens with no error and no model, `tph` and `pct`
/// are mass flow and concentration, and the first flow graph runs the grid through the incomer to each power
/// meter with the rest unmetered, so the electricity bought is the incomer's — as the sample site's own
/// accounting has it.
#[test]
fn an_export_alone_opens_and_its_incomer_feeds_the_rest() {
    let dir = tempfile::tempdir().expect("tmp");
    let csv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant/data/cement-plant-2026-11.csv");
    let o = opts(dir.path(), None, csv);
    let s = scaffold(&o).expect("scaffold");
    let col = |h: &str| s.columns.iter().find(|c| c.header == h).unwrap_or_else(|| panic!("{h}: {:?}", s.columns));
    assert_eq!((col("clinker_tph").quantity, col("clinker_tph").unit.as_str()), (Quantity::MassFlow, "t/h"));
    assert_eq!(col("kiln_inlet_O2_pct").quantity, Quantity::Concentration);
    assert_eq!(col("coal_kiln_tph").fuel, Some("bituminous-coal"));
    write(&o, &s).expect("written");
    let (site, errors, store) = open_errors(&o.folder);
    assert!(errors.is_empty(), "{errors:#?}\n{}", s.site_toml);
    assert!(site.model_path().is_none());
    let main = s.columns.iter().find(|c| c.header.starts_with("main_incomer")).expect("the incomer column");
    assert!(site.flows.iter().any(|f| f.from == "grid" && f.meter() == Some(main.meter.as_str())), "{}", s.site_toml);
    assert!(site.flows.iter().any(|f| f.to == "unmetered-electricity"));
    let (book, _) = plant_accounting::prepare(&site);
    let (t0, t1) = store.time_range().map(|(a, b)| (a, b + 1)).expect("data");
    let r = plant_accounting::report(&site, &store, &book, t0, t1);
    // The sample site's own report over the same record: 7,264 MWh bought.
    let sample = plant_site::open(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant")).expect("sample").site;
    let sample_store = plant_ingest::load_site_data(&sample, &|_, _| {}).store;
    let (sample_book, _) = plant_accounting::prepare(&sample);
    let expected = plant_accounting::report(&sample, &sample_store, &sample_book, t0, t1).energy.electricity_mwh;
    assert!((r.energy.electricity_mwh - expected).abs() < 1e-6 * expected, "{} vs {expected}", r.energy.electricity_mwh);
    assert!(r.imbalances.is_empty(), "{:?}", r.imbalances);
    // The coal burnt is the kiln's and the calciner's, in tonnes (the sample sets its coal's own NCV; the new
    // site has IPCC's default); the coal mill's throughput is not burnt again.
    let coal = |r: &plant_accounting::Report| r.carriers.iter().filter(|c| c.kind == "fuel").map(|c| c.amount.value).sum::<f64>();
    let sample_report = plant_accounting::report(&sample, &sample_store, &sample_book, t0, t1);
    assert!((coal(&r) - coal(&sample_report)).abs() < 1e-6 * coal(&sample_report), "{} vs {}", coal(&r), coal(&sample_report));
    assert!(s.site_toml.contains("# coal_mill_tph: a mill's throughput, not burnt"));
}
