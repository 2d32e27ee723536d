//! Looking up 1,000 meters at one instant, and window aggregates.
//!
//! `cargo bench -p plant-store --bench lookup`. 1,000 meters × 14 days of 1-minute samples (20,160 each,
//! 20 million samples in all), the size of a large site's record held in memory; regular timestamps (the best
//! case for the interpolation-guided search) and irregular ones (jittered, gappy, bursty).

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

/// The same number of meters and samples, but as real meters write them: each timestamp jittered by up to
/// ±20 s, a two-hour outage every 2,000 samples, and every 500 samples a burst of 50 samples a second apart
/// (a meter reporting on change). Interpolation search guesses worse here; the galloping bracket bounds it.
fn irregular_store(meters: usize, samples: usize) -> Store {
    let mut s = Store::new();
    for m in 0..meters {
        let mut t = Vec::with_capacity(samples);
        let mut now = (m as i64 % 60) * 1000;
        let mut x = 0x9e37_79b9_7f4a_7c15u64 ^ m as u64;
        for i in 0..samples {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let step = if i % 500 < 50 { 1_000 } else { 60_000 + (x % 40_001) as i64 - 20_000 };
            now += step + if i % 2000 == 1999 { 7_200_000 } else { 0 };
            t.push(now);
        }
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
    let irregular = irregular_store(1000, samples);
    let end = irregular.time_range().map_or(1, |r| r.1);
    let mut t = 0i64;
    c.bench_function("lookup_1000_meters_at_one_instant_irregular", |b| {
        b.iter(|| {
            t = (t + 7_777_777) % end;
            irregular.readings_at(black_box(t), &mut out);
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
