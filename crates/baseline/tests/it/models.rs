//! Change-point shapes recover known coefficients; the statistics and the savings uncertainty follow their
//! formulas (ASHRAE Guideline 14; docs/baselines.md).

use plant_baseline::{Data, Reporting, Shape, fit_auto, fit_shape, savings};

fn close(a: f64, b: f64, tol: f64, what: &str) {
    assert!((a - b).abs() <= tol, "{what}: {a} (expected {b})");
}

/// Daily mean temperatures from 0 to 35 °C, not in order.
fn temperatures(n: usize) -> Vec<f64> {
    (0..n).map(|i| ((i * 37) % n) as f64 * 35.0 / (n - 1) as f64).collect()
}

/// A day's metering noise: ±2 % of 800, fixed pseudo-random (a linear congruential sequence).
fn noise(n: usize) -> Vec<f64> {
    let mut state: u64 = 12345;
    (0..n)
        .map(|_| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            ((state >> 33) as f64 / (1u64 << 31) as f64 - 0.5) * 32.0
        })
        .collect()
}

#[test]
fn a_cooling_change_point_is_found_and_its_coefficients_recovered() {
    // 800 kWh a day plus 55 kWh per degree above 18 °C, and 0.3 kWh per tonne produced.
    let t = temperatures(60);
    let tonnes: Vec<f64> = (0..60).map(|i| 1000.0 + ((i * 13) % 17) as f64 * 20.0).collect();
    let y: Vec<f64> = t.iter().zip(&tonnes).zip(noise(60)).map(|((t, p), e)| 800.0 + 55.0 * (t - 18.0).max(0.0) + 0.3 * p + e).collect();
    let names = vec![String::from("tonnes")];
    let d = Data { y: &y, temperature: Some(&t), drivers: std::slice::from_ref(&tonnes), driver_names: &names };
    let m = fit_auto(&d).expect("fits");
    assert_eq!(m.shape, Shape::Cooling);
    // The grid's fine step is 0.7 K over 35 K: the change point within a step or two, the slopes near.
    let cp = m.change_point.expect("a change point");
    close(cp, 18.0, 1.4, "change point");
    close(m.coef[1], 55.0, 3.0, "cooling slope");
    close(m.coef[2], 0.3, 0.05, "per tonne");
    assert!(m.stats.r2 > 0.99, "{:?}", m.stats);
    assert_eq!(m.terms, ["intercept", "(T − cp)+", "tonnes"]);
}

#[test]
fn heating_and_four_parameter_shapes_are_told_apart() {
    let t = temperatures(80);
    let heating: Vec<f64> = t.iter().zip(noise(80)).map(|(t, e)| 500.0 + 40.0 * (15.0 - t).max(0.0) + e).collect();
    let d = Data { y: &heating, temperature: Some(&t), drivers: &[], driver_names: &[] };
    let m = fit_auto(&d).expect("fits");
    assert_eq!(m.shape, Shape::Heating);
    close(m.coef[1], -40.0, 1.5, "heating slope");
    let both: Vec<f64> = t.iter().zip(noise(80)).map(|(t, e)| 500.0 - 20.0 * (t - 14.0).min(0.0) + 60.0 * (t - 14.0).max(0.0) + e).collect();
    let d = Data { y: &both, temperature: Some(&t), drivers: &[], driver_names: &[] };
    let m = fit_auto(&d).expect("fits");
    assert_eq!(m.shape, Shape::FourP);
    close(m.change_point.expect("cp"), 14.0, 1.4, "change point");
    close(m.coef[1], -20.0, 1.0, "left slope");
    close(m.coef[2], 60.0, 2.0, "right slope");
    // Flat data: no temperature slope is significant, so the mean is kept.
    let flat: Vec<f64> = noise(80).iter().map(|e| 500.0 + e).collect();
    let m = fit_auto(&Data { y: &flat, temperature: Some(&t), drivers: &[], driver_names: &[] }).expect("fits");
    assert_eq!(m.shape, Shape::Mean);
    assert!(fit_shape(Shape::Cooling, &Data { y: &heating, temperature: Some(&t), drivers: &[], driver_names: &[] }).is_err(), "no change point gives heating data a rising slope");
}

#[test]
fn statistics_follow_guideline_14() {
    // y = 10 + 2x with residuals +1, −1 alternating: SSE = n, RMSE = √(n/(n−2)), NMBE 0, ρ = −(n−1)/n.
    let x: Vec<f64> = (0..20).map(f64::from).collect();
    let y: Vec<f64> = x.iter().enumerate().map(|(i, x)| 10.0 + 2.0 * x + if i % 2 == 0 { 1.0 } else { -1.0 }).collect();
    let d = Data { y: &y, temperature: None, drivers: std::slice::from_ref(&x), driver_names: &[String::from("x")] };
    let m = fit_shape(Shape::Mean, &d).expect("fits");
    let s = &m.stats;
    let mean = y.iter().sum::<f64>() / 20.0;
    let sse: f64 = m.residuals.iter().map(|e| e * e).sum();
    close(s.rmse, (sse / 18.0).sqrt(), 1e-12, "RMSE with n − p");
    close(s.cv_rmse_pct, 100.0 * s.rmse / mean, 1e-12, "CV(RMSE)");
    close(s.nmbe_pct, 0.0, 1e-9, "NMBE");
    assert!(s.rho < -0.9, "alternating residuals: {}", s.rho);
    assert!(s.durbin_watson > 3.5, "{}", s.durbin_watson);
}

#[test]
fn the_savings_uncertainty_is_guideline_14s_formula() {
    // A baseline of 12 periods, 2 coefficients; the reporting period of 12 at 85 % of the baseline (F = 0.15).
    let x: Vec<f64> = (0..12).map(f64::from).collect();
    let noise = [3.0, -2.0, 1.0, -4.0, 2.0, 0.5, -1.5, 3.5, -3.0, 1.0, -0.5, 0.0];
    let y: Vec<f64> = x.iter().zip(noise).map(|(x, e)| 100.0 + 5.0 * x + e).collect();
    let d = Data { y: &y, temperature: None, drivers: std::slice::from_ref(&x), driver_names: &[String::from("x")] };
    let m = fit_shape(Shape::Mean, &d).expect("fits");
    let expected: Vec<f64> = x.iter().map(|x| m.predict(None, &[*x])).collect();
    let actual: Vec<f64> = expected.iter().map(|e| 0.85 * e).collect();
    let s = savings(&m, &Reporting { actual: &actual, temperature: None, drivers: std::slice::from_ref(&x) }, &[0.68, 0.90]);
    close(s.fraction, 0.15, 1e-12, "F");
    assert_eq!(s.outside_range, 0);
    let st = &m.stats;
    let n = 12.0;
    let n1 = if st.rho > 0.0 { n * (1.0 - st.rho) / (1.0 + st.rho) } else { n };
    // Student's t, two-sided 90 %, 10 degrees of freedom: 1.8125 (NIST/SEMATECH e-Handbook table: 1.812).
    let t90 = 1.812461123;
    let fsu = t90 * 1.26 * (st.cv_rmse_pct / 100.0) * ((n / n1) * (1.0 + 2.0 / n1) / 12.0).sqrt() / 0.15;
    let u90 = s.uncertainty.iter().find(|u| u.confidence == 0.90).expect("90 %");
    close(u90.t, t90, 1e-8, "t");
    close(u90.fraction.expect("savings"), fsu, 1e-9, "FSU");
    close(u90.absolute, fsu * s.avoided, 1e-9 * s.avoided, "ΔE");
    // A reporting period beyond the baseline's range is counted as extrapolated.
    let far = vec![30.0; 3];
    let s = savings(&m, &Reporting { actual: &[200.0, 200.0, 200.0], temperature: None, drivers: std::slice::from_ref(&far) }, &[0.9]);
    assert_eq!(s.outside_range, 3);
}
