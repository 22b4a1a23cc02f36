/// One boot image of an El Torito catalog (El Torito 1.0 §2.2, §2.4), flattened for reports and `--json`.
public struct ElToritoBootImage: Hashable, Sendable, Codable {
    /// The platform: the validation entry's for the default entry, the section header's otherwise.
    public var platform: PlatformID
    /// How the image is presented.
    public var mediaType: BootMediaType
    /// The 2048-byte sector where the image starts.
    public var loadLBA: UInt32
    /// The 512-byte sectors the entry says to load.
    public var sectorCount: UInt16
    /// Whether the entry is marked bootable (`0x88`).
    public var bootable: Bool
    /// The real-mode load segment (0 means `0x7C0`).
    public var loadSegment: UInt16
    /// The partition type byte for hard disk emulation.
    public var systemType: UInt8
    /// `nil` for the default entry, else the index of its section in the catalog.
    public var section: Int?

    /// Creates a record.
    public init(
        platform: PlatformID, mediaType: BootMediaType, loadLBA: UInt32, sectorCount: UInt16, bootable: Bool,
        loadSegment: UInt16, systemType: UInt8, section: Int?
    ) {
        self.platform = platform
        self.mediaType = mediaType
        self.loadLBA = loadLBA
        self.sectorCount = sectorCount
        self.bootable = bootable
        self.loadSegment = loadSegment
        self.systemType = systemType
        self.section = section
    }

    /// The record of `entry` under `platform`.
    init(_ entry: ElToritoBootEntry, platform: PlatformID, section: Int?) {
        self.init(
            platform: platform, mediaType: entry.mediaType, loadLBA: entry.loadLBA, sectorCount: entry.sectorCount,
            bootable: entry.isBootable, loadSegment: entry.loadSegment, systemType: entry.systemType, section: section)
    }
}
