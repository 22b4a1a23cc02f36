import BinaryIO

/// Builds SquashFS 4.0 images from a directory tree through libsquashfs, without root and reproducibly.
public enum SquashFSBuilder {
    /// Writes a SquashFS image of `directory` to `output`, atomically (a temporary file beside it, then rename).
    ///
    /// Regular files, directories, symlinks, hard links, device nodes, FIFOs, sockets and (unless turned off)
    /// `user.`/`trusted.`/`security.` extended attributes are stored. Symlinks are never followed.
    /// - Parameters:
    ///   - directory: The source tree's root; it becomes the image's root directory.
    ///   - output: The image path.
    ///   - options: Compressor, block size, threads, times, ownership and excludes.
    ///   - observer: Sees the file data bytes and files as they are compressed.
    /// - Returns: What was written.
    /// - Throws: ``SquashFSError`` (bad options, an unsupported entry, a file that changed, or a libsquashfs
    ///   failure with its code), or `IOError` naming the source or output path.
    @discardableResult
    public static func build(
        from directory: String, to output: String, options: SquashFSOptions = SquashFSOptions(),
        observer: (@Sendable (ProgressSnapshot) -> Void)? = nil
    ) throws -> SquashFSBuildSummary {
        try validate(options)
        var scanner = SourceScanner(options: options)
        let nodes = try scanner.scan(root: directory)
        return try AtomicFile.write(to: output) { _, temporary in
            try ImageAssembler(output: output, options: options, nodes: nodes, observer: observer).write(to: temporary)
            return SquashFSBuildSummary(nodes)
        }
    }

    /// Throws ``SquashFSError/invalidOptions(_:)`` for a block size or thread count libsquashfs can't use.
    static func validate(_ options: SquashFSOptions) throws {
        let size = options.blockSizeBytes
        guard size >= 4096, size <= 1 << 20, size & (size - 1) == 0 else {
            throw SquashFSError.invalidOptions("block size \(size) is not a power of two from 4096 to 1048576")
        }
        guard options.workerThreads >= 1, options.workerThreads <= 1024 else {
            throw SquashFSError.invalidOptions("\(options.workerThreads) worker threads (1…1024 allowed)")
        }
    }
}
