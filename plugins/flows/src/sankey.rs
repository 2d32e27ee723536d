//! The Sankey panel: energy or CO2 flows of the window's report, laid out by `plant-sankey`, ribbons as
//! egui meshes (egui fills only convex paths). Hover for value, unit and share; click a node to select
//! its equipment; the selected item's flows stand out; nodes out of balance are flagged.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use chrono::TimeZone;
use plant_accounting::{ImbalanceLine, Report};
use plant_i18n::{Lang, Msg, msg, t};
use plant_sankey::{Link, Options};
use plant_site::Site;
use plant_viewer_context::{CurrentSite, ScenarioDifference, ScenarioOverlay, Selection, SiteClock, format_value};

use crate::accounting::{Accounting, SankeyState, Span, View, WindowReport, window};

/// The prefix of the ids of the diagram's process CO2 nodes (`process:<product>:<kind>`).
const PROCESS_NODE: &str = "process:"; // i18n-ok: an id

/// What a ribbon carries: a carrier (energy view) or a scope (CO2 view).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Carrier(String),
    Scope1Combustion,
    Scope1Process,
    Scope2,
    /// In a difference Sankey: B carries more than A, less, or the same (within 0.5 %).
    Increase,
    Decrease,
    Unchanged,
}

/// Below this relative change a ribbon of a difference Sankey counts as unchanged.
const UNCHANGED: f64 = 0.005;

impl Kind {
    /// Its name for the hover text.
    pub fn msg(&self) -> Msg {
        match self {
            Kind::Carrier(c) => carrier_msg(c),
            Kind::Scope1Combustion => msg!("flows-scope-1-combustion"),
            Kind::Scope1Process => msg!("flows-scope-1-process"),
            Kind::Scope2 => msg!("flows-scope-2"),
            Kind::Increase => msg!("flows-difference-increase"),
            Kind::Decrease => msg!("flows-difference-decrease"),
            Kind::Unchanged => msg!("flows-difference-unchanged"),
        }
    }
}

/// A carrier's name (`electricity`, `coal`…): the catalogue's for the carriers it knows, else as site.toml
/// writes it.
pub fn carrier_msg(carrier: &str) -> Msg {
    msg!("flows-carrier", carrier = carrier)
}

/// The name of an equipment item or flow node in the current language.
pub fn node_name<'a>(site: &'a Site, id: &'a str) -> &'a str {
    site.equipment(id).map(|e| e.display_name()).or_else(|| site.node(id).map(|n| n.display_name())).unwrap_or(id)
}

/// The name of a diagram node of process CO2: its kind (`calcination`, `anodes`, `pfc`) and product.
pub fn process_node(product: &str, kind: &str) -> Msg {
    msg!("flows-process-node", kind = kind, product = product)
}

/// The text of a node out of balance in `lang`: its carrier, what went in and out, and by how much they differ.
pub fn imbalance(lang: Lang, b: &ImbalanceLine) -> String {
    // The report's quantity is "<carrier> (<dimension>)"; the unit says the dimension.
    let carrier = carrier_msg(b.quantity.split_once(" (").map_or(b.quantity.as_str(), |(c, _)| c)).text_in(lang);
    let (inflow, outflow, relative) = (plant_i18n::decimal(b.inflow, 1), plant_i18n::decimal(b.outflow, 1), format!("{:+.1}", b.relative * 100.0));
    msg!("flows-imbalance", carrier = carrier, inflow = inflow, outflow = outflow, unit = b.unit.as_str(), relative = relative).text_in(lang)
}

/// A diagram built from one report, with its names in the language it was built in.
#[derive(Debug, Clone)]
pub struct Diagram {
    pub ids: Vec<String>,
    pub names: Vec<String>,
    pub links: Vec<Link>,
    /// Per link: carrier (energy view) or scope (CO2 view), for colour and hover.
    pub kinds: Vec<Kind>,
    /// Per link: extra hover text (the amount in its own unit).
    pub notes: Vec<String>,
    pub unit: &'static str,
    pub layout: plant_sankey::Layout,
    /// Node ids out of balance, with their text.
    pub flagged: Vec<(String, String)>,
}

/// Builds the energy or CO2 diagram of a report in the current language. Rates (instant) are shown per hour:
/// MW for energy, t CO2/h for carbon.
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
        (View::Energy, false) => "GJ",  // i18n-ok: a unit
        (View::Energy, true) => "MW",   // i18n-ok: a unit
        (View::Co2, false) => "t CO2",  // i18n-ok: a unit
        (View::Co2, true) => "t CO2/h", // i18n-ok: a unit
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
                Some("fuel") => *fuel,      // i18n-ok: a carrier kind
                Some("electricity") => *el, // i18n-ok: a carrier kind
                _ => 1.0,
            };
        }
        let (a, b) = (index(&f.from, &mut ids), index(&f.to, &mut ids));
        links.push(Link { source: a, target: b, value });
        kinds.push(match view {
            View::Energy => Kind::Carrier(f.carrier.clone()),
            View::Co2 => scope_of(report, &f.carrier),
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
                let src = format!("{PROCESS_NODE}{}:{}", line.id, x.kind);
                let (a, b) = (index(&src, &mut ids), index(&x.at, &mut ids));
                let ratio = overlay.and_then(|o| o.scale.get(&x.at)).map_or(1.0, |r| r.2);
                links.push(Link { source: a, target: b, value: x.co2_t / per * ratio });
                kinds.push(Kind::Scope1Process);
                let factor = format!("{:.4}", x.co2_t / line.amount.value.max(1e-12));
                notes.push(t!("flows-process-note", amount = format_value(line.amount.value / per, &line.amount.unit), factor = factor));
            }
        }
    }
    let names = diagram_names(site, &ids);
    let flagged = report.imbalances.iter().map(|b| (b.node.clone(), imbalance(plant_i18n::current(), b))).collect();
    let layout = plant_sankey::layout(ids.len(), &links, &Options::default());
    Diagram { ids, names, links, kinds, notes, unit, layout, flagged }
}

/// The difference Sankey of the scenarios view's comparison: B's flows, each ribbon coloured by whether it
/// grew, shrank or stayed against A, its hover saying A → B.
pub fn difference_diagram(site: &Site, d: &ScenarioDifference, view: View) -> Diagram {
    let mut ids: Vec<String> = Vec::new();
    let (mut links, mut kinds, mut notes) = (Vec::new(), Vec::new(), Vec::new());
    let mut index = |id: &str| match ids.iter().position(|x| x == id) {
        Some(i) => i,
        None => {
            ids.push(id.to_string());
            ids.len() - 1
        }
    };
    let unit = if view == View::Energy { "GJ" } else { "t CO2" }; // i18n-ok: units
    let mut push = |from: usize, to: usize, a: f64, b: f64| {
        let change = (b - a) / a.abs().max(1e-9);
        links.push(Link { source: from, target: to, value: b.max(0.0) });
        kinds.push(if change.abs() < UNCHANGED {
            Kind::Unchanged
        } else if b > a {
            Kind::Increase
        } else {
            Kind::Decrease
        });
        notes.push(t!("flows-difference-note", a = format_value(a, unit), b = format_value(b, unit), percent = format!("{:+.1}", change * 100.0)));
    };
    for f in &d.flows {
        let Some(edge) = site.flows.get(f.index) else { continue };
        let (a, b) = if view == View::Energy { f.energy_gj } else { f.co2_t };
        let (Some(a), Some(b)) = (a, b) else { continue };
        if a < 0.0 || b < 0.0 || (a == 0.0 && b == 0.0) {
            continue;
        }
        let (from, to) = (index(&edge.from), index(&edge.to));
        push(from, to, a, b);
    }
    if view == View::Co2 {
        for (product, kind, at, a, b) in &d.process {
            let (from, to) = (index(&format!("{PROCESS_NODE}{product}:{kind}")), index(at));
            push(from, to, *a, *b);
        }
    }
    let names = diagram_names(site, &ids);
    let layout = plant_sankey::layout(ids.len(), &links, &Options::default());
    Diagram { ids, names, links, kinds, notes, unit, layout, flagged: Vec::new() }
}

/// The names of a diagram's nodes in the current language: equipment and flow nodes by their names, process
/// CO2 nodes (`process:<product>:<kind>`) by kind and product.
fn diagram_names(site: &Site, ids: &[String]) -> Vec<String> {
    ids.iter()
        .map(|id| match id.strip_prefix(PROCESS_NODE).and_then(|r| r.split_once(':')) {
            Some((p, kind)) => process_node(site.products.iter().find(|x| x.id == p).map_or(p, |x| x.display_name()), kind).text(),
            None => node_name(site, id).to_string(),
        })
        .collect()
}

/// The scope a carrier's CO2 belongs to.
fn scope_of(report: &Report, carrier: &str) -> Kind {
    match report.carriers.iter().find(|c| c.carrier == carrier).map(|c| c.kind) {
        Some("fuel") => Kind::Scope1Combustion, // i18n-ok: a carrier kind
        _ => Kind::Scope2,
    }
}

/// A ribbon's colour: its carrier's (one table, shared with the 3D markers), or its scope's in the CO2 view.
fn kind_colour(kind: &Kind) -> egui::Color32 {
    match kind {
        Kind::Scope2 => egui::Color32::from_rgb(80, 150, 235),
        Kind::Scope1Combustion => egui::Color32::from_rgb(120, 100, 90),
        Kind::Scope1Process => egui::Color32::from_rgb(200, 150, 70),
        Kind::Carrier(carrier) => plant_viewer_context::egui_colour(plant_viewer_context::carrier_colour(carrier)),
        Kind::Increase => egui::Color32::from_rgb(225, 85, 70),
        Kind::Decrease => egui::Color32::from_rgb(60, 175, 95),
        Kind::Unchanged => egui::Color32::from_rgb(150, 150, 150),
    }
}

/// A time of the site's clock in the current language.
fn local_time(t_ms: i64, tz: &impl TimeZone) -> String {
    tz.timestamp_millis_opt(t_ms).single().map_or_else(|| String::from("—"), |d| plant_i18n::datetime(plant_i18n::current(), d.naive_local()))
}

/// Cached diagram of the panel (its names are in the language it was built in: rebuilt on a switch).
#[derive(Resource, Default)]
pub struct DiagramCache {
    key: Option<((i64, i64, usize), View, bool, Lang)>,
    overlay: ScenarioOverlay,
    /// The comparison the diagram shows, when it is a difference Sankey.
    difference: Option<(ScenarioDifference, View, Lang)>,
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
    difference: Res<ScenarioDifference>,
    mut selection: ResMut<Selection>,
    area: Res<plant_shell::FreeArea>,
    totals: Res<crate::forecast::TotalsForecast>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(site) = site else { return Ok(()) };
    if site.0.flows.is_empty() || !clock.has_range() {
        return Ok(());
    }
    // The button that opens the panel sits in the viewport's bottom-right corner.
    plant_shell::overlay(ctx, &area, plant_shell::Overlay::FlowsButton, |ui| {
        if ui.button(t!("flows-title")).clicked() {
            state.open = !state.open;
        }
    });
    if !state.open {
        return Ok(());
    }
    let show_scenario = state.scenario && !overlay.scale.is_empty();
    let show_difference = state.difference && !difference.flows.is_empty();
    let lang = plant_i18n::current();
    if show_difference {
        if cache.difference.as_ref() != Some(&(difference.clone(), state.view, lang)) {
            cache.diagram = Some(difference_diagram(&site.0, &difference, state.view));
            cache.difference = Some((difference.clone(), state.view, lang));
            cache.key = None;
        }
    } else if let (Some(key), Some(r)) = (report.key, &report.report)
        && (cache.key != Some((key, state.view, show_scenario, lang)) || (show_scenario && cache.overlay != *overlay))
    {
        cache.difference = None;
        cache.diagram = Some(diagram_with(&site.0, r, state.view, state.span == Span::Instant, show_scenario.then_some(&*overlay)));
        cache.key = Some((key, state.view, show_scenario, lang));
        cache.overlay = overlay.clone();
    }
    let (t0, t1) = window(state.span, &clock, acc.instant_ms);
    let mut open = state.open;
    let mut span = state.span;
    let mut view = state.view;
    let mut scenario = state.scenario;
    let mut show_diff = state.difference;
    let tz = clock.time_zone;
    egui::Window::new(t!("flows-title")).id(egui::Id::new("flows-window")).open(&mut open).default_size([860.0, 520.0]).resizable(true).show(ctx, |ui| {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut view, View::Energy, t!("flows-view-energy"));
            ui.selectable_value(&mut view, View::Co2, t!("flows-view-co2"));
            ui.separator();
            for (sp, label) in [
                (Span::Instant, t!("flows-span-instant")),
                (Span::Hour, t!("flows-span-hour")),
                (Span::Day, t!("flows-span-day")),
                (Span::Week, t!("flows-span-week")),
                (Span::Record, t!("flows-span-record")),
            ] {
                ui.selectable_value(&mut span, sp, label);
            }
            ui.separator();
            ui.weak(t!("flows-window-range", from = local_time(t0, &tz), to = local_time(t1, &tz)));
            if !overlay.scale.is_empty() {
                ui.separator();
                ui.checkbox(&mut scenario, t!("flows-scenario", name = &overlay.name)).on_hover_text(t!("flows-scenario-hint"));
            }
            if !difference.flows.is_empty() {
                ui.separator();
                ui.checkbox(&mut show_diff, t!("flows-difference", a = difference.a.as_str(), b = difference.b.as_str())).on_hover_text(t!("flows-difference-hint"));
            }
        });
        if show_difference {
            difference_legend(ui, &difference);
        } else if let Some(pending) = &report.pending {
            pending_ui(ui, pending);
        } else if let Some(r) = &report.report {
            if let Some(n) = report.summed_samples {
                ui.weak(t!("flows-window-summed", samples = plant_i18n::integer(n as i64))).on_hover_text(t!("flows-window-summed-hint"));
            }
            summary_ui(ui, &site.0, r, span == Span::Instant);
            next_day_ui(ui, &totals);
            crate::trajectory::trajectory_ui(ui, totals.trajectory.as_ref(), totals.making(), tz);
        }
        if let Some(d) = cache.diagram.as_ref().filter(|_| show_difference || report.pending.is_none()) {
            if d.links.iter().all(|l| l.value <= 0.0) {
                ui.label(t!("flows-no-flows"));
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
    state.difference = show_diff;
    Ok(())
}

/// Why a paged database's window has no figures yet: they come when all of it is held (or the database
/// summed it), never from part of it.
fn pending_ui(ui: &mut egui::Ui, pending: &crate::accounting::Pending) {
    use crate::accounting::Pending;
    match pending {
        Pending::Loading | Pending::Summing => {
            let text = if *pending == Pending::Loading { t!("flows-window-loading") } else { t!("flows-window-summing") };
            ui.horizontal_wrapped(|ui| {
                ui.spinner();
                ui.label(text);
            });
        }
        // Whole paragraphs: wrapped to the panel's width.
        Pending::TooLong { cache_mb, error } => {
            ui.colored_label(ui.visuals().warn_fg_color, t!("flows-window-sum-failed", error = error.as_str()));
            ui.label(t!("flows-window-too-long", mb = *cache_mb));
        }
    }
}

/// What a difference Sankey shows: B's flows over the comparison's window, coloured against A.
fn difference_legend(ui: &mut egui::Ui, d: &ScenarioDifference) {
    ui.horizontal(|ui| {
        ui.weak(t!("flows-difference-window", a = d.a.as_str(), b = d.b.as_str(), hours = format!("{:.0}", d.hours)));
        for kind in [Kind::Decrease, Kind::Increase, Kind::Unchanged] {
            ui.colored_label(kind_colour(&kind), "■"); // i18n-ok: a swatch
            ui.label(kind.msg().text());
        }
    });
}

/// The next day's energy and CO2 from the cursor, forecast (or being forecast).
fn next_day_ui(ui: &mut egui::Ui, totals: &crate::forecast::TotalsForecast) {
    ui.horizontal_wrapped(|ui| {
        ui.label(t!("flows-next-day"));
        match &totals.made {
            _ if totals.making() && totals.made.is_none() => {
                ui.weak(t!("flows-next-day-making"));
            }
            Some(Ok(d)) => {
                let sum = |s: &crate::forecast::DaySum, unit: &str| {
                    t!("flows-next-day-sum", point = format_value(s.point, unit), lower = format_value(s.lower, unit), upper = format_value(s.upper, unit))
                };
                ui.strong(sum(&d.energy_gj, "GJ")); // i18n-ok: a unit
                ui.separator();
                ui.strong(sum(&d.co2_t, "t CO2")); // i18n-ok: a unit
                ui.weak(t!("flows-next-day-hint")).on_hover_text(t!("flows-next-day-method"));
            }
            Some(Err(e)) => {
                ui.weak(t!("flows-next-day-none", reason = e.as_str()));
            }
            None => {}
        }
    });
}

/// Totals, scopes, key figures and balance flags above the diagram.
fn summary_ui(ui: &mut egui::Ui, site: &Site, r: &Report, rates: bool) {
    let per = if rates { r.hours.max(1e-9) } else { 1.0 };
    let u = |unit: &str| if rates { format!("{unit}/h") } else { unit.to_string() };
    let sc = &r.scopes;
    ui.horizontal_wrapped(|ui| {
        ui.label(t!("flows-energy-total"));
        ui.strong(format_value(r.energy.total_gj / per, &u("GJ"))); // i18n-ok: a unit
        let tce = format_value(r.energy.total_tce / per, &u("tce")); // i18n-ok: a unit
        let electricity = format_value(r.energy.electricity_mwh / per, &u("MWh")); // i18n-ok: a unit
        ui.weak(t!("flows-energy-detail", tce = tce, electricity = electricity));
        ui.separator();
        ui.label(t!("flows-co2-total"));
        ui.strong(format_value(sc.total_location_t / per, &u("t")));
        let v = |t: f64| format_value(t / per, "");
        let (combustion, process) = (v(sc.scope1_combustion_t), v(sc.scope1_process_t));
        ui.weak(t!("flows-scopes", combustion = combustion, process = process, location = v(sc.scope2_location_t), market = v(sc.scope2_market_t)));
        if sc.biogenic_memo_t > 0.0 {
            ui.weak(t!("flows-biogenic", value = format_value(sc.biogenic_memo_t / per, &u("t"))));
        }
    });
    if !rates {
        ui.horizontal_wrapped(|ui| {
            for p in &r.products {
                let name = site.products.iter().find(|x| x.id == p.id).map_or(p.name.as_str(), |x| x.display_name());
                ui.label(egui::RichText::new(t!("flows-product", name = name)).strong());
                for k in &p.kpis {
                    ui.label(format_value(k.value, &k.unit));
                }
                ui.separator();
            }
        });
    }
    if !r.imbalances.is_empty() {
        let text: Vec<String> =
            r.imbalances.iter().map(|b| t!("flows-imbalance-item", name = node_name(site, &b.node), relative = format!("{:+.1}", b.relative * 100.0))).collect();
        ui.colored_label(ui.visuals().warn_fg_color, t!("flows-out-of-balance", list = text.join(&t!("flows-list-separator"))));
    }
    ui.horizontal(|ui| {
        let sets: Vec<String> = r.factor_sets.iter().map(|s| t!("flows-factor-set", id = &s.id, year = s.year.to_string())).collect();
        ui.weak(egui::RichText::new(t!("flows-factor-sets", list = sets.join(&t!("flows-list-separator")))).small());
        if ui.small_button(t!("flows-copy-report")).on_hover_text(t!("flows-copy-report-hint")).clicked() {
            ui.ctx().copy_text(plant_accounting::render(r, plant_accounting::Format::Markdown));
        }
    });
}

/// Draws the diagram; returns the id of a clicked node.
fn sankey_ui(ui: &mut egui::Ui, c: &Diagram, selected: Option<&str>) -> Option<String> {
    let size = ui.available_size().max(egui::vec2(300.0, 200.0));
    let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
    let painter = ui.painter_at(rect);
    let flagged: Vec<bool> = c.ids.iter().map(|id| c.flagged.iter().any(|(f, _)| f == id)).collect();
    let labels: Vec<String> = c.names.iter().zip(&flagged).map(|(name, &f)| if f { format!("{name} (!)") } else { name.clone() }).collect();
    let widths = LabelWidths::measure(ui, c, &labels, size.x);
    // Leave room for the labels on the right of the last layer: as wide as the widest, at most 40 %.
    let inner = egui::Rect::from_min_max(rect.min + egui::vec2(4.0, 4.0), rect.max - egui::vec2(widths.margin, 4.0));
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
                let (value, kind) = (format_value(l.value, c.unit), c.kinds[r.link].msg());
                let amount = &c.notes[r.link];
                let lines = [
                    t!("flows-link-path", from = &c.names[l.source], to = &c.names[l.target]),
                    if amount.is_empty() { t!("flows-link-value", value = value, kind = kind) } else { t!("flows-link-value-amount", value = value, amount = amount, kind = kind) },
                    t!("flows-share", percent = format!("{:.1}", share * 100.0), node = &c.names[l.source]),
                ];
                hovered_text = Some(lines.join("\n"));
            }
        }
    }
    let mut clicked = None;
    let warn = ui.visuals().warn_fg_color;
    let first = |n: usize| flagged[n] || selected == Some(c.ids[n].as_str());
    let shown = labels_with_room(c, first, |y: f64| map(0.0, y).y, ui.fonts_mut(|f| f.row_height(&egui::FontId::proportional(LabelWidths::FONT_SIZE))));
    for (n, b) in c.layout.nodes.iter().enumerate() {
        let r = egui::Rect::from_min_max(map(b.x, b.y0), map(b.x + Options::default().node_width, b.y1));
        let is_sel = selected == Some(c.ids[n].as_str());
        let flag = c.flagged.iter().find(|(id, _)| id == &c.ids[n]);
        painter.rect_filled(r, 1.0, if is_sel { egui::Color32::from_rgb(240, 150, 40) } else { ui.visuals().strong_text_color() });
        if flag.is_some() {
            painter.rect_stroke(r.expand(2.0), 1.0, egui::Stroke::new(2.0, warn), egui::StrokeKind::Outside);
        }
        if shown[n] {
            let colour = if flag.is_some() { warn } else { ui.visuals().text_color() };
            let galley = widths.galley(ui, &labels[n], widths.room(b.x, inner.width()), colour);
            painter.galley(r.right_center() + egui::vec2(4.0, -galley.size().y / 2.0), galley, colour);
        }
        if let Some(p) = hover
            && r.expand(3.0).contains(p)
        {
            let (i, o) = (in_total(n), out_total(n));
            let mut text = format!("{}\n{}", c.names[n], format_value(b.value, c.unit));
            if i > 0.0 && o > 0.0 {
                text.push_str(&format!("\n{}", t!("flows-in-out", inflow = format_value(i, c.unit), outflow = format_value(o, c.unit))));
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

/// Node labels: 11-point text to the right of each node, cut with "…" where it would run into the next
/// layer (or off the diagram), so a long equipment name never overlaps a ribbon or the panel's edge.
struct LabelWidths {
    /// Room kept right of the last layer for its labels, in points.
    margin: f32,
    /// The layers' x positions (0–1 of the inner width), left to right.
    layers: Vec<f64>,
}

impl LabelWidths {
    const FONT_SIZE: f32 = 11.0;
    /// Gap between a node and its label, and the label's distance from what follows it.
    const PAD: f32 = 4.0;

    fn measure(ui: &egui::Ui, c: &Diagram, labels: &[String], diagram_width: f32) -> Self {
        let mut layers: Vec<f64> = c.layout.nodes.iter().map(|b| b.x).collect();
        layers.sort_by(f64::total_cmp);
        layers.dedup_by(|a, b| (*a - *b).abs() < 1e-9);
        let last = layers.last().copied().unwrap_or(0.0);
        let font = egui::FontId::proportional(Self::FONT_SIZE);
        let widest = c
            .layout
            .nodes
            .iter()
            .zip(labels)
            .filter(|(b, _)| (b.x - last).abs() < 1e-9)
            .map(|(_, l)| ui.fonts_mut(|f| f.layout_no_wrap(l.clone(), font.clone(), egui::Color32::WHITE).size().x))
            .fold(0.0_f32, f32::max);
        let margin = (widest + 3.0 * Self::PAD).clamp(40.0, (diagram_width * 0.4).max(40.0));
        Self { margin, layers }
    }

    /// The width a label of a node in the layer at `x` may take, in points.
    fn room(&self, x: f64, inner_width: f32) -> f32 {
        let node = Options::default().node_width;
        match self.layers.iter().find(|&&l| l > x + 1e-9) {
            Some(next) => ((next - x - node) as f32 * inner_width - 2.0 * Self::PAD).max(0.0),
            None => (self.margin - 2.0 * Self::PAD - node as f32 * inner_width).max(0.0),
        }
    }

    fn galley(&self, ui: &egui::Ui, label: &str, max_width: f32, colour: egui::Color32) -> std::sync::Arc<egui::Galley> {
        let mut job = egui::text::LayoutJob::simple_singleline(label.to_owned(), egui::FontId::proportional(Self::FONT_SIZE), colour);
        job.wrap = egui::text::TextWrapping::truncate_at_width(max_width);
        ui.fonts_mut(|f| f.layout_job(job))
    }
}

/// Which nodes get a label: in each layer, the selected and flagged nodes (`first`) and then from the
/// largest node down, a label is drawn only where it does
/// not overlap one already placed (`to_screen` maps a layout y to points, `row` is the label's height).
/// The others are named on hover, as a Sankey of many thin flows must (a stack of overlapping names is
/// unreadable in either language).
fn labels_with_room(c: &Diagram, first: impl Fn(usize) -> bool, to_screen: impl Fn(f64) -> f32, row: f32) -> Vec<bool> {
    let nodes = &c.layout.nodes;
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by(|&a, &b| first(b).cmp(&first(a)).then(nodes[b].value.total_cmp(&nodes[a].value)));
    let mut placed: Vec<(f64, f32)> = Vec::new();
    let mut shown = vec![false; nodes.len()];
    for n in order {
        let centre = to_screen((nodes[n].y0 + nodes[n].y1) / 2.0);
        let clash = placed.iter().any(|&(x, y)| (x - nodes[n].x).abs() < 1e-9 && (y - centre).abs() < row);
        if !clash {
            placed.push((nodes[n].x, centre));
            shown[n] = true;
        }
    }
    shown
}
