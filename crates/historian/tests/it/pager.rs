//! The pager against a real VictoriaMetrics: only the blocks around the want are held, their samples are
//! the files', a burst of wants is answered for the last one, the size limit holds, and a database that
//! goes away is a status until it is back.

use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

use plant_historian::{ImportOptions, Pager, PagerConfig, Snapshot, import};

use crate::vm::{binary, free_port, start};

const HOUR: i64 = 3_600_000;

/// Snapshots until one answers `want` completely (or the time is up).
fn until_complete(pager: &Pager, want: (i64, i64)) -> Snapshot {
    let t0 = Instant::now();
    loop {
        let s = pager.next(Duration::from_secs(30)).expect("a snapshot within 30 s");
        if s.want == want && (s.complete || s.error.is_some()) {
            return s;
        }
        assert!(t0.elapsed() < Duration::from_secs(60), "no complete snapshot for {want:?}");
    }
}

/// The cement plant imported into a VictoriaMetrics of the test's own, and the site with a `[historian]`
/// pointing there; `None` (the test skipped) without the binary.
struct Imported {
    vm: crate::vm::Vm,
    bin: &'static str,
    data: tempfile::TempDir,
    port: u16,
    url: String,
    site: plant_site::Site,
    files: plant_store::Store,
}

fn cement_imported() -> Option<Imported> {
    let bin = binary()?;
    let data = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}");
    let vm = start(bin, port, data.path());
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant");
    let mut site = plant_site::open(&dir).expect("cement").site;
    let files = plant_ingest::load_site_data(&site, &|_, _| {}).store;
    let opts = ImportOptions { url: url.clone(), site_label: "cement-plant".into(), auth: None, timeout_ms: 60_000 };
    import(&site, &files, &opts, &|_, _| {}).expect("import");
    let historian = format!("[historian]\nurl = \"{url}\"\nselector = 'plant_twin_meter{{site=\"cement-plant\",meter=\"{{meter}}\"}}'\ntimeout = \"5s\"\n");
    site.historian =
        plant_site::parse(&format!("[site]\nname = \"x\"\nkind = \"x\"\ntime_zone = \"Asia/Shanghai\"\nmodel = \"\"\n{historian}"), &dir).expect("parses").site.historian;
    Some(Imported { vm, bin, data, port, url, site, files })
}

#[test]
fn the_pager_holds_the_blocks_around_the_want_and_recovers_when_the_database_returns() {
    let Some(Imported { vm, bin, data, port, url, site, files }) = cement_imported() else { return };
    let h = site.historian.clone().expect("historian");
    let (r0, r1) = files.time_range().expect("record");
    // Six-hour blocks, at most about four of them (a 6 h block of 37 one-minute meters is 213 KB).
    let config = PagerConfig { block_ms: 6 * HOUR, cache_bytes: 900_000, prefetch_blocks: 1 };
    let pager = Pager::start(Arc::new(site), &h, config).expect("pager");

    // One hour in the middle of the record: resident, and every sample of its blocks equal to the files'.
    let t = r0 + 5 * 24 * HOUR + 10 * HOUR;
    let want = (t, t + HOUR);
    pager.want(want.0, want.1);
    let s = until_complete(&pager, want);
    assert!(s.error.is_none(), "{:?}", s.error);
    assert!(s.is_resident(want.0) && s.is_resident(want.1 - 1));
    assert!(!s.is_resident(r0) && !s.is_resident(r1), "only the blocks around the want are held");
    let (a, b) = (s.resident[0].0, s.resident.last().expect("span").1);
    assert!(b - a <= 3 * 6 * HOUR, "the want's block and one on each side: {:?}", s.resident);
    for id in files.meter_ids() {
        let (f, p) = (files.get(id).expect("file"), s.store.get(id).unwrap_or_else(|| panic!("{id} not paged in")));
        let (ft, fv) = f.window(a, b);
        assert_eq!(p.times_ms(), ft, "{id}: times");
        for (x, y) in fv.iter().zip(p.values()) {
            assert!((x - y).abs() <= 1e-12 * x.abs().max(1e-300), "{id}: {x} against {y}");
        }
    }

    // Scrubbing: a burst of wants across the record; the answer is for the last, and the limit holds.
    let mut last = want;
    for k in 0..40 {
        let t = r0 + (k * 7919 * 60_000) % (r1 - r0);
        last = (t, t + HOUR);
        pager.want(last.0, last.1);
    }
    let s = until_complete(&pager, last);
    assert!(s.error.is_none() && s.is_resident(last.0), "{:?}", s.error);
    assert!(s.bytes <= 900_000 + 4 * 214_000, "held {} bytes in {} blocks", s.bytes, s.blocks);
    let expected = files.reading_at("kiln-1.coal", last.0);
    assert_eq!(s.store.reading_at("kiln-1.coal", last.0).value().map(|v| (v * 1e6).round()), expected.value().map(|v| (v * 1e6).round()));

    // The database gone: a far want is a status (cannot reach it), not a panic; back, the same want loads.
    vm.stop();
    let far = (r0 + HOUR, r0 + 2 * HOUR);
    pager.want(far.0, far.1);
    let s = until_complete(&pager, far);
    let e = s.error.clone().expect("an error");
    assert!(e.is_unreachable() && e.to_string().contains(&url), "{e}");
    assert!(!s.complete);
    let _vm = start(bin, port, data.path());
    pager.want(far.0, far.1);
    let s = until_complete(&pager, far);
    assert!(s.error.is_none() && s.complete, "{:?}", s.error);
    assert!(s.is_resident(far.0));
}

#[test]
fn a_window_summed_by_the_database_gives_the_files_figures() {
    use plant_historian::{Connection, summarise};
    let Some(Imported { vm: _vm, data: _data, url, site, files, .. }) = cement_imported() else { return };
    let selector = plant_historian::selector_for("cement-plant");
    let conn = Connection::new(&url, None, 60_000).expect("connection");
    let (book, _) = plant_accounting::prepare(&site);
    let (r0, r1) = files.time_range().expect("record");
    let week = (r0, r0 + 7 * 24 * HOUR);
    // Ragged at both ends: a window starting 30 min 17 ms after an hour, ending inside one. The sums count
    // each sample in the window one interval: the one-minute sample in force at the window's start, taken
    // 17 ms before it, is not in them, and the record's last sample counts a whole minute (1 ms in the
    // files' window that ends 1 ms after it). So each is compared, to rounding, with the files' figures over
    // the window those samples cover; windows that start on a sample, as the flows panel's do, are the same.
    let ragged = (r0 + 24 * HOUR + 30 * 60_000 + 17, r0 + 3 * 24 * HOUR + 20 * 60_000);
    let minute = 60_000;
    for (window, covered) in [(week, week), (ragged, (ragged.0 - 17 + minute, ragged.1)), ((r0, r1 + 1), (r0, r1 + minute))] {
        let s = summarise(&conn, &site, &selector, window, &std::collections::HashMap::new()).expect("summed");
        // Every rate meter: the database's sums give Σ value × interval over the window's samples, to rounding.
        // Around a gap the files hold the sample before it for up to three intervals (the hold time) where
        // the sums count one: the largest such share bounds the figures' difference below.
        let mut tolerance: f64 = 1e-9;
        for m in site.meters.iter().filter(|m| m.quantity.is_rate()) {
            let Some(f) = files.get(&m.id) else { continue };
            let one_each: f64 = f.window(window.0, window.1).1.iter().sum::<f64>() * f.interval_ms() as f64 / 3_600_000.0;
            let summed = plant_flows::integrate(s.store.get(&m.id).expect("summed meter"), window.0, window.1).0;
            assert!((summed - one_each).abs() <= 1e-9 * one_each.abs().max(1e-9), "{}: {summed} against {one_each}", m.id);
            let held = plant_flows::integrate(f, covered.0, covered.1).0;
            tolerance = tolerance.max((held - one_each).abs() / held.abs().max(1e-9) * 1.01);
        }
        if window == week || window == ragged {
            assert_eq!(tolerance, 1e-9, "{window:?}: no gap in the first week");
        }
        assert_eq!(s.window, window);
        let in_window: usize = files.meter_ids().filter_map(|m| files.get(m)).map(|x| x.window(window.0, window.1).0.len()).sum();
        assert_eq!(s.samples as usize, in_window, "the database summed every sample of the window once");
        // Far fewer values came back than samples went into them.
        assert!(s.store.sample_count() * 30 < in_window, "{} hourly values for {in_window} samples", s.store.sample_count());
        let mut totals = plant_flows::flow_totals(&site, &s.store, window.0, window.1);
        plant_flows::set_coverage(&site, &mut totals, |m| s.coverage.get(m).copied());
        let summed = plant_accounting::report_from_totals(&site, &s.store, &book, window.0, window.1, &totals);
        let from_files = plant_accounting::report(&site, &files, &book, covered.0, covered.1);
        let close = |a: f64, b: f64| (a - b).abs() <= tolerance * a.abs().max(b.abs()).max(1e-9);
        let file_totals = plant_flows::flow_totals(&site, &files, covered.0, covered.1);
        for (a, b) in totals.iter().zip(&file_totals) {
            match (a.total, b.total) {
                (Some(x), Some(y)) => {
                    assert!(close(x.si, y.si), "{window:?}: flow {} {} against the files' {}", a.flow, x.si, y.si);
                    assert!((a.coverage - b.coverage).abs() < 0.01, "{window:?}: flow {} covers {} against {}", a.flow, a.coverage, b.coverage);
                }
                (x, y) => assert_eq!(x.is_some(), y.is_some(), "{window:?}: flow {} measured in one and not the other", a.flow),
            }
        }
        assert!(close(summed.energy.total_gj, from_files.energy.total_gj), "{window:?}: energy {} GJ against the files' {}", summed.energy.total_gj, from_files.energy.total_gj);
        assert!(close(summed.scopes.scope1_t, from_files.scopes.scope1_t), "{window:?}: scope 1 {} t against {}", summed.scopes.scope1_t, from_files.scopes.scope1_t);
        assert!(
            close(summed.scopes.total_location_t, from_files.scopes.total_location_t),
            "{window:?}: total {} t against {}",
            summed.scopes.total_location_t,
            from_files.scopes.total_location_t
        );
    }
    // A database that is not there: an error that names it, no panic.
    let gone = Connection::new(&format!("http://127.0.0.1:{}", free_port()), None, 2_000).expect("connection");
    let e = summarise(&gone, &site, &selector, week, &std::collections::HashMap::new()).expect_err("nothing listens");
    assert!(e.is_unreachable(), "{e}");
}

#[test]
fn a_chart_drawn_by_the_database_has_the_files_columns() {
    use plant_historian::{ChartAsk, Connection, chart, chart::line};
    let Some(Imported { vm: _vm, data: _data, url, site, files, .. }) = cement_imported() else { return };
    let conn = Connection::new(&url, None, 60_000).expect("connection");
    let (r0, r1) = files.time_range().expect("record");
    // Seven days around the middle of the record in 7-minute columns (a chart 1,440 pixels wide), two meters,
    // one with the record's 45-minute gap.
    let meters = vec!["kiln-1.coal".to_string(), "substation-1.incomer-power".to_string()];
    let mid = r0 + (r1 - r0) / 2;
    let ask = ChartAsk::new(meters.clone(), (mid - 84 * HOUR + 17, mid + 84 * HOUR), 7 * 60_000);
    assert_eq!(ask.window.0 % ask.step_ms, 0, "whole columns");
    assert!(ask.window.0 <= mid - 84 * HOUR && ask.window.1 >= mid + 84 * HOUR);
    let lines = chart(&conn, &site, &plant_historian::selector_for("cement-plant"), &ask).expect("chart");
    assert_eq!(lines.len(), 2);
    let step = ask.step_ms;
    for id in &meters {
        let f = files.get(id).expect("file");
        // The files' samples reduced the same way: per column min, max and last.
        let mut columns = std::collections::BTreeMap::new();
        let mut c = ask.window.0;
        while c < ask.window.1 {
            let (_, v) = f.window(c, c + step);
            if let Some(&last) = v.last() {
                columns.insert(c + step, [v.iter().copied().fold(f64::INFINITY, f64::min), v.iter().copied().fold(f64::NEG_INFINITY, f64::max), last]);
            }
            c += step;
        }
        let want = line(&columns, step);
        let got = &lines[id];
        assert_eq!(got.len(), want.len(), "{id}: points");
        for (g, w) in got.iter().zip(&want) {
            assert_eq!(g.0, w.0, "{id}: times");
            assert!((g.1 - w.1).abs() <= 1e-9 * w.1.abs().max(1e-9), "{id} at {}: {} against the files' {}", g.0, g.1, w.1);
        }
        // Three points a column at most, whatever the samples: 7 minutes of one-minute samples each.
        assert!(got.len() <= 3 * ((ask.window.1 - ask.window.0) / step) as usize);
        // Its lowest and highest are the files' over the window: the line touches the same extremes.
        let (_, v) = f.window(ask.window.0, ask.window.1);
        let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let close = |a: f64, b: f64| (a - b).abs() <= 1e-9 * b.abs().max(1e-9);
        assert!(close(got.iter().map(|p| p.1).fold(f64::INFINITY, f64::min), lo), "{id}: lowest");
        assert!(close(got.iter().map(|p| p.1).fold(f64::NEG_INFINITY, f64::max), hi), "{id}: highest");
    }
}

#[test]
fn the_pager_fetches_ahead_of_a_cursor_moving_forward_first() {
    let Some(Imported { vm: _vm, data: _data, site, files, .. }) = cement_imported() else { return };
    let h = site.historian.clone().expect("historian");
    let (r0, _) = files.time_range().expect("record");
    let pager = Pager::start(Arc::new(site), &h, PagerConfig { block_ms: HOUR, cache_bytes: 64 << 20, prefetch_blocks: 1 }).expect("pager");
    // Held around a first cursor; then the cursor moves five days on (and later five days back): of the two
    // blocks next to its own, the one it moves towards comes first.
    for (from, to) in [(r0 + 2 * 24 * HOUR, r0 + 7 * 24 * HOUR), (r0 + 12 * 24 * HOUR, r0 + 7 * 24 * HOUR + 5 * HOUR)] {
        let first = (from - 3 * HOUR, from + 3 * HOUR + 1);
        pager.want(first.0, first.1);
        until_complete(&pager, first);
        let want = (to - 3 * HOUR, to + 3 * HOUR + 1);
        pager.want(want.0, want.1);
        let (ahead, behind) = if to > from { (to + HOUR, to - HOUR) } else { (to - HOUR, to + HOUR) };
        loop {
            let s = pager.next(Duration::from_secs(30)).expect("a snapshot");
            if s.want != want {
                continue;
            }
            assert!(!s.is_resident(behind) || s.is_resident(ahead), "the hour behind the cursor came before the hour ahead: {:?}", s.resident);
            if s.is_resident(ahead) {
                break;
            }
        }
    }
}
