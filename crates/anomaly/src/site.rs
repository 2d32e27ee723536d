//! A site's meters as the detectors take them: each meter's samples in a window, alike meters grouped, the
//! usual day in the site's time zone.

use chrono::{Offset, TimeZone};
use plant_site::Site;
use plant_store::Store;

use crate::{Anomaly, Cancelled, MeterSeries, Settings, TimestampMs, detect};

/// The key alike meters share: the kind of their equipment, their quantity and unit, and what their id adds
/// to the equipment's (`pot-001.voltage` and `pot-002.voltage` are alike; a chiller's power and its
/// chilled-water temperature are not).
pub fn peer_group(site: &Site, meter: &plant_site::Meter) -> String {
    let kind = site.equipment.iter().find(|e| e.id == meter.equipment).map_or("", |e| e.kind.as_str());
    let role = meter.id.strip_prefix(meter.equipment.as_str()).unwrap_or(&meter.id);
    format!("{kind}|{:?}|{}|{role}", meter.quantity, meter.unit)
}

/// The anomalies of the site's meters in `[t0, t1)` (all of the record where `None`), with `settings`' time
/// zone offset taken from the site's zone at `t0`.
pub fn site_anomalies(
    site: &Site,
    store: &Store,
    window: Option<(TimestampMs, TimestampMs)>,
    settings: &Settings,
    progress: &(dyn Fn(usize, usize) -> bool + Sync),
) -> Result<Vec<Anomaly>, Cancelled> {
    let (t0, t1) = window.or_else(|| store.time_range().map(|(a, b)| (a, b + 1))).unwrap_or((0, 0));
    let groups: Vec<String> = site.meters.iter().map(|m| peer_group(site, m)).collect();
    let meters: Vec<MeterSeries<'_>> = site
        .meters
        .iter()
        .zip(&groups)
        .map(|(m, g)| {
            let (times_ms, values) = store.get(&m.id).map_or((&[][..], &[][..]), |s| s.window(t0, t1));
            MeterSeries { id: &m.id, peer_group: Some(g), times_ms, values }
        })
        .collect();
    let offset = chrono::DateTime::from_timestamp_millis(t0).map_or(0, |t| i64::from(site.time_zone.offset_from_utc_datetime(&t.naive_utc()).fix().local_minus_utc()) * 1000);
    let mut found = detect(&meters, &Settings { utc_offset_ms: offset, ..settings.clone() }, progress)?;
    // A meter with no sample at all in the window is silent throughout.
    let silent = meters.iter().filter(|m| m.times_ms.is_empty()).map(|m| Anomaly {
        meter: Some(m.id.to_string()),
        kind: crate::Kind::NoData,
        start_ms: t0,
        end_ms: t1,
        value: f64::NAN,
        expected: f64::NAN,
        score: 0.0,
        count: 1,
    });
    found.extend(silent);
    // The process model's checks (`checks` of the site's `[[whatif]]` units).
    if site.whatifs.iter().any(|w| !w.checks.is_empty()) {
        found.extend(crate::model::model_deviations(&std::sync::Arc::new(site.clone()), store, t0, t1).0);
    }
    found.sort_by(|a, b| a.start_ms.cmp(&b.start_ms).then_with(|| a.meter.cmp(&b.meter)).then_with(|| a.kind.cmp(&b.kind)));
    Ok(found)
}
