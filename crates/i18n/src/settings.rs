//! Which language to show: `--lang`, else the choice remembered from the language menu, else the system's.
//!
//! The choice is kept in `settings.toml` in the platform's config folder (`$XDG_CONFIG_HOME/plant-twin` or
//! `~/.config/plant-twin` on Linux, `~/Library/Application Support/plant-twin` on macOS,
//! `%APPDATA%\plant-twin` on Windows); `PLANT_TWIN_CONFIG_DIR` names another folder (tests, portable
//! installs). The file is the user's, so a damaged one is ignored with a warning, never an error.

use std::path::PathBuf;

use crate::Lang;

/// Where the language came from (shown by `--help`'s footer and logged at start-up).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChoiceSource {
    Flag,
    Remembered,
    System,
    Default,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Choice {
    pub lang: Lang,
    pub source: ChoiceSource,
}

/// The folder of the user's settings.
pub fn config_dir() -> Option<PathBuf> {
    match std::env::var_os("PLANT_TWIN_CONFIG_DIR") {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => dirs::config_dir().map(|d| d.join("plant-twin")),
    }
}

fn settings_file() -> Option<PathBuf> {
    config_dir().map(|d| d.join("settings.toml"))
}

/// The first of the system's preferred languages that the product is written in (`LANGUAGE`, `LC_ALL`,
/// `LC_MESSAGES`, `LANG` on Linux; the user's language list on Windows and macOS).
pub fn system_lang() -> Option<Lang> {
    sys_locale::get_locales().find_map(|tag| Lang::from_tag(&tag))
}

/// The language remembered from the menu, if any. `Err` names a settings file that could not be read.
pub fn remembered() -> Result<Option<Lang>, String> {
    let Some(path) = settings_file() else { return Ok(None) };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let table: toml::Table = text.parse().map_err(|e: toml::de::Error| format!("{}: {}", path.display(), e.message()))?;
    match table.get("language") {
        None => Ok(None),
        Some(toml::Value::String(tag)) => Lang::from_tag(tag).map(Some).ok_or_else(|| format!("{}: unknown language \"{tag}\"", path.display())),
        Some(_) => Err(format!("{}: \"language\" is not text", path.display())),
    }
}

/// Remembers `lang` for the next start (the menu calls this). Other settings in the file are kept.
pub fn remember(lang: Lang) -> Result<PathBuf, String> {
    let path = settings_file().ok_or("no config folder on this system")?;
    let mut table: toml::Table = std::fs::read_to_string(&path).ok().and_then(|t| t.parse().ok()).unwrap_or_default();
    table.insert("language".into(), toml::Value::String(lang.code().into()));
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let text = toml::to_string(&table).map_err(|e| e.to_string())?;
    std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// The language to start in, and where it came from. A settings file that cannot be read is passed over
/// (its error is returned beside the choice, for a warning).
pub fn choose(flag: Option<Lang>) -> (Choice, Option<String>) {
    if let Some(lang) = flag {
        return (Choice { lang, source: ChoiceSource::Flag }, None);
    }
    let (saved, warning) = match remembered() {
        Ok(saved) => (saved, None),
        Err(e) => (None, Some(e)),
    };
    let choice = match (saved, system_lang()) {
        (Some(lang), _) => Choice { lang, source: ChoiceSource::Remembered },
        (None, Some(lang)) => Choice { lang, source: ChoiceSource::System },
        (None, None) => Choice { lang: Lang::En, source: ChoiceSource::Default },
    };
    (choice, warning)
}
