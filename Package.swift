// swift-tools-version: 6.2
import PackageDescription

// muslroot runs on Linux only: it installs with renameat2(RENAME_EXCHANGE), reads /proc, and
// checks ELF binaries. SwiftPM has no way to state a Linux minimum, so no `platforms` are
// declared; a build for any other system stops at the #error in Sources/CLinux/include/CLinux.h.
let package = Package(
    name: "muslroot",
    products: [
        .executable(name: "muslroot", targets: ["muslroot"]),
        .library(name: "MuslrootCore", targets: ["MuslrootCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", exact: "1.0.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.5.0"),
    ],
    targets: [
        // libcurl: a C shim with one non-variadic wrapper per option type.
        .target(
            name: "CCurl",
            linkerSettings: [.linkedLibrary("curl")]
        ),
        // renameat2(RENAME_EXCHANGE), for installing a prefix atomically; pipe2(O_CLOEXEC).
        .target(name: "CLinux"),
        // libarchive: the modulemap only includes the header.
        .systemLibrary(
            name: "CArchive",
            pkgConfig: "libarchive",
            providers: [.apt(["libarchive-dev"])]
        ),
        .target(
            name: "MuslrootCore",
            dependencies: [
                "CCurl",
                "CArchive",
                "CLinux",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),
        .executableTarget(
            name: "muslroot",
            dependencies: [
                "MuslrootCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "MuslrootCoreTests",
            dependencies: ["MuslrootCore", "muslroot"],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
