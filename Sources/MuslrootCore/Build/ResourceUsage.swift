#if canImport(Glibc)
import Glibc
#endif

/// CPU time of muslroot itself and of the commands it ran (all waited-for descendants).
public struct ResourceUsage: Sendable, Encodable {
    public var selfCPUSeconds: Double
    public var childrenCPUSeconds: Double

    public static func current() -> ResourceUsage {
        ResourceUsage(selfCPUSeconds: selfCPUSeconds, childrenCPUSeconds: seconds(RUSAGE_CHILDREN.rawValue))
    }

    /// CPU time muslroot itself has used so far (user + system).
    public static var selfCPUSeconds: Double { seconds(RUSAGE_SELF.rawValue) }

    private static func seconds(_ who: Int32) -> Double {
        var usage = rusage()
        getrusage(who, &usage)
        func value(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return value(usage.ru_utime) + value(usage.ru_stime)
    }

}
