//! The site clock: the cursor time every view reads, and how it plays.

use bevy::prelude::*;

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

    /// The cursor in the site's time zone, e.g. `2026-11-10 14:20:00 CST`.
    pub fn format(&self, t_ms: i64) -> String {
        format_time(t_ms, self.time_zone, "%Y-%m-%d %H:%M:%S %Z")
    }
}

/// Formats a UTC instant in a time zone with a strftime pattern.
pub fn format_time(t_ms: i64, tz: chrono_tz::Tz, pattern: &str) -> String {
    use chrono::TimeZone;
    match tz.timestamp_millis_opt(t_ms) {
        chrono::LocalResult::Single(d) => d.format(pattern).to_string(),
        _ => String::from("—"),
    }
}
