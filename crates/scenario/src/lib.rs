//! Designers' what-if scenarios (docs/scenarios.md): a named set of measures — a what-if unit's settings, a
//! share of a fuel replaced, a green-power share, another grid factor — each with its capital cost, lifetime
//! and yearly O&M, applied to the site's own accounting over a window of its record.
//!
//! - [`parse`] / [`load`] / [`list_for_site`]: `scenarios/*.toml` in a package (version 1); an error names the
//!   file, line and column. [`edit`] writes them (a new file, a measure added, a new name) keeping the
//!   comments and layout of the rest.
//! - [`evaluate`]: the baseline and the scenario as two accounting reports of the same window (energy, CO2 by
//!   scope, key figures per product, every node and flow) and their cost; each measure's increment over the
//!   measures before it, annualised, with payback, NPV and abatement cost ([`economics`]); the marginal
//!   abatement cost curve.
//! - [`compare`]: baseline against a scenario, or scenario A against B, figure by figure.
//! - [`render`] and [`xlsx`]: the same figures as JSON, CSV (with a UTF-8 BOM), Markdown and an Excel
//!   workbook with the curve as a native chart.

pub mod compare;
pub mod economics;
pub mod edit;
pub mod eval;
pub mod render;
pub mod xlsx;

use std::path::{Path, PathBuf};

use plant_i18n::msg;
use plant_site::{Diagnostic, Place, Site, Text, TextProblems, line_col, parse_when};
use serde::{Deserialize, Serialize};

pub use compare::{Comparison, FlowDiff, ProcessDiff, Row, compare};
pub use eval::{Evaluated, MaccBar, MeasureResult, Outcome, evaluate};

/// The folder of a package that holds its scenarios.
pub const SCENARIO_DIR: &str = "scenarios";
/// The version of the scenario file this build reads and writes.
pub const VERSION: u32 = 1;
/// At most this much of a scenario file is read.
const MAX_FILE_BYTES: u64 = 4 << 20;

/// What a measure changes.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Action {
    /// A what-if unit (`[[whatif]]` of the site, by index) at other settings; settings not named stay at the
    /// baseline measured over the window.
    Process { whatif: usize, unit: String, settings: Vec<(String, f64)> },
    /// A share of a fuel carrier's energy replaced by another fuel of the site's factor sets, at the same
    /// energy; `price` per GJ of the new fuel.
    FuelSwitch { carrier: String, fuel: String, share: f64, price_per_gj: Option<f64> },
    /// The share of the electricity bought that is contracted non-fossil power (market-based scope 2), with
    /// its price premium per MWh.
    GreenPower { share: f64, premium_per_mwh: f64 },
    /// Another location-based grid factor, t CO2/MWh (instead of the site's factor or factor meter).
    GridFactor { t_per_mwh: f64 },
    /// A grid-factor series instead: a meter of the site measuring an emission factor (an hourly factor, a
    /// forecast of the grid's mix), with the site's annual factor where it has no data.
    GridSeries { meter: String },
}

/// A measure: what it changes and what it costs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Measure {
    pub name: Text,
    pub action: Action,
    /// Capital cost, in the scenario's currency.
    pub capex: f64,
    /// Years the investment lasts (its economic life).
    pub lifetime_years: u32,
    /// Operation and maintenance per year (besides the energy it saves or costs).
    pub om_per_year: f64,
}

/// How a window's result is turned into a year's.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "method", rename_all = "kebab-case")]
pub enum Annualise {
    /// The window's mean rate over 8,760 h.
    Mean,
    /// The window's mean rate over the plant's operating hours per year.
    OperatingHours { hours: f64 },
}

impl Annualise {
    /// Hours in a year of operation.
    pub fn hours(&self) -> f64 {
        match self {
            Annualise::Mean => HOURS_PER_YEAR,
            Annualise::OperatingHours { hours } => *hours,
        }
    }
}

/// Hours in a (non-leap) year.
pub const HOURS_PER_YEAR: f64 = 8760.0;

/// Which CO2 total a measure's avoided tonnes count.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Co2Basis {
    /// Scope 1 + scope 2 location-based.
    Location,
    /// Scope 1 + scope 2 market-based (green power counts).
    Market,
}

/// Prices a scenario is costed at.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Prices {
    pub currency: String,
    /// Per kWh bought.
    pub electricity_per_kwh: f64,
    /// Per GJ of heat bought (`None`: not costed).
    pub heat_per_gj: Option<f64>,
    /// Per GJ by fuel carrier (`coal`); a carrier without a price is not costed (a warning says so).
    pub fuel_per_gj: Vec<(String, f64)>,
    /// Per t CO2 (scope 1 + scope 2 on the scenario's CO2 basis), in the cost total; never in the abatement
    /// cost, which is what the measure costs per tonne before any carbon price.
    pub carbon_per_t: f64,
}

impl Default for Prices {
    fn default() -> Self {
        // The what-if panel's defaults (plant-process `Prices`): 0.65 CNY/kWh, 90 CNY/t CO2.
        let p = plant_process::Prices::default();
        Prices { currency: p.currency.to_owned(), electricity_per_kwh: p.electricity_per_kwh, heat_per_gj: None, fuel_per_gj: Vec::new(), carbon_per_t: p.carbon_per_t }
    }
}

impl Prices {
    pub fn fuel(&self, carrier: &str) -> Option<f64> {
        self.fuel_per_gj.iter().find(|(c, _)| c == carrier).map(|(_, p)| *p)
    }
}

/// How measures are costed over time.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Economics {
    /// Real discount rate per year (0.08 = 8 %).
    pub discount_rate: f64,
    pub annualise: Annualise,
    pub co2: Co2Basis,
}

impl Default for Economics {
    fn default() -> Self {
        Economics { discount_rate: 0.08, annualise: Annualise::Mean, co2: Co2Basis::Market }
    }
}

/// A scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Scenario {
    pub name: Text,
    pub author: String,
    pub notes: String,
    /// The site it was made for, by name (a scenario of another site is refused).
    pub site: Option<String>,
    /// The window its figures are computed over, ms; `None`: the whole record.
    pub window: Option<(i64, i64)>,
    pub prices: Prices,
    pub economics: Economics,
    pub measures: Vec<Measure>,
    #[serde(skip)]
    pub file: PathBuf,
}

impl Scenario {
    /// An empty scenario of `site` (no measures, the default prices and economics).
    pub fn new(name: &str, site: &Site) -> Scenario {
        Scenario {
            name: Text::new(name, None),
            author: String::new(),
            notes: String::new(),
            site: Some(site.header.name.clone()),
            window: None,
            prices: Prices::default(),
            economics: Economics::default(),
            measures: Vec::new(),
            file: PathBuf::new(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    version: toml::Spanned<u32>,
    name: String,
    name_zh: Option<String>,
    #[serde(default)]
    author: String,
    #[serde(default)]
    notes: String,
    site: Option<toml::Spanned<String>>,
    window: Option<RawWindow>,
    prices: Option<RawPrices>,
    economics: Option<RawEconomics>,
    #[serde(default)]
    measure: Vec<toml::Spanned<RawMeasure>>,
}

/// Only the version of a file (other fields ignored).
#[derive(Deserialize)]
struct VersionOnly {
    version: Option<toml::Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawWindow {
    from: toml::Spanned<String>,
    to: toml::Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrices {
    currency: Option<String>,
    electricity: Option<toml::Spanned<f64>>,
    heat: Option<toml::Spanned<f64>>,
    carbon: Option<toml::Spanned<f64>>,
    #[serde(default)]
    fuel: std::collections::BTreeMap<String, toml::Spanned<f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEconomics {
    discount_rate: Option<toml::Spanned<f64>>,
    annualise: Option<toml::Spanned<String>>,
    operating_hours: Option<toml::Spanned<f64>>,
    co2: Option<toml::Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeasure {
    name: String,
    name_zh: Option<String>,
    kind: toml::Spanned<String>,
    capex: Option<toml::Spanned<f64>>,
    lifetime: Option<toml::Spanned<u32>>,
    om: Option<toml::Spanned<f64>>,
    // process
    unit: Option<toml::Spanned<String>>,
    settings: Option<toml::Spanned<std::collections::BTreeMap<String, toml::Spanned<f64>>>>,
    // fuel-switch
    carrier: Option<toml::Spanned<String>>,
    fuel: Option<toml::Spanned<String>>,
    share: Option<toml::Spanned<f64>>,
    price: Option<toml::Spanned<f64>>,
    // green-power
    premium: Option<toml::Spanned<f64>>,
    // grid-factor
    factor: Option<toml::Spanned<f64>>,
    meter: Option<toml::Spanned<String>>,
}

/// The scenario files of a package (`scenarios/*.toml`), by name; none when it has no such folder. A link out of
/// the package is left out.
pub fn list_for_site(site: &Site) -> Vec<PathBuf> {
    plant_site::package_toml_files(&site.root, SCENARIO_DIR)
}

/// A scenario named by a user: a path as given when it is a file, else the package's scenario of that name (with
/// or without `.toml`). `Err` lists the package's scenarios by name.
pub fn find(site: &Site, name: &Path) -> Result<PathBuf, Vec<String>> {
    plant_site::find_named(&list_for_site(site), name)
}

/// Reads and parses a scenario file (untrusted input: SECURITY.md): at most 4 MB, UTF-8.
pub fn load(path: &Path, site: &Site) -> Result<(Scenario, Vec<Diagnostic>), Diagnostic> {
    let text = read_limited(path).map_err(|message| Diagnostic::error(path, Place::Whole, message))?;
    parse(&text, path, site)
}

pub(crate) fn read_limited(path: &Path) -> Result<String, plant_i18n::Msg> {
    plant_site::read_text_limited(path, MAX_FILE_BYTES).map_err(|e| match e {
        plant_site::TextFileError::TooLarge(_) => msg!("scenario-too-large", megabytes = MAX_FILE_BYTES >> 20),
        plant_site::TextFileError::Unreadable(e) => msg!("scenario-unreadable", error = e.to_string()),
        plant_site::TextFileError::Refused(e) => msg!("scenario-unreadable", error = e.message().text()),
    })
}

/// Checks the numbers and names of a scenario file as it is read: an error at its place.
struct Reader<'a> {
    out: TextProblems<'a>,
    site: &'a Site,
}

impl Reader<'_> {
    fn number(&mut self, v: &toml::Spanned<f64>, lo: f64, hi: f64, field: &str) -> Option<f64> {
        let x = *v.get_ref();
        let good = x.is_finite() && (lo..=hi).contains(&x);
        if !good {
            self.out.error(self.out.at(v.span()), msg!("scenario-out-of-range", field = field, value = x, min = lo, max = hi));
        }
        good.then_some(x)
    }

    fn required<'v, T>(&mut self, v: Option<&'v toml::Spanned<T>>, span: std::ops::Range<usize>, field: &str, kind: &str) -> Option<&'v toml::Spanned<T>> {
        if v.is_none() {
            self.out.error(self.out.at(span), msg!("scenario-missing-field", field = field, kind = kind));
        }
        v
    }

    fn time(&mut self, s: &toml::Spanned<String>, field: &str) -> Option<i64> {
        let t = parse_when(s.get_ref(), 0, self.site.time_zone).filter(|_| !s.get_ref().trim_start().starts_with('+'));
        if t.is_none() {
            self.out.error(self.out.at(s.span()), msg!("scenario-bad-time", field = field, value = s.get_ref().as_str()));
        }
        t
    }
}

/// Parses scenario-file text (`path` is named in diagnostics) against the site. A file that is not TOML of this
/// form, of another version or of another site is an error at its line; a measure that names no what-if unit,
/// setting, carrier or fuel of the site, or has a number out of range, is left out with an error at its line,
/// and the rest load.
pub fn parse(text: &str, path: &Path, site: &Site) -> Result<(Scenario, Vec<Diagnostic>), Diagnostic> {
    // The version first, so that a file of a later version is named as such rather than as unknown fields.
    if let Ok(VersionOnly { version: Some(v) }) = toml::from_str::<VersionOnly>(text)
        && *v.get_ref() != i64::from(VERSION)
    {
        return Err(Diagnostic::error(path, line_col(text, v.span().start), msg!("scenario-version", version = *v.get_ref(), supported = VERSION)));
    }
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        let place = e.span().map_or(Place::Whole, |s| line_col(text, s.start));
        Diagnostic::error(path, place, msg!("scenario-invalid", error = e.message().trim()))
    })?;
    if *raw.version.get_ref() != VERSION {
        return Err(Diagnostic::error(path, line_col(text, raw.version.span().start), msg!("scenario-version", version = *raw.version.get_ref(), supported = VERSION)));
    }
    if let Some(s) = &raw.site
        && s.get_ref().trim() != site.header.name.trim()
        && site.header.name_zh.as_deref().is_none_or(|zh| zh.trim() != s.get_ref().trim())
    {
        return Err(Diagnostic::error(path, line_col(text, s.span().start), msg!("scenario-other-site", named = s.get_ref().as_str(), site = site.header.name.as_str())));
    }
    let mut r = Reader { out: TextProblems::new(path, text), site };
    let window = match &raw.window {
        Some(w) => match (r.time(&w.from, "from"), r.time(&w.to, "to")) {
            // i18n-ok: the fields' names
            (Some(a), Some(b)) if b > a => Some((a, b)),
            (Some(_), Some(_)) => {
                r.out.error(r.out.at(w.to.span()), msg!("scenario-empty-window"));
                None
            }
            _ => None,
        },
        None => None,
    };
    let prices = prices(&mut r, raw.prices.as_ref());
    let economics = economics(&mut r, raw.economics.as_ref());
    let mut measures = Vec::new();
    for m in raw.measure {
        let span = m.span();
        if let Some(m) = measure(&mut r, span, m.into_inner()) {
            measures.push(m);
        }
    }
    let scenario = Scenario {
        name: Text::new(raw.name, raw.name_zh),
        author: raw.author,
        notes: raw.notes,
        site: raw.site.map(toml::Spanned::into_inner),
        window,
        prices,
        economics,
        measures,
        file: path.to_path_buf(),
    };
    Ok((scenario, r.out.list))
}

fn prices(r: &mut Reader<'_>, raw: Option<&RawPrices>) -> Prices {
    let mut p = Prices::default();
    let Some(raw) = raw else { return p };
    if let Some(c) = &raw.currency {
        p.currency = c.trim().to_owned();
    }
    if let Some(v) = raw.electricity.as_ref().and_then(|v| r.number(v, 0.0, 100.0, "prices.electricity")) {
        p.electricity_per_kwh = v;
    }
    p.heat_per_gj = raw.heat.as_ref().and_then(|v| r.number(v, 0.0, 10_000.0, "prices.heat"));
    if let Some(v) = raw.carbon.as_ref().and_then(|v| r.number(v, 0.0, 100_000.0, "prices.carbon")) {
        p.carbon_per_t = v;
    }
    for (carrier, v) in &raw.fuel {
        if let Some(x) = r.number(v, 0.0, 10_000.0, &format!("prices.fuel.{carrier}")) {
            p.fuel_per_gj.push((carrier.clone(), x));
        }
    }
    p
}

fn economics(r: &mut Reader<'_>, raw: Option<&RawEconomics>) -> Economics {
    let mut e = Economics::default();
    let Some(raw) = raw else { return e };
    if let Some(v) = raw.discount_rate.as_ref().and_then(|v| r.number(v, 0.0, 1.0, "economics.discount_rate")) {
        e.discount_rate = v;
    }
    if let Some(a) = &raw.annualise {
        match a.get_ref().as_str() {
            "mean" => e.annualise = Annualise::Mean,
            "operating-hours" => match raw.operating_hours.as_ref() {
                Some(h) => {
                    if let Some(hours) = r.number(h, 1.0, HOURS_PER_YEAR, "economics.operating_hours") {
                        e.annualise = Annualise::OperatingHours { hours };
                    }
                }
                None => r.out.error(r.out.at(a.span()), msg!("scenario-missing-field", field = "operating_hours", kind = "operating-hours")), // i18n-ok: names in the file
            },
            other => r.out.error(r.out.at(a.span()), msg!("scenario-bad-choice", field = "annualise", value = other, choices = "mean, operating-hours")), // i18n-ok: names in the file
        }
    }
    if let Some(c) = &raw.co2 {
        match c.get_ref().as_str() {
            "location" => e.co2 = Co2Basis::Location,
            "market" => e.co2 = Co2Basis::Market,
            other => r.out.error(r.out.at(c.span()), msg!("scenario-bad-choice", field = "co2", value = other, choices = "location, market")), // i18n-ok: names in the file
        }
    }
    e
}

/// The what-if unit a measure names: the id of one of its equipment, or its process model's id when the site
/// has one unit of that model.
pub fn whatif_of(site: &Site, unit: &str) -> Option<usize> {
    site.whatifs.iter().position(|w| w.equipment.iter().any(|e| e == unit)).or_else(|| {
        let of_model: Vec<usize> = site.whatifs.iter().enumerate().filter(|(_, w)| w.process == unit).map(|(i, _)| i).collect();
        (of_model.len() == 1).then(|| of_model[0])
    })
}

fn measure(r: &mut Reader<'_>, span: std::ops::Range<usize>, m: RawMeasure) -> Option<Measure> {
    let kind = m.kind.get_ref().as_str();
    let action = match kind {
        "process" => process_action(r, span.clone(), &m)?,
        "fuel-switch" => {
            let carrier = r.required(m.carrier.as_ref(), span.clone(), "carrier", kind)?; // i18n-ok: a field's name
            let fuel = r.required(m.fuel.as_ref(), span.clone(), "fuel", kind)?; // i18n-ok: a field's name
            let share = r.required(m.share.as_ref(), span.clone(), "share", kind)?; // i18n-ok: a field's name
            let share = r.number(share, 0.0, 1.0, "share")?; // i18n-ok: a field's name
            if !eval::is_fuel_carrier(r.site, carrier.get_ref()) {
                r.out.error(r.out.at(carrier.span()), msg!("scenario-not-fuel-carrier", carrier = carrier.get_ref().as_str()));
                return None;
            }
            if eval::fuel_of_sets(r.site, fuel.get_ref()).is_none() {
                r.out.error(r.out.at(fuel.span()), msg!("scenario-unknown-fuel", fuel = fuel.get_ref().as_str()));
                return None;
            }
            let price_per_gj = match &m.price {
                Some(p) => Some(r.number(p, 0.0, 10_000.0, "price")?), // i18n-ok: a field's name
                None => None,
            };
            Action::FuelSwitch { carrier: carrier.get_ref().clone(), fuel: fuel.get_ref().clone(), share, price_per_gj }
        }
        "green-power" => {
            let share = r.required(m.share.as_ref(), span.clone(), "share", kind)?; // i18n-ok: a field's name
            let share = r.number(share, 0.0, 1.0, "share")?; // i18n-ok: a field's name
            let premium_per_mwh = match &m.premium {
                Some(p) => r.number(p, -10_000.0, 10_000.0, "premium")?, // i18n-ok: a field's name
                None => 0.0,
            };
            Action::GreenPower { share, premium_per_mwh }
        }
        "grid-factor" => match &m.meter {
            Some(meter) => {
                let ok = r.site.meter(meter.get_ref()).is_some_and(|x| x.quantity == plant_site::Quantity::EmissionFactor);
                if !ok {
                    r.out.error(r.out.at(meter.span()), msg!("scenario-not-factor-meter", meter = meter.get_ref().as_str()));
                    return None;
                }
                Action::GridSeries { meter: meter.get_ref().clone() }
            }
            None => {
                let f = r.required(m.factor.as_ref(), span.clone(), "factor", kind)?; // i18n-ok: a field's name
                Action::GridFactor { t_per_mwh: r.number(f, 0.0, 3.0, "factor")? } // i18n-ok: a field's name
            }
        },
        other => {
            r.out.error(r.out.at(m.kind.span()), msg!("scenario-bad-choice", field = "kind", value = other, choices = "process, fuel-switch, green-power, grid-factor")); // i18n-ok: names in the file
            return None;
        }
    };
    let capex = match &m.capex {
        Some(c) => r.number(c, 0.0, 1e13, "capex")?, // i18n-ok: a field's name
        None => 0.0,
    };
    let lifetime_years = match &m.lifetime {
        Some(l) if (1..=100).contains(l.get_ref()) => *l.get_ref(),
        Some(l) => {
            r.out.error(r.out.at(l.span()), msg!("scenario-out-of-range", field = "lifetime", value = *l.get_ref(), min = 1, max = 100)); // i18n-ok: a field's name
            return None;
        }
        None => 10,
    };
    let om_per_year = match &m.om {
        Some(o) => r.number(o, -1e12, 1e12, "om")?, // i18n-ok: a field's name
        None => 0.0,
    };
    Some(Measure { name: Text::new(m.name, m.name_zh), action, capex, lifetime_years, om_per_year })
}

fn process_action(r: &mut Reader<'_>, span: std::ops::Range<usize>, m: &RawMeasure) -> Option<Action> {
    let unit = r.required(m.unit.as_ref(), span.clone(), "unit", "process")?; // i18n-ok: names in the file
    let Some(w) = whatif_of(r.site, unit.get_ref()) else {
        r.out.error(r.out.at(unit.span()), msg!("scenario-unknown-unit", unit = unit.get_ref().as_str()));
        return None;
    };
    let Some(model) = plant_process::by_id(&r.site.whatifs[w].process) else {
        r.out.error(r.out.at(unit.span()), msg!("scenario-unknown-unit", unit = unit.get_ref().as_str()));
        return None;
    };
    let settings_of = model.settings();
    let given = r.required(m.settings.as_ref(), span, "settings", "process")?; // i18n-ok: names in the file
    let mut settings = Vec::new();
    for (key, v) in given.get_ref() {
        let Some(s) = settings_of.iter().find(|s| s.key == key) else {
            let known = settings_of.iter().map(|s| s.key).collect::<Vec<_>>().join(", ");
            r.out.error(r.out.at(v.span()), msg!("scenario-unknown-setting", key = key.as_str(), model = model.id(), known = known));
            return None;
        };
        settings.push((key.clone(), r.number(v, s.min, s.max, key)?));
    }
    Some(Action::Process { whatif: w, unit: unit.get_ref().clone(), settings })
}
