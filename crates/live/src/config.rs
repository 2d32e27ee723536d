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
//! auth_env = "PLANT_TWIN_SCADA_TOKEN"      # … its value read from this environment variable, never stored here
//! timestamp_pointer = "/timestamp"         # optional JSON pointer: RFC 3339, unix s or ms; default receive time
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
//! folder = "recordings"                    # relative to the package
//! flush = "60s"                            # at most this much is lost in a crash
//! roll = "1h"                              # one file per hour
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use plant_site::{Diagnostic, Place, Site, line_col};
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
    auth_env: Option<String>,
    timestamp_pointer: Option<String>,
    pointer_template: Option<String>,
    #[serde(default)]
    meters: BTreeMap<String, String>,
    query_template: Option<String>,
    #[serde(default)]
    queries: BTreeMap<String, String>,
    backfill: Option<Spanned<String>>,
    step: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecorder {
    folder: String,
    flush: Option<Spanned<String>>,
    roll: Option<Spanned<String>>,
}

/// What a source is and how it maps to meters.
#[derive(Clone, Debug, PartialEq)]
pub enum SourceKind {
    /// A JSON document polled over HTTP; each meter's value at a JSON pointer.
    HttpJson { timestamp_pointer: Option<String>, meters: Vec<(String, String)> },
    /// The Prometheus HTTP query API; each meter a PromQL expression.
    Prometheus { queries: Vec<(String, String)>, backfill_ms: i64, step_ms: i64 },
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
    pub kind: SourceKind,
    pub interval_ms: i64,
    pub timeout_ms: i64,
    pub auth: Option<Auth>,
}

impl Source {
    /// The meters this source feeds.
    pub fn meters(&self) -> Vec<&str> {
        match &self.kind {
            SourceKind::HttpJson { meters, .. } => meters.iter().map(|(m, _)| m.as_str()).collect(),
            SourceKind::Prometheus { queries, .. } => queries.iter().map(|(m, _)| m.as_str()).collect(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct RecorderConfig {
    /// Absolute folder the files go to.
    pub folder: std::path::PathBuf,
    pub flush_ms: i64,
    pub roll_ms: i64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SourcesConfig {
    pub sources: Vec<Source>,
    pub recorder: Option<RecorderConfig>,
}

/// Parses a duration such as "5s", "500ms", "6h", "1h 30m".
pub fn parse_duration_ms(text: &str) -> Result<i64, String> {
    humantime::parse_duration(text.trim()).map(|d| d.as_millis() as i64).map_err(|e| format!("\"{text}\" is not a duration ({e}); write e.g. \"5s\", \"500ms\", \"6h\""))
}

/// Reads the sources file of a site (`sources.toml` in its package) if there is one.
pub fn load_for_site(site: &Site) -> Result<Option<(SourcesConfig, Vec<Diagnostic>)>, Diagnostic> {
    let path = site.root.join(SOURCES_FILE);
    if !path.is_file() {
        return Ok(None);
    }
    load(&path, site).map(Some)
}

/// Reads and validates a sources file against the site's meters.
pub fn load(path: &Path, site: &Site) -> Result<(SourcesConfig, Vec<Diagnostic>), Diagnostic> {
    let text = std::fs::read_to_string(path).map_err(|e| Diagnostic::error(path, Place::Whole, format!("cannot read the sources file: {e}")))?;
    parse(&text, path, site)
}

/// Parses sources-file text; `path` is the file named in diagnostics, and its folder the base of `folder`.
pub fn parse(text: &str, path: &Path, site: &Site) -> Result<(SourcesConfig, Vec<Diagnostic>), Diagnostic> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let place = e.span().map_or(Place::Whole, |s| line_col(text, s.start));
        Diagnostic::error(path, place, e.message().trim().to_string())
    })?;
    let at = |span: std::ops::Range<usize>| line_col(text, span.start);
    let mut diags = Vec::new();
    let mut sources: Vec<Source> = Vec::new();
    let duration = |v: &Option<Spanned<String>>, default: i64, diags: &mut Vec<Diagnostic>| -> i64 {
        match v {
            None => default,
            Some(s) => match parse_duration_ms(s.get_ref()) {
                Ok(ms) => ms,
                Err(e) => {
                    diags.push(Diagnostic::error(path, at(s.span()), format!("{e}; using {} ms", default)));
                    default
                }
            },
        }
    };
    for s in raw.source {
        let span = s.span();
        let s = s.into_inner();
        if sources.iter().any(|x| x.id == s.id) {
            diags.push(Diagnostic::error(path, at(span), format!("source id \"{}\" is used twice; the second is ignored", s.id)));
            continue;
        }
        let url = s.url.get_ref().trim().to_string();
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            diags.push(Diagnostic::error(path, at(s.url.span()), format!("url \"{url}\" must start with http:// or https://; source \"{}\" ignored", s.id)));
            continue;
        }
        let interval_ms = duration(&s.interval, 5_000, &mut diags).max(100);
        let timeout_ms = duration(&s.timeout, 2_000, &mut diags).max(50);
        let auth = match (s.auth_header, s.auth_env) {
            (Some(header), Some(env)) => Some(Auth { header, env }),
            (None, None) => None,
            _ => {
                diags.push(Diagnostic::error(path, at(span.clone()), "auth_header and auth_env go together (the value is read from the environment); no auth sent"));
                None
            }
        };
        // Per-meter entries, checked against the site; a template covers every meter of the site.
        let map = |explicit: &BTreeMap<String, String>, template: &Option<String>, diags: &mut Vec<Diagnostic>| -> Vec<(String, String)> {
            let mut out: Vec<(String, String)> = Vec::new();
            if let Some(t) = template {
                for m in &site.meters {
                    out.push((m.id.clone(), t.replace("{meter}", &m.id).replace("{column}", &m.column)));
                }
            }
            for (meter, v) in explicit {
                if site.meter(meter).is_none() {
                    diags.push(Diagnostic::error(path, at(span.clone()), format!("source \"{}\": no meter \"{meter}\" in the site; entry ignored", s.id)));
                    continue;
                }
                match out.iter_mut().find(|(m, _)| m == meter) {
                    Some(e) => e.1 = v.clone(),
                    None => out.push((meter.clone(), v.clone())),
                }
            }
            out
        };
        let kind = match s.kind.get_ref().as_str() {
            "http-json" => {
                let meters = map(&s.meters, &s.pointer_template, &mut diags);
                if let Some((m, p)) = meters.iter().find(|(_, p)| !p.is_empty() && !p.starts_with('/')) {
                    diags.push(Diagnostic::error(path, at(span.clone()), format!("source \"{}\": \"{p}\" for {m} is not a JSON pointer (starts with /)", s.id)));
                }
                SourceKind::HttpJson { timestamp_pointer: s.timestamp_pointer, meters }
            }
            "prometheus" => {
                let backfill_ms = duration(&s.backfill, 3_600_000, &mut diags).max(0);
                let step_ms = duration(&s.step, interval_ms, &mut diags).max(1_000);
                SourceKind::Prometheus { queries: map(&s.queries, &s.query_template, &mut diags), backfill_ms, step_ms }
            }
            other => {
                diags.push(Diagnostic::error(path, at(s.kind.span()), format!("unknown source kind \"{other}\" (http-json or prometheus); source \"{}\" ignored", s.id)));
                continue;
            }
        };
        let source = Source { id: s.id, url, kind, interval_ms, timeout_ms, auth };
        if source.meters().is_empty() {
            diags.push(Diagnostic::warning(path, at(span), format!("source \"{}\" feeds no meter (no meters/queries and no template)", source.id)));
        }
        sources.push(source);
    }
    let recorder = raw.recorder.map(|r| {
        let r = r.into_inner();
        let base = path.parent().unwrap_or(Path::new("."));
        RecorderConfig {
            folder: base.join(&r.folder),
            flush_ms: duration(&r.flush, 60_000, &mut diags).max(100),
            roll_ms: duration(&r.roll, 3_600_000, &mut diags).max(1_000),
        }
    });
    Ok((SourcesConfig { sources, recorder }, diags))
}
