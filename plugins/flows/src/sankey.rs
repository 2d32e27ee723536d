//! The Sankey panel: energy or CO2 flows of the window's report, laid out by `plant-sankey`, ribbons as
//! egui meshes (egui fills only convex paths). Hover for value, unit and share; click a node to select
//! its equipment; the selected item's flows stand out; nodes out of balance are flagged.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use plant_accounting::Report;
use plant_sankey::{Link, Options};
use plant_site::Site;
use plant_viewer_context::{CurrentSite, ScenarioOverlay, Selection, SiteClock, format_time, format_value};

use crate::accounting::{Accounting, SankeyState, Span, View, WindowReport, window};
use crate::strings as s;

/// A diagram built from one report.
#[derive(Debug, Clone)]
pub struct Diagram {
    pub ids: Vec<String>,
    pub names: Vec<String>,
    pub links: Vec<Link>,
    /// Per link: carrier (energy view) or scope (CO2 view), for colour and hover.
    pub kinds: Vec<String>,
    /// Per link: extra hover text (the amount in its own unit).
    pub notes: Vec<String>,
    pub unit: &'static str,
    pub layout: plant_sankey::Layout,
    /// Node ids out of balance, with their text.
    pub flagged: Vec<(String, String)>,
}

/// Builds the energy or CO2 diagram of a report. Rates (instant) are shown per hour: MW for energy,
/// t CO2/h for carbon.
pub fn diagram(site: &Site, report: &Report, view: View, rates: bool) -> Diagram {
    diagram_with(site, report, view, rates, None)
}

/// As [`diagram`], with a what-if scenario's ratios applied to the flows into its equipment: fuel flows by
/// the fuel ratio, electricity by the electricity ratio, process CO2 by the process ratio. Flows further
/// upstream keep their measured values.
pub fn diagram_with(site: &Site, report: &Report, view: View, rates: bool, overlay: Option<&ScenarioOverlay>) -> Diagram {
    let mut ids: Vec<String> = Vec::new();
    let mut links = Vec::new();
    let mut kinds = Vec::new();
    let mut notes = Vec::new();
    let per = if rates { report.hours.max(1e-9) } else { 1.0 };
    let index = |id: &str, ids: &mut Vec<String>| match ids.iter().position(|x| x == id) {
        Some(i) => i,
        None => {
            ids.push(id.to_string());
            ids.len() - 1
        }
    };
    let unit = match (view, rates) {
        (View::Energy, false) => "GJ",
        (View::Energy, true) => "MW",
        (View::Co2, false) => "t CO2",
        (View::Co2, true) => "t CO2/h",
    };
    for f in &report.flows {
        let value = match view {
            View::Energy => f.energy_gj.map(|e| if rates { e / per / 3.6 } else { e }),
            View::Co2 => f.co2_t.map(|c| c / per),
        };
        let Some(mut value) = value.filter(|v| *v >= 0.0) else { continue };
        if let Some((fuel, el, _)) = overlay.and_then(|o| o.scale.get(&f.to)) {
            let kind = report.carriers.iter().find(|c| c.carrier == f.carrier).map(|c| c.kind);
            value *= match kind {
                Some("fuel") => *fuel,
                Some("electricity") => *el,
                _ => 1.0,
            };
        }
        let (a, b) = (index(&f.from, &mut ids), index(&f.to, &mut ids));
        links.push(Link { source: a, target: b, value });
        kinds.push(match view {
            View::Energy => f.carrier.clone(),
            View::Co2 => scope_of(site, report, &f.carrier),
        });
        notes.push(match &f.amount {
            Some(a) if rates => format_value(a.value / per, &format!("{}/h", a.unit)),
            Some(a) => format_value(a.value, &a.unit),
            None => String::new(),
        });
    }
    if view == View::Co2 {
        // Process CO2 enters where it is released (kiln, potline), from a node of its own per kind.
        for line in &report.products {
            for x in &line.process {
                let src = format!("process:{}:{}", line.id, x.kind);
                let (a, b) = (index(&src, &mut ids), index(&x.at, &mut ids));
                let ratio = overlay.and_then(|o| o.scale.get(&x.at)).map_or(1.0, |r| r.2);
                links.push(Link { source: a, target: b, value: x.co2_t / per * ratio });
                kinds.push(s::SCOPE1_PROCESS.to_string());
                notes.push(format!("{} × {:.4} t CO2/t", format_value(line.amount.value / per, &line.amount.unit), x.co2_t / line.amount.value.max(1e-12)));
            }
        }
    }
    let names = ids
        .iter()
        .map(|id| match id.strip_prefix("process:").and_then(|r| r.split_once(':')) {
            Some((p, kind)) => s::process_node(site.products.iter().find(|x| x.id == p).map_or(p, |x| x.name.as_str()), kind),
            None => site.node_name(id).to_string(),
        })
        .collect();
    let flagged = report.imbalances.iter().map(|b| (b.node.clone(), s::imbalance(&b.quantity, b.inflow, b.outflow, &b.unit, b.relative))).collect();
    let layout = plant_sankey::layout(ids.len(), &links, &Options::default());
    Diagram { ids, names, links, kinds, notes, unit, layout, flagged }
}

/// The scope a carrier's CO2 belongs to.
fn scope_of(site: &Site, report: &Report, carrier: &str) -> String {
    let _ = site;
    match report.carriers.iter().find(|c| c.carrier == carrier).map(|c| c.kind) {
        Some("fuel") => s::SCOPE1_COMBUSTION.to_string(),
        _ => s::SCOPE2.to_string(),
    }
}

/// A ribbon's colour: its carrier's (one table, shared with the 3D markers), or its scope's in the CO2 view.
fn kind_colour(kind: &str) -> egui::Color32 {
    match kind {
        k if k == s::SCOPE2 => egui::Color32::from_rgb(80, 150, 235),
        k if k == s::SCOPE1_COMBUSTION => egui::Color32::from_rgb(120, 100, 90),
        k if k == s::SCOPE1_PROCESS => egui::Color32::from_rgb(200, 150, 70),
        carrier => plant_viewer_context::egui_colour(plant_viewer_context::carrier_colour(carrier)),
    }
}

/// Cached diagram of the panel.
#[derive(Resource, Default)]
pub struct DiagramCache {
    key: Option<((i64, i64, usize), View, bool)>,
    overlay: ScenarioOverlay,
    diagram: Option<Diagram>,
}

#[allow(clippy::too_many_arguments)]
pub fn sankey_window_system(
    mut contexts: EguiContexts,
    mut state: ResMut<SankeyState>,
    site: Option<Res<CurrentSite>>,
    clock: Res<SiteClock>,
    acc: Res<Accounting>,
    report: Res<WindowReport>,
    mut cache: ResMut<DiagramCache>,
    overlay: Res<ScenarioOverlay>,
    mut selection: ResMut<Selection>,
    area: Res<plant_shell::FreeArea>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(site) = site else { return Ok(()) };
    if site.0.flows.is_empty() || !clock.has_range() {
        return Ok(());
    }
    // The button that opens the panel sits in the viewport's bottom-right corner.
    plant_shell::overlay(ctx, &area, plant_shell::Overlay::FlowsButton, |ui| {
        if ui.button(s::OPEN).clicked() {
            state.open = !state.open;
        }
    });
    if !state.open {
        return Ok(());
    }
    let show_scenario = state.scenario && !overlay.scale.is_empty();
    if let (Some(key), Some(r)) = (report.key, &report.report)
        && (cache.key != Some((key, state.view, show_scenario)) || (show_scenario && cache.overlay != *overlay))
    {
        cache.diagram = Some(diagram_with(&site.0, r, state.view, state.span == Span::Instant, show_scenario.then_some(&*overlay)));
        cache.key = Some((key, state.view, show_scenario));
        cache.overlay = overlay.clone();
    }
    let (t0, t1) = window(state.span, &clock, acc.instant_ms);
    let mut open = state.open;
    let mut span = state.span;
    let mut view = state.view;
    let mut scenario = state.scenario;
    let tz = clock.time_zone;
    egui::Window::new(s::TITLE).open(&mut open).default_size([860.0, 520.0]).resizable(true).show(ctx, |ui| {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut view, View::Energy, s::ENERGY);
            ui.selectable_value(&mut view, View::Co2, s::CO2);
            ui.separator();
            for (sp, label) in [(Span::Instant, s::INSTANT), (Span::Hour, s::HOUR), (Span::Day, s::DAY), (Span::Week, s::WEEK), (Span::Record, s::RECORD)] {
                ui.selectable_value(&mut span, sp, label);
            }
            ui.separator();
            ui.weak(format!("{} – {}", format_time(t0, tz, "%Y-%m-%d %H:%M"), format_time(t1, tz, "%Y-%m-%d %H:%M")));
            if !overlay.scale.is_empty() {
                ui.separator();
                ui.checkbox(&mut scenario, s::scenario(&overlay.name)).on_hover_text(s::SCENARIO_HINT);
            }
        });
        if let Some(r) = &report.report {
            summary_ui(ui, r, span == Span::Instant);
        }
        if let Some(d) = &cache.diagram {
            if d.links.iter().all(|l| l.value <= 0.0) {
                ui.label(s::NO_FLOWS);
            } else if let Some(clicked) = sankey_ui(ui, d, selection.0.as_deref())
                && site.0.equipment(&clicked).is_some()
            {
                selection.0 = Some(clicked);
            }
        }
    });
    state.open = open;
    state.span = span;
    state.view = view;
    state.scenario = scenario;
    Ok(())
}

/// Totals, scopes, key figures and balance flags above the diagram.
fn summary_ui(ui: &mut egui::Ui, r: &Report, rates: bool) {
    let per = if rates { r.hours.max(1e-9) } else { 1.0 };
    let u = |unit: &str| if rates { format!("{unit}/h") } else { unit.to_string() };
    let sc = &r.scopes;
    ui.horizontal_wrapped(|ui| {
        ui.label(s::ENERGY_TOTAL);
        ui.strong(format_value(r.energy.total_gj / per, &u("GJ")));
        ui.weak(format!("({}, {})", format_value(r.energy.total_tce / per, &u("tce")), format_value(r.energy.electricity_mwh / per, &u("MWh"))));
        ui.separator();
        ui.label(s::CO2_TOTAL);
        ui.strong(format_value(sc.total_location_t / per, &u("t")));
        ui.weak(s::scopes(
            &format_value(sc.scope1_combustion_t / per, ""),
            &format_value(sc.scope1_process_t / per, ""),
            &format_value(sc.scope2_location_t / per, ""),
            &format_value(sc.scope2_market_t / per, ""),
        ));
        if sc.biogenic_memo_t > 0.0 {
            ui.weak(s::biogenic(&format_value(sc.biogenic_memo_t / per, &u("t"))));
        }
    });
    if !rates {
        ui.horizontal_wrapped(|ui| {
            for p in &r.products {
                ui.label(egui::RichText::new(format!("{}:", p.name)).strong());
                for k in &p.kpis {
                    ui.label(format_value(k.value, &k.unit));
                }
                ui.separator();
            }
        });
    }
    if !r.imbalances.is_empty() {
        let text: Vec<String> = r.imbalances.iter().map(|b| format!("{} {:+.1} %", b.name, b.relative * 100.0)).collect();
        ui.colored_label(ui.visuals().warn_fg_color, s::out_of_balance(&text.join(", ")));
    }
    ui.horizontal(|ui| {
        let sets: Vec<String> = r.factor_sets.iter().map(|s| format!("{} ({})", s.id, s.year)).collect();
        ui.weak(egui::RichText::new(s::factor_sets(&sets.join(", "))).small());
        if ui.small_button(s::COPY_REPORT).on_hover_text(s::COPY_REPORT_HINT).clicked() {
            ui.ctx().copy_text(plant_accounting::render(r, plant_accounting::Format::Markdown));
        }
    });
}

/// Draws the diagram; returns the id of a clicked node.
fn sankey_ui(ui: &mut egui::Ui, c: &Diagram, selected: Option<&str>) -> Option<String> {
    let size = ui.available_size().max(egui::vec2(300.0, 200.0));
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
    let painter = ui.painter_at(rect);
    // Leave room for labels on the right of the last layer.
    let inner = egui::Rect::from_min_max(rect.min + egui::vec2(4.0, 4.0), rect.max - egui::vec2(200.0, 4.0));
    let map = |x: f64, y: f64| egui::pos2(inner.left() + x as f32 * inner.width(), inner.top() + y as f32 * inner.height());
    let hover = response.hover_pos();
    let mut hovered_text: Option<String> = None;
    let touches = |i: usize| selected.is_some_and(|sel| c.ids[c.links[i].source] == sel || c.ids[c.links[i].target] == sel);
    let out_total = |n: usize| c.links.iter().filter(|l| l.source == n).map(|l| l.value).sum::<f64>();
    let in_total = |n: usize| c.links.iter().filter(|l| l.target == n).map(|l| l.value).sum::<f64>();

    for r in &c.layout.ribbons {
        if r.width <= 0.0 {
            continue;
        }
        let pts = plant_sankey::ribbon_curve(r, 24);
        let half = r.width / 2.0;
        let mut mesh = egui::Mesh::default();
        let alpha = if selected.is_none() || touches(r.link) { 150 } else { 40 };
        let base = kind_colour(&c.kinds[r.link]);
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
                let note = if c.notes[r.link].is_empty() { String::new() } else { format!(" = {}", c.notes[r.link]) };
                hovered_text = Some(format!(
                    "{} to {}\n{}{} ({})\n{}",
                    c.names[l.source],
                    c.names[l.target],
                    format_value(l.value, c.unit),
                    note,
                    c.kinds[r.link],
                    s::share(share, &c.names[l.source])
                ));
            }
        }
    }
    let mut clicked = None;
    let warn = ui.visuals().warn_fg_color;
    for (n, b) in c.layout.nodes.iter().enumerate() {
        let r = egui::Rect::from_min_max(map(b.x, b.y0), map(b.x + Options::default().node_width, b.y1));
        let is_sel = selected == Some(c.ids[n].as_str());
        let flag = c.flagged.iter().find(|(id, _)| id == &c.ids[n]);
        painter.rect_filled(r, 1.0, if is_sel { egui::Color32::from_rgb(240, 150, 40) } else { ui.visuals().strong_text_color() });
        if flag.is_some() {
            painter.rect_stroke(r.expand(2.0), 1.0, egui::Stroke::new(2.0, warn), egui::StrokeKind::Outside);
        }
        let label = if flag.is_some() { format!("{} (!)", c.names[n]) } else { c.names[n].clone() };
        painter.text(
            r.right_center() + egui::vec2(4.0, 0.0),
            egui::Align2::LEFT_CENTER,
            label,
            egui::FontId::proportional(11.0),
            if flag.is_some() { warn } else { ui.visuals().text_color() },
        );
        if let Some(p) = hover
            && r.expand(3.0).contains(p)
        {
            let (i, o) = (in_total(n), out_total(n));
            let mut text = format!("{}\n{}", c.names[n], format_value(b.value, c.unit));
            if i > 0.0 && o > 0.0 {
                text.push_str(&format!("\n{}", s::in_out(&format_value(i, c.unit), &format_value(o, c.unit))));
            }
            if let Some((_, f)) = flag {
                text.push_str(&format!("\n{f}"));
            }
            hovered_text = Some(text);
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
