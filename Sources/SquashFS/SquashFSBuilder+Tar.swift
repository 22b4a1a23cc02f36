import BinaryIO
import CIsokitLinux
import Compression
import DiskFormats
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

extension SquashFSBuilder {
    /// Writes a SquashFS image of the root file system in a tar archive (e.g. `docker export` output) to `output`,
    /// without extracting it: owners, modes, device nodes, hard links and extended attributes come from the archive,
    /// so no privileges are needed. File data is read from the archive with `pread`, front to back.
    ///
    /// The archive may be POSIX ustar or pax, or GNU tar; a gzip, zstd or xz compressed archive (detected by its
    /// magic) is first decompressed into a temporary file beside `output`, removed afterwards. Missing parent
    /// directories are made with mode 0755, owned by root, with the archive file's modification time; a later
    /// member replaces an earlier one with the same path. ``SquashFSOptions`` apply as for a directory: excludes
    /// match member paths without a leading `./` or `/`.
    ///
    /// ```swift
    /// let options = SquashFSOptions(fixedTime: 1_700_000_000, excludes: ["var/cache/*"])
    /// try SquashFSBuilder.build(fromTar: "rootfs.tar.zst", to: "00-base.squashfs", options: options)
    /// ```
    /// - Parameters:
    ///   - archive: The tar archive, compressed or not.
    ///   - output: The image path.
    ///   - options: Compressor, block size, threads, times, ownership and excludes.
    ///   - observer: Sees the file data bytes and files as they are compressed.
    /// - Returns: What was written.
    /// - Throws: `ImageError` naming the archive around a `DecodeError` (a bad header or pax record, a `..` path,
    ///   truncated data) or a `CompressionError`; ``SquashFSError`` (bad options, ``SquashFSError/hardLinkTargetMissing(path:target:)``,
    ///   ``SquashFSError/parentNotADirectory(path:parent:)``, a library failure); `IOError` naming a file.
    @discardableResult
    public static func build(
        fromTar archive: String, to output: String, options: SquashFSOptions = SquashFSOptions(),
        observer: (@Sendable (ProgressSnapshot) -> Void)? = nil
    ) throws -> SquashFSBuildSummary {
        try validate(options)
        let source = try ImageReader(path: archive)
        var status = stat()
        guard fstat(source.descriptor.rawValue, &status) == 0 else {
            throw IOError("stat", path: archive, errno: Errno(rawValue: isokit_errno()))
        }
        let format = try ImageError.wrap(image: archive) {
            CompressionFormat(detecting: try source.read(at: 0, count: Int(min(source.size, 6)), structure: "tar header"))
        }
        let tar = format == .none ? source : try decompressed(source, format: format, beside: output)
        var scanner = TarScanner(
            options: options, archivePath: archive, implicitDirectoryTime: Int64(status.st_mtim.tv_sec))
        var reader = TarArchiveReader(image: tar)
        let nodes: [SourceNode]
        do {
            nodes = try scanner.scan(&reader)
        } catch let error as DecodeError {
            throw ImageError(image: archive, underlying: error)  // SquashFSError and IOError name their paths
        }
        return try AtomicFile.write(to: output) { _, temporary in
            try ImageAssembler(output: output, options: options, nodes: nodes, archive: tar, observer: observer)
                .write(to: temporary)
            return SquashFSBuildSummary(nodes)
        }
    }

    /// Decompresses `source` into an unlinked temporary file beside `output` and opens it for reading.
    private static func decompressed(
        _ source: ImageReader, format: CompressionFormat, beside output: String
    ) throws -> ImageReader {
        var template = Array((output + ".tar-XXXXXX").utf8CString)
        let raw = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        let temporary = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        guard raw >= 0 else { throw IOError("create", path: temporary, errno: Errno(rawValue: isokit_errno())) }
        let descriptor = FileDescriptor(rawValue: raw)
        defer {
            try? descriptor.close()
            unlink(temporary)
        }
        _ = try ImageError.wrap(image: source.path) {
            try Decompressor(format: format).decompress(
                from: source.descriptor, path: source.path, to: descriptor, path: temporary)
        }
        // The open reader keeps the data after the name is unlinked (by the defer above).
        return try ImageReader(path: temporary)
    }
}
