import CIsokitLinux
import Foundation
import ISO9660
import TestSupport

/// One node of a host directory tree as `lstat` and `readlink` see it.
struct HostFile: Sendable {
    var listed: ListedFile
    var modificationTime: Int64
    var inode: UInt64
    var links: Int
    /// Bytes allocated on disk (`st_blocks` × 512); small for a sparse file.
    var allocatedBytes: Int64
}

/// Reads host directory trees (a source tree, or what an extractor wrote) without following links and without
/// Foundation's name handling, so names keep their exact bytes.
enum HostTree {
    /// Every node under `root` (not `root` itself), by path relative to `root`.
    static func scan(_ root: String) throws -> [RawPath: HostFile] {
        var result: [RawPath: HostFile] = [:]
        var pending: [[UInt8]] = [[]]
        while let relative = pending.popLast() {
            let directory = relative.isEmpty ? root : root + "/" + String(decoding: relative, as: UTF8.self)
            for name in try names(in: directory) {
                let path = relative.isEmpty ? name : relative + [UInt8(ascii: "/")] + name
                let file = try inspect(root + "/" + String(decoding: path, as: UTF8.self))
                result[RawPath(bytes: path)] = file
                if file.listed.kind == .directory { pending.append(path) }
            }
        }
        return result
    }

    /// What `lstat` says about `path`.
    static func inspect(_ path: String) throws -> HostFile {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw FixtureFailure("lstat \(path): errno \(errno)") }
        let mode = UInt32(info.st_mode)
        guard let kind = EntryKind(mode: mode) else { throw FixtureFailure("\(path): unknown file type \(mode)") }
        var target: String?
        if kind == .symlink {
            var buffer = [UInt8](repeating: 0, count: 4096)
            let count = readlink(path, &buffer, buffer.count)
            guard count >= 0 else { throw FixtureFailure("readlink \(path): errno \(errno)") }
            target = String(decoding: buffer[..<count], as: UTF8.self)
        }
        let device = DeviceID(major: isokit_major(UInt64(info.st_rdev)), minor: isokit_minor(UInt64(info.st_rdev)))
        return HostFile(
            listed: ListedFile(
                kind: kind, permissions: mode & 0o7777, size: Int64(info.st_size), symlinkTarget: target, device: device),
            modificationTime: Int64(info.st_mtim.tv_sec), inode: UInt64(info.st_ino), links: Int(info.st_nlink),
            allocatedBytes: Int64(info.st_blocks) * 512)
    }

    /// The names in `directory` as raw bytes, without `.` and `..`.
    static func names(in directory: String) throws -> [[UInt8]] {
        guard let stream = opendir(directory) else { throw FixtureFailure("opendir \(directory): errno \(errno)") }
        defer { closedir(stream) }
        var names: [[UInt8]] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if name != [0x2E], name != [0x2E, 0x2E] { names.append(name) }
        }
        return names
    }

    /// The listing part of a scan.
    static func listing(_ files: [RawPath: HostFile]) -> Listing { files.mapValues(\.listed) }

    /// Groups of paths that are hard links to one regular file (two or more names).
    static func hardLinkGroups(_ files: [RawPath: HostFile]) -> Set<Set<RawPath>> {
        let regular = files.filter { $0.value.listed.kind == .regular && $0.value.links > 1 }
        let groups = Dictionary(grouping: regular.keys) { regular[$0]?.inode ?? 0 }
        return Set(groups.values.map(Set.init).filter { $0.count > 1 })
    }

    /// A checksum of every regular file of at most `limit` bytes under `root`, by path.
    static func checksums(_ files: [RawPath: HostFile], under root: String, limit: Int64 = 16 << 20) throws -> [RawPath: UInt64] {
        var result: [RawPath: UInt64] = [:]
        for (path, file) in files where file.listed.kind == .regular && (file.listed.size ?? 0) <= limit {
            result[path] = ContentCompare.checksum(try ContentCompare.contents(of: root + "/" + path.description))
        }
        return result
    }

    /// The data segments of a file (`SEEK_DATA` / `SEEK_HOLE`); one segment covering the file where the file
    /// system does not report holes.
    static func dataSegments(_ path: String) throws -> [Range<Int64>] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FixtureFailure("open \(path): errno \(errno)") }
        defer { close(descriptor) }
        let size = Int64(lseek(descriptor, 0, SEEK_END))
        var segments: [Range<Int64>] = []
        var position: Int64 = 0
        while position < size {
            let start = isokit_seek_data(descriptor, position)
            guard start >= 0 else { break }
            let end = isokit_seek_hole(descriptor, start)
            guard end > start else { throw FixtureFailure("SEEK_HOLE in \(path) at \(start): errno \(errno)") }
            segments.append(start..<end)
            position = end
        }
        return segments
    }

    /// Whether two files hold the same bytes, reading only their data segments: the holes of one must be holes
    /// (or zeros) in the other, which is checked by comparing each side's segments against the other's bytes.
    /// - Returns: The offset of the first difference found, or `nil`.
    static func firstDifference(_ first: String, _ second: String) throws -> Int64? {
        let sizes = try [first, second].map { try inspect($0).listed.size ?? 0 }
        guard sizes[0] == sizes[1] else { return min(sizes[0], sizes[1]) }
        for (path, other) in [(first, second), (second, first)] {
            for segment in try dataSegments(path) {
                var offset = segment.lowerBound
                while offset < segment.upperBound {
                    let count = Int(min(segment.upperBound - offset, 1 << 20))
                    let left = try bytes(of: path, at: offset, count: count)
                    let right = try bytes(of: other, at: offset, count: count)
                    if let index = ContentCompare.firstDifference(left, right) { return offset + Int64(index) }
                    offset += Int64(count)
                }
            }
        }
        return nil
    }

    /// `count` bytes of the host file at `path` from `offset`.
    static func bytes(of path: String, at offset: Int64, count: Int) throws -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FixtureFailure("open \(path): errno \(errno)") }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: count)
        let read = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        guard read == count else { throw FixtureFailure("pread \(path) at \(offset): \(read) of \(count) bytes") }
        return buffer
    }
}
