//! `plant-twin anomalies`: the anomalies of a site's meters over a window, headless (docs/anomalies.md): time,
//! meter, kind, value seen, value expected and distance in σ, as Markdown, CSV or JSON.

use plant_anomaly::export::{duration, kind_name, number as num};
use plant_anomaly::{Anomaly, Kind, Settings, site_anomalies};
use plant_i18n::t;

use crate::cli::AnomaliesArgs;

/// Writes the anomaly list; the error says what was wrong, in the current language.
pub fn run(args: &AnomaliesArgs) -> Result<(), String> {
    let failed = |message: String| t!("app-error", message = message);
    let opened = plant_site::open(&args.site).map_err(|d| d.to_string())?;
    let site = opened.site;
    for d in &opened.diagnostics {
        eprintln!("{d}");
    }
    for u in plant_anomaly::model::unchecked(&std::sync::Arc::new(site.clone())) {
        eprintln!("{}", t!("app-anomalies-unchecked", process = u.process.as_str(), meter = u.meter.as_str(), reason = u.reason.as_str()));
    }
    for id in &args.meter {
        if site.meter(id).is_none() {
            return Err(failed(t!("app-forecast-no-meter", id = id.as_str(), file = site.site_toml_path().display().to_string())));
        }
    }
    let kinds: Vec<Kind> = args
        .kind
        .iter()
        .map(|k| Kind::ALL.into_iter().find(|x| x.id() == k).ok_or_else(|| failed(t!("app-anomalies-bad-kind", value = k.as_str(), kinds = kind_ids()))))
        .collect::<Result<_, _>>()?;
    let time = |option: &str, text: &Option<String>| -> Result<Option<i64>, String> {
        text.as_deref()
            .map(|s| {
                crate::startup::parse_at(s, site.time_zone).ok_or_else(|| failed(t!("app-report-bad-time", option = option, value = s, time_zone = site.time_zone.to_string())))
            })
            .transpose()
    };
    let (from, to) = (time("from", &args.from)?, time("to", &args.to)?); // i18n-ok: the options' names
    let loaded = crate::data::load(&site, args.connect)?;
    for d in &loaded.diagnostics {
        eprintln!("{d}");
    }
    let Some((first, last)) = loaded.store.time_range() else { return Err(failed(t!("app-anomalies-no-data"))) };
    let window = (from.unwrap_or(first), to.unwrap_or(last.saturating_add(1)));
    if window.1 <= window.0 {
        return Err(failed(t!("app-report-empty-window", from = when(&site, window.0), to = when(&site, window.1))));
    }
    // A window that misses the record finds nothing: say so rather than print an empty list.
    if window.1 <= first || window.0 > last {
        return Err(failed(t!("app-anomalies-outside-record", from = when(&site, first), to = when(&site, last))));
    }
    // Under four days no time of day is judged "usual": deviations and spikes cannot be found.
    if window.1 - window.0 < 4 * 86_400_000 {
        eprintln!("{}", t!("app-anomalies-short-window"));
    }
    let found = site_anomalies(&site, &loaded.store, Some(window), &Settings::default(), &|_, _| true).map_err(|e| failed(e.to_string()))?;
    let found: Vec<Anomaly> = found
        .into_iter()
        .filter(|a| kinds.is_empty() || kinds.contains(&a.kind))
        .filter(|a| args.meter.is_empty() || a.meter.as_ref().is_none_or(|m| args.meter.contains(m)))
        .collect();
    let text = match args.format.as_str() {
        "json" => json(&site, &found), // i18n-ok: a format's name
        "csv" => csv(&site, &found),   // i18n-ok: a format's name
        _ => markdown(&site, window, &found),
    };
    match &args.output {
        Some(path) => crate::report::write_atomically(path, &text).map_err(|e| failed(format!("{}: {e}", path.display()))),
        None => {
            crate::whatif::out(&text);
            Ok(())
        }
    }
}

fn kind_ids() -> String {
    Kind::ALL.iter().map(|k| k.id()).collect::<Vec<_>>().join(", ")
}

fn when(site: &plant_site::Site, t_ms: i64) -> String {
    plant_viewer_context::format_time_in(plant_i18n::current(), t_ms, site.time_zone, "%Y-%m-%d %H:%M")
}

fn iso(site: &plant_site::Site, t_ms: i64) -> String {
    plant_viewer_context::format_time_in(plant_i18n::Lang::En, t_ms, site.time_zone, "%Y-%m-%dT%H:%M:%S%:z") // i18n-ok: ISO 8601
}

fn unit_of<'a>(site: &'a plant_site::Site, a: &Anomaly) -> &'a str {
    a.meter.as_deref().and_then(|m| site.meter_in(m)).map_or("", |m| m.unit.as_str())
}

fn markdown(site: &plant_site::Site, (from, to): (i64, i64), found: &[Anomaly]) -> String {
    let mut out = format!("# {}\n\n", t!("app-anomalies-title", site = site.name()));
    out.push_str(&format!("{}\n\n", t!("app-anomalies-basis", from = when(site, from), to = when(site, to), count = found.len(), time_zone = site.time_zone.to_string())));
    if found.is_empty() {
        return out;
    }
    out.push_str(&format!(
        "| {} | {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|---|\n",
        t!("app-anomalies-col-start"),
        t!("app-anomalies-col-duration"),
        t!("app-anomalies-col-meter"),
        t!("app-anomalies-col-kind"),
        t!("app-anomalies-col-value"),
        t!("app-anomalies-col-expected"),
        t!("app-anomalies-col-sigmas")
    ));
    for a in found {
        let meter = match (a.meter.as_deref(), a.meter.as_deref().and_then(|m| site.meter(m))) {
            (_, Some(m)) => format!("{} ({})", m.display_name(), m.id),
            // A model check's sum of meters, as site.toml writes it.
            (Some(text), None) => text.to_owned(),
            (None, None) => t!("app-anomalies-all-meters"),
        };
        let unit = unit_of(site, a);
        let with_unit = |x: f64| if x.is_finite() { format!("{} {unit}", num(x)) } else { "–".to_owned() };
        let kind = if a.count > 1 { format!("{} ×{}", kind_name(a.kind), a.count) } else { kind_name(a.kind) };
        let sigmas = if a.score > 0.0 { format!("{:.0}", a.score) } else { "–".to_owned() };
        out.push_str(&format!(
            "| {} | {} | {meter} | {kind} | {} | {} | {sigmas} |\n",
            when(site, a.start_ms),
            duration(a.end_ms - a.start_ms),
            with_unit(a.value),
            with_unit(a.expected)
        ));
    }
    out
}

fn csv(site: &plant_site::Site, found: &[Anomaly]) -> String {
    plant_anomaly::export::csv(found, &|t| iso(site, t), &|m| site.meter_in(m).map_or_else(String::new, |m| m.unit.clone()))
}

#[derive(serde::Serialize)]
struct JsonAnomaly<'a> {
    start: String,
    end: String,
    meter: Option<&'a str>,
    kind: &'static str,
    value: Option<f64>,
    expected: Option<f64>,
    unit: &'a str,
    sigmas: f64,
    count: u32,
}

fn json(site: &plant_site::Site, found: &[Anomaly]) -> String {
    let finite = |x: f64| x.is_finite().then_some(x);
    let rows: Vec<JsonAnomaly<'_>> = found
        .iter()
        .map(|a| JsonAnomaly {
            start: iso(site, a.start_ms),
            end: iso(site, a.end_ms),
            meter: a.meter.as_deref(),
            kind: a.kind.id(),
            value: finite(a.value),
            expected: finite(a.expected),
            unit: unit_of(site, a),
            sigmas: a.score,
            count: a.count,
        })
        .collect();
    serde_json::to_string_pretty(&serde_json::json!({ "site": site.name(), "anomalies": rows })).unwrap_or_default() + "\n" // i18n-ok: JSON keys
}
