import BinaryIO

/// RFC 9110 §5.6.7 — HTTP dates in the preferred IMF-fixdate form (`Sun, 06 Nov 1994 08:49:37 GMT`).
public enum HTTPDate {
    static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `unixTime` as an IMF-fixdate.
    public static func format(_ unixTime: Int64) -> String {
        let civil = CivilTime(unixTime: unixTime)
        let days = unixTime >= 0 ? unixTime / 86_400 : (unixTime - 86_399) / 86_400
        let weekday = weekdays[Int(((days % 7) + 7) % 7)]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekday), \(two(civil.day)) \(months[civil.month - 1]) \(civil.year) "
            + "\(two(civil.hour)):\(two(civil.minute)):\(two(civil.second)) GMT"
    }

    /// The Unix time of an IMF-fixdate, or `nil` if `text` is not one (RFC 9110 §13.1.3: an invalid date makes
    /// the condition be ignored). The weekday is not checked against the date.
    public static func parse(_ text: some StringProtocol) -> Int64? {
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].count == 4, parts[0].hasSuffix(","), parts[5] == "GMT",
            let day = Int(parts[1]), parts[1].count == 2, let monthIndex = months.firstIndex(of: String(parts[2])),
            let year = Int(parts[3]), parts[3].count == 4
        else { return nil }
        let clock = parts[4].split(separator: ":")
        guard clock.count == 3, clock.allSatisfy({ $0.count == 2 }), let hour = Int(clock[0]), let minute = Int(clock[1]),
            let second = Int(clock[2]), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        return CivilTime(year: year, month: monthIndex + 1, day: day, hour: hour, minute: minute, second: second).unixTime
    }
}
