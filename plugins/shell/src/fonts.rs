//! Fonts for every language the twin speaks. egui's default fonts have no CJK glyphs, so a Chinese
//! equipment name would be drawn as empty boxes. A subset of Noto Sans CJK SC (SIL OFL 1.1; every GB2312
//! character and the catalogues' and sample sites' text: assets/fonts/README.md) is bundled and added after
//! egui's own fonts, so Latin text keeps its look and Chinese falls through to it; a CJK font installed on
//! the system is added last, for rare characters outside the subset (names such as 镕, 堃).

use bevy_egui::egui::{self, FontData, FontDefinitions, FontFamily};

/// The bundled subset (1.6 MB).
pub const CJK_FONT: &[u8] = include_bytes!("../../../assets/fonts/NotoSansSC-Regular-subset.otf");

/// System CJK fonts tried for the fallback, in order: (file, face index in a collection).
const SYSTEM_CJK_FONTS: [(&str, u32); 7] = [
    ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 2), // i18n-ok: font files and font names
    ("/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc", 2),      // i18n-ok: font files and font names
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 0),         // i18n-ok: font files and font names
    ("/usr/share/fonts/truetype/arphic/uming.ttc", 0),             // i18n-ok: font files and font names
    ("C:\\Windows\\Fonts\\msyh.ttc", 0),                           // i18n-ok: font files and font names
    ("C:\\Windows\\Fonts\\simsun.ttc", 0),                         // i18n-ok: font files and font names
    ("/System/Library/Fonts/PingFang.ttc", 0),                     // i18n-ok: font files and font names
];

/// egui's default fonts, then the bundled CJK subset, then a system CJK font if one is installed.
///
/// `PLANT_TWIN_NO_CJK_FONT` set leaves both CJK fonts out: the zh-CN render test uses it for its control
/// image (Chinese drawn as missing-glyph boxes), to prove its glyph check tells boxes from characters.
pub fn font_definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    if std::env::var_os("PLANT_TWIN_NO_CJK_FONT").is_some() {
        return fonts;
    }
    add_fallback(&mut fonts, "noto-sans-sc-subset", FontData::from_static(CJK_FONT)); // i18n-ok: font files and font names
    if let Some((path, index)) = SYSTEM_CJK_FONTS.iter().find(|(p, _)| std::path::Path::new(p).is_file())
        && let Ok(bytes) = std::fs::read(path)
    {
        add_fallback(&mut fonts, "system-cjk", FontData { index: *index, ..FontData::from_owned(bytes) }); // i18n-ok: font files and font names
    }
    fonts
}

fn add_fallback(fonts: &mut FontDefinitions, name: &str, data: FontData) {
    fonts.font_data.insert(name.to_owned(), std::sync::Arc::new(data));
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        fonts.families.entry(family).or_default().push(name.to_owned());
    }
}

/// Installs [`font_definitions`] in an egui context.
pub fn install(ctx: &egui::Context) {
    ctx.set_fonts(font_definitions());
}
