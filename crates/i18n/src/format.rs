//! Dates, times and numbers in the language's style. English keeps the ISO order engineers read in logs
//! (2026-11-10 15:00); Chinese writes the date as GB/T 7408 and Chinese text do (2026年11月10日 15:00).
//! Both group thousands with a comma (CLDR's pattern for `en` and for `zh`).

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};

use crate::Lang;

/// `2026-11-10` / `2026年11月10日`.
pub fn date(lang: Lang, d: NaiveDate) -> String {
    match lang {
        Lang::En => d.format("%Y-%m-%d").to_string(),
        Lang::ZhCn => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
    }
}

/// `15:00`, the same in both.
pub fn time(t: &NaiveDateTime) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// `2026-11-10 15:00` / `2026年11月10日 15:00`.
pub fn datetime(lang: Lang, t: NaiveDateTime) -> String {
    format!("{} {}", date(lang, t.date()), time(&t))
}

/// `2026-11-10 15:00:05` / `2026年11月10日 15:00:05`.
pub fn datetime_secs(lang: Lang, t: NaiveDateTime) -> String {
    format!("{} {}:{:02}", date(lang, t.date()), time(&t), t.second())
}

/// `11-10 15:00` / `11月10日 15:00`: a short label for axes and lists within one year.
pub fn month_day_time(lang: Lang, t: NaiveDateTime) -> String {
    match lang {
        Lang::En => t.format("%m-%d %H:%M").to_string(),
        Lang::ZhCn => format!("{}月{}日 {}", t.month(), t.day(), time(&t)),
    }
}

/// A whole number with thousands grouped: `1,234,567`.
pub fn integer(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if value < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A number with `decimals` places and thousands grouped: `12,345.6`. Not-a-number and infinities are
/// written as `—`, never as `NaN`.
pub fn decimal(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let fixed = format!("{:.*}", decimals, value.abs());
    let (whole, frac) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let negative = value < 0.0 && fixed.bytes().any(|b| b.is_ascii_digit() && b != b'0');
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}
