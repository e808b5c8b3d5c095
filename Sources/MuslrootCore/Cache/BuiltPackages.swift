import Synchronization

/// The packages an `add` built, collected as the executor finishes them (from its tasks),
/// to be stored in the binary cache once the prefix took them.
final class BuiltPackages: Sendable {
    private let list = Mutex<[BuiltPackage]>([])

    func append(_ package: BuiltPackage) { list.withLock { $0.append(package) } }
    var packages: [BuiltPackage] { list.withLock { $0 } }
}
