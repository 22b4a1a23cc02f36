import CSquashFS

/// Why a SquashFS image could not be built.
public enum SquashFSError: Error, Hashable, Sendable {
    /// libsquashfs returned `code` (an `SQFS_ERROR` value) while doing `operation` on `path`.
    case library(operation: String, path: String, code: Int32)
    /// The options can't make an image (a block size that is not a power of two in 4 KiB…1 MiB, no threads).
    case invalidOptions(String)
    /// The source is not a directory.
    case notADirectory(path: String)
    /// A source entry is of a type SquashFS can't hold.
    case unsupportedFileType(path: String, mode: UInt32)
    /// A source file's size changed while it was being read.
    case fileChanged(path: String, expectedBytes: UInt64, readBytes: UInt64)
    /// A name or symlink target is longer than SquashFS allows.
    case nameTooLong(path: String, bytes: Int)
    /// An archive member's parent path names something that is not a directory (`archive:path`).
    case parentNotADirectory(path: String, parent: String)
    /// An archive's hard link names a path that no earlier member created.
    case hardLinkTargetMissing(path: String, target: String)
    /// An archive's hard link names a directory.
    case hardLinkToDirectory(path: String, target: String)
    /// A path to delete from a source image is not in it (`image` names the source).
    case deletionNotFound(image: String, path: String)

    /// Text for an `SQFS_ERROR` code, as libsquashfs documents it.
    static func describe(code: Int32) -> String {
        switch code {
        case SQFS_ERROR_ALLOC.rawValue: "out of memory"
        case SQFS_ERROR_IO.rawValue: "I/O error"
        case SQFS_ERROR_COMPRESSOR.rawValue: "compressor failure"
        case SQFS_ERROR_INTERNAL.rawValue: "internal error"
        case SQFS_ERROR_CORRUPTED.rawValue: "corrupted data"
        case SQFS_ERROR_UNSUPPORTED.rawValue: "unsupported feature"
        case SQFS_ERROR_OVERFLOW.rawValue: "numeric overflow"
        case SQFS_ERROR_OUT_OF_BOUNDS.rawValue: "location out of bounds"
        case SFQS_ERROR_SUPER_MAGIC.rawValue: "wrong super block magic"
        case SFQS_ERROR_SUPER_VERSION.rawValue: "unsupported SquashFS version"
        case SQFS_ERROR_SUPER_BLOCK_SIZE.rawValue: "invalid block size"
        case SQFS_ERROR_NOT_DIR.rawValue: "not a directory"
        case SQFS_ERROR_NO_ENTRY.rawValue: "no such entry"
        case SQFS_ERROR_LINK_LOOP.rawValue: "hard link loop"
        case SQFS_ERROR_NOT_FILE.rawValue: "not a regular file"
        case SQFS_ERROR_ARG_INVALID.rawValue: "invalid argument"
        case SQFS_ERROR_SEQUENCE.rawValue: "calls in the wrong order"
        default: "unknown libsquashfs error"
        }
    }
}

extension SquashFSError: CustomStringConvertible {
    /// One line naming the path and what went wrong.
    public var description: String {
        switch self {
        case .library(let operation, let path, let code):
            "\(path): SquashFS: \(operation): \(Self.describe(code: code)) (libsquashfs error \(code))"
        case .invalidOptions(let reason): "SquashFS: invalid options: \(reason)"
        case .notADirectory(let path): "\(path): SquashFS: the source is not a directory"
        case .unsupportedFileType(let path, let mode):
            "\(path): SquashFS: unsupported file type (mode 0o\(String(mode, radix: 8)))"
        case .fileChanged(let path, let expected, let read):
            "\(path): SquashFS: file changed while reading (\(read) bytes read, \(expected) expected)"
        case .nameTooLong(let path, let bytes): "\(path): SquashFS: name or link target too long (\(bytes) bytes)"
        case .parentNotADirectory(let path, let parent): "\(path): SquashFS: parent \(parent) is not a directory"
        case .hardLinkTargetMissing(let path, let target):
            "\(path): SquashFS: hard link target \(target) is not in the archive before it"
        case .hardLinkToDirectory(let path, let target): "\(path): SquashFS: hard link to directory \(target)"
        case .deletionNotFound(let image, let path): "\(image): SquashFS: /\(path) is not in the image, so it can't be deleted"
        }
    }
}
