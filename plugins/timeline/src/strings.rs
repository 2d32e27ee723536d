//! User-facing strings of the timeline (one place, for the later English / 简体中文 switch).

pub const PLAY: &str = "▶ Play";
pub const PAUSE: &str = "⏸ Pause";
pub const TO_START: &str = "⏮";
pub const TO_END: &str = "⏭";
pub const TO_START_HINT: &str = "Jump to the start of the record";
pub const TO_END_HINT: &str = "Jump to the end of the record";
pub const SPEED: &str = "Speed";
pub const SPEED_HINT: &str = "Site seconds per real second";
pub const NO_DATA_YET: &str = "No data loaded";
pub const SCRUB_HINT: &str = "Click or drag to move the cursor in time · Space: play/pause";
pub const LIVE: &str = "Live";
pub const LIVE_ON: &str = "LIVE";
pub const LIVE_HINT: &str = "Follow the live sources: the cursor is now. Scrub or play to leave live mode; the live history stays.";
