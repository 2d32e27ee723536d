//! Site parsing, good and bad, and model binding.

mod model;
mod parse;
