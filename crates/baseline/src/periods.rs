//! A site's meters as one row per period (day or hour in the site's time zone): the energy meter's total, a
//! temperature's mean, each driver's total (rates) or mean (anything else).

use chrono::TimeZone;
use plant_site::{Quantity, Site};
use plant_store::{Store, TimestampMs};
use serde::Serialize;

/// A period must be this well covered by every meter's samples, or it is left out (not read as low).
pub const MIN_COVERAGE: f64 = 0.9;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    Day,
    Hour,
}

/// What a meter contributes to a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reduce {
    /// ∫ rate dt (kW → kWh, t/h → t).
    Integrate,
    /// Σ of interval samples (kWh per 15 min).
    Sum,
    /// The time mean (temperature, %, pressure…).
    Mean,
}

fn reduce_of(q: Quantity) -> Reduce {
    match q {
        q if q.is_rate() => Reduce::Integrate,
        q if q.is_per_interval() => Reduce::Sum,
        _ => Reduce::Mean,
    }
}

/// The unit of a period's value of a meter in `unit`: a rate's total (kW → kWh, t/h → t), else the unit.
pub fn period_unit(q: Quantity, unit: &str) -> String {
    if reduce_of(q) != Reduce::Integrate {
        return unit.to_owned();
    }
    match unit.strip_suffix("/h") {
        Some(amount) => amount.to_owned(),
        None => format!("{unit}h"),
    }
}

/// Rows of periods with every meter covered.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub starts_ms: Vec<TimestampMs>,
    /// The energy meter's value each period.
    pub y: Vec<f64>,
    pub temperature: Option<Vec<f64>>,
    pub drivers: Vec<Vec<f64>>,
    /// 1 for a Saturday or Sunday period (site time zone), else 0: the day type of an office's daily model.
    pub weekend: Vec<f64>,
    /// Periods of the window left out for too little data.
    pub left_out: usize,
}

/// Why the periods could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PeriodsError {
    /// A meter the site does not define, or that has no data.
    UnknownMeter(String),
}

/// The periods of `[t0, t1)`: `meter` as y, `temperature` (a temperature meter) and `drivers` as conditions.
pub fn table(site: &Site, store: &Store, meter: &str, temperature: Option<&str>, drivers: &[String], t0: TimestampMs, t1: TimestampMs, step: Step) -> Result<Table, PeriodsError> {
    let series = |id: &str| -> Result<(&plant_store::Series, Reduce), PeriodsError> {
        let m = site.meter(id).ok_or_else(|| PeriodsError::UnknownMeter(id.to_owned()))?;
        let s = store.get(id).ok_or_else(|| PeriodsError::UnknownMeter(id.to_owned()))?;
        Ok((s, reduce_of(m.quantity)))
    };
    let y = series(meter)?;
    let temp = temperature.map(series).transpose()?;
    let xs = drivers.iter().map(|d| series(d)).collect::<Result<Vec<_>, _>>()?;
    let mut out = Table { temperature: temp.map(|_| Vec::new()), drivers: vec![Vec::new(); xs.len()], ..Table::default() };
    for (a, b) in periods(&site.time_zone, t0, t1, step) {
        let value = |(s, r): &(&plant_store::Series, Reduce)| -> Option<f64> { value_of(s, *r, a, b) };
        let row: Option<(f64, Option<f64>, Vec<f64>)> =
            (|| Some((value(&y)?, temp.as_ref().map(value).map_or(Some(None), |v| v.map(Some))?, xs.iter().map(value).collect::<Option<Vec<f64>>>()?)))();
        match row {
            Some((v, t, x)) => {
                out.starts_ms.push(a);
                let day = tz_weekday(&site.time_zone, a);
                out.weekend.push(f64::from(u8::from(matches!(day, Some(chrono::Weekday::Sat | chrono::Weekday::Sun)))));
                out.y.push(v);
                if let (Some(col), Some(t)) = (out.temperature.as_mut(), t) {
                    col.push(t);
                }
                for (col, v) in out.drivers.iter_mut().zip(x) {
                    col.push(v);
                }
            }
            None => out.left_out += 1,
        }
    }
    Ok(out)
}

fn tz_weekday(tz: &chrono_tz::Tz, t: TimestampMs) -> Option<chrono::Weekday> {
    use chrono::Datelike;
    tz.timestamp_millis_opt(t).single().map(|d| d.weekday())
}

/// A meter's value over `[a, b)`, or `None` when its samples cover less than [`MIN_COVERAGE`] of it.
fn value_of(s: &plant_store::Series, r: Reduce, a: TimestampMs, b: TimestampMs) -> Option<f64> {
    let (total, coverage) = plant_flows::integrate(s, a, b);
    if coverage < MIN_COVERAGE || !total.is_finite() {
        return None;
    }
    match r {
        Reduce::Integrate => Some(total / coverage),
        Reduce::Mean => Some(total / ((b - a) as f64 / 3_600_000.0 * coverage)),
        Reduce::Sum => {
            let (_, values) = s.window(a, b);
            Some(values.iter().sum::<f64>() / coverage)
        }
    }
}

/// The days or hours of `[t0, t1)` in the time zone (whole ones only).
fn periods(tz: &chrono_tz::Tz, t0: TimestampMs, t1: TimestampMs, step: Step) -> Vec<(TimestampMs, TimestampMs)> {
    const HOUR: i64 = 3_600_000;
    let mut out = Vec::new();
    match step {
        Step::Hour => {
            let mut a = t0 + (HOUR - t0.rem_euclid(HOUR)) % HOUR;
            // As for days: a last hour the window holds nine tenths of is an hour (a record ending at 23:59).
            while (a + HOUR - t1) as f64 <= (1.0 - MIN_COVERAGE) * HOUR as f64 {
                out.push((a, a + HOUR));
                a += HOUR;
            }
        }
        Step::Day => {
            let Some(first) = tz.timestamp_millis_opt(t0).single() else { return out };
            let mut date = first.date_naive();
            let midnight = |d: chrono::NaiveDate| d.and_hms_opt(0, 0, 0).and_then(|n| tz.from_local_datetime(&n).earliest()).map(|d| d.timestamp_millis());
            if midnight(date).is_some_and(|m| m < t0) {
                date = date.succ_opt().unwrap_or(date);
            }
            while let (Some(a), Some(next)) = (midnight(date), date.succ_opt()) {
                let Some(b) = midnight(next) else { break };
                // A last day the window holds nine tenths of (a record ending at 23:59) is a day; its
                // coverage is checked with the meters'.
                if (b - t1) as f64 > (1.0 - MIN_COVERAGE) * (b - a) as f64 {
                    break;
                }
                out.push((a, b));
                date = next;
            }
        }
    }
    out
}
