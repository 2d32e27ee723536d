//! Plant Twin's site package: `site.toml` (equipment, meters, data files, flows), validated, with every
//! problem reported at its file and line. Bevy-free. Format reference: docs/site-format.md.

pub mod binding;
mod diagnostic;
pub mod edit;
mod model;
pub mod orientation;
mod package;
mod quantity;
mod text;
pub mod time;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use plant_i18n::{Msg, msg};
use plant_units::Value;

pub use binding::{Bounds, ModelReport, check_model, equipment_from_extras};
pub use diagnostic::{Diagnostic, Place, Severity, TextProblems, line_col, panic_message};
pub use model::{
    AccountingSettings, Anode, BaselineSource, Calcination, Co2Target, DataFile, Equipment, FlowEdge, FlowNode, FlowValue, HISTORIAN_METRIC, Historian, Kpi, Meter, ModelCheck,
    NodeKind, NodeRef, Pfc, Product, ProductAmount, Site, SiteHeader, TimestampFormat, WhatIf, parse_linear, source_in,
};
pub use package::{PackagePathError, TextFileError, find_named, package_toml_files, read_optional_package_text, read_text_limited, resolve_in_package};
pub use quantity::{Quantity, is_known_unit};
pub use text::Text;
pub use time::{parse_duration, parse_when};

/// The file that describes a site package.
pub const SITE_FILE: &str = "site.toml";

/// A site that opened, with everything that was wrong but not fatal.
#[derive(Debug)]
pub struct Opened {
    pub site: Site,
    pub diagnostics: Vec<Diagnostic>,
}

/// Opens the site package in `root` (a folder holding `site.toml`, or the `site.toml` itself).
///
/// Fails only when `site.toml` cannot be read or is not valid TOML of the expected shape; other problems
/// (a meter bound to unknown equipment, a unit that does not fit its quantity, a missing data file)
/// drop the item concerned and are returned as diagnostics.
pub fn open(root: &Path) -> Result<Opened, Diagnostic> {
    let (root, file) = if root.is_file() { (root.parent().unwrap_or(Path::new(".")).to_path_buf(), root.to_path_buf()) } else { (root.to_path_buf(), root.join(SITE_FILE)) };
    let text = std::fs::read_to_string(&file).map_err(|e| {
        let message = if e.kind() == std::io::ErrorKind::NotFound { msg!("site-no-site-file") } else { msg!("site-cannot-read", error = e.to_string()) };
        Diagnostic::error(&file, Place::Whole, message)
    })?;
    let mut opened = parse(&text, &root)?;
    check_data_files(&mut opened);
    Ok(opened)
}

/// Adds an error for each `[[data]]` file that is not there (what [`open`] finds beyond [`parse`]).
pub fn check_data_files(opened: &mut Opened) {
    let file = opened.site.site_toml_path();
    for d in &opened.site.data {
        // Paths were checked against the package when parsed; a refused one is not in `data`.
        let Ok(p) = opened.site.resolve(&d.path) else { continue };
        if !p.is_file() {
            opened.diagnostics.push(Diagnostic::error(&file, Place::data_file(&d.path), msg!("site-data-file-not-found", path = p.display().to_string())));
        }
    }
}

/// Parses and validates `site.toml` text; `root` is the package folder its paths are relative to.
pub fn parse(text: &str, root: &Path) -> Result<Opened, Diagnostic> {
    let file: PathBuf = root.join(SITE_FILE);
    let raw: model::RawSite = toml::from_str(text).map_err(|e| {
        let place = e.span().map_or(Place::Whole, |s| line_col(text, s.start));
        Diagnostic::error(&file, place, msg!("site-toml-invalid", error = e.message().trim()))
    })?;
    let mut p = Parser { out: TextProblems::new(&file, text), root };

    let site_span = raw.site.span();
    let mut header = raw.site.into_inner();
    let time_zone = p.time_zone(&header);
    let model_matrix = p.model_matrix(&header);
    let equipment = p.equipment(raw.equipment);
    let meters = p.meters(raw.meter, &equipment);
    let nodes = p.nodes(raw.node, &equipment, &meters);
    let flows = p.flows(raw.flow, &equipment, &nodes, &meters);
    let accounting = p.accounting(raw.accounting);
    let products = p.products(raw.product, &equipment, &meters);
    let whatifs = p.whatifs(raw.whatif, &equipment, &meters);
    let co2_targets = p.co2_targets(raw.co2_target);
    let historian = raw.historian.and_then(|h| p.historian(h, time_zone));
    let data = p.data(raw.data, historian.is_some());
    p.model_path(&mut header, site_span);

    let site = Site { root: root.to_path_buf(), header, time_zone, model_matrix, data, equipment, meters, nodes, flows, accounting, products, whatifs, co2_targets, historian };
    Ok(Opened { site, diagnostics: p.out.list })
}

/// `site.toml` being read: one method per section, called in the order of the file's sections, each
/// adding what is wrong with its section to `out` (so problems are listed in the order they always were).
struct Parser<'a> {
    out: TextProblems<'a>,
    root: &'a Path,
}

impl Parser<'_> {
    fn at(&self, span: std::ops::Range<usize>) -> Place {
        self.out.at(span)
    }

    fn error(&mut self, place: Place, message: Msg) {
        self.out.list.push(Diagnostic::error(&self.out.file, place, message));
    }

    fn warning(&mut self, place: Place, message: Msg) {
        self.out.list.push(Diagnostic::warning(&self.out.file, place, message));
    }

    /// The model's transform from `up_axis` and `scale`; a value that is neither is an error at its line, and the
    /// default is used.
    fn model_matrix(&mut self, header: &SiteHeader) -> [f32; 16] {
        let scale = match &header.scale {
            Some(s) if s.get_ref().is_finite() && (1e-6..=1e6).contains(s.get_ref()) => *s.get_ref() as f32,
            Some(s) => {
                self.error(self.at(s.span()), msg!("site-bad-scale", value = *s.get_ref()));
                1.0
            }
            None => 1.0,
        };
        let z_up = match &header.up_axis {
            Some(a) if a.get_ref().eq_ignore_ascii_case("z") => true,
            Some(a) if a.get_ref().eq_ignore_ascii_case("y") => false,
            Some(a) => {
                self.error(self.at(a.span()), msg!("site-bad-up-axis", value = a.get_ref().as_str()));
                false
            }
            None => false,
        };
        // Z up → Y up: (x, y, z) → (x, z, −y), a quarter turn about x.
        let turn = if z_up { glam::Mat4::from_rotation_x(-std::f32::consts::FRAC_PI_2) } else { glam::Mat4::IDENTITY };
        (glam::Mat4::from_scale(glam::Vec3::splat(scale)) * turn).to_cols_array()
    }

    fn time_zone(&mut self, header: &SiteHeader) -> chrono_tz::Tz {
        let tz_name = header.time_zone.get_ref();
        tz_name.parse::<chrono_tz::Tz>().unwrap_or_else(|_| {
            self.error(self.at(header.time_zone.span()), msg!("site-unknown-time-zone", name = tz_name));
            chrono_tz::UTC
        })
    }

    fn equipment(&mut self, raw: Vec<toml::Spanned<model::RawEquipment>>) -> Vec<Equipment> {
        let mut equipment = Vec::new();
        let mut seen = HashSet::new();
        for e in raw {
            let span = e.span();
            let e = e.into_inner();
            if !seen.insert(e.id.clone()) {
                self.error(self.at(span), msg!("site-equipment-twice", id = &e.id));
                continue;
            }
            let place = self.at(span);
            equipment.push(Equipment {
                node: e.node.unwrap_or_else(|| e.id.clone()),
                mesh: e.mesh,
                id: e.id,
                kind: e.kind,
                name: e.name,
                name_zh: e.name_zh,
                area: e.area,
                area_zh: e.area_zh,
                place: Some(place),
            });
        }
        equipment
    }

    fn meters(&mut self, raw: Vec<toml::Spanned<model::RawMeter>>, equipment: &[Equipment]) -> Vec<Meter> {
        let mut meters = Vec::new();
        let mut seen = HashSet::new();
        for m in raw {
            let span = m.span();
            let m = m.into_inner();
            if !seen.insert(m.id.clone()) {
                self.error(self.at(span), msg!("site-meter-twice", id = &m.id));
                continue;
            }
            if !equipment.iter().any(|e| &e.id == m.equipment.get_ref()) {
                self.error(self.at(m.equipment.span()), msg!("site-meter-unknown-equipment", meter = &m.id, equipment = m.equipment.get_ref()));
                continue;
            }
            let Some(to_display) = m.quantity.to_display(m.unit.get_ref()) else {
                let message = msg!("site-meter-unit-mismatch", unit = m.unit.get_ref(), quantity = m.quantity.noun_msg(), units = m.quantity.units().join(", "), meter = &m.id);
                self.error(self.at(m.unit.span()), message);
                continue;
            };
            meters.push(Meter {
                column: m.column.unwrap_or_else(|| m.id.clone()),
                id: m.id,
                quantity: m.quantity,
                unit: m.unit.into_inner(),
                equipment: m.equipment.into_inner(),
                name: m.name,
                name_zh: m.name_zh,
                to_display,
            });
        }
        meters
    }

    fn nodes(&mut self, raw: Vec<toml::Spanned<model::RawNode>>, equipment: &[Equipment], meters: &[Meter]) -> Vec<FlowNode> {
        let mut nodes: Vec<FlowNode> = Vec::new();
        for n in raw {
            let span = n.span();
            let n = n.into_inner();
            if equipment.iter().any(|e| e.id == n.id) || nodes.iter().any(|x| x.id == n.id) {
                self.error(self.at(span), msg!("site-node-id-used", id = &n.id));
                continue;
            }
            let ncv = self.ncv(n.ncv.as_ref());
            let biomass_share = self.share(&n.biomass_share, "biomass_share");
            let green_share = self.share(&n.green_share, "green_share").unwrap_or(0.0);
            let factor_meter = self.factor_meter(n.factor_meter, meters);
            nodes.push(FlowNode {
                id: n.id,
                name: n.name,
                name_zh: n.name_zh,
                kind: n.kind,
                factor: n.factor,
                carrier: n.carrier,
                ncv,
                biomass_share,
                market_factor: n.market_factor,
                green_share,
                factor_meter,
                at: self.at(span),
            });
        }
        nodes
    }

    /// A fuel node's net calorific value, if it gives a valid one.
    fn ncv(&mut self, ncv: Option<&toml::Spanned<String>>) -> Option<Value> {
        let text = ncv?;
        match parse_quantity(text.get_ref()) {
            Ok(v) if v.dim == (Value::new(1.0, "GJ/t").map(|u| u.dim).unwrap_or_default()) && v.si > 0.0 => Some(v),
            Ok(_) => {
                self.error(self.at(text.span()), msg!("site-ncv-invalid", value = text.get_ref()));
                None
            }
            Err(reason) => {
                self.error(self.at(text.span()), msg!("site-ncv-unreadable", reason = reason));
                None
            }
        }
    }

    fn share(&mut self, v: &Option<toml::Spanned<f64>>, what: &str) -> Option<f64> {
        let v = v.as_ref()?;
        if (0.0..=1.0).contains(v.get_ref()) {
            Some(*v.get_ref())
        } else {
            self.error(self.at(v.span()), msg!("site-share-out-of-range", field = what));
            None
        }
    }

    fn factor_meter(&mut self, m: Option<toml::Spanned<String>>, meters: &[Meter]) -> Option<String> {
        let m = m?;
        match meters.iter().find(|x| &x.id == m.get_ref()) {
            Some(x) if x.quantity == Quantity::EmissionFactor => Some(m.into_inner()),
            Some(_) => {
                self.error(self.at(m.span()), msg!("site-factor-meter-not-a-factor", meter = m.get_ref()));
                None
            }
            None => {
                self.error(self.at(m.span()), msg!("site-factor-meter-unknown", meter = m.get_ref()));
                None
            }
        }
    }

    fn flows(&mut self, raw: Vec<toml::Spanned<model::RawFlow>>, equipment: &[Equipment], nodes: &[FlowNode], meters: &[Meter]) -> Vec<FlowEdge> {
        let known = |id: &str| equipment.iter().any(|e| e.id == id) || nodes.iter().any(|n| n.id == id);
        let mut flows = Vec::new();
        for f in raw {
            let span = f.span();
            let f = f.into_inner();
            let mut ok = true;
            for end in [&f.from, &f.to] {
                if !known(end) {
                    self.error(self.at(span.clone()), msg!("site-flow-end-unknown", end = end));
                    ok = false;
                }
            }
            let value = self.flow_value(&f, meters);
            ok &= value.is_some();
            let value = value.unwrap_or(FlowValue::None);
            let times = match &f.times {
                None => None,
                Some(t) => match parse_quantity(t.get_ref()) {
                    Ok(v) if matches!(value, FlowValue::Meters(_)) => Some(v),
                    Ok(_) => {
                        self.error(self.at(t.span()), msg!("site-flow-times-unmetered"));
                        ok = false;
                        None
                    }
                    Err(reason) => {
                        self.error(self.at(t.span()), msg!("site-flow-times-unreadable", reason = reason));
                        ok = false;
                        None
                    }
                },
            };
            if ok {
                flows.push(FlowEdge { from: f.from, to: f.to, carrier: f.carrier, value, times, node: f.node });
            }
        }
        flows
    }

    /// What a flow carries, from its `meter` or `value`; `None` when the flow is to be left out.
    fn flow_value(&mut self, f: &model::RawFlow, meters: &[Meter]) -> Option<FlowValue> {
        match (&f.meter, &f.value) {
            (Some(_), Some(v)) => {
                self.error(self.at(v.span()), msg!("site-flow-meter-and-value"));
                None
            }
            (Some(m), None) => match meters.iter().find(|x| &x.id == m.get_ref()) {
                Some(_) => Some(FlowValue::Meters(vec![(1.0, m.get_ref().clone())])),
                None => {
                    self.error(self.at(m.span()), msg!("site-flow-unknown-meter", meter = m.get_ref()));
                    None
                }
            },
            (None, Some(v)) if v.get_ref().trim() == "remainder" => Some(FlowValue::Remainder),
            (None, Some(v)) => match check_formula(v.get_ref(), meters) {
                Ok(terms) => Some(FlowValue::Meters(terms)),
                Err(reason) => {
                    self.error(self.at(v.span()), msg!("site-flow-formula-invalid", reason = reason));
                    None
                }
            },
            (None, None) => Some(FlowValue::None),
        }
    }

    fn accounting(&mut self, raw: Option<toml::Spanned<model::RawAccounting>>) -> AccountingSettings {
        let Some(a) = raw else { return AccountingSettings::default() };
        let place = self.at(a.span());
        let a = a.into_inner();
        let d = AccountingSettings::default();
        let gwp = a.gwp.unwrap_or(d.gwp);
        if !["SAR", "AR4", "AR5"].contains(&gwp.as_str()) {
            self.error(place.clone(), msg!("site-unknown-gwp", gwp = &gwp));
        }
        let tolerance = match a.tolerance {
            Some(t) if (0.0..1.0).contains(&t) => t,
            Some(t) => {
                self.error(place.clone(), msg!("site-tolerance-out-of-range", tolerance = t, default = d.tolerance));
                d.tolerance
            }
            None => d.tolerance,
        };
        AccountingSettings { factor_sets: a.factor_sets.unwrap_or(d.factor_sets), gwp, tolerance, at: place }
    }

    fn products(&mut self, raw: Vec<toml::Spanned<model::RawProduct>>, equipment: &[Equipment], meters: &[Meter]) -> Vec<Product> {
        let mut products = Vec::new();
        for p in raw {
            let span = p.span();
            let p = p.into_inner();
            if products.iter().any(|x: &Product| x.id == p.id) {
                self.error(self.at(span), msg!("site-product-twice", id = &p.id));
                continue;
            }
            let amount = match (&p.meter, &p.value, &p.amount) {
                (Some(m), None, None) => check_formula(m.get_ref(), meters).map(ProductAmount::Meters).map_err(|e| (m.span(), e)),
                (None, Some(v), None) => check_formula(v.get_ref(), meters).map(ProductAmount::Meters).map_err(|e| (v.span(), e)),
                (None, None, Some(a)) => parse_quantity(a.get_ref()).map(ProductAmount::Fixed).map_err(|e| (a.span(), e)),
                _ => Err((span.clone(), msg!("site-product-amount-missing"))),
            };
            let amount = match amount {
                Ok(a) => a,
                Err((sp, reason)) => {
                    self.error(self.at(sp), msg!("site-product-amount-invalid", reason = reason, product = &p.id));
                    continue;
                }
            };
            let kpis = self.kpis(p.kpis);
            let calcination = self.calcination(p.calcination, equipment);
            let anode = self.anode(p.anode, equipment);
            let pfc = self.pfc(p.pfc, equipment);
            let unit = self.product_unit(p.unit, &amount);
            products.push(Product { id: p.id, name: p.name, name_zh: p.name_zh, amount, kpis, calcination, anode, pfc, unit, at: self.at(span) });
        }
        products
    }

    /// `[[co2_target]]`: a year from 1900 to 2200 at most once, a target above zero; a bad one is an error at
    /// its line and left out.
    fn co2_targets(&mut self, raw: Vec<toml::Spanned<model::RawCo2Target>>) -> Vec<Co2Target> {
        let mut targets: Vec<Co2Target> = Vec::new();
        for t in raw {
            let span = t.span();
            let t = t.into_inner();
            let year = *t.year.get_ref();
            let Some(year) = i32::try_from(year).ok().filter(|y| (1900..=2200).contains(y)) else {
                self.error(self.at(t.year.span()), msg!("site-co2-target-bad-year", year = year.to_string()));
                continue;
            };
            let value = *t.t_co2.get_ref();
            // Above zero, and at most 10 Gt (more than any country's year but two): a typo, not a site.
            if !(value.is_finite() && value > 0.0 && value <= 1e10) {
                self.error(self.at(t.t_co2.span()), msg!("site-co2-target-bad-value", value = value));
                continue;
            }
            if targets.iter().any(|x| x.year == year) {
                self.error(self.at(span), msg!("site-co2-target-twice", year = year.to_string()));
                continue;
            }
            targets.push(Co2Target { year, t_co2: value, source: t.source, source_zh: t.source_zh, at: self.at(span) });
        }
        targets
    }

    fn kpis(&mut self, kpis: Option<Vec<toml::Spanned<String>>>) -> Vec<Kpi> {
        let Some(list) = kpis else { return Kpi::ALL.to_vec() };
        list.iter()
            .filter_map(|k| match Kpi::ALL.iter().find(|x| x.key() == k.get_ref()) {
                Some(x) => Some(*x),
                None => {
                    let names: Vec<&str> = Kpi::ALL.iter().map(|x| x.key()).collect();
                    self.error(self.at(k.span()), msg!("site-unknown-kpi", kpi = k.get_ref(), known = names.join(", ")));
                    None
                }
            })
            .collect()
    }

    fn calcination(&mut self, c: Option<toml::Spanned<model::RawCalcination>>, equipment: &[Equipment]) -> Option<Calcination> {
        let c = c?;
        let place = self.at(c.span());
        let c = c.into_inner();
        let fractions = [c.cao, c.mgo, c.cao_non_carbonate, c.mgo_non_carbonate];
        if fractions.iter().any(|x| !(0.0..=1.0).contains(x)) {
            self.error(place, msg!("site-calcination-fractions"));
            None
        } else if !equipment.iter().any(|e| e.id == c.at) {
            self.error(place, msg!("site-calcination-at-unknown", at = &c.at));
            None
        } else {
            Some(Calcination { cao: c.cao, mgo: c.mgo, cao_non_carbonate: c.cao_non_carbonate, mgo_non_carbonate: c.mgo_non_carbonate, at: c.at })
        }
    }

    fn anode(&mut self, a: Option<toml::Spanned<Anode>>, equipment: &[Equipment]) -> Option<Anode> {
        let a = a?;
        let place = self.at(a.span());
        let a = a.into_inner();
        if !(0.0..=1.0).contains(&a.sulphur) || !(0.0..=1.0).contains(&a.ash) || a.net_consumption < 0.0 {
            self.error(place, msg!("site-anode-values"));
            None
        } else if !equipment.iter().any(|e| e.id == a.at) {
            self.error(place, msg!("site-anode-at-unknown", at = &a.at));
            None
        } else {
            Some(a)
        }
    }

    fn pfc(&mut self, x: Option<toml::Spanned<Pfc>>, equipment: &[Equipment]) -> Option<Pfc> {
        let x = x?;
        let place = self.at(x.span());
        let x = x.into_inner();
        let slope = x.slope_cf4.is_some() && x.ae_minutes.is_some();
        let fixed = x.cf4_per_t.is_some();
        if slope == fixed {
            self.error(place, msg!("site-pfc-method"));
            None
        } else if !equipment.iter().any(|e| e.id == x.at) {
            self.error(place, msg!("site-pfc-at-unknown", at = &x.at));
            None
        } else {
            Some(x)
        }
    }

    fn product_unit(&mut self, unit: Option<toml::Spanned<String>>, amount: &ProductAmount) -> Option<String> {
        let u = unit?;
        match (Value::new(1.0, u.get_ref()), amount) {
            (Ok(v), ProductAmount::Fixed(a)) if v.dim != a.dim => {
                self.error(self.at(u.span()), msg!("site-product-unit-mismatch", unit = u.get_ref()));
                None
            }
            (Ok(_), _) => Some(u.into_inner()),
            (Err(e), _) => {
                self.error(self.at(u.span()), msg!("site-product-unit-invalid", reason = e.message()));
                None
            }
        }
    }

    fn whatifs(&mut self, raw: Vec<toml::Spanned<model::RawWhatIf>>, equipment: &[Equipment], meters: &[Meter]) -> Vec<WhatIf> {
        let mut whatifs = Vec::new();
        for w in raw {
            let span = w.span();
            let w = w.into_inner();
            let place = self.at(span);
            let mut ok = true;
            for e in &w.equipment {
                if !equipment.iter().any(|x| &x.id == e) {
                    self.error(place.clone(), msg!("site-whatif-unknown-equipment", process = &w.process, equipment = e));
                    ok = false;
                }
            }
            let baseline = self.baseline_sources(w.baseline, false, &w.process, &place, meters);
            let conditions = self.baseline_sources(w.conditions, true, &w.process, &place, meters);
            if ok {
                let curves = w.curves.and_then(|c| match resolve_in_package(self.root, &c) {
                    Ok(p) => Some(p),
                    Err(e) => {
                        self.error(place.clone(), msg!("site-whatif-curves-refused", process = &w.process, reason = e.message()));
                        None
                    }
                });
                let checks = w
                    .checks
                    .into_iter()
                    .filter_map(|c| {
                        let at = self.at(c.span());
                        let c = c.into_inner();
                        match check_formula(&c.meter, meters) {
                            Ok(terms) => Some(ModelCheck { meter: c.meter, terms, output: c.output, at }),
                            Err(reason) => {
                                self.error(at, msg!("site-whatif-check-invalid", process = &w.process, reason = reason));
                                None
                            }
                        }
                    })
                    .collect();
                whatifs.push(WhatIf { process: w.process, equipment: w.equipment, baseline, conditions, curves, checks, at: place });
            }
        }
        whatifs
    }

    /// A what-if's baseline or `conditions` table, less the entries that name a meter the site lacks.
    fn baseline_sources(
        &mut self,
        map: std::collections::BTreeMap<String, model::RawBaseline>,
        conditions: bool,
        process: &str,
        place: &Place,
        meters: &[Meter],
    ) -> Vec<(String, BaselineSource)> {
        let mut out = Vec::new();
        for (key, b) in map {
            let src = match b {
                model::RawBaseline::Number(x) => BaselineSource::Value(x),
                model::RawBaseline::Meter(m) => BaselineSource::Meter(m),
                model::RawBaseline::Share { share } => BaselineSource::Share(share),
            };
            let ids: Vec<&String> = match &src {
                BaselineSource::Value(_) => vec![],
                BaselineSource::Meter(m) => vec![m],
                BaselineSource::Share(v) => v.iter().collect(),
            };
            if let Some(bad) = ids.iter().find(|m| !meters.iter().any(|x| x.id == ***m)) {
                let message = if conditions {
                    msg!("site-whatif-condition-unknown-meter", process = process, condition = &key, meter = *bad)
                } else {
                    msg!("site-whatif-baseline-unknown-meter", process = process, setting = &key, meter = *bad)
                };
                self.error(place.clone(), message);
                continue;
            }
            out.push((key, src));
        }
        out
    }

    fn data(&mut self, raw: Vec<toml::Spanned<DataFile>>, historian: bool) -> Vec<DataFile> {
        if raw.is_empty() && !historian {
            self.warning(Place::Whole, msg!("site-no-data-files"));
        }
        // The package boundary: every path it names stays inside it (SECURITY.md).
        let mut data = Vec::new();
        for d in raw {
            let span = d.span();
            let d = d.into_inner();
            match resolve_in_package(self.root, &d.path) {
                Ok(_) => data.push(d),
                Err(e) => self.error(self.at(span), msg!("site-data-path-refused", reason = e.message())),
            }
        }
        data
    }

    /// `[historian]`: an `http(s)://` URL, a selector naming the meter, a window whose start is before its
    /// end, a chunk from a minute to 31 days, a credential header with its variable. A bad one is an error at
    /// its line and the table is left out (the site opens on its files).
    fn historian(&mut self, raw: toml::Spanned<model::RawHistorian>, tz: chrono_tz::Tz) -> Option<Historian> {
        let span = raw.span();
        let h = raw.into_inner();
        let url = h.url.get_ref().trim().trim_end_matches('/').to_string();
        let scheme_ok = ["http://", "https://"].iter().any(|s| url.len() > s.len() && url[..s.len()].eq_ignore_ascii_case(s));
        if !scheme_ok {
            self.error(self.at(h.url.span()), msg!("site-historian-bad-url", url = h.url.get_ref().as_str()));
            return None;
        }
        let selector = match &h.selector {
            Some(s) if !(s.get_ref().contains("{meter}") || s.get_ref().contains("{column}")) => {
                self.error(self.at(s.span()), msg!("site-historian-selector-no-meter", selector = s.get_ref().as_str()));
                return None;
            }
            Some(s) => s.get_ref().trim().to_string(),
            None => format!("{HISTORIAN_METRIC}{{meter=\"{{meter}}\"}}"),
        };
        let mut when = |w: &Option<toml::Spanned<String>>| -> Result<Option<i64>, ()> {
            let Some(w) = w else { return Ok(None) };
            match time::parse_when(w.get_ref(), 0, tz).filter(|_| !w.get_ref().trim().starts_with('+')) {
                Some(t) => Ok(Some(t)),
                None => {
                    self.error(self.at(w.span()), msg!("site-historian-bad-time", time = w.get_ref().as_str()));
                    Err(())
                }
            }
        };
        let (from_ms, to_ms) = (when(&h.from).ok()?, when(&h.to).ok()?);
        if let (Some(a), Some(b)) = (from_ms, to_ms)
            && a >= b
        {
            self.error(self.at(span), msg!("site-historian-empty-window"));
            return None;
        }
        let mut duration = |d: &Option<toml::Spanned<String>>, default: i64, range: std::ops::RangeInclusive<i64>| -> Option<i64> {
            let Some(d) = d else { return Some(default) };
            let ms = time::parse_duration(d.get_ref()).filter(|ms| range.contains(ms));
            if ms.is_none() {
                let (lo, hi) = (range.start() / 1000, range.end() / 1000);
                self.error(self.at(d.span()), msg!("site-historian-bad-duration", duration = d.get_ref().as_str(), min_s = lo, max_s = hi));
            }
            ms
        };
        let chunk_ms = duration(&h.chunk, 86_400_000, 60_000..=31 * 86_400_000)?;
        let timeout_ms = duration(&h.timeout, 30_000, 1_000..=600_000)?;
        let block_ms = duration(&h.block, 3_600_000, 60_000..=86_400_000)?;
        let cache_mb = match &h.cache_mb {
            None => 512,
            Some(c) if (16..=1 << 20).contains(c.get_ref()) => *c.get_ref() as usize,
            Some(c) => {
                self.error(self.at(c.span()), msg!("site-historian-bad-cache", mb = *c.get_ref()));
                return None;
            }
        };
        let auth_env = h.auth_env.as_ref().map(|e| e.get_ref().trim().to_string());
        if h.auth_header.is_some() != auth_env.is_some() {
            self.error(self.at(span), msg!("site-historian-auth-pair"));
            return None;
        }
        Some(Historian { url, selector, from_ms, to_ms, chunk_ms, timeout_ms, paged: h.paged, block_ms, cache_mb, auth_header: h.auth_header, auth_env, at: self.at(span) })
    }

    /// Clears the 3D model's path when it leaves the package. An empty path is a site without a 3D model yet
    /// (`plant-twin new` from a data export alone), not an error.
    fn model_path(&mut self, header: &mut SiteHeader, site_span: std::ops::Range<usize>) {
        if header.model.trim().is_empty() {
            header.model = String::new();
            return;
        }
        if let Err(e) = resolve_in_package(self.root, &header.model) {
            let place = key_line(self.out.text, site_span.clone(), "model").unwrap_or_else(|| self.at(site_span.clone()));
            self.error(place, msg!("site-model-path-refused", reason = e.message()));
            header.model = String::new();
        }
    }
}

/// The line of `key = …` in the table whose header is at `span` (up to the next table header), for a
/// value that carries no span of its own.
fn key_line(text: &str, span: std::ops::Range<usize>, key: &str) -> Option<Place> {
    let start = span.start.min(text.len());
    let body = text.get(start..)?;
    let mut offset = start;
    for (i, line) in body.split_inclusive('\n').enumerate() {
        let t = line.trim_start();
        if i > 0 && t.starts_with('[') {
            return None;
        }
        if t.strip_prefix(key).is_some_and(|r| r.trim_start().starts_with('=')) {
            return Some(line_col(text, offset + (line.len() - t.len())));
        }
        offset += line.len();
    }
    None
}

/// Checks a flow formula: every term names a meter, and all meters measure the same quantity (adding kW to
/// t/h is refused).
fn check_formula(text: &str, meters: &[Meter]) -> Result<Vec<(f64, String)>, Msg> {
    let terms = parse_linear(text)?;
    let mut quantity = None;
    for (_, id) in &terms {
        let m = meters.iter().find(|m| &m.id == id).ok_or_else(|| msg!("site-formula-unknown-meter", meter = id))?;
        match quantity {
            None => quantity = Some((m.quantity, id.clone())),
            Some((q, ref first)) if q != m.quantity => {
                return Err(msg!("site-formula-mixed-quantities", first = first, first_quantity = q.noun_msg(), second = id, second_quantity = m.quantity.noun_msg()));
            }
            _ => {}
        }
    }
    Ok(terms)
}

/// Parses `"23.8 GJ/t"` or `"40000 m2"`: a number, a space, a unit.
fn parse_quantity(text: &str) -> Result<Value, Msg> {
    let t = text.trim();
    let (num, unit) = t.split_once(char::is_whitespace).ok_or_else(|| msg!("site-quantity-needs-unit", text = t))?;
    let x: f64 = num.trim().parse().map_err(|_| msg!("site-not-a-number", text = num.trim()))?;
    Value::new(x, unit.trim()).map_err(|e| e.message())
}
