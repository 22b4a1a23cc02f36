import Glibc
import SystemPackage
import TestSupport
import Testing

@testable import BinaryIO

@Suite("AtomicFile")
struct AtomicFileTests {
    struct BodyFailed: Error, Equatable {}

    /// The permission bits of `path`.
    static func mode(_ path: String) throws -> mode_t {
        var info = stat()
        try #require(lstat(path, &info) == 0, "lstat \(path)")
        return info.st_mode & 0o7777
    }

    @Test("a successful body is renamed into place and leaves no temporary file")
    func success() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("out.iso")
        let result = try AtomicFile.write(to: path) { descriptor, temporary in
            #expect(temporary.hasPrefix(path + ".tmp-"))
            #expect(try FileTree.list(directory.path) == [String(temporary.dropFirst(directory.path.count + 1))])
            try FileCopier.write(Array("new image".utf8), to: descriptor, at: 0, path: temporary)
            return 42
        }
        #expect(result == 42)
        #expect(try ContentCompare.contents(of: path) == Array("new image".utf8))
        #expect(try FileTree.list(directory.path) == ["out.iso"])
        #expect(try Self.mode(path) == 0o644)
    }

    @Test("an existing file is replaced whole, with the permissions asked for")
    func replaces() throws {
        let directory = try TemporaryDirectory()
        try directory.write(Array(repeating: 0xEE, count: 100), to: "out.iso", at: 0)
        let path = directory.path("out.iso")
        try AtomicFile.write(to: path, permissions: [.ownerReadWrite]) { descriptor, temporary in
            try FileCopier.write([1, 2, 3], to: descriptor, at: 0, path: temporary)
        }
        #expect(try ContentCompare.contents(of: path) == [1, 2, 3])
        #expect(try Self.mode(path) == 0o600)
        #expect(try FileTree.list(directory.path) == ["out.iso"])
    }

    @Test("a throwing body leaves the old file untouched and no *.tmp-* behind")
    func failure() throws {
        let directory = try TemporaryDirectory()
        let old = Array("old image".utf8)
        try directory.write(old, to: "out.iso", at: 0)
        let path = directory.path("out.iso")
        #expect(throws: BodyFailed()) {
            try AtomicFile.write(to: path) { descriptor, temporary in
                try FileCopier.write(Array("half written".utf8), to: descriptor, at: 0, path: temporary)
                throw BodyFailed()
            }
        }
        #expect(try ContentCompare.contents(of: path) == old)
        #expect(try FileTree.list(directory.path) == ["out.iso"])
    }

    @Test("a throwing body with no old file leaves nothing")
    func failureWithoutOldFile() throws {
        let directory = try TemporaryDirectory()
        #expect(throws: BodyFailed()) {
            try AtomicFile.write(to: directory.path("new.iso")) { _, _ in throw BodyFailed() }
        }
        #expect(try FileTree.list(directory.path) == [])
    }

    @Test("a missing directory is an IOError naming the output")
    func missingDirectory() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("no/such/dir/out.iso")
        #expect(throws: IOError("create temporary file", path: path, errno: .noSuchFileOrDirectory)) {
            try AtomicFile.write(to: path) { _, _ in }
        }
    }
}
