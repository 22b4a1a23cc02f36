/// A Secure Boot live image (`isokit build --secure-boot`): its UEFI path starts Debian's Microsoft-signed shim,
/// which checks Debian's signed GRUB, which checks the (signed) kernel. The BIOS path is unchanged.
///
/// The directories are where Debian's packages install the signed binaries on the host; tests point them
/// elsewhere. Another architecture's signed binaries come from its Debian packages in isokit's cache unless these
/// directories hold them.
public struct SecureBootOptions: Hashable, Sendable {
    /// The directory with `shimx64.efi.signed` (package shim-signed) and `mmx64.efi.signed` (package
    /// shim-helpers-amd64-signed), or their `aa64` counterparts.
    public var shimDirectory: String
    /// The directory with `gcdx64.efi.signed` (package grub-efi-amd64-signed), or `gcdaa64.efi.signed`.
    public var signedGrubDirectory: String

    /// Debian's directory for shim-signed's files.
    public static let defaultShimDirectory = "/usr/lib/shim"
    /// Debian's directory for the signed GRUB of the host's architecture (`/usr/lib/grub/x86_64-efi-signed`).
    public static let defaultSignedGrubDirectory = signedGrubDirectory(for: .host)

    /// Debian's directory for `architecture`'s signed GRUB (`/usr/lib/grub/arm64-efi-signed`).
    /// - Parameter architecture: The signed GRUB's architecture.
    public static func signedGrubDirectory(for architecture: LiveArchitecture) -> String {
        "/usr/lib/grub/\(architecture.grubEFIPlatform)-signed"
    }

    /// Creates options that take the signed binaries from `shimDirectory` and `signedGrubDirectory`.
    public init(
        shimDirectory: String = Self.defaultShimDirectory, signedGrubDirectory: String = Self.defaultSignedGrubDirectory
    ) {
        self.shimDirectory = shimDirectory
        self.signedGrubDirectory = signedGrubDirectory
    }

    /// shim signed by Microsoft's UEFI CA; the firmware starts it as `EFI/BOOT/BOOTX64.EFI`.
    public var shim: String { loaders[0].source }
    /// Debian's signed GRUB for removable and CD media, which shim starts as `EFI/BOOT/grubx64.efi`. Its
    /// embedded prefix is `/boot/grub` (`grubx64.efi.signed` has `/EFI/debian`, for installed systems).
    public var grub: String { loaders[1].source }
    /// shim's MokManager, which shim starts to enrol keys; `EFI/BOOT/mmx64.efi`.
    public var mokManager: String { loaders[2].source }

    /// The x86_64 signed binaries, their places in the EFI system partition and their Debian packages
    /// (``loaders(for:)`` of x86_64).
    public var loaders: [(source: String, target: String, package: String)] { loaders(for: .x86_64) }

    /// Each signed binary of `architecture` in these directories, its place in the EFI system partition and the
    /// Debian package that installs it: shim (`shimaa64.efi.signed` as `EFI/BOOT/BOOTAA64.EFI`), the signed GRUB
    /// for CDs (`gcdaa64.efi.signed` as `EFI/BOOT/grubaa64.efi`, which shim starts) and MokManager
    /// (`mmaa64.efi.signed` as `EFI/BOOT/mmaa64.efi`); `x64` for x86_64.
    /// - Parameter architecture: The architecture whose binaries are named.
    /// - Returns: shim, the signed GRUB and MokManager, in that order.
    public func loaders(for architecture: LiveArchitecture) -> [(source: String, target: String, package: String)] {
        let suffix = architecture.efiName
        let debian = architecture.debianName
        return [
            ("\(shimDirectory)/shim\(suffix).efi.signed", architecture.efiLoaderPath, "shim-signed"),
            ("\(signedGrubDirectory)/gcd\(suffix).efi.signed", "EFI/BOOT/grub\(suffix).efi", "grub-efi-\(debian)-signed"),
            ("\(shimDirectory)/mm\(suffix).efi.signed", "EFI/BOOT/mm\(suffix).efi", "shim-helpers-\(debian)-signed"),
        ]
    }
}
