//! The command line in English and 简体中文: `--lang` before anything is printed, `--help` and clap's errors in
//! that language, the Markdown report in Chinese with the same numbers as in English.
//!
//! Every run has its own empty settings folder and `LANG=C`, so neither a language picked in a developer's
//! viewer nor their locale changes what these tests see.

use std::process::{Command, Output};

fn run(args: &[&str], env: &[(&str, &str)]) -> Output {
    let settings = std::env::temp_dir().join(format!("plant-twin-cli-lang-{}", std::process::id()));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_plant-twin"));
    cmd.args(args).env("PLANT_TWIN_CONFIG_DIR", &settings).env("LANG", "C").env_remove("LANGUAGE").env_remove("LC_ALL").env_remove("LC_MESSAGES");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("runs")
}

fn text(out: &Output) -> (String, String) {
    (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned())
}

fn has_cjk(s: &str) -> bool {
    s.chars().any(|c| ('\u{4E00}'..='\u{9FFF}').contains(&c))
}

/// The cells of the report's tables that are numbers ("7264.1", "70850.8 t", "+2.1 %"), in order.
fn numbers(md: &str) -> Vec<String> {
    md.lines()
        .filter(|l| l.starts_with('|'))
        .flat_map(|l| l.split('|').map(str::trim).map(str::to_owned).collect::<Vec<_>>())
        .filter_map(|cell| {
            let first = cell.split_whitespace().next()?.to_owned();
            first.parse::<f64>().is_ok().then_some(first)
        })
        .collect()
}

#[test]
fn the_markdown_report_in_chinese_has_chinese_headings_and_the_same_numbers() {
    let site = crate::cement_site();
    let site = site.to_str().expect("utf-8 path");
    let report = |lang: &str| {
        let out = run(&["--lang", lang, "report", site, "--from", "2026-11-04", "--to", "2026-11-05", "--format", "md"], &[]);
        let (stdout, stderr) = text(&out);
        assert!(out.status.success(), "{stderr}");
        stdout
    };
    let en = report("en");
    let zh = report("zh-CN");
    assert!(en.contains("# Energy and carbon report") && en.contains("| Total, location-based |"), "{en}");
    for term in ["能耗与碳排放报告", "综合能耗", "范围一排放", "范围二排放（基于位置）", "过程排放", "标准煤", "统计期：2026年11月4日 00:00"]
    {
        assert!(zh.contains(term), "no \"{term}\" in:\n{zh}");
    }
    assert!(!zh.contains("Scope 1") && !zh.contains("By node"), "English left in the Chinese report:\n{zh}");
    // The factor sets by their names in each language (name_zh and source_zh of the bundled sets).
    assert!(en.contains("- china-2022 — China grid and heat factors (2022 data) (2022; MEE notice"), "{en}");
    assert!(zh.contains("- china-2022 — 中国电网及热力排放因子（2022年数据）（2022年；生态环境部"), "{zh}");
    assert!(!zh.contains("IPCC 2006 default fuel factors"), "{zh}");
    let (a, b) = (numbers(&en), numbers(&zh));
    assert!(a.len() > 30, "too few numbers read: {a:?}");
    assert_eq!(a, b, "the two languages show different numbers");
    // Units stay as they are.
    for unit in ["| MWh |", "| tce |", "kgce/t", "tCO2/t"] {
        assert!(zh.contains(unit), "no \"{unit}\" in:\n{zh}");
    }
    // The option goes after the subcommand too, and JSON stays English whatever the language.
    let out = run(&["report", site, "--from", "2026-11-04", "--to", "2026-11-05", "--lang=zh-CN"], &[]);
    let (json, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&json).expect("json");
    assert!(v["scopes"]["total_location_t"].as_f64().is_some_and(|x| x > 0.0));
}

/// Every option and argument of a --help has Chinese help, on its line or the next (the long form).
fn explained_in_chinese(help: &str) {
    let lines: Vec<&str> = help.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        if line.starts_with("  -") || line.starts_with("  [") || line.starts_with("  <") {
            assert!(has_cjk(line) || lines.get(i + 1).is_some_and(|next| has_cjk(next)), "an option without Chinese help: {line}\n{help}");
        }
    }
}

#[test]
fn help_is_in_the_language_of_lang() {
    let out = run(&["--lang", "zh-CN", "--help"], &[]);
    let (zh, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    for s in ["用法: plant-twin", "子命令:", "参数:", "选项:", "站点包文件夹", "显示帮助", "[默认值：600]", "示例："] {
        assert!(zh.contains(s), "no \"{s}\" in:\n{zh}");
    }
    // Every option and argument is explained in Chinese; none of clap's English is left.
    explained_in_chinese(&zh);
    for english in ["Usage:", "Options:", "Print help", "[default:", "possible values"] {
        assert!(!zh.contains(english), "\"{english}\" in:\n{zh}");
    }

    let out = run(&["--lang", "en", "--help"], &[]);
    let (en, _) = text(&out);
    assert!(out.status.success());
    for s in ["Usage:", "Commands:", "Options:", "Site package folder", "Print help", "[default: 600]", "--lang <LANG>"] {
        assert!(en.contains(s), "no \"{s}\" in:\n{en}");
    }
    assert!(!has_cjk(&en.replace("简体中文", "")), "Chinese in the English help:\n{en}");

    // Subcommands, and the system's language when no --lang is given.
    let out = run(&["report", "--help"], &[("LANG", "zh_CN.UTF-8")]);
    let (report, _) = text(&out);
    assert!(out.status.success() && report.contains("统计期起点") && report.contains("[可选值：json, csv, md, xlsx]"), "{report}");
    let out = run(&["optimise", "--help", "--lang", "zh-CN"], &[]);
    let (optimise, _) = text(&out);
    assert!(out.status.success() && optimise.contains("优化目标") && optimise.contains("电网排放因子"), "{optimise}");
    explained_in_chinese(&optimise);
}

#[test]
fn an_unknown_lang_is_refused_with_the_valid_values() {
    let out = run(&["--lang", "fr", "report", "nowhere"], &[]);
    let (stdout, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.contains("unknown language \"fr\"") && stderr.contains("en, zh-CN"), "{stderr}");
    // In the language the system would give.
    let out = run(&["--lang=klingon"], &[("LANG", "zh_CN.UTF-8")]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr.contains("错误") && stderr.contains("klingon") && stderr.contains("en, zh-CN"), "{stderr}");
    let out = run(&["eval", "potline", "--lang"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).1.contains("--lang needs a value"), "{}", text(&out).1);
}

#[test]
fn usage_errors_and_command_errors_are_in_the_chosen_language() {
    let out = run(&["--lang", "zh-CN", "--speed", "fast"], &[]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("错误：") && stderr.contains("'fast'") && stderr.contains("更多信息，请运行 '--help'"), "{stderr}");
    let out = run(&["--lang", "zh-CN", "--pasued"], &[]);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("无法识别的参数 '--pasued'") && stderr.contains("'--paused'") && stderr.contains("用法: plant-twin"), "{stderr}");
    let out = run(&["--lang", "en", "--speed", "fast"], &[]);
    let (_, stderr) = text(&out);
    assert!(stderr.contains("error: invalid value 'fast'"), "{stderr}");
    let out = run(&["--lang", "zh-CN", "eval", "potline", "--set", "acd=9"], &[]);
    let (_, stderr) = text(&out);
    assert!(!out.status.success() && stderr.contains("错误：") && stderr.contains("超出实际可行范围"), "{stderr}");
    let out = run(&["--lang", "zh-CN", "eval", "blast-furnace"], &[]);
    let (_, stderr) = text(&out);
    assert!(!out.status.success() && stderr.contains("'blast-furnace'") && stderr.contains("cement-kiln"), "{stderr}");
}

#[test]
fn eval_prints_its_table_in_the_chosen_language() {
    let out = run(&["--lang", "zh-CN", "eval", "cement-kiln"], &[]);
    let (zh, stderr) = text(&out);
    assert!(out.status.success(), "{stderr}");
    for s in ["参数", "产出", "每小时：", "约束（裕量 > 0：满足）", "范围一燃烧排放"] {
        assert!(zh.contains(s), "no \"{s}\" in:\n{zh}");
    }
    let out = run(&["--lang", "en", "eval", "cement-kiln"], &[]);
    let (en, _) = text(&out);
    assert!(en.contains("Settings") && en.contains("Per hour:") && en.contains("Limits (margin > 0: within)"), "{en}");
}
