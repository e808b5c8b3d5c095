#!/usr/bin/env bash
# Benchmark of `muslroot bootstrap` from ../shared/mirror (not run in CI: ~1 hour on 2 cores).
# Prints: cold bootstrap wall and CPU time; no-op re-run time; the time of a run resumed after
# `kill -9` (of muslroot and its children) during gcc's compile; muslroot's own CPU time as a
# share of the total; and the ratio of the cold wall time to the reference below.
#   scripts/bench-bootstrap.sh [--jobs N]
# BASELINE=1 also runs scripts/baseline-build.sh (the same sources and gcc options, built by a
# plain sequence of make -jN, as musl-cross-make's litecross does) in this script for the ratio,
# before the cold bootstrap; BASELINE=2 runs it before and after, and compares with the mean, so
# that the machine's drift during the script shows. Each run's steal time (CPU the hypervisor
# gave to other guests) is printed too, and how busy each run kept the cores (CPU / (wall x jobs)),
# a figure that does not move with the machine's speed.
# RESUME=0 leaves out the kill -9 and resumed run (about 28 minutes).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
mirror="$root/../shared/mirror"
overlay="$root/Tests/mirror-overlay"
jobs=$(nproc)
[ "${1:-}" = "--jobs" ] && jobs="$2"
[ -d "$mirror" ] || { echo "bench: $mirror is missing" >&2; exit 1; }
swift build -c release >/dev/null
base=$(mktemp -d /tmp/muslroot-bench.XXXXXX)
# A copy, so that rebuilding the package while the benchmark runs changes nothing here.
cp "$(swift build -c release --show-bin-path)/muslroot" "$base/muslroot"
muslroot="$base/muslroot"
export MUSLROOT_DATA_DIR="$root"
cache="$base/cache"
# Fill the source cache first, so that no run below measures copying tarballs.
"$muslroot" fetch --all --mirror "$mirror" --recipes "$overlay" --cache-dir "$cache" >/dev/null

now() { date +%s.%N; }
steal() { awk '/^cpu /{print $9}' /proc/stat; }   # in clock ticks
ticks=$(getconf CLK_TCK)
stolen() { echo "($(steal) - $1) / $ticks" | bc; }   # seconds stolen since a steal() reading
resources() { # the last resources event of a JSON event log: "self children"
    python3 -c 'import json,sys
ev=[json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
r=[e for e in ev if e.get("event")=="resources"][-1]
print(r["self_cpu_seconds"], r["children_cpu_seconds"])' "$1"
}

reference=1554   # musl-cross-make on this kind of machine, same tarballs: 25.9 min wall, 49 CPU-min
baseline_line="musl-cross-make reference (issue #4):      1554 s wall, 2940 s CPU"
baselines=()
baseline() { # one run of the baseline; appends "wall cpu steal" to baselines
    echo "== baseline: the same build as a plain make sequence"
    local start s0 cpu wall
    start=$(now); s0=$(steal)
    cpu=$(python3 -c 'import resource,subprocess,sys
subprocess.run(sys.argv[1:], stdout=open(sys.argv[-2]+".log","w"), stderr=subprocess.STDOUT, check=True)
r=resource.getrusage(resource.RUSAGE_CHILDREN); print(round(r.ru_utime+r.ru_stime))' \
        scripts/baseline-build.sh "$base/baseline" "$jobs")
    wall=$(echo "$(now) - $start" | bc)
    baselines+=("$(printf %.0f "$wall") $cpu $(stolen "$s0")")
    echo "baseline: ${baselines[-1]} (wall s, CPU s, stolen s)"
}
[ "${BASELINE:-0}" != "0" ] && baseline

echo "== cold bootstrap (--jobs $jobs)"
start=$(now); cold_s0=$(steal)
"$muslroot" bootstrap --prefix "$base/cold" --cache-dir "$cache" --recipes "$overlay" --jobs "$jobs" --json > "$base/cold.jsonl"
end=$(now)
cold=$(echo "$end - $start" | bc)
cold_stolen=$(stolen "$cold_s0")
read -r self children < <(resources "$base/cold.jsonl")
printf 'cold bootstrap: %.0f s wall\n' "$cold"

# Where muslroot's own CPU went: every --json event carries self_cpu_seconds so far.
selfsplit=$(python3 -c 'import json,sys
ev=[json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
unpacked=max(e["self_cpu_seconds"] for e in ev if e.get("event")=="source-finished")
staging=[e for e in ev if e.get("event")=="message" and e["text"].startswith("staging")][0]["self_cpu_seconds"]
total=[e for e in ev if e.get("event")=="resources"][-1]["self_cpu_seconds"]
print("%.1f s until the last source was unpacked (phases had started meanwhile), %.1f s more until every phase was done, %.1f s staging, smoke test, install and clean-up" % (unpacked, staging-unpacked, total-staging))' "$base/cold.jsonl")

echo "== no-op re-run"
start=$(now)
"$muslroot" bootstrap --prefix "$base/cold" --cache-dir "$cache" --recipes "$overlay" --jobs "$jobs" > /dev/null
noop=$(echo "$(now) - $start" | bc)

[ "${BASELINE:-0}" = "2" ] && baseline

resumed=""; skipped=""
if [ "${RESUME:-1}" = "1" ]; then
echo "== kill -9 during gcc's compile, then resume"
"$muslroot" bootstrap --prefix "$base/killed" --cache-dir "$cache" --recipes "$overlay" --jobs "$jobs" --json > "$base/killed.jsonl" &
pid=$!
until grep -q '"phase":"gcc:compiler"' "$base/killed.jsonl" 2>/dev/null; do sleep 2; done
sleep 90
kill -9 "$pid" || true
for g in $(cat "$base/.killed.muslroot/running.pids" 2>/dev/null); do kill -9 -- "-$g" 2>/dev/null || true; done
wait "$pid" 2>/dev/null || true
start=$(now)
"$muslroot" bootstrap --prefix "$base/killed" --cache-dir "$cache" --recipes "$overlay" --jobs "$jobs" --json > "$base/resumed.jsonl"
resumed=$(echo "$(now) - $start" | bc)
skipped=$(python3 -c 'import json,sys
ev=[json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
print([e for e in ev if e.get("event")=="planned"][0]["done"])' "$base/resumed.jsonl")
fi

if [ "${#baselines[@]}" -gt 0 ]; then
    read -r reference baseline_cpu <<<"$(printf '%s\n' "${baselines[@]}" | awk '{w+=$1; c+=$2} END {printf "%.0f %.0f", w/NR, c/NR}')"
    baseline_line="baseline (make sequence, this run):        $reference s wall, $baseline_cpu s CPU"
    [ "${#baselines[@]}" -gt 1 ] && baseline_line="$baseline_line (mean of: $(printf '%s; ' "${baselines[@]}")wall s, CPU s, stolen s)"
    [ "${#baselines[@]}" -eq 1 ] && baseline_line="$baseline_line, $(echo "${baselines[0]}" | cut -d' ' -f3) s stolen"
fi

echo
echo "== figures"
printf 'cold bootstrap:                            %.0f s wall, %.0f s CPU (muslroot %.1f s + children %.0f s), %s s stolen\n' "$cold" "$(echo "$self + $children" | bc)" "$self" "$children" "$cold_stolen"
printf 'no-op re-run:                              %.3f s\n' "$noop"
if [ -n "$resumed" ]; then
    printf 'resumed after kill -9 in gcc:compiler:     %.0f s (%s phases skipped)\n' "$resumed" "$skipped"
else
    echo "resumed after kill -9 in gcc:compiler:     not run (RESUME=0)"
fi
printf "muslroot's own CPU share of the total:     %.3f %%\n" "$(echo "100 * $self / ($self + $children)" | bc -l)"
echo "  of which: $selfsplit"
echo "$baseline_line"
printf 'cold wall / reference:                     %.3f (target <= 1.05)\n' "$(echo "$cold / $reference" | bc -l)"
if [ "${#baselines[@]}" -gt 0 ]; then
    # How busy each run kept the cores: CPU / (wall x jobs). Unlike the ratio above, this does not
    # move with the machine's speed, which on a shared host drifts by 10 % or more within an hour.
    printf 'cores in use (CPU / (wall x %s)):           cold %.1f %%; baseline %s\n' "$jobs" \
        "$(echo "100 * ($self + $children) / ($cold * $jobs)" | bc -l)" \
        "$(printf '%s\n' "${baselines[@]}" | awk -v j="$jobs" '{printf "%s%.1f %%", (NR > 1 ? ", " : ""), 100 * $2 / ($1 * j)}')"
fi
[ "$reference" = 1554 ] || printf 'cold wall / 1554 s (musl-cross-make, issue #4): %.3f\n' "$(echo "$cold / 1554" | bc -l)"
echo "(work in $base; remove it when done)"
