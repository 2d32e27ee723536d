//! An office chiller plant serving a cooling load. Sources (docs/references.md): [EnergyPlus-EIR], [AHRI-550].
//!
//! - Chillers: EnergyPlus Chiller:Electric:EIR (DOE-2 form). CAPFT and EIRFT are biquadratics in the
//!   leaving chilled-water temperature and the entering condenser-water temperature (°C); EIRFPLR is
//!   quadratic in the part-load ratio. P = (Q_ref/COP_ref)·CAPFT·EIRFT·EIRFPLR(PLR), PLR = Q/(Q_ref·CAPFT).
//!   Default curve set "DOE-2 Centrifugal/5.50COP" (LBNL Modelica Buildings, reproducing EnergyPlus); any
//!   other set from EnergyPlus `datasets/Chillers.idf` can be given as a [`ChillerCurves`]. Chillers are
//!   staged: as many as needed to keep each at or below 90 % of its available capacity.
//! - Load: the zone load at a 24 °C setpoint (from weather and internal gains, the context) changes by
//!   5 % per K of setpoint; the outdoor-air part is m_oa·cp·(T_out − T_set) + latent, proportional to the
//!   outdoor-air fraction.
//! - Air side: supply airflow = sensible load / (ρ·cp·(T_set − SAT)); fan power by the ASHRAE 90.1 App. G
//!   VSD curve P/P_d = 0.0013 + 0.1470·f + 0.9506·f² − 0.0998·f³ (f = flow fraction, floor 30 %).
//! - Chilled-water pumps: flow = Q/(ρ·cp·ΔT), ΔT = 12.2 °C − CHWST... with a 5 K design; power by the same
//!   VSD curve. Condenser pumps: constant per running chiller.
//! - Cooling tower: approach = approach_design · (load fraction) / (fan speed)^0.6; the fan speed that holds
//!   the condenser-water setpoint follows (P ∝ speed³). An ECWT closer to the wet bulb than the tower can
//!   reach at full speed is infeasible.
//! - Limits: SAT ≥ CHWST + 3 K (coil approach); SAT ≤ 14.5 °C for dehumidification (latent load); capacity;
//!   the comfort band is the setpoint's range.

use plant_i18n::{Msg, msg};

use crate::{Constraint, Evaluation, Output, Prices, Process, ProcessError, Setting, clamp};

/// DOE-2 style chiller curves: CAPFT and EIRFT biquadratic coefficients (c0…c5), EIRFPLR quadratic (m, n, o).
#[derive(Clone, Debug, PartialEq)]
pub struct ChillerCurves {
    pub name: &'static str,
    pub capft: [f64; 6],
    pub eirft: [f64; 6],
    pub eirfplr: [f64; 3],
    pub cop_ref: f64,
    pub plr_min: f64,
}

#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCurves {
    name: String,
    cop_ref: f64,
    #[serde(default = "default_plr_min")]
    plr_min: f64,
    capft: [f64; 6],
    eirft: [f64; 6],
    eirfplr: [f64; 3],
}

fn default_plr_min() -> f64 {
    0.1
}

impl ChillerCurves {
    /// Reads a curve set from TOML (`name`, `cop_ref`, `plr_min`, `capft` and `eirft` as six coefficients,
    /// `eirfplr` as three), e.g. one transcribed from EnergyPlus `datasets/Chillers.idf`. Errors name the
    /// line and column.
    pub fn from_toml(text: &str) -> Result<ChillerCurves, ProcessError> {
        let raw: RawCurves = toml::from_str(text).map_err(|e| ProcessError::CurvesSyntax {
            line: e.span().map(|s| text.get(..s.start.min(text.len())).unwrap_or("").matches('\n').count() + 1),
            message: e.message().trim().to_string(),
        })?;
        if !raw.cop_ref.is_finite() || raw.cop_ref <= 0.5 || raw.cop_ref >= 15.0 || !(0.0..1.0).contains(&raw.plr_min) {
            return Err(ProcessError::CurvesRange { cop_ref: raw.cop_ref, plr_min: raw.plr_min });
        }
        // Normalised curves are 1 near their reference point; a set far from it is a transcription error.
        let c = ChillerCurves { name: "", capft: raw.capft, eirft: raw.eirft, eirfplr: raw.eirfplr, cop_ref: raw.cop_ref, plr_min: raw.plr_min };
        let (cap, eir, plr) = (c.capft(6.67, 29.4), c.eirft(6.67, 29.4), c.eirfplr(1.0));
        if !(0.7..1.3).contains(&cap) || !(0.7..1.3).contains(&eir) || !(0.8..1.2).contains(&plr) {
            return Err(ProcessError::CurvesNotNormalised { cap, eir, plr });
        }
        Ok(ChillerCurves { name: Box::leak(raw.name.into_boxed_str()), ..c })
    }

    /// "DOE-2 Centrifugal/5.50COP" (COP 5.5, Tchw 6.67 °C, Tcw 29.4 °C).
    pub fn doe2_centrifugal_5_50cop() -> Self {
        Self {
            name: "DOE-2 Centrifugal/5.50COP",
            capft: [0.257896, 0.0389016, -0.00021708, 0.0468684, -0.00094284, -0.00034344],
            eirft: [0.933884, -0.058212, 0.00450036, 0.00243, 0.000486, -0.001215],
            eirfplr: [0.222903, 0.313387, 0.463710],
            cop_ref: 5.5,
            plr_min: 0.1,
        }
    }

    fn biquad(c: &[f64; 6], tchw: f64, tcw: f64) -> f64 {
        c[0] + c[1] * tchw + c[2] * tchw * tchw + c[3] * tcw + c[4] * tcw * tcw + c[5] * tchw * tcw
    }

    pub fn capft(&self, tchw: f64, tcw: f64) -> f64 {
        Self::biquad(&self.capft, tchw, tcw)
    }

    pub fn eirft(&self, tchw: f64, tcw: f64) -> f64 {
        Self::biquad(&self.eirft, tchw, tcw)
    }

    pub fn eirfplr(&self, plr: f64) -> f64 {
        let p = plr.clamp(self.plr_min, 1.0);
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
}

/// ASHRAE 90.1 App. G VSD fan/pump part-load curve.
pub fn vsd_fraction(flow_fraction: f64) -> f64 {
    let f = flow_fraction.clamp(0.3, 1.2);
    0.0013 + 0.1470 * f + 0.9506 * f * f - 0.0998 * f * f * f
}

/// The conditions of the hour studied (from the weather station and the building's meters).
#[derive(Clone, Debug, PartialEq)]
pub struct Conditions {
    /// Zone cooling load at a 24 °C setpoint without outdoor air, kW (envelope, solar, people, equipment).
    pub zone_load_kw: f64,
    pub outdoor_dry_bulb_c: f64,
    pub outdoor_wet_bulb_c: f64,
    /// Outdoor air at 100 % fraction, kg/s (the supply airflow at design).
    pub design_airflow_kg_s: f64,
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
}

impl Default for ChillerPlant {
    fn default() -> Self {
        // A 40,000 m² office on a hot afternoon: three 1,750 kW centrifugal chillers.
        Self {
            curves: ChillerCurves::doe2_centrifugal_5_50cop(),
            chillers: 3,
            chiller_kw: 1_750.0,
            conditions: Conditions { zone_load_kw: 2_900.0, outdoor_dry_bulb_c: 33.0, outdoor_wet_bulb_c: 26.0, design_airflow_kg_s: 280.0 },
            fan_design_kw: 320.0,
            chw_pump_design_kw: 75.0,
            cw_pump_kw_per_chiller: 30.0,
            tower_fan_design_kw: 90.0,
            approach_design_k: 4.0,
        }
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
        vec!["cooling_load_kw", "outdoor_dry_bulb_c", "outdoor_wet_bulb_c"]
    }
    fn condition(&self, key: &str) -> Option<f64> {
        match key {
            "outdoor_dry_bulb_c" => Some(self.conditions.outdoor_dry_bulb_c),
            "outdoor_wet_bulb_c" => Some(self.conditions.outdoor_wet_bulb_c),
            // The load is a result at given settings; what the model holds is the zone's load.
            _ => None,
        }
    }
    fn set_condition(&mut self, key: &str, value: f64, settings: &[f64]) -> bool {
        match key {
            "outdoor_dry_bulb_c" => self.conditions.outdoor_dry_bulb_c = value,
            "outdoor_wet_bulb_c" => self.conditions.outdoor_wet_bulb_c = value,
            // A measured plant load: the zone load that gives it at the settings it was measured at.
            "cooling_load_kw" => {
                let x = clamp(&self.settings(), settings);
                for _ in 0..20 {
                    let load = self.evaluate(&x, &Prices::default()).output("cooling_load").unwrap_or(value);
                    let z = self.conditions.zone_load_kw * value.max(1.0) / load.max(1.0);
                    if (z - self.conditions.zone_load_kw).abs() < 1e-6 {
                        break;
                    }
                    self.conditions.zone_load_kw = z;
                }
            }
            _ => return false,
        }
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
        vec!["zone_setpoint", "oa_fraction"]
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
                key: "oa_fraction",
                name: "Outdoor-air fraction",
                unit: "",
                min: 0.15,
                max: 0.5,
                default: 0.2,
                source: "ventilation minimum 15 %",
                label: msg!("process-chiller-setting-oa-fraction"),
                source_label: msg!("process-chiller-setting-oa-fraction-source"),
            },
        ]
    }
    fn evaluate(&self, x: &[f64], prices: &Prices) -> Evaluation {
        let x = clamp(&self.settings(), x);
        let (chwst, ecwt, sat, tset, oa) = (x[0], x[1], x[2], x[3], x[4]);
        let c = &self.conditions;
        // Loads.
        let zone = c.zone_load_kw * (1.0 + 0.05 * (24.0 - tset));
        let airflow_design = c.design_airflow_kg_s;
        let airflow = (zone / (1.006 * (tset - sat).max(0.5))).max(0.3 * airflow_design);
        // Outdoor air: sensible plus a latent part (humid climate: about as much again as the sensible).
        let oa_load = oa * airflow * 1.006 * (c.outdoor_dry_bulb_c - tset).max(0.0) * 2.0;
        let load = zone + oa_load;
        // Chillers.
        let cap = self.curves.capft(chwst, ecwt);
        let available = self.chiller_kw * cap;
        let n = ((load / (0.9 * available)).ceil() as usize).clamp(1, self.chillers);
        let per = load / n as f64;
        let chiller_kw = n as f64 * self.curves.power(self.chiller_kw, per, chwst, ecwt);
        // Pumps: chilled-water ΔT grows as the supply gets colder (return ≈ 12.2 °C).
        let dt = (12.2 - chwst).max(2.0);
        let flow_frac = load / (self.chillers as f64 * self.chiller_kw) * 5.5 / dt;
        let chw_pump = self.chw_pump_design_kw * vsd_fraction(flow_frac);
        let cw_pump = self.cw_pump_kw_per_chiller * n as f64;
        // Tower: the fan speed that holds ECWT; impossible below wet bulb + approach at full speed.
        let load_frac = (load + chiller_kw) / (self.chillers as f64 * self.chiller_kw * 1.2);
        let need = ecwt - c.outdoor_wet_bulb_c;
        let approach_full = self.approach_design_k * load_frac;
        let speed = if need <= 0.0 { 2.0 } else { (approach_full / need).powf(1.0 / 0.6) };
        let tower_fan = self.tower_fan_design_kw * speed.clamp(0.15, 1.0).powi(3);
        let fans = self.fan_design_kw * vsd_fraction(airflow / airflow_design);
        let total = chiller_kw + chw_pump + cw_pump + tower_fan + fans;
        let outputs = vec![
            Output { key: "cooling_load", name: "Cooling load", unit: "kW", value: load, label: msg!("process-chiller-output-cooling-load") },
            Output { key: "chillers_running", name: "Chillers running", unit: "", value: n as f64, label: msg!("process-chiller-output-chillers-running") },
            Output { key: "chiller_power", name: "Chiller power", unit: "kW", value: chiller_kw, label: msg!("process-chiller-output-chiller-power") },
            Output { key: "chw_pump_power", name: "Chilled-water pumps", unit: "kW", value: chw_pump, label: msg!("process-chiller-output-chw-pump-power") },
            Output { key: "cw_pump_power", name: "Condenser-water pumps", unit: "kW", value: cw_pump, label: msg!("process-chiller-output-cw-pump-power") },
            Output { key: "tower_fan_power", name: "Cooling-tower fans", unit: "kW", value: tower_fan, label: msg!("process-chiller-output-tower-fan-power") },
            Output { key: "ahu_fan_power", name: "AHU fans", unit: "kW", value: fans, label: msg!("process-chiller-output-ahu-fan-power") },
            Output { key: "total_power", name: "Plant power", unit: "kW", value: total, label: msg!("process-chiller-output-total-power") },
            Output { key: "plant_cop", name: "Plant COP", unit: "", value: load / total.max(1e-9), label: msg!("process-chiller-output-plant-cop") },
            Output { key: "tower_speed", name: "Tower fan speed", unit: "%", value: speed.min(1.0) * 100.0, label: msg!("process-chiller-output-tower-speed") },
        ];
        let constraints = vec![
            Constraint::min("coil_approach", "Supply air at least 3 K above chilled water (coil)", "°C", sat - chwst, 3.0, msg!("process-chiller-limit-coil-approach")),
            Constraint::max("dehumidification", "Supply air cold enough to dehumidify", "°C", sat, 14.5, msg!("process-chiller-limit-dehumidification")),
            Constraint::max("capacity", "Chiller capacity", "kW", load, self.chillers as f64 * available, msg!("process-chiller-limit-capacity")),
            Constraint::max("tower_speed", "Tower can hold the condenser-water setpoint", "", speed, 1.0, msg!("process-chiller-limit-tower-speed")),
            Constraint::max("airflow", "AHU airflow within fan capacity", "kg/s", airflow, 1.1 * airflow_design, msg!("process-chiller-limit-airflow")),
        ];
        Evaluation {
            electricity_kw: total,
            fuel_gj_h: 0.0,
            scope1_combustion_t_h: 0.0,
            scope1_process_t_h: 0.0,
            biogenic_t_h: 0.0,
            scope2_t_h: total / 1000.0 * prices.grid_t_per_mwh,
            fuel_cost_h: 0.0,
            production_h: load,
            production_unit: "kWh cooling",
            outputs,
            constraints,
        }
    }
}
