import BinaryIO
import CIsokitLinux
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// Copies files out of an image onto the host without mounting it and without ever writing outside the target.
///
/// Every file is created relative to an open directory descriptor with `O_NOFOLLOW`, names come from the reader's
/// sanitised entries, and existing symbolic links are never followed, so a hostile image cannot place files
/// outside the target directory.
public struct Extractor {
    /// The image to read from.
    public let image: ISOImage
    /// How to write.
    public let options: ExtractOptions
    private let observer: (@Sendable (ProgressSnapshot) -> Void)?

    /// Directories nested deeper than this are treated as damage.
    public static let depthLimit = 512

    /// Creates an extractor; `observer` sees the bytes and files written so far, against the totals of the
    /// requested paths, after each file.
    public init(image: ISOImage, options: ExtractOptions = .init(), observer: (@Sendable (ProgressSnapshot) -> Void)? = nil) {
        self.image = image
        self.options = options
        self.observer = observer
    }

    /// Extracts each of `paths` (absolute paths inside the image) into `target`, which is created if missing.
    /// `/` extracts the whole tree's contents into `target`; any other path lands as `target/basename`.
    /// - Throws: ``ImageError`` for damage in the image, ``IOError`` for host failures (with the host path).
    public func extract(_ paths: [String], to target: String) throws -> ExtractionSummary {
        try Self.createDirectories(target)
        let targetFD = open(target, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard targetFD >= 0 else { throw IOError("open directory", path: target, errno: Errno(rawValue: errno)) }
        defer { close(targetFD) }
        var state = State(target: target)
        if observer != nil {
            for path in paths {
                try image.walk(from: try image.entry(at: path)) { entry in
                    guard entry.kind == .regular else { return }
                    state.totalBytes += entry.size
                    state.totalFiles += 1
                }
            }
        }
        for path in paths {
            let entry = try image.entry(at: path)
            if entry.path == "/" {
                try extractChildren(of: entry, into: targetFD, hostPath: target, depth: 0, state: &state)
            } else {
                try extractEntry(entry, into: targetFD, hostPath: target, depth: 0, state: &state)
            }
        }
        return state.summary
    }

    /// `mkdir -p` for the target directory the user named.
    private static func createDirectories(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/") {
            prefix += component
            if mkdir(prefix, 0o755) != 0, errno != EEXIST {
                throw IOError("create directory", path: prefix, errno: Errno(rawValue: errno))
            }
            prefix += "/"
        }
    }

    private struct State {
        var target: String
        var summary = ExtractionSummary()
        /// First host path written for each shared data extent, to recreate hard links.
        var linkSources: [Extent: String] = [:]
        /// First host path written for each Rock Ridge serial number of an empty file with several links: empty
        /// files all share one extent, so only the serial (RRIP 1.12 PX) tells their hard links apart.
        var emptyLinkSources: [UInt32: String] = [:]
        var directoryExtents: Set<UInt32> = []
        var totalBytes: Int64 = 0
        var totalFiles = 0
    }

    private func extractChildren(of directory: ISOEntry, into fd: Int32, hostPath: String, depth: Int, state: inout State) throws {
        let extent = directory.extents.first?.lba ?? 0
        guard state.directoryExtents.insert(extent).inserted else {
            throw ImageError(image: image.path, underlying: ISO9660Error.directoryLoop(path: directory.path, extent: extent))
        }
        guard depth < Self.depthLimit else {
            throw ImageError(image: image.path, underlying: ISO9660Error.limitExceeded(
                what: "directory levels", path: directory.path, limit: Self.depthLimit))
        }
        for child in try image.list(directory) {
            try extractEntry(child, into: fd, hostPath: hostPath, depth: depth + 1, state: &state)
        }
    }

    private func extractEntry(_ entry: ISOEntry, into parentFD: Int32, hostPath parentPath: String, depth: Int, state: inout State) throws {
        let name = entry.name
        let hostPath = parentPath + "/" + name
        switch entry.kind {
        case .directory:
            if mkdirat(parentFD, name, 0o700) != 0, errno != EEXIST {
                throw IOError("create directory", path: hostPath, errno: Errno(rawValue: errno))
            }
            let fd = openat(parentFD, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard fd >= 0 else { throw IOError("open directory", path: hostPath, errno: Errno(rawValue: errno)) }
            defer { close(fd) }
            try extractChildren(of: entry, into: fd, hostPath: hostPath, depth: depth, state: &state)
            try applyMetadata(entry, fd: fd, hostPath: hostPath)
            state.summary.directories += 1
        case .regular:
            try removeExisting(name, in: parentFD, hostPath: hostPath)
            let emptySerial = entry.size == 0 && (entry.links ?? 1) > 1 ? entry.serial : nil
            if let source = earlierName(of: entry, emptySerial: emptySerial, in: state) {
                guard linkat(AT_FDCWD, source, parentFD, name, 0) == 0 else {
                    throw IOError("link to \(source)", path: hostPath, errno: Errno(rawValue: errno))
                }
                state.summary.files += 1
                return
            }
            try writeFile(entry, in: parentFD, hostPath: hostPath)
            if entry.size > 0, let first = entry.extents.first { state.linkSources[first] = hostPath }
            if let emptySerial { state.emptyLinkSources[emptySerial] = hostPath }
            state.summary.files += 1
            state.summary.bytes += entry.size
            observer?(ProgressSnapshot(
                bytes: state.summary.bytes, totalBytes: state.totalBytes, files: state.summary.files,
                totalFiles: state.totalFiles))
        case .symlink:
            try removeExisting(name, in: parentFD, hostPath: hostPath)
            guard symlinkat(entry.symlinkTarget ?? "", parentFD, name) == 0 else {
                throw IOError("create symbolic link", path: hostPath, errno: Errno(rawValue: errno))
            }
            try applyLinkMetadata(entry, in: parentFD, hostPath: hostPath)
            state.summary.symlinks += 1
        case .characterDevice, .blockDevice, .fifo, .socket:
            try removeExisting(name, in: parentFD, hostPath: hostPath)
            let device = entry.device.map { dev_t(isokit_makedev($0.major, $0.minor)) } ?? 0
            guard mknodat(parentFD, name, mode_t(entry.kind.modeBits | 0o600), device) == 0 else {
                state.summary.skipped.append("\(entry.path): \(Errno(rawValue: errno))")
                return
            }
            try applyLinkMetadata(entry, in: parentFD, hostPath: hostPath)
            state.summary.specialFiles += 1
        }
    }

    /// The host path of an earlier name of the same file, to link to: by serial number for an empty file, by first
    /// extent for a non-empty one with several links (or without Rock Ridge).
    private func earlierName(of entry: ISOEntry, emptySerial: UInt32?, in state: State) -> String? {
        if let emptySerial { return state.emptyLinkSources[emptySerial] }
        guard entry.size > 0, entry.links.map({ $0 > 1 }) ?? true, let first = entry.extents.first else { return nil }
        return state.linkSources[first]
    }

    private func writeFile(_ entry: ISOEntry, in parentFD: Int32, hostPath: String) throws {
        let fd = openat(parentFD, entry.name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw IOError("create file", path: hostPath, errno: Errno(rawValue: errno)) }
        defer { close(fd) }
        let output = FileDescriptor(rawValue: fd)
        var written: Int64 = 0
        for extent in entry.extents {
            try ImageError.wrap(image: image.path) {
                try FileCopier.copySparse(
                    from: image.reader.descriptor, at: extent.byteOffset, path: image.path,
                    to: output, at: written, path: hostPath, count: Int64(extent.length))
            }
            written += Int64(extent.length)
        }
        guard ftruncate(fd, off_t(written)) == 0 else {
            throw IOError("set size", path: hostPath, errno: Errno(rawValue: errno))
        }
        try applyMetadata(entry, fd: fd, hostPath: hostPath)
    }

    private func removeExisting(_ name: String, in parentFD: Int32, hostPath: String) throws {
        guard options.overwrite else { return }
        if unlinkat(parentFD, name, 0) != 0, errno != ENOENT {
            throw IOError("replace", path: hostPath, errno: Errno(rawValue: errno))
        }
    }

    private func applyMetadata(_ entry: ISOEntry, fd: Int32, hostPath: String) throws {
        if options.preserveOwners, let uid = entry.uid, let gid = entry.gid, fchown(fd, uid, gid) != 0 {
            throw IOError("change owner", path: hostPath, errno: Errno(rawValue: errno))
        }
        let keepSpecialBits = options.preserveOwners && entry.uid != nil
        let permissions = entry.permissions & (keepSpecialBits ? 0o7777 : 0o1777)
        guard fchmod(fd, mode_t(permissions)) == 0 else {
            throw IOError("change mode", path: hostPath, errno: Errno(rawValue: errno))
        }
        var times = timeSpecs(entry)
        guard futimens(fd, &times) == 0 else { throw IOError("set times", path: hostPath, errno: Errno(rawValue: errno)) }
    }

    private func applyLinkMetadata(_ entry: ISOEntry, in parentFD: Int32, hostPath: String) throws {
        if options.preserveOwners, let uid = entry.uid, let gid = entry.gid,
           fchownat(parentFD, entry.name, uid, gid, AT_SYMLINK_NOFOLLOW) != 0 {
            throw IOError("change owner", path: hostPath, errno: Errno(rawValue: errno))
        }
        if entry.kind != .symlink, fchmodat(parentFD, entry.name, mode_t(entry.permissions & 0o1777), 0) != 0 {
            throw IOError("change mode", path: hostPath, errno: Errno(rawValue: errno))
        }
        var times = timeSpecs(entry)
        guard utimensat(parentFD, entry.name, &times, AT_SYMLINK_NOFOLLOW) == 0 else {
            throw IOError("set times", path: hostPath, errno: Errno(rawValue: errno))
        }
    }

    private func timeSpecs(_ entry: ISOEntry) -> [timespec] {
        let modified = entry.modificationTime.map { timespec(tv_sec: Int($0), tv_nsec: 0) } ?? timespec(tv_sec: 0, tv_nsec: isokit_utime_omit())
        let accessed = entry.accessTime.map { timespec(tv_sec: Int($0), tv_nsec: 0) } ?? modified
        return [accessed, modified]
    }
}
