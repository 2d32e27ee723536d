//! A `[historian]` database's answers and selector: the first line is the selector template
//! (`plant_historian::promql::plan` for a few meters, ids with quotes and regex metacharacters), the rest an
//! answer of `/api/v1/query` (`plant_historian::parse::parse_answer`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: plant_twin_fuzz::init(), |data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let (template, body) = text.split_once('\n').unwrap_or((text, ""));
    let meters = vec![("kiln-1.drive-power".to_string(), "kiln_kW".to_string()), ("a\"b\\c|d".to_string(), "{meter}".to_string())];
    plant_twin_fuzz::show(&plant_historian::promql::plan(template, &meters));
    plant_twin_fuzz::show(&plant_historian::parse::parse_answer(body));
});
