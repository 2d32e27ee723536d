//! Inputs the fuzz harness found (fuzz/regressions/csv and parquet, RELIABILITY.md), each read once with
//! `read_file` against the cement plant's meters, as the fuzz targets read them.

use std::path::PathBuf;

use plant_ingest::{FileData, read_file};
use plant_site::{DataFile, Diagnostic, Site, TimestampFormat};

use plant_i18n::Lang;

use crate::arg;
use crate::fixtures::{no_progress, temp_dir};

fn cement() -> Site {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant");
    plant_site::open(&root).expect("the cement plant opens").site
}

/// Writes `bytes` to data/<name> of a fresh folder and reads it with the default spec.
fn read(name: &str, bytes: &[u8]) -> Result<FileData, Diagnostic> {
    let dir = temp_dir(&format!("fuzz-{name}"));
    let path = dir.join("data").join(name);
    std::fs::write(&path, bytes).expect("write input");
    let spec = DataFile { path: format!("data/{name}"), timestamp_column: "timestamp".into(), timestamp_format: TimestampFormat::Auto, separator: None };
    let r = read_file(&path, &spec, &cement(), &no_progress);
    let _ = std::fs::remove_dir_all(&dir);
    r
}

#[test]
fn unix_millis_at_both_ends_of_i64_are_read() {
    // Spacings between -9223372036854775807 and 1794292200000 overflowed i64 in the median interval
    // (plant-store series.rs). The file is well-formed: all four rows are read.
    let fd = read("median.csv", include_bytes!("../../../../fuzz/regressions/csv/median-interval-overflow.csv")).expect("reads");
    assert_eq!(fd.report.rows, 4);
    assert_eq!(fd.report.rejected_rows, 0);
    assert_eq!(fd.report.first_ms, Some(-9_223_372_036_854_775_807));
    assert_eq!(fd.report.last_ms, Some(9_223_372_036_854_775_807));
}

#[test]
fn a_gap_longer_than_i64_ms_is_reported_not_a_panic() {
    // Regular rows, then times near both ends of i64: the longest gap (after - before) overflowed while
    // the gaps warning was written.
    match read("gap.csv", include_bytes!("../../../../fuzz/regressions/csv/gap-length-overflow.csv")) {
        Ok(fd) => assert!(fd.report.rows > 0),
        Err(d) => assert!(d.is_error(), "{d}"),
    }
}

#[test]
fn a_corrupt_parquet_page_is_an_error_not_a_panic() {
    // polars-parquet sliced past the end of the file (polars-utils range.rs:10).
    let r = read("range.parquet", include_bytes!("../../../../fuzz/regressions/parquet/polars-range-out-of-bounds.parquet"));
    let d = r.err().expect("a corrupt file is an error");
    assert!(d.is_error(), "{d}");
}

/// The input of the test below, read in a child process: an allocation failure aborts the process (it is
/// not a panic), so it must not take this test binary down with it.
#[test]
#[ignore = "run in a child process by parquet_claiming_2pow40_rows_is_an_error"]
fn child_reads_the_2pow40_rows_parquet() {
    let r = read("rows.parquet", include_bytes!("../../../../fuzz/regressions/parquet/claims-2pow40-rows.parquet"));
    let d = r.err().expect("a file whose metadata claims 2^40 rows in 280 bytes is an error");
    assert!(d.is_error(), "{d}");
}

#[test]
fn parquet_claiming_2pow40_rows_is_an_error() {
    // 280 bytes whose metadata claim 2^40 rows and a page of 2^31 - 1 values: polars-parquet reserved
    // capacity for the claim (8 TiB) and the process aborted on the failed allocation.
    let out = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args(["fuzz_regressions::child_reads_the_2pow40_rows_parquet", "--exact", "--ignored", "--test-threads=1", "--nocapture"])
        .output()
        .expect("run the child");
    assert!(out.status.success(), "child: {}\n{}{}", out.status, String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
}

/// The footer-list inputs below, each read in this (child) process; prints each file's outcome.
#[test]
#[ignore = "run in a child process by parquet_footer_list_claims_are_errors"]
fn child_reads_the_footer_list_claims() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../fuzz/regressions/parquet");
    let mut names: Vec<_> = std::fs::read_dir(&dir).expect("regressions").filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.retain(|n| n.starts_with("footer-list-claim-"));
    names.sort();
    assert_eq!(names.len(), 11, "{names:?}");
    for name in names {
        let bytes = std::fs::read(dir.join(&name)).expect("read input");
        let d = read("f.parquet", &bytes).err().unwrap_or_else(|| panic!("{name} is damaged: it must be an error"));
        assert!(d.is_error(), "{name}: {d}");
        println!("{name}: {d}");
    }
}

#[test]
fn parquet_footer_list_claims_are_errors() {
    // Footers (300–1,500 bytes) whose Thrift lists claim billions of elements: polars-parquet 0.55's footer
    // decoder reserved them (26–136 GB) and the process aborted. The budgeted decoder refuses them first.
    let out = std::process::Command::new(std::env::current_exe().expect("test binary"))
        .args(["fuzz_regressions::child_reads_the_footer_list_claims", "--exact", "--ignored", "--test-threads=1", "--nocapture"])
        .output()
        .expect("run the child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "child: {}\n{stdout}{}", out.status, String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("metadata is damaged"), "{stdout}");
}

#[test]
fn the_footer_check_passes_every_sample_sites_parquet_file() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites");
    let mut checked = 0;
    for site in ["cement-plant", "office-building", "aluminium-smelter"] {
        for entry in std::fs::read_dir(root.join(site).join("data")).expect("data folder").filter_map(|e| e.ok()) {
            if entry.path().extension().is_some_and(|e| e == "parquet") {
                let mut f = std::fs::File::open(entry.path()).expect("open");
                plant_ingest::check_parquet_footer(&mut f).unwrap_or_else(|e| panic!("{}: {e}", entry.path().display()));
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 3);
}

#[test]
fn the_footer_check_names_what_is_wrong() {
    let mut short = std::io::Cursor::new(b"PAR1".to_vec());
    let e = plant_ingest::check_parquet_footer(&mut short).unwrap_err();
    assert_eq!((e.id.as_ref(), arg(&e, "size").as_str()), ("ingest-parquet-too-short", "4"));
    assert!(e.text_in(Lang::En).contains("at least 12 bytes; this one has 4"), "{e}");
    let mut no_magic = std::io::Cursor::new(b"PAR1 not parquet at all".to_vec());
    assert_eq!(plant_ingest::check_parquet_footer(&mut no_magic).unwrap_err().id, "ingest-parquet-no-magic");
    let mut bytes = b"PAR1".to_vec();
    bytes.extend_from_slice(&u32::MAX.to_le_bytes());
    bytes.extend_from_slice(b"PAR1");
    let mut long_footer = std::io::Cursor::new(bytes);
    let e = plant_ingest::check_parquet_footer(&mut long_footer).unwrap_err();
    assert_eq!((e.id.as_ref(), arg(&e, "length").as_str(), arg(&e, "size").as_str()), ("ingest-parquet-footer-too-long", "4294967295", "12"));
    assert!(e.text_in(Lang::En).contains("footer claims 4294967295 bytes"), "{e}");
    assert!(e.text_in(Lang::ZhCn).contains("文件尾声称有 4294967295 字节"), "{}", e.text_in(Lang::ZhCn));
}

#[test]
fn the_two_slow_parquet_inputs_are_refused_at_once() {
    // Over 10 s each inside polars before the footer check; refused by it now.
    for bytes in [
        &include_bytes!("../../../../fuzz/regressions/parquet/was-slow-4b3a9511.parquet")[..],
        &include_bytes!("../../../../fuzz/regressions/parquet/was-slow-66dbaf24.parquet")[..],
    ] {
        let d = read("slow.parquet", bytes).err().expect("a damaged file is an error");
        assert!(d.is_error(), "{d}");
    }
}
