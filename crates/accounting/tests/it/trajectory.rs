//! The year's CO2 against its target, on hand-computed series: the rule for recorded, estimated and projected
//! hours (docs/forecasts.md "CO2 trajectory") and the year end's band.

use plant_accounting::HourlyTotals;
use plant_accounting::trajectory::{Part, TrajectoryError, from_hourly, year_of};
use plant_site::{Co2Target, Place};

const H: i64 = 3_600_000;
const DAY: i64 = 24 * H;
/// 2026-01-01T00:00:00Z; 2026 has 365 days.
const Y0: i64 = 1_767_225_600_000;
const YEAR_H: f64 = 8760.0;

fn target(t_co2: f64) -> Co2Target {
    Co2Target { year: 2026, t_co2, source: None, source_zh: None, at: Place::Whole }
}

/// Hourly totals at `rate(hour index from Y0)` over `[from, to)` (ms).
fn hourly(from: i64, to: i64, rate: impl Fn(i64) -> f64) -> HourlyTotals {
    let mut h = HourlyTotals::default();
    let mut t = from;
    while t < to {
        h.times_ms.push(t);
        h.energy_gj.push(0.0);
        h.co2_t.push(rate((t - Y0) / H));
        t += H;
    }
    h
}

fn close(a: f64, b: f64, what: &str) {
    assert!((a - b).abs() <= 1e-6 * b.abs().max(1.0), "{what}: {a} (expected {b})");
}

#[test]
fn a_fully_recorded_steady_year_ends_on_its_rate_with_no_band() {
    let at = Y0 + 182 * DAY;
    let h = hourly(Y0, at, |_| 10.0);
    let t = from_hourly(&h, &target(87_600.0), &chrono_tz::UTC, at).expect("trajectory");
    close(t.year_hours, YEAR_H, "hours of 2026");
    close(t.recorded_hours, 182.0 * 24.0, "recorded hours");
    close(t.recorded_t, 182.0 * 240.0, "recorded");
    close(t.estimated_t, 0.0, "nothing estimated");
    close(t.target_to_date_t, 87_600.0 * 182.0 / 365.0, "target's pace");
    close(t.pace_vs_target, 0.0, "on pace");
    assert!(t.forecast_made, "a week forecast from four steady weeks");
    close(t.forecast_hours, 168.0, "a week");
    close(t.forecast_t, 1680.0, "a steady week");
    close(t.year_end_t, 87_600.0, "year end");
    close(t.year_end_vs_target, 0.0, "on target");
    close(t.year_end_upper_t - t.year_end_lower_t, 0.0, "no spread, no band");
    assert_eq!(t.days.len(), 365);
    let last = t.days.last().expect("days");
    assert_eq!(last.date, "2026-12-31");
    close(last.cumulative_t, 87_600.0, "the line ends at the year end");
    close(last.target_t, 87_600.0, "the target line ends at the target");
    assert_eq!(t.days[0].part, Part::Recorded);
    assert_eq!(t.days[182].part, Part::Forecast);
    assert_eq!(t.days[200].part, Part::RunRate);
}

#[test]
fn two_recorded_weeks_are_the_recorded_part_and_the_rest_is_estimated_and_projected() {
    // 1–14 November at 20 t/h, the cursor at 15 November 00:00; the target is 10 t/h for the year.
    let nov1 = Y0 + 304 * DAY;
    let at = nov1 + 14 * DAY;
    let h = hourly(nov1, at, |_| 20.0);
    let t = from_hourly(&h, &target(87_600.0), &chrono_tz::UTC, at).expect("trajectory");
    close(t.recorded_hours, 336.0, "two weeks");
    close(t.recorded_t, 6720.0, "recorded");
    close(t.elapsed_hours, 318.0 * 24.0, "elapsed");
    close(t.estimated_t, (318.0 * 24.0 - 336.0) * 20.0, "unrecorded past at the recorded rate");
    close(t.pace_vs_target, 1.0, "twice the target's pace");
    close(t.run_rate_t_per_h, 20.0, "run rate");
    close(t.year_end_t, 175_200.0, "year end");
    close(t.year_end_vs_target, 1.0, "twice the target");
    assert_eq!(t.days[0].part, Part::Estimated);
    assert_eq!(t.days[304].part, Part::Recorded);
}

#[test]
fn the_band_is_the_prediction_interval_of_a_sum_of_days() {
    // Weekdays at 13 t/h, weekends at 10 (days 5 and 6 of each week): 28 complete days recorded from
    // 1 January (nothing estimated), the cursor after day 28.
    let at = Y0 + 28 * DAY;
    let weekend = |day: i64| day % 7 >= 5;
    let h = hourly(Y0, at, |hour| if weekend(hour / 24) { 10.0 } else { 13.0 });
    let t = from_hourly(&h, &target(100_000.0), &chrono_tz::UTC, at).expect("trajectory");
    assert_eq!(t.complete_days, 28);
    let daily: Vec<f64> = (0..28).map(|d| if weekend(d) { 240.0 } else { 312.0 }).collect();
    let n = daily.len() as f64;
    let mean = daily.iter().sum::<f64>() / n;
    let sd = (daily.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    let d = 365.0 - 28.0;
    // Student's t, 97.5 %, 27 degrees of freedom: 2.0518 (NIST/SEMATECH e-Handbook §1.3.6.7.2 gives 2.052).
    let half = 2.051830516 * sd * (d * (1.0 + d / n)).sqrt();
    let got = (t.year_end_upper_t - t.year_end_lower_t) / 2.0;
    assert!((got - half).abs() < 1e-8 * half, "half width {got}, expected {half}");
    close(t.recorded_t, 28.0 * mean, "recorded");
    close(t.run_rate_t_per_h, mean / 24.0, "run rate");
    close(t.rest_t, (d * 24.0 - 168.0) * mean / 24.0, "rest at the run rate");
    // The week forecast (MSTL with a weekly season) holds the weekly pattern: near the weekly mean.
    assert!((t.forecast_t - 168.0 * mean / 24.0).abs() < 0.03 * 168.0 * mean / 24.0, "a week near the mean: {} vs {}", t.forecast_t, 7.0 * mean);
}

#[test]
fn a_few_hours_give_a_year_end_without_a_band_and_say_where_the_run_rate_comes_from() {
    // Three recorded hours: no complete day, so no band (NaN, null in JSON) rather than one of no width.
    let at = Y0 + 3 * H;
    let t = from_hourly(&hourly(Y0, at, |_| 10.0), &target(87_600.0), &chrono_tz::UTC, at).expect("trajectory");
    assert_eq!(t.complete_days, 0);
    assert!(t.year_end_lower_t.is_nan() && t.year_end_upper_t.is_nan());
    assert!(t.run_rate_recent);
    // An instant five weeks after the last recorded hour: the run rate is all the year's hours, and the week
    // is not forecast (no history before the instant), with the reason.
    let h = hourly(Y0, Y0 + 10 * DAY, |_| 10.0);
    let at = Y0 + 45 * DAY;
    let t = from_hourly(&h, &target(87_600.0), &chrono_tz::UTC, at).expect("trajectory");
    assert!(!t.run_rate_recent);
    assert!(!t.forecast_made && t.forecast_error.is_some());
    close(t.run_rate_t_per_h, 10.0, "run rate");
}

#[test]
fn a_year_without_recorded_hours_is_an_error_and_years_follow_the_time_zone() {
    let at = Y0 + 10 * DAY;
    let h = hourly(Y0 - 20 * DAY, Y0, |_| 1.0);
    assert_eq!(from_hourly(&h, &target(1.0), &chrono_tz::UTC, at), Err(TrajectoryError::NoRecordedHours { year: 2026 }));
    // 2025-12-31T20:00Z is already 2026 in Shanghai (UTC+8).
    let (year, start, end) = year_of(&chrono_tz::Asia::Shanghai, Y0 - 4 * H).expect("year");
    assert_eq!((year, start, end), (2026, Y0 - 8 * H, Y0 + 365 * DAY - 8 * H));
}

/// On the cement plant's record: the recorded part is the record's own accounting (less the logger outage's
/// hours, which are estimated), and the pace follows from it and the target.
#[test]
fn the_cement_plants_year_is_its_record_and_the_rest_of_the_year() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant");
    let opened = plant_site::open(&root).expect("site");
    let store = plant_ingest::load_site_data(&opened.site, &|_, _| {}).store;
    let (book, _) = plant_accounting::prepare(&opened.site);
    let (first, last) = store.time_range().expect("a record");
    let at = last + 60_000;
    let t = plant_accounting::trajectory(&opened.site, &store, &book, at).expect("a 2026 target").expect("trajectory");
    let whole = plant_accounting::report(&opened.site, &store, &book, first, at).scopes.total_location_t;
    assert!(t.recorded_t <= whole && t.recorded_t > 0.99 * whole, "recorded {} of the record's {whole}", t.recorded_t);
    assert!(t.recorded_hours >= 330.0 && t.recorded_hours <= 336.0, "{}", t.recorded_hours);
    close(t.pace_vs_target, t.recorded_t / (1_600_000.0 * t.recorded_hours / YEAR_H) - 1.0, "pace");
    close(t.to_date_t, t.recorded_t + t.estimated_t, "to date");
    close(t.year_end_t, t.to_date_t + t.forecast_t + t.rest_t, "year end");
    // A 5,000 t/d line at about 0.87 t CO2/t clinker: 1.5–1.8 Mt a year.
    assert!((1.5e6..1.8e6).contains(&t.year_end_t), "{}", t.year_end_t);
}
