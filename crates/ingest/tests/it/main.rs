//! Ingest tests: timestamp forms, messy CSV, Parquet, and the bundled cement plant.

mod fixtures;
mod fuzz_regressions;
mod messy;
mod sample_site;
mod timestamps;
