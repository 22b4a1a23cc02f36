import BinaryIO
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// Streams a cpio `newc` archive (an initramfs) to a ``CpioSink``, one member at a time.
///
/// Paths are stored relative, without a leading `/`, as the kernel's initramfs unpacker expects. Inode numbers
/// are assigned in append order from ``firstInode``, and with ``fixedModificationTime`` set (e.g. from
/// `SOURCE_DATE_EPOCH`) every member gets that time, so the same calls give the same bytes. End the archive with
/// ``finish()``, which writes the `TRAILER!!!` member.
///
/// ```swift
/// var writer = CpioArchiveWriter(sink: CpioByteSink(), fixedModificationTime: 0)
/// try writer.append(directory: "dev")
/// try writer.append(device: "dev/console", type: .characterDevice, major: 5, minor: 1)
/// try writer.append(file: "init", contents: Array("#!/bin/sh\n".utf8), mode: 0o755)
/// try writer.finish()
/// ```
public struct CpioArchiveWriter<Sink: CpioSink> {
    /// The sink the archive goes to.
    public private(set) var sink: Sink
    /// When set, the modification time of every member, overriding the times passed in or read from files.
    public let fixedModificationTime: UInt32?
    /// The inode number of the first member.
    public let firstInode: UInt32
    /// The inode number the next member gets.
    public private(set) var nextInode: UInt32
    /// Whether ``finish()`` has written the trailer.
    public private(set) var isFinished = false
    /// Bytes written so far.
    public private(set) var byteCount: Int64 = 0

    /// The size of the reused buffer host files are copied through.
    public static var chunkSize: Int { 1 << 20 }

    /// Creates a writer.
    /// - Parameters:
    ///   - sink: Receives the archive bytes.
    ///   - fixedModificationTime: A time every member gets, for reproducible archives; `nil` keeps each member's own.
    ///   - firstInode: The first inode number (members are numbered consecutively from it).
    public init(sink: Sink, fixedModificationTime: UInt32? = nil, firstInode: UInt32 = 1) {
        self.sink = sink
        self.fixedModificationTime = fixedModificationTime
        self.firstInode = firstInode
        self.nextInode = firstInode
    }

    /// The value of `SOURCE_DATE_EPOCH` in `environment` as a cpio time, or `nil` if it is unset or not a
    /// decimal number of seconds that fits 32 bits.
    public static func sourceDateEpoch(in environment: [String: String]) -> UInt32? {
        environment["SOURCE_DATE_EPOCH"].flatMap { UInt32($0) }
    }

    /// Appends a directory.
    /// - Parameters:
    ///   - path: The path inside the archive (a leading `/` is dropped).
    ///   - mode: Permission bits (`0o7777` at most).
    ///   - uid: Owner user ID.
    ///   - gid: Owner group ID.
    ///   - modificationTime: Seconds since the epoch.
    /// - Throws: ``CpioError/invalidPath(path:reason:)``, ``CpioError/finished(path:)``, or what the sink throws.
    public mutating func append(
        directory path: String, mode: UInt32 = 0o755, uid: UInt32 = 0, gid: UInt32 = 0, modificationTime: UInt32 = 0
    ) throws {
        var header = try header(for: path, type: .directory, mode: mode, uid: uid, gid: gid, time: modificationTime)
        header.linkCount = 2
        try emit(header)
    }

    /// Appends a regular file whose contents are in memory.
    /// - Parameters:
    ///   - path: The path inside the archive.
    ///   - contents: The file's bytes (less than 4 GiB).
    ///   - mode: Permission bits.
    ///   - uid: Owner user ID.
    ///   - gid: Owner group ID.
    ///   - modificationTime: Seconds since the epoch.
    /// - Throws: ``CpioError/invalidPath(path:reason:)``, ``CpioError/fieldTooLarge(path:field:value:)``,
    ///   ``CpioError/finished(path:)``, or what the sink throws.
    public mutating func append(
        file path: String, contents: [UInt8], mode: UInt32 = 0o644, uid: UInt32 = 0, gid: UInt32 = 0,
        modificationTime: UInt32 = 0
    ) throws {
        try append(hardLinks: [path], contents: contents, mode: mode, uid: uid, gid: gid, modificationTime: modificationTime)
    }

    /// Appends a regular file copied from the host in ``chunkSize`` pieces (it never sits in memory whole).
    /// - Parameters:
    ///   - path: The path inside the archive.
    ///   - hostPath: The file to copy.
    ///   - mode: Permission bits; the host file's if `nil`.
    ///   - uid: Owner user ID.
    ///   - gid: Owner group ID.
    ///   - modificationTime: Seconds since the epoch; the host file's if `nil`.
    /// - Throws: ``IOError`` for the host file, ``CpioError/fileChanged(path:expected:found:)`` if it shrinks while
    ///   read, the errors of ``append(file:contents:mode:uid:gid:modificationTime:)``, or what the sink throws.
    public mutating func append(
        file path: String, hostPath: String, mode: UInt32? = nil, uid: UInt32 = 0, gid: UInt32 = 0,
        modificationTime: UInt32? = nil
    ) throws {
        try append(hardLinks: [path], hostPath: hostPath, mode: mode, uid: uid, gid: gid, modificationTime: modificationTime)
    }

    /// Appends a symbolic link; its target is stored as the member's data, unchanged.
    /// - Parameters:
    ///   - path: The link's path inside the archive.
    ///   - target: What the link points to.
    ///   - uid: Owner user ID.
    ///   - gid: Owner group ID.
    ///   - modificationTime: Seconds since the epoch.
    /// - Throws: ``CpioError/invalidPath(path:reason:)`` (also for an empty target), ``CpioError/finished(path:)``,
    ///   or what the sink throws.
    public mutating func append(
        symlink path: String, target: String, uid: UInt32 = 0, gid: UInt32 = 0, modificationTime: UInt32 = 0
    ) throws {
        let data = Array(target.utf8)
        guard !data.isEmpty, !data.contains(0), data.count < CpioNewcHeader.maximumNameSize else {
            throw CpioError.invalidPath(path: target, reason: "a symlink target must be 1 to 4095 bytes without NUL")
        }
        var header = try header(for: path, type: .symbolicLink, mode: 0o777, uid: uid, gid: gid, time: modificationTime)
        header.fileSize = UInt32(data.count)
        try emit(header)
        try data.withUnsafeBytes { try writeData($0) }
        try pad(data.count)
    }

    /// Appends a character or block device node, such as `dev/console` (character 5:1).
    /// - Parameters:
    ///   - path: The node's path inside the archive.
    ///   - type: ``POSIXFileType/characterDevice`` or ``POSIXFileType/blockDevice``.
    ///   - major: The device's major number.
    ///   - minor: The device's minor number.
    ///   - mode: Permission bits.
    ///   - uid: Owner user ID.
    ///   - gid: Owner group ID.
    ///   - modificationTime: Seconds since the epoch.
    /// - Throws: ``CpioError/invalidPath(path:reason:)``, ``CpioError/finished(path:)``, or what the sink throws.
    public mutating func append(
        device path: String, type: POSIXFileType, major: UInt32, minor: UInt32, mode: UInt32 = 0o600,
        uid: UInt32 = 0, gid: UInt32 = 0, modificationTime: UInt32 = 0
    ) throws {
        precondition(type == .characterDevice || type == .blockDevice, "a device node is a character or block device")
        var header = try header(for: path, type: type, mode: mode, uid: uid, gid: gid, time: modificationTime)
        header.specialDeviceMajor = major
        header.specialDeviceMinor = minor
        try emit(header)
    }

    /// Appends one regular file under several names (hard links): every member has the same inode and a link
    /// count of `paths.count`; the data goes with the last member, the others have size 0 (as GNU cpio writes
    /// `newc`, and as the kernel's unpacker expects).
    /// - Parameters:
    ///   - paths: The names, at least one, all distinct.
    ///   - contents: The file's bytes.
    ///   - mode: Permission bits.
    ///   - uid: Owner user ID.
    ///   - gid: Owner group ID.
    ///   - modificationTime: Seconds since the epoch.
    /// - Throws: ``CpioError/invalidLinkGroup(paths:)`` and the errors of
    ///   ``append(file:contents:mode:uid:gid:modificationTime:)``.
    public mutating func append(
        hardLinks paths: [String], contents: [UInt8], mode: UInt32 = 0o644, uid: UInt32 = 0, gid: UInt32 = 0,
        modificationTime: UInt32 = 0
    ) throws {
        let last = try linkHeaders(paths, size: Int64(contents.count), mode: mode, uid: uid, gid: gid, time: modificationTime)
        try emit(last)
        try contents.withUnsafeBytes { try writeData($0) }
        try pad(contents.count)
    }

    /// ``append(hardLinks:contents:mode:uid:gid:modificationTime:)`` with the data copied from a host file.
    /// - Parameters:
    ///   - paths: The names, at least one, all distinct.
    ///   - hostPath: The file to copy.
    ///   - mode: Permission bits; the host file's if `nil`.
    ///   - uid: Owner user ID.
    ///   - gid: Owner group ID.
    ///   - modificationTime: Seconds since the epoch; the host file's if `nil`.
    /// - Throws: As ``append(file:hostPath:mode:uid:gid:modificationTime:)``, and
    ///   ``CpioError/invalidLinkGroup(paths:)``.
    public mutating func append(
        hardLinks paths: [String], hostPath: String, mode: UInt32? = nil, uid: UInt32 = 0, gid: UInt32 = 0,
        modificationTime: UInt32? = nil
    ) throws {
        let descriptor = try IOError.wrap("open", path: hostPath) { try FileDescriptor.open(hostPath, .readOnly) }
        try descriptor.closeAfter {
            var info = stat()
            guard fstat(descriptor.rawValue, &info) == 0 else {
                throw IOError("fstat", path: hostPath, errno: Errno(rawValue: errno))
            }
            let size = Int64(info.st_size)
            let hostTime = UInt32(clamping: max(Int64(info.st_mtim.tv_sec), 0))
            let last = try linkHeaders(
                paths, size: size, mode: mode ?? UInt32(info.st_mode) & 0o7777, uid: uid, gid: gid,
                time: modificationTime ?? hostTime)
            try emit(last)
            try copyData(from: descriptor, path: hostPath, size: size)
            try pad(Int(size))
        }
    }

    /// Writes the `TRAILER!!!` member that ends the archive.
    /// - Throws: ``CpioError/finished(path:)`` if called twice, or what the sink throws.
    public mutating func finish() throws {
        guard !isFinished else { throw CpioError.finished(path: "TRAILER!!!") }
        try emit(.trailer)
        isFinished = true
    }

    /// Emits the headers of all but the last link of a group and returns the last one's header.
    private mutating func linkHeaders(
        _ paths: [String], size: Int64, mode: UInt32, uid: UInt32, gid: UInt32, time: UInt32
    ) throws -> CpioNewcHeader {
        guard !paths.isEmpty, Set(paths.map(CpioPath.normalized)).count == paths.count else {
            throw CpioError.invalidLinkGroup(paths: paths)
        }
        guard let fileSize = UInt32(exactly: size) else {
            throw CpioError.fieldTooLarge(path: paths[paths.count - 1], field: "c_filesize", value: UInt64(max(size, 0)))
        }
        let inode = nextInode
        var headers: [CpioNewcHeader] = []
        for path in paths {
            var header = try header(for: path, type: .regular, mode: mode, uid: uid, gid: gid, time: time, inode: inode)
            header.linkCount = UInt32(paths.count)
            headers.append(header)
        }
        nextInode = inode &+ 1
        for header in headers.dropLast() { try emit(header) }
        var last = headers[headers.count - 1]
        last.fileSize = fileSize
        return last
    }

    /// A header for `path` with a new inode number (or `inode`), the fixed time applied.
    private mutating func header(
        for path: String, type: POSIXFileType, mode: UInt32, uid: UInt32, gid: UInt32, time: UInt32,
        inode: UInt32? = nil
    ) throws -> CpioNewcHeader {
        guard !isFinished else { throw CpioError.finished(path: path) }
        let name = try CpioPath.encoded(path)
        let number: UInt32
        if let inode {
            number = inode
        } else {
            number = nextInode
            nextInode = nextInode &+ 1
        }
        return CpioNewcHeader(
            name: name, inode: number, mode: type.rawValue | (mode & 0o7777), uid: uid, gid: gid,
            modificationTime: fixedModificationTime ?? time)
    }

    private mutating func emit(_ header: CpioNewcHeader) throws {
        try header.encode().withUnsafeBytes { try writeData($0) }
    }

    private mutating func writeData(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        try sink.write(bytes)
        byteCount += Int64(bytes.count)
    }

    private mutating func pad(_ count: Int) throws {
        let padding = CpioNewcHeader.paddedToFour(count) - count
        guard padding > 0 else { return }
        try [UInt8](repeating: 0, count: padding).withUnsafeBytes { try writeData($0) }
    }

    private mutating func copyData(from descriptor: FileDescriptor, path: String, size: Int64) throws {
        var buffer = [UInt8](repeating: 0, count: Int(min(Int64(Self.chunkSize), max(size, 1))))
        var done: Int64 = 0
        while done < size {
            let want = Int(min(Int64(buffer.count), size - done))
            let got = try IOError.wrap("read", path: path) {
                try buffer.withUnsafeMutableBytes { raw in
                    try descriptor.read(fromAbsoluteOffset: done, into: UnsafeMutableRawBufferPointer(rebasing: raw[0..<want]))
                }
            }
            guard got > 0 else { throw CpioError.fileChanged(path: path, expected: size, found: done) }
            try buffer.withUnsafeBytes { try writeData(UnsafeRawBufferPointer(rebasing: $0[0..<got])) }
            done += Int64(got)
        }
    }
}

extension CpioArchiveWriter: Sendable where Sink: Sendable {}
