#!/usr/bin/env bash
# Regenerates docs/screenshot.png: the cement plant at a chosen time, rendered under Xvfb (+ lavapipe where
# there is no GPU). Needs xvfb-run and a Vulkan driver (apt-get install xvfb mesa-vulkan-drivers libvulkan1).
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-/var/tmp/plant-twin-target}"
cargo build -p plant-twin
xvfb-run -a -s "-screen 0 1600x900x24" "$CARGO_TARGET_DIR/debug/plant-twin" \
  --size 1600x900 --at "2026-11-10 15:00" --select kiln-1 --screenshot docs/screenshot.png
echo "wrote docs/screenshot.png"
xvfb-run -a -s "-screen 0 1600x900x24" "$CARGO_TARGET_DIR/debug/plant-twin" \
  --size 1600x900 --at "2026-11-10 15:00" --select kiln-1 --flows co2 --flows-window week --screenshot docs/flows.png
echo "wrote docs/flows.png"
xvfb-run -a -s "-screen 0 1600x900x24" "$CARGO_TARGET_DIR/debug/plant-twin" sample-sites/aluminium-smelter \
  --size 1600x900 --at "2026-11-09 10:00" --colour-by voltage --select pot-037 --screenshot docs/smelter.png
echo "wrote docs/smelter.png"
xvfb-run -a -s "-screen 0 1600x1000x24" "$CARGO_TARGET_DIR/debug/plant-twin" sample-sites/office-building \
  --size 1600x1000 --at "2026-08-12 15:00" --select chiller-1 --whatif --screenshot docs/whatif.png
echo "wrote docs/whatif.png"
