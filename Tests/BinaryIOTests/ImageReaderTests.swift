import SystemPackage
import TestSupport
import Testing

@testable import BinaryIO

@Suite("ImageReader")
struct ImageReaderTests {
    /// 5000 bytes whose value depends on the offset (mod 251, a prime, so no two sectors look alike).
    static let content = (0..<5000).map { UInt8($0 % 251) }

    static func image(in directory: TemporaryDirectory) throws -> String {
        try directory.write(content, to: "image.iso", at: 0)
        return directory.path("image.iso")
    }

    @Test("reads exactly the bytes at each offset, and reports the size")
    func reads() throws {
        let directory = try TemporaryDirectory()
        let reader = try ImageReader(path: Self.image(in: directory))
        #expect(reader.size == 5000)
        #expect(reader.path == directory.path("image.iso"))
        #expect(try reader.read(at: 0, count: 16, structure: "head") == Array(Self.content[0..<16]))
        #expect(try reader.read(at: 2048, count: 2048, structure: "sector 1") == Array(Self.content[2048..<4096]))
        #expect(try reader.read(at: 4990, count: 10, structure: "tail") == Array(Self.content[4990...]))
        #expect(try reader.read(at: 5000, count: 0, structure: "nothing") == [])
        // Reads are positional: the order of calls does not matter.
        #expect(try reader.read(at: 100, count: 1, structure: "byte") == [100])
    }

    @Test(
        "a range past the end is truncated with the structure, its offset and what is left",
        arguments: [
            (Int64(4990), 20, 10), (Int64(0), 5001, 5000), (Int64(5000), 1, 0), (Int64(6000), 1, 0),
            (Int64.max, 1, 0), (Int64(1), Int.max, 4999),
        ])
    func pastTheEnd(offset: Int64, count: Int, available: Int) throws {
        let directory = try TemporaryDirectory()
        let reader = try ImageReader(path: Self.image(in: directory))
        let error = DecodeError.truncated(
            structure: "directory record", offset: offset, needed: count, available: available)
        #expect(throws: error) { try reader.read(at: offset, count: count, structure: "directory record") }
        #expect(throws: error) { try reader.checkRange(offset: offset, count: count, structure: "directory record") }
    }

    @Test(
        "negative offsets and counts are truncated errors",
        arguments: [(Int64(-1), 1), (Int64(0), -1), (Int64(-2048), -5)])
    func negative(offset: Int64, count: Int) throws {
        let directory = try TemporaryDirectory()
        let reader = try ImageReader(path: Self.image(in: directory))
        #expect(throws: DecodeError.truncated(structure: "path table", offset: offset, needed: count, available: 0)) {
            try reader.read(at: offset, count: count, structure: "path table")
        }
    }

    @Test("ranges inside the file pass the check")
    func rangeInside() throws {
        let directory = try TemporaryDirectory()
        let reader = try ImageReader(path: Self.image(in: directory))
        try reader.checkRange(offset: 0, count: 5000, structure: "all")
        try reader.checkRange(offset: 5000, count: 0, structure: "end")
        try reader.checkRange(offset: 4999, count: 1, structure: "last byte")
    }

    @Test("a file that shrinks after opening is truncated at the bytes actually read")
    func shrunk() throws {
        let directory = try TemporaryDirectory()
        let reader = try ImageReader(path: Self.image(in: directory))
        try directory.sparseFile("image.iso", size: 3000)
        #expect(reader.size == 5000)
        #expect(throws: DecodeError.truncated(structure: "volume", offset: 1000, needed: 4000, available: 2000)) {
            try reader.read(at: 1000, count: 4000, structure: "volume")
        }
    }

    @Test("a missing file is an IOError naming the path")
    func missing() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("missing.iso")
        #expect(throws: IOError("open", path: path, errno: .noSuchFileOrDirectory)) { try ImageReader(path: path) }
    }
}
