//! Pure functions behind the views: colour scale, value formatting, tree search.

use bevy::color::Alpha;
use plant_scene::colour::{ColourScale, equipment_value};
use plant_site::Quantity;
use plant_viewer_context::{NO_DATA_COLOUR, colour_at, format_value};

fn cement() -> (plant_site::Site, plant_store::Store) {
    let site = plant_site::open(&crate::cement_site()).expect("opens").site;
    let store = plant_ingest::load_site_data(&site, &|_, _| {}).store;
    (site, store)
}

#[test]
fn power_uses_a_log_scale_spanning_the_site_and_positions_are_monotonic() {
    let (site, store) = cement();
    let scale = ColourScale::for_record(&site, &store, Quantity::ElectricPower).expect("scale");
    assert!(scale.log);
    // The largest item is the main incomer (≈ 25-30 MW); the scale spans three decades below it.
    assert!((20_000.0..40_000.0).contains(&scale.max), "{}", scale.max);
    assert!((scale.max / scale.min - 1000.0).abs() < 1e-6);
    let mut last = -1.0f32;
    for v in [0.0, 1.0, scale.min, 100.0, 1000.0, 10_000.0, scale.max, 1e9] {
        let p = scale.position(v);
        assert!((0.0..=1.0).contains(&p) && p >= last, "{v} → {p}");
        last = p;
    }
    assert_eq!(scale.position(scale.max), 1.0);
    assert!((scale.value_at(0.5) - (scale.min * scale.max).sqrt()).abs() < 1e-6 * scale.max);
}

#[test]
fn temperatures_use_a_linear_scale_and_averages() {
    let (site, store) = cement();
    let scale = ColourScale::for_record(&site, &store, Quantity::Temperature).expect("scale");
    assert!(!scale.log);
    assert!(scale.min > 100.0 && scale.max > 1300.0, "{scale:?}");
    assert!((scale.position((scale.min + scale.max) / 2.0) - 0.5).abs() < 1e-6);
    // The cooler has two temperature meters: it shows their mean, not their sum.
    let (t0, _) = store.time_range().expect("range");
    let t = t0 + 3 * 86_400_000;
    let sec = store.reading_at("cooler-1.secondary-air-temp", t).value().expect("sec");
    let exh = store.reading_at("cooler-1.exhaust-temp", t).value().expect("exh");
    assert_eq!(equipment_value(&site, &store, "cooler-1", Quantity::Temperature, t), Some((sec + exh) / 2.0));
    assert_eq!(equipment_value(&site, &store, "calciner-1", Quantity::ElectricPower, t), None, "no power meter");
}

#[test]
fn no_data_is_outside_the_colour_scale() {
    for i in 0..=20 {
        let c = colour_at(i as f32 / 20.0);
        assert_eq!(c.alpha(), 1.0);
        assert_ne!(c, NO_DATA_COLOUR);
    }
    assert!(NO_DATA_COLOUR.alpha() < 0.5, "no data is a see-through ghost");
    assert_ne!(colour_at(0.0), colour_at(1.0));
}

#[test]
fn values_are_formatted_with_units_and_sensible_precision() {
    assert_eq!(format_value(28_182.4, "kW"), "28,182 kW");
    assert_eq!(format_value(1214.3, "kW"), "1214 kW");
    assert_eq!(format_value(240.61, "kW"), "240.6 kW");
    assert_eq!(format_value(3.7123, "%"), "3.71 %");
    assert_eq!(format_value(0.0, "kW"), "0.000 kW");
    assert_eq!(format_value(-12_345.0, ""), "-12,345");
}

#[test]
fn tree_search_matches_names_ids_types_areas_and_meters() {
    let site = plant_site::open(&crate::cement_site()).expect("opens").site;
    let hits = |q: &str| site.equipment.iter().filter(|e| plant_inspector::matches_search(&site, &e.id, q)).map(|e| e.id.as_str()).collect::<Vec<_>>();
    assert_eq!(hits("").len(), site.equipment.len());
    assert_eq!(hits("KILN-1"), vec!["kiln-1"], "ids, case-insensitive");
    assert_eq!(hits("ball-mill"), vec!["cement-mill-1", "cement-mill-2"], "types");
    assert!(hits("pyrometer").contains(&"kiln-1"), "meter names");
    assert_eq!(hits("utilities"), vec!["substation-1", "compressor-house"], "areas");
    assert!(hits("no such thing").is_empty());
}

#[test]
fn the_per_frame_meter_index_agrees_with_the_reference_computation() {
    let (site, store) = cement();
    let (t0, t1) = store.time_range().expect("range");
    for q in site.quantities() {
        let index = plant_scene::MeterIndex::build(&site, &store, q);
        for k in 0..50 {
            let t = t0 + (t1 - t0) / 50 * k + 12_345;
            for e in &site.equipment {
                assert_eq!(index.value(&store, &e.id, t), equipment_value(&site, &store, &e.id, q, t), "{q:?} {} at {t}", e.id);
            }
        }
    }
}

#[test]
fn sankey_windows_are_whole_spans_around_the_cursor_and_inside_the_record() {
    use plant_flows_view::{Span, window};
    let mut clock = plant_viewer_context::SiteClock::default();
    let day = 86_400_000;
    clock.set_range(1_000, 1_000 + 14 * day);
    clock.seek(1_000 + 3 * day + 5 * 3_600_000);
    let i = 60_000;
    assert_eq!(window(Span::Day, &clock, i), (1_000 + 3 * day, 1_000 + 4 * day));
    assert_eq!(window(Span::Hour, &clock, i), (1_000 + 3 * day + 5 * 3_600_000, 1_000 + 3 * day + 6 * 3_600_000));
    assert_eq!(window(Span::Record, &clock, i), (1_000, 1_000 + 14 * day + 1));
    // The instant is the sampling interval up to the cursor (from the start at the record's start).
    assert_eq!(window(Span::Instant, &clock, i), (clock.now_ms - i, clock.now_ms));
    clock.seek(clock.start_ms);
    assert_eq!(window(Span::Instant, &clock, i), (clock.start_ms, clock.start_ms + i));
    clock.seek(clock.end_ms);
    let (t0, t1) = window(Span::Week, &clock, i);
    assert!(t0 <= clock.now_ms && t1 == clock.end_ms + 1, "the last week is cut at the record's end");
}

#[test]
fn a_site_opens_coloured_by_a_quantity_it_has() {
    use plant_site::Quantity;
    use plant_viewer_context::ColourBy;
    let (site, _) = cement();
    assert_eq!(plant_scene::default_colour_by(&site), ColourBy::Quantity(Quantity::ElectricPower));
    // A site of energy (interval) meters only, as a historian export often is: coloured by energy, not pale.
    let root = std::env::temp_dir().join(format!("plant-twin-colour-{}", std::process::id()));
    let text = "[site]\nname = \"Energy only\"\nkind = \"building\"\ntime_zone = \"UTC\"\n\n[[equipment]]\nid = \"ahu\"\ntype = \"ahu\"\nname = \"AHU\"\n\n[[meter]]\nid = \"ahu.e\"\nquantity = \"energy\"\nunit = \"kWh\"\nequipment = \"ahu\"\ncolumn = \"ahu_kWh\"\n";
    let energy = plant_site::parse(text, &root).expect("parses").site;
    assert_eq!(plant_scene::default_colour_by(&energy), ColourBy::Quantity(Quantity::Energy));
    // No meter the scale can show: the model's own colours.
    let none = plant_site::parse(&text.replace("quantity = \"energy\"\nunit = \"kWh\"", "quantity = \"other\"\nunit = \"cells\""), &root).expect("parses").site;
    assert_eq!(plant_scene::default_colour_by(&none), ColourBy::Model);
}

#[test]
fn the_first_view_frames_models_of_any_size() {
    // A 1 m part, a 100 m plant and a 100,000 mm (100 m in millimetres) export: the framing distance follows
    // the model's size (not a dot, not from inside), the clipping planes hold the whole model at that
    // distance, and the near plane is small against it.
    for (min, max) in [([-0.5, 0.0, -0.5], [0.5, 1.0, 0.5]), ([-50.0, 0.0, -40.0], [50.0, 30.0, 40.0]), ([-50_000.0, 0.0, -40_000.0], [50_000.0, 30_000.0, 40_000.0])] {
        let size = (bevy::math::Vec3::from(max) - bevy::math::Vec3::from(min)).length();
        let (focus, radius) = plant_scene::pose_for((min, max), true);
        let (near, far) = plant_scene::clip_planes((min, max));
        assert!((0.4 * size..2.0 * size).contains(&radius), "size {size}: radius {radius}");
        assert!(near < radius / 100.0 && far > radius + size, "size {size}: near {near}, far {far}, radius {radius}");
        assert!(focus.x.abs() <= size && focus.z.abs() <= size, "focus inside the model's extent: {focus}");
    }
}

/// The viewer binds nodes as `check_model` does: by a path of node names (`Line 2/Fan`), and an unnamed node by
/// the name of the mesh its primitive carries (the way Bevy spawns a glTF scene: the node entity, named
/// `GltfNode<i>` when unnamed, with its primitives as children carrying `GltfMeshName`).
#[test]
fn nodes_bind_by_path_and_by_mesh_name() {
    use bevy::gltf::GltfMeshName;
    use bevy::prelude::*;
    use plant_viewer_context::{CurrentSite, EquipmentNode};
    let toml = r#"
[site]
name = "CAD export"
kind = "site"
time_zone = "UTC"

[[equipment]]
id = "kiln"
type = "kiln"
name = "Kiln"
mesh = "Kiln_Shell"

[[equipment]]
id = "fan-2"
type = "fan"
name = "Fan of line 2"
node = "Line 2/Fan"
"#;
    let site = plant_site::parse(toml, std::path::Path::new("/nonexistent")).expect("parses").site;
    let mut app = App::new();
    app.add_plugins(MinimalPlugins).insert_resource(CurrentSite(std::sync::Arc::new(site))).add_systems(Update, plant_scene::bind_equipment_nodes);
    let w = app.world_mut();
    let line1 = w.spawn(Name::new("Line 1")).id();
    let fan1 = w.spawn((Name::new("Fan"), ChildOf(line1))).id();
    let line2 = w.spawn(Name::new("Line 2")).id();
    let fan2 = w.spawn((Name::new("Fan"), ChildOf(line2))).id();
    let kiln = w.spawn(Name::new("GltfNode7")).id();
    let prim = w.spawn((Name::new("Kiln_Shell.Steel"), GltfMeshName("Kiln_Shell".into()), Mesh3d::default(), ChildOf(kiln))).id();
    app.update();
    let id = |e: Entity| app.world().get::<EquipmentNode>(e).map(|n| n.id.clone());
    assert_eq!(id(fan2).as_deref(), Some("fan-2"));
    assert_eq!(id(fan1), None, "Line 1/Fan is not Line 2/Fan");
    assert_eq!(id(kiln).as_deref(), Some("kiln"), "the unnamed node, by its primitive's mesh name");
    assert_eq!(id(prim), None, "a primitive is never bound itself");
}
