import BinaryIO

/// RRIP §4.1.1 — PX entry: POSIX file mode, link count, owner, group and, since RRIP 1.12, the file serial number
/// (36 bytes without the serial number as in RRIP 1.09/1.10, 44 bytes with it).
public struct POSIXAttributes: Hashable, Sendable {
    /// `st_mode`: the file type bits and the permission bits.
    public var mode: UInt32
    /// `st_nlink`: the number of hard links.
    public var links: UInt32
    /// `st_uid`: the owner's user ID.
    public var uid: UInt32
    /// `st_gid`: the owner's group ID.
    public var gid: UInt32
    /// `st_ino`: the file serial number, present only in the 44-byte RRIP 1.12 form.
    public var serial: UInt32?

    /// The byte size of the RRIP 1.09/1.10 entry, without a serial number.
    public static let shortEntrySize = 36
    /// The byte size of the RRIP 1.12 entry, with a serial number.
    public static let longEntrySize = 44

    /// Creates attributes; the entry has the 44-byte form when `serial` is set.
    public init(mode: UInt32, links: UInt32, uid: UInt32, gid: UInt32, serial: UInt32? = nil) {
        self.mode = mode
        self.links = links
        self.uid = uid
        self.gid = gid
        self.serial = serial
    }

    /// Decodes a PX entry of either form.
    /// - Parameters:
    ///   - bytes: The bytes starting with the entry.
    ///   - offset: The absolute file offset of `bytes.first`.
    /// - Throws: ``DecodeError/badSignature(structure:offset:expected:found:)`` unless the signature is `PX`,
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` (`"PX length"` unless 36 or 44, `"PX version"`),
    ///   ``DecodeError/byteOrderMismatch(field:offset:littleEndian:bigEndian:)`` and
    ///   ``DecodeError/truncated(structure:offset:needed:available:)``.
    ///
    /// Spec: IEEE P1282 (RRIP 1.12) §4.1.1.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = try SystemUseEntryHeader.open(
            bytes, at: offset, signature: "PX", length: .oneOf([Self.shortEntrySize, Self.longEntrySize]))
        mode = try reader.bothEndianUInt32(field: "PX file mode")
        links = try reader.bothEndianUInt32(field: "PX links")
        uid = try reader.bothEndianUInt32(field: "PX user ID")
        gid = try reader.bothEndianUInt32(field: "PX group ID")
        serial = reader.remaining > 0 ? try reader.bothEndianUInt32(field: "PX serial number") : nil
    }

    /// The 36 or 44 bytes of the PX entry.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.longEntrySize)
        writer.append(SystemUseEntryHeader.encode("PX", dataCount: (serial == nil ? Self.shortEntrySize : Self.longEntrySize) - 4))
        writer.bothEndianUInt32(mode)
        writer.bothEndianUInt32(links)
        writer.bothEndianUInt32(uid)
        writer.bothEndianUInt32(gid)
        if let serial { writer.bothEndianUInt32(serial) }
        return writer.bytes
    }

    /// The file type encoded in ``mode``.
    public var fileType: POSIXFileType { POSIXFileType(mode: mode) }

    /// The permission, set-ID and sticky bits of ``mode`` (`mode & 0o7777`).
    public var permissions: UInt32 { mode & 0o7777 }
}
