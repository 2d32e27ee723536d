//! Emission-factor sets: `plant_carbon::parse_factor_set` on any UTF-8 text.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: plant_twin_fuzz::init(), |data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    plant_twin_fuzz::show(&plant_carbon::parse_factor_set(text, Path::new("/nonexistent/plant-twin-fuzz/factors.toml")));
});
