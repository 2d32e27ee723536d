//! `plant-twin eval` and `plant-twin optimise`: the process models headless, the same code as the what-if
//! panel.

use std::sync::atomic::AtomicBool;

use plant_process::{Evaluation, Objective, OptimiseOptions, Prices, Process, Setting};
use serde_json::json;

use crate::cli::{EvalArgs, OptimiseArgs, WhatIfCommon};

/// Writes to standard output; a closed pipe (`… | head`) ends the output quietly instead of panicking.
pub fn out(text: &str) {
    use std::io::Write as _;
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn process(c: &WhatIfCommon) -> Result<Box<dyn Process>, String> {
    let mut p = plant_process::by_id(&c.process).ok_or_else(|| {
        let ids: Vec<&str> = plant_process::all().iter().map(|p| p.id()).collect();
        format!("error: unknown process \"{}\" (one of {})", c.process, ids.join(", "))
    })?;
    if let Some(path) = &c.curves {
        let text = std::fs::read_to_string(path).map_err(|e| format!("error: {}: {e}", path.display()))?;
        match p.configure("curves", &text) {
            Ok(true) => {}
            Ok(false) => return Err(format!("error: --curves: {} takes no curve set", p.id())),
            Err(e) => return Err(format!("error: {}: {e}", path.display())),
        }
    }
    Ok(p)
}

fn prices(c: &WhatIfCommon) -> Prices {
    Prices { electricity_per_kwh: c.electricity_price, carbon_per_t: c.carbon_price, grid_t_per_mwh: c.grid_factor, ..Prices::default() }
}

/// The settings vector: defaults with `--set key=value` applied; out-of-range values are an error.
fn settings(p: &dyn Process, c: &WhatIfCommon) -> Result<Vec<f64>, String> {
    let s = p.settings();
    let mut x = p.defaults();
    for item in &c.set {
        let (k, v) = item.split_once('=').ok_or_else(|| format!("error: --set \"{item}\" is not KEY=VALUE"))?;
        let i = s.iter().position(|x| x.key == k.trim()).ok_or_else(|| {
            let keys: Vec<&str> = s.iter().map(|x| x.key).collect();
            format!("error: {} has no setting \"{}\" (settings: {})", p.id(), k.trim(), keys.join(", "))
        })?;
        let value: f64 = v.trim().parse().map_err(|_| format!("error: --set {k}: \"{}\" is not a number", v.trim()))?;
        let st = &s[i];
        if !(st.min..=st.max).contains(&value) {
            return Err(format!("error: --set {k}={value}: outside the realistic range {} to {} {} ({})", st.min, st.max, st.unit, st.source));
        }
        x[i] = value;
    }
    Ok(x)
}

fn settings_json(s: &[Setting], x: &[f64]) -> serde_json::Value {
    let list: Vec<serde_json::Value> = s.iter().zip(x).map(|(s, v)| json!({"key": s.key, "name": s.name, "unit": s.unit, "value": v, "min": s.min, "max": s.max})).collect();
    serde_json::Value::Array(list)
}

fn evaluation_json(p: &dyn Process, e: &Evaluation, prices: &Prices) -> serde_json::Value {
    let objectives: Vec<serde_json::Value> = [Objective::Energy, Objective::Co2, Objective::Cost]
        .iter()
        .map(|o| json!({"objective": o, "value": p.objective(e, *o, prices), "unit": p.objective_unit(*o, prices)}))
        .collect();
    let constraints: Vec<serde_json::Value> =
        e.constraints.iter().map(|c| json!({"key": c.key, "name": c.name, "unit": c.unit, "value": c.value, "limit": c.limit, "bound": c.bound, "margin": c.margin()})).collect();
    json!({
        "outputs": e.outputs,
        "constraints": constraints,
        "feasible": e.feasible(1e-6),
        "per_hour": {
            "electricity_kw": e.electricity_kw,
            "fuel_gj": e.fuel_gj_h,
            "energy_gj": e.energy_gj_h(),
            "scope1_combustion_t": e.scope1_combustion_t_h,
            "scope1_process_t": e.scope1_process_t_h,
            "scope2_t": e.scope2_t_h,
            "biogenic_memo_t": e.biogenic_t_h,
            "co2_t": e.co2_t_h(),
            "cost": e.cost_h(prices),
            "production": e.production_h,
            "production_unit": e.production_unit,
        },
        "objectives": objectives,
    })
}

fn table(p: &dyn Process, x: &[f64], e: &Evaluation, prices: &Prices) -> String {
    let mut o = format!("{} ({})\n\nSettings\n", p.name(), p.id());
    for (s, v) in p.settings().iter().zip(x) {
        o.push_str(&format!("  {:<16} {:>10.3} {:<8} {:<44} range {} to {}\n", s.key, v, s.unit, s.name, s.min, s.max));
    }
    o.push_str("\nOutputs\n");
    for out in &e.outputs {
        o.push_str(&format!("  {:<22} {:>12.4} {:<12} {}\n", out.key, out.value, out.unit, out.name));
    }
    o.push_str(&format!(
        "\nPer hour: {:.1} kW electricity, {:.2} GJ fuel, CO2 {:.3} t (scope 1 combustion {:.3}, process {:.3}; scope 2 {:.3}), cost {:.1} {}, production {:.3} {}\n",
        e.electricity_kw,
        e.fuel_gj_h,
        e.co2_t_h(),
        e.scope1_combustion_t_h,
        e.scope1_process_t_h,
        e.scope2_t_h,
        e.cost_h(prices),
        prices.currency,
        e.production_h,
        e.production_unit
    ));
    for ob in [Objective::Energy, Objective::Co2, Objective::Cost] {
        o.push_str(&format!("  {:?}: {:.5} {}\n", ob, p.objective(e, ob, prices), p.objective_unit(ob, prices)));
    }
    o.push_str("\nLimits (margin > 0: within)\n");
    for c in &e.constraints {
        o.push_str(&format!(
            "  {:<18} {:>10.3} vs {:>10.3} {:<10} margin {:>9.3}  {}{}\n",
            c.key,
            c.value,
            c.limit,
            c.unit,
            c.margin(),
            c.name,
            if c.margin() < -1e-9 { "  VIOLATED" } else { "" }
        ));
    }
    o
}

pub fn eval(args: &EvalArgs) -> Result<(), String> {
    let c = &args.common;
    let p = process(c)?;
    let x = settings(p.as_ref(), c)?;
    let prices = prices(c);
    let e = p.evaluate(&x, &prices);
    if c.json {
        let v =
            json!({"process": p.id(), "name": p.name(), "settings": settings_json(&p.settings(), &x), "evaluation": evaluation_json(p.as_ref(), &e, &prices), "prices": prices});
        out(&format!("{}\n", serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?));
    } else {
        out(&table(p.as_ref(), &x, &e, &prices));
    }
    Ok(())
}

pub fn optimise(args: &OptimiseArgs) -> Result<(), String> {
    let c = &args.common;
    let p = process(c)?;
    let base = settings(p.as_ref(), c)?;
    let prices = prices(c);
    let objective: Objective = args.objective.parse().map_err(|e| format!("error: {e}"))?;
    let keys: Vec<&'static str> = p.settings().iter().map(|s| s.key).collect();
    let mut opts = OptimiseOptions::for_process(p.as_ref(), objective);
    opts.prices = prices.clone();
    for k in &args.fix {
        let key = keys.iter().find(|x| **x == k.as_str()).ok_or_else(|| format!("error: --fix: no setting \"{k}\" (settings: {})", keys.join(", ")))?;
        opts.fixed.push(key);
    }
    opts.fixed.retain(|k| !args.free.iter().any(|f| f == k));
    let cancel = AtomicBool::new(false);
    let r = plant_process::optimise(p.as_ref(), &base, &opts, &cancel, &mut |_| {}).map_err(|e| format!("error: {e}"))?;
    let base_eval = p.evaluate(&base, &prices);
    if c.json {
        let deltas: Vec<serde_json::Value> = p
            .settings()
            .iter()
            .zip(base.iter().zip(&r.settings))
            .map(|(s, (b, o))| json!({"key": s.key, "unit": s.unit, "baseline": b, "recommended": o, "delta": o - b}))
            .collect();
        let v = json!({
            "process": p.id(),
            "objective": objective,
            "objective_unit": r.objective_unit,
            "baseline_objective": r.baseline_objective,
            "optimum_objective": r.objective,
            "saving_fraction": 1.0 - r.objective / r.baseline_objective,
            "fixed": opts.fixed,
            "settings": deltas,
            "baseline": evaluation_json(p.as_ref(), &base_eval, &prices),
            "optimum": evaluation_json(p.as_ref(), &r.evaluation, &prices),
            "prices": prices,
        });
        out(&format!("{}\n", serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?));
    } else {
        let mut t = format!(
            "Objective {:?}: baseline {:.5} → optimum {:.5} {} ({:.2} % less)\n",
            objective,
            r.baseline_objective,
            r.objective,
            r.objective_unit,
            100.0 * (1.0 - r.objective / r.baseline_objective)
        );
        if !opts.fixed.is_empty() {
            t.push_str(&format!("Held at baseline: {}\n", opts.fixed.join(", ")));
        }
        t.push_str("\nRecommended settings (change from baseline)\n");
        for (s, (b, o)) in p.settings().iter().zip(base.iter().zip(&r.settings)) {
            t.push_str(&format!("  {:<16} {:>10.3} {:<8} ({:+.3})\n", s.key, o, s.unit, o - b));
        }
        t.push('\n');
        t.push_str(&table(p.as_ref(), &r.settings, &r.evaluation, &prices));
        out(&t);
    }
    Ok(())
}
