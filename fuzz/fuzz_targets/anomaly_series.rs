//! Meter series into the anomaly detectors: `plant_anomaly::detect` on up to eight meters of any samples (a
//! start anywhere in i64 milliseconds, steps of 0 to 2³² s — a stray timestamp centuries away —, values any
//! f64: NaN, infinities, huge, constant, quantised), alike or not, as the viewer and `plant-twin anomalies`
//! call it on a site's store. It must answer, never panic, and within bounded memory; every anomaly names a
//! meter it was given (or none, for an outage of all) and starts no later than it ends.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Header: 8 bytes of start time, a byte of meter count (1–8) and whether they are alike.
    let Some((head, body)) = data.split_at_checked(9) else { return };
    let start = i64::from_le_bytes(head[..8].try_into().unwrap_or([0; 8]));
    let (n, alike) = (usize::from(head[8] % 8) + 1, head[8] & 0x80 != 0);
    let mut series: Vec<(Vec<i64>, Vec<f64>)> = vec![(Vec::new(), Vec::new()); n];
    let mut t = vec![start; n];
    // 13 bytes a sample: the meter, a step of 0–2³²−1 s from its last sample, an f64.
    for chunk in body.chunks_exact(13).take(20_000) {
        let m = usize::from(chunk[0]) % n;
        let step = i64::from(u32::from_le_bytes(chunk[1..5].try_into().unwrap_or([0; 4])));
        t[m] = t[m].saturating_add(step.saturating_mul(1_000));
        series[m].0.push(t[m]);
        series[m].1.push(f64::from_le_bytes(chunk[5..13].try_into().unwrap_or([0; 8])));
    }
    let ids: Vec<String> = (0..n).map(|i| format!("m{i}")).collect();
    let meters: Vec<plant_anomaly::MeterSeries<'_>> = series
        .iter()
        .zip(&ids)
        .map(|((t, v), id)| plant_anomaly::MeterSeries { id, peer_group: alike.then_some("g"), times_ms: t, values: v })
        .collect();
    let settings = plant_anomaly::Settings { min_peers: 3, ..Default::default() };
    let found = plant_anomaly::detect(&meters, &settings, &|_, _| true).expect("never cancelled");
    for a in &found {
        assert!(a.start_ms <= a.end_ms, "{a:?}");
        assert!(a.meter.as_ref().is_none_or(|m| ids.contains(m)), "{a:?}");
    }
});
