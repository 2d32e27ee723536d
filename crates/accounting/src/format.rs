//! A report as JSON (every field), CSV (one figure per row: section, item, quantity, value, unit) or
//! Markdown (tables for people).

use std::fmt::Write as _;

use plant_i18n::t;

use crate::Report;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Markdown,
}

/// A format name that is not one of json, csv, md.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownFormat(pub String);

impl std::fmt::Display for UnknownFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&t!("report-unknown-format", value = self.0.as_str()))
    }
}

impl std::error::Error for UnknownFormat {}

impl std::str::FromStr for Format {
    type Err = UnknownFormat;
    fn from_str(s: &str) -> Result<Self, UnknownFormat> {
        match s {
            "json" => Ok(Format::Json),
            "csv" => Ok(Format::Csv),
            "md" | "markdown" => Ok(Format::Markdown),
            other => Err(UnknownFormat(other.to_string())),
        }
    }
}

pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(report).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}")),
        Format::Csv => csv(report),
        Format::Markdown => markdown(report),
    }
}

/// One figure per row, written by the `csv` crate (quoting as RFC 4180 wants), after a UTF-8 byte-order mark
/// (Excel on Chinese Windows reads a CSV without one in the ANSI code page).
fn csv(r: &Report) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["section", "item", "quantity", "value", "unit"]);
    let mut row = |section: &str, item: &str, quantity: &str, value: f64, unit: &str| {
        let _ = w.write_record([section, item, quantity, &value.to_string(), unit]);
    };
    row("window", &format!("{} to {}", r.from, r.to), "duration", r.hours, "h");
    let e = &r.energy;
    row("energy", "site", "electricity", e.electricity_mwh, "MWh");
    row("energy", "site", "fuel", e.fuel_gj, "GJ");
    row("energy", "site", "heat", e.heat_gj, "GJ");
    row("energy", "site", "total", e.total_gj, "GJ");
    row("energy", "site", "total", e.total_tce, "tce");
    let s = &r.scopes;
    for (q, v) in [
        ("scope 1 combustion", s.scope1_combustion_t),
        ("scope 1 process", s.scope1_process_t),
        ("process: calcination", s.process_calcination_t),
        ("process: anodes", s.process_anode_t),
        ("process: PFC (CO2e)", s.process_pfc_co2e_t),
        ("scope 1", s.scope1_t),
        ("scope 2 location-based", s.scope2_location_t),
        ("scope 2 market-based", s.scope2_market_t),
        ("biogenic (memo)", s.biogenic_memo_t),
        ("total location-based", s.total_location_t),
        ("total market-based", s.total_market_t),
    ] {
        row("co2", "site", q, v, "tCO2");
    }
    for c in &r.carriers {
        row("carrier", &c.carrier, "bought", c.amount.value, &c.amount.unit);
        row("carrier", &c.carrier, "energy", c.energy_gj, "GJ");
        row("carrier", &c.carrier, "co2", c.co2_t, "tCO2");
    }
    for p in &r.products {
        row("product", &p.id, "amount", p.amount.value, &p.amount.unit);
        for k in &p.kpis {
            row("kpi", &p.id, &k.name, k.value, &k.unit);
        }
    }
    for n in &r.nodes {
        row("node", &n.id, "electricity", n.electricity_mwh, "MWh");
        row("node", &n.id, "fuel", n.fuel_gj, "GJ");
        row("node", &n.id, "heat", n.heat_gj, "GJ");
        row("node", &n.id, "co2", n.co2_t, "tCO2");
    }
    for f in &r.flows {
        let item = format!("{} -> {} ({})", f.from, f.to, f.carrier);
        if let Some(a) = &f.amount {
            row("flow", &item, "amount", a.value, &a.unit);
        }
        if let Some(e) = f.energy_gj {
            row("flow", &item, "energy", e, "GJ");
        }
        if let Some(c) = f.co2_t {
            row("flow", &item, "co2", c, "tCO2");
        }
    }
    for b in &r.imbalances {
        row("imbalance", &b.node, &format!("{} in", b.quantity), b.inflow, &b.unit);
        row("imbalance", &b.node, &format!("{} out", b.quantity), b.outflow, &b.unit);
    }
    if let Some(tr) = &r.trajectory {
        let year = tr.year.to_string();
        for (q, v, unit) in [
            ("target", tr.target_t, "tCO2"),
            ("recorded hours", tr.recorded_hours, "h"),
            ("elapsed hours", tr.elapsed_hours, "h"),
            ("recorded", tr.recorded_t, "tCO2"),
            ("estimated", tr.estimated_t, "tCO2"),
            ("to date", tr.to_date_t, "tCO2"),
            ("target to date", tr.target_to_date_t, "tCO2"),
            ("pace vs target", tr.pace_vs_target, "ratio"),
            ("forecast", tr.forecast_t, "tCO2"),
            ("rest at run rate", tr.rest_t, "tCO2"),
            ("year end", tr.year_end_t, "tCO2"),
            ("year end lower 95%", tr.year_end_lower_t, "tCO2"),
            ("year end upper 95%", tr.year_end_upper_t, "tCO2"),
            ("year end vs target", tr.year_end_vs_target, "ratio"),
        ] {
            row("trajectory", &year, q, v, unit);
        }
    }
    for set in &r.factor_sets {
        row("factor set", &format!("{} ({}, {})", set.id, set.name, set.source), "year", set.year as f64, "");
    }
    let text = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
    format!("\u{feff}{text}")
}

/// The report for people, in the current language: headings, table headers and notes from the catalogue
/// (assets/locales/*/report.ftl); numbers, units, ids and factor names as they are.
fn markdown(r: &Report) -> String {
    let lang = plant_i18n::current();
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", t!("report-title", site = r.site.as_str()));
    let (from, offset) = local_time(lang, &r.from);
    let (to, _) = local_time(lang, &r.to);
    let _ = writeln!(o, "{}\n", t!("report-window", from = from, to = to, offset = offset, hours = format!("{:.1}", r.hours), gwp = r.gwp.as_str()));
    let _ = writeln!(o, "{}", t!("report-factor-sets"));
    for s in &r.factor_sets {
        let line = t!("report-factor-set", id = s.id.as_str(), name = s.display_name(), year = s.year.to_string(), source = s.display_source());
        let _ = writeln!(o, "{line}");
    }
    let e = &r.energy;
    let _ = writeln!(o, "\n## {}\n", t!("report-energy"));
    header(&mut o, &[&t!("report-col-item"), &t!("report-col-value"), &t!("report-col-unit")], "|---|---:|---|");
    for (item, value, unit) in [
        (t!("report-electricity-bought"), format!("{:.1}", e.electricity_mwh), "MWh"),
        (t!("report-fuel-burnt"), format!("{:.1}", e.fuel_gj), "GJ"),
        (t!("report-heat-bought"), format!("{:.1}", e.heat_gj), "GJ"),
        (t!("report-total-energy"), format!("{:.1}", e.total_gj), "GJ"),
        (t!("report-total-tce"), format!("{:.2}", e.total_tce), "tce"),
    ] {
        let _ = writeln!(o, "| {item} | {value} | {unit} |");
    }
    let s = &r.scopes;
    let _ = writeln!(o, "\n## {}\n", t!("report-co2-by-scope"));
    header(&mut o, &[&t!("report-col-scope"), "t CO2"], "|---|---:|");
    for (q, v) in [
        (t!("report-scope1-combustion"), s.scope1_combustion_t),
        (t!("report-scope1-process"), s.scope1_process_t),
        (t!("report-process-calcination"), s.process_calcination_t),
        (t!("report-process-anodes"), s.process_anode_t),
        (t!("report-process-pfc"), s.process_pfc_co2e_t),
        (t!("report-scope1"), s.scope1_t),
        (t!("report-scope2-location"), s.scope2_location_t),
        (t!("report-scope2-market"), s.scope2_market_t),
        (t!("report-total-location"), s.total_location_t),
        (t!("report-total-market"), s.total_market_t),
        (t!("report-biogenic"), s.biogenic_memo_t),
    ] {
        let _ = writeln!(o, "| {q} | {v:.2} |");
    }
    let _ = writeln!(o, "\n## {}\n", t!("report-by-carrier"));
    header(&mut o, &[&t!("report-col-carrier"), &t!("report-col-bought"), &t!("report-col-energy"), "t CO2", &t!("report-col-factor")], "|---|---:|---:|---:|---|");
    for c in &r.carriers {
        let carrier = t!("report-carrier", carrier = c.carrier.as_str());
        let _ = writeln!(o, "| {carrier} | {:.1} {} | {:.1} | {:.2} | {} ({}) |", c.amount.value, c.amount.unit, c.energy_gj, c.co2_t, c.factor, c.factor_set);
    }
    if !r.products.is_empty() {
        let _ = writeln!(o, "\n## {}\n", t!("report-per-product"));
        header(
            &mut o,
            &[&t!("report-col-product"), &t!("report-col-amount"), &t!("report-col-figure"), &t!("report-col-value"), &t!("report-col-unit")],
            "|---|---:|---|---:|---|",
        );
        for p in &r.products {
            let pfc = p.process.iter().any(|l| l.kind == "pfc");
            for k in &p.kpis {
                let key = if k.key == "process-co2" && pfc { "process-co2e" } else { k.key };
                let figure = t!("report-kpi", key = key, name = k.name.as_str());
                let _ = writeln!(o, "| {} | {:.1} {} | {figure} | {:.3} | {} |", p.name, p.amount.value, p.amount.unit, k.value, k.unit);
            }
        }
        for p in r.products.iter().filter(|p| !p.outside.is_empty()) {
            let _ = writeln!(o, "\n{}", t!("report-product-outside", product = p.name.as_str(), nodes = p.outside.join(", ")));
        }
    }
    let _ = writeln!(o, "\n## {}\n", t!("report-by-node"));
    header(&mut o, &[&t!("report-col-node"), &t!("report-col-electricity"), &t!("report-col-fuel"), &t!("report-col-heat"), "t CO2"], "|---|---:|---:|---:|---:|");
    for n in &r.nodes {
        let _ = writeln!(o, "| {} | {:.2} | {:.1} | {:.1} | {:.2} |", n.name, n.electricity_mwh, n.fuel_gj, n.heat_gj, n.co2_t);
    }
    let _ = writeln!(o, "\n## {}\n", t!("report-balance"));
    if r.imbalances.is_empty() {
        let _ = writeln!(o, "{}", t!("report-balanced"));
    } else {
        header(
            &mut o,
            &[&t!("report-col-node"), &t!("report-col-quantity"), &t!("report-col-in"), &t!("report-col-out"), &t!("report-col-unit"), &t!("report-col-relative")],
            "|---|---|---:|---:|---|---:|",
        );
        for b in &r.imbalances {
            let _ = writeln!(o, "| {} | {} | {:.2} | {:.2} | {} | {:+.1} % |", b.name, imbalance_quantity(b), b.inflow, b.outflow, b.unit, b.relative * 100.0);
        }
    }
    if !r.measured_co2.is_empty() {
        let _ = writeln!(o, "\n## {}\n", t!("report-measured-co2"));
        header(
            &mut o,
            &[&t!("report-col-meter"), &t!("report-col-node"), &t!("report-col-measured"), &t!("report-col-computed"), &t!("report-col-relative")],
            "|---|---|---:|---:|---:|",
        );
        for m in &r.measured_co2 {
            let computed = m.computed_t.map_or_else(|| "—".to_owned(), |c| format!("{c:.2}"));
            let diff = m.difference_pct.map_or_else(|| "—".to_owned(), |d| format!("{d:+.1} %"));
            let _ = writeln!(o, "| {} | {} | {:.2} | {computed} | {diff} |", m.meter, m.equipment, m.measured_t);
        }
    }
    if let Some(tr) = &r.trajectory {
        o.push_str(&trajectory_markdown(tr));
    }
    if !r.warnings.is_empty() {
        let _ = writeln!(o, "\n## {}\n", t!("report-warnings"));
        for w in &r.warnings {
            let _ = writeln!(o, "- {w}");
        }
    }
    o
}

/// The year against its target as a Markdown section (after a blank line), in the current language: where
/// the figures come from, to date and to the year's end.
pub fn trajectory_markdown(tr: &crate::Trajectory) -> String {
    let lang = plant_i18n::current();
    let mut out = String::new();
    let o = &mut out;
    let int = |x: f64| plant_i18n::integer(x.round() as i64);
    let _ = writeln!(o, "\n## {}\n", t!("report-trajectory", year = tr.year.to_string(), target = int(tr.target_t)));
    if let Some(source) = tr.source_text() {
        let _ = writeln!(o, "{}\n", t!("report-trajectory-source", source = source));
    }
    let (at, offset) = local_time(lang, &tr.at);
    header(o, &[&t!("report-col-item"), "t CO2", &t!("report-col-note")], "|---|---:|---|");
    let pct = |x: f64| format!("{:+.1} %", x * 100.0);
    let rows = [
        (
            t!("report-trajectory-recorded", hours = int(tr.recorded_hours), elapsed = int(tr.elapsed_hours)),
            tr.recorded_t,
            t!("report-trajectory-pace", pace = pct(tr.pace_vs_target)),
        ),
        (t!("report-trajectory-estimated", hours = int(tr.elapsed_hours - tr.recorded_hours)), tr.estimated_t, t!("report-trajectory-estimated-note")),
        (t!("report-trajectory-to-date", at = format!("{at} {offset}")), tr.to_date_t, t!("report-trajectory-target-to-date", target = int(tr.target_to_date_t))),
        (
            t!("report-trajectory-forecast", hours = int(tr.forecast_hours)),
            tr.forecast_t,
            if tr.forecast_made { t!("report-trajectory-forecast-note") } else { t!("report-trajectory-no-forecast", reason = tr.forecast_error.clone().unwrap_or_default()) },
        ),
        (t!("report-trajectory-rest", hours = int(tr.rest_hours)), tr.rest_t, run_rate_note(tr)),
        (
            t!("report-trajectory-year-end"),
            tr.year_end_t,
            if tr.year_end_lower_t.is_finite() {
                t!("report-trajectory-band", lower = int(tr.year_end_lower_t), upper = int(tr.year_end_upper_t), versus = pct(tr.year_end_vs_target), days = tr.complete_days)
            } else {
                t!("report-trajectory-no-band", versus = pct(tr.year_end_vs_target), days = tr.complete_days)
            },
        ),
    ];
    for (item, value, note) in rows {
        let _ = writeln!(o, "| {item} | {} | {note} |", int(value));
    }
    let _ = writeln!(o, "\n{}", t!("report-trajectory-method"));
    out
}

/// Where the run rate comes from: the last four weeks, or all recorded hours when those have none.
fn run_rate_note(tr: &crate::Trajectory) -> String {
    let rate = format!("{:.2}", tr.run_rate_t_per_h);
    if tr.run_rate_recent { t!("report-trajectory-run-rate", rate = rate) } else { t!("report-trajectory-run-rate-all", rate = rate) }
}

/// A table's header row and its alignment row.
fn header(o: &mut String, cells: &[&str], align: &str) {
    let _ = writeln!(o, "| {} |\n{align}", cells.join(" | "));
}

/// An RFC 3339 time of the report as the language writes a local time, and its UTC offset (`+08:00`). A time
/// that does not read as RFC 3339 is shown as it is.
fn local_time(lang: plant_i18n::Lang, rfc3339: &str) -> (String, String) {
    match chrono::DateTime::parse_from_rfc3339(rfc3339) {
        Ok(t) => (plant_i18n::datetime(lang, t.naive_local()), t.format("%:z").to_string()),
        Err(_) => (rfc3339.to_owned(), String::new()),
    }
}

/// "raw-meal (mass)" of the accounting as the language writes it: the carrier's name and what was compared,
/// which the unit tells (MWh: energy, t: mass, m³: volume).
fn imbalance_quantity(b: &crate::ImbalanceLine) -> String {
    let carrier = b.quantity.rsplit_once(" (").map_or(b.quantity.as_str(), |(c, _)| c);
    let dimension = match b.unit.as_str() {
        "MWh" | "GJ" => "energy",
        "t" | "kg" => "mass",
        _ => "volume",
    };
    t!("report-quantity", carrier = t!("report-carrier", carrier = carrier), dimension = dimension)
}
