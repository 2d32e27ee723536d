//! A calendar year's CO2 against the site's target (`[[co2_target]]` in site.toml): what the year has emitted
//! up to an instant, and where it will end if it goes on as it goes — the "forecast" step of the framework the
//! product follows. The rule for the parts of the year that have no data (docs/forecasts.md "CO2 trajectory"):
//!
//! - **Recorded**: the hours of the year before the instant that [`hourly_totals`] accounts (scope 1 and
//!   location-based scope 2, as the report's `total_location_t`; an hour half the meters are silent in is not
//!   recorded).
//! - **Estimated**: every other hour of the year before the instant, at the mean rate of the recorded hours.
//! - **Forecast**: the next week from the instant, forecast hour by hour by MSTL with an ETS trend from the
//!   four weeks before it (plant-forecast); where it cannot be made, at the run rate.
//! - **Run rate**: the rest of the year at the mean rate of the last four weeks' recorded hours.
//!
//! The target's pace is pro rata to time: T × hours / hours of the year. Two comparisons are given: the
//! recorded hours against the target's pace over the same hours (independent of how much of the year has
//! data), and the projected year end against the target. The year end's 95 % band is the prediction interval
//! of a sum of D days drawn like the complete recorded days (normal, independent): ± t σ_day √(D (1 + D/n)),
//! D the estimated and projected days, n the complete recorded days (≥ 2), t Student's 97.5 % quantile with
//! n − 1 degrees of freedom (Hahn, Meeker and Escobar, *Statistical Intervals*, the prediction interval for the
//! mean of m future observations, times m). It covers day-to-day spread and knowing the mean from n days only,
//! not shutdowns or a changed product mix.

use chrono::{Datelike, TimeZone};
use plant_i18n::t;
use plant_site::{Co2Target, Site};
use plant_store::{Store, TimestampMs};
use serde::Serialize;

use crate::{Book, HourlyTotals, hourly_totals};

const HOUR_MS: i64 = 3_600_000;
/// The run rate's window, and the forecast's history.
const RECENT_MS: i64 = 28 * 24 * HOUR_MS;
/// Hours forecast by MSTL after the instant.
const FORECAST_HOURS: usize = 7 * 24;
const LEVEL: f64 = 0.95;

/// What a day of the year's line is made of, by the larger part of its hours.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Part {
    Recorded,
    Estimated,
    Forecast,
    RunRate,
}

impl Part {
    /// Its name in the current language.
    pub fn name(self) -> String {
        match self {
            Part::Recorded => t!("trajectory-part-recorded"),
            Part::Estimated => t!("trajectory-part-estimated"),
            Part::Forecast => t!("trajectory-part-forecast"),
            Part::RunRate => t!("trajectory-part-run-rate"),
        }
    }
}

/// A day of the year: the cumulative CO2 from the year's start to the day's end, with the 95 % band of it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DayPoint {
    /// The day in the site's time zone (YYYY-MM-DD).
    pub date: String,
    /// The day's end (ms), for charts.
    #[serde(skip)]
    pub end_ms: TimestampMs,
    pub cumulative_t: f64,
    pub lower_t: f64,
    pub upper_t: f64,
    /// The target's pace at the day's end.
    pub target_t: f64,
    pub part: Part,
}

/// The year of an instant against its target (module docs for the rule).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Trajectory {
    pub year: i32,
    pub target_t: f64,
    pub target_source: Option<String>,
    #[serde(skip)]
    pub target_source_zh: Option<String>,
    /// The instant "to date" is at (RFC 3339, site time zone).
    pub at: String,
    #[serde(skip)]
    pub at_ms: TimestampMs,
    pub year_hours: f64,
    pub elapsed_hours: f64,
    pub recorded_hours: f64,
    /// CO2 of the recorded hours before the instant.
    pub recorded_t: f64,
    /// CO2 of the unrecorded hours before the instant, at the recorded hours' mean rate.
    pub estimated_t: f64,
    pub to_date_t: f64,
    /// The target's pace at the instant: T × elapsed / year hours.
    pub target_to_date_t: f64,
    /// The recorded hours against the target's pace over the same hours: recorded / (T × recorded hours /
    /// year hours) − 1 (+0.05 = 5 % above the pace).
    pub pace_vs_target: f64,
    /// t CO2/h: the mean of the recorded hours of the last four weeks (of all the year's recorded hours when
    /// the last four weeks have none: `run_rate_recent` false).
    pub run_rate_t_per_h: f64,
    pub run_rate_recent: bool,
    pub forecast_hours: f64,
    pub forecast_t: f64,
    /// Whether the next week is MSTL's forecast (false: the run rate, the forecast could not be made).
    pub forecast_made: bool,
    /// Why the week could not be forecast.
    pub forecast_error: Option<String>,
    pub rest_hours: f64,
    pub rest_t: f64,
    pub year_end_t: f64,
    pub year_end_lower_t: f64,
    pub year_end_upper_t: f64,
    /// Year end / target − 1.
    pub year_end_vs_target: f64,
    /// Complete recorded days the band is drawn from; under two, there is no band (lower and upper are NaN,
    /// null in JSON).
    pub complete_days: usize,
    pub days: Vec<DayPoint>,
}

impl Trajectory {
    /// Where the target comes from, in the current language.
    pub fn source_text(&self) -> Option<&str> {
        plant_site::source_in(self.target_source.as_deref(), self.target_source_zh.as_deref())
    }
}

/// Why the year's trajectory could not be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrajectoryError {
    /// The year has no recorded hour before the instant.
    NoRecordedHours { year: i32 },
    /// The year's start or end does not exist in the site's time zone.
    BadYear { year: i32 },
}

impl std::fmt::Display for TrajectoryError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TrajectoryError::NoRecordedHours { year } => f.write_str(&t!("trajectory-no-recorded-hours", year = year.to_string())),
            TrajectoryError::BadYear { year } => f.write_str(&t!("trajectory-bad-year", year = year.to_string())),
        }
    }
}

impl std::error::Error for TrajectoryError {}

/// The calendar year of an instant in a time zone, and its start and end (ms).
pub fn year_of(tz: &chrono_tz::Tz, at_ms: TimestampMs) -> Option<(i32, TimestampMs, TimestampMs)> {
    let year = tz.timestamp_millis_opt(at_ms).single()?.year();
    let start = |y: i32| tz.with_ymd_and_hms(y, 1, 1, 0, 0, 0).earliest().map(|d| d.timestamp_millis());
    Some((year, start(year)?, start(year + 1)?))
}

/// The trajectory of the year of `at_ms` in the site's time zone, when the site has a target for it.
pub fn trajectory(site: &Site, store: &Store, book: &Book, at_ms: TimestampMs) -> Option<Result<Trajectory, TrajectoryError>> {
    let (year, start, _) = year_of(&site.time_zone, at_ms)?;
    let target = site.co2_target(year)?;
    let hourly = hourly_totals(site, store, book, start.min(at_ms - RECENT_MS), at_ms);
    Some(from_hourly(&hourly, target, &site.time_zone, at_ms))
}

/// The trajectory from the site's hourly totals (any span: the hours of the year before `at_ms` are used).
pub fn from_hourly(h: &HourlyTotals, target: &Co2Target, tz: &chrono_tz::Tz, at_ms: TimestampMs) -> Result<Trajectory, TrajectoryError> {
    let year = target.year;
    let bad = TrajectoryError::BadYear { year };
    let start = tz.with_ymd_and_hms(year, 1, 1, 0, 0, 0).earliest().ok_or(bad.clone())?.timestamp_millis();
    let end = tz.with_ymd_and_hms(year + 1, 1, 1, 0, 0, 0).earliest().ok_or(bad)?.timestamp_millis();
    let at = at_ms.clamp(start, end);
    let hours = |a: i64, b: i64| (b - a).max(0) as f64 / HOUR_MS as f64;
    // The recorded hours of the year before the instant.
    let recorded: Vec<(i64, f64)> = h.times_ms.iter().zip(&h.co2_t).filter(|&(&t, v)| t >= start && t + HOUR_MS <= at && v.is_finite()).map(|(&t, &v)| (t, v)).collect();
    if recorded.is_empty() {
        return Err(TrajectoryError::NoRecordedHours { year });
    }
    let recorded_t: f64 = recorded.iter().map(|r| r.1).sum();
    let mean_rate = recorded_t / recorded.len() as f64;
    let recent: Vec<f64> = recorded.iter().filter(|r| r.0 >= at - RECENT_MS).map(|r| r.1).collect();
    let run_rate = if recent.is_empty() { mean_rate } else { recent.iter().sum::<f64>() / recent.len() as f64 };
    // The next week, hour by hour (the forecast's own history may reach into the year before).
    let forecast_hours = hours(at, end).min(FORECAST_HOURS as f64).floor() as usize;
    let forecast = (forecast_hours > 0).then(|| plant_forecast::forecast_samples(&h.times_ms, &h.co2_t, at, RECENT_MS, HOUR_MS, forecast_hours, LEVEL));
    let forecast_error = match &forecast {
        Some(Err(e)) => Some(e.to_string()),
        _ => None,
    };
    let made = forecast.and_then(Result::ok).map(|(_, band)| band.point);
    let at_hour = at - at.rem_euclid(HOUR_MS);
    let forecast_at = |t: i64| -> Option<f64> { made.as_ref().and_then(|p| p.get(usize::try_from((t - at_hour) / HOUR_MS).ok()?).copied()) };

    let year_hours = hours(start, end);
    let elapsed_hours = hours(start, at);
    let target_pace = |t: i64| target.t_co2 * hours(start, t) / year_hours;
    let days = days(tz, start, end);
    let recorded_in = |a: i64, b: i64| -> (f64, f64) {
        let lo = recorded.partition_point(|r| r.0 < a);
        let hi = recorded.partition_point(|r| r.0 < b);
        (recorded[lo..hi].iter().map(|r| r.1).sum(), (hi - lo) as f64)
    };
    let (n, sigma_day) = spread_of_complete_days(&days, at, &recorded_in);
    // Student's t with n − 1 degrees of freedom: σ is estimated from the n days.
    let q = if n >= 2 { distrs::StudentsT::ppf(0.5 + LEVEL / 2.0, (n - 1) as f64) } else { f64::NAN };
    let half_width = |estimated_days: f64| if n >= 2 { q * sigma_day * (estimated_days * (1.0 + estimated_days / n as f64)).sqrt() } else { f64::NAN };

    let (mut cumulative, mut estimated_hours, mut estimated_t, mut forecast_t, mut rest_t) = (0.0, 0.0, 0.0, 0.0, 0.0);
    let mut points = Vec::with_capacity(days.len());
    for &(a, b) in &days {
        let (past_t, past_n) = recorded_in(a, b.min(at));
        let unrecorded = (hours(a, b.min(at)) - past_n).max(0.0);
        let (mut day_forecast, mut day_rest, mut forecast_n) = (0.0, 0.0, 0.0);
        let mut t = a.max(at_hour);
        while t < b {
            // The part of the hour after the instant.
            let share = hours(t.max(at), (t + HOUR_MS).min(b));
            match forecast_at(t) {
                Some(v) if (t - at_hour) / HOUR_MS < forecast_hours as i64 => {
                    day_forecast += v * share;
                    forecast_n += share;
                }
                _ => day_rest += run_rate * share,
            }
            t += HOUR_MS;
        }
        estimated_hours += unrecorded;
        estimated_t += unrecorded * mean_rate;
        forecast_t += day_forecast;
        rest_t += day_rest;
        cumulative += past_t + unrecorded * mean_rate + day_forecast + day_rest;
        let estimated_days = (estimated_hours + hours(at, b)) / 24.0;
        let w = half_width(estimated_days);
        let past_hours = hours(a, b.min(at));
        let part = if past_hours * 2.0 >= hours(a, b) {
            if past_n * 2.0 >= past_hours { Part::Recorded } else { Part::Estimated }
        } else if forecast_n * 2.0 >= hours(a, b) - past_hours {
            Part::Forecast
        } else {
            Part::RunRate
        };
        let date = tz.timestamp_millis_opt(a).single().map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
        points.push(DayPoint { date, end_ms: b, cumulative_t: cumulative, lower_t: cumulative - w, upper_t: cumulative + w, target_t: target_pace(b), part });
    }
    let rest_hours = (hours(at, end) - forecast_hours as f64).max(0.0);
    // Without a forecast, the week is at the run rate too (forecast_at gave nothing).
    let forecast_made = made.is_some();
    let forecast_hours = if forecast_made { forecast_hours as f64 } else { 0.0 };
    let to_date_t = recorded_t + estimated_t;
    let year_end_t = to_date_t + forecast_t + rest_t;
    let w = half_width((estimated_hours + hours(at, end)) / 24.0);
    let recorded_hours = recorded.len() as f64;
    let at_text = tz.timestamp_millis_opt(at).single().map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)).unwrap_or_default();
    Ok(Trajectory {
        year,
        target_t: target.t_co2,
        target_source: target.source.clone(),
        target_source_zh: target.source_zh.clone(),
        at: at_text,
        at_ms: at,
        year_hours,
        elapsed_hours,
        recorded_hours,
        recorded_t,
        estimated_t,
        to_date_t,
        target_to_date_t: target_pace(at),
        pace_vs_target: recorded_t / (target.t_co2 * recorded_hours / year_hours) - 1.0,
        run_rate_t_per_h: run_rate,
        run_rate_recent: !recent.is_empty(),
        forecast_hours,
        forecast_t,
        forecast_made,
        forecast_error,
        rest_hours: if forecast_made { rest_hours } else { hours(at, end) },
        rest_t,
        year_end_t,
        year_end_lower_t: year_end_t - w,
        year_end_upper_t: year_end_t + w,
        year_end_vs_target: year_end_t / target.t_co2 - 1.0,
        complete_days: n,
        days: points,
    })
}

/// How many days before `at` are wholly recorded, and the standard deviation of their totals (NaN under two).
fn spread_of_complete_days(days: &[(i64, i64)], at: i64, recorded_in: &dyn Fn(i64, i64) -> (f64, f64)) -> (usize, f64) {
    let complete: Vec<f64> = days
        .iter()
        .filter(|&&(_, b)| b <= at)
        .map(|&(a, b)| (recorded_in(a, b), (b - a) as f64 / HOUR_MS as f64))
        .filter(|&((_, n), hours)| n >= hours - 0.5)
        .map(|((v, _), _)| v)
        .collect();
    let n = complete.len();
    if n < 2 {
        return (n, f64::NAN);
    }
    let m = complete.iter().sum::<f64>() / n as f64;
    (n, (complete.iter().map(|v| (v - m).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt())
}

/// The days of `[start, end)` in the time zone, as (start, end) ms.
fn days(tz: &chrono_tz::Tz, start: i64, end: i64) -> Vec<(i64, i64)> {
    let mut out = Vec::with_capacity(366);
    let Some(mut date) = tz.timestamp_millis_opt(start).single().map(|d| d.date_naive()) else { return out };
    let mut a = start;
    while a < end {
        let Some(next) = date.succ_opt() else { break };
        let b = next.and_hms_opt(0, 0, 0).and_then(|n| tz.from_local_datetime(&n).earliest()).map_or(end, |d| d.timestamp_millis()).min(end);
        if b <= a {
            break;
        }
        out.push((a, b));
        (a, date) = (b, next);
    }
    out
}
