import BinaryIO
import Crypto
import SystemPackage

/// SHA-256 of a byte range of a file or device, read in 4 MiB chunks with `pread`.
public enum RangeDigest {
    /// The read size.
    static let chunkSize = 4 << 20

    /// The hex SHA-256 of `count` bytes of `descriptor` from offset 0, with `patches` laid over them (as if they
    /// had been written there).
    ///
    /// - Parameters:
    ///   - descriptor: An open file or device.
    ///   - path: Its path, for errors.
    ///   - count: Bytes to hash.
    ///   - patches: Byte ranges that replace what the file holds; the parts past `count` are ignored.
    ///   - progress: Called with the bytes hashed so far.
    /// - Throws: ``IOError`` if a read fails, ``DecodeError/truncated(structure:offset:needed:available:)`` if the
    ///   file ends before `count` bytes.
    public static func sha256(
        of descriptor: FileDescriptor, path: String, count: Int64, patches: [DiskPatch] = [],
        progress: ((Int64) -> Void)? = nil
    ) throws -> String {
        var hash = SHA256()
        var buffer = [UInt8](repeating: 0, count: chunkSize)
        var done: Int64 = 0
        while done < count {
            let want = Int(min(Int64(chunkSize), count - done))
            var filled = 0
            while filled < want {
                let got = try IOError.wrap("read", path: path) {
                    try buffer.withUnsafeMutableBytes { raw in
                        try descriptor.read(
                            fromAbsoluteOffset: done + Int64(filled),
                            into: UnsafeMutableRawBufferPointer(rebasing: raw[filled..<want]))
                    }
                }
                guard got > 0 else {
                    throw DecodeError.truncated(
                        structure: "data of \(path)", offset: done + Int64(filled), needed: want - filled, available: 0)
                }
                filled += got
            }
            let chunk = done..<done + Int64(want)
            for patch in patches where patch.range.overlaps(chunk) {
                let start = max(patch.offset, chunk.lowerBound)
                let end = min(patch.range.upperBound, chunk.upperBound)
                for position in start..<end {
                    buffer[Int(position - done)] = patch.bytes[Int(position - patch.offset)]
                }
            }
            buffer.withUnsafeBytes { hash.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[0..<want])) }
            done += Int64(want)
            progress?(done)
        }
        return hash.finalize().map { byte in
            let text = String(byte, radix: 16)
            return byte < 16 ? "0" + text : text
        }.joined()
    }
}
