//! The aluminium smelter sample site: one potline of 120 prebake cells in two rows of 60, a rectifier
//! station, an anode baking plant, a fume-treatment centre (GTC), a casthouse, a substation and a
//! compressor station. 14 days of 1-minute data from the potline model of `plant-process` (Hives bath
//! conductivity, CE(ACD), Faraday): line current near 400 kA with afternoon peak-shaving to 385 kA on
//! weekdays (the grid's time-of-use tariff), cell voltages near 4.2 V with each cell's own offset and
//! drift, anode effects (about 0.1 per pot-day, 30-40 V for 2-3 minutes), a cell cut out for relining on
//! day 6, metal tapped in crucibles every shift, and a data-logger outage.
//!
//! The record is written as Parquet only: 120 cell voltages at 1 minute for 14 days would make a 35 MB CSV.

use std::f64::consts::PI;

use anyhow::Result;
use chrono::{Datelike, TimeZone, Timelike};
use glam::Vec3;
use plant_process::Process;
use plant_process::potline::Potline;
use rand::SeedableRng;
use rand::rngs::StdRng;
use rand_distr::{Distribution, Normal};

use crate::cement::{Ar1, Event, Record};
use crate::glb::{Mat, NodeSpec, Shape, node, v};
use crate::site::{Names, SiteSpec, equipment as eq, flow, flow_node, meter as m};

pub const CELLS: usize = 120;
const DAYS: i64 = 14;
const MINUTES: usize = (DAYS * 1440) as usize;

fn cell_id(i: usize) -> String {
    format!("pot-{:03}", i + 1)
}

/// The potline model held against the meters: the line's DC voltage per cell (120 cells) against the cell
/// voltage at the measured line current (anomalies of the kind "model deviation", docs/anomalies.md).
const CHECKS: &str = r#"[[whatif.checks]]
meter = "0.0083333333 * rectifier-1.dc-voltage"
output = "cell_voltage"
"#;

pub fn spec() -> SiteSpec {
    const POWER: Names = ("Power supply", "供电");
    const POTLINE: Names = ("Potline", "电解系列");
    const CARBON: Names = ("Carbon", "炭素");
    const CASTHOUSE: Names = ("Casthouse", "铸造车间");
    const UTILITIES: Names = ("Utilities", "公用工程");
    let mut equipment = vec![
        eq("substation-1", "substation", ("Main substation 220 kV", "220 kV 总降压变电站"), POWER),
        eq("rectifier-1", "rectifier", ("Rectiformer station (5 × rectiformers)", "整流所（5套整流机组）"), POWER),
        eq("potline-1", "potline", ("Potline 1 (busbars, 120 cells)", "1号电解系列（母线，120台电解槽）"), POTLINE),
        eq("gtc-1", "fume-treatment", ("Fume treatment centre (dry scrubber, fans)", "电解烟气净化站（干法净化器、风机）"), POTLINE),
        eq("anode-plant", "anode-baking-furnace", ("Anode baking furnace", "阳极焙烧炉"), CARBON),
        eq("casthouse-1", "casthouse", ("Casthouse (holding furnaces, casting)", "铸造车间（保温炉、铸造机）"), CASTHOUSE),
        eq("compressors", "compressor", ("Compressed-air station", "空压站"), UTILITIES),
    ];
    for i in 0..CELLS {
        let (row, n) = (if i < CELLS / 2 { "A" } else { "B" }, i + 1);
        equipment.push(eq(
            &cell_id(i),
            "reduction-cell",
            (&format!("Cell {n} (row {row})"), &format!("{n}号电解槽（{row}列）")),
            (&format!("Potroom {row}"), &format!("电解厂房{row}")),
        ));
    }
    let mut meters = vec![
        m("substation-1.incomer-power", "electric_power", "MW", "substation-1", "incomer_MW", ("220 kV incomer (whole site)", "220 kV 总进线功率（全厂）")),
        m("rectifier-1.ac-power", "electric_power", "MW", "rectifier-1", "rectifier_ac_MW", ("Rectifier AC input", "整流机组交流输入功率")),
        m("rectifier-1.line-current", "current", "kA", "rectifier-1", "line_current_kA", ("Line current", "系列电流")),
        m("rectifier-1.dc-voltage", "other", "V", "rectifier-1", "line_voltage_V", ("Line DC voltage", "系列直流电压")),
        m("potline-1.dc-power", "electric_power", "MW", "potline-1", "potline_dc_MW", ("Potline DC power", "电解系列直流功率")),
        m("potline-1.ae-count", "other", "cells", "potline-1", "ae_cells", ("Cells in anode effect", "发生阳极效应的槽数")),
        m("gtc-1.fan-power", "electric_power", "kW", "gtc-1", "gtc_fans_kW", ("GTC main fans", "烟气净化主排风机功率")),
        m("anode-plant.gas", "volume_flow", "Nm³/h", "anode-plant", "furnace_gas_Nm3h", ("Natural gas to the baking furnace", "焙烧炉天然气流量")),
        m("anode-plant.power", "electric_power", "kW", "anode-plant", "anode_plant_kW", ("Anode plant drives", "阳极车间动力功率")),
        m("casthouse-1.metal", "mass_flow", "t/h", "casthouse-1", "metal_tapped_tph", ("Metal tapped (crucibles received)", "出铝量（接收抬包）")),
        m("casthouse-1.power", "electric_power", "kW", "casthouse-1", "casthouse_kW", ("Casthouse power", "铸造车间功率")),
        m("compressors.power", "electric_power", "kW", "compressors", "compressors_kW", ("Air compressors", "空压机功率")),
    ];
    for i in 0..CELLS {
        meters.push(m(&format!("{}.voltage", cell_id(i)), "voltage", "V", &cell_id(i), &format!("cell_{:03}_V", i + 1), ("Cell voltage", "槽电压")));
    }
    let nodes = vec![
        flow_node("grid", ("Grid electricity", "电网购电"), "source", &[("carrier", "\"electricity\""), ("factor", "\"cn-reporting-2022\"")]),
        flow_node("natural-gas", ("Natural gas", "天然气"), "source", &[("carrier", "\"natural-gas\""), ("factor", "\"natural-gas\""), ("ncv", "\"48.0 GJ/t\"")]),
        flow_node("rectifier-losses", ("Rectifier and busbar losses", "整流及母线损耗"), "loss", &[]),
        flow_node("unmetered-electricity", ("Unmetered electricity (offices, lighting, workshops)", "未计量电力（办公、照明、车间）"), "unmetered", &[]),
    ];
    let flows = vec![
        flow("grid", "substation-1", "electricity", Some("substation-1.incomer-power"), None),
        flow("substation-1", "rectifier-1", "electricity", Some("rectifier-1.ac-power"), Some("busbar-ac")),
        flow("rectifier-1", "potline-1", "electricity", Some("potline-1.dc-power"), Some("busbar-dc")),
        flow("rectifier-1", "rectifier-losses", "electricity", Some("rectifier-1.ac-power - potline-1.dc-power"), None),
        flow("substation-1", "gtc-1", "electricity", Some("gtc-1.fan-power"), None),
        flow("substation-1", "anode-plant", "electricity", Some("anode-plant.power"), None),
        flow("substation-1", "casthouse-1", "electricity", Some("casthouse-1.power"), None),
        flow("substation-1", "compressors", "electricity", Some("compressors.power"), None),
        flow(
            "substation-1",
            "unmetered-electricity",
            "electricity",
            Some("substation-1.incomer-power - rectifier-1.ac-power - gtc-1.fan-power - anode-plant.power - casthouse-1.power - compressors.power"),
            None,
        ),
        flow("potline-1", "casthouse-1", "aluminium", Some("casthouse-1.metal"), Some("metal-road")),
    ];
    let extra = r#"[[flow]]
from = "natural-gas"
to = "anode-plant"
carrier = "natural-gas"
meter = "anode-plant.gas"
times = "0.000717 t/m3"                  # a volume flow: 0.717 kg/Nm³ makes it a mass (converted with the NCV)

[accounting]
factor_sets = ["ipcc-2006-fuels", "china-2022"]
gwp = "AR5"
tolerance = 0.02

[[co2_target]]                   # t CO2, scope 1 + location-based scope 2 (docs/forecasts.md)
year = 2026
t_co2 = 1_400_000
source = "Example target of the sample site (not a published figure)"
source_zh = "示例站点的示例目标（非公开发布的数值）"

# Aluminium: anode carbon (China defaults: 0.42 t C/t, 2 % S, 0.4 % ash) and PFC by the Tier 2 slope
# (0.143 kg CF4/(t · AE-min/cell-day), about 0.1 AE/pot-day of 2.5 min).
[[product]]
id = "aluminium"
name = "Liquid aluminium"
name_zh = "原铝液"
meter = "casthouse-1.metal"
anode = { net_consumption = 0.42, sulphur = 0.02, ash = 0.004, at = "potline-1" }
pfc = { slope_cf4 = 0.143, ae_minutes = 0.25, c2f6_ratio = 0.121, at = "potline-1" }

# What-if: the potline model; line current from the rectifier (mean over the hour before the cursor).
[[whatif]]
process = "potline"
equipment = ["potline-1", "rectifier-1", "pot-001", "pot-030", "pot-060", "pot-061", "pot-090", "pot-120"]
[whatif.baseline]
line_current = "rectifier-1.line-current"
[whatif.conditions]
cells = 120
"#
    .to_string()
        + CHECKS;
    SiteSpec {
        folder: "aluminium-smelter".into(),
        name: "Aluminium smelter — 400 kA potline, 120 cells".into(),
        name_zh: "电解铝厂——400 kA 电解系列，120台电解槽".into(),
        kind: "aluminium-smelter".into(),
        time_zone: "Asia/Shanghai".into(),
        description: "One potline of 120 prebake cells in two potrooms, rectiformer station, anode baking furnace, fume treatment, casthouse. 14 days of 1-minute data from the potline model (Hives bath conductivity, current efficiency, Faraday), generated by plant-sitegen.".into(),
        data_file: "data/aluminium-smelter-2026-11".into(),
        equipment,
        meters,
        nodes,
        flows,
        extra,
        csv: false,
    }
}

/// Cell centre, world coordinates: row A along z = −20, row B along z = +20, 7 m pitch.
fn cell_at(i: usize) -> Vec3 {
    let k = (i % (CELLS / 2)) as f32;
    let z = if i < CELLS / 2 { -20.0 } else { 20.0 };
    v(-205.0 + k * 7.0, 0.0, z)
}

pub fn model() -> Vec<NodeSpec> {
    let mut nodes = Vec::new();
    let mut ground = Shape::new();
    ground.cuboid(Mat::Ground, v(-300.0, -0.3, -120.0), v(620.0, 0.3, 240.0));
    ground.cuboid(Mat::Road, v(-290.0, 0.0, 0.0), v(600.0, 0.05, 8.0));
    nodes.push(node("ground", false, v(0.0, 0.0, 0.0), ground));
    // Potroom floors and low walls (roofs left off so the cells show).
    for z in [-20.0f32, 20.0] {
        let mut s = Shape::new();
        s.block(Mat::Concrete, 0.0, 0.0, 0.0, 430.0, 0.6, 26.0);
        s.block(Mat::Cladding, 0.0, 0.0, -13.5 * z.signum(), 430.0, 5.0, 0.6);
        nodes.push(node(if z < 0.0 { "potroom-a" } else { "potroom-b" }, false, v(0.0, 0.0, z), s));
    }
    for i in 0..CELLS {
        let mut s = Shape::new();
        s.block(Mat::SteelDark, 0.0, 0.6, 0.0, 5.0, 1.6, 12.0); // shell
        s.block(Mat::Refractory, 0.0, 2.2, 0.0, 4.6, 0.4, 11.0); // crust and anode cover
        s.block(Mat::Steel, 0.0, 2.6, 0.0, 1.2, 2.2, 10.0); // superstructure
        nodes.push(node(&cell_id(i), true, cell_at(i), s));
    }
    // Busbars along both rows, joined at the end: the potline itself.
    let mut s = Shape::new();
    s.beam(Mat::Belt, v(-208.0, 1.2, -27.0), v(210.0, 1.2, -27.0), 1.2, 0.8);
    s.beam(Mat::Belt, v(-208.0, 1.2, 27.0), v(210.0, 1.2, 27.0), 1.2, 0.8);
    s.beam(Mat::Belt, v(210.0, 1.2, -27.0), v(210.0, 1.2, 27.0), 1.2, 0.8);
    nodes.push(node("potline-1", true, v(0.0, 0.0, 0.0), s));
    let mut s = Shape::new();
    s.beam(Mat::Belt, v(0.0, 1.2, 0.0), v(34.0, 1.2, 0.0), 1.6, 1.0);
    nodes.push(node("busbar-dc", false, v(-246.0, 0.0, -27.0), s));
    // Rectiformer station and substation.
    let mut s = Shape::new();
    s.block(Mat::Cladding, 0.0, 0.0, 0.0, 24.0, 10.0, 40.0);
    for z in [-14.0, -7.0, 0.0, 7.0, 14.0] {
        s.block(Mat::Transformer, -16.0, 0.0, z, 6.0, 6.0, 5.0);
    }
    nodes.push(node("rectifier-1", true, v(-262.0, 0.0, -20.0), s));
    let mut s = Shape::new();
    s.block(Mat::Cladding, 0.0, 0.0, 0.0, 26.0, 8.0, 14.0);
    for x in [-9.0, 0.0, 9.0] {
        s.block(Mat::Transformer, x, 0.0, 16.0, 6.0, 6.0, 6.0);
        s.block(Mat::SteelDark, x, 0.0, 26.0, 0.6, 16.0, 0.6);
    }
    nodes.push(node("substation-1", true, v(-262.0, 0.0, 50.0), s));
    let mut s = Shape::new();
    s.beam(Mat::Duct, v(0.0, 4.0, 0.0), v(0.0, 4.0, -40.0), 1.2, 1.2);
    nodes.push(node("busbar-ac", false, v(-262.0, 0.0, 42.0), s));
    // Fume treatment: reactor, bag filters, fans, stack, ducts over the potrooms.
    let mut s = Shape::new();
    s.block(Mat::Steel, 0.0, 4.0, 0.0, 30.0, 14.0, 20.0);
    for x in [-10.0, 0.0, 10.0] {
        s.frustum(Mat::Steel, v(x, 0.5, 0.0), v(x, 4.0, 0.0), 0.8, 4.0, 4);
    }
    s.cylinder(Mat::Concrete, v(22.0, 0.0, 0.0), v(22.0, 60.0, 0.0), 2.5);
    s.cylinder(Mat::Duct, v(-16.0, 14.0, 0.0), v(-60.0, 14.0, 0.0), 2.0);
    nodes.push(node("gtc-1", true, v(260.0, 0.0, 0.0), s));
    // Anode baking furnace (long pit furnace) and the casthouse.
    let mut s = Shape::new();
    s.shed(0.0, 0.0, 120.0, 36.0, 10.0, 4.0);
    s.block(Mat::Refractory, 0.0, 0.0, 0.0, 110.0, 3.0, 28.0);
    s.cylinder(Mat::Concrete, v(64.0, 0.0, 10.0), v(64.0, 45.0, 10.0), 1.8);
    nodes.push(node("anode-plant", true, v(-100.0, 0.0, 85.0), s));
    let mut s = Shape::new();
    s.shed(0.0, 0.0, 80.0, 40.0, 14.0, 5.0);
    for x in [-20.0, 0.0, 20.0] {
        s.cylinder(Mat::Refractory, v(x, 0.0, -6.0), v(x, 5.0, -6.0), 6.0);
    }
    nodes.push(node("casthouse-1", true, v(150.0, 0.0, 85.0), s));
    let mut s = Shape::new();
    s.beam(Mat::Road, v(0.0, 0.2, 0.0), v(0.0, 0.2, 50.0), 6.0, 0.2);
    nodes.push(node("metal-road", false, v(150.0, 0.0, 10.0), s));
    let mut s = Shape::new();
    s.shed(0.0, 0.0, 24.0, 14.0, 6.0, 2.0);
    nodes.push(node("compressors", true, v(40.0, 0.0, 80.0), s));
    nodes
}

pub fn record(spec: &SiteSpec) -> Result<Record> {
    let tz: chrono_tz::Tz = spec.time_zone.parse().map_err(|e| anyhow::anyhow!("{e}"))?;
    let start = tz.with_ymd_and_hms(2026, 11, 2, 0, 0, 0).single().ok_or_else(|| anyhow::anyhow!("start time is ambiguous"))?;
    let mut rng = StdRng::seed_from_u64(20_261_103);
    let gauss = Normal::new(0.0, 1.0)?;
    let noise = |rng: &mut StdRng, sd: f64| sd * gauss.sample(rng);
    let model = Potline::default();
    let mut cols: Vec<(String, Vec<Option<f64>>)> = spec.meters.iter().map(|m| (m.column.clone(), Vec::with_capacity(MINUTES))).collect();
    let col = |name: &str| spec.meters.iter().position(|m| m.column == name);
    let idx = |name: &str| col(name).ok_or_else(|| anyhow::anyhow!("no column {name}"));
    let (c_inc, c_ac, c_i, c_v, c_dc, c_ae, c_gtc, c_gas, c_anode, c_metal, c_cast, c_comp) = (
        idx("incomer_MW")?,
        idx("rectifier_ac_MW")?,
        idx("line_current_kA")?,
        idx("line_voltage_V")?,
        idx("potline_dc_MW")?,
        idx("ae_cells")?,
        idx("gtc_fans_kW")?,
        idx("furnace_gas_Nm3h")?,
        idx("anode_plant_kW")?,
        idx("metal_tapped_tph")?,
        idx("casthouse_kW")?,
        idx("compressors_kW")?,
    );
    let c_cell: Vec<usize> = (0..CELLS).map(|i| idx(&format!("cell_{:03}_V", i + 1))).collect::<Result<_>>()?;
    // Each cell: its own ACD offset (voltage offset) and a slow drift; anode effects as a countdown.
    let offsets: Vec<f64> = (0..CELLS).map(|_| noise(&mut rng, 0.04)).collect();
    let mut drift: Vec<Ar1> = (0..CELLS).map(|_| Ar1::new(600.0, 0.02)).collect();
    let mut ae_left = vec![0u32; CELLS];
    let mut current_var = Ar1::new(30.0, 0.6);
    let mut gas_var = Ar1::new(120.0, 25.0);
    let relined = 36usize; // pot-037
    let day = |d: i64, h: i64, m: i64| (d * 1440 + h * 60 + m) as usize;
    let (cut_out, logger_out) = (day(6, 8, 0)..day(14, 0, 0), day(9, 22, 40)..day(9, 23, 20));
    let x0 = model.defaults();
    let mut times = Vec::with_capacity(MINUTES);
    let mut anode_effects: Vec<(usize, usize, usize)> = Vec::new();
    for k in 0..MINUTES {
        let now = start + chrono::Duration::minutes(k as i64);
        times.push(now.timestamp_millis());
        let local = now.with_timezone(&tz);
        let wd = local.weekday().num_days_from_monday();
        let h = local.hour() as f64 + local.minute() as f64 / 60.0;
        // Peak shaving: 385 kA on weekday afternoons 14:00-17:00 (time-of-use peak), ramped.
        let shave = wd < 5 && (14.0..17.0).contains(&h);
        let current = if shave { 385.0 } else { 400.0 } + current_var.step(&mut rng);
        let mut x = x0.clone();
        x[0] = current;
        // The cell at steady state: voltage, CE and the bath temperature its heat balance sets.
        let cell = model.operate(current, x[1], x[2], x[3]);
        let v_model = cell.v;
        let logging = !logger_out.contains(&k);
        let mut line_v = 0.0;
        let mut in_ae = 0;
        for i in 0..CELLS {
            let out = i == relined && cut_out.contains(&k);
            let v = if out {
                0.0
            } else {
                if ae_left[i] == 0 && rng_event(&mut rng, 0.1 / 1440.0) {
                    ae_left[i] = 2 + (k as u32 + i as u32) % 2;
                    anode_effects.push((i, k, ae_left[i] as usize));
                }
                let ae = if ae_left[i] > 0 {
                    ae_left[i] -= 1;
                    in_ae += 1;
                    30.0 + 8.0 * ((k as f64 / 3.0 + i as f64) * PI).sin().abs()
                } else {
                    0.0
                };
                // Voltage falls slightly with current (I·R at fixed ACD), from the model.
                (v_model + offsets[i] + drift[i].step(&mut rng) + noise(&mut rng, 0.01)).max(3.6) + ae
            };
            line_v += v;
            cols[c_cell[i]].1.push(logging.then_some((v * 1000.0).round() / 1000.0));
        }
        let line_v = line_v + 6.0; // busbars and external connections
        let dc_mw = current * line_v / 1000.0;
        let ac_mw = dc_mw / 0.975;
        // Metal: one crucible of about 8 t every 20 minutes per potroom side around the clock (shift tapping).
        let ce = cell.ce;
        let metal_rate = ce * current * plant_process::potline::faraday_kg_per_ka_h() * (CELLS as f64 - if cut_out.contains(&k) { 1.0 } else { 0.0 }) / 1000.0;
        // A crucible every 20 minutes holding those 20 minutes' metal (± 2 %), received within one minute:
        // as a rate over that minute, 20 × the production rate.
        let tapped = if k % 20 == 0 { metal_rate * 20.0 * (1.0 + noise(&mut rng, 0.02)) } else { 0.0 };
        let gtc = 2_600.0 + 300.0 * ((h - 14.0) / 24.0 * 2.0 * PI).cos() + noise(&mut rng, 25.0);
        let gas = (1_150.0 + gas_var.step(&mut rng)).max(700.0);
        let anode_kw = 3_200.0 + if (8.0..20.0).contains(&h) { 900.0 } else { 0.0 } + noise(&mut rng, 60.0);
        let cast_kw = 2_100.0 + if k % 240 < 150 { 1_400.0 } else { 0.0 } + noise(&mut rng, 50.0);
        let comp_kw = 1_800.0 + noise(&mut rng, 40.0);
        let unmetered_mw = 2.4 + noise(&mut rng, 0.05);
        let incomer = ac_mw + (gtc + anode_kw + cast_kw + comp_kw) / 1000.0 + unmetered_mw;
        let put = |cols: &mut Vec<(String, Vec<Option<f64>>)>, c: usize, v: f64, digits: i32| {
            let f = 10f64.powi(digits);
            cols[c].1.push(logging.then_some((v * f).round() / f));
        };
        put(&mut cols, c_inc, incomer, 3);
        put(&mut cols, c_ac, ac_mw, 3);
        put(&mut cols, c_i, current, 2);
        put(&mut cols, c_v, line_v, 2);
        put(&mut cols, c_dc, dc_mw, 3);
        put(&mut cols, c_ae, in_ae as f64, 0);
        put(&mut cols, c_gtc, gtc, 1);
        put(&mut cols, c_gas, gas, 1);
        put(&mut cols, c_anode, anode_kw, 1);
        put(&mut cols, c_metal, tapped, 3);
        put(&mut cols, c_cast, cast_kw, 1);
        put(&mut cols, c_comp, comp_kw, 1);
    }
    let events = events(spec, start.timestamp_millis(), (relined, cut_out), logger_out, &anode_effects);
    Ok(Record { times_ms: times, columns: cols, events })
}

/// The events of the record from its start `t0` (UTC ms): the cell cut out, the logger's outage, and each
/// anode effect `(cell, minute, minutes)`.
fn events(
    spec: &SiteSpec,
    t0: i64,
    (relined, cut_out): (usize, std::ops::Range<usize>),
    logger_out: std::ops::Range<usize>,
    anode_effects: &[(usize, usize, usize)],
) -> Vec<Event> {
    let line = ["potline-1.", "rectifier-1.dc-voltage"];
    let mut events = vec![
        Event::new("cell cut out for relining", spec, &[&format!("{}.voltage", cell_id(relined)), "potline-1.dc-power"], t0, cut_out.start, cut_out.end),
        Event::new("data-logger outage", spec, &[], t0, logger_out.start, logger_out.end),
    ];
    for &(i, k, minutes) in anode_effects {
        let cell = format!("{}.voltage", cell_id(i));
        events.push(Event::new("anode effect", spec, &[cell.as_str(), line[0], line[1]], t0, k, k + minutes));
    }
    events
}

fn rng_event(rng: &mut StdRng, p: f64) -> bool {
    use rand::Rng;
    rng.random::<f64>() < p
}
