//! Energy and carbon accounting of a site over a time window (Bevy-free).
//!
//! From the site's flow graph (site.toml `[[node]]`, `[[flow]]`, `[[product]]`, `[accounting]`) and the
//! recorded meters, a [`Report`] gives every flow in its own unit, in energy (fuels: mass × NCV) and in CO2;
//! energy bought per carrier; CO2 by scope (scope 1 combustion and process, biogenic memo, scope 2
//! location- and market-based); key figures per product (GJ/t, kgce/t, kWh/t, t CO2/t); net use and CO2
//! per node; and balance violations, which are reported, never absorbed. The UI's Sankey panel and
//! `plant-twin report` both read this one report, so they show the same numbers.
//!
//! Rules (sources in docs/references.md: [IPCC-2006-V2], [GHG-S2], [MEE-2023], [MEE-NBS-2024]):
//! - A fuel is counted where it is burnt: a flow of the fuel into a node that passes none of it on.
//!   E = m × NCV × EF × OF; the biomass share of it is a memo item (WBCSD CSI protocol).
//! - Scope 2, location-based: Σ_t E_t × EF_t with a factor meter (e.g. hourly), else E × EF_year.
//!   Market-based (China practice): E × (1 − contracted non-fossil share) × the residual-mix factor.
//! - Process CO2 of calcination: clinker × [(CaO − CaO_nc) × 44.009/56.077 + (MgO − MgO_nc) × 44.009/40.304].
//! - Remainder flows (losses, unmetered) carry what enters their node as energy and leaves by no other flow.
//! - kgce: 29.3076 MJ (GB/T 2589); electricity counts at its calorific equivalent (0.1229 kgce/kWh).

pub mod book;
pub mod format;
pub mod report;
pub mod trajectory;

pub use book::{Book, Carrier, CarrierKind, prepare};
pub use format::{Format, UnknownFormat, render};
pub use report::{
    Adjust, CarrierLine, EnergyTotals, Figure, FlowLine, HourlyTotals, ImbalanceLine, KpiLine, NodeLine, ProcessLine, ProductLine, Report, Scopes, hourly_figure, hourly_totals,
    report, report_adjusted, report_from_totals,
};
pub use trajectory::{DayPoint, Part, Trajectory, TrajectoryError, trajectory};
