use std::path::Path;

use plant_i18n::{Arg, Lang};
use plant_site::{Place, Quantity, Severity, parse};

use crate::arg;

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
    assert_eq!(err.message.id, "site-toml-invalid");
    assert!(err.to_string().starts_with("error: /sites/test/site.toml:8:"), "{err}");
}

#[test]
fn a_problem_in_chinese_names_the_same_file_line_and_column() {
    let text = "[site]\nname = \"x\"\nkind = \"y\"\ntime_zone = \"UTC\"\n\n[[equipment]]\nid = \"a\"\ntype = \nname = \"A\"\n";
    let err = parse(text, root()).expect_err("must fail");
    let Place::LineCol { line, column } = err.place else { panic!("{err:?}") };
    let en = err.text_in(Lang::En);
    let zh = err.text_in(Lang::ZhCn);
    assert!(en.starts_with(&format!("error: /sites/test/site.toml:{line}:{column}: ")), "{en}");
    assert!(zh.starts_with(&format!("错误：/sites/test/site.toml，第 {line} 行，第 {column} 列：site.toml 内容有误：")), "{zh}");
    // The TOML reader's own words are the same in both.
    let toml_words = arg(&err.message, "error");
    assert!(!toml_words.is_empty() && en.ends_with(&toml_words) && zh.ends_with(&toml_words), "{en}\n{zh}");
    assert_eq!(err.place.text_in(Lang::ZhCn).as_deref(), Some(format!("第 {line} 行，第 {column} 列").as_str()));
    assert_eq!(err.place.text_in(Lang::En).as_deref(), Some(format!("line {line}, column {column}").as_str()));
}

#[test]
fn every_problem_of_a_bad_site_reads_in_both_languages_with_its_values() {
    let text = GOOD.replace("equipment = \"fan-1\"", "equipment = \"fan-9\"").replace("unit = \"MW\"", "unit = \"t/h\"").replace("Asia/Shanghai", "Mars/Olympus");
    let o = parse(&text, root()).expect("still opens");
    assert_eq!(o.diagnostics.len(), 3, "{:?}", o.diagnostics);
    for d in &o.diagnostics {
        let (en, zh) = (d.text_in(Lang::En), d.text_in(Lang::ZhCn));
        let Place::LineCol { line, .. } = d.place else { panic!("{d:?}") };
        assert!(en.contains(&format!("site.toml:{line}:")), "{en}");
        assert!(zh.contains(&format!("site.toml，第 {line} 行，")), "{zh}");
        assert!(zh.starts_with("错误："), "{zh}");
        assert!(!zh.contains(d.message.id.as_ref()), "an id with no message: {zh}");
        // Every value from the file is in both (a quantity's name is words of the catalogue).
        for (name, v) in &d.message.args {
            if let Arg::Str(v) = v
                && *name != "quantity"
            {
                assert!(en.contains(v.as_str()) && zh.contains(v.as_str()), "{v}: {en} / {zh}");
            }
        }
    }
    let unit = o.diagnostics.iter().find(|d| d.message.id == "site-meter-unit-mismatch").expect("unit");
    assert!(unit.text_in(Lang::ZhCn).contains("单位“t/h”不能度量电功率（应为 W, kW, MW, GW 之一）；已忽略计量表“kiln-1.power”"), "{}", unit.text_in(Lang::ZhCn));
    assert!(unit.text_in(Lang::En).contains("unit \"t/h\" does not measure electric power (expected one of W, kW, MW, GW)"), "{}", unit.text_in(Lang::En));
}

#[test]
fn missing_required_field_is_reported_at_its_table() {
    let text = "[site]\nname = \"x\"\nkind = \"y\"\ntime_zone = \"UTC\"\n\n[[equipment]]\nid = \"a\"\nname = \"A\"\n";
    let err = parse(text, root()).expect_err("must fail");
    assert_eq!(err.message.id, "site-toml-invalid");
    assert!(arg(&err.message, "error").contains("type"), "{err}");
    assert!(matches!(err.place, Place::LineCol { line: 6 | 7, .. }), "{err}");
}

#[test]
fn unknown_field_is_refused_with_its_name() {
    let text = "[site]\nname = \"x\"\nkind = \"y\"\ntime_zone = \"UTC\"\ncolour = \"red\"\n";
    let err = parse(text, root()).expect_err("must fail");
    assert!(arg(&err.message, "error").contains("colour"), "{err}");
    assert!(matches!(err.place, Place::LineCol { line: 5, .. }), "{err}");
}

#[test]
fn bad_references_and_units_drop_the_meter_and_say_where() {
    let text = GOOD.replace("equipment = \"fan-1\"", "equipment = \"fan-9\"").replace("unit = \"MW\"", "unit = \"t/h\"");
    let o = parse(&text, root()).expect("still opens");
    assert!(o.site.meters.is_empty());
    assert_eq!(o.diagnostics.len(), 2, "{:?}", o.diagnostics);
    let unit = o.diagnostics.iter().find(|d| d.message.id == "site-meter-unit-mismatch").expect("the unit");
    assert_eq!((arg(&unit.message, "unit").as_str(), arg(&unit.message, "meter").as_str()), ("t/h", "kiln-1.power"));
    assert!(matches!(unit.place, Place::LineCol { line: 25, .. }), "{unit}");
    assert!(unit.to_string().contains("does not measure electric power") && unit.to_string().contains("site.toml:25:"), "{unit}");
    let bound = o.diagnostics.iter().find(|d| d.message.id == "site-meter-unknown-equipment").expect("the equipment");
    assert_eq!(arg(&bound.message, "equipment"), "fan-9");
    assert!(matches!(bound.place, Place::LineCol { line: 33, .. }), "{bound}");
}

#[test]
fn duplicate_ids_and_unknown_time_zone_are_errors_but_not_fatal() {
    let text = GOOD.replace("Asia/Shanghai", "Mars/Olympus").replace("id = \"fan-1\"\ntype", "id = \"kiln-1\"\ntype");
    let o = parse(&text, root()).expect("still opens");
    assert_eq!(o.site.time_zone, chrono_tz::UTC);
    assert_eq!(o.site.equipment.len(), 1);
    assert!(o.diagnostics.iter().any(|d| d.message.id == "site-unknown-time-zone" && arg(&d.message, "name") == "Mars/Olympus"));
    assert!(o.diagnostics.iter().any(|d| d.message.id == "site-equipment-twice" && arg(&d.message, "id") == "kiln-1"));
}

#[test]
fn unknown_quantity_is_refused() {
    let text = GOOD.replace("quantity = \"electric_power\"\nunit = \"MW\"", "quantity = \"luminosity\"\nunit = \"cd\"");
    let err = parse(&text, root()).expect_err("must fail");
    assert!(arg(&err.message, "error").contains("luminosity"), "{err}");
}

#[test]
fn opening_a_folder_without_site_toml_says_so() {
    let dir = std::env::temp_dir().join("plant-site-test-empty");
    let _ = std::fs::create_dir_all(&dir);
    let err = plant_site::open(&dir).expect_err("no site.toml");
    assert!(err.to_string().contains("site.toml"), "{err}");
    assert_eq!(err.message.id, "site-no-site-file");
    assert!(err.to_string().contains("no site.toml here"), "{err}");
    assert!(err.text_in(Lang::ZhCn).contains("没有 site.toml"), "{}", err.text_in(Lang::ZhCn));
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

#[test]
fn quantities_have_labels_in_both_languages() {
    for q in Quantity::ALL {
        let (en, zh) = (q.label_msg().text_in(Lang::En), q.label_msg().text_in(Lang::ZhCn));
        assert!(en.starts_with(|c: char| c.is_ascii_uppercase()), "{q:?}: {en}");
        assert!(zh.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c)), "{q:?}: {zh}");
        if q != Quantity::Other {
            // The same words inside a sentence (acronyms such as CO2 keep their capitals).
            assert_eq!(q.noun_msg().text_in(Lang::En).to_lowercase(), en.to_lowercase(), "the same words inside a sentence");
            assert_eq!(q.noun_msg().text_in(Lang::ZhCn), zh);
        }
    }
    for q in Quantity::ALL {
        assert_eq!(serde_json::from_str::<Quantity>(&format!("\"{}\"", q.key())).ok(), Some(q), "the key is site.toml's name");
    }
    assert_eq!(Quantity::ElectricPower.label_msg().text_in(Lang::En), "Electric power");
    assert_eq!(Quantity::EmissionFactor.label_msg().text_in(Lang::ZhCn), "排放因子");
}

#[test]
fn reactive_power_factor_mechanical_and_measured_co2_quantities() {
    let q = |q: Quantity, u: &str| q.to_display(u);
    // Reactive: its own dimension, never power or energy.
    assert_eq!(q(Quantity::ReactivePower, "kVAr"), Some((1.0, 0.0)));
    assert_eq!(q(Quantity::ReactivePower, "Mvar"), Some((1e3, 0.0)));
    assert_eq!(q(Quantity::ReactiveEnergy, "kvarh"), Some((1.0, 0.0)));
    assert_eq!(q(Quantity::ReactivePower, "kW"), None);
    assert_eq!(q(Quantity::ElectricPower, "kvar"), None);
    assert_eq!(q(Quantity::Energy, "kvarh"), None);
    assert!(plant_units::Value::new(1.0, "kWh").and_then(|a| a.try_add(plant_units::Value::new(1.0, "kvarh")?)).is_err());
    // Power factor: a pure number, or % read as its hundredth.
    assert_eq!(q(Quantity::PowerFactor, ""), Some((1.0, 0.0)));
    assert_eq!(q(Quantity::PowerFactor, "%"), Some((0.01, 0.0)));
    // Mechanical power is power; measured CO2 in t per hour or per interval.
    assert_eq!(q(Quantity::MechanicalPower, "MW"), Some((1e3, 0.0)));
    assert_eq!(q(Quantity::Co2MassFlow, "kgCO2/h"), Some((0.001, 0.0)));
    assert!(q(Quantity::Co2MassFlow, "tCO2/d").is_some_and(|(a, b)| (a - 1.0 / 24.0).abs() < 1e-12 && b == 0.0));
    assert_eq!(q(Quantity::Co2, "kgCO2"), Some((0.001, 0.0)));
    assert_eq!(q(Quantity::Co2, "t"), None, "a plain tonne is not CO2");
    // Written in site.toml, they parse; a kvar meter declared as electric power is refused at its line.
    let site = |quantity: &str, unit: &str| {
        format!(
            "[site]\nname = \"x\"\nkind = \"plant\"\ntime_zone = \"UTC\"\n\n[[equipment]]\nid = \"m\"\ntype = \"motor\"\nname = \"M\"\n\n[[meter]]\nid = \"m.q\"\nquantity = \"{quantity}\"\nunit = \"{unit}\"\nequipment = \"m\"\ncolumn = \"q\"\n"
        )
    };
    let root = std::path::Path::new("/nonexistent/plant-twin-test");
    for (quantity, unit) in
        [("reactive_power", "kvar"), ("reactive_energy", "kVArh"), ("power_factor", ""), ("mechanical_power", "kW"), ("co2_mass_flow", "tCO2/h"), ("co2", "kgCO2")]
    {
        let opened = plant_site::parse(&site(quantity, unit), root).expect("parses");
        assert_eq!(opened.site.meters.len(), 1, "{quantity} in {unit}: {:?}", opened.diagnostics);
    }
    let opened = plant_site::parse(&site("electric_power", "kvar"), root).expect("parses");
    assert!(opened.site.meters.is_empty() && opened.diagnostics.iter().any(|d| d.is_error() && d.to_string().contains("site.toml:14:")), "{:?}", opened.diagnostics);
}

#[test]
fn co2_targets_parse_and_bad_ones_are_errors_at_their_line() {
    let good = format!("{GOOD}\n[[co2_target]]\nyear = 2026\nt_co2 = 1_450_000\nsource = \"group plan 2026\"\n");
    let o = parse(&good, root()).expect("parses");
    assert!(o.diagnostics.is_empty(), "{:?}", o.diagnostics);
    let t = o.site.co2_target(2026).expect("target of 2026");
    assert_eq!((t.year, t.t_co2, t.source.as_deref()), (2026, 1_450_000.0, Some("group plan 2026")));
    assert!(o.site.co2_target(2027).is_none());

    let lines = GOOD.lines().count();
    let bad = format!(
        "{GOOD}\n[[co2_target]]\nyear = 26026\nt_co2 = 1\n\n[[co2_target]]\nyear = 2027\nt_co2 = -5\n\n[[co2_target]]\nyear = 2028\nt_co2 = 10\n\n[[co2_target]]\nyear = 2028\nt_co2 = 20\n"
    );
    let o = parse(&bad, root()).expect("still opens");
    let at = |id: &str| {
        let d = o.diagnostics.iter().find(|d| d.message.id == id).unwrap_or_else(|| panic!("{id} in {:?}", o.diagnostics));
        assert_eq!(d.severity, Severity::Error);
        match d.place {
            Place::LineCol { line, .. } => line,
            _ => panic!("{d} has no line"),
        }
    };
    assert_eq!(at("site-co2-target-bad-year"), lines + 3);
    assert_eq!(at("site-co2-target-bad-value"), lines + 8);
    assert_eq!(at("site-co2-target-twice"), lines + 14);
    assert_eq!(o.site.co2_targets.len(), 1, "only 2028's first target is kept");
    assert_eq!(o.site.co2_target(2028).map(|t| t.t_co2), Some(10.0));
}

#[test]
fn a_model_check_with_an_unknown_meter_is_an_error_at_its_line() {
    let base = format!("{GOOD}\n[[whatif]]\nprocess = \"cement-kiln\"\nequipment = [\"kiln-1\"]\n");
    let good = format!("{base}[[whatif.checks]]\nmeter = \"kiln-1.power + fan-1.power\"\noutput = \"electricity\"\n");
    let o = parse(&good, root()).expect("parses");
    assert!(o.diagnostics.is_empty(), "{:?}", o.diagnostics);
    let c = &o.site.whatifs[0].checks[0];
    assert_eq!((c.output.as_str(), c.terms.len()), ("electricity", 2));
    assert_eq!(o.site.meter_in(&c.meter).map(|m| m.id.as_str()), Some("kiln-1.power"));
    let lines = base.lines().count();
    let bad = format!("{base}[[whatif.checks]]\nmeter = \"kiln-9.power\"\noutput = \"electricity\"\n");
    let o = parse(&bad, root()).expect("still opens");
    let d = o.diagnostics.iter().find(|d| d.message.id == "site-whatif-check-invalid").expect("an error");
    assert!(matches!(d.place, Place::LineCol { line, .. } if line == lines + 1), "{d}");
    assert!(o.site.whatifs[0].checks.is_empty());
}
