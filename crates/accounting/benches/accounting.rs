//! Totals, accounting report and Sankey layout for the whole record of the cement plant (14 days of
//! 1-minute data, 37 meters, 39 flows), and the per-frame "now" report that drives the 3D flows and
//! carbon colours.
//!
//! `cargo bench -p plant-accounting --bench accounting`

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use plant_sankey::{Link, Options};

fn bench(c: &mut Criterion) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant");
    let site = match plant_site::open(&root) {
        Ok(o) => o.site,
        Err(d) => panic!("{d}"),
    };
    let store = plant_ingest::load_site_data(&site, &|_, _| {}).store;
    let (book, _) = plant_accounting::prepare(&site);
    let Some((t0, t1)) = store.time_range() else { panic!("no data") };
    let t1 = t1 + 1;

    c.bench_function("flow_totals_whole_record", |b| b.iter(|| plant_flows::flow_totals(black_box(&site), &store, t0, t1)));
    c.bench_function("report_whole_record", |b| b.iter(|| plant_accounting::report(black_box(&site), &store, &book, t0, t1)));
    let report = plant_accounting::report(&site, &store, &book, t0, t1);
    // The energy diagram's links, as the panel builds them.
    let mut ids: Vec<&str> = Vec::new();
    let mut links = Vec::new();
    for f in &report.flows {
        let Some(v) = f.energy_gj else { continue };
        let a = ids.iter().position(|x| *x == f.from).unwrap_or_else(|| {
            ids.push(&f.from);
            ids.len() - 1
        });
        let b = ids.iter().position(|x| *x == f.to).unwrap_or_else(|| {
            ids.push(&f.to);
            ids.len() - 1
        });
        links.push(Link { source: a, target: b, value: v });
    }
    c.bench_function("sankey_layout_energy", |b| b.iter(|| plant_sankey::layout(black_box(ids.len()), &links, &Options::default())));
    c.bench_function("report_and_layout_whole_record", |b| {
        b.iter(|| {
            let r = plant_accounting::report(black_box(&site), &store, &book, t0, t1);
            let n = r.flows.len();
            plant_sankey::layout(ids.len(), &links, &Options::default());
            n
        })
    });
    // One sampling interval at a moving cursor: what the app computes every frame while playing.
    let mut t = t0;
    c.bench_function("report_now_one_minute", |b| {
        b.iter(|| {
            t = if t + 7_777_777 >= t1 - 60_000 { t0 } else { t + 7_777_777 };
            plant_accounting::report(black_box(&site), &store, &book, t, t + 60_000)
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
