/// What `isokit netboot image` writes, chosen by the output's extension.
///
/// BIOS only: Debian's `ipxe.efi` (iPXE 1.0.0+git-20190125) has no way to take a script from outside the binary —
/// no `autoexec.ipxe` on its own file system and no script from its EFI load options (both came to iPXE later) —
/// so `.efi` is refused rather than written as an image that ignores the script.
public enum NetbootImageFormat: String, Hashable, Sendable, Codable, CaseIterable {
    /// `.iso`: a hybrid ISO 9660 image — El Torito BIOS (GRUB), an MBR with GRUB's hybrid boot code — that boots as
    /// a CD and, written to a stick, as a disk.
    case iso
    /// `.img`: the same hybrid image, named for `dd` to a USB stick or attaching as a raw disk.
    case img

    /// The format for `path`'s extension (`.iso` or `.img`, any case).
    /// - Throws: ``NetbootError/unsupportedImageFormat(path:reason:)`` for `.efi` (see above) and any other
    ///   extension.
    public init(outputPath path: String) throws(NetbootError) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let suffix = name.split(separator: ".", omittingEmptySubsequences: false).dropFirst().last?.lowercased()
        switch suffix {
        case "iso": self = .iso
        case "img": self = .img
        case "efi":
            throw .unsupportedImageFormat(
                path: path,
                reason: "UEFI is not supported: Debian's ipxe.efi (2019) can't run an embedded script; use .iso or .img (BIOS)")
        default:
            throw .unsupportedImageFormat(path: path, reason: "expected a name ending in .iso or .img")
        }
    }
}
