//! A text a package gives in English and, where given, Simplified Chinese (`name` / `name_zh`).

use plant_i18n::Lang;
use serde::Serialize;

/// A text in English and, where given, Chinese.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Text {
    pub en: String,
    pub zh: Option<String>,
}

impl Text {
    pub fn new(en: impl Into<String>, zh: Option<String>) -> Text {
        Text { en: en.into(), zh }
    }

    /// The text in `lang` (English where no Chinese is given).
    pub fn in_lang(&self, lang: Lang) -> &str {
        match (lang, &self.zh) {
            (Lang::ZhCn, Some(zh)) => zh,
            _ => &self.en,
        }
    }
}
