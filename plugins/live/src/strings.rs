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
pub const SENDS: &str = "What is sent";
pub const CONSENT_TITLE: &str = "Connect to this site's live sources?";
pub const CONNECT: &str = "Connect";
pub const NOT_NOW: &str = "Not now";
pub const OFFER_BUTTON: &str = "Live sources…";
pub const OFFER_HINT: &str = "This site package names live sources; nothing has been sent. Click to review them.";
pub const CONSENT_FOOTNOTE: &str = "Not now keeps the recording playing; nothing is sent. Credentials are read only from PLANT_TWIN_* environment variables.";

pub fn consent_intro(file: &str) -> String {
    format!("{file} names these sources. Nothing is sent until you connect.")
}

pub fn consent_recorder(folder: &str) -> String {
    format!("The recorder will write Parquet files to {folder}.")
}

pub fn samples_refused(samples: u64, refused: u64) -> String {
    format!("{samples} ({refused} refused: time out of range)")
}

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

pub fn queue(queued: usize, latency_ms: f64) -> String {
    format!("Channel: {queued} reports waiting, last delivered after {latency_ms:.0} ms")
}
