//! The live path's throughput and per-frame cost.
//!
//! `cargo bench -p plant-live --bench live`
//!
//! - absorbing: 1,000 meters, each with a day of 1-second history (86,400 samples), take one new sample
//!   each; `apply` appends them to the store (what the app does with every batch a source reports). The
//!   figure is the time per 1,000 samples, from which samples per second follow.
//! - a frame's live work for 1,000 meters at 1 Hz: the frame's share of samples (1,000 per second, at
//!   60 frames per second ≈ 17 per frame, bench: 1,000 at once, the worst frame) appended, then every
//!   meter read at the cursor as the 3D colours and the inspector do.
//! - parsing one 1,000-meter JSON payload (the HTTP JSON source's work per poll).

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use plant_store::{Series, Store};

const METERS: usize = 1_000;
const HISTORY: i64 = 86_400;

fn store() -> Store {
    let mut s = Store::new();
    for m in 0..METERS {
        let t: Vec<i64> = (0..HISTORY).map(|i| i * 1000).collect();
        let v: Vec<f64> = (0..HISTORY).map(|i| ((i as usize * (m + 1)) % 997) as f64).collect();
        s.insert(format!("meter-{m}"), Series::from_samples(t, v).0);
    }
    s
}

fn bench(c: &mut Criterion) {
    let ids: Vec<String> = (0..METERS).map(|m| format!("meter-{m}")).collect();
    let mut st = store();
    let mut t = HISTORY * 1000;
    c.bench_function("apply_1000_live_samples", |b| {
        b.iter_batched(
            || {
                t += 1000;
                ids.iter().enumerate().map(|(m, id)| (id.clone(), t, m as f64)).collect::<Vec<_>>()
            },
            |batch| plant_live::apply(black_box(&mut st), &batch),
            BatchSize::SmallInput,
        )
    });
    let mut out = Vec::with_capacity(METERS);
    c.bench_function("frame_live_update_1000_meters", |b| {
        b.iter_batched(
            || {
                t += 1000;
                ids.iter().enumerate().map(|(m, id)| (id.clone(), t, m as f64)).collect::<Vec<_>>()
            },
            |batch| {
                let now = batch.first().map_or(0, |b| b.1);
                let a = plant_live::apply(black_box(&mut st), &batch);
                st.readings_at(now, &mut out);
                (a, out.len())
            },
            BatchSize::SmallInput,
        )
    });
    let meters: Vec<(String, String)> = ids.iter().map(|id| (id.clone(), format!("/meters/{id}"))).collect();
    let body = {
        let mut m = serde_json::Map::new();
        for (k, id) in ids.iter().enumerate() {
            m.insert(id.clone(), serde_json::json!(k as f64 * 1.5));
        }
        serde_json::json!({"timestamp": "2026-11-24T08:00:00Z", "meters": m}).to_string()
    };
    c.bench_function("parse_json_payload_1000_meters", |b| b.iter(|| plant_live::parse_json(black_box(&body), Some("/timestamp"), plant_live::TimestampUnit::Rfc3339, &meters, 0)));
}

criterion_group!(benches, bench);
criterion_main!(benches);
