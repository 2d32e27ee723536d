//! A chart's line from the database (issue #17): a paged site's ±7-day chart is not paged in sample by
//! sample to be drawn; the database reduces each meter to what the chart can show — per pixel column its
//! minimum, maximum and last value (`min_over_time`, `max_over_time`, `last_over_time`, which every
//! Prometheus-API database has) — the M4 rule of [`plant_store::Series::m4`] (Jugel et al., PVLDB 7(10),
//! 2014) without the column's first value, which the standard functions cannot give: the first sample lies
//! between the column's minimum and maximum, so the line through minimum, maximum and last covers the same
//! pixels of the column, and only the one-pixel stroke into the column from the column before may differ.
//!
//! Columns are `[c · step, (c + 1) · step)` on a grid of absolute time, each asked for as
//! `f(selector[step] offset 1ms)` at its end, so the same column is the same numbers whichever window asks.

use std::collections::HashMap;
use std::sync::Arc;

use plant_site::Site;

use crate::client::{Connection, Error};
use crate::promql::plan;
use crate::read::{Keys, selectors};

/// The most columns asked for in one range query (Prometheus refuses more than 11,000 points a series).
const MAX_COLUMNS: i64 = 10_000;

/// What a chart asks of the database: these meters over `[t0, t1)` in columns of `step_ms`. `t0` and `t1`
/// are whole columns ([`ChartAsk::new`]).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ChartAsk {
    pub meters: Vec<String>,
    pub window: (i64, i64),
    pub step_ms: i64,
}

impl ChartAsk {
    /// `[t0, t1)` widened to whole columns of `step_ms` (at least one millisecond).
    pub fn new(meters: Vec<String>, (t0, t1): (i64, i64), step_ms: i64) -> ChartAsk {
        let step = step_ms.max(1);
        let a = t0.div_euclid(step) * step;
        let b = (t1.max(t0 + 1) - 1).div_euclid(step) * step + step;
        ChartAsk { meters, window: (a, b), step_ms: step }
    }
}

/// Each meter's line: per column with samples, its minimum and maximum at the column's middle (the one
/// nearer the line's previous value first) and its last value at the column's end, in time order.
pub type ChartLines = HashMap<String, Vec<(i64, f64)>>;

/// Asks the database for `ask`'s lines. Any request failing fails the whole chart.
pub fn chart(conn: &Connection, site: &Site, selector: &str, ask: &ChartAsk) -> Result<ChartLines, Error> {
    let meters: Vec<(String, String)> = site.meters.iter().filter(|m| ask.meters.contains(&m.id)).map(|m| (m.id.clone(), m.column.clone())).collect();
    let sels = selectors(plan(selector, &meters));
    let step = ask.step_ms.max(1);
    let (t0, t1) = ask.window;
    let mut requests = Vec::new();
    let mut first_end = t0 + step;
    while first_end <= t1 {
        let last_end = (first_end + (MAX_COLUMNS - 1) * step).min(t1);
        for (sel, keys) in &sels {
            for (k, f) in ["min_over_time", "max_over_time", "last_over_time"].into_iter().enumerate() {
                requests.push((k, format!("{f}({sel}[{step}ms] offset 1ms)"), keys.clone(), first_end, last_end));
            }
        }
        first_end = last_end + step;
    }
    let answers = conn.all(requests, |(k, q, keys, a, b): (usize, String, Arc<Keys>, i64, i64)| async move {
        let body = conn.query_range(&q, a, b, step).await?;
        let (series, _) = conn.parse(&body)?;
        Ok((k, keys, series))
    })?;
    // Per meter and series (labels): min, max and last by the column's end.
    type Columns = std::collections::BTreeMap<i64, [f64; 3]>;
    let mut found: HashMap<String, HashMap<std::collections::BTreeMap<String, String>, Columns>> = HashMap::new();
    for (k, keys, series) in answers {
        for s in series {
            let Some(meter) = keys.meter(&s) else { continue };
            let mut labels = s.labels.clone();
            labels.remove("__name__");
            let cols = found.entry(meter.to_string()).or_default().entry(labels).or_default();
            for (&t, &v) in s.times_ms.iter().zip(&s.values) {
                cols.entry(t).or_insert([f64::NAN; 3])[k] = v;
            }
        }
    }
    let mut out = ChartLines::new();
    for (meter, by) in found {
        // The series with the most columns, as the whole-window read keeps the one with the most samples.
        let Some((_, cols)) = by.into_iter().max_by_key(|(l, c)| (c.len(), std::cmp::Reverse(l.len()))) else { continue };
        out.insert(meter, line(&cols, step));
    }
    Ok(out)
}

/// A meter's columns (min, max, last by the column's end) as the points of its line.
pub fn line(columns: &std::collections::BTreeMap<i64, [f64; 3]>, step: i64) -> Vec<(i64, f64)> {
    let mut points: Vec<(i64, f64)> = Vec::with_capacity(columns.len() * 3);
    for (&end, &[lo, hi, last]) in columns {
        if !(lo.is_finite() && hi.is_finite() && last.is_finite()) {
            continue;
        }
        let mid = end - step / 2;
        let before = points.last().map_or(last, |p| p.1);
        // The extreme nearer the line's value so far first, so the line does not cross the column twice.
        let (a, b) = if (before - lo).abs() <= (hi - before).abs() { (lo, hi) } else { (hi, lo) };
        points.push((mid, a));
        if b != a {
            points.push((mid, b));
        }
        points.push((end - 1, last));
    }
    points
}
