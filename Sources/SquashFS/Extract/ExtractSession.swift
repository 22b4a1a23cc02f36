import CSquashFS

#if canImport(Glibc)
import Glibc
#endif

/// An open SquashFS image for extraction: the super block, decompressor, id table, directory reader and data
/// reader. Owns the libsquashfs objects and releases them in `deinit`; used from one thread only.
final class ExtractSession {
    let path: String
    private(set) var superBlock = sqfs_super_t()
    private var file: UnsafeMutablePointer<sqfs_file_t>?
    private var decompressor: UnsafeMutablePointer<sqfs_compressor_t>?
    private var idTable: OpaquePointer?
    private var directoryReader: OpaquePointer?
    private var dataReader: OpaquePointer?

    init(path: String) throws {
        self.path = path
        file = sqfs_open_file(path, UInt32(SQFS_FILE_OPEN_READ_ONLY.rawValue))
        guard file != nil else { throw SquashFSError.library(operation: "open", path: path, code: SQFS_ERROR_IO.rawValue) }
        try check(sqfs_super_read(&superBlock, file), "read super block")
        var configuration = sqfs_compressor_config_t()
        try check(
            sqfs_compressor_config_init(
                &configuration, SQFS_COMPRESSOR(UInt32(superBlock.compression_id)), Int(superBlock.block_size),
                UInt16(SQFS_COMP_FLAG_UNCOMPRESS.rawValue)),
            "configure decompressor")
        try check(sqfs_compressor_create(&configuration, &decompressor), "create decompressor")
        if superBlock.flags & UInt16(SQFS_FLAG_COMPRESSOR_OPTIONS.rawValue) != 0 {
            try check(isokit_sqfs_read_compressor_options(decompressor, file), "read compressor options")
        }
        idTable = sqfs_id_table_create(0)
        guard idTable != nil else { throw SquashFSError.library(operation: "create id table", path: path, code: SQFS_ERROR_ALLOC.rawValue) }
        try check(sqfs_id_table_read(idTable, file, &superBlock, decompressor), "read id table")
        directoryReader = sqfs_dir_reader_create(&superBlock, decompressor, file, 0)
        guard directoryReader != nil else {
            throw SquashFSError.library(operation: "create directory reader", path: path, code: SQFS_ERROR_ALLOC.rawValue)
        }
        dataReader = sqfs_data_reader_create(file, Int(superBlock.block_size), decompressor, 0)
        guard dataReader != nil else {
            throw SquashFSError.library(operation: "create data reader", path: path, code: SQFS_ERROR_ALLOC.rawValue)
        }
        try check(sqfs_data_reader_load_fragment_table(dataReader, &superBlock), "read fragment table")
    }

    deinit {
        for object in [dataReader, directoryReader, idTable] {
            isokit_sqfs_destroy(object.map { UnsafeMutableRawPointer($0) })
        }
        isokit_sqfs_destroy(decompressor)
        isokit_sqfs_destroy(file)
    }

    func check(_ code: Int32, _ operation: String, entry: String? = nil) throws {
        guard code == 0 else {
            let place = entry.map { "\(operation) /\($0)" } ?? operation
            throw SquashFSError.library(operation: place, path: path, code: code)
        }
    }

    /// The whole directory tree; the caller frees it with `sqfs_dir_tree_destroy`.
    func hierarchy() throws -> UnsafeMutablePointer<sqfs_tree_node_t> {
        var root: UnsafeMutablePointer<sqfs_tree_node_t>?
        try check(sqfs_dir_reader_get_full_hierarchy(directoryReader, idTable, nil, 0, &root), "read directory tree")
        guard let root else {
            throw SquashFSError.library(operation: "read directory tree", path: path, code: SQFS_ERROR_CORRUPTED.rawValue)
        }
        return root
    }

    /// Reads up to `count` bytes of the file `inode` at `offset` into `buffer`; returns the bytes read.
    func read(
        _ inode: UnsafePointer<sqfs_inode_generic_t>, at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer,
        entry: String
    ) throws -> Int {
        let read = sqfs_data_reader_read(dataReader, inode, offset, buffer.baseAddress, UInt32(buffer.count))
        guard read > 0 else {
            throw SquashFSError.library(operation: "read /\(entry)", path: path, code: read < 0 ? read : SQFS_ERROR_CORRUPTED.rawValue)
        }
        return Int(read)
    }
}
