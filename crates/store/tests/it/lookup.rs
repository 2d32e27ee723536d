use plant_store::{Reading, Sample, Series, Store};

const MIN: i64 = 60_000;

fn minute_series(n: i64) -> Series {
    let t: Vec<i64> = (0..n).map(|i| 1_000_000 + i * MIN).collect();
    let v: Vec<f64> = (0..n).map(|i| i as f64).collect();
    Series::from_samples(t, v).0
}

#[test]
fn reading_before_first_sample_is_before_start() {
    let s = minute_series(10);
    assert_eq!(s.reading_at(999_999), Reading::BeforeStart);
    assert_eq!(s.reading_at(i64::MIN), Reading::BeforeStart);
}

#[test]
fn reading_exactly_at_a_sample_is_that_sample() {
    let s = minute_series(10);
    assert_eq!(s.reading_at(1_000_000), Reading::Value(Sample { time_ms: 1_000_000, value: 0.0 }));
    assert_eq!(s.reading_at(1_000_000 + 9 * MIN).value(), Some(9.0));
}

#[test]
fn reading_between_samples_holds_the_previous_one() {
    let s = minute_series(10);
    assert_eq!(s.reading_at(1_000_000 + 3 * MIN + 59_999).value(), Some(3.0));
}

#[test]
fn reading_after_end_is_held_for_three_intervals_then_no_data() {
    let s = minute_series(10);
    let last = 1_000_000 + 9 * MIN;
    assert_eq!(s.hold_ms(), 3 * MIN);
    assert_eq!(s.reading_at(last + 3 * MIN).value(), Some(9.0));
    assert!(matches!(s.reading_at(last + 3 * MIN + 1), Reading::AfterEnd { last: Sample { value, .. } } if value == 9.0));
}

#[test]
fn reading_inside_a_gap_is_a_gap_not_a_value() {
    let mut t: Vec<i64> = (0..10).map(|i| i * MIN).collect();
    t.extend((30..40).map(|i| i * MIN));
    let v = vec![1.0; t.len()];
    let (s, _) = Series::from_samples(t, v);
    assert_eq!(s.gaps(), vec![(9 * MIN, 30 * MIN)]);
    assert!(matches!(s.reading_at(20 * MIN), Reading::Gap { .. }));
    assert_eq!(s.reading_at(11 * MIN).value(), Some(1.0), "within the hold time");
    assert_eq!(s.reading_at(30 * MIN).value(), Some(1.0));
}

#[test]
fn empty_series_reads_before_start_everywhere() {
    let (s, _) = Series::from_samples(vec![], vec![]);
    assert!(s.is_empty());
    assert_eq!(s.reading_at(0), Reading::BeforeStart);
    assert_eq!(s.aggregate(i64::MIN, i64::MAX).count, 0);
    assert_eq!(s.time_range(), None);
}

#[test]
fn single_sample_has_no_hold_beyond_itself() {
    let (s, _) = Series::from_samples(vec![5], vec![2.5]);
    assert_eq!(s.reading_at(5).value(), Some(2.5));
    assert!(matches!(s.reading_at(6), Reading::AfterEnd { .. }));
}

#[test]
fn out_of_order_input_is_sorted_and_counted() {
    let (s, r) = Series::from_samples(vec![3 * MIN, MIN, 2 * MIN, 0], vec![3.0, 1.0, 2.0, 0.0]);
    assert_eq!(s.times_ms(), &[0, MIN, 2 * MIN, 3 * MIN]);
    assert_eq!(s.values(), &[0.0, 1.0, 2.0, 3.0]);
    assert_eq!(r.out_of_order, 2);
}

#[test]
fn duplicate_timestamps_keep_the_last_value_given() {
    let (s, r) = Series::from_samples(vec![0, MIN, MIN, 2 * MIN, MIN], vec![0.0, 1.0, 1.5, 2.0, 1.7]);
    assert_eq!(s.times_ms(), &[0, MIN, 2 * MIN]);
    assert_eq!(s.values(), &[0.0, 1.7, 2.0]);
    assert_eq!(r.duplicates, 2);
}

#[test]
fn non_finite_values_are_dropped_and_counted() {
    let (s, r) = Series::from_samples(vec![0, MIN, 2 * MIN], vec![1.0, f64::NAN, f64::INFINITY]);
    assert_eq!(s.len(), 1);
    assert_eq!(r.non_finite, 2);
}

#[test]
fn store_replaces_a_meters_series_and_keeps_keys_stable() {
    let mut store = Store::new();
    store.insert("a", minute_series(3));
    store.insert("b", minute_series(5));
    let key_b = store.key("b");
    store.insert("a", minute_series(7));
    assert_eq!(store.len(), 2);
    assert_eq!(store.key("b"), key_b);
    assert_eq!(store.get("a").map(Series::len), Some(7));
    assert_eq!(store.meter_ids().collect::<Vec<_>>(), vec!["a", "b"]);
    assert_eq!(store.sample_count(), 12);
    assert_eq!(store.reading_at("missing", 0), Reading::BeforeStart);
    let mut out = Vec::new();
    store.readings_at(1_000_000 + 4 * MIN, &mut out);
    assert_eq!(out.iter().map(Reading::value).collect::<Vec<_>>(), vec![Some(4.0), Some(4.0)]);
}
