import Glibc
import SystemPackage
import TestSupport
import Testing

@testable import BinaryIO

@Suite("FileCopier")
struct FileCopierTests {
    /// Bytes whose value depends on the offset and a seed.
    static func pattern(count: Int, seed: Int = 0) -> [UInt8] { (0..<count).map { UInt8(($0 + seed) % 251) } }

    /// Opens `path` for reading, or for writing (created if missing), and runs `body` with it.
    static func withFile<T>(
        _ path: String, writing: Bool = false, _ body: (FileDescriptor) throws -> T
    ) throws -> T {
        let descriptor = try FileDescriptor.open(
            FilePath(path), writing ? .readWrite : .readOnly, options: writing ? [.create] : [],
            permissions: [.ownerReadWrite])
        return try descriptor.closeAfter { try body(descriptor) }
    }

    /// The 512-byte blocks a file occupies on disk.
    static func allocatedBlocks(_ path: String) throws -> Int64 {
        var info = stat()
        try #require(lstat(path, &info) == 0, "lstat \(path)")
        return Int64(info.st_blocks)
    }

    /// Runs the copier named `name`: both must give the same bytes and the same errors.
    static func copy(
        using name: String, from source: FileDescriptor, at sourceOffset: Int64, path sourcePath: String,
        to target: FileDescriptor, at targetOffset: Int64, path targetPath: String, count: Int64
    ) throws {
        if name == "copyByChunks" {
            try FileCopier.copyByChunks(
                from: source, at: sourceOffset, path: sourcePath, to: target, at: targetOffset, path: targetPath,
                count: count)
        } else {
            try FileCopier.copy(
                from: source, at: sourceOffset, path: sourcePath, to: target, at: targetOffset, path: targetPath,
                count: count)
        }
    }

    @Test("copies a range between files, to an offset", arguments: ["copy", "copyByChunks"])
    func copiesRange(copier: String) throws {
        let directory = try TemporaryDirectory()
        // More than one fallback chunk, and not a multiple of it.
        let content = Self.pattern(count: FileCopier.chunkSize * 2 + 4321)
        let source = directory.path("source.bin")
        let target = directory.path("target.bin")
        try directory.write(content, to: "source.bin", at: 0)
        try Self.withFile(source) { input in
            try Self.withFile(target, writing: true) { output in
                try Self.copy(
                    using: copier, from: input, at: 100, path: source, to: output, at: 4096, path: target,
                    count: Int64(content.count - 100))
            }
        }
        let copied = try ContentCompare.contents(of: target)
        #expect(copied.count == 4096 + content.count - 100)
        #expect(copied[..<4096].allSatisfy { $0 == 0 })
        #expect(ContentCompare.firstDifference(copied[4096...], content[100...]) == nil)
    }

    @Test(
        "a source shorter than the count is truncated at the offset where it ended",
        arguments: ["copy", "copyByChunks"])
    func shortSource(copier: String) throws {
        let directory = try TemporaryDirectory()
        let source = directory.path("short.bin")
        let target = directory.path("target.bin")
        try directory.write(Self.pattern(count: 1000), to: "short.bin", at: 0)
        #expect(
            throws: DecodeError.truncated(structure: "file data of \(source)", offset: 1000, needed: 1000, available: 0)
        ) {
            try Self.withFile(source) { input in
                try Self.withFile(target, writing: true) { output in
                    try Self.copy(
                        using: copier, from: input, at: 0, path: source, to: output, at: 0, path: target, count: 2000)
                }
            }
        }
        // What was there is copied before the error.
        #expect(try ContentCompare.contents(of: target) == Self.pattern(count: 1000))
    }

    @Test("a count of zero copies nothing", arguments: ["copy", "copyByChunks"])
    func zeroCount(copier: String) throws {
        let directory = try TemporaryDirectory()
        let source = directory.path("source.bin")
        let target = directory.path("target.bin")
        try directory.write([1, 2, 3], to: "source.bin", at: 0)
        try Self.withFile(source) { input in
            try Self.withFile(target, writing: true) { output in
                try Self.copy(
                    using: copier, from: input, at: 0, path: source, to: output, at: 0, path: target, count: 0)
            }
        }
        #expect(try ContentCompare.contents(of: target) == [])
    }

    @Test("copySparse copies the data regions only: the holes stay holes and the contents are equal")
    func sparse() throws {
        let directory = try TemporaryDirectory()
        let size: Int64 = 64 << 20
        let source = try directory.sparseFile("sparse.img", size: size)
        try directory.write(Self.pattern(count: 4096, seed: 1), to: "sparse.img", at: 0)
        try directory.write(Self.pattern(count: 8192, seed: 2), to: "sparse.img", at: 32 << 20)
        try directory.write(Self.pattern(count: 100, seed: 3), to: "sparse.img", at: 48 << 20)
        // The file system must make sparse files for this test to mean anything.
        try #require(try Self.allocatedBlocks(source) * 512 < 1 << 20, "the temporary directory has no sparse files")

        let target = try directory.sparseFile("copy.img", size: size)
        try Self.withFile(source) { input in
            try Self.withFile(target, writing: true) { output in
                try FileCopier.copySparse(
                    from: input, at: 0, path: source, to: output, at: 0, path: target, count: size)
            }
        }
        #expect(try ContentCompare.firstDifference(file: source, file: target) == nil)
        #expect(try Self.allocatedBlocks(target) * 512 < 1 << 20, "the copy is not sparse")
    }

    @Test("copySparse copies a range of a sparse file to an offset")
    func sparseRange() throws {
        let directory = try TemporaryDirectory()
        let source = try directory.sparseFile("sparse.img", size: 8 << 20)
        let data = Self.pattern(count: 10_000, seed: 5)
        try directory.write(data, to: "sparse.img", at: 4 << 20)
        let target = try directory.sparseFile("copy.img", size: 6 << 20)
        try Self.withFile(source) { input in
            try Self.withFile(target, writing: true) { output in
                try FileCopier.copySparse(
                    from: input, at: 3 << 20, path: source, to: output, at: 1 << 20, path: target, count: 5 << 20)
            }
        }
        #expect(try directory.bytes("copy.img", at: 2 << 20, count: data.count) == data)
        #expect(try directory.bytes("copy.img", at: 0, count: 2 << 20).allSatisfy { $0 == 0 })
        let after = (2 << 20) + Int64(data.count)
        #expect(try directory.bytes("copy.img", at: after, count: Int((6 << 20) - after)).allSatisfy { $0 == 0 })
    }

    @Test("write puts bytes at an offset; a read-only descriptor is an IOError naming the file")
    func write() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("out.bin")
        try Self.withFile(path, writing: true) { output in
            try FileCopier.write([7, 8, 9], to: output, at: 5, path: path)
        }
        #expect(try ContentCompare.contents(of: path) == [0, 0, 0, 0, 0, 7, 8, 9])
        #expect(throws: IOError("write", path: path, errno: .badFileDescriptor)) {
            try Self.withFile(path) { input in try FileCopier.write([1], to: input, at: 0, path: path) }
        }
    }
}
