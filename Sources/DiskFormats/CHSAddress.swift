import BinaryIO

/// UEFI 2.10 §5.2.1 (table 5.2) — a cylinder-head-sector address in an MBR partition record (3 bytes).
///
/// Modern systems use the LBA fields; the CHS bytes are kept verbatim so a table re-encodes exactly.
public struct CHSAddress: Hashable, Sendable {
    /// The three on-disk bytes: head, sector (bits 0–5) with cylinder bits 8–9 (bits 6–7), cylinder bits 0–7.
    public let bytes: [UInt8]

    /// The on-disk size.
    public static let size = 3

    /// Creates an address from its three on-disk bytes.
    public init(bytes: [UInt8]) {
        precondition(bytes.count == Self.size, "a CHS address has 3 bytes")
        self.bytes = bytes
    }

    /// Decodes the 3-byte field.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)``.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "CHS address")
        self.bytes = Array(try reader.bytes(Self.size))
    }

    /// The three on-disk bytes.
    public func encode() -> [UInt8] { bytes }

    /// The address of `lba` in a geometry of `heads` × `sectorsPerTrack`, or ``beyondLimit`` past cylinder 1023.
    ///
    /// - Parameters:
    ///   - lba: A 512-byte sector number.
    ///   - heads: Heads per cylinder (1–255).
    ///   - sectorsPerTrack: Sectors per track (1–63).
    public init(lba: UInt64, heads: Int = 255, sectorsPerTrack: Int = 63) {
        precondition((1...255).contains(heads) && (1...63).contains(sectorsPerTrack), "impossible CHS geometry")
        let perCylinder = UInt64(heads * sectorsPerTrack)
        let cylinder = lba / perCylinder
        guard cylinder <= 1023 else {
            self = .beyondLimit
            return
        }
        let head = (lba % perCylinder) / UInt64(sectorsPerTrack)
        let sector = lba % UInt64(sectorsPerTrack) + 1
        self.init(bytes: [
            UInt8(head), UInt8(sector) | UInt8(truncatingIfNeeded: (cylinder >> 8) << 6), UInt8(truncatingIfNeeded: cylinder),
        ])
    }

    /// `FF FF FF`: the address cannot be given in CHS (UEFI 2.10 §5.2.3, table 5.4, EndingCHS).
    public static let beyondLimit = CHSAddress(bytes: [0xFF, 0xFF, 0xFF])

    /// `00 02 00`: cylinder 0, head 0, sector 2 — the start of a protective partition at LBA 1.
    public static let lba1 = CHSAddress(bytes: [0x00, 0x02, 0x00])

    /// The cylinder (0–1023).
    public var cylinder: Int { Int(bytes[1] & 0xC0) << 2 | Int(bytes[2]) }
    /// The head (0–255).
    public var head: Int { Int(bytes[0]) }
    /// The sector (1–63; 0 is invalid).
    public var sector: Int { Int(bytes[1] & 0x3F) }
}

extension CHSAddress: CustomStringConvertible {
    public var description: String { "\(cylinder)/\(head)/\(sector)" }
}
