//! Training: `plant-twin train` on each sample site (expected alarms, both languages, a log scored, errors),
//! and the training view driven headless — the derived store in the views and the alarms, the trainer's
//! controls, the trainee's log, the export, and the recording back when the scenario closes.

use std::process::Command;
use std::sync::Arc;

use bevy::prelude::*;
use plant_training::LogKind;
use plant_training_view::{Phase, Training};
use plant_viewer_context::{MeterData, OperatorAction, OperatorActionKind, Selection, SiteClock};

use crate::headless::{loaded_app, local};

fn run(lang: &str, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_plant-twin")).args(["--lang", lang]).args(args).output().expect("runs");
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn site(name: &str) -> String {
    format!("{}/../sample-sites/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn each_sample_scenario_raises_its_expected_alarms_headless() {
    for (name, scenario, alarm, at) in [
        ("cement-plant", "kiln-upset", "kiln-1.burning-zone-temp.low", "2026-11-10 14:21:00 CST"),
        ("office-building", "chiller-trip", "chiller-2.power.deviation", "2026-08-14 13:05:00 CST"),
        ("aluminium-smelter", "anode-effect", "pot-001.voltage.high-high", "2026-11-05 01:46:00 CST"),
    ] {
        let (code, md, err) = run("en", &["train", &site(name), "--scenario", scenario]);
        assert_eq!(code, 0, "{name}: {err}");
        assert!(md.contains(&format!("{alarm}: raised at {at}")), "{name}: {md}");
        let (code, json, err) = run("en", &["train", &site(name), "--scenario", scenario, "--format", "json"]);
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&json).expect("json");
        assert!(v["expectations"].as_array().expect("expectations").iter().all(|x| x["ok"] == true));
    }
    let (code, zh, err) = run("zh-CN", &["train", &site("cement-plant"), "--scenario", "kiln-upset"]);
    assert_eq!(code, 0, "{err}");
    assert!(zh.contains("预期报警") && zh.contains("窑尾密封漏风") && zh.contains("题目"), "{zh}");
}

#[test]
fn a_missed_expectation_fails_and_a_broken_file_names_its_line() {
    let dir = tempfile::tempdir().expect("tmp");
    let base = std::fs::read_to_string(format!("{}/training/kiln-upset.toml", site("cement-plant"))).expect("scenario");
    // Expecting the O2 alarm an hour too early: exit status 1, the miss named.
    let early = base.replacen("from = \"+10m\"\nto = \"+25m\"", "from = \"+0m\"\nto = \"+5m\"", 1);
    assert_ne!(early, base);
    let p = dir.path().join("early.toml");
    std::fs::write(&p, early).expect("write");
    let (code, md, err) = run("en", &["train", &site("cement-plant"), "--scenario", p.to_str().expect("path")]);
    assert_eq!(code, 1, "{md}");
    assert!(md.contains("kiln-1.inlet-o2.high: NOT raised") && err.contains("1 expected alarm"), "{md}\n{err}");
    // A broken file: refused with file and line.
    let p = dir.path().join("broken.toml");
    std::fs::write(&p, "version = 1\nname = \"x\"\nstart = \"2026-11-10 13:00\"\nduration = \"forever\"\n").expect("write");
    let (code, _, err) = run("en", &["train", &site("cement-plant"), "--scenario", p.to_str().expect("path")]);
    assert_ne!(code, 0);
    assert!(err.contains("broken.toml:4:") && err.contains("is not a duration"), "{err}");
    // No such scenario: the package's are listed.
    let (code, _, err) = run("en", &["train", &site("cement-plant"), "--scenario", "nothing"]);
    assert_ne!(code, 0);
    assert!(err.contains("kiln-upset"), "{err}");
}

fn open_kiln_upset() -> App {
    let mut app = loaded_app();
    app.world_mut().resource_mut::<Training>().pending = Some(format!("{}/training/kiln-upset.toml", site("cement-plant")).into());
    app.update();
    app.update();
    app
}

#[test]
fn the_training_view_applies_the_scenario_and_logs_and_scores_the_trainee() {
    let mut app = open_kiln_upset();
    let recorded = {
        let t = app.world().resource::<Training>();
        assert!(t.session.is_some(), "opened");
        assert_eq!(t.phase, Phase::Ready);
        t.available.len()
    };
    assert_eq!(recorded, 1);
    let start = local(10, 13, 0);
    {
        let clock = app.world().resource::<SiteClock>();
        assert_eq!((clock.now_ms, clock.playing, clock.speed), (start, false, 60.0));
    }
    assert_eq!(app.world().resource::<Selection>().0.as_deref(), Some("kiln-1"));
    // The views read the derived store: at 13:30 the false air shows in the O2 meter and the alarms view has
    // the O2 alarm the recording does not have.
    let t = local(10, 13, 30);
    let o2 = app.world().resource::<MeterData>().0.reading_at("kiln-1.inlet-o2", t).value().expect("o2");
    assert!(o2 > 3.6, "false air towards 3.9 %: {o2}");
    // Played to 13:18 (the alarm was raised at 13:16), the trainee acknowledges within the five minutes.
    start_and_play_to(&mut app, local(10, 13, 18));
    let alarms = app.world().resource::<plant_alarms_view::AlarmList>().clone();
    let book = app.world().resource::<plant_alarms_view::AlarmBook>();
    let o2_index = book.alarms.as_ref().expect("alarms").alarms.iter().position(|a| a.id == "kiln-1.inlet-o2.high").expect("alarm");
    assert!(alarms.rows.iter().any(|r| r.index == o2_index && r.state.annunciated()), "{alarms:?}");
    // The trainee acknowledges (the alarm list's message), answers, selects; the trainer freezes.
    app.world_mut().write_message(OperatorAction { kind: OperatorActionKind::Acknowledge, subject: "kiln-1.inlet-o2.high".into(), detail: "false air".into() });
    app.world_mut().resource_mut::<Selection>().0 = Some("id-fan-1".into());
    app.update();
    {
        let world = app.world_mut();
        let clock = world.resource::<SiteClock>().clone();
        let mut tr = world.resource_mut::<Training>();
        assert_eq!(tr.answer("o2-cause", "1", &clock), Some(true));
        assert_eq!(tr.answer("o2-cause", "2", &clock), None, "only the first answer counts");
    }
    {
        let world = app.world_mut();
        let mut clock = world.resource::<SiteClock>().clone();
        world.resource_mut::<Training>().freeze(&mut clock);
        clock.play(); // the timeline's play button, pressed while frozen
        *world.resource_mut::<SiteClock>() = clock;
    }
    app.update();
    assert!(!app.world().resource::<SiteClock>().playing, "a frozen session stays stopped");
    let log: Vec<LogKind> = app.world().resource::<Training>().session.as_ref().expect("session").log.iter().map(|e| e.kind).collect();
    assert_eq!(log, [LogKind::Started, LogKind::Acknowledged, LogKind::Selected, LogKind::Answered, LogKind::Frozen]);
    let now = app.world().resource::<SiteClock>().now_ms;
    let score = app.world().resource::<Training>().score(now).expect("score");
    assert_eq!(score.questions[0].earned, 2);
    assert!(score.acknowledgements.iter().any(|a| a.alarm == "kiln-1.inlet-o2.high" && a.earned == 1), "{score:?}");
    // The export: JSON and CSV, and `plant-twin train --log` scores the JSON the same.
    let dir = tempfile::tempdir().expect("tmp");
    let files = app.world().resource::<Training>().export(dir.path(), now, chrono_tz::Asia::Shanghai).expect("exported");
    assert_eq!(files.len(), 2);
    let (code, md, err) = run("en", &["train", &site("cement-plant"), "--scenario", "kiln-upset", "--log", files[0].to_str().expect("path")]);
    assert_eq!(code, 0, "{err}");
    assert!(md.contains("Question o2-cause: False air leaking in at the kiln inlet seal — 2 of 2"), "{md}");
    // Closing the scenario puts the recording back.
    app.world_mut().resource_mut::<Training>().close();
    app.update();
    let o2 = app.world().resource::<MeterData>().0.reading_at("kiln-1.inlet-o2", t).value().expect("o2");
    assert!(o2 < 4.0, "the recording again: {o2}");
}

/// Starts the session and plays at 3,600× (one site hour per update of 1 s) to `t`.
fn start_and_play_to(app: &mut App, t: i64) {
    let world = app.world_mut();
    let mut clock = world.resource::<SiteClock>().clone();
    world.resource_mut::<Training>().start(&mut clock);
    clock.seek(t);
    *world.resource_mut::<SiteClock>() = clock;
    app.update();
}

#[test]
fn an_injected_malfunction_reaches_the_views_and_removing_it_restores_the_recording() {
    let mut app = open_kiln_upset();
    let t = local(10, 14, 0);
    start_and_play_to(&mut app, t);
    let data_before = app.world().resource::<MeterData>().0.clone();
    let recorded_power = data_before.reading_at("coal-mill-1.power", t + 5 * 60_000).value().expect("power");
    assert!(recorded_power > 100.0, "{recorded_power}");
    let k = app.world().resource::<Training>().session.as_ref().expect("session").scenario.malfunctions.iter().position(|m| m.id == "coal-mill-trip").expect("trip");
    {
        let world = app.world_mut();
        let clock = world.resource::<SiteClock>().clone();
        world.resource_mut::<Training>().inject(k, &clock);
    }
    app.update();
    let store = app.world().resource::<MeterData>().0.clone();
    assert!(!Arc::ptr_eq(&store, &data_before));
    assert_eq!(store.reading_at("coal-mill-1.power", t + 5 * 60_000).value(), Some(0.0));
    // Untouched meters are the same series, not copies.
    assert!(Arc::ptr_eq(store.get_shared("kiln-1.speed").expect("s"), data_before.get_shared("kiln-1.speed").expect("s")));
    {
        let world = app.world_mut();
        let clock = world.resource::<SiteClock>().clone();
        let mut tr = world.resource_mut::<Training>();
        let applied = tr.session.as_ref().expect("session").applied.iter().position(|a| a.malfunction == k).expect("applied");
        tr.remove(applied, &clock);
    }
    app.update();
    let store = app.world().resource::<MeterData>().0.clone();
    assert_eq!(store.reading_at("coal-mill-1.power", t + 5 * 60_000).value(), Some(recorded_power));
}

/// `plant-twin serve SITE --scenario NAME`: the simulator's server with the scenario's malfunctions applied,
/// on a free port of this machine; it answers /api/values and /metrics.
#[test]
fn serve_applies_a_training_scenario_to_what_it_serves() {
    use std::io::{BufRead, BufReader, Read, Write};
    let site = concat!(env!("CARGO_MANIFEST_DIR"), "/../sample-sites/cement-plant");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_plant-twin"))
        .args(["--lang", "en", "serve", site, "--scenario", "kiln-upset", "--port", "0", "--speed", "60"])
        .stderr(std::process::Stdio::piped())
        .stdout(std::process::Stdio::null())
        .spawn()
        .expect("starts");
    let stderr = child.stderr.take().expect("stderr");
    let mut lines = BufReader::new(stderr).lines();
    let (mut applied, mut addr) = (None, None);
    for line in lines.by_ref().map_while(Result::ok).take(50) {
        if line.contains("malfunction") {
            applied = Some(line.clone());
        }
        // "… as live on http://127.0.0.1:PORT: /api/values …"
        if let Some(at) = line.split_whitespace().find_map(|w| w.strip_prefix("http://")) {
            addr = Some(at.trim_end_matches([':', '.', ',']).to_owned());
            break;
        }
    }
    let addr = addr.expect("the server says where it listens");
    assert!(applied.is_some_and(|l| l.contains("Kiln upset")), "the scenario was applied");
    let get = |path: &str| {
        let mut s = std::net::TcpStream::connect(&addr).expect("connects");
        write!(s, "GET {path} HTTP/1.0\r\nHost: {addr}\r\n\r\n").expect("asks");
        let mut body = String::new();
        s.read_to_string(&mut body).expect("reads");
        body
    };
    let values = get("/api/values");
    let metrics = get("/metrics");
    let _ = child.kill();
    let _ = child.wait();
    assert!(values.starts_with("HTTP/1.0 200") || values.starts_with("HTTP/1.1 200"), "{values}");
    assert!(values.contains("kiln-1.burning-zone-temp"), "{values}");
    assert!(metrics.contains("# TYPE"), "{metrics}");
}
