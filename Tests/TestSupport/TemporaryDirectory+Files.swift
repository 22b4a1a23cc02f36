import BinaryIO
import SystemPackage

/// Positional reads and writes of files inside a ``TemporaryDirectory``, for tests that build disk images by hand.
///
/// ```swift
/// let temp = try TemporaryDirectory()
/// let disk = try temp.sparseFile("disk.img", size: 64 << 20)
/// try temp.write(table.encode(diskSectors: 131_072).primary, to: "disk.img", at: 512)
/// let mbr = try temp.bytes("disk.img", at: 0, count: 512)
/// ```
extension TemporaryDirectory {
    /// Creates the file `name` (or empties an existing one) and sets its size to `size` bytes without writing them:
    /// a sparse file that reads as zeros.
    /// - Returns: The file's path.
    /// - Throws: ``IOError`` naming the file.
    @discardableResult
    public func sparseFile(_ name: String, size: Int64) throws -> String {
        let file = path(name)
        try withFile(file, options: [.create, .truncate]) { descriptor in
            try IOError.wrap("ftruncate", path: file) { try descriptor.resize(to: size) }
        }
        return file
    }

    /// Writes `bytes` at `offset` of the file `name`, creating the file if needed; the rest of the file stays as it
    /// was (a write past the end leaves a hole).
    /// - Throws: ``IOError`` naming the file.
    public func write(_ bytes: [UInt8], to name: String, at offset: Int64) throws {
        let file = path(name)
        try withFile(file, options: [.create]) { descriptor in
            try FileCopier.write(bytes, to: descriptor, at: offset, path: file)
        }
    }

    /// Reads `count` bytes at `offset` of the file `name`.
    /// - Throws: ``IOError`` if the file can't be read, and
    ///   ``DecodeError/truncated(structure:offset:needed:available:)`` (structure `name`) if it ends first.
    public func bytes(_ name: String, at offset: Int64, count: Int) throws -> [UInt8] {
        try ImageReader(path: path(name)).read(at: offset, count: count, structure: name)
    }

    /// Opens `file` for writing (mode 0644 if it is created), runs `body`, and closes it; a close error is reported
    /// only when `body` succeeded, so it can't hide the first failure.
    private func withFile(
        _ file: String, options: FileDescriptor.OpenOptions, _ body: (FileDescriptor) throws -> Void
    ) throws {
        let descriptor = try IOError.wrap("open", path: file) {
            try FileDescriptor.open(
                FilePath(file), .writeOnly, options: options.union(.closeOnExec),
                permissions: [.ownerReadWrite, .groupRead, .otherRead])
        }
        do {
            try body(descriptor)
        } catch {
            try? descriptor.close()
            throw error
        }
        try IOError.wrap("close", path: file) { try descriptor.close() }
    }
}
