//! Looking up 1,000 meters at one instant, and window aggregates.
//!
//! `cargo bench -p plant-store --bench lookup`. 1,000 meters × 14 days of 1-minute samples (20,160 each,
//! 20 million samples in all), the size of a large site's record held in memory.

use std::hint::black_box;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use plant_store::{Series, Store};

fn store(meters: usize, samples: usize) -> Store {
    let mut s = Store::new();
    for m in 0..meters {
        let t: Vec<i64> = (0..samples as i64).map(|i| i * 60_000 + (m as i64 % 60) * 1000).collect();
        let v: Vec<f64> = (0..samples).map(|i| (i * (m + 1)) as f64 % 977.0).collect();
        s.insert(format!("meter-{m}"), Series::from_samples(t, v).0);
    }
    s
}

fn bench(c: &mut Criterion) {
    let samples = 14 * 1440;
    let s = store(1000, samples);
    let mut out = Vec::with_capacity(1000);
    let mut t = 0i64;
    c.bench_function("lookup_1000_meters_at_one_instant", |b| {
        b.iter(|| {
            // A new instant each time, across the record, so caches do not flatter the figure.
            t = (t + 7_777_777) % (samples as i64 * 60_000);
            s.readings_at(black_box(t), &mut out);
            black_box(&out);
        })
    });
    let one = s.get("meter-7").expect("meter");
    c.bench_function("aggregate_one_meter_whole_record", |b| b.iter(|| black_box(one.aggregate(black_box(0), black_box(i64::MAX)))));
    c.bench_function("aggregate_one_meter_one_day", |b| b.iter(|| black_box(one.aggregate(black_box(5 * 86_400_000), black_box(6 * 86_400_000)))));
    c.bench_function("build_series_20160_samples", |b| {
        b.iter_batched(
            || ((0..samples as i64).map(|i| i * 60_000).collect::<Vec<_>>(), (0..samples).map(|i| i as f64).collect::<Vec<_>>()),
            |(t, v)| black_box(Series::from_samples(t, v)),
            BatchSize::LargeInput,
        )
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
