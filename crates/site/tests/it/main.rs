//! Site parsing, good and bad, and model binding.

mod edit;
mod flows;
mod fuzz_regressions;
mod model;
mod package;
mod parse;

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
