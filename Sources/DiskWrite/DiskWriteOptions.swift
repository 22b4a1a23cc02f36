/// What `isokit write` does: which image goes where, and whether to verify and add persistence.
public struct DiskWriteOptions: Hashable, Sendable {
    /// The image to write.
    public var image: String
    /// A block device or a disk-image file path.
    public var target: String
    /// Read the target back and compare SHA-256 sums.
    public var verify: Bool
    /// Disk-image files only: the size to grow the file to, with a persistence partition in the space after the
    /// image; a multiple of 512 bytes.
    public var size: Int64?
    /// The label of the persistence file system and the name of its partition.
    public var persistenceLabel: String
    /// Overwrite an existing file or a block device.
    public var force: Bool

    /// The label the live initramfs looks for on its boot disk.
    public static let defaultPersistenceLabel = "isokit-persist"

    /// Creates options; see the properties.
    public init(
        image: String, target: String, verify: Bool = false, size: Int64? = nil,
        persistenceLabel: String = Self.defaultPersistenceLabel, force: Bool = false
    ) {
        self.image = image
        self.target = target
        self.verify = verify
        self.size = size
        self.persistenceLabel = persistenceLabel
        self.force = force
    }
}
