//! User-facing strings of the live view (one place, for the later English / 简体中文 switch).

pub const TITLE: &str = "Live sources";
pub const CONNECTING: &str = "connecting";
pub const CONNECTED: &str = "connected";
pub const BACKING_OFF: &str = "error, backing off";
pub const NEVER: &str = "never";
pub const SOURCE: &str = "Source";
pub const STATE: &str = "State";
pub const LAST_GOOD: &str = "Last good poll";
pub const SAMPLES: &str = "Samples";
pub const LAST_ERROR: &str = "Last error";
pub const RECORDER: &str = "Recorder";

pub fn retry_in(secs: f64) -> String {
    format!("retry in {secs:.0} s")
}

pub fn button(connected: usize, total: usize) -> String {
    format!("Live {connected}/{total}")
}

pub fn recording(folder: &str, files: usize) -> String {
    format!("recording to {folder} ({files} files written)")
}

pub fn refused(n: u64) -> String {
    format!("{n} late or invalid samples refused")
}
