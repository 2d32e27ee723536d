//! User-facing strings of the equipment tree and the inspector (one place, for the later 简体中文 switch).

pub const EQUIPMENT: &str = "Equipment";
pub const SEARCH_HINT: &str = "Search name, id, type or meter…";
pub const NOT_IN_MODEL: &str = "not in the 3D model";
pub const NO_MATCH: &str = "Nothing matches.";
pub const INSPECTOR: &str = "Inspector";
pub const NOTHING_SELECTED: &str = "Click equipment in 3D or in the tree.";
pub const FRAME: &str = "⛶ Frame in view";
pub const METERS: &str = "Meters";
pub const NO_METERS: &str = "No meters are bound to this item.";
pub const NO_DATA: &str = "no data";
pub const GAP: &str = "gap";
pub const BEFORE_START: &str = "before record";
pub const AFTER_END: &str = "after record";
pub const STALE: &str = "stale";

pub fn last(v: &str) -> String {
    format!("last {v}")
}
pub const WINDOW: &str = "Chart window";
pub const TYPE: &str = "Type";
pub const ID: &str = "Id";
pub const AREA: &str = "Area";
pub const NODE: &str = "glTF node";
pub const NO_COLUMN: &str = "not in the data files";
