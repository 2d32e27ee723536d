//! The package boundary: every path a site package names stays inside the package folder.
//!
//! A package is untrusted input (it may come from a colleague, a download or a mail). Whatever a package
//! names — data files, the model, chiller curves, factor sets, the live recorder's folder — is resolved
//! here: relative to the package folder, with `..` allowed only while it stays inside, and with symlinks
//! followed before the check, so a link inside the package that points out of it is refused too.
//! Absolute paths (`/etc/shadow`, `C:\data`, `\\server\share`) are refused. Paths the user types on
//! the command line or picks in a dialog are the user's and do not come through here. See SECURITY.md.

use std::path::{Component, Path, PathBuf};

use plant_i18n::{Msg, msg};

/// Why a path named by a package was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PackagePathError {
    Empty,
    Absolute(String),
    Parent(String),
    Symlink(String),
    Nul(String),
}

impl PackagePathError {
    /// Why, in words of the catalogue: "\"/etc/shadow\" is an absolute path; a package may name only files
    /// inside its own folder".
    pub fn message(&self) -> Msg {
        match self {
            PackagePathError::Empty => msg!("site-path-empty"),
            PackagePathError::Absolute(p) => msg!("site-path-absolute", path = p),
            PackagePathError::Parent(p) => msg!("site-path-parent", path = p),
            PackagePathError::Symlink(p) => msg!("site-path-symlink", path = p),
            PackagePathError::Nul(p) => msg!("site-path-nul", path = p),
        }
    }
}

/// In the current language.
impl std::fmt::Display for PackagePathError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message().text())
    }
}

impl std::error::Error for PackagePathError {}

/// Resolves `name`, a path written in a package file, against the package folder `root`.
///
/// Returns the path to use: inside `root` after `..` and symlinks are resolved. `\` is read as a folder
/// separator so a package written on Windows (`data\meters.csv`) opens anywhere. The file need not exist
/// (the caller reports a missing file in its own words); the part of the path that does exist is
/// resolved through its symlinks.
pub fn resolve_in_package(root: &Path, name: &str) -> Result<PathBuf, PackagePathError> {
    let text = name.trim();
    if text.is_empty() {
        return Err(PackagePathError::Empty);
    }
    if text.contains('\0') {
        return Err(PackagePathError::Nul(text.to_string()));
    }
    let unified = text.replace('\\', "/");
    let bytes = unified.as_bytes();
    let drive = bytes.len() >= 2 && bytes[0].is_ascii_alphabetic() && bytes[1] == b':';
    if unified.starts_with('/') || drive || unified.starts_with('~') {
        return Err(PackagePathError::Absolute(text.to_string()));
    }
    // Lexical: walk the components, never above the root.
    let mut inside: Vec<String> = Vec::new();
    for c in Path::new(&unified).components() {
        match c {
            Component::Normal(part) => inside.push(part.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir => {
                if inside.pop().is_none() {
                    return Err(PackagePathError::Parent(text.to_string()));
                }
            }
            Component::RootDir | Component::Prefix(_) => return Err(PackagePathError::Absolute(text.to_string())),
        }
    }
    if inside.is_empty() {
        return Err(PackagePathError::Empty);
    }
    let joined_lexical: PathBuf = inside.iter().fold(root.to_path_buf(), |p, c| p.join(c));
    // Physical: follow symlinks of whatever exists and check the result is still inside. A root that does
    // not exist (a package parsed from text in a test) gets the lexical check only.
    let Ok(real_root) = std::fs::canonicalize(root) else { return Ok(joined_lexical) };
    let joined: PathBuf = inside.iter().fold(real_root.clone(), |p, c| p.join(c));
    let (real, rest) = deepest_existing(&joined, &real_root);
    if !real.starts_with(&real_root) {
        return Err(PackagePathError::Symlink(text.to_string()));
    }
    Ok(rest.iter().rev().fold(real, |p, c| p.join(c)))
}

/// The canonical form of the longest existing prefix of `path` (at least `real_root`, which exists), and
/// the components after it, last first. A dangling symlink could be pointed anywhere later: it resolves
/// to a place outside every package.
fn deepest_existing(path: &Path, real_root: &Path) -> (PathBuf, Vec<std::ffi::OsString>) {
    let mut rest = Vec::new();
    let mut cur = path.to_path_buf();
    while cur != real_root {
        if std::fs::symlink_metadata(&cur).is_ok() {
            return match std::fs::canonicalize(&cur) {
                Ok(real) => (real, rest),
                Err(_) => (PathBuf::from("/dangling-symlink"), Vec::new()),
            };
        }
        match cur.file_name() {
            Some(name) => rest.push(name.to_os_string()),
            None => break,
        }
        if !cur.pop() {
            break;
        }
    }
    (real_root.to_path_buf(), rest)
}

/// Why a text file of a package (or one the user named) could not be read.
#[derive(Debug)]
pub enum TextFileError {
    /// The package names a path out of itself (a link out of the package, say).
    Refused(PackagePathError),
    Unreadable(std::io::Error),
    /// Larger than the reader's limit, in bytes.
    TooLarge(u64),
}

/// Reads at most `max_bytes` of the text file at `path` (a larger file is refused, not truncated).
pub fn read_text_limited(path: &Path, max_bytes: u64) -> Result<String, TextFileError> {
    use std::io::Read;
    let f = std::fs::File::open(path).map_err(TextFileError::Unreadable)?;
    let mut text = String::new();
    f.take(max_bytes + 1).read_to_string(&mut text).map_err(TextFileError::Unreadable)?;
    if text.len() as u64 > max_bytes {
        return Err(TextFileError::TooLarge(max_bytes));
    }
    Ok(text)
}

/// The text of the package file `name` in `root` if the package has one (`None`: no such file), read through
/// the package boundary and the size limit; the error comes with the path it concerns.
pub fn read_optional_package_text(root: &Path, name: &str, max_bytes: u64) -> Result<Option<(PathBuf, String)>, (PathBuf, TextFileError)> {
    let named = root.join(name);
    if std::fs::symlink_metadata(&named).is_err() {
        return Ok(None);
    }
    let path = resolve_in_package(root, name).map_err(|e| (named, TextFileError::Refused(e)))?;
    let text = read_text_limited(&path, max_bytes).map_err(|e| (path.clone(), e))?;
    Ok(Some((path, text)))
}

/// The `.toml` files of a package's folder `folder` (`training`, `scenarios`), sorted; none when it has no such
/// folder. A link out of the package is left out.
pub fn package_toml_files(root: &Path, folder: &str) -> Vec<PathBuf> {
    let Ok(dir) = resolve_in_package(root, folder) else { return Vec::new() };
    let Ok(entries) = std::fs::read_dir(&dir) else { return Vec::new() };
    let mut out: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "toml"))
        .filter_map(|e| {
            let name = format!("{folder}/{}", e.file_name().to_string_lossy());
            resolve_in_package(root, &name).ok().filter(|p| p.is_file())
        })
        .collect();
    out.sort();
    out
}

/// A file named by a user: a path as given when it is a file, else the one of `listed` of that name (with or
/// without `.toml`). `Err` lists `listed` by name.
pub fn find_named(listed: &[PathBuf], name: &Path) -> Result<PathBuf, Vec<String>> {
    if name.is_file() {
        return Ok(name.to_path_buf());
    }
    let stem = |p: &Path| p.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let wanted = stem(name);
    listed.iter().find(|p| stem(p) == wanted).cloned().ok_or_else(|| listed.iter().map(|p| stem(p)).collect())
}
