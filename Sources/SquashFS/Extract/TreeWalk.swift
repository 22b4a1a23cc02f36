import BinaryIO
import CIsokitLinux
import CSquashFS
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// The state of one ``SquashFSExtractor`` run: creates each entry under its parent's descriptor and fills the report.
struct TreeWalk {
    let session: ImageSession
    let image: String
    let target: String
    let rootFD: Int32
    let progress: ProgressCounter
    var report = SquashFSExtractReport()
    /// The first path written for each hard-linked inode number: as text for the table, as bytes for `linkat`.
    private var firstNames: [UInt32: (text: String, bytes: [CChar])] = [:]
    private let asRoot = geteuid() == 0

    init(session: ImageSession, image: String, target: String, rootFD: Int32, progress: ProgressCounter) {
        self.session = session
        self.image = image
        self.target = target
        self.rootFD = rootFD
        self.progress = progress
    }

    /// The table row for `node` at `path`.
    func metadata(_ node: UnsafeMutablePointer<sqfs_tree_node_t>, path: String) -> SquashFSMetadata {
        let inode = node.pointee.inode.pointee
        return SquashFSMetadata(
            path: path, mode: UInt32(inode.base.mode), user: node.pointee.uid, group: node.pointee.gid,
            modificationTime: inode.base.mod_time)
    }

    mutating func extractChildren(
        of directory: UnsafeMutablePointer<sqfs_tree_node_t>, fd: Int32, path: String, rawPath: [UInt8] = [], depth: Int
    ) throws {
        guard depth < SquashFSExtractor.depthLimit else {
            throw SquashFSTreeError.tooDeep(image: image, path: path, limit: SquashFSExtractor.depthLimit)
        }
        var child = directory.pointee.children
        while let node = child {
            let nameBytes = Array(UnsafeRawBufferPointer(
                start: isokit_sqfs_tree_node_name(node), count: strlen(isokit_sqfs_tree_node_name(node))))
            let name = String(decoding: nameBytes, as: UTF8.self)
            let childPath = path.isEmpty ? name : path + "/" + name
            guard !nameBytes.isEmpty, nameBytes != [0x2E], nameBytes != [0x2E, 0x2E], !nameBytes.contains(0x2F) else {
                throw SquashFSTreeError.unsafeName(image: image, path: String(reflecting: childPath).dropFirst().dropLast().description)
            }
            let childRawPath = rawPath.isEmpty ? nameBytes : rawPath + [0x2F] + nameBytes
            try extract(
                node, name: nameBytes.map { CChar(bitPattern: $0) } + [0], in: fd, path: childPath, rawPath: childRawPath,
                depth: depth)
            child = node.pointee.next
        }
    }

    private mutating func extract(
        _ node: UnsafeMutablePointer<sqfs_tree_node_t>, name: [CChar], in parent: Int32, path: String, rawPath: [UInt8],
        depth: Int
    ) throws {
        guard let inode = node.pointee.inode else {
            throw SquashFSError.library(operation: "read inode /\(path)", path: image, code: SQFS_ERROR_CORRUPTED.rawValue)
        }
        let type = UInt32(inode.pointee.base.type)
        let hostPath = target + "/" + path
        var record = metadata(node, path: path)
        let attributes = try session.extendedAttributes(of: inode, entry: path)
        record.extendedAttributes = attributes.isEmpty ? nil : attributes
        switch type {
        case SQFS_INODE_DIR.rawValue, SQFS_INODE_EXT_DIR.rawValue:
            guard mkdirat(parent, name, 0o700) == 0 else { throw failure("create directory", path: path) }
            let fd = openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { throw IOError("open directory", path: hostPath, errno: Errno(rawValue: isokit_errno())) }
            defer { close(fd) }
            report.metadata.entries.append(record)
            try extractChildren(of: node, fd: fd, path: path, rawPath: rawPath, depth: depth + 1)
            try finish(record, fd: fd, hostPath: hostPath)
            report.directories += 1
            return
        case SQFS_INODE_FILE.rawValue, SQFS_INODE_EXT_FILE.rawValue:
            try session.check(sqfs_inode_get_file_size(inode, &record.sizeBytes), "file size", entry: path)
            let number = inode.pointee.base.inode_number
            if let first = firstNames[number] {
                // `first` only crosses directories this run created (never symlinks), relative to the target.
                guard linkat(rootFD, first.bytes, parent, name, 0) == 0 else {
                    throw failure("link to \(first.text)", path: path)
                }
                record.hardLinkOf = first.text
                report.hardLinks += 1
            } else {
                if linkCount(inode.pointee) > 1 { firstNames[number] = (path, rawPath.map { CChar(bitPattern: $0) } + [0]) }
                let fd = openat(parent, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
                guard fd >= 0 else { throw failure("create", path: path) }
                defer { close(fd) }
                try copyData(inode, size: record.sizeBytes, to: fd, path: path)
                try finish(record, fd: fd, hostPath: hostPath)
                report.files += 1
                report.bytes += Int64(clamping: record.sizeBytes)
                progress.advance(bytes: 0, files: 1)
            }
        case SQFS_INODE_SLINK.rawValue, SQFS_INODE_EXT_SLINK.rawValue:
            let length = Int(type == SQFS_INODE_SLINK.rawValue
                ? inode.pointee.data.slink.target_size : inode.pointee.data.slink_ext.target_size)
            guard length <= Int(inode.pointee.payload_bytes_available) else {
                throw SquashFSError.library(operation: "symlink target /\(path)", path: image, code: SQFS_ERROR_CORRUPTED.rawValue)
            }
            let bytes = Array(UnsafeRawBufferPointer(start: isokit_sqfs_inode_extra(inode), count: length))
            guard !bytes.contains(0) else {
                throw SquashFSError.library(operation: "symlink target /\(path)", path: image, code: SQFS_ERROR_CORRUPTED.rawValue)
            }
            record.linkTarget = String(decoding: bytes, as: UTF8.self)
            guard symlinkat(bytes.map { CChar(bitPattern: $0) } + [0], parent, name) == 0 else {
                throw failure("create symlink", path: path)
            }
            try finishLink(record, name: name, in: parent, hostPath: hostPath)
            report.symlinks += 1
        case SQFS_INODE_BDEV.rawValue, SQFS_INODE_CDEV.rawValue, SQFS_INODE_EXT_BDEV.rawValue, SQFS_INODE_EXT_CDEV.rawValue,
            SQFS_INODE_FIFO.rawValue, SQFS_INODE_SOCKET.rawValue, SQFS_INODE_EXT_FIFO.rawValue, SQFS_INODE_EXT_SOCKET.rawValue:
            if [SQFS_INODE_BDEV.rawValue, SQFS_INODE_CDEV.rawValue].contains(type) {
                (record.deviceMajor, record.deviceMinor) = Self.split(device: inode.pointee.data.dev.devno)
            } else if [SQFS_INODE_EXT_BDEV.rawValue, SQFS_INODE_EXT_CDEV.rawValue].contains(type) {
                (record.deviceMajor, record.deviceMinor) = Self.split(device: inode.pointee.data.dev_ext.devno)
            }
            let fd = openat(parent, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw failure("create placeholder", path: path) }
            defer { close(fd) }
            try finish(record, fd: fd, hostPath: hostPath)
            report.specialFiles += 1
        default:
            throw SquashFSTreeError.unknownInodeType(image: image, path: path, type: inode.pointee.base.type)
        }
        report.metadata.entries.append(record)
    }

    /// An `IOError` for a failed creation, or ``SquashFSTreeError/duplicateName(image:path:)`` if the name exists.
    private func failure(_ operation: String, path: String) -> any Error {
        let error = isokit_errno()
        if error == EEXIST { return SquashFSTreeError.duplicateName(image: image, path: path) }
        return IOError(operation, path: target + "/" + path, errno: Errno(rawValue: error))
    }

    private func linkCount(_ inode: sqfs_inode_generic_t) -> UInt32 {
        UInt32(inode.base.type) == SQFS_INODE_EXT_FILE.rawValue ? inode.data.file_ext.nlink : 1
    }

    /// Decompresses the file's data into `fd` in chunks.
    private func copyData(_ inode: UnsafeMutablePointer<sqfs_inode_generic_t>, size: UInt64, to fd: Int32, path: String) throws {
        guard size > 0 else { return }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: SquashFSExtractor.chunkBytes, alignment: 16)
        defer { buffer.deallocate() }
        var offset: UInt64 = 0
        while offset < size {
            let want = Int(min(UInt64(buffer.count), size - offset))
            let read = try session.read(inode, at: offset, into: buffer, count: want, entry: path)
            guard read > 0 else {
                throw SquashFSError.library(operation: "read /\(path)", path: image, code: SQFS_ERROR_CORRUPTED.rawValue)
            }
            var written = 0
            while written < read {
                let result = pwrite(fd, buffer.baseAddress?.advanced(by: written), read - written, off_t(offset) + off_t(written))
                guard result > 0 else {
                    throw IOError("write", path: target + "/" + path, errno: Errno(rawValue: result < 0 ? isokit_errno() : EIO))
                }
                written += result
            }
            offset += UInt64(read)
            progress.advance(bytes: Int64(read), files: 0)
        }
    }

    /// Sets owner (as root), host permissions and modification time on an open file or directory.
    func finish(_ record: SquashFSMetadata, fd: Int32, hostPath: String) throws {
        if asRoot, fchown(fd, record.user, record.group) != 0 {
            throw IOError("set owner", path: hostPath, errno: Errno(rawValue: isokit_errno()))
        }
        guard fchmod(fd, mode_t(record.hostPermissions)) == 0 else {
            throw IOError("set mode", path: hostPath, errno: Errno(rawValue: isokit_errno()))
        }
        var times = Self.times(record.modificationTime)
        guard futimens(fd, &times.0) == 0 else {
            throw IOError("set modification time", path: hostPath, errno: Errno(rawValue: isokit_errno()))
        }
    }

    /// Sets owner (as root) and modification time on a symlink, without following it.
    private func finishLink(_ record: SquashFSMetadata, name: [CChar], in parent: Int32, hostPath: String) throws {
        if asRoot, fchownat(parent, name, record.user, record.group, AT_SYMLINK_NOFOLLOW) != 0 {
            throw IOError("set owner", path: hostPath, errno: Errno(rawValue: isokit_errno()))
        }
        var times = Self.times(record.modificationTime)
        guard utimensat(parent, name, &times.0, AT_SYMLINK_NOFOLLOW) == 0 else {
            throw IOError("set modification time", path: hostPath, errno: Errno(rawValue: isokit_errno()))
        }
    }

    private static func times(_ seconds: UInt32) -> (timespec, timespec) {
        let time = timespec(tv_sec: Int(seconds), tv_nsec: 0)
        return (time, time)
    }

    /// Major and minor from SquashFS's 32-bit device encoding (minor's low byte, 12 bits of major, minor's rest).
    static func split(device: UInt32) -> (UInt32, UInt32) {
        ((device >> 8) & 0xFFF, (device & 0xFF) | ((device >> 12) & 0xFFF00))
    }
}
