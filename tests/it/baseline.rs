//! `plant-twin baseline` on the sample sites, in each format and both languages, and its errors.

use std::process::Command;

fn run(lang: &str, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_plant-twin")).args(["--lang", lang, "baseline"]).args(args).output().expect("runs");
    (out.status.success(), String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

const CEMENT: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../sample-sites/cement-plant");
const OFFICE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../sample-sites/office-building");

/// The kiln's coal against its clinker, hour by hour: a week as the baseline, the next as the reporting period.
/// Nothing was changed between them, so no saving is found beyond its uncertainty.
#[test]
fn the_kilns_coal_against_clinker_finds_no_saving_where_nothing_changed() {
    let args = [CEMENT, "--meter", "kiln-1.coal", "--driver", "cooler-1.clinker", "--step", "hour", "--to", "2026-11-09", "--report-from", "2026-11-09"];
    let (ok, json, err) = run("en", &[&args[..], &["--format", "json"]].concat());
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert_eq!(v["unit"], "t");
    assert_eq!(v["model"]["terms"][1], "cooler-1.clinker");
    let per_t = v["model"]["coef"][1].as_f64().expect("slope");
    assert!((0.02..0.08).contains(&per_t), "{per_t} t coal per t clinker at the kiln's burner");
    assert!(v["model"]["stats"]["n"].as_u64().expect("n") >= 160);
    let s = &v["savings"];
    let avoided = s["avoided"].as_f64().expect("avoided");
    let u90 = s["uncertainty"][1]["absolute"].as_f64().expect("90 %");
    assert_eq!(s["uncertainty"][1]["confidence"].as_f64(), Some(0.9));
    assert!(avoided.abs() < 2.0 * u90, "avoided {avoided} t against ± {u90} t");
    assert_eq!(v["reporting_starts_ms"].as_array().map(Vec::len), s["periods"].as_array().map(Vec::len));

    let (ok, md, err) = run("zh-CN", &args);
    assert!(ok, "{err}");
    for term in ["kiln-1.coal 的基准", "报告期与基准对比", "节约量（预期 − 实际）", "置信度 90 % 的不确定度", "ASHRAE Guideline 14"] {
        assert!(md.contains(term), "no \"{term}\" in:\n{md}");
    }
    let (ok, csv, err) = run("en", &[&args[..], &["--format", "csv"]].concat());
    assert!(ok, "{err}");
    assert!(csv.contains("coefficient,cooler-1.clinker,") && csv.contains("savings,avoided,"), "{csv}");
}

/// The office's chiller against the weather and the day type over its two weeks: the weekend is most of what
/// moves a day's energy.
#[test]
fn the_offices_chiller_by_day_type_and_weather() {
    let args = [OFFICE, "--meter", "chiller-1.power", "--temperature", "weather-station.dry-bulb", "--weekend", "--format", "json"];
    let (ok, json, err) = run("en", &args);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    let terms = v["model"]["terms"].as_array().expect("terms");
    assert_eq!(terms.last().and_then(|t| t.as_str()), Some("weekend"));
    let weekend = v["model"]["coef"].as_array().and_then(|c| c.last()).and_then(serde_json::Value::as_f64).expect("weekend");
    assert!(weekend < 0.0, "a weekend day uses less: {weekend}");
    assert!(v["model"]["stats"]["r2"].as_f64().expect("r2") > 0.8, "{}", v["model"]["stats"]);
    assert!(v["savings"].is_null());
}

#[test]
fn baseline_errors_say_what_is_wrong_in_both_languages() {
    let (ok, _, err) = run("en", &[CEMENT, "--meter", "kiln-9.coal"]);
    assert!(!ok && err.contains("kiln-9.coal") && err.contains("site.toml"), "{err}");
    let (ok, _, err) = run("zh-CN", &[CEMENT, "--meter", "kiln-1.coal", "--temperature", "cooler-1.clinker"]);
    assert!(!ok && err.contains("cooler-1.clinker") && err.contains("不是温度计量表"), "{err}");
    // A driver that never changes over the window (a day of the raw mill running flat out is not one; a
    // window of one hour holds too few periods).
    let (ok, _, err) = run("en", &[CEMENT, "--meter", "kiln-1.coal", "--driver", "cooler-1.clinker", "--from", "2026-11-05 00:00", "--to", "2026-11-05 02:00", "--step", "hour"]);
    assert!(!ok && err.contains("usable periods"), "{err}");
    let (ok, _, err) = run("en", &[CEMENT, "--meter", "kiln-1.coal", "--report-from", "2027-01-01"]);
    assert!(!ok && err.contains("--report-from/--report-to"), "{err}");
    let (ok, _, err) = run("en", &[CEMENT, "--meter", "kiln-1.coal", "--from", "2025-01-01", "--to", "2025-02-01"]);
    assert!(!ok && err.contains("outside the record") && err.contains("2026-11-02 00:00"), "{err}");
    let (ok, _, err) = run("en", &[CEMENT, "--meter", "kiln-1.coal", "--driver", "kiln-1.coal"]);
    assert!(!ok && err.contains("the meter itself"), "{err}");
    // A reporting window over the baseline's own days is said to be one.
    let (ok, _, err) = run("en", &[CEMENT, "--meter", "kiln-1.coal", "--report-to", "2026-11-10"]);
    assert!(ok && err.contains("overlaps the baseline window"), "{err}");
}
