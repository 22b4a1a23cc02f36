/// fatgen103 §6.1 — Directory entry time: 2-second count (bits 0–4), minutes (5–10), hours (11–15).
public struct FATTime: RawRepresentable, Hashable, Sendable {
    /// The packed 16-bit value.
    public var rawValue: UInt16

    /// Wraps a packed value as stored on disk (any value round-trips).
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Packs a time of day; odd seconds round down (FAT stores 2-second steps).
    /// - Parameters:
    ///   - hour: 0–23.
    ///   - minute: 0–59.
    ///   - second: 0–59.
    public init(hour: Int, minute: Int, second: Int) {
        precondition((0...23).contains(hour) && (0...59).contains(minute) && (0...59).contains(second), "FAT time out of range")
        rawValue = UInt16(hour) << 11 | UInt16(minute) << 5 | UInt16(second / 2)
    }

    /// The UTC time of day of `unixTime` seconds since 1970 (clamped to the FAT date range like ``FATDate``).
    public init(unixTime: Int64) {
        let seconds = FATDate.civil(unixTime: unixTime).seconds
        self.init(hour: seconds / 3600, minute: seconds / 60 % 60, second: seconds % 60)
    }

    /// The hour (0–23 when valid).
    public var hour: Int { Int(rawValue >> 11) }
    /// The minute (0–59 when valid).
    public var minute: Int { Int(rawValue >> 5 & 0x3F) }
    /// The second (0–58, even).
    public var second: Int { Int(rawValue & 0x1F) * 2 }
}
