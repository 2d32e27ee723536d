//! Times and durations as a scenario file writes them: "+20m" from the scenario's start, a time of the record
//! in the site's time zone ("2026-11-10 14:20", ISO 8601 with an offset), durations as "1h30m", "90s".

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeZone};

/// A duration of whole units: `h`, `m`, `s` in any combination, in that order ("1h30m", "45s", "2h"); ms.
pub fn parse_duration(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    let (mut total, mut number, mut last_unit) = (0i64, String::new(), 0u8);
    for c in s.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let (rank, ms) = match c {
            'h' => (1u8, 3_600_000i64),
            'm' => (2, 60_000),
            's' => (3, 1_000),
            _ => return None,
        };
        if number.is_empty() || rank <= last_unit || number.len() > 9 {
            return None;
        }
        total = total.checked_add(number.parse::<i64>().ok()?.checked_mul(ms)?)?;
        number.clear();
        last_unit = rank;
    }
    number.is_empty().then_some(total)
}

/// A time: "+<duration>" after `start_ms`, or a time of the record (local in `tz`, or with an offset); ms UTC.
pub fn parse_when(s: &str, start_ms: i64, tz: chrono_tz::Tz) -> Option<i64> {
    let s = s.trim();
    if let Some(offset) = s.strip_prefix('+') {
        return start_ms.checked_add(parse_duration(offset)?);
    }
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.timestamp_millis());
    }
    let naive = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .or_else(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().and_then(|d| d.and_hms_opt(0, 0, 0)))?;
    // A time that a clock change skips is not a time; one it repeats is the first.
    tz.from_local_datetime(&naive).earliest().map(|t| t.timestamp_millis())
}
