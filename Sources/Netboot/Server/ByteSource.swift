import BinaryIO
import Hummingbird
import NIOCore
import NIOPosix
import SystemPackage

/// The bytes of one representation, as runs of a host file: a whole ISO is one run, a file inside an ISO one run
/// per extent. Reads are `pread`s on the file descriptor opened for one ``FileIdentity``, so a response never mixes
/// bytes of two versions of a file.
struct ByteSource: Sendable {
    /// One run: `count` bytes at `offset` of the host file.
    struct Run: Hashable, Sendable {
        var offset: Int64
        var count: Int64
    }

    /// The open file (kept open by the reader while the source lives).
    let reader: ImageReader
    /// The runs, in order; their counts add up to ``size``.
    let runs: [Run]
    /// The representation's length.
    let size: Int64
    /// The whole representation already in memory (a small file from ``EntryCache``), used instead of `pread`.
    var memory: ByteBuffer?

    /// Bytes read per `pread` and written per chunk.
    static let chunkBytes = 256 << 10

    /// The whole file.
    init(whole reader: ImageReader) {
        self.reader = reader
        runs = reader.size > 0 ? [Run(offset: 0, count: reader.size)] : []
        size = reader.size
    }

    /// A file inside an image: its extents, cut to its size, each checked against the image's length.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)`` for an extent past the end.
    init(extents: [(offset: Int64, length: Int64)], size: Int64, reader: ImageReader) throws {
        var runs: [Run] = []
        var left = size
        for extent in extents where left > 0 {
            let count = min(extent.length, left)
            guard count > 0 else { continue }
            try reader.checkRange(offset: extent.offset, count: 0, structure: "file extent")
            guard count <= reader.size - extent.offset else {
                throw DecodeError.truncated(
                    structure: "file extent", offset: extent.offset, needed: Int(clamping: count),
                    available: Int(clamping: reader.size - extent.offset))
            }
            runs.append(Run(offset: extent.offset, count: count))
            left -= count
        }
        self.reader = reader
        self.runs = runs
        self.size = size - left
    }

    /// Writes `range` of the representation to `writer`, one chunk at a time, reading on NIO's thread pool.
    ///
    /// After each chunk it waits for `eventLoop` (the connection's) to run: a write from outside the event loop is
    /// only queued there, and the writer learns that the socket is full only once the loop has run it; without
    /// the wait, a busy loop lets chunks pile up in memory. With it, each connection holds at most a chunk or two.
    func write(_ range: ByteRange, to writer: inout any ResponseBodyWriter, eventLoop: any EventLoop) async throws {
        if let memory {
            guard let start = Int(exactly: range.start), let count = Int(exactly: range.count),
                let slice = memory.getSlice(at: memory.readerIndex + start, length: count)
            else {
                throw DecodeError.truncated(
                    structure: "cached file", offset: range.start, needed: Int(clamping: range.count),
                    available: memory.readableBytes)
            }
            try await writer.write(slice)
            return
        }
        var position = range.start
        let end = range.start + range.count
        var runStart: Int64 = 0
        for run in runs {
            let runEnd = runStart + run.count
            defer { runStart = runEnd }
            guard runEnd > position, position < end else { continue }
            while position < min(runEnd, end) {
                let count = Int(min(Int64(Self.chunkBytes), min(runEnd, end) - position))
                let fileOffset = run.offset + (position - runStart)
                let buffer = try await NIOThreadPool.singleton.runIfActive { [reader] in
                    try Self.read(reader, at: fileOffset, count: count)
                }
                try await writer.write(buffer)
                position += Int64(count)
                // The last chunk needs no wait: nothing more is read for this range.
                if position < end { try await eventLoop.submit {}.get() }
            }
        }
    }

    /// The whole representation in one buffer, read on NIO's thread pool (for small files).
    func load() async throws -> ByteBuffer {
        var whole = ByteBufferAllocator().buffer(capacity: Int(clamping: size))
        for run in runs {
            var part = try await NIOThreadPool.singleton.runIfActive { [reader] in
                try Self.read(reader, at: run.offset, count: Int(run.count))
            }
            whole.writeBuffer(&part)
        }
        return whole
    }

    /// `count` bytes at `offset`, straight into a buffer.
    static func read(_ reader: ImageReader, at offset: Int64, count: Int) throws -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: count)
        while buffer.readableBytes < count {
            let done = buffer.readableBytes
            let got = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count - done) { raw in
                try reader.descriptor.read(
                    fromAbsoluteOffset: offset + Int64(done),
                    into: UnsafeMutableRawBufferPointer(rebasing: raw[..<(count - done)]))
            }
            guard got > 0 else {
                throw DecodeError.truncated(structure: "file data", offset: offset, needed: count, available: done)
            }
        }
        return buffer
    }
}
