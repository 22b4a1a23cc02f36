/// Why a SquashFS image could not be extracted to a directory, or a directory not rebuilt with its metadata table.
public enum SquashFSTreeError: Error, Hashable, Sendable {
    /// An entry's name is empty, `.`, `..` or holds a `/`: a hostile or damaged image (`path` is its parent's path
    /// and the name, escaped).
    case unsafeName(image: String, path: String)
    /// Two entries of one directory have the same name.
    case duplicateName(image: String, path: String)
    /// Directories nest deeper than `limit`.
    case tooDeep(image: String, path: String, limit: Int)
    /// The target directory exists and is not empty.
    case targetNotEmpty(path: String)
    /// An entry has a type SquashFS does not define.
    case unknownInodeType(image: String, path: String, type: UInt16)
    /// The image's compressor (by super block id) can be read but not written.
    case unsupportedCompressor(image: String, id: UInt16)
}

extension SquashFSTreeError: CustomStringConvertible {
    /// One line naming the image or directory and what went wrong.
    public var description: String {
        switch self {
        case .unsafeName(let image, let path): "\(image): SquashFS: unsafe entry name \"\(path)\" (empty, ., .. or with /)"
        case .duplicateName(let image, let path): "\(image): SquashFS: two entries named /\(path)"
        case .tooDeep(let image, let path, let limit): "\(image): SquashFS: /\(path) is nested deeper than \(limit) levels"
        case .targetNotEmpty(let path): "\(path): the extraction target is not empty"
        case .unknownInodeType(let image, let path, let type): "\(image): SquashFS: /\(path) has unknown inode type \(type)"
        case .unsupportedCompressor(let image, let id):
            "\(image): SquashFS: compressor id \(id) can be read but not written (use gzip, xz, lz4 or zstd)"
        }
    }
}
