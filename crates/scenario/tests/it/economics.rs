//! The economics against published compound-interest factors: the capital recovery factor (A/P, i, n) and
//! the uniform-series present worth (P/A, i, n) as tabulated in engineering-economics interest tables
//! (e.g. Newnan, Eschenbach & Lavelle, *Engineering Economic Analysis*, appendix C; the formulas are those of
//! Short, Packey & Holt, NREL/TP-462-5173, 1995, [NREL-1995] in docs/references.md).

use plant_scenario::economics::{appraise, crf, present_worth_factor};

fn close(a: f64, b: f64, tol: f64) {
    assert!((a - b).abs() <= tol, "{a} is not {b} ± {tol}");
}

#[test]
fn factors_match_the_interest_tables() {
    // (P/A, 10 %, 10) = 6.1446; (A/P, 10 %, 10) = 0.16275.
    close(present_worth_factor(0.10, 10), 6.1446, 5e-5);
    close(crf(0.10, 10), 0.16275, 1e-5);
    // (A/P, 8 %, 15) = 0.11683; (P/A, 8 %, 15) = 8.5595.
    close(crf(0.08, 15), 0.11683, 5e-6);
    close(present_worth_factor(0.08, 15), 8.5595, 5e-5);
    // (P/A, 5 %, 20) = 12.4622.
    close(present_worth_factor(0.05, 20), 12.4622, 5e-5);
    // At zero interest the capital is spread evenly.
    close(crf(0.0, 4), 0.25, 1e-12);
}

#[test]
fn a_measure_is_appraised_as_the_literature_costs_one() {
    // 100,000 invested for 10 years at 10 %, saving 25,000 a year of energy at 2,000 a year of O&M, avoiding
    // 50 t CO2 a year.
    let a = appraise(25_000.0, 50.0, 100_000.0, 10, 2_000.0, 0.10);
    close(a.annualised_capex, 16_274.54, 0.01);
    close(a.simple_payback_years.expect("it pays back"), 100_000.0 / 23_000.0, 1e-9);
    // NPV = −100,000 + 23,000 × 6.14457 = 41,325.1
    close(a.npv, -100_000.0 + 23_000.0 * 6.144_567, 0.1);
    // (16,274.54 + 2,000 − 25,000) / 50 = −134.51 per t: it pays for itself.
    close(a.abatement_cost_per_t.expect("it avoids CO2"), (16_274.54 + 2_000.0 - 25_000.0) / 50.0, 0.001);
    // No payback when the O&M eats the saving; no abatement cost when nothing is avoided.
    let b = appraise(1_000.0, 0.0, 10_000.0, 5, 2_000.0, 0.05);
    assert_eq!(b.simple_payback_years, None);
    assert_eq!(b.abatement_cost_per_t, None);
}
