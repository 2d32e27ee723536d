//! site.toml: `plant_site::parse` on any UTF-8 text (inputs that are not UTF-8 are skipped: the app reads
//! the file with `read_to_string`, which refuses them before parsing).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: plant_twin_fuzz::init(), |data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // A package folder that does not exist: paths the file names resolve lexically, no file is read.
    plant_twin_fuzz::show(&plant_site::parse(text, Path::new("/nonexistent/plant-twin-fuzz/site")));
});
