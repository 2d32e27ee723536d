//! The viewer's per-frame CPU for the 3D colours of 10,000 equipment items while the clock plays: each item's
//! reading at the cursor from its meter (`update_readings`), its tint, and its material (`colouring`: one
//! material per item, its meshes pointed at it). Every frame the cursor moves a minute, to the next sample of
//! every meter, so every item is recomputed and repainted (checked before measuring) — the worst case; a paused
//! view skips the items.
//!
//! `cargo bench -p plant-scene --bench frame --profile dev` (the dev profile is optimised in this workspace; a
//! release build would build Bevy a second time).

use std::fmt::Write as _;
use std::sync::Arc;
use std::time::Duration;

use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;
use criterion::{Criterion, criterion_group, criterion_main};
use plant_store::{Series, Store};
use plant_viewer_context::{ColourBy, CurrentSite, MeterData, SiteClock};

const ITEMS: usize = 10_000;
const MINUTES: i64 = 240;

/// A site of `ITEMS` items, each with a power meter of four hours of 1-minute data.
fn site_and_store() -> (plant_site::Site, Store) {
    let mut toml = String::from("[site]\nname = \"bench\"\nkind = \"site\"\ntime_zone = \"UTC\"\n");
    for i in 0..ITEMS {
        let _ = write!(
            toml,
            "\n[[equipment]]\nid = \"eq-{i}\"\ntype = \"pump\"\nname = \"Pump {i}\"\n\n[[meter]]\nid = \"eq-{i}.power\"\nquantity = \"electric_power\"\nunit = \"kW\"\nequipment = \"eq-{i}\"\n"
        );
    }
    let site = match plant_site::parse(&toml, std::path::Path::new("/nonexistent/bench")) {
        Ok(o) => o.site,
        Err(d) => panic!("{d}"),
    };
    let mut store = Store::new();
    for i in 0..ITEMS {
        let t: Vec<i64> = (0..MINUTES).map(|m| m * 60_000).collect();
        // A value that jumps every minute (5-104 kW), so every item changes colour every frame.
        let v: Vec<f64> = (0..MINUTES as usize).map(|m| 5.0 + ((m * 37 + i * 11) % 100) as f64).collect();
        store.insert(format!("eq-{i}.power"), Series::from_samples(t, v).0);
    }
    (site, store)
}

/// The app: the viewer's context, the scene's logic (binding, colour scale, readings) and its colouring, with
/// `ITEMS` node entities each holding one mesh primitive, as a glTF scene spawns them.
fn make_app(colouring: bool) -> App {
    let (site, store) = site_and_store();
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, bevy::asset::AssetPlugin::default()))
        .init_asset::<StandardMaterial>()
        .insert_resource(TimeUpdateStrategy::ManualDuration(Duration::from_millis(16)))
        .add_plugins((plant_viewer_context::ViewerContextPlugin, plant_scene::ScenePlugin { render: false }));
    if colouring {
        app.add_systems(Update, plant_scene::colouring().after(plant_viewer_context::ViewerSystems::Readings));
    }
    app.world_mut().insert_resource(CurrentSite(Arc::new(site)));
    app.world_mut().insert_resource(MeterData(Arc::new(store)));
    app.world_mut().insert_resource(ColourBy::Quantity(plant_site::Quantity::ElectricPower));
    let shared = app.world_mut().resource_mut::<Assets<StandardMaterial>>().add(StandardMaterial::default());
    for i in 0..ITEMS {
        let node = app.world_mut().spawn(Name::new(format!("eq-{i}"))).id();
        app.world_mut().spawn((Name::new(format!("eq-{i}.mesh")), MeshMaterial3d(shared.clone()), Mesh3d::default(), ChildOf(node)));
    }
    {
        let mut clock = app.world_mut().resource_mut::<SiteClock>();
        clock.set_range(0, (MINUTES - 1) * 60_000);
        clock.seek(0);
    }
    // Bind, build the colour scale and the materials.
    for _ in 0..3 {
        app.update();
    }
    app
}

/// The cursor to the next minute (the next sample of every meter), as playing moves it; back to the start at the
/// end of the record. (The clock is played by the timeline plugin, not part of this app.)
fn step(app: &mut App) {
    let mut clock = app.world_mut().resource_mut::<SiteClock>();
    let next = if clock.now_ms + 60_000 >= clock.end_ms { 0 } else { clock.now_ms + 60_000 };
    clock.seek(next);
}

fn bench(c: &mut Criterion) {
    let mut app = make_app(true);
    let bound = app.world_mut().query::<&plant_viewer_context::EquipmentNode>().iter(app.world()).count();
    assert_eq!(bound, ITEMS, "every item bound");
    // The worst case holds: a frame repaints (nearly) every item.
    let tints = |app: &mut App| app.world_mut().query::<&plant_viewer_context::EquipmentTint>().iter(app.world()).map(|t| t.0).collect::<Vec<_>>();
    let before = tints(&mut app);
    step(&mut app);
    app.update();
    let after = tints(&mut app);
    let repainted = before.iter().zip(&after).filter(|(a, b)| a != b).count();
    assert!(repainted * 10 >= ITEMS * 9, "only {repainted} of {ITEMS} items changed colour in a frame");
    let mut group = c.benchmark_group("scene");
    group.sample_size(30);
    group.bench_function("one frame while playing: readings, tints and materials of 10,000 items", |b| {
        b.iter(|| {
            step(&mut app);
            app.update();
        })
    });
    let mut readings = make_app(false);
    group.bench_function("the readings and tints alone (no materials) of 10,000 items", |b| {
        b.iter(|| {
            step(&mut readings);
            readings.update();
        })
    });
    group.bench_function("one frame with the cursor still (10,000 items, nothing to repaint)", |b| b.iter(|| app.update()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
