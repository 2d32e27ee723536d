//! The site clock: playing, speed, seeking and the end of the record.

use plant_viewer_context::SiteClock;

fn clock() -> SiteClock {
    let mut c = SiteClock::default();
    c.set_range(1_000_000, 1_000_000 + 3_600_000);
    c
}

#[test]
fn a_paused_clock_does_not_move() {
    let mut c = clock();
    c.advance(10.0);
    assert_eq!(c.now_ms, 1_000_000);
}

#[test]
fn playing_advances_by_speed_times_real_time_without_drift() {
    let mut c = clock();
    c.set_speed(60.0);
    c.play();
    for _ in 0..1000 {
        c.advance(1.0 / 60.0 / 7.0); // odd frame times leave sub-millisecond remainders
    }
    let expected = 1_000_000.0 + 1000.0 / 60.0 / 7.0 * 60.0 * 1000.0;
    assert!((c.now_ms as f64 - expected).abs() <= 1.0, "{} vs {expected}", c.now_ms);
}

#[test]
fn playing_stops_at_the_end_and_play_restarts_from_the_start() {
    let mut c = clock();
    c.set_speed(3600.0);
    c.play();
    c.advance(2.0);
    assert_eq!(c.now_ms, c.end_ms);
    assert!(!c.playing);
    c.play();
    assert_eq!(c.now_ms, c.start_ms);
}

#[test]
fn seek_and_speed_are_clamped() {
    let mut c = clock();
    c.seek(0);
    assert_eq!(c.now_ms, c.start_ms);
    c.seek(i64::MAX);
    assert_eq!(c.now_ms, c.end_ms);
    assert!((c.fraction() - 1.0).abs() < 1e-12);
    c.set_speed(1e9);
    assert_eq!(c.speed, 3600.0);
    c.set_speed(0.0);
    assert_eq!(c.speed, 1.0);
}

#[test]
fn times_show_in_the_site_time_zone() {
    let mut c = clock();
    c.time_zone = chrono_tz::Asia::Shanghai;
    // 2026-11-10T07:00:00Z is 15:00 in Shanghai.
    assert_eq!(c.format(1_794_294_000_000), "2026-11-10 15:00:00 CST");
}
