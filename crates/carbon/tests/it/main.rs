//! Worked cases of docs/references.md and factor-set parsing.

use std::path::{Path, PathBuf};

use plant_carbon::{bought_energy_co2, calcination_co2_per_t_clinker, combustion, load_factor_set, parse_factor_set, pfc_co2e_t, scope2_location};
use plant_i18n::Lang;
use plant_site::Place;
use plant_units::{Dim, UnitError, Value};

fn factors(name: &str) -> plant_carbon::FactorSet {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../assets/factors").join(name);
    load_factor_set(&p).expect("factor set loads")
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn calcination_worked_case_65_cao_1_5_mgo() {
    // [NDRC-2013] form: 65 % CaO, 1.5 % MgO, all from carbonates → 0.5265 t CO2/t clinker.
    let e = calcination_co2_per_t_clinker(0.65, 0.015, 0.0, 0.0);
    assert!(close(e, 0.5265, 0.00005), "{e}");
    // The pitfall: using 44/56 for the MgO term gives a visibly different number.
    let wrong = 0.65 * 44.0 / 56.0 + 0.015 * 44.0 / 56.0;
    assert!(close(wrong, 0.5225, 0.00005) && e - wrong > 0.0035, "{wrong}");
    // Non-carbonate CaO lowers it.
    assert!(calcination_co2_per_t_clinker(0.65, 0.015, 0.01, 0.0) < e);
}

#[test]
fn combustion_of_coal_and_biomass() {
    let ipcc = factors("ipcc-2006-fuels.toml");
    assert_eq!(ipcc.info.year, 2006);
    let coal = ipcc.fuel("bituminous-coal").expect("coal");
    // 1 t × 25.8 GJ/t × 94.6 kg/GJ = 2,440.68 kg CO2.
    let c = combustion(coal, Value::new(1.0, "t").expect("t"), None).expect("ok");
    assert!(close(c.energy.in_unit("GJ").expect("GJ"), 25.8, 1e-9));
    assert!(close(c.fossil_co2.in_unit("kgCO2").expect("kg"), 2440.68, 1e-6));
    assert_eq!(c.biogenic_co2.si, 0.0);
    // Wood is all biogenic: a memo item, no scope 1.
    let wood = ipcc.fuel("wood").expect("wood");
    let w = combustion(wood, Value::new(1.0, "t").expect("t"), None).expect("ok");
    assert_eq!(w.fossil_co2.si, 0.0);
    assert!(close(w.biogenic_co2.in_unit("tCO2").expect("t"), 15.6 * 0.112, 1e-9));
    // An alternative-fuel mix with a measured 40 % biomass share.
    let af = combustion(ipcc.fuel("municipal-waste-fossil").expect("msw"), Value::new(10.0, "t").expect("t"), Some(0.4)).expect("ok");
    assert!(close(af.fossil_co2.si / (af.fossil_co2.si + af.biogenic_co2.si), 0.6, 1e-12));
    // A fuel burned by the kWh is refused.
    let err = combustion(coal, Value::new(1.0, "kWh").expect("kWh"), None).expect_err("energy is not a fuel amount");
    assert_eq!(err, UnitError::NotAFuelMass(Dim::ENERGY));
    assert_eq!(err.message().text_in(Lang::En), "cannot burn energy: an amount of fuel is a mass");
    assert_eq!(err.message().text_in(Lang::ZhCn), "无法燃烧能量：燃料的量须为质量", "the dimension's name in the same language");
}

#[test]
fn cement_combustion_co2_is_about_0_3_t_per_t_clinker_on_coal() {
    // [IPCC-2006-V2]: E = q × Q × EF; 3.2 GJ/t clinker on bituminous coal (94.6 kg/GJ) ≈ 0.30 t/t.
    let ipcc = factors("ipcc-2006-fuels.toml");
    let coal = ipcc.fuel("bituminous-coal").expect("coal");
    let per_t = (Value::new(3.2, "GJ/t").expect("q") * coal.co2_per_energy).in_unit("tCO2/t").expect("t/t");
    assert!(close(per_t, 0.3027, 0.0001), "{per_t}");
}

#[test]
fn grid_and_heat_factors_with_provenance() {
    let cn = factors("china-2022.toml");
    let reporting = cn.electricity("cn-reporting-2022").expect("reporting factor");
    assert!(reporting.source.contains("MEE"));
    assert!(close(reporting.co2_per_energy.in_unit("tCO2/MWh").expect("EF"), 0.5703, 1e-12));
    assert!(cn.electricity("cn-national-2022-excl-green").expect("market").market_based);
    let mwh = Value::new(1000.0, "MWh").expect("MWh");
    assert!(close(bought_energy_co2(mwh, reporting).expect("ok").in_unit("tCO2").expect("t"), 570.3, 1e-9));
    let heat = cn.heat("cn-purchased-heat").expect("heat");
    assert!(close(bought_energy_co2(Value::new(100.0, "GJ").expect("GJ"), heat).expect("ok").in_unit("tCO2").expect("t"), 11.0, 1e-9));
    assert_eq!(bought_energy_co2(Value::new(1.0, "MW").expect("MW"), reporting), Err(UnitError::NotAnEnergy(Dim::POWER)), "power is not energy");
    // Hourly factors: Σ E_t × EF_t.
    let hours = [(1.0, 0.50), (2.0, 0.60), (1.0, 0.40)].map(|(e, ef)| (Value::new(e, "MWh").expect("e"), Value::new(ef, "tCO2/MWh").expect("ef")));
    assert!(close(scope2_location(hours).expect("ok").in_unit("tCO2").expect("t"), 2.1, 1e-12));
}

#[test]
fn pfc_co2e_by_gwp_set() {
    let cn = factors("china-2022.toml");
    assert_eq!(pfc_co2e_t(&cn, "AR4", 1.0, 0.1), Some(7390.0 + 1220.0));
    assert_eq!(pfc_co2e_t(&cn, "AR5", 1.0, 0.0), Some(6630.0));
    assert_eq!(pfc_co2e_t(&cn, "AR9", 1.0, 0.0), None);
}

#[test]
fn a_factor_with_a_wrong_unit_is_refused_at_its_line() {
    let text =
        "[set]\nid = \"x\"\nname = \"x\"\nyear = 2024\nsource = \"test\"\n\n[[electricity]]\nid = \"g\"\nname = \"g\"\nsource = \"s\"\nvalue = { value = 0.5, unit = \"t/MWh\" }\n";
    let err = parse_factor_set(text, Path::new("bad.toml")).expect_err("t/MWh is not CO2 per energy");
    assert!(matches!(err.place, Place::LineCol { line: 11, .. }), "{err:?}");
    assert_eq!(err.message.id, "carbon-co2-factor-dimension");
    assert!(err.to_string().starts_with("error: bad.toml:11:"), "{err}");
    assert!(err.to_string().contains(": a CO2 factor must be CO2 per energy, \"t/MWh\" is kg^0 m^-2 s^2 "), "{err}");
    assert!(err.text_in(Lang::ZhCn).starts_with("错误：bad.toml，第 11 行，第 "), "{}", err.text_in(Lang::ZhCn));
    assert!(err.text_in(Lang::ZhCn).contains("二氧化碳排放因子须为单位能量二氧化碳排放，而“t/MWh”是量纲 kg^0 m^-2 s^2"), "{}", err.text_in(Lang::ZhCn));
}

#[test]
fn the_cement_record_gives_plausible_co2_per_tonne_of_clinker() {
    // Recorded meters of the bundled plant, integrated over the whole record.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant");
    let site = plant_site::open(&root).expect("site").site;
    let store = plant_ingest::load_site_data(&site, &|_, _| {}).store;
    let tonnes = |meter: &str| {
        let s = store.get(meter).expect(meter);
        let (t0, t1) = s.time_range().expect("range");
        let mean_tph = s.aggregate(t0, t1 + 1).mean().expect("mean");
        Value::new(mean_tph, "t/h").expect("t/h").over_secs((t1 - t0) as f64 / 1000.0)
    };
    let clinker = tonnes("cooler-1.clinker");
    let coal = tonnes("kiln-1.coal").try_add(tonnes("calciner-1.coal")).expect("same dimension");
    assert!((60_000.0..80_000.0).contains(&clinker.in_unit("t").expect("t")), "≈ 5,000 t/d for 14 days");

    // Process CO2 from a typical clinker (65 % CaO, 1.5 % MgO): 0.52-0.53 t/t ([IPCC-2006-V3], [CSI-2011]).
    let process = calcination_co2_per_t_clinker(0.65, 0.015, 0.0, 0.0);
    assert!((0.52..=0.53).contains(&process));

    // Combustion CO2: the plant's coal (as-fired NCV 23.8 GJ/t, the generator's figure) with the IPCC
    // bituminous-coal CO2 factor.
    let ipcc = factors("ipcc-2006-fuels.toml");
    let mut coal_fuel = ipcc.fuel("bituminous-coal").expect("coal").clone();
    coal_fuel.ncv = Value::new(23.8, "GJ/t").expect("NCV");
    let burnt = combustion(&coal_fuel, coal, None).expect("combustion");
    let heat_per_t = (burnt.energy / clinker).in_unit("GJ/t").expect("GJ/t");
    let co2_per_t = (burnt.fossil_co2 / clinker).in_unit("tCO2/t").expect("t/t");
    assert!((3.1..=3.4).contains(&heat_per_t), "{heat_per_t} GJ/t clinker");
    assert!((0.28..=0.32).contains(&co2_per_t), "{co2_per_t} t CO2/t clinker from coal");
    let kgce = plant_units::convert(heat_per_t, "GJ/t", "kgce/t").expect("kgce");
    assert!((105.0..=116.0).contains(&kgce), "{kgce} kgce/t clinker, near GB 16780's 110-120 grades");
}
