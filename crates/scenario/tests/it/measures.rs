//! Each kind of measure against the accounting it changes, the increments, the comparison and the curve.

use plant_scenario::{Action, Measure, Scenario, compare, evaluate};
use plant_site::Text;

use crate::{record, sample};

fn measure(name: &str, action: Action, capex: f64) -> Measure {
    Measure { name: Text::new(name, None), action, capex, lifetime_years: 10, om_per_year: 0.0 }
}

fn rel_close(a: f64, b: f64, tol: f64) {
    assert!((a - b).abs() <= tol * b.abs().max(1e-9), "{a} is not {b} (± {tol} relative)");
}

#[test]
fn no_measures_is_the_baseline_and_a_scenario_against_itself_is_all_zeros() {
    let (site, store) = sample("office-building");
    let (t0, t1) = record(store);
    let empty = Scenario::new("Nothing", site);
    let e = evaluate(site, store, &empty, t0, t1);
    assert_eq!(e.result, e.baseline);
    let mut s = Scenario::new("Package", site);
    s.measures.push(measure("Warmer chilled water", Action::Process { whatif: 0, unit: "chiller-1".into(), settings: vec![("chwst".into(), 9.0)] }, 5e4));
    s.measures.push(measure("Green power", Action::GreenPower { share: 0.5, premium_per_mwh: 30.0 }, 0.0));
    let e = evaluate(site, store, &s, t0, t1);
    let c = compare("A", &e.result, "A again", &e.result, "CNY");
    assert!(c.rows.len() > 30, "{} rows", c.rows.len());
    for r in &c.rows {
        assert_eq!(r.difference, 0.0, "{r:?}");
        assert!(r.relative.is_none_or(|x| x == 0.0), "{r:?}");
    }
    assert!(c.flows.iter().all(|f| f.energy_gj.0 == f.energy_gj.1 && f.co2_t.0 == f.co2_t.1));
    assert!(c.process.iter().all(|p| p.co2_t.0 == p.co2_t.1));
}

/// The model's electricity summed over the hours the unit ran (its power meters above 5 % of their highest
/// hour), at each hour's recorded settings and conditions, and with `key` set to `value`: computed here
/// independently of the crate.
fn model_hours(site: &plant_site::Site, store: &plant_store::Store, key: &str, value: f64, t0: i64, t1: i64) -> ([f64; 3], [f64; 3]) {
    let wi = &site.whatifs[0];
    let mut p = plant_process::by_id(&wi.process).expect("model");
    let i = p.settings().iter().position(|s| s.key == key).expect("setting");
    let meters: Vec<&str> =
        site.meters.iter().filter(|m| m.quantity == plant_site::Quantity::ElectricPower && wi.equipment.contains(&m.equipment)).map(|m| m.id.as_str()).collect();
    let hours: Vec<(i64, f64)> = (0..)
        .map(|h| t0 + h * 3_600_000)
        .take_while(|t| *t < t1)
        .map(|t| (t, meters.iter().filter_map(|m| store.get(m)?.aggregate(t, (t + 3_600_000).min(t1)).mean()).sum::<f64>()))
        .collect();
    let top = hours.iter().map(|(_, p)| *p).fold(0.0, f64::max);
    let prices = plant_process::Prices::default();
    // Electricity, production and process CO2.
    let (mut base, mut with) = ([0.0; 3], [0.0; 3]);
    let add = |sum: &mut [f64; 3], e: plant_process::Evaluation| {
        sum[0] += e.electricity_kw;
        sum[1] += e.production_h;
        sum[2] += e.scope1_process_t_h;
    };
    for (t, power) in hours {
        if power <= 0.05 * top {
            continue;
        }
        let b = plant_process::baseline::baseline(site, store, wi, p.as_mut(), t, (t + 3_600_000).min(t1));
        let mut x = b.settings.clone();
        x[i] = value;
        add(&mut base, p.evaluate(&b.settings, &prices));
        add(&mut with, p.evaluate(&x, &prices));
    }
    (base, with)
}

#[test]
fn a_process_measure_scales_the_unit_by_the_model_and_carries_it_to_the_grid() {
    let (site, store) = sample("office-building");
    let (t0, t1) = record(store);
    let mut s = Scenario::new("Warmer zones", site);
    s.measures.push(measure("25 °C", Action::Process { whatif: 0, unit: "chiller-1".into(), settings: vec![("zone_setpoint".into(), 25.0)] }, 0.0));
    let e = evaluate(site, store, &s, t0, t1);
    let (base, with) = model_hours(site, store, "zone_setpoint", 25.0, t0, t1);
    let r_el = with[0] / base[0];
    assert!(r_el < 0.97, "a warmer zone saves electricity in the model ({r_el})");
    // The unit's equipment draws r_el of what it drew.
    let wi = &site.whatifs[0];
    let unit_mwh = |r: &plant_accounting::Report| wi.equipment.iter().filter_map(|id| r.node(id)).map(|n| n.electricity_mwh).sum::<f64>();
    let (before, after) = (unit_mwh(&e.baseline.report), unit_mwh(&e.result.report));
    assert!(before > 0.0);
    rel_close(after, before * r_el, 1e-9);
    // The site buys exactly what the unit saves, and no balance breaks.
    let bought = |r: &plant_accounting::Report| r.energy.electricity_mwh;
    rel_close(bought(&e.baseline.report) - bought(&e.result.report), before - after, 1e-6);
    assert_eq!(e.result.report.imbalances.len(), e.baseline.report.imbalances.len());
    // The increment is the whole change, and the cost follows the tariff.
    let m = &e.measures[0];
    rel_close(m.electricity_mwh, after - before, 1e-6);
    rel_close(m.energy_cost, (after - before) * 1e3 * s.prices.electricity_per_kwh, 1e-6);
}

#[test]
fn measures_on_one_unit_combine_in_order_and_the_later_wins() {
    let (site, store) = sample("office-building");
    let (t0, t1) = record(store);
    let process = |v: f64| Action::Process { whatif: 0, unit: "chiller-plant".into(), settings: vec![("zone_setpoint".into(), v)] };
    let mut two = Scenario::new("Two steps", site);
    two.measures = vec![measure("25 °C", process(25.0), 0.0), measure("26 °C", process(26.0), 0.0)];
    let mut one = Scenario::new("One step", site);
    one.measures = vec![measure("26 °C", process(26.0), 0.0)];
    let (a, b) = (evaluate(site, store, &two, t0, t1), evaluate(site, store, &one, t0, t1));
    rel_close(a.result.report.energy.electricity_mwh, b.result.report.energy.electricity_mwh, 1e-12);
    // The increments add up to the whole scenario.
    let sum: f64 = a.measures.iter().map(|m| m.co2_t).sum();
    rel_close(sum, a.result.co2_t - a.baseline.co2_t, 1e-9);
    assert!(a.measures[1].co2_t < 0.0 && a.measures[0].co2_t < 0.0);
}

#[test]
fn green_power_moves_the_market_based_scope_2_only() {
    let (site, store) = sample("office-building");
    let (t0, t1) = record(store);
    let mut s = Scenario::new("Green", site);
    s.measures.push(measure("50 % green", Action::GreenPower { share: 0.5, premium_per_mwh: 30.0 }, 0.0));
    let e = evaluate(site, store, &s, t0, t1);
    let (b, r) = (&e.baseline.report.scopes, &e.result.report.scopes);
    assert_eq!(r.scope2_location_t, b.scope2_location_t);
    // The site contracts 20 % green power already: (1 − 0.5) / (1 − 0.2) of its market-based scope 2 remains.
    rel_close(r.scope2_market_t, b.scope2_market_t * 0.5 / 0.8, 1e-9);
    // The premium is paid on the green power added: 30 % of what the site buys.
    rel_close(e.result.cost.green_premium, 0.3 * e.result.report.energy.electricity_mwh * 30.0, 1e-9);
}

#[test]
fn another_grid_factor_replaces_the_location_based_factor() {
    let (site, store) = sample("office-building");
    let (t0, t1) = record(store);
    let mut s = Scenario::new("Cleaner grid", site);
    s.measures.push(measure("0.45", Action::GridFactor { t_per_mwh: 0.45 }, 0.0));
    let e = evaluate(site, store, &s, t0, t1);
    rel_close(e.result.report.scopes.scope2_location_t, e.result.report.energy.electricity_mwh * 0.45, 1e-9);
    assert_eq!(e.result.report.energy, e.baseline.report.energy);
}

#[test]
fn a_fuel_switch_blends_the_factor_at_the_same_energy() {
    let (site, store) = sample("cement-plant");
    let (t0, t1) = record(store);
    let mut s = Scenario::new("Biomass", site);
    s.prices.fuel_per_gj = vec![("coal".into(), 29.0)];
    s.measures.push(measure("20 % biomass", Action::FuelSwitch { carrier: "coal".into(), fuel: "solid-biomass".into(), share: 0.2, price_per_gj: Some(18.0) }, 0.0));
    let e = evaluate(site, store, &s, t0, t1);
    let (b, r) = (&e.baseline.report, &e.result.report);
    assert_eq!(r.energy.fuel_gj, b.energy.fuel_gj);
    let coal = b.carriers.iter().find(|c| c.carrier == "coal").expect("coal");
    // Solid biomass is all biogenic (IPCC 2006: 100 t CO2/TJ, biomass fraction 1).
    rel_close(r.scopes.scope1_combustion_t, b.scopes.scope1_combustion_t - 0.2 * coal.co2_t, 1e-9);
    rel_close(r.scopes.biogenic_memo_t - b.scopes.biogenic_memo_t, 0.2 * coal.energy_gj * 0.1, 1e-9);
    // The fuel bill: 80 % at the coal price, 20 % at the biomass price.
    rel_close(e.result.cost.fuel, coal.energy_gj * (0.8 * 29.0 + 0.2 * 18.0), 1e-9);
}

#[test]
fn a_potline_measure_scales_production_and_process_co2_as_the_model_does() {
    let (site, store) = sample("aluminium-smelter");
    let (t0, t1) = record(store);
    let mut s = Scenario::new("Lower ACD", site);
    s.measures.push(measure("ACD 4.2 cm", Action::Process { whatif: 0, unit: "potline".into(), settings: vec![("acd".into(), 4.2)] }, 0.0));
    let e = evaluate(site, store, &s, t0, t1);
    let (b, w) = model_hours(site, store, "acd", 4.2, t0, t1);
    let amount = |r: &plant_accounting::Report| r.product("aluminium").expect("aluminium").amount.value;
    rel_close(amount(&e.result.report), amount(&e.baseline.report) * w[1] / b[1], 1e-9);
    rel_close(e.result.report.scopes.scope1_process_t, e.baseline.report.scopes.scope1_process_t * w[2] / b[2], 1e-9);
    assert!(e.result.report.energy.electricity_mwh < e.baseline.report.energy.electricity_mwh);
}

#[test]
fn the_abatement_curve_is_sorted_and_its_widths_add_up() {
    let (site, store) = sample("office-building");
    let (t0, t1) = record(store);
    let path = plant_scenario::find(site, std::path::Path::new("comfort-and-green-power")).expect("the sample scenario");
    let (s, _) = plant_scenario::load(&path, site).expect("reads");
    let e = evaluate(site, store, &s, t0, t1);
    assert!(e.macc.len() >= 3, "{:?}", e.macc);
    assert!(e.macc.windows(2).all(|w| w[0].cost_per_t <= w[1].cost_per_t));
    assert!(e.macc.windows(2).all(|w| (w[0].x0 + w[0].width - w[1].x0).abs() < 1e-9));
    assert!(e.measures.iter().all(|m| m.appraisal.avoided_t_per_year > 0.0), "every measure of the sample avoids CO2");
    let widths: f64 = e.macc.iter().map(|b| b.width).sum();
    rel_close(widths, e.per_year(e.baseline.co2_t - e.result.co2_t), 1e-9);
}

#[test]
fn a_grid_factor_series_is_applied_interval_by_interval() {
    // The accounting's small fixture, with a second factor meter: a cleaner grid's hourly series.
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../accounting/tests/fixtures/small-site");
    let text = std::fs::read_to_string(root.join("site.toml")).expect("fixture");
    let text = format!("{text}\n[[meter]]\nid = \"grid.ef-2030\"\nquantity = \"emission_factor\"\nunit = \"tCO2/MWh\"\nequipment = \"main\"\ncolumn = \"grid_ef_2030\"\n");
    let site = plant_site::parse(&text, &root).expect("site").site;
    let mut store = plant_ingest::load_site_data(&site, &|_, _| {}).store;
    let (t0, t1) = record(&store);
    let t: Vec<i64> = (0..).map(|k| t0 + k * 60_000).take_while(|x| *x < t1).collect();
    let v = vec![0.3; t.len()];
    store.insert("grid.ef-2030", plant_store::Series::from_samples(t, v).0);
    let mut s = Scenario::new("2030 grid", &site);
    s.measures.push(measure("2030 grid", Action::GridSeries { meter: "grid.ef-2030".into() }, 0.0));
    let e = evaluate(&site, &store, &s, t0, t1);
    let grid = e.result.report.carriers.iter().find(|c| c.kind == "electricity").expect("grid");
    rel_close(grid.co2_t, grid.energy_gj / 3.6 * 0.3, 1e-6);
    assert!(e.baseline.report.carriers.iter().find(|c| c.kind == "electricity").is_some_and(|b| (b.co2_t - grid.co2_t).abs() > 1e-6));
    // Written and read back; a meter that measures no factor is refused at its line.
    let back = crate::parse(&plant_scenario::edit::to_toml(&s, &site), &site);
    assert_eq!(back.measures, s.measures);
    let bad = "version = 1\nname = \"x\"\n[[measure]]\nname = \"m\"\nkind = \"grid-factor\"\nmeter = \"main.p\"\n";
    let (_, d) = plant_scenario::parse(bad, std::path::Path::new("x.toml"), &site).expect("reads");
    assert!(matches!(d.first().map(|d| &d.place), Some(plant_site::Place::LineCol { line: 6, .. })), "{d:?}");
}
