#!/usr/bin/env bash
# End-to-end check of `muslroot add`, `remove`, `env` and `--malloc` on a full gcc toolchain
# (not run in CI: the toolchain takes ~40 minutes; CI proves the same with --toolchain host).
#   scripts/e2e-add.sh PREFIX     PREFIX: a prefix made by `muslroot bootstrap` (copied, not changed)
#   MUSLROOT=path/to/muslroot scripts/e2e-add.sh PREFIX    with a muslroot already built
# Checks: add openssl ffmpeg libedit zlib (ncurses comes too), then zstd and bzip2 (the cmake
# and make templates), then curl, libpq, xz, pcre2 and libffi (HTTPS with a test CA and plain
# HTTP from local servers, a scratch PostgreSQL server over TLS and a Unix socket, when
# Debian's postgresql is installed); static and static-pie programs linked with the prefix's pkg-config pass
# `muslroot check` (without a dlopen reference) and run; the CA bundle is found;
# a second add is a no-op; remove refuses ncurses under libedit, then removes libedit exactly;
# the moved prefix still links; `eval "$(muslroot env)"` builds with $CC and $PKG_CONFIG; when the
# prefix has mimalloc in libc.a, the allocator fixtures (C++ included) pass and use it.
set -euo pipefail
# Paths given relative to where the script was started, made absolute before it changes directory.
if [[ ${MUSLROOT:-} == */* ]]; then MUSLROOT=$(realpath "$MUSLROOT"); fi
if [ $# -ge 1 ]; then set -- "$(realpath "$1")" "${@:2}"; fi
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

fail() { echo "e2e-add: $*" >&2; exit 1; }
# Runs a command and prints its output after LABEL; its failure stops the script (inside
# "$(...)" alone it would not).
show() { # label command...
    local label=$1 output; shift
    output=$("$@") || fail "$* exited with $?: $output"
    echo "   $label$output"
}
build() { # prefix program modules link-flags
    local flags
    flags=$("$1/bin/$T-pkg-config" --static --cflags --libs $3) || fail "$T-pkg-config does not know: $3"
    "$1/bin/$T-gcc" $4 -O2 -o "$2" "$programs/$2.c" $flags || fail "$2 did not build"
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
        show "" run "${spec%%:*}"
    done
done

echo "== add zstd bzip2 (cmake and make templates)"
/usr/bin/time -f "   %e s wall, %U s user, %S s system" "$muslroot" add zstd bzip2 --prefix "$prefix" "${sources[@]}" | tail -2
for link in "-static" "-static-pie -fPIE"; do
    for spec in "zstd:libzstd" "bzip2:bzip2"; do
        build "$prefix" "${spec%%:*}" "${spec#*:}" "$link"
        show "$link: " run "${spec%%:*}"
    done
done

echo "== add curl libpq xz pcre2 libffi (zstd is there already)"
/usr/bin/time -f "   %e s wall, %U s user, %S s system" "$muslroot" add curl libpq xz pcre2 libffi --prefix "$prefix" "${sources[@]}" | tail -2
for link in "-static" "-static-pie -fPIE"; do
    for spec in "lzma:liblzma" "pcre2:libpcre2-8" "ffi:libffi"; do
        build "$prefix" "${spec%%:*}" "${spec#*:}" "$link"
        show "$link: " run "${spec%%:*}"
    done
done
fixtures="$root/Tests/MuslrootCoreTests/Fixtures"
printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > san.ext
openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 -subj /CN=e2e-ca 2>/dev/null
openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr -subj /CN=localhost 2>/dev/null
openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile san.ext 2>/dev/null
# serve: a server of Fixtures/http_server.py in the background; its port in $port.
serve() { # cert key count
    python3 "$fixtures/http_server.py" "$@" > port.txt & server_pids="${server_pids:-} $!"
    while [ ! -s port.txt ]; do sleep 0.1; done
    port=$(head -n 1 port.txt); rm port.txt
}
trap 'kill ${server_pids:-} 2>/dev/null || true; [ -d "$work/pg" ] && sh "$fixtures/postgres.sh" stop "$work"' EXIT
serve server.pem server.key 3; https_port=$port
serve plain - 2; http_port=$port
for link in "-static" "-static-pie -fPIE"; do
    build "$prefix" curl libcurl "$link"
    show "$link: " ./curl "https://localhost:$https_port/" ca.pem
    show "$link: " ./curl "http://127.0.0.1:$http_port/"
done
if ./curl "https://localhost:$https_port/" > refused.txt; then echo "e2e: curl verified a server without its CA" >&2; exit 1; fi
grep -q certificate refused.txt || fail "curl without the test CA did not name the certificate: $(cat refused.txt)"
echo "   without the test CA: $(cat refused.txt)"
if [ -d /usr/lib/postgresql ]; then
    pg_port=$(sh "$fixtures/postgres.sh" start "$work")
    for link in "-static" "-static-pie -fPIE"; do
        build "$prefix" pq libpq "$link"
        show "$link: " ./pq "host=127.0.0.1 port=$pg_port user=muslroot dbname=postgres sslmode=require"
        show "$link: " ./pq "host=$work/pg/socket port=$pg_port user=muslroot dbname=postgres"
    done
    sh "$fixtures/postgres.sh" stop "$work"
else
    echo "   (no PostgreSQL server on this machine: Debian's postgresql package; libpq not run)"
fi

echo "== a second add is a no-op"
/usr/bin/time -f "   %e s" "$muslroot" add openssl ffmpeg libedit zlib --prefix "$prefix" "${sources[@]}"

echo "== the prefix moved elsewhere still links"
mv "$prefix" "$work/moved"; prefix="$work/moved"
build "$prefix" crypto openssl "-static-pie -fPIE"; show "" run crypto

echo "== eval \"\$(muslroot env)\": \$CC and \$PKG_CONFIG"
( eval "$("$muslroot" env --prefix "$prefix")"
  $CC -static -O2 -o zlib-env "$programs/zlib.c" $($PKG_CONFIG --static --cflags --libs zlib)
  "$muslroot" check zlib-env > /dev/null
  show "" ./zlib-env )

echo "== remove"
if "$muslroot" remove ncurses --prefix "$prefix" 2> refused.txt; then echo "e2e: remove ncurses was not refused" >&2; exit 1; fi
grep -q libedit refused.txt || fail "remove ncurses was refused without naming libedit: $(cat refused.txt)"
echo "   refused: $(cat refused.txt)"
"$muslroot" remove libedit --prefix "$prefix"
if [ -e "$prefix/$T/lib/libedit.a" ] || [ ! -e "$prefix/$T/lib/libncursesw.a" ]; then fail "remove libedit: libedit.a should be gone and libncursesw.a kept"; fi
echo "   libedit gone, ncurses kept"

if grep -q '"malloc" : "mimalloc"' "$prefix/.muslroot/manifest.json"; then
    echo "== --malloc mimalloc"
    for t in threads thread-churn fork api big detect; do
        "$prefix/bin/$T-gcc" -static -O2 -pthread -o "m-$t" "$malloc/$t.c"
        show "" "./m-$t"
    done
    "$prefix/bin/$T-g++" -static -O2 -pthread -o m-cxx "$malloc/cxx.cc"
    show "" ./m-cxx
fi
echo "e2e-add: all checks passed (work in $work)"
