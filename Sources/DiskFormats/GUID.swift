import BinaryIO

/// UEFI 2.10 Appendix A — EFI GUID: 16 bytes; the first three fields are stored little-endian, the last two in
/// byte order ("mixed-endian").
///
/// ``string`` gives the canonical text form (`C12A7328-F81F-11D2-BA4B-00A0C93EC93B`), in which every field reads
/// big-endian.
public struct GUID: Hashable, Sendable {
    /// The 16 bytes as stored on disk.
    public let bytes: [UInt8]

    /// The on-disk size of a GUID.
    public static let size = 16

    /// Creates a GUID from its 16 on-disk bytes.
    ///
    /// - Parameter bytes: Exactly 16 bytes in on-disk (mixed-endian) order.
    public init(bytes: [UInt8]) {
        precondition(bytes.count == Self.size, "a GUID has 16 bytes")
        self.bytes = bytes
    }

    /// Decodes a GUID field.
    ///
    /// - Parameters:
    ///   - bytes: At least 16 bytes; the GUID is read from the start.
    ///   - offset: The absolute offset of `bytes.startIndex`, for error messages.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)`` if fewer than 16 bytes are given.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "GUID")
        self.bytes = Array(try reader.bytes(Self.size))
    }

    /// The 16 on-disk bytes.
    public func encode() -> [UInt8] { bytes }

    /// Parses the canonical text form: 32 hex digits grouped 8-4-4-4-12, either case, optionally in braces.
    ///
    /// - Parameter string: Text such as `ebd0a0a2-b9e5-4433-87c0-68b6b72699c7`.
    /// - Returns: `nil` if the text is not a GUID.
    public init?(string: String) {
        var text = Substring(string)
        if text.first == "{", text.last == "}" { text = text.dropFirst().dropLast() }
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return nil }
        var textOrder: [UInt8] = []
        for group in groups {
            var digits = group.makeIterator()
            while let high = digits.next() {
                guard let low = digits.next(), let byte = UInt8(String([high, low]), radix: 16) else { return nil }
                textOrder.append(byte)
            }
        }
        self.init(bytes: Self.swapMixedEndian(textOrder))
    }

    /// The canonical upper-case text form, e.g. `C12A7328-F81F-11D2-BA4B-00A0C93EC93B`.
    public var string: String {
        let text = Self.swapMixedEndian(bytes).map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return digits.count == 1 ? "0" + digits : digits
        }
        return [0..<4, 4..<6, 6..<8, 8..<10, 10..<16].map { text[$0].joined() }.joined(separator: "-")
    }

    /// Whether this is the all-zero GUID, which marks an unused partition entry.
    public var isUnused: Bool { bytes.allSatisfy { $0 == 0 } }

    /// A name-based GUID that depends only on `seed`, for reproducible builds (`SOURCE_DATE_EPOCH`).
    ///
    /// The 128 bits are two rounds of 64-bit FNV-1a over `seed` (the second round starts from the first's result),
    /// with the RFC 4122 version nibble set to 4 and the variant bits to `10`, so the GUID looks like any random one.
    /// The value is part of the on-disk format of reproducible images: never change this function.
    ///
    /// - Parameter seed: Any bytes; equal seeds give equal GUIDs.
    /// - Returns: The derived GUID.
    public static func derived(from seed: [UInt8]) -> GUID {
        let first = fnv1a(seed, from: 0xCBF2_9CE4_8422_2325)
        let second = fnv1a(seed, from: fnv1a([0x01], from: first))
        var textOrder: [UInt8] = []
        for word in [first, second] {
            for shift in stride(from: 56, through: 0, by: -8) { textOrder.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        textOrder[6] = textOrder[6] & 0x0F | 0x40
        textOrder[8] = textOrder[8] & 0x3F | 0x80
        return GUID(bytes: swapMixedEndian(textOrder))
    }

    private static func fnv1a(_ bytes: [UInt8], from start: UInt64) -> UInt64 {
        var hash = start
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Converts between on-disk order and text order; the mapping is its own inverse.
    private static func swapMixedEndian(_ bytes: [UInt8]) -> [UInt8] {
        [3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15].map { bytes[$0] }
    }
}

extension GUID {
    /// The all-zero GUID: an unused partition entry (UEFI 2.10 §5.3.3, table 5.7).
    public static let unused = GUID(bytes: Array(repeating: 0, count: 16))
    /// EFI System Partition, `C12A7328-F81F-11D2-BA4B-00A0C93EC93B` (UEFI 2.10 §5.3.3).
    public static let efiSystemPartition = GUID(string: "C12A7328-F81F-11D2-BA4B-00A0C93EC93B")!
    /// Microsoft basic data (FAT, NTFS, exFAT; also used for ISO 9660 data), `EBD0A0A2-B9E5-4433-87C0-68B6B72699C7`.
    public static let basicData = GUID(string: "EBD0A0A2-B9E5-4433-87C0-68B6B72699C7")!
    /// BIOS boot partition for GRUB's core image, `21686148-6449-6E6F-744E-656564454649`.
    public static let biosBoot = GUID(string: "21686148-6449-6E6F-744E-656564454649")!
    /// Linux file system data, `0FC63DAF-8483-4772-8E79-3D69D8477DE4`.
    public static let linuxFilesystem = GUID(string: "0FC63DAF-8483-4772-8E79-3D69D8477DE4")!
}

extension GUID: CustomStringConvertible {
    public var description: String { string }
}

extension GUID: Codable {
    /// Decodes the canonical text form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let guid = GUID(string: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a GUID: \(text)")
        }
        self = guid
    }

    /// Encodes the canonical text form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(string)
    }
}
