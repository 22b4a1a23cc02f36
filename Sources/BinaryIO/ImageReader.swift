import SystemPackage

/// Positional, read-only access to an image file.
///
/// Reads go through `pread` and never move a shared file offset, so one reader can serve many callers. Every read
/// is bounds-checked against the file size taken at open time.
public final class ImageReader: Sendable {
    /// The path the image was opened from.
    public let path: String
    /// The file descriptor, opened read-only.
    public let descriptor: FileDescriptor
    /// The file size in bytes.
    public let size: Int64

    /// Opens `path` read-only.
    /// - Throws: ``IOError`` if the file cannot be opened or its size read.
    public init(path: String) throws(IOError) {
        self.path = path
        let descriptor = try IOError.wrap("open", path: path) {
            try FileDescriptor.open(FilePath(path), .readOnly, options: [.closeOnExec])
        }
        do {
            size = try IOError.wrap("seek", path: path) {
                try descriptor.seek(offset: 0, from: .end)
            }
        } catch {
            try? descriptor.close()
            throw error
        }
        self.descriptor = descriptor
    }

    deinit { try? descriptor.close() }

    /// Reads exactly `count` bytes at `offset`.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)`` if the range passes the end of the
    ///   file, ``IOError`` if the read fails.
    public func read(at offset: Int64, count: Int, structure: String) throws -> [UInt8] {
        try checkRange(offset: offset, count: count, structure: structure)
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let got = try IOError.wrap("read", path: path) {
                try buffer.withUnsafeMutableBytes { raw in
                    try descriptor.read(
                        fromAbsoluteOffset: offset + Int64(done),
                        into: UnsafeMutableRawBufferPointer(rebasing: raw[done...]))
                }
            }
            guard got > 0 else {
                throw DecodeError.truncated(structure: structure, offset: offset, needed: count, available: done)
            }
            done += got
        }
        return buffer
    }

    /// Throws unless `count` bytes at `offset` lie inside the file.
    public func checkRange(offset: Int64, count: Int, structure: String) throws(DecodeError) {
        guard offset >= 0, count >= 0, offset <= size else {
            throw .truncated(structure: structure, offset: offset, needed: count, available: 0)
        }
        guard Int64(count) <= size - offset else {
            throw .truncated(structure: structure, offset: offset, needed: count, available: Int(size - offset))
        }
    }
}
