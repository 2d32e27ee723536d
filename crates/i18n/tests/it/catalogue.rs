//! The catalogues (assets/locales/<lang>/*.ftl) against each other and against the code: the same files, the
//! same messages, attributes and arguments in both languages; every id the code asks for exists; no
//! user-facing literal in the UI code.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn locales() -> PathBuf {
    repo().join("assets/locales")
}

/// Per message id: its attributes and the variables it uses.
type Catalogue = BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)>;

fn variables(p: &Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let PatternElement::Placeable { expression } = el {
            expression_vars(expression, out);
        }
    }
}

fn expression_vars(e: &Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                variables(&v.value, out);
            }
        }
        Expression::Inline(i) => inline_vars(i, out),
    }
}

fn inline_vars(i: &InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match i {
        InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, out);
            }
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, out),
        _ => {}
    }
}

/// Reads one language's folder: file name → messages. Fails on a syntax error, naming file and line.
fn read(lang: &str) -> BTreeMap<String, Catalogue> {
    let dir = locales().join(lang);
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("dir entry").path();
        if path.extension().is_none_or(|e| e != "ftl") {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read ftl");
        let resource = fluent_syntax::parser::parse(text.as_str()).unwrap_or_else(|(_, errors)| {
            let e = &errors[0];
            let line = text[..e.pos.start.min(text.len())].lines().count();
            panic!("{}:{line}: {:?}", path.display(), e.kind)
        });
        let mut cat = Catalogue::new();
        for entry in resource.body {
            match entry {
                Entry::Message(m) => {
                    let mut vars = BTreeSet::new();
                    if let Some(v) = &m.value {
                        variables(v, &mut vars);
                    }
                    let mut attrs = BTreeSet::new();
                    for a in &m.attributes {
                        attrs.insert(a.id.name.to_owned());
                        variables(&a.value, &mut vars);
                    }
                    assert!(cat.insert(m.id.name.to_owned(), (attrs, vars)).is_none(), "{}: \"{}\" is defined twice", path.display(), m.id.name);
                }
                Entry::Junk { content } => panic!("{}: cannot read: {content}", path.display()),
                _ => {}
            }
        }
        files.insert(path.file_name().expect("name").to_string_lossy().into_owned(), cat);
    }
    files
}

fn all_ids(files: &BTreeMap<String, Catalogue>) -> BTreeMap<String, String> {
    let mut ids = BTreeMap::new();
    for (file, cat) in files {
        for id in cat.keys() {
            if let Some(other) = ids.insert(id.clone(), file.clone()) {
                panic!("\"{id}\" is in both {other} and {file}");
            }
        }
    }
    ids
}

#[test]
fn both_languages_have_the_same_files_messages_attributes_and_arguments() {
    let en = read("en");
    let zh = read("zh-CN");
    assert!(en.len() >= 10, "the English catalogue has only {} files", en.len());
    let mut problems = Vec::new();
    let files: BTreeSet<_> = en.keys().chain(zh.keys()).collect();
    for file in files {
        let (Some(a), Some(b)) = (en.get(file), zh.get(file)) else {
            problems.push(format!("{file} is in one language only"));
            continue;
        };
        for id in a.keys().chain(b.keys()).collect::<BTreeSet<_>>() {
            match (a.get(id), b.get(id)) {
                (Some(x), Some(y)) => {
                    if x.0 != y.0 {
                        problems.push(format!("{file}: \"{id}\" has attributes {:?} in en, {:?} in zh-CN", x.0, y.0));
                    }
                    if x.1 != y.1 {
                        problems.push(format!("{file}: \"{id}\" uses {:?} in en, {:?} in zh-CN", x.1, y.1));
                    }
                }
                (Some(_), None) => problems.push(format!("{file}: \"{id}\" is missing from zh-CN")),
                (None, _) => problems.push(format!("{file}: \"{id}\" is missing from en")),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Every Chinese message is written in Chinese: it has a CJK character, unless it is only symbols, units or
/// names (listed here).
#[test]
fn chinese_messages_are_in_chinese() {
    let zh = read("zh-CN");
    let dir = locales().join("zh-CN");
    let mut latin_only = Vec::new();
    for (file, cat) in &zh {
        let text = std::fs::read_to_string(dir.join(file)).expect("read");
        for id in cat.keys() {
            let line = text.lines().find(|l| l.starts_with(&format!("{id} =")) || l.starts_with(&format!("{id}="))).unwrap_or("");
            let value = line.split_once('=').map_or("", |(_, v)| v).trim();
            if value.is_empty() {
                continue; // a multi-line or attribute-only message
            }
            let stripped: String = value.split('{').map(|part| part.split_once('}').map_or(part, |(_, rest)| rest)).collect();
            let has_cjk = stripped.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3000}'..='\u{303F}').contains(&c) || ('\u{FF00}'..='\u{FFEF}').contains(&c));
            let has_latin_word = stripped.split(|c: char| !c.is_ascii_alphabetic()).any(|w| w.len() >= 4);
            if !has_cjk && has_latin_word && !line.contains("# same") {
                latin_only.push(format!("{file}: {id} = {value}"));
            }
        }
    }
    assert!(latin_only.is_empty(), "untranslated (mark a deliberate one with \"# same\"):\n{}", latin_only.join("\n"));
}

/// Source files of the code that shows text: the app, every plugin and every domain crate.
fn sources() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = ["app/src", "plugins", "crates"].iter().map(|p| repo().join(p)).collect();
    while let Some(dir) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else { continue };
        for e in rd.flatten() {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if p.is_dir() {
                if name != "target" && name != "tests" && name != "benches" {
                    stack.push(p);
                }
            } else if name.ends_with(".rs") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// The string literal that starts at `s` (just after its opening quote), without escapes resolved.
fn literal(s: &str) -> Option<&str> {
    let mut prev = ' ';
    for (i, c) in s.char_indices() {
        if c == '"' && prev != '\\' {
            return Some(&s[..i]);
        }
        prev = c;
    }
    None
}

/// The message ids the code names: `t!("id"`, `msg!("id"`, `Msg::new("id"`, `tr("id"`, `tr_in(lang, "id"`.
fn ids_in(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        for pat in ["t!(\"", "msg!(\"", "Msg::new(\"", "tr(\"", "tr_args(\"", "i18n_id(\""] {
            let mut rest = line;
            while let Some(i) = rest.find(pat) {
                let before = rest[..i].chars().last();
                rest = &rest[i + pat.len()..];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') && pat != "t!(\"" {
                    continue;
                }
                if pat == "t!(\"" && before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue; // e.g. assert!(" or print!("
                }
                if let Some(id) = literal(rest) {
                    out.push((n + 1, id.to_owned()));
                }
            }
        }
    }
    out
}

#[test]
fn every_message_the_code_asks_for_is_in_the_catalogues() {
    let ids = all_ids(&read("en"));
    let mut missing = Vec::new();
    let mut used = 0;
    for path in sources() {
        let text = std::fs::read_to_string(&path).expect("read source");
        for (line, id) in ids_in(&text) {
            used += 1;
            if !ids.contains_key(&id) {
                missing.push(format!("{}:{line}: \"{id}\"", path.strip_prefix(repo()).unwrap_or(&path).display()));
            }
        }
    }
    assert!(used >= 1, "no message ids found in the code: the scan is broken");
    assert!(missing.is_empty(), "ids no catalogue has:\n{}", missing.join("\n"));
}

/// Where a string literal with words in it is not text for a person: message ids, logs, panics of tests,
/// attributes, egui and Bevy ids, paths and CLI flag names. Anything else in the app or a plugin is flagged;
/// a literal that is data (an id, a JSON key, a file name) is marked `// i18n-ok` at the end of its line.
const NOT_UI: &[&str] = &[
    "t!(",
    "msg!(",
    "Msg::new(",
    "tr(",
    "tr_args(",
    "info!(",
    "warn!(",
    "error!(",
    "debug!(",
    "trace!(",
    "panic!(",
    ".expect(",
    "assert",
    "#[",
    "#![",
    "Id::new(",
    "id_salt(",
    "Name::new(",
    "unreachable!(",
    "include_bytes!(",
    "include_str!(",
    "env!(",
    "concat!(",
    "env::var",
    "i18n-ok",
];

#[test]
fn no_literal_reaches_the_ui_without_a_key() {
    let mut found = Vec::new();
    for path in sources() {
        let rel = path.strip_prefix(repo()).unwrap_or(&path).to_path_buf();
        if !(rel.starts_with("plugins") || rel.starts_with("app")) {
            continue;
        }
        let text = std::fs::read_to_string(&path).expect("read source");
        for (n, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("#[cfg(test)]") {
                break; // unit tests at the end of a file
            }
            if trimmed.starts_with("//") || NOT_UI.iter().any(|c| line.contains(c)) {
                continue;
            }
            let code = line.split(" //").next().unwrap_or("");
            let mut rest = code;
            while let Some(i) = rest.find('"') {
                rest = &rest[i + 1..];
                let Some(lit) = literal(rest) else { break };
                rest = &rest[lit.len() + 1..];
                let words = strip_braces(lit).split(|c: char| !c.is_alphabetic()).any(|w| w.chars().count() >= 2);
                if words {
                    found.push(format!("{}:{}: \"{lit}\"", rel.display(), n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "literals in UI code without a key (use t!(\"id\"); mark data with // i18n-ok):\n{}", found.join("\n"));
}

fn strip_braces(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn no_strings_module_is_left() {
    let left: Vec<_> = sources().into_iter().filter(|p| p.file_name().is_some_and(|n| n == "strings.rs")).collect();
    assert!(left.is_empty(), "strings.rs modules bypass the catalogues: {left:?}");
}

#[test]
fn the_scanners_find_what_they_look_for() {
    let text = "ui.label(t!(\"a-b\"));\nlet m = msg!(\"c-d\", x = 1);\nassert!(\"x\");\nlet s = plant_i18n::tr(\"e-f\");";
    let ids: Vec<String> = ids_in(text).into_iter().map(|(_, id)| id).collect();
    assert_eq!(ids, ["a-b", "c-d", "e-f"]);
    assert_eq!(literal("abc\\\"d\" rest"), Some("abc\\\"d"));
    assert_eq!(strip_braces("{x} {y:.1}"), " ");
    let _ = Path::new("");
}
