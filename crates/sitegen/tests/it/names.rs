//! Names in English and Simplified Chinese (docs/site-format.md, "Names").

use std::path::PathBuf;

use plant_i18n::Lang;
use plant_sitegen::site::{SiteSpec, site_toml};
use plant_sitegen::{cement, office, smelter};

fn specs() -> Vec<SiteSpec> {
    vec![cement::spec(), office::spec(), smelter::spec()]
}

fn package(spec: &SiteSpec) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites").join(&spec.folder)
}

/// A CJK Unified Ideograph (the basic block and extension A): the text is written in Chinese.
fn has_cjk(text: &str) -> bool {
    text.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c))
}

/// The site.toml the generator writes, parsed as the app parses it (no data files needed for the names).
fn parsed(spec: &SiteSpec) -> plant_site::Site {
    let opened = plant_site::parse(&site_toml(spec), &package(spec)).unwrap_or_else(|d| panic!("{}: {d:?}", spec.folder));
    let errors: Vec<_> = opened.diagnostics.iter().filter(|d| d.severity == plant_site::Severity::Error).collect();
    assert!(errors.is_empty(), "{}: {errors:?}", spec.folder);
    opened.site
}

#[test]
fn every_item_of_every_sample_site_has_a_chinese_name() {
    for spec in specs() {
        let site = parsed(&spec);
        let folder = &spec.folder;
        let mut missing: Vec<String> = Vec::new();
        let mut check = |what: &str, id: &str, zh: Option<&str>| {
            if !zh.is_some_and(|z| !z.trim().is_empty() && has_cjk(z)) {
                missing.push(format!("{what} {id}: {zh:?}"));
            }
        };
        check("site", folder, site.header.name_zh.as_deref());
        for e in &site.equipment {
            check("equipment", &e.id, e.name_zh.as_deref());
            check("area of", &e.id, e.area_zh.as_deref());
        }
        for m in &site.meters {
            check("meter", &m.id, m.name_zh.as_deref());
        }
        for n in &site.nodes {
            check("node", &n.id, n.name_zh.as_deref());
        }
        for p in &site.products {
            check("product", &p.id, p.name_zh.as_deref());
        }
        assert!(missing.is_empty(), "{folder}: without a Chinese name: {missing:#?}");
        // Nothing was dropped on the way: every item the generator defines is in the parsed site.
        assert_eq!(site.equipment.len(), spec.equipment.len(), "{folder}");
        assert_eq!(site.meters.len(), spec.meters.len(), "{folder}");
        assert_eq!(site.nodes.len(), spec.nodes.len(), "{folder}");
        assert!(!site.products.is_empty(), "{folder}: no product");
    }
}

#[test]
fn the_names_follow_the_glossary() {
    let cement = parsed(&cement::spec());
    let zh = |id: &str| cement.equipment.iter().find(|e| e.id == id).and_then(|e| e.name_zh.clone()).unwrap_or_default();
    for (id, term) in [
        ("kiln-1", "回转窑"),
        ("calciner-1", "分解炉"),
        ("preheater-1", "预热器"),
        ("cooler-1", "篦冷机"),
        ("raw-mill-1", "生料磨"),
        ("cement-mill-1", "水泥磨"),
        ("coal-mill-1", "煤磨"),
        ("id-fan-1", "高温风机"),
    ] {
        assert!(zh(id).contains(term), "{id}: {:?} lacks {term}", zh(id));
    }
    let drive = cement.meters.iter().find(|m| m.id == "kiln-1.drive-power").expect("kiln drive meter");
    assert_eq!(drive.name_zh.as_deref(), Some("回转窑主电机功率"));

    let office = parsed(&office::spec());
    let zh = |id: &str| office.equipment.iter().find(|e| e.id == id).and_then(|e| e.name_zh.clone()).unwrap_or_default();
    assert!(zh("chiller-1").contains("冷水机组") && zh("tower-1").contains("冷却塔") && zh("ahu-01").contains("组合式空调机组"));

    let smelter = parsed(&smelter::spec());
    let cell = smelter.equipment.iter().find(|e| e.id == "pot-037").expect("cell 37");
    assert!(cell.name_zh.as_deref().is_some_and(|z| z.contains("电解槽")), "{:?}", cell.name_zh);
    assert!(smelter.products.iter().any(|p| p.name_zh.as_deref() == Some("原铝液")));
}

#[test]
fn the_chinese_view_shows_the_chinese_names_and_the_english_view_the_english_ones() {
    // The only test in this binary that switches the language.
    let site = parsed(&cement::spec());
    let kiln = site.equipment.iter().find(|e| e.id == "kiln-1").expect("kiln");
    plant_i18n::set_current(Lang::ZhCn);
    let zh = (site.name().to_string(), kiln.display_name().to_string(), kiln.display_area().to_string());
    plant_i18n::set_current(Lang::En);
    let en = (site.name().to_string(), kiln.display_name().to_string(), kiln.display_area().to_string());
    assert_eq!(zh, ("水泥厂——5000 t/d 熟料生产线".to_string(), "回转窑 Φ4.8 × 72 m".to_string(), "熟料烧成".to_string()));
    assert_eq!(en, ("Cement plant — 5,000 t/d clinker line".to_string(), "Rotary kiln 4.8 × 72 m".to_string(), "Clinker burning".to_string()));
}

#[test]
fn the_committed_sample_sites_are_what_the_generator_writes() {
    for spec in specs() {
        let path = package(&spec).join("site.toml");
        let committed = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(committed == site_toml(&spec), "{} differs from the generator's output: regenerate it with `cargo run -p plant-sitegen -- {}`", path.display(), spec.folder);
    }
}
