//! Emission-factor sets: data files with provenance (`assets/factors/*.toml`), every value with its unit.

use std::path::Path;

use plant_i18n::{Msg, msg};
use plant_site::{Diagnostic, Place, line_col};
use plant_units::{Dim, Value};
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSet {
    set: SetInfo,
    #[serde(default)]
    fuel: Vec<RawFuel>,
    #[serde(default)]
    electricity: Vec<RawFactor>,
    #[serde(default)]
    heat: Vec<RawFactor>,
    #[serde(default)]
    gwp: Vec<Gwp>,
}

/// Where a set comes from: recorded with every result computed from it.
#[derive(Clone, Debug, Deserialize, serde::Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SetInfo {
    pub id: String,
    pub name: String,
    /// The name in Chinese, where the set gives one (shown when the language is Chinese).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_zh: Option<String>,
    pub year: i32,
    pub source: String,
    /// The source as a Chinese reader cites it (the publication's Chinese title), where the set gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_zh: Option<String>,
}

impl SetInfo {
    /// Its name in the current language.
    pub fn display_name(&self) -> &str {
        plant_i18n::localised(&self.name, self.name_zh.as_deref(), &self.id)
    }

    /// Its source in the current language.
    pub fn display_source(&self) -> &str {
        plant_i18n::localised(&self.source, self.source_zh.as_deref(), "")
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Quantity {
    value: f64,
    unit: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFuel {
    id: String,
    name: String,
    ncv: Quantity,
    co2: Quantity,
    #[serde(default)]
    biomass_fraction: f64,
    #[serde(default = "one")]
    oxidation: f64,
}

fn one() -> f64 {
    1.0
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFactor {
    id: String,
    name: String,
    value: Quantity,
    source: String,
    #[serde(default)]
    market_based: bool,
}

/// Global warming potential of a gas in an assessment-report set (SAR, AR4, AR5).
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Gwp {
    pub set: String,
    pub gas: String,
    pub value: f64,
}

/// A fuel's net calorific value and CO2 factor.
#[derive(Clone, Debug, PartialEq)]
pub struct Fuel {
    pub id: String,
    pub name: String,
    /// Energy per mass.
    pub ncv: Value,
    /// CO2 per energy.
    pub co2_per_energy: Value,
    /// Share of the CO2 that is biogenic (memo item, not scope 1), 0 to 1.
    pub biomass_fraction: f64,
    /// Oxidation factor (IPCC default 1).
    pub oxidation: f64,
}

/// A CO2 factor per unit of energy bought: grid electricity or heat.
#[derive(Clone, Debug, PartialEq)]
pub struct EnergyFactor {
    pub id: String,
    pub name: String,
    pub co2_per_energy: Value,
    pub source: String,
    pub market_based: bool,
}

/// One versioned set of factors.
#[derive(Clone, Debug, PartialEq)]
pub struct FactorSet {
    pub info: SetInfo,
    pub fuels: Vec<Fuel>,
    pub electricity: Vec<EnergyFactor>,
    pub heat: Vec<EnergyFactor>,
    pub gwp: Vec<Gwp>,
}

impl FactorSet {
    pub fn fuel(&self, id: &str) -> Option<&Fuel> {
        self.fuels.iter().find(|f| f.id == id)
    }

    pub fn electricity(&self, id: &str) -> Option<&EnergyFactor> {
        self.electricity.iter().find(|f| f.id == id)
    }

    pub fn heat(&self, id: &str) -> Option<&EnergyFactor> {
        self.heat.iter().find(|f| f.id == id)
    }

    pub fn gwp(&self, set: &str, gas: &str) -> Option<f64> {
        self.gwp.iter().find(|g| g.set == set && g.gas == gas).map(|g| g.value)
    }
}

/// Parses a factor set; every value's unit must have the dimension its field needs.
pub fn parse_factor_set(text: &str, file: &Path) -> Result<FactorSet, Diagnostic> {
    let raw: RawSet = toml::from_str(text).map_err(|e| {
        let place = e.span().map_or(Place::Whole, |s| line_col(text, s.start));
        Diagnostic::error(file, place, msg!("carbon-toml-invalid", error = e.message().trim()))
    })?;
    // `wrong` says what the value must be, given the unit's dimension (carbon-ncv-dimension…).
    let value = |q: &Quantity, want: Dim, wrong: fn(Dim, &str, Dim) -> Msg| -> Result<Value, Diagnostic> {
        let at = line_col(text, q.unit.span().start);
        let v = Value::new(q.value, q.unit.get_ref()).map_err(|e| Diagnostic::error(file, at.clone(), e.message()))?;
        if v.dim != want {
            return Err(Diagnostic::error(file, at, wrong(want, q.unit.get_ref(), v.dim)));
        }
        Ok(v)
    };
    let ncv = |want: Dim, unit: &str, got: Dim| msg!("carbon-ncv-dimension", want = want.name_msg(), unit = unit, got = got.name_msg());
    let co2 = |want: Dim, unit: &str, got: Dim| msg!("carbon-co2-factor-dimension", want = want.name_msg(), unit = unit, got = got.name_msg());
    let energy_per_mass = Dim { mass: 0, length: 2, time: -2, temperature: 0, co2: 0, current: 0, reactive: 0 };
    let co2_per_energy = Dim { mass: -1, length: -2, time: 2, temperature: 0, co2: 1, current: 0, reactive: 0 };
    let mut fuels = Vec::new();
    for f in &raw.fuel {
        if !(0.0..=1.0).contains(&f.biomass_fraction) || !(0.0..=1.0).contains(&f.oxidation) {
            return Err(Diagnostic::error(file, Place::element(msg!("carbon-element-fuel", id = &f.id)), msg!("carbon-fuel-fractions")));
        }
        fuels.push(Fuel {
            id: f.id.clone(),
            name: f.name.clone(),
            ncv: value(&f.ncv, energy_per_mass, ncv)?,
            co2_per_energy: value(&f.co2, co2_per_energy, co2)?,
            biomass_fraction: f.biomass_fraction,
            oxidation: f.oxidation,
        });
    }
    let factors = |list: &[RawFactor]| -> Result<Vec<EnergyFactor>, Diagnostic> {
        list.iter()
            .map(|f| {
                Ok(EnergyFactor {
                    id: f.id.clone(),
                    name: f.name.clone(),
                    co2_per_energy: value(&f.value, co2_per_energy, co2)?,
                    source: f.source.clone(),
                    market_based: f.market_based,
                })
            })
            .collect()
    };
    Ok(FactorSet { electricity: factors(&raw.electricity)?, heat: factors(&raw.heat)?, info: raw.set, fuels, gwp: raw.gwp })
}

/// Reads and parses a factor-set file.
pub fn load_factor_set(path: &Path) -> Result<FactorSet, Diagnostic> {
    let text = std::fs::read_to_string(path).map_err(|e| Diagnostic::error(path, Place::Whole, msg!("carbon-cannot-read", error = e.to_string())))?;
    parse_factor_set(&text, path)
}

/// Factor sets shipped with Plant Twin (assets/factors), built into the binary so that a site can name
/// them by id: `(id, file name, text)`.
pub const BUNDLED: [(&str, &str, &str); 2] = [
    ("ipcc-2006-fuels", "assets/factors/ipcc-2006-fuels.toml", include_str!("../../../assets/factors/ipcc-2006-fuels.toml")),
    ("china-2022", "assets/factors/china-2022.toml", include_str!("../../../assets/factors/china-2022.toml")),
];

/// A bundled factor set by id, or a set file inside the package `root` when the id ends in `.toml`
/// (a path outside the package is refused: SECURITY.md).
pub fn resolve_factor_set(id: &str, root: &Path) -> Result<FactorSet, Diagnostic> {
    if let Some((_, file, text)) = BUNDLED.iter().find(|(k, _, _)| *k == id) {
        return parse_factor_set(text, Path::new(file));
    }
    if id.ends_with(".toml") {
        let path = plant_site::resolve_in_package(root, id).map_err(|e| {
            Diagnostic::error(
                &root.join(plant_site::SITE_FILE),
                Place::element(msg!("carbon-element-factor-set", id = id)),
                msg!("carbon-factor-set-path-refused", reason = e.message()),
            )
        })?;
        return load_factor_set(&path);
    }
    let known: Vec<&str> = BUNDLED.iter().map(|(k, _, _)| *k).collect();
    Err(Diagnostic::error(&root.join(plant_site::SITE_FILE), Place::Whole, msg!("carbon-unknown-factor-set", id = id, bundled = known.join(", "))))
}
