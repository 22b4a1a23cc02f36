/// The boot setup of an ISO image — every El Torito entry, the MBR boot code, the MBR/GPT partitions and the
/// partitions appended after the volume — captured so that a rewritten image can carry it again, as xorriso's
/// `-boot_image any replay` does. `Codable`, for the boot description file of `isokit unpack`.
///
/// ```swift
/// let image = try ISOImage(path: "in.iso")
/// let setup = try BootSetup(image: image)
/// var replay = try setup.writerOptions(reading: image)
/// replay.options.volumeID = "REMASTERED"
/// try ISOCreator.create(from: "tree", to: "out.iso", options: replay.options)
/// ```
///
/// Spec: El Torito 1.0 §2; UEFI 2.10 §5.2–§5.3.
public struct BootSetup: Hashable, Sendable, Codable {
    /// The El Torito entries in catalog order, the default entry first; empty for an image that does not boot as a CD.
    public var entries: [BootSetupEntry]
    /// The 2048-byte sector of the boot catalog, if the image has one.
    public var catalogLBA: UInt32?
    /// The file of the tree that shows the boot catalog (`/boot.catalog`), if any; a rewrite leaves it out.
    public var catalogPath: String?
    /// Blocks of the ISO 9660 volume (ECMA-119 §8.4.8).
    public var volumeBlocks: UInt32
    /// The system area.
    public var systemArea: BootSetupSystemArea

    /// Creates a setup.
    public init(
        entries: [BootSetupEntry], catalogLBA: UInt32?, catalogPath: String?, volumeBlocks: UInt32,
        systemArea: BootSetupSystemArea
    ) {
        self.entries = entries
        self.catalogLBA = catalogLBA
        self.catalogPath = catalogPath
        self.volumeBlocks = volumeBlocks
        self.systemArea = systemArea
    }
}
