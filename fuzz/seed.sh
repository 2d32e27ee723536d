#!/usr/bin/env bash
# Fills fuzz/corpus/<target>/ with seed inputs from the repository: the sample sites, the example sources
# file, the bundled factor sets, the first rows of the sample CSV data, small Parquet and GLB files made by
# seedgen.py (standard-library Python), and the hand-written seeds of fuzz/seeds/<target>/.
# Existing corpus files (what earlier runs found) are kept; seeds are (re)written under fixed names.
# Usage: fuzz/seed.sh [TARGET...]   (default: every target)
set -euo pipefail
fuzz="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$fuzz")"
corpus="$fuzz/corpus"
all=(site_toml sources_toml alarms_toml training_toml scenario_toml new_csv factor_set chiller_curves live_json prometheus_json historian_json mqtt_payload csv parquet glb forecast_series anomaly_series)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

# Largest sample model copied as it is; a larger one is seeded as its JSON chunk only.
MAX_GLB_BYTES=$((200 * 1024))

hand() { # hand-written seeds of a target
    local t=$1
    if [ -d "$fuzz/seeds/$t" ]; then cp "$fuzz/seeds/$t"/* "$corpus/$t/"; fi
}

for t in "${targets[@]}"; do
    dir="$corpus/$t"
    mkdir -p "$dir"
    case "$t" in
    site_toml)
        for f in "$repo"/sample-sites/*/site.toml; do cp "$f" "$dir/seed-$(basename "$(dirname "$f")").toml"; done
        cp "$fuzz/assets/small-site.toml" "$dir/seed-small-site.toml"
        ;;
    sources_toml)
        for f in "$repo"/sample-sites/*/sources*.toml; do
            [ -e "$f" ] && cp "$f" "$dir/seed-$(basename "$(dirname "$f")")-$(basename "$f")"
        done
        ;;
    alarms_toml)
        for f in "$repo"/sample-sites/*/alarms.toml; do
            [ -e "$f" ] && cp "$f" "$dir/seed-$(basename "$(dirname "$f")")-alarms.toml"
        done
        ;;
    training_toml)
        for f in "$repo"/sample-sites/*/training/*.toml; do
            [ -e "$f" ] && cp "$f" "$dir/seed-$(basename "$(dirname "$(dirname "$f")")")-$(basename "$f")"
        done
        ;;
    scenario_toml)
        for f in "$repo"/sample-sites/*/scenarios/*.toml; do
            [ -e "$f" ] && cp "$f" "$dir/seed-$(basename "$(dirname "$(dirname "$f")")")-$(basename "$f")"
        done
        ;;
    new_csv)
        for f in "$repo"/sample-sites/*/data/*.csv; do
            [ -e "$f" ] && head -c 20000 "$f" > "$dir/seed-$(basename "$f")"
        done
        printf 'Date;Kiln-1 drive [kW];Coal (t/h);Status\n10/11/2026 14:00;391.2;11.8;RUN\n' > "$dir/seed-day-first.csv"
        ;;
    factor_set)
        for f in "$repo"/assets/factors/*.toml; do cp "$f" "$dir/seed-$(basename "$f")"; done
        ;;
    chiller_curves) ;;
    live_json) ;;
    prometheus_json) ;;
    historian_json) ;;
    mqtt_payload) ;;
    forecast_series)
        # Two days of hourly samples (10 bytes each: a 3,600 s step, a value on a daily wave).
        python3 -c "import struct,math,sys; sys.stdout.buffer.write(b''.join(struct.pack('<Hd', 3600, 100 + 20 * math.sin(k / 24 * 6.283)) for k in range(48)))" > "$dir/seed-two-days"
        ;;
    anomaly_series)
        # Four alike meters, five days of 10-minute samples on a daily wave, one meter spiking and one stuck
        # (a header of start time and meter count, then 13 bytes a sample: meter, step in s, value).
        python3 -c "
import struct,math,sys
out=[struct.pack('<qB', 1767225600000, 0x80 | 3)]
for k in range(720):
    for m in range(4):
        v = 100 + 20 * math.sin(k / 144 * 6.283) + m
        if m == 1 and k == 300: v += 500
        if m == 2 and 400 <= k < 460: v = 42.0
        out.append(struct.pack('<BId', m, 600, v))
sys.stdout.buffer.write(b''.join(out))" > "$dir/seed-four-meters"
        ;;
    csv)
        for f in "$repo"/sample-sites/*/data/*.csv; do
            [ -e "$f" ] && head -n 51 "$f" > "$dir/seed-head50-$(basename "$f")"
        done
        ;;
    parquet)
        python3 "$fuzz/seedgen.py" parquet "$dir"
        ;;
    glb)
        for f in "$repo"/sample-sites/*/model.glb; do
            name="$(basename "$(dirname "$f")")"
            if [ "$(stat -c %s "$f")" -le "$MAX_GLB_BYTES" ]; then cp "$f" "$dir/seed-$name.glb"; fi
            python3 "$fuzz/seedgen.py" glb "$f" "$dir/seed-$name-json-only.glb"
        done
        python3 "$fuzz/seedgen.py" glb-json "$fuzz/seeds/glb/minimal.gltf" "$dir/seed-minimal.glb"
        ;;
    *)
        echo "unknown target $t (targets: ${all[*]})" >&2
        exit 2
        ;;
    esac
    hand "$t"
    echo "$t: $(find "$dir" -type f | wc -l) files in fuzz/corpus/$t"
done
