//! The meter simulator (`plant-twin-sim`): serves a site's recorded data as if live, for demos, training and
//! tests. A crate and a binary of its own, so its HTTP server is not linked into the desktop app.
//!
//! - `GET /api/values`: `{"timestamp": "…", "record_time": "…", "meters": {"kiln-1.drive-power": 240.6, …}}`
//!   (a meter with no current reading is `null`);
//! - `GET /metrics`: Prometheus exposition, `plant_meter_value{meter, equipment, unit}` per meter, and
//!   `plant_sim_record_time_ms`, the record time being served (so a test can compare what a scrape saw
//!   with the recording);
//! - `GET /`: a short description.
//!
//! The record plays from `start` at `speed` record-seconds per second and wraps around at its end. With
//! `shift_to_now` the JSON timestamp is the wall clock, otherwise the record time. Optional Gaussian noise
//! (relative standard deviation). Binds to 127.0.0.1 unless told otherwise.

use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use plant_i18n::t;
use plant_site::Site;
use plant_store::Store;
use rand_distr::{Distribution, Normal};

#[derive(Clone, Debug)]
pub struct ServeOptions {
    pub addr: SocketAddr,
    /// Record seconds per real second.
    pub speed: f64,
    /// Where in the record to start (ms UTC); default its start.
    pub start_ms: Option<i64>,
    pub shift_to_now: bool,
    /// Relative standard deviation of Gaussian noise on every value (0 = exact recorded values).
    pub noise: f64,
}

impl Default for ServeOptions {
    fn default() -> Self {
        Self { addr: SocketAddr::from(([127, 0, 0, 1], 9184)), speed: 1.0, start_ms: None, shift_to_now: true, noise: 0.0 }
    }
}

struct Sim {
    site: Arc<Site>,
    store: Arc<Store>,
    range: (i64, i64),
    started_real_ms: i64,
    start_ms: i64,
    opts: ServeOptions,
}

impl Sim {
    /// The record time served at wall-clock `now_ms`.
    fn record_time(&self, now_ms: i64) -> i64 {
        let (a, b) = self.range;
        let len = (b - a).max(1);
        let t = self.start_ms as f64 + (now_ms - self.started_real_ms) as f64 * self.opts.speed;
        a + ((t as i64 - a).rem_euclid(len))
    }

    fn values(&self, t: i64) -> Vec<(&plant_site::Meter, Option<f64>)> {
        let normal = Normal::new(0.0, self.opts.noise.max(0.0)).ok();
        let mut rng = rand::rng();
        self.site
            .meters
            .iter()
            .map(|m| {
                let v = self.store.reading_at(&m.id, t).value().map(|v| match (&normal, self.opts.noise > 0.0) {
                    (Some(n), true) => v * (1.0 + n.sample(&mut rng)),
                    _ => v,
                });
                (m, v)
            })
            .collect()
    }
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

fn rfc3339(t: i64) -> String {
    chrono::DateTime::from_timestamp_millis(t).map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)).unwrap_or_default()
}

async fn values(State(sim): State<Arc<Sim>>) -> impl IntoResponse {
    let now = now_ms();
    let t = sim.record_time(now);
    let mut meters = serde_json::Map::new();
    for (m, v) in sim.values(t) {
        meters.insert(m.id.clone(), v.map_or(serde_json::Value::Null, |x| serde_json::json!(x)));
    }
    let body = serde_json::json!({
        "timestamp": rfc3339(if sim.opts.shift_to_now { now } else { t }),
        "record_time": rfc3339(t),
        "meters": meters,
    });
    ([(header::CONTENT_TYPE, "application/json")], body.to_string())
}

/// Label values escape `\`, `"` and newlines (Prometheus text format 0.0.4).
fn label(s: &str) -> String {
    s.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

async fn metrics(State(sim): State<Arc<Sim>>) -> impl IntoResponse {
    let t = sim.record_time(now_ms());
    let mut out = String::new();
    let _ = writeln!(out, "# HELP plant_sim_record_time_ms Record time being served, ms since the epoch.");
    let _ = writeln!(out, "# TYPE plant_sim_record_time_ms gauge");
    let _ = writeln!(out, "plant_sim_record_time_ms {t}");
    let _ = writeln!(out, "# HELP plant_meter_value Meter reading in the meter's unit (label unit).");
    let _ = writeln!(out, "# TYPE plant_meter_value gauge");
    for (m, v) in sim.values(t) {
        if let Some(v) = v {
            let _ = writeln!(out, "plant_meter_value{{meter=\"{}\",equipment=\"{}\",unit=\"{}\"}} {v}", label(&m.id), label(&m.equipment), label(&m.unit));
        }
    }
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], out)
}

/// The page at `/`: what is served where, in the simulator's language.
async fn index(State(sim): State<Arc<Sim>>) -> impl IntoResponse {
    let title = t!("simulator-index", site = sim.site.name(), meters = sim.site.meters.len(), speed = sim.opts.speed.to_string());
    format!("{title}\nGET /api/values  {}\nGET /metrics     {}\n", t!("simulator-index-values"), t!("simulator-index-metrics"))
}

/// What can stop the simulator from serving (its message in the current language).
#[derive(Debug, thiserror::Error)]
pub enum SimError {
    #[error("{}", t!("simulator-no-data", file = .0.display().to_string()))]
    NoData(std::path::PathBuf),
    #[error("{}", t!("simulator-cannot-listen", addr = addr.to_string(), error = source.to_string()))]
    Listen { addr: SocketAddr, source: std::io::Error },
    /// `what` is `runtime` or `thread`.
    #[error("{}", t!("simulator-cannot-start", what = *what, error = source.to_string()))]
    Start { what: &'static str, source: std::io::Error },
    #[error("{}", t!("simulator-server-stopped", error = .0.to_string()))]
    Server(std::io::Error),
    #[error("{}", t!("simulator-thread-failed", reason = .0.as_str()))]
    Panicked(String),
    #[error("{}", t!("simulator-not-started"))]
    NotStarted,
}

/// Runs the simulator until `shutdown` completes. `bound` receives the address actually bound (port 0
/// picks a free one).
pub async fn serve(
    site: Arc<Site>,
    store: Arc<Store>,
    opts: ServeOptions,
    bound: Option<std::sync::mpsc::Sender<SocketAddr>>,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), SimError> {
    let range = store.time_range().ok_or_else(|| SimError::NoData(site.site_toml_path()))?;
    let start_ms = opts.start_ms.unwrap_or(range.0).clamp(range.0, range.1);
    let sim = Arc::new(Sim { site, store, range, started_real_ms: now_ms(), start_ms, opts: opts.clone() });
    let app = Router::new().route("/", get(index)).route("/api/values", get(values)).route("/metrics", get(metrics)).with_state(sim);
    let listener = tokio::net::TcpListener::bind(opts.addr).await.map_err(|source| SimError::Listen { addr: opts.addr, source })?;
    let addr = listener.local_addr().map_err(|source| SimError::Listen { addr: opts.addr, source })?;
    if let Some(tx) = bound {
        let _ = tx.send(addr);
    }
    axum::serve(listener, app).with_graceful_shutdown(shutdown).await.map_err(SimError::Server)
}

/// A simulator on a thread of its own (for tests and the app); dropping the handle stops it.
pub struct SimulatorHandle {
    pub addr: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<Result<(), SimError>>>,
}

impl SimulatorHandle {
    pub fn start(site: Arc<Site>, store: Arc<Store>, opts: ServeOptions) -> Result<SimulatorHandle, SimError> {
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let (addr_tx, addr_rx) = std::sync::mpsc::channel();
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|source| SimError::Start { what: "runtime", source })?;
        let thread = std::thread::Builder::new()
            .name("plant-sim".into())
            .spawn(move || {
                runtime.block_on(serve(site, store, opts, Some(addr_tx), async move {
                    let _ = stop_rx.await;
                }))
            })
            .map_err(|source| SimError::Start { what: "thread", source })?;
        match addr_rx.recv_timeout(std::time::Duration::from_secs(10)) {
            Ok(addr) => Ok(SimulatorHandle { addr, stop: Some(stop_tx), thread: Some(thread) }),
            Err(_) => Err(match thread.join() {
                Err(p) => SimError::Panicked(plant_site::panic_message(&*p)),
                Ok(Err(e)) => e,
                Ok(Ok(())) => SimError::NotStarted,
            }),
        }
    }
}

impl Drop for SimulatorHandle {
    fn drop(&mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.thread.take()
            && let Err(p) = t.join()
        {
            eprintln!("plant-twin-sim: {}", t!("simulator-thread-failed", reason = plant_site::panic_message(&*p)));
        }
    }
}

/// What `plant-twin-sim` and `plant-twin serve` are asked to do.
#[derive(Clone, Debug)]
pub struct Run {
    /// Site package folder (holding site.toml).
    pub site: std::path::PathBuf,
    pub port: u16,
    /// The address to bind: this machine only unless the user names another.
    pub bind: std::net::IpAddr,
    /// Record seconds per real second.
    pub speed: f64,
    /// Where in the record to start (ISO 8601 or local "YYYY-MM-DD HH:MM").
    pub from: Option<String>,
    /// Stamp JSON values with the record time instead of now.
    pub no_shift: bool,
    /// Relative standard deviation of Gaussian noise on every value.
    pub noise: f64,
    /// A training scenario whose malfunctions are applied to what is served.
    pub scenario: Option<std::path::PathBuf>,
}

/// Serves a site's recorded data as if live until Ctrl-C (the command line of `plant-twin-sim` and
/// `plant-twin serve`): a training scenario's malfunctions applied, starting at its start unless `from`
/// says otherwise. `Err` is the message to print, in the current language.
pub fn run(args: &Run) -> Result<(), String> {
    let error = |message: String| t!("simulator-error", message = message);
    if !(args.speed > 0.0 && args.speed <= 100_000.0) {
        return Err(error(t!("simulator-bad-speed", speed = args.speed.to_string())));
    }
    if !(0.0..=1.0).contains(&args.noise) {
        return Err(error(t!("simulator-bad-noise", noise = args.noise.to_string())));
    }
    let opened = plant_site::open(&args.site).map_err(|d| d.to_string())?;
    for d in &opened.diagnostics {
        eprintln!("{d}");
    }
    let site = opened.site;
    let loaded = plant_ingest::load_site_data(&site, &|_, _| {});
    for d in &loaded.diagnostics {
        eprintln!("{d}");
    }
    let mut store = loaded.store;
    let mut scenario_start = None;
    if let Some(name) = &args.scenario {
        let scenario = training_scenario(&site, name).map_err(error)?;
        let session = plant_training::Session::new(scenario);
        let (derived, notes) = session.overlay(&store, &site);
        for n in notes {
            eprintln!("{}", n.text());
        }
        eprintln!("{}", t!("simulator-scenario", name = session.scenario.name.in_lang(plant_i18n::current()), count = session.applied.len()));
        store = derived;
        scenario_start = Some(session.scenario.start_ms);
    }
    let start_ms = match &args.from {
        None => scenario_start,
        Some(t) => Some(plant_ingest::timestamp::parse_local(t, site.time_zone).ok_or_else(|| error(t!("simulator-bad-from", value = t)))?),
    };
    let opts = ServeOptions { addr: SocketAddr::new(args.bind, args.port), speed: args.speed, start_ms, shift_to_now: !args.no_shift, noise: args.noise };
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().map_err(|e| error(e.to_string()))?;
    let (tx, rx) = std::sync::mpsc::channel::<SocketAddr>();
    let name = site.name().to_string();
    let meters = site.meters.len();
    std::thread::spawn(move || {
        if let Ok(addr) = rx.recv() {
            eprintln!("{}", t!("simulator-serving", site = name, meters = meters, addr = addr.to_string()));
        }
    });
    runtime
        .block_on(serve(Arc::new(site), Arc::new(store), opts, Some(tx), async {
            let _ = tokio::signal::ctrl_c().await;
        }))
        .map_err(|e| error(e.to_string()))
}

/// A training scenario by path, or by name in the package's training folder; its problems are printed.
fn training_scenario(site: &plant_site::Site, name: &std::path::Path) -> Result<plant_training::Scenario, String> {
    let alarms = match plant_alarms::load_for_site(site) {
        Ok(found) => found.map(|(a, _)| a),
        Err(d) => return Err(d.to_string()),
    };
    let path = plant_training::find(site, name).map_err(|_| t!("simulator-no-scenario", name = name.display().to_string()))?;
    let (scenario, diags) = plant_training::load(&path, site, alarms.as_ref()).map_err(|d| d.to_string())?;
    for d in diags {
        eprintln!("{d}");
    }
    Ok(scenario)
}
