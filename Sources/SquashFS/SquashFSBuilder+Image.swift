import BinaryIO

extension SquashFSBuilder {
    /// Writes a new SquashFS image that is `source` with `changes` applied, without extracting it and without root.
    ///
    /// Entries the changes don't touch keep their owner, group, mode, time, extended attributes, hard links,
    /// device numbers and symlink targets; their data is decompressed from the source and compressed again.
    /// Deletions come first, then the overlays in order; overlay entries get owners through `options.ownership`
    /// and, if set, `options.fixedTime` (which also stamps the super block).
    ///
    /// ```swift
    /// let source = SquashFSImageSource(path: "debian.iso", offset: extent.byteOffset)
    /// let options = try SquashFSOptions(matching: source, ownership: .root)
    /// try SquashFSBuilder.build(fromImage: source, changes: SquashFSChanges(overlays: ["patch"]), to: "root.sfs",
    ///                           options: options)
    /// ```
    /// - Parameters:
    ///   - source: The image to start from (it may start inside a larger file, such as an ISO).
    ///   - changes: Host directories to copy over it and paths to drop.
    ///   - output: The new image's path (written atomically).
    ///   - options: Compressor, block size, threads, time and overlay ownership; `nil` uses
    ///     ``SquashFSOptions/init(matching:ownership:fixedTime:)`` with preserved ownership.
    ///   - observer: Sees the file data bytes and files as they are compressed.
    /// - Returns: What was written.
    /// - Throws: ``SquashFSError`` naming the source for a damaged image (``SquashFSError/library(operation:path:code:)``)
    ///   or a deletion that is not in it (``SquashFSError/deletionNotFound(image:path:)``); the
    ///   ``build(from:to:options:observer:)`` errors for an overlay; `IOError` naming a file.
    @discardableResult
    public static func build(
        fromImage source: SquashFSImageSource, changes: SquashFSChanges, to output: String,
        options: SquashFSOptions? = nil, observer: (@Sendable (ProgressSnapshot) -> Void)? = nil
    ) throws -> SquashFSBuildSummary {
        let options = try options ?? SquashFSOptions(matching: source)
        try validate(options)
        let session = try ImageSession(source: source)
        var merger = try TreeMerger(session: session)
        for deletion in changes.deletions { try merger.delete(deletion) }
        for (tag, overlay) in changes.overlays.enumerated() {
            var scanner = SourceScanner(options: options)
            merger.overlay(try scanner.scan(root: overlay), tag: tag, keepOwners: changes.keepsReplacedOwners)
        }
        let nodes = merger.flattened()
        return try AtomicFile.write(to: output) { _, temporary in
            try ImageAssembler(output: output, options: options, nodes: nodes, image: session, observer: observer)
                .write(to: temporary)
            return SquashFSBuildSummary(nodes)
        }
    }
}

extension SquashFSOptions {
    /// Options that write an image like `source`: its compressor (xz for an LZMA or LZO image, which isokit can't
    /// write) and block size, one thread per core, and the given ownership and time.
    /// - Parameters:
    ///   - source: The image whose super block is read.
    ///   - ownership: Owners for entries from host directories.
    ///   - fixedTime: A fixed time for new entries and the super block; `nil` reads `SOURCE_DATE_EPOCH`.
    /// - Throws: ``SquashFSError/library(operation:path:code:)`` for a source that has no valid super block.
    public init(matching source: SquashFSImageSource, ownership: SquashFSOwnership = .preserve, fixedTime: UInt32? = nil) throws {
        let format = try SquashFSReader.format(of: source)
        self.init(
            compressor: format.compressor ?? .xz, blockSizeBytes: format.blockSizeBytes, fixedTime: fixedTime,
            ownership: ownership)
    }
}
