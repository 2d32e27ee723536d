//! Anomaly detection scored on the sample sites' known events (precision, recall) and its cost.
//!
//! `cargo bench -p plant-anomaly --bench anomaly --profile dev` (figures in BENCHMARKS.md, "Anomalies").

use std::path::Path;
use std::time::Instant;

use plant_anomaly::score::{KnownEvent, points_at, score};
use plant_anomaly::{Settings, site_anomalies};

fn site(folder: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites").join(folder);
    let opened = plant_site::open(&root).expect("the sample site");
    let data = plant_ingest::load_site_data(&opened.site, &|_, _| {});
    let spec = match folder {
        "cement-plant" => plant_sitegen::cement::spec(),
        "office-building" => plant_sitegen::office::spec(),
        _ => plant_sitegen::smelter::spec(),
    };
    let record = match folder {
        "cement-plant" => plant_sitegen::cement::record(&spec),
        "office-building" => plant_sitegen::office::record(&spec),
        _ => plant_sitegen::smelter::record(&spec),
    }
    .expect("the generator");
    let events: Vec<KnownEvent> = record.events.iter().map(|e| KnownEvent { name: e.name.clone(), meters: e.meters.clone(), start_ms: e.start_ms, end_ms: e.end_ms }).collect();
    let started = Instant::now();
    let found = site_anomalies(&opened.site, &data.store, None, &Settings::default(), &|_, _| true).expect("not cancelled");
    let took = started.elapsed();
    let tol = 30 * 60_000;
    let s = score(&found, &events, tol);
    println!("## {folder}: {} anomalies, precision {:.2}, recall {:.2} ({} of {} events), {:.2} s", s.anomalies, s.precision(), s.recall(), s.found, s.events, took.as_secs_f64());
    let mut names: Vec<&str> = events.iter().map(|e| e.name.as_str()).collect();
    names.dedup();
    for name in names {
        let (n, f) = events.iter().zip(&s.per_event).filter(|(e, _)| e.name == name).fold((0, 0), |(n, f), (_, &k)| (n + 1, f + usize::from(k > 0)));
        println!("  {name}: found {f} of {n}");
    }
    if std::env::var("SHOW").is_ok() {
        for a in &found {
            let hit = events.iter().find(|e| points_at(a, e, tol)).map_or("-", |e| e.name.as_str());
            println!("  {:?} {:?} {} {} {:.2} {:.2} {:.1} x{} [{hit}]", a.kind, a.meter, a.start_ms, (a.end_ms - a.start_ms) / 60_000, a.value, a.expected, a.score, a.count);
        }
    }
}

fn main() {
    for folder in ["cement-plant", "office-building", "aluminium-smelter"] {
        site(folder);
    }
}
