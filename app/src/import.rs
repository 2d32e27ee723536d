//! `plant-twin import`: a site's recorded files pushed into VictoriaMetrics, then readable from there alone
//! (docs/historian.md). Progress on standard error, the summary and the `[historian]` table to use on
//! standard output.

use plant_historian::{ImportOptions, import};
use plant_i18n::t;

use crate::cli::ImportArgs;

/// Runs the import; the error says what went wrong, in the current language.
pub fn run(args: &ImportArgs) -> Result<(), String> {
    let failed = |message: String| t!("app-error", message = message);
    let opened = plant_site::open(&args.site).map_err(|d| d.to_string())?;
    let site = opened.site;
    for d in &opened.diagnostics {
        eprintln!("{d}");
    }
    // The files only: what is imported is what the package records.
    let loaded = plant_ingest::load_site_data(&site, &|_, _| {});
    for d in &loaded.diagnostics {
        eprintln!("{d}");
    }
    if loaded.store.is_empty() {
        return Err(failed(t!("app-import-no-data")));
    }
    let folder = std::fs::canonicalize(&args.site).unwrap_or_else(|_| args.site.clone());
    let site_label = args.site_label.clone().unwrap_or_else(|| folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| site.header.kind.clone()));
    let opts = ImportOptions { url: args.to.clone(), site_label, auth: args.auth_header.clone().zip(args.auth_env.clone()), timeout_ms: 120_000 };
    let last_tenth = std::sync::atomic::AtomicU64::new(u64::MAX);
    let progress = |sent: u64, total: u64| {
        let tenth = (sent * 10).checked_div(total).unwrap_or(10);
        if last_tenth.swap(tenth, std::sync::atomic::Ordering::Relaxed) != tenth {
            let (sent, total) = (plant_i18n::integer(sent as i64), plant_i18n::integer(total as i64));
            eprintln!("{}", t!("app-import-progress", sent = sent, total = total));
        }
    };
    let report = import(&site, &loaded.store, &opts, &progress).map_err(|e| failed(e.to_string()))?;
    let (sent, already) = (plant_i18n::integer(report.sent as i64), plant_i18n::integer(report.already as i64));
    println!("{}", t!("app-import-done", meters = report.meters, sent = sent, already = already, url = args.to.as_str(), requests = report.requests));
    let expected = report.sent + report.already;
    // Fewer held than sent: the database dropped some (most often a retention shorter than the record). The
    // files must stay; this is a failure, not a table to copy.
    if let Some(held) = report.held.filter(|&h| h < expected) {
        let (held, expected) = (plant_i18n::integer(held as i64), plant_i18n::integer(expected as i64));
        return Err(failed(t!("app-import-fewer-held", held = held, expected = expected)));
    }
    let selector = report.selector.replace('\'', "\\'");
    println!("\n{}\n\n[historian]\nurl = \"{}\"\nselector = '{}'", t!("app-import-use"), args.to.trim_end_matches('/'), selector); // i18n-ok: TOML written for site.toml
    Ok(())
}
