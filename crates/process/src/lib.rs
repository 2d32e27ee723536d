//! Process models for what-if studies, and an optimiser that respects their limits (Bevy-free).
//!
//! Five models, each with its equations and sources in its module's documentation:
//! - [`kiln::CementKiln`]: a precalciner kiln line — heat balance per tonne of clinker, fuel mix, electricity,
//!   combustion and process CO2, a free-lime proxy;
//! - [`hvac::ChillerPlant`]: an office chiller plant — EnergyPlus Chiller:Electric:EIR curves (DOE-2
//!   centrifugal set by default), pumps and fans by affinity laws, cooling tower approach, loads from
//!   weather and internal gains;
//! - [`potline::Potline`]: a Hall-Héroult potline — bath conductivity (Hives 1996), cell voltage, current
//!   efficiency, Faraday production, DC and AC energy, anode CO2 and PFC, heat-balance limits;
//! - [`electrolyser::PemElectrolyser`]: a PEM stack — polarisation curve, Faradaic efficiency, stack and
//!   system kWh/kg, production;
//! - [`alkaline::AlkalineElectrolyser`]: an alkaline stack — Ulleberg's U–I–T relation and Faradaic
//!   efficiency, stack and system kWh/kg, production.
//!
//! Every model exposes its settings with realistic ranges ([`Setting`]), evaluates to named outputs with
//! units, an hourly energy/CO2/production account, and constraint margins ([`Evaluation`]). [`optimise`]
//! minimises energy, CO2 or cost over the settings within their bounds and constraints.

pub mod alkaline;
pub mod baseline;
pub mod electrolyser;
pub mod expected;
pub mod hvac;
pub mod kiln;
pub mod optimise;
pub mod potline;
pub mod psychro;

use plant_i18n::{Msg, msg};
use serde::Serialize;

pub use expected::{Expected, ExpectedError, Figure, for_whatif};
pub use optimise::{OptimiseOptions, Optimum, Progress, TOL, grid_search, optimise};

/// A setting of a process: what the what-if sliders move and the optimiser chooses. `key` and the English
/// `name` and `source` are stable (files, JSON); what a person reads is `label` and `source_label`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Setting {
    pub key: &'static str,
    pub name: &'static str,
    pub unit: &'static str,
    pub min: f64,
    pub max: f64,
    pub default: f64,
    /// Where the range comes from.
    pub source: &'static str,
    /// Its name in the language it is shown in (`process-<model>-setting-<key>`).
    #[serde(skip)]
    pub label: Msg,
    /// Where the range comes from, in the language it is shown in (`process-<model>-setting-<key>-source`).
    #[serde(skip)]
    pub source_label: Msg,
}

/// A computed figure. `name` is English and stable (JSON); `label` is what a person reads.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Output {
    pub key: &'static str,
    pub name: &'static str,
    pub unit: &'static str,
    pub value: f64,
    /// Its name in the language it is shown in (`process-<model>-output-<key>`).
    #[serde(skip)]
    pub label: Msg,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// value ≤ limit
    Max,
    /// value ≥ limit
    Min,
}

/// A process limit and how far the point is from it. `name` is English and stable (JSON); `label` is what
/// a person reads.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Constraint {
    pub key: &'static str,
    pub name: &'static str,
    pub unit: &'static str,
    pub value: f64,
    pub limit: f64,
    pub bound: Bound,
    /// Its name in the language it is shown in (`process-<model>-limit-<key>`).
    #[serde(skip)]
    pub label: Msg,
}

impl Constraint {
    /// value ≤ limit; `label` names it in the catalogue.
    pub fn max(key: &'static str, name: &'static str, unit: &'static str, value: f64, limit: f64, label: Msg) -> Self {
        Self { key, name, unit, value, limit, bound: Bound::Max, label }
    }

    /// value ≥ limit; `label` names it in the catalogue.
    pub fn min(key: &'static str, name: &'static str, unit: &'static str, value: f64, limit: f64, label: Msg) -> Self {
        Self { key, name, unit, value, limit, bound: Bound::Min, label }
    }

    /// Distance to the limit in the feasible direction (negative: violated).
    pub fn margin(&self) -> f64 {
        match self.bound {
            Bound::Max => self.limit - self.value,
            Bound::Min => self.value - self.limit,
        }
    }

    /// Margin relative to the limit's size, for the optimiser (scale-free).
    pub fn scaled_margin(&self) -> f64 {
        self.margin() / self.limit.abs().max(1e-9)
    }
}

/// An hour of operation at a point: energy, CO2 by scope, production, outputs and constraint margins.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    /// Electricity drawn, kW (= kWh per hour).
    pub electricity_kw: f64,
    /// Fuel heat, GJ/h.
    pub fuel_gj_h: f64,
    /// Scope 1 CO2 (combustion, fossil part), t/h.
    pub scope1_combustion_t_h: f64,
    /// Scope 1 process CO2 (calcination, anodes, PFC as CO2e), t/h.
    pub scope1_process_t_h: f64,
    /// Biogenic CO2 (memo), t/h.
    pub biogenic_t_h: f64,
    /// Scope 2 of the electricity at the context's grid factor, t/h.
    pub scope2_t_h: f64,
    /// Fuel cost (the electricity cost follows from the prices), per hour.
    pub fuel_cost_h: f64,
    /// Production per hour in `production_unit` (for services such as cooling: the load served).
    pub production_h: f64,
    pub production_unit: &'static str,
    pub outputs: Vec<Output>,
    pub constraints: Vec<Constraint>,
}

impl Evaluation {
    pub fn output(&self, key: &str) -> Option<f64> {
        self.outputs.iter().find(|o| o.key == key).map(|o| o.value)
    }

    pub fn constraint(&self, key: &str) -> Option<&Constraint> {
        self.constraints.iter().find(|c| c.key == key)
    }

    /// Every constraint holds within `tol` (relative).
    pub fn feasible(&self, tol: f64) -> bool {
        self.constraints.iter().all(|c| c.scaled_margin() >= -tol)
    }

    /// Total energy, GJ/h: fuel heat plus electricity (3.6 GJ/MWh, its calorific value).
    pub fn energy_gj_h(&self) -> f64 {
        self.fuel_gj_h + self.electricity_kw * 0.0036
    }

    pub fn co2_t_h(&self) -> f64 {
        self.scope1_combustion_t_h + self.scope1_process_t_h + self.scope2_t_h
    }

    /// Energy, CO2 (carbon price) and fuel cost per hour at `prices`.
    pub fn cost_h(&self, prices: &Prices) -> f64 {
        self.electricity_kw * prices.electricity_per_kwh + self.fuel_cost_h + self.co2_t_h() * prices.carbon_per_t
    }
}

/// Prices and the grid factor a study uses. Fuel prices are in each model's context.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Prices {
    /// Currency per kWh (default 0.65 CNY/kWh, a Chinese industrial tariff).
    pub electricity_per_kwh: f64,
    /// Currency per t CO2 (default 90 CNY/t, near the China ETS price of 2025-2026).
    pub carbon_per_t: f64,
    /// Grid factor, t CO2/MWh (default 0.5703, China's 2022 reporting factor).
    pub grid_t_per_mwh: f64,
    pub currency: &'static str,
}

impl Default for Prices {
    fn default() -> Self {
        Self { electricity_per_kwh: 0.65, carbon_per_t: 90.0, grid_t_per_mwh: 0.5703, currency: "CNY" }
    }
}

/// What to minimise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Objective {
    Energy,
    Co2,
    Cost,
}

/// What can go wrong configuring, evaluating or optimising a model; [`ProcessError::message`] words it in the
/// catalogue (assets/locales/<lang>/process.ftl), `Display` in the current language.
#[derive(Clone, Debug, PartialEq)]
pub enum ProcessError {
    UnknownObjective(String),
    /// A chiller curve file that is not TOML of the expected shape (the TOML reader's words); `line` where
    /// the parser knows it.
    CurvesSyntax {
        line: Option<usize>,
        message: String,
    },
    CurvesRange {
        cop_ref: f64,
        plr_min: f64,
    },
    CurvesNotNormalised {
        cap: f64,
        eir: f64,
        plr: f64,
    },
    /// No feasible point: `process` is the model's id (`cement-kiln`).
    Infeasible {
        process: &'static str,
    },
}

impl ProcessError {
    pub fn message(&self) -> Msg {
        match self {
            ProcessError::UnknownObjective(value) => msg!("process-error-unknown-objective", value = value),
            ProcessError::CurvesSyntax { line: Some(line), message } => msg!("process-error-curves-syntax-line", line = *line, error = message),
            ProcessError::CurvesSyntax { line: None, message } => msg!("process-error-curves-syntax", error = message),
            ProcessError::CurvesRange { cop_ref, plr_min } => msg!("process-error-curves-range", cop_ref = *cop_ref, plr_min = *plr_min),
            ProcessError::CurvesNotNormalised { cap, eir, plr } => {
                msg!("process-error-curves-not-normalised", cap = format!("{cap:.3}"), eir = format!("{eir:.3}"), plr = format!("{plr:.3}"))
            }
            // The model's name in the language current now (a model not in the registry: its id).
            ProcessError::Infeasible { process } => {
                msg!("process-error-infeasible", process = by_id(process).map_or_else(|| (*process).to_string(), |m| m.name_msg().text()))
            }
        }
    }
}

/// In the current language.
impl std::fmt::Display for ProcessError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().text())
    }
}

impl std::error::Error for ProcessError {}

impl std::str::FromStr for Objective {
    type Err = ProcessError;
    fn from_str(s: &str) -> Result<Self, ProcessError> {
        match s {
            "energy" => Ok(Objective::Energy),
            "co2" | "carbon" => Ok(Objective::Co2),
            "cost" => Ok(Objective::Cost),
            other => Err(ProcessError::UnknownObjective(other.to_string())),
        }
    }
}

/// A process model.
pub trait Process: Sync + Send {
    fn id(&self) -> &'static str;
    /// Its English name, stable (JSON, logs); what a person reads is [`Process::name_msg`].
    fn name(&self) -> &'static str;
    /// Its name in the language it is shown in (`process-<model>-name`).
    fn name_msg(&self) -> Msg;
    fn settings(&self) -> Vec<Setting>;
    /// Evaluates settings in the order of [`Process::settings`] (values outside the ranges are clamped).
    fn evaluate(&self, x: &[f64], prices: &Prices) -> Evaluation;
    /// Whether the objective is per unit of production (a kiln, a potline) or per hour (a chiller plant
    /// serving a given load).
    fn per_unit(&self) -> bool {
        true
    }

    /// Conditions the model can take from measurements (weather, load), by key; see
    /// [`Process::set_condition`].
    fn condition_keys(&self) -> Vec<&'static str> {
        Vec::new()
    }

    /// Sets a condition (e.g. the measured cooling load, the outdoor wet bulb) as measured while the
    /// process ran at `settings`; `false` if unknown.
    fn set_condition(&mut self, _key: &str, _value: f64, _settings: &[f64]) -> bool {
        false
    }

    /// The value of a condition (one of [`Process::condition_keys`]), if the model holds it as a number.
    fn condition(&self, _key: &str) -> Option<f64> {
        None
    }

    /// Configures the model from a text (e.g. `curves`: a chiller curve set in TOML); `Ok(false)` if the
    /// model has no such configuration.
    fn configure(&mut self, _key: &str, _text: &str) -> Result<bool, ProcessError> {
        Ok(false)
    }

    /// Settings the optimiser holds at the baseline unless told otherwise: decisions that are not the
    /// process engineer's to trade for energy (comfort setpoints, ventilation).
    fn default_fixed(&self) -> Vec<&'static str> {
        Vec::new()
    }

    fn defaults(&self) -> Vec<f64> {
        self.settings().iter().map(|s| s.default).collect()
    }

    /// Whether the process runs on electricity alone (a chiller plant, an electrolyser): its energy objective
    /// per hour is then a power, in kW, and it has no fuel or scope-1 account.
    fn all_electric(&self) -> bool {
        false
    }

    /// The objective's value, per unit of production or per hour, in [`Process::objective_unit`].
    fn objective(&self, e: &Evaluation, objective: Objective, prices: &Prices) -> f64 {
        let v = match objective {
            Objective::Energy => e.energy_gj_h(),
            Objective::Co2 => e.co2_t_h(),
            Objective::Cost => e.cost_h(prices),
        };
        let v = v * self.objective_scale(objective);
        if self.per_unit() { v / e.production_h.max(1e-12) } else { v }
    }

    /// From the evaluation's GJ, t CO2 and currency to the unit engineers read the objective in: kWh/kg and
    /// kg CO2/kg for a product counted in kg (hydrogen), kW for an all-electric plant per hour; 1 otherwise.
    fn objective_scale(&self, objective: Objective) -> f64 {
        match (objective, self.per_unit()) {
            (Objective::Energy, true) if self.production_unit() == "kg" => KWH_PER_GJ,
            (Objective::Co2, true) if self.production_unit() == "kg" => 1000.0,
            (Objective::Energy, false) if self.all_electric() => KWH_PER_GJ,
            _ => 1.0,
        }
    }

    /// Unit of [`Process::objective`].
    fn objective_unit(&self, objective: Objective, prices: &Prices) -> String {
        let per = if self.per_unit() { self.production_unit() } else { "h" };
        let kg = self.per_unit() && per == "kg";
        match objective {
            Objective::Energy if kg => "kWh/kg".to_string(),
            Objective::Energy if !self.per_unit() && self.all_electric() => "kW".to_string(),
            Objective::Energy => format!("GJ/{per}"),
            Objective::Co2 if kg => "kg CO2/kg".to_string(),
            Objective::Co2 => format!("t CO2/{per}"),
            Objective::Cost => format!("{}/{per}", prices.currency),
        }
    }

    fn production_unit(&self) -> &'static str;

    /// [`Process::production_unit`] as a person reads it ("kWh cooling", "kWh 冷量"); a plain unit ("t",
    /// "kg") is the same in every language.
    fn production_unit_msg(&self) -> Msg {
        msg!("process-unit", unit = self.production_unit())
    }
}

/// Clamps settings into their ranges.
pub fn clamp(settings: &[Setting], x: &[f64]) -> Vec<f64> {
    settings.iter().enumerate().map(|(i, s)| x.get(i).copied().unwrap_or(s.default).clamp(s.min, s.max)).collect()
}

/// kWh in a GJ (1 kWh = 3.6 MJ).
pub const KWH_PER_GJ: f64 = 1e3 / 3.6;

/// Faraday constant, C/mol (CODATA 2018).
pub const FARADAY: f64 = 96_485.332_12;
/// Gas constant, J/(mol·K).
pub const R_GAS: f64 = 8.314_462_618;

/// A process model with its parameters, ready to evaluate or optimise (on any thread).
pub type Model = Box<dyn Process + Send>;

/// The registry: every process model by id, with its default parameters. The one list of models — the
/// what-if panel, `plant-twin eval`/`optimise` and `[[whatif]] process` all read it.
pub const MODELS: [(&str, fn() -> Model); 5] = [
    ("cement-kiln", || Box::new(kiln::CementKiln::default())),
    ("chiller-plant", || Box::new(hvac::ChillerPlant::default())),
    ("potline", || Box::new(potline::Potline::default())),
    ("pem-electrolyser", || Box::new(electrolyser::PemElectrolyser::default())),
    ("alkaline-electrolyser", || Box::new(alkaline::AlkalineElectrolyser::default())),
];

/// The models' ids, in registry order.
pub const IDS: [&str; 5] = [MODELS[0].0, MODELS[1].0, MODELS[2].0, MODELS[3].0, MODELS[4].0];

/// Every model with its default parameters.
pub fn all() -> Vec<Model> {
    MODELS.iter().map(|(_, make)| make()).collect()
}

/// A model by id (`cement-kiln`, `chiller-plant`, `potline`, `pem-electrolyser`, `alkaline-electrolyser`).
pub fn by_id(id: &str) -> Option<Model> {
    MODELS.iter().find(|(k, _)| *k == id).map(|(_, make)| make())
}
