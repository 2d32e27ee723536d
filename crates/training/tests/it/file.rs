//! The scenario file: the samples read clean; a malformed file, or an item naming what the site has not, is an
//! error at its line (the rest of the file loads); times and durations in their written forms.

use plant_site::Place;
use plant_training::{Expected, When, parse_duration, parse_when};

fn line(d: &plant_site::Diagnostic) -> usize {
    match d.place {
        Place::LineCol { line, .. } => line,
        _ => 0,
    }
}

#[test]
fn the_sample_scenarios_read_clean() {
    for (site, file) in [("cement-plant", "kiln-upset"), ("office-building", "chiller-trip"), ("aluminium-smelter", "anode-effect")] {
        let (s, _, alarms) = crate::sample(site);
        let files = plant_training::list_for_site(s);
        assert_eq!(files.len(), 1, "{site}: {files:?}");
        assert!(files[0].ends_with(format!("training/{file}.toml")));
        let (sc, diags) = plant_training::load(&files[0], s, alarms.as_ref()).expect("reads");
        assert!(diags.is_empty(), "{site}: {diags:?}");
        // In both languages, every text.
        assert!(sc.name.zh.is_some() && sc.briefing.zh.is_some());
        assert!(sc.malfunctions.iter().all(|m| m.title.zh.is_some()));
        assert!(sc.instructions.iter().all(|i| i.text.zh.is_some()));
        assert!(sc.questions.iter().all(|q| q.text.zh.is_some() && matches!(&q.expected, Expected::Equipment { .. } | Expected::Choice { .. })));
        assert!(sc.checkpoints.iter().all(|c| c.name.zh.is_some()));
        assert!(sc.malfunctions.len() >= 5 && sc.questions.len() >= 3 && sc.checkpoints.len() >= 2 && !sc.expects.is_empty());
        assert!(sc.questions.iter().any(|q| matches!(q.expected, Expected::Equipment { .. })), "{site}: a click-the-equipment question");
    }
}

const GOOD: &str = r#"version = 1
name = "t"
start = "2026-11-10 13:00"
duration = "1h"
"#;

#[test]
fn times_and_durations() {
    let tz: chrono_tz::Tz = "Asia/Shanghai".parse().expect("tz");
    assert_eq!(parse_duration("1h30m"), Some(5_400_000));
    assert_eq!(parse_duration("45s"), Some(45_000));
    assert_eq!(parse_duration("2h"), Some(7_200_000));
    for bad in ["", "m", "30", "1m2h", "1.5h", "-5m", "1h1h", "9999999999h"] {
        assert_eq!(parse_duration(bad), None, "{bad}");
    }
    let start = parse_when("2026-11-10 13:00", 0, tz).expect("local");
    assert_eq!(start, parse_when("2026-11-10T05:00:00Z", 0, tz).expect("utc"));
    assert_eq!(parse_when("+20m", start, tz), Some(start + 1_200_000));
    assert_eq!(parse_when("2026-11-10", 0, tz), parse_when("2026-11-10 00:00", 0, tz));
    assert_eq!(parse_when("tomorrow", 0, tz), None);
}

#[test]
fn a_broken_file_is_an_error_at_its_line() {
    let (site, _, alarms) = crate::sample("cement-plant");
    let a = alarms.as_ref();
    // Not TOML: line 3.
    let e = crate::parse("version = 1\nname = \"t\"\nstart = = 3\n", site, a).expect_err("not toml");
    assert_eq!(line(&e), 3, "{e}");
    // Another version: its line.
    let e = crate::parse("name = \"t\"\nversion = 2\nstart = \"2026-11-10\"\nduration = \"1h\"\n", site, a).expect_err("version");
    assert_eq!(line(&e), 2);
    // A start that is no time, a duration that is none.
    let e = crate::parse(&GOOD.replace("2026-11-10 13:00", "soon"), site, a).expect_err("start");
    assert_eq!(line(&e), 3);
    let e = crate::parse(&GOOD.replace("\"1h\"", "\"an hour\""), site, a).expect_err("duration");
    assert_eq!(line(&e), 4);
    // An unknown field, at its line.
    let e = crate::parse(&format!("{GOOD}colour = \"red\"\n"), site, a).expect_err("unknown field");
    assert_eq!(line(&e), 5);
}

#[test]
fn a_bad_item_is_left_out_at_its_line_and_the_rest_loads() {
    let (site, _, alarms) = crate::sample("cement-plant");
    let text = format!(
        r#"{GOOD}
[[malfunction]]
id = "a"
title = "unknown meter"
kind = "stuck"
meter = "kiln-9.nothing"

[[malfunction]]
id = "b"
title = "fine"
kind = "step"
meter = "kiln-1.speed"
by = -0.5
at = "+5m"

[[malfunction]]
id = "c"
title = "no kind like it"
kind = "explode"
meter = "kiln-1.speed"

[[malfunction]]
id = "d"
title = "ends before it starts"
kind = "trip"
meter = "kiln-1.speed"
at = "+20m"
until = "+10m"

[[malfunction]]
id = "e"
title = "no such setting"
kind = "process"
whatif = "cement-kiln"
setting = "kiln_colour"
to = 1.0

[[instruction]]
when_alarm = "no-such-alarm"
text = "x"

[[instruction]]
at = "+1m"
when_alarm = "kiln-1.speed.low"
text = "both"

[[question]]
id = "q1"
at = "+3m"
text = "pick"
choices = ["a", "b"]
answer = 3

[[question]]
id = "q2"
at = "+3m"
text = "click"
answer = "no-such-equipment"

[[question]]
id = "q3"
at = "+4m"
text = "fine"
choices = ["a", "b"]
choices_zh = ["甲", "乙"]
answer = 2

[[expect]]
alarm = "kiln-1.speed.low"
from = "+0m"
to = "later"
"#
    );
    let (sc, diags) = crate::parse(&text, site, alarms.as_ref()).expect("parses");
    let lines: Vec<usize> = diags.iter().map(line).collect();
    // Each error at the line of what is wrong (or of its table when a field is missing).
    assert_eq!(lines, vec![10, 23, 32, 39, 43, 46, 56, 62, 75], "{diags:#?}");
    assert_eq!(sc.malfunctions.iter().map(|m| m.id.as_str()).collect::<Vec<_>>(), ["b"]);
    assert_eq!(sc.malfunctions[0].at_ms, Some(sc.start_ms + 300_000));
    assert_eq!(sc.questions.len(), 1);
    assert_eq!(sc.questions[0].when, When::At(sc.start_ms + 240_000));
    assert!(matches!(&sc.questions[0].expected, Expected::Choice { answer: 1, choices } if choices[1].zh.as_deref() == Some("乙")));
    assert!(sc.instructions.is_empty() && sc.expects.is_empty());
}

#[test]
fn the_camera_of_a_scenario_and_its_errors() {
    let (site, _, alarms) = crate::sample("cement-plant");
    let path = std::path::Path::new("pkg/training/t.toml");
    let text = format!("{GOOD}\n[camera]\nframe = \"preheater-1\"\nyaw = -40\npitch = 25\nzoom = 1.5\n");
    let (sc, diags) = plant_training::parse(&text, path, site, alarms.as_ref()).expect("reads");
    assert!(diags.is_empty(), "{diags:?}");
    let c = sc.camera.expect("camera");
    assert_eq!((c.frame.as_deref(), c.yaw_deg, c.pitch_deg, c.zoom), (Some("preheater-1"), Some(-40.0), Some(25.0), Some(1.5)));
    // No item to frame: the whole site, from the given direction.
    let (sc, _) = plant_training::parse(&format!("{GOOD}\n[camera]\nyaw = 10\n"), path, site, alarms.as_ref()).expect("reads");
    assert_eq!(sc.camera.and_then(|c| c.frame), None);
    // An item the site does not have, a pitch past the vertical, a zoom of nothing: each at its line, the rest of
    // the camera kept; an unknown key is an error of the file.
    for (bad, at) in [("frame = \"kiln-9\"", 7), ("pitch = 95", 7), ("zoom = 0", 7)] {
        let (sc, diags) = plant_training::parse(&format!("{GOOD}\n[camera]\n{bad}\nyaw = 5\n"), path, site, alarms.as_ref()).expect("reads");
        assert_eq!(diags.iter().map(line).collect::<Vec<_>>(), vec![at], "{bad}: {diags:?}");
        assert_eq!(sc.camera.and_then(|c| c.yaw_deg), Some(5.0));
    }
    assert!(plant_training::parse(&format!("{GOOD}\n[camera]\nroll = 5\n"), path, site, alarms.as_ref()).is_err());
}
