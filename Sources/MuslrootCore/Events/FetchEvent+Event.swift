/// A download event's fields in a JSON stream: `source` and `file` always, the rest as the
/// event has them.
extension FetchEvent {
    /// The event's name after `fetch-`: cached, started, progress, retrying, failed, done.
    var kind: String {
        switch self {
        case .cached: "cached"
        case .started: "started"
        case .progress: "progress"
        case .retrying: "retrying"
        case .failed: "failed"
        case .done: "done"
        }
    }

    func encodeFields(into fields: inout KeyedEncodingContainer<Event.Field>) throws {
        try fields.encode(source.name, forKey: .source)
        try fields.encode(source.file, forKey: .file)
        switch self {
        case let .cached(source, path):
            try fields.encode(path, forKey: .path)
            try fields.encode(source.sha256, forKey: .sha256)
        case let .started(_, url, offset):
            try fields.encode(url, forKey: .url)
            try fields.encode(offset, forKey: .offset)
        case let .progress(_, bytes, total):
            try fields.encode(bytes, forKey: .bytes)
            try fields.encodeIfPresent(total, forKey: .total)
        case let .retrying(_, url, attempt, reason, delay):
            try fields.encode(url, forKey: .url)
            try fields.encode(attempt, forKey: .attempt)
            try fields.encode(delay, forKey: .delay)
            try fields.encode(reason, forKey: .error)
        case let .failed(_, url, error):
            try fields.encode(url, forKey: .url)
            try fields.encode(error.description, forKey: .error)
        case let .done(source, path, url, bytes):
            try fields.encode(path, forKey: .path)
            try fields.encode(source.sha256, forKey: .sha256)
            try fields.encode(bytes, forKey: .bytes)
            try fields.encode(url, forKey: .url)
        }
    }
}
