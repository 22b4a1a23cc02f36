import BinaryIO

/// POSIX.1-2017 pax, "ustar Interchange Format" header block (512 bytes), also in its GNU tar variant (magic
/// `"ustar  \0"`), whose bytes 345…511 hold GNU fields instead of the ustar `prefix`.
///
/// Text fields are NUL-padded bytes; numeric fields are octal (see ``TarNumber``) or base-256. The checksum is not
/// stored: decoding verifies it and ``encode()`` computes it.
public struct TarHeader: Hashable, Sendable {
    /// The `name` field (at most 100 bytes, without NUL padding).
    public var name: [UInt8]
    /// The `mode` field: permission bits (some old archives also put type bits here).
    public var mode: UInt32
    /// Owner user ID.
    public var uid: Int64
    /// Owner group ID.
    public var gid: Int64
    /// Bytes of data following the header.
    public var size: Int64
    /// Modification time, seconds since 1970-01-01 UTC (base-256 values may be negative).
    public var modificationTime: Int64
    /// The `typeflag` field.
    public var type: TarEntryType
    /// The `linkname` field: a link's target (at most 100 bytes, without NUL padding).
    public var linkName: [UInt8]
    /// `magic` and `version` together: ``ustarMagic`` or ``gnuMagic``.
    public var magic: [UInt8]
    /// Owner user name (ignored when reading archives; ids are numeric).
    public var userName: [UInt8]
    /// Owner group name.
    public var groupName: [UInt8]
    /// Major device number; `nil` when the field is empty, as GNU tar leaves it for non-devices.
    public var deviceMajor: Int64?
    /// Minor device number; `nil` when the field is empty.
    public var deviceMinor: Int64?
    /// Bytes 345…511 as stored: the ustar `prefix` (155 bytes) and 12 bytes of padding, or the GNU fields
    /// (atime, ctime, sparse map); kept so a header re-encodes byte for byte.
    public var prefixArea: [UInt8]

    /// The header size in bytes; data and headers start on multiples of it.
    public static let blockSize = 512
    /// POSIX ustar magic and version: `"ustar\0"`, `"00"`.
    public static let ustarMagic: [UInt8] = Array("ustar".utf8) + [0, 0x30, 0x30]
    /// GNU tar magic and version: `"ustar "`, `" \0"`.
    public static let gnuMagic: [UInt8] = Array("ustar  ".utf8) + [0]
    /// The length of the prefix area.
    static let prefixAreaSize = 167
    /// The offset of the checksum field in the header.
    static let checksumOffset = 148

    /// Creates a header; text fields longer than their field are a programmer error.
    /// - Parameters:
    ///   - name: The name field (≤ 100 bytes).
    ///   - mode: Permission bits.
    ///   - uid: Owner user ID.
    ///   - gid: Owner group ID.
    ///   - size: Data size in bytes.
    ///   - modificationTime: Seconds since the epoch.
    ///   - type: The typeflag.
    ///   - linkName: The link target (≤ 100 bytes).
    ///   - magic: ``ustarMagic`` or ``gnuMagic``.
    ///   - userName: Owner name (≤ 32 bytes).
    ///   - groupName: Group name (≤ 32 bytes).
    ///   - deviceMajor: Major device number, or `nil` for an empty field.
    ///   - deviceMinor: Minor device number, or `nil` for an empty field.
    ///   - prefix: The ustar prefix (≤ 155 bytes), joined to `name` with a slash by readers.
    public init(
        name: [UInt8], mode: UInt32 = 0o644, uid: Int64 = 0, gid: Int64 = 0, size: Int64 = 0,
        modificationTime: Int64 = 0, type: TarEntryType = .regular, linkName: [UInt8] = [],
        magic: [UInt8] = TarHeader.ustarMagic, userName: [UInt8] = [], groupName: [UInt8] = [],
        deviceMajor: Int64? = 0, deviceMinor: Int64? = 0, prefix: [UInt8] = []
    ) {
        precondition(name.count <= 100 && linkName.count <= 100 && prefix.count <= 155, "tar text field too long")
        precondition(userName.count <= 32 && groupName.count <= 32 && magic.count == 8, "tar text field too long")
        self.name = name
        self.mode = mode
        self.uid = uid
        self.gid = gid
        self.size = size
        self.modificationTime = modificationTime
        self.type = type
        self.linkName = linkName
        self.magic = magic
        self.userName = userName
        self.groupName = groupName
        self.deviceMajor = deviceMajor
        self.deviceMinor = deviceMinor
        self.prefixArea = prefix + [UInt8](repeating: 0, count: Self.prefixAreaSize - prefix.count)
    }

    /// Whether this is a GNU tar header (``gnuMagic``), whose prefix area holds GNU fields.
    public var isGNU: Bool { magic == Self.gnuMagic }

    /// The ustar `prefix` field (empty for GNU headers).
    public var prefix: [UInt8] { isGNU ? [] : Array(prefixArea.prefix(155).prefix { $0 != 0 }) }

    /// The member's path as stored: `prefix/name`, or `name` without a prefix.
    public var fullName: [UInt8] { prefix.isEmpty ? name : prefix + [0x2F] + name }

    /// Decodes and validates a header block.
    ///
    /// - Parameters:
    ///   - bytes: At least 512 bytes starting with the header.
    ///   - offset: The absolute offset of `bytes.startIndex` in the archive.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)`` for fewer than 512 bytes;
    ///   ``DecodeError/badSignature(structure:offset:expected:found:)`` for a magic that is neither ustar nor GNU;
    ///   ``DecodeError/badChecksum(structure:offset:stored:computed:)`` when the checksum does not match;
    ///   ``DecodeError/invalidValue(field:offset:reason:)`` for a numeric field that is not octal or base-256, or a
    ///   negative mode, id, size or device number.
    ///
    /// Spec: POSIX.1-2017 pax, "ustar Interchange Format"; GNU tar manual, "Basic Tar Format".
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "tar header")
        try reader.require(Self.blockSize)
        let block = bytes[bytes.startIndex..<(bytes.startIndex + Self.blockSize)]
        func text(_ field: ArraySlice<UInt8>) -> [UInt8] { Array(field.prefix { $0 != 0 }) }
        func number(_ name: String, _ width: Int, _ reader: inout ByteReader) throws(DecodeError) -> Int64? {
            let start = reader.offset
            let value = try TarNumber.decode(try reader.bytes(width), name: "tar \(name)", at: start)
            if let value, value < 0, name != "mtime" {
                throw .invalidValue(field: "tar \(name)", offset: start, reason: "negative value \(value)")
            }
            return value
        }
        name = text(try reader.bytes(100))
        let modeOffset = reader.offset
        let rawMode = try number("mode", 8, &reader) ?? 0
        guard let mode = UInt32(exactly: rawMode) else {
            throw .fieldOutOfRange(field: "tar mode", offset: modeOffset, value: UInt64(rawMode), limit: UInt64(UInt32.max))
        }
        self.mode = mode
        uid = try number("uid", 8, &reader) ?? 0
        gid = try number("gid", 8, &reader) ?? 0
        size = try number("size", 12, &reader) ?? 0
        modificationTime = try number("mtime", 12, &reader) ?? 0
        let checksumStart = reader.offset
        let stored = try TarNumber.decode(try reader.bytes(8), name: "tar chksum", at: checksumStart) ?? -1
        type = TarEntryType(rawValue: try reader.uint8())
        linkName = text(try reader.bytes(100))
        let magicStart = reader.offset
        magic = Array(try reader.bytes(8))
        guard magic == Self.ustarMagic || magic == Self.gnuMagic else {
            throw .badSignature(structure: "tar header", offset: magicStart, expected: Self.ustarMagic, found: magic)
        }
        userName = text(try reader.bytes(32))
        groupName = text(try reader.bytes(32))
        deviceMajor = try number("devmajor", 8, &reader)
        deviceMinor = try number("devminor", 8, &reader)
        prefixArea = Array(try reader.bytes(Self.prefixAreaSize))
        // POSIX sums the bytes as unsigned; some historic tars summed them as signed, which readers also accept.
        let (unsigned, signed) = Self.checksums(block)
        guard stored == unsigned || stored == signed else {
            throw .badChecksum(
                structure: "tar header", offset: offset, stored: UInt64(clamping: stored), computed: UInt64(unsigned))
        }
    }

    /// Encodes the header block with its checksum, numeric fields as GNU tar writes them (zero-padded octal and a
    /// NUL, base-256 when a value does not fit) and the checksum as six digits, NUL and space.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: Self.blockSize)
        func text(_ value: [UInt8], _ width: Int) { writer.append(value); writer.fill(width - value.count) }
        text(name, 100)
        writer.append(TarNumber.encode(Int64(mode), width: 8))
        writer.append(TarNumber.encode(uid, width: 8))
        writer.append(TarNumber.encode(gid, width: 8))
        writer.append(TarNumber.encode(size, width: 12))
        writer.append(TarNumber.encode(modificationTime, width: 12))
        writer.fill(8, with: 0x20)
        writer.uint8(type.rawValue)
        text(linkName, 100)
        writer.append(magic)
        text(userName, 32)
        text(groupName, 32)
        for device in [deviceMajor, deviceMinor] {
            if let device { writer.append(TarNumber.encode(device, width: 8)) } else { writer.fill(8) }
        }
        writer.append(prefixArea)
        var bytes = writer.bytes
        let checksum = Array(String(Self.checksums(bytes[...]).unsigned, radix: 8).utf8)
        let field = [UInt8](repeating: 0x30, count: max(0, 6 - checksum.count)) + checksum + [0, 0x20]
        bytes.replaceSubrange(Self.checksumOffset..<(Self.checksumOffset + 8), with: field.suffix(8))
        return bytes
    }

    /// The unsigned and signed byte sums of a header block with its checksum field read as eight spaces.
    static func checksums(_ block: ArraySlice<UInt8>) -> (unsigned: Int64, signed: Int64) {
        var unsigned: Int64 = 0, signed: Int64 = 0
        for (position, byte) in block.enumerated() {
            let value = (Self.checksumOffset..<(Self.checksumOffset + 8)).contains(position) ? 0x20 : byte
            unsigned += Int64(value)
            signed += Int64(Int8(bitPattern: value))
        }
        return (unsigned, signed)
    }
}
