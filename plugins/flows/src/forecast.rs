//! The site's energy and CO2 over the next day from the cursor, forecast in the background
//! (docs/forecasts.md): the totals of each hour of the 28 days before the cursor's hour (the accounting
//! over each hour, the panel's own figures), each forecast 24 hours ahead by MSTL with an ETS trend; the
//! flows panel shows the day's sums. With a CO2 target for the cursor's year in site.toml, the year's
//! trajectory too (plant_accounting::trajectory). Made on a thread of its own when the cursor enters another
//! hour while the panel is open; the frame never waits on it. The record's hourly totals are made once per
//! data and kept.

use std::sync::{Arc, Mutex};

use bevy::prelude::*;
use plant_viewer_context::{CurrentSite, MeterData, Residency, SiteClock, Summed};

use crate::accounting::SankeyState;

const HOUR_MS: i64 = 3_600_000;
/// The history each forecast learns from, and how far it looks ahead (hours).
const HISTORY_MS: i64 = 28 * 24 * HOUR_MS;
const AHEAD: usize = 24;
const LEVEL: f64 = 0.95;

/// The next day's sums: the point forecast and the hours' 95 % bounds summed (wider than the day's own
/// interval: the hours' errors are not independent, so this is the cautious reading).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DaySum {
    pub point: f64,
    pub lower: f64,
    pub upper: f64,
}

/// The next day's energy (GJ) and CO2 (t) from `from_ms`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NextDay {
    pub from_ms: i64,
    pub energy_gj: DaySum,
    pub co2_t: DaySum,
}

type Outcome = Result<NextDay, String>;

/// What a job makes: the next day, the year's trajectory (when the year has a target), and the record's
/// hourly totals it made them from (kept for the next hour).
struct Made {
    next_day: Outcome,
    trajectory: Option<Result<plant_accounting::Trajectory, String>>,
    hourly: (usize, Arc<plant_accounting::HourlyTotals>),
}

/// The forecast made for the cursor's hour, and the one being made.
#[derive(Resource, Default)]
pub struct TotalsForecast {
    /// The data (store pointer) and hour the last forecast was asked for.
    key: Option<(usize, i64)>,
    job: Option<Arc<Mutex<Option<Made>>>>,
    pub made: Option<Outcome>,
    /// The year of the cursor against the site's CO2 target; `None` without a target for that year.
    pub trajectory: Option<Result<plant_accounting::Trajectory, String>>,
    /// The record's hourly totals, for the data (store pointer) they were made from.
    hourly: Option<(usize, Arc<plant_accounting::HourlyTotals>)>,
}

impl TotalsForecast {
    /// Whether a forecast is being made.
    pub fn making(&self) -> bool {
        self.job.is_some()
    }
}

/// The sum of a forecast's steps.
fn day_sum(band: &plant_forecast::Band) -> DaySum {
    DaySum { point: band.point.iter().sum(), lower: band.lower.iter().sum(), upper: band.upper.iter().sum() }
}

/// The next day from `at` (on the hour), from the 28 days of hourly totals before it.
pub fn next_day(site: &plant_site::Site, store: &plant_store::Store, at: i64) -> Outcome {
    let (book, _) = plant_accounting::prepare(site);
    let h = plant_accounting::hourly_totals(site, store, &book, at - HISTORY_MS, at);
    next_day_from(&h, at)
}

/// The next day from `at` from hourly totals (those of the 28 days before it are used).
fn next_day_from(h: &plant_accounting::HourlyTotals, at: i64) -> Outcome {
    let fc = |values: &[f64]| plant_forecast::forecast_samples(&h.times_ms, values, at, HISTORY_MS, HOUR_MS, AHEAD, LEVEL).map(|(_, band)| day_sum(&band));
    let energy_gj = fc(&h.energy_gj).map_err(|e| e.to_string())?;
    let co2_t = fc(&h.co2_t).map_err(|e| e.to_string())?;
    Ok(NextDay { from_ms: at, energy_gj, co2_t })
}

/// Starts a forecast when the panel is open and the cursor is in another hour (or the data changed), one at
/// a time; takes a finished one. Over a paged database the record's hours are the database's hourly sums
/// ([`Summed`]): the held hours around the cursor are not the record.
#[allow(clippy::too_many_arguments)]
pub fn update(
    site: Option<Res<CurrentSite>>,
    data: Res<MeterData>,
    clock: Res<SiteClock>,
    state: Res<SankeyState>,
    residency: Res<Residency>,
    mut summed: ResMut<Summed>,
    mut fc: ResMut<TotalsForecast>,
) {
    let record = (clock.start_ms, clock.end_ms + 1);
    let wanted = residency.paged.is_some() && state.open && clock.has_range() && site.as_ref().is_some_and(|s| !s.0.flows.is_empty());
    Summed::ask(&mut summed, "forecast", wanted.then_some(record)); // i18n-ok: the key of this view's window in Summed
    if let Some(slot) = &fc.job {
        let done = slot.lock().ok().and_then(|mut s| s.take());
        if let Some(made) = done {
            fc.made = Some(made.next_day);
            fc.trajectory = made.trajectory;
            fc.hourly = Some(made.hourly);
            fc.job = None;
        }
        return;
    }
    let Some(site) = site else { return };
    if !state.open || site.0.flows.is_empty() {
        return;
    }
    let (store, silent) = if residency.paged.is_some() {
        match summed.answer(record).map(|a| &a.result) {
            Some(Ok(d)) => (d.store.clone(), d.silent.clone()),
            // On its way, or the database could not sum it (the flows panel says why): nothing to forecast from.
            _ => return,
        }
    } else {
        (data.0.clone(), Vec::new())
    };
    let hour = clock.now_ms - clock.now_ms.rem_euclid(HOUR_MS);
    let key = (Arc::as_ptr(&store) as usize, hour);
    if fc.key == Some(key) {
        return;
    }
    fc.key = Some(key);
    let slot = Arc::new(Mutex::new(None));
    let kept = fc.hourly.clone().filter(|(k, _)| *k == key.0);
    let (site, out) = (site.0.clone(), slot.clone());
    let at = clock.now_ms;
    std::thread::spawn(move || {
        let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| make(&site, &store, &silent, key.0, kept, hour, at))).unwrap_or_else(|_| {
            let failed = String::from("internal error"); // i18n-ok: shown inside a catalogue message
            Made { next_day: Err(failed.clone()), trajectory: Some(Err(failed)), hourly: (0, Arc::default()) }
        });
        if let Ok(mut s) = out.lock() {
            *s = Some(made);
        }
    });
    fc.job = Some(slot);
}

/// The next day from the cursor's hour and the year's trajectory at the cursor, from the record's hourly
/// totals (made here when not kept for this data), less the `silent` spans (a paged database's hours half
/// the meters are silent in, as the files' hourly totals leave them out).
fn make(
    site: &plant_site::Site,
    store: &plant_store::Store,
    silent: &[(i64, i64)],
    data: usize,
    kept: Option<(usize, Arc<plant_accounting::HourlyTotals>)>,
    hour: i64,
    at: i64,
) -> Made {
    let hourly = kept.unwrap_or_else(|| {
        let (book, _) = plant_accounting::prepare(site);
        let (first, last) = store.time_range().unwrap_or((0, 0));
        let mut h = plant_accounting::hourly_totals(site, store, &book, first, last.saturating_add(1));
        h.retain(|t| !silent.iter().any(|&(a, b)| a < t + HOUR_MS && t < b));
        (data, Arc::new(h))
    });
    let next_day = next_day_from(&hourly.1, hour);
    let trajectory = plant_accounting::trajectory::year_of(&site.time_zone, at)
        .and_then(|(year, _, _)| site.co2_target(year))
        .map(|target| plant_accounting::trajectory::from_hourly(&hourly.1, target, &site.time_zone, at).map_err(|e| e.to_string()));
    Made { next_day, trajectory, hourly }
}
