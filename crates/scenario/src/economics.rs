//! The economics of a measure, as the energy-efficiency literature costs one ([NREL-1995], [MACC-2012] in
//! docs/references.md): end-of-year cash flows at a real discount rate, no taxes, no escalation.
//!
//! - capital recovery factor CRF(i, n) = i (1 + i)^n / ((1 + i)^n − 1), and 1/n at i = 0;
//! - present worth of a uniform series (P/A, i, n) = 1 / CRF(i, n);
//! - simple payback = capital / (yearly energy-cost saving − yearly O&M), when that is positive;
//! - NPV = −capital + (saving − O&M) × (P/A, i, n);
//! - abatement cost = (capital × CRF + O&M − saving) / t CO2 avoided per year: the levelised cost of a
//!   tonne avoided, negative when the measure pays for itself, before any carbon price.

use serde::Serialize;

/// Capital recovery factor: the share of a capital sum to pay each year for `years` at `rate`.
pub fn crf(rate: f64, years: u32) -> f64 {
    let n = f64::from(years.max(1));
    if rate.abs() < 1e-12 {
        return 1.0 / n;
    }
    let g = (1.0 + rate).powf(n);
    rate * g / (g - 1.0)
}

/// Present worth of 1 a year for `years` at `rate`, (P/A, i, n).
pub fn present_worth_factor(rate: f64, years: u32) -> f64 {
    1.0 / crf(rate, years)
}

/// A measure's money and carbon over a year.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Appraisal {
    /// Energy cost saved per year (negative: it costs more energy).
    pub saving_per_year: f64,
    /// t CO2 avoided per year (negative: it adds CO2).
    pub avoided_t_per_year: f64,
    pub capex: f64,
    pub lifetime_years: u32,
    pub om_per_year: f64,
    pub discount_rate: f64,
    /// Capital × CRF.
    pub annualised_capex: f64,
    /// Years; `None` when the net saving is not positive.
    pub simple_payback_years: Option<f64>,
    pub npv: f64,
    /// Per t CO2 avoided; `None` when it avoids none.
    pub abatement_cost_per_t: Option<f64>,
}

/// Appraises a measure that saves `saving_per_year` of energy cost and avoids `avoided_t_per_year`.
pub fn appraise(saving_per_year: f64, avoided_t_per_year: f64, capex: f64, lifetime_years: u32, om_per_year: f64, discount_rate: f64) -> Appraisal {
    let annualised_capex = capex * crf(discount_rate, lifetime_years);
    let net = saving_per_year - om_per_year;
    let simple_payback_years = (net > 0.0).then(|| capex / net);
    let npv = -capex + net * present_worth_factor(discount_rate, lifetime_years);
    let abatement_cost_per_t = (avoided_t_per_year > 1e-9).then(|| (annualised_capex + om_per_year - saving_per_year) / avoided_t_per_year);
    Appraisal { saving_per_year, avoided_t_per_year, capex, lifetime_years, om_per_year, discount_rate, annualised_capex, simple_payback_years, npv, abatement_cost_per_t }
}
