//! Regression baselines of the IPMVP kind (Bevy-free): what a meter's energy "should" be under the weather and
//! the production of each day or hour, learnt from a baseline period, so that a later period's actual energy can
//! be set against it and the avoided energy measured, with its uncertainty (IPMVP Option C [IPMVP-2012];
//! statistics and uncertainty of ASHRAE Guideline 14 [G14-2014]; change-point shapes and their search of the
//! RP-1050 Inverse Modeling Toolkit [IMT-2003]). Sources and the rules in docs/baselines.md.
//!
//! - [`ols`]: least squares by QR, checked against NIST's certified Norris and Longley results.
//! - [`model`]: mean, 2P, 3PC, 3PH and 4P shapes in a temperature, plus linear drivers (clinker t/d, m² heated…),
//!   fitted by shape or chosen by least RMSE; R², CV(RMSE), NMBE, residual autocorrelation.
//! - [`savings`]: expected (adjusted baseline) against actual over a reporting period; the fractional savings
//!   uncertainty at 68 % and 90 %.
//! - [`periods`]: a site's meters as rows of days or hours.

pub mod model;
pub mod ols;
pub mod periods;
pub mod savings;

pub use model::{Data, Model, Shape, Stats, fit_auto, fit_shape};
pub use periods::{PeriodsError, Step, Table, period_unit, table};
pub use savings::{Reporting, Savings, Uncertainty, savings};

use plant_site::Site;
use plant_store::{Store, TimestampMs};
use serde::Serialize;

/// What to fit: the meter, its conditions, the windows, the step and the shape (`None`: chosen).
pub struct Request<'a> {
    pub meter: &'a str,
    pub temperature: Option<&'a str>,
    pub drivers: &'a [String],
    pub baseline: (TimestampMs, TimestampMs),
    pub reporting: Option<(TimestampMs, TimestampMs)>,
    pub step: Step,
    pub shape: Option<Shape>,
    /// A weekend indicator as a further driver (Saturday and Sunday in the site's time zone; public holidays
    /// and swapped working days are not known).
    pub weekend: bool,
}

/// A baseline fitted on a site's meters, and the reporting period against it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Study {
    pub meter: String,
    /// The unit of a period's value (kWh, t…).
    pub unit: String,
    pub temperature: Option<String>,
    pub drivers: Vec<String>,
    pub step: Step,
    pub model: Model,
    /// Baseline periods left out for too little data.
    pub baseline_left_out: usize,
    pub savings: Option<Savings>,
    pub reporting_left_out: usize,
    /// Each reporting period's start (ms), in the order of `savings.periods`.
    pub reporting_starts_ms: Vec<TimestampMs>,
}

/// Why a study could not be made.
#[derive(Clone, Debug, PartialEq)]
pub enum StudyError {
    Periods(PeriodsError),
    /// Too few usable periods, or drivers that do not vary.
    Fit(ols::OlsError),
    /// The reporting window has no usable period.
    NoReportingPeriods,
}

/// The table with its weekend indicator as the last driver, when asked for.
fn with_weekend(mut t: Table, weekend: bool) -> Table {
    if weekend {
        t.drivers.push(t.weekend.clone());
    }
    t
}

/// Fits the baseline over `req.baseline` and sets the reporting window against it.
pub fn study(site: &Site, store: &Store, req: &Request) -> Result<Study, StudyError> {
    let (t0, t1) = req.baseline;
    let base = with_weekend(table(site, store, req.meter, req.temperature, req.drivers, t0, t1, req.step).map_err(StudyError::Periods)?, req.weekend);
    let mut names = req.drivers.to_vec();
    if req.weekend {
        names.push(String::from("weekend"));
    }
    let data = Data { y: &base.y, temperature: base.temperature.as_deref(), drivers: &base.drivers, driver_names: &names };
    let model = match req.shape {
        Some(shape) => fit_shape(shape, &data),
        None => fit_auto(&data),
    }
    .map_err(StudyError::Fit)?;
    let (savings, reporting_left_out, reporting_starts_ms) = match req.reporting {
        Some((r0, r1)) => {
            let rep = with_weekend(table(site, store, req.meter, req.temperature, req.drivers, r0, r1, req.step).map_err(StudyError::Periods)?, req.weekend);
            if rep.y.is_empty() {
                return Err(StudyError::NoReportingPeriods);
            }
            let r = Reporting { actual: &rep.y, temperature: rep.temperature.as_deref(), drivers: &rep.drivers };
            (Some(savings(&model, &r, &[0.68, 0.90])), rep.left_out, rep.starts_ms.clone())
        }
        None => (None, 0, Vec::new()),
    };
    let unit = site.meter(req.meter).map(|m| period_unit(m.quantity, &m.unit)).unwrap_or_default();
    Ok(Study {
        meter: req.meter.to_owned(),
        unit,
        temperature: req.temperature.map(str::to_owned),
        drivers: names,
        step: req.step,
        model,
        baseline_left_out: base.left_out,
        savings,
        reporting_left_out,
        reporting_starts_ms,
    })
}

/// The coefficients, statistics and savings as rows: section, item, value, unit.
pub fn csv(s: &Study) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(["section", "item", "value", "unit"]);
    let mut row = |section: &str, item: &str, value: f64, unit: &str| {
        let _ = w.write_record([section, item, &value.to_string(), unit]);
    };
    let m = &s.model;
    if let Some(cp) = m.change_point {
        row("model", "change point", cp, "");
    }
    for ((term, c), se) in m.terms.iter().zip(&m.coef).zip(&m.se) {
        row("coefficient", term, *c, "");
        row("standard error", term, *se, "");
    }
    let st = &m.stats;
    for (item, v, unit) in [
        ("n", st.n as f64, ""),
        ("p", st.p as f64, ""),
        ("R2", st.r2, ""),
        ("CV(RMSE)", st.cv_rmse_pct, "%"),
        ("NMBE", st.nmbe_pct, "%"),
        ("rho", st.rho, ""),
        ("RMSE", st.rmse, &s.unit),
    ] {
        row("statistics", item, v, unit);
    }
    if let Some(sv) = &s.savings {
        for (item, v) in [("expected", sv.expected), ("actual", sv.actual), ("avoided", sv.avoided)] {
            row("savings", item, v, &s.unit);
        }
        for u in &sv.uncertainty {
            row("uncertainty", &format!("{:.0}%", 100.0 * u.confidence), u.absolute, &s.unit);
        }
    }
    let text = String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default();
    format!("\u{feff}{text}")
}
