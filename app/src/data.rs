//! The recorded data of a command: the site's files, and its `[historian]` database with `--connect`.

use plant_i18n::t;
use plant_ingest::Ingested;
use plant_site::Site;

/// Loads the data a command works on. Nothing at all because the site's data is in a database and
/// `--connect` was not given is an error saying so, the same for every command; a database that could not
/// be read, its error (naming site.toml's line). The text is whole ("error: …"), in the current language.
pub(crate) fn load(site: &Site, connect: bool) -> Result<Ingested, String> {
    let loaded = plant_historian::load_site(site, connect, &|_, _| {});
    if loaded.store.is_empty()
        && let Some(h) = &site.historian
    {
        if !connect {
            let file = site.site_toml_path().display().to_string();
            return Err(t!("app-error", message = t!("app-report-no-data-historian", file = file, url = h.url.as_str())));
        }
        if let Some(d) = loaded.diagnostics.iter().find(|d| d.is_error()) {
            return Err(d.to_string());
        }
    }
    Ok(loaded)
}
