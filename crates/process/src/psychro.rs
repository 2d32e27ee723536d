//! Moist-air properties (psychrometrics) for the chiller plant's outdoor-air load and cooling coil.
//! Source (docs/references.md): [ASHRAE-F1], the 2017 ASHRAE Handbook—Fundamentals, ch. 1, in SI units:
//!
//! - saturation pressure of water vapour, Hyland & Wexler: over ice (−100…0 °C, eq. 5)
//!   ln p_ws = C1/T + C2 + C3·T + C4·T² + C5·T³ + C6·T⁴ + C7·ln T, and over liquid water (0…200 °C, eq. 6)
//!   ln p_ws = C8/T + C9 + C10·T + C11·T² + C12·T³ + C13·ln T, T in K, p_ws in Pa;
//! - humidity ratio W = 0.621945 · p_w / (p − p_w) (eq. 20, 22);
//! - humidity ratio from the thermodynamic wet bulb t* (above freezing, eq. 33)
//!   W = ((2501 − 2.326·t*)·W_s* − 1.006·(t − t*)) / (2501 + 1.86·t − 4.186·t*);
//! - enthalpy of moist air h = 1.006·t + W·(2501 + 1.86·t), kJ/kg dry air (eq. 32).
//!
//! Checked in `crates/process/tests/it/models.rs` against the Handbook's Table 3 (p_ws) and Example 1
//! (40 °C dry bulb, 20 °C wet bulb: W = 0.0065, h = 56.7 kJ/kg, φ = 14 %).

/// Standard atmospheric pressure at sea level, Pa ([ASHRAE-F1] Table 1).
pub const P_STD: f64 = 101_325.0;

/// Saturation pressure of water vapour, Pa, at `t_c` °C (over ice below 0 °C).
pub fn sat_pressure_pa(t_c: f64) -> f64 {
    let t = t_c + 273.15;
    let ln = if t_c < 0.0 {
        -5.674_535_9e3 / t + 6.392_524_7 - 9.677_843_0e-3 * t + 6.221_570_1e-7 * t * t + 2.074_782_5e-9 * t.powi(3) - 9.484_024_0e-13 * t.powi(4) + 4.163_501_9 * t.ln()
    } else {
        -5.800_220_6e3 / t + 1.391_499_3 - 4.864_023_9e-2 * t + 4.176_476_8e-5 * t * t - 1.445_209_3e-8 * t.powi(3) + 6.545_967_3 * t.ln()
    };
    ln.exp()
}

/// Humidity ratio, kg water per kg dry air, of air whose water-vapour partial pressure is `p_w` Pa.
pub fn humidity_ratio_from_vapour_pressure(p_w: f64, p: f64) -> f64 {
    0.621_945 * p_w / (p - p_w).max(1.0)
}

/// Humidity ratio of saturated air at `t_c`.
pub fn sat_humidity_ratio(t_c: f64, p: f64) -> f64 {
    humidity_ratio_from_vapour_pressure(sat_pressure_pa(t_c), p)
}

/// Humidity ratio at dry bulb `t_c` and relative humidity `rh` (0–1).
pub fn humidity_ratio_from_rh(t_c: f64, rh: f64, p: f64) -> f64 {
    humidity_ratio_from_vapour_pressure(rh.clamp(0.0, 1.0) * sat_pressure_pa(t_c), p)
}

/// Humidity ratio at dry bulb `t_c` and thermodynamic wet bulb `t_wb_c` (wet bulb at most the dry bulb;
/// never negative).
pub fn humidity_ratio_from_wet_bulb(t_c: f64, t_wb_c: f64, p: f64) -> f64 {
    let wb = t_wb_c.min(t_c);
    let ws = sat_humidity_ratio(wb, p);
    (((2501.0 - 2.326 * wb) * ws - 1.006 * (t_c - wb)) / (2501.0 + 1.86 * t_c - 4.186 * wb)).max(0.0)
}

/// Relative humidity (0–1) of air at `t_c` with humidity ratio `w`.
pub fn relative_humidity(t_c: f64, w: f64, p: f64) -> f64 {
    let p_w = p * w / (0.621_945 + w);
    p_w / sat_pressure_pa(t_c)
}

/// Enthalpy of moist air, kJ/kg dry air, at `t_c` with humidity ratio `w`.
pub fn enthalpy(t_c: f64, w: f64) -> f64 {
    1.006 * t_c + w * (2501.0 + 1.86 * t_c)
}

/// Enthalpy of saturated air at `t_c`, kJ/kg dry air (the wet coil's water-side potential).
pub fn sat_enthalpy(t_c: f64, p: f64) -> f64 {
    enthalpy(t_c, sat_humidity_ratio(t_c, p))
}

/// The temperature, °C, at which saturated air has enthalpy `h` kJ/kg (−20…60 °C; the inverse of
/// [`sat_enthalpy`], by bisection: the enthalpy of saturation rises with temperature).
pub fn sat_temperature_from_enthalpy(h: f64, p: f64) -> f64 {
    let (mut lo, mut hi) = (-20.0f64, 60.0f64);
    if !h.is_finite() || h <= sat_enthalpy(lo, p) {
        return lo;
    }
    if h >= sat_enthalpy(hi, p) {
        return hi;
    }
    for _ in 0..60 {
        let mid = 0.5 * (lo + hi);
        if sat_enthalpy(mid, p) < h {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}
