import DiskWrite
import Foundation
import SystemPackage
import TestSupport
import Testing

/// The block device path on a real kernel: a loop device over a scratch file (root only; skipped elsewhere).
@Suite(
    "DiskWriter on a loop device", .serialized,
    .enabled(if: geteuid() == 0 && FileManager.default.fileExists(atPath: "/dev/loop-control"), "needs root and loop devices"),
    .oracles("losetup", "mkfs.ext4", "mount", "umount"))
struct DiskWriterDeviceTests {
    /// Attaches a loop device to a new sparse file of `size` bytes, runs `body` with its path, and detaches it.
    static func withLoopDevice(size: Int64, _ body: (String, TemporaryDirectory) async throws -> Void) async throws {
        let scratch = try TemporaryDirectory()
        let file = try scratch.sparseFile("device.img", size: size)
        let device = try await Tool.run("losetup", ["-f", "--show", file]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            try await body(device, scratch)
        } catch {
            _ = try? await Tool.runAllowingFailure("losetup", ["-d", device])
            throw error
        }
        try await Tool.run("losetup", ["-d", device])
    }

    @Test("written with --force --verify: the device holds the image and the sums agree; without --force it is refused")
    func writesDevice() async throws {
        let scratch = try TemporaryDirectory()
        let iso = try DiskWriteFixture.hybridISO(in: scratch.path)
        try await Self.withLoopDevice(size: 16 << 20) { device, directory in
            await #expect(throws: DiskWriteError.targetExists(path: device, kind: "block device", bytes: 16 << 20)) {
                try await DiskWriter.write(DiskWriteOptions(image: iso, target: device))
            }
            let report = try await DiskWriter.write(DiskWriteOptions(image: iso, target: device, verify: true, force: true))
            #expect(report.targetKind == "block device")
            #expect(report.targetBytes == 16 << 20)
            #expect(report.writtenSHA256 == report.imageSHA256)
            let written = try DiskWriteFixture.prefix(of: directory.path("device.img"), count: Int(report.imageBytes))
            #expect(written == (try DiskWriteFixture.prefix(of: iso, count: Int(report.imageBytes))))
            await #expect(throws: DiskWriteError.sizeOnBlockDevice(path: device)) {
                try await DiskWriter.write(DiskWriteOptions(image: iso, target: device, size: 64 << 20, force: true))
            }
        }
    }

    @Test("a device another program holds exclusively, and a mounted one, are refused and left alone")
    func refusesBusyDevice() async throws {
        let scratch = try TemporaryDirectory()
        let iso = try DiskWriteFixture.hybridISO(in: scratch.path)
        try await Self.withLoopDevice(size: 16 << 20) { device, directory in
            let name = String(device.split(separator: "/").last ?? "")
            let holder = try FileDescriptor.open(FilePath(device), .readOnly, options: [.exclusiveCreate])
            await #expect(throws: DiskWriteError.inUse(path: device, device: name, holder: "the kernel or another program (EBUSY)")) {
                try await DiskWriter.write(DiskWriteOptions(image: iso, target: device, force: true))
            }
            try holder.close()

            try await Tool.run("mkfs.ext4", ["-q", "-F", device])
            let mountPoint = directory.path("mnt")
            try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
            try await Tool.run("mount", ["-t", "ext4", device, mountPoint])
            let outcome = await #expect(throws: DiskWriteError.self) {
                try await DiskWriter.write(DiskWriteOptions(image: iso, target: device, force: true))
            }
            try await Tool.run("umount", [mountPoint])
            #expect(outcome == .mounted(path: device, device: name, mountPoint: mountPoint))
            let magic = try DiskWriteFixture.prefix(of: directory.path("device.img"), count: 1082).suffix(2)
            #expect(Array(magic) == [0x53, 0xEF], "the ext4 superblock is still there")
        }
    }
}
