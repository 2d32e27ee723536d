//! The logic half of the flows view: the site's accounting book, the report of the panel's window, the
//! report at the cursor (rates, for the 3D flows and the carbon colours). Runs without a window; the
//! headless tests drive it.

use std::sync::Arc;

use bevy::prelude::*;
use plant_accounting::{Book, Report};
use plant_viewer_context::{CarbonRates, CurrentSite, LoadStatus, MeterData, Problems, Residency, SiteClock, Summed, ViewerSystems, Wanted};

/// How much time the Sankey and the report sum over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    /// Rates at the cursor (one sampling interval).
    Instant,
    Hour,
    Day,
    Week,
    Record,
}

/// What the Sankey shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Energy,
    Co2,
}

#[derive(Resource, Debug)]
pub struct SankeyState {
    pub open: bool,
    pub span: Span,
    pub view: View,
    /// Show the what-if scenario (when one is set) instead of the measured flows.
    pub scenario: bool,
    /// Show the scenarios view's comparison (when one is set) as a difference Sankey.
    pub difference: bool,
}

impl Default for SankeyState {
    fn default() -> Self {
        Self { open: false, span: Span::Day, view: View::Energy, scenario: false, difference: false }
    }
}

/// The site's accounting book and per-site constants, prepared when a site opens.
#[derive(Resource, Debug, Default)]
pub struct Accounting {
    site: Option<Arc<plant_site::Site>>,
    pub book: Option<Book>,
    /// The sampling interval of the flow meters: the "instant" window.
    pub instant_ms: i64,
    /// Per flow: the largest hourly mean rate over the record in its energy (GJ/h) or amount unit per hour,
    /// for the speed of the 3D flow markers.
    pub flow_max: Vec<f64>,
    /// The data (store pointer) the constants were computed from.
    prepared_for: Option<usize>,
}

/// The report of the panel's window (`key`: window and data it was computed for).
#[derive(Resource, Debug, Default)]
pub struct WindowReport {
    pub key: Option<(i64, i64, usize)>,
    pub report: Option<Report>,
    /// Why there is no report yet over a paged database: the window is on its way, being summed by the
    /// database, or could not be summed.
    pub pending: Option<Pending>,
    /// The report is of the database's hourly sums (a window longer than the paged cache holds): how many
    /// samples it summed.
    pub summed_samples: Option<u64>,
}

/// A window of a paged database not (yet) held whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pending {
    Loading,
    /// Longer than the cache holds beside the cursor's hours: the database is summing it.
    Summing,
    /// Longer than the cache (limit in MB) holds, and the database could not sum it (why).
    TooLong {
        cache_mb: usize,
        error: String,
    },
}

/// The report over one sampling interval at the cursor: rates now.
#[derive(Resource, Debug, Default)]
pub struct InstantReport {
    pub key: Option<(i64, usize)>,
    pub report: Option<Report>,
}

pub fn build(app: &mut App) {
    app.init_resource::<SankeyState>()
        .init_resource::<Accounting>()
        .init_resource::<WindowReport>()
        .init_resource::<InstantReport>()
        .add_systems(Update, (prepare_book, (instant_report, window_report)).chain().in_set(ViewerSystems::Accounting));
}

/// The window `[t0, t1)` for a span around the cursor, clamped to the record. Hours, days and weeks are
/// aligned to whole spans from the record's start, so the diagram does not change every frame while
/// playing; the instant is one sampling interval from the cursor.
pub fn window(span: Span, clock: &SiteClock, instant_ms: i64) -> (i64, i64) {
    let h = 3_600_000i64;
    let len = match span {
        Span::Instant => {
            let d = instant_ms.max(1000);
            let t0 = (clock.now_ms - d).max(clock.start_ms);
            return (t0, t0 + d);
        }
        Span::Hour => h,
        Span::Day => 24 * h,
        Span::Week => 7 * 24 * h,
        Span::Record => return (clock.start_ms, clock.end_ms + 1),
    };
    let start = clock.start_ms + (clock.now_ms - clock.start_ms).div_euclid(len) * len;
    (start, (start + len).min(clock.end_ms + 1))
}

/// The store's identity (replaced when a data file load finishes).
fn store_id(data: &MeterData) -> usize {
    Arc::as_ptr(&data.0) as usize
}

/// The store's identity and size: live samples are appended in place, so reports over a window must be
/// recomputed when the count grows.
fn data_key(data: &MeterData) -> usize {
    store_id(data).wrapping_mul(31).wrapping_add(data.0.sample_count())
}

/// Prepares the book when a site opens (factor-set problems go to the Problems list) and, once its
/// data are in, the per-site constants.
#[allow(clippy::too_many_arguments)]
fn prepare_book(
    mut commands: Commands,
    site: Option<Res<CurrentSite>>,
    data: Res<MeterData>,
    status: Res<LoadStatus>,
    mut acc: ResMut<Accounting>,
    mut problems: ResMut<Problems>,
    mut instant: ResMut<InstantReport>,
    mut windowed: ResMut<WindowReport>,
) {
    let Some(site) = site else { return };
    let same_site = acc.site.as_ref().is_some_and(|s| Arc::ptr_eq(s, &site.0));
    if !same_site {
        let (book, diags) = plant_accounting::prepare(&site.0);
        problems.list.extend(diags);
        *acc = Accounting { site: Some(site.0.clone()), book: (!site.0.flows.is_empty()).then_some(book), instant_ms: 60_000, flow_max: Vec::new(), prepared_for: None };
        *instant = InstantReport::default();
        *windowed = WindowReport::default();
    }
    if !status.is_ready() || acc.prepared_for == Some(store_id(&data)) {
        return;
    }
    acc.prepared_for = Some(store_id(&data));
    let Some(book) = acc.book.clone() else { return };
    let store = &data.0;
    // The instant: the longest median sampling interval among the flow meters.
    let mut interval = 0;
    for f in &site.0.flows {
        if let plant_site::FlowValue::Meters(terms) = &f.value {
            for (_, id) in terms {
                if let Some(s) = store.get(id) {
                    interval = interval.max(s.interval_ms());
                }
            }
        }
    }
    acc.instant_ms = if interval > 0 { interval } else { 60_000 };
    // Hourly reports over the record: the top of the carbon colour scale and of the flow speeds.
    let Some((start, end)) = store.time_range() else { return };
    let mut carbon_max: f64 = 0.0;
    let mut flow_max = vec![0.0f64; site.0.flows.len()];
    let h = 3_600_000;
    let mut t = start;
    while t <= end {
        let r = plant_accounting::report(&site.0, store, &book, t, t + h);
        for n in &r.nodes {
            if site.0.equipment(&n.id).is_some() {
                carbon_max = carbon_max.max(n.co2_t * 1000.0);
            }
        }
        for f in &r.flows {
            let v = f.energy_gj.or(f.amount.as_ref().map(|a| a.value)).unwrap_or(0.0);
            flow_max[f.index] = flow_max[f.index].max(v.abs());
        }
        t += h;
    }
    acc.flow_max = flow_max;
    commands.insert_resource(CarbonRates { values: Default::default(), max: carbon_max, scale: Default::default() });
}

/// The report at the cursor, and the carbon rate of every item from it.
fn instant_report(
    site: Option<Res<CurrentSite>>,
    data: Res<MeterData>,
    clock: Res<SiteClock>,
    acc: Res<Accounting>,
    mut instant: ResMut<InstantReport>,
    carbon: Option<ResMut<CarbonRates>>,
) {
    let (Some(site), Some(book), Some(mut carbon)) = (site, acc.book.as_ref(), carbon) else { return };
    if !clock.has_range() {
        return;
    }
    let (t0, t1) = window(Span::Instant, &clock, acc.instant_ms);
    let key = (t0, data_key(&data));
    if instant.key == Some(key) {
        return;
    }
    let r = plant_accounting::report(&site.0, &data.0, book, t0, t1);
    let per_hour = 1000.0 / r.hours.max(1e-9);
    let values = r.nodes.iter().filter(|n| site.0.equipment(&n.id).is_some()).map(|n| (n.id.clone(), n.co2_t * per_hour)).collect();
    carbon.values = values;
    instant.key = Some(key);
    instant.report = Some(r);
}

/// The report of the panel's window, when the panel is open. Over a paged database the window is asked for
/// ([`Wanted`]) and reported only once it is held whole: a report of part of it would be wrong figures.
#[allow(clippy::too_many_arguments)]
fn window_report(
    site: Option<Res<CurrentSite>>,
    data: Res<MeterData>,
    clock: Res<SiteClock>,
    acc: Res<Accounting>,
    state: Res<SankeyState>,
    instant: Res<InstantReport>,
    residency: Res<Residency>,
    mut wanted: ResMut<Wanted>,
    mut summed: ResMut<Summed>,
    mut out: ResMut<WindowReport>,
) {
    let (Some(site), Some(book)) = (site, acc.book.as_ref()) else { return };
    let open = state.open && clock.has_range();
    let (t0, t1) = window(state.span, &clock, acc.instant_ms);
    Wanted::set(&mut wanted, "flows", (open && residency.paged.is_some()).then_some((t0, t1))); // i18n-ok: the key of this view's window in Wanted
    // A window the cache cannot hold is summed by the database instead.
    let too_long = open && !residency.holds(t0, t1) && residency.refused(t0, t1);
    Summed::ask(&mut summed, "flows", too_long.then_some((t0, t1))); // i18n-ok: the key of this view's window in Summed
    if !open {
        return;
    }
    if too_long {
        summed_report(&site.0, book, (t0, t1), &summed, &residency, &mut out);
        return;
    }
    if !residency.holds(t0, t1) {
        if out.pending != Some(Pending::Loading) || out.report.is_some() {
            *out = WindowReport { pending: Some(Pending::Loading), ..Default::default() };
        }
        return;
    }
    let key = (t0, t1, data_key(&data));
    if out.key == Some(key) {
        return;
    }
    out.report = if state.span == Span::Instant && instant.key == Some((t0, data_key(&data))) {
        instant.report.clone()
    } else {
        Some(plant_accounting::report(&site.0, &data.0, book, t0, t1))
    };
    out.key = Some(key);
    out.pending = None;
    out.summed_samples = None;
}

/// The report of a window the database summed by the hour, once its answer is in; until then, or when it
/// failed, why there is none.
fn summed_report(site: &plant_site::Site, book: &Book, (t0, t1): (i64, i64), summed: &Summed, residency: &Residency, out: &mut WindowReport) {
    let pending = match summed.answer((t0, t1)).map(|a| &a.result) {
        None => Pending::Summing,
        Some(Err(e)) => Pending::TooLong { cache_mb: residency.paged.as_ref().map_or(0, |p| p.limit_bytes >> 20), error: e.clone() },
        Some(Ok(d)) => {
            let key = (t0, t1, Arc::as_ptr(&d.store) as usize);
            if out.key != Some(key) {
                let mut totals = plant_flows::flow_totals(site, &d.store, t0, t1);
                plant_flows::set_coverage(site, &mut totals, |m| d.coverage.get(m).copied());
                *out = WindowReport {
                    key: Some(key),
                    report: Some(plant_accounting::report_from_totals(site, &d.store, book, t0, t1, &totals)),
                    pending: None,
                    summed_samples: Some(d.samples),
                };
            }
            return;
        }
    };
    if out.pending.as_ref() != Some(&pending) || out.report.is_some() {
        *out = WindowReport { pending: Some(pending), ..Default::default() };
    }
}
