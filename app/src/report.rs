//! `plant-twin report`: the accounting of a window, headless, from the same code as the flows panel.

use std::path::Path;

use plant_accounting::{Format, Report};
use plant_i18n::t;
use plant_site::Site;

use crate::cli::ReportArgs;

/// The year of the window's end against the site's CO2 target; why it cannot be made is said on stderr.
fn trajectory(site: &Site, store: &plant_store::Store, book: &plant_accounting::Book, t1: i64) -> Option<plant_accounting::Trajectory> {
    let Some(made) = plant_accounting::trajectory(site, store, book, t1) else {
        // Targets for other years only: say so rather than leave the section out silently.
        if !site.co2_targets.is_empty() {
            let year = plant_accounting::trajectory::year_of(&site.time_zone, t1).map_or_else(String::new, |y| y.0.to_string());
            let years: Vec<String> = site.co2_targets.iter().map(|t| t.year.to_string()).collect();
            eprintln!("{}", t!("app-report-no-target-year", year = year, years = years.join(", ")));
        }
        return None;
    };
    match made {
        Ok(t) => Some(t),
        Err(e) => {
            eprintln!("{}", t!("app-report-no-trajectory", reason = e.to_string()));
            None
        }
    }
}

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
    let xlsx = args.format == "xlsx"; // i18n-ok: a format's name
    if xlsx && args.output.is_none() {
        return Err(Failure::Message(t!("app-report-xlsx-needs-output")));
    }
    let opened = plant_site::open(&args.site).map_err(|d| Failure::Diagnostic(d.to_string()))?;
    let site = opened.site;
    let mut diagnostics = opened.diagnostics;
    let loaded = crate::data::load(&site, args.connect).map_err(Failure::Diagnostic)?;
    diagnostics.extend(loaded.diagnostics);
    let store = loaded.store;
    let scenario = |p: &Path| -> Result<plant_scenario::Scenario, Failure> {
        let path = plant_scenario::find(&site, p).map_err(|names| Failure::Message(t!("app-report-no-scenario", name = p.display().to_string(), names = names.join(", "))))?;
        let (s, diagnostics) = plant_scenario::load(&path, &site).map_err(|d| Failure::Diagnostic(d.to_string()))?;
        for d in diagnostics {
            eprintln!("{d}");
        }
        Ok(s)
    };
    let a = args.scenario.as_deref().map(scenario).transpose()?;
    let b = args.compare.as_deref().map(scenario).transpose()?;
    let (t0, t1) = match (a.as_ref().and_then(|a| a.window), &args.from, &args.to) {
        (Some(w), None, None) => w,
        _ => window(&site, store.time_range(), args.from.as_deref(), args.to.as_deref()).map_err(Failure::Message)?,
    };
    let (_, book_diags) = plant_accounting::prepare(&site);
    diagnostics.extend(book_diags);
    for d in &diagnostics {
        eprintln!("{d}");
    }
    let bytes = match (&a, xlsx) {
        (None, false) => {
            let format: Format = args.format.parse().map_err(|e: plant_accounting::UnknownFormat| Failure::Message(e.to_string()))?;
            let (book, _) = plant_accounting::prepare(&site);
            let mut report = plant_accounting::report(&site, &store, &book, t0, t1);
            report.trajectory = trajectory(&site, &store, &book, t1);
            report.warnings.extend(diagnostics.iter().map(plant_site::Diagnostic::to_msg));
            if format == Format::Markdown {
                display_names(&mut report, &site);
            }
            plant_accounting::render(&report, format).into_bytes()
        }
        _ => {
            // A plain report as a workbook is the baseline of a scenario without measures.
            let a = a.unwrap_or_else(|| plant_scenario::Scenario::new(&t!("scenario-baseline"), &site));
            let mut study = plant_scenario::render::study(&site, &store, &a, b.as_ref(), t0, t1);
            study.warnings.extend(diagnostics.iter().map(plant_site::Diagnostic::to_msg));
            plant_scenario::render::bytes(&study, &site, &args.format).map_err(Failure::Message)?
        }
    };
    match &args.output {
        Some(path) => write_atomically(path, &bytes).map_err(|e| Failure::Message(format!("{}: {e}", path.display()))),
        None => {
            crate::whatif::out(&String::from_utf8_lossy(&bytes));
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
pub(crate) fn write_atomically(path: &Path, bytes: impl AsRef<[u8]>) -> std::io::Result<()> {
    use std::io::Write as _;
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(folder)?;
    // Readable as any file the user saves, not private as a temporary file is made.
    plant_scenario::edit::readable(tmp.as_file())?;
    tmp.write_all(bytes.as_ref())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}
