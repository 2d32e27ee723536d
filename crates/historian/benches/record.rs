//! The benchmarks' record: 1,000 one-minute power meters over 30 days (43.2 million samples), and the cursor
//! instants they jump to. Shared by `scrub` (the pager and the database) and the app's `viewer_scrub` (the
//! viewer end to end, `#[path]`).

#![allow(dead_code)] // each benchmark uses its part

use plant_store::{Series, Store};

pub const METERS: usize = 1000;
pub const DAYS: i64 = 30;
pub const MINUTE: i64 = 60_000;
pub const HOUR: i64 = 3_600_000;
pub const T0: i64 = 1_793_548_800_000; // 2026-11-02 00:00 +08:00

/// Every meter's samples: a sawtooth of its own period, one a minute, the time column shared.
pub fn record() -> Store {
    let n = (DAYS * 24 * 60) as usize;
    let times: Vec<i64> = (0..n as i64).map(|i| T0 + i * MINUTE).collect();
    let mut store = Store::new();
    for m in 0..METERS {
        let values: Vec<f64> = (0..n).map(|i| 100.0 + ((i * (m + 7)) % 613) as f64 * 0.5).collect();
        store.insert(format!("m{m}"), Series::from_samples(times.clone(), values).0);
    }
    store.share_equal_times();
    store
}

/// The median and the 95th percentile.
pub fn percentiles(mut ms: Vec<f64>) -> (f64, f64) {
    ms.sort_by(|a, b| a.total_cmp(b));
    let at = |p: f64| ms[((ms.len() - 1) as f64 * p).round() as usize];
    (at(0.5), at(0.95))
}

/// Cursor instants spread over the month (a fixed sequence).
pub fn jumps(k: usize) -> Vec<i64> {
    (0..k as i64).map(|i| T0 + 2 * HOUR + (i * 7_919 * MINUTE * 13) % ((DAYS * 24 - 4) * HOUR)).collect()
}
