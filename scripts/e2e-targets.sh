#!/usr/bin/env bash
# End-to-end check of other targets in one prefix with the full gcc toolchain (not run in CI:
# each target's toolchain takes 30 to 45 minutes on 2 cores; CI proves the same with
# --toolchain host, RealBuildTargetsTests and RealBuildMultiTargetTests).
#   scripts/e2e-targets.sh PREFIX      PREFIX: an x86_64 prefix made by `muslroot bootstrap`
#                                      (copied, not changed)
#   TARGETS="aarch64-linux-musl arm-linux-musleabihf" (the default; muslroot's triples, as
#   `muslroot list --targets` names them) MUSLROOT=path/to/muslroot
#   TOOLCHAIN=host: the other targets in the host flavour (Debian's cross gcc, C only: no C++
#   program), to try the script in minutes on a --toolchain host prefix
#   CACHE_DIR=DIR: the sources and binary cache (default: a new one, so everything builds)
# For each target, into the copy: bootstrap --target T (gcc C and C++, smoke-tested under
# qemu), add openssl ffmpeg libedit zlib --target T, then static and static-pie programs linked
# with T's pkg-config (SHA-256 and AES-GCM, an FFmpeg codec probe, a line read with libedit,
# curses, zlib) and a C++ program (threads, exceptions), each passing `muslroot check` and run
# under qemu; `env --target T` builds a CMake and a Meson project. At the end, every file of
# the x86_64 side must be the same bytes as before the other targets came.
set -euo pipefail
# Paths given relative to where the script was started, made absolute before it changes directory.
if [[ ${MUSLROOT:-} == */* ]]; then MUSLROOT=$(realpath "$MUSLROOT"); fi
if [ $# -ge 1 ]; then set -- "$(realpath "$1")" "${@:2}"; fi
cd "$(dirname "$0")/.."
root=$(pwd)
[ $# -eq 1 ] || { echo "usage: $0 PREFIX" >&2; exit 2; }
targets=${TARGETS:-aarch64-linux-musl arm-linux-musleabihf}
toolchain=${TOOLCHAIN:-gcc}
sources=(--mirror "$root/../shared/mirror" --recipes "$root/Tests/mirror-overlay" --recipes "$root/Tests/mirror-overlay-targets")
muslroot=${MUSLROOT:-}
if [ -z "$muslroot" ]; then swift build -c release >/dev/null; muslroot="$(swift build -c release --show-bin-path)/muslroot"; fi
programs="$root/Tests/MuslrootCoreTests/Fixtures/programs"
work=$(mktemp -d /tmp/muslroot-e2e-targets.XXXXXX)
prefix="$work/cross"
cp -a "$1" "$prefix"
# A store of its own (CACHE_DIR to share one), so that everything is built here.
sources+=(--cache-dir "${CACHE_DIR:-$work/cache}")
cd "$work"
fail() { echo "e2e-targets: $*" >&2; exit 1; }
# The first line of `muslroot check PROGRAM`; fails unless it names a KIND (static or
# static-pie) musl executable. Call it as `checked=$(static_check ...) || exit 1`.
static_check() { # program kind
    local report
    report=$("$muslroot" check "$1") || fail "$1: check exited with $?: $report"
    report=${report%%$'\n'*}
    case $report in *": $2 executable, "*", musl"*) echo "$report" ;; *) fail "$1: check says: $report" ;; esac
}
timed() { /usr/bin/time -f "   %e s wall, %U s user, %S s system" "$@"; }

# Every file of the x86_64 side (its manifest's files), with its sha256 or link destination.
x86_64_side() {
    python3 - "$prefix" <<'EOF'
import hashlib, json, os, sys
prefix = sys.argv[1]
manifest = json.load(open(f"{prefix}/.muslroot/manifest.json"))
assert manifest["target"] == "x86_64-linux-musl", manifest["target"]
files = [f for p in manifest["packages"] for f in p["files"]] + manifest.get("generated", []) + [".muslroot/manifest.json"]
for f in sorted(files):
    path = f"{prefix}/{f}"
    print(f, "->" + os.readlink(path) if os.path.islink(path) else hashlib.sha256(open(path, "rb").read()).hexdigest())
EOF
}
x86_64_side > x86_64-before.txt
echo "== the x86_64 side: $(wc -l < x86_64-before.txt) files"

python3 -c "
import math, struct
n, r = 4000, 8000
d = b''.join(struct.pack('<h', int(8000 * math.sin(i * 2 * math.pi * 440 / r))) for i in range(n))
open('tone.wav', 'wb').write(b'RIFF' + struct.pack('<I', 36 + len(d)) + b'WAVEfmt ' + struct.pack('<IHHIIHH', 16, 1, 1, r, r * 2, 2, 16) + b'data' + struct.pack('<I', len(d)) + d)"
cat > cxx.cc <<'EOF'
#include <iostream>
#include <stdexcept>
#include <thread>
#include <vector>
int main() {
    std::vector<std::thread> threads;
    std::vector<long> sums(4);
    for (int t = 0; t < 4; t++) threads.emplace_back([&sums, t] { for (long i = 0; i <= 1000; i++) sums[t] += i * (t + 1); });
    for (auto &thread : threads) thread.join();
    try { throw std::runtime_error("thrown"); } catch (const std::exception &e) {
        std::cout << "c++ ok: " << e.what() << ", " << sums[0] + sums[1] + sums[2] + sums[3] << std::endl;
    }
}
EOF

for T in $targets; do
    emulator=$("$muslroot" list --targets --json | python3 -c "
import json, sys
print(next(t['programs'].get('emulatorPath', 'env') for t in json.load(sys.stdin) if t['triple'] == '$T'))")
    echo "== bootstrap --target $T (emulator: $emulator)"
    timed "$muslroot" bootstrap --toolchain "$toolchain" --target "$T" --prefix "$prefix" "${sources[@]}" | tail -6
    echo "== add openssl ffmpeg libedit zlib --target $T"
    timed "$muslroot" add openssl ffmpeg libedit zlib --target "$T" --prefix "$prefix" "${sources[@]}" | tail -3

    # Builds a program with T's compiler and pkg-config, and fails unless `muslroot check` names
    # it a static (or static-pie) musl executable and its output, run under the emulator, holds
    # what the program prints when it works.
    prove() { # program link-flags expected-output [pkg-config modules]
        local program="$T-$1" kind=static checked output flags
        case $2 in *-static-pie*) kind=static-pie ;; esac
        if [ "$1" = cxx ]; then "$prefix/bin/$T-g++" $2 -O2 -pthread -o "$program" cxx.cc || fail "$program did not build"
        else
            flags=$("$prefix/bin/$T-pkg-config" --static --cflags --libs $4) || fail "$T-pkg-config does not know: $4"
            "$prefix/bin/$T-gcc" $2 -O2 -o "$program" "$programs/$1.c" $flags || fail "$program did not build"
        fi
        checked=$(static_check "$program" "$kind") || exit 1
        case $1 in
        media) output=$("$emulator" "./$program" tone.wav) ;;
        edit) output=$(printf 'first\nsecond\nthird one\n' | "$emulator" "./$program") ;;
        *) output=$("$emulator" "./$program") ;;
        esac || fail "$program exited with $?: $output"
        case $output in *"$3"*) ;; *) fail "$program printed: $output (expected: $3)" ;; esac
        echo "   $checked"
        echo "   ${output%%$'\n'*}"
    }
    for link in "-static" "-static-pie -fPIE"; do
        echo "== $T programs, $link"
        prove crypto "$link" "crypto ok: sha256, aes-256-gcm, tls client context (OpenSSL 3.5.7" openssl
        prove media "$link" "codec pcm_s16le, 8000 Hz, 4000 samples, duration 0.50 s" \
            "libavformat libavcodec libavutil libswscale libswresample"
        prove edit "$link" 'edit ok: 3 lines, last "third one", newest in history "third one"' libedit
        prove curses "$link" "curses ok: ncurses 6.5" ncursesw
        prove zlib "$link" "zlib ok: 4096 bytes" zlib
        # 4 threads summing 0..1000 times 1, 2, 3 and 4: 10 x 500500.
        if [ "$toolchain" = gcc ]; then prove cxx "$link" "c++ ok: thrown, 5005000"; fi
    done

    echo "== env --target $T: a CMake and a Meson project"
    rm -rf project && mkdir project && cp -r "$root/Tests/MuslrootCoreTests/Fixtures/cross-project" project/src
    cp "$programs/zlib.c" project/src/main.c
    "$muslroot" env --prefix "$prefix" --target "$T" --cmake > project/toolchain.cmake
    "$muslroot" env --prefix "$prefix" --target "$T" --meson > project/cross.ini
    ( cd project
      { cmake -S src -B cmake-build -DCMAKE_TOOLCHAIN_FILE="$PWD/toolchain.cmake" && cmake --build cmake-build; } > cmake.log 2>&1 \
          || fail "the CMake project did not build: $PWD/cmake.log"
      { meson setup --cross-file cross.ini meson-build src && ninja -C meson-build; } > meson.log 2>&1 \
          || fail "the Meson project did not build: $PWD/meson.log"
      for program in cmake-build/hello meson-build/hello; do
          checked=$(static_check "$program" static) || exit 1
          output=$("$emulator" "$program") || fail "$program exited with $?: $output"
          case $output in *"zlib ok: 4096 bytes"*) ;; *) fail "$program printed: $output" ;; esac
          echo "   $program: $checked; $output"
      done )
done

x86_64_side > x86_64-after.txt
if ! cmp -s x86_64-before.txt x86_64-after.txt; then
    echo "e2e: the x86_64 side changed:" >&2; diff x86_64-before.txt x86_64-after.txt | head -20 >&2; exit 1
fi
echo "== the x86_64 side: the same $(wc -l < x86_64-after.txt) files, byte for byte"
"$muslroot" list --installed --prefix "$prefix" | sed -n 1,3p
echo "e2e-targets: all checks passed (work in $work)"
