import BinaryIO

extension SourceTree {
    /// Reads the tree below `directory` from the host.
    ///
    /// Entries are examined with `fstatat(…, AT_SYMLINK_NOFOLLOW)` relative to their parent's descriptor, so a path
    /// never passes through a symbolic link below the root unless `options.followSymlinks` is set. `directory` itself
    /// may be a symbolic link to a directory: it is resolved once, and the root's ``SourceNode/hostPath`` is the
    /// resolved absolute path. Children are sorted by name bytes, so the same files give the same tree.
    /// - Parameters:
    ///   - directory: The directory whose contents become the image's root (absolute, or relative to the current
    ///     directory).
    ///   - options: Exclusions, link following and ownership.
    /// - Returns: The tree; the root node's name is `""`.
    /// - Throws: ``IOError`` naming the host path of an entry that cannot be examined, opened, listed or read (for
    ///   `directory` itself not being a directory, `ENOTDIR`; for a followed link that leads back to its own
    ///   ancestor, `ELOOP`); ``ISO9660Error/unrepresentable(path:reason:)`` for a name or link target that is not
    ///   valid UTF-8.
    public static func scan(directory: String, options: ScanOptions = .init()) throws -> SourceTree {
        let scanner = TreeScanner(options: options)
        return SourceTree(root: try scanner.scanRoot(directory))
    }
}
