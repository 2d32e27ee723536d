//! The what-if panel's texts in English and in 简体中文 (asked for in one language each: the current language
//! is process-wide and the tests run in parallel).

use std::path::PathBuf;

use plant_i18n::Lang;

fn cement_site() -> plant_site::Site {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../sample-sites/cement-plant");
    plant_site::open(&root).expect("the sample site opens").site
}

#[test]
fn a_baseline_without_data_says_so_per_setting_in_both_languages() {
    let site = cement_site();
    let w = site.whatif_for("kiln-1").expect("the kiln has a what-if");
    let mut process = plant_process::by_id(&w.process).expect("model");
    let b = plant_whatif_view::baseline(&site, &plant_store::Store::new(), w, process.as_mut(), 0, 3_600_000);
    assert!(!b.notes.is_empty() && b.from_data.iter().all(|d| !d), "no data: every setting at the model's default");
    let note = b.notes.iter().find(|n| n.id == "whatif-note-no-data").expect("a setting without data");
    let en = note.text_in(Lang::En);
    let zh = note.text_in(Lang::ZhCn);
    assert!(en.contains(": no data in the baseline window; the model's default "), "{en}");
    assert!(zh.contains("：基准时间窗内无数据，采用模型默认值 "), "{zh}");
    // The setting is named in the note's own language: its label is a message inside the message, resolved
    // with it, so a language switch renames it too.
    let settings = process.settings();
    let setting = settings.iter().find(|s| note.arg("setting") == Some(&plant_i18n::Arg::from(&s.label))).expect("the note names a setting");
    assert_eq!(en.split(':').next(), Some(setting.label.text_in(Lang::En).as_str()));
    assert_eq!(zh.split('：').next(), Some(setting.label.text_in(Lang::ZhCn).as_str()));
    assert_ne!(setting.label.text_in(Lang::En), setting.label.text_in(Lang::ZhCn));
}

#[test]
fn every_condition_of_every_model_is_named_in_both_languages() {
    for p in plant_process::all() {
        for key in p.condition_keys() {
            let id = plant_whatif_view::condition_label_id(key);
            let (en, zh) = (plant_i18n::tr_in(Lang::En, &id), plant_i18n::tr_in(Lang::ZhCn, &id));
            assert_ne!(en, id, "{}: condition {key} has no label ({id})", p.id());
            assert_ne!(zh, en, "{}: condition {key} is not in Chinese", p.id());
        }
    }
}
