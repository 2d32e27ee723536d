//! Anomaly detection scored and timed. A bench binary (figures, not criterion timings):
//!
//! - on the sample sites' known events (the generator's: a kiln upset, a planned stop, outages, faulty
//!   thermocouples, a chiller trip, anode effects…): precision and recall;
//! - on recorded data the project did not make (four Cambridge University buildings, 2019, hourly,
//!   `crates/forecast/data/`): faults put into each 28-day window (a spike, a stuck stretch, a drift, a gap), the
//!   share of each kind found, and how many other anomalies the real record shows;
//! - the time to look at 1,000 meters of 14 days of 1-minute data.
//!
//! `cargo bench -p plant-anomaly --bench anomaly --profile dev` (BENCHMARKS.md, "Anomalies"); `SHOW=1` lists
//! every anomaly of the sample sites.

use std::path::Path;
use std::time::Instant;

use plant_anomaly::score::{KnownEvent, points_at, score};
use plant_anomaly::{Kind, MeterSeries, Settings, detect, site_anomalies};

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

const HOUR: i64 = 3_600_000;

/// The four Cambridge buildings' hourly kWh of 2019: (name, times, values).
fn cambridge() -> Vec<(String, Vec<i64>, Vec<f64>)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../forecast/data/cambridge-estates-2019.csv");
    let text = std::fs::read_to_string(&path).expect("the Cambridge data");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let mut columns: Vec<Vec<f64>> = vec![Vec::new(); header.len() - 1];
    for line in lines {
        for (k, v) in line.split(',').skip(1).enumerate() {
            columns[k].push(v.parse().unwrap_or(f64::NAN));
        }
    }
    let start = 1_546_300_800_000; // 2019-01-01T00:00Z
    header[1..]
        .iter()
        .zip(columns)
        .map(|(h, v)| {
            let t = (0..v.len()).map(|k| start + k as i64 * HOUR).collect();
            (h.to_string(), t, v)
        })
        .collect()
}

/// Faults put into 28-day windows of real building data: in each window a spike (`spike_times` the window's
/// median for one hour), a stuck stretch (the reading held for 24 h), a drift (up to `drift_share` of the median
/// over 5 days, then back) and a 12-hour gap, at times that differ from window to window. Found: an anomaly of the
/// fault's kind overlapping it (a gap: "no data").
fn injected(spike_times: f64, drift_share: f64) {
    let mut found = [0usize; 4];
    let mut tried = 0usize;
    let mut other = 0usize;
    for (name, t, v) in cambridge() {
        for w in 0..13 {
            let (a, b) = (w * 672, ((w + 1) * 672).min(v.len()));
            if b - a < 672 {
                continue;
            }
            let (t, mut v) = (t[a..b].to_vec(), v[a..b].to_vec());
            let median = {
                let mut s: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
                s.sort_by(f64::total_cmp);
                s[s.len() / 2]
            };
            // Places: day 4 + w % 3 for the spike, day 9 for the stuck stretch, days 14-19 the drift, day 23 the gap.
            let spike = 4 * 24 + (w % 3) * 24 + 11 + w % 5;
            v[spike] = spike_times * median.max(1.0);
            let stuck = 9 * 24 + 6 + w % 4;
            let held = v[stuck];
            v[stuck..stuck + 24].iter_mut().for_each(|x| *x = held);
            let drift = 14 * 24;
            v[drift..drift + 120].iter_mut().enumerate().for_each(|(i, x)| *x += drift_share * median * i as f64 / 120.0);
            let gap = 23 * 24 + 3;
            let keep: Vec<usize> = (0..v.len()).filter(|k| !(gap..gap + 12).contains(k)).collect();
            let (tt, vv): (Vec<i64>, Vec<f64>) = keep.iter().map(|&k| (t[k], v[k])).unzip();
            let anomalies = detect(&[MeterSeries { id: &name, peer_group: None, times_ms: &tt, values: &vv }], &Settings::default(), &|_, _| true).expect("not cancelled");
            let faults =
                [(Kind::Spike, t[spike], t[spike]), (Kind::Stuck, t[stuck], t[stuck + 23]), (Kind::Drift, t[drift], t[drift + 119]), (Kind::NoData, t[gap - 1], t[gap + 12])];
            for (i, (kind, s, e)) in faults.iter().enumerate() {
                if anomalies.iter().any(|x| x.kind == *kind && x.overlaps(*s, *e)) {
                    found[i] += 1;
                }
            }
            other += anomalies.iter().filter(|x| !faults.iter().any(|(_, s, e)| x.overlaps(*s, *e))).count();
            tried += 1;
        }
    }
    println!(
        "## Cambridge buildings, faults put into {tried} windows of 28 days (hourly data): spikes of {spike_times} × the median, drifts to +{:.0} % of it",
        100.0 * drift_share
    );
    for (i, kind) in ["spike", "stuck", "drift", "gap (no data)"].iter().enumerate() {
        println!("  {kind}: found {} of {tried}", found[i]);
    }
    println!("  other anomalies (the record's own): {other} in {tried} windows, {:.1} a window", other as f64 / tried as f64);
}

/// 1,000 meters of 14 days of 1-minute data (the sample sites' meters, cycled), alike meters in groups as in
/// their sites: the time to look at them all.
fn cost() {
    let mut series: Vec<(String, String, Vec<i64>, Vec<f64>)> = Vec::new();
    for folder in ["cement-plant", "office-building", "aluminium-smelter"] {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites").join(folder);
        let opened = plant_site::open(&root).expect("the sample site");
        let data = plant_ingest::load_site_data(&opened.site, &|_, _| {});
        for m in &opened.site.meters {
            if let Some(s) = data.store.get(&m.id) {
                series.push((m.id.clone(), plant_anomaly::peer_group(&opened.site, m), s.times_ms().to_vec(), s.values().to_vec()));
            }
        }
    }
    let n = series.len();
    let ids: Vec<String> = (0..1000).map(|i| format!("{}#{}", series[i % n].0, i / n)).collect();
    let groups: Vec<String> = (0..1000).map(|i| format!("{}#{}", series[i % n].1, i / n)).collect();
    let meters: Vec<MeterSeries<'_>> = (0..1000).map(|i| MeterSeries { id: &ids[i], peer_group: Some(&groups[i]), times_ms: &series[i % n].2, values: &series[i % n].3 }).collect();
    let samples: usize = meters.iter().map(|m| m.values.len()).sum();
    for run in 0..3 {
        let started = Instant::now();
        let found = detect(&meters, &Settings::default(), &|_, _| true).expect("not cancelled");
        println!("## 1,000 meters, {samples} samples: {} anomalies in {:.2} s (run {})", found.len(), started.elapsed().as_secs_f64(), run + 1);
    }
}

fn main() {
    for folder in ["cement-plant", "office-building", "aluminium-smelter"] {
        site(folder);
    }
    for (spike, drift) in [(2.0, 0.4), (3.0, 1.0), (5.0, 2.0)] {
        injected(spike, drift);
    }
    cost();
}
