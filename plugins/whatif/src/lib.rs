//! The what-if panel. Selecting equipment that a site's `[[whatif]]` binds to a process model offers the
//! model: a slider for every setting over its realistic range, the baseline read from the recorded data
//! (the hour before the cursor) against the scenario — energy, CO2 by scope, cost, production and the
//! margin to every limit, recomputed as a slider moves. "Optimise" runs in the background with progress
//! and cancel and recommends settings with their deltas; "Trade-off" sweeps the carbon price and plots
//! cost against CO2. With "Show in 3D", the carbon colours show the scenario for the unit.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use chrono::TimeZone;
use plant_i18n::{Msg, msg, t};
use plant_process::{Evaluation, Objective, OptimiseOptions, Optimum, Prices, Process, Progress};
use plant_shell::PanelOrder;
use plant_viewer_context::{
    CarbonRates, CurrentSite, MeterData, OperatorAction, OperatorActionKind, ScenarioFiles, ScenarioOverlay, Selection, SiteClock, ViewerSystems, format_value,
};

pub use plant_process::baseline::{Baseline, baseline};

type OptJob = Job<Result<Optimum, Msg>>;
type TradeJob = Job<Vec<(f64, f64, f64)>>;

// egui ids of the panel's grids and plot (not shown).
const SETTINGS_GRID: &str = "whatif-settings"; // i18n-ok
const CONDITIONS_GRID: &str = "whatif-conditions-grid"; // i18n-ok
const OPTIMUM_GRID: &str = "whatif-optimum"; // i18n-ok
const COMPARE_GRID: &str = "whatif-compare"; // i18n-ok
const OUTPUTS_GRID: &str = "whatif-outputs"; // i18n-ok
const LIMITS_GRID: &str = "whatif-limits"; // i18n-ok
const TRADEOFF_PLOT: &str = "tradeoff"; // i18n-ok
const SAVE_SECTION: &str = "whatif-save"; // i18n-ok

// Names of the background threads.
const OPTIMISE_THREAD: &str = "plant-optimise"; // i18n-ok
const TRADEOFF_THREAD: &str = "plant-tradeoff"; // i18n-ok

struct Job<T> {
    cancel: Arc<AtomicBool>,
    progress: Arc<Mutex<Progress>>,
    handle: Option<JoinHandle<T>>,
}

impl<T> Job<T> {
    fn finished(&self) -> bool {
        self.handle.as_ref().is_none_or(|h| h.is_finished())
    }

    /// The job's result; `Err` with the panic's message when the thread died.
    fn take(&mut self) -> Option<Result<T, Msg>> {
        self.handle.take().map(|h| h.join().map_err(|p| msg!("whatif-worker-failed", reason = plant_site::panic_message(&*p))))
    }
}

/// The open study.
pub struct Study {
    pub whatif: usize,
    pub process: Box<dyn Process + Send>,
    pub baseline: Baseline,
    pub window: (i64, i64),
    pub scenario: Vec<f64>,
    pub objective: Objective,
    pub prices: Prices,
    pub result: Option<Result<Optimum, Msg>>,
    pub tradeoff: Option<Vec<(f64, f64, f64)>>,
    pub show_in_3d: bool,
    /// Texts the model was configured with (a chiller curve set), for the background threads.
    configs: Vec<(&'static str, String)>,
    /// The language the baseline's notes were written in (they are read again after a switch).
    lang: plant_i18n::Lang,
    /// Conditions the user typed in the panel: kept over a new baseline window or a language switch.
    edited: Vec<(String, f64)>,
    job: Option<OptJob>,
    trade_job: Option<TradeJob>,
    /// The "save as a measure" form.
    save: SaveForm,
}

/// The form that saves the study's settings as a measure of a package scenario.
#[derive(Default)]
struct SaveForm {
    name: String,
    capex: f64,
    lifetime: u32,
    om: f64,
    /// The scenario file to add to (`None`: a new one named after the measure).
    file: Option<std::path::PathBuf>,
    /// What the last save did.
    result: Option<Result<std::path::PathBuf, String>>,
}

impl Study {
    /// Reads the baseline again over `len_ms` before `now_ms` (a new window, or the notes in a new language);
    /// the scenario and the optimiser's results stay.
    fn rebase(&mut self, site: &plant_site::Site, store: &plant_store::Store, files: &WhatIfFiles, now_ms: i64, len_ms: i64) {
        if let Some(fresh) = open_study_over(site, store, files, self.whatif, now_ms, len_ms) {
            self.baseline = fresh.baseline;
            self.window = fresh.window;
            self.process = fresh.process;
            self.configs = fresh.configs;
            self.lang = fresh.lang;
            for (key, value) in self.edited.clone() {
                self.set_condition(&key, value);
            }
        }
    }
}

#[derive(Resource, Default)]
pub struct WhatIfState {
    pub open: bool,
    pub study: Option<Study>,
}

pub struct WhatIfPlugin;

impl Plugin for WhatIfPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<WhatIfState>()
            .init_resource::<WhatIfFiles>()
            .add_systems(Update, load_whatif_files.in_set(ViewerSystems::Load))
            .add_systems(Update, (scenario_in_3d, log_setting_changes).in_set(ViewerSystems::Scenario))
            .add_systems(EguiPrimaryContextPass, whatif_ui.in_set(PanelOrder::Overlay));
    }
}

/// A study's settings as last told to the training log: which study (unit and baseline window) and the values.
type Logged = Option<((usize, (i64, i64)), Vec<f64>)>;

/// Tells a training session (through [`OperatorAction`]) each setting the user moved, once the mouse is
/// released (a slider dragged is one change, not one per frame).
fn log_setting_changes(state: Res<WhatIfState>, mouse: Option<Res<ButtonInput<MouseButton>>>, mut last: Local<Logged>, mut out: MessageWriter<OperatorAction>) {
    let Some(study) = &state.study else {
        *last = None;
        return;
    };
    let key = (study.whatif, study.window);
    match &*last {
        Some((k, _)) if *k != key => *last = Some((key, study.scenario.clone())),
        None => *last = Some((key, study.scenario.clone())),
        Some((_, values)) if *values != study.scenario && !mouse.is_some_and(|m| m.pressed(MouseButton::Left)) => {
            for ((s, old), new) in study.process.settings().iter().zip(values).zip(&study.scenario) {
                if old != new {
                    out.write(OperatorAction { kind: OperatorActionKind::WhatIf, subject: s.key.to_owned(), detail: format!("{new:.3} {}", s.unit) });
                }
            }
            *last = Some((key, study.scenario.clone()));
        }
        _ => {}
    }
}

/// The model with the study's configuration and conditions, for a background thread.
fn process_with(id: &str, configs: &[(&'static str, String)], conditions: &[(String, f64)], at: &[f64]) -> Option<Box<dyn Process + Send>> {
    let mut p = plant_process::by_id(id)?;
    for (k, t) in configs {
        let _ = p.configure(k, t);
    }
    for (k, v) in conditions {
        p.set_condition(k, *v, at);
    }
    Some(p)
}

/// The files the site's what-if studies name (a chiller curve set), read by a loading system when the site
/// opens — never during the UI pass. One entry per `[[whatif]]`, in order: `None` when it names none.
#[derive(Resource, Default)]
pub struct WhatIfFiles {
    site: Option<Arc<plant_site::Site>>,
    pub curves: Vec<Option<Result<String, String>>>,
}

impl WhatIfFiles {
    /// Reads the files of `site`'s what-if studies (inside the package: the paths were checked when
    /// site.toml was read).
    pub fn for_site(site: &plant_site::Site) -> WhatIfFiles {
        let curves = site.whatifs.iter().map(|w| w.curves.as_ref().map(|p| std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display())))).collect();
        WhatIfFiles { site: None, curves }
    }
}

fn load_whatif_files(site: Option<Res<CurrentSite>>, mut files: ResMut<WhatIfFiles>) {
    let Some(site) = site else { return };
    if files.site.as_ref().is_some_and(|s| Arc::ptr_eq(s, &site.0)) {
        return;
    }
    *files = WhatIfFiles { site: Some(site.0.clone()), ..WhatIfFiles::for_site(&site.0) };
}

/// The configuration key of a chiller curve set.
const CURVES: &str = "curves"; // i18n-ok: a configuration key

/// Opens a study of the what-if at index `w` with its baseline over the hour before the cursor.
pub fn open_study(site: &plant_site::Site, store: &plant_store::Store, files: &WhatIfFiles, w: usize, now_ms: i64) -> Option<Study> {
    open_study_over(site, store, files, w, now_ms, 3_600_000)
}

/// As [`open_study`], with the baseline averaged over `len_ms` before the cursor.
pub fn open_study_over(site: &plant_site::Site, store: &plant_store::Store, files: &WhatIfFiles, w: usize, now_ms: i64, len_ms: i64) -> Option<Study> {
    let wi = site.whatifs.get(w)?;
    let mut process = plant_process::by_id(&wi.process)?;
    let mut configs = Vec::new();
    let mut notes = Vec::new();
    if let Some(Some(read)) = files.curves.get(w) {
        match read.clone().and_then(|t| process.configure(CURVES, &t).map(|_| t).map_err(|e| e.to_string())) {
            Ok(text) => configs.push((CURVES, text)),
            Err(e) => notes.push(msg!("whatif-curves-not-used", error = e)),
        }
    }
    let window = (now_ms - len_ms, now_ms);
    let mut b = baseline(site, store, wi, process.as_mut(), window.0, window.1);
    b.notes.extend(notes);
    Some(Study {
        whatif: w,
        scenario: b.settings.clone(),
        baseline: b,
        window,
        objective: Objective::Energy,
        prices: Prices::default(),
        result: None,
        tradeoff: None,
        show_in_3d: false,
        job: None,
        trade_job: None,
        process,
        configs,
        lang: plant_i18n::current(),
        edited: Vec::new(),
        save: SaveForm { lifetime: 10, ..SaveForm::default() },
    })
}

/// With "Show in 3D", the unit's carbon colours show the scenario: its equipment's measured CO2 rates are
/// scaled by scenario/baseline CO2 of the model. The Sankey's scenario overlay is kept current too.
fn scenario_in_3d(state: Res<WhatIfState>, site: Option<Res<CurrentSite>>, carbon: Option<ResMut<CarbonRates>>, mut overlay: ResMut<ScenarioOverlay>, mut wrote: Local<bool>) {
    let Some(site) = site else { return };
    let mut ov = ScenarioOverlay::default();
    if let Some(study) = state.study.as_ref()
        && let Some(wi) = site.0.whatifs.get(study.whatif)
    {
        let e = study.process.evaluate(&study.scenario, &study.prices);
        let b = study.process.evaluate(&study.baseline.settings, &study.prices);
        let r = |x: f64, y: f64| if y.abs() > 1e-12 { x / y } else { 1.0 };
        let ratios = (r(e.fuel_gj_h, b.fuel_gj_h), r(e.electricity_kw, b.electricity_kw), r(e.scope1_process_t_h, b.scope1_process_t_h));
        ov.name = study.process.name_msg().text();
        for id in &wi.equipment {
            ov.scale.insert(id.clone(), ratios);
        }
    }
    if *overlay != ov {
        *overlay = ov;
    }
    let Some(mut carbon) = carbon else { return };
    let mut scale = std::collections::HashMap::new();
    if let Some(study) = state.study.as_ref().filter(|s| s.show_in_3d)
        && let Some(wi) = site.0.whatifs.get(study.whatif)
    {
        let e = study.process.evaluate(&study.scenario, &study.prices);
        let b = study.process.evaluate(&study.baseline.settings, &study.prices);
        let ratio = e.co2_t_h() / b.co2_t_h().max(1e-12);
        for id in &wi.equipment {
            scale.insert(id.clone(), ratio);
        }
    }
    // The scenarios view may show a scenario in 3D too: only what this panel set is taken back.
    if scale.is_empty() && !*wrote {
        return;
    }
    *wrote = !scale.is_empty();
    if carbon.scale != scale {
        carbon.scale = scale;
    }
}

impl<T: Send + 'static> Job<T> {
    /// Runs `work` on a named thread; it reads the cancel flag and writes its progress.
    fn spawn(name: &str, work: impl FnOnce(&AtomicBool, &Mutex<Progress>) -> T + Send + 'static) -> Self {
        let cancel = Arc::new(AtomicBool::new(false));
        let progress = Arc::new(Mutex::new(Progress { fraction: 0.0, best: None }));
        let (c, p) = (cancel.clone(), progress.clone());
        let handle = std::thread::Builder::new().name(name.into()).spawn(move || work(&c, &p)).ok();
        Job { cancel, progress, handle }
    }
}

impl Study {
    /// Sets a condition on the model and in the baseline (so the background threads' copies have it too).
    fn set_condition(&mut self, key: &str, value: f64) -> bool {
        if !self.process.set_condition(key, value, &self.baseline.settings) {
            return false;
        }
        self.baseline.conditions.retain(|(k, _)| k != key);
        self.baseline.conditions.push((key.to_owned(), value));
        true
    }

    /// A fresh copy of the study's model (configuration and conditions applied), for a background thread.
    fn model_factory(&self) -> impl Fn() -> Option<Box<dyn Process + Send>> + Send + 'static {
        let (id, configs, conditions, at) = (self.process.id(), self.configs.clone(), self.baseline.conditions.clone(), self.baseline.settings.clone());
        move || process_with(id, &configs, &conditions, &at)
    }
}

fn spawn_optimise(study: &mut Study) {
    let model = study.model_factory();
    let base = study.scenario.clone();
    let mut opts = OptimiseOptions::for_process(study.process.as_ref(), study.objective);
    opts.prices = study.prices.clone();
    let id = study.process.id();
    study.result = None;
    study.job = Some(Job::spawn(OPTIMISE_THREAD, move |cancel, progress| {
        let Some(proc_) = model() else { return Err(msg!("whatif-no-model", id = id)) };
        plant_process::optimise(proc_.as_ref(), &base, &opts, cancel, &mut |pr| {
            if let Ok(mut g) = progress.lock() {
                *g = pr;
            }
        })
        .map_err(|e| e.message())
    }));
}

/// Cost (without carbon) against CO2 at the cost optimum for carbon prices 0 to 300 per t.
fn spawn_tradeoff(study: &mut Study) {
    let model = study.model_factory();
    let base = study.scenario.clone();
    let prices = study.prices.clone();
    study.trade_job = Some(Job::spawn(TRADEOFF_THREAD, move |cancel, progress| {
        let mut out = Vec::new();
        let Some(proc_) = model() else { return out };
        let steps = 11;
        for k in 0..steps {
            if cancel.load(Ordering::Relaxed) {
                break;
            }
            let carbon = 300.0 * k as f64 / (steps - 1) as f64;
            let mut opts = OptimiseOptions::for_process(proc_.as_ref(), Objective::Cost);
            opts.prices = Prices { carbon_per_t: carbon, ..prices.clone() };
            opts.samples = 128;
            if let Ok(r) = plant_process::optimise(proc_.as_ref(), &base, &opts, cancel, &mut |_| {}) {
                let no_carbon = Prices { carbon_per_t: 0.0, ..prices.clone() };
                out.push((carbon, proc_.objective(&r.evaluation, Objective::Cost, &no_carbon), proc_.objective(&r.evaluation, Objective::Co2, &prices)));
            }
            if let Ok(mut g) = progress.lock() {
                g.fraction = (k + 1) as f64 / steps as f64;
            }
        }
        out
    }));
}

#[allow(clippy::too_many_arguments)]
fn whatif_ui(
    mut contexts: EguiContexts,
    mut state: ResMut<WhatIfState>,
    site: Option<Res<CurrentSite>>,
    data: Res<MeterData>,
    files: Res<WhatIfFiles>,
    clock: Res<SiteClock>,
    selection: Res<Selection>,
    area: Res<plant_shell::FreeArea>,
    mut scenario_files: ResMut<ScenarioFiles>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(site) = site else { return Ok(()) };
    let site = &site.0;
    let selected = selection.0.as_deref().and_then(|id| site.whatifs.iter().position(|w| w.equipment.iter().any(|e| e == id)));
    // The button appears while a unit with a what-if is selected.
    if let Some(w) = selected {
        plant_shell::overlay(ctx, &area, plant_shell::Overlay::WhatIfButton, |ui| {
            let process = &site.whatifs[w].process;
            let button = ui.button(t!("whatif-button")).on_hover_ui(|ui| {
                let name = plant_process::by_id(process).map_or_else(|| process.clone(), |m| m.name_msg().text());
                ui.label(t!("whatif-button-hover", name = name));
            });
            if button.clicked() {
                state.open = !state.open;
            }
        });
        if state.open && state.study.as_ref().is_none_or(|st| st.whatif != w) {
            state.study = open_study(site, &data.0, &files, w, clock.now_ms);
        }
    }
    if !state.open {
        return Ok(());
    }
    let mut open = state.open;
    let tz = clock.time_zone;
    let now = clock.now_ms;
    if let Some(study) = state.study.as_mut() {
        // Collect finished background work.
        if study.job.as_ref().is_some_and(|j| j.finished())
            && let Some(mut j) = study.job.take()
        {
            study.result = j.take().map(|r| r.and_then(|r| r));
        }
        if study.trade_job.as_ref().is_some_and(|j| j.finished())
            && let Some(mut j) = study.trade_job.take()
        {
            match j.take() {
                Some(Ok(points)) => study.tradeoff = Some(points),
                Some(Err(e)) => study.result = Some(Err(e)),
                None => {}
            }
        }
        if study.job.is_some() || study.trade_job.is_some() {
            ctx.request_repaint();
        }
        // A stable id: the title changes with the language and the model.
        let title = t!("whatif-title", name = study.process.name_msg());
        egui::Window::new(title).id(egui::Id::new("whatif-window")).open(&mut open).default_size([580.0, 820.0]).vscroll(true).show(ctx, |ui| {
            study_ui(ui, study, site, &data.0, &files, now, tz);
            if save_ui(ui, study, site) {
                scenario_files.0 += 1;
            }
        });
    }
    state.open = open;
    Ok(())
}

/// The study, section by section: baseline window, settings, prices, baseline against scenario, optimum,
/// trade-off.
fn study_ui(ui: &mut egui::Ui, study: &mut Study, site: &plant_site::Site, store: &plant_store::Store, files: &WhatIfFiles, now: i64, tz: chrono_tz::Tz) {
    baseline_window_ui(ui, study, site, store, files, now, tz);
    conditions_ui(ui, study, site);
    settings_ui(ui, study);
    prices_ui(ui, study);
    // Baseline against scenario.
    let b = study.process.evaluate(&study.baseline.settings, &study.prices);
    let e = study.process.evaluate(&study.scenario, &study.prices);
    ui.separator();
    compare_ui(ui, study.process.as_ref(), &b, &e, &study.prices);
    ui.checkbox(&mut study.show_in_3d, t!("whatif-show-in-3d")).on_hover_text(t!("whatif-show-in-3d-hint"));
    optimise_ui(ui, study);
    tradeoff_ui(ui, study);
}

/// The baseline's window (15 min, 1 h, 1 day before the cursor) and "re-read the baseline".
fn baseline_window_ui(ui: &mut egui::Ui, study: &mut Study, site: &plant_site::Site, store: &plant_store::Store, files: &WhatIfFiles, now: i64, tz: chrono_tz::Tz) {
    ui.horizontal(|ui| {
        let lang = plant_i18n::current();
        let local = |t: i64| tz.timestamp_millis_opt(t).single().map(|d| d.naive_local());
        let from = local(study.window.0).map_or_else(|| String::from("—"), |d| plant_i18n::datetime(lang, d));
        let to = local(study.window.1).map_or_else(|| String::from("—"), |d| plant_i18n::month_day_time(lang, d));
        ui.weak(t!("whatif-baseline-window", from = from, to = to));
        let mut len = study.window.1 - study.window.0;
        let before = len;
        for (ms, label) in [(900_000, t!("whatif-window-15-min")), (3_600_000, t!("whatif-window-1-h")), (86_400_000, t!("whatif-window-1-day"))] {
            ui.selectable_value(&mut len, ms, label);
        }
        let rebase = ui.small_button(t!("whatif-rebase")).on_hover_text(t!("whatif-rebase-hint")).clicked();
        if rebase || len != before {
            study.rebase(site, store, files, now, len);
        } else if study.lang != lang {
            // The same window, its notes in the language just chosen.
            study.rebase(site, store, files, study.window.1, len);
        }
    });
    for n in &study.baseline.notes {
        ui.colored_label(ui.visuals().warn_fg_color, n.text());
    }
}

/// The catalogue id of a condition's label in the what-if panel (`capacity_t_d` → `whatif-condition-capacity-t-d`).
pub fn condition_label_id(key: &str) -> String {
    format!("whatif-condition-{}", key.replace('_', "-"))
}

/// The model's conditions (design output, coal NCV, weather…): the value in use, measured or the model's,
/// editable; a change applies to the scenario, the baseline and every optimisation from now on.
fn conditions_ui(ui: &mut egui::Ui, study: &mut Study, site: &plant_site::Site) {
    let keys = study.process.condition_keys();
    if keys.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(t!("whatif-conditions")).id_salt(CONDITIONS_GRID).show(ui, |ui| {
        ui.weak(t!("whatif-conditions-hint"));
        egui::Grid::new(CONDITIONS_GRID).num_columns(3).striped(true).show(ui, |ui| {
            for key in keys {
                let given = study.baseline.conditions.iter().find(|(k, _)| k == key).map(|(_, v)| *v);
                let Some(mut value) = study.process.condition(key).or(given) else { continue };
                let id = condition_label_id(key);
                let label = plant_i18n::tr(&id);
                ui.label(if label == id { key.to_owned() } else { label }).on_hover_text(key);
                let (before, speed) = (value, (value.abs() * 0.005).max(0.01));
                ui.add(egui::DragValue::new(&mut value).speed(speed).max_decimals(3));
                let source = site.whatifs.get(study.whatif).and_then(|w| w.conditions.iter().find(|(k, _)| k == key)).map(|(_, s)| s);
                ui.weak(if study.edited.iter().any(|(k, _)| k == key) {
                    t!("whatif-condition-edited")
                } else {
                    match (given, source) {
                        (Some(_), Some(plant_site::BaselineSource::Value(_))) => t!("whatif-condition-site"),
                        (Some(_), Some(_)) => t!("whatif-condition-measured"),
                        _ => t!("whatif-condition-model"),
                    }
                });
                ui.end_row();
                if value != before && value.is_finite() && study.set_condition(key, value) {
                    study.edited.retain(|(k, _)| k != key);
                    study.edited.push((key.to_owned(), value));
                }
            }
        });
    });
}

/// A slider per setting over its realistic range, with the baseline value to return to.
fn settings_ui(ui: &mut egui::Ui, study: &mut Study) {
    // Settings.
    ui.separator();
    ui.strong(t!("whatif-settings"));
    let settings = study.process.settings();
    egui::Grid::new(SETTINGS_GRID).num_columns(3).striped(true).show(ui, |ui| {
        for (i, st) in settings.iter().enumerate() {
            ui.label(st.label.text()).on_hover_text(st.source_label.text());
            ui.add(egui::Slider::new(&mut study.scenario[i], st.min..=st.max).custom_formatter(|v, _| format_value(v, "")).suffix(format!(" {}", st.unit)));
            let b = study.baseline.settings[i];
            let value = format_value(b, st.unit);
            let reset = if study.baseline.from_data[i] { t!("whatif-reset-measured", value = value) } else { t!("whatif-reset-default", value = value) };
            if ui.small_button(reset).on_hover_text(t!("whatif-reset-hint")).clicked() {
                study.scenario[i] = b;
            }
            ui.end_row();
        }
    });
}

/// Objective, energy and carbon prices, grid factor.
fn prices_ui(ui: &mut egui::Ui, study: &mut Study) {
    // Prices and objective.
    ui.horizontal(|ui| {
        ui.label(t!("whatif-objective"));
        for (o, label) in [(Objective::Energy, t!("whatif-objective-energy")), (Objective::Co2, t!("whatif-objective-co2")), (Objective::Cost, t!("whatif-objective-cost"))] {
            ui.selectable_value(&mut study.objective, o, label);
        }
    });
    ui.horizontal(|ui| {
        ui.label(t!("whatif-price-electricity"));
        ui.add(egui::DragValue::new(&mut study.prices.electricity_per_kwh).speed(0.01).range(0.0..=5.0).suffix(format!(" {}/kWh", study.prices.currency))); // i18n-ok: a unit
        ui.label(t!("whatif-price-carbon"));
        ui.add(egui::DragValue::new(&mut study.prices.carbon_per_t).speed(1.0).range(0.0..=1000.0).suffix(format!(" {}/t CO2", study.prices.currency))); // i18n-ok: a unit
        ui.label(t!("whatif-grid-factor"));
        ui.add(egui::DragValue::new(&mut study.prices.grid_t_per_mwh).speed(0.01).range(0.0..=1.5).suffix(" t/MWh")); // i18n-ok: a unit
    });
}

/// Optimise in the background, with progress and cancel; the recommended settings and their deltas.
fn optimise_ui(ui: &mut egui::Ui, study: &mut Study) {
    let settings = study.process.settings();
    // Optimise.
    ui.separator();
    ui.horizontal(|ui| {
        let running = study.job.is_some();
        if ui.add_enabled(!running, egui::Button::new(t!("whatif-optimise"))).on_hover_text(t!("whatif-optimise-hint")).clicked() {
            spawn_optimise(study);
        }
        if let Some(j) = &study.job {
            let p = j.progress.lock().map(|g| *g).unwrap_or(Progress { fraction: 0.0, best: None });
            ui.add(egui::ProgressBar::new(p.fraction as f32).desired_width(160.0).show_percentage());
            if ui.button(t!("whatif-cancel")).clicked() {
                j.cancel.store(true, Ordering::Relaxed);
            }
        }
    });
    match &study.result {
        Some(Ok(r)) => {
            let (base, best) = (format_value(r.baseline_objective, &r.objective_unit), format_value(r.objective, &r.objective_unit));
            let less = format!("{:.2}", 100.0 * (1.0 - r.objective / r.baseline_objective));
            ui.label(t!("whatif-optimum", baseline = base, optimum = best, percent = less));
            let fixed = study.process.default_fixed();
            egui::Grid::new(OPTIMUM_GRID).num_columns(3).show(ui, |ui| {
                for (i, st) in settings.iter().enumerate() {
                    let (was, now) = (study.scenario[i], r.settings[i]);
                    ui.label(st.label.text());
                    ui.label(format_value(now, st.unit));
                    let note = if fixed.contains(&st.key) { t!("whatif-held") } else { format!("{:+.3}", now - was) };
                    ui.weak(note);
                    ui.end_row();
                }
            });
            if ui.button(t!("whatif-apply")).clicked() {
                study.scenario = r.settings.clone();
            }
        }
        Some(Err(e)) => {
            ui.colored_label(ui.visuals().error_fg_color, e.text());
        }
        None => {}
    }
}

/// Cost against CO2 as the carbon price sweeps.
fn tradeoff_ui(ui: &mut egui::Ui, study: &mut Study) {
    // Trade-off.
    ui.separator();
    ui.horizontal(|ui| {
        if ui.add_enabled(study.trade_job.is_none(), egui::Button::new(t!("whatif-tradeoff"))).on_hover_text(t!("whatif-tradeoff-hint")).clicked() {
            spawn_tradeoff(study);
        }
        if let Some(j) = &study.trade_job {
            let f = j.progress.lock().map(|g| g.fraction).unwrap_or(0.0);
            ui.add(egui::ProgressBar::new(f as f32).desired_width(160.0).show_percentage());
        }
    });
    if let Some(points) = &study.tradeoff {
        let pts: Vec<[f64; 2]> = points.iter().map(|(_, cost, co2)| [*co2, *cost]).collect();
        let labels: Vec<(f64, [f64; 2])> = points.iter().map(|(c, cost, co2)| (*c, [*co2, *cost])).collect();
        let (co2_unit, cost_unit) = (study.process.objective_unit(Objective::Co2, &study.prices), study.process.objective_unit(Objective::Cost, &study.prices));
        let (x_label, y_label) = (t!("whatif-tradeoff-x", unit = co2_unit), t!("whatif-tradeoff-y", unit = cost_unit));
        let series = t!("whatif-tradeoff");
        egui_plot::Plot::new(TRADEOFF_PLOT).height(180.0).x_axis_label(x_label).y_axis_label(y_label).show(ui, |plot| {
            plot.line(egui_plot::Line::new(series.clone(), pts.clone()).width(1.5));
            plot.points(egui_plot::Points::new(series, pts).radius(3.0));
            for (c, p) in labels.iter().step_by(2) {
                plot.text(egui_plot::Text::new(format!("{c}"), (*p).into(), format!("{c:.0}")));
            }
        });
        ui.weak(t!("whatif-tradeoff-note"));
    }
}

fn compare_ui(ui: &mut egui::Ui, p: &dyn Process, b: &Evaluation, e: &Evaluation, prices: &Prices) {
    let per = |x: &Evaluation| if p.per_unit() { x.production_h.max(1e-12) } else { 1.0 };
    let unit = if p.per_unit() { p.production_unit_msg().text() } else { "h".to_owned() };
    egui::Grid::new(COMPARE_GRID).num_columns(5).striped(true).show(ui, |ui| {
        for h in [String::new(), t!("whatif-baseline"), t!("whatif-scenario"), t!("whatif-change"), String::new()] {
            ui.strong(h);
        }
        ui.end_row();
        let mut row = |name: String, bv: f64, ev: f64, u: &str| {
            ui.label(name);
            ui.label(format_value(bv, ""));
            ui.label(format_value(ev, ""));
            let d = if bv.abs() > 1e-12 { format!("{:+.2} %", 100.0 * (ev / bv - 1.0)) } else { format!("{:+.3}", ev - bv) };
            ui.label(d);
            ui.weak(u);
            ui.end_row();
        };
        // Units stay as they are in both languages. An all-electric plant's energy is its power, in kW: no
        // GJ/h, fuel or scope-1 rows for it.
        let electric = p.all_electric();
        if !electric {
            row(t!("whatif-row-energy"), b.energy_gj_h() / per(b), e.energy_gj_h() / per(e), &format!("GJ/{unit}"));
        }
        row(t!("whatif-row-electricity"), b.electricity_kw, e.electricity_kw, "kW");
        if !electric {
            row(t!("whatif-row-fuel"), b.fuel_gj_h, e.fuel_gj_h, "GJ/h");
            row(t!("whatif-row-scope-1-combustion"), b.scope1_combustion_t_h, e.scope1_combustion_t_h, "t CO2/h");
            row(t!("whatif-row-scope-1-process"), b.scope1_process_t_h, e.scope1_process_t_h, "t CO2/h");
        }
        row(t!("whatif-row-scope-2"), b.scope2_t_h, e.scope2_t_h, "t CO2/h");
        row(t!("whatif-row-co2"), b.co2_t_h() / per(b), e.co2_t_h() / per(e), &format!("t CO2/{unit}"));
        row(t!("whatif-row-cost"), b.cost_h(prices) / per(b), e.cost_h(prices) / per(e), &format!("{}/{unit}", prices.currency));
        row(t!("whatif-row-production"), b.production_h, e.production_h, &format!("{}/h", p.production_unit_msg()));
    });
    egui::CollapsingHeader::new(t!("whatif-outputs")).id_salt("whatif-outputs").default_open(false).show(ui, |ui| {
        egui::Grid::new(OUTPUTS_GRID).num_columns(5).striped(true).show(ui, |ui| {
            for (ob, eo) in b.outputs.iter().zip(&e.outputs) {
                ui.label(ob.label.text());
                ui.label(format_value(ob.value, ""));
                ui.label(format_value(eo.value, ""));
                let d = if ob.value.abs() > 1e-12 { format!("{:+.2} %", 100.0 * (eo.value / ob.value - 1.0)) } else { format!("{:+.3}", eo.value - ob.value) };
                ui.label(d);
                ui.weak(ob.unit);
                ui.end_row();
            }
        });
    });
    ui.add_space(4.0);
    ui.strong(t!("whatif-limits"));
    egui::Grid::new(LIMITS_GRID).num_columns(4).show(ui, |ui| {
        for c in &e.constraints {
            let ok = c.margin() >= -1e-9;
            let colour = if ok { ui.visuals().text_color() } else { ui.visuals().error_fg_color };
            ui.colored_label(colour, c.label.text());
            ui.label(format_value(c.value, c.unit));
            let limit = format_value(c.limit, c.unit);
            ui.weak(if c.bound == plant_process::Bound::Max { t!("whatif-limit-max", value = limit) } else { t!("whatif-limit-min", value = limit) });
            ui.colored_label(
                colour,
                if ok { t!("whatif-margin", value = format_value(c.margin(), c.unit)) } else { t!("whatif-violated", value = format_value(-c.margin(), c.unit)) },
            );
            ui.end_row();
        }
    });
}

/// "Save as a measure": the settings moved from the baseline, with a name, capital, lifetime and O&M, added to
/// a scenario of the package (or a new one); `true` when a file was written.
fn save_ui(ui: &mut egui::Ui, study: &mut Study, site: &plant_site::Site) -> bool {
    let mut wrote = false;
    ui.separator();
    egui::CollapsingHeader::new(t!("whatif-save")).id_salt(SAVE_SECTION).show(ui, |ui| {
        let settings = study.process.settings();
        let changed: Vec<(String, f64)> = settings
            .iter()
            .zip(&study.scenario)
            .zip(&study.baseline.settings)
            .filter(|((_, x), b)| (*x - *b).abs() > 1e-9)
            .map(|((s, x), _)| (s.key.to_owned(), (x * 1e4).round() / 1e4))
            .collect();
        if changed.is_empty() {
            ui.weak(t!("whatif-save-nothing"));
            return;
        }
        ui.weak(changed.iter().map(|(k, v)| format!("{k} = {v}")).collect::<Vec<_>>().join(", "));
        let form = &mut study.save;
        egui::Grid::new(SAVE_SECTION).num_columns(2).show(ui, |ui| {
            ui.label(t!("whatif-save-name"));
            ui.text_edit_singleline(&mut form.name);
            ui.end_row();
            plant_viewer_context::measure_cost_rows(ui, &mut form.capex, &mut form.lifetime, &mut form.om);
            ui.label(t!("whatif-save-to"));
            let name_of = |p: &std::path::Path| p.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            let shown = form.file.as_deref().map_or_else(|| t!("whatif-save-new-scenario"), name_of);
            egui::ComboBox::from_id_salt(SAVE_SECTION).selected_text(shown).show_ui(ui, |ui| {
                ui.selectable_value(&mut form.file, None, t!("whatif-save-new-scenario"));
                // Read while the list is open only.
                for p in plant_scenario::list_for_site(site) {
                    let label = name_of(&p);
                    ui.selectable_value(&mut form.file, Some(p), label);
                }
            });
            ui.end_row();
        });
        let name = form.name.trim().to_owned();
        if ui.add_enabled(!name.is_empty(), egui::Button::new(t!("whatif-save-button"))).clicked() {
            let unit = site.whatifs.get(study.whatif).map_or_else(String::new, |w| {
                let unique = site.whatifs.iter().filter(|x| x.process == w.process).count() == 1;
                if unique { w.process.clone() } else { w.equipment.first().cloned().unwrap_or_default() }
            });
            let measure = plant_scenario::Measure {
                name: plant_site::Text::new(name.clone(), None),
                action: plant_scenario::Action::Process { whatif: study.whatif, unit, settings: changed },
                capex: form.capex,
                lifetime_years: form.lifetime,
                om_per_year: form.om,
            };
            form.result = Some(
                match &form.file {
                    Some(path) => plant_scenario::edit::update(path, |t| plant_scenario::edit::add_measure(t, &measure)).map(|()| path.clone()),
                    None => {
                        let mut s = plant_scenario::Scenario::new(&name, site);
                        s.measures.push(measure);
                        plant_scenario::edit::create(site, &s)
                    }
                }
                .map_err(|m| m.text()),
            );
            if let Some(Ok(path)) = &form.result {
                form.file = Some(path.clone());
                wrote = true;
            }
        }
        match &form.result {
            Some(Ok(path)) => {
                ui.weak(t!("whatif-save-done", file = path.display().to_string()));
            }
            Some(Err(e)) => {
                ui.colored_label(ui.visuals().error_fg_color, e.as_str());
            }
            None => {}
        }
    });
    wrote
}
