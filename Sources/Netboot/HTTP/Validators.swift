/// RFC 9110 §8.8 — the validators of one representation: a strong entity tag and a modification time.
public struct Validators: Hashable, Sendable {
    /// The strong entity tag, quotes included (`"…"`).
    public var entityTag: String
    /// The last modification time (Unix seconds).
    public var lastModified: Int64

    /// Creates validators.
    public init(entityTag: String, lastModified: Int64) {
        self.entityTag = entityTag
        self.lastModified = lastModified
    }

    /// Validators for `count` bytes at `offset` of the host file with `identity`, named `path` in the image: the
    /// tag changes when the file is replaced or modified (identity) and differs between files of one image.
    public init(identity: FileIdentity, path: String, offset: Int64, count: Int64) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325  // FNV-1a over the path, so two files never share a tag
        for byte in path.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        let fields = [
            UInt64(truncatingIfNeeded: identity.inode), UInt64(truncatingIfNeeded: identity.modificationNanoseconds),
            UInt64(truncatingIfNeeded: offset), UInt64(truncatingIfNeeded: count), hash,
        ]
        entityTag = "\"" + fields.map { String($0, radix: 16) }.joined(separator: "-") + "\""
        lastModified = identity.modificationSeconds
    }
}
