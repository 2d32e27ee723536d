//! plant-historian: PromQL building, answer parsing, `[historian]` in site.toml, and — against a real
//! VictoriaMetrics (Debian's `victoria-metrics`, started here on a free loopback port; required in CI by
//! `PLANT_TWIN_REQUIRE_VICTORIA=1`) — import, read back equal to the files, a database gone and back.

mod pager;
mod parse;
mod site;
mod summary;
mod victoria;
mod vm;
