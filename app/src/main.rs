//! `plant-twin`: opens a site package (default: the bundled cement plant), or runs a headless command
//! (`plant-twin report …`). See `plant-twin --help`.

use plant_twin::cli::Command;

fn main() -> bevy::app::AppExit {
    // The language before anything is printed: --help and clap's errors are in it too.
    plant_twin::cli::language(std::env::args_os());
    let cli = plant_twin::cli::parse();
    match &cli.command {
        Some(Command::Report(args)) => exit(plant_twin::report::run(args)),
        Some(Command::Alarms(args)) => exit(plant_twin::alarms::run(args)),
        Some(Command::Eval(args)) => exit(plant_twin::whatif::eval(args)),
        Some(Command::Optimise(args)) => exit(plant_twin::whatif::optimise(args)),
        Some(Command::Train(args)) => exit(plant_twin::training::run(args)),
        Some(Command::New(args)) => exit(plant_twin::new::run(args)),
        Some(Command::ImportIfc(args)) => exit(plant_twin::new::import_ifc(args)),
        Some(Command::Serve(args)) => exit(plant_simulator::run(&args.run())),
        Some(Command::Browse(args)) => exit(plant_twin::browse::run(args)),
        Some(Command::Import(args)) => exit(plant_twin::import::run(args)),
        Some(Command::Forecast(args)) => exit(plant_twin::forecast::run(args)),
        Some(Command::Baseline(args)) => exit(plant_twin::baseline::run(args)),
        Some(Command::Anomalies(args)) => exit(plant_twin::anomalies::run(args)),
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
