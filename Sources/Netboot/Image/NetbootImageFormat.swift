/// What `isokit netboot image` writes, chosen by the output's extension.
///
/// BIOS machines run Debian's iPXE (`ipxe.lkrn`) with the script. UEFI machines run GRUB with a network boot
/// config instead (see ``NetbootUEFILoader``): Debian's `ipxe.efi` (iPXE 1.0.0+git-20190125) has no way to take a
/// script from outside the binary — no `autoexec.ipxe` on its own file system and no script from its EFI load
/// options (both came to iPXE later).
public enum NetbootImageFormat: String, Hashable, Sendable, Codable, CaseIterable {
    /// `.iso`: a hybrid ISO 9660 image — El Torito BIOS (GRUB, iPXE) and, with a GRUB menu URL, El Torito UEFI (an
    /// EFI system partition with GRUB's network boot), an MBR with GRUB's hybrid boot code — that boots as a CD and,
    /// written to a stick, as a disk.
    case iso
    /// `.img`: the same hybrid image, named for `dd` to a USB stick or attaching as a raw disk.
    case img
    /// `.efi`: the UEFI loader alone (GRUB with the network boot config embedded), for an EFI system partition or a
    /// firmware boot entry.
    case efi

    /// The format for `path`'s extension (`.iso`, `.img` or `.efi`, any case).
    /// - Throws: ``NetbootError/unsupportedImageFormat(path:reason:)`` for any other extension.
    public init(outputPath path: String) throws(NetbootError) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let suffix = name.split(separator: ".", omittingEmptySubsequences: false).dropFirst().last?.lowercased()
        switch suffix {
        case "iso": self = .iso
        case "img": self = .img
        case "efi": self = .efi
        default:
            throw .unsupportedImageFormat(path: path, reason: "expected a name ending in .iso, .img or .efi")
        }
    }
}
