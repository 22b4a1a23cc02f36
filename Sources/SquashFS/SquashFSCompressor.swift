import CSquashFS

/// A SquashFS compressor that isokit can write (SquashFS 4.0 super block `compression_id`).
public enum SquashFSCompressor: String, CaseIterable, Hashable, Sendable {
    /// Zstandard (id 6), the default: fast to unpack and close to xz in size.
    case zstd
    /// XZ / LZMA2 (id 4): smallest images, slowest to build and read.
    case xz
    /// zlib deflate (id 1): readable by every SquashFS kernel.
    case gzip
    /// LZ4 (id 5): fastest, largest.
    case lz4

    /// The libsquashfs compressor id.
    var libraryID: SQFS_COMPRESSOR {
        switch self {
        case .zstd: SQFS_COMP_ZSTD
        case .xz: SQFS_COMP_XZ
        case .gzip: SQFS_COMP_GZIP
        case .lz4: SQFS_COMP_LZ4
        }
    }
}
