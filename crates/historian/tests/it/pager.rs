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

#[test]
fn the_pager_holds_the_blocks_around_the_want_and_recovers_when_the_database_returns() {
    let Some(bin) = binary() else { return };
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
