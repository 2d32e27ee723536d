//! `plant-twin new`: a site package from a model and a data export (`plant_ingest::scaffold`), then opened
//! the way the viewer opens it, so the user sees at once what loads and what is left to do.

use plant_i18n::t;
use plant_ingest::scaffold::{Guess, Options};

use crate::cli::NewArgs;

pub fn run(args: &NewArgs) -> Result<(), String> {
    let failed = |message: String| t!("app-error", message = message);
    let time_zone: chrono_tz::Tz = args.time_zone.parse().map_err(|_| failed(t!("app-new-bad-time-zone", value = args.time_zone.as_str())))?;
    let opts = Options { folder: args.folder.clone(), model: args.model.clone(), data: args.data.clone(), time_zone, name: args.name.clone() };
    let s = plant_ingest::scaffold::scaffold(&opts).map_err(|d| d.to_string())?;
    let written = plant_ingest::scaffold::write(&opts, &s).map_err(|d| d.to_string())?;
    for n in &s.notes {
        eprintln!("{}", n.text());
    }
    let file = args.data.iter().filter_map(|p| p.file_name()).map(|f| f.to_string_lossy().into_owned()).collect::<Vec<_>>().join(", ");
    let mut out = String::new();
    out.push_str(&format!("{}\n", t!("app-new-written", file = written.display().to_string())));
    out.push_str(&format!(
        "{}\n",
        t!("app-new-meters", count = s.columns.len(), file = file, column = s.timestamp_column.as_str(), format = plant_ingest::scaffold::format_key(&s.timestamp_format))
    ));
    for c in &s.columns {
        let key = match c.guess {
            Guess::Unit => "unit", // i18n-ok: a catalogue key
            Guess::Name => "name", // i18n-ok: a catalogue key
            Guess::None => "none", // i18n-ok: a catalogue key
        };
        let how = t!("app-new-how", how = key);
        let place = match (&c.equipment, &c.node) {
            (Some(e), Some(n)) => t!("app-new-on", equipment = e.as_str(), node = n.as_str()),
            _ => t!("app-new-unplaced"),
        };
        let quantity = plant_viewer_context::quantity_label(c.quantity);
        out.push_str(&format!(
            "  {}\n",
            t!("app-new-meter", header = c.header.as_str(), meter = c.meter.as_str(), quantity = quantity, unit = c.unit.as_str(), how = how.as_str(), place = place)
        ));
    }
    if !s.free_nodes.is_empty() {
        let names: Vec<&str> = s.free_nodes.iter().take(12).map(String::as_str).collect();
        let more = if s.free_nodes.len() > names.len() { ", …" } else { "" }; // i18n-ok: a list's ellipsis
        out.push_str(&format!("{}\n", t!("app-new-free-nodes", count = s.free_nodes.len(), names = format!("{}{more}", names.join(", ")))));
    }
    if s.unnamed_nodes > 0 {
        out.push_str(&format!("{}\n", t!("app-new-unnamed-nodes", count = s.unnamed_nodes)));
    }
    // Opened as the viewer opens it: site.toml, the model, the data.
    let mut diags = Vec::new();
    match plant_site::open(&args.folder) {
        Ok(opened) => {
            diags.extend(opened.diagnostics);
            diags.extend(plant_site::check_model(&opened.site).diagnostics);
            diags.extend(plant_ingest::load_site_data(&opened.site, &|_, _| {}).diagnostics);
        }
        Err(d) => diags.push(d),
    }
    for d in &diags {
        out.push_str(&format!("  {d}\n"));
    }
    let errors = diags.iter().filter(|d| d.is_error()).count();
    out.push_str(&format!("{}\n", t!("app-new-check", errors = errors, warnings = diags.len() - errors)));
    out.push_str(&format!("{}\n", t!("app-new-open", folder = args.folder.display().to_string())));
    crate::whatif::out(&out);
    Ok(())
}
