/// One extended attribute of a SquashFS entry (SquashFS 4.0 xattr table: a `user.`, `trusted.` or `security.` key
/// and its value), as ``SquashFSMetadata`` records it.
public struct SquashFSExtendedAttribute: Hashable, Sendable, Codable {
    /// The full key, prefix included (`security.capability`).
    public var key: String
    /// The value's bytes.
    public var value: [UInt8]

    /// Creates an attribute.
    public init(key: String, value: [UInt8]) {
        self.key = key
        self.value = value
    }
}
