import BinaryIO

/// ECMA-119 §9.1.5 — Recording Date and Time (7 bytes), used in directory records and Rock Ridge TF short form.
public struct RecordingDate: Hashable, Sendable, Codable {
    /// Years since 1900.
    public var yearsSince1900: UInt8
    /// Month, 1–12 (0 when unrecorded).
    public var month: UInt8
    /// Day of month, 1–31 (0 when unrecorded).
    public var day: UInt8
    /// Hour, 0–23.
    public var hour: UInt8
    /// Minute, 0–59.
    public var minute: UInt8
    /// Second, 0–59.
    public var second: UInt8
    /// Offset from GMT in 15-minute intervals, −48…+52.
    public var gmtOffsetQuarterHours: Int8

    /// The byte size of the field.
    public static let size = 7

    /// Creates a date from its fields.
    public init(
        yearsSince1900: UInt8, month: UInt8, day: UInt8, hour: UInt8, minute: UInt8, second: UInt8,
        gmtOffsetQuarterHours: Int8
    ) {
        self.yearsSince1900 = yearsSince1900
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.gmtOffsetQuarterHours = gmtOffsetQuarterHours
    }

    /// Decodes the 7-byte field. Values are kept as stored (images in the wild hold zeros and odd offsets), so the
    /// decoder only needs the bytes to be present.
    /// - Throws: ``DecodeError/truncated(structure:offset:needed:available:)``.
    public init(bytes: ArraySlice<UInt8>, at offset: Int64) throws(DecodeError) {
        var reader = ByteReader(bytes, at: offset, structure: "recording date")
        yearsSince1900 = try reader.uint8()
        month = try reader.uint8()
        day = try reader.uint8()
        hour = try reader.uint8()
        minute = try reader.uint8()
        second = try reader.uint8()
        gmtOffsetQuarterHours = Int8(bitPattern: try reader.uint8())
    }

    /// The 7 bytes of the field.
    public func encode() -> [UInt8] {
        [yearsSince1900, month, day, hour, minute, second, UInt8(bitPattern: gmtOffsetQuarterHours)]
    }

    /// The date for a Unix time, in UTC. Times outside 1900…2155 are clamped to the representable range.
    public init(unixTime: Int64) {
        let civil = CivilTime(unixTime: unixTime)
        let year = min(max(civil.year, 1900), 2155)
        self.init(
            yearsSince1900: UInt8(year - 1900), month: UInt8(civil.month), day: UInt8(civil.day),
            hour: UInt8(civil.hour), minute: UInt8(civil.minute), second: UInt8(civil.second),
            gmtOffsetQuarterHours: 0)
    }

    /// Seconds since 1970-01-01 UTC, or `nil` when the date is unrecorded (all zero) or invalid.
    public var unixTime: Int64? {
        guard month >= 1, month <= 12, day >= 1, day <= 31 else { return nil }
        let civil = CivilTime(
            year: 1900 + Int(yearsSince1900), month: Int(month), day: Int(day), hour: Int(hour),
            minute: Int(minute), second: Int(second))
        return civil.unixTime - Int64(gmtOffsetQuarterHours) * 900
    }
}
