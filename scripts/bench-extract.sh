#!/usr/bin/env bash
# Times muslroot's extractor against `tar xf` on the same archive (by default the gcc tarball
# of ../shared/mirror), RUNS times each, interleaved, and passes when muslroot's median time is
# at most 1.1 times tar's.
#
#   scripts/bench-extract.sh [ARCHIVE]
#   RUNS=5 MUSLROOT=.build/release/muslroot TMPDIR=/dev/shm scripts/bench-extract.sh
#
# Without MUSLROOT, muslroot is built in release mode first. Both extract into a directory
# under TMPDIR (default /tmp, the disk); TMPDIR=/dev/shm takes the disk out of the comparison.
# CPU time (user + sys, children included) is printed beside wall-clock time; the verdict is
# on wall-clock time.
set -euo pipefail
# Paths given relative to where the script was started, made absolute before it changes directory.
if [[ ${MUSLROOT:-} == */* ]]; then MUSLROOT=$(realpath "$MUSLROOT"); fi
cd "$(dirname "$0")/.."

archive=${1:-../shared/mirror/gcc-14.2.0-dfsg-buildable.tar.xz}
runs=${RUNS:-3}
limit=1.1
[ -f "$archive" ] || { echo "bench-extract: no archive at $archive" >&2; exit 2; }

muslroot=${MUSLROOT:-}
if [ -z "$muslroot" ]; then
    swift build -c release --product muslroot >&2
    muslroot="$(swift build -c release --show-bin-path)/muslroot"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/bench-extract.XXXXXX")
trap 'rm -rf "$work"' EXIT

measure() {  # runs "$@"; prints "WALL CPU" in seconds
    local TIMEFORMAT='%R %U %S' times
    times=$( { time "$@" >/dev/null; } 2>&1 )
    echo "$times" | awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

cat "$archive" > /dev/null  # both start from the page cache
tar_wall=(); tar_cpu=(); muslroot_wall=(); muslroot_cpu=()
run_tar() {
    mkdir "$work/tar"
    read -r wall cpu < <(measure tar xf "$archive" -C "$work/tar")
    tar_wall+=("$wall"); tar_cpu+=("$cpu")
    rm -rf "$work/tar"; sync
}
run_muslroot() {
    read -r wall cpu < <(measure "$muslroot" extract "$archive" "$work/muslroot")
    muslroot_wall+=("$wall"); muslroot_cpu+=("$cpu")
    rm -rf "$work/muslroot"; sync
}
# Alternate which goes first, so that neither always runs just after the other's files were
# removed (on a disk, freeing 140,000 files leaves work behind for the next run).
for run in $(seq "$runs"); do
    if [ $((run % 2)) = 1 ]; then run_tar; run_muslroot; else run_muslroot; run_tar; fi
    echo "run $run: tar xf ${tar_wall[-1]} s (cpu ${tar_cpu[-1]} s), muslroot extract ${muslroot_wall[-1]} s (cpu ${muslroot_cpu[-1]} s)"
done

tar_median=$(printf '%s\n' "${tar_wall[@]}" | median)
muslroot_median=$(printf '%s\n' "${muslroot_wall[@]}" | median)
ratio=$(echo "scale=3; $muslroot_median / $tar_median" | bc)
echo "archive:          $archive (into $work)"
echo "tar xf:           ${tar_median} s wall, $(printf '%s\n' "${tar_cpu[@]}" | median) s cpu (medians of $runs)"
echo "muslroot extract: ${muslroot_median} s wall, $(printf '%s\n' "${muslroot_cpu[@]}" | median) s cpu (medians of $runs)"
echo "ratio:            ${ratio} (limit ${limit})"
if [ "$(echo "$ratio <= $limit" | bc)" = 1 ]; then
    echo "PASS"
else
    echo "FAIL"
    exit 1
fi
