//! sources.toml: `plant_live::parse` on any UTF-8 text, against the cement plant's meters.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

static SITE: OnceLock<plant_site::Site> = OnceLock::new();

fuzz_target!(init: plant_twin_fuzz::init(), |data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let site = SITE.get_or_init(|| plant_twin_fuzz::cement_site(Path::new("/nonexistent/plant-twin-fuzz/cement-plant")));
    plant_twin_fuzz::show(&plant_live::parse(text, Path::new("/nonexistent/plant-twin-fuzz/cement-plant/sources.toml"), site));
});
