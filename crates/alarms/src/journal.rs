//! The alarm journal of a window: each activation with its duration and acknowledgement, and the
//! alarm-system figures EEMUA 191 and ISA-18.2 judge an alarm system by (docs/research/alarms.md): alarms
//! per operator per 10 minutes, hour and day, the busiest 10 minutes, the share of 10-minute periods in
//! flood (more than 10 alarms), standing and stale alarms, chattering and fleeting alarms, the ten most
//! frequent alarms and their share, and the priority distribution.

use std::collections::BTreeMap;

use plant_i18n::{Lang, msg};
use plant_store::{Store, TimestampMs};
use serde::Serialize;

use crate::engine::{Action, ActionKind, Timeline};
use crate::{Alarms, Priority};

const TEN_MINUTES_MS: i64 = 600_000;
/// A flood: more than this many alarms in 10 minutes (ISA-18.2-2016 §16.4, IEC 62682, EEMUA 191).
pub const FLOOD_ALARMS: usize = 10;
/// Chattering: this many activations of one alarm within [`CHATTER_WINDOW_MS`] (ISA-TR18.2.5).
pub const CHATTER_COUNT: usize = 3;
pub const CHATTER_WINDOW_MS: i64 = 60_000;
/// Fleeting: an activation that returns to normal within this time without chattering ("within a few
/// seconds"; 10 s is this project's reading, docs/research/alarms.md).
pub const FLEETING_MS: i64 = 10_000;
/// Stale: active for longer than this (24 h).
pub const STALE_MS: i64 = 86_400_000;

/// One activation in the window.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    pub alarm: String,
    pub priority: Priority,
    pub meter: String,
    pub start_ms: TimestampMs,
    /// `None`: still active at the end of the window.
    pub end_ms: Option<TimestampMs>,
    pub duration_s: f64,
    pub acknowledged_ms: Option<TimestampMs>,
    pub worst_excess: f64,
    pub message: String,
}

/// The alarm-system figures of a window.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figures {
    pub operators: u32,
    pub hours: f64,
    /// Activations in the window.
    pub annunciated: usize,
    /// Per operator.
    pub per_10_min: f64,
    pub per_hour: f64,
    pub per_day: f64,
    /// The most activations in one 10-minute period (periods from the window's start).
    pub peak_10_min: usize,
    /// Share of 10-minute periods with more than [`FLOOD_ALARMS`] activations, %.
    pub flood_pct: f64,
    /// Active at the end of the window, and of those, active for more than 24 h.
    pub standing: usize,
    pub stale: usize,
    pub chattering: Vec<String>,
    pub fleeting: Vec<String>,
    /// The ten most frequent alarms and their activations, and their share of all activations, %.
    pub top_ten: Vec<(String, usize)>,
    pub top_ten_pct: f64,
    /// Activations per priority and their share, %.
    pub by_priority: Vec<(Priority, usize, f64)>,
}

/// A window's journal.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Journal {
    pub site: String,
    pub from_ms: TimestampMs,
    pub to_ms: TimestampMs,
    pub events: Vec<Event>,
    pub figures: Figures,
}

/// The journal of `[t0, t1)` from the timelines of `alarms` (built over `store`) and the operator's actions.
pub fn journal(site: &str, alarms: &Alarms, store: &Store, actions: &[Action], t0: TimestampMs, t1: TimestampMs, lang: Lang) -> Journal {
    let mut events = Vec::new();
    for def in &alarms.alarms {
        let timeline = Timeline::build(def, store);
        for e in timeline.episodes.iter().filter(|e| e.start_ms < t1 && e.end_ms.is_none_or(|end| end > t0)) {
            let end_ms = e.end_ms.filter(|&end| end <= t1);
            let acknowledged_ms = actions.iter().filter(|a| a.alarm == def.id && a.kind == ActionKind::Acknowledge && a.t_ms >= e.start_ms && a.t_ms < t1).map(|a| a.t_ms).min();
            events.push(Event {
                alarm: def.id.clone(),
                priority: def.priority,
                meter: def.meter.clone(),
                start_ms: e.start_ms,
                end_ms,
                duration_s: (end_ms.unwrap_or(t1) - e.start_ms) as f64 / 1000.0,
                acknowledged_ms,
                worst_excess: e.worst_excess,
                message: def.message_in(lang).to_owned(),
            });
        }
    }
    events.sort_by(|a, b| (a.start_ms, &a.alarm).cmp(&(b.start_ms, &b.alarm)));
    let figures = figures(&events, alarms.operators, t0, t1);
    Journal { site: site.to_owned(), from_ms: t0, to_ms: t1, events, figures }
}

fn figures(events: &[Event], operators: u32, t0: TimestampMs, t1: TimestampMs) -> Figures {
    let started: Vec<&Event> = events.iter().filter(|e| e.start_ms >= t0).collect();
    let n = started.len();
    let hours = (t1 - t0) as f64 / 3.6e6;
    let ops = f64::from(operators.max(1));
    let periods = ((t1 - t0 + TEN_MINUTES_MS - 1) / TEN_MINUTES_MS).max(1) as usize;
    let mut bins = vec![0usize; periods];
    for e in &started {
        if let Some(b) = bins.get_mut(((e.start_ms - t0) / TEN_MINUTES_MS) as usize) {
            *b += 1;
        }
    }
    let mut per_alarm: BTreeMap<&str, Vec<&Event>> = BTreeMap::new();
    for e in &started {
        per_alarm.entry(e.alarm.as_str()).or_default().push(e);
    }
    let chattering: Vec<String> = per_alarm
        .iter()
        .filter(|(_, es)| es.windows(CHATTER_COUNT).any(|w| w[CHATTER_COUNT - 1].start_ms - w[0].start_ms <= CHATTER_WINDOW_MS))
        .map(|(id, _)| (*id).to_owned())
        .collect();
    let fleeting: Vec<String> = per_alarm
        .iter()
        .filter(|(id, es)| !chattering.iter().any(|c| c == *id) && es.iter().any(|e| e.end_ms.is_some_and(|end| end - e.start_ms < FLEETING_MS)))
        .map(|(id, _)| (*id).to_owned())
        .collect();
    let mut counts: Vec<(String, usize)> = per_alarm.iter().map(|(id, es)| ((*id).to_owned(), es.len())).collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    counts.truncate(10);
    let top: usize = counts.iter().map(|c| c.1).sum();
    let pct = |k: usize| if n > 0 { 100.0 * k as f64 / n as f64 } else { 0.0 };
    let standing: Vec<&Event> = events.iter().filter(|e| e.end_ms.is_none()).collect();
    let by_priority = Priority::ALL
        .iter()
        .map(|p| {
            let k = started.iter().filter(|e| e.priority == *p).count();
            (*p, k, pct(k))
        })
        .collect();
    Figures {
        operators: operators.max(1),
        hours,
        annunciated: n,
        per_10_min: n as f64 / ops / (hours * 6.0).max(1e-9),
        per_hour: n as f64 / ops / hours.max(1e-9),
        per_day: n as f64 / ops / (hours / 24.0).max(1e-9),
        peak_10_min: bins.iter().copied().max().unwrap_or(0),
        flood_pct: 100.0 * bins.iter().filter(|&&b| b > FLOOD_ALARMS).count() as f64 / periods as f64,
        standing: standing.len(),
        stale: standing.iter().filter(|e| t1 - e.start_ms > STALE_MS).count(),
        chattering,
        fleeting,
        top_ten_pct: pct(top),
        top_ten: counts,
        by_priority,
    }
}

/// How a journal is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Markdown,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "json" => Ok(Format::Json),
            "csv" => Ok(Format::Csv),
            "md" => Ok(Format::Markdown),
            other => Err(msg!("alarms-unknown-format", format = other).text()),
        }
    }
}

/// Writes `journal` in `format`; times through `time` (the site's zone, the language's style). CSV starts with
/// a UTF-8 byte-order mark (Excel on Chinese Windows needs it).
pub fn render(journal: &Journal, format: Format, lang: Lang, time: &dyn Fn(TimestampMs) -> String) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(journal).unwrap_or_default(),
        Format::Csv => csv(journal, lang, time),
        Format::Markdown => markdown(journal, lang, time),
    }
}

fn t(lang: Lang, id: &'static str) -> String {
    plant_i18n::Msg::new(id).text_in(lang)
}

fn csv(j: &Journal, lang: Lang, time: &dyn Fn(TimestampMs) -> String) -> String {
    let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut out = String::from("\u{feff}");
    let head = [
        "alarms-col-alarm",
        "alarms-col-priority",
        "alarms-col-meter",
        "alarms-col-start",
        "alarms-col-end",
        "alarms-col-duration",
        "alarms-col-acknowledged",
        "alarms-col-excess",
        "alarms-col-message",
    ];
    out.push_str(&head.iter().map(|h| quote(&t(lang, h))).collect::<Vec<_>>().join(","));
    out.push('\n');
    for e in &j.events {
        let row = [
            quote(&e.alarm),
            quote(&e.priority.label(lang)),
            quote(&e.meter),
            quote(&time(e.start_ms)),
            quote(&e.end_ms.map(time).unwrap_or_default()),
            format!("{:.0}", e.duration_s),
            quote(&e.acknowledged_ms.map(time).unwrap_or_default()),
            format!("{}", e.worst_excess),
            quote(&e.message),
        ];
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

fn markdown(j: &Journal, lang: Lang, time: &dyn Fn(TimestampMs) -> String) -> String {
    let f = &j.figures;
    let list = |v: &[String]| if v.is_empty() { "—".to_owned() } else { v.join(", ") };
    let mut o = msg!("alarms-md-title", site = j.site.as_str(), from = time(j.from_ms), to = time(j.to_ms)).text_in(lang);
    o.push_str("\n\n");
    o.push_str(&msg!("alarms-md-figures", operators = f.operators).text_in(lang));
    o.push_str("\n\n");
    o.push_str(&format!("| {} | {} | {} |\n|---|---:|---|\n", t(lang, "alarms-md-figure"), t(lang, "alarms-md-value"), t(lang, "alarms-md-target")));
    let rows: [(&str, String, &str); 8] = [
        ("alarms-fig-annunciated", f.annunciated.to_string(), ""),
        ("alarms-fig-per-10-min", format!("{:.2}", f.per_10_min), "alarms-target-per-10-min"),
        ("alarms-fig-per-hour", format!("{:.1}", f.per_hour), "alarms-target-per-hour"),
        ("alarms-fig-per-day", format!("{:.0}", f.per_day), "alarms-target-per-day"),
        ("alarms-fig-peak-10-min", f.peak_10_min.to_string(), "alarms-target-peak-10-min"),
        ("alarms-fig-flood", format!("{:.2} %", f.flood_pct), "alarms-target-flood"),
        ("alarms-fig-standing", format!("{} / {}", f.standing, f.stale), "alarms-target-stale"),
        ("alarms-fig-top-ten", format!("{:.1} %", f.top_ten_pct), "alarms-target-top-ten"),
    ];
    for (label, value, target) in rows {
        let target = if target.is_empty() { String::new() } else { t(lang, target) };
        o.push_str(&format!("| {} | {value} | {target} |\n", t(lang, label)));
    }
    o.push_str(&format!("| {} | {} | {} |\n", t(lang, "alarms-fig-chattering"), list(&f.chattering), t(lang, "alarms-target-zero")));
    o.push_str(&format!("| {} | {} | {} |\n", t(lang, "alarms-fig-fleeting"), list(&f.fleeting), t(lang, "alarms-target-zero")));
    let dist: Vec<String> = f.by_priority.iter().map(|(p, k, pct)| format!("{} {k} ({pct:.0} %)", p.label(lang))).collect();
    o.push_str(&format!("| {} | {} | {} |\n\n", t(lang, "alarms-fig-priorities"), dist.join(", "), t(lang, "alarms-target-priorities")));
    o.push_str(&format!("### {}\n\n", t(lang, "alarms-md-bad-actors")));
    for (id, k) in &f.top_ten {
        o.push_str(&format!("- {id}: {k}\n"));
    }
    o.push_str(&format!("\n### {}\n\n", t(lang, "alarms-md-events")));
    o.push_str(&format!(
        "| {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---:|---|\n",
        t(lang, "alarms-col-start"),
        t(lang, "alarms-col-end"),
        t(lang, "alarms-col-priority"),
        t(lang, "alarms-col-alarm"),
        t(lang, "alarms-col-duration"),
        t(lang, "alarms-col-message")
    ));
    for e in &j.events {
        let end = e.end_ms.map(time).unwrap_or_else(|| t(lang, "alarms-still-active"));
        o.push_str(&format!("| {} | {end} | {} | {} | {:.0} | {} |\n", time(e.start_ms), e.priority.label(lang), e.alarm, e.duration_s, e.message));
    }
    o
}
