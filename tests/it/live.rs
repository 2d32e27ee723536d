//! Live data through the app's plugins, headless: the simulator serves the cement plant, the app polls
//! it through a sources file, appends to the same store, follows now in live mode, and equipment values
//! come from the live samples; scrubbing back leaves live mode and the history stays.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;
use plant_live::SourceState;
use plant_simulator::{ServeOptions, SimulatorHandle};
use plant_viewer_context::{EquipmentReading, LoadStatus, MeterData, Problems, SiteClock};

#[test]
fn the_app_follows_live_sources_through_the_same_store() {
    let root = crate::cement_site();
    let site = Arc::new(plant_site::open(&root).expect("site").site);
    let store = Arc::new(plant_ingest::load_site_data(&site, &|_, _| {}).store);
    let (record_start, _) = store.time_range().expect("range");
    let sim = SimulatorHandle::start(site.clone(), store.clone(), ServeOptions { addr: "127.0.0.1:0".parse().expect("addr"), ..ServeOptions::default() }).expect("simulator");
    let dir = std::env::temp_dir().join(format!("plant-twin-live-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let sources = dir.join("sources.toml");
    std::fs::write(
        &sources,
        format!(
            "[[source]]\nid = \"sim\"\nkind = \"http-json\"\nurl = \"http://{}/api/values\"\ninterval = \"200ms\"\ntimestamp_pointer = \"/timestamp\"\npointer_template = \"/meters/{{meter}}\"\n\n[recorder]\nfolder = \"rec\"\nflush = \"300ms\"\n",
            sim.addr
        ),
    )
    .expect("write");

    let mut app = App::new();
    app.add_plugins(MinimalPlugins).insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(100)));
    plant_twin::add_logic_plugins(&mut app, &root);
    app.insert_resource(plant_live_view::SourcesPath(Some(sources.clone()))).insert_resource(plant_live_view::StartLive(true));
    app.finish();
    app.cleanup();
    let kiln = app.world_mut().spawn(Name::new("kiln-1")).id();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        app.update();
        let live = app.world().resource::<plant_live_view::Live>();
        if app.world().resource::<LoadStatus>().is_ready() && live.appended >= 3 * 37 && !live.recorded_files.is_empty() {
            break;
        }
        assert!(Instant::now() < deadline, "no live data: {:?} {:?}", live.statuses, app.world().resource::<Problems>().list);
        std::thread::sleep(Duration::from_millis(20));
    }
    let live = app.world().resource::<plant_live_view::Live>();
    assert_eq!(live.statuses.get("sim").map(|s| s.state.clone()), Some(SourceState::Connected));
    assert_eq!(live.refused, 0);
    let clock = app.world().resource::<SiteClock>().clone();
    let now = chrono::Utc::now().timestamp_millis();
    assert!(clock.live && clock.live_available);
    assert!((clock.now_ms - now).abs() < 2_000, "the cursor follows now");

    // The kiln drive's series got live samples after the recording, with the values the simulator served
    // (the record's first minutes, at speed 1).
    let data = app.world().resource::<MeterData>().0.clone();
    let drive = data.get("kiln-1.drive-power").expect("series");
    let (t_last, v_last) = (*drive.times_ms().last().expect("t"), *drive.values().last().expect("v"));
    assert!((t_last - now).abs() < 5_000, "last sample is live ({t_last} vs {now})");
    let recorded: Vec<f64> = (0..3).filter_map(|k| store.reading_at("kiln-1.drive-power", record_start + k * 60_000).value()).collect();
    assert!(recorded.contains(&v_last), "{v_last} not among {recorded:?}");
    assert!(drive.len() > store.get("kiln-1.drive-power").expect("recorded").len(), "the live samples were appended");

    // The 3D value of the kiln at the live cursor is the live drive power.
    app.update();
    let reading = app.world().get::<EquipmentReading>(kiln).expect("reading").0;
    let at_cursor = app.world().resource::<MeterData>().0.reading_at("kiln-1.drive-power", app.world().resource::<SiteClock>().now_ms).value();
    assert_eq!(reading, at_cursor);
    assert!(reading.is_some());

    // Scrubbing back to the recording leaves live mode; the live history stays in the store.
    let t = record_start + 86_400_000;
    app.world_mut().resource_mut::<SiteClock>().seek(t);
    app.update();
    let clock = app.world().resource::<SiteClock>();
    assert!(!clock.live && clock.now_ms == t);
    assert!(app.world().resource::<MeterData>().0.get("kiln-1.drive-power").expect("s").len() >= drive.len(), "the live history stays");
    assert_eq!(app.world().get::<EquipmentReading>(kiln).expect("reading").0, store.reading_at("kiln-1.drive-power", t).value());

    // The recorder wrote readable Parquet with the site's column names.
    let rec_dir = dir.join("rec");
    drop(app);
    let files: Vec<_> = std::fs::read_dir(&rec_dir).expect("rec").filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "parquet")).collect();
    assert!(!files.is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn browse_says_what_is_missing_and_names_an_unreachable_server() {
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_plant-twin")).args(["--lang", "en", "browse"]).args(args).output().expect("runs");
        (out.status.success(), String::from_utf8_lossy(&out.stderr).into_owned())
    };
    let (ok, err) = run(&["opc.tcp://127.0.0.1:1/", "--write-sources", "/tmp/never-written.toml"]);
    assert!(!ok && err.contains("--write-sources needs --site"), "{err}");
    let (ok, err) = run(&["opc.tcp://127.0.0.1:1/", "--user", "op", "--password-env", "HOME"]);
    assert!(!ok && err.contains("HOME") && err.contains("PLANT_TWIN_"), "{err}");
    // Nothing listens on port 1: the error says OPC UA and the reason, and nothing is written.
    let (ok, err) = run(&["opc.tcp://127.0.0.1:1/"]);
    assert!(!ok && err.contains("OPC UA"), "{err}");
    assert!(!std::path::Path::new("/tmp/never-written.toml").exists());
}
