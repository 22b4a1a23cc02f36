import BinaryIO
import CIsokitLinux
import Foundation
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// What a write target path is: an existing block device, an existing regular file, or a new file.
struct DiskTarget: Hashable, Sendable {
    /// The kinds of target.
    enum Kind: String, Hashable, Sendable {
        case file
        case blockDevice = "block device"
    }

    /// File or device.
    var kind: Kind
    /// The size of an existing target; `nil` for a new file.
    var existingBytes: Int64?
    /// The kernel name of a block device (`sdb`), from sysfs.
    var deviceName: String?

    /// Classifies `path`.
    ///
    /// - Throws: ``DiskWriteError/targetIsImage(path:)`` if it is `image`'s file;
    ///   ``DiskWriteError/unknownTarget(path:reason:)`` for a directory, a character device, a missing path under
    ///   `/dev`, or a file whose directory does not exist; ``IOError`` if `stat` fails otherwise.
    init(path: String, image: ImageReader, sysRoot: String = "/sys") throws {
        var info = stat()
        var imageInfo = stat()
        guard fstat(image.descriptor.rawValue, &imageInfo) == 0 else {
            throw IOError("stat", path: image.path, errno: Errno(rawValue: isokit_errno()))
        }
        guard stat(path, &info) == 0 else {
            let code = Errno(rawValue: isokit_errno())
            guard code == .noSuchFileOrDirectory else { throw IOError("stat", path: path, errno: code) }
            if path.hasPrefix("/dev/") { throw DiskWriteError.unknownTarget(path: path, reason: "no such device") }
            let directory = path.contains("/") ? String(path[..<(path.lastIndex(of: "/") ?? path.endIndex)]) : "."
            var directoryInfo = stat()
            guard stat(directory.isEmpty ? "/" : directory, &directoryInfo) == 0,
                directoryInfo.st_mode & S_IFMT == S_IFDIR
            else {
                throw DiskWriteError.unknownTarget(path: path, reason: "directory \(directory) does not exist")
            }
            self.init(kind: .file, existingBytes: nil, deviceName: nil)
            return
        }
        if info.st_dev == imageInfo.st_dev, info.st_ino == imageInfo.st_ino {
            throw DiskWriteError.targetIsImage(path: path)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            self.init(kind: .file, existingBytes: Int64(info.st_size), deviceName: nil)
        case S_IFBLK:
            if imageInfo.st_mode & S_IFMT == S_IFBLK, imageInfo.st_rdev == info.st_rdev {
                throw DiskWriteError.targetIsImage(path: path)
            }
            let guardian = BlockDeviceGuard(sysRoot: sysRoot)
            guard let name = guardian.name(major: isokit_major(UInt64(info.st_rdev)), minor: isokit_minor(UInt64(info.st_rdev)))
            else {
                throw DiskWriteError.unknownTarget(path: path, reason: "sysfs does not list this block device")
            }
            let size = Int64(
                (try? String(contentsOfFile: "\(sysRoot)/class/block/\(name)/size", encoding: .utf8))
                    .flatMap { Int64($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0) * 512
            self.init(kind: .blockDevice, existingBytes: size, deviceName: name)
        case S_IFDIR:
            throw DiskWriteError.unknownTarget(path: path, reason: "a directory")
        default:
            throw DiskWriteError.unknownTarget(path: path, reason: "neither a regular file nor a block device")
        }
    }

    private init(kind: Kind, existingBytes: Int64?, deviceName: String?) {
        self.kind = kind
        self.existingBytes = existingBytes
        self.deviceName = deviceName
    }
}
