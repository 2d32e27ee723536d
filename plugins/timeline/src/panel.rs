//! The timeline panel: transport buttons, speed, and a time bar to scrub.

use bevy_egui::egui;
use chrono::TimeZone;

use plant_i18n::t;
use plant_viewer_context::{SPEEDS, SiteClock};

/// Draws the whole timeline into `ui`.
pub fn timeline_ui(ui: &mut egui::Ui, clock: &mut SiteClock) {
    if !clock.has_range() {
        ui.label(t!("timeline-no-data"));
        return;
    }
    ui.horizontal(|ui| {
        if ui.button("⏮").on_hover_text(t!("timeline-to-start-hint")).clicked() {
            clock.seek(clock.start_ms);
        }
        let label = if clock.playing { t!("timeline-pause") } else { t!("timeline-play") };
        if ui.add(egui::Button::new(label).min_size(egui::vec2(80.0, 0.0))).clicked() {
            if clock.playing {
                clock.playing = false;
            } else {
                clock.play();
            }
        }
        if ui.button("⏭").on_hover_text(t!("timeline-to-end-hint")).clicked() {
            clock.seek(clock.end_ms);
            clock.playing = false;
        }
        if clock.live_available {
            let text = if clock.live {
                egui::RichText::new(t!("timeline-live-on")).color(egui::Color32::from_rgb(230, 70, 60)).strong()
            } else {
                egui::RichText::new(t!("timeline-live"))
            };
            if ui.selectable_label(clock.live, text).on_hover_text(t!("timeline-live-hint")).clicked() {
                if clock.live {
                    clock.live = false;
                } else {
                    clock.go_live(chrono::Utc::now().timestamp_millis());
                }
            }
        }
        ui.separator();
        ui.label(t!("timeline-speed")).on_hover_text(t!("timeline-speed-hint"));
        for &sp in &SPEEDS {
            if ui.selectable_label(clock.speed == sp, format!("{sp}×")).clicked() {
                clock.set_speed(sp);
            }
        }
        ui.separator();
        ui.label(egui::RichText::new(clock.format(clock.now_ms)).monospace().strong());
    });
    time_bar_ui(ui, clock);
}

/// A bar over the whole record with day ticks; click or drag to move the cursor.
fn time_bar_ui(ui: &mut egui::Ui, clock: &mut SiteClock) {
    let width = ui.available_width();
    let (rect, response) = ui.allocate_exact_size(egui::vec2(width, 34.0), egui::Sense::click_and_drag());
    let response = response.on_hover_text(t!("timeline-scrub-hint"));
    let (start_ms, end_ms) = (clock.start_ms, clock.end_ms);
    let span = (end_ms - start_ms) as f64;
    let x_of = |t: i64| rect.left() + ((t - start_ms) as f64 / span) as f32 * rect.width();
    if let Some(pos) = response.interact_pointer_pos()
        && (response.dragged() || response.clicked())
    {
        let f = ((pos.x - rect.left()) / rect.width()).clamp(0.0, 1.0) as f64;
        clock.seek(start_ms + (f * span).round() as i64);
    }
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    let bar = egui::Rect::from_min_max(egui::pos2(rect.left(), rect.top() + 14.0), rect.right_bottom());
    painter.rect_filled(bar, 3.0, visuals.extreme_bg_color);
    // Played part.
    let cx = x_of(clock.now_ms);
    painter.rect_filled(egui::Rect::from_min_max(bar.left_top(), egui::pos2(cx, bar.bottom())), 3.0, visuals.selection.bg_fill.gamma_multiply(0.5));
    // Day ticks at local midnight, labelled with the date when there is room.
    let tz = clock.time_zone;
    if let chrono::LocalResult::Single(first) = tz.timestamp_millis_opt(start_ms) {
        let mut day = first.date_naive();
        let px_per_day = rect.width() as f64 * 86_400_000.0 / span;
        // A label every so many days that the widest (a long weekday and month, in this language) fits.
        let widest =
            painter.layout_no_wrap(plant_viewer_context::format_time(start_ms, tz, "%a %d %b"), egui::FontId::proportional(10.0), visuals.weak_text_color()).size().x as f64;
        let label_every = ((widest * 1.15 + 8.0).max(60.0) / px_per_day).ceil().max(1.0) as i64;
        let mut k = 0i64;
        while let Some(midnight) = day.and_hms_opt(0, 0, 0).and_then(|n| tz.from_local_datetime(&n).earliest()) {
            let t = midnight.timestamp_millis();
            if t > end_ms {
                break;
            }
            if t >= start_ms {
                let x = x_of(t);
                painter.line_segment([egui::pos2(x, bar.top()), egui::pos2(x, bar.bottom())], visuals.widgets.noninteractive.bg_stroke);
                if k % label_every == 0 {
                    painter.text(
                        egui::pos2(x + 2.0, rect.top()),
                        egui::Align2::LEFT_TOP,
                        plant_viewer_context::format_time(t, tz, "%a %d %b"),
                        egui::FontId::proportional(10.0),
                        visuals.weak_text_color(),
                    );
                }
                k += 1;
            }
            let Some(next) = day.succ_opt() else { break };
            day = next;
        }
    }
    // The time under the pointer, to aim a scrub.
    if let Some(pos) = response.hover_pos() {
        let f = ((pos.x - rect.left()) / rect.width()).clamp(0.0, 1.0) as f64;
        let t = start_ms + (f * span).round() as i64;
        painter.line_segment([egui::pos2(pos.x, bar.top()), egui::pos2(pos.x, bar.bottom())], egui::Stroke::new(1.0, visuals.weak_text_color()));
        let label = plant_viewer_context::format_time(t, tz, "%a %d %b %H:%M");
        let align = if pos.x > rect.center().x { egui::Align2::RIGHT_CENTER } else { egui::Align2::LEFT_CENTER };
        let at = egui::pos2(pos.x + if pos.x > rect.center().x { -4.0 } else { 4.0 }, bar.center().y);
        painter.text(at, align, label, egui::FontId::proportional(11.0), visuals.strong_text_color());
    }
    // Cursor.
    let stroke = egui::Stroke::new(2.0, visuals.selection.stroke.color);
    painter.line_segment([egui::pos2(cx, rect.top() + 10.0), egui::pos2(cx, rect.bottom())], stroke);
}
