//! Writing scenario files: a new one from a [`Scenario`], a measure added or removed, a new name — through
//! `toml_edit`, so the comments and layout a person gave the rest of the file stay as they were. Files are
//! replaced atomically (a temporary file renamed over the old), inside the package's `scenarios/` folder.

use std::path::{Path, PathBuf};

use chrono::TimeZone;
use plant_i18n::{Msg, msg};
use plant_site::Site;
use toml_edit::{ArrayOfTables, DocumentMut, InlineTable, Item, Table, value};

use crate::{Action, Annualise, Co2Basis, Measure, SCENARIO_DIR, Scenario, VERSION};

fn local(site: &Site, ms: i64) -> String {
    site.time_zone.timestamp_millis_opt(ms).single().map_or_else(|| ms.to_string(), |d| d.format("%Y-%m-%d %H:%M").to_string())
}

/// The `[[measure]]` table of a measure.
pub fn measure_table(m: &Measure) -> Table {
    let mut t = Table::new();
    t["name"] = value(m.name.en.as_str());
    if let Some(zh) = &m.name.zh {
        t["name_zh"] = value(zh.as_str());
    }
    match &m.action {
        Action::Process { unit, settings, .. } => {
            t["kind"] = value("process");
            t["unit"] = value(unit.as_str());
            let mut s = InlineTable::new();
            for (k, v) in settings {
                s.insert(k, (*v).into());
            }
            t["settings"] = value(s);
        }
        Action::FuelSwitch { carrier, fuel, share, price_per_gj } => {
            t["kind"] = value("fuel-switch");
            t["carrier"] = value(carrier.as_str());
            t["fuel"] = value(fuel.as_str());
            t["share"] = value(*share);
            if let Some(p) = price_per_gj {
                t["price"] = value(*p);
            }
        }
        Action::GreenPower { share, premium_per_mwh } => {
            t["kind"] = value("green-power");
            t["share"] = value(*share);
            t["premium"] = value(*premium_per_mwh);
        }
        Action::GridFactor { t_per_mwh } => {
            t["kind"] = value("grid-factor");
            t["factor"] = value(*t_per_mwh);
        }
        Action::GridSeries { meter } => {
            t["kind"] = value("grid-factor");
            t["meter"] = value(meter.as_str());
        }
    }
    t["capex"] = value(m.capex);
    t["lifetime"] = value(i64::from(m.lifetime_years));
    t["om"] = value(m.om_per_year);
    t
}

/// A whole file for `s`, of `site` (its window in the site's time zone).
pub fn to_toml(s: &Scenario, site: &Site) -> String {
    let mut doc = DocumentMut::new();
    doc["version"] = value(i64::from(VERSION));
    doc["name"] = value(s.name.en.as_str());
    if let Some(zh) = &s.name.zh {
        doc["name_zh"] = value(zh.as_str());
    }
    doc["author"] = value(s.author.as_str());
    doc["notes"] = value(s.notes.as_str());
    if let Some(name) = &s.site {
        doc["site"] = value(name.as_str());
    }
    if let Some((a, b)) = s.window {
        let mut w = Table::new();
        w["from"] = value(local(site, a));
        w["to"] = value(local(site, b));
        doc["window"] = Item::Table(w);
    }
    for (key, table) in tables(&s.prices, &s.economics) {
        doc[key] = Item::Table(table);
    }
    let mut measures = ArrayOfTables::new();
    for m in &s.measures {
        measures.push(measure_table(m));
    }
    if !measures.is_empty() {
        doc["measure"] = Item::ArrayOfTables(measures);
    }
    doc.to_string()
}

fn document(text: &str) -> Result<DocumentMut, Msg> {
    text.parse::<DocumentMut>().map_err(|e| msg!("scenario-invalid", error = e.to_string()))
}

/// `text` with `m` added after the other measures.
pub fn add_measure(text: &str, m: &Measure) -> Result<String, Msg> {
    let mut doc = document(text)?;
    match doc.get_mut("measure") {
        Some(Item::ArrayOfTables(a)) => a.push(measure_table(m)),
        Some(_) => return Err(msg!("scenario-invalid", error = "measure")), // i18n-ok: the key
        None => {
            let mut a = ArrayOfTables::new();
            a.push(measure_table(m));
            doc["measure"] = Item::ArrayOfTables(a);
        }
    }
    Ok(doc.to_string())
}

/// `text` without its measure number `index` (from 0).
pub fn remove_measure(text: &str, index: usize) -> Result<String, Msg> {
    let mut doc = document(text)?;
    if let Some(Item::ArrayOfTables(a)) = doc.get_mut("measure")
        && index < a.len()
    {
        a.remove(index);
    }
    Ok(doc.to_string())
}

/// `text` with another name (`name_zh` too where given).
pub fn set_name(text: &str, name: &str, name_zh: Option<&str>) -> Result<String, Msg> {
    let mut doc = document(text)?;
    doc["name"] = value(name);
    if let Some(zh) = name_zh {
        doc["name_zh"] = value(zh);
    }
    Ok(doc.to_string())
}

/// `text` with the prices and economics given (the `[prices]` and `[economics]` tables rewritten; the rest of
/// the file, its comments included, as it was).
pub fn set_prices_economics(text: &str, prices: &crate::Prices, economics: &crate::Economics) -> Result<String, Msg> {
    let mut doc = document(text)?;
    for (key, table) in tables(prices, economics) {
        match doc.get_mut(key).and_then(Item::as_table_mut) {
            // Values replaced one by one, so that a comment on a line stays with it.
            Some(old) => {
                let stale: Vec<String> = old.iter().map(|(k, _)| k.to_owned()).filter(|k| !table.contains_key(k)).collect();
                for k in stale {
                    old.remove(&k);
                }
                for (k, v) in table.iter() {
                    match (old.get_mut(k), v) {
                        (Some(Item::Value(o)), Item::Value(n)) => {
                            let decor = o.decor().clone();
                            *o = n.clone();
                            *o.decor_mut() = decor;
                        }
                        _ => {
                            old.insert(k, v.clone());
                        }
                    }
                }
            }
            None => doc[key] = Item::Table(table),
        }
    }
    Ok(doc.to_string())
}

/// The `[prices]` and `[economics]` tables.
fn tables(prices: &crate::Prices, economics: &crate::Economics) -> [(&'static str, Table); 2] {
    let mut p = Table::new();
    p["currency"] = value(prices.currency.as_str());
    p["electricity"] = value(prices.electricity_per_kwh);
    if let Some(h) = prices.heat_per_gj {
        p["heat"] = value(h);
    }
    p["carbon"] = value(prices.carbon_per_t);
    if !prices.fuel_per_gj.is_empty() {
        let mut f = Table::new();
        for (c, v) in &prices.fuel_per_gj {
            f[c.as_str()] = value(*v);
        }
        p["fuel"] = Item::Table(f);
    }
    let mut e = Table::new();
    e["discount_rate"] = value(economics.discount_rate);
    match economics.annualise {
        Annualise::Mean => e["annualise"] = value("mean"),
        Annualise::OperatingHours { hours } => {
            e["annualise"] = value("operating-hours");
            e["operating_hours"] = value(hours);
        }
    }
    e["co2"] = value(match economics.co2 {
        Co2Basis::Location => "location",
        Co2Basis::Market => "market",
    });
    [("prices", p), ("economics", e)]
}

/// A file name from a scenario's name: letters, digits and `-`, at most 60 characters (`Chiller package` →
/// `chiller-package.toml`).
pub fn file_name(name: &str) -> String {
    let mut s = String::new();
    for c in name.trim().chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('-') && !s.is_empty() {
            s.push('-');
        }
    }
    let s: String = s.trim_end_matches('-').chars().take(60).collect();
    format!("{}.toml", if s.is_empty() { "scenario" } else { s.as_str() }) // i18n-ok: a file name
}

/// The package's `scenarios/` folder, made if missing.
fn folder(site: &Site) -> Result<PathBuf, Msg> {
    let dir = site.root.join(SCENARIO_DIR);
    std::fs::create_dir_all(&dir).map_err(|e| msg!("scenario-unwritable", path = dir.display().to_string(), error = e.to_string()))?;
    plant_site::resolve_in_package(&site.root, SCENARIO_DIR).map_err(|e| msg!("scenario-unwritable", path = dir.display().to_string(), error = e.to_string()))
}

/// Writes `text` over `path` atomically.
pub fn write(path: &Path, text: &str) -> Result<(), Msg> {
    use std::io::Write as _;
    let fail = |e: std::io::Error| msg!("scenario-unwritable", path = path.display().to_string(), error = e.to_string());
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(fail)?;
    readable(tmp.as_file()).map_err(fail)?;
    tmp.write_all(text.as_bytes()).map_err(fail)?;
    tmp.as_file().sync_all().map_err(fail)?;
    tmp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// A file readable by others as one the user saved (a temporary file is made private: 0600 on Unix).
pub fn readable(file: &std::fs::File) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        file.set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

/// Creates a scenario file in the package for `s`, under a name not taken yet; its path.
pub fn create(site: &Site, s: &Scenario) -> Result<PathBuf, Msg> {
    let dir = folder(site)?;
    let base = file_name(&s.name.en);
    let stem = base.trim_end_matches(".toml").to_owned();
    let mut path = dir.join(&base);
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{stem}-{n}.toml"));
        n += 1;
    }
    write(&path, &to_toml(s, site))?;
    Ok(path)
}

/// Deletes a scenario file of the package (nothing outside its `scenarios/` folder).
pub fn delete(site: &Site, path: &Path) -> Result<(), Msg> {
    let dir = folder(site)?;
    let inside = path.canonicalize().ok().is_some_and(|p| p.parent() == Some(dir.as_path()));
    if !inside {
        return Err(msg!("scenario-not-in-package", path = path.display().to_string()));
    }
    std::fs::remove_file(path).map_err(|e| msg!("scenario-unwritable", path = path.display().to_string(), error = e.to_string()))
}

/// Reads a file, changes it with `change`, writes it back.
pub fn update(path: &Path, change: impl FnOnce(&str) -> Result<String, Msg>) -> Result<(), Msg> {
    let text = crate::read_limited(path)?;
    write(path, &change(&text)?)
}
