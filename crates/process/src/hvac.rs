//! An office chiller plant serving a cooling load. Sources (docs/references.md): [EnergyPlus-EIR], [AHRI-550],
//! [ASHRAE-F1], [ASHRAE-F18], [ASHRAE-62.1], [GB-50736], [Braun-1989].
//!
//! - Chillers: EnergyPlus Chiller:Electric:EIR (DOE-2 form). CAPFT and EIRFT are biquadratics in the
//!   leaving chilled-water temperature and the entering condenser-water temperature (°C); EIRFPLR is
//!   quadratic in the part-load ratio. P = (Q_ref/COP_ref)·CAPFT·EIRFT·EIRFPLR(PLR), PLR = Q/(Q_ref·CAPFT).
//!   Default curve set "DOE-2 Centrifugal/5.50COP" (LBNL Modelica Buildings, reproducing EnergyPlus); any
//!   other set from EnergyPlus `datasets/Chillers.idf` can be given as a [`ChillerCurves`]. Chillers are
//!   staged: as many as needed to keep each at or below 90 % of its available capacity.
//! - Ventilation: the outdoor air is the requirement, occupants × 30 m³/(h·person) [GB-50736] (+ floor
//!   area × a rate per m², 0 by default; [ASHRAE-62.1] offices: 2.5 L/s per person + 0.3 L/(s·m²)), times
//!   a ratio ≥ 1 held at 1 by default. It does not follow the supply air or the coil.
//! - Loads: the zone load at a 24 °C setpoint (envelope, solar, people, equipment; the context) changes by
//!   5 % per K of setpoint. Its latent part is the occupants' moisture, 55 W a person [ASHRAE-F18]; the
//!   sensible part sets the supply airflow = sensible / (1.006·(T_set − SAT)) (floor 30 % of the design).
//!   Moist air by [`crate::psychro`] [ASHRAE-F1]: the outdoor state from dry and wet bulb; the coil leaves
//!   the air at SAT and at most 95 % RH; the room's humidity ratio is the supply's plus the occupants'
//!   moisture (a result, limited to 60 % RH [GB-50736]). The coil load is airflow × (h_mixed − h_supply),
//!   the outdoor-air load m_oa·(h_out − h_room).
//! - Fans: the ASHRAE 90.1 App. G VSD curve P/P_d = 0.0013 + 0.1470·f + 0.9506·f² − 0.0998·f³ (f = flow
//!   fraction, floor 30 %).
//! - Chilled water: the coils (counter-flow, wet) by the enthalpy-potential method [Braun-1989]:
//!   Q = UA·LMED, LMED on the air's enthalpy against saturated air at the water's temperature; UA from
//!   the coil rating (the design airflow cooled from 26.7 °C / 19.4 °C wet bulb to 13 °C at 95 % RH by
//!   6.67 °C water rising 5.55 K) scaled by (airflow/design)^0.8 (air-side convection, Dittus-Boelter).
//!   The return temperature, and so the ΔT and the flow, follow from the load, the air and the supply
//!   temperature. The pumps' design flow is 2.4 gpm/ton of installed capacity [AHRI-550]; a coil flow above
//!   it is a violated limit; below 40 % of a running chiller's design flow the plant bypasses (an
//!   assumption within manufacturers' 30-60 %). Pump power by the VSD curve on the flow fraction.
//!   Condenser pumps: constant per running chiller.
//! - Cooling tower: approach = approach_design · (load fraction) / (fan speed)^0.6; the fan speed that holds
//!   the condenser-water setpoint follows (P ∝ speed³). An ECWT closer to the wet bulb than the tower can
//!   reach at full speed is infeasible.
//! - Limits: SAT ≥ CHWST + 3 K (coil approach); room humidity ≤ 60 % RH; capacity; coil flow within the
//!   pumps; tower; AHU airflow ≤ 110 % of the design.
//! - Plant size: the number and size of chillers are conditions; pumps and tower fans scale with the
//!   installed capacity (the bundled plant's design kW per kW), condenser pumps with each chiller's size.

use plant_i18n::{Msg, msg};

use crate::{Constraint, Evaluation, Output, Prices, Process, ProcessError, Setting, clamp, psychro};

/// DOE-2 style chiller curves: CAPFT and EIRFT biquadratic coefficients (c0…c5), EIRFPLR quadratic (m, n, o).
#[derive(Clone, Debug, PartialEq)]
pub struct ChillerCurves {
    pub name: &'static str,
    pub capft: [f64; 6],
    pub eirft: [f64; 6],
    pub eirfplr: [f64; 3],
    pub cop_ref: f64,
    /// Minimum part-load ratio: below it the chiller cycles (EnergyPlus MinPartLoadRat).
    pub plr_min: f64,
    /// Minimum unloading ratio: below it the compressor no longer unloads (false loading, hot-gas bypass)
    /// and EIRFPLR is taken here (EnergyPlus MinUnloadRat; ≥ `plr_min`).
    pub plr_min_unload: f64,
    /// The curves' reference point, °C of leaving chilled water and entering condenser water (where they
    /// are 1).
    pub reference: [f64; 2],
    /// The curves' input limits, °C (leaving chilled water min, max; entering condenser water min, max):
    /// outside them the inputs are held at the limit, as EnergyPlus evaluates a curve. `None`: no limits.
    pub limits: Option<[f64; 4]>,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCurves {
    name: String,
    cop_ref: f64,
    #[serde(default = "default_plr_min")]
    plr_min: f64,
    plr_min_unload: Option<f64>,
    #[serde(default = "default_reference")]
    reference: [f64; 2],
    limits: Option<[f64; 4]>,
    capft: [f64; 6],
    eirft: [f64; 6],
    eirfplr: [f64; 3],
}

fn default_plr_min() -> f64 {
    0.1
}

/// AHRI 550/590 rating point: 6.67 °C leaving chilled water, 29.4 °C entering condenser water.
fn default_reference() -> [f64; 2] {
    [6.67, 29.4]
}

/// The rating conditions of an integrated part-load value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IplvConditions {
    /// AHRI 550/590 (I-P): 6.67 °C leaving chilled water, condenser water entering at 29.44 / 23.89 / 18.33 /
    /// 18.33 °C (85 / 75 / 65 / 65 °F) at 100 / 75 / 50 / 25 % load.
    Ip,
    /// AHRI 551/591 (SI): 7.0 °C leaving chilled water, condenser water entering at 30 / 24.5 / 19 / 19 °C.
    Si,
}

impl ChillerCurves {
    /// Reads a curve set from TOML (`name`, `cop_ref`, `plr_min`, optionally `plr_min_unload`, `reference =
    /// [tchw, tcw]` (default the AHRI point 6.67, 29.4) and `limits = [tchw_min, tchw_max, tcw_min, tcw_max]`,
    /// `capft` and `eirft` as six coefficients, `eirfplr` as three), e.g. one transcribed from EnergyPlus
    /// `datasets/Chillers.idf`. Errors name the line and column.
    pub fn from_toml(text: &str) -> Result<ChillerCurves, ProcessError> {
        let raw: RawCurves = toml::from_str(text).map_err(|e| ProcessError::CurvesSyntax {
            line: e.span().map(|s| text.get(..s.start.min(text.len())).unwrap_or("").matches('\n').count() + 1),
            message: e.message().trim().to_string(),
        })?;
        let unload = raw.plr_min_unload.unwrap_or(raw.plr_min);
        let temps_ok = |t: &[f64]| t.iter().all(|v| v.is_finite() && (-20.0..80.0).contains(v));
        let limits_ok = raw.limits.is_none_or(|l| temps_ok(&l) && l[0] < l[1] && l[2] < l[3]);
        if !raw.cop_ref.is_finite()
            || raw.cop_ref <= 0.5
            || raw.cop_ref >= 15.0
            || !(0.0..1.0).contains(&raw.plr_min)
            || !(raw.plr_min..1.0).contains(&unload)
            || !temps_ok(&raw.reference)
            || !limits_ok
        {
            return Err(ProcessError::CurvesRange { cop_ref: raw.cop_ref, plr_min: raw.plr_min });
        }
        // Normalised curves are 1 near their reference point; a set far from it is a transcription error.
        let c = ChillerCurves {
            name: "",
            capft: raw.capft,
            eirft: raw.eirft,
            eirfplr: raw.eirfplr,
            cop_ref: raw.cop_ref,
            plr_min: raw.plr_min,
            plr_min_unload: unload,
            reference: raw.reference,
            limits: raw.limits,
        };
        let [tchw, tcw] = raw.reference;
        let (cap, eir, plr) = (c.capft(tchw, tcw), c.eirft(tchw, tcw), c.eirfplr(1.0));
        if !(0.7..1.3).contains(&cap) || !(0.7..1.3).contains(&eir) || !(0.8..1.2).contains(&plr) {
            return Err(ProcessError::CurvesNotNormalised { cap, eir, plr });
        }
        Ok(ChillerCurves { name: Box::leak(raw.name.into_boxed_str()), ..c })
    }

    /// "DOE-2 Centrifugal/5.50COP" (COP 5.5, Tchw 6.67 °C, Tcw 29.4 °C; minimum part load 0.1, minimum
    /// unloading 0.2, curve limits Tchw 5-10 °C and Tcw 24-35 °C, as the EnergyPlus object).
    pub fn doe2_centrifugal_5_50cop() -> Self {
        Self {
            name: "DOE-2 Centrifugal/5.50COP",
            capft: [0.257896, 0.0389016, -0.00021708, 0.0468684, -0.00094284, -0.00034344],
            eirft: [0.933884, -0.058212, 0.00450036, 0.00243, 0.000486, -0.001215],
            eirfplr: [0.222903, 0.313387, 0.463710],
            cop_ref: 5.5,
            plr_min: 0.1,
            plr_min_unload: 0.2,
            reference: [6.67, 29.4],
            limits: Some([5.0, 10.0, 24.0, 35.0]),
        }
    }

    fn biquad(c: &[f64; 6], tchw: f64, tcw: f64) -> f64 {
        c[0] + c[1] * tchw + c[2] * tchw * tchw + c[3] * tcw + c[4] * tcw * tcw + c[5] * tchw * tcw
    }

    /// The curves' inputs held within their limits.
    fn limited(&self, tchw: f64, tcw: f64) -> (f64, f64) {
        match self.limits {
            Some([a, b, c, d]) => (tchw.clamp(a, b), tcw.clamp(c, d)),
            None => (tchw, tcw),
        }
    }

    pub fn capft(&self, tchw: f64, tcw: f64) -> f64 {
        let (x, y) = self.limited(tchw, tcw);
        Self::biquad(&self.capft, x, y)
    }

    pub fn eirft(&self, tchw: f64, tcw: f64) -> f64 {
        let (x, y) = self.limited(tchw, tcw);
        Self::biquad(&self.eirft, x, y)
    }

    pub fn eirfplr(&self, plr: f64) -> f64 {
        let p = plr.clamp(self.plr_min_unload.max(self.plr_min), 1.0);
        self.eirfplr[0] + self.eirfplr[1] * p + self.eirfplr[2] * p * p
    }

    /// Electric power, kW, of one chiller of reference capacity `q_ref` kW carrying `q` kW.
    pub fn power(&self, q_ref: f64, q: f64, tchw: f64, tcw: f64) -> f64 {
        let cap = self.capft(tchw, tcw);
        let plr = q / (q_ref * cap);
        // Below the minimum PLR the chiller cycles: energy scales with the time it runs.
        let cycling = if plr < self.plr_min { plr / self.plr_min } else { 1.0 };
        q_ref / self.cop_ref * cap * self.eirft(tchw, tcw) * self.eirfplr(plr) * cycling
    }

    /// Integrated part-load value, kW/kW (COP), by AHRI 550/590 (I-P) or 551/591 (SI) as EnergyPlus computes
    /// it: the COP at 100, 75, 50 and 25 % of the capacity at the 100 % point, weighted 0.01, 0.42, 0.45 and
    /// 0.12, with the condenser water of each point (water-cooled).
    pub fn iplv(&self, conditions: IplvConditions) -> f64 {
        let (tchw, ecwt): (f64, fn(f64) -> f64) = match conditions {
            IplvConditions::Ip => (6.67, |l| if l > 0.5 { 7.22 + 22.22 * l } else { 18.33 }),
            IplvConditions::Si => (7.0, |l| if l > 0.5 { 8.0 + 22.0 * l } else { 19.0 }),
        };
        let rated = self.capft(tchw, ecwt(1.0));
        let cop = |l: f64| {
            let q = l * rated;
            q / self.power(1.0, q, tchw, ecwt(l))
        };
        0.01 * cop(1.0) + 0.42 * cop(0.75) + 0.45 * cop(0.5) + 0.12 * cop(0.25)
    }
}

/// ASHRAE 90.1 App. G VSD fan/pump part-load curve.
pub fn vsd_fraction(flow_fraction: f64) -> f64 {
    let f = flow_fraction.clamp(0.3, 1.2);
    0.0013 + 0.1470 * f + 0.9506 * f * f - 0.0998 * f * f * f
}

/// The conditions of the hour studied (from the weather station and the building's meters) and what the
/// building is (occupants, floor area, design airflow).
#[derive(Clone, Debug, PartialEq)]
pub struct Conditions {
    /// Zone cooling load at a 24 °C setpoint without outdoor air, kW (envelope, solar, people, equipment).
    pub zone_load_kw: f64,
    pub outdoor_dry_bulb_c: f64,
    pub outdoor_wet_bulb_c: f64,
    /// Supply airflow of the air-handling units at design, kg/s (the fans' and the coils' design).
    pub design_airflow_kg_s: f64,
    /// People the ventilation is designed for.
    pub occupants: f64,
    /// Outdoor air per person, m³/h ([GB-50736] Table 3.0.6-1: 30 m³/(h·person) in offices).
    pub oa_per_person_m3_h: f64,
    pub floor_area_m2: f64,
    /// Outdoor air per m² of floor, m³/(h·m²) (0 in [GB-50736]; [ASHRAE-62.1] offices: 0.3 L/(s·m²) = 1.08).
    pub oa_per_area_m3_h_m2: f64,
}

impl Conditions {
    /// The ventilation requirement, kg/s of outdoor air (ρ 1.2 kg/m³, standard air).
    pub fn ventilation_kg_s(&self) -> f64 {
        (self.occupants * self.oa_per_person_m3_h + self.floor_area_m2 * self.oa_per_area_m3_h_m2) * AIR_DENSITY / 3600.0
    }
}

/// Latent heat of an occupant at moderately active office work, kW ([ASHRAE-F18] Table 1: 75 W
/// sensible, 55 W latent).
const LATENT_KW_PER_PERSON: f64 = 0.055;
/// Upper limit of the room's relative humidity, % ([GB-50736] §3.0.2, comfort class I in summer: 40-60 %).
pub const ROOM_RH_MAX: f64 = 60.0;
/// Standard air, kg/m³ (1.204 at 20 °C, 101.325 kPa; [ASHRAE-F1]).
const AIR_DENSITY: f64 = 1.2;
/// Water at about 10 °C (IAPWS-95): cp kJ/(kg·K), ρ kg/m³.
const WATER_CP: f64 = 4.196;
const WATER_DENSITY: f64 = 999.7;
/// kW per refrigeration ton (12,000 Btu/h).
pub const KW_PER_TON: f64 = 3.516_853;
/// Design chilled-water flow [AHRI-550]: 2.4 US gpm per ton of capacity, in L/s per kW.
pub const DESIGN_CHW_L_S_PER_KW: f64 = 2.4 * 3.785_411_784 / 60.0 / KW_PER_TON;
/// The chilled-water temperature rise at the design flow, K (5.55 K: 2.4 gpm/ton is a 10 °F rise).
pub fn design_chw_delta_t() -> f64 {
    1.0 / (DESIGN_CHW_L_S_PER_KW * WATER_DENSITY / 1000.0 * WATER_CP)
}

/// Evaporator minimum flow per running chiller, share of its design flow (an assumption: manufacturers
/// give 30-60 %; below it the plant bypasses water around the coils).
const CHILLER_MIN_FLOW: f64 = 0.4;
/// Rating point of the coils (entering air 26.7 °C dry bulb / 19.4 °C wet bulb, leaving at 13 °C and
/// 95 % RH; water 6.67 °C in, 5.56 K rise): the coils are the size that cools the design airflow so.
const COIL_RATING: [f64; 5] = [26.7, 19.4, 13.0, 0.95, 6.67];

/// The chilled water the coils need: the return temperature, °C, at which a counter-flow wet coil of
/// `ua` kg/s (enthalpy-potential form [Braun-1989]: Q = UA·LMED, on the air's enthalpy against the
/// enthalpy of saturated air at the water's temperature) cools the air from `h_in` to `h_out` kJ/kg while
/// carrying `q` kW with water entering at `t_in` °C. `None` when no flow of water can do it.
pub fn coil_return_c(q: f64, ua: f64, h_in: f64, h_out: f64, t_in: f64) -> Option<f64> {
    let p = psychro::P_STD;
    let dh2 = h_out - psychro::sat_enthalpy(t_in, p);
    let dh1_max = h_in - psychro::sat_enthalpy(t_in, p);
    if dh2 <= 1e-6 || q <= 0.0 {
        return if q <= 0.0 { Some(t_in) } else { None };
    }
    let lmed = |a: f64| if (a - dh2).abs() < 1e-9 { a } else { (a - dh2) / (a / dh2).ln() };
    let need = q / ua.max(1e-9);
    if lmed(dh1_max) < need {
        return None;
    }
    let (mut lo, mut hi) = (1e-6f64, dh1_max);
    for _ in 0..80 {
        let mid = 0.5 * (lo + hi);
        if lmed(mid) < need {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    Some(psychro::sat_temperature_from_enthalpy(h_in - 0.5 * (lo + hi), p).max(t_in))
}

#[derive(Clone, Debug, PartialEq)]
pub struct ChillerPlant {
    pub curves: ChillerCurves,
    pub chillers: usize,
    pub chiller_kw: f64,
    pub conditions: Conditions,
    pub fan_design_kw: f64,
    pub chw_pump_design_kw: f64,
    pub cw_pump_kw_per_chiller: f64,
    pub tower_fan_design_kw: f64,
    pub approach_design_k: f64,
    /// The measured plant load and the settings it was measured at (condition `cooling_load_kw`).
    pub measured_load: Option<(f64, Vec<f64>)>,
}

impl Default for ChillerPlant {
    fn default() -> Self {
        // A 40,000 m² office on a hot afternoon: three 1,750 kW centrifugal chillers; 4,000 people at
        // 10 m² each.
        Self {
            curves: ChillerCurves::doe2_centrifugal_5_50cop(),
            chillers: 3,
            chiller_kw: 1_750.0,
            conditions: Conditions {
                zone_load_kw: 2_900.0,
                outdoor_dry_bulb_c: 33.0,
                outdoor_wet_bulb_c: 26.0,
                design_airflow_kg_s: 280.0,
                occupants: 4_000.0,
                oa_per_person_m3_h: 30.0,
                floor_area_m2: 40_000.0,
                oa_per_area_m3_h_m2: 0.0,
            },
            fan_design_kw: 320.0,
            chw_pump_design_kw: 75.0,
            cw_pump_kw_per_chiller: 30.0,
            tower_fan_design_kw: 90.0,
            approach_design_k: 4.0,
            measured_load: None,
        }
    }
}

impl ChillerPlant {
    /// Installed chiller capacity, kW.
    pub fn installed_kw(&self) -> f64 {
        self.chillers as f64 * self.chiller_kw
    }

    /// Design chilled-water flow of the pumps, kg/s ([AHRI-550] 2.4 gpm/ton of installed capacity).
    pub fn design_chw_flow_kg_s(&self) -> f64 {
        self.installed_kw() * DESIGN_CHW_L_S_PER_KW * WATER_DENSITY / 1000.0
    }

    /// The coils' UA in the enthalpy-potential form, kg/s, at the design airflow (from [`COIL_RATING`]).
    pub fn coil_ua_kg_s(&self) -> f64 {
        let p = psychro::P_STD;
        let [t_in, wb_in, t_out, rh_out, t_w] = COIL_RATING;
        let h_in = psychro::enthalpy(t_in, psychro::humidity_ratio_from_wet_bulb(t_in, wb_in, p));
        let h_out = psychro::enthalpy(t_out, psychro::humidity_ratio_from_rh(t_out, rh_out, p));
        let q = self.conditions.design_airflow_kg_s * (h_in - h_out);
        let t_ret = t_w + design_chw_delta_t();
        let (dh1, dh2) = (h_in - psychro::sat_enthalpy(t_ret, p), h_out - psychro::sat_enthalpy(t_w, p));
        q * (dh1 / dh2).ln() / (dh1 - dh2)
    }

    /// Sets the zone load that gives the measured plant load at the settings it was measured at (the load
    /// is the zone's, × 1 + 5 %/K below 24 °C, plus the outdoor air's: nearly affine in the zone load).
    fn meet_measured_load(&mut self) {
        let Some((value, x)) = self.measured_load.clone() else { return };
        let k = 1.0 + 0.05 * (24.0 - x.get(3).copied().unwrap_or(24.0));
        for _ in 0..30 {
            let load = self.operate(&x).load;
            let z = (self.conditions.zone_load_kw + (value - load) / k).max(0.0);
            if (z - self.conditions.zone_load_kw).abs() < 1e-7 {
                break;
            }
            self.conditions.zone_load_kw = z;
        }
    }

    /// Changes the number or the size of the chillers; the pumps and towers are scaled with the installed
    /// capacity (the bundled plant's design kW per kW), the condenser pump with each chiller.
    fn resize(&mut self, chillers: usize, chiller_kw: f64) {
        let ratio = chillers as f64 * chiller_kw / self.installed_kw();
        self.chw_pump_design_kw *= ratio;
        self.tower_fan_design_kw *= ratio;
        self.cw_pump_kw_per_chiller *= chiller_kw / self.chiller_kw;
        self.chillers = chillers;
        self.chiller_kw = chiller_kw;
    }
}

impl Process for ChillerPlant {
    fn id(&self) -> &'static str {
        "chiller-plant"
    }
    fn name(&self) -> &'static str {
        "Office chiller plant (chillers, pumps, towers, AHU fans)"
    }
    fn name_msg(&self) -> Msg {
        msg!("process-chiller-name")
    }
    fn all_electric(&self) -> bool {
        true
    }
    fn per_unit(&self) -> bool {
        false
    }
    fn condition_keys(&self) -> Vec<&'static str> {
        vec![
            "cooling_load_kw",
            "outdoor_dry_bulb_c",
            "outdoor_wet_bulb_c",
            "chillers",
            "chiller_capacity_kw",
            "occupants",
            "oa_per_person_m3_h",
            "floor_area_m2",
            "oa_per_area_m3_h_m2",
            "design_airflow_kg_s",
        ]
    }
    fn condition(&self, key: &str) -> Option<f64> {
        let c = &self.conditions;
        Some(match key {
            "outdoor_dry_bulb_c" => c.outdoor_dry_bulb_c,
            "outdoor_wet_bulb_c" => c.outdoor_wet_bulb_c,
            "chillers" => self.chillers as f64,
            "chiller_capacity_kw" => self.chiller_kw,
            "occupants" => c.occupants,
            "oa_per_person_m3_h" => c.oa_per_person_m3_h,
            "floor_area_m2" => c.floor_area_m2,
            "oa_per_area_m3_h_m2" => c.oa_per_area_m3_h_m2,
            "design_airflow_kg_s" => c.design_airflow_kg_s,
            // The load is a result at given settings; what the model holds is the zone's load.
            _ => return None,
        })
    }
    fn set_condition(&mut self, key: &str, value: f64, settings: &[f64]) -> bool {
        let ok = |lo: f64, hi: f64| value.is_finite() && (lo..=hi).contains(&value);
        let c = &mut self.conditions;
        match key {
            "outdoor_dry_bulb_c" if ok(-30.0, 50.0) => c.outdoor_dry_bulb_c = value,
            "outdoor_wet_bulb_c" if ok(-30.0, 40.0) => c.outdoor_wet_bulb_c = value,
            "occupants" if ok(0.0, 100_000.0) => c.occupants = value,
            "oa_per_person_m3_h" if ok(0.0, 200.0) => c.oa_per_person_m3_h = value,
            "floor_area_m2" if ok(0.0, 2_000_000.0) => c.floor_area_m2 = value,
            "oa_per_area_m3_h_m2" if ok(0.0, 20.0) => c.oa_per_area_m3_h_m2 = value,
            "design_airflow_kg_s" if ok(1.0, 10_000.0) => {
                let ratio = value / c.design_airflow_kg_s;
                c.design_airflow_kg_s = value;
                self.fan_design_kw *= ratio;
            }
            "chillers" if ok(1.0, 20.0) && value.fract() == 0.0 => self.resize(value as usize, self.chiller_kw),
            "chiller_capacity_kw" if ok(50.0, 20_000.0) => self.resize(self.chillers, value),
            // A measured plant load: the zone load that gives it at the settings it was measured at (kept,
            // and met again when another condition changes, whatever order they come in).
            "cooling_load_kw" if ok(0.0, 1e6) => self.measured_load = Some((value, clamp(&self.settings(), settings))),
            _ => return false,
        }
        self.meet_measured_load();
        true
    }
    fn configure(&mut self, key: &str, text: &str) -> Result<bool, ProcessError> {
        if key != "curves" {
            return Ok(false);
        }
        self.curves = ChillerCurves::from_toml(text)?;
        Ok(true)
    }
    fn default_fixed(&self) -> Vec<&'static str> {
        // Comfort and fresh air are the occupants' and the code's; free them explicitly to study them.
        vec!["zone_setpoint", "oa_ratio"]
    }
    fn production_unit(&self) -> &'static str {
        "kWh cooling"
    }
    fn production_unit_msg(&self) -> Msg {
        msg!("process-chiller-production-unit")
    }
    fn settings(&self) -> Vec<Setting> {
        vec![
            Setting {
                key: "chwst",
                name: "Chilled-water supply temperature",
                unit: "°C",
                min: 5.0,
                max: 10.0,
                default: 6.67,
                source: "5-10 °C; design 6.67 °C (AHRI 550/590; DOE-2 curve bounds)",
                label: msg!("process-chiller-setting-chwst"),
                source_label: msg!("process-chiller-setting-chwst-source"),
            },
            Setting {
                key: "ecwt",
                name: "Condenser water entering temperature",
                unit: "°C",
                min: 24.0,
                max: 35.0,
                default: 29.4,
                source: "24-35 °C; design 29.4 °C (AHRI 550/590)",
                label: msg!("process-chiller-setting-ecwt"),
                source_label: msg!("process-chiller-setting-ecwt-source"),
            },
            Setting {
                key: "sat",
                name: "Supply-air temperature",
                unit: "°C",
                min: 12.0,
                max: 16.0,
                default: 13.0,
                source: "~12-16 °C with reset (ASHRAE Guideline 36 style)",
                label: msg!("process-chiller-setting-sat"),
                source_label: msg!("process-chiller-setting-sat-source"),
            },
            Setting {
                key: "zone_setpoint",
                name: "Zone cooling setpoint",
                unit: "°C",
                min: 23.0,
                max: 26.0,
                default: 24.0,
                source: "23-26 °C occupied (comfort band)",
                label: msg!("process-chiller-setting-zone-setpoint"),
                source_label: msg!("process-chiller-setting-zone-setpoint-source"),
            },
            Setting {
                key: "oa_ratio",
                name: "Outdoor air / ventilation requirement",
                unit: "",
                min: 1.0,
                max: 2.0,
                default: 1.0,
                source: "at least the requirement (GB 50736-2012 Table 3.0.6-1, ASHRAE 62.1); more only to study it",
                label: msg!("process-chiller-setting-oa-ratio"),
                source_label: msg!("process-chiller-setting-oa-ratio-source"),
            },
        ]
    }
    fn evaluate(&self, x: &[f64], prices: &Prices) -> Evaluation {
        let x = clamp(&self.settings(), x);
        let o = self.operate(&x);
        let (chwst, sat) = (x[0], x[2]);
        let out = |key, name, unit, value, label| Output { key, name, unit, value, label };
        let outputs = vec![
            out("cooling_load", "Cooling load", "kW", o.load, msg!("process-chiller-output-cooling-load")),
            out("room_rh", "Room relative humidity", "%", o.room_rh, msg!("process-chiller-output-room-rh")),
            out("oa_load", "Outdoor-air load", "kW", o.oa_load, msg!("process-chiller-output-oa-load")),
            out("outdoor_air", "Outdoor air", "m³/h", o.oa_kg_s / AIR_DENSITY * 3600.0, msg!("process-chiller-output-outdoor-air")),
            out("oa_fraction", "Outdoor-air share of the supply air", "%", 100.0 * o.oa_kg_s / o.airflow, msg!("process-chiller-output-oa-fraction")),
            out("supply_airflow", "Supply airflow", "kg/s", o.airflow, msg!("process-chiller-output-supply-airflow")),
            out("chillers_running", "Chillers running", "", o.n as f64, msg!("process-chiller-output-chillers-running")),
            out("plr", "Part-load ratio per running chiller (PLR)", "", o.plr, msg!("process-chiller-output-plr")),
            out("capft", "CAPFT (capacity at the temperatures)", "", o.capft, msg!("process-chiller-output-capft")),
            out("eirft", "EIRFT (input per output at the temperatures)", "", o.eirft, msg!("process-chiller-output-eirft")),
            out("eirfplr", "EIRFPLR (input per output at the part load)", "", o.eirfplr, msg!("process-chiller-output-eirfplr")),
            out("chiller_kw_per_kw", "Chiller kW/kW", "kW/kW", o.chiller_kw / o.load.max(1e-9), msg!("process-chiller-output-chiller-kw-per-kw")),
            out("chiller_cop", "Chiller COP", "", o.load / o.chiller_kw.max(1e-9), msg!("process-chiller-output-chiller-cop")),
            out("chw_return", "Chilled-water return temperature", "°C", o.chw_return, msg!("process-chiller-output-chw-return")),
            out("chw_delta_t", "Chilled-water ΔT", "K", o.chw_return - chwst, msg!("process-chiller-output-chw-delta-t")),
            out("chw_flow", "Chilled-water flow", "m³/h", o.pump_flow / WATER_DENSITY * 3600.0, msg!("process-chiller-output-chw-flow")),
            out("coil_flow_share", "Coil water flow, share of the pumps' design flow", "%", o.coil_flow_pct, msg!("process-chiller-output-coil-flow-share")),
            out("chiller_power", "Chiller power", "kW", o.chiller_kw, msg!("process-chiller-output-chiller-power")),
            out("chw_pump_power", "Chilled-water pumps", "kW", o.chw_pump, msg!("process-chiller-output-chw-pump-power")),
            out("cw_pump_power", "Condenser-water pumps", "kW", o.cw_pump, msg!("process-chiller-output-cw-pump-power")),
            out("tower_fan_power", "Cooling-tower fans", "kW", o.tower_fan, msg!("process-chiller-output-tower-fan-power")),
            out("ahu_fan_power", "AHU fans", "kW", o.fans, msg!("process-chiller-output-ahu-fan-power")),
            out("total_power", "Plant power", "kW", o.total, msg!("process-chiller-output-total-power")),
            out("plant_kw_per_kw", "Plant kW/kW", "kW/kW", o.total / o.load.max(1e-9), msg!("process-chiller-output-plant-kw-per-kw")),
            out("plant_kw_per_rt", "Plant kW/RT", "kW/RT", o.total / o.load.max(1e-9) * KW_PER_TON, msg!("process-chiller-output-plant-kw-per-rt")),
            out("plant_cop", "Plant COP", "", o.load / o.total.max(1e-9), msg!("process-chiller-output-plant-cop")),
            out("tower_speed", "Tower fan speed", "%", o.speed.min(1.0) * 100.0, msg!("process-chiller-output-tower-speed")),
        ];
        let airflow_design = self.conditions.design_airflow_kg_s;
        let constraints = vec![
            Constraint::min("coil_approach", "Supply air at least 3 K above chilled water (coil)", "°C", sat - chwst, 3.0, msg!("process-chiller-limit-coil-approach")),
            Constraint::max("dehumidification", "Room humidity within the comfort band (≤ 60 % RH)", "%", o.room_rh, ROOM_RH_MAX, msg!("process-chiller-limit-dehumidification")),
            Constraint::max("capacity", "Chiller capacity", "kW", o.load, self.chillers as f64 * self.chiller_kw * o.capft, msg!("process-chiller-limit-capacity")),
            Constraint::max("chw_flow", "Coil water flow within the pumps' design flow", "%", o.coil_flow_pct, 100.0, msg!("process-chiller-limit-chw-flow")),
            Constraint::max("tower_speed", "Tower can hold the condenser-water setpoint", "", o.speed, 1.0, msg!("process-chiller-limit-tower-speed")),
            Constraint::max("airflow", "AHU airflow within fan capacity", "kg/s", o.airflow, 1.1 * airflow_design, msg!("process-chiller-limit-airflow")),
        ];
        Evaluation {
            electricity_kw: o.total,
            fuel_gj_h: 0.0,
            scope1_combustion_t_h: 0.0,
            scope1_process_t_h: 0.0,
            biogenic_t_h: 0.0,
            scope2_t_h: o.total / 1000.0 * prices.grid_t_per_mwh,
            fuel_cost_h: 0.0,
            production_h: o.load,
            production_unit: "kWh cooling",
            outputs,
            constraints,
        }
    }
}

/// The plant at one operating point (settings already clamped).
struct Operation {
    load: f64,
    room_rh: f64,
    oa_load: f64,
    oa_kg_s: f64,
    airflow: f64,
    n: usize,
    plr: f64,
    capft: f64,
    eirft: f64,
    eirfplr: f64,
    chiller_kw: f64,
    chw_return: f64,
    pump_flow: f64,
    coil_flow_pct: f64,
    chw_pump: f64,
    cw_pump: f64,
    tower_fan: f64,
    speed: f64,
    fans: f64,
    total: f64,
}

impl ChillerPlant {
    fn operate(&self, x: &[f64]) -> Operation {
        let (chwst, ecwt, sat, tset, oa_ratio) = (x[0], x[1], x[2], x[3], x[4]);
        let c = &self.conditions;
        let p = psychro::P_STD;
        // Air side: the supply airflow carries the zone's sensible load at the supply-air temperature; the
        // outdoor air is the ventilation requirement, whatever the supply air does. The coil leaves the
        // air at the supply temperature and at most 95 % RH; the room's humidity is what the people's
        // moisture adds to it (a result, held to the comfort band by a limit).
        let zone = c.zone_load_kw * (1.0 + 0.05 * (24.0 - tset));
        let latent = (c.occupants * LATENT_KW_PER_PERSON).min(zone);
        let airflow_design = c.design_airflow_kg_s;
        let oa_kg_s = oa_ratio * c.ventilation_kg_s();
        let airflow = ((zone - latent) / (1.006 * (tset - sat).max(0.5))).max(0.3 * airflow_design).max(oa_kg_s).max(1e-6);
        let f = oa_kg_s / airflow;
        let w_oa = psychro::humidity_ratio_from_wet_bulb(c.outdoor_dry_bulb_c, c.outdoor_wet_bulb_c, p);
        let pickup = latent / (airflow * 2501.0);
        // A dry coil passes the mixed air's moisture: W_sa = W_ma = (1 − f)·(W_sa + pickup) + f·W_oa.
        let w_dry = if f > 1e-9 { w_oa + (1.0 - f) * pickup / f } else { f64::INFINITY };
        let w_sa = w_dry.min(psychro::humidity_ratio_from_rh(sat, 0.95, p));
        let w_ra = w_sa + pickup;
        let h_ra = psychro::enthalpy(tset, w_ra);
        let h_oa = psychro::enthalpy(c.outdoor_dry_bulb_c, w_oa);
        let h_ma = h_ra + f * (h_oa - h_ra);
        let h_sa = psychro::enthalpy(sat, w_sa);
        let oa_load = oa_kg_s * (h_oa - h_ra);
        let load = (airflow * (h_ma - h_sa)).max(0.0);
        // Chillers, staged to keep each at or below 90 % of what it can give at these temperatures.
        let capft = self.curves.capft(chwst, ecwt);
        let available = self.chiller_kw * capft;
        let n = ((load / (0.9 * available)).ceil() as usize).clamp(1, self.chillers);
        let per = load / n as f64;
        let plr = per / available.max(1e-9);
        let chiller_kw = n as f64 * self.curves.power(self.chiller_kw, per, chwst, ecwt);
        // Water side: the coils take the flow that carries the load at this supply temperature (ΔT from
        // the coil, not fixed); the pumps give at least the running chillers' minimum flow (bypass).
        let ua = self.coil_ua_kg_s() * (airflow / airflow_design).powf(0.8);
        let design_flow = self.design_chw_flow_kg_s();
        let coil_flow = match coil_return_c(load, ua, h_ma, h_sa, chwst) {
            Some(t) if t - chwst > 1e-3 => load / (WATER_CP * (t - chwst)),
            Some(_) if load <= 0.0 => 0.0,
            // No flow can do it: ten times the pumps' design, well beyond what they give.
            _ => 10.0 * design_flow,
        };
        let pump_flow = coil_flow.max(n as f64 * CHILLER_MIN_FLOW * design_flow / self.chillers as f64).min(10.0 * design_flow);
        let chw_return = chwst + load / (WATER_CP * pump_flow.max(1e-9));
        let chw_pump = self.chw_pump_design_kw * vsd_fraction(pump_flow / design_flow);
        let cw_pump = self.cw_pump_kw_per_chiller * n as f64;
        // Tower: the fan speed that holds ECWT; impossible below wet bulb + approach at full speed.
        let load_frac = (load + chiller_kw) / (self.installed_kw() * 1.2);
        let need = ecwt - c.outdoor_wet_bulb_c;
        let approach_full = self.approach_design_k * load_frac;
        let speed = if need <= 0.0 { 2.0 } else { (approach_full / need).powf(1.0 / 0.6) };
        let tower_fan = self.tower_fan_design_kw * speed.clamp(0.15, 1.0).powi(3);
        let fans = self.fan_design_kw * vsd_fraction(airflow / airflow_design);
        let total = chiller_kw + chw_pump + cw_pump + tower_fan + fans;
        Operation {
            load,
            room_rh: 100.0 * psychro::relative_humidity(tset, w_ra, p),
            oa_load,
            oa_kg_s,
            airflow,
            n,
            plr,
            capft,
            eirft: self.curves.eirft(chwst, ecwt),
            eirfplr: self.curves.eirfplr(plr),
            chiller_kw,
            chw_return,
            pump_flow,
            coil_flow_pct: 100.0 * coil_flow / design_flow,
            chw_pump,
            cw_pump,
            tower_fan,
            speed,
            fans,
            total,
        }
    }
}
