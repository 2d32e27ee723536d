//! scenarios/*.toml: `plant_scenario::parse` on any UTF-8 text against the cement plant; what parses is
//! computed on a small store (every measure applied, the comparison, the curve) and rendered as JSON, CSV
//! and Markdown, and what it writes (`edit::to_toml`) must read back — so a scenario the parser lets through
//! cannot make the rest panic.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

static SITE: OnceLock<(plant_site::Site, plant_store::Store)> = OnceLock::new();

fuzz_target!(init: plant_twin_fuzz::init(), |data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (site, store) = SITE.get_or_init(|| {
        let site = plant_twin_fuzz::cement_site(Path::new("/nonexistent/plant-twin-fuzz/cement-plant"));
        let mut store = plant_store::Store::new();
        let t0 = 1_793_000_000_000;
        for m in site.meters.iter().take(400) {
            let t: Vec<i64> = (0..120).map(|i| t0 + i * 60_000).collect();
            let v: Vec<f64> = (0..120).map(|i| ((i * 37) % 23) as f64 + 1.0).collect();
            store.insert(m.id.clone(), plant_store::Series::from_samples(t, v).0);
        }
        (site, store)
    });
    let path = Path::new("/nonexistent/plant-twin-fuzz/cement-plant/scenarios/s.toml");
    let parsed = plant_scenario::parse(text, path, site);
    if let Ok((scenario, _)) = &parsed {
        let (t0, t1) = scenario.window.unwrap_or((1_793_000_000_000, 1_793_007_200_000));
        let (t0, t1) = (t0.clamp(1_792_990_000_000, 1_793_010_000_000), t1.clamp(1_792_990_000_001, 1_793_020_000_000));
        if t1 > t0 {
            let study = plant_scenario::render::study(site, store, scenario, Some(scenario), t0, t1);
            let _ = plant_scenario::render::json(&study);
            let _ = plant_scenario::render::csv(&study);
            let _ = plant_scenario::render::markdown(&study, site);
        }
        let written = plant_scenario::edit::to_toml(scenario, site);
        if let Err(d) = plant_scenario::parse(&written, path, site) {
            panic!("what the scenario writer wrote does not read back: {d}\n{written}");
        }
    }
    plant_twin_fuzz::show(&parsed);
});
