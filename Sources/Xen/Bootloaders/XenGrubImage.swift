import BootConfig
import Foundation
import Subprocess
import SystemPackage

/// pvgrub2: a GRUB for Xen (`grub-mkimage -O x86_64-xen`, or `i386-xen_pvh` for PVH) with an embedded
/// configuration that finds the ISO (the guest's CD at `xvdc`) by the kernel's path and boots the chosen entry
/// from it with the guest's command line. xl then loads this image as the guest's kernel; nothing is extracted.
///
/// The embedded configuration is run by GRUB's rescue parser before `normal` loads, so it uses plain commands only.
public enum XenGrubImage {
    /// GRUB's platform modules (Debian package grub-xen-bin).
    public static let libraryDirectory = "/usr/lib/grub"
    /// Modules the image needs to read the ISO and load Linux (the Xen disk driver is in GRUB's kernel).
    static let modules = ["iso9660", "search", "search_fs_file", "linux", "gzio", "xzio", "echo", "configfile", "normal"]

    /// The GRUB platform for a guest type.
    public static func platform(for type: XenGuestType) -> String {
        type == .pvh ? "i386-xen_pvh" : "x86_64-xen"
    }

    /// The embedded configuration that boots `kernel` with `initrds` and `cmdline` from the CD.
    public static func configuration(title: String, kernel: String, initrds: [String], cmdline: String) -> String {
        """
        # isokit xen guest --boot pvgrub2: boots "\(title.filter { $0 != "\n" })" from the ISO at xvdc
        search --no-floppy --set=root --file \(quoted(kernel))
        echo 'isokit pvgrub2: loading \(kernel.filter { $0 != "'" })'
        linux \(quoted(kernel)) \(cmdline.split(separator: " ").map { quoted(String($0)) }.joined(separator: " "))
        initrd \(initrds.map(quoted).joined(separator: " "))
        boot

        """
    }

    /// A word for GRUB's parser: as is when it holds only safe characters, else in single quotes.
    static func quoted(_ word: String) -> String {
        let safe = word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "/._-=,:+@%".contains($0)) }
        return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Builds the GRUB image at `output` with `configuration` embedded.
    /// - Throws: ``XenError/pvgrub2Unavailable(reason:)`` when the platform's modules are missing or grub-mkimage
    ///   fails.
    public static func build(type: XenGuestType, configuration: String, output: String) async throws {
        let platform = platform(for: type)
        let modulesDirectory = libraryDirectory + "/" + platform
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: modulesDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw XenError.pvgrub2Unavailable(reason: "\(modulesDirectory) is missing (install grub-xen-bin)")
        }
        let configPath = output + ".cfg"
        guard FileManager.default.createFile(atPath: configPath, contents: Data(configuration.utf8)) else {
            throw XenError.pvgrub2Unavailable(reason: "can't write \(configPath)")
        }
        let arguments = ["-d", modulesDirectory, "-O", platform, "-p", "/boot/grub", "-c", configPath, "-o", output] + modules
        let status: TerminationStatus
        let errorText: String
        do {
            let result = try await Subprocess.run(
                .name("grub-mkimage"), arguments: Arguments(arguments), output: .string(limit: 1 << 20),
                error: .string(limit: 1 << 20))
            status = result.terminationStatus
            errorText = result.standardError
        } catch {
            throw XenError.pvgrub2Unavailable(reason: "grub-mkimage could not start: \(error)")
        }
        guard case .exited(0) = status else {
            let message = errorText.split(separator: "\n").suffix(2).joined(separator: " ")
            throw XenError.pvgrub2Unavailable(reason: "grub-mkimage failed: \(message)")
        }
    }
}
