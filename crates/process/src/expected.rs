//! What a site's process model expects a meter to read: the model of a `[[whatif]]` unit evaluated at the
//! settings and conditions measured over a trailing window, one figure of it converted to the meter's unit.
//! Alarms on a deviation from the model (alarms.toml `expected`) and a training scenario's process events read
//! the model through here.

use std::sync::Arc;

use plant_i18n::{Msg, msg};
use plant_site::{Site, WhatIf};
use plant_store::{Store, TimestampMs};
use serde::Serialize;

use crate::{Evaluation, Model, Prices};

/// A figure of a model's evaluation: its fuel, electricity, process CO2, all CO2, or a named output
/// (`plant-twin eval PROCESS` lists them).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Figure {
    Fuel,
    Electricity,
    ProcessCo2,
    Co2,
    Output(String),
}

impl Figure {
    /// From its name in a file: `fuel`, `electricity`, `process_co2`, `co2`, or an output's key.
    pub fn parse(s: &str) -> Figure {
        match s {
            "fuel" => Figure::Fuel,
            "electricity" => Figure::Electricity,
            "process_co2" => Figure::ProcessCo2,
            "co2" => Figure::Co2,
            other => Figure::Output(other.to_owned()),
        }
    }

    /// Its value in `e`, in [`Figure::unit`]; `None`: the model has no such output.
    pub fn of(&self, e: &Evaluation) -> Option<f64> {
        match self {
            Figure::Fuel => Some(e.fuel_gj_h),
            Figure::Electricity => Some(e.electricity_kw),
            Figure::ProcessCo2 => Some(e.scope1_process_t_h),
            Figure::Co2 => Some(e.co2_t_h()),
            Figure::Output(k) => e.output(k),
        }
    }

    /// Its unit in `e`.
    pub fn unit<'a>(&self, e: &'a Evaluation) -> Option<&'a str> {
        match self {
            Figure::Fuel => Some("GJ/h"),
            Figure::Electricity => Some("kW"),
            Figure::ProcessCo2 | Figure::Co2 => Some("t/h"),
            Figure::Output(k) => e.outputs.iter().find(|o| o.key == k).map(|o| o.unit),
        }
    }
}

/// At most this much of a chiller curve file is read.
const MAX_CURVES_BYTES: u64 = 4 << 20;

/// The model of a `[[whatif]]` unit with its configuration (a chiller plant's curve set), and a note when the
/// configuration could not be used (the model's defaults are used then). `None`: no such model.
pub fn for_whatif(wi: &WhatIf) -> Option<(Model, Option<Msg>)> {
    configured(&wi.process, curves_of(wi).as_ref())
}

/// The text of a unit's curve file (`None`: it names none), or why it cannot be read.
fn curves_of(wi: &WhatIf) -> Option<Result<String, String>> {
    wi.curves.as_ref().map(|path| {
        // The path was checked to stay inside the package when site.toml was read.
        plant_site::read_text_limited(path, MAX_CURVES_BYTES).map_err(|e| match e {
            plant_site::TextFileError::TooLarge(max) => format!("{}: > {} MB", path.display(), max >> 20), // i18n-ok: a size
            plant_site::TextFileError::Unreadable(e) => format!("{}: {e}", path.display()),
            plant_site::TextFileError::Refused(e) => e.message().text(),
        })
    })
}

/// The model `process` configured with a curve file's text already read.
fn configured(process: &str, curves: Option<&Result<String, String>>) -> Option<(Model, Option<Msg>)> {
    let mut model = crate::by_id(process)?;
    let note = curves.and_then(|text| match text.clone().and_then(|t| model.configure("curves", &t).map_err(|e| e.to_string())) {
        Ok(_) => None,
        Err(e) => Some(msg!("whatif-curves-not-used", error = e)),
    });
    Some((model, note))
}

/// What a meter is expected to read by a unit's model. Shared (an `Arc` of the site) so an alarm definition
/// carries it whole.
#[derive(Clone, Debug, Serialize)]
pub struct Expected {
    /// The `[[whatif]]` unit's process id.
    pub whatif: String,
    pub figure: Figure,
    /// The settings and conditions are the means over this window before each sample, ms.
    pub window_ms: i64,
    /// The model is evaluated at most once per this interval, ms (between, the last value holds).
    pub step_ms: i64,
    /// From the figure's unit to the meter's raw unit: `raw = figure × scale + offset`.
    pub scale: f64,
    pub offset: f64,
    #[serde(skip)]
    site: Arc<Site>,
    #[serde(skip)]
    index: usize,
    /// The unit's curve file, read once: the model is made again at every live extension of an alarm, with no
    /// file read then.
    #[serde(skip)]
    curves: Option<Result<String, String>>,
}

impl PartialEq for Expected {
    fn eq(&self, o: &Self) -> bool {
        (&self.whatif, &self.figure, self.window_ms, self.step_ms, self.scale, self.offset, self.index)
            == (&o.whatif, &o.figure, o.window_ms, o.step_ms, o.scale, o.offset, o.index)
            && Arc::ptr_eq(&self.site, &o.site)
    }
}

/// Why a meter cannot be compared with a model.
#[derive(Clone, Debug, PartialEq)]
pub enum ExpectedError {
    /// The site has no `[[whatif]]` of this process.
    NoUnit,
    /// The model has no such output.
    NoFigure,
    /// The figure's unit (first) is not of the meter's (second).
    Units(String, String),
}

impl Expected {
    /// The figure of the site's unit of `process` in the unit of `meter_unit`.
    pub fn new(site: Arc<Site>, process: &str, figure: Figure, meter_unit: &str, window_ms: i64) -> Result<Expected, ExpectedError> {
        let index = site.whatifs.iter().position(|w| w.process == process).ok_or(ExpectedError::NoUnit)?;
        let curves = curves_of(&site.whatifs[index]);
        let (model, _) = configured(process, curves.as_ref()).ok_or(ExpectedError::NoUnit)?;
        let e = model.evaluate(&model.defaults(), &Prices::default());
        let (Some(_), Some(unit)) = (figure.of(&e), figure.unit(&e)) else { return Err(ExpectedError::NoFigure) };
        let units = || ExpectedError::Units(unit.to_owned(), meter_unit.to_owned());
        // A pure number (a share, a count) is compared as it is when the meter has no unit either.
        let (offset, one) = if unit.is_empty() && meter_unit.trim().is_empty() {
            (0.0, 1.0)
        } else {
            let c = |x: f64| plant_units::convert(x, unit, meter_unit).map_err(|_| units());
            (c(0.0)?, c(1.0)?)
        };
        Ok(Expected { whatif: process.to_owned(), figure, window_ms: window_ms.max(1), step_ms: window_ms.clamp(1, 60_000), scale: one - offset, offset, site, index, curves })
    }

    /// The unit's model, configured; `None` if it cannot be made (it could when this was checked).
    pub fn model(&self) -> Option<Model> {
        configured(&self.site.whatifs.get(self.index)?.process, self.curves.as_ref()).map(|(m, _)| m)
    }

    /// The figure at `t` in the meter's raw unit: the model at the settings and conditions measured over
    /// `(t − window, t]`. `None` when a setting or condition the unit reads has no data in the window.
    pub fn at(&self, model: &mut dyn crate::Process, store: &Store, t: TimestampMs) -> Option<f64> {
        let wi = self.site.whatifs.get(self.index)?;
        let b = crate::baseline::baseline(&self.site, store, wi, model, t + 1 - self.window_ms, t + 1);
        let read = b.from_data.iter().filter(|x| **x).count() == wi.baseline.len() && b.conditions.len() == wi.conditions.len();
        let v = self.figure.of(&model.evaluate(&b.settings, &Prices::default()))?;
        (read && v.is_finite()).then_some(v * self.scale + self.offset)
    }
}
