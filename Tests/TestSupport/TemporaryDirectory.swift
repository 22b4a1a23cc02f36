import Foundation

/// A fresh directory under `$TMPDIR` (or `/tmp`), removed with everything in it when the value goes away.
///
/// ```swift
/// let temp = try TemporaryDirectory()
/// try await Tool.run("xorriso", ["-as", "mkisofs", "-o", temp.path("out.iso"), tree])
/// ```
/// Set `ISOKIT_KEEP_TEMP=1` to keep the directory for a look after the test.
public final class TemporaryDirectory: Sendable {
    /// The directory's absolute path, with symbolic links resolved (so it equals what `realpath` gives for paths
    /// inside it).
    public let path: String

    /// Creates the directory, named `PREFIX-XXXXXX`.
    /// - Throws: `POSIXError` naming `$TMPDIR` if the directory can't be created.
    public init(prefix: String = "isokit-test") throws {
        let base = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(base)/\(prefix)-XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { buffer -> Bool in
            guard let start = buffer.baseAddress else { return false }
            return mkdtemp(start) != nil
        }
        guard created else {
            throw POSIXError.current(path: base)
        }
        path = Self.resolved(String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self))
    }

    deinit {
        if !TestEnvironment.keepTemporaryFiles { Self.remove(path) }
    }

    /// The path of `relative` inside the directory.
    public func path(_ relative: String) -> String { path + "/" + relative }

    /// `path` with symbolic links resolved, or `path` itself if that fails.
    static func resolved(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Removes `path` recursively, first making read-only directories writable (tests make such trees).
    static func remove(_ path: String) {
        let files = FileManager.default
        if (try? files.removeItem(atPath: path)) != nil { return }
        if let walker = files.enumerator(atPath: path) {
            for case let relative as String in walker {
                let full = path + "/" + relative
                var isDirectory: ObjCBool = false
                if files.fileExists(atPath: full, isDirectory: &isDirectory), isDirectory.boolValue {
                    _ = chmod(full, 0o700)
                }
            }
        }
        _ = chmod(path, 0o700)
        // Cleanup of a test's scratch space: a leftover in $TMPDIR must not fail the test that made it.
        try? files.removeItem(atPath: path)
    }
}

/// Runs `body` with the path of a new temporary directory and removes the directory afterwards, also on error.
/// - Parameters:
///   - prefix: The start of the directory's name.
///   - body: Uses the directory.
/// - Returns: What `body` returns.
public func withTemporaryDirectory<T>(
    prefix: String = "isokit-test", _ body: (String) async throws -> T
) async throws -> T {
    let directory = try TemporaryDirectory(prefix: prefix)
    defer { withExtendedLifetime(directory) {} }
    return try await body(directory.path)
}
