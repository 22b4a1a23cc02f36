import BinaryIO
import DiskFormats
import Foundation
import ISO9660
import LiveSystem
import QEMU
import Remaster
import TestSupport
import Testing

@Suite("Remaster", .serialized)
struct RemasterTests {
    /// Debian's GRUB rescue CD (package grub-rescue-pc).
    static let rescueCD = "/usr/lib/grub-rescue/grub-rescue-cdrom.iso"
    /// What the patched grub.cfg prints on the serial console.
    static let marker = "ISOKIT-REMASTER-PATCH-OK"

    /// The El Torito entries, paths and patch options xorriso reports, without the images' LBAs (the last column).
    static func torito(_ image: String) async throws -> [String] {
        let report = try await Tool.run("xorriso", ["-indev", image, "-report_el_torito", "plain"]).stdout
        return report.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ")
            if line.hasPrefix("El Torito boot img") { return fields.dropLast().joined(separator: " ") }
            return line.hasPrefix("El Torito img path") || line.hasPrefix("El Torito img opts") ? String(line) : nil
        }
    }

    @Test(
        "Debian's GRUB rescue CD with a patched grub.cfg and a deletion keeps its El Torito entry and boots to the patch",
        .boots, .oracles("xorriso"),
        .enabled(if: Oracle.required || FileManager.default.fileExists(atPath: rescueCD), "needs grub-rescue-pc"))
    func grubRescue() async throws {
        try await withTemporaryDirectory(prefix: "isokit-remaster") { directory in
            try FileTree.write([
                "patch/boot/grub/grub.cfg": .text(
                    "serial --unit=0 --speed=115200\nterminal_output serial console\necho \(Self.marker)\nsleep 600\n"),
                "patch/README.remaster": .text("patched by isokit\n"),
            ], under: directory)
            var options = RemasterOptions(input: Self.rescueCD, output: directory + "/out.iso")
            options.patches = [directory + "/patch"]
            options.deletions = ["/boot/grub/fonts"]
            options.sourceDateEpoch = 1_700_000_000
            let report = try Remasterer.remaster(options)
            #expect(report.patched == ["/README.remaster", "/boot/grub/grub.cfg"], "merged directories are not listed")
            #expect(report.bootEntries.count == 1)

            #expect(try await Self.torito(report.output) == (try await Self.torito(Self.rescueCD)))
            let image = try ISOImage(path: report.output)
            #expect(try image.contents(of: "/README.remaster") == Array("patched by isokit\n".utf8))
            #expect(throws: ImageError.self) { try image.entry(at: "/boot/grub/fonts") }
            #expect(try image.entry(at: "/boot/grub/i386-pc/normal.mod").kind == .regular)

            let profile = MachineProfile(firmware: .bios, media: [.cdrom(path: report.output)])
            let result = try await ConsoleProbe.run(
                profile, expect: .text(Self.marker), timeout: .seconds(60), log: directory + "/console.log")
            #expect(result.matched, "console: \(result.consoleTail)")
        }
    }

    @Test(
        "isokit's own hybrid image, patched, still boots to its selftest on BIOS CD and UEFI disk",
        .boots, .enabled(if: Oracle.required || KernelCache.modulesDirectory != nil, "needs scripts/setup"))
    func isokitImage() async throws {
        try #require(Oracle.required || (try? OVMFFirmware.locate()) != nil, "OVMF is not installed")
        try await withTemporaryDirectory(prefix: "isokit-remaster") { directory in
            var build = LiveBuildOptions(root: .rescue, output: directory + "/live.iso")
            build.hostRoot = directory + "/no-host-kernel"
            build.sourceDateEpoch = 1_700_000_000
            build.menuTimeout = 0
            build.volumeID = "ISOKIT_REMASTER"
            build.cmdlineExtra = ["isokit.selftest"]
            _ = try await LiveBuilder.build(build)
            try FileTree.write(["patch/extra/notes.txt": .text("remastered\n")], under: directory)
            var options = RemasterOptions(input: directory + "/live.iso", output: directory + "/out.iso")
            options.patches = [directory + "/patch"]
            let report = try Remasterer.remaster(options)
            #expect(report.volumeID == "ISOKIT_REMASTER")
            #expect(report.notReplayed.isEmpty, "\(report.notReplayed)")
            let verify = try await Tool.run("sgdisk", ["-v", report.output])
            #expect(verify.stdout.contains("No problems found."), "\(verify.stdout)")
            for (firmware, medium) in [(Firmware.bios, BootMedium.cdrom(path: report.output)), (.uefi, .disk(path: report.output))] {
                let result = try await ConsoleProbe.run(
                    MachineProfile(firmware: firmware, media: [medium], memoryMiB: 1024), expect: .text("isokit selftest ok"),
                    timeout: .seconds(90), log: directory + "/\(firmware).log")
                #expect(result.matched, "\(firmware): \(result.consoleTail)")
            }
        }
    }

    @Test("bad options name the path and write nothing")
    func badOptions() async throws {
        try await withTemporaryDirectory(prefix: "isokit-remaster") { directory in
            try FileTree.write(["tree/a.txt": .text("a\n")], under: directory)
            _ = try ISOCreator.create(from: directory + "/tree", to: directory + "/in.iso", options: ISOWriterOptions())
            var options = RemasterOptions(input: directory + "/in.iso", output: directory + "/in.iso")
            #expect(throws: RemasterError.outputIsInput(path: directory + "/in.iso")) { try Remasterer.remaster(options) }
            options.output = directory + "/out.iso"
            options.patches = [directory + "/missing"]
            #expect(throws: RemasterError.badPatch(path: directory + "/missing", reason: "not a directory")) {
                try Remasterer.remaster(options)
            }
            options.patches = []
            options.deletions = ["/nope"]
            #expect(throws: RemasterError.badDeletion(path: "/nope", reason: "no such file or directory in the image")) {
                try Remasterer.remaster(options)
            }
            options.deletions = ["../a.txt"]
            #expect(throws: RemasterError.badDeletion(path: "../a.txt", reason: "use an absolute path in the image without . or ..")) {
                try Remasterer.remaster(options)
            }
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory).sorted() == ["in.iso", "tree"])
        }
    }

    @Test(
        "--patch-root and --append-cmdline on an isokit image: BIOS and UEFI boot it, the marker is in the running system and the parameter in /proc/cmdline; the base layer stays as it was",
        .boots, .enabled(if: Oracle.required || KernelCache.modulesDirectory != nil, "needs scripts/setup"))
    func patchRoot() async throws {
        try await withTemporaryDirectory(prefix: "isokit-remaster") { directory in
            try FileTree.write([
                "root/sbin/init": .text(
                    "#!/bin/busybox sh\n/bin/busybox mount -t proc proc /proc\n/bin/busybox echo \"marker: $(/bin/busybox cat /marker)\"\n"
                        + "/bin/busybox echo \"cmdline: $(/bin/busybox cat /proc/cmdline)\"\n/bin/busybox poweroff -f\n",
                    mode: 0o755),
                "root/marker": .text("from the base\n"), "root/bin/.keep": .text(""),
                "root/proc/.keep": .text(""), "root/sys/.keep": .text(""), "root/dev/.keep": .text(""), "root/run/.keep": .text(""),
                "fix/marker": .text("from the patch\n"),
            ], under: directory)
            try FileManager.default.copyItem(atPath: "/bin/busybox", toPath: directory + "/root/bin/busybox")
            var build = LiveBuildOptions(root: .directory(directory + "/root"), output: directory + "/live.iso")
            build.hostRoot = directory + "/no-host-kernel"
            build.sourceDateEpoch = 1_700_000_000
            build.menuTimeout = 0
            build.volumeID = "ISOKIT_PATCHROOT"
            _ = try await LiveBuilder.build(build)

            var options = RemasterOptions(input: directory + "/live.iso", output: directory + "/out.iso")
            options.rootLayers = [directory + "/fix"]
            options.menuEdits = MenuEdits(append: ["isokit.remastered=yes"], remove: ["quiet"], timeoutSeconds: 0)
            let report = try Remasterer.remaster(options)
            #expect(report.patched == ["/boot/grub/grub.cfg", "/live/10-fix.squashfs", "/live/layers.list"])
            let before = try ISOImage(path: directory + "/live.iso")
            let after = try ISOImage(path: report.output)
            #expect(try after.contents(of: "/live/layers.list") == Array("00-base.squashfs\n10-fix.squashfs\n".utf8))
            #expect(
                try after.contents(of: "/live/00-base.squashfs", limitBytes: 64 << 20)
                    == (try before.contents(of: "/live/00-base.squashfs", limitBytes: 64 << 20)))

            let menu = String(decoding: try after.contents(of: "/boot/grub/grub.cfg"), as: UTF8.self)
            #expect(!menu.contains(" quiet"), "\(menu)")
            for (firmware, medium) in [(Firmware.bios, BootMedium.cdrom(path: report.output)), (.uefi, .disk(path: report.output))] {
                let log = directory + "/\(firmware).log"
                let result = try await ConsoleProbe.run(
                    MachineProfile(firmware: firmware, media: [medium], memoryMiB: 1024),
                    expect: .regex("cmdline: .*\n"), timeout: .seconds(90), log: log)
                #expect(result.matched, "\(firmware): \(result.consoleTail)")
                let console = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                #expect(console.contains("marker: from the patch"), "\(firmware): \(console.suffix(400))")
                #expect(console.contains("isokit.remastered=yes"), "\(firmware): \(console.suffix(400))")
            }

            var other = RemasterOptions(input: Self.rescueCD, output: directory + "/rescue.iso")
            other.rootLayers = [directory + "/fix"]
            #expect(throws: LiveLayoutError.self) { try Remasterer.remaster(other) }
        }
    }

    @Test("menu edits reach the tree's GRUB and isolinux menus and the grub.cfg inside the ESP image")
    func menusEverywhere() async throws {
        try await withTemporaryDirectory(prefix: "isokit-remaster") { directory in
            let grub = "set timeout=5\nmenuentry 'live' {\n    linux /live/vmlinuz boot=live quiet\n    initrd /live/initrd.img\n}\n"
            let isolinux = "DEFAULT live\nTIMEOUT 50\nLABEL live\n  KERNEL /live/vmlinuz\n  APPEND initrd=/live/initrd.img boot=live quiet\n"
            try FileTree.write([
                "tree/boot/grub/grub.cfg": .text(grub), "tree/isolinux/isolinux.cfg": .text(isolinux),
                "tree/live/filesystem.squashfs": .text("x"),
            ], under: directory)
            var esp = FATImageBuilder(volumeLabel: "ESP", volumeID: 7)
            try esp.addFile("EFI/BOOT/grub.cfg", contents: Array(grub.utf8))
            try esp.addFile("EFI/BOOT/BOOTX64.EFI", contents: Array(repeating: 0x4D, count: 4096))
            try esp.write(to: directory + "/tree/boot/efi.img")
            var iso = ISOWriterOptions()
            iso.bootImages = [BootImageOptions(firmware: .efi, path: "boot/efi.img")]
            _ = try ISOCreator.create(from: directory + "/tree", to: directory + "/in.iso", options: iso)

            var options = RemasterOptions(input: directory + "/in.iso", output: directory + "/out.iso")
            options.menuEdits = MenuEdits(append: ["console=hvc0"], remove: ["quiet"], timeoutSeconds: 2)
            let report = try Remasterer.remaster(options)
            #expect(report.patched == [
                "/boot/efi.img", "/boot/efi.img:/EFI/BOOT/grub.cfg", "/boot/grub/grub.cfg", "/isolinux/isolinux.cfg",
            ])

            let image = try ISOImage(path: report.output)
            let expected = "set timeout=2\nmenuentry 'live' {\n    linux /live/vmlinuz boot=live console=hvc0\n    initrd /live/initrd.img\n}\n"
            #expect(String(decoding: try image.contents(of: "/boot/grub/grub.cfg"), as: UTF8.self) == expected)
            let syslinux = String(decoding: try image.contents(of: "/isolinux/isolinux.cfg"), as: UTF8.self)
            #expect(syslinux.contains("APPEND initrd=/live/initrd.img boot=live console=hvc0\n"), "\(syslinux)")
            #expect(syslinux.contains("TIMEOUT 20\n"), "\(syslinux)")
            try Data(try image.contents(of: "/boot/efi.img")).write(to: URL(fileURLWithPath: directory + "/esp.img"))
            let volume = try FATImage(reader: ImageReader(path: directory + "/esp.img"))
            #expect(String(decoding: try volume.read("EFI/BOOT/grub.cfg"), as: UTF8.self) == expected)
            #expect(try volume.read("EFI/BOOT/BOOTX64.EFI") == Array(repeating: 0x4D, count: 4096))
        }
    }

    @Test(
        "a grub-mkrescue image and Debian's ipxe.iso, remastered with --patch and --append-cmdline, boot where the originals boot",
        .boots, .oracles("grub-mkrescue", "xorriso"))
    func thirdParty() async throws {
        try #require(Oracle.required || (try? OVMFFirmware.locate()) != nil, "OVMF is not installed")
        try await withTemporaryDirectory(prefix: "isokit-remaster") { directory in
            let echo = { (marker: String) in
                "serial --unit=0 --speed=115200\nterminal_output serial console\necho \(marker)\nsleep 600\n"
            }
            try FileTree.write([
                "tree/boot/grub/grub.cfg": .text(echo("ORIGINAL-MENU")), "patch/boot/grub/grub.cfg": .text(echo("PATCHED-MENU")),
            ], under: directory)
            let rescue = directory + "/mkrescue.iso"
            try await Tool.run(
                "grub-mkrescue", ["-o", rescue, directory + "/tree", "--", "-volid", "MKRESCUE"],
                environment: ["SOURCE_DATE_EPOCH": "1700000000"])
            let ipxe = "/usr/lib/ipxe/ipxe.iso"
            let cases: [(input: String, patch: Bool, marker: String, modes: [(Firmware, Bool)])] = [
                (rescue, true, "PATCHED-MENU", [(.bios, true), (.bios, false), (.uefi, true), (.uefi, false)]),
                (ipxe, false, "iPXE", [(.bios, true)]),
            ]
            for (index, item) in cases.enumerated() {
                var options = RemasterOptions(input: item.input, output: directory + "/out-\(index).iso")
                options.patches = item.patch ? [directory + "/patch"] : []
                options.menuEdits = MenuEdits(append: ["isokit.remastered=1"])
                let report = try Remasterer.remaster(options)
                #expect(try await Self.torito(report.output) == (try await Self.torito(item.input)), "\(item.input)")
                for (firmware, asCD) in item.modes {
                    let medium = asCD ? BootMedium.cdrom(path: report.output) : .disk(path: report.output)
                    let result = try await ConsoleProbe.run(
                        MachineProfile(firmware: firmware, media: [medium]), expect: .text(item.marker), timeout: .seconds(60),
                        log: directory + "/\(index)-\(firmware)-\(asCD).log")
                    #expect(result.matched, "\(item.input) \(firmware) \(asCD ? "CD" : "disk"): \(result.consoleTail)")
                }
            }
        }
    }
}
