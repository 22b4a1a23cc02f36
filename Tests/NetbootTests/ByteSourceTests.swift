import BinaryIO
import Foundation
import NIOCore
import TestSupport
import Testing

@testable import Netboot

@Suite("ByteSource")
struct ByteSourceTests {
    /// A host file whose byte at offset i is `i % 251`.
    static func file(in directory: TemporaryDirectory, count: Int) throws -> ImageReader {
        let path = directory.path("image")
        try Data((0..<count).map { UInt8($0 % 251) }).write(to: URL(fileURLWithPath: path))
        return try ImageReader(path: path)
    }

    /// The bytes the parts for `range` send (runs read back from the file), and how many parts there are.
    static func collect(_ source: ByteSource, _ range: ByteRange) throws -> (bytes: [UInt8], chunks: Int) {
        var bytes: [UInt8] = []
        let parts = try source.parts(range)
        for part in parts {
            switch part {
            case .bytes(let buffer): bytes += buffer.readableBytesView
            case .file(let run): bytes += try source.reader.read(at: run.offset, count: Int(run.count), structure: "run")
            }
        }
        return (bytes, parts.count)
    }

    @Test("a file of several extents (ISO 9660 §6.5.1) reads in extent order, and ranges cross extent boundaries")
    func extents() throws {
        let directory = try TemporaryDirectory(prefix: "isokit-netboot-source")
        let reader = try Self.file(in: directory, count: 4096)
        let extents: [(offset: Int64, length: Int64)] = [(2048, 100), (0, 50), (3000, 2048)]
        let source = try ByteSource(extents: extents, size: 170, reader: reader)
        #expect(source.size == 170)
        let offsets: [Int] = Array(2048..<2148) + Array(0..<50) + Array(3000..<3020)
        let expected: [UInt8] = offsets.map { UInt8($0 % 251) }
        #expect(try Self.collect(source, ByteRange(start: 0, count: 170)).bytes == expected)
        #expect(try Self.collect(source, ByteRange(start: 90, count: 70)).bytes == Array(expected[90..<160]))
        #expect(try Self.collect(source, ByteRange(start: 169, count: 1)).bytes == [expected[169]])
    }

    @Test("a whole file is one run of the file (sent with sendfile), never a buffer; a range is the run's middle")
    func wholeFile() throws {
        let directory = try TemporaryDirectory(prefix: "isokit-netboot-source")
        let size = 3 << 20 + 5
        let source = ByteSource(whole: try Self.file(in: directory, count: size))
        let parts = try source.parts(ByteRange(start: 1000, count: 2 << 20))
        #expect(parts.count == 1)
        guard case .file(let run) = parts.first else {
            Issue.record("expected a run of the file, got \(parts)")
            return
        }
        #expect(run == ByteSource.Run(offset: 1000, count: 2 << 20))
        #expect(try Self.collect(source, ByteRange(start: 0, count: Int64(size))).bytes.count == size)
        #expect(throws: DecodeError.self) { try source.parts(ByteRange(start: Int64(size) - 1, count: 2)) }
    }

    @Test("an extent past the end of the image is an error, not a short read")
    func pastEnd() throws {
        let directory = try TemporaryDirectory(prefix: "isokit-netboot-source")
        let reader = try Self.file(in: directory, count: 4096)
        #expect(throws: DecodeError.truncated(structure: "file extent", offset: 4000, needed: 200, available: 96)) {
            try ByteSource(extents: [(4000, 200)], size: 200, reader: reader)
        }
    }

    @Test("a small file loaded into memory (EntryCache) answers the same bytes for every range, in one buffer")
    func inMemory() throws {
        let directory = try TemporaryDirectory(prefix: "isokit-netboot-source")
        let reader = try Self.file(in: directory, count: 4096)
        var source = try ByteSource(extents: [(2048, 100), (0, 50), (3000, 2048)], size: 170, reader: reader)
        let fromDisk = try Self.collect(source, ByteRange(start: 0, count: 170)).bytes
        source.memory = try source.load()
        for range in [ByteRange(start: 0, count: 170), ByteRange(start: 90, count: 70), ByteRange(start: 169, count: 1)] {
            let result = try Self.collect(source, range)
            #expect(result.bytes == Array(fromDisk[Int(range.start)..<Int(range.start + range.count)]))
            #expect(result.chunks == 1)
        }
        #expect(throws: DecodeError.self) { try Self.collect(source, ByteRange(start: 100, count: 71)) }
    }
}
