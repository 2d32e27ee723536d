//! The accounting of one window: every flow in its own unit, in energy and in CO2; energy bought by
//! carrier; CO2 by scope; key figures per product; per-node use; balance violations.

use std::collections::BTreeSet;

use plant_flows::{FlowTotal, flow_totals, formula_total, integrate, integrate_with};
use plant_i18n::{Lang, Msg, msg};
use plant_site::{FlowValue, Kpi, Product, ProductAmount, Site};
use plant_store::{Store, TimestampMs};
use plant_units::{Dim, KGCE_J, Value};
use serde::Serialize;

use crate::book::{Book, CarrierKind};

const GJ: f64 = 1e9;
const MWH: f64 = 3.6e9;
const T_CO2: f64 = 1e3;
/// g/mol
const M_C: f64 = 12.011;

/// A number with its unit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Figure {
    pub value: f64,
    pub unit: String,
}

/// One flow of the site over the window.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FlowLine {
    /// Index in site.toml's `[[flow]]` list.
    pub index: usize,
    pub from: String,
    pub to: String,
    pub carrier: String,
    /// As measured: MWh, t, m³ … (`None`: not measured or no data).
    pub amount: Option<Figure>,
    /// Energy it carries, GJ (fuels: mass × NCV).
    pub energy_gj: Option<f64>,
    /// Fossil CO2 it stands for, t (electricity at the window's location-based grid intensity, fuels at
    /// their factor whatever node burns them).
    pub co2_t: Option<f64>,
    /// Share of the window covered by data of all its meters.
    pub coverage: f64,
    /// Computed as a remainder (losses, unmetered), not measured.
    pub remainder: bool,
}

/// Energy bought, per carrier.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CarrierLine {
    pub carrier: String,
    pub source: String,
    /// `electricity`, `fuel` or `heat`.
    pub kind: &'static str,
    pub amount: Figure,
    pub energy_gj: f64,
    /// Location-based for electricity; fossil CO2 of combustion for fuels (what was burnt).
    pub co2_t: f64,
    pub factor: String,
    pub factor_set: String,
}

/// CO2 by scope, t.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Scopes {
    pub scope1_combustion_t: f64,
    /// Calcination + anodes + PFC (CO2e).
    pub scope1_process_t: f64,
    pub process_calcination_t: f64,
    pub process_anode_t: f64,
    /// PFC of anode effects as CO2e with the chosen GWP set.
    pub process_pfc_co2e_t: f64,
    pub scope1_t: f64,
    pub scope2_location_t: f64,
    pub scope2_market_t: f64,
    /// Biogenic CO2 of biomass fuels: reported, not counted in scope 1.
    pub biogenic_memo_t: f64,
    pub total_location_t: f64,
    pub total_market_t: f64,
}

/// Site energy over the window.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct EnergyTotals {
    pub electricity_mwh: f64,
    /// Heat of the fuels burnt.
    pub fuel_gj: f64,
    pub heat_gj: f64,
    pub total_gj: f64,
    /// Total in tonnes of standard coal equivalent (electricity at its calorific equivalent, GB/T 2589).
    pub total_tce: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KpiLine {
    pub key: &'static str,
    pub name: String,
    pub value: f64,
    pub unit: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProductLine {
    pub id: String,
    pub name: String,
    pub amount: Figure,
    pub coverage: f64,
    pub process_co2_t: f64,
    /// Process emissions by kind (`calcination`, `anodes`, `pfc`) and where they are released.
    pub process: Vec<ProcessLine>,
    pub kpis: Vec<KpiLine>,
    /// Nodes left out of its key figures: downstream of it and part of another product's making (for
    /// clinker: the clinker silo, cement mills and silos). Empty: the whole site.
    pub outside: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProcessLine {
    pub kind: &'static str,
    pub at: String,
    /// t CO2 (CO2e for PFC).
    pub co2_t: f64,
}

/// What an equipment item or flow node uses and causes.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeLine {
    pub id: String,
    pub name: String,
    /// Net electricity (in − out).
    pub electricity_mwh: f64,
    /// Fuel burnt here.
    pub fuel_gj: f64,
    pub heat_gj: f64,
    /// Scope 1 (combustion and process) here plus scope 2 (location-based) of its net electricity and heat.
    pub co2_t: f64,
    /// Of which scope 1: fuel burnt and process CO2 released here (what a stack monitor here measures).
    pub scope1_t: f64,
}

/// A measured CO2 meter (a CEMS on a stack, a historian's CO2 column) beside the CO2 the accounting
/// computes for its equipment: shown, never added to the totals.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeasuredCo2Line {
    pub meter: String,
    pub equipment: String,
    /// Measured over the window, t CO2, and the share of the window the meter covers.
    pub measured_t: f64,
    pub coverage: f64,
    /// Scope 1 computed at the equipment, t CO2; `None` where the accounting computes none there.
    pub computed_t: Option<f64>,
    /// (measured − computed) / computed, %.
    pub difference_pct: Option<f64>,
}

/// A measured and a computed CO2 that differ by more than this share are flagged (a cross-check, in the
/// spirit of the EU MRR's corroborating calculation for CEMS; the threshold is this project's choice).
pub const MEASURED_CO2_TOLERANCE: f64 = 0.10;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ImbalanceLine {
    pub node: String,
    pub name: String,
    pub quantity: String,
    pub inflow: f64,
    pub outflow: f64,
    pub unit: String,
    /// (in − out) / max(in, out)
    pub relative: f64,
}

/// The accounting of a window.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub site: String,
    pub from: String,
    pub to: String,
    pub hours: f64,
    pub factor_sets: Vec<plant_carbon::SetInfo>,
    pub gwp: String,
    pub energy: EnergyTotals,
    pub scopes: Scopes,
    pub carriers: Vec<CarrierLine>,
    pub products: Vec<ProductLine>,
    pub nodes: Vec<NodeLine>,
    pub flows: Vec<FlowLine>,
    pub imbalances: Vec<ImbalanceLine>,
    /// Measured CO2 beside the computed (docs/site-format.md, quantities `co2_mass_flow` and `co2`).
    pub measured_co2: Vec<MeasuredCo2Line>,
    /// What the figures leave out or could not account (`accounting-warning-…` messages), shown in the
    /// language of the screen; in JSON, in English (the JSON of a report is the same in every language).
    #[serde(serialize_with = "english")]
    pub warnings: Vec<Msg>,
    /// The year of the window's end against the site's CO2 target ([`crate::trajectory()`]), when the caller
    /// asks for it (`plant-twin report` does): not part of the window's own accounting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trajectory: Option<crate::Trajectory>,
}

/// The site's energy and CO2 hour by hour ([`hourly_totals`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct HourlyTotals {
    /// The start of each hour.
    pub times_ms: Vec<TimestampMs>,
    /// GJ in the hour, every carrier (the report's `energy.total_gj`).
    pub energy_gj: Vec<f64>,
    /// t CO2 in the hour, scope 1 and location-based scope 2 (the report's `scopes.total_location_t`).
    pub co2_t: Vec<f64>,
}

impl HourlyTotals {
    /// Keeps the hours (by their start) that `keep` accepts.
    pub fn retain(&mut self, keep: impl Fn(TimestampMs) -> bool) {
        let mut k = 0;
        for i in 0..self.times_ms.len() {
            if keep(self.times_ms[i]) {
                self.times_ms[k] = self.times_ms[i];
                self.energy_gj[k] = self.energy_gj[i];
                self.co2_t[k] = self.co2_t[i];
                k += 1;
            }
        }
        self.times_ms.truncate(k);
        self.energy_gj.truncate(k);
        self.co2_t.truncate(k);
    }
}

/// The report of each whole hour from `t0` (on the hour) until `t1`, within the record (an hour before it
/// or after it is no data, not zero): the figures the flows panel shows for an hour, as series to forecast.
/// Hours that half the meters are silent in part of (a logger outage), and hours whose figures are not finite,
/// are left out.
pub fn hourly_totals(site: &Site, store: &Store, book: &Book, t0: TimestampMs, t1: TimestampMs) -> HourlyTotals {
    let mut out = HourlyTotals::default();
    for_each_hour(site, store, book, t0, t1, &mut |t, r| {
        if r.energy.total_gj.is_finite() && r.scopes.total_location_t.is_finite() {
            out.times_ms.push(t);
            out.energy_gj.push(r.energy.total_gj);
            out.co2_t.push(r.scopes.total_location_t);
        }
    });
    out
}

/// One figure of each whole hour's report (as [`hourly_totals`]: within the record, logger outages left out),
/// where `pick` gives a finite one: a flow's energy, a product's key figure.
pub fn hourly_figure(site: &Site, store: &Store, book: &Book, t0: TimestampMs, t1: TimestampMs, pick: &dyn Fn(&Report) -> Option<f64>) -> (Vec<TimestampMs>, Vec<f64>) {
    let (mut times, mut values) = (Vec::new(), Vec::new());
    for_each_hour(site, store, book, t0, t1, &mut |t, r| {
        if let Some(v) = pick(r).filter(|v| v.is_finite()) {
            times.push(t);
            values.push(v);
        }
    });
    (times, values)
}

/// The report of each whole hour of `[t0, t1)` within the record, less the hours half the meters are silent in.
fn for_each_hour(site: &Site, store: &Store, book: &Book, t0: TimestampMs, t1: TimestampMs, f: &mut dyn FnMut(TimestampMs, &Report)) {
    const HOUR_MS: i64 = 3_600_000;
    let Some((first, last)) = store.time_range() else { return };
    let (t0, t1) = (t0.max(first), t1.min(last.saturating_add(1)));
    // The meters' silences (a logger outage): an hour that half the meters are silent in part of is not a
    // whole hour of the site, and is left out rather than counted low.
    let gaps: Vec<Vec<(TimestampMs, TimestampMs)>> = store.meter_ids().filter_map(|m| store.get(m)).map(|s| s.gaps()).collect();
    let silent = |a: TimestampMs, b: TimestampMs| gaps.iter().filter(|g| g.iter().any(|&(x, y)| x < b && a < y)).count() * 2 >= gaps.len().max(1);
    let mut t = t0 - t0.rem_euclid(HOUR_MS);
    while t.saturating_add(HOUR_MS) <= t1 {
        if silent(t, t + HOUR_MS) {
            t += HOUR_MS;
            continue;
        }
        f(t, &report(site, store, book, t, t + HOUR_MS));
        t += HOUR_MS;
    }
}

/// Messages as their English text.
fn english<S: serde::Serializer>(messages: &[Msg], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(messages.iter().map(|m| m.text_in(Lang::En)))
}

impl Report {
    pub fn flow(&self, index: usize) -> Option<&FlowLine> {
        self.flows.iter().find(|f| f.index == index)
    }

    pub fn node(&self, id: &str) -> Option<&NodeLine> {
        self.nodes.iter().find(|n| n.id == id)
    }

    pub fn product(&self, id: &str) -> Option<&ProductLine> {
        self.products.iter().find(|p| p.id == id)
    }

    pub fn kpi(&self, product: &str, key: &str, unit: &str) -> Option<f64> {
        self.product(product)?.kpis.iter().find(|k| k.key == key && k.unit == unit).map(|k| k.value)
    }
}

fn fig(value: f64, unit: &str) -> Figure {
    Figure { value, unit: unit.to_string() }
}

/// The unit a measured amount is shown in, and its value in it.
fn show(v: Value) -> Figure {
    for unit in ["MWh", "t", "m³", "tCO2", "m²"] {
        if let Ok(x) = v.in_unit(unit) {
            return fig(x, unit);
        }
    }
    fig(v.si, &format!("SI ({})", v.dim.name()))
}

fn local(t: TimestampMs, site: &Site) -> String {
    use chrono::TimeZone;
    site.time_zone.timestamp_millis_opt(t).single().map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)).unwrap_or_else(|| t.to_string())
}

/// Accounts `[t0, t1)` of the site's record.
pub fn report(site: &Site, store: &Store, book: &Book, t0: TimestampMs, t1: TimestampMs) -> Report {
    let totals = flow_totals(site, store, t0, t1);
    report_from_totals(site, store, book, t0, t1, &totals)
}

/// As [`report`], from flow totals already computed.
pub fn report_from_totals(site: &Site, store: &Store, book: &Book, t0: TimestampMs, t1: TimestampMs, totals: &[FlowTotal]) -> Report {
    report_adjusted(site, store, book, t0, t1, totals, &Adjust::default())
}

/// What a what-if scenario changes besides the flows (`plant-scenario`): a product's amount (and so its process
/// CO2) and the process CO2 released at a node, each by a factor. Ids not in the site change nothing.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Adjust {
    /// Product id and the factor on its amount over the window.
    pub product_scale: Vec<(String, f64)>,
    /// Node id and the factor on the process CO2 released there, on top of the product's amount.
    pub process_scale: Vec<(String, f64)>,
}

impl Adjust {
    fn product(&self, id: &str) -> f64 {
        self.product_scale.iter().filter(|(p, _)| p == id).map(|(_, f)| *f).product()
    }

    fn process(&self, at: &str) -> f64 {
        self.process_scale.iter().filter(|(n, _)| n == at).map(|(_, f)| *f).product()
    }
}

/// As [`report_from_totals`], with a scenario's changes to products and process CO2.
pub fn report_adjusted(site: &Site, store: &Store, book: &Book, t0: TimestampMs, t1: TimestampMs, totals: &[FlowTotal], adjust: &Adjust) -> Report {
    let hours = (t1 - t0).max(0) as f64 / 3_600_000.0;
    let mut warnings = Vec::new();

    // 1. Energy of every measured flow.
    let mut energy = measured_energy(site, book, totals);
    // 2. Remainders: what enters a node as energy and leaves by no other flow.
    resolve_remainders(site, &mut energy, &mut warnings);
    let w = Window { site, store, book, t0, t1, energy, adjust };

    // 3. Energy bought and its CO2.
    let mut scopes = Scopes::default();
    let mut totals_e = EnergyTotals::default();
    let (carriers, grid_intensity) = w.bought(&mut scopes, &mut totals_e, &mut warnings);

    // 4. Products and process CO2, then the site's totals, then the products' key figures (which need the totals).
    let (produced, process_at) = w.process_emissions(&mut scopes, &mut warnings);
    scopes.scope1_t = scopes.scope1_combustion_t + scopes.scope1_process_t;
    scopes.total_location_t = scopes.scope1_t + scopes.scope2_location_t;
    scopes.total_market_t = scopes.scope1_t + scopes.scope2_market_t;
    totals_e.total_gj = totals_e.electricity_mwh * MWH / GJ + totals_e.fuel_gj + totals_e.heat_gj;
    totals_e.total_tce = totals_e.total_gj * GJ / KGCE_J / 1e3;
    // 5. Per node: net electricity and heat, fuel burnt, CO2 caused; the products' key figures within their
    // boundaries (the site less what is downstream of them and makes another product).
    let nodes = w.node_lines(grid_intensity, &process_at, &totals_e, &scopes);
    let products = product_lines(site, produced, &totals_e, &scopes, &nodes, &mut warnings);

    // 6. Flow lines, coverage warnings, balance violations.
    let flows = w.flow_lines(totals, grid_intensity);
    flow_warnings(site, totals, &mut warnings);
    let imbalances = imbalance_lines(site, book, totals);
    let measured_co2 = measured_co2_lines(site, store, t0, t1, &nodes, &mut warnings);

    Report {
        site: site.name().to_string(),
        from: local(t0, site),
        to: local(t1, site),
        hours,
        factor_sets: book.sets.clone(),
        gwp: book.gwp.clone(),
        energy: totals_e,
        scopes,
        carriers,
        products,
        nodes,
        flows,
        imbalances,
        measured_co2,
        warnings,
        trajectory: None,
    }
}

/// Each measured-CO2 meter over the window against the scope 1 the accounting computes at its equipment.
fn measured_co2_lines(site: &Site, store: &Store, t0: TimestampMs, t1: TimestampMs, nodes: &[NodeLine], warnings: &mut Vec<Msg>) -> Vec<MeasuredCo2Line> {
    let mut lines = Vec::new();
    for m in site.meters.iter().filter(|m| matches!(m.quantity, plant_site::Quantity::Co2MassFlow | plant_site::Quantity::Co2)) {
        let Some((total, coverage)) = plant_flows::formula_total(site, store, &[(1.0, m.id.clone())], t0, t1) else { continue };
        let Ok(measured_t) = total.in_unit("tCO2") else { continue };
        let computed_t = nodes.iter().find(|n| n.id == m.equipment).map(|n| n.scope1_t).filter(|t| *t > 0.0);
        let difference_pct = computed_t.map(|c| 100.0 * (measured_t - c) / c);
        if let Some(d) = difference_pct
            && d.abs() > 100.0 * MEASURED_CO2_TOLERANCE
            && coverage > 0.0
        {
            warnings.push(msg!(
                "accounting-warning-measured-co2",
                meter = m.id.as_str(),
                equipment = m.equipment.as_str(),
                measured = format!("{measured_t:.1}"),
                computed = format!("{:.1}", computed_t.unwrap_or(0.0)),
                difference = format!("{d:+.1}")
            ));
        }
        lines.push(MeasuredCo2Line { meter: m.id.clone(), equipment: m.equipment.clone(), measured_t, coverage, computed_t, difference_pct });
    }
    lines
}

/// Energy of every measured flow, J, by index in `site.flows` (fuels: mass × NCV; `None`: no data, or
/// neither energy nor a fuel's mass).
fn measured_energy(site: &Site, book: &Book, totals: &[FlowTotal]) -> Vec<Option<f64>> {
    let mut energy: Vec<Option<f64>> = vec![None; site.flows.len()];
    for t in totals {
        let Some(v) = t.total else { continue };
        let f = &site.flows[t.flow];
        energy[t.flow] = if v.dim == Dim::ENERGY {
            Some(v.si)
        } else if let (true, Some(CarrierKind::Fuel(fuel))) = (v.dim == Dim::MASS, book.carrier(&f.carrier).map(|c| &c.kind)) {
            Some((v * fuel.ncv).si)
        } else {
            None
        };
    }
    energy
}

/// Fills in the energy of remainder flows: what enters a node as energy and leaves by no other flow.
/// Resolved node by node once everything entering the node is known.
fn resolve_remainders(site: &Site, energy: &mut [Option<f64>], warnings: &mut Vec<Msg>) {
    let n = site.flows.len();
    let mut pending: Vec<usize> = (0..n).filter(|&k| site.flows[k].value == FlowValue::Remainder).collect();
    let mut progress = true;
    while progress && !pending.is_empty() {
        progress = false;
        pending.retain(|&k| {
            let node = &site.flows[k].from;
            let blocked = pending_in(site, node, energy, k);
            if blocked {
                return true;
            }
            let inflow: f64 = (0..n).filter(|&j| &site.flows[j].to == node).filter_map(|j| energy[j]).sum();
            let outflow: f64 = (0..n).filter(|&j| j != k && &site.flows[j].from == node).filter_map(|j| energy[j]).sum();
            let mut rest = inflow - outflow;
            if rest < 0.0 {
                warnings.push(msg!(
                    "accounting-warning-outflows-exceed-inflows",
                    node = site.node_name(node),
                    gj = format!("{:.1}", -rest / GJ),
                    to = site.node_name(&site.flows[k].to)
                ));
                rest = 0.0;
            }
            energy[k] = Some(rest);
            progress = true;
            false
        });
    }
    for k in pending {
        warnings.push(msg!("accounting-warning-remainder-cycle", from = site.flows[k].from.as_str(), to = site.flows[k].to.as_str()));
    }
}

/// The window being accounted, with the energy every flow carried in it.
struct Window<'a> {
    site: &'a Site,
    store: &'a Store,
    book: &'a Book,
    t0: TimestampMs,
    t1: TimestampMs,
    /// J, by index in `site.flows`, remainders included.
    energy: Vec<Option<f64>>,
    adjust: &'a Adjust,
}

/// A product's amount over the window and its process emissions, before its key figures.
struct Produced<'a> {
    product: &'a Product,
    amount: Value,
    coverage: f64,
    process: f64,
    lines: Vec<ProcessLine>,
}

impl<'a> Window<'a> {
    fn kind_of(&self, carrier: &str) -> Option<&CarrierKind> {
        self.book.carrier(carrier).map(|c| &c.kind)
    }

    /// Energy bought by carrier, adding its CO2 to the scopes and its energy to the totals; with the grid's
    /// intensity over the window (kg CO2 per J), from the electricity bought.
    fn bought(&self, scopes: &mut Scopes, totals_e: &mut EnergyTotals, warnings: &mut Vec<Msg>) -> (Vec<CarrierLine>, Option<f64>) {
        let (site, energy) = (self.site, &self.energy);
        let n = site.flows.len();
        let mut carriers = Vec::new();
        let mut grid_intensity: Option<f64> = None;
        for c in &self.book.carriers {
            let purchases: Vec<usize> = (0..n).filter(|&k| site.flows[k].from == c.source && site.flows[k].carrier == c.carrier).collect();
            let line = |kind: &'static str, amount: Figure, e: f64, co2: f64, factor: &str| CarrierLine {
                carrier: c.carrier.clone(),
                source: c.source.clone(),
                kind,
                amount,
                energy_gj: e / GJ,
                co2_t: co2 / T_CO2,
                factor: factor.to_string(),
                factor_set: c.set.clone(),
            };
            match &c.kind {
                CarrierKind::Electricity { location, market, green_share, factor_meter } => {
                    let annual = location.co2_per_energy.si;
                    let (e, co2) = self.location_co2(&purchases, factor_meter.as_deref(), annual, warnings);
                    let market_factor = match market {
                        Some(m) => m.co2_per_energy.si,
                        None => co2 / e.max(f64::MIN_POSITIVE),
                    };
                    let market_co2 = e * (1.0 - green_share) * market_factor;
                    scopes.scope2_location_t += co2 / T_CO2;
                    scopes.scope2_market_t += market_co2 / T_CO2;
                    totals_e.electricity_mwh += e / MWH;
                    grid_intensity = Some(if e > 0.0 { co2 / e } else { annual });
                    carriers.push(line("electricity", fig(e / MWH, "MWh"), e, co2, &location.id));
                }
                CarrierKind::Heat(f) => {
                    let e: f64 = purchases.iter().filter_map(|&k| energy[k]).sum();
                    let co2 = e * f.co2_per_energy.si;
                    scopes.scope2_location_t += co2 / T_CO2;
                    scopes.scope2_market_t += co2 / T_CO2;
                    totals_e.heat_gj += e / GJ;
                    carriers.push(line("heat", fig(e / GJ, "GJ"), e, co2, &f.id));
                }
                CarrierKind::Fuel(fuel) => {
                    // Counted where it is burnt: flows of the fuel into a node that passes none of it on.
                    let burnt: Vec<usize> = (0..n).filter(|&k| site.flows[k].carrier == c.carrier && is_burnt(site, k)).collect();
                    let e: f64 = burnt.iter().filter_map(|&k| energy[k]).sum();
                    let co2 = e * fuel.co2_per_energy.si * fuel.oxidation;
                    scopes.scope1_combustion_t += co2 * (1.0 - fuel.biomass_fraction) / T_CO2;
                    scopes.biogenic_memo_t += co2 * fuel.biomass_fraction / T_CO2;
                    totals_e.fuel_gj += e / GJ;
                    carriers.push(line("fuel", fig(e / fuel.ncv.si / 1e3, "t"), e, co2 * (1.0 - fuel.biomass_fraction), &fuel.id));
                }
            }
        }
        (carriers, grid_intensity)
    }

    /// Electricity bought through `purchases` and its location-based CO2, J and kg: at the factor meter's
    /// values where the site has one and the flow is metered, else at the annual factor.
    fn location_co2(&self, purchases: &[usize], factor_meter: Option<&str>, annual: f64, warnings: &mut Vec<Msg>) -> (f64, f64) {
        let mut e = 0.0;
        let mut co2 = 0.0;
        for &k in purchases {
            let Some(ek) = self.energy[k] else { continue };
            let factor = match (factor_meter, &self.site.flows[k].value) {
                (Some(fm), FlowValue::Meters(terms)) => series_factor(self.site, self.store, fm, terms, self.t0, self.t1, annual, warnings),
                _ => annual,
            };
            e += ek;
            co2 += ek * factor;
        }
        (e, co2)
    }

    /// CO2 of flow `k` if its carrier is accounted, kg: electricity at the window's grid intensity.
    fn co2_of(&self, k: usize, grid_intensity: Option<f64>) -> Option<f64> {
        let e = self.energy[k]?;
        match self.kind_of(&self.site.flows[k].carrier)? {
            CarrierKind::Electricity { location, .. } => Some(e * grid_intensity.unwrap_or(location.co2_per_energy.si)),
            CarrierKind::Heat(f) => Some(e * f.co2_per_energy.si),
            CarrierKind::Fuel(fuel) => Some(e * fuel.co2_per_energy.si * fuel.oxidation * (1.0 - fuel.biomass_fraction)),
        }
    }

    /// Every product with data in the window, and its process CO2 (added to the scopes); with the process
    /// CO2 by equipment, t.
    fn process_emissions(&self, scopes: &mut Scopes, warnings: &mut Vec<Msg>) -> (Vec<Produced<'a>>, Vec<(String, f64)>) {
        let (site, book) = (self.site, self.book);
        let mut process_at: Vec<(String, f64)> = Vec::new();
        let mut produced = Vec::new();
        for p in &site.products {
            let (amount, coverage) = match &p.amount {
                ProductAmount::Fixed(v) => (Some(*v), 1.0),
                ProductAmount::Meters(terms) => match formula_total(site, self.store, terms, self.t0, self.t1) {
                    Some((v, c)) => (Some(v), c),
                    None => (None, 0.0),
                },
            };
            let Some(amount) = amount.map(|a| a * self.adjust.product(&p.id)) else {
                warnings.push(msg!("accounting-warning-product-no-data", product = p.id.as_str()));
                continue;
            };
            let mut process = 0.0;
            let mut lines: Vec<ProcessLine> = Vec::new();
            let adjust = self.adjust;
            let mut add = |kind: &'static str, at: &str, e: f64| {
                process_at.push((at.to_string(), e));
                lines.push(ProcessLine { kind, at: at.to_string(), co2_t: e });
                process += e;
            };
            if amount.dim == Dim::MASS {
                let t = amount.si / 1e3;
                if let Some(c) = &p.calcination {
                    let e = plant_carbon::calcination_co2_per_t_clinker(c.cao, c.mgo, c.cao_non_carbonate, c.mgo_non_carbonate) * t * adjust.process(&c.at);
                    scopes.process_calcination_t += e;
                    add("calcination", &c.at, e);
                }
                if let Some(a) = &p.anode {
                    let e = t * a.net_consumption * (1.0 - a.sulphur - a.ash) * plant_carbon::M_CO2 / M_C * adjust.process(&a.at);
                    scopes.process_anode_t += e;
                    add("anodes", &a.at, e);
                }
                if let Some(x) = &p.pfc {
                    let (cf4, c2f6) = x.per_t();
                    match (book.gwp_of("CF4"), book.gwp_of("C2F6")) {
                        (Some(g4), Some(g6)) => {
                            let e = t * (cf4 * g4 + c2f6 * g6) / 1e3 * adjust.process(&x.at);
                            scopes.process_pfc_co2e_t += e;
                            add("pfc", &x.at, e);
                        }
                        _ => warnings.push(msg!("accounting-warning-no-gwp", product = p.id.as_str(), gwp = book.gwp.as_str())),
                    }
                }
            } else if p.calcination.is_some() || p.anode.is_some() || p.pfc.is_some() {
                warnings.push(msg!("accounting-warning-process-needs-mass", product = p.id.as_str()));
            }
            scopes.scope1_process_t += process;
            produced.push(Produced { product: p, amount, coverage, process, lines });
        }
        (produced, process_at)
    }

    /// What every equipment item and flow node uses and causes, less those that net to nothing.
    fn node_lines(&self, grid_intensity: Option<f64>, process_at: &[(String, f64)], totals_e: &EnergyTotals, scopes: &Scopes) -> Vec<NodeLine> {
        let site = self.site;
        let mut ids: Vec<&str> = site.equipment.iter().map(|e| e.id.as_str()).collect();
        ids.extend(site.nodes.iter().map(|x| x.id.as_str()));
        let mut nodes = Vec::new();
        for id in ids {
            let (mut el, mut fuel, mut heat, mut co2, mut scope1) = (0.0, 0.0, 0.0, 0.0, 0.0);
            for (k, f) in site.flows.iter().enumerate() {
                let sign = if f.to == id {
                    1.0
                } else if f.from == id {
                    -1.0
                } else {
                    continue;
                };
                let (Some(e), Some(kind)) = (self.energy[k], self.kind_of(&f.carrier)) else { continue };
                if site.node(id).is_some_and(|x| x.kind == plant_site::NodeKind::Source) {
                    continue;
                }
                match kind {
                    CarrierKind::Electricity { .. } => {
                        el += sign * e;
                        co2 += sign * self.co2_of(k, grid_intensity).unwrap_or(0.0);
                    }
                    CarrierKind::Heat(_) => {
                        heat += sign * e;
                        co2 += sign * self.co2_of(k, grid_intensity).unwrap_or(0.0);
                    }
                    CarrierKind::Fuel(_) if sign > 0.0 && is_burnt(site, k) => {
                        fuel += e;
                        let c = self.co2_of(k, grid_intensity).unwrap_or(0.0);
                        co2 += c;
                        scope1 += c;
                    }
                    CarrierKind::Fuel(_) => {}
                }
            }
            let process = process_at.iter().filter(|(at, _)| at == id).map(|(_, t)| t * T_CO2).sum::<f64>();
            co2 += process;
            scope1 += process;
            // Pass-through nodes (a substation whose remainder is explicit) net to rounding noise: left out.
            let tiny = |x: f64, scale: f64| x.abs() <= 1e-9 * scale.max(1.0);
            let (el, heat, co2) = (if tiny(el, totals_e.electricity_mwh * MWH) { 0.0 } else { el }, if tiny(heat, totals_e.heat_gj * GJ) { 0.0 } else { heat }, co2);
            let co2 = if tiny(co2, (scopes.total_location_t * T_CO2).abs()) { 0.0 } else { co2 };
            if el != 0.0 || fuel != 0.0 || heat != 0.0 || co2 != 0.0 {
                nodes.push(NodeLine {
                    id: id.to_string(),
                    name: site.node_name(id).to_string(),
                    electricity_mwh: el / MWH,
                    fuel_gj: fuel / GJ,
                    heat_gj: heat / GJ,
                    co2_t: co2 / T_CO2,
                    scope1_t: scope1 / T_CO2,
                });
            }
        }
        nodes
    }

    /// Every flow of the site as measured (or computed, for remainders), in energy and in CO2.
    fn flow_lines(&self, totals: &[FlowTotal], grid_intensity: Option<f64>) -> Vec<FlowLine> {
        let energy = &self.energy;
        (0..self.site.flows.len())
            .map(|k| {
                let f = &self.site.flows[k];
                let t = totals.iter().find(|t| t.flow == k);
                let remainder = f.value == FlowValue::Remainder;
                FlowLine {
                    index: k,
                    from: f.from.clone(),
                    to: f.to.clone(),
                    carrier: f.carrier.clone(),
                    amount: t.and_then(|t| t.total).map(show).or_else(|| (remainder && energy[k].is_some()).then(|| fig(energy[k].unwrap_or(0.0) / GJ, "GJ"))),
                    energy_gj: energy[k].map(|e| e / GJ),
                    co2_t: if remainder { None } else { self.co2_of(k, grid_intensity).map(|c| c / T_CO2) },
                    coverage: if remainder { 1.0 } else { t.map_or(0.0, |t| t.coverage) },
                    remainder,
                }
            })
            .collect()
    }
}

/// The products' lines: amount in the reporting unit and key figures per unit of it, within each product's
/// boundary.
fn product_lines(site: &Site, produced: Vec<Produced<'_>>, totals_e: &EnergyTotals, scopes: &Scopes, nodes: &[NodeLine], warnings: &mut Vec<Msg>) -> Vec<ProductLine> {
    let mut products = Vec::new();
    for Produced { product: p, amount, coverage, process, lines } in produced {
        let (per, unit) = per_unit(amount, p.unit.as_deref());
        let outside = outside_of(site, p);
        let within = Within::of(totals_e, scopes, nodes, &outside);
        let kpis = kpi_lines(p, per, &unit, process, &within);
        if coverage < 0.9 {
            warnings.push(msg!("accounting-warning-product-coverage", product = p.id.as_str(), percent = format!("{:.0}", coverage * 100.0)));
        }
        products.push(ProductLine { id: p.id.clone(), name: p.name.clone(), amount: fig(per, &unit), coverage, process_co2_t: process, process: lines, kpis, outside });
    }
    products
}

/// The nodes a product is measured at: the equipment of the meters its amount is read from (none for a
/// fixed amount such as a floor area).
fn product_nodes(site: &Site, p: &Product) -> BTreeSet<String> {
    match &p.amount {
        ProductAmount::Meters(terms) => terms.iter().filter_map(|(_, id)| site.meter(id)).map(|m| m.equipment.clone()).collect(),
        ProductAmount::Fixed(_) => BTreeSet::new(),
    }
}

/// Nodes reachable from `start` along the site's flows, forwards (`down`) or backwards.
fn reach(site: &Site, start: &BTreeSet<String>, down: bool) -> BTreeSet<String> {
    let mut seen = start.clone();
    let mut stack: Vec<String> = start.iter().cloned().collect();
    while let Some(n) = stack.pop() {
        for f in &site.flows {
            let (a, b) = if down { (&f.from, &f.to) } else { (&f.to, &f.from) };
            if *a == n && seen.insert(b.clone()) {
                stack.push(b.clone());
            }
        }
    }
    seen
}

/// A product's boundary, as the cement sector's CO2 and energy protocol draws clinker's against cement's
/// ([CSI-2011]; docs/site-format.md): the site, less the nodes downstream of the product (reachable from its nodes along
/// the flows, and not upstream of them) that make, feed or follow another product downstream of it. What
/// is upstream of a product and what serves it (fans, dedusting, shared services) stays in.
fn outside_of(site: &Site, p: &Product) -> Vec<String> {
    let mine = product_nodes(site, p);
    if mine.is_empty() {
        return Vec::new();
    }
    let up = reach(site, &mine, false);
    let down: BTreeSet<String> = reach(site, &mine, true).difference(&up).cloned().collect();
    let mut outside = BTreeSet::new();
    for q in site.products.iter().filter(|q| q.id != p.id) {
        let theirs = product_nodes(site, q);
        if theirs.is_empty() || theirs.is_disjoint(&down) {
            continue;
        }
        let related: BTreeSet<String> = reach(site, &theirs, false).union(&reach(site, &theirs, true)).cloned().collect();
        outside.extend(down.intersection(&related).cloned());
    }
    outside.into_iter().collect()
}

/// The site's energy and CO2 less that of the nodes outside a product's boundary.
struct Within {
    electricity_mwh: f64,
    fuel_heat_gj: f64,
    total_tce: f64,
    co2_t: f64,
}

impl Within {
    fn of(totals_e: &EnergyTotals, scopes: &Scopes, nodes: &[NodeLine], outside: &[String]) -> Self {
        let out: Vec<&NodeLine> = nodes.iter().filter(|n| outside.contains(&n.id)).collect();
        let electricity_mwh = totals_e.electricity_mwh - out.iter().map(|n| n.electricity_mwh).sum::<f64>();
        let fuel_heat_gj = totals_e.fuel_gj + totals_e.heat_gj - out.iter().map(|n| n.fuel_gj + n.heat_gj).sum::<f64>();
        let total_gj = electricity_mwh * MWH / GJ + fuel_heat_gj;
        Within { electricity_mwh, fuel_heat_gj, total_tce: total_gj * GJ / KGCE_J / 1e3, co2_t: scopes.total_location_t - out.iter().map(|n| n.co2_t).sum::<f64>() }
    }
}

/// The key figures a product asks for, per `per` of its `unit`, within its boundary.
fn kpi_lines(p: &Product, per: f64, unit: &str, process: f64, w: &Within) -> Vec<KpiLine> {
    let mut kpis = Vec::new();
    for k in &p.kpis {
        match k {
            Kpi::Fuel => {
                let gj = w.fuel_heat_gj;
                kpis.push(KpiLine { key: k.key(), name: "Fuel and heat".into(), value: gj / per, unit: format!("GJ/{unit}") });
                kpis.push(KpiLine { key: k.key(), name: "Fuel and heat".into(), value: gj * GJ / KGCE_J / per, unit: format!("kgce/{unit}") });
            }
            Kpi::Electricity => kpis.push(KpiLine { key: k.key(), name: "Electricity".into(), value: w.electricity_mwh * 1e3 / per, unit: format!("kWh/{unit}") }),
            Kpi::Energy => kpis.push(KpiLine { key: k.key(), name: "All energy (calorific equivalent)".into(), value: w.total_tce * 1e3 / per, unit: format!("kgce/{unit}") }),
            Kpi::Co2 => {
                let (x, u) = if unit == "t" { (w.co2_t, "tCO2") } else { (w.co2_t * 1e3, "kgCO2") };
                kpis.push(KpiLine { key: k.key(), name: "CO2, scope 1 + 2 (location)".into(), value: x / per, unit: format!("{u}/{unit}") });
            }
            Kpi::ProcessCo2 if p.calcination.is_some() || p.anode.is_some() || p.pfc.is_some() => {
                let name = if p.pfc.is_some() { "Process CO2e (incl. PFC)" } else { "Process CO2" };
                kpis.push(KpiLine { key: k.key(), name: name.into(), value: process / per, unit: format!("tCO2/{unit}") })
            }
            Kpi::ProcessCo2 => {}
        }
    }
    kpis
}

/// Warns of metered flows with no data, or data for less than 90 % of the window.
fn flow_warnings(site: &Site, totals: &[FlowTotal], warnings: &mut Vec<Msg>) {
    for (k, f) in site.flows.iter().enumerate() {
        if let FlowValue::Meters(_) = f.value {
            match totals.iter().find(|t| t.flow == k) {
                Some(t) if t.total.is_none() => warnings.push(msg!("accounting-warning-flow-no-data", from = f.from.as_str(), to = f.to.as_str())),
                Some(t) if t.coverage < 0.9 => {
                    warnings.push(msg!("accounting-warning-flow-coverage", from = f.from.as_str(), to = f.to.as_str(), percent = format!("{:.0}", t.coverage * 100.0)))
                }
                _ => {}
            }
        }
    }
}

/// Nodes whose measured inflows and outflows differ by more than the tolerance.
fn imbalance_lines(site: &Site, book: &Book, totals: &[FlowTotal]) -> Vec<ImbalanceLine> {
    // A node with a remainder outflow is closed by it (the remainder is whatever the rest leaves).
    plant_flows::balance(site, totals, book.tolerance)
        .into_iter()
        .filter(|b| !site.flows.iter().any(|f| f.from == b.node && f.value == FlowValue::Remainder))
        .map(|b| {
            let (unit, quantity) = if b.dim == Dim::ENERGY {
                ("MWh", "energy")
            } else if b.dim == Dim::MASS {
                ("t", "mass")
            } else {
                ("m³", "volume")
            };
            ImbalanceLine {
                name: site.node_name(&b.node).to_string(),
                node: b.node,
                quantity: format!("{} ({quantity})", b.carrier),
                inflow: b.inflow.in_unit(unit).unwrap_or(b.inflow.si),
                outflow: b.outflow.in_unit(unit).unwrap_or(b.outflow.si),
                unit: unit.to_string(),
                relative: b.relative,
            }
        })
        .collect()
}

/// Whether flow `k` of a fuel is burnt at its destination: the destination passes none of it on.
fn is_burnt(site: &Site, k: usize) -> bool {
    let f = &site.flows[k];
    !site.flows.iter().any(|g| g.from == f.to && g.carrier == f.carrier)
}

/// Whether a remainder out of `node` must wait: another remainder flows into the node and is unknown.
fn pending_in(site: &Site, node: &str, energy: &[Option<f64>], me: usize) -> bool {
    site.flows.iter().enumerate().any(|(j, g)| j != me && g.to == node && g.value == FlowValue::Remainder && energy[j].is_none())
}

/// Energy-weighted mean grid factor (kg CO2 per J) over the window from a factor meter; the annual factor
/// where the meter has no data.
#[allow(clippy::too_many_arguments)]
fn series_factor(site: &Site, store: &Store, meter_id: &str, terms: &[(f64, String)], t0: TimestampMs, t1: TimestampMs, annual: f64, warnings: &mut Vec<Msg>) -> f64 {
    let (Some(fm), Some(fs)) = (site.meter(meter_id), store.get(meter_id)) else {
        warnings.push(msg!("accounting-warning-factor-meter-no-data", meter = meter_id));
        return annual;
    };
    // Display unit tCO2/MWh = kg CO2 per kWh; in kg per J divide by 3.6e6.
    let factor_at = |t: TimestampMs| fs.reading_at(t).value().map(|v| fm.display_value(v) / 3.6e6);
    let (mut plain_total, mut weighted_total, mut missing) = (0.0, 0.0, 0.0);
    for (coef, id) in terms {
        let Some(series) = store.get(id) else { continue };
        let (weighted, _) = integrate_with(series, t0, t1, |t| factor_at(t).unwrap_or(annual));
        let (without, _) = integrate_with(series, t0, t1, |t| if factor_at(t).is_some() { 0.0 } else { 1.0 });
        let (plain, _) = integrate(series, t0, t1);
        weighted_total += coef * weighted;
        missing += coef * without;
        plain_total += coef * plain;
    }
    if plain_total.abs() <= f64::MIN_POSITIVE {
        return annual;
    }
    if missing > 0.0 {
        warnings.push(msg!("accounting-warning-factor-meter-gaps", meter = meter_id, percent = format!("{:.0}", 100.0 * missing / plain_total)));
    }
    weighted_total / plain_total
}

/// The amount of a product in its reporting unit and that unit's name.
fn per_unit(amount: Value, preferred: Option<&str>) -> (f64, String) {
    if let Some(u) = preferred
        && let Ok(x) = amount.in_unit(u)
    {
        return (x, u.to_string());
    }
    for unit in ["t", "m²", "m³", "MWh"] {
        if let Ok(x) = amount.in_unit(unit) {
            return (x, unit.to_string());
        }
    }
    (amount.si, "unit".to_string())
}
