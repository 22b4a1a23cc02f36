import CSquashFS

extension ImageSession {
    /// The most key-value pairs one inode may have; more is treated as damage.
    static let attributeLimit = 4096

    /// The extended attributes of `inode` as the metadata table keeps them, sorted by key; empty if it has none.
    /// - Throws: ``SquashFSError/library(operation:path:code:)`` for a damaged table or more than ``attributeLimit``.
    func extendedAttributes(of inode: UnsafePointer<sqfs_inode_generic_t>, entry: String) throws -> [SquashFSExtendedAttribute] {
        let attributes = try attributes(of: inode, entry: entry)
        guard attributes.count <= Self.attributeLimit else {
            throw SquashFSError.library(operation: "xattrs of /\(entry)", path: path, code: SQFS_ERROR_OVERFLOW.rawValue)
        }
        return attributes.map { SquashFSExtendedAttribute(key: String(decoding: $0.key, as: UTF8.self), value: $0.value) }
            .sorted { $0.key < $1.key }
    }
}
