//! End-to-end tests of the `plant-twin` app: its plugins driven headless, and a rendering smoke test.

mod alarms;
mod anomalies;
mod baseline;
mod cli_lang;
mod clock;
mod edit;
mod fonts;
mod forecast;
mod headless;
mod historian;
mod live;
mod new;
mod render_smoke;
mod scenarios;
mod security;
mod training;
mod views;
mod whatif;
mod whatif_panel;

use std::path::PathBuf;

/// The bundled default site.
pub fn cement_site() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../sample-sites/cement-plant")
}
