//! Live sources of a site: `sources.toml` in the site package (or a file given on the command line).
//!
//! ```toml
//! [[source]]
//! id = "scada"
//! kind = "http-json"                       # or "prometheus"
//! url = "http://127.0.0.1:9184/api/values"
//! interval = "5s"                          # polling interval (default 5 s)
//! timeout = "2s"                           # per request (default 2 s)
//! auth_header = "Authorization"            # optional: header sent with every request …
//! auth_env = "PLANT_TWIN_SCADA_TOKEN"      # … its value read from this environment variable (PLANT_TWIN_*
//!                                          # only), never stored here, never sent in clear text off loopback
//! timestamp_pointer = "/timestamp"         # optional JSON pointer to the payload's time; default receive time
//! timestamp_unit = "rfc3339"               # how it is written: rfc3339 (default), s, ms, us or ns since 1970
//! pointer_template = "/meters/{meter}"     # every meter of the site at this pointer ({meter}: id, {column}: column)
//! [source.meters]                          # and/or per meter: meter id = JSON pointer
//! "kiln-1.drive-power" = "/values/kiln_drive_kW"
//!
//! [[source]]
//! id = "prometheus"
//! kind = "prometheus"                      # Prometheus HTTP API: Prometheus, VictoriaMetrics, Thanos, Mimir
//! url = "http://127.0.0.1:9090"
//! interval = "15s"
//! backfill = "6h"                          # range query on connect (default 1 h; "0s" for none)
//! step = "15s"                             # range-query resolution (default: the interval)
//! query_template = 'plant_meter_value{meter="{meter}"}'   # PromQL for every meter …
//! [source.queries]                         # … and/or per meter
//! "kiln-1.drive-power" = 'avg(kiln_drive_kw{site="ningguo"})'
//!
//! [recorder]                               # optional: record live data to Parquet for replay
//! folder = "recordings"                    # inside the package (a package's file may not name another place)
//! flush = "60s"                            # at most this much is lost in a crash
//! roll = "1h"                              # one file per hour
//! ```

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use plant_i18n::{Msg, msg};
use plant_site::{Diagnostic, Place, Site, TextProblems, line_col};
use serde::Deserialize;
use toml::Spanned;

pub const SOURCES_FILE: &str = "sources.toml";

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    source: Vec<Spanned<RawSource>>,
    recorder: Option<Spanned<RawRecorder>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    id: String,
    kind: Spanned<String>,
    url: Spanned<String>,
    interval: Option<Spanned<String>>,
    timeout: Option<Spanned<String>>,
    auth_header: Option<String>,
    auth_env: Option<Spanned<String>>,
    timestamp_pointer: Option<String>,
    timestamp_unit: Option<Spanned<String>>,
    pointer_template: Option<String>,
    #[serde(default)]
    meters: BTreeMap<String, String>,
    query_template: Option<String>,
    #[serde(default)]
    queries: BTreeMap<String, String>,
    backfill: Option<Spanned<String>>,
    step: Option<Spanned<String>>,
    // MQTT
    payload: Option<Spanned<String>>,
    qos: Option<Spanned<u8>>,
    client_id: Option<String>,
    keep_alive: Option<Spanned<String>>,
    clean_session: Option<bool>,
    username: Option<String>,
    password_env: Option<Spanned<String>>,
    group: Option<String>,
    topic_template: Option<String>,
    ca_file: Option<Spanned<String>>,
    client_cert: Option<Spanned<String>>,
    client_key: Option<Spanned<String>>,
    #[serde(default)]
    topics: BTreeMap<String, RawPoint>,
    // Modbus TCP
    unit_id: Option<u8>,
    word_order: Option<Spanned<String>>,
    byte_order: Option<Spanned<String>>,
    #[serde(default)]
    registers: BTreeMap<String, Spanned<RawRegister>>,
    // OPC UA
    security_policy: Option<Spanned<String>>,
    security_mode: Option<Spanned<String>>,
    queue_size: Option<u32>,
    #[serde(default)]
    nodes: BTreeMap<String, Spanned<RawNode>>,
}

/// A meter's OPC UA node: its id, or a table with its sampling interval and deadband.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawNode {
    Id(String),
    Table(RawNodeTable),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNodeTable {
    node: String,
    sampling: Option<String>,
    deadband: Option<f64>,
}

/// A meter's Modbus register.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRegister {
    address: u16,
    #[serde(rename = "type")]
    data_type: Option<String>,
    table: Option<String>,
    scale: Option<f64>,
    offset: Option<f64>,
    unit_id: Option<u8>,
    word_order: Option<String>,
    byte_order: Option<String>,
}

/// Where an MQTT source finds a meter: a topic (its payload a number), a topic and a JSON pointer, or a
/// Sparkplug B metric of an edge node (and device).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawPoint {
    Topic(String),
    Table(RawPointTable),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPointTable {
    topic: Option<String>,
    pointer: Option<String>,
    node: Option<String>,
    device: Option<String>,
    metric: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecorder {
    folder: Spanned<String>,
    flush: Option<Spanned<String>>,
    roll: Option<Spanned<String>>,
}

/// What a source is and how it maps to meters.
#[derive(Clone, Debug, PartialEq)]
pub enum SourceKind {
    /// A JSON document polled over HTTP; each meter's value at a JSON pointer.
    HttpJson { timestamp_pointer: Option<String>, unit: TimestampUnit, meters: Vec<(String, String)> },
    /// The Prometheus HTTP query API; each meter a PromQL expression.
    Prometheus { queries: Vec<(String, String)>, backfill_ms: i64, step_ms: i64 },
    /// An MQTT broker: each meter a topic (and a JSON pointer), or a Sparkplug B metric.
    Mqtt(Box<Mqtt>),
    /// A Modbus TCP server (a power meter, a PLC, a gateway): each meter a register.
    ModbusTcp { registers: Vec<crate::modbus::Register> },
    /// An OPC UA server (a DCS, a SCADA): each meter a variable, monitored in a subscription.
    OpcUa(Box<crate::opcua::OpcUa>),
}

/// How an MQTT source's payloads are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Payload {
    /// The payload is the value, as text (`"412.5"`).
    Number,
    /// JSON; each meter's value at a pointer, the time optionally at another.
    Json,
    /// Sparkplug B (protobuf), with births, data and deaths.
    SparkplugB,
}

impl Payload {
    pub const NAMES: [(&'static str, Payload); 3] = [("number", Payload::Number), ("json", Payload::Json), ("sparkplug-b", Payload::SparkplugB)];

    pub fn name(self) -> &'static str {
        Self::NAMES.iter().find(|(_, p)| *p == self).map_or("", |(n, _)| n)
    }
}

/// Where a meter's values come from on an MQTT broker.
#[derive(Clone, Debug, PartialEq)]
pub enum Point {
    /// A topic or topic filter (`+`, `#`), and the JSON pointer of a JSON payload.
    Topic { topic: String, pointer: Option<String> },
    /// A Sparkplug B metric: edge node, device (`None`: the node's own), metric name.
    Metric { node: String, device: Option<String>, metric: String },
}

/// An MQTT source's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Mqtt {
    pub payload: Payload,
    /// Meter → where it is read.
    pub points: Vec<(String, Point)>,
    pub qos: u8,
    pub client_id: String,
    pub keep_alive_ms: i64,
    pub clean_session: bool,
    /// User name, and the environment variable holding the password.
    pub username: Option<String>,
    pub password_env: Option<String>,
    /// The Sparkplug group (Sparkplug B only).
    pub group: Option<String>,
    pub timestamp_pointer: Option<String>,
    pub unit: TimestampUnit,
    /// Whether the broker is reached over TLS (`mqtts://`), the CA certificates (PEM) that sign its certificate
    /// (the system's roots where none is given), and a client certificate and key (PEM) to present.
    pub tls: bool,
    pub ca_file: Option<PathBuf>,
    pub client_cert: Option<PathBuf>,
    pub client_key: Option<PathBuf>,
    pub host: String,
    pub port: u16,
}

impl Mqtt {
    /// The topic filters to subscribe to: each point's topic once, or the Sparkplug group's messages.
    pub fn filters(&self) -> Vec<String> {
        if self.payload == Payload::SparkplugB {
            return vec![format!("spBv1.0/{}/#", self.group.as_deref().unwrap_or("+"))];
        }
        let mut out: Vec<String> = Vec::new();
        for (_, p) in &self.points {
            if let Point::Topic { topic, .. } = p
                && !out.contains(topic)
            {
                out.push(topic.clone());
            }
        }
        out
    }
}

/// How a payload writes its timestamps. Configured, never guessed from the number's size (a microsecond
/// epoch read as milliseconds lands in the year 55,000).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TimestampUnit {
    /// RFC 3339 text, `2026-11-10T14:30:00Z` or with an offset.
    #[default]
    Rfc3339,
    Seconds,
    Millis,
    Micros,
    Nanos,
}

impl TimestampUnit {
    pub const NAMES: [(&'static str, TimestampUnit); 5] =
        [("rfc3339", TimestampUnit::Rfc3339), ("s", TimestampUnit::Seconds), ("ms", TimestampUnit::Millis), ("us", TimestampUnit::Micros), ("ns", TimestampUnit::Nanos)];

    pub fn parse(text: &str) -> Option<TimestampUnit> {
        Self::NAMES.iter().find(|(n, _)| *n == text.trim()).map(|(_, u)| *u)
    }

    /// Milliseconds since 1970 from a number in this unit; `None` for RFC 3339 or a number out of range.
    pub fn to_ms(self, x: f64) -> Option<i64> {
        let ms = match self {
            TimestampUnit::Rfc3339 => return None,
            TimestampUnit::Seconds => x * 1e3,
            TimestampUnit::Millis => x,
            TimestampUnit::Micros => x / 1e3,
            TimestampUnit::Nanos => x / 1e6,
        };
        // ±10^15 ms is ±31,000 years: anything beyond is not a time (and would overflow later sums).
        (ms.is_finite() && ms.abs() < 1e15).then(|| ms.round() as i64)
    }
}

/// Where a sources file came from. A package's own `sources.toml` is untrusted (SECURITY.md): what it
/// names stays inside the package. A file the user names with `--sources` is the user's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Package,
    User,
}

/// The environment variable that lists further variables a sources file may read credentials from, beyond
/// the `PLANT_TWIN_` prefix (comma-separated; set by the user, never by a package).
pub const ALLOW_ENV: &str = "PLANT_TWIN_ALLOW_ENV";

/// Whether a sources file may take a credential from environment variable `name`: only `PLANT_TWIN_*`
/// variables, or those the user lists in [`ALLOW_ENV`]. A package cannot name `HOME` or
/// `AWS_SECRET_ACCESS_KEY` and have it sent.
pub fn credential_env_allowed(name: &str) -> bool {
    let name = name.trim();
    if name.is_empty() {
        return false;
    }
    if name.starts_with("PLANT_TWIN_") && name != ALLOW_ENV {
        return true;
    }
    std::env::var(ALLOW_ENV).is_ok_and(|list| list.split(',').any(|n| n.trim() == name))
}

/// Whether `url`'s host is this machine (`localhost`, 127.0.0.0/8, `::1`): the only place a credential may
/// go over plain `http://`.
pub fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost") || d.to_ascii_lowercase().ends_with(".localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

/// A header whose value comes from the environment.
#[derive(Clone, Debug, PartialEq)]
pub struct Auth {
    pub header: String,
    pub env: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub id: String,
    pub url: String,
    /// Host and port, for the consent list and the status window.
    pub host: String,
    pub kind: SourceKind,
    pub interval_ms: i64,
    pub timeout_ms: i64,
    pub auth: Option<Auth>,
}

impl Source {
    /// The protocol's name (the same in every language).
    pub fn protocol(&self) -> &'static str {
        match (&self.kind, self.url.starts_with("https://")) {
            (SourceKind::HttpJson { .. }, false) => "HTTP JSON",
            (SourceKind::HttpJson { .. }, true) => "HTTPS JSON",
            (SourceKind::Prometheus { .. }, false) => "Prometheus API (HTTP)",
            (SourceKind::Prometheus { .. }, true) => "Prometheus API (HTTPS)",
            (SourceKind::ModbusTcp { .. }, _) => "Modbus TCP",
            (SourceKind::OpcUa(_), _) => "OPC UA",
            (SourceKind::Mqtt(m), _) => match (m.payload, m.tls) {
                (Payload::SparkplugB, false) => "MQTT, Sparkplug B",
                (Payload::SparkplugB, true) => "MQTT over TLS, Sparkplug B",
                (_, false) => "MQTT",
                (_, true) => "MQTT over TLS",
            },
        }
    }

    /// What will be sent to the host: the requests and any credential, by the variable it comes from
    /// (never its value), for the user to agree to before the source starts.
    pub fn sends_msg(&self) -> Msg {
        let interval_s = self.interval_ms as f64 / 1000.0;
        let (credential, header, env) = match &self.auth {
            Some(a) => ("env", a.header.as_str(), a.env.as_str()),
            None => ("none", "", ""),
        };
        match &self.kind {
            SourceKind::HttpJson { .. } => {
                msg!("live-sends-http-json", url = self.url.as_str(), interval_s = interval_s, credential = credential, header = header, env = env)
            }
            SourceKind::OpcUa(o) => msg!(
                "live-sends-opcua",
                url = self.url.as_str(),
                nodes = o.nodes.len(),
                policy = o.policy.as_str(),
                mode = o.mode.as_str(),
                user = o.username.as_deref().unwrap_or(""),
                credential = if o.password_env.is_some() { "env" } else { "none" },
                env = o.password_env.as_deref().unwrap_or("")
            ),
            SourceKind::ModbusTcp { registers } => {
                msg!("live-sends-modbus", url = self.url.as_str(), requests = crate::modbus::plan(registers).len(), registers = registers.len(), interval_s = interval_s)
            }
            SourceKind::Mqtt(m) => msg!(
                "live-sends-mqtt",
                url = self.url.as_str(),
                topics = m.filters().join(", "),
                rebirth = if m.payload == Payload::SparkplugB { "yes" } else { "no" },
                user = m.username.as_deref().unwrap_or(""),
                credential = if m.password_env.is_some() { "env" } else { "none" },
                env = m.password_env.as_deref().unwrap_or("")
            ),
            SourceKind::Prometheus { queries, backfill_ms, .. } => msg!(
                "live-sends-prometheus",
                queries = queries.len(),
                url = self.url.as_str(),
                interval_s = interval_s,
                backfill_h = (*backfill_ms).max(0) as f64 / 3.6e6,
                credential = credential,
                header = header,
                env = env
            ),
        }
    }

    /// [`Source::sends_msg`] in the current language.
    pub fn sends(&self) -> String {
        self.sends_msg().text()
    }

    /// The backfill window (ms before the session starts that samples may have).
    pub fn backfill_ms(&self) -> i64 {
        match self.kind {
            SourceKind::Prometheus { backfill_ms, .. } => backfill_ms,
            SourceKind::HttpJson { .. } | SourceKind::Mqtt(_) | SourceKind::ModbusTcp { .. } | SourceKind::OpcUa(_) => 0,
        }
    }

    /// The meters this source feeds.
    pub fn meters(&self) -> Vec<&str> {
        match &self.kind {
            SourceKind::HttpJson { meters, .. } => meters.iter().map(|(m, _)| m.as_str()).collect(),
            SourceKind::Prometheus { queries, .. } => queries.iter().map(|(m, _)| m.as_str()).collect(),
            SourceKind::Mqtt(m) => m.points.iter().map(|(m, _)| m.as_str()).collect(),
            SourceKind::ModbusTcp { registers } => registers.iter().map(|r| r.meter.as_str()).collect(),
            SourceKind::OpcUa(o) => o.nodes.iter().map(|n| n.meter.as_str()).collect(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RecorderConfig {
    /// Absolute folder the files go to (inside the package for a package's file).
    pub folder: PathBuf,
    pub flush_ms: i64,
    pub roll_ms: i64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourcesConfig {
    pub sources: Vec<Source>,
    pub recorder: Option<RecorderConfig>,
    /// The file these came from.
    pub file: PathBuf,
    pub origin: Option<Origin>,
}

/// Parses a duration such as "5s", "500ms", "6h", "1h 30m".
/// At most ten years (a backfill or roll longer than that is a typo, and would overflow time arithmetic).
pub fn parse_duration_ms(text: &str) -> Result<i64, crate::LiveError> {
    const MAX_MS: u128 = 10 * 366 * 86_400_000;
    let d = humantime::parse_duration(text.trim()).map_err(|e| crate::LiveError::NotADuration { text: text.to_string(), reason: e.to_string() })?;
    if d.as_millis() > MAX_MS {
        return Err(crate::LiveError::DurationTooLong(text.to_string()));
    }
    Ok(d.as_millis() as i64)
}

/// Reads the sources file of a site (`sources.toml` in its package) if there is one. It is the package's:
/// untrusted, and started only when the user agrees (SECURITY.md).
pub fn load_for_site(site: &Site) -> Result<Option<(SourcesConfig, Vec<Diagnostic>)>, Diagnostic> {
    // A sources.toml that is a link out of the package is refused like any other path.
    match plant_site::read_optional_package_text(&site.root, SOURCES_FILE, MAX_FILE_BYTES) {
        Ok(None) => Ok(None),
        Ok(Some((path, text))) => parse_from(&text, &path, site, Origin::Package).map(Some),
        Err((path, e)) => Err(text_error(&path, e)),
    }
}

/// Reads and validates a sources file the user named (`--sources`) against the site's meters.
pub fn load(path: &Path, site: &Site) -> Result<(SourcesConfig, Vec<Diagnostic>), Diagnostic> {
    let text = plant_site::read_text_limited(path, MAX_FILE_BYTES).map_err(|e| text_error(path, e))?;
    parse_from(&text, path, site, Origin::User)
}

/// At most this much of a sources file is read (a real one is a few kB).
const MAX_FILE_BYTES: u64 = 16 << 20;

fn text_error(path: &Path, e: plant_site::TextFileError) -> Diagnostic {
    let message = match e {
        plant_site::TextFileError::Refused(e) => msg!("live-config-refused", reason = e.message()),
        plant_site::TextFileError::Unreadable(e) => msg!("live-config-unreadable", error = e.to_string()),
        plant_site::TextFileError::TooLarge(max) => msg!("live-config-too-large", megabytes = max >> 20),
    };
    Diagnostic::error(path, Place::Whole, message)
}

/// Parses the text of a user's sources file (`path` is named in diagnostics, its folder is the base of
/// the recorder's `folder`).
pub fn parse(text: &str, path: &Path, site: &Site) -> Result<(SourcesConfig, Vec<Diagnostic>), Diagnostic> {
    parse_from(text, path, site, Origin::User)
}

/// Parses sources-file text of the given origin.
pub fn parse_from(text: &str, path: &Path, site: &Site, origin: Origin) -> Result<(SourcesConfig, Vec<Diagnostic>), Diagnostic> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let place = e.span().map_or(Place::Whole, |s| line_col(text, s.start));
        Diagnostic::error(path, place, msg!("live-config-invalid", error = e.message().trim()))
    })?;
    let mut r = Reader { out: TextProblems::new(path, text), path, site, origin };
    let mut sources: Vec<Source> = Vec::new();
    for s in raw.source {
        let span = s.span();
        let s = s.into_inner();
        if sources.iter().any(|x| x.id == s.id) {
            r.error(r.at(span), msg!("live-config-duplicate-id", source = s.id.as_str()));
            continue;
        }
        if let Some(source) = r.source(span, s) {
            sources.push(source);
        }
    }
    let recorder = raw.recorder.and_then(|rec| r.recorder(rec.into_inner(), origin));
    Ok((SourcesConfig { sources, recorder, file: path.to_path_buf(), origin: Some(origin) }, r.out.list))
}

/// A sources file being read: its text and path (for diagnostics), the site its meters are checked against,
/// and what is wrong so far.
struct Reader<'a> {
    out: TextProblems<'a>,
    path: &'a Path,
    site: &'a Site,
    origin: Origin,
}

impl Reader<'_> {
    fn at(&self, span: std::ops::Range<usize>) -> Place {
        self.out.at(span)
    }

    fn error(&mut self, place: Place, message: Msg) {
        self.out.error(place, message);
    }

    fn warning(&mut self, place: Place, message: Msg) {
        self.out.warning(place, message);
    }

    /// A duration setting in ms, `default` when it is absent or not a duration.
    fn duration(&mut self, v: &Option<Spanned<String>>, default: i64) -> i64 {
        match v {
            None => default,
            Some(s) => match parse_duration_ms(s.get_ref()) {
                Ok(ms) => ms,
                Err(e) => {
                    let message = match e {
                        crate::LiveError::NotADuration { text, reason } => msg!("live-config-bad-duration", text = text, reason = reason, default_ms = default),
                        _ => msg!("live-config-duration-too-long", text = s.get_ref().as_str(), default_ms = default),
                    };
                    self.error(self.at(s.span()), message);
                    default
                }
            },
        }
    }

    /// One `[[source]]` (at `span`), or `None` when it is left out.
    fn source(&mut self, span: std::ops::Range<usize>, s: RawSource) -> Option<Source> {
        let url = s.url.get_ref().trim().to_string();
        let schemes: &[&str] = match s.kind.get_ref().as_str() {
            "mqtt" => &["mqtt", "mqtts"],
            "modbus-tcp" => &["tcp"],
            "opc-ua" => &["opc.tcp"],
            _ => &["http", "https"],
        };
        let parsed = match reqwest::Url::parse(&url) {
            Ok(u) if schemes.contains(&u.scheme()) && u.host().is_some() => u,
            _ => {
                self.error(self.at(s.url.span()), msg!("live-config-bad-url", url = url.as_str(), source = s.id.as_str()));
                return None;
            }
        };
        let port = parsed.port_or_known_default().or(match parsed.scheme() {
            "mqtt" => Some(1883),
            "tcp" => Some(502),
            "opc.tcp" => Some(4840),
            "mqtts" => Some(8883),
            _ => None,
        });
        let host = match port {
            Some(p) => format!("{}:{p}", parsed.host_str().unwrap_or("")),
            None => parsed.host_str().unwrap_or("").to_string(),
        };
        let interval_ms = self.duration(&s.interval, 5_000).max(100);
        let timeout_ms = self.duration(&s.timeout, 2_000).max(50);
        let auth = self.auth(&s, &parsed, &host, span.clone())?;
        let unit = match &s.timestamp_unit {
            None => TimestampUnit::default(),
            Some(u) => TimestampUnit::parse(u.get_ref()).unwrap_or_else(|| {
                let names: Vec<&str> = TimestampUnit::NAMES.iter().map(|(n, _)| *n).collect();
                self.error(self.at(u.span()), msg!("live-config-bad-timestamp-unit", value = u.get_ref().as_str(), names = names.join(", ")));
                TimestampUnit::default()
            }),
        };
        let kind = match s.kind.get_ref().as_str() {
            "http-json" => {
                let meters = self.meter_map(&s.meters, &s.pointer_template, &s.id, span.clone());
                if let Some((m, p)) = meters.iter().find(|(_, p)| !p.is_empty() && !p.starts_with('/')) {
                    self.error(self.at(span.clone()), msg!("live-config-not-a-pointer", source = s.id.as_str(), pointer = p.as_str(), meter = m.as_str()));
                }
                SourceKind::HttpJson { timestamp_pointer: s.timestamp_pointer, unit, meters }
            }
            "prometheus" => {
                let backfill_ms = self.duration(&s.backfill, 3_600_000).max(0);
                let step_ms = self.duration(&s.step, interval_ms).max(1_000);
                SourceKind::Prometheus { queries: self.meter_map(&s.queries, &s.query_template, &s.id, span.clone()), backfill_ms, step_ms }
            }
            "mqtt" => SourceKind::Mqtt(Box::new(self.mqtt(&s, &parsed, &host, unit, span.clone())?)),
            "modbus-tcp" => SourceKind::ModbusTcp { registers: self.registers(&s)? },
            "opc-ua" => SourceKind::OpcUa(Box::new(self.opcua(&s, &parsed, &host, interval_ms)?)),
            other => {
                self.error(self.at(s.kind.span()), msg!("live-config-unknown-kind", kind = other, source = s.id.as_str()));
                return None;
            }
        };
        let source = Source { id: s.id, url, host, kind, interval_ms, timeout_ms, auth };
        if source.meters().is_empty() {
            self.warning(self.at(span), msg!("live-config-no-meters", source = source.id.as_str()));
        }
        Some(source)
    }

    /// An MQTT source's settings, or `None` when it is to be left out.
    fn mqtt(&mut self, s: &RawSource, parsed: &reqwest::Url, host: &str, unit: TimestampUnit, span: std::ops::Range<usize>) -> Option<Mqtt> {
        let payload = match &s.payload {
            None => Payload::Number,
            Some(p) => match Payload::NAMES.iter().find(|(n, _)| *n == p.get_ref().trim()) {
                Some((_, x)) => *x,
                None => {
                    let names: Vec<&str> = Payload::NAMES.iter().map(|(n, _)| *n).collect();
                    self.error(self.at(p.span()), msg!("live-config-bad-payload", value = p.get_ref().as_str(), names = names.join(", ")));
                    return None;
                }
            },
        };
        let qos = match &s.qos {
            Some(q) if *q.get_ref() > 2 => {
                self.error(self.at(q.span()), msg!("live-config-bad-qos", value = *q.get_ref()));
                return None;
            }
            Some(q) => *q.get_ref(),
            None => 1,
        };
        // A password only from PLANT_TWIN_* (or the user's list), and never in clear text off this machine.
        if let Some(env) = &s.password_env {
            if !credential_env_allowed(env.get_ref()) {
                self.error(self.at(env.span()), msg!("live-config-env-not-allowed", source = s.id.as_str(), variable = env.get_ref().as_str(), allow_env = ALLOW_ENV));
                return None;
            }
            if parsed.scheme() == "mqtt" && !is_loopback(parsed) {
                self.error(self.at(s.url.span()), msg!("live-config-clear-text", source = s.id.as_str(), host = host));
                return None;
            }
        }
        let points = self.mqtt_points(s, payload, span.clone())?;
        if payload == Payload::SparkplugB && s.group.as_deref().is_none_or(|g| g.trim().is_empty() || g.contains(['/', '+', '#'])) {
            self.error(self.at(span), msg!("live-config-sparkplug-group", source = s.id.as_str()));
            return None;
        }
        let tls = parsed.scheme() == "mqtts";
        let ca_file = self.file(s, &s.ca_file)?;
        let client_cert = self.file(s, &s.client_cert)?;
        let client_key = self.file(s, &s.client_key)?;
        if client_cert.is_some() != client_key.is_some() || (!tls && (ca_file.is_some() || client_cert.is_some())) {
            self.error(self.at(s.url.span()), msg!("live-config-mqtt-tls-files", source = s.id.as_str()));
            return None;
        }
        Some(Mqtt {
            payload,
            points,
            qos,
            client_id: s.client_id.clone().filter(|c| !c.trim().is_empty()).unwrap_or_else(|| format!("plant-twin-{}-{}", s.id, std::process::id())),
            keep_alive_ms: self.duration(&s.keep_alive, 30_000).clamp(5_000, 3_600_000),
            clean_session: s.clean_session.unwrap_or(true),
            username: s.username.clone(),
            password_env: s.password_env.as_ref().map(|e| e.get_ref().clone()),
            group: s.group.clone(),
            timestamp_pointer: s.timestamp_pointer.clone(),
            unit,
            tls,
            ca_file,
            client_cert,
            client_key,
            host: parsed.host_str().unwrap_or("").trim_matches(['[', ']']).to_owned(),
            port: parsed.port().unwrap_or(if tls { 8883 } else { 1883 }),
        })
    }

    /// A Modbus source's registers, each checked against the site and its form; `None` when the source is to be
    /// left out.
    fn registers(&mut self, s: &RawSource) -> Option<Vec<crate::modbus::Register>> {
        use crate::modbus::{DataType, Register, Table};
        let order = |r: &mut Self, v: Option<&str>, at: std::ops::Range<usize>, field: &str| -> Option<bool> {
            match v.map(str::trim) {
                None | Some("big") => Some(true),
                Some("little") => Some(false),
                Some(other) => {
                    r.error(r.at(at), msg!("live-config-bad-choice", source = s.id.as_str(), field = field, value = other, allowed = "big, little")); // i18n-ok: the values' names
                    None
                }
            }
        };
        let whole = s.url.span();
        let word_big = order(self, s.word_order.as_ref().map(|w| w.get_ref().as_str()), s.word_order.as_ref().map_or(whole.clone(), |w| w.span()), "word_order")?; // i18n-ok: the field's name
        let byte_big = order(self, s.byte_order.as_ref().map(|w| w.get_ref().as_str()), s.byte_order.as_ref().map_or(whole.clone(), |w| w.span()), "byte_order")?; // i18n-ok: the field's name
        let mut out = Vec::new();
        for (meter, raw) in &s.registers {
            let at = raw.span();
            let raw = raw.get_ref();
            if self.site.meter(meter).is_none() {
                self.error(self.at(at), msg!("live-config-unknown-meter", source = s.id.as_str(), meter = meter.as_str()));
                continue;
            }
            let data_type = match raw.data_type.as_deref().map(str::trim) {
                None => Some(DataType::U16),
                Some(t) => DataType::NAMES.iter().find(|(n, _)| *n == t).map(|(_, d)| *d),
            };
            let table = match raw.table.as_deref().map(str::trim) {
                None | Some("holding") => Some(Table::Holding),
                Some("input") => Some(Table::Input),
                Some(_) => None,
            };
            let (Some(data_type), Some(table)) = (data_type, table) else {
                let names: Vec<&str> = DataType::NAMES.iter().map(|(n, _)| *n).collect();
                self.error(self.at(at), msg!("live-config-modbus-bad-register", source = s.id.as_str(), meter = meter.as_str(), types = names.join(", ")));
                return None;
            };
            let word = order(self, raw.word_order.as_deref(), at.clone(), "word_order")?; // i18n-ok: the field's name
            let byte = order(self, raw.byte_order.as_deref(), at.clone(), "byte_order")?; // i18n-ok: the field's name
            let (scale, offset) = (raw.scale.unwrap_or(1.0), raw.offset.unwrap_or(0.0));
            let fits = u32::from(raw.address) + u32::from(data_type.words()) <= 65_536;
            if !(scale.is_finite() && offset.is_finite() && scale != 0.0 && fits) {
                self.error(self.at(at), msg!("live-config-modbus-bad-number", source = s.id.as_str(), meter = meter.as_str()));
                return None;
            }
            let word_big = if raw.word_order.is_some() { word } else { word_big };
            let byte_big = if raw.byte_order.is_some() { byte } else { byte_big };
            out.push(Register { meter: meter.clone(), unit_id: raw.unit_id.or(s.unit_id).unwrap_or(1), table, address: raw.address, data_type, word_big, byte_big, scale, offset });
        }
        Some(out)
    }

    /// An OPC UA source's settings, or `None` when it is to be left out.
    fn opcua(&mut self, s: &RawSource, parsed: &reqwest::Url, host: &str, interval_ms: i64) -> Option<crate::opcua::OpcUa> {
        use crate::opcua::{MODES, Node, OpcUa, POLICIES};
        let pick = |r: &mut Self, v: &Option<Spanned<String>>, names: &[&str], default: &str, field: &str| -> Option<String> {
            match v {
                None => Some(default.to_owned()),
                Some(x) if names.contains(&x.get_ref().trim()) => Some(x.get_ref().trim().to_owned()),
                Some(x) => {
                    r.error(r.at(x.span()), msg!("live-config-bad-choice", source = s.id.as_str(), field = field, value = x.get_ref().as_str(), allowed = names.join(", ")));
                    None
                }
            }
        };
        let policy = pick(self, &s.security_policy, &POLICIES, "None", "security_policy")?; // i18n-ok: the field's name
        let default_mode = if policy == "None" { "None" } else { "SignAndEncrypt" };
        let mode = pick(self, &s.security_mode, &MODES, default_mode, "security_mode")?; // i18n-ok: the field's name
        if (policy == "None") != (mode == "None") {
            self.error(self.at(s.url.span()), msg!("live-config-opcua-security", source = s.id.as_str(), policy = policy.as_str(), mode = mode.as_str()));
            return None;
        }
        if let Some(env) = &s.password_env {
            if !credential_env_allowed(env.get_ref()) {
                self.error(self.at(env.span()), msg!("live-config-env-not-allowed", source = s.id.as_str(), variable = env.get_ref().as_str(), allow_env = ALLOW_ENV));
                return None;
            }
            // A password is encrypted with the server's key only on a secured channel.
            if mode == "None" && !is_loopback(parsed) {
                self.error(self.at(s.url.span()), msg!("live-config-clear-text", source = s.id.as_str(), host = host));
                return None;
            }
        }
        let mut nodes = Vec::new();
        for (meter, raw) in &s.nodes {
            let at = raw.span();
            if self.site.meter(meter).is_none() {
                self.error(self.at(at), msg!("live-config-unknown-meter", source = s.id.as_str(), meter = meter.as_str()));
                continue;
            }
            let (id, sampling, deadband) = match raw.get_ref() {
                RawNode::Id(id) => (id.clone(), None, None),
                RawNode::Table(t) => (t.node.clone(), t.sampling.clone(), t.deadband),
            };
            if let Err(e) = crate::opcua::check_node_id(&id) {
                self.error(self.at(at), msg!("live-config-opcua-node", source = s.id.as_str(), meter = meter.as_str(), node = id.as_str(), error = e));
                return None;
            }
            let sampling_ms = match sampling.as_deref().map(parse_duration_ms) {
                None => interval_ms,
                Some(Ok(ms)) => ms,
                Some(Err(_)) => {
                    self.error(self.at(at), msg!("live-config-opcua-node", source = s.id.as_str(), meter = meter.as_str(), node = id.as_str(), error = "sampling")); // i18n-ok: the field's name
                    return None;
                }
            };
            if deadband.is_some_and(|d| !(d.is_finite() && d >= 0.0)) {
                self.error(self.at(at), msg!("live-config-opcua-node", source = s.id.as_str(), meter = meter.as_str(), node = id.as_str(), error = "deadband")); // i18n-ok: the field's name
                return None;
            }
            let unit = self.site.meter(meter).map(|m| m.unit.clone()).unwrap_or_default();
            nodes.push(Node { meter: meter.clone(), id, sampling_ms, deadband, unit });
        }
        Some(OpcUa {
            nodes,
            policy,
            mode,
            username: s.username.clone(),
            password_env: s.password_env.as_ref().map(|e| e.get_ref().clone()),
            queue_size: s.queue_size.unwrap_or(10).clamp(1, 10_000),
        })
    }

    /// A file a source names (a CA or client certificate): inside the package for a package's file, relative to
    /// the file for the user's. `Some(None)`: none named; `None`: refused (an error at its line).
    fn file(&mut self, s: &RawSource, v: &Option<Spanned<String>>) -> Option<Option<PathBuf>> {
        let Some(v) = v else { return Some(None) };
        let base = self.path.parent().unwrap_or(Path::new("."));
        match self.origin {
            Origin::Package => match plant_site::resolve_in_package(base, v.get_ref()) {
                Ok(p) => Some(Some(p)),
                Err(e) => {
                    self.error(self.at(v.span()), msg!("live-config-file-refused", source = s.id.as_str(), reason = e.message()));
                    None
                }
            },
            Origin::User => Some(Some(base.join(v.get_ref()))),
        }
    }

    /// Each meter's point: the template's for every meter of the site, then those given per meter; checked
    /// against the site and the payload form.
    fn mqtt_points(&mut self, s: &RawSource, payload: Payload, span: std::ops::Range<usize>) -> Option<Vec<(String, Point)>> {
        let mut out: Vec<(String, Point)> = Vec::new();
        if let Some(t) = &s.topic_template {
            for m in &self.site.meters {
                let pointer = s.pointer_template.as_ref().map(|p| p.replace("{meter}", &m.id).replace("{column}", &m.column));
                out.push((m.id.clone(), Point::Topic { topic: t.replace("{meter}", &m.id).replace("{column}", &m.column), pointer }));
            }
        }
        for (meter, raw) in &s.topics {
            if self.site.meter(meter).is_none() {
                self.error(self.at(span.clone()), msg!("live-config-unknown-meter", source = s.id.as_str(), meter = meter.as_str()));
                continue;
            }
            let point = match raw {
                RawPoint::Topic(t) => Point::Topic { topic: t.clone(), pointer: None },
                RawPoint::Table(RawPointTable { topic: Some(t), pointer, node: None, device: None, metric: None }) => Point::Topic { topic: t.clone(), pointer: pointer.clone() },
                RawPoint::Table(RawPointTable { topic: None, pointer: None, node: Some(n), device, metric: Some(m) }) => {
                    Point::Metric { node: n.clone(), device: device.clone(), metric: m.clone() }
                }
                RawPoint::Table(_) => {
                    self.error(self.at(span.clone()), msg!("live-config-bad-point", source = s.id.as_str(), meter = meter.as_str()));
                    continue;
                }
            };
            match out.iter_mut().find(|(m, _)| m == meter) {
                Some(e) => e.1 = point,
                None => out.push((meter.clone(), point)),
            }
        }
        // Each point must suit the payload: a metric for Sparkplug, a valid topic filter (and a pointer for JSON)
        // otherwise.
        for (meter, p) in &out {
            let fits = match (payload, p) {
                (Payload::SparkplugB, Point::Metric { .. }) => true,
                (Payload::Json, Point::Topic { topic, pointer: Some(ptr) }) => rumqttc::valid_filter(topic) && (ptr.is_empty() || ptr.starts_with('/')),
                (Payload::Number, Point::Topic { topic, pointer: None }) => rumqttc::valid_filter(topic),
                _ => false,
            };
            if !fits {
                self.error(self.at(span.clone()), msg!("live-config-point-payload", source = s.id.as_str(), meter = meter.as_str(), payload = payload.name()));
                return None;
            }
        }
        Some(out)
    }

    /// The source's credential (`Some(None)`: it has none), or `None` when the source is to be left out.
    fn auth(&mut self, s: &RawSource, parsed: &reqwest::Url, host: &str, span: std::ops::Range<usize>) -> Option<Option<Auth>> {
        match (&s.auth_header, &s.auth_env) {
            (Some(header), Some(env)) => {
                // Credentials only from PLANT_TWIN_* (or the user's list), and never in clear text off
                // this machine: the source is left out rather than run without what it needs.
                if !credential_env_allowed(env.get_ref()) {
                    self.error(self.at(env.span()), msg!("live-config-env-not-allowed", source = s.id.as_str(), variable = env.get_ref().as_str(), allow_env = ALLOW_ENV));
                    return None;
                }
                if parsed.scheme() == "http" && !is_loopback(parsed) {
                    self.error(self.at(s.url.span()), msg!("live-config-clear-text", source = s.id.as_str(), host = host));
                    return None;
                }
                Some(Some(Auth { header: header.clone(), env: env.get_ref().clone() }))
            }
            (None, None) => Some(None),
            _ => {
                self.error(self.at(span), msg!("live-config-auth-pair"));
                Some(None)
            }
        }
    }

    /// Per-meter entries, checked against the site; a template covers every meter of the site.
    fn meter_map(&mut self, explicit: &BTreeMap<String, String>, template: &Option<String>, id: &str, span: std::ops::Range<usize>) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = Vec::new();
        if let Some(t) = template {
            for m in &self.site.meters {
                out.push((m.id.clone(), t.replace("{meter}", &m.id).replace("{column}", &m.column)));
            }
        }
        for (meter, v) in explicit {
            if self.site.meter(meter).is_none() {
                self.error(self.at(span.clone()), msg!("live-config-unknown-meter", source = id, meter = meter.as_str()));
                continue;
            }
            match out.iter_mut().find(|(m, _)| m == meter) {
                Some(e) => e.1 = v.clone(),
                None => out.push((meter.clone(), v.clone())),
            }
        }
        out
    }

    fn recorder(&mut self, r: RawRecorder, origin: Origin) -> Option<RecorderConfig> {
        let base = self.path.parent().unwrap_or(Path::new("."));
        let folder = match origin {
            // A package's recorder writes inside the package, nowhere else; nothing is created until the
            // sources start.
            Origin::Package => match plant_site::resolve_in_package(base, r.folder.get_ref()) {
                Ok(f) => f,
                Err(e) => {
                    self.error(self.at(r.folder.span()), msg!("live-config-recorder-folder", reason = e.message()));
                    return None;
                }
            },
            Origin::User => base.join(r.folder.get_ref()),
        };
        Some(RecorderConfig { folder, flush_ms: self.duration(&r.flush, 60_000).max(100), roll_ms: self.duration(&r.roll, 3_600_000).max(1_000) })
    }
}
