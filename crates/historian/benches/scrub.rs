//! Scrub latency on a record that lives in VictoriaMetrics: 1,000 meters × 30 days × 1 minute (43.2 million
//! samples). The cursor jumps to a new instant; the time until every meter's value there is held:
//!
//! - **in memory**: the whole record in the store (`Store::readings_at`), the reference;
//! - **pager**: `plant_historian::Pager` asked for the hour around the cursor — cold jumps across the month,
//!   then a drag (the cursor moved ten minutes at a time, as scrubbing does), with 1 h and 6 h blocks;
//! - **plain range query**: one PromQL `query_range` of all 1,000 meters over the same two hours at the
//!   meters' one-minute step, as a dashboard would ask;
//! - **summed by the database**: a week and the month of all meters by the hour (`summarise`), and a chart's
//!   lines (`chart`).
//!
//! Needs Debian's `victoria-metrics` (started here on a free loopback port, its data in a temporary
//! folder; the import takes a minute or two). `cargo bench -p plant-historian --bench scrub --profile dev`.
//! Prints p50 and p95 of each (BENCHMARKS.md).

use std::sync::Arc;
use std::time::{Duration, Instant};

use plant_historian::{ImportOptions, Pager, PagerConfig, import};
use plant_store::Store;

#[path = "../tests/it/vm.rs"]
mod vm;

#[path = "record.rs"]
mod record;
use record::{DAYS, HOUR, METERS, MINUTE, T0, jumps, percentiles, record};

fn site(url: &str) -> plant_site::Site {
    let mut toml =
        String::from("[site]\nname = \"scrub\"\nkind = \"bench\"\ntime_zone = \"Asia/Shanghai\"\nmodel = \"\"\n\n[[equipment]]\nid = \"e\"\ntype = \"x\"\nname = \"E\"\n");
    for m in 0..METERS {
        toml.push_str(&format!("\n[[meter]]\nid = \"m{m}\"\nquantity = \"electric_power\"\nunit = \"kW\"\nequipment = \"e\"\n"));
    }
    toml.push_str(&format!("\n[historian]\nurl = \"{url}\"\nselector = 'plant_twin_meter{{site=\"scrub\",meter=\"{{meter}}\"}}'\ntimeout = \"120s\"\n"));
    plant_site::parse(&toml, &std::env::temp_dir()).expect("bench site").site
}

fn pager_latency(site: &Arc<plant_site::Site>, block_ms: i64) {
    let h = site.historian.clone().expect("historian");
    let pager = Pager::start(site.clone(), &h, PagerConfig { block_ms, cache_bytes: 512 << 20, prefetch_blocks: 1 }).expect("pager");
    let wait = |want: (i64, i64)| -> f64 {
        let start = Instant::now();
        pager.want(want.0, want.1);
        loop {
            let s = pager.next(Duration::from_secs(300)).expect("a snapshot");
            assert!(s.error.is_none(), "{:?}", s.error);
            if s.want == want && s.complete {
                assert_eq!(s.store.len(), METERS);
                return start.elapsed().as_secs_f64() * 1000.0;
            }
        }
    };
    let cold: Vec<f64> = jumps(20).into_iter().map(|t| wait((t - HOUR / 2, t + HOUR / 2))).collect();
    let start = jumps(1)[0] + 5 * HOUR;
    let drag: Vec<f64> = (0..60).map(|k| start + k * 10 * MINUTE).map(|t| wait((t - HOUR / 2, t + HOUR / 2))).collect();
    let (c50, c95) = percentiles(cold);
    let (d50, d95) = percentiles(drag);
    println!("pager, {} h blocks: jump across the month p50 {c50:.0} ms, p95 {c95:.0} ms; drag (10 min steps) p50 {d50:.1} ms, p95 {d95:.1} ms", block_ms / HOUR);
}

fn range_query_latency(url: &str) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let client = reqwest::Client::new();
    let ms: Vec<f64> = jumps(20)
        .into_iter()
        .map(|t| {
            let start = Instant::now();
            let form = [
                ("query", String::from("plant_twin_meter{site=\"scrub\"}")),
                ("start", format!("{}", (t - HOUR) / 1000)),
                ("end", format!("{}", (t + HOUR) / 1000)),
                ("step", String::from("60")),
            ];
            let body = runtime.block_on(async { client.post(format!("{url}/api/v1/query_range")).form(&form).send().await?.text().await }).expect("query_range");
            let (series, _) = plant_historian::parse::parse_answer(&body).expect("answer");
            assert_eq!(series.len(), METERS);
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    let (p50, p95) = percentiles(ms);
    println!("plain query_range, all {METERS} meters, 2 h at 1 min: p50 {p50:.0} ms, p95 {p95:.0} ms");
}

/// Windows too long for the pager's cache summed by the database by the hour (`summarise`), beside the same
/// integrals over the record in memory; and a chart's lines (`chart`): five meters a week each side of the
/// cursor in 400 pixel columns.
fn database_reductions(site: &Arc<plant_site::Site>, url: &str, store: &Store) {
    let conn = plant_historian::Connection::new(url, None, 600_000).expect("connection");
    let h = site.historian.clone().expect("historian");
    let none = std::collections::HashMap::new();
    for (label, days) in [("a week", 7), ("the month", DAYS)] {
        let window = (T0, T0 + days * 24 * HOUR);
        let ms: Vec<f64> = (0..5)
            .map(|_| {
                let s = Instant::now();
                let sum = plant_historian::summarise(&conn, site, &h.selector, window, &none).expect("summed");
                assert_eq!(sum.store.len(), METERS);
                s.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        let (p50, p95) = percentiles(ms);
        let s = Instant::now();
        let total: f64 = store.meter_ids().filter_map(|m| store.get(m)).map(|x| plant_flows::integrate(x, window.0, window.1).0).sum();
        let in_memory = s.elapsed().as_secs_f64() * 1000.0;
        println!(
            "summed by the database, all {METERS} meters over {label} by the hour: p50 {p50:.0} ms, p95 {p95:.0} ms (in memory, the same integrals: {in_memory:.0} ms; total {total:.3e})"
        );
    }
    let meters: Vec<String> = (0..5).map(|m| format!("m{m}")).collect();
    let ms: Vec<f64> = jumps(10)
        .into_iter()
        .map(|t| {
            let ask = plant_historian::ChartAsk::new(meters.clone(), (t - 168 * HOUR, t + 168 * HOUR), 336 * HOUR / 400);
            let s = Instant::now();
            let lines = plant_historian::chart(&conn, site, &h.selector, &ask).expect("chart");
            assert_eq!(lines.len(), 5);
            s.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    let (p50, p95) = percentiles(ms);
    println!("chart lines from the database, 5 meters ±7 d in 400 columns: p50 {p50:.0} ms, p95 {p95:.0} ms");
}

fn main() {
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let Some(bin) = vm::binary() else {
        println!("scrub: no victoria-metrics binary; nothing measured");
        return;
    };
    let port = vm::free_port();
    let url = format!("http://127.0.0.1:{port}");
    let data = std::env::temp_dir().join(format!("plant-twin-scrub-{}", std::process::id()));
    let vm = vm::start(bin, port, &data);
    let site = Arc::new(site(&url));
    let store = record();
    println!("record: {} meters, {} samples", store.len(), store.sample_count());
    let started = Instant::now();
    let opts = ImportOptions { url: url.clone(), site_label: "scrub".into(), auth: None, timeout_ms: 600_000 };
    let report = import(&site, &store, &opts, &|_, _| {}).expect("import");
    println!("import: {} samples in {:.0} s", report.sent, started.elapsed().as_secs_f64());

    let mut out = Vec::new();
    let ms: Vec<f64> = jumps(1000)
        .into_iter()
        .map(|t| {
            let s = Instant::now();
            store.readings_at(t, &mut out);
            s.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    let (p50, p95) = percentiles(ms);
    println!("in memory, all {METERS} meters at the cursor: p50 {p50:.3} ms, p95 {p95:.3} ms");
    range_query_latency(&url);
    database_reductions(&site, &url, &store);
    pager_latency(&site, HOUR);
    pager_latency(&site, 6 * HOUR);
    drop(vm);
    let _ = std::fs::remove_dir_all(&data);
}
