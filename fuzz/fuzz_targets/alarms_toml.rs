//! alarms.toml: `plant_alarms::parse` on any UTF-8 text, against the cement plant's meters; what parses is
//! also run through the engine on a small store, so a definition the parser lets through cannot make the
//! engine panic.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

static SITE: OnceLock<plant_site::Site> = OnceLock::new();

fuzz_target!(init: plant_twin_fuzz::init(), |data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let site = SITE.get_or_init(|| plant_twin_fuzz::cement_site(Path::new("/nonexistent/plant-twin-fuzz/cement-plant")));
    let parsed = plant_alarms::parse(text, Path::new("/nonexistent/plant-twin-fuzz/cement-plant/alarms.toml"), site);
    if let Ok((alarms, _)) = &parsed {
        let mut store = plant_store::Store::new();
        for def in &alarms.alarms {
            for m in std::iter::once(&def.meter).chain(def.terms.iter().map(|(_, m)| m)).chain(def.reference.as_ref()) {
                let t: Vec<i64> = (0..64).map(|i| i * 60_000).collect();
                let v: Vec<f64> = (0..64).map(|i| if i % 9 == 4 { f64::NAN } else { ((i * 37) % 23) as f64 * def.limit.abs().max(1.0) / 10.0 }).collect();
                store.insert(m.clone(), plant_store::Series::from_samples(t, v).0);
            }
            let tl = plant_alarms::Timeline::build(def, &store);
            let _ = plant_alarms::engine::state_at(&def.id, &tl, &[], 30 * 60_000);
        }
    }
    plant_twin_fuzz::show(&parsed);
});
