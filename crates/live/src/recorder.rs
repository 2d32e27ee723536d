//! Recording live data to Parquet for later replay.
//!
//! Files roll every `roll` (default one hour, aligned to the epoch: `live-20261124T0600Z.parquet`) and hold
//! a timestamp column and one column per meter (the site's column names), so a recording is a data file
//! the site can list under `[[data]]`. Every `flush` writes only what arrived since the last one, as a hidden
//! part of the open period (`.live-20261124T0600Z.part0003.parquet`); when the period is over its file is
//! written whole, once, and the parts are deleted. A crash loses at most the unflushed interval: the parts a
//! crashed recorder left are joined into their period's file when a recorder starts in the folder again. Every
//! file is written to a temporary file that is then renamed over it (atomic on one file system), so none is
//! ever left half-written.
//!
//! Samples are kept per column (a meter's samples as (time, value) pairs, the column named once), not per cell.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use plant_i18n::msg;
use polars::prelude::{Column, DataFrame, DataType, ParquetCompression, ParquetReader, ParquetWriter, SerReader, TimeUnit};

use crate::LiveError;
use crate::config::RecorderConfig;
use crate::poll::LiveSample;

/// Samples of one rolling period, per column (index into the recorder's column names).
#[derive(Default)]
struct Period {
    columns: BTreeMap<usize, Vec<(i64, f64)>>,
    /// Per column, how many of its samples are already in a part on disk.
    flushed: BTreeMap<usize, usize>,
    /// Parts written so far.
    parts: u32,
}

impl Period {
    fn dirty(&self) -> bool {
        self.columns.iter().any(|(c, v)| v.len() > self.flushed.get(c).copied().unwrap_or(0))
    }
}

/// The recorder's state; [`RecorderHandle`] runs it on a thread.
pub struct Recorder {
    folder: PathBuf,
    roll_ms: i64,
    /// Meter id → column index; the columns' names.
    index: BTreeMap<String, usize>,
    names: Vec<String>,
    /// Meter id → column name, as configured.
    columns: BTreeMap<String, String>,
    periods: BTreeMap<i64, Period>,
    /// Files written so far (each period's file, whole or as parts while it is open).
    pub written: BTreeSet<PathBuf>,
}

impl Recorder {
    /// A recorder writing to `folder`; the parts a crashed recorder left there are joined into their files.
    pub fn new(folder: &Path, roll_ms: i64, columns: BTreeMap<String, String>) -> Result<Recorder, LiveError> {
        std::fs::create_dir_all(folder).map_err(|source| LiveError::Io { path: folder.to_path_buf(), source })?;
        let rec = Recorder {
            folder: folder.to_path_buf(),
            roll_ms: roll_ms.max(1000),
            index: BTreeMap::new(),
            names: Vec::new(),
            columns,
            periods: BTreeMap::new(),
            written: BTreeSet::new(),
        };
        rec.recover()?;
        Ok(rec)
    }

    pub fn add(&mut self, samples: &[LiveSample]) {
        for (meter, t, v) in samples {
            let c = match self.index.get(meter) {
                Some(c) => *c,
                None => {
                    let c = self.names.len();
                    self.names.push(self.columns.get(meter).cloned().unwrap_or_else(|| meter.clone()));
                    self.index.insert(meter.clone(), c);
                    c
                }
            };
            let p = self.periods.entry(t.div_euclid(self.roll_ms) * self.roll_ms).or_default();
            p.columns.entry(c).or_default().push((*t, *v));
        }
    }

    /// The file of the period starting at `start_ms`.
    pub fn file_for(&self, start_ms: i64) -> PathBuf {
        self.folder.join(format!("live-{}.parquet", stamp(start_ms)))
    }

    fn part_for(&self, start_ms: i64, n: u32) -> PathBuf {
        self.folder.join(format!(".live-{}.part{n:04}.parquet", stamp(start_ms)))
    }

    /// The parts on disk of the period whose file is `file` (in the order written).
    fn parts_of(&self, file: &Path) -> Vec<PathBuf> {
        let Some(name) = file.file_name().map(|n| n.to_string_lossy().trim_end_matches(".parquet").to_owned()) else { return Vec::new() };
        let prefix = format!(".{name}.part");
        let mut parts: Vec<PathBuf> = std::fs::read_dir(&self.folder)
            .map(|d| d.flatten().map(|e| e.path()).filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(&prefix))).collect())
            .unwrap_or_default();
        parts.sort();
        parts
    }

    /// Writes what arrived since the last flush: a part of each open period, and the whole file of each period
    /// that is over at `now_ms` (its parts then deleted, the period dropped from memory). Returns the periods'
    /// files that changed (an open period's file is on disk as its parts until it is over).
    pub fn flush(&mut self, now_ms: i64) -> Result<Vec<PathBuf>, LiveError> {
        let current = now_ms.div_euclid(self.roll_ms) * self.roll_ms;
        let mut out = Vec::new();
        let keys: Vec<i64> = self.periods.keys().copied().collect();
        for k in keys {
            let file = self.file_for(k);
            let Some(p) = self.periods.get(&k) else { continue };
            let (dirty, open) = (p.dirty(), k >= current);
            if open && dirty {
                let part = self.part_for(k, p.parts);
                let new: BTreeMap<usize, &[(i64, f64)]> =
                    p.columns.iter().map(|(c, v)| (*c, &v[p.flushed.get(c).copied().unwrap_or(0)..])).filter(|(_, v)| !v.is_empty()).collect();
                write_atomically(&part, &self.frame(&new).map_err(|e| parquet_error(&part, e))?)?;
                if let Some(p) = self.periods.get_mut(&k) {
                    p.flushed = p.columns.iter().map(|(c, v)| (*c, v.len())).collect();
                    p.parts += 1;
                }
            } else if !open && (dirty || p.parts > 0) {
                // Over: the whole period once, then its parts go.
                let all: BTreeMap<usize, &[(i64, f64)]> = p.columns.iter().map(|(c, v)| (*c, v.as_slice())).collect();
                write_atomically(&file, &self.frame(&all).map_err(|e| parquet_error(&file, e))?)?;
                for part in self.parts_of(&file) {
                    std::fs::remove_file(&part).map_err(|source| LiveError::Io { path: part.clone(), source })?;
                }
                self.periods.remove(&k);
            } else {
                if !open {
                    self.periods.remove(&k);
                }
                continue;
            }
            self.written.insert(file.clone());
            out.push(file);
        }
        Ok(out)
    }

    /// A data frame of the columns' samples (by column index).
    fn frame(&self, columns: &BTreeMap<usize, &[(i64, f64)]>) -> Result<DataFrame, polars::prelude::PolarsError> {
        frame_of(columns.iter().filter_map(|(c, v)| self.names.get(*c).map(|n| (n.as_str(), *v))).collect())
    }

    /// Joins the parts a crashed recorder left in the folder into their periods' files, and deletes them.
    fn recover(&self) -> Result<(), LiveError> {
        let Ok(entries) = std::fs::read_dir(&self.folder) else { return Ok(()) };
        let mut groups: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some((file, _)) = name.strip_prefix('.').and_then(|n| n.split_once(".part")).filter(|(f, rest)| f.starts_with("live-") && rest.ends_with(".parquet")) {
                groups.entry(format!("{file}.parquet")).or_default().push(e.path());
            }
        }
        for (file, mut parts) in groups {
            parts.sort();
            let path = self.folder.join(&file);
            let mut columns: BTreeMap<String, Vec<(i64, f64)>> = BTreeMap::new();
            for part in &parts {
                // A part is whole or absent (written by rename); one that does not read adds nothing.
                if let Ok(df) = std::fs::File::open(part).map_err(polars::prelude::PolarsError::from).and_then(|f| ParquetReader::new(f).finish()) {
                    read_columns(&df, &mut columns);
                }
            }
            if columns.is_empty() {
                continue;
            }
            let df = frame_of(columns.iter().map(|(n, v)| (n.as_str(), v.as_slice())).collect()).map_err(|e| parquet_error(&path, e))?;
            write_atomically(&path, &df)?;
            for part in parts {
                let _ = std::fs::remove_file(part);
            }
        }
        Ok(())
    }
}

/// A data frame of named columns' samples: one row per time any of them has, the columns in name order.
fn frame_of(mut columns: Vec<(&str, &[(i64, f64)])>) -> Result<DataFrame, polars::prelude::PolarsError> {
    let mut times: Vec<i64> = columns.iter().flat_map(|(_, v)| v.iter().map(|(t, _)| *t)).collect();
    times.sort_unstable();
    times.dedup();
    let mut cols = vec![Column::new("timestamp".into(), times.clone()).cast(&DataType::Datetime(TimeUnit::Milliseconds, None))?];
    columns.sort_by(|a, b| a.0.cmp(b.0));
    for (name, samples) in columns {
        let mut values: Vec<Option<f64>> = vec![None; times.len()];
        for (t, v) in samples {
            if let Ok(i) = times.binary_search(t) {
                values[i] = Some(*v);
            }
        }
        cols.push(Column::new(name.into(), values));
    }
    DataFrame::new_infer_height(cols)
}

/// Adds a recorded frame's samples to `columns` (by name).
fn read_columns(df: &DataFrame, columns: &mut BTreeMap<String, Vec<(i64, f64)>>) {
    let Ok(times) = df.column("timestamp").and_then(|c| c.cast(&DataType::Int64)) else { return };
    let Ok(times) = times.i64() else { return };
    for c in df.columns().iter().filter(|c| c.name().as_str() != "timestamp") {
        let Ok(values) = c.cast(&DataType::Float64) else { continue };
        let Ok(values) = values.f64() else { continue };
        let out = columns.entry(c.name().to_string()).or_default();
        out.extend(times.iter().zip(values.iter()).filter_map(|(t, v)| Some((t?, v?))));
    }
}

fn stamp(start_ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(start_ms).map(|d| d.format("%Y%m%dT%H%M%SZ").to_string()).unwrap_or_else(|| start_ms.to_string())
}

fn parquet_error(path: &Path, e: polars::prelude::PolarsError) -> LiveError {
    LiveError::Parquet { path: path.to_path_buf(), message: e.to_string() }
}

/// Writes the frame to `path` through a temporary file in the same folder that is then renamed over it
/// (`tempfile`): a reader sees the old file or the new one, never half of one.
fn write_atomically(path: &Path, df: &DataFrame) -> Result<(), LiveError> {
    let io = |source: std::io::Error| LiveError::Io { path: path.to_path_buf(), source };
    let mut df = df.clone();
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(".live-").suffix(".parquet.tmp").tempfile_in(folder).map_err(io)?;
    ParquetWriter::new(tmp.as_file_mut()).with_compression(ParquetCompression::Zstd(None)).finish(&mut df).map_err(|e| parquet_error(path, e))?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// What the recorder thread reports.
#[derive(Clone, Debug, PartialEq)]
pub enum RecorderEvent {
    Flushed {
        files: Vec<PathBuf>,
        at_ms: i64,
    },
    /// TRANSITIONAL: the message (`live-recorder-…`, or a [`LiveError::message`]) in the language current
    /// when it happened; to carry the `Msg` itself once the live panel keeps one (`recorder_error`).
    Error(String),
}

/// The recorder on a thread: send it samples; it flushes every `flush_ms` and once more when dropped.
pub struct RecorderHandle {
    tx: Option<mpsc::Sender<Vec<LiveSample>>>,
    events: std::sync::Mutex<mpsc::Receiver<RecorderEvent>>,
    thread: std::sync::Mutex<Option<JoinHandle<()>>>,
    pub folder: PathBuf,
}

impl RecorderHandle {
    pub fn start(config: &RecorderConfig, columns: BTreeMap<String, String>) -> Result<RecorderHandle, LiveError> {
        let mut rec = Recorder::new(&config.folder, config.roll_ms, columns)?;
        let (tx, rx) = mpsc::channel::<Vec<LiveSample>>();
        let (ev_tx, events) = mpsc::channel();
        let flush = Duration::from_millis(config.flush_ms as u64);
        let thread = std::thread::Builder::new()
            .name("plant-recorder".into())
            .spawn(move || {
                let mut next = Instant::now() + flush;
                loop {
                    let wait = next.saturating_duration_since(Instant::now());
                    let done = match rx.recv_timeout(wait) {
                        Ok(s) => {
                            rec.add(&s);
                            false
                        }
                        Err(mpsc::RecvTimeoutError::Timeout) => false,
                        Err(mpsc::RecvTimeoutError::Disconnected) => true,
                    };
                    if done || Instant::now() >= next {
                        let now = chrono::Utc::now().timestamp_millis();
                        let _ = ev_tx.send(match rec.flush(now) {
                            Ok(files) => RecorderEvent::Flushed { files, at_ms: now },
                            Err(e) => RecorderEvent::Error(e.message().text()),
                        });
                        next = Instant::now() + flush;
                    }
                    if done {
                        return;
                    }
                }
            })
            .map_err(|source| LiveError::Start { what: "recorder-thread", source })?;
        Ok(RecorderHandle { tx: Some(tx), events: std::sync::Mutex::new(events), thread: std::sync::Mutex::new(Some(thread)), folder: config.folder.clone() })
    }

    pub fn record(&self, samples: Vec<LiveSample>) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(samples);
        }
    }

    /// What the recorder reported since the last call; an error if its thread died (a bug), with why.
    pub fn drain_events(&self) -> Vec<RecorderEvent> {
        let mut out: Vec<RecorderEvent> = self.events.lock().map(|rx| rx.try_iter().collect()).unwrap_or_default();
        if let Ok(mut slot) = self.thread.lock()
            && slot.as_ref().is_some_and(|t| t.is_finished())
            && let Some(t) = slot.take()
        {
            let stopped = match t.join() {
                Ok(()) => msg!("live-recorder-ended"),
                Err(p) => msg!("live-recorder-stopped", reason = plant_site::panic_message(&*p)),
            };
            out.push(RecorderEvent::Error(stopped.text()));
        }
        out
    }
}

impl Drop for RecorderHandle {
    fn drop(&mut self) {
        // Closing the channel makes the thread flush once more and end.
        self.tx.take();
        if let Some(t) = self.thread.get_mut().ok().and_then(|t| t.take())
            && let Err(p) = t.join()
        {
            // Nowhere else to say it: the handle is going away.
            eprintln!("{}", msg!("live-recorder-failed-at-exit", reason = plant_site::panic_message(&*p)));
        }
    }
}
