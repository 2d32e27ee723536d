//! The accounting data of a site, resolved once: which factor set each source's factor comes from, the
//! fuels' calorific values and biomass shares, the grid's location- and market-based factors.

use plant_carbon::{EnergyFactor, FactorSet, Fuel, SetInfo, resolve_factor_set};
use plant_i18n::msg;
use plant_site::{Diagnostic, NodeKind, Place, Site};

/// How a carrier entering the site is accounted.
#[derive(Clone, Debug, PartialEq)]
pub enum CarrierKind {
    /// A fuel: mass × NCV is energy; energy × CO2 factor × oxidation is CO2, the biomass share a memo item.
    Fuel(Fuel),
    /// Bought electricity: scope 2, location-based (annual factor or a factor meter) and market-based.
    Electricity {
        location: EnergyFactor,
        market: Option<EnergyFactor>,
        /// Share covered by contracted non-fossil power (market-based only).
        green_share: f64,
        factor_meter: Option<String>,
    },
    /// Bought heat or steam: scope 2 at its factor.
    Heat(EnergyFactor),
}

/// A carrier that enters the site through a source node.
#[derive(Clone, Debug, PartialEq)]
pub struct Carrier {
    pub carrier: String,
    /// The source node.
    pub source: String,
    pub kind: CarrierKind,
    /// The factor set the factor came from.
    pub set: String,
}

/// Everything the accounting needs besides the meter data.
#[derive(Clone, Debug, Default)]
pub struct Book {
    pub sets: Vec<SetInfo>,
    pub carriers: Vec<Carrier>,
    pub gwp: String,
    /// GWP of the gases in the chosen set (e.g. ("CF4", 6630.0)), from the factor sets.
    pub gwp_values: Vec<(String, f64)>,
    pub tolerance: f64,
}

impl Book {
    pub fn gwp_of(&self, gas: &str) -> Option<f64> {
        self.gwp_values.iter().find(|(g, _)| g == gas).map(|(_, v)| *v)
    }

    pub fn carrier(&self, name: &str) -> Option<&Carrier> {
        self.carriers.iter().find(|c| c.carrier == name)
    }
}

/// Loads the site's factor sets and resolves every source node's factor. Problems are returned as
/// diagnostics naming site.toml and the node's line; the rest of the book is still usable.
pub fn prepare(site: &Site) -> (Book, Vec<Diagnostic>) {
    let file = site.site_toml_path();
    let mut diags = Vec::new();
    let settings = &site.accounting;
    let mut sets: Vec<FactorSet> = Vec::new();
    for id in &settings.factor_sets {
        match resolve_factor_set(id, &site.root) {
            Ok(s) => sets.push(s),
            Err(mut d) => {
                if d.place == Place::Whole && d.file == file {
                    d.place = settings.at.clone();
                }
                diags.push(d);
            }
        }
    }
    let set_names = || sets.iter().map(|s| s.info.id.clone()).collect::<Vec<_>>().join(", ");
    let mut carriers = Vec::new();
    for node in site.nodes.iter().filter(|n| n.kind == NodeKind::Source) {
        let Some(factor) = &node.factor else { continue };
        // The carrier: as given, else the one carrier of the node's outgoing flows.
        let carrier = node.carrier.clone().or_else(|| {
            let mut out: Vec<&str> = site.flows.iter().filter(|f| f.from == node.id).map(|f| f.carrier.as_str()).collect();
            out.dedup();
            (out.len() == 1).then(|| out[0].to_string())
        });
        let Some(carrier) = carrier else {
            diags.push(Diagnostic::error(&file, node.at.clone(), msg!("accounting-source-no-carrier", source = node.id.as_str())));
            continue;
        };
        let found = sets.iter().find_map(|s| {
            if let Some(f) = s.fuel(factor) {
                let mut f = f.clone();
                if let Some(ncv) = node.ncv {
                    f.ncv = ncv;
                }
                if let Some(b) = node.biomass_share {
                    f.biomass_fraction = b;
                }
                return Some((CarrierKind::Fuel(f), s.info.id.clone()));
            }
            if let Some(e) = s.electricity(factor) {
                let market = node.market_factor.as_ref().and_then(|m| sets.iter().find_map(|s| s.electricity(m)).cloned());
                return Some((CarrierKind::Electricity { location: e.clone(), market, green_share: node.green_share, factor_meter: node.factor_meter.clone() }, s.info.id.clone()));
            }
            s.heat(factor).map(|h| (CarrierKind::Heat(h.clone()), s.info.id.clone()))
        });
        match found {
            Some((kind, set)) => {
                if let Some(m) = &node.market_factor
                    && !matches!(&kind, CarrierKind::Electricity { market: Some(_), .. })
                {
                    diags.push(Diagnostic::error(&file, node.at.clone(), msg!("accounting-market-factor-unknown", factor = m.as_str(), sets = set_names())));
                }
                carriers.push(Carrier { carrier, source: node.id.clone(), kind, set });
            }
            None => {
                diags.push(Diagnostic::error(&file, node.at.clone(), msg!("accounting-factor-unknown", factor = factor.as_str(), source = node.id.as_str(), sets = set_names())))
            }
        }
    }
    let gwp_values = ["CF4", "C2F6"].iter().filter_map(|gas| sets.iter().find_map(|s| s.gwp(&settings.gwp, gas)).map(|v| (gas.to_string(), v))).collect();
    let book = Book { sets: sets.iter().map(|s| s.info.clone()).collect(), carriers, gwp: settings.gwp.clone(), gwp_values, tolerance: settings.tolerance };
    (book, diags)
}
