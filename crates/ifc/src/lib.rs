//! IFC building models to site packages (`plant-twin import-ifc`, docs/ifc.md).
//!
//! Read with the pure-Rust `ifc-lite` crates (IFC2X3, IFC4, IFC4X3): the geometry becomes `model.glb` (Y up,
//! metres; spaces and openings left out of the visible model), each node named after its element and carrying
//! the element's GlobalId and class in its extras — and, for the building services made equipment, the
//! equipment id, so they bind without a `node` key. The spatial structure (site, building, storeys, spaces)
//! becomes the equipment's areas; distribution elements (pumps, fans, AHUs, chillers, boilers, air terminals,
//! distribution boards, meters…) become `[[equipment]]` typed by their class; property-set values that name a
//! meter or data point become commented `[[meter]]` tables to complete. The summary says what was found and
//! what was not.

mod glb;
mod toml_out;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use ifc_lite_core::{IfcType, ifc_type_from_keyword};
use ifc_lite_export::{EntityRow, GltfOptions, ModelOptions, build_export_model_with_options, try_export_glb_with_stats};
use ifc_lite_processing::data_model::extract_data_model;
use plant_i18n::msg;
use plant_site::{Diagnostic, Place};

/// The largest IFC file read (bytes): a whole hospital is a few hundred MB.
pub const MAX_IFC_BYTES: u64 = 2 << 30;

/// Classes meshed by the reader but not shown: room volumes and the voids cut into walls.
const HIDDEN: [&str; 3] = ["IfcSpace", "IfcOpeningElement", "IfcOpeningStandardCase"];

/// Words in a property's name that mark its value as the name of a meter or data point.
const METER_WORDS: [&str; 7] = ["meter", "datapoint", "data point", "bms", "tag", "sensor", "point name"];

/// What to import and where.
pub struct Options {
    pub ifc: PathBuf,
    /// The package folder to create.
    pub folder: PathBuf,
    pub time_zone: chrono_tz::Tz,
    /// The site's name (default: the building's, else the project's, else the folder's).
    pub name: Option<String>,
}

/// A storey and what it holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Storey {
    pub name: String,
    /// Metres, as the file gives it.
    pub elevation: Option<f64>,
    pub spaces: Vec<String>,
    /// Elements contained in it or in its spaces.
    pub elements: usize,
}

/// A distribution element made equipment.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub id: String,
    /// The IFC class (`IfcPump`) and the equipment type made of it (`pump`).
    pub class: String,
    pub kind: String,
    pub name: String,
    pub global_id: String,
    /// Its storey's name (the equipment's area) and, when it is in one, its space's.
    pub area: String,
    pub space: Option<String>,
    /// Whether the model shows it (an element without a body representation has no node).
    pub meshed: bool,
}

/// A property-set value that names a meter or data point of an item.
#[derive(Clone, Debug, PartialEq)]
pub struct MeterName {
    pub equipment: String,
    /// `Pset_Name.Property`.
    pub property: String,
    pub value: String,
}

/// What an IFC file became.
pub struct Imported {
    /// `IFC2X3`, `IFC4`, `IFC4X3`…
    pub schema: String,
    /// Products (elements, spaces, storeys…) by IFC class.
    pub products: BTreeMap<String, usize>,
    pub site_name: String,
    pub storeys: Vec<Storey>,
    pub equipment: Vec<Item>,
    /// Distribution elements not made equipment (segments, fittings: the network, not its equipment), by class.
    pub network: BTreeMap<String, usize>,
    pub meter_names: Vec<MeterName>,
    pub glb: Vec<u8>,
    /// Nodes and triangles in `glb`.
    pub nodes: usize,
    pub triangles: usize,
    pub site_toml: String,
}

/// Reads `opts.ifc` and makes the package (nothing is written).
pub fn read(opts: &Options) -> Result<Imported, Diagnostic> {
    let file = &opts.ifc;
    let fail = |m: plant_i18n::Msg| Diagnostic::error(file, Place::Whole, m);
    let size = std::fs::metadata(file).map_err(|e| fail(msg!("ifc-cannot-read", error = e.to_string())))?.len();
    if size > MAX_IFC_BYTES {
        return Err(fail(msg!("ifc-too-large", mb = size / (1 << 20), max_mb = MAX_IFC_BYTES / (1 << 20))));
    }
    let content = std::fs::read(file).map_err(|e| fail(msg!("ifc-cannot-read", error = e.to_string())))?;
    if !content.starts_with(b"ISO-10303-21") {
        return Err(fail(msg!("ifc-not-step")));
    }
    // The reader is young: a file it cannot handle must not take the app down.
    let read = std::panic::catch_unwind(|| read_model(&content)).map_err(|p| fail(msg!("ifc-reader-failed", error = plant_site::panic_message(p.as_ref()))))?;
    let mut imported = read.map_err(fail)?;
    // The building's (or project's) name where it is a name: CAD tools often leave a number ("0001") there.
    let file_stem = || opts.ifc.file_stem().map_or_else(|| String::from("site"), |n| n.to_string_lossy().into_owned());
    imported.site_name = opts.name.clone().unwrap_or_else(|| if imported.site_name.chars().any(char::is_alphabetic) { imported.site_name.clone() } else { file_stem() });
    imported.site_toml = toml_out::site_toml(&imported, opts);
    Ok(imported)
}

/// The model, structure and equipment of an IFC file's bytes (what [`read`] does after reading the file,
/// without catching a panic of the reader).
pub fn read_model(content: &[u8]) -> Result<Imported, plant_i18n::Msg> {
    let schema = ifc_lite_processing::detect_schema_version(content).to_owned();
    let dm = extract_data_model(content);
    let hierarchy = &dm.spatial_hierarchy;
    let spatial: HashMap<u32, &ifc_lite_processing::data_model::SpatialNode> = hierarchy.nodes.iter().map(|n| (n.entity_id, n)).collect();
    let class_of = |type_name: &str| ifc_type_from_keyword(type_name).name().to_owned();
    let named = |id: u32| spatial.get(&id).and_then(|n| n.name.clone()).filter(|n| !n.trim().is_empty());
    // Storeys in elevation order, each with its spaces.
    let mut storey_nodes: Vec<&&ifc_lite_processing::data_model::SpatialNode> = spatial.values().filter(|n| class_of(&n.type_name) == "IfcBuildingStorey").collect();
    storey_nodes.sort_by(|a, b| a.elevation.unwrap_or(0.0).total_cmp(&b.elevation.unwrap_or(0.0)).then(a.entity_id.cmp(&b.entity_id)));
    let storey_name = |id: u32, i: usize| named(id).unwrap_or_else(|| format!("Storey {}", i + 1)); // i18n-ok: a name in site.toml
    let storey_index: HashMap<u32, usize> = storey_nodes.iter().enumerate().map(|(i, n)| (n.entity_id, i)).collect();
    let space_storey: HashMap<u32, u32> = spatial.values().filter(|n| class_of(&n.type_name) == "IfcSpace").map(|n| (n.entity_id, n.parent_id)).collect();
    let mut storeys: Vec<Storey> =
        storey_nodes.iter().enumerate().map(|(i, n)| Storey { name: storey_name(n.entity_id, i), elevation: n.elevation, spaces: Vec::new(), elements: 0 }).collect();
    for (space, storey) in &space_storey {
        if let Some(&i) = storey_index.get(storey) {
            storeys[i].spaces.push(named(*space).unwrap_or_else(|| format!("#{space}")));
        }
    }
    storeys.iter_mut().for_each(|s| s.spaces.sort());
    let in_space: HashMap<u32, u32> = hierarchy.element_to_space.iter().copied().collect();
    let storey_of = |element: u32| -> Option<usize> {
        let direct = hierarchy.element_to_storey.iter().find(|(e, _)| *e == element).map(|(_, s)| *s);
        direct.or_else(|| in_space.get(&element).and_then(|sp| space_storey.get(sp)).copied()).and_then(|s| storey_index.get(&s).copied())
    };
    for (element, _) in hierarchy.element_to_storey.iter().chain(hierarchy.element_to_space.iter()) {
        if let Some(i) = storey_of(*element) {
            storeys[i].elements += 1;
        }
    }
    let site_name = ["IfcBuilding", "IfcProject", "IfcSite"]
        .iter()
        .find_map(|class| spatial.values().filter(|n| class_of(&n.type_name) == *class).find_map(|n| named(n.entity_id)))
        .unwrap_or_default();

    let rows = build_export_model_with_options(content, &ModelOptions::default().with_inherit_type_properties(true)).entities;
    let mut products: BTreeMap<String, usize> = BTreeMap::new();
    for r in &rows {
        *products.entry(class_of(&r.ifc_type)).or_default() += 1;
    }
    let options = GltfOptions::default().with_include_metadata(true).with_hidden_types(HIDDEN.iter().map(|s| (*s).to_owned()).collect());
    let (glb_bytes, _) = try_export_glb_with_stats(content, &options).map_err(|e| msg!("ifc-no-geometry", error = e.to_string()))?;

    let mut ids = std::collections::BTreeSet::new();
    let mut equipment = Vec::new();
    let mut network: BTreeMap<String, usize> = BTreeMap::new();
    let mut meter_names = Vec::new();
    let mut labels: HashMap<u32, (String, Option<String>)> = HashMap::new();
    for r in &rows {
        let class = ifc_type_from_keyword(&r.ifc_type);
        labels.insert(r.express_id, (element_label(r, class.name()), None));
        if !class.is_subtype_of(IfcType::IfcDistributionElement) {
            continue;
        }
        if class.is_subtype_of(IfcType::IfcFlowSegment) || class.is_subtype_of(IfcType::IfcFlowFitting) {
            *network.entry(class.name().to_owned()).or_default() += 1;
            continue;
        }
        let name = element_label(r, class.name());
        let id = unique_id(&mut ids, &slug(&name), &kind_of(class.name()));
        let (area, space) = match storey_of(r.express_id) {
            Some(i) => (storeys[i].name.clone(), in_space.get(&r.express_id).and_then(|s| named(*s))),
            None => (String::new(), None),
        };
        for ps in &r.property_sets {
            for p in ps.properties.iter().filter(|p| names_a_meter(&p.name) && p.kind == ifc_lite_export::ValueKind::Text && !p.value.trim().is_empty()) {
                meter_names.push(MeterName { equipment: id.clone(), property: format!("{}.{}", ps.name, p.name), value: p.value.trim().to_owned() });
            }
        }
        labels.insert(r.express_id, (name.clone(), Some(id.clone())));
        equipment.push(Item {
            id,
            class: class.name().to_owned(),
            kind: kind_of(class.name()),
            name,
            global_id: r.global_id.clone().unwrap_or_default(),
            area,
            space,
            meshed: false,
        });
    }
    let relabelled = glb::relabel(&glb_bytes, &labels).map_err(|e| msg!("ifc-no-geometry", error = e))?;
    for item in &mut equipment {
        item.meshed = relabelled.equipment_nodes.contains(&item.id);
    }
    Ok(Imported {
        schema,
        products,
        site_name,
        storeys,
        equipment,
        network,
        meter_names,
        nodes: relabelled.nodes,
        triangles: relabelled.triangles,
        glb: relabelled.bytes,
        site_toml: String::new(),
    })
}

/// An element's name in the model and site.toml: its Name, else its ObjectType, else its class and GlobalId.
fn element_label(r: &EntityRow, class: &str) -> String {
    let given = r.name.as_deref().or(r.object_type.as_deref()).map(str::trim).filter(|n| !n.is_empty() && *n != "$");
    match given {
        Some(n) => n.to_owned(),
        None => format!("{class} {}", r.global_id.as_deref().unwrap_or("")).trim().to_owned(),
    }
}

/// The equipment type of a class: `IfcAirTerminal` → `air-terminal`.
pub fn kind_of(class: &str) -> String {
    let bare = class.strip_prefix("Ifc").unwrap_or(class);
    let mut out = String::new();
    for (i, c) in bare.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('-');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// A name as an id: lower case, letters and digits, `-` between words.
fn slug(name: &str) -> String {
    let mut id = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            id.push(c);
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    id.trim_end_matches('-').chars().take(48).collect::<String>().trim_end_matches('-').to_owned()
}

/// `base` (or `fallback` when it is empty), made unique with `-2`, `-3`…
fn unique_id(taken: &mut std::collections::BTreeSet<String>, base: &str, fallback: &str) -> String {
    let base = if base.is_empty() { fallback } else { base };
    let mut id = base.to_owned();
    let mut n = 1;
    while taken.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    taken.insert(id.clone());
    id
}

fn names_a_meter(property: &str) -> bool {
    let p = property.to_lowercase();
    METER_WORDS.iter().any(|w| p.contains(w))
}

/// Writes `model.glb` and `site.toml` into a new package folder; refuses a folder that already has a
/// site.toml (nothing is overwritten).
pub fn write(opts: &Options, imported: &Imported) -> Result<PathBuf, Diagnostic> {
    let toml = opts.folder.join(plant_site::SITE_FILE);
    if toml.exists() {
        return Err(Diagnostic::error(&toml, Place::Whole, msg!("ifc-folder-has-site")));
    }
    let cannot = |p: &Path, e: std::io::Error| Diagnostic::error(p, Place::Whole, msg!("ifc-cannot-write", error = e.to_string()));
    std::fs::create_dir_all(&opts.folder).map_err(|e| cannot(&opts.folder, e))?;
    let model = opts.folder.join("model.glb");
    std::fs::write(&model, &imported.glb).map_err(|e| cannot(&model, e))?;
    std::fs::write(&toml, &imported.site_toml).map_err(|e| cannot(&toml, e))?;
    Ok(toml)
}
