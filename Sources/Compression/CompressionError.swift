/// Compressing or decompressing failed.
public enum CompressionError: Error, Hashable, Sendable {
    /// The level is outside ``CompressionFormat/levels``.
    case invalidLevel(format: CompressionFormat, level: Int, allowed: ClosedRange<Int>)
    /// The library could not set up a stream (e.g. out of memory); `code` is its return value.
    case setupFailed(format: CompressionFormat, operation: String, code: Int, message: String)
    /// The compressed input is damaged at or before `inputOffset` (bytes of input consumed so far).
    case corrupt(format: CompressionFormat, inputOffset: Int64, message: String)
    /// The compressed input ended at `inputOffset` before the stream did.
    case truncated(format: CompressionFormat, inputOffset: Int64)
    /// The library reported an error while compressing.
    case compressionFailed(format: CompressionFormat, code: Int, message: String)
}

extension CompressionError: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .invalidLevel(format, level, allowed):
            "\(format.rawValue): level \(level) is outside \(allowed.lowerBound)...\(allowed.upperBound)"
        case let .setupFailed(format, operation, code, message):
            "\(format.rawValue): \(operation) failed (\(code)): \(message)"
        case let .corrupt(format, inputOffset, message):
            "\(format.rawValue): corrupt input at or before byte \(inputOffset): \(message)"
        case let .truncated(format, inputOffset):
            "\(format.rawValue): input ends at byte \(inputOffset) inside the stream"
        case let .compressionFailed(format, code, message):
            "\(format.rawValue): compression failed (\(code)): \(message)"
        }
    }
}
