//! `plant-twin alarms`: the alarm journal of a window and the alarm-system figures, headless, from the
//! site's alarms.toml and its recorded data (the same engine as the viewer's).

use plant_alarms::Format;
use plant_i18n::t;

use crate::cli::AlarmsArgs;

/// Writes the journal; the error names the file and place of what went wrong, in the current language.
pub fn run(args: &AlarmsArgs) -> Result<(), String> {
    let failed = |message: String| t!("app-error", message = message);
    let format: Format = args.format.parse().map_err(failed)?;
    let opened = plant_site::open(&args.site).map_err(|d| d.to_string())?;
    let site = opened.site;
    for d in &opened.diagnostics {
        eprintln!("{d}");
    }
    let (alarms, diags) = match plant_alarms::load_for_site(&site) {
        Ok(Some(found)) => found,
        Ok(None) => return Err(failed(t!("app-alarms-none", file = site.root.join(plant_alarms::ALARMS_FILE).display().to_string()))),
        Err(d) => return Err(d.to_string()),
    };
    for d in &diags {
        eprintln!("{d}");
    }
    let loaded = crate::data::load(&site, args.connect)?;
    for d in &loaded.diagnostics {
        eprintln!("{d}");
    }
    let store = loaded.store;
    let (t0, t1) = crate::report::window(&site, store.time_range(), args.from.as_deref(), args.to.as_deref()).map_err(failed)?;
    let lang = plant_i18n::current();
    // The operator's acknowledgements, from the log the viewer keeps (a bad line is reported and skipped).
    let log = args.operator_log.clone().or_else(|| plant_i18n::config_dir().map(|d| plant_alarms::oplog::path_for(&d.join(plant_alarms::oplog::FOLDER), &site.root)));
    if let Some(path) = args.operator_log.as_ref().filter(|p| !p.exists()) {
        return Err(failed(t!("app-alarms-no-log", file = path.display().to_string())));
    }
    let actions = match &log {
        Some(path) => {
            let (actions, diags) = plant_alarms::oplog::read(path);
            for d in &diags {
                eprintln!("{d}");
            }
            actions
        }
        None => Vec::new(),
    };
    let journal = plant_alarms::journal::journal(site.name(), &alarms, &store, &actions, t0, t1, lang);
    let tz = site.time_zone;
    let when = |t_ms: i64| plant_viewer_context::format_time_in(lang, t_ms, tz, "%Y-%m-%d %H:%M:%S %Z");
    let text = plant_alarms::journal::render(&journal, format, lang, &when);
    match &args.output {
        Some(path) => crate::report::write_atomically(path, &text).map_err(|e| failed(format!("{}: {e}", path.display()))),
        None => {
            crate::whatif::out(&text);
            Ok(())
        }
    }
}
