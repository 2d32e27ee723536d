//! Unit names: simple units from a table, compounds with `/`, `·`, `*` and exponents (`m²`, `m3`).

use crate::{Dim, KGCE_J, Unit, UnitError};

const J: f64 = 1.0;
const KWH: f64 = 3.6e6;
const HOUR: f64 = 3600.0;

/// Simple units: symbol, SI scale, dimension. Offsets (°C, °F) are handled separately.
pub const UNIT_TABLE: &[(&str, f64, Dim)] = &[
    // energy
    ("J", J, Dim::ENERGY),
    ("kJ", 1e3, Dim::ENERGY),
    ("MJ", 1e6, Dim::ENERGY),
    ("GJ", 1e9, Dim::ENERGY),
    ("TJ", 1e12, Dim::ENERGY),
    ("Wh", 3600.0, Dim::ENERGY),
    ("kWh", KWH, Dim::ENERGY),
    ("MWh", 1e3 * KWH, Dim::ENERGY),
    ("GWh", 1e6 * KWH, Dim::ENERGY),
    ("kcal", 4186.8, Dim::ENERGY),
    ("Mcal", 4.1868e6, Dim::ENERGY),
    ("Gcal", 4.1868e9, Dim::ENERGY),
    ("kgce", KGCE_J, Dim::ENERGY),
    ("tce", 1e3 * KGCE_J, Dim::ENERGY),
    // power
    ("W", 1.0, Dim::POWER),
    ("kW", 1e3, Dim::POWER),
    ("MW", 1e6, Dim::POWER),
    ("GW", 1e9, Dim::POWER),
    // reactive power and energy (var, IEC 60050-131); meters also write kVAr, kVArh
    ("var", 1.0, Dim::REACTIVE_POWER),
    ("kvar", 1e3, Dim::REACTIVE_POWER),
    ("kVAr", 1e3, Dim::REACTIVE_POWER),
    ("kVAR", 1e3, Dim::REACTIVE_POWER),
    ("Mvar", 1e6, Dim::REACTIVE_POWER),
    ("MVAr", 1e6, Dim::REACTIVE_POWER),
    ("varh", 3600.0, Dim::REACTIVE_ENERGY),
    ("kvarh", KWH, Dim::REACTIVE_ENERGY),
    ("kVArh", KWH, Dim::REACTIVE_ENERGY),
    ("kVARh", KWH, Dim::REACTIVE_ENERGY),
    ("Mvarh", 1e3 * KWH, Dim::REACTIVE_ENERGY),
    ("MVArh", 1e3 * KWH, Dim::REACTIVE_ENERGY),
    // mass
    ("g", 1e-3, Dim::MASS),
    ("kg", 1.0, Dim::MASS),
    ("t", 1e3, Dim::MASS),
    ("kt", 1e6, Dim::MASS),
    ("Mt", 1e9, Dim::MASS),
    // CO2-equivalent mass
    ("gCO2", 1e-3, Dim::CO2),
    ("gCO2e", 1e-3, Dim::CO2),
    ("kgCO2", 1.0, Dim::CO2),
    ("tCO2", 1e3, Dim::CO2),
    ("ktCO2", 1e6, Dim::CO2),
    ("MtCO2", 1e9, Dim::CO2),
    ("kgCO2e", 1.0, Dim::CO2),
    ("tCO2e", 1e3, Dim::CO2),
    // time
    ("s", 1.0, Dim::TIME),
    ("min", 60.0, Dim::TIME),
    ("h", HOUR, Dim::TIME),
    ("d", 86_400.0, Dim::TIME),
    ("a", 365.0 * 86_400.0, Dim::TIME),
    // length, area, volume
    ("m", 1.0, Dim::LENGTH),
    ("km", 1e3, Dim::LENGTH),
    ("m²", 1.0, Dim::AREA),
    ("m³", 1.0, Dim::VOLUME),
    ("Nm³", 1.0, Dim::VOLUME),
    ("l", 1e-3, Dim::VOLUME),
    ("L", 1e-3, Dim::VOLUME),
    // temperature difference
    ("K", 1.0, Dim::TEMPERATURE),
    // pressure
    ("Pa", 1.0, Dim::PRESSURE),
    ("kPa", 1e3, Dim::PRESSURE),
    ("MPa", 1e6, Dim::PRESSURE),
    ("mbar", 100.0, Dim::PRESSURE),
    ("bar", 1e5, Dim::PRESSURE),
    // rotational speed, frequency
    ("rpm", 1.0 / 60.0, Dim::FREQUENCY),
    ("Hz", 1.0, Dim::FREQUENCY),
    // electricity
    ("A", 1.0, Dim::CURRENT),
    ("kA", 1e3, Dim::CURRENT),
    ("mV", 1e-3, Dim::VOLTAGE),
    ("V", 1.0, Dim::VOLTAGE),
    ("kV", 1e3, Dim::VOLTAGE),
    // dimensionless
    ("%", 0.01, Dim::NONE),
    ("vol%", 0.01, Dim::NONE),
    ("%vol", 0.01, Dim::NONE),
    ("ppm", 1e-6, Dim::NONE),
    ("1", 1.0, Dim::NONE),
];

fn simple(sym: &str) -> Option<Unit> {
    // ASCII spellings of superscripts: m2, m3, Nm3.
    let sym = match sym {
        "m2" => "m²",
        "m3" => "m³",
        "Nm3" => "Nm³",
        "degC" | "C" => "°C",
        "degF" | "F" => "°F",
        "r/min" => "rpm",
        other => other,
    };
    match sym {
        "°C" => return Some(Unit { symbol: "°C", scale: 1.0, offset: 273.15, dim: Dim::TEMPERATURE }),
        "°F" => return Some(Unit { symbol: "°F", scale: 5.0 / 9.0, offset: 273.15 - 32.0 * 5.0 / 9.0, dim: Dim::TEMPERATURE }),
        _ => {}
    }
    UNIT_TABLE.iter().find(|(s, _, _)| *s == sym).map(|&(symbol, scale, dim)| Unit { symbol, scale, offset: 0.0, dim })
}

/// Parses `kW`, `t/h`, `GJ/t`, `tCO2/MWh`, `kWh/m²`, `kg·m/s`… Compounds may not contain offset units.
pub fn parse_unit(text: &str) -> Result<Unit, UnitError> {
    let t = text.trim();
    if let Some(u) = simple(t) {
        return Ok(u);
    }
    let unknown = || UnitError::Unknown(text.to_string());
    let mut scale = 1.0;
    let mut dim = Dim::NONE;
    // Split on '/' : the first part multiplies, every later part divides.
    for (k, part) in t.split('/').enumerate() {
        for factor in part.split(['·', '*', ' ']).filter(|f| !f.is_empty()) {
            let u = simple(factor).ok_or_else(unknown)?;
            if u.offset != 0.0 {
                return Err(unknown());
            }
            if k == 0 {
                scale *= u.scale;
                dim = dim.combine(u.dim, 1);
            } else {
                scale /= u.scale;
                dim = dim.combine(u.dim, -1);
            }
        }
    }
    if t.is_empty() {
        return Err(unknown());
    }
    Ok(Unit { symbol: "", scale, offset: 0.0, dim })
}
