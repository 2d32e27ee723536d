//! Plays the site clock ([`plant_viewer_context::SiteClock`]) and shows the timeline panel: play / pause, speed 1× to 3600×, scrub, jump to start or end,
//! with times shown in the site's time zone.

mod advance;
mod panel;

use bevy::prelude::*;
use bevy_egui::input::EguiWantsInput;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};
use plant_shell::{FreeArea, PanelOrder, show_panel};
use plant_viewer_context::{SiteClock, ViewerSystems};

pub use panel::timeline_ui;

/// Adds the [`SiteClock`] and advances it while playing; with `ui`, also the bottom timeline panel.
pub struct TimelinePlugin {
    pub ui: bool,
}

impl Plugin for TimelinePlugin {
    fn build(&self, app: &mut App) {
        app.add_systems(Update, advance::advance_clock.in_set(ViewerSystems::Advance));
        if self.ui {
            app.add_systems(EguiPrimaryContextPass, timeline_panel_system.in_set(PanelOrder::Bottom)).add_systems(Update, space_toggles_play.before(ViewerSystems::Advance));
        }
    }
}

fn timeline_panel_system(mut contexts: EguiContexts, mut clock: ResMut<SiteClock>, mut area: ResMut<FreeArea>) -> Result {
    let ctx = contexts.ctx_mut()?;
    let id = "timeline"; // i18n-ok: a panel id
    show_panel(ctx, &mut area, id, |root| {
        egui::Panel::bottom(egui::Id::new(id)).resizable(false).show(root, |ui| {
            ui.add_space(4.0);
            timeline_ui(ui, &mut clock);
            ui.add_space(2.0);
        });
    });
    Ok(())
}

/// Space plays or pauses, unless a text field has the keyboard.
fn space_toggles_play(keys: Res<ButtonInput<KeyCode>>, wants: Res<EguiWantsInput>, mut clock: ResMut<SiteClock>) {
    if keys.just_pressed(KeyCode::Space) && !wants.wants_any_keyboard_input() {
        if clock.playing {
            clock.playing = false;
        } else {
            clock.play();
        }
    }
}
