/// Converts between Unix time and proleptic Gregorian calendar fields in UTC, without Foundation; shared by the
/// date fields of ISO 9660, Rock Ridge and FAT.
public struct CivilTime: Hashable, Sendable {
    /// The year, e.g. 2024.
    public var year: Int
    /// 1–12.
    public var month: Int
    /// 1–31.
    public var day: Int
    /// 0–23.
    public var hour: Int
    /// 0–59.
    public var minute: Int
    /// 0–59.
    public var second: Int

    /// Creates calendar fields.
    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// Calendar fields for `unixTime` (days-from-civil algorithm, valid for all Int64 days in range).
    public init(unixTime: Int64) {
        let days = unixTime >= 0 ? unixTime / 86_400 : (unixTime - 86_399) / 86_400
        let seconds = Int(unixTime - days * 86_400)
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
        hour = seconds / 3600
        minute = seconds / 60 % 60
        second = seconds % 60
    }

    /// Seconds since 1970-01-01 UTC.
    public var unixTime: Int64 {
        let shiftedYear = Int64(month <= 2 ? year - 1 : year)
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let monthIndex = Int64(month > 2 ? month - 3 : month + 9)
        let dayOfYear = (153 * monthIndex + 2) / 5 + Int64(day) - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        return days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// `2024-01-31T12:00:00Z`.
    public static func iso8601(_ unixTime: Int64) -> String {
        let time = CivilTime(unixTime: unixTime)
        return "\(Digits.padded(time.year, width: 4))-\(Digits.padded(time.month, width: 2))-\(Digits.padded(time.day, width: 2))T"
            + "\(Digits.padded(time.hour, width: 2)):\(Digits.padded(time.minute, width: 2)):\(Digits.padded(time.second, width: 2))Z"
    }
}

/// Zero-padded decimal text for date fields.
public enum Digits {
    /// `value` as decimal text, left-padded with zeros to `width` characters.
    public static func padded(_ value: Int, width: Int) -> String {
        let plain = "\(value)"
        return String(repeating: "0", count: max(0, width - plain.count)) + plain
    }
}
