import BootConfig
import Foundation
import LiveSystem

/// The UEFI half of `isokit netboot image`: GRUB for x86_64 EFI with a ``GrubNetworkBoot`` config embedded, which
/// brings up the firmware's network card (fixed settings or DHCP) and runs a GRUB menu fetched over HTTP —
/// `netboot serve` and `netboot export` offer the catalog as `/boot.grub` beside `/boot.ipxe`.
///
/// GRUB stands in for iPXE here because Debian's `ipxe.efi` can't run an embedded script (see
/// ``NetbootImageFormat``). GRUB runs GRUB menus, not iPXE scripts, so the UEFI half needs a menu URL: given
/// (``NetbootImageOptions/grubMenuURL``), or taken from an `http://…/NAME.ipxe` chain URL as `http://…/NAME.grub`.
public enum NetbootUEFILoader {
    /// Modules in the core image: the firmware's network cards, HTTP, booting Linux, the menu and video for its
    /// screen.
    static let grubModules = [
        "efinet", "http", "net", "linux", "normal", "configfile", "echo", "test", "sleep", "reboot", "halt",
        "efi_gop", "efi_uga", "all_video",
    ]

    /// The GRUB menu UEFI machines run, or `nil` when there is none (a script file without
    /// ``NetbootImageOptions/grubMenuURL``, or a chain URL that is not `http://…/NAME.ipxe`).
    public static func menuURL(_ options: NetbootImageOptions) -> String? {
        if let url = options.grubMenuURL { return url }
        guard case .chain(let url) = options.script, url.lowercased().hasPrefix("http://"), url.hasSuffix(".ipxe"),
            !url.contains("?"), !url.contains("#")
        else { return nil }
        return String(url.dropLast(".ipxe".count)) + ".grub"
    }

    /// Writes `BOOTX64.EFI` for `menuURL` to `output`.
    /// - Parameters:
    ///   - menuURL: The GRUB menu to fetch and run.
    ///   - options: The network settings and GRUB's library.
    ///   - output: Where the EFI program goes.
    ///   - scratch: A directory for the embedded config.
    /// - Throws: ``NetbootError/missingComponent(path:package:)`` without grub-efi-amd64-bin,
    ///   `BootConfigError` for a menu URL or settings GRUB can't use, ``NetbootError/toolFailed(command:message:)``.
    static func write(menuURL: String, options: NetbootImageOptions, to output: String, scratch: String) async throws {
        let library = options.grubLibrary + "/x86_64-efi"
        guard FileManager.default.fileExists(atPath: library + "/efinet.mod") else {
            throw NetbootError.missingComponent(path: library, package: "grub-efi-amd64-bin")
        }
        let early = scratch + "/grub-network.cfg"
        let config = try GrubNetworkBoot(menuURL: menuURL, network: options.network).render()
        try Data(config.utf8).write(to: URL(fileURLWithPath: early))
        try await NetbootImageBuilder.run(
            "grub-mkimage", ["-d", library, "-O", "x86_64-efi", "-p", "/EFI/BOOT", "-c", early, "-o", output] + grubModules)
    }
}
