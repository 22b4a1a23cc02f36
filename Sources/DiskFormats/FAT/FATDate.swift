import BinaryIO

/// fatgen103 §6.1 — Directory entry date: day (bits 0–4), month (5–8), years since 1980 (9–15).
public struct FATDate: RawRepresentable, Hashable, Sendable {
    /// The packed 16-bit value.
    public var rawValue: UInt16

    /// Wraps a packed value as stored on disk (any value round-trips).
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Packs a calendar date.
    /// - Parameters:
    ///   - year: 1980–2107.
    ///   - month: 1–12.
    ///   - day: 1–31.
    public init(year: Int, month: Int, day: Int) {
        precondition((1980...2107).contains(year) && (1...12).contains(month) && (1...31).contains(day), "FAT date out of range")
        rawValue = UInt16(year - 1980) << 9 | UInt16(month) << 5 | UInt16(day)
    }

    /// The date (UTC) of `unixTime` seconds since 1970, clamped to 1980-01-01 … 2107-12-31.
    public init(unixTime: Int64) {
        let civil = FATDate.civil(unixTime: unixTime)
        self.init(year: civil.year, month: civil.month, day: civil.day)
    }

    /// The year (1980–2107).
    public var year: Int { 1980 + Int(rawValue >> 9) }
    /// The month (1–12 when valid).
    public var month: Int { Int(rawValue >> 5 & 0x0F) }
    /// The day of the month (1–31 when valid).
    public var day: Int { Int(rawValue & 0x1F) }

    /// The UTC calendar date and time of day of `unixTime`, clamped to the FAT range.
    static func civil(unixTime: Int64) -> (year: Int, month: Int, day: Int, seconds: Int) {
        let lowest: Int64 = 315_532_800  // 1980-01-01T00:00:00Z
        let highest: Int64 = 4_354_819_199  // 2107-12-31T23:59:59Z
        let clamped = min(max(unixTime, lowest), highest)
        let civil = CivilTime(unixTime: clamped)
        return (civil.year, civil.month, civil.day, civil.hour * 3600 + civil.minute * 60 + civil.second)
    }
}
