/// RFC 9110 §13.2.2 — the outcome of a GET or HEAD's preconditions.
public enum ConditionalOutcome: Hashable, Sendable {
    /// Answer normally; `useRange` says whether a `Range` header may be honoured (`If-Range`, §13.1.5).
    case proceed(useRange: Bool)
    /// 304 Not Modified (`If-None-Match` or `If-Modified-Since`).
    case notModified
    /// 412 Precondition Failed (`If-Match` or `If-Unmodified-Since`).
    case preconditionFailed

    /// Evaluates the conditional headers of a GET or HEAD in the order of §13.2.2.
    /// - Parameters:
    ///   - header: Looks a request header up by name; `nil` when absent.
    ///   - validators: The selected representation's validators.
    public init(header: (String) -> String?, validators: Validators) {
        let tag = validators.entityTag
        if let ifMatch = header("If-Match") {
            guard Self.matches(ifMatch, tag: tag, strong: true) else {
                self = .preconditionFailed
                return
            }
        } else if let since = header("If-Unmodified-Since").flatMap({ HTTPDate.parse($0) }), validators.lastModified > since {
            self = .preconditionFailed
            return
        }
        if let ifNoneMatch = header("If-None-Match") {
            if Self.matches(ifNoneMatch, tag: tag, strong: false) {
                self = .notModified
                return
            }
        } else if let since = header("If-Modified-Since").flatMap({ HTTPDate.parse($0) }), validators.lastModified <= since {
            self = .notModified
            return
        }
        guard header("Range") != nil, let ifRange = header("If-Range")?.trimmingBlanks() else {
            self = .proceed(useRange: true)
            return
        }
        if ifRange.hasPrefix("\"") || ifRange.hasPrefix("W/") {
            self = .proceed(useRange: ifRange == tag)  // §13.1.5: strong comparison; a weak tag never matches
        } else {
            self = .proceed(useRange: HTTPDate.parse(ifRange) == validators.lastModified)
        }
    }

    /// Whether a list of entity tags (or `*`) matches `tag`, by strong or weak comparison (§8.8.3.2).
    static func matches(_ list: String, tag: String, strong: Bool) -> Bool {
        let trimmed = list.trimmingBlanks()
        if trimmed == "*" { return true }
        return trimmed.split(separator: ",").contains { candidate in
            let candidate = candidate.trimmingBlanks()
            if candidate.hasPrefix("W/") { return !strong && candidate.dropFirst(2) == tag }
            return candidate == tag
        }
    }
}
