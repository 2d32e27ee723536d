#!/usr/bin/env python3
"""Builds assets/fonts/NotoSansSC-Regular-subset.otf: the Simplified Chinese face of Debian's Noto Sans CJK
Regular collection, cut down to the characters the UI can show (GB2312, Latin-1 and the symbol blocks that
units and numbers use, and every character of the repository's UI text). egui ships no CJK font, so without
it Chinese text is drawn as empty boxes. Run it through scripts/subset-cjk-font.sh, which pins fonttools.

    scripts/subset-cjk-font.sh             # build, then verify
    scripts/subset-cjk-font.sh --verify    # only verify the committed file
    scripts/subset-cjk-font.sh --compare   # size of each pyftsubset option tried (nothing written)

The output is byte-for-byte reproducible for the same source font, fonttools and Python versions
(the subsetter keeps head.modified from the source, so no timestamp changes).
"""
import argparse
import glob
import hashlib
import os
import sys
import tempfile

from fontTools import subset, version as fonttools_version
from fontTools.ttLib import TTCollection, TTFont

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SOURCE = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
FACE = "Noto Sans CJK SC"
OUT = os.path.join(ROOT, "assets", "fonts", "NotoSansSC-Regular-subset.otf")

# Files whose text the UI shows; globbed relative to the repository root, missing ones are skipped.
UI_TEXT_GLOBS = ["assets/locales/**/*.ftl", "assets/factors/*.toml", "sample-sites/*/site.toml", "docs/glossary*.md"]

# Unicode blocks kept whole, besides GB2312 and the repository's text.
BLOCKS = [
    (0x0020, 0x007E, "ASCII"),
    (0x00A0, 0x00FF, "Latin-1 Supplement (° ² ³ · ×)"),
    (0x2000, 0x206F, "General Punctuation (— … ‰ ′)"),
    (0x2070, 0x209F, "Superscripts and Subscripts (⁴; the source has no ₀-₉)"),
    (0x2100, 0x214F, "Letterlike Symbols (℃ №)"),
    (0x2190, 0x21FF, "Arrows"),
    (0x2200, 0x22FF, "Mathematical Operators (− ≤ ⋅)"),
    (0x3000, 0x303F, "CJK Symbols and Punctuation"),
    (0x3380, 0x33DF, "CJK Compatibility, SI unit squares (㎡ ㎥ ㎏)"),
    (0xFF00, 0xFFEF, "Halfwidth and Fullwidth Forms"),
]

TEST_STRINGS = [
    "回转窑 熟料 生料 分解炉 篦冷机 电解槽 标准煤 范围一 范围二 排放因子 过程排放 基于位置 基于市场",
    "m³/h °C tCO₂ kWh/t",
]
RARE_NAMES = "镕堃"  # outside GB2312: left to the system-font fallback

# pyftsubset options (sizes of each in the README, from --compare): no CFF stem hints (egui renders
# unhinted), CFF subroutines kept (--desubroutinize makes this font bigger), no GSUB/GPOS (ideographs neither
# kern nor ligate; pyftsubset's default features would pull in ~1.3 MB of alternates; egui's own default font
# still draws Latin), no vertical metrics or BASE (egui lays text out horizontally), the licence and copyright
# name records kept, and an outlined .notdef box.
OPTIONS = [
    "--no-hinting",
    "--layout-features=",
    "--drop-tables+=vhea,vmtx,VORG,BASE",
    "--name-IDs=0,1,2,3,4,5,6,7,8,9,10,11,12,13,14",
    "--notdef-outline",
]

# Variants for --compare: each one changes OPTIONS in one respect, to show what that costs or saves.
def _without(prefix):
    return [o for o in OPTIONS if not o.startswith(prefix)]


VARIANTS = [
    ("pyftsubset defaults (hints, subroutines, default layout features, vertical tables)", []),
    ("chosen options", OPTIONS),
    ("chosen, but keep hinting", _without("--no-hinting")),
    ("chosen, plus --desubroutinize", OPTIONS + ["--desubroutinize"]),
    ("chosen, but keep kern+liga (GPOS/GSUB)", _without("--layout-features") + ["--layout-features=kern,liga"]),
    ("chosen, but keep pyftsubset's default layout features", _without("--layout-features")),
    ("chosen, but keep all layout features", _without("--layout-features") + ["--layout-features=*"]),
    ("chosen, but keep vertical tables and BASE", _without("--drop-tables")),
]


def gb2312_chars():
    """Every character of GB2312: each valid two-byte code (rows 0xA1-0xF7, cells 0xA1-0xFE) decoded."""
    chars = set()
    for hi in range(0xA1, 0xF8):
        for lo in range(0xA1, 0xFF):
            try:
                chars.add(bytes([hi, lo]).decode("gb2312"))
            except UnicodeDecodeError:
                pass
    return chars


def ui_text_chars():
    chars, files = set(), []
    for pattern in UI_TEXT_GLOBS:
        for path in sorted(glob.glob(os.path.join(ROOT, pattern), recursive=True)):
            with open(path, encoding="utf-8") as f:
                chars.update(c for c in f.read() if c.isprintable() and not c.isspace())
            files.append(os.path.relpath(path, ROOT))
    return chars, files


def wanted_codepoints():
    gb = gb2312_chars()
    ui, files = ui_text_chars()
    cps = {ord(c) for c in gb | ui}
    for lo, hi, _ in BLOCKS:
        cps.update(range(lo, hi + 1))
    for s in TEST_STRINGS:
        cps.update(ord(c) for c in s)
    return cps, gb, ui, files


def face_index(source, name):
    coll = TTCollection(source, lazy=True)
    for i, font in enumerate(coll.fonts):
        if font["name"].getDebugName(4) == name:  # full name, e.g. "Noto Sans CJK SC"
            return i
    sys.exit(f"no face named {name!r} in {source}")


def build(source, index, codepoints, out, args):
    """Subsets face `index` of `source` to `codepoints` (those the face maps) with pyftsubset options `args`."""
    options = subset.Options()
    options.parse_opts(args + [f"--font-number={index}"])
    font = subset.load_font(source, options, dontLoadGlyphNames=not options.glyph_names)
    cmap = font.getBestCmap()
    kept = sorted(cp for cp in codepoints if cp in cmap)
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=kept)
    subsetter.subset(font)
    subset.save_font(font, out, options)
    font.close()
    return kept, sorted(cp for cp in codepoints if cp not in cmap)


def egui_default_font_cmaps():
    """cmaps of egui's own fonts (epaint_default_fonts) if a cargo registry here has them; else {}."""
    home = os.environ.get("CARGO_HOME", os.path.expanduser("~/.cargo"))
    paths = sorted(glob.glob(os.path.join(home, "registry/src/*/epaint_default_fonts-*/fonts/*.ttf")))
    return {os.path.basename(p): TTFont(p, lazy=True).getBestCmap() for p in paths}


def verify(path, gb, ui, source=SOURCE, face=FACE):
    """Checks the subset against the test strings, GB2312 and the UI text. A character missing from the subset
    fails only if the source face has it; one the source lacks is reported with the egui font that draws it."""
    font = TTFont(path, lazy=True)
    cmap = font.getBestCmap()
    name = font["name"]
    src = TTFont(source, fontNumber=face_index(source, face), lazy=True).getBestCmap() if os.path.exists(source) else None
    egui = egui_default_font_cmaps()
    ok = True
    print(f"{os.path.relpath(path, ROOT)}: {os.path.getsize(path)} bytes, {len(cmap)} characters, "
          f"{font['maxp'].numGlyphs} glyphs, outlines: {'CFF' if 'CFF ' in font else 'glyf'}, "
          f"tables: {' '.join(sorted(t.strip() for t in font.keys() if t != 'GlyphOrder'))}")
    print(f"  name: {name.getDebugName(4)!r}, {name.getDebugName(5)!r}")
    with open(path, "rb") as f:
        print(f"  sha256: {hashlib.sha256(f.read()).hexdigest()}")

    def explain(c):
        if src is None:
            return f"{c} U+{ord(c):04X}"
        where = [n for n, m in egui.items() if ord(c) in m]
        return (f"{c} U+{ord(c):04X} (" + ("in the source face: subset bug" if ord(c) in src else
                "not in the source face either; egui default font with it: " + (", ".join(where) or "none found")) + ")")

    def bad(missing):  # a character the source has but the subset lost, or any if the source is unknown
        return [c for c in missing if src is None or ord(c) in src]

    for s in TEST_STRINGS:
        missing = sorted({c for c in s if c != " " and ord(c) not in cmap})
        ok &= not bad(missing)
        tag = "FAIL" if bad(missing) else "NOTE" if missing else "OK  "
        print(f"  {tag} {s!r}" + (f"; missing {'; '.join(explain(c) for c in missing)}" if missing else ""))
    for what, chars in (("GB2312", gb), ("repository UI text", ui)):
        missing = sorted(c for c in chars if ord(c) not in cmap)
        ok &= not bad(missing)
        tag = "FAIL" if bad(missing) else "NOTE" if missing else "OK  "
        print(f"  {tag} {what}: {len(chars) - len(missing)} of {len(chars)} covered"
              + (f"; missing {'; '.join(explain(c) for c in missing)}" if missing else ""))
    for c in RARE_NAMES:
        print(f"  rare name character {c} U+{ord(c):04X}: in GB2312: {'yes' if c in gb else 'no'}; "
              f"in source face: {'?' if src is None else 'yes' if ord(c) in src else 'no'}; "
              f"in subset: {'yes' if ord(c) in cmap else 'no (needs a system-font fallback)'}")
    print("verification " + ("passed" if ok else "FAILED"))
    font.close()
    return ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--source", default=SOURCE)
    ap.add_argument("--face", default=FACE, help="full name (name ID 4) of the face to take from the collection")
    ap.add_argument("--out", default=OUT)
    ap.add_argument("--verify", action="store_true", help="only verify --out")
    ap.add_argument("--compare", action="store_true", help="print the size of each option variant; write nothing")
    a = ap.parse_args()

    cps, gb, ui, files = wanted_codepoints()
    if a.verify:
        sys.exit(0 if verify(a.out, gb, ui, a.source, a.face) else 1)

    index = face_index(a.source, a.face)
    print(f"fonttools {fonttools_version}, Python {sys.version.split()[0]}")
    print(f"source: {a.source}, face {index} = {a.face!r}")
    print(f"UI text scanned: {', '.join(files) or '(none found)'}")

    if a.compare:
        with tempfile.TemporaryDirectory() as tmp:
            for label, extra in VARIANTS:
                out = os.path.join(tmp, "v.otf")
                build(a.source, index, cps, out, extra)
                print(f"  {os.path.getsize(out):>9} bytes  {label}")
        return

    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    kept, absent = build(a.source, index, cps, a.out, OPTIONS)
    print(f"pyftsubset options: {' '.join(OPTIONS)}")
    print(f"kept {len(kept)} characters ({len(gb)} GB2312, {len(ui)} from UI text, blocks: "
          f"{'; '.join(b[2] for b in BLOCKS)}); {len(absent)} requested code points have no glyph in the source")
    sys.exit(0 if verify(a.out, gb, ui, a.source, a.face) else 1)


if __name__ == "__main__":
    main()
