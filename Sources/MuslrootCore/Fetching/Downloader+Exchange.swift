import CCurl
import Crypto
import Foundation

/// One HTTP request and its response, for what is more than a download: the binary cache's
/// remotes (a static HTTPS layout, an OCI registry's API). Unlike `download`, it does not
/// retry or resume, and an HTTP error status is a response to look at, not a throw.
public struct HTTPRequest: Sendable {
    public enum Body: Sendable {
        case none
        case data(Data)
        /// A file's bytes, streamed (a blob uploaded to a registry).
        case file(String)
    }

    public var method: String
    public var url: String
    /// `Name: value` lines.
    public var headers: [String]
    public var body: Body
    /// The response body goes to this file (hashed as it arrives) instead of into memory.
    public var responseFile: String?
    /// A response body longer than this is cut off with an error.
    public var limit: Int64?

    public init(_ method: String = "GET", _ url: String, headers: [String] = [], body: Body = .none,
                responseFile: String? = nil, limit: Int64? = nil) {
        (self.method, self.url, self.headers, self.body, self.responseFile, self.limit) = (method, url, headers, body, responseFile, limit)
    }
}

public struct HTTPResponse: Sendable {
    public var status: Int
    /// Header names lowercased; a repeated header's values joined by ", ".
    public var headers: [String: String]
    /// The body, when it was not written to a file.
    public var body: Data
    public var bytes: Int64
    public var sha256: String
    /// The URL that answered, after redirects.
    public var url: String

    public var isSuccess: Bool { (200..<300).contains(status) }
}

extension Downloader {
    /// A response kept in memory is cut off beyond this (manifests and descriptors are small).
    static let memoryLimit = 64 << 20

    /// Sends `request` and returns the response of its last redirect. Throws only when no
    /// response came (connection refused, timeout, TLS failure) or the body could not be kept.
    public func exchange(_ request: HTTPRequest) async throws(FetchError) -> HTTPResponse {
        guard Self.libraryReady else { throw .transfer(url: request.url, code: -1, message: "libcurl failed to initialize") }
        let exchange = Exchange(request: request, configuration: configuration)
        let result = await withTaskCancellationHandler {
            await DedicatedThread.run("muslroot http") { exchange.perform() }
        } onCancel: {
            exchange.stop.raise()
        }
        return try result.get()
    }

    /// A curl easy handle doing one request. It lives on one thread; only `stop` is shared.
    final class Exchange: @unchecked Sendable {
        let request: HTTPRequest
        let configuration: Configuration
        let stop = StopFlag()
        private var headers: [String: String] = [:]
        private var body = Data()
        private var file: Int32 = -1
        private var upload: Int32 = -1
        private var hasher = SHA256()
        private var bytes: Int64 = 0
        private var failure: FetchError?

        init(request: HTTPRequest, configuration: Configuration) {
            self.request = request
            self.configuration = configuration
        }

        func perform() -> Result<HTTPResponse, FetchError> {
            if let path = request.responseFile {
                file = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
                guard file >= 0 else { return .failure(.cache(path: path, message: SystemFailure(path).text)) }
            }
            defer { if file >= 0 { close(file) } }
            var uploadSize: Int64 = -1
            if case .file(let path) = request.body {
                upload = open(path, O_RDONLY | O_CLOEXEC)
                var info = stat()
                guard upload >= 0, fstat(upload, &info) == 0 else {
                    return .failure(.unreadableFile(path: path, message: SystemFailure(path).text))
                }
                uploadSize = Int64(info.st_size)
            }
            defer { if upload >= 0 { close(upload) } }
            guard let handle = curl_easy_init() else {
                return .failure(.transfer(url: request.url, code: -1, message: "curl_easy_init failed"))
            }
            defer { curl_easy_cleanup(handle) }
            var list: UnsafeMutablePointer<curl_slist>?
            for header in request.headers { list = curl_slist_append(list, header) }
            defer { curl_slist_free_all(list) }
            let context = Unmanaged.passRetained(self)
            defer { context.release() }
            return Downloader.withErrorBuffer { errorBuffer in
                configure(handle, context: context.toOpaque(), errorBuffer: errorBuffer, headers: list, uploadSize: uploadSize)
                let code = curl_easy_perform(handle)
                if stop.isRaised { return .failure(.cancelled) }
                if let failure { return .failure(failure) }
                guard code == CURLE_OK else {
                    let detail = String(cString: errorBuffer)
                    return .failure(.transfer(url: request.url, code: Int(code.rawValue),
                                              message: detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail))
                }
                return .success(response(handle))
            }
        }

        private func response(_ handle: UnsafeMutableRawPointer) -> HTTPResponse {
            var status = 0
            _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
            var effective: UnsafeMutablePointer<CChar>?
            _ = ccurl_getinfo_pointer(handle, CURLINFO_EFFECTIVE_URL, &effective)
            return HTTPResponse(status: status, headers: headers, body: body, bytes: bytes,
                                sha256: FileDigest.hex(hasher.finalize()),
                                url: effective.map { String(cString: $0) } ?? request.url)
        }

        private func configure(_ handle: UnsafeMutableRawPointer, context: UnsafeMutableRawPointer,
                               errorBuffer: UnsafeMutablePointer<CChar>, headers list: UnsafeMutablePointer<curl_slist>?,
                               uploadSize: Int64) {
            // Registries send blobs from storage elsewhere; credentials are not passed on to
            // another host (libcurl drops them unless CURLOPT_UNRESTRICTED_AUTH).
            Downloader.setCommonOptions(handle, url: request.url, protocols: "http,https",
                                        followRedirects: request.method == "GET" || request.method == "HEAD",
                                        errorBuffer: errorBuffer, configuration: configuration)
            if let list { _ = ccurl_setopt_pointer(handle, CURLOPT_HTTPHEADER, list) }
            switch request.method {
            case "GET": break
            case "HEAD": _ = ccurl_setopt_long(handle, CURLOPT_NOBODY, 1)
            default: _ = ccurl_setopt_pointer(handle, CURLOPT_CUSTOMREQUEST, request.method)
            }
            switch request.body {
            case .none:
                if request.method == "POST" || request.method == "PUT" {
                    _ = ccurl_setopt_long(handle, CURLOPT_POSTFIELDSIZE, 0)
                    _ = ccurl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, "")
                }
            case .data(let data):
                _ = ccurl_setopt_off_t(handle, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(data.count))
                _ = data.withUnsafeBytes { ccurl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, $0.baseAddress ?? UnsafeRawPointer(bitPattern: 1)) }
            case .file:
                _ = ccurl_setopt_long(handle, CURLOPT_UPLOAD, 1)
                _ = ccurl_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(uploadSize))
                _ = ccurl_setopt_pointer(handle, CURLOPT_READDATA, context)
                _ = ccurl_setopt_read_callback(handle) { buffer, size, count, context in
                    Unmanaged<Exchange>.fromOpaque(context!).takeUnretainedValue().send(buffer!, size * count)
                }
            }
            _ = ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
            _ = ccurl_setopt_pointer(handle, CURLOPT_HEADERDATA, context)
            _ = ccurl_setopt_write_callback(handle) { data, size, count, context in
                Unmanaged<Exchange>.fromOpaque(context!).takeUnretainedValue()
                    .receive(UnsafeRawBufferPointer(start: data, count: size * count))
            }
            _ = ccurl_setopt_header_callback(handle) { data, size, count, context in
                Unmanaged<Exchange>.fromOpaque(context!).takeUnretainedValue()
                    .header(UnsafeRawBufferPointer(start: data, count: size * count))
            }
        }

        /// A header line; a status line starts a new response (after a redirect or a 100).
        private func header(_ line: UnsafeRawBufferPointer) -> Int {
            let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if text.hasPrefix("HTTP/") {
                headers = [:]
                restartBody()
            } else if let colon = text.firstIndex(of: ":") {
                let name = text[..<colon].lowercased()
                let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                headers[name] = headers[name].map { "\($0), \(value)" } ?? value
            }
            return line.count
        }

        private func restartBody() {
            body = Data()
            bytes = 0
            hasher = SHA256()
            if file >= 0 { _ = ftruncate(file, 0); _ = lseek(file, 0, SEEK_SET) }
        }

        private func receive(_ data: UnsafeRawBufferPointer) -> Int {
            if stop.isRaised { return 0 }
            if let limit = request.limit, bytes + Int64(data.count) > limit {
                failure = .transfer(url: request.url, code: -1, message: "the response is longer than the \(limit) bytes expected")
                return 0
            }
            if file >= 0 {
                var done = 0
                while done < data.count {
                    let n = write(file, data.baseAddress! + done, data.count - done)
                    if n < 0 {
                        if errno == EINTR { continue }
                        failure = .cache(path: request.responseFile ?? "", message: SystemFailure(request.responseFile ?? "").text)
                        return 0
                    }
                    done += n
                }
            } else {
                guard body.count + data.count <= Downloader.memoryLimit else {
                    failure = .transfer(url: request.url, code: -1, message: "the response is larger than \(Downloader.memoryLimit >> 20) MiB")
                    return 0
                }
                body.append(contentsOf: data)
            }
            hasher.update(bufferPointer: data)
            bytes += Int64(data.count)
            return data.count
        }

        private func send(_ buffer: UnsafeMutablePointer<CChar>, _ capacity: Int) -> Int {
            if stop.isRaised { return Int(CURL_READFUNC_ABORT) }
            while true {
                let n = read(upload, buffer, capacity)
                if n >= 0 { return n }
                if errno != EINTR { return Int(CURL_READFUNC_ABORT) }
            }
        }
    }
}
