//! `plant-twin new` on any CSV export: `plant_ingest::scaffold::scaffold` on the input written to a .csv file
//! (no model); what it makes must always be a `site.toml` that parses (with no error about its own form), so
//! the generated text is checked with `plant_site::parse`.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: plant_twin_fuzz::init_ingest(), |data: &[u8]| {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| plant_twin_fuzz::scratch_dir("new_csv"));
    let path = dir.join("export.csv");
    plant_twin_fuzz::write_input(&path, data);
    let opts = plant_ingest::scaffold::Options { folder: dir.join("site"), model: None, data: vec![path], time_zone: chrono_tz::UTC, name: None };
    match plant_ingest::scaffold::scaffold(&opts) {
        Ok(s) => {
            if let Err(d) = plant_site::parse(&s.site_toml, dir) {
                panic!("plant-twin new wrote a site.toml that does not parse: {d}\n{}", s.site_toml);
            }
            plant_twin_fuzz::show(&s.columns);
        }
        Err(d) => plant_twin_fuzz::show(&d),
    }
});
