import BinaryIO
import CIsokitLinux
import CSquashFS
import SystemPackage

#if canImport(Glibc)
import Glibc
#endif

/// Drives libsquashfs for one image: super block and compressor options, file data through the block
/// processor (compressed on worker threads, deduplicated, tails packed into fragments), then the inode and
/// directory tables (children before their directory), fragment and id tables, and the final super block.
///
/// Owns every libsquashfs object it creates and releases them in `deinit`; used from one thread only.
final class ImageAssembler {
    private let output: String
    private let options: SquashFSOptions
    private let nodes: [SourceNode]
    private var superBlock = sqfs_super_t()
    private var file: UnsafeMutablePointer<sqfs_file_t>?
    private var compressor: UnsafeMutablePointer<sqfs_compressor_t>?
    private var decompressor: UnsafeMutablePointer<sqfs_compressor_t>?
    private var blockWriter: UnsafeMutablePointer<sqfs_block_writer_t>?
    private var fragmentTable: OpaquePointer?
    private var processor: OpaquePointer?
    private var idTable: OpaquePointer?
    private var inodeWriter: OpaquePointer?
    private var directoryMeta: OpaquePointer?
    private var directoryWriter: OpaquePointer?
    private var attributeWriter: OpaquePointer?
    /// Per regular file (first name only), the inode the block processor fills in; freed in `deinit`.
    private var fileInodes: [Int: UnsafeMutablePointer<UnsafeMutablePointer<sqfs_inode_generic_t>?>] = [:]
    /// Inode reference (metadata block << 16 | offset) of each node once written.
    private var references: [UInt64]

    /// Device block the image is padded to, as mksquashfs and gensquashfs do.
    static let deviceBlockBytes = 4096
    /// Bytes read from a source file per call to the block processor.
    static let readChunkBytes = 1 << 20

    /// The tar archive regular files with an `archiveOffset` are read from.
    private let archive: ImageReader?
    /// The source image regular files with an `imageInode` are read from.
    private let image: ImageSession?

    /// Counts the file data as it goes through the block processor.
    private let progress: ProgressCounter

    init(
        output: String, options: SquashFSOptions, nodes: [SourceNode], archive: ImageReader? = nil,
        image: ImageSession? = nil, observer: (@Sendable (ProgressSnapshot) -> Void)? = nil
    ) {
        self.output = output
        self.options = options
        self.nodes = nodes
        self.archive = archive
        self.image = image
        let files = nodes.filter { $0.isRegularFile && $0.hardLinkOf == nil }
        self.progress = ProgressCounter(
            totalBytes: files.reduce(0) { $0 + Int64(clamping: $1.sizeBytes) }, totalFiles: files.count, observer: observer)
        self.references = Array(repeating: 0, count: nodes.count)
    }

    deinit {
        // The block processor holds the inode slots and the compressor, so it goes first.
        isokit_sqfs_destroy(processor.map { UnsafeMutableRawPointer($0) })
        for slot in fileInodes.values {
            free(slot.pointee)
            slot.deallocate()
        }
        isokit_sqfs_destroy(blockWriter)
        for object in [attributeWriter, directoryWriter, directoryMeta, inodeWriter, idTable, fragmentTable] {
            isokit_sqfs_destroy(object.map { UnsafeMutableRawPointer($0) })
        }
        isokit_sqfs_destroy(decompressor)
        isokit_sqfs_destroy(compressor)
        isokit_sqfs_destroy(file)
    }

    private func check(_ code: Int32, _ operation: String, path: String? = nil) throws {
        guard code == 0 else { throw SquashFSError.library(operation: operation, path: path ?? output, code: code) }
    }

    private func created<T>(_ object: T?, _ operation: String) throws -> T {
        guard let object else { throw SquashFSError.library(operation: operation, path: output, code: SQFS_ERROR_ALLOC.rawValue) }
        return object
    }

    /// Writes the whole image to `temporaryPath` (which it truncates) and closes it.
    func write(to temporaryPath: String) throws {
        let blockSize = options.blockSizeBytes
        var configuration = sqfs_compressor_config_t()
        let id = options.compressor.libraryID
        try check(sqfs_compressor_config_init(&configuration, id, blockSize, 0), "configure \(options.compressor)")
        var made: UnsafeMutablePointer<sqfs_compressor_t>?
        try check(sqfs_compressor_create(&configuration, &made), "create \(options.compressor) compressor")
        compressor = try created(isokit_sqfs_guard_compressor(made), "wrap \(options.compressor) compressor")
        configuration.flags |= UInt16(SQFS_COMP_FLAG_UNCOMPRESS.rawValue)
        try check(sqfs_compressor_create(&configuration, &made), "create \(options.compressor) decompressor")
        decompressor = made

        file = try created(sqfs_open_file(temporaryPath, UInt32(SQFS_FILE_OPEN_OVERWRITE.rawValue)), "open")
        let time = options.fixedTime ?? UInt32(clamping: Glibc.time(nil))
        try check(sqfs_super_init(&superBlock, blockSize, time, id), "initialise super block")
        try check(sqfs_super_write(&superBlock, file), "write super block")
        let optionBytes = isokit_sqfs_write_compressor_options(compressor, file)
        guard optionBytes >= 0 else { throw SquashFSError.library(operation: "write compressor options", path: output, code: optionBytes) }
        if optionBytes > 0 { superBlock.flags |= UInt16(SQFS_FLAG_COMPRESSOR_OPTIONS.rawValue) }

        blockWriter = try created(sqfs_block_writer_create(file, Self.deviceBlockBytes, 0), "create block writer")
        fragmentTable = try created(sqfs_frag_table_create(0), "create fragment table")
        var description = sqfs_block_processor_desc_t()
        description.size = UInt32(MemoryLayout<sqfs_block_processor_desc_t>.size)
        description.max_block_size = UInt32(blockSize)
        description.num_workers = UInt32(options.workerThreads)
        description.max_backlog = UInt32(options.workerThreads * 10)
        description.cmp = compressor
        description.wr = blockWriter
        description.tbl = fragmentTable
        description.file = file
        description.uncmp = decompressor
        try check(sqfs_block_processor_create_ex(&description, &processor), "create block processor")
        idTable = try created(sqfs_id_table_create(0), "create id table")
        inodeWriter = try created(sqfs_meta_writer_create(file, compressor, 0), "create inode table writer")
        directoryMeta = try created(
            sqfs_meta_writer_create(file, compressor, UInt32(SQFS_META_WRITER_KEEP_IN_MEMORY.rawValue)),
            "create directory table writer")
        directoryWriter = try created(sqfs_dir_writer_create(directoryMeta, 0), "create directory writer")

        if nodes.contains(where: { !$0.extendedAttributes.isEmpty }) {
            attributeWriter = try created(sqfs_xattr_writer_create(0), "create xattr writer")
        }
        try writeFileData()
        try check(sqfs_block_processor_finish(processor), "finish data blocks")

        superBlock.inode_count = nodes[0].inodeNumber
        superBlock.inode_table_start = isokit_sqfs_file_size(file)
        try writeDirectory(0, parentNumber: nodes[0].inodeNumber + 1)
        try check(sqfs_meta_writer_flush(inodeWriter), "flush inode table")
        try check(sqfs_meta_writer_flush(directoryMeta), "flush directory table")
        superBlock.root_inode_ref = references[0]
        superBlock.directory_table_start = isokit_sqfs_file_size(file)
        try check(sqfs_meta_write_write_to_file(directoryMeta), "write directory table")
        try check(sqfs_frag_table_write(fragmentTable, file, &superBlock, compressor), "write fragment table")
        try check(sqfs_id_table_write(idTable, file, &superBlock, compressor), "write id table")
        if attributeWriter != nil {
            try check(sqfs_xattr_writer_flush(attributeWriter, file, &superBlock, compressor), "write xattr table")
        } else {
            superBlock.flags |= UInt16(SQFS_FLAG_NO_XATTRS.rawValue)
        }
        superBlock.bytes_used = isokit_sqfs_file_size(file)
        try check(sqfs_super_write(&superBlock, file), "update super block")
        let tail = Int(superBlock.bytes_used % UInt64(Self.deviceBlockBytes))
        try check(isokit_sqfs_file_pad(file, tail == 0 ? 0 : Self.deviceBlockBytes - tail), "pad image")
        isokit_sqfs_destroy(file)
        file = nil
    }

    /// Feeds every regular file (once per hard-linked inode) through the block processor, in tree order, or for
    /// an archive in the order of the data in it, so it is read front to back.
    private func writeFileData() throws {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.readChunkBytes, alignment: 16)
        defer { buffer.deallocate() }
        var files = nodes.indices.filter { nodes[$0].isRegularFile && nodes[$0].hardLinkOf == nil }
        if archive != nil { files.sort { (nodes[$0].archiveOffset ?? 0) < (nodes[$1].archiveOffset ?? 0) } }
        for index in files {
            let node = nodes[index]
            let slot = UnsafeMutablePointer<UnsafeMutablePointer<sqfs_inode_generic_t>?>.allocate(capacity: 1)
            slot.initialize(to: nil)
            fileInodes[index] = slot
            try check(sqfs_block_processor_begin_file(processor, slot, nil, 0), "begin file", path: node.path)
            if let archive, let start = node.archiveOffset {
                try appendArchiveData(archive, at: start, node: node, buffer: buffer)
                continue
            }
            if let image, let inode = node.imageInode {
                try appendImageData(image, inode: inode, node: node, buffer: buffer)
                continue
            }
            let descriptor = open(node.cPath, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { throw IOError("open", path: node.path, errno: Errno(rawValue: isokit_errno())) }
            defer { close(descriptor) }
            var offset: UInt64 = 0
            while true {
                let count = pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset))
                if count < 0 {
                    let error = isokit_errno()
                    if error == EINTR { continue }
                    throw IOError("read", path: node.path, errno: Errno(rawValue: error))
                }
                if count == 0 { break }
                offset += UInt64(count)
                guard offset <= node.sizeBytes else {
                    throw SquashFSError.fileChanged(path: node.path, expectedBytes: node.sizeBytes, readBytes: offset)
                }
                try check(sqfs_block_processor_append(processor, buffer.baseAddress, count), "append data", path: node.path)
                progress.advance(bytes: Int64(count), files: 0)
            }
            guard offset == node.sizeBytes else {
                throw SquashFSError.fileChanged(path: node.path, expectedBytes: node.sizeBytes, readBytes: offset)
            }
            try check(sqfs_block_processor_end_file(processor), "end file", path: node.path)
            progress.advance(bytes: 0, files: 1)
        }
    }

    /// Appends a file's data from the archive (bounds checked when the archive was read) and ends the file.
    private func appendArchiveData(
        _ archive: ImageReader, at start: Int64, node: SourceNode, buffer: UnsafeMutableRawBufferPointer
    ) throws {
        try appendData(of: node, buffer: buffer) { done, wanted in
            while true {
                let count = pread(archive.descriptor.rawValue, buffer.baseAddress, wanted, off_t(start) + off_t(done))
                if count >= 0 { return count }
                let error = isokit_errno()
                if error != EINTR { throw IOError("read", path: archive.path, errno: Errno(rawValue: error)) }
            }
        }
    }

    /// Appends a file's data decompressed from the source image and ends the file.
    private func appendImageData(
        _ image: ImageSession, inode: UnsafePointer<sqfs_inode_generic_t>, node: SourceNode,
        buffer: UnsafeMutableRawBufferPointer
    ) throws {
        try appendData(of: node, buffer: buffer) { done, wanted in
            try image.read(inode, at: done, into: buffer, count: wanted, entry: node.path)
        }
    }

    /// Appends `node`'s data, which `read(offset, count)` puts into `buffer` (returning the bytes read, 0 at an
    /// early end), and ends the file.
    private func appendData(
        of node: SourceNode, buffer: UnsafeMutableRawBufferPointer, read: (UInt64, Int) throws -> Int
    ) throws {
        var done: UInt64 = 0
        while done < node.sizeBytes {
            let count = try read(done, Int(min(UInt64(buffer.count), node.sizeBytes - done)))
            guard count > 0 else {
                throw SquashFSError.fileChanged(path: node.path, expectedBytes: node.sizeBytes, readBytes: done)
            }
            done += UInt64(count)
            try check(sqfs_block_processor_append(processor, buffer.baseAddress, count), "append data", path: node.path)
            progress.advance(bytes: Int64(count), files: 0)
        }
        try check(sqfs_block_processor_end_file(processor), "end file", path: node.path)
        progress.advance(bytes: 0, files: 1)
    }

    /// Writes the inodes of a directory's subtree, then its listing and its own inode.
    private func writeDirectory(_ index: Int, parentNumber: UInt32) throws {
        let directory = nodes[index]
        for child in directory.children {
            let node = nodes[child]
            if node.isDirectory {
                try writeDirectory(child, parentNumber: directory.inodeNumber)
            } else if node.hardLinkOf == nil {
                try writeLeaf(child)
            }
        }
        try check(sqfs_dir_writer_begin(directoryWriter, 0), "begin directory", path: directory.path)
        for child in directory.children {
            let target = nodes[child].hardLinkOf ?? child
            let name = nodes[child].name + [0]
            let code = name.withUnsafeBufferPointer { pointer in
                pointer.withMemoryRebound(to: CChar.self) {
                    sqfs_dir_writer_add_entry(
                        directoryWriter, $0.baseAddress, nodes[target].inodeNumber, references[target],
                        UInt16(truncatingIfNeeded: nodes[target].mode))
                }
            }
            try check(code, "add directory entry", path: nodes[child].path)
        }
        try check(sqfs_dir_writer_end(directoryWriter), "end directory", path: directory.path)
        let inode = try created(
            sqfs_dir_writer_create_inode(directoryWriter, 0, try attributeIndex(index), parentNumber),
            "create directory inode")
        defer { free(inode) }
        if UInt32(inode.pointee.base.type) == SQFS_INODE_DIR.rawValue {
            inode.pointee.data.dir.nlink = directory.linkCount
        } else {
            inode.pointee.data.dir_ext.nlink = directory.linkCount
        }
        try writeInode(inode, for: index)
    }

    /// Writes the inode of a non-directory entry.
    private func writeLeaf(_ index: Int) throws {
        let node = nodes[index]
        if node.isRegularFile {
            guard let inode = fileInodes[index]?.pointee else {
                throw SquashFSError.library(operation: "file inode", path: node.path, code: SQFS_ERROR_INTERNAL.rawValue)
            }
            let attributes = try attributeIndex(index)
            if attributes != 0xFFFF_FFFF {
                try check(sqfs_inode_set_xattr_index(inode, attributes), "set xattr index", path: node.path)
            }
            if node.linkCount > 1 {
                if UInt32(inode.pointee.base.type) == SQFS_INODE_FILE.rawValue {
                    try check(sqfs_inode_make_extended(inode), "extend file inode", path: node.path)
                }
                inode.pointee.data.file_ext.nlink = node.linkCount
            }
            try writeInode(inode, for: index)
            return
        }
        let inode = try created(isokit_sqfs_inode_alloc(node.linkTarget.count), "allocate inode")
        defer { free(inode) }
        switch node.mode & 0o170000 {
        case 0o120000:
            node.linkTarget.withUnsafeBufferPointer { target in
                target.withMemoryRebound(to: CChar.self) {
                    isokit_sqfs_inode_set_symlink(inode, $0.baseAddress, $0.count, node.linkCount)
                }
            }
        case 0o020000, 0o060000:
            let character = node.mode & 0o170000 == 0o020000
            inode.pointee.base.type = UInt16(character ? SQFS_INODE_CDEV.rawValue : SQFS_INODE_BDEV.rawValue)
            inode.pointee.data.dev.nlink = node.linkCount
            inode.pointee.data.dev.devno = node.deviceNumber
        case 0o010000, 0o140000:
            let fifo = node.mode & 0o170000 == 0o010000
            inode.pointee.base.type = UInt16(fifo ? SQFS_INODE_FIFO.rawValue : SQFS_INODE_SOCKET.rawValue)
            inode.pointee.data.ipc.nlink = node.linkCount
        default:
            throw SquashFSError.unsupportedFileType(path: node.path, mode: node.mode)
        }
        let attributes = try attributeIndex(index)
        if attributes != 0xFFFF_FFFF {
            try check(sqfs_inode_set_xattr_index(inode, attributes), "set xattr index", path: node.path)
        }
        try writeInode(inode, for: index)
    }

    /// Records a node's extended attributes (identical sets are stored once) and returns their index, or
    /// 0xFFFFFFFF ("none") for a node without any.
    private func attributeIndex(_ index: Int) throws -> UInt32 {
        let node = nodes[index]
        guard !node.extendedAttributes.isEmpty, let attributeWriter else { return 0xFFFF_FFFF }
        try check(sqfs_xattr_writer_begin(attributeWriter, 0), "begin xattrs", path: node.path)
        for attribute in node.extendedAttributes {
            let key = attribute.key.map { CChar(bitPattern: $0) } + [0]
            let code = attribute.value.withUnsafeBytes {
                sqfs_xattr_writer_add(attributeWriter, key, $0.baseAddress, $0.count)
            }
            try check(code, "add xattr \(String(decoding: attribute.key, as: UTF8.self))", path: node.path)
        }
        var result: UInt32 = 0
        try check(sqfs_xattr_writer_end(attributeWriter, &result), "end xattrs", path: node.path)
        return result
    }

    /// Fills in the fields every inode shares, appends it to the inode table and records its reference.
    private func writeInode(_ inode: UnsafeMutablePointer<sqfs_inode_generic_t>, for index: Int) throws {
        let node = nodes[index]
        inode.pointee.base.mode = UInt16(truncatingIfNeeded: node.mode)
        inode.pointee.base.mod_time = node.modificationTime
        inode.pointee.base.inode_number = node.inodeNumber
        try check(sqfs_id_table_id_to_index(idTable, node.user, &inode.pointee.base.uid_idx), "map owner", path: node.path)
        try check(sqfs_id_table_id_to_index(idTable, node.group, &inode.pointee.base.gid_idx), "map group", path: node.path)
        var block: UInt64 = 0
        var offset: UInt32 = 0
        sqfs_meta_writer_get_position(inodeWriter, &block, &offset)
        references[index] = block << 16 | UInt64(offset)
        try check(sqfs_meta_writer_write_inode(inodeWriter, inode), "write inode", path: node.path)
    }
}
