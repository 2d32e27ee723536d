//! training/*.toml: `plant_training::parse` on any UTF-8 text, against the cement plant's meters, equipment,
//! what-if unit and alarms; what parses is run as a session on a small store (its malfunctions applied, the
//! process events evaluated, the alarms built on the result, the schedule and the score), so a scenario the
//! parser lets through cannot make the rest panic.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

const CEMENT_ALARMS: &str = include_str!("../../sample-sites/cement-plant/alarms.toml");
static SITE: OnceLock<(plant_site::Site, plant_alarms::Alarms)> = OnceLock::new();

fuzz_target!(init: plant_twin_fuzz::init(), |data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (site, alarms) = SITE.get_or_init(|| {
        let site = plant_twin_fuzz::cement_site(Path::new("/nonexistent/plant-twin-fuzz/cement-plant"));
        let alarms = match plant_alarms::parse(CEMENT_ALARMS, Path::new("alarms.toml"), &site) {
            Ok((a, _)) => a,
            Err(d) => panic!("the cement plant's alarms.toml does not parse: {d}"),
        };
        (site, alarms)
    });
    let parsed = plant_training::parse(text, Path::new("/nonexistent/plant-twin-fuzz/cement-plant/training/t.toml"), site, Some(alarms));
    if let Ok((scenario, _)) = &parsed {
        let mut store = plant_store::Store::new();
        let t0 = scenario.start_ms.saturating_sub(7_200_000);
        for m in scenario.malfunctions.iter().flat_map(|m| m.meters.iter()).chain(alarms.alarms.iter().map(|a| &a.meter)).take(64) {
            let t: Vec<i64> = (0..240).map(|i| t0.saturating_add(i * 60_000)).collect();
            let v: Vec<f64> = (0..240).map(|i| ((i * 37) % 23) as f64 + 1.0).collect();
            store.insert(m.clone(), plant_store::Series::from_samples(t, v).0);
        }
        let _ = plant_training::run::run(site, &store, Some(alarms), scenario, None, plant_i18n::Lang::En);
        let mut session = plant_training::Session::new(scenario.clone());
        for i in 0..scenario.malfunctions.len().min(8) {
            session.inject(i, scenario.start_ms.saturating_add(600_000));
        }
        let (out, _) = session.overlay(&store, site);
        let tl = plant_training::session::timelines(Some(alarms), &out);
        let _ = session.due(Some(alarms), &tl);
        let _ = session.score(Some(alarms), &tl, scenario.end_ms);
    }
    plant_twin_fuzz::show(&parsed);
});
