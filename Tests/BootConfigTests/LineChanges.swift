/// The lines an edit removed and inserted, found with the standard library's `difference(from:)`, so a test can
/// say that nothing else changed.
struct LineChanges: Equatable, CustomStringConvertible {
    /// Lines of the original that are gone, in order.
    var removed: [String]
    /// Lines of the result that are new, in order.
    var inserted: [String]

    init(from before: String, to after: String) {
        // Split bytes, not Characters: Swift reads "\r\n" as one Character, which is not "\n".
        func lines(_ text: String) -> [String] {
            Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
        }
        let old = lines(before)
        let new = lines(after)
        let difference = new.difference(from: old)
        func line(_ change: CollectionDifference<String>.Change) -> (offset: Int, line: String) {
            switch change {
            case .remove(let offset, let line, _), .insert(let offset, let line, _): (offset, line)
            }
        }
        removed = difference.removals.map(line).sorted { $0.offset < $1.offset }.map(\.line)
        inserted = difference.insertions.map(line).sorted { $0.offset < $1.offset }.map(\.line)
    }

    init(removed: [String], inserted: [String]) {
        self.removed = removed
        self.inserted = inserted
    }

    var description: String {
        (removed.map { "- " + $0 } + inserted.map { "+ " + $0 }).joined(separator: "\n")
    }
}
