#if canImport(Glibc)
import Glibc
#endif

/// How ``Extractor`` writes files to the host.
public struct ExtractOptions: Sendable {
    /// Set owners from Rock Ridge; only effective for root (default: true when running as root, as tar does).
    public var preserveOwners: Bool
    /// Replace existing files instead of failing on them.
    public var overwrite: Bool

    /// Creates options; owners are kept by default only when running as root.
    public init(preserveOwners: Bool = geteuid() == 0, overwrite: Bool = false) {
        self.preserveOwners = preserveOwners
        self.overwrite = overwrite
    }
}

/// What an extraction wrote.
public struct ExtractionSummary: Hashable, Sendable, Codable {
    /// Regular files written (hard links included).
    public var files = 0
    /// Directories created or entered.
    public var directories = 0
    /// Symbolic links created.
    public var symlinks = 0
    /// Device nodes, FIFOs and sockets created.
    public var specialFiles = 0
    /// Bytes of file data written.
    public var bytes: Int64 = 0
    /// Entries that could not be created as what they are (e.g. device nodes without root), with the reason.
    public var skipped: [String] = []

    /// An empty summary.
    public init() {}
}
