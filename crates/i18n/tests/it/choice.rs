use plant_i18n::Lang;

#[test]
fn locale_tags_of_every_platform_are_read() {
    for tag in ["zh-CN", "zh_CN.UTF-8", "zh-Hans-CN", "zh_SG.GB18030", "zh", "zh-TW", "zh_CN.UTF-8@pinyin"] {
        assert_eq!(Lang::from_tag(tag), Some(Lang::ZhCn), "{tag}");
    }
    for tag in ["en", "en_US.UTF-8", "en-GB", "EN_us"] {
        assert_eq!(Lang::from_tag(tag), Some(Lang::En), "{tag}");
    }
    for tag in ["C", "POSIX", "de_DE.UTF-8", "", "C.UTF-8"] {
        assert_eq!(Lang::from_tag(tag), None, "{tag}");
    }
    for lang in Lang::ALL {
        assert_eq!(Lang::from_tag(lang.code()), Some(lang));
    }
}

/// The choice in a child process, so the environment can be set for it alone.
fn choose_in_child(env: &[(&str, &str)], config: &std::path::Path, flag: Option<&str>) -> String {
    let mut cmd = std::process::Command::new(std::env::current_exe().expect("test binary"));
    cmd.args(["choice::child_prints_its_choice", "--exact", "--ignored", "--nocapture", "--test-threads=1"]);
    for var in ["LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"] {
        cmd.env_remove(var);
    }
    cmd.envs(env.iter().copied()).env("PLANT_TWIN_CONFIG_DIR", config).env("CHILD_FLAG", flag.unwrap_or(""));
    let out = cmd.output().expect("run child");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    stdout.lines().find_map(|l| l.split_once("CHOICE ").map(|(_, rest)| rest)).unwrap_or_else(|| panic!("no choice printed: {stdout}")).to_owned()
}

#[test]
#[ignore = "run by the_language_comes_from_flag_then_menu_then_system"]
fn child_prints_its_choice() {
    let flag = std::env::var("CHILD_FLAG").ok().and_then(|f| Lang::from_tag(&f));
    if let Ok(tag) = std::env::var("CHILD_REMEMBER") {
        plant_i18n::remember(Lang::from_tag(&tag).expect("tag")).expect("remember");
    }
    let (choice, warning) = plant_i18n::choose(flag);
    println!("CHOICE {} {:?} {}", choice.lang, choice.source, warning.is_some());
}

#[test]
fn the_language_comes_from_flag_then_menu_then_system() {
    let dir = std::env::temp_dir().join(format!("plant-i18n-choice-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    assert_eq!(choose_in_child(&[("LANG", "zh_CN.UTF-8")], &dir, None), "zh-CN System false");
    assert_eq!(choose_in_child(&[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_US.UTF-8")], &dir, None), "zh-CN System false");
    assert_eq!(choose_in_child(&[("LANG", "C")], &dir, None), "en Default false");
    assert_eq!(choose_in_child(&[("LANG", "zh_CN.UTF-8")], &dir, Some("en")), "en Flag false");
    // The menu's choice is remembered and wins over the system's language, not over --lang.
    assert_eq!(choose_in_child(&[("LANG", "zh_CN.UTF-8"), ("CHILD_REMEMBER", "en")], &dir, None), "en Remembered false");
    assert!(std::fs::read_to_string(dir.join("settings.toml")).expect("settings written").contains("language = \"en\""));
    assert_eq!(choose_in_child(&[("LANG", "zh_CN.UTF-8")], &dir, None), "en Remembered false");
    assert_eq!(choose_in_child(&[("LANG", "en_US.UTF-8")], &dir, Some("zh-CN")), "zh-CN Flag false");
    // A damaged settings file is passed over with a warning, never an error.
    std::fs::write(dir.join("settings.toml"), "language = [").expect("write");
    assert_eq!(choose_in_child(&[("LANG", "zh_CN.UTF-8")], &dir, None), "zh-CN System true");
    std::fs::write(dir.join("settings.toml"), "language = \"fr\"").expect("write");
    assert_eq!(choose_in_child(&[("LANG", "zh_CN.UTF-8")], &dir, None), "zh-CN System true");
    let _ = std::fs::remove_dir_all(&dir);
}
