//! The viewer scrubbing a record that lives only in VictoriaMetrics, end to end (issue #17): 1,000 meters ×
//! 30 days × 1 minute (43.2 million samples) imported into a VictoriaMetrics of its own, a site package with
//! `paged = true` and no data files, the viewer's logic plugins (every view's systems, headless: what runs
//! each frame besides drawing). The cursor jumps to 20 instants over the month, then drags 60 steps of ten
//! minutes; the latency is from the cursor moved to the first frame whose data holds every meter's value at
//! the cursor (what the 3D colours and the tree show) — the pager's fetch, the snapshot swapped in, and the
//! frames the views run meanwhile. Beside it, the same views on the same record in memory.
//!
//! Needs Debian's `victoria-metrics`. `cargo bench -p plant-twin --bench viewer_scrub --profile dev`
//! (BENCHMARKS.md).

use std::path::Path;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use plant_store::Store;
use plant_viewer_context::{LoadStatus, MeterData, Problems, SiteClock};

#[path = "../../crates/historian/tests/it/vm.rs"]
mod vm;

#[path = "../../crates/historian/benches/record.rs"]
mod record;
use record::{HOUR, METERS, MINUTE, jumps, percentiles, record};

/// site.toml of 1,000 power meters on one item; `[historian]` when paged, else one data file.
fn site_toml(historian: Option<&str>) -> String {
    let mut toml =
        String::from("[site]\nname = \"scrub\"\nkind = \"bench\"\ntime_zone = \"Asia/Shanghai\"\nmodel = \"\"\n\n[[equipment]]\nid = \"e\"\ntype = \"x\"\nname = \"E\"\n");
    for m in 0..METERS {
        toml.push_str(&format!("\n[[meter]]\nid = \"m{m}\"\nquantity = \"electric_power\"\nunit = \"kW\"\nequipment = \"e\"\n"));
    }
    match historian {
        Some(url) => {
            toml.push_str(&format!("\n[historian]\nurl = \"{url}\"\nselector = 'plant_twin_meter{{site=\"scrub\",meter=\"{{meter}}\"}}'\ntimeout = \"120s\"\npaged = true\n"))
        }
        None => toml.push_str("\n[[data]]\npath = \"data/record.parquet\"\n"),
    }
    toml
}

/// The viewer's logic on the package at `dir`, connected, until its data is in.
fn viewer(dir: &Path) -> App {
    let mut app = App::new();
    app.add_plugins(MinimalPlugins);
    plant_twin::add_logic_plugins(&mut app, dir);
    app.insert_resource(plant_loading::ConnectHistorian(true));
    app.finish();
    app.cleanup();
    let deadline = Instant::now() + Duration::from_secs(600);
    while !app.world().resource::<LoadStatus>().is_ready() {
        app.update();
        assert!(!matches!(app.world().resource::<LoadStatus>(), LoadStatus::Failed), "{:?}", app.world().resource::<Problems>().list);
        assert!(Instant::now() < deadline, "not open within 600 s");
        std::thread::sleep(Duration::from_millis(1));
    }
    app.world_mut().resource_mut::<SiteClock>().playing = false;
    app
}

/// Moves the cursor to `t` and runs frames until every meter has its value there: the milliseconds, the
/// frames it took and the longest of them (ms).
fn scrub_to(app: &mut App, t: i64) -> (f64, usize, f64) {
    let start = Instant::now();
    app.world_mut().resource_mut::<SiteClock>().seek(t);
    let (mut frames, mut longest) = (0, 0.0f64);
    loop {
        let frame = Instant::now();
        app.update();
        longest = longest.max(frame.elapsed().as_secs_f64() * 1000.0);
        frames += 1;
        let data = &app.world().resource::<MeterData>().0;
        if data.len() == METERS && data.meter_ids().all(|m| data.reading_at(m, t).value().is_some()) {
            return (start.elapsed().as_secs_f64() * 1000.0, frames, longest);
        }
        assert!(start.elapsed() < Duration::from_secs(120), "the values at {t} did not come");
    }
}

/// Cold jumps across the month; then, once the hours around a start are held (a user who stopped there),
/// a drag of 60 steps of ten minutes at one step a frame (16 ms): ten hours a second.
fn measure(label: &str, app: &mut App) {
    let (mut cold, mut frames, mut longest) = (Vec::new(), 0, 0.0f64);
    for t in jumps(20) {
        let (ms, f, l) = scrub_to(app, t);
        cold.push(ms);
        frames += f;
        longest = longest.max(l);
    }
    let start = jumps(1)[0] + 5 * HOUR;
    scrub_to(app, start);
    let settled = Instant::now();
    while !app.world().resource::<plant_viewer_context::Residency>().holds(start - 12 * HOUR, start + 12 * HOUR) {
        app.update();
        assert!(settled.elapsed() < Duration::from_secs(120), "the hours around {start} did not come");
        std::thread::sleep(Duration::from_millis(1));
    }
    let mut drag = Vec::new();
    for k in 1..=60 {
        let step = Instant::now();
        let (ms, _, l) = scrub_to(app, start + k * 10 * MINUTE);
        drag.push(ms);
        longest = longest.max(l);
        std::thread::sleep(Duration::from_millis(16).saturating_sub(step.elapsed()));
    }
    let (c50, c95) = percentiles(cold);
    let (d50, d95) = percentiles(drag);
    println!(
        "{label}: jump across the month p50 {c50:.0} ms, p95 {c95:.0} ms ({:.0} frames meanwhile); drag (10 min a frame, the hours around held) p50 {d50:.1} ms, p95 {d95:.1} ms; longest frame {longest:.1} ms",
        frames as f64 / 20.0
    );
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let Some(bin) = vm::binary() else {
        println!("viewer_scrub: no victoria-metrics binary; nothing measured");
        return;
    };
    let port = vm::free_port();
    let url = format!("http://127.0.0.1:{port}");
    let data = tempfile::tempdir().expect("temp dir");
    let _vm = vm::start(bin, port, data.path());
    let store = record();
    let paged = tempfile::tempdir().expect("temp dir");
    std::fs::write(paged.path().join("site.toml"), site_toml(Some(&url))).expect("site.toml");
    let site = plant_site::open(paged.path()).expect("paged site").site;
    let opts = plant_historian::ImportOptions { url: url.clone(), site_label: "scrub".into(), auth: None, timeout_ms: 600_000 };
    let started = Instant::now();
    let sent = plant_historian::import(&site, &store, &opts, &|_, _| {}).expect("import").sent;
    println!("import: {sent} samples in {:.0} s", started.elapsed().as_secs_f64());

    let mut app = viewer(paged.path());
    measure("viewer, paged from VictoriaMetrics (1 h blocks)", &mut app);
    drop(app);

    // The same record in memory: written once as Parquet, loaded whole.
    let files = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(files.path().join("data")).expect("data folder");
    std::fs::write(files.path().join("site.toml"), site_toml(None)).expect("site.toml");
    write_parquet(&store, &files.path().join("data/record.parquet"));
    let mut app = viewer(files.path());
    measure("viewer, the record in memory", &mut app);
}

/// The record as one wide Parquet file: `timestamp` (a UTC datetime) and a column per meter.
fn write_parquet(store: &Store, path: &Path) {
    use polars::prelude::*;
    let times = store.get("m0").expect("m0").times_ms().to_vec();
    let mut columns: Vec<Column> = vec![Column::new("timestamp".into(), times).cast(&DataType::Datetime(TimeUnit::Milliseconds, None)).expect("cast")];
    for m in 0..METERS {
        let id = format!("m{m}");
        columns.push(Column::new(id.as_str().into(), store.get(&id).expect("meter").values().to_vec()));
    }
    let mut df = DataFrame::new_infer_height(columns).expect("frame");
    let file = std::fs::File::create(path).expect("parquet file");
    ParquetWriter::new(file).finish(&mut df).expect("parquet");
}
