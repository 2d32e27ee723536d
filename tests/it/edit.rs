//! The edit mode driven headless on a copy of the cement plant: a model node made equipment by its mesh's
//! name, a meter moved onto it — its value and the old item's follow in 3D at once —, the Problems list and the
//! model check following each edit, edits undone, saved only when asked, comments kept.

use std::path::Path;
use std::sync::Arc;

use bevy::gltf::{GltfExtras, GltfMeshName};
use bevy::prelude::*;
use plant_edit_view::{EditRequest, Editing};
use plant_site::edit::{Edit, NodeKey};
use plant_viewer_context::{CurrentSite, EquipmentNode, EquipmentReading, MeterData, Problems, SiteClock};

use crate::headless::{loaded_app_at, local};

/// A copy of the cement plant's package (the test writes its site.toml).
fn copy_of_cement(dir: &Path) {
    let from = crate::cement_site();
    for entry in walk(&from) {
        let to = dir.join(entry.strip_prefix(&from).expect("inside"));
        std::fs::create_dir_all(to.parent().expect("parent")).expect("mkdir");
        std::fs::copy(&entry, &to).expect("copy");
    }
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("dir").flatten() {
        let p = e.path();
        if p.is_dir() { out.extend(walk(&p)) } else { out.push(p) }
    }
    out
}

fn reading(app: &App, e: Entity) -> Option<f64> {
    app.world().get::<EquipmentReading>(e).and_then(|r| r.0)
}

fn ask(app: &mut App, request: EditRequest) {
    app.world_mut().write_message(request);
    app.update();
    app.update();
}

fn outcome(app: &App) -> String {
    match &app.world().resource::<Editing>().outcome {
        Some(Ok(m)) => m.text_in(plant_i18n::Lang::En),
        Some(Err(d)) => format!("refused: {}", d.text_in(plant_i18n::Lang::En)),
        None => String::from("nothing"),
    }
}

#[test]
fn nodes_and_meters_are_bound_in_the_viewer_undone_and_saved_with_the_comments() {
    let dir = tempfile::tempdir().expect("tmp");
    copy_of_cement(dir.path());
    let original = std::fs::read_to_string(dir.path().join("site.toml")).expect("site.toml");
    let mut app = loaded_app_at(dir.path(), |_| {});
    // Nodes as the glTF scene spawns them: the raw mill (its extras name it) and a spare fan the site does not
    // know yet, unnamed, whose mesh primitive is named "Spare_Fan_Body".
    let raw_mill = app.world_mut().spawn((Name::new("raw-mill-1"), GltfExtras { value: r#"{"equipment": "raw-mill-1"}"#.into() })).id();
    let fan = app.world_mut().spawn(Name::new("GltfNode900")).id();
    app.world_mut().spawn((Name::new("Spare_Fan_Body.0"), GltfMeshName("Spare_Fan_Body".into()), Mesh3d::default(), ChildOf(fan)));
    // Monday 17:00: the raw mill and its fan run.
    app.world_mut().resource_mut::<SiteClock>().seek(local(2, 17, 0));
    app.update();
    let t = app.world().resource::<SiteClock>().now_ms;
    let value = |app: &App, m: &str| app.world().resource::<MeterData>().0.reading_at(m, t).value().expect("value");
    let (mill, mill_fan) = (value(&app, "raw-mill-1.power"), value(&app, "raw-mill-1.fan-power"));
    assert!((reading(&app, raw_mill).expect("raw mill") - (mill + mill_fan)).abs() < 1e-6);
    assert!(app.world().get::<EquipmentNode>(fan).is_none());
    let site_before = app.world().resource::<CurrentSite>().0.clone();

    // Made equipment by its mesh's name: bound in 3D at once.
    ask(
        &mut app,
        EditRequest::Apply(Edit::MakeEquipment {
            id: "spare-fan".into(),
            kind: "fan".into(),
            name: "Spare fan".into(),
            area: "Raw meal".into(),
            node: NodeKey::Mesh("Spare_Fan_Body".into()),
        }),
    );
    assert_eq!(outcome(&app), "make “spare-fan” equipment");
    assert_eq!(app.world().get::<EquipmentNode>(fan).map(|n| n.id.as_str()), Some("spare-fan"));
    // A meter moved onto it: the fan now reads the fan meter and the raw mill only its own.
    ask(&mut app, EditRequest::Apply(Edit::BindMeter { meter: "raw-mill-1.fan-power".into(), equipment: "spare-fan".into() }));
    assert!((reading(&app, fan).expect("fan reads") - mill_fan).abs() < 1e-6, "{:?} vs {mill_fan}", reading(&app, fan));
    assert!((reading(&app, raw_mill).expect("raw mill") - mill).abs() < 1e-6);
    assert!(!Arc::ptr_eq(&site_before, &app.world().resource::<CurrentSite>().0), "the site was replaced");

    // The model file has no such mesh (the fan above exists only in this test's scene): the Problems list says
    // so. Bound instead to a node the file has, the problem goes and the model check binds it there; undone, it
    // comes back and the scene's fan is bound again.
    let missing = |app: &App| {
        let problems = &app.world().resource::<Problems>().list;
        problems.iter().filter(|d| d.message.id == "site-model-node-missing" && d.message.arg("equipment") == Some(&"spare-fan".into())).count()
    };
    assert_eq!(missing(&app), 1, "{:?}", app.world().resource::<Problems>().list);
    ask(&mut app, EditRequest::Apply(Edit::BindNode { equipment: "spare-fan".into(), node: NodeKey::Name("tertiary-air-duct".into()) }));
    assert_eq!(missing(&app), 0);
    let bound = |app: &App| app.world().resource::<plant_viewer_context::ModelInfo>().0.bound.get("spare-fan").cloned();
    assert_eq!(bound(&app).as_deref(), Some("tertiary-air-duct"));
    assert!(app.world().get::<EquipmentNode>(fan).is_none(), "the fan is no longer the item");
    ask(&mut app, EditRequest::Undo);
    assert_eq!(outcome(&app), "undone: bind “spare-fan” to node “tertiary-air-duct”");
    assert_eq!((missing(&app), bound(&app)), (1, None));
    assert_eq!(app.world().get::<EquipmentNode>(fan).map(|n| n.id.as_str()), Some("spare-fan"));
    assert!((reading(&app, fan).expect("fan reads") - mill_fan).abs() < 1e-6);

    // A refused edit changes nothing and says why.
    let site_now = app.world().resource::<CurrentSite>().0.clone();
    ask(&mut app, EditRequest::Apply(Edit::MakeEquipment { id: "kiln-1".into(), kind: "kiln".into(), name: String::new(), area: String::new(), node: NodeKey::Name("x".into()) }));
    assert_eq!(outcome(&app), format!("refused: error: {}: there is already an item “kiln-1”", dir.path().join("site.toml").display()));
    assert!(Arc::ptr_eq(&site_now, &app.world().resource::<CurrentSite>().0));

    // Nothing is written until saved; saved, the file has the edits and every line the generator wrote.
    assert_eq!(std::fs::read_to_string(dir.path().join("site.toml")).expect("read"), original);
    assert!(app.world().resource::<Editing>().is_dirty());
    ask(&mut app, EditRequest::Save);
    assert!(outcome(&app).starts_with("saved "), "{}", outcome(&app));
    let saved = std::fs::read_to_string(dir.path().join("site.toml")).expect("read");
    let mut lines = saved.lines();
    for want in original.lines().filter(|l| !l.starts_with("equipment = \"raw-mill-1\"")) {
        assert!(lines.any(|l| l == want), "line {want:?} lost or moved");
    }
    let reopened = plant_site::open(dir.path()).expect("opens");
    assert_eq!(reopened.site.meters.iter().find(|m| m.id == "raw-mill-1.fan-power").map(|m| m.equipment.as_str()), Some("spare-fan"));
    assert_eq!(reopened.site.equipment("spare-fan").and_then(|e| e.mesh.as_deref()), Some("Spare_Fan_Body"));

    // Undone twice after saving: the fan is unbound again and the raw mill reads both meters.
    ask(&mut app, EditRequest::Undo);
    ask(&mut app, EditRequest::Undo);
    assert!(app.world().get::<EquipmentNode>(fan).is_none(), "unbound when its item went");
    assert!((reading(&app, raw_mill).expect("raw mill") - (mill + mill_fan)).abs() < 1e-6);
    assert!(app.world().resource::<Editing>().is_dirty(), "differs from the saved file");
}
