#!/usr/bin/env bash
# Regenerates the screenshots in docs/ in both languages: docs/<name>.png in English and
# docs/zh-CN/<name>.png in Simplified Chinese (README.md and README.zh-CN.md show them). Each is the app
# rendered under Xvfb (+ Mesa lavapipe where there is no GPU). Needs xvfb-run and a Vulkan driver
# (apt-get install xvfb mesa-vulkan-drivers libvulkan1).
#
#   scripts/screenshot.sh            # all, both languages
#   scripts/screenshot.sh zh-CN      # one language
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/plant-twin-target}"
# The test build's feature set: a plain `cargo build` unifies features differently and would build Bevy again.
cargo test --workspace --no-run
app="$CARGO_TARGET_DIR/debug/plant-twin"
# A config folder of its own: a language remembered on this machine must not leak into the pictures.
export PLANT_TWIN_CONFIG_DIR="$(mktemp -d)"
trap 'rm -rf "$PLANT_TWIN_CONFIG_DIR"' EXIT

shoot() { # lang file size app-args...
  local lang="$1" file="$2" size="$3"
  shift 3
  local dir=docs
  [[ "$lang" == en ]] || dir="docs/$lang"
  mkdir -p "$dir"
  xvfb-run -a -s "-screen 0 ${size}x24" "$app" "$@" --lang "$lang" --size "$size" --screenshot "$dir/$file"
  echo "wrote $dir/$file"
}

# The historian's consent window: the cement plant imported into a VictoriaMetrics of its own (loopback, a
# temporary folder), opened from a package without data files.
historian_site=""
if command -v victoria-metrics > /dev/null 2>&1; then
  vm_dir="$(mktemp -d)"
  victoria-metrics -httpListenAddr=127.0.0.1:18428 -storageDataPath="$vm_dir/data" -retentionPeriod=100y > "$vm_dir/log" 2>&1 &
  vm_pid=$!
  trap 'kill $vm_pid 2> /dev/null; rm -rf "$PLANT_TWIN_CONFIG_DIR" "$vm_dir"' EXIT
  until curl -sf http://127.0.0.1:18428/health > /dev/null; do sleep 0.2; done
  historian_site="$vm_dir/site"
  mkdir -p "$historian_site"
  cp sample-sites/cement-plant/model.glb "$historian_site/"
  grep -v '^\[\[data\]\]\|^path = "data/\|^timestamp_column' sample-sites/cement-plant/site.toml > "$historian_site/site.toml"
  "$app" import sample-sites/cement-plant --to http://127.0.0.1:18428 2> /dev/null | sed -n '/^\[historian\]/,$p' >> "$historian_site/site.toml"
  cp -r "$historian_site" "$vm_dir/paged"
  echo 'paged = true' >> "$vm_dir/paged/site.toml"
  # The office building paged with the smallest cache: its record does not fit, the database sums it.
  mkdir -p "$vm_dir/office"
  cp sample-sites/office-building/model.glb "$vm_dir/office/"
  grep -v '^\[\[data\]\]\|^path = "data/\|^timestamp_column' sample-sites/office-building/site.toml > "$vm_dir/office/site.toml"
  "$app" import sample-sites/office-building --to http://127.0.0.1:18428 2> /dev/null | sed -n '/^\[historian\]/,$p' >> "$vm_dir/office/site.toml"
  printf 'paged = true\ncache_mb = 16\n' >> "$vm_dir/office/site.toml"
else
  echo "no victoria-metrics: historian.png not taken"
fi

for lang in ${1:-en zh-CN}; do
  [[ -z "$historian_site" ]] || shoot "$lang" historian.png 1600x1000 "$historian_site" --paused
  [[ -z "$historian_site" ]] || shoot "$lang" historian-paged.png 1600x1000 "$vm_dir/paged" --connect --at "2026-11-10 14:30" --select kiln-1 --paused
  [[ -z "$historian_site" ]] || shoot "$lang" historian-paged-flows.png 1600x1000 "$vm_dir/paged" --connect --at "2026-11-10 23:00" --flows energy --flows-window day --paused
  [[ -z "$historian_site" ]] || shoot "$lang" historian-paged-chart.png 1600x1000 "$vm_dir/paged" --connect --at "2026-11-10 14:30" --select kiln-1 --chart-window 7d --paused
  [[ -z "$historian_site" ]] || shoot "$lang" historian-summed-flows.png 1600x1000 "$vm_dir/office" --connect --at "2026-08-12 15:00" --flows energy --flows-window record --paused
  shoot "$lang" screenshot.png 1600x900 --at "2026-11-10 15:00" --select kiln-1
  shoot "$lang" flows.png 1600x900 --at "2026-11-10 15:00" --select kiln-1 --flows co2 --flows-window week
  shoot "$lang" trajectory.png 1600x1000 --at "2026-11-14 12:00" --flows co2 --flows-window day --paused
  shoot "$lang" smelter.png 1600x900 sample-sites/aluminium-smelter --at "2026-11-09 10:00" --colour-by voltage --select pot-037
  shoot "$lang" whatif.png 1600x1000 sample-sites/office-building --at "2026-08-12 15:00" --select chiller-1 --whatif
  shoot "$lang" forecast.png 1600x900 --at "2026-11-12 06:00" --select kiln-1 --forecast --paused
  shoot "$lang" alarms.png 1600x900 --at "2026-11-10 14:25" --select kiln-1 --alarms --paused
  shoot "$lang" anomalies.png 1600x900 --at "2026-11-10 15:00" --select kiln-1 --anomalies --paused
  shoot "$lang" training.png 1600x900 --training kiln-upset --at "2026-11-10 13:18" --alarms
  shoot "$lang" presentation.png 1600x900 sample-sites/aluminium-smelter --training anode-effect --at "2026-11-05 01:48" --alarms --presentation
  shoot "$lang" edit-mode.png 1600x1000 --at "2026-11-03 10:00" --edit --select kiln-1 --paused
  shoot "$lang" scenarios.png 1600x1000 sample-sites/office-building --at "2026-08-12 15:00" --scenarios comfort-and-green-power --flows co2 --flows-window record
done
