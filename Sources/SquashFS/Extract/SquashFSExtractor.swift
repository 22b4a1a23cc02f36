import BinaryIO
import CIsokitLinux
import CSquashFS
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// Extracts a SquashFS image to a directory without root, and never outside that directory.
///
/// Every entry is created relative to its parent's directory descriptor (`mkdirat`, `openat` with `O_EXCL` and
/// `O_NOFOLLOW`, `symlinkat`, `linkat`), so names and symlink targets from the image are data, never paths that are
/// followed: an entry named `..` or holding `/` is an error, and a symlink to `/etc` stays a symlink. What the host
/// can't hold without root — owners, device nodes, FIFOs, sockets, modes an unprivileged owner could not edit — is
/// returned in a ``SquashFSMetadataTable``; devices, FIFOs and sockets leave empty placeholder files.
///
/// ```swift
/// let report = try SquashFSExtractor.extract(image: "filesystem.squashfs", to: "root")
/// print(report.metadata.entries.count, report.compressor ?? .gzip)
/// ```
public enum SquashFSExtractor {
    /// Directories nested deeper than this are treated as damage.
    public static let depthLimit = 512
    /// Bytes decompressed per read.
    static let chunkBytes = 1 << 20

    /// Extracts `image` into `directory` (created if missing; it must be empty).
    ///
    /// Regular files, directories, symlinks and hard links are made with the image's modification times and with
    /// its permission bits plus owner read/write (files) or read/write/search (directories); as root, owners are
    /// set too. Extended attributes are recorded in the table, not set on the host files.
    /// - Parameters:
    ///   - image: The SquashFS image.
    ///   - directory: The target directory.
    ///   - observer: Sees the bytes and files written against the image's totals.
    /// - Returns: Counts, the image's compressor and block size, and the metadata table.
    /// - Throws: ``SquashFSTreeError`` (an unsafe or duplicate name, a non-empty target, nesting too deep),
    ///   ``SquashFSError/library(operation:path:code:)`` for an image libsquashfs can't read, `IOError` naming a
    ///   host path. What was written before the error is left in place.
    public static func extract(
        image: String, to directory: String, observer: (@Sendable (ProgressSnapshot) -> Void)? = nil
    ) throws -> SquashFSExtractReport {
        let session = try ImageSession(path: image)
        let root = try session.loadTree()
        try prepare(directory)
        let rootFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard rootFD >= 0 else { throw IOError("open directory", path: directory, errno: Errno(rawValue: isokit_errno())) }
        defer { close(rootFD) }

        var totals = (bytes: Int64(0), files: 0)
        countFiles(root, into: &totals)
        var walk = TreeWalk(
            session: session, image: image, target: directory, rootFD: rootFD,
            progress: ProgressCounter(totalBytes: totals.bytes, totalFiles: totals.files, observer: observer))
        walk.report.compressorID = session.superBlock.compression_id
        walk.report.compressor = SquashFSCompressor(compressorID: session.superBlock.compression_id)
        walk.report.blockSizeBytes = Int(session.superBlock.block_size)
        var record = walk.metadata(root, path: "")
        if let inode = root.pointee.inode {
            let attributes = try session.extendedAttributes(of: inode, entry: "")
            record.extendedAttributes = attributes.isEmpty ? nil : attributes
        }
        walk.report.metadata.entries.append(record)
        try walk.extractChildren(of: root, fd: rootFD, path: "", depth: 0)
        try walk.finish(record, fd: rootFD, hostPath: directory)
        walk.report.directories += 1
        return walk.report
    }

    /// Creates `directory` if missing and checks that it is empty.
    private static func prepare(_ directory: String) throws {
        if mkdir(directory, 0o755) != 0 {
            let error = isokit_errno()
            guard error == EEXIST else { throw IOError("create directory", path: directory, errno: Errno(rawValue: error)) }
            guard let stream = opendir(directory) else {
                throw IOError("open directory", path: directory, errno: Errno(rawValue: isokit_errno()))
            }
            defer { closedir(stream) }
            while let entry = readdir(stream) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
                if name != [0x2E], name != [0x2E, 0x2E] { throw SquashFSTreeError.targetNotEmpty(path: directory) }
            }
        }
    }

    private static func countFiles(_ root: UnsafeMutablePointer<sqfs_tree_node_t>, into totals: inout (bytes: Int64, files: Int)) {
        var stack = [root]
        var seen: Set<UInt32> = []
        while let node = stack.popLast() {
            let inode = node.pointee.inode.pointee
            let type = UInt32(inode.base.type)
            if type == SQFS_INODE_FILE.rawValue || type == SQFS_INODE_EXT_FILE.rawValue,
                seen.insert(inode.base.inode_number).inserted
            {
                var size: UInt64 = 0
                if sqfs_inode_get_file_size(node.pointee.inode, &size) == 0 { totals.bytes += Int64(clamping: size) }
                totals.files += 1
            }
            var child = node.pointee.children
            while let current = child {
                stack.append(current)
                child = current.pointee.next
            }
        }
    }
}

extension SquashFSCompressor {
    /// The compressor for a SquashFS 4.0 super block `compression_id`, `nil` for one isokit can't write.
    init?(compressorID: UInt16) {
        guard let match = Self.allCases.first(where: { $0.libraryID.rawValue == UInt32(compressorID) }) else { return nil }
        self = match
    }
}
