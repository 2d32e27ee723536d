//! User-facing strings of the 3D view (one place, for the later English / 简体中文 switch).

pub const COLOUR_BY: &str = "Colour by";
pub const MODEL_COLOURS: &str = "Model colours";
pub const NO_DATA: &str = "no data";
pub const CARBON: &str = "CO2 caused (carbon)";
pub const CARBON_HINT: &str = "Scope 1 where fuel burns or raw meal calcines, scope 2 of electricity and heat used; accounting in the flows panel.";
pub const LOG_SCALE: &str = "log scale";
pub const CAMERA_HINT: &str = "Drag: orbit · Right-drag: pan · Wheel: zoom · F: frame selection · Home: whole site · Esc: clear · Space: play/pause";

pub fn no_model(file: &str) -> String {
    format!("No 3D model: {file} is missing or unreadable (see Problems). Meters, tree and charts still work.")
}
