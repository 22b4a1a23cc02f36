import BootConfig
import Foundation

extension GrubImageBuilder {
    /// Writes the UEFI core image of `architecture` (`BOOTX64.EFI`, `BOOTAA64.EFI`) with `grub-mkimage`, which
    /// makes images for any GRUB platform from that platform's module directory.
    /// - Parameters:
    ///   - architecture: The loader's architecture; its modules are `libraryDirectory/PLATFORM`.
    ///   - early: The embedded config.
    ///   - efiImage: Where the loader goes.
    ///   - scratch: A directory for the early config file.
    ///   - extraModules: Modules beyond ``commonModules``.
    /// - Throws: ``LiveBuildError/badInput(path:reason:)`` naming the missing GRUB package, or
    ///   ``LiveBuildError/toolFailed(command:status:message:)``.
    public func makeEFIImage(
        for architecture: LiveArchitecture, early: GrubEarlyConfiguration, efiImage: String, scratch: String,
        extraModules: [String] = []
    ) async throws {
        let platform = architecture.grubEFIPlatform
        guard HostPath.isDirectory("\(libraryDirectory)/\(platform)") else {
            throw LiveBuildError.badInput(
                path: "\(libraryDirectory)/\(platform)",
                reason: "GRUB modules missing (install \(architecture.grubEFIPackage))")
        }
        let config = "\(scratch)/grub-early-\(architecture.rawValue).cfg"
        guard FileManager.default.createFile(atPath: config, contents: Data(early.render().utf8)) else {
            throw LiveBuildError.badInput(path: config, reason: "cannot write the GRUB early config")
        }
        // UGA is an x86 PC graphics protocol; arm64-efi has no module for it.
        let video = architecture == .x86_64 ? ["efi_gop", "efi_uga", "all_video"] : ["efi_gop", "all_video"]
        try await ExternalTool.run("grub-mkimage", [
            "-d", "\(libraryDirectory)/\(platform)", "-O", platform, "-p", "/boot/grub", "-c", config,
            "-o", efiImage,
        ] + video + Self.commonModules + extraModules)
    }
}
