# CMake toolchain file for x86_64-linux-musl, written by muslroot (docs/env.md).
# Use: cmake -DCMAKE_TOOLCHAIN_FILE=<this file> -S <source> -B <build>
# Configure a fresh build directory after the prefix moves: CMake caches the compilers.

# CMake's platform files reset the library suffixes after reading the toolchain file;
# read again as the rules override (after them), this file only prefers static ones.
if(DEFINED CMAKE_C_COMPILER_LOADED OR DEFINED CMAKE_CXX_COMPILER_LOADED)
  set(CMAKE_FIND_LIBRARY_SUFFIXES ".a")
  return()
endif()
if(NOT DEFINED CMAKE_USER_MAKE_RULES_OVERRIDE)
  set(CMAKE_USER_MAKE_RULES_OVERRIDE "${CMAKE_CURRENT_LIST_FILE}")
endif()

set(MUSLROOT_PREFIX "/PREFIX")
set(MUSLROOT_SYSROOT "${MUSLROOT_PREFIX}/x86_64-linux-musl")

set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR x86_64)
set(CMAKE_SYSROOT "${MUSLROOT_SYSROOT}")
set(CMAKE_C_COMPILER "${MUSLROOT_PREFIX}/bin/x86_64-linux-musl-gcc")
set(CMAKE_CXX_COMPILER "${MUSLROOT_PREFIX}/bin/x86_64-linux-musl-g++")
set(CMAKE_AR "${MUSLROOT_PREFIX}/bin/x86_64-linux-musl-ar" CACHE FILEPATH "Archiver")
set(CMAKE_RANLIB "${MUSLROOT_PREFIX}/bin/x86_64-linux-musl-ranlib" CACHE FILEPATH "Ranlib")
set(CMAKE_NM "${MUSLROOT_PREFIX}/bin/x86_64-linux-musl-nm" CACHE FILEPATH "nm")
set(CMAKE_STRIP "${MUSLROOT_PREFIX}/bin/x86_64-linux-musl-strip" CACHE FILEPATH "Strip")

# Libraries, headers and packages from the sysroot only; programs from the build machine.
set(CMAKE_FIND_ROOT_PATH "${MUSLROOT_SYSROOT}")
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)
set(CMAKE_FIND_LIBRARY_SUFFIXES ".a")

# Static programs, position-independent code (so -static-pie links too).
set(BUILD_SHARED_LIBS OFF CACHE BOOL "Build shared libraries")
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
set(CMAKE_EXE_LINKER_FLAGS_INIT "-static")

# pkg_check_modules() and FindPkgConfig: the wrapper confined to the sysroot.
set(PKG_CONFIG_EXECUTABLE "${MUSLROOT_PREFIX}/bin/x86_64-linux-musl-pkg-config")
set(PKG_CONFIG_EXECUTABLE "${PKG_CONFIG_EXECUTABLE}" CACHE FILEPATH "pkg-config for x86_64-linux-musl")

# Static x86_64 musl programs run on an x86_64 Linux build machine: try_run() and
# tests run them directly instead of failing as in other cross builds; elsewhere under
# qemu-x86_64-static (Debian: qemu-user-static) when it is installed.
if(CMAKE_HOST_SYSTEM_NAME STREQUAL "Linux" AND CMAKE_HOST_SYSTEM_PROCESSOR STREQUAL "x86_64")
  set(CMAKE_CROSSCOMPILING_EMULATOR "/usr/bin/env")
else()
  find_program(MUSLROOT_EMULATOR qemu-x86_64-static)
  if(MUSLROOT_EMULATOR)
    set(CMAKE_CROSSCOMPILING_EMULATOR "${MUSLROOT_EMULATOR}")
  endif()
endif()
