//! The edit mode: bind a model to its site.toml from the viewer (docs/edit-mode.md).
//!
//! Pick a node in 3D or in the model's node tree and make it equipment or bind it to an existing item (by
//! whichever the model allows: node name, path of names, mesh name, extras); bind a meter to equipment; draw
//! a flow between two items. Every edit goes through [`plant_site::edit::SiteEditor`]: checked, applied to
//! site.toml's text keeping its comments and order, parsed again — the site, its binding in 3D, the flows
//! panel and the Problems list follow at once — and undone with Ctrl+Z. Nothing is written until Save.
//!
//! The logic half ([`EditRequest`] in, the site out) runs without a window and is what the tests drive;
//! the window, picking and the node tree are added with `ui: true`.

mod nodes;
mod ui;

use std::sync::Arc;

use bevy::prelude::*;
use plant_i18n::Msg;
use plant_site::Diagnostic;
use plant_site::edit::{Edit, SiteEditor};
use plant_viewer_context::{CurrentSite, ModelInfo, Problems, ViewerSystems};

pub use nodes::{NodeInfo, node_info};

pub struct EditPlugin {
    pub ui: bool,
}

impl Plugin for EditPlugin {
    fn build(&self, app: &mut App) {
        app.init_resource::<Editing>().add_message::<EditRequest>().add_systems(Update, apply_requests.in_set(ViewerSystems::Load));
        if self.ui {
            ui::build(app);
        }
    }
}

/// What the user asks of the editor.
#[derive(Message, Clone, Debug)]
pub enum EditRequest {
    Apply(Edit),
    Undo,
    Redo,
    Save,
    /// Read site.toml again from disk, dropping the edits.
    Reload,
}

/// The edit mode's state: whether it is on, the editor (made at the first request), what the last request did.
#[derive(Resource, Default)]
pub struct Editing {
    pub on: bool,
    editor: Option<SiteEditor>,
    /// The last request's outcome: what was done, or why it was refused.
    pub outcome: Option<Result<Msg, Diagnostic>>,
}

impl Editing {
    /// Whether there are edits not saved.
    pub fn is_dirty(&self) -> bool {
        self.editor.as_ref().is_some_and(SiteEditor::is_dirty)
    }

    /// What undo and redo would do.
    pub fn undo_label(&self) -> Option<&Msg> {
        self.editor.as_ref().and_then(SiteEditor::undo_label)
    }

    pub fn redo_label(&self) -> Option<&Msg> {
        self.editor.as_ref().and_then(SiteEditor::redo_label)
    }
}

/// Carries out the requests: the edited site replaces the current one (binding, colours, flows and problems
/// follow); a refused edit changes nothing and says why.
fn apply_requests(
    mut requests: MessageReader<EditRequest>,
    mut editing: ResMut<Editing>,
    site: Option<ResMut<CurrentSite>>,
    mut info: ResMut<ModelInfo>,
    mut problems: ResMut<Problems>,
) {
    let Some(mut site) = site else {
        requests.clear();
        return;
    };
    for request in requests.read() {
        if editing.editor.is_none() {
            match SiteEditor::open(&site.0.root) {
                Ok(e) => editing.editor = Some(e),
                Err(d) => {
                    editing.outcome = Some(Err(d));
                    continue;
                }
            }
        }
        let Some(editor) = editing.editor.as_mut() else { continue };
        let (opened, done) = match request {
            EditRequest::Apply(edit) => (Some(editor.apply(&site.0, edit.clone())), edit.message()),
            EditRequest::Undo => match editor.undo_label().cloned() {
                Some(label) => (editor.undo(), plant_i18n::msg!("edit-undone", what = label)),
                None => continue,
            },
            EditRequest::Redo => match editor.redo_label().cloned() {
                Some(label) => (editor.redo(), plant_i18n::msg!("edit-redone", what = label)),
                None => continue,
            },
            EditRequest::Reload => (Some(editor.reload()), plant_i18n::msg!("edit-reloaded")),
            EditRequest::Save => {
                editing.outcome = Some(editor.save().map(|p| plant_i18n::msg!("edit-saved", path = p.display().to_string())));
                continue;
            }
        };
        editing.outcome = match opened {
            Some(Ok(opened)) => {
                install(opened, &mut site, &mut info, &mut problems);
                Some(Ok(done))
            }
            Some(Err(d)) => Some(Err(d)),
            None => continue,
        };
    }
}

/// The edited site in place of the current one: the model checked against it again (bindings, bounds), its
/// problems in place of the old site.toml's and model's.
fn install(opened: plant_site::Opened, site: &mut CurrentSite, info: &mut ModelInfo, problems: &mut Problems) {
    let toml = opened.site.site_toml_path();
    let model = opened.site.model_path();
    let report = plant_site::check_model(&opened.site);
    problems.list.retain(|d| d.file != toml && Some(&d.file) != model.as_ref());
    problems.list.extend(opened.diagnostics);
    problems.list.extend(report.diagnostics.iter().cloned());
    // Bounds of the whole model do not change with an edit: the camera is not moved (the 3D view reframes
    // only on new bounds).
    info.0 = report;
    site.0 = Arc::new(opened.site);
}
