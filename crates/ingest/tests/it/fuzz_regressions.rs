//! Inputs the fuzz harness found (fuzz/regressions/csv and parquet, RELIABILITY.md), each read once with
//! `read_file` against the cement plant's meters, as the fuzz targets read them.

use std::path::PathBuf;

use plant_ingest::{FileData, read_file};
use plant_site::{DataFile, Diagnostic, Site, TimestampFormat};

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
