#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# The benchmarks of installer/dev.sh bench, on an already built Release tree: runs each, then writes one JSON file
# of medians with the command line and the machine, and prints its path. Not tests: nothing here fails on a time.
#   installer/bench.sh BUILD_DIR [PEERS...]     (default peers: 10 100 1000 2000)
# TUNNELSCOPE_BENCH_ROUNDS (default 7) sets the runs per median, TUNNELSCOPE_BENCH_SOAK_POLLS (default 2160, six
# hours of 10 s polls) the length of the memory run.
set -euo pipefail

build_dir=$1
shift
[ $# -gt 0 ] || set -- 10 100 1000 2000
rounds=${TUNNELSCOPE_BENCH_ROUNDS:-7}
soak_polls=${TUNNELSCOPE_BENCH_SOAK_POLLS:-2160}
bench_dir=$build_dir/tests/bench
results=$build_dir/bench-results.json
scratch=$(mktemp -d "${TMPDIR:-/tmp}/tunnelscope-bench.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export QT_QPA_PLATFORM=offscreen LC_ALL=C.UTF-8
# The app reads and writes its settings: a scratch home keeps the developer's own out of it.
export XDG_CONFIG_HOME=$scratch/config XDG_DATA_HOME=$scratch/data XDG_CACHE_HOME=$scratch/cache

echo "poll cycles (client work, end to end beside curl, bytes per peer) at $* peers..." >&2
"$bench_dir/tunnelscope-bench-poll" --rounds "$rounds" "$@" 2>"$scratch/poll.log" >"$scratch/poll.jsonl"
echo "diagram frames at $* peers..." >&2
for peers in "$@"; do # one process per peer count, so that each row's peak memory is its own
    "$bench_dir/tunnelscope-bench-diagram" --json --rounds "$rounds" "$peers" 2>/dev/null
done >"$scratch/frames.jsonl"
echo "memory over $soak_polls polls at 2000 peers..." >&2
"$bench_dir/tunnelscope-bench-poll" --soak 2000 "$soak_polls" 2>"$scratch/soak.log" >"$scratch/soak.json"

# Start-up: each program launched in turn, wall time from fork to exit after its first painted frame.
echo "start-up, $rounds runs each..." >&2
milliseconds_of() {
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    echo $(((end - start) / 1000000))
}
for _ in $(seq "$rounds"); do
    echo "{\"app_ms\": $(milliseconds_of "$build_dir/app/tunnelscope" --demo --exit-after-first-frame),"\
        "\"minimal_ms\": $(milliseconds_of "$bench_dir/tunnelscope-bench-minimal-window")}"
done >"$scratch/startup.jsonl"

qt_version=$(qtpaths6 --qt-version 2>/dev/null || echo unknown)
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
source_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

jq -n \
    --arg command "installer/bench.sh $build_dir $* (TUNNELSCOPE_BENCH_ROUNDS=$rounds TUNNELSCOPE_BENCH_SOAK_POLLS=$soak_polls)" \
    --arg date "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
    --arg commit "$(git -C "$source_dir" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
    --arg cpu "$cpu_model" --arg qt "$qt_version" --argjson nproc "$(nproc)" \
    --arg kernel "$(uname -r)" --argjson rounds "$rounds" \
    --arg load "$(cut -d' ' -f1-3 /proc/loadavg)" \
    --slurpfile poll "$scratch/poll.jsonl" --slurpfile frames "$scratch/frames.jsonl" \
    --slurpfile soak "$scratch/soak.json" --slurpfile startup "$scratch/startup.jsonl" '
    def median: sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
    def at2000(rows): [rows[] | select(.peers == 2000)] | first;
    ($startup | map(.app_ms) | median) as $app | ($startup | map(.minimal_ms) | median) as $minimal |
    {
        command: $command, date: $date, commit: $commit, rounds_per_median: $rounds,
        machine: {nproc: $nproc, cpu: $cpu, qt: $qt, kernel: $kernel, load_at_end: $load},
        poll: $poll, frames: $frames, memory: $soak[0],
        startup: {app_ms: $app, minimal_ms: $minimal, ratio: ($app / $minimal), runs: $startup},
        budgets: (
            (at2000($poll)) as $p | (at2000($frames)) as $f |
            [
                {budget: "client work per poll at 2000 peers <= 10 ms", value: $p.client_work.total_ms,
                 met: ($p != null and $p.client_work.total_ms <= 10)},
                {budget: "any frame at 2000 peers <= 16 ms",
                 value: ($f | if . == null then null else [.frame_fitted_ms, .frame_25_percent_ms, .frame_100_percent_ms,
                         .frame_100_percent_hub_ms, .frame_panning_ms] | max end),
                 met: ($f != null and ([$f.frame_fitted_ms, $f.frame_25_percent_ms, $f.frame_100_percent_ms,
                         $f.frame_100_percent_hub_ms, $f.frame_panning_ms] | max) <= 16)},
                {budget: "end-to-end poll <= 1.2 x curl", value: $p.end_to_end.ratio,
                 met: ($p != null and $p.end_to_end.ratio <= 1.2)},
                {budget: "RSS <= 150 MB", value: $soak[0].rss_end_mb, met: ($soak[0].rss_end_mb <= 150)},
                {budget: "six-hour RSS within 5 % of one-hour", value: $soak[0].growth_percent,
                 met: ($soak[0].growth_percent <= 5)},
                {budget: "start-up <= 1.5 x minimal Qt program", value: ($app / $minimal), met: ($app / $minimal <= 1.5)},
                {budget: "<= 200 bytes per peer per steady-state poll", value: $p.end_to_end.wire_bytes_per_peer,
                 met: ($p != null and $p.end_to_end.wire_bytes_per_peer <= 200)}
            ])
    }' >"$results"
jq -r '.budgets[] | "\(if .met then "met   " else "MISSED" end)  \(.budget): \(.value)"' "$results"
echo "$results"
