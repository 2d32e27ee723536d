//! A meter's samples into a forecast: `plant_forecast::forecast_samples` on any series (times from the input's
//! steps, values any f64 — NaN, infinities, huge, constant), as the viewer and `plant-twin forecast` call it.
//! History of 7 days (168 hourly steps, both seasons' code paths but the weekly: a fuzz input a second at 28 days).
//! It must answer (a forecast or an error), never panic; a forecast has as many steps as asked, each interval
//! around its point where the numbers are finite.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // 10 bytes a sample: a step of 0–65,535 s from the last (sorted times, repeats allowed), an f64.
    let mut t = 1_767_225_600_000i64;
    let (mut times, mut values) = (Vec::new(), Vec::new());
    for chunk in data.chunks_exact(10).take(5_000) {
        t += i64::from(u16::from_le_bytes([chunk[0], chunk[1]])) * 1_000;
        times.push(t);
        values.push(f64::from_le_bytes(chunk[2..10].try_into().unwrap_or([0; 8])));
    }
    let horizon = data.first().map_or(1, |b| usize::from(*b % 48) + 1);
    if let Ok((_, band)) = plant_forecast::forecast_samples(&times, &values, t + 1, 7 * 86_400_000, 3_600_000, horizon, 0.95) {
        assert_eq!(band.point.len(), horizon);
        assert_eq!((band.lower.len(), band.upper.len()), (horizon, horizon));
    }
});
