import CCurl
import Crypto
import Foundation

extension Downloader {
    enum Retry: Sendable { case no, later, fromScratch }

    enum Outcome: Sendable {
        case finished(Download)
        case failed(FetchError, Retry)
    }

    /// One curl easy handle doing one GET, appending to the file and hashing what it writes.
    /// It lives on one thread (`perform`); only `stop` is touched from another.
    final class Transfer: @unchecked Sendable {
        let url: String
        let path: String
        let configuration: Configuration
        let events: @Sendable (Event) -> Void
        let stop = StopFlag()
        private let isHTTP: Bool
        private var file: Int32 = -1
        private var hasher = SHA256()
        private var offset: Int64 = 0
        private var written: Int64 = 0
        private var writeError: Int32 = 0
        private var handle: UnsafeMutableRawPointer?
        private var lastReport: UInt64 = 0

        init(url: String, path: String, configuration: Configuration, events: @escaping @Sendable (Event) -> Void) {
            self.url = url
            self.path = path
            self.configuration = configuration
            self.events = events
            isHTTP = url.lowercased().hasPrefix("http://") || url.lowercased().hasPrefix("https://")
        }

        func perform() -> Outcome {
            file = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard file >= 0 else { return .failed(.cache(path: path, message: SystemFailure(path).text), .no) }
            defer { close(file) }
            // Bytes left by an interrupted transfer: hash them, then ask for the rest.
            guard hashExisting() else { return .failed(.cache(path: path, message: SystemFailure(path).text), .no) }
            guard let handle = curl_easy_init() else {
                return .failed(.transfer(url: url, code: -1, message: "curl_easy_init failed"), .no)
            }
            self.handle = handle
            defer { curl_easy_cleanup(handle) }
            let context = Unmanaged.passRetained(self)
            defer { context.release() }
            return Downloader.withErrorBuffer { errorBuffer in
                configure(handle, context: context.toOpaque(), errorBuffer: errorBuffer)
                events(.started(offset: offset))
                let code = curl_easy_perform(handle)
                var status = 0
                _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
                let result = outcome(code: code, status: status, detail: String(cString: errorBuffer))
                if case .failed = result, offset + written == 0 { unlink(path) }  // leave no empty partial file
                return result
            }
        }

        private func outcome(code: CURLcode, status: Int, detail: String) -> Outcome {
            if stop.isRaised { return .failed(.cancelled, .no) }
            if writeError != 0 {
                return .failed(.cache(path: path, message: SystemFailure(path, code: writeError).text), .no)
            }
            if code == CURLE_OK {
                if !isHTTP || (200..<300).contains(status) {
                    events(.progress(bytes: offset + written, total: offset + written))
                    let digest = FileDigest.hex(hasher.finalize())
                    return .finished(Download(url: url, bytes: offset + written, sha256: digest, resumedFrom: offset))
                }
                if status == 416, offset > 0 {
                    startOver()
                    return .failed(.httpStatus(url: url, status: status), .fromScratch)
                }
                return .failed(.httpStatus(url: url, status: status), Downloader.isTransient(status: status) ? .later : .no)
            }
            let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
            let failure = FetchError.transfer(url: url, code: Int(code.rawValue), message: message)
            if code == CURLE_RANGE_ERROR {
                // The server cannot resume: throw the partial bytes away and start again.
                startOver()
                return .failed(failure, .fromScratch)
            }
            return .failed(failure, Downloader.isTransient(code) ? .later : .no)
        }

        private func configure(_ handle: UnsafeMutableRawPointer, context: UnsafeMutableRawPointer, errorBuffer: UnsafeMutablePointer<CChar>) {
            // file:// never gets here: local files are copied by `LocalCopy`, regular files only.
            Downloader.setCommonOptions(handle, url: url, protocols: "http,https,ftp,ftps", followRedirects: true,
                                        errorBuffer: errorBuffer, configuration: configuration)
            _ = ccurl_setopt_off_t(handle, CURLOPT_RESUME_FROM_LARGE, curl_off_t(offset))
            _ = ccurl_setopt_long(handle, CURLOPT_NOPROGRESS, 0)
            _ = ccurl_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
            _ = ccurl_setopt_pointer(handle, CURLOPT_XFERINFODATA, context)
            _ = ccurl_setopt_write_callback(handle) { data, size, count, context in
                let transfer = Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue()
                return transfer.receive(UnsafeRawBufferPointer(start: data, count: size * count))
            }
            _ = ccurl_setopt_xferinfo_callback(handle) { context, total, _, _, _ in
                Unmanaged<Transfer>.fromOpaque(context!).takeUnretainedValue().tick(total: total)
            }
        }

        /// curl's write callback: append, hash. An HTTP error page is swallowed, not written.
        private func receive(_ bytes: UnsafeRawBufferPointer) -> Int {
            if isHTTP {
                var status = 0
                _ = ccurl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
                if !(200..<300).contains(status) { return bytes.count }
            }
            var done = 0
            while done < bytes.count {
                let n = write(file, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    writeError = errno
                    return 0
                }
                done += n
            }
            hasher.update(bufferPointer: bytes)
            written += Int64(bytes.count)
            return bytes.count
        }

        /// curl's progress callback: report at most ten times a second; non-zero stops the transfer.
        private func tick(total: curl_off_t) -> Int32 {
            if stop.isRaised { return 1 }
            let now = DispatchTime.now().uptimeNanoseconds
            if now - lastReport >= 100_000_000, written > 0 {
                lastReport = now
                events(.progress(bytes: offset + written, total: total > 0 ? offset + Int64(total) : nil))
            }
            return 0
        }

        private func hashExisting() -> Bool {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
            defer { buffer.deallocate() }
            while true {
                let n = read(file, buffer.baseAddress, buffer.count)
                if n < 0 { if errno == EINTR { continue } else { return false } }
                if n == 0 { return true }
                hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<n]))
                offset += Int64(n)
            }
        }

        private func startOver() {
            _ = ftruncate(file, 0)
        }
    }
}
