//! Recording live data to Parquet for later replay.
//!
//! Files roll every `roll` (default one hour, aligned to the epoch: `live-20261124T0600Z.parquet`) and hold
//! a timestamp column and one column per meter (the site's column names), so a recording is a data file
//! the site can list under `[[data]]`. Every `flush` the current file is rewritten with all its samples to
//! a temporary file that is then renamed over it: a crash loses at most the unflushed interval, and a
//! finished file is never left half-written (a rename is atomic on one file system).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use plant_i18n::msg;
use polars::prelude::{Column, DataFrame, DataType, ParquetCompression, ParquetWriter, TimeUnit};

use crate::LiveError;
use crate::config::RecorderConfig;
use crate::poll::LiveSample;

/// Samples of one rolling period, by time then column.
#[derive(Default)]
struct Period {
    rows: BTreeMap<i64, BTreeMap<String, f64>>,
    dirty: bool,
}

/// The recorder's state; [`RecorderHandle`] runs it on a thread.
pub struct Recorder {
    folder: PathBuf,
    roll_ms: i64,
    /// Meter id → column name.
    columns: BTreeMap<String, String>,
    periods: BTreeMap<i64, Period>,
    /// Files written so far (completed periods and the current one).
    pub written: BTreeSet<PathBuf>,
}

impl Recorder {
    pub fn new(folder: &Path, roll_ms: i64, columns: BTreeMap<String, String>) -> Result<Recorder, LiveError> {
        std::fs::create_dir_all(folder).map_err(|source| LiveError::Io { path: folder.to_path_buf(), source })?;
        Ok(Recorder { folder: folder.to_path_buf(), roll_ms: roll_ms.max(1000), columns, periods: BTreeMap::new(), written: BTreeSet::new() })
    }

    pub fn add(&mut self, samples: &[LiveSample]) {
        for (meter, t, v) in samples {
            let column = self.columns.get(meter).cloned().unwrap_or_else(|| meter.clone());
            let p = self.periods.entry(t.div_euclid(self.roll_ms) * self.roll_ms).or_default();
            p.rows.entry(*t).or_default().insert(column, *v);
            p.dirty = true;
        }
    }

    /// The file of the period starting at `start_ms`.
    pub fn file_for(&self, start_ms: i64) -> PathBuf {
        let stamp = chrono::DateTime::from_timestamp_millis(start_ms).map(|d| d.format("%Y%m%dT%H%M%SZ").to_string()).unwrap_or_else(|| start_ms.to_string());
        self.folder.join(format!("live-{stamp}.parquet"))
    }

    /// Writes every period with new samples; periods older than `now_ms`'s are then dropped from memory.
    pub fn flush(&mut self, now_ms: i64) -> Result<Vec<PathBuf>, LiveError> {
        let mut out = Vec::new();
        let keys: Vec<i64> = self.periods.iter().filter(|(_, p)| p.dirty).map(|(k, _)| *k).collect();
        for k in keys {
            let path = self.file_for(k);
            if let Some(p) = self.periods.get_mut(&k) {
                write_atomically(&path, &p.rows)?;
                p.dirty = false;
            }
            self.written.insert(path.clone());
            out.push(path);
        }
        let current = now_ms.div_euclid(self.roll_ms) * self.roll_ms;
        self.periods.retain(|k, p| *k >= current || p.dirty);
        Ok(out)
    }
}

/// Writes the rows to `path` through a temporary file in the same folder that is then renamed over it
/// (`tempfile`): a reader sees the old file or the new one, never half of one.
fn write_atomically(path: &Path, rows: &BTreeMap<i64, BTreeMap<String, f64>>) -> Result<(), LiveError> {
    let parquet = |e: polars::prelude::PolarsError| LiveError::Parquet { path: path.to_path_buf(), message: e.to_string() };
    let io = |source: std::io::Error| LiveError::Io { path: path.to_path_buf(), source };
    let mut names: BTreeSet<&str> = BTreeSet::new();
    for r in rows.values() {
        names.extend(r.keys().map(String::as_str));
    }
    let times: Vec<i64> = rows.keys().copied().collect();
    let mut cols = vec![Column::new("timestamp".into(), times).cast(&DataType::Datetime(TimeUnit::Milliseconds, None)).map_err(parquet)?];
    for name in names {
        let v: Vec<Option<f64>> = rows.values().map(|r| r.get(name).copied()).collect();
        cols.push(Column::new(name.into(), v));
    }
    let mut df = DataFrame::new_infer_height(cols).map_err(parquet)?;
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(".live-").suffix(".parquet.tmp").tempfile_in(folder).map_err(io)?;
    ParquetWriter::new(tmp.as_file_mut()).with_compression(ParquetCompression::Zstd(None)).finish(&mut df).map_err(parquet)?;
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
