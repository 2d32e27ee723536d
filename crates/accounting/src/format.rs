//! A report as JSON (every field), CSV (one figure per row: section, item, quantity, value, unit) or
//! Markdown (tables for people).

use std::fmt::Write as _;

use crate::Report;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
    Markdown,
}

/// A format name that is not one of json, csv, md.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown format \"{0}\" (json, csv or md)")]
pub struct UnknownFormat(pub String);

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

/// One figure per row, written by the `csv` crate (quoting as RFC 4180 wants).
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
    for set in &r.factor_sets {
        row("factor set", &format!("{} ({}, {})", set.id, set.name, set.source), "year", set.year as f64, "");
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn markdown(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "# Energy and carbon report: {}\n", r.site);
    let _ = writeln!(o, "Window: {} to {} ({:.1} h). GWP set: {}.\n", r.from, r.to, r.hours, r.gwp);
    let _ = writeln!(o, "Factor sets:");
    for s in &r.factor_sets {
        let _ = writeln!(o, "- {} — {} ({}; {})", s.id, s.name, s.year, s.source);
    }
    let e = &r.energy;
    let _ = writeln!(o, "\n## Energy\n\n| | value | unit |\n|---|---:|---|");
    let _ = writeln!(
        o,
        "| Electricity bought | {:.1} | MWh |\n| Fuel burnt | {:.1} | GJ |\n| Heat bought | {:.1} | GJ |\n| Total | {:.1} | GJ |\n| Total | {:.2} | tce |",
        e.electricity_mwh, e.fuel_gj, e.heat_gj, e.total_gj, e.total_tce
    );
    let s = &r.scopes;
    let _ = writeln!(o, "\n## CO2 by scope (t)\n\n| scope | t CO2 |\n|---|---:|");
    for (q, v) in [
        ("Scope 1, combustion", s.scope1_combustion_t),
        ("Scope 1, process", s.scope1_process_t),
        ("— calcination", s.process_calcination_t),
        ("— anodes", s.process_anode_t),
        ("— PFC as CO2e", s.process_pfc_co2e_t),
        ("Scope 1", s.scope1_t),
        ("Scope 2, location-based", s.scope2_location_t),
        ("Scope 2, market-based", s.scope2_market_t),
        ("Total, location-based", s.total_location_t),
        ("Total, market-based", s.total_market_t),
        ("Biogenic CO2 (memo, not in scope 1)", s.biogenic_memo_t),
    ] {
        let _ = writeln!(o, "| {q} | {v:.2} |");
    }
    let _ = writeln!(o, "\n## By carrier\n\n| carrier | bought | energy (GJ) | t CO2 | factor (set) |\n|---|---:|---:|---:|---|");
    for c in &r.carriers {
        let _ = writeln!(o, "| {} | {:.1} {} | {:.1} | {:.2} | {} ({}) |", c.carrier, c.amount.value, c.amount.unit, c.energy_gj, c.co2_t, c.factor, c.factor_set);
    }
    if !r.products.is_empty() {
        let _ = writeln!(o, "\n## Key figures per product\n\n| product | amount | figure | value | unit |\n|---|---:|---|---:|---|");
        for p in &r.products {
            for k in &p.kpis {
                let _ = writeln!(o, "| {} | {:.1} {} | {} | {:.3} | {} |", p.name, p.amount.value, p.amount.unit, k.name, k.value, k.unit);
            }
        }
    }
    let _ = writeln!(o, "\n## By node\n\n| node | electricity (MWh) | fuel (GJ) | heat (GJ) | t CO2 |\n|---|---:|---:|---:|---:|");
    for n in &r.nodes {
        let _ = writeln!(o, "| {} | {:.2} | {:.1} | {:.1} | {:.2} |", n.name, n.electricity_mwh, n.fuel_gj, n.heat_gj, n.co2_t);
    }
    let _ = writeln!(o, "\n## Balance check\n");
    if r.imbalances.is_empty() {
        let _ = writeln!(o, "Every node with measured flows in and out balances within the tolerance.");
    } else {
        let _ = writeln!(o, "| node | quantity | in | out | unit | (in − out)/max |\n|---|---|---:|---:|---|---:|");
        for b in &r.imbalances {
            let _ = writeln!(o, "| {} | {} | {:.2} | {:.2} | {} | {:+.1} % |", b.name, b.quantity, b.inflow, b.outflow, b.unit, b.relative * 100.0);
        }
    }
    if !r.warnings.is_empty() {
        let _ = writeln!(o, "\n## Warnings\n");
        for w in &r.warnings {
            let _ = writeln!(o, "- {w}");
        }
    }
    o
}
