//! `plant-twin alarms`: the alarm journal of a sample site, in each format and both languages, and its errors.

use std::process::Command;

fn run(lang: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_plant-twin")).args(["--lang", lang]).args(args).output().expect("runs");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn the_journal_of_the_kiln_upset_day() {
    let site = concat!(env!("CARGO_MANIFEST_DIR"), "/../sample-sites/cement-plant");
    // Markdown in English: the four kiln alarms of the upset, in the site's time zone.
    let (ok, md, err) = run("en", &["alarms", site, "--from", "2026-11-10", "--to", "2026-11-11"]);
    assert!(ok, "{err}");
    assert!(md.contains("| 2026-11-10 14:21:00 CST |") && md.contains("kiln-1.burning-zone-temp.low"), "{md}");
    assert!(md.contains("Alarms per 10 minutes"));
    // In Chinese: the site's messages and the figures' names.
    let (ok, zh, err) = run("zh-CN", &["alarms", site, "--from", "2026-11-10", "--to", "2026-11-11"]);
    assert!(ok, "{err}");
    assert!(zh.contains("回转窑烧成带温度低") && zh.contains("每 10 分钟报警数") && zh.contains("2026年11月10日 14:21:00"), "{zh}");
    // JSON: six events that day (the four kiln alarms, and the coal against the kiln model twice: the upset and
    // its recovery), none the day before.
    let (ok, json, err) = run("en", &["alarms", site, "--from", "2026-11-10", "--to", "2026-11-11", "--format", "json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["events"].as_array().map(Vec::len), Some(6));
    let model = v["events"].as_array().into_iter().flatten().filter(|e| e["alarm"] == "kiln-1.coal.model").count();
    assert_eq!(model, 2, "{json}");
    let (ok, json, _) = run("en", &["alarms", site, "--from", "2026-11-09", "--to", "2026-11-10", "--format", "json"]);
    assert!(ok);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["figures"]["annunciated"].as_u64(), Some(0));
    // CSV for Excel: a byte-order mark, a header and one row per event.
    let (ok, csv, _) = run("en", &["alarms", site, "--from", "2026-11-10", "--to", "2026-11-11", "--format", "csv"]);
    assert!(ok && csv.starts_with('\u{feff}') && csv.lines().count() == 7, "{csv}");
}

#[test]
fn a_site_without_alarms_and_a_bad_window_are_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let site = concat!(env!("CARGO_MANIFEST_DIR"), "/../sample-sites/cement-plant");
    let (ok, _, err) = run("en", &["alarms", site, "--from", "2026-11-11", "--to", "2026-11-10"]);
    assert!(!ok && err.contains("the window is empty"), "{err}");
    // A copy of the site with a broken alarm file: the error names the file and line.
    for entry in std::fs::read_dir(site).expect("site").flatten() {
        if entry.path().is_file() {
            assert!(std::fs::copy(entry.path(), dir.path().join(entry.file_name())).is_ok());
        }
    }
    assert!(std::fs::write(dir.path().join("alarms.toml"), "version = 1\n[[alarm]]\nid = \"x\"\nmeter = 5\n").is_ok());
    let (ok, _, err) = run("en", &["alarms", &dir.path().to_string_lossy()]);
    assert!(!ok && err.contains("alarms.toml:4:"), "{err}");
    assert!(std::fs::remove_file(dir.path().join("alarms.toml")).is_ok());
    let (ok, _, err) = run("en", &["alarms", &dir.path().to_string_lossy()]);
    assert!(!ok && err.contains("no alarm file"), "{err}");
}

#[test]
fn the_journal_shows_the_acknowledgements_the_viewer_kept() {
    use plant_alarms::engine::{Action, ActionKind};
    let site = concat!(env!("CARGO_MANIFEST_DIR"), "/../sample-sites/cement-plant");
    let dir = tempfile::tempdir().expect("tempdir");
    // The log the viewer keeps for this package, in the settings folder.
    let log = plant_alarms::oplog::path_for(&dir.path().join(plant_alarms::oplog::FOLDER), std::path::Path::new(site));
    let at = plant_twin::parse_at("2026-11-10 14:25", chrono_tz::Asia::Shanghai).expect("time");
    let ack = Action { t_ms: at, alarm: "kiln-1.burning-zone-temp.low".into(), kind: ActionKind::Acknowledge, note: "seen".into() };
    assert!(plant_alarms::oplog::append(&log, &ack).is_ok());
    let journal = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_plant-twin"))
            .args(["--lang", "en", "alarms", site, "--from", "2026-11-10", "--to", "2026-11-11", "--format", "json"])
            .args(extra)
            .env("PLANT_TWIN_CONFIG_DIR", dir.path())
            .output()
            .expect("runs");
        (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (ok, json, err) = journal(&[]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let bz = v["events"].as_array().into_iter().flatten().find(|e| e["alarm"] == "kiln-1.burning-zone-temp.low").cloned().expect("event");
    assert_eq!(bz["acknowledged_ms"].as_i64(), Some(at), "{bz}");
    // Another log named on the command line; one that does not exist is an error naming it.
    let (ok, json, _) = journal(&["--operator-log", "/dev/null"]);
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert!(ok && v["events"].as_array().into_iter().flatten().all(|e| e["acknowledged_ms"].is_null()), "{json}");
    let (ok, _, err) = journal(&["--operator-log", "/nonexistent/log.jsonl"]);
    assert!(!ok && err.contains("/nonexistent/log.jsonl"), "{err}");
}
