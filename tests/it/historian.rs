//! `plant-twin import` into a real VictoriaMetrics, then the site opened from the database alone: the
//! report's figures are those of the files, and the viewer's logic loads the same data (with consent).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use bevy::prelude::*;
use plant_viewer_context::{LoadStatus, MeterData, Problems, Residency, SiteClock};

#[path = "../../crates/historian/tests/it/vm.rs"]
mod vm;

fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_plant-twin")).args(["--lang", "en"]).args(args).output().expect("runs");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// The cement plant's site.toml without its data file, with the `[historian]` table `import` printed.
fn database_package(historian: &str) -> tempfile::TempDir {
    database_package_of(&crate::cement_site(), historian)
}

/// A sample site's site.toml without its data files, with `historian` (a `[historian]` table) appended.
fn database_package_of(site: &Path, historian: &str) -> tempfile::TempDir {
    let text = std::fs::read_to_string(site.join("site.toml")).expect("site.toml");
    let kept: Vec<&str> = text.lines().filter(|l| !(l.starts_with("[[data]]") || l.starts_with("path = \"data/") || l.starts_with("timestamp_column"))).collect();
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("site.toml"), format!("{}\n\n{historian}\n", kept.join("\n"))).expect("write");
    for f in ["model.glb", "alarms.toml"] {
        std::fs::copy(site.join(f), dir.path().join(f)).expect(f);
    }
    dir
}

/// The logic plugins on `site`, connecting to its database when `connect`, until the data is in.
fn loaded(site: &Path, connect: bool) -> App {
    let mut app = App::new();
    app.add_plugins(MinimalPlugins);
    plant_twin::add_logic_plugins(&mut app, site);
    app.insert_resource(plant_loading::ConnectHistorian(connect));
    app.finish();
    app.cleanup();
    let deadline = Instant::now() + Duration::from_secs(120);
    while !app.world().resource::<LoadStatus>().is_ready() {
        app.update();
        assert!(!matches!(app.world().resource::<LoadStatus>(), LoadStatus::Failed), "{:?}", app.world().resource::<Problems>().list);
        assert!(Instant::now() < deadline, "data did not load within 120 s");
        std::thread::sleep(Duration::from_millis(10));
    }
    app
}

/// Frames until the flows panel's window report is `done`, with each pending state seen kept in `seen`; never
/// a report while the window is pending.
fn until(app: &mut App, done: &dyn Fn(&plant_flows_view::WindowReport) -> bool, seen: &mut Vec<Option<plant_flows_view::Pending>>) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        app.update();
        let w = app.world().resource::<plant_flows_view::WindowReport>();
        if seen.last() != Some(&w.pending) {
            seen.push(w.pending.clone());
        }
        assert!(w.pending.is_none() || w.report.is_none(), "a report while the window is pending");
        if done(w) {
            return;
        }
        assert!(Instant::now() < deadline, "the window did not come: {seen:?}");
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_site_imported_with_plant_twin_import_reports_the_same_from_the_database() {
    let Some(bin) = vm::binary() else { return };
    let data = tempfile::tempdir().expect("temp dir");
    let port = vm::free_port();
    let url = format!("http://127.0.0.1:{port}");
    let _vm = vm::start(bin, port, data.path());
    let cement = crate::cement_site();
    let cement = cement.to_str().expect("path");
    let (ok, out, err) = run(&["import", cement, "--to", &url]);
    assert!(ok, "{err}");
    assert!(out.contains("37 meters") && out.contains("already there"), "{out}");
    assert!(err.contains("sent 0 of") && err.contains("sent 743,850 of 743,850"), "progress: {err}");
    let historian = &out[out.find("[historian]").expect("the table to use")..];
    assert!(historian.contains(r#"selector = 'plant_twin_meter{site="cement-plant",meter="{meter}"}'"#), "{historian}");
    // Again: nothing sent.
    let (ok, again, err) = run(&["import", cement, "--to", &url]);
    assert!(ok && again.contains(": 0 samples sent") && again.contains("743,850 already there"), "{again}{err}");

    let pkg = database_package(historian.trim());
    let pkg_path = pkg.path().to_str().expect("path");
    let window = ["--from", "2026-11-03", "--to", "2026-11-10", "--format", "md"];
    let (ok, from_files, err) = run(&[&["report", cement][..], &window].concat());
    assert!(ok, "{err}");
    let (ok, from_db, err) = run(&[&["report", pkg_path, "--connect"][..], &window].concat());
    assert!(ok, "{err}");
    // The same figures, and the same warning (the gap every meter shares), named at the file it came from.
    let (db_figures, db_warnings) = from_db.split_once("## Warnings").expect("the gap is warned about");
    let (file_figures, file_warnings) = from_files.split_once("## Warnings").expect("the gap is warned about");
    assert_eq!(db_figures, file_figures, "the report from the database differs from the files'");
    assert!(
        file_warnings.contains("one gap in the record, 46 min long") && db_warnings.contains("site.toml:") && db_warnings.contains("one gap in the record, 46 min long"),
        "{db_warnings}"
    );
    // Without --connect nothing is read, and every command says how, the same way.
    for command in [&["report", pkg_path][..], &["anomalies", pkg_path], &["forecast", pkg_path, "--meter", "kiln-1.coal"], &["alarms", pkg_path]] {
        let (ok, _, err) = run(command);
        assert!(!ok && err.contains("read only with --connect"), "{command:?}: {err}");
    }

    // The viewer's logic: with consent, the same samples as the files.
    let app = loaded(pkg.path(), true);
    let files = plant_ingest::load_site_data(&plant_site::open(&crate::cement_site()).expect("site").site, &|_, _| {}).store;
    let got = &app.world().resource::<MeterData>().0;
    assert_eq!((got.len(), got.sample_count()), (files.len(), files.sample_count()));
    // Without (no window to ask in): files only — none here — and the problems list says so.
    let app = loaded(pkg.path(), false);
    assert!(app.world().resource::<MeterData>().0.is_empty());
    assert!(app.world().resource::<Problems>().list.iter().any(|d| d.to_string().contains("not read")), "{:?}", app.world().resource::<Problems>().list);

    // Paged (`paged = true`): only the hours around the cursor are held; at the cursor every meter reads
    // what the files read, here and after a jump across the record; elsewhere the data is "loading".
    // The smallest cache (16 MB): the record (14 days of 37 meters, about 12 MB) just fits in the three
    // quarters a want may fill; a window of a hundred days does not.
    let paged = database_package(&format!("{}\npaged = true\ncache_mb = 16", historian.trim()));
    let mut app = loaded(paged.path(), true);
    let check = |app: &mut App, t: i64| {
        app.world_mut().resource_mut::<SiteClock>().seek(t);
        let deadline = Instant::now() + Duration::from_secs(60);
        while app.world().resource::<Residency>().loading_at(t) {
            app.update();
            assert!(Instant::now() < deadline, "the cursor's hours did not arrive: {:?}", app.world().resource::<Residency>().paged);
            std::thread::sleep(Duration::from_millis(10));
        }
        let data = app.world().resource::<MeterData>().0.clone();
        assert!(data.sample_count() < files.sample_count() / 4, "only the hours around the cursor: {} samples", data.sample_count());
        for id in files.meter_ids() {
            let (want, got) = (files.reading_at(id, t).value(), data.reading_at(id, t).value());
            assert_eq!(
                want.map(|v| (v * 1e6).round()),
                got.map(|v| (v * 1e6).round()),
                "{id} at {t}: {:?} {:?}",
                data.get(id).map(|s| (
                    s.len(),
                    s.times_ms().first().copied(),
                    s.times_ms().last().copied(),
                    s.times_ms().iter().filter(|&&x| (x - t).abs() <= 120_000).copied().collect::<Vec<_>>()
                )),
                app.world().resource::<Residency>().paged
            );
        }
    };
    let (r0, r1) = files.time_range().expect("record");
    check(&mut app, r0 + 8 * 86_400_000 + 6 * 3_600_000);
    check(&mut app, r0 + 86_400_000);
    let residency = app.world().resource::<Residency>().clone();
    assert!(residency.loading_at(r1 - 1_000), "the record's end is not held: {:?}", residency.paged.map(|p| p.resident));

    // The flows panel's day, late in the day, so that it reaches beyond the hours held around the cursor:
    // asked for, "loading" (never figures of part of it), then paged in whole and the files' figures.
    use plant_flows_view::{Accounting, Pending, SankeyState, Span, WindowReport};
    let t = r0 + 8 * 86_400_000 + 23 * 3_600_000;
    app.world_mut().resource_mut::<SiteClock>().seek(t);
    app.world_mut().resource_mut::<SiteClock>().playing = false;
    let mut state = app.world_mut().resource_mut::<SankeyState>();
    (state.open, state.span) = (true, Span::Day);
    let clock = app.world().resource::<SiteClock>().clone();
    let (t0, t1) = plant_flows_view::window(Span::Day, &clock, app.world().resource::<Accounting>().instant_ms);
    assert!(t0 < t - 14 * 3_600_000, "the day reaches beyond the cursor's hours: {t0} {t}");
    let mut seen = Vec::new();
    until(&mut app, &|w| w.report.is_some() && w.key.is_some_and(|k| (k.0, k.1) == (t0, t1)), &mut seen);
    assert!(seen.contains(&Some(Pending::Loading)), "the panel said it was loading: {seen:?}");
    let site = plant_site::open(&crate::cement_site()).expect("site").site;
    let got = app.world().resource::<WindowReport>().report.clone().expect("report");
    let want = plant_accounting::report(&site, &files, app.world().resource::<Accounting>().book.as_ref().expect("book"), t0, t1);
    for (what, g, w) in [
        ("energy GJ", got.energy.total_gj, want.energy.total_gj),
        ("electricity MWh", got.energy.electricity_mwh, want.energy.electricity_mwh),
        ("scope 1 t", got.scopes.scope1_t, want.scopes.scope1_t),
    ] {
        assert!(w > 0.0 && ((g - w) / w).abs() < 1e-9, "{what}: {g} from the database, {w} from the files");
    }
    // The whole record fits: paged in, the files' figures over it.
    app.world_mut().resource_mut::<SankeyState>().span = Span::Record;
    let (r_0, r_1) = plant_flows_view::window(Span::Record, &clock, 0);
    until(&mut app, &|w| w.report.is_some() && w.key.is_some_and(|k| (k.0, k.1) == (r_0, r_1)), &mut seen);
    let got = app.world().resource::<WindowReport>().report.clone().expect("report");
    let want = plant_accounting::report(&site, &files, app.world().resource::<Accounting>().book.as_ref().expect("book"), r_0, r_1);
    assert!(((got.energy.total_gj - want.energy.total_gj) / want.energy.total_gj).abs() < 1e-9, "{} {}", got.energy.total_gj, want.energy.total_gj);
    // A window of a hundred days is more than the cache may hold: refused, and the held data stays under the
    // limit. The flows panel shows that refusal as a message (Pending::TooLong).
    let long = (r1 - 100 * 86_400_000, r1);
    app.world_mut().resource_mut::<plant_viewer_context::Wanted>().0.insert("test", long);
    let deadline = Instant::now() + Duration::from_secs(30);
    while !app.world().resource::<Residency>().refused(long.0, long.1) {
        app.update();
        assert!(Instant::now() < deadline, "not refused: {:?}", app.world().resource::<Residency>().paged);
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(app.world().resource::<MeterData>().0.heap_bytes() < 16 << 20, "the cache's limit holds");
}

#[test]
fn a_window_longer_than_the_paged_cache_is_summed_by_the_database() {
    let Some(bin) = vm::binary() else { return };
    let data = tempfile::tempdir().expect("temp dir");
    let port = vm::free_port();
    let url = format!("http://127.0.0.1:{port}");
    let _vm = vm::start(bin, port, data.path());
    // The office building: its record (about 18 MB in memory) is more than the smallest cache holds.
    let office = Path::new(env!("CARGO_MANIFEST_DIR")).join("../sample-sites/office-building");
    let (ok, out, err) = run(&["import", office.to_str().expect("path"), "--to", &url]);
    assert!(ok, "{err}");
    let historian = &out[out.find("[historian]").expect("the table to use")..];
    let pkg = database_package_of(&office, &format!("{}\npaged = true\ncache_mb = 16\n", historian.trim()));
    let mut app = loaded(pkg.path(), true);
    let site = plant_site::open(&office).expect("site").site;
    let files = plant_ingest::load_site_data(&site, &|_, _| {}).store;

    use plant_flows_view::{Accounting, Pending, SankeyState, Span, WindowReport};
    let mut state = app.world_mut().resource_mut::<SankeyState>();
    (state.open, state.span) = (true, Span::Record);
    let clock = app.world().resource::<SiteClock>().clone();
    let (t0, t1) = plant_flows_view::window(Span::Record, &clock, 0);
    let mut seen: Vec<Option<Pending>> = Vec::new();
    until(&mut app, &|w| w.report.is_some() && w.key.is_some_and(|k| (k.0, k.1) == (t0, t1)), &mut seen);
    assert!(!seen.iter().any(|p| matches!(p, Some(Pending::TooLong { .. }))), "the database did not sum it: {seen:?}");
    // Never figures of part of the window first: "loading" (until the cache's size shows the record will not
    // fit) or "summing" (the forecasts may have asked for the same record already).
    assert!(seen.first().is_some_and(|p| matches!(p, Some(Pending::Summing) | Some(Pending::Loading))), "the panel said it was on its way: {seen:?}");
    assert!(app.world().resource::<Residency>().refused(t0, t1), "the record is not paged in");
    assert!(app.world().resource::<MeterData>().0.heap_bytes() < 16 << 20, "the cache's limit holds");
    let w = app.world().resource::<WindowReport>();
    let samples = w.summed_samples.expect("summed by the database");
    assert_eq!(samples as usize, files.sample_count(), "every sample of the record summed once");
    let got = w.report.clone().expect("report");
    let want = plant_accounting::report(&site, &files, app.world().resource::<Accounting>().book.as_ref().expect("book"), t0, t1);
    // Its flows are power meters: each sample counts one interval in the sums; the files' figures hold a
    // value up to three intervals across a gap (docs/historian.md) and count the record's last sample 1 ms
    // where the sums count its minute. Measured here: 1.7e-5 of the record's figures.
    for (what, g, w, tolerance) in [
        ("energy GJ", got.energy.total_gj, want.energy.total_gj, 1e-4),
        ("electricity MWh", got.energy.electricity_mwh, want.energy.electricity_mwh, 1e-4),
        ("total t CO2", got.scopes.total_location_t, want.scopes.total_location_t, 1e-4),
    ] {
        assert!(w > 0.0 && ((g - w) / w).abs() < tolerance, "{what}: {g} summed by the database, {w} from the files");
    }

    // The next day's forecast and the year's CO2 trajectory learn from the record's hours: paged, from the
    // database's hourly sums of the record (not the hours held around the cursor), the files' figures.
    let (f0, f1) = files.time_range().expect("record");
    app.world_mut().resource_mut::<SiteClock>().seek(f0 + 6 * 86_400_000 + 15 * 3_600_000);
    app.world_mut().resource_mut::<SiteClock>().playing = false;
    app.update();
    let now = app.world().resource::<SiteClock>().now_ms;
    let hour = now - now.rem_euclid(3_600_000);
    let deadline = Instant::now() + Duration::from_secs(60);
    let made_for_hour = |app: &App| {
        let fc = app.world().resource::<plant_flows_view::forecast::TotalsForecast>();
        !fc.making() && matches!(&fc.made, Some(Ok(d)) if d.from_ms == hour)
    };
    while !made_for_hour(&app) {
        app.update();
        assert!(Instant::now() < deadline, "no forecast of the cursor's hour within 60 s: {:?}", app.world().resource::<plant_flows_view::forecast::TotalsForecast>().made);
        std::thread::sleep(Duration::from_millis(10));
    }
    let fc = app.world().resource::<plant_flows_view::forecast::TotalsForecast>();
    let files_day = plant_flows_view::forecast::next_day(&site, &files, hour).expect("the files' forecast");
    let day = fc.made.clone().expect("made").expect("a forecast");
    for (what, g, w) in [("next day GJ", day.energy_gj.point, files_day.energy_gj.point), ("next day t CO2", day.co2_t.point, files_day.co2_t.point)] {
        assert!(((g - w) / w).abs() < 1e-3, "{what}: {g} from the database's sums, {w} from the files");
    }
    let tr = fc.trajectory.clone().expect("the year has a target").expect("a trajectory");
    let (book, _) = plant_accounting::prepare(&site);
    let hourly = plant_accounting::hourly_totals(&site, &files, &book, f0, f1 + 1);
    let files_tr = plant_accounting::trajectory::from_hourly(&hourly, site.co2_target(tr.year).expect("target"), &site.time_zone, now).expect("the files' trajectory");
    assert_eq!(tr.recorded_hours, files_tr.recorded_hours, "the same hours recorded (the logger outage left out in both)");
    assert!(((tr.recorded_t - files_tr.recorded_t) / files_tr.recorded_t).abs() < 1e-4, "{} t against {}", tr.recorded_t, files_tr.recorded_t);
}

/// The inspector's charts over a paged database ask for a window wider than they show, in whole columns of
/// about their pixel width, and ask again only when the window leaves it or the width changes much.
#[test]
fn charts_ask_the_database_again_only_when_their_window_leaves_what_was_asked() {
    use plant_viewer_context::ChartWindow;
    let h = 3_600_000i64;
    let meters = ["a", "b"];
    let now = 1_800_000_000_000;
    // ±7 days in 1,000 columns: 20-minute columns (rounded up to a whole second), 21 days asked.
    let a = ChartWindow::for_charts(&meters, now, 168 * h, 1000, None).expect("a first ask");
    assert_eq!(a.step_ms, 1_210_000);
    assert_eq!(a.window.0 % a.step_ms, 0);
    assert!(a.window.0 <= now - 252 * h && now + 252 * h <= a.window.1, "{:?}", a.window);
    assert!(a.window.1 - a.window.0 <= 504 * h + 2 * a.step_ms);
    // Playing on three days: the same ask (none new).
    assert_eq!(ChartWindow::for_charts(&meters, now + 72 * h, 168 * h, 1000, Some(&a)), None);
    // A panel 10 % wider: the same; twice as wide: a new one with narrower columns.
    assert_eq!(ChartWindow::for_charts(&meters, now, 168 * h, 1100, Some(&a)), None);
    let wide = ChartWindow::for_charts(&meters, now, 168 * h, 2000, Some(&a)).expect("a new ask");
    assert!(wide.step_ms < a.step_ms * 3 / 4, "{}", wide.step_ms);
    // Past the asked window, or another item's meters: asked again.
    let later = ChartWindow::for_charts(&meters, now + 100 * h, 168 * h, 1000, Some(&a)).expect("a new ask");
    assert!(later != a && later.window.0 <= now - 68 * h && now + 268 * h <= later.window.1);
    assert_eq!(ChartWindow::for_charts(&["c"], now, 168 * h, 1000, Some(&a)).expect("a new ask").meters, ["c"]);
}
