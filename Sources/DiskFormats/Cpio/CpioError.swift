import BinaryIO

/// A cpio archive could not be read, or an entry could not be written.
public enum CpioError: Error, Hashable, Sendable {
    /// A member header or the archive layout failed to decode.
    case decode(DecodeError)
    /// A path can't be stored: it is empty, names `.`/`..` components, holds a NUL, or is too long.
    case invalidPath(path: String, reason: String)
    /// A value does not fit its 32-bit header field (e.g. a file of 4 GiB or more).
    case fieldTooLarge(path: String, field: String, value: UInt64)
    /// An entry was appended after ``CpioArchiveWriter/finish()``.
    case finished(path: String)
    /// A hard link group was given no names, or a name twice.
    case invalidLinkGroup(paths: [String])
    /// A host file changed size while it was being archived.
    case fileChanged(path: String, expected: Int64, found: Int64)
}

extension CpioError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .decode(error): "cpio: \(error)"
        case let .invalidPath(path, reason): "cpio: path \"\(path)\": \(reason)"
        case let .fieldTooLarge(path, field, value): "cpio: \(path): \(field) \(value) does not fit 32 bits"
        case let .finished(path): "cpio: \(path): archive already ended with TRAILER!!!"
        case let .invalidLinkGroup(paths): "cpio: hard link group \(paths) needs distinct names"
        case let .fileChanged(path, expected, found): "cpio: \(path): size changed from \(expected) to \(found) bytes"
        }
    }
}
