//! `plant-twin eval` and `plant-twin optimise` print the models' numbers, named with their units.

use std::process::Command;

use plant_process::{Prices, Process};

fn run(args: &[&str]) -> (bool, String, String) {
    // In English whatever the developer's locale or remembered language: the assertions read English messages.
    let out = Command::new(env!("CARGO_BIN_EXE_plant-twin")).args(["--lang", "en"]).args(args).output().expect("runs");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn eval_json_is_the_models_evaluation_with_units() {
    let (ok, out, err) = run(&["eval", "potline", "--set", "acd=4.2", "--set", "line_current=410", "--json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let p = plant_process::potline::Potline::default();
    let mut x = p.defaults();
    x[0] = 410.0;
    x[1] = 4.2;
    let e = p.evaluate(&x, &Prices::default());
    let outputs = v["evaluation"]["outputs"].as_array().expect("outputs");
    let voltage = outputs.iter().find(|o| o["key"] == "cell_voltage").expect("voltage");
    assert_eq!(voltage["unit"], "V");
    assert!((voltage["value"].as_f64().expect("v") - e.output("cell_voltage").expect("v")).abs() < 1e-12);
    assert_eq!(v["settings"][1]["unit"], "cm");
    assert!((v["evaluation"]["per_hour"]["co2_t"].as_f64().expect("co2") - e.co2_t_h()).abs() < 1e-9);
    // Bad input: named, and the exit status says so.
    let (ok, _, err) = run(&["eval", "potline", "--set", "acd=9"]);
    assert!(!ok && err.contains("outside the realistic range"), "{err}");
    // An unknown process is refused by the command line, which lists the registry's models.
    let (ok, _, err) = run(&["eval", "blast-furnace"]);
    assert!(!ok && err.contains("'blast-furnace'") && plant_process::IDS.iter().all(|id| err.contains(id)), "{err}");
}

#[test]
fn optimise_json_recommends_feasible_settings_that_beat_the_baseline() {
    let (ok, out, err) = run(&["optimise", "cement-kiln", "--objective", "co2", "--fix", "bypass", "--json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["objective"], "co2");
    assert_eq!(v["objective_unit"], "t CO2/t");
    assert!(v["optimum_objective"].as_f64().expect("f") < v["baseline_objective"].as_f64().expect("b"));
    assert_eq!(v["optimum"]["feasible"], true);
    let bypass = v["settings"].as_array().expect("settings").iter().find(|s| s["key"] == "bypass").expect("bypass");
    assert_eq!(bypass["delta"].as_f64(), Some(0.0), "a fixed setting stays");
}

#[test]
fn conditions_are_given_on_the_command_line() {
    // A 600 t/d kiln at 25 t/h: the design output moves the output's range and the production target.
    let (ok, out, err) = run(&["eval", "cement-kiln", "--condition", "capacity_t_d=600", "--set", "clinker=25", "--condition", "coal_ncv=21", "--json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["conditions"]["capacity_t_d"].as_f64(), Some(600.0));
    assert_eq!(v["conditions"]["coal_ncv"].as_f64(), Some(21.0));
    assert_eq!(v["evaluation"]["feasible"], true, "{v}");
    let mut k = plant_process::kiln::CementKiln::default();
    assert!(k.set_condition("capacity_t_d", 600.0, &[]) && k.set_condition("coal_ncv", 21.0, &[]));
    let mut x = k.defaults();
    x[0] = 25.0;
    let e = k.evaluate(&x, &Prices::default());
    let q = v["evaluation"]["outputs"].as_array().expect("outputs").iter().find(|o| o["key"] == "specific_heat").expect("q")["value"].as_f64().expect("q");
    assert!((q - e.output("specific_heat").expect("q")).abs() < 1e-12);
    // The table lists the conditions.
    let (ok, out, err) = run(&["eval", "cement-kiln", "--condition", "exit_gas_c=300"]);
    assert!(ok && out.contains("Conditions") && out.contains("exit_gas_c=300"), "{out}{err}");
    // The chiller plant on a mild day: a lower wet bulb lowers the condenser water it can reach.
    let (ok, mild, err) = run(&["eval", "chiller-plant", "--condition", "outdoor_wet_bulb_c=18", "--condition", "outdoor_dry_bulb_c=24", "--json"]);
    assert!(ok, "{err}");
    let mild: serde_json::Value = serde_json::from_str(&mild).expect("json");
    assert_eq!(mild["conditions"]["outdoor_wet_bulb_c"].as_f64(), Some(18.0));
    // A smaller plant at part load, typed in as an engineer has it: two 1,000 kW chillers, 800 people, a
    // measured 1,200 kW (given first: it is met once the rest is known). kW/kW, PLR, CAPFT and ΔT are read back.
    let small = [
        "--condition",
        "cooling_load_kw=1200",
        "--condition",
        "chillers=2",
        "--condition",
        "chiller_capacity_kw=1000",
        "--condition",
        "occupants=800",
        "--condition",
        "design_airflow_kg_s=100",
    ];
    let (ok, out, err) = run(&[&["eval", "chiller-plant", "--json"][..], &small[..]].concat());
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let output = |key: &str| v["evaluation"]["outputs"].as_array().and_then(|a| a.iter().find(|o| o["key"] == key)).and_then(|o| o["value"].as_f64());
    assert!((output("cooling_load").unwrap_or(0.0) - 1200.0).abs() < 0.1, "{v}");
    for key in ["plr", "capft", "eirft", "chiller_kw_per_kw", "plant_kw_per_kw", "plant_kw_per_rt", "chw_delta_t", "chw_flow", "outdoor_air", "room_rh"] {
        assert!(output(key).is_some_and(f64::is_finite), "{key} missing in {v}");
    }
    // The potline as China's guideline reports it (its default factors, SAR GWPs).
    let china = ["--condition", "net_carbon_t_t=0.42", "--condition", "cf4_kg_t=0.034", "--condition", "c2f6_kg_t=0.0034", "--condition", "gwp_report=2"];
    let (ok, out, err) = run(&[&["eval", "potline", "--json"][..], &china[..]].concat());
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let output = |key: &str| v["evaluation"]["outputs"].as_array().and_then(|a| a.iter().find(|o| o["key"] == key)).and_then(|o| o["value"].as_f64());
    assert!((output("pfc_co2e").unwrap_or(0.0) - 0.2523).abs() < 1e-4 && (output("anode_co2").unwrap_or(0.0) - 1.503).abs() < 0.0015, "{v}");
    // The kiln's audit mode on the BEE N-4 survey, as docs/models.md types it: 0.121 kg coal per kg clinker.
    let bee = "--set bypass=0 --condition capacity_t_d=4127 --condition exit_gas_kg_kg=2.095 --condition cooler_vent_kg_kg=1.741 --condition cooler_vent_c=290 --condition cooler_vent_cp=0.244 --condition clinker_exit_c=128 --condition formation_kcal_kg=405 --condition other_losses_kcal_kg=84.3 --condition other_inputs_kcal_kg=29 --condition coal_gcv_kcal_kg=6200";
    let args: Vec<&str> = ["eval", "cement-kiln", "--json"].into_iter().chain(bee.split(' ')).collect();
    let (ok, out, err) = run(&args);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let coal = v["evaluation"]["outputs"].as_array().and_then(|a| a.iter().find(|o| o["key"] == "coal_per_clinker")).and_then(|o| o["value"].as_f64());
    assert!(coal.is_some_and(|c| (c - 0.121).abs() < 0.0005), "{coal:?}");
    let (ok, _, err) = run(&["eval", "chiller-plant", "--condition", "chillers=2.5"]);
    assert!(!ok && err.contains("chillers=2.5"), "{err}");
    // Bad conditions are named.
    let (ok, _, err) = run(&["eval", "cement-kiln", "--condition", "kiln_colour=3"]);
    assert!(!ok && err.contains("no condition \"kiln_colour\"") && err.contains("capacity_t_d"), "{err}");
    let (ok, _, err) = run(&["eval", "cement-kiln", "--condition", "capacity_t_d=5"]);
    assert!(!ok && err.contains("capacity_t_d=5"), "{err}");
    let (ok, _, err) = run(&["eval", "potline", "--condition", "cells"]);
    assert!(!ok && err.contains("not KEY=VALUE"), "{err}");
}
