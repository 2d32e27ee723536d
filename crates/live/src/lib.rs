//! Live meter data for Plant Twin (Bevy-free).
//!
//! Live is just another source feeding the store: sources ([`config`]) are polled on a thread with a Tokio
//! runtime of its own ([`runner`]), and their samples come back over a channel that the app drains once a
//! frame and appends to the store, so every view works the same on live and recorded data. Sources speak
//! HTTP JSON (a value per meter at a JSON pointer) or the Prometheus HTTP query API (PromQL per meter;
//! Prometheus, VictoriaMetrics, Thanos and Grafana Mimir all answer it), backfilling the recent window on
//! connect; MQTT sources ([`mqtt`]) subscribe to a broker instead (plain numbers, JSON, or Sparkplug B), and Modbus
//! TCP sources ([`modbus`]) poll registers. The [`recorder`] writes live samples to rolling Parquet files atomically. The meter simulator that
//! serves a site's recorded data as if live is a crate of its own, `plant-simulator`.

pub mod browse;
pub mod config;
mod error;
pub mod modbus;
pub mod mqtt;
pub mod opcua;
pub mod poll;
pub mod recorder;
pub mod runner;
pub mod sparkplug;

pub use config::{
    ALLOW_ENV, Auth, Mqtt, Origin, Payload, Point, RecorderConfig, SOURCES_FILE, Source, SourceKind, SourcesConfig, TimestampUnit, credential_env_allowed, is_loopback, load,
    load_for_site, parse, parse_duration_ms, parse_from,
};
pub use error::LiveError;
pub use poll::{LiveSample, PollError, PollResult, parse_json, parse_prometheus};
pub use recorder::{Recorder, RecorderEvent, RecorderHandle};
pub use runner::{LiveEvent, LiveHandle, MAX_BACKOFF_MS, MAX_CLOCK_SKEW_MS, QUEUE_CAP, QueueStats, Refused, SampleWindow, SourceState, SourceStatus, backoff_ms};

/// What appending live samples to a store did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Applied {
    pub appended: usize,
    /// Older than the meter's last sample, or not finite: refused, the store unchanged for them.
    pub refused: usize,
}

/// Appends samples to the store (the path every live sample takes into the app).
pub fn apply(store: &mut plant_store::Store, samples: &[LiveSample]) -> Applied {
    let mut a = Applied::default();
    for (meter, t, v) in samples {
        match store.push(meter, *t, *v) {
            Ok(()) => a.appended += 1,
            Err(_) => a.refused += 1,
        }
    }
    a
}
