//! `plant-twin`: opens a site package (default: the bundled cement plant). See `plant-twin --help`.

use clap::Parser;

fn main() -> bevy::app::AppExit {
    let cli = plant_twin::cli::Cli::parse();
    plant_twin::build_app(&cli).run()
}
