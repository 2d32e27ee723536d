//! The office building sample site: a 10-storey office of about 40,000 m² (4,000 m² a floor) with a chiller
//! plant in the basement (three 1,750 kW centrifugal chillers, chilled- and condenser-water pumps), two
//! cooling towers on the roof, an AHU per floor, lighting and plug sub-meters per floor, a chilled-water
//! energy meter and a weather station. 14 days of 1-minute data in August 2026 (Shanghai summer) from the
//! chiller-plant model of `plant-process` (DOE-2 EIR curves, staging, pumps and fans by affinity laws,
//! tower approach), with loads from the weather (envelope, solar) and internal gains on an office
//! schedule. Events: a chilled-water reset trial (8 °C instead of 6.67 °C) on days 8-9, chiller 2 tripped
//! for three hours on day 4, a weather-station outage.

use std::f64::consts::PI;

use anyhow::Result;
use chrono::{Datelike, TimeZone, Timelike};
use plant_process::Process;
use plant_process::hvac::ChillerPlant;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand_distr::{Distribution, Normal};

use crate::cement::{Ar1, Record, lag};
use crate::glb::{Mat, NodeSpec, Shape, node, v};
use crate::site::{SiteSpec, equipment as eq, flow, flow_node, meter as m};

const FLOORS: usize = 10;
const DAYS: i64 = 14;
const MINUTES: usize = (DAYS * 1440) as usize;
const FLOOR_AREA: f64 = 4_000.0;

fn floor(i: usize) -> String {
    format!("floor-{:02}", i + 1)
}

fn ahu(i: usize) -> String {
    format!("ahu-{:02}", i + 1)
}

pub fn spec() -> SiteSpec {
    let mut equipment = vec![
        eq("substation-1", "switchboard", "Main LV switchboard (10 kV/0.4 kV)", "Electrical"),
        eq("chiller-1", "centrifugal-chiller", "Chiller 1 (1,750 kW)", "Chiller plant"),
        eq("chiller-2", "centrifugal-chiller", "Chiller 2 (1,750 kW)", "Chiller plant"),
        eq("chiller-3", "centrifugal-chiller", "Chiller 3 (1,750 kW)", "Chiller plant"),
        eq("chw-pumps", "pump-set", "Chilled-water pumps (VSD)", "Chiller plant"),
        eq("cw-pumps", "pump-set", "Condenser-water pumps", "Chiller plant"),
        eq("chw-header", "header", "Chilled-water header and energy meter", "Chiller plant"),
        eq("tower-1", "cooling-tower", "Cooling tower 1", "Roof"),
        eq("tower-2", "cooling-tower", "Cooling tower 2", "Roof"),
        eq("weather-station", "weather-station", "Weather station", "Roof"),
    ];
    for i in 0..FLOORS {
        equipment.push(eq(&floor(i), "office-floor", &format!("Floor {} offices", i + 1), "Floors"));
        equipment.push(eq(&ahu(i), "air-handling-unit", &format!("AHU floor {}", i + 1), "Air handling"));
    }
    let mut meters = vec![
        m("substation-1.incomer-power", "electric_power", "kW", "substation-1", "incomer_kW", "Main incomer (whole building)"),
        m("weather-station.dry-bulb", "temperature", "°C", "weather-station", "outdoor_db_C", "Outdoor dry bulb"),
        m("weather-station.wet-bulb", "temperature", "°C", "weather-station", "outdoor_wb_C", "Outdoor wet bulb"),
        m("weather-station.solar", "other", "W/m²", "weather-station", "solar_Wm2", "Global horizontal irradiance"),
        m("chw-header.cooling-load", "thermal_power", "kW", "chw-header", "chw_load_kW", "Chilled-water energy meter (cooling delivered)"),
        m("chw-pumps.power", "electric_power", "kW", "chw-pumps", "chw_pumps_kW", "Chilled-water pumps"),
        m("cw-pumps.power", "electric_power", "kW", "cw-pumps", "cw_pumps_kW", "Condenser-water pumps"),
        m("tower-1.fan-power", "electric_power", "kW", "tower-1", "tower1_kW", "Tower 1 fans"),
        m("tower-2.fan-power", "electric_power", "kW", "tower-2", "tower2_kW", "Tower 2 fans"),
        m("tower-1.ecwt", "temperature", "°C", "tower-1", "ecwt_C", "Condenser water to chillers"),
    ];
    for c in 1..=3 {
        let id = format!("chiller-{c}");
        meters.push(m(&format!("{id}.power"), "electric_power", "kW", &id, &format!("chiller{c}_kW"), "Compressor power"));
        meters.push(m(&format!("{id}.chws-temp"), "temperature", "°C", &id, &format!("chiller{c}_chws_C"), "Chilled-water supply temperature"));
    }
    for i in 0..FLOORS {
        meters.push(m(&format!("{}.zone-temp", floor(i)), "temperature", "°C", &floor(i), &format!("floor{:02}_temp_C", i + 1), "Zone temperature (average)"));
        meters.push(m(&format!("{}.lighting-plug", floor(i)), "electric_power", "kW", &floor(i), &format!("floor{:02}_lp_kW", i + 1), "Lighting and plug loads"));
        meters.push(m(&format!("{}.fan-power", ahu(i)), "electric_power", "kW", &ahu(i), &format!("ahu{:02}_fan_kW", i + 1), "Supply and return fans"));
        meters.push(m(&format!("{}.sat", ahu(i)), "temperature", "°C", &ahu(i), &format!("ahu{:02}_sat_C", i + 1), "Supply-air temperature"));
    }
    let nodes = vec![
        flow_node(
            "grid",
            "Grid electricity",
            "source",
            &[("carrier", "\"electricity\""), ("factor", "\"cn-reporting-2022\""), ("market_factor", "\"cn-national-2022-excl-green\""), ("green_share", "0.2")],
        ),
        flow_node("unmetered-electricity", "Unmetered electricity (lifts, IT room, car park, losses)", "unmetered", &[]),
        flow_node("cooling", "Cooling delivered to the floors", "product", &[]),
    ];
    let mut flows = vec![flow("grid", "substation-1", "electricity", Some("substation-1.incomer-power"), None)];
    let mut subs: Vec<String> = Vec::new();
    for c in 1..=3 {
        flows.push(flow("substation-1", &format!("chiller-{c}"), "electricity", Some(&format!("chiller-{c}.power")), None));
        subs.push(format!("chiller-{c}.power"));
    }
    for (id, meter) in [("chw-pumps", "chw-pumps.power"), ("cw-pumps", "cw-pumps.power"), ("tower-1", "tower-1.fan-power"), ("tower-2", "tower-2.fan-power")] {
        flows.push(flow("substation-1", id, "electricity", Some(meter), None));
        subs.push(meter.to_string());
    }
    for i in 0..FLOORS {
        flows.push(flow("substation-1", &floor(i), "electricity", Some(&format!("{}.lighting-plug", floor(i))), None));
        flows.push(flow("substation-1", &ahu(i), "electricity", Some(&format!("{}.fan-power", ahu(i))), None));
        subs.push(format!("{}.lighting-plug", floor(i)));
        subs.push(format!("{}.fan-power", ahu(i)));
    }
    flows.push(flow("substation-1", "unmetered-electricity", "electricity", Some(&format!("substation-1.incomer-power - {}", subs.join(" - "))), None));
    flows.push(flow("chw-header", "cooling", "chilled-water", Some("chw-header.cooling-load"), None));
    for c in 1..=3 {
        flows.push(flow(&format!("chiller-{c}"), "chw-header", "chilled-water", None, Some("chw-riser")));
    }
    let extra = r#"[accounting]
factor_sets = ["ipcc-2006-fuels", "china-2022"]
tolerance = 0.02

# The building: key figures per m² of floor area over any window.
[[product]]
id = "floor-area"
name = "Floor area (40,000 m²)"
amount = "40000 m2"
kpis = ["electricity", "co2"]

# What-if: the chiller plant model; settings and conditions from the meters (the hour before the cursor).
[[whatif]]
process = "chiller-plant"
equipment = ["chiller-1", "chiller-2", "chiller-3", "chw-pumps", "cw-pumps", "tower-1", "tower-2", "chw-header"]
[whatif.baseline]
chwst = "chiller-1.chws-temp"
ecwt = "tower-1.ecwt"
sat = "ahu-05.sat"
zone_setpoint = "floor-05.zone-temp"
[whatif.conditions]
cooling_load_kw = "chw-header.cooling-load"
outdoor_dry_bulb_c = "weather-station.dry-bulb"
outdoor_wet_bulb_c = "weather-station.wet-bulb"
"#
    .to_string();
    SiteSpec {
        folder: "office-building".into(),
        name: "Office building — 40,000 m², 10 floors".into(),
        kind: "office-building".into(),
        time_zone: "Asia/Shanghai".into(),
        description: "10-storey office of about 40,000 m²: chiller plant (3 × 1,750 kW centrifugal), 2 cooling towers, an AHU per floor, lighting and plug sub-meters, chilled-water energy meter, weather station. 14 days of 1-minute data in August 2026 from the chiller-plant model, generated by plant-sitegen.".into(),
        data_file: "data/office-building-2026-08".into(),
        equipment,
        meters,
        nodes,
        flows,
        extra,
        csv: true,
    }
}

const STOREY: f32 = 4.0;

pub fn model() -> Vec<NodeSpec> {
    let mut nodes = Vec::new();
    let mut ground = Shape::new();
    ground.cuboid(Mat::Ground, v(-120.0, -0.3, -90.0), v(240.0, 0.3, 180.0));
    ground.cuboid(Mat::Road, v(-110.0, 0.0, 45.0), v(220.0, 0.05, 10.0));
    nodes.push(node("ground", false, v(0.0, 0.0, 0.0), ground));
    // Floors: 80 × 50 m slabs with glazing, stacked; the core in the middle.
    for i in 0..FLOORS {
        let mut s = Shape::new();
        s.block(Mat::Concrete, 0.0, 0.0, 0.0, 80.0, 0.4, 50.0);
        s.block(Mat::Cladding, 0.0, 0.4, 0.0, 79.0, STOREY - 0.5, 49.0);
        nodes.push(node(&floor(i), true, v(0.0, 2.0 + i as f32 * STOREY, 0.0), s));
        // The floor's AHU in a plant room at the east end of the core.
        let mut s = Shape::new();
        s.block(Mat::Steel, 0.0, 0.5, 0.0, 6.0, 2.6, 3.0);
        nodes.push(node(&ahu(i), true, v(44.0, 2.0 + i as f32 * STOREY, 0.0), s));
    }
    let top = 2.0 + FLOORS as f32 * STOREY;
    let mut s = Shape::new();
    s.block(Mat::Concrete, 0.0, 0.0, 0.0, 10.0, top + 4.0, 10.0);
    nodes.push(node("core", false, v(0.0, 0.0, 0.0), s));
    // Basement plant room beside the building (shown as a low hall), chillers and pumps inside.
    let mut s = Shape::new();
    s.block(Mat::Concrete, 0.0, 0.0, 0.0, 60.0, 0.5, 26.0);
    nodes.push(node("plant-room", false, v(0.0, 0.0, -45.0), s));
    for c in 0..3 {
        let mut s = Shape::new();
        s.cylinder(Mat::Steel, v(-5.0, 1.6, -1.2), v(5.0, 1.6, -1.2), 1.1);
        s.cylinder(Mat::Steel, v(-5.0, 1.6, 1.2), v(5.0, 1.6, 1.2), 1.1);
        s.block(Mat::SteelDark, 0.0, 2.7, 0.0, 3.0, 1.4, 1.6);
        nodes.push(node(&format!("chiller-{}", c + 1), true, v(-18.0 + c as f32 * 14.0, 0.5, -45.0), s));
    }
    let mut s = Shape::new();
    for k in 0..3 {
        s.cylinder(Mat::Steel, v(-3.0 + k as f32 * 3.0, 0.0, 0.0), v(-3.0 + k as f32 * 3.0, 1.4, 0.0), 0.6);
    }
    nodes.push(node("chw-pumps", true, v(24.0, 0.5, -50.0), s));
    let mut s = Shape::new();
    for k in 0..3 {
        s.cylinder(Mat::SteelDark, v(-3.0 + k as f32 * 3.0, 0.0, 0.0), v(-3.0 + k as f32 * 3.0, 1.4, 0.0), 0.6);
    }
    nodes.push(node("cw-pumps", true, v(24.0, 0.5, -40.0), s));
    let mut s = Shape::new();
    s.cylinder(Mat::Duct, v(-26.0, 1.0, 0.0), v(26.0, 1.0, 0.0), 0.5);
    nodes.push(node("chw-header", true, v(0.0, 0.5, -35.0), s));
    let (a, b) = (v(0.0, 1.5, -35.0), v(-4.0, top, 0.0));
    let mut s = Shape::new();
    s.cylinder(Mat::Duct, a - (a + b) / 2.0, b - (a + b) / 2.0, 0.5);
    nodes.push(node("chw-riser", false, (a + b) / 2.0, s));
    // Roof: cooling towers and the weather mast.
    for t in 0..2 {
        let mut s = Shape::new();
        s.block(Mat::Cladding, 0.0, 0.0, 0.0, 9.0, 5.0, 9.0);
        s.cylinder(Mat::SteelDark, v(0.0, 5.0, 0.0), v(0.0, 6.5, 0.0), 3.6);
        nodes.push(node(&format!("tower-{}", t + 1), true, v(-22.0 + t as f32 * 14.0, top, -12.0), s));
    }
    let mut s = Shape::new();
    s.cylinder(Mat::Steel, v(0.0, 0.0, 0.0), v(0.0, 6.0, 0.0), 0.12);
    s.block(Mat::SteelDark, 0.0, 6.0, 0.0, 0.8, 0.4, 0.8);
    nodes.push(node("weather-station", true, v(30.0, top, 18.0), s));
    let mut s = Shape::new();
    s.block(Mat::Cladding, 0.0, 0.0, 0.0, 14.0, 4.0, 8.0);
    s.block(Mat::Transformer, -9.0, 0.0, 0.0, 3.0, 3.0, 3.0);
    nodes.push(node("substation-1", true, v(60.0, 0.0, -40.0), s));
    nodes
}

pub fn record(spec: &SiteSpec) -> Result<Record> {
    let tz: chrono_tz::Tz = spec.time_zone.parse().map_err(|e| anyhow::anyhow!("{e}"))?;
    let start = tz.with_ymd_and_hms(2026, 8, 10, 0, 0, 0).single().ok_or_else(|| anyhow::anyhow!("start time is ambiguous"))?;
    let mut rng = StdRng::seed_from_u64(20_260_810);
    let gauss = Normal::new(0.0, 1.0)?;
    let noise = |rng: &mut StdRng, sd: f64| sd * gauss.sample(rng);
    let mut cols: Vec<(String, Vec<Option<f64>>)> = spec.meters.iter().map(|m| (m.column.clone(), Vec::with_capacity(MINUTES))).collect();
    let idx = |name: &str| spec.meters.iter().position(|m| m.column == name).ok_or_else(|| anyhow::anyhow!("no column {name}"));
    let mut plant = ChillerPlant::default();
    let base_x = plant.defaults();
    let mut temp_var = Ar1::new(180.0, 1.2);
    let mut day_var = Ar1::new(1440.0, 1.5);
    let mut cloud = Ar1::new(60.0, 0.25);
    let mut zone_temp = [26.0f64; FLOORS];
    let floor_offsets: Vec<f64> = (0..FLOORS).map(|_| noise(&mut rng, 0.25)).collect();
    let day = |d: i64, h: i64, m: i64| (d * 1440 + h * 60 + m) as usize;
    let reset_trial = day(8, 0, 0)..day(10, 0, 0);
    let chiller2_trip = day(4, 13, 0)..day(4, 16, 0);
    let weather_out = day(11, 2, 10)..day(11, 3, 10);
    let mut times = Vec::with_capacity(MINUTES);
    let mut running_prev = 0.0f64;
    for k in 0..MINUTES {
        let now = start + chrono::Duration::minutes(k as i64);
        times.push(now.timestamp_millis());
        let local = now.with_timezone(&tz);
        let wd = local.weekday().num_days_from_monday();
        let h = local.hour() as f64 + local.minute() as f64 / 60.0;
        // Weather: a Shanghai August day, a cooler rainy day 5.
        let rainy = (day(5, 0, 0)..day(6, 0, 0)).contains(&k);
        let db = 29.5 + if rainy { -3.5 } else { 0.0 } + 4.5 * ((h - 9.0) / 24.0 * 2.0 * PI).sin() + day_var.step(&mut rng) + 0.3 * temp_var.step(&mut rng);
        let wb = db - (4.5 + 1.5 * ((h - 9.0) / 24.0 * 2.0 * PI).sin()) + if rainy { 2.5 } else { 0.0 };
        let cloudiness = (0.25 + cloud.step(&mut rng) + if rainy { 0.6 } else { 0.0 }).clamp(0.0, 0.95);
        let solar = if (6.0..19.0).contains(&h) { 880.0 * ((h - 6.0) / 13.0 * PI).sin() * (1.0 - cloudiness) } else { 0.0 }.max(0.0);
        // Occupancy: weekdays 8-19 with ramps; a few on Saturday mornings.
        let ramp = |a: f64, b: f64| ((h - a) / (b - a)).clamp(0.0, 1.0);
        let occ = if wd < 5 {
            ramp(7.5, 9.0) * (1.0 - ramp(18.0, 20.0))
        } else if wd == 5 {
            0.15 * ramp(9.0, 10.0) * (1.0 - ramp(13.0, 14.0))
        } else {
            0.0
        };
        let hvac_on = (wd < 5 && (7.0..20.0).contains(&h)) || (wd == 5 && (9.0..14.0).contains(&h));
        // Internal gains per floor, kW: lighting and plugs 6-22 W/m², people 100 W each at 10 m² a person.
        let mut lp = [0.0f64; FLOORS];
        let mut zone_load = 0.0;
        for (i, l) in lp.iter_mut().enumerate() {
            *l = (FLOOR_AREA * (6.0 + 16.0 * occ) / 1000.0 * (1.0 + floor_offsets[i] * 0.2) + noise(&mut rng, 1.0)).max(5.0);
            let people = FLOOR_AREA / 10.0 * occ * 0.1;
            let envelope = 9.0 * (db - 24.0) + if i == FLOORS - 1 { 0.06 * solar } else { 0.0 };
            let glazing = 0.045 * solar;
            zone_load += 0.9 * *l + people + envelope + glazing;
        }
        let zone_load = zone_load.max(0.0);
        let chwst = if reset_trial.contains(&k) { 8.0 } else { 6.67 };
        // The towers hold 29.4 °C where the wet bulb allows (an approach of 3.8 K at full speed).
        let ecwt_set = (wb + 3.8).clamp(29.4, 35.0);
        let mut x = base_x.clone();
        x[0] = chwst;
        x[1] = ecwt_set;
        plant.conditions.zone_load_kw = zone_load;
        plant.conditions.outdoor_dry_bulb_c = db;
        plant.conditions.outdoor_wet_bulb_c = wb;
        let e = plant.evaluate(&x, &plant_process::Prices::default());
        let out = |key: &str| e.output(key).unwrap_or(0.0);
        let running = if hvac_on { out("chillers_running") } else { 0.0 };
        running_prev = lag(running_prev, running, 3.0);
        let on = if hvac_on { 1.0 } else { 0.0 };
        let load = out("cooling_load") * on;
        // Chillers share the load equally among those running; chiller 2 tripped: the others take it.
        let mut shares = [0.0f64; 3];
        let n = running as usize;
        let order: Vec<usize> = if chiller2_trip.contains(&k) { vec![0, 2, 1] } else { vec![0, 1, 2] };
        for &c in order.iter().take(n.min(3)) {
            shares[c] = 1.0 / n.max(1) as f64;
        }
        let chiller_total = out("chiller_power") * on;
        let ecwt = if hvac_on { ecwt_set } else { db - 1.0 };
        for i in 0..FLOORS {
            let target = if hvac_on { 24.0 + floor_offsets[i] } else { 24.0 + (db - 24.0) * 0.55 };
            zone_temp[i] = lag(zone_temp[i], target, if hvac_on { 25.0 } else { 240.0 }) + noise(&mut rng, 0.03);
        }
        let fans = out("ahu_fan_power") * on;
        let base_kw = 70.0 + 30.0 * occ + noise(&mut rng, 3.0);
        let hvac_total = chiller_total + (out("chw_pump_power") + out("cw_pump_power") + out("tower_fan_power")) * on + fans;
        let incomer = lp.iter().sum::<f64>() + hvac_total + base_kw;
        let weather_ok = !weather_out.contains(&k);
        let mut put = |name: &str, v: Option<f64>, digits: i32| -> Result<()> {
            let f = 10f64.powi(digits);
            cols[idx(name)?].1.push(v.map(|v| (v * f).round() / f));
            Ok(())
        };
        put("incomer_kW", Some(incomer), 1)?;
        put("outdoor_db_C", weather_ok.then_some(db), 2)?;
        put("outdoor_wb_C", weather_ok.then_some(wb), 2)?;
        put("solar_Wm2", weather_ok.then_some(solar), 0)?;
        put("chw_load_kW", Some(load + if hvac_on { noise(&mut rng, 8.0) } else { 0.0 }), 1)?;
        put("chw_pumps_kW", Some(out("chw_pump_power") * on), 2)?;
        put("cw_pumps_kW", Some(out("cw_pump_power") * on), 2)?;
        put("tower1_kW", Some(out("tower_fan_power") * on * 0.5), 2)?;
        put("tower2_kW", Some(out("tower_fan_power") * on * 0.5), 2)?;
        put("ecwt_C", Some(ecwt + noise(&mut rng, 0.05)), 2)?;
        for (c, share) in shares.iter().enumerate().take(3) {
            put(&format!("chiller{}_kW", c + 1), Some(chiller_total * share), 1)?;
            let t = if *share > 0.0 { chwst + noise(&mut rng, 0.05) } else { 12.0 + noise(&mut rng, 0.1) };
            put(&format!("chiller{}_chws_C", c + 1), Some(t), 2)?;
        }
        for i in 0..FLOORS {
            put(&format!("floor{:02}_temp_C", i + 1), Some(zone_temp[i]), 2)?;
            put(&format!("floor{:02}_lp_kW", i + 1), Some(lp[i]), 2)?;
            put(&format!("ahu{:02}_fan_kW", i + 1), Some(fans / FLOORS as f64 * (1.0 + floor_offsets[i] * 0.1)), 2)?;
            let sat = if hvac_on { 13.0 + noise(&mut rng, 0.1) } else { zone_temp[i] - 1.0 };
            put(&format!("ahu{:02}_sat_C", i + 1), Some(sat), 2)?;
        }
    }
    Ok(Record { times_ms: times, columns: cols })
}
