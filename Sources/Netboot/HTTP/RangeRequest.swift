/// RFC 9110 §14.1.2 / §14.2 — what a `Range` header asks of a representation of known size.
public enum RangeRequest: Hashable, Sendable {
    /// No usable `Range` header (absent, another unit, malformed, or too many ranges): send the whole
    /// representation with 200, as §14.2 allows ("a server MAY ignore the Range header field").
    case whole
    /// The satisfiable ranges, in the order asked: send 206 (one part, or `multipart/byteranges` for several).
    case ranges([ByteRange])
    /// Well formed, but no range overlaps the representation: send 416 with `Content-Range: bytes */SIZE`.
    case unsatisfiable

    /// More ranges than this in one header are ignored (a guard against many tiny parts).
    public static let rangeLimit = 32

    /// Interprets a `Range` header value for a representation of `size` bytes.
    /// - Parameters:
    ///   - header: The field value, e.g. `bytes=0-499,-100`; `nil` when absent.
    ///   - size: The representation's length in bytes.
    public init(header: String?, size: Int64) {
        guard let header else {
            self = .whole
            return
        }
        let trimmed = header.trimmingBlanks()
        guard trimmed.count > 6, trimmed.prefix(6).lowercased() == "bytes=" else {
            self = .whole
            return
        }
        let specs = trimmed.dropFirst(6).split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingBlanks() }.filter { !$0.isEmpty }
        guard !specs.isEmpty, specs.count <= Self.rangeLimit else {
            self = .whole
            return
        }
        var ranges: [ByteRange] = []
        for spec in specs {
            guard let dash = spec.firstIndex(of: "-") else {
                self = .whole
                return
            }
            let first = spec[..<dash]
            let last = spec[spec.index(after: dash)...]
            if first.isEmpty {
                // suffix-range: the last N bytes
                guard let suffix = Self.number(last) else {
                    self = .whole
                    return
                }
                if suffix > 0 && size > 0 {
                    let count = min(suffix, size)
                    ranges.append(ByteRange(start: size - count, count: count))
                }
                continue
            }
            guard let start = Self.number(first) else {
                self = .whole
                return
            }
            var end = size - 1
            if !last.isEmpty {
                guard let lastByte = Self.number(last), lastByte >= start else {
                    self = .whole
                    return
                }
                end = min(lastByte, size - 1)
            }
            if start < size { ranges.append(ByteRange(start: start, count: end - start + 1)) }
        }
        self = ranges.isEmpty ? .unsatisfiable : .ranges(ranges)
    }

    /// A non-negative decimal that fits in `Int64`; `nil` for anything else (RFC 9110 §14.1.1: `1*DIGIT`).
    static func number(_ text: Substring) -> Int64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int64(text)
    }
}
