//! User-facing strings of the flows view (one place, for the later English / 简体中文 switch).

pub const TITLE: &str = "Energy flows";
pub const OPEN: &str = "Energy flows";
pub const WINDOW: &str = "Window";
pub const HOUR: &str = "Hour";
pub const DAY: &str = "Day";
pub const WEEK: &str = "Week";
pub const RECORD: &str = "Whole record";
pub const NO_FLOWS: &str = "No measured energy flows in this window (site.toml has no [[flow]] with meters, or the meters have no data).";
pub const ONLY_ENERGY: &str = "Electricity and other energy-metered flows; fuels in t/h join once their calorific values are in the site package.";

pub fn share(v: f64, of: &str) -> String {
    format!("{:.1} % of {of}", v * 100.0)
}
