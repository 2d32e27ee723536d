//! An alkaline water electrolyser (KOH, nickel electrodes). Sources (docs/references.md): [Ulleberg-2003],
//! [IRENA-2020], [CODATA-2018]; working notes in docs/research/electrolysis.md (section A).
//!
//! - Cell voltage, Ulleberg's empirical U–I–T relation (the PHOEBUS plant's fit):
//!   U = U_rev + (r1 + r2·T)·j + s·log10((t1 + t2/T + t3/T²)·j + 1), j in A/m², T in °C, with
//!   r1 = 8.05×10⁻⁵ Ω·m², r2 = −2.5×10⁻⁷ Ω·m²/°C, s = 0.185 V, t1 = −0.1002 m²/A, t2 = 8.424 m²·°C/A,
//!   t3 = 247.3 m²·°C²/A. U_rev as in the PEM model: E°(T) = 1.229 − 0.9×10⁻³·(T − 298.15) V plus the
//!   Nernst term of the cathode pressure.
//! - Faradaic efficiency, Ulleberg's form η_F = (i²/(f1 + i²))·f2, i in mA/cm², with the 40/60/80 °C table
//!   (f1 = 150/200/250 mA²/cm⁴, f2 = 0.990/0.985/0.980), i.e. f1 = 2.5·T + 50, f2 = 1 − 2.5×10⁻⁴·T.
//! - Faraday: ṁ = η_F · N · I/(2F) · M_H2; stack energy 26.59·U/η_F kWh/kg; system as the PEM model's
//!   (rectifier 0.95, balance of plant 4 kWh/kg, compression from the outlet pressure to 30 bar).
//! - Limits: the load range (bounds, 0.05-0.5 A/cm²; IRENA: 0.2-0.8 A/cm² nominal, 15-100 % load), the
//!   rectifier rating, the production target; temperature 40-85 °C (the fit's range; IRENA 70-90 °C).
//!
//! The parameters are those transcribed identically by at least six independent reproductions of the
//! paper (its printed table was not read for this project; docs/research/electrolysis.md A2 notes a
//! circulating +1.002 for t1, which gives 2.06 V at 0.3 A/cm² and 80 °C and is not used).
//!
//! - A second fit, the condition `fit = 2` [Sanchez-2018]: the 15 kW test bench of CNH2 (5-9 bar, 65-75 °C),
//!   with pressure in the ohmic term, U = U_rev + [(r1 + d1) + r2·T + d2·p]·j + s·log10((t1 + t2/T +
//!   t3/T²)·j + 1), r1 4.45153×10⁻⁵ Ω·m², r2 6.88874×10⁻⁹ Ω·m²/°C, d1 −3.12996×10⁻⁶ Ω·m², d2 4.47137×10⁻⁷
//!   Ω·m²/bar, s 0.33824 V, t1 −0.01539 m²/A, t2 2.00181 m²·°C/A, t3 15.24178 m²·°C²/A; U_rev by LeRoy's
//!   fit 1.5184 − 1.5421×10⁻³·T + 9.523×10⁻⁵·T·ln T + 9.84×10⁻⁸·T² (T in K), no pressure term;
//!   η_F = j²/(f11 + f12·T + j²)·(f21 + f22·T), f11 478,645.74 A²/m⁴, f12 −2,953.15 A²/(m⁴·°C), f21 1.03960,
//!   f22 −0.00104 /°C. Parameters as four independent code copies give them (docs/research/alkaline.md);
//!   the paper's table and its measured points were not read.

use plant_i18n::{Msg, msg};

use crate::electrolyser::{g_h2_per_ka_h, hydrogen_evaluation, reversible_voltage, stack_kwh_per_kg, system_kwh_per_kg};
use crate::{Constraint, Evaluation, Output, Prices, Process, Setting, clamp};

/// Ulleberg's fitted parameters: r1, r2, s, t1, t2, t3.
pub const ULLEBERG: [f64; 6] = [8.05e-5, -2.5e-7, 0.185, -0.1002, 8.424, 247.3];

/// Sánchez et al. (2018): r1 + d1, r2, d2, s, t1, t2, t3 (voltage) and f11, f12, f21, f22 (Faradaic efficiency).
pub const SANCHEZ: [f64; 7] = [4.45153e-5 - 3.12996e-6, 6.88874e-9, 4.47137e-7, 0.33824, -0.01539, 2.00181, 15.24178];
pub const SANCHEZ_FARADAY: [f64; 4] = [478_645.74, -2_953.15, 1.03960, -0.00104];

/// Which published fit gives the cell's polarisation and Faradaic efficiency.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// Ulleberg 2003, the PHOEBUS plant (condition `fit = 1`).
    Ulleberg,
    /// Sánchez et al. 2018, the CNH2 15 kW bench, pressure-dependent (condition `fit = 2`).
    Sanchez,
}

/// LeRoy's reversible voltage, V, at `t_c` °C (as the [Sanchez-2018] model uses it).
pub fn leroy_reversible_voltage(t_c: f64) -> f64 {
    let t = t_c + 273.15;
    1.5184 - 1.5421e-3 * t + 9.523e-5 * t * t.ln() + 9.84e-8 * t * t
}

/// Cell voltage, V, of the Sánchez fit at `j` A/m², `t_c` °C and `p_bar`.
pub fn sanchez_cell_voltage(j: f64, t_c: f64, p_bar: f64) -> f64 {
    let [r, r2, d2, s, t1, t2, t3] = SANCHEZ;
    let arg = ((t1 + t2 / t_c + t3 / (t_c * t_c)) * j + 1.0).max(1e-9);
    leroy_reversible_voltage(t_c) + (r + r2 * t_c + d2 * p_bar) * j + s * arg.log10()
}

/// Faradaic efficiency of the Sánchez fit at `j` A/m² and `t_c` °C.
pub fn sanchez_faradaic_efficiency(j: f64, t_c: f64) -> f64 {
    let [f11, f12, f21, f22] = SANCHEZ_FARADAY;
    (j * j / ((f11 + f12 * t_c).max(1.0) + j * j) * (f21 + f22 * t_c)).clamp(0.0, 1.0)
}

/// The ohmic and activation overvoltages, V, of Ulleberg's relation at `j_a_m2` A/m² and `t_c` °C.
pub fn overvoltages(j_a_m2: f64, t_c: f64) -> (f64, f64) {
    let [r1, r2, s, t1, t2, t3] = ULLEBERG;
    let ohmic = (r1 + r2 * t_c) * j_a_m2;
    let arg = ((t1 + t2 / t_c + t3 / (t_c * t_c)) * j_a_m2 + 1.0).max(1e-9);
    (ohmic, s * arg.log10())
}

/// Cell voltage, V, at `i` A/cm², `t_c` °C and cathode pressure `p_bar`.
pub fn cell_voltage(i: f64, t_c: f64, p_bar: f64) -> f64 {
    let (ohmic, activation) = overvoltages(i * 1e4, t_c);
    reversible_voltage(t_c, p_bar) + ohmic + activation
}

/// Faradaic efficiency at `i` A/cm² and `t_c` °C (Ulleberg's form and temperature table).
pub fn faradaic_efficiency(i: f64, t_c: f64) -> f64 {
    let ma = i * 1000.0;
    let (f1, f2) = (2.5 * t_c + 50.0, 1.0 - 2.5e-4 * t_c);
    ma * ma / (f1 + ma * ma) * f2
}

#[derive(Clone, Debug, PartialEq)]
pub struct AlkalineElectrolyser {
    pub cells: f64,
    pub cell_area_m2: f64,
    /// kg H2 per hour to make (0: none).
    pub production_target_kg_h: f64,
    /// Rectifier rating, kW.
    pub rectifier_kw: f64,
    /// The polarisation fit.
    pub fit: Fit,
}

impl Default for AlkalineElectrolyser {
    fn default() -> Self {
        // A 5 MW-class pressurised stack: 300 cells × 2.6 m², ≈ 87 kg/h at 0.3 A/cm²; the plant needs 70 kg/h.
        Self { cells: 300.0, cell_area_m2: 2.6, production_target_kg_h: 70.0, rectifier_kw: 5_500.0, fit: Fit::Ulleberg }
    }
}

impl AlkalineElectrolyser {
    /// Cell voltage, V, and Faradaic efficiency at `i` A/cm², `t_c` °C and `p_bar`, by this stack's fit.
    pub fn cell(&self, i: f64, t_c: f64, p_bar: f64) -> (f64, f64) {
        match self.fit {
            Fit::Ulleberg => (cell_voltage(i, t_c, p_bar), faradaic_efficiency(i, t_c)),
            Fit::Sanchez => (sanchez_cell_voltage(i * 1e4, t_c, p_bar), sanchez_faradaic_efficiency(i * 1e4, t_c)),
        }
    }
}

impl Process for AlkalineElectrolyser {
    fn id(&self) -> &'static str {
        "alkaline-electrolyser"
    }
    fn name(&self) -> &'static str {
        "Alkaline electrolyser"
    }
    fn name_msg(&self) -> Msg {
        msg!("process-alkaline-name")
    }
    fn all_electric(&self) -> bool {
        true
    }
    fn production_unit(&self) -> &'static str {
        "kg"
    }
    fn condition_keys(&self) -> Vec<&'static str> {
        vec!["cells", "cell_area_m2", "production_target_kg_h", "rectifier_kw", "fit"]
    }
    fn condition(&self, key: &str) -> Option<f64> {
        Some(match key {
            "cells" => self.cells,
            "cell_area_m2" => self.cell_area_m2,
            "production_target_kg_h" => self.production_target_kg_h,
            "rectifier_kw" => self.rectifier_kw,
            "fit" => match self.fit {
                Fit::Ulleberg => 1.0,
                Fit::Sanchez => 2.0,
            },
            _ => return None,
        })
    }
    fn set_condition(&mut self, key: &str, value: f64, _settings: &[f64]) -> bool {
        let ok = |lo: f64, hi: f64| value.is_finite() && (lo..=hi).contains(&value);
        match key {
            "cells" if ok(1.0, 2_000.0) => self.cells = value.round(),
            "cell_area_m2" if ok(0.01, 10.0) => self.cell_area_m2 = value,
            "production_target_kg_h" if ok(0.0, 1e5) => self.production_target_kg_h = value,
            "rectifier_kw" if ok(1.0, 1e6) => self.rectifier_kw = value,
            "fit" if value == 1.0 => self.fit = Fit::Ulleberg,
            "fit" if value == 2.0 => self.fit = Fit::Sanchez,
            _ => return false,
        }
        true
    }
    fn settings(&self) -> Vec<Setting> {
        vec![
            Setting {
                key: "current_density",
                name: "Current density",
                unit: "A/cm²",
                min: 0.05,
                max: 0.5,
                default: 0.3,
                source: "alkaline 0.2-0.8 A/cm² nominal, load range 15-100 % (IRENA 2020); the fit's data to 0.5",
                label: msg!("process-alkaline-setting-current-density"),
                source_label: msg!("process-alkaline-setting-current-density-source"),
            },
            Setting {
                key: "temperature",
                name: "Stack temperature",
                unit: "°C",
                min: 40.0,
                max: 85.0,
                default: 80.0,
                source: "alkaline 70-90 °C (IRENA 2020); Ulleberg's fit 40-80 °C",
                label: msg!("process-alkaline-setting-temperature"),
                source_label: msg!("process-alkaline-setting-temperature-source"),
            },
            Setting {
                key: "pressure",
                name: "Cathode pressure",
                unit: "bar",
                min: 1.0,
                max: 30.0,
                default: 7.0,
                source: "alkaline < 30 bar (IRENA 2020); PHOEBUS 7 bar",
                label: msg!("process-alkaline-setting-pressure"),
                source_label: msg!("process-alkaline-setting-pressure-source"),
            },
        ]
    }
    fn evaluate(&self, x: &[f64], prices: &Prices) -> Evaluation {
        let x = clamp(&self.settings(), x);
        let (i, t, p) = (x[0], x[1], x[2]);
        let (v, eta_f) = self.cell(i, t, p);
        let current_ka = i * 1e4 * self.cell_area_m2 / 1000.0;
        let h2_kg_h = eta_f * self.cells * current_ka * g_h2_per_ka_h() / 1000.0;
        let stack = stack_kwh_per_kg(v, eta_f);
        let system = system_kwh_per_kg(stack, p);
        let electricity_kw = system * h2_kg_h;
        let out = |key, name, unit, value, label| Output { key, name, unit, value, label };
        let outputs = vec![
            out("cell_voltage", "Cell voltage", "V", v, msg!("process-alkaline-output-cell-voltage")),
            out("faradaic_efficiency", "Faradaic efficiency", "%", eta_f * 100.0, msg!("process-alkaline-output-faradaic-efficiency")),
            out("hydrogen", "Hydrogen produced", "kg/h", h2_kg_h, msg!("process-alkaline-output-hydrogen")),
            out("stack_energy", "Stack energy", "kWh/kg", stack, msg!("process-alkaline-output-stack-energy")),
            out("stack_energy_nm3", "Stack energy per Nm³", "kWh/Nm³", stack * 0.089_88, msg!("process-alkaline-output-stack-energy-nm3")),
            out("system_energy", "System energy (incl. compression to 30 bar)", "kWh/kg", system, msg!("process-alkaline-output-system-energy")),
            out("lhv_efficiency", "Stack efficiency (LHV)", "%", 33.33 / stack * 100.0, msg!("process-alkaline-output-lhv-efficiency")),
            out("power", "Electric power", "kW", electricity_kw, msg!("process-alkaline-output-power")),
            out("co2_intensity", "CO2 per kg of hydrogen (grid power)", "kg CO2/kg", system * prices.grid_t_per_mwh, msg!("process-alkaline-output-co2-intensity")),
        ];
        let mut constraints = vec![Constraint::max("power", "Rectifier rating", "kW", electricity_kw, self.rectifier_kw, msg!("process-alkaline-limit-power"))];
        if self.production_target_kg_h > 0.0 {
            constraints.push(Constraint::min("production", "Hydrogen production target", "kg/h", h2_kg_h, self.production_target_kg_h, msg!("process-alkaline-limit-production")));
        }
        hydrogen_evaluation(electricity_kw, h2_kg_h, prices, outputs, constraints)
    }
}
