//! Alarms: the state machine (deadband, delays, acknowledgement, shelving and its expiry, out of service,
//! scrubbing back gives what playing forward gave), the alarm file (errors at their line), the sample sites'
//! alarms on their recorded events, and the journal's figures.

mod engine;
mod file;
mod oplog;
mod sites;

use std::path::PathBuf;

use plant_alarms::{AlarmDef, Kind, Priority};
use plant_store::{Series, Store};

pub fn sample_site(name: &str) -> (plant_site::Site, Store) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites").join(name);
    let site = match plant_site::open(&root) {
        Ok(o) => o.site,
        Err(d) => panic!("{d}"),
    };
    let store = plant_ingest::load_site_data(&site, &|_, _| {}).store;
    (site, store)
}

/// A store with one meter `m` of 1-minute samples `values` from t = 0.
pub fn one_meter(values: &[f64]) -> Store {
    let mut s = Store::new();
    let t: Vec<i64> = (0..values.len() as i64).map(|i| i * 60_000).collect();
    s.insert("m", Series::from_samples(t, values.to_vec()).0);
    s
}

pub fn def(kind: Kind, limit: f64, deadband: f64, on_s: i64, off_s: i64) -> AlarmDef {
    AlarmDef {
        id: "a".into(),
        meter: "m".into(),
        terms: Vec::new(),
        expected: None,
        anomalies: Vec::new(),
        kind,
        limit,
        deadband,
        on_delay_ms: on_s * 1000,
        off_delay_ms: off_s * 1000,
        priority: Priority::High,
        reference: None,
        message: "test".into(),
        message_zh: None,
    }
}
