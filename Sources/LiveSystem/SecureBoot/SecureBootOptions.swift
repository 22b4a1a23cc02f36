/// A Secure Boot live image (`isokit build --secure-boot`): its UEFI path starts Debian's Microsoft-signed shim,
/// which checks Debian's signed GRUB, which checks the (signed) kernel. The BIOS path is unchanged.
///
/// The directories are where Debian's packages install the signed binaries; tests point them elsewhere.
public struct SecureBootOptions: Hashable, Sendable {
    /// The directory with `shimx64.efi.signed` and `mmx64.efi.signed` (package shim-signed).
    public var shimDirectory: String
    /// The directory with `gcdx64.efi.signed` (package grub-efi-amd64-signed).
    public var signedGrubDirectory: String

    /// Debian's directory for shim-signed's files.
    public static let defaultShimDirectory = "/usr/lib/shim"
    /// Debian's directory for grub-efi-amd64-signed's files.
    public static let defaultSignedGrubDirectory = "/usr/lib/grub/x86_64-efi-signed"

    /// Creates options that take the signed binaries from `shimDirectory` and `signedGrubDirectory`.
    public init(
        shimDirectory: String = Self.defaultShimDirectory, signedGrubDirectory: String = Self.defaultSignedGrubDirectory
    ) {
        self.shimDirectory = shimDirectory
        self.signedGrubDirectory = signedGrubDirectory
    }

    /// shim signed by Microsoft's UEFI CA; the firmware starts it as `EFI/BOOT/BOOTX64.EFI`.
    public var shim: String { shimDirectory + "/shimx64.efi.signed" }
    /// shim's MokManager, which shim starts to enrol keys; `EFI/BOOT/mmx64.efi`.
    public var mokManager: String { shimDirectory + "/mmx64.efi.signed" }
    /// Debian's signed GRUB for removable and CD media, which shim starts as `EFI/BOOT/grubx64.efi`. Its
    /// embedded prefix is `/boot/grub` (`grubx64.efi.signed` has `/EFI/debian`, for installed systems).
    public var grub: String { signedGrubDirectory + "/gcdx64.efi.signed" }

    /// Each signed binary, its place in the EFI system partition, and the Debian package that installs it.
    public var loaders: [(source: String, target: String, package: String)] {
        [
            (shim, "EFI/BOOT/BOOTX64.EFI", "shim-signed"),
            (grub, "EFI/BOOT/grubx64.efi", "grub-efi-amd64-signed"),
            (mokManager, "EFI/BOOT/mmx64.efi", "shim-signed"),
        ]
    }
}
