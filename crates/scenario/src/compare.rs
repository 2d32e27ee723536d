//! Two outcomes of the same window side by side — the baseline against a scenario, or scenario A against
//! B — figure by figure, with the absolute and relative difference (B − A).

use serde::Serialize;

use crate::eval::Outcome;

/// One figure of both outcomes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Row {
    /// `energy`, `cost`, `co2`, `kpi`, `node`.
    pub section: &'static str,
    /// `site`, a product's or a node's id.
    pub item: String,
    /// What is measured (English, stable): `electricity`, `scope 1`, a key figure's name.
    pub quantity: String,
    pub unit: String,
    pub a: f64,
    pub b: f64,
    /// b − a.
    pub difference: f64,
    /// (b − a) / |a|; `None` where a is zero.
    pub relative: Option<f64>,
}

/// The two outcomes' figures, with each flow's energy for a difference Sankey.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    pub a: String,
    pub b: String,
    pub rows: Vec<Row>,
    /// Per flow of the site: its energy and CO2 in A and in B.
    pub flows: Vec<FlowDiff>,
    /// Per process-CO2 release (product, kind, node): t CO2 in A and in B.
    pub process: Vec<ProcessDiff>,
}

/// A flow in both outcomes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FlowDiff {
    /// Index in the site's flows.
    pub index: usize,
    pub energy_gj: (Option<f64>, Option<f64>),
    pub co2_t: (Option<f64>, Option<f64>),
}

/// A product's process CO2 at a node in both outcomes, t.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProcessDiff {
    pub product: String,
    pub kind: &'static str,
    pub at: String,
    pub co2_t: (f64, f64),
}

/// The figures a designer reads first: energy, cost and CO2 of the site (section, quantity, unit; an empty
/// unit is the currency).
const KEY_FIGURES: [(&str, &str, &str); 6] = [
    ("energy", "total", "tce"),
    ("energy", "electricity", "MWh"),
    ("cost", "energy", ""),
    ("cost", "total", ""),
    ("co2", "total location-based", "tCO2"),
    ("co2", "total market-based", "tCO2"),
];

impl Row {
    /// A figure of the whole site (not of a product or node).
    pub fn is_site(&self) -> bool {
        self.item == "site"
    }

    /// A figure of one node.
    pub fn is_node(&self) -> bool {
        self.section == "node"
    }
}

impl Comparison {
    /// The key figures of the site: energy, energy cost, total cost, CO2 on both bases.
    pub fn key_rows(&self) -> Vec<&Row> {
        KEY_FIGURES
            .iter()
            .filter_map(|(section, q, unit)| self.rows.iter().find(|r| r.section == *section && r.is_site() && r.quantity == *q && (unit.is_empty() || r.unit == *unit)))
            .collect()
    }

    /// The row of `section`, `item` and `quantity` (and `unit`, where given).
    pub fn row(&self, section: &str, item: &str, quantity: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.section == section && r.item == item && r.quantity == quantity)
    }
}

fn row(section: &'static str, item: &str, quantity: &str, unit: &str, a: f64, b: f64) -> Row {
    let relative = (a.abs() > 1e-12).then(|| (b - a) / a.abs());
    Row { section, item: item.to_owned(), quantity: quantity.to_owned(), unit: unit.to_owned(), a, b, difference: b - a, relative }
}

/// A against B (`a_name`, `b_name` as the reader knows them); every figure of both, B − A.
pub fn compare(a_name: &str, a: &Outcome, b_name: &str, b: &Outcome, currency: &str) -> Comparison {
    let mut rows = Vec::new();
    let (ea, eb) = (&a.report.energy, &b.report.energy);
    for (q, u, x, y) in [
        ("electricity", "MWh", ea.electricity_mwh, eb.electricity_mwh),
        ("fuel", "GJ", ea.fuel_gj, eb.fuel_gj),
        ("heat", "GJ", ea.heat_gj, eb.heat_gj),
        ("total", "GJ", ea.total_gj, eb.total_gj),
        ("total", "tce", ea.total_tce, eb.total_tce),
    ] {
        rows.push(row("energy", "site", q, u, x, y));
    }
    let (ca, cb) = (&a.cost, &b.cost);
    for (q, x, y) in [
        ("electricity", ca.electricity, cb.electricity),
        ("green power premium", ca.green_premium, cb.green_premium),
        ("fuel", ca.fuel, cb.fuel),
        ("heat", ca.heat, cb.heat),
        ("energy", ca.energy, cb.energy),
        ("carbon", ca.carbon, cb.carbon),
        ("total", ca.total, cb.total),
    ] {
        rows.push(row("cost", "site", q, currency, x, y));
    }
    let (sa, sb) = (&a.report.scopes, &b.report.scopes);
    for (q, x, y) in [
        ("scope 1 combustion", sa.scope1_combustion_t, sb.scope1_combustion_t),
        ("scope 1 process", sa.scope1_process_t, sb.scope1_process_t),
        ("scope 1", sa.scope1_t, sb.scope1_t),
        ("scope 2 location-based", sa.scope2_location_t, sb.scope2_location_t),
        ("scope 2 market-based", sa.scope2_market_t, sb.scope2_market_t),
        ("biogenic (memo)", sa.biogenic_memo_t, sb.biogenic_memo_t),
        ("total location-based", sa.total_location_t, sb.total_location_t),
        ("total market-based", sa.total_market_t, sb.total_market_t),
    ] {
        rows.push(row("co2", "site", q, "tCO2", x, y));
    }
    for pa in &a.report.products {
        let Some(pb) = b.report.product(&pa.id) else { continue };
        rows.push(row("kpi", &pa.id, "amount", &pa.amount.unit, pa.amount.value, pb.amount.value));
        for k in &pa.kpis {
            if let Some(kb) = pb.kpis.iter().find(|x| x.key == k.key && x.unit == k.unit) {
                rows.push(row("kpi", &pa.id, &k.name, &k.unit, k.value, kb.value));
            }
        }
    }
    for na in &a.report.nodes {
        let nb = b.report.node(&na.id);
        let get = |f: fn(&plant_accounting::NodeLine) -> f64| nb.map_or(0.0, f);
        rows.push(row("node", &na.id, "electricity", "MWh", na.electricity_mwh, get(|n| n.electricity_mwh)));
        rows.push(row("node", &na.id, "fuel", "GJ", na.fuel_gj, get(|n| n.fuel_gj)));
        rows.push(row("node", &na.id, "co2", "tCO2", na.co2_t, get(|n| n.co2_t)));
    }
    let flows = a
        .report
        .flows
        .iter()
        .map(|fa| {
            let fb = b.report.flow(fa.index);
            FlowDiff { index: fa.index, energy_gj: (fa.energy_gj, fb.and_then(|f| f.energy_gj)), co2_t: (fa.co2_t, fb.and_then(|f| f.co2_t)) }
        })
        .collect();
    let mut process = Vec::new();
    for pa in &a.report.products {
        for x in &pa.process {
            let other = b.report.product(&pa.id).and_then(|pb| pb.process.iter().find(|y| y.kind == x.kind && y.at == x.at)).map_or(0.0, |y| y.co2_t);
            process.push(ProcessDiff { product: pa.id.clone(), kind: x.kind, at: x.at.clone(), co2_t: (x.co2_t, other) });
        }
    }
    Comparison { a: a_name.to_owned(), b: b_name.to_owned(), rows, flows, process }
}
