#!/usr/bin/env bash
# End-to-end check of `muslroot bootstrap` (not run in CI: it builds gcc, ~40 min on 2 cores).
#   scripts/e2e-bootstrap.sh                 bootstrap a fresh prefix from ../shared/mirror, then check it
#   scripts/e2e-bootstrap.sh --check PREFIX  only run the checks on an existing prefix
# Checks: C and C++ programs are static and run; x86_64-unknown-linux-musl-gcc works; the prefix
# still works after being moved; a second bootstrap is a no-op in under a second; doctor --prefix passes.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
mirror="$root/../shared/mirror"
overlay="$root/Tests/mirror-overlay"
swift build -c release >/dev/null
muslroot="$(swift build -c release --show-bin-path)/muslroot"
T=x86_64-linux-musl

if [ "${1:-}" = "--check" ]; then
    prefix="$2"
else
    [ -d "$mirror" ] || { echo "e2e: $mirror is missing: nothing to build from" >&2; exit 1; }
    base=$(mktemp -d /tmp/muslroot-e2e.XXXXXX)
    prefix="$base/cross"
    echo "== bootstrap into $prefix"
    "$muslroot" bootstrap --prefix "$prefix" --mirror "$mirror" --recipes "$overlay"
fi

work=$(mktemp -d /tmp/muslroot-e2e-check.XXXXXX)
cat > "$work/hello.c" <<'C'
#include <stdio.h>
int main(void) { puts("hello, static world"); return 0; }
C
cat > "$work/hello.cpp" <<'CPP'
#include <iostream>
#include <stdexcept>
#include <thread>
int main() {
    int code = 1;
    std::thread t([&] { try { throw std::runtime_error("x"); } catch (const std::exception &) { code = 0; } });
    t.join();
    std::cout << "hello from C++, exceptions and threads work" << std::endl;
    return code;
}
CPP

check_prefix() {
    local p="$1"
    echo "== checks in $p"
    "$p/bin/$T-gcc" -static -O2 -o "$work/hello-c" "$work/hello.c"
    "$p/bin/$T-g++" -static -O2 -pthread -o "$work/hello-cxx" "$work/hello.cpp"
    "$p/bin/x86_64-unknown-linux-musl-gcc" -static -o "$work/hello-alias" "$work/hello.c"
    "$p/bin/$T-gcc" -static-pie -fPIE -o "$work/hello-pie" "$work/hello.c"
    for b in hello-c hello-cxx hello-alias hello-pie; do
        "$work/$b"
    done
    "$muslroot" check "$work/hello-c" "$work/hello-cxx" "$work/hello-alias" "$work/hello-pie"
    echo "check: all four are static (exit $?)"
}

check_prefix "$prefix"
"$muslroot" doctor --prefix "$prefix"

echo "== a second bootstrap is a no-op"
start=$(date +%s.%N)
"$muslroot" bootstrap --prefix "$prefix" --mirror "$mirror" --recipes "$overlay"
end=$(date +%s.%N)
noop=$(echo "$end - $start" | bc)
echo "no-op bootstrap: ${noop}s"
awk -v t="$noop" 'BEGIN { exit !(t < 1.0) }' || { echo "FAIL: no-op took ${noop}s (target < 1s)"; exit 1; }

echo "== the prefix is relocatable"
moved="$(dirname "$prefix")/moved-$(basename "$prefix")"
mv "$prefix" "$moved"
check_prefix "$moved"
mv "$moved" "$prefix"

echo "== autoconf-style --host=x86_64-unknown-linux-musl finds the tools"
PATH="$prefix/bin:$PATH" sh -c 'command -v x86_64-unknown-linux-musl-gcc && command -v x86_64-unknown-linux-musl-ar && command -v x86_64-unknown-linux-musl-ranlib'

rm -rf "$work"
echo "e2e: all checks passed for $prefix"
