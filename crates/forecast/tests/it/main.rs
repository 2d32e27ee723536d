//! The forecast crate's tests: resampling and gaps, the baseline's published form, and forecasts on series
//! whose future is known.

use plant_forecast::{HOUR_MS, Method, Plan, Regular, backtest, fill_gaps, forecast, normal_quantile, resample, seasonal_naive, seasons};

const T0: i64 = 1_767_225_600_000; // 2026-01-01T00:00Z

fn regular(values: Vec<f64>) -> Regular {
    Regular { start_ms: T0, step_ms: HOUR_MS, values }
}

#[test]
fn resampling_means_per_step_and_gaps() {
    // Minute samples of 1..=120 over two hours, then nothing in the third hour, then a sample in the fourth.
    let mut times: Vec<i64> = (0..120).map(|k| T0 + k * 60_000).collect();
    let mut values: Vec<f64> = (1..=120).map(f64::from).collect();
    times.push(T0 + 3 * HOUR_MS + 5);
    values.push(7.0);
    let r = resample(&times, &values, T0, T0 + 4 * HOUR_MS, HOUR_MS);
    assert_eq!(r.values.len(), 4);
    assert_eq!(r.values[0], 30.5); // mean of 1..=60
    assert_eq!(r.values[1], 90.5); // mean of 61..=120
    assert!(r.values[2].is_nan());
    assert_eq!(r.values[3], 7.0);
    // A step cut by the end is left out; NaN samples do not count.
    let r = resample(&[T0, T0 + 1], &[f64::NAN, 4.0], T0, T0 + HOUR_MS + 1, HOUR_MS);
    assert_eq!(r.values, vec![4.0]);

    let mut g = Regular { start_ms: T0, step_ms: HOUR_MS, values: vec![f64::NAN, 1.0, f64::NAN, f64::NAN, 4.0, f64::NAN] };
    assert_eq!(fill_gaps(&mut g), 3);
    assert_eq!(g.start_ms, T0 + HOUR_MS);
    assert_eq!(g.values, vec![1.0, 2.0, 3.0, 4.0, 4.0]);
    let mut empty = regular(vec![f64::NAN; 3]);
    assert_eq!(fill_gaps(&mut empty), 0);
    assert!(empty.values.is_empty());
}

#[test]
fn seasons_need_two_cycles() {
    assert!(seasons(47, HOUR_MS).is_empty());
    assert_eq!(seasons(48, HOUR_MS), vec![24]);
    assert_eq!(seasons(335, HOUR_MS), vec![24]);
    assert_eq!(seasons(336, HOUR_MS), vec![24, 168]);
    assert_eq!(seasons(2 * 96, 15 * 60_000), vec![96]);
    // A step that divides neither the day nor the week gives no season.
    assert!(seasons(10_000, 11 * 60_000).is_empty());
}

#[test]
fn the_normal_quantile_against_published_tables() {
    // Standard normal table values (e.g. NIST/SEMATECH e-Handbook §1.3.6.7.1), to the digits printed there.
    for (p, z) in [(0.975, 1.959_964), (0.95, 1.644_854), (0.9, 1.281_552), (0.995, 2.575_829), (0.5, 0.0), (0.8, 0.841_621), (0.999, 3.090_232)] {
        assert!((normal_quantile(p) - z).abs() < 1e-6, "p {p}: {} against {z}", normal_quantile(p));
        assert!((normal_quantile(1.0 - p) + z).abs() < 1e-6);
    }
}

#[test]
fn the_seasonal_naive_forecast_and_its_interval() {
    // A repeating pattern of 4 with residuals ±1 after the first season: σ = sqrt(Σe²/(n−1)).
    let y = vec![10.0, 20.0, 30.0, 40.0, 11.0, 19.0, 31.0, 39.0, 10.0, 20.0, 30.0, 40.0];
    let band = seasonal_naive(&regular(y.clone()), 4, 6, 0.95).expect("forecast");
    assert_eq!(band.point, vec![10.0, 20.0, 30.0, 40.0, 10.0, 20.0]);
    assert_eq!(band.start_ms, T0 + 12 * HOUR_MS);
    let residuals: Vec<f64> = (4..12).map(|t| y[t] - y[t - 4]).collect();
    let sigma = (residuals.iter().map(|e| e * e).sum::<f64>() / 7.0).sqrt();
    let w0 = band.upper[0] - band.point[0];
    assert!((w0 - 1.959_964 * sigma).abs() < 1e-5, "{w0}");
    // A step one season further is √2 wider (FPP3 §5.5: σ√(k+1)).
    assert!(((band.upper[4] - band.point[4]) / w0 - 2f64.sqrt()).abs() < 1e-9);
    assert!(seasonal_naive(&regular(vec![1.0; 7]), 4, 2, 0.95).is_err());
}

/// A day-shaped load (low at night, a plateau by day) with a weekend dip, a slow trend and noise.
fn load(hours: usize, noise: f64) -> Vec<f64> {
    let mut state = 12345u64;
    let mut rnd = || {
        state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as f64 / (1u64 << 31) as f64) - 0.5
    };
    (0..hours)
        .map(|h| {
            let hour = (h % 24) as f64;
            let weekday = (h / 24) % 7 < 5;
            let day = if (7.0..19.0).contains(&hour) { 400.0 } else { 150.0 };
            let week = if weekday { 1.0 } else { 0.6 };
            day * week + 0.05 * h as f64 + noise * rnd()
        })
        .collect()
}

#[test]
fn a_forecast_follows_the_daily_and_weekly_pattern() {
    // Three weeks of history: both seasons are used, and the next day (a weekday) is forecast within a few %
    // of the pattern.
    let all = load(24 * 22, 20.0);
    let history = regular(all[..24 * 21].to_vec());
    let band = forecast(&history, 24, 0.95).expect("forecast");
    assert_eq!(band.method, Method::Mstl);
    assert_eq!(band.seasons, vec![24, 168]);
    assert_eq!(band.point.len(), 24);
    assert_eq!(band.start_ms, history.end_ms());
    let actual = &all[24 * 21..];
    let mae = band.point.iter().zip(actual).map(|(p, a)| (p - a).abs()).sum::<f64>() / 24.0;
    assert!(mae < 15.0, "mean absolute error {mae} on a 150–400 load with ±10 noise");
    let inside = actual.iter().enumerate().filter(|(h, a)| **a >= band.lower[*h] && **a <= band.upper[*h]).count();
    // The interval leaves out the seasonal parts' own uncertainty (docs/forecasts.md): here 16 of 24 hours fall
    // inside; the backtests measure its coverage on recorded data (BENCHMARKS.md).
    assert!(inside >= 14, "{inside} of 24 inside the 95 % interval");
    assert!(band.lower.iter().zip(&band.point).zip(&band.upper).all(|((l, p), u)| l <= p && p <= u));
    // Less than two days: ETS alone, a flat-ish forecast near the recent level.
    let short = forecast(&regular(all[..30].to_vec()), 6, 0.8).expect("forecast");
    assert_eq!(short.method, Method::Ets);
    assert!(short.seasons.is_empty());
    assert!(forecast(&regular(vec![1.0; 5]), 3, 0.95).is_err());
    // A constant meter: that value ahead, no width. The same pattern at 1e9 times the size (a meter total):
    // the same forecast, 1e9 times the size.
    let flat = forecast(&regular(vec![42.0; 60]), 4, 0.95).expect("flat");
    assert_eq!((flat.point.clone(), flat.lower, flat.upper), (vec![42.0; 4], vec![42.0; 4], vec![42.0; 4]));
    let big = forecast(&regular(all[..24 * 21].iter().map(|v| v * 1e9).collect()), 24, 0.95).expect("forecast");
    for (b, p) in big.point.iter().zip(&band.point) {
        assert!((b / 1e9 - p).abs() < 1e-6 * p.abs().max(1.0), "{b} against {p}");
    }
}

#[test]
fn the_backtest_scores_the_forecast_against_seasonal_naive() {
    // On a weekly-patterned load, the daily seasonal-naive forecast misses every Monday and Saturday, which
    // the MSTL forecast with the weekly season does not: its MASE is lower. With no noise the day pattern
    // is learnt exactly, so both errors are small next to the pattern.
    let series = regular(load(24 * 28, 10.0));
    let plan = Plan { season: 24, horizon: 24, first_origin: 24 * 14, every: 24, window: 0, level: 0.95 };
    let b = backtest(&series, plan).expect("backtest");
    assert_eq!(b.origins, 14);
    assert!(b.forecast.mase < b.seasonal_naive.mase, "{b:?}");
    assert!(b.forecast.coverage > 0.7, "{b:?}");
    assert!(b.forecast.mae > 0.0 && b.seasonal_naive.mae > 0.0);
    // Too little history before the first origin.
    assert!(backtest(&series, Plan { first_origin: 30, ..plan }).is_err());
    // A rolling window of two weeks gives the same origins, each forecast from its last 336 steps.
    let windowed = backtest(&series, Plan { window: 336, ..plan }).expect("backtest");
    assert_eq!(windowed.origins, 14);
    assert!(windowed.forecast.mase < windowed.seasonal_naive.mase, "{windowed:?}");
    assert!(backtest(&series, Plan { window: 30, ..plan }).is_err());
}
