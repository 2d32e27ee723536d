//! The alarm engine's cost: the per-frame work of 5,000 alarm definitions at the cursor (each alarm's state
//! looked up in its timeline, with an operator log), building the timelines over a day of 1-minute data, and
//! building the cement plant's alarm on its kiln model's expected coal over the sample's fortnight.
//!
//! `cargo bench -p plant-alarms --bench alarms`

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use plant_alarms::engine::{Action, ActionKind, Timeline, state_at};
use plant_alarms::{AlarmDef, Kind, Priority};
use plant_store::{Series, Store};

const ALARMS: usize = 5_000;
const MINUTES: i64 = 1_440;

fn setup() -> (Vec<AlarmDef>, Store) {
    let mut store = Store::new();
    let mut defs = Vec::with_capacity(ALARMS);
    for m in 0..ALARMS {
        let t: Vec<i64> = (0..MINUTES).map(|i| i * 60_000).collect();
        // A slow wave with a per-meter phase: each alarm activates a few times a day.
        let v: Vec<f64> = (0..MINUTES).map(|i| ((i as f64 + m as f64 * 7.0) / 90.0).sin() * 10.0).collect();
        store.insert(format!("meter-{m}"), Series::from_samples(t, v).0);
        defs.push(AlarmDef {
            id: format!("alarm-{m}"),
            meter: format!("meter-{m}"),
            terms: Vec::new(),
            kind: Kind::High,
            limit: 8.0,
            deadband: 0.5,
            on_delay_ms: 60_000,
            off_delay_ms: 120_000,
            priority: Priority::Medium,
            reference: None,
            expected: None,
            anomalies: Vec::new(),
            message: String::new(),
            message_zh: None,
        });
    }
    (defs, store)
}

fn bench(c: &mut Criterion) {
    let (defs, store) = setup();
    c.bench_function("timelines of 5,000 alarms over a day of 1-minute data", |b| b.iter(|| defs.iter().map(|d| Timeline::build(d, &store).episodes.len()).sum::<usize>()));
    let timelines: Vec<Timeline> = defs.iter().map(|d| Timeline::build(d, &store)).collect();
    // An operator log of 500 actions, kept per alarm as the viewer keeps it.
    let mut actions: Vec<Vec<Action>> = vec![Vec::new(); ALARMS];
    for k in 0..500usize {
        let i = (k * 97) % ALARMS;
        actions[i].push(Action { t_ms: k as i64 * 60_000, alarm: format!("alarm-{i}"), kind: ActionKind::Acknowledge, note: String::new() });
    }
    let mut frame = 0i64;
    c.bench_function("state of 5,000 alarms at the cursor (one frame)", |b| {
        b.iter(|| {
            frame = (frame + 7_919) % (MINUTES * 60_000);
            defs.iter().zip(&timelines).zip(&actions).filter(|((d, tl), a)| state_at(&d.id, tl, a, black_box(frame)).annunciated()).count()
        })
    });
}

/// The sample cement plant's deviation from its kiln model over its recorded fortnight (1-minute data): the
/// model evaluated once a minute at the 15-minute means of its settings.
fn model_alarm(c: &mut Criterion) {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant");
    let Ok(opened) = plant_site::open(&root) else { return };
    let site = opened.site;
    let store = plant_ingest::load_site_data(&site, &|_, _| {}).store;
    let Ok(Some((alarms, _))) = plant_alarms::load_for_site(&site) else { return };
    let Some(def) = alarms.alarms.iter().find(|a| a.expected.is_some()) else { return };
    let mut g = c.benchmark_group("model alarm");
    g.sample_size(10);
    g.bench_function("the kiln model's coal alarm over the cement plant's fortnight", |b| b.iter(|| Timeline::build(def, &store).episodes.len()));
    g.finish();
}

criterion_group!(benches, bench, model_alarm);
criterion_main!(benches);
