import BinaryIO
import CSquashFS
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// An open SquashFS image with the libsquashfs objects reading needs: super block, decompressor, id table,
/// directory reader and data reader. Owns them and releases them in `deinit`; used from one thread only.
final class ImageSession {
    let path: String
    private(set) var superBlock = sqfs_super_t()
    private var file: UnsafeMutablePointer<sqfs_file_t>?
    private var decompressor: UnsafeMutablePointer<sqfs_compressor_t>?
    private var idTable: OpaquePointer?
    private var directoryReader: OpaquePointer?
    private var dataReader: OpaquePointer?

    /// The open tree from ``loadTree()``, freed in `deinit`.
    private var tree: UnsafeMutablePointer<sqfs_tree_node_t>?
    private var attributeReader: OpaquePointer?

    convenience init(path: String) throws {
        try self.init(source: SquashFSImageSource(path: path))
    }

    init(source: SquashFSImageSource) throws {
        self.path = source.displayName
        guard source.offset >= 0, (source.sizeBytes ?? 0) >= 0 else {
            throw SquashFSError.library(operation: "open (negative offset or size)", path: path, code: SQFS_ERROR_ARG_INVALID.rawValue)
        }
        guard source.sizeBytes != 0 else {
            throw SquashFSError.library(operation: "open (the image is empty)", path: path, code: SQFS_ERROR_OUT_OF_BOUNDS.rawValue)
        }
        var error: Int32 = 0
        file = isokit_sqfs_window_open(source.path, UInt64(source.offset), UInt64(source.sizeBytes ?? 0), &error)
        guard file != nil else {
            if error > 0 { throw IOError("open", path: source.path, errno: Errno(rawValue: error)) }
            throw SquashFSError.library(operation: "open (the image lies past the end of the file)", path: path, code: SQFS_ERROR_OUT_OF_BOUNDS.rawValue)
        }
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
        sqfs_dir_tree_destroy(tree)
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

    /// Every entry, parents before children, children in stored (name) order.
    func entries() throws -> [SquashFSEntry] {
        var root: UnsafeMutablePointer<sqfs_tree_node_t>?
        try check(sqfs_dir_reader_get_full_hierarchy(directoryReader, idTable, nil, 0, &root), "read directory tree")
        defer { sqfs_dir_tree_destroy(root) }
        var result: [SquashFSEntry] = []
        var stack: [(UnsafeMutablePointer<sqfs_tree_node_t>, String)] = []
        if let root { stack.append((root, "")) }
        while let (node, path) = stack.popLast() {
            result.append(try entry(node.pointee, path: path))
            var children: [(UnsafeMutablePointer<sqfs_tree_node_t>, String)] = []
            var child = node.pointee.children
            while let current = child {
                let name = String(cString: isokit_sqfs_tree_node_name(current))
                children.append((current, path.isEmpty ? name : path + "/" + name))
                child = current.pointee.next
            }
            stack.append(contentsOf: children.reversed())
        }
        return result
    }

    private func entry(_ node: sqfs_tree_node_t, path: String) throws -> SquashFSEntry {
        let inode = node.inode.pointee
        let type = UInt32(inode.base.type)
        var size: UInt64 = 0
        var target: String?
        if type == SQFS_INODE_FILE.rawValue || type == SQFS_INODE_EXT_FILE.rawValue {
            try check(sqfs_inode_get_file_size(node.inode, &size), "file size", entry: path)
        } else if type == SQFS_INODE_SLINK.rawValue || type == SQFS_INODE_EXT_SLINK.rawValue {
            let length = Int(type == SQFS_INODE_SLINK.rawValue ? inode.data.slink.target_size : inode.data.slink_ext.target_size)
            guard length <= Int(inode.payload_bytes_available) else {
                throw SquashFSError.library(operation: "symlink target /\(path)", path: self.path, code: SQFS_ERROR_CORRUPTED.rawValue)
            }
            let bytes = UnsafeRawBufferPointer(start: isokit_sqfs_inode_extra(node.inode), count: length)
            target = String(decoding: bytes, as: UTF8.self)
        }
        return SquashFSEntry(
            path: path, mode: UInt32(inode.base.mode), user: node.uid, group: node.gid, sizeBytes: size,
            linkTarget: target, modificationTime: inode.base.mod_time, inodeNumber: inode.base.inode_number)
    }

    /// The contents of the regular file at `path` (relative to the root), up to `limitBytes`.
    func readFile(_ path: String, limitBytes: Int) throws -> [UInt8] {
        var root: UnsafeMutablePointer<sqfs_inode_generic_t>?
        try check(sqfs_dir_reader_get_root_inode(directoryReader, &root), "read root inode")
        defer { free(root) }
        var inode: UnsafeMutablePointer<sqfs_inode_generic_t>?
        try check(sqfs_dir_reader_find_by_path(directoryReader, root, path, &inode), "find", entry: path)
        defer { free(inode) }
        var size: UInt64 = 0
        try check(sqfs_inode_get_file_size(inode, &size), "file size", entry: path)
        guard size <= UInt64(limitBytes) else {
            throw SquashFSError.library(operation: "read /\(path) (\(size) bytes, limit \(limitBytes))", path: self.path, code: SQFS_ERROR_OVERFLOW.rawValue)
        }
        var bytes = [UInt8](repeating: 0, count: Int(size))
        var offset = 0
        while offset < bytes.count {
            let chunk = UInt32(min(bytes.count - offset, 1 << 20))
            let read = bytes.withUnsafeMutableBytes {
                sqfs_data_reader_read(dataReader, inode, UInt64(offset), $0.baseAddress?.advanced(by: offset), chunk)
            }
            guard read > 0 else {
                throw SquashFSError.library(operation: "read /\(path)", path: self.path, code: read < 0 ? read : SQFS_ERROR_CORRUPTED.rawValue)
            }
            offset += Int(read)
        }
        return bytes
    }

    /// The compressor id and block size from the super block.
    var format: (compressionID: UInt16, blockSizeBytes: Int) {
        (superBlock.compression_id, Int(superBlock.block_size))
    }

    /// Reads the whole directory tree once and keeps it (with every inode) until the session ends.
    func loadTree() throws -> UnsafeMutablePointer<sqfs_tree_node_t> {
        if let tree { return tree }
        try check(sqfs_dir_reader_get_full_hierarchy(directoryReader, idTable, nil, 0, &tree), "read directory tree")
        guard let tree else {
            throw SquashFSError.library(operation: "read directory tree", path: path, code: SQFS_ERROR_CORRUPTED.rawValue)
        }
        return tree
    }

    /// The extended attributes of `inode`, full keys with their prefix, in stored order; none if it has none.
    func attributes(of inode: UnsafePointer<sqfs_inode_generic_t>, entry: String) throws -> [(key: [UInt8], value: [UInt8])] {
        var index: UInt32 = 0xFFFF_FFFF
        try check(sqfs_inode_get_xattr_index(inode, &index), "xattr index", entry: entry)
        guard index != 0xFFFF_FFFF, superBlock.flags & UInt16(SQFS_FLAG_NO_XATTRS.rawValue) == 0,
            superBlock.xattr_id_table_start != UInt64.max
        else { return [] }
        if attributeReader == nil {
            attributeReader = sqfs_xattr_reader_create(0)
            guard attributeReader != nil else {
                throw SquashFSError.library(operation: "create xattr reader", path: path, code: SQFS_ERROR_ALLOC.rawValue)
            }
            try check(sqfs_xattr_reader_load(attributeReader, &superBlock, file, decompressor), "read xattr table")
        }
        var description = sqfs_xattr_id_t()
        try check(sqfs_xattr_reader_get_desc(attributeReader, index, &description), "xattr descriptor", entry: entry)
        try check(sqfs_xattr_reader_seek_kv(attributeReader, &description), "seek xattrs", entry: entry)
        var result: [(key: [UInt8], value: [UInt8])] = []
        for _ in 0..<description.count {
            var key: UnsafeMutablePointer<sqfs_xattr_entry_t>?
            try check(sqfs_xattr_reader_read_key(attributeReader, &key), "read xattr key", entry: entry)
            defer { free(key) }
            var value: UnsafeMutablePointer<sqfs_xattr_value_t>?
            try check(sqfs_xattr_reader_read_value(attributeReader, key, &value), "read xattr value", entry: entry)
            defer { free(value) }
            guard let key, let value else { continue }
            // libsquashfs 1.2 puts the namespace prefix before the stored name and ends the key with a NUL, but
            // leaves `size` at the stored name's length; read up to the NUL (or add the prefix if it is missing).
            let keyPointer = isokit_sqfs_xattr_key(key)
            var keyBytes = Array(UnsafeBufferPointer(start: keyPointer, count: keyPointer.map { strlen(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) } ?? 0))
            if let prefix = sqfs_get_xattr_prefix(SQFS_XATTR_TYPE(UInt32(key.pointee.type & 0xFF))) {
                let prefixBytes = Array(String(cString: prefix).utf8)
                if !keyBytes.starts(with: prefixBytes) { keyBytes = prefixBytes + keyBytes }
            }
            let valueBytes = Array(UnsafeBufferPointer(start: isokit_sqfs_xattr_value(value), count: Int(value.pointee.size)))
            result.append((keyBytes, valueBytes))
        }
        return result
    }

    /// Reads up to `count` bytes of a regular file's data from `offset` into `buffer`; returns the bytes read
    /// (0 at the end of the file).
    func read(
        _ inode: UnsafePointer<sqfs_inode_generic_t>, at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer,
        count: Int, entry: String
    ) throws -> Int {
        let read = sqfs_data_reader_read(dataReader, inode, offset, buffer.baseAddress, UInt32(min(count, buffer.count)))
        guard read >= 0 else { throw SquashFSError.library(operation: "read /\(entry)", path: path, code: read) }
        return Int(read)
    }
}
