//! English and 简体中文 for the whole product (docs/i18n.md).
//!
//! - The catalogues are Fluent files, one folder per language (`assets/locales/en`, `assets/locales/zh-CN`),
//!   one file per plugin or crate inside it; they are compiled into the binary. Terms follow docs/glossary.md.
//! - Code never shows a literal: it asks for a message by id, [`t!`] for the UI's own words and [`msg!`] for a
//!   message a domain crate returns (a [`Msg`], resolved when it is shown, so a diagnostic switches language
//!   with the rest of the screen and keeps its file and line).
//! - The language is one process-wide setting ([`current`]/[`set_current`]): chosen from `--lang`, then the
//!   choice remembered in the user's config folder, then the system locale ([`choose`]). The viewer mirrors it
//!   in a Bevy resource so a switch redraws every panel at once.
//! - Dates and numbers in the language's style: [`datetime`] writes `2026-11-10 15:00` or `2026年11月10日 15:00`.

mod format;
mod settings;

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader};

pub use format::{date, datetime, datetime_secs, decimal, integer, month_day_time, time};
pub use settings::{Choice, ChoiceSource, choose, config_dir, remember, remembered, system_lang};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "../../assets/locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: egui draws them as boxes.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// A language the product is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    ZhCn,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhCn];

    /// The BCP 47 tag of its catalogue folder and of `--lang`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
        }
    }

    /// Its name in itself, for the language menu.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhCn => "简体中文",
        }
    }

    /// Reads a BCP 47 tag (`zh-CN`, `zh-Hans-CN`, `en-GB`) or a POSIX locale (`zh_CN.UTF-8`, `en_US`,
    /// `zh_SG.GB18030@euro`). Every Chinese locale reads as Simplified Chinese, the only Chinese catalogue;
    /// `C`, `POSIX` and other languages are `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let base = tag.split(['.', '@']).next().unwrap_or("");
        let primary = base.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::ZhCn),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn langid(self) -> LanguageIdentifier {
        match self {
            Lang::En => fluent_templates::langid!("en"),
            Lang::ZhCn => fluent_templates::langid!("zh-CN"),
        }
    }

    fn index(self) -> u8 {
        match self {
            Lang::En => 0,
            Lang::ZhCn => 1,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// The language every message is shown in now.
pub fn current() -> Lang {
    if CURRENT.load(Ordering::Relaxed) == Lang::ZhCn.index() { Lang::ZhCn } else { Lang::En }
}

/// Switches the language of every message from now on (the viewer redraws on its next frame).
pub fn set_current(lang: Lang) {
    CURRENT.store(lang.index(), Ordering::Relaxed);
}

/// A name a file gives in both languages, in the language the user reads: the Chinese one (`name_zh`) when
/// the language is Chinese and one is given, else the English (or only) name, else `fallback` (an id).
pub fn localised<'a>(name: &'a str, name_zh: Option<&'a str>, fallback: &'a str) -> &'a str {
    let zh = name_zh.filter(|z| !z.trim().is_empty());
    match (current(), zh) {
        (Lang::ZhCn, Some(z)) => z,
        _ if !name.trim().is_empty() => name,
        (_, Some(z)) => z,
        _ => fallback,
    }
}

/// A message argument: text, or a number (for plural and number selection in the catalogue).
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    Str(String),
    Num(f64),
    /// A message inside a message (a reason, a unit's name), resolved in the same language as its host.
    Msg(Box<Msg>),
}

macro_rules! arg_from_number {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn from(v: $t) -> Self { Arg::Num(v as f64) }
        }
    )*};
}
arg_from_number!(f64, f32, i32, i64, u32, u64, usize, u8, u16, i16);

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Str(v.to_owned())
    }
}
impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Str(v)
    }
}
impl From<&String> for Arg {
    fn from(v: &String) -> Self {
        Arg::Str(v.clone())
    }
}
impl From<Cow<'_, str>> for Arg {
    fn from(v: Cow<'_, str>) -> Self {
        Arg::Str(v.into_owned())
    }
}
impl From<&Msg> for Arg {
    fn from(v: &Msg) -> Self {
        Arg::Msg(Box::new(v.clone()))
    }
}
impl From<Msg> for Arg {
    fn from(v: Msg) -> Self {
        Arg::Msg(Box::new(v))
    }
}

impl Arg {
    fn to_fluent(&self, lang: Lang) -> FluentValue<'static> {
        match self {
            Arg::Str(s) => FluentValue::from(s.clone()),
            Arg::Num(n) => FluentValue::from(*n),
            Arg::Msg(m) => FluentValue::from(m.text_in(lang)),
        }
    }
}

/// The message `id` in the current language.
pub fn tr(id: &str) -> String {
    tr_in(current(), id)
}

/// The message `id` with its arguments in the current language.
pub fn tr_args(id: &str, args: &[(&str, Arg)]) -> String {
    tr_args_in(current(), id, args)
}

/// The message `id` in `lang`. A message missing from `lang`'s catalogue falls back to English, and one
/// missing from both shows its id (the catalogue tests make both impossible in a build that passed CI).
pub fn tr_in(lang: Lang, id: &str) -> String {
    tr_args_in(lang, id, &[])
}

/// The message `id` with its arguments in `lang`.
pub fn tr_args_in(lang: Lang, id: &str, args: &[(&str, Arg)]) -> String {
    let map: Option<HashMap<Cow<'static, str>, FluentValue<'static>>> =
        if args.is_empty() { None } else { Some(args.iter().map(|(k, v)| (Cow::Owned((*k).to_owned()), v.to_fluent(lang))).collect()) };
    LOCALES.try_lookup_complete(&lang.langid(), id, map.as_ref()).or_else(|| LOCALES.try_lookup_complete(&Lang::En.langid(), id, map.as_ref())).unwrap_or_else(|| id.to_owned())
}

/// A message a domain crate returns: an id of the catalogue and its arguments, turned into words only when
/// shown ([`Msg::text`], or `Display` in the current language).
#[derive(Clone, Debug, PartialEq)]
pub struct Msg {
    pub id: Cow<'static, str>,
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    pub fn new(id: impl Into<Cow<'static, str>>) -> Self {
        Self { id: id.into(), args: Vec::new() }
    }

    /// Adds the argument `$name` of the message.
    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The message in the current language.
    pub fn text(&self) -> String {
        self.text_in(current())
    }

    pub fn text_in(&self, lang: Lang) -> String {
        tr_args_in(lang, &self.id, &self.args)
    }

    /// The value of argument `name`, if given (tests and callers that need the data behind the words).
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(k, _)| *k == name).map(|(_, v)| v)
    }
}

impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

/// The UI's own words: `t!("timeline-play")`, `t!("inspector-samples", count = n)`.
#[macro_export]
macro_rules! t {
    ($id:literal) => {
        $crate::tr($id)
    };
    ($id:literal, $($k:ident = $v:expr),+ $(,)?) => {
        $crate::tr_args($id, &[$((stringify!($k), $crate::Arg::from($v))),+])
    };
}

/// A message for later: `msg!("site-unknown-meter", id = m)` is a [`Msg`] resolved when shown.
#[macro_export]
macro_rules! msg {
    ($id:literal) => {
        $crate::Msg::new($id)
    };
    ($id:literal, $($k:ident = $v:expr),+ $(,)?) => {
        $crate::Msg::new($id)$(.with(stringify!($k), $v))+
    };
}
