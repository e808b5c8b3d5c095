#!/bin/bash
# The baseline for scripts/bench-bootstrap.sh: the toolchain built from the same tarballs with
# the same configure options as recipes/*.toml, by a plain sequence of make -jN (extraction
# first, then binutils, gcc's compiler, musl, the rest of gcc), the way musl-cross-make does.
#   scripts/baseline-build.sh DIR [JOBS]
set -euxo pipefail
M="$(cd "$(dirname "$0")/../../shared/mirror" && pwd)"
W="${1:?usage: baseline-build.sh DIR [JOBS]}"
T=x86_64-linux-musl
J="${2:-$(nproc)}"
rm -rf $W; mkdir -p $W/src $W/build
STAGE=$W/stage; SYSROOT=$STAGE/$T
x() { mkdir -p $W/src/$1 && tar -xf $M/$2 -C $W/src/$1 --strip-components=1; }
x binutils binutils_2.44.orig.tar.xz
x gcc gcc-14.2.0-dfsg-buildable.tar.xz
x gcc/gmp gmp-6.3.0+dfsg-docstub.tar.xz
x gcc/mpfr mpfr-4.2.2.tar.xz
x gcc/mpc mpc-1.3.1.tar.gz
x musl musl-1.2.5.tar.gz
x linux linux-6.12.107-uapi-subset.tar.xz
B=$W/build
mkdir -p $SYSROOT/include $SYSROOT/lib; ln -sfn . $SYSROOT/usr; ln -sfn lib $SYSROOT/lib64
# linux headers
mkdir -p $B/linux && (cd $W/src/linux && make ARCH=x86 O=$B/linux INSTALL_HDR_PATH=$B/linux/staged headers_install) 
find $B/linux/staged/include \( -name .install -o -name ..install.cmd \) -delete; cp -R $B/linux/staged/include/. $SYSROOT/include/
# binutils
mkdir -p $B/binutils && cd $B/binutils
$W/src/binutils/configure --target=$T --prefix= --libdir=/lib --disable-multilib --with-sysroot=/$T --disable-werror --disable-nls --disable-separate-code --enable-compressed-debug-sections=none --enable-deterministic-archives CFLAGS="-g0 -O2" CXXFLAGS="-g0 -O2"
make -j$J MAKEINFO=true all
# gcc configure
mkdir -p $B/gcc && cd $B/gcc
BU=$B/binutils
$W/src/gcc/configure --target=$T --prefix= --libdir=/lib --disable-multilib --with-sysroot=/$T --with-build-sysroot=$SYSROOT \
  --enable-languages=c,c++ --disable-werror --disable-nls --disable-bootstrap --enable-tls --disable-libmudflap --disable-libsanitizer \
  --disable-gnu-indirect-function --disable-libmpx --enable-libstdcxx-time --enable-default-pie \
  CFLAGS="-g0 -O2" CXXFLAGS="-g0 -O2" \
  AR_FOR_TARGET=$BU/binutils/ar AS_FOR_TARGET=$BU/gas/as-new LD_FOR_TARGET=$BU/ld/ld-new NM_FOR_TARGET=$BU/binutils/nm-new \
  OBJCOPY_FOR_TARGET=$BU/binutils/objcopy OBJDUMP_FOR_TARGET=$BU/binutils/objdump RANLIB_FOR_TARGET=$BU/binutils/ranlib \
  READELF_FOR_TARGET=$BU/binutils/readelf STRIP_FOR_TARGET=$BU/binutils/strip-new
make -j$J MULTILIB_OSDIRNAMES= INFO_DEPS= infodir= ac_cv_prog_lex_root=lex.yy.c MAKEINFO=true all-gcc
# musl configure + headers
mkdir -p $B/musl && cd $B/musl
$W/src/musl/configure --prefix= --host=$T CC="$B/gcc/gcc/xgcc -B $B/gcc/gcc" LIBCC="$B/gcc/$T/libgcc/libgcc.a" AR=$BU/binutils/ar RANLIB=$BU/binutils/ranlib
make DESTDIR=$SYSROOT install-headers
# libgcc
# (enable_shared=no for the sub-make only, as litecross does: passed to libgcc's configure, it
# would leave out libgcc_s and the target libraries' configure tests would fail to link)
cd $B/gcc && make -j$J MULTILIB_OSDIRNAMES= INFO_DEPS= infodir= ac_cv_prog_lex_root=lex.yy.c MAKEINFO=true "MAKE=make enable_shared=no" all-target-libgcc
# musl
cd $B/musl && make -j$J AR=$BU/binutils/ar RANLIB=$BU/binutils/ranlib && make AR=$BU/binutils/ar RANLIB=$BU/binutils/ranlib DESTDIR=$SYSROOT install
# rest of gcc
cd $B/gcc && make -j$J MULTILIB_OSDIRNAMES= INFO_DEPS= infodir= ac_cv_prog_lex_root=lex.yy.c MAKEINFO=true
# installs
cd $B/binutils && make MAKEINFO=true DESTDIR=$STAGE install
cd $B/gcc && make MULTILIB_OSDIRNAMES= INFO_DEPS= infodir= ac_cv_prog_lex_root=lex.yy.c MAKEINFO=true DESTDIR=$STAGE install
ln -sf $T-gcc $STAGE/bin/$T-cc
echo DONE
