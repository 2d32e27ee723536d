use plant_i18n::Lang;
use plant_process::electrolyser::{self, PemElectrolyser};
use plant_process::hvac::{ChillerCurves, ChillerPlant};
use plant_process::kiln::CementKiln;
use plant_process::potline::{self, Potline};
use plant_process::{Prices, Process, ProcessError};

fn near(a: f64, b: f64, tol: f64, what: &str) {
    assert!((a - b).abs() <= tol, "{what}: {a} (expected {b} ± {tol})");
}

#[test]
fn doe2_centrifugal_curves_reproduce_the_worked_checks() {
    let c = ChillerCurves::doe2_centrifugal_5_50cop();
    near(c.capft(6.67, 29.4), 1.0033, 0.0005, "CAPFT at the reference point");
    near(c.eirft(6.67, 29.4), 0.9991, 0.0005, "EIRFT at the reference point");
    for (plr, want) in [(0.25, 0.3302), (0.5, 0.4955), (0.75, 0.7188), (1.0, 1.0000)] {
        near(c.eirfplr(plr), want, 0.00015, &format!("EIRFPLR at {plr}"));
    }
    // A 1,000 kW, COP 5.5 chiller carrying 1,000 kW at the reference point: 181.5 kW.
    near(c.power(1000.0, 1000.0, 6.67, 29.4), 181.5, 0.1, "full-load power");
}

#[test]
fn faraday_and_specific_energy_of_the_potline() {
    near(potline::faraday_kg_per_ka_h(), 0.3356, 0.00005, "kg Al per kA·h");
    near(potline::dc_kwh_per_t(4.2, 0.95), 13_175.0, 1.0, "4.2 V at 95 % CE");
    near(potline::dc_kwh_per_t(4.2, 0.95) - potline::dc_kwh_per_t(4.1, 0.95), 314.0, 1.5, "−0.1 V");
    near(potline::dc_kwh_per_t(4.2, 0.95) - potline::dc_kwh_per_t(4.2, 0.96), 137.0, 5.0, "+1 % CE ≈ −140 kWh/t");
    // Hives et al. at 2.5 % Al2O3, 11 % AlF3, 4.5 % CaF2, 963 °C.
    let k = potline::bath_conductivity(2.5, 11.0, 4.5, 0.0, 0.0, 0.0, 963.0 + 273.15);
    near(k, 2.185, 0.005, "bath conductivity S/cm");
    // The default cell: about 4.2 V and 94-95 % CE at 400 kA, 4.5 cm.
    let p = Potline::default();
    let e = p.evaluate(&p.defaults(), &Prices::default());
    near(e.output("cell_voltage").unwrap_or(0.0), 4.2, 0.05, "cell voltage");
    near(e.output("current_efficiency").unwrap_or(0.0), 94.5, 1.0, "CE %");
    let ac = e.output("ac_energy").unwrap_or(0.0);
    assert!((13_200.0..14_500.0).contains(&ac), "AC {ac} kWh/t (GB 21346 limit 13,700 for the AC of liquid metal)");
}

#[test]
fn hydrogen_faraday_and_polarisation_are_in_the_published_ranges() {
    near(electrolyser::g_h2_per_ka_h(), 37.6, 0.05, "g H2 per cell per kA·h");
    near(electrolyser::stack_kwh_per_kg(1.0, 1.0), 26.59, 0.01, "kWh/kg per volt");
    for (i, lo, hi) in [(1.0, 1.6, 1.9), (2.0, 1.85, 2.1), (3.0, 2.0, 2.4)] {
        let v = electrolyser::cell_voltage(i, 80.0, 1.0);
        assert!((lo..hi).contains(&v), "{v} V at {i} A/cm² (PEM 1.4-2.3 V)");
    }
    near(electrolyser::faradaic_efficiency(0.0158), 0.498, 0.002, "η_F at √f1");
    assert!(electrolyser::faradaic_efficiency(1.0) > 0.995 * 0.996);
    let p = PemElectrolyser::default();
    let e = p.evaluate(&p.defaults(), &Prices::default());
    let stack = e.output("stack_energy").unwrap_or(0.0);
    let system = e.output("system_energy").unwrap_or(0.0);
    assert!((47.0..66.0).contains(&stack) && (50.0..83.0).contains(&system), "stack {stack}, system {system} kWh/kg (IRENA 2020)");
}

#[test]
fn the_kiln_reference_point_matches_the_bundled_plant_and_the_domain() {
    let k = CementKiln::default();
    near(plant_carbon::calcination_co2_per_t_clinker(0.65, 0.015, 0.0, 0.0), 0.5265, 0.0005, "calcination worked case");
    let e = k.evaluate(&k.defaults(), &Prices::default());
    near(e.output("specific_heat").unwrap_or(0.0), 3.20, 0.03, "GJ/t at the reference point");
    near(e.output("electricity").unwrap_or(0.0), 57.0, 2.0, "kiln-line kWh/t");
    near(e.output("combustion_co2").unwrap_or(0.0), 0.30, 0.02, "combustion CO2 on coal t/t");
    let share = e.output("exit_gas_loss").unwrap_or(0.0) / e.output("specific_heat").unwrap_or(1.0);
    assert!((0.14..0.20).contains(&share), "exit-gas share {share} (example 17 %)");
    assert!(e.output("free_lime").unwrap_or(9.0) < 1.5 && e.feasible(1e-9), "{:?}", e.constraints);
    // The heat balance closes: its parts add up to the specific heat.
    let hb = k.balance_at(&k.defaults());
    near(hb.total(), e.output("specific_heat").unwrap_or(0.0), 1e-9, "heat balance");
    // A harder-burning raw mix costs heat and adds process CO2.
    let mut x = k.defaults();
    x[8] = 66.5;
    let hard = k.evaluate(&x, &Prices::default());
    assert!(hard.output("specific_heat") > e.output("specific_heat") && hard.output("process_co2") > e.output("process_co2"));
}

#[test]
fn physical_directions_hold() {
    let prices = Prices::default();
    // More excess air costs fuel.
    let k = CementKiln::default();
    let q = |o2: f64| {
        let mut x = k.defaults();
        x[1] = o2;
        k.evaluate(&x, &prices).output("specific_heat").unwrap_or(0.0)
    };
    assert!(q(1.5) < q(2.5) && q(2.5) < q(3.5), "{} {} {}", q(1.5), q(2.5), q(3.5));
    let per_pct = q(3.5) - q(2.5);
    assert!((0.025..0.07).contains(&per_pct), "{per_pct} GJ/t per % O2");
    // A warmer chilled-water supply lowers chiller power (≈ 2.7-3.5 % per K from the curves).
    let plant = ChillerPlant::default();
    let chiller = |chwst: f64| {
        let mut x = plant.defaults();
        x[0] = chwst;
        x[2] = 14.0;
        plant.evaluate(&x, &prices).output("chiller_power").unwrap_or(0.0)
    };
    let (a, b) = (chiller(6.67), chiller(7.67));
    assert!(b < a, "{a} → {b}");
    assert!((0.015..0.045).contains(&((a - b) / a)), "{} per K", (a - b) / a);
    // A cooler condenser-water supply lowers chiller power too.
    let cw = |t: f64| {
        let mut x = plant.defaults();
        x[1] = t;
        plant.evaluate(&x, &prices).output("chiller_power").unwrap_or(0.0)
    };
    assert!(cw(28.0) < cw(30.0));
    // Lower ACD lowers voltage (and CE).
    let pot = Potline::default();
    let (v1, _) = pot.cell_voltage(400.0, 4.5, 2.5, 11.0, 963.0);
    let (v2, _) = pot.cell_voltage(400.0, 4.2, 2.5, 11.0, 963.0);
    assert!(v2 < v1 && potline::current_efficiency(4.2, 963.0, 11.0) < potline::current_efficiency(4.5, 963.0, 11.0));
    // Electrolyser: warmer is lower voltage; more current is higher voltage.
    assert!(electrolyser::cell_voltage(2.0, 80.0, 20.0) < electrolyser::cell_voltage(2.0, 60.0, 20.0));
    assert!(electrolyser::cell_voltage(2.5, 70.0, 20.0) > electrolyser::cell_voltage(1.5, 70.0, 20.0));
    // Energy accounts close: potline AC ≥ DC; plant power is the sum of its parts.
    let e = pot.evaluate(&pot.defaults(), &prices);
    let (ac, dc) = (e.output("ac_energy").expect("ac_energy"), e.output("dc_energy").expect("dc_energy"));
    assert!(ac > dc && dc > 10_000.0, "AC {ac} kWh/t, DC {dc} kWh/t");
    let h = plant.evaluate(&plant.defaults(), &prices);
    let parts: f64 = ["chiller_power", "chw_pump_power", "cw_pump_power", "tower_fan_power", "ahu_fan_power"].iter().map(|k| h.output(k).unwrap_or(0.0)).sum();
    near(parts, h.output("total_power").unwrap_or(0.0), 1e-9, "plant power");
    near(h.electricity_kw, parts, 1e-9, "electricity");
}

#[test]
fn other_chiller_curve_sets_load_from_toml_and_bad_ones_are_refused() {
    let text = r#"
name = "Centrifugal 6.1 COP (test set)"
cop_ref = 6.1
plr_min = 0.15
capft = [0.257896, 0.0389016, -0.00021708, 0.0468684, -0.00094284, -0.00034344]
eirft = [0.933884, -0.058212, 0.00450036, 0.00243, 0.000486, -0.001215]
eirfplr = [0.222903, 0.313387, 0.463710]
"#;
    let c = ChillerCurves::from_toml(text).expect("loads");
    assert_eq!(c.name, "Centrifugal 6.1 COP (test set)");
    // Same curves, higher COP: 5.5/6.1 of the power.
    let d = ChillerCurves::doe2_centrifugal_5_50cop();
    near(c.power(1000.0, 1000.0, 6.67, 29.4), d.power(1000.0, 1000.0, 6.67, 29.4) * 5.5 / 6.1, 1e-9, "COP scaling");
    let mut plant = ChillerPlant::default();
    assert_eq!(plant.configure("curves", text), Ok(true));
    assert!(
        plant.evaluate(&plant.defaults(), &Prices::default()).output("chiller_power")
            < ChillerPlant::default().evaluate(&plant.defaults(), &Prices::default()).output("chiller_power")
    );
    // Swapped coefficient order is caught; a syntax error names its line.
    let swapped = text.replace("capft = [0.257896, 0.0389016, -0.00021708, 0.0468684,", "capft = [0.0468684, 0.0389016, -0.00021708, 0.257896,");
    assert_ne!(swapped, text);
    let e = ChillerCurves::from_toml(&swapped).expect_err("swapped");
    assert!(matches!(e, ProcessError::CurvesNotNormalised { .. }) && e.message().id == "process-error-curves-not-normalised", "{e:?}");
    assert!(e.to_string().contains("not near 1"), "{e}");
    let e = ChillerCurves::from_toml("name = \"x\"\ncop_ref = \n").expect_err("syntax");
    assert!(matches!(e, ProcessError::CurvesSyntax { line: Some(2), .. }), "{e:?}");
    assert_eq!(e.message().id, "process-error-curves-syntax-line");
    assert!(e.message().text_in(Lang::En).starts_with("chiller curves, line 2: "), "{e}");
    assert!(e.message().text_in(Lang::ZhCn).starts_with("冷水机组曲线，第 2 行："), "{}", e.message().text_in(Lang::ZhCn));
}
