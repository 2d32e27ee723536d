//! Alarms in the form of ANSI/ISA-18.2 (IEC 62682): definitions per site (`alarms.toml` in the package),
//! one engine for replay and live, the alarm journal over a window and the alarm-system figures of EEMUA 191
//! (docs/alarms.md; the definitions and targets with their sources in docs/research/alarms.md).
//!
//! - [`parse`] / [`load_for_site`]: the definitions, checked against the site's meters; an error names the
//!   file, line and column.
//! - [`engine`]: what an alarm's meter did, as episodes (activation and return to normal after the on- and
//!   off-delays and the deadband), computed from the samples in time order, so the state at any time is the
//!   same whether the cursor was played to it or jumped there; the operator's actions (acknowledge, shelve,
//!   out of service) are a log with times, applied the same way.
//! - [`journal`]: the events of a window and the alarm-system figures.
//! - [`oplog`]: the operator's log of a site kept between sessions.

pub mod engine;
pub mod journal;
pub mod oplog;

use std::path::Path;

use plant_i18n::{Lang, msg};
use plant_site::{Diagnostic, Place, Site, TextProblems, line_col};
use serde::{Deserialize, Serialize};

pub use engine::{Action, ActionKind, AlarmState, Episode, Timeline};
pub use journal::{Format, Journal};

/// The file of a package that holds its alarms.
pub const ALARMS_FILE: &str = "alarms.toml";
/// The version of the alarm file this build reads.
pub const VERSION: u32 = 1;

/// What makes an alarm's condition true.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Above the limit (HH, H).
    HighHigh,
    High,
    /// Below the limit (L, LL).
    Low,
    LowLow,
    /// Faster than the limit, in the meter's unit per minute, either way.
    RateOfChange,
    /// Further than the limit from another meter (`reference`) or from what the site's process model expects
    /// at the measured settings (`expected`), either way.
    Deviation,
    /// An anomaly of the meter found by `plant-anomaly` (docs/anomalies.md) of one of the kinds listed in
    /// `anomalies` (by default the meter's own faults: no data, stuck, flat-lined, spike, drift) — an
    /// instrument diagnostic alarm. No limit.
    Anomaly,
}

impl Kind {
    pub const ALL: [Kind; 7] = [Kind::HighHigh, Kind::High, Kind::Low, Kind::LowLow, Kind::RateOfChange, Kind::Deviation, Kind::Anomaly];

    /// Its name in alarms.toml.
    pub fn key(self) -> &'static str {
        match self {
            Kind::HighHigh => "high_high",
            Kind::High => "high",
            Kind::Low => "low",
            Kind::LowLow => "low_low",
            Kind::RateOfChange => "rate_of_change",
            Kind::Deviation => "deviation",
            Kind::Anomaly => "anomaly",
        }
    }
}

/// How urgently an operator must act (ISA-18.2 §6.5: consequence and time to respond; up to four).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Critical,
    High,
    Medium,
    Low,
}

impl Priority {
    pub const ALL: [Priority; 4] = [Priority::Critical, Priority::High, Priority::Medium, Priority::Low];

    pub fn key(self) -> &'static str {
        match self {
            Priority::Critical => "critical",
            Priority::High => "high",
            Priority::Medium => "medium",
            Priority::Low => "low",
        }
    }

    /// Its name in `lang` ("High" / "高").
    pub fn label(self, lang: Lang) -> String {
        msg!("alarms-priority", priority = self.key()).text_in(lang)
    }
}

/// One alarm definition.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AlarmDef {
    pub id: String,
    /// The meter, or the expression as written (`chiller-1.power + chiller-2.power`).
    pub meter: String,
    /// An expression's terms: coefficient and meter, the first meter's samples giving the times; empty for a
    /// plain meter.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<(f64, String)>,
    pub kind: Kind,
    /// In the meter's unit (per minute for a rate of change).
    pub limit: f64,
    /// How far back past the limit the value must come to return to normal, in the same unit.
    pub deadband: f64,
    /// How long the condition must hold before the alarm is raised, and how long it must be gone before the
    /// alarm returns to normal, ms.
    pub on_delay_ms: i64,
    pub off_delay_ms: i64,
    pub priority: Priority,
    /// The meter a deviation alarm compares with.
    pub reference: Option<String>,
    /// Or the figure of a process model it compares with (the model at the settings measured before each
    /// sample, in the meter's unit).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expected: Option<plant_process::Expected>,
    /// The kinds of anomaly an anomaly alarm is raised by (their ids: `stuck`, `spike`…).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub anomalies: Vec<&'static str>,
    /// What the operator reads, in English and in Chinese (English where none is given).
    pub message: String,
    pub message_zh: Option<String>,
}

impl AlarmDef {
    /// The meter whose samples the alarm is evaluated at (an expression's first), and whose equipment it marks.
    pub fn primary_meter(&self) -> &str {
        self.terms.first().map_or(self.meter.as_str(), |(_, m)| m.as_str())
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> &str {
        match (lang, &self.message_zh) {
            (Lang::ZhCn, Some(zh)) => zh,
            _ => &self.message,
        }
    }
}

/// A site's alarms and the file they came from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Alarms {
    pub alarms: Vec<AlarmDef>,
    /// Operator consoles the alarm rates are shared between (EEMUA 191 counts per operator).
    pub operators: u32,
    pub file: std::path::PathBuf,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    version: toml::Spanned<u32>,
    #[serde(default = "one")]
    operators: u32,
    #[serde(default)]
    alarm: Vec<toml::Spanned<RawAlarm>>,
}

fn one() -> u32 {
    1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAlarm {
    id: toml::Spanned<String>,
    meter: toml::Spanned<String>,
    kind: Kind,
    limit: Option<toml::Spanned<f64>>,
    anomalies: Option<toml::Spanned<Vec<String>>>,
    deadband: Option<toml::Spanned<f64>>,
    on_delay_s: Option<toml::Spanned<f64>>,
    off_delay_s: Option<toml::Spanned<f64>>,
    priority: Priority,
    reference: Option<toml::Spanned<String>>,
    expected: Option<toml::Spanned<RawExpected>>,
    message: String,
    message_zh: Option<String>,
}

/// A figure of a what-if unit's model (`expected = { whatif = "cement-kiln", output = "coal" }`).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExpected {
    /// The unit's process model (its `[[whatif]] process`).
    whatif: toml::Spanned<String>,
    /// `fuel`, `electricity`, `process_co2`, `co2` or an output of the model.
    output: toml::Spanned<String>,
    /// The settings are the means over this window before each sample (default 15 minutes).
    window_s: Option<toml::Spanned<f64>>,
}

/// The window the measured settings of an `expected` figure are averaged over, unless the file says.
const EXPECTED_WINDOW_S: f64 = 900.0;

/// At most this much of an alarm file is read (a real one is tens of kB).
const MAX_FILE_BYTES: u64 = 16 << 20;
/// At most a day of on- or off-delay.
const MAX_DELAY_S: f64 = 86_400.0;

/// Reads the package's `alarms.toml` if it has one. It is the package's: untrusted (SECURITY.md); a link out
/// of the package is refused.
pub fn load_for_site(site: &Site) -> Result<Option<(Alarms, Vec<Diagnostic>)>, Diagnostic> {
    match plant_site::read_optional_package_text(&site.root, ALARMS_FILE, MAX_FILE_BYTES) {
        Ok(None) => Ok(None),
        Ok(Some((path, text))) => parse(&text, &path, site).map(Some),
        Err((path, e)) => {
            let message = match e {
                plant_site::TextFileError::Refused(e) => msg!("alarms-refused", reason = e.message()),
                plant_site::TextFileError::Unreadable(e) => msg!("alarms-unreadable", error = e.to_string()),
                plant_site::TextFileError::TooLarge(max) => msg!("alarms-too-large", megabytes = max >> 20),
            };
            Err(Diagnostic::error(&path, Place::Whole, message))
        }
    }
}

/// Parses alarm-file text (`path` is named in diagnostics) against the site's meters. A file that is not
/// TOML of this form, or of another version, is an error at its line; an alarm that names no meter of the
/// site, or has a limit or delay out of range, is left out with an error at its line, and the rest load.
pub fn parse(text: &str, path: &Path, site: &Site) -> Result<(Alarms, Vec<Diagnostic>), Diagnostic> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let place = e.span().map_or(Place::Whole, |s| line_col(text, s.start));
        Diagnostic::error(path, place, msg!("alarms-invalid", error = e.message().trim()))
    })?;
    if *raw.version.get_ref() != VERSION {
        return Err(Diagnostic::error(path, line_col(text, raw.version.span().start), msg!("alarms-version", version = *raw.version.get_ref(), supported = VERSION)));
    }
    let mut out = TextProblems::new(path, text);
    let mut alarms: Vec<AlarmDef> = Vec::new();
    // The model of an `expected` figure reads the site's meters at every evaluation: one copy, shared.
    let shared = raw.alarm.iter().any(|a| a.get_ref().expected.is_some()).then(|| std::sync::Arc::new(site.clone()));
    for a in raw.alarm {
        let span = a.span();
        let a = a.into_inner();
        if alarms.iter().any(|x| x.id == *a.id.get_ref()) {
            out.error(out.at(a.id.span()), msg!("alarms-duplicate-id", alarm = a.id.get_ref().as_str()));
            continue;
        }
        if let Some(def) = check(&mut out, span, a, site, shared.as_ref()) {
            alarms.push(def);
        }
    }
    let operators = raw.operators.max(1);
    Ok((Alarms { alarms, operators, file: path.to_path_buf() }, out.list))
}

/// One alarm checked: its meters exist, its numbers are finite and in range.
fn check(out: &mut TextProblems<'_>, span: std::ops::Range<usize>, a: RawAlarm, site: &Site, shared: Option<&std::sync::Arc<Site>>) -> Option<AlarmDef> {
    let id = a.id.get_ref().clone();
    let mut ok = true;
    // `meter` is a meter, or an expression over meters of one quantity (`a + b - 0.5 * c`).
    let terms = match plant_site::parse_linear(a.meter.get_ref()) {
        Ok(t) => t,
        Err(m) => {
            out.error(out.at(a.meter.span()), msg!("alarms-bad-expression", alarm = id.as_str(), error = m));
            return None;
        }
    };
    // The terms are summed as recorded: one quantity in one unit.
    let mut first: Option<&plant_site::Meter> = None;
    for (_, m) in &terms {
        match site.meter(m) {
            None => {
                out.error(out.at(a.meter.span()), msg!("alarms-unknown-meter", alarm = id.as_str(), meter = m.as_str()));
                ok = false;
            }
            Some(meter) if first.is_some_and(|f| f.quantity != meter.quantity || f.unit != meter.unit) => {
                out.error(out.at(a.meter.span()), msg!("alarms-mixed-quantities", alarm = id.as_str()));
                ok = false;
            }
            Some(meter) => first = first.or(Some(meter)),
        }
    }
    let terms = if terms.len() == 1 && terms[0].0 == 1.0 { Vec::new() } else { terms };
    if let Some(r) = &a.reference
        && site.meter(r.get_ref()).is_none()
    {
        out.error(out.at(r.span()), msg!("alarms-unknown-meter", alarm = id.as_str(), meter = r.get_ref().as_str()));
        ok = false;
    }
    // A number that is not given is 0 (no deadband, no delay).
    let number = |out: &mut TextProblems<'_>, v: Option<&toml::Spanned<f64>>, lo: f64, hi: f64, field: &str| -> Option<f64> {
        let Some(v) = v else { return Some(0.0) };
        let x = *v.get_ref();
        let good = x.is_finite() && (lo..=hi).contains(&x);
        if !good {
            out.error(out.at(v.span()), msg!("alarms-out-of-range", alarm = id.as_str(), field = field, value = x, min = lo, max = hi));
        }
        good.then_some(x)
    };
    // Every kind but an anomaly alarm has a limit; an anomaly alarm has none.
    let limit = match (&a.limit, a.kind) {
        (None, Kind::Anomaly) => Some(0.0),
        (Some(l), Kind::Anomaly) => {
            out.error(out.at(l.span()), msg!("alarms-anomaly-limit", alarm = id.as_str()));
            None
        }
        (None, _) => {
            out.error(out.at(span.clone()), msg!("alarms-no-limit", alarm = id.as_str()));
            None
        }
        (Some(l), _) => number(out, Some(l), -1e12, 1e12, "limit"), // i18n-ok: the field's name
    };
    let anomalies = anomaly_kinds(out, &id, a.kind, a.anomalies.as_ref());
    let deadband = number(out, a.deadband.as_ref(), 0.0, 1e12, "deadband"); // i18n-ok: the field's name
    let on_delay = number(out, a.on_delay_s.as_ref(), 0.0, MAX_DELAY_S, "on_delay_s"); // i18n-ok: the field's name
    let off_delay = number(out, a.off_delay_s.as_ref(), 0.0, MAX_DELAY_S, "off_delay_s"); // i18n-ok: the field's name
    let (Some(limit), Some(deadband), Some(on_delay), Some(off_delay), Some(anomalies)) = (limit, deadband, on_delay, off_delay, anomalies) else { return None };
    let expected = match (&a.expected, first, shared) {
        (Some(e), Some(meter), Some(site)) => match expected(out, &id, e, meter, site) {
            Some(x) => Some(x),
            None => return None,
        },
        _ => None,
    };
    if (a.kind == Kind::Deviation) != (a.reference.is_some() || a.expected.is_some()) || (a.reference.is_some() && a.expected.is_some()) {
        out.error(out.at(span.clone()), msg!("alarms-reference", alarm = id.as_str()));
        ok = false;
    }
    if let Some(l) = a.limit.as_ref().filter(|l| matches!(a.kind, Kind::RateOfChange | Kind::Deviation) && *l.get_ref() <= 0.0) {
        out.error(out.at(l.span()), msg!("alarms-out-of-range", alarm = id.as_str(), field = "limit", value = *l.get_ref(), min = 0.0, max = 1e12));
        ok = false;
    }
    if a.kind == Kind::Anomaly && !terms.is_empty() {
        out.error(out.at(a.meter.span()), msg!("alarms-anomaly-expression", alarm = id.as_str()));
        ok = false;
    }
    ok.then(|| AlarmDef {
        id,
        meter: a.meter.into_inner().trim().to_owned(),
        terms,
        kind: a.kind,
        limit,
        deadband,
        on_delay_ms: (on_delay * 1000.0).round() as i64,
        off_delay_ms: (off_delay * 1000.0).round() as i64,
        priority: a.priority,
        reference: a.reference.map(toml::Spanned::into_inner),
        expected,
        anomalies,
        message: a.message,
        message_zh: a.message_zh,
    })
}

/// The meter's own faults: what an anomaly alarm is raised by unless it lists kinds.
pub const METER_FAULTS: [plant_anomaly::Kind; 5] =
    [plant_anomaly::Kind::NoData, plant_anomaly::Kind::Stuck, plant_anomaly::Kind::FlatLine, plant_anomaly::Kind::Spike, plant_anomaly::Kind::Drift];

/// An anomaly alarm's kinds of anomaly checked (ids of `plant_anomaly::Kind`; the meter's own faults by
/// default); `anomalies` on another kind of alarm is an error. `None`: an error was reported.
fn anomaly_kinds(out: &mut TextProblems<'_>, id: &str, kind: Kind, list: Option<&toml::Spanned<Vec<String>>>) -> Option<Vec<&'static str>> {
    match (kind, list) {
        (Kind::Anomaly, None) => Some(METER_FAULTS.iter().map(|k| k.id()).collect()),
        (Kind::Anomaly, Some(l)) => {
            let kinds: Vec<Option<&'static str>> = l.get_ref().iter().map(|name| plant_anomaly::Kind::ALL.iter().find(|k| k.id() == name).map(|k| k.id())).collect();
            match kinds.iter().position(Option::is_none) {
                Some(bad) => {
                    let known = plant_anomaly::Kind::ALL.iter().map(|k| k.id()).collect::<Vec<_>>().join(", ");
                    out.error(out.at(l.span()), msg!("alarms-anomaly-kind", alarm = id, kind = l.get_ref()[bad].as_str(), kinds = known));
                    None
                }
                None if kinds.is_empty() => {
                    out.error(out.at(l.span()), msg!("alarms-anomaly-none", alarm = id));
                    None
                }
                None => Some(kinds.into_iter().flatten().collect()),
            }
        }
        (_, Some(l)) => {
            out.error(out.at(l.span()), msg!("alarms-anomalies-not-anomaly", alarm = id));
            None
        }
        (_, None) => Some(Vec::new()),
    }
}

/// An `expected` figure checked: the site has the unit, the model the output, and its unit is the meter's
/// quantity.
fn expected(out: &mut TextProblems<'_>, id: &str, e: &toml::Spanned<RawExpected>, meter: &plant_site::Meter, site: &std::sync::Arc<Site>) -> Option<plant_process::Expected> {
    let raw = e.get_ref();
    let window_s = match &raw.window_s {
        Some(w) if !(w.get_ref().is_finite() && (1.0..=MAX_DELAY_S).contains(w.get_ref())) => {
            out.error(out.at(w.span()), msg!("alarms-out-of-range", alarm = id, field = "window_s", value = *w.get_ref(), min = 1.0, max = MAX_DELAY_S)); // i18n-ok: the field's name
            return None;
        }
        Some(w) => *w.get_ref(),
        None => EXPECTED_WINDOW_S,
    };
    let figure = plant_process::Figure::parse(raw.output.get_ref());
    let window_ms = (window_s * 1000.0).round() as i64;
    match plant_process::Expected::new(site.clone(), raw.whatif.get_ref(), figure, &meter.unit, window_ms) {
        Ok(x) => Some(x),
        Err(plant_process::ExpectedError::NoUnit) => {
            out.error(out.at(raw.whatif.span()), msg!("alarms-expected-no-unit", alarm = id, whatif = raw.whatif.get_ref().as_str()));
            None
        }
        Err(plant_process::ExpectedError::NoFigure) => {
            out.error(out.at(raw.output.span()), msg!("alarms-expected-no-output", alarm = id, whatif = raw.whatif.get_ref().as_str(), output = raw.output.get_ref().as_str()));
            None
        }
        Err(plant_process::ExpectedError::Units(figure, meter_unit)) => {
            out.error(
                out.at(raw.output.span()),
                msg!("alarms-expected-units", alarm = id, output = raw.output.get_ref().as_str(), unit = figure, meter = meter.id.as_str(), meter_unit = meter_unit),
            );
            None
        }
    }
}
