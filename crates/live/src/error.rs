//! What can go wrong starting live sources or the recorder, typed (the UI words them).

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum LiveError {
    #[error("\"{text}\" is not a duration ({reason}); write e.g. \"5s\", \"500ms\", \"6h\"")]
    NotADuration { text: String, reason: String },
    #[error("\"{0}\" is longer than ten years")]
    DurationTooLong(String),
    /// A thread or runtime could not be started.
    #[error("cannot start the {what}: {source}")]
    Start { what: &'static str, source: std::io::Error },
    #[error("{}: {source}", path.display())]
    Io { path: PathBuf, source: std::io::Error },
    /// Building or writing a Parquet file failed.
    #[error("{}: {message}", path.display())]
    Parquet { path: PathBuf, message: String },
}
