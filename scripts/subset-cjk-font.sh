#!/usr/bin/env bash
# Rebuilds assets/fonts/NotoSansSC-Regular-subset.otf, the bundled Simplified Chinese font, from Debian's
# fonts-noto-cjk (the "Noto Sans CJK SC" face of NotoSansCJK-Regular.ttc), then verifies it. The character
# set and pyftsubset options are in scripts/subset-cjk-font.py; assets/fonts/README.md says why.
#
#   scripts/subset-cjk-font.sh             # build + verify (apt-get installs fonts-noto-cjk if missing)
#   scripts/subset-cjk-font.sh --verify    # verify the committed file only
#   scripts/subset-cjk-font.sh --compare   # print the size each pyftsubset option gives; writes nothing
#
# Pinned for a byte-identical result: Debian bookworm's fonts-noto-cjk 1:20220127+repack1-1 (Noto Sans CJK
# 2.004) and fonttools 4.68.0, in a venv outside the work tree (override with PLANT_TWIN_VENV).
set -euo pipefail
cd "$(dirname "$0")/.."

FONTTOOLS_VERSION=4.68.0
NOTO_DEB_VERSION=1:20220127+repack1-1
SOURCE=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
VENV="${PLANT_TWIN_VENV:-/var/tmp/plant-twin-venv}"

if [[ ! -f "$SOURCE" ]]; then
  if [[ "${1:-}" == "--verify" ]]; then :; else
    echo "installing fonts-noto-cjk (needs root)" >&2
    apt-get install -y fonts-noto-cjk || { apt-get update && apt-get install -y fonts-noto-cjk; }
  fi
fi
if [[ -f "$SOURCE" ]]; then
  have="$(dpkg-query -W -f='${Version}' fonts-noto-cjk 2>/dev/null || echo unknown)"
  [[ "$have" == "$NOTO_DEB_VERSION" ]] ||
    echo "warning: fonts-noto-cjk is $have, not $NOTO_DEB_VERSION: the output will differ from the committed file" >&2
fi

if [[ "$("$VENV/bin/python" -c 'import fontTools; print(fontTools.version)' 2>/dev/null)" != "$FONTTOOLS_VERSION" ]]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet "fonttools==$FONTTOOLS_VERSION"
fi

exec "$VENV/bin/python" scripts/subset-cjk-font.py --source "$SOURCE" "$@"
