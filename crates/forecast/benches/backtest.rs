//! Backtests of the forecast against the seasonal-naive baseline (rolling origin, MASE and interval coverage),
//! and the cost of forecasting many meters. A bench binary (figures, not criterion timings):
//!
//! - recorded data the project did not make: four Cambridge University buildings, 2019, hourly
//!   (`crates/forecast/data/`), from 1 March a day ahead from every day and a week ahead from every 7th day
//!   (origins on one weekday only would favour or disfavour yesterday's values), each forecast from the 8 weeks
//!   before its origin;
//! - the three sample sites' main meters (14 days of 1-minute data made hourly), a 1-day horizon from origins
//!   every day from day 7;
//! - the time to forecast 1,000 meters of 14 days (each the next day, hourly).
//!
//! `cargo bench -p plant-forecast --bench backtest --profile dev` (BENCHMARKS.md, "Forecasts").

use std::path::Path;
use std::time::Instant;

use plant_forecast::{HOUR_MS, Plan, Regular, backtest, fill_gaps, forecast, resample};

const LEVEL: f64 = 0.95;

fn cambridge() -> Vec<(String, Regular)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/cambridge-estates-2019.csv");
    let text = std::fs::read_to_string(&path).expect("the Cambridge data");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let mut columns: Vec<Vec<f64>> = vec![Vec::new(); header.len() - 1];
    for line in lines {
        for (k, v) in line.split(',').skip(1).enumerate() {
            columns[k].push(v.parse().unwrap_or(f64::NAN));
        }
    }
    // 2019-01-01T00:00Z.
    let start_ms = 1_546_300_800_000;
    header[1..].iter().zip(columns).map(|(h, values)| (format!("Cambridge {h}"), Regular { start_ms, step_ms: HOUR_MS, values })).collect()
}

fn site_meters(site: &str, meters: &[&str]) -> Vec<(String, Regular)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites").join(site);
    let opened = plant_site::open(&root).expect("the sample site");
    let data = plant_ingest::load_site_data(&opened.site, &|_, _| {});
    meters
        .iter()
        .filter_map(|m| {
            let s = data.store.get(m)?;
            let (t0, t1) = s.time_range()?;
            let t0 = t0 - t0.rem_euclid(HOUR_MS);
            let mut r = resample(s.times_ms(), s.values(), t0, t1 + 1, HOUR_MS);
            fill_gaps(&mut r);
            Some((format!("{site} {m}"), r))
        })
        .collect()
}

fn row(name: &str, horizon_days: usize, r: &Regular, plan: Plan) {
    match backtest(r, plan) {
        Ok(b) => println!(
            "| {name} | {horizon_days} d | {} | **{:.2}** | {:.2} | {:.0} % | {:.0} % |",
            b.origins,
            b.forecast.mase,
            b.seasonal_naive.mase,
            100.0 * b.forecast.coverage,
            100.0 * b.seasonal_naive.coverage
        ),
        Err(e) => println!("| {name} | {horizon_days} d | – | {e} | | | |"),
    }
}

fn main() {
    println!("| series | horizon | origins | MASE forecast | MASE seasonal-naive | 95 % interval coverage, forecast | coverage, seasonal-naive |");
    println!("|---|---|---|---|---|---|---|");
    // From 1 March (day 59): a day ahead from every day, a week ahead from every 7th; 8 weeks of history each;
    // MASE scaled by the daily seasonal-naive error, the baseline the daily seasonal-naive forecast.
    for (name, r) in cambridge() {
        for days in [1, 7] {
            row(&name, days, &r, Plan { season: 24, horizon: 24 * days, first_origin: 24 * 59, every: 24 * if days == 1 { 1 } else { 7 }, window: 24 * 56, level: LEVEL });
        }
    }
    let sites: [(&str, &[&str]); 3] = [
        ("cement-plant", &["kiln-1.coal", "calciner-1.coal", "substation-1.incomer-power"]),
        ("office-building", &["substation-1.incomer-power", "chiller-1.power", "chw-header.cooling-load"]),
        ("aluminium-smelter", &["substation-1.incomer-power", "potline-1.dc-power"]),
    ];
    let mut all = Vec::new();
    for (site, meters) in sites {
        for (name, r) in site_meters(site, meters) {
            row(&name, 1, &r, Plan { season: 24, horizon: 24, first_origin: 24 * 7, every: 24, window: 0, level: LEVEL });
            all.push(r);
        }
    }
    // Cost: 1,000 forecasts of the next day from 14 days of hourly history (the sample sites' meters in turn).
    let n = 1_000;
    let started = Instant::now();
    let mut ok = 0;
    for k in 0..n {
        let r = &all[k % all.len()];
        let history = r.head(24 * 14);
        if forecast(&history, 24, LEVEL).is_ok() {
            ok += 1;
        }
    }
    let s = started.elapsed().as_secs_f64();
    println!();
    println!("{n} forecasts (14 days hourly → the next day): {s:.2} s, {:.1} ms each, {ok} made", 1e3 * s / n as f64);
}
