//! The scenarios view (docs/scenarios.md): the package's `scenarios/*.toml` listed, made, renamed and
//! deleted; the baseline against scenario A, or A against B, over A's window (or the whole record) — energy,
//! cost, CO2 by scope and key figures with their differences; each measure appraised (payback, NPV, abatement
//! cost); the marginal abatement cost curve; A or B in the 3D colours and as a difference Sankey in the flows
//! panel; the study exported as XLSX, CSV, Markdown and JSON. The figures are computed on a background thread
//! by `plant-scenario`, the same code as `plant-twin report --scenario`.

use std::path::PathBuf;
use std::sync::Arc;
use std::thread::JoinHandle;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use plant_i18n::{Lang, t};
use plant_scenario::render::Study;
use plant_scenario::{Scenario, edit};
use plant_shell::PanelOrder;
use plant_site::{Diagnostic, Site};
use plant_viewer_context::{CarbonRates, CurrentSite, DifferenceFlow, MeterData, ScenarioDifference, ScenarioFiles, ViewerSystems, format_value};

// egui ids (not shown).
const WINDOW_ID: &str = "scenarios-window"; // i18n-ok
const LIST_GRID: &str = "scenarios-list"; // i18n-ok
const COMPARE_GRID: &str = "scenarios-compare"; // i18n-ok
const MEASURES_GRID: &str = "scenarios-measures"; // i18n-ok
const MACC_PLOT: &str = "scenarios-macc"; // i18n-ok
const ALL_FIGURES: &str = "scenarios-all-figures"; // i18n-ok
const ADD_FORM: &str = "scenarios-add-measure"; // i18n-ok
const MONEY_FORM: &str = "scenarios-money"; // i18n-ok
const COMPUTE_THREAD: &str = "plant-scenarios"; // i18n-ok
/// The folder of the user's configuration the studies are exported to.
const REPORTS_FOLDER: &str = "scenario-reports"; // i18n-ok: a folder name

/// A scenario file of the package, as read.
struct Entry {
    path: PathBuf,
    loaded: Result<(Scenario, Vec<Diagnostic>), Diagnostic>,
}

impl Entry {
    fn scenario(&self) -> Option<&Scenario> {
        self.loaded.as_ref().ok().map(|(s, _)| s)
    }

    fn title(&self, lang: Lang) -> String {
        match self.scenario() {
            Some(s) => s.name.in_lang(lang).to_owned(),
            None => self.path.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned()),
        }
    }
}

/// Which outcome the 3D colours show.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Show {
    #[default]
    Measured,
    A,
    B,
}

/// What a study was computed for: the two files (B `None`: the baseline), the files' generation and the
/// language.
type Key = (PathBuf, Option<PathBuf>, u64, Lang);

#[derive(Resource, Default)]
pub struct ScenariosState {
    pub open: bool,
    site: Option<Arc<Site>>,
    generation: u64,
    entries: Vec<Entry>,
    /// Scenario A, and B (`None`: A is compared with the baseline), by index in `entries`.
    pub a: Option<usize>,
    pub b: Option<usize>,
    study: Option<(Key, Arc<Study>)>,
    job: Option<(Key, JoinHandle<Study>)>,
    pub show: Show,
    new_name: String,
    rename: Option<(usize, String)>,
    confirm_delete: Option<usize>,
    exported: Option<Result<Vec<PathBuf>, String>>,
    error: Option<String>,
    /// Scenarios asked for by name (`--scenarios`, `--compare`), chosen once the files are read.
    pending: Option<(String, Option<String>)>,
    /// The "add a measure" form, and what the site offers it (read when the site opens).
    form: MeasureForm,
    /// The prices and economics form, for the file it was read from.
    money: Option<(PathBuf, plant_scenario::Prices, plant_scenario::Economics)>,
    fuel_carriers: Vec<String>,
    fuels: Vec<(String, String)>,
}

/// Which kind of flow measure the form adds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum FlowKind {
    #[default]
    GreenPower,
    FuelSwitch,
    GridFactor,
}

/// The form that adds a flow measure (green power, a fuel switch, a grid factor) to scenario A.
#[derive(Debug, Clone, PartialEq)]
struct MeasureForm {
    kind: FlowKind,
    name: String,
    share: f64,
    premium: f64,
    carrier: String,
    fuel: String,
    price: f64,
    factor: f64,
    capex: f64,
    lifetime: u32,
    om: f64,
}

impl Default for MeasureForm {
    fn default() -> Self {
        MeasureForm {
            kind: FlowKind::GreenPower,
            name: String::new(),
            share: 0.3,
            premium: 0.0,
            carrier: String::new(),
            fuel: String::new(),
            price: 0.0,
            factor: 0.5703,
            capex: 0.0,
            lifetime: 10,
            om: 0.0,
        }
    }
}

impl MeasureForm {
    /// The measure the form describes, if it is complete.
    fn measure(&self) -> Option<plant_scenario::Measure> {
        let name = self.name.trim();
        if name.is_empty() {
            return None;
        }
        let action = match self.kind {
            FlowKind::GreenPower => plant_scenario::Action::GreenPower { share: self.share, premium_per_mwh: self.premium },
            FlowKind::FuelSwitch if !self.carrier.is_empty() && !self.fuel.is_empty() => {
                plant_scenario::Action::FuelSwitch { carrier: self.carrier.clone(), fuel: self.fuel.clone(), share: self.share, price_per_gj: Some(self.price) }
            }
            FlowKind::FuelSwitch => return None,
            FlowKind::GridFactor => plant_scenario::Action::GridFactor { t_per_mwh: self.factor },
        };
        Some(plant_scenario::Measure { name: plant_site::Text::new(name, None), action, capex: self.capex, lifetime_years: self.lifetime, om_per_year: self.om })
    }
}

impl ScenariosState {
    /// Opens the window with the package's scenario `a` (by file name, with or without `.toml`) as A and `b`
    /// as B (none: the baseline).
    pub fn choose(&mut self, a: &str, b: Option<&str>) {
        self.open = true;
        self.pending = Some((a.to_owned(), b.map(str::to_owned)));
    }

    fn resolve_pending(&mut self) {
        let Some((a, b)) = self.pending.take() else { return };
        let index = |name: &str| {
            let stem = std::path::Path::new(name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            self.entries.iter().position(|e| e.path.file_stem().is_some_and(|s| s.to_string_lossy() == stem))
        };
        match index(&a) {
            Some(i) => self.a = Some(i),
            None => self.error = Some(t!("scenarios-not-found", name = a.as_str())),
        }
        self.b = b.as_deref().and_then(index);
    }
}

pub struct ScenariosPlugin;

impl Plugin for ScenariosPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<ScenariosState>()
            .add_systems(Update, (read_scenarios, resolve_pending).chain().in_set(ViewerSystems::Load))
            .add_systems(Update, (compute, show_in_3d).chain().in_set(ViewerSystems::Scenario))
            .add_systems(EguiPrimaryContextPass, scenarios_ui.in_set(PanelOrder::Overlay));
    }
}

/// Reads the package's scenario files when the site opens and whenever they were written.
fn read_scenarios(site: Option<Res<CurrentSite>>, files: Res<ScenarioFiles>, mut state: ResMut<ScenariosState>) {
    let Some(site) = site else { return };
    let same_site = state.site.as_ref().is_some_and(|s| Arc::ptr_eq(s, &site.0));
    if same_site && state.generation == files.0 {
        return;
    }
    if !same_site {
        *state = ScenariosState { open: state.open, pending: state.pending.take(), ..default() };
    }
    let chosen = (state.a.and_then(|i| state.entries.get(i)).map(|e| e.path.clone()), state.b.and_then(|i| state.entries.get(i)).map(|e| e.path.clone()));
    if !same_site {
        state.fuel_carriers = plant_scenario::eval::fuel_carriers(&site.0);
        state.fuels = plant_scenario::eval::fuels_of_sets(&site.0);
    }
    state.site = Some(site.0.clone());
    state.generation = files.0;
    state.entries = plant_scenario::list_for_site(&site.0).into_iter().map(|path| Entry { loaded: plant_scenario::load(&path, &site.0), path }).collect();
    let find = |p: &Option<PathBuf>, entries: &[Entry]| p.as_ref().and_then(|p| entries.iter().position(|e| &e.path == p));
    state.a = find(&chosen.0, &state.entries).or_else(|| state.entries.iter().position(|e| e.scenario().is_some()));
    state.b = find(&chosen.1, &state.entries);
}

fn resolve_pending(site: Option<Res<CurrentSite>>, mut state: ResMut<ScenariosState>) {
    if state.pending.is_some() && state.site.as_ref().is_some_and(|s| site.is_some_and(|c| Arc::ptr_eq(s, &c.0))) {
        state.resolve_pending();
    }
}

/// The key of the study the window asks for, if it can be computed.
fn wanted(state: &ScenariosState) -> Option<Key> {
    let a = state.entries.get(state.a?).filter(|e| e.scenario().is_some())?;
    let b = state.b.and_then(|i| state.entries.get(i)).filter(|e| e.scenario().is_some());
    Some((a.path.clone(), b.map(|e| e.path.clone()), state.generation, plant_i18n::current()))
}

/// Computes the chosen study on a background thread; puts its comparison where the flows panel reads it.
fn compute(mut state: ResMut<ScenariosState>, site: Option<Res<CurrentSite>>, data: Res<MeterData>, mut difference: ResMut<ScenarioDifference>) {
    let Some(site) = site else { return };
    if state.job.as_ref().is_some_and(|(_, h)| h.is_finished())
        && let Some((key, handle)) = state.job.take()
    {
        match handle.join() {
            Ok(study) => {
                let study = Arc::new(study);
                let d = difference_of(&study);
                difference.set_if_neq(d);
                state.study = Some((key, study));
            }
            Err(p) => state.error = Some(plant_site::panic_message(&*p)),
        }
    }
    if !state.open || state.job.is_some() {
        return;
    }
    let Some(key) = wanted(&state) else {
        if !difference.flows.is_empty() {
            *difference = ScenarioDifference::default();
        }
        state.study = None;
        return;
    };
    if state.study.as_ref().is_some_and(|(k, _)| *k == key) {
        return;
    }
    let scenario = |p: &PathBuf| state.entries.iter().find(|e| &e.path == p).and_then(Entry::scenario).cloned();
    let (Some(a), b) = (scenario(&key.0), key.1.as_ref().and_then(scenario)) else { return };
    let (site, store) = (site.0.clone(), data.0.clone());
    let Some((start, end)) = store.time_range() else { return };
    let (t0, t1) = a.window.unwrap_or((start, end + 1));
    let lang = key.3;
    let spawned = std::thread::Builder::new().name(COMPUTE_THREAD.into()).spawn(move || {
        plant_i18n::set_current(lang);
        plant_scenario::render::study(&site, &store, &a, b.as_ref(), t0, t1)
    });
    match spawned {
        Ok(handle) => state.job = Some((key, handle)),
        Err(e) => state.error = Some(e.to_string()),
    }
}

/// The comparison of a study, for the flows panel's difference Sankey.
fn difference_of(s: &Study) -> ScenarioDifference {
    let c = &s.comparison;
    ScenarioDifference {
        a: c.a.clone(),
        b: c.b.clone(),
        hours: s.hours,
        flows: c.flows.iter().map(|f| DifferenceFlow { index: f.index, energy_gj: f.energy_gj, co2_t: f.co2_t }).collect(),
        process: c.process.iter().map(|p| (p.product.clone(), p.kind.to_owned(), p.at.clone(), p.co2_t.0, p.co2_t.1)).collect(),
    }
}

/// With A or B chosen for 3D, each item's carbon colour is scaled by that outcome's CO2 at the item against
/// the recorded baseline's; taken back when "measured" is chosen.
fn show_in_3d(state: Res<ScenariosState>, carbon: Option<ResMut<CarbonRates>>, mut wrote: Local<bool>, mut shown: Local<Option<(usize, Show, bool)>>) {
    let Some(mut carbon) = carbon else { return };
    // Only when the study, the choice or the window changed (not every frame).
    let now = (state.study.as_ref().map_or(0, |(_, s)| Arc::as_ptr(s) as usize), state.show, state.open);
    if *shown == Some(now) {
        return;
    }
    *shown = Some(now);
    let mut scale = std::collections::HashMap::new();
    if let Some((_, s)) = state.study.as_ref().filter(|_| state.open) {
        let outcome = match (state.show, &s.b) {
            (Show::Measured, _) => None,
            (Show::A, _) => Some(&s.a.result),
            (Show::B, Some(b)) => Some(&b.result),
            (Show::B, None) => None,
        };
        if let Some(o) = outcome {
            for n in &s.a.baseline.report.nodes {
                if let Some(m) = o.report.node(&n.id)
                    && n.co2_t.abs() > 1e-12
                {
                    scale.insert(n.id.clone(), m.co2_t / n.co2_t);
                }
            }
        }
    }
    if scale.is_empty() && !*wrote {
        return;
    }
    *wrote = !scale.is_empty();
    if carbon.scale != scale {
        carbon.scale = scale;
    }
}

fn scenarios_ui(
    mut contexts: EguiContexts,
    mut state: ResMut<ScenariosState>,
    site: Option<Res<CurrentSite>>,
    mut files: ResMut<ScenarioFiles>,
    area: Res<plant_shell::FreeArea>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(site) = site else { return Ok(()) };
    if site.0.whatifs.is_empty() && site.0.flows.is_empty() {
        return Ok(());
    }
    plant_shell::overlay(ctx, &area, plant_shell::Overlay::ScenariosButton, |ui| {
        if ui.button(t!("scenarios-button")).on_hover_text(t!("scenarios-button-hint")).clicked() {
            state.open = !state.open;
        }
    });
    if !state.open {
        return Ok(());
    }
    if state.job.is_some() {
        ctx.request_repaint();
    }
    let mut open = state.open;
    egui::Window::new(t!("scenarios-title"))
        .id(egui::Id::new(WINDOW_ID))
        .open(&mut open)
        .default_pos(area.0.left_top() + egui::vec2(12.0, 12.0))
        .default_size([600.0, 860.0])
        .vscroll(true)
        .show(ctx, |ui| {
            list_ui(ui, &mut state, &site.0, &mut files);
            ui.separator();
            study_ui(ui, &mut state, &site.0);
        });
    state.open = open;
    Ok(())
}

/// What a click in the list asks for, done after the list is drawn.
enum ListAction {
    StartRename(usize, String),
    Rename(PathBuf, String),
    AskDelete(usize),
    Delete(PathBuf),
}

/// The package's scenarios: A and B, rename, delete, a new one.
fn list_ui(ui: &mut egui::Ui, state: &mut ScenariosState, site: &Site, files: &mut ScenarioFiles) {
    let lang = plant_i18n::current();
    if state.entries.is_empty() {
        ui.weak(t!("scenarios-none"));
    }
    let (mut a, mut b) = (state.a, state.b);
    let mut action = None;
    let rename = &mut state.rename;
    let confirm = state.confirm_delete;
    egui::Grid::new(LIST_GRID).num_columns(5).striped(true).show(ui, |ui| {
        for h in [t!("scenarios-col-a"), t!("scenarios-col-b"), t!("scenarios-col-name"), t!("scenarios-col-measures"), String::new()] {
            ui.strong(h);
        }
        ui.end_row();
        for (i, e) in state.entries.iter().enumerate() {
            let ok = e.scenario().is_some();
            ui.add_enabled_ui(ok, |ui| ui.radio_value(&mut a, Some(i), ""));
            ui.add_enabled_ui(ok && a != Some(i), |ui| ui.radio_value(&mut b, Some(i), ""));
            let editing = matches!(rename, Some((k, _)) if *k == i);
            match (rename.as_mut().filter(|_| editing), &e.loaded) {
                (Some((_, text)), _) => {
                    ui.text_edit_singleline(text);
                }
                (None, Ok(_)) => {
                    ui.label(e.title(lang)).on_hover_text(e.path.display().to_string());
                }
                (None, Err(d)) => {
                    ui.colored_label(ui.visuals().error_fg_color, e.title(lang)).on_hover_text(d.to_string());
                }
            }
            ui.label(e.scenario().map_or_else(|| "—".to_owned(), |s| s.measures.len().to_string()));
            ui.horizontal(|ui| {
                if editing {
                    let name = rename.as_ref().map(|(_, t)| t.trim().to_owned()).unwrap_or_default();
                    if ui.small_button(t!("scenarios-rename-done")).clicked() && !name.is_empty() {
                        action = Some(ListAction::Rename(e.path.clone(), name));
                    }
                } else if ok && ui.small_button(t!("scenarios-rename")).clicked() {
                    action = Some(ListAction::StartRename(i, e.title(lang)));
                }
                if confirm == Some(i) {
                    if ui.small_button(t!("scenarios-delete-confirm")).clicked() {
                        action = Some(ListAction::Delete(e.path.clone()));
                    }
                } else if ui.small_button(t!("scenarios-delete")).clicked() {
                    action = Some(ListAction::AskDelete(i));
                }
            });
            ui.end_row();
        }
    });
    if b == a {
        b = None;
    }
    (state.a, state.b) = (a, b);
    if state.b.is_some() && ui.small_button(t!("scenarios-compare-baseline")).clicked() {
        state.b = None;
    }
    match action {
        Some(ListAction::StartRename(i, title)) => state.rename = Some((i, title)),
        Some(ListAction::Rename(path, name)) => {
            state.error = edit::update(&path, |t| edit::set_name(t, &name, None)).err().map(|m| m.text());
            state.rename = None;
            files.0 += 1;
        }
        Some(ListAction::AskDelete(i)) => state.confirm_delete = Some(i),
        Some(ListAction::Delete(path)) => {
            state.error = edit::delete(site, &path).err().map(|m| m.text());
            state.confirm_delete = None;
            files.0 += 1;
        }
        None => {}
    }
    ui.horizontal(|ui| {
        ui.label(t!("scenarios-new"));
        ui.text_edit_singleline(&mut state.new_name);
        let name = state.new_name.trim().to_owned();
        if ui.add_enabled(!name.is_empty(), egui::Button::new(t!("scenarios-create"))).clicked() {
            match edit::create(site, &Scenario::new(&name, site)) {
                Ok(_) => {
                    state.new_name.clear();
                    files.0 += 1;
                }
                Err(m) => state.error = Some(m.text()),
            }
        }
    });
    ui.weak(t!("scenarios-add-hint"));
    forms_ui(ui, state, files);
    if let Some(e) = &state.error {
        ui.colored_label(ui.visuals().error_fg_color, e.as_str());
    }
}

/// The forms that change scenario A's file: a flow measure added, its prices and economics.
fn forms_ui(ui: &mut egui::Ui, state: &mut ScenariosState, files: &mut ScenarioFiles) {
    let chosen = state.a.and_then(|i| state.entries.get(i)).and_then(|e| e.scenario().map(|s| (e.path.clone(), s.measures.is_empty())));
    if let Some((path, empty)) = chosen {
        // Open for a scenario without measures: adding one is what comes next.
        egui::CollapsingHeader::new(t!("scenarios-add-measure")).id_salt((ADD_FORM, &path)).default_open(empty).show(ui, |ui| {
            if add_measure_ui(ui, state) {
                let form = state.form.clone();
                if let Some(m) = form.measure() {
                    state.error = edit::update(&path, |t| edit::add_measure(t, &m)).err().map(|m| m.text());
                    if state.error.is_none() {
                        state.form.name.clear();
                    }
                    files.0 += 1;
                }
            }
        });
    }
    if let Some((path, prices, economics)) = state.a.and_then(|i| state.entries.get(i)).and_then(|e| e.scenario().map(|s| (e.path.clone(), s.prices.clone(), s.economics))) {
        if state.money.as_ref().is_none_or(|(p, ..)| *p != path) {
            state.money = Some((path.clone(), prices, economics));
        }
        egui::CollapsingHeader::new(t!("scenarios-money")).id_salt((MONEY_FORM, &path)).show(ui, |ui| {
            if money_ui(ui, state)
                && let Some((_, p, e)) = state.money.clone()
            {
                state.error = edit::update(&path, |t| edit::set_prices_economics(t, &p, &e)).err().map(|m| m.text());
                files.0 += 1;
            }
        });
    }
}

/// Scenario A's prices and economics; `true` when "Save" was clicked.
fn money_ui(ui: &mut egui::Ui, state: &mut ScenariosState) -> bool {
    let Some((_, prices, economics)) = state.money.as_mut() else { return false };
    egui::Grid::new(MONEY_FORM).num_columns(2).show(ui, |ui| {
        ui.label(t!("scenarios-currency"));
        ui.add(egui::TextEdit::singleline(&mut prices.currency).desired_width(60.0));
        ui.end_row();
        ui.label(t!("scenarios-price-electricity", currency = prices.currency.as_str()));
        ui.add(egui::DragValue::new(&mut prices.electricity_per_kwh).speed(0.01).range(0.0..=100.0).max_decimals(4));
        ui.end_row();
        ui.label(t!("scenarios-price-carbon", currency = prices.currency.as_str()));
        ui.add(egui::DragValue::new(&mut prices.carbon_per_t).speed(1.0).range(0.0..=100_000.0));
        ui.end_row();
        for carrier in &state.fuel_carriers {
            ui.label(t!("scenarios-price-fuel", carrier = carrier.as_str(), currency = prices.currency.as_str()));
            let mut v = prices.fuel(carrier).unwrap_or(0.0);
            if ui.add(egui::DragValue::new(&mut v).speed(0.5).range(0.0..=10_000.0)).changed() {
                prices.fuel_per_gj.retain(|(c, _)| c != carrier);
                prices.fuel_per_gj.push((carrier.clone(), v));
            }
            ui.end_row();
        }
        ui.label(t!("scenarios-discount-rate"));
        let mut percent = economics.discount_rate * 100.0;
        if ui.add(egui::DragValue::new(&mut percent).speed(0.1).range(0.0..=100.0).suffix(" %")).changed() {
            economics.discount_rate = percent / 100.0;
        }
        ui.end_row();
        ui.label(t!("scenarios-annualise"));
        ui.horizontal(|ui| {
            let hours = match economics.annualise {
                plant_scenario::Annualise::OperatingHours { hours } => hours,
                plant_scenario::Annualise::Mean => plant_scenario::HOURS_PER_YEAR,
            };
            ui.selectable_value(&mut economics.annualise, plant_scenario::Annualise::Mean, t!("scenarios-annualise-mean"));
            ui.selectable_value(&mut economics.annualise, plant_scenario::Annualise::OperatingHours { hours }, t!("scenarios-annualise-hours"));
            if let plant_scenario::Annualise::OperatingHours { hours } = &mut economics.annualise {
                ui.add(egui::DragValue::new(hours).speed(10.0).range(1.0..=plant_scenario::HOURS_PER_YEAR).suffix(" h"));
            }
        });
        ui.end_row();
        ui.label(t!("scenarios-co2-basis"));
        ui.horizontal(|ui| {
            ui.selectable_value(&mut economics.co2, plant_scenario::Co2Basis::Market, t!("scenario-co2-market"));
            ui.selectable_value(&mut economics.co2, plant_scenario::Co2Basis::Location, t!("scenario-co2-location"));
        });
        ui.end_row();
    });
    ui.button(t!("scenarios-money-save")).clicked()
}

/// The form of a flow measure for scenario A; `true` when "Add" was clicked on a complete one.
fn add_measure_ui(ui: &mut egui::Ui, state: &mut ScenariosState) -> bool {
    let f = &mut state.form;
    ui.horizontal(|ui| {
        ui.selectable_value(&mut f.kind, FlowKind::GreenPower, t!("scenarios-kind-green-power"));
        ui.selectable_value(&mut f.kind, FlowKind::FuelSwitch, t!("scenarios-kind-fuel-switch"));
        ui.selectable_value(&mut f.kind, FlowKind::GridFactor, t!("scenarios-kind-grid-factor"));
    });
    egui::Grid::new(ADD_FORM).num_columns(2).show(ui, |ui| {
        ui.label(t!("whatif-save-name"));
        ui.text_edit_singleline(&mut f.name);
        ui.end_row();
        match f.kind {
            FlowKind::GreenPower => {
                ui.label(t!("scenarios-green-share"));
                ui.add(egui::Slider::new(&mut f.share, 0.0..=1.0).fixed_decimals(2));
                ui.end_row();
                ui.label(t!("scenarios-premium"));
                ui.add(egui::DragValue::new(&mut f.premium).speed(1.0).range(-1000.0..=1000.0));
                ui.end_row();
            }
            FlowKind::FuelSwitch => {
                ui.label(t!("scenarios-carrier"));
                egui::ComboBox::from_id_salt((ADD_FORM, 1)).selected_text(f.carrier.as_str()).show_ui(ui, |ui| {
                    for c in &state.fuel_carriers {
                        ui.selectable_value(&mut f.carrier, c.clone(), c.as_str());
                    }
                });
                ui.end_row();
                ui.label(t!("scenarios-fuel"));
                let shown = state.fuels.iter().find(|(id, _)| *id == f.fuel).map_or(f.fuel.as_str(), |(_, n)| n.as_str());
                egui::ComboBox::from_id_salt((ADD_FORM, 2)).selected_text(shown).show_ui(ui, |ui| {
                    for (id, name) in &state.fuels {
                        ui.selectable_value(&mut f.fuel, id.clone(), name.as_str());
                    }
                });
                ui.end_row();
                ui.label(t!("scenarios-fuel-share"));
                ui.add(egui::Slider::new(&mut f.share, 0.0..=1.0).fixed_decimals(2));
                ui.end_row();
                ui.label(t!("scenarios-fuel-price"));
                ui.add(egui::DragValue::new(&mut f.price).speed(0.5).range(0.0..=10_000.0));
                ui.end_row();
            }
            FlowKind::GridFactor => {
                ui.label(t!("scenarios-grid-factor"));
                ui.add(egui::DragValue::new(&mut f.factor).speed(0.005).range(0.0..=3.0).max_decimals(4));
                ui.end_row();
            }
        }
        plant_viewer_context::measure_cost_rows(ui, &mut f.capex, &mut f.lifetime, &mut f.om);
    });
    let ready = state.form.measure().is_some();
    ui.add_enabled(ready, egui::Button::new(t!("scenarios-add"))).clicked()
}

/// The chosen study: the comparison, the measures, the curve, 3D and export.
fn study_ui(ui: &mut egui::Ui, state: &mut ScenariosState, site: &Site) {
    let Some((_, s)) = state.study.clone() else {
        if state.job.is_some() {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(t!("scenarios-computing"));
            });
        } else if state.a.is_some() {
            ui.weak(t!("scenarios-choose"));
        }
        return;
    };
    let lang = plant_i18n::current();
    let local = |rfc: &str| chrono::DateTime::parse_from_rfc3339(rfc).map_or_else(|_| rfc.to_owned(), |t| plant_i18n::datetime(lang, t.naive_local()));
    ui.weak(t!("scenarios-window", from = local(&s.from), to = local(&s.to), hours = format!("{:.0}", s.hours)));
    ui.weak(format!("{} · {} · {}", s.annualise_text(), s.co2_basis_text(), t!("scenarios-discount", percent = format!("{:.1}", s.a.discount_rate * 100.0))));
    ui.horizontal(|ui| {
        ui.label(t!("scenarios-3d"));
        ui.selectable_value(&mut state.show, Show::Measured, t!("scenarios-3d-measured"));
        ui.selectable_value(&mut state.show, Show::A, s.a.scenario.in_lang(lang));
        if let Some(b) = &s.b {
            ui.selectable_value(&mut state.show, Show::B, b.scenario.in_lang(lang));
        }
    });
    ui.weak(t!("scenarios-sankey-hint"));
    compare_ui(ui, &s);
    for e in std::iter::once(&s.a).chain(s.b.as_ref()) {
        measures_ui(ui, e, lang);
    }
    macc_ui(ui, &s.a, lang);
    egui::CollapsingHeader::new(t!("scenarios-all-figures")).id_salt(ALL_FIGURES).show(ui, |ui| all_figures_ui(ui, &s));
    if !s.warnings.is_empty() {
        egui::CollapsingHeader::new(t!("scenarios-warnings", count = s.warnings.len())).show(ui, |ui| {
            for w in &s.warnings {
                ui.colored_label(ui.visuals().warn_fg_color, w.text());
            }
        });
    }
    ui.separator();
    if ui.button(t!("scenarios-export")).on_hover_text(t!("scenarios-export-hint")).clicked() {
        state.exported = Some(export(&s, site));
    }
    plant_viewer_context::files_written_ui(ui, state.exported.as_ref());
}

/// The key figures of the comparison, coloured by the direction of the change.
fn compare_ui(ui: &mut egui::Ui, s: &Study) {
    let c = &s.comparison;
    ui.add_space(4.0);
    ui.strong(t!("scenarios-comparison", a = c.a.as_str(), b = c.b.as_str()));
    rows_ui(ui, c, &c.key_rows(), COMPARE_GRID);
}

/// Every figure of the comparison but those that are nothing in both.
fn all_figures_ui(ui: &mut egui::Ui, s: &Study) {
    let c = &s.comparison;
    let rows: Vec<&plant_scenario::Row> = c.rows.iter().filter(|r| !r.is_node() && (r.a != 0.0 || r.b != 0.0)).collect();
    rows_ui(ui, c, &rows, ALL_FIGURES);
}

fn rows_ui(ui: &mut egui::Ui, c: &plant_scenario::Comparison, rows: &[&plant_scenario::Row], id: &str) {
    egui::Grid::new(id).num_columns(6).striped(true).show(ui, |ui| {
        for h in [t!("scenarios-col-figure"), c.a.clone(), c.b.clone(), t!("scenarios-col-difference"), String::new(), String::new()] {
            ui.strong(h);
        }
        ui.end_row();
        for r in rows {
            let id = format!("scenarios-figure-{}-{}", r.section, r.quantity.replace([' ', '(', ')', '&'], "-").replace("--", "-").trim_end_matches('-'));
            let name = plant_i18n::tr(&id);
            let name = if name == id { r.quantity.clone() } else { name };
            let label = if r.is_site() { name } else { format!("{} — {}", r.item, r.quantity) };
            ui.label(label).on_hover_text(r.section);
            ui.label(format_value(r.a, ""));
            ui.label(format_value(r.b, ""));
            let colour = if r.difference.abs() < 1e-9 {
                ui.visuals().text_color()
            } else if r.difference < 0.0 {
                egui::Color32::from_rgb(60, 175, 95)
            } else {
                egui::Color32::from_rgb(225, 85, 70)
            };
            ui.colored_label(colour, format_value(r.difference, ""));
            ui.colored_label(colour, r.relative.map_or_else(|| "—".to_owned(), |x| format!("{:+.2} %", x * 100.0)));
            ui.weak(r.unit.as_str());
            ui.end_row();
        }
    });
}

fn measures_ui(ui: &mut egui::Ui, e: &plant_scenario::Evaluated, lang: Lang) {
    let cur = e.currency.as_str();
    ui.add_space(6.0);
    ui.strong(t!("scenario-md-measures", scenario = e.scenario.in_lang(lang)));
    if e.measures.is_empty() {
        ui.weak(t!("scenarios-no-measures"));
        return;
    }
    egui::Grid::new((MEASURES_GRID, e.scenario.en.as_str())).num_columns(7).striped(true).show(ui, |ui| {
        for h in [
            t!("scenario-col-measure"),
            t!("scenario-col-avoided"),
            t!("scenario-col-saving", currency = cur),
            t!("scenario-col-capex", currency = cur),
            t!("scenario-col-payback"),
            t!("scenario-col-npv", currency = cur),
            t!("scenario-col-abatement", currency = cur),
        ] {
            ui.strong(h);
        }
        ui.end_row();
        for m in &e.measures {
            let a = &m.appraisal;
            let label = ui.label(m.name.in_lang(lang));
            let mut hover = m.detail.clone();
            for n in &m.notes {
                hover.push('\n');
                hover.push_str(&n.text());
            }
            label.on_hover_text(hover);
            ui.label(format_value(a.avoided_t_per_year, ""));
            ui.label(format_value(a.saving_per_year, ""));
            ui.label(format_value(a.capex, ""));
            ui.label(a.simple_payback_years.map_or_else(|| "—".to_owned(), |p| format!("{p:.1}")));
            ui.label(format_value(a.npv, ""));
            ui.label(a.abatement_cost_per_t.map_or_else(|| "—".to_owned(), |x| format_value(x, "")));
            ui.end_row();
        }
    });
}

/// The marginal abatement cost curve: one bar per measure, as wide as the t CO2 it avoids a year and as high
/// as its cost per tonne, cheapest first.
fn macc_ui(ui: &mut egui::Ui, e: &plant_scenario::Evaluated, lang: Lang) {
    ui.add_space(6.0);
    ui.strong(t!("scenario-md-macc"));
    if e.macc.is_empty() {
        ui.weak(t!("scenarios-macc-empty"));
        return;
    }
    let palette = [(70, 130, 200), (230, 150, 50), (90, 170, 100), (190, 80, 160), (120, 120, 200), (200, 90, 80)];
    let charts: Vec<egui_plot::BarChart> = e
        .macc
        .iter()
        .enumerate()
        .map(|(k, b)| {
            let (r, g, bl) = palette[k % palette.len()];
            let name = b.name.in_lang(lang).to_owned();
            let bar = egui_plot::Bar::new(b.x0 + b.width / 2.0, b.cost_per_t).width(b.width).name(&name).fill(egui::Color32::from_rgb(r, g, bl));
            egui_plot::BarChart::new(name, vec![bar]).color(egui::Color32::from_rgb(r, g, bl))
        })
        .collect();
    let (x, y) = (t!("scenario-macc-x"), t!("scenario-macc-y", currency = e.currency.as_str()));
    egui_plot::Plot::new(MACC_PLOT).height(220.0).x_axis_label(x).y_axis_label(y).legend(egui_plot::Legend::default()).show(ui, |plot| {
        for c in charts {
            plot.bar_chart(c);
        }
    });
    ui.weak(t!("scenario-macc-method"));
}

/// Writes the study as XLSX, CSV, Markdown and JSON to the user's configuration folder; the files written.
fn export(s: &Study, site: &Site) -> Result<Vec<PathBuf>, String> {
    let folder = plant_i18n::config_dir().map(|d| d.join(REPORTS_FOLDER)).ok_or_else(|| t!("scenarios-no-folder"))?;
    std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let stem = edit::file_name(&format!("{} {}", site.header.name, s.a.scenario.en)).trim_end_matches(".toml").to_owned();
    let mut written = Vec::new();
    for ext in plant_scenario::render::FORMATS {
        let bytes = plant_scenario::render::bytes(s, site, ext)?;
        let path = folder.join(format!("{stem}-{stamp}.{ext}"));
        std::fs::write(&path, bytes).map_err(|e| format!("{}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}
