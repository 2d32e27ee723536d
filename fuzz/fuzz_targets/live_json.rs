//! HTTP JSON payloads: `plant_live::parse_json`. The first byte picks the timestamp unit (`0` s, `1` ms,
//! `2` µs, `3` ns, `4` RFC 3339, any other byte by its value minus `0`, modulo 5); the rest is the body,
//! read with the pointers the cement plant's example source uses (`/timestamp`, `/meters/{meter}` for
//! every meter of the site).
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use plant_live::TimestampUnit;

static METERS: OnceLock<Vec<(String, String)>> = OnceLock::new();

const UNITS: [TimestampUnit; 5] = [TimestampUnit::Seconds, TimestampUnit::Millis, TimestampUnit::Micros, TimestampUnit::Nanos, TimestampUnit::Rfc3339];

fuzz_target!(init: plant_twin_fuzz::init(), |data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let Ok(body) = std::str::from_utf8(rest) else { return };
    let meters = METERS.get_or_init(|| {
        let site = plant_twin_fuzz::cement_site(Path::new("/nonexistent/plant-twin-fuzz/cement-plant"));
        site.meters.iter().map(|m| (m.id.clone(), format!("/meters/{}", m.id))).collect()
    });
    let unit = UNITS[first.wrapping_sub(b'0') as usize % UNITS.len()];
    plant_twin_fuzz::show(&plant_live::parse_json(body, Some("/timestamp"), unit, meters, 1_800_000_000_000));
});
