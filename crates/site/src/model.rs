//! The site package as parsed from `site.toml` (format: docs/site-format.md).

use std::path::PathBuf;

use serde::Deserialize;
use toml::Spanned;

use plant_units::Value;

use crate::{Place, Quantity};

/// What `site.toml` says, with the spans of the fields that refer to other things, so that a bad
/// reference can be reported at its line.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSite {
    pub site: Spanned<SiteHeader>,
    #[serde(default)]
    pub data: Vec<Spanned<DataFile>>,
    #[serde(default)]
    pub equipment: Vec<Spanned<RawEquipment>>,
    #[serde(default)]
    pub meter: Vec<Spanned<RawMeter>>,
    #[serde(default)]
    pub node: Vec<Spanned<RawNode>>,
    #[serde(default)]
    pub flow: Vec<Spanned<RawFlow>>,
    #[serde(default)]
    pub accounting: Option<Spanned<RawAccounting>>,
    #[serde(default)]
    pub product: Vec<Spanned<RawProduct>>,
    #[serde(default)]
    pub whatif: Vec<Spanned<RawWhatIf>>,
    #[serde(default)]
    pub co2_target: Vec<Spanned<RawCo2Target>>,
    pub historian: Option<Spanned<RawHistorian>>,
}

/// `[historian]`: the recorded data in a database with the Prometheus query API (docs/historian.md).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawHistorian {
    pub url: Spanned<String>,
    pub selector: Option<Spanned<String>>,
    pub from: Option<Spanned<String>>,
    pub to: Option<Spanned<String>>,
    pub chunk: Option<Spanned<String>>,
    pub timeout: Option<Spanned<String>>,
    #[serde(default)]
    pub paged: bool,
    pub block: Option<Spanned<String>>,
    pub cache_mb: Option<Spanned<i64>>,
    pub auth_header: Option<String>,
    pub auth_env: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCo2Target {
    pub year: Spanned<i64>,
    pub t_co2: Spanned<f64>,
    pub source: Option<String>,
    pub source_zh: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawWhatIf {
    pub process: String,
    pub equipment: Vec<String>,
    #[serde(default)]
    pub baseline: std::collections::BTreeMap<String, RawBaseline>,
    #[serde(default)]
    pub conditions: std::collections::BTreeMap<String, RawBaseline>,
    pub curves: Option<String>,
    #[serde(default)]
    pub checks: Vec<Spanned<RawCheck>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCheck {
    pub meter: String,
    pub output: String,
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum RawBaseline {
    Number(f64),
    Meter(String),
    Share { share: Vec<String> },
}

/// Where a what-if setting's baseline comes from in the recorded data.
#[derive(Clone, Debug, PartialEq)]
pub enum BaselineSource {
    /// A fixed value (e.g. the number of cells of a potline).
    Value(f64),
    /// A meter's mean over the baseline window, in the setting's unit.
    Meter(String),
    /// The first meter's share of the sum of all: `a / (a + b + …)` (e.g. the calciner's share of fuel).
    Share(Vec<String>),
}

/// A what-if study bound to equipment: selecting any of it offers the process model, its baseline taken
/// from the recorded meters.
#[derive(Clone, Debug, PartialEq)]
pub struct WhatIf {
    /// Process model id (`cement-kiln`, `chiller-plant`, `potline`, `pem-electrolyser`, `alkaline-electrolyser`).
    pub process: String,
    pub equipment: Vec<String>,
    /// Setting key → source; settings not listed start at the model's default.
    pub baseline: Vec<(String, BaselineSource)>,
    /// Model condition (weather, load) → source, read like the baseline.
    pub conditions: Vec<(String, BaselineSource)>,
    /// A chiller curve set for the chiller plant (TOML), relative to the package.
    pub curves: Option<PathBuf>,
    /// Measured meters to hold against the model's outputs at the measured settings (anomalies of the kind
    /// "model deviation", docs/anomalies.md).
    pub checks: Vec<ModelCheck>,
    pub at: Place,
}

/// A meter (or a sum of meters) the model of a `[[whatif]]` unit predicts: `output` is the model's figure
/// (`fuel`, `electricity`, `co2` or an output key, as `plant-twin eval PROCESS` lists them).
#[derive(Clone, Debug, PartialEq)]
pub struct ModelCheck {
    /// As written: `kiln-1.coal + calciner-1.coal`.
    pub meter: String,
    /// Coefficient × meter id.
    pub terms: Vec<(f64, String)>,
    pub output: String,
    pub at: Place,
}

#[derive(Debug, Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub struct SiteHeader {
    pub name: String,
    /// The site's name in Simplified Chinese.
    pub name_zh: Option<String>,
    /// What the site is: `cement-plant`, `office-building`, `aluminium-smelter`, or another word.
    pub kind: String,
    /// IANA time zone used to show times and to read naive local timestamps, e.g. `Asia/Shanghai`.
    pub time_zone: Spanned<String>,
    /// The 3D model, relative to the package folder.
    #[serde(default = "default_model")]
    pub model: String,
    #[serde(default)]
    pub description: String,
    /// The model's up axis: `y` (glTF's, the default) or `z` (as many CAD and BIM tools export).
    pub up_axis: Option<Spanned<String>>,
    /// Metres per model unit: 0.001 for a model in millimetres (default 1).
    pub scale: Option<Spanned<f64>>,
}

fn default_model() -> String {
    "model.glb".to_string()
}

/// How timestamps in a data file are written.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TimestampFormat {
    /// Detected from the first value: RFC 3339 / ISO 8601 with offset, naive ISO (site-local),
    /// or `dd/mm/yyyy` / `dd.mm.yyyy` (day-first).
    #[default]
    Auto,
    /// ISO 8601 with `Z` or an offset, e.g. `2026-11-01T08:00:00+08:00`.
    Iso8601,
    /// ISO 8601 date and time without offset, read in the site's time zone.
    NaiveLocal,
    /// `dd/mm/yyyy HH:MM[:SS]` (also `-` or `.` between the date parts), site-local.
    DayFirst,
    /// `mm/dd/yyyy HH:MM[:SS]`, site-local.
    MonthFirst,
    /// Unix time in seconds.
    UnixSeconds,
    /// Unix time in milliseconds.
    UnixMillis,
}

/// One recorded data file: a timestamp column and one column per meter.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataFile {
    /// Path relative to the package folder; `.csv` or `.parquet`.
    pub path: String,
    #[serde(default = "default_ts_col")]
    pub timestamp_column: String,
    #[serde(default)]
    pub timestamp_format: TimestampFormat,
    /// CSV field separator (default `,`).
    #[serde(default)]
    pub separator: Option<char>,
}

fn default_ts_col() -> String {
    "timestamp".to_string()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawEquipment {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub name: String,
    /// The name in Simplified Chinese, shown when the viewer is in Chinese (docs/site-format.md, "Names").
    pub name_zh: Option<String>,
    /// glTF node name (or a path of node names, `Line 1/Kiln/Shell`); defaults to the id. A node can also
    /// bind itself via `extras.equipment`.
    pub node: Option<String>,
    /// glTF mesh name: the node holding that mesh (CAD exports often name only meshes).
    pub mesh: Option<String>,
    /// Area or system the equipment belongs to, for the tree (e.g. "Raw meal preparation").
    #[serde(default)]
    pub area: String,
    pub area_zh: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawMeter {
    pub id: String,
    pub quantity: Quantity,
    pub unit: Spanned<String>,
    pub equipment: Spanned<String>,
    /// Column in the data files; defaults to the id.
    pub column: Option<String>,
    #[serde(default)]
    pub name: String,
    pub name_zh: Option<String>,
}

/// What a non-equipment node of the flow graph is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NodeKind {
    /// Where energy or material enters the site: the grid, a fuel, purchased heat, raw materials.
    Source,
    /// What the site makes: clinker, cement, cooled floor area…
    Product,
    /// Heat lost, exhaust, shell losses.
    Loss,
    /// The remainder a main meter sees and no sub-meter accounts for.
    Unmetered,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawNode {
    pub id: String,
    pub name: String,
    pub name_zh: Option<String>,
    pub kind: NodeKind,
    pub factor: Option<String>,
    pub carrier: Option<String>,
    pub ncv: Option<Spanned<String>>,
    pub biomass_share: Option<Spanned<f64>>,
    pub market_factor: Option<String>,
    pub green_share: Option<Spanned<f64>>,
    pub factor_meter: Option<Spanned<String>>,
}

/// A node of the flow graph that is not equipment.
#[derive(Clone, Debug, PartialEq)]
pub struct FlowNode {
    pub id: String,
    pub name: String,
    pub name_zh: Option<String>,
    pub kind: NodeKind,
    /// For sources: the emission factor (fuel id, or grid/heat factor id) in the site's factor sets.
    pub factor: Option<String>,
    /// For sources: what enters the site here (`electricity`, `coal`, `heat`…). Flows of the same carrier
    /// anywhere on the site are converted and accounted with this source's data.
    pub carrier: Option<String>,
    /// For fuel sources: net calorific value (energy per mass) overriding the factor set's default.
    pub ncv: Option<Value>,
    /// For fuel sources: biomass share of the CO2 (0-1), overriding the fuel's default; reported as memo.
    pub biomass_share: Option<f64>,
    /// For grid electricity: the factor for market-based scope 2 (residual mix).
    pub market_factor: Option<String>,
    /// For grid electricity: share of purchases covered by contracted non-fossil power (0-1).
    pub green_share: f64,
    /// For grid electricity: a meter giving the factor over time (quantity `emission_factor`); the annual
    /// `factor` is used where it has no data.
    pub factor_meter: Option<String>,
    /// Where the node is defined in site.toml, for messages about it.
    pub at: Place,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFlow {
    pub from: String,
    pub to: String,
    pub carrier: String,
    pub meter: Option<Spanned<String>>,
    /// A linear combination of meters, e.g. `"substation-1.incomer-power - raw-mill-1.power - 1.0 * kiln-1.drive-power"`.
    pub value: Option<Spanned<String>>,
    /// A quantity per unit of the metered value, e.g. `"1.75 GJ/t"` × clinker t/h = heat of formation.
    pub times: Option<Spanned<String>>,
    pub node: Option<String>,
}

/// `[accounting]`: which factor sets and GWP values the site's carbon accounting uses.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawAccounting {
    pub factor_sets: Option<Vec<String>>,
    pub gwp: Option<String>,
    pub tolerance: Option<f64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCalcination {
    pub cao: f64,
    pub mgo: f64,
    #[serde(default)]
    pub cao_non_carbonate: f64,
    #[serde(default)]
    pub mgo_non_carbonate: f64,
    pub at: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawProduct {
    pub id: String,
    pub name: String,
    pub name_zh: Option<String>,
    pub meter: Option<Spanned<String>>,
    pub value: Option<Spanned<String>>,
    pub amount: Option<Spanned<String>>,
    pub kpis: Option<Vec<Spanned<String>>>,
    pub calcination: Option<Spanned<RawCalcination>>,
    pub anode: Option<Spanned<Anode>>,
    pub pfc: Option<Spanned<Pfc>>,
    pub unit: Option<Spanned<String>>,
}

/// Process CO2 of prebaked anodes (China guideline / US 40 CFR 98.63 form):
/// E = P × NC × (1 − S − Ash) × 44.009/12.011, per tonne of product (aluminium).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Anode {
    /// Net anode consumption, t C per t of product (China default 0.42).
    pub net_consumption: f64,
    /// Sulphur and ash mass fractions of the anode (China defaults 0.02 and 0.004).
    #[serde(default)]
    pub sulphur: f64,
    #[serde(default)]
    pub ash: f64,
    /// The equipment where the CO2 is released (the potline).
    pub at: String,
}

/// PFC of anode effects, reported as CO2e with the site's GWP set. Either the Tier 2 slope method
/// (E_CF4 = slope × AE-minutes per cell-day × P; E_C2F6 = ratio × E_CF4, 40 CFR 98.63) or fixed emission
/// rates per tonne (China defaults without AE data: 0.034 kg CF4 and 0.0034 kg C2F6 per t Al).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Pfc {
    /// kg CF4 per t of product per AE-minute per cell-day.
    pub slope_cf4: Option<f64>,
    /// Anode-effect minutes per cell-day.
    pub ae_minutes: Option<f64>,
    /// C2F6/CF4 mass ratio.
    pub c2f6_ratio: Option<f64>,
    /// kg CF4 per t of product (without AE data).
    pub cf4_per_t: Option<f64>,
    /// kg C2F6 per t of product (without AE data).
    pub c2f6_per_t: Option<f64>,
    pub at: String,
}

impl Pfc {
    /// (kg CF4, kg C2F6) per tonne of product.
    pub fn per_t(&self) -> (f64, f64) {
        match (self.slope_cf4, self.ae_minutes) {
            (Some(s), Some(m)) => {
                let cf4 = s * m;
                (cf4, cf4 * self.c2f6_ratio.unwrap_or(0.0))
            }
            _ => (self.cf4_per_t.unwrap_or(0.0), self.c2f6_per_t.unwrap_or(0.0)),
        }
    }
}

/// The accounting settings of a site (defaults when `[accounting]` is absent).
#[derive(Clone, Debug, PartialEq)]
pub struct AccountingSettings {
    /// Factor-set ids (bundled under assets/factors) or paths relative to the package.
    pub factor_sets: Vec<String>,
    /// GWP set for non-CO2 gases (`SAR`, `AR4`, `AR5`).
    pub gwp: String,
    /// Relative tolerance of the balance check per node.
    pub tolerance: f64,
    pub at: Place,
}

impl Default for AccountingSettings {
    fn default() -> Self {
        Self { factor_sets: vec!["ipcc-2006-fuels".into(), "china-2022".into()], gwp: "AR5".into(), tolerance: 0.02, at: Place::Whole }
    }
}

/// How much of a product a window holds.
#[derive(Clone, Debug, PartialEq)]
pub enum ProductAmount {
    /// Σ coefficient × meter of a rate (t/h…), integrated over the window.
    Meters(Vec<(f64, String)>),
    /// A fixed amount, e.g. the floor area of a building in m².
    Fixed(Value),
}

/// A key figure per unit of product.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kpi {
    /// Heat from burnt fuels and bought heat: GJ/t and kgce/t.
    Fuel,
    /// Bought electricity: kWh/t (kWh/m², kWh/kg…).
    Electricity,
    /// All energy, electricity at its calorific equivalent: kgce/t.
    Energy,
    /// Scope 1 + scope 2 (location-based) CO2: t/t.
    Co2,
    /// Process CO2 of this product (calcination, anodes, PFC as CO2e): t/t.
    ProcessCo2,
}

impl Kpi {
    pub const ALL: [Kpi; 5] = [Kpi::Fuel, Kpi::Electricity, Kpi::Energy, Kpi::Co2, Kpi::ProcessCo2];

    pub fn key(self) -> &'static str {
        match self {
            Kpi::Fuel => "fuel",
            Kpi::Electricity => "electricity",
            Kpi::Energy => "energy",
            Kpi::Co2 => "co2",
            Kpi::ProcessCo2 => "process-co2",
        }
    }
}

/// Process CO2 of calcination from the product's CaO and MgO (mass fractions 0-1).
#[derive(Clone, Debug, PartialEq)]
pub struct Calcination {
    pub cao: f64,
    pub mgo: f64,
    pub cao_non_carbonate: f64,
    pub mgo_non_carbonate: f64,
    /// The equipment where the CO2 is released (the kiln).
    pub at: String,
}

/// What the site makes, for key figures per unit of product.
#[derive(Clone, Debug, PartialEq)]
pub struct Product {
    pub id: String,
    pub name: String,
    pub name_zh: Option<String>,
    pub amount: ProductAmount,
    pub kpis: Vec<Kpi>,
    pub calcination: Option<Calcination>,
    pub anode: Option<Anode>,
    pub pfc: Option<Pfc>,
    /// The unit key figures are per (`t`, `kg`, `m²`…); default: t for masses, m² for areas.
    pub unit: Option<String>,
    pub at: Place,
}

/// How a flow's value is obtained.
#[derive(Clone, Debug, PartialEq)]
pub enum FlowValue {
    /// Not measured (drawn with no width until the accounting computes it).
    None,
    /// What enters the `from` node and leaves it by no other flow (energy, after conversion): losses,
    /// "unmetered = main − Σ sub-meters". Computed by the accounting.
    Remainder,
    /// Σ coefficient × meter: one meter is `[(1.0, id)]`; "main − Σ subs" has negative coefficients.
    Meters(Vec<(f64, String)>),
}

/// An energy or material flow between two nodes (equipment or [`FlowNode`]s).
#[derive(Clone, Debug, PartialEq)]
pub struct FlowEdge {
    pub from: String,
    pub to: String,
    /// Carrier: electricity, coal, raw-meal, clinker, hot-gas, …
    pub carrier: String,
    pub value: FlowValue,
    /// Multiplies the metered value by a quantity per unit (e.g. 1.75 GJ/t of clinker).
    pub times: Option<Value>,
    /// glTF node of the pipe, duct, conveyor or cable that carries it, for animation in 3D.
    pub node: Option<String>,
}

impl FlowEdge {
    /// The single meter measuring this flow, if it is measured by exactly one.
    pub fn meter(&self) -> Option<&str> {
        match &self.value {
            FlowValue::Meters(terms) if terms.len() == 1 && terms[0].0 == 1.0 => Some(&terms[0].1),
            _ => None,
        }
    }
}

/// Parses `a - b + 2.5 * c` into coefficients and meter ids. Meter ids may contain `-`, so terms are
/// separated by ` + ` / ` - ` with spaces around the operator.
pub fn parse_linear(text: &str) -> Result<Vec<(f64, String)>, plant_i18n::Msg> {
    let mut terms = Vec::new();
    let mut sign = 1.0;
    let mut rest = format!(" {} ", text.trim());
    if rest.trim().is_empty() {
        return Err(plant_i18n::msg!("site-formula-empty"));
    }
    loop {
        let plus = rest[1..].find(" + ").map(|i| (i + 1, 1.0));
        let minus = rest[1..].find(" - ").map(|i| (i + 1, -1.0));
        let next = match (plus, minus) {
            (Some(a), Some(b)) => Some(if a.0 < b.0 { a } else { b }),
            (a, b) => a.or(b),
        };
        let (term, tail) = match next {
            Some((i, s)) => (rest[..i].to_string(), Some((rest[i + 3..].to_string(), s))),
            None => (rest.clone(), None),
        };
        let term = term.trim();
        let (coef, id) = match term.split_once('*') {
            Some((k, id)) => (k.trim().parse::<f64>().map_err(|_| plant_i18n::msg!("site-not-a-number", text = k.trim()))?, id.trim()),
            None => (1.0, term),
        };
        if id.is_empty() || id.contains(char::is_whitespace) {
            return Err(plant_i18n::msg!("site-formula-not-a-meter-id", term = term));
        }
        terms.push((sign * coef, id.to_string()));
        match tail {
            Some((t, s)) => {
                rest = format!(" {t}");
                sign = s;
            }
            None => break,
        }
    }
    Ok(terms)
}

#[derive(Clone, Debug, PartialEq)]
pub struct Equipment {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub name_zh: Option<String>,
    /// The glTF node name that represents it (its id unless `node` is given), or a path of node names
    /// (`Line 1/Kiln/Shell`: that node, below those).
    pub node: String,
    /// The glTF mesh name whose node represents it.
    pub mesh: Option<String>,
    pub area: String,
    pub area_zh: Option<String>,
    /// Where its `[[equipment]]` table is in site.toml (line and column), for diagnostics that concern it.
    pub place: Option<crate::Place>,
}

/// A name in the language the user reads ([`plant_i18n::localised`]).
fn localised<'a>(name: &'a str, name_zh: Option<&'a str>, id: &'a str) -> &'a str {
    plant_i18n::localised(name, name_zh, id)
}

impl Equipment {
    /// Its name in the current language (docs/site-format.md, "Names").
    pub fn display_name(&self) -> &str {
        localised(&self.name, self.name_zh.as_deref(), &self.id)
    }

    /// Its area in the current language.
    pub fn display_area(&self) -> &str {
        localised(&self.area, self.area_zh.as_deref(), "")
    }
}

impl FlowNode {
    pub fn display_name(&self) -> &str {
        localised(&self.name, self.name_zh.as_deref(), &self.id)
    }
}

impl Product {
    pub fn display_name(&self) -> &str {
        localised(&self.name, self.name_zh.as_deref(), &self.id)
    }
}

impl SiteHeader {
    pub fn display_name(&self) -> &str {
        localised(&self.name, self.name_zh.as_deref(), &self.kind)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Meter {
    pub id: String,
    pub quantity: Quantity,
    pub unit: String,
    pub equipment: String,
    pub column: String,
    pub name: String,
    pub name_zh: Option<String>,
    /// Factor and offset to the quantity's display unit (kW, t/h, °C…).
    pub to_display: (f64, f64),
}

impl Meter {
    /// Its name in the current language; its id when it has no name.
    pub fn display_name(&self) -> &str {
        localised(&self.name, self.name_zh.as_deref(), &self.id)
    }

    /// Converts a raw reading to the quantity's display unit.
    pub fn display_value(&self, raw: f64) -> f64 {
        raw * self.to_display.0 + self.to_display.1
    }
}

/// A glTF node as binding sees it: the names of its ancestors and itself (root first; an unnamed node as Bevy
/// names it, `GltfNode<index>`), the name of its mesh, its extras.
#[derive(Clone, Copy, Debug, Default)]
pub struct NodeRef<'a> {
    pub path: &'a [&'a str],
    pub mesh: Option<&'a str>,
    pub extras: Option<&'a str>,
}

/// A validated site package.
#[derive(Clone, Debug)]
pub struct Site {
    /// The package folder.
    pub root: PathBuf,
    pub header: SiteHeader,
    pub time_zone: chrono_tz::Tz,
    /// The transform from the model's coordinates to the viewer's (metres, Y up), column-major: `scale` and a
    /// Z-up model turned Y-up.
    pub model_matrix: [f32; 16],
    pub data: Vec<DataFile>,
    pub equipment: Vec<Equipment>,
    pub meters: Vec<Meter>,
    pub nodes: Vec<FlowNode>,
    pub flows: Vec<FlowEdge>,
    pub accounting: AccountingSettings,
    pub products: Vec<Product>,
    pub whatifs: Vec<WhatIf>,
    /// Yearly CO2 targets (`[[co2_target]]`), one per year, in the order of the file.
    pub co2_targets: Vec<Co2Target>,
    /// The database the recorded data is in (`[historian]`), read only when the user agrees to connect.
    pub historian: Option<Historian>,
}

/// A database with the Prometheus query API (VictoriaMetrics, Prometheus, Grafana Mimir, Thanos) holding the
/// site's recorded data, one series per meter (docs/historian.md). Checked when `site.toml` is read; nothing
/// connects until the user agrees (SECURITY.md).
#[derive(Clone, Debug, PartialEq)]
pub struct Historian {
    /// `http://` or `https://` base URL of the query API (without `/api/v1`).
    pub url: String,
    /// A PromQL series selector with `{meter}` (the meter's id) or `{column}` (its column) in it.
    pub selector: String,
    /// The window to read, ms UTC; `None`: from the database's first sample / up to its last.
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
    /// The span of one request (ms): samples are read a chunk at a time.
    pub chunk_ms: i64,
    /// Per request, ms.
    pub timeout_ms: i64,
    /// The viewer holds only the blocks around the cursor (`paged = true`) instead of the whole window.
    pub paged: bool,
    /// A paged block's span, ms (default 1 h).
    pub block_ms: i64,
    /// The most the paged blocks may take, in MB (default 512).
    pub cache_mb: usize,
    /// A header sent with every request, its value read from an environment variable (PLANT_TWIN_*).
    pub auth_header: Option<String>,
    pub auth_env: Option<String>,
    pub at: Place,
}

/// The selector `plant-twin import` writes under: the metric, and the labels `site` and `meter`.
pub const HISTORIAN_METRIC: &str = "plant_twin_meter";

/// A calendar year's CO2 target of the whole site, in t CO2: scope 1 and location-based scope 2, the
/// report's `scopes.total_location_t` (docs/site-format.md, docs/forecasts.md "CO2 trajectory").
#[derive(Clone, Debug, PartialEq)]
pub struct Co2Target {
    /// The calendar year in the site's time zone.
    pub year: i32,
    pub t_co2: f64,
    /// Where the figure comes from (an allocation, a group plan…), as the file says.
    pub source: Option<String>,
    pub source_zh: Option<String>,
    pub at: Place,
}

impl Co2Target {
    /// Where the target comes from, in the current language; `None` when the file does not say.
    pub fn display_source(&self) -> Option<&str> {
        source_in(self.source.as_deref(), self.source_zh.as_deref())
    }
}

/// A text given in English and maybe Chinese (`source`, `source_zh`), in the current language.
pub fn source_in<'a>(en: Option<&'a str>, zh: Option<&'a str>) -> Option<&'a str> {
    let shown = localised(en.unwrap_or(""), zh, "");
    (!shown.is_empty()).then_some(shown)
}

impl Site {
    /// The CO2 target of a calendar year, if `site.toml` sets one.
    pub fn co2_target(&self, year: i32) -> Option<&Co2Target> {
        self.co2_targets.iter().find(|t| t.year == year)
    }

    /// The site's name in the current language.
    pub fn name(&self) -> &str {
        self.header.display_name()
    }

    /// The 3D model's file, inside the package; `None` when the package names none, or one outside
    /// itself (refused when `site.toml` was read).
    pub fn model_path(&self) -> Option<PathBuf> {
        if self.header.model.trim().is_empty() {
            return None;
        }
        self.resolve(&self.header.model).ok()
    }

    /// A path the package names, resolved inside the package folder (see [`crate::resolve_in_package`]).
    pub fn resolve(&self, name: &str) -> Result<PathBuf, crate::PackagePathError> {
        crate::resolve_in_package(&self.root, name)
    }

    pub fn site_toml_path(&self) -> PathBuf {
        self.root.join(crate::SITE_FILE)
    }

    pub fn equipment(&self, id: &str) -> Option<&Equipment> {
        self.equipment.iter().find(|e| e.id == id)
    }

    pub fn node(&self, id: &str) -> Option<&FlowNode> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The name of an equipment item or flow node.
    pub fn node_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.equipment(id).map(|e| e.name.as_str()).or_else(|| self.node(id).map(|n| n.name.as_str())).unwrap_or(id)
    }

    /// The what-if study an equipment item belongs to.
    pub fn whatif_for(&self, equipment: &str) -> Option<&WhatIf> {
        self.whatifs.iter().find(|w| w.equipment.iter().any(|e| e == equipment))
    }

    /// The source node through which a carrier enters the site.
    pub fn source_of(&self, carrier: &str) -> Option<&FlowNode> {
        self.nodes.iter().find(|n| n.kind == NodeKind::Source && n.carrier.as_deref() == Some(carrier))
    }

    /// The meter a text names: its id, or the first meter of a sum of meters (`kiln-1.coal + calciner-1.coal`,
    /// a model check's measured side).
    pub fn meter_in(&self, text: &str) -> Option<&Meter> {
        self.meter(text).or_else(|| text.split(|c: char| c.is_whitespace() || c == '*').find_map(|w| self.meter(w)))
    }

    pub fn meter(&self, id: &str) -> Option<&Meter> {
        self.meters.iter().find(|m| m.id == id)
    }

    /// Meters bound to an equipment item, in file order.
    pub fn meters_of<'a>(&'a self, equipment_id: &'a str) -> impl Iterator<Item = &'a Meter> + 'a {
        self.meters.iter().filter(move |m| m.equipment == equipment_id)
    }

    /// Quantities measured anywhere on the site, in a stable order.
    pub fn quantities(&self) -> Vec<Quantity> {
        let mut q: Vec<Quantity> = self.meters.iter().map(|m| m.quantity).collect();
        q.sort();
        q.dedup();
        q
    }

    /// The equipment a glTF node stands for: its `extras.equipment` if that names known equipment, else
    /// the equipment whose node name it carries.
    pub fn equipment_for_node(&self, node_name: Option<&str>, extras_json: Option<&str>) -> Option<&Equipment> {
        let path: Vec<&str> = node_name.into_iter().collect();
        self.equipment_for(&NodeRef { path: &path, mesh: None, extras: extras_json })
    }

    /// The equipment a glTF node stands for, by whichever the model has: `extras.equipment`, then the node's
    /// name, then a path of node names ending at it (`Line 1/Kiln`), then the name of its mesh.
    pub fn equipment_for(&self, node: &NodeRef<'_>) -> Option<&Equipment> {
        if let Some(id) = node.extras.and_then(crate::binding::equipment_from_extras)
            && let Some(e) = self.equipment(&id)
        {
            return Some(e);
        }
        if let Some(name) = node.path.last()
            && let Some(e) = self.equipment.iter().find(|e| !e.node.contains('/') && e.node == *name)
        {
            return Some(e);
        }
        let by_path = self.equipment.iter().find(|e| {
            e.node.contains('/') && {
                let want: Vec<&str> = e.node.split('/').map(str::trim).filter(|s| !s.is_empty()).collect();
                !want.is_empty() && node.path.len() >= want.len() && node.path[node.path.len() - want.len()..] == want[..]
            }
        });
        by_path.or_else(|| node.mesh.and_then(|m| self.equipment.iter().find(|e| e.mesh.as_deref() == Some(m))))
    }
}
