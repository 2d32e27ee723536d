//! A precalciner cement kiln line (cyclone preheater, calciner, rotary kiln, grate cooler): a heat balance
//! per tonne of clinker in the Holderbank structure, the fuel mix, the line's electricity, combustion and
//! process CO2 and a free-lime proxy. docs/models.md (section "Cement kiln line") gives every equation and
//! constant with its source in docs/references.md; the summary here names the sources by their tags.
//!
//! Heat balance, GJ/t clinker (= kJ/kg ÷ 1,000), against the ambient temperature (20 °C, as [BEE-N4]):
//! - in: the fuel's heat (NCV) and the sensible heat of the kiln feed (cp 0.921 kJ/(kg·K), feed ratio ×
//!   (T_feed − T_amb); [Case-B]) and of the fuel (cp 1.968 kJ/(kg·K), [Case-B]);
//! - heat of formation by Zur Strassen's formula on the clinker's oxides, in kcal/kg:
//!   2.22·Al2O3 + 6.48·MgO + 7.646·CaO − 5.116·SiO2 − 0.59·Fe2O3 [BEE-GB4] (Al2O3 5, Fe2O3 3 and 3 % other
//!   components as in a typical clinker [Taylor]; SiO2 the rest): 1.69 GJ/t for the bundled clinker;
//! - preheater exit gas: V·1.485 kJ/(Nm³·K)·(T_exit − T_amb) ([BEE-N4]: cp 0.247 kcal/(kg·K), ρ 1.436
//!   kg/Nm³), V = combustion gas (0.26 Nm³/MJ × λ, λ = 21/(21 − O2)) + calcination CO2 + 50 Nm³/t of water
//!   from the meal, less the gas the bypass takes at the kiln inlet; T_exit is the plant's measured
//!   temperature (a condition, 320 °C by default for five stages), not a response to the settings;
//! - bypass: the kiln-inlet gas (the main burner's combustion gas and the 10 % of calcination left to the
//!   kiln) taken at 1,050 °C [Farag-2012-web], and the dust it carries at 0.7 × the gas's heat, so that 15 %
//!   of bypass loses 5 % of the input as [Farag-2013] reports (the gas alone at 100 % ≈ 0.65 GJ/t; [Farag-2012]:
//!   ≈ 0.77): ≈ 0.011 GJ/t per % of bypass, gross;
//! - kiln shell: a heat flow fixed by the kiln's size, 0.558 GJ/t at 600 t/d ([Engin-Ari-2005]: 15.11 % of
//!   3.69 GJ/t) falling as capacity^−0.169 to 0.375 GJ/t at 6,300 t/d ([Farag-2013]: 12 % of 1.75/0.56 GJ/t),
//!   per tonne at the design output, so per tonne it falls as the output rises;
//! - cooler exhaust and clinker: (cooler air − combustion air)·1.32 kJ/(Nm³·K)·160 K, and clinker at
//!   100 °C + 150 K per Nm³/kg short of 2.2 + 600 K·(2.0 − air)² (cp 0.78 kJ/(kg·K)) — a fit (not a published
//!   relation) giving 8 % of the input at 2.1 Nm³/kg ([Farag-2013]: 8.1 %) and an optimum near 1.9 Nm³/kg;
//! - other (preheater, calciner and cooler radiation, CO, evaporation): 0.322 GJ/t, what closes the bundled
//!   plant at 3.20 GJ/t (a calibration); alternative fuel +0.15 GJ/t at 100 % (moisture), natural gas
//!   +0.12 GJ/t at 100 % (more flue gas per GJ) — assumptions, listed as such in docs/models.md.
//!
//! Fuels by energy share: coal (rest), petcoke, natural gas, alternative fuel (AF) with a biomass share;
//! CO2 from the bundled IPCC 2006 factor set (bituminous coal 94.6, petcoke 97.5, natural gas 56.1, fossil
//! part of municipal waste 91.7 kg CO2/GJ [IPCC-2006-V2]); the biomass part is a memo item [CSI-2011].
//!
//! Process CO2: (CaO − CaO_nc)·44.009/56.077 + (MgO − MgO_nc)·44.009/40.304 per t clinker [NDRC-2013]
//! (65 % CaO alone: 0.5101 t/t, the IPCC Tier 1 factor before its 1.02 for dust [IPCC-2006-V3]), plus the
//! kiln dust (CKD and bypass dust) leaving the kiln system at the CSI protocol's
//! EF_CKD = (EF·d/(1+EF))/(1 − EF·d/(1+EF)) per t of dust, d its calcination degree [CSI-2011].
//!
//! Electricity, kWh/t clinker: 33.5 base (kiln drive, meal transport, burner) + ID fan 14 × gas volume
//! relative to the reference × (1 + bypass) + cooler fans 6 × cooler air/2.1 + fuel milling (coal 25,
//! petcoke 35 kWh/t of fuel: petcoke is harder to grind, HGI 35-75 against 45-65 for bituminous coal
//! [petcoke-HGI]) + AF handling 2 × AF share: 57 kWh/t at the reference point (the bundled plant).
//!
//! Free lime (f-CaO, %) as a proxy of burning: the burning zone gets the main burner's heat, (1 − calciner
//! share) × q, against a need of 1.30 GJ/t that grows with output over the design output (shorter
//! residence, exponent 0.3): f-CaO = 1.1 + 3 × (need − supplied)/need. Limits: f-CaO ≤ 1.5 % (> 2 %
//! under-burnt), excess O2 ≥ 1.5 % (CO and reducing burning below), the ID fan's capacity: output × kiln
//! gas volume at most 108 % of the design (a typical fan margin).
//!
//! Conditions ([`Process::set_condition`], `plant-twin eval cement-kiln --condition KEY=VALUE`, a site's
//! `[whatif.conditions]`): see [`KilnConditions`].

use std::sync::OnceLock;

use plant_i18n::{Msg, msg};

use crate::{Constraint, Evaluation, Output, Prices, Process, Setting, clamp};

/// t CO2 per GJ of a fuel, from the bundled IPCC 2006 set (falls back to the published numbers).
fn fuel_co2(id: &str, fallback_kg_per_gj: f64) -> f64 {
    static SET: OnceLock<Option<plant_carbon::FactorSet>> = OnceLock::new();
    let set = SET.get_or_init(|| plant_carbon::resolve_factor_set("ipcc-2006-fuels", std::path::Path::new(".")).ok());
    set.as_ref().and_then(|s| s.fuel(id)).map(|f| f.co2_per_energy.si * f.oxidation * 1e9 / 1e3).unwrap_or(fallback_kg_per_gj / 1000.0)
}

/// kJ in a kcal (IT calorie).
const KJ_PER_KCAL: f64 = 4.1868;
/// Clinker oxides other than CaO, MgO and SiO2, % (a typical Portland clinker: 5 % Al2O3, 3 % Fe2O3, 3 %
/// other components; Taylor, Cement Chemistry).
const AL2O3_PCT: f64 = 5.0;
const FE2O3_PCT: f64 = 3.0;
const OTHER_OXIDES_PCT: f64 = 3.0;
/// Specific heats: kiln feed 0.22 and fuel 0.47 kcal/(kg·K) [Case-B]; flue gas 0.247 kcal/(kg·K) at 1.436
/// kg/Nm³ [BEE-N4] → kJ/(Nm³·K).
const CP_FEED: f64 = 0.22 * KJ_PER_KCAL;
const CP_FUEL: f64 = 0.47 * KJ_PER_KCAL;
const CP_GAS_NM3: f64 = 0.247 * KJ_PER_KCAL * 1.436;
/// Combustion gas per MJ of fuel at λ = 1, Nm³ (bituminous coal).
const GAS_NM3_PER_MJ: f64 = 0.26;
/// Bypass gas temperature, °C (kiln inlet) [Farag-2012-web]; the dust it carries, as a share of its heat
/// (calibrated to [Farag-2013]: 15 % bypass loses 5 % of the input).
const BYPASS_GAS_C: f64 = 1_050.0;
const BYPASS_DUST_SHARE: f64 = 0.7;
/// Share of the calcination left to the kiln (the calciner does the rest): its CO2 is in the kiln-inlet gas.
const KILN_CALCINATION_SHARE: f64 = 0.10;
/// Kiln shell loss: 0.558 GJ/t at 600 t/d [Engin-Ari-2005], 0.375 GJ/t at 6,300 t/d [Farag-2013].
const SHELL_GJ_T_AT_600: f64 = 0.558;
const SHELL_EXPONENT: f64 = 0.169;
/// Other losses: what closes the bundled plant's reference point at 3.20 GJ/t (a calibration).
const OTHER_GJ_T: f64 = 0.322;
/// Net calorific values, GJ/t: petcoke and natural gas [IPCC-2006-V2].
const PETCOKE_NCV: f64 = 32.5;
const GAS_NCV: f64 = 48.0;

/// A kiln line's conditions: what the plant is and what it measures, not what the operators set. Each is
/// a [`Process::set_condition`] key.
#[derive(Clone, Debug, PartialEq)]
pub struct KilnConditions {
    /// `capacity_t_d`: design clinker output, t/d (the shell's size, the ID fan's capacity, the output range).
    pub capacity_t_d: f64,
    /// `feed_ratio`: kiln feed per clinker, t/t (1.55-1.76; a performance test: 1.762).
    pub feed_ratio: f64,
    /// `coal_ncv`: the coal's net calorific value as fired, GJ/t.
    pub coal_ncv: f64,
    /// `exit_gas_c`: preheater exit gas temperature, °C (≈ 320 for five stages).
    pub exit_gas_c: f64,
    /// `feed_c`, `fuel_c`, `ambient_c`: kiln feed, fuel and ambient (reference) temperatures, °C.
    pub feed_c: f64,
    pub fuel_c: f64,
    pub ambient_c: f64,
    /// `clinker_mgo`: the clinker's MgO, %; `cao_nc`, `mgo_nc`: the parts of CaO and MgO not from
    /// carbonates (slag, fly ash in the raw mix), %.
    pub mgo_pct: f64,
    pub cao_nc_pct: f64,
    pub mgo_nc_pct: f64,
    /// `ckd_kg_t`: kiln dust (CKD and bypass dust) leaving the kiln system, kg/t clinker; `ckd_calcination`:
    /// its degree of calcination, 0-1.
    pub ckd_kg_t: f64,
    pub ckd_calcination: f64,
    /// `coal_mill_kwh_t`, `petcoke_mill_kwh_t`: milling energy per t of fuel.
    pub coal_mill_kwh_t: f64,
    pub petcoke_mill_kwh_t: f64,
    /// Audit mode: what a heat-balance survey measured, each replacing the model's own term when set (0:
    /// not measured). See [`Audit`].
    pub audit: Audit,
}

/// The measured terms of a kiln heat-balance survey in the form of [BEE-N4] (kcal and kg per kg clinker,
/// against the ambient): exit gas and cooler vent as measured masses at their temperatures and specific
/// heats, the clinker's exit temperature, the heat of formation, the other losses (shell, radiation, dust,
/// moisture) and the non-fuel heat inputs as the survey gives them, and the coal's calorific value the
/// specific coal consumption is read on. A zero leaves the model's term.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Audit {
    pub exit_gas_kg_kg: f64,
    pub exit_gas_cp: f64,
    pub cooler_vent_kg_kg: f64,
    pub cooler_vent_c: f64,
    pub cooler_vent_cp: f64,
    pub clinker_exit_c: f64,
    pub clinker_cp: f64,
    pub formation_kcal_kg: f64,
    pub other_losses_kcal_kg: f64,
    pub other_inputs_kcal_kg: f64,
    pub coal_gcv_kcal_kg: f64,
}

/// GJ/t per kcal/kg.
const GJ_T_PER_KCAL_KG: f64 = 4.1868e-3;

impl Default for KilnConditions {
    fn default() -> Self {
        Self {
            capacity_t_d: 212.0 * 24.0,
            feed_ratio: 1.60,
            coal_ncv: 23.8,
            exit_gas_c: 320.0,
            feed_c: 80.0,
            fuel_c: 65.0,
            ambient_c: 20.0,
            mgo_pct: 1.5,
            cao_nc_pct: 0.0,
            mgo_nc_pct: 0.0,
            ckd_kg_t: 0.0,
            ckd_calcination: 1.0,
            coal_mill_kwh_t: 25.0,
            petcoke_mill_kwh_t: 35.0,
            audit: Audit { exit_gas_cp: 0.247, cooler_vent_cp: 0.247, clinker_cp: 0.193, ..Audit::default() },
        }
    }
}

/// The condition keys of [`KilnConditions`] with their units and accepted ranges.
pub const CONDITIONS: [(&str, &str, f64, f64); 25] = [
    ("capacity_t_d", "t/d", 300.0, 13_000.0),
    ("feed_ratio", "t/t", 1.4, 1.9),
    ("coal_ncv", "GJ/t", 15.0, 33.0),
    ("exit_gas_c", "°C", 200.0, 450.0),
    ("feed_c", "°C", -20.0, 150.0),
    ("fuel_c", "°C", -20.0, 150.0),
    ("ambient_c", "°C", -30.0, 50.0),
    ("clinker_mgo", "%", 0.0, 6.0),
    ("cao_nc", "%", 0.0, 10.0),
    ("mgo_nc", "%", 0.0, 6.0),
    ("ckd_kg_t", "kg/t", 0.0, 200.0),
    ("ckd_calcination", "", 0.0, 1.0),
    ("coal_mill_kwh_t", "kWh/t", 5.0, 80.0),
    ("petcoke_mill_kwh_t", "kWh/t", 5.0, 100.0),
    // Audit mode ([BEE-N4]); 0: not measured.
    ("exit_gas_kg_kg", "kg/kg", 0.0, 5.0),
    ("exit_gas_cp", "kcal/(kg·K)", 0.2, 0.4),
    ("cooler_vent_kg_kg", "kg/kg", 0.0, 5.0),
    ("cooler_vent_c", "°C", 0.0, 500.0),
    ("cooler_vent_cp", "kcal/(kg·K)", 0.2, 0.4),
    ("clinker_exit_c", "°C", 0.0, 400.0),
    ("clinker_cp", "kcal/(kg·K)", 0.15, 0.3),
    ("formation_kcal_kg", "kcal/kg", 0.0, 600.0),
    ("other_losses_kcal_kg", "kcal/kg", 0.0, 400.0),
    ("other_inputs_kcal_kg", "kcal/kg", 0.0, 200.0),
    ("coal_gcv_kcal_kg", "kcal/kg", 0.0, 9_000.0),
];

#[derive(Clone, Debug, PartialEq)]
pub struct CementKiln {
    /// Clinker to make, t/h (0: none). Scales with the design output when that is set.
    pub production_target_t_h: f64,
    /// Fuel prices, currency per GJ: coal, petcoke, alternative fuel, natural gas.
    pub fuel_prices: [f64; 4],
    /// Biomass share of the alternative fuel's carbon.
    pub af_biomass: f64,
    pub conditions: KilnConditions,
}

impl Default for CementKiln {
    fn default() -> Self {
        // Coal ≈ 700 CNY/t at 23.8 GJ/t; petcoke cheaper per GJ; AF near the cost of handling it.
        Self { production_target_t_h: 205.0, fuel_prices: [29.0, 24.0, 8.0, 75.0], af_biomass: 0.5, conditions: KilnConditions::default() }
    }
}

/// The kiln's heat balance at a point, GJ/t clinker: what goes out, and the heat that comes in with the
/// feed and the fuel besides the fuel's combustion. The fuel's heat is `total() − sensible_in`.
#[derive(Clone, Debug, PartialEq)]
pub struct HeatBalance {
    pub formation: f64,
    pub exit_gas: f64,
    pub cooler_exhaust: f64,
    pub clinker_exit: f64,
    pub shell: f64,
    pub bypass: f64,
    pub other: f64,
    pub sensible_in: f64,
}

impl HeatBalance {
    /// Everything that goes out (= everything that comes in).
    pub fn total(&self) -> f64 {
        self.formation + self.exit_gas + self.cooler_exhaust + self.clinker_exit + self.shell + self.bypass + self.other
    }
    /// The fuel's heat, GJ/t (NCV basis).
    pub fn fuel(&self) -> f64 {
        self.total() - self.sensible_in
    }

    /// Each term as an output, GJ/t and as a share of the heat input.
    fn outputs(&self) -> Vec<Output> {
        let hb = self;
        let share = |v: f64| 100.0 * v / self.total().max(1e-12);
        vec![
            Output { key: "formation_heat", name: "Heat of clinker formation", unit: "GJ/t", value: hb.formation, label: msg!("process-kiln-output-formation-heat") },
            Output { key: "exit_gas_loss", name: "Preheater exit-gas loss", unit: "GJ/t", value: hb.exit_gas, label: msg!("process-kiln-output-exit-gas-loss") },
            Output {
                key: "cooler_loss",
                name: "Cooler exhaust and clinker loss",
                unit: "GJ/t",
                value: hb.cooler_exhaust + hb.clinker_exit,
                label: msg!("process-kiln-output-cooler-loss"),
            },
            Output { key: "shell_loss", name: "Kiln shell loss", unit: "GJ/t", value: hb.shell, label: msg!("process-kiln-output-shell-loss") },
            Output { key: "bypass_loss", name: "Bypass gas and dust loss", unit: "GJ/t", value: hb.bypass, label: msg!("process-kiln-output-bypass-loss") },
            Output { key: "other_loss", name: "Other losses (radiation, CO, evaporation)", unit: "GJ/t", value: hb.other, label: msg!("process-kiln-output-other-loss") },
            Output {
                key: "sensible_heat_in",
                name: "Sensible heat of feed and fuel (in)",
                unit: "GJ/t",
                value: hb.sensible_in,
                label: msg!("process-kiln-output-sensible-heat-in"),
            },
            Output {
                key: "exit_gas_share",
                name: "Preheater exit-gas loss, share of input",
                unit: "%",
                value: share(hb.exit_gas),
                label: msg!("process-kiln-output-exit-gas-share"),
            },
            Output {
                key: "cooler_share",
                name: "Cooler loss, share of input",
                unit: "%",
                value: share(hb.cooler_exhaust + hb.clinker_exit),
                label: msg!("process-kiln-output-cooler-share"),
            },
            Output { key: "shell_share", name: "Kiln shell loss, share of input", unit: "%", value: share(hb.shell), label: msg!("process-kiln-output-shell-share") },
            Output { key: "bypass_share", name: "Bypass loss, share of input", unit: "%", value: share(hb.bypass), label: msg!("process-kiln-output-bypass-share") },
        ]
    }
}

impl Audit {
    /// Replaces the model's terms of `hb` by the measured ones (GJ/t); `exit_dt` is the exit gas above the
    /// ambient, K.
    fn apply(&self, hb: &mut HeatBalance, exit_dt: f64, ambient_c: f64) {
        let k = GJ_T_PER_KCAL_KG;
        if self.exit_gas_kg_kg > 0.0 {
            hb.exit_gas = self.exit_gas_kg_kg * self.exit_gas_cp * exit_dt * k;
        }
        if self.cooler_vent_kg_kg > 0.0 && self.cooler_vent_c > 0.0 {
            hb.cooler_exhaust = self.cooler_vent_kg_kg * self.cooler_vent_cp * (self.cooler_vent_c - ambient_c) * k;
        }
        if self.clinker_exit_c > 0.0 {
            hb.clinker_exit = self.clinker_cp * (self.clinker_exit_c - ambient_c) * k;
        }
        if self.formation_kcal_kg > 0.0 {
            hb.formation = self.formation_kcal_kg * k;
        }
        if self.other_losses_kcal_kg > 0.0 {
            hb.shell = 0.0;
            hb.other = self.other_losses_kcal_kg * k;
        }
        if self.other_inputs_kcal_kg > 0.0 {
            hb.sensible_in = self.other_inputs_kcal_kg * k;
        }
    }
}

/// Heat of clinker formation by Zur Strassen's formula, kcal/kg clinker, from the oxides in % of clinker
/// (BEE Guide Book 4, as used in [BEE-N4]).
pub fn heat_of_formation_kcal(cao: f64, mgo: f64, sio2: f64, al2o3: f64, fe2o3: f64) -> f64 {
    2.22 * al2o3 + 6.48 * mgo + 7.646 * cao - 5.116 * sio2 - 0.59 * fe2o3
}

/// CO2 of kiln dust leaving the kiln system per t of dust, for clinker CO2 `ef` t/t and calcination
/// degree `d` (CSI Cement CO2 and Energy Protocol v3).
pub fn ckd_co2_per_t(ef: f64, d: f64) -> f64 {
    let x = ef / (1.0 + ef) * d.clamp(0.0, 1.0);
    x / (1.0 - x)
}

impl CementKiln {
    /// The design clinker output, t/h.
    pub fn capacity_t_h(&self) -> f64 {
        self.conditions.capacity_t_d / 24.0
    }

    /// Process CO2 of calcination, t/t clinker, for clinker CaO `cao_pct` %: the clinker's carbonate CaO
    /// and MgO, and the kiln dust that leaves the system.
    pub fn process_co2_per_t(&self, cao_pct: f64) -> f64 {
        let c = &self.conditions;
        let ef = plant_carbon::calcination_co2_per_t_clinker(cao_pct / 100.0, c.mgo_pct / 100.0, c.cao_nc_pct / 100.0, c.mgo_nc_pct / 100.0);
        ef + c.ckd_kg_t / 1000.0 * ckd_co2_per_t(ef, c.ckd_calcination)
    }

    /// Heat of formation, GJ/t, for clinker CaO `cao_pct` % (SiO2 is what the other oxides leave).
    pub fn formation_gj_t(&self, cao_pct: f64) -> f64 {
        let mgo = self.conditions.mgo_pct;
        let sio2 = 100.0 - OTHER_OXIDES_PCT - AL2O3_PCT - FE2O3_PCT - cao_pct - mgo;
        heat_of_formation_kcal(cao_pct, mgo, sio2, AL2O3_PCT, FE2O3_PCT) * KJ_PER_KCAL / 1000.0
    }

    /// The kiln shell's loss, GJ/t, at output `p` t/h.
    pub fn shell_gj_t(&self, p: f64) -> f64 {
        let at_design = SHELL_GJ_T_AT_600 * (self.conditions.capacity_t_d / 600.0).powf(-SHELL_EXPONENT);
        at_design * self.capacity_t_h() / p.max(1.0)
    }

    /// The full heat balance at settings `x` (in [`Process::settings`] order), solved by fixed point (the
    /// gas volumes depend on the fuel).
    pub fn balance_at(&self, x: &[f64]) -> HeatBalance {
        let x = clamp(&self.settings(), x);
        let (p, o2, split, air, bypass, petcoke, af, gas, cao_pct) = (x[0], x[1], x[2], x[3], x[4], x[5], x[6], x[7], x[8]);
        let (af, gas) = (af.min(1.0), gas.min(1.0 - af.min(1.0)));
        let petcoke = petcoke.min(1.0 - af - gas);
        let coal = 1.0 - petcoke - af - gas;
        let c = &self.conditions;
        let lambda = 21.0 / (21.0 - o2);
        let co2_nm3 = plant_carbon::calcination_co2_per_t_clinker(cao_pct / 100.0, c.mgo_pct / 100.0, c.cao_nc_pct / 100.0, c.mgo_nc_pct / 100.0) * 1000.0 / 1.977;
        let b = bypass / 100.0;
        // Fuel mass per GJ (t/GJ) for the fuel's sensible heat; AF at 15 GJ/t.
        let fuel_t_per_gj = coal / c.coal_ncv + petcoke / PETCOKE_NCV + gas / GAS_NCV + af / 15.0;
        let mut hb = HeatBalance {
            formation: self.formation_gj_t(cao_pct),
            exit_gas: 0.0,
            cooler_exhaust: 0.0,
            clinker_exit: 0.0,
            shell: self.shell_gj_t(p),
            bypass: 0.0,
            other: OTHER_GJ_T + 0.15 * af + 0.12 * gas,
            sensible_in: 0.0,
        };
        let mut q = 3.2;
        for _ in 0..50 {
            let comb = q * 1000.0 * GAS_NM3_PER_MJ * lambda; // Nm³/t
            // The kiln-inlet gas: the main burner's combustion gas and the kiln's share of calcination.
            let inlet = (1.0 - split) * comb + KILN_CALCINATION_SHARE * co2_nm3;
            let bypass_gas = b * inlet * CP_GAS_NM3 * (BYPASS_GAS_C - c.ambient_c) / 1e6;
            hb.bypass = bypass_gas * (1.0 + BYPASS_DUST_SHARE);
            hb.exit_gas = (comb + co2_nm3 + 50.0 - b * inlet) * CP_GAS_NM3 * (c.exit_gas_c - c.ambient_c) / 1e6;
            let comb_air = q * GAS_NM3_PER_MJ * lambda * 0.9; // Nm³/kg of air the burners take from the cooler
            hb.cooler_exhaust = (air - comb_air).max(0.0) * 1000.0 * 1.32 * 160.0 / 1e6;
            // Less cooler air: hotter clinker out and less heat recuperated into the secondary air.
            let t_clk = 100.0 + 150.0 * (2.2 - air).max(0.0) + 600.0 * (2.0 - air).max(0.0).powi(2);
            hb.clinker_exit = 0.78 * (t_clk - 20.0) / 1000.0;
            hb.sensible_in = (c.feed_ratio * CP_FEED * (c.feed_c - c.ambient_c) + q * fuel_t_per_gj * CP_FUEL * (c.fuel_c - c.ambient_c)) / 1000.0;
            c.audit.apply(&mut hb, c.exit_gas_c - c.ambient_c, c.ambient_c);
            let next = hb.fuel();
            if (next - q).abs() < 1e-10 {
                break;
            }
            q = next;
        }
        hb
    }

    fn set(&mut self, key: &str, value: f64) -> bool {
        let Some(&(_, _, lo, hi)) = CONDITIONS.iter().find(|(k, ..)| *k == key) else { return false };
        if !(lo..=hi).contains(&value) {
            return false;
        }
        let c = &mut self.conditions;
        match key {
            "capacity_t_d" => {
                self.production_target_t_h *= value / c.capacity_t_d;
                c.capacity_t_d = value;
            }
            "feed_ratio" => c.feed_ratio = value,
            "coal_ncv" => c.coal_ncv = value,
            "exit_gas_c" => c.exit_gas_c = value,
            "feed_c" => c.feed_c = value,
            "fuel_c" => c.fuel_c = value,
            "ambient_c" => c.ambient_c = value,
            "clinker_mgo" => c.mgo_pct = value,
            "cao_nc" => c.cao_nc_pct = value,
            "mgo_nc" => c.mgo_nc_pct = value,
            "ckd_kg_t" => c.ckd_kg_t = value,
            "ckd_calcination" => c.ckd_calcination = value,
            "coal_mill_kwh_t" => c.coal_mill_kwh_t = value,
            "petcoke_mill_kwh_t" => c.petcoke_mill_kwh_t = value,
            "exit_gas_kg_kg" => c.audit.exit_gas_kg_kg = value,
            "exit_gas_cp" => c.audit.exit_gas_cp = value,
            "cooler_vent_kg_kg" => c.audit.cooler_vent_kg_kg = value,
            "cooler_vent_c" => c.audit.cooler_vent_c = value,
            "cooler_vent_cp" => c.audit.cooler_vent_cp = value,
            "clinker_exit_c" => c.audit.clinker_exit_c = value,
            "clinker_cp" => c.audit.clinker_cp = value,
            "formation_kcal_kg" => c.audit.formation_kcal_kg = value,
            "other_losses_kcal_kg" => c.audit.other_losses_kcal_kg = value,
            "other_inputs_kcal_kg" => c.audit.other_inputs_kcal_kg = value,
            "coal_gcv_kcal_kg" => c.audit.coal_gcv_kcal_kg = value,
            _ => return false,
        }
        true
    }

    fn get(&self, key: &str) -> Option<f64> {
        let c = &self.conditions;
        Some(match key {
            "capacity_t_d" => c.capacity_t_d,
            "feed_ratio" => c.feed_ratio,
            "coal_ncv" => c.coal_ncv,
            "exit_gas_c" => c.exit_gas_c,
            "feed_c" => c.feed_c,
            "fuel_c" => c.fuel_c,
            "ambient_c" => c.ambient_c,
            "clinker_mgo" => c.mgo_pct,
            "cao_nc" => c.cao_nc_pct,
            "mgo_nc" => c.mgo_nc_pct,
            "ckd_kg_t" => c.ckd_kg_t,
            "ckd_calcination" => c.ckd_calcination,
            "coal_mill_kwh_t" => c.coal_mill_kwh_t,
            "petcoke_mill_kwh_t" => c.petcoke_mill_kwh_t,
            "exit_gas_kg_kg" => c.audit.exit_gas_kg_kg,
            "exit_gas_cp" => c.audit.exit_gas_cp,
            "cooler_vent_kg_kg" => c.audit.cooler_vent_kg_kg,
            "cooler_vent_c" => c.audit.cooler_vent_c,
            "cooler_vent_cp" => c.audit.cooler_vent_cp,
            "clinker_exit_c" => c.audit.clinker_exit_c,
            "clinker_cp" => c.audit.clinker_cp,
            "formation_kcal_kg" => c.audit.formation_kcal_kg,
            "other_losses_kcal_kg" => c.audit.other_losses_kcal_kg,
            "other_inputs_kcal_kg" => c.audit.other_inputs_kcal_kg,
            "coal_gcv_kcal_kg" => c.audit.coal_gcv_kcal_kg,
            "production_target_t_h" => self.production_target_t_h,
            _ => return None,
        })
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
    fn condition_keys(&self) -> Vec<&'static str> {
        CONDITIONS.iter().map(|(k, ..)| *k).chain(["production_target_t_h"]).collect()
    }
    fn set_condition(&mut self, key: &str, value: f64, _settings: &[f64]) -> bool {
        if key == "production_target_t_h" && value >= 0.0 {
            self.production_target_t_h = value;
            return true;
        }
        self.set(key, value)
    }
    fn condition(&self, key: &str) -> Option<f64> {
        self.get(key)
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
                min: 0.6 * self.capacity_t_h(),
                max: 1.1 * self.capacity_t_h(),
                default: self.capacity_t_h(),
                source: "60-110 % of the design output (condition capacity_t_d; 600-10,000 t/d lines)",
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
        let c = &self.conditions;
        let hb = self.balance_at(&x);
        let q = hb.fuel();
        let input = hb.total();
        let fuel_gj_h = q * p;
        let ef = [fuel_co2("bituminous-coal", 94.6), fuel_co2("petcoke", 97.5), fuel_co2("municipal-waste-fossil", 91.7), fuel_co2("natural-gas", 56.1)];
        let shares = [coal, petcoke, af, gas];
        let fossil = fuel_gj_h * (shares[0] * ef[0] + shares[1] * ef[1] + shares[2] * ef[2] * (1.0 - self.af_biomass) + shares[3] * ef[3]);
        let biogenic = fuel_gj_h * shares[2] * ef[2] * self.af_biomass;
        let process = self.process_co2_per_t(cao_pct) * p;
        // Electricity.
        let lambda = 21.0 / (21.0 - o2);
        let gas_rel = q * lambda / (3.2 * 21.0 / 18.5);
        let (coal_t, petcoke_t) = (q * coal / c.coal_ncv, q * petcoke / PETCOKE_NCV); // t per t clinker
        let kwh_t = 33.5 + 14.0 * gas_rel * (1.0 + bypass / 100.0) + 6.0 * air / 2.1 + c.coal_mill_kwh_t * coal_t + c.petcoke_mill_kwh_t * petcoke_t + 2.0 * af;
        let electricity_kw = kwh_t * p;
        // Free lime.
        let need = 1.30 * (p / self.capacity_t_h()).powf(0.3) * (1.0 + 0.03 * (cao_pct - 65.2));
        let f_cao = 1.1 + 3.0 * (need - (1.0 - split) * q) / need;
        let fuel_cost_h = fuel_gj_h * (0..4).map(|k| shares[k] * self.fuel_prices[k]).sum::<f64>();
        let share = |v: f64| 100.0 * v / input.max(1e-12);
        let coal_kg_kg = if c.audit.coal_gcv_kcal_kg > 0.0 { q / GJ_T_PER_KCAL_KG / c.audit.coal_gcv_kcal_kg } else { q / c.coal_ncv };
        let mut outputs = vec![
            Output { key: "specific_heat", name: "Specific heat consumption", unit: "GJ/t", value: q, label: msg!("process-kiln-output-specific-heat") },
            Output {
                key: "specific_heat_kcal",
                name: "Specific heat consumption (kcal/kg)",
                unit: "kcal/kg",
                value: q / GJ_T_PER_KCAL_KG,
                label: msg!("process-kiln-output-specific-heat-kcal"),
            },
            // On the survey's GCV when given ([BEE-N4]), else on the coal's NCV.
            Output {
                key: "coal_per_clinker",
                name: "Specific coal consumption (all fuel heat as coal)",
                unit: "kg/kg",
                value: coal_kg_kg,
                label: msg!("process-kiln-output-coal-per-clinker"),
            },
            Output {
                key: "specific_heat_kgce",
                name: "Specific heat consumption",
                unit: "kgce/t",
                value: q * 1e3 / 29.3076,
                label: msg!("process-kiln-output-specific-heat-kgce"),
            },
            Output {
                key: "thermal_efficiency",
                name: "Thermal efficiency (heat of formation / heat input)",
                unit: "%",
                value: share(hb.formation),
                label: msg!("process-kiln-output-thermal-efficiency"),
            },
            Output { key: "electricity", name: "Kiln-line electricity", unit: "kWh/t", value: kwh_t, label: msg!("process-kiln-output-electricity") },
            Output { key: "fuel", name: "Fuel heat", unit: "GJ/h", value: fuel_gj_h, label: msg!("process-kiln-output-fuel") },
            Output { key: "coal", name: "Coal", unit: "t/h", value: coal_t * p, label: msg!("process-kiln-output-coal") },
            Output { key: "petcoke", name: "Petcoke", unit: "t/h", value: petcoke_t * p, label: msg!("process-kiln-output-petcoke") },
            Output { key: "natural_gas", name: "Natural gas", unit: "t/h", value: fuel_gj_h * gas / GAS_NCV, label: msg!("process-kiln-output-natural-gas") },
            Output { key: "combustion_co2", name: "Combustion CO2 (fossil)", unit: "t/t", value: fossil / p, label: msg!("process-kiln-output-combustion-co2") },
            Output { key: "process_co2", name: "Process CO2 (calcination)", unit: "t/t", value: process / p, label: msg!("process-kiln-output-process-co2") },
            Output { key: "biogenic_co2", name: "Biogenic CO2 (memo)", unit: "t/t", value: biogenic / p, label: msg!("process-kiln-output-biogenic-co2") },
            Output { key: "free_lime", name: "Free lime (proxy)", unit: "%", value: f_cao, label: msg!("process-kiln-output-free-lime") },
        ];
        outputs.extend(hb.outputs());
        outputs.push(Output { key: "clinker", name: "Clinker", unit: "t/h", value: p, label: msg!("process-kiln-output-clinker") });
        // The ID fan moves the kiln gas: its capacity bounds output × gas volume (8 % above the reference).
        let id_fan_load = gas_rel * p / self.capacity_t_h() * (1.0 + bypass / 100.0);
        let mut constraints = vec![
            Constraint::max("free_lime", "Free lime (under-burnt above)", "%", f_cao, 1.5, msg!("process-kiln-limit-free-lime")),
            Constraint::min("excess_o2", "Excess O2 (CO, reducing burning below)", "%", o2, 1.5, msg!("process-kiln-limit-excess-o2")),
            Constraint::max("id_fan", "ID fan capacity (gas flow relative to the design)", "", id_fan_load, 1.08, msg!("process-kiln-limit-id-fan")),
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
