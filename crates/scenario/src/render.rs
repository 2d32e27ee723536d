//! A study — one scenario against the baseline, or scenario A against B — as JSON (every figure; English
//! keys and warnings), CSV (one figure per row, UTF-8 with a BOM so that Excel on Chinese Windows reads it),
//! and Markdown for people in the current language. The XLSX workbook is [`crate::xlsx`]. Every format
//! carries the window, the factor sets used and the warnings.

use std::fmt::Write as _;

use plant_carbon::SetInfo;
use plant_i18n::{Lang, Msg, msg, t};
use plant_site::Site;
use plant_store::Store;
use serde::Serialize;

use crate::compare::{Comparison, compare};
use crate::eval::{Evaluated, evaluate};
use crate::{Annualise, Co2Basis, Scenario};

/// The UTF-8 byte-order mark.
pub const BOM: &str = "\u{feff}";

/// One study of a window.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Study {
    pub site: String,
    /// Local times of the site, RFC 3339.
    pub from: String,
    pub to: String,
    pub hours: f64,
    pub factor_sets: Vec<SetInfo>,
    pub gwp: String,
    /// How a year was taken: `mean` (8,760 h) or `operating-hours`, and the hours.
    pub annualise: Annualise,
    pub a: Evaluated,
    pub b: Option<Evaluated>,
    /// Baseline against A, or A against B.
    pub comparison: Comparison,
    /// What the figures leave out, from the accounting and the measures (English in JSON).
    #[serde(serialize_with = "english")]
    pub warnings: Vec<Msg>,
    /// The year of the window's end against the site's CO2 target (plant_accounting::trajectory), measured
    /// data only: no scenario changes it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trajectory: Option<plant_accounting::Trajectory>,
}

fn english<S: serde::Serializer>(messages: &[Msg], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(messages.iter().map(|m| m.text_in(Lang::En)))
}

/// Scenario `a` (and `b`) over `[t0, t1)`, compared: the baseline against `a`, or `a` against `b`.
pub fn study(site: &Site, store: &Store, a: &Scenario, b: Option<&Scenario>, t0: i64, t1: i64) -> Study {
    let ea = evaluate(site, store, a, t0, t1);
    let eb = b.map(|b| evaluate(site, store, b, t0, t1));
    let lang = plant_i18n::current();
    let comparison = match &eb {
        Some(eb) => compare(a.name.in_lang(lang), &ea.result, b.map_or("", |b| b.name.in_lang(lang)), &eb.result, &ea.currency),
        None => compare(&t!("scenario-baseline"), &ea.baseline, a.name.in_lang(lang), &ea.result, &ea.currency),
    };
    let mut warnings: Vec<Msg> = Vec::new();
    let mut add = |m: &Msg| {
        if !warnings.iter().any(|w| w.text_in(Lang::En) == m.text_in(Lang::En)) {
            warnings.push(m.clone());
        }
    };
    for e in std::iter::once(&ea).chain(eb.as_ref()) {
        for w in e.baseline.report.warnings.iter().chain(&e.result.report.warnings) {
            add(w);
        }
        for c in e.baseline.cost.unpriced.iter().chain(&e.result.cost.unpriced) {
            add(&msg!("scenario-warning-unpriced", carrier = c.as_str()));
        }
        for m in &e.measures {
            for n in &m.notes {
                add(&msg!("scenario-warning-measure", measure = m.name.en.as_str(), note = n.clone()));
            }
        }
        for d in &e.diagnostics {
            add(&d.to_msg());
        }
    }
    let (book, _) = plant_accounting::prepare(site);
    let trajectory = match plant_accounting::trajectory(site, store, &book, t1) {
        Some(Ok(t)) => Some(t),
        Some(Err(e)) => {
            add(&msg!("scenario-warning-trajectory", reason = e.to_string()));
            None
        }
        None => None,
    };
    let r = &ea.baseline.report;
    Study {
        site: site.header.name.clone(),
        from: r.from.clone(),
        to: r.to.clone(),
        hours: r.hours,
        factor_sets: r.factor_sets.clone(),
        gwp: r.gwp.clone(),
        annualise: a.economics.annualise,
        comparison,
        a: ea,
        b: eb,
        warnings,
        trajectory,
    }
}

/// The formats a study is written in, by file extension (`--format` and the viewer's export).
pub const FORMATS: [&str; 4] = ["xlsx", "csv", "md", "json"];

/// The study in format `ext` (one of [`FORMATS`]; anything else is JSON).
pub fn bytes(s: &Study, site: &Site, ext: &str) -> Result<Vec<u8>, String> {
    Ok(match ext {
        "xlsx" => crate::xlsx::workbook(s, site).map_err(|e| e.to_string())?,
        "csv" => csv(s).into_bytes(),
        "md" => markdown(s, site).into_bytes(),
        _ => json(s).into_bytes(),
    })
}

pub fn json(s: &Study) -> String {
    serde_json::to_string_pretty(s).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// One figure per row: `section, item, quantity, unit, case, value`, where `case` names the scenario (or
/// `difference`, `relative`). English, as the JSON; a BOM first.
pub fn csv(s: &Study) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["section", "item", "quantity", "unit", "case", "value"]);
    // A value that is not a number (a warning's row) is an empty cell.
    let mut row = |section: &str, item: &str, quantity: &str, unit: &str, case: &str, value: f64| {
        let value = if value.is_nan() { String::new() } else { value.to_string() };
        let _ = w.write_record([section, item, quantity, unit, case, &value]);
    };
    row("window", &format!("{} to {}", s.from, s.to), "duration", "h", "", s.hours);
    row("window", "year", "hours", "h", s.annualise_method(), s.a.annual_hours);
    let c = &s.comparison;
    for r in &c.rows {
        row(r.section, &r.item, &r.quantity, &r.unit, &c.a, r.a);
        row(r.section, &r.item, &r.quantity, &r.unit, &c.b, r.b);
        row(r.section, &r.item, &r.quantity, &r.unit, "difference", r.difference);
        if let Some(x) = r.relative {
            row(r.section, &r.item, &r.quantity, "", "relative", x);
        }
    }
    let cur = s.a.currency.as_str();
    for e in std::iter::once(&s.a).chain(s.b.as_ref()) {
        let case = e.scenario.en.as_str();
        for m in &e.measures {
            let a = &m.appraisal;
            let item = m.name.en.as_str();
            row("measure", item, "co2 avoided per year", "tCO2/yr", case, a.avoided_t_per_year);
            row("measure", item, "energy cost saved per year", &format!("{cur}/yr"), case, a.saving_per_year);
            row("measure", item, "capex", cur, case, a.capex);
            row("measure", item, "lifetime", "yr", case, f64::from(a.lifetime_years));
            row("measure", item, "o&m per year", &format!("{cur}/yr"), case, a.om_per_year);
            row("measure", item, "npv", cur, case, a.npv);
            if let Some(p) = a.simple_payback_years {
                row("measure", item, "simple payback", "yr", case, p);
            }
            if let Some(x) = a.abatement_cost_per_t {
                row("measure", item, "abatement cost", &format!("{cur}/tCO2"), case, x);
            }
        }
        for b in &e.macc {
            row("macc", &b.name.en, "from", "tCO2/yr", case, b.x0);
            row("macc", &b.name.en, "width", "tCO2/yr", case, b.width);
            row("macc", &b.name.en, "cost", &format!("{cur}/tCO2"), case, b.cost_per_t);
        }
    }
    for set in &s.factor_sets {
        row("factor set", &format!("{} ({}, {})", set.id, set.name, set.source), "year", "", "", set.year as f64);
    }
    for m in &s.warnings {
        row("warning", &m.text_in(Lang::En), "", "", "", f64::NAN);
    }
    format!("{BOM}{}", String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default())
}

impl Study {
    /// `mean` or `operating-hours`, as in the file.
    pub fn annualise_method(&self) -> &'static str {
        match self.annualise {
            Annualise::Mean => "mean",
            Annualise::OperatingHours { .. } => "operating-hours",
        }
    }

    /// How a year was taken, as a sentence in the current language.
    pub fn annualise_text(&self) -> String {
        match self.annualise {
            Annualise::Mean => t!("scenario-annualise-mean"),
            Annualise::OperatingHours { hours } => t!("scenario-annualise-hours", hours = format!("{hours:.0}")),
        }
    }

    /// The CO2 total the measures are counted on, as a phrase of the current language.
    pub fn co2_basis_text(&self) -> String {
        match self.a.co2_basis {
            Co2Basis::Location => t!("scenario-co2-location"),
            Co2Basis::Market => t!("scenario-co2-market"),
        }
    }
}

fn fmt(x: f64) -> String {
    if x.abs() >= 100.0 { format!("{x:.0}") } else { format!("{x:.2}") }
}

fn rel(r: Option<f64>) -> String {
    r.map_or_else(|| "—".to_owned(), |x| format!("{:+.1} %", x * 100.0))
}

/// The study for people, in the current language.
pub fn markdown(s: &Study, site: &Site) -> String {
    let lang = plant_i18n::current();
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", t!("scenario-md-title", site = site.name()));
    let _ = writeln!(o, "{}\n", t!("scenario-md-window", from = s.from.as_str(), to = s.to.as_str(), hours = format!("{:.1}", s.hours)));
    let _ = writeln!(o, "{}", t!("scenario-md-method", annualise = s.annualise_text(), co2 = s.co2_basis_text(), rate = format!("{:.1}", s.a.discount_rate * 100.0)));
    let _ = writeln!(o, "\n{}", t!("scenario-md-factor-sets"));
    for f in &s.factor_sets {
        let _ = writeln!(o, "- {} — {} ({}; {})", f.id, f.display_name(), f.year, f.display_source());
    }
    let c = &s.comparison;
    let _ = writeln!(o, "\n## {}\n", t!("scenario-md-comparison", a = c.a.as_str(), b = c.b.as_str()));
    let _ = writeln!(
        o,
        "| {} | {} | {} | {} | {} | {} |\n|---|---|---:|---:|---:|---:|",
        t!("scenario-col-item"),
        t!("scenario-col-unit"),
        c.a,
        c.b,
        t!("scenario-col-difference"),
        t!("scenario-col-relative")
    );
    for r in c.rows.iter().filter(|r| r.section != "node") {
        let item = if r.item == "site" { r.quantity.clone() } else { format!("{} — {}", r.item, r.quantity) };
        let _ = writeln!(o, "| {} | {} | {} | {} | {} | {} |", item, r.unit, fmt(r.a), fmt(r.b), fmt(r.difference), rel(r.relative));
    }
    for e in std::iter::once(&s.a).chain(s.b.as_ref()) {
        measures_md(&mut o, e, lang);
    }
    if let Some(t) = &s.trajectory {
        o.push_str(&plant_accounting::format::trajectory_markdown(t));
    }
    if !s.warnings.is_empty() {
        let _ = writeln!(o, "\n## {}\n", t!("scenario-md-warnings"));
        for w in &s.warnings {
            let _ = writeln!(o, "- {w}");
        }
    }
    o
}

fn measures_md(o: &mut String, e: &Evaluated, lang: Lang) {
    let cur = e.currency.as_str();
    let _ = writeln!(o, "\n## {}\n", t!("scenario-md-measures", scenario = e.scenario.in_lang(lang)));
    if e.measures.is_empty() {
        let _ = writeln!(o, "{}", t!("scenario-md-no-measures"));
        return;
    }
    let _ = writeln!(
        o,
        "| {} | {} | {} | {} | {} | {} | {} | {} |\n|---|---|---:|---:|---:|---:|---:|---:|",
        t!("scenario-col-measure"),
        t!("scenario-col-change"),
        t!("scenario-col-avoided"),
        t!("scenario-col-saving", currency = cur),
        t!("scenario-col-capex", currency = cur),
        t!("scenario-col-payback"),
        t!("scenario-col-npv", currency = cur),
        t!("scenario-col-abatement", currency = cur)
    );
    for m in &e.measures {
        let a = &m.appraisal;
        let payback = a.simple_payback_years.map_or_else(|| "—".to_owned(), |p| format!("{p:.1}"));
        let abatement = a.abatement_cost_per_t.map_or_else(|| "—".to_owned(), fmt);
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {payback} | {} | {abatement} |",
            m.name.in_lang(lang),
            m.detail,
            fmt(a.avoided_t_per_year),
            fmt(a.saving_per_year),
            fmt(a.capex),
            fmt(a.npv)
        );
    }
    let _ = writeln!(o, "\n### {}\n", t!("scenario-md-macc"));
    let _ = writeln!(o, "{}\n", t!("scenario-macc-method"));
    let _ = writeln!(o, "| {} | {} | {} |\n|---|---:|---:|", t!("scenario-col-measure"), t!("scenario-col-width"), t!("scenario-col-abatement", currency = cur));
    for b in &e.macc {
        let _ = writeln!(o, "| {} | {} | {} |", b.name.in_lang(lang), fmt(b.width), fmt(b.cost_per_t));
    }
}
