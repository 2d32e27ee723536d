//! Appending live samples: the series and its aggregates equal a series built from all samples at once.

use plant_store::{PushError, Reading, Series, Store};

#[test]
fn appended_samples_aggregate_like_a_series_built_at_once() {
    // 5,000 samples at 1 s with a gap, pushed one by one; compare with from_samples over many windows.
    let times: Vec<i64> = (0..5_000i64).map(|i| i * 1000 + if i > 3000 { 60_000 } else { 0 }).collect();
    let values: Vec<f64> = (0..5_000).map(|i| ((i * 37) % 101) as f64 - 50.0).collect();
    let mut live = Series::default();
    for (&t, &v) in times.iter().zip(&values) {
        live.push(t, v).expect("newer");
    }
    let (built, _) = Series::from_samples(times.clone(), values.clone());
    assert_eq!(live.len(), built.len());
    assert_eq!(live.interval_ms(), built.interval_ms());
    let end = *times.last().expect("last") + 1;
    for k in 0..200i64 {
        let t0 = (k * 7_919) % end;
        let t1 = t0 + (k * 104_729) % (end - t0).max(1) + 1;
        let (a, b) = (live.aggregate(t0, t1), built.aggregate(t0, t1));
        assert_eq!((a.count, a.min, a.max), (b.count, b.min, b.max), "window {t0}..{t1}");
        assert!((a.sum - b.sum).abs() < 1e-6, "window {t0}..{t1}");
        assert_eq!(live.reading_at(t0), built.reading_at(t0));
    }
}

#[test]
fn late_and_non_finite_samples_are_refused_and_a_repeat_replaces() {
    let mut s = Series::default();
    s.push(10_000, 1.0).expect("first");
    s.push(20_000, 2.0).expect("second");
    assert_eq!(s.push(15_000, 9.0), Err(PushError::OutOfOrder { last: 20_000 }));
    assert_eq!(s.push(30_000, f64::NAN), Err(PushError::NonFinite));
    s.push(20_000, 3.0).expect("same time replaces");
    assert_eq!(s.len(), 2);
    assert_eq!(s.reading_at(20_000).value(), Some(3.0));
    assert_eq!(s.aggregate(0, 100_000).max, 3.0);
}

#[test]
fn a_store_grows_a_series_on_the_first_live_sample() {
    let mut st = Store::new();
    st.push("m", 1_000, 5.0).expect("push");
    st.push("m", 2_000, 6.0).expect("push");
    assert_eq!(st.reading_at("m", 2_500), Reading::Value(plant_store::Sample { time_ms: 2_000, value: 6.0 }));
    assert_eq!(st.time_range(), Some((1_000, 2_000)));
}
