#!/bin/sh
# Allocation benchmark: the host's glibc (dynamic) against static musl programs.
#
#   scripts/bench-malloc.sh PREFIX                 glibc vs PREFIX
#   scripts/bench-malloc.sh STOCK_PREFIX MI_PREFIX glibc vs stock musl vs musl+mimalloc
#
# A PREFIX is a muslroot toolchain (bin/x86_64-linux-musl-gcc) or a prototype sysroot of
# scripts/proto-malloc.sh (bin/musl-gcc). Workloads (scripts/bench-malloc/bench.c): small
# (16-1040 byte malloc/free) and mixed (plus realloc and cross-thread frees), with 2 and 8
# threads. Each is run RUNS times (default 3) and the fastest wall time is kept, with the
# CPU time of that run; ratios are to glibc (lower is better; target <= 1.20). Also prints
# what each libc adds to a static hello world (puts only, and with strdup/free).
# CPU time is the steadier figure on a shared machine; wall time also shows waiting.
# OPS=N changes the operations per thread (default 4000000).
set -eu
here=$(cd "$(dirname "$0")" && pwd)/bench-malloc
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 PREFIX | STOCK_PREFIX MI_PREFIX" >&2; exit 2; }
runs=${RUNS:-3}
ops=${OPS:-4000000}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

compiler() { # prefix
    for c in "$1/bin/x86_64-linux-musl-gcc" "$1/bin/musl-gcc"; do
        [ -x "$c" ] && { echo "$c"; return; }
    done
    echo "$0: no bin/x86_64-linux-musl-gcc or bin/musl-gcc in $1" >&2
    exit 2
}

names="glibc"
gcc -O2 -pthread -o "$out/glibc" "$here/bench.c"
if [ $# -eq 2 ]; then set -- stock "$1" mimalloc "$2"; else set -- musl "$1"; fi
while [ $# -gt 0 ]; do
    cc=$(compiler "$2")
    "$cc" -static -O2 -pthread -o "$out/$1" "$here/bench.c"
    "$cc" -static -O2 -o "$out/$1-hello" "$here/hello.c"
    "$cc" -static -O2 -o "$out/$1-hello-malloc" "$here/hello-malloc.c"
    names="$names $1"
    shift 2
done

best() { # exe workload threads -> "wall cpu" of the fastest run
    i=0
    while [ $i -lt "$runs" ]; do
        "$1" "$2" "$3" "$ops" || { echo "$0: $1 $2 $3 failed" >&2; exit 1; }
        i=$((i + 1))
    done | sort -k3,3n | head -1 | awk '{print $3, $4}'
}

printf '%-8s %3s  %-10s %8s %8s %8s %8s\n' workload thr libc wall cpu wall/gl cpu/gl
for w in small mixed; do
    for t in 2 8; do
        base=""
        for n in $names; do
            set -- $(best "$out/$n" $w $t)
            [ -z "$base" ] && base="$1 $2"
            echo "$base $1 $2" | awk -v w=$w -v t=$t -v n=$n \
                '{printf "%-8s %3s  %-10s %8.3f %8.3f %8.2f %8.2f\n", w, t, n, $3, $4, $3/$1, $4/$2}'
        done
    done
done

echo
printf '%-10s %14s %20s\n' libc "hello (bytes)" "hello+malloc (bytes)"
for n in $names; do
    [ "$n" = glibc ] && continue
    printf '%-10s %14s %20s\n' "$n" "$(stat -c %s "$out/$n-hello")" "$(stat -c %s "$out/$n-hello-malloc")"
done
