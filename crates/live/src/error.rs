//! What can go wrong starting live sources or the recorder, typed; [`LiveError::message`] words it in the
//! catalogue (assets/locales/<lang>/live-sources.ftl), `Display` in the current language.

use std::path::PathBuf;

use plant_i18n::{Msg, msg};

#[derive(Debug)]
pub enum LiveError {
    NotADuration {
        text: String,
        reason: String,
    },
    DurationTooLong(String),
    /// A thread or runtime could not be started: `what` is `live-thread`, `live-runtime` or
    /// `recorder-thread`.
    Start {
        what: &'static str,
        source: std::io::Error,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Building or writing a Parquet file failed.
    Parquet {
        path: PathBuf,
        message: String,
    },
}

impl LiveError {
    /// What went wrong, as a message of the catalogue. The operating system's and the libraries' own
    /// words (an I/O error, a Parquet error, why a duration does not parse) are passed on as they are.
    pub fn message(&self) -> Msg {
        match self {
            LiveError::NotADuration { text, reason } => msg!("live-error-not-a-duration", text = text, reason = reason),
            LiveError::DurationTooLong(text) => msg!("live-error-duration-too-long", text = text),
            LiveError::Start { what, source } => msg!("live-error-start", what = *what, error = source.to_string()),
            LiveError::Io { path, source } => msg!("live-error-io", path = path.display().to_string(), error = source.to_string()),
            LiveError::Parquet { path, message } => msg!("live-error-parquet", path = path.display().to_string(), error = message),
        }
    }
}

/// In the current language.
impl std::fmt::Display for LiveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().text())
    }
}

impl std::error::Error for LiveError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LiveError::Start { source, .. } | LiveError::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}
