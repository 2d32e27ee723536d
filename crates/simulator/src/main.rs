//! `plant-twin-sim`: the meter simulator in the foreground (see the crate documentation). Its --help and
//! messages are in the language of `--lang`, else the one last picked in the viewer's menu, else the system's.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Arg, CommandFactory, FromArgMatches, Parser};
use plant_i18n::{Lang, t};

/// Serve a site's recorded data as if live (JSON at /api/values, Prometheus exposition at /metrics). The help
/// texts shown are the catalogue's (assets/locales/*/simulator.ftl), set by [`command`].
#[derive(Parser, Debug)]
#[command(name = "plant-twin-sim", version)]
struct Args {
    /// Site package folder (holding site.toml).
    site: PathBuf,
    /// TCP port.
    #[arg(long, default_value_t = 9184)]
    port: u16,
    /// Address to bind. The default serves this machine only; use 0.0.0.0 to serve the network.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
    /// Record seconds per real second.
    #[arg(long, default_value_t = 1.0)]
    speed: f64,
    /// Where in the record to start (ISO 8601 or local "YYYY-MM-DD HH:MM"); default its start.
    #[arg(long)]
    from: Option<String>,
    /// Stamp JSON values with the record time instead of now.
    #[arg(long)]
    no_shift: bool,
    /// Gaussian noise on every value, as a relative standard deviation (0.01 = 1 %).
    #[arg(long, default_value_t = 0.0)]
    noise: f64,
    /// A training scenario (a package's training/NAME.toml by name or path, or a file of yours): its scheduled
    /// malfunctions are applied to what is served, and serving starts at its start unless --from says otherwise.
    #[arg(long, value_name = "FILE")]
    scenario: Option<PathBuf>,
    /// The language of the messages (en, zh-CN); read before parsing by [`language`].
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
}

fn main() -> ExitCode {
    if let Err(e) = language(std::env::args_os()) {
        eprintln!("{}", t!("simulator-error", message = e));
        return ExitCode::from(2);
    }
    let args = match command().try_get_matches().and_then(|m| Args::from_arg_matches(&m)) {
        Ok(args) => args,
        Err(e) => usage_error(&e),
    };
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}

/// Sets the language from `--lang X` / `--lang=X` (read before clap, so --help is in it), else the viewer's
/// remembered choice, else the system's. `Err` is the message for a bad `--lang`, in the language without it.
fn language<I: IntoIterator<Item = OsString>>(args: I) -> Result<(), String> {
    let valid = Lang::ALL.map(Lang::code).join(", ");
    let mut flag = Ok(None);
    let mut args = args.into_iter().skip(1).map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        let (bare, inline) = (arg == "--lang", arg.strip_prefix("--lang=").map(str::to_owned)); // i18n-ok: the flag
        let value = match (bare, inline) {
            (true, _) => args.next().filter(|v| !v.starts_with('-')),
            (false, Some(v)) => Some(v),
            (false, None) => continue,
        };
        flag = match value {
            None => Err(None),
            Some(v) => Lang::from_tag(v.trim()).map(Some).ok_or(Some(v)),
        };
        if flag.is_err() {
            break;
        }
    }
    let (choice, warning) = plant_i18n::choose(flag.clone().ok().flatten());
    plant_i18n::set_current(choice.lang);
    if let Some(w) = warning {
        eprintln!("{}", t!("language-settings-unreadable", error = w));
    }
    match flag {
        Ok(_) => Ok(()),
        Err(None) => Err(t!("simulator-lang-missing", valid = valid)),
        Err(Some(value)) => Err(t!("simulator-lang-unknown", value = value, valid = valid)),
    }
}

/// The command line with its help in the current language.
fn command() -> clap::Command {
    let mut cmd = Args::command().about(t!("simulator-about")).long_about(None::<&str>);
    cmd.build();
    let usage = cmd.get_styles().get_usage();
    let template = format!("{{before-help}}{{about-with-newline}}\n{usage}{}{usage:#} {{usage}}\n\n{{all-args}}{{after-help}}", t!("simulator-help-usage"));
    // Clap keeps headings as `&'static str` (without its `string` feature): two short texts, once.
    let headings: (&'static str, &'static str) = (t!("simulator-help-heading-arguments").leak(), t!("simulator-help-heading-options").leak());
    cmd.help_template(template).mut_args(|a| localise_arg(a, headings))
}

fn localise_arg(a: Arg, (arguments, options): (&'static str, &'static str)) -> Arg {
    let help = match a.get_id().as_str() {
        "help" => t!("simulator-help-help"),
        "version" => t!("simulator-help-version"),
        "site" => t!("simulator-arg-site"),
        "port" => t!("simulator-arg-port"),
        "bind" => t!("simulator-arg-bind"),
        "speed" => t!("simulator-arg-speed"),
        "from" => t!("simulator-arg-from"),
        "no_shift" => t!("simulator-arg-no-shift"),
        "noise" => t!("simulator-arg-noise"),
        "scenario" => t!("simulator-arg-scenario"),
        "lang" => t!("simulator-arg-lang"),
        _ => a.get_help().map(ToString::to_string).unwrap_or_default(),
    };
    let default: Vec<String> = a.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
    let help = if a.get_action().takes_values() && !default.is_empty() { format!("{help} {}", t!("simulator-help-default", value = default.join(", "))) } else { help };
    let heading = if a.is_positional() { arguments } else { options };
    a.help(help).long_help(None::<&str>).hide_default_value(true).help_heading(heading)
}

/// Help and version as clap writes them; a usage error as clap words it in English, and in Chinese with
/// clap's description inside the catalogue's words.
fn usage_error(e: &clap::Error) -> ! {
    use clap::error::ErrorKind;
    if plant_i18n::current() == Lang::En || matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand) {
        e.exit()
    }
    let rendered = e.render().to_string();
    let first = rendered.lines().next().unwrap_or_default();
    let detail = first.strip_prefix("error: ").unwrap_or(first);
    eprintln!("{}\n\n{}", t!("simulator-error", message = t!("simulator-usage-error", detail = detail)), t!("simulator-more-help"));
    std::process::exit(e.exit_code())
}

fn run(args: &Args) -> Result<(), String> {
    plant_simulator::run(&plant_simulator::Run {
        site: args.site.clone(),
        port: args.port,
        bind: args.bind,
        speed: args.speed,
        from: args.from.clone(),
        no_shift: args.no_shift,
        noise: args.noise,
        scenario: args.scenario.clone(),
    })
}
