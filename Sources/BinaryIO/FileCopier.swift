import CIsokitLinux
import SystemPackage

/// Copies byte ranges between files without passing them through Swift arrays.
///
/// Uses `copy_file_range(2)` (which can share extents or copy in the kernel) and falls back to `pread`/`pwrite`
/// in 1 MiB chunks where the file systems do not support it.
public enum FileCopier {
    /// The chunk size of the `pread`/`pwrite` fallback.
    public static let chunkSize = 1 << 20

    /// Copies `count` bytes from `source` at `sourceOffset` to `target` at `targetOffset`.
    /// - Throws: ``IOError`` naming `sourcePath` or `targetPath`; ``DecodeError/truncated(structure:offset:needed:available:)``
    ///   if the source ends early.
    public static func copy(
        from source: FileDescriptor, at sourceOffset: Int64, path sourcePath: String,
        to target: FileDescriptor, at targetOffset: Int64, path targetPath: String,
        count: Int64
    ) throws {
        var inOffset = sourceOffset
        var outOffset = targetOffset
        var left = count
        while left > 0 {
            let step = Int(min(left, 1 << 30))
            let copied = isokit_copy_file_range(source.rawValue, &inOffset, target.rawValue, &outOffset, step)
            if copied > 0 {
                left -= Int64(copied)
                continue
            }
            if copied == 0 {
                throw DecodeError.truncated(
                    structure: "file data of \(sourcePath)", offset: inOffset, needed: Int(left), available: 0)
            }
            let code = Errno(rawValue: isokit_errno())
            let unsupported: [Errno] = [.invalidArgument, .notSupported, .improperLink, .badFileDescriptor, .notPermitted]
            guard unsupported.contains(code) || code.rawValue == 38 /* ENOSYS */ else {
                throw IOError("copy_file_range", path: targetPath, errno: code)
            }
            try copyByChunks(
                from: source, at: inOffset, path: sourcePath, to: target, at: outOffset, path: targetPath, count: left)
            return
        }
    }

    /// Copies `count` bytes of `source` at `sourceOffset` to `target` at `targetOffset`, skipping holes: only the
    /// data regions `SEEK_DATA`/`SEEK_HOLE` report are copied, so the target range must already read as zeros (a
    /// new file, or one just extended with `ftruncate`). Sparse sources stay sparse and copy in time proportional
    /// to their data.
    public static func copySparse(
        from source: FileDescriptor, at sourceOffset: Int64, path sourcePath: String,
        to target: FileDescriptor, at targetOffset: Int64, path targetPath: String, count: Int64
    ) throws {
        let end = sourceOffset + count
        var position = sourceOffset
        while position < end {
            let dataStart = isokit_seek_data(source.rawValue, position)
            if dataStart < 0 {
                if isokit_errno() == 6 /* ENXIO: only a hole is left */ { break }
                // File systems without SEEK_DATA: copy the rest plainly.
                try copy(from: source, at: position, path: sourcePath, to: target,
                         at: targetOffset + (position - sourceOffset), path: targetPath, count: end - position)
                return
            }
            guard dataStart < end else { break }
            let holeStart = min(max(isokit_seek_hole(source.rawValue, dataStart), dataStart), end)
            let runEnd = holeStart > dataStart ? holeStart : end
            try copy(from: source, at: dataStart, path: sourcePath, to: target,
                     at: targetOffset + (dataStart - sourceOffset), path: targetPath, count: runEnd - dataStart)
            position = runEnd
        }
    }

    /// Copies with `pread`/`pwrite` in ``chunkSize`` chunks.
    public static func copyByChunks(
        from source: FileDescriptor, at sourceOffset: Int64, path sourcePath: String,
        to target: FileDescriptor, at targetOffset: Int64, path targetPath: String,
        count: Int64
    ) throws {
        var buffer = [UInt8](repeating: 0, count: Int(min(Int64(chunkSize), max(count, 0))))
        var done: Int64 = 0
        while done < count {
            let want = Int(min(Int64(buffer.count), count - done))
            let got = try IOError.wrap("read", path: sourcePath) {
                try buffer.withUnsafeMutableBytes { raw in
                    try source.read(
                        fromAbsoluteOffset: sourceOffset + done,
                        into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<want]))
                }
            }
            guard got > 0 else {
                throw DecodeError.truncated(
                    structure: "file data of \(sourcePath)", offset: sourceOffset + done, needed: want, available: 0)
            }
            try IOError.wrap("write", path: targetPath) {
                _ = try buffer.withUnsafeBytes { raw in
                    try target.writeAll(toAbsoluteOffset: targetOffset + done, UnsafeRawBufferPointer(rebasing: raw[0..<got]))
                }
            }
            done += Int64(got)
        }
    }

    /// Writes `bytes` at `offset` of `target`.
    public static func write(_ bytes: [UInt8], to target: FileDescriptor, at offset: Int64, path: String) throws(IOError) {
        try IOError.wrap("write", path: path) {
            _ = try bytes.withUnsafeBytes { raw in try target.writeAll(toAbsoluteOffset: offset, raw) }
        }
    }
}
