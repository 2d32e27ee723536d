//! site.toml: `plant_site::parse` on any UTF-8 text (inputs that are not UTF-8 are skipped: the app reads
//! the file with `read_to_string`, which refuses them before parsing), and the edit mode's editor on the same
//! text (`plant_site::edit`: read with toml_edit, edits applied, the result parsed again, undone).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use plant_site::edit::{Edit, FlowAmount, NodeKey, SiteEditor};

fuzz_target!(init: plant_twin_fuzz::init(), |data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // A package folder that does not exist: paths the file names resolve lexically, no file is read.
    let root = Path::new("/nonexistent/plant-twin-fuzz/site");
    let parsed = plant_site::parse(text, root);
    plant_twin_fuzz::show(&parsed);
    let (Ok(opened), Ok(mut editor)) = (parsed, SiteEditor::from_text(root, text)) else { return };
    let site = opened.site;
    let first_item = site.equipment.first().map(|e| e.id.clone()).unwrap_or_default();
    let mut edits = vec![
        Edit::MakeEquipment { id: "fuzz-item".into(), kind: "fan".into(), name: "Fuzz".into(), area: String::new(), node: NodeKey::Path("a/b".into()) },
        Edit::BindNode { equipment: first_item.clone(), node: NodeKey::Mesh("m".into()) },
    ];
    if let Some(m) = site.meters.first() {
        edits.push(Edit::BindMeter { meter: m.id.clone(), equipment: first_item.clone() });
        edits.push(Edit::AddFlow { from: first_item.clone(), to: "fuzz-item".into(), carrier: "heat".into(), amount: FlowAmount::Meter(m.id.clone()) });
    }
    if let Some(f) = site.flows.first() {
        edits.push(Edit::RemoveFlow { from: f.from.clone(), to: f.to.clone(), carrier: f.carrier.clone() });
    }
    let mut current = site;
    for edit in edits {
        if let Ok(o) = editor.apply(&current, edit) {
            current = o.site;
        }
    }
    while let Some(r) = editor.undo() {
        let _ = r;
    }
    let _ = editor.text();
});
