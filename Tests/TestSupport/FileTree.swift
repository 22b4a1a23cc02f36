import Foundation

/// Writes small directory trees for fixtures: files, directories and symbolic links, with fixed modes and times.
///
/// ```swift
/// try FileTree.write([
///     "README.txt": .text("hello\n"),
///     "bin/run": .text("#!/bin/sh\n", mode: 0o755),
///     "empty/": .directory(),
///     "latest": .symlink("README.txt"),
/// ], under: temp.path, modificationTime: 1_700_000_000)
/// ```
public enum FileTree {
    /// One entry of a tree.
    public enum Node: Sendable, Hashable {
        /// A regular file with these bytes and permission bits.
        case file([UInt8], mode: UInt16 = 0o644)
        /// A directory with these permission bits (missing parents are made with 0755).
        case directory(mode: UInt16 = 0o755)
        /// A symbolic link pointing at `target`, written as given (relative or absolute).
        case symlink(String)

        /// A regular file holding `text` as UTF-8.
        public static func text(_ text: String, mode: UInt16 = 0o644) -> Node { .file(Array(text.utf8), mode: mode) }
    }

    /// Creates every node of `nodes` under `root`, parents first.
    /// - Parameters:
    ///   - nodes: Paths relative to `root` (a trailing slash is allowed) and what to put there.
    ///   - root: An existing directory.
    ///   - modificationTime: If given, every node written and `root` get this modification and access time,
    ///     in seconds since 1970 — set it for reproducible images.
    /// - Throws: A `CocoaError` or `POSIXError` naming the path that could not be written.
    public static func write(_ nodes: [String: Node], under root: String, modificationTime: Int64? = nil) throws {
        let files = FileManager.default
        let ordered = nodes.map { (trimmed($0.key), $0.value) }.sorted { $0.0 < $1.0 }
        for (relative, node) in ordered {
            let path = root + "/" + relative
            let parent = (path as NSString).deletingLastPathComponent
            try files.createDirectory(atPath: parent, withIntermediateDirectories: true)
            switch node {
            case .file(let bytes, let mode):
                guard files.createFile(atPath: path, contents: Data(bytes)) else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
                }
                try setMode(mode, of: path)
            case .directory(let mode):
                try files.createDirectory(atPath: path, withIntermediateDirectories: true)
                try setMode(mode, of: path)
            case .symlink(let target):
                try files.createSymbolicLink(atPath: path, withDestinationPath: target)
            }
        }
        guard let modificationTime else { return }
        // Deepest first: setting a child's time doesn't touch its parent, but creating it did.
        let paths = ordered.map { root + "/" + $0.0 } + parents(of: ordered.map(\.0), under: root) + [root]
        for path in Set(paths).sorted(by: { $0.count > $1.count }) {
            try setModificationTime(modificationTime, of: path)
        }
    }

    /// Every path under `root`, relative and sorted, directories with a trailing slash and symbolic links as
    /// `name -> target`; for comparing an extracted tree with what was written.
    /// - Throws: A `CocoaError` if `root` can't be listed.
    public static func list(_ root: String) throws -> [String] {
        let files = FileManager.default
        return try files.subpathsOfDirectory(atPath: root).sorted().map { relative in
            let path = root + "/" + relative
            if let target = try? files.destinationOfSymbolicLink(atPath: path) { return "\(relative) -> \(target)" }
            var isDirectory: ObjCBool = false
            _ = files.fileExists(atPath: path, isDirectory: &isDirectory)
            return isDirectory.boolValue ? relative + "/" : relative
        }
    }

    static func trimmed(_ relative: String) -> String {
        var text = Substring(relative)
        while text.hasSuffix("/") { text = text.dropLast() }
        while text.hasPrefix("/") { text = text.dropFirst() }
        return String(text)
    }

    static func parents(of relatives: [String], under root: String) -> [String] {
        var result: Set<String> = []
        for relative in relatives {
            var components = relative.split(separator: "/")
            while components.count > 1 {
                components.removeLast()
                result.insert(root + "/" + components.joined(separator: "/"))
            }
        }
        return Array(result)
    }

    static func setMode(_ mode: UInt16, of path: String) throws {
        guard chmod(path, mode_t(mode)) == 0 else { throw POSIXError.current(path: path) }
    }

    /// Sets the modification and access time of `path` to `seconds` since 1970; a symbolic link gets the time
    /// itself, its target is left alone.
    /// - Throws: A `POSIXError` naming `path`.
    public static func setModificationTime(_ seconds: Int64, of path: String) throws {
        let time = timespec(tv_sec: Int(seconds), tv_nsec: 0)
        let times = [time, time]
        guard utimensat(AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW) == 0 else {
            throw POSIXError.current(path: path)
        }
    }
}

extension POSIXError {
    /// The error in `errno`, with `path` attached for the message.
    static func current(path: String) -> POSIXError {
        POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO, userInfo: [NSFilePathErrorKey: path])
    }
}
