//! The inspector's texts in English and in 简体中文 (asked for in one language each: the current language is
//! process-wide and the tests run in parallel).

use plant_i18n::Lang;
use plant_inspector::{WINDOWS_H, reading_text_in, window_label};
use plant_site::{Meter, Quantity};
use plant_store::{Reading, Sample};

fn drive() -> Meter {
    Meter {
        id: "kiln-1.power".into(),
        quantity: Quantity::ElectricPower,
        unit: "kW".into(),
        equipment: "kiln-1".into(),
        column: "kiln_power".into(),
        name: "Kiln main drive".into(),
        name_zh: Some("回转窑主传动".into()),
        to_display: (1.0, 0.0),
    }
}

#[test]
fn a_reading_says_its_value_or_why_there_is_none_in_both_languages() {
    let m = drive();
    let last = Sample { time_ms: 0, value: 240.61 };
    assert_eq!(reading_text_in(Lang::En, &m, &Reading::Value(last)), "240.6 kW");
    assert_eq!(reading_text_in(Lang::ZhCn, &m, &Reading::Value(last)), "240.6 kW", "units stay as they are");
    assert_eq!(reading_text_in(Lang::En, &m, &Reading::Gap { last }), "no data (gap); last 240.6 kW");
    assert_eq!(reading_text_in(Lang::ZhCn, &m, &Reading::Gap { last }), "无数据（数据中断）；最后值 240.6 kW");
    assert_eq!(reading_text_in(Lang::En, &m, &Reading::BeforeStart), "no data (before record)");
    assert_eq!(reading_text_in(Lang::ZhCn, &m, &Reading::BeforeStart), "无数据（记录开始之前）");
    assert_eq!(reading_text_in(Lang::En, &m, &Reading::AfterEnd { last }), "stale: last 240.6 kW");
    assert_eq!(reading_text_in(Lang::ZhCn, &m, &Reading::AfterEnd { last }), "数据已过期：最后值 240.6 kW");
}

#[test]
fn chart_windows_are_labelled_in_hours_or_whole_days() {
    let en: Vec<String> = WINDOWS_H.iter().map(|&h| window_label(h).text_in(Lang::En)).collect();
    assert_eq!(en, ["±1 h", "±6 h", "±1 d", "±7 d"]);
    let zh: Vec<String> = WINDOWS_H.iter().map(|&h| window_label(h).text_in(Lang::ZhCn)).collect();
    assert_eq!(zh, ["±1 小时", "±6 小时", "±1 天", "±7 天"]);
}

#[test]
fn equipment_types_read_in_either_language_and_are_found_by_either_name() {
    let root = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant");
    let site = plant_site::open(&root).expect("the sample site opens").site;
    let ty = |lang, kind: &str| plant_i18n::tr_args_in(lang, "inspector-equipment-type", &[("kind", kind.into())]);
    assert_eq!(ty(Lang::En, "rotary-kiln"), "Rotary kiln");
    assert_eq!(ty(Lang::ZhCn, "rotary-kiln"), "回转窑");
    assert_eq!(ty(Lang::ZhCn, "a-type-of-its-own"), "a-type-of-its-own", "an unknown type shows as itself");
    // Every type of the three sample sites has a name in both languages.
    for folder in ["cement-plant", "office-building", "aluminium-smelter"] {
        let s = plant_site::open(&root.join("..").join(folder)).expect("the sample site opens").site;
        for e in &s.equipment {
            assert_ne!(ty(Lang::En, &e.kind), e.kind, "{folder}: type {} has no English name", e.kind);
            assert_ne!(ty(Lang::ZhCn, &e.kind), e.kind, "{folder}: type {} has no Chinese name", e.kind);
        }
    }
    // The cement mills are ball mills: found by the type's name in either language, whatever is shown.
    for needle in ["球磨机", "ball mill", "ball-mill"] {
        assert!(plant_inspector::matches_search(&site, "cement-mill-1", needle), "{needle}");
    }
    assert!(!plant_inspector::matches_search(&site, "kiln-1", "球磨机"));
}
