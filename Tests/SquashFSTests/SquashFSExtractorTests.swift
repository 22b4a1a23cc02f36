import BinaryIO
import Foundation
import Testing
import TestSupport

@testable import SquashFS

#if canImport(Glibc)
import Glibc
#endif

@Suite("SquashFSExtractor")
struct SquashFSExtractorTests {
    static let epoch: UInt32 = 1_700_000_000
    static let owners = SquashFSOwnership.mapped(users: [0: 1234, 1000: 1234], groups: [0: 4321, 1000: 4321])

    /// A file capability (`cap_net_raw+ep`, VFS revision 2) as `setcap` stores it.
    static let capability: [UInt8] = [0, 0, 0, 2, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]

    /// The fixture tree as an image whose entries belong to 1234:4321, like a rootfs an unprivileged user can't own;
    /// `usr/bin/tool` carries a file capability and a user attribute.
    static func fixtureImage(in directory: String) throws -> String {
        let source = try SourceFixture.make(in: directory)
        let image = directory + "/image.sqfs"
        let options = SquashFSOptions(compressor: .xz, blockSizeBytes: 64 << 10, fixedTime: epoch, ownership: owners)
        var scanner = SourceScanner(options: options)
        var nodes = try scanner.scan(root: source)
        let tool = try #require(nodes.firstIndex { $0.path == source + "/usr/bin/tool" })
        nodes[tool].extendedAttributes = [(Array("security.capability".utf8), capability), (Array("user.isokit".utf8), [1, 2])]
        try AtomicFile.write(to: image) { _, temporary in
            try ImageAssembler(output: image, options: options, nodes: nodes).write(to: temporary)
        }
        return image
    }

    @Test("extracts the same tree and contents as unsquashfs; owners, the FIFO and the device are in the table", .oracles("unsquashfs"))
    func matchesUnsquashfs() async throws {
        try await withTemporaryDirectory { directory in
            let image = try Self.fixtureImage(in: directory)
            let ours = directory + "/ours", theirs = directory + "/theirs"
            let report = try SquashFSExtractor.extract(image: image, to: ours)
            try await Tool.run("unsquashfs", ["-no-progress", "-d", theirs, image])
            #expect(try FileTree.list(ours) == FileTree.list(theirs))
            for file in ["etc/hostname", "usr/bin/tool", "var/cache/big.bin", "var/sparse.img", "usr/share/Ünïcödé/日本語.txt"] {
                #expect(try ContentCompare.firstDifference(file: ours + "/" + file, file: theirs + "/" + file) == nil, "\(file)")
            }
            #expect(report.compressor == .xz && report.compressorID == 4 && report.blockSizeBytes == 64 << 10)
            #expect(report.hardLinks == 1 && report.symlinks == 2)
            let rows = report.metadata.byPath()
            #expect(rows.count == report.metadata.entries.count)
            #expect(report.metadata.entries.first?.path == "")
            #expect(rows.values.allSatisfy { $0.user == 1234 && $0.group == 4321 })
            #expect(rows["var/pipe"]?.mode == 0o010644)
            #expect(rows["etc/hostname.link"]?.hardLinkOf == "etc/hostname")
            #expect(rows["bin"]?.linkTarget == "usr/bin")
            #expect(rows["emptydir"]?.mode == 0o040700)
            #expect(rows["usr/bin/tool"]?.extendedAttributes == [
                .init(key: "security.capability", value: Self.capability), .init(key: "user.isokit", value: [1, 2]),
            ])
            #expect(rows["etc/hostname"]?.extendedAttributes == nil)
            if geteuid() == 0 {
                #expect(rows["null"]?.deviceMajor == 1 && rows["null"]?.deviceMinor == 3)
                #expect(report.specialFiles == 2)
            }
            var status = stat()
            #expect(lstat(ours + "/var/pipe", &status) == 0 && status.st_mode & S_IFMT == S_IFREG && status.st_size == 0)
            #expect(lstat(ours + "/etc/hostname", &status) == 0 && status.st_mtim.tv_sec == Int(Self.epoch))
            #expect(try SquashFSBuilder.changes(in: ours, against: report.metadata) == [])
        }
    }

    @Test("extract, edit, rebuild with the table: unsquashfs lists the original owners, modes and devices, plus the new file", .oracles("unsquashfs"))
    func rebuildRestores() async throws {
        try await withTemporaryDirectory { directory in
            let image = try Self.fixtureImage(in: directory)
            let tree = directory + "/tree"
            let report = try SquashFSExtractor.extract(image: image, to: tree)
            try FileTree.write(["etc/marker": .text("added\n")], under: tree)
            #expect(try SquashFSBuilder.changes(in: tree, against: report.metadata) == ["etc", "etc/marker"])
            let rebuilt = directory + "/rebuilt.sqfs"
            try SquashFSBuilder.build(
                from: tree, restoring: report.metadata, to: rebuilt,
                options: SquashFSOptions(compressor: .xz, fixedTime: Self.epoch, ownership: .root))
            var before = try await UnsquashfsListing.read(image).ignoringDirectorySizes
            let after = try await UnsquashfsListing.read(rebuilt).ignoringDirectorySizes
            #expect(after.entries["etc/marker"] == .init(mode: "-rw-r--r--", owner: "0/0", size: "6"))
            before.entries["etc/marker"] = after.entries["etc/marker"]
            #expect(after == before)
            #expect(try SquashFSExtractor.extract(image: rebuilt, to: directory + "/again").metadata.byPath()["usr/bin/tool"]?
                .extendedAttributes?.map(\.key) == ["security.capability", "user.isokit"])
        }
    }

    @Test("the target must be empty")
    func targetNotEmpty() async throws {
        try await withTemporaryDirectory { directory in
            let image = try Self.fixtureImage(in: directory)
            try FileTree.write(["out/x": .text("x")], under: directory)
            #expect(throws: SquashFSTreeError.targetNotEmpty(path: directory + "/out")) {
                try SquashFSExtractor.extract(image: image, to: directory + "/out")
            }
        }
    }

    @Test("hostile names (.., a/b, a duplicate) are errors and nothing lands outside the target", arguments: ["..", "a/b", "etc"])
    func hostileNames(name: String) async throws {
        try await withTemporaryDirectory { directory in
            try FileTree.write(["src/etc/passwd": .text("root:x:0:0::/root:/bin/sh\n"), "src/zzz": .text("owned\n")], under: directory)
            var scanner = SourceScanner(options: SquashFSOptions(fixedTime: Self.epoch))
            var nodes = try scanner.scan(root: directory + "/src")
            let renamed = try #require(nodes.firstIndex { $0.name == Array("zzz".utf8) })
            nodes[renamed].name = Array(name.utf8)
            let image = directory + "/hostile.sqfs"
            try AtomicFile.write(to: image) { _, temporary in
                try ImageAssembler(output: image, options: SquashFSOptions(fixedTime: Self.epoch), nodes: nodes).write(to: temporary)
            }
            let before = try FileTree.list(directory)
            let target = directory + "/deep/out"
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            let expected = name == "etc"
                ? SquashFSTreeError.duplicateName(image: image, path: "etc") : .unsafeName(image: image, path: name)
            #expect(throws: expected) { try SquashFSExtractor.extract(image: image, to: target) }
            #expect(try FileTree.list(directory).filter { !$0.hasPrefix("deep") } == before)
            #expect(!FileManager.default.fileExists(atPath: directory + "/deep/zzz"))
            #expect(!FileManager.default.fileExists(atPath: directory + "/deep/out/a"))
        }
    }
}
