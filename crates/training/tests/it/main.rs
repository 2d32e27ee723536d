//! Training scenarios: each malfunction kind applied and removed exactly, a process event moving meters as the
//! model says, the scenario file (errors at their line), the session's schedule, log and score, and a headless
//! run of each sample site's scenario raising the alarms it expects at the recorded times.

mod file;
mod malfunctions;
mod session;
mod sites;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use plant_site::Site;
use plant_store::Store;

pub fn site_root(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites").join(name)
}

pub fn open(name: &str) -> Site {
    match plant_site::open(&site_root(name)) {
        Ok(o) => o.site,
        Err(d) => panic!("{d}"),
    }
}

/// A sample site with its recording and alarms (loaded once per site for the whole test binary).
pub fn sample(name: &str) -> &'static (Site, Store, Option<plant_alarms::Alarms>) {
    static CEMENT: OnceLock<(Site, Store, Option<plant_alarms::Alarms>)> = OnceLock::new();
    static OFFICE: OnceLock<(Site, Store, Option<plant_alarms::Alarms>)> = OnceLock::new();
    static SMELTER: OnceLock<(Site, Store, Option<plant_alarms::Alarms>)> = OnceLock::new();
    let cell = match name {
        "cement-plant" => &CEMENT,
        "office-building" => &OFFICE,
        _ => &SMELTER,
    };
    cell.get_or_init(|| {
        let site = open(name);
        let store = plant_ingest::load_site_data(&site, &|_, _| {}).store;
        let alarms = plant_alarms::load_for_site(&site).expect("alarms.toml reads").map(|(a, d)| {
            assert!(d.is_empty(), "{d:?}");
            a
        });
        (site, store, alarms)
    })
}

/// Parses `text` as a scenario of `site`.
pub fn parse(text: &str, site: &Site, alarms: Option<&plant_alarms::Alarms>) -> Result<(plant_training::Scenario, Vec<plant_site::Diagnostic>), plant_site::Diagnostic> {
    plant_training::parse(text, Path::new("training/test.toml"), site, alarms)
}
