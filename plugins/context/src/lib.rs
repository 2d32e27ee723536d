//! The viewer context: what every view shares, and nothing else. Modelled on Rerun's
//! `re_viewer_context`: views depend on this crate (and the shell's layout), never on each other.
//!
//! - the site and its data: [`CurrentSite`], [`ModelInfo`], [`MeterData`] (the store), [`LoadStatus`],
//!   [`Problems`];
//! - the cursor: [`SiteClock`];
//! - what the user picked: [`Selection`], [`Hovered`], [`ColourBy`], [`FrameRequest`];
//! - what views hand each other: [`CarbonRates`] (filled by the flows view, scaled by the what-if view,
//!   drawn by the 3D view), [`ScenarioOverlay`], [`EquipmentAlarms`] (filled by the alarms view, drawn by
//!   the 3D view and listed by the inspector), [`MeterAnomalies`] (found by the anomalies view, marked by
//!   the inspector's charts and the 3D view), and each equipment item's [`EquipmentReading`] and
//!   [`EquipmentTint`] at the cursor;
//! - the language every panel is drawn in: [`Language`] (and [`language_picker`], the menu that switches it);
//! - the order of the frame: [`ViewerSystems`];
//! - how values, colours, quantities and carriers look: [`style`] ([`quantity_label`], [`carrier_label`]
//!   name them in the current language).

mod clock;
mod language;
pub mod style;

use std::sync::{Arc, Mutex};
use std::time::Instant;

use bevy::prelude::*;
use plant_site::{Diagnostic, ModelReport, Quantity, Severity, Site};
use plant_store::Store;

pub use clock::{SPEEDS, SiteClock, format_time, format_time_in};
pub use language::{Language, language_picker};
pub use style::{NO_DATA_COLOUR, carrier_colour, carrier_label, colour_at, egui_colour, files_written_ui, format_value, measure_cost_rows, quantity_label, swatch_ui};

/// The order of a frame in `Update`: the site and data arrive, live samples are appended, the clock
/// advances, reports are computed at the cursor, a what-if scenario is applied, then the 3D view binds
/// nodes and reads values and colours. Every view puts its systems in one of these sets.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViewerSystems {
    Load,
    Live,
    Advance,
    Accounting,
    Scenario,
    Bind,
    Readings,
}

/// Adds the shared resources and the frame order. Added once, by the app, before the views.
pub struct ViewerContextPlugin;

impl Plugin for ViewerContextPlugin {
    fn build(&self, app: &mut App) {
        use ViewerSystems::*;
        app.init_resource::<SiteClock>()
            .init_resource::<Problems>()
            .init_resource::<LoadStatus>()
            .init_resource::<MeterData>()
            .init_resource::<Residency>()
            .init_resource::<Wanted>()
            .init_resource::<Summed>()
            .init_resource::<Charted>()
            .init_resource::<ModelInfo>()
            .init_resource::<Selection>()
            .init_resource::<Hovered>()
            .init_resource::<ColourBy>()
            .init_resource::<ScenarioOverlay>()
            .init_resource::<ScenarioDifference>()
            .init_resource::<ScenarioFiles>()
            .init_resource::<EquipmentAlarms>()
            .init_resource::<MeterAnomalies>()
            .init_resource::<TrainingRunning>()
            .init_resource::<Language>()
            .add_message::<FrameRequest>()
            .add_message::<ViewRequest>()
            .add_message::<OperatorAction>()
            .add_systems(PreUpdate, language::apply_language)
            .configure_sets(Update, (Load, Live, Advance, Accounting, Scenario, Bind, Readings).chain());
    }
}

/// The open site, once `site.toml` has been read.
#[derive(Resource, Clone, Debug)]
pub struct CurrentSite(pub Arc<Site>);

/// The model's binding of equipment to nodes and its bounds.
#[derive(Resource, Clone, Debug, Default)]
pub struct ModelInfo(pub ModelReport);

/// All meter data: the recording, replaced whole when a load finishes, and live samples appended in
/// place by the live view once a frame (`Arc::make_mut`; views hold it only within a frame, so no copy).
/// Views never mutate it otherwise.
#[derive(Resource, Clone, Debug, Default)]
pub struct MeterData(pub Arc<Store>);

/// Everything found wrong in the site package, its model, its data and its live sources.
#[derive(Resource, Debug, Default)]
pub struct Problems {
    pub list: Vec<Diagnostic>,
    pub window_open: bool,
}

impl Problems {
    pub fn counts(&self) -> (usize, usize) {
        let errors = self.list.iter().filter(|d| d.severity == Severity::Error).count();
        (errors, self.list.len() - errors)
    }
}

/// Which part of the record [`MeterData`] holds. `paged: None` (files, or a database read whole): all of
/// it. With a paged database (docs/historian.md) only the spans around the cursor are held: outside them a
/// meter without a value is *loading*, never *no data*, and views keep what they showed until it arrives.
#[derive(Resource, Default, Debug, Clone)]
pub struct Residency {
    pub paged: Option<Paged>,
}

/// What a paged database has sent so far.
#[derive(Debug, Clone, Default)]
pub struct Paged {
    /// Spans `[start, end)` (ms) whose samples are all held, in time order.
    pub resident: Vec<(i64, i64)>,
    /// The database's last error, in the current language (the data held stays).
    pub error: Option<String>,
    pub blocks: usize,
    pub bytes: usize,
    /// Windows views asked for ([`Wanted`]) that the cache's size limit cannot hold beside the cursor's
    /// hours: they are not paged in, and the views say so.
    pub refused: Vec<(i64, i64)>,
    /// The cache's size limit (bytes).
    pub limit_bytes: usize,
}

/// Windows of the record that open views need held whole, by view (the flows panel's day or week): a
/// paged database pages them in beside the cursor's hours when its cache can hold them.
#[derive(Resource, Default, Debug, Clone, PartialEq)]
pub struct Wanted(pub std::collections::BTreeMap<&'static str, (i64, i64)>);

impl Wanted {
    /// Sets (or, with `None`, drops) a view's window; unchanged windows leave the resource untouched.
    pub fn set(wanted: &mut ResMut<Wanted>, view: &'static str, window: Option<(i64, i64)>) {
        if wanted.0.get(view).copied() != window {
            match window {
                Some(w) => wanted.0.insert(view, w),
                None => wanted.0.remove(view),
            };
        }
    }
}

/// A window a paged database's cache cannot hold, summed by the database by the hour instead
/// (docs/historian.md, "Windows summed by the database"): a view asks, the loading plugin answers.
#[derive(Resource, Default, Debug, Clone)]
pub struct Summed {
    /// The windows `[t0, t1)` views want summed now, by view (the flows panel's window, the record for the
    /// trajectory and forecasts).
    pub asked: std::collections::BTreeMap<&'static str, (i64, i64)>,
    /// Windows summed, newest last; a few are kept, so going back to one is immediate.
    pub answers: Vec<SummedWindow>,
}

/// A window the database summed, or why it could not (in the current language).
#[derive(Debug, Clone)]
pub struct SummedWindow {
    pub window: (i64, i64),
    pub result: Result<SummedData, String>,
}

/// Every meter over the window as one sample an hour that adds up, integrates or averages to the hour's
/// figure (`plant_historian::Summary`), and the share of the window each meter's samples cover.
#[derive(Debug, Clone)]
pub struct SummedData {
    pub store: Arc<Store>,
    pub coverage: std::collections::HashMap<String, f64>,
    /// Samples the database summed.
    pub samples: u64,
    /// Hours (and ragged ends) half the meters are silent in: left out of hour-by-hour totals.
    pub silent: Vec<(i64, i64)>,
}

/// A chart window a paged database's cache does not hold, reduced by the database to the chart's pixel
/// columns (docs/historian.md, "Charts"): the inspector asks, the loading plugin answers.
#[derive(Resource, Default, Debug, Clone)]
pub struct Charted {
    /// What the inspector's charts ask for now.
    pub asked: Option<ChartWindow>,
    /// The last answer: what it answers, and each meter's line as (time, value) points in time order, or
    /// why there is none (in the current language).
    pub answer: Option<(ChartWindow, Result<Arc<std::collections::HashMap<String, Vec<(i64, f64)>>>, String>)>,
}

/// Meters over `window` (whole columns) in columns of `step_ms`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChartWindow {
    pub meters: Vec<String>,
    pub window: (i64, i64),
    pub step_ms: i64,
}

impl ChartWindow {
    /// What charts of `meters` over `[now − half, now + half)` in `columns` pixel columns ask for, when it is
    /// not `asked`: `None` while `asked` covers that window at about the same column width (so playing and
    /// scrubbing ask again only when the window leaves it), else the window widened by half its span on each
    /// side, in whole columns.
    pub fn for_charts(meters: &[&str], now: i64, half_ms: i64, columns: usize, asked: Option<&ChartWindow>) -> Option<ChartWindow> {
        let (t0, t1) = (now - half_ms, now + half_ms);
        let step = ((t1 - t0) / columns.max(1) as i64).max(1_000);
        if let Some(a) = asked
            && a.meters.iter().map(String::as_str).eq(meters.iter().copied())
            && a.window.0 <= t0
            && t1 <= a.window.1
            && a.step_ms * 4 >= step * 3
            && a.step_ms * 3 <= step * 4
        {
            return None;
        }
        // Whole seconds, so the same columns come back for the same chart width.
        let step = (step + 999) / 1000 * 1000;
        let (a, b) = (t0 - half_ms / 2, t1 + half_ms / 2);
        let meters = meters.iter().map(|m| m.to_string()).collect();
        Some(ChartWindow { meters, window: (a.div_euclid(step) * step, (b - 1).div_euclid(step) * step + step), step_ms: step })
    }
}

impl Summed {
    /// The answer for `window`, if it came.
    pub fn answer(&self, window: (i64, i64)) -> Option<&SummedWindow> {
        self.answers.iter().rev().find(|a| a.window == window)
    }

    /// `view` asks for `window` summed (or, with `None`, for nothing); unchanged, the resource stays
    /// untouched.
    pub fn ask(summed: &mut ResMut<Summed>, view: &'static str, window: Option<(i64, i64)>) {
        if summed.asked.get(view).copied() != window {
            match window {
                Some(w) => summed.asked.insert(view, w),
                None => summed.asked.remove(view),
            };
        }
    }
}

impl Residency {
    /// Whether every sample of `[t0, t1)` is held: always, unless the data is paged.
    pub fn holds(&self, t0: i64, t1: i64) -> bool {
        self.paged.as_ref().is_none_or(|p| p.resident.iter().any(|&(a, b)| a <= t0 && t1 <= b))
    }

    /// Whether `[t0, t1)` was asked for and refused as longer than the paged cache holds.
    pub fn refused(&self, t0: i64, t1: i64) -> bool {
        self.paged.as_ref().is_some_and(|p| p.refused.contains(&(t0, t1)))
    }

    /// Whether the record at `t` is still on its way (a paged database whose blocks do not hold `t`).
    pub fn loading_at(&self, t: i64) -> bool {
        self.paged.as_ref().is_some_and(|p| !p.resident.iter().any(|&(a, b)| a <= t && t < b))
    }
}

/// Where loading the recorded data stands.
#[derive(Resource, Default)]
pub enum LoadStatus {
    #[default]
    NotStarted,
    Loading {
        started: Instant,
        /// Fraction loaded and the current step.
        progress: Arc<Mutex<(f32, String)>>,
    },
    Ready {
        secs: f64,
    },
    /// The site could not be opened or its data not loaded; see [`Problems`].
    Failed,
}

impl LoadStatus {
    pub fn is_ready(&self) -> bool {
        matches!(self, LoadStatus::Ready { .. })
    }

    /// Fraction loaded and the current step, while loading.
    pub fn progress(&self) -> Option<(f32, String)> {
        match self {
            LoadStatus::Loading { progress, .. } => progress.lock().ok().map(|p| p.clone()),
            _ => None,
        }
    }
}

/// Marks the glTF node entity that stands for an equipment item.
#[derive(Component, Debug, Clone, PartialEq, Eq)]
pub struct EquipmentNode {
    pub id: String,
}

/// The root of the site's model in the scene (its glTF nodes are below it).
#[derive(Component, Debug, Clone, Copy, Default)]
pub struct SiteModel;

/// The names of a model node's ancestors and its own, root first: the path binding by `node = "A/B"` reads
/// (docs/site-format.md). Mesh primitives are not nodes.
pub fn node_path(names: &Query<(&Name, Option<&ChildOf>), Without<Mesh3d>>, entity: Entity) -> Vec<String> {
    let mut path = Vec::new();
    let mut at = Some(entity);
    while let Some(e) = at
        && let Ok((name, parent)) = names.get(e)
        && path.len() < 256
    {
        path.push(name.as_str().to_owned());
        at = parent.map(ChildOf::parent);
    }
    path.reverse();
    path
}

/// The item's value for the colour quantity at the cursor, in the quantity's display unit;
/// `None` is "no data" (no meter of that quantity, or every such meter in a gap).
#[derive(Component, Debug, Clone, Copy, Default, PartialEq)]
pub struct EquipmentReading(pub Option<f64>);

/// The colour the item is painted with.
#[derive(Component, Debug, Clone, Copy, PartialEq)]
pub struct EquipmentTint(pub Color);

/// The selected equipment item (by id), shared by the 3D view, the tree and the inspector.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection(pub Option<String>);

/// The equipment item under the pointer in 3D.
#[derive(Resource, Debug, Clone, Default, PartialEq, Eq)]
pub struct Hovered(pub Option<String>);

/// Ask the 3D view to frame an equipment item (or the whole site with `None`).
#[derive(Message, Debug, Clone)]
pub struct FrameRequest(pub Option<String>);

/// A view asked for by a file (a training scenario's camera): frame an equipment item (or, `None`, the whole
/// site), then look from `yaw_deg` round and `pitch_deg` down, `zoom` times the framing distance. Read by the
/// 3D view.
#[derive(Message, Debug, Clone, PartialEq)]
pub struct ViewRequest {
    pub frame: Option<String>,
    pub yaw_deg: Option<f32>,
    pub pitch_deg: Option<f32>,
    pub zoom: Option<f32>,
}

/// What the 3D view colours equipment by.
#[derive(Resource, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColourBy {
    /// The model's own materials.
    Model,
    Quantity(Quantity),
    /// CO2 each item causes at the cursor (scope 1 where it burns fuel or calcines, scope 2 of its
    /// electricity and heat), from the site's accounting: [`CarbonRates`].
    Carbon,
}

impl ColourBy {
    /// The unit of the values this mode colours by.
    pub fn unit(self) -> &'static str {
        match self {
            ColourBy::Model => "",
            ColourBy::Quantity(q) => q.display_unit(),
            ColourBy::Carbon => CARBON_UNIT,
        }
    }
}

/// Unit of [`CarbonRates`].
pub const CARBON_UNIT: &str = "kg CO2/h"; // i18n-ok: a unit, the same in every language

/// CO2 per equipment item at the cursor, kg/h, filled by the accounting plugin; `max` is the largest
/// hourly rate of any item over the record (the top of the colour scale).
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct CarbonRates {
    pub values: std::collections::HashMap<String, f64>,
    pub max: f64,
    /// Factors applied to items' values (a what-if scenario shown in 3D); 1 where absent.
    pub scale: std::collections::HashMap<String, f64>,
}

impl Default for ColourBy {
    fn default() -> Self {
        ColourBy::Quantity(Quantity::ElectricPower)
    }
}

/// Something an operator did in a view that a training session logs with the cursor's time (the alarm
/// list's actions, a what-if setting moved): written by the view, read by the training view.
#[derive(Message, Debug, Clone, PartialEq)]
pub struct OperatorAction {
    pub kind: OperatorActionKind,
    /// The alarm's id, or the what-if setting's key.
    pub subject: String,
    /// The operator's note, or the setting's new value.
    pub detail: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OperatorActionKind {
    Acknowledge,
    Shelve,
    Unshelve,
    OutOfService,
    ReturnToService,
    WhatIf,
}

/// Whether a training session is running (set by the training view): what the operator does then is the
/// trainee's, logged by the training view, and the alarms view does not keep it in the site's operator log.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TrainingRunning(pub bool);

/// A what-if scenario the Sankey can show instead of the measured flows: per equipment item, the
/// scenario/baseline ratios of its fuel, electricity and process CO2 (set by the what-if panel).
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct ScenarioOverlay {
    /// Name of the study, for the panel.
    pub name: String,
    /// Equipment id → (fuel ratio, electricity ratio, process CO2 ratio).
    pub scale: std::collections::HashMap<String, (f64, f64, f64)>,
}

/// A designer's comparison of two outcomes over a window (the scenarios view: the baseline against a
/// scenario, or A against B), for the flows panel's difference Sankey. Empty: none.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct ScenarioDifference {
    /// The two outcomes' names ("Baseline", "Package A").
    pub a: String,
    pub b: String,
    /// The window's length, h.
    pub hours: f64,
    /// Per flow of the site (its index): energy in GJ and CO2 in t, in A and in B (`None`: not known).
    pub flows: Vec<DifferenceFlow>,
    /// Process CO2 releases: product id, kind (`calcination`…), node, t in A and in B.
    pub process: Vec<(String, String, String, f64, f64)>,
}

/// Bumped by whoever writes a package's scenario files (the what-if panel saving a measure), so that the
/// scenarios view reads them again.
#[derive(Resource, Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScenarioFiles(pub u64);

/// A flow in both outcomes of a [`ScenarioDifference`].
#[derive(Debug, Clone, PartialEq)]
pub struct DifferenceFlow {
    pub index: usize,
    pub energy_gj: (Option<f64>, Option<f64>),
    pub co2_t: (Option<f64>, Option<f64>),
}

/// The alarms each equipment item is in at the cursor (annunciated ones: active, or returned to normal and
/// not yet acknowledged), filled by the alarms view; the 3D view marks the item in the priority's colour,
/// flashing while unacknowledged, and the inspector lists them.
#[derive(Resource, Debug, Clone, Default, PartialEq)]
pub struct EquipmentAlarms(pub std::collections::HashMap<String, Vec<AlarmMark>>);

/// The anomalies found in the site's data (docs/anomalies.md), filled by the anomalies view when its
/// background detection ends; the inspector shades them on each meter's chart and lists those in its window,
/// the 3D view marks the equipment that has one at the cursor.
#[derive(Resource, Debug, Clone, Default)]
pub struct MeterAnomalies {
    pub list: Arc<Vec<plant_anomaly::Anomaly>>,
    /// Each meter's anomalies, as indices into `list`.
    by_meter: Arc<std::collections::HashMap<String, Vec<usize>>>,
}

impl MeterAnomalies {
    pub fn new(list: Vec<plant_anomaly::Anomaly>) -> Self {
        let mut by_meter: std::collections::HashMap<String, Vec<usize>> = std::collections::HashMap::new();
        for (i, a) in list.iter().enumerate() {
            if let Some(m) = &a.meter {
                by_meter.entry(m.clone()).or_default().push(i);
            }
        }
        MeterAnomalies { list: Arc::new(list), by_meter: Arc::new(by_meter) }
    }

    /// A meter's anomalies overlapping `[t0, t1]`; a data outage of all meters is every meter's. A recurring
    /// gap (one entry for many days' gaps, spanning them all) is left to the list.
    pub fn of(&self, meter: &str, t0: i64, t1: i64) -> impl Iterator<Item = &plant_anomaly::Anomaly> {
        let own = self.by_meter.get(meter).map_or(&[][..], Vec::as_slice).iter().map(|&i| &self.list[i]);
        let all = self.list.iter().filter(|a| a.meter.is_none());
        own.chain(all).filter(move |a| a.count == 1 && a.overlaps(t0, t1))
    }
}

/// One alarm of an equipment item at the cursor.
#[derive(Debug, Clone, PartialEq)]
pub struct AlarmMark {
    pub alarm: String,
    pub priority: plant_alarms::Priority,
    pub state: plant_alarms::AlarmState,
    /// The message in the current language.
    pub message: String,
}

impl EquipmentAlarms {
    /// The most urgent alarm of an item and whether any of its alarms is unacknowledged.
    pub fn worst(&self, equipment: &str) -> Option<(plant_alarms::Priority, bool)> {
        let marks = self.0.get(equipment)?;
        let worst = marks.iter().map(|m| m.priority).min()?;
        let unacked = marks.iter().any(|m| matches!(m.state, plant_alarms::AlarmState::Unacknowledged | plant_alarms::AlarmState::ReturnedUnacknowledged));
        Some((worst, unacked))
    }
}

/// The colour of an alarm priority: critical red, high orange, medium yellow, low cyan (a common HMI
/// convention; ISA-101 leaves the colours to the site's alarm philosophy).
pub fn priority_colour(p: plant_alarms::Priority) -> Color {
    match p {
        plant_alarms::Priority::Critical => Color::srgb(0.88, 0.10, 0.12),
        plant_alarms::Priority::High => Color::srgb(1.0, 0.50, 0.0),
        plant_alarms::Priority::Medium => Color::srgb(0.95, 0.82, 0.0),
        plant_alarms::Priority::Low => Color::srgb(0.0, 0.72, 0.83),
    }
}
