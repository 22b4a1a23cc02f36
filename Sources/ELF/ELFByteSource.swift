import BinaryIO

/// Where an ``ELFFile`` reads its bytes: a file through `pread`, or bytes in memory (a decompressed module).
enum ELFByteSource: Sendable {
    case file(ImageReader)
    case memory([UInt8])

    /// The size of the whole file in bytes.
    var size: Int64 {
        switch self {
        case .file(let reader): reader.size
        case .memory(let bytes): Int64(bytes.count)
        }
    }

    /// Reads `count` bytes at `offset`.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)`` past the end; ``IOError`` from a file.
    func read(at offset: Int64, count: Int, structure: String) throws -> ArraySlice<UInt8> {
        switch self {
        case .file(let reader):
            return try reader.read(at: offset, count: count, structure: structure)[...]
        case .memory(let bytes):
            try Self.checkRange(offset: offset, count: count, size: Int64(bytes.count), structure: structure)
            let start = Int(offset)
            return bytes[start..<(start + count)]
        }
    }

    /// Throws unless `count` bytes at `offset` lie inside `size` bytes.
    static func checkRange(offset: Int64, count: Int, size: Int64, structure: String) throws(DecodeError) {
        guard offset >= 0, count >= 0, offset <= size else {
            throw .truncated(structure: structure, offset: offset, needed: count, available: 0)
        }
        guard Int64(count) <= size - offset else {
            throw .truncated(structure: structure, offset: offset, needed: count, available: Int(size - offset))
        }
    }
}
