//! Against a real VictoriaMetrics: the cement plant's record imported (half, then all: resumed), read back
//! from a package with no data file equal to the files, a database gone (a clear error) and back.

use std::path::{Path, PathBuf};

use plant_historian::{ImportOptions, import, load_site};

use crate::vm::{binary, free_port, start};
use plant_store::{Series, Store};

fn cement_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant")
}

/// The cement plant's site.toml without its data file, reading from `url` instead.
fn database_package(url: &str, selector: &str) -> tempfile::TempDir {
    let text = std::fs::read_to_string(cement_dir().join("site.toml")).expect("site.toml");
    let without_data: Vec<&str> = text.lines().filter(|l| !(l.starts_with("[[data]]") || l.starts_with("path = \"data/") || l.starts_with("timestamp_column"))).collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let toml = format!("{}\n\n[historian]\nurl = \"{url}\"\nselector = '{selector}'\n", without_data.join("\n"));
    std::fs::write(dir.path().join("site.toml"), toml).expect("write site.toml");
    dir
}

/// The store with each series cut at `cut_ms` (samples before it).
fn before(store: &Store, cut_ms: i64) -> Store {
    let mut out = Store::new();
    for id in store.meter_ids() {
        let Some(s) = store.get(id) else { continue };
        let n = s.times_ms().partition_point(|&t| t < cut_ms);
        out.insert(id, Series::from_samples(s.times_ms()[..n].to_vec(), s.values()[..n].to_vec()).0);
    }
    out
}

fn assert_same(files: &Store, db: &Store) {
    assert_eq!(db.len(), files.len());
    for id in files.meter_ids() {
        let (a, b) = (files.get(id).expect("file series"), db.get(id).unwrap_or_else(|| panic!("{id} not read from the database")));
        assert_eq!(a.times_ms(), b.times_ms(), "{id}: times differ");
        for (i, (x, y)) in a.values().iter().zip(b.values()).enumerate() {
            // VictoriaMetrics keeps a value's 15 significant digits or more.
            assert!((x - y).abs() <= 1e-12 * x.abs().max(1e-300), "{id}[{i}]: {x} in the file, {y} from the database");
        }
    }
}

#[test]
fn a_site_imported_into_victoriametrics_reads_back_equal_to_its_files_and_survives_the_database_going() {
    let Some(bin) = binary() else { return };
    let data = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}");
    let vm = start(bin, port, data.path());
    let cement = plant_site::open(&cement_dir()).expect("cement plant").site;
    let files = plant_ingest::load_site_data(&cement, &|_, _| {}).store;
    let total = files.sample_count() as u64;
    let (t0, t1) = files.time_range().expect("a record");
    let opts = ImportOptions { url: url.clone(), site_label: "cement-plant".into(), auth: None, timeout_ms: 60_000 };

    // Half the record, as if an import had stopped; then the whole: only the rest is sent.
    let half = before(&files, t0 + (t1 - t0) / 2);
    let first = import(&cement, &half, &opts, &|_, _| {}).expect("first import");
    assert_eq!((first.sent, first.already, first.held), (half.sample_count() as u64, 0, Some(half.sample_count() as u64)));
    let progress = std::sync::Mutex::new(Vec::new());
    let rest = import(&cement, &files, &opts, &|sent, of| progress.lock().expect("lock").push((sent, of))).expect("resumed import");
    assert_eq!((rest.sent, rest.already, rest.held), (total - first.sent, first.sent, Some(total)));
    let progress = progress.into_inner().expect("lock");
    assert!(progress.len() >= 2 && progress.last() == Some(&(rest.sent, rest.sent)), "progress: {progress:?}");
    let again = import(&cement, &files, &opts, &|_, _| {}).expect("third import");
    assert_eq!((again.sent, again.already, again.requests), (0, total, 0), "a second import of the same record sends nothing");
    assert_eq!(again.selector, r#"plant_twin_meter{site="cement-plant",meter="{meter}"}"#);

    // A package with no data file, reading from the database (its window found by asking).
    let pkg = database_package(&url, &again.selector);
    let opened = plant_site::open(pkg.path()).expect("opens");
    assert!(opened.diagnostics.iter().all(|d| !d.is_error() || d.to_string().contains("model")), "{:?}", opened.diagnostics);
    let got = load_site(&opened.site, true, &|_, _| {});
    assert!(got.diagnostics.iter().all(|d| !d.is_error()), "{:?}", got.diagnostics);
    assert_same(&files, &got.store);

    // Not connected: nothing read, one warning that says how to connect.
    let off = load_site(&opened.site, false, &|_, _| {});
    assert!(off.store.is_empty());
    assert_eq!(off.diagnostics.len(), 1, "{:?}", off.diagnostics);
    assert!(off.diagnostics[0].to_string().contains("--connect"), "{}", off.diagnostics[0]);

    // The database gone: a clear error naming it and site.toml's line, nothing half-read.
    vm.stop();
    let gone = load_site(&opened.site, true, &|_, _| {});
    assert!(gone.store.is_empty());
    let e = gone.diagnostics.iter().find(|d| d.is_error()).expect("an error");
    let text = e.to_string();
    assert!(text.contains("cannot reach") && text.contains(&url) && text.contains("site.toml:"), "{text}");
    // And back: the same data again.
    let vm = start(bin, port, data.path());
    let back = load_site(&opened.site, true, &|_, _| {});
    assert_same(&files, &back.store);
    drop(vm);
}

/// Sends a JSON-lines body to VictoriaMetrics' import endpoint as an import that is then stopped would have:
/// nothing asks it to flush.
fn post_raw(port: u16, body: &str) {
    use std::io::{Read, Write};
    let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    write!(s, "POST /api/v1/import HTTP/1.0\r\nHost: 127.0.0.1\r\nContent-Length: {}\r\n\r\n{body}", body.len()).expect("write");
    let mut answer = String::new();
    let _ = s.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 204") || answer.starts_with("HTTP/1.0 204"), "{answer}");
}

#[test]
fn an_import_run_again_at_once_after_a_stopped_one_sends_no_sample_twice() {
    let Some(bin) = binary() else { return };
    let data = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let _vm = start(bin, port, data.path());
    let cement = plant_site::open(&cement_dir()).expect("cement plant").site;
    let files = plant_ingest::load_site_data(&cement, &|_, _| {}).store;
    // The first 1,000 samples of one meter, as a stopped import left them (unflushed).
    let coal = files.get("kiln-1.coal").expect("coal");
    let line = serde_json::json!({
        "metric": { "__name__": "plant_twin_meter", "site": "cement-plant", "meter": "kiln-1.coal", "unit": "t/h" },
        "values": &coal.values()[..1000],
        "timestamps": &coal.times_ms()[..1000],
    });
    post_raw(port, &format!("{line}\n"));
    let opts = ImportOptions { url: format!("http://127.0.0.1:{port}"), site_label: "cement-plant".into(), auth: None, timeout_ms: 60_000 };
    let report = import(&cement, &files, &opts, &|_, _| {}).expect("import");
    let total = files.sample_count() as u64;
    assert_eq!((report.already, report.sent), (1000, total - 1000), "the stopped import's samples are found, not sent again");
    assert_eq!(report.held, Some(total), "no sample is held twice");
}

#[test]
fn a_second_series_for_a_meter_and_a_unit_label_that_differs_are_warned_about() {
    let Some(bin) = binary() else { return };
    let data = tempfile::tempdir().expect("temp dir");
    let port = free_port();
    let url = format!("http://127.0.0.1:{port}");
    let _vm = start(bin, port, data.path());
    let mut cement = plant_site::open(&cement_dir()).expect("cement plant").site;
    let files = plant_ingest::load_site_data(&cement, &|_, _| {}).store;
    let opts = ImportOptions { url: url.clone(), site_label: "cement-plant".into(), auth: None, timeout_ms: 60_000 };
    import(&cement, &files, &opts, &|_, _| {}).expect("import");
    // The kiln's coal a second time, under another label (another gateway's copy).
    let coal = files.get("kiln-1.coal").expect("coal");
    let line = serde_json::json!({
        "metric": { "__name__": "plant_twin_meter", "site": "cement-plant", "meter": "kiln-1.coal", "unit": "t/h", "gateway": "b" },
        "values": &coal.values()[..100],
        "timestamps": &coal.times_ms()[..100],
    });
    post_raw(port, &format!("{line}\n"));
    {
        // Searchable now (what `import` asks for itself).
        use std::io::{Read, Write};
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
        s.write_all(b"GET /internal/force_flush HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").expect("write");
        let _ = s.read_to_string(&mut String::new());
    }
    // site.toml says MW where the database's label says kW.
    let drive = cement.meters.iter_mut().find(|m| m.id == "kiln-1.drive-power").expect("drive");
    assert_eq!(drive.unit, "kW");
    drive.unit = "MW".into();
    let pkg = database_package(&url, r#"plant_twin_meter{site="cement-plant",meter="{meter}"}"#);
    cement.root = pkg.path().to_path_buf();
    cement.data.clear();
    cement.historian = plant_site::open(pkg.path()).expect("opens").site.historian;
    let got = plant_historian::load_site(&cement, true, &|_, _| {});
    let text: Vec<String> = got.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(text.iter().any(|t| t.contains("2 series") && t.contains("kiln-1.coal") && t.contains("meter=\"kiln-1.coal\"")), "{text:?}");
    assert!(text.iter().any(|t| t.contains("kiln-1.drive-power") && t.contains("kW") && t.contains("MW")), "{text:?}");
    // One series read for the coal: as many samples as the files hold.
    assert_eq!(got.store.get("kiln-1.coal").map(|s| s.len()), Some(coal.len()));
}
