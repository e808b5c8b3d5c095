#!/usr/bin/env bash
# Benchmark of `muslroot add`: openssl ffmpeg libedit zlib (and ncurses, which libedit needs)
# asked for together at --jobs J, against the same five libraries added one after another
# (dependencies first) at the same --jobs, each into its own copy of one toolchain prefix.
# The sequential baseline runs before the parallel add and, with BASELINE=2, after it too,
# since a shared machine's speed drifts; the ratio is to the mean of the baselines.
#
#   scripts/bench-add.sh                         bootstraps a --toolchain host prefix first
#   PREFIX=~/cross scripts/bench-add.sh          uses a toolchain prefix (copied, not changed)
#
# Prints wall and CPU time (the builds' CPU, from the children's rusage), and how busy the
# cores were: CPU / (wall x jobs). Target: parallel / sequential <= 0.85, cores >= 90 %.
# Needs ../shared/mirror (or MIRROR=DIR); JOBS (default 2).
set -euo pipefail
# Paths given relative to where the script was started, made absolute before it changes directory.
if [[ ${MUSLROOT:-} == */* ]]; then MUSLROOT=$(realpath "$MUSLROOT"); fi
if [ -n "${PREFIX:-}" ]; then PREFIX=$(realpath "$PREFIX"); fi
cd "$(dirname "$0")/.."
jobs=${JOBS:-2}
mirror=${MIRROR:-../shared/mirror}
work=$(mktemp -d /tmp/muslroot-bench-add.XXXXXX)
muslroot=${MUSLROOT:-}
if [ -z "$muslroot" ]; then swift build -c release >/dev/null; muslroot=$(swift build -c release --show-bin-path)/muslroot; fi
sources=(--mirror "$mirror" --recipes Tests/mirror-overlay --cache-dir "$work/cache")
libraries=(openssl ffmpeg libedit zlib)
sequence=(zlib ncurses libedit openssl ffmpeg)

if [ -z "${PREFIX:-}" ]; then
    echo "== bootstrapping a --toolchain host prefix in $work/toolchain"
    "$muslroot" bootstrap --toolchain host --prefix "$work/toolchain" "${sources[@]}" > "$work/bootstrap.log"
    PREFIX=$work/toolchain
fi
"$muslroot" fetch "${libraries[@]}" ncurses "${sources[@]}" > /dev/null

# Runs "$@" and prints "WALL CPU" (seconds; CPU = user + system of every child).
measure() {
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" > "$work/last.log" 2>&1 || { cat "$work/last.log"; exit 1; }
    awk '{ printf "%.1f %.1f\n", $1, $2 + $3 }' "$work/time"
}

copy() { rm -rf "$work/$1"; cp -a "$PREFIX" "$work/$1"; }

sequential() { # label
    copy "$1"
    local wall=0 cpu=0
    for library in "${sequence[@]}"; do
        read -r w c < <(measure "$muslroot" add "$library" --prefix "$work/$1" --jobs "$jobs" "${sources[@]}")
        echo "   $library: ${w} s wall, ${c} s CPU" >&2
        wall=$(echo "$wall + $w" | bc); cpu=$(echo "$cpu + $c" | bc)
    done
    echo "$wall $cpu"
}

busy() { echo "scale=1; 100 * $2 / ($1 * $jobs)" | bc; }

echo "== baseline: ${sequence[*]} one after another, --jobs $jobs"
read -r seq1_wall seq1_cpu < <(sequential seq1)
echo "== parallel: add ${libraries[*]} --jobs $jobs"
copy parallel
read -r par_wall par_cpu < <(measure "$muslroot" add "${libraries[@]}" --prefix "$work/parallel" --jobs "$jobs" "${sources[@]}")
seq_wall=$seq1_wall; seq_cpu=$seq1_cpu; seq_note="$seq1_wall s wall, $seq1_cpu s CPU"
if [ "${BASELINE:-1}" = 2 ]; then
    echo "== baseline again"
    read -r seq2_wall seq2_cpu < <(sequential seq2)
    seq_wall=$(echo "scale=1; ($seq1_wall + $seq2_wall) / 2" | bc); seq_cpu=$(echo "scale=1; ($seq1_cpu + $seq2_cpu) / 2" | bc)
    seq_note="mean of $seq1_wall s / $seq1_cpu s CPU and $seq2_wall s / $seq2_cpu s CPU"
fi

echo "== figures (--jobs $jobs, $(nproc) cores)"
echo "sequential adds:  $seq_wall s wall, $seq_cpu s CPU ($seq_note); cores busy $(busy "$seq_wall" "$seq_cpu") %"
echo "one parallel add: $par_wall s wall, $par_cpu s CPU; cores busy $(busy "$par_wall" "$par_cpu") %"
echo "parallel / sequential wall: $(echo "scale=3; $par_wall / $seq_wall" | bc) (target <= 0.85)"
# With the sequential builds' CPU, no schedule can finish sooner than CPU / jobs: the best ratio
# is how busy the sequential adds already kept the cores.
echo "best possible ratio (sequential CPU / jobs / sequential wall): $(echo "scale=3; $seq_cpu / $jobs / $seq_wall" | bc)"
echo "(work in $work; remove it when done)"
