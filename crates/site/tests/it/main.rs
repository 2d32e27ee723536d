//! Site parsing, good and bad, and model binding.

mod flows;
mod fuzz_regressions;
mod model;
mod package;
mod parse;
