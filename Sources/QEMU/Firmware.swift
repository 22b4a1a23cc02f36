/// The firmware a QEMU machine starts with.
public enum Firmware: String, Sendable, Codable, CaseIterable {
    /// SeaBIOS, QEMU's built-in legacy BIOS. Under `-nographic` it mirrors VGA text to the serial console.
    case bios
    /// OVMF (EDK II) on two pflash devices: the read-only code image and a private copy of the variable store.
    case uefi
    /// OVMF built with Secure Boot, its variable store with Microsoft's keys enrolled and Secure Boot on
    /// (``OVMFFirmware/secureBootLocations``), on a q35 machine with SMM so the variables are write-protected; on
    /// an aarch64 machine AAVMF with such a variable store (``OVMFFirmware/aavmfSecureBootLocations``), no SMM.
    case uefiSecureBoot = "uefi-secure-boot"
}
