import BinaryIO

extension ISOImage {
    /// The bytes of the regular file at `path`, joined across its extents, for small files such as boot menus.
    /// - Parameters:
    ///   - path: The file's absolute path in the image.
    ///   - limitBytes: The largest file read into memory.
    /// - Throws: ``ISO9660Error/notFound(path:)``, ``ISO9660Error/unrepresentable(path:reason:)`` for a directory or
    ///   ``ISO9660Error/limitExceeded(what:path:limit:)`` for a file over `limitBytes` (wrapped in ``ImageError``);
    ///   read errors with offsets.
    public func contents(of path: String, limitBytes: Int = 16 << 20) throws -> [UInt8] {
        let file = try entry(at: path)
        guard file.kind == .regular else {
            throw ImageError(image: self.path, underlying: ISO9660Error.unrepresentable(path: path, reason: "not a regular file"))
        }
        guard file.size <= limitBytes else {
            throw ImageError(
                image: self.path, underlying: ISO9660Error.limitExceeded(what: "bytes to read", path: path, limit: limitBytes))
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(file.size))
        for extent in file.extents {
            bytes += try ImageError.wrap(image: self.path) {
                try reader.read(at: extent.byteOffset, count: Int(extent.length), structure: "file \(path)")
            }
        }
        return bytes
    }
}
