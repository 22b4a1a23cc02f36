import BinaryIO
import CIsokitLinux
import CSquashFS
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// Walks a source directory with `lstat` (never following symlinks) into a flat node array, root at index 0.
struct SourceScanner {
    let options: SquashFSOptions
    private(set) var nodes: [SourceNode] = []
    /// (device, inode) of each regular file seen, to find hard links.
    private var seenFiles: [SIMD2<UInt64>: Int] = [:]

    init(options: SquashFSOptions) { self.options = options }

    /// Scans `root` and numbers the inodes (children before their directory, the root last).
    mutating func scan(root: String) throws -> [SourceNode] {
        let rootPath = SourcePath(root)
        let status = try lstatus(rootPath)
        guard status.st_mode & S_IFMT == S_IFDIR else { throw SquashFSError.notADirectory(path: root) }
        nodes = []
        _ = try add(name: [], path: rootPath, relative: [], status: status)
        SourceNode.numberInodes(&nodes)
        return nodes
    }

    private func lstatus(_ path: SourcePath) throws -> stat {
        var status = stat()
        guard lstat(path.bytes, &status) == 0 else {
            throw IOError("lstat", path: path.display, errno: Errno(rawValue: isokit_errno()))
        }
        return status
    }

    private mutating func add(name: [UInt8], path: SourcePath, relative: [UInt8], status: stat) throws -> Int {
        let owner = options.ownership.map(user: status.st_uid, group: status.st_gid)
        let time = options.fixedTime ?? UInt32(clamping: status.st_mtim.tv_sec)
        var node = SourceNode(
            name: name, path: path.display, cPath: path.bytes, mode: status.st_mode, user: owner.user, group: owner.group,
            modificationTime: time, sizeBytes: 0, deviceNumber: 0, linkTarget: [], children: [], hardLinkOf: nil,
            linkCount: 1, extendedAttributes: [], inodeNumber: 0)
        guard name.count <= 256 else { throw SquashFSError.nameTooLong(path: path.display, bytes: name.count) }
        let index = nodes.count
        switch status.st_mode & S_IFMT {
        case S_IFREG:
            node.sizeBytes = UInt64(clamping: status.st_size)
            let key = SIMD2(UInt64(status.st_dev), UInt64(status.st_ino))
            if status.st_nlink > 1, let first = seenFiles[key] {
                node.hardLinkOf = first
                nodes[first].linkCount += 1
            } else if status.st_nlink > 1 {
                seenFiles[key] = index
            }
        case S_IFLNK:
            node.linkTarget = try readLink(path, sizeBytes: Int(clamping: status.st_size))
        case S_IFCHR, S_IFBLK:
            let major = isokit_major(UInt64(status.st_rdev)), minor = isokit_minor(UInt64(status.st_rdev))
            node.deviceNumber = SourceNode.deviceNumber(major: major, minor: minor)
        case S_IFIFO, S_IFSOCK, S_IFDIR:
            break
        default:
            throw SquashFSError.unsupportedFileType(path: path.display, mode: status.st_mode)
        }
        if options.extendedAttributes { node.extendedAttributes = try readAttributes(path) }
        nodes.append(node)
        if node.isDirectory {
            var children: [Int] = []
            for childName in try listDirectory(path) {
                let childPath = path.appending(childName)
                let childRelative = relative.isEmpty ? childName : relative + [0x2F] + childName
                if isExcluded(childRelative) { continue }
                let childStatus = try lstatus(childPath)
                let child = try add(name: childName, path: childPath, relative: childRelative, status: childStatus)
                if nodes[child].isDirectory { nodes[index].linkCount += 1 }
                children.append(child)
            }
            nodes[index].linkCount += 1
            nodes[index].children = children
        }
        return index
    }

    private func isExcluded(_ relative: [UInt8]) -> Bool {
        let cRelative = relative.map { CChar(bitPattern: $0) } + [0]
        return options.excludes.contains { fnmatch($0, cRelative, FNM_PATHNAME) == 0 }
    }

    /// The names in `path` except `.` and `..`, sorted by bytes (SquashFS directories are sorted with strcmp).
    private func listDirectory(_ path: SourcePath) throws -> [[UInt8]] {
        guard let directory = opendir(path.bytes) else {
            throw IOError("open directory", path: path.display, errno: Errno(rawValue: isokit_errno()))
        }
        defer { closedir(directory) }
        var names: [[UInt8]] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name == [0x2E] || name == [0x2E, 0x2E] { continue }
            names.append(name)
        }
        return names.sorted { $0.lexicographicallyPrecedes($1) }
    }

    private func readLink(_ path: SourcePath, sizeBytes: Int) throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: max(sizeBytes, 4095) + 1)
        let count = buffer.withUnsafeMutableBufferPointer { pointer in
            pointer.withMemoryRebound(to: CChar.self) { characters -> Int in
                guard let base = characters.baseAddress else { return -1 }
                return readlink(path.bytes, base, characters.count)
            }
        }
        guard count >= 0 else { throw IOError("readlink", path: path.display, errno: Errno(rawValue: isokit_errno())) }
        guard count < buffer.count else { throw SquashFSError.nameTooLong(path: path.display, bytes: count) }
        return Array(buffer[..<count])
    }

    /// The extended attributes SquashFS can hold (`user.`, `trusted.`, `security.`; ACLs in `system.` can't be
    /// stored and are left out), sorted by key. A file system without xattr support has none.
    private func readAttributes(_ path: SourcePath) throws -> [(key: [UInt8], value: [UInt8])] {
        let listSize = llistxattr(path.bytes, nil, 0)
        if listSize < 0 {
            let error = isokit_errno()
            if error == ENOTSUP { return [] }
            throw IOError("list extended attributes", path: path.display, errno: Errno(rawValue: error))
        }
        guard listSize > 0 else { return [] }
        var names = [CChar](repeating: 0, count: listSize)
        let listed = names.withUnsafeMutableBufferPointer { llistxattr(path.bytes, $0.baseAddress, $0.count) }
        guard listed >= 0 else {
            throw IOError("list extended attributes", path: path.display, errno: Errno(rawValue: isokit_errno()))
        }
        var attributes: [(key: [UInt8], value: [UInt8])] = []
        for key in names[..<listed].split(separator: 0).map({ $0.map { UInt8(bitPattern: $0) } })
        where SourceNode.isStorableAttribute(key) {
            let cKey = key.map { CChar(bitPattern: $0) } + [0]
            let size = lgetxattr(path.bytes, cKey, nil, 0)
            guard size >= 0 else {
                throw IOError("read extended attribute \(String(decoding: key, as: UTF8.self))", path: path.display, errno: Errno(rawValue: isokit_errno()))
            }
            var value = [UInt8](repeating: 0, count: size)
            let read = value.withUnsafeMutableBytes { lgetxattr(path.bytes, cKey, $0.baseAddress, $0.count) }
            guard read >= 0 else {
                throw IOError("read extended attribute \(String(decoding: key, as: UTF8.self))", path: path.display, errno: Errno(rawValue: isokit_errno()))
            }
            attributes.append((key, Array(value[..<read])))
        }
        return attributes.sorted { $0.key.lexicographicallyPrecedes($1.key) }
    }
}
