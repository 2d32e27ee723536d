//! User-facing strings of the flows view (one place, for the later English / 简体中文 switch).

pub const TITLE: &str = "Energy and carbon flows";
pub const OPEN: &str = "Energy and carbon flows";
pub const ENERGY: &str = "Energy";
pub const CO2: &str = "CO2";
pub const INSTANT: &str = "Now";
pub const HOUR: &str = "Hour";
pub const DAY: &str = "Day";
pub const WEEK: &str = "Week";
pub const RECORD: &str = "Whole record";
pub const NO_FLOWS: &str = "No accounted flows in this window (site.toml has no [[flow]] with meters, or the meters have no data).";
pub const ENERGY_TOTAL: &str = "Energy";
pub const CO2_TOTAL: &str = "CO2 (location-based)";
pub const SCOPE1_COMBUSTION: &str = "scope 1, combustion";
pub const SCOPE1_PROCESS: &str = "scope 1, process";
pub const SCOPE2: &str = "scope 2";
pub const COPY_REPORT: &str = "Copy report";
pub const COPY_REPORT_HINT: &str = "Copy this window's report as Markdown (the same as `plant-twin report --format md`).";
pub const FLOWS_3D: &str = "Flows in 3D";

pub fn share(v: f64, of: &str) -> String {
    format!("{:.1} % of {of}", v * 100.0)
}

pub fn scopes(s1c: &str, s1p: &str, s2l: &str, s2m: &str) -> String {
    format!("scope 1: {s1c} combustion + {s1p} process; scope 2: {s2l} location-based ({s2m} market-based)")
}

pub fn biogenic(v: &str) -> String {
    format!("biogenic (memo): {v}")
}

pub fn out_of_balance(list: &str) -> String {
    format!("Out of balance: {list}")
}

pub fn imbalance(quantity: &str, inflow: f64, outflow: f64, unit: &str, relative: f64) -> String {
    format!("Out of balance, {quantity}: in {inflow:.1} {unit}, out {outflow:.1} {unit} ({:+.1} %)", relative * 100.0)
}

pub fn in_out(i: &str, o: &str) -> String {
    format!("in {i}, out {o}")
}

pub fn factor_sets(list: &str) -> String {
    format!("Factor sets: {list}")
}

pub fn process_node(product: &str, kind: &str) -> String {
    match kind {
        "calcination" => format!("Process CO2: calcination ({product})"),
        "anodes" => format!("Process CO2: anodes ({product})"),
        "pfc" => format!("PFC as CO2e ({product})"),
        other => format!("Process CO2: {other} ({product})"),
    }
}

pub const SCENARIO_HINT: &str = "Scale the flows into the what-if unit by the scenario's fuel, electricity and process CO2 against its baseline; upstream flows stay as measured. The totals above stay measured.";

pub fn scenario(name: &str) -> String {
    format!("Scenario: {name}")
}
