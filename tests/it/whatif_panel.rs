//! The what-if study of the cement plant's kiln: baseline from the recorded meters at the cursor, and the
//! optimiser from it, through the panel's own functions.

use std::sync::atomic::AtomicBool;

use plant_process::OptimiseOptions;

#[test]
fn the_kiln_baseline_comes_from_the_recorded_meters_and_the_optimum_keeps_every_limit() {
    let root = crate::cement_site();
    let site = plant_site::open(&root).expect("site").site;
    let store = plant_ingest::load_site_data(&site, &|_, _| {}).store;
    let now = plant_twin::parse_at("2026-11-10 12:00", site.time_zone).expect("time");
    let w = site.whatif_for("kiln-1").expect("the kiln has a what-if");
    assert_eq!(w.process, "cement-kiln");
    let i = site.whatifs.iter().position(|x| x == w).expect("index");
    let study = plant_whatif_view::open_study(&site, &store, &plant_whatif_view::WhatIfFiles::for_site(&site), i, now).expect("study");
    // Clinker output and O2: the hour's means of the meters; calciner share: calciner coal / all coal.
    let mean = |m: &str| store.get(m).expect("series").aggregate(now - 3_600_000, now).mean().expect("mean");
    let keys: Vec<&str> = study.process.settings().iter().map(|s| s.key).collect();
    let at = |k: &str| study.baseline.settings[keys.iter().position(|x| *x == k).expect("key")];
    assert!((at("clinker") - mean("cooler-1.clinker")).abs() < 1e-9);
    assert!((at("excess_o2") - mean("kiln-1.inlet-o2")).abs() < 1e-9);
    let share = mean("calciner-1.coal") / (mean("calciner-1.coal") + mean("kiln-1.coal"));
    assert!((at("calciner_split") - share).abs() < 1e-9);
    assert!(study.baseline.from_data[0] && !study.baseline.from_data[3], "cooler air has no meter: model default");
    // The model at the measured point is close to the plant's measured specific heat (3.1-3.4 GJ/t).
    let e = study.process.evaluate(&study.baseline.settings, &study.prices);
    let q = e.output("specific_heat").expect("q");
    assert!((3.1..3.4).contains(&q), "{q}");
    let opt = plant_process::optimise(
        study.process.as_ref(),
        &study.baseline.settings,
        &OptimiseOptions::for_process(study.process.as_ref(), plant_process::Objective::Energy),
        &AtomicBool::new(false),
        &mut |_| {},
    )
    .expect("optimum");
    assert!(opt.evaluation.feasible(1e-6));
    let saving = 1.0 - opt.objective / opt.baseline_objective;
    assert!((0.005..0.08).contains(&saving), "{saving}");
}

#[test]
fn the_potline_and_chiller_studies_take_their_conditions_from_the_sites() {
    let smelter = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../sample-sites/aluminium-smelter");
    let site = plant_site::open(&smelter).expect("site").site;
    let store = plant_ingest::load_site_data(&site, &|_, _| {}).store;
    let now = plant_twin::parse_at("2026-11-05 10:00", site.time_zone).expect("time");
    let i = site.whatifs.iter().position(|w| w.process == "potline").expect("potline what-if");
    let study = plant_whatif_view::open_study(&site, &store, &plant_whatif_view::WhatIfFiles::for_site(&site), i, now).expect("study");
    assert!(study.baseline.conditions.contains(&("cells".to_string(), 120.0)), "{:?}", study.baseline.conditions);
    // The model's metal rate for the site's 120 cells at the measured current is the tapped rate (≈ 15 t/h).
    let e = study.process.evaluate(&study.baseline.settings, &study.prices);
    let tapped = store.get("casthouse-1.metal").expect("metal").aggregate(now - 86_400_000, now).mean().expect("mean");
    let model = e.production_h;
    assert!((model - tapped).abs() / tapped < 0.05, "model {model} t/h vs tapped {tapped} t/h");

    let office = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../sample-sites/office-building");
    let site = plant_site::open(&office).expect("site").site;
    let store = plant_ingest::load_site_data(&site, &|_, _| {}).store;
    let now = plant_twin::parse_at("2026-08-12 15:00", site.time_zone).expect("time");
    let i = site.whatifs.iter().position(|w| w.process == "chiller-plant").expect("chiller what-if");
    let study = plant_whatif_view::open_study(&site, &store, &plant_whatif_view::WhatIfFiles::for_site(&site), i, now).expect("study");
    // The plant load at the baseline is the metered load of the hour.
    let metered = store.get("chw-header.cooling-load").expect("load").aggregate(now - 3_600_000, now).mean().expect("mean");
    let e = study.process.evaluate(&study.baseline.settings, &study.prices);
    let load = e.output("cooling_load").expect("load");
    assert!((load - metered).abs() / metered < 0.05, "model {load} kW vs metered {metered} kW");
    assert!(e.feasible(1e-6), "{:?}", e.constraints);
}
