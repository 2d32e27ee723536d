//! `plant-twin report --scenario`: the office's sample scenario in each format, A against B, the workbook,
//! and the errors a user meets; the figures are the ones `plant-scenario` computes for the scenarios window.

use std::process::Command;

fn run(lang: &str, args: &[&str]) -> (bool, Vec<u8>, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_plant-twin")).args(["--lang", lang]).args(args).output().expect("runs");
    (out.status.success(), out.stdout, String::from_utf8_lossy(&out.stderr).into_owned())
}

const OFFICE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../sample-sites/office-building");

#[test]
fn the_command_gives_the_figures_the_window_computes() {
    let (ok, json, err) = run("en", &["report", OFFICE, "--scenario", "comfort-and-green-power"]);
    assert!(ok, "{err}");
    let cli: serde_json::Value = serde_json::from_slice(&json).expect("json");
    // The scenarios window's computation, in this process.
    let site = plant_site::open(std::path::Path::new(OFFICE)).expect("site").site;
    let store = plant_ingest::load_site_data(&site, &|_, _| {}).store;
    let path = plant_scenario::find(&site, std::path::Path::new("comfort-and-green-power")).expect("sample");
    let (a, _) = plant_scenario::load(&path, &site).expect("reads");
    let (t0, t1) = store.time_range().map(|(s, e)| (s, e + 1)).expect("data");
    let study = plant_scenario::render::study(&site, &store, &a, None, t0, t1);
    let here: serde_json::Value = serde_json::from_str(&plant_scenario::render::json(&study)).expect("json");
    assert_eq!(cli["a"]["measures"], here["a"]["measures"]);
    assert_eq!(cli["comparison"]["rows"], here["comparison"]["rows"]);
    assert_eq!(cli["a"]["macc"], here["a"]["macc"]);
    assert!(cli["factor_sets"].as_array().is_some_and(|s| !s.is_empty()));
    // Every measure of the sample avoids CO2 and the increments add up to the scenario.
    let measures = cli["a"]["measures"].as_array().expect("measures");
    assert_eq!(measures.len(), 3);
    let sum: f64 = measures.iter().filter_map(|m| m["co2_t"].as_f64()).sum();
    let total = cli["a"]["result"]["co2_t"].as_f64().unwrap_or(0.0) - cli["a"]["baseline"]["co2_t"].as_f64().unwrap_or(0.0);
    assert!((sum - total).abs() < 1e-6 * total.abs().max(1.0), "{sum} vs {total}");
}

#[test]
fn two_packages_compared_in_markdown_csv_and_a_workbook() {
    let (ok, md, err) = run("zh-CN", &["report", OFFICE, "--scenario", "comfort-and-green-power", "--compare", "wider-comfort-band", "--format", "md"]);
    assert!(ok, "{err}");
    let md = String::from_utf8_lossy(&md);
    assert!(md.contains("舒适度设定与绿电 与 放宽舒适区间 对比") && md.contains("边际减排成本曲线"), "{md}");
    let (ok, csv, err) = run("en", &["report", OFFICE, "--scenario", "comfort-and-green-power", "--compare", "wider-comfort-band", "--format", "csv"]);
    assert!(ok, "{err}");
    assert!(csv.starts_with("\u{feff}".as_bytes()));
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("study.xlsx");
    let out_s = out.to_string_lossy().into_owned();
    let (ok, _, err) = run("en", &["report", OFFICE, "--scenario", "comfort-and-green-power", "--compare", "wider-comfort-band", "--format", "xlsx", "-o", &out_s]);
    assert!(ok, "{err}");
    let bytes = std::fs::read(&out).expect("written");
    assert!(bytes.starts_with(b"PK"), "a zip package");
    // Without a scenario the workbook is the baseline alone.
    let (ok, _, err) = run("en", &["report", OFFICE, "--format", "xlsx", "-o", &out_s]);
    assert!(ok, "{err}");
}

#[test]
fn errors_a_user_meets() {
    // A workbook needs a file.
    let (ok, _, err) = run("en", &["report", OFFICE, "--scenario", "wider-comfort-band", "--format", "xlsx"]);
    assert!(!ok && err.contains("--output"), "{err}");
    // A scenario that is not there lists those that are.
    let (ok, _, err) = run("en", &["report", OFFICE, "--scenario", "no-such-package"]);
    assert!(!ok && err.contains("comfort-and-green-power") && err.contains("wider-comfort-band"), "{err}");
    // A scenario of another site is refused at its line.
    let cement = concat!(env!("CARGO_MANIFEST_DIR"), "/../sample-sites/cement-plant/scenarios/alternative-fuel-and-kiln.toml");
    let (ok, _, err) = run("en", &["report", OFFICE, "--scenario", cement]);
    assert!(!ok && err.contains("alternative-fuel-and-kiln.toml:") && err.contains("Cement plant"), "{err}");
    // The CSV of a plain report starts with a byte-order mark too.
    let (ok, csv, err) = run("en", &["report", OFFICE, "--format", "csv", "--from", "2026-08-03", "--to", "2026-08-04"]);
    assert!(ok && csv.starts_with("\u{feff}".as_bytes()), "{err}");
}
