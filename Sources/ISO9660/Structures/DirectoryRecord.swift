import BinaryIO

/// ECMA-119 §9.1 — Directory Record (variable length, ≥ 34 bytes).
public struct DirectoryRecord: Hashable, Sendable {
    /// Length of the extended attribute record in blocks (§9.1.2).
    public var extendedAttributeLength: UInt8
    /// First logical block of the file's extent (§9.1.3).
    public var extentLBA: UInt32
    /// Bytes in this extent (§9.1.4).
    public var dataLength: UInt32
    /// When the file was recorded (§9.1.5).
    public var recordingDate: RecordingDate
    /// File flags (§9.1.6).
    public var flags: FileFlags
    /// File unit size for interleaved files (§9.1.7); 0 when not interleaved.
    public var fileUnitSize: UInt8
    /// Interleave gap size (§9.1.8).
    public var interleaveGapSize: UInt8
    /// The 4 bytes of the volume sequence number (§9.1.9), kept as stored: some tools write halves that disagree.
    public var volumeSequenceField: [UInt8]
    /// File identifier bytes (§9.1.11): `[0]` for the directory itself, `[1]` for its parent.
    public var identifier: [UInt8]
    /// The system use field (§9.1.13), where SUSP and Rock Ridge entries live.
    public var systemUse: [UInt8]

    /// The smallest possible record: 33 fixed bytes and a one-byte identifier.
    public static let minimumLength = 34

    /// Creates a record from its fields.
    public init(
        extentLBA: UInt32, dataLength: UInt32, recordingDate: RecordingDate, flags: FileFlags,
        identifier: [UInt8], systemUse: [UInt8] = [], extendedAttributeLength: UInt8 = 0,
        fileUnitSize: UInt8 = 0, interleaveGapSize: UInt8 = 0, volumeSequenceNumber: UInt16 = 1
    ) {
        self.extendedAttributeLength = extendedAttributeLength
        self.extentLBA = extentLBA
        self.dataLength = dataLength
        self.recordingDate = recordingDate
        self.flags = flags
        self.fileUnitSize = fileUnitSize
        self.interleaveGapSize = interleaveGapSize
        var field = ByteWriter(capacity: 4)
        field.bothEndianUInt16(volumeSequenceNumber)
        self.volumeSequenceField = field.bytes
        self.identifier = identifier
        self.systemUse = systemUse
    }

    /// Decodes one record starting at `bytes.first`; the record may be followed by more bytes.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)`` when the record or its identifier
    ///   runs past `bytes`, ``DecodeError/fieldOutOfRange(field:offset:value:limit:)`` for a record length below 34
    ///   or an identifier longer than the record, ``DecodeError/byteOrderMismatch(field:offset:littleEndian:bigEndian:)``.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "directory record")
        let length = Int(try reader.uint8())
        guard length >= Self.minimumLength else {
            throw .fieldOutOfRange(
                field: "directory record length", offset: offset, value: UInt64(length),
                limit: UInt64(Self.minimumLength))
        }
        guard length <= bytes.count else {
            throw .truncated(structure: "directory record", offset: offset, needed: length, available: bytes.count)
        }
        reader = ByteReader(bytes.prefix(length), at: offset, structure: "directory record")
        try reader.skip(1)
        extendedAttributeLength = try reader.uint8()
        extentLBA = try reader.bothEndianUInt32(field: "directory record extent")
        dataLength = try reader.bothEndianUInt32(field: "directory record data length")
        recordingDate = try RecordingDate(bytes: try reader.bytes(RecordingDate.size), at: reader.offset - 7)
        flags = FileFlags(rawValue: try reader.uint8())
        fileUnitSize = try reader.uint8()
        interleaveGapSize = try reader.uint8()
        volumeSequenceField = Array(try reader.bytes(4))
        let identifierLength = Int(try reader.uint8())
        guard identifierLength >= 1, identifierLength <= length - 33 else {
            throw .fieldOutOfRange(
                field: "file identifier length", offset: offset + 32, value: UInt64(identifierLength),
                limit: UInt64(length - 33))
        }
        identifier = Array(try reader.bytes(identifierLength))
        if identifierLength % 2 == 0, reader.remaining > 0 { try reader.skip(1) }
        systemUse = Array(try reader.bytes(reader.remaining))
    }

    /// Total bytes of the encoded record, always even.
    public var encodedLength: Int {
        let base = 33 + identifier.count + (identifier.count % 2 == 0 ? 1 : 0)
        let total = base + systemUse.count
        return total + total % 2
    }

    /// The encoded record; the system use field is padded to an even total length.
    public func encode() -> [UInt8] {
        var writer = ByteWriter(capacity: encodedLength)
        writer.uint8(UInt8(encodedLength))
        writer.uint8(extendedAttributeLength)
        writer.bothEndianUInt32(extentLBA)
        writer.bothEndianUInt32(dataLength)
        writer.append(recordingDate.encode())
        writer.uint8(flags.rawValue)
        writer.uint8(fileUnitSize)
        writer.uint8(interleaveGapSize)
        writer.append(volumeSequenceField)
        writer.uint8(UInt8(identifier.count))
        writer.append(identifier)
        if identifier.count % 2 == 0 { writer.uint8(0) }
        writer.append(systemUse)
        writer.align(to: 2)
        return writer.bytes
    }

    /// True for the record naming the directory itself (identifier 0x00).
    public var isSelf: Bool { identifier == [0] }

    /// True for the record naming the parent directory (identifier 0x01).
    public var isParent: Bool { identifier == [1] }
}
