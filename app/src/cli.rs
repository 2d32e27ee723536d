//! Command line of the `plant-twin` binary, in the current language: the language is read from `--lang`
//! before clap parses anything ([`language`]), so `--help` and clap's own errors are in it ([`parse`]).

use std::ffi::OsString;
use std::path::PathBuf;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, CommandFactory, FromArgMatches, Parser};
use plant_i18n::{ChoiceSource, Lang, t};

/// The site opened when none is given: the bundled cement plant.
pub const DEFAULT_SITE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../sample-sites/cement-plant");

/// Every help text is the catalogue's (assets/locales/*/app.ftl), set by [`command`]; the doc comments here
/// are for the code's readers.
#[derive(Parser, Debug, Clone)]
#[command(name = "plant-twin", version, args_conflicts_with_subcommands = true)]
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

    /// Show the selected item's meter forecasts beyond the cursor in the inspector at start (with --select).
    #[arg(long)]
    pub forecast: bool,

    /// Start in the edit mode (bind model nodes and meters to equipment, draw flows; docs/edit-mode.md).
    #[arg(long)]
    pub edit: bool,

    /// The inspector's chart window at start, each side of the cursor: 1h, 6h, 24h or 7d.
    #[arg(long, default_value = "6h", value_parser = ["1h", "6h", "24h", "7d"])]
    pub chart_window: String,

    /// Open the alarm list at start.
    #[arg(long)]
    pub alarms: bool,

    /// Open the anomaly list at start.
    #[arg(long)]
    pub anomalies: bool,
    /// Open this training scenario at start (a package's `training/NAME.toml`, or a file of yours), paused at
    /// its start, with the trainer's window.
    #[arg(long, value_name = "FILE")]
    pub training: Option<PathBuf>,
    /// Open the scenarios window at start with this designer's scenario as A (a package's `scenarios/NAME.toml`).
    #[arg(long, value_name = "NAME")]
    pub scenarios: Option<PathBuf>,
    /// With --scenarios: the scenario to compare A with (B), instead of the baseline.
    #[arg(long, value_name = "NAME", requires = "scenarios")]
    pub compare: Option<PathBuf>,
    /// Start in presentation mode: full screen, larger text, side panels hidden (F5 toggles it).
    #[arg(long)]
    pub presentation: bool,

    /// Your own live sources file, used instead of the site's sources.toml and started at once (see docs/live.md).
    #[arg(long)]
    pub sources: Option<PathBuf>,

    /// Read the site's `[historian]` database without asking (the viewer asks first otherwise).
    #[arg(long)]
    pub connect: bool,

    /// Connect the site's live sources without asking and follow now (a package's sources.toml otherwise waits for your consent).
    #[arg(long)]
    pub live: bool,

    /// Window size in logical pixels, e.g. 1600x900.
    #[arg(long, default_value = "1600x900", value_parser = parse_size)]
    pub size: (u32, u32),

    /// Save a screenshot of the window to this PNG once the site and its data have loaded, then exit.
    #[arg(long)]
    pub screenshot: Option<PathBuf>,

    /// The language of everything shown (en, zh-CN): read by [`language`] and taken out of the arguments before
    /// clap parses them (so it may stand anywhere); listed here for --help.
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,
}

#[derive(clap::Subcommand, Debug, Clone)]
pub enum Command {
    /// Energy and CO2 of a site over a window, without a window: by node, carrier and scope, KPIs per
    /// product, balance violations and the factor sets used. The same numbers as the flows panel.
    Report(ReportArgs),
    /// The alarm journal of a window and the alarm-system figures (EEMUA 191, ISA-18.2), from the site's
    /// alarms.toml and its recorded data.
    Alarms(AlarmsArgs),
    /// Evaluate a process model at given settings: outputs, energy and CO2 by scope, cost, and the margin
    /// to every limit.
    Eval(EvalArgs),
    /// Optimise a process model's settings for energy, CO2 or cost within its limits.
    Optimise(OptimiseArgs),
    /// Run a training scenario without a window: its malfunctions applied to the recording, the alarms they
    /// raise, the instructions and questions as they fall due, each expected alarm checked; a trainee's log
    /// scored.
    Train(TrainArgs),
    /// Make a site package from a model and a data export: meters guessed from the columns, matched to the
    /// model's nodes by name, a first flow graph; what was guessed and what could not be placed is listed.
    New(NewArgs),
    /// Make a site package from an IFC building model: its geometry as model.glb (GlobalIds in the nodes'
    /// extras), storeys and spaces as areas, building services (pumps, fans, AHUs, air terminals…) as
    /// equipment; what was found and what was not is listed.
    #[command(name = "import-ifc")]
    ImportIfc(ImportIfcArgs),
    /// Serve a site's recorded data as if live (JSON at /api/values, Prometheus exposition at /metrics), a
    /// training scenario's malfunctions applied: a class practises on "live" data through the same sources a
    /// real plant uses. The same server as `plant-twin-sim`.
    Serve(ServeArgs),
    /// A meter's forecast from an instant forward with its prediction interval (MSTL with an ETS trend, daily
    /// and weekly seasons where the history holds two of each); where the record goes on, what happened beside
    /// it and the error against the seasonal-naive forecast.
    Forecast(ForecastArgs),
    /// The anomalies of a site's meters over a window: data outages, stuck and flat-lined meters, spikes,
    /// deviations from the usual day, level shifts, drifts and outliers among alike meters, each with the
    /// value seen, the value expected and the distance in σ.
    Anomalies(AnomaliesArgs),
    /// A regression baseline of a meter (IPMVP Option C, ASHRAE Guideline 14): its energy per day or hour
    /// against a temperature (change-point shapes) and production drivers over a baseline window; with a
    /// reporting window, the energy expected there against the actual and the avoided energy with its uncertainty.
    Baseline(BaselineArgs),
    /// Push a site's recorded data into VictoriaMetrics (its import API) as plant_twin_meter{site, meter, unit}:
    /// only what the database does not hold yet, so it can be run again and resumes; then the site can be read
    /// from the database alone ([historian] in site.toml).
    Import(ImportArgs),
    /// List an OPC UA server's variables (path, node id with its namespace URI, data type, unit), and with
    /// --site and --write-sources write a sources file mapping them to the site's meters by name.
    Browse(BrowseArgs),
}

#[derive(clap::Args, Debug, Clone)]
pub struct ForecastArgs {
    /// Site package folder.
    pub site: PathBuf,
    /// Read the site's `[historian]` database (its recorded data in VictoriaMetrics, Prometheus…) as well as its files.
    #[arg(long)]
    pub connect: bool,
    /// The meter to forecast (its id in site.toml).
    #[arg(long, required_unless_present_any = ["total", "kpi", "flow"], conflicts_with_all = ["total", "kpi", "flow"])]
    pub meter: Option<String>,
    /// Or the site's total: energy (GJ/h, every carrier) or co2 (t/h, scope 1 and location-based scope 2),
    /// hour by hour from the accounting.
    #[arg(long, value_parser = ["energy", "co2"], conflicts_with_all = ["kpi", "flow"])]
    pub total: Option<String>,
    /// Or a product's key figure hour by hour, PRODUCT:KEY[:UNIT] (e.g. clinker:fuel:GJ/t, cement:electricity).
    #[arg(long, conflicts_with = "flow")]
    pub kpi: Option<String>,
    /// Or a flow's energy hour by hour (GJ/h), FROM:TO as in site.toml's [[flow]] (e.g. coal-mill-1:kiln-1).
    #[arg(long)]
    pub flow: Option<String>,
    /// Forecast from this instant, in the site's time zone (e.g. "2026-11-10 15:00"). Default: the end of the record.
    #[arg(long)]
    pub at: Option<String>,
    /// How far ahead (e.g. 1d, 12h, 7d).
    #[arg(long, default_value = "1d")]
    pub horizon: String,
    /// The step of the forecast: the meter's mean over each step (e.g. 1h, 15min).
    #[arg(long, default_value = "1h")]
    pub step: String,
    /// How much history before the instant the forecast learns from.
    #[arg(long, default_value = "28d")]
    pub history: String,
    /// The prediction interval's level, in % (50 to 99.9).
    #[arg(long, default_value_t = 95.0)]
    pub level: f64,
    /// Output format.
    #[arg(long, default_value = "md", value_parser = ["md", "csv", "json"])]
    pub format: String,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(clap::Args, Debug, Clone)]
pub struct BaselineArgs {
    /// Site package folder.
    pub site: PathBuf,
    /// Read the site's `[historian]` database (its recorded data in VictoriaMetrics, Prometheus…) as well as its files.
    #[arg(long)]
    pub connect: bool,
    /// The energy meter (its id in site.toml): a rate is totalled per period (kW → kWh), an interval meter summed.
    #[arg(long)]
    pub meter: String,
    /// A temperature meter (outdoor dry bulb…): its mean per period, for the change-point shapes.
    #[arg(long)]
    pub temperature: Option<String>,
    /// A production or other driver meter, totalled (rates) or averaged per period; repeat for several.
    #[arg(long)]
    pub driver: Vec<String>,
    /// Start of the baseline window, in the site's time zone. Default: the start of the record.
    #[arg(long)]
    pub from: Option<String>,
    /// End of the baseline window. Default: the end of the record.
    #[arg(long)]
    pub to: Option<String>,
    /// Start of the reporting window (after a change): expected against actual from here.
    #[arg(long)]
    pub report_from: Option<String>,
    /// End of the reporting window. Default: the end of the record.
    #[arg(long)]
    pub report_to: Option<String>,
    /// The period: day (IPMVP's usual) or hour.
    #[arg(long, default_value = "day", value_parser = ["day", "hour"])]
    pub step: String,
    /// Add a weekend indicator (Saturday and Sunday) as a driver: an office's day type.
    #[arg(long)]
    pub weekend: bool,
    /// The shape: auto (least RMSE among those with significant slopes), mean (drivers only), 2p, 3pc, 3ph, 4p.
    #[arg(long, default_value = "auto", value_parser = ["auto", "mean", "2p", "3pc", "3ph", "4p"])]
    pub model: String,
    /// Output format.
    #[arg(long, default_value = "md", value_parser = ["md", "csv", "json"])]
    pub format: String,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(clap::Args, Debug, Clone)]
pub struct AnomaliesArgs {
    /// Site package folder.
    pub site: PathBuf,
    /// Read the site's `[historian]` database (its recorded data in VictoriaMetrics, Prometheus…) as well as its files.
    #[arg(long)]
    pub connect: bool,
    /// Start of the window, in the site's time zone. Default: the start of the record.
    #[arg(long)]
    pub from: Option<String>,
    /// End of the window, in the site's time zone. Default: the end of the record.
    #[arg(long)]
    pub to: Option<String>,
    /// Only these meters (repeat the option for more; all are looked at, alike meters together).
    #[arg(long)]
    pub meter: Vec<String>,
    /// Only these kinds (data-outage, no-data, recurring-gap, stuck, flat-line, spike, deviation, level-shift,
    /// drift, peer-outlier, model-deviation; repeat for more).
    #[arg(long)]
    pub kind: Vec<String>,
    /// Output format.
    #[arg(long, default_value = "md", value_parser = ["md", "csv", "json"])]
    pub format: String,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(clap::Args, Debug, Clone)]
pub struct BrowseArgs {
    /// The server's endpoint, `opc.tcp://host:port[/path]`.
    pub url: String,
    /// None, Basic256Sha256, Aes128_Sha256_RsaOaep or Aes256_Sha256_RsaPss.
    #[arg(long, default_value = "None")]
    pub security_policy: String,
    /// None, Sign or SignAndEncrypt.
    #[arg(long, default_value = "None")]
    pub security_mode: String,
    /// A user name; the password is read from --password-env.
    #[arg(long)]
    pub user: Option<String>,
    /// The environment variable (PLANT_TWIN_*) holding the password.
    #[arg(long)]
    pub password_env: Option<String>,
    /// The site whose meters the variables are matched to (with --write-sources).
    #[arg(long)]
    pub site: Option<PathBuf>,
    /// Write a commented sources file here: the variables matched to the site's meters by name, the rest listed.
    #[arg(long)]
    pub write_sources: Option<PathBuf>,
    /// Trust the server's certificate if its SHA-1 thumbprint is this one (as the first try without it shows;
    /// compare it with the one the server's administrator reads on the server). The live sources use the same
    /// trust list.
    #[arg(long, value_name = "THUMBPRINT")]
    pub trust_server: Option<String>,
}

#[derive(clap::Args, Debug, Clone)]
pub struct ServeArgs {
    /// Site package folder (holding site.toml).
    pub site: PathBuf,
    /// TCP port (0: any free port).
    #[arg(long, default_value_t = 9184)]
    pub port: u16,
    /// Address to bind. The default serves this machine only; use 0.0.0.0 to serve the network.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Record seconds per real second.
    #[arg(long, default_value_t = 1.0)]
    pub speed: f64,
    /// Where in the record to start (ISO 8601 or local "YYYY-MM-DD HH:MM"); default its start, or the
    /// scenario's.
    #[arg(long)]
    pub from: Option<String>,
    /// Stamp JSON values with the record time instead of now.
    #[arg(long)]
    pub no_shift: bool,
    /// Gaussian noise on every value, as a relative standard deviation (0.01 = 1 %).
    #[arg(long, default_value_t = 0.0)]
    pub noise: f64,
    /// A training scenario (a package's training/NAME.toml by name or path, or a file of yours).
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
}

impl ServeArgs {
    /// What the simulator is asked to do.
    pub fn run(&self) -> plant_simulator::Run {
        plant_simulator::Run {
            site: self.site.clone(),
            port: self.port,
            bind: self.bind,
            speed: self.speed,
            from: self.from.clone(),
            no_shift: self.no_shift,
            noise: self.noise,
            scenario: self.scenario.clone(),
        }
    }
}

#[derive(clap::Args, Debug, Clone)]
pub struct NewArgs {
    /// The package folder to create (it must not hold a site.toml).
    pub folder: PathBuf,
    /// The 3D model (.glb, or .gltf with the files it names).
    #[arg(long, value_name = "FILE")]
    pub model: Option<PathBuf>,
    /// A data export (.csv or .parquet), repeatable (months, systems): the meters are the union of their columns.
    #[arg(long, value_name = "FILE", required = true)]
    pub data: Vec<PathBuf>,
    /// The IANA time zone the export's times without an offset are in.
    #[arg(long, default_value = "Asia/Shanghai")]
    pub time_zone: String,
    /// The site's name (default: the folder's name).
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(clap::Args, Debug, Clone)]
pub struct ImportIfcArgs {
    /// The IFC file (IFC2X3, IFC4 or IFC4X3, STEP form).
    pub ifc: PathBuf,
    /// The package folder to create (it must not hold a site.toml).
    pub folder: PathBuf,
    /// The IANA time zone of the building (its meters' times without an offset).
    #[arg(long, default_value = "Asia/Shanghai")]
    pub time_zone: String,
    /// The site's name (default: the building's in the file).
    #[arg(long)]
    pub name: Option<String>,
}

#[derive(clap::Args, Debug, Clone)]
pub struct TrainArgs {
    /// Site package folder (holding site.toml).
    pub site: PathBuf,
    /// Read the site's `[historian]` database (its recorded data in VictoriaMetrics, Prometheus…) as well as its files.
    #[arg(long)]
    pub connect: bool,
    /// The scenario: a package's `training/NAME.toml` (by name, or its path) or a file of yours.
    #[arg(long, value_name = "FILE")]
    pub scenario: PathBuf,
    /// A trainee's log exported by the viewer (JSON), to score.
    #[arg(long, value_name = "FILE")]
    pub log: Option<PathBuf>,
    /// Output format.
    #[arg(long, default_value = "md", value_parser = ["md", "json"])]
    pub format: String,
    /// Write the run to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
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
    /// A condition of the plant, as key=value (repeatable): what it is and what it measures, not a setting
    /// (the kiln's design output, feed ratio, coal NCV, exit-gas temperature; the chiller plant's load and
    /// weather; the potline's cell count). `plant-twin eval PROCESS` lists them.
    #[arg(long = "condition", value_name = "KEY=VALUE")]
    pub condition: Vec<String>,
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
pub struct ImportArgs {
    /// Site package folder (holding site.toml and its data files).
    pub site: PathBuf,
    /// The database's address, e.g. http://127.0.0.1:8428 (VictoriaMetrics single-node).
    #[arg(long, value_name = "URL")]
    pub to: String,
    /// The site label of the series. Default: the package folder's name.
    #[arg(long, value_name = "NAME")]
    pub site_label: Option<String>,
    /// A header to send with every request (e.g. Authorization) …
    #[arg(long, value_name = "HEADER", requires = "auth_env")]
    pub auth_header: Option<String>,
    /// … its value read from this environment variable (PLANT_TWIN_*).
    #[arg(long, value_name = "VARIABLE", requires = "auth_header")]
    pub auth_env: Option<String>,
}

#[derive(clap::Args, Debug, Clone)]
pub struct ReportArgs {
    /// Site package folder (holding site.toml).
    pub site: PathBuf,
    /// Read the site's `[historian]` database (its recorded data in VictoriaMetrics, Prometheus…) as well as its files.
    #[arg(long)]
    pub connect: bool,
    /// Start of the window (inclusive): ISO 8601 or local time in the site's time zone
    /// ("2026-11-03", "2026-11-03 06:00"). Default: the start of the record.
    #[arg(long)]
    pub from: Option<String>,
    /// End of the window (exclusive), same forms. Default: the end of the record.
    #[arg(long)]
    pub to: Option<String>,
    /// A designer's scenario (the package's `scenarios/NAME.toml` by name, or a file): the baseline against the
    /// scenario, its measures appraised and the abatement curve. Its window unless --from/--to are given.
    #[arg(long, value_name = "FILE")]
    pub scenario: Option<PathBuf>,
    /// A second scenario to compare with the first (A against B) over the same window.
    #[arg(long, value_name = "FILE", requires = "scenario")]
    pub compare: Option<PathBuf>,
    /// Output format (xlsx needs --output).
    #[arg(long, default_value = "json", value_parser = ["json", "csv", "md", "xlsx"])]
    pub format: String,
    /// Write the report to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

#[derive(clap::Args, Debug, Clone)]
pub struct AlarmsArgs {
    /// Site package folder (holding site.toml and alarms.toml).
    pub site: PathBuf,
    /// Read the site's `[historian]` database (its recorded data in VictoriaMetrics, Prometheus…) as well as its files.
    #[arg(long)]
    pub connect: bool,
    /// Start of the window (inclusive), as for `report`. Default: the start of the record.
    #[arg(long)]
    pub from: Option<String>,
    /// End of the window (exclusive). Default: the end of the record.
    #[arg(long)]
    pub to: Option<String>,
    /// Output format.
    #[arg(long, default_value = "md", value_parser = ["md", "csv", "json"])]
    pub format: String,
    /// Write the journal to this file instead of standard output.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// The operator log whose acknowledgements the journal shows. Default: the one the viewer keeps for
    /// this site in the settings folder (`operator-logs/`), if there is one.
    #[arg(long)]
    pub operator_log: Option<PathBuf>,
}

fn parse_size(s: &str) -> Result<(u32, u32), String> {
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(|| t!("app-size-not-size", value = s))?;
    let w: u32 = w.trim().parse().map_err(|_| t!("app-size-bad-width", value = s))?;
    let h: u32 = h.trim().parse().map_err(|_| t!("app-size-bad-height", value = s))?;
    if !(320..=8192).contains(&w) || !(240..=8192).contains(&h) {
        return Err(t!("app-size-out-of-range", width = w.to_string(), height = h.to_string()));
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
                if built_in.join("site.toml").is_file() { built_in } else { PathBuf::from("sample-sites/cement-plant") } // i18n-ok: paths
            }
        }
    }
}

/// The languages `--lang` takes, for its messages: `en, zh-CN`.
fn valid_langs() -> String {
    Lang::ALL.map(Lang::code).join(", ")
}

/// A `--lang` that names no language, or has no value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BadLang {
    Missing,
    Unknown(String),
}

impl std::fmt::Display for BadLang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            BadLang::Missing => t!("app-lang-missing", valid = valid_langs()),
            BadLang::Unknown(value) => t!("app-lang-unknown", value = value, valid = valid_langs()),
        };
        f.write_str(&text)
    }
}

/// The value of `--lang X` or `--lang=X` on a command line (its first item is the program), read before clap
/// parses it. Arguments after `--` are operands, not options. Every English or Chinese tag reads (`en`,
/// `en-GB`, `zh-CN`, `zh_CN.UTF-8`); the last `--lang` wins.
pub fn lang_flag<I: IntoIterator<Item = OsString>>(args: I) -> Result<Option<Lang>, BadLang> {
    let mut args = args.into_iter().skip(1).map(|a| a.to_string_lossy().into_owned());
    let mut found = None;
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        let (flag, inline) = (arg == "--lang", arg.strip_prefix("--lang=")); // i18n-ok: the flag itself
        let value = match (flag, inline) {
            (true, _) => match args.next() {
                Some(v) if !v.starts_with('-') => v,
                _ => return Err(BadLang::Missing),
            },
            (false, Some(v)) => v.to_owned(),
            (false, None) => continue,
        };
        found = Some(Lang::from_tag(value.trim()).ok_or(BadLang::Unknown(value))?);
    }
    Ok(found)
}

/// The language chosen at start and where it came from, once [`language`] ran.
static CHOICE: std::sync::OnceLock<plant_i18n::Choice> = std::sync::OnceLock::new();

/// The language chosen by [`language`] and where it came from (`None` before it ran).
pub fn language_choice() -> Option<plant_i18n::Choice> {
    CHOICE.get().copied()
}

/// Sets the language of everything the process shows, first thing in `main`: `--lang`, else the language
/// last picked in the viewer's menu, else the system's (`plant_i18n::choose`). A settings file that cannot
/// be read is a warning on standard error. A bad `--lang` is an error in the language its absence would
/// give, and ends the process (status 2, as clap's usage errors).
pub fn language<I: IntoIterator<Item = OsString>>(args: I) -> Lang {
    let (flag, bad) = match lang_flag(args) {
        Ok(flag) => (flag, None),
        Err(e) => (None, Some(e)),
    };
    let (choice, warning) = plant_i18n::choose(flag);
    plant_i18n::set_current(choice.lang);
    let _ = CHOICE.set(choice);
    if let Some(w) = warning {
        eprintln!("{}", t!("language-settings-unreadable", error = w));
    }
    if let Some(bad) = bad {
        eprintln!("{}", t!("app-error", message = bad.to_string()));
        std::process::exit(2);
    }
    choice.lang
}

/// The command line parsed with the current language's help and errors: `--help` and `--version` exit here
/// (status 0), as do usage errors (status 2).
pub fn parse() -> Cli {
    parse_from(std::env::args_os()).unwrap_or_else(|e| exit(&e))
}

/// [`parse`] of the given arguments, without exiting (tests).
pub fn parse_from<I: IntoIterator<Item = OsString>>(args: I) -> Result<Cli, clap::Error> {
    let (args, lang) = without_lang(args);
    let matches = command().try_get_matches_from(args)?;
    let mut cli = Cli::from_arg_matches(&matches)?;
    cli.lang = lang;
    Ok(cli)
}

/// The arguments without `--lang X` / `--lang=X` (read already by [`language`]), and the last value given. So
/// the option goes anywhere: before a subcommand too, where clap would take any option of the top level for
/// one of the viewer's and refuse the subcommand.
fn without_lang<I: IntoIterator<Item = OsString>>(args: I) -> (Vec<OsString>, Option<String>) {
    let mut out = Vec::new();
    let mut lang = None;
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy().into_owned();
        if text == "--" {
            out.push(arg);
            out.extend(args);
            break;
        }
        let (bare, inline) = (text == "--lang", text.strip_prefix("--lang=")); // i18n-ok: the flag itself
        match (bare, inline) {
            (true, _) => lang = args.next().map(|v| v.to_string_lossy().into_owned()),
            (false, Some(v)) => lang = Some(v.to_owned()),
            (false, None) => out.push(arg),
        }
    }
    (out, lang)
}

/// The clap command of [`Cli`] with every text in the current language: the about and examples, every
/// argument's and subcommand's help (the default and possible values included), the section headings and
/// the usage line. Clap's own English is replaced everywhere it shows.
pub fn command() -> clap::Command {
    let mut after = t!("app-after-help");
    if let Some(choice) = language_choice() {
        let source = match choice.source {
            ChoiceSource::Flag => "flag",             // i18n-ok: keys of app-help-language
            ChoiceSource::Remembered => "remembered", // i18n-ok
            ChoiceSource::System => "system",         // i18n-ok
            ChoiceSource::Default => "default",       // i18n-ok
        };
        after = format!("{after}\n\n{}", t!("app-help-language", name = choice.lang.native_name(), source = source));
    }
    let mut cmd = Cli::command().about(t!("app-about")).long_about(t!("app-long-about")).after_help(after);
    // Built first so clap's own --help, --version and help subcommand exist and get their words too.
    cmd.build();
    // Clap keeps headings as `&'static str` (without its `string` feature): three short texts per call.
    let headings =
        Headings { commands: t!("app-help-heading-commands").leak(), arguments: t!("app-help-heading-arguments").leak(), options: t!("app-help-heading-options").leak() };
    localise(cmd, headings)
}

/// The section headings of --help in the current language.
#[derive(Clone, Copy)]
struct Headings {
    commands: &'static str,
    arguments: &'static str,
    options: &'static str,
}

fn localise(cmd: clap::Command, headings: Headings) -> clap::Command {
    let name = cmd.get_name().to_owned();
    let usage = cmd.get_styles().get_usage();
    let template = format!("{{before-help}}{{about-with-newline}}\n{usage}{}{usage:#} {{usage}}\n\n{{all-args}}{{after-help}}", t!("app-help-usage"));
    let mut cmd = cmd.help_template(template).subcommand_help_heading(headings.commands).mut_args(|a| localise_arg(&name, a, headings));
    if let Some(about) = subcommand_about(&name) {
        cmd = cmd.about(about).long_about(None::<&str>);
    }
    cmd.mut_subcommands(|sc| localise(sc, headings))
}

/// What a subcommand does, by its name.
fn subcommand_about(name: &str) -> Option<String> {
    match name {
        "report" => Some(t!("app-cmd-report")),
        "alarms" => Some(t!("app-cmd-alarms")),
        "eval" => Some(t!("app-cmd-eval")),
        "optimise" => Some(t!("app-cmd-optimise")),
        "train" => Some(t!("app-cmd-train")),
        "new" => Some(t!("app-cmd-new")),
        "import-ifc" => Some(t!("app-cmd-import-ifc")),
        "serve" => Some(t!("app-cmd-serve")),
        "forecast" => Some(t!("app-cmd-forecast")),
        "anomalies" => Some(t!("app-cmd-anomalies")),
        "baseline" => Some(t!("app-cmd-baseline")),
        "browse" => Some(t!("app-cmd-browse")),
        "import" => Some(t!("app-cmd-import")),
        "help" => Some(t!("app-help-subcommand")),
        _ => None,
    }
}

/// An argument's help in the current language, under its heading, with its default and possible values
/// written by the catalogue instead of clap.
fn localise_arg(command: &str, a: Arg, headings: Headings) -> Arg {
    let help = arg_help(command, a.get_id().as_str()).or_else(|| a.get_help().map(ToString::to_string)).unwrap_or_default();
    let mut notes = Vec::new();
    let takes_value = a.get_action().takes_values();
    if takes_value && !a.is_hide_possible_values_set() {
        let values: Vec<String> = a.get_possible_values().iter().filter(|v| !v.is_hide_set()).map(|v| v.get_name().to_owned()).collect();
        if !values.is_empty() {
            notes.push(t!("app-help-possible", values = values.join(", ")));
        }
    }
    if takes_value && !a.is_hide_default_value_set() && !a.get_default_values().is_empty() {
        let values: Vec<String> = a.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
        notes.push(t!("app-help-default", value = values.join(", ")));
    }
    let help = std::iter::once(help).chain(notes).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ");
    let heading = if a.is_positional() { headings.arguments } else { headings.options };
    a.help(help).long_help(None::<&str>).hide_possible_values(true).hide_default_value(true).help_heading(heading)
}

/// The catalogue's help of argument `id` of `command` (the binary's name for the top level).
fn arg_help(command: &str, id: &str) -> Option<String> {
    let text = match (command, id) {
        (_, "help") => t!("app-help-help"),
        (_, "version") => t!("app-help-version"),
        (_, "lang") => t!("app-arg-lang"),
        ("help", "subcommand") => t!("app-help-subcommand-arg"),
        ("report", "site") => t!("app-arg-report-site"),
        ("alarms", "site") => t!("app-arg-alarms-site"),
        ("alarms", "format") => t!("app-arg-alarms-format"),
        ("alarms", "output") => t!("app-arg-alarms-output"),
        ("train", "site") => t!("app-arg-report-site"),
        ("train", "format") => t!("app-arg-train-format"),
        ("train", "output") => t!("app-arg-train-output"),
        ("report", "scenario") => t!("app-arg-report-scenario"),
        ("serve", "site") => t!("simulator-arg-site"),
        ("serve", "port") => t!("simulator-arg-port"),
        ("serve", "bind") => t!("simulator-arg-bind"),
        ("serve", "speed") => t!("simulator-arg-speed"),
        ("serve", "from") => t!("simulator-arg-from"),
        ("serve", "no_shift") => t!("simulator-arg-no-shift"),
        ("serve", "noise") => t!("simulator-arg-noise"),
        ("serve", "scenario") => t!("simulator-arg-scenario"),
        ("report", "format") => t!("app-arg-report-format"),
        (_, "scenario") => t!("app-arg-scenario"),
        (_, "scenarios") => t!("app-arg-scenarios"),
        (_, "compare") => t!("app-arg-compare"),
        ("forecast", "site") => t!("app-arg-report-site"),
        ("anomalies", "site") => t!("app-arg-report-site"),
        ("anomalies", "meter") => t!("app-arg-anomalies-meter"),
        ("anomalies", "kind") => t!("app-arg-anomalies-kind"),
        ("forecast", "meter") => t!("app-arg-forecast-meter"),
        ("baseline", "site") => t!("app-arg-report-site"),
        ("baseline", "meter") => t!("app-arg-baseline-meter"),
        ("baseline", "temperature") => t!("app-arg-baseline-temperature"),
        ("baseline", "driver") => t!("app-arg-baseline-driver"),
        ("baseline", "from") => t!("app-arg-baseline-from"),
        ("baseline", "to") => t!("app-arg-baseline-to"),
        ("baseline", "report_from") => t!("app-arg-baseline-report-from"),
        ("baseline", "report_to") => t!("app-arg-baseline-report-to"),
        ("baseline", "step") => t!("app-arg-baseline-step"),
        ("baseline", "model") => t!("app-arg-baseline-model"),
        ("baseline", "weekend") => t!("app-arg-baseline-weekend"),
        ("forecast", "total") => t!("app-arg-forecast-total"),
        ("forecast", "kpi") => t!("app-arg-forecast-kpi"),
        ("forecast", "flow") => t!("app-arg-forecast-flow"),
        ("forecast", "at") => t!("app-arg-forecast-at"),
        ("forecast", "horizon") => t!("app-arg-forecast-horizon"),
        ("forecast", "step") => t!("app-arg-forecast-step"),
        ("forecast", "history") => t!("app-arg-forecast-history"),
        ("forecast", "level") => t!("app-arg-forecast-level"),
        ("browse", "url") => t!("app-arg-browse-url"),
        ("browse", "security_policy") => t!("app-arg-browse-security-policy"),
        ("browse", "security_mode") => t!("app-arg-browse-security-mode"),
        ("browse", "user") => t!("app-arg-browse-user"),
        ("browse", "password_env") => t!("app-arg-browse-password-env"),
        ("browse", "site") => t!("app-arg-browse-site"),
        ("browse", "write_sources") => t!("app-arg-browse-write-sources"),
        ("browse", "trust_server") => t!("app-arg-browse-trust-server"),
        ("import", "site") => t!("app-arg-import-site"),
        ("import", "to") => t!("app-arg-import-to"),
        ("import", "site_label") => t!("app-arg-import-site-label"),
        ("import", "auth_header") => t!("app-arg-import-auth-header"),
        ("import", "auth_env") => t!("app-arg-import-auth-env"),
        (_, "connect") => t!("app-arg-connect"),
        ("new", "folder") => t!("app-arg-new-folder"),
        ("import-ifc", "ifc") => t!("app-arg-import-ifc-file"),
        ("import-ifc", "folder") => t!("app-arg-new-folder"),
        ("import-ifc", "time_zone") => t!("app-arg-import-ifc-time-zone"),
        ("import-ifc", "name") => t!("app-arg-import-ifc-name"),
        ("new", "model") => t!("app-arg-new-model"),
        ("new", "data") => t!("app-arg-new-data"),
        ("new", "time_zone") => t!("app-arg-new-time-zone"),
        ("new", "name") => t!("app-arg-new-name"),
        (_, "log") => t!("app-arg-log"),
        (_, "training") => t!("app-arg-training"),
        (_, "presentation") => t!("app-arg-presentation"),
        (_, "site") => t!("app-arg-site"),
        (_, "at") => t!("app-arg-at"),
        (_, "speed") => t!("app-arg-speed"),
        (_, "paused") => t!("app-arg-paused"),
        (_, "select") => t!("app-arg-select"),
        (_, "colour_by") => t!("app-arg-colour-by"),
        (_, "flows") => t!("app-arg-flows"),
        (_, "flows_window") => t!("app-arg-flows-window"),
        (_, "chart_window") => t!("app-arg-chart-window"),
        (_, "whatif") => t!("app-arg-whatif"),
        (_, "forecast") => t!("app-arg-forecast"),
        (_, "edit") => t!("app-arg-edit"),
        (_, "alarms") => t!("app-arg-alarms"),
        (_, "anomalies") => t!("app-arg-anomalies"),
        (_, "sources") => t!("app-arg-sources"),
        (_, "live") => t!("app-arg-live"),
        (_, "size") => t!("app-arg-size"),
        (_, "screenshot") => t!("app-arg-screenshot"),
        (_, "from") => t!("app-arg-from"),
        (_, "to") => t!("app-arg-to"),
        (_, "format") => t!("app-arg-format"),
        (_, "output") => t!("app-arg-output"),
        (_, "process") => t!("app-arg-process"),
        (_, "set") => t!("app-arg-set"),
        (_, "condition") => t!("app-arg-condition"),
        (_, "electricity_price") => t!("app-arg-electricity-price"),
        (_, "carbon_price") => t!("app-arg-carbon-price"),
        (_, "grid_factor") => t!("app-arg-grid-factor"),
        (_, "curves") => t!("app-arg-curves"),
        (_, "json") => t!("app-arg-json"),
        (_, "objective") => t!("app-arg-objective"),
        (_, "fix") => t!("app-arg-fix"),
        (_, "free") => t!("app-arg-free"),
        _ => return None,
    };
    Some(text)
}

/// Ends the process on a clap error: help and version as clap writes them (from the localised command), a
/// usage error in the current language with the usage line and a pointer to `--help`.
fn exit(e: &clap::Error) -> ! {
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand) || plant_i18n::current() == Lang::En {
        e.exit()
    }
    eprint!("{}", error_text(e));
    std::process::exit(e.exit_code())
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(v.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")),
        ContextValue::Number(n) => Some(n.to_string()),
        ContextValue::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A usage error of clap in the current language: what is wrong, a suggestion when clap has one, the usage
/// line and the pointer to `--help`. A kind without words of its own keeps clap's (English) text.
pub fn error_text(e: &clap::Error) -> String {
    use std::error::Error as _;
    let arg = || context(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = || context(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut lines = Vec::new();
    let message = match e.kind() {
        ErrorKind::InvalidValue if value().is_empty() => t!("app-clap-value-required", arg = arg()),
        ErrorKind::InvalidValue => {
            let mut m = t!("app-clap-invalid-value", arg = arg(), value = value());
            if let Some(valid) = context(e, ContextKind::ValidValue) {
                lines.push(t!("app-clap-possible-values", values = valid));
            }
            if let Some(s) = context(e, ContextKind::SuggestedValue) {
                m = format!("{m}\n{}", t!("app-clap-did-you-mean", suggestion = s));
            }
            m
        }
        ErrorKind::ValueValidation => match e.source() {
            Some(reason) => t!("app-clap-invalid-value-reason", arg = arg(), value = value(), reason = reason.to_string()),
            None => t!("app-clap-invalid-value", arg = arg(), value = value()),
        },
        ErrorKind::UnknownArgument => t!("app-clap-unknown-argument", arg = arg()),
        ErrorKind::InvalidSubcommand => t!("app-clap-unknown-command", name = context(e, ContextKind::InvalidSubcommand).unwrap_or_default()),
        ErrorKind::MissingRequiredArgument => t!("app-clap-missing-arguments", args = arg()),
        ErrorKind::ArgumentConflict => {
            let other = context(e, ContextKind::PriorArg).unwrap_or_default();
            match context(e, ContextKind::InvalidSubcommand) {
                Some(name) if arg().is_empty() => t!("app-clap-subcommand-conflict", name = name, other = other),
                _ => t!("app-clap-conflict", arg = arg(), other = other),
            }
        }
        ErrorKind::TooManyValues => t!("app-clap-too-many-values", arg = arg(), value = value()),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => t!("app-clap-wrong-number-of-values", arg = arg()),
        _ => return e.render().to_string(),
    };
    for kind in [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand] {
        if let Some(s) = context(e, kind) {
            lines.push(t!("app-clap-did-you-mean", suggestion = s));
        }
    }
    let mut out = format!("{}\n", t!("app-error", message = message));
    for l in lines {
        out.push_str(&format!("\n  {l}\n"));
    }
    if let Some(usage) = context(e, ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.split_once(':').map_or(usage, |(_, rest)| rest.trim_start());
        out.push_str(&format!("\n{} {usage}\n", t!("app-help-usage")));
    }
    out.push_str(&format!("\n{}\n", t!("app-clap-more-help")));
    out
}
