#!/usr/bin/env bash
# Runs one fuzz target of fuzz/ (cargo fuzz on the stable toolchain, --sanitizer none; RELIABILITY.md).
#
#   scripts/fuzz.sh TARGET [RUNS] [LIBFUZZER_OPTION...]   fuzz RUNS inputs (default 1,000,000)
#   scripts/fuzz.sh TARGET FILE...                        run the given inputs once each (reproduce)
#
# Targets: site_toml sources_toml alarms_toml training_toml scenario_toml new_csv factor_set chiller_curves live_json
# prometheus_json historian_json mqtt_payload csv parquet glb forecast_series anomaly_series.
# The corpus is fuzz/corpus/TARGET (seeded by fuzz/seed.sh when empty); a crash, OOM or timeout stops the
# run and its input is written to fuzz/artifacts/TARGET/. With FUZZ_KEEP_GOING=1 the run goes on past
# them instead (libFuzzer's -fork=1 with -ignore_crashes/-ignore_ooms/-ignore_timeouts: each batch of
# inputs runs in a child process) and every one found is saved there. The log goes to
# $FUZZ_LOG_DIR/TARGET-<time>.log; the figures (inputs run, exec/s, peak RSS, findings) are printed last.
# The build is -j1 unless CARGO_BUILD_JOBS says otherwise; its target dir is persistent, outside the repo.
set -euo pipefail
cd "$(dirname "$0")/.."

target="${1:?usage: scripts/fuzz.sh TARGET [RUNS] [LIBFUZZER_OPTION...] | TARGET FILE...}"
shift

export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"
FUZZ_TARGET_DIR="${FUZZ_TARGET_DIR:-/var/tmp/plant-twin-fuzz-target}"
FUZZ_LOG_DIR="${FUZZ_LOG_DIR:-/var/tmp/plant-twin-fuzz-logs}"
# One polars thread (the targets set it too, if it is unset).
export POLARS_MAX_THREADS="${POLARS_MAX_THREADS:-1}"

case "$target" in
site_toml | sources_toml | alarms_toml | training_toml | scenario_toml | new_csv | factor_set | chiller_curves | live_json | prometheus_json | historian_json | mqtt_payload | csv | parquet | glb | forecast_series | anomaly_series) ;;
*)
    echo "unknown fuzz target \"$target\"" >&2
    exit 2
    ;;
esac
# Largest input: 1 MiB for every target (text formats, and the binary ones: the sample models' JSON
# chunks are at most 250 KB, the seed CSV heads 17 KB). Memory: 2 GiB of RSS per process (libFuzzer's
# RSS thread; -malloc_limit_mb needs a sanitizer's allocator hooks and is inert in this build, see
# RELIABILITY.md). A single input may take 10 s.
limits=(-rss_limit_mb=2048 -malloc_limit_mb=2048 -max_len=1048576 -timeout=10)

command -v cargo-fuzz > /dev/null || {
    echo "cargo-fuzz is not installed: cargo install cargo-fuzz --version 0.13.2 --locked" >&2
    exit 2
}
cargo fuzz build --sanitizer none --codegen-units 16 --target-dir "$FUZZ_TARGET_DIR" "$target"
bin="$FUZZ_TARGET_DIR/x86_64-unknown-linux-gnu/release/$target"

# Reproduce: every argument is an input file.
if [ $# -gt 0 ] && [ -f "$1" ]; then
    exec "$bin" "${limits[@]}" "$@"
fi

runs="${1:-1000000}"
[ $# -gt 0 ] && shift

corpus="fuzz/corpus/$target"
artifacts="fuzz/artifacts/$target"
if [ -z "$(ls -A "$corpus" 2> /dev/null)" ]; then fuzz/seed.sh "$target"; fi
mkdir -p "$FUZZ_LOG_DIR" "$artifacts"
log="$FUZZ_LOG_DIR/$target-$(date -u +%Y%m%dT%H%M%SZ).log"
keep_going=()
if [ -n "${FUZZ_KEEP_GOING:-}" ]; then keep_going=(-fork=1 -ignore_crashes=1 -ignore_ooms=1 -ignore_timeouts=1); fi
before="$(find "$artifacts" -type f | wc -l)"

set +e
# /usr/bin/time reports the largest RSS of the fuzzer and of any child it ran (fork mode).
/usr/bin/time -f "peak RSS of the process tree: %M KB, wall %e s" "$bin" "${limits[@]}" "${keep_going[@]}" \
    -runs="$runs" -print_final_stats=1 -artifact_prefix="$artifacts/" "$@" "$corpus" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

stat() { grep -o "^stat::$1: *[0-9.]*" "$log" | tail -1 | awk '{print $2}'; }
echo "---"
echo "target:         $target"
if [ ${#keep_going[@]} -gt 0 ]; then
    # Fork mode: the parent's last progress line "#RUNS: cov: … exec/s: … oom/timeout/crash: O/T/C time: Ns".
    last="$(grep -E '^#[0-9]+: cov:' "$log" | tail -1)"
    inputs="$(sed -E 's/^#([0-9]+):.*/\1/' <<< "$last")"
    secs="$(sed -E 's/.* time: ([0-9]+)s.*/\1/' <<< "$last")"
    echo "inputs run:     $inputs"
    echo "exec/s:         $(awk -v n="$inputs" -v s="$secs" 'BEGIN { if (s > 0) printf "%d", n / s; else print "?" }') (inputs / wall seconds of the run, $secs s)"
    echo "oom/timeout/crash: $(sed -E 's/.*oom\/timeout\/crash: ([0-9]+\/[0-9]+\/[0-9]+).*/\1/' <<< "$last")"
else
    echo "inputs run:     $(stat number_of_executed_units)"
    echo "exec/s:         $(stat average_exec_per_sec)"
    echo "libFuzzer peak RSS (MB): $(stat peak_rss_mb)"
fi
grep -o "peak RSS of the process tree: .*" "$log" | tail -1
echo "new artifacts:  $(($(find "$artifacts" -type f | wc -l) - before)) in $artifacts"
echo "corpus files:   $(find "$corpus" -type f | wc -l)"
echo "exit status:    $status"
echo "log:            $log"
exit "$status"
