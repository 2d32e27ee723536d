//! A training session: the scenario's malfunctions as applied (scheduled ones, and those the trainer injects
//! or removes at the cursor), when each instruction and question is due, the trainee's log and the score;
//! and the headless run of a scenario (`plant-twin train`), which lists what happens when and checks the
//! alarms the scenario expects.

use std::collections::HashMap;

use plant_alarms::{Alarms, Timeline};
use plant_i18n::{Lang, msg};
use plant_site::Site;
use plant_store::Store;
use serde::{Deserialize, Serialize};

use crate::malfunction::{Applied, overlay};
use crate::{Expected, Scenario, When};

/// What the trainee (or the trainer) did.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LogKind {
    Started,
    Frozen,
    Resumed,
    Checkpoint,
    Injected,
    Removed,
    Acknowledged,
    Shelved,
    Unshelved,
    OutOfService,
    ReturnedToService,
    Answered,
    Selected,
    WhatIf,
}

impl LogKind {
    pub fn key(self) -> &'static str {
        match self {
            LogKind::Started => "started",
            LogKind::Frozen => "frozen",
            LogKind::Resumed => "resumed",
            LogKind::Checkpoint => "checkpoint",
            LogKind::Injected => "injected",
            LogKind::Removed => "removed",
            LogKind::Acknowledged => "acknowledged",
            LogKind::Shelved => "shelved",
            LogKind::Unshelved => "unshelved",
            LogKind::OutOfService => "out_of_service",
            LogKind::ReturnedToService => "returned_to_service",
            LogKind::Answered => "answered",
            LogKind::Selected => "selected",
            LogKind::WhatIf => "what_if",
        }
    }

    /// Its name in `lang`.
    pub fn label(self, lang: Lang) -> String {
        msg!("training-log-kind", kind = self.key()).text_in(lang)
    }
}

/// One line of the log: at a time of the record (the scenario's clock), what, on what, and for an answer
/// whether it was right.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LogEntry {
    pub t_ms: i64,
    pub kind: LogKind,
    /// The alarm, question, equipment, malfunction or checkpoint.
    pub subject: String,
    /// The answer given, the note, the setting changed.
    #[serde(default)]
    pub detail: String,
    #[serde(default)]
    pub correct: Option<bool>,
}

/// A session of a scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub scenario: Scenario,
    /// The malfunctions in effect, in the order applied.
    pub applied: Vec<Applied>,
    pub log: Vec<LogEntry>,
}

/// When the instructions and questions are due (in the scenario's order; `None`: not due, as their alarm was
/// not raised).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Due {
    pub instructions: Vec<Option<i64>>,
    pub questions: Vec<Option<i64>>,
}

/// A question's score.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuestionScore {
    pub id: String,
    pub points: u32,
    pub earned: u32,
    /// The first answer given (only the first counts).
    pub answer: Option<String>,
}

/// An alarm raised during the scenario and whether it was acknowledged in time.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AckScore {
    pub alarm: String,
    pub raised_ms: i64,
    pub acknowledged_ms: Option<i64>,
    pub points: u32,
    pub earned: u32,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Score {
    pub questions: Vec<QuestionScore>,
    pub acknowledgements: Vec<AckScore>,
    pub earned: u32,
    pub possible: u32,
}

impl Score {
    /// Earned over possible, %; 100 when nothing could be earned.
    pub fn percent(&self) -> f64 {
        if self.possible == 0 { 100.0 } else { 100.0 * f64::from(self.earned) / f64::from(self.possible) }
    }
}

impl Session {
    /// A session with the scenario's scheduled malfunctions.
    pub fn new(scenario: Scenario) -> Session {
        let applied = scenario.malfunctions.iter().enumerate().filter_map(|(i, m)| m.scheduled(i)).collect();
        Session { scenario, applied, log: Vec::new() }
    }

    /// The store with the session's malfunctions over the recording `base` (see [`overlay`]).
    pub fn overlay(&self, base: &Store, site: &Site) -> (Store, Vec<plant_i18n::Msg>) {
        overlay(base, site, &self.scenario.malfunctions, &self.applied)
    }

    pub fn record(&mut self, t_ms: i64, kind: LogKind, subject: impl Into<String>, detail: impl Into<String>) {
        self.log.push(LogEntry { t_ms, kind, subject: subject.into(), detail: detail.into(), correct: None });
    }

    /// The trainer injects malfunction `index` at `t_ms` (for its duration, if it has one).
    pub fn inject(&mut self, index: usize, t_ms: i64) {
        let Some(m) = self.scenario.malfunctions.get(index) else { return };
        self.applied.push(m.injected(index, t_ms));
        let id = m.id.clone();
        self.record(t_ms, LogKind::Injected, id, "");
    }

    /// The trainer ends applied malfunction `k` at `t_ms`: it stops there (one that had not started yet is
    /// dropped), so the data after `t_ms` is the recording's again.
    pub fn remove(&mut self, k: usize, t_ms: i64) {
        let Some(a) = self.applied.get_mut(k) else { return };
        let id = self.scenario.malfunctions.get(a.malfunction).map(|m| m.id.clone()).unwrap_or_default();
        if a.from_ms >= t_ms {
            self.applied.remove(k);
        } else if a.until_ms.is_none_or(|u| u > t_ms) {
            a.until_ms = Some(t_ms);
        }
        self.record(t_ms, LogKind::Removed, id, "");
    }

    /// The trainee answers question `id` at `t_ms` (a choice's number from 1, or an equipment id). Only the
    /// first answer counts; returns whether it was right, `None` for an unknown or already answered question.
    pub fn answer(&mut self, id: &str, answer: &str, t_ms: i64) -> Option<bool> {
        let q = self.scenario.questions.iter().find(|q| q.id == id)?;
        if self.log.iter().any(|e| e.kind == LogKind::Answered && e.subject == id) {
            return None;
        }
        let correct = is_correct(&q.expected, answer);
        self.log.push(LogEntry { t_ms, kind: LogKind::Answered, subject: id.to_owned(), detail: answer.to_owned(), correct: Some(correct) });
        Some(correct)
    }

    /// Whether question `id` has been answered.
    pub fn answered(&self, id: &str) -> bool {
        self.log.iter().any(|e| e.kind == LogKind::Answered && e.subject == id)
    }

    /// When each instruction and question is due, from the alarms raised on the session's data (`timelines`
    /// in the order of `alarms`).
    pub fn due(&self, alarms: Option<&Alarms>, timelines: &[Timeline]) -> Due {
        let first = first_raised(&self.scenario, alarms, timelines);
        let when = |w: &When| match w {
            When::At(t) => Some(*t),
            When::Alarm { alarm, after_ms } => first.get(alarm.as_str()).map(|t| t + after_ms),
        };
        Due { instructions: self.scenario.instructions.iter().map(|i| when(&i.when)).collect(), questions: self.scenario.questions.iter().map(|q| when(&q.when)).collect() }
    }

    /// The score of the log so far: each question's points for a right first answer; for each alarm raised from
    /// the start up to `now_ms`, `ack_points` when it was acknowledged within `ack_within` (one still inside
    /// that time and not yet acknowledged is not counted yet).
    pub fn score(&self, alarms: Option<&Alarms>, timelines: &[Timeline], now_ms: i64) -> Score {
        let sc = &self.scenario;
        let mut score = Score::default();
        for q in &sc.questions {
            let first = self.log.iter().find(|e| e.kind == LogKind::Answered && e.subject == q.id);
            let earned = if first.and_then(|e| e.correct).unwrap_or(false) { q.points } else { 0 };
            score.questions.push(QuestionScore { id: q.id.clone(), points: q.points, earned, answer: first.map(|e| e.detail.clone()) });
        }
        let end = now_ms.min(sc.end_ms);
        if let Some(alarms) = alarms {
            for (def, tl) in alarms.alarms.iter().zip(timelines) {
                for e in tl.episodes.iter().filter(|e| e.start_ms >= sc.start_ms && e.start_ms < end) {
                    let deadline = e.start_ms + sc.scoring.ack_within_ms;
                    let ack = self.log.iter().find(|l| l.kind == LogKind::Acknowledged && l.subject == def.id && l.t_ms >= e.start_ms).map(|l| l.t_ms);
                    let on_time = ack.is_some_and(|t| t <= deadline);
                    if !on_time && now_ms < deadline {
                        continue;
                    }
                    let points = sc.scoring.ack_points;
                    score.acknowledgements.push(AckScore { alarm: def.id.clone(), raised_ms: e.start_ms, acknowledged_ms: ack, points, earned: if on_time { points } else { 0 } });
                }
            }
        }
        score.acknowledgements.sort_by_key(|a| a.raised_ms);
        score.earned = score.questions.iter().map(|q| q.earned).sum::<u32>() + score.acknowledgements.iter().map(|a| a.earned).sum::<u32>();
        score.possible = score.questions.iter().map(|q| q.points).sum::<u32>() + score.acknowledgements.iter().map(|a| a.points).sum::<u32>();
        score
    }
}

/// Whether `answer` (a choice's number from 1, or an equipment id) is what the question expects.
pub fn is_correct(expected: &Expected, answer: &str) -> bool {
    match expected {
        Expected::Choice { answer: right, .. } => answer.trim().parse::<usize>().is_ok_and(|n| n == right + 1),
        Expected::Equipment { answer: right } => answer.trim() == right,
    }
}

/// Each alarm's first activation at or after the scenario's start.
fn first_raised<'a>(sc: &Scenario, alarms: Option<&'a Alarms>, timelines: &[Timeline]) -> HashMap<&'a str, i64> {
    let mut first = HashMap::new();
    if let Some(alarms) = alarms {
        for (def, tl) in alarms.alarms.iter().zip(timelines) {
            if let Some(e) = tl.episodes.iter().find(|e| e.start_ms >= sc.start_ms && e.start_ms < sc.end_ms) {
                first.insert(def.id.as_str(), e.start_ms);
            }
        }
    }
    first
}

/// The alarms' timelines on a store.
pub fn timelines(alarms: Option<&Alarms>, store: &Store) -> Vec<Timeline> {
    alarms.map_or_else(Vec::new, |a| a.alarms.iter().map(|d| Timeline::build(d, store)).collect())
}

/// The log and score as a file: JSON (`log.json`: read back by `plant-twin train --log`) or CSV for a
/// spreadsheet (UTF-8 with a byte-order mark, so Excel reads the Chinese).
pub fn export(session: &Session, score: &Score, json: bool, lang: Lang, when: &dyn Fn(i64) -> String) -> String {
    if json {
        let v = serde_json::json!({
            "scenario": session.scenario.name.in_lang(lang), // i18n-ok: a JSON key
            "file": session.scenario.file.file_name().map(|f| f.to_string_lossy().into_owned()), // i18n-ok: a JSON key
            "log": session.log, // i18n-ok: a JSON key
            "score": score, // i18n-ok: a JSON key
            "percent": (score.percent() * 10.0).round() / 10.0, // i18n-ok: a JSON key
        });
        return serde_json::to_string_pretty(&v).unwrap_or_default();
    }
    let t = |m: plant_i18n::Msg| m.text_in(lang);
    let mut s = String::from("\u{feff}");
    let q = |x: &str| format!("\"{}\"", x.replace('"', "\"\""));
    s.push_str(&format!(
        "{},{},{},{},{}\r\n",
        q(&t(msg!("training-run-col-time"))),
        q(&t(msg!("training-log-col-action"))),
        q(&t(msg!("training-run-col-subject"))),
        q(&t(msg!("training-log-col-detail"))),
        q(&t(msg!("training-log-col-correct")))
    ));
    for e in &session.log {
        let correct = e.correct.map_or_else(String::new, |c| t(msg!("training-log-correct", correct = c.to_string())));
        s.push_str(&format!("{},{},{},{},{}\r\n", q(&when(e.t_ms)), q(&e.kind.label(lang)), q(&e.subject), q(&e.detail), q(&correct)));
    }
    s.push_str(&format!("{},{},{},{},{}\r\n", q(&t(msg!("training-score-title"))), score.earned, score.possible, format_args!("{:.1}", score.percent()), q("%")));
    s
}

/// Reads a log written by [`export`] (JSON); the error names the line and column.
pub fn read_log(text: &str) -> Result<Vec<LogEntry>, String> {
    #[derive(Deserialize)]
    struct File {
        log: Vec<LogEntry>,
    }
    serde_json::from_str::<File>(text).map(|f| f.log).map_err(|e| format!("{}:{}: {e}", e.line(), e.column()))
}
