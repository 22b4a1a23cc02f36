import BinaryIO
import Compression
import DiskFormats
import Foundation
import SystemPackage

/// Writes isokit's initramfs: a cpio newc archive of ``InitramfsContents``, compressed for the kernel to unpack.
public enum InitramfsBuilder {
    /// What was written.
    public struct Summary: Hashable, Sendable, Codable {
        /// The compressed size in bytes.
        public var bytes: Int64
        /// The archive size before compression.
        public var archiveBytes: Int64
        /// The number of kernel modules inside.
        public var modules: Int
    }

    /// Writes the initramfs to `output` (atomically).
    /// - Parameters:
    ///   - contents: What goes in.
    ///   - output: The file to write.
    ///   - compression: The compressor (zstd, gzip, xz or lz4; the kernel must support it).
    ///   - modificationTime: The time stamped on every member.
    /// - Throws: ``LiveBuildError`` for a missing busybox, `IOError` naming a host file, or a compression error.
    @discardableResult
    public static func write(
        _ contents: InitramfsContents, to output: String, compression: Compressor, modificationTime: UInt32
    ) throws -> Summary {
        guard HostPath.isReadableFile(contents.busybox) else {
            throw LiveBuildError.noBusybox(path: contents.busybox, reason: "not a readable file")
        }
        var archive = CpioArchiveWriter(sink: CpioByteSink(), fixedModificationTime: modificationTime)
        let modulesRoot = "lib/modules/\(contents.kernelRelease)"
        var directories = Set<String>()
        func directory(_ path: String) throws {
            guard !path.isEmpty, !directories.contains(path) else { return }
            try directory((path as NSString).deletingLastPathComponent)
            directories.insert(path)
            try archive.append(directory: path, modificationTime: modificationTime)
        }
        for path in ["bin", "dev", "etc/isokit", "lib/isokit", "proc", "sys", "run", "tmp", "usr/share/udhcpc", modulesRoot] {
            try directory(path)
        }
        try archive.append(device: "dev/console", type: .characterDevice, major: 5, minor: 1, modificationTime: modificationTime)
        try archive.append(file: "init", contents: try LiveResources.initramfsInit, mode: 0o755, modificationTime: modificationTime)
        try archive.append(file: "bin/busybox", hostPath: contents.busybox, mode: 0o755, modificationTime: modificationTime)
        try archive.append(symlink: "bin/sh", target: "busybox", modificationTime: modificationTime)
        try archive.append(
            file: "usr/share/udhcpc/default.script", contents: try LiveResources.udhcpcScript, mode: 0o755,
            modificationTime: modificationTime)
        try archive.append(
            file: "lib/isokit/settings.sh", contents: try LiveResources.bootSettings, mode: 0o644,
            modificationTime: modificationTime)
        try archive.append(
            file: "etc/isokit/live.conf", contents: Array(contents.liveConfiguration.utf8), modificationTime: modificationTime)
        try archive.append(
            file: "etc/isokit/modules", contents: Array(contents.loadOrder.utf8), modificationTime: modificationTime)
        try archive.append(
            file: "\(modulesRoot)/modules.dep", contents: Array(contents.modulesDependencies.utf8),
            modificationTime: modificationTime)
        for program in contents.programs {
            let path = String(program.targetPath.drop { $0 == "/" })
            try directory((path as NSString).deletingLastPathComponent)
            try archive.append(file: path, hostPath: program.hostPath, mode: 0o755, modificationTime: modificationTime)
        }
        for module in contents.modules {
            let path = "\(modulesRoot)/\(module.relativePath)"
            try directory((path as NSString).deletingLastPathComponent)
            try archive.append(file: path, contents: try moduleBytes(module.source), modificationTime: modificationTime)
        }
        try archive.finish()
        let raw = archive.sink.bytes
        let packed = try compression.compress(raw)
        try AtomicFile.write(to: output) { descriptor, temporary in
            try IOError.wrap("write", path: temporary) { _ = try descriptor.writeAll(packed) }
        }
        return Summary(bytes: Int64(packed.count), archiveBytes: Int64(raw.count), modules: contents.modules.count)
    }

    /// A module file's bytes, unpacked when it is compressed (busybox's insmod loads plain modules only).
    static func moduleBytes(_ path: String) throws -> [UInt8] {
        let data = try IOError.wrap("read", path: path) { () throws -> Data in
            guard let data = FileManager.default.contents(atPath: path) else { throw Errno.noSuchFileOrDirectory }
            return data
        }
        let bytes = Array(data)
        let format = CompressionFormat(detecting: bytes)
        return format == .none ? bytes : try Decompressor(format: format).decompress(bytes)
    }
}
