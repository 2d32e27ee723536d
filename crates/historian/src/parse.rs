//! The Prometheus query API's answers, parsed without trusting them: a `matrix` (an instant query of a
//! range selector: the samples as stored) or a `vector` (one value a series), the labels of each series.

use std::collections::BTreeMap;

use plant_i18n::{Msg, msg};

/// One series of an answer: its labels, and its samples (ms UTC; values as written, non-finite included —
/// the store drops and counts those).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Series {
    pub labels: BTreeMap<String, String>,
    pub times_ms: Vec<i64>,
    pub values: Vec<f64>,
}

/// A sample's time: seconds since 1970 (a JSON number), to ms; `None` outside ±10,000 years.
fn time_ms(v: &serde_json::Value) -> Option<i64> {
    let s = v.as_f64()?;
    let ms = (s * 1000.0).round();
    (ms.is_finite() && ms.abs() < 3.2e14).then_some(ms as i64)
}

/// A sample's value: the API writes it as a string ("1.5", "NaN", "+Inf"); a number is taken too.
fn value(v: &serde_json::Value) -> Option<f64> {
    match v {
        serde_json::Value::String(s) => match s.trim() {
            "NaN" => Some(f64::NAN),
            "+Inf" | "Inf" => Some(f64::INFINITY),
            "-Inf" => Some(f64::NEG_INFINITY),
            s => s.parse().ok(),
        },
        serde_json::Value::Number(n) => n.as_f64(),
        _ => None,
    }
}

/// Parses an answer of `/api/v1/query`: its series with their samples. A sample that is not a
/// `[time, "value"]` pair is counted in the second element and left out; an answer that is not a success
/// of the expected shape is the error, in the catalogue's words.
pub fn parse_answer(body: &str) -> Result<(Vec<Series>, usize), Msg> {
    let doc: serde_json::Value = serde_json::from_str(body).map_err(|e| msg!("historian-not-json", error = e.to_string()))?;
    if doc.get("status").and_then(|s| s.as_str()) != Some("success") {
        return Err(match doc.get("error").and_then(|e| e.as_str()) {
            Some(error) => msg!("historian-query-error", error = error),
            None => msg!("historian-query-failed"),
        });
    }
    let data = doc.get("data").ok_or_else(|| msg!("historian-answer-shape", what = "data"))?; // i18n-ok: a JSON key
    let result = data.get("result").and_then(|r| r.as_array()).ok_or_else(|| msg!("historian-answer-shape", what = "data.result"))?; // i18n-ok: a JSON key
    let mut out = Vec::with_capacity(result.len());
    let mut bad = 0usize;
    for s in result {
        let mut series = Series::default();
        if let Some(metric) = s.get("metric").and_then(|m| m.as_object()) {
            for (k, v) in metric {
                if let Some(v) = v.as_str() {
                    series.labels.insert(k.clone(), v.to_string());
                }
            }
        }
        let pairs: Vec<&serde_json::Value> = match (s.get("values").and_then(|v| v.as_array()), s.get("value")) {
            (Some(vs), _) => vs.iter().collect(),
            (None, Some(v)) => vec![v],
            (None, None) => {
                bad += 1;
                continue;
            }
        };
        series.times_ms.reserve(pairs.len());
        series.values.reserve(pairs.len());
        for p in pairs {
            match (p.get(0).and_then(time_ms), p.get(1).and_then(value)) {
                (Some(t), Some(v)) => {
                    series.times_ms.push(t);
                    series.values.push(v);
                }
                _ => bad += 1,
            }
        }
        out.push(series);
    }
    Ok((out, bad))
}
