//! Problems found in a site package, each naming the file and the place in it.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The site opens; something is missing or ignored (e.g. a glTF node named in site.toml is absent).
    Warning,
    /// The thing it names cannot be used (a malformed site.toml cannot be opened at all).
    Error,
}

/// Where in a file a problem is: a line and column (1-based) for text, a row and column name for tables.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    Whole,
    LineCol {
        line: usize,
        column: usize,
    },
    /// A data row (1-based, counting the header as row 1 for CSV) and column name.
    Row {
        row: usize,
        column: Option<String>,
    },
    /// A named element inside the file, e.g. a glTF node.
    Element(String),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    pub place: Place,
    pub message: String,
}

impl Diagnostic {
    pub fn error(file: &Path, place: Place, message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, file: file.to_path_buf(), place, message: message.into() }
    }

    pub fn warning(file: &Path, place: Place, message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, file: file.to_path_buf(), place, message: message.into() }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{sev}: {}", self.file.display())?;
        match &self.place {
            Place::Whole => {}
            Place::LineCol { line, column } => write!(f, ":{line}:{column}")?,
            Place::Row { row, column: Some(c) } => write!(f, ": row {row}, column \"{c}\"")?,
            Place::Row { row, column: None } => write!(f, ": row {row}")?,
            Place::Element(e) => write!(f, ": {e}")?,
        }
        write!(f, ": {}", self.message)
    }
}

/// Line and column (1-based, columns in characters) of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> Place {
    let offset = offset.min(text.len());
    let before = &text[..text.floor_char_boundary(offset)];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Place::LineCol { line, column }
}

/// The text a panic carried (`panic!("…")` or a formatted message), so that a worker that died can be
/// reported as a problem naming what failed.
pub fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| panic.downcast_ref::<String>().cloned()).unwrap_or_else(|| "panic".to_string())
}

/// The problems found in one text file, each placed at the line and column of a byte span of its text:
/// what every parser of a package file (site.toml, sources.toml…) keeps while it reads.
#[derive(Debug)]
pub struct TextProblems<'a> {
    pub file: std::path::PathBuf,
    pub text: &'a str,
    pub list: Vec<Diagnostic>,
}

impl<'a> TextProblems<'a> {
    pub fn new(file: &Path, text: &'a str) -> Self {
        TextProblems { file: file.to_path_buf(), text, list: Vec::new() }
    }

    /// The place of a byte span of the text.
    pub fn at(&self, span: std::ops::Range<usize>) -> Place {
        line_col(self.text, span.start)
    }

    pub fn error(&mut self, place: Place, message: impl Into<String>) {
        self.list.push(Diagnostic::error(&self.file, place, message));
    }

    pub fn warning(&mut self, place: Place, message: impl Into<String>) {
        self.list.push(Diagnostic::warning(&self.file, place, message));
    }
}
