import ISO9660
import Synchronization

/// The entries looked up so far inside one opened image, by path: a repeated request for the same file skips the
/// directory reads (and the hop to the thread pool they need). It belongs to one file identity, so a replaced ISO
/// starts with an empty cache; it holds at most ``limit`` entries and starts over when full.
final class EntryCache: Sendable {
    /// The most entries kept.
    static let limit = 4096
    private let entries = Mutex<[String: ISOEntry]>([:])

    /// The entry cached for `path`, if any.
    func entry(at path: String) -> ISOEntry? {
        entries.withLock { $0[path] }
    }

    /// Remembers `entry` for `path`.
    func store(_ entry: ISOEntry, at path: String) {
        entries.withLock { entries in
            if entries.count >= Self.limit { entries.removeAll(keepingCapacity: true) }
            entries[path] = entry
        }
    }
}
