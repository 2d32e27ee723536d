#!/usr/bin/env bash
# CI's short fuzz pass (RELIABILITY.md): installs the pinned cargo-fuzz if missing, seeds the corpora,
# builds every target, first replays every committed finding (fuzz/regressions/<target>/), then fuzzes
# every target briefly (FUZZ_CI_RUNS inputs or FUZZ_CI_SECONDS seconds, whichever comes first, from a fixed
# seed FUZZ_CI_SEED so a run can be repeated). Fails on any crash, OOM or timeout; the input is left in
# fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")/.."

CARGO_FUZZ_VERSION=0.13.2
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"
export FUZZ_TARGET_DIR="${FUZZ_TARGET_DIR:-/var/tmp/plant-twin-fuzz-target}"
export POLARS_MAX_THREADS="${POLARS_MAX_THREADS:-1}"
runs="${FUZZ_CI_RUNS:-20000}"
seconds="${FUZZ_CI_SECONDS:-10}"
seed="${FUZZ_CI_SEED:-1}"
targets=(site_toml sources_toml alarms_toml training_toml scenario_toml new_csv factor_set chiller_curves live_json prometheus_json historian_json mqtt_payload csv parquet glb forecast_series anomaly_series)

if [ "$(cargo fuzz --version 2> /dev/null || true)" != "cargo-fuzz $CARGO_FUZZ_VERSION" ]; then
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --force
fi

fuzz/seed.sh > /dev/null
# Each fuzz executable is about half a gigabyte, and every dependency change leaves the old ones beside the new;
# CI relinks them all anyway (a clean clone's crates are new to the target dir), so the old ones go first (once
# they filled the disk: 60 of them, 34 GB, and the linker died with a bus error).
find "$FUZZ_TARGET_DIR/x86_64-unknown-linux-gnu/debug/deps" -maxdepth 1 -type f -perm -u+x ! -name '*.so' -delete 2> /dev/null || true
# The dev profile (fuzz/Cargo.toml: dependencies at opt-level 1, line tables): CI fuzzes seconds a target,
# so a build that is quicker to make from cold matters more than inputs per second. The million-input runs
# of scripts/fuzz.sh use the optimised release build (RELIABILITY.md, TESTING.md).
echo "== fuzz: building ${#targets[@]} targets (stable, --sanitizer none, dev profile) into $FUZZ_TARGET_DIR"
cargo fuzz build --dev --sanitizer none --target-dir "$FUZZ_TARGET_DIR"
bin="$FUZZ_TARGET_DIR/x86_64-unknown-linux-gnu/debug"
limits=(-rss_limit_mb=2048 -malloc_limit_mb=2048 -max_len=1048576 -timeout=10)

failed=()
for t in "${targets[@]}"; do
    if [ -d "fuzz/regressions/$t" ] && [ -n "$(ls -A "fuzz/regressions/$t")" ]; then
        echo "== fuzz: $t: replaying fuzz/regressions/$t"
        "$bin/$t" "${limits[@]}" "fuzz/regressions/$t"/* > /dev/null 2>&1 || failed+=("$t (regression replay)")
    fi
    echo "== fuzz: $t: up to $runs inputs or ${seconds}s"
    mkdir -p "fuzz/artifacts/$t"
    log="$(mktemp)"
    if "$bin/$t" "${limits[@]}" -runs="$runs" -max_total_time="$seconds" -seed="$seed" -print_final_stats=1 \
        -artifact_prefix="fuzz/artifacts/$t/" "fuzz/corpus/$t" > "$log" 2>&1; then
        grep -E "^(Done|stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb))" "$log" | tr '\n' ' '
        echo
    else
        tail -n 40 "$log"
        failed+=("$t")
    fi
    rm -f "$log"
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "== fuzz: FAILED: ${failed[*]}" >&2
    exit 1
fi
echo "== fuzz: all ${#targets[@]} targets ran without a crash"
