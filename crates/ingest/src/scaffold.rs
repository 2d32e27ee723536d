//! `plant-twin new`: a site package from a model and a historian export. The data file's columns are read
//! (names, units in the headers, value ranges), each meter's quantity and unit guessed, meters matched to the
//! model's nodes by name, and a commented `site.toml` written with a minimal flow graph (grid electricity
//! into the equipment that meters power or energy, a fuel source into the equipment that meters a fuel) so
//! the energy and carbon report works at once. What was guessed and what could not be placed is listed.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use plant_i18n::{Msg, msg};
use plant_site::binding::ModelNode;
use plant_site::{DataFile, Diagnostic, Place, Quantity, TimestampFormat};
use polars::prelude::*;

use crate::columns::split_unit;

/// What `plant-twin new` is asked to do.
#[derive(Clone, Debug)]
pub struct Options {
    /// The package folder to create.
    pub folder: PathBuf,
    pub model: Option<PathBuf>,
    pub data: Vec<PathBuf>,
    pub time_zone: chrono_tz::Tz,
    /// The site's name (default: the folder's name).
    pub name: Option<String>,
}

/// A column of the data and what was made of it.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub header: String,
    pub meter: String,
    pub quantity: Quantity,
    pub unit: String,
    /// How the quantity was found: from the header's unit, from the name, or not at all.
    pub guess: Guess,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub mean: Option<f64>,
    /// The equipment it was bound to, and the node that equipment is (`mesh:NAME` for an unnamed node known by
    /// its mesh's name).
    pub equipment: Option<String>,
    pub node: Option<String>,
    /// A fuel the name says it measures (coal, natural gas, diesel, fuel oil).
    pub fuel: Option<&'static str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Guess {
    Unit,
    Name,
    None,
}

/// A data file as read: its timestamp column and form, its CSV separator.
#[derive(Clone, Debug, PartialEq)]
pub struct FileSpec {
    pub path: PathBuf,
    pub timestamp_column: String,
    pub timestamp_format: TimestampFormat,
    pub separator: Option<char>,
}

/// What was made: the text of `site.toml` and the findings.
#[derive(Clone, Debug)]
pub struct Scaffold {
    pub site_toml: String,
    pub columns: Vec<Column>,
    /// The first file's timestamp column and form (each file's are in `files`).
    pub timestamp_column: String,
    pub timestamp_format: TimestampFormat,
    pub files: Vec<FileSpec>,
    /// The model's name in the package (`model.glb`, `model.gltf`) and, for a .gltf, the files it names beside
    /// itself (paths relative to it, copied alongside).
    pub model_name: Option<String>,
    pub model_files: Vec<String>,
    /// Nodes of the model no meter was matched to, by name (`mesh:NAME` for an unnamed node with a named mesh), for
    /// the user to bind; and how many have neither name (groups, mostly).
    pub free_nodes: Vec<String>,
    pub unnamed_nodes: usize,
    /// What the model's geometry says of its up axis and unit (written to `[site]` when it is Z-up or in mm).
    pub orientation: Option<plant_site::orientation::Orientation>,
    pub notes: Vec<Msg>,
}

/// Reads the data and the model and makes the package's `site.toml` (nothing is written).
pub fn scaffold(opts: &Options) -> Result<Scaffold, Diagnostic> {
    if opts.data.is_empty() {
        return Err(Diagnostic::error(&opts.folder, Place::Whole, msg!("ingest-new-no-data")));
    }
    // A .glb is one file; a .gltf names its buffers and images in files beside it, copied with it.
    let (model_name, model_files) = match &opts.model {
        None => (None, Vec::new()),
        Some(m) if m.extension().is_some_and(|e| e.eq_ignore_ascii_case("glb")) => (Some("model.glb".to_owned()), Vec::new()),
        Some(m) if m.extension().is_some_and(|e| e.eq_ignore_ascii_case("gltf")) => {
            let files = plant_site::binding::model_external_files(m).map_err(|e| {
                let message = match e {
                    plant_site::binding::ModelFilesError::Unreadable(error) => msg!("site-model-unreadable", error = error),
                    plant_site::binding::ModelFilesError::Outside(uri) => msg!("ingest-new-model-uri", uri = uri),
                };
                Diagnostic::error(m, Place::Whole, message)
            })?;
            (Some("model.gltf".to_owned()), files)
        }
        Some(m) => return Err(Diagnostic::error(m, Place::Whole, msg!("ingest-new-glb-only"))),
    };
    // Each file read on its own (its separator, timestamp column and form); the meters are the union of their
    // columns, by header.
    let mut files = Vec::new();
    let mut frames = Vec::new();
    for path in &opts.data {
        let separator = sniff_separator(path);
        let probe = DataFile { path: String::new(), timestamp_column: "timestamp".into(), timestamp_format: TimestampFormat::Auto, separator };
        let df = crate::read_frame(path, &probe)?;
        let (timestamp_column, timestamp_format) = timestamp_of(&df).ok_or_else(|| Diagnostic::error(path, Place::Whole, msg!("ingest-new-no-time")))?;
        files.push(FileSpec { path: path.clone(), timestamp_column, timestamp_format, separator });
        frames.push(df);
    }
    let nodes = match &opts.model {
        Some(p) => plant_site::binding::model_nodes(p).map_err(|e| Diagnostic::error(p, Place::Whole, msg!("site-model-unreadable", error = e)))?,
        None => Vec::new(),
    };
    let mut notes = Vec::new();
    let mut columns: Vec<Column> = Vec::new();
    let mut counts: Vec<usize> = Vec::new();
    let mut ids = BTreeSet::new();
    for (df, file) in frames.iter().zip(&files) {
        for c in df.columns() {
            let header = c.name().to_string();
            if header == file.timestamp_column {
                continue;
            }
            let Some((min, max, mean, n)) = numbers(c) else {
                if !columns.iter().any(|x| x.header == header) {
                    notes.push(msg!("ingest-new-not-numbers", column = header.as_str()));
                }
                continue;
            };
            // A column in several files: one meter, its range over all of them.
            if let Some(i) = columns.iter().position(|x| x.header == header) {
                let (c0, n0) = (&mut columns[i], counts[i]);
                c0.min = Some(c0.min.map_or(min, |m| m.min(min)));
                c0.max = Some(c0.max.map_or(max, |m| m.max(max)));
                c0.mean = c0.mean.map(|m| (m * n0 as f64 + mean * n as f64) / (n0 + n) as f64);
                counts[i] += n;
                continue;
            }
            let (base, unit) = split_header(&header);
            let (quantity, unit, guess) = quantity_of(base, unit);
            let meter = unique(slug(base), &mut ids);
            let node = match_node(base, &nodes);
            let fuel = fuel_of(base, quantity);
            columns.push(Column { header: header.clone(), meter, quantity, unit, guess, min: Some(min), max: Some(max), mean: Some(mean), equipment: None, node, fuel });
            counts.push(n);
        }
    }
    let mut equipment_ids = BTreeSet::new();
    let mut node_equipment: Vec<(String, String)> = Vec::new();
    for c in &mut columns {
        if let Some(node) = &c.node {
            let id = match node_equipment.iter().find(|(n, _)| n == node) {
                Some((_, id)) => id.clone(),
                None => {
                    // The id the model's extras give the node, else one from its name.
                    let named = nodes.iter().find(|n| n.name.as_ref() == Some(node)).and_then(|n| n.equipment.clone());
                    let id = unique(named.unwrap_or_else(|| slug(node.strip_prefix(MESH).unwrap_or(node))), &mut equipment_ids);
                    node_equipment.push((node.clone(), id.clone()));
                    id
                }
            };
            c.equipment = Some(id);
        }
    }
    // Nodes the model itself marks as equipment (extras `{"equipment": "…"}`) are equipment too, metered or not.
    for n in &nodes {
        if let (Some(name), Some(id)) = (&n.name, &n.equipment)
            && !node_equipment.iter().any(|(node, _)| node == name)
            && !equipment_ids.contains(id)
        {
            equipment_ids.insert(id.clone());
            node_equipment.push((name.clone(), id.clone()));
        }
    }
    let bound: BTreeSet<&String> = node_equipment.iter().map(|(n, _)| n).collect();
    let label = |n: &ModelNode| n.name.clone().or_else(|| n.mesh.as_ref().map(|m| format!("{MESH}{m}")));
    let free_nodes = nodes.iter().filter_map(label).filter(|n| !bound.contains(n)).collect();
    let unnamed_nodes = nodes.iter().filter(|n| n.name.is_none() && n.mesh.is_none()).count();
    let name = opts.name.clone().unwrap_or_else(|| opts.folder.file_name().map_or_else(|| "site".to_owned(), |n| n.to_string_lossy().into_owned()));
    let (timestamp_column, timestamp_format) = files.first().map(|f| (f.timestamp_column.clone(), f.timestamp_format.clone())).unwrap_or_default();
    let orientation = opts.model.as_deref().and_then(plant_site::orientation::guess);
    if let Some(o) = orientation.as_ref().filter(|o| o.z_up || o.millimetres) {
        let extent = o.extent.iter().copied().fold(0.0f32, f32::max).round();
        notes.push(match (o.z_up, o.millimetres) {
            (true, true) => msg!("ingest-new-z-up-mm", share = (o.z_share() * 100.0).round(), extent = extent),
            (true, false) => msg!("ingest-new-z-up", share = (o.z_share() * 100.0).round()),
            _ => msg!("ingest-new-mm", extent = extent),
        });
    }
    let mut s = Scaffold { site_toml: String::new(), columns, timestamp_column, timestamp_format, files, model_name, model_files, free_nodes, unnamed_nodes, orientation, notes };
    s.site_toml = site_toml(&s, opts, &name, &node_equipment);
    Ok(s)
}

/// The CSV separator the header line uses most (`,`, `;` or a tab); `None` for `,` and for Parquet.
fn sniff_separator(path: &Path) -> Option<char> {
    if !path.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("txt")) {
        return None;
    }
    use std::io::BufRead;
    let mut line = String::new();
    let file = std::fs::File::open(path).ok()?;
    std::io::BufReader::new(file).take(64 * 1024).read_line(&mut line).ok()?;
    let best = [',', ';', '\t'].into_iter().max_by_key(|c| line.matches(*c).count())?;
    (best != ',' && line.contains(best)).then_some(best)
}

/// The column of timestamps: a date-time column, else one named like a time, else the first; and the form
/// its text takes (day-first, month-first, ISO 8601…), from its first values.
fn timestamp_of(df: &DataFrame) -> Option<(String, TimestampFormat)> {
    let cols = df.columns();
    let named = |c: &&Column_| {
        let n = c.name().to_lowercase();
        ["timestamp", "time", "date", "datetime", "时间", "日期"].iter().any(|k| n.contains(k))
    };
    let col = cols.iter().find(|c| matches!(c.dtype(), DataType::Datetime(..) | DataType::Date)).or_else(|| cols.iter().find(named)).or_else(|| cols.first())?;
    let format = match col.dtype() {
        DataType::String => {
            let ca = col.str().ok()?;
            let samples: Vec<&str> = ca.iter().flatten().take(50).collect();
            crate::timestamp::detect(&samples)?.0
        }
        DataType::Datetime(..) | DataType::Date => TimestampFormat::Auto,
        _ => TimestampFormat::Auto,
    };
    Some((col.name().to_string(), format))
}

type Column_ = polars::prelude::Column;

/// A column's values as numbers (text such as "12.5" read too): min, max, mean and how many; `None` when none is
/// a number.
fn numbers(c: &Column_) -> Option<(f64, f64, f64, usize)> {
    let f = c.cast(&DataType::Float64).ok()?;
    let ca = f.f64().ok()?;
    let finite: Vec<f64> = ca.iter().flatten().filter(|v| v.is_finite()).collect();
    if finite.is_empty() {
        return None;
    }
    let min = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let max = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mean = finite.iter().sum::<f64>() / finite.len() as f64;
    Some((min, max, mean, finite.len()))
}

/// Words of a name, lower case (`Kiln_1 DrivePower` → kiln, 1, drive, power).
fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for ch in s.chars() {
        if !ch.is_alphanumeric() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            prev_lower = false;
            continue;
        }
        if ch.is_uppercase() && prev_lower && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        prev_lower = ch.is_lowercase() || ch.is_ascii_digit();
        cur.extend(ch.to_lowercase());
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// An id from a name: its words joined by `-` (non-ASCII letters kept).
fn slug(s: &str) -> String {
    let w = words(s).join("-");
    if w.is_empty() { "meter".to_owned() } else { w }
}

fn unique(mut id: String, taken: &mut BTreeSet<String>) -> String {
    if taken.contains(&id) {
        let base = id.clone();
        let mut n = 2;
        while taken.contains(&format!("{base}-{n}")) {
            n += 1;
        }
        id = format!("{base}-{n}");
    }
    taken.insert(id.clone());
    id
}

/// A name's words that say which of two quantities with the same unit it is.
const THERMAL: [&str; 9] = ["heat", "thermal", "cooling", "load", "steam", "chw", "hw", "热", "冷"];
const MECHANICAL: [&str; 3] = ["shaft", "mechanical", "brake"];
const POWER_FACTOR: [&str; 3] = ["pf", "cos", "cosphi"];
const CO2: [&str; 2] = ["co2", "二氧化碳"];

/// The quantity and unit of a column: from the unit in its header where it has one (the name settles a unit two
/// quantities share: kW of heat or of electricity), else from words of its name; `Other` when neither says.
fn quantity_of(base: &str, unit: Option<&str>) -> (Quantity, String, Guess) {
    let w = words(base);
    let has = |list: &[&str]| w.iter().any(|x| list.iter().any(|k| x == k || (!k.is_ascii() && x.contains(k))));
    if let Some(u) = unit {
        let fits: Vec<Quantity> = Quantity::ALL.iter().copied().filter(|q| *q != Quantity::Other && q.to_display(u).is_some()).collect();
        let pick = |q: Quantity| fits.contains(&q).then_some(q);
        let q = (has(&THERMAL).then(|| pick(Quantity::ThermalPower)).flatten())
            .or_else(|| has(&MECHANICAL).then(|| pick(Quantity::MechanicalPower)).flatten())
            .or_else(|| has(&POWER_FACTOR).then(|| pick(Quantity::PowerFactor)).flatten())
            .or_else(|| has(&CO2).then(|| pick(Quantity::Co2MassFlow).or_else(|| pick(Quantity::Co2))).flatten())
            .or_else(|| fits.iter().copied().find(|q| !matches!(q, Quantity::PowerFactor | Quantity::Co2MassFlow | Quantity::Co2)))
            .or_else(|| fits.first().copied());
        if let Some(q) = q {
            return (q, u.to_owned(), Guess::Unit);
        }
    }
    // No unit (or one no quantity has): the usual words of a name, with the usual unit.
    let by_name: [(&[&str], Quantity, &str); 6] = [
        (&["temp", "temperature", "温度"], Quantity::Temperature, "°C"),
        (&["power", "kw", "功率"], Quantity::ElectricPower, "kW"),
        (&["energy", "kwh", "电量", "电能"], Quantity::Energy, "kWh"),
        (&["pressure", "压力"], Quantity::Pressure, "kPa"),
        (&["speed", "rpm", "转速"], Quantity::Speed, "rpm"),
        (&["pf"], Quantity::PowerFactor, ""),
    ];
    for (keys, q, u) in by_name {
        if has(keys) && unit.is_none() {
            return (q, u.to_owned(), Guess::Name);
        }
    }
    (Quantity::Other, unit.unwrap_or("").to_owned(), Guess::None)
}

/// The fuel a mass or volume flow's name says it is, as a factor id of the bundled IPCC 2006 set.
fn fuel_of(base: &str, q: Quantity) -> Option<&'static str> {
    if !matches!(q, Quantity::MassFlow | Quantity::VolumeFlow) {
        return None;
    }
    let w = words(base);
    let has = |k: &str| w.iter().any(|x| x == k || (!k.is_ascii() && x.contains(k)));
    if has("coal") || has("煤") {
        Some("bituminous-coal")
    } else if has("gas") || has("ng") || has("天然气") {
        Some("natural-gas")
    } else if has("diesel") || has("柴油") {
        Some("diesel")
    } else if has("oil") || has("重油") {
        Some("residual-fuel-oil")
    } else {
        None
    }
}

/// The model node a column's name names: the longest node name whose letters and digits appear in the
/// column's, whole (a node `Pump_1` matches `pump1_power` but not `pump10_power`).
fn match_node(base: &str, nodes: &[ModelNode]) -> Option<String> {
    let flat = |s: &str| words(s).concat();
    let col = flat(base);
    let mut best: Option<(usize, String)> = None;
    // Named nodes by their names; unnamed ones by their meshes' names (`mesh:NAME`).
    let candidates = nodes.iter().filter_map(|n| match (&n.name, &n.mesh) {
        (Some(name), _) => Some((name.clone(), name.clone())),
        (None, Some(mesh)) => Some((mesh.clone(), format!("{MESH}{mesh}"))),
        (None, None) => None,
    });
    for (n, label) in candidates {
        let key = flat(&n);
        if key.chars().count() < 3 {
            continue;
        }
        let whole = col.match_indices(&key).any(|(i, m)| {
            let after = col[i + m.len()..].chars().next();
            let before = col[..i].chars().next_back();
            // A node ending in a digit must not run on into more digits; one starting with a digit neither.
            let runs_on = key.ends_with(|c: char| c.is_ascii_digit()) && after.is_some_and(|c| c.is_ascii_digit());
            let runs_in = key.starts_with(|c: char| c.is_ascii_digit()) && before.is_some_and(|c| c.is_ascii_digit());
            !runs_on && !runs_in
        });
        if whole && best.as_ref().is_none_or(|(len, _)| key.len() > *len) {
            best = Some((key.len(), label));
        }
    }
    best.map(|(_, n)| n)
}

/// How a column's `node` names a node known only by its mesh.
pub const MESH: &str = "mesh:";

/// A TOML string, as the `toml` crate writes one (quotes, escapes).
fn q(s: &str) -> String {
    toml::Value::String(s.to_owned()).to_string()
}

/// The commented `site.toml`.
fn site_toml(s: &Scaffold, opts: &Options, name: &str, node_equipment: &[(String, String)]) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "# Made by `plant-twin new` from {} — check the guesses marked below (docs/site-format.md).",
        opts.data.iter().filter_map(|p| p.file_name()).map(|f| f.to_string_lossy().into_owned()).collect::<Vec<_>>().join(", ")
    );
    let _ = writeln!(t, "[site]\nname = {}\nkind = \"site\"\ntime_zone = {}", q(name), q(opts.time_zone.name()));
    match &s.model_name {
        Some(m) => {
            let _ = writeln!(t, "model = {}", q(m));
            if let Some(o) = s.orientation.as_ref().filter(|o| o.z_up) {
                let share = (o.z_share() * 100.0).round();
                let _ = writeln!(t, "up_axis = \"z\"   # detected: {share} % of the model's surface faces Z (floors, roofs); remove if it stands upright");
            }
            if let Some(o) = s.orientation.as_ref().filter(|o| o.millimetres) {
                let extent = o.extent.iter().copied().fold(0.0f32, f32::max).round();
                let _ = writeln!(t, "scale = 0.001   # detected: the model spans {extent} units, so millimetres; remove if it is in metres");
            }
        }
        // Opens without 3D, and without an error about a model nobody gave.
        None => {
            let _ = writeln!(t, "model = \"\"   # no 3D model yet: put a .glb in the folder and name it here");
        }
    }
    for f in &s.files {
        let file = f.path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default();
        let _ = writeln!(
            t,
            "\n[[data]]\npath = {}\ntimestamp_column = {}\ntimestamp_format = {}",
            q(&format!("data/{file}")),
            q(&f.timestamp_column),
            q(format_key(&f.timestamp_format))
        );
        if let Some(c) = f.separator {
            let _ = writeln!(t, "separator = {}", q(&c.to_string()));
        }
    }
    for (node, id) in node_equipment {
        let metered = s.columns.iter().any(|c| c.equipment.as_deref() == Some(id.as_str()));
        // The areas in both languages (the package's names are the model's; name_zh can be added).
        let (area, area_zh) = if metered { ("Metered", "已计量") } else { ("In the model, not metered", "模型中、未计量") };
        let (name, binding) = match node.strip_prefix(MESH) {
            Some(mesh) => (mesh, format!("mesh = {}", q(mesh))),
            None => (node.as_str(), format!("node = {}", q(node))),
        };
        let _ = writeln!(t, "\n[[equipment]]\nid = {}\ntype = \"equipment\"\nname = {}\narea = {}\narea_zh = {}\n{binding}", q(id), q(name), q(area), q(area_zh));
    }
    let unplaced = s.columns.iter().any(|c| c.equipment.is_none());
    if unplaced {
        let _ = writeln!(t, "\n# Meters whose column names no node of the model: bind each to its equipment (or set `node` here).");
        let _ = writeln!(
            t,
            "[[equipment]]\nid = \"unplaced\"\ntype = \"group\"\nname = \"Meters not yet placed\"\nname_zh = \"尚未放置的计量表\"\narea = \"Not placed\"\narea_zh = \"未放置\""
        );
    }
    for c in &s.columns {
        let range = match (c.min, c.max) {
            (Some(a), Some(b)) => format!("values {a:.4} … {b:.4}"),
            _ => String::new(),
        };
        let how = match c.guess {
            Guess::Unit => "quantity from the header's unit",
            Guess::Name => "GUESSED from the name (no unit in the header): check quantity and unit",
            Guess::None => "quantity UNKNOWN: set quantity and unit",
        };
        let _ = writeln!(t, "\n# {}: {how}; {range}", c.header.replace(|ch: char| ch.is_control(), " "));
        let _ = writeln!(
            t,
            "[[meter]]\nid = {}\nname = {}\nquantity = {}\nunit = {}\nequipment = {}\ncolumn = {}",
            q(&c.meter),
            q(split_header(&c.header).0),
            q(c.quantity.key()),
            q(&c.unit),
            q(c.equipment.as_deref().unwrap_or(UNPLACED)),
            q(&c.header)
        );
    }
    flows_toml(&mut t, s);
    t
}

/// Historians' spellings of a unit at the end of a column's name, and the unit each means. Only `plant-twin
/// new` reads them: the meter it writes has the unit itself, and the column's suffix is then no unit to check.
const HISTORIAN_UNITS: [(&str, &str); 7] = [("tph", "t/h"), ("TPH", "t/h"), ("tpd", "t/d"), ("pct", "%"), ("PCT", "%"), ("m3h", "m³/h"), ("Nm3h", "Nm³/h")];

/// A header's name and unit: a unit `split_unit` knows, else a historian's suffix (`kiln_feed_tph`).
fn split_header(header: &str) -> (&str, Option<&str>) {
    match split_unit(header) {
        (base, Some(u)) => (base, Some(u)),
        (base, None) => base
            .rfind(['_', ' '])
            .filter(|i| *i > 0)
            .and_then(|i| HISTORIAN_UNITS.iter().find(|(s, _)| *s == &base[i + 1..]).map(|(_, u)| (base[..i].trim_end(), Some(*u))))
            .unwrap_or((base, None)),
    }
}

/// Words of a column metering fuel into a burner, and of one metering a mill's throughput.
const BURNER: [&str; 9] = ["kiln", "calciner", "burner", "boiler", "furnace", "precalciner", "窑", "分解炉", "锅炉"];
const MILL: [&str; 4] = ["mill", "grinding", "磨", "粉磨"];

/// Words of a column that meters the whole site's electricity (its incomer).
const INCOMER: [&str; 7] = ["main", "incomer", "incoming", "total", "substation", "总", "进线"];

/// The column metering the whole site's electricity, if one says so by name: the largest of those.
fn incomer<'a>(electric: &[&'a Column]) -> Option<&'a Column> {
    let is_incomer = |c: &Column| {
        let w = words(split_header(&c.header).0);
        w.iter().any(|x| INCOMER.iter().any(|k| x == k || (!k.is_ascii() && x.contains(k))))
    };
    electric.iter().copied().filter(|c| c.quantity == Quantity::ElectricPower && is_incomer(c)).max_by(|a, b| a.mean.unwrap_or(0.0).total_cmp(&b.mean.unwrap_or(0.0)))
}

/// A minimal flow graph: grid electricity into the site's incomer when a column meters it (then from it into
/// each item metering power, the rest of it unmetered), else into each item metering power or energy; each fuel
/// into the item metering it. Meters not placed on the model count at the "unplaced" group.
fn flows_toml(t: &mut String, s: &Scaffold) {
    let at = |c: &Column| c.equipment.clone().unwrap_or_else(|| UNPLACED.to_owned());
    let electric: Vec<&Column> = s.columns.iter().filter(|c| matches!(c.quantity, Quantity::ElectricPower | Quantity::Energy)).collect();
    // A fuel through a mill is ground there, not burnt: left out when the burners meter their own.
    let said = |c: &Column, list: &[&str]| words(split_header(&c.header).0).iter().any(|x| list.iter().any(|k| x == k || (!k.is_ascii() && x.contains(k))));
    let all_fuels: Vec<&Column> = s.columns.iter().filter(|c| c.fuel.is_some()).collect();
    let burners = all_fuels.iter().any(|c| said(c, &BURNER));
    let fuels: Vec<&Column> = all_fuels.iter().copied().filter(|c| !(burners && said(c, &MILL))).collect();
    if electric.is_empty() && fuels.is_empty() {
        return;
    }
    let _ = writeln!(t, "\n# A first flow graph, so the energy and carbon report works at once: grid electricity into the site's incomer");
    let _ = writeln!(t, "# (the column named main, incomer, total or substation) and from it into each item with a power meter, the rest");
    let _ = writeln!(t, "# unmetered — or, with no incomer, into each item with a power or energy meter; each fuel into the item metering it.");
    let _ = writeln!(t, "# Factors: docs/factor-sets.md (China's 2022 grid average; use a set of your own for another grid). Add the flows");
    let _ = writeln!(t, "# between items as you know them (a sub-board's meters under it, not under the incomer).");
    if !electric.is_empty() {
        let _ = writeln!(
            t,
            "[[node]]\nid = \"grid\"\nname = \"Grid electricity\"\nname_zh = \"电网购电\"\nkind = \"source\"\ncarrier = \"electricity\"\nfactor = \"cn-reporting-2022\""
        );
    }
    let mut fuel_nodes: Vec<&str> = fuels.iter().filter_map(|c| c.fuel).collect();
    fuel_nodes.sort_unstable();
    fuel_nodes.dedup();
    for f in &fuel_nodes {
        let _ = writeln!(t, "\n[[node]]\nid = {}\nname = {}\nkind = \"source\"\ncarrier = {}\nfactor = {}", q(f), q(f), q(f), q(f));
    }
    match incomer(&electric) {
        Some(main) => {
            // The incomer's own item: its equipment, else a node of the graph.
            let hub = main.equipment.clone().unwrap_or_else(|| INCOMER_NODE.to_owned());
            if main.equipment.is_none() {
                let _ = writeln!(
                    t,
                    "\n[[equipment]]\nid = {}\ntype = \"substation\"\nname = \"Site incomer\"\nname_zh = \"厂区进线\"\narea = \"Not placed\"\narea_zh = \"未放置\"",
                    q(INCOMER_NODE)
                );
            }
            let _ = writeln!(t, "\n[[node]]\nid = \"unmetered-electricity\"\nname = \"Unmetered electricity\"\nname_zh = \"未计量电力\"\nkind = \"unmetered\"");
            let _ = writeln!(t, "\n[[flow]]\nfrom = \"grid\"\nto = {}\ncarrier = \"electricity\"\nmeter = {}", q(&hub), q(&main.meter));
            for c in electric.iter().filter(|c| c.meter != main.meter && c.quantity == Quantity::ElectricPower) {
                let _ = writeln!(t, "\n[[flow]]\nfrom = {}\nto = {}\ncarrier = \"electricity\"\nmeter = {}", q(&hub), q(&at(c)), q(&c.meter));
            }
            let _ = writeln!(t, "\n[[flow]]\nfrom = {}\nto = \"unmetered-electricity\"\ncarrier = \"electricity\"\nvalue = \"remainder\"", q(&hub));
        }
        None => {
            for c in &electric {
                let _ = writeln!(t, "\n[[flow]]\nfrom = \"grid\"\nto = {}\ncarrier = \"electricity\"\nmeter = {}", q(&at(c)), q(&c.meter));
            }
        }
    }
    for c in all_fuels.iter().filter(|c| !fuels.iter().any(|f| f.meter == c.meter)) {
        let _ = writeln!(t, "\n# {}: a mill's throughput, not burnt (the burners meter their own fuel).", c.header.replace(|ch: char| ch.is_control(), " "));
    }
    for c in fuels {
        let fuel = c.fuel.unwrap_or_default();
        let _ = writeln!(t, "\n[[flow]]\nfrom = {}\nto = {}\ncarrier = {}\nmeter = {}", q(fuel), q(&at(c)), q(fuel), q(&c.meter));
    }
}

/// The group of the meters no node of the model names, and the equipment of an incomer not on the model.
const UNPLACED: &str = "unplaced";
const INCOMER_NODE: &str = "site-incomer";

/// A timestamp format as site.toml writes it.
pub fn format_key(f: &TimestampFormat) -> &'static str {
    match f {
        TimestampFormat::Auto => "auto",
        TimestampFormat::Iso8601 => "iso8601",
        TimestampFormat::NaiveLocal => "naive-local",
        TimestampFormat::DayFirst => "day-first",
        TimestampFormat::MonthFirst => "month-first",
        TimestampFormat::UnixSeconds => "unix-seconds",
        TimestampFormat::UnixMillis => "unix-millis",
    }
}

/// Creates the package: the folder (it must not hold a `site.toml` already), the model as `model.glb` (or
/// `model.gltf` with the files it names, at the same relative paths), the data
/// files under `data/`, and `site.toml`.
pub fn write(opts: &Options, s: &Scaffold) -> Result<PathBuf, Diagnostic> {
    let err = |p: &Path, e: std::io::Error| Diagnostic::error(p, Place::Whole, msg!("ingest-new-cannot-write", error = e.to_string()));
    let toml_path = opts.folder.join("site.toml");
    if toml_path.exists() {
        return Err(Diagnostic::error(&toml_path, Place::Whole, msg!("ingest-new-exists")));
    }
    std::fs::create_dir_all(opts.folder.join("data")).map_err(|e| err(&opts.folder, e))?;
    if let (Some(m), Some(name)) = (&opts.model, &s.model_name) {
        let to = opts.folder.join(name);
        std::fs::copy(m, &to).map_err(|e| err(&to, e))?;
        let from_dir = m.parent().unwrap_or(Path::new("."));
        for rel in &s.model_files {
            let to = opts.folder.join(rel);
            if let Some(dir) = to.parent() {
                std::fs::create_dir_all(dir).map_err(|e| err(dir, e))?;
            }
            std::fs::copy(from_dir.join(rel), &to).map_err(|e| err(&from_dir.join(rel), e))?;
        }
    }
    for d in &opts.data {
        let to = opts.folder.join("data").join(d.file_name().unwrap_or_default());
        std::fs::copy(d, &to).map_err(|e| err(&to, e))?;
    }
    std::fs::write(&toml_path, &s.site_toml).map_err(|e| err(&toml_path, e))?;
    Ok(toml_path)
}
