//! `plant-twin`: opens a site package (default: the bundled cement plant), or runs a headless command
//! (`plant-twin report …`). See `plant-twin --help`.

use clap::Parser;
use plant_twin::cli::{Cli, Command};

fn main() -> bevy::app::AppExit {
    let cli = Cli::parse();
    match &cli.command {
        Some(Command::Report(args)) => match plant_twin::report::run(args) {
            Ok(()) => bevy::app::AppExit::Success,
            Err(e) => {
                eprintln!("{e}");
                bevy::app::AppExit::error()
            }
        },
        Some(Command::Eval(args)) => exit(plant_twin::whatif::eval(args)),
        Some(Command::Optimise(args)) => exit(plant_twin::whatif::optimise(args)),
        None => plant_twin::build_app(&cli).run(),
    }
}

fn exit(r: Result<(), String>) -> bevy::app::AppExit {
    match r {
        Ok(()) => bevy::app::AppExit::Success,
        Err(e) => {
            eprintln!("{e}");
            bevy::app::AppExit::error()
        }
    }
}
