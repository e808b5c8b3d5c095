import CCurl
import Foundation

/// Downloads one URL into a file over libcurl, the only type that talks to libcurl.
///
/// Redirects are followed (to http and https only), TLS peers are verified, a connection
/// that does not open or that stalls times out, transient failures (reset, timeout, HTTP
/// 5xx/408/429) are retried with exponential backoff, others (404, unknown host, refused
/// connection, bad certificate) are not. Bytes already in the file are kept and the rest is
/// asked for with an HTTP Range request. The sha256 is computed as the bytes arrive.
public struct Downloader: Sendable {
    public struct Configuration: Sendable {
        /// Seconds to wait for a connection.
        public var connectTimeout: Double
        /// A transfer slower than `lowSpeedLimit` bytes/s for `lowSpeedTime` seconds is cut.
        public var lowSpeedLimit: Int
        public var lowSpeedTime: Int
        /// Tries per URL, the first one included.
        public var attempts: Int
        /// Seconds before the first retry; doubled after each one.
        public var retryDelay: Double
        public var maxRedirects: Int
        public var userAgent: String

        public init(connectTimeout: Double = 30, lowSpeedLimit: Int = 1024, lowSpeedTime: Int = 30,
                    attempts: Int = 4, retryDelay: Double = 2, maxRedirects: Int = 10,
                    userAgent: String = "muslroot/\(MuslrootVersion.current)") {
            self.connectTimeout = connectTimeout
            self.lowSpeedLimit = lowSpeedLimit
            self.lowSpeedTime = lowSpeedTime
            self.attempts = attempts
            self.retryDelay = retryDelay
            self.maxRedirects = maxRedirects
            self.userAgent = userAgent
        }
    }

    /// A finished transfer: the whole file is at the path given, hashed.
    public struct Download: Sendable, Equatable {
        public var url: String
        public var bytes: Int64
        public var sha256: String
        /// Bytes that were already in the file from an earlier, interrupted transfer.
        public var resumedFrom: Int64
    }

    public enum Event: Sendable {
        case started(offset: Int64)
        case progress(bytes: Int64, total: Int64?)
        case retrying(attempt: Int, reason: String, delay: Double)
    }

    public let configuration: Configuration

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// Downloads `url` into `path`, resuming from the bytes already there. When more than one
    /// try failed, every try's error is thrown (`FetchError.tries`), not only the last one.
    public func download(from url: String, to path: String,
                         events: @escaping @Sendable (Event) -> Void = { _ in }) async throws(FetchError) -> Download {
        guard Self.libraryReady else { throw .transfer(url: url, code: -1, message: "libcurl failed to initialize") }
        var attempt = 1
        var errors: [FetchError] = []
        while true {
            if Task.isCancelled { throw .cancelled }
            let transfer = Transfer(url: url, path: path, configuration: configuration, events: events)
            let outcome = await withTaskCancellationHandler {
                await DedicatedThread.run("muslroot download") { transfer.perform() }
            } onCancel: {
                transfer.stop.raise()
            }
            let error: FetchError
            let delay: Double
            switch outcome {
            case .finished(let download):
                return download
            case .failed(let failure, .no):
                throw Self.failure(errors + [failure], url: url)
            case .failed(let failure, .later):
                (error, delay) = (failure, configuration.retryDelay * pow(2, Double(attempt - 1)))
            case .failed(let failure, .fromScratch):
                (error, delay) = (failure, 0)
            }
            errors.append(error)
            guard attempt < configuration.attempts else { throw Self.failure(errors, url: url) }
            events(.retrying(attempt: attempt, reason: error.description, delay: delay))
            do { try await Task.sleep(nanoseconds: UInt64(delay * 1e9)) } catch { throw .cancelled }
            attempt += 1
        }
    }

    /// The one error of a single try, or all of them.
    private static func failure(_ errors: [FetchError], url: String) -> FetchError {
        if errors.count == 1 || errors.last == .cancelled { return errors.last! }
        return .tries(url: url, errors: errors)
    }

    /// The options every transfer shares: the URL, the error buffer, TLS verified, redirects
    /// to http and https only (followed when `followRedirects`), timeouts.
    static func setCommonOptions(_ handle: UnsafeMutableRawPointer, url: String, protocols: String, followRedirects: Bool,
                                 errorBuffer: UnsafeMutablePointer<CChar>, configuration: Configuration) {
        _ = ccurl_setopt_pointer(handle, CURLOPT_URL, url)
        _ = ccurl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = ccurl_setopt_pointer(handle, CURLOPT_USERAGENT, configuration.userAgent)
        _ = ccurl_setopt_pointer(handle, CURLOPT_PROTOCOLS_STR, protocols)
        _ = ccurl_setopt_pointer(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        _ = ccurl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, followRedirects ? 1 : 0)
        _ = ccurl_setopt_long(handle, CURLOPT_MAXREDIRS, configuration.maxRedirects)
        _ = ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
        _ = ccurl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
        _ = ccurl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(configuration.connectTimeout * 1000))
        _ = ccurl_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, configuration.lowSpeedLimit)
        _ = ccurl_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, configuration.lowSpeedTime)
        _ = ccurl_setopt_long(handle, CURLOPT_BUFFERSIZE, 256 * 1024)
    }

    /// A zeroed buffer of CURL_ERROR_SIZE for CURLOPT_ERRORBUFFER, passed to `body`.
    static func withErrorBuffer<T>(_ body: (UnsafeMutablePointer<CChar>) -> T) -> T {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE))
        buffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        defer { buffer.deallocate() }
        return body(buffer)
    }

    /// curl_global_init, exactly once per process, before the first transfer.
    static let libraryReady: Bool = ccurl_global_init() == CURLE_OK

    /// Whether a curl failure may go away if the same URL is tried again.
    static func isTransient(_ code: CURLcode) -> Bool {
        [CURLE_OPERATION_TIMEDOUT, CURLE_PARTIAL_FILE, CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR,
         CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_SSL_CONNECT_ERROR, CURLE_HTTP3, CURLE_QUIC_CONNECT_ERROR].contains(code)
    }

    /// Whether an HTTP status may go away if the same URL is tried again.
    static func isTransient(status: Int) -> Bool {
        status >= 500 || status == 408 || status == 429
    }
}
