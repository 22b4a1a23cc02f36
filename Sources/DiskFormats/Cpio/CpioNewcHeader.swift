import BinaryIO

/// cpio(5) "New ASCII Format" (SVR4 `newc`, magic `070701`) — one member header with its name; the layout the
/// kernel unpacks as initramfs (Documentation/driver-api/early-userspace/buffer-format.rst).
///
/// The header is the 6-byte magic and 13 fields of 8 ASCII hex digits (110 bytes), then the NUL-terminated name,
/// padded with NULs so header and name together are a multiple of 4 bytes. The member's data (``fileSize``
/// bytes) follows, padded to 4 bytes; it is not part of this structure.
public struct CpioNewcHeader: Hashable, Sendable {
    /// The inode number; members with the same inode (and `nlink` > 1) are hard links to one file.
    public var inode: UInt32
    /// File type and permission bits (`st_mode`), e.g. `0o100644` for a regular file.
    public var mode: UInt32
    /// Owner user ID.
    public var uid: UInt32
    /// Owner group ID.
    public var gid: UInt32
    /// Number of links to the file.
    public var linkCount: UInt32
    /// Modification time, seconds since 1970-01-01 UTC.
    public var modificationTime: UInt32
    /// Bytes of data following the header (a symlink's data is its target).
    public var fileSize: UInt32
    /// Major number of the device holding the file.
    public var deviceMajor: UInt32
    /// Minor number of the device holding the file.
    public var deviceMinor: UInt32
    /// Major number of a character or block device member.
    public var specialDeviceMajor: UInt32
    /// Minor number of a character or block device member.
    public var specialDeviceMinor: UInt32
    /// The check field: always 0 in `newc` (only the `070702` CRC variant uses it).
    public var check: UInt32
    /// The member's path name bytes, without the terminating NUL.
    public var name: [UInt8]

    /// The magic of the `newc` format.
    public static let magic = Array("070701".utf8)
    /// The size of the fixed part: magic plus 13 eight-digit fields.
    public static let fixedSize = 110
    /// The name of the member that ends an archive.
    public static let trailerName = Array("TRAILER!!!".utf8)
    /// The largest name size accepted when decoding (including the NUL); Linux's `PATH_MAX`.
    public static let maximumNameSize = 4096

    /// The names of the 13 fields, in on-disk order, as used in error messages.
    static let fieldNames = [
        "c_ino", "c_mode", "c_uid", "c_gid", "c_nlink", "c_mtime", "c_filesize",
        "c_devmajor", "c_devminor", "c_rdevmajor", "c_rdevminor", "c_namesize", "c_check",
    ]

    /// Creates a header.
    ///
    /// - Parameters:
    ///   - name: The path name bytes, without a NUL; at most ``maximumNameSize`` − 1 bytes.
    ///   - inode: The inode number.
    ///   - mode: Type and permission bits.
    ///   - uid: Owner user ID.
    ///   - gid: Owner group ID.
    ///   - linkCount: Number of links.
    ///   - modificationTime: Seconds since the epoch.
    ///   - fileSize: Bytes of data that follow.
    ///   - deviceMajor: Major number of the containing device.
    ///   - deviceMinor: Minor number of the containing device.
    ///   - specialDeviceMajor: Major number of a device member.
    ///   - specialDeviceMinor: Minor number of a device member.
    ///   - check: The check field (0 for `newc`).
    public init(
        name: [UInt8], inode: UInt32 = 0, mode: UInt32 = 0, uid: UInt32 = 0, gid: UInt32 = 0, linkCount: UInt32 = 1,
        modificationTime: UInt32 = 0, fileSize: UInt32 = 0, deviceMajor: UInt32 = 0, deviceMinor: UInt32 = 0,
        specialDeviceMajor: UInt32 = 0, specialDeviceMinor: UInt32 = 0, check: UInt32 = 0
    ) {
        precondition(name.count < Self.maximumNameSize, "a cpio name has at most 4095 bytes")
        precondition(!name.contains(0), "a cpio name holds no NUL")
        self.name = name
        self.inode = inode
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.linkCount = linkCount
        self.modificationTime = modificationTime
        self.fileSize = fileSize
        self.deviceMajor = deviceMajor
        self.deviceMinor = deviceMinor
        self.specialDeviceMajor = specialDeviceMajor
        self.specialDeviceMinor = specialDeviceMinor
        self.check = check
    }

    /// The trailer member that ends an archive.
    public static var trailer: CpioNewcHeader { CpioNewcHeader(name: trailerName, linkCount: 1) }

    /// Whether this is the `TRAILER!!!` member.
    public var isTrailer: Bool { name == Self.trailerName }

    /// The name as text (invalid UTF-8 is replaced).
    public var path: String { String(decoding: name, as: UTF8.self) }

    /// The encoded size of header and padded name, in bytes.
    public var encodedSize: Int { Self.paddedToFour(Self.fixedSize + name.count + 1) }

    /// The data size rounded up to the 4-byte boundary the next header starts on.
    public var paddedFileSize: Int64 { Int64(Self.paddedToFour(Int(fileSize))) }

    /// Decodes a header and its name.
    ///
    /// - Parameters:
    ///   - bytes: Bytes starting with the header; the name and its padding must follow.
    ///   - offset: The absolute offset of `bytes.startIndex` in its file.
    /// - Throws: ``DecodeError/badSignature(structure:offset:expected:found:)`` for a wrong magic;
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` for a field that is not 8 hex digits, a name size of 0
    ///   or over ``maximumNameSize``, or a name not ending in NUL; ``DecodeError/truncated(structure:offset:needed:available:)``
    ///   if the header or the name (with padding) runs past the end of `bytes`.
    ///
    /// Spec: cpio(5) "New ASCII Format"; Linux buffer-format.rst.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "cpio newc header")
        try reader.require(Self.fixedSize)
        try reader.expect(Self.magic)
        var fields: [UInt32] = []
        fields.reserveCapacity(Self.fieldNames.count)
        for field in Self.fieldNames {
            let start = reader.offset
            let digits = try reader.bytes(8)
            guard let value = Self.hexValue(digits) else {
                // Non-printable bytes show as "?" so the message stays one line of text.
                let shown = String(decoding: digits.map { $0 < 0x20 || $0 > 0x7E ? 0x3F : $0 }, as: UTF8.self)
                throw .invalidValue(field: "cpio \(field)", offset: start, reason: "\"\(shown)\" is not 8 hex digits")
            }
            fields.append(value)
        }
        let nameSizeOffset = offset + Int64(Self.magic.count + 11 * 8)  // c_namesize is field 11 (from 0)
        let nameSize = Int(fields[11])
        guard nameSize > 0, nameSize <= Self.maximumNameSize else {
            throw .invalidValue(
                field: "cpio c_namesize", offset: nameSizeOffset,
                reason: "\(nameSize) is not between 1 and \(Self.maximumNameSize)")
        }
        let nameStart = reader.offset
        let padded = Self.paddedToFour(Self.fixedSize + nameSize) - Self.fixedSize
        guard padded <= reader.remaining else {
            throw .truncated(structure: "cpio name", offset: nameStart, needed: padded, available: reader.remaining)
        }
        let rawName = try reader.bytes(nameSize)
        guard rawName.last == 0, !rawName.dropLast().contains(0) else {
            throw .invalidValue(field: "cpio name", offset: nameStart, reason: "not a NUL-terminated string of \(nameSize) bytes")
        }
        try reader.skip(padded - nameSize)
        name = Array(rawName.dropLast())
        inode = fields[0]
        mode = fields[1]
        uid = fields[2]
        gid = fields[3]
        linkCount = fields[4]
        modificationTime = fields[5]
        fileSize = fields[6]
        deviceMajor = fields[7]
        deviceMinor = fields[8]
        specialDeviceMajor = fields[9]
        specialDeviceMinor = fields[10]
        check = fields[12]
    }

    /// Encodes the header and its NUL-terminated name, padded to a multiple of 4 bytes (upper-case hex digits,
    /// as GNU cpio writes them).
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: encodedSize)
        writer.append(Self.magic)
        let values = [
            inode, mode, uid, gid, linkCount, modificationTime, fileSize, deviceMajor, deviceMinor,
            specialDeviceMajor, specialDeviceMinor, UInt32(name.count + 1), check,
        ]
        for value in values {
            let digits = Array(String(value, radix: 16, uppercase: true).utf8)
            writer.fill(8 - digits.count, with: 0x30)
            writer.append(digits)
        }
        writer.append(name)
        writer.uint8(0)
        writer.align(to: 4)
        return writer.bytes
    }

    /// `count` rounded up to a multiple of 4.
    static func paddedToFour(_ count: Int) -> Int { (count + 3) & ~3 }

    /// The value of 8 ASCII hex digits (either case), or `nil` if any byte is not one.
    static func hexValue(_ digits: ArraySlice<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        for byte in digits {
            let digit: UInt8
            switch byte {
            case 0x30...0x39: digit = byte - 0x30
            case 0x41...0x46: digit = byte - 0x41 + 10
            case 0x61...0x66: digit = byte - 0x61 + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
