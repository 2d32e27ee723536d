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
    check_opens(&args.folder, &mut out);
    crate::whatif::out(&out);
    Ok(())
}

/// Opens the new package as the viewer would (site.toml, the model, the data) and adds what it found to `out`.
fn check_opens(folder: &std::path::Path, out: &mut String) {
    let mut diags = Vec::new();
    match plant_site::open(folder) {
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
    out.push_str(&format!("{}\n", t!("app-new-open", folder = folder.display().to_string())));
}

/// `plant-twin import-ifc`: a site package from an IFC building model, and what was found in it.
pub fn import_ifc(args: &crate::cli::ImportIfcArgs) -> Result<(), String> {
    let failed = |message: String| t!("app-error", message = message);
    let time_zone: chrono_tz::Tz = args.time_zone.parse().map_err(|_| failed(t!("app-new-bad-time-zone", value = args.time_zone.as_str())))?;
    let opts = plant_ifc::Options { ifc: args.ifc.clone(), folder: args.folder.clone(), time_zone, name: args.name.clone() };
    let m = plant_ifc::read(&opts).map_err(|d| d.to_string())?;
    let written = plant_ifc::write(&opts, &m).map_err(|d| d.to_string())?;
    let mut out = format!("{}\n", t!("app-new-written", file = written.display().to_string()));
    let products: usize = m.products.values().sum();
    out.push_str(&format!("{}\n", t!("app-ifc-read", schema = m.schema.as_str(), products = products, nodes = m.nodes, triangles = m.triangles)));
    for s in &m.storeys {
        out.push_str(&format!("  {}\n", t!("app-ifc-storey", name = s.name.as_str(), spaces = s.spaces.len(), elements = s.elements)));
    }
    let equipment = if m.equipment.is_empty() { t!("app-ifc-no-equipment") } else { t!("app-ifc-equipment", count = m.equipment.len()) };
    out.push_str(&format!("{equipment}\n"));
    for e in &m.equipment {
        let place = if e.meshed { t!("app-ifc-in-model") } else { t!("app-ifc-not-in-model") };
        out.push_str(&format!("  {}\n", t!("app-ifc-item", id = e.id.as_str(), class = e.class.as_str(), area = e.area.as_str(), place = place)));
    }
    if !m.network.is_empty() {
        let list: Vec<String> = m.network.iter().map(|(c, n)| format!("{c} {n}")).collect();
        out.push_str(&format!("{}\n", t!("app-ifc-network", list = list.join(", "))));
    }
    out.push_str(&format!("{}\n", t!("app-ifc-meter-names", count = m.meter_names.len())));
    check_opens(&args.folder, &mut out);
    crate::whatif::out(&out);
    Ok(())
}
