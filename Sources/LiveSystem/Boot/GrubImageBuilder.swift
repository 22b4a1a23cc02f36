import BootConfig
import Foundation

/// Makes GRUB core images with Debian's `grub-mkimage` (packages grub-pc-bin and grub-efi-amd64-bin): the BIOS
/// El Torito image and the UEFI `BOOTX64.EFI`, each with an early config that finds the medium and reads its
/// `grub.cfg`.
public struct GrubImageBuilder: Sendable {
    /// GRUB's platform directories.
    public var libraryDirectory: String

    /// Modules both images need to find the medium (CD, hybrid disk partitions), read the menu and boot Linux.
    static let commonModules = [
        "iso9660", "part_gpt", "part_msdos", "fat", "search", "configfile", "normal", "echo", "test", "linux",
        "serial", "terminal", "sleep", "halt", "reboot", "ls", "cat",
    ]

    /// Creates a builder that reads modules from `libraryDirectory` (Debian: /usr/lib/grub).
    public init(libraryDirectory: String = "/usr/lib/grub") {
        self.libraryDirectory = libraryDirectory
    }

    /// The MBR boot code for hybrid disk images (`boot_hybrid.img`).
    public var hybridMBR: String { "\(libraryDirectory)/i386-pc/boot_hybrid.img" }

    /// Writes `i386-pc-eltorito` and `x86_64-efi` core images.
    /// - Parameters:
    ///   - early: The embedded config.
    ///   - biosImage: Where the BIOS El Torito image goes.
    ///   - efiImage: Where `BOOTX64.EFI` goes.
    ///   - scratch: A directory for the early config file.
    ///   - extraModules: Modules both images get beyond ``commonModules`` (`multiboot2` and `gzio` for Xen).
    /// - Throws: ``LiveBuildError/badInput(path:reason:)`` naming the missing GRUB package, or
    ///   ``LiveBuildError/toolFailed(command:status:message:)``.
    public func makeImages(
        early: GrubEarlyConfiguration, biosImage: String, efiImage: String, scratch: String, extraModules: [String] = []
    ) async throws {
        for (platform, package) in [("i386-pc", "grub-pc-bin"), ("x86_64-efi", "grub-efi-amd64-bin")] {
            guard HostPath.isDirectory("\(libraryDirectory)/\(platform)") else {
                throw LiveBuildError.badInput(
                    path: "\(libraryDirectory)/\(platform)", reason: "GRUB modules missing (install \(package))")
            }
        }
        let config = scratch + "/grub-early.cfg"
        guard FileManager.default.createFile(atPath: config, contents: Data(early.render().utf8)) else {
            throw LiveBuildError.badInput(path: config, reason: "cannot write the GRUB early config")
        }
        try await ExternalTool.run("grub-mkimage", [
            "-d", "\(libraryDirectory)/i386-pc", "-O", "i386-pc-eltorito", "-p", "/boot/grub", "-c", config,
            "-o", biosImage, "biosdisk",
        ] + Self.commonModules + extraModules)
        try await ExternalTool.run("grub-mkimage", [
            "-d", "\(libraryDirectory)/x86_64-efi", "-O", "x86_64-efi", "-p", "/boot/grub", "-c", config,
            "-o", efiImage, "efi_gop", "efi_uga", "all_video",
        ] + Self.commonModules + extraModules)
    }
}
