//! The alarm engine's cost: the per-frame work of 5,000 alarm definitions at the cursor (each alarm's state
//! looked up in its timeline, with an operator log), and building the timelines over a day of 1-minute data.
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

criterion_group!(benches, bench);
criterion_main!(benches);
