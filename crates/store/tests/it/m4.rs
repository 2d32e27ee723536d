//! The M4 reduction draws the same picture as all the samples: in every pixel column, the line through the
//! reduced points covers exactly the vertical range the line through all samples covers.

use plant_store::Series;

/// The vertical range a polyline covers in each of `columns` equal time columns of `[t0, t1)`.
fn coverage(points: &[(i64, f64)], t0: i64, t1: i64, columns: usize) -> Vec<Option<(f64, f64)>> {
    let span = (t1 - t0) as i128;
    let edge = |c: usize| (t0 as i128 + span * c as i128 / columns as i128) as f64;
    let mut out: Vec<Option<(f64, f64)>> = vec![None; columns];
    let mut add = |c: usize, y: f64| {
        let e = out[c].get_or_insert((y, y));
        e.0 = e.0.min(y);
        e.1 = e.1.max(y);
    };
    let edges: Vec<f64> = (0..columns).map(edge).collect();
    let column_of = |t: f64| edges.partition_point(|&e| e <= t).saturating_sub(1);
    for (i, &(t, v)) in points.iter().enumerate() {
        add(column_of(t as f64), v);
        let Some(&(tn, vn)) = points.get(i + 1) else { continue };
        // Where the segment to the next point crosses column edges: the line's height there counts for both.
        let (a, b) = (column_of(t as f64), column_of(tn as f64));
        for c in a + 1..=b {
            let x = edge(c);
            let y = v + (vn - v) * (x - t as f64) / (tn - t) as f64;
            add(c - 1, y);
            add(c, y);
        }
    }
    out
}

fn check(times: Vec<i64>, values: Vec<f64>, columns: usize) {
    let (s, _) = Series::from_samples(times, values);
    let (t0, t1) = s.time_range().map(|(a, b)| (a, b + 1)).expect("samples");
    let all: Vec<(i64, f64)> = s.times_ms().iter().copied().zip(s.values().iter().copied()).collect();
    let m4 = s.m4(t0, t1, columns);
    assert!(m4.len() <= 4 * columns, "{} points for {columns} columns", m4.len());
    assert!(m4.windows(2).all(|w| w[0].0 <= w[1].0), "in time order");
    let (want, got) = (coverage(&all, t0, t1, columns), coverage(&m4, t0, t1, columns));
    for (c, (w, g)) in want.iter().zip(&got).enumerate() {
        match (w, g) {
            (Some(w), Some(g)) => assert!((w.0 - g.0).abs() < 1e-9 && (w.1 - g.1).abs() < 1e-9, "column {c}: all samples cover {w:?}, M4 {g:?}"),
            (None, None) => {}
            _ => panic!("column {c}: {w:?} against {g:?}"),
        }
    }
}

/// A random walk (xorshift), deterministic.
fn walk(n: usize, seed: u64) -> Vec<f64> {
    let mut x = seed;
    let mut v = 0.0;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            v += (x % 2001) as f64 / 1000.0 - 1.0;
            v
        })
        .collect()
}

#[test]
fn a_year_of_minutes_in_400_columns_covers_what_all_samples_cover() {
    let n = 525_600;
    check((0..n as i64).map(|i| i * 60_000).collect(), walk(n, 7), 400);
}

#[test]
fn irregular_and_gappy_samples_too() {
    // Jittered times, a day-long gap, bursts of samples a second apart.
    let mut t = Vec::new();
    let mut now = 0i64;
    for i in 0..200_000i64 {
        now += if i % 5_000 < 50 { 1_000 } else { 45_000 + (i * 7919) % 30_000 };
        if i == 100_000 {
            now += 86_400_000;
        }
        t.push(now);
    }
    let v = walk(t.len(), 11);
    for columns in [1, 37, 640, 1920] {
        check(t.clone(), v.clone(), columns);
    }
}

#[test]
fn few_samples_come_back_as_they_are_and_a_window_cuts_them() {
    let (s, _) = Series::from_samples((0..100).map(|i| i * 1000).collect(), (0..100).map(|i| i as f64).collect());
    assert_eq!(s.m4(0, 100_000, 400).len(), 100);
    assert_eq!(s.m4(10_000, 20_000, 400), (10..20).map(|i| (i * 1000, i as f64)).collect::<Vec<_>>());
    assert!(s.m4(200_000, 300_000, 400).is_empty());
}
