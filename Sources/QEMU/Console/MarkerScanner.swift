/// Watches a console stream for a marker, across chunk boundaries, and keeps the recent plain text.
///
/// Bytes pass through a ``ConsoleFilter`` first, so escape sequences never hide a marker. Memory stays bounded:
/// only the last ``tailLimit`` bytes of text (at least the marker's length) are kept. A regular expression is
/// matched against the kept text, so it finds matches up to ``tailLimit`` bytes long.
struct MarkerScanner {
    /// How many bytes of plain text ``tail`` keeps.
    let tailLimit: Int
    private let marker: [UInt8]
    private let regex: Regex<AnyRegexOutput>?
    private var filter = ConsoleFilter()
    private var text: [UInt8] = []
    /// Whether the marker has been seen.
    private(set) var matched = false

    /// Creates a scanner for `marker` (compared as UTF-8 bytes).
    init(marker: String, tailLimit: Int = 8192) {
        self.init(pattern: .text(marker), tailLimit: tailLimit)
    }

    /// Creates a scanner for a literal text or a regular expression.
    init(pattern: ConsolePattern, tailLimit: Int = 8192) {
        regex = pattern.regex
        if case let .text(text) = pattern { marker = Array(text.utf8) } else { marker = [] }
        self.tailLimit = max(tailLimit, marker.count)
    }

    /// Adds a chunk of raw console output.
    /// - Returns: Whether the marker has now been seen (in this chunk or an earlier one).
    mutating func consume(_ bytes: some Sequence<UInt8>) -> Bool {
        let previousCount = text.count
        filter.filter(bytes, into: &text)
        if !matched, !marker.isEmpty {
            // Text before this point was already searched; back up so a marker split across chunks is found.
            let start = max(0, previousCount - (marker.count - 1))
            matched = text[start...].firstRange(of: marker) != nil
        } else if !matched, text.count > previousCount, let regex {
            matched = String(decoding: text.suffix(tailLimit), as: UTF8.self).contains(regex)
        }
        if text.count > 2 * tailLimit { text.removeFirst(text.count - tailLimit) }
        return matched
    }

    /// The last ``tailLimit`` bytes of plain text, decoded as UTF-8 (a character cut at the start is dropped).
    var tail: String {
        var kept = text.suffix(tailLimit)
        while let first = kept.first, first & 0xC0 == 0x80 { kept = kept.dropFirst() }
        return String(decoding: kept, as: UTF8.self)
    }
}
