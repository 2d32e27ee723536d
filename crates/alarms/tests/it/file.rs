use std::path::Path;

use plant_alarms::{Kind, Priority, parse};
use plant_i18n::Lang;

use crate::sample_site;

const GOOD: &str = r#"
version = 1
operators = 2

[[alarm]]
id = "bz-low"
meter = "kiln-1.burning-zone-temp"
kind = "low"
limit = 1400.0
deadband = 10.0
on_delay_s = 60
off_delay_s = 120
priority = "high"
message = "Burning zone cold"
message_zh = "烧成带温度低"
"#;

#[test]
fn a_valid_file_reads_back_every_field() {
    let (site, _) = sample_site("cement-plant");
    let (alarms, diags) = parse(GOOD, Path::new("alarms.toml"), &site).expect("valid");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!(alarms.operators, 2);
    let a = &alarms.alarms[0];
    assert_eq!((a.kind, a.priority, a.limit, a.deadband, a.on_delay_ms, a.off_delay_ms), (Kind::Low, Priority::High, 1400.0, 10.0, 60_000, 120_000));
    assert_eq!((a.message_in(Lang::En), a.message_in(Lang::ZhCn)), ("Burning zone cold", "烧成带温度低"));
}

/// An anomaly alarm: no limit, the meter's own faults by default or the kinds listed; each mistake an error at
/// its line naming what is allowed.
#[test]
fn an_anomaly_alarm_and_its_errors() {
    let (site, _) = sample_site("cement-plant");
    let path = Path::new("pkg/alarms.toml");
    let anomaly = GOOD.replace("kind = \"low\"\nlimit = 1400.0\n", "kind = \"anomaly\"\n");
    let (alarms, diags) = parse(&anomaly, path, &site).expect("valid");
    assert!(diags.is_empty(), "{diags:?}");
    assert_eq!((alarms.alarms[0].kind, &alarms.alarms[0].anomalies[..]), (Kind::Anomaly, &["no-data", "stuck", "flat-line", "spike", "drift"][..]));
    let listed = anomaly.replace("kind = \"anomaly\"\n", "kind = \"anomaly\"\nanomalies = [\"drift\", \"level-shift\"]\n");
    let (alarms, _) = parse(&listed, path, &site).expect("valid");
    assert_eq!(alarms.alarms[0].anomalies, vec!["drift", "level-shift"]);
    let cases = [
        // A kind of anomaly that does not exist, at its line, with the kinds there are.
        (listed.replace("\"level-shift\"", "\"wobble\""), "alarms.toml:9:", "wobble"),
        (listed.replace("[\"drift\", \"level-shift\"]", "[]"), "alarms.toml:9:", "no kind"),
        // A limit on an anomaly alarm; no limit on another kind; `anomalies` on another kind.
        (anomaly.replace("kind = \"anomaly\"\n", "kind = \"anomaly\"\nlimit = 3.0\n"), "alarms.toml:9:", "no limit"),
        (GOOD.replace("limit = 1400.0\n", ""), "alarms.toml:5:", "has no limit"),
        (GOOD.replace("limit = 1400.0\n", "limit = 1400.0\nanomalies = [\"stuck\"]\n"), "alarms.toml:10:", "belongs to an alarm of kind"),
        // One meter, not an expression.
        (anomaly.replace("meter = \"kiln-1.burning-zone-temp\"", "meter = \"kiln-1.coal + calciner-1.coal\""), "alarms.toml:7:", "not an expression"),
    ];
    for (text, at, says) in cases {
        let (alarms, diags) = parse(&text, path, &site).expect("parses");
        assert!(alarms.alarms.is_empty() && diags.len() == 1, "{text}: {diags:?}");
        let en = diags[0].text_in(Lang::En);
        assert!(en.contains(at) && en.contains(says), "{at} {says}: {en}");
        assert!(!diags[0].text_in(Lang::ZhCn).contains(" is "), "{}", diags[0].text_in(Lang::ZhCn));
    }
}

#[test]
fn bad_files_are_errors_at_their_line() {
    let (site, _) = sample_site("cement-plant");
    let path = Path::new("pkg/alarms.toml");
    // Not TOML of this form: an unknown key, at its line.
    let text = GOOD.replace("deadband = 10.0", "deadbnd = 10.0");
    let e = parse(&text, path, &site).expect_err("unknown key");
    assert!(e.text_in(Lang::En).contains("alarms.toml:10:"), "{}", e.text_in(Lang::En));
    // Another version.
    let e = parse(&GOOD.replace("version = 1", "version = 7"), path, &site).expect_err("version");
    assert!(e.text_in(Lang::En).contains("alarms.toml:2:") && e.text_in(Lang::En).contains("version 7"), "{}", e.text_in(Lang::En));
    // A kind or priority that does not exist.
    assert!(parse(&GOOD.replace("\"low\"", "\"lowish\""), path, &site).is_err());
    assert!(parse(&GOOD.replace("priority = \"high\"", "priority = \"urgent\""), path, &site).is_err());
    // A meter the site does not have: the alarm is left out with an error at its line, in both languages.
    let (alarms, diags) = parse(&GOOD.replace("kiln-1.burning-zone-temp", "kiln-9.nothing"), path, &site).expect("parses");
    assert!(alarms.alarms.is_empty());
    assert_eq!(diags.len(), 1);
    assert!(diags[0].text_in(Lang::En).contains("alarms.toml:7:") && diags[0].text_in(Lang::En).contains("kiln-9.nothing"), "{}", diags[0].text_in(Lang::En));
    assert!(diags[0].text_in(Lang::ZhCn).contains("计量表"), "{}", diags[0].text_in(Lang::ZhCn));
    // Numbers out of range, a deviation without a reference, a duplicate id.
    for bad in [GOOD.replace("on_delay_s = 60", "on_delay_s = -5"), GOOD.replace("deadband = 10.0", "deadband = nan"), GOOD.replace("kind = \"low\"", "kind = \"deviation\"")] {
        let (alarms, diags) = parse(&bad, path, &site).expect("parses");
        assert!(alarms.alarms.is_empty() && diags.len() == 1, "{bad}: {diags:?}");
    }
    let twice = format!("{GOOD}\n{}", GOOD.split("[[alarm]]").nth(1).map(|a| format!("[[alarm]]{a}")).unwrap_or_default());
    let (alarms, diags) = parse(&twice, path, &site).expect("parses");
    assert_eq!((alarms.alarms.len(), diags.len()), (1, 1));
}

#[test]
fn an_alarm_on_an_expression_of_meters() {
    let (site, store) = sample_site("cement-plant");
    // The two cement mills together: an expression of one quantity, evaluated at the first meter's samples.
    let text = GOOD
        .replace("meter = \"kiln-1.burning-zone-temp\"", "meter = \"cement-mill-1.power + cement-mill-2.power\"")
        .replace("kind = \"low\"", "kind = \"high\"")
        .replace("limit = 1400.0", "limit = 7000.0");
    let (alarms, diags) = parse(&text, Path::new("alarms.toml"), &site).expect("valid");
    assert!(diags.is_empty(), "{diags:?}");
    let a = &alarms.alarms[0];
    assert_eq!(a.terms, vec![(1.0, "cement-mill-1.power".to_owned()), (1.0, "cement-mill-2.power".to_owned())]);
    assert_eq!(a.primary_meter(), "cement-mill-1.power");
    // Raised exactly where the sum, computed here from the store, first holds above the limit for the on-delay.
    let tl = plant_alarms::Timeline::build(a, &store);
    let s1 = store.get("cement-mill-1.power").expect("mill 1");
    let mut since = None;
    let mut first = None;
    for (&t, &v) in s1.times_ms().iter().zip(s1.values()) {
        let sum = v + store.reading_at("cement-mill-2.power", t).value().unwrap_or(f64::NAN);
        if !sum.is_finite() {
            continue;
        }
        if sum > 7000.0 {
            let s = *since.get_or_insert(t);
            if t - s >= 60_000 {
                first = Some(t);
                break;
            }
        } else {
            since = None;
        }
    }
    let first = first.expect("both mills together exceed 7 MW somewhere in the record");
    assert_eq!(tl.episodes.first().map(|e| e.start_ms), Some(first));
    // Meters of two quantities, a term that is no meter, a broken expression: errors at the line of `meter`.
    for (expr, says) in [
        ("cement-mill-1.power + kiln-1.burning-zone-temp", "one quantity"),
        ("cement-mill-1.power + no-such-meter", "no meter \"no-such-meter\""),
        ("cement-mill-1.power + x * cement-mill-2.power", "not a number"),
    ] {
        let t = GOOD.replace("meter = \"kiln-1.burning-zone-temp\"", &format!("meter = \"{expr}\""));
        let (alarms, diags) = parse(&t, Path::new("alarms.toml"), &site).expect("file parses");
        assert!(alarms.alarms.is_empty(), "{expr}");
        let text = diags.iter().map(|d| d.text_in(Lang::En)).collect::<Vec<_>>().join("\n");
        assert!(text.contains("alarms.toml:7:") && text.contains(says), "{expr}: {text}");
    }
}

#[test]
fn an_alarm_on_a_models_expected_value_is_checked_at_its_line() {
    let (site, _) = sample_site("cement-plant");
    let path = Path::new("pkg/alarms.toml");
    let good = GOOD
        .replace("kind = \"low\"", "kind = \"deviation\"\nexpected = { whatif = \"cement-kiln\", output = \"exit_gas_loss\" }")
        .replace("kiln-1.burning-zone-temp", "kiln-1.coal");
    // A figure in another unit of the same quantity converts; the window defaults to 15 minutes.
    let text = good.replace("exit_gas_loss", "coal");
    let (alarms, diags) = parse(&text, path, &site).expect("parses");
    assert!(diags.is_empty(), "{diags:?}");
    let e = alarms.alarms[0].expected.as_ref().expect("expected");
    assert_eq!((e.window_ms, e.scale, e.offset), (900_000, 1.0, 0.0));
    // A fuel meter in kg/s against the model's t/h: 1 t/h = 1/3.6 kg/s.
    let mut kg = site.clone();
    if let Some(m) = kg.meters.iter_mut().find(|m| m.id == "kiln-1.coal") {
        m.unit = "kg/s".into();
    }
    let (alarms, _) = parse(&text, path, &kg).expect("parses");
    assert!((alarms.alarms[0].expected.as_ref().expect("expected").scale - 1.0 / 3.6).abs() < 1e-12);
    // An output in GJ/t is not a mass flow: an error at the output, naming both units.
    let (alarms, diags) = parse(&good, path, &site).expect("parses");
    assert!(alarms.alarms.is_empty() && diags.len() == 1, "{diags:?}");
    let en = diags[0].text_in(Lang::En);
    assert!(en.contains("alarms.toml:9:") && en.contains("GJ/t") && en.contains("t/h"), "{en}");
    // A model the site has no unit of, an output the model does not have, a window out of range, and a
    // reference meter besides: each left out with an error at its line.
    for (bad, line) in [
        (good.replace("cement-kiln", "potline"), 9),
        (good.replace("exit_gas_loss", "exit_gas_los"), 9),
        (good.replace("output = \"exit_gas_loss\"", "output = \"coal\", window_s = 0"), 9),
        (text.replace("deadband = 10.0", "deadband = 10.0\nreference = \"calciner-1.coal\""), 5),
    ] {
        let (alarms, diags) = parse(&bad, path, &site).expect("parses");
        assert!(alarms.alarms.is_empty() && diags.len() == 1, "{bad}: {diags:?}");
        let en = diags[0].text_in(Lang::En);
        assert!(en.contains(&format!("alarms.toml:{line}:")), "{en}");
        assert!(!diags[0].text_in(Lang::ZhCn).is_empty());
    }
}
