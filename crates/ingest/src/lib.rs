//! Ingest of recorded meter data (CSV and Parquet, through polars) into the [`plant_store::Store`].
//!
//! A data file has one timestamp column and one column per meter (a "wide" table). Ingest never panics on
//! bad input: unreadable timestamps reject their row, non-numeric cells are skipped, duplicated and
//! out-of-order timestamps are repaired, and every such problem is counted and reported with its file,
//! row and column.

mod columns;
pub mod scaffold;
pub mod timestamp;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use plant_i18n::{Msg, msg};
use plant_site::{DataFile, Diagnostic, Place, Site, TimestampFormat};
use plant_store::{Series, Store, TimestampMs};
use polars::prelude::*;

pub use columns::{match_column, split_unit};
use timestamp::{LocalToUtc, TsError};

/// Marks a row whose timestamp could not be read (no real instant is this early).
const REJECTED: TimestampMs = i64::MIN;

/// At most this many examples of each kind of problem are listed per file; all are counted.
pub const MAX_EXAMPLES: usize = 5;

/// What ingest of one file found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileReport {
    pub path: PathBuf,
    pub rows: usize,
    /// Rows dropped whole because their timestamp could not be read.
    pub rejected_rows: usize,
    /// Rows in which at least one meter cell was not a number (those cells were skipped).
    pub rows_with_bad_cells: usize,
    pub bad_cells: usize,
    /// Empty cells (missing readings).
    pub empty_cells: usize,
    pub duplicate_timestamps: usize,
    pub out_of_order_rows: usize,
    /// Gaps in the file's timestamp sequence longer than 3 sampling intervals: (before, after).
    pub gaps: Vec<(TimestampMs, TimestampMs)>,
    /// Meters read from this file.
    pub meters: Vec<String>,
    pub first_ms: Option<TimestampMs>,
    pub last_ms: Option<TimestampMs>,
}

/// The result of loading a site's data.
#[derive(Debug, Default)]
pub struct Ingested {
    pub store: Store,
    pub files: Vec<FileReport>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Progress callback: fraction done in [0, 1] and the step being done, one of [`STEPS`] (its words:
/// [`step_message`]).
pub type Progress<'a> = &'a (dyn Fn(f32, &str) + Sync);

/// The steps a load reports through [`Progress`]: reading a file, parsing it, indexing the samples.
pub const STEPS: [&str; 3] = ["reading", "parsing", "indexing"];

/// The words of a step [`Progress`] reports ("reading" → "reading" / "读取"), in the language shown.
pub fn step_message(step: &str) -> Msg {
    match step {
        "reading" => msg!("ingest-step-reading"),
        "parsing" => msg!("ingest-step-parsing"),
        "indexing" => msg!("ingest-step-indexing"),
        "database" => msg!("ingest-step-database"),
        other => msg!("ingest-step-other", step = other),
    }
}

/// A time column, shared by the meters of a wide file that have a value in every row.
pub type Times = Arc<Vec<TimestampMs>>;

/// Samples per meter id, as read (unsorted, maybe duplicated): times ms UTC and values.
pub type Samples = HashMap<String, (Times, Vec<f64>)>;

/// Adds a meter's samples from one more file or source: moved in when the meter has none yet (no copy),
/// appended otherwise.
pub fn add_samples(samples: &mut Samples, meter: String, times: Times, values: Vec<f64>) {
    match samples.entry(meter) {
        std::collections::hash_map::Entry::Vacant(e) => {
            e.insert((times, values));
        }
        std::collections::hash_map::Entry::Occupied(mut e) => {
            let (t, v) = e.get_mut();
            Arc::make_mut(t).extend_from_slice(&times);
            v.extend(values);
        }
    }
}

/// Loads every data file of the site and builds one series per meter. A meter whose column appears in
/// several files (e.g. monthly files) gets the samples of all of them.
pub fn load_site_data(site: &Site, progress: Progress) -> Ingested {
    let (samples, mut out) = read_site_files(site, progress);
    progress(1.0, "indexing");
    let several = site.data.len() > 1;
    build_store(site, samples, &mut out, several, Some(&|meter| msg!("ingest-no-column", column = &meter.column)));
    out
}

/// Reads every data file of the site: the samples per meter, and the files' reports and diagnostics (the
/// store is left empty: [`build_store`] makes it).
pub fn read_site_files(site: &Site, progress: Progress) -> (Samples, Ingested) {
    let mut out = Ingested::default();
    let mut samples = Samples::new();
    let n = site.data.len().max(1) as f32;
    for (i, spec) in site.data.iter().enumerate() {
        // Inside the package only (SECURITY.md); `plant_site::parse` already left out paths outside it,
        // this guards sites built in code.
        let path = match site.resolve(&spec.path) {
            Ok(p) => p,
            Err(e) => {
                out.diagnostics.push(Diagnostic::error(&site.site_toml_path(), Place::data_file(&spec.path), msg!("ingest-data-path-refused", reason = e.message())));
                continue;
            }
        };
        let sub = |f: f32, what: &str| progress((i as f32 + f) / n, what);
        // Each file on its own: a panic while reading one (a bug, in this code or a library) loses only
        // that file, reported with its name, never the others.
        let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_file(&path, spec, site, &sub)))
            .unwrap_or_else(|panic| Err(Diagnostic::error(&path, Place::Whole, msg!("ingest-reader-panicked", reason = plant_site::panic_message(&*panic)))));
        match read {
            Ok(file) => {
                for (meter, (t, v)) in file.columns {
                    add_samples(&mut samples, meter, t, v);
                }
                out.diagnostics.extend(file.diagnostics);
                out.files.push(file.report);
            }
            Err(d) => out.diagnostics.push(d),
        }
    }
    (samples, out)
}

/// Builds each meter's series from its samples into `out.store`, in the site's meter order. `several`: the
/// samples came from more than one file or source (duplicated timestamps are then worth a warning); a meter
/// with no samples gets a warning saying `missing(meter)` (none when `missing` is `None`).
pub fn build_store(site: &Site, mut samples: Samples, out: &mut Ingested, several: bool, missing: Option<&dyn Fn(&plant_site::Meter) -> Msg>) {
    for meter in &site.meters {
        match samples.remove(&meter.id) {
            Some((t, v)) => {
                let (series, report) = Series::from_shared(t, v);
                if report.duplicates > 0 && several {
                    out.diagnostics.push(Diagnostic::warning(&site.site_toml_path(), Place::meter(&meter.id), msg!("ingest-duplicate-samples", count = report.duplicates)));
                }
                out.store.insert(meter.id.clone(), series);
            }
            None => {
                if let Some(missing) = missing {
                    out.diagnostics.push(Diagnostic::warning(&site.site_toml_path(), Place::meter(&meter.id), missing(meter)));
                }
            }
        }
    }
    // The meters of a wide file with a sample at every row keep one time column between them.
    out.store.share_equal_times();
}

/// One file's samples per meter, its report and its diagnostics.
pub struct FileData {
    pub columns: Vec<(String, (Times, Vec<f64>))>,
    pub report: FileReport,
    pub diagnostics: Vec<Diagnostic>,
}

/// The most cells (rows × columns) a Parquet file may claim in its metadata: the store holds 16 bytes a
/// sample, so 2^30 cells is 16 GiB. A corrupt or hostile file claiming more is refused before anything is
/// allocated for it (one claiming 2^40 rows in 280 bytes made the reader abort: RELIABILITY.md).
pub const MAX_CELLS: u64 = 1 << 30;

/// Reads a CSV or Parquet file into a polars frame, without interpreting it. A panic inside the reader on a
/// corrupt file (a bug of the library) is this file's error, not the app's end.
pub fn read_frame(path: &Path, spec: &DataFile) -> Result<DataFrame, Diagnostic> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_frame_inner(path, spec)))
        .unwrap_or_else(|panic| Err(Diagnostic::error(path, Place::Whole, msg!("ingest-reader-failed", reason = plant_site::panic_message(&*panic)))))
}

fn read_frame_inner(path: &Path, spec: &DataFile) -> Result<DataFrame, Diagnostic> {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    let fail = |e: PolarsError| Diagnostic::error(path, Place::Whole, msg!("ingest-cannot-read", error = first_line(&e.to_string())));
    let df = match ext.as_str() {
        "parquet" | "pq" => {
            let mut f = std::fs::File::open(path).map_err(|e| Diagnostic::error(path, Place::Whole, msg!("ingest-cannot-open", error = e.to_string())))?;
            check_parquet_footer(&mut f).map_err(|why| Diagnostic::error(path, Place::Whole, why))?;
            let mut reader = ParquetReader::new(f);
            let rows = reader.num_rows().map_err(fail)? as u64;
            let columns = reader.schema().map_err(fail)?.len().max(1) as u64;
            if rows.saturating_mul(columns) > MAX_CELLS {
                return Err(Diagnostic::error(path, Place::Whole, msg!("ingest-too-many-cells", rows = rows, columns = columns, max = MAX_CELLS)));
            }
            reader.finish().map_err(fail)?
        }
        "csv" | "txt" => read_csv(path, spec, false).or_else(|_| read_csv(path, spec, true)).map_err(fail)?,
        other => {
            return Err(Diagnostic::error(path, Place::Whole, msg!("ingest-unknown-file-type", extension = other)));
        }
    };
    Ok(df)
}

/// The most bytes the footer's decoder may allocate per byte of footer. A Thrift list or string needs at least
/// one byte of footer per element, and every allocation of the budgeted decoder is counted at 8 bytes an
/// element, so an honest footer stays well inside 16× its own size.
const FOOTER_BUDGET_PER_BYTE: usize = 16;

/// Checks a Parquet file's footer (the Thrift `FileMetaData` at its end) with a decoder that refuses to
/// allocate more than the footer can hold, before polars reads it. polars-parquet 0.55's footer decoder
/// reserves whatever length a list claims: a 400-byte file claiming a list of 2^32 row groups made it ask
/// for 136 GB and abort the process (fuzz/regressions/parquet, RELIABILITY.md). Leaves the file's position
/// at its start. What is wrong is a whole message ("cannot read the file: its metadata is damaged (…)").
pub fn check_parquet_footer<R: std::io::Read + std::io::Seek>(file: &mut R) -> Result<(), Msg> {
    use polars_parquet_format::thrift::protocol::TCompactInputProtocol;
    use std::io::SeekFrom;
    const TAIL: u64 = 8; // footer length (u32, little-endian) and the magic "PAR1"
    let io = |e: std::io::Error| msg!("ingest-cannot-read", error = e.to_string());
    let size = file.seek(SeekFrom::End(0)).map_err(io)?;
    if size < 12 {
        return Err(msg!("ingest-parquet-too-short", size = size));
    }
    file.seek(SeekFrom::End(-(TAIL as i64))).map_err(io)?;
    let mut tail = [0u8; TAIL as usize];
    file.read_exact(&mut tail).map_err(io)?;
    if &tail[4..] != b"PAR1" {
        return Err(msg!("ingest-parquet-no-magic"));
    }
    let len = u64::from(u32::from_le_bytes([tail[0], tail[1], tail[2], tail[3]]));
    if len + TAIL + 4 > size {
        return Err(msg!("ingest-parquet-footer-too-long", length = len, size = size));
    }
    file.seek(SeekFrom::Start(size - TAIL - len)).map_err(io)?;
    let mut footer = vec![0u8; len as usize];
    file.read_exact(&mut footer).map_err(io)?;
    let budget = footer.len().saturating_mul(FOOTER_BUDGET_PER_BYTE).max(4096);
    let mut protocol = TCompactInputProtocol::new(footer.as_slice(), budget);
    polars_parquet_format::FileMetaData::read_from_in_protocol(&mut protocol).map_err(|e| msg!("ingest-parquet-metadata-damaged", error = first_line(&e.to_string())))?;
    file.seek(SeekFrom::Start(0)).map_err(io)?;
    Ok(())
}

/// CSV through polars. The first try lets polars infer numeric columns (fast); if a non-numeric cell
/// makes that fail, the second reads every column as text so each bad cell can be reported.
fn read_csv(path: &Path, spec: &DataFile, all_text: bool) -> PolarsResult<DataFrame> {
    let ts: PlSmallStr = spec.timestamp_column.as_str().into();
    let overwrite = Schema::from_iter([Field::new(ts, DataType::String)]);
    let parse = CsvParseOptions::default().with_separator(spec.separator.map_or(b',', |c| c as u8)).with_try_parse_dates(false);
    let mut opts = CsvReadOptions::default().with_has_header(true).with_parse_options(parse);
    if all_text {
        opts = opts.with_infer_schema_length(Some(0));
    } else {
        opts = opts.with_infer_schema_length(Some(10_000)).with_schema_overwrite(Some(Arc::new(overwrite)));
    }
    opts.try_into_reader_with_file_path(Some(path.to_path_buf()))?.finish()
}

fn first_line(s: &str) -> &str {
    s.lines().next().unwrap_or(s)
}

/// Reads one data file and extracts the site's meters from it.
pub fn read_file(path: &Path, spec: &DataFile, site: &Site, progress: &dyn Fn(f32, &str)) -> Result<FileData, Diagnostic> {
    progress(0.0, "reading");
    let df = read_frame(path, spec)?;
    progress(0.5, "parsing");
    extract(df, path, spec, site, &|f| progress(0.5 + 0.5 * f, "parsing"))
}

/// Row label for messages: CSV rows count the header as line 1, Parquet rows count from 1.
fn row_label(path: &Path, i: usize) -> usize {
    let csv = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("txt"));
    if csv { i + 2 } else { i + 1 }
}

/// Interprets a frame: timestamps to UTC milliseconds, meter columns to numbers. The frame is taken apart:
/// a clean numeric column (every row timed, no empty cell) becomes its meter's values without a copy, and
/// such meters share the file's time column.
pub fn extract(df: DataFrame, path: &Path, spec: &DataFile, site: &Site, progress: &dyn Fn(f32)) -> Result<FileData, Diagnostic> {
    let mut diags = Vec::new();
    let mut report = FileReport { path: path.to_path_buf(), rows: df.height(), ..Default::default() };
    let names: Vec<String> = df.columns().iter().map(|c| c.name().trim_start_matches('\u{feff}').to_string()).collect();
    let ts_idx = names.iter().position(|n| n.trim() == spec.timestamp_column).ok_or_else(|| {
        Diagnostic::error(path, Place::Row { row: 1, column: None }, msg!("ingest-no-timestamp-column", column = &spec.timestamp_column, columns = names.join(", ")))
    })?;
    let ts_name = names[ts_idx].clone();
    let height = df.height();
    let mut frame: Vec<Option<Column>> = df.into_columns().into_iter().map(Some).collect();
    let ts_col = frame
        .get_mut(ts_idx)
        .and_then(Option::take)
        .ok_or_else(|| Diagnostic::error(path, Place::Whole, msg!("ingest-no-timestamp-column", column = &spec.timestamp_column, columns = names.join(", "))))?;
    let meters: Vec<_> = site.meters.iter().map(|m| (m, match_column(&names, m).filter(|&ci| ci != ts_idx))).collect();
    // A column read by several meters is copied for all but the last.
    let mut uses = vec![0usize; names.len()];
    meters.iter().filter_map(|m| m.1).for_each(|ci| uses[ci] += 1);
    // Numeric columns without empty cells become the meters' values on a second thread while the times
    // are read on this one.
    let clean: Vec<usize> = (0..names.len()).filter(|&ci| uses[ci] > 0 && frame[ci].as_ref().is_some_and(|c| c.dtype().is_primitive_numeric() && c.null_count() == 0)).collect();
    let clean: Vec<(usize, Column)> = clean.into_iter().filter_map(|ci| frame[ci].take().map(|c| (ci, c))).collect();
    let values_of = |clean: Vec<(usize, Column)>| clean.into_iter().map(|(ci, c)| (ci, owned_f64(c))).collect::<HashMap<usize, Vec<f64>>>();
    let (times, mut ready) = if height >= PARALLEL_ROWS {
        std::thread::scope(|scope| {
            let values = scope.spawn(|| values_of(clean));
            let times = parse_times(ts_col, path, &ts_name, spec, site, &mut report, &mut diags);
            (times, values.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        })
    } else {
        (parse_times(ts_col, path, &ts_name, spec, site, &mut report, &mut diags), values_of(clean))
    };
    let times = times?;
    progress(0.3);

    // Repairs of the time axis are reported once per file, not per meter. A clean, sorted file (the
    // common case) is checked in place; only a file that needs repair gets a sorted copy.
    let increasing = if report.rejected_rows == 0 { plant_store::gaps_if_increasing(&times) } else { None };
    if let Some(gaps) = increasing {
        report.first_ms = times.first().copied();
        report.last_ms = times.last().copied();
        report.gaps = gaps;
    } else {
        let mut sorted: Vec<TimestampMs> = times.iter().copied().filter(|&t| t != REJECTED).collect();
        report.out_of_order_rows = sorted.windows(2).filter(|w| w[1] < w[0]).count();
        if report.out_of_order_rows > 0 {
            sorted.sort_unstable();
        }
        report.duplicate_timestamps = sorted.windows(2).filter(|w| w[0] == w[1]).count();
        sorted.dedup();
        report.first_ms = sorted.first().copied();
        report.last_ms = sorted.last().copied();
        report.gaps = plant_store::gaps_in(&sorted);
    }
    // The first offending row is named; the count covers them all.
    let ts_place = |i: Option<usize>| i.map_or(Place::Whole, |i| Place::Row { row: row_label(path, i), column: Some(ts_name.clone()) });
    if report.out_of_order_rows > 0 {
        let msg = msg!("ingest-out-of-order", count = report.out_of_order_rows);
        diags.push(Diagnostic::warning(path, ts_place(first_out_of_order(&times)), msg));
    }
    if report.duplicate_timestamps > 0 {
        let msg = msg!("ingest-duplicate-timestamps", count = report.duplicate_timestamps);
        diags.push(Diagnostic::warning(path, ts_place(first_duplicate(&times)), msg));
    }
    if !report.gaps.is_empty() {
        let longest = report.gaps.iter().map(|g| g.1.saturating_sub(g.0)).max().unwrap_or(0);
        diags.push(Diagnostic::warning(path, Place::Whole, msg!("ingest-gaps", count = report.gaps.len(), minutes = longest / 60_000)));
    }

    let mut columns = Vec::new();
    let mut bad_rows = vec![false; height];
    // Every row has its time: meters with a value in every row share one time column.
    let every_row_timed = report.rejected_rows == 0;
    let times: Times = Arc::new(times);
    for (k, (meter, ci)) in meters.iter().enumerate() {
        let Some(ci) = *ci else { continue };
        let (scale, offset) = match columns::unit_conversion(&names[ci], meter) {
            Ok(c) => c,
            Err(message) => {
                diags.push(Diagnostic::error(path, Place::Row { row: 1, column: Some(names[ci].clone()) }, message));
                continue;
            }
        };
        uses[ci] -= 1;
        let ready_values = if uses[ci] == 0 { ready.remove(&ci) } else { ready.get(&ci).cloned() };
        let (t, v) = if let Some(v) = ready_values {
            if every_row_timed {
                (times.clone(), v)
            } else {
                let (t, v): (Vec<TimestampMs>, Vec<f64>) = times.iter().zip(v).filter(|(t, _)| **t != REJECTED).map(|(t, v)| (*t, v)).unzip();
                (Arc::new(t), v)
            }
        } else {
            let col = if uses[ci] == 0 { frame[ci].take() } else { frame[ci].clone() };
            let Some(col) = col else { continue };
            let (t, v) = column_values(&col, &times, path, &names[ci], &mut bad_rows, &mut report, &mut diags);
            (Arc::new(t), v)
        };
        let v = if scale == 1.0 && offset == 0.0 { v } else { v.into_iter().map(|x| x * scale + offset).collect() };
        report.meters.push(meter.id.clone());
        columns.push((meter.id.clone(), (t, v)));
        progress(0.3 + 0.7 * (k + 1) as f32 / meters.len() as f32);
    }
    report.rows_with_bad_cells = bad_rows.iter().filter(|&&b| b).count();
    if report.rejected_rows + report.rows_with_bad_cells > 0 {
        let message = msg!("ingest-rows-skipped", rejected = report.rejected_rows, rows = report.rows, bad_rows = report.rows_with_bad_cells, bad_cells = report.bad_cells);
        diags.push(Diagnostic::warning(path, Place::Whole, message));
    }
    Ok(FileData { columns, report, diagnostics: diags })
}

/// A numeric column without empty cells as `f64`s: its own buffer when the column is `f64`, in one piece
/// and held by nothing else (no copy), else a copy.
fn owned_f64(col: Column) -> Vec<f64> {
    let series = col.take_materialized_series();
    let series = if series.dtype() == &DataType::Float64 { Ok(series) } else { series.cast(&DataType::Float64) };
    let Ok(ca) = series.as_ref().map(|s| s.f64().cloned()) else { return Vec::new() };
    let Ok(ca) = ca else { return Vec::new() };
    drop(series);
    owned_vec(ca)
}

/// The values of a chunked array without nulls, as a vector: its buffer taken over when it is one chunk
/// that nothing else holds, else copied.
fn owned_vec<T: PolarsNumericType>(ca: ChunkedArray<T>) -> Vec<T::Native> {
    if ca.chunks().len() != 1 {
        let mut out = Vec::with_capacity(ca.len());
        ca.downcast_iter().for_each(|array| out.extend_from_slice(array.values()));
        return out;
    }
    ca.downcast_into_iter().next().map(|array| array.into_mut().either(|shared| shared.values()[..].to_vec(), |own| own.into_inner().1)).unwrap_or_default()
}

fn first_out_of_order(times: &[TimestampMs]) -> Option<usize> {
    let mut prev = i64::MIN;
    for (i, &t) in times.iter().enumerate() {
        if t != REJECTED {
            if t < prev {
                return Some(i);
            }
            prev = t;
        }
    }
    None
}

fn first_duplicate(times: &[TimestampMs]) -> Option<usize> {
    let mut seen = std::collections::HashSet::new();
    times.iter().position(|&t| t != REJECTED && !seen.insert(t))
}

#[allow(clippy::too_many_arguments)]
fn parse_times(col: Column, path: &Path, name: &str, spec: &DataFile, site: &Site, report: &mut FileReport, diags: &mut Vec<Diagnostic>) -> Result<Vec<TimestampMs>, Diagnostic> {
    let place = |row: usize| Place::Row { row, column: Some(name.to_string()) };
    let reject = |i: usize, why: Msg, report: &mut FileReport, diags: &mut Vec<Diagnostic>| {
        report.rejected_rows += 1;
        if report.rejected_rows <= MAX_EXAMPLES {
            diags.push(Diagnostic::error(path, place(row_label(path, i)), why));
        }
    };
    let mut out = Vec::with_capacity(col.len());
    match col.dtype().clone() {
        DataType::Datetime(unit, _) => {
            // Stored instants are UTC whatever zone the column is labelled with.
            let div = match unit {
                TimeUnit::Nanoseconds => 1_000_000,
                TimeUnit::Microseconds => 1_000,
                TimeUnit::Milliseconds => 1,
            };
            let ca = col.datetime().map_err(|e| Diagnostic::error(path, place(1), column_error(&e)))?;
            let phys = ca.physical();
            if phys.null_count() == 0 {
                // The column's own buffer, converted in place (no copy when the frame held it alone).
                let phys = phys.clone();
                drop(col);
                let mut own = owned_vec(phys);
                if div != 1 {
                    own.iter_mut().for_each(|v| *v = v.div_euclid(div));
                }
                return Ok(own);
            } else {
                for (i, v) in phys.iter().enumerate() {
                    match v {
                        Some(v) => out.push(v.div_euclid(div)),
                        None => {
                            reject(i, msg!("ingest-timestamp-empty"), report, diags);
                            out.push(REJECTED);
                        }
                    }
                }
            }
        }
        DataType::String => {
            let ca = col.str().map_err(|e| Diagnostic::error(path, place(1), column_error(&e)))?;
            let fmt = match &spec.timestamp_format {
                TimestampFormat::Auto => {
                    let samples: Vec<&str> = ca.iter().flatten().take(1000).collect();
                    match timestamp::detect(&samples) {
                        Some((f, ambiguous)) => {
                            if ambiguous {
                                diags.push(Diagnostic::warning(path, place(2), msg!("ingest-dates-ambiguous")));
                            }
                            f
                        }
                        None => {
                            return Err(Diagnostic::error(path, place(2), msg!("ingest-timestamp-format-unknown", value = samples.first().copied().unwrap_or(""))));
                        }
                    }
                }
                f => f.clone(),
            };
            let (times, problems) = text_times(ca, &fmt, site.time_zone);
            let not_listed = problems.count - problems.examples.len();
            for (i, why) in problems.examples {
                reject(i, why, report, diags);
            }
            report.rejected_rows += not_listed;
            return Ok(times);
        }
        dt if dt.is_integer() => {
            let ca = col.cast(&DataType::Int64).map_err(|e| Diagnostic::error(path, place(1), column_error(&e)))?;
            let ca = ca.i64().map_err(|e| Diagnostic::error(path, place(1), column_error(&e)))?;
            let millis = match spec.timestamp_format {
                TimestampFormat::UnixMillis => true,
                TimestampFormat::UnixSeconds => false,
                _ => ca.iter().flatten().next().is_some_and(|v| v.abs() >= 100_000_000_000),
            };
            for (i, v) in ca.iter().enumerate() {
                match v {
                    Some(v) => out.push(if millis { v } else { v.saturating_mul(1000) }),
                    None => {
                        reject(i, msg!("ingest-timestamp-empty"), report, diags);
                        out.push(REJECTED);
                    }
                }
            }
        }
        other => {
            return Err(Diagnostic::error(path, place(1), msg!("ingest-timestamp-column-type", column_type = other.to_string())));
        }
    }
    Ok(out)
}

/// Rows of a text column below which its timestamps are read on one thread.
const PARALLEL_ROWS: usize = 100_000;

/// The unreadable timestamps of a column: the first [`MAX_EXAMPLES`] (row index, why) and how many in all.
#[derive(Default)]
struct Problems {
    examples: Vec<(usize, Msg)>,
    count: usize,
}

impl Problems {
    fn merge(mut self, later: Problems) -> Problems {
        self.examples.extend(later.examples);
        self.examples.truncate(MAX_EXAMPLES);
        self.count += later.count;
        self
    }
}

/// Text timestamps to UTC ms, [`REJECTED`] where a row's cannot be read. A long column is read in two
/// halves on two threads; the second half is read again after the first when the time zone's repeated hour
/// made its converter decide an ambiguous time without the rows before it.
fn text_times(ca: &StringChunked, fmt: &TimestampFormat, tz: chrono_tz::Tz) -> (Vec<TimestampMs>, Problems) {
    let n = ca.len();
    let mut out = vec![0; n];
    if n < PARALLEL_ROWS {
        let problems = text_times_into(ca, 0, &mut out, fmt, tz, &mut LocalToUtc::new(tz));
        return (out, problems);
    }
    let mid = n / 2;
    let (first, second) = (ca.slice(0, mid), ca.slice(mid as i64, n - mid));
    let (a, b) = out.split_at_mut(mid);
    let ((p1, mut conv), later) = std::thread::scope(|scope| {
        let later = scope.spawn(|| {
            let mut conv = LocalToUtc::new(tz);
            let p = text_times_into(&second, mid, b, fmt, tz, &mut conv);
            (p, conv.decided_blind())
        });
        let mut conv = LocalToUtc::new(tz);
        let p = text_times_into(&first, 0, a, fmt, tz, &mut conv);
        ((p, conv), later.join())
    });
    // A panic on the second thread is this file's, as one on this thread would be (`read_site_files`).
    let (mut p2, blind) = later.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    if blind {
        p2 = text_times_into(&second, mid, &mut out[mid..], fmt, tz, &mut conv);
    }
    (out, p1.merge(p2))
}

fn text_times_into(ca: &StringChunked, first_row: usize, out: &mut [TimestampMs], fmt: &TimestampFormat, tz: chrono_tz::Tz, conv: &mut LocalToUtc) -> Problems {
    let mut problems = Problems::default();
    let mut cache = timestamp::DateCache::default();
    for ((k, v), slot) in ca.iter().enumerate().zip(out.iter_mut()) {
        let parsed = match v {
            Some(s) => timestamp::parse_with(s, fmt, &mut cache).and_then(|p| conv.to_utc(p)).map_err(|e| (s, e)),
            None => Err(("", TsError::Malformed)),
        };
        *slot = match parsed {
            Ok(t) => t,
            Err((s, e)) => {
                problems.count += 1;
                if problems.examples.len() < MAX_EXAMPLES {
                    let why = match e {
                        TsError::Malformed if s.is_empty() => msg!("ingest-timestamp-empty"),
                        TsError::Malformed => msg!("ingest-timestamp-unreadable", value = s, format = format_key(fmt)),
                        TsError::NonexistentLocal => msg!("ingest-timestamp-skipped", value = s, time_zone = tz.name()),
                    };
                    problems.examples.push((first_row + k, why));
                }
                REJECTED
            }
        };
    }
    problems
}

/// A timestamp format's name in site.toml (`timestamp_format = "day-first"`), the key of its words in the
/// catalogue (`ingest-timestamp-unreadable`).
fn format_key(f: &TimestampFormat) -> &'static str {
    match f {
        TimestampFormat::Auto | TimestampFormat::Iso8601 => "iso8601",
        TimestampFormat::NaiveLocal => "naive-local",
        TimestampFormat::DayFirst => "day-first",
        TimestampFormat::MonthFirst => "month-first",
        TimestampFormat::UnixSeconds => "unix-seconds",
        TimestampFormat::UnixMillis => "unix-millis",
    }
}

/// A timestamp column polars could not give as the type it claims (its words are polars').
fn column_error(e: &PolarsError) -> Msg {
    msg!("ingest-timestamp-column-unreadable", error = first_line(&e.to_string()))
}

/// Samples of one meter column: rows with a timestamp and a finite number.
#[allow(clippy::too_many_arguments)]
fn column_values(
    col: &Column,
    times: &[TimestampMs],
    path: &Path,
    name: &str,
    bad_rows: &mut [bool],
    report: &mut FileReport,
    diags: &mut Vec<Diagnostic>,
) -> (Vec<TimestampMs>, Vec<f64>) {
    let mut t_out = Vec::with_capacity(times.len());
    let mut v_out = Vec::with_capacity(times.len());
    let mut push = |i: usize, v: f64| {
        let t = times[i];
        if t != REJECTED {
            t_out.push(t);
            v_out.push(v);
        }
    };
    if col.dtype().is_primitive_numeric() {
        let Ok(cast) = col.cast(&DataType::Float64) else { return (t_out, v_out) };
        let Ok(ca) = cast.f64() else { return (t_out, v_out) };
        if ca.null_count() == 0 {
            for (i, v) in ca.into_no_null_iter().enumerate() {
                if v.is_finite() {
                    push(i, v);
                }
            }
        } else {
            for (i, v) in ca.iter().enumerate() {
                match v {
                    Some(v) if v.is_finite() => push(i, v),
                    Some(_) => {}
                    None => report.empty_cells += 1,
                }
            }
        }
    } else if let Ok(ca) = col.str() {
        for (i, v) in ca.iter().enumerate() {
            let s = v.map(str::trim).unwrap_or("");
            if s.is_empty() || s.eq_ignore_ascii_case("nan") || s.eq_ignore_ascii_case("null") || s.eq_ignore_ascii_case("na") {
                report.empty_cells += 1;
                continue;
            }
            match s.parse::<f64>() {
                Ok(v) if v.is_finite() => push(i, v),
                _ => {
                    report.bad_cells += 1;
                    if times[i] != REJECTED {
                        bad_rows[i] = true;
                    }
                    if report.bad_cells <= MAX_EXAMPLES {
                        diags.push(Diagnostic::error(path, Place::Row { row: row_label(path, i), column: Some(name.to_string()) }, msg!("ingest-not-a-number", value = s)));
                    }
                }
            }
        }
    } else {
        let message = msg!("ingest-column-type", column_type = col.dtype().to_string());
        diags.push(Diagnostic::error(path, Place::Row { row: 1, column: Some(name.to_string()) }, message));
    }
    (t_out, v_out)
}
