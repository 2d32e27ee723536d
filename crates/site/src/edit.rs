//! Editing a site package's `site.toml` from the app: a model node made equipment or bound to an existing
//! item, a meter bound to equipment, a flow drawn between two items — each checked, applied to the file's
//! text through `toml_edit` (so the comments, order and layout a person gave the file stay as they were),
//! the site parsed again (the Problems list follows each edit), undone and redone, and saved atomically.
//!
//! The editor holds the file's text, not the parsed site: an edit that would make `site.toml` unreadable is
//! refused and leaves everything as it was (docs/edit-mode.md).

use std::path::{Path, PathBuf};

use plant_i18n::{Msg, msg};
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table, value};

use crate::{Diagnostic, Opened, Place, SITE_FILE, Site};

/// How an `[[equipment]]` table names the model node that stands for it (docs/site-format.md, "Binding").
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeKey {
    /// `node = "Kiln_01"`: the node of that name (names the model uses once).
    Name(String),
    /// `node = "Line 1/Kiln"`: the node of that name below those (names the model uses twice).
    Path(String),
    /// `mesh = "Kiln_Shell"`: the node holding that mesh (CAD exports that name only meshes).
    Mesh(String),
    /// Nothing in site.toml: the node's `extras` carry the equipment id (`{"equipment": "kiln-1"}`).
    Extras,
}

/// How much a drawn flow carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FlowAmount {
    /// `meter = "kiln-1.coal"`.
    Meter(String),
    /// `value = "a - b"` (a linear combination of meters) or `value = "remainder"`.
    Formula(String),
}

/// One change to site.toml.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// A new `[[equipment]]` standing for a model node.
    MakeEquipment { id: String, kind: String, name: String, area: String, node: NodeKey },
    /// An existing item bound to another node (its `node`/`mesh` keys replaced).
    BindNode { equipment: String, node: NodeKey },
    /// A meter moved to another equipment item (`equipment =` of its `[[meter]]`); the flows it measures into
    /// or out of its old item move with it.
    BindMeter { meter: String, equipment: String },
    /// A new `[[flow]]`.
    AddFlow { from: String, to: String, carrier: String, amount: FlowAmount },
    /// The first `[[flow]]` from `from` to `to` of `carrier` removed.
    RemoveFlow { from: String, to: String, carrier: String },
}

impl Edit {
    /// What the edit does, for the undo list ("bind meter kiln-1.power to kiln-1").
    pub fn message(&self) -> Msg {
        match self {
            Edit::MakeEquipment { id, .. } => msg!("site-edit-made-equipment", id = id),
            Edit::BindNode { equipment, node } => msg!("site-edit-bound-node", equipment = equipment, node = node_label(node)),
            Edit::BindMeter { meter, equipment } => msg!("site-edit-bound-meter", meter = meter, equipment = equipment),
            Edit::AddFlow { from, to, carrier, .. } => msg!("site-edit-added-flow", from = from, to = to, carrier = carrier),
            Edit::RemoveFlow { from, to, carrier } => msg!("site-edit-removed-flow", from = from, to = to, carrier = carrier),
        }
    }
}

fn node_label(node: &NodeKey) -> String {
    match node {
        NodeKey::Name(n) | NodeKey::Path(n) => n.clone(),
        NodeKey::Mesh(m) => format!("mesh:{m}"),   // i18n-ok: the notation docs/site-format.md uses for a mesh
        NodeKey::Extras => String::from("extras"), // i18n-ok: the glTF field's name
    }
}

/// The most edits kept to undo.
const UNDO_DEPTH: usize = 200;

/// site.toml being edited: its text, what the edits did (to undo and redo), and what is on disk.
pub struct SiteEditor {
    root: PathBuf,
    doc: DocumentMut,
    /// Before each edit: its text and what the edit did.
    undo: Vec<(String, Msg)>,
    redo: Vec<(String, Msg)>,
    /// The file's text when it was read or last saved.
    on_disk: String,
}

impl SiteEditor {
    /// Reads `root/site.toml` for editing.
    pub fn open(root: &Path) -> Result<SiteEditor, Diagnostic> {
        let file = root.join(SITE_FILE);
        let text = std::fs::read_to_string(&file).map_err(|e| Diagnostic::error(&file, Place::Whole, msg!("site-cannot-read", error = e.to_string())))?;
        SiteEditor::from_text(root, &text)
    }

    /// An editor of `text`, the site.toml of the package in `root`.
    pub fn from_text(root: &Path, text: &str) -> Result<SiteEditor, Diagnostic> {
        let doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
            let place = e.span().map_or(Place::Whole, |s| crate::line_col(text, s.start));
            Diagnostic::error(&root.join(SITE_FILE), place, msg!("site-toml-invalid", error = e.message().trim()))
        })?;
        Ok(SiteEditor { root: root.to_path_buf(), doc, undo: Vec::new(), redo: Vec::new(), on_disk: text.to_owned() })
    }

    /// The file's text as edited.
    pub fn text(&self) -> String {
        self.doc.to_string()
    }

    /// The site as edited, with its problems (those [`crate::open`] finds).
    pub fn parse(&self) -> Result<Opened, Diagnostic> {
        let mut opened = crate::parse(&self.text(), &self.root)?;
        crate::check_data_files(&mut opened);
        Ok(opened)
    }

    /// Whether there are edits not saved.
    pub fn is_dirty(&self) -> bool {
        self.text() != self.on_disk
    }

    /// What undo and redo would do next.
    pub fn undo_label(&self) -> Option<&Msg> {
        self.undo.last().map(|(_, m)| m)
    }

    pub fn redo_label(&self) -> Option<&Msg> {
        self.redo.last().map(|(_, m)| m)
    }

    /// Checks `edit` against `site` (the site as edited), applies it and parses the result. Refused — with
    /// nothing changed — when it names what does not exist, makes an id twice, or leaves site.toml unreadable.
    pub fn apply(&mut self, site: &Site, edit: Edit) -> Result<Opened, Diagnostic> {
        let file = self.root.join(SITE_FILE);
        check(site, &edit).map_err(|m| Diagnostic::error(&file, Place::Whole, m))?;
        let before = self.text();
        let label = edit.message();
        if let Err(m) = change(&mut self.doc, &edit) {
            self.restore(&before)?;
            return Err(Diagnostic::error(&file, Place::Whole, m));
        }
        match self.parse() {
            Ok(opened) => {
                self.undo.push((before, label));
                if self.undo.len() > UNDO_DEPTH {
                    self.undo.remove(0);
                }
                self.redo.clear();
                Ok(opened)
            }
            Err(d) => {
                self.restore(&before)?;
                Err(d)
            }
        }
    }

    /// Undoes the last edit; `None` when there is none.
    pub fn undo(&mut self) -> Option<Result<Opened, Diagnostic>> {
        let (text, label) = self.undo.pop()?;
        let now = self.text();
        Some(self.restore(&text).and_then(|()| {
            self.redo.push((now, label));
            self.parse()
        }))
    }

    /// Does again the last edit undone; `None` when there is none.
    pub fn redo(&mut self) -> Option<Result<Opened, Diagnostic>> {
        let (text, label) = self.redo.pop()?;
        let now = self.text();
        Some(self.restore(&text).and_then(|()| {
            self.undo.push((now, label));
            self.parse()
        }))
    }

    fn restore(&mut self, text: &str) -> Result<(), Diagnostic> {
        self.doc = SiteEditor::from_text(&self.root, text)?.doc;
        Ok(())
    }

    /// Writes the edited text to site.toml: to a temporary file beside it, then renamed over it (a crash leaves
    /// the old file or the new, never half of one). Refused when the file changed on disk since it was read
    /// (another editor's work is not overwritten): [`SiteEditor::reload`] reads it again.
    pub fn save(&mut self) -> Result<PathBuf, Diagnostic> {
        let file = self.root.join(SITE_FILE);
        let cannot = |e: std::io::Error| Diagnostic::error(&file, Place::Whole, msg!("site-edit-cannot-save", error = e.to_string()));
        let current = std::fs::read_to_string(&file).map_err(cannot)?;
        if current != self.on_disk {
            return Err(Diagnostic::error(&file, Place::Whole, msg!("site-edit-changed-on-disk")));
        }
        let text = self.text();
        let temp = self.root.join(format!(".{SITE_FILE}.saving")); // i18n-ok: a file name
        std::fs::write(&temp, &text).and_then(|()| std::fs::rename(&temp, &file)).map_err(|e| {
            let _ = std::fs::remove_file(&temp);
            cannot(e)
        })?;
        self.on_disk = text;
        Ok(file)
    }

    /// Reads site.toml again from disk, dropping the edits and their undo list.
    pub fn reload(&mut self) -> Result<Opened, Diagnostic> {
        *self = SiteEditor::open(&self.root)?;
        self.parse()
    }
}

/// Whether `edit` makes sense for `site`: the items it names exist, the ids it makes do not.
fn check(site: &Site, edit: &Edit) -> Result<(), Msg> {
    let item_exists = |id: &str| site.equipment(id).is_some() || site.nodes.iter().any(|n| n.id == id);
    let equipment = |id: &str| if site.equipment(id).is_some() { Ok(()) } else { Err(msg!("site-edit-no-equipment", id = id)) };
    match edit {
        Edit::MakeEquipment { id, kind, node, .. } => {
            if !valid_id(id) {
                return Err(msg!("site-edit-bad-id", id = id));
            }
            if item_exists(id) {
                return Err(msg!("site-edit-id-taken", id = id));
            }
            if kind.trim().is_empty() {
                return Err(msg!("site-edit-no-type"));
            }
            check_node(node)
        }
        Edit::BindNode { equipment: id, node } => equipment(id).and_then(|()| check_node(node)),
        Edit::BindMeter { meter, equipment: id } => {
            if site.meters.iter().all(|m| m.id != *meter) {
                return Err(msg!("site-edit-no-meter", id = meter));
            }
            equipment(id)
        }
        Edit::AddFlow { from, to, carrier, amount } => {
            for end in [from, to] {
                if !item_exists(end) {
                    return Err(msg!("site-edit-no-item", id = end));
                }
            }
            if from == to {
                return Err(msg!("site-edit-flow-to-itself", id = from));
            }
            if carrier.trim().is_empty() {
                return Err(msg!("site-edit-no-carrier"));
            }
            if site.flows.iter().any(|f| f.from == *from && f.to == *to && f.carrier == carrier.trim()) {
                return Err(msg!("site-edit-flow-exists", from = from, to = to, carrier = carrier.trim()));
            }
            match amount {
                FlowAmount::Meter(m) if site.meters.iter().all(|x| x.id != *m) => Err(msg!("site-edit-no-meter", id = m)),
                FlowAmount::Formula(f) if f.trim().is_empty() => Err(msg!("site-edit-no-formula")),
                _ => Ok(()),
            }
        }
        Edit::RemoveFlow { from, to, carrier } => {
            if site.flows.iter().any(|f| f.from == *from && f.to == *to && f.carrier == *carrier) {
                Ok(())
            } else {
                Err(msg!("site-edit-no-flow", from = from, to = to, carrier = carrier))
            }
        }
    }
}

fn check_node(node: &NodeKey) -> Result<(), Msg> {
    match node {
        NodeKey::Name(n) | NodeKey::Path(n) | NodeKey::Mesh(n) if n.trim().is_empty() => Err(msg!("site-edit-no-node")),
        _ => Ok(()),
    }
}

/// An id as site.toml's ids are written: letters, digits, `-`, `_`, `.`, not empty.
fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 128 && id.chars().all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Applies a checked edit to the document.
fn change(doc: &mut DocumentMut, edit: &Edit) -> Result<(), Msg> {
    match edit {
        Edit::MakeEquipment { id, kind, name, area, node } => {
            let mut t = Table::new();
            t["id"] = value(id.as_str());
            t["type"] = value(kind.as_str());
            t["name"] = value(if name.trim().is_empty() { id.as_str() } else { name.trim() });
            if !area.trim().is_empty() {
                t["area"] = value(area.trim());
            }
            set_node(&mut t, id, node);
            tables(doc, "equipment")?.push(t);
        }
        Edit::BindNode { equipment, node } => {
            let t = find(doc, "equipment", equipment).ok_or_else(|| msg!("site-edit-no-equipment", id = equipment))?;
            set_node(t, equipment, node);
        }
        Edit::BindMeter { meter, equipment } => {
            let t = find(doc, "meter", meter).ok_or_else(|| msg!("site-edit-no-meter", id = meter))?;
            let old = t.get("equipment").and_then(Item::as_str).map(str::to_owned);
            set_keeping_comment(t, "equipment", equipment);
            // The flows the meter measures into or out of its old item now go to the new one (a site from
            // `plant-twin new` feeds each meter's item from a source): the meter's energy is the item's.
            if let Some(old) = old
                && let Some(flows) = doc.get_mut("flow").and_then(Item::as_array_of_tables_mut)
            {
                for f in flows.iter_mut().filter(|f| f.get("meter").and_then(Item::as_str) == Some(meter.as_str())) {
                    for end in ["from", "to"] {
                        if f.get(end).and_then(Item::as_str) == Some(old.as_str()) {
                            set_keeping_comment(f, end, equipment);
                        }
                    }
                }
            }
        }
        Edit::AddFlow { from, to, carrier, amount } => {
            let mut t = Table::new();
            t["from"] = value(from.as_str());
            t["to"] = value(to.as_str());
            t["carrier"] = value(carrier.trim());
            match amount {
                FlowAmount::Meter(m) => t["meter"] = value(m.as_str()),
                FlowAmount::Formula(f) => t["value"] = value(f.trim()),
            }
            tables(doc, "flow")?.push(t);
        }
        Edit::RemoveFlow { from, to, carrier } => {
            let flows = tables(doc, "flow")?;
            let is = |t: &Table, k: &str, v: &str| t.get(k).and_then(Item::as_str) == Some(v);
            let index = flows.iter().position(|t| is(t, "from", from) && is(t, "to", to) && is(t, "carrier", carrier));
            let Some(index) = index else {
                return Err(msg!("site-edit-no-flow", from = from, to = to, carrier = carrier));
            };
            flows.remove(index);
            if flows.is_empty() {
                doc.remove("flow");
            }
        }
    }
    Ok(())
}

/// The node keys of an `[[equipment]]` table (`node` or `mesh`, the other removed): none where its id is the
/// node's name or the node's extras name it.
fn set_node(t: &mut Table, id: &str, node: &NodeKey) {
    let (key, name) = match node {
        NodeKey::Name(n) | NodeKey::Path(n) if n != id => (Some("node"), n.as_str()),
        NodeKey::Mesh(m) => (Some("mesh"), m.as_str()),
        _ => (None, ""),
    };
    for other in ["node", "mesh"] {
        if Some(other) != key {
            t.remove(other);
        }
    }
    if let Some(key) = key {
        set_keeping_comment(t, key, name);
    }
}

/// `key = "text"` in `t`, keeping the comment and spacing of the value it replaces.
fn set_keeping_comment(t: &mut Table, key: &str, text: &str) {
    let mut new = toml_edit::Value::from(text);
    if let Some(old) = t.get(key).and_then(Item::as_value) {
        *new.decor_mut() = old.decor().clone();
    }
    t[key] = Item::Value(new);
}

/// The `[[name]]` array of tables, made when the file has none.
fn tables<'d>(doc: &'d mut DocumentMut, name: &str) -> Result<&'d mut ArrayOfTables, Msg> {
    let item = doc.entry(name).or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()));
    item.as_array_of_tables_mut().ok_or_else(|| msg!("site-edit-not-tables", name = name))
}

/// The `[[name]]` table whose `id` is `id`.
fn find<'d>(doc: &'d mut DocumentMut, name: &str, id: &str) -> Option<&'d mut Table> {
    doc.get_mut(name)?.as_array_of_tables_mut()?.iter_mut().find(|t| t.get("id").and_then(Item::as_str) == Some(id))
}
