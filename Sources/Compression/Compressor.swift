import BinaryIO
import SystemPackage

/// Compresses a byte stream in bounded chunks (1 MiB buffers), reproducibly: the same input, format and level give
/// the same bytes (gzip has no name and modification time 0; xz uses a CRC32 check; zstd adds a content checksum).
///
/// ```swift
/// let compressor = try Compressor(format: .zstd, level: 19)
/// try compressor.compress(from: input, path: "initrd.cpio", to: output, path: "initrd.img")
/// ```
public struct Compressor: Hashable, Sendable {
    /// The output format.
    public let format: CompressionFormat
    /// The compression level, within ``CompressionFormat/levels``.
    public let level: Int

    /// Creates a compressor.
    /// - Parameters:
    ///   - format: The output format.
    ///   - level: The level; the format's ``CompressionFormat/defaultLevel`` if `nil`.
    /// - Throws: ``CompressionError/invalidLevel(format:level:allowed:)``.
    public init(format: CompressionFormat, level: Int? = nil) throws(CompressionError) {
        let chosen = level ?? format.defaultLevel
        guard format.levels.contains(chosen) else {
            throw .invalidLevel(format: format, level: chosen, allowed: format.levels)
        }
        self.format = format
        self.level = chosen
    }

    /// Compresses everything `read` returns (it fills the buffer it is given and returns the byte count, 0 at the
    /// end) and hands the output to `write` in chunks.
    /// - Throws: ``CompressionError`` from the library, or whatever `read` and `write` throw.
    public func compress(
        read: (UnsafeMutableRawBufferPointer) throws -> Int, write: (UnsafeRawBufferPointer) throws -> Void
    ) throws {
        try CodecDriver.run(try Self.codec(format, compressing: true, level: level), read: read, write: write)
    }

    /// Compresses the file open at `input` (from its offset 0 to its end) into `output` from its offset 0, with
    /// `pread`/`pwrite`; file offsets are left unchanged.
    /// - Returns: The number of compressed bytes written.
    /// - Throws: ``IOError`` naming `inputPath` or `outputPath`, or ``CompressionError``.
    @discardableResult
    public func compress(
        from input: FileDescriptor, path inputPath: String, to output: FileDescriptor, path outputPath: String
    ) throws -> Int64 {
        var reader = PositionalIO(descriptor: input, path: inputPath)
        var writer = PositionalIO(descriptor: output, path: outputPath)
        try compress(read: { try reader.read(into: $0) }, write: { try writer.write($0) })
        return writer.offset
    }

    /// Compresses `bytes` in memory; for tests and small inputs.
    /// - Throws: ``CompressionError``.
    public func compress(_ bytes: [UInt8]) throws -> [UInt8] {
        var result: [UInt8] = []
        var position = 0
        try compress(read: { buffer in
            let count = min(buffer.count, bytes.count - position)
            bytes.withUnsafeBytes { raw in
                buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[position..<(position + count)]))
            }
            position += count
            return count
        }, write: { result.append(contentsOf: $0) })
        return result
    }

    /// The codec for one direction of `format`.
    static func codec(_ format: CompressionFormat, compressing: Bool, level: Int) throws(CompressionError) -> any StreamCodec {
        switch format {
        case .none: CopyCodec()
        case .gzip: try GzipCodec(compressing: compressing, level: level)
        case .zstd: try ZstdCodec(compressing: compressing, level: level)
        case .xz: try XzCodec(compressing: compressing, level: level)
        case .lz4: LZ4LegacyCodec(compressing: compressing, level: level)
        }
    }
}
