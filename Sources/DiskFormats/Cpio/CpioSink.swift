import BinaryIO
import SystemPackage

/// Where ``CpioArchiveWriter`` sends the archive's bytes, in order.
public protocol CpioSink {
    /// Appends `bytes` to the output.
    /// - Throws: Whatever the destination reports.
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
}

/// Collects the archive in memory; for tests and small archives.
public struct CpioByteSink: CpioSink, Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    /// Creates an empty sink.
    public init() {}

    /// Appends `bytes`.
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws { self.bytes.append(contentsOf: bytes) }
}

/// Writes the archive to a file descriptor at increasing offsets (`pwrite`).
public struct CpioFileSink: CpioSink, Sendable {
    /// The output descriptor.
    public let descriptor: FileDescriptor
    /// The output's path, for error messages.
    public let path: String
    /// The offset the next byte goes to.
    public private(set) var offset: Int64

    /// Creates a sink writing to `descriptor` from `offset` on.
    public init(descriptor: FileDescriptor, path: String, offset: Int64 = 0) {
        self.descriptor = descriptor
        self.path = path
        self.offset = offset
    }

    /// Writes `bytes` at the current offset.
    /// - Throws: ``IOError`` naming the path.
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        let at = offset
        try IOError.wrap("write", path: path) { _ = try descriptor.writeAll(toAbsoluteOffset: at, bytes) }
        offset += Int64(bytes.count)
    }
}
