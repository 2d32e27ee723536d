//! Advancing the site clock with real time.

use bevy::prelude::*;
use plant_viewer_context::SiteClock;

/// Longest real frame time played in one step: after a stall (a window drag, a slow disk) the clock
/// resumes instead of leaping ahead.
pub const MAX_STEP_SECS: f64 = 1.0;

/// Playback follows real time, not Bevy's virtual time (which caps frames at 250 ms), so "600×" stays
/// 600× on a slow machine too.
pub(crate) fn advance_clock(time: Res<Time<Real>>, mut clock: ResMut<SiteClock>) {
    if clock.live {
        let now = chrono::Utc::now().timestamp_millis();
        clock.go_live(now);
        return;
    }
    if clock.playing {
        clock.advance(time.delta_secs_f64().min(MAX_STEP_SECS));
    }
}
