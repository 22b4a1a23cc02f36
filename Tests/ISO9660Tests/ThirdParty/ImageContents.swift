import ISO9660
import TestSupport

/// Reads file contents through isokit's reader, extent by extent, for comparison with other readers.
enum ImageContents {
    /// `count` bytes of `entry` from file offset `offset`, across extent boundaries.
    static func bytes(of entry: ISOEntry, in image: ISOImage, at offset: Int64, count: Int) throws -> [UInt8] {
        var result: [UInt8] = []
        var extentStart: Int64 = 0
        for extent in entry.extents {
            let extentEnd = extentStart + Int64(extent.length)
            let from = max(offset + Int64(result.count), extentStart)
            if from < extentEnd, result.count < count {
                let take = Int(min(Int64(count - result.count), extentEnd - from))
                result += try image.reader.read(
                    at: extent.byteOffset + (from - extentStart), count: take, structure: "contents of \(entry.path)")
            }
            extentStart = extentEnd
        }
        guard result.count == count else { throw FixtureFailure("\(entry.path): \(result.count) of \(count) bytes at \(offset)") }
        return result
    }

    /// Checksums of every regular file of at most `limit` bytes in the image's chosen namespace, by path.
    static func checksums(_ image: ISOImage, limit: Int64 = 16 << 20) throws -> [RawPath: UInt64] {
        var result: [RawPath: UInt64] = [:]
        try image.walk(from: image.root()) { entry in
            guard entry.kind == .regular, entry.size <= limit else { return }
            let bytes = try bytes(of: entry, in: image, at: 0, count: Int(entry.size))
            result[RawPath(entry.path.dropFirst())] = ContentCompare.checksum(bytes)
        }
        return result
    }
}
