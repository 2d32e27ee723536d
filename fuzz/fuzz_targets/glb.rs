//! glTF models: the input is written as model.glb into a package folder next to a small site.toml, and
//! `plant_site::check_model` reads it (names, extras, node tree and bounds, as the app does on open).
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

static PACKAGE: OnceLock<(PathBuf, plant_site::Site)> = OnceLock::new();

fuzz_target!(init: plant_twin_fuzz::init(), |data: &[u8]| {
    let (dir, site) = PACKAGE.get_or_init(|| {
        let dir = plant_twin_fuzz::scratch_dir("glb");
        plant_twin_fuzz::write_input(&dir.join(plant_site::SITE_FILE), plant_twin_fuzz::SMALL_SITE_TOML.as_bytes());
        let site = match plant_site::parse(plant_twin_fuzz::SMALL_SITE_TOML, &dir) {
            Ok(o) => o.site,
            Err(d) => panic!("the glb target's site.toml does not parse: {d}"),
        };
        (dir, site)
    });
    plant_twin_fuzz::write_input(&dir.join("model.glb"), data);
    plant_twin_fuzz::show(&plant_site::check_model(site));
});
