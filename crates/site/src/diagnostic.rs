//! Problems found in a site package, each naming the file and the place in it.
//!
//! The words of a problem are a [`Msg`] of the catalogue (assets/locales/<lang>/site.ftl and the other
//! domain crates' files), resolved when shown: a diagnostic keeps its file and place and reads in the
//! language of the screen ([`Diagnostic::text_in`]; `Display` is the current language).

use std::fmt;
use std::path::{Path, PathBuf};

use plant_i18n::{Lang, Msg, msg};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The site opens; something is missing or ignored (e.g. a glTF node named in site.toml is absent).
    Warning,
    /// The thing it names cannot be used (a malformed site.toml cannot be opened at all).
    Error,
}

impl Severity {
    /// "error" or "warning" in the language it is shown in.
    pub fn message(self) -> Msg {
        match self {
            Severity::Warning => msg!("site-severity-warning"),
            Severity::Error => msg!("site-severity-error"),
        }
    }
}

/// Where in a file a problem is: a line and column (1-based) for text, a row and column name for tables.
#[derive(Clone, Debug, PartialEq)]
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
    /// A named element inside the file, e.g. a glTF node: [`Place::meter`], [`Place::equipment`],
    /// [`Place::node`], [`Place::data_file`], or [`Place::named`] for a name shown as it is. (Boxed: a
    /// [`Diagnostic`] is returned in `Err` everywhere and stays small.)
    Element(Box<Msg>),
}

impl Place {
    /// The meter `id` (a `[[meter]]` of site.toml).
    pub fn meter(id: &str) -> Place {
        Place::element(msg!("site-element-meter", id = id))
    }

    /// The equipment item `id`.
    pub fn equipment(id: &str) -> Place {
        Place::element(msg!("site-element-equipment", id = id))
    }

    /// The glTF node `name` of a model.
    pub fn node(name: &str) -> Place {
        Place::element(msg!("site-element-node", name = name))
    }

    /// The `[[data]]` entry of site.toml whose path is `path`.
    pub fn data_file(path: &str) -> Place {
        Place::element(msg!("site-element-data", path = path))
    }

    /// An element named by words that are the same in every language (a command-line option: `--at`).
    pub fn named(name: &str) -> Place {
        Place::element(msg!("site-element-named", name = name))
    }

    /// An element named by a message of its own crate's catalogue (`carbon-element-fuel`…).
    pub fn element(name: Msg) -> Place {
        Place::Element(Box::new(name))
    }

    /// "line 3, column 5", "row 17, column "a"", "meter "kiln-1.power"" as a message; `None` for the whole
    /// file.
    pub fn message(&self) -> Option<Msg> {
        Some(match self {
            Place::Whole => return None,
            Place::LineCol { line, column } => msg!("site-place-line-col", line = *line, column = *column),
            Place::Row { row, column: Some(c) } => msg!("site-place-row-column", row = *row, column = c),
            Place::Row { row, column: None } => msg!("site-place-row", row = *row),
            Place::Element(m) => (**m).clone(),
        })
    }

    /// The place in `lang`; `None` for the whole file.
    pub fn text_in(&self, lang: Lang) -> Option<String> {
        self.message().map(|m| m.text_in(lang))
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: PathBuf,
    pub place: Place,
    pub message: Msg,
}

impl Diagnostic {
    pub fn error(file: &Path, place: Place, message: impl Into<Msg>) -> Self {
        Self { severity: Severity::Error, file: file.to_path_buf(), place, message: message.into() }
    }

    pub fn warning(file: &Path, place: Place, message: impl Into<Msg>) -> Self {
        Self { severity: Severity::Warning, file: file.to_path_buf(), place, message: message.into() }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The whole problem — severity, file, place and message — in `lang`: `error: /s/site.toml:8:3: …`
    /// (a file, line and column editors and terminals understand) or `错误：/s/site.toml，第 8 行，第 3 列：…`.
    pub fn text_in(&self, lang: Lang) -> String {
        self.to_msg().text_in(lang)
    }

    /// The whole problem as a message, read in any language later (a report's warnings list).
    pub fn to_msg(&self) -> Msg {
        let severity = self.severity.message();
        let file = self.file.display().to_string();
        let message = self.message.clone();
        match &self.place {
            Place::Whole => msg!("site-diagnostic", severity = severity, file = file, message = message),
            Place::LineCol { line, column } => msg!("site-diagnostic-line-col", severity = severity, file = file, line = *line, column = *column, message = message),
            place => match place.message() {
                Some(at) => msg!("site-diagnostic-at", severity = severity, file = file, place = at, message = message),
                None => msg!("site-diagnostic", severity = severity, file = file, message = message),
            },
        }
    }

    /// The whole problem in the current language (as `Display`).
    pub fn text(&self) -> String {
        self.text_in(plant_i18n::current())
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
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
/// reported as a problem naming what failed. It is the program's own words, passed on as they are.
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

    pub fn error(&mut self, place: Place, message: impl Into<Msg>) {
        self.list.push(Diagnostic::error(&self.file, place, message));
    }

    pub fn warning(&mut self, place: Place, message: impl Into<Msg>) {
        self.list.push(Diagnostic::warning(&self.file, place, message));
    }
}
