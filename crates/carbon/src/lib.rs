//! Carbon accounting for Plant Twin (Bevy-free). Equations and sources: docs/references.md
//! ([IPCC-2006-V2], [IPCC-2006-V3], [NDRC-2013], [CSI-2011], [GB-T-2589]).
//!
//! - Fuel combustion (IPCC 2006 GL Vol 2 Ch 1): E = FC × NCV × EF × OF; the biomass share is a memo item
//!   (WBCSD CSI Cement CO2 & Energy Protocol v3), not scope 1.
//! - Calcination (China NDRC 2013 cement guideline form): E = Q_clk × [(CaO − CaO_nc) × M(CO2)/M(CaO)
//!   + (MgO − MgO_nc) × M(CO2)/M(MgO)], with M(CO2) 44.009, M(CaO) 56.077, M(MgO) 40.304 g/mol.
//! - Scope 2, location-based (GHG Protocol Scope 2 Guidance): E = Σ P_t × EF_t.
//! - PFC: E = m_CF4 × GWP_CF4 + m_C2F6 × GWP_C2F6 with the GWP set chosen (SAR, AR4, AR5).

pub mod factors;

use plant_units::{Dim, UnitError, Value};

pub use factors::{BUNDLED, EnergyFactor, FactorSet, Fuel, Gwp, SetInfo, load_factor_set, parse_factor_set, resolve_factor_set};

/// g/mol
pub const M_CO2: f64 = 44.009;
pub const M_CAO: f64 = 56.077;
pub const M_MGO: f64 = 40.304;

/// CO2 of burning a mass of fuel, split into fossil (scope 1) and biogenic (memo).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Combustion {
    /// Energy released (mass × NCV).
    pub energy: Value,
    pub fossil_co2: Value,
    pub biogenic_co2: Value,
}

/// Burning `mass` of `fuel`; `biomass_fraction` overrides the fuel's own (e.g. a measured AF mix).
pub fn combustion(fuel: &Fuel, mass: Value, biomass_fraction: Option<f64>) -> Result<Combustion, UnitError> {
    if mass.dim != Dim::MASS {
        return Err(UnitError::NotAFuelMass(mass.dim));
    }
    let energy = mass * fuel.ncv;
    let co2 = energy * fuel.co2_per_energy * fuel.oxidation;
    let bio = biomass_fraction.unwrap_or(fuel.biomass_fraction).clamp(0.0, 1.0);
    Ok(Combustion { energy, fossil_co2: co2 * (1.0 - bio), biogenic_co2: co2 * bio })
}

/// Process CO2 of calcination per tonne of clinker, t CO2/t, from the clinker's CaO and MgO (mass
/// fractions, 0-1) less the parts that did not come from carbonates.
pub fn calcination_co2_per_t_clinker(cao: f64, mgo: f64, cao_non_carbonate: f64, mgo_non_carbonate: f64) -> f64 {
    (cao - cao_non_carbonate).max(0.0) * M_CO2 / M_CAO + (mgo - mgo_non_carbonate).max(0.0) * M_CO2 / M_MGO
}

/// CO2 of bought energy (grid electricity, heat) at a factor.
pub fn bought_energy_co2(energy: Value, factor: &EnergyFactor) -> Result<Value, UnitError> {
    if energy.dim != Dim::ENERGY {
        return Err(UnitError::NotAnEnergy(energy.dim));
    }
    Ok(energy * factor.co2_per_energy)
}

/// Location-based scope 2 over a series of (energy, factor) intervals: Σ E_t × EF_t.
pub fn scope2_location(intervals: impl IntoIterator<Item = (Value, Value)>) -> Result<Value, UnitError> {
    let mut total = Value { si: 0.0, dim: Dim::CO2 };
    for (e, ef) in intervals {
        total = total.try_add(e * ef)?;
    }
    Ok(total)
}

/// CO2-equivalent of PFC emissions, t CO2e, from tonnes of CF4 and C2F6 and a GWP set of `set`.
pub fn pfc_co2e_t(set: &FactorSet, gwp_set: &str, cf4_t: f64, c2f6_t: f64) -> Option<f64> {
    Some(cf4_t * set.gwp(gwp_set, "CF4")? + c2f6_t * set.gwp(gwp_set, "C2F6")?)
}
