//! Chiller curve sets: `plant_process::hvac::ChillerCurves::from_toml` on any UTF-8 text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: plant_twin_fuzz::init(), |data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    plant_twin_fuzz::show(&plant_process::hvac::ChillerCurves::from_toml(text));
});
