//! The site clock: the cursor time every view reads, and how it plays.

use bevy::prelude::*;
use chrono::{Datelike, NaiveDate};
use plant_i18n::{Lang, msg};

/// Playback speeds offered in the UI (site seconds per real second).
pub const SPEEDS: [f64; 7] = [1.0, 10.0, 60.0, 300.0, 600.0, 1800.0, 3600.0];

/// The cursor time of the whole app. Every view queries data at `now_ms`.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct SiteClock {
    /// Cursor time, ms since the epoch (UTC).
    pub now_ms: i64,
    /// The record's extent; the cursor stays inside it.
    pub start_ms: i64,
    pub end_ms: i64,
    pub playing: bool,
    /// Site seconds per real second, 1 to 3600.
    pub speed: f64,
    /// Time zone for display.
    pub time_zone: chrono_tz::Tz,
    /// Following live data: the cursor is the wall clock and the record grows with it.
    pub live: bool,
    /// Whether the site has live sources (the timeline offers "Live").
    pub live_available: bool,
    /// Sub-millisecond remainder carried between frames so slow speeds do not stall.
    carry_ms: f64,
}

impl Default for SiteClock {
    fn default() -> Self {
        Self { now_ms: 0, start_ms: 0, end_ms: 0, playing: false, speed: 600.0, time_zone: chrono_tz::UTC, live: false, live_available: false, carry_ms: 0.0 }
    }
}

impl SiteClock {
    /// Sets the record's extent and puts the cursor at `start` if it was outside.
    pub fn set_range(&mut self, start_ms: i64, end_ms: i64) {
        self.start_ms = start_ms;
        self.end_ms = end_ms.max(start_ms);
        if self.now_ms < self.start_ms || self.now_ms > self.end_ms {
            self.now_ms = self.start_ms;
        }
    }

    pub fn has_range(&self) -> bool {
        self.end_ms > self.start_ms
    }

    /// Moves the cursor, clamped to the record. Scrubbing leaves live mode.
    pub fn seek(&mut self, t_ms: i64) {
        self.live = false;
        self.now_ms = t_ms.clamp(self.start_ms, self.end_ms);
        self.carry_ms = 0.0;
    }

    /// Follows the wall clock (`now_ms`, UTC): the record extends to now and the cursor stays there.
    pub fn go_live(&mut self, now_ms: i64) {
        self.live = true;
        self.playing = false;
        if self.start_ms == 0 && self.end_ms == 0 {
            self.start_ms = now_ms;
        }
        self.end_ms = self.end_ms.max(now_ms);
        self.now_ms = now_ms;
        self.carry_ms = 0.0;
    }

    /// Extends the record to include `t_ms` (live data arriving), keeping the cursor where it is.
    pub fn extend_to(&mut self, t_ms: i64) {
        if self.start_ms == 0 && self.end_ms == 0 {
            self.start_ms = t_ms;
            self.now_ms = t_ms;
        }
        self.start_ms = self.start_ms.min(t_ms);
        self.end_ms = self.end_ms.max(t_ms);
    }

    pub fn set_speed(&mut self, speed: f64) {
        self.speed = speed.clamp(SPEEDS[0], SPEEDS[SPEEDS.len() - 1]);
    }

    /// Advances by `real_secs` of wall time at the current speed; stops at the end of the record.
    pub fn advance(&mut self, real_secs: f64) {
        if !self.playing || !self.has_range() {
            return;
        }
        let total = real_secs * self.speed * 1000.0 + self.carry_ms;
        let whole = total.floor();
        self.carry_ms = total - whole;
        self.now_ms = self.now_ms.saturating_add(whole as i64);
        if self.now_ms >= self.end_ms {
            self.now_ms = self.end_ms;
            self.playing = false;
        }
    }

    /// Starts playing (leaving live mode); from the end, playing starts over.
    pub fn play(&mut self) {
        self.live = false;
        if self.now_ms >= self.end_ms {
            self.now_ms = self.start_ms;
        }
        self.playing = true;
    }

    /// Position of the cursor in the record, 0 to 1.
    pub fn fraction(&self) -> f64 {
        if !self.has_range() {
            return 0.0;
        }
        (self.now_ms - self.start_ms) as f64 / (self.end_ms - self.start_ms) as f64
    }

    /// The cursor in the site's time zone in the current language: `2026-11-10 14:20:00 CST`,
    /// `2026年11月10日 14:20:00 CST`.
    pub fn format(&self, t_ms: i64) -> String {
        self.format_in(plant_i18n::current(), t_ms)
    }

    /// The cursor in the site's time zone in `lang`.
    pub fn format_in(&self, lang: Lang, t_ms: i64) -> String {
        format_time_in(lang, t_ms, self.time_zone, "%Y-%m-%d %H:%M:%S %Z")
    }
}

/// Formats a UTC instant in a time zone with a strftime pattern, in the current language (see
/// [`format_time_in`]).
pub fn format_time(t_ms: i64, tz: chrono_tz::Tz, pattern: &str) -> String {
    format_time_in(plant_i18n::current(), t_ms, tz, pattern)
}

/// Formats a UTC instant in a time zone with a strftime pattern, in `lang`. The patterns the views use are
/// written in the language's style by `plant_i18n` (`%Y-%m-%d %H:%M` is `2026-11-10 15:00` or
/// `2026年11月10日 15:00`; `%a %d %b` is `Tue 10 Nov` or `11月10日 周二`), each optionally followed by
/// ` %Z` (the zone's abbreviation); any other pattern is written as chrono writes it.
pub fn format_time_in(lang: Lang, t_ms: i64, tz: chrono_tz::Tz, pattern: &str) -> String {
    use chrono::TimeZone;
    let chrono::LocalResult::Single(d) = tz.timestamp_millis_opt(t_ms) else { return String::from("—") };
    let (head, zone) = match pattern.strip_suffix(" %Z") {
        Some(head) => (head, Some(d.format("%Z").to_string())),
        None => (pattern, None),
    };
    let local = d.naive_local();
    let text = match head {
        "%Y-%m-%d %H:%M:%S" => plant_i18n::datetime_secs(lang, local),
        "%Y-%m-%d %H:%M" => plant_i18n::datetime(lang, local),
        "%Y-%m-%d" => plant_i18n::date(lang, local.date()),
        "%m-%d %H:%M" => plant_i18n::month_day_time(lang, local),
        "%H:%M" => plant_i18n::time(&local),
        "%d %b" => day_month(lang, local.date()),
        "%a %d %b" => weekday_day_month(lang, local.date()),
        "%a %d %b %H:%M" => format!("{} {}", weekday_day_month(lang, local.date()), plant_i18n::time(&local)),
        other => d.format(other).to_string(),
    };
    match zone {
        Some(zone) => format!("{text} {zone}"),
        None => text,
    }
}

/// `10 Nov` / `11月10日`.
fn day_month(lang: Lang, d: NaiveDate) -> String {
    msg!("context-day-month", day = d.day(), month_name = month_name(lang, d)).text_in(lang)
}

/// `Tue 10 Nov` / `11月10日 周二`.
fn weekday_day_month(lang: Lang, d: NaiveDate) -> String {
    let weekday = msg!("context-weekday", weekday = d.weekday().number_from_monday()).text_in(lang);
    msg!("context-weekday-day-month", weekday = weekday, day = d.day(), month_name = month_name(lang, d)).text_in(lang)
}

fn month_name(lang: Lang, d: NaiveDate) -> String {
    msg!("context-month", month = d.month()).text_in(lang)
}
