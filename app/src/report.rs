//! `plant-twin report`: the accounting of a window, headless, from the same code as the flows panel.

use std::path::Path;

use plant_accounting::Format;

use crate::cli::ReportArgs;

/// Runs the report; the error names the file and place of what went wrong.
pub fn run(args: &ReportArgs) -> Result<(), String> {
    run_inner(args).map_err(|e| if e.starts_with("error") { e } else { format!("error: {e}") })
}

fn run_inner(args: &ReportArgs) -> Result<(), String> {
    let format: Format = args.format.parse().map_err(|e: plant_accounting::UnknownFormat| e.to_string())?;
    let opened = plant_site::open(&args.site).map_err(|d| d.to_string())?;
    let site = opened.site;
    for d in &opened.diagnostics {
        eprintln!("{d}");
    }
    let loaded = plant_ingest::load_site_data(&site, &|_, _| {});
    for d in &loaded.diagnostics {
        eprintln!("{d}");
    }
    let store = loaded.store;
    let (start, end) = store.time_range().ok_or_else(|| format!("{}: no meter data in the site's data files", site.site_toml_path().display()))?;
    let time = |s: &Option<String>, default: i64, what: &str| -> Result<i64, String> {
        match s {
            None => Ok(default),
            Some(text) => {
                crate::parse_at(text, site.time_zone).ok_or_else(|| format!("--{what} \"{text}\" is not a time (ISO 8601 or \"YYYY-MM-DD[ HH:MM]\" in {})", site.time_zone))
            }
        }
    };
    let t0 = time(&args.from, start, "from")?;
    let t1 = time(&args.to, end + 1, "to")?;
    if t1 <= t0 {
        return Err(format!("the window is empty: --to is not after --from ({} … {})", args.from.as_deref().unwrap_or("start"), args.to.as_deref().unwrap_or("end")));
    }
    let (book, diags) = plant_accounting::prepare(&site);
    for d in &diags {
        eprintln!("{d}");
    }
    let report = plant_accounting::report(&site, &store, &book, t0, t1);
    let text = plant_accounting::render(&report, format);
    match &args.output {
        Some(path) => write_atomically(path, &text).map_err(|e| format!("{}: {e}", path.display())),
        None => {
            crate::whatif::out(&text);
            Ok(())
        }
    }
}

/// Through a temporary file in the same folder, renamed over `path` (`tempfile`): never half a report.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(folder)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
