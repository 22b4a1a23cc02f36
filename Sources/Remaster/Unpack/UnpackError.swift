/// Why `isokit unpack` or `isokit repack` stopped; each case names the path involved.
public enum UnpackError: Error, Hashable, Sendable {
    /// The unpack directory exists and is not empty.
    case directoryNotEmpty(path: String)
    /// The unpack directory has no `isokit-unpack.json`.
    case missingDescription(path: String)
    /// The description is not valid JSON of the expected shape.
    case corruptDescription(path: String, reason: String)
    /// The description was written by a newer isokit.
    case unsupportedVersion(path: String, version: Int, supported: Int)
    /// A file the description names is missing from the unpack directory.
    case missingFile(path: String)
    /// `root/` changed but its image's compressor can't be written (lzo, lzma).
    case unsupportedCompressor(path: String, id: UInt16)
    /// The output would be written into the tree it is made from.
    case outputInsideTree(path: String)
}

extension UnpackError: CustomStringConvertible {
    /// One line naming the path and what went wrong.
    public var description: String {
        switch self {
        case .directoryNotEmpty(let path): "\(path): the unpack directory must be empty or missing"
        case .missingDescription(let path): "\(path): no isokit-unpack.json; is this a directory made by isokit unpack?"
        case .corruptDescription(let path, let reason): "\(path): not a valid unpack description: \(reason)"
        case .unsupportedVersion(let path, let version, let supported):
            "\(path): format version \(version) is newer than this isokit reads (\(supported)); use a newer isokit"
        case .missingFile(let path): "\(path): missing from the unpack directory"
        case .unsupportedCompressor(let path, let id):
            "\(path): root/ changed, but its SquashFS compressor (id \(id)) can't be written; use gzip, xz, lz4 or zstd"
        case .outputInsideTree(let path): "\(path): the output is inside the unpack directory's tree; write it elsewhere"
        }
    }
}
