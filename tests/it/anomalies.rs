//! `plant-twin anomalies` on the sample sites, in each format and both languages, its errors; and the
//! viewer's anomalies, found off the UI thread and handed to the other views.

use std::process::Command;
use std::time::{Duration, Instant};

use plant_anomaly::Kind;
use plant_viewer_context::MeterAnomalies;

fn run(lang: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_plant-twin")).args(["--lang", lang, "anomalies"]).args(args).output().expect("runs");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

const CEMENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../sample-sites/cement-plant");

#[test]
fn the_cement_plants_anomalies_in_each_format_and_language() {
    // JSON: the kiln upset on the pyrometer and the kiln speed, the pyrometer outage, the faulty thermocouples.
    let (ok, json, err) = run("en", &[CEMENT, "--format", "json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let list = v["anomalies"].as_array().expect("anomalies");
    let has = |meter: &str, kind: &str, start: &str| list.iter().any(|a| a["meter"] == meter && a["kind"] == kind && a["start"].as_str().is_some_and(|s| s.starts_with(start)));
    assert!(has("kiln-1.burning-zone-temp", "deviation", "2026-11-10T14:2"), "{json}");
    assert!(has("kiln-1.speed", "deviation", "2026-11-10T14:2"));
    assert!(has("kiln-1.burning-zone-temp", "no-data", "2026-11-12T09:0"));
    assert!(has("cooler-1.exhaust-temp", "stuck", "2026-11-14T02:00"));
    assert!(has("calciner-1.outlet-temp", "drift", "2026-11-13"));
    assert!(list.iter().any(|a| a["kind"] == "data-outage" && a["meter"].is_null()));
    let speed = list.iter().find(|a| a["meter"] == "kiln-1.speed").expect("kiln speed");
    assert_eq!(speed["unit"], "rpm");
    assert!(speed["value"].as_f64().expect("value") < 3.0 && (speed["expected"].as_f64().expect("expected") - 4.0).abs() < 0.1, "{speed}");

    // Filtered by meter and kind; Markdown in both languages; CSV.
    let (ok, md, err) = run("en", &[CEMENT, "--meter", "kiln-1.speed", "--kind", "deviation"]);
    assert!(ok, "{err}");
    assert!(md.starts_with("# Anomalies: Cement plant"), "{md}");
    assert!(md.contains("| Kiln speed (kiln-1.speed) | Deviation | 2.585 rpm | 4.000 rpm |"), "{md}");
    assert_eq!(md.matches("| Deviation |").count(), 1, "{md}");
    let (ok, zh, _) = run("zh-CN", &[CEMENT, "--kind", "stuck"]);
    assert!(ok && zh.contains("# 异常：") && zh.contains("| 卡值 |") && zh.contains("6.0 小时"), "{zh}");
    let (ok, csv, err) = run("en", &[CEMENT, "--format", "csv", "--from", "2026-11-14", "--to", "2026-11-15"]);
    // A day is too short to say what is usual at a time of day: the user is told so.
    assert!(ok && err.contains("less than 4 days"), "{err}");
    assert!(csv.starts_with("start,end,meter,kind,value,expected,unit,sigmas,count\n"), "{csv}");
    assert!(csv.contains("2026-11-14T02:00:00+08:00,2026-11-14T07:59:00+08:00,cooler-1.exhaust-temp,stuck,"), "{csv}");
}

#[test]
fn bad_options_are_named() {
    let (ok, _, err) = run("en", &[CEMENT, "--kind", "wobble"]);
    assert!(!ok && err.contains("--kind wobble is not a kind of anomaly") && err.contains("peer-outlier"), "{err}");
    let (ok, _, err) = run("zh-CN", &[CEMENT, "--meter", "no-such-meter"]);
    assert!(!ok && err.contains("no-such-meter"), "{err}");
    let (ok, _, err) = run("en", &[CEMENT, "--from", "yesterday-ish"]);
    assert!(!ok && err.contains("--from \"yesterday-ish\" is not a time"), "{err}");
    // An empty window, and one that misses the record, are said to be so (not an empty list).
    let (ok, _, err) = run("en", &[CEMENT, "--from", "2026-11-12", "--to", "2026-11-10"]);
    assert!(!ok && err.contains("the window is empty"), "{err}");
    let (ok, _, err) = run("zh-CN", &[CEMENT, "--from", "2027-01-01", "--to", "2027-02-01"]);
    assert!(!ok && err.contains("记录从"), "{err}");
}

/// The viewer finds the anomalies on a thread of its own: frames go on while it runs, and the list reaches
/// the shared context when it is done.
#[test]
fn the_viewer_finds_anomalies_in_the_background() {
    let mut app = crate::headless::loaded_app();
    let started = Instant::now();
    let mut frames = 0;
    while app.world().resource::<MeterAnomalies>().list.is_empty() {
        let t = Instant::now();
        app.update();
        frames += 1;
        assert!(t.elapsed() < Duration::from_millis(500), "a frame waited on the detection: {:?}", t.elapsed());
        assert!(started.elapsed() < Duration::from_secs(60), "no anomalies within 60 s");
        std::thread::sleep(Duration::from_millis(5));
    }
    // The thread began in the frame the data came in (inside loaded_app): its result came in a later one.
    assert!(frames >= 1, "the detection ran off the frame");
    let found = app.world().resource::<MeterAnomalies>().clone();
    let upset = (crate::headless::local(10, 14, 0), crate::headless::local(10, 18, 0));
    assert!(found.of("kiln-1.burning-zone-temp", upset.0, upset.1).any(|a| a.kind == Kind::Deviation));
    assert!(found.of("kiln-1.speed", upset.0, upset.1).any(|a| a.kind == Kind::Deviation));
    assert_eq!(found.of("kiln-1.speed", crate::headless::local(3, 0, 0), crate::headless::local(4, 0, 0)).count(), 0);
}
