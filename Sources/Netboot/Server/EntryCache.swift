import ISO9660
import NIOCore
import Synchronization

/// What was looked up so far inside one opened image, by path: the entry (a repeated request skips the directory
/// reads and the hop to the thread pool they need) and, for files of at most ``smallFileBytes``, their contents (a
/// repeated request is answered from memory, with no `pread`). It belongs to one file identity, so a replaced ISO
/// starts empty; it holds at most ``entryLimit`` entries and ``contentLimit`` bytes of contents, and starts over
/// when either is reached.
final class EntryCache: Sendable {
    /// The most entries kept.
    static let entryLimit = 4096
    /// The largest file whose contents are kept.
    static let smallFileBytes: Int64 = 64 << 10
    /// The most content bytes kept in all.
    static let contentLimit = 8 << 20

    private struct State {
        var entries: [String: ISOEntry] = [:]
        var contents: [String: ByteBuffer] = [:]
        var contentBytes = 0
    }

    private let state = Mutex(State())

    /// The entry cached for `path`, if any.
    func entry(at path: String) -> ISOEntry? {
        state.withLock { $0.entries[path] }
    }

    /// Remembers `entry` for `path`.
    func store(_ entry: ISOEntry, at path: String) {
        state.withLock { state in
            if state.entries.count >= Self.entryLimit { state.entries.removeAll(keepingCapacity: true) }
            state.entries[path] = entry
        }
    }

    /// The contents cached for `path`, if any.
    func contents(at path: String) -> ByteBuffer? {
        state.withLock { $0.contents[path] }
    }

    /// Remembers the contents of the small file at `path`.
    func store(contents: ByteBuffer, at path: String) {
        state.withLock { state in
            if state.contentBytes + contents.readableBytes > Self.contentLimit {
                state.contents.removeAll(keepingCapacity: true)
                state.contentBytes = 0
            }
            state.contents[path] = contents
            state.contentBytes += contents.readableBytes
        }
    }
}
