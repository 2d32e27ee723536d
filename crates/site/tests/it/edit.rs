//! The editor behind the app's edit mode: each edit applied to site.toml's text keeping the user's comments and
//! order, bound by each method a model allows, refused when it makes no sense, undone, saved.

use std::path::Path;

use plant_site::edit::{Edit, FlowAmount, NodeKey, SiteEditor};

/// A site as a user writes it: comments at the top, beside values and before sections, two equipment items,
/// two meters, one flow.
const SITE: &str = r#"# Our plant — written by hand; keep these notes.
[site]
name = "CAD export"   # as the designer named it
kind = "site"
time_zone = "UTC"

# The kiln line
[[equipment]]
id = "kiln"
type = "kiln"
name = "Kiln"
mesh = "Kiln_Shell"          # the node has no name: its mesh has

[[equipment]]
id = "fan-2"
type = "fan"
name = "Fan of line 2"
node = "Line 9/Fan"          # wrong path: unbound until fixed

# Meters — from the historian export
[[meter]]
id = "kiln.power"
quantity = "electric_power"
unit = "kW"
equipment = "kiln"           # checked on site, 2026-11

[[meter]]
id = "fan.power"
quantity = "electric_power"
unit = "kW"
equipment = "kiln"           # wrong: it is the fan's

# Sources
[[node]]
id = "grid"
name = "Grid"
kind = "source"
carrier = "electricity"
factor = "cn-national-2022"

[[flow]]
from = "grid"
to = "kiln"
carrier = "electricity"
meter = "kiln.power"
"#;

/// A package in `dir`: [`SITE`] and a CAD-like model (`Line 1` › unnamed node with mesh `Kiln_Shell`,
/// `Line 2` › `Fan`), plus a node `Pump_Body` whose extras name `pump-7`.
fn package(dir: &Path) -> SiteEditor {
    let mut bin = Vec::new();
    for v in [[0.0f32, 0.0, 0.0], [1.0, 0.0, 0.0], [0.0, 1.0, 0.0]] {
        for x in v {
            bin.extend_from_slice(&x.to_le_bytes());
        }
    }
    let json = r#"{"asset":{"version":"2.0"},"scene":0,"scenes":[{"nodes":[0,2,4]}],
"nodes":[{"name":"Line 1","children":[1]},{"mesh":0,"translation":[10,0,0]},{"name":"Line 2","children":[3]},{"name":"Fan","mesh":1},
{"name":"Pump_Body","mesh":1,"translation":[0,0,5],"extras":{"equipment":"pump-7"}}],
"meshes":[{"name":"Kiln_Shell","primitives":[{"attributes":{"POSITION":0}}]},{"name":"Fan_Body","primitives":[{"attributes":{"POSITION":0}}]}],
"accessors":[{"bufferView":0,"componentType":5126,"count":3,"type":"VEC3","min":[0,0,0],"max":[1,1,0]}],
"bufferViews":[{"buffer":0,"byteLength":36}],"buffers":[{"byteLength":36}]}"#;
    std::fs::write(dir.join("model.glb"), crate::model::glb(json, &bin)).expect("glb");
    std::fs::write(dir.join("site.toml"), SITE).expect("site.toml");
    SiteEditor::open(dir).expect("editor")
}

fn apply(editor: &mut SiteEditor, edit: Edit) -> plant_site::Opened {
    let site = editor.parse().expect("parses").site;
    editor.apply(&site, edit).expect("edit applies")
}

/// `text` holds every line of `original`, in the same order (lines may have been added between them).
fn keeps_every_line(original: &str, text: &str) {
    let mut lines = text.lines();
    for want in original.lines() {
        assert!(lines.any(|l| l == want), "line {want:?} lost or moved in:\n{text}");
    }
}

#[test]
fn each_binding_method_binds_the_node_and_the_comments_stay() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut editor = package(dir.path());
    let before = plant_site::check_model(&editor.parse().expect("parses").site);
    assert_eq!(before.unbound, ["fan-2"]);

    // A path of node names (the fan's name alone would do too; a path is what a name used twice needs).
    apply(&mut editor, Edit::BindNode { equipment: "fan-2".into(), node: NodeKey::Path("Line 2/Fan".into()) });
    // A named group made equipment by its name; the extras-bearing node by its extras (nothing in site.toml
    // but its id); a mesh name for the kiln, rebound to the same mesh.
    apply(&mut editor, Edit::MakeEquipment { id: "line-1".into(), kind: "line".into(), name: "Line 1".into(), area: String::new(), node: NodeKey::Name("Line 1".into()) });
    apply(&mut editor, Edit::MakeEquipment { id: "pump-7".into(), kind: "pump".into(), name: "Pump 7".into(), area: "Utilities".into(), node: NodeKey::Extras });
    let opened = apply(&mut editor, Edit::BindNode { equipment: "kiln".into(), node: NodeKey::Mesh("Kiln_Shell".into()) });
    let report = plant_site::check_model(&opened.site);
    assert!(report.unbound.is_empty(), "{:?}", report.unbound);
    let bound: Vec<(&str, &str)> = report.bound.iter().map(|(e, n)| (e.as_str(), n.as_str())).collect();
    assert_eq!(bound, [("fan-2", "Fan"), ("kiln", "GltfNode1"), ("line-1", "Line 1"), ("pump-7", "Pump_Body")]);
    assert!(opened.diagnostics.iter().all(|d| d.message.id == "site-no-data-files"), "{:?}", opened.diagnostics);

    let text = editor.text();
    // Everything the user wrote is still there except the one value replaced (its comment and spacing kept,
    // as for the kiln's mesh, rewritten with the same name).
    let original = SITE.replace("node = \"Line 9/Fan\"", "node = \"Line 2/Fan\"");
    keeps_every_line(&original, &text);
    // New equipment goes after the last [[equipment]], before the meters' heading comment.
    let (made, meters) = (text.find("id = \"pump-7\"").expect("pump-7"), text.find("# Meters").expect("heading"));
    assert!(text.find("id = \"fan-2\"").expect("fan-2") < made && made < meters, "{text}");
    assert!(text.contains("[[equipment]]\nid = \"pump-7\"\ntype = \"pump\"\nname = \"Pump 7\"\narea = \"Utilities\"\n"), "{text}");
    // The editor's text is what plant_site::open reads once saved.
    editor.save().expect("saves");
    let reopened = plant_site::open(dir.path()).expect("opens");
    assert_eq!(reopened.site.equipment.len(), 4);
    assert_eq!(std::fs::read_to_string(dir.path().join("site.toml")).expect("read"), text);
}

#[test]
fn a_meter_is_rebound_and_flows_are_drawn_and_removed_then_everything_undone() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut editor = package(dir.path());
    let opened = apply(&mut editor, Edit::BindMeter { meter: "fan.power".into(), equipment: "fan-2".into() });
    assert_eq!(opened.site.meters.iter().find(|m| m.id == "fan.power").map(|m| m.equipment.as_str()), Some("fan-2"));
    assert!(editor.text().contains("equipment = \"fan-2\"           # wrong: it is the fan's\n"), "the value's comment stays: {}", editor.text());

    let opened = apply(&mut editor, Edit::AddFlow { from: "grid".into(), to: "fan-2".into(), carrier: "electricity".into(), amount: FlowAmount::Meter("fan.power".into()) });
    assert_eq!(opened.site.flows.len(), 2);
    assert_eq!(opened.site.flows[1].meter(), Some("fan.power"));
    let opened = apply(&mut editor, Edit::AddFlow { from: "kiln".into(), to: "fan-2".into(), carrier: "heat".into(), amount: FlowAmount::Formula("remainder".into()) });
    assert_eq!(opened.site.flows.len(), 3);
    assert!(matches!(opened.site.flows[2].value, plant_site::FlowValue::Remainder), "{:?}", opened.site.flows[2].value);
    let opened = apply(&mut editor, Edit::RemoveFlow { from: "grid".into(), to: "kiln".into(), carrier: "electricity".into() });
    let flows: Vec<(&str, &str)> = opened.site.flows.iter().map(|f| (f.from.as_str(), f.to.as_str())).collect();
    assert_eq!(flows, [("grid", "fan-2"), ("kiln", "fan-2")]);
    assert!(editor.is_dirty());

    // Undo walks back through all four, to the very text the user wrote; redo forward again.
    let mut labels = Vec::new();
    while let Some(label) = editor.undo_label().map(|m| m.text_in(plant_i18n::Lang::En)) {
        labels.push(label);
        editor.undo().expect("one to undo").expect("parses");
    }
    assert_eq!(
        labels,
        [
            "remove the flow of electricity from “grid” to “kiln”",
            "draw a flow of heat from “kiln” to “fan-2”",
            "draw a flow of electricity from “grid” to “fan-2”",
            "bind meter “fan.power” to “fan-2”"
        ]
    );
    assert_eq!(editor.text(), SITE);
    assert!(!editor.is_dirty());
    assert!(editor.undo().is_none());
    editor.redo().expect("one to redo").expect("parses");
    assert!(editor.text().contains("equipment = \"fan-2\""));
    // A new edit after an undo drops what could be redone.
    editor.undo().expect("undo").expect("parses");
    apply(&mut editor, Edit::MakeEquipment { id: "fan-3".into(), kind: "fan".into(), name: String::new(), area: String::new(), node: NodeKey::Name("Fan".into()) });
    assert!(editor.redo_label().is_none());
}

#[test]
fn edits_that_make_no_sense_are_refused_and_change_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut editor = package(dir.path());
    let site = editor.parse().expect("parses").site;
    let refused = [
        (Edit::MakeEquipment { id: "kiln".into(), kind: "kiln".into(), name: String::new(), area: String::new(), node: NodeKey::Name("Fan".into()) }, "site-edit-id-taken"),
        (Edit::MakeEquipment { id: "grid".into(), kind: "kiln".into(), name: String::new(), area: String::new(), node: NodeKey::Name("Fan".into()) }, "site-edit-id-taken"),
        (Edit::MakeEquipment { id: "kiln 2".into(), kind: "kiln".into(), name: String::new(), area: String::new(), node: NodeKey::Name("Fan".into()) }, "site-edit-bad-id"),
        (Edit::MakeEquipment { id: "k2".into(), kind: " ".into(), name: String::new(), area: String::new(), node: NodeKey::Name("Fan".into()) }, "site-edit-no-type"),
        (Edit::MakeEquipment { id: "k2".into(), kind: "kiln".into(), name: String::new(), area: String::new(), node: NodeKey::Mesh(String::new()) }, "site-edit-no-node"),
        (Edit::BindNode { equipment: "nope".into(), node: NodeKey::Name("Fan".into()) }, "site-edit-no-equipment"),
        (Edit::BindMeter { meter: "nope".into(), equipment: "kiln".into() }, "site-edit-no-meter"),
        (Edit::BindMeter { meter: "kiln.power".into(), equipment: "grid".into() }, "site-edit-no-equipment"),
        (Edit::AddFlow { from: "kiln".into(), to: "kiln".into(), carrier: "heat".into(), amount: FlowAmount::Formula("remainder".into()) }, "site-edit-flow-to-itself"),
        (Edit::AddFlow { from: "kiln".into(), to: "moon".into(), carrier: "heat".into(), amount: FlowAmount::Formula("remainder".into()) }, "site-edit-no-item"),
        (Edit::AddFlow { from: "grid".into(), to: "kiln".into(), carrier: "".into(), amount: FlowAmount::Meter("kiln.power".into()) }, "site-edit-no-carrier"),
        (Edit::AddFlow { from: "grid".into(), to: "fan-2".into(), carrier: "electricity".into(), amount: FlowAmount::Meter("x".into()) }, "site-edit-no-meter"),
        (Edit::RemoveFlow { from: "grid".into(), to: "kiln".into(), carrier: "coal".into() }, "site-edit-no-flow"),
        (Edit::AddFlow { from: "grid".into(), to: "kiln".into(), carrier: "electricity".into(), amount: FlowAmount::Meter("fan.power".into()) }, "site-edit-flow-exists"),
    ];
    for (edit, id) in refused {
        let e = editor.apply(&site, edit.clone()).err().unwrap_or_else(|| panic!("{edit:?} applied"));
        assert_eq!(e.message.id, id, "{edit:?}: {e}");
        assert!(e.file.ends_with("site.toml"));
        assert_eq!(editor.text(), SITE, "{edit:?} changed the text");
    }
    assert!(editor.undo_label().is_none());
    // A formula the site cannot read is kept, with its problem in the list (as for a file written by hand).
    let opened = apply(&mut editor, Edit::AddFlow { from: "grid".into(), to: "fan-2".into(), carrier: "electricity".into(), amount: FlowAmount::Formula("2 * nope".into()) });
    assert!(opened.diagnostics.iter().any(|d| d.is_error() && matches!(d.place, plant_site::Place::LineCol { .. })), "{:?}", opened.diagnostics);
}

#[test]
fn a_file_changed_by_another_program_is_not_overwritten() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut editor = package(dir.path());
    apply(&mut editor, Edit::BindMeter { meter: "fan.power".into(), equipment: "fan-2".into() });
    let theirs = SITE.replace("name = \"Kiln\"", "name = \"Kiln (renamed elsewhere)\"");
    std::fs::write(dir.path().join("site.toml"), &theirs).expect("write");
    let e = editor.save().expect_err("refused");
    assert_eq!(e.message.id, "site-edit-changed-on-disk");
    assert_eq!(std::fs::read_to_string(dir.path().join("site.toml")).expect("read"), theirs);
    // Reloaded: their text, no edits, nothing to undo; then saving works.
    let opened = editor.reload().expect("reloads");
    assert_eq!(opened.site.equipment("kiln").map(|e| e.name.as_str()), Some("Kiln (renamed elsewhere)"));
    assert!(!editor.is_dirty() && editor.undo_label().is_none());
    apply(&mut editor, Edit::BindMeter { meter: "fan.power".into(), equipment: "fan-2".into() });
    editor.save().expect("saves");
    assert!(!editor.is_dirty());
    let files: Vec<String> = std::fs::read_dir(dir.path()).expect("dir").filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    assert!(!files.iter().any(|f| f.contains("saving")), "no temporary file left: {files:?}");
}

#[test]
fn a_meter_moved_to_another_item_takes_the_flows_it_measures_along() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut editor = package(dir.path());
    // kiln.power measures grid → kiln: bound to the fan, the flow goes grid → fan-2 (its comment kept).
    let opened = apply(&mut editor, Edit::BindMeter { meter: "kiln.power".into(), equipment: "fan-2".into() });
    let flows: Vec<(&str, &str, Option<&str>)> = opened.site.flows.iter().map(|f| (f.from.as_str(), f.to.as_str(), f.meter())).collect();
    assert_eq!(flows, [("grid", "fan-2", Some("kiln.power"))]);
    assert!(editor.text().contains("equipment = \"fan-2\"           # checked on site, 2026-11\n"), "{}", editor.text());
    // A meter that measures no flow moves alone.
    let opened = apply(&mut editor, Edit::BindMeter { meter: "fan.power".into(), equipment: "fan-2".into() });
    assert_eq!(opened.site.flows.len(), 1);
    editor.undo().expect("undo").expect("parses");
    editor.undo().expect("undo").expect("parses");
    assert_eq!(editor.text(), SITE);
}
