import BinaryIO
import DiskFormats
import Foundation
import ISO9660
import LiveSystem
import QEMU
import Remaster
import SquashFS
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Unpacker and Repacker", .serialized)
struct UnpackerTests {
    /// Records an issue for each path whose kind, link target or contents differ between two trees. The boot
    /// catalog's file is left out of the first (the writer places a new catalog outside the tree), and boot images
    /// with a boot info table or GRUB 2 boot info are not compared (they are patched with their new LBA).
    static func expectSameTree(
        _ first: String, _ second: String, setup: BootSetup, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let listing = try FileTree.list(first).filter { "/" + $0 != setup.catalogPath }
        let patched = Set(setup.entries.filter { $0.bootInfoTable || $0.grub2BootInfo }.compactMap(\.treePath))
        #expect(listing == (try FileTree.list(second)), sourceLocation: sourceLocation)
        for path in listing where !path.hasSuffix("/") && !path.contains(" -> ") && !patched.contains("/" + path) {
            #expect(
                try ContentCompare.firstDifference(file: first + "/" + path, file: second + "/" + path) == nil, "\(path)",
                sourceLocation: sourceLocation)
        }
    }

    @Test("a grub-mkrescue image, unpacked and repacked without edits, has the same El Torito entries and tree", .oracles("grub-mkrescue", "xorriso"))
    func grubMkrescue() async throws {
        try await withTemporaryDirectory(prefix: "isokit-unpack") { directory in
            try FileTree.write(["tree/boot/grub/grub.cfg": .text("echo hello\n"), "tree/notes.txt": .text("notes\n")], under: directory)
            let input = directory + "/mkrescue.iso"
            try await Tool.run(
                "grub-mkrescue", ["-o", input, directory + "/tree", "--", "-volid", "MKRESCUE"],
                environment: ["SOURCE_DATE_EPOCH": "1700000000"])
            let unpacked = try Unpacker.unpack(image: input, to: directory + "/work")
            #expect(unpacked.volumeID == "MKRESCUE")
            #expect(unpacked.family == nil && unpacked.rootImage == nil)
            #expect(!FileManager.default.fileExists(atPath: directory + "/work/root"))
            let description = try Repacker.read(directory + "/work")
            #expect(description.formatVersion == UnpackDescription.currentFormatVersion)
            #expect(description.input.sizeBytes == (try ImageReader(path: input).size))
            #expect(description.bootSetup == (try BootSetup(image: ISOImage(path: input))))

            let repacked = try Repacker.repack(directory: directory + "/work", to: directory + "/out.iso", sourceDateEpoch: 1_700_000_000)
            #expect(repacked.rebuiltRoot == nil && repacked.volumeID == "MKRESCUE")
            #expect(try await RemasterTests.torito(repacked.output) == (try await RemasterTests.torito(input)))
            try Unpacker.unpack(image: repacked.output, to: directory + "/again")
            try Self.expectSameTree(directory + "/work/tree", directory + "/again/tree", setup: description.bootSetup)
            #expect(try Repacker.read(directory + "/again").bootSetup.entries.map(\.treePath) == description.bootSetup.entries.map(\.treePath))
            let files = description.bootImages.map(\.file)
            for file in files { #expect(try ContentCompare.firstDifference(file: directory + "/work/" + file, file: directory + "/again/" + file) == nil) }
        }
    }

    @Test(
        "an isokit image: repacked unchanged keeps its root layer byte for byte; with a marker added to root/ the layer is rebuilt with the original owners and boots to the marker (BIOS CD, UEFI disk)",
        .boots, .oracles("xorriso", "unsquashfs"),
        .enabled(if: Oracle.required || KernelCache.modulesDirectory != nil, "needs scripts/setup"))
    func isokitImage() async throws {
        try await withTemporaryDirectory(prefix: "isokit-unpack") { directory in
            try FileTree.write([
                "root/sbin/init": .text(
                    "#!/bin/busybox sh\n/bin/busybox echo \"marker: $(/bin/busybox cat /marker)\"\n/bin/busybox poweroff -f\n",
                    mode: 0o755),
                "root/marker": .text("from the build\n"), "root/etc/owned": .text("owned\n"),
                "root/proc/.keep": .text(""), "root/sys/.keep": .text(""), "root/dev/.keep": .text(""), "root/run/.keep": .text(""),
            ], under: directory)
            try FileManager.default.createDirectory(atPath: directory + "/root/bin", withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: "/bin/busybox", toPath: directory + "/root/bin/busybox")
            let asRoot = geteuid() == 0
            if asRoot { #expect(chown(directory + "/root/etc/owned", 1234, 4321) == 0) }
            var build = LiveBuildOptions(root: .directory(directory + "/root"), output: directory + "/live.iso")
            build.hostRoot = directory + "/no-host-kernel"
            build.sourceDateEpoch = 1_700_000_000
            build.menuTimeout = 0
            build.volumeID = "ISOKIT_UNPACK"
            _ = try await LiveBuilder.build(build)

            let unpacked = try Unpacker.unpack(image: directory + "/live.iso", to: directory + "/work")
            #expect(unpacked.family == "isokit" && unpacked.rootImage == "/live/00-base.squashfs")
            #expect(try String(contentsOfFile: directory + "/work/root/marker", encoding: .utf8) == "from the build\n")
            let plain = try Repacker.repack(directory: directory + "/work", to: directory + "/plain.iso")
            #expect(plain.rebuiltRoot == nil && plain.rootChanges.isEmpty)
            #expect(plain.notReplayed.isEmpty, "\(plain.notReplayed)")
            #expect(try await RemasterTests.torito(plain.output) == (try await RemasterTests.torito(directory + "/live.iso")))
            let before = try ISOImage(path: directory + "/live.iso")
            let layer = try before.contents(of: "/live/00-base.squashfs", limitBytes: 256 << 20)
            #expect(try ISOImage(path: plain.output).contents(of: "/live/00-base.squashfs", limitBytes: 256 << 20) == layer)

            try FileTree.write(["marker": .text("from the repack\n")], under: directory + "/work/root")
            let edited = try Repacker.repack(directory: directory + "/work", to: directory + "/edited.iso")
            #expect(edited.rebuiltRoot == "/live/00-base.squashfs")
            #expect(edited.rootChanges == ["", "marker"], "the marker is replaced, so its directory changes too")
            #expect(try await RemasterTests.torito(edited.output) == (try await RemasterTests.torito(directory + "/live.iso")))
            try Data(layer).write(to: URL(fileURLWithPath: directory + "/before.sqfs"))
            try Data(try ISOImage(path: edited.output).contents(of: "/live/00-base.squashfs", limitBytes: 256 << 20))
                .write(to: URL(fileURLWithPath: directory + "/after.sqfs"))
            let listing = { (image: String) async throws -> [String] in
                // mode, owner and path of every entry (sizes and times differ where the marker changed)
                try await Tool.run("unsquashfs", ["-lln", image]).stdout.split(separator: "\n").compactMap { line in
                    let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                    guard let path = fields.last, path.hasPrefix("squashfs-root") else { return nil }
                    return "\(fields[0]) \(fields[1]) \(path)"
                }
            }
            #expect(try await listing(directory + "/after.sqfs") == (try await listing(directory + "/before.sqfs")))
            if asRoot { #expect(try await listing(directory + "/after.sqfs").contains("-rw-r--r-- 1234/4321 squashfs-root/etc/owned")) }
            #expect(try SquashFSReader.contents(of: "marker", in: directory + "/after.sqfs") == Array("from the repack\n".utf8))

            var modes = [(Firmware.bios, BootMedium.cdrom(path: edited.output))]
            if Oracle.required || (try? OVMFFirmware.locate()) != nil { modes.append((.uefi, .disk(path: edited.output))) }
            for (firmware, medium) in modes {
                let result = try await ConsoleProbe.run(
                    MachineProfile(firmware: firmware, media: [medium], memoryMiB: 1024),
                    expect: .text("marker: from the repack"), timeout: .seconds(90), log: directory + "/\(firmware).log")
                #expect(result.matched, "\(firmware): \(result.consoleTail)")
            }
        }
    }

    @Test(
        "a Debian-live layout: root/ is filesystem.squashfs; a rebuild keeps gzip, the block size, owners and the device node",
        .oracles("mksquashfs", "unsquashfs"))
    func debianLive() async throws {
        try await withTemporaryDirectory(prefix: "isokit-unpack") { directory in
            try FileTree.write([
                "rootfs/etc/hostname": .text("live\n"), "rootfs/bin/tool": .text("#!/bin/sh\n", mode: 0o4755),
                "rootfs/dev/.keep": .text(""), "tree/boot/grub/grub.cfg": .text("linux /live/vmlinuz boot=live\n"),
            ], under: directory)
            try FileManager.default.createDirectory(atPath: directory + "/tree/live", withIntermediateDirectories: true)
            let squashfs = directory + "/tree/live/filesystem.squashfs"
            try await Tool.run("mksquashfs", [
                directory + "/rootfs", squashfs, "-comp", "gzip", "-b", "65536", "-noappend", "-quiet", "-no-progress",
                "-p", "dev/console c 600 0 5 5 1", "-p", "home d 755 0 0", "-p", "home/user d 700 1000 1000",
            ], environment: ["SOURCE_DATE_EPOCH": "1700000000"])
            _ = try ISOCreator.create(from: directory + "/tree", to: directory + "/in.iso", options: ISOWriterOptions())

            let unpacked = try Unpacker.unpack(image: directory + "/in.iso", to: directory + "/work")
            #expect(unpacked.family == "debian-live" && unpacked.rootImage == "/live/filesystem.squashfs")
            var status = stat()
            #expect(lstat(directory + "/work/root/dev/console", &status) == 0 && status.st_mode & S_IFMT == S_IFREG)
            let description = try Repacker.read(directory + "/work")
            #expect(description.root?.compressor == "gzip" && description.root?.blockSizeBytes == 65536)
            let plain = try Repacker.repack(directory: directory + "/work", to: directory + "/plain.iso")
            #expect(plain.rebuiltRoot == nil)
            let original = try ISOImage(path: directory + "/in.iso").contents(of: "/live/filesystem.squashfs", limitBytes: 64 << 20)
            #expect(try ISOImage(path: plain.output).contents(of: "/live/filesystem.squashfs", limitBytes: 64 << 20) == original)

            try FileTree.write(["home/user/marker": .text("repacked\n")], under: directory + "/work/root")
            let edited = try Repacker.repack(directory: directory + "/work", to: directory + "/edited.iso")
            #expect(edited.rebuiltRoot == "/live/filesystem.squashfs")
            try Data(try ISOImage(path: edited.output).contents(of: "/live/filesystem.squashfs", limitBytes: 64 << 20))
                .write(to: URL(fileURLWithPath: directory + "/after.sqfs"))
            let superBlock = try await Tool.run("unsquashfs", ["-s", directory + "/after.sqfs"]).stdout
            #expect(superBlock.contains("Compression gzip\n") && superBlock.contains("Block size 65536\n"), "\(superBlock)")
            let listing = try await UnsquashfsEntries.read(directory + "/after.sqfs")
            #expect(listing["dev/console"] == "crw------- 0/5 5,1")
            #expect(listing["home/user"] == "drwx------ 1000/1000")
            #expect(listing["home/user/marker"] == "-rw-r--r-- 0/0")
            #expect(listing["bin/tool"] == "-rwsr-xr-x 0/0")
        }
    }

    @Test("an EFI partition appended after the volume is saved under boot/ and appended again by repack")
    func appendedESP() async throws {
        try await withTemporaryDirectory(prefix: "isokit-unpack") { directory in
            try FileTree.write(["tree/a.txt": .text("a\n")], under: directory)
            var esp = FATImageBuilder(volumeLabel: "ESP", volumeID: 7)
            try esp.addFile("EFI/BOOT/BOOTX64.EFI", contents: Array(repeating: 0x4D, count: 4096))
            try esp.write(to: directory + "/esp.img")
            var options = ISOWriterOptions()
            var boot = BootImageOptions(firmware: .efi, path: "esp.img")
            let reader = try ImageReader(path: directory + "/esp.img")
            boot.contents = try reader.read(at: 0, count: Int(reader.size), structure: "ESP")
            options.bootImages = [boot]
            options.hybrid = true
            options.appendEFIPartition = true
            _ = try ISOCreator.create(from: directory + "/tree", to: directory + "/in.iso", options: options)

            let unpacked = try Unpacker.unpack(image: directory + "/in.iso", to: directory + "/work")
            #expect(unpacked.bootImages == ["boot/entry-1.img"])
            #expect(try ContentCompare.firstDifference(file: directory + "/esp.img", file: directory + "/work/boot/entry-1.img") == nil)
            let repacked = try Repacker.repack(directory: directory + "/work", to: directory + "/out.iso")
            #expect(repacked.notReplayed.isEmpty, "\(repacked.notReplayed)")
            let before = try BootSetup(image: ISOImage(path: directory + "/in.iso"))
            let after = try BootSetup(image: ISOImage(path: repacked.output))
            #expect(after.systemArea.appendedPartitions.count == 1)
            #expect(after.entries.map(\.isAppended) == before.entries.map(\.isAppended))
            try Unpacker.unpack(image: repacked.output, to: directory + "/again")
            #expect(try ContentCompare.firstDifference(file: directory + "/esp.img", file: directory + "/again/boot/entry-1.img") == nil)
            try FileManager.default.removeItem(atPath: directory + "/work/boot/entry-1.img")
            #expect(throws: UnpackError.missingFile(path: directory + "/work/boot/entry-1.img")) {
                try Repacker.repack(directory: directory + "/work", to: directory + "/missing.iso")
            }
        }
    }
}

/// `unsquashfs -lln` as `path: "mode owner[ major,minor]"` (sizes of files and directories and times left out).
enum UnsquashfsEntries {
    static func read(_ image: String) async throws -> [String: String] {
        let output = try await Tool.run("unsquashfs", ["-lln", image], environment: ["TZ": "UTC"]).stdout
        var entries: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, let path = fields.last, path.hasPrefix("squashfs-root") else { continue }
            let relative = String(path.dropFirst("squashfs-root".count).drop { $0 == "/" })
            let device = fields[0].hasPrefix("c") || fields[0].hasPrefix("b") ? " " + fields[2...(fields.count - 4)].joined() : ""
            entries[relative] = "\(fields[0]) \(fields[1])" + device
        }
        return entries
    }
}
