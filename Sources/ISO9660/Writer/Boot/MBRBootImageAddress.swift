/// What the writer patches at byte `0x1B0` of the MBR boot code: the address of the BIOS El Torito image, so the
/// code finds the boot loader when the image boots as a disk.
public enum MBRBootImageAddress: String, Hashable, Sendable, Codable {
    /// Nothing: the boot code is written as given.
    case none
    /// GRUB's `boot_hybrid.img` (`xorriso --grub2-mbr`): the image's 2048-byte LBA × 4 + 4, 64-bit little-endian.
    case grub2
    /// ISOLINUX's `isohdp*.bin` (`isohybrid`, `xorriso -isohybrid-mbr`): the image's 2048-byte LBA × 4.
    case isohybrid
}
