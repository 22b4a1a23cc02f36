import Foundation
import SquashFS
import Testing
import TestSupport

#if canImport(Glibc)
import Glibc
#endif

@Suite("SquashFSBuilder.build(fromImage:)")
struct SquashFSBuilderImageTests {
    /// An overlay that replaces a file, adds a directory, puts a directory over a symlink and a file over a directory.
    static func overlay(in directory: String) throws -> String {
        let root = directory + "/overlay"
        try FileTree.write(
            [
                "etc/hostname": .text("remastered\n"),
                "etc/new.conf": .text("new\n", mode: 0o600),
                "opt/tool/run": .file(Array("#!/bin/sh\n".utf8), mode: 0o755),
                "bin/": .directory(),
                "emptydir": .text("now a file\n"),
            ], under: root, modificationTime: 1_600_000_000)
        return root
    }

    @Test("a mksquashfs image rebuilt with an overlay and a deletion: unsquashfs lists the changes and nothing else", .oracles("mksquashfs", "unsquashfs"))
    func overlayAndDeletion() async throws {
        try await withTemporaryDirectory { directory in
            let source = try SourceFixture.make(in: directory)
            let image = directory + "/in.sqfs"
            try await Tool.run("mksquashfs", [source, image, "-comp", "xz", "-b", "65536", "-noappend", "-quiet", "-no-progress"])
            let overlay = try Self.overlay(in: directory)
            let output = directory + "/out.sqfs"
            let summary = try SquashFSBuilder.build(
                fromImage: SquashFSImageSource(path: image),
                changes: SquashFSChanges(overlays: [overlay], deletions: ["/var/cache", "dangling"]), to: output)
            let format = try SquashFSReader.format(of: SquashFSImageSource(path: output))
            #expect(format.compressor == .xz && format.blockSizeBytes == 65536, "the source's compressor and block size")

            var expected = try await UnsquashfsListing.read(image).entries
            for gone in ["var/cache", "var/cache/big.bin", "dangling", "bin"] { expected[gone] = nil }
            let after = try await UnsquashfsListing.read(output).entries
            for path in ["etc/new.conf", "opt", "opt/tool", "opt/tool/run", "bin", "emptydir"] { #expect(after[path] != nil, "\(path)") }
            #expect(after["emptydir"]?.mode == "-rw-r--r--")
            #expect(after["bin"]?.mode.hasPrefix("d") == true)
            #expect(after["etc/new.conf"]?.mode == "-rw-------")
            #expect(after["etc/hostname"]?.size == "11")
            for (path, entry) in expected where !["", "etc", "var", "emptydir", "etc/hostname"].contains(path) {
                #expect(after[path] == entry, "\(path) is unchanged")
            }
            #expect(after.count == expected.count + 5)
            #expect(summary.entryCount == after.count)

            #expect(try SquashFSReader.contents(of: "etc/hostname", in: output) == Array("remastered\n".utf8))
            #expect(try SquashFSReader.contents(of: "etc/hostname.link", in: output) == Array("live\n".utf8),
                    "the other name of a replaced hard link keeps the old data")
            for file in ["usr/bin/tool", "var/sparse.img", "usr/share/Ünïcödé/日本語.txt", "etc/empty"] {
                #expect(try SquashFSReader.contents(of: file, in: output) == (try ContentCompare.contents(of: source + "/" + file)), "\(file)")
            }
            let check = try await Tool.run("unsquashfs", ["-d", directory + "/unpacked", output])
            #expect(check.status == 0)
        }
    }

    @Test("hard links, owners, times and xattrs survive a rebuild without changes", .oracles("mksquashfs", "unsquashfs"))
    func preserves() async throws {
        try await withTemporaryDirectory { directory in
            let source = try SourceFixture.make(in: directory)
            let attribute = (try? await Tool.run(
                "python3", ["-c", "import os, sys; os.setxattr(sys.argv[1], 'user.isokit', b'kept')", source + "/etc/hostname"])) != nil
            let image = directory + "/in.sqfs"
            try await Tool.run(
                "mksquashfs",
                [source, image, "-comp", "gzip", "-noappend", "-quiet", "-no-progress", "-force-uid", "1234", "-force-gid", "99"])
            let output = directory + "/out.sqfs"
            try SquashFSBuilder.build(fromImage: SquashFSImageSource(path: image), changes: SquashFSChanges(), to: output)
            let before = try await UnsquashfsListing.read(image)
            let after = try await UnsquashfsListing.read(output)
            #expect(after.ignoringDirectorySizes == before.ignoringDirectorySizes)
            let entries = Dictionary(uniqueKeysWithValues: try SquashFSReader.entries(of: output).map { ($0.path, $0) })
            let original = Dictionary(uniqueKeysWithValues: try SquashFSReader.entries(of: image).map { ($0.path, $0) })
            #expect(entries["etc/hostname"]?.inodeNumber == entries["etc/hostname.link"]?.inodeNumber)
            for (path, entry) in original {
                #expect(entries[path]?.modificationTime == entry.modificationTime, "\(path)")
                #expect(entries[path]?.user == 1234, "\(path)")
            }
            if attribute {
                try await Tool.run("unsquashfs", ["-d", directory + "/x", "-user-xattrs", output, "etc/hostname"])
                let value = try await Tool.run(
                    "python3", ["-c", "import os, sys; print(os.getxattr(sys.argv[1], 'user.isokit').decode())", directory + "/x/etc/hostname"])
                #expect(value.stdout == "kept\n")
            }
        }
    }

    @Test("a replaced file keeps its owner unless asked not to; new overlay entries get the ownership rule", .oracles("mksquashfs"))
    func replacedOwners() async throws {
        try await withTemporaryDirectory { directory in
            let source = try SourceFixture.make(in: directory)
            let image = directory + "/in.sqfs"
            try await Tool.run(
                "mksquashfs",
                [source, image, "-comp", "gzip", "-noappend", "-quiet", "-no-progress", "-force-uid", "1234", "-force-gid", "42"])
            let overlay = try Self.overlay(in: directory)
            for keep in [true, false] {
                let output = directory + "/out-\(keep).sqfs"
                try SquashFSBuilder.build(
                    fromImage: SquashFSImageSource(path: image),
                    changes: SquashFSChanges(overlays: [overlay], keepsReplacedOwners: keep), to: output,
                    options: SquashFSOptions(ownership: .root))
                let entries = Dictionary(uniqueKeysWithValues: try SquashFSReader.entries(of: output).map { ($0.path, $0) })
                #expect(entries["etc/hostname"]?.user == (keep ? 1234 : 0) && entries["etc/hostname"]?.group == (keep ? 42 : 0))
                #expect(entries["etc/new.conf"]?.user == 0 && entries["etc"]?.user == 1234, "new files: the rule; merged directories: the image's")
            }
        }
    }

    @Test("an image embedded at an offset in a bigger file is read and rebuilt from there", .oracles("mksquashfs"))
    func embedded() async throws {
        try await withTemporaryDirectory { directory in
            let source = try SourceFixture.make(in: directory)
            let image = directory + "/in.sqfs"
            try await Tool.run("mksquashfs", [source, image, "-comp", "gzip", "-noappend", "-quiet", "-no-progress"])
            let bytes = try ContentCompare.contents(of: image)
            let offset = 37 * 2048
            let container = directory + "/container.bin"
            try Data([UInt8](repeating: 0x5A, count: offset) + bytes + [UInt8](repeating: 0xA5, count: 5000))
                .write(to: URL(fileURLWithPath: container))
            let embedded = SquashFSImageSource(path: container, offset: Int64(offset), sizeBytes: Int64(bytes.count))
            #expect(try SquashFSReader.entries(of: embedded) == (try SquashFSReader.entries(of: image)))
            #expect(try SquashFSReader.contents(of: "usr/bin/tool", in: embedded) == (try ContentCompare.contents(of: source + "/usr/bin/tool")))
            let output = directory + "/out.sqfs"
            try SquashFSBuilder.build(fromImage: embedded, changes: SquashFSChanges(deletions: ["usr/share"]), to: output)
            #expect(try SquashFSReader.contents(of: "var/cache/big.bin", in: output)
                == (try ContentCompare.contents(of: source + "/var/cache/big.bin")))
            #expect(!(try SquashFSReader.entries(of: output)).contains { $0.path.hasPrefix("usr/share") })

            let empty = SquashFSImageSource(path: container, offset: Int64(offset), sizeBytes: 0)
            #expect(throws: SquashFSError.library(operation: "open (the image is empty)", path: empty.displayName, code: -8)) {
                try SquashFSReader.entries(of: empty)
            }
            let beyond = SquashFSImageSource(path: container, offset: Int64(offset), sizeBytes: Int64(bytes.count + 6000))
            #expect(throws: SquashFSError.library(
                operation: "open (the image lies past the end of the file)", path: beyond.displayName, code: -8)) {
                try SquashFSReader.entries(of: beyond)
            }
        }
    }

    @Test("a corrupt source, a missing deletion and a cut-off image are errors naming the source", .oracles("mksquashfs"))
    func errors() async throws {
        try await withTemporaryDirectory { directory in
            let source = try SourceFixture.make(in: directory)
            let image = directory + "/in.sqfs"
            try await Tool.run("mksquashfs", [source, image, "-comp", "gzip", "-noappend", "-quiet", "-no-progress"])
            var bytes = try ContentCompare.contents(of: image)
            let output = directory + "/out.sqfs"
            #expect(throws: SquashFSError.deletionNotFound(image: image, path: "etc/nope")) {
                try SquashFSBuilder.build(
                    fromImage: SquashFSImageSource(path: image), changes: SquashFSChanges(deletions: ["/etc/nope"]), to: output)
            }
            bytes[0] = 0  // the super block magic
            let corrupt = directory + "/corrupt.bin"
            try Data([0, 0, 0, 0] + bytes).write(to: URL(fileURLWithPath: corrupt))
            let embedded = SquashFSImageSource(path: corrupt, offset: 4)
            #expect(throws: SquashFSError.library(operation: "read super block", path: embedded.displayName, code: -9)) {
                try SquashFSBuilder.build(fromImage: embedded, changes: SquashFSChanges(), to: output)
            }
            let cut = directory + "/cut.sqfs"
            try Data(try ContentCompare.contents(of: image).prefix(bytes.count / 2)).write(to: URL(fileURLWithPath: cut))
            do {
                try SquashFSBuilder.build(fromImage: SquashFSImageSource(path: cut), changes: SquashFSChanges(), to: output)
                Issue.record("a cut-off image was read")
            } catch let error as SquashFSError {
                #expect("\(error)".hasPrefix(cut + ": SquashFS: "), "\(error)")
            }
            #expect(!FileManager.default.fileExists(atPath: output))
        }
    }
}
