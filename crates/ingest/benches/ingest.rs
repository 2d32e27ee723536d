//! Ingest of a 10-million-row meter file, CSV and Parquet, against plain polars reading the same file.
//!
//! `cargo bench -p plant-ingest --bench ingest`. The files are generated once into the system temp dir
//! (about 400 MB for the CSV). "plain polars" is polars' own reader with default options; "plant-ingest"
//! is the whole path into the store: read, parse and convert timestamps, sort check, build the series.

use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, criterion_group};
use plant_site::DataFile;
use polars::prelude::*;

const ROWS: usize = 10_000_000;

fn dir() -> PathBuf {
    std::env::temp_dir().join("plant-twin-bench")
}

fn ensure_files() -> (PathBuf, PathBuf) {
    let d = dir();
    let csv = d.join("data/meter.csv");
    let pq = d.join("data/meter.parquet");
    if csv.is_file() && pq.is_file() {
        return (csv, pq);
    }
    std::fs::create_dir_all(d.join("data")).expect("bench dir");
    // One meter, 10 M one-second samples from 2026-11-02T00:00:00+08:00.
    let t0: i64 = 1_793_548_800_000;
    let times: Vec<i64> = (0..ROWS as i64).map(|i| t0 + i * 1000).collect();
    let values: Vec<f64> = (0..ROWS).map(|i| 1000.0 + ((i as f64) * 0.001).sin() * 250.0 + (i % 7) as f64).collect();
    let stamps: Vec<String> = times
        .iter()
        .map(|&t| {
            let s = t / 1000 + 8 * 3600;
            let (days, sod) = (s.div_euclid(86_400), s.rem_euclid(86_400));
            let (y, m, dd) = civil(days);
            format!("{y:04}-{m:02}-{dd:02}T{:02}:{:02}:{:02}+08:00", sod / 3600, sod / 60 % 60, sod % 60)
        })
        .collect();
    let mut csv_df = DataFrame::new_infer_height(vec![Column::new("timestamp".into(), stamps), Column::new("power_kW".into(), values.clone())]).expect("frame");
    let mut f = std::fs::File::create(&csv).expect("csv");
    CsvWriter::new(&mut f).finish(&mut csv_df).expect("write csv");
    let ts = Column::new("timestamp".into(), times).cast(&DataType::Datetime(TimeUnit::Milliseconds, None)).expect("cast");
    let mut pq_df = DataFrame::new_infer_height(vec![ts, Column::new("power_kW".into(), values)]).expect("frame");
    let f = std::fs::File::create(&pq).expect("parquet");
    ParquetWriter::new(f).finish(&mut pq_df).expect("write parquet");
    (csv, pq)
}

/// Days since the epoch to (year, month, day).
fn civil(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

fn site(file: &str) -> plant_site::Site {
    let toml = format!(
        "[site]\nname = \"bench\"\nkind = \"bench\"\ntime_zone = \"Asia/Shanghai\"\n\n[[data]]\npath = \"data/{file}\"\n\n\
         [[equipment]]\nid = \"e\"\ntype = \"x\"\nname = \"E\"\n\n[[meter]]\nid = \"p\"\nquantity = \"electric_power\"\nunit = \"kW\"\nequipment = \"e\"\ncolumn = \"power_kW\"\n"
    );
    plant_site::parse(&toml, &dir()).expect("bench site").site
}

fn plain_polars(path: &Path) -> usize {
    let df = if path.extension().is_some_and(|e| e == "csv") {
        CsvReadOptions::default().try_into_reader_with_file_path(Some(path.to_path_buf())).expect("reader").finish().expect("read")
    } else {
        ParquetReader::new(std::fs::File::open(path).expect("open")).finish().expect("read")
    };
    df.height()
}

fn bench(c: &mut Criterion) {
    let (csv, pq) = ensure_files();
    let mut g = c.benchmark_group("ingest_10M_rows");
    g.sample_size(10).measurement_time(Duration::from_secs(40)).warm_up_time(Duration::from_secs(3));
    for (label, path, file) in [("csv", &csv, "meter.csv"), ("parquet", &pq, "meter.parquet")] {
        g.bench_function(format!("plain_polars_{label}"), |b| b.iter(|| assert_eq!(plain_polars(path), ROWS)));
        let s = site(file);
        let spec: &DataFile = &s.data[0];
        assert!(spec.path.ends_with(file));
        g.bench_function(format!("plant_ingest_{label}"), |b| {
            b.iter(|| {
                let got = plant_ingest::load_site_data(&s, &|_, _| {});
                assert_eq!(got.store.sample_count(), ROWS);
            })
        });
    }
    g.finish();
}

/// Paired, alternating runs (`PLANT_TWIN_PAIRED=n cargo bench -p plant-ingest --bench ingest`): plain polars
/// then plant-ingest on the same file, `n` times, so both see the same state of a noisy machine; prints the
/// medians and the median of the pairs' ratios.
fn paired(n: usize) {
    let (csv, pq) = ensure_files();
    for (label, path, file) in [("csv", &csv, "meter.csv"), ("parquet", &pq, "meter.parquet")] {
        let s = site(file);
        let (mut plain, mut ours, mut ratios) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..n {
            let t = std::time::Instant::now();
            assert_eq!(plain_polars(path), ROWS);
            let a = t.elapsed().as_secs_f64();
            let t = std::time::Instant::now();
            assert_eq!(plant_ingest::load_site_data(&s, &|_, _| {}).store.sample_count(), ROWS);
            let b = t.elapsed().as_secs_f64();
            plain.push(a);
            ours.push(b);
            ratios.push(b / a);
        }
        let median = |v: &mut Vec<f64>| {
            v.sort_by(f64::total_cmp);
            v[v.len() / 2]
        };
        println!(
            "{label}: {n} pairs, plain polars median {:.0} ms, plant-ingest median {:.0} ms, median ratio {:.2}x (min {:.2}, max {:.2})",
            median(&mut plain) * 1e3,
            median(&mut ours) * 1e3,
            median(&mut ratios),
            ratios[0],
            ratios[ratios.len() - 1]
        );
    }
}

criterion_group!(benches, bench);

fn main() {
    if let Some(n) = std::env::var("PLANT_TWIN_PAIRED").ok().and_then(|n| n.parse().ok()) {
        paired(n);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
