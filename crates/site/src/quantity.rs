//! Physical quantities a meter can measure, their units, and conversion to one display unit per quantity.
//!
//! Deliberately small: enough to compare meters of one quantity (colouring equipment by electric power in
//! kW whatever unit each meter reports in). A unit that does not belong to the quantity is refused.

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
    /// Anything else; its unit is taken as is and not converted.
    Other,
}

impl Quantity {
    pub const ALL: [Quantity; 13] = [
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
            Quantity::Other => "",
        }
    }

    /// English label; user-facing strings of the UI live with the plugins, this is for reports and logs.
    pub fn label(self) -> &'static str {
        match self {
            Quantity::ElectricPower => "Electric power",
            Quantity::Energy => "Energy",
            Quantity::MassFlow => "Mass flow",
            Quantity::VolumeFlow => "Volume flow",
            Quantity::Temperature => "Temperature",
            Quantity::Concentration => "Concentration",
            Quantity::Pressure => "Pressure",
            Quantity::ThermalPower => "Thermal power",
            Quantity::Speed => "Speed",
            Quantity::Voltage => "Voltage",
            Quantity::Current => "Current",
            Quantity::EmissionFactor => "Emission factor",
            Quantity::Other => "Other",
        }
    }

    /// `(scale, offset)` with `display = raw × scale + offset` for a meter reporting in `unit`,
    /// or `None` when the unit does not measure this quantity.
    pub fn to_display(self, unit: &str) -> Option<(f64, f64)> {
        let u = unit.trim();
        let f = |s: f64| Some((s, 0.0));
        match self {
            Quantity::ElectricPower | Quantity::ThermalPower => match u {
                "W" => f(1e-3),
                "kW" => f(1.0),
                "MW" => f(1e3),
                "GW" => f(1e6),
                _ => None,
            },
            Quantity::Energy => match u {
                "Wh" => f(1e-3),
                "kWh" => f(1.0),
                "MWh" => f(1e3),
                "GWh" => f(1e6),
                "MJ" => f(1.0 / 3.6),
                "GJ" => f(1000.0 / 3.6),
                _ => None,
            },
            Quantity::VolumeFlow => match u {
                "m³/h" | "m3/h" => f(1.0),
                "Nm³/h" | "Nm3/h" => f(1.0),
                "m³/s" | "m3/s" => f(3600.0),
                "l/s" | "L/s" => f(3.6),
                "l/min" | "L/min" => f(0.06),
                _ => None,
            },
            Quantity::MassFlow => match u {
                "t/h" => f(1.0),
                "kg/h" => f(1e-3),
                "kg/s" => f(3.6),
                "t/d" => f(1.0 / 24.0),
                _ => None,
            },
            Quantity::Temperature => match u {
                "°C" | "degC" | "C" => f(1.0),
                "K" => Some((1.0, -273.15)),
                "°F" | "degF" | "F" => Some((5.0 / 9.0, -32.0 * 5.0 / 9.0)),
                _ => None,
            },
            Quantity::Concentration => match u {
                "%" | "vol%" | "%vol" => f(1.0),
                "ppm" => f(1e-4),
                _ => None,
            },
            Quantity::Pressure => match u {
                "Pa" => f(1e-3),
                "kPa" => f(1.0),
                "MPa" => f(1e3),
                "bar" => f(100.0),
                "mbar" => f(0.1),
                _ => None,
            },
            Quantity::Speed => match u {
                "rpm" | "r/min" => f(1.0),
                "Hz" | "1/s" => f(60.0),
                _ => None,
            },
            Quantity::Voltage => match u {
                "V" => f(1.0),
                "mV" => f(1e-3),
                "kV" => f(1e3),
                _ => None,
            },
            Quantity::Current => match u {
                "kA" => f(1.0),
                "A" => f(1e-3),
                _ => None,
            },
            Quantity::EmissionFactor => match u {
                "tCO2/MWh" | "kgCO2/kWh" | "tCO2e/MWh" | "kgCO2e/kWh" => f(1.0),
                "gCO2/kWh" | "gCO2e/kWh" => f(1e-3),
                _ => None,
            },
            Quantity::Other => f(1.0),
        }
    }

    /// Units accepted for this quantity, for error messages.
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
            Quantity::Other => &[],
        }
    }
}

/// Whether `unit` measures some known quantity (used to recognise a unit written as a column-name suffix).
pub fn is_known_unit(unit: &str) -> bool {
    Quantity::ALL.iter().any(|q| *q != Quantity::Other && q.to_display(unit).is_some())
}
