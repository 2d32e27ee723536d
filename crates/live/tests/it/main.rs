//! Live sources: configuration, payload parsing, faults against a server the test controls, the
//! simulator (plant-simulator, which the live tests use as their server), Prometheus end to end, and the recorder.

mod config;
mod faults;
mod modbus;
mod mqtt;
mod opcua;
mod opcua_asyncua;
mod parse;
mod prometheus;
mod recorder;
mod simulator;

use std::path::PathBuf;
use std::sync::Arc;

use plant_i18n::{Arg, Lang, Msg};

pub fn cement() -> (Arc<plant_site::Site>, Arc<plant_store::Store>) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant");
    let site = match plant_site::open(&root) {
        Ok(o) => o.site,
        Err(d) => panic!("{d}"),
    };
    let store = plant_ingest::load_site_data(&site, &|_, _| {}).store;
    (Arc::new(site), Arc::new(store))
}

/// Whether `m` is the message `id` with these arguments (numbers compared as written: `("code", "500")`).
pub fn is_msg(m: &Msg, id: &str, args: &[(&str, &str)]) -> bool {
    m.id == id
        && args.iter().all(|(k, v)| match m.arg(k) {
            Some(Arg::Str(s)) => s == v,
            Some(Arg::Num(n)) => n.to_string() == *v,
            Some(Arg::Msg(inner)) => inner.id == *v,
            None => false,
        })
}

/// Whether the message reads in Chinese (its id is in the zh-CN catalogue and translated).
pub fn reads_in_chinese(m: &Msg) -> bool {
    let zh = m.text_in(Lang::ZhCn);
    zh != m.id && zh.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// GET a URL's body (a small runtime of its own).
pub fn fetch(url: &str) -> Result<String, String> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
    rt.block_on(async {
        let r = reqwest::Client::new().get(url).timeout(std::time::Duration::from_secs(5)).send().await.map_err(|e| e.to_string())?;
        r.text().await.map_err(|e| e.to_string())
    })
}

/// Drains a live handle's events into `store` and the latest `status` until `pred` holds (or panics after `secs`,
/// naming `what`).
pub fn until(
    live: &plant_live::LiveHandle,
    store: &mut plant_store::Store,
    status: &mut plant_live::SourceStatus,
    secs: u64,
    what: &str,
    pred: impl Fn(&plant_live::SourceStatus, &plant_store::Store) -> bool,
) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    while !pred(status, store) {
        assert!(std::time::Instant::now() < deadline, "timed out waiting for {what}: {status:?}");
        match live.recv_timeout(std::time::Duration::from_millis(50)) {
            Some(plant_live::LiveEvent::Samples { samples, .. }) => {
                plant_live::apply(store, &samples);
            }
            Some(plant_live::LiveEvent::Status { status: s, .. }) => *status = s,
            None => {}
        }
    }
}
