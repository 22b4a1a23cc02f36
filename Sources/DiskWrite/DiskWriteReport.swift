/// What `isokit write` did, for `--json`.
public struct DiskWriteReport: Codable, Hashable, Sendable {
    /// The image written.
    public var image: String
    /// The target path.
    public var target: String
    /// `file` or `block device`.
    public var targetKind: String
    /// Bytes of the image.
    public var imageBytes: Int64
    /// Size of the target afterwards (the device size, or the file's).
    public var targetBytes: Int64
    /// Seconds spent copying the image (not verifying or formatting).
    public var copySeconds: Double
    /// The persistence partition, when `--size` added one.
    public var persistence: PersistencePartition?
    /// SHA-256 of the image file, with `--verify`.
    public var imageSHA256: String?
    /// SHA-256 the target's first ``imageBytes`` should have: the image's, or with `--size` the image's with its
    /// partition tables changed.
    public var expectedSHA256: String?
    /// SHA-256 of the target's first ``imageBytes`` as read back, with `--verify`.
    public var writtenSHA256: String?
    /// Whether the kernel re-read the device's partition table (block devices only).
    public var partitionTableReread: Bool?

    /// Creates a report.
    public init(image: String, target: String, targetKind: String, imageBytes: Int64, targetBytes: Int64, copySeconds: Double) {
        self.image = image
        self.target = target
        self.targetKind = targetKind
        self.imageBytes = imageBytes
        self.targetBytes = targetBytes
        self.copySeconds = copySeconds
    }
}
