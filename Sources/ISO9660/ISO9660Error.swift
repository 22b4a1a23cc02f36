import BinaryIO

/// An ISO 9660 image broke a rule above the level of a single structure, or a structure in it failed to decode.
public enum ISO9660Error: Error, Hashable, Sendable {
    /// A structure failed its validating decoder.
    case decode(DecodeError)
    /// No primary volume descriptor was found before the set terminator (ECMA-119 §8.4).
    case noPrimaryVolumeDescriptor
    /// The volume descriptor set has no terminator within the first `limit` sectors (ECMA-119 §8.3).
    case unterminatedVolumeDescriptorSet(limit: Int)
    /// A directory is reached again through its own subtree.
    case directoryLoop(path: String, extent: UInt32)
    /// SUSP continuation areas (CE) refer back to one already read (IEEE P1281 §5.1).
    case continuationLoop(path: String, offset: Int64)
    /// A directory or continuation chain is larger than any real image would need.
    case limitExceeded(what: String, path: String, limit: Int)
    /// A path inside the image does not exist.
    case notFound(path: String)
    /// A path inside the image names a file where a directory was expected, or the reverse.
    case notADirectory(path: String)
    /// A name in the image cannot be used on the host (empty, `.`, `..`, contains `/` or NUL).
    case unsafeName(path: String, name: String)
    /// The image has no tree for the namespace asked for (no Joliet descriptor, or no Rock Ridge).
    case missingNamespace(Namespace)
    /// The tree to write cannot be represented (reason given).
    case unrepresentable(path: String, reason: String)
}

extension ISO9660Error: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .decode(error): "ISO 9660: \(error)"
        case .noPrimaryVolumeDescriptor: "ISO 9660: no primary volume descriptor before the set terminator"
        case let .unterminatedVolumeDescriptorSet(limit):
            "ISO 9660: no volume descriptor set terminator in the first \(limit) descriptors"
        case let .directoryLoop(path, extent): "ISO 9660: directory loop at \(path) (extent LBA \(extent))"
        case let .continuationLoop(path, offset):
            "ISO 9660: SUSP continuation loop in \(path) at \(Offset.describe(offset))"
        case let .limitExceeded(what, path, limit): "ISO 9660: \(path): more than \(limit) \(what)"
        case let .notFound(path): "\(path): no such file in the image"
        case let .notADirectory(path): "\(path): not a directory"
        case let .unsafeName(path, name): "ISO 9660: \(path): unsafe name \(String(reflecting: name))"
        case let .missingNamespace(namespace):
            "ISO 9660: the image has no \(namespace == .joliet ? "Joliet volume descriptor" : "Rock Ridge entries")"
        case let .unrepresentable(path, reason): "\(path): \(reason)"
        }
    }
}
