/// One line of a `--json` stream: every event any command prints, as a typed value.
/// docs/json.md documents each one and its fields; the field names here are that contract.
public enum Event: Sendable, Encodable {
    // The build (bootstrap, add).
    /// The phases of the plan, and how many of them a previous run completed.
    case planned(total: Int, done: Int)
    /// A recipe's sources are being unpacked and patched.
    case sourceStarted(recipe: String)
    case sourceFinished(recipe: String, seconds: Double)
    case phaseStarted(phase: String, log: String)
    case phaseFinished(phase: String, seconds: Double)
    case phaseFailed(phase: String, log: String)
    case message(text: String)
    /// A package (a library, or `toolchain`) taken from a binary cache (`origin`: the store's
    /// directory or the cache's URL) instead of being built.
    case cacheHit(package: String, key: String, origin: String)
    /// A package built here, stored in the local binary cache.
    case cacheStored(package: String, key: String, bytes: Int64)

    // Downloads (fetch, bootstrap, add).
    /// What happened to one source: found in the cache, a transfer, a retry, a URL that failed, verified.
    case fetch(FetchEvent)
    /// What `fetch` did in all.
    case fetchSummary(FetchTally.Summary)

    // The outcome.
    /// `target`: the triple whose toolchain or libraries these are. `checks` (bootstrap: the
    /// smoke tests passed), `packages` and `modules` (add: what was built, and the pkg-config
    /// modules of the libraries asked for).
    case installed(prefix: String, target: String, logs: String, checks: [String]? = nil, packages: [String]? = nil, modules: [String]? = nil)
    /// Nothing to do; `packages` and `modules` for add.
    case upToDate(prefix: String, target: String, packages: [String]? = nil, modules: [String]? = nil)
    /// CPU seconds: muslroot's own, and its children's (the builds).
    case resources(selfCPUSeconds: Double, childrenCPUSeconds: Double)
    /// Every file removed, by package.
    case removed(prefix: String, target: String, files: [String: [String]])
    /// The command failed; `error` is the message printed on standard error.
    case failed(error: String)

    /// The value of the `event` field.
    public var name: String {
        switch self {
        case .planned: "planned"
        case .sourceStarted: "source-started"
        case .sourceFinished: "source-finished"
        case .phaseStarted: "phase-started"
        case .phaseFinished: "phase-finished"
        case .phaseFailed: "phase-failed"
        case .message: "message"
        case .cacheHit: "cache-hit"
        case .cacheStored: "cache-stored"
        case .fetch(let event): "fetch-\(event.kind)"
        case .fetchSummary: "summary"
        case .installed: "installed"
        case .upToDate: "up-to-date"
        case .resources: "resources"
        case .removed: "removed"
        case .failed: "failed"
        }
    }

    /// Every field name of every event.
    enum Field: String, CodingKey {
        case event, total, done, recipe, seconds, phase, log, text
        case source, file, url, path, sha256, bytes, offset, attempt, delay, error
        case sources, downloaded, cached, cache
        case prefix, target, logs, checks, packages, modules, files
        case package, key, origin
        case selfCPUSeconds = "self_cpu_seconds", childrenCPUSeconds = "children_cpu_seconds", elapsed
    }

    public func encode(to encoder: any Encoder) throws {
        var fields = encoder.container(keyedBy: Field.self)
        try fields.encode(name, forKey: .event)
        switch self {
        case let .planned(total, done):
            try fields.encode(total, forKey: .total)
            try fields.encode(done, forKey: .done)
        case let .sourceStarted(recipe):
            try fields.encode(recipe, forKey: .recipe)
        case let .sourceFinished(recipe, seconds):
            try fields.encode(recipe, forKey: .recipe)
            try fields.encode(seconds, forKey: .seconds)
        case let .phaseStarted(phase, log), let .phaseFailed(phase, log):
            try fields.encode(phase, forKey: .phase)
            try fields.encode(log, forKey: .log)
        case let .phaseFinished(phase, seconds):
            try fields.encode(phase, forKey: .phase)
            try fields.encode(seconds, forKey: .seconds)
        case let .message(text):
            try fields.encode(text, forKey: .text)
        case let .cacheHit(package, key, origin):
            try fields.encode(package, forKey: .package)
            try fields.encode(key, forKey: .key)
            try fields.encode(origin, forKey: .origin)
        case let .cacheStored(package, key, bytes):
            try fields.encode(package, forKey: .package)
            try fields.encode(key, forKey: .key)
            try fields.encode(bytes, forKey: .bytes)
        case let .fetch(event):
            try event.encodeFields(into: &fields)
        case let .fetchSummary(summary):
            try fields.encode(summary.sources, forKey: .sources)
            try fields.encode(summary.downloaded, forKey: .downloaded)
            try fields.encode(summary.cached, forKey: .cached)
            try fields.encode(summary.bytes, forKey: .bytes)
            try fields.encode(summary.cache, forKey: .cache)
        case let .installed(prefix, target, logs, checks, packages, modules):
            try fields.encode(prefix, forKey: .prefix)
            try fields.encode(target, forKey: .target)
            try fields.encode(logs, forKey: .logs)
            try fields.encodeIfPresent(checks, forKey: .checks)
            try fields.encodeIfPresent(packages, forKey: .packages)
            try fields.encodeIfPresent(modules, forKey: .modules)
        case let .upToDate(prefix, target, packages, modules):
            try fields.encode(prefix, forKey: .prefix)
            try fields.encode(target, forKey: .target)
            try fields.encodeIfPresent(packages, forKey: .packages)
            try fields.encodeIfPresent(modules, forKey: .modules)
        case let .resources(selfCPU, childrenCPU):
            try fields.encode(selfCPU, forKey: .selfCPUSeconds)
            try fields.encode(childrenCPU, forKey: .childrenCPUSeconds)
        case let .removed(prefix, target, files):
            try fields.encode(prefix, forKey: .prefix)
            try fields.encode(target, forKey: .target)
            try fields.encode(files, forKey: .files)
        case let .failed(error):
            try fields.encode(error, forKey: .error)
        }
    }
}
