//! Unit conversions and refusals.

use plant_units::{Dim, KGCE_J, UnitError, Value, convert, parse_unit};

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * b.abs().max(1e-12)
}

#[test]
fn energy_units_convert() {
    assert!(close(convert(1.0, "MWh", "GJ").expect("ok"), 3.6, 1e-12));
    assert!(close(convert(1.0, "kgce", "MJ").expect("ok"), 29.3076, 1e-12));
    assert!(close(convert(1.0, "tce", "GJ").expect("ok"), 29.3076, 1e-12));
    assert!(close(convert(1.0, "kcal", "kJ").expect("ok"), 4.1868, 1e-12));
    // carbon.md worked case: 3.3 GJ/t = 112.6 kgce/t.
    assert!(close(convert(3.3, "GJ/t", "kgce/t").expect("ok"), 112.6, 1e-3));
    assert!(close(KGCE_J, 7000.0 * 4186.8, 1e-12), "1 kgce is 7,000 kcal");
}

#[test]
fn rates_and_products_combine_dimensions() {
    // 28 t/h of coal at 23.8 GJ/t is 185 MW of fuel power.
    let fuel = Value::new(28.0, "t/h").expect("t/h") * Value::new(23.8, "GJ/t").expect("GJ/t");
    assert_eq!(fuel.dim, Dim::POWER);
    assert!(close(fuel.in_unit("MW").expect("MW"), 28.0 * 23.8e9 / 3600.0 / 1e6, 1e-12));
    // 2 MW for half an hour is 1 MWh.
    assert!(close(Value::new(2.0, "MW").expect("MW").over_secs(1800.0).in_unit("MWh").expect("MWh"), 1.0, 1e-12));
    // 10 MWh at 0.5703 tCO2/MWh is 5.703 tCO2.
    let co2 = Value::new(10.0, "MWh").expect("MWh") * Value::new(0.5703, "tCO2/MWh").expect("EF");
    assert_eq!(co2.dim, Dim::CO2);
    assert!(close(co2.in_unit("tCO2").expect("t"), 5.703, 1e-12));
    // kWh per tonne of cement.
    assert!(close(convert(87.0, "kWh/t", "GJ/t").expect("ok"), 0.3132, 1e-12));
    assert!(close(convert(1.0, "m3/h", "l/s").expect("ok"), 1.0 / 3.6, 1e-12));
}

#[test]
fn nonsense_is_refused() {
    let kw = Value::new(5.0, "kW").expect("kW");
    let tph = Value::new(5.0, "t/h").expect("t/h");
    let err = kw.try_add(tph).expect_err("kW + t/h");
    assert_eq!(err, UnitError::Mismatch { op: "add", left: "power".into(), right: "mass flow".into() });
    assert_eq!(err.to_string(), "cannot add power and mass flow");
    assert!(matches!(convert(1.0, "kW", "kWh"), Err(UnitError::Convert { .. })));
    assert!(matches!(convert(1.0, "tCO2", "t"), Err(UnitError::Convert { .. })), "CO2 is not coal");
    assert!(matches!(convert(1.0, "furlong", "m"), Err(UnitError::Unknown(_))));
    assert!(matches!(parse_unit("°C/h"), Err(UnitError::Unknown(_))), "offset units do not compound");
    assert!(Value::new(1.0, "MWh").expect("MWh").try_sub(Value::new(1.0, "GJ").expect("GJ")).is_ok());
}

#[test]
fn temperatures_convert_with_offsets() {
    assert!(close(convert(25.0, "°C", "K").expect("ok"), 298.15, 1e-12));
    assert!(close(convert(212.0, "°F", "°C").expect("ok"), 100.0, 1e-12));
    assert!(close(convert(20.0, "degC", "°F").expect("ok"), 68.0, 1e-12));
}
