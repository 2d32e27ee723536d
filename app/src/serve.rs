//! `plant-twin serve`: the meter simulator in the foreground.

use std::net::SocketAddr;
use std::sync::Arc;

use crate::cli::ServeArgs;

pub fn run(args: &ServeArgs) -> Result<(), String> {
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
        Some(t) => Some(crate::parse_at(t, site.time_zone).ok_or_else(|| format!("error: --from \"{t}\" is not a time"))?),
    };
    let opts = plant_live::ServeOptions { addr: SocketAddr::new(args.bind, args.port), speed: args.speed, start_ms, shift_to_now: !args.no_shift, noise: args.noise };
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
        .block_on(plant_live::serve(Arc::new(site), Arc::new(loaded.store), opts, Some(tx), async {
            let _ = tokio::signal::ctrl_c().await;
        }))
        .map_err(|e| format!("error: {e}"))
}
