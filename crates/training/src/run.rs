//! The headless run of a scenario (`plant-twin train`): its malfunctions applied to the recording, the alarms
//! evaluated on the result, and what happens when — malfunctions starting and ending, alarms raised and
//! cleared, instructions and questions due, checkpoints — with each expected alarm checked; a trainee's log,
//! when given, scored. Markdown or JSON.

use plant_alarms::Alarms;
use plant_i18n::{Lang, msg};
use plant_site::Site;
use plant_store::Store;
use serde::Serialize;

use crate::session::{LogEntry, Score, Session, timelines};
use crate::{Expected, Scenario};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Checkpoint,
    MalfunctionStart,
    MalfunctionEnd,
    AlarmRaised,
    AlarmCleared,
    Instruction,
    Question,
}

impl EventKind {
    pub fn key(self) -> &'static str {
        match self {
            EventKind::Checkpoint => "checkpoint",
            EventKind::MalfunctionStart => "malfunction_start",
            EventKind::MalfunctionEnd => "malfunction_end",
            EventKind::AlarmRaised => "alarm_raised",
            EventKind::AlarmCleared => "alarm_cleared",
            EventKind::Instruction => "instruction",
            EventKind::Question => "question",
        }
    }
}

/// Something that happens in the scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    pub t_ms: i64,
    pub kind: EventKind,
    /// The malfunction, alarm, question or checkpoint id ("" for an instruction).
    pub subject: String,
    /// What a person reads: the title, the alarm's message, the instruction, the question.
    pub text: String,
    /// An alarm's priority.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<plant_alarms::Priority>,
}

/// An expected alarm and when it was raised.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExpectResult {
    pub alarm: String,
    pub from_ms: i64,
    pub to_ms: i64,
    pub raised_ms: Option<i64>,
    pub ok: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RunReport {
    pub scenario: String,
    pub site: String,
    pub start_ms: i64,
    pub end_ms: i64,
    pub events: Vec<Event>,
    pub expectations: Vec<ExpectResult>,
    /// What could not be applied.
    pub notes: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub score: Option<Score>,
}

impl RunReport {
    /// Whether every expected alarm was raised in its window.
    pub fn passed(&self) -> bool {
        self.expectations.iter().all(|e| e.ok)
    }
}

/// Runs `scenario` on the recording `base` (its scheduled malfunctions), in `lang`; with `log`, scores it at
/// the scenario's end.
pub fn run(site: &Site, base: &Store, alarms: Option<&Alarms>, scenario: &Scenario, log: Option<&[LogEntry]>, lang: Lang) -> RunReport {
    let mut session = Session::new(scenario.clone());
    let (store, notes) = session.overlay(base, site);
    let tls = timelines(alarms, &store);
    let (t0, t1) = (scenario.start_ms, scenario.end_ms);
    let inside = |t: i64| t >= t0 && t < t1;
    let mut events = Vec::new();
    let mut push = |t_ms: i64, kind: EventKind, subject: &str, text: String, priority| {
        if inside(t_ms) {
            events.push(Event { t_ms, kind, subject: subject.to_owned(), text, priority });
        }
    };
    for c in &scenario.checkpoints {
        push(c.at_ms, EventKind::Checkpoint, &c.id, c.name.in_lang(lang).to_owned(), None);
    }
    for a in &session.applied {
        let Some(m) = scenario.malfunctions.get(a.malfunction) else { continue };
        push(a.from_ms, EventKind::MalfunctionStart, &m.id, m.title.in_lang(lang).to_owned(), None);
        if let Some(u) = a.until_ms {
            push(u, EventKind::MalfunctionEnd, &m.id, m.title.in_lang(lang).to_owned(), None);
        }
    }
    if let Some(alarms) = alarms {
        for (def, tl) in alarms.alarms.iter().zip(&tls) {
            for e in &tl.episodes {
                push(e.start_ms, EventKind::AlarmRaised, &def.id, def.message_in(lang).to_owned(), Some(def.priority));
                if let Some(end) = e.end_ms {
                    push(end, EventKind::AlarmCleared, &def.id, def.message_in(lang).to_owned(), Some(def.priority));
                }
            }
        }
    }
    let due = session.due(alarms, &tls);
    for (i, t) in scenario.instructions.iter().zip(&due.instructions) {
        if let Some(t_ms) = *t {
            push(t_ms, EventKind::Instruction, "", i.text.in_lang(lang).to_owned(), None);
        }
    }
    for (q, t) in scenario.questions.iter().zip(&due.questions) {
        if let Some(t_ms) = *t {
            push(t_ms, EventKind::Question, &q.id, q.text.in_lang(lang).to_owned(), None);
        }
    }
    events.sort_by_key(|e| (e.t_ms, e.kind));
    let expectations = scenario
        .expects
        .iter()
        .map(|x| {
            let raised = alarms
                .and_then(|a| a.alarms.iter().position(|d| d.id == x.alarm))
                .and_then(|i| tls.get(i))
                .and_then(|tl| tl.episodes.iter().find(|e| e.start_ms >= x.from_ms && e.start_ms <= x.to_ms))
                .map(|e| e.start_ms);
            ExpectResult { alarm: x.alarm.clone(), from_ms: x.from_ms, to_ms: x.to_ms, raised_ms: raised, ok: raised.is_some() }
        })
        .collect();
    let score = log.map(|log| {
        session.log = log.to_vec();
        session.score(alarms, &tls, scenario.end_ms)
    });
    RunReport {
        scenario: scenario.name.in_lang(lang).to_owned(),
        site: site.name().to_owned(),
        start_ms: t0,
        end_ms: t1,
        events,
        expectations,
        notes: notes.iter().map(|m| m.text_in(lang)).collect(),
        score,
    }
}

/// The report as Markdown in `lang`, times written by `when`.
pub fn markdown(r: &RunReport, scenario: &Scenario, lang: Lang, when: &dyn Fn(i64) -> String) -> String {
    let t = |m: plant_i18n::Msg| m.text_in(lang);
    let mut s = String::new();
    s.push_str(&format!("# {}\n\n", t(msg!("training-run-title", scenario = r.scenario.as_str(), site = r.site.as_str()))));
    s.push_str(&format!("{}\n\n", t(msg!("training-run-window", from = when(r.start_ms), to = when(r.end_ms)))));
    let brief = scenario.briefing.in_lang(lang);
    if !brief.is_empty() {
        s.push_str(&format!("{brief}\n\n"));
    }
    s.push_str(&format!(
        "| {} | {} | {} | {} |\n|---|---|---|---|\n",
        t(msg!("training-run-col-time")),
        t(msg!("training-run-col-event")),
        t(msg!("training-run-col-subject")),
        t(msg!("training-run-col-text"))
    ));
    for e in &r.events {
        let kind = match e.priority {
            Some(p) => format!("{} ({})", t(msg!("training-event", kind = e.kind.key())), p.label(lang)),
            None => t(msg!("training-event", kind = e.kind.key())),
        };
        s.push_str(&format!("| {} | {} | {} | {} |\n", when(e.t_ms), kind, cell(&e.subject), cell(&e.text)));
    }
    if !r.expectations.is_empty() {
        s.push_str(&format!("\n## {}\n\n", t(msg!("training-run-expected"))));
        for x in &r.expectations {
            let line = match x.raised_ms {
                Some(at) => t(msg!("training-run-expect-ok", alarm = x.alarm.as_str(), at = when(at))),
                None => t(msg!("training-run-expect-missed", alarm = x.alarm.as_str(), from = when(x.from_ms), to = when(x.to_ms))),
            };
            s.push_str(&format!("- {line}\n"));
        }
    }
    for n in &r.notes {
        s.push_str(&format!("\n> {n}\n"));
    }
    if let Some(score) = &r.score {
        s.push_str(&format!("\n## {}\n\n", t(msg!("training-score-title"))));
        s.push_str(&format!("{}\n\n", t(msg!("training-score-total", earned = score.earned, possible = score.possible, percent = format!("{:.0}", score.percent())))));
        for q in &score.questions {
            let text = scenario.questions.iter().find(|x| x.id == q.id).map(|x| answer_text(&x.expected, q.answer.as_deref(), lang)).unwrap_or_default();
            s.push_str(&format!("- {}\n", t(msg!("training-score-question", question = q.id.as_str(), answer = text, earned = q.earned, points = q.points))));
        }
        for a in &score.acknowledgements {
            let ack = a.acknowledged_ms.map_or_else(|| t(msg!("training-score-not-acknowledged")), |at| format!("{} s", (at - a.raised_ms) / 1000));
            s.push_str(&format!("- {}\n", t(msg!("training-score-ack", alarm = a.alarm.as_str(), raised = when(a.raised_ms), ack = ack, earned = a.earned, points = a.points))));
        }
    }
    s
}

/// An answer as a person reads it: the choice's text, or the equipment id.
pub fn answer_text(expected: &Expected, answer: Option<&str>, lang: Lang) -> String {
    let Some(answer) = answer else { return msg!("training-score-no-answer").text_in(lang) };
    match expected {
        Expected::Choice { choices, .. } => {
            answer.trim().parse::<usize>().ok().and_then(|n| n.checked_sub(1)).and_then(|i| choices.get(i)).map_or_else(|| answer.to_owned(), |c| c.in_lang(lang).to_owned())
        }
        Expected::Equipment { .. } => answer.to_owned(),
    }
}

/// A Markdown table cell: no line breaks, `|` escaped.
fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace(['\n', '\r'], " ")
}
