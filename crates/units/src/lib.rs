//! Units with dimensions for energy and carbon accounting.
//!
//! A [`Value`] is a number in SI base units with a [`Dim`] (exponents of mass, length, time, amount of
//! CO2-equivalent… kept as small integers). Adding or comparing values of different dimensions is an
//! error, not a silent number; multiplying and dividing combine dimensions, so `t/h × GJ/t` is power and
//! `MWh × t/MWh` is a mass. Units are parsed from the names plant engineers write: `kW`, `MWh`, `GJ`,
//! `kgce`, `tce`, `t/h`, `Nm³/h`, `tCO2/MWh`, `GJ/t`, `kWh/t`…
//!
//! Sources: 1 kgce = 29.3076 MJ (GB/T 2589); 1 kcal = 4.1868 kJ.

mod parse;

use std::fmt;
use std::ops::{Div, Mul};

use plant_i18n::{Msg, msg};

pub use parse::{UNIT_TABLE, parse_unit};

/// Exponents of the base dimensions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Dim {
    /// kilogram
    pub mass: i8,
    /// metre
    pub length: i8,
    /// second
    pub time: i8,
    /// kelvin (temperature differences)
    pub temperature: i8,
    /// kilogram of CO2-equivalent: kept apart from plain mass so that t CO2 and t coal never add up.
    pub co2: i8,
    /// ampere
    pub current: i8,
    /// Reactive (var rather than W): kept apart so that kvar and kW, or kvarh and kWh, never add up.
    pub reactive: i8,
}

impl Dim {
    pub const NONE: Dim = Dim { mass: 0, length: 0, time: 0, temperature: 0, co2: 0, current: 0, reactive: 0 };
    pub const MASS: Dim = Dim { mass: 1, ..Dim::NONE };
    pub const LENGTH: Dim = Dim { length: 1, ..Dim::NONE };
    pub const TIME: Dim = Dim { time: 1, ..Dim::NONE };
    pub const TEMPERATURE: Dim = Dim { temperature: 1, ..Dim::NONE };
    pub const CO2: Dim = Dim { co2: 1, ..Dim::NONE };
    /// J = kg m² s⁻²
    pub const ENERGY: Dim = Dim { mass: 1, length: 2, time: -2, ..Dim::NONE };
    /// W = J/s
    pub const POWER: Dim = Dim { mass: 1, length: 2, time: -3, ..Dim::NONE };
    pub const MASS_FLOW: Dim = Dim { mass: 1, time: -1, ..Dim::NONE };
    pub const VOLUME: Dim = Dim { length: 3, ..Dim::NONE };
    pub const VOLUME_FLOW: Dim = Dim { length: 3, time: -1, ..Dim::NONE };
    pub const AREA: Dim = Dim { length: 2, ..Dim::NONE };
    /// Pa = N/m² = kg m⁻¹ s⁻²
    pub const PRESSURE: Dim = Dim { mass: 1, length: -1, time: -2, ..Dim::NONE };
    /// Hz, rpm: per second
    pub const FREQUENCY: Dim = Dim { time: -1, ..Dim::NONE };
    pub const CURRENT: Dim = Dim { current: 1, ..Dim::NONE };
    /// V = W/A
    pub const VOLTAGE: Dim = Dim { mass: 1, length: 2, time: -3, current: -1, ..Dim::NONE };
    /// var: volt-amperes reactive (IEC 60050-131), the power's dimension marked reactive.
    pub const REACTIVE_POWER: Dim = Dim { reactive: 1, ..Dim::POWER };
    /// varh
    pub const REACTIVE_ENERGY: Dim = Dim { reactive: 1, ..Dim::ENERGY };

    pub const fn combine(self, o: Dim, sign: i8) -> Dim {
        Dim {
            mass: self.mass + sign * o.mass,
            length: self.length + sign * o.length,
            time: self.time + sign * o.time,
            temperature: self.temperature + sign * o.temperature,
            co2: self.co2 + sign * o.co2,
            current: self.current + sign * o.current,
            reactive: self.reactive + sign * o.reactive,
        }
    }

    /// The known dimensions: their key in the catalogue (`units-dim`) and English name.
    const NAMED: [(Dim, &'static str, &'static str); 22] = [
        (Dim::NONE, "none", "a pure number"),
        (Dim::MASS, "mass", "mass"),
        (Dim::TIME, "time", "time"),
        (Dim::TEMPERATURE, "temperature", "temperature"),
        (Dim::CO2, "co2", "CO2 mass"),
        (Dim::ENERGY, "energy", "energy"),
        (Dim::POWER, "power", "power"),
        (Dim::MASS_FLOW, "mass_flow", "mass flow"),
        (Dim::VOLUME, "volume", "volume"),
        (Dim::VOLUME_FLOW, "volume_flow", "volume flow"),
        (Dim::AREA, "area", "area"),
        (Dim::PRESSURE, "pressure", "pressure"),
        (Dim::FREQUENCY, "frequency", "rotational speed or frequency"),
        (Dim::CURRENT, "current", "electric current"),
        (Dim::VOLTAGE, "voltage", "voltage"),
        (Dim::REACTIVE_POWER, "reactive_power", "reactive power"),
        (Dim::REACTIVE_ENERGY, "reactive_energy", "reactive energy"),
        (Dim::ENERGY.combine(Dim::MASS, -1), "energy_per_mass", "energy per mass"),
        (Dim::CO2.combine(Dim::ENERGY, -1), "co2_per_energy", "CO2 per energy"),
        (Dim::CO2.combine(Dim::MASS, -1), "co2_per_mass", "CO2 per mass"),
        (Dim::CO2.combine(Dim::TIME, -1), "co2_flow", "CO2 flow"),
        (Dim::ENERGY.combine(Dim::VOLUME, -1), "energy_per_volume", "energy per volume"),
    ];

    /// The key of a known dimension (`"energy"`, `"mass_flow"`…); `None` for any other.
    pub fn key(self) -> Option<&'static str> {
        Dim::NAMED.iter().find(|(d, _, _)| *d == self).map(|(_, k, _)| *k)
    }

    /// Its name for messages in the language they are shown in: "energy" / "能量", "mass flow" / "质量流量"…
    /// or the exponents.
    pub fn name_msg(self) -> Msg {
        match self.key() {
            Some(key) => msg!("units-dim", dim = key),
            None => msg!(
                "units-dim-exponents",
                mass = i32::from(self.mass),
                length = i32::from(self.length),
                time = i32::from(self.time),
                temperature = i32::from(self.temperature),
                co2 = i32::from(self.co2),
                current = i32::from(self.current),
                reactive = i32::from(self.reactive)
            ),
        }
    }

    /// Its English name ("energy", "power", "mass flow"… or the exponents), for English-only reports and
    /// logs; what a person reads is [`Dim::name_msg`].
    pub fn name(self) -> String {
        Dim::NAMED.iter().find(|(d, _, _)| *d == self).map_or_else(
            || format!("kg^{} m^{} s^{} K^{} kgCO2^{} A^{} var^{}", self.mass, self.length, self.time, self.temperature, self.co2, self.current, self.reactive),
            |(_, _, n)| n.to_string(),
        )
    }
}

/// A unit: its scale to SI, an offset (for °C), and its dimension.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Unit {
    pub symbol: &'static str,
    /// SI value of 1 of this unit (e.g. kWh → 3.6e6 J).
    pub scale: f64,
    /// Added after scaling (only °C and °F have one; such units cannot be multiplied or summed as rates).
    pub offset: f64,
    pub dim: Dim,
}

/// An operation on two values of one dimension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Add,
    Subtract,
}

/// Errors of unit arithmetic.
#[derive(Debug, Clone, PartialEq)]
pub enum UnitError {
    /// A unit the table does not know.
    Unknown(String),
    /// Adding or subtracting values of different dimensions.
    Mismatch { op: Op, left: Dim, right: Dim },
    /// A value of dimension `from` asked for in `unit`, of dimension `to`.
    Convert { from: Dim, unit: String, to: Dim },
    /// An amount of fuel that is not a mass.
    NotAFuelMass(Dim),
    /// An energy factor applied to something other than an energy.
    NotAnEnergy(Dim),
}

impl UnitError {
    /// What is wrong, in words of the catalogue (units.ftl).
    pub fn message(&self) -> Msg {
        match self {
            UnitError::Unknown(unit) => msg!("units-unknown", unit = unit),
            UnitError::Mismatch { op: Op::Add, left, right } => msg!("units-cannot-add", left = left.name_msg(), right = right.name_msg()),
            UnitError::Mismatch { op: Op::Subtract, left, right } => msg!("units-cannot-subtract", left = left.name_msg(), right = right.name_msg()),
            UnitError::Convert { from, unit, to } => msg!("units-cannot-convert", from = from.name_msg(), unit = unit, to = to.name_msg()),
            UnitError::NotAFuelMass(dim) => msg!("units-fuel-not-a-mass", dim = dim.name_msg()),
            UnitError::NotAnEnergy(dim) => msg!("units-not-an-energy", dim = dim.name_msg()),
        }
    }
}

/// In the current language.
impl fmt::Display for UnitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().text())
    }
}

impl std::error::Error for UnitError {}

/// A number with a dimension, held in SI base units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Value {
    pub si: f64,
    pub dim: Dim,
}

impl Value {
    /// `amount` of `unit`, e.g. `Value::new(3.2, "GJ/t")`.
    pub fn new(amount: f64, unit: &str) -> Result<Value, UnitError> {
        let u = parse_unit(unit)?;
        Ok(Value { si: amount * u.scale + u.offset, dim: u.dim })
    }

    pub fn of(amount: f64, unit: &Unit) -> Value {
        Value { si: amount * unit.scale + unit.offset, dim: unit.dim }
    }

    /// The amount in `unit`; an error when the dimensions differ.
    pub fn in_unit(&self, unit: &str) -> Result<f64, UnitError> {
        let u = parse_unit(unit)?;
        if u.dim != self.dim {
            return Err(UnitError::Convert { from: self.dim, unit: unit.to_string(), to: u.dim });
        }
        Ok((self.si - u.offset) / u.scale)
    }

    /// Sum of two values of the same dimension.
    pub fn try_add(self, o: Value) -> Result<Value, UnitError> {
        if self.dim != o.dim {
            return Err(UnitError::Mismatch { op: Op::Add, left: self.dim, right: o.dim });
        }
        Ok(Value { si: self.si + o.si, dim: self.dim })
    }

    pub fn try_sub(self, o: Value) -> Result<Value, UnitError> {
        if self.dim != o.dim {
            return Err(UnitError::Mismatch { op: Op::Subtract, left: self.dim, right: o.dim });
        }
        Ok(Value { si: self.si - o.si, dim: self.dim })
    }

    /// Energy over a duration at this power (or mass over a duration at this mass flow, …).
    pub fn over_secs(self, secs: f64) -> Value {
        self * Value { si: secs, dim: Dim::TIME }
    }
}

impl Mul for Value {
    type Output = Value;
    fn mul(self, o: Value) -> Value {
        Value { si: self.si * o.si, dim: self.dim.combine(o.dim, 1) }
    }
}

impl Div for Value {
    type Output = Value;
    fn div(self, o: Value) -> Value {
        Value { si: self.si / o.si, dim: self.dim.combine(o.dim, -1) }
    }
}

impl Mul<f64> for Value {
    type Output = Value;
    fn mul(self, k: f64) -> Value {
        Value { si: self.si * k, dim: self.dim }
    }
}

/// The SI amount and the dimension's name in the current language: "3600000 SI (energy)".
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} SI ({})", self.si, self.dim.name_msg())
    }
}

/// 1 kg of standard coal equivalent, J (GB/T 2589: 7,000 kcal = 29.3076 MJ).
pub const KGCE_J: f64 = 29.3076e6;

/// Converts an amount between two units, refusing units of different dimensions.
pub fn convert(amount: f64, from: &str, to: &str) -> Result<f64, UnitError> {
    Value::new(amount, from)?.in_unit(to)
}
