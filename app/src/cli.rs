//! Command line of the `plant-twin` binary.

use std::path::PathBuf;

use clap::Parser;

/// The site opened when none is given: the bundled cement plant.
pub const DEFAULT_SITE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../sample-sites/cement-plant");

#[derive(Parser, Debug, Clone)]
#[command(
    name = "plant-twin",
    version,
    about = "Plant Twin: a desktop digital twin of an industrial plant or building",
    long_about = "Plant Twin opens a site package — a folder with site.toml, model.glb and recorded meter data under \
                  data/ — shows its 3D model with every meter bound to its equipment, and plays or scrubs the recorded \
                  data through it.\n\n\
                  Without SITE it opens the bundled default site, a 5,000 t/d cement plant (sample-sites/cement-plant).\n\
                  With SITE it opens that site package instead. The format is described in docs/site-format.md.",
    after_help = "Examples:\n  plant-twin                                  # the bundled cement plant\n  plant-twin path/to/my-site                  # another site package\n  plant-twin --at '2026-11-10 14:30' --select kiln-1 --paused\n  plant-twin report sample-sites/cement-plant --from 2026-11-03 --to 2026-11-10 --format md\n  plant-twin-sim sample-sites/cement-plant --speed 60   # the meter simulator, a binary of its own",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// Site package folder (holding site.toml). Default: the bundled cement plant.
    pub site: Option<PathBuf>,

    /// Start at this time instead of the start of the record: ISO 8601 ("2026-11-10T14:30:00+08:00"),
    /// or local time in the site's time zone ("2026-11-10 14:30").
    #[arg(long)]
    pub at: Option<String>,

    /// Playback speed, site seconds per real second (1 to 3600).
    #[arg(long, default_value_t = 600.0)]
    pub speed: f64,

    /// Start paused instead of playing.
    #[arg(long)]
    pub paused: bool,

    /// Select an equipment item by id at start.
    #[arg(long)]
    pub select: Option<String>,

    /// Colour equipment by this quantity at start (electric_power, mass_flow, temperature, …), by "carbon"
    /// (CO2 caused), or "model".
    #[arg(long)]
    pub colour_by: Option<String>,

    /// Open the energy and carbon flows (Sankey) panel at start, showing energy (default) or co2.
    #[arg(long, num_args = 0..=1, default_missing_value = "energy", value_parser = ["energy", "co2"])]
    pub flows: Option<String>,

    /// The flows panel's window at start: now, hour, day, week or record.
    #[arg(long, default_value = "day", value_parser = ["now", "hour", "day", "week", "record"])]
    pub flows_window: String,

    /// Open the what-if panel of the selected unit at start (with --select).
    #[arg(long)]
    pub whatif: bool,

    /// Your own live sources file, used instead of the site's sources.toml and started at once (see docs/live.md).
    #[arg(long)]
    pub sources: Option<PathBuf>,

    /// Connect the site's live sources without asking and follow now (a package's sources.toml otherwise waits for your consent).
    #[arg(long)]
    pub live: bool,

    /// Window size in logical pixels, e.g. 1600x900.
    #[arg(long, default_value = "1600x900", value_parser = parse_size)]
    pub size: (u32, u32),

    /// Save a screenshot of the window to this PNG once the site and its data have loaded, then exit.
    #[arg(long)]
    pub screenshot: Option<PathBuf>,
}

#[derive(clap::Subcommand, Debug, Clone)]
pub enum Command {
    /// Energy and CO2 of a site over a window, without a window: by node, carrier and scope, KPIs per
    /// product, balance violations and the factor sets used. The same numbers as the flows panel.
    Report(ReportArgs),
    /// Evaluate a process model at given settings: outputs, energy and CO2 by scope, cost, and the margin
    /// to every limit.
    Eval(EvalArgs),
    /// Optimise a process model's settings for energy, CO2 or cost within its limits.
    Optimise(OptimiseArgs),
}

#[derive(clap::Args, Debug, Clone)]
pub struct WhatIfCommon {
    /// The process model.
    #[arg(value_parser = clap::builder::PossibleValuesParser::new(plant_process::IDS))]
    pub process: String,
    /// A setting, as key=value in the setting's unit (repeatable); the others stay at their defaults.
    /// `plant-twin eval PROCESS` lists the settings with units and ranges.
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub set: Vec<String>,
    /// Electricity price per kWh.
    #[arg(long, default_value_t = 0.65)]
    pub electricity_price: f64,
    /// Carbon price per t CO2.
    #[arg(long, default_value_t = 90.0)]
    pub carbon_price: f64,
    /// Grid emission factor, t CO2/MWh.
    #[arg(long, default_value_t = 0.5703)]
    pub grid_factor: f64,
    /// A chiller curve set (TOML: name, cop_ref, plr_min, capft, eirft, eirfplr) for the chiller plant,
    /// instead of DOE-2 Centrifugal/5.50COP.
    #[arg(long)]
    pub curves: Option<PathBuf>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args, Debug, Clone)]
pub struct EvalArgs {
    #[command(flatten)]
    pub common: WhatIfCommon,
}

#[derive(clap::Args, Debug, Clone)]
pub struct OptimiseArgs {
    #[command(flatten)]
    pub common: WhatIfCommon,
    /// What to minimise.
    #[arg(long, default_value = "energy", value_parser = ["energy", "co2", "cost"])]
    pub objective: String,
    /// Hold these settings at their baseline value (repeatable).
    #[arg(long = "fix", value_name = "KEY")]
    pub fix: Vec<String>,
    /// Let the optimiser move these settings that it holds by default (comfort, ventilation).
    #[arg(long = "free", value_name = "KEY")]
    pub free: Vec<String>,
}

#[derive(clap::Args, Debug, Clone)]
pub struct ReportArgs {
    /// Site package folder (holding site.toml).
    pub site: PathBuf,
    /// Start of the window (inclusive): ISO 8601 or local time in the site's time zone
    /// ("2026-11-03", "2026-11-03 06:00"). Default: the start of the record.
    #[arg(long)]
    pub from: Option<String>,
    /// End of the window (exclusive), same forms. Default: the end of the record.
    #[arg(long)]
    pub to: Option<String>,
    /// Output format.
    #[arg(long, default_value = "json", value_parser = ["json", "csv", "md"])]
    pub format: String,
    /// Write the report to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(|| format!("\"{s}\" is not WIDTHxHEIGHT"))?;
    let w: u32 = w.trim().parse().map_err(|_| format!("bad width in \"{s}\""))?;
    let h: u32 = h.trim().parse().map_err(|_| format!("bad height in \"{s}\""))?;
    if !(320..=8192).contains(&w) || !(240..=8192).contains(&h) {
        return Err(format!("window size {w}x{h} out of range"));
    }
    Ok((w, h))
}

impl Cli {
    /// The site folder to open.
    pub fn site_path(&self) -> PathBuf {
        match &self.site {
            Some(p) => p.clone(),
            None => {
                let built_in = PathBuf::from(DEFAULT_SITE);
                if built_in.join("site.toml").is_file() { built_in } else { PathBuf::from("sample-sites/cement-plant") }
            }
        }
    }
}
