//! Physical quantities a meter can measure, their units, and conversion to one display unit per quantity.
//!
//! Enough to compare meters of one quantity (colouring equipment by electric power in kW whatever unit each
//! meter reports in). Units and their conversions come from `plant_units`, the project's one unit table; a
//! unit whose dimension does not fit the quantity is refused.

use plant_i18n::{Msg, msg};
use plant_units::Dim;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Quantity {
    ElectricPower,
    /// Energy per sampling interval (interval meters, e.g. kWh per 15 min).
    Energy,
    MassFlow,
    VolumeFlow,
    Temperature,
    /// Volume or mole fraction in percent (e.g. O2 in flue gas).
    Concentration,
    Pressure,
    ThermalPower,
    Speed,
    /// Electric potential difference (a cell's voltage).
    Voltage,
    /// Electric current (a potline's line current).
    Current,
    /// Emission factor of bought energy over time, e.g. an hourly grid factor in tCO2/MWh.
    EmissionFactor,
    /// Reactive power (kvar) and reactive energy per sampling interval (kvarh): never added to kW or kWh.
    ReactivePower,
    ReactiveEnergy,
    /// Power factor, a pure number 0 to 1 (a meter in % is read as its hundredth).
    PowerFactor,
    /// Mechanical power at a shaft (a drive's output), kW.
    MechanicalPower,
    /// A measured CO2 mass flow (a CEMS stack monitor, a historian's CO2 column), and CO2 per sampling
    /// interval: beside the accounting's computed CO2, never mixed into it.
    Co2MassFlow,
    Co2,
    /// Anything else; its unit is taken as is and not converted.
    Other,
}

impl Quantity {
    /// Whether its samples are a rate that integrates over time into an amount (kW → kWh, t/h → t); an
    /// energy or CO2 meter counts per interval instead, and the others (temperature, %…) are states.
    pub fn is_rate(self) -> bool {
        matches!(
            self,
            Quantity::ElectricPower
                | Quantity::ThermalPower
                | Quantity::MechanicalPower
                | Quantity::ReactivePower
                | Quantity::MassFlow
                | Quantity::VolumeFlow
                | Quantity::Co2MassFlow
        )
    }

    /// Meters of these count per sampling interval (kWh, kvarh, t CO2 per interval): their samples add up
    /// over a window, where a rate's are integrated over time and a level's averaged.
    pub fn is_per_interval(self) -> bool {
        matches!(self, Quantity::Energy | Quantity::ReactiveEnergy | Quantity::Co2)
    }

    pub const ALL: [Quantity; 19] = [
        Quantity::ElectricPower,
        Quantity::Energy,
        Quantity::MassFlow,
        Quantity::VolumeFlow,
        Quantity::Temperature,
        Quantity::Concentration,
        Quantity::Pressure,
        Quantity::ThermalPower,
        Quantity::Speed,
        Quantity::Voltage,
        Quantity::Current,
        Quantity::EmissionFactor,
        Quantity::ReactivePower,
        Quantity::ReactiveEnergy,
        Quantity::PowerFactor,
        Quantity::MechanicalPower,
        Quantity::Co2MassFlow,
        Quantity::Co2,
        Quantity::Other,
    ];

    /// The unit every meter of this quantity is converted to for comparison and colouring.
    pub fn display_unit(self) -> &'static str {
        match self {
            Quantity::ElectricPower | Quantity::ThermalPower => "kW",
            Quantity::Energy => "kWh",
            Quantity::MassFlow => "t/h",
            Quantity::VolumeFlow => "m³/h",
            Quantity::Temperature => "°C",
            Quantity::Concentration => "%",
            Quantity::Pressure => "kPa",
            Quantity::Speed => "rpm",
            Quantity::Voltage => "V",
            Quantity::Current => "kA",
            Quantity::EmissionFactor => "tCO2/MWh",
            Quantity::ReactivePower => "kvar",
            Quantity::ReactiveEnergy => "kvarh",
            Quantity::PowerFactor => "",
            Quantity::MechanicalPower => "kW",
            Quantity::Co2MassFlow => "tCO2/h",
            Quantity::Co2 => "tCO2",
            Quantity::Other => "",
        }
    }

    /// Its name in site.toml (`quantity = "electric_power"`), the same in every language.
    pub fn key(self) -> &'static str {
        match self {
            Quantity::ElectricPower => "electric_power",
            Quantity::Energy => "energy",
            Quantity::MassFlow => "mass_flow",
            Quantity::VolumeFlow => "volume_flow",
            Quantity::Temperature => "temperature",
            Quantity::Concentration => "concentration",
            Quantity::Pressure => "pressure",
            Quantity::ThermalPower => "thermal_power",
            Quantity::Speed => "speed",
            Quantity::Voltage => "voltage",
            Quantity::Current => "current",
            Quantity::EmissionFactor => "emission_factor",
            Quantity::ReactivePower => "reactive_power",
            Quantity::ReactiveEnergy => "reactive_energy",
            Quantity::PowerFactor => "power_factor",
            Quantity::MechanicalPower => "mechanical_power",
            Quantity::Co2MassFlow => "co2_mass_flow",
            Quantity::Co2 => "co2",
            Quantity::Other => "other",
        }
    }

    /// Its label in the language it is shown in ("Electric power", "电功率"), for menus and legends.
    pub fn label_msg(self) -> Msg {
        msg!("site-quantity", quantity = self.key())
    }

    /// Its name inside a sentence ("electric power", "电功率"): "unit "t/h" does not measure electric power".
    pub fn noun_msg(self) -> Msg {
        msg!("site-quantity-noun", quantity = self.key())
    }

    /// The dimension of this quantity's units; `None` for [`Quantity::Other`] (any unit, not converted).
    pub fn dim(self) -> Option<Dim> {
        Some(match self {
            Quantity::ElectricPower | Quantity::ThermalPower => Dim::POWER,
            Quantity::Energy => Dim::ENERGY,
            Quantity::MassFlow => Dim::MASS_FLOW,
            Quantity::VolumeFlow => Dim::VOLUME_FLOW,
            Quantity::Temperature => Dim::TEMPERATURE,
            Quantity::Concentration => Dim::NONE,
            Quantity::Pressure => Dim::PRESSURE,
            Quantity::Speed => Dim::FREQUENCY,
            Quantity::Voltage => Dim::VOLTAGE,
            Quantity::Current => Dim::CURRENT,
            Quantity::EmissionFactor => Dim::CO2.combine(Dim::ENERGY, -1),
            Quantity::ReactivePower => Dim::REACTIVE_POWER,
            Quantity::ReactiveEnergy => Dim::REACTIVE_ENERGY,
            Quantity::PowerFactor => Dim::NONE,
            Quantity::MechanicalPower => Dim::POWER,
            Quantity::Co2MassFlow => Dim::CO2.combine(Dim::TIME, -1),
            Quantity::Co2 => Dim::CO2,
            Quantity::Other => return None,
        })
    }

    /// `(scale, offset)` with `display = raw × scale + offset` for a meter reporting in `unit`, or `None`
    /// when the unit does not measure this quantity. Units come from the one unit table, `plant_units`
    /// (so `kgce`, `Gcal`, `m³/s` or `kgCO2/kWh` work wherever their dimension fits).
    pub fn to_display(self, unit: &str) -> Option<(f64, f64)> {
        let Some(dim) = self.dim() else { return Some((1.0, 0.0)) };
        // A pure number may be written without a unit (a power factor).
        let parse = |u: &str| match u.trim() {
            "" if dim == Dim::NONE => Some(plant_units::Unit { symbol: "", scale: 1.0, offset: 0.0, dim: Dim::NONE }),
            u => plant_units::parse_unit(u).ok(),
        };
        let from = parse(unit)?;
        let to = parse(self.display_unit())?;
        if from.dim != dim || to.dim != dim {
            return None;
        }
        // Unit scales are exact decimal ratios; round away the last-bit error of dividing them (1 kg/s is
        // 3.6 t/h, not 3.5999999999999996).
        Some((round12(from.scale / to.scale), round12((from.offset - to.offset) / to.scale)))
    }

    /// Common units of this quantity, for messages ("expected one of …"); any unit of the right dimension
    /// in `plant_units` is accepted.
    pub fn units(self) -> &'static [&'static str] {
        match self {
            Quantity::ElectricPower | Quantity::ThermalPower => &["W", "kW", "MW", "GW"],
            Quantity::Energy => &["Wh", "kWh", "MWh", "GWh", "MJ", "GJ"],
            Quantity::MassFlow => &["t/h", "kg/h", "kg/s", "t/d"],
            Quantity::VolumeFlow => &["m³/h", "Nm³/h", "m³/s", "l/s", "l/min"],
            Quantity::Temperature => &["°C", "K", "°F"],
            Quantity::Concentration => &["%", "ppm"],
            Quantity::Pressure => &["Pa", "kPa", "MPa", "bar", "mbar"],
            Quantity::Speed => &["rpm", "Hz"],
            Quantity::Voltage => &["V", "mV", "kV"],
            Quantity::Current => &["kA", "A"],
            Quantity::EmissionFactor => &["tCO2/MWh", "kgCO2/kWh", "gCO2/kWh"],
            Quantity::ReactivePower => &["kvar", "Mvar", "var"],
            Quantity::ReactiveEnergy => &["kvarh", "Mvarh", "varh"],
            Quantity::PowerFactor => &["", "%"],
            Quantity::MechanicalPower => &["kW", "MW", "W"],
            Quantity::Co2MassFlow => &["tCO2/h", "kgCO2/h", "tCO2/d"],
            Quantity::Co2 => &["tCO2", "kgCO2", "tCO2e"],
            Quantity::Other => &[],
        }
    }
}

/// Whether `unit` measures some known quantity (used to recognise a unit written as a column-name suffix).
pub fn is_known_unit(unit: &str) -> bool {
    Quantity::ALL.iter().any(|q| *q != Quantity::Other && q.to_display(unit).is_some())
}

/// `x` to 12 significant digits.
fn round12(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let e = 11 - x.abs().log10().floor() as i32;
    let p = 10f64.powi(e.abs());
    if e >= 0 { (x * p).round() / p } else { (x / p).round() * p }
}
