//! Timestamp parsing: ISO 8601 with offset, naive local (in the site's time zone), day-first and
//! month-first dates, Unix seconds and milliseconds.
//!
//! The text forms are parsed by hand at fixed byte positions (a few ns a value, where a general
//! strftime parser costs ~100 ns), which matters for files of millions of rows. Local times go to UTC
//! through the time zone's offset, cached per local hour.

use chrono::{LocalResult, NaiveDate, NaiveDateTime, Offset, TimeZone};
use chrono_tz::Tz;
use plant_site::TimestampFormat;

/// A parsed timestamp before the time zone is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Parsed {
    /// Milliseconds since the epoch, UTC (the text carried an offset).
    Utc(i64),
    /// Milliseconds since the epoch of the wall-clock reading, time zone still to apply.
    Local(i64),
}

/// Why a timestamp could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TsError {
    Malformed,
    /// A local time that the clocks skipped (daylight-saving spring-forward).
    NonexistentLocal,
}

/// Detects the format from sample values (the first non-empty ones). Day-first against month-first is
/// decided by a field above 12; when no value decides it, day-first is taken and `ambiguous` is true.
pub fn detect(samples: &[&str]) -> Option<(TimestampFormat, bool)> {
    let first = samples.iter().map(|s| s.trim()).find(|s| !s.is_empty())?;
    let b = first.as_bytes();
    if b.iter().all(u8::is_ascii_digit) {
        return Some((if b.len() >= 12 { TimestampFormat::UnixMillis } else { TimestampFormat::UnixSeconds }, false));
    }
    if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
        let has_offset = first.ends_with('Z') || first.ends_with('z') || offset_start(b).is_some();
        return Some((if has_offset { TimestampFormat::Iso8601 } else { TimestampFormat::NaiveLocal }, false));
    }
    if b.len() >= 8 && matches!(b.get(2), Some(b'/' | b'.' | b'-')) || matches!(b.get(1), Some(b'/' | b'.' | b'-')) {
        for s in samples {
            let mut parts = s.trim().split(['/', '.', '-', ' ']);
            let a: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
            let m: u32 = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
            if a > 12 {
                return Some((TimestampFormat::DayFirst, false));
            }
            if m > 12 {
                return Some((TimestampFormat::MonthFirst, false));
            }
        }
        return Some((TimestampFormat::DayFirst, true));
    }
    None
}

/// Position of a `+hh:mm` / `-hhmm` / `+hh` offset after the time part, if any.
fn offset_start(b: &[u8]) -> Option<usize> {
    // The time part starts after position 10 (date) + separator; look for +/- after it.
    let tail_from = 11.min(b.len());
    b[tail_from..].iter().rposition(|&c| c == b'+' || c == b'-').map(|p| p + tail_from)
}

#[inline]
fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let s = b.get(at..at + n)?;
    let mut v = 0u32;
    for &c in s {
        if !c.is_ascii_digit() {
            return None;
        }
        v = v * 10 + (c - b'0') as u32;
    }
    Some(v)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm), validating the day.
fn days_from_civil(y: i64, m: u32, d: u32) -> Option<i64> {
    if !(1..=12).contains(&m) || d == 0 {
        return None;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let dim = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m as usize - 1];
    if d > dim {
        return None;
    }
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m as i64 + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Parses `HH:MM[:SS[.fff]]` at `b[at..]`, returning (ms of day, index after).
fn time_of_day(b: &[u8], at: usize) -> Option<(i64, usize)> {
    let h = digits(b, at, 2)?;
    if b.get(at + 2) != Some(&b':') {
        return None;
    }
    let mi = digits(b, at + 3, 2)?;
    if h > 23 || mi > 59 {
        return None;
    }
    let (ms, end) = seconds_tail(b, at + 5)?;
    Some(((h * 60 + mi) as i64 * 60_000 + ms, end))
}

/// Parses the optional `:SS[.fff]` after the minutes at `b[at..]`: (ms into the minute, index after).
fn seconds_tail(b: &[u8], at: usize) -> Option<(i64, usize)> {
    let mut i = at;
    let mut s = 0;
    let mut ms = 0i64;
    if b.get(i) == Some(&b':') {
        s = digits(b, i + 1, 2)?;
        i += 3;
        if matches!(b.get(i), Some(b'.' | b',')) {
            i += 1;
            let start = i;
            let mut scale = 100;
            while let Some(&c) = b.get(i).filter(|c| c.is_ascii_digit()) {
                ms += (c - b'0') as i64 * scale;
                scale /= 10;
                i += 1;
            }
            if i == start {
                return None;
            }
        }
    }
    // 24:00:00 is not accepted (hours above 23 are refused before); 23:59:60 (leap second) is folded onto
    // the next second.
    if s > 60 {
        return None;
    }
    Some((s as i64 * 1000 + ms, i))
}

fn date_time(days: i64, b: &[u8], at: usize) -> Option<(i64, usize)> {
    if at >= b.len() {
        return Some((days * 86_400_000, at));
    }
    if !matches!(b[at], b'T' | b't' | b' ') {
        return None;
    }
    let (tod, end) = time_of_day(b, at + 1)?;
    Some((days * 86_400_000 + tod, end))
}

/// The last ISO 8601 date and minute read: the rows of a file share their date for a day and their minute
/// for up to 60 rows, so the calendar arithmetic is done once a day and the hours and minutes once a minute.
#[derive(Clone, Copy, Debug, Default)]
pub struct DateCache {
    date: [u8; 10],
    days: Option<i64>,
    minute: [u8; 16],
    minute_ms: Option<i64>,
}

impl DateCache {
    /// Milliseconds of a `YYYY-MM-DD[T ]HH:MM` start (the wall-clock minute), when `b` starts so.
    fn minute(&mut self, b: &[u8]) -> Option<i64> {
        let key = b.get(..16)?;
        if let Some(ms) = self.minute_ms.filter(|_| self.minute == key) {
            return Some(ms);
        }
        if !matches!(b[10], b'T' | b't' | b' ') || b[13] != b':' {
            return None;
        }
        let (h, mi) = (digits(b, 11, 2)?, digits(b, 14, 2)?);
        if h > 23 || mi > 59 {
            return None;
        }
        let ms = self.days(b)? * 86_400_000 + (h * 60 + mi) as i64 * 60_000;
        self.minute.copy_from_slice(key);
        self.minute_ms = Some(ms);
        Some(ms)
    }

    fn days(&mut self, b: &[u8]) -> Option<i64> {
        let date = b.get(..10)?;
        if let Some(days) = self.days.filter(|_| self.date == date) {
            return Some(days);
        }
        let days = days_from_civil(digits(b, 0, 4)? as i64, digits(b, 5, 2)?, digits(b, 8, 2)?)?;
        self.date.copy_from_slice(date);
        self.days = Some(days);
        Some(days)
    }
}

/// Parses one value in a known format.
pub fn parse(s: &str, fmt: &TimestampFormat) -> Result<Parsed, TsError> {
    parse_with(s, fmt, &mut DateCache::default())
}

/// [`parse`] for a column of values: the date of the previous value is remembered in `cache`.
pub fn parse_with(s: &str, fmt: &TimestampFormat, cache: &mut DateCache) -> Result<Parsed, TsError> {
    let s = s.trim();
    let b = s.as_bytes();
    let bad = TsError::Malformed;
    match fmt {
        TimestampFormat::UnixSeconds => s.parse::<f64>().ok().filter(|v| v.is_finite()).map(|v| Parsed::Utc((v * 1000.0).round() as i64)).ok_or(bad),
        TimestampFormat::UnixMillis => s.parse::<i64>().map(Parsed::Utc).map_err(|_| bad),
        TimestampFormat::Iso8601 | TimestampFormat::NaiveLocal | TimestampFormat::Auto => {
            if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
                return Err(bad);
            }
            let (ms, end) = match cache.minute(b) {
                Some(minute) => seconds_tail(b, 16).map(|(ms, end)| (minute + ms, end)).ok_or(bad.clone())?,
                None => date_time(cache.days(b).ok_or(bad.clone())?, b, 10).ok_or(bad.clone())?,
            };
            let rest = &b[end..];
            match rest {
                [] => Ok(Parsed::Local(ms)),
                [b'Z' | b'z'] => Ok(Parsed::Utc(ms)),
                [sign @ (b'+' | b'-'), tail @ ..] => {
                    let (oh, om) = match tail.len() {
                        2 => (digits(tail, 0, 2), Some(0)),
                        4 => (digits(tail, 0, 2), digits(tail, 2, 2)),
                        5 if tail[2] == b':' => (digits(tail, 0, 2), digits(tail, 3, 2)),
                        _ => (None, None),
                    };
                    let (oh, om) = (oh.ok_or(bad.clone())?, om.ok_or(bad.clone())?);
                    let off = (oh as i64 * 60 + om as i64) * 60_000;
                    Ok(Parsed::Utc(if *sign == b'+' { ms - off } else { ms + off }))
                }
                _ => Err(bad),
            }
        }
        TimestampFormat::DayFirst | TimestampFormat::MonthFirst => {
            // d/m/yyyy or dd/mm/yyyy (separators / . -), then optional time.
            let sep_at = |i: usize| matches!(b.get(i), Some(b'/' | b'.' | b'-'));
            let (a, i) = if sep_at(1) {
                (digits(b, 0, 1), 2)
            } else if sep_at(2) {
                (digits(b, 0, 2), 3)
            } else {
                (None, 0)
            };
            let (c, j) = if sep_at(i + 1) {
                (digits(b, i, 1), i + 2)
            } else if sep_at(i + 2) {
                (digits(b, i, 2), i + 3)
            } else {
                (None, 0)
            };
            let (a, c) = (a.ok_or(bad.clone())?, c.ok_or(bad.clone())?);
            let y = digits(b, j, 4).ok_or(bad.clone())?;
            let (d, m) = if *fmt == TimestampFormat::DayFirst { (a, c) } else { (c, a) };
            let days = days_from_civil(y as i64, m, d).ok_or(bad.clone())?;
            let (ms, end) = date_time(days, b, j + 4).ok_or(bad.clone())?;
            if end != b.len() {
                return Err(bad);
            }
            Ok(Parsed::Local(ms))
        }
    }
}

/// Converts wall-clock times of one time zone to UTC, caching the offset per local hour.
///
/// Ambiguous times (the repeated hour when clocks go back) take the earlier instant unless that would
/// put the sample before the previous one, so a sorted record that crosses the fold stays sorted.
pub struct LocalToUtc {
    tz: Tz,
    cache_hour: i64,
    cache_offset_ms: Option<i64>,
    prev_utc: i64,
    blind: bool,
}

impl LocalToUtc {
    pub fn new(tz: Tz) -> Self {
        Self { tz, cache_hour: i64::MIN, cache_offset_ms: None, prev_utc: i64::MIN, blind: false }
    }

    /// Whether an ambiguous time was decided before any earlier sample was seen: a converter started in
    /// the middle of a column may then have decided otherwise than one that read the column from its start.
    pub fn decided_blind(&self) -> bool {
        self.blind
    }

    pub fn to_utc(&mut self, p: Parsed) -> Result<i64, TsError> {
        let local_ms = match p {
            Parsed::Utc(t) => {
                self.prev_utc = t;
                return Ok(t);
            }
            Parsed::Local(t) => t,
        };
        let hour = local_ms.div_euclid(3_600_000);
        if hour == self.cache_hour
            && let Some(off) = self.cache_offset_ms
        {
            let t = local_ms - off;
            self.prev_utc = t;
            return Ok(t);
        }
        let naive = NaiveDate::from_ymd_opt(1970, 1, 1)
            .and_then(|d| d.and_hms_opt(0, 0, 0))
            .and_then(|e: NaiveDateTime| e.checked_add_signed(chrono::TimeDelta::milliseconds(local_ms)))
            .ok_or(TsError::Malformed)?;
        let off_of = |dt: chrono::DateTime<Tz>| dt.offset().fix().local_minus_utc() as i64 * 1000;
        let (off, cacheable) = match self.tz.from_local_datetime(&naive) {
            LocalResult::Single(dt) => (off_of(dt), true),
            LocalResult::Ambiguous(a, b) => {
                let (oa, ob) = (off_of(a), off_of(b));
                let (early, late) = if local_ms - oa <= local_ms - ob { (oa, ob) } else { (ob, oa) };
                self.blind |= self.prev_utc == i64::MIN;
                (if local_ms - early < self.prev_utc { late } else { early }, false)
            }
            LocalResult::None => return Err(TsError::NonexistentLocal),
        };
        self.cache_hour = hour;
        self.cache_offset_ms = cacheable.then_some(off);
        let t = local_ms - off;
        self.prev_utc = t;
        Ok(t)
    }
}

/// A time the user typed (`--at`, `--from`): ISO 8601 with an offset, or local time in `tz`
/// ("2026-11-10 14:30", "2026-11-10"); ms UTC, or `None` when it is not a time.
pub fn parse_local(s: &str, tz: chrono_tz::Tz) -> Option<i64> {
    let (fmt, _) = detect(&[s]).unwrap_or((plant_site::TimestampFormat::NaiveLocal, false));
    let p = parse(s, &fmt).ok()?;
    LocalToUtc::new(tz).to_utc(p).ok()
}
