/// One replacement of a byte range of a config file; editors collect these and apply them together, so bytes
/// outside the ranges stay exactly as they were.
struct ByteSplice: Hashable, Sendable {
    /// The bytes replaced (empty for an insertion).
    var range: Range<Int>
    /// The new bytes.
    var replacement: [UInt8]

    init(_ range: Range<Int>, _ replacement: String) {
        self.range = range
        self.replacement = Array(replacement.utf8)
    }

    init(_ range: Range<Int>, bytes: [UInt8]) {
        self.range = range
        self.replacement = bytes
    }

    /// `bytes` with every splice applied; splices must not overlap.
    static func apply(_ splices: [ByteSplice], to bytes: [UInt8]) -> [UInt8] {
        var result = bytes
        // Last first, so the offsets of the splices still to apply stay valid.
        let ordered = splices.sorted { ($0.range.lowerBound, $0.range.upperBound) > ($1.range.lowerBound, $1.range.upperBound) }
        for splice in ordered {
            result.replaceSubrange(splice.range, with: splice.replacement)
        }
        return result
    }
}
