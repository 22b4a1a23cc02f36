#if canImport(Glibc)
import Glibc
#endif

/// How ``SquashFSBuilder`` writes an image.
public struct SquashFSOptions: Hashable, Sendable {
    /// The compressor for data, metadata and tables.
    public var compressor: SquashFSCompressor
    /// The data block size in bytes: a power of two from 4 KiB to 1 MiB.
    public var blockSizeBytes: Int
    /// Compression threads; the image is the same whatever the count.
    public var workerThreads: Int
    /// If set, every inode and the super block get this time (seconds since 1970), so two builds of the same
    /// tree are byte-identical. `nil` keeps each entry's modification time and stamps the super block with the
    /// current time.
    public var fixedTime: UInt32?
    /// Owners and groups written for the entries.
    public var ownership: SquashFSOwnership
    /// `fnmatch(3)` patterns (with `FNM_PATHNAME`) matched against paths relative to the source directory,
    /// without a leading slash (`var/cache/*`, `*.pyc` matches top-level files only); an excluded directory
    /// drops its whole subtree.
    public var excludes: [String]
    /// Whether to store extended attributes with `user.`, `trusted.` or `security.` keys (file capabilities,
    /// SELinux labels); `system.` attributes such as POSIX ACLs can't be stored in SquashFS and are left out.
    public var extendedAttributes: Bool

    /// Options with the given values; the defaults are zstd, 128 KiB blocks, one thread per core, the
    /// `SOURCE_DATE_EPOCH` time if that variable holds a valid time, and preserved ownership.
    /// - Parameters:
    ///   - compressor: The compressor.
    ///   - blockSizeBytes: The data block size.
    ///   - workerThreads: Compression threads; `nil` means one per online core.
    ///   - fixedTime: A fixed time for all entries; `nil` reads `SOURCE_DATE_EPOCH`.
    ///   - ownership: Owners and groups to record.
    ///   - excludes: Paths to leave out.
    ///   - extendedAttributes: Whether to store extended attributes.
    public init(
        compressor: SquashFSCompressor = .zstd, blockSizeBytes: Int = 128 << 10, workerThreads: Int? = nil,
        fixedTime: UInt32? = nil, ownership: SquashFSOwnership = .preserve, excludes: [String] = [],
        extendedAttributes: Bool = true
    ) {
        self.compressor = compressor
        self.blockSizeBytes = blockSizeBytes
        self.workerThreads = workerThreads ?? max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        self.fixedTime = fixedTime ?? Self.sourceDateEpoch()
        self.ownership = ownership
        self.excludes = excludes
        self.extendedAttributes = extendedAttributes
    }

    /// `SOURCE_DATE_EPOCH` as a 32-bit time, or `nil` if it is unset or not a decimal number in range.
    static func sourceDateEpoch() -> UInt32? {
        guard let raw = getenv("SOURCE_DATE_EPOCH") else { return nil }
        return UInt32(String(cString: raw))
    }
}
