//! A site's recorded data in a time-series database with the Prometheus query API — VictoriaMetrics,
//! Prometheus, Grafana Mimir, Thanos — instead of (or beside) its data files (docs/historian.md).
//!
//! - [`load_site`] reads the files and, when the user agreed to connect, the `[historian]` of `site.toml`:
//!   every meter's raw samples over the window, a chunk of time and a batch of meters per request (an
//!   instant query of a range selector, which every Prometheus-API database answers with the samples as
//!   stored, not resampled), into the same [`plant_store::Store`] the files make. Every view then works the
//!   same on either.
//! - [`import`] pushes a site's recorded series into VictoriaMetrics (its `/api/v1/import` JSON-lines API)
//!   as `plant_twin_meter{site, meter, unit}`: only the samples after those the database already holds for
//!   each meter, so a second run sends nothing and an interrupted one goes on where it stopped.
//! - [`Pager`] holds only the hours around the cursor (and the views' windows) in a cache of limited size;
//!   [`Summariser`] has the database sum a window too long for that cache, by the hour ([`summarise`]),
//!   and reduce a chart's window to its pixel columns ([`chart`]).
//!
//! Nothing here starts network traffic on its own: callers pass `connect` only when the user agreed
//! (SECURITY.md). Credentials come only from `PLANT_TWIN_*` variables and never go over plain HTTP off this
//! machine. Answers are untrusted: bodies are size-limited and parsed without panicking ([`parse`] has a
//! fuzz target).

pub mod chart;
mod client;
mod import;
mod pager;
pub mod parse;
pub mod promql;
mod read;
pub mod summary;

pub use chart::{ChartAsk, ChartLines, chart};
pub use client::{Connection, Error};
pub use import::{ImportOptions, ImportReport, import, selector_for};
pub use pager::{Pager, PagerConfig, Snapshot};
pub use read::{HistorianRead, load_site, read, shared_gaps, window};
pub use summary::{Answer, Summariser, Summary, summarise};
