use plant_store::Series;

/// Deterministic pseudo-random numbers (64-bit LCG), so the test needs no extra crate.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

fn brute(t: &[i64], v: &[f64], t0: i64, t1: i64) -> (u64, f64, f64, f64) {
    let mut n = 0;
    let (mut sum, mut min, mut max) = (0.0, f64::INFINITY, f64::NEG_INFINITY);
    for (&ti, &vi) in t.iter().zip(v) {
        if ti >= t0 && ti < t1 {
            n += 1;
            sum += vi;
            min = min.min(vi);
            max = max.max(vi);
        }
    }
    (n, sum, min, max)
}

#[test]
fn window_aggregates_match_brute_force_on_random_windows() {
    let mut rng = Lcg(42);
    for &n in &[0usize, 1, 31, 32, 33, 1023, 1024, 1025, 40_000] {
        let t: Vec<i64> = (0..n as i64).map(|i| i * 1000).collect();
        let v: Vec<f64> = (0..n).map(|_| (rng.next() % 10_000) as f64 / 7.0 - 300.0).collect();
        let (s, _) = Series::from_samples(t.clone(), v.clone());
        for _ in 0..300 {
            let a = (rng.next() % (n as u64 * 1000 + 2000)) as i64 - 1000;
            let b = (rng.next() % (n as u64 * 1000 + 2000)) as i64 - 1000;
            let (t0, t1) = (a.min(b), a.max(b));
            let got = s.aggregate(t0, t1);
            let (cn, csum, cmin, cmax) = brute(&t, &v, t0, t1);
            assert_eq!(got.count, cn, "n={n} window [{t0},{t1})");
            assert!((got.sum - csum).abs() <= 1e-6 * csum.abs().max(1.0), "sum n={n} [{t0},{t1})");
            if cn > 0 {
                assert_eq!(got.min, cmin);
                assert_eq!(got.max, cmax);
                assert!(got.mean().is_some());
            } else {
                assert_eq!(got.mean(), None);
            }
        }
    }
}

#[test]
fn window_is_half_open() {
    let (s, _) = Series::from_samples(vec![0, 10, 20, 30], vec![1.0, 2.0, 3.0, 4.0]);
    let (t, v) = s.window(10, 30);
    assert_eq!(t, &[10, 20]);
    assert_eq!(v, &[2.0, 3.0]);
    assert_eq!(s.aggregate(10, 30).sum, 5.0);
    assert_eq!(s.aggregate(30, 10).count, 0, "an inverted window is empty");
}

#[test]
fn m4_keeps_extremes_and_bounds_the_point_count() {
    let n = 100_000i64;
    let t: Vec<i64> = (0..n).collect();
    let mut v: Vec<f64> = (0..n).map(|i| (i % 100) as f64).collect();
    v[54_321] = 1e6; // a spike must survive decimation
    let (s, _) = Series::from_samples(t, v);
    let m4 = s.m4(0, n, 500);
    assert!(m4.len() <= 4 * 500);
    assert!(m4.iter().any(|&(_, v)| v == 1e6));
    assert!(m4.windows(2).all(|w| w[0].0 <= w[1].0), "times increase");
    // Small windows return raw samples.
    assert_eq!(s.m4(10, 20, 500), (10..20).map(|i| (i, (i % 100) as f64)).collect::<Vec<_>>());
}

#[test]
fn interpolated_search_agrees_with_binary_search_on_irregular_data() {
    let mut rng = Lcg(7);
    for &n in &[1usize, 2, 3, 10, 1000, 5000] {
        // Irregular: bursts, long gaps and repeated spacing.
        let mut t = Vec::with_capacity(n);
        let mut x = -5_000i64;
        for _ in 0..n {
            x += match rng.next() % 10 {
                0 => 1_000_000,
                1..=3 => 1,
                _ => (rng.next() % 60_000) as i64 + 1,
            };
            t.push(x);
        }
        let (s, _) = Series::from_samples(t.clone(), vec![1.0; n]);
        let lo = t[0] - 10;
        let hi = t[n - 1] + 10;
        for _ in 0..2000 {
            let q = lo + (rng.next() % (hi - lo) as u64) as i64;
            assert_eq!(s.count_until(q, true), t.partition_point(|&v| v <= q), "n={n} q={q}");
            assert_eq!(s.count_until(q, false), t.partition_point(|&v| v < q), "n={n} q={q}");
        }
        for &q in t.iter().take(50) {
            assert_eq!(s.count_until(q, true), t.partition_point(|&v| v <= q));
            assert_eq!(s.count_until(q, false), t.partition_point(|&v| v < q));
        }
        assert_eq!(s.count_until(i64::MIN, true), 0);
        assert_eq!(s.count_until(i64::MAX, false), n);
    }
}
