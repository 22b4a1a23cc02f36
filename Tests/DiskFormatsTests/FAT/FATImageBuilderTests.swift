import BinaryIO
import TestSupport
import Testing

@testable import DiskFormats

@Suite("FATImageBuilder")
struct FATImageBuilderTests {
    static let mtoolsEnvironment = ["MTOOLS_SKIP_CHECK": "1", "LC_ALL": "C.UTF-8"]

    /// A tree with nested directories, long (unicode, 100-character) names and 0-byte, 1-byte and multi-cluster files.
    static func sampleFiles(largeBytes: Int) -> [(path: String, contents: [UInt8])] {
        let hundred = String(repeating: "Long name ", count: 10).dropLast() + "!"  // 100 characters
        return [
            ("EFI/BOOT/BOOTX64.EFI", (0..<3000).map { UInt8(truncatingIfNeeded: $0 * 7) }),
            ("empty.txt", []),
            ("one", [0x41]),
            ("Dir With Spaces/Ünïcödé ñame — ok.txt", Array("unicode\n".utf8)),
            ("Dir With Spaces/\(hundred)", Array("hundred\n".utf8)),
            ("a/b/c/d/deep.bin", (0..<largeBytes).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }),
            ("README.TXT", Array("short\n".utf8)),
            ("readme2.txt", Array("lower\n".utf8)),
        ]
    }

    static func build(_ image: String, size: Int64?, type: FATType? = nil, largeBytes: Int = 70_000) throws {
        var builder = FATImageBuilder(volumeLabel: "ISOKIT", volumeID: 0x1234_5678, sizeBytes: size, type: type, unixTime: 1_700_000_000)
        try builder.addDirectory("empty dir")
        for file in sampleFiles(largeBytes: largeBytes) { try builder.addFile(file.path, contents: file.contents) }
        try builder.write(to: image)
    }

    @Test(
        "fsck.fat finds the image clean and mtools reads every name and file",
        .oracles("fsck.fat", "mdir", "mcopy"),
        arguments: [
            (Int64(1_474_560), FATType.fat12, 70_000), (20 << 20, .fat16, 200_000), (300 << 20, .fat32, 3 << 20),
        ] as [(Int64, FATType, Int)])
    func oracles(size: Int64, type: FATType, largeBytes: Int) async throws {
        let scratch = try TemporaryDirectory()
        let image = scratch.path("fat.img")
        try Self.build(image, size: size, largeBytes: largeBytes)
        let volume = try FATImage(reader: ImageReader(path: image))
        #expect(volume.type == type)
        #expect(volume.reader.size == size)

        let fsck = try await Tool.runAllowingFailure("fsck.fat", ["-n", image], environment: Tool.reproducibleEnvironment)
        #expect(fsck.status == 0, "\(fsck.stdout)\(fsck.stderr)")
        #expect(fsck.stdout.split(separator: "\n").count == 2, "\(fsck.stdout)")

        let listing = try await Tool.run("mdir", ["-i", image, "-/", "-b", "::"], environment: Self.mtoolsEnvironment).stdout
        let listed = Set(listing.split(separator: "\n").map(String.init))
        for file in Self.sampleFiles(largeBytes: largeBytes) {
            #expect(listed.contains("::/" + file.path), "\(file.path) missing from \(listing)")
            let copied = try await Tool.run("mcopy", ["-i", image, "::/" + file.path, "-"], environment: Self.mtoolsEnvironment)
            #expect(copied.standardOutputBytes == file.contents, "\(file.path)")
            #expect(try volume.read(file.path, limit: 1 << 30) == file.contents)
        }
        #expect(listed.contains("::/empty dir/"))
        let sizes = try await Tool.run("mdir", ["-i", image, "::/a/b/c/d"], environment: Self.mtoolsEnvironment).stdout
        #expect(sizes.contains(" \(largeBytes) ") || sizes.contains(String(largeBytes)), "\(sizes)")
    }

    @Test(
        "an explicit type picks the cluster size that makes it valid; no size fits the contents",
        .oracles("fsck.fat"),
        arguments: [(Int64?(8 << 20), FATType.fat12), (300 << 20, .fat16), (nil, .fat32), (nil, .fat16)] as [(Int64?, FATType)])
    func explicitType(size: Int64?, type: FATType) async throws {
        let scratch = try TemporaryDirectory()
        let image = scratch.path("fat.img")
        try Self.build(image, size: size, type: type)
        let volume = try FATImage(reader: ImageReader(path: image))
        #expect(volume.type == type)
        if let size { #expect(volume.reader.size == size) }
        let fsck = try await Tool.runAllowingFailure("fsck.fat", ["-n", image], environment: Tool.reproducibleEnvironment)
        #expect(fsck.status == 0 && fsck.stdout.split(separator: "\n").count == 2, "\(fsck.stdout)")
        for file in Self.sampleFiles(largeBytes: 70_000) { #expect(try volume.read(file.path) == file.contents) }
    }

    @Test("an ESP with EFI/BOOT/BOOTX64.EFI from a host file, sized to fit", .oracles("fsck.fat", "mcopy"))
    func esp() async throws {
        let scratch = try TemporaryDirectory()
        let loader = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 ^ ($0 >> 8)) }
        try scratch.write(loader, to: "loader.efi", at: 0)
        var builder = FATImageBuilder(volumeLabel: "ESP", volumeID: 0xCAFE_F00D)
        try builder.addFile("EFI/BOOT/BOOTX64.EFI", hostPath: scratch.path("loader.efi"))
        let image = scratch.path("esp.img")
        try builder.write(to: image)
        let fsck = try await Tool.runAllowingFailure("fsck.fat", ["-n", image])
        #expect(fsck.status == 0, "\(fsck.stdout)")
        let copied = try await Tool.run("mcopy", ["-i", image, "::/EFI/BOOT/BOOTX64.EFI", "-"], environment: Self.mtoolsEnvironment)
        #expect(copied.standardOutputBytes == loader)
        let reader = try ImageReader(path: image)
        #expect(reader.size < 4 << 20)
        #expect(try FATImage(reader: reader).list("EFI/BOOT").map(\.name) == ["BOOTX64.EFI"])
    }

    @Test("same inputs give identical bytes")
    func reproducible() throws {
        let scratch = try TemporaryDirectory()
        try Self.build(scratch.path("one.img"), size: nil)
        try Self.build(scratch.path("two.img"), size: nil)
        let size = try ImageReader(path: scratch.path("one.img")).size
        #expect(try ImageReader(path: scratch.path("two.img")).size == size)
        #expect(
            try scratch.bytes("one.img", at: 0, count: Int(size)) == scratch.bytes("two.img", at: 0, count: Int(size)))
    }

    @Test(
        "names FAT can't hold are errors naming the path",
        arguments: ["a/b:c", "x?", "tab\there", "dir/..", "trailing.", "q\"uote", "pipe|"])
    func invalidNames(path: String) {
        var builder = FATImageBuilder(volumeID: 1)
        #expect(throws: DiskFormatsError.self) { try builder.addFile(path, contents: []) }
        do {
            try builder.addFile(path, contents: [])
        } catch {
            guard case .layout(let reason) = error else { return }
            #expect(reason.hasPrefix(path + ":"))
        }
    }

    @Test("contents larger than the size, or too few clusters for FAT32, are layout errors")
    func tooLarge() throws {
        let scratch = try TemporaryDirectory()
        var builder = FATImageBuilder(volumeID: 1, sizeBytes: 1_474_560)
        try builder.addFile("big", contents: [UInt8](repeating: 1, count: 2 << 20))
        #expect(throws: DiskFormatsError.self) { try builder.write(to: scratch.path("x.img")) }
        var fat32 = FATImageBuilder(volumeID: 1, sizeBytes: 20 << 20, type: .fat32)
        try fat32.addFile("a", contents: [1])
        #expect(throws: DiskFormatsError.self) { try fat32.write(to: scratch.path("y.img")) }
    }

    @Test("a directory of more than 65536 entries is a layout error naming it")
    func tooManyEntries() throws {
        var builder = FATImageBuilder(volumeID: 1)
        for index in 0..<65_535 { try builder.addFile("D/F\(index)", contents: []) }
        #expect(throws: DiskFormatsError.layout(reason: "D: 65537 directory entries; FAT allows 65536")) {
            try builder.write(to: "/nonexistent/x.img")
        }
    }

    @Test("a name of more than 255 UTF-16 units is an error")
    func tooLongName() {
        var builder = FATImageBuilder(volumeID: 1)
        let name = String(repeating: "x", count: 256)
        #expect(throws: DiskFormatsError.layout(reason: "\(name): 256 UTF-16 units; FAT long names hold at most 255")) {
            try builder.addFile(name, contents: [])
        }
    }

    @Test("names differing only in case clash")
    func caseClash() throws {
        var builder = FATImageBuilder(volumeID: 1)
        try builder.addFile("Readme", contents: [])
        #expect(throws: DiskFormatsError.layout(reason: "README: FAT names ignore case, and Readme is already there")) {
            try builder.addFile("README", contents: [])
        }
    }
}
