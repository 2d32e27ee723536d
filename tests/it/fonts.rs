//! Chinese text is drawn with real glyphs: the bundled CJK subset covers the glossary's terms and units
//! mixed with Latin, where egui's own fonts have none (the empty boxes this fixes).

use bevy_egui::egui::{self, FontId};

fn drawable(ctx: &egui::Context, text: &str) -> bool {
    ctx.fonts_mut(|f| f.has_glyphs(&FontId::proportional(14.0), text) && f.has_glyphs(&FontId::monospace(14.0), text))
}

#[test]
fn the_bundled_font_draws_chinese_terms_and_mixed_units() {
    let ctx = egui::Context::default();
    plant_shell::fonts::install(&ctx);
    ctx.run_ui(egui::RawInput::default(), |_| {}).textures_delta.clear();
    for text in [
        "回转窑 熟料 生料 分解炉 篦冷机 电解槽 标准煤",
        "范围一 范围二 排放 排放因子 过程排放 基于位置 基于市场",
        "水泥熟料线 5,000 t/d：m³/h °C tCO₂ kWh/t（2026年11月10日 15:00）",
    ] {
        // Beyond Latin-1 (egui's own fonts draw that; its `has_glyph` answers false for characters of the face
        // that also holds the replacement glyph, so it cannot be asked about them).
        let missing: String = text.chars().filter(|c| *c > '\u{ff}' && !drawable(&ctx, &c.to_string())).collect();
        assert!(missing.is_empty(), "no glyphs for {missing:?} in {text}");
    }
    let bare = egui::Context::default();
    bare.run_ui(egui::RawInput::default(), |_| {}).textures_delta.clear();
    assert!(!drawable(&bare, "回转窑"), "egui's defaults were expected to lack CJK glyphs");
}
