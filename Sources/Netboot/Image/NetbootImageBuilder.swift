import BinaryIO
import BootConfig
import DiskFormats
import Foundation
import ISO9660
import LiveSystem

/// Builds an iPXE boot image with an embedded script from Debian's iPXE binary, without compiling iPXE
/// (`isokit netboot image`), and its UEFI counterpart, GRUB with a network boot config (``NetbootUEFILoader``).
///
/// iPXE's `ipxe.lkrn` is a Linux kernel image; when it is booted with an initrd whose first line is `#!ipxe`, it runs
/// that initrd as its script. GRUB (BIOS) does the booting: a `i386-pc-eltorito` core image whose embedded config
/// finds the medium by its volume label and reads `/boot/grub/grub.cfg`, which runs `linux16 /ipxe/ipxe.lkrn` and
/// `initrd16 /ipxe/script.ipxe`. With a GRUB menu URL the image also boots on UEFI: an EFI system partition holds
/// GRUB's network loader. The image is a hybrid ISO 9660 image like the live images: El Torito for CDs and an MBR
/// with GRUB's `boot_hybrid.img` for disks and sticks.
///
/// ```
/// /boot/grub/i386-pc/eltorito.img   El Torito BIOS entry (boot info table, GRUB 2 boot info)
/// /boot/grub/grub.cfg               linux16 /ipxe/ipxe.lkrn, initrd16 /ipxe/script.ipxe, boot
/// /boot/grub/efi.img                El Torito UEFI entry: EFI/BOOT/BOOTX64.EFI (with a GRUB menu URL)
/// /ipxe/ipxe.lkrn                   Debian's iPXE
/// /ipxe/script.ipxe                 the script
/// ```
public enum NetbootImageBuilder {
    /// The most bytes read from a user's script file.
    public static let scriptLimitBytes = 64 << 10

    /// Modules in GRUB's core image: find the medium (CD or hybrid disk), read the menu, boot a 16-bit Linux kernel.
    static let grubModules = [
        "biosdisk", "iso9660", "part_gpt", "part_msdos", "search", "configfile", "normal", "echo", "linux16",
        "serial", "terminal",
    ]

    /// The script the image embeds: for ``NetbootImageScript/chain(url:)``, the static settings (or `dhcp`), then
    /// `route` (which prints the address in use on the console) and `chain URL`; for
    /// ``NetbootImageScript/file(path:)``, the file with the static settings and `route` inserted after its
    /// `#!ipxe` line.
    /// - Parameter options: The script and network.
    /// - Returns: The script text, ending in a newline.
    /// - Throws: ``NetbootError/invalidImageScript(path:reason:)`` for a chain URL that is not one http(s)/tftp
    ///   word or a script file that can't be read, is too large, is not UTF-8 or does not start with `#!ipxe`;
    ///   `BootConfigError` for a bad address or interface.
    public static func script(_ options: NetbootImageOptions) throws -> String {
        var setup: [IPXELine] = [.command(IPXECommand("dhcp"))]
        if let network = options.network {
            setup = try network.configurationLines() + [.command(IPXECommand("route"))]
        }
        switch options.script {
        case .chain(let url):
            let lower = url.lowercased()
            guard IPXEQuoting.isWord(url), ["http://", "https://", "tftp://"].contains(where: lower.hasPrefix) else {
                throw NetbootError.invalidImageScript(
                    path: "--chain \(url)", reason: "expected one http://, https:// or tftp:// URL without blanks or ${")
            }
            let script = IPXEScript(lines: setup + [.command(IPXECommand("chain", [url]))])
            try script.validate()
            return script.render()
        case .file(let path):
            let text = try userScript(at: path)
            guard options.network != nil else { return text }
            let firstLine = text.prefix { $0 != "\n" }
            let rest = text.dropFirst(firstLine.count + 1)
            let inserted = IPXEScript(lines: setup).render().split(separator: "\n", omittingEmptySubsequences: false)
                .dropFirst().joined(separator: "\n")
            return String(firstLine) + "\n" + inserted + rest
        }
    }

    /// Writes the image described by `options`.
    /// - Parameter options: Script, network, output and component paths.
    /// - Returns: What was written.
    /// - Throws: ``NetbootError/unsupportedImageFormat(path:reason:)`` (also for `.efi` without a GRUB menu URL),
    ///   the errors of ``script(_:)``, ``NetbootError/missingComponent(path:package:)`` when iPXE or GRUB is not
    ///   installed, ``NetbootError/toolFailed(command:message:)`` when `grub-mkimage` fails, `BootConfigError` for a
    ///   GRUB menu URL GRUB can't fetch, and the writer's `ISO9660Error` or `IOError`. Nothing is left at the output
    ///   on failure.
    public static func build(_ options: NetbootImageOptions) async throws -> NetbootImageReport {
        let format = try NetbootImageFormat(outputPath: options.output)
        let script = try script(options)
        let menuURL = NetbootUEFILoader.menuURL(options)
        let work = try WorkDirectory(near: options.output)
        defer { work.remove() }
        if format == .efi {
            guard let menuURL else {
                throw NetbootError.unsupportedImageFormat(
                    path: options.output,
                    reason: "a .efi loader runs a GRUB menu: give --grub-menu URL, or --chain http://…/NAME.ipxe (NAME.grub beside it)")
            }
            let loader = work.path + "/BOOTX64.EFI"
            try await NetbootUEFILoader.write(menuURL: menuURL, options: options, to: loader, scratch: work.path)
            try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: loader)
            guard rename(loader, options.output) == 0 else {
                throw NetbootError.toolFailed(command: "rename \(loader) \(options.output)", message: String(cString: strerror(errno)))
            }
            let bytes = (try FileManager.default.attributesOfItem(atPath: options.output)[.size] as? Int).map(Int64.init) ?? 0
            return NetbootImageReport(output: options.output, format: format, bytes: bytes, script: nil, uefiMenuURL: menuURL)
        }
        let grub = options.grubLibrary + "/i386-pc"
        for (path, package) in [(options.ipxeKernel, "ipxe"), (grub + "/boot_hybrid.img", "grub-pc-bin")]
        where !FileManager.default.fileExists(atPath: path) {
            throw NetbootError.missingComponent(path: path, package: package)
        }
        let stage = work.path + "/image"
        for folder in ["boot/grub/i386-pc", "ipxe"] {
            try FileManager.default.createDirectory(atPath: stage + "/" + folder, withIntermediateDirectories: true)
        }
        // Debian's /usr/lib/ipxe/ipxe.lkrn is a symbolic link to /boot/ipxe.lkrn: copy the file, not the link.
        let kernel = URL(fileURLWithPath: options.ipxeKernel).resolvingSymlinksInPath().path
        try FileManager.default.copyItem(atPath: kernel, toPath: stage + "/ipxe/ipxe.lkrn")
        try Data(script.utf8).write(to: URL(fileURLWithPath: stage + "/ipxe/script.ipxe"))
        try Data(grubMenu.utf8).write(to: URL(fileURLWithPath: stage + "/boot/grub/grub.cfg"))
        let early = work.path + "/grub-early.cfg"
        try Data(GrubEarlyConfiguration(label: options.volumeID).render().utf8).write(to: URL(fileURLWithPath: early))
        try await run(
            "grub-mkimage",
            ["-d", grub, "-O", "i386-pc-eltorito", "-p", "/boot/grub", "-c", early, "-o",
             stage + "/boot/grub/i386-pc/eltorito.img"] + grubModules)

        var iso = ISOWriterOptions()
        iso.volumeID = options.volumeID
        iso.rootOwnership = true
        iso.sourceDateEpoch = options.sourceDateEpoch
        iso.bootImages = [
            BootImageOptions(firmware: .bios, path: "boot/grub/i386-pc/eltorito.img", bootInfoTable: true, grub2BootInfo: true)
        ]
        if let menuURL {
            let loader = work.path + "/BOOTX64.EFI"
            try await NetbootUEFILoader.write(menuURL: menuURL, options: options, to: loader, scratch: work.path)
            let epoch = options.sourceDateEpoch ?? Int64(time(nil))
            var esp = FATImageBuilder(volumeLabel: "ISOKIT_EFI", volumeID: UInt32(truncatingIfNeeded: epoch), unixTime: epoch)
            try esp.addFile("EFI/BOOT/BOOTX64.EFI", hostPath: loader)
            try esp.write(to: stage + "/" + espImagePath)
            iso.bootImages.append(BootImageOptions(firmware: .efi, path: espImagePath))
        }
        iso.hybrid = true
        iso.mbrBootCode = grub + "/boot_hybrid.img"
        let output = options.output
        let created = try await BlockingWork.run { [iso] in try ISOCreator.create(from: stage, to: output, options: iso) }
        return NetbootImageReport(
            output: options.output, format: format, bytes: created.bytes, script: script, uefiMenuURL: menuURL)
    }

    /// The EFI system partition image in the ISO, the El Torito UEFI entry.
    static let espImagePath = "boot/grub/efi.img"

    /// `/boot/grub/grub.cfg`: boot iPXE at once with the script as its initrd.
    static let grubMenu = """
        # iPXE with an embedded script (isokit netboot image)
        echo 'Starting iPXE with /ipxe/script.ipxe'
        linux16 /ipxe/ipxe.lkrn
        initrd16 /ipxe/script.ipxe
        boot

        """

    /// A user's script: at most ``scriptLimitBytes``, UTF-8, starting with `#!ipxe`, ending in a newline.
    static func userScript(at path: String) throws -> String {
        let handle: FileHandle
        do {
            handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
        } catch {
            throw NetbootError.invalidImageScript(path: path, reason: "can't be read (\(error.localizedDescription))")
        }
        defer { try? handle.close() }
        let data = try handle.read(upToCount: scriptLimitBytes + 1) ?? Data()
        guard data.count <= scriptLimitBytes else {
            throw NetbootError.invalidImageScript(path: path, reason: "larger than \(scriptLimitBytes) bytes")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw NetbootError.invalidImageScript(path: path, reason: "not UTF-8 text")
        }
        guard text.hasPrefix("#!ipxe") else {
            throw NetbootError.invalidImageScript(path: path, reason: "does not start with #!ipxe (iPXE would not run it)")
        }
        return text.hasSuffix("\n") ? text : text + "\n"
    }

    /// Runs a tool with LiveSystem's `ExternalTool` and requires it to succeed.
    /// - Throws: ``NetbootError/toolFailed(command:message:)`` with the exit status (or why it could not start) and
    ///   the last lines of its standard error.
    static func run(_ executable: String, _ arguments: [String]) async throws(NetbootError) {
        do {
            try await ExternalTool.run(executable, arguments)
        } catch {
            // ExternalTool fails only with toolFailed; its status is the termination status or "could not start".
            guard case .toolFailed(let command, let status, let message) = error else {
                throw .toolFailed(command: ([executable] + arguments).joined(separator: " "), message: "\(error)")
            }
            throw .toolFailed(command: command, message: "\(status): \(message)")
        }
    }
}
