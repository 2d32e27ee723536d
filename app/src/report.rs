//! `plant-twin report`: the accounting of a window, headless, from the same code as the flows panel.

use std::path::Path;

use plant_accounting::{Format, Report};
use plant_i18n::t;
use plant_site::Site;

use crate::cli::ReportArgs;

/// Why the report could not be written: a diagnostic of the site (which says "error:" itself), or a message
/// of the command.
enum Failure {
    Diagnostic(String),
    Message(String),
}

/// Runs the report; the error names the file and place of what went wrong, in the current language.
pub fn run(args: &ReportArgs) -> Result<(), String> {
    run_inner(args).map_err(|f| match f {
        Failure::Diagnostic(text) => text,
        Failure::Message(message) => t!("app-error", message = message),
    })
}

fn run_inner(args: &ReportArgs) -> Result<(), Failure> {
    let format: Format = args.format.parse().map_err(|e: plant_accounting::UnknownFormat| Failure::Message(e.to_string()))?;
    let opened = plant_site::open(&args.site).map_err(|d| Failure::Diagnostic(d.to_string()))?;
    let site = opened.site;
    for d in &opened.diagnostics {
        eprintln!("{d}");
    }
    let loaded = plant_ingest::load_site_data(&site, &|_, _| {});
    for d in &loaded.diagnostics {
        eprintln!("{d}");
    }
    let store = loaded.store;
    let (t0, t1) = window(&site, store.time_range(), args.from.as_deref(), args.to.as_deref()).map_err(Failure::Message)?;
    let (book, diags) = plant_accounting::prepare(&site);
    for d in &diags {
        eprintln!("{d}");
    }
    let mut report = plant_accounting::report(&site, &store, &book, t0, t1);
    if format == Format::Markdown {
        display_names(&mut report, &site);
    }
    let text = plant_accounting::render(&report, format);
    match &args.output {
        Some(path) => write_atomically(path, &text).map_err(|e| Failure::Message(format!("{}: {e}", path.display()))),
        None => {
            crate::whatif::out(&text);
            Ok(())
        }
    }
}

/// The window `[from, to)` of a headless command (`report`, `alarms`): each end an ISO 8601 or local time in
/// the site's zone, by default the record's start and end. The error says what is wrong, in the current
/// language.
/// `record` is the store's time range (`None`: no data).
pub(crate) fn window(site: &Site, record: Option<(i64, i64)>, from: Option<&str>, to: Option<&str>) -> Result<(i64, i64), String> {
    let (start, end) = record.ok_or_else(|| t!("app-report-no-data", file = site.site_toml_path().display().to_string()))?;
    let time = |s: Option<&str>, default: i64, option: &str| -> Result<i64, String> {
        match s {
            None => Ok(default),
            Some(text) => crate::parse_at(text, site.time_zone).ok_or_else(|| t!("app-report-bad-time", option = option, value = text, time_zone = site.time_zone.to_string())),
        }
    };
    let t0 = time(from, start, "from")?; // i18n-ok: the option's name
    let t1 = time(to, end + 1, "to")?; // i18n-ok: the option's name
    if t1 <= t0 {
        let from = from.map_or_else(|| t!("app-report-record-start"), str::to_owned);
        let to = to.map_or_else(|| t!("app-report-record-end"), str::to_owned);
        return Err(t!("app-report-empty-window", from = from, to = to));
    }
    Ok((t0, t1))
}

/// The names of the site, its equipment, nodes and products in the current language (a package's `name_zh`
/// in Chinese), for the report people read. JSON and CSV keep the accounting's own names and ids.
fn display_names(report: &mut Report, site: &Site) {
    let node_name = |id: &str| -> Option<String> { site.equipment(id).map(|e| e.display_name().to_owned()).or_else(|| site.node(id).map(|n| n.display_name().to_owned())) };
    report.site = site.name().to_owned();
    for n in &mut report.nodes {
        if let Some(name) = node_name(&n.id) {
            n.name = name;
        }
    }
    for b in &mut report.imbalances {
        if let Some(name) = node_name(&b.node) {
            b.name = name;
        }
    }
    for p in &mut report.products {
        if let Some(product) = site.products.iter().find(|x| x.id == p.id) {
            p.name = product.display_name().to_owned();
        }
    }
}

/// Through a temporary file in the same folder, renamed over `path` (`tempfile`): never half a report.
pub(crate) fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write as _;
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(folder)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
