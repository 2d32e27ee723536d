//! The language of the viewer: a resource every view may read (to rebuild text it caches) and the menu that
//! switches it. egui panels are drawn each frame from the catalogue, so a switch changes every string on
//! the next frame, without a restart.

use bevy::prelude::*;
use bevy_egui::egui;
use plant_i18n::{Lang, t};

/// The language every panel is drawn in. It mirrors `plant_i18n::current()`: set it (or pick in
/// [`language_picker`]) and the process-wide language follows before the next frame's `Update`.
#[derive(Resource, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Language(pub Lang);

impl Default for Language {
    fn default() -> Self {
        Self(plant_i18n::current())
    }
}

pub(crate) fn apply_language(lang: Res<Language>) {
    if lang.is_changed() && plant_i18n::current() != lang.0 {
        plant_i18n::set_current(lang.0);
    }
}

/// The language menu (a combo box listing each language in itself). A choice switches at once and is
/// remembered in the user's config folder for the next start; the returned text says where, or why not.
pub fn language_picker(ui: &mut egui::Ui, language: &mut Language) -> Option<String> {
    let mut picked = None;
    egui::ComboBox::from_id_salt("language-menu")
        .selected_text(language.0.native_name())
        .show_ui(ui, |ui| {
            for lang in Lang::ALL {
                if ui.selectable_label(language.0 == lang, lang.native_name()).clicked() && language.0 != lang {
                    picked = Some(lang);
                }
            }
        })
        .response
        .on_hover_text(t!("language-menu-hint"));
    let lang = picked?;
    language.0 = lang;
    plant_i18n::set_current(lang);
    Some(match plant_i18n::remember(lang) {
        Ok(path) => t!("language-remembered", name = lang.native_name(), path = path.display().to_string()),
        Err(error) => t!("language-not-remembered", name = lang.native_name(), error = error),
    })
}
