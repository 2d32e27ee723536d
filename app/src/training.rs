//! `plant-twin train`: a training scenario run headless — the same malfunctions, alarm engine and schedule as
//! the viewer's training mode — with each expected alarm checked (a failed check is exit status 1), and a
//! trainee's exported log scored.

use std::path::{Path, PathBuf};

use plant_i18n::t;
use plant_site::Site;

use crate::cli::TrainArgs;

/// The `--format` value for JSON.
const JSON: &str = "json"; // i18n-ok: the option's value

/// A scenario named on the command line ([`plant_training::find`]); the error lists the package's scenarios.
pub fn find_scenario(site: &Site, name: &Path) -> Result<PathBuf, String> {
    plant_training::find(site, name)
        .map_err(|available| t!("app-training-not-found", name = name.display().to_string(), available = if available.is_empty() { "—".to_owned() } else { available.join(", ") }))
}

/// Runs the scenario; the error names the file and place of what went wrong, in the current language.
pub fn run(args: &TrainArgs) -> Result<(), String> {
    let failed = |message: String| t!("app-error", message = message);
    let opened = plant_site::open(&args.site).map_err(|d| d.to_string())?;
    let site = opened.site;
    for d in &opened.diagnostics {
        eprintln!("{d}");
    }
    let alarms = match plant_alarms::load_for_site(&site) {
        Ok(Some((alarms, diags))) => {
            diags.iter().for_each(|d| eprintln!("{d}"));
            Some(alarms)
        }
        Ok(None) => None,
        Err(d) => return Err(d.to_string()),
    };
    let path = find_scenario(&site, &args.scenario).map_err(failed)?;
    let (scenario, diags) = plant_training::load(&path, &site, alarms.as_ref()).map_err(|d| d.to_string())?;
    for d in &diags {
        eprintln!("{d}");
    }
    let log = match &args.log {
        Some(p) => {
            let text = std::fs::read_to_string(p).map_err(|e| failed(format!("{}: {e}", p.display())))?;
            Some(plant_training::session::read_log(&text).map_err(|e| failed(format!("{}:{e}", p.display())))?)
        }
        None => None,
    };
    let loaded = crate::data::load(&site, args.connect)?;
    for d in &loaded.diagnostics {
        eprintln!("{d}");
    }
    let lang = plant_i18n::current();
    let report = plant_training::run::run(&site, &loaded.store, alarms.as_ref(), &scenario, log.as_deref(), lang);
    let tz = site.time_zone;
    let when = |t_ms: i64| plant_viewer_context::format_time_in(lang, t_ms, tz, "%Y-%m-%d %H:%M:%S %Z");
    let json = args.format == JSON;
    let text = if json { serde_json::to_string_pretty(&report).map_err(|e| failed(e.to_string()))? + "\n" } else { plant_training::run::markdown(&report, &scenario, lang, &when) };
    match &args.output {
        Some(path) => crate::report::write_atomically(path, &text).map_err(|e| failed(format!("{}: {e}", path.display())))?,
        None => crate::whatif::out(&text),
    }
    let missed = report.expectations.iter().filter(|x| !x.ok).count();
    if missed > 0 {
        return Err(failed(t!("app-training-expect-failed", count = missed)));
    }
    Ok(())
}
