/// Sizes written as on the command line: `4G`, `512M`, `100K`, `1T` (powers of 1024; an optional `iB`/`B`), or
/// plain bytes.
public enum ByteSize {
    /// Parses `text`; `nil` for anything else, a negative size, or one that overflows `Int64`.
    public static func parse(_ text: String) -> Int64? {
        var digits = Substring(text)
        for suffix in ["iB", "B"] where digits.count > suffix.count && digits.hasSuffix(suffix) {
            digits = digits.dropLast(suffix.count)
            break
        }
        var shift: Int64 = 0
        if let last = digits.last, let power = "KMGT".firstIndex(of: Character(last.uppercased())) {
            shift = Int64(10 * ("KMGT".distance(from: "KMGT".startIndex, to: power) + 1))
            digits = digits.dropLast()
        }
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let value = Int64(digits) else {
            return nil
        }
        let (result, overflow) = value.multipliedReportingOverflow(by: 1 << shift)
        return overflow ? nil : result
    }
}
