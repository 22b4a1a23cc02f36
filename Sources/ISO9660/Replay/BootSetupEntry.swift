/// One El Torito entry of an image as ``BootSetup`` captures it (El Torito 1.0 §2.2, §2.4): the catalog fields,
/// where its boot image lies and how big it is, which file of the tree holds it, and the patches found in it.
public struct BootSetupEntry: Hashable, Sendable, Codable {
    /// `nil` for the default entry, else the index of its section in the catalog.
    public var section: Int?
    /// The platform: the validation entry's for the default entry, the section header's otherwise.
    public var platform: PlatformID
    /// Whether the entry is marked bootable (`0x88`).
    public var bootable: Bool
    /// How the image is presented.
    public var mediaType: BootMediaType
    /// The real-mode load segment (0 means `0x7C0`).
    public var loadSegment: UInt16
    /// The partition type byte for hard disk emulation.
    public var systemType: UInt8
    /// The 512-byte sectors the entry says to load.
    public var sectorCount: UInt16
    /// Bytes 12–31 of the entry: the selection criteria type and vendor-unique criteria (zero in a default entry).
    public var selectionCriteria: [UInt8]
    /// The 2048-byte sector where the boot image starts.
    public var loadLBA: UInt32
    /// The boot image's size in bytes; ``sizeSource`` says how it was found.
    public var imageBytes: Int64
    /// How ``imageBytes`` was found.
    public var sizeSource: BootImageSizeSource
    /// The file of the ISO 9660 tree whose data is the boot image, if one starts at ``loadLBA``.
    public var treePath: String?
    /// Whether the image carries a boot info table that matches this image (PVD at 16, its own LBA and size).
    public var bootInfoTable: Bool
    /// Whether the image carries GRUB 2 boot info that matches its LBA (LBA × 4 + 5 at byte 2548).
    public var grub2BootInfo: Bool
    /// Whether the image is an appended partition (``AppendedPartition``), like xorriso's `-append_partition`
    /// with `-e --interval:appended_partition_2:all::`.
    public var isAppended: Bool

    /// Creates an entry.
    public init(
        section: Int?, platform: PlatformID, bootable: Bool, mediaType: BootMediaType, loadSegment: UInt16,
        systemType: UInt8, sectorCount: UInt16, selectionCriteria: [UInt8], loadLBA: UInt32, imageBytes: Int64,
        sizeSource: BootImageSizeSource, treePath: String?, bootInfoTable: Bool, grub2BootInfo: Bool, isAppended: Bool
    ) {
        self.section = section
        self.platform = platform
        self.bootable = bootable
        self.mediaType = mediaType
        self.loadSegment = loadSegment
        self.systemType = systemType
        self.sectorCount = sectorCount
        self.selectionCriteria = selectionCriteria
        self.loadLBA = loadLBA
        self.imageBytes = imageBytes
        self.sizeSource = sizeSource
        self.treePath = treePath
        self.bootInfoTable = bootInfoTable
        self.grub2BootInfo = grub2BootInfo
        self.isAppended = isAppended
    }
}
