//! The recorder: what it writes reads back as a site data file, and killing it mid-run leaves every
//! completed file readable.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use plant_live::{Recorder, RecorderConfig, RecorderHandle};
use polars::prelude::{ParquetReader, SerReader};

fn read(path: &Path) -> Result<polars::prelude::DataFrame, String> {
    let f = std::fs::File::open(path).map_err(|e| e.to_string())?;
    ParquetReader::new(f).finish().map_err(|e| format!("{}: {e}", path.display()))
}

/// The hidden parts of open periods in `dir`, in name order.
fn parts(dir: &Path) -> Vec<PathBuf> {
    let mut p: Vec<PathBuf> = std::fs::read_dir(dir).expect("dir").flatten().map(|e| e.path()).filter(|p| p.to_string_lossy().contains(".part")).collect();
    p.sort();
    p
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("plant-live-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

#[test]
fn recordings_roll_and_read_back_with_the_site_columns() {
    let dir = temp("roll");
    let columns: BTreeMap<String, String> = [("kiln-1.speed".to_string(), "kiln_rpm".to_string())].into_iter().collect();
    let mut rec = Recorder::new(&dir, 60_000, columns).expect("recorder");
    let t0 = 1_795_305_600_000; // a whole minute
    let samples: Vec<(String, i64, f64)> =
        (0..90).flat_map(|i| [("kiln-1.speed".to_string(), t0 + i * 1000, 3.0 + i as f64 / 100.0), ("other".to_string(), t0 + i * 1000 + 500, i as f64)]).collect();
    rec.add(&samples);
    let files = rec.flush(t0 + 90_000).expect("flush");
    assert_eq!(files.len(), 2, "90 s roll into two one-minute files");
    // The first minute is over: its file, whole. The second is still open: on disk as a hidden part.
    assert!(!files[1].exists());
    assert_eq!(parts(&dir).len(), 1);
    let df = read(&files[0]).expect("readable");
    assert_eq!(df.height(), 120, "60 s × 2 stamps");
    let names: Vec<String> = df.get_column_names().iter().map(|s| s.to_string()).collect();
    assert_eq!(names, ["timestamp", "kiln_rpm", "other"]);
    // No temporary files are left.
    assert!(std::fs::read_dir(&dir).expect("dir").all(|e| e.map(|e| !e.path().to_string_lossy().ends_with(".tmp")).unwrap_or(true)));
    // A flush with nothing new writes nothing; new samples in the open period go to a new part holding only
    // them (a flush costs what arrived, not the hour so far).
    assert!(rec.flush(t0 + 90_000).expect("flush").is_empty());
    rec.add(&[("kiln-1.speed".to_string(), t0 + 95_000, 9.0)]);
    assert_eq!(rec.flush(t0 + 95_000).expect("flush"), vec![files[1].clone()]);
    let p = parts(&dir);
    assert_eq!(p.len(), 2);
    assert_eq!(read(&p[1]).expect("readable").height(), 1);
    // The period ends: its file once, whole, and the parts go.
    assert_eq!(rec.flush(t0 + 120_000).expect("flush"), vec![files[1].clone()]);
    assert_eq!(read(&files[1]).expect("readable").height(), 61);
    assert!(parts(&dir).is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

/// The child half of the crash test (run by it with `--ignored`): records as fast as it can until killed.
#[test]
#[ignore = "the child process of killing_the_recorder_mid_run…; not a test of its own"]
fn recorder_child_process() {
    let Ok(dir) = std::env::var("PLANT_LIVE_RECORDER_CHILD") else { return };
    let cfg = RecorderConfig { folder: PathBuf::from(dir), flush_ms: 100, roll_ms: 1_000 };
    let rec = RecorderHandle::start(&cfg, BTreeMap::new()).expect("start");
    loop {
        let now = chrono::Utc::now().timestamp_millis();
        rec.record((0..200).map(|m| (format!("m{m}"), now, m as f64)).collect());
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[test]
fn killing_the_recorder_mid_run_leaves_every_completed_file_readable() {
    let dir = temp("crash");
    std::fs::create_dir_all(&dir).expect("dir");
    let exe = std::env::current_exe().expect("test binary");
    for round in 0..3 {
        let mut child = std::process::Command::new(&exe)
            .args(["--exact", "recorder::recorder_child_process", "--ignored", "--test-threads", "1"])
            .env("PLANT_LIVE_RECORDER_CHILD", &dir)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("child");
        // Let it roll a few files, then kill it (SIGKILL: no chance to clean up).
        std::thread::sleep(Duration::from_millis(2_300 + 170 * round));
        child.kill().expect("kill");
        let _ = child.wait();
    }
    let mut files = 0;
    for e in std::fs::read_dir(&dir).expect("dir") {
        let p = e.expect("entry").path();
        if p.extension().is_some_and(|x| x == "parquet") {
            let df = read(&p).unwrap_or_else(|e| panic!("a finished file is unreadable: {e}"));
            assert!(df.height() > 0 && df.width() == 201, "{}: {}×{}", p.display(), df.height(), df.width());
            files += 1;
        }
    }
    assert!(files >= 4, "only {files} files were written");
    // The last run's parts, if it was killed inside an open period that had flushed, are joined into their
    // file when a recorder starts there again (tested deterministically below).
    drop(Recorder::new(&dir, 1_000, BTreeMap::new()).expect("recovers"));
    assert!(parts(&dir).is_empty());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_crashed_recorders_parts_are_joined_into_their_file() {
    let dir = temp("recover");
    let t0 = 1_795_305_600_000;
    let mut rec = Recorder::new(&dir, 3_600_000, BTreeMap::new()).expect("recorder");
    for k in 0..3 {
        rec.add(&(0..10).map(|i| (format!("m{k}"), t0 + (k * 10 + i) * 1000, i as f64)).collect::<Vec<_>>());
        rec.flush(t0 + 60_000).expect("flush");
    }
    // Three flushes in the open hour: three parts, no file yet; then the process dies (no final flush).
    let file = rec.file_for(t0);
    assert_eq!((parts(&dir).len(), file.exists()), (3, false));
    drop(rec);
    drop(Recorder::new(&dir, 3_600_000, BTreeMap::new()).expect("recovers"));
    assert!(parts(&dir).is_empty());
    let df = read(&file).expect("the joined file");
    let names: Vec<String> = df.get_column_names().iter().map(|s| s.to_string()).collect();
    assert_eq!((df.height(), names), (30, vec!["timestamp".to_string(), "m0".into(), "m1".into(), "m2".into()]));
    let _ = std::fs::remove_dir_all(&dir);
}
