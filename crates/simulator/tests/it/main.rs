//! The meter simulator: what it serves agrees with the recording, and its binary refuses bad options.

mod serve;

use std::path::PathBuf;
use std::sync::Arc;

pub fn cement() -> (Arc<plant_site::Site>, Arc<plant_store::Store>) {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant");
    let site = match plant_site::open(&root) {
        Ok(o) => o.site,
        Err(d) => panic!("{d}"),
    };
    let store = plant_ingest::load_site_data(&site, &|_, _| {}).store;
    (Arc::new(site), Arc::new(store))
}

/// GET a URL's body (a small runtime of its own).
pub fn fetch(url: &str) -> Result<String, String> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().map_err(|e| e.to_string())?;
    rt.block_on(async {
        let r = reqwest::Client::new().get(url).timeout(std::time::Duration::from_secs(5)).send().await.map_err(|e| e.to_string())?;
        r.text().await.map_err(|e| e.to_string())
    })
}

#[test]
fn the_binary_refuses_bad_options_with_a_message() {
    let sim = env!("CARGO_BIN_EXE_plant-twin-sim");
    let site = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant");
    let out = std::process::Command::new(sim).arg(&site).args(["--speed", "0"]).output().expect("runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--speed 0 must be above 0"));
    let out = std::process::Command::new(sim).arg(&site).args(["--from", "yesterday"]).output().expect("runs");
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("is not a time"), "{}", String::from_utf8_lossy(&out.stderr));
}
