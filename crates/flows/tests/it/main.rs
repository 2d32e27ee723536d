//! Integration of meter rates, formula flows, and balance checks.

use std::path::Path;

use plant_flows::{balance, flow_totals, integrate};
use plant_site::parse;
use plant_store::{Series, Store};

const H: i64 = 3_600_000;
const MIN: i64 = 60_000;

#[test]
fn a_constant_rate_integrates_exactly_and_a_gap_adds_nothing() {
    // 60 one-minute samples of 120 kW from t = 0: one hour at 120 kW is 120 kWh.
    let t: Vec<i64> = (0..60).map(|i| i * MIN).collect();
    let (s, _) = Series::from_samples(t, vec![120.0; 60]);
    let (kwh, cov) = integrate(&s, 0, H);
    assert!((kwh - 120.0).abs() < 1e-9 && (cov - 1.0).abs() < 1e-12, "{kwh} {cov}");
    // Half-window.
    let (kwh, _) = integrate(&s, 15 * MIN, 45 * MIN);
    assert!((kwh - 60.0).abs() < 1e-9);
    // Samples at minutes 0-9 and 40-59: minutes 0-9 cover 9 min, the last of them is held 3 min into the
    // gap (then missing), and minutes 40-59 cover 20 min up to the window's end: 32 min in all.
    let t: Vec<i64> = (0..10).chain(40..60).map(|i| i * MIN).collect();
    let n = t.len();
    let (s, _) = Series::from_samples(t, vec![60.0; n]);
    let (kwh, cov) = integrate(&s, 0, H);
    assert!((kwh - 60.0 * 32.0 / 60.0).abs() < 1e-9, "{kwh}");
    assert!((cov - 32.0 / 60.0).abs() < 1e-12, "{cov}");
}

const SITE: &str = r#"
[site]
name = "t"
kind = "test"
time_zone = "UTC"

[[equipment]]
id = "main"
type = "substation"
name = "Main"

[[equipment]]
id = "mill"
type = "mill"
name = "Mill"

[[meter]]
id = "main.p"
quantity = "electric_power"
unit = "MW"
equipment = "main"

[[meter]]
id = "mill.p"
quantity = "electric_power"
unit = "kW"
equipment = "mill"

[[node]]
id = "grid"
name = "Grid"
kind = "source"

[[node]]
id = "rest"
name = "Unmetered"
kind = "unmetered"

[[node]]
id = "work"
name = "Mill work"
kind = "product"

[[flow]]
from = "grid"
to = "main"
carrier = "electricity"
meter = "main.p"

[[flow]]
from = "main"
to = "mill"
carrier = "electricity"
meter = "mill.p"

[[flow]]
from = "main"
to = "rest"
carrier = "electricity"
value = "main.p - mill.p"

[[flow]]
from = "mill"
to = "work"
carrier = "electricity"
meter = "mill.p"
"#;

fn store(main_mw: f64, mill_kw: f64) -> Store {
    let t: Vec<i64> = (0..120).map(|i| i * MIN).collect();
    let mut s = Store::new();
    s.insert("main.p", Series::from_samples(t.clone(), vec![main_mw; 120]).0);
    s.insert("mill.p", Series::from_samples(t, vec![mill_kw; 120]).0);
    s
}

#[test]
fn formula_flows_and_units_give_energy_and_the_balance_closes() {
    let site = parse(SITE, Path::new("/s")).expect("site").site;
    let st = store(2.0, 1500.0);
    let totals = flow_totals(&site, &st, 0, 2 * H);
    let mwh = |k: usize| totals[k].total.expect("total").in_unit("MWh").expect("energy");
    assert!((mwh(0) - 4.0).abs() < 1e-9, "2 MW for 2 h");
    assert!((mwh(1) - 3.0).abs() < 1e-9, "1,500 kW for 2 h");
    assert!((mwh(2) - 1.0).abs() < 1e-9, "unmetered = main − mill, across units");
    assert!(totals.iter().all(|t| (t.coverage - 1.0).abs() < 1e-12));
    assert!(balance(&site, &totals, 0.01).is_empty());
}

#[test]
fn a_balance_violation_is_flagged_not_absorbed() {
    // Replace the computed remainder with a meter that reads too little: "main" then loses 25 %.
    let text = SITE.replace("value = \"main.p - mill.p\"", "meter = \"mill.p\"");
    let site = parse(&text, Path::new("/s")).expect("site").site;
    let st = store(2.0, 750.0);
    let totals = flow_totals(&site, &st, 0, 2 * H);
    let issues = balance(&site, &totals, 0.01);
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(issues[0].node, "main");
    assert!((issues[0].relative - 0.25).abs() < 1e-9, "{:?}", issues[0]);
}

#[test]
fn the_cement_plants_flow_graph_over_the_whole_record() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant");
    let opened = plant_site::open(&root).expect("site");
    assert!(opened.diagnostics.is_empty(), "{:?}", opened.diagnostics);
    let site = opened.site;
    let store = plant_ingest::load_site_data(&site, &|_, _| {}).store;
    let (t0, t1) = store.time_range().expect("range");
    let totals = flow_totals(&site, &store, t0, t1 + 1);
    let total = |from: &str, to: &str, unit: &str| {
        let k = site.flows.iter().position(|f| f.from == from && f.to == to).expect("flow");
        totals[k].total.expect("measured").in_unit(unit).expect("unit")
    };
    // ≈ 20 MW for 14 days.
    let grid_mwh = total("grid", "substation-1", "MWh");
    assert!((5_500.0..8_500.0).contains(&grid_mwh), "{grid_mwh} MWh");
    // The unmetered remainder is explicit and small (lighting, offices, cable losses ≈ 4-6 %).
    let unmetered = total("substation-1", "unmetered-electricity", "MWh");
    assert!((0.03..0.07).contains(&(unmetered / grid_mwh)), "unmetered share {}", unmetered / grid_mwh);
    // Electricity per tonne of cement over the record.
    let cement_t = total("cement-mill-1", "cement-silos", "t") + total("cement-mill-2", "cement-silos", "t");
    let kwh_per_t = grid_mwh * 1000.0 / cement_t;
    assert!((70.0..110.0).contains(&kwh_per_t), "{kwh_per_t} kWh/t cement");
    // Balances: the substation closes (its remainder is computed); the coal mill makes more coal than the
    // kiln burns over the record (its bin fills), which is flagged, not absorbed.
    let issues = balance(&site, &totals, 0.02);
    assert!(issues.iter().all(|i| i.node != "substation-1"), "{issues:?}");
    let coal = issues.iter().find(|i| i.node == "coal-mill-1").expect("coal bin stock change flagged");
    assert!((0.02..0.10).contains(&coal.relative), "{coal:?}");
}
