import Synchronization

/// A snapshot of long-running work: bytes and files done out of a known total.
public struct ProgressSnapshot: Hashable, Sendable {
    /// Bytes done so far.
    public var bytes: Int64
    /// Bytes in all.
    public var totalBytes: Int64
    /// Files done so far.
    public var files: Int
    /// Files in all.
    public var totalFiles: Int

    /// Creates a snapshot.
    public init(bytes: Int64, totalBytes: Int64, files: Int, totalFiles: Int) {
        self.bytes = bytes
        self.totalBytes = totalBytes
        self.files = files
        self.totalFiles = totalFiles
    }
}

/// Counts work done and passes each new snapshot to an observer (e.g. a terminal progress line).
public final class ProgressCounter: Sendable {
    private let state: Mutex<ProgressSnapshot>
    private let observer: (@Sendable (ProgressSnapshot) -> Void)?

    /// Creates a counter for `totalBytes` in `totalFiles`; `observer` sees every update.
    public init(totalBytes: Int64, totalFiles: Int, observer: (@Sendable (ProgressSnapshot) -> Void)?) {
        state = Mutex(ProgressSnapshot(bytes: 0, totalBytes: totalBytes, files: 0, totalFiles: totalFiles))
        self.observer = observer
    }

    /// A counter that reports to nobody.
    public static var silent: ProgressCounter { ProgressCounter(totalBytes: 0, totalFiles: 0, observer: nil) }

    /// Adds `bytes` and `files` to the counts.
    public func advance(bytes: Int64, files: Int) {
        let snapshot = state.withLock { value in
            value.bytes += bytes
            value.files += files
            return value
        }
        observer?(snapshot)
    }

    /// The counts so far.
    public var snapshot: ProgressSnapshot { state.withLock { $0 } }
}
