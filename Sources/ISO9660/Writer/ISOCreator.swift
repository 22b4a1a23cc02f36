import BinaryIO

#if canImport(Glibc)
import Glibc
#endif

/// What ``ISOCreator/create(from:to:options:observer:)`` wrote.
public struct CreateReport: Hashable, Sendable, Codable {
    /// The image written.
    public var output: String
    /// Its size in bytes.
    public var bytes: Int64
    /// Blocks of the ISO 9660 volume.
    public var volumeBlocks: UInt32
    /// Regular files in the tree (hard links counted each).
    public var files: Int
    /// Directories in the tree, the root included.
    public var directories: Int
    /// Directories moved under the relocation directory for depth (RRIP §4.1.5).
    public var relocatedDirectories: Int
    /// El Torito entries written.
    public var bootEntries: Int
}

/// Writes a directory tree as an ISO 9660 image (the `isokit create` workflow): scan, plan, then stream.
public enum ISOCreator {
    /// Scans `directory`, plans the image and writes it to `output` atomically (`output.tmp-XXXXXX`, then rename).
    /// - Parameters:
    ///   - directory: The tree to write; never modified.
    ///   - output: Where the image goes; must not lie inside `directory`.
    ///   - options: Names, namespaces, boot entries, hybrid layout, reproducibility.
    ///   - observer: Sees progress while file data is copied.
    /// - Returns: What was written.
    /// - Throws: ``ISO9660Error/unrepresentable(path:reason:)`` for trees the format cannot hold or bad boot paths,
    ///   ``IOError`` for host failures; nothing is left at `output` on failure.
    public static func create(
        from directory: String, to output: String, options: ISOWriterOptions,
        observer: (@Sendable (ProgressSnapshot) -> Void)? = nil
    ) throws -> CreateReport {
        try refuseOutputInside(directory, output: output)
        var scan = ScanOptions()
        scan.excludes = options.excludes
        scan.rootOwnership = options.rootOwnership
        var source = try SourceTree.scan(directory: directory, options: scan)
        if let epoch = options.sourceDateEpoch { source = source.clampingTimes(to: epoch) }
        let tree = try WriterTree(source: source, joliet: options.joliet)
        let layout = try ISOLayout(tree: tree, options: options)
        let creationTime = options.sourceDateEpoch ?? Int64(time(nil))
        let boot = try options.bootImages.isEmpty ? nil : BootPlan(layout: layout, creationTime: creationTime)
        let progress = ProgressCounter(totalBytes: source.totalFileBytes, totalFiles: layout.dataNodes.count, observer: observer)
        let bytes = try AtomicFile.write(to: output) { descriptor, temporary in
            try ISOWriter(
                layout: layout, boot: boot, output: descriptor, outputPath: temporary, creationTime: creationTime,
                progress: progress
            ).write()
        }
        return CreateReport(
            output: output, bytes: bytes, volumeBlocks: layout.volumeBlocks, files: source.fileCount,
            directories: source.directoryCount, relocatedDirectories: layout.tree.nodes.filter(\.isRelocated).count,
            bootEntries: options.bootImages.count)
    }

    /// Refuses an output path inside the source tree: the image would be read while it is written.
    private static func refuseOutputInside(_ directory: String, output: String) throws {
        guard let sourceReal = realpath(directory, nil) else {
            throw IOError("resolve", path: directory, errno: .init(rawValue: errno))
        }
        defer { free(sourceReal) }
        let outputDirectory = output.contains("/") ? String(output[..<output.lastIndex(of: "/")!]) : "."
        guard let outputReal = realpath(outputDirectory.isEmpty ? "/" : outputDirectory, nil) else {
            throw IOError("resolve", path: outputDirectory, errno: .init(rawValue: errno))
        }
        defer { free(outputReal) }
        let sourcePath = String(cString: sourceReal)
        let outputPath = String(cString: outputReal)
        if outputPath == sourcePath || outputPath.hasPrefix(sourcePath == "/" ? "/" : sourcePath + "/") {
            throw ISO9660Error.unrepresentable(
                path: output, reason: "the output lies inside the source tree \(directory); write it elsewhere")
        }
    }
}
