//! Plant Twin's site package: `site.toml` (equipment, meters, data files, flows), validated, with every
//! problem reported at its file and line. Bevy-free. Format reference: docs/site-format.md.

pub mod binding;
mod diagnostic;
mod model;
mod package;
mod quantity;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use plant_units::Value;

pub use binding::{Bounds, ModelReport, check_model, equipment_from_extras};
pub use diagnostic::{Diagnostic, Place, Severity, line_col, panic_message};
pub use model::{
    AccountingSettings, Anode, BaselineSource, Calcination, DataFile, Equipment, FlowEdge, FlowNode, FlowValue, Kpi, Meter, NodeKind, Pfc, Product, ProductAmount, Site,
    SiteHeader, TimestampFormat, WhatIf, parse_linear,
};
pub use package::{PackagePathError, resolve_in_package};
pub use quantity::{Quantity, is_known_unit};

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
        let what = if e.kind() == std::io::ErrorKind::NotFound { "no site.toml here".to_string() } else { e.to_string() };
        Diagnostic::error(&file, Place::Whole, format!("cannot read the site file: {what}"))
    })?;
    let mut opened = parse(&text, &root)?;
    for d in &opened.site.data {
        // Paths were checked against the package when parsed; a refused one is not in `data`.
        let Ok(p) = opened.site.resolve(&d.path) else { continue };
        if !p.is_file() {
            opened.diagnostics.push(Diagnostic::error(&file, Place::Element(format!("[[data]] path = \"{}\"", d.path)), format!("data file not found: {}", p.display())));
        }
    }
    Ok(opened)
}

/// Parses and validates `site.toml` text; `root` is the package folder its paths are relative to.
pub fn parse(text: &str, root: &Path) -> Result<Opened, Diagnostic> {
    let file: PathBuf = root.join(SITE_FILE);
    let raw: model::RawSite = toml::from_str(text).map_err(|e| {
        let place = e.span().map_or(Place::Whole, |s| line_col(text, s.start));
        Diagnostic::error(&file, place, e.message().trim().to_string())
    })?;
    let at = |span: std::ops::Range<usize>| line_col(text, span.start);
    let mut diags = Vec::new();

    let site_span = raw.site.span();
    let mut header = raw.site.into_inner();
    let tz_name = header.time_zone.get_ref();
    let time_zone = tz_name.parse::<chrono_tz::Tz>().unwrap_or_else(|_| {
        diags.push(Diagnostic::error(&file, at(header.time_zone.span()), format!("unknown time zone \"{tz_name}\" (use an IANA name such as \"Asia/Shanghai\"); using UTC")));
        chrono_tz::UTC
    });

    let mut equipment = Vec::new();
    let mut seen = HashSet::new();
    for e in raw.equipment {
        let span = e.span();
        let e = e.into_inner();
        if !seen.insert(e.id.clone()) {
            diags.push(Diagnostic::error(&file, at(span), format!("equipment id \"{}\" is defined twice; the second is ignored", e.id)));
            continue;
        }
        equipment.push(Equipment { node: e.node.unwrap_or_else(|| e.id.clone()), id: e.id, kind: e.kind, name: e.name, area: e.area });
    }

    let mut meters = Vec::new();
    let mut seen = HashSet::new();
    for m in raw.meter {
        let span = m.span();
        let m = m.into_inner();
        if !seen.insert(m.id.clone()) {
            diags.push(Diagnostic::error(&file, at(span), format!("meter id \"{}\" is defined twice; the second is ignored", m.id)));
            continue;
        }
        if !equipment.iter().any(|e| &e.id == m.equipment.get_ref()) {
            diags.push(Diagnostic::error(
                &file,
                at(m.equipment.span()),
                format!("meter \"{}\" is bound to equipment \"{}\", which is not defined; meter ignored", m.id, m.equipment.get_ref()),
            ));
            continue;
        }
        let Some(to_display) = m.quantity.to_display(m.unit.get_ref()) else {
            diags.push(Diagnostic::error(
                &file,
                at(m.unit.span()),
                format!(
                    "unit \"{}\" does not measure {} (expected one of {}); meter \"{}\" ignored",
                    m.unit.get_ref(),
                    m.quantity.label().to_lowercase(),
                    m.quantity.units().join(", "),
                    m.id
                ),
            ));
            continue;
        };
        meters.push(Meter {
            column: m.column.unwrap_or_else(|| m.id.clone()),
            id: m.id,
            quantity: m.quantity,
            unit: m.unit.into_inner(),
            equipment: m.equipment.into_inner(),
            name: m.name,
            to_display,
        });
    }

    let mut nodes: Vec<FlowNode> = Vec::new();
    for n in raw.node {
        let span = n.span();
        let n = n.into_inner();
        if equipment.iter().any(|e| e.id == n.id) || nodes.iter().any(|x| x.id == n.id) {
            diags.push(Diagnostic::error(&file, at(span), format!("flow node id \"{}\" is already used; the second is ignored", n.id)));
            continue;
        }
        let ncv = match &n.ncv {
            None => None,
            Some(text) => match parse_quantity(text.get_ref()) {
                Ok(v) if v.dim == (Value::new(1.0, "GJ/t").map(|u| u.dim).unwrap_or_default()) && v.si > 0.0 => Some(v),
                Ok(_) => {
                    diags.push(Diagnostic::error(
                        &file,
                        at(text.span()),
                        format!("ncv \"{}\" is not a positive energy per mass (e.g. \"23.8 GJ/t\"); the fuel's default is used", text.get_ref()),
                    ));
                    None
                }
                Err(msg) => {
                    diags.push(Diagnostic::error(&file, at(text.span()), format!("ncv: {msg}; the fuel's default is used")));
                    None
                }
            },
        };
        let mut share = |v: &Option<toml::Spanned<f64>>, what: &str| -> Option<f64> {
            let v = v.as_ref()?;
            if (0.0..=1.0).contains(v.get_ref()) {
                Some(*v.get_ref())
            } else {
                diags.push(Diagnostic::error(&file, at(v.span()), format!("{what} must be between 0 and 1 (a share, not a percentage); ignored")));
                None
            }
        };
        let biomass_share = share(&n.biomass_share, "biomass_share");
        let green_share = share(&n.green_share, "green_share").unwrap_or(0.0);
        let factor_meter = match n.factor_meter {
            None => None,
            Some(m) => match meters.iter().find(|x| &x.id == m.get_ref()) {
                Some(x) if x.quantity == Quantity::EmissionFactor => Some(m.into_inner()),
                Some(_) => {
                    diags.push(Diagnostic::error(
                        &file,
                        at(m.span()),
                        format!("factor_meter \"{}\" does not measure an emission factor (quantity = \"emission_factor\"); the annual factor is used", m.get_ref()),
                    ));
                    None
                }
                None => {
                    diags.push(Diagnostic::error(&file, at(m.span()), format!("no meter \"{}\"; the annual factor is used", m.get_ref())));
                    None
                }
            },
        };
        nodes.push(FlowNode {
            id: n.id,
            name: n.name,
            kind: n.kind,
            factor: n.factor,
            carrier: n.carrier,
            ncv,
            biomass_share,
            market_factor: n.market_factor,
            green_share,
            factor_meter,
            at: at(span),
        });
    }
    let known = |id: &str| equipment.iter().any(|e| e.id == id) || nodes.iter().any(|n| n.id == id);
    let mut flows = Vec::new();
    for f in raw.flow {
        let span = f.span();
        let f = f.into_inner();
        let mut ok = true;
        for end in [&f.from, &f.to] {
            if !known(end) {
                diags.push(Diagnostic::error(&file, at(span.clone()), format!("flow end \"{end}\" is neither equipment nor a [[node]]; flow ignored")));
                ok = false;
            }
        }
        let value = match (&f.meter, &f.value) {
            (Some(_), Some(v)) => {
                diags.push(Diagnostic::error(&file, at(v.span()), "a flow has either `meter` or `value`, not both; flow ignored"));
                ok = false;
                FlowValue::None
            }
            (Some(m), None) => match meters.iter().find(|x| &x.id == m.get_ref()) {
                Some(_) => FlowValue::Meters(vec![(1.0, m.get_ref().clone())]),
                None => {
                    diags.push(Diagnostic::error(&file, at(m.span()), format!("no meter \"{}\"; flow ignored", m.get_ref())));
                    ok = false;
                    FlowValue::None
                }
            },
            (None, Some(v)) if v.get_ref().trim() == "remainder" => FlowValue::Remainder,
            (None, Some(v)) => match check_formula(v.get_ref(), &meters) {
                Ok(terms) => FlowValue::Meters(terms),
                Err(msg) => {
                    diags.push(Diagnostic::error(&file, at(v.span()), format!("{msg}; flow ignored")));
                    ok = false;
                    FlowValue::None
                }
            },
            (None, None) => FlowValue::None,
        };
        let times = match &f.times {
            None => None,
            Some(t) => match parse_quantity(t.get_ref()) {
                Ok(v) if matches!(value, FlowValue::Meters(_)) => Some(v),
                Ok(_) => {
                    diags.push(Diagnostic::error(&file, at(t.span()), "`times` needs a metered `meter` or `value`; flow ignored"));
                    ok = false;
                    None
                }
                Err(msg) => {
                    diags.push(Diagnostic::error(&file, at(t.span()), format!("times: {msg}; flow ignored")));
                    ok = false;
                    None
                }
            },
        };
        if ok {
            flows.push(FlowEdge { from: f.from, to: f.to, carrier: f.carrier, value, times, node: f.node });
        }
    }

    let accounting = match raw.accounting {
        None => AccountingSettings::default(),
        Some(a) => {
            let place = at(a.span());
            let a = a.into_inner();
            let d = AccountingSettings::default();
            let gwp = a.gwp.unwrap_or(d.gwp);
            if !["SAR", "AR4", "AR5"].contains(&gwp.as_str()) {
                diags.push(Diagnostic::error(&file, place.clone(), format!("unknown GWP set \"{gwp}\" (use SAR, AR4 or AR5)")));
            }
            let tolerance = match a.tolerance {
                Some(t) if (0.0..1.0).contains(&t) => t,
                Some(t) => {
                    diags.push(Diagnostic::error(&file, place.clone(), format!("tolerance {t} must be a share between 0 and 1; using {}", d.tolerance)));
                    d.tolerance
                }
                None => d.tolerance,
            };
            AccountingSettings { factor_sets: a.factor_sets.unwrap_or(d.factor_sets), gwp, tolerance, at: place }
        }
    };

    let mut products = Vec::new();
    for p in raw.product {
        let span = p.span();
        let p = p.into_inner();
        if products.iter().any(|x: &Product| x.id == p.id) {
            diags.push(Diagnostic::error(&file, at(span), format!("product id \"{}\" is defined twice; the second is ignored", p.id)));
            continue;
        }
        let amount = match (&p.meter, &p.value, &p.amount) {
            (Some(m), None, None) => check_formula(m.get_ref(), &meters).map(ProductAmount::Meters).map_err(|e| (m.span(), e)),
            (None, Some(v), None) => check_formula(v.get_ref(), &meters).map(ProductAmount::Meters).map_err(|e| (v.span(), e)),
            (None, None, Some(a)) => parse_quantity(a.get_ref()).map(ProductAmount::Fixed).map_err(|e| (a.span(), e)),
            _ => Err((span.clone(), "a product needs exactly one of `meter`, `value` or `amount`".to_string())),
        };
        let amount = match amount {
            Ok(a) => a,
            Err((sp, msg)) => {
                diags.push(Diagnostic::error(&file, at(sp), format!("{msg}; product \"{}\" ignored", p.id)));
                continue;
            }
        };
        let kpis = match p.kpis {
            None => Kpi::ALL.to_vec(),
            Some(list) => list
                .iter()
                .filter_map(|k| match Kpi::ALL.iter().find(|x| x.key() == k.get_ref()) {
                    Some(x) => Some(*x),
                    None => {
                        let names: Vec<&str> = Kpi::ALL.iter().map(|x| x.key()).collect();
                        diags.push(Diagnostic::error(&file, at(k.span()), format!("unknown KPI \"{}\" (one of {}); ignored", k.get_ref(), names.join(", "))));
                        None
                    }
                })
                .collect(),
        };
        let calcination = match p.calcination {
            None => None,
            Some(c) => {
                let place = at(c.span());
                let c = c.into_inner();
                let fractions = [c.cao, c.mgo, c.cao_non_carbonate, c.mgo_non_carbonate];
                if fractions.iter().any(|x| !(0.0..=1.0).contains(x)) {
                    diags.push(Diagnostic::error(&file, place, "calcination CaO/MgO are mass fractions between 0 and 1 (0.65, not 65); ignored"));
                    None
                } else if !equipment.iter().any(|e| e.id == c.at) {
                    diags.push(Diagnostic::error(&file, place, format!("calcination `at` \"{}\" is not equipment; ignored", c.at)));
                    None
                } else {
                    Some(Calcination { cao: c.cao, mgo: c.mgo, cao_non_carbonate: c.cao_non_carbonate, mgo_non_carbonate: c.mgo_non_carbonate, at: c.at })
                }
            }
        };
        let equipment_at = |at: &str| equipment.iter().any(|e| e.id == at);
        let anode = match p.anode {
            None => None,
            Some(a) => {
                let place = at(a.span());
                let a = a.into_inner();
                if !(0.0..=1.0).contains(&a.sulphur) || !(0.0..=1.0).contains(&a.ash) || a.net_consumption < 0.0 {
                    diags.push(Diagnostic::error(&file, place, "anode: sulphur and ash are mass fractions (0-1), net_consumption t C/t ≥ 0; ignored"));
                    None
                } else if !equipment_at(&a.at) {
                    diags.push(Diagnostic::error(&file, place, format!("anode `at` \"{}\" is not equipment; ignored", a.at)));
                    None
                } else {
                    Some(a)
                }
            }
        };
        let pfc = match p.pfc {
            None => None,
            Some(x) => {
                let place = at(x.span());
                let x = x.into_inner();
                let slope = x.slope_cf4.is_some() && x.ae_minutes.is_some();
                let fixed = x.cf4_per_t.is_some();
                if slope == fixed {
                    diags.push(Diagnostic::error(&file, place, "pfc: give either slope_cf4 with ae_minutes (and c2f6_ratio), or cf4_per_t (and c2f6_per_t); ignored"));
                    None
                } else if !equipment_at(&x.at) {
                    diags.push(Diagnostic::error(&file, place, format!("pfc `at` \"{}\" is not equipment; ignored", x.at)));
                    None
                } else {
                    Some(x)
                }
            }
        };
        let unit = match p.unit {
            None => None,
            Some(u) => match (Value::new(1.0, u.get_ref()), &amount) {
                (Ok(v), ProductAmount::Fixed(a)) if v.dim != a.dim => {
                    diags.push(Diagnostic::error(&file, at(u.span()), format!("unit \"{}\" does not measure the product's amount; ignored", u.get_ref())));
                    None
                }
                (Ok(_), _) => Some(u.into_inner()),
                (Err(e), _) => {
                    diags.push(Diagnostic::error(&file, at(u.span()), format!("{e}; ignored")));
                    None
                }
            },
        };
        products.push(Product { id: p.id, name: p.name, amount, kpis, calcination, anode, pfc, unit, at: at(span) });
    }
    let mut whatifs = Vec::new();
    for w in raw.whatif {
        let span = w.span();
        let w = w.into_inner();
        let place = at(span);
        let mut ok = true;
        for e in &w.equipment {
            if !equipment.iter().any(|x| &x.id == e) {
                diags.push(Diagnostic::error(&file, place.clone(), format!("what-if \"{}\": no equipment \"{e}\"; what-if ignored", w.process)));
                ok = false;
            }
        }
        let mut read = |map: std::collections::BTreeMap<String, model::RawBaseline>, what: &str| {
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
                    diags.push(Diagnostic::error(&file, place.clone(), format!("what-if \"{}\": {what} {key} names no meter \"{bad}\"; the model's default is used", w.process)));
                    continue;
                }
                out.push((key, src));
            }
            out
        };
        let baseline = read(w.baseline, "baseline of");
        let conditions = read(w.conditions, "condition");
        if ok {
            let curves = w.curves.and_then(|c| match resolve_in_package(root, &c) {
                Ok(p) => Some(p),
                Err(e) => {
                    diags.push(Diagnostic::error(&file, place.clone(), format!("what-if \"{}\": curves: {e}; the model's default curves are used", w.process)));
                    None
                }
            });
            whatifs.push(WhatIf { process: w.process, equipment: w.equipment, baseline, conditions, curves, at: place });
        }
    }
    if raw.data.is_empty() {
        diags.push(Diagnostic::warning(&file, Place::Whole, "no [[data]] files: meters will show no data"));
    }
    // The package boundary: every path it names stays inside it (SECURITY.md).
    let mut data = Vec::new();
    for d in raw.data {
        let span = d.span();
        let d = d.into_inner();
        match resolve_in_package(root, &d.path) {
            Ok(_) => data.push(d),
            Err(e) => diags.push(Diagnostic::error(&file, at(span), format!("[[data]] path: {e}; file left out"))),
        }
    }
    if let Err(e) = resolve_in_package(root, &header.model) {
        let place = key_line(text, site_span.clone(), "model").unwrap_or_else(|| at(site_span.clone()));
        diags.push(Diagnostic::error(&file, place, format!("model: {e}; the site opens without 3D")));
        header.model = String::new();
    }

    let site = Site { root: root.to_path_buf(), header, time_zone, data, equipment, meters, nodes, flows, accounting, products, whatifs };
    Ok(Opened { site, diagnostics: diags })
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
fn check_formula(text: &str, meters: &[Meter]) -> Result<Vec<(f64, String)>, String> {
    let terms = parse_linear(text)?;
    let mut quantity = None;
    for (_, id) in &terms {
        let m = meters.iter().find(|m| &m.id == id).ok_or_else(|| format!("no meter \"{id}\" in the formula"))?;
        match quantity {
            None => quantity = Some((m.quantity, id.clone())),
            Some((q, ref first)) if q != m.quantity => {
                return Err(format!("cannot combine \"{first}\" ({}) with \"{id}\" ({})", q.label().to_lowercase(), m.quantity.label().to_lowercase()));
            }
            _ => {}
        }
    }
    Ok(terms)
}

/// Parses `"23.8 GJ/t"` or `"40000 m2"`: a number, a space, a unit.
fn parse_quantity(text: &str) -> Result<Value, String> {
    let t = text.trim();
    let (num, unit) = t.split_once(char::is_whitespace).ok_or_else(|| format!("\"{t}\" needs a number and a unit, e.g. \"23.8 GJ/t\""))?;
    let x: f64 = num.trim().parse().map_err(|_| format!("\"{}\" is not a number", num.trim()))?;
    Value::new(x, unit.trim()).map_err(|e| e.to_string())
}
