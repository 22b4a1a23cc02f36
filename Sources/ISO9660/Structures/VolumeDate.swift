import BinaryIO

/// ECMA-119 §8.4.26.1 — Volume descriptor date and time (17 bytes: 16 ASCII digits and a GMT offset).
public struct VolumeDate: Hashable, Sendable, Codable {
    /// The 16 digit characters `YYYYMMDDHHMMSScc`, all `0` when unrecorded.
    public var digits: [UInt8]
    /// Offset from GMT in 15-minute intervals.
    public var gmtOffsetQuarterHours: Int8

    /// The byte size of the field.
    public static let size = 17

    /// The "not specified" value: sixteen `0` digits and a zero offset (§8.4.26.1).
    public static let unspecified = VolumeDate(digits: Array(repeating: 0x30, count: 16), gmtOffsetQuarterHours: 0)

    /// Creates a date from its raw digits.
    public init(digits: [UInt8], gmtOffsetQuarterHours: Int8) {
        precondition(digits.count == 16, "a volume date has 16 digits")
        self.digits = digits
        self.gmtOffsetQuarterHours = gmtOffsetQuarterHours
    }

    /// Decodes the 17-byte field. Non-digit bytes are kept (some tools write NULs); ``unixTime`` is then `nil`.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)``.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "volume date")
        digits = Array(try reader.bytes(16))
        gmtOffsetQuarterHours = Int8(bitPattern: try reader.uint8())
    }

    /// The 17 bytes of the field.
    public func encode() -> [UInt8] { digits + [UInt8(bitPattern: gmtOffsetQuarterHours)] }

    /// The date for a Unix time, in UTC, with hundredths zero.
    public init(unixTime: Int64) {
        self.init(digits: Array(Self.digitText(CivilTime(unixTime: unixTime)).utf8), gmtOffsetQuarterHours: 0)
    }

    private static func digitText(_ civil: CivilTime) -> String {
        let fields = [civil.month, civil.day, civil.hour, civil.minute, civil.second, 0]
        return Digits.padded(min(max(civil.year, 1), 9999), width: 4) + fields.map { Digits.padded($0, width: 2) }.joined()
    }

    /// Seconds since 1970-01-01 UTC, or `nil` when unspecified or not made of digits.
    public var unixTime: Int64? {
        guard digits.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), digits != VolumeDate.unspecified.digits else {
            return nil
        }
        func number(_ range: Range<Int>) -> Int { digits[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        let civil = CivilTime(
            year: number(0..<4), month: number(4..<6), day: number(6..<8), hour: number(8..<10),
            minute: number(10..<12), second: number(12..<14))
        return civil.unixTime - Int64(gmtOffsetQuarterHours) * 900
    }

    /// The date as ISO 8601 text (`2024-01-31T12:00:00Z`), or `nil` when unspecified.
    public var iso8601: String? { unixTime.map(CivilTime.iso8601) }
}
