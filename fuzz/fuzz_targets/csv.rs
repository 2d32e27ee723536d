//! CSV data files: `plant_ingest::read_file` on the input written to a .csv file, against the cement
//! plant's meters. See `plant_twin_fuzz::ingest_one` and `plant_twin_fuzz::init_ingest`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(init: plant_twin_fuzz::init_ingest(), |data: &[u8]| {
    plant_twin_fuzz::ingest_one("csv", data);
});
