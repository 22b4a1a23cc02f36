import BinaryIO

/// SUSP §4.1 — one System Use Entry of a directory record's system use field or of a continuation area, with the
/// SUSP and Rock Ridge (RRIP) entries decoded and any other entry kept byte for byte.
public enum SystemUseEntry: Hashable, Sendable {
    /// SP (SUSP §5.3): SUSP is in use; every later system use field starts `skipBytes` bytes in. Check bytes BE EF.
    case sharingProtocol(skipBytes: UInt8)
    /// CE (SUSP §5.1): the entries continue in another area.
    case continuation(ContinuationArea)
    /// PD (SUSP §5.2): `length` bytes of padding, header included (4…255), with zero padding bytes.
    case padding(length: Int)
    /// ST (SUSP §5.4): no entries follow in this area.
    case terminator
    /// ER (SUSP §5.5): names an extension in use.
    case extensionsReference(ExtensionsReference)
    /// RR (RRIP 1.09 §4.1.7, obsolete but common): which Rock Ridge entries the file has.
    case rockRidgeFlags(UInt8)
    /// PX (RRIP §4.1.1): POSIX file attributes.
    case posixAttributes(POSIXAttributes)
    /// PN (RRIP §4.1.2): device number.
    case deviceNumber(high: UInt32, low: UInt32)
    /// SL (RRIP §4.1.3): (part of) a symbolic link target.
    case symbolicLink(SymbolicLinkEntry)
    /// NM (RRIP §4.1.4): (part of) the POSIX name.
    case alternateName(AlternateNameEntry)
    /// CL (RRIP §4.1.5.1): the relocated directory this placeholder file stands for, by extent LBA.
    case childLink(UInt32)
    /// PL (RRIP §4.1.5.2): the original parent of a relocated directory, by extent LBA.
    case parentLink(UInt32)
    /// RE (RRIP §4.1.5.3): this directory was relocated.
    case relocatedDirectory
    /// TF (RRIP §4.1.6): time stamps.
    case timestamps(TimestampsEntry)
    /// Any other entry (e.g. ZF, AL, AA, ES, SF), or a known one with a version other than 1, or PD with non-zero
    /// padding: `signature` (2 bytes), `version` and the bytes after the 4-byte header, re-encoded unchanged.
    case unknown(signature: [UInt8], version: UInt8, data: [UInt8])
}

extension SystemUseEntry {
    /// The two signature bytes as text, e.g. `"PX"`.
    public var signature: String {
        switch self {
        case .sharingProtocol: "SP"
        case .continuation: "CE"
        case .padding: "PD"
        case .terminator: "ST"
        case .extensionsReference: "ER"
        case .rockRidgeFlags: "RR"
        case .posixAttributes: "PX"
        case .deviceNumber: "PN"
        case .symbolicLink: "SL"
        case .alternateName: "NM"
        case .childLink: "CL"
        case .parentLink: "PL"
        case .relocatedDirectory: "RE"
        case .timestamps: "TF"
        case let .unknown(signature, _, _): String(decoding: signature, as: UTF8.self)
        }
    }

    /// The SP check bytes (SUSP §5.3).
    public static let sharingProtocolCheckBytes: [UInt8] = [0xBE, 0xEF]

    /// Decodes the entry at the start of `bytes`, reading only as many bytes as its length byte gives.
    /// - Parameters:
    ///   - bytes: The bytes starting with the entry.
    ///   - offset: The absolute file offset of `bytes.first`.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)`` (`"system use entry"`) when the
    ///   length byte is below 4 or runs past `bytes`; ``DecodeError/invalidValue(field:offset:reason:)`` (`"PX
    ///   length"` and the like) when a known entry has a length its kind does not allow;
    ///   ``DecodeError/badSignature(structure:offset:expected:found:)`` when SP's check bytes are not BE EF; and
    ///   the errors of the entry's own decoder.
    ///
    /// Spec: IEEE P1281 (SUSP 1.12) §4.1, §5; IEEE P1282 (RRIP 1.12) §4.1.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        let header = try SystemUseEntryHeader(bytes: bytes, at: offset)
        guard header.length >= SystemUseEntryHeader.size else {
            throw .truncated(
                structure: "system use entry", offset: offset, needed: SystemUseEntryHeader.size, available: header.length)
        }
        var whole = ByteReader(bytes, at: offset, structure: "system use entry")
        let entry = try whole.bytes(header.length)
        guard header.version == 1, let kind = String(validating: header.signature, as: UTF8.self) else {
            self = .unknown(signature: header.signature, version: header.version, data: Array(entry.dropFirst(4)))
            return
        }
        switch kind {
        case "SP":
            var reader = try SystemUseEntryHeader.open(entry, at: offset, signature: kind, length: .exactly(7))
            try reader.expect(Self.sharingProtocolCheckBytes)
            self = .sharingProtocol(skipBytes: try reader.uint8())
        case "CE": self = .continuation(try ContinuationArea(bytes: entry, at: offset))
        case "PD":
            var reader = try SystemUseEntryHeader.open(entry, at: offset, signature: kind, length: .atLeast(4))
            let padding = try reader.bytes(reader.remaining)
            if padding.allSatisfy({ $0 == 0 }) {
                self = .padding(length: header.length)
            } else {
                self = .unknown(signature: header.signature, version: header.version, data: Array(padding))
            }
        case "ST":
            _ = try SystemUseEntryHeader.open(entry, at: offset, signature: kind, length: .exactly(4))
            self = .terminator
        case "ER": self = .extensionsReference(try ExtensionsReference(bytes: entry, at: offset))
        case "RR":
            var reader = try SystemUseEntryHeader.open(entry, at: offset, signature: kind, length: .exactly(5))
            self = .rockRidgeFlags(try reader.uint8())
        case "PX": self = .posixAttributes(try POSIXAttributes(bytes: entry, at: offset))
        case "PN":
            let device = try DeviceNumber(bytes: entry, at: offset)
            self = .deviceNumber(high: device.high, low: device.low)
        case "SL": self = .symbolicLink(try SymbolicLinkEntry(bytes: entry, at: offset))
        case "NM": self = .alternateName(try AlternateNameEntry(bytes: entry, at: offset))
        case "CL", "PL":
            var reader = try SystemUseEntryHeader.open(entry, at: offset, signature: kind, length: .exactly(12))
            let location = try reader.bothEndianUInt32(field: "\(kind) location")
            self = kind == "CL" ? .childLink(location) : .parentLink(location)
        case "RE":
            _ = try SystemUseEntryHeader.open(entry, at: offset, signature: kind, length: .exactly(4))
            self = .relocatedDirectory
        case "TF": self = .timestamps(try TimestampsEntry(bytes: entry, at: offset))
        default: self = .unknown(signature: header.signature, version: header.version, data: Array(entry.dropFirst(4)))
        }
    }

    /// The bytes of the entry.
    ///
    /// An entry longer than 255 bytes, a ``padding(length:)`` outside 4…255 or an ``unknown(signature:version:data:)``
    /// signature that is not 2 bytes is a programmer error.
    public func encode() -> [UInt8] {
        switch self {
        case let .sharingProtocol(skipBytes):
            return SystemUseEntryHeader.encode("SP", dataCount: 3) + Self.sharingProtocolCheckBytes + [skipBytes]
        case let .continuation(area): return area.encode()
        case let .padding(length):
            precondition(length >= SystemUseEntryHeader.size, "a PD entry has at least 4 bytes")
            return SystemUseEntryHeader.encode("PD", dataCount: length - 4) + Array(repeating: 0, count: length - 4)
        case .terminator: return SystemUseEntryHeader.encode("ST", dataCount: 0)
        case let .extensionsReference(reference): return reference.encode()
        case let .rockRidgeFlags(flags): return SystemUseEntryHeader.encode("RR", dataCount: 1) + [flags]
        case let .posixAttributes(attributes): return attributes.encode()
        case let .deviceNumber(high, low): return DeviceNumber(high: high, low: low).encode()
        case let .symbolicLink(link): return link.encode()
        case let .alternateName(name): return name.encode()
        case let .childLink(location): return Self.encodeLocation("CL", location)
        case let .parentLink(location): return Self.encodeLocation("PL", location)
        case .relocatedDirectory: return SystemUseEntryHeader.encode("RE", dataCount: 0)
        case let .timestamps(stamps): return stamps.encode()
        case let .unknown(signature, version, data):
            precondition(signature.count == 2, "a System Use Entry signature has 2 bytes")
            precondition(data.count <= 251, "a System Use Entry holds at most 255 bytes")
            return signature + [UInt8(4 + data.count), version] + data
        }
    }

    private static func encodeLocation(_ signature: String, _ location: UInt32) -> [UInt8] {
        var writer = ByteWriter(capacity: 12)
        writer.append(SystemUseEntryHeader.encode(signature, dataCount: 8))
        writer.bothEndianUInt32(location)
        return writer.bytes
    }
}
