use std::path::Path;

use plant_site::{Place, Quantity, Severity, parse};

const GOOD: &str = r#"
[site]
name = "Test plant"
kind = "cement-plant"
time_zone = "Asia/Shanghai"

[[data]]
path = "data/a.csv"

[[equipment]]
id = "kiln-1"
type = "rotary-kiln"
name = "Rotary kiln"
area = "Burning"

[[equipment]]
id = "fan-1"
type = "fan"
name = "ID fan"
node = "IDFan"

[[meter]]
id = "kiln-1.power"
quantity = "electric_power"
unit = "MW"
equipment = "kiln-1"
column = "kiln_kW"

[[meter]]
id = "fan-1.power"
quantity = "electric_power"
unit = "kW"
equipment = "fan-1"

[[flow]]
from = "fan-1"
to = "kiln-1"
carrier = "hot-gas"
"#;

fn root() -> &'static Path {
    Path::new("/sites/test")
}

#[test]
fn a_good_site_parses_with_defaults_filled_in() {
    let o = parse(GOOD, root()).expect("parses");
    assert!(o.diagnostics.is_empty(), "{:?}", o.diagnostics);
    let s = &o.site;
    assert_eq!(s.name(), "Test plant");
    assert_eq!(s.time_zone, chrono_tz::Asia::Shanghai);
    assert_eq!(s.model_path().as_deref(), Some(Path::new("/sites/test/model.glb")));
    assert_eq!(s.equipment.len(), 2);
    assert_eq!(s.equipment("kiln-1").map(|e| e.node.as_str()), Some("kiln-1"), "node defaults to id");
    assert_eq!(s.equipment("fan-1").map(|e| e.node.as_str()), Some("IDFan"));
    let m = s.meter("kiln-1.power").expect("meter");
    assert_eq!(m.column, "kiln_kW");
    assert_eq!(m.display_value(1.5), 1500.0, "MW shown in kW");
    assert_eq!(s.meter("fan-1.power").map(|m| m.column.as_str()), Some("fan-1.power"), "column defaults to id");
    assert_eq!(s.meters_of("kiln-1").count(), 1);
    assert_eq!(s.quantities(), vec![Quantity::ElectricPower]);
    assert_eq!(s.data[0].timestamp_column, "timestamp");
    assert_eq!(s.flows.len(), 1);
}

#[test]
fn malformed_toml_names_file_line_and_column() {
    let text = "[site]\nname = \"x\"\nkind = \"y\"\ntime_zone = \"UTC\"\n\n[[equipment]]\nid = \"a\"\ntype = \nname = \"A\"\n";
    let err = parse(text, root()).expect_err("must fail");
    assert_eq!(err.severity, Severity::Error);
    assert!(err.file.ends_with("site.toml"));
    assert!(matches!(err.place, Place::LineCol { line: 8, .. }), "{err}");
    assert!(err.to_string().contains("site.toml:8:"), "{err}");
}

#[test]
fn missing_required_field_is_reported_at_its_table() {
    let text = "[site]\nname = \"x\"\nkind = \"y\"\ntime_zone = \"UTC\"\n\n[[equipment]]\nid = \"a\"\nname = \"A\"\n";
    let err = parse(text, root()).expect_err("must fail");
    assert!(err.message.contains("type"), "{err}");
    assert!(matches!(err.place, Place::LineCol { line: 6 | 7, .. }), "{err}");
}

#[test]
fn unknown_field_is_refused_with_its_name() {
    let text = "[site]\nname = \"x\"\nkind = \"y\"\ntime_zone = \"UTC\"\ncolour = \"red\"\n";
    let err = parse(text, root()).expect_err("must fail");
    assert!(err.message.contains("colour"), "{err}");
    assert!(matches!(err.place, Place::LineCol { line: 5, .. }), "{err}");
}

#[test]
fn bad_references_and_units_drop_the_meter_and_say_where() {
    let text = GOOD.replace("equipment = \"fan-1\"", "equipment = \"fan-9\"").replace("unit = \"MW\"", "unit = \"t/h\"");
    let o = parse(&text, root()).expect("still opens");
    assert!(o.site.meters.is_empty());
    let msgs: Vec<String> = o.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("t/h") && m.contains("electric power") && m.contains("site.toml:25:")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.contains("fan-9") && m.contains("site.toml:33:")), "{msgs:?}");
}

#[test]
fn duplicate_ids_and_unknown_time_zone_are_errors_but_not_fatal() {
    let text = GOOD.replace("Asia/Shanghai", "Mars/Olympus").replace("id = \"fan-1\"\ntype", "id = \"kiln-1\"\ntype");
    let o = parse(&text, root()).expect("still opens");
    assert_eq!(o.site.time_zone, chrono_tz::UTC);
    assert_eq!(o.site.equipment.len(), 1);
    assert!(o.diagnostics.iter().any(|d| d.message.contains("Mars/Olympus")));
    assert!(o.diagnostics.iter().any(|d| d.message.contains("defined twice")));
}

#[test]
fn unknown_quantity_is_refused() {
    let text = GOOD.replace("quantity = \"electric_power\"\nunit = \"MW\"", "quantity = \"luminosity\"\nunit = \"cd\"");
    let err = parse(&text, root()).expect_err("must fail");
    assert!(err.message.contains("luminosity"), "{err}");
}

#[test]
fn opening_a_folder_without_site_toml_says_so() {
    let dir = std::env::temp_dir().join("plant-site-test-empty");
    let _ = std::fs::create_dir_all(&dir);
    let err = plant_site::open(&dir).expect_err("no site.toml");
    assert!(err.to_string().contains("site.toml"), "{err}");
    assert!(err.message.contains("no site.toml here"), "{err}");
}

#[test]
fn temperature_units_convert_with_offset() {
    let (k, off) = Quantity::Temperature.to_display("K").expect("K");
    assert!((300.0 * k + off - 26.85).abs() < 1e-9);
    assert_eq!(Quantity::MassFlow.to_display("kg/s"), Some((3.6, 0.0)));
    assert_eq!(Quantity::MassFlow.to_display("kW"), None);
}

#[test]
fn meter_units_come_from_the_one_unit_table() {
    // The conversions the site format had, now from plant_units.
    let q = |q: Quantity, u: &str| q.to_display(u);
    assert_eq!(q(Quantity::ElectricPower, "MW"), Some((1e3, 0.0)));
    assert_eq!(q(Quantity::Energy, "GJ"), Some((277.777777778, 0.0)));
    assert_eq!(q(Quantity::VolumeFlow, "l/min"), Some((0.06, 0.0)));
    let (per_day, _) = q(Quantity::MassFlow, "t/d").expect("t/d");
    assert!((per_day - 1.0 / 24.0).abs() < 1e-12);
    assert_eq!(q(Quantity::Concentration, "ppm"), Some((1e-4, 0.0)));
    assert_eq!(q(Quantity::Pressure, "bar"), Some((100.0, 0.0)));
    assert_eq!(q(Quantity::Speed, "Hz"), Some((60.0, 0.0)));
    assert_eq!(q(Quantity::Speed, "r/min"), Some((1.0, 0.0)));
    assert_eq!(q(Quantity::Voltage, "kV"), Some((1e3, 0.0)));
    assert_eq!(q(Quantity::Current, "A"), Some((1e-3, 0.0)));
    assert_eq!(q(Quantity::EmissionFactor, "gCO2/kWh"), Some((1e-3, 0.0)));
    let (f, off) = q(Quantity::Temperature, "°F").expect("°F");
    assert!((212.0 * f + off - 100.0).abs() < 1e-9);
    // And what the table knows beyond them: heat in Gcal, energy in kgce (GB/T 2589: 29.3076 MJ).
    assert_eq!(q(Quantity::Energy, "Gcal"), Some((1163.0, 0.0)));
    assert_eq!(q(Quantity::Energy, "kgce"), Some((8.141, 0.0)));
    // A unit of another dimension is refused.
    for (qq, u) in [(Quantity::Voltage, "A"), (Quantity::Pressure, "kW"), (Quantity::Speed, "m"), (Quantity::Current, "V")] {
        assert_eq!(q(qq, u), None, "{u}");
    }
}
