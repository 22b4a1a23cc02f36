import BinaryIO
import Foundation
import Hummingbird
import NIOCore
import NIOPosix
import TestSupport
import Testing

@testable import Netboot

/// Collects what a body writes.
private struct CollectingWriter: ResponseBodyWriter {
    final class Box: @unchecked Sendable {  // used by one task at a time, in order
        var bytes: [UInt8] = []
        var chunks = 0
    }

    let box: Box

    mutating func write(_ buffer: ByteBuffer) async throws {
        box.bytes += buffer.readableBytesView
        box.chunks += 1
    }

    consuming func finish(_ trailingHeaders: HTTPFields?) async throws {}
}

@Suite("ByteSource")
struct ByteSourceTests {
    /// A host file whose byte at offset i is `i % 251`.
    static func file(in directory: TemporaryDirectory, count: Int) throws -> ImageReader {
        let path = directory.path("image")
        try Data((0..<count).map { UInt8($0 % 251) }).write(to: URL(fileURLWithPath: path))
        return try ImageReader(path: path)
    }

    static func collect(_ source: ByteSource, _ range: ByteRange) async throws -> (bytes: [UInt8], chunks: Int) {
        let box = CollectingWriter.Box()
        var writer: any ResponseBodyWriter = CollectingWriter(box: box)
        try await source.write(range, to: &writer, eventLoop: MultiThreadedEventLoopGroup.singleton.next())
        return (box.bytes, box.chunks)
    }

    @Test("a file of several extents (ISO 9660 §6.5.1) reads in extent order, and ranges cross extent boundaries")
    func extents() async throws {
        let directory = try TemporaryDirectory(prefix: "isokit-netboot-source")
        let reader = try Self.file(in: directory, count: 4096)
        let extents: [(offset: Int64, length: Int64)] = [(2048, 100), (0, 50), (3000, 2048)]
        let source = try ByteSource(extents: extents, size: 170, reader: reader)
        #expect(source.size == 170)
        let offsets: [Int] = Array(2048..<2148) + Array(0..<50) + Array(3000..<3020)
        let expected: [UInt8] = offsets.map { UInt8($0 % 251) }
        #expect(try await Self.collect(source, ByteRange(start: 0, count: 170)).bytes == expected)
        #expect(try await Self.collect(source, ByteRange(start: 90, count: 70)).bytes == Array(expected[90..<160]))
        #expect(try await Self.collect(source, ByteRange(start: 169, count: 1)).bytes == [expected[169]])
    }

    @Test("data is written in 256 KiB chunks, never as one buffer")
    func chunks() async throws {
        let directory = try TemporaryDirectory(prefix: "isokit-netboot-source")
        let size = 3 * ByteSource.chunkBytes + 5
        let source = ByteSource(whole: try Self.file(in: directory, count: size))
        let result = try await Self.collect(source, ByteRange(start: 0, count: Int64(size)))
        #expect(result.chunks == 4)
        #expect(result.bytes.count == size)
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
    func inMemory() async throws {
        let directory = try TemporaryDirectory(prefix: "isokit-netboot-source")
        let reader = try Self.file(in: directory, count: 4096)
        var source = try ByteSource(extents: [(2048, 100), (0, 50), (3000, 2048)], size: 170, reader: reader)
        let fromDisk = try await Self.collect(source, ByteRange(start: 0, count: 170)).bytes
        source.memory = try await source.load()
        for range in [ByteRange(start: 0, count: 170), ByteRange(start: 90, count: 70), ByteRange(start: 169, count: 1)] {
            let result = try await Self.collect(source, range)
            #expect(result.bytes == Array(fromDisk[Int(range.start)..<Int(range.start + range.count)]))
            #expect(result.chunks == 1)
        }
        await #expect(throws: DecodeError.self) { try await Self.collect(source, ByteRange(start: 100, count: 71)) }
    }
}
