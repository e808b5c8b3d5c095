#!/usr/bin/env bash
# Benchmark of `muslroot add curl libpq xz pcre2 libffi` (zstd comes with curl) at --jobs J on
# a prefix that already holds openssl and zlib, as a user adds them:
#   1. each library alone, dependencies first (zstd, curl, libpq, xz, pcre2, libffi), into one
#      copy of the prefix: wall and CPU time per library, and how busy its build kept the cores;
#   2. all of them in one parallel add into another copy: total wall and CPU, and each
#      library's span (first phase started to last phase finished) from the --json events.
#
#   scripts/bench-libs.sh                    bootstraps a --toolchain host prefix and adds openssl zlib
#   PREFIX=~/cross scripts/bench-libs.sh     a prefix holding openssl and zlib (copied, not changed)
#
# CPU is the builds' (user + system of every child, from /usr/bin/time); cores busy is
# CPU / (wall x jobs). Needs ../shared/mirror (or MIRROR=DIR), autoconf, automake and libtool
# (the mirror's libffi is GitHub's tag archive); JOBS (default 2).
set -euo pipefail
# Paths given relative to where the script was started, made absolute before it changes directory.
if [[ ${MUSLROOT:-} == */* ]]; then MUSLROOT=$(realpath "$MUSLROOT"); fi
cd "$(dirname "$0")/.."
jobs=${JOBS:-2}
mirror=${MIRROR:-../shared/mirror}
work=$(mktemp -d /tmp/muslroot-bench-libs.XXXXXX)
muslroot=${MUSLROOT:-}
if [ -z "$muslroot" ]; then swift build -c release >/dev/null; muslroot=$(swift build -c release --show-bin-path)/muslroot; fi
sources=(--mirror "$mirror" --recipes Tests/mirror-overlay --cache-dir "$work/cache")
libraries=(curl libpq xz pcre2 libffi)
sequence=(zstd curl libpq xz pcre2 libffi)

if [ -z "${PREFIX:-}" ]; then
    echo "== bootstrapping a --toolchain host prefix with openssl and zlib in $work/base"
    "$muslroot" bootstrap --toolchain host --prefix "$work/base" "${sources[@]}" > "$work/bootstrap.log"
    "$muslroot" add openssl zlib --prefix "$work/base" --jobs "$jobs" "${sources[@]}" > "$work/base-add.log"
    PREFIX=$work/base
fi
"$muslroot" fetch "${sequence[@]}" "${sources[@]}" > /dev/null

# Runs "$@" with its output in $work/last.log and prints "WALL CPU" (seconds).
measure() {
    /usr/bin/time -f "%e %U %S" -o "$work/time" "$@" > "$work/last.log" 2>&1 || { cat "$work/last.log"; exit 1; }
    awk '{ printf "%.1f %.1f\n", $1, $2 + $3 }' "$work/time"
}
busy() { echo "scale=0; 100 * $2 / ($1 * $jobs)" | bc; }

echo "== each library alone (--jobs $jobs), dependencies first"
rm -rf "$work/one"; cp -a "$PREFIX" "$work/one"
total_wall=0 total_cpu=0
for library in "${sequence[@]}"; do
    read -r wall cpu < <(measure "$muslroot" add "$library" --prefix "$work/one" --jobs "$jobs" "${sources[@]}")
    printf '   %-7s %7.1f s wall %7.1f s CPU   cores busy %3s %%\n' "$library" "$wall" "$cpu" "$(busy "$wall" "$cpu")"
    total_wall=$(echo "$total_wall + $wall" | bc); total_cpu=$(echo "$total_cpu + $cpu" | bc)
done
printf '   %-7s %7.1f s wall %7.1f s CPU   cores busy %3s %%\n' "sum" "$total_wall" "$total_cpu" "$(busy "$total_wall" "$total_cpu")"

echo "== one add: ${libraries[*]} (--jobs $jobs)"
rm -rf "$work/all"; cp -a "$PREFIX" "$work/all"
read -r wall cpu < <(measure "$muslroot" add "${libraries[@]}" --prefix "$work/all" --jobs "$jobs" --json "${sources[@]}")
printf '   %-7s %7.1f s wall %7.1f s CPU   cores busy %3s %%\n' "all" "$wall" "$cpu" "$(busy "$wall" "$cpu")"
# Each library's span in that add: from its first phase started to its last phase finished.
python3 - "$work/last.log" <<'PY'
import json, sys
start, end = {}, {}
for line in open(sys.argv[1]):
    try:
        event = json.loads(line)
    except ValueError:
        continue
    phase = event.get("phase", "")
    recipe = phase.split(":")[0]
    if event.get("event") == "phase-started":
        start.setdefault(recipe, event["elapsed"])
    elif event.get("event") == "phase-finished":
        end[recipe] = event["elapsed"] + 0
for recipe in sorted(start, key=start.get):
    print(f"   {recipe:<7} {start[recipe]:7.1f} s to {end.get(recipe, float('nan')):7.1f} s ({end.get(recipe, 0) - start[recipe]:.1f} s)")
PY
echo "(work in $work; remove it when done)"
