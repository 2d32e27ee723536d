//! The anomaly list as the command line and the viewer show and export it: CSV, and the kinds' and
//! durations' words in the current language.

use plant_i18n::t;

use crate::{Anomaly, Kind};

/// The kind's name in the current language (`anomaly-kind-…` in the catalogues).
pub fn kind_name(kind: Kind) -> String {
    plant_i18n::tr(&format!("anomaly-kind-{}", kind.id())) // i18n-ok: a catalogue key built from the kind's id
}

/// How long, in the largest whole unit that fits (minutes, hours, days), in the current language.
pub fn duration(ms: i64) -> String {
    let minutes = ms.saturating_add(30_000) / 60_000;
    if minutes == 0 {
        // A spike of one sample: an instant, not "0 min".
        t!("app-anomalies-instant")
    } else if minutes < 120 {
        t!("app-anomalies-minutes", n = minutes)
    } else if minutes < 48 * 60 {
        t!("app-anomalies-hours", n = format!("{:.1}", minutes as f64 / 60.0))
    } else {
        t!("app-anomalies-days", n = format!("{:.1}", minutes as f64 / 1440.0))
    }
}

/// A number with as many decimals as its size needs (4 significant figures); empty for NaN, `0` for zero.
pub fn number(x: f64) -> String {
    if !x.is_finite() {
        return String::new();
    }
    if x == 0.0 {
        return "0".to_owned();
    }
    let digits = match x.abs() {
        a if a >= 1000.0 => 0,
        a if a >= 100.0 => 1,
        a if a >= 10.0 => 2,
        _ => 3,
    };
    format!("{x:.digits$}")
}

/// One row per anomaly: `start,end,meter,kind,value,expected,unit,sigmas,count`; times as `time` writes
/// them (ISO 8601 with the site's offset), units as `unit` gives them for a meter.
pub fn csv(found: &[Anomaly], time: &dyn Fn(i64) -> String, unit: &dyn Fn(&str) -> String) -> String {
    let mut out = String::from("start,end,meter,kind,value,expected,unit,sigmas,count\n");
    for a in found {
        let meter = a.meter.as_deref().unwrap_or("");
        out.push_str(&format!(
            "{},{},{meter},{},{},{},{},{:.2},{}\n",
            time(a.start_ms),
            time(a.end_ms),
            a.kind.id(),
            number(a.value),
            number(a.expected),
            if meter.is_empty() { String::new() } else { unit(meter) },
            a.score,
            a.count
        ));
    }
    out
}
