#!/usr/bin/env bash
# Times muslroot's extractor against `tar xf` on the same archive (by default the gcc tarball
# of ../shared/mirror), RUNS times each, interleaved, and passes when muslroot's median time is
# at most 1.1 times tar's.
#
#   scripts/bench-extract.sh [ARCHIVE]
#   RUNS=5 MUSLROOT=.build/release/muslroot scripts/bench-extract.sh
#
# Without MUSLROOT, muslroot is built in release mode first.
set -euo pipefail
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

seconds() {  # runs "$@", prints the wall-clock seconds it took
    local start end
    start=$(date +%s%N)
    "$@"
    end=$(date +%s%N)
    echo "scale=3; ($end - $start) / 1000000000" | bc
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

cat "$archive" > /dev/null  # both start from the page cache
tar_times=()
muslroot_times=()
for run in $(seq "$runs"); do
    mkdir "$work/tar"
    tar_times+=("$(seconds tar xf "$archive" -C "$work/tar")")
    rm -rf "$work/tar"; sync
    muslroot_times+=("$(seconds "$muslroot" extract "$archive" "$work/muslroot")")
    rm -rf "$work/muslroot"; sync
    echo "run $run: tar xf ${tar_times[-1]} s, muslroot extract ${muslroot_times[-1]} s"
done

tar_median=$(printf '%s\n' "${tar_times[@]}" | median)
muslroot_median=$(printf '%s\n' "${muslroot_times[@]}" | median)
ratio=$(echo "scale=3; $muslroot_median / $tar_median" | bc)
echo "archive:          $archive"
echo "tar xf:           ${tar_median} s (median of $runs)"
echo "muslroot extract: ${muslroot_median} s (median of $runs)"
echo "ratio:            ${ratio} (limit ${limit})"
if [ "$(echo "$ratio <= $limit" | bc)" = 1 ]; then
    echo "PASS"
else
    echo "FAIL"
    exit 1
fi
