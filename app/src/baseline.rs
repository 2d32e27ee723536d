//! `plant-twin baseline`: a meter's regression baseline over a window, and a reporting window's expected against
//! actual energy with the avoided energy and its uncertainty, headless (docs/baselines.md).

use std::fmt::Write as _;

use chrono::TimeZone;
use plant_baseline::{Request, Shape, Step, Study, StudyError};
use plant_i18n::t;

use crate::cli::BaselineArgs;

const BASELINE_OPTIONS: &str = "--from/--to"; // i18n-ok: option names
const REPORTING_OPTIONS: &str = "--report-from/--report-to"; // i18n-ok: option names

/// Writes the study; the error says what was wrong, in the current language.
pub fn run(args: &BaselineArgs) -> Result<(), String> {
    let failed = |message: String| t!("app-error", message = message);
    let opened = plant_site::open(&args.site).map_err(|d| d.to_string())?;
    let site = opened.site;
    for d in &opened.diagnostics {
        eprintln!("{d}");
    }
    let file = site.site_toml_path().display().to_string();
    for id in std::iter::once(&args.meter).chain(&args.temperature).chain(&args.driver) {
        if site.meter(id).is_none() {
            return Err(failed(t!("app-forecast-no-meter", id = id.as_str(), file = file.as_str())));
        }
    }
    if let Some(id) = &args.temperature
        && site.meter(id).is_some_and(|m| m.quantity != plant_site::Quantity::Temperature)
    {
        return Err(failed(t!("app-baseline-not-temperature", id = id.as_str())));
    }
    if let Some(id) = args.temperature.iter().chain(&args.driver).find(|d| **d == args.meter) {
        return Err(failed(t!("app-baseline-driver-is-meter", id = id.as_str())));
    }
    if site.meter(&args.meter).is_some_and(|m| matches!(m.quantity, plant_site::Quantity::Temperature | plant_site::Quantity::Pressure | plant_site::Quantity::Concentration)) {
        eprintln!("{}", t!("app-baseline-not-energy", id = args.meter.as_str()));
    }
    let loaded = crate::data::load(&site, args.connect)?;
    for d in &loaded.diagnostics {
        eprintln!("{d}");
    }
    let store = loaded.store;
    let record = store.time_range();
    let baseline = crate::report::window(&site, record, args.from.as_deref(), args.to.as_deref()).map_err(failed)?;
    let reporting = match (&args.report_from, &args.report_to) {
        (None, None) => None,
        (from, to) => Some(crate::report::window(&site, record, from.as_deref(), to.as_deref()).map_err(|e| failed(t!("app-baseline-reporting-window", reason = e)))?),
    };
    // Windows outside the record, and a reporting window that overlaps the baseline's.
    if let Some((first, last)) = record {
        let local = |t: i64| site.time_zone.timestamp_millis_opt(t).single().map(|d| plant_i18n::datetime(plant_i18n::current(), d.naive_local())).unwrap_or_default();
        for (name, (a, b)) in std::iter::once((BASELINE_OPTIONS, baseline)).chain(reporting.map(|r| (REPORTING_OPTIONS, r))) {
            if b <= first || a > last {
                return Err(failed(t!("app-baseline-outside-record", options = name, first = local(first), last = local(last))));
            }
        }
    }
    if let Some((r0, r1)) = reporting
        && r0 < baseline.1
        && baseline.0 < r1
    {
        eprintln!("{}", t!("app-baseline-overlap"));
    }
    let shape = match args.model.as_str() {
        "auto" => None, // i18n-ok: the option's value
        other => Some(other.parse::<Shape>().map_err(|v| failed(t!("app-baseline-bad-model", value = v)))?),
    };
    let step = if args.step == "hour" { Step::Hour } else { Step::Day }; // i18n-ok: the option's value
    let req = Request { meter: &args.meter, temperature: args.temperature.as_deref(), drivers: &args.driver, baseline, reporting, step, shape, weekend: args.weekend };
    let study = plant_baseline::study(&site, &store, &req).map_err(|e| failed(error_text(&e)))?;
    let text = match args.format.as_str() {
        "json" => serde_json::to_string_pretty(&study).map_err(|e| failed(e.to_string()))?, // i18n-ok: a format's name
        "csv" => plant_baseline::csv(&study),                                               // i18n-ok: a format's name
        _ => markdown(&study, &site.time_zone),
    };
    match &args.output {
        Some(path) => crate::report::write_atomically(path, text).map_err(|e| failed(format!("{}: {e}", path.display()))),
        None => {
            crate::whatif::out(&text);
            Ok(())
        }
    }
}

/// A term's name as people read it: the model's own terms in the language, meter ids as they are.
fn term_name(term: &str) -> String {
    match term {
        "intercept" => t!("app-baseline-term-intercept"),
        "weekend" => t!("app-baseline-term-weekend"),
        "temperature" => t!("app-baseline-term-temperature"),
        other => other.to_owned(),
    }
}

fn error_text(e: &StudyError) -> String {
    match e {
        StudyError::Periods(plant_baseline::PeriodsError::UnknownMeter(id)) => t!("app-forecast-no-series", id = id.as_str()),
        StudyError::Fit(plant_baseline::ols::OlsError::TooFewRows { rows, coefficients }) => t!("app-baseline-too-few", rows = *rows, coefficients = *coefficients),
        StudyError::Fit(_) => t!("app-baseline-singular"),
        StudyError::NoReportingPeriods => t!("app-baseline-no-reporting"),
    }
}

/// The model, its statistics and the savings for people, in the current language.
fn markdown(s: &Study, tz: &chrono_tz::Tz) -> String {
    let m = &s.model;
    let st = &m.stats;
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", t!("app-baseline-title", meter = s.meter.as_str(), unit = s.unit.as_str()));
    let cp = m.change_point.map_or_else(|| String::from("—"), |cp| format!("{cp:.2}")); // i18n-ok: no value
    let _ = writeln!(o, "{}\n", t!("app-baseline-shape", shape = m.shape.key(), cp = cp, n = st.n, left_out = s.baseline_left_out));
    let _ = writeln!(o, "| {} | {} | {} | t |\n|---|---:|---:|---:|", t!("app-baseline-col-term"), t!("app-baseline-col-coef"), t!("app-baseline-col-se"));
    for ((term, c), se) in m.terms.iter().zip(&m.coef).zip(&m.se) {
        let _ = writeln!(o, "| {} | {c:.6} | {se:.6} | {:.1} |", term_name(term), c / se);
    }
    if s.temperature.is_some() && m.shape == Shape::Mean {
        let _ = writeln!(o, "\n{}", t!("app-baseline-temperature-unused", n = st.n, per = plant_baseline::model::PERIODS_PER_PARAMETER));
    }
    let (r2, cv, nmbe) = (format!("{:.3}", st.r2.max(0.0)), format!("{:.1}", st.cv_rmse_pct), format!("{:.2}", st.nmbe_pct));
    let (rho, dw, rmse) = (format!("{:.2}", st.rho), format!("{:.2}", st.durbin_watson), format!("{:.4}", st.rmse));
    let _ = writeln!(o, "\n{}\n", t!("app-baseline-stats", r2 = r2, cv = cv, nmbe = nmbe, rho = rho, dw = dw, rmse = rmse));
    if let Some(sv) = &s.savings {
        let _ = writeln!(o, "## {}\n", t!("app-baseline-savings"));
        let _ = writeln!(o, "| {} | {} |\n|---|---:|", t!("app-baseline-col-item"), s.unit);
        for (item, v) in [(t!("app-baseline-expected"), sv.expected), (t!("app-baseline-actual"), sv.actual), (t!("app-baseline-avoided"), sv.avoided)] {
            let _ = writeln!(o, "| {item} | {v:.3} |");
        }
        for u in &sv.uncertainty {
            let fraction = u.fraction.map_or_else(|| String::from("—"), |f| format!("{:.1} %", 100.0 * f)); // i18n-ok: no value
            let _ = writeln!(o, "| {} | ± {:.3} ({fraction}) |", t!("app-baseline-uncertainty", level = format!("{:.0}", 100.0 * u.confidence)), u.absolute);
        }
        if sv.uncertainty.iter().any(|u| u.confidence < 0.7 && u.fraction.is_none_or(|f| f > 0.5)) {
            let _ = writeln!(o, "\n{}", t!("app-baseline-not-significant"));
        }
        let (m, left_out, outside, fraction) = (sv.m, s.reporting_left_out, sv.outside_range, format!("{:.1}", 100.0 * sv.fraction));
        let _ = writeln!(o, "\n{}", t!("app-baseline-periods", m = m, left_out = left_out, outside = outside, fraction = fraction));
        let _ = writeln!(o, "\n| {} | {} | {} |\n|---|---:|---:|", t!("app-baseline-col-period"), t!("app-baseline-expected"), t!("app-baseline-actual"));
        for (start, (e, a)) in starts(s, tz).iter().zip(&sv.periods) {
            let _ = writeln!(o, "| {start} | {e:.3} | {a:.3} |");
        }
    }
    let _ = writeln!(o, "\n{}", t!("app-baseline-method"));
    o
}

/// Each reporting period's start in the site's time zone.
fn starts(s: &Study, tz: &chrono_tz::Tz) -> Vec<String> {
    let lang = plant_i18n::current();
    s.reporting_starts_ms.iter().map(|&t| tz.timestamp_millis_opt(t).single().map(|d| plant_i18n::datetime(lang, d.naive_local())).unwrap_or_default()).collect()
}
