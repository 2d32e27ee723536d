//! One poll of a source: fetch over HTTP, then parse. Parsing is separate and pure, so every payload the
//! tests can think of is checked without a network.

use std::time::Duration;

use crate::config::{Source, SourceKind, TimestampUnit};

/// A sample of a meter: (meter id, time ms UTC, value in the meter's unit).
pub type LiveSample = (String, i64, f64);

/// What one poll gave: the samples, and per-meter problems (a meter missing from the payload, a value that
/// is not a number) that did not stop the others.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PollResult {
    pub samples: Vec<LiveSample>,
    pub problems: Vec<String>,
}

/// Why a poll failed as a whole.
#[derive(Clone, Debug, PartialEq)]
pub enum PollError {
    /// Connection refused, DNS, TLS…
    Connect(String),
    Timeout(u64),
    Http(u16, String),
    /// The body is not the JSON expected.
    Payload(String),
    /// The auth header's environment variable is not set.
    Auth(String),
}

impl std::fmt::Display for PollError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PollError::Connect(e) => write!(f, "cannot connect: {e}"),
            PollError::Timeout(ms) => write!(f, "no answer within {ms} ms"),
            PollError::Http(code, body) => write!(f, "HTTP {code}{}", if body.is_empty() { String::new() } else { format!(": {body}") }),
            PollError::Payload(e) => write!(f, "bad payload: {e}"),
            PollError::Auth(var) => write!(f, "environment variable {var} (auth_env) is not set"),
        }
    }
}

/// A number from a JSON value: numbers, and strings holding a number (as some gateways send).
fn number(v: &serde_json::Value) -> Option<f64> {
    match v {
        serde_json::Value::Number(n) => n.as_f64(),
        serde_json::Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    }
}

/// A timestamp from JSON in the configured unit: RFC 3339 text, or a number of s, ms, µs or ns since 1970
/// (a number in a string too, as some gateways send). Nothing is guessed from the number's size.
fn timestamp(v: &serde_json::Value, unit: TimestampUnit) -> Result<i64, String> {
    match (unit, v) {
        (TimestampUnit::Rfc3339, serde_json::Value::String(s)) => {
            chrono::DateTime::parse_from_rfc3339(s.trim()).map(|d| d.timestamp_millis()).map_err(|e| format!("\"{s}\" is not an RFC 3339 time ({e})"))
        }
        (TimestampUnit::Rfc3339, other) => Err(format!("{other} is not RFC 3339 text; set timestamp_unit to s, ms, us or ns for numbers")),
        (unit, v) => number(v).and_then(|x| unit.to_ms(x)).ok_or_else(|| format!("{v} is not a time in the configured unit")),
    }
}

/// Parses an HTTP JSON payload: each meter's value at its pointer, stamped with the payload's timestamp
/// (at `timestamp_pointer`, in `unit`) or `received_ms`.
pub fn parse_json(body: &str, timestamp_pointer: Option<&str>, unit: TimestampUnit, meters: &[(String, String)], received_ms: i64) -> Result<PollResult, PollError> {
    let doc: serde_json::Value = serde_json::from_str(body).map_err(|e| PollError::Payload(format!("not JSON ({e})")))?;
    let mut out = PollResult::default();
    let t = match timestamp_pointer {
        None => received_ms,
        Some(p) => match doc.pointer(p).map(|v| timestamp(v, unit)) {
            Some(Ok(t)) => t,
            Some(Err(e)) => {
                out.problems.push(format!("timestamp at {p}: {e}; using the time received"));
                received_ms
            }
            None => {
                out.problems.push(format!("no timestamp at {p}; using the time received"));
                received_ms
            }
        },
    };
    for (meter, pointer) in meters {
        match doc.pointer(pointer) {
            None => out.problems.push(format!("{meter}: nothing at {pointer}")),
            Some(serde_json::Value::Null) => {}
            Some(v) => match number(v) {
                Some(x) if x.is_finite() => out.samples.push((meter.clone(), t, x)),
                _ => out.problems.push(format!("{meter}: {v} at {pointer} is not a number")),
            },
        }
    }
    Ok(out)
}

/// Parses a Prometheus API answer (`vector` from /api/v1/query or `matrix` from /api/v1/query_range) into
/// samples of one meter. Several series for one query is a problem: the first is used.
pub fn parse_prometheus(body: &str, meter: &str) -> Result<PollResult, PollError> {
    let doc: serde_json::Value = serde_json::from_str(body).map_err(|e| PollError::Payload(format!("not JSON ({e})")))?;
    if doc.get("status").and_then(|s| s.as_str()) != Some("success") {
        let msg = doc.get("error").and_then(|e| e.as_str()).unwrap_or("status is not \"success\"");
        return Err(PollError::Payload(format!("Prometheus: {msg}")));
    }
    let data = doc.get("data").ok_or_else(|| PollError::Payload("no data".into()))?;
    let result = data.get("result").and_then(|r| r.as_array()).ok_or_else(|| PollError::Payload("no data.result array".into()))?;
    let mut out = PollResult::default();
    if result.is_empty() {
        out.problems.push(format!("{meter}: the query returned no series"));
        return Ok(out);
    }
    if result.len() > 1 {
        out.problems.push(format!("{meter}: the query returned {} series; the first is used", result.len()));
    }
    let series = &result[0];
    let pairs: Vec<&serde_json::Value> = match (series.get("value"), series.get("values")) {
        (Some(v), _) => vec![v],
        (None, Some(vs)) => vs.as_array().map(|a| a.iter().collect()).unwrap_or_default(),
        _ => return Err(PollError::Payload("a series without value(s)".into())),
    };
    for p in pairs {
        let (Some(t), Some(v)) = (p.get(0).and_then(|t| t.as_f64()), p.get(1).and_then(number)) else {
            out.problems.push(format!("{meter}: a sample {p} is not [time, \"value\"]"));
            continue;
        };
        // The Prometheus API writes times as seconds since 1970.
        match TimestampUnit::Seconds.to_ms(t) {
            Some(t) if v.is_finite() => out.samples.push((meter.to_string(), t, v)),
            Some(_) => {}
            None => out.problems.push(format!("{meter}: {t} is not a time")),
        }
    }
    Ok(out)
}

/// Builds the client a source uses: its timeout on every request.
pub fn client(source: &Source) -> Result<reqwest::Client, PollError> {
    reqwest::Client::builder()
        .timeout(Duration::from_millis(source.timeout_ms as u64))
        .connect_timeout(Duration::from_millis(source.timeout_ms as u64))
        .build()
        .map_err(|e| PollError::Connect(e.to_string()))
}

async fn get(client: &reqwest::Client, source: &Source, url: &str, query: &[(&str, String)]) -> Result<String, PollError> {
    let mut req = client.get(url).query(query);
    if let Some(a) = &source.auth {
        let value = std::env::var(&a.env).map_err(|_| PollError::Auth(a.env.clone()))?;
        req = req.header(a.header.as_str(), value);
    }
    let resp = req.send().await.map_err(|e| classify(e, source.timeout_ms))?;
    let status = resp.status();
    let body = resp.text().await.map_err(|e| classify(e, source.timeout_ms))?;
    if !status.is_success() {
        let snippet: String = body.chars().take(200).collect();
        return Err(PollError::Http(status.as_u16(), snippet.trim().to_string()));
    }
    Ok(body)
}

fn classify(e: reqwest::Error, timeout_ms: i64) -> PollError {
    if e.is_timeout() {
        PollError::Timeout(timeout_ms as u64)
    } else {
        // The innermost cause says most ("Connection refused").
        let mut msg = e.to_string();
        let mut src: Option<&dyn std::error::Error> = std::error::Error::source(&e);
        while let Some(s) = src {
            msg = s.to_string();
            src = s.source();
        }
        PollError::Connect(msg)
    }
}

/// One poll "now" (`now_ms`): the JSON document, or every meter's instant query.
pub async fn poll(client: &reqwest::Client, source: &Source, now_ms: i64) -> Result<PollResult, PollError> {
    match &source.kind {
        SourceKind::HttpJson { timestamp_pointer, unit, meters } => {
            let body = get(client, source, &source.url, &[]).await?;
            parse_json(&body, timestamp_pointer.as_deref(), *unit, meters, now_ms)
        }
        SourceKind::Prometheus { queries, .. } => {
            let url = format!("{}/api/v1/query", source.url.trim_end_matches('/'));
            let time = format!("{:.3}", now_ms as f64 / 1000.0);
            prometheus_all(client, source, &url, queries, |q| vec![("query", q.to_string()), ("time", time.clone())]).await
        }
    }
}

/// The recent window of a Prometheus source, `[now − backfill, now]` at its step.
pub async fn backfill(client: &reqwest::Client, source: &Source, now_ms: i64) -> Result<PollResult, PollError> {
    let SourceKind::Prometheus { queries, backfill_ms, step_ms } = &source.kind else { return Ok(PollResult::default()) };
    if *backfill_ms <= 0 {
        return Ok(PollResult::default());
    }
    let url = format!("{}/api/v1/query_range", source.url.trim_end_matches('/'));
    let (start, end, step) = ((now_ms - backfill_ms) as f64 / 1000.0, now_ms as f64 / 1000.0, *step_ms as f64 / 1000.0);
    prometheus_all(client, source, &url, queries, |q| vec![("query", q.to_string()), ("start", format!("{start:.3}")), ("end", format!("{end:.3}")), ("step", format!("{step}"))])
        .await
}

/// Runs every meter's query, eight at a time. A failure of all of them is the source's error; a failure of
/// some is a problem of those meters.
async fn prometheus_all(
    client: &reqwest::Client,
    source: &Source,
    url: &str,
    queries: &[(String, String)],
    params: impl Fn(&str) -> Vec<(&'static str, String)>,
) -> Result<PollResult, PollError> {
    let mut out = PollResult::default();
    let mut first_error: Option<PollError> = None;
    let mut ok = 0usize;
    for chunk in queries.chunks(8) {
        let mut set = tokio::task::JoinSet::new();
        for (meter, q) in chunk {
            let (client, source, url, meter, p) = (client.clone(), source.clone(), url.to_string(), meter.clone(), params(q));
            set.spawn(async move {
                let p: Vec<(&str, String)> = p.iter().map(|(k, v)| (*k, v.clone())).collect();
                let r = match get(&client, &source, &url, &p).await {
                    Ok(body) => parse_prometheus(&body, &meter),
                    Err(e) => Err(e),
                };
                (meter, r)
            });
        }
        while let Some(joined) = set.join_next().await {
            let (meter, r) = match joined {
                Ok(x) => x,
                // A query task that panicked (a bug) is reported, never swallowed.
                Err(e) => {
                    let why = if e.is_panic() { plant_site::panic_message(&*e.into_panic()) } else { e.to_string() };
                    out.problems.push(format!("a query task failed unexpectedly ({why})"));
                    first_error.get_or_insert(PollError::Payload(format!("a query task failed unexpectedly ({why})")));
                    continue;
                }
            };
            match r {
                Ok(mut r) => {
                    ok += 1;
                    out.samples.append(&mut r.samples);
                    out.problems.append(&mut r.problems);
                }
                Err(e) => {
                    out.problems.push(format!("{meter}: {e}"));
                    first_error.get_or_insert(e);
                }
            }
        }
    }
    match (ok, first_error) {
        (0, Some(e)) => Err(e),
        _ => Ok(out),
    }
}
