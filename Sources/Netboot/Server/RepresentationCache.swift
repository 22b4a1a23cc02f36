import NIOCore
import SystemPackage
import Synchronization

/// The representations answered so far, by request target (`/iso/NAME/PATH`, `/iso/NAME.iso`), each with the image
/// file it came from and that file's identity. A repeated request whose image is unchanged (one `stat`) is
/// answered from here on the event loop, without parsing the path, looking the entry up or formatting validators.
/// It holds at most ``entryLimit`` targets and ``contentLimit`` bytes of in-memory contents, and starts over when
/// either is reached.
final class RepresentationCache: Sendable {
    /// One cached target.
    struct Entry: Sendable {
        /// The image file's path in the served folder (a `FilePath`, so checking it costs no conversion).
        let file: FilePath
        /// The identity of that file when the representation was made.
        let identity: FileIdentity
        let representation: Representation
    }

    /// The most targets kept.
    static let entryLimit = 4096
    /// The most in-memory content bytes kept in all.
    static let contentLimit = 8 << 20

    private struct State {
        var entries: [String: Entry] = [:]
        var contentBytes = 0
    }

    private let state = Mutex(State())

    /// The entry for `target`, if any.
    func entry(for target: String) -> Entry? {
        state.withLock { $0.entries[target] }
    }

    /// Remembers `entry` for `target`.
    func store(_ entry: Entry, for target: String) {
        let bytes = entry.representation.source.memory?.readableBytes ?? 0
        state.withLock { state in
            if state.entries.count >= Self.entryLimit || state.contentBytes + bytes > Self.contentLimit {
                state.entries.removeAll(keepingCapacity: true)
                state.contentBytes = 0
            }
            if let old = state.entries.updateValue(entry, forKey: target) {
                state.contentBytes -= old.representation.source.memory?.readableBytes ?? 0
            }
            state.contentBytes += bytes
        }
    }
}
