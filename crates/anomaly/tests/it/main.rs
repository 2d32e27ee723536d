//! The anomaly crate's tests: each kind found in a series where it was put, at its time and with its size,
//! nothing found in the same series without it, and the cement plant's known events found.

use std::path::Path;

use plant_anomaly::score::{KnownEvent, score};
use plant_anomaly::{Anomaly, Kind, MeterSeries, Settings, detect, site_anomalies};

const T0: i64 = 1_767_225_600_000; // 2026-01-01T00:00Z
const MIN: i64 = 60_000;
const DAY: usize = 1440;

/// Deterministic noise in [-1, 1] (a hash of the index and a seed; no random source needed).
fn noise(k: usize, seed: u64) -> f64 {
    let mut x = (k as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ seed.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 31;
    x = x.wrapping_mul(0x94D0_49BB_1331_11EB);
    x ^= x >> 29;
    (x % 2_000_001) as f64 / 1_000_000.0 - 1.0
}

/// Fourteen days of one-minute samples: 100 + a daily swing of 20 + noise of ±1, rounded to 0.01.
fn series(seed: u64) -> (Vec<i64>, Vec<f64>) {
    let n = 14 * DAY;
    let t = (0..n).map(|k| T0 + k as i64 * MIN).collect();
    let v = (0..n).map(|k| ((100.0 + 20.0 * (k as f64 / DAY as f64 * std::f64::consts::TAU).sin() + noise(k, seed)) * 100.0).round() / 100.0).collect();
    (t, v)
}

fn one(id: &str, t: &[i64], v: &[f64]) -> Vec<Anomaly> {
    detect(&[MeterSeries { id, peer_group: None, times_ms: t, values: v }], &Settings::default(), &|_, _| true).expect("not cancelled")
}

fn at(day: usize, h: usize, m: usize) -> usize {
    day * DAY + h * 60 + m
}

#[test]
fn a_clean_series_has_no_anomalies() {
    let (t, v) = series(1);
    assert_eq!(one("m", &t, &v), Vec::new());
}

#[test]
fn a_spike_is_found_where_it_is_with_its_size() {
    let (t, mut v) = series(2);
    let k = at(6, 10, 30);
    v[k] += 40.0;
    let found = one("m", &t, &v);
    assert_eq!(found.len(), 1, "{found:?}");
    let a = &found[0];
    assert_eq!((a.kind, a.start_ms, a.end_ms), (Kind::Spike, t[k], t[k]));
    assert!((a.size() - 40.0).abs() < 3.0, "size {}", a.size());
    assert_eq!(a.meter.as_deref(), Some("m"));
}

#[test]
fn an_hourly_meter_s_spike_is_found() {
    // 28 days of hourly values: a quarter hour of the day holds one sample in four (the others none).
    let n = 28 * 24;
    let t: Vec<i64> = (0..n).map(|k| T0 + k as i64 * 3_600_000).collect();
    let mut v: Vec<f64> = (0..n).map(|k| 100.0 + 40.0 * ((k % 24) as f64 / 24.0 * std::f64::consts::TAU).sin() + 3.0 * noise(k, 14)).collect();
    let k = 15 * 24 + 11;
    v[k] = 400.0;
    let found = one("hourly", &t, &v);
    assert_eq!(found.iter().map(|a| (a.kind, a.start_ms)).collect::<Vec<_>>(), vec![(Kind::Spike, t[k])], "{found:?}");
}

#[test]
fn a_stuck_meter_is_told_from_a_spike_and_a_gap() {
    let (t, mut v) = series(3);
    let (a, b) = (at(9, 2, 0), at(9, 5, 0));
    let held = v[a];
    v[a..=b].iter_mut().for_each(|x| *x = held);
    // A gap of two hours on day 4.
    let (g0, g1) = (at(4, 13, 0), at(4, 15, 0));
    let (t, v): (Vec<i64>, Vec<f64>) = t.iter().zip(&v).enumerate().filter(|(k, _)| !(g0..g1).contains(k)).map(|(_, (t, v))| (*t, *v)).unzip();
    let found = one("m", &t, &v);
    let kinds: Vec<Kind> = found.iter().map(|a| a.kind).collect();
    assert_eq!(kinds, vec![Kind::NoData, Kind::Stuck], "{found:?}");
    assert_eq!((found[0].start_ms, found[0].end_ms), (T0 + (g0 as i64 - 1) * MIN, T0 + g1 as i64 * MIN));
    assert_eq!((found[1].start_ms, found[1].end_ms), (T0 + a as i64 * MIN, T0 + b as i64 * MIN));
    assert_eq!(found[1].value, held);
}

#[test]
fn an_excursion_a_level_shift_and_a_drift_are_told_apart() {
    // An excursion of -30 for two hours on day 3.
    let (t, mut v) = series(4);
    let (a, b) = (at(3, 9, 0), at(3, 11, 0));
    v[a..b].iter_mut().for_each(|x| *x -= 30.0);
    let found = one("m", &t, &v);
    assert_eq!(found.iter().map(|a| a.kind).collect::<Vec<_>>(), vec![Kind::Deviation], "{found:?}");
    assert!((found[0].start_ms - t[a]).abs() <= 5 * MIN && (found[0].end_ms - t[b - 1]).abs() <= 5 * MIN, "{found:?}");
    assert!((found[0].size() + 30.0).abs() < 3.0);

    // The level 15 higher from day 8 on.
    let (t, mut v) = series(5);
    let k = at(8, 6, 0);
    v[k..].iter_mut().for_each(|x| *x += 15.0);
    let found = one("m", &t, &v);
    assert_eq!(found.iter().map(|a| a.kind).collect::<Vec<_>>(), vec![Kind::LevelShift], "{found:?}");
    assert!((found[0].start_ms - t[k]).abs() <= 2 * 3_600_000, "the shift is placed within two hours: {found:?}");
    assert!((found[0].size() - 15.0).abs() < 2.0, "{found:?}");

    // A drift of +0.5 an hour over the last three days.
    let (t, mut v) = series(6);
    let k = at(11, 0, 0);
    v[k..].iter_mut().enumerate().for_each(|(i, x)| *x += 0.5 * i as f64 / 60.0);
    let found = one("m", &t, &v);
    assert_eq!(found.iter().map(|a| a.kind).collect::<Vec<_>>(), vec![Kind::Drift], "{found:?}");
    assert!((found[0].start_ms - t[k]).abs() <= 6 * 3_600_000, "{found:?}");
    assert!((found[0].size() - 36.0).abs() < 6.0, "{found:?}");
}

#[test]
fn a_hold_every_day_at_the_same_time_is_usual_not_stuck() {
    // A staged pump: 60 kW held exactly from 08:00 to 11:00 every day, noisy otherwise.
    let (t, v) = series(15);
    let v: Vec<f64> = v.iter().enumerate().map(|(k, x)| if (8 * 60..11 * 60).contains(&(k % DAY)) { 60.0 } else { *x }).collect();
    assert_eq!(one("pump", &t, &v), Vec::new());
    // The same value held across a silence is not a value held through it.
    let (t, mut v) = series(16);
    let keep: Vec<usize> = (0..t.len()).filter(|k| !(at(6, 0, 0)..at(6, 3, 0)).contains(k)).collect();
    v[at(5, 23, 59)] = 77.0;
    v[at(6, 3, 0)] = 77.0;
    let (t, v): (Vec<i64>, Vec<f64>) = keep.iter().map(|&k| (t[k], v[k])).unzip();
    assert!(one("m", &t, &v).iter().all(|a| a.kind != Kind::Stuck), "{:?}", one("m", &t, &v));
}

#[test]
fn a_meter_silent_for_the_whole_window_is_no_data() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant");
    let opened = plant_site::open(&root).expect("the sample site");
    let data = plant_ingest::load_site_data(&opened.site, &|_, _| {});
    // The store without the calciner outlet's thermocouple.
    let mut store = plant_store::Store::new();
    for id in data.store.meter_ids().filter(|m| *m != "calciner-1.outlet-temp") {
        if let Some(s) = data.store.get_shared(id) {
            store.insert_shared(id, s.clone());
        }
    }
    let window = data.store.time_range().map(|(a, b)| (a, b + 1)).expect("a record");
    let found = site_anomalies(&opened.site, &store, Some(window), &Settings::default(), &|_, _| true).expect("not cancelled");
    let silent: Vec<&Anomaly> = found.iter().filter(|a| a.meter.as_deref() == Some("calciner-1.outlet-temp")).collect();
    assert_eq!(silent.len(), 1, "{silent:?}");
    assert_eq!((silent[0].kind, silent[0].start_ms, silent[0].end_ms), (Kind::NoData, window.0, window.1));
}

#[test]
fn a_flat_lined_meter_is_found() {
    let (t, mut v) = series(7);
    let (a, b) = (at(5, 8, 0), at(5, 12, 0));
    // The reading freezes but for its last digit (a sensor cut from its transmitter).
    v[a..b].iter_mut().enumerate().for_each(|(i, x)| *x = 110.0 + 0.01 * (i % 2) as f64);
    let found = one("m", &t, &v);
    assert!(found.iter().any(|x| x.kind == Kind::FlatLine && x.start_ms >= t[a] && x.end_ms < t[b]), "{found:?}");
    assert!(found.iter().all(|x| x.overlaps(t[a], t[b])), "{found:?}");
}

#[test]
fn a_usual_pattern_is_not_an_anomaly() {
    // A compressor loading and unloading at random and a mill stopping every evening with a ramp.
    let (t, _) = series(8);
    let load: Vec<f64> = (0..t.len()).map(|k| if noise(k / 7, 9) > 0.3 { 500.0 } else { 140.0 } + 10.0 * noise(k, 10)).collect();
    let mill: Vec<f64> = (0..t.len())
        .map(|k| {
            let m = k % DAY;
            let on = if (18 * 60..22 * 60).contains(&m) { (-((m - 18 * 60) as f64) / 5.0).exp() } else { 1.0 };
            (3650.0 * on + 20.0 * noise(k, 11)).max(0.0)
        })
        .collect();
    assert_eq!(one("compressor", &t, &load), Vec::new());
    assert_eq!(one("mill", &t, &mill), Vec::new());
}

#[test]
fn an_outlier_among_alike_meters_and_an_outage_of_all() {
    let (t, _) = series(12);
    let mut cells: Vec<Vec<f64>> = (0..10).map(|i| (0..t.len()).map(|k| 4.2 + 0.02 * i as f64 + 0.01 * noise(k, 100 + i)).collect()).collect();
    // Cell 3 in anode effect for three minutes.
    let k = at(7, 15, 0);
    cells[3][k..k + 3].iter_mut().for_each(|x| *x = 35.0);
    let ids: Vec<String> = (0..10).map(|i| format!("pot-{i:03}.voltage")).collect();
    // All ten silent for 40 minutes on day 9.
    let keep: Vec<usize> = (0..t.len()).filter(|k| !(at(9, 22, 40)..at(9, 23, 20)).contains(k)).collect();
    let tt: Vec<i64> = keep.iter().map(|&k| t[k]).collect();
    let vv: Vec<Vec<f64>> = cells.iter().map(|c| keep.iter().map(|&k| c[k]).collect()).collect();
    let meters: Vec<MeterSeries<'_>> = ids.iter().zip(&vv).map(|(id, v)| MeterSeries { id, peer_group: Some("cell"), times_ms: &tt, values: v }).collect();
    let found = detect(&meters, &Settings::default(), &|_, _| true).expect("not cancelled");
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!((found[0].kind, found[0].meter.as_deref(), found[0].start_ms), (Kind::PeerOutlier, Some("pot-003.voltage"), t[k]));
    assert!((found[0].expected - 4.29).abs() < 0.05 && found[0].value == 35.0, "{:?}", found[0]);
    assert_eq!((found[1].kind, found[1].meter.as_deref()), (Kind::DataOutage, None));
    assert_eq!((found[1].start_ms, found[1].end_ms), (t[at(9, 22, 39)], t[at(9, 23, 20)]));
}

#[test]
fn detection_can_be_cancelled() {
    let (t, v) = series(13);
    let meters = [MeterSeries { id: "a", peer_group: None, times_ms: &t, values: &v }, MeterSeries { id: "b", peer_group: None, times_ms: &t, values: &v }];
    assert!(detect(&meters, &Settings::default(), &|_, _| false).is_err());
    // Short and empty series are looked at without failing.
    let short = [MeterSeries { id: "s", peer_group: None, times_ms: &t[..2], values: &v[..2] }, MeterSeries { id: "e", peer_group: None, times_ms: &[], values: &[] }];
    assert_eq!(detect(&short, &Settings::default(), &|_, _| true), Ok(Vec::new()));
}

#[test]
fn scoring_counts_anomalies_and_events() {
    let a =
        |m: Option<&str>, s: i64, e: i64| Anomaly { meter: m.map(String::from), kind: Kind::Deviation, start_ms: s, end_ms: e, value: 0.0, expected: 0.0, score: 9.0, count: 1 };
    let ev = |m: &[&str], s: i64, e: i64| KnownEvent { name: "e".into(), meters: m.iter().map(|x| x.to_string()).collect(), start_ms: s, end_ms: e };
    let events = [ev(&["x"], 100, 200), ev(&[], 1000, 1100), ev(&["y"], 5000, 5100)];
    let found = [a(Some("x"), 150, 160), a(Some("x"), 190, 400), a(Some("y"), 100, 200), a(None, 1050, 1060), a(Some("z"), 3000, 3001)];
    let s = score(&found, &events, 0);
    assert_eq!((s.anomalies, s.right, s.events, s.found, s.per_event.clone()), (5, 3, 3, 2, vec![2, 1, 0]));
    assert!((s.precision() - 0.6).abs() < 1e-12 && (s.recall() - 2.0 / 3.0).abs() < 1e-12);
    // A tolerance reaches the anomaly just after the event.
    assert_eq!(score(&[a(Some("y"), 5150, 5160)], &events, 60).found, 1);
}

/// The "Done when" of the forecasts-and-anomalies work: on the cement plant the anomaly list finds the kiln
/// upset and the pyrometer outage (and the faulty thermocouples, each as its kind).
#[test]
fn the_cement_plant_s_upset_outage_and_faulty_thermocouples_are_found() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant");
    let opened = plant_site::open(&root).expect("the sample site");
    let data = plant_ingest::load_site_data(&opened.site, &|_, _| {});
    let found = site_anomalies(&opened.site, &data.store, None, &Settings::default(), &|_, _| true).expect("not cancelled");
    let record = plant_sitegen::cement::record(&plant_sitegen::cement::spec()).expect("the generator");
    let event = |name: &str| record.events.iter().find(|e| e.name == name).expect(name);
    let on = |kind: Kind, meter: &str, name: &str| {
        let e = event(name);
        found.iter().any(|a| a.kind == kind && a.meter.as_deref() == Some(meter) && a.overlaps(e.start_ms, e.end_ms))
    };
    assert!(on(Kind::Deviation, "kiln-1.burning-zone-temp", "kiln upset"), "{found:#?}");
    assert!(on(Kind::Deviation, "kiln-1.speed", "kiln upset"));
    assert!(on(Kind::NoData, "kiln-1.burning-zone-temp", "pyrometer outage"));
    assert!(on(Kind::Stuck, "cooler-1.exhaust-temp", "stuck thermocouple"));
    assert!(on(Kind::Drift, "calciner-1.outlet-temp", "thermocouple drift"));
    assert!(on(Kind::Deviation, "raw-mill-1.power", "raw-mill planned stop"));
    assert!(on(Kind::RecurringGap, "kiln-1.inlet-o2", "analyser calibration (daily)"));
    let spikes = found.iter().filter(|a| a.kind == Kind::Spike && a.meter.as_deref() == Some("cooler-1.secondary-air-temp")).count();
    assert_eq!(spikes, 3);
    // The kiln's coal against its heat balance (`[[whatif.checks]]`): the operators' extra main-burner coal
    // while the kiln recovers is more than the model needs at the measured clinker, O2 and exit gas — and it is
    // the only model deviation of the fortnight.
    let upset = event("kiln upset");
    let model: Vec<&Anomaly> = found.iter().filter(|a| a.kind == Kind::ModelDeviation).collect();
    assert!(!model.is_empty() && model.iter().all(|a| a.overlaps(upset.start_ms, upset.end_ms + 30 * MIN)), "{model:#?}");
    assert!(model.iter().all(|a| a.meter.as_deref() == Some("kiln-1.coal + calciner-1.coal") && a.value > a.expected));
    let outage = event("data-logger outage");
    assert!(found.iter().any(|a| a.kind == Kind::DataOutage && a.meter.is_none() && a.overlaps(outage.start_ms, outage.end_ms)));
    // Precision and recall as in BENCHMARKS.md: every event found, and most anomalies point at one.
    let events: Vec<KnownEvent> = record.events.iter().map(|e| KnownEvent { name: e.name.clone(), meters: e.meters.clone(), start_ms: e.start_ms, end_ms: e.end_ms }).collect();
    let s = score(&found, &events, 30 * MIN);
    assert_eq!(s.found, s.events, "{:?}", s.per_event);
    assert!(s.precision() >= 0.7, "precision {:.2}", s.precision());
}

#[test]
fn a_one_sample_anomaly_lasts_an_instant_not_zero_minutes() {
    plant_i18n::set_current(plant_i18n::Lang::En);
    assert_eq!(plant_anomaly::export::duration(0), "< 1 min");
    assert_eq!(plant_anomaly::export::duration(29_000), "< 1 min");
    assert_eq!(plant_anomaly::export::duration(60_000), "1 min");
    assert_eq!(plant_anomaly::export::duration(3 * 3_600_000), "3.0 h");
}

/// A check naming an output the model lacks, or a meter of another unit, cannot be run, and says so.
#[test]
fn a_model_check_that_cannot_be_run_says_why() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant");
    let text = std::fs::read_to_string(root.join("site.toml")).expect("site.toml");
    let text = text.replace("output = \"coal\"", "output = \"no-such-output\"\n\n[[whatif.checks]]\nmeter = \"kiln-1.speed\"\noutput = \"coal\"");
    let opened = plant_site::parse(&text, &root).expect("parses");
    let site = std::sync::Arc::new(opened.site);
    let unchecked = plant_anomaly::model::unchecked(&site);
    assert_eq!(unchecked.len(), 2, "{unchecked:?}");
    assert!(unchecked[0].reason.contains("no such output"), "{unchecked:?}");
    assert!(unchecked[1].reason.contains("t/h"), "the coal's unit against the speed's: {unchecked:?}");
}
