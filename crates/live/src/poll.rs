//! One poll of a source: fetch over HTTP, then parse. Parsing is separate and pure, so every payload the
//! tests can think of is checked without a network.

use std::time::Duration;

use plant_i18n::{Msg, msg};

use crate::config::{Source, SourceKind, TimestampUnit};

/// A sample of a meter: (meter id, time ms UTC, value in the meter's unit).
pub type LiveSample = (String, i64, f64);

/// What one poll gave: the samples, and per-meter problems (a meter missing from the payload, a value that
/// is not a number) that did not stop the others, as messages of the catalogue.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PollResult {
    pub samples: Vec<LiveSample>,
    pub problems: Vec<Msg>,
}

/// Why a poll failed as a whole.
#[derive(Clone, Debug, PartialEq)]
pub enum PollError {
    /// Connection refused, DNS, TLS… (the network library's words).
    Connect(String),
    Timeout(u64),
    /// The status and the start of the body the server answered.
    Http(u16, String),
    /// The body is not the JSON expected: the whole message (`live-payload-…`), "bad payload: …".
    Payload(Msg),
    /// The auth header's environment variable is not set.
    Auth(String),
}

impl PollError {
    /// Why the poll failed, as a message of the catalogue.
    pub fn message(&self) -> Msg {
        match self {
            PollError::Connect(e) => msg!("live-poll-connect", error = e),
            PollError::Timeout(ms) => msg!("live-poll-timeout", ms = *ms),
            PollError::Http(code, body) if body.is_empty() => msg!("live-poll-http", code = *code),
            PollError::Http(code, body) => msg!("live-poll-http-body", code = *code, body = body),
            PollError::Payload(m) => m.clone(),
            PollError::Auth(var) => msg!("live-poll-auth-unset", variable = var),
        }
    }
}

/// In the current language.
impl std::fmt::Display for PollError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().text())
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

/// A timestamp from JSON (at `pointer`) in the configured unit: RFC 3339 text, or a number of s, ms, µs or ns
/// since 1970 (a number in a string too, as some gateways send). Nothing is guessed from the number's size.
/// The problem, if it is not one, says the time received is used.
fn timestamp(v: &serde_json::Value, unit: TimestampUnit, pointer: &str) -> Result<i64, Msg> {
    match (unit, v) {
        (TimestampUnit::Rfc3339, serde_json::Value::String(s)) => chrono::DateTime::parse_from_rfc3339(s.trim())
            .map(|d| d.timestamp_millis())
            .map_err(|e| msg!("live-problem-timestamp-not-rfc3339", pointer = pointer, text = s, error = e.to_string())),
        (TimestampUnit::Rfc3339, other) => Err(msg!("live-problem-timestamp-not-text", pointer = pointer, value = other.to_string())),
        (unit, v) => number(v).and_then(|x| unit.to_ms(x)).ok_or_else(|| msg!("live-problem-timestamp-not-in-unit", pointer = pointer, value = v.to_string())),
    }
}

/// Parses an HTTP JSON payload: each meter's value at its pointer, stamped with the payload's timestamp
/// (at `timestamp_pointer`, in `unit`) or `received_ms`.
pub fn parse_json(body: &str, timestamp_pointer: Option<&str>, unit: TimestampUnit, meters: &[(String, String)], received_ms: i64) -> Result<PollResult, PollError> {
    let doc: serde_json::Value = serde_json::from_str(body).map_err(|e| PollError::Payload(msg!("live-payload-not-json", error = e.to_string())))?;
    let mut out = PollResult::default();
    let t = match timestamp_pointer {
        None => received_ms,
        Some(p) => match doc.pointer(p).map(|v| timestamp(v, unit, p)) {
            Some(Ok(t)) => t,
            Some(Err(problem)) => {
                out.problems.push(problem);
                received_ms
            }
            None => {
                out.problems.push(msg!("live-problem-no-timestamp", pointer = p));
                received_ms
            }
        },
    };
    for (meter, pointer) in meters {
        match doc.pointer(pointer) {
            None => out.problems.push(msg!("live-problem-nothing-at", meter = meter, pointer = pointer)),
            Some(serde_json::Value::Null) => {}
            Some(v) => match number(v) {
                Some(x) if x.is_finite() => out.samples.push((meter.clone(), t, x)),
                _ => out.problems.push(msg!("live-problem-not-a-number", meter = meter, value = v.to_string(), pointer = pointer)),
            },
        }
    }
    Ok(out)
}

/// Parses a Prometheus API answer (`vector` from /api/v1/query or `matrix` from /api/v1/query_range) into
/// samples of one meter. Several series for one query is a problem: the first is used.
pub fn parse_prometheus(body: &str, meter: &str) -> Result<PollResult, PollError> {
    let doc: serde_json::Value = serde_json::from_str(body).map_err(|e| PollError::Payload(msg!("live-payload-not-json", error = e.to_string())))?;
    if doc.get("status").and_then(|s| s.as_str()) != Some("success") {
        return Err(PollError::Payload(match doc.get("error").and_then(|e| e.as_str()) {
            Some(error) => msg!("live-payload-prometheus-error", error = error),
            None => msg!("live-payload-prometheus-status"),
        }));
    }
    let data = doc.get("data").ok_or_else(|| PollError::Payload(msg!("live-payload-no-data")))?;
    let result = data.get("result").and_then(|r| r.as_array()).ok_or_else(|| PollError::Payload(msg!("live-payload-no-result")))?;
    let mut out = PollResult::default();
    if result.is_empty() {
        out.problems.push(msg!("live-problem-no-series", meter = meter));
        return Ok(out);
    }
    if result.len() > 1 {
        out.problems.push(msg!("live-problem-several-series", meter = meter, count = result.len()));
    }
    let series = &result[0];
    let pairs: Vec<&serde_json::Value> = match (series.get("value"), series.get("values")) {
        (Some(v), _) => vec![v],
        (None, Some(vs)) => vs.as_array().map(|a| a.iter().collect()).unwrap_or_default(),
        _ => return Err(PollError::Payload(msg!("live-payload-no-values"))),
    };
    for p in pairs {
        let (Some(t), Some(v)) = (p.get(0).and_then(|t| t.as_f64()), p.get(1).and_then(number)) else {
            out.problems.push(msg!("live-problem-bad-sample", meter = meter, sample = p.to_string()));
            continue;
        };
        // The Prometheus API writes times as seconds since 1970.
        match TimestampUnit::Seconds.to_ms(t) {
            Some(t) if v.is_finite() => out.samples.push((meter.to_string(), t, v)),
            Some(_) => {}
            None => out.problems.push(msg!("live-problem-not-a-time", meter = meter, time = t.to_string())),
        }
    }
    Ok(out)
}

/// A meter's failed query among others that answered: "kiln-1.power: HTTP 500". The meter and the
/// failure are one message per kind of failure, so it reads in the language it is shown in.
fn meter_problem(meter: &str, e: &PollError) -> Msg {
    match e {
        PollError::Connect(error) => msg!("live-problem-meter-connect", meter = meter, error = error),
        PollError::Timeout(ms) => msg!("live-problem-meter-timeout", meter = meter, ms = *ms),
        PollError::Http(code, body) if body.is_empty() => msg!("live-problem-meter-http", meter = meter, code = *code),
        PollError::Http(code, body) => msg!("live-problem-meter-http-body", meter = meter, code = *code, body = body),
        // Resolved now, in the current language: a source's status is replaced at its next poll.
        PollError::Payload(m) => msg!("live-problem-meter", meter = meter, problem = m),
        PollError::Auth(var) => msg!("live-problem-meter-auth-unset", meter = meter, variable = var),
    }
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
    get_with(client, source.auth.as_ref(), source.timeout_ms, url, query).await
}

/// A GET with the source's credential (`auth`) and timeout, without the rest of the source.
async fn get_with(client: &reqwest::Client, auth: Option<&crate::config::Auth>, timeout_ms: i64, url: &str, query: &[(&str, String)]) -> Result<String, PollError> {
    let mut req = client.get(url).query(query);
    if let Some(a) = auth {
        let value = std::env::var(&a.env).map_err(|_| PollError::Auth(a.env.clone()))?;
        req = req.header(a.header.as_str(), value);
    }
    let resp = req.send().await.map_err(|e| classify(e, timeout_ms))?;
    let status = resp.status();
    let body = resp.text().await.map_err(|e| classify(e, timeout_ms))?;
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
        // Not polled here: a broker pushes (crate::mqtt); a Modbus device is read by crate::modbus.
        SourceKind::Mqtt(_) | SourceKind::ModbusTcp { .. } | SourceKind::OpcUa(_) => Ok(PollResult::default()),
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
    // What each query task needs of the source, shared: not the source (and its every query) per task.
    let auth = std::sync::Arc::new(source.auth.clone());
    let url: std::sync::Arc<str> = url.into();
    for chunk in queries.chunks(8) {
        let mut set = tokio::task::JoinSet::new();
        for (meter, q) in chunk {
            let (client, auth, url, meter, p, timeout_ms) = (client.clone(), auth.clone(), url.clone(), meter.clone(), params(q), source.timeout_ms);
            set.spawn(async move {
                let r = match get_with(&client, auth.as_ref().as_ref(), timeout_ms, &url, &p).await {
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
                    let problem = msg!("live-problem-task-failed", reason = why);
                    out.problems.push(problem.clone());
                    first_error.get_or_insert(PollError::Payload(problem));
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
                    out.problems.push(meter_problem(&meter, &e));
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
