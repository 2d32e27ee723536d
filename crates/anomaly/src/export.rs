//! The anomaly list as CSV, the form the command line and the viewer's export share.

use crate::Anomaly;

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
