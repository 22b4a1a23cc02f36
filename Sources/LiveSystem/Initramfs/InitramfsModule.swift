/// A kernel module file to put in the initramfs.
public struct InitramfsModule: Hashable, Sendable, Codable {
    /// The module on the host (`.ko`, or `.ko.xz`/`.ko.zst`/`.ko.gz`, which are unpacked).
    public var source: String
    /// Its path under `/lib/modules/RELEASE` (`kernel/fs/isofs/isofs.ko`), without a compression suffix.
    public var relativePath: String

    /// Creates an entry.
    public init(source: String, relativePath: String) {
        self.source = source
        self.relativePath = relativePath
    }
}
