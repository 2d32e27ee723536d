//! The Sankey panel: energy flows of the site over a window around the cursor (hour, day, week or the
//! whole record), laid out by `plant-sankey` from totals computed by `plant-flows`. Ribbons are drawn as
//! egui meshes (egui fills only convex paths). Hover a ribbon or node for its value and share; click a node
//! that is equipment to select it; the selected item's flows stand out.

pub mod strings;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use plant_loading::{CurrentSite, MeterData};
use plant_sankey::{Link, Options};
use plant_scene::{Selection, format_value};
use plant_shell::PanelOrder;
use plant_timeline::SiteClock;
use plant_units::Dim;
use strings as s;

/// How much time the Sankey sums over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    Hour,
    Day,
    Week,
    Record,
}

#[derive(Resource, Debug)]
pub struct SankeyState {
    pub open: bool,
    pub span: Span,
    cache: Option<Cached>,
}

impl Default for SankeyState {
    fn default() -> Self {
        Self { open: false, span: Span::Day, cache: None }
    }
}

/// A computed diagram for one window.
#[derive(Debug, Clone)]
struct Cached {
    key: (i64, i64, usize),
    names: Vec<String>,
    ids: Vec<String>,
    links: Vec<Link>,
    carriers: Vec<String>,
    layout: plant_sankey::Layout,
}

pub struct FlowsViewPlugin;

impl Plugin for FlowsViewPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<SankeyState>().add_systems(EguiPrimaryContextPass, sankey_window_system.in_set(PanelOrder::Overlay));
    }
}

/// The window `[t0, t1)` for a span around the cursor, clamped to the record.
pub fn window(span: Span, clock: &SiteClock) -> (i64, i64) {
    let h = 3_600_000i64;
    let len = match span {
        Span::Hour => h,
        Span::Day => 24 * h,
        Span::Week => 7 * 24 * h,
        Span::Record => return (clock.start_ms, clock.end_ms + 1),
    };
    // Aligned to whole spans so the diagram does not change every frame while playing.
    let start = clock.start_ms + (clock.now_ms - clock.start_ms).div_euclid(len) * len;
    (start, (start + len).min(clock.end_ms + 1))
}

fn compute(site: &plant_site::Site, store: &plant_store::Store, t0: i64, t1: i64) -> Cached {
    let totals = plant_flows::flow_totals(site, store, t0, t1);
    let mut ids: Vec<String> = Vec::new();
    let mut links = Vec::new();
    let mut carriers = Vec::new();
    let index = |id: &str, ids: &mut Vec<String>| match ids.iter().position(|x| x == id) {
        Some(i) => i,
        None => {
            ids.push(id.to_string());
            ids.len() - 1
        }
    };
    for t in &totals {
        let Some(v) = t.total else { continue };
        if v.dim != Dim::ENERGY || v.si <= 0.0 {
            continue;
        }
        let f = &site.flows[t.flow];
        let (a, b) = (index(&f.from, &mut ids), index(&f.to, &mut ids));
        links.push(Link { source: a, target: b, value: v.si / 3.6e9 }); // MWh
        carriers.push(f.carrier.clone());
    }
    let names = ids
        .iter()
        .map(|id| site.equipment(id).map(|e| e.name.clone()).or_else(|| site.nodes.iter().find(|n| &n.id == id).map(|n| n.name.clone())).unwrap_or_else(|| id.clone()))
        .collect();
    let layout = plant_sankey::layout(ids.len(), &links, &Options::default());
    Cached { key: (t0, t1, 0), names, ids, links, carriers, layout }
}

fn carrier_colour(carrier: &str) -> egui::Color32 {
    match carrier {
        "electricity" => egui::Color32::from_rgb(80, 150, 235),
        "coal" => egui::Color32::from_rgb(120, 110, 100),
        "heat" | "hot-gas" | "steam" => egui::Color32::from_rgb(230, 120, 60),
        _ => egui::Color32::from_rgb(150, 160, 170),
    }
}

#[allow(clippy::too_many_arguments)]
fn sankey_window_system(
    mut contexts: EguiContexts,
    mut state: ResMut<SankeyState>,
    site: Option<Res<CurrentSite>>,
    data: Res<MeterData>,
    clock: Res<SiteClock>,
    mut selection: ResMut<Selection>,
    area: Res<plant_shell::FreeArea>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(site) = site else { return Ok(()) };
    if site.0.flows.is_empty() || !clock.has_range() {
        return Ok(());
    }
    // The button that opens the panel sits in the viewport's bottom-right corner.
    egui::Area::new(egui::Id::new("flows-button")).anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-(ctx.content_rect().right() - area.0.right()) - 10.0, -(ctx.content_rect().bottom() - area.0.bottom()) - 10.0)).show(ctx, |ui| {
        if ui.button(s::OPEN).clicked() {
            state.open = !state.open;
        }
    });
    if !state.open {
        return Ok(());
    }
    let (t0, t1) = window(state.span, &clock);
    let key = (t0, t1, std::sync::Arc::as_ptr(&data.0) as usize);
    if state.cache.as_ref().is_none_or(|c| c.key != key) {
        let mut c = compute(&site.0, &data.0, t0, t1);
        c.key = key;
        state.cache = Some(c);
    }
    let mut open = state.open;
    let mut span = state.span;
    let tz = clock.time_zone;
    egui::Window::new(s::TITLE).open(&mut open).default_size([760.0, 440.0]).resizable(true).show(ctx, |ui| {
        ui.horizontal(|ui| {
            ui.label(s::WINDOW);
            for (sp, label) in [(Span::Hour, s::HOUR), (Span::Day, s::DAY), (Span::Week, s::WEEK), (Span::Record, s::RECORD)] {
                ui.selectable_value(&mut span, sp, label);
            }
            ui.separator();
            ui.weak(format!("{} – {}", plant_timeline::format_time(t0, tz, "%Y-%m-%d %H:%M"), plant_timeline::format_time(t1, tz, "%Y-%m-%d %H:%M")));
        });
        ui.weak(s::ONLY_ENERGY);
        if let Some(c) = &state.cache {
            if c.links.is_empty() {
                ui.label(s::NO_FLOWS);
            } else if let Some(clicked) = sankey_ui(ui, c, selection.0.as_deref()) {
                if site.0.equipment(&clicked).is_some() {
                    selection.0 = Some(clicked);
                }
            }
        }
    });
    state.open = open;
    state.span = span;
    Ok(())
}

/// Draws the diagram; returns the id of a clicked node.
fn sankey_ui(ui: &mut egui::Ui, c: &Cached, selected: Option<&str>) -> Option<String> {
    let size = ui.available_size().max(egui::vec2(300.0, 200.0));
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
    let painter = ui.painter_at(rect);
    // Leave room for labels on the right of the last layer.
    let inner = egui::Rect::from_min_max(rect.min + egui::vec2(4.0, 4.0), rect.max - egui::vec2(190.0, 4.0));
    let map = |x: f64, y: f64| egui::pos2(inner.left() + x as f32 * inner.width(), inner.top() + y as f32 * inner.height());
    let hover = response.hover_pos();
    let mut hovered_text: Option<String> = None;
    let touches = |i: usize| selected.is_some_and(|sel| c.ids[c.links[i].source] == sel || c.ids[c.links[i].target] == sel);
    let out_total = |n: usize| c.links.iter().filter(|l| l.source == n).map(|l| l.value).sum::<f64>();

    for r in &c.layout.ribbons {
        if r.width <= 0.0 {
            continue;
        }
        let pts = plant_sankey::ribbon_curve(r, 24);
        let half = r.width / 2.0;
        let mut mesh = egui::Mesh::default();
        let alpha = if selected.is_none() || touches(r.link) { 150 } else { 40 };
        let base = carrier_colour(&c.carriers[r.link]);
        let colour = egui::Color32::from_rgba_unmultiplied(base.r(), base.g(), base.b(), alpha);
        for (k, &(x, y)) in pts.iter().enumerate() {
            mesh.colored_vertex(map(x, y - half), colour);
            mesh.colored_vertex(map(x, y + half), colour);
            if k > 0 {
                let i = (2 * k) as u32;
                mesh.add_triangle(i - 2, i - 1, i);
                mesh.add_triangle(i - 1, i + 1, i);
            }
        }
        painter.add(egui::Shape::mesh(mesh));
        // Hover: inside the band at the pointer's x.
        if let Some(p) = hover
            && let Some(w) = pts.windows(2).find(|w| map(w[0].0, 0.0).x <= p.x && p.x <= map(w[1].0, 0.0).x)
        {
            let y = map(0.0, w[0].1).y;
            let h = (half * inner.height() as f64) as f32;
            if (p.y - y).abs() <= h.max(2.0) {
                let l = &c.links[r.link];
                let share = l.value / out_total(l.source).max(f64::EPSILON);
                hovered_text = Some(format!(
                    "{} to {}\n{} ({})\n{}",
                    c.names[l.source],
                    c.names[l.target],
                    format_value(l.value, "MWh"),
                    c.carriers[r.link],
                    s::share(share, &c.names[l.source])
                ));
            }
        }
    }
    let mut clicked = None;
    for (n, b) in c.layout.nodes.iter().enumerate() {
        let r = egui::Rect::from_min_max(map(b.x, b.y0), map(b.x + Options::default().node_width, b.y1));
        let is_sel = selected == Some(c.ids[n].as_str());
        painter.rect_filled(r, 1.0, if is_sel { egui::Color32::from_rgb(240, 150, 40) } else { ui.visuals().strong_text_color() });
        painter.text(r.right_center() + egui::vec2(4.0, 0.0), egui::Align2::LEFT_CENTER, &c.names[n], egui::FontId::proportional(11.0), ui.visuals().text_color());
        if let Some(p) = hover
            && r.expand(3.0).contains(p)
        {
            hovered_text = Some(format!("{}\n{}", c.names[n], format_value(b.value, "MWh")));
            if response.clicked() {
                clicked = Some(c.ids[n].clone());
            }
        }
    }
    if let Some(text) = hovered_text {
        response.on_hover_text_at_pointer(text);
    }
    clicked
}
