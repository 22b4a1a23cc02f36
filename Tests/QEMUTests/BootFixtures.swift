import Foundation
import QEMU
import TestSupport

/// Images and checks shared by the boot tests.
enum BootFixtures {
    /// Debian's prebuilt GRUB rescue CD (package grub-rescue-pc).
    static let rescueCD = "/usr/lib/grub-rescue/grub-rescue-cdrom.iso"

    /// The line the marker image's grub.cfg prints on the serial console.
    static let marker = "ISOKIT-MARKER"

    /// A link to ``rescueCD`` inside `directory`: QEMU sees a path of this test's own, so the check for leftover
    /// processes can't mistake another test run's QEMU for ours.
    static func privateRescueCD(in directory: String) throws -> String {
        let link = directory + "/rescue.iso"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: rescueCD)
        return link
    }

    /// Whether the tests that boot ``rescueCD`` can run: it is installed, or oracles are required.
    static var rescueCDAvailable: Bool { Oracle.required || FileManager.default.fileExists(atPath: rescueCD) }

    /// Whether the UEFI tests can run: OVMF is installed, or oracles are required (so its absence fails).
    static var uefiAvailable: Bool { Oracle.required || (try? OVMFFirmware.locate()) != nil }

    /// Builds a BIOS+UEFI hybrid GRUB image with `grub-mkrescue` whose grub.cfg echoes ``marker`` on the serial
    /// console, then waits, so only the probe ends the machine.
    /// - Returns: The image's path inside `directory`.
    static func markerImage(in directory: String) async throws -> String {
        let tree = directory + "/tree"
        try FileTree.write(
            [
                "boot/grub/grub.cfg": .text(
                    """
                    serial --unit=0 --speed=115200
                    terminal_output serial console
                    echo \(marker)
                    sleep 600
                    """ + "\n")
            ], under: tree)
        let image = directory + "/marker.iso"
        try await Tool.run(
            "grub-mkrescue", ["-o", image, tree, "--", "-volid", "ISOKIT_MARKER"],
            environment: ["SOURCE_DATE_EPOCH": "1700000000"])
        return image
    }

    /// The process ids of running QEMU processes whose command line mentions `path`.
    static func emulators(using path: String) -> [Int32] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap(Int32.init).filter { pid in
            guard let raw = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return false }
            let words = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            return words.first?.hasSuffix(Emulator.defaultName) == true && words.contains { $0.contains(path) }
        }
    }
}
