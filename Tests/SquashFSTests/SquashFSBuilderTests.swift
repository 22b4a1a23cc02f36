import BinaryIO
import CSquashFS
import Foundation
import SquashFS
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

@Suite("SquashFSBuilder")
struct SquashFSBuilderTests {
    static let epoch: UInt32 = 1_700_000_000

    @Test("unsquashfs lists what mksquashfs lists for the same tree, owned by root", .oracles("unsquashfs", "mksquashfs"))
    func listingMatchesMksquashfs() async throws {
        try await withTemporaryDirectory { directory in
            let source = try SourceFixture.make(in: directory)
            let ours = directory + "/ours.sqfs", theirs = directory + "/theirs.sqfs"
            let options = SquashFSOptions(fixedTime: Self.epoch, ownership: .root)
            let summary = try SquashFSBuilder.build(from: source, to: ours, options: options)
            try await Tool.run(
                "mksquashfs", [source, theirs, "-comp", "zstd", "-noappend", "-all-root", "-quiet", "-no-progress"],
                environment: ["SOURCE_DATE_EPOCH": String(Self.epoch)])
            let listing = try await UnsquashfsListing.read(ours)
            let reference = try await UnsquashfsListing.read(theirs)
            #expect(listing.ignoringDirectorySizes == reference.ignoringDirectorySizes)
            #expect(listing.entries.values.allSatisfy { $0.owner == "0/0" })
            #expect(listing.entries["usr/share/\(SourceFixture.longName)"]?.size == "5")
            #expect(listing.entries["var/sparse.img"]?.size == String(8 << 20))
            #expect(listing.entries["bin"]?.linkTarget == "usr/bin")
            #expect(listing.entries["var/pipe"]?.mode == "prw-r--r--")
            #expect(listing.entries["emptydir"]?.mode == "drwx------")
            #expect(listing.entries["etc/secret"]?.mode == "-rw-------")
            if geteuid() == 0 { #expect(listing.entries["null"]?.size == "1,3") }
            #expect(summary.entryCount == listing.entries.count)
            #expect(summary.inodeCount == listing.entries.count - 1)  // one hard link
        }
    }

    @Test("unsquashfs extracts identical contents, links and hard links", .oracles("unsquashfs"))
    func extractionMatchesSource() async throws {
        try await withTemporaryDirectory { directory in
            let source = try SourceFixture.make(in: directory)
            let image = directory + "/image.sqfs", extracted = directory + "/out"
            try SquashFSBuilder.build(from: source, to: image, options: SquashFSOptions(fixedTime: Self.epoch))
            try await Tool.run("unsquashfs", ["-no-progress", "-d", extracted, image])
            #expect(try FileTree.list(extracted) == FileTree.list(source))
            for file in [
                "etc/hostname", "etc/empty", "usr/bin/tool", "var/cache/big.bin", "var/sparse.img",
                "usr/share/Ünïcödé/日本語.txt", "usr/share/\(SourceFixture.longName)",
            ] {
                #expect(try ContentCompare.firstDifference(file: source + "/" + file, file: extracted + "/" + file) == nil)
            }
            var first = stat(), second = stat()
            #expect(lstat(extracted + "/etc/hostname", &first) == 0 && lstat(extracted + "/etc/hostname.link", &second) == 0)
            #expect(first.st_ino == second.st_ino && first.st_nlink == 2)
            #expect(first.st_mtim.tv_sec == Int(Self.epoch))
        }
    }

    @Test(
        "each compressor writes an image unsquashfs reads", .oracles("unsquashfs"),
        arguments: SquashFSCompressor.allCases)
    func compressors(compressor: SquashFSCompressor) async throws {
        try await withTemporaryDirectory { directory in
            let source = try SourceFixture.make(in: directory)
            let image = directory + "/image.sqfs"
            let options = SquashFSOptions(compressor: compressor, blockSizeBytes: 1 << 20, fixedTime: Self.epoch)
            try SquashFSBuilder.build(from: source, to: image, options: options)
            let superBlock = try await Tool.run("unsquashfs", ["-s", image]).stdout
            #expect(superBlock.contains("Compression \(compressor.rawValue)\n"))
            #expect(superBlock.contains("Block size 1048576\n"))
            try await Tool.run("unsquashfs", ["-no-progress", "-d", directory + "/out", image])
            #expect(try ContentCompare.firstDifference(
                file: source + "/var/cache/big.bin", file: directory + "/out/var/cache/big.bin") == nil)
        }
    }

    @Test("two builds with the same fixed time are byte-identical, whatever the thread count")
    func reproducible() throws {
        let directory = try TemporaryDirectory()
        let source = try SourceFixture.make(in: directory.path)
        let first = directory.path("one.sqfs"), second = directory.path("two.sqfs")
        try SquashFSBuilder.build(from: source, to: first, options: SquashFSOptions(workerThreads: 1, fixedTime: Self.epoch))
        try SquashFSBuilder.build(from: source, to: second, options: SquashFSOptions(workerThreads: 4, fixedTime: Self.epoch))
        #expect(try ContentCompare.firstDifference(file: first, file: second) == nil)
        var status = stat()
        #expect(stat(first, &status) == 0 && status.st_size % 4096 == 0)
    }

    @Test("excludes drop matching paths and whole subtrees", .oracles("unsquashfs"))
    func excludes() async throws {
        try await withTemporaryDirectory { directory in
            let source = try SourceFixture.make(in: directory)
            let image = directory + "/image.sqfs"
            let options = SquashFSOptions(fixedTime: Self.epoch, excludes: ["var/cache", "usr/share/*", "dangling"])
            try SquashFSBuilder.build(from: source, to: image, options: options)
            let paths = Set(try await UnsquashfsListing.read(image).entries.keys)
            #expect(paths.contains("var/pipe") && paths.contains("usr/share"))
            #expect(!paths.contains("var/cache") && !paths.contains("var/cache/big.bin"))
            #expect(!paths.contains("usr/share/doc") && !paths.contains("dangling"))
        }
    }

    @Test("a mapped owner and group are recorded", .oracles("unsquashfs"))
    func ownershipMap() async throws {
        try await withTemporaryDirectory { directory in
            let source = try SourceFixture.make(in: directory)
            let image = directory + "/image.sqfs"
            let ownership = SquashFSOwnership.mapped(users: [geteuid(): 1000], groups: [getegid(): 100])
            try SquashFSBuilder.build(from: source, to: image, options: SquashFSOptions(fixedTime: Self.epoch, ownership: ownership))
            let listing = try await UnsquashfsListing.read(image)
            #expect(listing.entries["etc/hostname"]?.owner == "1000/100")
        }
    }

    @Test("extended attributes reach unsquashfs; leaving them out is an option", .oracles("unsquashfs"))
    func extendedAttributes() async throws {
        try await withTemporaryDirectory { directory in
            let source = try SourceFixture.make(in: directory)
            let value = Array("isokit".utf8)
            for path in ["/etc/hostname", "/usr"] {
                let status = value.withUnsafeBytes { lsetxattr(source + path, "user.isokit", $0.baseAddress, $0.count, 0) }
                try #require(status == 0, "this file system does not take user xattrs")
            }
            for keep in [true, false] {
                let image = directory + "/image-\(keep).sqfs", extracted = directory + "/out-\(keep)"
                let options = SquashFSOptions(fixedTime: Self.epoch, extendedAttributes: keep)
                try SquashFSBuilder.build(from: source, to: image, options: options)
                let superBlock = try await Tool.run("unsquashfs", ["-s", image]).stdout
                #expect(superBlock.contains("Number of xattr ids 1\n") == keep)
                try await Tool.run("unsquashfs", ["-no-progress", "-d", extracted, image])
                for path in ["/etc/hostname", "/usr", "/etc/hostname.link"] {
                    var buffer = [UInt8](repeating: 0, count: 64)
                    let count = buffer.withUnsafeMutableBytes {
                        lgetxattr(extracted + path, "user.isokit", $0.baseAddress, $0.count)
                    }
                    #expect(keep ? Array(buffer.prefix(max(count, 0))) == value : count < 0, "\(path)")
                }
            }
        }
    }

    @Test("a name that is not UTF-8 is stored byte for byte", .oracles("unsquashfs"))
    func nonUTF8Name() async throws {
        try await withTemporaryDirectory { directory in
            let source = directory + "/src", image = directory + "/image.sqfs", extracted = directory + "/out"
            try #require(mkdir(source, 0o755) == 0)
            let name: [CChar] = [0x6C, 0x61, -0x19, 0x6E]  // "la", 0xE7 (Latin-1 ç), "n"
            let path = Array(source.utf8CString.dropLast()) + [0x2F] + name + [0]
            let descriptor = open(path, O_CREAT | O_WRONLY, 0o644)
            try #require(descriptor >= 0)
            close(descriptor)
            try SquashFSBuilder.build(from: source, to: image, options: SquashFSOptions(fixedTime: Self.epoch))
            try await Tool.run("unsquashfs", ["-no-progress", "-d", extracted, image])
            var status = stat()
            #expect(lstat(Array(extracted.utf8CString.dropLast()) + [0x2F] + name + [0], &status) == 0)
            #expect(try SquashFSReader.entries(of: image).map(\.path) == ["", "la\u{FFFD}n"])
        }
    }

    @Test("bad options, a missing source and a non-directory source are clear errors; the output is left alone")
    func errors() throws {
        let directory = try TemporaryDirectory()
        let source = try SourceFixture.make(in: directory.path)
        let output = directory.path("out.sqfs")
        #expect(throws: SquashFSError.invalidOptions("block size 100000 is not a power of two from 4096 to 1048576")) {
            try SquashFSBuilder.build(from: source, to: output, options: SquashFSOptions(blockSizeBytes: 100_000))
        }
        #expect(throws: SquashFSError.notADirectory(path: source + "/etc/hostname")) {
            try SquashFSBuilder.build(from: source + "/etc/hostname", to: output)
        }
        let missing = #expect(throws: IOError.self) { try SquashFSBuilder.build(from: source + "/nope", to: output) }
        #expect(missing?.description == "\(source)/nope: lstat: No such file or directory")
        #expect(access(output, F_OK) != 0)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["src"])
    }
}
