//! The operator's log of a site kept between sessions: what was acknowledged, shelved or taken out of service,
//! when (the data's time) and with what note, one JSON object a line, appended as the operator acts. The viewer
//! reads it back when the site opens, and `plant-twin alarms` puts its acknowledgements in the journal.
//!
//! The file is the user's (in the settings folder, one per site package), but it is read as untrusted text all
//! the same: at most [`MAX_LOG_BYTES`], and a line that is not an action is reported with its line number and
//! skipped while the rest load.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use plant_i18n::msg;
use plant_site::{Diagnostic, Place};

use crate::engine::Action;

/// The folder of the settings folder the operator logs go to.
pub const FOLDER: &str = "operator-logs";
/// At most this much of a log is read (a year of a busy console is a few MB).
pub const MAX_LOG_BYTES: u64 = 64 << 20;

/// The log of the site package at `root` in `folder` (the settings folder's [`FOLDER`]): named after the
/// package's folder and a hash of its full path, so two copies of a site keep two logs.
pub fn path_for(folder: &Path, root: &Path) -> PathBuf {
    let full = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let name: String =
        full.file_name().map(|n| n.to_string_lossy().chars().map(|c| if c.is_alphanumeric() || c == '-' || c == '_' { c } else { '_' }).collect()).unwrap_or_default();
    folder.join(format!("{name}-{:016x}.jsonl", fnv1a(full.to_string_lossy().as_bytes())))
}

/// FNV-1a, 64 bits: a hash that stays the same across builds and platforms (std's hasher does not promise to).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// Appends `action` to the log at `path` (the folder made if needed).
pub fn append(path: &Path, action: &Action) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let line = serde_json::to_string(action).map_err(std::io::Error::other)?;
    let mut f = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
    // One write of the whole line, so a crash leaves at most a torn last line, which the reader reports.
    f.write_all(format!("{line}\n").as_bytes())
}

/// The actions of the log at `path` in time order (none if it does not exist), and a diagnostic for each line
/// that is not an action, or for a file that cannot be read.
pub fn read(path: &Path) -> (Vec<Action>, Vec<Diagnostic>) {
    if std::fs::symlink_metadata(path).is_err() {
        return (Vec::new(), Vec::new());
    }
    let text = match plant_site::read_text_limited(path, MAX_LOG_BYTES) {
        Ok(t) => t,
        Err(e) => {
            let why = match e {
                plant_site::TextFileError::TooLarge(max) => msg!("alarms-log-too-large", megabytes = max >> 20),
                plant_site::TextFileError::Unreadable(e) => msg!("alarms-log-unreadable", error = e.to_string()),
                plant_site::TextFileError::Refused(e) => msg!("alarms-log-unreadable", error = e.message().text()),
            };
            return (Vec::new(), vec![Diagnostic::warning(path, Place::Whole, why)]);
        }
    };
    let mut actions = Vec::new();
    let mut problems = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        match serde_json::from_str::<Action>(line) {
            Ok(a) => actions.push(a),
            Err(e) => problems.push(Diagnostic::warning(path, Place::LineCol { line: i + 1, column: e.column().max(1) }, msg!("alarms-log-bad-line", error = e.to_string()))),
        }
    }
    actions.sort_by_key(|a| a.t_ms);
    (actions, problems)
}
