//! A scenario's measures applied to the site's accounting over a window (docs/scenarios.md, "How a scenario is
//! computed").
//!
//! The baseline is the accounting of the record. A scenario is the same accounting with its inputs changed:
//! - a **process** measure evaluates the unit's model at the baseline settings (read from the record over the
//!   window, as the what-if panel does) and at the measure's, and scales what the record says the unit's
//!   equipment drew — electricity and fuel by the model's ratio, its products' amounts by the production ratio,
//!   the process CO2 released there by the process-CO2 ratio. The change is carried upstream to the source
//!   (each node's inflows of the carrier share it as they carried it), so the site's purchases and the
//!   remainders (losses, unmetered) stay balanced; a change of the model's combustion CO2 per GJ (a fuel mix)
//!   moves the CO2 factor of the fuel the unit burns, for its share of that fuel;
//! - a **fuel switch** replaces a share of a fuel carrier's energy by another fuel of the site's factor sets,
//!   at the same energy (CO2 factor, oxidation and biomass share blended by energy);
//! - **green power** sets the contracted non-fossil share of the electricity bought (market-based scope 2);
//! - a **grid factor** replaces the location-based factor (and the factor meter) of the electricity bought.
//!
//! Measures apply in the file's order and add up: measures on the same unit combine their settings, a later
//! one winning a setting both name. Each measure's result is its increment over the measures before it, so
//! the increments add up to the whole scenario.

use plant_accounting::{Adjust, Book, CarrierKind, Report, prepare, report_adjusted};
use plant_carbon::Fuel;
use plant_flows::{FlowTotal, flow_totals};
use plant_i18n::{Msg, msg};
use plant_site::{Diagnostic, FlowValue, NodeKind, Site, Text};
use plant_store::Store;
use serde::Serialize;

use crate::economics::{Appraisal, appraise};
use crate::{Action, Co2Basis, Scenario};

const GJ: f64 = 1e9;
/// kg CO2 per J in one t CO2/MWh.
const T_PER_MWH: f64 = 1e3 / 3.6e9;

/// The energy cost and carbon cost of one accounting.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Cost {
    pub electricity: f64,
    /// The premium paid for green power beyond the site's own contracts.
    pub green_premium: f64,
    pub fuel: f64,
    pub heat: f64,
    /// Electricity, green premium, fuel and heat.
    pub energy: f64,
    /// Carbon price × CO2 on the scenario's basis.
    pub carbon: f64,
    pub total: f64,
    /// Carriers bought that have no price (not in the cost).
    pub unpriced: Vec<String>,
}

/// One accounting (the baseline, or the baseline with some measures) and its cost.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcome {
    pub report: Report,
    pub cost: Cost,
    /// Scope 1 + 2 on the scenario's CO2 basis, t.
    pub co2_t: f64,
}

/// A measure's increment over those before it, over the window and over a year, appraised.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasureResult {
    pub index: usize,
    pub name: Text,
    pub kind: &'static str,
    /// The measure's settings or flow change, as written in the file.
    pub detail: String,
    /// Changes over the window (scenario − before), in the window.
    pub electricity_mwh: f64,
    pub fuel_gj: f64,
    pub energy_gj: f64,
    pub co2_t: f64,
    pub energy_cost: f64,
    pub appraisal: Appraisal,
    /// What the measure could not do as asked (a unit without data, a unit measured without fuel).
    #[serde(serialize_with = "english")]
    pub notes: Vec<Msg>,
}

/// A bar of the marginal abatement cost curve.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MaccBar {
    /// The measure's index in the scenario.
    pub measure: usize,
    pub name: Text,
    /// Where the bar starts, t CO2/year avoided by the cheaper measures.
    pub x0: f64,
    /// t CO2 avoided per year.
    pub width: f64,
    /// Per t CO2 avoided.
    pub cost_per_t: f64,
}

/// A scenario computed over a window.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluated {
    pub scenario: Text,
    pub from_ms: i64,
    pub to_ms: i64,
    pub hours: f64,
    /// The hours a year of the window's mean rate is taken to be (8,760, or the operating hours).
    pub annual_hours: f64,
    pub currency: String,
    pub co2_basis: Co2Basis,
    /// The real discount rate the measures are appraised at, per year.
    pub discount_rate: f64,
    pub baseline: Outcome,
    pub result: Outcome,
    pub measures: Vec<MeasureResult>,
    /// Measures that avoid CO2, cheapest per tonne first.
    pub macc: Vec<MaccBar>,
    /// The site's diagnostics met while computing (a factor set that did not load…).
    #[serde(serialize_with = "english_diagnostics")]
    pub diagnostics: Vec<Diagnostic>,
}

impl Evaluated {
    /// A year's worth of a window's figure.
    pub fn per_year(&self, x: f64) -> f64 {
        x * self.annual_hours / self.hours.max(1e-9)
    }
}

fn english<S: serde::Serializer>(messages: &[Msg], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(messages.iter().map(|m| m.text_in(plant_i18n::Lang::En)))
}

fn english_diagnostics<S: serde::Serializer>(d: &[Diagnostic], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(d.iter().map(|d| d.text_in(plant_i18n::Lang::En)))
}

/// Whether `carrier` is a fuel the site buys (a source node's carrier with a fuel factor).
pub fn is_fuel_carrier(site: &Site, carrier: &str) -> bool {
    let (book, _) = prepare(site);
    matches!(book.carrier(carrier).map(|c| &c.kind), Some(CarrierKind::Fuel(_)))
}

/// The fuel carriers the site buys (what a fuel switch can replace), in the order of its source nodes.
pub fn fuel_carriers(site: &Site) -> Vec<String> {
    let (book, _) = prepare(site);
    book.carriers.iter().filter(|c| matches!(c.kind, CarrierKind::Fuel(_))).map(|c| c.carrier.clone()).collect()
}

/// Every fuel of the site's factor sets (what a fuel switch can burn instead): id and name.
pub fn fuels_of_sets(site: &Site) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for set in site.accounting.factor_sets.iter().filter_map(|s| plant_carbon::resolve_factor_set(s, &site.root).ok()) {
        for f in set.fuels {
            if !out.iter().any(|(id, _)| *id == f.id) {
                out.push((f.id, f.name));
            }
        }
    }
    out
}

/// A fuel of the site's factor sets, by id.
pub fn fuel_of_sets(site: &Site, id: &str) -> Option<Fuel> {
    site.accounting.factor_sets.iter().filter_map(|s| plant_carbon::resolve_factor_set(s, &site.root).ok()).find_map(|s| s.fuel(id).cloned())
}

/// The model's hourly figures summed over the window: what the ratios of a process measure are taken from.
#[derive(Clone, Copy, Debug, Default)]
struct Sums {
    electricity: f64,
    fuel: f64,
    combustion: f64,
    process: f64,
    production: f64,
    /// Hours in which the settings broke one of the model's limits.
    broken_hours: usize,
}

/// A what-if unit over the window: for each state of the scenario (0: the baseline), the model summed hour by
/// hour, and the limits the settings broke.
struct Unit {
    sums: Vec<Sums>,
    /// The first limit broken in each state, and how many hours were evaluated.
    broken: Vec<Option<Msg>>,
    hours: usize,
    notes: Vec<Msg>,
}

/// At most this many steps of the window are evaluated (a longer window takes longer steps).
const MAX_STEPS: i64 = 2000;

/// Each state's settings overrides for unit `w`: the settings of the measures on it up to that state, a later
/// one winning a setting both name.
fn overrides(scenario: &Scenario, w: usize) -> Vec<Vec<(String, f64)>> {
    let mut out = vec![Vec::new()];
    let mut now: Vec<(String, f64)> = Vec::new();
    for m in &scenario.measures {
        if let Action::Process { whatif, settings, .. } = &m.action
            && *whatif == w
        {
            for (k, v) in settings {
                now.retain(|(x, _)| x != k);
                now.push((k.clone(), *v));
            }
        }
        out.push(now.clone());
    }
    out
}

/// Whether the unit ran in each step of the window: its electric power meters' mean over the step is above 5 %
/// of their highest step (a chiller plant at night, a kiln stopped are left out: their sensors read the
/// room, not the process). Every step where the unit has no power meter.
fn running_steps(site: &Site, store: &Store, wi: &plant_site::WhatIf, t0: i64, t1: i64, step: i64) -> Vec<bool> {
    let meters: Vec<&str> =
        site.meters.iter().filter(|m| m.quantity == plant_site::Quantity::ElectricPower && wi.equipment.contains(&m.equipment)).map(|m| m.id.as_str()).collect();
    let mut power = Vec::new();
    let mut a = t0;
    while a < t1 {
        let b = (a + step).min(t1);
        let p: Vec<f64> = meters.iter().filter_map(|m| store.get(m)?.aggregate(a, b).mean()).collect();
        power.push((!p.is_empty()).then(|| p.iter().sum::<f64>()));
        a = b;
    }
    let top = power.iter().flatten().copied().fold(0.0_f64, f64::max);
    power.iter().map(|p| meters.is_empty() || p.is_some_and(|p| p > 0.05 * top)).collect()
}

/// Evaluates unit `w`'s model hour by hour over the window — at each hour's recorded settings and conditions
/// (read as the what-if panel reads them), and at each state's settings under the same conditions — and sums
/// the figures. Hours the unit stood still, and hours without data for its settings, are left out.
fn unit(site: &Site, store: &Store, scenario: &Scenario, w: usize, t0: i64, t1: i64) -> Option<Unit> {
    let wi = &site.whatifs[w];
    let (mut process, note) = plant_process::for_whatif(wi)?;
    let notes: Vec<Msg> = note.into_iter().collect();
    let states = overrides(scenario, w);
    let keys: Vec<&'static str> = process.settings().iter().map(|s| s.key).collect();
    let step = ((t1 - t0) / MAX_STEPS).max(3_600_000);
    let prices = plant_process::Prices::default();
    let mut sums = vec![Sums::default(); states.len()];
    let mut broken: Vec<Option<Msg>> = vec![None; states.len()];
    let mut hours = 0;
    let running = running_steps(site, store, wi, t0, t1, step);
    let mut a = t0;
    for run in running {
        let b = (a + step).min(t1);
        let (from, to) = (a, b);
        a = b;
        if !run {
            continue;
        }
        let base = plant_process::baseline::baseline(site, store, wi, process.as_mut(), from, to);
        if !wi.baseline.is_empty() && !base.from_data.iter().any(|x| *x) {
            continue;
        }
        hours += 1;
        for (k, over) in states.iter().enumerate() {
            let mut x = base.settings.clone();
            for (key, v) in over {
                if let Some(i) = keys.iter().position(|s| s == key) {
                    x[i] = *v;
                }
            }
            let e = process.evaluate(&x, &prices);
            let s = &mut sums[k];
            s.electricity += e.electricity_kw;
            s.fuel += e.fuel_gj_h;
            s.combustion += e.scope1_combustion_t_h;
            s.process += e.scope1_process_t_h;
            s.production += e.production_h;
            if let Some(c) = e.constraints.iter().find(|c| c.margin() < -1e-9) {
                s.broken_hours += 1;
                if broken[k].is_none() {
                    broken[k] = Some(c.label.clone());
                }
            }
        }
    }
    Some(Unit { sums, broken, hours, notes })
}

/// Everything that stays the same from one state of the scenario to the next.
struct Ground<'a> {
    site: &'a Site,
    store: &'a Store,
    scenario: &'a Scenario,
    book: Book,
    totals: Vec<FlowTotal>,
    t0: i64,
    t1: i64,
    /// The baseline report (energy of every flow, the carriers' lines).
    base: Report,
    units: Vec<Option<Unit>>,
}

/// Computes the scenario over `[t0, t1)`: the baseline, the scenario, each measure's increment appraised,
/// and the abatement curve. `curves` reads a what-if unit's chiller curve file (inside the package).
pub fn evaluate(site: &Site, store: &Store, scenario: &Scenario, t0: i64, t1: i64) -> Evaluated {
    let (book, diagnostics) = prepare(site);
    let totals = flow_totals(site, store, t0, t1);
    let base = report_adjusted(site, store, &book, t0, t1, &totals, &Adjust::default());
    let units = (0..site.whatifs.len())
        .map(|w| scenario.measures.iter().any(|m| matches!(m.action, Action::Process { whatif, .. } if whatif == w)).then(|| unit(site, store, scenario, w, t0, t1)).flatten())
        .collect();
    let g = Ground { site, store, scenario, book, totals, t0, t1, base, units };
    let states: Vec<(Outcome, Vec<Msg>)> = (0..=scenario.measures.len()).map(|k| g.state(k)).collect();
    let hours = (t1 - t0).max(0) as f64 / 3_600_000.0;
    let annual_hours = scenario.economics.annualise.hours();
    let per_year = |x: f64| x * annual_hours / hours.max(1e-9);
    let mut measures = Vec::new();
    for (i, m) in scenario.measures.iter().enumerate() {
        let (before, after) = (&states[i].0, &states[i + 1].0);
        let (b, a) = (&before.report.energy, &after.report.energy);
        let (d_co2, d_cost) = (after.co2_t - before.co2_t, after.cost.energy - before.cost.energy);
        let appraisal = appraise(-per_year(d_cost), -per_year(d_co2), m.capex, m.lifetime_years, m.om_per_year, scenario.economics.discount_rate);
        measures.push(MeasureResult {
            index: i,
            name: m.name.clone(),
            kind: kind_of(&m.action),
            detail: detail(&m.action),
            electricity_mwh: a.electricity_mwh - b.electricity_mwh,
            fuel_gj: a.fuel_gj - b.fuel_gj,
            energy_gj: a.total_gj - b.total_gj,
            co2_t: d_co2,
            energy_cost: d_cost,
            appraisal,
            notes: states[i + 1].1.clone(),
        });
    }
    let macc = macc(&measures);
    let mut states = states.into_iter().map(|(o, _)| o);
    let baseline = states.next().unwrap_or_else(|| g.outcome(g.base.clone(), &[]));
    let result = states.next_back().unwrap_or_else(|| baseline.clone());
    Evaluated {
        scenario: scenario.name.clone(),
        from_ms: t0,
        to_ms: t1,
        hours,
        annual_hours,
        currency: scenario.prices.currency.clone(),
        co2_basis: scenario.economics.co2,
        discount_rate: scenario.economics.discount_rate,
        baseline,
        result,
        measures,
        macc,
        diagnostics,
    }
}

/// The measures that avoid CO2, cheapest per tonne first, laid side by side.
pub fn macc(measures: &[MeasureResult]) -> Vec<MaccBar> {
    let mut bars: Vec<MaccBar> = measures
        .iter()
        .filter_map(|m| {
            let cost = m.appraisal.abatement_cost_per_t?;
            Some(MaccBar { measure: m.index, name: m.name.clone(), x0: 0.0, width: m.appraisal.avoided_t_per_year, cost_per_t: cost })
        })
        .collect();
    bars.sort_by(|a, b| a.cost_per_t.total_cmp(&b.cost_per_t));
    let mut x = 0.0;
    for b in &mut bars {
        b.x0 = x;
        x += b.width;
    }
    bars
}

fn kind_of(a: &Action) -> &'static str {
    match a {
        Action::Process { .. } => "process",
        Action::FuelSwitch { .. } => "fuel-switch",
        Action::GreenPower { .. } => "green-power",
        Action::GridFactor { .. } | Action::GridSeries { .. } => "grid-factor",
    }
}

/// The measure's change in the file's words: `chwst = 8, ecwt = 27`, `coal → solid-biomass 20 %`.
pub fn detail(a: &Action) -> String {
    match a {
        Action::Process { unit, settings, .. } => format!("{unit}: {}", settings.iter().map(|(k, v)| format!("{k} = {v}")).collect::<Vec<_>>().join(", ")),
        Action::FuelSwitch { carrier, fuel, share, .. } => format!("{carrier} → {fuel} {:.0} %", share * 100.0),
        Action::GreenPower { share, .. } => format!("green power {:.0} %", share * 100.0), // i18n-ok: the file's word
        Action::GridFactor { t_per_mwh } => format!("grid {t_per_mwh} t CO2/MWh"),         // i18n-ok: the file's word
        Action::GridSeries { meter } => format!("grid factor series {meter}"),             // i18n-ok: the file's word
    }
}

/// x / y, 1 where y is nothing.
fn ratio(x: f64, y: f64) -> f64 {
    if y.abs() > 1e-12 { x / y } else { 1.0 }
}

impl Ground<'_> {
    /// The accounting with the first `k` measures applied, and the notes of the `k`-th.
    fn state(&self, k: usize) -> (Outcome, Vec<Msg>) {
        let site = self.site;
        let mut book = self.book.clone();
        let mut adjust = Adjust::default();
        // J added to each flow's energy.
        let mut delta = vec![0.0; site.flows.len()];
        let mut premium = 0.0;
        let mut blends: Vec<(String, f64, Option<f64>)> = Vec::new();
        let mut notes = Vec::new();
        let measures = &self.scenario.measures[..k];
        // Process measures: each unit at its combined settings. The notes are the last measure's unit's.
        let last_unit = match measures.last().map(|m| &m.action) {
            Some(Action::Process { whatif, .. }) => Some(*whatif),
            _ => None,
        };
        for (w, u) in self.units.iter().enumerate() {
            let Some(u) = u else { continue };
            let unit_notes = self.apply_unit(w, u, k, &mut book, &mut adjust, &mut delta);
            if last_unit == Some(w) {
                notes.extend(u.notes.iter().cloned());
                notes.extend(unit_notes);
            }
        }
        // Flow measures, in order.
        for m in measures {
            match &m.action {
                Action::Process { .. } => {}
                Action::FuelSwitch { carrier, fuel, share, price_per_gj } => {
                    if let Some(y) = fuel_of_sets(site, fuel) {
                        blend(&mut book, carrier, *share, &y);
                        blends.push((carrier.clone(), *share, *price_per_gj));
                    }
                }
                Action::GreenPower { share, premium_per_mwh } => {
                    for c in &mut book.carriers {
                        if let CarrierKind::Electricity { green_share, .. } = &mut c.kind {
                            let was = self.base_green_share(&c.carrier);
                            *green_share = *share;
                            premium = (share - was).max(0.0) * premium_per_mwh;
                        }
                    }
                }
                Action::GridFactor { t_per_mwh } => {
                    for c in &mut book.carriers {
                        if let CarrierKind::Electricity { location, factor_meter, .. } = &mut c.kind {
                            location.co2_per_energy.si = t_per_mwh * T_PER_MWH;
                            location.id = format!("{t_per_mwh} t/MWh");
                            *factor_meter = None;
                        }
                    }
                }
                Action::GridSeries { meter } => {
                    for c in &mut book.carriers {
                        if let CarrierKind::Electricity { factor_meter, .. } = &mut c.kind {
                            *factor_meter = Some(meter.clone());
                        }
                    }
                }
            }
        }
        let totals = self.scaled_totals(&delta);
        let report = report_adjusted(site, self.store, &book, self.t0, self.t1, &totals, &adjust);
        let mut outcome = self.outcome(report, &blends);
        let mwh = outcome.report.energy.electricity_mwh;
        outcome.cost.green_premium = premium * mwh;
        outcome.cost.energy += outcome.cost.green_premium;
        outcome.cost.total += outcome.cost.green_premium;
        (outcome, notes)
    }

    fn base_green_share(&self, carrier: &str) -> f64 {
        match self.book.carrier(carrier).map(|c| &c.kind) {
            Some(CarrierKind::Electricity { green_share, .. }) => *green_share,
            _ => 0.0,
        }
    }

    /// The flow totals with `delta` (J) added to each measured flow's energy.
    fn scaled_totals(&self, delta: &[f64]) -> Vec<FlowTotal> {
        let mut totals = self.totals.clone();
        for t in &mut totals {
            let e = self.base.flow(t.flow).and_then(|f| f.energy_gj).unwrap_or(0.0) * GJ;
            let d = delta.get(t.flow).copied().unwrap_or(0.0);
            if let Some(v) = &mut t.total
                && e.abs() > 0.0
                && d != 0.0
            {
                *v = *v * ((e + d) / e).max(0.0);
            }
        }
        totals
    }

    /// Scales the unit's equipment by the model's ratios in state `k` against the baseline; notes on what could
    /// not be scaled.
    fn apply_unit(&self, w: usize, u: &Unit, k: usize, book: &mut Book, adjust: &mut Adjust, delta: &mut [f64]) -> Vec<Msg> {
        let mut notes = Vec::new();
        let site = self.site;
        let wi = &site.whatifs[w];
        let (Some(e), Some(b)) = (u.sums.get(k), u.sums.first()) else { return notes };
        if u.hours == 0 {
            notes.push(msg!("scenario-note-no-hours", unit = wi.equipment.first().map_or("", String::as_str)));
            return notes;
        }
        if let Some(Some(limit)) = u.broken.get(k) {
            notes.push(msg!("scenario-note-limit", limit = limit.clone(), hours = e.broken_hours, of = u.hours));
        }
        let (r_el, r_fuel, r_prod) = (ratio(e.electricity, b.electricity), ratio(e.fuel, b.fuel), ratio(e.production, b.production));
        let r_proc = ratio(e.process, b.process);
        let inside = |id: &str| wi.equipment.iter().any(|x| x == id);
        let (mut el_seen, mut fuel_seen) = (false, false);
        for (k, f) in site.flows.iter().enumerate() {
            if !inside(&f.to) {
                continue;
            }
            let r = match book.carrier(&f.carrier).map(|c| &c.kind) {
                Some(CarrierKind::Electricity { .. }) => {
                    el_seen = true;
                    r_el
                }
                Some(CarrierKind::Fuel(_)) => {
                    fuel_seen = true;
                    r_fuel
                }
                _ => continue,
            };
            let Some(energy) = self.base.flow(k).and_then(|l| l.energy_gj).map(|x| x * GJ) else { continue };
            let d = energy * (r - 1.0);
            if f.value != FlowValue::Remainder {
                delta[k] += d;
            }
            if !inside(&f.from) {
                self.carry_upstream(&f.from, &f.carrier, d, delta, 0);
            }
        }
        if !el_seen && (r_el - 1.0).abs() > 1e-9 {
            notes.push(msg!("scenario-note-no-electricity", unit = wi.equipment.first().map_or("", String::as_str)));
        }
        if !fuel_seen && (r_fuel - 1.0).abs() > 1e-9 {
            notes.push(msg!("scenario-note-no-fuel", unit = wi.equipment.first().map_or("", String::as_str)));
        }
        // Products made by the unit: measured at its equipment, or releasing their process CO2 there (a
        // potline's metal is weighed at the casthouse).
        for p in &site.products {
            let measured_here = match &p.amount {
                plant_site::ProductAmount::Meters(terms) => terms.iter().any(|(_, m)| site.meter(m).is_some_and(|m| inside(&m.equipment))),
                plant_site::ProductAmount::Fixed(_) => false,
            };
            let at_unit = measured_here || (!matches!(p.amount, plant_site::ProductAmount::Fixed(_)) && process_nodes(p).iter().any(|n| inside(n)));
            if at_unit && (r_prod - 1.0).abs() > 1e-12 {
                adjust.product_scale.push((p.id.clone(), r_prod));
            }
        }
        // Process CO2 follows a product's amount already; what is left of the model's ratio is per tonne.
        for id in &wi.equipment {
            let scaled = site.products.iter().filter(|p| process_nodes(p).contains(&id.as_str())).any(|p| adjust.product_scale.iter().any(|(x, _)| *x == p.id));
            let process_scale = if scaled { r_proc / r_prod.max(1e-12) } else { r_proc };
            if (process_scale - 1.0).abs() > 1e-12 {
                adjust.process_scale.push((id.clone(), process_scale));
            }
        }
        // The model's combustion CO2 per GJ of fuel, on the fuels the unit burns, for the unit's share of each.
        let intensity = |x: &Sums| ratio(x.combustion, x.fuel);
        let r_int = ratio(intensity(e), intensity(b));
        if (r_int - 1.0).abs() > 1e-9 {
            self.scale_fuel_factor(book, &inside, r_int);
        }
        notes
    }

    /// Moves the CO2 factor of each fuel the unit burns by `r_int` for the unit's share of that fuel.
    fn scale_fuel_factor(&self, book: &mut Book, inside: &dyn Fn(&str) -> bool, r_int: f64) {
        for c in &mut book.carriers {
            let CarrierKind::Fuel(fuel) = &mut c.kind else { continue };
            let total = self.base.carriers.iter().filter(|l| l.carrier == c.carrier).map(|l| l.energy_gj).sum::<f64>();
            let unit: f64 =
                self.site.flows.iter().enumerate().filter(|(_, f)| f.carrier == c.carrier && inside(&f.to)).filter_map(|(k, _)| self.base.flow(k).and_then(|l| l.energy_gj)).sum();
            if total > 0.0 && unit > 0.0 {
                fuel.co2_per_energy.si *= 1.0 + (unit / total).min(1.0) * (r_int - 1.0);
            }
        }
    }

    /// Adds `d` (J) of `carrier` to what enters `node`, shared over its inflows of the carrier as they carried
    /// it, up to the source.
    fn carry_upstream(&self, node: &str, carrier: &str, d: f64, delta: &mut [f64], depth: usize) {
        let site = self.site;
        if depth > 64 || d == 0.0 || site.node(node).is_some_and(|n| n.kind == NodeKind::Source) {
            return;
        }
        let inflows: Vec<(usize, f64)> = site
            .flows
            .iter()
            .enumerate()
            .filter(|(_, f)| f.to == node && f.carrier == carrier)
            .map(|(k, _)| (k, self.base.flow(k).and_then(|l| l.energy_gj).unwrap_or(0.0).max(0.0)))
            .collect();
        let total: f64 = inflows.iter().map(|(_, e)| e).sum();
        for (k, e) in &inflows {
            let share = if total > 0.0 { e / total } else { 1.0 / inflows.len() as f64 };
            let dk = d * share;
            if site.flows[*k].value != FlowValue::Remainder {
                delta[*k] += dk;
            }
            self.carry_upstream(&site.flows[*k].from.clone(), carrier, dk, delta, depth + 1);
        }
    }

    /// The outcome of a report: its cost at the scenario's prices, the fuels blended as `blends` say.
    fn outcome(&self, report: Report, blends: &[(String, f64, Option<f64>)]) -> Outcome {
        let p = &self.scenario.prices;
        let mut cost = Cost::default();
        for c in &report.carriers {
            match c.kind {
                "electricity" => cost.electricity += c.energy_gj / 3.6 * 1e3 * p.electricity_per_kwh,
                "heat" => match p.heat_per_gj {
                    Some(price) => cost.heat += c.energy_gj * price,
                    None => cost.unpriced.push(c.carrier.clone()),
                },
                _ => {
                    let own = p.fuel(&c.carrier);
                    let mut price = own;
                    for (carrier, share, other) in blends.iter().filter(|(x, _, _)| *x == c.carrier) {
                        price = match (price, other) {
                            (Some(a), Some(b)) => Some(a * (1.0 - share) + b * share),
                            _ => None,
                        };
                        let _ = carrier;
                    }
                    match price {
                        Some(price) => cost.fuel += c.energy_gj * price,
                        None => cost.unpriced.push(c.carrier.clone()),
                    }
                }
            }
        }
        let co2_t = match self.scenario.economics.co2 {
            Co2Basis::Location => report.scopes.total_location_t,
            Co2Basis::Market => report.scopes.total_market_t,
        };
        cost.energy = cost.electricity + cost.fuel + cost.heat;
        cost.carbon = co2_t * p.carbon_per_t;
        cost.total = cost.energy + cost.carbon;
        Outcome { report, cost, co2_t }
    }
}

/// The nodes a product's process CO2 is released at.
fn process_nodes(p: &plant_site::Product) -> Vec<&str> {
    let mut at = Vec::new();
    at.extend(p.calcination.as_ref().map(|c| c.at.as_str()));
    at.extend(p.anode.as_ref().map(|a| a.at.as_str()));
    at.extend(p.pfc.as_ref().map(|x| x.at.as_str()));
    at
}

/// Replaces `share` of the fuel carrier's energy by `y`, at the same energy.
fn blend(book: &mut Book, carrier: &str, share: f64, y: &Fuel) {
    for c in book.carriers.iter_mut().filter(|c| c.carrier == carrier) {
        let CarrierKind::Fuel(x) = &mut c.kind else { continue };
        let cx = x.co2_per_energy.si * x.oxidation;
        let cy = y.co2_per_energy.si * y.oxidation;
        let total = (1.0 - share) * cx + share * cy;
        let bio = if total > 0.0 { ((1.0 - share) * cx * x.biomass_fraction + share * cy * y.biomass_fraction) / total } else { 0.0 };
        x.co2_per_energy.si = total;
        x.oxidation = 1.0;
        x.biomass_fraction = bio;
        x.id = format!("{} + {:.0} % {}", x.id, share * 100.0, y.id);
    }
}
