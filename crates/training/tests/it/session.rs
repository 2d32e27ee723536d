//! The session: when instructions and questions fall due, the log, answers (only the first counts), the
//! score for acknowledgements in time, and the log written and read back.

use plant_i18n::Lang;
use plant_training::session::{export, read_log, timelines};
use plant_training::{LogKind, Session};

const MIN: i64 = 60_000;

#[test]
fn answers_acknowledgements_and_the_score() {
    let (site, store, alarms) = crate::sample("cement-plant");
    let path = crate::site_root("cement-plant").join("training/kiln-upset.toml");
    let (sc, _) = plant_training::load(&path, site, alarms.as_ref()).expect("reads");
    let mut s = Session::new(sc.clone());
    let (out, _) = s.overlay(store, site);
    let tl = timelines(alarms.as_ref(), &out);
    let due = s.due(alarms.as_ref(), &tl);
    assert_eq!(due.questions.len(), 3);
    let q1 = due.questions[0].expect("due when the O2 alarm is raised");
    // Answers: the first counts, later ones are refused; a wrong one earns nothing.
    assert_eq!(s.answer("o2-cause", "2", q1 + 10_000), Some(false));
    assert_eq!(s.answer("o2-cause", "1", q1 + 20_000), None);
    assert_eq!(s.answer("upset-where", "kiln-1", q1 + 60 * MIN), Some(true));
    assert_eq!(s.answer("nothing", "1", q1), None);
    // Alarms raised in the scenario: the O2 alarm acknowledged after 2 minutes (in time), the burning-zone
    // alarms acknowledged after 6 (late) or never.
    let raised = |id: &str| {
        let i = alarms.as_ref().expect("alarms").alarms.iter().position(|a| a.id == id).expect("alarm");
        tl[i].episodes.iter().find(|e| e.start_ms >= sc.start_ms).expect("raised").start_ms
    };
    let o2 = raised("kiln-1.inlet-o2.high");
    let bz = raised("kiln-1.burning-zone-temp.low");
    s.record(o2 + 2 * MIN, LogKind::Acknowledged, "kiln-1.inlet-o2.high", "false air");
    s.record(bz + 6 * MIN, LogKind::Acknowledged, "kiln-1.burning-zone-temp.low", "");
    let score = s.score(alarms.as_ref(), &tl, sc.end_ms);
    // Questions: 0 of 2 (wrong), 2 of 2, 0 of 1 (unanswered).
    assert_eq!(score.questions.iter().map(|q| (q.earned, q.points)).collect::<Vec<_>>(), [(0, 2), (2, 2), (0, 1)]);
    let acks: Vec<(&str, u32)> = score.acknowledgements.iter().map(|a| (a.alarm.as_str(), a.earned)).collect();
    assert!(acks.contains(&("kiln-1.inlet-o2.high", 1)) && acks.contains(&("kiln-1.burning-zone-temp.low", 0)), "{acks:?}");
    let raised_n = score.acknowledgements.len() as u32;
    assert_eq!(score.possible, 5 + raised_n);
    assert_eq!(score.earned, 2 + 1);
    // Early in the run an alarm still inside its five minutes is not counted yet.
    let early = s.score(alarms.as_ref(), &tl, o2 + MIN);
    assert!(early.acknowledgements.iter().all(|a| a.alarm != "kiln-1.inlet-o2.high" || a.earned == 1));
    // Written and read back: the same log; `plant-twin train --log` scores it the same.
    let when = |t: i64| t.to_string();
    let json = export(&s, &score, true, Lang::En, &when);
    assert_eq!(read_log(&json).expect("reads back"), s.log);
    let r = plant_training::run::run(site, store, alarms.as_ref(), &sc, Some(&s.log), Lang::En);
    assert_eq!(r.score.as_ref().map(|x| (x.earned, x.possible)), Some((score.earned, score.possible)));
    let csv = export(&s, &score, false, Lang::ZhCn, &when);
    assert!(csv.starts_with('\u{feff}') && csv.contains("确认报警") && csv.contains("错误"), "{csv}");
    assert!(read_log("{\"log\": [ {\"t_ms\": 1} ]}").expect_err("broken").starts_with("1:"));
}

#[test]
fn injected_and_removed_malfunctions_are_logged() {
    let (site, _, alarms) = crate::sample("cement-plant");
    let path = crate::site_root("cement-plant").join("training/kiln-upset.toml");
    let (sc, _) = plant_training::load(&path, site, alarms.as_ref()).expect("reads");
    let mut s = Session::new(sc.clone());
    assert_eq!(s.applied.len(), 1, "only the false air is scheduled");
    let k = sc.malfunctions.iter().position(|m| m.id == "coal-mill-trip").expect("trip");
    s.inject(k, sc.start_ms + 30 * MIN);
    // Injected for its duration (15 minutes).
    assert_eq!(s.applied[1].until_ms, Some(sc.start_ms + 45 * MIN));
    s.remove(1, sc.start_ms + 35 * MIN);
    assert_eq!(s.applied[1].until_ms, Some(sc.start_ms + 35 * MIN));
    // Removing one that has not started drops it.
    s.remove(0, sc.start_ms);
    assert_eq!(s.applied.len(), 1);
    let kinds: Vec<LogKind> = s.log.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [LogKind::Injected, LogKind::Removed, LogKind::Removed]);
}
