//! The bundled cement plant: CSV and Parquet agree, and the numbers are physically consistent.

use std::path::PathBuf;

use plant_ingest::load_site_data;
use plant_site::DataFile;

use crate::fixtures::no_progress;

fn cement() -> plant_site::Site {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant");
    let opened = plant_site::open(&root).expect("cement plant opens");
    assert!(opened.diagnostics.is_empty(), "{:?}", opened.diagnostics);
    opened.site
}

#[test]
fn csv_and_parquet_copies_hold_the_same_record() {
    let site = cement();
    let pq = load_site_data(&site, &no_progress);
    let mut csv_site = site.clone();
    csv_site.data = vec![DataFile { path: site.data[0].path.replace(".parquet", ".csv"), ..site.data[0].clone() }];
    let csv = load_site_data(&csv_site, &no_progress);
    assert!(site.meters.len() >= 30);
    assert_eq!(pq.store.len(), site.meters.len());
    for m in &site.meters {
        let (a, b) = (pq.store.get(&m.id).expect("pq"), csv.store.get(&m.id).expect("csv"));
        assert_eq!(a.times_ms(), b.times_ms(), "{}", m.id);
        assert_eq!(a.values(), b.values(), "{}", m.id);
    }
    let (t0, t1) = pq.store.time_range().expect("range");
    assert!(t1 - t0 >= 14 * 86_400_000 - 60_000, "at least 14 days");
}

#[test]
fn the_record_is_physically_consistent() {
    let site = cement();
    let got = load_site_data(&site, &no_progress);
    let (t0, t1) = got.store.time_range().expect("range");
    let mean = |id: &str| got.store.get(id).and_then(|s| s.aggregate(t0, t1 + 1).mean()).expect(id);
    let clinker = mean("cooler-1.clinker");
    let feed = mean("preheater-1.kiln-feed");
    let coal = mean("kiln-1.coal") + mean("calciner-1.coal");
    let ratio = feed / clinker;
    assert!((1.55..=1.65).contains(&ratio), "feed/clinker {ratio}");
    let heat = coal * 23.8 / clinker;
    assert!((3.1..=3.4).contains(&heat), "specific heat {heat} GJ/t");
    assert!((200.0..=220.0).contains(&clinker), "clinker {clinker} t/h (≈ 5,000 t/d)");
    let bz = mean("kiln-1.burning-zone-temp");
    assert!((1400.0..=1480.0).contains(&bz), "burning zone {bz}");
    let o2 = mean("kiln-1.inlet-o2");
    assert!((1.5..=3.5).contains(&o2), "O2 {o2}");
    // The main incomer covers every sub-meter plus a small unmetered remainder.
    let subs: f64 = site.meters.iter().filter(|m| m.quantity == plant_site::Quantity::ElectricPower && m.id != "substation-1.incomer-power").map(|m| mean(&m.id)).sum();
    let incomer = mean("substation-1.incomer-power");
    assert!(incomer > subs && incomer < subs * 1.08, "incomer {incomer} vs sub-meters {subs}");
    // Kiln-line electricity per tonne of clinker within GB 16780's limit for existing lines (≤ 68 kWh/t).
    let cement = mean("cement-mill-1.output") + mean("cement-mill-2.output");
    let per_t_cement = incomer / cement;
    assert!((70.0..=110.0).contains(&per_t_cement), "{per_t_cement} kWh/t cement");
    // The record shows the planned raw-mill stop and the kiln upset.
    let rm = got.store.get("raw-mill-1.output").expect("rm");
    let stop_start = t0 + (4 * 1440 + 7 * 60) * 60_000;
    assert_eq!(rm.aggregate(stop_start, stop_start + 8 * 3_600_000).max, 0.0, "raw mill stopped on day 5");
    let feed_s = got.store.get("preheater-1.kiln-feed").expect("feed");
    let upset = t0 + (8 * 1440 + 14 * 60 + 30) * 60_000;
    assert!(feed_s.aggregate(upset, upset + 30 * 60_000).mean().expect("feed") < 0.7 * feed, "feed cut during the upset");
    // Gaps: the pyrometer outage reads as no data, not zero.
    let bz_s = got.store.get("kiln-1.burning-zone-temp").expect("bz");
    let outage = t0 + (10 * 1440 + 10 * 60) * 60_000;
    assert_eq!(bz_s.reading_at(outage).value(), None);
}

/// Memory (issue #17): each sample costs its time and value (16 bytes) and the summary pyramid about one
/// byte more; the loaded store holds at most 1.2 × 16 bytes a sample — here measured by the vectors'
/// capacities, in the bundled site and in one loaded from two files (appended vectors are trimmed). The
/// meters of the wide file that have a sample at every row share one time column, so the bundled site
/// needs far less.
#[test]
fn the_store_holds_at_most_19_bytes_a_sample() {
    let site = cement();
    let one = load_site_data(&site, &no_progress).store;
    let per_sample = |s: &plant_store::Store| s.heap_bytes() as f64 / s.sample_count() as f64;
    assert!(per_sample(&one) <= 1.2 * 16.0, "{:.2} bytes a sample", per_sample(&one));
    // Values (8) and pyramid (~1) are each meter's own; 37 meters mostly share their times.
    assert!(per_sample(&one) >= 9.0 && per_sample(&one) <= 11.0, "{:.2} bytes a sample", per_sample(&one));
    let distinct: std::collections::HashSet<*const i64> = one.meter_ids().filter_map(|id| one.get(id)).map(|s| s.times_ms().as_ptr()).collect();
    assert!(distinct.len() < one.len() / 2, "{} time columns for {} meters", distinct.len(), one.len());
    let mut two = site.clone();
    two.data = vec![site.data[0].clone(), DataFile { path: site.data[0].path.replace(".parquet", ".csv"), ..site.data[0].clone() }];
    let two = load_site_data(&two, &no_progress).store;
    assert_eq!(two.sample_count(), one.sample_count(), "the same record twice: duplicates collapse");
    assert!(per_sample(&two) <= 1.2 * 16.0, "{:.2} bytes a sample from two files", per_sample(&two));
}
