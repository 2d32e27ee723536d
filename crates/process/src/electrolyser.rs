//! A PEM water electrolyser. Sources (docs/references.md): [IRENA-2020], [Springer-1991], [Energies-13-4792] (IRENA 2020 KPIs as tabled in Chem.
//! Soc. Rev. 2022, 51:4583, Table 4; Energies 13:4792 for the Faradaic efficiency).
//!
//! - Reversible voltage: E_rev = E°(T) + (RT/2F)·ln(p_H2 · p_O2^0.5 / p_H2O), E°(T) = 1.229 − 0.9×10⁻³ (T −
//!   298.15) V, cathode at the set pressure, anode at 1 bar, water activity 1.
//! - Activation: η = (RT/αF)·asinh(i/(2·i0)); anode α = 0.7, i0 = 10⁻⁴ A/cm² × exp(−(Ea/R)(1/T − 1/353.15))
//!   with Ea = 50 kJ/mol; cathode α = 1, i0 = 0.1 A/cm².
//! - Ohmic: i·δ/σ, Nafion N117 (δ = 178 µm), σ = (0.005139·λ − 0.00326)·exp(1268·(1/303 − 1/T)) S/cm with λ =
//!   14 (Springer et al. 1991): 0.124 S/cm at 80 °C (domain: 0.1-0.14).
//! - Concentration: −(RT/2F)·ln(1 − i/i_L), i_L = 4 A/cm².
//! - Faradaic efficiency: η_F = (i²/(f1 + i²))·f2, f1 = 250 mA²/cm⁴, f2 = 0.996 (Energies 13:4792), with i
//!   in mA/cm².
//! - Faraday: ṁ = η_F · N · I/(2F) · M_H2 → 37.6 g H2 per cell per kA·h at η_F = 1. Stack energy
//!   w = 26.59 · V/η_F kWh/kg. System: stack/rectifier (0.95) + balance of plant 4 kWh/kg + compression from
//!   the outlet pressure to 30 bar (isothermal, 3 stages, ≈ 1.1 kWh/kg per ln-unit of pressure ratio).
//! - Limits: the load range 5-130 % of rated current density (bounds); production ≥ target; stack
//!   temperature ≤ 80 °C (bound). Higher temperature lowers voltage but speeds degradation (not modelled).

use plant_i18n::{Msg, msg};

use crate::{Constraint, Evaluation, FARADAY, Output, Prices, Process, R_GAS, Setting, clamp};

const M_H2: f64 = 2.01588;

#[derive(Clone, Debug, PartialEq)]
pub struct PemElectrolyser {
    pub cells: f64,
    pub cell_area_cm2: f64,
    /// kg H2 per hour to make (0: none).
    pub production_target_kg_h: f64,
}

impl Default for PemElectrolyser {
    fn default() -> Self {
        // A 2.5 MW-class stack: 300 cells × 2,000 cm², 45 kg/h at 2 A/cm²; the plant needs 40 kg/h.
        Self { cells: 300.0, cell_area_cm2: 2_000.0, production_target_kg_h: 40.0 }
    }
}

/// g H2 per cell per kA·h at 100 % Faradaic efficiency.
pub fn g_h2_per_ka_h() -> f64 {
    3.6e6 / (2.0 * FARADAY) * M_H2
}

/// Faradaic efficiency at current density `i` (A/cm²).
pub fn faradaic_efficiency(i: f64) -> f64 {
    let ma = i * 1000.0;
    ma * ma / (250.0 + ma * ma) * 0.996
}

/// Reversible cell voltage, V, at `t_c` °C with the cathode at `p_bar` and the anode at 1 bar.
pub fn reversible_voltage(t_c: f64, p_bar: f64) -> f64 {
    let t = t_c + 273.15;
    1.229 - 0.9e-3 * (t - 298.15) + R_GAS * t / (2.0 * FARADAY) * p_bar.max(1e-3).ln()
}

/// Cell voltage, V, at current density `i` (A/cm²), temperature `t_c` (°C) and cathode pressure `p_bar`.
pub fn cell_voltage(i: f64, t_c: f64, p_bar: f64) -> f64 {
    let t = t_c + 273.15;
    let rt2f = R_GAS * t / (2.0 * FARADAY);
    let e_rev = reversible_voltage(t_c, p_bar);
    let i0_a = 1e-4 * (-(50_000.0 / R_GAS) * (1.0 / t - 1.0 / 353.15)).exp();
    let eta_a = R_GAS * t / (0.7 * FARADAY) * (i / (2.0 * i0_a)).asinh();
    let eta_c = R_GAS * t / FARADAY * (i / (2.0 * 0.1)).asinh();
    let sigma = (0.005139 * 14.0 - 0.00326) * (1268.0 * (1.0 / 303.0 - 1.0 / t)).exp();
    let ohm = i * 0.0178 / sigma;
    let conc = -rt2f * (1.0 - (i / 4.0).min(0.999)).ln();
    e_rev + eta_a + eta_c + ohm + conc
}

/// System specific energy, kWh/kg, of a stack at `stack` kWh/kg delivering at `p_bar`: rectifier 0.95,
/// balance of plant 4 kWh/kg, compression to 30 bar (isothermal, 3 stages, ≈ 1.1 kWh/kg per ln-unit).
pub fn system_kwh_per_kg(stack: f64, p_bar: f64) -> f64 {
    stack / 0.95 + 4.0 + 1.1 * (30.0 / p_bar).ln().max(0.0)
}

/// The hourly account of an electrolyser drawing `electricity_kw` to make `h2_kg_h`: all electric, scope 2
/// only.
pub fn hydrogen_evaluation(electricity_kw: f64, h2_kg_h: f64, prices: &Prices, outputs: Vec<Output>, constraints: Vec<Constraint>) -> Evaluation {
    Evaluation {
        electricity_kw,
        fuel_gj_h: 0.0,
        scope1_combustion_t_h: 0.0,
        scope1_process_t_h: 0.0,
        biogenic_t_h: 0.0,
        scope2_t_h: electricity_kw / 1000.0 * prices.grid_t_per_mwh,
        fuel_cost_h: 0.0,
        production_h: h2_kg_h,
        production_unit: "kg",
        outputs,
        constraints,
    }
}

/// Stack specific energy, kWh/kg, at cell voltage `v` and Faradaic efficiency `eta_f`.
pub fn stack_kwh_per_kg(v: f64, eta_f: f64) -> f64 {
    2.0 * FARADAY * v / (M_H2 * 3.6) / eta_f / 1000.0
}

impl Process for PemElectrolyser {
    fn id(&self) -> &'static str {
        "pem-electrolyser"
    }
    fn name(&self) -> &'static str {
        "PEM electrolyser"
    }
    fn name_msg(&self) -> Msg {
        msg!("process-pem-name")
    }
    fn all_electric(&self) -> bool {
        true
    }
    fn production_unit(&self) -> &'static str {
        "kg"
    }
    fn settings(&self) -> Vec<Setting> {
        vec![
            Setting {
                key: "current_density",
                name: "Current density",
                unit: "A/cm²",
                min: 0.1,
                max: 2.6,
                default: 2.0,
                source: "PEM 1-3 A/cm², load range 5-130 % (IRENA 2020)",
                label: msg!("process-pem-setting-current-density"),
                source_label: msg!("process-pem-setting-current-density-source"),
            },
            Setting {
                key: "temperature",
                name: "Stack temperature",
                unit: "°C",
                min: 50.0,
                max: 80.0,
                default: 70.0,
                source: "PEM 50-80 °C (IRENA 2020)",
                label: msg!("process-pem-setting-temperature"),
                source_label: msg!("process-pem-setting-temperature-source"),
            },
            Setting {
                key: "pressure",
                name: "Cathode pressure",
                unit: "bar",
                min: 1.0,
                max: 30.0,
                default: 20.0,
                source: "PEM ≤ 50 bar (IRENA 2020)",
                label: msg!("process-pem-setting-pressure"),
                source_label: msg!("process-pem-setting-pressure-source"),
            },
        ]
    }
    fn evaluate(&self, x: &[f64], prices: &Prices) -> Evaluation {
        let x = clamp(&self.settings(), x);
        let (i, t, p) = (x[0], x[1], x[2]);
        let v = cell_voltage(i, t, p);
        let eta_f = faradaic_efficiency(i);
        let current_ka = i * self.cell_area_cm2 / 1000.0;
        let h2_kg_h = eta_f * self.cells * current_ka * g_h2_per_ka_h() / 1000.0;
        let stack = stack_kwh_per_kg(v, eta_f);
        let system = system_kwh_per_kg(stack, p);
        let electricity_kw = system * h2_kg_h;
        let outputs = vec![
            Output { key: "cell_voltage", name: "Cell voltage", unit: "V", value: v, label: msg!("process-pem-output-cell-voltage") },
            Output { key: "faradaic_efficiency", name: "Faradaic efficiency", unit: "%", value: eta_f * 100.0, label: msg!("process-pem-output-faradaic-efficiency") },
            Output { key: "hydrogen", name: "Hydrogen produced", unit: "kg/h", value: h2_kg_h, label: msg!("process-pem-output-hydrogen") },
            Output { key: "stack_energy", name: "Stack energy", unit: "kWh/kg", value: stack, label: msg!("process-pem-output-stack-energy") },
            Output { key: "system_energy", name: "System energy (incl. compression to 30 bar)", unit: "kWh/kg", value: system, label: msg!("process-pem-output-system-energy") },
            Output { key: "lhv_efficiency", name: "Stack efficiency (LHV)", unit: "%", value: 33.33 / stack * 100.0, label: msg!("process-pem-output-lhv-efficiency") },
            Output { key: "power", name: "Electric power", unit: "kW", value: electricity_kw, label: msg!("process-pem-output-power") },
            Output {
                key: "co2_intensity",
                name: "CO2 per kg of hydrogen (grid power)",
                unit: "kg CO2/kg",
                value: system * prices.grid_t_per_mwh,
                label: msg!("process-pem-output-co2-intensity"),
            },
        ];
        let mut constraints = vec![Constraint::max("power", "Rectifier rating", "kW", electricity_kw, 3_500.0, msg!("process-pem-limit-power"))];
        if self.production_target_kg_h > 0.0 {
            constraints.push(Constraint::min("production", "Hydrogen production target", "kg/h", h2_kg_h, self.production_target_kg_h, msg!("process-pem-limit-production")));
        }
        hydrogen_evaluation(electricity_kw, h2_kg_h, prices, outputs, constraints)
    }
}
