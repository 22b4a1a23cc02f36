import CIsokitLinux
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// Writes an output file atomically: into `NAME.tmp-XXXXXX` beside it, fsync, then rename over `NAME`.
///
/// If the body throws, the temporary file is removed and `NAME` is left as it was.
public enum AtomicFile {
    /// Creates a temporary file next to `path`, lets `body` fill it, then renames it to `path`.
    ///
    /// - Parameters:
    ///   - path: The final output path.
    ///   - permissions: Mode of the new file.
    ///   - body: Writes the content through the descriptor it is given.
    /// - Returns: What `body` returns.
    /// - Throws: ``IOError`` for create, fsync or rename failures, and whatever `body` throws.
    public static func write<T>(
        to path: String, permissions: FilePermissions = [.ownerReadWrite, .groupRead, .otherRead],
        _ body: (FileDescriptor, String) throws -> T
    ) throws -> T {
        let (descriptor, temporary) = try create(for: path, permissions: permissions)
        var renamed = false
        defer { finish(descriptor, temporary: temporary, renamed: renamed) }
        let result = try body(descriptor, temporary)
        try commit(descriptor, temporary: temporary, to: path)
        renamed = true
        return result
    }

    /// ``write(to:permissions:_:)`` for a body that awaits (e.g. runs a tool on the temporary file). The final fsync
    /// runs through ``BlockingWork``.
    ///
    /// - Parameters:
    ///   - path: The final output path.
    ///   - permissions: Mode of the new file.
    ///   - body: Writes the content through the descriptor or the temporary path it is given.
    /// - Returns: What `body` returns.
    /// - Throws: ``IOError`` for create, fsync or rename failures, and whatever `body` throws.
    public static func writeAsync<T>(
        to path: String, permissions: FilePermissions = [.ownerReadWrite, .groupRead, .otherRead],
        _ body: (FileDescriptor, String) async throws -> T
    ) async throws -> T {
        let (descriptor, temporary) = try create(for: path, permissions: permissions)
        var renamed = false
        defer { finish(descriptor, temporary: temporary, renamed: renamed) }
        let result = try await body(descriptor, temporary)
        try await BlockingWork.run { try commit(descriptor, temporary: temporary, to: path) }
        renamed = true
        return result
    }

    private static func create(for path: String, permissions: FilePermissions) throws -> (FileDescriptor, String) {
        var template = Array((path + ".tmp-XXXXXX").utf8CString)
        let raw = template.withUnsafeMutableBufferPointer { isokit_mkstemp($0.baseAddress!) }
        guard raw >= 0 else {
            throw IOError("create temporary file", path: path, errno: Errno(rawValue: isokit_errno()))
        }
        let temporary = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        _ = fchmod(raw, permissions.rawValue)
        return (FileDescriptor(rawValue: raw), temporary)
    }

    private static func commit(_ descriptor: FileDescriptor, temporary: String, to path: String) throws {
        guard fsync(descriptor.rawValue) == 0 else {
            throw IOError("fsync", path: temporary, errno: Errno(rawValue: isokit_errno()))
        }
        guard rename(temporary, path) == 0 else {
            throw IOError("rename to \(path)", path: temporary, errno: Errno(rawValue: isokit_errno()))
        }
    }

    private static func finish(_ descriptor: FileDescriptor, temporary: String, renamed: Bool) {
        try? descriptor.close()
        if !renamed { _ = unlink(temporary) }
    }
}
