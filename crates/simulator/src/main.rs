//! `plant-twin-sim`: the meter simulator in the foreground (see the crate documentation).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Parser;

/// Serve a site's recorded data as if live (for demos, training and tests): JSON at /api/values and
/// Prometheus exposition at /metrics. Stop with Ctrl-C.
#[derive(Parser, Debug)]
#[command(name = "plant-twin-sim", version)]
struct Args {
    /// Site package folder (holding site.toml).
    site: PathBuf,
    /// TCP port.
    #[arg(long, default_value_t = 9184)]
    port: u16,
    /// Address to bind. The default serves this machine only; use 0.0.0.0 to serve the network.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Record seconds per real second.
    #[arg(long, default_value_t = 1.0)]
    speed: f64,
    /// Where in the record to start (ISO 8601 or local "YYYY-MM-DD HH:MM"); default its start.
    #[arg(long)]
    from: Option<String>,
    /// Stamp JSON values with the record time instead of now.
    #[arg(long)]
    no_shift: bool,
    /// Gaussian noise on every value, as a relative standard deviation (0.01 = 1 %).
    #[arg(long, default_value_t = 0.0)]
    noise: f64,
}

fn main() -> ExitCode {
    match run(&Args::parse()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &Args) -> Result<(), String> {
    if !(args.speed > 0.0 && args.speed <= 100_000.0) {
        return Err(format!("error: --speed {} must be above 0 (record seconds per second)", args.speed));
    }
    if !(0.0..=1.0).contains(&args.noise) {
        return Err(format!("error: --noise {} must be a relative standard deviation between 0 and 1", args.noise));
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
    let start_ms = match &args.from {
        None => None,
        Some(t) => Some(plant_ingest::timestamp::parse_local(t, site.time_zone).ok_or_else(|| format!("error: --from \"{t}\" is not a time"))?),
    };
    let opts = plant_simulator::ServeOptions { addr: SocketAddr::new(args.bind, args.port), speed: args.speed, start_ms, shift_to_now: !args.no_shift, noise: args.noise };
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().map_err(|e| format!("error: {e}"))?;
    let (tx, rx) = std::sync::mpsc::channel::<SocketAddr>();
    let name = site.name().to_string();
    let meters = site.meters.len();
    std::thread::spawn(move || {
        if let Ok(addr) = rx.recv() {
            eprintln!("Serving {name} ({meters} meters) as live on http://{addr}: /api/values (JSON), /metrics (Prometheus). Ctrl-C stops.");
        }
    });
    runtime
        .block_on(plant_simulator::serve(Arc::new(site), Arc::new(loaded.store), opts, Some(tx), async {
            let _ = tokio::signal::ctrl_c().await;
        }))
        .map_err(|e| format!("error: {e}"))
}
