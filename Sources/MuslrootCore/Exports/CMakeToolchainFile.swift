/// A CMake toolchain file (cmake-toolchains(7)) for the prefix: a Linux cross build for its
/// target, with the prefix's compilers, found in its sysroot only, static libraries preferred,
/// position-independent code, static links, pkg-config through the prefix's wrapper.
///
/// The relocatable form (PREFIX/share/muslroot/toolchain.cmake) derives every path from
/// CMAKE_CURRENT_LIST_DIR; the printed form names the prefix where it is now.
public enum CMakeToolchainFile {
    /// Relative to the prefix.
    public static let path = "share/muslroot/toolchain.cmake"

    /// "Static x86_64 musl programs run on an x86_64 Linux build machine": why no emulator.
    static func nativeNote(_ target: TargetProfile) -> String {
        "Static \(target.triple.architecture) musl programs run on an \(target.nativeMachines.joined(separator: " or ")) Linux build machine"
    }

    public static func text(_ prefix: PrefixDescription, relocatable: Bool) -> String {
        let triple = prefix.triple.description
        let root = relocatable
            ? "get_filename_component(MUSLROOT_PREFIX \"${CMAKE_CURRENT_LIST_DIR}/../..\" ABSOLUTE)"
            : "set(MUSLROOT_PREFIX \(ShellQuoting.cmake(prefix.root)))"
        let tool = { (name: String) in "\"${MUSLROOT_PREFIX}/bin/\(triple)-\(name)\"" }
        let target = prefix.target
        let native = target.nativeMachines.count == 1
            ? "STREQUAL \"\(target.nativeMachines[0])\""
            : "MATCHES \"^(\(target.nativeMachines.joined(separator: "|")))$\""
        let cxx = prefix.hasCXX ? "set(CMAKE_CXX_COMPILER \(tool("g++")))" : "# No C++ compiler in this prefix."
        return """
        # CMake toolchain file for \(triple), written by muslroot (docs/env.md).
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

        \(root)
        set(MUSLROOT_SYSROOT "${MUSLROOT_PREFIX}/\(triple)")

        set(CMAKE_SYSTEM_NAME Linux)
        set(CMAKE_SYSTEM_PROCESSOR \(target.cmakeProcessor))
        set(CMAKE_SYSROOT "${MUSLROOT_SYSROOT}")
        set(CMAKE_C_COMPILER \(tool("gcc")))
        \(cxx)
        set(CMAKE_AR \(tool("ar")) CACHE FILEPATH "Archiver")
        set(CMAKE_RANLIB \(tool("ranlib")) CACHE FILEPATH "Ranlib")
        set(CMAKE_NM \(tool("nm")) CACHE FILEPATH "nm")
        set(CMAKE_STRIP \(tool("strip")) CACHE FILEPATH "Strip")

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
        set(PKG_CONFIG_EXECUTABLE \(tool("pkg-config")))
        set(PKG_CONFIG_EXECUTABLE "${PKG_CONFIG_EXECUTABLE}" CACHE FILEPATH "pkg-config for \(triple)")

        # \(Self.nativeNote(target)): try_run() and
        # tests run them directly instead of failing as in other cross builds; elsewhere under
        # \(target.emulator) (Debian: qemu-user-static) when it is installed.
        if(CMAKE_HOST_SYSTEM_NAME STREQUAL "Linux" AND CMAKE_HOST_SYSTEM_PROCESSOR \(native))
          set(CMAKE_CROSSCOMPILING_EMULATOR "/usr/bin/env")
        else()
          find_program(MUSLROOT_EMULATOR \(target.emulator))
          if(MUSLROOT_EMULATOR)
            set(CMAKE_CROSSCOMPILING_EMULATOR "${MUSLROOT_EMULATOR}")
          endif()
        endif()

        """
    }
}
