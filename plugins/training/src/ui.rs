//! The training windows: the scenario picker (a button over the 3D view), the trainer's window (start,
//! freeze, resume, checkpoints, malfunctions to inject or remove, the score, export), and what the trainee
//! sees (the instruction due, the question due).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};
use plant_i18n::{msg, t};
use plant_training::malfunction::in_effect;
use plant_training::{Expected, Text};
use plant_viewer_context::{CurrentSite, Selection, SiteClock, format_time};

use crate::{Phase, Training, logs_folder};

/// The trainer's window's width, points.
const TRAINER_WIDTH: f32 = 420.0;

/// The egui id of the malfunctions' grid.
const MALFUNCTIONS_GRID: &str = "training-malfunctions"; // i18n-ok: an egui id

/// What the training windows keep between frames.
#[derive(Resource, Default)]
pub struct TrainingUi {
    picker: bool,
    /// The choice ticked for each question (index from 0).
    choice: std::collections::HashMap<String, usize>,
    /// The last answer's question and whether it was right, shown until the next question or dismissed.
    feedback: Option<(String, bool)>,
}

fn text(t: &Text) -> &str {
    t.in_lang(plant_i18n::current())
}

/// The training button and the list of the package's scenarios.
pub fn picker_ui(mut contexts: EguiContexts, area: Res<plant_shell::FreeArea>, mut training: ResMut<Training>, mut ui_state: ResMut<TrainingUi>) -> Result {
    let ctx = contexts.ctx_mut()?;
    if training.available.is_empty() && training.session.is_none() {
        return Ok(());
    }
    plant_shell::overlay(ctx, &area, plant_shell::Overlay::TrainingButton, |ui| {
        if ui.button(t!("training-view-button")).clicked() {
            ui_state.picker = !ui_state.picker;
        }
    });
    if !ui_state.picker {
        return Ok(());
    }
    let mut open = ui_state.picker;
    let mut chosen = None;
    egui::Window::new(t!("training-view-picker-title")).id(egui::Id::new("training-picker")).open(&mut open).collapsible(false).default_width(420.0).show(ctx, |ui| {
        for (path, name) in &training.available {
            let label = name.as_ref().map_or_else(|| path.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_default(), |n| text(n).to_owned());
            if ui.button(label).on_hover_text(path.display().to_string()).clicked() {
                chosen = Some(path.clone());
            }
        }
        if training.session.is_some() {
            ui.separator();
            if ui.button(t!("training-view-close")).clicked() {
                training.close();
            }
        }
    });
    if let Some(p) = chosen {
        training.pending = Some(p);
        open = false;
    }
    ui_state.picker = open;
    Ok(())
}

/// The trainer's window.
pub fn trainer_ui(mut contexts: EguiContexts, area: Res<plant_shell::FreeArea>, mut training: ResMut<Training>, mut clock: ResMut<SiteClock>) -> Result {
    let ctx = contexts.ctx_mut()?;
    let tz = clock.time_zone;
    let now = clock.now_ms;
    let free = area.0;
    // The window reads the session; what the trainer does is applied after it (no copy of the session a frame).
    let mut acts: Vec<Act> = Vec::new();
    {
        let t = &*training;
        let Some(session) = &t.session else { return Ok(()) };
        let sc = &session.scenario;
        egui::Window::new(t!("training-view-trainer-title"))
            .id(egui::Id::new("training-trainer"))
            // Top right of the 3D view, below the presentation bar when there is one. (egui knows a window's size
            // only after its first frame, so the left edge is placed from the width asked for.)
            .default_pos(egui::pos2(free.right() - 10.0 - TRAINER_WIDTH, free.top() + 50.0))
            .default_width(TRAINER_WIDTH)
            .constrain_to(free)
            .resizable(true)
            .show(ctx, |ui| {
                ui.strong(text(&sc.name));
                ui.label(msg!("training-view-phase", phase = t.phase.key(), time = format_time(now, tz, "%H:%M:%S"), end = format_time(sc.end_ms, tz, "%H:%M")).text());
                ui.horizontal(|ui| {
                    let (label, act, enabled) = match t.phase {
                        Phase::Ready => (t!("training-view-start"), Act::Start, true),
                        Phase::Running => (t!("training-view-freeze"), Act::Freeze, true),
                        Phase::Frozen | Phase::Ended => (t!("training-view-resume"), Act::Start, now < sc.end_ms),
                    };
                    if ui.add_enabled(enabled, egui::Button::new(label)).clicked() {
                        acts.push(act);
                    }
                    if ui.button(t!("training-view-close")).clicked() {
                        acts.push(Act::Close);
                    }
                });
                egui::CollapsingHeader::new(t!("training-view-checkpoints")).default_open(true).show(ui, |ui| {
                    for (i, c) in sc.checkpoints.iter().enumerate() {
                        ui.horizontal(|ui| {
                            ui.label(format!("{} · {}", format_time(c.at_ms, tz, "%H:%M"), text(&c.name)));
                            if ui.small_button(t!("training-view-jump")).clicked() {
                                acts.push(Act::Jump(i));
                            }
                        });
                    }
                });
                egui::CollapsingHeader::new(t!("training-view-malfunctions")).default_open(true).show(ui, |ui| malfunctions_ui(ui, session, now, tz, &mut acts));
                for n in &t.notes {
                    ui.colored_label(egui::Color32::from_rgb(0xd9, 0x8c, 0x1f), n);
                }
                ui.separator();
                if let Some(score) = t.score(now) {
                    ui.label(msg!("training-score-total", earned = score.earned, possible = score.possible, percent = format!("{:.0}", score.percent())).text());
                }
                if ui.button(t!("training-view-export")).clicked() {
                    acts.push(Act::Export);
                }
                plant_viewer_context::files_written_ui(ui, t.exported.as_ref());
            });
    }
    for act in acts {
        match act {
            Act::Start => training.start(&mut clock),
            Act::Freeze => training.freeze(&mut clock),
            Act::Close => training.close(),
            Act::Jump(i) => training.jump(i, &mut clock),
            Act::Inject(i) => training.inject(i, &clock),
            Act::Remove(k) => training.remove(k, &clock),
            Act::Export => {
                training.exported = Some(match logs_folder() {
                    Some(folder) => training.export(&folder, now, tz),
                    None => Err(t!("training-view-no-folder")),
                })
            }
        }
    }
    Ok(())
}

/// What the trainer asked for in the window this frame.
enum Act {
    Start,
    Freeze,
    Close,
    Jump(usize),
    Inject(usize),
    Remove(usize),
    Export,
}

fn malfunctions_ui(ui: &mut egui::Ui, session: &plant_training::Session, now: i64, tz: chrono_tz::Tz, acts: &mut Vec<Act>) {
    egui::Grid::new(MALFUNCTIONS_GRID).striped(true).num_columns(3).show(ui, |ui| {
        for (i, m) in session.scenario.malfunctions.iter().enumerate() {
            ui.label(text(&m.title)).on_hover_text(format!("{} · {}", m.effect.key(), m.meters.join(", ")));
            let active = session.applied.iter().enumerate().find(|(_, a)| a.malfunction == i && (in_effect(a, now) || a.from_ms > now));
            let ended = session.applied.iter().filter(|a| a.malfunction == i && a.until_ms.is_some_and(|u| u <= now)).filter_map(|a| a.until_ms).max();
            match (active, ended) {
                (Some((k, a)), _) => {
                    let state = if a.from_ms > now { msg!("training-view-scheduled", at = format_time(a.from_ms, tz, "%H:%M")).text() } else { t!("training-view-active") };
                    ui.label(state);
                    if ui.small_button(t!("training-view-remove")).clicked() {
                        acts.push(Act::Remove(k));
                    }
                }
                (None, ended) => {
                    match ended {
                        Some(u) => ui.weak(msg!("training-view-ended", at = format_time(u, tz, "%H:%M")).text()),
                        None => ui.weak(t!("training-view-offered")),
                    };
                    if ui.small_button(t!("training-view-inject")).clicked() {
                        acts.push(Act::Inject(i));
                    }
                }
            }
            ui.end_row();
        }
    });
}

/// What the trainee sees, in one card at the top left of the 3D view (under the colour legend, clear of the
/// trainer's window at the top right): the latest instruction due (the briefing before the start), the first
/// question due and not answered, and whether the last answer was right.
#[allow(clippy::too_many_arguments)]
pub fn trainee_ui(
    mut contexts: EguiContexts,
    area: Res<plant_shell::FreeArea>,
    mut training: ResMut<Training>,
    clock: Res<SiteClock>,
    selection: Res<Selection>,
    site: Option<Res<CurrentSite>>,
    mut ui_state: ResMut<TrainingUi>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let Some(session) = &training.session else { return Ok(()) };
    let sc = &session.scenario;
    let now = clock.now_ms;
    let free = area.0;
    let instruction =
        sc.instructions.iter().zip(&training.due.instructions).filter_map(|(i, t)| t.filter(|t| *t <= now && *t >= sc.start_ms).map(|t| (t, i))).max_by_key(|(t, _)| *t);
    let banner = match instruction {
        Some((_, i)) => text(&i.text).to_owned(),
        None if training.phase == Phase::Ready => text(&sc.briefing).to_owned(),
        None => String::new(),
    };
    let question = sc.questions.iter().zip(&training.due.questions).find(|(q, t)| t.is_some_and(|t| t <= now) && !session.answered(&q.id)).map(|(q, _)| q.clone());
    // The last answer's right or wrong stays until the next question comes.
    if question.is_some() {
        ui_state.feedback = None;
    }
    if banner.is_empty() && question.is_none() && ui_state.feedback.is_none() {
        return Ok(());
    }
    let width = (free.width() * 0.42).clamp(260.0, 460.0);
    let mut answer: Option<String> = None;
    egui::Area::new(egui::Id::new("training-trainee")).fixed_pos(egui::pos2(free.left() + 10.0, free.top() + 130.0)).order(egui::Order::Foreground).show(ctx, |ui| {
        ui.set_max_width(width);
        if !banner.is_empty() {
            egui::Frame::popup(ui.style()).fill(egui::Color32::from_rgb(0x1d, 0x3a, 0x5c)).show(ui, |ui| {
                ui.set_width(width);
                ui.label(egui::RichText::new(format!("ℹ {banner}")).color(egui::Color32::WHITE).size(16.0));
            });
        }
        if let Some((_, right)) = ui_state.feedback.clone() {
            feedback_ui(ui, right, &mut ui_state);
        }
        if let Some(q) = &question {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.set_width(width);
                answer = question_ui(ui, q, &mut ui_state, &selection, site.as_deref());
            });
        }
    });
    if let (Some(a), Some(q)) = (answer, &question)
        && let Some(right) = training.answer(&q.id, &a, &clock)
    {
        ui_state.feedback = Some((q.id.clone(), right));
    }
    Ok(())
}

/// A question and its answer: the choices to tick, or the equipment selected in 3D; the answer given, if the
/// trainee pressed Answer.
fn question_ui(ui: &mut egui::Ui, q: &plant_training::Question, ui_state: &mut TrainingUi, selection: &Selection, site: Option<&CurrentSite>) -> Option<String> {
    ui.strong(t!("training-view-question-title"));
    ui.label(egui::RichText::new(text(&q.text)).size(16.0));
    ui.add_space(6.0);
    match &q.expected {
        Expected::Choice { choices, .. } => {
            let ticked = ui_state.choice.entry(q.id.clone()).or_insert(usize::MAX);
            for (i, c) in choices.iter().enumerate() {
                ui.radio_value(ticked, i, format!("{}. {}", i + 1, text(c)));
            }
            let pick = *ticked;
            ui.add_enabled(pick != usize::MAX, egui::Button::new(t!("training-view-answer"))).clicked().then(|| (pick + 1).to_string())
        }
        Expected::Equipment { .. } => {
            let name = selection.0.as_deref().map(|id| site.and_then(|s| s.0.equipment(id)).map_or(id.to_owned(), |e| e.display_name().to_owned()));
            match &name {
                Some(n) => ui.label(msg!("training-view-selected", equipment = n.as_str()).text()),
                None => ui.weak(t!("training-view-click-equipment")),
            };
            ui.add_enabled(selection.0.is_some(), egui::Button::new(t!("training-view-answer"))).clicked().then(|| selection.0.clone()).flatten()
        }
    }
}

/// Right or wrong, for the last answer, until dismissed.
fn feedback_ui(ui: &mut egui::Ui, right: bool, ui_state: &mut TrainingUi) {
    let (label, colour) =
        if right { (t!("training-view-right"), egui::Color32::from_rgb(0x2e, 0x9e, 0x4f)) } else { (t!("training-view-wrong"), egui::Color32::from_rgb(0xd0, 0x3a, 0x3a)) };
    egui::Frame::popup(ui.style()).show(ui, |ui| {
        ui.horizontal(|ui| {
            ui.label(egui::RichText::new(label).color(colour).size(18.0).strong());
            if ui.small_button("✕").clicked() {
                ui_state.feedback = None;
            }
        });
    });
}
