//! The default sample site: a 5,000 t/d dry-process cement line (preheater/precalciner kiln, grate
//! cooler, vertical raw and coal mills, ball-mill cement grinding).
//!
//! Process figures follow ../shared/domain/cement-kiln.md: clinker ≈ 212 t/h (≈ 5,090 t/d), kiln feed /
//! clinker = 1.60 t/t, specific heat ≈ 3.2 GJ/t clinker from coal at 23.8 GJ/t NCV (≈ 5,700 kcal/kg),
//! main burner / calciner split 41 / 59 %, kiln-inlet O2 ≈ 2.5 %, burning zone ≈ 1,450 °C, preheater
//! exit ≈ 320 °C. Electricity ≈ 57 kWh/t clinker for the kiln line and ≈ 90 kWh/t cement site-wide.
//! Mills follow a time-of-use tariff (they stop in evening peak hours), the crusher and dispatch work day
//! shifts Monday to Saturday, and the record holds a planned raw-mill stop, a kiln upset with its recovery,
//! an analyser calibration every morning, a pyrometer outage and a data-logger outage.

use anyhow::Result;
use chrono::{Datelike, TimeZone, Timelike};
use glam::Vec3;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use rand_distr::{Distribution, Normal};

use crate::glb::{Mat, NodeSpec, Shape, node, v};
use crate::site::{SiteSpec, equipment as eq, flow, flow_node, meter as m};

/// Nominal clinker output, t/h (≈ 5,090 t/d).
pub const CLINKER_NOMINAL_TPH: f64 = 212.0;
/// Kiln feed per clinker, t/t (cement-kiln.md: 1.55-1.76).
pub const FEED_PER_CLINKER: f64 = 1.60;
/// Net calorific value of the kiln coal, GJ/t.
pub const COAL_NCV_GJ_PER_T: f64 = 23.8;
/// Share of coal fired in the main burner (the rest in the calciner).
pub const MAIN_BURNER_SHARE: f64 = 0.41;
/// Nominal specific heat consumption, GJ/t clinker.
pub const SPECIFIC_HEAT_GJ_PER_T: f64 = 3.20;

const DAYS: i64 = 14;
const MINUTES: usize = (DAYS * 1440) as usize;

pub fn spec() -> SiteSpec {
    let equipment = vec![
        eq("crusher-1", "crusher", "Limestone crusher", "Quarry and crushing"),
        eq("ls-conveyor", "belt-conveyor", "Limestone belt conveyor", "Quarry and crushing"),
        eq("stockpile-1", "stockpile", "Pre-blending stockpile (stacker/reclaimer)", "Quarry and crushing"),
        eq("raw-mill-1", "vertical-roller-mill", "Raw mill (VRM)", "Raw meal"),
        eq("raw-meal-silo", "silo", "Raw meal homogenising silo and kiln feed", "Raw meal"),
        eq("preheater-1", "cyclone-preheater", "5-stage cyclone preheater", "Clinker burning"),
        eq("calciner-1", "calciner", "Calciner", "Clinker burning"),
        eq("kiln-1", "rotary-kiln", "Rotary kiln 4.8 × 72 m", "Clinker burning"),
        eq("cooler-1", "grate-cooler", "Grate cooler", "Clinker burning"),
        eq("id-fan-1", "fan", "Kiln ID fan", "Clinker burning"),
        eq("baghouse-1", "bag-filter", "Kiln/raw mill bag filter and stack", "Clinker burning"),
        eq("coal-mill-1", "vertical-roller-mill", "Coal mill", "Clinker burning"),
        eq("clinker-conveyor", "pan-conveyor", "Clinker pan conveyor", "Clinker burning"),
        eq("clinker-silo-1", "silo", "Clinker silo", "Clinker burning"),
        eq("cement-mill-1", "ball-mill", "Cement mill 1", "Cement grinding"),
        eq("cement-mill-2", "ball-mill", "Cement mill 2", "Cement grinding"),
        eq("cement-silos", "silo", "Cement silos and packing plant", "Cement grinding"),
        eq("substation-1", "substation", "Main substation 110/10 kV", "Utilities"),
        eq("compressor-house", "compressor", "Compressed-air station", "Utilities"),
    ];
    let p = "electric_power";
    let f = "mass_flow";
    let t = "temperature";
    let meters = vec![
        m("crusher-1.power", p, "kW", "crusher-1", "crusher_kW", "Crusher drive power"),
        m("crusher-1.throughput", f, "t/h", "crusher-1", "crusher_tph", "Crusher throughput"),
        m("ls-conveyor.power", p, "kW", "ls-conveyor", "ls_conveyor_kW", "Belt drive power"),
        m("stockpile-1.power", p, "kW", "stockpile-1", "stacker_reclaimer_kW", "Stacker and reclaimer power"),
        m("raw-mill-1.power", p, "kW", "raw-mill-1", "raw_mill_drive_kW", "Raw mill main drive"),
        m("raw-mill-1.fan-power", p, "kW", "raw-mill-1", "raw_mill_fan_kW", "Raw mill fan"),
        m("raw-mill-1.output", f, "t/h", "raw-mill-1", "raw_mill_tph", "Raw mill output"),
        m("raw-meal-silo.power", p, "kW", "raw-meal-silo", "kiln_feed_system_kW", "Kiln feed elevator and blowers"),
        m("preheater-1.kiln-feed", f, "t/h", "preheater-1", "kiln_feed_tph", "Kiln feed (raw meal)"),
        m("preheater-1.exit-temp", t, "°C", "preheater-1", "ph_exit_temp_C", "Preheater exit gas temperature"),
        m("calciner-1.coal", f, "t/h", "calciner-1", "coal_calciner_tph", "Coal to calciner"),
        m("calciner-1.outlet-temp", t, "°C", "calciner-1", "calciner_outlet_temp_C", "Calciner outlet temperature"),
        m("kiln-1.coal", f, "t/h", "kiln-1", "coal_kiln_tph", "Coal to main burner"),
        m("kiln-1.drive-power", p, "kW", "kiln-1", "kiln_drive_kW", "Kiln main drive"),
        m("kiln-1.speed", "speed", "rpm", "kiln-1", "kiln_speed_rpm", "Kiln speed"),
        m("kiln-1.burning-zone-temp", t, "°C", "kiln-1", "bz_temp_C", "Burning-zone temperature (pyrometer)"),
        m("kiln-1.inlet-o2", "concentration", "%", "kiln-1", "kiln_inlet_O2_pct", "Kiln-inlet O2"),
        m("cooler-1.clinker", f, "t/h", "cooler-1", "clinker_tph", "Clinker output"),
        m("cooler-1.fans-power", p, "kW", "cooler-1", "cooler_fans_kW", "Cooling-air fans"),
        m("cooler-1.exhaust-fan-power", p, "kW", "cooler-1", "cooler_exhaust_fan_kW", "Cooler exhaust fan"),
        m("cooler-1.secondary-air-temp", t, "°C", "cooler-1", "secondary_air_temp_C", "Secondary air temperature"),
        m("cooler-1.exhaust-temp", t, "°C", "cooler-1", "cooler_exhaust_temp_C", "Cooler exhaust temperature"),
        m("id-fan-1.power", p, "kW", "id-fan-1", "id_fan_kW", "Kiln ID fan power"),
        m("baghouse-1.fan-power", p, "kW", "baghouse-1", "baghouse_fan_kW", "Bag filter fan power"),
        m("coal-mill-1.power", p, "kW", "coal-mill-1", "coal_mill_drive_kW", "Coal mill drive"),
        m("coal-mill-1.fan-power", p, "kW", "coal-mill-1", "coal_mill_fan_kW", "Coal mill fan"),
        m("coal-mill-1.output", f, "t/h", "coal-mill-1", "coal_mill_tph", "Coal mill output"),
        m("clinker-conveyor.power", p, "kW", "clinker-conveyor", "clinker_conveyor_kW", "Pan conveyor drive"),
        m("cement-mill-1.power", p, "kW", "cement-mill-1", "cement_mill1_drive_kW", "Mill 1 main drive"),
        m("cement-mill-1.separator-power", p, "kW", "cement-mill-1", "cement_mill1_sep_kW", "Mill 1 separator and fan"),
        m("cement-mill-1.output", f, "t/h", "cement-mill-1", "cement_mill1_tph", "Mill 1 cement output"),
        m("cement-mill-2.power", p, "kW", "cement-mill-2", "cement_mill2_drive_kW", "Mill 2 main drive"),
        m("cement-mill-2.separator-power", p, "kW", "cement-mill-2", "cement_mill2_sep_kW", "Mill 2 separator and fan"),
        m("cement-mill-2.output", f, "t/h", "cement-mill-2", "cement_mill2_tph", "Mill 2 cement output"),
        m("cement-silos.power", p, "kW", "cement-silos", "packing_kW", "Packing and loading"),
        m("compressor-house.power", p, "kW", "compressor-house", "compressors_kW", "Air compressors"),
        m("substation-1.incomer-power", p, "kW", "substation-1", "main_incomer_kW", "Main incomer (whole site)"),
    ];
    let nodes = vec![
        flow_node(
            "grid",
            "Grid electricity",
            "source",
            // Market-based scope 2: 10 % of purchases under a green-power contract (illustrative).
            &[("carrier", "\"electricity\""), ("factor", "\"cn-reporting-2022\""), ("market_factor", "\"cn-national-2022-excl-green\""), ("green_share", "0.1")],
        ),
        flow_node("coal", "Coal (as fired, 23.8 GJ/t)", "source", &[("carrier", "\"coal\""), ("factor", "\"bituminous-coal\""), ("ncv", "\"23.8 GJ/t\"")]),
        flow_node("raw-materials", "Limestone and raw materials", "source", &[("carrier", "\"limestone\"")]),
        flow_node("cement", "Cement dispatched", "product", &[]),
        flow_node("unmetered-electricity", "Unmetered electricity (lighting, offices, workshops, cable losses)", "unmetered", &[]),
        flow_node("clinker-heat", "Heat of clinker formation (1.75 GJ/t)", "product", &[]),
        flow_node("kiln-losses", "Kiln system heat losses (exit gas, cooler exhaust, shell)", "loss", &[]),
    ];
    // Electricity: the incomer feeds every metered drive; what no sub-meter sees is an explicit remainder.
    let mut electric: Vec<(String, Vec<String>)> = Vec::new();
    for m in meters.iter().filter(|m| m.quantity == p && m.equipment != "substation-1") {
        match electric.iter_mut().find(|(e, _)| *e == m.equipment) {
            Some((_, ids)) => ids.push(m.id.clone()),
            None => electric.push((m.equipment.clone(), vec![m.id.clone()])),
        }
    }
    let mut flows = vec![flow("grid", "substation-1", "electricity", Some("substation-1.incomer-power"), None)];
    for (equipment, ids) in &electric {
        flows.push(flow("substation-1", equipment, "electricity", Some(&ids.join(" + ")), None));
    }
    let all_subs: Vec<&str> = electric.iter().flat_map(|(_, ids)| ids.iter().map(String::as_str)).collect();
    let remainder = format!("substation-1.incomer-power - {}", all_subs.join(" - "));
    flows.push(flow("substation-1", "unmetered-electricity", "electricity", Some(&remainder), None));
    flows.extend([
        flow("coal", "coal-mill-1", "coal", Some("coal-mill-1.output"), None),
        flow("raw-materials", "crusher-1", "limestone", Some("crusher-1.throughput"), None),
        flow("cement-silos", "cement", "cement", None, None),
    ]);
    flows.extend(vec![
        flow("crusher-1", "stockpile-1", "limestone", Some("crusher-1.throughput"), Some("ls-conveyor")),
        flow("stockpile-1", "raw-mill-1", "limestone", None, Some("conveyor-raw-mill-feed")),
        flow("raw-mill-1", "raw-meal-silo", "raw-meal", Some("raw-mill-1.output"), None),
        flow("raw-meal-silo", "preheater-1", "raw-meal", Some("preheater-1.kiln-feed"), Some("kiln-feed-elevator")),
        flow("coal-mill-1", "kiln-1", "coal", Some("kiln-1.coal"), Some("coal-pipe-burner")),
        flow("coal-mill-1", "calciner-1", "coal", Some("calciner-1.coal"), Some("coal-pipe-calciner")),
        flow("preheater-1", "kiln-1", "hot-meal", None, None),
        flow("kiln-1", "cooler-1", "clinker", None, None),
        flow("cooler-1", "calciner-1", "tertiary-air", None, Some("tertiary-air-duct")),
        flow("preheater-1", "id-fan-1", "exhaust-gas", None, Some("preheater-downcomer")),
        flow("id-fan-1", "baghouse-1", "exhaust-gas", None, Some("gas-duct-baghouse")),
        flow("cooler-1", "clinker-silo-1", "clinker", Some("cooler-1.clinker"), Some("clinker-conveyor")),
        flow("clinker-silo-1", "cement-mill-1", "clinker", None, Some("conveyor-cement-mill-1")),
        flow("clinker-silo-1", "cement-mill-2", "clinker", None, Some("conveyor-cement-mill-2")),
        flow("cement-mill-1", "cement-silos", "cement", Some("cement-mill-1.output"), None),
        flow("cement-mill-2", "cement-silos", "cement", Some("cement-mill-2.output"), None),
    ]);
    // Kiln heat balance: the calciner's fuel heat goes on into the kiln system; of all that enters the kiln,
    // the theoretical heat of formation leaves with the clinker (cement-kiln.md: 1.6-1.8 GJ/t) and the rest
    // is lost. The losses are computed, not metered.
    let extra = r#"[[flow]]
from = "calciner-1"
to = "kiln-1"
carrier = "heat"
value = "remainder"

[[flow]]
from = "kiln-1"
to = "clinker-heat"
carrier = "heat"
meter = "cooler-1.clinker"
times = "1.75 GJ/t"

[[flow]]
from = "kiln-1"
to = "kiln-losses"
carrier = "heat"
value = "remainder"

# Accounting: factor sets by id (bundled) or path; GWP set for non-CO2 gases; balance tolerance.
[accounting]
factor_sets = ["ipcc-2006-fuels", "china-2022"]
gwp = "AR5"
tolerance = 0.02

# Products, for key figures per unit. Clinker CaO/MgO from the plant laboratory (all from carbonates).
[[product]]
id = "clinker"
name = "Clinker"
meter = "cooler-1.clinker"
kpis = ["fuel", "co2", "process-co2"]
calcination = { cao = 0.652, mgo = 0.015, at = "kiln-1" }

[[product]]
id = "cement"
name = "Cement"
value = "cement-mill-1.output + cement-mill-2.output"
kpis = ["electricity", "energy", "co2"]

# What-if: the kiln line's process model; its baseline is the meters' mean over the hour before the cursor.
[[whatif]]
process = "cement-kiln"
equipment = ["kiln-1", "calciner-1", "preheater-1", "cooler-1", "coal-mill-1", "id-fan-1"]
[whatif.baseline]
clinker = "cooler-1.clinker"
excess_o2 = "kiln-1.inlet-o2"
calciner_split = { share = ["calciner-1.coal", "kiln-1.coal"] }
"#
    .to_string();
    SiteSpec {
        folder: "cement-plant".into(),
        name: "Cement plant — 5,000 t/d clinker line".into(),
        kind: "cement-plant".into(),
        time_zone: "Asia/Shanghai".into(),
        description: "Dry-process line: limestone crusher, pre-blending stockpile, vertical raw mill, 5-stage \
                      preheater with calciner, 4.8 × 72 m rotary kiln, grate cooler, coal mill, two cement ball mills. \
                      14 days of 1-minute data, generated by plant-sitegen."
            .into(),
        data_file: "data/cement-plant-2026-11".into(),
        equipment,
        meters,
        nodes,
        flows,
        extra,
        csv: true,
    }
}

// ---------------------------------------------------------------------------------------------------------
// Model

/// Kiln axis ends (inlet at the preheater, outlet at the cooler), world coordinates.
const KILN_IN: Vec3 = Vec3::new(16.0, 16.0, 0.0);
const KILN_OUT: Vec3 = Vec3::new(88.0, 13.5, 0.0);

/// A conveyor gallery on trestles between two world points; geometry relative to the midpoint.
fn conveyor(a: Vec3, b: Vec3, mat: Mat) -> (Vec3, Shape) {
    let mid = (a + b) / 2.0;
    let mut s = Shape::new();
    s.beam(mat, a - mid, b - mid, 3.0, 2.2);
    s.beam(Mat::Belt, a - mid + v(0.0, 1.2, 0.0), b - mid + v(0.0, 1.2, 0.0), 1.4, 0.2);
    let n = ((b - a).length() / 18.0).floor() as i32;
    for i in 1..=n {
        let p = a + (b - a) * (i as f32 / (n + 1) as f32);
        if p.y > 2.0 {
            s.block(Mat::SteelDark, p.x - mid.x, -mid.y, p.z - mid.z, 1.0, p.y - 1.1, 1.0);
        }
    }
    (mid, s)
}

/// Ducts or pipes through several points.
fn route(points: &[Vec3], r: f32, mat: Mat) -> (Vec3, Shape) {
    let mid = points.iter().copied().sum::<Vec3>() / points.len() as f32;
    let mut s = Shape::new();
    for w in points.windows(2) {
        s.cylinder(mat, w[0] - mid, w[1] - mid, r);
    }
    (mid, s)
}

pub fn model() -> Vec<NodeSpec> {
    let mut nodes = Vec::new();

    // Ground and roads (not equipment).
    let mut ground = Shape::new();
    ground.cuboid(Mat::Ground, v(-280.0, -0.3, -130.0), v(620.0, 0.3, 260.0));
    ground.cuboid(Mat::Road, v(-270.0, 0.0, 78.0), v(600.0, 0.05, 10.0));
    ground.cuboid(Mat::Road, v(-270.0, 0.0, -100.0), v(600.0, 0.05, 8.0));
    nodes.push(node("ground", false, Vec3::ZERO, ground));

    // Limestone crusher: building with a truck dump hopper.
    let mut s = Shape::new();
    s.block(Mat::Cladding, 0.0, 0.0, 0.0, 18.0, 16.0, 22.0);
    s.block(Mat::Concrete, -13.0, 0.0, 0.0, 8.0, 6.0, 14.0);
    s.frustum(Mat::Steel, v(0.0, 16.0, 0.0), v(0.0, 22.0, 0.0), 2.5, 7.0, 4);
    s.block(Mat::SteelDark, 6.0, 16.0, 6.0, 4.0, 3.0, 4.0);
    nodes.push(node("crusher-1", true, v(-230.0, 0.0, -70.0), s));

    let (at, s) = conveyor(v(-221.0, 18.0, -70.0), v(-172.0, 20.0, -70.0), Mat::Steel);
    nodes.push(node("ls-conveyor", true, at, s));

    // Pre-blending stockpile: a long gabled shed.
    let mut s = Shape::new();
    s.shed(0.0, 0.0, 90.0, 40.0, 7.0, 14.0);
    nodes.push(node("stockpile-1", true, v(-127.0, 0.0, -70.0), s));

    let (at, s) = conveyor(v(-82.0, 8.0, -66.0), v(-60.0, 26.0, -44.0), Mat::Steel);
    nodes.push(node("conveyor-raw-mill-feed", false, at, s));

    // Vertical roller raw mill with its separator, cyclones and fan.
    let mut s = Shape::new();
    s.block(Mat::Concrete, 0.0, 0.0, 0.0, 16.0, 5.0, 16.0);
    s.cylinder(Mat::Steel, v(0.0, 5.0, 0.0), v(0.0, 18.0, 0.0), 6.0);
    s.frustum(Mat::Steel, v(0.0, 18.0, 0.0), v(0.0, 26.0, 0.0), 6.0, 3.0, 24);
    s.cyclone(Mat::Steel, 12.0, 26.0, -6.0, 3.0);
    s.cyclone(Mat::Steel, 12.0, 26.0, 6.0, 3.0);
    s.block(Mat::Concrete, 12.0, 0.0, 0.0, 10.0, 18.0, 18.0);
    s.cylinder(Mat::Duct, v(0.0, 26.0, 0.0), v(12.0, 33.0, 0.0), 1.6);
    s.block(Mat::SteelDark, -12.0, 0.0, 0.0, 6.0, 5.0, 8.0); // main drive
    nodes.push(node("raw-mill-1", true, v(-55.0, 0.0, -40.0), s));

    // Raw meal silo with the kiln-feed bucket elevator.
    let mut s = Shape::new();
    s.silo(Mat::Concrete, 0.0, 0.0, 9.0, 52.0);
    s.block(Mat::Cladding, 0.0, 52.0, 0.0, 10.0, 5.0, 10.0);
    nodes.push(node("raw-meal-silo", true, v(-42.0, 0.0, 6.0), s));
    let (at, s) = conveyor(v(-33.0, 55.0, 6.0), v(-9.0, 100.0, 4.0), Mat::Steel);
    nodes.push(node("kiln-feed-elevator", false, at, s));

    // Preheater tower: concrete frame, floors, two strings of five cyclone stages.
    let mut s = Shape::new();
    for (cx, cz) in [(-10.0, -10.0), (10.0, -10.0), (-10.0, 10.0), (10.0, 10.0)] {
        s.block(Mat::Concrete, cx, 0.0, cz, 2.0, 104.0, 2.0);
    }
    for y in [14.0, 28.0, 44.0, 62.0, 80.0, 98.0] {
        s.block(Mat::Concrete, 0.0, y, 0.0, 22.0, 0.7, 22.0);
    }
    s.block(Mat::Cladding, 0.0, 0.0, 0.0, 12.0, 14.0, 12.0); // kiln inlet housing
    let stages = [(100.0, 2.6), (84.0, 3.4), (66.0, 3.4), (48.0, 3.4), (32.0, 3.6)];
    for (k, &(y, r)) in stages.iter().enumerate() {
        for z in [-5.0f32, 5.0] {
            if k == 0 {
                s.cyclone(Mat::Steel, -6.0, y, z - 1.5, r);
                s.cyclone(Mat::Steel, -6.0, y, z + 1.5, r);
            } else {
                let x = if k % 2 == 0 { -5.0 } else { 4.0 };
                s.cyclone(Mat::Steel, x, y, z, r);
                // Riser duct to the stage above.
                let (y_up, _) = stages[k - 1];
                s.cylinder(Mat::Duct, v(x, y + 3.5 * r, z), v(-x * 0.4, y_up - 6.0, z), 1.2);
            }
        }
    }
    nodes.push(node("preheater-1", true, v(0.0, 0.0, 0.0), s));

    // Calciner beside the tower, with a gooseneck into the bottom stage.
    let mut s = Shape::new();
    s.cylinder(Mat::Refractory, v(0.0, 16.0, 0.0), v(0.0, 72.0, 0.0), 3.8);
    s.frustum(Mat::Refractory, v(0.0, 12.0, 0.0), v(0.0, 16.0, 0.0), 2.0, 3.8, 24);
    s.cylinder(Mat::Duct, v(0.0, 72.0, 0.0), v(-9.0, 76.0, 0.0), 2.4);
    s.cylinder(Mat::Duct, v(-9.0, 76.0, 0.0), v(-13.0, 44.0, 0.0), 2.0);
    nodes.push(node("calciner-1", true, v(15.0, 0.0, 0.0), s));

    // Rotary kiln on three piers, with tyres, girth gear and drive.
    let mut s = Shape::new();
    let mid = (KILN_IN + KILN_OUT) / 2.0;
    let (a, b) = (KILN_IN - mid, KILN_OUT - mid);
    s.cylinder(Mat::Refractory, a, b, 2.4);
    for f in [0.18f32, 0.52, 0.86] {
        let c = a + (b - a) * f;
        let dir = (b - a).normalize();
        s.cylinder(Mat::SteelDark, c - dir * 0.6, c + dir * 0.6, 2.85);
        s.block(Mat::Concrete, c.x, -mid.y, c.z, 6.0, mid.y + c.y - 2.7, 7.0);
    }
    let g = a + (b - a) * 0.62;
    let dir = (b - a).normalize();
    s.cylinder(Mat::SteelDark, g - dir * 0.4, g + dir * 0.4, 3.3);
    s.block(Mat::Steel, g.x, -mid.y, g.z + 6.0, 4.0, 4.0, 4.0);
    s.block(Mat::Cladding, b.x + 2.0, -mid.y, b.z, 5.0, mid.y + b.y + 5.0, 10.0); // kiln hood
    nodes.push(node("kiln-1", true, mid, s));

    // Grate cooler with its fans and the clinker breaker.
    let mut s = Shape::new();
    s.block(Mat::Cladding, 16.0, 0.0, 0.0, 32.0, 11.0, 10.0);
    s.block(Mat::Concrete, 16.0, 0.0, 0.0, 34.0, 2.0, 14.0);
    for i in 0..6 {
        let x = 3.0 + i as f32 * 5.0;
        s.cylinder(Mat::Steel, v(x, 2.2, 8.0), v(x, 2.2, 10.5), 1.6);
    }
    s.block(Mat::SteelDark, 34.0, 0.0, 0.0, 4.0, 6.0, 6.0);
    s.cylinder(Mat::Duct, v(26.0, 11.0, 0.0), v(26.0, 24.0, 0.0), 1.5);
    nodes.push(node("cooler-1", true, v(92.0, 0.0, 0.0), s));

    let (at, s) = route(&[v(95.0, 14.0, -4.0), v(95.0, 24.0, -6.0), v(40.0, 24.0, -6.0), v(20.0, 15.0, -2.0)], 1.7, Mat::Duct);
    nodes.push(node("tertiary-air-duct", false, at, s));

    // Kiln ID fan: volute, motor, plinth.
    let mut s = Shape::new();
    s.block(Mat::Concrete, 0.0, 0.0, 0.0, 10.0, 2.0, 8.0);
    s.cylinder(Mat::Steel, v(-2.0, 6.0, 0.0), v(2.0, 6.0, 0.0), 4.0);
    s.cylinder(Mat::SteelDark, v(3.0, 4.0, 0.0), v(7.5, 4.0, 0.0), 1.8);
    nodes.push(node("id-fan-1", true, v(-22.0, 0.0, 28.0), s));
    let (at, s) = route(&[v(-6.0, 106.0, 0.0), v(-14.0, 106.0, 0.0), v(-16.0, 10.0, 22.0), v(-22.0, 10.0, 28.0)], 2.0, Mat::Duct);
    nodes.push(node("preheater-downcomer", false, at, s));
    let (at, s) = route(&[v(-26.0, 6.0, 28.0), v(-45.0, 12.0, 40.0), v(-55.0, 12.0, 45.0)], 1.8, Mat::Duct);
    nodes.push(node("gas-duct-baghouse", false, at, s));

    // Bag filter on legs, hoppers below, main stack.
    let mut s = Shape::new();
    s.block(Mat::Steel, 0.0, 8.0, 0.0, 30.0, 14.0, 18.0);
    for x in [-10.0, 0.0, 10.0] {
        s.frustum(Mat::Steel, v(x, 3.0, 0.0), v(x, 8.0, 0.0), 0.8, 5.0, 4);
        s.block(Mat::SteelDark, x, 0.0, -8.0, 0.8, 8.0, 0.8);
        s.block(Mat::SteelDark, x, 0.0, 8.0, 0.8, 8.0, 0.8);
    }
    s.cylinder(Mat::Concrete, v(22.0, 0.0, 0.0), v(22.0, 95.0, 0.0), 2.6);
    s.block(Mat::SteelDark, 15.0, 0.0, 0.0, 5.0, 6.0, 5.0);
    nodes.push(node("baghouse-1", true, v(-60.0, 0.0, 48.0), s));

    // Coal mill building with bag filter; coal pipes to the burner and the calciner.
    let mut s = Shape::new();
    s.block(Mat::Cladding, 0.0, 0.0, 0.0, 16.0, 26.0, 16.0);
    s.block(Mat::Roof, 0.0, 26.0, 0.0, 17.0, 1.0, 17.0);
    s.block(Mat::Steel, 12.0, 10.0, 0.0, 8.0, 12.0, 8.0);
    s.silo(Mat::Steel, -12.0, 0.0, 4.0, 20.0);
    nodes.push(node("coal-mill-1", true, v(45.0, 0.0, -42.0), s));
    let (at, s) = route(&[v(45.0, 6.0, -34.0), v(92.0, 6.0, -8.0), v(92.0, 14.0, -1.0)], 0.35, Mat::SteelDark);
    nodes.push(node("coal-pipe-burner", false, at, s));
    let (at, s) = route(&[v(43.0, 10.0, -34.0), v(18.0, 20.0, -4.0), v(17.0, 24.0, -3.0)], 0.35, Mat::SteelDark);
    nodes.push(node("coal-pipe-calciner", false, at, s));

    let (at, s) = conveyor(v(128.0, 4.0, 0.0), v(166.0, 46.0, 0.0), Mat::Steel);
    nodes.push(node("clinker-conveyor", true, at, s));

    let mut s = Shape::new();
    s.silo(Mat::Concrete, 0.0, 0.0, 18.0, 44.0);
    nodes.push(node("clinker-silo-1", true, v(184.0, 0.0, 0.0), s));

    for (i, z) in [(1, -32.0f32), (2, 32.0)] {
        let (at, s) = conveyor(v(196.0, 4.0, z.signum() * 10.0), v(222.0, 16.0, z), Mat::Steel);
        nodes.push(node(&format!("conveyor-cement-mill-{i}"), false, at, s));
        let mut s = Shape::new();
        s.shed(0.0, 0.0, 44.0, 20.0, 8.0, 5.0);
        s.cylinder(Mat::Steel, v(-14.0, 4.5, 0.0), v(6.0, 4.5, 0.0), 2.1);
        s.block(Mat::SteelDark, 12.0, 0.0, 0.0, 6.0, 5.0, 6.0);
        s.frustum(Mat::Steel, v(-4.0, 13.0, 0.0), v(-4.0, 22.0, 0.0), 4.0, 2.0, 24);
        s.cyclone(Mat::Steel, 6.0, 18.0, 0.0, 2.5);
        nodes.push(node(&format!("cement-mill-{i}"), true, v(240.0, 0.0, z), s));
    }

    let mut s = Shape::new();
    for (x, z) in [(-9.0, -9.0), (9.0, -9.0), (-9.0, 9.0), (9.0, 9.0)] {
        s.silo(Mat::Concrete, x, z, 7.5, 42.0);
    }
    s.block(Mat::Cladding, 22.0, 0.0, 0.0, 14.0, 12.0, 30.0);
    nodes.push(node("cement-silos", true, v(292.0, 0.0, 0.0), s));

    // Substation: control building, transformers, switchyard gantry.
    let mut s = Shape::new();
    s.block(Mat::Cladding, 0.0, 0.0, 0.0, 30.0, 8.0, 14.0);
    for x in [-10.0, 0.0, 10.0] {
        s.block(Mat::Transformer, x, 0.0, 16.0, 6.0, 5.0, 5.0);
    }
    for x in [-14.0, 14.0] {
        s.block(Mat::SteelDark, x, 0.0, 26.0, 0.6, 14.0, 0.6);
    }
    s.block(Mat::SteelDark, 0.0, 13.5, 26.0, 28.6, 0.6, 0.6);
    nodes.push(node("substation-1", true, v(-200.0, 0.0, 40.0), s));

    let mut s = Shape::new();
    s.block(Mat::Cladding, 0.0, 0.0, 0.0, 20.0, 8.0, 12.0);
    s.cylinder(Mat::Steel, v(-12.0, 0.0, 0.0), v(-12.0, 7.0, 0.0), 1.5);
    nodes.push(node("compressor-house", true, v(40.0, 0.0, 45.0), s));

    nodes
}

// ---------------------------------------------------------------------------------------------------------
// Data

/// Smooth noise: first-order autoregressive process with unit-variance innovations scaled to `sd`.
pub(crate) struct Ar1 {
    x: f64,
    rho: f64,
    sd: f64,
}

impl Ar1 {
    pub(crate) fn new(tau_min: f64, sd: f64) -> Self {
        Self { x: 0.0, rho: (-1.0 / tau_min).exp(), sd }
    }

    pub(crate) fn step(&mut self, rng: &mut StdRng) -> f64 {
        let n: f64 = Normal::new(0.0, 1.0).map(|d| d.sample(rng)).unwrap_or(0.0);
        self.x = self.rho * self.x + self.sd * (1.0 - self.rho * self.rho).sqrt() * n;
        self.x
    }
}

/// A first-order lag toward a target with time constant `tau_min` (start-ups and shut-downs ramp).
pub(crate) fn lag(current: f64, target: f64, tau_min: f64) -> f64 {
    current + (target - current) * (1.0 - (-1.0 / tau_min).exp())
}

/// Generated columns: timestamps (UTC ms) and one optional value per meter and minute.
pub struct Record {
    pub times_ms: Vec<i64>,
    pub columns: Vec<(String, Vec<Option<f64>>)>,
}

pub fn record(spec: &SiteSpec) -> Result<Record> {
    let tz: chrono_tz::Tz = spec.time_zone.parse().map_err(|e| anyhow::anyhow!("{e}"))?;
    let start = tz.with_ymd_and_hms(2026, 11, 2, 0, 0, 0).single().ok_or_else(|| anyhow::anyhow!("start time is ambiguous"))?;
    let mut rng = StdRng::seed_from_u64(20_261_102);
    let gauss = Normal::new(0.0, 1.0)?;
    let noise = |rng: &mut StdRng, sd: f64| sd * gauss.sample(rng);

    let mut cols: Vec<(String, Vec<Option<f64>>)> = spec.meters.iter().map(|m| (m.column.clone(), Vec::with_capacity(MINUTES))).collect();
    let col_index = |name: &str| spec.meters.iter().position(|m| m.column == name);
    let mut times = Vec::with_capacity(MINUTES);

    // Slow process variations.
    let mut prod_var = Ar1::new(240.0, 3.0);
    let mut o2_var = Ar1::new(30.0, 0.18);
    let mut q_var = Ar1::new(180.0, 0.025);
    let mut bz_var = Ar1::new(20.0, 9.0);
    let mut ph_var = Ar1::new(40.0, 3.0);
    let mut rm_var = Ar1::new(15.0, 7.0);
    let mut cm_var = [Ar1::new(20.0, 3.0), Ar1::new(20.0, 3.0)];

    // State with inertia.
    let mut rm_on = 1.0f64;
    let mut cm_on = [1.0f64, 1.0];
    let mut coal_on = 1.0f64;
    let mut feed_hist: Vec<f64> = Vec::with_capacity(MINUTES);
    let mut truck_left = 0i32;
    let mut compressor_loaded = true;

    // Events (minutes from start).
    let day = |d: i64, h: i64, m: i64| (d * 1440 + h * 60 + m) as usize;
    let raw_mill_stop = day(4, 6, 0)..day(4, 16, 30); // Friday planned maintenance
    let upset = day(8, 14, 20); // Tuesday: kiln upset (coating collapse, flush)
    let pyrometer_out = day(10, 9, 5)..day(10, 11, 10);
    let logger_out = day(7, 3, 12)..day(7, 3, 57);

    for k in 0..MINUTES {
        let now = start + chrono::Duration::minutes(k as i64);
        let local = now.with_timezone(&tz);
        let wd = local.weekday().num_days_from_monday(); // 0 = Monday
        let h = local.hour() as f64 + local.minute() as f64 / 60.0;
        let in_hours = |a: f64, b: f64| h >= a && h < b;

        // --- Kiln line ---------------------------------------------------------------------------------
        let since_upset = k as i64 - upset as i64;
        let upset_feed = match since_upset {
            s if s < 3 => 1.0,
            s if s < 48 => 0.55,
            s if s < 198 => 0.55 + 0.45 * (s - 48) as f64 / 150.0,
            _ => 1.0,
        };
        let p_target = CLINKER_NOMINAL_TPH + prod_var.step(&mut rng);
        let feed = FEED_PER_CLINKER * p_target * upset_feed + noise(&mut rng, 1.2);
        feed_hist.push(feed);
        // Clinker leaves the cooler ~30 min after the meal enters the preheater.
        let feed_lag = feed_hist[k.saturating_sub(30)];
        let flush = if (5..15).contains(&since_upset) { 55.0 } else { 0.0 };
        let clinker = feed_lag / FEED_PER_CLINKER + flush + noise(&mut rng, 2.5);
        let rel = feed / (FEED_PER_CLINKER * CLINKER_NOMINAL_TPH);
        let clinker_rel = clinker / CLINKER_NOMINAL_TPH;

        let upset_shape = |peak: f64, dur: f64| {
            if since_upset >= 0 { peak * (-(since_upset as f64) / dur).exp() } else { 0.0 }
        };
        let o2 = (2.5 + o2_var.step(&mut rng) + upset_shape(2.0, 70.0)).clamp(0.6, 7.0);
        let q = SPECIFIC_HEAT_GJ_PER_T + 0.05 * (o2 - 2.5) + q_var.step(&mut rng);
        // Operators hold extra main-burner fuel while the kiln recovers.
        let burner_extra = if (0..120).contains(&since_upset) { 0.12 } else { 0.0 };
        let coal_total = q * feed / FEED_PER_CLINKER / COAL_NCV_GJ_PER_T;
        let coal_kiln = coal_total * MAIN_BURNER_SHARE * (1.0 + burner_extra) + noise(&mut rng, 0.12);
        let coal_calc = coal_total * (1.0 - MAIN_BURNER_SHARE) + noise(&mut rng, 0.15);
        let speed = if (2..200).contains(&since_upset) { 2.6 + 1.4 * ((since_upset - 2) as f64 / 198.0).powf(2.0) } else { 4.0 } + noise(&mut rng, 0.01);
        let bz = 1450.0 + bz_var.step(&mut rng) - upset_shape(115.0, 60.0);
        let ph_exit = 320.0 + 8.0 * (rel - 1.0) + ph_var.step(&mut rng) + if (3..198).contains(&since_upset) { 30.0 * (1.0 - rel) / 0.45 } else { 0.0 };
        let calc_out = 880.0 + noise(&mut rng, 3.0) - upset_shape(25.0, 40.0);
        let sec_air = 1120.0 + noise(&mut rng, 10.0) - upset_shape(140.0, 80.0);
        let cooler_exh = 245.0 + 40.0 * (clinker_rel - 1.0) + noise(&mut rng, 4.0);
        let gas = rel * (1.0 + 0.05 * (o2 - 2.5));
        let kiln_drive = 380.0 * (speed / 4.0) * (0.85 + 0.15 * rel) + noise(&mut rng, 6.0);
        let id_fan = 2650.0 * gas.max(0.3).powf(2.5) + noise(&mut rng, 18.0);
        let cooler_fans = 1350.0 * clinker_rel.max(0.3).powf(1.2) + noise(&mut rng, 12.0);
        let cooler_exh_fan = 410.0 * clinker_rel.max(0.3) + noise(&mut rng, 6.0);
        let feed_system = 60.0 + 190.0 * rel + noise(&mut rng, 4.0);
        let clinker_conv = 45.0 + 0.55 * clinker.max(0.0) + noise(&mut rng, 3.0);

        // --- Raw mill: stops in the evening peak (18:00-21:00) and for planned maintenance ------------
        let rm_target = if in_hours(18.0, 21.0) || raw_mill_stop.contains(&k) { 0.0 } else { 1.0 };
        rm_on = lag(rm_on, rm_target, 4.0);
        let rm_running = rm_on > 0.05;
        let rm_tph = if rm_running { (410.0 + rm_var.step(&mut rng)) * rm_on } else { 0.0 };
        let rm_drive = if rm_running { 250.0 + 9.0 * rm_tph + noise(&mut rng, 25.0) } else { 0.0 };
        let rm_fan = if rm_running { 2850.0 * rm_on.powf(1.5) + noise(&mut rng, 20.0) } else { 0.0 };
        let baghouse = 1650.0 * gas.max(0.3).powi(2) * if rm_running { 1.0 } else { 1.06 } + noise(&mut rng, 12.0);

        // --- Crusher: Monday-Saturday 07:00-15:00, trucks arrive in bursts ----------------------------
        let crusher_shift = wd < 6 && in_hours(7.0, 15.0) && !in_hours(11.5, 12.0);
        let crusher_tph = if crusher_shift {
            if truck_left <= 0 && rng.random_bool(0.5) {
                truck_left = rng.random_range(3..9);
            }
            truck_left -= 1;
            if truck_left > 0 { 1150.0 + noise(&mut rng, 60.0) } else { 0.0 }
        } else {
            truck_left = 0;
            0.0
        };
        let crusher_kw = if crusher_shift { 160.0 + 0.55 * crusher_tph + noise(&mut rng, 20.0) } else { 0.0 };
        let ls_conv = if crusher_shift { 35.0 + 0.16 * crusher_tph + noise(&mut rng, 4.0) } else { 0.0 };
        let stockpile = (if crusher_shift { 75.0 } else { 0.0 }) + 85.0 * rm_tph / 410.0 + noise(&mut rng, 3.0).abs();

        // --- Coal mill: stops 19:00-21:30 ---------------------------------------------------------------
        coal_on = lag(coal_on, if in_hours(19.0, 21.5) { 0.0 } else { 1.0 }, 3.0);
        let coal_running = coal_on > 0.05;
        let coal_tph = if coal_running { 33.0 * coal_on + noise(&mut rng, 0.6) } else { 0.0 };
        let coal_drive = if coal_running { 120.0 + 17.0 * coal_tph + noise(&mut rng, 10.0) } else { 0.0 };
        let coal_fan = if coal_running { 540.0 * coal_on.sqrt() + noise(&mut rng, 8.0) } else { 0.0 };

        // --- Cement mills: time-of-use schedule, mill 2 idle on Sundays ---------------------------------
        let cm_target = [
            if in_hours(18.0, 22.0) { 0.0 } else { 1.0 },
            match wd {
                6 => 0.0,
                5 => {
                    if h < 8.0 || h >= 22.0 {
                        1.0
                    } else {
                        0.0
                    }
                }
                _ => {
                    if in_hours(8.0, 11.0) || in_hours(18.0, 22.0) {
                        0.0
                    } else {
                        1.0
                    }
                }
            },
        ];
        let mut cm = [(0.0, 0.0, 0.0); 2];
        for i in 0..2 {
            cm_on[i] = lag(cm_on[i], cm_target[i], 5.0);
            if cm_on[i] > 0.05 {
                let out = (148.0 + cm_var[i].step(&mut rng)) * cm_on[i];
                cm[i] = (3650.0 * cm_on[i].sqrt() + noise(&mut rng, 22.0), 620.0 * cm_on[i] + 1.1 * out + noise(&mut rng, 9.0), out);
            }
        }

        // --- Dispatch, compressed air, the rest of the site ---------------------------------------------
        let packing = if wd < 6 && in_hours(7.5, 18.5) { 330.0 + noise(&mut rng, 35.0) } else { 45.0 + noise(&mut rng, 3.0) };
        if rng.random_bool(0.15) {
            compressor_loaded = !compressor_loaded;
        }
        let compressors = if compressor_loaded { 500.0 } else { 140.0 } + noise(&mut rng, 12.0);
        let daylight = if in_hours(7.0, 19.0) { 1.0 } else { 0.0 };
        let unmetered = 650.0 + 200.0 * daylight + noise(&mut rng, 15.0);

        let power_meters = [
            crusher_kw,
            ls_conv,
            stockpile,
            rm_drive,
            rm_fan,
            feed_system,
            kiln_drive,
            cooler_fans,
            cooler_exh_fan,
            id_fan,
            baghouse,
            coal_drive,
            coal_fan,
            clinker_conv,
            cm[0].0,
            cm[0].1,
            cm[1].0,
            cm[1].1,
            packing,
            compressors,
        ];
        let incomer = (power_meters.iter().sum::<f64>() + unmetered) * 1.012 + noise(&mut rng, 20.0);

        if logger_out.contains(&k) {
            continue; // the data logger was down: no rows at all
        }
        times.push(now.timestamp_millis());
        let mut set = |name: &str, value: Option<f64>, decimals: i32| {
            if let Some(i) = col_index(name) {
                let f = 10f64.powi(decimals);
                cols[i].1.push(value.map(|x| (x * f).round() / f));
            }
        };
        let calibrating = in_hours(10.0, 10.0 + 20.0 / 60.0);
        set("crusher_kW", Some(crusher_kw.max(0.0)), 1);
        set("crusher_tph", Some(crusher_tph.max(0.0)), 1);
        set("ls_conveyor_kW", Some(ls_conv.max(0.0)), 1);
        set("stacker_reclaimer_kW", Some(stockpile), 1);
        set("raw_mill_drive_kW", Some(rm_drive.max(0.0)), 1);
        set("raw_mill_fan_kW", Some(rm_fan.max(0.0)), 1);
        set("raw_mill_tph", Some(rm_tph.max(0.0)), 1);
        set("kiln_feed_system_kW", Some(feed_system), 1);
        set("kiln_feed_tph", Some(feed), 2);
        set("ph_exit_temp_C", Some(ph_exit), 1);
        set("coal_calciner_tph", Some(coal_calc), 2);
        set("calciner_outlet_temp_C", Some(calc_out), 1);
        set("coal_kiln_tph", Some(coal_kiln), 2);
        set("kiln_drive_kW", Some(kiln_drive), 1);
        set("kiln_speed_rpm", Some(speed), 3);
        set("bz_temp_C", (!pyrometer_out.contains(&k)).then_some(bz), 1);
        set("kiln_inlet_O2_pct", (!calibrating).then_some(o2), 2);
        set("clinker_tph", Some(clinker.max(0.0)), 2);
        set("cooler_fans_kW", Some(cooler_fans), 1);
        set("cooler_exhaust_fan_kW", Some(cooler_exh_fan), 1);
        set("secondary_air_temp_C", Some(sec_air), 1);
        set("cooler_exhaust_temp_C", Some(cooler_exh), 1);
        set("id_fan_kW", Some(id_fan), 1);
        set("baghouse_fan_kW", Some(baghouse), 1);
        set("coal_mill_drive_kW", Some(coal_drive.max(0.0)), 1);
        set("coal_mill_fan_kW", Some(coal_fan.max(0.0)), 1);
        set("coal_mill_tph", Some(coal_tph.max(0.0)), 2);
        set("clinker_conveyor_kW", Some(clinker_conv), 1);
        set("cement_mill1_drive_kW", Some(cm[0].0.max(0.0)), 1);
        set("cement_mill1_sep_kW", Some(cm[0].1.max(0.0)), 1);
        set("cement_mill1_tph", Some(cm[0].2.max(0.0)), 1);
        set("cement_mill2_drive_kW", Some(cm[1].0.max(0.0)), 1);
        set("cement_mill2_sep_kW", Some(cm[1].1.max(0.0)), 1);
        set("cement_mill2_tph", Some(cm[1].2.max(0.0)), 1);
        set("packing_kW", Some(packing), 1);
        set("compressors_kW", Some(compressors), 1);
        set("main_incomer_kW", Some(incomer), 1);
    }
    for (name, c) in &cols {
        anyhow::ensure!(c.len() == times.len(), "column {name} was not generated");
    }
    Ok(Record { times_ms: times, columns: cols })
}
