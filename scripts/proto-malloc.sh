#!/bin/sh
# Prototype of `muslroot bootstrap --malloc mimalloc` with the host's gcc (not a test, not
# run by CI). Builds musl 1.2.5 twice, as Tests/MuslrootCoreTests/Fixtures/musl-host does
# (configure --prefix= CC=gcc, make, make DESTDIR=... install):
#   WORK/stock  stock musl (mallocng)
#   WORK/mi     musl whose libc.a allocates with mimalloc 2.2.4, by the steps of
#               recipes/mimalloc.toml and recipes/malloc-mimalloc/musl.toml
# then writes a gcc wrapper per sysroot (WORK/{stock,mi}/bin/musl-gcc, a specs file in the
# style of musl's tools/musl-gcc.specs.sh, plus -static-pie) and, unless NOTESTS=1, builds
# the programs in Tests/MuslrootCoreTests/Fixtures/malloc with both and runs them.
#
#   scripts/proto-malloc.sh [WORK]      default WORK: /tmp/malloc-proto
#   MIRROR=dir    tarballs (default: ../shared/mirror beside the project)
#   MI_SECURE=N   mimalloc secure level for this build (the recipe's is in [vars] cflags)
#   JOBS=N        make -j (default 2)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/malloc-proto}
mirror=${MIRROR:-$root/../shared/mirror}
jobs=${JOBS:-2}
secure=${MI_SECURE:-0}
mkdir -p "$work/src" "$work/build"
work=$(cd "$work" && pwd)

# Sources, patched as muslroot patches them (patch -p1, name order).
unpack() { # tarball dir patchdir
    [ -d "$work/src/$2" ] && return
    tar -C "$work/src" -xf "$mirror/$1"
    for p in "$root/patches/$3"/*.patch; do
        [ -f "$p" ] && patch -d "$work/src/$2" -p1 -s < "$p"
    done
}
unpack musl-1.2.5.tar.gz musl-1.2.5 musl/1.2.5
unpack mimalloc-2.2.4.tar.gz mimalloc-2.2.4 mimalloc/2.2.4
musl_src=$work/src/musl-1.2.5
mi_src=$work/src/mimalloc-2.2.4

# Same flags as recipes/mimalloc.toml [vars] cflags (keep in step by hand).
mi_cflags="-std=gnu11 -O2 -fPIC -fvisibility=hidden -ftls-model=initial-exec
  -ffunction-sections -fdata-sections -fno-stack-protector -Wall -Wno-unknown-pragmas
  -DNDEBUG -DMI_LIBC_MUSL=1 -DMI_SECURE=$secure -DMI_NO_GETENV=1 -DMI_SKIP_COLLECT_ON_EXIT=1"

musl_configure() { # builddir
    mkdir -p "$1"
    [ -f "$1/config.mak" ] || (cd "$1" && "$musl_src/configure" --prefix= CC=gcc > configure.log)
}

# 1. Stock musl.
if [ ! -f "$work/stock/lib/libc.a" ]; then
    musl_configure "$work/build/musl-stock"
    make -C "$work/build/musl-stock" -j"$jobs" > "$work/build/musl-stock.log"
    make -C "$work/build/musl-stock" DESTDIR="$work/stock" install >> "$work/build/musl-stock.log"
fi

# 2. musl with mimalloc: musl:configure, musl:headers, mimalloc:build, musl:build, musl:install.
b=$work/build/musl-mi
m=$work/build/mimalloc
musl_configure "$b"
make -C "$b" DESTDIR="$work/mi" install-headers > /dev/null
mkdir -p "$m"
# The recipe's compiler is xgcc --sysroot=${sysroot}; here the host gcc on musl's headers.
cc="gcc -nostdinc -isystem $work/mi/include -isystem $(gcc -print-file-name=include)"
# shellcheck disable=SC2086
$cc $mi_cflags -I"$mi_src/include" -I"$mi_src/src" -c "$mi_src/musl/libc-mimalloc.c" -o "$m/libc-mimalloc-all.o"
ld -r --gc-sections "$m/libc-mimalloc-all.o" "$mi_src/musl/roots.ld" -o "$m/libc-mimalloc-gc.o"
objcopy --keep-global-symbols="$mi_src/musl/exports" --strip-unneeded-symbols="$mi_src/musl/unneeded" \
    "$m/libc-mimalloc-gc.o" "$m/libc-mimalloc.o"
# shellcheck disable=SC2086
$cc $mi_cflags -c "$mi_src/musl/aligned_alloc.c" -o "$m/mimalloc_aligned_alloc.o"
# shellcheck disable=SC2086
$cc $mi_cflags -c "$mi_src/musl/malloc_usable_size.c" -o "$m/mimalloc_usable_size.o"
aobjs="AOBJS=\$(filter-out obj/src/malloc/mallocng/%,\$(LIBC_OBJS)) $m/libc-mimalloc.o $m/mimalloc_aligned_alloc.o $m/mimalloc_usable_size.o"
make -C "$b" -j"$jobs" "$aobjs" > "$work/build/musl-mi.log"
make -C "$b" "$aobjs" DESTDIR="$work/mi" install >> "$work/build/musl-mi.log"

# 3. gcc wrappers: musl's specs, with Scrt1.o/rcrt1.o chosen for -static-pie as well.
for s in stock mi; do
    d=$work/$s
    mkdir -p "$d/bin"
    cat > "$d/lib/musl-gcc.specs" <<EOF
%rename cpp_options old_cpp_options

*cpp_options:
-nostdinc -isystem $d/include -isystem include%s %(old_cpp_options)

*cc1:
%(cc1_cpu) -nostdinc -isystem $d/include -isystem include%s

*link_libgcc:
-L$d/lib -L .%s

*libgcc:
libgcc.a%s %:if-exists(libgcc_eh.a%s)

*startfile:
%{!shared: %{static-pie:$d/lib/rcrt1.o;:$d/lib/Scrt1.o}} $d/lib/crti.o crtbeginS.o%s

*endfile:
crtendS.o%s $d/lib/crtn.o

*link:
-dynamic-linker /lib/ld-musl-x86_64.so.1 -nostdlib %{shared:-shared} %{static:-static} %{static-pie:-static -pie --no-dynamic-linker -z text} %{rdynamic:-export-dynamic}

EOF
    printf '#!/bin/sh\nexec gcc "$@" -specs "%s/lib/musl-gcc.specs"\n' "$d" > "$d/bin/musl-gcc"
    chmod +x "$d/bin/musl-gcc"
done

[ "${NOTESTS:-0}" = 1 ] && exit 0

# 4. The fixture programs, static -O2 -pthread, with both libcs; -static-pie once.
fixtures=$root/Tests/MuslrootCoreTests/Fixtures/malloc
status=0
for s in stock mi; do
    mkdir -p "$work/$s/tests"
    for t in threads thread-churn fork api big detect; do
        exe=$work/$s/tests/$t
        "$work/$s/bin/musl-gcc" -static -O2 -pthread -o "$exe" "$fixtures/$t.c"
        if [ "$t" = detect ] && [ "$s" = stock ]; then
            # Must fail: stock musl has no mimalloc.
            if "$exe"; then echo "proto: detect passed on stock musl" >&2; status=1; fi
            continue
        fi
        "$exe" || status=1
    done
    "$work/$s/bin/musl-gcc" -static-pie -O2 -pthread -o "$work/$s/tests/api-pie" "$fixtures/api.c"
    "$work/$s/tests/api-pie" || status=1
done
nm "$work/mi/tests/detect" | grep -q ' T __mimalloc_version$' || { echo "proto: no __mimalloc_version in detect" >&2; status=1; }
nm "$work/mi/tests/api" | grep -q ' t _mi_malloc_generic$' || { echo "proto: no _mi_malloc_generic in api" >&2; status=1; }
exit $status
