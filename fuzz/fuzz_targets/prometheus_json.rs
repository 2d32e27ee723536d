//! Prometheus HTTP API answers (`/api/v1/query` vectors and `/api/v1/query_range` matrices):
//! `plant_live::parse_prometheus` on any UTF-8 body.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: plant_twin_fuzz::init(), |data: &[u8]| {
    let Ok(body) = std::str::from_utf8(data) else { return };
    plant_twin_fuzz::show(&plant_live::parse_prometheus(body, "kiln-1.drive-power"));
});
