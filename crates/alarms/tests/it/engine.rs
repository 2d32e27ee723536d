use plant_alarms::engine::{Action, ActionKind, AlarmState, Timeline, state_at};
use plant_alarms::{Kind, Priority};
use plant_store::{Series, Store};

use crate::{def, one_meter};

const MIN: i64 = 60_000;

#[test]
fn a_high_alarm_respects_its_deadband() {
    // Limit 10, deadband 2: raised at 11, still active at 9 (inside the deadband), normal below 8.
    let store = one_meter(&[5.0, 11.0, 9.0, 8.5, 7.9, 9.5, 10.5, 5.0]);
    let tl = Timeline::build(&def(Kind::High, 10.0, 2.0, 0, 0), &store);
    assert_eq!(tl.episodes.len(), 2, "{:?}", tl.episodes);
    assert_eq!((tl.episodes[0].start_ms, tl.episodes[0].end_ms), (MIN, Some(4 * MIN)));
    assert_eq!((tl.episodes[1].start_ms, tl.episodes[1].end_ms), (6 * MIN, Some(7 * MIN)));
    assert!((tl.episodes[0].worst_excess - 1.0).abs() < 1e-12);
    // A low alarm mirrors it.
    let low = Timeline::build(&def(Kind::Low, 6.0, 1.0, 0, 0), &one_meter(&[8.0, 5.5, 6.5, 7.5, 4.0]));
    assert_eq!(low.episodes.iter().map(|e| (e.start_ms, e.end_ms)).collect::<Vec<_>>(), vec![(MIN, Some(3 * MIN)), (4 * MIN, None)]);
}

#[test]
fn on_and_off_delays_hold_the_alarm_back() {
    // On-delay 2 min: a 1-minute excursion raises nothing; one of 3 samples (2 min) does, at its third sample.
    let values = [0.0, 20.0, 0.0, 20.0, 20.0, 20.0, 0.0, 20.0, 0.0, 0.0, 0.0, 0.0];
    let tl = Timeline::build(&def(Kind::High, 10.0, 0.0, 120, 0), &one_meter(&values));
    assert_eq!(tl.episodes.iter().map(|e| (e.start_ms, e.end_ms)).collect::<Vec<_>>(), vec![(5 * MIN, Some(6 * MIN))]);
    // Off-delay 3 min: the dip at minute 6 is too short to clear it; it clears 3 min after minute 8.
    let tl = Timeline::build(&def(Kind::High, 10.0, 0.0, 0, 180), &one_meter(&values));
    assert_eq!(tl.episodes.iter().map(|e| (e.start_ms, e.end_ms)).collect::<Vec<_>>(), vec![(MIN, Some(11 * MIN))]);
}

#[test]
fn rate_and_deviation_alarms() {
    // 30 per minute against a limit of 20 per minute, either way.
    let tl = Timeline::build(&def(Kind::RateOfChange, 20.0, 5.0, 0, 0), &one_meter(&[0.0, 5.0, 35.0, 40.0, 10.0, 12.0]));
    assert_eq!(tl.episodes.iter().map(|e| (e.start_ms, e.end_ms)).collect::<Vec<_>>(), vec![(2 * MIN, Some(3 * MIN)), (4 * MIN, Some(5 * MIN))]);
    // Deviation from a reference meter.
    let mut store = one_meter(&[10.0, 10.0, 30.0, 30.0, 11.0]);
    let t: Vec<i64> = (0..5).map(|i| i * MIN).collect();
    store.insert("r", Series::from_samples(t, vec![10.0; 5]).0);
    let mut d = def(Kind::Deviation, 15.0, 2.0, 0, 0);
    d.reference = Some("r".into());
    let tl = Timeline::build(&d, &store);
    assert_eq!(tl.episodes.iter().map(|e| (e.start_ms, e.end_ms)).collect::<Vec<_>>(), vec![(2 * MIN, Some(4 * MIN))]);
}

#[test]
fn bad_samples_and_gaps_change_nothing() {
    let tl = Timeline::build(&def(Kind::High, 10.0, 0.0, 0, 0), &one_meter(&[0.0, 20.0, f64::NAN, f64::NAN, 0.0]));
    assert_eq!(tl.episodes.iter().map(|e| (e.start_ms, e.end_ms)).collect::<Vec<_>>(), vec![(MIN, Some(4 * MIN))]);
}

#[test]
fn live_samples_continue_the_timeline_as_if_it_was_built_at_once() {
    let values = [0.0, 20.0, 20.0, 0.0, 20.0, 0.0, 0.0, 20.0];
    let d = def(Kind::High, 10.0, 1.0, 60, 60);
    let whole = Timeline::build(&d, &one_meter(&values));
    let mut store = one_meter(&values[..3]);
    let mut live = Timeline::build(&d, &store);
    for (i, v) in values.iter().enumerate().skip(3) {
        assert!(store.push("m", i as i64 * MIN, *v).is_ok());
        live.extend(&d, &store);
    }
    assert_eq!(live.episodes, whole.episodes);
}

#[test]
fn acknowledge_shelve_and_out_of_service() {
    let tl = Timeline::build(&def(Kind::High, 10.0, 0.0, 0, 0), &one_meter(&[0.0, 20.0, 20.0, 20.0, 0.0, 0.0, 20.0, 20.0, 0.0, 0.0, 0.0, 0.0]));
    let act = |t: i64, kind: ActionKind| Action { t_ms: t * MIN, alarm: "a".into(), kind, note: "op".into() };
    let none: Vec<Action> = Vec::new();
    assert_eq!(state_at("a", &tl, &none, 0), AlarmState::Normal);
    assert_eq!(state_at("a", &tl, &none, 2 * MIN), AlarmState::Unacknowledged);
    assert_eq!(state_at("a", &tl, &none, 5 * MIN), AlarmState::ReturnedUnacknowledged);
    let acked = vec![act(2, ActionKind::Acknowledge)];
    assert_eq!(state_at("a", &tl, &acked, 2 * MIN), AlarmState::Acknowledged);
    assert_eq!(state_at("a", &tl, &acked, 5 * MIN), AlarmState::Normal);
    // The next episode needs its own acknowledgement.
    assert_eq!(state_at("a", &tl, &acked, 6 * MIN), AlarmState::Unacknowledged);
    // Shelved for 3 minutes at minute 1: hidden until minute 4, then the process state shows again.
    let shelved = vec![act(1, ActionKind::Shelve { until_ms: 4 * MIN })];
    assert_eq!(state_at("a", &tl, &shelved, 3 * MIN), AlarmState::Shelved);
    assert_eq!(state_at("a", &tl, &shelved, 4 * MIN), AlarmState::ReturnedUnacknowledged);
    let unshelved = vec![act(1, ActionKind::Shelve { until_ms: 10 * MIN }), act(2, ActionKind::Unshelve)];
    assert_eq!(state_at("a", &tl, &unshelved, 3 * MIN), AlarmState::Unacknowledged);
    // Out of service wins until returned to service.
    let oos = vec![act(1, ActionKind::OutOfService), act(7, ActionKind::ReturnToService), act(1, ActionKind::Shelve { until_ms: 9 * MIN })];
    assert_eq!(state_at("a", &tl, &oos, 6 * MIN), AlarmState::OutOfService);
    assert_eq!(state_at("a", &tl, &oos, 7 * MIN), AlarmState::Shelved);
    assert_eq!(state_at("a", &tl, &oos, 9 * MIN), AlarmState::ReturnedUnacknowledged);
    // Actions after the cursor do not count yet; another alarm's do not count at all.
    let later = vec![act(8, ActionKind::Acknowledge), Action { t_ms: MIN, alarm: "b".into(), kind: ActionKind::OutOfService, note: String::new() }];
    assert_eq!(state_at("a", &tl, &later, 7 * MIN), AlarmState::Unacknowledged);
}

#[test]
fn scrubbing_back_gives_the_state_playing_forward_gave() {
    // A noisy signal with many crossings, delays and an operator log.
    let values: Vec<f64> = (0..2_000).map(|i| 10.0 + 6.0 * ((i as f64) / 17.0).sin() + 3.0 * ((i as f64) / 3.1).cos()).collect();
    let d = def(Kind::High, 15.0, 1.5, 120, 180);
    let actions: Vec<Action> = (0..40)
        .map(|k| Action {
            t_ms: k * 47 * MIN,
            alarm: "a".into(),
            kind: if k % 7 == 3 { ActionKind::Shelve { until_ms: (k * 47 + 30) * MIN } } else { ActionKind::Acknowledge },
            note: String::new(),
        })
        .collect();
    // Played forward: the live path, a sample at a time, the state read after each.
    let mut store = one_meter(&values[..1]);
    let mut tl = Timeline::build(&d, &store);
    let mut forward = Vec::new();
    for (i, v) in values.iter().enumerate().skip(1) {
        assert!(store.push("m", i as i64 * MIN, *v).is_ok());
        tl.extend(&d, &store);
        forward.push(state_at("a", &tl, &actions, i as i64 * MIN));
    }
    assert!(tl.episodes.len() > 10, "{} episodes", tl.episodes.len());
    // Jumped to, backwards, on the whole record.
    let whole = Timeline::build(&d, &store);
    for i in (1..values.len()).rev() {
        assert_eq!(state_at("a", &whole, &actions, i as i64 * MIN), forward[i - 1], "minute {i}");
    }
    let _ = Priority::ALL;
    let _ = Store::new();
}
