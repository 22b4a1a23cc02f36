/// What the writer wants in the boot catalog for one boot image; see ``ElToritoCatalog/build(entries:)``.
public struct ElToritoBootImageSpec: Hashable, Sendable {
    /// The platform (BIOS for the first image, UEFI for an ESP image).
    public var platform: PlatformID
    /// How the image is presented; GRUB, isolinux and EFI images use no emulation.
    public var mediaType: BootMediaType
    /// The 2048-byte sector where the image starts.
    public var loadLBA: UInt32
    /// The 512-byte sectors to load: 4 for BIOS no-emulation images, the image size (capped, see
    /// ``ElToritoBootEntry/sectorCount(forImageBytes:)``) for EFI images.
    public var sectorCount: UInt16
    /// The real-mode load segment; 0 for the default `0x7C0`.
    public var loadSegment: UInt16
    /// The partition type byte for hard disk emulation, else 0.
    public var systemType: UInt8
    /// Whether the entry is bootable.
    public var bootable: Bool

    /// Creates a spec.
    public init(
        platform: PlatformID, mediaType: BootMediaType = .noEmulation, loadLBA: UInt32, sectorCount: UInt16,
        loadSegment: UInt16 = 0, systemType: UInt8 = 0, bootable: Bool = true
    ) {
        self.platform = platform
        self.mediaType = mediaType
        self.loadLBA = loadLBA
        self.sectorCount = sectorCount
        self.loadSegment = loadSegment
        self.systemType = systemType
        self.bootable = bootable
    }

    /// The catalog entry for this image.
    var entry: ElToritoBootEntry {
        ElToritoBootEntry(
            bootable: bootable, mediaType: mediaType, loadSegment: loadSegment, systemType: systemType,
            sectorCount: sectorCount, loadLBA: loadLBA)
    }
}
