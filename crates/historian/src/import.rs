//! `plant-twin import`: a site's recorded series pushed into VictoriaMetrics through its JSON-lines import
//! API, as `plant_twin_meter{site, meter, unit}`, resuming after what the database already holds.

use std::collections::HashMap;

use plant_site::{HISTORIAN_METRIC, Site};
use plant_store::Store;

use crate::client::{Connection, Error};
use crate::promql::quote;

/// Samples in one JSON line (one meter's run of samples).
const LINE_SAMPLES: usize = 10_000;
/// Samples in one request.
const REQUEST_SAMPLES: usize = 200_000;

/// Where and under which labels.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    /// The database's base URL (VictoriaMetrics single-node: `http://host:8428`).
    pub url: String,
    /// The `site` label: by default the package folder's name.
    pub site_label: String,
    /// A header and the `PLANT_TWIN_*` variable its value comes from.
    pub auth: Option<(String, String)>,
    pub timeout_ms: i64,
}

/// What an import did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    /// Meters with samples in the store.
    pub meters: usize,
    /// Samples sent now.
    pub sent: u64,
    /// Samples the database held already (not sent again).
    pub already: u64,
    pub requests: usize,
    /// The `[historian]` selector that reads the site back.
    pub selector: String,
    /// The recorded window, ms UTC.
    pub window: Option<(i64, i64)>,
    /// Samples of the site the database holds in the window after the import (counted by a query): fewer
    /// than `sent + already` means it dropped some (a retention shorter than the record, most often).
    pub held: Option<u64>,
}

/// The selector of a site's series under `site_label`, with `{meter}` for the meter's id.
pub fn selector_for(site_label: &str) -> String {
    format!("{HISTORIAN_METRIC}{{site=\"{}\",meter=\"{{meter}}\"}}", quote(site_label))
}

/// The time of each meter's last sample the database holds for this site (ms), by meter id.
fn last_held(conn: &Connection, site_label: &str, window: (i64, i64)) -> Result<HashMap<String, i64>, Error> {
    let q = format!("tlast_over_time({HISTORIAN_METRIC}{{site=\"{}\"}}[{}ms])", quote(site_label), window.1 - window.0 + 2);
    let body = conn.block_on(conn.query(&q, window.1 + 1))?;
    let (series, _) = conn.parse(&body)?;
    Ok(series
        .into_iter()
        .filter_map(|s| {
            let meter = s.labels.get("meter")?.clone();
            let v = s.values.first().copied().filter(|v| v.is_finite())?;
            Some((meter, (v * 1000.0).round() as i64))
        })
        .collect())
}

/// Pushes every meter's samples of `store` that are newer than the database's last for that meter, in time
/// order, a request at a time; `progress(sent, to_send)` after each. A failure stops the import: run it
/// again to go on from where it stopped. VictoriaMetrics is then asked to make the samples searchable at
/// once and to forget cached answers (both best effort: other databases lack the endpoints).
pub fn import(site: &Site, store: &Store, opts: &ImportOptions, progress: &dyn Fn(u64, u64)) -> Result<ImportReport, Error> {
    let auth = opts.auth.as_ref().map(|(h, e)| (h.as_str(), e.as_str()));
    let conn = Connection::new(&opts.url, auth, opts.timeout_ms)?;
    let mut report = ImportReport { selector: selector_for(&opts.site_label), window: store.time_range(), ..Default::default() };
    let Some(window) = report.window else { return Ok(report) };
    // What an import stopped a moment ago sent may still sit in VictoriaMetrics' buffers, unsearchable: made
    // searchable first, so that it is not sent again (a second copy would be stored beside the first).
    let _ = conn.block_on(conn.get("/internal/force_flush"));
    let held = last_held(&conn, &opts.site_label, window)?;
    // (meter, unit, first index to send) for every meter with samples.
    let mut todo = Vec::new();
    for m in &site.meters {
        let Some(series) = store.get(&m.id) else { continue };
        report.meters += 1;
        let from = held.get(&m.id).map_or(0, |&last| series.times_ms().partition_point(|&t| t <= last));
        report.already += from as u64;
        todo.push((m, series, from));
    }
    let total: u64 = todo.iter().map(|(_, s, from)| (s.len() - from) as u64).sum();
    progress(0, total);
    let mut body: Vec<u8> = Vec::new();
    let mut in_body = 0usize;
    for (m, series, from) in todo {
        let labels = serde_json::json!({ "__name__": HISTORIAN_METRIC, "site": opts.site_label, "meter": m.id, "unit": m.unit });
        let (times, values) = (series.times_ms(), series.values());
        let mut i = from;
        while i < times.len() {
            let j = (i + LINE_SAMPLES).min(times.len());
            let line = serde_json::json!({ "metric": labels, "values": &values[i..j], "timestamps": &times[i..j] });
            // A JSON value of numbers and strings always serialises.
            if serde_json::to_writer(&mut body, &line).is_ok() {
                body.push(b'\n');
            }
            in_body += j - i;
            i = j;
            if in_body >= REQUEST_SAMPLES {
                send(&conn, &mut body, &mut report, &mut in_body)?;
                progress(report.sent, total);
            }
        }
    }
    if in_body > 0 {
        send(&conn, &mut body, &mut report, &mut in_body)?;
        progress(report.sent, total);
    }
    for path in ["/internal/force_flush", "/internal/resetRollupResultCache"] {
        let _ = conn.block_on(conn.get(path));
    }
    report.held = count_held(&conn, &opts.site_label, window).ok();
    Ok(report)
}

/// How many samples of the site the database holds in the window.
fn count_held(conn: &Connection, site_label: &str, window: (i64, i64)) -> Result<u64, Error> {
    let q = format!("sum(count_over_time({HISTORIAN_METRIC}{{site=\"{}\"}}[{}ms]))", quote(site_label), window.1 - window.0 + 2);
    let body = conn.block_on(conn.query(&q, window.1 + 1))?;
    let (series, _) = conn.parse(&body)?;
    Ok(series.first().and_then(|s| s.values.first()).copied().filter(|v| v.is_finite() && *v >= 0.0).map_or(0, |v| v.round() as u64))
}

fn send(conn: &Connection, body: &mut Vec<u8>, report: &mut ImportReport, in_body: &mut usize) -> Result<(), Error> {
    conn.block_on(conn.post("/api/v1/import", std::mem::take(body)))?;
    report.sent += *in_body as u64;
    report.requests += 1;
    *in_body = 0;
    Ok(())
}
