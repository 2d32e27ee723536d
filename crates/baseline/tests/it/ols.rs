//! NIST Statistical Reference Datasets, linear least squares (https://www.itl.nist.gov/div898/strd/lls/):
//! Norris (lower difficulty) and Longley (higher: nearly collinear predictors), certified values to 15 digits.

use plant_baseline::ols::{OlsError, ols};

fn close(a: f64, b: f64, rel: f64, what: &str) {
    assert!((a - b).abs() <= rel * b.abs(), "{what}: {a} (certified {b})");
}

const NORRIS_Y: [f64; 36] = [
    0.1, 338.8, 118.1, 888.0, 9.2, 228.1, 668.5, 998.5, 449.1, 778.9, 559.2, 0.3, 0.1, 778.1, 668.8, 339.3, 448.9, 10.8, 557.7, 228.3, 998.0, 888.8, 119.6, 0.3, 0.6, 557.6, 339.3,
    888.0, 998.5, 778.9, 10.2, 117.6, 228.9, 668.4, 449.2, 0.2,
];
const NORRIS_X: [f64; 36] = [
    0.2, 337.4, 118.2, 884.6, 10.1, 226.5, 666.3, 996.3, 448.6, 777.0, 558.2, 0.4, 0.6, 775.5, 666.9, 338.0, 447.5, 11.6, 556.0, 228.1, 995.8, 887.6, 120.2, 0.3, 0.3, 556.8,
    339.1, 887.2, 999.0, 779.0, 11.1, 118.3, 229.2, 669.1, 448.9, 0.5,
];

#[test]
fn norris_matches_the_certified_values() {
    let fit = ols(&[vec![1.0; 36], NORRIS_X.to_vec()], &NORRIS_Y).expect("fits");
    close(fit.coef[0], -0.262323073774029, 1e-10, "B0");
    close(fit.coef[1], 1.00211681802045, 1e-12, "B1");
    close(fit.se[0], 0.232818234301152, 1e-10, "sd B0");
    close(fit.se[1], 0.429796848199937e-3, 1e-10, "sd B1");
    close(fit.residual_sd(), 0.884796396144373, 1e-10, "residual sd");
    close(fit.r2(), 0.999993745883712, 1e-12, "R²");
    close(fit.sse, 26.6173985294224, 1e-9, "residual SS");
}

#[test]
fn longley_matches_the_certified_values() {
    #[rustfmt::skip]
    let rows: [[f64; 7]; 16] = [
        [60323.0, 83.0, 234289.0, 2356.0, 1590.0, 107608.0, 1947.0],
        [61122.0, 88.5, 259426.0, 2325.0, 1456.0, 108632.0, 1948.0],
        [60171.0, 88.2, 258054.0, 3682.0, 1616.0, 109773.0, 1949.0],
        [61187.0, 89.5, 284599.0, 3351.0, 1650.0, 110929.0, 1950.0],
        [63221.0, 96.2, 328975.0, 2099.0, 3099.0, 112075.0, 1951.0],
        [63639.0, 98.1, 346999.0, 1932.0, 3594.0, 113270.0, 1952.0],
        [64989.0, 99.0, 365385.0, 1870.0, 3547.0, 115094.0, 1953.0],
        [63761.0, 100.0, 363112.0, 3578.0, 3350.0, 116219.0, 1954.0],
        [66019.0, 101.2, 397469.0, 2904.0, 3048.0, 117388.0, 1955.0],
        [67857.0, 104.6, 419180.0, 2822.0, 2857.0, 118734.0, 1956.0],
        [68169.0, 108.4, 442769.0, 2936.0, 2798.0, 120445.0, 1957.0],
        [66513.0, 110.8, 444546.0, 4681.0, 2637.0, 121950.0, 1958.0],
        [68655.0, 112.6, 482704.0, 3813.0, 2552.0, 123366.0, 1959.0],
        [69564.0, 114.2, 502601.0, 3931.0, 2514.0, 125368.0, 1960.0],
        [69331.0, 115.7, 518173.0, 4806.0, 2572.0, 127852.0, 1961.0],
        [70551.0, 116.9, 554894.0, 4007.0, 2827.0, 130081.0, 1962.0],
    ];
    let y: Vec<f64> = rows.iter().map(|r| r[0]).collect();
    let mut cols = vec![vec![1.0; 16]];
    cols.extend((1..7).map(|j| rows.iter().map(|r| r[j]).collect::<Vec<f64>>()));
    let fit = ols(&cols, &y).expect("fits");
    let certified = [
        (-3482258.63459582, 890420.383607373),
        (15.0618722713733, 84.9149257747669),
        (-0.358191792925910e-1, 0.334910077722432e-1),
        (-2.02022980381683, 0.488399681651699),
        (-1.03322686717359, 0.214274163161675),
        (-0.511041056535807e-1, 0.226073200069370),
        (1829.15146461355, 455.478499142212),
    ];
    // Householder QR in f64 keeps about 8 of the 15 certified digits of this ill-conditioned case (GSL tests to
    // 1e-10 with a tuned solver; Apache Commons Math to 2e-8).
    for (j, (b, sd)) in certified.iter().enumerate() {
        close(fit.coef[j], *b, 1e-7, &format!("B{j}"));
        close(fit.se[j], *sd, 1e-7, &format!("sd B{j}"));
    }
    close(fit.residual_sd(), 304.854073561965, 1e-8, "residual sd");
    close(fit.r2(), 0.995479004577296, 1e-10, "R²");
}

#[test]
fn a_driver_that_never_changes_or_too_few_rows_is_an_error() {
    let y = [1.0, 2.0, 3.0, 4.0];
    assert_eq!(ols(&[vec![1.0; 4], vec![5.0; 4]], &y), Err(OlsError::Singular));
    assert!(matches!(ols(&[vec![1.0; 2], vec![1.0, 2.0]], &y[..2]), Err(OlsError::TooFewRows { .. })));
    assert_eq!(ols(&[vec![1.0; 4], vec![1.0, f64::NAN, 2.0, 3.0]], &y), Err(OlsError::NotFinite));
}
