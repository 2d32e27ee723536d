use plant_i18n::Lang;
use plant_ingest::{load_site_data, split_unit};
use plant_site::Place;

use crate::arg;
use crate::fixtures::{MIN, T0, no_progress, site_with, temp_dir};

#[test]
fn bom_and_unit_bearing_headers_are_understood() {
    let dir = temp_dir("bom");
    let csv = "\u{feff}timestamp,A [MW],b (kW)\n2026-11-01T08:00:00+08:00,1.5,20\n2026-11-01T08:01:00+08:00,2,21\n";
    let site = site_with(&dir, "d.csv", "", Some(csv));
    let got = load_site_data(&site, &no_progress);
    assert!(got.diagnostics.iter().all(|d| !d.is_error()), "{:?}", got.diagnostics);
    assert_eq!(got.store.get("a").expect("a").values(), &[1500.0, 2000.0], "MW column converted to the meter's kW");
    assert_eq!(got.store.get("b").expect("b").values(), &[20.0, 21.0]);
    assert_eq!(split_unit("Kiln drive [kW]"), ("Kiln drive", Some("kW")));
    assert_eq!(split_unit("plain"), ("plain", None));
}

#[test]
fn a_header_unit_of_the_wrong_quantity_skips_the_column_with_an_error() {
    let dir = temp_dir("wrongunit");
    let csv = "timestamp,a [t/h],b\n2026-11-01T08:00:00+08:00,1,2\n";
    let site = site_with(&dir, "d.csv", "", Some(csv));
    let got = load_site_data(&site, &no_progress);
    assert!(got.store.get("a").is_none());
    let d = got.diagnostics.iter().find(|d| d.is_error()).expect("an error");
    assert_eq!(d.message.id, "ingest-column-unit-mismatch");
    assert_eq!((arg(&d.message, "unit").as_str(), arg(&d.message, "meter").as_str(), arg(&d.message, "meter_unit").as_str()), ("t/h", "a", "kW"));
    assert!(d.to_string().contains("column is in \"t/h\" but meter \"a\" measures electric power in \"kW\"; column skipped"), "{d}");
    assert!(d.text_in(Lang::ZhCn).contains("d.csv，第 1 行，“a [t/h]”列：该列的单位是“t/h”，但计量表“a”以“kW”测量电功率；已略过该列"), "{}", d.text_in(Lang::ZhCn));
    assert_eq!(d.place, Place::Row { row: 1, column: Some("a [t/h]".into()) });
}

#[test]
fn non_numeric_cells_are_skipped_and_reported_with_row_and_column() {
    let dir = temp_dir("nonnum");
    let mut csv = String::from("timestamp,a,b\n");
    for i in 0..20 {
        let a = if i == 15 { "ERR".to_string() } else { format!("{i}") };
        csv.push_str(&format!("2026-11-01T08:{i:02}:00+08:00,{a},{}\n", i * 2));
    }
    let site = site_with(&dir, "d.csv", "", Some(&csv));
    let got = load_site_data(&site, &no_progress);
    assert_eq!(got.store.get("a").expect("a").len(), 19);
    assert_eq!(got.store.get("b").expect("b").len(), 20, "the row's other cells are kept");
    let f = &got.files[0];
    assert_eq!((f.bad_cells, f.rows_with_bad_cells, f.rejected_rows), (1, 1, 0));
    let d = got.diagnostics.iter().find(|d| d.message.id == "ingest-not-a-number").expect("reported");
    assert_eq!(arg(&d.message, "value"), "ERR");
    // Data row 16 (0-based 15) is line 17 of the file.
    assert_eq!(d.place, Place::Row { row: 17, column: Some("a".into()) });
    assert!(d.to_string().contains("d.csv: row 17, column \"a\": \"ERR\" is not a number; cell skipped"), "{d}");
    // The same file, row and column in Chinese.
    let zh = d.text_in(Lang::ZhCn);
    assert!(zh.starts_with("错误：") && zh.contains("d.csv，第 17 行，“a”列：“ERR”不是数字"), "{zh}");
}

#[test]
fn unreadable_timestamps_reject_the_row_and_are_counted() {
    let dir = temp_dir("badts");
    let csv = "timestamp,a,b\n2026-11-01T08:00:00+08:00,1,2\nnot a time,5,5\n,6,6\n2026-11-01T08:01:00+08:00,3,4\n";
    let site = site_with(&dir, "d.csv", "", Some(csv));
    let got = load_site_data(&site, &no_progress);
    assert_eq!(got.files[0].rejected_rows, 2);
    assert_eq!(got.store.get("a").expect("a").values(), &[1.0, 3.0]);
    let bad = got.diagnostics.iter().find(|d| d.place == Place::Row { row: 3, column: Some("timestamp".into()) }).expect("the row");
    assert_eq!((bad.message.id.as_ref(), arg(&bad.message, "value").as_str(), arg(&bad.message, "format").as_str()), ("ingest-timestamp-unreadable", "not a time", "iso8601"));
    assert!(bad.to_string().contains("cannot read \"not a time\" as an ISO 8601 timestamp"), "{bad}");
    assert!(got.diagnostics.iter().any(|d| d.place == Place::Row { row: 4, column: Some("timestamp".into()) } && d.message.id == "ingest-timestamp-empty"));
    let summary = got.diagnostics.iter().find(|d| d.message.id == "ingest-rows-skipped").expect("summary");
    assert_eq!((arg(&summary.message, "rejected").as_str(), arg(&summary.message, "rows").as_str()), ("2", "4"), "{summary}");
    assert!(summary.to_string().contains("2 of 4 rows rejected (unreadable timestamp); 0 rows had 0 non-numeric cells"), "{summary}");
    assert!(summary.text_in(Lang::ZhCn).contains("4 行中有 2 行因时间戳无法读取而被舍弃"), "{}", summary.text_in(Lang::ZhCn));
}

#[test]
fn unsorted_and_duplicated_rows_are_repaired_and_reported() {
    let dir = temp_dir("unsorted");
    let csv = "timestamp,a,b\n\
2026-11-01T08:02:00+08:00,2,0\n\
2026-11-01T08:00:00+08:00,0,0\n\
2026-11-01T08:01:00+08:00,1,0\n\
2026-11-01T08:01:00+08:00,1.5,0\n\
2026-11-01T08:03:00+08:00,3,0\n";
    let site = site_with(&dir, "d.csv", "", Some(csv));
    let got = load_site_data(&site, &no_progress);
    let a = got.store.get("a").expect("a");
    assert_eq!(a.times_ms(), &[T0, T0 + MIN, T0 + 2 * MIN, T0 + 3 * MIN]);
    assert_eq!(a.values(), &[0.0, 1.5, 2.0, 3.0], "the later duplicate wins");
    let f = &got.files[0];
    assert_eq!((f.out_of_order_rows, f.duplicate_timestamps), (1, 1));
    let sorted = got.diagnostics.iter().find(|d| d.message.id == "ingest-out-of-order").expect("sorted");
    assert_eq!(sorted.place, Place::Row { row: 3, column: Some("timestamp".into()) });
    assert!(sorted.to_string().contains("one row was out of time order; it was sorted"), "{sorted}");
    let repeated = got.diagnostics.iter().find(|d| d.message.id == "ingest-duplicate-timestamps").expect("repeated");
    assert_eq!(repeated.place, Place::Row { row: 5, column: Some("timestamp".into()) });
    assert_eq!(arg(&repeated.message, "count"), "1");
}

#[test]
fn gaps_are_reported_and_read_as_no_data() {
    let dir = temp_dir("gaps");
    let mut csv = String::from("timestamp,a,b\n");
    for i in (0..10).chain(40..50) {
        csv.push_str(&format!("{},{i},{i}\n", (T0 + i * MIN) / 1000));
    }
    let site = site_with(&dir, "d.csv", "", Some(&csv));
    let got = load_site_data(&site, &no_progress);
    assert_eq!(got.files[0].gaps, vec![(T0 + 9 * MIN, T0 + 40 * MIN)]);
    let gaps = got.diagnostics.iter().find(|d| d.message.id == "ingest-gaps").expect("gaps");
    assert_eq!((arg(&gaps.message, "count").as_str(), arg(&gaps.message, "minutes").as_str()), ("1", "31"));
    assert!(gaps.to_string().contains("one gap in the record, 31 min long; meters show \"no data\" there"), "{gaps}");
    assert!(gaps.text_in(Lang::ZhCn).contains("记录中有 1 处中断，最长 31 分钟"), "{}", gaps.text_in(Lang::ZhCn));
    assert_eq!(got.store.get("a").expect("a").reading_at(T0 + 20 * MIN).value(), None);
}

#[test]
fn missing_columns_and_files_are_diagnosed_not_fatal() {
    let dir = temp_dir("missing");
    let site = site_with(&dir, "d.csv", "", Some("timestamp,a\n2026-11-01T08:00:00+08:00,1\n"));
    let got = load_site_data(&site, &no_progress);
    assert!(got.store.get("a").is_some());
    let none = got.diagnostics.iter().find(|d| d.message.id == "ingest-no-column").expect("no column b");
    assert_eq!(arg(&none.message, "column"), "b");
    assert!(none.to_string().ends_with("site.toml: meter \"b\": no data file has a column \"b\"; the meter shows no data"), "{none}");
    assert!(none.text_in(Lang::ZhCn).contains("site.toml，计量表“b”：没有任何数据文件含有“b”列"), "{}", none.text_in(Lang::ZhCn));

    std::fs::remove_file(dir.join("data/d.csv")).expect("rm");
    let got = load_site_data(&site, &no_progress);
    assert!(got.store.is_empty());
    assert!(got.diagnostics.iter().any(|d| d.is_error() && d.file.ends_with("d.csv")), "{:?}", got.diagnostics);
}

#[test]
fn a_garbage_file_is_an_error_naming_it() {
    let dir = temp_dir("garbage");
    std::fs::write(dir.join("data/d.parquet"), b"this is not parquet").expect("write");
    let site = site_with(&dir, "d.parquet", "", None);
    let got = load_site_data(&site, &no_progress);
    let d = got.diagnostics.iter().find(|d| d.file.ends_with("d.parquet")).expect("diagnosed");
    assert!(d.is_error() && d.message.id == "ingest-parquet-no-magic", "{d}");
    assert!(d.to_string().contains("cannot read the file"), "{d}");
}

#[test]
fn unit_suffixes_in_column_names_match_and_convert() {
    assert_eq!(split_unit("Usage_kWh"), ("Usage", Some("kWh")));
    assert_eq!(split_unit("kiln_drive_MW"), ("kiln_drive", Some("MW")));
    assert_eq!(split_unit("fan_speed"), ("fan_speed", None), "not a unit");
    // Meter columns a and b; the file says a_MW and b_kW.
    let dir = temp_dir("suffix");
    let csv = "timestamp,a_MW,b_kW\n2026-11-01T08:00:00+08:00,1.25,7\n";
    let site = site_with(&dir, "d.csv", "", Some(csv));
    let got = load_site_data(&site, &no_progress);
    assert_eq!(got.store.get("a").expect("a").values(), &[1250.0]);
    assert_eq!(got.store.get("b").expect("b").values(), &[7.0]);
}

#[test]
fn a_uci_style_day_first_15_minute_file_reads() {
    // Shaped like the UCI steel-industry file: DD/MM/YYYY HH:MM, 15-minute steps, Usage_kWh.
    let dir = temp_dir("uci");
    let mut csv = String::from("date,Usage_kWh,Lagging_Current_Reactive.Power_kVarh\n");
    for i in 0..96 {
        csv.push_str(&format!("01/01/2018 {:02}:{:02},{}.5,1.0\n", i / 4, (i % 4) * 15, i % 10));
    }
    csv.push_str("02/01/2018 00:00,3.1,1.0\n");
    std::fs::write(dir.join("data/steel.csv"), csv).expect("write");
    let toml = "[site]\nname = \"steel\"\nkind = \"steel\"\ntime_zone = \"Asia/Seoul\"\n\n[[data]]\npath = \"data/steel.csv\"\ntimestamp_column = \"date\"\n\n\
[[equipment]]\nid = \"plant\"\ntype = \"plant\"\nname = \"Plant\"\n\n\
[[meter]]\nid = \"usage\"\nquantity = \"energy\"\nunit = \"kWh\"\nequipment = \"plant\"\ncolumn = \"usage\"\n";
    std::fs::write(dir.join("site.toml"), toml).expect("write");
    let site = plant_site::open(&dir).expect("opens").site;
    let got = load_site_data(&site, &no_progress);
    let s = got.store.get("usage").expect("usage");
    assert_eq!(s.len(), 97);
    assert_eq!(s.interval_ms(), 15 * MIN);
    // 2018-01-01 00:00 in Seoul (UTC+9) is 2017-12-31T15:00Z.
    assert_eq!(s.times_ms()[0], 1_514_732_400_000);
    assert!(got.diagnostics.iter().all(|d| !d.is_error()), "{:?}", got.diagnostics);
}

#[test]
fn the_steps_of_a_load_have_words_in_both_languages() {
    for step in plant_ingest::STEPS {
        let m = plant_ingest::step_message(step);
        assert_eq!(m.text_in(Lang::En), step);
        assert_ne!(m.text_in(Lang::ZhCn), step, "{step} has Chinese");
    }
    assert_eq!(plant_ingest::step_message("reading").text_in(Lang::ZhCn), "读取");
}
