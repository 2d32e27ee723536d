//! Ingest tests: timestamp forms, messy CSV, Parquet, and the bundled cement plant.

mod fixtures;
mod fuzz_regressions;
mod messy;
mod sample_site;
mod scaffold;
mod timestamps;

use plant_i18n::{Arg, Lang, Msg};

/// Argument `name` of a message as text (a number as Rust writes it, a message inside it in English), or ""
/// when absent.
pub fn arg(m: &Msg, name: &str) -> String {
    match m.arg(name) {
        Some(Arg::Str(s)) => s.clone(),
        Some(Arg::Num(n)) => n.to_string(),
        Some(Arg::Msg(m)) => m.text_in(Lang::En),
        None => String::new(),
    }
}
