//! OPC UA against a server this project did not write: Python's `asyncua` (PyPI), run by the test from
//! `tests/opcua_server.py` through a TCP relay the test can cut. Values through a subscription with their
//! source timestamps; engineering units checked (MW converted to the meter's kW, °C refused for a kW meter);
//! a Bad status not a sample; the link cut for seconds while the server goes on → reconnected, and the gap
//! filled from the server's history so the counter has no hole; the server killed and restarted with its
//! namespaces numbered anew → a new session, the subscription made anew by namespace URI.
//!
//! Needs a Python with asyncua: `PLANT_TWIN_OPCUA_PYTHON`, else `/var/tmp/plant-twin-venv/bin/python` (what
//! `.ci/run` makes). Without one the test says it was skipped, unless `PLANT_TWIN_REQUIRE_ASYNCUA` is set.

use std::io::{BufRead, BufReader};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use plant_live::{LiveHandle, SourceState, SourceStatus, parse};
use plant_store::Store;

use crate::{cement, until};

/// A Python that has asyncua, if there is one.
fn python() -> Option<PathBuf> {
    let candidates = [std::env::var_os("PLANT_TWIN_OPCUA_PYTHON").map(PathBuf::from), Some(PathBuf::from("/var/tmp/plant-twin-venv/bin/python"))];
    candidates.into_iter().flatten().find(|p| Command::new(p).args(["-c", "import asyncua"]).stderr(Stdio::null()).status().is_ok_and(|s| s.success()))
}

/// The Python server, killed when dropped.
struct PyServer(Child);

impl PyServer {
    fn start(python: &Path, port: u16, shift: bool) -> PyServer {
        let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/opcua_server.py");
        let mut cmd = Command::new(python);
        cmd.arg(script).args(["--port", &port.to_string()]).stdout(Stdio::piped()).stderr(Stdio::inherit());
        if shift {
            cmd.arg("--shift-namespaces");
        }
        let mut child = cmd.spawn().expect("starts python");
        let out = child.stdout.take().expect("stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(out).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(Duration::from_secs(30)).unwrap_or_default();
        assert_eq!(line.trim(), "READY", "the asyncua server did not start");
        PyServer(child)
    }
}

impl Drop for PyServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A TCP relay from a loopback port to the server's: `cut` closes every connection and refuses new ones (the
/// network gone, the server still running) until `restore`.
struct Relay {
    port: u16,
    cut: Arc<AtomicBool>,
    open: Arc<Mutex<Vec<TcpStream>>>,
}

impl Relay {
    fn start(to: u16) -> Relay {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let port = listener.local_addr().expect("addr").port();
        let cut = Arc::new(AtomicBool::new(false));
        let open: Arc<Mutex<Vec<TcpStream>>> = Arc::default();
        let (c, o) = (cut.clone(), open.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                if c.load(Ordering::SeqCst) {
                    let _ = client.shutdown(Shutdown::Both);
                    continue;
                }
                let Ok(server) = TcpStream::connect(("127.0.0.1", to)) else {
                    let _ = client.shutdown(Shutdown::Both);
                    continue;
                };
                for (mut from, mut into) in
                    [(client.try_clone(), server.try_clone()), (server.try_clone(), client.try_clone())].into_iter().filter_map(|(a, b)| Some((a.ok()?, b.ok()?)))
                {
                    std::thread::spawn(move || {
                        let _ = std::io::copy(&mut from, &mut into);
                        let _ = into.shutdown(Shutdown::Both);
                    });
                }
                if let Ok(mut v) = o.lock() {
                    v.extend([client, server]);
                }
            }
        });
        Relay { port, cut, open }
    }

    fn cut(&self) {
        self.cut.store(true, Ordering::SeqCst);
        if let Ok(mut v) = self.open.lock() {
            for s in v.drain(..) {
                let _ = s.shutdown(Shutdown::Both);
            }
        }
    }

    fn restore(&self) {
        self.cut.store(false, Ordering::SeqCst);
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

/// The counter's values in the store, as integers (kW = k).
fn counter(store: &Store) -> Vec<i64> {
    store.get("kiln-1.drive-power").map(|s| s.values().iter().map(|v| v.round() as i64).collect()).unwrap_or_default()
}

#[test]
fn against_python_asyncua_cut_and_restarted() {
    let Some(python) = python() else {
        assert!(std::env::var_os("PLANT_TWIN_REQUIRE_ASYNCUA").is_none(), "PLANT_TWIN_REQUIRE_ASYNCUA is set but no Python with asyncua was found");
        eprintln!("skipped: no Python with asyncua (set PLANT_TWIN_OPCUA_PYTHON; .ci/run makes /var/tmp/plant-twin-venv)");
        return;
    };
    crate::opcua::client_pki();
    let server_port = free_port();
    let server = PyServer::start(&python, server_port, false);
    let relay = Relay::start(server_port);
    let file = format!(
        r#"
[[source]]
id = "dcs"
kind = "opc-ua"
url = "opc.tcp://127.0.0.1:{}/"
interval = "100ms"
[source.nodes]
"kiln-1.drive-power" = {{ node = "nsu=urn:plant:kiln;s=Kiln.Counter", sampling = "50ms" }}
"cooler-1.fans-power" = "nsu=urn:plant:kiln;s=Kiln.PowerMW"
"preheater-1.exit-temp" = "nsu=urn:plant:kiln;s=Kiln.ShellTemp"
"id-fan-1.power" = "nsu=urn:plant:kiln;s=Kiln.ShellTemp"
"kiln-1.speed" = "nsu=urn:plant:kiln;s=Kiln.Speed"
"kiln-1.inlet-o2" = "nsu=urn:plant:kiln;s=Kiln.InletO2"
"#,
        relay.port
    );
    let (site, _) = cement();
    let (cfg, diags) = parse(&file, Path::new("sources.toml"), &site).expect("parses");
    assert!(diags.is_empty(), "{diags:?}");
    let live = LiveHandle::start(cfg.sources).expect("starts");
    let mut store = Store::new();
    let mut status = SourceStatus::default();
    let text = |s: &SourceStatus| s.last_error_msg.as_ref().map(|m| m.text_in(plant_i18n::Lang::En)).unwrap_or_default();
    until(&live, &mut store, &mut status, 90, "values from asyncua", |s, st| {
        counter(st).len() >= 10 && st.get("cooler-1.fans-power").is_some() && text(s).contains("id-fan-1.power")
    });
    // Engineering units: the MW variable arrives in the meter's kW; °C for a kW meter is refused, named with
    // both units, first in the status; °C for a °C meter and a variable without a unit are taken as they are.
    let fans = store.get("cooler-1.fans-power").and_then(|s| s.values().last().copied()).expect("fans");
    let k = *counter(&store).last().expect("k") as f64;
    assert!((fans - (400.0 + k)).abs() <= 3.0, "0.4 + 0.001 k MW in kW: {fans} at k = {k}");
    let first = text(&status);
    assert!(first.contains("id-fan-1.power") && first.contains("°C") && first.contains("kW"), "{first}");
    assert!(store.get("id-fan-1.power").is_none());
    assert_eq!(store.get("preheater-1.exit-temp").and_then(|s| s.values().last().copied()), Some(300.0));
    assert_eq!(store.get("kiln-1.speed").and_then(|s| s.values().last().copied()), Some(3.5));
    assert!(store.get("kiln-1.inlet-o2").is_none(), "a Bad value is not a sample");
    // Source timestamps: the counter's times are the server's ticks, 100 ms apart (the median: a loaded machine
    // delays single ticks).
    let times = store.get("kiln-1.drive-power").map(|s| s.times_ms().to_vec()).unwrap_or_default();
    let mut steps: Vec<i64> = times.windows(2).map(|w| w[1] - w[0]).collect();
    steps.sort_unstable();
    assert!((80..=120).contains(&steps[steps.len() / 2]), "{times:?}");

    // The network goes for 3 s while the server goes on counting: the source says the link is down, reconnects,
    // and reads the gap from the server's history, so the counter has no hole.
    relay.cut();
    until(&live, &mut store, &mut status, 30, "the lost link reported", |s, _| matches!(s.state, SourceState::BackingOff { .. }));
    let before = *counter(&store).last().expect("k");
    std::thread::sleep(Duration::from_secs(3));
    relay.restore();
    until(&live, &mut store, &mut status, 60, "values after the gap", |s, st| s.state == SourceState::Connected && counter(st).last().is_some_and(|k| *k > before + 40));
    let ks = counter(&store);
    assert!(ks.windows(2).all(|w| w[1] == w[0] + 1), "a hole in the counter: {:?}", ks.windows(2).filter(|w| w[1] != w[0] + 1).collect::<Vec<_>>());
    assert!(status.from_history >= 20, "the 3 s gap came from the history: {status:?}");

    // The server is killed and restarted with its namespaces numbered anew (urn:plant:kiln 2 → 3): a new
    // session, the subscription made anew by namespace URI; the new process's counter starts again at 1.
    let restarted_at = chrono::Utc::now().timestamp_millis();
    drop(server);
    let _server = PyServer::start(&python, server_port, true);
    until(&live, &mut store, &mut status, 90, "values after the restart", |_, st| {
        st.get("kiln-1.drive-power").is_some_and(|s| s.times_ms().last().is_some_and(|t| *t > restarted_at + 2_000))
    });
    let after: Vec<(i64, f64)> =
        store.get("kiln-1.drive-power").map(|s| s.times_ms().iter().copied().zip(s.values().iter().copied()).filter(|(t, _)| *t > restarted_at).collect()).unwrap_or_default();
    assert!(after.iter().all(|(_, v)| *v < 200.0) && !after.is_empty(), "the new process's counter: {after:?}");
    assert!(store.get("cooler-1.fans-power").and_then(|s| s.times_ms().last().copied()).is_some_and(|t| t > restarted_at), "every meter resubscribed");
    drop(live);
}
