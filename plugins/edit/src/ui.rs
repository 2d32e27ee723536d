//! The edit mode's window, picking in 3D, the node tree, shortcuts and the picked node's outline.

use bevy::camera::primitives::Aabb;
use bevy::ecs::system::SystemParam;
use bevy::gltf::{GltfExtras, GltfMeshName};
use bevy::math::bounding::Aabb3d;
use bevy::picking::events::{Click, Pointer, Press};
use bevy::prelude::*;
use bevy_egui::input::EguiWantsInput;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use plant_i18n::t;
use plant_shell::{FreeArea, PanelOrder};
use plant_site::Site;
use plant_site::edit::{Edit, FlowAmount, NodeKey};
use plant_viewer_context::{CurrentSite, EquipmentNode, Selection};

use crate::nodes::{ModelNodes, NodeInfo, index_nodes, node_info};
use crate::{EditRequest, Editing};

pub(crate) fn build(app: &mut App) {
    app.init_resource::<ModelNodes>()
        .init_resource::<Picked>()
        .init_resource::<Form>()
        .init_resource::<PressedAt>()
        .add_systems(Update, (index_nodes, pick_selected, keyboard, outline_picked))
        .add_systems(EguiPrimaryContextPass, (edit_button, edit_window).chain().in_set(PanelOrder::Overlay))
        .add_observer(on_press)
        .add_observer(on_click);
}

/// The model node picked in edit mode (in 3D, in the node tree, or as the selected equipment's node).
#[derive(Resource, Default, Debug, Clone, Copy, PartialEq)]
pub struct Picked(pub Option<Entity>);

/// Where the pointer went down, to tell a click from the end of an orbit drag.
#[derive(Resource, Default)]
struct PressedAt(Option<Vec2>);

/// The picked node's facts as last found, and for what (pick, site, node count).
#[derive(Default)]
struct ShownNode {
    key: Option<(Option<Entity>, usize, usize)>,
    info: Option<NodeInfo>,
}

/// Widget ids.
const FACTS_GRID: &str = "edit-node-facts"; // i18n-ok: a widget id
const MAKE_GRID: &str = "edit-make-grid"; // i18n-ok: a widget id
const FLOW_GRID: &str = "edit-flow-grid"; // i18n-ok: a widget id
const TREE_NODE: &str = "edit-tree-node"; // i18n-ok: a widget id

/// What the window's fields hold.
#[derive(Resource, Default)]
struct Form {
    /// The node the "make equipment" fields were filled for.
    filled_for: Option<Entity>,
    key: usize,
    id: String,
    kind: String,
    name: String,
    area: String,
    bind_to: String,
    meter: String,
    meter_to: String,
    from: String,
    to: String,
    carrier: String,
    by_formula: bool,
    flow_meter: String,
    formula: String,
    tree_search: String,
}

fn on_press(press: On<Pointer<Press>>, mut at: ResMut<PressedAt>) {
    at.0 = Some(press.pointer_location.position);
}

/// In edit mode a click on the model picks the node whose mesh was hit (the scene's own observer selects
/// the equipment as always).
fn on_click(
    click: On<Pointer<Click>>,
    editing: Res<Editing>,
    index: Res<ModelNodes>,
    parents: Query<&ChildOf>,
    meshes: Query<(), With<Mesh3d>>,
    at: Res<PressedAt>,
    mut picked: ResMut<Picked>,
) {
    if !editing.on || click.event.button != PointerButton::Primary || !meshes.contains(click.entity) {
        return;
    }
    if at.0.is_some_and(|p| p.distance(click.pointer_location.position) > 5.0) {
        return;
    }
    let node = std::iter::once(click.entity).chain(parents.iter_ancestors(click.entity)).find(|e| index.paths.contains_key(e));
    picked.set_if_neq(Picked(node));
}

/// Choosing an equipment item (in the tree, the inspector or `--select`) picks its node.
fn pick_selected(selection: Res<Selection>, editing: Res<Editing>, items: Query<(Entity, &EquipmentNode)>, mut picked: ResMut<Picked>) {
    // Also while nothing is picked: the model's nodes may spawn after the selection was made (`--select`).
    if !editing.on || !(selection.is_changed() || editing.is_changed() || picked.0.is_none()) {
        return;
    }
    if let Some(id) = &selection.0
        && let Some((e, _)) = items.iter().find(|(_, n)| &n.id == id)
    {
        picked.set_if_neq(Picked(Some(e)));
    }
}

/// Ctrl+Z undoes, Ctrl+Y or Ctrl+Shift+Z redoes, Ctrl+S saves — in edit mode, outside text fields.
fn keyboard(keys: Res<ButtonInput<KeyCode>>, wants: Res<EguiWantsInput>, editing: Res<Editing>, mut requests: MessageWriter<EditRequest>) {
    if !editing.on || wants.wants_any_keyboard_input() || !keys.any_pressed([KeyCode::ControlLeft, KeyCode::ControlRight]) {
        return;
    }
    let shift = keys.any_pressed([KeyCode::ShiftLeft, KeyCode::ShiftRight]);
    if keys.just_pressed(KeyCode::KeyZ) {
        requests.write(if shift { EditRequest::Redo } else { EditRequest::Undo });
    } else if keys.just_pressed(KeyCode::KeyY) {
        requests.write(EditRequest::Redo);
    } else if keys.just_pressed(KeyCode::KeyS) {
        requests.write(EditRequest::Save);
    }
}

/// The outline of the picked node: a box around each of its meshes.
const OUTLINE: Color = Color::srgb(1.0, 0.55, 0.05);

fn outline_picked(editing: Res<Editing>, picked: Res<Picked>, children: Query<&Children>, boxes: Query<(&Aabb, &GlobalTransform)>, mut gizmos: Gizmos) {
    let Some(node) = picked.0.filter(|_| editing.on) else { return };
    for e in std::iter::once(node).chain(children.iter_descendants(node)) {
        if let Ok((aabb, at)) = boxes.get(e) {
            gizmos.aabb_3d(Aabb3d::new(aabb.center, aabb.half_extents), *at, OUTLINE);
        }
    }
}

/// The button that turns the edit mode on and off (marked while edits are unsaved).
fn edit_button(mut contexts: EguiContexts, area: Res<FreeArea>, site: Option<Res<CurrentSite>>, mut editing: ResMut<Editing>) -> Result {
    let ctx = contexts.ctx_mut()?;
    if site.is_none() {
        return Ok(());
    }
    let label = if editing.is_dirty() { t!("edit-button-unsaved") } else { t!("edit-button") };
    plant_shell::overlay(ctx, &area, plant_shell::Overlay::EditButton, |ui| {
        if ui.add(egui::Button::new(label).selected(editing.on)).on_hover_text(t!("edit-button-hint")).clicked() {
            editing.on = !editing.on;
        }
    });
    Ok(())
}

/// What the window reads of the model's nodes.
#[derive(SystemParam)]
struct Nodes<'w, 's> {
    index: Res<'w, ModelNodes>,
    children: Query<'w, 's, &'static Children>,
    meshes: Query<'w, 's, &'static GltfMeshName>,
    extras: Query<'w, 's, &'static GltfExtras>,
    bound: Query<'w, 's, &'static EquipmentNode>,
    names: Query<'w, 's, &'static Name>,
}

fn edit_window(
    mut contexts: EguiContexts,
    mut editing: ResMut<Editing>,
    site: Option<Res<CurrentSite>>,
    mut form: ResMut<Form>,
    mut picked: ResMut<Picked>,
    nodes: Nodes,
    area: Res<FreeArea>,
    mut requests: MessageWriter<EditRequest>,
    mut shown: Local<ShownNode>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(site) = site else { return Ok(()) };
    if !editing.on {
        return Ok(());
    }
    // The picked node's facts, found again only when the pick, the site or the model's nodes change (finding
    // a unique path scans every node's path).
    let key = (picked.0, std::sync::Arc::as_ptr(&site.0) as usize, nodes.index.paths.len());
    if shown.key != Some(key) {
        shown.info = picked.0.and_then(|e| node_info(e, &nodes.index, &nodes.children, &nodes.meshes, &nodes.extras, &nodes.bound));
        shown.key = Some(key);
    }
    let info = shown.info.clone();
    let site = &site.0;
    if form.filled_for != picked.0 {
        fill_for(&mut form, info.as_ref(), site);
    }
    let mut asked = Vec::new();
    let mut open = true;
    egui::Window::new(t!("edit-title"))
        .id(egui::Id::new("edit-window"))
        .open(&mut open)
        // In the 3D view's top-right corner, kept between the side panels as they open and close.
        .pivot(egui::Align2::RIGHT_TOP)
        .default_pos([area.0.right() - 10.0, area.0.top() + 10.0])
        .constrain_to(area.0)
        .default_width(370.0)
        .max_width(460.0)
        // Clear of the buttons in the viewport's bottom-right corner.
        .default_height((area.0.height() - 300.0).max(300.0))
        .show(ctx, |ui| {
            toolbar(ui, &editing, &mut asked);
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                picked_section(ui, info.as_ref(), site, &mut form, &mut asked);
                meters_section(ui, site, &mut form, &mut asked);
                flows_section(ui, site, &mut form, &mut asked);
                tree_section(ui, &nodes, &mut form, &mut picked);
            });
        });
    editing.on = open;
    requests.write_batch(asked);
    Ok(())
}

/// The "make equipment" fields for a newly picked node: its suggested id, its name, the first way to name it.
fn fill_for(form: &mut Form, info: Option<&NodeInfo>, site: &Site) {
    form.filled_for = info.map(|i| i.entity);
    form.key = 0;
    if let Some(i) = info {
        form.id = i.suggested_id();
        form.name = i.name().to_owned();
        form.bind_to = i.bound.clone().unwrap_or_else(|| site.equipment.first().map(|e| e.id.clone()).unwrap_or_default());
        if let Some(id) = &i.bound {
            form.meter_to = id.clone();
            form.to = id.clone();
        }
    }
}

/// Undo, redo, save, reload; what the last request did.
fn toolbar(ui: &mut egui::Ui, editing: &Editing, asked: &mut Vec<EditRequest>) {
    ui.horizontal(|ui| {
        let undo = ui.add_enabled(editing.undo_label().is_some(), egui::Button::new(t!("edit-undo")));
        if let Some(l) = editing.undo_label() {
            undo.clone().on_hover_text(l.text());
        }
        if undo.clicked() {
            asked.push(EditRequest::Undo);
        }
        let redo = ui.add_enabled(editing.redo_label().is_some(), egui::Button::new(t!("edit-redo")));
        if let Some(l) = editing.redo_label() {
            redo.clone().on_hover_text(l.text());
        }
        if redo.clicked() {
            asked.push(EditRequest::Redo);
        }
        ui.separator();
        if ui.add_enabled(editing.is_dirty(), egui::Button::new(t!("edit-save"))).on_hover_text(t!("edit-save-hint")).clicked() {
            asked.push(EditRequest::Save);
        }
        if ui.button(t!("edit-reload")).on_hover_text(t!("edit-reload-hint")).clicked() {
            asked.push(EditRequest::Reload);
        }
        if editing.is_dirty() {
            ui.colored_label(ui.visuals().warn_fg_color, t!("edit-unsaved"));
        }
    });
    match &editing.outcome {
        Some(Ok(done)) => {
            ui.weak(done.text());
        }
        Some(Err(why)) => {
            ui.colored_label(ui.visuals().error_fg_color, why.message.text());
        }
        None => {
            ui.weak(t!("edit-intro"));
        }
    }
    ui.separator();
}

fn key_label(key: &NodeKey) -> String {
    match key {
        NodeKey::Name(n) => t!("edit-key-name", name = n.as_str()),
        NodeKey::Path(p) => t!("edit-key-path", path = p.as_str()),
        NodeKey::Mesh(m) => t!("edit-key-mesh", mesh = m.as_str()),
        NodeKey::Extras => t!("edit-key-extras"),
    }
}

/// An equipment item or flow-graph node as a choice: "id — name".
fn item_label(site: &Site, id: &str) -> String {
    let name = site.equipment(id).map(|e| e.display_name()).or_else(|| site.nodes.iter().find(|n| n.id == id).map(|n| n.display_name()));
    match name {
        Some(n) if n != id => format!("{id} — {n}"), // i18n-ok: an id and its name
        _ => id.to_owned(),
    }
}

/// A choice among `ids` (shown by `label`) in a combo box.
fn choose(ui: &mut egui::Ui, salt: &str, value: &mut String, ids: &[&str], label: impl Fn(&str) -> String) {
    let shown = if value.is_empty() { t!("edit-choose") } else { label(value) };
    egui::ComboBox::from_id_salt(salt).selected_text(shown).width(ui.available_width().min(280.0)).truncate().show_ui(ui, |ui| {
        for id in ids {
            ui.selectable_value(value, (*id).to_owned(), label(id));
        }
    });
}

/// The picked node: what it is, and making it equipment or binding it to an item.
fn picked_section(ui: &mut egui::Ui, info: Option<&NodeInfo>, site: &Site, form: &mut Form, asked: &mut Vec<EditRequest>) {
    ui.strong(t!("edit-picked"));
    let Some(info) = info else {
        ui.weak(t!("edit-pick-hint"));
        ui.separator();
        return;
    };
    egui::Grid::new(FACTS_GRID).num_columns(2).show(ui, |ui| {
        ui.label(t!("edit-node"));
        ui.label(info.name());
        ui.end_row();
        ui.label(t!("edit-node-path"));
        ui.add(egui::Label::new(info.path.join(" / ")).truncate());
        ui.end_row();
        if let Some(m) = &info.mesh {
            ui.label(t!("edit-node-mesh"));
            ui.label(m);
            ui.end_row();
        }
        if let Some(x) = &info.extras_id {
            ui.label(t!("edit-node-extras"));
            ui.label(x);
            ui.end_row();
        }
        ui.label(t!("edit-bound-to"));
        match &info.bound {
            Some(id) => ui.add(egui::Label::new(item_label(site, id)).truncate()),
            None => ui.colored_label(ui.visuals().warn_fg_color, t!("edit-not-bound")),
        };
        ui.end_row();
    });
    if info.keys.is_empty() {
        ui.colored_label(ui.visuals().warn_fg_color, t!("edit-no-key"));
        ui.separator();
        return;
    }
    form.key = form.key.min(info.keys.len() - 1);
    ui.horizontal(|ui| {
        ui.label(t!("edit-bind-by"));
        egui::ComboBox::from_id_salt("edit-key").selected_text(key_label(&info.keys[form.key])).show_ui(ui, |ui| {
            for (i, k) in info.keys.iter().enumerate() {
                ui.selectable_value(&mut form.key, i, key_label(k));
            }
        });
    });
    let key = info.keys[form.key].clone();
    make_equipment_form(ui, info, site, form, &key, asked);
    if key != NodeKey::Extras {
        ui.label(t!("edit-bind-existing"));
        ui.horizontal(|ui| {
            let ids: Vec<&str> = site.equipment.iter().map(|e| e.id.as_str()).collect();
            choose(ui, "edit-bind-to", &mut form.bind_to, &ids, |id| item_label(site, id)); // i18n-ok: a widget id
            if ui.button(t!("edit-bind")).on_hover_text(t!("edit-bind-hint")).clicked() {
                asked.push(EditRequest::Apply(Edit::BindNode { equipment: form.bind_to.clone(), node: key }));
            }
        });
    }
    ui.separator();
}

fn make_equipment_form(ui: &mut egui::Ui, info: &NodeInfo, site: &Site, form: &mut Form, key: &NodeKey, asked: &mut Vec<EditRequest>) {
    egui::CollapsingHeader::new(t!("edit-make-equipment")).id_salt("edit-make").default_open(info.bound.is_none()).show(ui, |ui| {
        egui::Grid::new(MAKE_GRID).num_columns(2).show(ui, |ui| {
            ui.label(t!("edit-id"));
            if *key == NodeKey::Extras {
                // The extras name the item: its id is theirs.
                form.id = info.extras_id.clone().unwrap_or_default();
                ui.label(&form.id);
            } else {
                ui.text_edit_singleline(&mut form.id);
            }
            ui.end_row();
            ui.label(t!("edit-type"));
            ui.add(egui::TextEdit::singleline(&mut form.kind).hint_text(t!("edit-type-hint")));
            ui.end_row();
            ui.label(t!("edit-name"));
            ui.text_edit_singleline(&mut form.name);
            ui.end_row();
            ui.label(t!("edit-area"));
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(&mut form.area).desired_width(150.0));
                let mut areas: Vec<&str> = site.equipment.iter().map(|e| e.area.as_str()).filter(|a| !a.is_empty()).collect();
                areas.dedup();
                egui::ComboBox::from_id_salt("edit-areas").selected_text("").width(24.0).show_ui(ui, |ui| {
                    for a in areas {
                        ui.selectable_value(&mut form.area, a.to_owned(), a);
                    }
                });
            });
            ui.end_row();
        });
        if ui.button(t!("edit-make")).clicked() {
            // The new item is what its meters and flows will most likely go to.
            form.meter_to = form.id.trim().to_owned();
            form.to = form.meter_to.clone();
            asked.push(EditRequest::Apply(Edit::MakeEquipment {
                id: form.id.trim().to_owned(),
                kind: form.kind.trim().to_owned(),
                name: form.name.clone(),
                area: form.area.clone(),
                node: key.clone(),
            }));
        }
    });
}

/// Binding a meter to equipment; the meters on no item of the model first.
fn meters_section(ui: &mut egui::Ui, site: &Site, form: &mut Form, asked: &mut Vec<EditRequest>) {
    egui::CollapsingHeader::new(t!("edit-meters")).id_salt("edit-meters").default_open(true).show(ui, |ui| {
        let mut meters: Vec<&plant_site::Meter> = site.meters.iter().collect();
        // Meters of items the model does not show (`unplaced`, a typo) first.
        meters.sort_by_key(|m| site.equipment(&m.equipment).is_some_and(|e| e.id != "unplaced")); // i18n-ok: the id plant-twin new gives meters with no node
        let ids: Vec<&str> = meters.iter().map(|m| m.id.as_str()).collect();
        let label = |id: &str| match site.meters.iter().find(|m| m.id == id) {
            Some(m) => t!("edit-meter-on", meter = id, equipment = m.equipment.as_str()),
            None => id.to_owned(),
        };
        ui.label(t!("edit-meter"));
        choose(ui, "edit-meter", &mut form.meter, &ids, label); // i18n-ok: a widget id
        ui.label(t!("edit-to-equipment"));
        let items: Vec<&str> = site.equipment.iter().map(|e| e.id.as_str()).collect();
        choose(ui, "edit-meter-to", &mut form.meter_to, &items, |id| item_label(site, id)); // i18n-ok: a widget id
        if ui.add_enabled(!form.meter.is_empty() && !form.meter_to.is_empty(), egui::Button::new(t!("edit-bind-meter"))).clicked() {
            asked.push(EditRequest::Apply(Edit::BindMeter { meter: form.meter.clone(), equipment: form.meter_to.clone() }));
        }
    });
    ui.separator();
}

/// Drawing a flow between two items (carrier, meter or formula); the site's flows, each removable.
fn flows_section(ui: &mut egui::Ui, site: &Site, form: &mut Form, asked: &mut Vec<EditRequest>) {
    egui::CollapsingHeader::new(t!("edit-flows")).id_salt("edit-flows").default_open(false).show(ui, |ui| {
        let items: Vec<&str> = site.nodes.iter().map(|n| n.id.as_str()).chain(site.equipment.iter().map(|e| e.id.as_str())).collect();
        egui::Grid::new(FLOW_GRID).num_columns(2).show(ui, |ui| {
            ui.label(t!("edit-flow-from"));
            choose(ui, "edit-flow-from", &mut form.from, &items, |id| item_label(site, id)); // i18n-ok: a widget id
            ui.end_row();
            ui.label(t!("edit-flow-to"));
            choose(ui, "edit-flow-to", &mut form.to, &items, |id| item_label(site, id)); // i18n-ok: a widget id
            ui.end_row();
            ui.label(t!("edit-carrier"));
            ui.horizontal(|ui| {
                ui.add(egui::TextEdit::singleline(&mut form.carrier).desired_width(150.0).hint_text(t!("edit-carrier-hint")));
                let mut carriers: Vec<&str> = site.flows.iter().map(|f| f.carrier.as_str()).chain(site.nodes.iter().filter_map(|n| n.carrier.as_deref())).collect();
                carriers.sort_unstable();
                carriers.dedup();
                egui::ComboBox::from_id_salt("edit-carriers").selected_text("").width(24.0).show_ui(ui, |ui| {
                    for c in carriers {
                        ui.selectable_value(&mut form.carrier, c.to_owned(), c);
                    }
                });
            });
            ui.end_row();
            ui.radio_value(&mut form.by_formula, false, t!("edit-by-meter"));
            let meters: Vec<&str> = site.meters.iter().map(|m| m.id.as_str()).collect();
            choose(ui, "edit-flow-meter", &mut form.flow_meter, &meters, str::to_owned); // i18n-ok: a widget id
            ui.end_row();
            ui.radio_value(&mut form.by_formula, true, t!("edit-by-formula"));
            ui.add(egui::TextEdit::singleline(&mut form.formula).hint_text(t!("edit-formula-hint")));
            ui.end_row();
        });
        if ui.button(t!("edit-draw-flow")).clicked() {
            let amount = if form.by_formula { FlowAmount::Formula(form.formula.clone()) } else { FlowAmount::Meter(form.flow_meter.clone()) };
            asked.push(EditRequest::Apply(Edit::AddFlow { from: form.from.clone(), to: form.to.clone(), carrier: form.carrier.clone(), amount }));
        }
        ui.separator();
        for f in &site.flows {
            ui.horizontal(|ui| {
                if ui.small_button("✕").on_hover_text(t!("edit-remove-flow")).clicked() {
                    asked.push(EditRequest::Apply(Edit::RemoveFlow { from: f.from.clone(), to: f.to.clone(), carrier: f.carrier.clone() }));
                }
                ui.label(format!("{} → {} · {}", f.from, f.to, f.carrier)); // i18n-ok: ids and a carrier
            });
        }
    });
    ui.separator();
}

/// The most nodes a search lists.
const SEARCH_SHOWN: usize = 200;

/// The model's node tree (or, with a search, the nodes whose path matches); a click picks a node.
fn tree_section(ui: &mut egui::Ui, nodes: &Nodes, form: &mut Form, picked: &mut Picked) {
    egui::CollapsingHeader::new(t!("edit-model-nodes", count = nodes.index.paths.len())).id_salt("edit-tree").default_open(false).show(ui, |ui| {
        ui.add(egui::TextEdit::singleline(&mut form.tree_search).hint_text(t!("edit-tree-search-hint")).desired_width(f32::INFINITY));
        let search = form.tree_search.trim().to_lowercase();
        if !search.is_empty() {
            let mut hits: Vec<(&Entity, String)> = nodes.index.paths.iter().map(|(e, p)| (e, p.join("/"))).filter(|(_, p)| p.to_lowercase().contains(&search)).collect();
            hits.sort_by(|a, b| a.1.cmp(&b.1));
            let shown = hits.len().min(SEARCH_SHOWN);
            for (e, path) in hits.iter().take(shown) {
                node_row(ui, nodes, **e, path, picked);
            }
            if hits.len() > shown {
                ui.weak(t!("edit-tree-more", count = hits.len() - shown));
            }
            return;
        }
        for &root in &nodes.index.roots {
            tree_node(ui, nodes, root, picked, 0);
        }
    });
}

fn node_row(ui: &mut egui::Ui, nodes: &Nodes, e: Entity, text: &str, picked: &mut Picked) {
    let bound = nodes.bound.get(e).ok();
    let text = match bound {
        Some(b) => format!("{text}  ⇒ {}", b.id), // i18n-ok: a node and the equipment id it stands for
        None => text.to_owned(),
    };
    if ui.add(egui::Button::selectable(picked.0 == Some(e), text)).clicked() {
        picked.0 = Some(e);
    }
}

/// Deep models: the tree stops nesting (the search finds deeper nodes).
const TREE_DEPTH: usize = 64;

fn tree_node(ui: &mut egui::Ui, nodes: &Nodes, e: Entity, picked: &mut Picked, depth: usize) {
    let name = nodes.names.get(e).map_or("?", |n| n.as_str());
    let kids: Vec<Entity> = nodes.children.get(e).map(|c| c.iter().filter(|c| nodes.index.paths.contains_key(c)).collect()).unwrap_or_default();
    if kids.is_empty() || depth >= TREE_DEPTH {
        node_row(ui, nodes, e, name, picked);
        return;
    }
    let id = ui.make_persistent_id((TREE_NODE, e.to_bits()));
    egui::collapsing_header::CollapsingState::load_with_default_open(ui.ctx(), id, false).show_header(ui, |ui| node_row(ui, nodes, e, name, picked)).body(|ui| {
        for k in kids {
            tree_node(ui, nodes, k, picked, depth + 1);
        }
    });
}
