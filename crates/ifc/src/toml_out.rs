//! The commented `site.toml` of an imported IFC building.

use std::fmt::Write;

use crate::{Imported, Options};

/// A TOML string, as the `toml` crate writes one (quotes, escapes).
fn q(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// The most space names listed on a storey's line.
const SPACES_LISTED: usize = 8;

pub(crate) fn site_toml(m: &Imported, opts: &Options) -> String {
    let file = opts.ifc.file_name().map_or_else(String::new, |f| f.to_string_lossy().into_owned());
    let mut t = String::new();
    let _ = writeln!(t, "# Made by `plant-twin import-ifc` from {file} ({}) — check it, then add the building's meters", m.schema);
    let _ = writeln!(t, "# ([[data]] and [[meter]] tables; docs/ifc.md, docs/site-format.md).");
    let _ = writeln!(t, "# model.glb: Y up in metres, one node per element named after it, with the element's GlobalId and");
    let _ = writeln!(t, "# class in the node's extras; spaces and openings are not drawn.");
    let _ = writeln!(t, "[site]\nname = {}\nkind = \"building\"\ntime_zone = {}\nmodel = \"model.glb\"", q(&m.site_name), q(opts.time_zone.name()));
    if !m.storeys.is_empty() {
        let _ = writeln!(t, "\n# Storeys (the equipment's areas), lowest first:");
        for s in &m.storeys {
            let elevation = s.elevation.map_or_else(String::new, |e| format!(" ({e:.2} m)"));
            let mut spaces = s.spaces.iter().take(SPACES_LISTED).cloned().collect::<Vec<_>>().join(", ");
            if s.spaces.len() > SPACES_LISTED {
                spaces.push_str(", …");
            }
            let spaces = if s.spaces.is_empty() { String::from("no spaces") } else { format!("{} spaces: {spaces}", s.spaces.len()) };
            let _ = writeln!(t, "#   {}{elevation}: {} elements; {spaces}", s.name, s.elements);
        }
    }
    if m.equipment.is_empty() {
        let _ = writeln!(t, "\n# No building services (IfcDistributionElement) in the file: make equipment of model nodes in the");
        let _ = writeln!(t, "# viewer's edit mode (`plant-twin <folder> --edit`, docs/edit-mode.md).");
    } else {
        let _ = writeln!(t, "\n# Building services made equipment, bound to the model by the id in their nodes' extras.");
    }
    for e in &m.equipment {
        let space = e.space.as_ref().map_or_else(String::new, |s| format!(", in space {}", q(s)));
        let shown = if e.meshed { "" } else { " — not in the model: the file gives it no body" };
        let _ = writeln!(t, "\n# {} {}{space}{shown}", e.class, e.global_id);
        let _ = writeln!(t, "[[equipment]]\nid = {}\ntype = {}\nname = {}", q(&e.id), q(&e.kind), q(&e.name));
        if !e.area.is_empty() {
            let _ = writeln!(t, "area = {}", q(&e.area));
        }
    }
    if !m.meter_names.is_empty() {
        let _ = writeln!(t, "\n# Meters named in the elements' property sets: give each its quantity and unit, list the data");
        let _ = writeln!(t, "# file that holds the column, then remove the # signs.");
        for n in &m.meter_names {
            let _ = writeln!(t, "# [[meter]]\n# id = {}\n# equipment = {}\n# column = {}   # {}", q(&meter_id(n)), q(&n.equipment), q(&n.value), n.property);
            let _ = writeln!(t, "# quantity = \"electric_power\"\n# unit = \"kW\"\n#");
        }
    }
    t
}

/// An id for a meter named in a property set: the value as an id.
fn meter_id(n: &crate::MeterName) -> String {
    let mut id = String::new();
    for c in n.value.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '.' {
            id.push(c);
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-');
    if id.is_empty() { format!("{}.meter", n.equipment) } else { id.to_owned() }
}
