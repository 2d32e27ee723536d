//! `plant-twin forecast` on the sample sites, in each format and both languages, its errors; and the
//! inspector's forecasts, made off the UI thread.

use std::process::Command;
use std::time::{Duration, Instant};

use plant_viewer_context::MeterData;

fn run(lang: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_plant-twin")).args(["--lang", lang, "forecast"]).args(args).output().expect("runs");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn the_office_buildings_load_the_next_day() {
    let site = concat!(env!("CARGO_MANIFEST_DIR"), "/../sample-sites/office-building");
    let args = ["--meter", "substation-1.incomer-power", "--at", "2026-08-12 00:00", "--horizon", "1d"];
    // JSON: 24 hourly steps from the instant, each with what happened; the forecast is the day's shape.
    let (ok, json, err) = run("en", &[&[site], &args[..], &["--format", "json"]].concat());
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let steps = v["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 24);
    assert_eq!(v["method"], "mstl-ets");
    assert_eq!(v["unit"], "kW");
    assert_eq!(steps[0]["time"], "2026-08-12T00:00:00+08:00");
    let num = |s: &serde_json::Value, k: &str| s[k].as_f64().expect(k);
    let (night, noon) = (num(&steps[3], "forecast"), num(&steps[14], "forecast"));
    assert!(noon > 1.3 * night, "an office's load is higher at 14:00 than at 03:00: {night} / {noon}");
    for s in steps {
        assert!(num(s, "lower") <= num(s, "forecast") && num(s, "forecast") <= num(s, "upper"), "{s}");
    }
    // What happened is beside each step, and both errors are given. How good the forecasts are is the
    // backtests' to say (BENCHMARKS.md); here, from two days of history, a sanity bound.
    let (mae, naive) = (v["mae"].as_f64().expect("mae"), v["mae_seasonal_naive"].as_f64().expect("naive"));
    let mean_load = steps.iter().map(|s| num(s, "actual")).sum::<f64>() / 24.0;
    assert!(mae < 0.2 * mean_load, "mean absolute error {mae} kW against a mean load of {mean_load} kW");
    assert!(naive > 0.0 && mean_load > 500.0);

    // Markdown in English and in Chinese, and CSV.
    let (ok, md, err) = run("en", &[&[site], &args[..]].concat());
    assert!(ok, "{err}");
    assert!(md.contains("# Forecast: ") && md.contains("| Time | Forecast (kW) | Lower | Upper | Actual |") && md.contains("Against what happened"), "{md}");
    assert_eq!(md.lines().filter(|l| l.starts_with("| 2026-08-")).count(), 24, "{md}");
    let (ok, zh, err) = run("zh-CN", &[&[site], &args[..]].concat());
    assert!(ok, "{err}");
    assert!(zh.contains("# 预测：") && zh.contains("| 时间 | 预测值 (kW) | 下限 | 上限 | 实际值 |") && zh.contains("季节性朴素预测"), "{zh}");
    let (ok, csv, err) = run("en", &[&[site], &args[..], &["--format", "csv"]].concat());
    assert!(ok, "{err}");
    assert_eq!(csv.lines().next(), Some("time,forecast,lower,upper,actual"));
    assert_eq!(csv.lines().count(), 25);

    // From the end of the record: nothing actual to compare with.
    let (ok, json, err) = run("en", &[site, "--meter", "chiller-1.power", "--format", "json", "--horizon", "12h"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["steps"].as_array().map(Vec::len), Some(12));
    assert!(v["mae"].is_null() && v["steps"][0]["actual"].is_null(), "{json}");
}

/// The site's totals, hour by hour from the accounting: the cement plant's CO2 and energy a day ahead.
#[test]
fn the_cement_plants_total_co2_and_energy_the_next_day() {
    let site = concat!(env!("CARGO_MANIFEST_DIR"), "/../sample-sites/cement-plant");
    let (ok, json, err) = run("en", &[site, "--total", "co2", "--at", "2026-11-12 00:00", "--format", "json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!((v["meter"].as_str(), v["unit"].as_str()), (Some("total-co2"), Some("t/h")));
    let steps = v["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 24);
    // A 5,000 t/d clinker line emits about 0.8-0.9 t CO2 a tonne of clinker with its power: 150-250 t an hour.
    let actual: Vec<f64> = steps.iter().map(|s| s["actual"].as_f64().expect("actual")).collect();
    assert!(actual.iter().all(|a| (120.0..300.0).contains(a)), "{actual:?}");
    let mean = actual.iter().sum::<f64>() / 24.0;
    let mae = v["mae"].as_f64().expect("mae");
    assert!(mae < 0.1 * mean, "mean absolute error {mae} t/h against {mean} t/h");
    // The same total is the sum of the hours' accounting: the day's forecast of energy in GJ/h, in Chinese.
    let (ok, md, err) = run("zh-CN", &[site, "--total", "energy", "--at", "2026-11-12 00:00", "--horizon", "6h"]);
    assert!(ok, "{err}");
    assert!(md.contains("全厂能耗") && md.contains("GJ/h") && md.contains("每小时核算") && !md.contains("计量表每步"), "{md}");
    // The hour the logger was out (9 November, 03:12-03:57) is no whole hour of the site: left out of the
    // totals (no "actual"), not counted as an hour of low emissions.
    let (ok, json, err) = run("en", &[site, "--total", "co2", "--at", "2026-11-09 00:00", "--horizon", "6h", "--format", "json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let steps = v["steps"].as_array().expect("steps");
    assert!(steps[3]["actual"].is_null(), "{}", steps[3]);
    assert!(steps.iter().filter_map(|s| s["actual"].as_f64()).all(|a| a > 150.0), "{json}");
    // One of --meter and --total, not both, not neither.
    assert!(!run("en", &[site, "--total", "co2", "--meter", "kiln-1.coal"]).0);
    assert!(!run("en", &[site]).0);
    assert!(!run("en", &[site, "--total", "water"]).0);
}

#[test]
fn forecast_errors_name_what_is_wrong() {
    let site = concat!(env!("CARGO_MANIFEST_DIR"), "/../sample-sites/cement-plant");
    let (ok, _, err) = run("en", &[site, "--meter", "kiln-9.coal"]);
    assert!(!ok && err.contains("kiln-9.coal is not a meter of") && err.contains("site.toml"), "{err}");
    let (ok, _, err) = run("en", &[site, "--meter", "kiln-1.coal", "--horizon", "3 parsecs"]);
    assert!(!ok && err.contains("--horizon \"3 parsecs\" is not a duration"), "{err}");
    let (ok, _, err) = run("zh-CN", &[site, "--meter", "kiln-1.coal", "--level", "120"]);
    assert!(!ok && err.contains("置信水平"), "{err}");
    let (ok, _, err) = run("en", &[site, "--meter", "kiln-1.coal", "--at", "2026-01-01 00:00"]);
    assert!(!ok && err.contains("has no data before"), "{err}");
}

#[test]
fn the_inspectors_forecast_is_made_off_the_ui_thread() {
    let app = crate::headless::loaded_app();
    let store = &app.world().resource::<MeterData>().0;
    let coal = store.get_shared("kiln-1.coal").expect("kiln coal").clone();
    let key = store.key("kiln-1.coal").expect("kiln coal's key");
    let at = crate::headless::local(10, 6, 30);
    let mut forecasts = plant_inspector::Forecasts::default();
    // The first ask starts it and answers "not yet"; it is then asked again each frame until made.
    assert!(forecasts.get(key, &coal, at, 24).is_none());
    let deadline = Instant::now() + Duration::from_secs(60);
    let band = loop {
        if let Some(made) = forecasts.get(key, &coal, at, 24) {
            break made.clone().expect("a forecast");
        }
        assert!(Instant::now() < deadline, "no forecast within 60 s");
        std::thread::sleep(Duration::from_millis(20));
    };
    // From the hour of the cursor, 24 hours of kiln coal near what the kiln burns (about 12 t/h).
    assert_eq!(band.start_ms, crate::headless::local(10, 6, 0));
    assert_eq!(band.point.len(), 24);
    assert!(band.point.iter().all(|p| (8.0..16.0).contains(p)), "{:?}", band.point);
}

/// The flows panel's next day: the site's energy and CO2 of the 24 hours after the cursor, forecast from the
/// hourly accounting before it, against what the accounting of that day says.
#[test]
fn the_flows_panels_next_day_is_near_what_the_day_held() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../sample-sites/cement-plant");
    let opened = plant_site::open(&root).expect("the sample site");
    let store = plant_ingest::load_site_data(&opened.site, &|_, _| {}).store;
    let at = crate::headless::local(12, 0, 0);
    let d = plant_flows_view::forecast::next_day(&opened.site, &store, at).expect("a forecast");
    let (book, _) = plant_accounting::prepare(&opened.site);
    let day = plant_accounting::report(&opened.site, &store, &book, at, at + 86_400_000);
    for (name, s, actual) in [("energy", d.energy_gj, day.energy.total_gj), ("co2", d.co2_t, day.scopes.total_location_t)] {
        assert!(s.lower <= s.point && s.point <= s.upper, "{name}: {s:?}");
        assert!((s.point - actual).abs() < 0.1 * actual, "{name}: forecast {} against {actual}", s.point);
        assert!(s.lower <= actual && actual <= s.upper, "{name}: {actual} outside {s:?}");
    }
}

/// The flows panel's CO2 trajectory: made off the UI thread when the panel opens, the same figures as
/// `plant_accounting::trajectory` at the cursor (what `plant-twin report` and the workbook show).
#[test]
fn the_flows_panel_shows_the_years_co2_against_the_target() {
    let mut app = crate::headless::loaded_app();
    let at = crate::headless::local(12, 10, 0);
    app.world_mut().resource_mut::<plant_viewer_context::SiteClock>().seek(at);
    app.world_mut().resource_mut::<plant_flows_view::SankeyState>().open = true;
    let start = Instant::now();
    let made = loop {
        app.update();
        if let Some(t) = app.world().resource::<plant_flows_view::forecast::TotalsForecast>().trajectory.clone() {
            break t.expect("a trajectory");
        }
        assert!(start.elapsed() < Duration::from_secs(120), "no trajectory in two minutes");
        std::thread::sleep(Duration::from_millis(20));
    };
    let site = &app.world().resource::<plant_viewer_context::CurrentSite>().0;
    let store = app.world().resource::<MeterData>().0.clone();
    let (book, _) = plant_accounting::prepare(site);
    let direct = plant_accounting::trajectory(site, &store, &book, made.at_ms).expect("a target for 2026").expect("a trajectory");
    assert_eq!((made.year, made.target_t), (2026, 1_600_000.0));
    assert!((made.at_ms - at).abs() < 3_600_000, "made at the cursor");
    for (name, a, b) in [("to date", made.to_date_t, direct.to_date_t), ("recorded", made.recorded_t, direct.recorded_t), ("year end", made.year_end_t, direct.year_end_t)] {
        assert!((a - b).abs() <= 1e-9 * b, "{name}: panel {a}, accounting {b}");
    }
    // Ten days and ten hours of the record before the cursor (less the logger outage), the year's other
    // hours estimated: to date is the year's share of the run at its own rate, within a few per cent.
    assert!(made.recorded_hours > 240.0 && made.recorded_hours <= 250.0, "{}", made.recorded_hours);
    let rate = made.recorded_t / made.recorded_hours;
    assert!((made.to_date_t - rate * made.elapsed_hours).abs() < 1e-6 * made.to_date_t);
    assert!(made.year_end_lower_t < made.year_end_t && made.year_end_t < made.year_end_upper_t);
    assert_eq!(made.days.len(), 365);
}

/// A product's key figure and a flow's energy, hour by hour from the accounting, forecast like a meter.
#[test]
fn a_key_figure_and_a_flow_are_forecast_from_the_hourly_accounting() {
    let site = concat!(env!("CARGO_MANIFEST_DIR"), "/../sample-sites/cement-plant");
    let (ok, json, err) = run("en", &[site, "--kpi", "clinker:fuel", "--at", "2026-11-12 00:00", "--horizon", "1d", "--format", "json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["unit"], "GJ/t");
    let steps = v["steps"].as_array().expect("steps");
    assert_eq!(steps.len(), 24);
    // A 5,000 t/d line's fuel per tonne of clinker is steady: the day's forecast within 5 % of what happened.
    let mean = |k: &str| steps.iter().map(|s| s[k].as_f64().expect(k)).sum::<f64>() / 24.0;
    let (forecast, actual) = (mean("forecast"), mean("actual"));
    assert!((2.8..3.8).contains(&actual), "{actual} GJ/t");
    assert!((forecast - actual).abs() < 0.05 * actual, "{forecast} against {actual}");
    let (ok, json, err) = run("en", &[site, "--kpi", "clinker:fuel:kgce/t", "--at", "2026-11-12 00:00", "--format", "json"]);
    assert!(ok, "{err}");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&json).expect("json")["unit"], "kgce/t");
    let (ok, json, err) = run("en", &[site, "--flow", "substation-1:kiln-1", "--at", "2026-11-12 00:00", "--format", "json"]);
    assert!(ok, "{err}");
    assert_eq!(serde_json::from_str::<serde_json::Value>(&json).expect("json")["unit"], "GJ/h");
    // Unknown ones list what there is, in both languages.
    let (ok, _, err) = run("en", &[site, "--kpi", "clinker:nothing"]);
    assert!(!ok && err.contains("clinker:fuel"), "{err}");
    let (ok, _, err) = run("zh-CN", &[site, "--flow", "grid:kiln-1"]);
    assert!(!ok && err.contains("没有能流") && err.contains("grid:substation-1"), "{err}");
}
