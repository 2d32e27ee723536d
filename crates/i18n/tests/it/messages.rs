use plant_i18n::{Lang, Msg, msg, tr_args_in, tr_in};

#[test]
fn a_message_resolves_in_both_languages_with_its_arguments() {
    assert_eq!(tr_in(Lang::En, "language-menu"), "Language");
    assert_eq!(tr_in(Lang::ZhCn, "language-menu"), "语言");
    let args = [("name", plant_i18n::Arg::from("简体中文")), ("path", "/x/settings.toml".into())];
    assert_eq!(tr_args_in(Lang::ZhCn, "language-remembered", &args), "语言：简体中文（已保存到 /x/settings.toml）");
    assert_eq!(tr_args_in(Lang::En, "language-remembered", &args), "Language: 简体中文 (remembered in /x/settings.toml)");
}

#[test]
fn no_isolation_marks_around_arguments() {
    let s = tr_args_in(Lang::En, "language-remembered", &[("name", "x".into()), ("path", "y".into())]);
    assert!(!s.contains('\u{2068}') && !s.contains('\u{2069}'), "{s:?}");
}

#[test]
fn an_unknown_id_shows_itself() {
    assert_eq!(tr_in(Lang::ZhCn, "no-such-message"), "no-such-message");
}

#[test]
fn a_msg_keeps_its_arguments_and_resolves_late() {
    let m: Msg = msg!("language-not-remembered", name = "English", error = "read-only");
    assert_eq!(m.arg("error"), Some(&plant_i18n::Arg::Str("read-only".into())));
    assert_eq!(m.text_in(Lang::En), "Language: English (could not be remembered: read-only)");
    assert_eq!(m.text_in(Lang::ZhCn), "语言：English（未能保存：read-only）");
}

#[test]
fn a_message_inside_a_message_follows_the_language_of_its_host() {
    let inner = msg!("language-menu");
    let outer = msg!("language-not-remembered", name = "x", error = inner);
    assert_eq!(outer.text_in(Lang::En), "Language: x (could not be remembered: Language)");
    assert_eq!(outer.text_in(Lang::ZhCn), "语言：x（未能保存：语言）");
}
