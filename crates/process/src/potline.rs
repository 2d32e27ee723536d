//! A Hall-Héroult potline (prebaked anodes). Sources (docs/references.md): [Hives-1996], [CODATA-2018], [40CFR98.63].
//!
//! - Bath conductivity (Hives et al. 1996, Metall. Mater. Trans. B):
//!   κ [S/cm] = exp(1.977 − 0.0200·%Al2O3 − 0.0131·%AlF3 − 0.0060·%CaF2 − 0.0106·%MgF2 − 0.0019·%KF
//!   + 0.0121·%LiF − 1204.3/T[K]).
//! - Cell voltage: V = E_rev + η_anode + η_conc + U_bath + U_bubbles + U_anode + U_cathode + U_external, with
//!   U_bath = i × (ACD − d_bubble)/κ (i anode current density). E_rev 1.20 V and the ohmic drops of a modern
//!   prebake cell (anode 0.28 V, cathode 0.25 V, busbars 0.12 V, bubble layer 0.20 V, η_conc 0.05 V) give
//!   4.2 V at 400 kA and 4.5 cm ACD; the anode overvoltage follows Tafel, 0.55 V at 0.85 A/cm² with slope
//!   RT/(αF), α = 0.5.
//! - Current efficiency: CE falls as the ACD closes (metal re-oxidation, instability) and as the bath
//!   heats; excess AlF3 raises it. The empirical curve chosen here,
//!   CE = 0.962 − 0.002·(T − 960) + 0.003·(AlF3 − 11) − 0.06·exp(−(ACD − 3.6)/0.5),
//!   gives 94-95 % at 4.5 cm and the steep fall below 4 cm reported in the teaching cases (CE 85-95 %).
//! - Faraday: m_Al = CE × I × M_Al/(3F), 0.3356 kg/(kA·h) at CE = 1. DC energy W = 2.980 × V/CE kWh/kg
//!   (4.2 V, 95 % → 13,175 kWh/t). AC: DC / rectifier efficiency (0.975) + auxiliaries (300 kWh/t).
//! - Anode CO2: NC × (1 − S − Ash) × 44.009/12.011 per t Al, net carbon 0.40 t C/t at CE 95 % (scaled by
//!   0.95/CE), S 2 %, ash 0.4 % (China guideline defaults). PFC: Tier 2 slope, 0.143 kg CF4/(t Al ·
//!   AE-min/cell-day), C2F6 = 0.121 × CF4, GWP AR5 (6,630 and 11,100); anode-effect minutes per cell-day
//!   rise steeply below 2 % alumina (empirical, 0.1 AE/pot-day of 2 min at 2.5 %).
//! - Heat balance: the heat a cell must lose, I × (V − 1.65 V), must stay within ±6 % of its design value
//!   to keep the side ledge (too little: sludge and freezing; too much: ledge melts). The ACD may not go
//!   below 4.0 cm (shorting and MHD stability). The bath superheat, T − T_liquidus with T_liquidus = 1011
//!   − 3.0·%AlF3 − 5.5·%Al2O3 − 2.5·%CaF2 °C (a linear fit around industrial baths; 10 K at the reference
//!   bath), must stay within 6-16 K.

use plant_i18n::{Msg, msg};

use crate::{Constraint, Evaluation, FARADAY, Output, Prices, Process, Setting, clamp};

/// g/mol
const M_AL: f64 = 26.9815;

#[derive(Clone, Debug, PartialEq)]
pub struct Potline {
    pub cells: f64,
    /// Anode area per cell, cm² (0.85 A/cm² at 400 kA).
    pub anode_area_cm2: f64,
    pub caf2_pct: f64,
    /// Heat to lose per cell at design, kW.
    pub design_heat_kw: f64,
    /// Metal to make, t/h (the production constraint).
    pub production_target_t_h: f64,
}

impl Default for Potline {
    fn default() -> Self {
        Self { cells: 240.0, anode_area_cm2: 400_000.0 / 0.85, caf2_pct: 4.5, design_heat_kw: 400.0 * (4.2 - 1.65), production_target_t_h: 0.0 }
    }
}

/// kg of aluminium per kA·h at 100 % current efficiency.
pub fn faraday_kg_per_ka_h() -> f64 {
    3600.0 * M_AL / (3.0 * FARADAY)
}

/// Specific DC energy, kWh/t, at cell voltage `v` and current efficiency `ce`.
pub fn dc_kwh_per_t(v: f64, ce: f64) -> f64 {
    3.0 * FARADAY * v / (M_AL * 3.6 * ce)
}

/// Bath conductivity, S/cm (Hives et al. 1996), compositions in mass %.
pub fn bath_conductivity(al2o3: f64, alf3: f64, caf2: f64, mgf2: f64, kf: f64, lif: f64, t_k: f64) -> f64 {
    (1.977 - 0.0200 * al2o3 - 0.0131 * alf3 - 0.0060 * caf2 - 0.0106 * mgf2 - 0.0019 * kf + 0.0121 * lif - 1204.3 / t_k).exp()
}

/// Current efficiency (fraction) from ACD (cm), bath temperature (°C) and AlF3 (%).
pub fn current_efficiency(acd_cm: f64, t_c: f64, alf3: f64) -> f64 {
    (0.962 - 0.002 * (t_c - 960.0) + 0.003 * (alf3 - 11.0) - 0.06 * (-(acd_cm - 3.6) / 0.5).exp()).clamp(0.5, 0.99)
}

impl Potline {
    /// Cell voltage, V, and its bath drop.
    pub fn cell_voltage(&self, current_ka: f64, acd_cm: f64, al2o3: f64, alf3: f64, t_c: f64) -> (f64, f64) {
        let i = current_ka * 1000.0 / self.anode_area_cm2;
        let kappa = bath_conductivity(al2o3, alf3, self.caf2_pct, 0.0, 0.0, 0.0, t_c + 273.15);
        let d_bubble = 0.5;
        let u_bath = i * (acd_cm - d_bubble) / kappa;
        let t_k = t_c + 273.15;
        let eta_a = 0.55 + crate::R_GAS * t_k / (0.5 * FARADAY) * (i / 0.85).ln();
        let v = 1.20 + eta_a + 0.05 + u_bath + 0.20 + 0.28 + 0.25 + 0.12;
        (v, u_bath)
    }
}

impl Process for Potline {
    fn id(&self) -> &'static str {
        "potline"
    }
    fn name(&self) -> &'static str {
        "Aluminium potline (Hall-Héroult, prebake)"
    }
    fn name_msg(&self) -> Msg {
        msg!("process-potline-name")
    }
    fn production_unit(&self) -> &'static str {
        "t"
    }
    fn condition_keys(&self) -> Vec<&'static str> {
        vec!["cells", "production_target_t_h"]
    }
    fn condition(&self, key: &str) -> Option<f64> {
        match key {
            "cells" => Some(self.cells),
            "production_target_t_h" => Some(self.production_target_t_h),
            _ => None,
        }
    }
    fn set_condition(&mut self, key: &str, value: f64, _settings: &[f64]) -> bool {
        match key {
            "cells" if value >= 1.0 => self.cells = value.round(),
            "production_target_t_h" if value >= 0.0 => self.production_target_t_h = value,
            _ => return false,
        }
        true
    }
    fn settings(&self) -> Vec<Setting> {
        vec![
            Setting {
                key: "line_current",
                name: "Line current",
                unit: "kA",
                min: 360.0,
                max: 420.0,
                default: 400.0,
                source: "modern cells 400-600 kA; rectifier limit 420 kA",
                label: msg!("process-potline-setting-line-current"),
                source_label: msg!("process-potline-setting-line-current-source"),
            },
            Setting {
                key: "acd",
                name: "Anode-cathode distance",
                unit: "cm",
                min: 3.8,
                max: 5.5,
                default: 4.5,
                source: "~4-5.2 cm (teaching cases and cell models)",
                label: msg!("process-potline-setting-acd"),
                source_label: msg!("process-potline-setting-acd-source"),
            },
            Setting {
                key: "alumina",
                name: "Alumina in bath",
                unit: "%",
                min: 1.8,
                max: 4.0,
                default: 2.5,
                source: "~2.5 % (model example)",
                label: msg!("process-potline-setting-alumina"),
                source_label: msg!("process-potline-setting-alumina-source"),
            },
            Setting {
                key: "alf3",
                name: "Excess AlF3",
                unit: "%",
                min: 8.0,
                max: 13.0,
                default: 11.0,
                source: "11 % (model example)",
                label: msg!("process-potline-setting-alf3"),
                source_label: msg!("process-potline-setting-alf3-source"),
            },
            Setting {
                key: "bath_temp",
                name: "Bath temperature",
                unit: "°C",
                min: 950.0,
                max: 975.0,
                default: 963.0,
                source: "~963 °C (model example)",
                label: msg!("process-potline-setting-bath-temp"),
                source_label: msg!("process-potline-setting-bath-temp-source"),
            },
        ]
    }
    fn evaluate(&self, x: &[f64], prices: &Prices) -> Evaluation {
        let x = clamp(&self.settings(), x);
        let (current, acd, al2o3, alf3, t) = (x[0], x[1], x[2], x[3], x[4]);
        let (v, u_bath) = self.cell_voltage(current, acd, al2o3, alf3, t);
        let ce = current_efficiency(acd, t, alf3);
        let metal_t_h = ce * current * faraday_kg_per_ka_h() * self.cells / 1000.0;
        let dc = dc_kwh_per_t(v, ce);
        let ac = dc / 0.975 + 300.0;
        let electricity_kw = ac * metal_t_h;
        // Anode effects: AE/pot-day rises steeply as alumina runs low; 2 min each.
        let ae_per_day = 0.05 + 0.05 * ((2.5 - al2o3) / 0.35).exp();
        let ae_minutes = ae_per_day * 2.0;
        let cf4_kg_t = 0.143 * ae_minutes;
        let pfc_t_h = metal_t_h * cf4_kg_t * (6630.0 + 0.121 * 11_100.0) / 1000.0;
        let net_carbon = 0.40 * 0.95 / ce;
        let anode_t_h = metal_t_h * net_carbon * (1.0 - 0.02 - 0.004) * 44.009 / 12.011;
        let heat_kw = current * (v - 1.65);
        // Liquidus of the bath (linear fit around industrial baths): superheat = T − T_liq.
        let liquidus = 1011.0 - 3.0 * alf3 - 5.5 * al2o3 - 2.5 * self.caf2_pct;
        let superheat = t - liquidus;
        let outputs = vec![
            Output { key: "cell_voltage", name: "Cell voltage", unit: "V", value: v, label: msg!("process-potline-output-cell-voltage") },
            Output { key: "bath_drop", name: "Bath voltage drop", unit: "V", value: u_bath, label: msg!("process-potline-output-bath-drop") },
            Output {
                key: "bath_conductivity",
                name: "Bath conductivity",
                unit: "S/cm",
                value: bath_conductivity(al2o3, alf3, self.caf2_pct, 0.0, 0.0, 0.0, t + 273.15),
                label: msg!("process-potline-output-bath-conductivity"),
            },
            Output { key: "current_efficiency", name: "Current efficiency", unit: "%", value: ce * 100.0, label: msg!("process-potline-output-current-efficiency") },
            Output { key: "metal", name: "Metal produced", unit: "t/h", value: metal_t_h, label: msg!("process-potline-output-metal") },
            Output { key: "dc_energy", name: "DC energy", unit: "kWh/t", value: dc, label: msg!("process-potline-output-dc-energy") },
            Output { key: "ac_energy", name: "AC energy (incl. auxiliaries)", unit: "kWh/t", value: ac, label: msg!("process-potline-output-ac-energy") },
            Output { key: "ae_frequency", name: "Anode effects", unit: "1/pot-day", value: ae_per_day, label: msg!("process-potline-output-ae-frequency") },
            Output { key: "anode_co2", name: "Anode CO2", unit: "t/t", value: anode_t_h / metal_t_h.max(1e-9), label: msg!("process-potline-output-anode-co2") },
            Output { key: "pfc_co2e", name: "PFC as CO2e (AR5)", unit: "t/t", value: pfc_t_h / metal_t_h.max(1e-9), label: msg!("process-potline-output-pfc-co2e") },
            Output { key: "cell_heat", name: "Heat to lose per cell", unit: "kW", value: heat_kw, label: msg!("process-potline-output-cell-heat") },
            Output { key: "superheat", name: "Bath superheat", unit: "K", value: superheat, label: msg!("process-potline-output-superheat") },
        ];
        let mut constraints = vec![
            Constraint::min("acd_min", "Minimum ACD (shorting, MHD stability)", "cm", acd, 4.0, msg!("process-potline-limit-acd-min")),
            Constraint::max("heat_high", "Cell heat, upper limit (ledge melts)", "kW", heat_kw, self.design_heat_kw * 1.06, msg!("process-potline-limit-heat-high")),
            Constraint::min("heat_low", "Cell heat, lower limit (sludge, freezing)", "kW", heat_kw, self.design_heat_kw * 0.94, msg!("process-potline-limit-heat-low")),
            Constraint::max("ae_frequency", "Anode-effect frequency", "1/pot-day", ae_per_day, 0.3, msg!("process-potline-limit-ae-frequency")),
            Constraint::min("superheat_low", "Bath superheat, lower limit (sludge, freezing)", "K", superheat, 6.0, msg!("process-potline-limit-superheat-low")),
            Constraint::max("superheat_high", "Bath superheat, upper limit (ledge melts)", "K", superheat, 16.0, msg!("process-potline-limit-superheat-high")),
        ];
        if self.production_target_t_h > 0.0 {
            constraints.push(Constraint::min("production", "Metal production target", "t/h", metal_t_h, self.production_target_t_h, msg!("process-potline-limit-production")));
        }
        Evaluation {
            electricity_kw,
            fuel_gj_h: 0.0,
            scope1_combustion_t_h: 0.0,
            scope1_process_t_h: anode_t_h + pfc_t_h,
            biogenic_t_h: 0.0,
            scope2_t_h: electricity_kw / 1000.0 * prices.grid_t_per_mwh,
            fuel_cost_h: 0.0,
            production_h: metal_t_h,
            production_unit: "t",
            outputs,
            constraints,
        }
    }
}
