import BinaryIO

/// A partition table or disk structure broke a rule, or failed to decode.
public enum DiskFormatsError: Error, Hashable, Sendable {
    /// A structure failed its validating decoder.
    case decode(DecodeError)
    /// A requested layout does not fit (reason given).
    case layout(reason: String)
}

extension DiskFormatsError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .decode(error): "partition table: \(error)"
        case let .layout(reason): "partition layout: \(reason)"
        }
    }
}
