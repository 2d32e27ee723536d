//! Unit conversions and refusals.

use plant_i18n::{Arg, Lang};
use plant_units::{Dim, KGCE_J, Op, UnitError, Value, convert, parse_unit};

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * b.abs().max(1e-12)
}

#[test]
fn energy_units_convert() {
    assert!(close(convert(1.0, "MWh", "GJ").expect("ok"), 3.6, 1e-12));
    assert!(close(convert(1.0, "kgce", "MJ").expect("ok"), 29.3076, 1e-12));
    assert!(close(convert(1.0, "tce", "GJ").expect("ok"), 29.3076, 1e-12));
    assert!(close(convert(1.0, "kcal", "kJ").expect("ok"), 4.1868, 1e-12));
    // GB/T 2589 worked case: 3.3 GJ/t = 112.6 kgce/t.
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
    assert_eq!(err, UnitError::Mismatch { op: Op::Add, left: Dim::POWER, right: Dim::MASS_FLOW });
    assert_eq!(err.message().id, "units-cannot-add");
    assert_eq!(err.message().text_in(Lang::En), "cannot add power and mass flow");
    assert_eq!(err.to_string(), "cannot add power and mass flow", "Display is the current language");
    assert!(err.message().text_in(Lang::ZhCn).starts_with("无法将"), "{}", err.message().text_in(Lang::ZhCn));
    let unknown = parse_unit("furlong").expect_err("furlong");
    assert_eq!(unknown.message().arg("unit"), Some(&Arg::Str("furlong".into())));
    assert_eq!(unknown.message().text_in(Lang::ZhCn), "未知单位“furlong”");
    assert!(matches!(convert(1.0, "kW", "kWh"), Err(UnitError::Convert { from: Dim::POWER, to: Dim::ENERGY, .. })));
    assert_eq!(convert(1.0, "kW", "kWh").expect_err("kW is not kWh").message().text_in(Lang::En), "cannot express power in kWh (energy)");
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

#[test]
fn dimensions_have_names_in_both_languages() {
    assert_eq!(Dim::ENERGY.key(), Some("energy"));
    assert_eq!(Dim::ENERGY.name_msg().text_in(Lang::En), "energy");
    assert_eq!(Dim::ENERGY.name_msg().text_in(Lang::ZhCn), "能量");
    assert_eq!(Dim::MASS_FLOW.name_msg().text_in(Lang::ZhCn), "质量流量");
    assert_eq!(Dim::ENERGY.name(), "energy", "the English name for reports");
    let named = [Dim::NONE, Dim::MASS, Dim::TIME, Dim::TEMPERATURE, Dim::CO2, Dim::ENERGY, Dim::POWER, Dim::MASS_FLOW, Dim::VOLUME, Dim::VOLUME_FLOW];
    let more = [
        Dim::AREA,
        Dim::PRESSURE,
        Dim::FREQUENCY,
        Dim::CURRENT,
        Dim::VOLTAGE,
        Dim::REACTIVE_POWER,
        Dim::REACTIVE_ENERGY,
        Dim::ENERGY.combine(Dim::MASS, -1),
        Dim::CO2.combine(Dim::ENERGY, -1),
    ];
    for d in named.into_iter().chain(more) {
        assert!(d.key().is_some(), "{d:?}");
        assert_eq!(d.name_msg().text_in(Lang::En), d.name(), "the catalogue's English is the report's");
        assert_ne!(d.name_msg().text_in(Lang::ZhCn), d.name(), "{d:?} has Chinese");
    }
    let odd = Dim { mass: 2, ..Dim::NONE };
    assert_eq!(odd.key(), None);
    assert_eq!(odd.name_msg().text_in(Lang::En), "kg^2 m^0 s^0 K^0 kgCO2^0 A^0 var^0");
    assert_eq!(odd.name_msg().text_in(Lang::En), odd.name());
    assert!(odd.name_msg().text_in(Lang::ZhCn).starts_with("量纲 kg^2"));
}
