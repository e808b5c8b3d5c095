#!/usr/bin/env bash
# End-to-end check of `muslroot add`, `remove`, `env` and `--malloc` on a full gcc toolchain
# (not run in CI: the toolchain takes ~40 minutes; CI proves the same with --toolchain host).
#   scripts/e2e-add.sh PREFIX     PREFIX: a prefix made by `muslroot bootstrap` (copied, not changed)
#   MUSLROOT=path/to/muslroot scripts/e2e-add.sh PREFIX    with a muslroot already built
# Checks: add openssl ffmpeg libedit zlib (ncurses comes too), then zstd and bzip2 (the cmake
# and make templates); static and static-pie programs linked with the prefix's pkg-config pass
# `muslroot check` (without a dlopen reference) and run; the CA bundle is found;
# a second add is a no-op; remove refuses ncurses under libedit, then removes libedit exactly;
# the moved prefix still links; `eval "$(muslroot env)"` builds with $CC and $PKG_CONFIG; when the
# prefix has mimalloc in libc.a, the allocator fixtures (C++ included) pass and use it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
[ $# -eq 1 ] || { echo "usage: $0 PREFIX" >&2; exit 2; }
mirror="$root/../shared/mirror"
sources=(--mirror "$mirror" --recipes "$root/Tests/mirror-overlay")
muslroot=${MUSLROOT:-}
if [ -z "$muslroot" ]; then swift build -c release >/dev/null; muslroot="$(swift build -c release --show-bin-path)/muslroot"; fi
programs="$root/Tests/MuslrootCoreTests/Fixtures/programs"
malloc="$root/Tests/MuslrootCoreTests/Fixtures/malloc"
T=x86_64-linux-musl
work=$(mktemp -d /tmp/muslroot-e2e-add.XXXXXX)
prefix="$work/cross"
cp -a "$1" "$prefix"
cd "$work"

echo "== add openssl ffmpeg libedit zlib"
/usr/bin/time -f "   %e s wall, %U s user, %S s system" "$muslroot" add openssl ffmpeg libedit zlib --prefix "$prefix" "${sources[@]}" | tail -3
"$muslroot" list --installed --prefix "$prefix"

python3 -c "
import math, struct
n, r = 4000, 8000
d = b''.join(struct.pack('<h', int(8000 * math.sin(i * 2 * math.pi * 440 / r))) for i in range(n))
open('tone.wav', 'wb').write(b'RIFF' + struct.pack('<I', 36 + len(d)) + b'WAVEfmt ' + struct.pack('<IHHIIHH', 16, 1, 1, r, r * 2, 2, 16) + b'data' + struct.pack('<I', len(d)) + d)"

build() { # prefix program modules link-flags
    "$1/bin/$T-gcc" $4 -O2 -o "$2" "$programs/$2.c" $("$1/bin/$T-pkg-config" --static --cflags --libs $3)
    local report
    report=$("$muslroot" check "$2")
    if grep -q dlopen <<< "$report"; then echo "e2e: $2 references dlopen: $report" >&2; exit 1; fi
}
run() { # program
    case $1 in
    media) ./media tone.wav ;;
    edit) printf 'first\nsecond\nthird one\n' | ./edit ;;
    *) ./"$1" ;;
    esac
}
for link in "-static" "-static-pie -fPIE"; do
    echo "== programs, $link"
    for spec in "crypto:openssl" "media:libavformat libavcodec libavutil libswscale libswresample" "edit:libedit" "curses:ncursesw" "zlib:zlib"; do
        build "$prefix" "${spec%%:*}" "${spec#*:}" "$link"
        echo "   $(run "${spec%%:*}")"
    done
done

echo "== add zstd bzip2 (cmake and make templates)"
/usr/bin/time -f "   %e s wall, %U s user, %S s system" "$muslroot" add zstd bzip2 --prefix "$prefix" "${sources[@]}" | tail -2
for link in "-static" "-static-pie -fPIE"; do
    for spec in "zstd:libzstd" "bzip2:bzip2"; do
        build "$prefix" "${spec%%:*}" "${spec#*:}" "$link"
        echo "   $link: $(run "${spec%%:*}")"
    done
done

echo "== a second add is a no-op"
/usr/bin/time -f "   %e s" "$muslroot" add openssl ffmpeg libedit zlib --prefix "$prefix" "${sources[@]}"

echo "== the prefix moved elsewhere still links"
mv "$prefix" "$work/moved"; prefix="$work/moved"
build "$prefix" crypto openssl "-static-pie -fPIE"; echo "   $(run crypto)"

echo "== eval \"\$(muslroot env)\": \$CC and \$PKG_CONFIG"
( eval "$("$muslroot" env --prefix "$prefix")"
  $CC -static -O2 -o zlib-env "$programs/zlib.c" $($PKG_CONFIG --static --cflags --libs zlib)
  "$muslroot" check zlib-env > /dev/null && echo "   $(./zlib-env)" )

echo "== remove"
if "$muslroot" remove ncurses --prefix "$prefix" 2> refused.txt; then echo "e2e: remove ncurses was not refused" >&2; exit 1; fi
grep -q libedit refused.txt && echo "   refused: $(cat refused.txt)"
"$muslroot" remove libedit --prefix "$prefix"
[ ! -e "$prefix/$T/lib/libedit.a" ] && [ -e "$prefix/$T/lib/libncursesw.a" ] && echo "   libedit gone, ncurses kept"

if grep -q '"malloc" : "mimalloc"' "$prefix/.muslroot/manifest.json"; then
    echo "== --malloc mimalloc"
    for t in threads thread-churn fork api big detect; do
        "$prefix/bin/$T-gcc" -static -O2 -pthread -o "m-$t" "$malloc/$t.c" && echo "   $(./m-$t | tail -1)"
    done
    "$prefix/bin/$T-g++" -static -O2 -pthread -o m-cxx "$malloc/cxx.cc" && echo "   $(./m-cxx | tail -1)"
fi
echo "e2e-add: all checks passed (work in $work)"
