//! Designers' scenarios: the file (round trip, errors at their line, edits that keep comments), the economics
//! against published interest-table factors, each kind of measure against the accounting it changes, the
//! comparison, the abatement curve, and the reports (CSV with a BOM, XLSX read back equal to the JSON).

mod economics;
mod file;
mod measures;
mod reports;

use std::path::PathBuf;
use std::sync::OnceLock;

use plant_site::Site;
use plant_store::Store;

pub fn site_root(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites").join(name)
}

/// A sample site with its recording (loaded once per site for the whole test binary).
pub fn sample(name: &str) -> &'static (Site, Store) {
    static CEMENT: OnceLock<(Site, Store)> = OnceLock::new();
    static OFFICE: OnceLock<(Site, Store)> = OnceLock::new();
    static SMELTER: OnceLock<(Site, Store)> = OnceLock::new();
    let cell = match name {
        "cement-plant" => &CEMENT,
        "office-building" => &OFFICE,
        _ => &SMELTER,
    };
    cell.get_or_init(|| {
        let site = match plant_site::open(&site_root(name)) {
            Ok(o) => o.site,
            Err(d) => panic!("{d}"),
        };
        let store = plant_ingest::load_site_data(&site, &|_, _| {}).store;
        (site, store)
    })
}

/// The whole record of a sample site, `[start, end + 1)`.
pub fn record(store: &Store) -> (i64, i64) {
    let (a, b) = store.time_range().expect("the sample has data");
    (a, b + 1)
}

/// A scenario file's text parsed against a site; panics on an error.
pub fn parse(text: &str, site: &Site) -> plant_scenario::Scenario {
    match plant_scenario::parse(text, std::path::Path::new("test.toml"), site) {
        Ok((s, d)) => {
            assert!(d.is_empty(), "diagnostics: {:?}", d.iter().map(|d| d.to_string()).collect::<Vec<_>>());
            s
        }
        Err(d) => panic!("{d}"),
    }
}
