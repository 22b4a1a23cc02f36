import BinaryIO

#if canImport(Glibc)
import Glibc
#endif

extension SquashFSBuilder {
    /// Writes a SquashFS image of a directory that ``SquashFSExtractor`` made (and that may have been edited since),
    /// giving each entry that is still there what the table recorded for it: owner and group, the exact mode when
    /// the host copy still has the permissions extraction gave it, its extended attributes (in place of the host
    /// file's), and device nodes, FIFOs and sockets in place of their placeholder files. Entries not in the table, or whose type changed, get `options.ownership` and their
    /// host mode, as ``build(from:to:options:observer:)`` gives them.
    ///
    /// ```swift
    /// let report = try SquashFSExtractor.extract(image: "filesystem.squashfs", to: "root")
    /// // … edit root/ …
    /// try SquashFSBuilder.build(from: "root", restoring: report.metadata, to: "new.squashfs",
    ///                           options: SquashFSOptions(compressor: report.compressor ?? .xz, ownership: .root))
    /// ```
    /// - Parameters:
    ///   - directory: The extracted (and edited) tree.
    ///   - table: The table extraction returned.
    ///   - output: The image path.
    ///   - options: Compressor, block size, threads, times, ownership of new entries and excludes.
    ///   - observer: Sees the file data bytes and files as they are compressed.
    /// - Returns: What was written.
    /// - Throws: As ``build(from:to:options:observer:)``.
    @discardableResult
    public static func build(
        from directory: String, restoring table: SquashFSMetadataTable, to output: String,
        options: SquashFSOptions = SquashFSOptions(), observer: (@Sendable (ProgressSnapshot) -> Void)? = nil
    ) throws -> SquashFSBuildSummary {
        try validate(options)
        var scanner = SourceScanner(options: options)
        var nodes = try scanner.scan(root: directory)
        let rows = table.byPath()
        for (index, path) in relativePaths(nodes) {
            guard let row = rows[path] else { continue }
            var node = nodes[index]
            let hostType = node.mode & 0o170000
            if row.isSpecial {
                guard hostType == 0o100000, node.sizeBytes == 0, node.linkCount == 1, node.hardLinkOf == nil else { continue }
                node.mode = row.mode
                node.deviceNumber = SourceNode.deviceNumber(major: row.deviceMajor ?? 0, minor: row.deviceMinor ?? 0)
            } else {
                guard hostType == row.fileType else { continue }
                if node.mode & 0o7777 == row.hostPermissions { node.mode = hostType | (row.mode & 0o7777) }
            }
            node.user = row.user
            node.group = row.group
            if options.extendedAttributes, let attributes = row.extendedAttributes {
                node.extendedAttributes = attributes.map { (Array($0.key.utf8), $0.value) }
                    .filter { SourceNode.isStorableAttribute($0.0) }.sorted { $0.0.lexicographicallyPrecedes($1.0) }
            }
            nodes[index] = node
        }
        return try AtomicFile.write(to: output) { _, temporary in
            try ImageAssembler(output: output, options: options, nodes: nodes, observer: observer).write(to: temporary)
            return SquashFSBuildSummary(nodes)
        }
    }

    /// The paths of `directory`'s entries that differ from `table`: added, removed, or changed in type, size,
    /// modification time, permissions or symlink target (relative paths, sorted; "" is the directory itself).
    /// Content edits are seen through the modification time and size, as `make` and `rsync` see them.
    /// - Parameters:
    ///   - directory: The extracted (and maybe edited) tree.
    ///   - table: The table extraction returned.
    /// - Returns: The changed paths; empty when the tree is as extracted.
    /// - Throws: `IOError` naming a path that can't be read.
    public static func changes(in directory: String, against table: SquashFSMetadataTable) throws -> [String] {
        var options = SquashFSOptions(ownership: .preserve, extendedAttributes: false)
        options.fixedTime = nil
        var scanner = SourceScanner(options: options)
        let nodes = try scanner.scan(root: directory)
        var rows = table.byPath()
        var changed: [String] = []
        for (index, path) in relativePaths(nodes) {
            let node = nodes[index]
            guard let row = rows.removeValue(forKey: path) else {
                changed.append(path)
                continue
            }
            let hostType = node.mode & 0o170000
            let sameType = row.isSpecial ? hostType == 0o100000 && node.sizeBytes == 0 : hostType == row.fileType
            let samePermissions = hostType == 0o120000 || node.mode & 0o7777 == row.hostPermissions
            let sameTarget = row.linkTarget.map { Array($0.utf8) == node.linkTarget } ?? true
            if !sameType || !samePermissions || !sameTarget || node.sizeBytes != row.sizeBytes
                || node.modificationTime != row.modificationTime
            {
                changed.append(path)
            }
        }
        return (changed + rows.keys).sorted()
    }

    /// Each node's path from the root (without a leading slash), by following the children lists.
    private static func relativePaths(_ nodes: [SourceNode]) -> [(Int, String)] {
        var result: [(Int, String)] = []
        var stack: [(Int, String)] = [(0, "")]
        while let (index, path) = stack.popLast() {
            result.append((index, path))
            for child in nodes[index].children {
                let name = String(decoding: nodes[child].name, as: UTF8.self)
                stack.append((child, path.isEmpty ? name : path + "/" + name))
            }
        }
        return result
    }
}
