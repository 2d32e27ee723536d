//! A precalciner cement kiln line (5-stage preheater, calciner, rotary kiln, grate cooler). Sources:
//! ../shared/domain/cement-kiln.md and carbon.md.
//!
//! Heat balance per tonne of clinker (Holderbank procedure structure), GJ/t:
//! - heat of formation 1.75 (theoretical, 1.6-1.8; Engin & Ari 2005);
//! - preheater exit gas: V_gas·cp·(T_exit − 20 °C), V_gas = combustion gas (0.26 Nm³/MJ fuel × λ, λ =
//!   21/(21 − O2)) + calcination CO2 (from the raw mix) + raw-meal moisture (0.05 Nm³/kg), cp 1.45
//!   kJ/(Nm³·K); T_exit 320 °C at 2.5 % O2 and 58 % calciner firing, rising 150 K per unit of λ (more gas,
//!   less heat transfer) and falling 40 K per unit of calciner share (fuel burnt where the meal absorbs it):
//!   ≈ 17 % of the heat at the reference point (6,300 t/d example: 17 %);
//! - cooler exhaust: (cooler air − combustion air)·1.32 kJ/(Nm³·K)·(180 − 20 K) (≈ 8 %); clinker leaving the cooler
//!   at 100 °C + 150 K per Nm³/kg of air short of 2.2, + 600 K·(2.0 − air)² as recuperation fails
//!   (cp 0.78 kJ/(kg·K)): more cooler air recuperates more and loses more to the exhaust, a trade-off with
//!   its optimum near 1.9 Nm³/kg;
//! - kiln shell: 0.38 GJ/t at 212 t/h, a fixed heat flow, so per tonne it falls as output rises (12 %);
//! - bypass: 0.03 GJ/t per % of kiln gas bypassed; alternative fuel: +0.15 GJ/t at 100 % AF (moisture);
//! - other (dust, radiation of cyclones and ducts, evaporation, CO): 0.19 GJ/t.
//!
//! The sum is 3.20 GJ/t at the reference point, the nominal figure of the bundled cement plant (BAT < 3.0,
//! world 2030 target 3.3); each % of excess O2 costs ≈ 0.04 GJ/t (≈ 1.3 % fuel), as plants report.
//!
//! Fuels by energy share: coal (rest), petcoke, natural gas, alternative fuel (AF) with a biomass share;
//! CO2 per the IPCC 2006 defaults of the bundled factor set (bituminous coal 94.6, petcoke 97.5, natural
//! gas 56.1, fossil part of municipal waste 91.7 kg CO2/GJ); the biomass part is a memo item. Gas burns
//! with more flue gas per GJ (water vapour): +0.12 GJ/t at 100 % gas.
//!
//! Raw mix: the clinker's CaO sets the process CO2 and how hard the mix is to burn — the heat of
//! formation rises 0.02 GJ/t and the free-lime need 3 % per point of CaO above 65 %. Process CO2 from the clinker's CaO and
//! MgO (44.009/56.077, 44.009/40.304; 65 % CaO and 1.5 % MgO → 0.5265 t/t).
//!
//! Electricity, kWh/t clinker: 33.5 base (kiln drive, meal transport, burner) + ID fan 14 × gas volume
//! relative to the reference × (1 + bypass) + cooler fans 6 × cooler air/2.1 + coal milling 25 kWh/t of
//! coal and petcoke + AF handling 2 × AF share: 57 kWh/t at the reference point (the kiln line of the
//! bundled plant).
//!
//! Free lime (f-CaO, %) as a proxy of burning: the burning zone gets the main burner's heat, (1 − calciner
//! share) × q, against a need of 1.30 GJ/t that grows with output (shorter residence, exponent 0.3):
//! f-CaO = 1.1 + 3 × (need − supplied)/need. Limit ≤ 1.5 % (> 2 % under-burnt); excess O2 ≥ 1.5 % (CO and
//! reducing burning below); the ID fan's capacity bounds output × kiln gas volume at 108 % of the
//! reference (a typical fan margin).

use std::sync::OnceLock;

use plant_i18n::{Msg, msg};

use crate::{Constraint, Evaluation, Output, Prices, Process, Setting, clamp};

/// t CO2 per GJ of a fuel, from the bundled IPCC 2006 set (falls back to the published numbers).
fn fuel_co2(id: &str, fallback_kg_per_gj: f64) -> f64 {
    static SET: OnceLock<Option<plant_carbon::FactorSet>> = OnceLock::new();
    let set = SET.get_or_init(|| plant_carbon::resolve_factor_set("ipcc-2006-fuels", std::path::Path::new(".")).ok());
    set.as_ref().and_then(|s| s.fuel(id)).map(|f| f.co2_per_energy.si * f.oxidation * 1e9 / 1e3).unwrap_or(fallback_kg_per_gj / 1000.0)
}

#[derive(Clone, Debug, PartialEq)]
pub struct CementKiln {
    /// Clinker CaO and MgO (mass fractions) from carbonates.
    pub cao: f64,
    pub mgo: f64,
    /// Clinker to make, t/h (0: none).
    pub production_target_t_h: f64,
    /// Fuel prices, currency per GJ: coal, petcoke, alternative fuel, natural gas.
    pub fuel_prices: [f64; 4],
    /// Biomass share of the alternative fuel's carbon.
    pub af_biomass: f64,
}

impl Default for CementKiln {
    fn default() -> Self {
        // Coal ≈ 700 CNY/t at 23.8 GJ/t; petcoke cheaper per GJ; AF near the cost of handling it.
        Self { cao: 0.652, mgo: 0.015, production_target_t_h: 205.0, fuel_prices: [29.0, 24.0, 8.0, 75.0], af_biomass: 0.5 }
    }
}

/// The kiln's heat balance at a point, GJ/t clinker.
#[derive(Clone, Debug, PartialEq)]
pub struct HeatBalance {
    pub formation: f64,
    pub exit_gas: f64,
    pub cooler_exhaust: f64,
    pub clinker_exit: f64,
    pub shell: f64,
    pub bypass: f64,
    pub other: f64,
}

impl HeatBalance {
    pub fn total(&self) -> f64 {
        self.formation + self.exit_gas + self.cooler_exhaust + self.clinker_exit + self.shell + self.bypass + self.other
    }
}

const P_REF: f64 = 212.0;

impl CementKiln {
    /// Process CO2 of calcination, t/t clinker.
    pub fn process_co2_per_t(&self) -> f64 {
        plant_carbon::calcination_co2_per_t_clinker(self.cao, self.mgo, 0.0, 0.0)
    }

    /// Heat balance for output `p` t/h, excess O2 `o2` %, calciner share `split`, cooler air `air`
    /// Nm³/kg, bypass `bypass` %, AF energy share `af`. Solved by fixed point (gas volume depends on q).
    pub fn heat_balance(&self, p: f64, o2: f64, split: f64, air: f64, bypass: f64, af: f64) -> HeatBalance {
        let lambda = 21.0 / (21.0 - o2);
        let lambda_ref = 21.0 / (21.0 - 2.5);
        let co2_nm3 = self.process_co2_per_t() * 1000.0 / 1.977; // Nm³/t of CO2 from the meal
        let mut q = 3.2;
        let mut hb = HeatBalance {
            formation: 1.75,
            exit_gas: 0.0,
            cooler_exhaust: 0.0,
            clinker_exit: 0.0,
            shell: 0.38 * P_REF / p.max(1.0),
            bypass: 0.03 * bypass,
            other: 0.19 + 0.15 * af,
        };
        for _ in 0..30 {
            let comb = q * 1000.0 * 0.26 * lambda; // Nm³/t
            let t_exit = 320.0 + 150.0 * (lambda - lambda_ref) - 40.0 * (split - 0.58);
            hb.exit_gas = (comb + co2_nm3 + 50.0) * 1.45 * (t_exit - 20.0) / 1e6;
            let comb_air = q * 1000.0 * 0.26 * lambda / 1000.0 * 0.9; // Nm³/kg of air the burners take from the cooler
            hb.cooler_exhaust = (air - comb_air).max(0.0) * 1000.0 * 1.32 * 160.0 / 1e6;
            // Less cooler air: hotter clinker out and less heat recuperated into the secondary air.
            let t_clk = 100.0 + 150.0 * (2.2 - air).max(0.0) + 600.0 * (2.0 - air).max(0.0).powi(2);
            hb.clinker_exit = 0.78 * (t_clk - 20.0) / 1000.0;
            let next = hb.total();
            if (next - q).abs() < 1e-9 {
                break;
            }
            q = next;
        }
        hb
    }
}

impl CementKiln {
    /// The full heat balance at settings `x` (in [`Process::settings`] order), as [`Process::evaluate`]
    /// uses it: raw-mix and gas terms included.
    pub fn balance_at(&self, x: &[f64]) -> HeatBalance {
        let x = clamp(&self.settings(), x);
        let (af, cao_pct) = (x[6].min(1.0), x[8]);
        let gas = x[7].min(1.0 - af);
        let mix = CementKiln { cao: cao_pct / 100.0, ..self.clone() };
        let mut hb = mix.heat_balance(x[0], x[1], x[2], x[3], x[4], af);
        hb.formation += 0.02 * (cao_pct - 65.0);
        hb.other += 0.12 * gas;
        hb
    }
}

impl Process for CementKiln {
    fn id(&self) -> &'static str {
        "cement-kiln"
    }
    fn name(&self) -> &'static str {
        "Cement kiln line (precalciner, grate cooler)"
    }
    fn name_msg(&self) -> Msg {
        msg!("process-kiln-name")
    }
    fn production_unit(&self) -> &'static str {
        "t"
    }
    fn default_fixed(&self) -> Vec<&'static str> {
        // The raw mix is a product-quality decision and the bypass is for chloride and alkali removal:
        // neither is an energy lever unless freed explicitly.
        vec!["clinker_cao", "bypass"]
    }
    fn settings(&self) -> Vec<Setting> {
        vec![
            Setting {
                key: "clinker",
                name: "Clinker output",
                unit: "t/h",
                min: 190.0,
                max: 230.0,
                default: 212.0,
                source: "5,000 t/d typical (cement-kiln.md)",
                label: msg!("process-kiln-setting-clinker"),
                source_label: msg!("process-kiln-setting-clinker-source"),
            },
            Setting {
                key: "excess_o2",
                name: "Excess O2 at kiln inlet",
                unit: "%",
                min: 1.0,
                max: 4.0,
                default: 2.5,
                source: "~1-3 % (common practice)",
                label: msg!("process-kiln-setting-excess-o2"),
                source_label: msg!("process-kiln-setting-excess-o2-source"),
            },
            Setting {
                key: "calciner_split",
                name: "Calciner share of fuel",
                unit: "",
                min: 0.50,
                max: 0.65,
                default: 0.58,
                source: "example 56 % (heat-balance sheet)",
                label: msg!("process-kiln-setting-calciner-split"),
                source_label: msg!("process-kiln-setting-calciner-split-source"),
            },
            Setting {
                key: "cooler_air",
                name: "Cooler air",
                unit: "Nm³/kg",
                min: 1.7,
                max: 2.5,
                default: 2.1,
                source: "~1.7-2.5 Nm³/kg clinker",
                label: msg!("process-kiln-setting-cooler-air"),
                source_label: msg!("process-kiln-setting-cooler-air-source"),
            },
            Setting {
                key: "bypass",
                name: "Kiln gas bypass",
                unit: "%",
                min: 0.0,
                max: 15.0,
                default: 0.0,
                source: "0-15 % (Farag 2013)",
                label: msg!("process-kiln-setting-bypass"),
                source_label: msg!("process-kiln-setting-bypass-source"),
            },
            Setting {
                key: "petcoke_share",
                name: "Petcoke share of fuel energy",
                unit: "",
                min: 0.0,
                max: 0.5,
                default: 0.0,
                source: "fuel mix (IEA TCEP)",
                label: msg!("process-kiln-setting-petcoke-share"),
                source_label: msg!("process-kiln-setting-petcoke-share-source"),
            },
            Setting {
                key: "af_share",
                name: "Alternative fuel share of energy",
                unit: "",
                min: 0.0,
                max: 0.3,
                default: 0.0,
                source: "AF 0-30 % (IEA TCEP; CSI protocol)",
                label: msg!("process-kiln-setting-af-share"),
                source_label: msg!("process-kiln-setting-af-share-source"),
            },
            Setting {
                key: "gas_share",
                name: "Natural gas share of fuel energy",
                unit: "",
                min: 0.0,
                max: 0.3,
                default: 0.0,
                source: "fuel mix (IEA TCEP)",
                label: msg!("process-kiln-setting-gas-share"),
                source_label: msg!("process-kiln-setting-gas-share-source"),
            },
            Setting {
                key: "clinker_cao",
                name: "Clinker CaO",
                unit: "%",
                min: 62.0,
                max: 67.0,
                default: 65.2,
                source: "LSF 92-98 (producer product data); 65 % worked case",
                label: msg!("process-kiln-setting-clinker-cao"),
                source_label: msg!("process-kiln-setting-clinker-cao-source"),
            },
        ]
    }
    fn evaluate(&self, x: &[f64], prices: &Prices) -> Evaluation {
        let x = clamp(&self.settings(), x);
        let (p, o2, split, air, bypass, petcoke, af, gas, cao_pct) = (x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], x[8]);
        let af = af.min(1.0);
        let gas = gas.min(1.0 - af);
        let petcoke = petcoke.min(1.0 - af - gas);
        let coal = 1.0 - petcoke - af - gas;
        let mix = CementKiln { cao: cao_pct / 100.0, ..self.clone() };
        let hb = self.balance_at(&x);
        let q = hb.total();
        let fuel_gj_h = q * p;
        let ef = [fuel_co2("bituminous-coal", 94.6), fuel_co2("petcoke", 97.5), fuel_co2("municipal-waste-fossil", 91.7), fuel_co2("natural-gas", 56.1)];
        let shares = [coal, petcoke, af, gas];
        let fossil = fuel_gj_h * (shares[0] * ef[0] + shares[1] * ef[1] + shares[2] * ef[2] * (1.0 - self.af_biomass) + shares[3] * ef[3]);
        let biogenic = fuel_gj_h * shares[2] * ef[2] * self.af_biomass;
        let process = mix.process_co2_per_t() * p;
        // Electricity.
        let lambda = 21.0 / (21.0 - o2);
        let gas_rel = q * lambda / (3.2 * 21.0 / 18.5);
        let solid_fuel_t = fuel_gj_h * (coal / 23.8 + petcoke / 32.5) / p;
        let kwh_t = 33.5 + 14.0 * gas_rel * (1.0 + bypass / 100.0) + 6.0 * air / 2.1 + 25.0 * solid_fuel_t + 2.0 * af;
        let electricity_kw = kwh_t * p;
        // Free lime.
        let need = 1.30 * (p / P_REF).powf(0.3) * (1.0 + 0.03 * (cao_pct - 65.2));
        let f_cao = 1.1 + 3.0 * (need - (1.0 - split) * q) / need;
        let fuel_cost_h = fuel_gj_h * (0..4).map(|k| shares[k] * self.fuel_prices[k]).sum::<f64>();
        let outputs = vec![
            Output { key: "specific_heat", name: "Specific heat consumption", unit: "GJ/t", value: q, label: msg!("process-kiln-output-specific-heat") },
            Output {
                key: "specific_heat_kgce",
                name: "Specific heat consumption",
                unit: "kgce/t",
                value: q * 1e3 / 29.3076,
                label: msg!("process-kiln-output-specific-heat-kgce"),
            },
            Output { key: "electricity", name: "Kiln-line electricity", unit: "kWh/t", value: kwh_t, label: msg!("process-kiln-output-electricity") },
            Output { key: "fuel", name: "Fuel heat", unit: "GJ/h", value: fuel_gj_h, label: msg!("process-kiln-output-fuel") },
            Output { key: "coal", name: "Coal", unit: "t/h", value: fuel_gj_h * coal / 23.8, label: msg!("process-kiln-output-coal") },
            Output { key: "petcoke", name: "Petcoke", unit: "t/h", value: fuel_gj_h * petcoke / 32.5, label: msg!("process-kiln-output-petcoke") },
            Output { key: "natural_gas", name: "Natural gas", unit: "t/h", value: fuel_gj_h * gas / 48.0, label: msg!("process-kiln-output-natural-gas") },
            Output { key: "combustion_co2", name: "Combustion CO2 (fossil)", unit: "t/t", value: fossil / p, label: msg!("process-kiln-output-combustion-co2") },
            Output { key: "process_co2", name: "Process CO2 (calcination)", unit: "t/t", value: process / p, label: msg!("process-kiln-output-process-co2") },
            Output { key: "biogenic_co2", name: "Biogenic CO2 (memo)", unit: "t/t", value: biogenic / p, label: msg!("process-kiln-output-biogenic-co2") },
            Output { key: "free_lime", name: "Free lime (proxy)", unit: "%", value: f_cao, label: msg!("process-kiln-output-free-lime") },
            Output { key: "exit_gas_loss", name: "Preheater exit-gas loss", unit: "GJ/t", value: hb.exit_gas, label: msg!("process-kiln-output-exit-gas-loss") },
            Output {
                key: "cooler_loss",
                name: "Cooler exhaust and clinker loss",
                unit: "GJ/t",
                value: hb.cooler_exhaust + hb.clinker_exit,
                label: msg!("process-kiln-output-cooler-loss"),
            },
            Output { key: "shell_loss", name: "Kiln shell loss", unit: "GJ/t", value: hb.shell, label: msg!("process-kiln-output-shell-loss") },
            Output { key: "clinker", name: "Clinker", unit: "t/h", value: p, label: msg!("process-kiln-output-clinker") },
        ];
        // The ID fan moves the kiln gas: its capacity bounds output × gas volume (8 % above the reference).
        let id_fan_load = gas_rel * p / P_REF * (1.0 + bypass / 100.0);
        let mut constraints = vec![
            Constraint::max("free_lime", "Free lime (under-burnt above)", "%", f_cao, 1.5, msg!("process-kiln-limit-free-lime")),
            Constraint::min("excess_o2", "Excess O2 (CO, reducing burning below)", "%", o2, 1.5, msg!("process-kiln-limit-excess-o2")),
            Constraint::max("id_fan", "ID fan capacity (gas flow relative to the reference)", "", id_fan_load, 1.08, msg!("process-kiln-limit-id-fan")),
        ];
        if self.production_target_t_h > 0.0 {
            constraints.push(Constraint::min("production", "Clinker production target", "t/h", p, self.production_target_t_h, msg!("process-kiln-limit-production")));
        }
        Evaluation {
            electricity_kw,
            fuel_gj_h,
            scope1_combustion_t_h: fossil,
            scope1_process_t_h: process,
            biogenic_t_h: biogenic,
            scope2_t_h: electricity_kw / 1000.0 * prices.grid_t_per_mwh,
            fuel_cost_h,
            production_h: p,
            production_unit: "t",
            outputs,
            constraints,
        }
    }
}
