//! Outliers among alike meters: at each instant the group's values are clustered by augurs' one-dimensional
//! DBSCAN (a meter is in the cluster when a chain of peers no further apart than ε links it to the rest; the
//! cluster must hold at least half the group). ε is the settings' deviation limit in σ of the peers' spread
//! (1.4826 · the MAD across the group, the median of it over time), so a cell that reads 0.3 V above 119
//! others that agree to 0.04 V stands out, and a cell in anode effect at 35 V stands out by far.

use augurs::outlier::{DbscanData, DbscanDetector, OutlierDetector};

use crate::detectors::median_interval;
use crate::robust::{self, MAD_TO_SIGMA};
use crate::{Anomaly, Kind, MeterSeries, Settings, TimestampMs};

/// The indices of the meters in each group of alike meters with at least `min_peers` members.
pub fn groups(meters: &[MeterSeries<'_>], min_peers: usize) -> Vec<Vec<usize>> {
    let mut keys: Vec<(&str, usize)> = meters.iter().enumerate().filter_map(|(i, m)| Some((m.peer_group?, i))).collect();
    keys.sort();
    keys.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() >= min_peers.max(3)).map(|g| g.iter().map(|k| k.1).collect()).collect()
}

/// Each member's value on a common grid (the first member's interval over the group's span); NaN where a
/// member has no sample within two of its intervals.
fn aligned(meters: &[MeterSeries<'_>], group: &[usize]) -> Option<(Vec<TimestampMs>, Vec<Vec<f64>>)> {
    let first = &meters[*group.first()?];
    let step = median_interval(first.times_ms).max(1_000);
    let t0 = group.iter().filter_map(|&i| meters[i].times_ms.first()).min()?;
    let t1 = group.iter().filter_map(|&i| meters[i].times_ms.last()).max()?;
    // A grid far longer than the members (a stray timestamp years away) would be mostly empty and could not
    // be held: such a group is not compared.
    let longest = group.iter().map(|&i| meters[i].times_ms.len()).max()?;
    let n = usize::try_from(t1.saturating_sub(*t0) / step).ok()?.checked_add(1)?;
    if n > 4 * longest + 16 {
        return None;
    }
    let grid: Vec<TimestampMs> = (0..n).map(|k| t0.saturating_add((k as i64).saturating_mul(step))).collect();
    let rows = group
        .iter()
        .map(|&i| {
            let m = &meters[i];
            let hold = median_interval(m.times_ms).max(step).saturating_mul(2);
            let mut j = 0;
            grid.iter()
                .map(|&t| {
                    while j + 1 < m.times_ms.len() && m.times_ms[j + 1] <= t {
                        j += 1;
                    }
                    match (m.times_ms.get(j), m.values.get(j)) {
                        (Some(&tj), Some(&v)) if tj <= t && t.saturating_sub(tj) <= hold => v,
                        _ => f64::NAN,
                    }
                })
                .collect()
        })
        .collect();
    Some((grid, rows))
}

/// The peer outliers of one group. The peers' spread is the median over the instants where they differ
/// at all (a group of fans off at night agrees exactly and would make any difference look large).
pub fn outliers(meters: &[MeterSeries<'_>], group: &[usize], s: &Settings) -> Vec<Anomaly> {
    let Some((grid, rows)) = aligned(meters, group) else { return Vec::new() };
    let mut column = vec![0.0; rows.len()];
    let mut centre = vec![f64::NAN; grid.len()];
    let mut spread = Vec::with_capacity(grid.len());
    for k in 0..grid.len() {
        column.iter_mut().zip(&rows).for_each(|(c, r)| *c = r[k]);
        centre[k] = robust::median(&column);
        let sd = robust::sigma(&column);
        // The instants where the group agrees exactly (all off) say nothing of its usual spread.
        if sd > 0.0 {
            spread.push(sd);
        }
    }
    let sig = robust::median_mut(&mut spread);
    let res = rows.iter().map(|r| robust::resolution(r)).fold(f64::INFINITY, f64::min);
    let sig = if sig > 0.0 {
        sig
    } else if res.is_finite() {
        res / MAD_TO_SIGMA
    } else {
        return Vec::new();
    };
    let epsilon = s.deviation_sigmas * sig;
    let refs: Vec<&[f64]> = rows.iter().map(|r| r.as_slice()).collect();
    let detector = DbscanDetector::with_epsilon(epsilon);
    let Ok(found) = DbscanData::try_from_row_major(&refs).and_then(|d| detector.detect(&d)) else { return Vec::new() };
    let mut out = Vec::new();
    for (series, (&i, row)) in found.series_results.iter().zip(group.iter().zip(&rows)) {
        for iv in &series.outlier_intervals.intervals {
            let end = iv.end.unwrap_or(grid.len()).min(grid.len());
            let Some(k) = (iv.start..end).max_by(|&a, &b| (row[a] - centre[a]).abs().total_cmp(&(row[b] - centre[b]).abs())) else { continue };
            let score = ((row[k] - centre[k]) / sig).abs();
            // DBSCAN finds the gap; the distance from the middle must also be worth a look (twice ε).
            if score < 2.0 * s.deviation_sigmas {
                continue;
            }
            let last = grid[end.saturating_sub(1).max(iv.start)];
            out.push(Anomaly {
                meter: Some(meters[i].id.to_string()),
                kind: Kind::PeerOutlier,
                start_ms: grid[iv.start],
                end_ms: last,
                value: row[k],
                expected: centre[k],
                score,
                count: 1,
            });
        }
    }
    out
}
