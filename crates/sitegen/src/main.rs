//! `plant-sitegen`: writes the bundled sample sites reproducibly.
//!
//! ```text
//! cargo run -p plant-sitegen -- cement-plant            # into sample-sites/cement-plant
//! cargo run -p plant-sitegen -- cement-plant --out DIR
//! cargo run -p plant-sitegen -- aluminium-smelter     # into sample-sites/aluminium-smelter
//! cargo run -p plant-sitegen -- office-building       # into sample-sites/office-building
//! ```

use std::path::PathBuf;

use anyhow::Result;
use clap::{Parser, ValueEnum};
use plant_sitegen::{cement, office, site, smelter};

#[derive(Clone, Copy, Debug, ValueEnum)]
enum Which {
    CementPlant,
    AluminiumSmelter,
    OfficeBuilding,
}

#[derive(Parser)]
#[command(about = "Generates Plant Twin's sample sites (model.glb, site.toml and recorded data)")]
struct Args {
    /// Which site to generate.
    site: Which,
    /// Output folder (default: sample-sites/<site> in the workspace).
    #[arg(long)]
    out: Option<PathBuf>,
}

fn main() -> Result<()> {
    let args = Args::parse();
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    match args.site {
        Which::CementPlant => {
            let spec = cement::spec();
            let out = args.out.unwrap_or_else(|| workspace.join("sample-sites").join(&spec.folder));
            let rec = cement::record(&spec)?;
            site::write_package(&spec, &cement::model(), &rec.times_ms, &rec.columns, &out)?;
            println!("wrote {} ({} rows × {} meters)", out.display(), rec.times_ms.len(), rec.columns.len());
        }
        Which::OfficeBuilding => {
            let spec = office::spec();
            let out = args.out.unwrap_or_else(|| workspace.join("sample-sites").join(&spec.folder));
            let rec = office::record(&spec)?;
            site::write_package(&spec, &office::model(), &rec.times_ms, &rec.columns, &out)?;
            println!("wrote {} ({} rows × {} meters)", out.display(), rec.times_ms.len(), rec.columns.len());
        }
        Which::AluminiumSmelter => {
            let spec = smelter::spec();
            let out = args.out.unwrap_or_else(|| workspace.join("sample-sites").join(&spec.folder));
            let rec = smelter::record(&spec)?;
            site::write_package(&spec, &smelter::model(), &rec.times_ms, &rec.columns, &out)?;
            println!("wrote {} ({} rows × {} meters)", out.display(), rec.times_ms.len(), rec.columns.len());
        }
    }
    Ok(())
}
