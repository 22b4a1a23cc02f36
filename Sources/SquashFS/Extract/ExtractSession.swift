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
    private var attributeReader: OpaquePointer?

    /// The most key-value pairs one inode may have; more is treated as damage.
    static let attributeLimit = 4096

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
        if superBlock.flags & UInt16(SQFS_FLAG_NO_XATTRS.rawValue) == 0 {
            attributeReader = sqfs_xattr_reader_create(0)
            guard attributeReader != nil else {
                throw SquashFSError.library(operation: "create xattr reader", path: path, code: SQFS_ERROR_ALLOC.rawValue)
            }
            try check(sqfs_xattr_reader_load(attributeReader, &superBlock, file, decompressor), "read xattr table")
        }
    }

    deinit {
        for object in [attributeReader, dataReader, directoryReader, idTable] {
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

    /// The extended attributes of `inode`, sorted by key; empty if it has none.
    func extendedAttributes(of inode: UnsafePointer<sqfs_inode_generic_t>, entry: String) throws -> [SquashFSExtendedAttribute] {
        var index: UInt32 = 0xFFFF_FFFF
        try check(sqfs_inode_get_xattr_index(inode, &index), "xattr index", entry: entry)
        guard index != 0xFFFF_FFFF, let attributeReader else { return [] }
        var description = sqfs_xattr_id_t()
        try check(sqfs_xattr_reader_get_desc(attributeReader, index, &description), "xattr description", entry: entry)
        guard description.count <= UInt32(Self.attributeLimit) else {
            throw SquashFSError.library(operation: "xattrs of /\(entry)", path: path, code: SQFS_ERROR_OVERFLOW.rawValue)
        }
        try check(sqfs_xattr_reader_seek_kv(attributeReader, &description), "seek xattrs", entry: entry)
        var attributes: [SquashFSExtendedAttribute] = []
        for _ in 0..<description.count {
            var key: UnsafeMutablePointer<sqfs_xattr_entry_t>?
            try check(sqfs_xattr_reader_read_key(attributeReader, &key), "read xattr key", entry: entry)
            defer { sqfs_free(key) }
            var value: UnsafeMutablePointer<sqfs_xattr_value_t>?
            try check(sqfs_xattr_reader_read_value(attributeReader, key, &value), "read xattr value", entry: entry)
            defer { sqfs_free(value) }
            guard let key, let value, sqfs_get_xattr_prefix(SQFS_XATTR_TYPE(UInt32(key.pointee.type & 0xFF))) != nil else {
                throw SquashFSError.library(operation: "xattr key of /\(entry)", path: path, code: SQFS_ERROR_CORRUPTED.rawValue)
            }
            // The decoded key (prefix and suffix, NUL-terminated) and the value follow their headers (flexible array
            // members).
            let fullKey = UnsafeRawPointer(key).advanced(by: MemoryLayout<sqfs_xattr_entry_t>.size)
                .assumingMemoryBound(to: CChar.self)
            let bytes = UnsafeRawBufferPointer(
                start: UnsafeRawPointer(value).advanced(by: MemoryLayout<sqfs_xattr_value_t>.size), count: Int(value.pointee.size))
            attributes.append(SquashFSExtendedAttribute(key: String(cString: fullKey), value: Array(bytes)))
        }
        return attributes.sorted { $0.key < $1.key }
    }
}
