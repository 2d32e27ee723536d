//! One model evaluation (µs) and one optimisation (ms) per process.
//!
//! `cargo bench -p plant-process --bench process`

use std::hint::black_box;
use std::sync::atomic::AtomicBool;

use criterion::{Criterion, criterion_group, criterion_main};
use plant_process::{Objective, OptimiseOptions, Prices, all, optimise};

fn bench(c: &mut Criterion) {
    let prices = Prices::default();
    for p in all() {
        let x = p.defaults();
        c.bench_function(&format!("evaluate_{}", p.id()), |b| b.iter(|| p.evaluate(black_box(&x), &prices)));
    }
    let mut g = c.benchmark_group("optimise");
    g.sample_size(10);
    for p in all() {
        let x = p.defaults();
        let opts = OptimiseOptions::for_process(p.as_ref(), Objective::Energy);
        g.bench_function(p.id(), |b| b.iter(|| optimise(p.as_ref(), black_box(&x), &opts, &AtomicBool::new(false), &mut |_| {})));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
