//! Training scenarios (docs/training.md): a trainer's script over a site's recording — when it starts and how
//! fast it plays, the malfunctions applied to the meter data on the fly (the recorded files are never
//! touched), instructions and questions shown to the trainee at times or when an alarm is raised,
//! checkpoints to jump back to — and what the trainee did, scored.
//!
//! - [`parse`] / [`load`] / [`list_for_site`]: `training/*.toml` in a package (version 1); an error names
//!   the file, line and column.
//! - [`malfunction`]: the malfunctions applied to a store, giving a derived store that shares every series it
//!   does not change (stuck, drift, step, spike, noise, dropout, trip to zero, and a process event that moves
//!   several meters together as the site's what-if process model says they would).
//! - [`session`]: when each instruction and question is due, the trainee's log, the score; the headless run.

pub mod malfunction;
pub mod run;
pub mod session;

use std::path::{Path, PathBuf};

use plant_i18n::msg;
use plant_site::{Diagnostic, Place, Site, TextProblems, line_col};
use serde::{Deserialize, Serialize};

pub use malfunction::{Applied, Effect, Follow, Malfunction, ProcessEvent, overlay};
pub use plant_site::{Text, parse_duration, parse_when};
pub use session::{LogEntry, LogKind, Score, Session};

/// The folder of a package that holds its training scenarios.
pub const TRAINING_DIR: &str = "training";
/// The version of the scenario file this build reads.
pub const VERSION: u32 = 1;
/// At most this much of a scenario file is read.
const MAX_FILE_BYTES: u64 = 4 << 20;

/// When an instruction or a question is due.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum When {
    /// At a time of the record, ms.
    At(i64),
    /// When an alarm is first raised after the scenario's start, plus a delay.
    Alarm { alarm: String, after_ms: i64 },
}

/// An instruction shown to the trainee.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Instruction {
    pub when: When,
    pub text: Text,
}

/// What a question expects.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Expected {
    /// One of the choices (index from 0; the file counts from 1).
    Choice { choices: Vec<Text>, answer: usize },
    /// The equipment the trainee must click.
    Equipment { answer: String },
}

/// A question put to the trainee.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Question {
    pub id: String,
    pub when: When,
    pub text: Text,
    pub expected: Expected,
    pub points: u32,
}

/// A point of the scenario the trainer can jump back to.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Checkpoint {
    pub id: String,
    pub at_ms: i64,
    pub name: Text,
}

/// An alarm the scenario must raise, in a window (checked by the headless run).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Expect {
    pub alarm: String,
    pub from_ms: i64,
    pub to_ms: i64,
}

/// How the trainee's acknowledgements are scored.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Scoring {
    /// An alarm acknowledged this soon after it was raised earns `ack_points`.
    pub ack_within_ms: i64,
    pub ack_points: u32,
}

/// The view a scenario opens with: an equipment item framed (`None`: the whole site), seen from `yaw_deg` round
/// (0: along the model's −Z axis… as the viewer's orbit camera counts) and `pitch_deg` down, at `zoom` times the
/// framing distance.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Camera {
    pub frame: Option<String>,
    pub yaw_deg: Option<f64>,
    pub pitch_deg: Option<f64>,
    pub zoom: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCamera {
    frame: Option<toml::Spanned<String>>,
    yaw: Option<toml::Spanned<f64>>,
    pitch: Option<toml::Spanned<f64>>,
    zoom: Option<toml::Spanned<f64>>,
}

/// A training scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scenario {
    pub name: Text,
    pub briefing: Text,
    pub start_ms: i64,
    pub end_ms: i64,
    /// Record seconds per real second.
    pub speed: f64,
    /// The equipment selected (and framed) at the start.
    pub selection: Option<String>,
    /// The view at the start (where none is given, the selection is framed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub camera: Option<Camera>,
    pub malfunctions: Vec<Malfunction>,
    pub instructions: Vec<Instruction>,
    pub questions: Vec<Question>,
    pub checkpoints: Vec<Checkpoint>,
    pub expects: Vec<Expect>,
    pub scoring: Scoring,
    #[serde(skip)]
    pub file: PathBuf,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    version: toml::Spanned<u32>,
    name: String,
    name_zh: Option<String>,
    #[serde(default)]
    briefing: String,
    briefing_zh: Option<String>,
    start: toml::Spanned<String>,
    duration: toml::Spanned<String>,
    speed: Option<toml::Spanned<f64>>,
    selection: Option<toml::Spanned<String>>,
    camera: Option<RawCamera>,
    scoring: Option<RawScoring>,
    #[serde(default)]
    malfunction: Vec<toml::Spanned<malfunction::RawMalfunction>>,
    #[serde(default)]
    instruction: Vec<toml::Spanned<RawInstruction>>,
    #[serde(default)]
    question: Vec<toml::Spanned<RawQuestion>>,
    #[serde(default)]
    checkpoint: Vec<toml::Spanned<RawCheckpoint>>,
    #[serde(default)]
    expect: Vec<toml::Spanned<RawExpect>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScoring {
    ack_within: Option<toml::Spanned<String>>,
    ack_points: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInstruction {
    at: Option<toml::Spanned<String>>,
    when_alarm: Option<toml::Spanned<String>>,
    after: Option<toml::Spanned<String>>,
    text: String,
    text_zh: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawQuestion {
    id: toml::Spanned<String>,
    at: Option<toml::Spanned<String>>,
    when_alarm: Option<toml::Spanned<String>>,
    after: Option<toml::Spanned<String>>,
    text: String,
    text_zh: Option<String>,
    #[serde(default)]
    choices: Vec<String>,
    choices_zh: Option<toml::Spanned<Vec<String>>>,
    answer: toml::Spanned<toml::Value>,
    points: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCheckpoint {
    id: toml::Spanned<String>,
    at: toml::Spanned<String>,
    name: String,
    name_zh: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExpect {
    alarm: toml::Spanned<String>,
    from: toml::Spanned<String>,
    to: toml::Spanned<String>,
}

/// The scenario files of a package (`training/*.toml`), by name; none when it has no such folder. A link out of
/// the package is left out.
pub fn list_for_site(site: &Site) -> Vec<PathBuf> {
    plant_site::package_toml_files(&site.root, TRAINING_DIR)
}

/// A scenario named by a user: a path as given when it is a file, else the package's scenario of that name (with
/// or without `.toml`). `Err` lists the package's scenarios by name.
pub fn find(site: &Site, name: &Path) -> Result<PathBuf, Vec<String>> {
    plant_site::find_named(&list_for_site(site), name)
}

/// Reads and parses a scenario file: one of the package's (`training/…`, read through the package boundary)
/// or any file the user names. It is untrusted input (SECURITY.md).
pub fn load(path: &Path, site: &Site, alarms: Option<&plant_alarms::Alarms>) -> Result<(Scenario, Vec<Diagnostic>), Diagnostic> {
    let text = read_limited(path).map_err(|message| Diagnostic::error(path, Place::Whole, message))?;
    parse(&text, path, site, alarms)
}

fn read_limited(path: &Path) -> Result<String, plant_i18n::Msg> {
    plant_site::read_text_limited(path, MAX_FILE_BYTES).map_err(|e| match e {
        plant_site::TextFileError::TooLarge(_) => msg!("training-too-large", megabytes = MAX_FILE_BYTES >> 20),
        plant_site::TextFileError::Unreadable(e) => msg!("training-unreadable", error = e.to_string()),
        plant_site::TextFileError::Refused(e) => msg!("training-unreadable", error = e.message().text()),
    })
}

/// Checks names and times of a scenario file as it is read: a time at its place.
pub(crate) struct Reader<'a> {
    pub out: TextProblems<'a>,
    pub site: &'a Site,
    pub alarms: Option<&'a plant_alarms::Alarms>,
    pub start_ms: i64,
}

impl Reader<'_> {
    /// A time: an offset from the start ("+20m") or a time of the record in the site's time zone.
    pub fn when(&mut self, s: &toml::Spanned<String>, what: &str) -> Option<i64> {
        let t = parse_when(s.get_ref(), self.start_ms, self.site.time_zone);
        if t.is_none() {
            self.out.error(self.out.at(s.span()), msg!("training-bad-time", field = what, value = s.get_ref().as_str()));
        }
        t
    }

    /// A duration ("5m", "1h30m", "45s").
    pub fn duration(&mut self, s: &toml::Spanned<String>, what: &str) -> Option<i64> {
        let d = parse_duration(s.get_ref());
        if d.is_none() {
            self.out.error(self.out.at(s.span()), msg!("training-bad-duration", field = what, value = s.get_ref().as_str()));
        }
        d
    }

    pub fn meter(&mut self, s: &toml::Spanned<String>) -> bool {
        let ok = self.site.meter(s.get_ref()).is_some();
        if !ok {
            self.out.error(self.out.at(s.span()), msg!("training-unknown-meter", meter = s.get_ref().as_str()));
        }
        ok
    }

    /// An alarm of the site's alarms.toml.
    pub fn alarm(&mut self, s: &toml::Spanned<String>) -> bool {
        let ok = self.alarms.is_some_and(|a| a.alarms.iter().any(|d| d.id == *s.get_ref()));
        if !ok {
            self.out.error(self.out.at(s.span()), msg!("training-unknown-alarm", alarm = s.get_ref().as_str()));
        }
        ok
    }

    pub fn equipment(&mut self, s: &toml::Spanned<String>) -> bool {
        let ok = self.site.equipment(s.get_ref()).is_some();
        if !ok {
            self.out.error(self.out.at(s.span()), msg!("training-unknown-equipment", equipment = s.get_ref().as_str()));
        }
        ok
    }

    /// A number in range, or an error at its place.
    pub fn number(&mut self, v: &toml::Spanned<f64>, lo: f64, hi: f64, field: &str) -> Option<f64> {
        let x = *v.get_ref();
        let good = x.is_finite() && (lo..=hi).contains(&x);
        if !good {
            self.out.error(self.out.at(v.span()), msg!("training-out-of-range", field = field, value = x, min = lo, max = hi));
        }
        good.then_some(x)
    }

    /// `at` or `when_alarm` (+ `after`), exactly one of them.
    fn due(
        &mut self,
        span: std::ops::Range<usize>,
        at: Option<&toml::Spanned<String>>,
        alarm: Option<&toml::Spanned<String>>,
        after: Option<&toml::Spanned<String>>,
    ) -> Option<When> {
        match (at, alarm) {
            (Some(at), None) => self.when(at, "at").map(When::At), // i18n-ok: the field's name
            (None, Some(alarm)) => {
                if !self.alarm(alarm) {
                    return None;
                }
                let after_ms = match after {
                    Some(a) => self.duration(a, "after")?, // i18n-ok: the field's name
                    None => 0,
                };
                Some(When::Alarm { alarm: alarm.get_ref().clone(), after_ms })
            }
            _ => {
                self.out.error(self.out.at(span), msg!("training-when"));
                None
            }
        }
    }
}

/// Parses scenario-file text (`path` is named in diagnostics) against the site and its alarms. A file that is not TOML of this
/// form, or of another version, or without a valid start and duration, is an error at its line; an item that
/// names no meter, equipment, alarm or what-if unit of the site, or has a number out of range, is left out with an
/// error at its line, and the rest load.
pub fn parse(text: &str, path: &Path, site: &Site, alarms: Option<&plant_alarms::Alarms>) -> Result<(Scenario, Vec<Diagnostic>), Diagnostic> {
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let place = e.span().map_or(Place::Whole, |s| line_col(text, s.start));
        Diagnostic::error(path, place, msg!("training-invalid", error = e.message().trim()))
    })?;
    if *raw.version.get_ref() != VERSION {
        return Err(Diagnostic::error(path, line_col(text, raw.version.span().start), msg!("training-version", version = *raw.version.get_ref(), supported = VERSION)));
    }
    let tz = site.time_zone;
    let at = |s: &toml::Spanned<String>| line_col(text, s.span().start);
    let start_ms = parse_when(raw.start.get_ref(), 0, tz)
        .filter(|_| !raw.start.get_ref().trim_start().starts_with('+'))
        .ok_or_else(|| Diagnostic::error(path, at(&raw.start), msg!("training-bad-time", field = "start", value = raw.start.get_ref().as_str())))?; // i18n-ok: the field's name
    let duration = parse_duration(raw.duration.get_ref())
        .filter(|d| *d > 0)
        .ok_or_else(|| Diagnostic::error(path, at(&raw.duration), msg!("training-bad-duration", field = "duration", value = raw.duration.get_ref().as_str())))?; // i18n-ok: the field's name
    let mut r = Reader { out: TextProblems::new(path, text), site, alarms, start_ms };
    let speed = raw.speed.as_ref().and_then(|s| r.number(s, 0.1, 3600.0, "speed")).unwrap_or(60.0); // i18n-ok: the field's name
    let selection = raw.selection.filter(|s| r.equipment(s)).map(toml::Spanned::into_inner);
    let camera = raw.camera.map(|c| Camera {
        frame: c.frame.filter(|s| r.equipment(s)).map(toml::Spanned::into_inner),
        yaw_deg: c.yaw.and_then(|v| r.number(&v, -360.0, 360.0, "camera.yaw")), // i18n-ok: the field's name
        pitch_deg: c.pitch.and_then(|v| r.number(&v, -89.0, 89.0, "camera.pitch")), // i18n-ok: the field's name
        zoom: c.zoom.and_then(|v| r.number(&v, 0.05, 20.0, "camera.zoom")),     // i18n-ok: the field's name
    });
    let scoring = Scoring {
        ack_within_ms: raw.scoring.as_ref().and_then(|s| s.ack_within.as_ref()).and_then(|d| r.duration(d, "ack_within")).unwrap_or(300_000), // i18n-ok: the field's name
        ack_points: raw.scoring.as_ref().and_then(|s| s.ack_points).unwrap_or(1),
    };
    let mut malfunctions: Vec<Malfunction> = Vec::new();
    for m in raw.malfunction {
        let span = m.span();
        if let Some(m) = malfunction::check(&mut r, span.clone(), m.into_inner()) {
            if malfunctions.iter().any(|x| x.id == m.id) {
                r.out.error(r.out.at(span), msg!("training-duplicate-id", id = m.id.as_str()));
            } else {
                malfunctions.push(m);
            }
        }
    }
    let instructions = raw
        .instruction
        .into_iter()
        .filter_map(|i| {
            let span = i.span();
            let i = i.into_inner();
            let when = r.due(span, i.at.as_ref(), i.when_alarm.as_ref(), i.after.as_ref())?;
            Some(Instruction { when, text: Text::new(i.text, i.text_zh) })
        })
        .collect();
    let mut questions: Vec<Question> = Vec::new();
    for q in raw.question {
        let span = q.span();
        if let Some(q) = question(&mut r, span.clone(), q.into_inner()) {
            if questions.iter().any(|x| x.id == q.id) {
                r.out.error(r.out.at(span), msg!("training-duplicate-id", id = q.id.as_str()));
            } else {
                questions.push(q);
            }
        }
    }
    let checkpoints = raw
        .checkpoint
        .into_iter()
        .filter_map(|c| {
            let c = c.into_inner();
            let at_ms = r.when(&c.at, "at")?; // i18n-ok: the field's name
            Some(Checkpoint { id: c.id.into_inner(), at_ms, name: Text::new(c.name, c.name_zh) })
        })
        .collect();
    let expects = raw
        .expect
        .into_iter()
        .filter_map(|e| {
            let e = e.into_inner();
            if !r.alarm(&e.alarm) {
                return None;
            }
            let (from_ms, to_ms) = (r.when(&e.from, "from")?, r.when(&e.to, "to")?); // i18n-ok: the fields' names
            Some(Expect { alarm: e.alarm.into_inner(), from_ms, to_ms })
        })
        .collect();
    let scenario = Scenario {
        name: Text::new(raw.name, raw.name_zh),
        briefing: Text::new(raw.briefing, raw.briefing_zh),
        start_ms,
        end_ms: start_ms + duration,
        speed,
        selection,
        camera,
        malfunctions,
        instructions,
        questions,
        checkpoints,
        expects,
        scoring,
        file: path.to_path_buf(),
    };
    Ok((scenario, r.out.list))
}

fn question(r: &mut Reader<'_>, span: std::ops::Range<usize>, q: RawQuestion) -> Option<Question> {
    let when = r.due(span.clone(), q.at.as_ref(), q.when_alarm.as_ref(), q.after.as_ref())?;
    let answer_at = r.out.at(q.answer.span());
    let expected = match (q.answer.get_ref(), q.choices.is_empty()) {
        (toml::Value::Integer(n), false) => {
            let zh = q.choices_zh.as_ref().map(|z| z.get_ref().clone());
            if let Some(z) = &q.choices_zh
                && z.get_ref().len() != q.choices.len()
            {
                r.out.error(r.out.at(z.span()), msg!("training-choices-zh", question = q.id.get_ref().as_str()));
                return None;
            }
            if *n < 1 || *n as usize > q.choices.len() {
                r.out.error(answer_at, msg!("training-bad-answer", question = q.id.get_ref().as_str(), count = q.choices.len()));
                return None;
            }
            let choices = q.choices.iter().enumerate().map(|(i, c)| Text::new(c.clone(), zh.as_ref().and_then(|z| z.get(i).cloned()))).collect();
            Expected::Choice { choices, answer: *n as usize - 1 }
        }
        (toml::Value::String(id), true) => {
            if r.site.equipment(id).is_none() {
                r.out.error(answer_at, msg!("training-unknown-equipment", equipment = id.as_str()));
                return None;
            }
            Expected::Equipment { answer: id.clone() }
        }
        _ => {
            r.out.error(answer_at, msg!("training-bad-answer", question = q.id.get_ref().as_str(), count = q.choices.len()));
            return None;
        }
    };
    Some(Question { id: q.id.into_inner(), when, text: Text::new(q.text, q.text_zh), expected, points: q.points.unwrap_or(1) })
}
