//! Reading a site's recorded data from its `[historian]`: raw samples a chunk of time and a batch of meters
//! per request, into the same samples-per-meter the data files give.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use plant_i18n::msg;
use plant_ingest::{Ingested, Progress, Samples};
use plant_site::{Diagnostic, Historian, Site};

use crate::client::IN_FLIGHT;
use crate::client::{Connection, Error};
use crate::parse::Series;
use crate::promql::{Plan, plan};

/// How far back the window's start is looked for when `[historian]` gives no `from` (VictoriaMetrics'
/// `tfirst_over_time`).
const DISCOVER_DAYS: i64 = 3650;

/// What reading the database gave: the samples per meter, what is worth telling, and how it went.
#[derive(Debug, Default)]
pub struct HistorianRead {
    pub samples: Samples,
    pub diagnostics: Vec<Diagnostic>,
    /// The window read, ms UTC (inclusive).
    pub window: (i64, i64),
    pub requests: usize,
}

/// One request: the selector, which meter each answered series is, and the chunk's end and length.
struct Request {
    selector: Arc<str>,
    keys: Arc<Keys>,
    end_ms: i64,
    span_ms: i64,
}

/// How an answered series is told to be a meter's.
pub(crate) enum Keys {
    /// Every series of the answer is this meter's.
    One(String),
    /// By this label's value.
    ByLabel(String, HashMap<String, String>),
}

impl Keys {
    pub(crate) fn meter<'a>(&'a self, s: &Series) -> Option<&'a str> {
        match self {
            Keys::One(m) => Some(m),
            Keys::ByLabel(label, map) => s.labels.get(label).and_then(|v| map.get(v)).map(String::as_str),
        }
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_millis() as i64)
}

/// The selectors of a plan, each with how its answers map to meters.
pub(crate) fn selectors(plan: Plan) -> Vec<(Arc<str>, Arc<Keys>)> {
    match plan {
        Plan::PerMeter(list) => list.into_iter().map(|(m, s)| (Arc::from(s), Arc::new(Keys::One(m)))).collect(),
        Plan::ByLabel { label, batches } => batches.into_iter().map(|(s, keys)| (Arc::from(s), Arc::new(Keys::ByLabel(label.clone(), keys.into_iter().collect())))).collect(),
    }
}

/// The first and last sample's times over all selectors (VictoriaMetrics' `tfirst_over_time` and
/// `tlast_over_time`; a Prometheus without them needs `from` and `to` in `[historian]`).
fn discover(conn: &Connection, sels: &[(Arc<str>, Arc<Keys>)], at_ms: i64) -> Result<Option<(i64, i64)>, Error> {
    let mut bounds: Option<(i64, i64)> = None;
    for (sel, _) in sels {
        for (f, first) in [("min(tfirst_over_time", true), ("max(tlast_over_time", false)] {
            let q = format!("{f}({sel}[{DISCOVER_DAYS}d]))");
            let body = conn.block_on(conn.query(&q, at_ms))?;
            let (series, _) = conn.parse(&body)?;
            let Some(v) = series.first().and_then(|s| s.values.first()).copied().filter(|v| v.is_finite()) else { continue };
            let t = (v * 1000.0).round() as i64;
            let b = bounds.get_or_insert((t, t));
            if first { b.0 = b.0.min(t) } else { b.1 = b.1.max(t) }
        }
    }
    Ok(bounds)
}

/// The window `[historian]` names, or (without `from`/`to`) the database's first and last sample of the
/// site's meters. Errors name site.toml's `[historian]` line.
pub fn window(site: &Site, h: &Historian) -> Result<(i64, i64), Diagnostic> {
    let auth = h.auth_header.as_deref().zip(h.auth_env.as_deref());
    let conn = Connection::new(&h.url, auth, h.timeout_ms).map_err(|e| Diagnostic::error(&site.site_toml_path(), h.at.clone(), e.message()))?;
    let meters: Vec<(String, String)> = site.meters.iter().map(|m| (m.id.clone(), m.column.clone())).collect();
    window_with(&conn, &selectors(plan(&h.selector, &meters)), site, h)
}

fn window_with(conn: &Connection, sels: &[(Arc<str>, Arc<Keys>)], site: &Site, h: &Historian) -> Result<(i64, i64), Diagnostic> {
    let file = site.site_toml_path();
    let fail = |e: Error| Diagnostic::error(&file, h.at.clone(), e.message());
    match (h.from_ms, h.to_ms) {
        (Some(a), Some(b)) => Ok((a, b)),
        (a, b) => {
            let at = b.unwrap_or_else(now_ms);
            // A Prometheus without VictoriaMetrics' functions refuses the query (HTTP 400/422, or an error
            // answer): then `from` and `to` are needed. Anything else (not the API at all) is just the error.
            let found = discover(conn, sels, at).map_err(|e| match &e {
                Error::Http { status: 400 | 422, .. } => Diagnostic::error(&file, h.at.clone(), msg!("historian-need-window", error = e.message())),
                Error::Answer { why, .. } if why.id == "historian-query-error" => Diagnostic::error(&file, h.at.clone(), msg!("historian-need-window", error = e.message())),
                _ => fail(e),
            })?;
            match found {
                Some((f, l)) => Ok((a.unwrap_or(f), b.unwrap_or(l))),
                None => Err(Diagnostic::error(&file, h.at.clone(), msg!("historian-nothing-found", selector = h.selector.as_str(), url = conn.url()))),
            }
        }
    }
}

/// Reads every meter of `site` from `h` over its window. Any request failing fails the whole read (a
/// partial record would show as gaps that are not in the plant's data); the error names `site.toml`'s
/// `[historian]` line and what the database said.
pub fn read(site: &Site, h: &Historian, progress: Progress) -> Result<HistorianRead, Diagnostic> {
    let file = site.site_toml_path();
    let fail = |e: Error| Diagnostic::error(&file, h.at.clone(), e.message());
    let auth = h.auth_header.as_deref().zip(h.auth_env.as_deref());
    let conn = Connection::new(&h.url, auth, h.timeout_ms).map_err(fail)?;
    let meters: Vec<(String, String)> = site.meters.iter().map(|m| (m.id.clone(), m.column.clone())).collect();
    let sels = selectors(plan(&h.selector, &meters));
    progress(0.0, "database");
    let (from, to) = window_with(&conn, &sels, site, h)?;
    let mut requests = Vec::new();
    for (sel, keys) in &sels {
        let mut start = from - 1;
        while start < to {
            let end = (start + h.chunk_ms).min(to);
            requests.push(Request { selector: sel.clone(), keys: keys.clone(), end_ms: end, span_ms: end - start });
            start = end;
        }
    }
    let total = requests.len();
    let mut out = HistorianRead { window: (from, to), requests: total, ..Default::default() };
    let answers = conn.block_on(fetch_all(&conn, requests, &|done| progress(done as f32 / total.max(1) as f32, "database"))).map_err(fail)?;
    // Every series of each meter, by its labels; the one with the most samples is read.
    let mut found: HashMap<String, HashMap<BTreeMap<String, String>, (Vec<i64>, Vec<f64>)>> = HashMap::new();
    let mut bad = 0usize;
    for (keys, series, b) in answers {
        bad += b;
        for s in series {
            let Some(meter) = keys.meter(&s) else { continue };
            let e = found.entry(meter.to_string()).or_default().entry(s.labels).or_default();
            e.0.extend_from_slice(&s.times_ms);
            e.1.extend_from_slice(&s.values);
        }
    }
    let mut chosen: HashMap<String, BTreeMap<String, String>> = HashMap::new();
    for (meter, mut by_labels) in found {
        let Some(labels) = by_labels.iter().max_by_key(|(l, (t, _))| (t.len(), std::cmp::Reverse(l.len()))).map(|(l, _)| l.clone()) else { continue };
        if by_labels.len() > 1 {
            let place = plant_site::Place::meter(&meter);
            out.diagnostics.push(Diagnostic::warning(&file, place, msg!("historian-several-series", meter = meter.as_str(), count = by_labels.len(), used = labels_text(&labels))));
        }
        if let Some((t, v)) = by_labels.remove(&labels) {
            out.samples.insert(meter.clone(), (std::sync::Arc::new(t), v));
        }
        chosen.insert(meter, labels);
    }
    if bad > 0 {
        out.diagnostics.push(Diagnostic::warning(&file, h.at.clone(), msg!("historian-bad-samples", count = bad)));
    }
    unit_labels(site, h, &chosen, &mut out.diagnostics);
    Ok(out)
}

/// Labels as PromQL writes them: `{meter="a", unit="kW"}`.
pub(crate) fn labels_text(labels: &BTreeMap<String, String>) -> String {
    let inner: Vec<String> = labels.iter().map(|(k, v)| format!("{k}=\"{}\"", crate::promql::quote(v))).collect();
    format!("{{{}}}", inner.join(", "))
}

/// A `unit` label that differs from the meter's unit in `site.toml` is worth a warning: the values are
/// taken in `site.toml`'s unit.
fn unit_labels(site: &Site, h: &Historian, chosen: &HashMap<String, BTreeMap<String, String>>, diagnostics: &mut Vec<Diagnostic>) {
    let file = site.site_toml_path();
    for m in &site.meters {
        let Some(unit) = chosen.get(&m.id).and_then(|l| l.get("unit")) else { continue };
        if !unit.is_empty() && *unit != m.unit {
            diagnostics.push(Diagnostic::warning(&file, h.at.clone(), msg!("historian-unit-differs", meter = m.id.as_str(), database = unit.as_str(), site = m.unit.as_str())));
        }
    }
}

type Answer = (Arc<Keys>, Vec<Series>, usize);

/// Runs the requests, [`IN_FLIGHT`] at a time; the first failure stops the rest.
async fn fetch_all(conn: &Connection, requests: Vec<Request>, done: &dyn Fn(usize)) -> Result<Vec<Answer>, Error> {
    use futures::StreamExt;
    let mut out = Vec::with_capacity(requests.len());
    let mut answers = futures::stream::iter(requests.into_iter().map(|r| one(conn, r))).buffer_unordered(IN_FLIGHT);
    while let Some(answer) = answers.next().await {
        out.push(answer?);
        done(out.len());
    }
    Ok(out)
}

async fn one(conn: &Connection, r: Request) -> Result<Answer, Error> {
    let q = format!("{}[{}ms]", r.selector, r.span_ms);
    let body = conn.query(&q, r.end_ms).await?;
    let (series, bad) = conn.parse(&body)?;
    Ok((r.keys, series, bad))
}

/// Loads a site's recorded data: its data files, and its `[historian]` when `connect` — the user agreed to
/// connect (SECURITY.md). A site whose data is in a database, opened without connecting, says so once
/// instead of a warning per meter. A failed read of the database is an error in the diagnostics; the
/// files' data is kept.
pub fn load_site(site: &Site, connect: bool, progress: Progress) -> Ingested {
    let db = site.historian.as_ref().filter(|_| connect);
    let share = match (db.is_some(), site.data.is_empty()) {
        (false, _) => 1.0,
        (true, true) => 0.0,
        (true, false) => 0.5,
    };
    let file_progress = |f: f32, what: &str| progress(f * share, what);
    let (mut samples, mut out) = if site.data.is_empty() { (Samples::new(), Ingested::default()) } else { plant_ingest::read_site_files(site, &file_progress) };
    let mut several = site.data.len() > 1;
    let no_column = |m: &plant_site::Meter| msg!("ingest-no-column", column = &m.column);
    let no_series = |m: &plant_site::Meter| msg!("historian-no-series", meter = m.id.as_str());
    let mut missing: Option<&dyn Fn(&plant_site::Meter) -> plant_i18n::Msg> = Some(&no_column);
    let mut read_db = false;
    match (&site.historian, db) {
        (Some(h), Some(_)) => {
            let db_progress = |f: f32, what: &str| progress(share + f * (1.0 - share), what);
            match read(site, h, &db_progress) {
                Ok(r) => {
                    several |= !site.data.is_empty();
                    for (meter, (t, v)) in r.samples {
                        plant_ingest::add_samples(&mut samples, meter, t, v);
                    }
                    out.diagnostics.extend(r.diagnostics);
                    missing = Some(&no_series);
                    read_db = true;
                }
                Err(d) => {
                    out.diagnostics.push(d);
                    missing = None;
                }
            }
        }
        (Some(h), None) => {
            out.diagnostics.push(Diagnostic::warning(&site.site_toml_path(), h.at.clone(), msg!("historian-not-connected", url = h.url.as_str())));
            if site.data.is_empty() {
                missing = None;
            }
        }
        (None, _) => {}
    }
    progress(1.0, "indexing");
    plant_ingest::build_store(site, samples, &mut out, several, missing);
    if let (true, Some(h)) = (read_db, &site.historian) {
        // As a data file's reader does: the gaps every meter shares are one warning.
        let gaps = shared_gaps(&out.store);
        if let Some(longest) = gaps.iter().map(|g| g.1 - g.0).max() {
            out.diagnostics.push(Diagnostic::warning(&site.site_toml_path(), h.at.clone(), msg!("ingest-gaps", count = gaps.len(), minutes = longest / 60_000)));
        }
    }
    out
}

/// The stretches in which every meter of the store is in a gap (its last sample before, the first after).
pub fn shared_gaps(store: &plant_store::Store) -> Vec<(i64, i64)> {
    let mut shared: Option<Vec<(i64, i64)>> = None;
    for id in store.meter_ids() {
        let Some(series) = store.get(id) else { continue };
        let gaps = plant_store::gaps_in(series.times_ms());
        shared = Some(match shared {
            None => gaps,
            Some(prev) => {
                let mut both = Vec::new();
                let (mut i, mut j) = (0, 0);
                while i < prev.len() && j < gaps.len() {
                    let (a, b) = (prev[i].0.max(gaps[j].0), prev[i].1.min(gaps[j].1));
                    if a < b {
                        both.push((a, b));
                    }
                    if prev[i].1 < gaps[j].1 { i += 1 } else { j += 1 }
                }
                both
            }
        });
        if shared.as_ref().is_some_and(Vec::is_empty) {
            break;
        }
    }
    shared.unwrap_or_default()
}
