//! The accounting against hand-computed figures on a small fixture site, and plausibility on the cement
//! plant's record.

use std::path::{Path, PathBuf};

use plant_accounting::{Format, Report, prepare, render, report};
use plant_i18n::{Arg, Lang};
use plant_store::{Series, Store};

mod trajectory;

const H: i64 = 3_600_000;
/// 2026-01-01T00:00:00Z
const T0: i64 = 1_767_225_600_000;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small-site")
}

fn open(root: &Path) -> (plant_site::Site, Store) {
    let opened = plant_site::open(root).expect("site");
    assert!(opened.diagnostics.is_empty(), "{:?}", opened.diagnostics);
    let loaded = plant_ingest::load_site_data(&opened.site, &|_, _| {});
    assert!(loaded.diagnostics.iter().all(|d| !d.is_error()), "{:?}", loaded.diagnostics);
    (opened.site, loaded.store)
}

fn fixture_report() -> Report {
    let (site, store) = open(&fixture());
    let (book, diags) = prepare(&site);
    assert!(diags.is_empty(), "{diags:?}");
    report(&site, &store, &book, T0, T0 + 4 * H)
}

fn close(a: f64, b: f64, what: &str) {
    assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0), "{what}: {a} (expected {b})");
}

#[test]
fn report_json_matches_hand_computed_totals() {
    let r = fixture_report();
    let json: serde_json::Value = serde_json::from_str(&render(&r, Format::Json)).expect("json");
    let num = |path: &str| json.pointer(path).and_then(|v| v.as_f64()).unwrap_or_else(|| panic!("{path} in {json}"));

    // Four hours at 1,000 kW from the grid; the grid factor meter reads 0.5, 0.6, 0.7, 0.8 t/MWh by hour.
    close(num("/energy/electricity_mwh"), 4.0, "electricity");
    close(num("/scopes/scope2_location_t"), 0.5 + 0.6 + 0.7 + 0.8 + 14.4 * 0.11, "scope 2 location: grid series + steam 14.4 GJ × 0.11");
    // Market-based: a quarter is contracted green power, the rest at the 0.5856 residual factor.
    close(num("/scopes/scope2_market_t"), 4.0 * 0.75 * 0.5856 + 14.4 * 0.11, "scope 2 market");
    // Gas 0.5 t/h × 4 h × 48 GJ/t × 56.1 kg/GJ; wood 0.1 t/h × 4 h × 15.6 GJ/t × 112 kg/GJ is biogenic (memo).
    let gas_co2 = 2.0 * 48.0 * 56.1 / 1000.0;
    close(num("/scopes/scope1_combustion_t"), gas_co2, "scope 1 combustion");
    close(num("/scopes/scope1_process_t"), 0.0, "scope 1 process");
    close(num("/scopes/biogenic_memo_t"), 0.4 * 15.6 * 112.0 / 1000.0, "biogenic memo");
    let total = gas_co2 + 2.6 + 1.584;
    close(num("/scopes/total_location_t"), total, "total location");
    close(num("/energy/fuel_gj"), 96.0 + 6.24, "fuel");
    close(num("/energy/heat_gj"), 14.4, "heat");
    close(num("/energy/total_gj"), 14.4 + 102.24 + 14.4, "total GJ");
    close(num("/energy/total_tce"), 131.04e9 / 29.3076e9, "tce");

    // Key figures per product: 40 t of parts, 2,000 m² of floor.
    close(r.kpi("parts", "fuel", "GJ/t").expect("GJ/t"), 116.64 / 40.0, "GJ/t");
    close(r.kpi("parts", "fuel", "kgce/t").expect("kgce/t"), 116.64e9 / 29.3076e6 / 40.0, "kgce/t");
    close(r.kpi("parts", "electricity", "kWh/t").expect("kWh/t"), 100.0, "kWh/t");
    close(r.kpi("parts", "energy", "kgce/t").expect("kgce/t all"), 131.04e9 / 29.3076e6 / 40.0, "kgce/t all energy");
    close(r.kpi("parts", "co2", "tCO2/t").expect("t/t"), total / 40.0, "tCO2/t");
    close(r.kpi("floor", "electricity", "kWh/m²").expect("kWh/m²"), 2.0, "kWh/m²");
    close(r.kpi("floor", "co2", "kgCO2/m²").expect("kg/m²"), total * 1000.0 / 2000.0, "kgCO2/m²");
    assert!(r.kpi("floor", "fuel", "GJ/m²").is_none(), "floor lists only the KPIs asked for");

    // Remainders: the unmetered 0.6 MWh and the boiler's losses (fuel heat 25.56 GJ/h − 18 GJ/h hot water).
    let flow = |from: &str, to: &str| r.flows.iter().find(|f| f.from == from && f.to == to).expect("flow");
    close(flow("main", "unmetered").energy_gj.expect("unmetered"), 0.6 * 3.6, "unmetered GJ");
    close(flow("boiler", "boiler-losses").energy_gj.expect("losses"), 4.0 * (25.56 - 18.0), "boiler losses GJ");
    assert!(flow("boiler", "boiler-losses").remainder);
    // Gas flow in its own unit (kg/h meter → t) and energy.
    let gas = flow("gas", "boiler");
    let amount = gas.amount.as_ref().expect("amount");
    assert_eq!(amount.unit, "t");
    close(amount.value, 2.0, "gas t");
    close(gas.energy_gj.expect("gas GJ"), 96.0, "gas GJ");

    // Per node: CO2 caused adds up to the site total; the grid intensity is 2.6/4 = 0.65 t/MWh.
    let node = |id: &str| r.node(id).unwrap_or_else(|| panic!("node {id}"));
    close(node("press").co2_t, 2.0 * 0.65 + 1.584, "press CO2");
    close(node("press").electricity_mwh, 2.0, "press MWh");
    close(node("board-2").electricity_mwh, 0.2, "board-2 net (its own losses)");
    close(node("boiler").fuel_gj, 102.24, "boiler fuel");
    let sum: f64 = r.nodes.iter().map(|n| n.co2_t).sum();
    close(sum, total, "nodes add up to the total");

    // The boiler's stack monitor (1.35 t CO2/h for 4 h = 5.4 t) beside the scope 1 computed there: 2 t of
    // natural gas × 48 GJ/t × 56.1 kg CO2/GJ = 5.3856 t (the wood's CO2 is biogenic): +0.27 %, no warning.
    close(node("boiler").scope1_t, 96.0 * 56.1 / 1000.0, "boiler scope 1");
    let m = r.measured_co2.iter().find(|m| m.meter == "boiler.co2").expect("measured CO2 line");
    close(m.measured_t, 5.4, "measured CO2");
    close(m.computed_t.expect("computed"), 96.0 * 56.1 / 1000.0, "computed at the boiler");
    close(m.difference_pct.expect("difference"), 100.0 * (5.4 / 5.3856 - 1.0), "difference %");
    assert!(!r.warnings.iter().any(|w| w.id == "accounting-warning-measured-co2"), "{:?}", r.warnings);
    // Measured CO2 is never added to the totals.
    close(sum, total, "totals without the measured CO2");

    // Balance: board-2 takes 850 kW and passes on 800 kW: flagged. Main is closed by its remainder.
    assert_eq!(r.imbalances.len(), 1, "{:?}", r.imbalances);
    let b = &r.imbalances[0];
    assert_eq!(b.node, "board-2");
    close(b.inflow, 3.4, "board-2 in");
    close(b.outflow, 3.2, "board-2 out");
    close(b.relative, 0.2 / 3.4, "relative");
    // The factor sets used are recorded.
    let sets: Vec<&str> = r.factor_sets.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sets, ["ipcc-2006-fuels", "china-2022"]);
    assert!(r.factor_sets.iter().all(|s| s.year > 2000 && !s.source.is_empty()));
    assert!(r.warnings.is_empty(), "{:?}", r.warnings);
}

#[test]
fn csv_and_markdown_carry_the_same_numbers() {
    let r = fixture_report();
    let csv = render(&r, Format::Csv);
    let row = csv.lines().find(|l| l.starts_with("co2,site,total location-based,")).expect("row");
    let v: f64 = row.split(',').nth(3).and_then(|x| x.parse().ok()).expect("value");
    close(v, r.scopes.total_location_t, "csv total");
    assert!(csv.lines().any(|l| l.starts_with("imbalance,board-2,")));
    let md = render(&r, Format::Markdown);
    assert!(md.contains(&format!("| Total, location-based | {:.2} |", r.scopes.total_location_t)), "{md}");
    assert!(md.contains("Sub-board 2") && md.contains("ipcc-2006-fuels"));
    assert!("xml".parse::<Format>().is_err());
}

#[test]
fn a_grid_factor_series_with_a_gap_falls_back_to_the_annual_factor_and_says_so() {
    let (site, mut store) = open(&fixture());
    // Factor samples at 0 and 12 min only: held 36 min, so hours 1-3 have no factor.
    let (s, _) = Series::from_samples(vec![T0, T0 + H / 5], vec![0.5, 0.5]);
    store.insert("grid.ef", s);
    let (book, _) = prepare(&site);
    let r = report(&site, &store, &book, T0, T0 + 4 * H);
    close(r.scopes.scope2_location_t, 0.5 + 3.0 * 0.5703 + 1.584, "scope 2 with the annual factor in the gap");
    let w = r.warnings.iter().find(|w| w.id == "accounting-warning-factor-meter-gaps").unwrap_or_else(|| panic!("{:?}", r.warnings));
    assert_eq!((w.arg("meter"), w.arg("percent")), (Some(&Arg::from("grid.ef")), Some(&Arg::from("75"))));
    assert_eq!(w.text_in(Lang::En), "grid factor meter grid.ef: no factor for 75 % of the electricity; the annual factor is used there");
    let zh = w.text_in(Lang::ZhCn);
    assert!(zh.contains("grid.ef") && zh.contains("75 %") && zh.contains("电网排放因子"), "{zh}");
    // The JSON of the report has the warning in English, whatever the language of the screen.
    let json: serde_json::Value = serde_json::from_str(&render(&r, Format::Json)).expect("json");
    assert!(json["warnings"].as_array().is_some_and(|a| a.iter().any(|x| x.as_str() == Some(w.text_in(Lang::En).as_str()))), "{}", json["warnings"]);
}

#[test]
fn an_unknown_factor_or_set_is_reported_at_its_line() {
    let text = std::fs::read_to_string(fixture().join("site.toml")).expect("read");
    let text = text.replace("factor = \"natural-gas\"", "factor = \"unobtainium\"").replace("\"china-2022\"]", "\"china-2099\"]");
    let dir = std::env::temp_dir().join(format!("plant-accounting-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let opened = plant_site::parse(&text, &dir).expect("parses");
    let (book, diags) = prepare(&opened.site);
    let msgs: Vec<String> = diags.iter().map(|d| format!("{}:{:?}: {}", d.file.display(), d.place, d.message)).collect();
    assert!(msgs.iter().any(|m| m.contains("china-2099") && m.contains("site.toml")), "{msgs:?}");
    let gas_line = text.lines().position(|l| l.contains("id = \"gas\"")).expect("line") + 1;
    let d = diags
        .iter()
        .find(|d| d.message.id == "accounting-factor-unknown" && d.message.arg("factor") == Some(&Arg::from("unobtainium")))
        .unwrap_or_else(|| panic!("unknown factor: {diags:?}"));
    assert_eq!(d.message.arg("source"), Some(&Arg::from("gas")));
    assert!(d.message.text_in(Lang::ZhCn).contains("unobtainium") && d.message.text_in(Lang::ZhCn).contains("因子集"), "{d:?}");
    match d.place {
        plant_site::Place::LineCol { line, .. } => assert!((gas_line - 1..=gas_line).contains(&line), "{line} vs {gas_line}"),
        ref p => panic!("{p:?}"),
    }
    // The rest of the book still works: wood (IPCC set) is accounted; gas (unknown factor) and the grid
    // (its set is missing) are not.
    assert!(book.carrier("wood").is_some() && book.carrier("natural-gas").is_none() && book.carrier("electricity").is_none());
}

#[test]
fn bad_accounting_fields_are_refused_with_their_place() {
    let base = std::fs::read_to_string(fixture().join("site.toml")).expect("read");
    for (from, to, needle) in [
        ("carrier = \"natural-gas\"\nfactor = \"natural-gas\"", "carrier = \"natural-gas\"\nfactor = \"natural-gas\"\nncv = \"48 kWh\"", "ncv"),
        ("green_share = 0.25", "green_share = 25", "green_share"),
        ("kpis = [\"electricity\", \"co2\"]", "kpis = [\"electricity\", \"carbon\"]", "unknown KPI"),
        ("amount = \"2000 m2\"", "amount = \"2000 furlongs\"", "unknown unit"),
        ("meter = \"press.output\"", "value = \"press.output + press.p\"", "cannot combine"),
    ] {
        assert!(base.contains(from), "{from}");
        let text = base.replacen(from, to, 1);
        let opened = plant_site::parse(&text, Path::new("/x")).expect("still opens");
        let d = opened.diagnostics.iter().find(|d| d.message.text_in(Lang::En).contains(needle)).unwrap_or_else(|| panic!("{needle}: {:?}", opened.diagnostics));
        assert!(matches!(d.place, plant_site::Place::LineCol { .. }), "{d:?}");
    }
}

#[test]
fn the_cement_plants_record_gives_plausible_figures() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant");
    let (site, store) = open(&root);
    let (book, diags) = prepare(&site);
    assert!(diags.is_empty(), "{diags:?}");
    let (t0, t1) = store.time_range().expect("range");
    let r = report(&site, &store, &book, t0, t1 + 1);
    // Process CO2 from 65.2 % CaO and 1.5 % MgO: 0.528 t/t clinker (domain: ≈ 0.52-0.53).
    let process = r.kpi("clinker", "process-co2", "tCO2/t").expect("process");
    assert!((0.52..0.535).contains(&process), "{process}");
    // Combustion CO2 on coal ≈ 0.3 t/t clinker: 3.2 GJ/t × 94.6 kg/GJ.
    let comb = r.scopes.scope1_combustion_t / r.product("clinker").expect("clinker").amount.value;
    assert!((0.28..0.33).contains(&comb), "{comb}");
    let gj_t = r.kpi("clinker", "fuel", "GJ/t").expect("GJ/t");
    assert!((3.1..3.4).contains(&gj_t), "{gj_t} GJ/t");
    let kgce = r.kpi("clinker", "fuel", "kgce/t").expect("kgce/t");
    close(kgce, gj_t * 1e3 / 29.3076, "kgce = GJ/t × 1000 / 29.3076");
    assert!((100.0..120.0).contains(&kgce), "{kgce} kgce/t (GB 16780 ≤ 120 for existing lines)");
    let kwh_t = r.kpi("cement", "electricity", "kWh/t").expect("kWh/t");
    assert!((70.0..110.0).contains(&kwh_t), "{kwh_t} kWh/t cement");
    // Market-based is below location-based with 10 % green power despite the higher residual factor.
    assert!(r.scopes.scope2_market_t < r.scopes.scope2_location_t);
    // Kiln heat balance: heat of formation 1.75 GJ/t; losses are the rest, 40-55 % of the fuel heat.
    let flow = |to: &str| r.flows.iter().find(|f| f.to == to).expect("flow");
    let clinker_t = r.product("clinker").expect("clinker").amount.value;
    close(flow("clinker-heat").energy_gj.expect("formation"), 1.75 * clinker_t, "heat of formation");
    let losses = flow("kiln-losses").energy_gj.expect("losses") / r.energy.fuel_gj;
    assert!((0.40..0.55).contains(&losses), "loss share {losses}");
    // Balances: the coal bin's stock change is flagged; the substation and the kiln (closed by its
    // remainder) are not.
    assert!(r.imbalances.iter().any(|b| b.node == "coal-mill-1"), "{:?}", r.imbalances);
    assert!(r.imbalances.iter().all(|b| b.node != "substation-1" && b.node != "kiln-1"), "{:?}", r.imbalances);
    // Clinker's key figures stop at the clinker: the clinker silo, the cement mills and silos are left out
    // (the cement sector's protocol: clinker figures exclude cement grinding); cement's are the whole site's.
    let clinker = r.product("clinker").expect("clinker");
    for n in ["clinker-silo-1", "cement-mill-1", "cement-mill-2", "cement-silos"] {
        assert!(clinker.outside.iter().any(|o| o == n), "{n} not outside clinker: {:?}", clinker.outside);
    }
    for n in ["kiln-1", "raw-mill-1", "coal-mill-1", "id-fan-1", "baghouse-1", "cooler-1", "substation-1"] {
        assert!(!clinker.outside.iter().any(|o| o == n), "{n} outside clinker");
    }
    assert!(r.product("cement").expect("cement").outside.is_empty());
    let grinding: f64 = r.nodes.iter().filter(|n| clinker.outside.contains(&n.id)).map(|n| n.electricity_mwh).sum();
    assert!(grinding > 0.0);
    // Clinker's electricity is the site's less the grinding's: about 72 kWh/t (GB 16780's older limit for
    // existing lines ≥ 4,000 t/d is 68 kWh/t comparable clinker); the whole site per t clinker is ≈ 100.
    let clinker_kwh = r.kpi("clinker", "electricity", "kWh/t").expect("clinker kWh/t");
    close(clinker_kwh, (r.energy.electricity_mwh - grinding) * 1e3 / clinker_t, "clinker kWh/t within its boundary");
    assert!((55.0..85.0).contains(&clinker_kwh) && clinker_kwh < r.energy.electricity_mwh * 1e3 / clinker_t, "{clinker_kwh} kWh/t");
    let co2 = r.kpi("clinker", "co2", "tCO2/t").expect("clinker CO2");
    let grinding_co2: f64 = r.nodes.iter().filter(|n| clinker.outside.contains(&n.id)).map(|n| n.co2_t).sum();
    close(co2, (r.scopes.total_location_t - grinding_co2) / clinker_t, "clinker CO2 within its boundary");
    // Per-node CO2 adds up to the site's total (location-based).
    let sum: f64 = r.nodes.iter().map(|n| n.co2_t).sum();
    assert!((sum - r.scopes.total_location_t).abs() < 1e-6 * r.scopes.total_location_t, "{sum} vs {}", r.scopes.total_location_t);
}

const SMELTER: &str = r#"
[site]
name = "smelter"
kind = "aluminium-smelter"
time_zone = "UTC"

[[equipment]]
id = "potline-1"
type = "potline"
name = "Potline 1"

[[meter]]
id = "potline-1.power"
quantity = "electric_power"
unit = "MW"
equipment = "potline-1"

[[meter]]
id = "potline-1.metal"
quantity = "mass_flow"
unit = "t/h"
equipment = "potline-1"

[[meter]]
id = "potline-1.h2"
quantity = "mass_flow"
unit = "kg/h"
equipment = "potline-1"

[[node]]
id = "grid"
name = "Grid"
kind = "source"
carrier = "electricity"
factor = "cn-reporting-2022"

[[flow]]
from = "grid"
to = "potline-1"
carrier = "electricity"
meter = "potline-1.power"

[accounting]
gwp = "AR4"

[[product]]
id = "aluminium"
name = "Aluminium"
meter = "potline-1.metal"
anode = { net_consumption = 0.42, sulphur = 0.02, ash = 0.004, at = "potline-1" }
pfc = { slope_cf4 = 0.143, ae_minutes = 0.2, c2f6_ratio = 0.121, at = "potline-1" }

[[product]]
id = "hydrogen"
name = "Hydrogen"
meter = "potline-1.h2"
unit = "kg"
kpis = ["electricity"]
"#;

#[test]
fn anode_carbon_and_pfc_are_process_emissions_with_the_chosen_gwp() {
    let opened = plant_site::parse(SMELTER, Path::new("/smelter")).expect("parses");
    assert!(opened.diagnostics.iter().all(|d| !d.is_error()), "{:?}", opened.diagnostics);
    let site = opened.site;
    let mut store = Store::new();
    let t: Vec<i64> = (0..120).map(|i| T0 + i * 60_000).collect();
    for (id, v) in [("potline-1.power", 140.0), ("potline-1.metal", 10.0), ("potline-1.h2", 100.0)] {
        store.insert(id, Series::from_samples(t.clone(), vec![v; 120]).0);
    }
    let (book, diags) = prepare(&site);
    assert!(diags.is_empty(), "{diags:?}");
    let r = report(&site, &store, &book, T0, T0 + 2 * H);
    // 20 t of metal. Anodes: 0.42 t C/t × (1 − 0.02 − 0.004) × 44.009/12.011.
    let anode = 20.0 * 0.42 * 0.976 * 44.009 / 12.011;
    close(r.scopes.process_anode_t, anode, "anode CO2");
    // PFC, Tier 2 slope: 0.143 kg CF4/(t · AE-min/cell-day) × 0.2 → 0.0286 kg CF4/t; C2F6 12.1 % of it;
    // AR4 GWPs 7,390 and 12,200.
    let cf4 = 0.143 * 0.2;
    let pfc = 20.0 * (cf4 * 7390.0 + cf4 * 0.121 * 12200.0) / 1000.0;
    close(r.scopes.process_pfc_co2e_t, pfc, "PFC CO2e");
    close(r.scopes.scope1_process_t, anode + pfc, "process total");
    close(r.kpi("aluminium", "process-co2", "tCO2/t").expect("t/t"), (anode + pfc) / 20.0, "process per t");
    // 140 MW × 2 h = 280 MWh: 14,000 kWh/t Al, and per kg of hydrogen in its own unit.
    close(r.kpi("aluminium", "electricity", "kWh/t").expect("kWh/t"), 14_000.0, "kWh/t Al");
    close(r.kpi("hydrogen", "electricity", "kWh/kg").expect("kWh/kg"), 280_000.0 / 200.0, "kWh/kg H2");
    // The potline is where all of it is caused.
    close(r.node("potline-1").expect("node").co2_t, anode + pfc + 280.0 * 0.5703, "potline CO2");
    let line = r.product("aluminium").expect("product");
    let kinds: Vec<&str> = line.process.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, ["anodes", "pfc"]);
}

#[test]
fn the_smelter_record_gives_the_figures_of_a_400_ka_prebake_line() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/aluminium-smelter");
    let (site, store) = open(&root);
    assert!(site.equipment.iter().filter(|e| e.kind == "reduction-cell").count() >= 100);
    let (book, diags) = prepare(&site);
    assert!(diags.is_empty(), "{diags:?}");
    let (t0, t1) = store.time_range().expect("range");
    assert!(t1 - t0 >= 14 * 86_400_000 - 60_000, "at least 14 days");
    let r = report(&site, &store, &book, t0, t1 + 1);
    let metal = r.product("aluminium").expect("metal").amount.value;
    let hours = r.hours;
    // 120 cells × 400 kA × 0.3356 kg/(kA·h) × CE ≈ 15 t/h.
    assert!((14.0..16.5).contains(&(metal / hours)), "{} t/h", metal / hours);
    // DC energy of the potline per tonne: 13,000-13,800 kWh/t (GB 21346: AC ≤ 13,700 for the reduction
    // process); the whole site's electricity is higher.
    let dc = r.flows.iter().find(|f| f.to == "potline-1").and_then(|f| f.energy_gj).expect("dc") / 3.6 * 1000.0 / metal;
    assert!((12_800.0..13_900.0).contains(&dc), "{dc} kWh/t DC");
    let site_kwh = r.kpi("aluminium", "electricity", "kWh/t").expect("kWh/t");
    assert!(site_kwh > dc && site_kwh < 15_500.0, "{site_kwh}");
    // Process CO2: anodes ≈ 1.5 t/t, PFC a few tenths (t CO2e/t).
    let anode = r.scopes.process_anode_t / metal;
    let pfc = r.scopes.process_pfc_co2e_t / metal;
    assert!((1.45..1.55).contains(&anode) && (0.1..0.5).contains(&pfc), "{anode} {pfc}");
    assert!(r.imbalances.is_empty(), "{:?}", r.imbalances);
    // Anode effects: about 0.1 per pot-day over the record.
    let ae = store.get("potline-1.ae-count").expect("ae");
    let minutes_in_ae: f64 = ae.values().iter().sum();
    let per_pot_day = minutes_in_ae / 2.5 / 120.0 / 14.0;
    assert!((0.05..0.2).contains(&per_pot_day), "{per_pot_day} AE/pot-day");
    // Cell 37 is cut out for relining from day 6: 0 V.
    let v = store.reading_at("pot-037.voltage", t0 + 8 * 86_400_000).value();
    assert_eq!(v, Some(0.0));
}

#[test]
fn the_office_record_gives_the_figures_of_a_cooled_office_in_summer() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/office-building");
    let (site, store) = open(&root);
    let (book, diags) = prepare(&site);
    assert!(diags.is_empty(), "{diags:?}");
    let (t0, t1) = store.time_range().expect("range");
    assert!(t1 - t0 >= 14 * 86_400_000 - 60_000, "at least 14 days");
    let r = report(&site, &store, &book, t0, t1 + 1);
    // Two summer weeks of a Chinese office: 5-10 kWh/m² (≈ 130-260 kWh/m² a year at this rate).
    let kwh_m2 = r.kpi("floor-area", "electricity", "kWh/m²").expect("kWh/m²");
    assert!((5.0..10.0).contains(&kwh_m2), "{kwh_m2}");
    assert!(r.imbalances.is_empty(), "{:?}", r.imbalances);
    let unmetered = r.node("unmetered-electricity").expect("unmetered").electricity_mwh / r.energy.electricity_mwh;
    assert!((0.02..0.15).contains(&unmetered), "{unmetered}");
    // The chillers' COP from the meters, weekday afternoons: cooling delivered / compressor power.
    let load = store.get("chw-header.cooling-load").expect("load");
    let cop_at = |day: i64| {
        let (a, b) = (t0 + day * 86_400_000 + 13 * 3_600_000, t0 + day * 86_400_000 + 16 * 3_600_000);
        let q = load.aggregate(a, b).mean().expect("q");
        let p: f64 = (1..=3).map(|c| store.get(&format!("chiller-{c}.power")).expect("p").aggregate(a, b).mean().expect("p")).sum();
        q / p
    };
    let (normal, reset) = (cop_at(2), cop_at(8));
    assert!((4.5..7.5).contains(&normal) && (4.5..7.5).contains(&reset), "COP {normal}, {reset}");
    // The chilled-water reset trial shows in the data: 8 °C on days 8-9, 6.67 °C otherwise.
    let chws =
        |day: i64| store.get("chiller-1.chws-temp").expect("chws").aggregate(t0 + day * 86_400_000 + 14 * 3_600_000, t0 + day * 86_400_000 + 15 * 3_600_000).mean().expect("t");
    assert!((chws(8) - 8.0).abs() < 0.1 && (chws(2) - 6.67).abs() < 0.1, "{} {}", chws(8), chws(2));
}
