import BinaryIO
import SystemPackage

/// Reads or writes a descriptor sequentially with `pread`/`pwrite` from offset 0, leaving its file offset alone.
struct PositionalIO {
    let descriptor: FileDescriptor
    let path: String
    private(set) var offset: Int64 = 0

    init(descriptor: FileDescriptor, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    /// Fills as much of `buffer` as one `pread` gives; 0 at the end of the file.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(IOError) -> Int {
        let at = offset
        let count = try IOError.wrap("read", path: path) { try descriptor.read(fromAbsoluteOffset: at, into: buffer) }
        offset += Int64(count)
        return count
    }

    /// Writes all of `bytes` at the current offset.
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws(IOError) {
        let at = offset
        try IOError.wrap("write", path: path) { _ = try descriptor.writeAll(toAbsoluteOffset: at, bytes) }
        offset += Int64(bytes.count)
    }
}
