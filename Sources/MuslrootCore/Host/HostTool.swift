import Foundation

/// A program on the build machine that recipes run.
public struct HostTool: Sendable, Encodable {
    public var name: String
    /// Any of these on PATH will do.
    public var commands: [String]
    /// The Debian package that provides it.
    public var debianPackage: String
    public var neededBy: String
    public var required: Bool

    /// What the shipped recipes run, and why.
    public static let all: [HostTool] = [
        HostTool(name: "C compiler", commands: ["cc", "gcc"], debianPackage: "gcc", neededBy: "binutils, gcc, musl (host tools)", required: true),
        HostTool(name: "C++ compiler", commands: ["c++", "g++"], debianPackage: "g++", neededBy: "gcc (written in C++)", required: true),
        HostTool(name: "make", commands: ["make"], debianPackage: "make", neededBy: "every recipe", required: true),
        HostTool(name: "m4", commands: ["m4"], debianPackage: "m4", neededBy: "gmp, binutils", required: true),
        HostTool(name: "perl", commands: ["perl"], debianPackage: "perl", neededBy: "openssl, binutils", required: true),
        HostTool(name: "bison", commands: ["bison"], debianPackage: "bison", neededBy: "binutils (gas, ld)", required: true),
        HostTool(name: "flex", commands: ["flex"], debianPackage: "flex", neededBy: "binutils (ld)", required: true),
        HostTool(name: "awk", commands: ["gawk", "mawk", "awk"], debianPackage: "gawk", neededBy: "gcc", required: true),
        HostTool(name: "patch", commands: ["patch"], debianPackage: "patch", neededBy: "recipes with patches (musl)", required: true),
        HostTool(name: "rsync", commands: ["rsync"], debianPackage: "rsync", neededBy: "linux-headers (headers_install)", required: true),
        HostTool(name: "pkg-config", commands: ["pkg-config", "pkgconf"], debianPackage: "pkgconf", neededBy: "the prefix's x86_64-linux-musl-pkg-config (muslroot add, builds against the sysroot)", required: false),
        HostTool(name: "nasm", commands: ["nasm"], debianPackage: "nasm", neededBy: "ffmpeg (its hand-written x86 SIMD code)", required: false),
        HostTool(name: "cmake", commands: ["cmake"], debianPackage: "cmake", neededBy: "mimalloc, recipes with build-system = \"cmake\"", required: false),
    ]

    /// The full path of the first of `commands` found on `path`, if any.
    public func locate(path: String) -> String? {
        for command in commands {
            for directory in path.split(separator: ":") {
                let candidate = "\(directory)/\(command)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }
}

/// `muslroot doctor`: which host tools are there, and what to install for the missing ones.
public struct HostReport: Sendable, Encodable {
    public struct Entry: Sendable, Encodable {
        public var tool: HostTool
        public var path: String?
    }

    public var entries: [Entry]

    public init(tools: [HostTool] = HostTool.all, path: String) {
        entries = tools.map { Entry(tool: $0, path: $0.locate(path: path)) }
    }

    public var missingRequired: [HostTool] { entries.filter { $0.path == nil && $0.tool.required }.map(\.tool) }

    public var text: String {
        let width = entries.map(\.tool.name.count).max() ?? 0
        var lines = entries.map { entry in
            let name = entry.tool.name.rightPadded(to: width)
            if let path = entry.path { return "  ok       \(name)  \(path)" }
            let label = entry.tool.required ? "MISSING" : "missing"
            return "  \(label.rightPadded(to: 7))  \(name)  needed by \(entry.tool.neededBy); install: apt-get install \(entry.tool.debianPackage)"
        }
        let missing = missingRequired
        if missing.isEmpty {
            lines.append("All required host tools are present.")
        } else {
            let packages = Array(Set(missing.map(\.debianPackage))).sorted().joined(separator: " ")
            lines.append("Missing required tools. Run: apt-get install \(packages)")
        }
        return lines.joined(separator: "\n")
    }
}
