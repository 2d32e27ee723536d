//! User-facing strings of the site/loading plugin (one place, for the later English / 简体中文 switch).

pub const APP_NAME: &str = "Plant Twin";
pub const LOADING: &str = "Loading meter data…";
pub const LOADED: &str = "Data loaded";
pub const NO_SITE: &str = "No site open";
pub const PROBLEMS: &str = "Problems";
pub const NO_PROBLEMS: &str = "No problems found in the site package.";
pub const CANNOT_START_THREAD: &str = "cannot start the data-loading thread";

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

pub fn problems_button(errors: usize, warnings: usize) -> String {
    match (errors, warnings) {
        (0, 0) => "✔ No problems".to_string(),
        (0, w) => format!("⚠ {}", plural(w, "warning", "warnings")),
        (e, w) => format!("⛔ {}, {}", plural(e, "error", "errors"), plural(w, "warning", "warnings")),
    }
}

pub fn loaded_summary(meters: usize, samples: usize, secs: f64) -> String {
    format!("{meters} meters, {samples} samples, loaded in {secs:.2} s")
}

pub fn load_thread_died(why: Option<&str>) -> String {
    match why {
        Some(w) => format!("data loading stopped unexpectedly ({w}); the site is shown without data — please report it"),
        None => "data loading stopped unexpectedly; the site is shown without data".to_string(),
    }
}

pub fn window_title(site: &str) -> String {
    format!("{site} — {APP_NAME}")
}
