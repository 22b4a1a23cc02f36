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
    /// Entries in the tree that are not directories (regular files, symbolic links, devices, FIFOs, sockets); hard
    /// links count each.
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
        return try create(
            tree: SourceTree.scan(directory: directory, options: scan), to: output, options: options, observer: observer)
    }

    /// Plans and writes an image of `tree` to `output` atomically (`output.tmp-XXXXXX`, then rename). The tree may
    /// come from a scan, from another image (``SourceTree/init(image:)``, whose file data is then copied straight
    /// out of that image), or from edits of either; `options.excludes` still applies to it.
    /// - Parameters:
    ///   - tree: What to write; every host file it names must stay unchanged until this returns, and none may be
    ///     `output`.
    ///   - output: Where the image goes.
    ///   - options: Names, namespaces, boot entries, hybrid layout, reproducibility.
    ///   - observer: Sees progress while file data is copied.
    /// - Returns: What was written.
    /// - Throws: As ``create(from:to:options:observer:)``.
    public static func create(
        tree: SourceTree, to output: String, options: ISOWriterOptions,
        observer: (@Sendable (ProgressSnapshot) -> Void)? = nil
    ) throws -> CreateReport {
        var source = tree.excluding(options.excludes)
        if let epoch = options.sourceDateEpoch { source = source.clampingTimes(to: epoch) }
        var generated: [String: [UInt8]] = [:]
        if options.md5List {
            let name = ChecksumList.fileName
            guard source.root.child(named: name) == nil else {
                throw ISO9660Error.unrepresentable(path: "/" + name, reason: "the tree already has this file; drop --md5")
            }
            let hashing = ProgressCounter(totalBytes: source.totalFileBytes, totalFiles: source.fileCount, observer: observer)
            let list = try ChecksumList.md5Lines(for: source, progress: hashing)
            let root = source.root
            source.root.children.append(SourceNode(
                name: name, kind: .regular, mode: 0o100444, uid: root.uid, gid: root.gid, size: Int64(list.count),
                modificationTime: root.modificationTime, accessTime: root.modificationTime,
                changeTime: root.modificationTime))
            source.root.children.sort(by: SourceNode.nameOrder)
            generated["/" + name] = list
        }
        let tree = try WriterTree(source: source, joliet: options.joliet)
        let layout = try ISOLayout(tree: tree, options: options)
        let creationTime = options.sourceDateEpoch ?? Int64(time(nil))
        let boot = try options.bootImages.isEmpty ? nil : BootPlan(layout: layout, creationTime: creationTime)
        let progress = ProgressCounter(totalBytes: source.totalFileBytes, totalFiles: layout.dataNodes.count, observer: observer)
        let bytes = try AtomicFile.write(to: output) { descriptor, temporary in
            try ISOWriter(
                layout: layout, boot: boot, output: descriptor, outputPath: temporary, creationTime: creationTime,
                progress: progress, generatedFiles: generated
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
        let outputDirectory = output.lastIndex(of: "/").map { String(output[..<$0]) } ?? "."
        guard let outputReal = realpath(outputDirectory.isEmpty ? "/" : outputDirectory, nil) else {
            // The output can't be created where its directory does not resolve.
            throw IOError("create", path: output, errno: .init(rawValue: errno))
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
