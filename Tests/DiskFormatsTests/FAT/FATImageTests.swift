import BinaryIO
import TestSupport
import Testing

@testable import DiskFormats

@Suite("FATImage")
struct FATImageTests {
    @Test("reads images made by mkfs.fat and mcopy", .oracles("mkfs.fat", "mcopy", "mmd"), arguments: ["12", "16", "32"])
    func readsMtools(bits: String) async throws {
        let scratch = try TemporaryDirectory()
        let image = scratch.path("fat.img")
        let kib = bits == "32" ? "70000" : (bits == "16" ? "20480" : "1440")
        try await Tool.run("mkfs.fat", ["-F", bits, "-C", image, kib], environment: Tool.reproducibleEnvironment)
        let env = FATImageBuilderTests.mtoolsEnvironment
        let files: [(String, [UInt8])] = [
            ("Long Directory Name/ünïcode file name.txt", Array("hello\n".utf8)),
            ("Long Directory Name/BIG.BIN", (0..<50_000).map { UInt8(truncatingIfNeeded: $0 * 13) }),
            ("EMPTY", []),
        ]
        try await Tool.run("mmd", ["-i", image, "::/Long Directory Name"], environment: env)
        for (path, contents) in files {
            let name = String(path.split(separator: "/").last ?? "")
            try scratch.write(contents, to: name, at: 0)
            if contents.isEmpty { try scratch.sparseFile(name, size: 0) }
            try await Tool.run("mcopy", ["-i", image, scratch.path(name), "::/" + path], environment: env)
        }
        let volume = try FATImage(reader: ImageReader(path: image))
        #expect(volume.type.rawValue == "fat" + bits)
        #expect(Set(try volume.list("/").map(\.name)) == ["Long Directory Name", "EMPTY"])
        let inner = try volume.list("Long Directory Name")
        #expect(Set(inner.map(\.name)) == ["ünïcode file name.txt", "BIG.BIN"])
        #expect(inner.first { $0.name == "BIG.BIN" }?.size == 50_000)
        for (path, contents) in files { #expect(try volume.read(path) == contents) }
    }

    @Test("a long name whose checksum doesn't match its short entry is an error")
    func checksumMismatch() throws {
        let scratch = try TemporaryDirectory()
        var builder = FATImageBuilder(volumeID: 7, sizeBytes: 1_474_560)
        try builder.addFile("a long name.txt", contents: [1, 2, 3])
        try builder.write(to: scratch.path("fat.img"))
        let clean = try FATImage(reader: ImageReader(path: scratch.path("fat.img")))
        let root = (Int64(clean.bootSector.reservedSectors) + 2 * Int64(clean.bootSector.fatSize)) * 512
        let entry = try scratch.bytes("fat.img", at: root, count: 32)
        let stored = entry[13]
        try scratch.write([stored ^ 0xFF], to: "fat.img", at: root + 13)
        // Every part of a set carries the checksum; the first one is checked against the short name.
        try scratch.write([stored ^ 0xFF], to: "fat.img", at: root + 32 + 13)
        let volume = try FATImage(reader: ImageReader(path: scratch.path("fat.img")))
        let short = try #require(FATShortName.generate(for: "a long name.txt", existing: []))
        #expect(
            throws: DiskFormatsError.decode(
                .badChecksum(
                    structure: "FAT long name entry", offset: root, stored: UInt64(stored ^ 0xFF), computed: UInt64(short.checksum)))
        ) { try volume.list("") }
    }

    @Test("a cluster chain that loops is an error, not a hang")
    func loop() throws {
        let scratch = try TemporaryDirectory()
        var builder = FATImageBuilder(volumeID: 7, sizeBytes: 20 << 20)
        try builder.addFile("f", contents: [UInt8](repeating: 9, count: 2048))
        try builder.write(to: scratch.path("fat.img"))
        let boot = try FATImage(reader: ImageReader(path: scratch.path("fat.img"))).bootSector
        #expect(FATType(clusterCount: Int64(boot.clusterCount ?? 0)) == .fat16)
        // The file has clusters 2…5; point 5 back at 2.
        let fat = Int64(boot.reservedSectors) * 512
        try scratch.write([2, 0], to: "fat.img", at: fat + 5 * 2)
        let volume = try FATImage(reader: ImageReader(path: scratch.path("fat.img")))
        #expect(throws: DiskFormatsError.self) { try volume.read("f") }
    }
}
