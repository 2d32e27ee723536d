//! The app's logic plugins without a window: load the cement plant, bind equipment nodes the way the glTF
//! scene spawns them, play the clock, and check values and colours follow the data.

use std::time::{Duration, Instant};

use bevy::gltf::GltfExtras;
use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;
use plant_viewer_context::{CurrentSite, EquipmentNode, EquipmentReading, EquipmentTint, LoadStatus, MeterData, NO_DATA_COLOUR, Problems, SiteClock};

pub(crate) fn loaded_app() -> App {
    loaded_app_with(|_| {})
}

/// [`loaded_app`], with `setup` run on the app after its plugins are added and before anything loads.
pub(crate) fn loaded_app_with(setup: impl FnOnce(&mut App)) -> App {
    loaded_app_at(&crate::cement_site(), setup)
}

/// [`loaded_app_with`] for the site package in `site`.
pub(crate) fn loaded_app_at(site: &std::path::Path, setup: impl FnOnce(&mut App)) -> App {
    let mut app = App::new();
    app.add_plugins(MinimalPlugins).insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_secs(1)));
    plant_twin::add_logic_plugins(&mut app, site);
    setup(&mut app);
    app.finish();
    app.cleanup();
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        app.update();
        if app.world().resource::<LoadStatus>().is_ready() {
            break;
        }
        assert!(!matches!(app.world().resource::<LoadStatus>(), LoadStatus::Failed), "{:?}", app.world().resource::<Problems>().list);
        assert!(Instant::now() < deadline, "data did not load within 120 s");
        std::thread::sleep(Duration::from_millis(10));
    }
    app
}

/// Local time on the cement plant (UTC+8) as UTC ms.
pub(crate) fn local(day: u32, h: u32, m: u32) -> i64 {
    plant_twin::parse_at(&format!("2026-11-{day:02} {h:02}:{m:02}"), chrono_tz::Asia::Shanghai).expect("time")
}

fn reading(app: &App, e: Entity) -> (Option<f64>, Color) {
    let w = app.world();
    (w.get::<EquipmentReading>(e).expect("reading").0, w.get::<EquipmentTint>(e).expect("tint").0)
}

/// Sum of the raw-mill's power meters straight from the store.
fn raw_mill_kw(app: &App, t: i64) -> f64 {
    let store = &app.world().resource::<MeterData>().0;
    ["raw-mill-1.power", "raw-mill-1.fan-power"].iter().map(|m| store.reading_at(m, t).value().expect("value")).sum()
}

#[test]
fn playing_the_clock_changes_the_bound_equipments_value_and_colour() {
    let mut app = loaded_app();
    assert!(app.world().get_resource::<CurrentSite>().is_some());
    let problems = &app.world().resource::<Problems>().list;
    assert!(problems.iter().all(|d| !d.is_error()), "{problems:?}");

    // Nodes as the glTF scene spawns them: one bound by extras, one by name, one mesh primitive that must not bind.
    let raw_mill = app.world_mut().spawn((Name::new("raw-mill-1"), GltfExtras { value: r#"{"equipment": "raw-mill-1"}"#.into() })).id();
    let calciner = app.world_mut().spawn(Name::new("calciner-1")).id();
    let ground = app.world_mut().spawn(Name::new("ground")).id();

    // Monday 17:00: the raw mill runs. Play at 3,600× so each 1 s update is one site hour.
    let t_start = local(2, 17, 0);
    {
        let mut clock = app.world_mut().resource_mut::<SiteClock>();
        clock.seek(t_start);
        clock.set_speed(3600.0);
        clock.play();
    }
    app.update();
    assert_eq!(app.world().get::<EquipmentNode>(raw_mill).map(|n| n.id.as_str()), Some("raw-mill-1"));
    assert_eq!(app.world().get::<EquipmentNode>(calciner).map(|n| n.id.as_str()), Some("calciner-1"), "bound by node name");
    assert!(app.world().get::<EquipmentNode>(ground).is_none());

    let t1 = app.world().resource::<SiteClock>().now_ms;
    assert!(t1 > t_start, "the clock advanced while playing");
    let (v1, c1) = reading(&app, raw_mill);
    let expected = raw_mill_kw(&app, t1);
    assert!(expected > 5000.0, "the raw mill draws several MW when running, got {expected}");
    assert!((v1.expect("value") - expected).abs() < 1e-6, "{v1:?} vs {expected}");
    assert_ne!(c1, NO_DATA_COLOUR);

    // Two more site hours: 19:xx, inside the evening peak when the raw mill is stopped.
    app.update();
    app.update();
    let t2 = app.world().resource::<SiteClock>().now_ms;
    assert!(t2 >= t1 + 2 * 3_600_000 - 1000, "3,600× for 2 s is 2 site hours: {} ms", t2 - t1);
    let (v2, c2) = reading(&app, raw_mill);
    assert_eq!(v2, Some(raw_mill_kw(&app, t2)));
    assert_eq!(v2, Some(0.0), "stopped in the peak-tariff hours");
    assert_ne!(c2, c1, "the colour follows the value");
    assert_ne!(c2, NO_DATA_COLOUR, "zero is data, not 'no data'");

    // The calciner has no power meter: it shows "no data", never zero.
    assert_eq!(reading(&app, calciner), (None, NO_DATA_COLOUR));
}

#[test]
fn a_gap_in_the_record_reads_no_data() {
    let mut app = loaded_app();
    let kiln = app.world_mut().spawn(Name::new("kiln-1")).id();
    // The data logger was down on Monday 9 November 03:12-03:57.
    app.world_mut().resource_mut::<SiteClock>().seek(local(9, 3, 40));
    app.update();
    assert_eq!(reading(&app, kiln), (None, NO_DATA_COLOUR));
    app.world_mut().resource_mut::<SiteClock>().seek(local(9, 4, 10));
    app.update();
    assert!(reading(&app, kiln).0.is_some_and(|v| v > 300.0), "kiln drive power after the gap");
}

#[test]
fn a_broken_site_is_reported_and_the_app_keeps_running() {
    let dir = std::env::temp_dir().join(format!("plant-twin-broken-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    std::fs::write(dir.join("site.toml"), "[site]\nname = \"x\"\nkind = 3\n").expect("write");
    let mut app = App::new();
    app.add_plugins(MinimalPlugins);
    plant_twin::add_logic_plugins(&mut app, &dir);
    app.update();
    app.update();
    assert!(matches!(app.world().resource::<LoadStatus>(), LoadStatus::Failed));
    let problems = &app.world().resource::<Problems>().list;
    assert_eq!(problems.len(), 1);
    assert!(problems[0].to_string().contains("site.toml:3:"), "{}", problems[0]);
    assert!(app.world().get_resource::<CurrentSite>().is_none());
}

#[test]
fn the_flows_panel_report_is_the_same_as_plant_twin_report() {
    let mut app = loaded_app();
    let (t0, t1) = (local(4, 0, 0), local(5, 0, 0));
    app.world_mut().resource_mut::<SiteClock>().seek(local(4, 15, 0));
    {
        let mut state = app.world_mut().resource_mut::<plant_flows_view::SankeyState>();
        state.open = true;
        state.span = plant_flows_view::Span::Day;
    }
    app.update();
    let ui = app.world().resource::<plant_flows_view::WindowReport>();
    assert_eq!(ui.key.map(|k| (k.0, k.1)), Some((t0, t1)), "the panel's window is the cursor's day");
    let ui = ui.report.clone().expect("report");

    // The command line over the same window, as JSON through a file.
    let out = std::env::temp_dir().join(format!("plant-twin-report-{}.json", std::process::id()));
    let args = plant_twin::cli::ReportArgs {
        site: crate::cement_site(),
        connect: false,
        from: Some("2026-11-04".into()),
        to: Some("2026-11-05 00:00".into()),
        format: "json".into(),
        output: Some(out.clone()),
        scenario: None,
        compare: None,
    };
    plant_twin::report::run(&args).expect("report runs");
    let mut cli: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).expect("written")).expect("json");
    let _ = std::fs::remove_file(&out);
    // The command's warnings add the site's own diagnostics (the viewer lists them in Problems): the recorded
    // gap of the cement plant's data, by file.
    let warnings = cli["warnings"].as_array().cloned().unwrap_or_default();
    let (diagnostics, accounting): (Vec<_>, Vec<_>) = warnings.into_iter().partition(|w| w.as_str().is_some_and(|t| t.contains("cement-plant-2026-11.parquet")));
    assert!(diagnostics.iter().any(|w| w.as_str().is_some_and(|t| t.contains("gap"))), "{diagnostics:?}");
    cli["warnings"] = serde_json::Value::Array(accounting);
    // The command adds the year of the window's end against the site's target (the panel shows it beside
    // the window's report, tested in forecast.rs).
    let trajectory = cli.as_object_mut().and_then(|o| o.remove("trajectory")).expect("the cement plant has a 2026 target");
    assert_eq!(trajectory["year"].as_i64(), Some(2026));
    // Equal field by field; numbers to 1e-12 (serde_json's float parsing is not bit-exact).
    same_json(&cli, &serde_json::to_value(&ui).expect("json"), "report");
    assert!(ui.scopes.total_location_t > 0.0 && ui.products.len() == 2);
}

#[test]
fn carbon_colours_follow_the_accounting_at_the_cursor() {
    let mut app = loaded_app();
    let kiln = app.world_mut().spawn(Name::new("kiln-1")).id();
    let crusher = app.world_mut().spawn(Name::new("crusher-1")).id();
    let silo = app.world_mut().spawn(Name::new("clinker-silo-1")).id();
    *app.world_mut().resource_mut::<plant_viewer_context::ColourBy>() = plant_viewer_context::ColourBy::Carbon;
    app.world_mut().resource_mut::<SiteClock>().seek(local(4, 15, 0));
    app.update();
    app.update();
    let rates = app.world().resource::<plant_viewer_context::CarbonRates>().clone();
    assert!(rates.max > 0.0);
    // The kiln burns coal and calcines raw meal: tens of tonnes of CO2 an hour, far above a crusher.
    let (k, kc) = reading(&app, kiln);
    let (c, cc) = reading(&app, crusher);
    let k = k.expect("kiln CO2");
    let c = c.expect("crusher CO2");
    // ≈ 212 t/h clinker × 0.528 t/t process CO2 + main-burner coal ≈ 140 t/h.
    assert!(k > 100_000.0 && k < 180_000.0, "kiln {k} kg/h");
    assert!(c < k / 100.0, "crusher {c} kg/h");
    assert_ne!(kc, cc);
    // Its value is the instant report's, converted to kg/h.
    let instant = app.world().resource::<plant_flows_view::InstantReport>().report.clone().expect("instant");
    let node = instant.node("kiln-1").expect("kiln line");
    assert!((node.co2_t * 1000.0 / instant.hours - k).abs() < 1e-6 * k);
    // An item that uses no accounted energy (the clinker silo has no metered feeder) is "no data", not zero.
    assert_eq!(reading(&app, silo), (None, NO_DATA_COLOUR));
}

fn same_json(a: &serde_json::Value, b: &serde_json::Value, path: &str) {
    use serde_json::Value as J;
    match (a, b) {
        (J::Number(x), J::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap_or(f64::NAN), y.as_f64().unwrap_or(f64::NAN));
            assert!((x - y).abs() <= 1e-12 * x.abs().max(y.abs()).max(1.0), "{path}: {x} vs {y}");
        }
        (J::Array(x), J::Array(y)) => {
            assert_eq!(x.len(), y.len(), "{path}: lengths");
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                same_json(p, q, &format!("{path}[{i}]"));
            }
        }
        (J::Object(x), J::Object(y)) => {
            assert_eq!(x.keys().collect::<Vec<_>>(), y.keys().collect::<Vec<_>>(), "{path}: fields");
            for (k, v) in x {
                same_json(v, &y[k], &format!("{path}.{k}"));
            }
        }
        _ => assert_eq!(a, b, "{path}"),
    }
}

#[test]
fn alarms_rise_with_the_kiln_upset_in_3d_and_the_list_and_scrubbing_back_clears_them() {
    use plant_alarms::engine::{ActionKind, AlarmState};
    use plant_alarms_view::{AlarmBook, AlarmList};
    use plant_viewer_context::{EquipmentAlarms, priority_colour};
    let mut app = loaded_app();
    let kiln = app.world_mut().spawn(Name::new("kiln-1")).id();
    let seek = |app: &mut App, t: i64| {
        app.world_mut().resource_mut::<SiteClock>().seek(t);
        app.update();
    };
    // Before the upset: nothing annunciated on the kiln, no process alarm anywhere (the low-priority instrument
    // alarms of the spiking secondary-air thermocouple, returned to normal and not acknowledged, still are).
    seek(&mut app, local(10, 14, 0));
    assert!(!app.world().resource::<EquipmentAlarms>().0.contains_key("kiln-1"));
    assert_eq!(app.world().resource::<AlarmList>().counts[..3], [0; 3]);
    // 14:25: the burning zone is cold, the kiln slowed; the kiln is in alarm, unacknowledged.
    seek(&mut app, local(10, 14, 25));
    let marks = app.world().resource::<EquipmentAlarms>().0.get("kiln-1").cloned().expect("the kiln's alarms");
    assert!(marks.iter().any(|m| m.alarm == "kiln-1.burning-zone-temp.low" && m.state == AlarmState::Unacknowledged), "{marks:?}");
    let list = app.world().resource::<AlarmList>().clone();
    assert!(list.unacknowledged >= 3 && list.counts[1] >= 1, "{list:?}");
    // The operator acknowledges everything at 14:25: the kiln shows the high priority's colour, steady.
    let t = local(10, 14, 25);
    {
        let mut book = app.world_mut().resource_mut::<AlarmBook>();
        let n = book.alarms.as_ref().map_or(0, |a| a.alarms.len());
        for i in 0..n {
            book.act(i, ActionKind::Acknowledge, "seen", t);
        }
    }
    app.update();
    let marks = app.world().resource::<EquipmentAlarms>().0.get("kiln-1").cloned().expect("still in alarm");
    assert!(marks.iter().all(|m| m.state == AlarmState::Acknowledged), "{marks:?}");
    assert_eq!(app.world().get::<EquipmentTint>(kiln).expect("tint").0, priority_colour(plant_alarms::Priority::High));
    // Scrubbing back before the upset: the kiln not in alarm, in its value's colour again.
    seek(&mut app, local(10, 14, 0));
    assert!(!app.world().resource::<EquipmentAlarms>().0.contains_key("kiln-1"));
    assert_ne!(app.world().get::<EquipmentTint>(kiln).expect("tint").0, priority_colour(plant_alarms::Priority::High));
    // And forward again: acknowledged, as it was.
    seek(&mut app, local(10, 14, 30));
    let marks = app.world().resource::<EquipmentAlarms>().0.get("kiln-1").cloned().expect("in alarm again");
    assert!(marks.iter().all(|m| m.state == AlarmState::Acknowledged), "{marks:?}");
}

#[test]
fn the_operators_acknowledgements_are_kept_for_the_next_session_but_a_trainees_are_not() {
    use plant_alarms::engine::{ActionKind, AlarmState};
    use plant_alarms_view::{AlarmBook, AlarmList, OperatorLogFolder};
    let dir = tempfile::tempdir().expect("tempdir");
    let folder = dir.path().join("operator-logs");
    let keep = |app: &mut App| {
        app.insert_resource(OperatorLogFolder(Some(folder.clone())));
    };
    let at = local(10, 14, 25);
    let state_of = |app: &mut App, alarm: &str| {
        app.world_mut().resource_mut::<SiteClock>().seek(at);
        app.update();
        let list = app.world().resource::<AlarmList>().clone();
        let book = app.world().resource::<AlarmBook>();
        let index = book.alarms.as_ref().and_then(|a| a.alarms.iter().position(|d| d.id == alarm)).expect("defined");
        list.rows.iter().find(|r| r.index == index).map(|r| r.state)
    };
    let bz = "kiln-1.burning-zone-temp.low";
    // Session 1: the operator acknowledges the burning-zone alarm at 14:25 with a note.
    let mut app = loaded_app_with(keep);
    assert_eq!(state_of(&mut app, bz), Some(AlarmState::Unacknowledged));
    {
        let mut book = app.world_mut().resource_mut::<AlarmBook>();
        let i = book.alarms.as_ref().and_then(|a| a.alarms.iter().position(|d| d.id == bz)).expect("defined");
        book.act(i, ActionKind::Acknowledge, "coating collapse, feed cut", at);
        assert_eq!(book.log_error, None);
    }
    assert_eq!(state_of(&mut app, bz), Some(AlarmState::Acknowledged));
    drop(app);
    // Session 2: the acknowledgement is there, with its note.
    let mut app = loaded_app_with(keep);
    assert_eq!(state_of(&mut app, bz), Some(AlarmState::Acknowledged));
    let book = app.world().resource::<AlarmBook>();
    assert!(book.actions.iter().flatten().any(|a| a.alarm == bz && a.note == "coating collapse, feed cut" && a.t_ms == at));
    // A trainee's acknowledgement during a training session is not kept, and goes when the session ends.
    let scenario = crate::cement_site().join("training/kiln-upset.toml");
    app.world_mut().resource_mut::<plant_training_view::Training>().pending = Some(scenario);
    app.update();
    app.update();
    assert!(app.world().resource::<plant_viewer_context::TrainingRunning>().0);
    {
        let mut book = app.world_mut().resource_mut::<AlarmBook>();
        let i = book.alarms.as_ref().and_then(|a| a.alarms.iter().position(|d| d.id == "kiln-1.speed.low")).expect("defined");
        book.act(i, ActionKind::Acknowledge, "trainee", at);
    }
    assert_eq!(state_of(&mut app, "kiln-1.speed.low"), Some(AlarmState::Acknowledged));
    app.world_mut().resource_mut::<plant_training_view::Training>().close();
    app.update();
    app.update();
    assert_eq!(state_of(&mut app, "kiln-1.speed.low"), Some(AlarmState::Unacknowledged));
    assert_eq!(state_of(&mut app, bz), Some(AlarmState::Acknowledged));
    let log = std::fs::read_dir(&folder).expect("folder").flatten().map(|e| std::fs::read_to_string(e.path()).expect("log")).collect::<String>();
    assert_eq!(log.lines().count(), 1, "{log}");
}
