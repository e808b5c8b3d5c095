#!/usr/bin/env bash
# Binary cache figures (issue 19): a cold bootstrap, then warm bootstraps into new prefixes
# from the local store, from a directory cache, from an OCI registry on 127.0.0.1 (Debian's
# docker-registry) and over HTTP, and `add openssl ffmpeg libedit zlib` cold then warm.
# Each line: wall time, CPU time (user+system, children included), how busy the cores were
# (CPU / (wall x jobs)), and bytes read (rchar: read system calls, page cache included).
#   scripts/bench-cache.sh                         host flavour, everything built here first
#   TOOLCHAIN=gcc STORE=DIR scripts/bench-cache.sh full gcc, its toolchain already in DIR/artifacts
#                                                  (a cache dir a gcc bootstrap filled; not rebuilt)
#   LIBRARIES="zlib" scripts/bench-cache.sh        other libraries for the add figures
#   MUSLROOT=path/to/muslroot                      a muslroot already built
set -euo pipefail
# Paths given relative to where the script was started, made absolute before it changes directory.
if [[ ${MUSLROOT:-} == */* ]]; then MUSLROOT=$(realpath "$MUSLROOT"); fi
cd "$(dirname "$0")/.."
root=$(pwd)
jobs=2
toolchain=${TOOLCHAIN:-host}
libraries=${LIBRARIES:-openssl ffmpeg libedit zlib}
muslroot=${MUSLROOT:-}
if [ -z "$muslroot" ]; then swift build -c release >/dev/null; muslroot="$(swift build -c release --show-bin-path)/muslroot"; fi
work=$(mktemp -d /tmp/muslroot-bench-cache.XXXXXX)
registry_pid=""; server_pid=""
trap '[ -n "$registry_pid" ] && kill $registry_pid; [ -n "$server_pid" ] && kill $server_pid; rm -rf "$work"' EXIT
sources=(--mirror "$root/../shared/mirror" --recipes "$root/Tests/mirror-overlay" --jobs $jobs)
flavour=(); [ "$toolchain" = host ] && flavour=(--toolchain host)
store=${STORE:-$work/local}

# measure LABEL COMMAND...: runs it and prints one line of figures.
measure() {
    local label=$1; shift
    local start end
    start=$(date +%s.%N)
    bash -c '"$@" > "'"$work"'/last.log" 2>&1; status=$?; cat /proc/$$/io > "'"$work"'/io"; times > "'"$work"'/times"; exit $status' _ "$@" \
        || { echo "$label: FAILED (exit $?)"; tail -20 "$work/last.log"; exit 1; }
    end=$(date +%s.%N)
    python3 - "$label" "$start" "$end" "$work/times" "$work/io" $jobs <<'PY'
import re, sys
label, start, end, times, io, jobs = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4], sys.argv[5], int(sys.argv[6])
def seconds(t):
    m, s = re.match(r"(\d+)m([\d.]+)s", t).groups()
    return int(m) * 60 + float(s)
cpu = sum(seconds(t) for line in open(times).read().split("\n")[1:2] for t in line.split())
rchar = int(re.search(r"rchar: (\d+)", open(io).read()).group(1))
wall = end - start
print(f"{label:<44} {wall:8.2f} s wall {cpu:8.2f} s CPU  busy {cpu / (wall * jobs):4.0%}  read {rchar / 2**20:8.1f} MiB")
PY
}

echo "== $toolchain toolchain; libraries: $libraries; $(nproc) cores, --jobs $jobs; load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "${STORE:-}" ]; then
    echo "cold bootstrap: not run (the toolchain comes from $store)"
else
    measure "cold bootstrap (builds, stores)" "$muslroot" bootstrap "${flavour[@]}" --prefix "$work/p1" "${sources[@]}" --cache-dir "$store"
fi
measure "warm bootstrap, local store" "$muslroot" bootstrap "${flavour[@]}" --prefix "$work/p2" "${sources[@]}" --cache-dir "$store" --cache-only
[ -n "${STORE:-}" ] && cp -a "$work/p2" "$work/p1"
measure "cold add $libraries" "$muslroot" add $libraries --prefix "$work/p1" "${sources[@]}" --cache-dir "$store"
measure "warm add $libraries, local store" "$muslroot" add $libraries --prefix "$work/p2" "${sources[@]}" --cache-dir "$store" --cache-only

"$muslroot" cache keygen --output "$work/key" >/dev/null
"$muslroot" cache export "$work/shared" --sign-key "$work/key" --prefix "$work/p1" --cache-dir "$store" >/dev/null
trust=(--trust "$work/key.pub" --cache-only)
measure "warm bootstrap, directory cache" "$muslroot" bootstrap "${flavour[@]}" --prefix "$work/p3" "${sources[@]}" --cache-dir "$work/c3" --cache "$work/shared" "${trust[@]}"
measure "warm add, directory cache" "$muslroot" add $libraries --prefix "$work/p3" "${sources[@]}" --cache-dir "$work/c3" --cache "$work/shared" "${trust[@]}"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
printf 'version: 0.1\nlog:\n  level: error\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: %s\nhttp:\n  addr: 127.0.0.1:%s\n' "$work/registry" "$port" > "$work/registry.yml"
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 & registry_pid=$!
until curl -sf "http://127.0.0.1:$port/v2/" >/dev/null; do kill -0 $registry_pid; sleep 0.2; done
oci="oci://127.0.0.1:$port/bench/muslroot"
measure "push to the registry" "$muslroot" cache push "$oci" --sign-key "$work/key" --prefix "$work/p1" --cache-dir "$store"
measure "warm bootstrap, registry" "$muslroot" bootstrap "${flavour[@]}" --prefix "$work/p4" "${sources[@]}" --cache-dir "$work/c4" --cache "$oci" "${trust[@]}"
measure "warm add, registry" "$muslroot" add $libraries --prefix "$work/p4" "${sources[@]}" --cache-dir "$work/c4" --cache "$oci" "${trust[@]}"

(cd "$work/shared" && exec python3 -m http.server --bind 127.0.0.1 0 > "$work/http.log" 2>&1) & server_pid=$!
until http_port=$(grep -o 'port [0-9]*' "$work/http.log" | cut -d' ' -f2) && [ -n "$http_port" ]; do kill -0 $server_pid; sleep 0.2; done
measure "warm bootstrap, HTTP" "$muslroot" bootstrap "${flavour[@]}" --prefix "$work/p5" "${sources[@]}" --cache-dir "$work/c5" --cache "http://127.0.0.1:$http_port" "${trust[@]}"
measure "warm add, HTTP" "$muslroot" add $libraries --prefix "$work/p5" "${sources[@]}" --cache-dir "$work/c5" --cache "http://127.0.0.1:$http_port" "${trust[@]}"

for p in p2 p3 p4 p5; do
    cmp -s <(python3 -c "import json,sys; print(json.dumps(json.load(open(sys.argv[1]))['packages'], sort_keys=True))" "$work/p1/.muslroot/manifest.json") \
           <(python3 -c "import json,sys; print(json.dumps(json.load(open(sys.argv[1]))['packages'], sort_keys=True))" "$work/$p/.muslroot/manifest.json") \
        && echo "$p: same manifest packages as the built prefix" || { echo "$p: MANIFEST DIFFERS"; exit 1; }
done
echo "== artifacts"
"$muslroot" cache list --cache-dir "$work/c4"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
