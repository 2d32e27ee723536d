//! Site parsing, good and bad, and model binding.

mod flows;
mod model;
mod package;
mod parse;
