/// How ``BootSetup`` found the size of a boot image, in the order it tries them.
public enum BootImageSizeSource: String, Hashable, Sendable, Codable {
    /// A file of the ISO 9660 tree starts at the image's LBA; its size.
    case treeFile
    /// A boot info table in the image that names the PVD at 16 and the image's own LBA: its boot file length.
    case bootInfoTable
    /// A UEFI image that starts with a FAT boot sector: its BPB's total sectors × bytes per sector.
    case fatBootSector
    /// The entry's sector count × 512 (the count is below the field's cap of 65535).
    case sectorCount
    /// Nothing else says: up to the next known extent (another boot image, the catalog, the end of the volume or an
    /// appended partition, or the end of the image).
    case nextExtent
}
