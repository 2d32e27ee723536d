//! User-facing strings of the what-if panel (one place, for the later English / 简体中文 switch).

pub const SETTINGS: &str = "Settings";
pub const MEASURED: &str = "measured";
pub const DEFAULT: &str = "model default";
pub const RESET_HINT: &str = "Back to the baseline value";
pub const REBASE: &str = "Baseline at cursor";
pub const MIN15: &str = "15 min";
pub const HOUR1: &str = "1 h";
pub const DAY1: &str = "1 day";
pub const REBASE_HINT: &str = "Read the baseline again from the recorded data before the cursor, over the window chosen";
pub const OBJECTIVE: &str = "Objective";
pub const ENERGY: &str = "Energy";
pub const CO2: &str = "CO2";
pub const COST: &str = "Cost";
pub const ELECTRICITY: &str = "Electricity";
pub const FUEL: &str = "Fuel";
pub const SCOPE1_COMBUSTION: &str = "Scope 1, combustion";
pub const SCOPE1_PROCESS: &str = "Scope 1, process";
pub const SCOPE2: &str = "Scope 2";
pub const PRODUCTION: &str = "Production";
pub const ELECTRICITY_PRICE: &str = "Electricity";
pub const CARBON_PRICE: &str = "Carbon";
pub const GRID_FACTOR: &str = "Grid";
pub const BASELINE: &str = "Baseline";
pub const SCENARIO: &str = "Scenario";
pub const CHANGE: &str = "Change";
pub const LIMITS: &str = "Limits (scenario)";
pub const OUTPUTS: &str = "All outputs";
pub const SHOW_IN_3D: &str = "Show the scenario in 3D (carbon colours)";
pub const SHOW_IN_3D_HINT: &str = "Colour by CO2 caused: the unit's equipment shows the scenario's CO2 instead of the measured";
pub const OPTIMISE: &str = "Optimise";
pub const OPTIMISE_HINT: &str = "Find the settings with the lowest objective within every limit, starting from the scenario (runs in the background)";
pub const CANCEL: &str = "Cancel";
pub const HELD: &str = "held";
pub const APPLY: &str = "Use as scenario";
pub const TRADEOFF: &str = "Cost against CO2";
pub const TRADEOFF_HINT: &str = "Optimise for cost at carbon prices 0 to 300 per t and plot cost (without carbon) against CO2";
pub const TRADEOFF_NOTE: &str = "Points are cost optima at the carbon price labelled (per t CO2).";

pub fn button(process: &str) -> String {
    format!("What-if: {process}")
}

pub fn title(name: &str) -> String {
    format!("What-if: {name}")
}

pub fn baseline_window(from: &str, to: &str) -> String {
    format!("Baseline: mean of recorded data {from} – {to}")
}

pub fn reset(value: &str, tag: &str) -> String {
    format!("{value} ({tag})")
}

pub fn optimum(base: &str, best: &str, pct: f64) -> String {
    format!("Baseline {base}, optimum {best} ({pct:.2} % less)")
}

pub fn limit(max: bool, v: &str) -> String {
    if max { format!("max {v}") } else { format!("min {v}") }
}

pub fn margin(v: &str) -> String {
    format!("margin {v}")
}

pub fn violated(v: &str) -> String {
    format!("VIOLATED by {v}")
}

pub fn tradeoff_x(unit: &str) -> String {
    format!("t CO2/{unit}")
}

pub fn tradeoff_y(currency: &str, unit: &str) -> String {
    format!("{currency}/{unit} (without carbon)")
}

pub fn worker_panicked(why: &str) -> String {
    format!("the background computation failed unexpectedly ({why}); please report it")
}

pub fn curves_not_used(why: &str) -> String {
    format!("{why}; the default curves are used")
}
