/// The environment a build needs to use a prefix: `PATH` with the prefix's `bin` first, the
/// C tools under the names autoconf, make and CMake read, and the target-scoped names
/// cargo, rustc and the build scripts of `-sys` crates read (docs/env.md says why each).
/// `muslroot env` prints it for sh, fish or JSON; the cargo config carries part of it.
public struct PrefixEnvironment: Sendable {
    public struct Variable: Sendable, Equatable {
        public var name: String
        public var value: String
        /// Where the value points in the prefix (relative to it) when the value is just
        /// that path: a relocatable file can then write it relative to itself.
        public var inPrefix: String?
        /// The value is a path of the prefix inside other text (a flag), which a
        /// relocatable file cannot carry.
        public var embedsPath = false
        /// Cargo passes it to build scripts and rustc through the cargo config's `[env]`.
        public var forCargo = false
    }

    /// The directory put first on `PATH`.
    public var pathEntry: String
    /// Every variable but `PATH`, in the order they are printed.
    public var variables: [Variable]

    public init(_ prefix: PrefixDescription) {
        pathEntry = prefix.bin
        var builder = Builder(prefix: prefix)
        builder.addCTools()
        builder.addRust()
        builder.addCrates()
        variables = builder.variables
    }

    /// `PATH` after the exports are evaluated where it was `current`: the prefix's `bin`
    /// first, and unchanged when it is already there, so evaluating twice changes nothing.
    public func path(after current: String?) -> String {
        guard let current, !current.isEmpty else { return pathEntry }
        if current.split(separator: ":", omittingEmptySubsequences: false).contains(Substring(pathEntry)) {
            return current
        }
        return "\(pathEntry):\(current)"
    }

    /// Every variable with `PATH` as `path(after:)` gives it: what JSON prints.
    public func values(currentPath: String?) -> [String: String] {
        var values = Dictionary(variables.map { ($0.name, $0.value) }, uniquingKeysWith: { $1 })
        values["PATH"] = path(after: currentPath)
        return values
    }

    public subscript(name: String) -> String? { variables.first { $0.name == name }?.value }
}

extension PrefixEnvironment {
    /// Collects variables in order; paths are given relative to the prefix.
    struct Builder {
        let prefix: PrefixDescription
        var variables: [Variable] = []

        mutating func text(_ name: String, _ value: String, cargo: Bool = false) {
            variables.append(Variable(name: name, value: value, forCargo: cargo))
        }

        mutating func path(_ name: String, _ relative: String, cargo: Bool = false) {
            let value = relative == "." ? prefix.root : "\(prefix.root)/\(relative)"
            variables.append(Variable(name: name, value: value, inPrefix: relative, forCargo: cargo))
        }

        mutating func flags(_ name: String, _ value: String, cargo: Bool = false) {
            variables.append(Variable(name: name, value: value, embedsPath: true, forCargo: cargo))
        }

        func tool(_ name: String) -> String { PrefixDescription.tool(name, triple: prefix.triple) }
        var sysroot: String { prefix.triple.description }

        /// What autoconf (`--host=x86_64-linux-musl`), make and CMake read. The `HOST_`
        /// names keep the cc and pkg-config crates on the build machine's tools for build
        /// scripts and proc macros, which they would otherwise take from `CC` and `PKG_CONFIG`.
        mutating func addCTools() {
            path("MUSLROOT_PREFIX", ".")
            path("MUSLROOT_SYSROOT", sysroot)
            text("MUSLROOT_TARGET", prefix.triple.description)
            text("MUSLROOT_MALLOC", prefix.malloc)
            path("CC", tool("gcc"))
            if prefix.hasCXX { path("CXX", tool("g++")) }
            for name in ["ar", "ranlib", "nm", "strip"] { path(name.uppercased(), tool(name)) }
            path("PKG_CONFIG", tool("pkg-config"))
            text("HOST_CC", "cc")
            if prefix.hasCXX { text("HOST_CXX", "c++") }
            text("HOST_AR", "ar")
            text("HOST_PKG_CONFIG", "pkg-config")
        }
    }
}
