import BootConfig
import Foundation

/// Makes GRUB core images with Debian's `grub-mkimage` (packages grub-pc-bin and grub-efi-amd64-bin): the BIOS
/// El Torito image and the UEFI loaders (`BOOTX64.EFI`, `BOOTAA64.EFI`), each with an early config that finds the
/// medium and reads its `grub.cfg`.
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

    /// Writes the BIOS El Torito core image (`i386-pc-eltorito`); ``makeEFIImage(for:early:efiImage:scratch:extraModules:)``
    /// writes the UEFI loaders.
    /// - Parameters:
    ///   - early: The embedded config.
    ///   - biosImage: Where the BIOS El Torito image goes.
    ///   - scratch: A directory for the early config file.
    ///   - extraModules: Modules beyond ``commonModules`` (`multiboot2` and `gzio` for Xen).
    /// - Throws: ``LiveBuildError/badInput(path:reason:)`` naming the missing GRUB package, or
    ///   ``LiveBuildError/toolFailed(command:status:message:)``.
    public func makeBIOSImage(
        early: GrubEarlyConfiguration, biosImage: String, scratch: String, extraModules: [String] = []
    ) async throws {
        guard HostPath.isDirectory("\(libraryDirectory)/i386-pc") else {
            throw LiveBuildError.badInput(
                path: "\(libraryDirectory)/i386-pc", reason: "GRUB modules missing (install grub-pc-bin)")
        }
        let config = scratch + "/grub-early-bios.cfg"
        guard FileManager.default.createFile(atPath: config, contents: Data(early.render().utf8)) else {
            throw LiveBuildError.badInput(path: config, reason: "cannot write the GRUB early config")
        }
        try await ExternalTool.run("grub-mkimage", [
            "-d", "\(libraryDirectory)/i386-pc", "-O", "i386-pc-eltorito", "-p", "/boot/grub", "-c", config,
            "-o", biosImage, "biosdisk",
        ] + Self.commonModules + extraModules)
    }
}
