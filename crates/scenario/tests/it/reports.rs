//! The reports: the JSON carries the factor sets and the warnings, the CSV starts with a BOM, the XLSX read
//! back (calamine) holds the JSON's numbers as numbers and the abatement curve as a chart.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use plant_scenario::render::{BOM, csv, json, markdown, study};

use crate::{record, sample};

fn office_study(compare_with_itself: bool) -> plant_scenario::render::Study {
    let (site, store) = sample("office-building");
    let (t0, t1) = record(store);
    let path = plant_scenario::find(site, std::path::Path::new("comfort-and-green-power")).expect("sample");
    let (a, _) = plant_scenario::load(&path, site).expect("reads");
    let b = compare_with_itself.then(|| a.clone());
    study(site, store, &a, b.as_ref(), t0, t1)
}

#[test]
fn the_json_carries_factor_sets_and_warnings() {
    let s = office_study(false);
    let v: serde_json::Value = serde_json::from_str(&json(&s)).expect("JSON");
    assert!(v["factor_sets"].as_array().is_some_and(|a| !a.is_empty()));
    assert!(v["warnings"].is_array());
    assert_eq!(v["a"]["measures"].as_array().map(Vec::len), Some(s.a.measures.len()));
    // The office's chilled-water header carries no energy carrier the accounting prices: nothing unpriced.
    let csv = csv(&s);
    assert!(csv.starts_with(BOM));
    assert!(csv.contains("measure,"));
    let md = markdown(&s, &sample("office-building").0);
    assert!(md.contains("| ") && md.contains(s.a.measures[0].name.en.as_str()), "{md}");
}

#[test]
fn a_scenario_compared_with_itself_is_all_zeros() {
    let s = office_study(true);
    assert!(s.comparison.rows.iter().all(|r| r.difference == 0.0));
}

fn float(d: &Data) -> Option<f64> {
    match d {
        Data::Float(x) => Some(*x),
        Data::Int(i) => Some(*i as f64),
        _ => None,
    }
}

#[test]
fn the_workbook_reads_back_with_the_json_numbers_and_a_chart() {
    let (site, _) = sample("office-building");
    let s = office_study(false);
    let bytes = plant_scenario::xlsx::workbook(&s, site).expect("writes");
    // The curve is a native chart part of the package.
    assert!(bytes.windows(20).any(|w| w == b"xl/charts/chart1.xml"));
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("reads");
    let names = wb.sheet_names().to_vec();
    assert_eq!(names.len(), 8, "{names:?}");
    // The measures: numbers, equal to the JSON's.
    let v: serde_json::Value = serde_json::from_str(&json(&s)).expect("JSON");
    let sheet = wb.worksheet_range(&names[4]).expect("measures");
    let rows: Vec<&[Data]> = sheet.rows().skip(1).collect();
    assert_eq!(rows.len(), s.a.measures.len());
    // Equal to the last of the 15 significant digits a workbook keeps (as Excel does).
    let same = |x: Option<f64>, y: Option<f64>| match (x, y) {
        (Some(x), Some(y)) => x == y || (x - y).abs() <= 1e-13 * y.abs(),
        // An empty cell where the JSON has null (no payback, no abatement cost).
        (None, None) => true,
        _ => false,
    };
    for (row, m) in rows.iter().zip(v["a"]["measures"].as_array().expect("measures")) {
        let a = &m["appraisal"];
        for (col, key) in [(7, "avoided_t_per_year"), (8, "saving_per_year"), (9, "capex"), (14, "npv"), (15, "abatement_cost_per_t")] {
            assert!(same(float(&row[col]), a[key].as_f64()), "{key}: {:?} vs {:?}", row[col], a[key]);
        }
    }
    // The comparison: every row's figures, as numbers.
    let sheet = wb.worksheet_range(&names[1]).expect("comparison");
    let rows: Vec<&[Data]> = sheet.rows().skip(1).collect();
    assert_eq!(rows.len(), s.comparison.rows.len());
    for (row, r) in rows.iter().zip(&s.comparison.rows) {
        assert!(same(float(&row[4]), Some(r.a)) && same(float(&row[5]), Some(r.b)) && same(float(&row[6]), Some(r.difference)), "{r:?}");
    }
    // The curve's table.
    let sheet = wb.worksheet_range(&names[5]).expect("curve");
    let widths: f64 = sheet.rows().skip(1).take(s.a.macc.len()).filter_map(|r| float(&r[2])).sum();
    let expected: f64 = s.a.macc.iter().map(|b| b.width).sum();
    assert!((widths - expected).abs() < 1e-9 * expected.abs().max(1.0));
}

#[test]
fn a_workbook_of_the_baseline_alone_opens_without_a_curve() {
    let (site, store) = sample("office-building");
    let (t0, t1) = record(store);
    let s = study(site, store, &plant_scenario::Scenario::new("Baseline", site), None, t0, t1);
    let bytes = plant_scenario::xlsx::workbook(&s, site).expect("writes");
    assert!(!bytes.windows(20).any(|w| w == b"xl/charts/chart1.xml"));
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("reads");
    let names = wb.sheet_names().to_vec();
    let summary = wb.worksheet_range(&names[0]).expect("summary");
    assert!(summary.rows().count() > 10);
}

#[test]
fn the_workbook_has_the_years_co2_trajectory_with_the_json_numbers() {
    let (site, _) = sample("office-building");
    let s = office_study(false);
    let t = s.trajectory.as_ref().expect("the office has a 2026 target");
    assert_eq!(t.year, 2026);
    let bytes = plant_scenario::xlsx::workbook(&s, site).expect("writes");
    let mut wb: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("reads");
    let names = wb.sheet_names().to_vec();
    let sheet = wb.worksheet_range(&names[6]).expect("trajectory sheet");
    let rows: Vec<&[Data]> = sheet.rows().collect();
    let value = |label: &str| rows.iter().find(|r| matches!(&r[0], Data::String(s) if s.starts_with(label))).and_then(|r| float(&r[1]));
    assert_eq!(value("Target 2026"), Some(t.target_t));
    assert_eq!(value("Year end (t CO2)"), Some(t.year_end_t));
    assert_eq!(value("To date (t CO2)"), Some(t.to_date_t));
    // The line day by day: one row a day of the year, the last at the year end.
    let days: Vec<&&[Data]> = rows.iter().filter(|r| matches!(&r[0], Data::String(s) if s.starts_with("2026-"))).collect();
    assert_eq!(days.len(), 365);
    let last = float(&days[364][1]).expect("a number");
    assert!((last - t.year_end_t).abs() <= 1e-9 * t.year_end_t, "{last} vs {}", t.year_end_t);
    let json: serde_json::Value = serde_json::from_str(&json(&s)).expect("JSON");
    assert_eq!(json["trajectory"]["year_end_t"].as_f64(), Some(t.year_end_t));
}
