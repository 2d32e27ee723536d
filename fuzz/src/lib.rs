//! What the fuzz targets share: the sample site they parse their inputs against, and per-process scratch
//! files under /dev/shm (one per process, overwritten by each input).

use std::fmt::Debug;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// The cement plant's site.toml, compiled in so a target needs no files of the repository at run time.
pub const CEMENT_SITE_TOML: &str = include_str!("../../sample-sites/cement-plant/site.toml");

/// A small site (three equipment items bound to nodes of the cement plant's model) for the glTF target.
pub const SMALL_SITE_TOML: &str = include_str!("../assets/small-site.toml");

/// The cement plant parsed with `root` as its package folder. A failure here is a broken harness, not a
/// finding, so it panics before any input runs.
pub fn cement_site(root: &Path) -> plant_site::Site {
    match plant_site::parse(CEMENT_SITE_TOML, root) {
        Ok(o) => o.site,
        Err(d) => panic!("the cement plant's site.toml does not parse: {d}"),
    }
}

/// A scratch folder of this process under /dev/shm (memory, not disk), created if missing. Folders that
/// earlier processes of the same target left (a crash does not clean up) are removed.
pub fn scratch_dir(target: &str) -> PathBuf {
    let prefix = format!("plant-twin-fuzz-{target}-");
    if let Ok(entries) = std::fs::read_dir("/dev/shm") {
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let Some(pid) = name.strip_prefix(&prefix) else { continue };
            if pid.parse::<u32>().is_ok() && !Path::new("/proc").join(pid).exists() {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
    let dir = PathBuf::from(format!("/dev/shm/{prefix}{}", std::process::id()));
    if let Err(e) = std::fs::create_dir_all(&dir) {
        panic!("cannot create {}: {e}", dir.display());
    }
    dir
}

/// Writes `data` to `path`, replacing what the previous input left there.
pub fn write_input(path: &Path, data: &[u8]) {
    if let Err(e) = std::fs::write(path, data) {
        panic!("cannot write {}: {e}", path.display());
    }
}

/// The `init` of every target, run by libFuzzer before it installs its signal handlers.
///
/// - A stack overflow must be a finding with its input saved, not a silent death: without a sanitizer
///   nothing gives the main thread an alternate signal stack, so libFuzzer's SIGSEGV handler would itself
///   fault on the exhausted stack and no artifact would be written. Here the main thread gets one, and
///   SIGSEGV is marked `SA_ONSTACK` (with the default action), which libFuzzer keeps when it installs its
///   handler in place of the default.
/// - polars sizes its thread pool from `POLARS_MAX_THREADS` when the pool first starts: one thread keeps
///   a fuzz run on one core.
pub fn init() {
    if std::env::var_os("POLARS_MAX_THREADS").is_none() {
        // SAFETY: libFuzzer's init hook runs before any other thread of this process exists.
        unsafe { std::env::set_var("POLARS_MAX_THREADS", "1") };
    }
    const ALT_STACK_BYTES: usize = 256 * 1024;
    // The stack lives as long as the process.
    let stack: &'static mut [u8] = Box::leak(vec![0u8; ALT_STACK_BYTES].into_boxed_slice());
    // SAFETY: plain libc calls with valid, initialised arguments; the alternate stack is never freed.
    unsafe {
        let ss = libc::stack_t { ss_sp: stack.as_mut_ptr().cast(), ss_flags: 0, ss_size: ALT_STACK_BYTES };
        if libc::sigaltstack(&ss, std::ptr::null_mut()) != 0 {
            panic!("sigaltstack failed: {}", std::io::Error::last_os_error());
        }
        let mut sa: libc::sigaction = std::mem::zeroed();
        sa.sa_sigaction = libc::SIG_DFL;
        sa.sa_flags = libc::SA_ONSTACK;
        libc::sigemptyset(&mut sa.sa_mask);
        if libc::sigaction(libc::SIGSEGV, &sa, std::ptr::null_mut()) != 0 {
            panic!("sigaction failed: {}", std::io::Error::last_os_error());
        }
    }
}

/// The `init` of the csv and parquet targets: [`init`], and panics that the code under test catches do
/// not end the run.
///
/// `plant_ingest::read_frame` runs the reader under `catch_unwind` by design: a panic inside polars on a
/// corrupt file is that file's error, and the app goes on. libfuzzer-sys's panic hook aborts before any
/// unwinding, which would report those handled panics as crashes. Here the hook only prints each panic
/// location once (they are bugs of the reader, contained by the app; RELIABILITY.md lists them). A panic
/// that escapes `read_file` still ends the run as a crash: libfuzzer-sys aborts when it reaches the target's
/// boundary.
pub fn init_ingest() {
    init();
    static SEEN: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    std::panic::set_hook(Box::new(|info| {
        let at = info.location().map_or_else(|| "?".to_string(), |l| format!("{}:{}:{}", l.file(), l.line(), l.column()));
        let mut seen = SEEN.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if !seen.contains(&at) {
            eprintln!("plant-twin-fuzz: panic at {at}: {} (caught by the code under test unless a crash follows)", plant_site::panic_message(info.payload()));
            seen.push(at);
        }
    }));
}

/// With `PLANT_TWIN_FUZZ_SHOW=1` in the environment, prints what the code under test made of each input
/// (for triage: run the target binary on one file). Otherwise does nothing.
pub fn show(what: &dyn Debug) {
    static ON: OnceLock<bool> = OnceLock::new();
    if *ON.get_or_init(|| std::env::var_os("PLANT_TWIN_FUZZ_SHOW").is_some()) {
        eprintln!("{what:#?}");
    }
}

/// The `timestamp_format` an ingest input is read with: picked by the input's length (so a saved input
/// replays the same way), `auto` (the default, and the common case) twice as often as each other form.
pub const INGEST_FORMATS: [plant_site::TimestampFormat; 8] = {
    use plant_site::TimestampFormat::*;
    [Auto, Auto, Iso8601, NaiveLocal, DayFirst, MonthFirst, UnixSeconds, UnixMillis]
};

/// One data-file input: written to `/dev/shm/…/fuzz.<ext>` and read by `plant_ingest::read_file` as the
/// app reads a `[[data]]` file (`timestamp` column, comma separator), against the cement plant's meters,
/// with the timestamp form `INGEST_FORMATS[len % 8]`.
pub fn ingest_one(ext: &str, data: &[u8]) {
    use plant_site::DataFile;

    static STATE: OnceLock<(PathBuf, plant_site::Site)> = OnceLock::new();
    let (path, site) = STATE.get_or_init(|| {
        let dir = scratch_dir(ext);
        (dir.join(format!("fuzz.{ext}")), cement_site(&dir))
    });
    write_input(path, data);
    let timestamp_format = INGEST_FORMATS[data.len() % INGEST_FORMATS.len()].clone();
    let spec = DataFile { path: format!("fuzz.{ext}"), timestamp_column: "timestamp".into(), timestamp_format, separator: None };
    match plant_ingest::read_file(path, &spec, site, &|_, _| {}) {
        Ok(fd) => show(&(&spec.timestamp_format, &fd.report, &fd.diagnostics, fd.columns.iter().map(|(m, (t, _))| (m, t.len())).collect::<Vec<_>>())),
        Err(d) => show(&(&spec.timestamp_format, d)),
    }
}
