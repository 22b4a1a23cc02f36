import BinaryIO
import NIOCore

/// The bytes of one representation, as runs of a host file: a whole ISO is one run, a file inside an ISO one run
/// per extent. A response names runs of the file descriptor opened for one ``FileIdentity`` (they go out with
/// `sendfile`), so it never mixes bytes of two versions of a file.
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
    /// The whole representation already in memory (a small file from ``EntryCache``), sent instead of the runs.
    var memory: ByteBuffer?

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

    /// The body parts that send `range` of the representation: one slice of ``memory`` when it is loaded, else the
    /// pieces of the runs the range covers, in order (each sent with `sendfile`, never read into memory).
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)`` if `range` passes the end.
    func parts(_ range: ByteRange) throws -> [NetbootReply.Part] {
        guard range.start >= 0, range.count >= 0, range.count <= size, range.start <= size - range.count else {
            throw DecodeError.truncated(
                structure: memory == nil ? "file data" : "cached file", offset: range.start,
                needed: Int(clamping: range.count), available: Int(clamping: max(0, size - range.start)))
        }
        if let memory {
            guard let start = Int(exactly: range.start), let count = Int(exactly: range.count),
                let slice = memory.getSlice(at: memory.readerIndex + start, length: count)
            else {
                throw DecodeError.truncated(
                    structure: "cached file", offset: range.start, needed: Int(clamping: range.count),
                    available: memory.readableBytes)
            }
            return [.bytes(slice)]
        }
        var parts: [NetbootReply.Part] = []
        let end = range.start + range.count
        var runStart: Int64 = 0
        for run in runs {
            let runEnd = runStart + run.count
            defer { runStart = runEnd }
            let from = max(runStart, range.start)
            let to = min(runEnd, end)
            guard from < to else { continue }
            parts.append(.file(Run(offset: run.offset + (from - runStart), count: to - from)))
        }
        return parts
    }

    /// The body parts that send the whole representation: ``memory`` when it is loaded, else every run; none for an
    /// empty one.
    var wholeParts: [NetbootReply.Part] {
        guard size > 0 else { return [] }
        if let memory { return [.bytes(memory)] }
        return runs.map { .file($0) }
    }

    /// The whole representation in one buffer (for small files; blocking, so callers run it on NIO's thread pool).
    func load() throws -> ByteBuffer {
        var whole = ByteBufferAllocator().buffer(capacity: Int(clamping: size))
        for run in runs {
            var part = try Self.read(reader, at: run.offset, count: Int(run.count))
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
