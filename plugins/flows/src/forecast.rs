//! The site's energy and CO2 over the next day from the cursor, forecast in the background
//! (docs/forecasts.md): the totals of each hour of the 28 days before the cursor's hour (the accounting
//! over each hour, the panel's own figures), each forecast 24 hours ahead by MSTL with an ETS trend; the
//! flows panel shows the day's sums. Made on a thread of its own when the cursor enters another hour while
//! the panel is open; the frame never waits on it.

use std::sync::{Arc, Mutex};

use bevy::prelude::*;
use plant_viewer_context::{CurrentSite, MeterData, SiteClock};

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

/// The forecast made for the cursor's hour, and the one being made.
#[derive(Resource, Default)]
pub struct TotalsForecast {
    /// The data (store pointer) and hour the last forecast was asked for.
    key: Option<(usize, i64)>,
    job: Option<Arc<Mutex<Option<Outcome>>>>,
    pub made: Option<Outcome>,
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
    let fc = |values: &[f64]| plant_forecast::forecast_samples(&h.times_ms, values, at, HISTORY_MS, HOUR_MS, AHEAD, LEVEL).map(|(_, band)| day_sum(&band));
    let energy_gj = fc(&h.energy_gj).map_err(|e| e.to_string())?;
    let co2_t = fc(&h.co2_t).map_err(|e| e.to_string())?;
    Ok(NextDay { from_ms: at, energy_gj, co2_t })
}

/// Starts a forecast when the panel is open and the cursor is in another hour (or the data changed), one at
/// a time; takes a finished one.
pub fn update(site: Option<Res<CurrentSite>>, data: Res<MeterData>, clock: Res<SiteClock>, state: Res<SankeyState>, mut fc: ResMut<TotalsForecast>) {
    if let Some(slot) = &fc.job {
        let done = slot.lock().ok().and_then(|mut s| s.take());
        if let Some(outcome) = done {
            fc.made = Some(outcome);
            fc.job = None;
        }
        return;
    }
    let Some(site) = site else { return };
    if !state.open || site.0.flows.is_empty() {
        return;
    }
    let hour = clock.now_ms - clock.now_ms.rem_euclid(HOUR_MS);
    let key = (Arc::as_ptr(&data.0) as usize, hour);
    if fc.key == Some(key) {
        return;
    }
    fc.key = Some(key);
    let slot = Arc::new(Mutex::new(None));
    let (site, store, out) = (site.0.clone(), data.0.clone(), slot.clone());
    std::thread::spawn(move || {
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| next_day(&site, &store, hour))).unwrap_or_else(|_| Err(String::from("internal error"))); // i18n-ok: shown inside a catalogue message
        if let Ok(mut s) = out.lock() {
            *s = Some(outcome);
        }
    });
    fc.job = Some(slot);
}
