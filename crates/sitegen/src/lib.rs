//! The generator of the bundled sample sites (the `plant-sitegen` tool): each site's `site.toml` (names in
//! English and Simplified Chinese), its `model.glb` and its recorded meter data from the process models.
//! A library as well as the tool, so that its tests can check what it writes.

pub mod cement;
pub mod glb;
pub mod office;
pub mod site;
pub mod smelter;
