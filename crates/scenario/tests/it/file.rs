//! The scenario file: every field written and read back equal; errors at their line; edits keep comments.

use std::path::Path;

use plant_scenario::edit::{add_measure, remove_measure, set_name, to_toml};
use plant_scenario::{Action, Annualise, Co2Basis, Measure, Scenario};
use plant_site::Text;

use crate::{parse, sample};

fn every_kind(site: &plant_site::Site) -> Scenario {
    let mut s = Scenario::new("Every kind", site);
    s.name.zh = Some("各类措施".into());
    s.author = "A. Designer".into();
    s.notes = "Line one.\nLine two, with \"quotes\".".into();
    s.window = Some((1_785_859_200_000, 1_786_464_000_000));
    s.prices.electricity_per_kwh = 0.72;
    s.prices.heat_per_gj = Some(60.0);
    s.prices.carbon_per_t = 100.0;
    s.economics = plant_scenario::Economics { discount_rate: 0.06, annualise: Annualise::OperatingHours { hours: 7_500.0 }, co2: Co2Basis::Location };
    let m = |name: &str, action: Action| Measure { name: Text::new(name, Some(format!("{name}（中文）"))), action, capex: 12_345.5, lifetime_years: 12, om_per_year: 250.0 };
    s.measures = vec![
        m("Warmer chilled water", Action::Process { whatif: 0, unit: "chiller-1".into(), settings: vec![("chwst".into(), 8.5), ("ecwt".into(), 27.0)] }),
        m("Green power", Action::GreenPower { share: 0.5, premium_per_mwh: 30.0 }),
        m("Another grid", Action::GridFactor { t_per_mwh: 0.45 }),
    ];
    s
}

#[test]
fn a_scenario_written_reads_back_equal() {
    let (site, _) = sample("office-building");
    let s = every_kind(site);
    let text = to_toml(&s, site);
    let mut back = parse(&text, site);
    back.file = s.file.clone();
    assert_eq!(back, s, "{text}");
}

#[test]
fn a_fuel_switch_reads_back_equal() {
    let (site, _) = sample("cement-plant");
    let mut s = Scenario::new("Biomass", site);
    s.prices.fuel_per_gj = vec![("coal".into(), 29.0)];
    s.measures.push(Measure {
        name: Text::new("20 % biomass", None),
        action: Action::FuelSwitch { carrier: "coal".into(), fuel: "solid-biomass".into(), share: 0.2, price_per_gj: Some(18.0) },
        capex: 2e6,
        lifetime_years: 15,
        om_per_year: 1e5,
    });
    let text = to_toml(&s, site);
    let mut back = parse(&text, site);
    back.file = s.file.clone();
    assert_eq!(back, s, "{text}");
}

/// The error's line (1-based) and its text.
fn error(text: &str, site: &plant_site::Site) -> (usize, String) {
    let (line, d) = match plant_scenario::parse(text, Path::new("bad.toml"), site) {
        Err(d) => (d.to_string(), d),
        Ok((_, list)) => {
            let d = list.into_iter().next().expect("an error");
            (d.to_string(), d)
        }
    };
    let at = match d.place {
        plant_site::Place::LineCol { line, .. } => line,
        other => panic!("no line: {other:?} ({line})"),
    };
    (at, line)
}

#[test]
fn errors_name_their_line() {
    let (site, _) = sample("office-building");
    let head = "version = 1\nname = \"x\"\n";
    // Not TOML.
    assert_eq!(error(&format!("{head}[[measure]\nname = 1\n"), site).0, 3);
    // A later version, named as such.
    let (line, text) = error("# a comment\nversion = 2\nname = \"x\"\nfuture = true\n", site);
    assert_eq!(line, 2);
    assert!(text.contains("version 2"), "{text}");
    // Another site's scenario.
    let (line, text) = error(&format!("{head}site = \"Cement plant\"\n"), site);
    assert_eq!(line, 3);
    assert!(text.contains("Cement plant"), "{text}");
    // An unknown kind, unit, setting, and a setting out of its range: each at its line.
    let m = |body: &str| format!("{head}\n[[measure]]\nname = \"m\"\n{body}");
    assert_eq!(error(&m("kind = \"magic\"\n"), site).0, 6);
    assert_eq!(error(&m("kind = \"process\"\nunit = \"boiler-9\"\nsettings = { chwst = 8.0 }\n"), site).0, 7);
    assert_eq!(error(&m("kind = \"process\"\nunit = \"chiller-1\"\nsettings = { chwst_typo = 8.0 }\n"), site).0, 8);
    let (line, text) = error(&m("kind = \"process\"\nunit = \"chiller-1\"\nsettings = { chwst = 40.0 }\n"), site);
    assert_eq!(line, 8);
    assert!(text.contains("40"), "{text}");
    // A fuel switch on a carrier the site does not burn.
    let (site_c, _) = sample("cement-plant");
    assert_eq!(error(&m("kind = \"fuel-switch\"\ncarrier = \"electricity\"\nfuel = \"wood\"\nshare = 0.1\n"), site_c).0, 7);
    assert_eq!(error(&m("kind = \"fuel-switch\"\ncarrier = \"coal\"\nfuel = \"unobtainium\"\nshare = 0.1\n"), site_c).0, 8);
    // A window that ends before it starts.
    assert_eq!(error(&format!("{head}[window]\nfrom = \"2026-08-10\"\nto = \"2026-08-01\"\n"), site).0, 5);
}

#[test]
fn a_bad_measure_is_left_out_and_the_rest_load() {
    let (site, _) = sample("office-building");
    let text = "version = 1\nname = \"x\"\n[[measure]]\nname = \"bad\"\nkind = \"grid-factor\"\nfactor = -1.0\n[[measure]]\nname = \"good\"\nkind = \"green-power\"\nshare = 0.4\n";
    let (s, d) = plant_scenario::parse(text, Path::new("x.toml"), site).expect("the file reads");
    assert_eq!(d.len(), 1);
    assert_eq!(s.measures.len(), 1);
    assert_eq!(s.measures[0].name.en, "good");
}

#[test]
fn edits_keep_the_comments_and_layout() {
    let (site, _) = sample("office-building");
    let text = "# The designer's notes stay.\nversion = 1\nname = \"Package\"   # trailing comment\n\n[prices]\nelectricity = 0.7 # CNY/kWh\n";
    let m = Measure { name: Text::new("Green", None), action: Action::GreenPower { share: 0.3, premium_per_mwh: 20.0 }, capex: 0.0, lifetime_years: 1, om_per_year: 0.0 };
    let added = add_measure(text, &m).expect("adds");
    assert!(added.starts_with("# The designer's notes stay.\nversion = 1\nname = \"Package\"   # trailing comment\n"), "{added}");
    assert!(added.contains("electricity = 0.7 # CNY/kWh"), "{added}");
    let s = parse(&added, site);
    assert_eq!(s.measures, vec![m.clone()]);
    let renamed = set_name(&added, "Package B", Some("方案 B")).expect("renames");
    assert!(renamed.contains("# The designer's notes stay."), "{renamed}");
    let s = parse(&renamed, site);
    assert_eq!((s.name.en.as_str(), s.name.zh.as_deref()), ("Package B", Some("方案 B")));
    let removed = remove_measure(&renamed, 0).expect("removes");
    assert!(parse(&removed, site).measures.is_empty());
    assert!(removed.contains("electricity = 0.7 # CNY/kWh"), "{removed}");
}

#[test]
fn every_sample_scenario_loads_clean() {
    for name in ["cement-plant", "office-building", "aluminium-smelter"] {
        let (site, _) = sample(name);
        let listed = plant_scenario::list_for_site(site);
        assert!(!listed.is_empty(), "{name} ships a scenario");
        for path in listed {
            let (s, d) = plant_scenario::load(&path, site).unwrap_or_else(|e| panic!("{e}"));
            assert!(d.is_empty(), "{}: {:?}", path.display(), d.iter().map(|d| d.to_string()).collect::<Vec<_>>());
            assert!(!s.measures.is_empty(), "{}", path.display());
        }
    }
}

#[test]
fn files_are_made_renamed_and_deleted_only_in_the_packages_scenarios_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../accounting/tests/fixtures/small-site/site.toml")).expect("fixture");
    let site = plant_site::parse(&text, dir.path()).expect("site").site;
    let s = Scenario::new("Package A / first try", &site);
    let a = plant_scenario::edit::create(&site, &s).expect("created");
    assert_eq!(a, dir.path().join("scenarios/package-a-first-try.toml"));
    // A second of the same name does not overwrite the first.
    let b = plant_scenario::edit::create(&site, &s).expect("created");
    assert_eq!(b, dir.path().join("scenarios/package-a-first-try-2.toml"));
    assert_eq!(plant_scenario::list_for_site(&site), vec![b.clone(), a.clone()], "sorted by name");
    // Readable as a saved file, not private as a temporary one.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        assert_eq!(std::fs::metadata(&a).expect("meta").permissions().mode() & 0o777, 0o644);
    }
    plant_scenario::edit::update(&a, |t| set_name(t, "Renamed", None)).expect("renamed");
    assert_eq!(plant_scenario::load(&a, &site).expect("reads").0.name.en, "Renamed");
    // Nothing outside the folder is deleted.
    let outside = dir.path().join("site.toml");
    std::fs::write(&outside, &text).expect("write");
    assert!(plant_scenario::edit::delete(&site, &outside).is_err());
    assert!(outside.is_file());
    plant_scenario::edit::delete(&site, &b).expect("deleted");
    assert_eq!(plant_scenario::list_for_site(&site), vec![a]);
}

#[test]
fn prices_and_economics_are_rewritten_and_the_rest_kept() {
    let (site, _) = sample("cement-plant");
    let text = std::fs::read_to_string(crate::site_root("cement-plant").join("scenarios/alternative-fuel-and-kiln.toml")).expect("sample");
    let before = parse(&text, site);
    let mut prices = before.prices.clone();
    prices.electricity_per_kwh = 0.71;
    prices.fuel_per_gj = vec![("coal".into(), 31.5)];
    let economics = plant_scenario::Economics { discount_rate: 0.06, annualise: Annualise::Mean, co2: Co2Basis::Market };
    let after_text = plant_scenario::edit::set_prices_economics(&text, &prices, &economics).expect("edits");
    let after = parse(&after_text, site);
    assert_eq!((after.prices.clone(), after.economics), (prices, economics));
    assert_eq!(after.measures, before.measures);
    // The comments of the file, on the lines kept and elsewhere, stay.
    assert!(after_text.starts_with("# A designer's scenario for the cement plant"), "{after_text}");
    assert!(after_text.contains("electricity = 0.71   # CNY/kWh, an industrial tariff"), "{after_text}");
    assert!(after_text.contains("# kiln-inlet gas analyser and expert control"), "{after_text}");
    assert!(!after_text.contains("operating_hours"), "{after_text}");
}
