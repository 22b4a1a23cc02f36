import BinaryIO

/// Reads the members of a cpio `newc` archive held in memory, for tests and inspection.
///
/// Every header is validated (``CpioNewcHeader/init(bytes:at:)``) and every data size is checked against the bytes
/// left, so a damaged archive throws instead of reading past its end. Reading stops at `TRAILER!!!`; an archive
/// without one is truncated.
public struct CpioArchiveReader: Sendable {
    /// One member: its header and where its data lies.
    public struct Entry: Hashable, Sendable {
        /// The decoded header.
        public var header: CpioNewcHeader
        /// The absolute offset of the header.
        public var headerOffset: Int64
        /// The absolute offset of the member's data.
        public var dataOffset: Int64
        /// The member's data (for a symlink, its target).
        public var data: ArraySlice<UInt8>

        /// The member's path.
        public var path: String { header.path }
        /// The member's file type.
        public var type: POSIXFileType { POSIXFileType(mode: header.mode) }
        /// The permission bits.
        public var permissions: UInt32 { header.mode & 0o7777 }
    }

    /// The members before the trailer, in archive order.
    public let entries: [Entry]
    /// The offset just past the trailer's header (data of a following archive may start there, 4-byte aligned).
    public let endOffset: Int64

    /// Decodes every member of the archive in `bytes`.
    ///
    /// - Parameters:
    ///   - bytes: The archive (uncompressed).
    ///   - offset: The absolute offset of `bytes.startIndex`, for error messages.
    /// - Throws: ``CpioError/decode(_:)`` wrapping the header errors of ``CpioNewcHeader/init(bytes:at:)``, or
    ///   ``DecodeError/truncated(structure:offset:needed:available:)`` for data running past the end or a missing
    ///   trailer.
    ///
    /// Spec: cpio(5) "New ASCII Format"; Linux buffer-format.rst.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64 = 0) throws(CpioError) {
        var entries: [Entry] = []
        var index = bytes.startIndex
        func absolute(_ position: Int) -> Int64 { offset + Int64(position - bytes.startIndex) }
        while true {
            let headerOffset = absolute(index)
            let header: CpioNewcHeader
            do {
                header = try CpioNewcHeader(bytes: bytes[index...], at: headerOffset)
            } catch {
                throw .decode(error)
            }
            index += header.encodedSize
            if header.isTrailer {
                self.entries = entries
                self.endOffset = absolute(index)
                return
            }
            let size = Int(header.fileSize)
            let left = bytes.endIndex - index
            guard size <= left else {
                throw .decode(
                    .truncated(
                        structure: "cpio data of \(header.path)", offset: absolute(index), needed: size, available: left))
            }
            let data = bytes[index..<(index + size)]
            entries.append(Entry(header: header, headerOffset: headerOffset, dataOffset: absolute(index), data: data))
            index += min(Int(header.paddedFileSize), left)
        }
    }
}
