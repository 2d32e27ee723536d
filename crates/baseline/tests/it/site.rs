//! Baselines of the sample sites from their meters.

use std::path::PathBuf;

use plant_baseline::{Request, Shape, Step, study};

fn open(name: &str) -> (plant_site::Site, plant_store::Store) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites").join(name);
    let opened = plant_site::open(&root).expect("site");
    let store = plant_ingest::load_site_data(&opened.site, &|_, _| {}).store;
    (opened.site, store)
}

#[test]
fn the_kilns_coal_follows_its_clinker_day_by_day() {
    let (site, store) = open("cement-plant");
    let (first, last) = store.time_range().expect("record");
    let drivers = vec![String::from("cooler-1.clinker")];
    let req =
        Request { meter: "kiln-1.coal", temperature: None, drivers: &drivers, baseline: (first, last + 60_000), reporting: None, step: Step::Hour, shape: None, weekend: false };
    let s = study(&site, &store, &req).expect("fits");
    assert_eq!(s.model.shape, Shape::Mean);
    assert_eq!(s.unit, "t");
    // Coal per tonne of clinker: about 0.03 t/t (3.2 GJ/t at 23.8 GJ/t, less the calciner's share).
    let per_t = s.model.coef[1];
    assert!(per_t > 0.0 && per_t < 0.2, "{per_t} t coal per t clinker");
    assert!(s.model.stats.n > 300, "{}", s.model.stats.n);
}

#[test]
fn the_offices_chillers_follow_the_weather_and_a_warmer_week_is_not_a_saving() {
    let (site, store) = open("office-building");
    let (first, last) = store.time_range().expect("record");
    let week = 7 * 86_400_000;
    let meter = site.meters.iter().find(|m| m.id.starts_with("chiller-1.") && m.quantity == plant_site::Quantity::ElectricPower).expect("chiller power").id.clone();
    let req = Request {
        meter: &meter,
        temperature: Some("weather-station.dry-bulb"),
        drivers: &[],
        baseline: (first, first + week),
        reporting: Some((first + week, last + 60_000)),
        step: Step::Hour,
        shape: None,
        weekend: false,
    };
    let s = study(&site, &store, &req).expect("fits");
    assert_ne!(s.model.shape, Shape::Mean);
    assert_eq!(s.unit, "kWh");
    let sv = s.savings.expect("a reporting period");
    assert!(sv.m > 100, "{}", sv.m);
    // Nothing was changed between the weeks: the avoided energy is within its 90 % uncertainty or near it.
    let u = sv.uncertainty.iter().find(|u| u.confidence == 0.90).expect("90 %");
    assert!(sv.avoided.abs() < 3.0 * u.absolute.max(0.05 * sv.expected), "avoided {} ± {} of {}", sv.avoided, u.absolute, sv.expected);
}
