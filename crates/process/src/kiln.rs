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
//!   from the meal, less the gas the bypass takes at the kiln inlet. T_exit is the plant's measured
//!   temperature (a condition, 320 °C by default for five stages) at the settings it was measured at, and
//!   answers to the gas flow as a cascade of ideal mixing stages does (Kremser's form, [`tower_exit_c`]):
//!   (T_cal − T_exit)/(T_cal − T_feed) = (A^(N+1) − A)/(A^(N+1) − 1), A = meal·c_meal/(V·c_gas), c_meal 1.116
//!   kJ/(kg·K) (the raw meal's mean cp 0.206 + 101·10⁻⁶·T − 37·10⁻⁹·T² kcal/(kg·K) [cp-table], 50-800 °C),
//!   T_cal the calciner outlet (a condition, 880 °C), N the stages that reproduce the measured T_exit
//!   (≈ 2.5 for a five-stage tower) — about +3 K per % more gas (docs/research/preheater.md, *derived*);
//! - bypass: the kiln-inlet gas (the main burner's combustion gas and the 10 % of calcination left to the
//!   kiln) taken at 1,050 °C [Farag-2012-web], and the dust it carries at 0.7 × the gas's heat, so that 15 %
//!   of bypass loses 5 % of the input as [Farag-2013] reports (the gas alone at 100 % ≈ 0.65 GJ/t; [Farag-2012]:
//!   ≈ 0.77): ≈ 0.011 GJ/t per % of bypass, gross;
//! - kiln shell: a heat flow fixed by the kiln's size, 0.558 GJ/t at 600 t/d ([Engin-Ari-2005]: 15.11 % of
//!   3.69 GJ/t) falling as capacity^−0.169 to 0.375 GJ/t at 6,300 t/d ([Farag-2013]: 12 % of 1.75/0.56 GJ/t),
//!   per tonne at the design output, so per tonne it falls as the output rises;
//! - grate cooler ([`grate_cooler`]): a cross-current exchanger, the limit of Touil's series of fully mixed
//!   cross-current stages [Touil-2005]: clinker from the kiln at 1,400 °C (a condition; 1,250-1,400 °C
//!   [Holderbank-M9]) meets cold air, each increment of which leaves at T₀ + ε·(T − T₀), T the clinker's local
//!   temperature; mean specific heats from 0 °C, clinker 0.186 + 54·10⁻⁶·T and air 0.237 + 23·10⁻⁶·T
//!   kcal/(kg·K) [cp-table] (they give [BEE-N4]'s 0.193 at 128 °C and 0.244 at 290 °C). The first air, the
//!   combustion air the burners draw (secondary and tertiary air), is recuperated; the rest is vented. Losses:
//!   the vent air's heat and the clinker's heat above the ambient. ε = 0.888 (a condition) reads back
//!   [BEE-N4]'s cooler (1.741 kg/kg vent air, clinker 128 °C) at its fuel's combustion air (0.81 Nm³/kg):
//!   vent air 284 °C (BEE: 290) and 112.3 kcal/kg (BEE: 114.6). Cooling air beyond what the burners take only
//!   moves heat from the clinker to the vent air; the clinker leaving the cooler is held below a limit (a
//!   condition, 150 °C);
//! - other (preheater, calciner and cooler radiation, CO, evaporation): what closes the bundled plant at
//!   3.20 GJ/t (a calibration, [`OTHER_GJ_T`]); alternative fuel +0.15 GJ/t at 100 % (moisture), natural gas
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
pub const OTHER_GJ_T: f64 = 0.130;
/// kg of air per Nm³.
const AIR_KG_PER_NM3: f64 = 1.293;
/// Mean specific heat of the raw meal in the preheater, kJ/(kg·K) (docs/research/preheater.md, *derived*).
const CP_MEAL: f64 = 1.116;
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
    /// `clinker_in_c`: clinker from the kiln into the cooler, °C; `cooler_effectiveness`: how close each
    /// increment of cooling air comes to the clinker's temperature, 0-1; `clinker_exit_max_c`: the highest
    /// clinker temperature the plant accepts after the cooler (conveyor, silo), °C; `calciner_outlet_c`:
    /// the gas leaving the calciner into the cyclones, °C.
    pub clinker_in_c: f64,
    pub cooler_effectiveness: f64,
    pub clinker_exit_max_c: f64,
    pub calciner_outlet_c: f64,
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
            clinker_in_c: 1_400.0,
            cooler_effectiveness: 0.888,
            clinker_exit_max_c: 150.0,
            calciner_outlet_c: 880.0,
            audit: Audit { exit_gas_cp: 0.247, cooler_vent_cp: 0.247, clinker_cp: 0.193, ..Audit::default() },
        }
    }
}

/// The condition keys of [`KilnConditions`] with their units and accepted ranges.
pub const CONDITIONS: [(&str, &str, f64, f64); 29] = [
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
    ("clinker_in_c", "°C", 1_150.0, 1_500.0),
    ("cooler_effectiveness", "", 0.5, 1.0),
    ("clinker_exit_max_c", "°C", 40.0, 400.0),
    ("calciner_outlet_c", "°C", 750.0, 1_000.0),
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
    /// The preheater's effective stages and the gas flow (Nm³/kg) they were fitted at: the measured exit
    /// temperature at the settings it was measured at (see the module docs).
    tower: Tower,
}

#[derive(Clone, Debug, PartialEq)]
struct Tower {
    stages: f64,
    gas_nm3_kg: f64,
    /// The settings the exit temperature was measured at (`None`: the defaults).
    measured_at: Option<Vec<f64>>,
}

impl Default for CementKiln {
    fn default() -> Self {
        // Coal ≈ 700 CNY/t at 23.8 GJ/t; petcoke cheaper per GJ; AF near the cost of handling it.
        let mut k = Self {
            production_target_t_h: 205.0,
            fuel_prices: [29.0, 24.0, 8.0, 75.0],
            af_biomass: 0.5,
            conditions: KilnConditions::default(),
            tower: Tower { stages: 2.5, gas_nm3_kg: 0.0, measured_at: None },
        };
        k.fit_tower();
        k
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
    /// The preheater exit gas, °C, and the grate cooler at this point (its losses are `cooler_exhaust` and
    /// `clinker_exit` unless a survey measured them).
    pub exit_gas_c: f64,
    pub cooler: Cooler,
    /// The gas through the cyclones, Nm³/t clinker.
    pub tower_gas_nm3_t: f64,
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
            Output { key: "exit_gas_temp", name: "Preheater exit gas", unit: "°C", value: self.exit_gas_c, label: msg!("process-kiln-output-exit-gas-temp") },
            Output {
                key: "clinker_exit_temp",
                name: "Clinker leaving the cooler",
                unit: "°C",
                value: self.cooler.clinker_out_c,
                label: msg!("process-kiln-output-clinker-exit-temp"),
            },
            Output {
                key: "secondary_air_temp",
                name: "Secondary and tertiary air (mean)",
                unit: "°C",
                value: self.cooler.secondary_air_c,
                label: msg!("process-kiln-output-secondary-air-temp"),
            },
            Output { key: "vent_air_temp", name: "Cooler vent air", unit: "°C", value: self.cooler.vent_air_c, label: msg!("process-kiln-output-vent-air-temp") },
            Output {
                key: "cooler_recuperation",
                name: "Cooler recuperation (secondary and tertiary air / clinker heat from the kiln)",
                unit: "%",
                value: self.cooler.recuperation * 100.0,
                label: msg!("process-kiln-output-cooler-recuperation"),
            },
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

/// A grate cooler's heat balance per kg of clinker (see the module docs): temperatures, °C, heats, kJ/kg.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Cooler {
    /// Clinker leaving the cooler, and where the recuperated (combustion) air has passed.
    pub clinker_out_c: f64,
    pub clinker_split_c: f64,
    /// Heat returned to the kiln and calciner with the secondary and tertiary air, and its share of the
    /// clinker's heat from the kiln (recuperation efficiency).
    pub recuperated_kj_kg: f64,
    pub recuperation: f64,
    /// Heat lost with the vent air and with the clinker leaving, above the ambient.
    pub vent_kj_kg: f64,
    pub clinker_kj_kg: f64,
    /// Mean temperatures of the secondary and tertiary air and of the vent air.
    pub secondary_air_c: f64,
    pub vent_air_c: f64,
}

/// Clinker enthalpy from 0 °C, kJ/kg (mean cp 0.186 + 54·10⁻⁶·T kcal/(kg·K) [cp-table]).
pub fn clinker_enthalpy(t_c: f64) -> f64 {
    (0.186 + 54e-6 * t_c) * t_c * KJ_PER_KCAL
}

/// Air enthalpy from 0 °C, kJ/kg (mean cp 0.237 + 23·10⁻⁶·T kcal/(kg·K) [cp-table]).
pub fn air_enthalpy(t_c: f64) -> f64 {
    (0.237 + 23e-6 * t_c) * t_c * KJ_PER_KCAL
}

/// The air temperature, °C, of an enthalpy `h` kJ/kg from 0 °C (the root of [`air_enthalpy`]).
fn air_temperature(h: f64) -> f64 {
    let (a, b) = (23e-6 * KJ_PER_KCAL, 0.237 * KJ_PER_KCAL);
    (-b + (b * b + 4.0 * a * h.max(0.0)).sqrt()) / (2.0 * a)
}

/// The clinker's temperature, °C, after `x` kg of air per kg of clinker at `t0` °C has crossed it from
/// `t_from` °C, each increment leaving at t0 + ε·(T − t0). The balance −h_c'(T)·dT = dx·[h_a(t0 + ε(T − t0))
/// − h_a(t0)] separates: with Δ = T − t0, ε·x = F(Δ_from) − F(Δ), F(Δ) = A·ln Δ + (B/β)·ln(a + β·Δ) (a, β
/// from the air's cp, A and B from the clinker's), solved for Δ by Newton's method in ln Δ.
pub fn clinker_after_air(t_from: f64, t0: f64, x: f64, eps: f64) -> f64 {
    let d_from = t_from - t0;
    if d_from <= 0.0 || x <= 0.0 || eps <= 0.0 {
        return t_from;
    }
    let (a, beta) = (0.237 + 46e-6 * t0, 23e-6 * eps);
    let (c, d) = (0.186 + 108e-6 * t0, 108e-6);
    let (big_a, big_b) = (c / a, d - c * beta / a);
    let f = |dd: f64| big_a * dd.ln() + big_b / beta * (a + beta * dd).ln();
    let target = f(d_from) - eps * x;
    let mut dd = d_from;
    for _ in 0..60 {
        let g = f(dd) - target;
        let slope = (c + d * dd) / (a + beta * dd); // dF/d(ln Δ)
        let step = (g / slope).clamp(-5.0, 5.0);
        dd *= (-step).exp();
        if step.abs() < 1e-12 {
            break;
        }
    }
    t0 + dd
}

/// A grate cooler: clinker in at `t_in` °C, air at `t0` °C, `combustion_nm3` Nm³/kg of it drawn by the
/// burners (recuperated), `total_nm3` Nm³/kg in all, effectiveness `eps`.
pub fn grate_cooler(t_in: f64, t0: f64, combustion_nm3: f64, total_nm3: f64, eps: f64) -> Cooler {
    let recuperated_kg = combustion_nm3.clamp(0.0, total_nm3.max(0.0)) * AIR_KG_PER_NM3;
    let vent_kg = (total_nm3 * AIR_KG_PER_NM3 - recuperated_kg).max(0.0);
    let split = clinker_after_air(t_in, t0, recuperated_kg, eps);
    let out = clinker_after_air(split, t0, vent_kg, eps);
    let recuperated = clinker_enthalpy(t_in) - clinker_enthalpy(split);
    let vent = clinker_enthalpy(split) - clinker_enthalpy(out);
    let mean_air = |heat: f64, kg: f64| if kg > 0.0 { air_temperature(air_enthalpy(t0) + heat / kg) } else { t0 };
    Cooler {
        clinker_out_c: out,
        clinker_split_c: split,
        recuperated_kj_kg: recuperated,
        recuperation: recuperated / (clinker_enthalpy(t_in) - clinker_enthalpy(t0)).max(1e-9),
        vent_kj_kg: vent,
        clinker_kj_kg: clinker_enthalpy(out) - clinker_enthalpy(t0),
        secondary_air_c: mean_air(recuperated, recuperated_kg),
        vent_air_c: mean_air(vent, vent_kg),
    }
}

/// Kremser's share of the approach, (T_cal − T_exit)/(T_cal − T_feed), of `n` ideal mixing stages at
/// heat-capacity ratio `a` (meal over gas).
pub fn kremser(a: f64, n: f64) -> f64 {
    if (a - 1.0).abs() < 1e-9 {
        return n / (n + 1.0);
    }
    (a.powf(n + 1.0) - a) / (a.powf(n + 1.0) - 1.0)
}

/// The preheater exit temperature, °C, of `n` ideal stages for `gas` Nm³/kg and `meal` kg/kg, gas from
/// the calciner at `t_cal` and meal fed at `t_feed` °C.
pub fn tower_exit_c(gas: f64, meal: f64, t_cal: f64, t_feed: f64, n: f64) -> f64 {
    let a = meal * CP_MEAL / (gas.max(1e-6) * CP_GAS_NM3);
    t_cal - kremser(a, n) * (t_cal - t_feed)
}

impl CementKiln {
    /// The stages that give the measured exit temperature at the settings it was measured at (the gas flow
    /// there from a balance with that temperature held).
    fn fit_tower(&mut self) {
        let x = self.tower.measured_at.clone().unwrap_or_else(|| self.defaults());
        self.tower.gas_nm3_kg = 0.0;
        let gas = self.balance_at(&x).tower_gas_nm3_t / 1000.0;
        let c = &self.conditions;
        let at = |n: f64| tower_exit_c(gas, c.feed_ratio, c.calciner_outlet_c, c.feed_c, n);
        // T_exit falls as the stages rise: bisect within 0.2-30 (held at a bound if the measurement is
        // outside what ideal stages give; the exit temperature stays the measured one there, see `exit_at`).
        let (mut lo, mut hi) = (0.2, 30.0);
        for _ in 0..60 {
            let mid = 0.5 * (lo + hi);
            if at(mid) > c.exit_gas_c { lo = mid } else { hi = mid }
        }
        self.tower = Tower { stages: 0.5 * (lo + hi), gas_nm3_kg: gas, measured_at: self.tower.measured_at.take() };
    }

    /// The exit temperature, °C, for `gas` Nm³/kg through the tower: the measured one at the fitted gas
    /// flow, moved as the stages move it.
    fn exit_at(&self, gas: f64) -> f64 {
        let c = &self.conditions;
        if self.tower.gas_nm3_kg <= 0.0 {
            return c.exit_gas_c;
        }
        let t = |g: f64| tower_exit_c(g, c.feed_ratio, c.calciner_outlet_c, c.feed_c, self.tower.stages);
        c.exit_gas_c + t(gas) - t(self.tower.gas_nm3_kg)
    }

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
            exit_gas_c: c.exit_gas_c,
            cooler: Cooler::default(),
            tower_gas_nm3_t: 0.0,
        };
        let mut q = 3.2;
        for _ in 0..50 {
            let comb = q * 1000.0 * GAS_NM3_PER_MJ * lambda; // Nm³/t
            // The kiln-inlet gas: the main burner's combustion gas and the kiln's share of calcination.
            let inlet = (1.0 - split) * comb + KILN_CALCINATION_SHARE * co2_nm3;
            let bypass_gas = b * inlet * CP_GAS_NM3 * (BYPASS_GAS_C - c.ambient_c) / 1e6;
            hb.bypass = bypass_gas * (1.0 + BYPASS_DUST_SHARE);
            hb.tower_gas_nm3_t = comb + co2_nm3 + 50.0 - b * inlet;
            hb.exit_gas_c = self.exit_at(hb.tower_gas_nm3_t / 1000.0);
            hb.exit_gas = hb.tower_gas_nm3_t * CP_GAS_NM3 * (hb.exit_gas_c - c.ambient_c) / 1e6;
            let comb_air = q * GAS_NM3_PER_MJ * lambda * 0.9; // Nm³/kg of air the burners take from the cooler
            hb.cooler = grate_cooler(c.clinker_in_c, c.ambient_c, comb_air, air, c.cooler_effectiveness);
            hb.cooler_exhaust = hb.cooler.vent_kj_kg / 1000.0;
            hb.clinker_exit = hb.cooler.clinker_kj_kg / 1000.0;
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
            "clinker_in_c" => c.clinker_in_c = value,
            "cooler_effectiveness" => c.cooler_effectiveness = value,
            "clinker_exit_max_c" => c.clinker_exit_max_c = value,
            "calciner_outlet_c" => c.calciner_outlet_c = value,
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
            "clinker_in_c" => c.clinker_in_c,
            "cooler_effectiveness" => c.cooler_effectiveness,
            "clinker_exit_max_c" => c.clinker_exit_max_c,
            "calciner_outlet_c" => c.calciner_outlet_c,
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
    fn set_condition(&mut self, key: &str, value: f64, settings: &[f64]) -> bool {
        if key == "production_target_t_h" && value >= 0.0 {
            self.production_target_t_h = value;
            return true;
        }
        if !self.set(key, value) {
            return false;
        }
        // The exit temperature was measured at these settings (the baseline's, when it gives them).
        if key == "exit_gas_c" && settings.len() == self.settings().len() {
            self.tower.measured_at = Some(clamp(&self.settings(), settings));
        }
        self.fit_tower();
        true
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
        let cooler = hb.cooler;
        outputs.push(Output { key: "clinker", name: "Clinker", unit: "t/h", value: p, label: msg!("process-kiln-output-clinker") });
        // The ID fan moves the kiln gas: its capacity bounds output × gas volume (8 % above the reference).
        let id_fan_load = gas_rel * p / self.capacity_t_h() * (1.0 + bypass / 100.0);
        let mut constraints = vec![
            Constraint::max("free_lime", "Free lime (under-burnt above)", "%", f_cao, 1.5, msg!("process-kiln-limit-free-lime")),
            Constraint::min("excess_o2", "Excess O2 (CO, reducing burning below)", "%", o2, 1.5, msg!("process-kiln-limit-excess-o2")),
            Constraint::max("id_fan", "ID fan capacity (gas flow relative to the design)", "", id_fan_load, 1.08, msg!("process-kiln-limit-id-fan")),
            Constraint::max(
                "clinker_exit",
                "Clinker leaving the cooler (conveyor, silo)",
                "°C",
                cooler.clinker_out_c,
                c.clinker_exit_max_c,
                msg!("process-kiln-limit-clinker-exit"),
            ),
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
