import BinaryIO
import SystemPackage

/// Decompresses a byte stream in bounded chunks (1 MiB buffers); concatenated gzip members, zstd frames and xz
/// streams are read one after another, as the command-line tools do.
///
/// ```swift
/// let format = CompressionFormat(detecting: try image.read(at: 0, count: 6))
/// try Decompressor(format: format).decompress(from: input, path: "initrd.img", to: output, path: "initrd.cpio")
/// ```
public struct Decompressor: Hashable, Sendable {
    /// The input format.
    public let format: CompressionFormat

    /// Creates a decompressor for `format`.
    public init(format: CompressionFormat) { self.format = format }

    /// Decompresses everything `read` returns (0 at the end) and hands the output to `write` in chunks.
    /// - Throws: ``CompressionError/corrupt(format:inputOffset:message:)``,
    ///   ``CompressionError/truncated(format:inputOffset:)``, or whatever `read` and `write` throw.
    public func decompress(
        read: (UnsafeMutableRawBufferPointer) throws -> Int, write: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        try CodecDriver.run(try Compressor.codec(format, compressing: false, level: 0), read: read, write: write)
    }

    /// Decompresses the file open at `input` (from offset 0) into `output` from its offset 0, with `pread`/`pwrite`.
    /// - Returns: The number of decompressed bytes written.
    /// - Throws: ``IOError`` naming `inputPath` or `outputPath`, or ``CompressionError``.
    @discardableResult
    public func decompress(
        from input: FileDescriptor, path inputPath: String, to output: FileDescriptor, path outputPath: String
    ) throws -> Int64 {
        var reader = PositionalIO(descriptor: input, path: inputPath)
        var writer = PositionalIO(descriptor: output, path: outputPath)
        try decompress(read: { try reader.read(into: $0) }, write: { try writer.write($0) })
        return writer.offset
    }

    /// Decompresses `bytes` in memory, refusing to produce more than `limit` bytes; for tests and small inputs.
    /// - Throws: ``CompressionError``, or ``CompressionError/corrupt(format:inputOffset:message:)`` when the output
    ///   would pass `limit`.
    public func decompress(_ bytes: [UInt8], limit: Int = 1 << 30) throws -> [UInt8] {
        var result: [UInt8] = []
        var position = 0
        let format = format
        try decompress(read: { buffer in
            let count = min(buffer.count, bytes.count - position)
            bytes.withUnsafeBytes { raw in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[position..<(position + count)]))
            }
            position += count
            return count
        }, write: { chunk in
            guard chunk.count <= limit - result.count else {
                throw CompressionError.corrupt(
                    format: format, inputOffset: Int64(position), message: "output exceeds \(limit) bytes")
            }
            result.append(contentsOf: chunk)
        })
        return result
    }
}
