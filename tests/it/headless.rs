//! The app's logic plugins without a window: load the cement plant, bind equipment nodes the way the glTF
//! scene spawns them, play the clock, and check values and colours follow the data.

use std::time::{Duration, Instant};

use bevy::gltf::GltfExtras;
use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;
use plant_loading::{CurrentSite, LoadStatus, MeterData, Problems};
use plant_scene::{EquipmentNode, EquipmentReading, EquipmentTint, NO_DATA_COLOUR};
use plant_timeline::SiteClock;

fn loaded_app() -> App {
    let mut app = App::new();
    app.add_plugins(MinimalPlugins).insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_secs(1)));
    plant_twin::add_logic_plugins(&mut app, &crate::cement_site());
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
fn local(day: u32, h: u32, m: u32) -> i64 {
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
