//! The CPU a frame costs to chart a year of one-minute samples (525,600 points) in an inspector-sized plot:
//! the M4 reduction to the plot's pixel columns, egui_plot's layout and egui's tessellation, as the
//! inspector does each frame. Beside it, the same plot fed every sample (what M4 saves).
//!
//! `cargo bench -p plant-inspector --bench chart` (BENCHMARKS.md).

use std::hint::black_box;

use bevy_egui::egui;
use criterion::{Criterion, criterion_group, criterion_main};
use egui_plot::{Line, Plot};
use plant_store::Series;

const MINUTES_A_YEAR: i64 = 525_600;

fn year() -> Series {
    let mut x = 0x2545_f491_4f6c_dd1du64;
    let mut v = 500.0;
    let values: Vec<f64> = (0..MINUTES_A_YEAR)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            v += (x % 2001) as f64 / 100.0 - 10.0;
            v
        })
        .collect();
    Series::from_samples((0..MINUTES_A_YEAR).map(|i| i * 60_000).collect(), values).0
}

/// One egui frame holding one plot of `points`, tessellated.
fn frame(ctx: &egui::Context, points: Vec<[f64; 2]>, width: f32) -> usize {
    let input = egui::RawInput { screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(width + 100.0, 200.0))), ..Default::default() };
    let mut points = Some(points);
    let out = ctx.run_ui(input, |ui| {
        Plot::new("chart").width(width).height(90.0).allow_drag(false).allow_zoom(false).allow_scroll(false).show(ui, |plot| {
            plot.line(Line::new("meter", points.take().unwrap_or_default()).width(1.2));
        });
    });
    let mut textures = out.textures_delta;
    // No GPU here to take the font atlas: the frame's texture changes are dropped on purpose.
    textures.clear();
    ctx.tessellate(out.shapes, out.pixels_per_point).len()
}

fn bench(c: &mut Criterion) {
    let series = year();
    let (t0, t1) = (0, MINUTES_A_YEAR * 60_000);
    let to_points = |p: &[(i64, f64)]| p.iter().map(|&(t, v)| [t as f64 / 3_600_000.0, v]).collect::<Vec<_>>();
    for width in [400usize, 1600] {
        let ctx = egui::Context::default();
        c.bench_function(&format!("chart_year_of_minutes_m4_{width}px"), |b| {
            b.iter(|| {
                let reduced = series.m4(black_box(t0), black_box(t1), width);
                black_box(frame(&ctx, to_points(&reduced), width as f32))
            })
        });
        c.bench_function(&format!("m4_only_year_of_minutes_{width}px"), |b| b.iter(|| black_box(series.m4(black_box(t0), black_box(t1), width))));
    }
    let all: Vec<(i64, f64)> = series.times_ms().iter().copied().zip(series.values().iter().copied()).collect();
    let ctx = egui::Context::default();
    let mut group = c.benchmark_group("chart_year_of_minutes_all_points");
    group.sample_size(10);
    group.bench_function("400px", |b| b.iter(|| black_box(frame(&ctx, to_points(&all), 400.0))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
