//! End to end through a real Prometheus: the simulator serves the cement plant's record, Prometheus
//! scrapes it, and the twin's Prometheus source reads the values back (backfill and instant queries);
//! every value must equal the recording at the record time the same scrape saw.
//!
//! `.ci/run` installs Prometheus (Debian package) and starts it with the simulator, exporting
//! `PLANT_TWIN_PROMETHEUS_URL`. Without that variable the test starts both itself when a `prometheus`
//! binary is on the PATH (and stops them), and otherwise says it was skipped and why; with
//! `PLANT_TWIN_REQUIRE_PROMETHEUS=1` (set by `.ci/run`) a missing Prometheus fails the test.
//!
//! The same check runs against VictoriaMetrics (Debian's `victoria-metrics`, scraping the simulator with its
//! own `-promscrape.config`), which answers the same query API: started by the test on a free loopback port,
//! skipped without the binary, required with `PLANT_TWIN_REQUIRE_VICTORIA=1` (set by `.ci/run`).

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use plant_live::{LiveEvent, LiveHandle, Source, SourceKind};
use plant_simulator::{ServeOptions, SimulatorHandle};

use crate::{cement, fetch};

struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn prometheus_binary() -> Option<String> {
    ["prometheus", "/usr/bin/prometheus"]
        .iter()
        .find(|p| Command::new(p).arg("--version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok_and(|s| s.success()))
        .map(|p| p.to_string())
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("port")
}

#[test]
fn values_read_back_through_prometheus_match_the_recording() {
    let (site, store) = cement();
    let mut _keep: Vec<Killed> = Vec::new();
    let mut _sim: Option<SimulatorHandle> = None;
    let url = match std::env::var("PLANT_TWIN_PROMETHEUS_URL") {
        Ok(u) => u,
        Err(_) => {
            let Some(bin) = prometheus_binary() else {
                assert!(std::env::var("PLANT_TWIN_REQUIRE_PROMETHEUS").is_err(), "PLANT_TWIN_REQUIRE_PROMETHEUS is set but no prometheus binary was found");
                eprintln!("prometheus end-to-end test SKIPPED: no `prometheus` binary (apt-get install prometheus; .ci/run does)");
                return;
            };
            let sim = SimulatorHandle::start(site.clone(), store.clone(), ServeOptions { addr: "127.0.0.1:0".parse().expect("addr"), speed: 1.0, ..ServeOptions::default() })
                .expect("simulator");
            let dir = std::env::temp_dir().join(format!("plant-live-prom-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("dir");
            let config = format!("global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: plant-twin-sim\n    static_configs:\n      - targets: ['{}']\n", sim.addr);
            std::fs::write(dir.join("prometheus.yml"), config).expect("config");
            let port = free_port();
            let child = Command::new(bin)
                .arg(format!("--config.file={}", dir.join("prometheus.yml").display()))
                .arg(format!("--storage.tsdb.path={}", dir.join("data").display()))
                .arg(format!("--web.listen-address=127.0.0.1:{port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("prometheus starts");
            _keep.push(Killed(child));
            _sim = Some(sim);
            format!("http://127.0.0.1:{port}")
        }
    };
    read_back(&url, &store);
}

/// Waits for the server at `url` to have scraped the simulator, then reads the meters back through the twin's
/// Prometheus source (backfill and instant queries) and compares each value with the recording.
fn read_back(url: &str, store: &plant_store::Store) {
    // Ready, and a few scrapes in.
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let ok = fetch(&format!("{url}/api/v1/query?query=plant_sim_record_time_ms")).is_ok_and(|b| b.contains("\"result\":[{"));
        if ok {
            break;
        }
        assert!(Instant::now() < deadline, "Prometheus at {url} did not scrape the simulator within 60 s");
        std::thread::sleep(Duration::from_millis(250));
    }
    std::thread::sleep(Duration::from_secs(4));

    // The twin's Prometheus source: the record time and a handful of meters, with backfill.
    let meters = ["kiln-1.drive-power", "substation-1.incomer-power", "cooler-1.clinker", "preheater-1.exit-temp", "kiln-1.inlet-o2"];
    let mut queries: Vec<(String, String)> = meters.iter().map(|m| (m.to_string(), format!("plant_meter_value{{meter=\"{m}\"}}"))).collect();
    queries.push(("record-time".into(), "plant_sim_record_time_ms".into()));
    let host = url.trim_start_matches("http://").trim_end_matches('/').to_string();
    let source = Source {
        id: "prom".into(),
        url: url.to_string(),
        host,
        kind: SourceKind::Prometheus { queries, backfill_ms: 60_000, step_ms: 1_000 },
        interval_ms: 1_000,
        timeout_ms: 2_000,
        auth: None,
    };
    let live = LiveHandle::start(vec![source]).expect("live");
    let mut got: Vec<(String, i64, f64)> = Vec::new();
    let (mut backfilled, mut instant) = (false, 0);
    let deadline = Instant::now() + Duration::from_secs(30);
    while !(backfilled && instant >= 2) {
        assert!(Instant::now() < deadline, "no samples from Prometheus: {got:?}");
        match live.recv_timeout(Duration::from_millis(200)) {
            Some(LiveEvent::Samples { samples, backfill, .. }) => {
                if backfill {
                    backfilled = true;
                } else {
                    instant += 1;
                }
                got.extend(samples);
            }
            Some(LiveEvent::Status { status, .. }) => assert!(status.last_error_msg.as_ref().is_none_or(|m| !m.id.contains("-http")), "{status:?}"),
            None => {}
        }
    }
    drop(live);
    // Each meter sample is compared with the recording at the record time of the same evaluation time.
    let record_at = |t: i64| got.iter().find(|(m, tt, _)| m == "record-time" && *tt == t).map(|(_, _, v)| *v as i64);
    let mut compared = 0;
    for (m, t, v) in got.iter().filter(|(m, _, _)| m != "record-time") {
        let Some(rt) = record_at(*t) else { continue };
        let want = store.reading_at(m, rt).value().expect("recorded value");
        assert!((v - want).abs() <= 1e-9 * want.abs().max(1.0), "{m} at record time {rt}: Prometheus {v}, recording {want}");
        compared += 1;
    }
    assert!(compared >= 5 * meters.len(), "only {compared} samples compared: {got:?}");
}

#[test]
fn values_read_back_through_victoriametrics_match_the_recording() {
    let (site, store) = cement();
    let Some(bin) =
        ["victoria-metrics", "/usr/bin/victoria-metrics"].into_iter().find(|b| Command::new(b).arg("-version").stdout(Stdio::null()).stderr(Stdio::null()).status().is_ok())
    else {
        assert!(std::env::var("PLANT_TWIN_REQUIRE_VICTORIA").is_err(), "PLANT_TWIN_REQUIRE_VICTORIA is set but no victoria-metrics binary was found");
        eprintln!("VictoriaMetrics end-to-end test SKIPPED: no `victoria-metrics` binary (apt-get install victoria-metrics; .ci/run does)");
        return;
    };
    let sim =
        SimulatorHandle::start(site.clone(), store.clone(), ServeOptions { addr: "127.0.0.1:0".parse().expect("addr"), speed: 1.0, ..ServeOptions::default() }).expect("simulator");
    let dir = std::env::temp_dir().join(format!("plant-live-vm-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let config = format!("global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: plant-twin-sim\n    static_configs:\n      - targets: ['{}']\n", sim.addr);
    std::fs::write(dir.join("scrape.yml"), config).expect("config");
    let port = free_port();
    // Loopback only; no latency offset, so an instant query sees the last scrape (the default hides 30 s).
    let child = Command::new(bin)
        .arg(format!("-httpListenAddr=127.0.0.1:{port}"))
        .arg(format!("-storageDataPath={}", dir.join("data").display()))
        .arg(format!("-promscrape.config={}", dir.join("scrape.yml").display()))
        .arg("-search.latencyOffset=0s")
        .arg("-search.disableCache")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("victoria-metrics starts");
    let _vm = Killed(child);
    read_back(&format!("http://127.0.0.1:{port}"), &store);
    drop(sim);
    let _ = std::fs::remove_dir_all(&dir);
}
