//! `plant-twin eval` and `plant-twin optimise`: the process models headless, the same code as the what-if
//! panel.

use std::sync::atomic::AtomicBool;

use plant_i18n::t;
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
        error(t!("app-whatif-unknown-process", process = c.process.as_str(), ids = ids.join(", ")))
    })?;
    if let Some(path) = &c.curves {
        let text = std::fs::read_to_string(path).map_err(|e| error(format!("{}: {e}", path.display())))?;
        let configured = p.configure("curves", &text); // i18n-ok: the model's configuration key
        match configured {
            Ok(true) => {}
            Ok(false) => return Err(error(t!("app-whatif-no-curves", process = p.id()))),
            Err(e) => return Err(error(format!("{}: {e}", path.display()))),
        }
    }
    apply_conditions(p.as_mut(), c, None)?;
    Ok(p)
}

/// `--condition key=value`, at the settings `x` (the defaults before the settings are read: a condition
/// such as the kiln's design output changes the settings' ranges; a measured load is re-applied at the
/// settings it was measured at).
fn apply_conditions(p: &mut dyn Process, c: &WhatIfCommon, x: Option<&[f64]>) -> Result<(), String> {
    let x = x.map_or_else(|| p.defaults(), <[f64]>::to_vec);
    for item in &c.condition {
        let (k, v) = item.split_once('=').ok_or_else(|| error(t!("app-whatif-condition-not-pair", item = item)))?;
        let (k, v) = (k.trim(), v.trim());
        let keys = p.condition_keys();
        if !keys.contains(&k) {
            let list = if keys.is_empty() { "—".to_string() } else { keys.join(", ") };
            return Err(error(t!("app-whatif-no-condition", process = p.id(), key = k, keys = list)));
        }
        let value: f64 = v.parse().ok().filter(|v: &f64| v.is_finite()).ok_or_else(|| error(t!("app-whatif-condition-not-a-number", key = k, value = v)))?;
        if !p.set_condition(k, value, &x) {
            return Err(error(t!("app-whatif-condition-refused", key = k, value = v)));
        }
    }
    Ok(())
}

fn prices(c: &WhatIfCommon) -> Prices {
    Prices { electricity_per_kwh: c.electricity_price, carbon_per_t: c.carbon_price, grid_t_per_mwh: c.grid_factor, ..Prices::default() }
}

/// The settings vector: defaults with `--set key=value` applied; out-of-range values are an error.
fn settings(p: &dyn Process, c: &WhatIfCommon) -> Result<Vec<f64>, String> {
    let s = p.settings();
    let mut x = p.defaults();
    for item in &c.set {
        let (k, v) = item.split_once('=').ok_or_else(|| error(t!("app-whatif-set-not-pair", item = item)))?;
        let i = s.iter().position(|x| x.key == k.trim()).ok_or_else(|| {
            let keys: Vec<&str> = s.iter().map(|x| x.key).collect();
            error(t!("app-whatif-no-setting", process = p.id(), key = k.trim(), keys = keys.join(", ")))
        })?;
        let value: f64 = v.trim().parse().map_err(|_| error(t!("app-whatif-not-a-number", key = k, value = v.trim())))?;
        let st = &s[i];
        if !(st.min..=st.max).contains(&value) {
            let (min, max, unit, source) = (st.min.to_string(), st.max.to_string(), st.unit.to_string(), st.source_label.text());
            return Err(error(t!("app-whatif-out-of-range", key = k, value = value.to_string(), min = min, max = max, unit = unit, source = source)));
        }
        x[i] = value;
    }
    Ok(x)
}

/// A number as short as it can be written exactly enough (5090, 1.6, 23.8).
fn format_number(v: f64) -> String {
    let s = format!("{v:.4}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

fn conditions_json(p: &dyn Process) -> serde_json::Value {
    let map: serde_json::Map<String, serde_json::Value> = p.condition_keys().iter().filter_map(|k| Some(((*k).to_string(), json!(p.condition(k)?)))).collect();
    serde_json::Value::Object(map)
}

fn settings_json(s: &[Setting], x: &[f64]) -> serde_json::Value {
    let list: Vec<serde_json::Value> = s.iter().zip(x).map(|(s, v)| json!({"key": s.key, "name": s.name, "unit": s.unit, "value": v, "min": s.min, "max": s.max})).collect(); // i18n-ok: JSON keys
    serde_json::Value::Array(list)
}

fn evaluation_json(p: &dyn Process, e: &Evaluation, prices: &Prices) -> serde_json::Value {
    let objectives: Vec<serde_json::Value> = [Objective::Energy, Objective::Co2, Objective::Cost]
        .iter()
        .map(|o| json!({"objective": o, "value": p.objective(e, *o, prices), "unit": p.objective_unit(*o, prices)})) // i18n-ok
        .collect();
    let constraints: Vec<serde_json::Value> =
        e.constraints.iter().map(|c| json!({"key": c.key, "name": c.name, "unit": c.unit, "value": c.value, "limit": c.limit, "bound": c.bound, "margin": c.margin()})).collect(); // i18n-ok
    json!({
        "outputs": e.outputs, // i18n-ok
        "constraints": constraints, // i18n-ok
        "feasible": e.feasible(1e-6), // i18n-ok
        "per_hour": { // i18n-ok
            "electricity_kw": e.electricity_kw, // i18n-ok
            "fuel_gj": e.fuel_gj_h, // i18n-ok
            "energy_gj": e.energy_gj_h(), // i18n-ok
            "scope1_combustion_t": e.scope1_combustion_t_h, // i18n-ok
            "scope1_process_t": e.scope1_process_t_h, // i18n-ok
            "scope2_t": e.scope2_t_h, // i18n-ok
            "biogenic_memo_t": e.biogenic_t_h, // i18n-ok
            "co2_t": e.co2_t_h(), // i18n-ok
            "cost": e.cost_h(prices), // i18n-ok
            "production": e.production_h, // i18n-ok
            "production_unit": e.production_unit, // i18n-ok
        }, // i18n-ok
        "objectives": objectives, // i18n-ok
    })
}

/// "error: …" in the current language.
fn error(message: String) -> String {
    t!("app-error", message = message)
}

/// The objective's name in the current language.
fn objective_name(o: Objective) -> String {
    let key = match o {
        Objective::Energy => "energy", // i18n-ok: keys of app-whatif-objective
        Objective::Co2 => "co2",       // i18n-ok
        Objective::Cost => "cost",     // i18n-ok
    };
    t!("app-whatif-objective", objective = key)
}

/// Columns a terminal gives `s`: two for a CJK (wide) character, one for others.
fn columns(s: &str) -> usize {
    s.chars()
        .map(|c| {
            let wide = matches!(c, '\u{1100}'..='\u{115F}' | '\u{2E80}'..='\u{A4CF}' | '\u{AC00}'..='\u{D7A3}' | '\u{F900}'..='\u{FAFF}' | '\u{FE30}'..='\u{FE4F}' | '\u{FF00}'..='\u{FF60}' | '\u{FFE0}'..='\u{FFE6}');
            if wide { 2 } else { 1 }
        })
        .sum()
}

/// `s` padded with spaces to `width` terminal columns (`{:<width}` counts characters, not columns).
fn pad(s: impl std::fmt::Display, width: usize) -> String {
    let s = s.to_string();
    let fill = width.saturating_sub(columns(&s));
    format!("{s}{}", " ".repeat(fill))
}

fn table(p: &dyn Process, x: &[f64], e: &Evaluation, prices: &Prices) -> String {
    let mut o = format!("{} ({})\n\n{}\n", p.name_msg(), p.id(), t!("app-whatif-settings"));
    for (s, v) in p.settings().iter().zip(x) {
        let range = t!("app-whatif-range", min = s.min.to_string(), max = s.max.to_string());
        o.push_str(&format!("  {:<16} {:>10.3} {} {} {range}\n", s.key, v, pad(s.unit, 8), pad(&s.label, 44)));
    }
    let conditions: Vec<String> = p.condition_keys().iter().filter_map(|k| p.condition(k).map(|v| format!("{k}={}", format_number(v)))).collect();
    if !conditions.is_empty() {
        o.push_str(&format!("\n{}\n  {}\n", t!("app-whatif-conditions"), conditions.join("  ")));
    }
    o.push_str(&format!("\n{}\n", t!("app-whatif-outputs")));
    for out in &e.outputs {
        o.push_str(&format!("  {:<22} {:>12.4} {} {}\n", out.key, out.value, pad(out.unit, 12), out.label));
    }
    let (kw, gj, co2, cost) = (format!("{:.1}", e.electricity_kw), format!("{:.2}", e.fuel_gj_h), format!("{:.3}", e.co2_t_h()), format!("{:.1}", e.cost_h(prices)));
    let (s1c, s1p, s2) = (format!("{:.3}", e.scope1_combustion_t_h), format!("{:.3}", e.scope1_process_t_h), format!("{:.3}", e.scope2_t_h));
    let (made, unit, currency) = (format!("{:.3}", e.production_h), e.production_unit.to_string(), prices.currency.to_string());
    let energy = t!("app-whatif-per-hour-energy", electricity = kw, fuel = gj);
    let scopes = t!("app-whatif-per-hour-scopes", combustion = s1c, process = s1p, scope2 = s2);
    let per_hour = t!("app-whatif-per-hour", energy = energy, co2 = co2, scopes = scopes, cost = cost, currency = currency, production = made, production_unit = unit);
    o.push_str(&format!("\n{per_hour}\n"));
    for ob in [Objective::Energy, Objective::Co2, Objective::Cost] {
        let (value, unit) = (format!("{:.5}", p.objective(e, ob, prices)), p.objective_unit(ob, prices));
        o.push_str(&format!("  {}\n", t!("app-whatif-objective-value", objective = objective_name(ob), value = value, unit = unit)));
    }
    o.push_str(&format!("\n{}\n", t!("app-whatif-limits")));
    let (versus, margin, violated) = (t!("app-whatif-versus"), t!("app-whatif-margin"), t!("app-whatif-violated"));
    for c in &e.constraints {
        o.push_str(&format!(
            "  {:<18} {:>10.3} {versus} {:>10.3} {} {margin} {:>9.3}  {}{}\n",
            c.key,
            c.value,
            c.limit,
            pad(c.unit, 10),
            c.margin(),
            c.label,
            if c.margin() < -1e-9 { format!("  {violated}") } else { String::new() }
        ));
    }
    o
}

pub fn eval(args: &EvalArgs) -> Result<(), String> {
    let c = &args.common;
    let mut p = process(c)?;
    let x = settings(p.as_ref(), c)?;
    apply_conditions(p.as_mut(), c, Some(&x))?;
    let prices = prices(c);
    let e = p.evaluate(&x, &prices);
    if c.json {
        let v = json!({"process": p.id(), "name": p.name(), "conditions": conditions_json(p.as_ref()), "settings": settings_json(&p.settings(), &x), "evaluation": evaluation_json(p.as_ref(), &e, &prices), "prices": prices}); // i18n-ok
        out(&format!("{}\n", serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?));
    } else {
        out(&table(p.as_ref(), &x, &e, &prices));
    }
    Ok(())
}

pub fn optimise(args: &OptimiseArgs) -> Result<(), String> {
    let c = &args.common;
    let mut p = process(c)?;
    let base = settings(p.as_ref(), c)?;
    apply_conditions(p.as_mut(), c, Some(&base))?;
    let prices = prices(c);
    let objective: Objective = args.objective.parse().map_err(|e| error(format!("{e}")))?;
    let keys: Vec<&'static str> = p.settings().iter().map(|s| s.key).collect();
    let mut opts = OptimiseOptions::for_process(p.as_ref(), objective);
    opts.prices = prices.clone();
    for k in &args.fix {
        let key = keys.iter().find(|x| **x == k.as_str()).ok_or_else(|| error(t!("app-whatif-fix-unknown", key = k, keys = keys.join(", "))))?;
        opts.fixed.push(key);
    }
    opts.fixed.retain(|k| !args.free.iter().any(|f| f == k));
    let cancel = AtomicBool::new(false);
    let r = plant_process::optimise(p.as_ref(), &base, &opts, &cancel, &mut |_| {}).map_err(|e| error(format!("{e}")))?;
    let base_eval = p.evaluate(&base, &prices);
    if c.json {
        let deltas: Vec<serde_json::Value> = p
            .settings()
            .iter()
            .zip(base.iter().zip(&r.settings))
            .map(|(s, (b, o))| json!({"key": s.key, "unit": s.unit, "baseline": b, "recommended": o, "delta": o - b})) // i18n-ok
            .collect();
        let v = json!({
            "process": p.id(), // i18n-ok
            "objective": objective, // i18n-ok
            "objective_unit": r.objective_unit, // i18n-ok
            "baseline_objective": r.baseline_objective, // i18n-ok
            "optimum_objective": r.objective, // i18n-ok
            "saving_fraction": 1.0 - r.objective / r.baseline_objective, // i18n-ok
            "fixed": opts.fixed, // i18n-ok
            "conditions": conditions_json(p.as_ref()), // i18n-ok
            "settings": deltas, // i18n-ok
            "baseline": evaluation_json(p.as_ref(), &base_eval, &prices), // i18n-ok
            "optimum": evaluation_json(p.as_ref(), &r.evaluation, &prices), // i18n-ok
            "prices": prices, // i18n-ok
        });
        out(&format!("{}\n", serde_json::to_string_pretty(&v).map_err(|e| e.to_string())?));
    } else {
        let (baseline, optimum) = (format!("{:.5}", r.baseline_objective), format!("{:.5}", r.objective));
        let percent = format!("{:.2}", 100.0 * (1.0 - r.objective / r.baseline_objective));
        let headline = t!("app-whatif-optimum", objective = objective_name(objective), baseline = baseline, optimum = optimum, unit = r.objective_unit.as_str(), percent = percent);
        let mut t = format!("{headline}\n");
        if !opts.fixed.is_empty() {
            t.push_str(&format!("{}\n", t!("app-whatif-held", keys = opts.fixed.join(", "))));
        }
        t.push_str(&format!("\n{}\n", t!("app-whatif-recommended")));
        for (s, (b, o)) in p.settings().iter().zip(base.iter().zip(&r.settings)) {
            t.push_str(&format!("  {:<16} {:>10.3} {} ({:+.3})\n", s.key, o, pad(s.unit, 8), o - b));
        }
        t.push('\n');
        t.push_str(&table(p.as_ref(), &r.settings, &r.evaluation, &prices));
        out(&t);
    }
    Ok(())
}
