import BinaryIO
import Foundation
import Testing

@testable import TestSupport

@Suite("TemporaryDirectory")
struct TemporaryDirectoryTests {
    @Test("removes the directory with its contents, read-only folders included")
    func removal() async throws {
        let kept = try await withTemporaryDirectory { path in
            try FileTree.write(["locked/file": .text("x"), "locked/": .directory(mode: 0o555)], under: path)
            #expect(FileManager.default.fileExists(atPath: path + "/locked/file"))
            return path
        }
        #expect(!FileManager.default.fileExists(atPath: kept) || TestEnvironment.keepTemporaryFiles)
    }

    @Test("creates distinct directories under TMPDIR")
    func distinct() throws {
        let first = try TemporaryDirectory(prefix: "isokit-a")
        let second = try TemporaryDirectory(prefix: "isokit-a")
        #expect(first.path != second.path)
        #expect(first.path("x/y") == first.path + "/x/y")
        #expect(first.path.contains("/isokit-a-"))
    }

    @Test("its path has no symbolic links in it")
    func resolvedPath() throws {
        let directory = try TemporaryDirectory()
        #expect(TemporaryDirectory.resolved(directory.path) == directory.path)
        #expect(directory.path.hasPrefix("/"))
    }

    @Test("makes sparse files, writes at offsets and reads ranges back")
    func files() throws {
        let directory = try TemporaryDirectory()
        let disk = try directory.sparseFile("disk.img", size: 1 << 20)
        #expect(disk == directory.path("disk.img"))
        try directory.write([1, 2, 3], to: "disk.img", at: 4096)
        #expect(try directory.bytes("disk.img", at: 4095, count: 5) == [0, 1, 2, 3, 0])
        #expect(try ContentCompare.contents(of: disk).count == 1 << 20)

        // Writing creates a missing file; a write past the end extends it.
        try directory.write([9], to: "new.bin", at: 3)
        #expect(try ContentCompare.contents(of: directory.path("new.bin")) == [0, 0, 0, 9])
        // sparseFile empties an existing file.
        try directory.sparseFile("new.bin", size: 2)
        #expect(try ContentCompare.contents(of: directory.path("new.bin")) == [0, 0])
    }

    @Test("reading past the end or a missing file is an error naming the file")
    func fileErrors() throws {
        let directory = try TemporaryDirectory()
        try directory.write([1, 2], to: "short.bin", at: 0)
        #expect(throws: DecodeError.truncated(structure: "short.bin", offset: 1, needed: 4, available: 1)) {
            try directory.bytes("short.bin", at: 1, count: 4)
        }
        let missing = directory.path("missing/x.bin")
        #expect(throws: IOError("open", path: missing, errno: .noSuchFileOrDirectory)) {
            try directory.write([1], to: "missing/x.bin", at: 0)
        }
        #expect(throws: IOError("open", path: missing, errno: .noSuchFileOrDirectory)) {
            try directory.sparseFile("missing/x.bin", size: 1)
        }
    }
}
