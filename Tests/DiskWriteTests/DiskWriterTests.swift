import BinaryIO
import DiskFormats
import DiskWrite
import Foundation
import ISO9660
import TestSupport
import Testing

@Suite("DiskWriter")
struct DiskWriterTests {
    @Test("an image written to a new file is byte for byte the image, and --verify reports equal sums")
    func plainFile() async throws {
        let scratch = try TemporaryDirectory()
        let iso = try DiskWriteFixture.hybridISO(in: scratch.path)
        let target = scratch.path("disk.img")
        let report = try await DiskWriter.write(DiskWriteOptions(image: iso, target: target, verify: true))
        #expect(try ContentCompare.firstDifference(file: iso, file: target) == nil)
        #expect(report.targetKind == "file")
        #expect(report.imageSHA256 != nil && report.imageSHA256 == report.writtenSHA256)
        #expect(report.expectedSHA256 == report.imageSHA256)
        #expect(report.persistence == nil)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }

    @Test(
        "--size: sgdisk -v is clean, sfdisk and fdisk read the partition, e2fsck passes, xorriso and isokit still read the ISO",
        .oracles("sgdisk", "sfdisk", "fdisk", "e2fsck", "mkfs.ext4", "xorriso"))
    func persistencePartition() async throws {
        let scratch = try TemporaryDirectory()
        let iso = try DiskWriteFixture.hybridISO(in: scratch.path)
        let target = scratch.path("disk.img")
        let report = try await DiskWriter.write(
            DiskWriteOptions(image: iso, target: target, verify: true, size: 64 << 20))
        let partition = try #require(report.persistence)
        #expect(try DiskWriteFixture.size(target) == 64 << 20)
        #expect(report.writtenSHA256 == report.expectedSHA256 && report.expectedSHA256 != report.imageSHA256)

        let verify = try await Tool.runAllowingFailure("sgdisk", ["-v", target])
        #expect(verify.succeeded && verify.stdout.contains("No problems found"), "\(verify.stdout)")
        let dump = try await Tool.run("sfdisk", ["-d", target]).stdout
        #expect(dump.contains("start=\(String(repeating: " ", count: max(0, 12 - "\(partition.firstLBA)".count)))\(partition.firstLBA)"), "\(dump)")
        #expect(dump.contains("type=0FC63DAF-8483-4772-8E79-3D69D8477DE4"), "\(dump)")
        #expect(dump.contains("name=\"isokit-persist\""), "\(dump)")
        let fdisk = try await Tool.run("fdisk", ["-l", target], environment: ["LC_ALL": "C"]).stdout
        #expect(fdisk.contains("Linux filesystem"), "\(fdisk)")
        #expect(!fdisk.lowercased().contains("corrupt"), "\(fdisk)")
        let fsck = try await Tool.runAllowingFailure("e2fsck", ["-fn", "\(target)?offset=\(partition.byteOffset)"])
        #expect(fsck.succeeded, "\(fsck.stdout)\(fsck.stderr)")
        #expect(fsck.stdout.contains("isokit-persist"), "\(fsck.stdout)")

        let table = try #require(try GPTPartitionTable.read(from: ImageReader(path: target)))
        let backup = try GPTPartitionTable.readBackup(from: ImageReader(path: target), primary: table)
        #expect(backup.header.myLBA == UInt64(64 << 11) - 1)
        #expect(backup.partitions == table.partitions)
        let listing = try await Tool.run("xorriso", ["-indev", target, "-find", "/", "-name", "hello.txt"]).stdout
        #expect(listing.contains("/hello.txt"), "\(listing)")
        let image = try ISOImage(path: target)
        let volume = String(decoding: image.primary.volumeIdentifier, as: UTF8.self).trimmingCharacters(in: .whitespaces)
        #expect(volume == "DISKWRITE_TEST")
    }

    @Test("refusals name the path and leave nothing behind")
    func refusals() async throws {
        let scratch = try TemporaryDirectory()
        let iso = try DiskWriteFixture.hybridISO(in: scratch.path)
        let existing = try scratch.sparseFile("existing.img", size: 4096)
        let cases: [(DiskWriteOptions, DiskWriteError)] = [
            (DiskWriteOptions(image: iso, target: iso, force: true), .targetIsImage(path: iso)),
            (DiskWriteOptions(image: iso, target: scratch.path("missing/disk.img")),
             .unknownTarget(path: scratch.path("missing/disk.img"), reason: "directory \(scratch.path("missing")) does not exist")),
            (DiskWriteOptions(image: iso, target: "/dev/isokit-no-such-disk"),
             .unknownTarget(path: "/dev/isokit-no-such-disk", reason: "no such device")),
            (DiskWriteOptions(image: iso, target: "/dev/null", force: true),
             .unknownTarget(path: "/dev/null", reason: "neither a regular file nor a block device")),
            (DiskWriteOptions(image: iso, target: scratch.path), .unknownTarget(path: scratch.path, reason: "a directory")),
            (DiskWriteOptions(image: iso, target: existing), .targetExists(path: existing, kind: "file", bytes: 4096)),
            (DiskWriteOptions(image: iso, target: scratch.path("small.img"), size: 4096),
             .badSize(path: scratch.path("small.img"), size: 4096, reason: "smaller than the image's \(try DiskWriteFixture.size(iso)) bytes")),
        ]
        for (options, error) in cases {
            await #expect(throws: error) { try await DiskWriter.write(options) }
        }
        #expect(try DiskWriteFixture.size(existing) == 4096)
        let names = try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted()
        #expect(names == ["existing.img", "image", "image.iso"], "\(names)")
    }

    @Test("--force replaces an existing file")
    func forceReplaces() async throws {
        let scratch = try TemporaryDirectory()
        let iso = try DiskWriteFixture.hybridISO(in: scratch.path)
        let existing = try scratch.sparseFile("existing.img", size: 4096)
        try await DiskWriter.write(DiskWriteOptions(image: iso, target: existing, force: true))
        #expect(try ContentCompare.firstDifference(file: iso, file: existing) == nil)
    }
}
