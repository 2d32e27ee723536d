//! The viewer context's tests (one integration-test binary for the crate).
//!
//! The language menu is driven as a user drives it, through egui's accessibility tree (egui_kittest):
//! open the combo box, pick 简体中文, and every string drawn from the catalogue on the next frame is
//! Chinese, with the choice written to the config folder for the next start.

use bevy_egui::egui;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use plant_i18n::{Lang, t, tr_in};
use plant_viewer_context::{Language, language_picker};

const CHILD: &str = "PLANT_TWIN_CONTEXT_TEST_CHILD";
const MENU_TEST: &str = "the_language_menu_switches_every_string_at_once_and_remembers_the_choice";

/// What the panel under test draws: the menu, a heading and a label from the catalogue, and the note the
/// menu returned.
struct Panel {
    language: Language,
    note: Option<String>,
}

fn panel(ui: &mut egui::Ui, state: &mut Panel) {
    ui.heading(t!("language-menu"));
    if let Some(note) = language_picker(ui, &mut state.language) {
        state.note = Some(note);
    }
    ui.label(t!("flows-no-flows"));
}

/// The language menu, showing `current`.
fn menu<'a>(harness: &'a Harness<'_, Panel>, current: &'a str) -> egui_kittest::Node<'a> {
    harness.get_by(|n| n.role() == egui::accesskit::Role::ComboBox && n.value().as_deref() == Some(current))
}

#[test]
fn the_language_menu_switches_every_string_at_once_and_remembers_the_choice() {
    // The language is process-wide and the config folder comes from the environment: the test runs in a
    // child process of its own, with a config folder of its own.
    if std::env::var_os(CHILD).is_none() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let exe = std::env::current_exe().expect("test binary");
        let out = std::process::Command::new(exe)
            .args(["--exact", MENU_TEST, "--nocapture", "--test-threads=1"])
            .env(CHILD, "1")
            .env("PLANT_TWIN_CONFIG_DIR", dir.path())
            .output()
            .expect("child test runs");
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "child test failed:\n{text}");
        assert!(text.contains("1 passed"), "the child ran the test:\n{text}");
        let settings = std::fs::read_to_string(dir.path().join("settings.toml")).expect("the choice was written");
        assert_eq!(settings.trim(), "language = \"zh-CN\"");
        return;
    }

    plant_i18n::set_current(Lang::En);
    let mut harness = Harness::new_ui_state(panel, Panel { language: Language(Lang::En), note: None });
    harness.run();
    // English first: the heading, the label and the menu showing its current language.
    harness.get_by_label(&tr_in(Lang::En, "language-menu"));
    harness.get_by_label(&tr_in(Lang::En, "flows-no-flows"));
    assert!(harness.query_by_label(&tr_in(Lang::ZhCn, "flows-no-flows")).is_none());

    // Open the menu (it shows "English"), then pick 简体中文 in the list.
    menu(&harness, "English").click();
    harness.run();
    harness.get_by_label("简体中文").click();
    harness.run();

    assert_eq!(harness.state().language, Language(Lang::ZhCn));
    assert_eq!(plant_i18n::current(), Lang::ZhCn);
    // The very next frame is Chinese throughout, no restart.
    harness.get_by_label(&tr_in(Lang::ZhCn, "language-menu"));
    harness.get_by_label(&tr_in(Lang::ZhCn, "flows-no-flows"));
    assert!(harness.query_by_label(&tr_in(Lang::En, "flows-no-flows")).is_none());
    assert!(harness.query_by_label(&tr_in(Lang::En, "language-menu")).is_none());
    // The menu now shows its new language, and the note says where the choice was kept.
    menu(&harness, "简体中文");
    let note = harness.state().note.clone().expect("the menu returned a note");
    let dir = std::env::var("PLANT_TWIN_CONFIG_DIR").expect("set by the parent");
    assert!(note.starts_with("语言：简体中文（已保存到 "), "{note}");
    assert!(note.contains(&dir), "{note}");
    assert_eq!(plant_i18n::remembered(), Ok(Some(Lang::ZhCn)));

    // And back: one click each way.
    menu(&harness, "简体中文").click();
    harness.run();
    harness.get_by_label("English").click();
    harness.run();
    menu(&harness, "English");
    harness.get_by_label(&tr_in(Lang::En, "flows-no-flows"));
    assert_eq!(plant_i18n::remembered(), Ok(Some(Lang::En)));
    // Leave the remembered choice as the parent checks it.
    plant_i18n::remember(Lang::ZhCn).expect("remember");
}
