/// What `isokit unpack` wrote (the `--json` summary).
public struct UnpackReport: Hashable, Sendable, Codable {
    /// The unpack directory.
    public var directory: String
    /// The image's volume id.
    public var volumeID: String
    /// The live family, if the image is a known live system.
    public var family: String?
    /// The root image extracted into `root/`, as a path in the image.
    public var rootImage: String?
    /// Entries extracted into `root/` (the root included).
    public var rootEntries: Int
    /// Files and directories extracted into `tree/`.
    public var treeFiles: Int
    /// Bytes of file data in `tree/`.
    public var treeBytes: Int64
    /// Boot images saved under `boot/`, relative to the directory.
    public var bootImages: [String]
    /// The El Torito entries, as `platform path-or-LBA`.
    public var bootEntries: [String]
}
